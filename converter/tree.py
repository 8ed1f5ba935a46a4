"""The semantic tree: the whole vocabulary of Carnet accessible.

Place in the pipeline: readers build a :class:`Document` from a source, transforms rewrite it, writers
render it. Nothing else travels between those stages, so everything a writer needs is stated here.

Every node carries ``id`` (empty when none), ``classes`` (a list of class names; the only class with a
meaning for writers is ``"uppercase"``: text stored in normal case, shown in capitals by style), ``lang``
(BCP 47 tag, empty when inherited from the parent) and ``line`` (1-based line in the source, when known).

Block nodes: Section, Heading, Paragraph, BlockQuote, PullQuote, Sidebar, Interview (of Turn), List (of
ListItem), DefinitionList (of DefinitionItem), Figure, Table (of Row of Cell), PageBreak, ThematicBreak.
Inline nodes: Text, Emphasis, Strong, Superscript, Subscript, Link, Abbreviation, Span, NoteRef,
LineBreak, Literal, and PageBreak (a print page can end in the middle of a paragraph).

Footnotes live once, in ``Document.notes``; a :class:`NoteRef` names its note by id. The ``number`` of
notes and note references is set once, in reading order, by the ``notes`` transform.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Literal as TypingLiteral
from typing import TypeAlias, TypeVar, dataclass_transform

_R = TypeVar("_R", bound=type)


@dataclass_transform(kw_only_default=True, field_specifiers=(field,))
def record(cls: _R) -> _R:
    """A keyword-only dataclass whose equality and representation come from :class:`_Record`.

    The dataclass decorator compiles three methods per class (``__init__``, ``__repr__``, ``__eq__``); for
    the tree's 34 classes that compiling was a fifth of the converter's import time, paid by every
    command. ``__eq__`` and ``__repr__`` are written once in :class:`_Record`, field by field, with the
    same results (fields with ``compare=False`` or ``repr=False`` are left out as the decorator would).
    """
    return dataclass(kw_only=True, repr=False, eq=False)(cls)


@cache
def _compared(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.compare)


@cache
def _shown(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.repr)


class _Record:
    """Equality and representation of the tree's dataclasses (see :func:`record`)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _compared(self.__class__))

    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as with eq=True

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _shown(self.__class__))
        return f"{self.__class__.__qualname__}({shown})"


@record
class Node(_Record):
    """Attributes common to every node."""

    id: str = ""
    classes: list[str] = field(default_factory=list)
    lang: str = ""
    line: int | None = field(default=None, compare=False)


# --- Inline nodes -------------------------------------------------------------------------------


@record
class Text(Node):
    """A run of plain text. Transforms rewrite it (typography, inclusive writing)."""

    text: str


@record
class Container(Node):
    """An inline node that wraps other inline nodes."""

    children: list[Inline] = field(default_factory=list)


@record
class Emphasis(Container):
    """Stressed text (italics in print)."""


@record
class Strong(Container):
    """Strong importance (bold in print)."""


@record
class Superscript(Container):
    """Superscript: French ordinals (XIXe, 1er), exponents."""


@record
class Subscript(Container):
    """Subscript (chemical formulas and the like)."""


@record
class Span(Container):
    """A neutral span; with ``lang`` it is a change of language (RGAA 8.7)."""


@record
class Link(Container):
    """A hyperlink. ``target`` is never rewritten by transforms; ``children`` is the readable text."""

    target: str
    title: str = ""


@record
class Abbreviation(Container):
    """An abbreviation or acronym and its expansion (``abbr title=…``)."""

    expansion: str


@record
class NoteRef(Node):
    """A footnote call. ``note_id`` is the id of a :class:`Note` of the document."""

    note_id: str
    number: int = 0


@record
class LineBreak(Node):
    """A forced line break inside a block (poetry, addresses)."""


@record
class Literal(Node):
    """Verbatim text: URLs, code, file names. Transforms never touch it."""

    text: str


@record
class PageBreak(Node):
    """Where a print page starts; ``label`` is its page number as printed ("12", "iv").

    Used as a block between blocks and as an inline inside a paragraph cut by the page end.
    """

    label: str


Inline: TypeAlias = (
    Text | Emphasis | Strong | Superscript | Subscript | Span | Link | Abbreviation | NoteRef | LineBreak | Literal
    | PageBreak
)

# --- Block nodes --------------------------------------------------------------------------------


@record
class Heading(Node):
    """A heading. ``level`` 1 is the document title; the ``sections`` transform makes levels consecutive."""

    level: int
    children: list[Inline] = field(default_factory=list)


@record
class Paragraph(Node):
    children: list[Inline] = field(default_factory=list)


@record
class Section(Node):
    """A heading and everything up to the next heading of the same or a higher level."""

    heading: Heading
    children: list[Block] = field(default_factory=list)


@record
class BlockQuote(Node):
    """A quotation; ``attribution`` names its source (may be empty)."""

    children: list[Block] = field(default_factory=list)
    attribution: list[Inline] = field(default_factory=list)


@record
class PullQuote(Node):
    """A quote set large in the layout.

    ``repeats_body`` True: it repeats text of the body, so assistive technology must skip it
    (``doc-pullquote`` + ``aria-hidden``). False: it exists only here and is read as a real quotation.
    """

    children: list[Block] = field(default_factory=list)
    attribution: list[Inline] = field(default_factory=list)
    repeats_body: bool = True


@record
class Sidebar(Node):
    """A boxed aside ("Zoom sur…"). Its ``heading`` level is set by the ``sections`` transform."""

    heading: Heading | None = None
    children: list[Block] = field(default_factory=list)


@record
class Turn(Node):
    """One speaker turn of an interview: a question or an answer."""

    role: TypingLiteral["question", "answer"]
    speaker: str = ""
    """The speaker's full name (empty for an unnamed interviewer)."""
    initials: str = ""
    children: list[Block] = field(default_factory=list)


@record
class Interview(Node):
    turns: list[Turn] = field(default_factory=list)


@record
class ListItem(Node):
    children: list[Block] = field(default_factory=list)


@record
class List(Node):
    ordered: bool = False
    start: int = 1
    items: list[ListItem] = field(default_factory=list)


@record
class DefinitionItem(Node):
    term: list[Inline] = field(default_factory=list)
    definitions: list[list[Block]] = field(default_factory=list)


@record
class DefinitionList(Node):
    """A definition list; ``glossary`` True for the carnet's "Lexique" (``doc-glossary``, ``dfn``)."""

    items: list[DefinitionItem] = field(default_factory=list)
    glossary: bool = False


@record
class Figure(Node):
    """An image with its text alternative, caption and credit.

    ``alt`` "" marks a decorative image; ``alt`` None means no alternative was given (a reader warns).
    ``src`` is the path as written in the source, resolved against ``Document.base_dir``.
    """

    src: str
    alt: str | None = None
    caption: list[Inline] = field(default_factory=list)
    credit: list[Inline] = field(default_factory=list)


@record
class Cell(Node):
    children: list[Inline] = field(default_factory=list)
    header: bool = False
    colspan: int = 1
    rowspan: int = 1
    align: str = ""


@record
class Row(Node):
    cells: list[Cell] = field(default_factory=list)
    header: bool = False
    """A header row: repeated on each page (DOCX), inside ``thead`` (HTML)."""


@record
class Table(Node):
    caption: list[Inline] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


@record
class ThematicBreak(Node):
    """A change of topic (a rule or a blank line in print)."""


Block: TypeAlias = (
    Section | Heading | Paragraph | BlockQuote | PullQuote | Sidebar | Interview | List | DefinitionList | Figure
    | Table | PageBreak | ThematicBreak
)

# --- Document -----------------------------------------------------------------------------------


@record
class Note(Node):
    """A footnote: its ``id`` is what NoteRef.note_id names; ``number`` is set in reading order."""

    number: int = 0
    children: list[Block] = field(default_factory=list)


@record
class Meta(_Record):
    """The carnet's metadata, from the YAML front matter (or what a reader could infer)."""

    title: str = ""
    subtitle: str = ""
    lang: str = "fr"
    authors: list[str] = field(default_factory=list)
    date: str = ""
    publisher: list[str] = field(default_factory=list)
    rights: str = ""
    series: str = ""
    number: str = ""
    source: str = ""
    identifier: str = ""
    subject: str = ""
    keywords: list[str] = field(default_factory=list)
    event: str = ""
    """Date and place of the event the carnet documents."""
    speakers: dict[str, str] = field(default_factory=dict)
    """Initials → full name, for interviews ("HR": "Hélène Roussel")."""
    reader_note: bool = True
    """Whether writers open the edition with the generated reader's note."""


@record
class Document(Node):
    meta: Meta = field(default_factory=Meta)
    children: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    base_dir: str = field(default="", compare=False)
    """Folder that relative image paths are resolved against."""
    diagnostics: list = field(default_factory=list, compare=False, repr=False)
    """Warnings gathered by the reader and the transforms (:class:`converter.errors.Diagnostic`)."""

    def note(self, note_id: str) -> Note | None:
        for note in self.notes:
            if note.id == note_id:
                return note
        return None


INLINE_TYPES = (
    Text, Emphasis, Strong, Superscript, Subscript, Span, Link, Abbreviation, NoteRef, LineBreak, Literal,
    PageBreak,
)
BLOCK_TYPES = (
    Section, Heading, Paragraph, BlockQuote, PullQuote, Sidebar, Interview, List, DefinitionList, Figure,
    Table, PageBreak, ThematicBreak,
)
ALL_NODE_TYPES: tuple[type[Node], ...] = (
    *INLINE_TYPES, Heading, Paragraph, Section, BlockQuote, PullQuote, Sidebar, Turn, Interview, ListItem,
    List, DefinitionItem, DefinitionList, Figure, Cell, Row, Table, ThematicBreak, Note, Document,
)
