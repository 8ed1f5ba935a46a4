"""The raw-text importer on a ``pdftotext -layout`` text laid out in one column with a margin of notes
(issue 6): a title the table of contents wraps before a date's year, an ordinal set apart in a title in
capitals, an address a narrow margin cut before a piece of its path.

The texts are invented and laid out as that tool lays them out (``side_by_side`` of the layout step's tests).
"""

from __future__ import annotations

from test_pdftext_layout import PARCELS, _paragraphs, side_by_side

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.walk import iter_nodes, plain_text


def _headings(document: t.Document) -> dict[str, int]:
    return {plain_text(node): node.level for node in iter_nodes(document) if isinstance(node, t.Heading)}


RIGHT = ["Un paragraphe de la colonne de droite", "pour que le texte soit lu comme mis en",
         "page sur deux colonnes côte à côte, avec", "leurs lignes courtes et les espaces qui",
         "les séparent de la colonne de gauche.", "", "Une dernière phrase.", "",
         "Les ateliers du samedi accueillent les", "enfants des écoles voisines."]


def test_issue6_a_title_the_table_of_contents_wraps_before_a_year_is_one_title() -> None:
    """The table's line "… : 1er avril" over "2021" is one entry (a line without a letter is no title), so
    the title the body breaks after "Tilleuls" is one heading, not a speaker's turn "Saint-Martin : …"."""
    contents = ["Table des matières", "Le jardin", "Les rencontres du jardin des Tilleuls Saint-Martin : 1er avril",
                "2021", ""]
    left = ["Le jardin", "",
            "Le jardin partagé du quartier réunit",
            "chaque semaine une vingtaine de voisins.", "",
            "Les rencontres du jardin des Tilleuls",
            "Saint-Martin : 1er avril 2021",
            "Pour sa première édition, la rencontre a",
            "réuni les jardiniers de tous les quartiers",
            "autour des semis de printemps."]
    text = "\n".join(contents) + "\n\f" + "\n".join(side_by_side([left, RIGHT])) + "\n"
    document, state = import_text(text, "rencontres.txt")
    assert state.laid_out
    assert "Les rencontres du jardin des Tilleuls Saint-Martin : 1er avril 2021" in _headings(document)
    assert not any(isinstance(node, t.Turn) for node in iter_nodes(document))
    assert any(p.startswith("Pour sa première édition") for p in _paragraphs(document))


def test_issue6_an_ordinal_set_apart_in_a_title_in_capitals_is_joined() -> None:
    """``pdftotext -layout`` sets the superscript of "1ER" apart in a title in capitals, as in lower case."""
    left = ["LES RENCONTRES : 1 ER AVRIL 2021", "",
            "Le jardin partagé du quartier des Tilleuls", "réunit chaque semaine une vingtaine de",
            "voisines et de voisins autour des parcelles", "cultivées ensemble, sans aucun engrais.", "",
            "Les enfants des écoles voisines", "apprennent à semer."]
    document, state = import_text("\n".join(side_by_side([left, RIGHT])) + "\n", "rencontres.txt")
    assert state.laid_out
    text = " ".join([*_headings(document), *_paragraphs(document)])
    assert "1er avril 2021" in text.lower() and "1 er" not in text.lower()


def test_issue6_an_address_cut_before_a_piece_with_a_number_goes_on() -> None:
    """A margin cuts "books.example.org/presses" | "mines/3934?lang=fr." where the next line's first letters
    make a word ("mines"): a number after a slash, a query, make it the rest of the address."""
    left = ["Le guide des jardins est publié par les",
            "presses de l’école, en ligne sur",
            "books.example.org/presses",
            "mines/3934?lang=fr.", "",
            "Les animateurs préparent des fiches",
            "pour les écoles du quartier."]
    document, state = import_text("\n".join(side_by_side([left, PARCELS])) + "\n", "guide.txt")
    assert state.laid_out
    first = _paragraphs(document)[0]
    assert first.endswith("en ligne sur books.example.org/pressesmines/3934?lang=fr."), first
    # a word after an address, with a slash but neither number nor query, is the sentence's
    left[2:4] = ["books.example.org/presses", "et/ou sur papier."]
    first = _paragraphs(import_text("\n".join(side_by_side([left, PARCELS])) + "\n", "guide.txt")[0])[0]
    assert first.endswith("books.example.org/presses et/ou sur papier.")
