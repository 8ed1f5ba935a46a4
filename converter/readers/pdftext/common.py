"""What every step of the raw-text reader shares: the lines, blocks and state they work on, the sentinels
that carry inline content between steps, the rubric names every carnet uses, and small text predicates.

Place in the pipeline: below every other module of :mod:`converter.readers.pdftext`; it runs nothing itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ...errors import Diagnostic
from ...lexicon import is_french_word

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
    """The link keys of the appended addresses, with their number (a cache: :func:`_page_keys`)."""
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


def _ends_sentence(text: str) -> bool:
    """Whether a line ends as a sentence or a clause does (a title or a term does not); a closing
    parenthesis ends a term too ("Tech for good (technologies pour le bien commun)", "TIC(E)")."""
    return text.endswith(tuple(_TERMINAL.replace(")", "") + ",")) \
        or text.endswith(")") and "(" not in text and not text[:1].isupper()


_NUMBER_ALONE = re.compile(r"\s*(\d{1,3})\s*")


_OPENING_WORDS = frozenset(["à", "de", "des", "du", "la", "le", "les", "l", "d", "et", "ou", "un", "une", "en",
                            "au", "aux", "par", "pour", "sur", "dans", "avec", "que", "qui", "ce", "cette", "ces",
                            "son", "sa", "ses", "leur", "leurs", "nos", "vos", "notre", "votre", "entre", "sans"])


_NAME_PAIR = re.compile(r"(?<![\w’'-])([A-ZÀ-Ý][a-zà-ÿ]{2,}) [A-ZÀ-Ý][a-zà-ÿ]+")


def _name_pairs(lines: list[Line], common_first: bool = False) -> frozenset[tuple[str, str]]:
    """The names ``lines`` set on one line, a first name unknown to the lexicon then a capitalised word:
    ("Léa", "Cauchard"); with ``common_first``, whatever the first word ("Halle", "Tropisme": a place)."""
    pairs = (tuple(match.group(0).split()) for line in lines for match in _NAME_PAIR.finditer(line.text))
    return frozenset((first, last) for first, last in pairs if common_first or not is_french_word(first.lower()))


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) >= 0.85 and \
        (len(letters) >= 5 or len(text.split()) >= 2)


_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=[^\W\d_]|[«“\"(])")


def _starts_lower(block: Block) -> bool:
    return _plain(block.text).lstrip()[:1].islower()


def _has_letter(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _plain(text: str) -> str:
    """Block text without sentinels (links keep their visible text)."""
    text = re.sub(f"{PB_OPEN}[^{PB_CLOSE}]*{PB_CLOSE}|{NOTE_OPEN}[^{NOTE_CLOSE}]*{NOTE_CLOSE}", "", text)
    return re.sub(f"{LINK_OPEN}[^{LINK_MID}]*{LINK_MID}([^{LINK_CLOSE}]*){LINK_CLOSE}", r"\1", text)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").lower()
    return re.sub(r"\s+", " ", text).strip(" .…")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _normal(text))
