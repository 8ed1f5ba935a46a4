"""The carnet PDF itself → tree (the ``pdf`` reader, for ``.pdf`` files), through pdfplumber (MIT, on pdfminer.six).

Place in the pipeline: first stage. It reads what a plain text extraction lacks, lays the text out the way
the raw-text reader (:mod:`converter.readers.pdftext`) expects it, then runs that reader's steps, replacing
the few whose guesses the layout makes certain:

- positions: each page is cut into its columns at the vertical gutters no word crosses (a gutter must run
  along a good part of the text, so that the gaps between table cells do not count), and each column is
  read top to bottom; a paragraph that runs on from one column or page to the next is kept whole;
- running heads and page numbers (short lines set apart at the top or bottom of a page) stay out of the
  columns;
- vertical spacing, a change of font size or weight, a bullet: the end of a paragraph (a blank line);
- font size: the sizes larger than the body text are ranked; each size used by titles (not by quotes or
  lead-ins, which end their sentences) is a heading level, the largest the highest. The largest size of a
  cover page (used nowhere else) is the document's title, not a heading;
- footnotes: the lines under a short rule at the foot of a column (or set smaller at the foot of the
  page), each starting with its number, are notes; the calls are the digits set in superscript in the
  text, paired with the note of the same number on the same page or the next ones;
- boxes: paragraphs drawn on a filled rectangle or in a frame of four lines form a sidebar, titled by their
  first heading; a box holding only large type (and who said it) is a quote set in a box;
- what else the PDF draws: a grid of rules is a table; text along a lone vertical rule a quotation (its
  short last line the attribution); a centred row of stars a thematic break; a short paragraph right under
  an image the figure's caption and credit (the editor saves the image under the name given);
- notes set small in the right margin, beside the text, are notes like those at the foot of a column;
- terms in bold over definitions set with a hanging indent are a list of terms; bold paragraphs right
  before an answer are its question;
- link annotations: each page's targets are appended to its text, as printed (decoded) too (the text steps
  use them for addresses and for hyphens in addresses), and each is attached to the text under its
  rectangles in the tree; in a PDF with annotations, only annotated text is a link; a link to a place of
  the PDF where a title starts links to that heading;
- page labels: when the PDF has them, each page starts with ``Page <label>`` (the printed page number);
- in a glossary part, a term in bold over its definition is marked as the text steps mark a term's end;
  paragraphs numbered in sequence become an ordered list; words broken without a hyphen at a narrow
  column's (a box's, a table cell's) edge are mended by the lexicon, by the page's link targets, or because
  the piece is a line of one word filling it (a word longer than a line is the only one broken there).

The text steps replaced or skipped (by their names in :data:`converter.readers.pdftext.STEPS`): paragraph
ends from line lengths, column order and title places (the layout knows them), notes, headings and note
calls when the layout found footnotes and title sizes; the glossary step runs part by part; a "boxes" step
follows the sidebars step.
"""

from __future__ import annotations

import functools
import io
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

from .. import tree as t
from ..errors import CarnetError
from ..lexicon import is_english_word, is_french_word
from ..walk import iter_nodes, plain_text
from . import pdftext
from .pdftext.build import build_tree
from .pdftext.common import NOTE_CLOSE, NOTE_OPEN, Block, State, _is_capitals, _normal, _plain
from .pdftext.joining import _rejoin, dehyphenate
from .pdftext.lists_quotes import find_pullquotes
from .pdftext.notes import link_note_calls
from .pdftext.pages import split_lines
from .pdftext.parts import find_glossary, find_interviews

_BULLET_START = re.compile(r"^([•◦▪▫‣⁃▶▷►▸→➔➜■□–—-]|\d{1,2}[.)])\s")
_DASHES = ("–", "—", "-")


def _starts_item(line: PLine, previous: PLine | None = None) -> bool:
    """Whether the line opens a list item: a bullet glyph or a number ("1.") before its text; a dash only
    when the text after it is set at a tab (a list's dash), not after a plain space (a dash that opens an
    incise, "— la stratégie de …", goes on the sentence); a number after a plain space only when the line
    before (``previous``, in the same paragraph) ends a sentence ("(web" / "1) et de …" goes on)."""
    match = _BULLET_START.match(line.text)
    if not match:
        return False
    words = line.words
    tab = len(words) > 1 and words[1]["x0"] - words[0]["x1"] > 0.6 * max(words[0]["size"], 1.0)
    if words and words[0]["text"] in _DASHES:
        return tab
    if match.group(1)[:1].isdigit() and previous is not None and not tab:
        return previous.text.rstrip().endswith(_TERMINAL)
    return True


_TERMINAL = (".", "!", "?", "…", ":", "»", "”", '"', ";")
_SENTENCE_END = (".", "!", "?", "…", "»", "”", '"')
_NUMBER = re.compile(r"^\d{1,3}$")


# === Layout: lines, regions, blocks ==================================================================


@dataclass
class PLine:
    """One printed line: its words, position and type."""

    words: list[dict]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0
    bold: float = 0.0
    text: str = ""
    calls: list[tuple[int, str]] = field(default_factory=list)
    """Superscript numbers: (offset in ``text`` where the call goes, number)."""
    box: int = -1
    table: int = -1
    bar: int = -1


@dataclass
class PBlock:
    """A paragraph (or a title, a note…) as laid out: its lines and what the layout says it is."""

    lines: list[PLine]
    page: int
    kind: str = "para"  # para, note, furniture
    number: int = 0  # a note's number
    label: str = ""  # a note's label (its id is note-<label>)
    level: int = 0  # a heading's level (0: not a heading)
    box: int = -1
    region: int = 0
    frame: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """The region (column) the block starts in: x0, top, x1, bottom."""
    last_frame: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """The region the block ends in."""
    first_in_region: bool = False
    last_in_region: bool = False
    page_label: str = ""  # the label of the page where a block continued from a previous page resumes
    resumes_at: int = -1  # index of the line where the block resumes on a new page
    cover: str = ""  # "title" or "subtitle" for the cover page's text
    quote: bool = False  # set in a larger type whose blocks end their sentences: a quote set large
    term_lines: int = 0  # a term over its definition (outside a glossary): the term's lines
    table: int = -1  # the table (index in ``Layout.tables``) the block's lines are the rows of
    bar: int = -1  # the vertical rule set along the block's left (a quotation), numbered in the PDF
    figure: str = ""  # a caption right under an image: the name given to the image's file
    edge: float = 0.0  # where its last lines may run to: its column's or its box's text edge (:func:`_text_edge`)

    @property
    def size(self) -> float:
        return statistics.median(line.size for line in self.lines)

    @property
    def bold(self) -> float:
        return statistics.mean(line.bold for line in self.lines)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass
class Layout:
    """What the layout analysis found in the whole PDF."""

    blocks: list[PBlock] = field(default_factory=list)
    body_size: float = 0.0
    labels: list[str] | None = None
    urls: dict[int, list[str]] = field(default_factory=dict)
    annotations: list[tuple[str, str]] = field(default_factory=list)
    """(target, visible text) of every link annotation, in page order."""
    jumps: list[tuple[int, float, float, int, float, str]] = field(default_factory=list)
    """Links to a place of the PDF: (page, top, bottom of the link, page and top of the place, visible text)."""
    has_footnotes: bool = False
    has_levels: bool = False
    title: str = ""
    subtitle: str = ""
    line_block: dict[int, PBlock] = field(default_factory=dict)
    """Number of a line of the text → the layout block it belongs to."""
    called: set[str] = field(default_factory=set)
    tables: list[Grid] = field(default_factory=list)
    images: dict[int, list[tuple[float, float, float, float]]] = field(default_factory=dict)
    """Each page's images (x0, top, x1, bottom), large enough to be figures."""
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    """Every box (x0, top, x1, bottom), numbered as the lines' and blocks' ``box``."""
    """Labels of the notes whose call the layout placed (a superscript number)."""


def _is_bold(word: dict) -> bool:
    name = str(word.get("fontname", "")).lower()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold", "demi"))


def _lines(words: list[dict]) -> list[PLine]:
    """Words → lines: a word belongs to a line its height overlaps (a superscript overlaps its line)."""
    lines: list[PLine] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        target = None
        for line in reversed(lines[-3:]):
            overlap = min(line.bottom, word["bottom"]) - max(line.top, word["top"])
            if overlap >= 0.5 * min(line.bottom - line.top, word["bottom"] - word["top"]):
                target = line
                break
        if target is None:
            lines.append(PLine([word], word["x0"], word["x1"], word["top"], word["bottom"]))
        else:
            target.words.append(word)
            target.x0, target.x1 = min(target.x0, word["x0"]), max(target.x1, word["x1"])
            target.top, target.bottom = min(target.top, word["top"]), max(target.bottom, word["bottom"])
    for line in lines:
        _finish_line(line)
    return lines


def _finish_line(line: PLine) -> None:
    """The line's text (words glued when no space separates them), main size, weight and superscripts."""
    line.words.sort(key=lambda w: w["x0"])
    weights = Counter()
    for word in line.words:
        weights[round(word["size"], 1)] += len(word["text"])
    main = max(weights.items(), key=lambda kv: (kv[1], kv[0]))[0] if weights else 0.0
    line.size = main
    baseline = max((w["bottom"] for w in line.words if round(w["size"], 1) == main), default=line.bottom)
    letters = sum(len(w["text"]) for w in line.words) or 1
    line.bold = sum(len(w["text"]) for w in line.words if _is_bold(w)) / letters
    text = ""
    previous = None
    for word in line.words:
        superscript = word["size"] <= 0.8 * main and word["bottom"] < baseline - 0.12 * main
        if previous is not None:
            gap = word["x0"] - previous["x1"]
            if gap > 0.15 * max(word["size"], previous["size"]):
                text += " "
        if superscript and _NUMBER.match(word["text"]) and text and not text.endswith(" "):
            line.calls.append((len(text), word["text"]))
        text += word["text"]
        previous = word
    line.text = text


def _coverage_gaps(words: list[dict], x0: float, x1: float, min_width: float) -> list[tuple[float, float]]:
    """The x ranges inside [x0, x1] that no word covers, at least ``min_width`` wide, between words."""
    if not words:
        return []
    spans = sorted((w["x0"], w["x1"]) for w in words)
    gaps = []
    reach = spans[0][1]
    for start, stop in spans[1:]:
        if start - reach >= min_width:
            gaps.append((reach, start))
        reach = max(reach, stop)
    return gaps


def _columns(words: list[dict], min_width: float) -> list[float]:
    """x positions of the gutters between columns: gaps no word crosses, bordered on both sides by text
    that runs along a good part of the text's height (the gaps between table cells do not) and by columns
    wide enough to hold text (a column of bullets is not one)."""
    if len(words) < 4:
        return []
    top = min(w["top"] for w in words)
    bottom = max(w["bottom"] for w in words)
    height = bottom - top
    cuts: list[float] = []
    start, stop = min(w["x0"] for w in words), max(w["x1"] for w in words)
    gaps = _coverage_gaps(words, start, stop, min_width)
    for number, (left, right) in enumerate(gaps):
        limit = gaps[number + 1][0] if number + 1 < len(gaps) else stop
        if left - (cuts[-1] if cuts else start) < 6 * min_width or stop - right < 6 * min_width:
            continue  # too narrow for a column: bullets or numbers set apart from their text
        before = [w for w in words if w["x1"] <= left + 0.5 and w["x1"] >= left - 60]
        after = [w for w in words if w["x0"] >= right - 0.5 and w["x0"] <= right + 60]
        extent = [max(w["bottom"] for w in side) - min(w["top"] for w in side) if side else 0
                  for side in (before, after)]
        rows = [len({round(w["top"]) for w in side}) for side in (before, after)]
        left_words = [w for w in words if w["x1"] <= left + 0.5 and w["x0"] >= (cuts[-1] if cuts else start)]
        right_words = [w for w in words if w["x0"] >= right - 0.5 and w["x1"] <= limit + 0.5]
        tall = min(extent) >= 0.3 * height and min(rows) >= 3 or min(extent) >= 0.15 * height and min(rows) >= 6
        if tall and _filled(left_words) and _filled(right_words):
            cuts.append((left + right) / 2)
    return cuts


def _filled(words: list[dict]) -> bool:
    """Whether text fills its column: its rows mostly run along half its width (a column of text), unlike
    the cells of a short table; or it has many rows (a list, a table of contents)."""
    if not words:
        return False
    x0, x1 = min(w["x0"] for w in words), max(w["x1"] for w in words)
    rows: dict[int, list[float]] = {}
    for word in words:
        row = rows.setdefault(round(word["bottom"]), [word["x0"], word["x1"]])
        row[0], row[1] = min(row[0], word["x0"]), max(row[1], word["x1"])
    widths = sorted((row[1] - row[0]) / max(1.0, x1 - x0) for row in rows.values())
    return widths[len(widths) // 2] >= 0.5 or len(rows) >= 8  # many short rows: a list, a table of contents


def _regions(words: list[dict], min_width: float, depth: int = 0) -> list[list[dict]]:
    """The page's words in reading order, as regions (columns) each read top to bottom.

    Columns first (left to right); when none runs the page's height (a title across the columns above
    them), the page is cut across at its widest empty bands and each band is tried again.
    """
    cuts = _columns(words, min_width)
    if cuts:
        edges = [float("-inf"), *cuts, float("inf")]
        parts = [[w for w in words if left <= (w["x0"] + w["x1"]) / 2 < right]
                 for left, right in zip(edges, edges[1:], strict=False)]
        result = []
        for part in parts:
            if part:
                result.extend(_regions(part, min_width, depth + 1) if depth < 2 else [part])
        return result
    if depth >= 2 or len(words) < 8:
        return [words]
    # Across: split at the vertical gaps larger than the common line spacing, keep the split only if a band
    # has columns of its own.
    rows = sorted({(round(w["top"], 1), round(w["bottom"], 1)) for w in words})
    bands: list[list[float]] = []
    for top, bottom in rows:
        if bands and top <= bands[-1][1] + 0.7 * min_width:
            bands[-1][1] = max(bands[-1][1], bottom)
        else:
            bands.append([top, bottom])
    if len(bands) < 2:
        return [words]
    groups = [[w for w in words if band[0] <= w["top"] <= band[1]] for band in bands]
    cuts = next((found for group in groups if group and (found := _columns(group, min_width))), None)
    if not cuts:
        return [words]
    # Stripes: the rows with a word across a gutter (a title, a table of contents set across the page)
    # and the rows between them, which hold the columns.
    spans: list[list[float]] = []
    for word in sorted((w for w in words if any(w["x0"] < c < w["x1"] for c in cuts)), key=lambda w: w["top"]):
        if spans and word["top"] <= spans[-1][1] + 0.5 * min_width:
            spans[-1][1] = max(spans[-1][1], word["bottom"])
        else:
            spans.append([word["top"], word["bottom"]])
    stripes: list[list[dict]] = []
    edges = sorted({y for span in spans for y in span})
    for word in sorted(words, key=lambda w: w["top"]):
        middle = (word["top"] + word["bottom"]) / 2
        key = sum(1 for y in edges if y <= middle)
        if stripes and stripes[-1][0]["_stripe"] == key:
            stripes[-1].append(word)
        else:
            stripes.append([word])
        word["_stripe"] = key
    result = []
    for stripe in stripes:
        result.extend(_regions(stripe, min_width, depth + 1) if len(stripes) > 1 else [stripe])
    return result


def _rules(page) -> list[tuple[float, float, float]]:  # noqa: ANN001 - pdfplumber page
    """Horizontal rules (thin lines or rectangles): (x0, x1, y)."""
    found = []
    for item in [*page.lines, *page.rects]:
        if item["bottom"] - item["top"] <= 2.0 and item["x1"] - item["x0"] >= 15:
            found.append((item["x0"], item["x1"], (item["top"] + item["bottom"]) / 2))
    return found


@dataclass
class Grid:
    """A table drawn as a grid of rules: its column edges (x) and row edges (y), the words in it."""

    xs: list[float]
    ys: list[float]
    words: list[dict] = field(default_factory=list)
    header_fill: bool = False

    def inside(self, x: float, y: float) -> bool:
        return self.xs[0] - 1 <= x <= self.xs[-1] + 1 and self.ys[0] - 1 <= y <= self.ys[-1] + 1


def _grids(page) -> list[Grid]:  # noqa: ANN001 - pdfplumber page
    """Tables drawn as grids: three horizontal rules or more of one width, one above the other, closed at
    both ends by vertical rules that run from the first to the last (a box has two horizontal edges only;
    a quote's rule is one vertical line). The vertical rules between give the columns."""
    segments = [*page.lines, *(r for r in page.rects if min(r["x1"] - r["x0"], r["bottom"] - r["top"]) <= 2)]
    horizontal = {(round(item["x0"]), round(item["x1"]), round((item["top"] + item["bottom"]) / 2, 1))
                  for item in segments if item["bottom"] - item["top"] <= 2 and item["x1"] - item["x0"] >= 20}
    vertical = {(round((item["x0"] + item["x1"]) / 2, 1), item["top"], item["bottom"])
                for item in segments if item["x1"] - item["x0"] <= 2 and item["bottom"] - item["top"] >= 8}
    groups: dict[tuple[int, int], list[float]] = {}
    for x0, x1, y in horizontal:
        key = next((k for k in groups if abs(k[0] - x0) <= 2 and abs(k[1] - x1) <= 2), (x0, x1))
        groups.setdefault(key, []).append(y)
    grids = []
    for (x0, x1), found in groups.items():
        found = sorted(set(found))
        found = [y for index, y in enumerate(found) if not index or y - found[index - 1] > 3]
        # rules of one width far apart (a box's edges over a table, both across the column) are grids of
        # their own: a grid's rules follow each other joined by its left edge
        runs: list[list[float]] = [found[:1]]
        for above, below in zip(found, found[1:], strict=False):
            if any(abs(x - x0) <= 3 and top <= above + 3 and bottom >= below - 3 for x, top, bottom in vertical):
                runs[-1].append(below)
            else:
                runs.append([below])
        grids.extend(grid for ys in runs if len(ys) >= 3 and (grid := _grid(page, x0, x1, ys, vertical)))
    return grids


def _grid(page, x0: float, x1: float, ys: list[float],  # noqa: ANN001 - pdfplumber page
          vertical: set[tuple[float, float, float]]) -> Grid | None:
    """The grid whose rules across, from ``x0`` to ``x1``, are at ``ys``: its columns are the vertical rules
    running from the first to the last, closed at both ends (None when they are not)."""
    xs = sorted({x for x, top, bottom in vertical if x0 - 2 <= x <= x1 + 2 and top <= ys[0] + 3
                 and bottom >= ys[-1] - 3})
    xs = [x for index, x in enumerate(xs) if not index or x - xs[index - 1] > 3]
    if len(xs) < 2 or xs[0] > x0 + 3 or xs[-1] < x1 - 3:
        return None
    header = any(r.get("fill") and abs(r["top"] - ys[0]) <= 2 and abs(r["bottom"] - ys[1]) <= 2
                 and r["x0"] >= xs[0] - 2 and r["x1"] <= xs[-1] + 2 for r in page.rects)
    return Grid(xs, ys, header_fill=header)


def _bars(page, frames: list[tuple[float, ...]]) -> list[tuple[float, float, float]]:  # noqa: ANN001
    """Vertical rules alone (not a box's or a table's edge): (x, top, bottom), overlapping pieces joined.
    Text set just right of one is a quotation, as a word processor borders it."""
    segments = sorted(((item["x0"] + item["x1"]) / 2, item["top"], item["bottom"]) for item in page.lines
                      if item["x1"] - item["x0"] <= 2 and item["bottom"] - item["top"] >= 8)
    bars: list[list[float]] = []
    for x, top, bottom in segments:
        if any(abs(x - edge) <= 3 for frame in frames for edge in frame):
            continue
        if bars and abs(bars[-1][0] - x) <= 1 and top <= bars[-1][2] + 2:
            bars[-1][2] = max(bars[-1][2], bottom)
        else:
            bars.append([x, top, bottom])
    return [(b[0], b[1], b[2]) for b in bars]


def _frames(page) -> list[tuple[float, float, float, float]]:  # noqa: ANN001 - pdfplumber page
    """Rectangles drawn with four lines (a paragraph's border): two horizontal lines of one width, one
    above the other, closed at both ends by vertical lines (in pieces or not) running between them."""
    horizontal = sorted({(round(i["x0"]), round(i["x1"]), round(i["top"])) for i in page.lines
                         if i["bottom"] - i["top"] <= 2 and i["x1"] - i["x0"] > 60})
    vertical = [(i["x0"], i["top"], i["bottom"]) for i in page.lines if i["x1"] - i["x0"] <= 2]

    def closed(x: float, top: float, bottom: float) -> bool:
        spans = sorted((t, b) for vx, t, b in vertical if abs(vx - x) <= 3 and b >= top - 2 and t <= bottom + 2)
        reach = top
        for start, stop in spans:
            if start > reach + 2:
                return False
            reach = max(reach, stop)
        return reach >= bottom - 2

    found = []
    for index, (x0, x1, top) in enumerate(horizontal):
        below = next(((bx0, bx1, bottom) for bx0, bx1, bottom in horizontal[index + 1:]
                      if abs(bx0 - x0) <= 3 and abs(bx1 - x1) <= 3 and bottom > top + 8), None)
        if below is not None and closed(x0, top, below[2]) and closed(x1, top, below[2]):
            found.append((float(x0), float(top), float(x1), float(below[2])))
    return found


def _boxes(page) -> list[tuple[float, float, float, float]]:  # noqa: ANN001 - pdfplumber page
    """Filled or framed rectangles that hold text (sidebars, quotes set in a box); table cells (side by
    side) excluded."""
    rects = [r for r in page.rects if r["bottom"] - r["top"] > 8 and r["x1"] - r["x0"] > 60
             and r["x1"] - r["x0"] < 0.95 * page.width]
    rects = [r for r in rects if r.get("fill") or r.get("stroke")]
    cells = set()
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            same_row = abs(a["top"] - b["top"]) < 2 and abs(a["bottom"] - b["bottom"]) < 2
            if same_row and (a["x1"] <= b["x0"] + 2 or b["x1"] <= a["x0"] + 2):
                cells.update((id(a), id(b)))
    boxes: list[list[float]] = []
    frames = [{"x0": f[0], "top": f[1], "x1": f[2], "bottom": f[3]} for f in _frames(page)]
    for rect in sorted([*(r for r in rects if id(r) not in cells), *frames], key=lambda r: (r["x0"], r["top"])):
        for box in boxes:
            if abs(box[0] - rect["x0"]) < 3 and abs(box[2] - rect["x1"]) < 3 and rect["top"] <= box[3] + 2 \
                    and rect["bottom"] >= box[1] - 2:
                box[3] = max(box[3], rect["bottom"])
                box[1] = min(box[1], rect["top"])
                break
        else:
            boxes.append([rect["x0"], rect["top"], rect["x1"], rect["bottom"]])
    # in reading order, column by column, each top to bottom (boxes of one column may start a point or two
    # apart: a quote's rule and a sidebar's frame): a box cut at a column's foot goes on in the next one
    columns: list[list[list[float]]] = []
    for box in sorted(boxes, key=lambda b: b[0]):
        if columns and box[0] - columns[-1][0][0] <= 6:
            columns[-1].append(box)
        else:
            columns.append([box])
    return [(b[0], b[1], b[2], b[3]) for column in columns for b in sorted(column, key=lambda b: b[1])]


def _margin_notes(words: list[dict], body: float, gutter: float) -> list[PLine]:
    """Notes set in the page's outer (right) margin beside the text, as designed carnets set them: lines in
    a type smaller than the body, right of where the text's lines end, with no word of the body's type
    beside them (a call set small in a line of text has its words around it; a table's last column may
    run into the margin), the first opening with a number."""
    main = [w for w in words if w["size"] >= 0.95 * body]
    rows = _lines(main)
    if len(rows) < 4:
        return []
    ends = sorted(row.x1 for row in rows)
    edge = ends[(3 * len(ends)) // 4]  # where most lines of text end
    margin = []
    for row in _lines([w for w in words if w["size"] <= 0.85 * body and w["x0"] >= edge + 0.5 * gutter]):
        beside = [w for w in main if w["bottom"] > row.top - 2 and w["top"] < row.bottom + 2]
        if all(w["x1"] <= row.x0 - 1.0 for w in beside):
            margin.append(row)
    if margin and re.match(r"\d{1,3}(?!\d)", margin[0].text):
        return margin
    return []


def _footnote_split(lines: list[PLine], rules: list[tuple[float, float, float]], body_size: float,
                    x0: float, x1: float, open_note: bool = False) -> int:
    """Index of the first footnote line of a column (len(lines) when it has none).

    A footnote zone is under a short rule at the foot of the column, or set smaller than the body at the
    foot of the page; either way its first line starts with a number, unless a note is ``open_note`` (the
    column read before ended in notes): a long note goes on under the next column's rule, however much of
    that column it takes.
    """
    width = max(1.0, x1 - x0)
    for rx0, rx1, y in sorted(rules, key=lambda r: r[2]):
        if rx1 - rx0 > 0.6 * width or abs(rx0 - x0) > 4:
            continue  # a separator starts at the column's edge (a quote's rule is indented)
        if any(0 <= y - line.bottom <= 4 and line.x0 < rx1 and line.x1 > rx0 for line in lines):
            continue  # the underline of a link, not a separator
        below = [i for i, line in enumerate(lines) if line.top >= y - 1]
        if not below or any(line.top < y - 1 for line in lines[below[0]:]):
            continue
        if below[0] and lines[below[0] - 1].bottom > y + 1:
            continue
        # notes start with a number; a note that goes on from the previous column or page does not
        height = max(1.0, lines[-1].bottom - lines[0].top)
        raised = any(_NUMBER.match(line.words[0]["text"]) and line.words[0]["size"] <= 0.85 * line.size
                     for line in lines[below[0]:])
        if re.match(r"\d{1,3}\b", lines[below[0]].text) or raised or lines[-1].bottom - y <= 0.4 * height \
                or open_note:
            return below[0]
    index = len(lines)
    while index > 0 and lines[index - 1].size and lines[index - 1].size <= 0.85 * body_size:
        index -= 1
    while index < len(lines) and not re.match(r"\d{1,3}\s?\S", lines[index].text):
        index += 1
    if index < len(lines) and index > 0 and lines[index].top - lines[index - 1].bottom > 0.5 * body_size:
        return index
    return len(lines)


def _paragraphs(lines: list[PLine], page: int, region: int, pitch: dict[float, float]) -> list[PBlock]:
    """A column's lines → paragraphs: a larger gap, a change of size or weight, a bullet, a box."""
    blocks: list[PBlock] = []
    for line in lines:
        previous = blocks[-1].lines[-1] if blocks else None
        new = previous is None
        if previous is not None:
            usual = pitch.get(round(previous.size), 1.25 * previous.size)
            step = line.top - previous.top
            size_change = abs(line.size - previous.size) > 0.1 * max(line.size, 1)
            weight_change = (line.bold >= 0.95) != (previous.bold >= 0.95)  # all bold: a question, a term
            if weight_change and len(blocks[-1].lines) == 1 and previous.text.rstrip().endswith(":") \
                    and previous.bold >= 0.95 and len(previous.text.split()) <= 5:
                weight_change = False  # a run-in in bold ("Hélène Roussel :") alone on the paragraph's first line
            new = size_change or weight_change or step > usual + max(2.0, 0.25 * line.size) or step < 0 \
                or _starts_item(line, previous) or line.box != previous.box or line.bar != previous.bar
            if line.table >= 0 or previous.table >= 0:
                new = line.table != previous.table  # a table's rows are one block, whatever their type
        if new:
            blocks.append(PBlock([line], page, box=line.box, region=region, table=line.table, bar=line.bar))
        else:
            blocks[-1].lines.append(line)
    return blocks


def _text_edge(block: PBlock, lines: list[PLine], boxes: list[tuple[float, float, float, float]],
               right: float) -> float:
    """Where the lines of ``block`` may run to: the column's edge ``right``; in a box, the box's edge set in
    by as much as its text is from its left edge (a box's padding is the same on both sides), since the
    box's own lines may all stop short of it."""
    if block.box < 0 or block.box >= len(boxes):
        return right
    x0, _, x1, _ = boxes[block.box]
    inside = [line.x0 for line in lines if line.box == block.box]
    return min(right, x1 - (min(inside) - x0)) if inside else right


def _mend_broken_words(block: PBlock, right: float, own: float | None = None) -> None:
    """A word too long for a narrow column is broken at its edge without a hyphen ("numériqu" / "es"):
    the piece that starts the next line goes back to its word when the lexicon knows the whole word and
    not both pieces. A word processor breaks a word without a hyphen only when it is longer than a whole
    line, so a line that is one word filling it to within a letter (:func:`_filled_by_one_word`, measured
    against ``right``, the column's or the box's text edge: :func:`_text_edge`) is such a piece when the
    lexicons do not know it ("instrumentalis" / "ant des") or know the whole word ("d’accompagne" / "ment"),
    whatever the pieces. The lexicon's rule measures against the block's own edge (``own``, by default where
    its longest line ends) when it is set in from ``right`` (a quote set large). A line that starts with the
    comma or the full stop its last word could not hold ("consommation" / ", de") gets it back."""
    edge, right = right, min(right, max(line.x1 for line in block.lines) if own is None else own)
    # a word broken over three lines ("Parti" / "cipan" / "ts") is mended from its end: the lines are read
    # again while a piece moves; a line's end takes one piece at most (the rest of its word)
    mended: set[int] = set()
    moved = True
    while moved:
        moved = False
        for line, following in zip(block.lines, block.lines[1:], strict=False):
            if id(line) in mended:
                continue
            stop = re.match(r"[.,](?=\s|$)", following.text)
            if stop and line.text and not line.text[-1].isspace() and line.x1 >= right - 0.05 * right:
                _pull_back(line, following, stop.end())
                mended.add(id(line))
                moved = True
                continue
            tail = re.search(r"([^\W\d_]+)$", line.text)
            head = re.match(r"([^\W\d_]+)(?=$|[\s.,;:!?)»”…])", following.text)
            if tail is None or head is None:
                continue
            # in capitals, a line of one word is a short title's ("MONTPELLIER" / "MÉDITERRANÉE" / "MÉTROPOLE");
            # a word the lexicons know may fill its line whole ("professionnellement" / "etc.")
            filled = head.group(1)[:1].islower() and _filled_by_one_word(line, following, edge)
            if line.x1 < right - 0.05 * right and not filled:
                continue  # the next line is longer ("Parti" / "cipants" in a narrow cell): measured at the edge
            if not (head.group(1)[:1].islower() or tail.group(1).isupper() and head.group(1).isupper()):
                continue  # a capital starts a new word, unless the whole text is in capitals
            pieces_known = is_french_word(tail.group(1)) and is_french_word(head.group(1))
            # a filled line's word known, the next line's piece not ("comportement" / "ales", a word the
            # lexicon lacks): the piece is the word's end, unless both are English ("smart" / "city"), the
            # piece is short enough to be an abbreviation ("etc.") or is its line's only word (a word broken
            # over three lines is mended from its end: "Parti" / "cipan" / "ts")
            if is_french_word(tail.group(1) + head.group(1)) and (filled or not pieces_known) \
                    or filled and not is_french_word(tail.group(1)) and not is_english_word(tail.group(1)) \
                    or filled and _unknown_end(tail.group(1), head.group(1), following.text[head.end():]):
                # the punctuation that closes the word goes with it ("ales," / "nos")
                closing = re.match(r"[.,;:!?)»”…]*", following.text[head.end():])
                _pull_back(line, following, head.end() + (closing.end() if closing else 0))
                mended.add(id(line))
                moved = True
    block.lines = [line for line in block.lines if line.text.strip()]


def _unknown_end(word: str, piece: str, rest: str) -> bool:
    """Whether ``piece``, opening the next line after a line that one word fills, is that word's end
    (see :func:`_mend_broken_words`): four letters or more, more text after it on its line, unknown in French,
    and not two English words. Asked only of filled lines: each question is a lexicon lookup."""
    return len(piece) >= 4 and rest.strip() != "" and not is_french_word(piece) \
        and not (is_english_word(piece) and is_english_word(word))


def _pull_back(line: PLine, following: PLine, end: int) -> None:
    """Move the first ``end`` characters of ``following`` to the end of ``line`` (the spaces after them go);
    the calls of ``following`` keep their places in its text."""
    rest = following.text[end:].lstrip()
    shift = len(following.text) - len(rest)
    line.text += following.text[:end]
    following.text = rest
    following.calls = [(offset - shift, number) for offset, number in following.calls]


def _filled_by_one_word(line: PLine, following: PLine, right: float) -> bool:
    """Whether ``line`` is one word that runs to the edge ``right`` closer than the width of a letter of
    the next line's first word: a word longer than the line, broken where the line ends (a word that fits
    leaves the room of a space and the next word, one letter at least, when the next word goes down)."""
    if len(line.words) != 1 or " " in line.text.strip() or not following.words:
        return False
    first = following.words[0]
    letter = (first["x1"] - first["x0"]) / max(1, len(first["text"]))
    return right - line.x1 < letter


def _mend_addresses(block: PBlock, urls: list[str]) -> None:
    """An address broken at a column's edge without a hyphen ("dataliteracyconference.n" / "et."): the
    piece that starts the next line goes back to it when together they are part of a link of the page, or
    when a full address is cut at a slash ("https://exemple.fr" / "/code.", or the slash at the edge)."""
    keys = [re.sub(r"^https?://(www\.)?", "", unquote(url)).lower() for url in urls]
    right = max(line.x1 for line in block.lines)
    for line, following in zip(block.lines, block.lines[1:], strict=False):
        tail = line.text.rsplit(" ", 1)[-1]
        head = following.text.split(" ", 1)[0]
        piece = head.rstrip(".,;:)»”")
        if not piece or not re.search(r"[./]", tail) or tail.endswith("-"):
            continue
        whole = re.sub(r"^https?://(www\.)?", "", tail + piece, flags=re.I).lower()
        address = re.match(r"(https?://|www\.)\S+\.", tail, re.I) is not None
        at_slash = address and (head.startswith("/") or tail.endswith("/") and piece[:1].islower()
                                and line.x1 >= right - 0.1 * (right - line.x0))
        if at_slash or any(whole in key for key in keys) \
                and not any(f"{tail} {piece}".lower() in key for key in keys):
            _pull_back(line, following, len(head))
    block.lines = [line for line in block.lines if line.text.strip()]


def _notes(lines: list[PLine], page: int, previous: PBlock | None) -> list[PBlock]:
    """Footnote lines → notes, each starting at a line that opens with its number (set in superscript, or
    the next number): "55." at the start of a line that goes on an address is not a new note. Lines before
    the first number go on the ``previous`` note (a note continued at the foot of the next column); then a
    new note is the next number after it ("11/24/…", the rest of an address, goes on it too)."""
    blocks: list[PBlock] = []
    continued: PBlock | None = None
    for line in lines:
        match = re.match(r"(\d{1,3})(?!\d)", line.text)
        if not blocks and previous is not None and not match:
            previous.lines.append(line)
            continued = previous
            continue
        if match:
            number = int(match.group(1))
            first = line.words[0]
            raised = bool(_NUMBER.match(first["text"])) and first["size"] <= 0.85 * line.size
            last = blocks[-1] if blocks else continued
            expected = last.number + 1 if last is not None and last.kind == "note" else None
            if raised or expected is None or number == expected:
                line.text = f"{number} {line.text[match.end():].lstrip()}"  # a glued number set apart
                line.calls = []
                blocks.append(PBlock([line], page, kind="note", number=number))
                continue
        if blocks or continued is not None:
            (blocks[-1] if blocks else continued).lines.append(line)
        else:
            blocks.append(PBlock([line], page))
    return blocks


def _furniture(rows: list[PLine], body_size: float, page_height: float) -> tuple[list[PLine], list[PLine]]:
    """Candidates for running heads and page numbers: short lines set apart at the top or the bottom of the
    page (:func:`_running` keeps those that are furniture)."""
    head, foot = [], []
    ordered = sorted(rows, key=lambda r: r.top)
    for index, row in enumerate(ordered[:2]):
        after = ordered[index + 1] if index + 1 < len(ordered) else None
        if row.top < 0.12 * page_height and len(row.text) <= 60 and after is not None \
                and after.top - row.bottom > 1.5 * body_size and all(r in head for r in ordered[:index]):
            head.append(row)
    for index in range(len(ordered) - 1, max(-1, len(ordered) - 3), -1):
        row = ordered[index]
        before = ordered[index - 1] if index else None
        if row.bottom > 0.88 * page_height and len(row.text) <= 60 and before is not None \
                and row.top - before.bottom > 1.5 * body_size and all(r in foot for r in ordered[index + 1:]):
            foot.append(row)
    return head, foot


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _running(candidates: list[list[PLine]]) -> set[int]:
    """Of the candidates of every page, the furniture: a page number (a number alone, "- 12 -", "Page 12",
    "12 / 48") or a line that comes back, numbers aside, on three pages or more."""
    seen = Counter(key for rows in candidates for key in {_furniture_key(r.text) for r in rows})
    found = set()
    for rows in candidates:
        for row in rows:
            number = re.fullmatch(r"[-–—\s]*(?:page\s+|p\.\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s]*", row.text, re.I)
            if number or seen[_furniture_key(row.text)] >= 3:
                found.add(id(row))
    return found


def _lean_objects(page) -> None:  # noqa: ANN001 - pdfplumber page
    """Fill the page's objects with lean characters: their text, font, size and box only.

    Why: pdfplumber describes every character with all its attributes (colours, matrix, graphic state…),
    each resolved from the PDF's objects: about 40 % of the time of reading a PDF, for attributes the layout
    rules never use. The characters here carry what word extraction and the rules read; the other objects
    (rules, boxes, images: a few per page) are described by pdfplumber as usual. When pdfplumber changes
    its internals, the page keeps its own objects (slower, same result).
    """
    try:
        from pdfminer.layout import LTChar, LTContainer

        layout = page.layout
        height, (shift_x, shift_top) = float(page.height), page.mediabox[:2]
        doctop = page.initial_doctop
    except Exception:  # noqa: BLE001 - pdfplumber's own objects stay the fallback
        return
    chars: list[dict] = []
    others: dict[str, list[dict]] = {}

    def walk(items: Iterable) -> None:
        for item in items:
            if isinstance(item, LTContainer):
                walk(item._objs)  # a figure's or a form's own objects (pdfplumber reads them the same way)
            elif isinstance(item, LTChar):
                top = height - item.y1 + shift_top
                fontname = item.fontname
                if isinstance(fontname, bytes):
                    fontname = fontname.decode("utf-8", "replace")
                chars.append({"object_type": "char", "text": item.get_text(), "fontname": fontname,
                              "size": item.size, "upright": item.upright, "x0": item.x0 + shift_x,
                              "x1": item.x1 + shift_x, "top": top, "bottom": height - item.y0 + shift_top,
                              "doctop": doctop + top, "page_number": page.page_number})
            else:
                found = page.process_object(item)
                if found["object_type"] != "anno":
                    others.setdefault(found["object_type"], []).append(found)

    walk(layout._objs)
    if page.pdf.unicode_norm is not None:
        return  # pdfplumber normalises the text: leave it to it
    page._objects = {"char": chars, **others}


def analyse(pdf) -> Layout:  # noqa: ANN001, C901 - pdfplumber PDF; the layout rules, one after the other
    """Every page → layout blocks in reading order, with headings, notes, boxes and links."""
    layout = Layout(labels=_labels(pdf))
    page_ids = {page.page_obj.pageid: index for index, page in enumerate(pdf.pages)}
    pages_words: list[list[dict]] = []
    sizes: Counter[float] = Counter()
    for page in pdf.pages:
        _lean_objects(page)
        words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
        words = [w for w in words if w["text"].strip()]
        pages_words.append(words)
        for word in words:
            sizes[round(word["size"], 1)] += len(word["text"])
    layout.body_size = body = max(sizes.items(), key=lambda kv: kv[1])[0] if sizes else 10.0
    min_gutter = max(6.0, 0.75 * body)
    all_lines: list[tuple[int, int, PLine]] = []
    regions_by_page: list[list[tuple[list[PLine], list[PLine], list[PLine], list[PLine]]]] = []
    box_count = bar_count = 0
    open_note = False  # the column read last ended in notes: one may go on under the next column's rule
    candidates: list[tuple[list[PLine], list[PLine]]] = []
    for page, words in zip(pdf.pages, pages_words, strict=True):
        candidates.append(_furniture(_lines(words), body, float(page.height)))
    running = _running([rows for pair in candidates for rows in pair])
    for number, (page, words) in enumerate(zip(pdf.pages, pages_words, strict=True)):
        head = [row for row in candidates[number][0] if id(row) in running]
        foot = [row for row in candidates[number][1] if id(row) in running]
        aside = {id(w) for row in (*head, *foot) for w in row.words}
        body_words = [w for w in words if id(w) not in aside]
        margin = _margin_notes(body_words, body, min_gutter)
        if margin:
            kept = {id(w) for line in margin for w in line.words}
            body_words = [w for w in body_words if id(w) not in kept]
        rules = _rules(page)
        grids = _grids(page)
        boxes = [b for b in _boxes(page) if not any(g.inside(b[0] + 1, b[1] + 1) and g.inside(b[2] - 1, b[3] - 1)
                                                     for g in grids)]  # a table's header row is no box
        bars = _bars(page, [(b[0], b[2]) for b in boxes] + [tuple(g.xs) for g in grids])
        for grid in grids:
            grid.words = [w for w in body_words if grid.inside((w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2)]
        first_grid = len(layout.tables)
        layout.images[number] = [(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images
                                 if i["x1"] - i["x0"] >= 24 and i["bottom"] - i["top"] >= 24]
        layout.tables.extend(grids)
        page_regions = []
        for region_words in _regions(body_words, min_gutter):
            lines = _lines(region_words)
            for line in lines:
                middle_x, middle_y = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
                for index, (bx0, btop, bx1, bbottom) in enumerate(boxes):
                    if bx0 <= middle_x <= bx1 and btop <= middle_y <= bbottom:
                        line.box = box_count + index
                for index, grid in enumerate(grids):
                    if grid.inside(middle_x, middle_y):
                        line.table = first_grid + index
                for index, (x, top, bottom) in enumerate(bars):
                    if x + 1 <= line.x0 <= x + 3 * body and top - 2 <= middle_y <= bottom + 2:
                        line.bar = bar_count + index
            x0 = min(line.x0 for line in lines)
            x1 = max(line.x1 for line in lines)
            split = _footnote_split(lines, rules, body, x0, x1, open_note)
            open_note = split < len(lines)
            page_regions.append((head, lines[:split], lines[split:], foot))
            all_lines.extend((number, len(page_regions), line) for line in lines[:split])
        if margin:
            page_regions.append((head, [], margin, foot))  # notes only: read after the page's columns
        box_count += len(boxes)
        layout.boxes.extend(boxes)
        bar_count += len(bars)
        if not page_regions:
            page_regions.append((head, [], [], foot))
        regions_by_page.append(page_regions)
        links = []
        rects: dict[str, list[dict]] = {}
        for link in page.hyperlinks:
            uri = link.get("uri")
            if uri:
                rects.setdefault(uri, []).append(link)
                links.append(uri)
        for uri, parts in rects.items():
            # one link may take several rectangles (a line each): its text is theirs, in reading order (a
            # column's rectangles overlap across: column by column, each top to bottom)
            columns: list[list[float]] = []
            for link in sorted(parts, key=lambda r: r["x0"]):
                if columns and link["x0"] <= columns[-1][1]:
                    columns[-1][1] = max(columns[-1][1], link["x1"])
                else:
                    columns.append([link["x0"], link["x1"]])
            pieces = []
            for link in sorted(parts, key=lambda r: (next(i for i, c in enumerate(columns) if c[0] <= r["x0"] <= c[1]),
                                                     r["top"], r["x0"])):
                under = [w for w in words if link["x0"] - 1 <= (w["x0"] + w["x1"]) / 2 <= link["x1"] + 1
                         and w["top"] >= link["top"] - 2 and w["bottom"] <= link["bottom"] + 2]
                pieces.extend(line.text for line in _lines(under))  # a rectangle may take several lines
            visible = "\n".join(p for p in pieces if p).rstrip(",;:.)")
            if visible:
                layout.annotations.append((uri, visible))
        layout.jumps.extend(_jumps(pdf, page, number, words, page_ids))
        # an address is printed decoded ("cité", not "cit%C3%A9"): the text steps match the printed text
        # (and decide the hyphens inside it) against the decoded form too
        layout.urls[number] = _unique(form for link in links for form in (link, unquote(link)))
    # Usual line pitch per size: the most common distance between the tops of consecutive lines.
    steps: dict[int, Counter[float]] = {}
    for (page_a, region_a, a), (page_b, region_b, b) in zip(all_lines, all_lines[1:], strict=False):
        if (page_a, region_a) == (page_b, region_b) and abs(a.size - b.size) < 0.5 and b.top > a.top:
            steps.setdefault(round(a.size), Counter())[round(b.top - a.top, 1)] += 1
    pitch = {size: min(value for value, count in counter.items() if count >= 0.5 * max(counter.values()))
             for size, counter in steps.items()}
    # Blocks, page by page, column by column.
    last_note: PBlock | None = None
    for number, page_regions in enumerate(regions_by_page):
        head = page_regions[0][0]
        foot = page_regions[0][3]
        for row in head:
            layout.blocks.append(PBlock([row], number, kind="furniture"))
        notes: list[PBlock] = []
        for region, (_, lines, note_lines, _) in enumerate(page_regions):
            blocks = _paragraphs(lines, number, region, pitch)
            if blocks:
                frame = (min(li.x0 for li in lines), lines[0].top, max(li.x1 for li in lines), lines[-1].bottom)
                for block in blocks:
                    block.frame = block.last_frame = frame
                    block.edge = _text_edge(block, lines, layout.boxes, frame[2])
                    _mend_broken_words(block, block.edge)
                blocks[0].first_in_region = True
                blocks[-1].last_in_region = True
            layout.blocks.extend(blocks)
            if note_lines:
                layout.has_footnotes = True
                found = _notes(note_lines, number, last_note)
                notes.extend(found)
                last_note = found[-1] if found else last_note
        layout.blocks.extend(notes)
        for row in foot:
            layout.blocks.append(PBlock([row], number, kind="furniture"))
    _flow(layout)
    for block in layout.blocks:
        urls = layout.urls.get(block.page, []) + layout.urls.get(block.page + 1, [])
        if len(block.lines) > 1:
            _mend_addresses(block, urls)
    _cover(layout)
    _levels(layout)
    _terms(layout)
    _term_lists(layout)
    _captions(layout)
    _pair_calls(layout)
    return layout


def _jumps(pdf, page, number: int, words: list[dict], page_ids: dict[int, int]) \
        -> list[tuple[int, float, float, int, float, str]]:  # noqa: ANN001 - pdfplumber objects
    """The page's links to a place of the PDF (a destination, named or not): where they are, where they
    go, the text under them; a number alone (a note's call or its back link) is left to the notes."""
    found = []
    for annotation in page.annots:
        data = annotation.get("data") or {}
        if annotation.get("uri") is not None or not isinstance(data, dict):
            continue
        action = data.get("A") if isinstance(data.get("A"), dict) else {}
        dest = data.get("Dest") or action.get("D")
        try:
            if isinstance(dest, (bytes, str)):
                dest = pdf.doc.get_dest(dest)
            dest = dest.get("D") if isinstance(dest, dict) else dest
            target, top = page_ids[dest[0].objid], dest[3] if len(dest) > 3 and dest[1].name == "XYZ" else None
        except Exception:  # noqa: BLE001 - a destination pdfminer cannot resolve is no link for us
            continue
        under = [w for w in words if annotation["x0"] - 1 <= (w["x0"] + w["x1"]) / 2 <= annotation["x1"] + 1
                 and w["top"] >= annotation["top"] - 2 and w["bottom"] <= annotation["bottom"] + 2]
        visible = "\n".join(line.text for line in _lines(under)).strip()
        if visible and not visible.isdigit():
            height = float(pdf.pages[target].height)
            found.append((number, annotation["top"], annotation["bottom"], target,
                          height - float(top) if top is not None else 0.0, visible))
    return found


def _terms(layout: Layout) -> None:
    """In a glossary (the part under a "Lexique" or "Glossaire" title), a term set in bold over its
    definition set apart (indented, or in another weight) is one block, the term's last line marked by two
    trailing spaces, as the text steps mark a term's end; a term broken over lines stays one term."""
    inside = 0
    result: list[PBlock] = []
    for block in layout.blocks:
        if block.level and block.box < 0:
            name = _normal(block.text)
            inside = block.level if name in ("lexique", "glossaire") else (0 if block.level <= inside else inside)
        previous = result[-1] if result else None
        if inside and previous is not None and previous.kind == "para" and block.kind == "para" \
                and not previous.level and not block.level and previous.bold >= 0.95 and block.bold < 0.95 \
                and len(previous.text) <= 80 and not previous.text.rstrip().endswith(_SENTENCE_END) \
                and not previous.lines[-1].text.endswith("  "):
            previous.lines[-1].text = previous.lines[-1].text.rstrip() + "  "
            previous.lines.extend(block.lines)
            continue
        result.append(block)
    layout.blocks = result


def _is_term(block: PBlock, definition: PBlock, body: float) -> bool:
    """A short line all in bold, not a sentence, over a paragraph in the regular weight set further right
    (a hanging indent): a term and its definition, as a definition list is laid out."""
    text = block.text.rstrip()
    return block.kind == definition.kind == "para" and not block.level and not definition.level \
        and not block.cover and not block.quote and not definition.quote and block.box == definition.box \
        and block.bold >= 0.95 and definition.bold < 0.5 and len(text) <= 80 and len(block.lines) <= 4 \
        and not text.endswith(_SENTENCE_END + (":", ",", ";")) and not _starts_item(definition.lines[0]) \
        and definition.lines[0].x0 >= block.lines[0].x0 + 0.8 * body and block.page == definition.page \
        and block.region == definition.region and abs(block.size - definition.size) < 0.5 \
        and all(line.x0 >= block.lines[0].x0 + 0.8 * body for line in definition.lines)


def _term_lists(layout: Layout) -> None:
    """Outside a glossary, two terms or more in a row, each in bold over its definition set with a hanging
    indent (:func:`_is_term`): a list of terms (a page of programmes, of services), each term and its
    definition one block whose ``term_lines`` are the term's; a bold line over one indented paragraph
    alone is left to the text steps (a lead-in over a quotation is laid out so too)."""
    blocks = layout.blocks
    pairs: list[int] = []
    index = 0
    while index + 1 < len(blocks):
        if _is_term(blocks[index], blocks[index + 1], layout.body_size) \
                and not blocks[index].lines[-1].text.endswith("  "):
            pairs.append(index)
            index += 2
        else:
            pairs.append(-1)
            index += 1
    runs: list[list[int]] = [[]]
    for start in pairs:
        if start < 0:
            runs.append([])
        else:
            runs[-1].append(start)
    merged: set[int] = set()
    for run in runs:
        if len(run) < 2:
            continue
        for start in run:
            term, definition = blocks[start], blocks[start + 1]
            term.term_lines = len(term.lines)
            term.lines = [*term.lines, *definition.lines]
            term.last_frame, term.last_in_region = definition.last_frame, definition.last_in_region
            merged.add(start + 1)
    layout.blocks = [block for index, block in enumerate(blocks) if index not in merged]


def _captions(layout: Layout) -> None:
    """The short paragraph right under an image, across it, is its caption (and its credit): the image's
    file gets a name after the page (the editor saves the image under that name)."""
    count: Counter[str] = Counter()
    for block in layout.blocks:
        if block.kind != "para" or block.level or len(block.lines) > 4 or block.table >= 0:
            continue
        first = block.lines[0]
        for x0, _, x1, bottom in layout.images.get(block.page, []):
            if -2 <= first.top - bottom <= 2 * layout.body_size and first.x0 < x1 and first.x1 > x0:
                label = layout.labels[block.page] if layout.labels and block.page < len(layout.labels) \
                    and layout.labels[block.page] else str(block.page + 1)
                count[label] += 1
                block.figure = f"image-page-{label}" + (f"-{count[label]}" if count[label] > 1 else "") + ".png"
                break


def _flow(layout: Layout) -> None:
    """A paragraph that runs on from the foot of a column into the top of the next one (to its right, or
    on the next page) is one paragraph: its last line fills the column and has no final punctuation, or
    the next column starts in lower case; both halves are set in the same type, in the same box."""
    result: list[PBlock] = []
    pending: list[PBlock] = []  # notes and page furniture met between the two halves
    for block in layout.blocks:
        if block.kind != "para":
            pending.append(block)
            continue
        previous = result[-1] if result else None
        if previous is not None and _continues(previous, block):
            # a word broken at the foot of the column goes on at the top of the next; the first half's own
            # edge is where its lines in its last column end
            left, _, right, _ = previous.last_frame
            own = max(line.x1 for line in previous.lines if line.x0 >= left - 1 and line.x1 <= right + 1)
            _mend_broken_words(PBlock([previous.lines[-1], block.lines[0]], previous.page), previous.edge, own)
            block.lines = [line for line in block.lines if line.text.strip()]
            if block.page != previous.page:
                previous.resumes_at = len(previous.lines)
                previous.page_label = str(block.page)
            previous.lines.extend(block.lines)
            previous.edge = block.edge
            previous.last_frame = block.last_frame
            previous.last_in_region = block.last_in_region
            continue
        result.extend(pending)
        pending = []
        result.append(block)
    result.extend(pending)
    layout.blocks = result


def _first_token_width(line: PLine) -> float:
    """The width of the line's first run of glued words ("Foundation25."): what must fit on a line; an
    opening quote set apart goes with its word (« optimiser »: a space no line is broken at)."""
    words = line.words
    if not words:
        return 0.0
    end = words[0]["x1"]
    for previous, word in zip(words, words[1:], strict=False):
        if word["x0"] - previous["x1"] > 0.15 * max(word["size"], previous["size"]) \
                and previous["text"] not in _OPENING:
            break
        end = word["x1"]
    return end - words[0]["x0"]


_OPENING = ("«", "“", "‘", "(", "[", "—", "–")
"""Signs a word processor keeps with the word after them (French quotes, with their no-break space)."""


_ENDS_ADDRESS = re.compile(r"(?:https?://|www\.|\.[a-z]{2,}/|/$)\S*$", re.I)


def _continues(previous: PBlock, block: PBlock) -> bool:
    if previous.kind != "para" or previous.cover or not previous.last_in_region or not block.first_in_region \
            or previous.table >= 0 or block.table >= 0:
        return False
    before, after = previous.last_frame, block.frame
    if not (block.page == previous.page + 1 or block.page == previous.page and after[0] >= before[2] - 1):
        return False
    last, first = previous.lines[-1], block.lines[0]
    # a box cut at the column's foot goes on in the next box, drawn at the next column's top (the boxes
    # of a page are numbered column by column, top to bottom): a quote set in a box runs on there too
    same_box = previous.box == block.box or previous.box >= 0 and block.box == previous.box + 1
    if abs(last.size - first.size) >= 0.5 or (last.bold >= 0.95) != (first.bold >= 0.95) \
            or not same_box or _starts_item(first, last):
        return False
    end = last.text.rstrip()
    # the line runs along the column, or the next column's first word would not have fitted after it (the
    # line was broken there, "… l’Open Knowledge" / "Foundation.")
    room = before[2] - last.x1 - 0.25 * max(last.size, 1.0)
    full = (last.x1 >= before[0] + 0.75 * (before[2] - before[0]) or len(previous.lines) >= 2) \
        and _first_token_width(first) > room
    # an address is not broken at spaces: a line ending on one runs along the column whether or not the
    # paragraph goes on; a capital then starts the next one ("POUR EN SAVOIR PLUS : numerique-en-" /
    # "communs.fr/…/" | "Retrouvez le carnet"), the rest of the address would not ("…/2022/0" | "6/…")
    full = full and not (_ENDS_ADDRESS.search(end) and first.text.lstrip()[:1].isupper())
    # an indent that goes on (a definition, a list item, a quote): the block's last line and the next
    # column's first set in by the same amount from their columns' edges; the sentence may end at the
    # column's foot when the line runs along the column
    indent, resumed = last.x0 - before[0], first.x0 - after[0]
    indented = indent > 0.5 * max(last.size, 1.0) and abs(indent - resumed) <= 1.5
    # a comma or a semicolon never ends a paragraph
    return first.text.lstrip(" " + "".join(_OPENING) + "\u00a0\u202f")[:1].islower() or full and not end.endswith(_SENTENCE_END + (":",)) \
        or indented and full or end.endswith((",", ";"))


def _style(block: PBlock) -> tuple[float, bool]:
    """A block's type: its size (to the half point) and whether it is bold."""
    return round(block.size * 2) / 2, block.bold >= 0.6


def _cover(layout: Layout) -> None:
    """A first page whose largest type is used nowhere else and is larger than any other: the cover. Its
    largest text is the title, its other text in a type larger than the body and used nowhere else the
    subtitle (metadata, not headings)."""
    first = [b for b in layout.blocks if b.page == 0 and b.kind == "para"]
    if not first:
        return
    elsewhere = {_style(b) for b in layout.blocks if b.page > 0 and b.kind == "para"}
    largest = max(first, key=lambda b: b.size)
    if _style(largest) in elsewhere or largest.size < 1.3 * layout.body_size \
            or any(b.size >= largest.size for b in layout.blocks if b.page > 0):
        return
    largest.cover = "title"
    layout.title = largest.text
    for block in first:
        if block is not largest and _style(block) not in elsewhere and block.size > 1.1 * layout.body_size:
            block.cover = "subtitle"
            layout.subtitle = f"{layout.subtitle} {block.text}".strip()


def _levels(layout: Layout) -> None:
    """Heading levels from type sizes: every size larger than the body used by titles, ranked.

    A size whose blocks mostly end their sentences (quotes, lead-ins) is not a title size; neither is one
    used only in boxes (sidebar titles) nor on the cover.
    """
    body = layout.body_size
    counts: dict[float, list[int]] = {}
    for block in layout.blocks:
        if block.kind != "para" or block.cover or block.box >= 0 or block.size < 1.1 * body:
            continue
        text = block.text.rstrip()
        sentence = text.endswith(_SENTENCE_END) or text.startswith(("«", "“", '"'))
        entry = counts.setdefault(round(block.size * 2) / 2, [0, 0])
        entry[0] += 1
        entry[1] += sentence
    title_sizes = sorted((size for size, (total, sentences) in counts.items() if sentences <= 0.5 * total),
                         reverse=True)
    quote_sizes = {size for size, (total, sentences) in counts.items() if sentences > 0.5 * total}
    # a box holding no text in the body's type longer than a name and a title (only large type, and who
    # said it under it) is a quote set in a box, not a sidebar: its large text is a quote
    # (a box whose text in the body's type goes on in the next box, in the next column, has content too)
    content = {b.box for b in layout.blocks if b.kind == "para" and b.box >= 0 and b.size < 1.1 * body
               and len(b.text.split()) > 30}
    last_in_box = {b.box: b for b in layout.blocks if b.kind == "para" and b.box >= 0}
    content |= {box - 1 for box in content if box - 1 in last_in_box and last_in_box[box - 1].last_in_region}
    for block in layout.blocks:
        if block.kind != "para" or block.cover:
            continue
        text = block.text.strip()
        if block.box < 0 and round(block.size * 2) / 2 in quote_sizes or block.box >= 0 \
                and block.box not in content and block.size >= 1.1 * body \
                and (text.endswith(_SENTENCE_END) or text.startswith(("«", "“", '"')) or len(text.split()) > 15):
            block.quote = True
    if not title_sizes:
        return
    layout.has_levels = True
    rank = {size: min(2 + index, 6) for index, size in enumerate(title_sizes)}
    for block in layout.blocks:
        if block.kind != "para" or block.cover:
            continue
        size = round(block.size * 2) / 2
        text = block.text.rstrip()
        if block.quote:
            continue
        if block.box >= 0:
            # in a box: a title size (or larger than the body, not a sentence) titles the box
            if size >= 1.1 * body and (not text.endswith(_SENTENCE_END) or len(text.split()) <= 15):
                block.level = rank.get(size, max(rank.values()))  # a title may end with « … » or a question
            continue
        if size in rank and not (text.endswith(_SENTENCE_END) and len(text.split()) > 12):
            block.level = rank[size]


def _pair_calls(layout: Layout) -> None:
    """Each superscript number → the note of that number on the same page or the next ones."""
    notes = [b for b in layout.blocks if b.kind == "note"]
    used: set[str] = set()
    for note in notes:
        label = str(note.number)
        while label in used:
            label += "bis"
        used.add(label)
        note.label = label
    free = list(notes)
    for block in layout.blocks:
        if block.kind != "para":
            continue
        for line in block.lines:
            kept = []
            for offset, number in line.calls:
                note = next((n for n in free if str(n.number) == number and block.page <= n.page <= block.page + 1),
                            None)
                if note is None:
                    continue
                free.remove(note)
                kept.append((offset, note.label))
                layout.called.add(note.label)
            line.calls = kept


# === Text for the text steps ================================================================================


def _line_text(line: PLine, calls: bool) -> str:
    text = line.text
    if not calls:
        return text
    for offset, label in sorted(line.calls, reverse=True):
        number = re.match(r"\d+", text[offset:])
        end = offset + (number.end() if number else 0)
        text = f"{text[:offset]}{NOTE_OPEN}note-{label}{NOTE_CLOSE}{text[end:]}"
    return text


def _joined(lines: list[PLine]) -> PLine:
    """Lines → one line: a hyphen at a line end goes when the lexicon knows the word whole, and is kept
    without a space otherwise."""
    text = ""
    calls: list[tuple[int, str]] = []
    for line in lines:
        cut = re.search(r"([^\W\d_]+)-$", text)
        start = re.match(r"[^\W\d_]+", line.text)
        if cut and start and not dehyphenate(cut.group(1), start.group(0))[0]:
            text = text[:-1]
        elif text and not (re.search(r"\w-$", text) and line.text[:1].isalnum()):
            text += " "  # a hyphen kept at the line's end joins its two halves ("(2019-" / "2022)")
        calls.extend((len(text) + offset, number) for offset, number in line.calls)
        text += line.text
    first = lines[0]
    return PLine(first.words, first.x0, max(li.x1 for li in lines), first.top, lines[-1].bottom, first.size,
                 first.bold, text, calls, first.box)


_ADDRESS_LINE = re.compile(r"\s*(?:https?://\S+|(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*)\s*", re.I)


def render(layout: Layout) -> list[str]:
    """The layout as text lines in the raw-text reader's conventions; fills ``layout.line_block``."""
    out: list[str] = []
    pending_urls: list[str] = []
    page = -1

    def add(text: str, block: PBlock | None) -> None:
        out.append(text)
        if block is not None:
            layout.line_block[len(out)] = block

    for block in layout.blocks:
        if block.page != page:
            if page >= 0:
                add("", None)
                add("", None)
            page = block.page
            if layout.labels and page < len(layout.labels) and layout.labels[page]:
                add(f"Page {layout.labels[page]}", None)
                add("", None)
            pending_urls.extend(u for u in layout.urls.get(page, []) if u not in pending_urls)
        if block.cover == "title" or block.cover == "subtitle":
            continue
        lines = block.lines
        if block.kind == "note" and len(lines) > 1 and len(lines[0].text.split()) <= 3 \
                and not lines[0].text.endswith("-"):
            # a note's number alone on its line, or with a word or two: the text steps would read a number
            # alone as a page's, and a short line over an address as a title
            first = lines[0]
            lines = [PLine(first.words, first.x0, first.x1, first.top, lines[1].bottom, first.size, first.bold,
                           f"{first.text.rstrip()} {lines[1].text}", [], first.box), *lines[2:]]
        if block.level and block.kind == "para":
            # a title broken over lines is one line for the text steps, which know titles by their words
            # ("Table des matières", a rubric's name) and by the line they take
            lines = [_joined(block.lines)]
        texts: list[str] = []
        for index, line in enumerate(lines):
            text = _line_text(line, layout.has_footnotes)
            if texts and _ADDRESS_LINE.fullmatch(text) and not texts[-1].endswith("-"):
                # an address alone on its line would read as a link appended to the page, or (without its
                # scheme) as the address under a link's title: it is the paragraph's text
                out[-1] = texts[-1] = f"{texts[-1]} {text}"
                continue
            texts.append(text)
            if index == block.resumes_at and layout.labels:
                label = layout.labels[int(block.page_label)] if int(block.page_label) < len(layout.labels) else ""
                text = f"[Page {label}] {text}" if label else text
            add(text, block)
        add("", None)
        if block.resumes_at >= 0:
            # the paragraph went on over a page: that page has begun (its marker is inline)
            page = int(block.page_label)
            pending_urls.extend(u for u in layout.urls.get(page, []) if u not in pending_urls)
        if pending_urls and block.kind in ("para", "note"):
            for url in pending_urls:
                add(url, None)
            add("", None)
            pending_urls = []
    for url in pending_urls:
        add(url, None)
    return out


def _labels(pdf) -> list[str] | None:  # noqa: ANN001 - pdfplumber PDF
    try:
        labels = list(pdf.doc.get_page_labels())
    except Exception:  # noqa: BLE001 - pdfminer raises its own error when the PDF has no labels
        return None
    return [str(label) for label in labels]


def _unique(values: Iterable[str | None]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen and value.lower().startswith(("http://", "https://")):
            seen.append(value)
    return seen


def _open(data: bytes, source: str):  # noqa: ANN202 - a pdfplumber PDF
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency
        raise CarnetError("reading a PDF needs pdfplumber", source, hint="pip install pdfplumber") from None
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - any parser failure is an unreadable PDF for the user
        raise CarnetError(f"is not a readable PDF ({error.__class__.__name__})", source) from None


def layout_of(data: bytes, source: str = "") -> tuple[Layout, str]:
    """The layout of a PDF and its text in the raw-text reader's conventions."""
    pdf = _open(data, source)
    with pdf:
        layout = analyse(pdf)
    return layout, "\n".join(render(layout)) + "\n"


def pdf_to_text(data: bytes, source: str = "") -> str:
    """The text of a PDF laid out the way the raw-text reader expects: pages, columns, paragraphs, links
    (note calls the layout found are already in place, as the text steps mark them)."""
    return layout_of(data, source)[1]


# === The text steps, with the layout's certainties ================================================================


def _layout_block(layout: Layout, block: Block) -> PBlock | None:
    return layout.line_block.get(block.lines[0].no) if block.lines else None


def _notes_step(layout: Layout) -> Callable[[State], None]:
    def find_layout_notes(state: State) -> None:
        """The footnotes the layout found: each block it marked, with its label."""
        state.step = "notes"
        for block in state.blocks:
            origin = _layout_block(layout, block)
            if block.kind != "para" or origin is None or origin.kind != "note":
                continue
            block.kind = "note"
            block.data["label"] = origin.label
            block.data["number"] = origin.number
            block.text = re.sub(r"^\s*\d{1,3}\s?", "", block.text, count=1)
            state.notes[origin.label] = block
    return find_layout_notes


def _headings_step(layout: Layout) -> Callable[[State], None]:
    from ..transforms.capitals import _normal_case

    def find_layout_headings(state: State) -> None:
        """Headings from the type sizes: a block set in a title size is a heading of that size's level;
        text in capitals is stored in normal case."""
        state.step = "headings"
        for block in state.blocks:
            if block.kind != "para":
                continue
            origin = _layout_block(layout, block)
            capitals = _is_capitals(_plain(block.text))
            if origin is not None and origin.level and origin.box < 0:
                block.kind = "heading"
                block.level = origin.level
                if capitals:
                    block.text = _normal_case(block.text, set(), True)
                    block.data["uppercase"] = True
            elif origin is not None and origin.level and origin.box >= 0:
                block.kind = "heading"
                block.level = origin.level
                block.data["box"] = origin.box
                if capitals:
                    block.text = _normal_case(block.text, set(), True)
                    block.data["uppercase"] = True
            elif origin is not None and origin.quote:
                block.kind = "pullquote"  # set large, in full sentences: a quote (it may repeat the body)
                block.data["attribution"] = ""
            elif capitals and all(_is_capitals(li.text) for li in block.lines):
                block.data["uppercase"] = True  # a lead-in in capitals, set as the body: a paragraph
                block.text = _normal_case(block.text, set(), True)
    return find_layout_headings


def _boxes_step(layout: Layout) -> Callable[[State], None]:
    def find_boxes(state: State) -> None:
        """The blocks drawn in one box form a sidebar, titled by its first heading; a block the text steps
        put in a sidebar drawn in a box, and drawn outside any box, is not in it."""
        state.step = "sidebars"
        for block in state.blocks:
            owner = block.data.get("in_sidebar")
            origin, titled = _layout_block(layout, block), _layout_block(layout, owner) if owner else None
            if owner is not None and origin is not None and origin.box < 0 and titled is not None \
                    and titled.box >= 0:
                del block.data["in_sidebar"]
                owner.data["members"] = [m for m in owner.data.get("members", []) if m is not block]
        title: Block | None = None
        box = -1
        for block in state.blocks:
            origin = _layout_block(layout, block)
            if block.kind in ("page", "removed", "url", "note"):
                continue
            current = origin.box if origin is not None else -1
            if current < 0:
                if block.kind not in ("label",):
                    title, box = None, -1
                continue
            if current != box and block.kind in ("heading", "sidebar"):
                title, box = block, current
                block.kind = "sidebar"
                block.data.setdefault("label", "")
                block.data.setdefault("members", [])
                continue
            # a box that goes on in the next column or page; not a quote set large in the next box, a box of
            # its own (:func:`_levels`), drawn at the next column's top under a sidebar cut at the foot
            if title is not None and (current == box or current == box + 1 and origin is not None
                                      and not origin.quote):
                box = current
                if block.kind in ("para", "item", "byline", "credit", "heading", "pullquote", "answer", "question"):
                    if block.kind in ("answer", "question", "pullquote"):
                        block.kind = "para"
                    block.data["in_sidebar"] = title
                    title.data["members"].append(block)
    return find_boxes


def _glossary_step(layout: Layout) -> Callable[[State], None]:
    def find_glossary_in_parts(state: State) -> None:
        """The glossary steps, part by part: a glossary ends where the next title of its rank begins (the
        text steps alone end it at the next rubric's name only)."""
        top = min((b.level for b in layout.blocks if b.level and b.box < 0), default=0)
        parts: list[list[Block]] = [[]]
        for block in state.blocks:
            origin = _layout_block(layout, block)
            if block.kind == "para" and origin is not None and origin.level == top and origin.box < 0:
                parts.append([])
            parts[-1].append(block)
        result: list[Block] = []
        for part in parts:
            state.blocks = part
            find_glossary(state)
            result.extend(state.blocks)
        state.blocks = result
    return find_glossary_in_parts


def _term_list_step(layout: Layout) -> Callable[[State], None]:
    from ..transforms.capitals import _normal_case

    def find_layout_terms(state: State) -> None:
        """The terms the layout found (:func:`_term_lists`): each block a term of a list that is no
        glossary, its text in capitals stored in normal case."""
        for block in state.blocks:
            origin = _layout_block(layout, block)
            if block.kind != "para" or origin is None or not origin.term_lines \
                    or len(block.lines) <= origin.term_lines:
                continue
            term = " ".join(line.text.strip() for line in block.lines[:origin.term_lines])
            if _is_capitals(term):
                term = _normal_case(term, set(), True)
                block.data["uppercase"] = True
            block.kind = "term"
            block.data["term"] = term
            block.data["glossary"] = False
            block.text = _rejoin(state, block, block.lines[origin.term_lines:])
            state.guess(block.line, f"term {term!r}: a line in bold over a paragraph indented under it")
    return find_layout_terms


def _aligned_under(quote: PBlock, block: PBlock) -> bool:
    """Whether ``block`` keeps the indent of the quote over it (both set in from their column's edge; the
    block may start the next column)."""
    indent = quote.lines[-1].x0 - quote.last_frame[0]
    return indent > 5 and all(abs(line.x0 - block.frame[0] - indent) <= 1.5 for line in block.lines)


def _in_box_of(quote: PBlock, block: PBlock) -> bool:
    """Whether ``block`` is drawn in the box where ``quote`` ends (a quote may run on into the next box),
    or in the box that goes on at the next column's top when the quote ends its column."""
    box = quote.lines[-1].box
    return box >= 0 and (block.box == box or block.box == box + 1 and quote.last_in_region
                         and block.first_in_region)


def _attributions(layout: Layout, state: State) -> None:
    """The short text under a quote set large, in a smaller type and without final punctuation, is its
    attribution ("Un participant"); a longer one (a name and a title, over two or three lines) when it
    keeps the quote's indent or is drawn in the quote's box (:func:`_in_box_of`; a box of large type,
    :func:`_levels`)."""
    blocks = [b for b in state.blocks if b.kind not in ("removed", "url", "page", "note", "label")]
    for block, following in zip(blocks, blocks[1:], strict=False):
        origin, after = _layout_block(layout, block), _layout_block(layout, following)
        if block.kind == "pullquote" and origin is not None and origin.quote and following.kind == "para" \
                and after is not None and not after.quote and not after.level \
                and (len(following.text.split()) <= 8
                     or len(following.text.split()) <= 30 and (_aligned_under(origin, after)
                                                               or _in_box_of(origin, after))) \
                and not _plain(following.text).rstrip().endswith(_TERMINAL) \
                and not block.data.get("attribution"):
            block.data["attribution"] = following.text.strip().lstrip("—–- ")
            following.kind = "removed"


def _pullquotes_step(layout: Layout) -> Callable[[State], None]:
    def find_layout_pullquotes(state: State) -> None:
        """Whether each quote repeats the body (the text steps' rule); a block set in the body's type is not
        a pull quote, however much it repeats (a caption, a byline)."""
        _attributions(layout, state)
        before = {id(b) for b in state.blocks if b.kind == "pullquote"}
        find_pullquotes(state)
        for block in state.blocks:
            origin = _layout_block(layout, block)
            if block.kind == "pullquote" and id(block) not in before and origin is not None and not origin.quote:
                block.kind = "para"
    return find_layout_pullquotes


def _interviews_step(layout: Layout) -> Callable[[State], None]:
    def find_layout_interviews(state: State) -> None:
        """The text steps' interviews; then the paragraphs set all in bold right before an answer are its
        question (a question may be a statement, or take two paragraphs: the first opens the turn, the
        others go on in it)."""
        find_interviews(state)
        blocks = [b for b in state.blocks if b.kind not in ("url", "removed", "page", "label")]
        for index, block in enumerate(blocks):
            if block.kind != "answer":
                continue
            run: list[Block] = []
            for other in reversed(blocks[:index]):
                origin = _layout_block(layout, other)
                if other.kind not in ("para", "question") or origin is None or origin.bold < 0.95 \
                        or origin.level or other.data.get("in_sidebar"):
                    break
                run.insert(0, other)
            if not run:
                continue
            if run[0].kind != "question":
                state.guess(run[0].line, "a paragraph in bold before an answer taken as its question")
            run[0].kind = "question"
            for other in run[1:]:
                other.kind = "answer_more"
                other.data["turn"] = run[0]
    return find_layout_interviews


def _calls_step(layout: Layout) -> Callable[[State], None]:
    def link_remaining_calls(state: State) -> None:
        """The calls the layout did not place (no superscript): found in the text, as the text reader does."""
        saved = state.notes
        state.notes = {label: note for label, note in saved.items() if label not in layout.called}
        try:
            link_note_calls(state)
        finally:
            state.notes = saved
    return link_remaining_calls


def _steps(layout: Layout) -> list[tuple[str, Callable[[State], None]]]:
    """The raw-text reader's steps, with those the layout makes certain replaced."""
    steps: list[tuple[str, Callable[[State], None]]] = []
    for name, step in pdftext.STEPS:
        if name in ("dense paragraphs", "short blocks", "column order"):
            continue  # paragraph ends and the reading order come from the layout
        if name == "title places" and layout.has_levels:
            continue  # the type sizes give the titles' hierarchy
        if name == "notes" and layout.has_footnotes:
            steps.append((name, _notes_step(layout)))
        elif name == "headings" and layout.has_levels:
            steps.append((name, _headings_step(layout)))
        elif name == "pull quotes" and layout.has_levels:
            steps.append((name, _pullquotes_step(layout)))
        elif name == "glossary" and layout.has_levels:
            steps.append((name, _glossary_step(layout)))
        elif name == "interviews":
            steps.append((name, _interviews_step(layout)))
        elif name == "note calls" and layout.has_footnotes:
            steps.append((name, _calls_step(layout)))
        else:
            steps.append((name, step))
        if name == "sidebars":
            steps.append(("boxes", _boxes_step(layout)))
        if name == "term lists":
            steps.append(("layout terms", _term_list_step(layout)))
    return steps


# === The tree: links under their annotations, the cover's title ======================================================


def _attach_annotations(document: t.Document, annotations: list[tuple[str, str]]) -> None:
    """Each link annotation → a link on the text under its rectangle, where the text steps found none."""
    containers = [n for n in iter_nodes(document) if isinstance(n, (t.Paragraph, t.Heading, t.Cell))]
    # a target the text steps guessed from a visible address ("https://" + the address) is the annotation's
    # own target when both name the same address (one of them percent-encoded)
    by_key = {_address_key(target): target for target, _ in annotations}
    for node in iter_nodes(document):
        if isinstance(node, t.Link) and node.target not in by_key.values():
            node.target = by_key.get(_address_key(node.target), node.target)
    if by_key:
        # a PDF with link annotations says which text is a link: an address printed without one (a site
        # named in passing, "impots.gouv.fr") stays text
        for container in containers:
            _unlink(container.children, set(by_key.values()))
    linked = {n.target.rstrip("/") for n in iter_nodes(document) if isinstance(n, t.Link)}
    for target, visible in annotations:
        if target.rstrip("/") in linked:
            continue
        # the text steps joined the lines with a space, or across a hyphen kept or removed: the words are
        # found whatever the spaces and hyphens between them
        wanted = _squeezed(visible)[0]
        for container in containers:
            if len(wanted) >= 2 and _link_in(container.children, target, wanted):
                linked.add(target.rstrip("/"))
                break


def _attach_jumps(document: t.Document, layout: Layout) -> None:
    """Each link to a place of the PDF where a title starts → a link to that heading (its id made from its
    text when it has none), on the text under the link, in the paragraph at the link's place (the table of
    contents the text steps dropped links nothing)."""
    from ..transforms.structure import slug

    headings = {id(layout.line_block.get(n.line or 0)): n for n in iter_nodes(document) if isinstance(n, t.Heading)}
    containers = [n for n in iter_nodes(document) if isinstance(n, (t.Paragraph, t.Heading, t.Cell))]
    for page, top, bottom, target, place, visible in layout.jumps:
        titles = [b for b in layout.blocks if b.page == target and b.level and b.lines[0].top >= place - 2
                  and id(b) in headings]
        title = min(titles, key=lambda b: b.lines[0].top, default=None)
        if title is None or title.lines[0].top > place + 3 * layout.body_size:
            continue
        heading = headings[id(title)]
        heading.id = heading.id or slug(plain_text(heading))
        for container in containers:
            origin = layout.line_block.get(container.line or 0)
            if origin is None or container is heading or not any(
                    line.top <= bottom + 2 and line.bottom >= top - 2 for line in origin.lines) \
                    or origin.page != page and not (origin.resumes_at >= 0 and origin.page_label == str(page)):
                continue
            if _link_in(container.children, f"#{heading.id}", _squeezed(visible)[0]):
                break


def _unlink(inlines: list[t.Inline], targets: set[str]) -> None:
    """The links whose target is none of ``targets`` → their text."""
    index = 0
    while index < len(inlines):
        inline = inlines[index]
        if isinstance(inline, t.Link) and inline.target not in targets and not inline.target.startswith("#"):
            inlines[index:index + 1] = inline.children
            continue
        if isinstance(inline, t.Container):
            _unlink(inline.children, targets)
        index += 1


def _address_key(url: str) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", unquote(url), flags=re.I).rstrip("/.").lower()


@functools.lru_cache(maxsize=8192)
def _squeezed(text: str) -> tuple[str, tuple[int, ...]]:
    """The text without spaces, hyphens and apostrophes' variants, in lower case (a title in capitals is
    stored in normal case), with the position in ``text`` of each character kept. Cached: every
    annotation looks through every run of text."""
    kept, positions = [], []
    for position, char in enumerate(text):
        if char.isspace() or char in "-‐‑\u00ad":
            continue
        kept.append("'" if char in "’ʼ" else char.lower())
        positions.append(position)
    return "".join(kept), tuple(positions)


def _link_in(inlines: list[t.Inline], target: str, wanted: str) -> bool:
    """Link the first run of text whose squeezed form (:func:`_squeezed`) is ``wanted``."""
    for index, inline in enumerate(inlines):
        if isinstance(inline, t.Text):
            squeezed, positions = _squeezed(inline.text)
            found = squeezed.find(wanted)
            if found < 0:
                continue
            start, end = positions[found], positions[found + len(wanted) - 1] + 1
            before, candidate, after = inline.text[:start], inline.text[start:end], inline.text[end:]
            pieces: list[t.Inline] = []
            if before:
                pieces.append(t.Text(text=before, line=inline.line))
            pieces.append(t.Link(target=target, children=[t.Text(text=candidate, line=inline.line)],
                                 line=inline.line))
            if after:
                pieces.append(t.Text(text=after, line=inline.line))
            inlines[index:index + 1] = pieces
            return True
        if isinstance(inline, t.Container) and not isinstance(inline, t.Link) \
                and _link_in(inline.children, target, wanted):
            return True
    return False


def _table(grid: Grid) -> t.Table:
    """A grid's words → a table: each cell's words in reading order, a word too long for a narrow cell
    mended (:func:`_mend_broken_words`: "Participan" / "ts", against the cell's edge set in as its text is
    from its left edge); the first row is a header when it is set in bold or on a filled background."""
    rows: list[t.Row] = []
    for top, bottom in zip(grid.ys, grid.ys[1:], strict=False):
        cells = []
        for left, right in zip(grid.xs, grid.xs[1:], strict=False):
            inside = [w for w in grid.words if left <= (w["x0"] + w["x1"]) / 2 <= right
                      and top <= (w["top"] + w["bottom"]) / 2 <= bottom]
            lines = _lines(inside)
            if len(lines) > 1:
                block = PBlock(lines, 0)
                _mend_broken_words(block, right - (min(line.x0 for line in lines) - left))
                lines = block.lines
            text = " ".join(line.text for line in lines)
            cells.append(t.Cell(children=[t.Text(text=text)] if text else [], align=""))
        rows.append(t.Row(cells=cells))
    first = [w for w in grid.words if grid.ys[0] <= (w["top"] + w["bottom"]) / 2 <= grid.ys[1]]
    if rows and len(rows) > 1 and first and (grid.header_fill or all(_is_bold(w) for w in first)):
        rows[0].header = True
        for cell in rows[0].cells:
            cell.header = True
    return t.Table(rows=[row for row in rows if any(cell.children for cell in row.cells)])


_CREDIT = re.compile(r"\s*\b(?:Crédits?(?:\s+photos?)?|Photos?|Source)\s*:\s*|\s*©\s*", re.I)


def _figure(paragraph: t.Paragraph, name: str) -> t.Figure:
    """A caption under an image → the figure: its caption, and its credit after "Crédit :" or "©"; the
    image's file is to be saved by the editor (its text alternative to be written)."""
    text = plain_text(paragraph).strip()
    found = _CREDIT.search(text)
    caption, credit = (text[:found.start()].strip(), text[found.end():].strip()) if found else (text, "")
    return t.Figure(src=name, alt=None, caption=[t.Text(text=caption)] if caption else [],
                    credit=[t.Text(text=credit)] if credit else [], line=paragraph.line)


def _place_tables(blocks: list[t.Block], layout: Layout, placed: set[int]) -> None:
    """The paragraphs that stand for what the layout drew: a table's rows → the table, read from its grid
    (a table cut into several paragraphs by the text steps: the first holds it, the others go); a centred
    row of stars → a thematic break; a caption under an image → a figure."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        origin = layout.line_block.get(block.line or 0) if isinstance(block, t.Paragraph) else None
        if origin is not None and origin.table >= 0:
            if origin.table in placed:
                del blocks[index]
                continue
            placed.add(origin.table)
            blocks[index] = _table(layout.tables[origin.table])
        elif _is_break(block, layout):
            blocks[index] = t.ThematicBreak(line=block.line)
        elif origin is not None and origin.figure and isinstance(block, t.Paragraph):
            blocks[index] = _figure(block, origin.figure)
        else:
            for inner in _inner_blocks(block):
                _place_tables(inner, layout, placed)
        index += 1


_BREAK = re.compile(r"[*⁂•·~—–-](\s*[*⁂•·~—–-]){0,4}")


def _quotations(blocks: list[t.Block], layout: Layout) -> None:
    """Paragraphs set along one vertical rule (going on at the top of the next column) → a quotation; its
    last paragraph, short and without final punctuation, is the attribution ("Charte de Villeneuve")."""
    index = 0
    while index < len(blocks):
        origin = layout.line_block.get(blocks[index].line or 0) if isinstance(blocks[index], t.Paragraph) else None
        if origin is None or origin.bar < 0:
            for inner in _inner_blocks(blocks[index]):
                _quotations(inner, layout)
            index += 1
            continue
        end, current = index + 1, origin
        while end < len(blocks) and isinstance(blocks[end], t.Paragraph):
            following = layout.line_block.get(blocks[end].line or 0)
            # the same rule, or the rule that goes on at the top of the next column
            if following is None or following.bar < 0 or following.bar != current.bar \
                    and not (current.last_in_region and following.first_in_region):
                break
            end, current = end + 1, following
        members: list[t.Block] = blocks[index:end]
        quote = t.BlockQuote(children=members, line=members[0].line)
        last = plain_text(members[-1]).strip()
        if len(members) >= 2 and len(last.split()) <= 12 and not last.endswith(_TERMINAL):
            quote.children = members[:-1]
            quote.attribution = members[-1].children  # type: ignore[attr-defined]
        blocks[index:end] = [quote]
        index += 1


def _is_break(block: t.Block, layout: Layout) -> bool:
    """A paragraph of a few stars or dashes alone, centred in its column ("* * *"): a thematic break."""
    origin = layout.line_block.get(block.line or 0) if isinstance(block, t.Paragraph) else None
    if origin is None or len(origin.lines) != 1 or not _BREAK.fullmatch(plain_text(block).strip()):
        return False
    line, (left, _, right, _) = origin.lines[0], origin.frame
    return line.x0 > left + 0.2 * (right - left) and abs((line.x0 + line.x1) / 2 - (left + right) / 2) \
        <= 0.1 * (right - left)


def _inner_blocks(block: t.Block) -> list[list[t.Block]]:
    """The lists of blocks a block holds (a list's items, an interview's turns, a sidebar's children)."""
    if isinstance(block, (t.Paragraph, t.Heading)):
        return []
    found = []
    for name in ("children", "items", "turns"):
        inner = getattr(block, name, None)
        if isinstance(inner, list) and inner and isinstance(inner[0], t.Node):
            found.append(inner)
    return found


def _dangling_calls(document: t.Document, state: State) -> None:
    """A call whose note the text steps did not keep (its lines read as something else) → its number as
    text, reported: a tree never calls a missing note."""
    present = {note.id for note in document.notes}
    for node in iter_nodes(document):
        children = getattr(node, "children", None)
        if not isinstance(children, list) or isinstance(node, t.Document):
            continue
        for index, inline in enumerate(children):
            if isinstance(inline, t.NoteRef) and inline.note_id not in present:
                number = inline.note_id.removeprefix("note-")
                children[index] = t.Text(text=number, line=inline.line)
                state.step = "note calls"
                state.guess(inline.line, f"note call {number}: its note was not found, the number is kept as text")
                document.diagnostics.append(state.diagnostics[-1])


_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+")


def _ordered_lists(blocks: list[t.Block]) -> None:
    """Paragraphs set apart by the layout that are numbered in sequence ("1. ", "2. "…): an ordered list,
    its numbers left to the list (the text steps know only bullets)."""
    index = 0
    while index < len(blocks):
        run: list[t.Paragraph] = []
        expected = None
        for block in blocks[index:]:
            first = block.children[0] if isinstance(block, t.Paragraph) and block.children else None
            match = _NUMBERED.match(first.text) if isinstance(first, t.Text) else None
            if match is None or expected is not None and int(match.group(1)) != expected:
                break
            expected = int(match.group(1)) + 1
            run.append(block)  # type: ignore[arg-type]
        if len(run) >= 2:
            start = int(_NUMBERED.match(run[0].children[0].text).group(1))  # type: ignore[union-attr, attr-defined]
            for paragraph in run:
                first = paragraph.children[0]
                first.text = _NUMBERED.sub("", first.text, count=1)  # type: ignore[attr-defined]
            blocks[index:index + len(run)] = [t.List(ordered=True, start=start, line=run[0].line, items=[
                t.ListItem(children=[paragraph], line=paragraph.line) for paragraph in run])]
        for block in blocks[index:index + 1]:
            for inner in _inner_blocks(block):
                _ordered_lists(inner)
        index += 1


def import_pdf(data: bytes, source: str = "") -> tuple[t.Document, State]:
    """A PDF → tree through the text steps and the layout's certainties; the tree and the text steps' state."""
    layout, text = layout_of(data, source)
    return import_layout(layout, text, source)


def import_layout(layout: Layout, text: str, source: str = "") -> tuple[t.Document, State]:
    """The text steps on the text of a layout (:func:`layout_of`), with its certainties; then the tree's links."""
    state = State(source)
    split_lines(state, text)
    for name, step in _steps(layout):
        state.step = name
        step(state)
    state.hyphens = list({line: (line, b, a, k) for line, b, a, k in state.hyphens}.values())
    document = build_tree(state)
    document.diagnostics.extend(state.diagnostics)
    _attach_annotations(document, layout.annotations)
    _attach_jumps(document, layout)
    _place_tables(document.children, layout, set())
    _dangling_calls(document, state)
    for node in iter_nodes(document):
        if isinstance(node, t.Figure):
            state.step = "figures"
            state.guess(node.line, f"a figure: save its image from the PDF as {node.src} beside the carnet and "
                                   "write its text alternative")
            document.diagnostics.append(state.diagnostics[-1])
    _quotations(document.children, layout)
    _ordered_lists(document.children)
    if layout.title:
        document.meta.title = layout.title
        document.diagnostics[:] = [d for d in document.diagnostics if "the title is the first heading" not in d.message]
    if layout.subtitle:
        document.meta.subtitle = layout.subtitle
    return document, state


def read_pdf(data: bytes | str, source: str = "", base_dir: str = "") -> t.Document:
    """Read a carnet PDF (its bytes); every uncertain decision is a warning with its line in the text."""
    if isinstance(data, str):
        raise CarnetError("a PDF must be read as bytes", source)
    document, _ = import_pdf(data, source)
    document.base_dir = base_dir
    return document
