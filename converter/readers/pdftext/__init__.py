"""Raw text extracted from a carnet PDF → tree (the ``pdftext`` reader, for ``.txt`` files).

Place in the pipeline: first stage, like the other readers; ``carnet import`` also uses it to write carnet
Markdown for human review. The text it reads is what a PDF text extraction gives (``pdftotext``, a copy
from a PDF viewer): columns broken into short lines, words hyphenated at line ends, page numbers alone on
a line, footnotes, sidebars and pull quotes interleaved with the body, the link targets of each page
appended at its end.

The reader is a list of named steps (:data:`STEPS`), run in order on one :class:`~.common.State`. Each step
is one function; each records the decisions it is unsure of as warnings with their source line
(:meth:`~.common.State.guess`), so that an editor knows what to review. The rules are general: they rely on
the layout of extracted text (blank lines, line widths, capitals, glyphs, numbering order), on a printed
table of contents when there is one, and on the names of the rubrics every carnet uses ("Zoom sur…",
"Rencontre(s)", "Lexique"…), never on one carnet's words. An extraction that does not separate paragraphs
by blank lines (pdftotext's default output) is read by the width of its lines (:mod:`.dense`).

Inline content travels between steps as text with private-use sentinels (page breaks, note calls,
links), turned into tree nodes by the last stage (:mod:`.build`).

The modules, from the shared ground up: :mod:`.common` (state, sentinels, vocabulary), :mod:`.widths`
(printed widths), :mod:`.column_text` and :mod:`.layout` (columns of a layout text), :mod:`.pages`,
:mod:`.joining` (lines, hyphens, links), :mod:`.blocks`, :mod:`.toc` (table of contents), :mod:`.dense`
(paragraphs by width), :mod:`.layout_blocks` (cover, tables, figures, attributions), :mod:`.notes`,
:mod:`.headings`, :mod:`.lists_quotes`, :mod:`.reading_order`, :mod:`.parts` (glossary, sidebars,
interviews), :mod:`.build` (the tree). Each imports only from the ones before it.
"""

from __future__ import annotations

from collections.abc import Callable

from ... import tree as t
from .blocks import collect_links, navigation_aids, split_blocks, split_short_blocks, split_signatures
from .build import build_tree
from .common import State
from .dense import split_dense
from .headings import find_headings, place_titles
from .joining import attach_links, join_lines, link_email_addresses, split_glued_words, titles_over_addresses
from .layout import read_layout
from .layout_blocks import find_attributions, find_cover, find_figures, find_tables
from .lists_quotes import find_credits, find_lists, find_pullquotes, find_quotes
from .notes import find_notes, link_note_calls
from .pages import segment_pages, split_lines
from .parts import find_glossary, find_interviews, find_sidebars, find_term_lists, glossary_pages
from .reading_order import join_continuations, restore_column_order

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
