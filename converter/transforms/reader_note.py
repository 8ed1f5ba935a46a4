"""The reader's note: a short section, generated in the document's language, that opens the edition.

Place in the pipeline: after ``sections`` and ``notes`` (it describes what the tree really holds) and
before the text transforms. It says what the edition is, how to move through it by headings, where the
notes and the glossary are, how inclusive writing is rendered and that print page numbers are marked.
Editors switch it off with ``reader_note: false`` in the front matter (or ``--no-reader-note``).
"""

from __future__ import annotations

from .. import tree as t
from ..messages import message
from ..walk import iter_nodes

READER_NOTE_ID = "note-edition"


def reader_note(document: t.Document, inclusive: str = "doublet") -> None:
    """Insert the reader's note as the first section (once), after any text that comes before it."""
    if not document.meta.reader_note:
        return
    for block in document.children:
        if isinstance(block, t.Section) and block.id == "section-" + READER_NOTE_ID:
            # Already there (an edition read back): the sections transform rebuilt it without its class.
            if "reader-note" not in block.classes:
                block.classes.append("reader-note")
            return
    lang = document.meta.lang
    nodes = list(iter_nodes(document))
    keys = ["reader_note_what", "reader_note_headings"]
    if document.notes:
        keys.append("reader_note_notes")
    if any(isinstance(n, t.DefinitionList) and n.glossary for n in nodes):
        keys.append("reader_note_glossary")
    keys.append("reader_note_inclusive" if inclusive == "doublet" else "reader_note_inclusive_kept")
    if any(isinstance(n, t.PageBreak) for n in nodes):
        keys.append("reader_note_pages")
    title = document.meta.title or ""
    paragraphs: list[t.Block] = [
        t.Paragraph(children=[t.Text(text=message(key, lang, title=title))]) for key in keys
    ]
    heading = t.Heading(level=2, id=READER_NOTE_ID,
                        children=[t.Text(text=message("reader_note_title", lang))])
    section = t.Section(heading=heading, id="section-" + READER_NOTE_ID, children=paragraphs,
                        classes=["reader-note"])
    # Before the first section, not before the text that opens the carnet without a heading: that text
    # would otherwise follow the note's heading and be read as part of the note (by heading navigation, and
    # when a page is read back).
    first_section = next((index for index, block in enumerate(document.children)
                          if isinstance(block, t.Section)), len(document.children))
    document.children.insert(first_section, section)
