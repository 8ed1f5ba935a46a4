"""The raw-text importer on ``pdftotext``'s default output of a single column (issue 6): no indentation, no
blank line between paragraphs nor between a cover's items; the table of contents without the indentation
that shows its levels.

The texts are invented and set by the greedy typesetter of ``test_pdftext_dense`` (lines break where the next
word does not fit, with the importer's own width estimate).
"""

from __future__ import annotations

from test_pdftext_dense import body, paragraphs_of, typeset

from converter.readers.pdftext import import_text

TOC = ["Table des matières", "Premiers pas", "Les ateliers du samedi", "Lexique", ""]


def test_issue6_plain_cover_title_subtitle_then_items() -> None:
    # the title set large (its lines short), the subtitle in a smaller type (a wider line), then the cover's
    # items, each on its line, without any blank line between them
    cover = ["Le carnet des ateliers", "du quartier", *typeset("Un carnet qui raconte une année d'ateliers "
                                                            "numériques ouverts à tous les habitants du quartier"),
             "Les Carnets locaux #3", "Villeneuve, 12 mars 2026"]
    lines = [*cover, "", *TOC, "\fPremiers pas", *body(4), "Les ateliers du samedi", *body(4, 4)]
    document, state = import_text("\n".join(lines) + "\n")
    assert state.cover == ("Le carnet des ateliers du quartier", "Un carnet qui raconte une année d'ateliers "
                                                                 "numériques ouverts à tous les habitants du quartier")
    found = paragraphs_of(document)
    assert "Les Carnets locaux #3" in found and "Villeneuve, 12 mars 2026" in found
    assert not any("ateliers numériques ouverts" in text for text in found)  # metadata, not text
