"""Steps ``glossary``, ``term lists``, ``glossary pages``, ``sidebars`` and ``interviews``: glossary
entries (term lines followed by definitions), sidebars ("Zoom sur…"), and interviews (questions and
answers, speaker initials resolved to names).

Place in the pipeline: the glossary early (its terms look like titles), sidebars and interviews late, on
blocks in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .common import (
    _SPEAKER,
    _ZOOM_TITLE,
    LINK_OPEN,
    NOTE_OPEN,
    PB_CLOSE,
    PB_OPEN,
    Block,
    Line,
    State,
    _ends_sentence,
    _has_letter,
    _is_capitals,
    _normal,
    _plain,
)
from .headings import _caps_is_heading, _starts_rubric
from .joining import _rejoin


def find_glossary(state: State) -> None:  # noqa: C901 - the glossary's bounds, then each entry's shape
    """After a "Lexique" rubric: term lines followed by their definitions (before headings: a term in
    capitals such as "GEEK" is not a heading).

    Another title of the table of contents ends the glossary, unless the table lists it before the glossary:
    that part was printed earlier, and the extraction set a piece of it here (pdftotext interleaves the
    columns' chunks), so the glossary may go on after it. It goes on at the first entry of the plainest
    shape (see :func:`_resumes_glossary`), reported.
    """
    state.step = "glossary"
    inside = False
    suspended = False  # inside a piece of an earlier part set in the glossary
    glossary_rank: int | None = None
    result: list[Block] = []
    blocks = state.blocks
    for position, block in enumerate(blocks):
        if block.kind != "para":
            result.append(block)
            continue
        rubric = _starts_rubric(block.lines)
        if block.data.get("toc") and (not rubric or _normal(block.raw()) != _normal(rubric[0])):
            rubric = None  # a title opening with a rubric's name is a title of its own ("Rencontre avec l’équipe")
            rank = state.toc_order.get(_normal(block.raw()))
            # another title of the table of contents: the glossary is over, or only interrupted by a title the
            # table lists before it
            suspended = (inside or suspended) and glossary_rank is not None and rank is not None \
                and rank < glossary_rank
            inside = False
        elif suspended and _resumes_glossary(block, blocks[position + 1] if position + 1 < len(blocks) else None):
            suspended, inside = False, True
            state.guess(block.line, f"the glossary goes on at {block.lines[0].text.strip()!r}, after a piece of an "
                                    "earlier part the extraction set inside it")
        if rubric:
            inside = _normal(rubric[0]) == _normal("Lexique")
            suspended = False
            glossary_rank = state.toc_order.get(_normal(rubric[0])) if inside else None
            if not inside:
                result.append(block)
                continue
            result.append(Block(block.lines[:rubric[1]], kind="heading", text=rubric[0], page=block.page, level=2,
                                data={"rubric": True}))
            if len(block.lines) == rubric[1]:
                continue
            block = Block(block.lines[rubric[1]:], page=block.page)
            block.text = _rejoin(state, block, block.lines)
        if not inside:
            result.append(block)
            continue
        if result and result[-1].kind == "para" and len(result[-1].lines) == 1 and result[-1].data.get("term_line"):
            # a term alone on its line, its definition in this block (extractions without blank lines)
            term_block = result.pop()
            block.lines = [Line(term_block.lines[0].no, term_block.lines[0].text.rstrip() + "  "), *block.lines]
        lines = block.lines
        if len(lines) == 1 and _term_length(lines[0].text) <= _TERM_CHARACTERS and _has_letter(lines[0].text) and \
                not _ends_sentence(lines[0].text.strip()):
            block.data["term_line"] = True
            result.append(block)
            continue
        term_end = None
        for index, line in enumerate(lines[:3]):
            if line.text.endswith("  ") and index + 1 < len(lines):
                term_end = index
                break
        if term_end is None and len(lines) >= 2 and _term_then_definition(lines):
            term_end = 0
            state.guess(lines[0].no, f"glossary term {lines[0].text.strip()!r} (no layout mark)")
        if term_end is not None:
            block.kind = "term"
            block.data["term"] = " ".join(li.text.strip() for li in lines[:term_end + 1])
            block.text = _rejoin(state, block, lines[term_end + 1:])
        result.append(block)
    state.blocks = result


_TERM_CHARACTERS = 50
"""The longest a glossary's term is, in characters (a definition's first line is longer)."""


def _term_length(text: str) -> int:
    """A term's length without the gloss in brackets that may end it ("Règlement général sur la protection
    des données (RGPD)", "Intelligence Artificielle (acronyme IA ou AI en anglais)"): an acronym or a
    translation lengthens the term's line, not the term."""
    return len(re.sub(r"\s*\([^()]*\)$", "", text.strip()))


def _term_then_definition(lines: list[Line]) -> bool:
    """Whether a block without layout marks reads as a term on its first line, its definition below: a short
    line with a letter, without a stop, over a definition that opens a phrase (a line going on in lower case
    was cut mid-phrase: "Fréquentation de l’EPN au premier" | "trimestre.") and is more than one short
    line without a stop (two labels of a figure or a table: "Nord" | "Sud")."""
    first, second = lines[0].text.strip(), lines[1].text.strip()
    if _term_length(first) > _TERM_CHARACTERS or first.endswith((".", ",", ";")) or first[:1].islower() \
            or not _has_letter(first):
        return False
    if second[:1].islower():
        return False
    return len(lines) > 2 or _ends_sentence(second) or len(second.split()) > 3


def _resumes_glossary(block: Block, following: Block | None) -> bool:
    """Whether ``block`` reads as a glossary entry of the plainest shape, after a piece of another part set
    inside the glossary: a term of four words at most (a capital, no stop, not a speaker's name) on its own
    line, over a definition that opens with a capital and ends a sentence (in the block or the next one)."""
    first = block.lines[0].text.strip()
    if not (first[:1].isupper() and len(first.split()) <= 4 and not _ends_sentence(first)
            and ":" not in first and not _SPEAKER.match(first + " ") and _has_letter(first)):
        return False
    definition = block.lines[1:] if len(block.lines) > 1 else (following.lines if following is not None
                                                               and following.kind == "para" else [])
    return bool(definition) and definition[0].text.strip()[:1].isupper() \
        and _ends_sentence(definition[-1].text.strip())


def find_term_lists(state: State) -> None:
    """Three blocks or more in a row, each a title in capitals over one or two lines of text: a list of
    terms and their descriptions (a page of programmes, of services), not so many headings. In a dense
    extraction, the title in capitals and its text may be two blocks (the title a line of its own)."""
    state.step = "term lists"

    def capitals(block: Block) -> int:
        caps = 0
        while caps < len(block.lines) and _is_capitals(block.lines[caps].text):
            caps += 1
        return caps if 1 <= caps <= 3 and _caps_is_heading(" ".join(li.text for li in block.lines[:caps])) else 0

    def shaped(block: Block) -> int:
        caps = capitals(block)
        return caps if block.kind == "para" and caps and _short_text(block.lines[caps:]) else 0

    from ...transforms.capitals import _normal_case

    content = [b for b in state.blocks if b.kind not in ("page", "removed", "url")]
    items: list[tuple[Block, Block | None]] = []
    runs: list[list[tuple[Block, Block | None]]] = []
    position = 0
    while position <= len(content):
        block = content[position] if position < len(content) else None
        following = content[position + 1] if position + 1 < len(content) else None
        if block is not None and shaped(block):
            items.append((block, None))
            position += 1
            continue
        if block is not None and state.dense and block.kind == "para" and capitals(block) == len(block.lines) \
                and following is not None and following.kind == "para" and 1 <= len(following.lines) <= 3 \
                and not capitals(following):
            items.append((block, following))  # the title a line of its own, its text under it
            position += 2
            continue
        if len(items) >= 3:
            runs.append(items)
        items = []
        position += 1
    for run in runs:
        state.guess(run[0][0].line, f"{len(run)} titles in capitals with a short text taken as a list of terms")
        for member, text in run:
            caps = capitals(member)
            lines = member.lines[caps:] + (text.lines if text is not None else [])
            member.kind = "term"
            member.data["term"] = _normal_case(" ".join(li.text.strip() for li in member.lines[:caps]), set(), True)
            member.data["uppercase"] = True
            member.data["glossary"] = False
            member.text = _rejoin(state, member, lines)
            member.lines = member.lines[:caps] + lines
            if text is not None:
                text.kind = "removed"


_SHORT_TEXT_CHARS = 240
"""The most characters a term's short text may hold when it wraps over more than three lines: three lines of
a page-wide column (a narrow column wraps the same words over five or six)."""


def _short_text(lines: list[Line]) -> bool:
    """Whether a term's text under its title in capitals is short: one to three lines, or more lines of a
    narrow column holding no more than three lines of a page-wide one (:data:`_SHORT_TEXT_CHARS`)."""
    return 1 <= len(lines) <= 3 or len(lines) > 3 and sum(len(line.text.strip()) + 1 for line in lines) <= _SHORT_TEXT_CHARS


def glossary_pages(state: State) -> None:
    """A page that turns between two glossary entries: its marker ends the previous definition."""
    blocks = [b for b in state.blocks if b.kind not in ("removed", "url")]
    for index, block in enumerate(blocks[1:-1], start=1):
        if block.kind == "page" and blocks[index - 1].kind == "term" and blocks[index + 1].kind == "term":
            blocks[index - 1].text += f" {PB_OPEN}{block.text}{PB_CLOSE}"
            block.kind = "removed"


def _reinsert_marks(original: str, definition: str) -> str:
    """Put the inline page markers of ``original`` back into ``definition`` at the same word."""
    for match in re.finditer(f"{PB_OPEN}[^{PB_CLOSE}]*{PB_CLOSE}", original):
        after = _plain(original[match.end():]).split()[:3]
        anchor = " ".join(after)
        position = definition.find(anchor) if anchor else -1
        if position >= 0:
            definition = definition[:position] + match.group(0) + " " + definition[position:]
        else:
            definition += match.group(0)
    return definition


def find_sidebars(state: State) -> None:
    """A "Zoom sur…" label: the blocks from the title in capitals above it to the label form a sidebar.

    A title that itself starts with "Zoom sur" opens a sidebar that runs to the next title.
    """
    state.step = "sidebars"
    blocks = state.blocks
    for index, block in enumerate(blocks):
        if block.kind == "heading" and _ZOOM_TITLE.match(_plain(block.text)):
            block.kind = "sidebar"
            block.data["label"] = ""
            members = []
            for position, other in enumerate(blocks[index + 1:], start=index + 1):
                if other.kind in ("heading", "sidebar", "label") or _opens_interview(blocks, position):
                    break
                if other.kind in ("para", "item", "byline", "credit", "signature"):
                    other.data["in_sidebar"] = block
                    members.append(other)
            block.data["members"] = members
            state.guess(block.line, f"sidebar {_plain(block.text)!r} taken to run to the next title")
            continue
        if block.kind != "label":
            continue
        start = None
        for back in range(index - 1, max(-1, index - 15), -1):
            other = blocks[back]
            if other.kind == "heading" and other.data.get("uppercase"):
                start = back
                break
            if other.kind in ("label", "sidebar") or other.kind == "heading" and other.data.get("rubric"):
                break
        if start is None:
            block.kind = "removed"
            state.guess(block.line, "'Zoom sur' label with no title in capitals above it (removed)")
            continue
        title = blocks[start]
        title.kind = "sidebar"
        title.data["label"] = block.text.strip()
        members = [b for b in blocks[start + 1:index]
                   if b.kind in ("para", "item", "byline", "credit", "heading", "signature")]
        for member in members:
            member.data["in_sidebar"] = title
        title.data["members"] = members
        block.kind = "removed"
        # "POUR EN SAVOIR PLUS, → address" right after the label belongs to the box, with its items
        if index + 1 < len(blocks) and blocks[index + 1].kind == "para" and blocks[index + 1].data.get("lead_in"):
            for other in blocks[index + 1:]:
                if other is not blocks[index + 1] and other.kind != "item":
                    break
                other.data["in_sidebar"] = title
                members.append(other)


def _opens_interview(blocks: list[Block], index: int) -> bool:
    """Whether ``blocks[index]`` is a question answered by a named speaker in the next block: the interview
    goes on after a box, it is not in it."""
    block = blocks[index]
    following = next((b for b in blocks[index + 1:] if b.kind not in ("page", "removed", "url")), None)
    return block.kind == "para" and _plain(block.text).rstrip().endswith("?") and following is not None \
        and following.kind == "para" and bool(_SPEAKER.match(_plain(following.text)))


def _speaker_paragraphs(blocks: list[Block]) -> Iterator[tuple[Block, re.Match[str]]]:
    """The paragraphs that open with a speaker's name or initials and a colon, with that match."""
    for block in blocks:
        if block.kind == "para" and (match := _SPEAKER.match(_plain(block.text))):
            yield block, match


def find_interviews(state: State) -> None:
    """Answers start with a speaker's name or initials and a colon; the paragraph before is the question."""
    state.step = "interviews"
    names: dict[str, str] = {}
    # First every full name (its initials resolve the answers prefixed by initials alone), then the answers.
    for _, match in _speaker_paragraphs(state.blocks):
        who = match.group(1)
        if " " in who and all(w[:1].isupper() and not w.isupper() for w in who.split()):
            initials = "".join(w[0] for w in re.split(r"[\s-]+", who) if w)
            names[initials] = who
    for block, match in _speaker_paragraphs(state.blocks):
        who = match.group(1)
        if who in names:
            block.kind = "answer"
            block.data.update(speaker=names[who], initials=who)
        elif " " in who and who in names.values() and not who.isupper():
            initials = next(k for k, v in names.items() if v == who)
            block.kind = "answer"
            block.data.update(speaker=who, initials=initials)
        else:
            continue
        block.text = _strip_prefix(block.text, match.end())
    state.speakers = names
    # Questions: an unprefixed paragraph ending with "?" right before an answer.
    blocks = state.blocks
    for index, block in enumerate(blocks):
        if block.kind != "answer":
            continue
        for back in range(index - 1, max(-1, index - 6), -1):
            other = blocks[back]
            if other.kind == "para" and _plain(other.text).rstrip().endswith("?"):
                other.kind = "question"
                _question_opened_above(blocks, back)
                break
            if other.kind in ("para", "answer", "question", "heading"):
                break
    # Continuations of an answer: unprefixed paragraphs after it, until a question or a heading.
    current = None
    for block in blocks:
        if block.kind == "answer":
            current = block
        elif block.kind in ("question", "heading", "sidebar", "item", "term", "byline", "signature") \
                or block.data.get("uppercase"):
            current = None
        elif block.kind == "para" and current is not None and not block.data.get("in_sidebar"):
            block.kind = "answer_more"
            block.data["turn"] = current


def _question_opened_above(blocks: list[Block], index: int) -> None:
    """A question asked in two paragraphs ("… quel est votre regard sur l’événement ?" | "Plus globalement,
    comment l’avez-vous conçu ?"): the paragraph right above the question at ``index``, a question too, opens
    it; the question's paragraph goes on in the same turn (an interviewer's turn is not followed by another
    without an answer between)."""
    above = blocks[index - 1] if index > 0 else None
    if above is not None and above.kind == "para" and _plain(above.text).rstrip().endswith("?") \
            and not _SPEAKER.match(_plain(above.text)):
        above.kind = "question"
        blocks[index].kind = "answer_more"
        blocks[index].data["turn"] = above


def _strip_prefix(text: str, plain_end: int) -> str:
    """Remove the first ``plain_end`` visible characters of ``text`` (stopping at the first sentinel)."""
    for index, char in enumerate(text[:plain_end]):
        if char in (PB_OPEN, NOTE_OPEN, LINK_OPEN):
            return text[index:]
    return text[plain_end:]
