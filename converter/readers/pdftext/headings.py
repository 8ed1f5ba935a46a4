"""Steps ``headings`` and ``title places``: headings found by capitals, short lines, the rubric
names every carnet uses and the printed table of contents, given a level, and titles moved back to the place
their part starts. Text in capitals is stored in normal case.

Place in the pipeline: after notes, glossary, figures and attributions (which would otherwise look like
titles), before lists and quotes.
"""

from __future__ import annotations

import re
import statistics
from functools import cache

from .column_text import _all_capitals
from .common import (
    _BULLET,
    _BYLINE,
    _CREDIT,
    _DOMAIN,
    _TERMINAL,
    _URL_LINE,
    LINK_CLOSE,
    LINK_OPEN,
    RUBRICS,
    Block,
    Line,
    State,
    _has_letter,
    _is_capitals,
    _normal,
    _plain,
    _starts_lower,
)
from .dense import _FIELD
from .joining import _rejoin


def _starts_rubric(lines: list[Line]) -> tuple[str, int] | None:
    """A rubric name at the start of a block (it may be broken over two lines): (name, lines used)."""
    for count in (1, 2, 3):
        if len(lines) < count:
            break
        text = _normal(" ".join(line.text.strip() for line in lines[:count]))
        for rubric, key in _rubric_keys():
            if text == key:
                return rubric, count
    return None


@cache
def _rubric_keys() -> tuple[tuple[str, str], ...]:
    """Each rubric name and its normal form, computed once (every block is compared with them)."""
    return tuple((rubric, _normal(rubric)) for rubric in RUBRICS)


def _caps_is_heading(text: str) -> bool:
    """Capitals that are not a heading: a lead-in ("POUR EN SAVOIR PLUS,"), a dated line ("NEC X : 1ER
    AVRIL"), a label with a number ("PITCH 1")."""
    stripped = text.strip()
    if stripped.endswith((",", ":")) or " : " in stripped:
        return False
    if len(set(stripped.split())) == 1 and len(stripped.split()) > 1:
        return False  # a row of buttons: "TÉLÉCHARGER TÉLÉCHARGER"
    return not (len(stripped.split()) == 2 and any(c.isdigit() for c in stripped))


def find_headings(state: State) -> None:  # noqa: C901 - the heading rules, one after the other
    """Rubric names, lines in capitals, short title lines before text: headings, in normal case.

    Level 2 for a rubric and for a title that opens a page outside a rubric's part; level 3 under a rubric
    (until a page opens with a new title) and for titles inside a page.
    """
    state.step = "headings"
    from ...transforms.capitals import _normal_case

    new_blocks: list[Block] = []
    at_page_start = True
    in_part = False
    blocks = state.blocks
    for position, block in enumerate(blocks):
        if block.kind != "para":
            new_blocks.append(block)
            if block.kind == "page":
                at_page_start = True
            elif block.kind not in ("removed", "url"):
                at_page_start = False
            if block.kind == "heading" and block.data.get("rubric"):
                in_part = True
            continue
        block.data["page_start"] = at_page_start
        if at_page_start and _is_lead_in_to_address(block):
            # "POUR EN SAVOIR PLUS : address" at a page's top belongs to the box of the page before: the
            # page's title still opens the page
            new_blocks.append(block)
            continue
        following = next((b for b in blocks[position + 1:] if b.kind not in ("removed", "url", "page")), None)
        # a one-line sentence above ("Bonne lecture !") makes the short line under it a signature, not a title
        previous_block = next((b for b in reversed(blocks[:position]) if b.kind not in ("removed", "url")), None)
        lines = block.lines
        produced: list[Block] = []
        rubric = _starts_rubric(lines)
        if rubric and block.data.get("toc") and rubric[1] < len(lines):
            rubric = None  # "Rencontre" | "avec l’équipe": a title of the table of contents that opens with a rubric's name
        if rubric:
            in_part = True
            produced.append(Block(lines[:rubric[1]], kind="heading", text=rubric[0], page=block.page, level=2,
                                  data={"rubric": True}))
            lines = lines[rubric[1]:]
            # the title under the rubric: the rest of the block when it reads as a title (no sentence ends in
            # it: "Crédits" over a paragraph that ends with an address is no title over a subtitle)
            if lines and not any(li.text.strip().endswith((".", ":", ";", "!", "?")) for li in lines) \
                    and len(lines) <= 4 and not _BULLET.match(lines[0].text):
                produced.append(Block(lines, kind="heading", page=block.page, level=3,
                                      text=" ".join(li.text.strip() for li in lines)))
                lines = []
            if state.dense and not state.laid_out and len(produced) == 1:
                # a rubric whose text follows without a title under it ("Crédits", "À propos de ce carnet")
                # opens no part: the titles further on are not its sections (pdftotext's default output shows
                # no level in its table of contents)
                in_part = not lines and following is not None and bool(following.data.get("toc"))
        caps = 0
        while caps < len(lines) and _is_capitals(lines[caps].text) and not _BULLET.match(lines[caps].text) \
                and not _URL_LINE.match(lines[caps].text):
            caps += 1
        # an entry of the table of contents ends its title in capitals: "(2019-" | "2022)", the block's text
        # joins the word cut at the line's end
        whole = bool(caps and block.data.get("toc")) and not any(_has_letter(line.text) for line in lines[caps:]) \
            or bool(block.data.get("toc")) and all(_all_capitals(line.text) for line in lines)  # "NEC", "D’UN"
        if whole:
            caps = len(lines)
        if 2 <= caps <= 3 and len(lines[caps - 1].text.split()) == 1 and _ELIDED_START.match(lines[0].text):
            # "D'IDENTITÉ" over "FICHE": an elided word does not open a title; the extraction gave the title's
            # two frames in reverse order
            state.guess(lines[0].no, "title lines in capitals in reverse order: the last line set first")
            lines = [lines[caps - 1], *lines[:caps - 1], *lines[caps:]]
        caps_text = block.text if whole else " ".join(li.text.strip() for li in lines[:caps])
        if block.data.get("toc") and 0 < caps < len(lines) and not produced:
            # a title of the table of contents that opens in capitals ("LES CARNETS … #9 —" | "Montpellier…"):
            # the table gives its extent, one title
            block.text = " ".join([_normal_case(caps_text, set(), True), *(li.text.strip() for li in lines[caps:])])
            caps = 0
        # a printed table of contents lists the titles: then only its entries are titles (and rubric names)
        listed = len(state.toc_titles) < 3 or bool(block.data.get("toc"))
        if caps and caps <= 8 and _caps_is_heading(caps_text) and listed:
            level = 2 if at_page_start and not produced and not _part_opens_page(state, new_blocks, blocks, position) \
                else 3
            title_lines, title = lines[:caps], _normal_case(caps_text, set(), True)
            lead = new_blocks[-1] if new_blocks and not produced else None
            if caps == len(lines) == 1 and _KICKER.fullmatch(caps_text.strip()) and lead is not None \
                    and _is_title_fragment(lead) and following is not None and following.kind == "para":
                # "Le Carnet NEC National 2021" then "DÉCOUVREZ": a call to the reader (an imperative) set
                # large before its title, in a frame the extraction gave after it; one title, the call first
                new_blocks.pop()
                title_lines, title = [*title_lines, *lead.lines], f"{title} {lead.text.strip()}"
                level = 2 if lead.data.get("page_start") or lead.level == 2 else level
                state.guess(lead.line, f"title {_plain(title)!r}: a word in capitals after a title line, set before it")
            if level == 2:
                in_part = False
            produced.append(Block(title_lines, kind="heading", page=block.page, level=level,
                                  text=title, data={"uppercase": True}))
            lines = lines[caps:]
        elif caps and caps == len(lines):
            block.data["uppercase"] = True  # a lead-in or a dated line in capitals: a paragraph
            block.text = _normal_case(block.text, set(), True)
        elif not produced and len(lines) >= 4 and listed and not block.data.get("toc"):
            # A short first line without final punctuation over longer text: a title ("Samuel Goëta"). (Not in
            # an entry of the table of contents, one title whose lines the table gives: "LES" | "CARNETS" |
            # … | "Métropole", set large a word a line, is no title over its text.)
            first = lines[0].text.strip()
            others = [len(li.text.strip()) for li in lines[1:]]
            if len(first) <= 40 and not first.endswith(tuple(_TERMINAL + ",")) and \
                    statistics.median(others) >= 2 * len(first) and lines[1].text.strip()[:1].isupper() \
                    and not _CREDIT.match(first):
                produced.append(Block(lines[:1], kind="heading", page=block.page, level=3 if in_part else 2,
                                      text=first))
                state.guess(lines[0].no, f"short line {first!r} taken as a heading")
                lines = lines[1:]
        if produced:
            if lines:
                rest = Block(lines, page=block.page)
                rest.text = _rejoin(state, block, lines)
                produced.append(rest)
            new_blocks.extend(produced)
            at_page_start = False
            continue
        if block.data.get("toc") and not block.data.get("uppercase"):
            # an entry of the printed table of contents: a title; under a title right above it, one level down;
            # after a glossary's entries, a new part (a glossary has no sections)
            block.kind = "heading"
            # (a pull quote the extraction gives between two titles stands in another column)
            above = next((b for b in reversed(new_blocks) if b.kind != "pullquote"), None)
            if above is not None and above.kind == "heading" and above.level == 2 or at_page_start and _part_opens_page(state, new_blocks, blocks, position):
                block.level = 3
            elif at_page_start or _after_glossary(new_blocks):
                block.level, in_part = 2, False
            elif state.dense and not state.laid_out and _opens_sections(block, _past_pullquotes(blocks, position)):
                block.level = 2
            else:
                # a title inside a page after a section's part (a table of contents without indentation does
                # not tell its level): the section's next part
                last = next((b for b in reversed(new_blocks) if b.kind == "heading"), None)
                part_before = state.dense and not state.laid_out and last is not None and last.level == 3
                block.level = 3 if in_part or part_before else 2
            # a layout text's table of contents shows each entry's level by its indentation
            block.level = state.toc_levels.get(_normal(block.raw()), block.level)
            state.guess(block.line, f"title {_plain(block.text)!r} of the table of contents: level {block.level}")
            new_blocks.append(block)
            at_page_start = False
            continue
        # A short block of title lines followed by text (a subheading in the body).
        text = block.text
        inner_ends = any(li.text.strip().endswith((".", "!", "?", ":")) for li in block.lines[:-1])
        if len(block.lines) <= 3 and len(text) <= 90 and len(text.split()) <= 12 and not inner_ends and listed \
                and not text.endswith(tuple(_TERMINAL + ",")) and text[:1].isupper() \
                and not _BULLET.match(block.lines[0].text) and not block.data.get("uppercase") \
                and not _CREDIT.match(text) and not _BYLINE.match(text) and LINK_OPEN not in text \
                and not _FIELD.match(block.lines[0].text) and (at_page_start or not re.search(r"\d{4}$", text)) and len(text.split()) >= 2 \
                and not (following is not None and _plain(following.text)[:1].islower()) \
                and not (previous_block is not None and previous_block.kind == "para"
                         and len(previous_block.lines) == 1 and len(previous_block.text.split()) <= 4
                         and previous_block.text.rstrip().endswith(("!", "."))) \
                and not (previous_block is not None and _plain(previous_block.text).rstrip().endswith(("»", "”", "\""))):
            block.kind = "heading"
            block.level = 3 if in_part else 2
            lead = new_blocks[-1] if new_blocks else None
            if lead is not None and lead.kind == "para" and len(lead.lines) <= 2 and len(lead.text.split()) <= 10 \
                    and lead.text.rstrip().endswith(":"):
                # "Title :" over "Subtitle": one heading, where the title opens the page
                new_blocks.pop()
                block.text = f"{lead.text.rstrip()} {block.text}"
                block.level = 2 if len(new_blocks) and new_blocks[-1].kind == "page" else block.level
                block.lines = lead.lines + block.lines
            state.guess(block.line, f"short block {_plain(block.text)!r} taken as a level-{block.level} heading")
        new_blocks.append(block)
        at_page_start = False
    state.blocks = new_blocks
    for block in state.blocks:
        if block.kind == "heading":
            block.text = block.text.strip()
            block.data["guessed"] = True  # found by these rules (a layout's type sizes give certain levels)
            # a layout text's table of contents gives the level of each title it lists, in capitals or not
            block.level = state.toc_levels.get(_normal(_plain(block.text)), block.level)


def _part_opens_page(state: State, done: list[Block], blocks: list[Block], position: int) -> bool:
    """Whether the title at ``position``, opening a page, is a section's part though a page opens with it: the
    title before it is a part (level 3) and another title follows on the same page after text, as the
    section's parts follow each other. (A table of contents without indentation does not give the level; a
    new section's title opens its page with its text, its parts further on.) Only in pdftotext's default
    output: a layout text's table of contents gives the levels."""
    if not state.dense or state.laid_out:
        return False
    seen: set[str] = set()
    last = None  # the last title, a title repeated (a running head, a caption) left out
    for block in done:
        if block.kind == "heading" and _normal(_plain(block.text)) not in seen:
            seen.add(_normal(_plain(block.text)))
            last = block
    if last is None or last.level != 3 or last.data.get("rubric"):
        return False
    text_between = False
    for block in blocks[position + 1:]:
        if block.kind == "page":
            return False
        if block.kind != "para":
            continue
        if block.data.get("toc") or _is_capitals(block.lines[0].text) and len(block.lines) == 1:
            if _normal(block.raw()) in seen:
                continue  # a title repeated (a running head, a caption): no part of its own
            return text_between
        text_between = True
    return False


def _opens_sections(block: Block, following: Block | None) -> bool:
    """Whether a title of the table of contents is followed by another with no text between: the first one
    opens a section, the second is its first part."""
    return following is not None and bool(following.data.get("toc")) and following.kind == "para"


def _after_glossary(done: list[Block]) -> bool:
    """Whether the blocks read so far end with a glossary's entries: past the notes and the end of an entry
    a page or a note cut (a block opening in lower case: "autonome des outils numériques."), the last block
    is a term (a glossary has no sections: a title after it opens a new part)."""
    for block in reversed(done):
        if block.kind in ("page", "removed", "url", "note") or block.kind == "para" and _starts_lower(block):
            continue
        return block.kind == "term" and bool(block.data.get("glossary", True))
    return False


def _past_pullquotes(blocks: list[Block], position: int) -> Block | None:
    """The block after ``position`` that the text goes on with, past the pull quotes (a quotation set in
    the margin or another column, which the extraction gives between a title and the next one)."""
    return next((b for b in blocks[position + 1:] if b.kind not in ("removed", "url", "page", "pullquote")), None)


_ISSUE_NUMBER = re.compile(r"^\s*(?:#|n°\s?|N°\s?)\d{1,3}\s*$")


def place_titles(state: State) -> None:
    """Titles in the page's order and hierarchy, once every title is found.

    - A cover's title in parts, a number between (series, "#9", name): one title of a page.
    - A title left at the end of its page, with only credits after it, heads that page: the extraction gave
      its frame last. It opens the page when the page opens with text and has no other title; when the page
      already opens with a title, or when it repeats a title of the page, it is a label in capitals (a
      logo's words, a picture's), kept as a paragraph; so is a title alone on its page with a photo credit.
    - Titles that open with the same two words ("Replay des …"), with no other level-2 title between
      them, are a series: one level, 3 when a level-2 title stands right before the series.
    - A level-3 title right over another level-3 title that has text under it is their parent: level 2.
    - In a list of titled links (a title over its address: videos, resources) where at least two entries
      have a label in capitals over them (KEYNOTE, TABLE RONDE), an entry without a label is an entry of
      the same rank: its title is a level-3 title.

    Only the titles the text's rules found are concerned: a PDF's layout gives its titles' order and levels.
    """
    state.step = "title places"
    blocks = state.blocks

    def content(start: int, step: int = 1) -> int | None:
        index = start
        while 0 <= index < len(blocks):
            if blocks[index].kind not in ("removed", "url", "page"):
                return index
            index += step
        return None

    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.data.get("rubric") or not block.data.get("guessed"):
            continue
        number = content(index + 1)
        if number is None or not _ISSUE_NUMBER.match(blocks[number].text):
            continue
        name = content(number + 1)
        if name is not None and (blocks[name].kind == "heading" and not blocks[name].data.get("rubric")
                                 or _is_title_fragment(blocks[name])):
            block.text = f"{block.text} {blocks[number].text.strip()} {_plain(blocks[name].text).strip()}"
            block.level = 2
            blocks[number].kind = blocks[name].kind = "removed"
            state.guess(block.line, f"title {_plain(block.text)!r} made of its parts around a number")
            for between in blocks[number + 1:name]:
                if between.kind == "page":  # a title is not cut by a page: the blank lines of a cover
                    between.kind = "removed"
                    state.guess(between.line, f"page {between.text} dropped: it would cut a title")
    _titles_ending_pages(state)
    blocks = state.blocks
    _title_series(state)
    for position, block in enumerate(blocks):
        after = content(position + 1) if block.kind == "heading" else None
        under = content(after + 1) if after is not None else None
        # two titles stacked with nothing under the second are siblings whose texts were extracted elsewhere
        if after is not None and block.level == 3 and blocks[after].kind == "heading" and blocks[after].level == 3 \
                and not block.data.get("rubric") and block.data.get("guessed") and not block.data.get("toc") \
                and under is not None and blocks[under].kind == "para" \
                and blocks[under].page == blocks[after].page:
            block.level = 2
            state.guess(block.line, f"title {_plain(block.text)!r} right over a title: level 2")
    _unlabelled_entries(state)


def _is_titled_link(block: Block) -> bool:
    text = block.text.strip()
    return block.kind == "para" and text.startswith(LINK_OPEN) and text.endswith(LINK_CLOSE) \
        and text.count(LINK_OPEN) == 1 and not _DOMAIN.fullmatch(_plain(text).strip()) \
        and not _is_capitals(_plain(text))  # "PITCH 1": a label itself


def _unlabelled_entries(state: State) -> None:
    blocks = [b for b in state.blocks if b.kind not in ("removed", "url", "page")]
    parts: list[list[int]] = [[]]
    for index, block in enumerate(blocks):
        if block.kind == "heading" and block.level <= 2:
            parts.append([])
        parts[-1].append(index)
    for part in parts:
        entries = [i for i in part if _is_titled_link(blocks[i]) and i > 0]
        labelled = [i for i in entries if blocks[i - 1].kind == "heading" and blocks[i - 1].level == 3
                    and blocks[i - 1].data.get("uppercase")]
        if len(labelled) < 2:
            continue
        for i in entries:
            if blocks[i - 1].kind != "heading":
                blocks[i].kind = "heading"
                blocks[i].level = 3
                blocks[i].data["guessed"] = True
                state.guess(blocks[i].line, f"titled link {_plain(blocks[i].text)[:40]!r}… without a label, among "
                                            "labelled entries: a level-3 title")


def _title_series(state: State) -> None:
    titles = [b for b in state.blocks if b.kind == "heading"]

    def opening(title: Block) -> tuple[str, ...]:
        return tuple(_normal(_plain(title.text)).split()[:2])

    done: set[int] = set()
    for position, first in enumerate(titles):
        key = opening(first)
        if id(first) in done or len(key) < 2 or first.data.get("rubric") or not first.data.get("guessed"):
            continue
        members = [first]
        for other in titles[position + 1:]:
            if opening(other) == key and other.data.get("guessed") and not other.data.get("rubric"):
                members.append(other)
            elif other.level <= 2:
                break
        done.update(id(m) for m in members)
        if len(members) < 2:
            continue
        before = next((t for t in reversed(titles[:position])), None)
        level = 3 if before is not None and before.level == 2 else first.level
        for member in members:
            if member.level != level:
                state.guess(member.line, f"title {_plain(member.text)!r} at level {level}, like the series "
                                         f"{' '.join(key)!r}…")
                member.level = level


def _titles_ending_pages(state: State) -> None:
    blocks = state.blocks
    moves: list[tuple[int, int]] = []  # (title, where it goes)
    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.data.get("rubric") or not block.data.get("guessed"):
            continue
        if state.laid_out and block.data.get("toc"):
            continue  # read in the page's order, an entry of the table of contents at a column's foot is there
        rest = index + 1
        while rest < len(blocks) and blocks[rest].kind != "page" and (
                blocks[rest].kind in ("removed", "url", "signature")
                or blocks[rest].kind == "para" and _CREDIT.match(blocks[rest].text)):
            rest += 1
        if rest < len(blocks) and blocks[rest].kind != "page":
            continue
        page = next((i for i in range(index - 1, -1, -1) if blocks[i].kind == "page"), None)
        if page is None:
            continue
        first = next((i for i in range(page + 1, index) if blocks[i].kind not in ("removed", "url")), None)
        if first is None and any(b.kind == "para" for b in blocks[index + 1:rest]):
            # a page holding a title and a photo credit only: a picture's label, not a title over text
            block.kind = "para"
            block.level = 0
            state.guess(block.line, f"title {_plain(block.text)!r} with only a photo credit on its page: a label")
            continue
        if first is None:
            continue  # the title is all its page holds
        key = _normal(_plain(block.text))
        repeated = any(b.kind == "heading" and _normal(_plain(b.text)).startswith(key) for b in blocks[first:index])
        if blocks[first].kind != "heading" and not repeated \
                and any(b.kind == "heading" for b in blocks[first:index]):
            continue  # one title among others: the page's frames came in an order that tells nothing
        if blocks[first].kind == "heading" or repeated:
            block.kind = "para"
            block.level = 0
            state.guess(block.line, f"title {_plain(block.text)!r} at the end of a page that has its title "
                                    "(or repeating it): kept as a paragraph")
        elif blocks[first].kind == "para" and _plain(blocks[first].text).lstrip()[:1].isupper():
            moves.append((index, first))
    for index, first in reversed(moves):
        title = blocks.pop(index)
        title.level = 2
        blocks.insert(first, title)
        state.guess(title.line, f"title {_plain(title.text)!r} at the end of its page set at the page's start")


_ELIDED_START = re.compile(r"^\s*[DL]['’]\w")
_KICKER = re.compile(r"[A-ZÀ-Ý]{3,}EZ\s*!?")  # DÉCOUVREZ, RETROUVEZ, TÉLÉCHARGEZ


def _is_lead_in_to_address(block: Block) -> bool:
    """A lead-in in capitals ("POUR EN SAVOIR PLUS :") over nothing but an address."""
    first = block.lines[0].text.strip()
    rest = "".join(li.text.strip() for li in block.lines[1:])
    return _is_capitals(first) and first.endswith((":", ",")) and 1 <= len(block.lines) - 1 <= 3 \
        and bool(_DOMAIN.fullmatch(rest.rstrip(".")))


def _is_title_fragment(block: Block) -> bool:
    """A line or two that read as (part of) a title: short, no final stop, in normal case, no address."""
    text = _plain(block.text).strip()
    title = block.kind == "heading" and not block.data.get("rubric") and not block.data.get("uppercase")
    return (block.kind == "para" or title) and len(block.lines) <= 2 and 2 <= len(text.split()) <= 10 \
        and text[:1].isupper() and not text.endswith(tuple(_TERMINAL + ",")) and LINK_OPEN not in block.text \
        and not block.data.get("uppercase") and not _BULLET.match(block.lines[0].text)
