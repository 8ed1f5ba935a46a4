"""The DOCX style map: which Word style renders which construct of the tree.

Place in the pipeline: shared by the DOCX writer (tree → styles), by ``templates/docx/make_reference.py``
(which defines every style listed here concretely in the reference document) and by a future DOCX reader
(styles → tree). The writer names no style that is not in this module, so the three cannot drift apart.

Names are the ones stored in ``styles.xml`` (``w:name``). For Word's built-in styles that is Word's
internal name, sometimes in lower case ("heading 1", "footnote text", "toc 1", "caption"): Word recognises
its built-in styles by that name, whatever the interface language, and LibreOffice maps them onto its own.
python-docx finds a style by that name too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class StyleKind(StrEnum):
    PARAGRAPH = "paragraph"
    CHARACTER = "character"
    TABLE = "table"


@dataclass(frozen=True)
class StyleRef:
    """One style of the reference document: its ``w:name``, its ``w:styleId`` and its kind."""

    name: str
    style_id: str
    kind: StyleKind
    builtin: bool = False


P, C, T = StyleKind.PARAGRAPH, StyleKind.CHARACTER, StyleKind.TABLE

# Construct → style. Keys name what the writer renders, not how it looks.
STYLES: dict[str, StyleRef] = {
    # Document skeleton
    "normal": StyleRef("Normal", "Normal", P, True),
    "title": StyleRef("Title", "Title", P, True),
    "subtitle": StyleRef("Subtitle", "Subtitle", P, True),
    "document_info": StyleRef("Document Info", "DocumentInfo", P),  # series and event under the title
    "paragraph": StyleRef("Body Text", "BodyText", P, True),
    "toc_heading": StyleRef("TOC Heading", "TOCHeading", P, True),
    "toc1": StyleRef("toc 1", "TOC1", P, True),
    "toc2": StyleRef("toc 2", "TOC2", P, True),
    "toc3": StyleRef("toc 3", "TOC3", P, True),
    # Quotations
    "block_quote": StyleRef("Quote", "Quote", P, True),
    "pull_quote": StyleRef("Pull Quote", "PullQuote", P),
    "attribution": StyleRef("Quote Attribution", "QuoteAttribution", P),
    "pull_quote_attribution": StyleRef("Pull Quote Attribution", "PullQuoteAttribution", P),
    # Boxed sidebar ("Zoom sur…"); its heading is a real Heading N with the same box (see SIDEBAR_BOX)
    "sidebar": StyleRef("Sidebar", "Sidebar", P),
    # Interviews
    "interview_question": StyleRef("Interview Question", "InterviewQuestion", P),
    "interview_answer": StyleRef("Interview Answer", "InterviewAnswer", P),
    "interview_speaker": StyleRef("Interview Speaker", "InterviewSpeaker", C),
    # Lists
    "list_item": StyleRef("List Paragraph", "ListParagraph", P, True),
    "list_continue1": StyleRef("List Continue", "ListContinue", P, True),
    "list_continue2": StyleRef("List Continue 2", "ListContinue2", P, True),
    "list_continue3": StyleRef("List Continue 3", "ListContinue3", P, True),
    # Definition lists: the carnet's glossary ("Lexique") and ordinary ones
    "glossary_term": StyleRef("Glossary Term", "GlossaryTerm", P),
    "glossary_definition": StyleRef("Glossary Definition", "GlossaryDefinition", P),
    "definition_term": StyleRef("Definition Term", "DefinitionTerm", P),
    "definition": StyleRef("Definition", "Definition", P),
    # Figures
    "figure": StyleRef("Figure", "Figure", P),
    "caption": StyleRef("caption", "Caption", P, True),
    "credit": StyleRef("Credit", "Credit", P),
    # Tables
    "table": StyleRef("Carnet Table", "CarnetTable", T),
    "table_text": StyleRef("Table Text", "TableText", P),
    "table_header": StyleRef("Table Header", "TableHeader", P),
    # Print page markers and breaks of topic
    "page_marker": StyleRef("Page Marker", "PageMarker", P),
    "page_marker_char": StyleRef("Page Marker Char", "PageMarkerChar", C),
    "thematic_break": StyleRef("Thematic Break", "ThematicBreak", P),
    # Footnotes
    "footnote_text": StyleRef("footnote text", "FootnoteText", P, True),
    "footnote_reference": StyleRef("footnote reference", "FootnoteReference", C, True),
    # Inline
    "emphasis": StyleRef("Emphasis", "Emphasis", C, True),
    "strong": StyleRef("Strong", "Strong", C, True),
    "hyperlink": StyleRef("Hyperlink", "Hyperlink", C, True),
    "literal": StyleRef("Literal", "Literal", C),
}

THEMATIC_BREAK_TEXT = "* * *"
"""The text of a "Thematic Break" paragraph: the typographic asterism ("trois astérisques"). A paragraph that
only draws a rule would be an empty paragraph, announced as "blank" by screen readers and flagged by Word's
checker and ours (docx-empty-paragraph); three asterisks are the print convention for a change of topic and are
read out as such."""

MAX_HEADING = 9


def heading_style(level: int) -> StyleRef:
    """The style of a body heading of tree ``level``.

    Tree level 1 is the document title (the Title style); the body starts at tree level 2, which is Word's
    "Heading 1", as the HTML page has one ``h1`` and body sections from ``h2``.
    """
    word_level = min(max(level - 1, 1), MAX_HEADING)
    return StyleRef(f"heading {word_level}", f"Heading{word_level}", P, True)


HEADING_STYLES: tuple[StyleRef, ...] = tuple(heading_style(level + 1) for level in range(1, MAX_HEADING + 1))

TOC_LEVELS = 3
"""Word heading levels listed by the table of contents field (``TOC \\o "1-3"``)."""


def all_styles() -> list[StyleRef]:
    """Every style the writer may name: what the reference document must define concretely."""
    return [*STYLES.values(), *HEADING_STYLES]


@dataclass(frozen=True)
class Box:
    """A paragraph box: border and shading, identical on every paragraph so Word draws one box."""

    border_color: str = "1F3864"
    border_size: int = 12  # eighths of a point
    border_space: int = 6  # points between border and text
    fill: str = "EEF2F8"  # light blue-grey: dark text on it keeps a contrast above 12:1
    indent_twips: int = 170  # the text stays inside the page margins, the border just outside it


SIDEBAR_BOX = Box()
"""The sidebar box: set in the Sidebar style and repeated directly on the other paragraphs of a sidebar
(its Heading N, list items…) so that the whole sidebar is one box whatever the paragraph's style."""
