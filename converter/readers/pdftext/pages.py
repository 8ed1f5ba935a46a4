"""Lines and pages: the text cut into lines (with the marks of new frames and PDF pages), then step
``pages``: the page-start marks of the extraction, printed page numbers turned into print page markers.

Place in the pipeline: :func:`split_lines` runs before every step; ``pages`` is the second step.
"""

from __future__ import annotations

import unicodedata

from .column_text import _blank
from .common import _BULLET, _PAGE_LABEL, _PAGE_NUMBER, _TERMINAL, _URL_LINE, RUBRICS, Line, State, _normal


def split_lines(state: State, text: str) -> None:
    """Lines, with the mark of a new text frame (the extraction starts a frame with one space); a form feed
    (a new PDF page) is two blank lines and a new frame, and the index of the line it starts is kept
    (:attr:`State.sheet_starts`) for the layout step."""
    sheets = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).split("\f")
    start = 0
    for sheet in sheets[:-1]:
        start += sheet.count("\n") + 3
        state.sheet_starts.append(start)
    for number, raw in enumerate("\n\n\n ".join(sheets).split("\n"), start=1):
        frame = raw.startswith(" ") and not raw.startswith("  ") and raw.strip() != "" \
            and not _BULLET.match(raw)
        state.lines.append(Line(number, raw.rstrip(" \t") if not raw.endswith("  ") else raw.rstrip() + "  ", frame))


def segment_pages(state: State) -> None:
    """Page starts and their labels; page-number lines become page markers (blocks of kind ``page``).

    A page number alone on a line closes the page that holds it (the extraction writes the footer last),
    so the next text starts the following page. Other page starts: a run of blank lines, a new text frame
    right after the page's appended links. Other new frames are pages only if the printed numbers leave
    room for them; each such choice is reported.
    """
    lines = state.lines
    if any(_PAGE_LABEL.match(line.text) for line in lines):
        # The text names its print pages ("Page 12", an accessible edition's markers): they are the pages
        # (see split_blocks), the PDF's own page ends are only new text frames, and a number alone on a line
        # is text (a note's number, a table's cell), not a page number to report about.
        state.step = "pages"
        state.guess(None, "the text marks its print pages ('Page N'): those are the page markers")
        return
    numbers: dict[int, int] = {}  # index → printed number
    for index, line in enumerate(lines):
        match = _PAGE_NUMBER.match(line.text)
        if match and 0 < int(match.group(1)) <= 400:
            before = lines[index - 1] if index else None
            after = lines[index + 1] if index + 1 < len(lines) else None
            if (before is None or _blank(before)) and (after is None or _blank(after) or after.frame_start):
                numbers[index] = int(match.group(1))
    # Printed numbers must grow: drop those that do not (a quantity alone on a line).
    kept: dict[int, int] = {}
    last = 0
    for index in sorted(numbers):
        if numbers[index] > last:
            kept[index] = numbers[index]
            last = numbers[index]
        else:
            state.step = "pages"
            state.guess(lines[index].no, f"number {numbers[index]} alone on a line is not a page number (out of order)")
    numbers = kept

    def previous_content(index: int) -> tuple[int, int]:
        """(index of the previous non-blank line, number of blank lines in between)."""
        blanks = 0
        index -= 1
        while index >= 0 and _blank(lines[index]):
            blanks += 1
            index -= 1
        return index, blanks

    sure: set[int] = set()
    candidates: dict[int, int] = {}
    first = next((i for i, line in enumerate(lines) if not _blank(line)), None)
    if first is not None:
        sure.add(first)
    for index, line in enumerate(lines):
        if index in numbers and previous_content(index)[0] in numbers:
            sure.add(index)  # a page that holds only its number (a blank page)
            continue
        if _blank(line) or index in numbers or index == first:
            continue
        before, blanks = previous_content(index)
        if before in numbers:
            # A footer closes its page when a page break surrounds it; otherwise it sits inside its page.
            _, blanks_above = previous_content(before)
            if blanks_above >= 2 or blanks >= 2 or line.frame_start:
                sure.add(index)
        elif blanks >= 2:
            sure.add(index)
        elif line.frame_start:
            score = 0
            previous = lines[before].text.strip() if before >= 0 else ""
            if _URL_LINE.match(previous):
                score += 2
            if previous.endswith(tuple(_TERMINAL)):
                score += 1
            stripped = line.text.strip()
            if stripped[:1].isupper():
                score += 1
            elif stripped[:1].islower():
                score -= 1
            if any(_normal(stripped).startswith(_normal(r.split()[0])) for r in RUBRICS):
                score += 2
            candidates[index] = score
    # Fill the room the printed numbers leave with the best candidates.
    anchors = sorted(numbers)
    starts = sorted(sure)
    chosen = set(sure)
    bounds = [-1, *anchors, len(lines)]
    state.step = "pages"
    for low, high in zip(bounds, bounds[1:], strict=False):
        inner_sure = [s for s in starts if low < s < high]
        inner_cand = sorted((c for c in candidates if low < c < high), key=lambda c: (-candidates[c], c))
        if high < len(lines) and low >= 0:
            # pages strictly after the page closed at `low`, up to the page holding `high`
            room = numbers[high] - numbers[low]
        elif high < len(lines):
            room = numbers[high]
        else:
            room = len(inner_sure) + sum(1 for c in inner_cand if candidates[c] >= 2)
        free = max(0, room - len(inner_sure))
        for candidate in inner_cand[:free]:
            if candidates[candidate] >= 0 or high == len(lines):
                chosen.add(candidate)
                state.guess(lines[candidate].no, "a new text frame taken as the start of a page")
        for candidate in inner_cand[free:]:
            if candidates[candidate] >= 3:
                state.guess(lines[candidate].no, "a new text frame not taken as a page start (no page number left)")
    # Labels: forward from the last printed number, the page holding a number takes it.
    page_starts = sorted(chosen)
    labels: dict[int, str] = {}
    holder: dict[int, int] = {}
    for anchor in anchors:
        start = max((s for s in page_starts if s <= anchor), default=None)
        if start is not None:
            holder[start] = numbers[anchor]
    # before the first anchor: count back from it
    first_anchor_start = min(holder) if holder else None
    if first_anchor_start is not None:
        before = [s for s in page_starts if s < first_anchor_start]
        for offset, start in enumerate(reversed(before), start=1):
            labels[start] = str(max(1, holder[first_anchor_start] - offset))
    current = 0
    for start in page_starts:
        if start in holder:
            current = holder[start]
        elif start in labels:
            current = int(labels[start])
            continue
        else:
            current += 1
            state.guess(lines[start].no, f"page {current}: no printed number, counted from the previous one")
        labels[start] = str(current)
    state.page_starts = labels
    state.page_numbers = numbers
