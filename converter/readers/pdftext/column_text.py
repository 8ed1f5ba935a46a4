"""The lines of one column of a layout text (``pdftotext -layout``), in reading order: where a
paragraph, a note, a list item, a term or a box ends inside the column, and where it goes on across a column,
a margin or a page.

Place in the pipeline: the second half of the first step, ``layout`` (:mod:`.layout` cuts the page into
columns and calls :func:`_column_lines` on each).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .common import (
    _BULLET,
    _BYLINE,
    _DOMAIN,
    _NOTE_START,
    _NUMBER_ALONE,
    _NUMBERED,
    _OPENING_WORDS,
    _TERMINAL,
    _URL_LINE,
    Line,
    _ends_sentence,
    _has_letter,
    _is_capitals,
)
from .widths import _next_word_fits, printed_width

_NOTE_GAP = 4
"""The most rows a note's sentence spans from one of its lines to the next (a margin note set small)."""


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
        gap = any(sum(1 for row in rows[above + 1:below + 1] if _sets_line(row, other)) >= 2
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
    return any(sum(1 for k in range(above, below) if _sets_line(rows[k], other)) >= 2
               or sum(1 for k in range(above + 1, below + 1) if _sets_line(rows[k], other)) >= 2 for other in others)


def _sets_line(row: _Row, column: int) -> bool:
    """Whether ``column`` sets a line of text on ``row``, for the gap tests. A note's number alone on its row
    is no line: set raised, it has a row of its own over the note's first line, at no pitch of the column's."""
    return bool(row.segments[column].strip()) and not _NUMBER_ALONE.fullmatch(row.segments[column])


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


def _ends_with_stop(text: str) -> bool:
    """Whether a line ends a sentence: a stop, also inside the closing quotation mark of a sentence quoted
    whole ("… que nous sommes en train de vivre." then a glossary's next term)."""
    return text.rstrip("»”\"’ ").endswith((".", "!", "?", "…"))
