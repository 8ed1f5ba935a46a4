"""The raw-text importer's paragraph ends in a ``pdftotext -layout`` text (issue 6), rules seen in three
columns with pull quotes: a pull quote takes room in a column and pushes the body's sentences across column
ends; the notes at a column's foot, set smaller, have a pitch of their own.

The texts are invented and laid out as that tool lays them out (``columns_at`` of the layout step's tests).
"""

from __future__ import annotations

from test_pdftext_layout_columns import FIRST, SECOND, THIRD, _paragraphs, columns_at

from converter.readers.pdftext import import_text


def _read(first: list[str], second: list[str], third: list[str], name: str) -> list[str]:
    """The paragraphs of two pages: the first shows where the columns start, the second holds the case."""
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, third]))
    return _paragraphs(import_text(text + "\n", name)[0])


def test_issue6_a_closing_quote_at_a_columns_foot_goes_on_in_lower_case() -> None:
    # the first column ends with a closing quotation mark without a stop, the second opens in lower case: the
    # sentence goes on across the column end ("» is a mark that ends a sentence" made it two paragraphs)
    first = ["Le jardin accueille", "aussi les anciens du", "quartier, qui prêtent", "des outils « partagés »"]
    second = ["et que chacun rend", "le soir au local."]
    paragraphs = _read(first, second, THIRD, "outils.txt")
    assert "Le jardin accueille aussi les anciens du quartier, qui prêtent des outils « partagés » et que " \
           "chacun rend le soir au local." in paragraphs, paragraphs



def test_issue6_a_handle_then_capitals_ends_its_paragraph_in_a_layout_text() -> None:
    # a handle ends its sentence without a stop, a line opening with words in capitals follows (a title set
    # large, in the column's pitch): two units, though the handle's line had no room for the next word
    first = ["Le jardin accueille", "tout le quartier.", "Suivez-nous sur", "@JardinsDesTilleuls",
             "LES CARNETS DU", "JARDIN PARTAGÉ"]
    paragraphs = _read(first, SECOND, THIRD, "reseaux.txt")
    assert not any("@JardinsDesTilleuls LES" in p for p in paragraphs), paragraphs



def test_issue6_notes_at_a_columns_foot_do_not_show_the_bodys_pitch() -> None:
    # the third column's notes, set smaller, have lines on the rows of two lines of the first column and none
    # between: not the body's pitch (the second column's two lines down to the lower one show the gap)
    first = ["Le jardin accueille", "les anciens du quartier", "chaque fin de semaine.", "", "Une fête clôt la",
             "saison en octobre."]
    second = ["Les ateliers du samedi", "accueillent les enfants", "", "des écoles voisines,", "qui apprennent à semer."]
    third = ["La mairie prête les", "outils du jardin.", "12", "", "    Voir le site du", "    jardin."]
    paragraphs = _read(first, second, third, "pied.txt")
    assert "Une fête clôt la saison en octobre." in paragraphs, paragraphs
