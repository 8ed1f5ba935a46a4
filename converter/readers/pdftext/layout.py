"""Step ``layout``: a physical layout (``pdftotext -layout``) read back in reading order.

``pdftotext -layout`` keeps the page as printed: columns side by side with a gutter of spaces between them,
indentation, a form feed between pages. Read in its line order, the columns interleave; this step finds them
(:func:`_column_starts`) and gives the later steps the page in reading order, each line keeping its number.

Place in the pipeline: the first step; on a text that is not laid out in columns it does nothing.
"""

from __future__ import annotations

import re
import statistics

from .column_text import (
    _ADDRESS_ALONE,
    _append,
    _column_lines,
    _ends_in_note,
    _indent,
    _join_spaced_marks,
    _last_paragraph,
    _note_continuation,
    _note_end_on_next_page,
    _notes_margin,
    _opens_with_note,
    _Row,
    _table_row_under,
    _turn_goes_on,
)
from .common import _NUMBER_ALONE, Line, State, _name_pairs
from .widths import _column_width

_WIDE_GAP = re.compile(r"\S {2,}\S")
_SEGMENT_START = re.compile(r" {2,}(?=\S)")
_TABLE_GAP = re.compile(r" {5,}")  # between a table's cells (a list's glyph is closer to its text)
_MARGIN_SHARE = 0.7
"""A column narrower than this share of the page's widest is a margin (when it holds notes)."""


_INDENT_REACH = 4
"""How far right of a column's start its indented lines open (a glossary's definitions, a list's text)."""
_INDENTED = re.compile(r" {2,}\S")
_LAYOUT_MIN_LINES = 5
"""Fewer lines with a run of spaces inside them or before them than this: not a layout text (the fast test:
other extractions neither set columns side by side nor indent lines)."""
_GUTTER_SHARE = 0.1
"""The share of a page's lines that may cross a gutter anywhere (titles set across the page)."""
_BAND_GUTTER_SHARE = 0.4
"""The share of its lines that may cross it when they lie in bands of their own (a section in one column)."""


def read_layout(state: State) -> None:
    """A text extracted with ``pdftotext -layout`` (columns side by side) re-emitted in reading order.

    Place: the first step; any other text goes through untouched (the test is two regular expressions per
    line: runs of spaces inside lines, runs of spaces before them; other extractions have neither). Per page
    (form feeds), the gutters are the character positions blank on nearly every line where many lines start
    a segment after a run of spaces (:func:`_column_starts`); a line that crosses a gutter (a title across the
    page, a header) ends a band. The page is emitted band by band, column by column, top to bottom, with a
    blank line where a column's paragraph ends (:func:`_column_lines`). A text laid out in one column (its
    lines indented, none side by side) goes through the same reading for its indentation and gaps. The
    decision is reported once.
    """
    gaps = sum(1 for line in state.lines if _WIDE_GAP.search(line.text))
    indented = sum(1 for line in state.lines if _INDENTED.match(line.text))
    if gaps < _LAYOUT_MIN_LINES and indented < _LAYOUT_MIN_LINES:
        return
    pages = _sheets(state)
    starts = [_column_starts([row.text for row in page]) for page in pages]
    # a column the other pages show (a margin with a note or two on this page) is one with fewer lines here,
    # away from the page's own columns (not a column's indented lines)
    known = {start for page_starts in starts for start in page_starts}
    starts = [sorted([*strict, *(start for start in _column_starts([row.text for row in page], known)
                                 if all(abs(start - other) > 2 * _INDENT_REACH for other in strict))])
              for page, strict in zip(pages, starts, strict=True)]
    starts = [_known_lefts([row.text for row in page], page_starts, known)
              for page, page_starts in zip(pages, starts, strict=True)]
    columned = [len(page_starts) + 1 for page_starts in starts if page_starts]
    if not columned and indented < _LAYOUT_MIN_LINES:
        return
    lines: list[Line] = []
    names = _name_pairs(state.lines)
    width = 0  # the previous page's widest column (its text's), for the page turn's reflow test
    for page, page_starts in zip(pages, starts, strict=True):
        emitted = _read_page(page, page_starts, names)
        page_width = max(_column_width([row.segments[column].strip() for row in page])
                         for column in range(len(page_starts) + 1)) if page else 0
        ending = _note_end_on_next_page(lines, emitted, page_width)
        if ending:
            while lines and not lines[-1].text:
                lines.pop()
            lines.extend(ending)
            state.guess(ending[0].no, "a note left unfinished at a page's foot goes on above the next page's notes")
        _turn_goes_on(lines, emitted, width)
        width = page_width
        if lines and page:  # a form feed: two blank lines and a new frame, as split_lines gives it
            lines.extend(Line(page[0].line.no, "") for _ in range(2))
        first = next((line for line in emitted if line.text), None)
        if first is not None and lines:
            first.frame_start = True
        lines.extend(emitted)
    _join_spaced_marks(lines)
    state.lines = lines
    state.laid_out = True
    if columned:
        columns = statistics.mode(columned)
        state.guess(None, f"laid out in {columns} columns (pdftotext -layout): read column by column")
    else:
        state.guess(None, "laid out in 1 column (pdftotext -layout): its indentation and gaps read")


def _sheets(state: State) -> list[list[_Row]]:
    """The lines of each PDF page (between form feeds), without the space split_lines set at a new page."""
    bounds = [0, *state.sheet_starts, len(state.lines) + 2]
    pages: list[list[_Row]] = []
    for low, high in zip(bounds, bounds[1:], strict=False):
        rows = [_Row(line, line.text.rstrip()) for line in state.lines[low:high - 2]]
        if low and rows:
            rows[0].text = rows[0].text[1:]
        pages.append(rows)
    return pages


def _column_starts(texts: list[str], known: set[int] = frozenset()) -> list[int]:
    """The character positions where a page's columns after the first start; [] for one column.

    A column start is a position where many lines open a segment after a run of spaces, with a gutter
    before it: the two positions before it are blank on nearly every line, or on all but lines that lie in
    bands of their own (a part of the page in one column), not between the column's lines. Positions a few
    apart are one start, the leftmost (the extraction rounds a column's left edge either way; a column's
    indented lines open a little to its right). Not a column: segments whose left neighbour is a single
    glyph (a list's text) or nothing (an indented quote or box), cells of one word (a table). A start
    ``known`` from other pages needs only two lines.
    """
    content = [k for k, text in enumerate(texts) if text.strip()]
    if len(content) < 6:
        return []
    opening: dict[int, set[int]] = {}
    for k in content:
        for match in _SEGMENT_START.finditer(texts[k]):
            opening.setdefault(match.end(), set()).add(k)
    needed = max(3, 0.05 * len(content))
    # A column's start → the lines opening a segment there or a little to its right (its indented lines: a
    # glossary's definitions, a list's text, a box), from the most common openings down.
    candidates: dict[int, set[int]] = {}
    claimed: set[int] = set()
    for position in sorted(opening, key=lambda p: (-len(opening[p]), p)):
        if position < 4 or position in claimed:
            continue
        window = [p for p in range(max(4, position - _INDENT_REACH), position + _INDENT_REACH + 1)
                  if p in opening and p not in claimed]
        claimed.update(window)
        rows = set().union(*(opening[p] for p in window))
        if len(rows) >= needed or len(rows) >= 2 and _is_known(min(window), known):
            candidates[min(window)] = rows
    found: list[int] = []
    for start in sorted(candidates):
        rows = candidates[start]
        previous = found[-1] if found else 0
        crossing = _crossing(texts, start)
        # the text on the left of the segments, in the column before: a column beside them, not a bullet's
        # glyph (a list), nor nothing (an indented quote, a box, a glossary's definitions in one column); one
        # such line is enough when no line crosses the gutter from the page's top to its foot
        lefts = [text for text in (texts[k][previous:start - 2].strip() for k in rows) if text]
        if len(lefts) < (max(2, 0.1 * len(rows)) if crossing else 1) and not _is_known(start, known) \
                or sum(len(left) > 1 for left in lefts) < 0.5 * len(lefts):
            continue
        cells = [_TABLE_GAP.split(texts[k][start:].strip())[0] for k in rows]
        words = [len(cell.split()) for cell in cells]
        if _is_known(start, known):
            # a margin other pages show: its notes' numbers alone on their lines are no table's cells, and a
            # note's address, one long word, is text, not a cell
            words = [2 if _ADDRESS_ALONE.fullmatch(cell) else count
                     for cell, count in zip(cells, words, strict=True) if not _NUMBER_ALONE.fullmatch(cell)] or words
        if statistics.mean(words) < 1.5 and not (_is_known(start, known) and _runs_on(cells)):
            continue  # cells of a table (a number, a word), read row by row
        if len(crossing) > _GUTTER_SHARE * len(content) and (
                len(crossing) > _BAND_GUTTER_SHARE * len(content) or not _in_bands(crossing, rows)):
            continue
        found.append(start)
    return _wide_enough(found, candidates, max(len(text.rstrip()) for text in texts))


_MIN_COLUMN = 16
"""The fewest characters a column of text is wide (a designed carnet's narrowest, three or four columns on a
page or a margin, holds twenty and more); starts closer than this are a table's cells ("Quart" / "ier")."""


def _wide_enough(starts: list[int], rows: dict[int, set[int]], width: int) -> list[int]:
    """``starts`` without those that would leave a column too narrow to hold text (:data:`_MIN_COLUMN`): of
    the two starts around the narrowest column, the one fewer lines open goes, until every column is wide
    enough."""
    starts = list(starts)
    while starts:
        bounds = [0, *starts, max(width, starts[-1] + _MIN_COLUMN)]
        widths = [high - low for low, high in zip(bounds, bounds[1:], strict=False)]
        narrowest = min(range(len(widths)), key=widths.__getitem__)
        if widths[narrowest] >= _MIN_COLUMN:
            break
        around = [k for k in (narrowest - 1, narrowest) if 0 <= k < len(starts)]
        starts.pop(min(around, key=lambda k: (len(rows.get(starts[k], ())), -starts[k])))
    return starts


def _crossing(texts: list[str], start: int) -> set[int]:
    """The lines that have a glyph in the two positions before ``start`` (they cross its gutter)."""
    return {k for k, text in enumerate(texts) if text[start - 2:start].strip()}


def _known_lefts(texts: list[str], starts: list[int], known: set[int]) -> list[int]:
    """A page's column ``starts``, each moved left to a start other pages show when that spares lines from
    crossing the gutter and makes none cross it that did not.

    The start the page's lines give is where most of them open; when most of a column's lines on the page are
    set indented (a pull quote inset in the column, a box), its few lines set flush open left of that start,
    cross its gutter and are read as a band across the page, after the columns beside it (a sentence's first
    lines at a column's foot read after its continuation at the next column's top). The column's true left
    edge is a start other pages show, within an indentation's reach: cut there, those lines are the column's
    and the indented ones keep their indentation. Only when the lines crossing the known start are some of
    those crossing the page's own, fewer (a line of the column before reaching the known start keeps it)."""
    moved: list[int] = []
    for start in starts:
        floor = (moved[-1] if moved else 0) + _MIN_COLUMN
        crossing = _crossing(texts, start)
        for other in sorted((o for o in known if max(floor, start - 2 * _INDENT_REACH) <= o < start), reverse=True):
            if crossing and _crossing(texts, other) < crossing:
                start = other
                break
        moved.append(start)
    return moved


def _runs_on(cells: list[str]) -> bool:
    """Whether the one-word segments at a column start read as running text, not a table's cells: most of
    them open in lower case (a sentence goes on from line to line; a table's cells are names, numbers,
    labels). A text set very narrow (a quote in a box a third of a column wide) has a word or two a line."""
    return sum(cell[:1].islower() for cell in cells) >= 0.6 * len(cells)


def _is_known(start: int, known: set[int]) -> bool:
    """Whether ``start`` is a column start another page shows (the extraction rounds it either way)."""
    return any(abs(start - other) <= 2 for other in known)


def _in_bands(crossing: set[int], opening: set[int]) -> bool:
    """Whether the lines that cross a gutter lie in bands of their own (a part of the page in one column):
    no line opening the column inside a run of them."""
    runs: list[list[int]] = []
    for k in sorted(crossing):
        if runs and k - runs[-1][-1] <= 2:
            runs[-1].append(k)
        else:
            runs.append([k])
    return not any(run[0] < k < run[-1] for run in runs for k in opening)


def _cut(text: str, starts: list[int]) -> list[str] | None:
    """``text`` cut at the column starts, each piece keeping its indentation from its column's start; None
    when a word lies in a gutter (the line is set across the columns)."""
    if any(text[start - 2:start].strip() for start in starts):
        return None
    return [text[low:high].rstrip() for low, high in zip([0, *starts], [*starts, None], strict=False)]


def _read_page(page: list[_Row], starts: list[int], names: frozenset[tuple[str, str]] = frozenset()) -> list[Line]:
    """A page's lines in reading order: the lines across its columns and the runs of lines cut into columns
    (bands) in order; a band column by column, top to bottom (a page in one column is one band)."""
    bands: list[tuple[bool, list[_Row]]] = []  # (across the columns, rows)
    previous: _Row | None = None
    for row in page:
        segments = _cut(row.text, starts) if row.text.strip() else None
        across = bool(row.text.strip()) and segments is None
        if segments is not None and previous is not None and bands[-1][0] and _table_row_under(previous.text, row.text):
            # a table set across the columns: its header crosses a gutter, its rows under it may not (numbers
            # set right under the header's cells, where another page has its margin), yet they are its rows
            segments, across = None, True
        previous = row if row.text.strip() else None
        row.segments = segments or [""] * (len(starts) + 1)
        if not bands or row.text.strip() and bands[-1][0] != across and any(r.text.strip() for r in bands[-1][1]):
            bands.append((across, []))
        bands[-1][1].append(row)
    # each column's full width (printed, estimated), for the reflow test: from all its lines of the page
    widths = [_column_width([row.segments[column].strip() for row in page]) for column in range(len(starts) + 1)]
    lines: list[Line] = []
    for across, rows in bands:
        if across:
            _append(lines, [Line(row.line.no, row.text.strip(), indent=_indent(row.text)) for row in rows],
                    after_band=True)
            continue
        margin = _notes_margin(rows, len(starts))
        columns = [_column_lines(rows, column, widths[column], margin, names) for column in range(len(starts) + 1)]
        for column, (column_lines, next_lines) in enumerate(zip(columns, columns[1:], strict=False)):
            if _ends_in_note(column_lines):
                column_lines.extend(_note_continuation(next_lines, rows, column + 1, column_lines[-1].text,
                                                       _last_paragraph(column_lines)))
        # a narrow column that opens with a note holds the notes printed in the margin: after the text
        notes = [column_lines for column_lines, width in zip(columns, widths, strict=True)
                 if width < _MARGIN_SHARE * max(widths) and _opens_with_note(column_lines)]
        for position, column_lines in enumerate([*(c for c in columns if not any(c is n for n in notes)), *notes]):
            first = next((line for line in column_lines if line.text), None)
            if position and first is not None:
                first.column_start = True
            _append(lines, column_lines, after_band=False)
    return lines
