"""Raw text extracted from a carnet PDF → tree (the ``pdftext`` reader, for ``.txt`` files).

Place in the pipeline: first stage, like the other readers; ``carnet import`` also uses it to write carnet
Markdown for human review. The text it reads is what a PDF text extraction gives (``pdftotext``, a copy
from a PDF viewer): columns broken into short lines, words hyphenated at line ends, page numbers alone on
a line, footnotes, sidebars and pull quotes interleaved with the body, the link targets of each page
appended at its end.

The reader is a list of named steps (:data:`STEPS`), run in order on one :class:`State`. Each step is one
function; each records the decisions it is unsure of as warnings with their source line
(:meth:`State.guess`), so that an editor knows what to review. The rules are general: they rely on the
layout of extracted text (blank lines, line widths, capitals, glyphs, numbering order), on a printed table
of contents when there is one, and on the names of the rubrics every carnet uses ("Zoom sur…",
"Rencontre(s)", "Lexique"…), never on one carnet's words. An extraction that does not separate paragraphs
by blank lines (pdftotext's default output) is read by the width of its lines (:func:`split_dense`).

Inline content travels between steps as text with private-use sentinels (page breaks, note calls,
links), turned into tree nodes by the last step.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from urllib.parse import unquote

from .. import tree as t
from ..errors import Diagnostic
from ..lexicon import is_english_word, is_french_word, is_french_word_any_accent

# --- Sentinels in block text ---------------------------------------------------------------------------
PB_OPEN, PB_CLOSE = "\ue000", "\ue001"  # page break: PB_OPEN label PB_CLOSE
NOTE_OPEN, NOTE_CLOSE = "\ue002", "\ue003"  # note call: NOTE_OPEN note-id NOTE_CLOSE
LINK_OPEN, LINK_MID, LINK_CLOSE = "\ue004", "\ue005", "\ue006"  # LINK_OPEN url LINK_MID text LINK_CLOSE
_SENTINEL = re.compile(
    f"{PB_OPEN}([^{PB_CLOSE}]*){PB_CLOSE}|{NOTE_OPEN}([^{NOTE_CLOSE}]*){NOTE_CLOSE}"
    f"|{LINK_OPEN}([^{LINK_MID}]*){LINK_MID}([^{LINK_CLOSE}]*){LINK_CLOSE}"
)

# --- Vocabulary shared by every carnet -------------------------------------------------------------
# Rubric names that open a part of a carnet (level-2 headings), in normal case.
RUBRICS = ("Rencontre(s)", "Rencontres", "Rencontre", "Éclairage(s)", "Éclairages", "Éclairage",
           "Regard d'expert", "Regard d’expert", "Regards d'experts", "Lexique", "À propos de ce carnet",
           "Crédits")
_SIDEBAR_LABEL = re.compile(r"^\s*Zoom sur\s*(?:\.\.\.|…)?\s*$", re.I)
_LETTER_RANGE = re.compile(r"^\s*((?:[A-Z]\s?-\s?){2,}[A-Z])(?=$|[^A-Za-z-]|[a-zà-ÿ])")
_PAGE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
_URL_LINE = re.compile(r"^\s*https?://\S+\s*$")
_BULLET = re.compile(r"^\s*([▷▶►▸•→➔➜‣◦■□–-])\s+(.*)$")
_BULLET_GLYPHS = "▷▶►▸•→➔➜‣◦■□"
_NOTE_START = re.compile(r"^\s*(\d{1,3})\s?(?=[A-ZÀ-Ýa-zà-ÿ«“\"(])(.*)$")
_SPEAKER = re.compile(
    r"^((?:[A-ZÀ-Ý][\w’'\-]+)(?:\s+(?:[A-ZÀ-Ýa-zà-ÿ][\w’'\-]+)){1,2}|[A-ZÀ-Ý]{2,4})\s?:\s+(?=\S)")
_CREDIT = re.compile(r"^\s*(Crédits? photos?|Photos?\s*:|©)", re.I)
_INNER_CREDIT = re.compile(r"(?<=[.!?]\s)(Crédits? photos?\s*:|Photos?\s*:|©)", re.I)
_TLD_START = re.compile(r"(?:fr|com|org|net|coop|gouv|eu|be|io|info)(?:[/.]|\s*$)")
# A top-level domain then the sentence going on ("msa." + "fr et Alicem)"): after a bare lower-case label only.
_TLD_THEN_TEXT = re.compile(r"(?:fr|com|org|net|coop|eu|io|info)(?=[\s,;:)]|$)")
# A file's extension after an address cut at its last dot ("…/le-barometre-du-numerique." + "html.").
_EXTENSION_START = re.compile(r"(?:html?|php|pdf|aspx?|docx?|odt|jsp)(?=[\s.,;:)]|$)")
_BARE_LABEL = re.compile(r"(?<![\w.@/’'])([a-z0-9][a-z0-9-]*)\.$")
_PAGE_LABEL = re.compile(r"^\s*\[?Page\s+(\d{1,4}|[ivxlcdm]+)\]?\s*$")
_TOC = re.compile(r"^\s*(Table des matières|Sommaire|Contents|Table of contents)\s*$", re.I)


def _toc_title(block: Block) -> int:
    """How many of the block's first lines are a table of contents' title (set large, it may wrap: "Table
    des" | "matières"); 0 if they are not one."""
    if _TOC.match(block.lines[0].text):
        return 1
    return 2 if len(block.lines) >= 2 and _TOC.match(f"{block.lines[0].text.strip()} {block.lines[1].text}") else 0

_INLINE_PAGE = re.compile(r"\s?\[Page\s+(\d{1,4}|[ivxlcdm]+)\]")
_SPACED_CALL = re.compile(r"(?<=[^\W\d_]|[»”)]) (\d{1,3})(?=[ .,;:!?)»”…]|$)")  # also after a closing quote
# What follows a verb after a hyphen (dit-il, approprie-t-on, vous-même), never a piece of a cut word.
_CLITICS = frozenset(["t", "on", "il", "ils", "elle", "elles", "je", "tu", "nous", "vous", "y", "en", "ce", "ci", "là", "le", "la", "les", "lui", "leur", "moi", "toi", "eux", "même", "mêmes"])
_ZOOM_TITLE = re.compile(r"^\s*Zoom sur\b", re.I)
_BYLINE = re.compile(r"^\s*(Textes?|Entretien|Propos recueillis par|Interview)\s*:\s*\S", re.I)
_TERMINAL = ".!?…:;»”\")"
_WORD_END_HYPHEN = re.compile(r"([^\W\d_]+)-$")
_WORD_START = re.compile(r"^([^\W\d_]+)")
_DOMAIN = re.compile(r"(?<![\w@/.-])((?:[a-z0-9][a-z0-9-]*\.)+(?:fr|com|org|net|coop|gouv\.fr|be|eu|io|info)"
                     r"(?:/[^\s«»“”]*)?)", re.I)


@dataclass
class Line:
    no: int
    text: str
    frame_start: bool = False
    indent: int = 0
    """In a layout text (:func:`read_layout`), how far the line was indented in its column."""
    opens_note: bool = False
    """In a layout text, whether the layout step read the line as a note's first (its number alone over it)."""
    rows_above: int = 0
    """In a layout text, how many rows its column left empty above it (the height of an image over a caption)."""
    column_start: bool = False
    """In a layout text, whether the line is the first of a column after a page's first (its foot's notes end
    above it)."""
    goes_on: bool = False
    """In a layout text, whether the line opens a page and goes on with the paragraph the previous page left
    unfinished (:func:`_turn_goes_on`), whatever its first letter."""


@dataclass
class Block:
    """A run of lines between blank lines, and what the steps decided it is."""

    lines: list[Line]
    kind: str = "para"
    """para, heading, item, note, pullquote, label, credit, caption, byline, term, page, removed; in a layout
    text also cover (a cover's line), table (``data["rows"]``), break, figure (``data["caption"]``, ``"credit"``)."""
    text: str = ""
    page: str = ""
    level: int = 0
    data: dict = field(default_factory=dict)

    @property
    def line(self) -> int:
        return self.lines[0].no if self.lines else 0

    def raw(self) -> str:
        return " ".join(line.text.strip() for line in self.lines)


@dataclass
class State:
    source: str
    lines: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    page_urls: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, Block] = field(default_factory=dict)
    speakers: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    hyphens: list[tuple[int, str, str, bool]] = field(default_factory=list)
    """Every line-end hyphen decided: (line, before, after, kept)."""
    page_starts: dict[int, str] = field(default_factory=dict)
    """Index of the line that starts each page → the page's label."""
    page_numbers: dict[int, int] = field(default_factory=dict)
    """Index of each line that is a printed page number → the number."""
    hyphenating: bool = True
    """Whether the layout breaks words at line ends (measured by the dehyphenation step)."""
    glued: set[tuple[int | None, str]] = field(default_factory=set)
    """The glued words already split and reported (a text joined again from its lines meets them again)."""
    link_keys: tuple[int, list[str]] | None = None
    first_names: frozenset[str] | None = None
    """The words the text uses as first names (a cache: :func:`_first_names`)."""
    text_words: frozenset[str] | None = None
    """Every word of the text, in lower case (a cache: :func:`_text_words`)."""
    dense: bool = False
    """Whether the paragraphs are not separated by blank lines (their ends were guessed from line widths)."""
    toc_titles: set[str] = field(default_factory=set)
    """The entries of the printed table of contents, in normal form (the document's titles)."""
    toc_levels: dict[str, int] = field(default_factory=dict)
    """In a layout text, each entry of the printed table of contents (normal form) → the heading level its
    indentation there gives (2 at the left, 3 indented once)."""
    toc_order: dict[str, int] = field(default_factory=dict)
    """Each entry of the printed table of contents (normal form) → its rank there: the order of the parts."""
    """The link keys of the appended addresses, with their number (a cache: :func:`_page_keys`)."""
    laid_out: bool = False
    """Whether the text was laid out in columns (pdftotext -layout) and re-read in reading order."""
    sheet_starts: list[int] = field(default_factory=list)
    """Index of each line that starts a PDF page after a form feed (its text has the one space of a new frame)."""
    cover: tuple[str, str] | None = None
    """In a layout text, the title and subtitle its cover shows (:func:`find_cover`)."""
    step: str = ""

    def guess(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic("warning", f"carnet-import {self.step}: {message}", self.source, line,
                                           "check it against the PDF"))


# === Step 1: lines and pages ============================================================================


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


# === Step 0: a physical layout (pdftotext -layout) =====================================================
# ``pdftotext -layout`` keeps the page as printed: columns side by side with a gutter of spaces between them,
# indentation, a form feed between pages. Read in its line order, the columns interleave; this step finds
# them and gives the later steps the page in reading order, each line keeping its number.

_WIDE_GAP = re.compile(r"\S {2,}\S")
_SEGMENT_START = re.compile(r" {2,}(?=\S)")
_TABLE_GAP = re.compile(r" {5,}")  # between a table's cells (a list's glyph is closer to its text)
_MARGIN_SHARE = 0.7
"""A column narrower than this share of the page's widest is a margin (when it holds notes)."""
_NOTE_GAP = 4
"""The most rows a note's sentence spans from one of its lines to the next (a margin note set small)."""
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


_OPEN_BRACKET = re.compile(r"\[[^\]]*$|\([^)]*$")
"""A line that leaves a bracket or a parenthesis open: what it opened goes on on the next line."""
_ADDRESS_ALONE = re.compile(r"(?:https?://)?[a-z0-9][a-z0-9-]*\.[a-z]\S*")
"""A line that is one address, maybe cut at any letter ("dataliteracyconference.n")."""
_TERM_MAX_LINES = 3
"""The most lines a glossary's term may wrap over in a narrow column."""
_TERM_ROW_STEP = 2
"""How far apart (rows of the page) two lines of one wrapped term may be."""
_TERM_MARK = "  "
"""How a line that is a glossary's term over its indented definition ends (the mark the glossary step reads)."""
_TERM_MAX_CHARS = 80
"""The longest a glossary's term may be (its name and a parenthesis: an acronym, the English word)."""


@dataclass
class _Row:
    """One line of a laid-out page: its source line and its text cut at the page's column starts."""

    line: Line
    text: str
    segments: list[str] = field(default_factory=list)
    """The text in each column from the column's start, its indentation kept ("" where the column is empty)."""


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


def _note_continuation(lines: list[Line], rows: list[_Row], column: int, note: str, paragraph: str = "") -> list[Line]:
    """The lines at the foot of ``column`` (its ``lines`` of the band ``rows``) that go on with a note the
    column before left at its foot (each column has its notes at its foot, a note runs on into the
    next column's), taken out of ``lines``; [] if none. They are the first paragraph's end that follows the
    column's text (not a note) after a gap, opens in lower case (the note, whose last line is ``note``,
    without a sentence's end, or after a comma) or in capitals after a line of text that breaks off a clause
    (the note may end with an address and its stop, "…/google/." | "Notons que…": the text's clause does not
    go on with a new sentence) or after a comma ending the note (:func:`_capital_note_end`), and ends
    a sentence, with only notes after it. The gap: another column sets two lines in the rows down to them
    (a note's number alone on its row is not a line: set raised, it has a row of its own); or, when the note
    (its text ``paragraph``) left a parenthesis open, a line that closes one it never opened ("… (juillet" |
    "2018) « Les bénéfices… »"): a note set smaller has a pitch of its own, its gap may not show."""
    announcing = note.rstrip().endswith(":")
    unfinished = not _ends_sentence(note) or note.rstrip().endswith(",") or announcing
    row_of = {row.line.no: k for k, row in enumerate(rows)}
    text = [k for k, line in enumerate(lines) if line.text and line.no in row_of]
    if not text:
        return []
    candidates = []
    for position, k in enumerate(text[1:], start=1):
        above, below = row_of[lines[text[position - 1]].no], row_of[lines[k].no]
        gap = any(sum(1 for row in rows[above + 1:below + 1]
                      if row.segments[other].strip() and not _NUMBER_ALONE.fullmatch(row.segments[other])) >= 2
                  for other in range(len(rows[0].segments)) if other != column)
        # (in lower case after a clause broken off, the text's sentence goes on: it is no note's rest)
        lower, above = lines[k].text[:1].islower(), lines[text[position - 1]].text
        opens = lower and unfinished or not lower and (_clause_goes_on(above) or _capital_note_end(note, above)) \
            and not lines[k].opens_note and not _NOTE_START.match(lines[k].text)
        closes = _closes_open_mark(paragraph, lines[k].text)
        # a note that announces an address with a colon goes on with it, though no gap shows: an address
        # opening a line under the text's clause, which did not announce one
        announced = announcing and bool(_DOMAIN.match(lines[k].text.strip())) and not above.rstrip().endswith(":")
        if not (opens or closes and _opens_lower_or_digit(lines[k].text)) or not (gap or closes or announced) \
                or _ends_in_note(lines[:k]):
            continue
        end = next((j for j in range(k + 1, len(lines)) if not lines[j].text or lines[j].opens_note
                    or _NOTE_START.match(lines[j].text)), len(lines))  # one paragraph's end
        last = max(j for j in text[position:] if j < end)
        if _ends_sentence(lines[last].text) and all(
                _opens_with_note(lines[j:]) for j in text if j >= end and (j == end or not lines[j - 1].text)):
            candidates.append((k, last))
    if not candidates:
        return []
    k, last = candidates[0]
    # A note is set smaller than the text: its lines sit closer together. When a later start also qualifies
    # and the lines from it on are mostly closer (their median step) than every line above it in the run,
    # the run's first lines are the text's, at the text's pitch: a quote set large in the column beside
    # jitters the rows, and the gap test above takes the text's line after a wider step for the note's start.
    steps = {j: row_of[lines[j].no] - row_of[lines[i].no] for i, j in zip(text, text[1:], strict=False)}
    for later, _ in candidates[1:]:
        above = [steps[j] for j in text if k < j <= later]
        below = [steps[j] for j in text if later < j <= last]
        if above and below and min(above) > statistics.median(below):
            k = later
    moved = lines[k:last + 1]
    del lines[k:last + 1]
    return moved


_OPEN_MARKS = (("(", ")"), ("«", "»"))


def _closes_open_mark(note: str, text: str) -> bool:
    """Whether the line ``text`` closes a parenthesis or a quotation mark that ``note`` left open, before it
    opens any (the end of a note cut inside one: "… (juillet" | "2018) « Les bénéfices… »", "… « Hyper-" |
    "liens » produite…")."""
    return any(note.count(opener) > note.count(closer) and closer in text and opener not in text.split(closer)[0]
               for opener, closer in _OPEN_MARKS)


def _last_paragraph(lines: list[Line]) -> str:
    """The text of the last paragraph of a column's lines (after their last blank line)."""
    start = len(lines)
    while start and lines[start - 1].text:
        start -= 1
    return " ".join(line.text for line in lines[start:])


def _opens_lower_or_digit(text: str) -> bool:
    """Whether a line opens as the middle of a sentence does: in lower case, or with a number (a note cut in
    a parenthesis' date: "(juillet" | "2018) « Les bénéfices… »")."""
    return text[:1].islower() or text[:1].isdigit() and not _NOTE_START.match(text)


_SPACED_ORDINAL = re.compile(
    r"(?<![\w’'-])(\d{1,4}|[IVX]{1,6}) (e|er|re|ère|ème|nde?|ER|RE|ÈRE|ÈME|NDE?)(?=[\s.,;:!?)]|$)")
"""An ordinal's letters set in superscript, which ``pdftotext -layout`` sets apart from its number ("XIX e
siècle", "la 4 ème édition", "1 ER AVRIL" in a title set in capitals): French never spaces them."""
_ELISION_SPACED = re.compile(r"(?<![\w’'])((?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)’) (?=\w)", re.IGNORECASE)
"""An elided word set apart from the next one by the spacing of a justified line ("à l’heure de l’ Open
Data"): French never spaces an elision."""


def _join_spaced_marks(lines: list[Line]) -> None:
    """An ordinal's superscript and an elision the extraction set apart from their word (:data:`_SPACED_ORDINAL`,
    :data:`_ELISION_SPACED`) joined to it again, on each line."""
    for line in lines:
        line.text = _ELISION_SPACED.sub(r"\1", _SPACED_ORDINAL.sub(r"\1\2", line.text))


def _note_end_on_next_page(lines: list[Line], page: list[Line], width: int = 0) -> list[Line]:
    """The lines of ``page`` that end the note the lines before it (the previous pages) left unfinished at
    their foot, taken out of ``page``; [] if none. A note that does not end its sentence ("…-qui-se-") goes
    on at the next page's foot, above that page's notes: the paragraph set right above the next note's
    number, opening in lower case, with only notes after it (the body's text above it is not its first
    paragraph: a page opening in lower case goes on with the body). ``width``: the page's widest column, for
    the reflow test of :func:`_note_end_in_first_paragraph`."""
    filled = [line for line in lines if line.text]
    if not filled or _ends_sentence(filled[-1].text):
        return []
    last = len(lines)
    while last and not lines[last - 1].text:
        last -= 1
    if not _ends_in_note(lines[:last]):
        return []
    start = last
    while start and lines[start - 1].text:
        start -= 1
    unfinished = _NOTE_START.match(lines[start].text)
    assert unfinished is not None  # _ends_in_note
    following = str(int(unfinished.group(1)) + 1)
    opening = next((k for k, line in enumerate(page) if line.text and (line.opens_note or _NOTE_START.match(line.text))
                    and (k == 0 or not page[k - 1].text)), None)
    if opening is None or _NOTE_START.match(page[opening].text).group(1) != following:  # type: ignore[union-attr]
        return []
    end = opening
    while end and not page[end - 1].text:
        end -= 1
    top = end
    while top and page[top - 1].text:
        top -= 1
    cut = filled[-1].text.split()[-1]
    if top < end and not any(line.text for line in page[:top]):
        top = _note_end_in_first_paragraph(page, top, end, width)
        if top < end and not any(line.text for line in page[:top]) and _cut_address_ends(cut, page[end - 1:end]):
            top = end - 1
    elif top < end:
        # a note left a quotation open ("… la web-série « Hyper-"): its end closes it, a line the paragraph
        # above never opened one for ("liens » produite par…"), though no gap set it apart from the body
        top = _closes_unopened(_last_paragraph(lines[:last]), page, top, end) or top
    if top == end or not page[top].text[:1].islower() or not any(line.text for line in page[:top]):
        # an address the note left cut ("…/nu") goes on at the first column's foot, above the page's first
        # note when that one is in another column: the lines there that are pieces of a path
        return _address_end_at_column_foot(cut, page, opening)
    # only notes after it: each paragraph down to the page's foot (its column's, in columns) opens with a
    # note's number
    foot = next((k for k in range(opening + 1, len(page)) if page[k].column_start), len(page))
    if not all(_NOTE_START.match(line.text) for k, line in enumerate(page[:foot])
               if k >= opening and line.text and not page[k - 1].text):
        return []
    moved = page[top:end]
    del page[top:end]
    return moved


def _cut_address_ends(last_token: str, lines: list[Line]) -> bool:
    """Whether ``lines`` are the rest of the address ``last_token`` left cut (a note left unfinished at a
    page's foot: "…fing.org/toutes-les-" | "actions/audacities.html."; a narrow column cuts it at any letter
    after its host, "…arcep.fr/cartes-etdonnees/…/nu" | "merique/le-barometre-" | "du-numerique.html."): each
    one token, a piece of a path (a slash or a dot inside it), in lower case."""
    return bool(lines) and bool(re.search(r"\.[a-z]{2,}/\S*[-/]$", last_token) or re.search(r"\w/[\w-]*\w$", last_token)) \
        and all(len(line.text.split()) == 1 and bool(
            re.fullmatch(r"[a-z0-9][\w%?=&#.~-]*[/.][\w%/?=&#.~-]+", line.text.strip().rstrip(".,;:)"))) for line in lines)


def _address_end_at_column_foot(last_token: str, page: list[Line], opening: int) -> list[Line]:
    """The lines at the foot of the page's first column, before its first note (``opening``), that end the
    address ``last_token`` a note of the previous page left cut (:func:`_cut_address_ends`), under the
    column's text, taken out of ``page``; [] if none."""
    foot = next((k for k in range(1, opening) if page[k].column_start), opening)
    while foot and not page[foot - 1].text:
        foot -= 1
    top = foot
    while top and page[top - 1].text and _cut_address_ends(last_token, page[top - 1:foot]):
        top -= 1
    if top == foot or not any(line.text for line in page[:top]) or not page[foot - 1].text.endswith("."):
        return []
    moved = page[top:foot]
    del page[top:foot]
    return moved


def _closes_unopened(note: str, page: list[Line], top: int, end: int) -> int:
    """The line of the paragraph ``page[top:end]`` opening in lower case that closes a parenthesis or a
    quotation mark ``note`` left open (:func:`_closes_open_mark`), the paragraph's lines above it leaving
    none open ("… « Hyper-" | "liens » produite…"): where the note's end starts; 0 if none."""
    for k in range(top + 1, end):
        above = " ".join(line.text for line in page[top:k])
        if _LOWER_WORD_START.match(page[k].text) and _closes_open_mark(note, page[k].text) \
                and all(above.count(opener) == above.count(closer) for opener, closer in _OPEN_MARKS):
            return k
    return 0


def _note_end_in_first_paragraph(page: list[Line], top: int, end: int, width: int = 0) -> int:
    """Where, in the page's first paragraph (lines ``top`` to ``end``, right above the next note's number),
    the end of a note left unfinished on the previous page starts, when no gap set it apart from the body's
    text (rows of three columns interleave): at the last line opening with a word in lower case after a line
    ending a sentence (a sentence does not open so: "…tenues10." | "évoqué Google, voir : …"; an address cut
    after a dot goes on with no word: "lagazettedescommunes." | "com/646652/…"), or after a line that breaks
    off its clause yet had room for that word in a column ``width`` wide (the reflow test against the full
    width: the body's column ends there, "…était d’étudier les" | "aussi à tout citoyen…", its text going on
    in the next column); ``top`` (nothing found) otherwise."""
    for k in range(end - 1, top, -1):
        above = page[k - 1].text.rstrip()
        if _LOWER_WORD_START.match(page[k].text) and (
                above.endswith((".", "!", "?", "…"))
                or width and not _ends_sentence(above) and _next_word_fits(above, page[k].text, width, slack=False)):
            return k
    return top


_LOWER_WORD_START = re.compile(r"[a-zà-ÿ][^\W\d_]*(?:[’'-][^\W\d_]+)*(?:\s|[,;:]|$)")
"""A line opening with a word in lower case, not a piece of an address ("com/646652/…")."""


def _turn_goes_on(lines: list[Line], page: list[Line], width: int) -> None:
    """Mark the first line of ``page`` as going on with the paragraph the previous pages (``lines``) left
    unfinished at the page turn (:attr:`Line.goes_on`), whatever its first letter ("… le chercheur Michael" |
    "Gurstein à savoir…", "… la région Paca," | "Montpellier, etc."): the previous page's last line of text
    (its notes at its foot passed over) does not end a sentence, and the new page's first word would not have
    fitted on it (the reflow test, against the full width: the typesetter had to break the line there), nor
    is it in capitals (a title)."""
    first = next((line for line in page if line.text), None)
    end = len(lines)
    while True:  # back over the page's notes, paragraph by paragraph
        while end and not lines[end - 1].text:
            end -= 1
        start = end
        while start and lines[start - 1].text:
            start -= 1
        if start == end or not (lines[start].opens_note or _NOTE_START.match(lines[start].text)):
            break
        end = start
    if first is None or not end or not width:
        return
    last = lines[end - 1].text.rstrip()
    # (a line in capitals opening the page is a title's: "PITCH 1" under "… de la ville numérique")
    if not last.endswith(tuple(_TERMINAL)) and not _is_capitals(first.text) \
            and not _next_word_fits(last, first.text.strip(), width, slack=False):
        first.goes_on = True


def _capital_note_end(note: str, above: str) -> bool:
    """Whether a paragraph opening with a capital may end a note left at the previous column's foot (its
    last line ``note``), the column's text right above it ending with ``above``: the note broke off a clause
    (a comma: a publisher's collection, a name follows, "…, Éditions B2," | "Collection Actualités."), and
    the text above does not end a sentence (its clause cannot go on with a sentence in capitals)."""
    return note.rstrip().endswith(",") and not _ends_sentence(above)


def _notes_margin(rows: list[_Row], last: int) -> int | None:
    """The column of a band that is a margin holding notes, or None: the last one (the page's outer margin),
    beside other columns, that opens with a note (its number alone, on its first line or right under it, or
    "1 Voir…") and holds a number alone (a column of text with notes at its foot opens with text)."""
    texts = [row.segments[last].strip() for row in rows if row.segments[last].strip()] if last else []
    if texts and any(_NUMBER_ALONE.fullmatch(text) for text in texts) and (
            _NOTE_START.match(texts[0]) or any(_NUMBER_ALONE.fullmatch(text) for text in texts[:2])):
        return last
    return None


_CELL = re.compile(r"\S+(?: {1,2}\S+)*")
"""A table's cell in a layout text: words set apart from the next cell by three spaces or more."""


def _cells(text: str, offset: int = 0) -> list[tuple[int, str]]:
    """The cells of a line of a layout text: (position from the column's start, text)."""
    return [(offset + match.start(), match.group()) for match in _CELL.finditer(text)]


def _table_row_under(upper: str, lower: str) -> bool:
    """Whether ``lower``, the row right under ``upper``, is a row of the same table: three cells or more in
    each, every cell of ``lower`` starting or ending where one of ``upper`` does (cells set flush left or
    right, numbers under their header)."""
    above, below = _cells(upper), _cells(lower)
    if len(above) < 3 or len(below) < 3:
        return False
    edges = {edge for start, text in above for edge in (start, start + len(text))}
    return all(any(abs(edge - start) <= 1 or abs(edge - start - len(text)) <= 1 for edge in edges)
               for start, text in below)


def _opens_with_note(lines: list[Line]) -> bool:
    """Whether a column's first line opens a note ("1 Voir…", or its number alone)."""
    first = next((line.text for line in lines if line.text), "")
    return bool(_NOTE_START.match(first) or _NUMBER_ALONE.fullmatch(first))


def _append(lines: list[Line], following: list[Line], after_band: bool) -> None:
    """Add a column's or a band's lines after the page's lines so far: a blank line between them when the
    lines so far end a paragraph (always between bands; after a sentence's end between columns, since a
    paragraph goes on from a column's foot to the next column's head, unless that column opens with a note
    or a glossary's term, or the lines so far end with a note; a mark that ends no sentence goes on when the
    next column opens as its sentence does, :func:`_goes_on_across`)."""
    while following and not following[0].text:
        following = following[1:]
    if not following:
        return
    last = next((line for line in reversed(lines) if line.text), None)
    if last is not None and lines[-1].text and (after_band or last.text.endswith(tuple(_TERMINAL))
                                                and not _goes_on_across(last.text, following[0].text)
                                                or _opens_with_note(following) or _ends_in_note(lines)
                                                or following[0].text.endswith(_TERM_MARK)
                                                or _address_ends(_last_address(lines), following[0].text)):
        lines.append(Line(following[0].no, ""))
    lines.extend(following)


def _goes_on_across(text: str, following: str) -> bool:
    """Whether a column's last line, ending with a mark that ends no sentence (a closing quotation mark or
    parenthesis without a stop, a colon, a semicolon), goes on at the next column's head: that column opens
    with a word in lower case ("… dites « apprenantes »" | "et dont ont besoin…"), or, after a colon, with
    an opening quotation mark (the quotation it announces: "Léa Cauchard indique :" | "« Le monde…")."""
    return not _ends_with_stop(text) and (bool(_LOWER_WORD_START.match(following))
                                          or text.rstrip().endswith(":") and following.startswith(("«", "“")))


def _address_ends(text: str, following: str) -> bool:
    """Whether a column's last line ends its paragraph with an address, the next column opening with a
    capital: an address ends its sentence without a stop ("Retrouvez l’intégralité du reportage sur" |
    "youtu.be/yJJhteYcabM" | "Justement, comment…"); an address cut at the column's foot goes on in lower
    case. The capital may follow an opening quote ("« Nettoyer des données », …"): a quote opens a
    sentence too. A social-media handle ends without a stop as well ("@NumEnCommuns" | "LES CARNETS…")."""
    words = text.split()
    return bool(words) and (bool(_DOMAIN.fullmatch(re.sub(r"^https?://", "", words[-1])))
                            or bool(re.fullmatch(r"@\w+", words[-1]))) \
        and following.lstrip(" «“\"\u00a0\u202f")[:1].isupper()


def _last_address(lines: list[Line]) -> str:
    """The page's last line so far, with the address it ends joined whole when a narrow column cut it after
    its slashes ("editions-zones.fr/" | "livres/" | "statactivisme") or before a hyphen of its path
    ("communs.fr/accessibilite" | "-et-bonnes-pratiques/"): the last word alone is no address."""
    texts = [line.text.strip() for line in lines]
    while texts and not texts[-1]:
        texts.pop()
    if not texts:
        return ""
    address = texts.pop().split()[-1:]
    # (or cut before a hyphen of its path: "communs.fr/accessibilite" | "-et-bonnes-pratiques/")
    while texts and address and (texts[-1].endswith("/") and not address[0].startswith("/")
                                 or address[0].startswith("-") and "/" in "".join(texts[-1].split()[-1:])):
        address.insert(0, texts.pop().split()[-1])
    return "".join(address)


def _ends_in_note(lines: list[Line]) -> bool:
    """Whether the page's lines so far end with a note (its last paragraph opens with a note's number): a
    column's foot, where the notes are printed; the next column goes on with the text, not with the note."""
    start = len(lines)
    while start and lines[start - 1].text:
        start -= 1
    return start < len(lines) and bool(_NOTE_START.match(lines[start].text))


def _column_lines(rows: list[_Row], column: int, width: int, margin: int | None = None,
                  names: frozenset[tuple[str, str]] = frozenset()) -> list[Line]:
    """A column's lines of a band, top to bottom, with a blank line where a paragraph ends: where the column
    has a vertical gap (:func:`_vertical_gap`) unless the next line opens in lower case (a title set large),
    or where the reflow test says so (:func:`_reflow_ends`). The indentation is evidence too: a note's number
    alone on its line, its text indented under it, opens the note's block ("1 Voir…"); a short line over
    indented lines is a glossary's term over its definition (the term's line ends with two spaces, the mark
    the glossary step reads)."""
    lines: list[Line] = []
    indices = [index for index, row in enumerate(rows) if row.segments[column].strip()]
    boxes = _box_widths(rows, indices, column)
    feet = _note_feet(rows)
    note = ""  # a note's number alone on its line, its text indented on the next
    in_note = False  # reading a note's text
    definition: int | None = None  # the indentation of the definition being read
    skip = 0  # the lines of a term wrapped over several lines, after its first
    title_number = ""  # a title's number alone on its line, the title's words on the next
    printed = ""  # the last line as printed, when an address set on it was joined to the line above
    for position, index in enumerate(indices):
        if skip:
            skip -= 1
            continue
        last_printed, printed = printed, ""
        row = rows[index]
        segment = row.segments[column]
        text = segment.strip()
        if note:
            lines.append(Line(row.line.no, f"{note} {text}", indent=_indent(segment), opens_note=True))
            note, in_note = "", True
            continue
        if definition is not None and _indent(segment) >= definition:
            lines.append(Line(row.line.no, text, indent=_indent(segment)))
            continue
        definition = None
        if in_note and index - indices[position - 1] <= _NOTE_GAP and not _NUMBER_ALONE.fullmatch(text) \
                and (not _ends_sentence(lines[-1].text.rstrip()) or lines[-1].text.rstrip().endswith(":")):
            # a note set small (in a margin) spaces its lines apart: its sentence goes on (after a colon too:
            # what it announces, a title, an address)
            lines.append(Line(row.line.no, text, indent=_indent(segment)))
            continue
        # a note of several sentences goes on at the text's pitch after a sentence's end (no gap shows there)
        note_goes_on, in_note = in_note, False
        following = rows[indices[position + 1]].segments[column] if position + 1 < len(indices) else ""
        if _NUMBER_ALONE.fullmatch(text) and lines and lines[-1].text and indices[position - 1] == index - 1 \
                and lines[-1].indent > _indent(segment) >= _indent(following) \
                and not _NOTE_START.match(lines[-1].text):
            # a note's number set a row below its first line (raised in the margin, it is read after it)
            opening = lines.pop()
            if lines and lines[-1].text:
                lines.append(Line(opening.no, ""))
            lines.append(Line(opening.no, f"{text} {opening.text}", indent=_indent(segment), opens_note=True))
            in_note = True
            continue
        if title_number:
            lines.append(Line(row.line.no, f"{title_number} {text}", indent=_indent(segment)))
            title_number = ""
            continue
        # (a bracket left open goes on: an edition's page mark cut at the line's end, "[Page" | "31] …"; so
        # does a parenthesis, "…de la ville (également labellisé" | "Fabrique de territoire), cet espace…")
        if lines and lines[-1].text and not _title_goes_on(rows, indices[position - 1], index, column, width) \
                and not _OPEN_BRACKET.search(lines[-1].text) and (
                _vertical_gap(rows, indices[position - 1], index, column, margin, feet) and not _opens_lower(text)
                and not _clause_goes_on(lines[-1].text) and not _name_goes_on(lines[-1].text, text, names)
                or _reflow_ends(last_printed or lines[-1].text, text,
                                _box_width(boxes, indices[position - 1], index, width))
                or _item_ends(lines, _indent(segment), text) or _head_item_ends(lines, _indent(segment), text)
                or _question_ends_item(lines, _indent(segment), text) or _byline_ends(lines[-1].text, text)):
            lines.append(Line(row.line.no, ""))
        if _NUMBER_ALONE.fullmatch(text) and _all_capitals(following) and _indent(following) == _indent(segment) \
                and indices[position + 1] - index <= 2:
            # a title's number over its first word in capitals, set large: the word did not fit after it ("3" |
            # "ENSEIGNEMENT" | "S CLÉS DE CE NEC"); a note's number has its text indented under it
            title_number = text
            continue
        if _NUMBER_ALONE.fullmatch(text) and (_indent(following) > _indent(segment)
                                              or _ADDRESS_ALONE.fullmatch(following.strip())):
            # (a note's text that is one long address is set flush, where the indentation has no room for it)
            if lines and lines[-1].text:
                lines.append(Line(row.line.no, ""))
            note = text
            continue
        above = next((line for line in reversed(lines) if line.text), None)
        term_rows = _term_rows(rows, indices, position, column, width, above.indent if above else None) \
            or _capital_term_rows(rows, indices, position, column, width)
        if term_rows:
            term = " ".join(rows[indices[position + k]].segments[column].strip() for k in range(term_rows))
            heads = _capitals_over_term(lines, rows, index, column, width, term)
            number = lines[-heads].no if heads else row.line.no
            if heads:
                # the term's first lines in capitals, read as lines of their own (another column's lines
                # between them made a gap): they open the term
                term = " ".join([*(line.text.strip() for line in lines[-heads:]), term])
                del lines[-heads:]
            if lines and lines[-1].text:
                lines.append(Line(row.line.no, ""))
            lines.append(Line(number, term + "  ", indent=_indent(segment)))
            definition = _indent(rows[indices[position + term_rows]].segments[column])
            skip = term_rows - 1
            continue
        if _URL_LINE.match(text) and lines and lines[-1].text and (not _ends_sentence(lines[-1].text.rstrip())
                                                                    or lines[-1].text.rstrip().endswith(":")):
            # an address that goes on with its sentence ("… à l’adresse" | "https://…") or with the label
            # announcing it ("Source :" | "https://…"), not a link line appended at the page's end: it stays
            # on the line it continues
            lines[-1].text = f"{lines[-1].text.rstrip()} {text}"
            printed = text  # (the reflow test measures the printed line, not the two joined)
            continue
        lines.append(Line(row.line.no, text, indent=_indent(segment)))
        in_note = note_goes_on and bool(lines[-2].text)
    if note:
        lines.append(Line(rows[indices[-1]].line.no, note))
    _measure_rows_above(lines, rows, indices)
    return lines


def _byline_ends(text: str, following: str) -> bool:
    """Whether a byline's line ("Textes : François Huguet") ends its paragraph before ``following``: it names
    someone (two words after its colon) without breaking off the name list (a comma, "et"), and the next line
    opens a sentence, a capital then a word in lower case ("Cette iconographie…"; a name's rest, "Magro", or
    another name, "Marie Durand", goes on with the byline)."""
    match = _BYLINE.match(text)
    words = following.split()
    return bool(match) and len(text[match.end() - 1:].split()) >= 2 and not _clause_goes_on(text) \
        and not text.rstrip().endswith("&") and len(words) >= 2 and words[0][:1].isupper() \
        and words[1][:1].islower()


def _capitals_over_term(lines: list[Line], rows: list[_Row], index: int, column: int, width: int, term: str) -> int:
    """How many of a column's last lines are the first lines of the term in capitals that row ``index``
    goes on with ("CONSEILLERS NUMÉRIQUES" | "FRANCE SERVICES" over its indented text): lines in capitals
    right above it, without a blank line between, that a title in capitals would go on from
    (:func:`_title_goes_on`), up to a term's most lines. A term's last line alone is what the indentation
    shows; the lines above it, set large in capitals, have another column's lines between theirs."""
    if not _all_capitals(term):
        return 0
    row_of = {row.line.no: k for k, row in enumerate(rows)}
    count, below = 0, index
    while count < min(len(lines), _TERM_MAX_LINES - 1):
        line = lines[-1 - count]
        above = row_of.get(line.no)
        if not line.text or above is None or not _all_capitals(line.text) \
                or not _title_goes_on(rows, above, below, column, width):
            break
        count, below = count + 1, above
    return count


def _item_ends(lines: list[Line], indent: int, text: str) -> bool:
    """Whether a line set back from the hanging indentation of the list's item above it ends the item: the
    item's lines after its bullet are indented to its text, a line back at the bullet's place that opens no
    item is the paragraph after the list ("•   Peut-on parler…" | "    génèrent-ils des résistances ?" |
    "Alors que le numérique…")."""
    if _BULLET.match(text) or not lines or not lines[-1].text or lines[-1].indent <= indent:
        return False
    start = len(lines) - 1
    while start and lines[start - 1].text and lines[start - 1].indent == lines[-1].indent:
        start -= 1
    opening = lines[start - 1] if start else None
    return opening is not None and bool(opening.text) and opening.indent == indent \
        and bool(_BULLET.match(opening.text))


def _question_ends_item(lines: list[Line], indent: int, text: str) -> bool:
    """Whether a list's item that is a question ends on its line ending with "?", the next line at the
    item's text indentation opening a sentence with a capital: the item is a title (a video's, a talk's) and
    its description follows, indented under it ("•   Dématérialisation…" | "    l’international ?" |
    "    Au-delà du paysage…"). A narrow column fills the question's last line, so the reflow test cannot
    see the end."""
    if not lines or not lines[-1].text or not lines[-1].text.rstrip().endswith("?") or lines[-1].indent != indent \
            or not text[:1].isupper() and not text.startswith(("« ", "“")):
        return False
    start = len(lines) - 1
    while start and lines[start - 1].text and lines[start - 1].indent == indent:
        start -= 1
    opening = lines[start - 1] if start else None
    return opening is not None and bool(opening.text) and opening.indent < indent and bool(_BULLET.match(opening.text))


def _head_item_ends(lines: list[Line], indent: int, text: str) -> bool:
    """Whether a line back at the column's start ends the item whose indented lines open the column (the
    item's bullet is at the previous column's foot: "•   Garantir un accompagnement" | "humain en donnant
    les" || "    moyens aux aidantes…" | "    parcours d’accompagnement." | "Retrouvez l’ensemble…"): the
    column's lines so far are all set in further, the last ends a sentence, and the line opens with a
    capital."""
    return bool(lines) and all(line.indent > indent for line in lines if line.text) and bool(lines[-1].text) \
        and lines[-1].text.rstrip().endswith(tuple(_TERMINAL)) and text[:1].isupper() and not _BULLET.match(text)


def _name_goes_on(text: str, following: str, names: frozenset[tuple[str, str]]) -> bool:
    """Whether a line ends with a name's first half and the next opens with its second, a name the text sets
    on one line elsewhere ("Léa" | "Cauchard indique…"): a name cut at the line's end; a gap between them is
    another frame's."""
    last, first = re.findall(r"[^\W\d_]+$", text.rstrip()), re.findall(r"^[^\W\d_]+", following)
    return bool(last and first) and (last[0], first[0]) in names


def _opens_lower(text: str) -> bool:
    """Whether a line opens in lower case, after its quotes and brackets ("« démonter »…"): it goes on with
    the sentence above it."""
    letter = next((char for char in text if char.isalnum()), "")
    return letter.islower()


def _clause_goes_on(text: str) -> bool:
    """Whether a line breaks off a clause: it ends with a comma or with a word that opens what follows (an
    article, a preposition, a conjunction: "associé à", "avec pour objectif de"). No paragraph, title or
    item ends so: a gap after it is another frame's (a margin note, a box beside the column). Nor does one
    ending with a hyphen (a word or a compound cut at the line's end: "États-" | "Unis")."""
    words = re.findall(r"[^\W\d_]+$", text.rstrip())
    # (in any case: a title's or a name's "Par" breaks off its clause as "par" does)
    return text.rstrip().endswith((",", "-")) or bool(words) and words[0].lower() in _OPENING_WORDS


def _measure_rows_above(lines: list[Line], rows: list[_Row], indices: list[int]) -> None:
    """Each line's :attr:`Line.rows_above`: the rows its column leaves empty between it and the line above
    (from the band's top for the first), where an image stands (its caption under it, :func:`find_figures`)."""
    index_of = {rows[index].line.no: index for index in indices}
    previous = -1
    for line in lines:
        if line.text and line.no in index_of:
            line.rows_above = index_of[line.no] - previous - 1
            previous = index_of[line.no]


def _title_goes_on(rows: list[_Row], above: int, below: int, column: int, width: int) -> bool:
    """Whether line ``below`` of ``column`` goes on with the title on line ``above``: a title set large
    spaces its lines wider than the columns' pitch, and breaks them where the next word would fit in the
    body's type. Two short lines at one indentation without a clause's end, not a list's items, with no
    blank row between; or two lines in capitals (set large, they fill their lines), with one blank row at
    most between (their pitch is nearly two of the body's)."""
    upper, lower = rows[above].segments[column], rows[below].segments[column]
    if _indent(upper) != _indent(lower) or upper.rstrip().endswith(tuple(_TERMINAL + ",")) \
            or any(_BULLET.match(text) or _NUMBERED.match(text) for text in (upper, lower)):
        return False
    blank_rows = sum(1 for row in rows[above + 1:below] if not row.text.strip())
    if _all_capitals(upper) and _all_capitals(lower):
        return blank_rows <= 1
    return blank_rows == 0 and below - above <= _TITLE_ROW_STEP \
        and all(printed_width(text.strip()) < 0.6 * width for text in (upper, lower))


_TITLE_ROW_STEP = 3
"""The most rows apart two lines of a title set large lie (about two of the body's, another column's line
between them at most twice): lines further apart are two frames'."""


def _all_capitals(text: str) -> bool:
    """Whether a line is in capitals, every letter of it (a title's line: "D’UN", "NEC", "S CLÉS DE CE")."""
    return _has_letter(text) and not any(char.islower() for char in text)


def _term_rows(rows: list[_Row], indices: list[int], position: int, column: int, width: int,
               indent_above: int | None) -> int:
    """How many lines from ``position`` of ``column`` make a glossary's term over its indented definition;
    0 when they are not one. A term is short lines at one indentation over a line indented further; one line,
    or up to three where a narrow column wraps a long term ("Intelligence artificielle" | "(acronyme IA ou" |
    "AI en anglais)"): each line broken where the next word would not fit (a table of contents' titles have
    room for it), on near rows (a term set bold or larger has its own pitch, so another column's line may
    fall between two of its lines, not more), without a blank row between them nor between the term and its
    definition, not a title in capitals, under a definition indented
    further (the previous entry's); a paragraph's last lines over an indented quote have lines of the
    paragraph above them, at their indentation."""
    indent = _indent(rows[indices[position]].segments[column])
    for count in range(1, _TERM_MAX_LINES + 1):
        if position + count >= len(indices):
            return 0
        texts = [rows[indices[position + k]].segments[column].strip() for k in range(count)]
        # each line short, the term so far not a clause's end at any of its lines ("(acronyme IA ou AI en" |
        # "anglais)" closes the parenthesis it opened)
        if not all(_is_term_line(text) for text in texts) or len(" ".join(texts)) > _TERM_MAX_CHARS \
                or any(_ends_sentence(" ".join(texts[:k])) for k in range(1, count + 1)):
            return 0
        if any(_indent(rows[indices[position + k]].segments[column]) != indent for k in range(1, count)):
            return 0
        if _indent(rows[indices[position + count]].segments[column]) >= indent + 2:
            if count == 1:
                # a definition is set right under its term: a blank row across the page between them parts a
                # title from a quote set in under it ("Métropole" | "    L’inclusion n’est pas…")
                return int(all(row.text.strip() for row in rows[indices[position]:indices[position + 1]]))
            tight = all(indices[position + k] - indices[position + k - 1] <= _TERM_ROW_STEP
                        and not _next_word_fits(texts[k - 1], texts[k], width) for k in range(1, count)) \
                and all(row.text.strip() for row in rows[indices[position]:indices[position + count - 1]])
            return count if tight and indent_above is not None and indent_above > indent \
                and not _is_capitals(" ".join(texts)) else 0
    return 0


_CAPITAL_TERM_MAX_LINES = 4
"""The most lines a term in capitals may wrap over in a narrow column (capitals are wide: a term of four or
five words takes four lines of a column three to a page)."""


def _capital_term_rows(rows: list[_Row], indices: list[int], position: int, column: int, width: int) -> int:
    """How many lines from ``position`` of ``column`` make a term in capitals wrapped over two lines or more
    over its indented definition (a list of services, each a name in capitals over a line saying what it
    does: "FABRIQUES DE" | "TERRITOIRE" | "    Soutenir des tiers-lieux…"); 0 when they are not one.
    :func:`_term_rows` leaves such lines to the titles, which are set large: a title's lines in capitals
    have a blank row between them (a pitch of nearly two of the body's), a term's are set at the body's
    pitch, on consecutive rows but where another column's line falls between. Each line is broken where the
    next word would not fit, and the definition is in lower case."""
    indent = _indent(rows[indices[position]].segments[column])
    for count in range(2, _CAPITAL_TERM_MAX_LINES + 1):
        if position + count >= len(indices):
            return 0
        texts = [rows[indices[position + k]].segments[column].strip() for k in range(count)]
        if not all(_all_capitals(text) and _is_term_line(text) for text in texts) \
                or any(_ends_sentence(text) for text in texts) \
                or any(_indent(rows[indices[position + k]].segments[column]) != indent for k in range(1, count)) \
                or any(indices[position + k] - indices[position + k - 1] > _TERM_ROW_STEP
                       or _next_word_fits(texts[k - 1], texts[k], width) for k in range(1, count)) \
                or not all(row.text.strip() for row in rows[indices[position]:indices[position + count - 1] + 1]):
            return 0
        definition = rows[indices[position + count]].segments[column]
        if _indent(definition) >= indent + 2:
            return count if _opens_lower(definition) or not _all_capitals(definition) else 0
    return 0


def _is_term(text: str) -> bool:
    """Whether a line over indented lines reads as a glossary's term: short, with a letter, not a sentence's
    or a clause's end, not a list's item."""
    return _is_term_line(text) and not _ends_sentence(text)


def _is_term_line(text: str) -> bool:
    """Whether a line may be (a line of) a glossary's term: short, with a letter, not a list's item."""
    return len(text) <= 50 and _has_letter(text) and not _BULLET.match(text) and not _NUMBERED.match(text) \
        and not _NUMBER_ALONE.fullmatch(text)


_BOX_MIN_LINES = 3
"""The fewest lines of a run set in from its column that give the run its own width."""
_BOX_REACH = 3
"""How many lines of such a run on each side of a line give the width around it (a quote's lines, not the
attribution under it, set wider)."""


def _box_widths(rows: list[_Row], indices: list[int], column: int) -> dict[int, tuple[int, int]]:
    """Each line (row index) of a run of lines set in from the column's start at one indentation, without
    a blank row between them (a quote in a box narrower than the column, whose lines another column's lines
    may fall between) → (the run's first row, the printed width of the longest of its lines around it,
    :data:`_BOX_REACH` on each side): the width its lines were set in, for the reflow test, narrower than
    the column's. Runs shorter than :data:`_BOX_MIN_LINES` are left out."""
    runs: list[list[int]] = []
    for position, index in enumerate(indices):
        indent = _indent(rows[index].segments[column])
        previous = indices[position - 1] if position else None
        if indent and runs and previous == runs[-1][-1] \
                and _indent(rows[previous].segments[column]) == indent \
                and all(row.text.strip() for row in rows[previous + 1:index]):
            runs[-1].append(index)
        elif indent:
            runs.append([index])
    widths: dict[int, tuple[int, int]] = {}
    for run in (run for run in runs if len(run) >= _BOX_MIN_LINES):
        printed = [printed_width(rows[k].segments[column].strip()) for k in run]
        for k, index in enumerate(run):
            widths[index] = (run[0], max(printed[max(0, k - _BOX_REACH):k + _BOX_REACH + 1]))
    return widths


def _box_width(boxes: dict[int, tuple[int, int]], above: int, below: int, width: int) -> int:
    """The width to measure rows ``above`` and ``below`` of a column ``width`` wide against: the width
    around them of the box (:func:`_box_widths`) they both lie in when it is well narrower than the column
    (a quote set in a box; a box nearly as wide, its longest lines a little short of its width, is measured
    as the column); else ``width``."""
    if above in boxes and below in boxes and boxes[above][0] == boxes[below][0]:
        box = max(boxes[above][1], boxes[below][1])
        return box if box < _BOX_SHARE * width else width
    return width


_BOX_SHARE = 0.8
"""A box narrower than this share of its column is measured by its own lines (:func:`_box_width`)."""


def _reflow_ends(text: str, following: str, width: int) -> bool:
    """Whether a column's line ends its paragraph though no gap shows it: it ends a sentence, and the next
    line's first word would have fitted on it (:func:`_next_word_fits`). (A title's end is left to the dense
    paragraphs' rules, which see the lines around it.)"""
    return text.endswith(tuple(".!?…»”")) and _next_word_fits(text, following, width)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _vertical_gap(rows: list[_Row], above: int, below: int, column: int, margin: int | None = None,
                  feet: dict[int, int] | None = None) -> bool:
    """Whether the rows from line ``above`` to line ``below`` of ``column`` show a gap wider than its line
    pitch: a blank row across the page, or two lines of another column in the rows from one of the two lines
    to the other (the columns share their pitch: if the other column set a line on the row of ``above`` and
    another before ``below``, this column skipped one), unless a third column set its lines on both rows and
    none between (the extraction merges rows of nearly the same height either way). A ``margin`` of notes is
    set smaller, at a pitch of its own, about one of its lines between two of the text's: only two of its
    lines strictly between the two rows show a gap. So are the notes at a column's foot: another column's
    rows from its ``feet`` down (:func:`_note_feet`) do not show the body's pitch on both rows."""
    feet = feet or {}

    def pitched(k: int, other: int) -> bool:
        return bool(rows[k].segments[other]) and k < feet.get(other, len(rows))

    between = range(above + 1, below)
    if any(not rows[k].text.strip() for k in between):
        return True
    others = [other for other in range(len(rows[above].segments)) if other not in (column, margin)]
    # (a title in capitals set large has a pitch of its own: its lines on both rows tell nothing)
    if any(pitched(above, other) and pitched(below, other) and not any(rows[k].segments[other] for k in between)
           and not (_all_capitals(rows[above].segments[other]) and _all_capitals(rows[below].segments[other]))
           for other in others):
        return False  # another column's lines on both rows and none between: the same pitch, no gap
    if margin is not None and margin != column and sum(1 for k in between if rows[k].segments[margin]) >= 2:
        return True

    def filled(k: int, other: int) -> bool:
        # (a note's number alone on its row is no line: set raised, it has a row of its own over the note's
        # first line, at no pitch of the column's)
        return bool(rows[k].segments[other].strip()) and not _NUMBER_ALONE.fullmatch(rows[k].segments[other])

    return any(sum(1 for k in range(above, below) if filled(k, other)) >= 2
               or sum(1 for k in range(above + 1, below + 1) if filled(k, other)) >= 2 for other in others)


def _note_feet(rows: list[_Row]) -> dict[int, int]:
    """Each column of a band → the row where the notes at its foot start: its first number alone on its
    line over a line set in further (a note's number over its text), the rest of the column being notes."""
    feet: dict[int, int] = {}
    for column in range(len(rows[0].segments) if rows else 0):
        filled = [k for k, row in enumerate(rows) if row.segments[column].strip()]
        for k, following in zip(filled, filled[1:], strict=False):
            if _NUMBER_ALONE.fullmatch(rows[k].segments[column]) and following - k <= 2 \
                    and _indent(rows[following].segments[column]) > _indent(rows[k].segments[column]):
                feet[column] = k
                break
    return feet


def _blank(line: Line) -> bool:
    return not line.text.strip()


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


# === Step 2: blocks ======================================================================================


def split_blocks(state: State) -> None:
    """Blocks between blank lines; page markers inserted; page numbers, link lines and nav aids set apart."""
    labels: dict[int, str] = state.page_starts  # empty when the text marks its pages ("Page N")
    numbers: dict[int, int] = state.page_numbers
    page = ""
    current: list[Line] = []

    def flush() -> None:
        if current:
            state.blocks.append(Block(list(current), page=page))
            current.clear()

    for index, line in enumerate(state.lines):
        if index in labels:
            flush()
            page = labels[index]
            state.blocks.append(Block([line], kind="page", page=page, text=page))
        if index in numbers:
            flush()
            continue
        text = line.text.strip()
        if not text:
            flush()
            continue
        marker = _PAGE_LABEL.match(text)
        if marker:
            flush()
            page = marker.group(1)
            state.blocks.append(Block([line], kind="page", page=page, text=page))
            continue
        if line.frame_start and current:
            flush()
        if re.fullmatch(r"\d{1,3}", text):
            # a number alone on its line stands apart (a note's number, a table cell), even without blank lines
            flush()
            current.append(line)
            flush()
            continue
        if _URL_LINE.match(text) and text.endswith(".") and current and not state.laid_out \
                and not _URL_LINE.match(current[-1].text) and not current[-1].text.rstrip().endswith(tuple(_TERMINAL)):
            # an address that ends the sentence of the line above ("… à l'adresse" | "https://….") is text: the
            # link lines appended at a page's end hold no sentence's stop
            current.append(line)
            continue
        if _SIDEBAR_LABEL.match(text) or _URL_LINE.match(text):
            kind = "label" if _SIDEBAR_LABEL.match(text) else "url"
            if kind == "url" and current and all(_URL_LINE.match(c.text) for c in current):
                current.append(line)
                continue
            flush()
            if kind == "url":
                current.append(line)
                continue
            state.blocks.append(Block([line], kind=kind, page=page, text=text))
            continue
        if current and all(_URL_LINE.match(c.text) for c in current):
            flush()
        current.append(line)
    flush()
    for block in state.blocks:
        if block.kind == "para" and all(_URL_LINE.match(line.text) for line in block.lines):
            block.kind = "url"
    # A bullet glyph alone on its line (some extractions) starts the text that follows it, also when it was
    # set at the end of the block above ("… permet :" | "•" | blank | "d’avoir une…").
    blocks = state.blocks
    for index, block in enumerate(blocks[:-1]):
        glyph = block.lines[-1].text.strip() if block.kind == "para" else ""
        if glyph and glyph in _BULLET_GLYPHS and blocks[index + 1].kind == "para":
            first = blocks[index + 1].lines[0]
            first.text = f"{glyph} {first.text.strip()}"
            block.lines.pop()
            if not block.lines:
                block.lines = [Line(first.no, glyph)]
                block.kind = "removed"


# Advance widths of a proportional sans-serif type (per 1000 units of the type size, the common metrics of
# Helvetica and Arial): the printed width of a line estimated from its characters, far closer than their count
# ("illicite" and "mémoires" have as many letters, not the same width).
_GLYPH_WIDTHS = dict(zip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500,
    722, 500, 500, 500, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722,
    667, 611, 722, 667, 944, 667, 667, 611), strict=True))
_NARROW = frozenset(" .,;:!'’|()[]-/\"")
_SPACE_WIDTH = 278
_FIT_SLACK = (0.04, 1500)
"""How much narrower than the column a line must be for the next word to fit: the error of estimating a
line's width from its characters, a few per cent of a wide column, about three characters in a narrow one
(type set larger or bolder, a word's kerning)."""


@cache
def _glyph_width(char: str) -> int:
    base = unicodedata.normalize("NFD", char)[:1]
    return _GLYPH_WIDTHS.get(base, 278 if base in _NARROW else 556)


def printed_width(text: str) -> int:
    """The estimated printed width of ``text`` (see :data:`_GLYPH_WIDTHS`)."""
    return sum(_glyph_width(char) for char in text)


def _next_word_fits(line: str, following: str, width: int, slack: bool = True) -> bool:
    """The reflow test: whether the first word of ``following`` would have fitted at the end of ``line`` in a
    column ``width`` wide. A typesetter breaks a line only when the next word does not fit, so a line that
    had room for it ends its paragraph (or its frame). Without ``slack``, against the full width: whether the
    word could have fitted at all (a line it would overrun has not ended its paragraph, however short)."""
    first = _UNBREAKABLE_START.match(following)
    room = width - max(width * _FIT_SLACK[0], _FIT_SLACK[1]) if slack else width
    return bool(first) and printed_width(line) + _SPACE_WIDTH + printed_width(first.group(0)) <= room


# The first unit a line can break after: a word with the marks French typography binds to it by a no-break
# space (« Carnet, word :, word ?), which an extraction gives as a plain space.
_UNBREAKABLE_START = re.compile(r"(?:[«“—–]\s)?\S+(?:\s[:;!?»”])*")


def _column_width(lines: list[str]) -> int:
    """The width of a full line of the text's columns: the 95th percentile of the widths of lines of two
    words or more (most lines of a column are full)."""
    widths = sorted(printed_width(text) for text in lines if len(text.split()) >= 2)
    return widths[int(len(widths) * 0.95)] if widths else 0


def _toc_spans(state: State) -> tuple[frozenset[str], set[int]]:
    """The entries of a printed table of contents ("Table des matières" and its lines up to the next page) in
    normal form, and the ids of its blocks. The entries are the document's titles: evidence for the lines
    that are headings. An entry wrapped over lines is one entry (the reflow test)."""
    ids: set[int] = set()
    inside = False
    lines: list[Line] = []
    for block in state.blocks:
        if block.kind == "page":
            inside = False
        title = _toc_title(block) if block.kind == "para" else 0
        if title:
            inside = True
            ids.add(id(block))
            lines.extend(block.lines[title:])
            continue
        if inside and block.kind == "para":
            ids.add(id(block))
            lines.extend(block.lines)
    lines = [line for line in lines if line.text.strip()]
    entries = [line.text.strip() for line in lines]
    depths = [max(line.indent, _indent(line.text)) for line in lines]
    numbered = sum(1 for entry in entries if re.search(r"\s\d{1,3}$", entry))
    if entries and numbered >= 0.6 * len(entries):  # each entry's page number, after dot leaders or not
        entries = [re.sub(r"(?:\s*[.…]+\s*|\s+)\d{1,3}$", "", entry) for entry in entries]
    # an entry wrapped over lines: the next line opens in lower case or holds no letter (a year), the line
    # ends on a comma or on a word that opens a phrase, or a name goes on (two capitalised words the lexicon
    # does not know, or that the text sets side by side on a line outside the table: "Montpellier
    # Méditerranée" | "Métropole")
    body = [line.text.lower() for block in state.blocks if block.kind == "para" and id(block) not in ids
            for line in block.lines]
    # In a layout text the indentation tells more: a line less indented than the one above opens an entry
    # (a part after a section's title: "… des événements NEC" | "Rencontre(s)").
    joined: list[str] = []
    for position, entry in enumerate(entries):
        previous = joined[-1].rsplit("\n", 1)[-1] if joined else ""
        last, first = previous.rsplit(" ", 1)[-1], entry.split(" ", 1)[0].strip(",.;:")
        outdented = state.laid_out and position > 0 and depths[position] < depths[position - 1]
        # (a line without a letter, a date's year, is no title of its own: "… : 1er avril" | "2021"; a
        # rubric's name opens an entry: "… des événements NEC" | "Rencontre(s)" is no name going on)
        if joined and not outdented and entry not in RUBRICS and (
                entry[:1].islower() or not _has_letter(entry) or previous.endswith(",")
                or last.lower() in _OPENING_WORDS
                or len(previous.split()) >= 4 and last[:1].isupper() and first[:1].isupper()
                and (not is_french_word(first.lower()) and not is_french_word(last.lower())
                     or any(f"{last} {first}".lower() in text for text in body))):
            joined[-1] += "\n" + entry
        else:
            joined.append(entry)
    order: dict[str, int] = {}
    for entry in joined:
        order.setdefault(_normal(entry), len(order))
    order.pop("", None)
    state.toc_order = order
    return frozenset(order), ids


def _toc_levels(state: State, toc_blocks: set[int]) -> None:
    """The heading levels a layout text's table of contents gives by its indentation: its entries at the left
    are level 2, those indented once level 3 (deeper ones, the boxes' titles, are left to the other rules).
    Each entry (:attr:`State.toc_order`) takes the indentation of the table's line that opens it."""
    lines = [line for block in state.blocks if id(block) in toc_blocks
             for line in block.lines[_toc_title(block):] if line.text.strip()]
    depth = {line.no: max(line.indent, _indent(line.text)) for line in lines}
    indents = sorted(set(depth.values()))
    if len(indents) < 2:
        return
    for line in lines:
        opening = _normal(re.sub(r"(?:\s*[.…]+\s*|\s+)\d{1,3}$", "", line.text.strip()))
        rank = indents.index(depth[line.no])
        for entry in state.toc_order:
            if opening and entry.startswith(opening) and entry not in state.toc_levels and rank <= 1:
                state.toc_levels[entry] = 2 + rank
                break


_TOC_RUN_LINES = (8, 20)
"""The most lines an entry of the table of contents wraps over as a title in the text: set large in a narrow
column, a long title (a talk's, with its speakers) takes a line for every two or three words. The longer reach
in a layout text only, whose table's indentation gives such a title its level; elsewhere the headings' rules
guess it (level 2 where the talk's title is 3): there the reach stays eight lines."""


def _toc_run(lines: list[Line], start: int, spans: frozenset[str], laid_out: bool = False) -> int:
    """How many lines from ``start`` read as one entry of the table of contents; 0 if none. The lines are
    joined while they make the start of an entry (a line ending with a hyphen joined without a space, the
    hyphen kept or dropped, whichever goes on with an entry: "(2019-" | "2022)", "cohé-" | "sion")."""
    prefixes = _toc_prefixes(spans)
    # (spaces aside, in a layout text: a title set large in a narrow column breaks a word where it does not
    # fit, without a hyphen: "3 ENSEIGNEMENT" | "S CLÉS DE CE" | "NEC")
    unspaced = _unspaced_spans(spans) if laid_out else frozenset()
    unspaced_prefixes = _toc_prefixes(unspaced) if laid_out else frozenset()
    raw, found = "", 0
    for count, line in enumerate(lines[start:start + _TOC_RUN_LINES[laid_out]], start=1):
        piece = line.text.strip()
        if raw.endswith("-"):
            raw = next((text for text in (raw + piece, raw[:-1] + piece) if _normal(text) in prefixes), raw + piece)
        else:
            raw = f"{raw} {piece}"
        joined = _normal(raw)
        squeezed = joined.replace(" ", "")
        if joined in spans or squeezed in unspaced:
            found = count
        if joined not in prefixes and squeezed not in unspaced_prefixes:
            break
    return found


@lru_cache(maxsize=4)
def _unspaced_spans(spans: frozenset[str]) -> frozenset[str]:
    """The entries of the table of contents without their spaces."""
    return frozenset(span.replace(" ", "") for span in spans)


def _gather_toc_titles(blocks: list[Block], toc_blocks: set[int], spans: frozenset[str]) -> list[Block]:
    """``blocks`` with each entry of the table of contents that the text breaks apart set at the head of a
    block: a title set large in a column spaces its lines wider than the other columns' rows (the layout step
    saw gaps between them, so blocks end inside it), and may follow, without a gap, a column whose text ends
    without a stop ("… de la FING" | "Présentation de" | "la démarche"…). The lines before the title stay
    in a block of their own; the title's lines in the blocks it spans but the last move to the head of the
    last, and the blocks it emptied are removed. A title found inside a block has four words or more (a short
    entry, "Keynote", may be words of the text)."""
    result: list[Block] = []
    after_toc = False
    for position, block in enumerate(blocks):
        after_toc = after_toc or id(block) in toc_blocks
        if not after_toc or block.kind != "para" or id(block) in toc_blocks:
            result.append(block)
            continue
        for start, line in enumerate(block.lines):
            if not _toc_prefix([line], spans):
                continue
            parts = [block.lines[start:]]  # the lines from this one, then each next block's
            following = blocks[position + 1:]
            while _toc_prefix([line for part in parts for line in part], spans) and len(parts) <= len(following) \
                    and following[len(parts) - 1].kind == "para":
                parts.append(following[len(parts) - 1].lines)
            lines = [line for part in parts for line in part]
            run = _toc_run(lines, 0, spans, True)
            ends = 0  # the part the title ends in
            while run > sum(len(part) for part in parts[:ends + 1]):
                ends += 1
            if not run or not ends and not start or start and len(_plain(" ".join(
                    line.text for line in lines[:run])).split()) < 4:
                continue
            if start:
                result.append(Block(block.lines[:start], page=block.page))
            if not ends:
                result.append(Block(block.lines[start:], page=block.page))
                break
            following[ends - 1].lines[:0] = [line for part in parts[:ends] for line in part]
            for emptied in [block, *following[:ends - 1]]:
                emptied.kind = "removed"
            result.append(block)
            break
        else:
            result.append(block)
    return result


def _toc_prefix(lines: list[Line], spans: frozenset[str]) -> bool:
    """Whether ``lines`` read as the opening of an entry of the table of contents (spaces aside)."""
    opening = _normal(" ".join(line.text.strip() for line in lines))
    return bool(opening) and (opening in _toc_prefixes(spans)
                              or opening.replace(" ", "") in _toc_prefixes(_unspaced_spans(spans)))


def _mend_cut_words(title: Block, spans: frozenset[str]) -> None:
    """A title's lines that read as an entry of the table of contents only without their spaces: each word
    cut at a line's end without a hyphen ("COLLABORATIO" | "NS AU SERVICE") made whole on the line above, as
    the entry has it (a line left empty goes)."""
    squeezed = _normal(" ".join(line.text.strip() for line in title.lines)).replace(" ", "")
    entry = next((span for span in spans if span.replace(" ", "") == squeezed), None)
    if entry is None or entry in spans and _normal(" ".join(line.text.strip() for line in title.lines)) == entry:
        return
    text = title.lines[0].text.rstrip()
    kept = [title.lines[0]]
    for line in title.lines[1:]:
        first, _, rest = line.text.strip().partition(" ")
        if not entry.startswith(_normal(f"{text} {first}")) and entry.startswith(_normal(text + first)):
            kept[-1].text = kept[-1].text.rstrip() + first
            line.text = rest
        text = f"{text} {line.text.strip()}"
        if line.text.strip():
            kept.append(line)
    title.lines = kept


@lru_cache(maxsize=4)
def _toc_prefixes(spans: frozenset[str]) -> frozenset[str]:
    """Every start of an entry of the table of contents, as :func:`_toc_run` joins lines (normal form)."""
    return frozenset(span[:end].rstrip(" .…") for span in spans for end in range(1, len(span) + 1))


def _title_goes_on_below(lines: list[Line], below: list[Line], spans: frozenset[str], laid_out: bool) -> bool:
    """Whether the last lines of a block open an entry of the table of contents that the first lines of the
    block ``below`` end ("CHANTIERS EN COURS" | "SUR LES" | "THÉMATIQUES DU", a gap, "NUMÉRIQUE INCLUSIF")."""
    prefixes = _toc_prefixes(spans)
    for start in range(len(lines)):
        if _normal(" ".join(line.text.strip() for line in lines[start:])) in prefixes:
            return _toc_run([*lines[start:], *below], 0, spans, laid_out) > len(lines) - start
    return False


def split_dense(state: State) -> None:  # noqa: C901 - the paragraph, title and note rules of a dense text
    """When the extraction does not separate paragraphs by blank lines (pdftotext's default output), find
    their ends from line widths (estimated printed widths, :func:`printed_width`).

    - The hyphens pdftotext drops when it joins a word cut at a line end are restored
      (:func:`_restore_joined_hyphens`); numbered notes at the foot of each page are footnotes
      (:func:`_foot_notes`).
    - A line that had room for the next line's first word ends its paragraph (the reflow test, against the
      width of a full line of the block, or of the text's columns), when it ends a sentence or the next
      line opens with a capital; so does a sentence's end on a line shorter than the column (in a narrow
      column the test's margin is a good part of a line), or before a speaker's name.
    - A run of lines that is an entry of the printed table of contents is a title of its own (marked for
      the headings step); when the table exists, the headings step takes only its entries (and rubric
      names) as titles.
    - A short line without final punctuation after a sentence's end, that had room for the next word and
      is followed by a capital, is a title on its own.
    - Before the table of contents (a cover, set in several sizes), only sentences end paragraphs.
    """
    state.step = "paragraphs"
    # The style of the extraction: after a short line that ends a sentence, does a blank line follow?
    lines = [line.text.strip() for line in state.lines]
    widths = [len(text) for text in lines if len(text) > 20]
    width = statistics.median(widths) if widths else 0
    ends = [i for i, text in enumerate(lines[:-1]) if text.endswith((".", "!", "?")) and len(text) < 0.7 * width]
    glued = sum(1 for i in ends if lines[i + 1])
    if not state.laid_out and (len(ends) < 5 or glued <= 0.35 * len(ends)):
        return  # (a layout text's blank lines are only the gaps its rows show: many paragraph ends are not)
    state.guess(None, "paragraphs are not separated by blank lines: their ends are guessed from line widths")
    state.dense = True
    _join_spaced_marks(state.lines)  # (pdftotext's default output spaces them as its layout output does)
    column = _column_width(lines)
    _restore_joined_hyphens(state, column)
    _foot_notes(state, column)
    _restore_margin_address_hyphens(state, column)
    spans, toc_blocks = _toc_spans(state)
    state.toc_titles = spans
    if state.laid_out:
        _toc_levels(state, toc_blocks)
    result: list[Block] = []
    # (a first name alone on its line over its surname is a name cut at the line's end, not a title: "Anne" |
    # "Bourdarias, directrice…" signing a quote, the name set whole elsewhere in the text)
    names = _name_pairs(state.lines) if state.laid_out else frozenset()
    after_toc = False  # the titles are looked for after the table of contents (the cover precedes it)
    blocks = _gather_toc_titles(state.blocks, toc_blocks, spans) if state.laid_out else state.blocks
    for position, block in enumerate(blocks):
        following_block = blocks[position + 1] if position + 1 < len(blocks) else None
        if block.kind == "label" and after_toc and following_block is not None and following_block.kind == "para" \
                and _toc_run([*block.lines, *following_block.lines], 0, spans, state.laid_out) > 1:
            # "Zoom sur" set apart from the rest of its title ("l'espace public" | "numérique"): one title
            following_block.lines[:0] = block.lines
            block.kind = "removed"
            continue
        if block.kind != "para" or id(block) in toc_blocks:
            after_toc = after_toc or id(block) in toc_blocks
            result.append(block)
            continue
        if after_toc and following_block is not None and following_block.kind == "para" \
                and _title_goes_on_below(block.lines, following_block.lines, spans, state.laid_out):
            # a title set large, its lines spaced wider than a blank row: one block with the block under it
            following_block.lines[:0] = block.lines
            block.kind = "removed"
            continue
        texts = [line.text.strip() for line in block.lines]
        if block.lines[0].opens_note:
            # a note the layout step read (its number, its text under it) ends where its column showed it; set
            # smaller than the text, its lines hold more than the widths measured here say
            result.append(block)
            continue
        # a narrower frame (a box, a caption) has its own width; lines wider than the columns' are set smaller
        # or belong to another frame the extraction merged in: the columns' width then
        full = _block_width(texts, column, state.laid_out)
        current: list[Line] = []
        previous_ended = True
        index = 0
        while index < len(block.lines):
            line, text = block.lines[index], texts[index]
            # a title of the table of contents after a paragraph's end, a sentence's end or a title's, or in
            # capitals (a full line before it does not hide it)
            # (or at a column's head: a title set there follows a paragraph that may go on in no column)
            opens = previous_ended or index > 0 and texts[index - 1].endswith((".", "!", "?", "…", ")")) \
                or _is_capitals(text) or line.column_start
            run = _toc_run(block.lines, index, spans, state.laid_out) if opens and after_toc else 0
            following = texts[index + run] if index + run < len(texts) else ""
            if run and not following[:1].islower():
                if current:
                    result.append(Block(current, page=block.page))
                    current = []
                title = Block(block.lines[index:index + run], page=block.page, data={"toc": True})
                if state.laid_out:
                    _mend_cut_words(title, spans)
                result.append(title)
                state.guess(line.no, f"{_plain(title.raw())!r}: a title of the table of contents")
                index += run
                continue
            following = texts[index + 1] if index + 1 < len(texts) else ""
            short = printed_width(text) < 0.7 * full
            # after a sentence's end (even on a full line: the title did not fit after it)
            after_end = previous_ended or index > 0 and _ends_with_stop(texts[index - 1])
            # (the next line's first word would have fitted: in a narrow column a long word leaves lines short)
            title = after_end and short and following[:1].isupper() and (after_toc or not spans) \
                and not _ends_sentence(text) and not _BULLET.match(text) and _next_word_fits(text, following, full) \
                and not _name_goes_on(text, following, names)
            if title:
                if current:
                    result.append(Block(current, page=block.page))
                result.append(Block([line], page=block.page))
                current = []
                index += 1
                continue
            current.append(line)
            # the reflow test; or, in a narrow column where the test's margin is a good part of a line, a
            # sentence's end on a line shorter than the column; or a sentence's end before a speaker's name
            # (before a table of contents, on a cover set in several sizes, only sentences end paragraphs)
            # (in a layout text the widths are the printed ones: a shorter line whose next word would overrun
            # the column has not ended its paragraph, however short; other extractions' widths are rougher)
            overrun_fits = _next_word_fits(text, following, full, slack=False)
            previous_ended = bool(following) and not text.endswith("-") and (
                _next_word_fits(text, following, full) and (text.endswith(tuple(_TERMINAL))
                                                             or not following[:1].islower() and (after_toc or not spans)
                                                             and not (state.laid_out and _clause_goes_on(text))
                                                             and not _name_goes_on(text, following, names))
                or text.endswith(tuple(".!?…»”")) and (printed_width(text) < 0.85 * full
                                                       and (not state.laid_out or overrun_fits)
                                                       or bool(_SPEAKER.match(following))
                                                       or bool(_HANDLES.fullmatch(following))))
            # (in a layout text the turn to capitals only after an address or a handle, which ends its
            # sentence without a stop: "ns @NumEnCommuns" | "LES CARNETS NEC[S]")
            if previous_ended or _BULLET.match(following) and not _closes_incise(text, following) \
                    or (not state.laid_out or _address_ends(text, following)) and _case_turns(text, following) \
                    or not state.laid_out and (_opens_after_address(text, following) or _label_opens(text, following)
                                               or _name_opens(text, following)):
                result.append(Block(current, page=block.page))
                current = []
                previous_ended = True
            index += 1
        if current:
            result.append(Block(current, page=block.page))
    state.blocks = _split_fields(state, result)


_FEW_LINES = 8
"""Below this many lines, a block's widest line may well fall short of its frame's width (among many, one
comes close to it)."""


def _block_width(texts: list[str], column: int, laid_out: bool) -> int:
    """The width of a full line of a block: the columns' (``column``), or, for a block of four lines or more
    whose widest line is clearly narrower, that line's (a narrower frame: a box, a caption; text set bolder,
    whose width the estimate gives short). A block whose widest line comes within the estimate's error of
    the column is set in it: its widest line is only the longest that happened to fill it, and measuring
    against that line would take a last line almost as long for a full one. (A layout text's columns are
    narrow, its widths printed ones: there the widest line is the block's width.)"""
    widest = max(printed_width(text) for text in texts)
    if len(texts) < 4 or len(texts) < _FEW_LINES and widest >= (1 - 2 * _FIT_SLACK[0]) * column and not laid_out:
        return column
    return min(column, widest)


def _ends_with_stop(text: str) -> bool:
    """Whether a line ends a sentence: a stop, also inside the closing quotation mark of a sentence quoted
    whole ("… que nous sommes en train de vivre." then a glossary's next term)."""
    return text.rstrip("»”\"’ ").endswith((".", "!", "?", "…"))


_SPACED_DASH = re.compile(r"(?:^|\s)[-–—](?=\s)")


def _closes_incise(text: str, following: str) -> bool:
    """Whether the dash that opens ``following`` closes an incise the line above opened ("le droit d’accéder
    - dans des lieux qualifiés" | "- à des services…"): that line does not end a clause and holds an odd
    number of spaced dashes. Such a line is no list's item."""
    return bool(re.match(r"[-–—]\s", following)) and not text.endswith(tuple(_TERMINAL + ",")) \
        and len(_SPACED_DASH.findall(text)) % 2 == 1


_HANDLES = re.compile(r"@\w+(?:\s+@\w+)*")
"""A line of social-media handles only ("@NumeriqueEnCommuns"): after a sentence's end, a paragraph of its
own (a long handle overruns the line above it, which the overrun rule would read as a paragraph going on)."""


_CAPITALS_OPENING = re.compile(r"(?:[A-ZÀ-Ý][A-ZÀ-Ý'’]+\s+){1,}[A-ZÀ-Ý0-9][A-ZÀ-Ý'’0-9]*\b")


def _case_turns(text: str, following: str) -> bool:
    """Whether ``following`` opens a unit of its own because it turns to capitals: a line in lower case (not
    cut by a hyphen or a comma) then one opening with two words or more in capitals ("PITCH 1", "POUR EN
    SAVOIR PLUS, rendez-vous…"), a title or a lead-in set so; a paragraph does not turn to capitals midway
    (an acronym is one word). Nor back: a line wholly in capitals, three words or more, then a capitalised
    word in lower case ("NEC MONTPELLIER : 1ER AVRIL 2021" | "Pour sa première…") ends a unit."""
    return bool(_CAPITALS_OPENING.match(following)) and not _is_capitals(text) and not text.endswith(("-", ",")) \
        and any(char.islower() for char in text) \
        or _is_capitals(text) and len(text.split()) >= 3 and bool(_SENTENCE_START.match(following))


def _opens_after_address(text: str, following: str) -> bool:
    """Whether ``following`` opens a paragraph because ``text`` ends on an address, with no stop after it,
    and ``following`` opens with a capitalised word ("POUR EN SAVOIR PLUS : exemple.fr/guide/" | "Retrouvez
    le carnet…"): a sentence does not go on past an address into a capitalised word, and a full line ending
    on a long address leaves no room for the reflow test to see the end."""
    return bool(_DOMAIN.fullmatch(text.rsplit(" ", 1)[-1])) and bool(_SENTENCE_START.match(following))


_SENTENCE_START = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ’']+(?:[\s,;:]|$)")
"""A line opening with a capitalised word then a space or a clause's mark ("Justement, comment…")."""


_NAME_OPENING = re.compile(r"([A-ZÀ-Ý][a-zà-ÿ’'-]+)\s+[A-ZÀ-Ý]")


def _name_opens(text: str, following: str) -> bool:
    """Whether ``following`` opens a paragraph with a name, after a sentence's end on a full line: two
    capitalised words, the first in lower case after its capital and no word of the lexicon ("Ben Green
    montre…", "Samuel Goëta a aussi…", "Montpellier Méditerranée Métropole et…"). A paragraph opens by naming
    whom it speaks of; a sentence inside one mostly goes on from the last ("Il", "Cette", "Ma Dada est…":
    "ma" is a word), and an acronym, the text's recurring subject, opens sentences anywhere ("NEC
    Montpellier a su…" goes on)."""
    name = _NAME_OPENING.match(following)
    return bool(name) and _ends_with_stop(text) and not is_french_word(name.group(1).lower())


_CAPITALS_LABEL = re.compile(r"([A-ZÀ-Ý][A-ZÀ-Ý'’]{3,})\s+:(?:\s|$)")


def _label_opens(text: str, following: str) -> bool:
    """Whether ``following`` opens a paragraph with a lead-in in capitals, one word the lexicon knows then a
    colon ("TÉLÉCHARGER : …", "CONTACT : …"), after a sentence's end: a label set so opens its unit, even
    after a full line (an acronym, "NEC : …", is no word and may go on a sentence)."""
    label = _CAPITALS_LABEL.match(following)
    return bool(label) and _ends_with_stop(text) and is_french_word(label.group(1).lower())


_FIELD = re.compile(r"^\s*[A-ZÀ-Ý][^\W\d_]*(?:[ -][^\W\d_]+){0,2}[ \u00a0\u202f]:(?:\s|$)")


def _split_fields(state: State, blocks: list[Block]) -> list[Block]:
    """A block that opens with a field ("Éditeurs : …") and holds other lines opening so ("Licence : …",
    "Source : …") is a list of fields, one paragraph each: their lines do not end on a stop, so the reflow
    test cannot see where each ends. Each split reported. (A short block opening so is no title either:
    see :func:`find_headings`.)"""
    result: list[Block] = []
    for block in blocks:
        # (not after a clause broken off: "l’un des enjeux de ce" | "NEC : pouvoir…" goes on)
        starts = [k for k, line in enumerate(block.lines)
                  if k and _FIELD.match(line.text) and not _clause_goes_on(block.lines[k - 1].text)]
        if block.kind != "para" or not starts or not _FIELD.match(block.lines[0].text):
            result.append(block)
            continue
        state.guess(block.lines[starts[0]].no, f"{len(starts) + 1} lines opening with a label and a colon: one "
                                               "paragraph each")
        for low, high in zip([0, *starts], [*starts, len(block.lines)], strict=False):
            result.append(Block(block.lines[low:high], page=block.page))
    return result


def _ends_sentence(text: str) -> bool:
    """Whether a line ends as a sentence or a clause does (a title or a term does not); a closing
    parenthesis ends a term too ("Tech for good (technologies pour le bien commun)", "TIC(E)")."""
    return text.endswith(tuple(_TERMINAL.replace(")", "") + ",")) \
        or text.endswith(")") and "(" not in text and not text[:1].isupper()


_NUMBER_ALONE = re.compile(r"\s*(\d{1,3})\s*")


def _restore_joined_hyphens(state: State, column: int) -> None:
    """The hyphen of a word the extraction joined across a line end, restored where it belongs to the word.

    pdftotext joins a word hyphenated at a line end and drops the hyphen, whatever the hyphen was: the line
    that holds the joined word is then wider than a column. The token that crosses the column's width is
    the joined one; its hyphen is restored, at the cut that fits the first line, when the lexicon knows the
    hyphenated form (rez-de-chaussée, peut-être), when a pronoun follows a verb (envisagez-vous), when a
    capital follows a small letter (ÉtatsUnis), in capitals after a word that joins a compound place name
    (SEINE-ETMARNE, HAUTESAVOIE), when one letter stands before a word (einclusion,
    pair-àpair), when two words of four letters or more make no word joined (gagnantgagnant), or when both
    halves are words in an address (toutes-lesactions). Each restored hyphen is reported.
    """
    state.step = "dehyphenation"
    written = _hyphened_pairs(state.lines)
    for block in state.blocks:
        if block.kind != "para":
            continue
        for line in block.lines:
            text = line.text.strip()
            if printed_width(text) <= column:
                continue  # a line no wider than a column's: no join
            if printed_width(text) <= (1 + 2 * _FIT_SLACK[0]) * column:
                # a line within the estimate's error of a column's width: only an address's own spelling (a
                # segment that separates its words by hyphens) is evidence enough of a join
                _restore_address_hyphens(state, line, column)
                continue
            tokens = text.split(" ")
            starts = [0]
            for token in tokens:
                starts.append(starts[-1] + printed_width(token) + _SPACE_WIDTH)
            crossing = next((k for k in range(len(tokens)) if starts[k + 1] - _SPACE_WIDTH > column * (1 - _FIT_SLACK[0])),
                            None)
            # the token that crosses the column's width, or the one before it (an indented line is narrower)
            for position in [k for k in (crossing, (crossing or 0) - 1) if k is not None and k >= 0]:
                token = tokens[position]
                cut = _joined_hyphen(token, column - starts[position], column, written)
                if cut is None:
                    continue
                tokens[position] = f"{token[:cut]}-{token[cut:]}"
                line.text = " ".join(tokens)
                head = re.findall(r"[^\W\d_]+$", token[:cut])[0]
                tail = re.match(r"[^\W\d_]+", token[cut:]).group(0)  # type: ignore[union-attr]
                state.hyphens.append((line.no, head, tail, True))
                state.guess(line.no, f"{token}: the hyphen the extraction dropped at a line end restored "
                                     f"({tokens[position]})")
                break
            _restore_address_hyphens(state, line, column)
    state.step = "paragraphs"


_PLAIN_MARGIN_SHARE = 0.75
"""The same share in pdftotext's default output, measured on the body's column: beside a page of two columns
the margin is narrower than a column by a third or less (about 0.7 of it), beside one column by far more."""


def _restore_margin_address_hyphens(state: State, column: int) -> None:
    """The hyphens pdftotext dropped in the addresses of notes set in a margin beside the body: their lines are
    far narrower than the body's, so an address cut over three of them is joined on a line no wider than the
    body's column, where :func:`_restore_joined_hyphens` does not look. The margin's width is measured on the
    notes' own lines (but each note's last, often short), when most of them are narrow (notes at the page's
    foot are as wide as the body); the addresses of note lines wider than it are mended as the body's are
    (:func:`_restore_address_hyphens`)."""
    notes = [block for block in state.blocks if block.kind == "note"]
    measured = [printed_width(line.text.strip()) for block in notes for line in block.lines[:-1]
                if len(line.text.split()) >= 2]
    widths = sorted(width for width in measured if width < _PLAIN_MARGIN_SHARE * column)
    if len(widths) < len(measured) / 2 and _margin_notes_mostly(notes):
        # the notes step found most notes in a margin (each under its text): beside a page of two columns the
        # margin is about as wide as the body's column, which bounds the margin's own lines
        widths = sorted(width for width in measured if width < column)
    if not widths or len(widths) < len(measured) / 2:
        return  # notes at the page's foot, as wide as the body: most of their lines are
    margin = widths[int(len(widths) * 0.9)]
    state.step = "dehyphenation"
    for block in notes:
        for line in block.lines:
            if printed_width(line.text.strip()) > (1 + 2 * _FIT_SLACK[0]) * margin:
                _restore_address_hyphens(state, line, margin)
                _restore_margin_line_ends(state, line, margin)
    state.step = "paragraphs"


def _margin_notes_mostly(notes: list[Block]) -> bool:
    """Whether most of ``notes`` are a margin's, as the notes step found them (their ``margin`` mark)."""
    return sum(1 for block in notes if block.data.get("margin")) > len(notes) / 2


def _restore_margin_line_ends(state: State, line: Line, margin: int) -> None:
    """The hyphens pdftotext dropped at the margin's line ends inside a note line it joined, found by setting
    the line again in the margin: each printed line ended at the last place it could break that fits the
    margin, the next piece overrunning it; within the estimate's error (:data:`_FIT_SLACK`), the last such
    place wins. pdftotext joins a line to the next only when it ends with a hyphen, which it drops: inside a
    joined line, a space, a hyphen or a slash kept was no line end (the line would not have been joined
    there, or its hyphen would be gone), so only places between two words glued in an address are tried: between
    two French words, or numbers, in a piece of an address that holds a hyphen or a slash ("de-la" + "partie", "2022" + "1.htm", "nos" + "publications"), whose
    whole is no word. Each restored hyphen reported."""
    text = line.text.strip()
    slack = _FIT_SLACK[0]
    start, cuts = 0, []
    while printed_width(text[start:]) > (1 + slack) * margin:
        places = []
        for cut in range(start + 1, len(text)):
            if not _glued_in_address(text, cut):
                continue
            if printed_width(text[start:cut] + "-") > (1 + slack) * margin:
                break
            following = re.match(r"\S*?[-/]|\S+", text[cut:])
            if following and printed_width(text[start:cut] + following.group(0)) >= (1 - slack) * margin:
                places.append(cut)
        if not places:
            break
        start = places[-1]
        cuts.append(start)
    if not cuts:
        return
    for cut in reversed(cuts):
        text = f"{text[:cut]}-{text[cut:]}"
    state.guess(line.no, f"the hyphens the extraction dropped at a margin's line ends restored ({text})")
    line.text = text


def _glued_in_address(text: str, cut: int) -> bool:
    """Whether ``cut`` in ``text`` falls between two French words (or numbers) glued in a piece of an address
    holding a hyphen or a slash, whose whole is no word: where pdftotext may have dropped a hyphen."""
    if not (text[cut - 1].isalnum() and text[cut].isalnum()):
        return False
    left = re.findall(r"[^\W_]+$", text[:cut])[0]
    right = re.match(r"[^\W_]+", text[cut:]).group(0)  # type: ignore[union-attr]
    token = re.findall(r"\S+$", text[:cut])[0] + re.match(r"\S*", text[cut:]).group(0)  # type: ignore[union-attr]
    # (a path's segment may open with an abbreviation of two letters: "…/wp-" | "content/…")
    short = len(left) <= 2 and left.isalpha() and text[:cut - len(left)].endswith("/")
    return ("-" in token or "/" in token) and (_address_word(left) or short) and _address_word(right) \
        and ((left + right).isdigit() or not _address_word(left + right))


def _address_word(word: str) -> bool:
    """A word of an address: a number, a French word (accents aside: addresses are written without them), a
    word that opens a phrase ("de", "la", "pour"), or an English word of four letters or more (a title's
    words in a publisher's address: "data" + "feminism")."""
    return word.isdigit() or _is_word_any_accent(word.lower()) or word.lower() in _OPENING_WORDS \
        or len(word) >= 4 and is_english_word(word.lower())


def _restore_address_hyphens(state: State, line: Line, column: int) -> None:
    """The hyphens pdftotext dropped in the addresses of a line wider than a column (see
    :func:`_address_cuts`), each where a line could have ended: no wider than a column from the previous
    line end, and the address's next piece (up to its next hyphen or slash) would not have fitted after it."""
    text = line.text.strip()
    cuts: list[int] = []
    for token in re.finditer(r"\S+", text):
        cuts += [token.start() + cut for cut in _address_cuts(token.group(0))]
    start, kept = 0, []
    for cut in cuts:
        width = printed_width(text[start:cut] + "-")
        following = re.match(r"[^-/]*[-/]?", text[cut:]).group(0)  # type: ignore[union-attr]
        if width <= (1 + 2 * _FIT_SLACK[0]) * column and width + printed_width(following) > column:
            kept.append(cut)
            start = cut
    if not kept:
        return
    restored = text
    for cut in reversed(kept):
        restored = f"{restored[:cut]}-{restored[cut:]}"
    state.guess(line.no, f"the hyphens the extraction dropped in an address restored ({restored})")
    line.text = restored


_ADDRESS_JOIN = re.compile(r"([a-zà-ÿ]{3,})(\d{2,})|(\d{2,})([a-zà-ÿ]{4,})")


def _address_cuts(token: str) -> list[int]:
    """Where, in ``token``, pdftotext may have dropped a hyphen, if it is an address cut over lines.

    An address breaks at its hyphens (it has no spaces), and pdftotext drops the hyphen that ends a line,
    wherever in the address the width put the line end, so no width tells where. The address's own
    spelling does: a domain label or a path segment that separates its words by hyphens
    (``societe-numerique55``, ``agence-cohesionterritoires``) separates them all so, and there a word glued
    to a number (``numerique55``, ``240centre``), two words of four letters or more that make no word
    joined (``cohesionterritoires``, ``plussolidaire``), or an elided ``d``/``l`` before a word where the
    address writes other elisions so (``d-experimentations-et-dinnovation``) lost a hyphen; a word in
    capitals glued to a number is a name (``LECARNETNEC21``). Labels without hyphens are left alone: domains glue words
    (``societenumerique.gouv.fr``). Only a line end can have dropped it: the widths decide
    (:func:`_restore_address_hyphens`)."""
    if not ("/" in token or _DOMAIN.search(token)) or "-" not in token:
        return []
    cuts: list[int] = []
    for piece in re.finditer(r"[^/.?=&#]+", token):
        parts = piece.group(0).split("-")
        if len(parts) < 2:
            continue
        elided = any(part in ("d", "l") for part in parts)  # the address writes an elision with hyphens
        offset = piece.start()
        for index, part in enumerate(parts):
            joined = _ADDRESS_JOIN.fullmatch(part)
            if joined:
                cuts.append(offset + len(joined.group(1) or joined.group(3)))
            elif part.isalpha() and not _is_word_any_accent(part):
                if len(part) >= 5 and part[0] in "dl" and _is_word_any_accent(part[1:]) and index > 0 and elided:
                    cuts.append(offset + 1)
                else:
                    cut = next((k for k in range(4, len(part) - 3)
                                if _is_word_any_accent(part[:k]) and _is_word_any_accent(part[k:])), None)
                    if cut is not None:
                        cuts.append(offset + cut)
            offset += len(part) + 1
    return cuts


def _hyphened_pairs(lines: list[Line]) -> frozenset[str]:
    """The pairs of words the text joins by a hyphen inside its lines ("outre-mer"), in lower case, but those
    it also writes joined more than once (the one joined word may be the extraction's: "Hyper-liens" once in
    a title, "Hyperliens" everywhere else is the text's own spelling)."""
    words = Counter(word.lower() for line in lines for word in re.findall(r"[^\W\d_]+", line.text))
    return frozenset(pair.lower() for line in lines
                     for pair in re.findall(r"(?=(?<![^\W\d_])([^\W\d_]+-[^\W\d_]+)(?![^\W\d_]))", line.text)
                     if words[pair.lower().replace("-", "")] <= 1)


def _joined_hyphen(token: str, room: int, column: int, written: frozenset[str] = frozenset()) -> int | None:
    """Where, in ``token`` (about its first ``room`` units were on the first line), a dropped hyphen belongs:
    the cut nearest to the line's end, among those the widths allow, that the lexicon accepts, or that the
    text's own lines write with its hyphen (``written``: "d’outre-mer" elsewhere, though the lexicon knows
    "outremer", the colour, whole); the euphonic t before a pronoun takes its hyphen ("approprie-t" | "on")."""
    address = "/" in token or bool(_DOMAIN.search(token))
    cuts = list(_hyphen_cuts(token, room, column))
    # (before the lexicon's word, which the halves around any cut make whole: "outre|mer", "approprie-to|n")
    own = next((cut for cut, head, tail in cuts if not address and (
        f"{head}-{tail}".lower() in written
        or head == "t" and cut > 1 and token[cut - 2] == "-" and tail.lower() in _CLITICS - {"t"})), None)
    if own is not None:
        return own
    for cut, head, tail in cuts:
        alone = len(head) == 1 and (cut == 1 or token[cut - 2] == "-")  # "einclusion", "pair-àpair"
        if is_french_word(head + tail) or _is_word_any_accent(head + tail) and address:
            return None  # a word the lexicon knows whole
        if is_french_word(f"{head}-{tail}") or tail.lower() in _CLITICS and is_french_word(head) \
                or _joined_compound(token, cut) \
                or head[-1].islower() and tail[0].isupper() and not address \
                or alone and len(tail) > 3 and is_french_word(tail) and (not address or _one_letter_word(head)) \
                or min(len(head), len(tail)) >= 4 and is_french_word(head) and is_french_word(tail) \
                or not address and _prefixed_compound(token, head, tail) \
                or address and _is_word_any_accent(head) and _is_word_any_accent(tail) \
                or head.isupper() and tail.isupper() and head.lower() in _PLACE_LINKS and len(tail) >= 4:
            return cut
    return None


def _one_letter_word(head: str) -> bool:
    """A letter that is a word on its own ("à", "a", "y"), not an elided one: an address writes "l’issue" as
    "lissue", but "à connaître" as "a-connaitre" or "à-connaître", a hyphen between the words."""
    return is_french_word(head) and head.lower() not in _ELIDED_LETTERS


_ELIDED_LETTERS = frozenset("cdjlmnst")
"""The letters French elides before a vowel (l’, d’, qu’…), glued to the next word in an address."""


def _prefixed_compound(token: str, head: str, tail: str) -> bool:
    """Whether ``head`` + ``tail``, cut where a line could have ended in ``token``, is a compound whose hyphen
    the extraction dropped though neither language knows it joined: a short element either language knows
    ("mini", "co") before a word of four letters or more ("documentaires", "working"), in small letters (a
    name's parts are not looked up), the glued word unknown to French and English alike. A word cut by the
    typesetter falls into pieces that are rarely both words. Of two such cuts the shorter element is the
    prefix ("co" + "organisé", not "coorg" + "anisé")."""
    def known(word: str) -> bool:
        return is_french_word(word) or is_english_word(word)
    glued = head + tail
    return token.islower() and len(head) >= 2 and len(tail) >= 4 and known(head) and known(tail) \
        and not known(glued) and not is_french_word_any_accent(glued) \
        and not any(known(head[:k]) and known(head[k:] + tail) for k in range(2, len(head)))


def _hyphen_cuts(token: str, room: int, column: int) -> Iterator[tuple[int, str, str]]:
    """The cuts of ``token`` where a dropped hyphen may be, nearest the line's end first, that the widths
    allow (about its first ``room`` units were on the first line), with the letters before and after each."""
    for cut in range(len(token) - 1, 0, -1):
        width = printed_width(token[:cut] + "-")
        if width > room + column * _FIT_SLACK[0] or not (token[cut - 1].isalpha() and token[cut].isalpha()):
            continue
        if width < room - column / 5:
            break  # the first line would have held more
        head = re.findall(r"[^\W\d_]+$", token[:cut])[0]
        tail = re.match(r"[^\W\d_]+", token[cut:]).group(0)  # type: ignore[union-attr]
        yield cut, head, tail


def _joined_compound(token: str, cut: int) -> bool:
    """Whether the hyphen dropped at ``cut`` in ``token`` joins a compound of three parts or more the lexicon
    knows ("rez-de" + "chaussée": the hyphen kept inside the line shows the compound), "non" and a word
    ("non" + "experts"), or two English words French knows neither of nor English joined (a term quoted in
    French: "fact" + "checking"), as :func:`dehyphenate` decides them at a line end."""
    head = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)+$", token[:cut])
    tail = re.match(r"[^\W\d_]+(?:-[^\W\d_]+)*", token[cut:])
    if tail is None:
        return False
    if head and is_french_word(f"{head[0]}-{tail.group(0)}"):
        return True
    first = re.findall(r"[^\W\d_]+$", token[:cut])[0]
    second = re.match(r"[^\W\d_]+", token[cut:]).group(0)  # type: ignore[union-attr]
    if first.lower() == "non" and len(second) > 3 and is_french_word(second.lower()):
        return True  # "non" before a noun takes a hyphen ("non-experts"); the words it opens glued are known
    return min(len(first), len(second)) >= 4 and not is_french_word(first) and not is_french_word(second) \
        and is_english_word(first) and is_english_word(second) and not is_english_word(first + second)


# The words that join the parts of a compound place name (Seine-et-Marne, Hauts-de-France, Haute-Savoie,
# Saint-Denis): in capitals, where the case cannot show the cut, one of them before a name marks it.
_PLACE_LINKS = frozenset(["et", "de", "du", "des", "la", "le", "les", "sur", "sous", "en", "saint", "sainte",
                          "haute", "haut", "hauts", "hautes", "basse", "bas", "grand", "grande", "petit", "petite"])


def _is_number_block(block: Block) -> int | None:
    match = _NUMBER_ALONE.fullmatch(block.lines[0].text) if block.kind == "para" and len(block.lines) == 1 else None
    return int(match.group(1)) if match else None


def _foot_notes(state: State, column: int) -> None:  # noqa: C901 - one cluster of numbers at a time
    """Footnotes of a dense extraction: numbers alone on their lines, in the notes' order, and their texts.

    Numbers that follow each other (n, n+1…), with the text the extraction set between them and the one
    text right after the last, form a cluster. Its texts, cut at paragraph ends (the reflow test), are the
    notes' texts in order; a text opening in lower case is the body going on, not a note. When they are one
    fewer than the numbers, the first note's text is the tail of the block glued above the cluster, from
    the line where the body's text breaks off (:func:`_note_tail`). A note that does not end its sentence
    ("…qui-se-") goes on where the extraction sets the next page's notes: such a tail above the next
    cluster, whose numbers all have their text, is its end. Each choice is reported.
    """
    blocks = state.blocks
    expected = 1
    last_note: Block | None = None
    result: list[Block] = []
    index = 0
    in_margin = _notes_in_margin(blocks, column)
    pending: list[Block] = []  # in a margin, lone numbers whose texts the margin sets further on
    while index < len(blocks):
        taken = _pending_margin_notes(state, blocks, index, pending, expected, column) if in_margin else None
        if taken:
            result.extend(taken[0])
            last_note, index = taken[0][-1], index + taken[1]
            expected = max(expected, last_note.data["number"] + 1)
            continue
        margin_note = _margin_note(state, blocks, index, expected, column) if in_margin else None
        if margin_note is not None:
            result.append(margin_note)
            last_note, expected = margin_note, margin_note.data["number"] + 1
            index += 2
            continue
        number = _is_number_block(blocks[index])
        if in_margin and number in (expected, expected + 1) and not _margin_text_above(blocks, index + 1, column) \
                and not (index + 1 < len(blocks) and _is_number_block(blocks[index + 1]) is not None) \
                and not _is_margin_text(blocks[index + 1] if index + 1 < len(blocks) else None, column):
            # a number alone, the body after it: its text is further on in the margin
            pending.append(blocks[index])
            expected = (number or 0) + 1
            index += 1
            continue
        if number is None or number not in (expected, expected + 1):
            result.append(blocks[index])
            index += 1
            continue
        numbers: list[Block] = []
        paragraphs: list[list[Line]] = []
        gap = False  # a number right after another, a blank line but no text between them (numbers stacked
        # line after line are the usual shape: their texts follow)
        while index < len(blocks):
            block = blocks[index]
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if _is_number_block(block) == number:
                gap = gap or bool(numbers) and _is_number_block(blocks[index - 1]) is not None \
                    and block.lines[0].no > blocks[index - 1].lines[-1].no + 1
                numbers.append(block)
                number += 1
            elif block.kind == "para" and _is_number_block(block) is None and _opens_note(block.raw()) \
                    and not block.lines[0].frame_start:  # a new frame (the next page) is not the notes' foot
                paragraphs.extend(_reflow_parts(block.lines, column))
                if len(paragraphs) >= len(numbers) and (following is None or _is_number_block(following) != number):
                    index += 1
                    break  # the texts after the cluster's last number, as many as it needs
            else:
                break
            index += 1
        above = result[-1] if result else None
        glued = above is not None and above.kind == "para" and above.lines[-1].no + 1 == numbers[0].lines[0].no
        tail = _note_tail(above, column) if glued and above is not None else None
        # the texts set before their numbers (a number without text after it shows the shift): the last
        # paragraph of the block glued above the first number is the first note's text when it opens as a
        # note does
        before = beside = False  # beside: a margin's note, its lines as the margin printed them
        if gap and len(paragraphs) >= len(numbers) and glued and above is not None:
            last = _reflow_parts(above.lines[-12:], column)[-1]
            if len(last) < len(above.lines) and _opens_note(" ".join(line.text for line in last)):
                before, tail = True, len(above.lines) - len(last)
        elif glued and _margin_note_above(above, numbers, paragraphs or _body_going_on(blocks, index)):
            # a short block of its own, whole, glued above a lone number, a paragraph of the body after it: a
            # margin note, its number set at its foot (its lines the margin's: an address cut at any letter)
            before, tail, beside = True, 0, True
        # a note cut mid-phrase or mid-address ("…qui-se-"), not after a stop nor after a whole address,
        # which needs none ("Voir site.fr")
        ending = last_note.raw().rstrip() if last_note is not None else "."
        unfinished = not ending.endswith(tuple(_TERMINAL)) and (ending.endswith("-")
                                                                 or not _HOST.match(ending.rsplit(" ", 1)[-1]))
        if tail is not None and above is not None and (len(paragraphs) == len(numbers) - 1 or
                                                       len(paragraphs) == len(numbers) and unfinished or before):
            pending = above.lines[tail:]
            above.lines = above.lines[:tail]
            if not above.lines:
                result.pop()
            if len(paragraphs) == len(numbers) and last_note is not None and not before:
                last_note.lines.extend(pending)
                state.guess(pending[0].no, f"text glued above note {numbers[0].lines[0].text.strip()} taken "
                                           f"as the end of note {last_note.data['label']}")
            else:
                paragraphs.insert(0, pending)
                state.guess(pending[0].no, f"note {numbers[0].lines[0].text.strip()}: its text set before its "
                                           "number" + (", as the next notes' (a number has no text after it)"
                                                       if before else ""))
        if len(paragraphs) > len(numbers):
            extra = paragraphs[len(numbers):]
            paragraphs = paragraphs[:len(numbers)]
            result.extend(Block(lines, page=numbers[-1].page) for lines in extra)
        for number_block, lines in zip(numbers, paragraphs + [[]] * (len(numbers) - len(paragraphs)), strict=True):
            number = int(number_block.lines[0].text)
            if not lines:
                state.guess(number_block.line, f"note {number}: no text found for it")
                continue
            label = str(number)
            while label in state.notes:
                label += "bis"
            note = Block(list(lines), kind="note", page=number_block.page, data={"label": label, "number": number,
                                                                                  "margin": in_margin or beside})
            state.notes[label] = note
            result.append(note)
            last_note = note
        expected = int(numbers[-1].lines[0].text) + 1
    state.blocks = result


def _notes_in_margin(blocks: list[Block], column: int) -> bool:
    """Whether the text's notes are set in a margin beside the body: most numbers alone on their line (two at
    least) stand right under a block of narrow lines (:func:`_margin_text_above`); notes at a page's foot
    show their number first, the body's full lines above it."""
    numbers = [index for index, block in enumerate(blocks) if _is_number_block(block) is not None]
    under = sum(1 for index in numbers if _margin_text_above(blocks, index - 1, column))
    return under >= 2 and under >= len(numbers) / 2


def _margin_text_above(blocks: list[Block], index: int, column: int) -> bool:
    """Whether the block at ``index`` reads as a margin's note over the lone number right under it (glued, alone
    up to a blank line): every line narrower than a margin (:data:`_PLAIN_MARGIN_SHARE` of the column), but for an
    address pdftotext joins across the margin's lines (:func:`_narrow_but_a_word`), opening as a note does."""
    if index < 0 or index + 1 >= len(blocks):
        return False
    block, after = blocks[index], blocks[index + 1]
    following = blocks[index + 2] if index + 2 < len(blocks) else None
    return block.kind == "para" and _is_number_block(after) is not None \
        and after.lines[0].no == block.lines[-1].no + 1 and _opens_note(block.raw()) \
        and not (following is not None and following.lines and following.lines[0].no == after.lines[0].no + 1) \
        and all(_narrow_but_a_word(line.text, _PLAIN_MARGIN_SHARE * column) for line in block.lines)


def _narrow_but_a_word(text: str, width: float) -> bool:
    """Whether ``text`` is narrower than ``width`` once its longest word is set aside: a margin's line, or one
    where pdftotext joined the pieces of an address the margin cut over its lines."""
    words = text.split()
    longest = max(words, key=printed_width, default="")
    return printed_width(" ".join(words)) - printed_width(longest) < width


def _margin_note(state: State, blocks: list[Block], index: int, expected: int, column: int) -> Block | None:
    """The note whose text is the block at ``index``, in a text whose notes are in a margin
    (:func:`_notes_in_margin`): pdftotext's default output gives a margin's note, then its number, as a block
    of its own (:func:`_margin_text_above`), the number next in the notes' order. None if the block is no
    such note. Reported."""
    number = _is_number_block(blocks[index + 1]) if index + 1 < len(blocks) else None
    if number not in (expected, expected + 1) or not _margin_text_above(blocks, index, column):
        return None
    block = blocks[index]
    label = str(number)
    while label in state.notes:
        label += "bis"
    note = Block(list(block.lines), kind="note", page=block.page, data={"label": label, "number": number,
                                                                        "margin": True})
    state.notes[label] = note
    state.guess(block.line, f"note {number}: a block of narrow lines, its number right under it: a note in the margin")
    return note


def _is_margin_text(block: Block | None, column: int) -> bool:
    """Whether ``block`` reads as a margin's note text: narrow lines (:func:`_narrow_but_a_word`), opening as a
    note does."""
    return block is not None and block.kind == "para" and _opens_note(block.raw()) \
        and all(_narrow_but_a_word(line.text, _PLAIN_MARGIN_SHARE * column) for line in block.lines)


def _pending_margin_notes(state: State, blocks: list[Block], index: int, pending: list[Block], expected: int,
                          column: int) -> tuple[list[Block], int] | None:
    """The notes of numbers set alone in the text (``pending``) whose texts the margin sets further on: the
    block at ``index``, of narrow lines (two at least, or the next number glued under it), cut where a line
    had room for the next one's first word (:func:`_reflow_parts`, against the block's own width), its parts
    given in order to the pending numbers, its last to the number glued under it if any. Returns the notes
    and how many blocks they took; None if the block is no such text. Each note reported."""
    block = blocks[index] if index < len(blocks) else None
    if not pending or block is None or not _is_margin_text(block, column):
        return None
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    under = after if after is not None and _margin_text_above(blocks, index, column) \
        and _is_number_block(after) in (expected, expected + 1) else None
    if under is None and len(block.lines) < 2:
        return None
    margin = max((printed_width(line.text.strip()) for line in block.lines
                  if printed_width(line.text.strip()) < _PLAIN_MARGIN_SHARE * column), default=int(_PLAIN_MARGIN_SHARE * column))
    parts = _reflow_parts(block.lines, margin)
    numbers = [*pending[:len(parts) - (under is not None)]] or pending[:1]
    if under is not None:
        numbers.append(under)
    while len(parts) > len(numbers):  # more parts than numbers: a note's text cut where it was not
        parts[-2:] = [parts[-2] + parts[-1]]
    notes: list[Block] = []
    for number_block, lines in zip(numbers, parts, strict=False):
        number = int(number_block.lines[0].text)
        label = str(number)
        while label in state.notes:
            label += "bis"
        note = Block(list(lines), kind="note", page=block.page, data={"label": label, "number": number, "margin": True})
        state.notes[label] = note
        notes.append(note)
        state.guess(lines[0].no, f"note {number}: its number alone in the text, its text further on in the margin")
    del pending[:len(notes) - (under is not None)]
    return notes, 2 if under is not None else 1


_MARGIN_NOTE_LINES = 3
"""The most lines of a note set in a margin beside the body (a reference, an address, a short remark)."""


def _margin_note_above(above: Block | None, numbers: list[Block], paragraphs: list[list[Line]]) -> bool:
    """Whether ``above``, the block glued above a lone note number, is that note's text set before it (a
    note in a margin, its number at its foot): a block of its own of a few lines that opens as a note does
    and ends a sentence or an address, while the text after the number is longer, a paragraph of the body."""
    if above is None or above.kind != "para" or len(numbers) != 1 or len(above.lines) > _MARGIN_NOTE_LINES \
            or not paragraphs or len(paragraphs[0]) <= len(above.lines):
        return False
    ending = above.lines[-1].text.strip()
    return _opens_note(above.raw()) and (ending.endswith(tuple(_TERMINAL)) or bool(_HOST.match(ending.rsplit(" ", 1)[-1])))


def _body_going_on(blocks: list[Block], index: int) -> list[list[Line]]:
    """The body's text right after a lone note number when it goes on in lower case (the sentence the margin
    note interrupted: "… une" | note | "2" | "initiative portée…"): as the paragraphs after the number for
    :func:`_margin_note_above`, else none (the notes step takes no such text as a note's)."""
    block = blocks[index] if index < len(blocks) else None
    if block is None or block.kind != "para" or _is_number_block(block) is not None \
            or not block.lines[0].text.lstrip()[:1].islower():
        return []
    return [block.lines]


def _opens_note(text: str) -> bool:
    """Whether ``text`` can open a footnote: not a sentence going on in lower case, unless an address."""
    first = _INLINE_PAGE.sub("", text).strip().split(" ", 1)[0].rstrip(".,;:")  # "[Page 20] citoyennes, à…"
    return bool(first) and (not first[:1].islower() or bool(_HOST.match(first)))


_HOST = re.compile(r"[a-z0-9][\w-]*(?:\.[\w-]+)+(?:/\S*)?$")  # an address: "mitpress.mit.edu/books/…"


def _reflow_parts(lines: list[Line], column: int) -> list[list[Line]]:
    """``lines`` cut where a line had room for the next line's first word (and ends a sentence)."""
    parts: list[list[Line]] = [[]]
    for index, line in enumerate(lines):
        parts[-1].append(line)
        text = line.text.strip()
        following = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
        if following and text.endswith(tuple(_TERMINAL)) and _next_word_fits(text, following, column):
            parts.append([])
    return [part for part in parts if part]


_OPENING_WORDS = frozenset(["à", "de", "des", "du", "la", "le", "les", "l", "d", "et", "ou", "un", "une", "en",
                            "au", "aux", "par", "pour", "sur", "dans", "avec", "que", "qui", "ce", "cette", "ces",
                            "son", "sa", "ses", "leur", "leurs", "nos", "vos", "notre", "votre", "entre", "sans"])


def _note_tail(block: Block, column: int) -> int | None:
    """Where, in the block glued to a page's first footnote number, the body's text breaks off: the last line
    (of the block's last twenty: a note in a narrow column) that opens with a capitalised common word after
    a line ending on a word in lower case, with no stop ("et à" | "Sur ce point", "de l’action" | "Voir :
    …", "latentes," | "Voir"), or that follows a line that ended its paragraph (the next word would have
    fitted). None if no line does."""
    lines = [line.text.strip() for line in block.lines]
    for index in range(len(lines) - 1, max(-1, len(lines) - 21), -1):
        text = lines[index]
        if index == 0:
            return 0
        before = lines[index - 1]
        last = re.findall(r"[^\W\d_]+$", before.rstrip(","))
        first = re.match(r"[^\W\d_]+", text)
        if last and (last[0].lower() in _OPENING_WORDS or last[0].islower()) and first \
                and (first.group(0)[:1].isupper() and is_french_word(first.group(0).lower())
                     or _HOST.match(text.split(" ", 1)[0].rstrip(".,;:"))):
            return index  # a capitalised common word, or an address ("pas" | "data.gouv.fr est…")
        if before.endswith(tuple(_TERMINAL)) and _next_word_fits(before, text, column):
            return index
    return None


def navigation_aids(state: State) -> None:
    """Remove print navigation: tables of contents, letter ranges (A-B-C-D-E), running heads."""
    state.step = "navigation"
    in_toc = False
    for block in state.blocks:
        if block.kind == "page":
            in_toc = False
        elif block.kind == "para" and _toc_title(block):
            in_toc = True
            state.guess(block.line, "table of contents removed (navigation aid)")
        if in_toc and block.kind == "para":
            block.kind = "removed"
    for block in state.blocks:
        if block.kind != "para":
            continue
        for line in block.lines:
            match = _LETTER_RANGE.match(line.text)
            if match:
                state.guess(line.no, f"letter range {match.group(1)!r} removed (navigation aid)")
                line.text = line.text[match.end():]
        block.lines = [line for line in block.lines if line.text.strip()]
        if not block.lines:
            block.kind = "removed"
    # Running heads: the same short line first or last on its page, on three pages and a fifth of them.
    pages: dict[str, list[Block]] = {}
    for block in state.blocks:
        if block.kind in ("para", "label"):
            pages.setdefault(block.page, []).append(block)
    seen: dict[str, set[str]] = {}
    for page, blocks in pages.items():
        for block in {id(b): b for b in (blocks[0], blocks[-1])}.values():
            key = _normal(block.raw())
            if block.kind == "para" and len(block.lines) <= 2 and len(key) <= 60:
                seen.setdefault(key, set()).add(page)
    for block in state.blocks:
        pages_with = seen.get(_normal(block.raw()), set())
        if block.kind == "para" and len(pages_with) >= max(3, len(pages) // 5) and block.page in pages_with:
            block.kind = "removed"
            state.guess(block.line, f"running head {block.raw()!r} removed")


def collect_links(state: State) -> None:
    """The link lines appended at the end of each page: set apart by page, removed from the text."""
    for block in state.blocks:
        if block.kind == "url":
            urls = state.page_urls.setdefault(block.page, [])
            for line in block.lines:
                url = line.text.strip()
                if url not in urls:
                    urls.append(url)


# === Step 3: line joining, dehyphenation, links =============================================================


@lru_cache(maxsize=8192)  # asked some 17,000 times for carnet #9, about a thousand distinct addresses
def _link_key(url: str) -> str:
    key = _SCHEME.sub("", url.strip())
    key = _WWW.sub("", key)
    return key.rstrip("/.").lower()


_SCHEME = re.compile(r"^https?://", re.I)
_WWW = re.compile(r"^www\.", re.I)


def _nearby_urls(state: State, page: str) -> list[str]:
    pages = list(state.page_urls)
    urls = list(state.page_urls.get(page, []))
    if page in pages:
        position = pages.index(page)
        for other in pages[max(0, position - 1):position + 2]:
            urls.extend(u for u in state.page_urls[other] if u not in urls)
    return urls


def dehyphenate(before: str, after: str, hyphenating: bool = True) -> tuple[bool, bool]:
    """Whether the hyphen between ``before-`` and ``after`` is kept, and whether the choice is sure.

    The French lexicon decides: a compound it knows keeps its hyphen; a word it knows once joined loses
    it; a capital after the hyphen (Magnac-Lavalette) or two words each known alone keep it. Typesetting
    never leaves one letter before a break, so ``e-`` (e-mails) is a real hyphen, and so is one before a
    pronoun (dit-il, approprie-t-on). Words French does not know may be English: the English list decides
    them the same way (fact-checking keeps its hyphen). In a layout that does not hyphenate (``hyphenating`` False), every
    hyphen at a line end is the text's own.
    """
    if is_french_word(f"{before}-{after}"):
        return True, True
    if is_french_word(before + after) and hyphenating:
        return False, True
    if len(before) == 1 or after.lower() in _CLITICS:
        return True, True
    if not hyphenating:
        return True, False
    if after[:1].isupper():
        return True, True
    if is_french_word(before) and is_french_word(after) and len(after) > 2:
        return True, False
    # English terms quoted in French ("fact-checking", "main-stream"), asked only when French does not know
    # the word: joined when English knows the whole word, kept when it knows both halves.
    if is_english_word(before + after):
        return False, False
    if len(before) > 2 and len(after) > 2 and is_english_word(before) and is_english_word(after):
        return True, False
    if len(before) >= 6 and len(after) >= 6 and before[:4].lower() == after[:4].lower():
        return True, False  # a doublet: producteurs-productrices, nettoyeurs-nettoyeuses
    return False, False


def _is_word_any_accent(word: str) -> bool:
    """A French word, accents aside (addresses are written without them)."""
    return len(word) > 1 and is_french_word_any_accent(word)


def join_lines(state: State) -> None:
    """Each block's lines → one text: URL-aware joining, dehyphenation by the lexicon."""
    state.step = "dehyphenation"
    state.hyphenating = _layout_hyphenates(state)
    if not state.hyphenating:
        state.guess(None, "the layout does not seem to break words at line ends: hyphens there are kept")
    keys = _page_keys(state)
    for block in state.blocks:
        if block.kind in ("page", "url", "removed", "label"):
            continue
        text = ""
        # a margin's note (pdftotext's default output) keeps the printed line ends, as a layout text does: an
        # address breaks at any letter there, and the layout text's rules mend it
        laid_out, state.laid_out = state.laid_out, state.laid_out or bool(block.data.get("margin"))
        frame = _frame_width(block.lines)
        for index, line in enumerate(block.lines):
            piece = line.text.strip()
            if index == 0:
                text = piece
                continue
            text = _join(state, text, piece, line.no, keys, frame)
        state.laid_out = laid_out
        block.text = _inline_page_marks(text)


# Words that open a phrase: glued after the word before them ("techniquesde") or before the next word ("denos").
_GLUED_TAIL = frozenset(["de", "des", "du", "la", "le", "les", "aux", "au", "et", "en", "un", "une"])
_GLUED_HEAD = _GLUED_TAIL | frozenset(["nos", "vos", "sur", "par", "pour", "dans"])
_LOWER_TOKEN = re.compile(r"(?<![\w./@#%?=&’'-])([^\W\d_]{5,})(?![\w/@#%?=&-]|\.\w)")
_LOWER_THEN_CAPITAL = re.compile(r"(?<![\w./@#%?=&-])([^\W\d_A-ZÀ-Ý]{3,})([A-ZÀ-Ý][^\W\d_]+)(?![\w/@#%?=&-]|\.\w)")
_SENTENCE_GLUED = re.compile(r"(?<![\w./@#%?=&-])((?:[^\W\d_]+[’'])?([^\W\d_]{2,}))\.([A-ZÀ-Ý][^\W\d_]+)(?![\w/@#%?=&-]|\.\w)")


def split_glued_words(state: State) -> None:
    """Words whose space the extraction lost, split where the lexicon is sure, each split reported.

    A lower-case word the lexicon does not know that is a known word and a word that opens a phrase
    ("techniquesde", "denos", "propresaux"); a known word glued to a capitalised one ("typeYouTube"); a
    sentence's end glued to the next one ("l’intelligence.Elle"); a first name glued to a name
    ("JacquesChirac"), when the text uses that first name before another name elsewhere ("Jacques
    François") and the lexicon knows neither half: brand names are written that way too (FranceConnect,
    MobileConnect, YouTube), with a common word or a half never used alone.
    """
    state.step = "glued words"
    for block in state.blocks:
        if not block.text or block.kind in ("page", "url", "removed", "label"):
            continue
        block.text = _unglue(state, block.text, block.lines)


def _unglue(state: State, text: str, lines: list[Line]) -> str:
    """``text`` with the glued words split (see :func:`split_glued_words`), each split reported once, at the
    line that holds it (a text joined again from its lines meets the same words again)."""
    split: list[tuple[str, str]] = []  # (as extracted, as split)
    doubtful: list[tuple[str, str]] = []  # (as extracted, as two words): kept, for the editor to check

    def glued(match: re.Match[str]) -> str:
        token = match.group(1)
        if not token.islower() or is_french_word(token):
            return token
        for cut in range(2, len(token) - 1):
            head, tail = token[:cut], token[cut:]
            if (head in _GLUED_HEAD and (tail in _GLUED_HEAD or len(tail) >= 3 and is_french_word(tail))) or \
                    (tail in _GLUED_TAIL and len(head) >= 3 and is_french_word(head)):
                split.append((token, f"{head} {tail}"))
                return f"{head} {tail}"
        return token

    def capital(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        if is_french_word(head) and not is_french_word(head + tail.lower()):
            split.append((match.group(0), f"{head} {tail}"))
            return f"{head} {tail}"
        return match.group(0)

    def sentence(match: re.Match[str]) -> str:
        word, last, following = match.group(1), match.group(2), match.group(3)
        if last.islower() and is_french_word(last) and is_french_word(following.lower()):
            split.append((match.group(0), f"{word}. {following}"))
            return f"{word}. {following}"
        return match.group(0)

    def names(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        if head in _first_names(state) and not is_french_word(tail.lower()):
            split.append((match.group(0), f"{head} {tail}"))
            return f"{head} {tail}"
        if _english_pair(head, tail) and tail in _ENGLISH_PLACE_NOUNS:
            split.append((match.group(0), f"{head} {tail}"))
            return f"{head} {tail}"
        if _english_pair(head, tail):
            doubtful.append((match.group(0), f"{head} {tail}"))
        return match.group(0)

    text = _LOWER_TOKEN.sub(glued, text)
    text = _LOWER_THEN_CAPITAL.sub(capital, text)
    text = _GLUED_NAMES.sub(names, text)
    text = _SENTENCE_GLUED.sub(sentence, text)
    step, state.step = state.step, "glued words"
    for glued_form, words in split:
        line = next((li.no for li in lines if glued_form in li.text), lines[0].no if lines else None)
        if (line, words) not in state.glued:
            state.glued.add((line, words))
            state.guess(line, f"words glued by the extraction split: {words!r}")
    for token, words in doubtful:
        line = next((li.no for li in lines if token in li.text), lines[0].no if lines else None)
        if not any(seen == token for _, seen in state.glued):  # once per text: the editor fixes them all at once
            state.glued.add((line, token))
            state.guess(line, f"kept {token!r}: two English words glued by the extraction ({words!r}) or a"
                              " brand's name written that way? Add the space if they are two words")
    state.step = step
    return text


def _english_pair(head: str, tail: str) -> bool:
    """Two capitalised English words that French does not know, glued into a word neither language knows:
    a place's name whose space the extraction lost ("SiliconValley") or a brand's name written that way
    ("CityMapper", "WordPress"). Only a place's generic noun last ("Valley", "Street") tells them apart
    (:data:`_ENGLISH_PLACE_NOUNS`); otherwise the importer keeps the word as extracted and asks the editor
    (issue 6)."""
    return (not is_french_word(head.lower()) and not is_french_word(tail.lower())
            and is_english_word(head.lower()) and is_english_word(tail.lower())
            and not is_english_word((head + tail).lower()))


# The generic nouns of English place names ("Silicon Valley", "Wall Street", "Long Island"): a French text
# quotes such places, and a brand's name rarely ends in one (CityMapper, WordPress, FabLab), so two English
# words glued with one of these last are split, and the split is reported like every other (issue 6).
_ENGLISH_PLACE_NOUNS = frozenset({
    "Valley", "Street", "Square", "Avenue", "Island", "Islands", "Bay", "Beach", "Park", "Lake", "River",
    "Hill", "Hills", "Mountain", "Mountains", "Coast", "Springs", "Heights", "Falls", "Harbor", "Harbour",
    "Canyon", "Peninsula", "County",
})
_GLUED_NAMES = re.compile(r"(?<![\w./@#%?=&-])([A-ZÀ-Ý][a-zà-ÿ]{2,})([A-ZÀ-Ý][a-zà-ÿ]{2,})(?![\w/@#%?=&-]|\.\w)")
_NAME_PAIR = re.compile(r"(?<![\w’'-])([A-ZÀ-Ý][a-zà-ÿ]{2,}) [A-ZÀ-Ý][a-zà-ÿ]+")


def _first_names(state: State) -> frozenset[str]:
    """Capitalised words the text uses as first names: set before another capitalised word ("Jacques
    François") and unknown to the lexicon (a common word would be a brand's half: "France" in FranceConnect).
    Computed once per text."""
    if state.first_names is None:
        found = {match.group(1) for line in state.lines for match in _NAME_PAIR.finditer(line.text)}
        state.first_names = frozenset(word for word in found if not is_french_word(word.lower()))
    return state.first_names


def _name_pairs(lines: list[Line], common_first: bool = False) -> frozenset[tuple[str, str]]:
    """The names ``lines`` set on one line, a first name unknown to the lexicon then a capitalised word:
    ("Léa", "Cauchard"); with ``common_first``, whatever the first word ("Halle", "Tropisme": a place)."""
    pairs = (tuple(match.group(0).split()) for line in lines for match in _NAME_PAIR.finditer(line.text))
    return frozenset((first, last) for first, last in pairs if common_first or not is_french_word(first.lower()))


def _page_keys(state: State) -> list[str]:
    """The link keys of every appended address, computed once per set of addresses (texts are joined again
    from their lines many times)."""
    count = sum(len(urls) for urls in state.page_urls.values())
    if state.link_keys is None or state.link_keys[0] != count:
        state.link_keys = (count, [_link_key(u) for urls in state.page_urls.values() for u in urls])
    return state.link_keys[1]


def _layout_hyphenates(state: State) -> bool:
    """Whether the layout breaks words at line ends: do the line-end hyphens mostly cut a word the lexicon
    knows whole (cohé-sion) rather than join two words (Magnac-Lavalette, co-organisé)?"""
    cut = whole = 0
    lines = [line.text.strip() for line in state.lines]
    for text, following in zip(lines, lines[1:], strict=False):
        before, after = _WORD_END_HYPHEN.search(text), _WORD_START.match(following)
        if before is None or after is None or after.group(1)[:1].isupper():
            continue
        if is_french_word(before.group(1) + after.group(1)) and not is_french_word(before.group(1)):
            cut += 1
        else:
            whole += 1
    return cut + whole < 8 or cut >= 0.3 * (cut + whole)


def _inline_page_marks(text: str) -> str:
    """"[Page 12]" inside a paragraph (an accessible edition's marker) → an inline page marker."""
    return _INLINE_PAGE.sub(lambda m: f"{PB_OPEN}{m.group(1)}{PB_CLOSE}", text)


_URLISH = re.compile(r"[a-z0-9]\.[a-z]{2,}|\w/")


_FILLED = 0.8
"""The share of its frame's width a line fills when a word too wide for the frame was cut at its end."""


def _frame_width(lines: list[Line]) -> int:
    """The printed width of a block's widest line: the frame it is set in, as far as its lines show."""
    return max((printed_width(line.text.strip()) for line in lines), default=0)


def _join(state: State, text: str, piece: str, line_no: int, keys: list[str], frame: int = 0) -> str:
    last_token = text.split(" ")[-1] if text else ""
    urlish = bool(_URLISH.search(last_token)) and not last_token.endswith((".", ","))
    if text.endswith("-") and piece[:1].isalnum():
        hyphen = _WORD_END_HYPHEN.search(text)
        start = _WORD_START.match(piece)
        next_token = piece.split(" ")[0]
        # An address the page links to decides first: it has the hyphen or it has not. A piece that looks
        # like an address may be anywhere in a target; words that do not must open one (its host) and go on
        # to the next line, as an address cut at its separators does ("agence-cohesion-" / "territoires." /
        # "gouv.fr/…"); else a word of the text ("« Hyper-" / "liens »") would be taken for an address
        # because a target holds its letters ("hyperliens.societenumerique.gouv.fr").
        address = urlish or bool(_URLISH.search(next_token))
        cut_on = piece.strip() == next_token and next_token[-1:] in "./-"

        def linked(candidate: str) -> bool:
            key = _normal_url(candidate)
            if address:
                return any(key in k for k in keys)
            return cut_on and any(k.startswith(key) for k in keys)

        cut_ok = linked(last_token[:-1] + next_token)
        kept_ok = linked(last_token + next_token)
        # In a layout text, a line that ends on a hyphen in an address, before an address's domain
        # ("agence-cohesion-" | "territoires.gouv.fr/…") or before one more piece cut at a hyphen ("agence-" |
        # "cohesion-" | …, a compound in a narrow column), was cut at a hyphen of its own: a typesetter does not
        # hyphenate an address nor a word twice (the other extractions' texts keep the decisions they were
        # measured with)
        address_hyphen = state.laid_out and (urlish or bool(_DOMAIN.match(next_token))
                                             or " " not in piece.strip() and piece.rstrip().endswith("-"))
        if urlish or address_hyphen or hyphen is None or start is None or cut_ok != kept_ok:
            if kept_ok != cut_ok:
                keep, sure = kept_ok, True
            elif address_hyphen:
                keep, sure = True, False
            elif not urlish and last_token[-2:-1].isdigit() and next_token[:1].isdigit():
                keep, sure = True, True  # a range of numbers: 1990-2000
            else:
                # An address with no link to check: keep the hyphen between two words, else cut it.
                before = re.findall(r"[^\W\d_]+", last_token[:-1])
                after = re.findall(r"^[^\W\d_]+|^\d", next_token)
                keep = bool(before and after) and (after[0].isdigit() or _is_word_any_accent(before[-1])
                                                   and _is_word_any_accent(after[0]))
                sure = False
            state.hyphens.append((line_no - 1, last_token[:-1].split("/")[-1].split("-")[-1], next_token, keep))
            if not sure:
                state.guess(line_no - 1, f"address {last_token}{next_token}: hyphen {'kept' if keep else 'removed'}")
            return text + piece if keep else text[:-1] + piece
        keep, sure = dehyphenate(hyphen.group(1), start.group(1), state.hyphenating)
        state.hyphens.append((line_no - 1, hyphen.group(1), start.group(1), keep))
        if not sure:
            state.guess(line_no - 1, f"{hyphen.group(1)}-{start.group(1)}: hyphen {'kept' if keep else 'removed'}")
        return text + piece if keep else text[:-1] + piece
    if urlish and (last_token.endswith("/") or re.match(r"^[\w%.-]*[/.][\w%/.-]*", piece) and last_token.endswith(".")):
        candidate = _normal_url(last_token + piece.split(" ")[0])
        # (an address ends with its slash before a sentence's first word: "…/bonnes-pratiques/" | "Retrouvez le…")
        if any(candidate in k for k in keys) or last_token.endswith("/") and not _CAPITALISED_WORD.match(piece):
            return text + piece
    if urlish and any(_normal_url(last_token + piece.split(" ")[0]) in k for k in keys):
        return text + piece  # an address the page links to, cut anywhere: "…&feature=emb_" + "logo"
    if re.search(r"[a-z0-9]\.$", last_token) and (_TLD_START.match(piece) or len(last_token) > 4 and any(
            _normal_url(last_token + piece.split(" ")[0]) in k for k in keys)):
        return text + piece  # an address cut after a dot: "leprogres." + "fr/rhone/…"
    if "/" in last_token and last_token.endswith(".") and _DOMAIN.match(last_token) and _EXTENSION_START.match(piece):
        return text + piece  # "…/le-barometre-du-numerique." + "html."
    label = _BARE_LABEL.search(last_token)
    if label and not is_french_word(label.group(1)):
        # "msa." + "fr et Alicem)", "books." + "openedition.org/…": a label that is no French word, before a
        # top-level domain or an address, is the start of an address (a sentence does not go on in lower case)
        first = piece.split(" ")[0].rstrip(".,;:)")
        if _TLD_THEN_TEXT.match(piece) or _DOMAIN.fullmatch(first) and "/" in first:
            state.guess(line_no - 1, f"address {last_token}{first}: cut after a dot, joined")
            return text + piece
    # (in a layout text, a note that is only an address cut after its last dot: "dataliteracyconference.n")
    if (urlish or state.laid_out and _ADDRESS_ALONE.fullmatch(last_token)) \
            and _address_goes_on(last_token, piece.split(" ")[0]):
        state.guess(line_no - 1, f"address {last_token}{piece.split(' ')[0]}: cut at a line end, joined")
        return text + piece
    # (pdftotext's default output keeps the printed line ends too: a file's name cut there, "…_ACCES" |
    # "SIBLE-1.docx", is mended the same way)
    if urlish and (state.laid_out and _path_goes_on(last_token, piece.split(" ")[0])
                   or (state.laid_out or state.dense) and _address_end_goes_on(last_token, piece.split(" ")[0])):
        state.guess(line_no - 1, f"address {last_token}{piece.split(' ')[0]}: its path cut at a line end, joined")
        return text + piece
    handle_end = piece.split(" ")[0].rstrip(".,;:)")
    if state.laid_out and _HANDLE_END.search(last_token) and re.fullmatch(r"[a-z]{1,4}", handle_end) \
            and not is_french_word(handle_end):
        # a handle cut where the column ends ("@NumeriqueEnCommu" | "ns"): its end is no word
        state.guess(line_no - 1, f"handle {last_token}{handle_end}: cut at a line end, joined")
        return text + piece
    if state.laid_out and _cut_without_hyphen(last_token, piece, _text_words(state), frame):
        state.guess(line_no - 1, f"{last_token}|{piece.split(' ')[0]}: a word cut without a hyphen, joined")
        return text + piece
    return f"{text} {piece}"


_CAPITALISED_WORD = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ’']+(?:\s|$)")
"""A line opening with a capitalised word then a space: a sentence's start, no piece of an address."""


def _cut_without_hyphen(last_token: str, piece: str, text_words: frozenset[str] = frozenset(), frame: int = 0) -> bool:
    """Whether a line's last word and the next line's first are one word a narrow frame cut without a hyphen
    ("pédagogi" | "ques", "approprié" | "s"): joined, they are a French word, and one of them is none. The
    text's own words count as French when the lexicon does not know them and the first piece is none: a
    pull quote repeats the body's words, which the lexicon may lack ("multithématiqu" | "es",
    "instrumentalis" | "ant"). Two words make one too when it is wider than the ``frame`` (the block's widest
    line): a word that fits on no line of its frame is cut anywhere, its first piece filling its line
    ("d’accompagne" | "ment" in a quote's box a dozen letters wide), and the text writes it whole. (A layout text only: its lines are the printed ones,
    the frame's edge is where they end.)"""
    # (after an elided article the word is the rest: "d’interven" | "tion")
    before = re.search(r"(?<![\w’'-])(?:[^\W\d_]{1,2}[’'])?([^\W\d_]+)$", last_token)
    after = re.match(r"([^\W\d_A-ZÀ-Ý][^\W\d_]*)(?=[\s.,;:!?)»”…]|$)", piece)  # a whole word ("s’agit" is not "s")
    if not before or not after:
        return False
    head, tail = before.group(1), after.group(1)
    if len(head + tail) < 4:
        return False
    if (not is_french_word(head) or not is_french_word(tail)) and is_french_word(head + tail):
        return True
    # (the first piece a word of neither language's lexicon, or a French word before a second piece that is
    # none, "comportement" | "ales": they are checked against the lexicons only, since a cut piece is in the
    # text too, the whole word against the text; "open" | "data" stay two words)
    return (not is_french_word(head) and not is_english_word(head) or is_french_word(head) and not is_french_word(tail)
            or 0 < frame < printed_width(before.group(0) + tail) and printed_width(before.group(0)) >= _FILLED * frame) \
        and (head + tail).lower() in text_words


def _text_words(state: State) -> frozenset[str]:
    """Every word of the text's lines, in lower case, addresses' aside ("opendata.fr"), computed once per
    text."""
    if state.text_words is None:
        state.text_words = frozenset(
            word for line in state.lines for token in line.text.lower().split()
            if not re.search(r"\w[./@]\w", token) for word in re.findall(r"[^\W\d_]+", token))
    return state.text_words


_ADDRESS_TAIL = re.compile(r"([a-z0-9]+)[/?=&#][\w%/?=&#.~-]*")


def _address_goes_on(last_token: str, first: str) -> bool:
    """Whether ``first`` (a line's first token) goes on with the address ``last_token`` that ends the line
    above, cut anywhere (an address longer than a narrow column breaks at any letter): a piece that opens
    with a separator ("/#1.", "-numerique-55."), a last label of one letter ("dataliteracyconference.n" |
    "et."), or a word that is none before a slash or a query ("vi" | "ew/3316/2764.", "pr" |
    "essesmines/3934?")."""
    if len(first) > 1 and first[0] in "/-?#=&" and first[1] not in " -":
        return True
    if re.search(r"\.[a-z]$", last_token) and re.fullmatch(r"[a-z]{1,5}[.,;:)]?", first):
        return True
    tail = _ADDRESS_TAIL.fullmatch(first.rstrip(".,;:)"))
    return tail is not None and not is_french_word(tail.group(1))


_PATH_PIECE = re.compile(r"([a-z0-9]+)[-_./][\w%/?=&#.~-]*")
"""The rest of an address's path: letters, then a separator and more of the address ("uelle-sera-lissue-…",
"rthotypo.pdf", "tatactivisme-")."""


def _path_goes_on(last_token: str, first: str) -> bool:
    """Whether ``first`` goes on with the address ``last_token`` whose path a narrow column cut at any letter
    ("…/646652/q" | "uelle-sera-lissue-…", "…/ladeferlante_o" | "rthotypo.pdf."): the address has a path,
    and ``first`` is one more piece of one (a separator inside it) whose opening letters are no word, a
    slug (two separators and more: "…/24/l" | "es-marches-publics-…"), or a piece with a number after a
    slash or a query ("…/presses" | "mines/3934?lang=fr"). (A layout text only: its line ends
    are the printed ones, where a long address breaks anywhere.)"""
    piece = _PATH_PIECE.fullmatch(first.rstrip(".,;:)"))
    # a slug of three words and more ("es-marches-publics-…"), a number after a slash or a query
    # ("mines/3934?lang=fr") are an address's, even if its first letters make a word: a sentence does not
    # open so
    return bool(re.search(r"\.[a-z]{2,}/\S", last_token)) and piece is not None \
        and (not is_french_word(piece.group(1)) or len(re.findall(r"[-_/]", first)) >= 2
             or bool(re.search(r"/\d|[?&]\w+=", first)))


_HANDLE_END = re.compile(r"(?<!\S)[@#][A-Za-z]\w*$")
_FILE_NAME_END = re.compile(r"[\w%-]+\.(?:html?|php|pdf|aspx?|docx?|odt|jsp)")
_TOP_DOMAINS = frozenset(["fr", "com", "org", "net", "coop", "gouv", "eu", "be", "io", "info"])
_DOMAIN_END = re.compile(r"[a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:fr|com|org|net|coop|eu|be|io|info)(?:/\S*)?")


def _address_end_goes_on(last_token: str, first: str) -> bool:
    """Whether ``first`` ends the address ``last_token`` that a narrow column cut at any letter: the rest of
    its host up to its top-level domain ("hyperliens.societenu" | "merique.gouv.fr."), the rest of that domain
    ("www.sebastienmagro.ne" | "t"), of a file's name or extension ("…/presentation-mediationnumerique.htm" |
    "l.", "…/courmont_antoine_resume" | ".pdf.", "…_AC" | "CESSIBLE-1.docx"), or of a number in its path
    ("…/statistiques/42" | "41397"). (A layout text only: its line ends are the printed ones, where a long
    address breaks anywhere.)"""
    first = first.rstrip(".,;:)")
    label = re.search(r"\.([a-z]{1,4})$", last_token)
    if "/" not in last_token:
        return bool(_DOMAIN_END.fullmatch(first)) or label is not None and label.group(1) + first in _TOP_DOMAINS
    extension = re.search(r"\.([a-z]{1,4})$", last_token.rsplit("/", 1)[-1])
    return bool(extension and _EXTENSION_START.fullmatch(extension.group(1) + first)
                or first.startswith(".") and _EXTENSION_START.fullmatch(first[1:])
                or _FILE_NAME_END.fullmatch(first)
                or re.search(r"/\d+$", last_token) and re.fullmatch(r"\d{2,}", first))


def _normal_url(text: str) -> str:
    return _link_key(text.rstrip(".,;"))


def attach_links(state: State) -> None:
    """Each appended URL → a link on the visible text it belongs to (an address, often shortened)."""
    state.step = "links"
    used: set[str] = set()
    hosts = _hyphenated_hosts(state)
    for block in state.blocks:
        if not block.text or block.kind in ("page", "url", "removed", "label"):
            continue
        urls = _nearby_urls(state, block.page)
        pieces: list[str] = []
        cursor = 0
        for match in _DOMAIN.finditer(block.text):
            visible = match.group(1).rstrip(".,;:)")
            host = visible.split("/", 1)[0]
            if hosts.get(host.replace("-", ""), host).count("-") == host.count("-") + 1:
                state.guess(block.line, f"address {visible!r}: its host written {hosts[host.replace('-', '')]!r} "
                                        "elsewhere in the text (a hyphen lost at a line's end)")
                visible = hosts[host.replace("-", "")] + visible[len(host):]
            start, end = match.start(1), match.start(1) + len(visible)
            if start < cursor:
                continue
            key = _link_key(visible)
            target = next((u for u in urls if _link_key(u) == key), None) or \
                next((u for u in urls if _link_key(u).startswith(key) and len(key) >= 8), None)
            if target is None:
                target = next((u for pg in state.page_urls.values() for u in pg if _link_key(u) == key), None)
            if target is None:
                target = "https://" + visible
                state.guess(block.line, f"address {visible!r} has no appended link: linked to {target}")
            used.add(target)
            pieces.append(block.text[cursor:start])
            # a readable text, not an encoded address: "cit%C3%A9" is shown as "cité"
            readable = unquote(visible) if "%" in visible and "\ufffd" not in unquote(visible) else visible
            pieces.append(f"{LINK_OPEN}{target}{LINK_MID}{readable}{LINK_CLOSE}")
            cursor = end
        if pieces:
            pieces.append(block.text[cursor:])
            block.text = "".join(pieces)
            _title_as_link_text(state, block)
    for page, urls in state.page_urls.items():
        for url in urls:
            if url not in used and not any(_link_key(url).startswith(_link_key(u)) for u in used):
                state.guess(None, f"page {page}: link {url} matches no visible text (dropped)")


def _hyphenated_hosts(state: State) -> dict[str, str]:
    """The hosts of the text's addresses with a hyphen, by their letters without it: ``pdftotext``'s default
    output joins a word cut at a line's end and drops its hyphen, even in an address
    ("numerique-en-\\ncommuns.fr" → "numerique-encommuns.fr"); the same host written elsewhere on one line
    gives its spelling back."""
    hosts: dict[str, str] = {}
    for block in state.blocks:
        if block.text and block.kind not in ("page", "removed"):
            for match in _DOMAIN.finditer(block.text):
                host = match.group(1).split("/", 1)[0].rstrip(".,;:)")
                if "-" in host and host.count("-") > hosts.get(host.replace("-", ""), "").count("-"):
                    hosts[host.replace("-", "")] = host
    return hosts


_EMAIL = re.compile(r"(?<![\w.+@/-])[\w.+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}(?![\w@/-])", re.I)
_LINKED = re.compile(f"{LINK_OPEN}[^{LINK_CLOSE}]*{LINK_CLOSE}")


def link_email_addresses(state: State) -> None:
    """An e-mail address in the text (not already under a link) → a link to write to it (``mailto:``): the
    extraction keeps the address, not the link the PDF set on it, and the address says where it goes."""
    for block in state.blocks:
        if not block.text or "@" not in block.text or block.kind in ("page", "url", "removed", "label"):
            continue
        pieces, cursor = [], 0
        for linked in [*_LINKED.finditer(block.text), None]:
            end = linked.start() if linked else len(block.text)
            pieces.append(_EMAIL.sub(lambda match: f"{LINK_OPEN}mailto:{match.group()}{LINK_MID}{match.group()}"
                                                   f"{LINK_CLOSE}", block.text[cursor:end]))
            if linked:
                pieces.append(linked.group())
                cursor = linked.end()
        block.text = "".join(pieces)


# === Step 4: notes, headings, lists, quotes ======================================================================


_TITLE_THEN_ADDRESS = re.compile(
    f"^(?P<title>[^{LINK_OPEN}]{{4,}}?)\\s*{LINK_OPEN}(?P<url>[^{LINK_MID}]*){LINK_MID}[^{LINK_CLOSE}]*{LINK_CLOSE}\\s*$")


_NOTE_OPENING_WORDS = re.compile(r"\d{1,3}\s+[A-ZÀ-Ý][^\W\d_]*(?:\s*:)?")
"""A note's number and its first word, all that stands before an address in a note ("3 Voir")."""


def _title_as_link_text(state: State, block: Block) -> None:
    """A title whose last line is only an address (a list of videos): the title becomes the link's text.

    An address read aloud tells little; the title says where the link goes (RGAA 6.1). The address is
    reported, since it disappears from the text.
    """
    if len(block.lines) < 2:
        return
    match = _TITLE_THEN_ADDRESS.match(block.text)
    visible = block.text[block.text.rfind(LINK_MID) + 1:-1] if match else ""
    # the address stands on lines of its own (the last, or the last ones when it is long)
    if not visible or not any(_DOMAIN.match(line.text.strip()) and visible.startswith(line.text.strip()[:8])
                              for line in block.lines[1:]):
        return
    # a title has no final stop: a sentence ending with "." over the address is text that shows its address;
    # nor is it a note's opening, its number then a word ("3 Voir" over the address it points to)
    # nor does it break off a clause ("Retrouvez l’intégralité du reportage sur" over the address): the
    # sentence goes on with the address, its object
    if match and not match.group("title").rstrip().endswith((":", ",", ".", "!", ";")) \
            and not _NOTE_OPENING_WORDS.fullmatch(match.group("title").strip()) \
            and not _clause_goes_on(match.group("title")):
        title = match.group("title").strip()
        block.text = f"{LINK_OPEN}{match.group('url')}{LINK_MID}{title}{LINK_CLOSE}"
        state.guess(block.lines[-1].no, f"address {visible!r} replaced by the title as link text")


def titles_over_addresses(state: State) -> None:
    """A title over a block that is only an address (a list of videos, of resources): the title becomes the
    link's text, the address disappears from the text (RGAA 6.1: a link says where it goes).

    The title has no final stop (a sentence shows its address); a question over a description ("Quels
    enseignements ?" then its summary), or short lines over a description set in longer ones, is a title
    too: the description stays a paragraph under it.
    """
    state.step = "links"
    blocks = state.blocks
    result: list[Block] = []
    skip: set[int] = set()
    for index, block in enumerate(blocks):
        if id(block) in skip:
            continue
        result.append(block)
        address = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind != "para" or address is None or address.kind != "para" or address.page != block.page \
                or LINK_OPEN in block.text or len(block.lines) > 12:
            continue
        link = re.fullmatch(f"\\s*{LINK_OPEN}([^{LINK_MID}]*){LINK_MID}([^{LINK_CLOSE}]*){LINK_CLOSE}\\s*", address.text)
        if link is None or not _DOMAIN.fullmatch(link.group(2).strip()):
            continue
        lines = block.lines
        cut = next((k for k in range(min(4, len(lines) - 1)) if _ends_title(lines, k)), None)
        title_lines = lines[:cut + 1] if cut is not None else lines
        title = _plain(_rejoin(state, block, title_lines)).strip()
        words = title.split()
        if cut is None and (len(lines) > 5 or title.rstrip(" " + _BULLET_GLYPHS).endswith((".", ":", ",", ";", "!"))) \
                or len(title) < 4 or any(glyph in title for glyph in _BULLET_GLYPHS) \
                or len(words) > 1 and len(set(words)) == 1:  # "TÉLÉCHARGER TÉLÉCHARGER": a row of buttons
            continue
        block.text = f"{LINK_OPEN}{link.group(1)}{LINK_MID}{title}{LINK_CLOSE}"
        block.lines = title_lines
        skip.add(id(address))
        state.guess(address.line, f"address {link.group(2).strip()!r} replaced by the title above it as link text")
        if cut is not None:
            description = Block(lines[cut + 1:], page=block.page)
            description.text = _rejoin(state, block, description.lines)
            result.append(description)
    state.blocks = result


_OPENINGS = "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÂÉÈÊÎÔÛÇ«“\""


def _ends_title(lines: list[Line], k: int) -> bool:
    """Whether line ``k`` ends a title over a description: a question, or short lines over longer ones."""
    end, following = lines[k].text.strip(), lines[k + 1].text.strip()
    if following[:1] not in _OPENINGS:
        return False
    width = [len(line.text.strip()) for line in lines]
    return end.endswith("?") or not end.endswith(tuple(_TERMINAL + ",")) \
        and statistics.median(width[k + 1:]) >= 1.3 * max(width[:k + 1])


def split_short_blocks(state: State) -> None:
    """In a block of two or three lines, a line that ends a sentence ends a paragraph ("Bonne lecture !"
    over a signature; a caption over its credit)."""
    if state.laid_out:
        return  # the layout step ended the paragraphs where the lines had room for the next word
    result: list[Block] = []
    for block in state.blocks:
        if block.kind != "para" or not 2 <= len(block.lines) <= 3 or block.data.get("toc"):
            result.append(block)  # a title of the table of contents is one block
            continue
        current: list[Line] = []
        for index, line in enumerate(block.lines):
            current.append(line)
            if line.text.strip().endswith((".", "!", "?")) and index + 1 < len(block.lines) \
                    and block.lines[index + 1].text.strip()[:1].isupper():
                result.append(Block(current, page=block.page))
                current = []
        if current:
            result.append(Block(current, page=block.page))
    state.blocks = result


_SIGNATURE_END = re.compile(r"^(?P<text>.*[.!?…»”])\s+(?P<initials>[A-ZÀ-Ý]{2,3})$")


def split_signatures(state: State) -> None:
    """Initials after the last sentence of a block ("… se rencontrer. SM"): the author's signature of an
    article or a box, set on the text's last line; a paragraph of its own (a sentence never ends with
    initials alone)."""
    state.step = "signatures"
    result: list[Block] = []
    for block in state.blocks:
        result.append(block)
        if block.kind != "para" or not block.lines:
            continue
        last = block.lines[-1]
        match = _SIGNATURE_END.match(last.text.strip())
        if match and len(match.group("text").split()) >= 2:
            last.text = match.group("text")
            result.append(Block([Line(last.no, match.group("initials"))], kind="signature", page=block.page))
            state.guess(last.no, f"initials {match.group('initials')!r} after the last sentence taken as a signature")
    state.blocks = result


# === Layout blocks: the cover, tables, figures, quotations' attributions =====================================
# A layout text (pdftotext -layout) keeps what the page shows around the words: the rows an image leaves
# empty, a table's cells set apart by wide gaps, a quotation set in with its attribution. These steps read
# that evidence (the steps that follow them read such lines as paragraphs otherwise); on other texts they
# do nothing.


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


def find_notes(state: State) -> None:
    """Numbered blocks in note order are footnotes (not years, quantities or list numbers)."""
    state.step = "notes"
    if state.notes:
        return  # the notes were found at the foot of each page (dense text)
    expected = 1
    blocks = state.blocks
    for index, block in enumerate(blocks):
        if block.kind != "para":
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        number_alone = re.fullmatch(r"\s*(\d{1,3})\s*", block.lines[0].text)
        if number_alone and len(block.lines) == 1 and following is not None and following.kind == "para" \
                and expected - 1 <= int(number_alone.group(1)) <= expected + 3:
            # some extractions set the note's number alone on its line, its text in the next block
            following.lines[0] = Line(following.lines[0].no, f"{number_alone.group(1)} {following.lines[0].text.strip()}")
            following.text = f"{number_alone.group(1)} {following.text}"
            block.kind = "removed"
            continue
        taken = _take_note(state, block, expected)
        if taken == expected and block.kind == "para" and _skipped_note(state, block, expected):
            # a note read after a later one: a margin sets each note beside its call, top to bottom, and a
            # call higher in the next column comes before it ("37" over "35", "36" in the margin)
            _take_note(state, block, int(_NOTE_START.match(block.lines[0].text).group(1)))  # type: ignore[union-attr]
            state.guess(block.line, "a note read after a later one (a margin sets each note beside its call)")
        expected = taken


def _skipped_note(state: State, block: Block, expected: int) -> bool:
    """Whether ``block`` is a note the note order passed over: the layout step read it as a note (its number
    apart, its text indented, or set in a margin), and its number, a few below the one expected, is no note
    yet."""
    match = _NOTE_START.match(block.lines[0].text)
    return bool(match) and block.lines[0].opens_note and match.group(1) not in state.notes \
        and expected - _NOTES_SKIPPED <= int(match.group(1)) < expected - 1


_NOTES_SKIPPED = 4
"""How many notes a later note read first may pass over (the notes a margin sets beside one column's calls)."""


def _take_note(state: State, block: Block, expected: int) -> int:
    """Make ``block`` a note if its number fits the note order; returns the next expected number."""
    match = _NOTE_START.match(block.lines[0].text)
    if not match:
        return expected
    number = int(match.group(1))
    letters = [c for c in match.group(2) if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return expected  # "3 ENSEIGNEMENTS CLÉS": a heading with a number
    if not (expected - 1 <= number <= expected + 3):
        return expected
    if number != expected:
        state.guess(block.line, f"note {number} where note {expected} was expected")
    label = str(number)
    while label in state.notes:
        label += "bis"
    block.kind = "note"
    block.data["label"] = label
    block.data["number"] = number
    block.text = re.sub(r"^\s*\d{1,3}\s?", "", block.text, count=1)
    state.notes[label] = block
    return number + 1


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) >= 0.85 and \
        (len(letters) >= 5 or len(text.split()) >= 2)


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
    from ..transforms.capitals import _normal_case

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


def _rejoin(state: State, block: Block, lines: list[Line]) -> str:
    keys = _page_keys(state)
    text = lines[0].text.strip()
    frame = _frame_width(lines)
    for line in lines[1:]:
        text = _join(state, text, line.text.strip(), line.no, keys, frame)
    text = _unglue(state, _inline_page_marks(text), lines)
    # links were attached on the whole block: attach again on this part
    saved, block_text = block.text, text
    part = Block(lines, page=block.page, text=block_text)
    holder = State(state.source, page_urls=state.page_urls)
    holder.blocks = [part]
    attach_links(holder)
    block.text = saved
    return part.text


def find_lists(state: State) -> None:  # noqa: C901 - bullets, then numbers
    """Bullet glyphs (▷ ▶ → …) start list items, also inside a block ("POUR EN SAVOIR PLUS, → address": a
    lead-in, then an item); so do numbers that count from one line to the next ("1. …", "2. …": an ordered
    list, see :func:`_numbered_starts`)."""
    state.step = "lists"
    from ..transforms.capitals import _normal_case

    numbered = _numbered_starts(state.blocks)
    result: list[Block] = []
    for block in state.blocks:
        starts = [i for i, line in enumerate(block.lines) if i and (_is_bullet_line(line) or (id(block), i) in numbered)] \
            if block.kind == "para" else []
        if not starts:
            result.append(block)
            continue
        state.guess(block.lines[starts[0]].no, "bullet inside a block: the lines above are a lead-in, each bullet an item")
        for low, high in zip([0, *starts], [*starts, len(block.lines)], strict=False):
            part = Block(block.lines[low:high], page=block.page)
            part.text = _rejoin(state, block, part.lines)
            if low == 0:
                part.data["lead_in"] = True
                if _is_capitals(_plain(part.text)):
                    part.data["uppercase"] = True
                    part.text = _normal_case(part.text, set(), True)
            result.append(part)
    state.blocks = result
    for block in state.blocks:
        if block.kind != "para":
            continue
        match = _BULLET.match(block.lines[0].text)
        if match and (match.group(1) in _BULLET_GLYPHS):
            block.kind = "item"
            block.text = re.sub(r"^\s*[" + _BULLET_GLYPHS + r"]\s+", "", block.text)
        elif any(block.lines[0] is line for line in numbered.values()):
            number = _NUMBERED.match(block.lines[0].text)
            assert number is not None
            block.kind = "item"
            block.data["ordered"] = int(number.group(1))
            block.text = _NUMBERED.sub("", block.text, count=1)
            state.guess(block.line, f"'{number.group(0).strip()}' opens an item of a numbered list")


_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=[^\W\d_]|[«“\"(])")


def _numbered_starts(blocks: list[Block]) -> dict[tuple[int, int], Line]:
    """The lines that open the items of a numbered list: "1. …" then "2. …" (each line opening with the
    next number, with at most three lines between them, in the same block or the next ones), two items
    at least, the first numbered 1 or following the item above. A note's number has no dot; a year or a
    quantity does not count from one line to the next. (block id, line index) → the line."""
    lines = [(id(block), index, line) for block in blocks if block.kind == "para"
             for index, line in enumerate(block.lines)]
    found: dict[tuple[int, int], Line] = {}
    run: list[tuple[int, int, Line]] = []
    last_at = -10
    for position, (block_id, index, line) in enumerate(lines):
        match = _NUMBERED.match(line.text)
        if match is None:
            continue
        number = int(match.group(1))
        if run and number == int(_NUMBERED.match(run[-1][2].text).group(1)) + 1 and position - last_at <= 4:  # type: ignore[union-attr]
            run.append((block_id, index, line))
        else:
            if len(run) >= 2:
                found.update({(b, i): li for b, i, li in run})
            run = [(block_id, index, line)] if number == 1 else []
        last_at = position
    if len(run) >= 2:
        found.update({(b, i): li for b, i, li in run})
    return found


def _is_bullet_line(line: Line) -> bool:
    match = _BULLET.match(line.text)
    return bool(match) and match.group(1) in _BULLET_GLYPHS  # a dash may be the text's own


def find_credits(state: State) -> None:
    """Photo credits and bylines ("Textes : …"); a caption that ends with its credit is split from it."""
    result: list[Block] = []
    for block in state.blocks:
        if block.kind == "para":
            inner = _INNER_CREDIT.search(block.text)
            if inner and not _CREDIT.match(block.text) and len(block.text) < 300:
                caption = Block(block.lines, kind="caption", page=block.page, text=block.text[:inner.start()].strip())
                result.append(caption)
                block = Block(block.lines[-1:], kind="credit", page=block.page, text=block.text[inner.start():].strip())
            elif _CREDIT.match(block.text):
                block.kind = "credit"
            elif _BYLINE.match(block.text) and len(block.text) < 80:
                block.kind = "byline"
        result.append(block)
    state.blocks = result


def find_quotes(state: State) -> None:
    """Quotes set large between “ ”, with their attribution (before paragraphs are joined: an attribution
    does not end a sentence, and the text after it is not its continuation)."""
    state.step = "pull quotes"
    for block in state.blocks:
        if block.kind != "para":
            continue
        text = _plain(block.text)
        if text.startswith(("“", "\"")) and ("”" in text or text.count("\"") >= 2):
            closing = max(text.rfind("”"), text.rfind("\""))
            quote, attribution = text[:closing + 1], text[closing + 1:].strip()
            block.kind = "pullquote"
            block.data["attribution"] = attribution
            block.text = quote


def find_pullquotes(state: State) -> None:
    """Whether each quote repeats the body; blocks that repeat a longer body text are pull quotes too."""
    state.step = "pull quotes"
    body = [b for b in state.blocks if b.kind in ("para", "item")]
    # Each body block's words and 4-grams, computed once (comparing every block with every other one
    # recomputed them: the pass was quadratic in the text's size, issue 7).
    index = _GramIndex(body)
    for block in state.blocks:
        if block.kind == "pullquote":
            # a quote set large may shorten or reword the passage it repeats: a share of its phrases suffice
            block.data["repeats"] = index.found_in(block.text, block, share=0.4)
    for block in body:
        words = index.words(block)
        if 8 <= len(words) <= 90 and not block.data.get("uppercase") and LINK_OPEN not in block.text \
                and index.found_in(block.text, block, longer=True):
            block.kind = "pullquote"
            block.data["attribution"] = ""
            block.data["repeats"] = True
            state.guess(block.line, "block repeating body text taken as a pull quote")
    _close_open_quotations(state)
    _named_attributions(state)
    for block in state.blocks:
        if block.kind == "pullquote" and not block.data["repeats"]:
            state.guess(block.line, "pull quote not found in the body: kept as an original quotation")


def _flow_pairs(state: State) -> list[tuple[Block, Block]]:
    """Each block of the text and the next one, past the removed blocks, page marks, notes and link lines
    set between them (no text they part)."""
    blocks = [block for block in state.blocks if block.kind not in ("removed", "page", "note", "url")]
    return list(zip(blocks, blocks[1:], strict=False))


def _close_open_quotations(state: State) -> None:
    """A pull quote that opens a quotation mark (“) it does not close, followed by a pull quote that closes
    one (”) it did not open, is one quotation: the gap between two of its lines (a frame split across a
    column's foot, a paragraph's end in it) parted it (:func:`_flow_pairs`)."""
    for block, following in _flow_pairs(state):
        text, rest = _plain(block.text).strip(), _plain(following.text).strip()
        if block.kind == following.kind == "pullquote" and text.startswith("“") and "”" not in text \
                and rest.endswith("”") and "“" not in rest and not block.data.get("attribution"):
            block.lines = [*block.lines, *following.lines]
            block.text = f"{block.text} {following.text}"
            block.data["repeats"] = block.data.get("repeats") or following.data.get("repeats")
            block.data["attribution"] = following.data.get("attribution", "")
            following.kind = "removed"
            state.guess(block.line, "a quotation parted by a gap goes on to the pull quote that closes it")


_NAME_THEN_TITLE = re.compile(r"[A-ZÀ-Ý][^\W\d_]+(?:[ -][A-ZÀ-Ý][^\W\d_]+){1,3}, \S")
"""A name and a comma, then a title: how an attribution under a quotation opens ("Samuel Goëta, Maître…")."""


def _named_attributions(state: State) -> None:
    """The paragraph right after a pull quote that repeats the body and closes its quotation mark, without
    one of its own, that names someone and gives a title ("Samuel Goëta, Maître de conférences associé à…",
    without a final stop), is its attribution, however many lines a narrow column wraps it over (the notes
    and page marks set between them passed over). An original quotation's signature stays a paragraph."""
    for block, following in _flow_pairs(state):
        text = _plain(following.text).strip()
        if block.kind == "pullquote" and block.data.get("repeats") and not block.data.get("attribution") \
                and _plain(block.text).rstrip().endswith(("”", "»", "\"")) and following.kind == "para" \
                and _NAME_THEN_TITLE.match(text) and len(text.split()) <= _ATTRIBUTION_WORDS \
                and not text.endswith(tuple(_TERMINAL + ",")):
            block.data["attribution"] = text
            following.kind = "removed"
            state.guess(block.line, f"a quotation with its attribution {text!r}")


class _GramIndex:
    """The words and 4-grams of body blocks, and which blocks hold a given 4-gram."""

    def __init__(self, body: list[Block]) -> None:
        self._words = {id(b): _words(_plain(b.text)) for b in body}
        self._holders: dict[tuple[str, ...], list[Block]] = {}
        for block in body:
            for gram in _grams(self._words[id(block)]):
                self._holders.setdefault(gram, []).append(block)

    def words(self, block: Block) -> list[str]:
        return self._words[id(block)]

    def found_in(self, text: str, block: Block, longer: bool = False, share: float = 0.7) -> bool:
        """Whether another body block (longer than ``text`` by 15 %, if ``longer``) holds ``share`` of its 4-grams."""
        words = _words(_plain(text))
        if len(words) < 5:
            return False
        grams = _grams(words)
        shared: dict[int, int] = {}
        for gram in grams:
            for other in {id(o): o for o in self._holders.get(gram, ())}.values():
                if other is block or longer and len(self._words[id(other)]) <= len(words) * 1.15:
                    continue
                shared[id(other)] = shared.get(id(other), 0) + 1
        return bool(grams) and any(count / len(grams) >= share for count in shared.values())


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


# === Step 5: reading order ==================================================================================


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


def _starts_lower(block: Block) -> bool:
    return _plain(block.text).lstrip()[:1].islower()


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


# === Step 6: glossary, sidebars, interviews ======================================================================


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


def _has_letter(text: str) -> bool:
    return any(char.isalpha() for char in text)


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

    from ..transforms.capitals import _normal_case

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


# === Step 7: note calls ==============================================================================================

_CALL = re.compile(r"(?<=[^\W\d_]|[»”.)’\ue006])(\d{1,3})(?=[\s.,;:!?)»”…]|$|\ue000)")


def link_note_calls(state: State) -> None:
    """Each note's call: its number glued to a word, nearest to the note, in note order."""
    state.step = "notes"
    texts = [b for b in state.blocks if b.kind not in ("note", "page", "url", "removed", "label") and b.text]
    position = {id(b): i for i, b in enumerate(state.blocks)}
    taken: set[tuple[int, int]] = set()
    for label, note in state.notes.items():
        number = str(note.data["number"])
        note_at = position[id(note)]
        best = _nearest_call(texts, position, note_at, _CALL, number, taken, _after_a_word)
        if best is not None and _after_capitals(best[1], best[2]):
            # a number glued to a word in capitals may be a name ("le carnet NEC21"): a call set apart by a
            # space nearer to the note is the call
            spaced = _nearest_call(texts, position, note_at, _SPACED_CALL, number, taken)
            if spaced is not None and spaced[0] < best[0]:
                state.guess(spaced[1].line, f"note {label}: call '{number}' set apart by a space, nearer than "
                                            f"'{number}' glued to a word in capitals (a name), taken as the call")
                best = spaced
        # a call set apart by a space (a superscript the extraction spaced out), or glued to a year ("en 20193"
        # for 2019 and note 3), nearest to the note
        for pattern, how in ((_SPACED_CALL, "set apart by a space"), (_YEAR_CALL, "glued to a year")):
            if best is None:
                best = _nearest_call(texts, position, note_at, pattern, number, taken)
                if best is not None:
                    state.guess(best[1].line, f"note {label}: call '{number}' {how}, taken as the call")
        if best is None:
            place = _uncalled_note_place(state, texts, position, note)
            if place is None:
                state.guess(note.line, f"note {label}: no call found in the text")
                continue
            block, at, how = place
            state.guess(block.line, f"note {label} (line {note.line}): no call found in the text; its call is put "
                                    f"{how}: review it")
            note.data["called_in"] = (block, at, at)
            continue
        _, block, match = best
        taken.add((id(block), match.start(1)))
        start = match.start(1) - (1 if block.text[match.start(1) - 1:match.start(1)] == " " else 0)
        note.data["called_in"] = (block, start, match.end(1))
    # Replace calls from the end so that offsets stay right.
    calls: dict[int, list[tuple[int, int, str]]] = {}
    for label, note in state.notes.items():
        if "called_in" in note.data:
            block, start, end = note.data["called_in"]
            calls.setdefault(id(block), []).append((start, end, label))
    for block in state.blocks:
        for start, end, label in sorted(calls.get(id(block), []), reverse=True):
            block.text = f"{block.text[:start]}{NOTE_OPEN}note-{label}{NOTE_CLOSE}{block.text[end:]}"


_WORD_TOKEN = re.compile(r"[^\W_](?:[\w.&-]*[^\W_])?")


def _letters(text: str) -> str:
    """A word's letters and digits, in lower case and without accents (as a web address writes them)."""
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode())


def _note_keys(note: Block) -> tuple[list[str], set[str]]:
    """What a note names: the labels of its addresses (domain labels but the last, path segments:
    ``chairecitus.com`` → ``chairecitus``) and its capitalised words after the first ("Voir") or acronyms."""
    addresses = [match.group(3) for match in _SENTINEL.finditer(note.text) if match.group(3)]
    plain = _plain(note.text)
    addresses += [match.group(1) for match in _DOMAIN.finditer(plain)]
    keys: list[str] = []
    for address in addresses:
        address = re.sub(r"^[a-z]+://", "", unquote(address).lower())
        host, _, path = address.partition("/")
        labels = host.split(".")
        labels = labels[1:] if labels[0] == "www" else labels
        pieces = labels[:-1] + re.split(r"[/._?=#&]+", path)
        keys += [key for key in map(_letters, pieces) if len(key) >= 3]
    prose = _DOMAIN.sub(" ", plain)
    named = {_letters(word) for word in _WORD_TOKEN.findall(prose)[1:] if word[:1].isupper()}
    return keys, {word for word in named if len(word) >= 3}


def _uncalled_note_place(state: State, texts: list[Block], position: dict[int, int],
                         note: Block) -> tuple[Block, int, str] | None:
    """Where to call a note whose call the text lacks (a defect of the print, or a call the extraction
    lost): after the word of the note's page that the note most plausibly annotates, else at the end of the
    paragraph before the note on its page. A note no call points to is read by nobody (and a checker
    rejects it), so a guess the editor reviews is better than none.

    The word annotated is one the note names: its letters are one of the note's address labels, or part of
    one when the word is not an ordinary French word (a name, a brand: "Cit.Us" ↔ ``chairecitus.com``), or
    a capitalised word of the note ("Voir la Mêlée Numérique" ↔ "Mêlée"). The most distinctive match
    (a name before a common word, then the longest) is taken at its first mention on the page, where a
    note is called. The page's blocks are searched, else (pages unknown) the blocks near the note. A "note"
    that does not open as a sentence does (a piece of an address cut after a number) is left alone.
    """
    note_at = position[id(note)]
    if note.page:
        near = [b for b in texts if b.page == note.page]
    else:
        near = [b for b in texts if -40 <= position[id(b)] - note_at <= 12]
    keys, named = _note_keys(note)
    best: tuple[tuple[bool, bool, int, int], Block, int, str] | None = None
    for rank, block in enumerate(near):
        masked = _SENTINEL.sub(lambda m: " " * len(m.group(0)), block.text)
        for match in _WORD_TOKEN.finditer(masked):
            word = match.group(0)
            letters = _letters(word)
            if len(letters) < 3:
                continue
            common = is_french_word(word)
            if letters in keys or (letters in named and word[:1].isupper()):
                exact = True
            elif not common and len(letters) >= 4 and any(letters in key for key in keys):
                exact = False
            else:
                continue
            score = (common, not exact, -len(letters), rank)
            if best is None or score < best[0]:
                best = (score, block, match.end(), f"after '{word}', a word the note names")
    if best is not None:
        return best[1], best[2], best[3]
    if not re.match(r"[«“\"(\w]", _plain(note.text).strip()):
        return None  # not a sentence ("/24/les-marches…"): a piece of an address cut after a number, not a note
    before = [b for b in near if position[id(b)] < note_at and b.kind == "para"]
    if not before:
        before = [b for b in texts if position[id(b)] < note_at][-1:]
    if not before:
        return None
    block = before[-1]
    return block, len(block.text.rstrip()), "at the end of the paragraph before the note"


_YEAR_CALL = re.compile(r"(?<![\w.,])(?:1[89]|20)\d\d(\d{1,2})(?=[\s.,;:!?)»”…]|$)")


def _after_capitals(block: Block, match: re.Match[str]) -> bool:
    """Whether the number ``match`` found is glued to a word in capitals (an acronym: "NEC21")."""
    word = re.search(r"[^\W\d_]*$", block.text[:match.start(1)]).group(0)  # type: ignore[union-attr]
    return len(word) >= 2 and word.isupper()


def _after_a_word(block: Block, match: re.Match[str]) -> bool:
    """A call follows a word, not a formula, a code or a number ("CO2", "B2", "2.0")."""
    word = re.search(r"[\w.]*$", block.text[:match.start()]).group(0)  # type: ignore[union-attr]
    return not (re.fullmatch(r"[A-Z]{1,2}", word) or re.fullmatch(r"[\d.]+", word))


def _nearest_call(texts: list[Block], position: dict[int, int], note_at: int, pattern: re.Pattern[str],
                  number: str, taken: set[tuple[int, int]],
                  accept: Callable[[Block, re.Match[str]], bool] | None = None) -> tuple[int, Block, re.Match[str]] | None:
    """The match of ``pattern`` whose first group is ``number`` (and that ``accept`` accepts), in the block
    nearest to the note (before it rather than after), not taken by another note."""
    best = None
    for block in texts:
        distance = position[id(block)] - note_at
        if distance > 12 or distance < -40:
            continue
        if number not in block.text:  # the number must be there for a match to be its call
            continue
        for match in pattern.finditer(block.text):
            if match.group(1) == number and (id(block), match.start(1)) not in taken \
                    and (accept is None or accept(block, match)):
                score = abs(distance) + (0 if distance < 0 else 3)
                if best is None or score < best[0]:
                    best = (score, block, match)
    return best


# === Step 8: the tree ================================================================================================


def _inlines(text: str, line: int | None = None) -> list[t.Inline]:
    result: list[t.Inline] = []
    cursor = 0
    text = re.sub(r"[ \t]+", " ", text).strip()
    for match in _SENTINEL.finditer(text):
        if match.start() > cursor:
            result.append(t.Text(text=text[cursor:match.start()], line=line))
        if match.group(1) is not None:
            result.append(t.PageBreak(label=match.group(1), line=line))
        elif match.group(2) is not None:
            result.append(t.NoteRef(note_id=match.group(2), line=line))
        else:
            result.append(t.Link(target=match.group(3), children=[t.Text(text=match.group(4))], line=line))
        cursor = match.end()
    if cursor < len(text):
        result.append(t.Text(text=text[cursor:], line=line))
    return result


def build_tree(state: State) -> t.Document:  # noqa: C901 - one branch per block kind
    """Blocks → the semantic tree."""
    document = t.Document(meta=t.Meta(speakers=dict(state.speakers)))
    out: list[t.Block] = document.children
    current_list: t.List | None = None
    list_container: list[t.Block] | None = None
    interview: t.Interview | None = None
    held: list[Block] = []
    sidebars: dict[int, t.Sidebar] = {}
    figures: dict[str, int] = {}  # each page's figures so far (their images' names)

    def paragraph(block: Block, classes: list[str] | None = None) -> t.Paragraph:
        inlines = _inlines(block.text, block.line)
        if block.data.get("uppercase"):
            inlines = [t.Span(classes=["uppercase"], children=inlines)]
        return t.Paragraph(children=inlines, classes=classes or [], line=block.line)

    def emit(block: Block, container: list[t.Block]) -> None:
        """The blocks that stand alone: pull quotes, credits, captions, bylines, paragraphs."""
        if block.kind == "pullquote" and block.data.get("set_in") and not block.data.get("repeats") \
                and not _plain(block.text).lstrip().startswith(tuple("«“\"")):
            # a quotation set in the column that repeats nothing, without quotation marks: a block quote
            quotation = t.BlockQuote(children=[paragraph(block)], line=block.line)
            quotation.attribution = _inlines(block.data["attribution"])
            container.append(quotation)
        elif block.kind == "pullquote":
            quote = t.PullQuote(children=[paragraph(block)], repeats_body=bool(block.data.get("repeats")),
                                line=block.line)
            if block.data.get("attribution"):
                quote.attribution = _inlines(block.data["attribution"])
            container.append(quote)
        elif block.kind in ("credit", "byline", "caption", "signature"):
            container.append(paragraph(block, [block.kind]))
        else:
            container.append(paragraph(block))

    for block in state.blocks:
        kind = block.kind
        if kind in ("url", "removed", "label", "note"):
            continue
        container = out
        owner = block.data.get("in_sidebar")
        if owner is not None and id(owner) in sidebars:
            container = sidebars[id(owner)].children
        if kind != "item" or container is not list_container:
            current_list = None
        if interview is not None and owner is None and kind in ("pullquote", "credit", "caption", "byline",
                                                                 "signature"):
            held.append(block)  # an aside printed inside an interview is set after it
            continue
        if kind not in ("answer", "answer_more", "question", "page"):
            interview = None
            for aside in held:
                emit(aside, out)
            held.clear()
        if kind == "page":
            container.append(t.PageBreak(label=block.text, line=block.line))
        elif kind == "heading":
            heading = t.Heading(level=block.level or 3, children=_inlines(block.text, block.line), line=block.line)
            if block.data.get("uppercase"):
                heading.classes.append("uppercase")
            if _normal(block.text) == _normal("Lexique"):
                heading.classes.append("glossary")
            container.append(heading)
        elif kind == "sidebar":
            title = f"{block.data.get('label', 'Zoom sur...')} {block.text}".strip()
            sidebar = t.Sidebar(heading=t.Heading(level=0, children=[t.Text(text=title)]), line=block.line)
            sidebars[id(block)] = sidebar
            out.append(sidebar)
        elif kind == "table":
            rows = block.data["rows"]
            # a first row without numbers over rows with numbers: the header
            header = len(rows) > 1 and not any(re.search(r"\d", cell) for cell in rows[0]) \
                and any(re.fullmatch(r"[\d\s.,%€-]+", cell) for row in rows[1:] for cell in row)
            container.append(t.Table(line=block.line, rows=[
                t.Row(header=header and k == 0, cells=[t.Cell(children=[t.Text(text=cell)] if cell else [],
                                                              header=header and k == 0) for cell in row])
                for k, row in enumerate(rows)]))
        elif kind == "break":
            container.append(t.ThematicBreak(line=block.line))
        elif kind == "figure":
            figures[block.page] = figures.get(block.page, 0) + 1
            name = f"image-page-{block.page or 0}" + (f"-{figures[block.page]}" if figures[block.page] > 1 else "")
            container.append(t.Figure(src=f"{name}.png", alt=None, line=block.line,
                                      caption=_inlines(block.data["caption"]), credit=_inlines(block.data["credit"])))
        elif kind == "item":
            if current_list is not None and bool(current_list.ordered) != ("ordered" in block.data):
                current_list = None  # a numbered list after a bulleted one, or the reverse
            if current_list is None:
                current_list = t.List(line=block.line, ordered="ordered" in block.data,
                                      start=block.data.get("ordered", 1))
                list_container = container
                container.append(current_list)
            current_list.items.append(t.ListItem(children=[paragraph(block)], line=block.line))
        elif kind == "term":
            last = container[-1] if container else None
            glossary = block.data.get("glossary", True)
            if not isinstance(last, t.DefinitionList) or last.glossary != glossary:
                last = t.DefinitionList(glossary=glossary, line=block.line)
                container.append(last)
            term = _inlines(block.data["term"])
            if block.data.get("uppercase"):
                term = [t.Span(classes=["uppercase"], children=term)]
            definition = t.Paragraph(children=_inlines(block.text, block.line), line=block.line)
            last.items.append(t.DefinitionItem(term=term, definitions=[[definition]], line=block.line))
        elif kind in ("question", "answer", "answer_more"):
            if interview is None:
                interview = t.Interview(line=block.line)
                container.append(interview)
            if kind == "question":
                interview.turns.append(t.Turn(role="question", children=[paragraph(block)], line=block.line))
            elif kind == "answer" or not interview.turns:
                source = block.data if kind == "answer" else block.data["turn"].data
                interview.turns.append(t.Turn(role="answer", speaker=source["speaker"],
                                              initials=source["initials"], children=[paragraph(block)],
                                              line=block.line))
            else:
                interview.turns[-1].children.append(paragraph(block))
        else:
            emit(block, container)
    for aside in held:
        emit(aside, out)
    for label, note in state.notes.items():
        document.notes.append(t.Note(id=f"note-{label}", children=[paragraph(note)], line=note.line))
    first_heading = next((b for b in state.blocks if b.kind == "heading"), None)
    if state.cover is not None:
        document.meta.title, document.meta.subtitle = state.cover
    elif first_heading is not None:
        document.meta.title = _plain(first_heading.text)
        state.step = "metadata"
        state.guess(first_heading.line, "the title is the first heading's text: give the carnet's own title")
    return document


# === The steps, in order ====================================================================================

Step = Callable[[State], None]
STEPS: list[tuple[str, Step]] = [
    ("layout", read_layout),
    ("pages", segment_pages),
    ("blocks", split_blocks),
    ("dense paragraphs", split_dense),
    ("short blocks", split_short_blocks),
    ("signatures", split_signatures),
    ("tables", find_tables),
    ("navigation", navigation_aids),
    ("cover", find_cover),
    ("links-collect", collect_links),
    ("dehyphenation", join_lines),
    ("glued words", split_glued_words),
    ("links", attach_links),
    ("e-mail addresses", link_email_addresses),
    ("notes", find_notes),
    ("glossary", find_glossary),
    ("term lists", find_term_lists),
    ("figures", find_figures),
    ("attributions", find_attributions),
    ("headings", find_headings),
    ("title places", place_titles),
    ("titled links", titles_over_addresses),
    ("lists", find_lists),
    ("credits", find_credits),
    ("quotes", find_quotes),
    ("column order", restore_column_order),
    ("paragraphs", join_continuations),
    ("glossary pages", glossary_pages),
    ("pull quotes", find_pullquotes),
    ("sidebars", find_sidebars),
    ("interviews", find_interviews),
    ("note calls", link_note_calls),
]


def import_text(text: str, source: str = "") -> tuple[t.Document, State]:
    """Run every step; the tree and the state (its diagnostics, hyphen decisions…) for reports."""
    state = State(source)
    split_lines(state, text)
    for name, step in STEPS:
        state.step = name
        step(state)
    state.hyphens = list({line: (line, b, a, k) for line, b, a, k in state.hyphens}.values())
    document = build_tree(state)
    document.diagnostics.extend(state.diagnostics)
    return document, state


def read_pdftext(text: str, source: str = "", base_dir: str = "") -> t.Document:
    """Read raw text extracted from a carnet PDF; every uncertain decision is a warning with its line."""
    document, _ = import_text(text, source)
    document.base_dir = base_dir
    return document


# === Helpers ==================================================================================================


def _plain(text: str) -> str:
    """Block text without sentinels (links keep their visible text)."""
    text = re.sub(f"{PB_OPEN}[^{PB_CLOSE}]*{PB_CLOSE}|{NOTE_OPEN}[^{NOTE_CLOSE}]*{NOTE_CLOSE}", "", text)
    return re.sub(f"{LINK_OPEN}[^{LINK_MID}]*{LINK_MID}([^{LINK_CLOSE}]*){LINK_CLOSE}", r"\1", text)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").lower()
    return re.sub(r"\s+", " ", text).strip(" .…")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _normal(text))
