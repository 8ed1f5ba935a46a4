"""Steps ``tables``, ``cover``, ``figures`` and ``attributions``: what a layout text
(``pdftotext -layout``) keeps around the words. The rows an image leaves empty, a table's cells set apart by
wide gaps, a cover's title and subtitle, a quotation set in with its attribution. These steps read that
evidence (the steps that follow them read such lines as paragraphs otherwise); on other texts they do
nothing, except tables, which pdftotext's default output gives a cell a line.

Place in the pipeline: after the blocks, before the headings.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...lexicon import is_french_word
from .column_text import _cells, _name_goes_on
from .common import (
    _BULLET,
    _OPENING_WORDS,
    _TERMINAL,
    _ZOOM_TITLE,
    Block,
    Line,
    State,
    _has_letter,
    _is_capitals,
    _name_pairs,
    _plain,
    _starts_lower,
    _toc_title,
)
from .joining import _rejoin
from .widths import _SPACE_WIDTH, _UNBREAKABLE_START, printed_width


def find_cover(state: State) -> None:
    """A layout text's cover: its blocks before the table of contents, on the same page. The first is the
    document's title and subtitle (metadata, not text: :func:`_title_and_subtitle`); each line of the others
    is a unit of its own (a series' name, an event's date and place), unless it goes on on the next line
    (:func:`_cover_units`)."""
    if not state.laid_out and not state.dense:
        return
    cover: list[Block] = []
    for block in state.blocks:
        if block.kind == "page" and cover:
            return  # (the first page's marker opens the cover's page)
        if block.lines and _toc_title(block):
            break
        if block.kind == "para":
            cover.append(block)
    else:
        return
    if not cover:
        return
    if not state.laid_out:
        # pdftotext's default output sets no blank line between the title and subtitle and the cover's other
        # items: the subtitle ends where its next line had room for the following line's first word
        lines = [line for block in cover for line in block.lines]
        count = _title_and_subtitle_lines([line.text.strip() for line in lines])
        if count >= len(lines):
            return  # no end found (narrow columns break every line): the cover is left as read
        cover = [Block(lines[:count], page=cover[0].page), Block(lines[count:], page=cover[0].page)]
        first_ids = {id(block) for block in state.blocks if block.kind == "para" and block.lines[0] in lines}
        at = next(k for k, block in enumerate(state.blocks) if id(block) in first_ids)
        state.blocks[at:at + len(first_ids)] = cover
    state.cover = _title_and_subtitle([line.text.strip() for line in cover[0].lines])
    cover[0].kind = "removed"
    state.guess(cover[0].line, f"the cover's first block taken as the title {state.cover[0]!r}"
                               + (f" and subtitle {state.cover[1]!r}" if state.cover[1] else ""))
    # (names the text sets on one line, whatever their words: "Halle" | "Tropisme" where it writes "la Halle
    # Tropisme", a cover's place cut by a narrow column)
    names = _name_pairs(state.lines, common_first=True)
    split = {id(block): _cover_units(block, names) for block in cover[1:]}
    state.blocks = [unit for block in state.blocks for unit in split.get(id(block), [block])]


def _title_and_subtitle(lines: list[str]) -> tuple[str, str]:
    """A cover's first block → (title, subtitle). The title is set larger: its lines break where the next
    word would not fit in its measure, so a line wider than the measure its breaks allow (narrower than each
    of its lines with the next line's first word) is set in a smaller type: the subtitle starts there."""
    measure = float("inf")
    for k in range(1, len(lines)):
        if printed_width(lines[k]) > measure:
            return " ".join(lines[:k]), " ".join(lines[k:])
        first = _UNBREAKABLE_START.match(lines[k])
        measure = min(measure, printed_width(lines[k - 1]) + _SPACE_WIDTH + printed_width(first.group(0) if first else ""))
    return " ".join(lines), ""


def _title_and_subtitle_lines(lines: list[str]) -> int:
    """How many of a cover's lines, set without blank lines, are its title and subtitle: the subtitle (from
    the first line wider than the title's measure, :func:`_title_and_subtitle`) breaks its lines where the
    next word did not fit, so a line that had room, in the subtitle's widest line, for the next line's first
    word ends it."""
    title, subtitle = _title_and_subtitle(lines)
    if not subtitle:
        return len(lines)
    start = next(k for k in range(len(lines) + 1) if " ".join(lines[:k]) == title)
    widest = printed_width(lines[start])
    for k in range(start + 1, len(lines)):
        first = _UNBREAKABLE_START.match(lines[k])
        if printed_width(lines[k - 1]) + _SPACE_WIDTH + printed_width(first.group(0) if first else "") <= widest:
            return k
        widest = max(widest, printed_width(lines[k]))
    return len(lines)


def _cover_units(block: Block, names: frozenset[tuple[str, str]] = frozenset()) -> list[Block]:
    """A cover's block → one paragraph per line (a cover sets its items on lines of their own), a line going
    on on the next one when that opens in lower case or holds no letter (a date's year cut by a narrow
    column), when it ends with a comma or a hyphen (a phrase cut), or when the two lines' words make one of
    the ``names`` the text sets on one line ("…, Halle" | "Tropisme, Montpellier")."""
    units: list[list[Line]] = []
    for line in block.lines:
        text = line.text.strip()
        if units and (text[:1].islower() or not _has_letter(text) or units[-1][-1].text.rstrip().endswith((",", "-"))
                      or _name_goes_on(units[-1][-1].text, text, names)):
            units[-1].append(line)
        else:
            units.append([line])
    # (a kind of their own: "1er avril 2021" is no note's number, a short line no title)
    return [Block(lines, kind="cover", page=block.page) for lines in units]


_BREAK_LINE = re.compile(r"[*⁂](?: ?[*⁂]){0,4}")
"""A thematic break as printed: a few stars alone on their line ("***", "* * *", "⁂")."""
_CELL_GAP = re.compile(r"\S {3,}\S")
_TABLE_MIN_CELLS = 3
"""The fewest cells a table's row has in a layout text (two texts set apart can be a column cut badly)."""


def find_tables(state: State) -> None:
    """In a layout text, a table's rows: lines of three cells or more (:func:`_cells`), and under them the
    pieces of the cells a narrow column wraps ("Quart" | "ier"); a row of stars alone: a thematic break.
    They are set apart from the paragraphs around them (the text steps would join them into one)."""
    if not state.laid_out:
        if state.dense:
            _cell_runs(state)
        return
    result: list[Block] = []
    for block in state.blocks:
        if block.kind != "para" or not (result and result[-1].kind == "table") and not any(
                _BREAK_LINE.fullmatch(line.text.strip()) or _CELL_GAP.search(line.text.strip()) for line in block.lines):
            result.append(block)  # (kept whole, with what the steps before found about it)
            continue
        text_lines: list[Line] = []
        for line in block.lines:
            table = result[-1] if result and result[-1].kind == "table" and not text_lines else None
            if _BREAK_LINE.fullmatch(line.text.strip()):
                kind = "break"
            elif not _BULLET.match(line.text) and (len(_cells(line.text)) >= _TABLE_MIN_CELLS
                                                   or table is not None and _continues_row(table, line)):
                kind = "table"
            else:
                text_lines.append(line)
                continue
            if text_lines:
                result.append(Block(text_lines, page=block.page))
                text_lines = []
            if kind == "table" and table is not None:
                table.lines.append(line)
            else:
                result.append(Block([line], kind=kind, page=block.page))
        if text_lines:
            result.append(Block(text_lines, page=block.page))
    state.blocks = result
    for block in state.blocks:
        if block.kind == "table":
            if len(block.lines) < 2:
                block.kind = "para"
                continue
            block.data["rows"] = _table_rows(block.lines)
            state.guess(block.line, f"a table of {len(block.data['rows'])} rows read from the cells' gaps")


_CELL_ALONE = re.compile(r"[^\W_][^.!?:;,]{0,29}")
"""A table cell as pdftotext's default output gives it, alone on its line: a word or a few, a number."""
_NUMBER_CELL = re.compile(r"[\d\s.,%€+-]*\d[\d\s.,%€+-]*")


def _cell_runs(state: State) -> None:
    """pdftotext's default output gives a table's cells one by one, each alone between blank lines: a run of
    such one-line blocks is a table when, after a first row of words (the header), it falls into rows of the
    same width whose columns hold numbers alike (a label, then numbers); the width is the smallest that does.
    A few stars alone on their line are a thematic break."""
    blocks = state.blocks
    for block in blocks:
        if block.kind == "para" and len(block.lines) == 1 and _BREAK_LINE.fullmatch(block.lines[0].text.strip()):
            block.kind = "break"
    position = 0
    while position < len(blocks):
        end = position
        while end < len(blocks) and _alone_cell(blocks[end]) is not None:
            end += 1
        cells = [_alone_cell(blocks[k]) or "" for k in range(position, end)]
        width = _table_width(cells)
        glued = _glued_header(blocks, position, cells) if not width and end > position else None
        if glued is not None:
            # the header's first cell came right under the text above (no blank line between): it opens the
            # table, the block above keeps its other lines
            above = blocks[position - 1]
            position -= 1
            blocks.insert(position + 1, Block(above.lines[-1:], page=above.page))
            above.lines = above.lines[:-1]
            above.text = above.raw()
            end += 1
            cells, width = [glued, *cells], _table_width([glued, *cells])
            position += 1
        if width:
            table = blocks[position]
            table.kind = "table"
            table.lines = [line for block in blocks[position:end] for line in block.lines]
            table.data["rows"] = [cells[k:k + width] for k in range(0, len(cells), width)]
            for block in blocks[position + 1:end]:
                block.kind = "removed"
            state.guess(table.line, f"a table of {len(cells) // width} rows read from cells alone on their lines")
        position = max(end, position + 1)


def _alone_cell(block: Block) -> str | None:
    """The cell a block of pdftotext's default output holds alone (:func:`_cell_runs`), or None: one line, or a
    cell a narrow column wraps over up to three lines ("Particip" | "ants"), its pieces going on in lower case;
    not a title of the table of contents."""
    if block.kind != "para" or not 1 <= len(block.lines) <= 3 or block.data.get("toc"):
        return None  # (a title of the table of contents right after the table is none of its cells)
    pieces = [line.text.strip() for line in block.lines]
    if not all(_CELL_ALONE.fullmatch(piece) for piece in pieces) or not all(p[:1].islower() for p in pieces[1:]):
        return None
    return _cell_text(pieces)


def _glued_header(blocks: list[Block], position: int, cells: list[str]) -> str | None:
    """The first cell of a table's header that the extraction set as the last line of the block above the run
    of ``cells`` at ``position`` (no blank line between them), when with it the run reads as a table; else None."""
    above = blocks[position - 1] if position else None
    if above is None or above.kind != "para" or len(above.lines) < 2:
        return None
    cell = above.lines[-1].text.strip()
    if not _CELL_ALONE.fullmatch(cell) or _NUMBER_CELL.fullmatch(cell) or not _table_width([cell, *cells]):
        return None
    return cell


def _table_width(cells: list[str]) -> int:
    """The number of columns of a run of cells read as a table (:func:`_cell_runs`), 0 if it reads as none: a
    header of words, then at least two rows, each row's cells numbers or not alike, numbers in every row."""
    for width in range(2, 7):
        if len(cells) % width or len(cells) < 3 * width:
            continue
        rows = [[bool(_NUMBER_CELL.fullmatch(cell)) for cell in cells[k:k + width]] for k in range(0, len(cells), width)]
        if not any(rows[0]) and all(row == rows[1] for row in rows[2:]) and any(rows[1]):
            return width
    return 0


def _line_cells(line: Line) -> list[tuple[int, str]]:
    return _cells(line.text.rstrip(), line.indent)


def _continues_row(table: Block, line: Line) -> bool:
    """Whether ``line`` under a table's rows goes on with the last one: its cells lie under the table's and one
    of them completes the word its column's cell ends with (a narrow cell cuts a word without a hyphen)."""
    cells = _line_cells(line)
    spans = _table_columns(table.lines)
    if not cells or any(not any(low - 1 <= start <= high + 1 for low, high in spans) for start, _ in cells):
        return False
    last_row = _table_pieces(table.lines)[-1]
    column_of = _column_index(spans)
    return any(_mends(last_row[column_of(start)], text) for start, text in cells)


_LETTERS_END, _LETTERS_START = re.compile(r"[^\W\d_]*$"), re.compile(r"[^\W\d_]*")


def _mends(pieces: list[str], piece: str) -> bool:
    """Whether ``piece`` ends the word a cell's ``pieces`` end with ("Parti" | "cipan" + "ts"): joined they are
    a word, the piece alone is none."""
    head, tail = _LETTERS_END.search("".join(pieces)).group(), _LETTERS_START.match(piece).group()
    return bool(head and tail) and not is_french_word(tail.lower()) and is_french_word((head + tail).lower())


def _cell_text(pieces: list[str]) -> str:
    """A cell's pieces (one per line) → its text: glued where they make one word, else with a space."""
    text = pieces[0] if pieces else ""
    for k in range(1, len(pieces)):
        text += "" if _mends([text], "".join(pieces[k:])) else " "
        text += pieces[k]
    return text


def _table_columns(lines: list[Line]) -> list[tuple[int, int]]:
    """A table's columns: the spans of positions its cells cover, set apart by gaps blank on every line."""
    covered = sorted({position for line in lines for start, text in _line_cells(line)
                      for position in range(start, start + len(text))})
    spans: list[tuple[int, int]] = []
    for position in covered:
        if spans and position - spans[-1][1] <= 2:
            spans[-1] = (spans[-1][0], position)
        else:
            spans.append((position, position))
    return spans


def _column_index(spans: list[tuple[int, int]]) -> Callable[[int], int]:
    """Position → the index of the table's column that holds it (the nearest one)."""
    return lambda position: min(range(len(spans)), key=lambda k: max(spans[k][0] - position, position - spans[k][1], 0))


def _table_pieces(lines: list[Line]) -> list[list[list[str]]]:
    """A table's lines → its rows, each cell's pieces (one per line); a line that completes the words of the
    row above goes on with it."""
    spans = _table_columns(lines)
    column_of = _column_index(spans)
    rows: list[list[list[str]]] = []
    for line in lines:
        cells = _line_cells(line)
        if not rows or not any(_mends(rows[-1][column_of(start)], text) for start, text in cells) \
                and len(cells) >= min(_TABLE_MIN_CELLS, len(spans)):
            rows.append([[] for _ in spans])
        for start, text in cells:
            rows[-1][column_of(start)].append(text)
    return rows


def _table_rows(lines: list[Line]) -> list[list[str]]:
    """A table's lines → its rows' cells' text."""
    return [[_cell_text(pieces) for pieces in row] for row in _table_pieces(lines)]


_FIGURE_CREDIT = re.compile(r"^\s*(?:(?:Crédits?|Photos?|Illustrations?)(?:\s+photos?)?\s*:\s*|©\s*)", re.I)
_IMAGE_ROWS = 3
"""The fewest rows an image leaves empty in its column in a layout text (a paragraph's gap is one, a title's
three at most before it, and a title is not followed by a credit)."""


def find_figures(state: State) -> None:
    """In a layout text, a short block under rows its column leaves empty (an image) and followed by a credit
    ("Crédit : …", "Photo : …", "© …", on its last lines or right under it) is a figure's caption and credit;
    the image itself is to be saved from the PDF by the editor. In ``pdftotext``'s default output (no
    empty rows), see :func:`_framed_figures`."""
    if not state.laid_out:
        if state.dense:
            _framed_figures(state)
        return
    result: list[Block] = []
    blocks = state.blocks
    taken: set[int] = set()
    for index, block in enumerate(blocks):
        if id(block) in taken:
            continue
        result.append(block)
        if block.kind != "para" or len(block.lines) > 5 or block.lines[0].rows_above < _IMAGE_ROWS:
            continue
        at = next((k for k, line in enumerate(block.lines) if k and _FIGURE_CREDIT.match(line.text)), None)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if at is not None:
            caption, credit = _rejoin(state, block, block.lines[:at]), _rejoin(state, block, block.lines[at:])
        elif following is not None and following.kind == "para" and len(following.lines) <= 2 \
                and _FIGURE_CREDIT.match(following.lines[0].text):
            caption, credit = block.text, following.text
            taken.add(id(following))
        else:
            continue
        _make_figure(state, block, caption, credit)
    state.blocks = result


def _make_figure(state: State, block: Block, caption: str, credit: str) -> None:
    block.kind = "figure"
    block.data["caption"], block.data["credit"] = caption, _FIGURE_CREDIT.sub("", credit, count=1)
    state.guess(block.line, "a caption and its credit under an image: a figure (save its image from the PDF and "
                            "write its text alternative)")


def _framed_figures(state: State) -> None:
    """In ``pdftotext``'s default output, an image leaves no empty rows, but its caption is a text frame of its
    own: a line alone right after a blank line, whose next line is a credit ("Crédit : …", on one line) is
    a figure's caption and credit. (A caption and a credit inside the text's flow, with no blank line before
    them, are the text's own lines: a document may print a credit without an image; so may a caption
    wrapped over two lines of a narrow column after a column's break, which gives it its blank line.)"""
    blocks = state.blocks
    for index, block in enumerate(blocks[:-1]):
        following = blocks[index + 1]
        before = block.lines[0].no - 2 if block.lines else -1
        if block.kind != "para" or len(block.lines) != 1 or following.kind != "para" \
                or len(following.lines) != 1 or not _FIGURE_CREDIT.match(following.lines[0].text) \
                or _FIGURE_CREDIT.match(block.lines[0].text) \
                or not 0 <= before < len(state.lines) or state.lines[before].text.strip():
            continue
        _make_figure(state, block, block.text, following.text)
        following.kind = "removed"


_ATTRIBUTION_WORDS = 25
"""The most words an attribution under a quotation has (a name and a title, over up to three lines)."""


def find_attributions(state: State) -> None:
    """In a layout text, a quotation set in (its lines indented alike in their column) that ends a sentence, then up to three short lines at the same
    indentation, the last without final punctuation: the quotation and its attribution ("« … »" | "Un
    participant"). The quotation is a pull quote (the pull quotes step decides whether it repeats the body);
    one without quotation marks that repeats nothing is a block quote."""
    if not state.laid_out:
        if state.dense:
            _quoted_attributions(state)
        return
    blocks = state.blocks
    for index, block in enumerate(blocks):
        if block.kind != "para" or any(_BULLET.match(line.text) for line in block.lines) or _starts_lower(block):
            continue  # (a quotation's end at a page's top goes on with its start: the paragraphs step joins them)
        split = None
        following = _following_lines(blocks, index + 1)
        for count in range(len(following), -1, -1):
            split = _attribution_split(block.lines, [line for other in following[:count] for line in other.lines])
            after = following[count] if count < len(following) else None
            if split is not None and (after is None or not _starts_lower(after)):
                break  # (an attribution does not go on in the next block)
            split = None
        if split is None:
            continue
        for other in following[:count]:
            other.kind = "removed"
        quote, attribution = split
        if len(quote) < len(block.lines):
            block.lines = quote
            block.text = _rejoin(state, block, quote)
        block.kind = "pullquote"
        block.data["attribution"] = " ".join(line.text.strip() for line in attribution)
        block.data["set_in"] = True
        state.guess(block.line, f"a quotation set in, with its attribution {block.data['attribution']!r}")


_WHOLE_QUOTATION = re.compile(r"\s*[«“][^«»“”]{10,}[»”]\s*")


def _quoted_attributions(state: State) -> None:
    """In a text without indentation (pdftotext's default output), a paragraph that is wholly a quotation
    between quotation marks, followed by one short line without final punctuation (a name, a title; not a
    title of the table of contents): a pull quote and its attribution; the pull quotes step decides whether
    it repeats the body."""
    blocks = state.blocks
    for index, block in enumerate(blocks[:-1]):
        following = blocks[index + 1]
        if following.data.get("toc") and index + 2 < len(blocks) and _WHOLE_QUOTATION.fullmatch(_plain(block.text)):
            # a quotation set in the margin or another column: the extraction may give the body's title,
            # there beside it, between the quotation and its attribution
            following = blocks[index + 2]
        if block.kind != "para" or following.kind != "para" or len(following.lines) > 2 \
                or following.data.get("toc") or not _WHOLE_QUOTATION.fullmatch(_plain(block.text)):
            continue
        lines = _attribution_lines(blocks, blocks.index(following))
        text = " ".join(line.text.strip() for line in lines)
        if not lines or not (text[:1].isupper() and not text.endswith(tuple(_TERMINAL + ",-"))
                             and not _is_capitals(text) and not re.fullmatch(r"[A-ZÀ-Ý]{2,4}", text)):
            continue
        block.kind = "pullquote"
        block.data["attribution"] = text
        for other in blocks[blocks.index(following):]:
            if not lines:
                break
            lines = lines[len(other.lines):]
            other.kind = "removed"
        state.guess(block.line, f"a quotation with its attribution {text!r}")


def _attribution_lines(blocks: list[Block], start: int) -> list[Line]:
    """The lines of a quotation's attribution in a text without indentation, from ``blocks[start]``: one short
    line (six words at most), or a name and a title too long for one line (a comma after the name, the first
    line without final punctuation) and its end on a shorter line (eight words at most), in one block or two
    (the width rules cut them apart: the first line is a full one); empty when there is none."""
    first = blocks[start].lines
    if len(first) == 1 and 0 < len(first[0].text.split()) <= 6:
        return first
    second = first[1:] or (blocks[start + 1].lines if start + 1 < len(blocks) and blocks[start + 1].kind == "para"
                           and len(blocks[start + 1].lines) == 1 and not blocks[start + 1].data.get("toc") else [])
    head = first[0].text.strip()
    if len(second) != 1 or "," not in head or head.endswith(tuple(_TERMINAL + ",-")) \
            or not 0 < len(second[0].text.split()) < min(len(head.split()), 9) \
            or len(f"{head} {second[0].text}".split()) > _ATTRIBUTION_WORDS:
        return []
    return [first[0], second[0]]


def _following_lines(blocks: list[Block], start: int) -> list[Block]:
    """The paragraphs from ``start`` that may hold an attribution (up to three lines, the layout may set them
    apart), past the notes and the page's end set between a quotation and its attribution."""
    while start < len(blocks) and blocks[start].kind in ("note", "page", "url", "label", "removed"):
        start += 1
    found: list[Block] = []
    while start < len(blocks) and blocks[start].kind == "para" \
            and sum(len(block.lines) for block in found) + len(blocks[start].lines) <= 3:
        found.append(blocks[start])
        start += 1
    return found


def _attribution_split(lines: list[Line], following: list[Line]) -> tuple[list[Line], list[Line]] | None:
    """``lines`` (and the ``following`` lines) → (the quotation, its attribution), or None (see
    :func:`find_attributions`): the attribution is the block's last lines and all the following ones."""
    run = [*lines, *following]
    for k in range(len(lines) - (0 if following else 1), 0, -1):
        if _is_attribution(run[k:], run[:k]):
            return run[:k], run[k:]
    return None


def _is_attribution(attribution: list[Line], quote: list[Line]) -> bool:
    """Whether ``attribution`` (lines) is the attribution of the quotation set in on ``quote``."""
    text = " ".join(line.text.strip() for line in attribution)
    quoted = " ".join(line.text.strip() for line in quote)
    indent = quote[0].indent
    # (a quotation is a sentence, longer than the name and title that attribute it)
    return 1 <= len(attribution) <= 3 and indent >= 1 and len(text.split()) < len(quoted.split()) >= 4 \
        and all(abs(other.indent - indent) <= 1 and other.indent >= 1 for other in (*quote, *attribution)) \
        and _plain(quoted).rstrip().endswith(tuple(".!?…»”\"")) \
        and 0 < len(text.split()) <= _ATTRIBUTION_WORDS and text[:1].isupper() and _has_letter(text) \
        and not text.endswith(tuple(_TERMINAL + ",-")) and not _ZOOM_TITLE.match(text) \
        and text.rsplit(" ", 1)[-1].lower() not in _OPENING_WORDS \
        and not any(line.text.strip().endswith(tuple(".!?…")) or _BULLET.match(line.text) or _is_capitals(line.text)
                    for line in attribution) \
        and not re.fullmatch(r"[A-ZÀ-Ý]{2,4}", text)  # initials alone: the author's signature
