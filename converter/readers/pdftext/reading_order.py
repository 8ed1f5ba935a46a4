"""Steps ``column order`` and ``paragraphs``: the reading order restored where an extraction
interleaved columns, and paragraphs that a column, a page or an inserted block cut in two joined again.

Place in the pipeline: after every block has its kind, before pull quotes, sidebars and interviews, which
compare blocks in reading order.
"""

from __future__ import annotations

import re

from ...lexicon import is_french_word
from .column_text import _clause_goes_on, _name_goes_on
from .common import LINK_CLOSE, PB_CLOSE, PB_OPEN, Block, State, _name_pairs, _plain, _starts_lower
from .joining import _first_names


def restore_column_order(state: State) -> None:
    """A page whose columns the extraction gave out of order: put the first column it gave after the last.

    The sign, on one page: its text opens in lower case (a continuation), a later block on the page opens
    in lower case again after a finished paragraph (the top of another column), and the page's last
    paragraph stops mid-sentence with nothing on the next page to continue it, while the previous page
    left a paragraph unfinished. Read in the extraction's order, the first continuation would go to the
    previous page's paragraph and the page's last paragraph would stay cut; the columns were printed the
    other way round: the second continuation goes on the previous page's paragraph, and the column the
    extraction gave first follows the page's last paragraph.
    """
    state.step = "column order"
    blocks = state.blocks
    starts = [i for i, b in enumerate(blocks) if b.kind == "page"] + [len(blocks)]
    moves: list[tuple[int, int, int]] = []  # (start, end, insert after) of each column to move
    for number, (start, end) in enumerate(zip(starts, starts[1:], strict=False)):
        body = [i for i in range(start + 1, end) if blocks[i].kind == "para"]
        if len(body) < 3 or not _starts_lower(blocks[body[0]]) or number == 0:
            continue
        if _open_on_previous_page(blocks[:start + 1]) is None:
            continue
        second = next((body[k] for k in range(1, len(body)) if _starts_lower(blocks[body[k]])
                       and not _is_open(blocks[body[k - 1]])), None)
        if second is None:
            continue
        last = _last_open(blocks, second, end)
        following = next((b for b in blocks[end:] if b.kind == "para"), None)
        if last is None or following is not None and _starts_lower(following) \
                or any(_starts_lower(blocks[i]) for i in body if i > last):
            continue
        moves.append((body[0], second, last))
    for first, second, last in reversed(moves):
        column = blocks[first:second]
        blocks[first:last + 1] = blocks[second:last + 1] + column
        state.guess(column[0].line, "the columns of this page seem extracted out of order: the column that "
                                    "opens the text is set after the page's last unfinished paragraph")
    _names_across_frames(state)


def _names_across_frames(state: State) -> None:
    """A text frame that stops on a first name ("… nous remercions également Léa"), right after a frame that
    opens with a name and ends its sentence ("Richard, Clément Mabi… Léa Amable."): the extraction gave the
    two frames in reverse order; the second goes on with the first ("Léa Richard, …"). Each join is
    reported."""
    blocks = state.blocks
    index = 1
    while index < len(blocks):
        before, block = blocks[index - 1], blocks[index]
        last = re.findall(r"([A-ZÀ-Ý][a-zà-ÿ]+)$", _plain(block.text).rstrip())
        opening = re.match(r"([A-ZÀ-Ý][a-zà-ÿ]+)[ ,]", _plain(before.text))
        if before.kind == block.kind == "para" and block.lines[0].frame_start and before.lines[0].frame_start \
                and last and last[0] in _first_names(state) and opening \
                and _plain(before.text).rstrip().endswith((".", "!", "?")) and _starts_lower(block):
            block.text = f"{block.text.rstrip()} {before.text.lstrip()}"
            block.lines = block.lines + before.lines
            del blocks[index - 1]
            state.guess(before.line, f"text frame opening with the name {opening.group(1)!r} set after the frame "
                                     f"that stops on the first name {last[0]!r}: the extraction gave them in reverse")
            continue
        index += 1


def _last_open(blocks: list[Block], low: int, high: int) -> int | None:
    """Index of the last paragraph in ``blocks[low:high]`` that stops mid-phrase (a lead-in over a list, a
    short line in capitals aside)."""
    for index in range(high - 1, low - 1, -1):
        block = blocks[index]
        if block.kind != "para" or block.data.get("uppercase"):
            continue
        following = blocks[index + 1] if index + 1 < high else None
        if following is not None and following.kind == "item":
            continue
        end = _plain(block.text).rstrip()
        if _is_open(block) and (end[-1:].isalnum() or end.endswith(",")):
            return index
        if len(end.split()) >= 30:
            return None
    return None


def join_continuations(state: State) -> None:
    """A block that starts in lower case continues the last unfinished paragraph, across asides and pages."""
    state.step = "paragraphs"
    result: list[Block] = []
    names = _name_pairs(state.lines) if state.laid_out else frozenset()
    for block in state.blocks:
        if block.kind == "page":
            result.append(block)
            continue
        first = _plain(block.text).lstrip()[:1]
        # right after a bare "Zoom sur" (no ellipsis), lower case goes on with the box's title ("l'espace…")
        after_label = bool(result) and result[-1].kind == "label" and not result[-1].text.rstrip().endswith(("...", "…"))
        target = None
        if block.kind == "para" and block.lines[0].goes_on and not first.islower():
            target = _left_open_before_notes(result)
            if target is not None:
                state.guess(block.line, "text opening a page joined to the paragraph left unfinished on the previous "
                                        "page: its first word would not have fitted on that paragraph's last line")
        if target is None and block.kind == "para" and first.isupper() and not after_label:
            target = _open_before_notes(result, block, names)
            if target is not None:
                state.guess(block.line, "text opening with a capital joined to the paragraph left unfinished "
                                        "above the notes or page turn between them")
        elif block.kind == "para" and first.islower() and not after_label:
            target = _open_paragraph(result)
            if target is None and _opens_page(result):
                target = _open_on_previous_page(result)
                if target is not None:
                    state.guess(block.line, "text opening a page in lower case joined to the paragraph left "
                                            "unfinished on the previous page, across finished text")
        if target is not None:
            index = result.index(target)
            between = result[index + 1:]
            marks = "".join(f"{PB_OPEN}{b.text}{PB_CLOSE}" for b in between if b.kind == "page")
            glue = " " if not target.text.endswith("-") else ""
            target.text = f"{target.text}{glue}{marks}{' ' if marks else ''}{block.text}".replace("  ", " ")
            target.lines.extend(block.lines)
            # the asides in between move after the paragraph; page markers are now inline
            result[index + 1:] = [b for b in between if b.kind != "page"]
            if marks:
                state.guess(block.line, "paragraph continued across a page break")
            continue
        result.append(block)
    state.blocks = result


_PERSON_OPENING = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)? [A-ZÀ-Ý][a-zà-ÿ]+")
"""A text opening with two capitalised words side by side, a first name and a surname."""


def _open_before_notes(blocks: list[Block], block: Block, names: frozenset[tuple[str, str]]) -> Block | None:
    """The paragraph a ``block`` opening with a capital goes on with, across the notes or page turn set
    between them (a column's foot, a page's): the paragraph right before them, left unfinished, when it
    breaks off a clause (a comma, an article, a preposition: "Rennes, Nantes," | "Paris, la région…") or
    the block opens with a name, a word French does not know ("…la société coopérative" | "Datactivist20,
    Samuel Goëta…"): a sentence goes on with a capital only so. None otherwise."""
    index = len(blocks)
    while index and blocks[index - 1].kind in ("note", "page"):
        index -= 1
    turn = index < len(blocks) and any(other.kind == "page" for other in blocks[index:]) or block.lines[0].frame_start
    if index == len(blocks) and not turn or not index or blocks[index - 1].kind != "para" \
            or not _is_open(blocks[index - 1]):
        return None
    target = blocks[index - 1]
    word = re.match(r"[^\W\d_]+", _plain(block.text).lstrip())
    # (a word French does not know after notes or a page's marker only: at a bare page turn it may open a
    # title's line, "Pitch 1")
    name = index < len(blocks) and word is not None and not is_french_word(word.group(0).lower())
    # (not before a first name and a surname, "Hélène Roussel, directrice…": they open a signature, a
    # speaker's turn; but a name the text sets on one line elsewhere, cut at the turn, goes on: "…
    # Montpellier" | "Méditerranée Métropole…")
    person = bool(_PERSON_OPENING.match(_plain(block.text).lstrip()))
    return target if (_clause_goes_on(_plain(target.text)) or name) and not person \
        or _name_goes_on(_plain(target.text), _plain(block.text).lstrip(), names) else None


def _left_open_before_notes(blocks: list[Block]) -> Block | None:
    """The paragraph right before ``blocks``' last notes and page markers (a page's foot), if it stops
    mid-phrase (on a word or a comma); None otherwise."""
    for block in reversed(blocks):
        if block.kind in ("note", "page", "removed"):
            continue
        end = _plain(block.text).rstrip()
        return block if block.kind in ("para", "item") and _is_open(block) \
            and (end[-1:].isalnum() or end.endswith(",")) else None
    return None


def _is_open(block: Block) -> bool:
    """A paragraph that stops mid-sentence. One that ends with an address is finished: "Retrouvez… sur
    youtu.be/…" leaves out the final stop after the address."""
    end = _plain(block.text).rstrip()
    return bool(end) and not end.endswith(tuple(".!?…»”\"")) and not block.text.rstrip().endswith(LINK_CLOSE) \
        and not block.data.get("lead_in")  # a lead-in is finished by its list


def _open_paragraph(blocks: list[Block]) -> Block | None:
    """The last paragraph that does not end a sentence, if only asides follow it.

    Short finished paragraphs on the way back (a caption, a signature) are asides too: a text that goes on
    in lower case belongs to a longer paragraph left open before them. So is a box ("Zoom sur…"): from
    its label back to its title, the box stands beside the text it interrupts.
    """
    in_box = False
    for block in reversed(blocks[-24:]):
        if block.kind == "label":
            in_box = True
            continue
        if in_box:
            in_box = block.kind != "heading"  # the box's title
            continue
        if block.kind in ("para", "item", "term"):
            if _is_open(block):
                return block
            if block.kind in ("para", "item") and len(_plain(block.text).split()) < 30:
                continue
            return None
        if block.kind in ("heading",):
            return None
    return None


def _opens_page(blocks: list[Block]) -> bool:
    """Whether the next block is the first of a page (only the page marker, or nothing, before it)."""
    return bool(blocks) and blocks[-1].kind == "page"


def _open_on_previous_page(blocks: list[Block]) -> Block | None:
    """The last paragraph of the previous page, if it stops mid-phrase (on a word or a comma), past the
    finished paragraphs and notes the extraction set after it (another column, the page's notes).

    A page's text opening in lower case continues a paragraph: the one its page left unfinished.
    """
    pages = 0
    for block in reversed(blocks):
        if block.kind == "page":
            pages += 1
            if pages == 2:
                return None
            continue
        if block.kind == "heading" or block.kind == "label":
            return None
        if block.kind in ("para", "item") and _is_open(block) and not block.data.get("uppercase"):
            end = _plain(block.text).rstrip()
            return block if end[-1:].isalnum() or end.endswith(",") else None
    return None
