"""The raw-text importer's paragraphs in a ``pdftotext -layout`` text (issue 6): where a column's paragraph
ends or goes on when no blank line says it (the dense paragraphs' width rules, the layout step's gaps), and
what the steps after them make of the paragraphs.

The texts are invented and laid out as that tool lays them out (``side_by_side`` of the layout step's tests).
"""

from __future__ import annotations

from test_pdftext_layout import PARCELS, _paragraphs, side_by_side

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.walk import iter_nodes, plain_text


def _laid_out(left: list[str], right: list[str] = PARCELS) -> str:
    return "\n".join(side_by_side([left, right])) + "\n"


def _headings(document: t.Document) -> list[str]:
    return [plain_text(node) for node in iter_nodes(document) if isinstance(node, t.Heading)]


def test_issue6_a_short_sentence_end_whose_next_word_would_overrun_the_column_goes_on() -> None:
    # "échanger." is shorter than the column, but "Parallèlement," would not have fitted after it: the
    # typesetter had to break the line there, the paragraph goes on
    left = ["Le jardin partagé du quartier des Tilleuls",
            "réunit chaque semaine une vingtaine de",
            "voisines et de voisins autour de parcelles",
            "cultivées ensemble, sans aucun engrais. On",
            "s’y retrouve pour parler et échanger.",
            "Parallèlement, les enfants des écoles",
            "voisines apprennent à semer et à récolter",
            "les légumes de la saison avec les anciens."]
    document, _ = import_text(_laid_out(left), "jardin.txt")
    paragraphs = _paragraphs(document)
    assert any(p.startswith("Le jardin partagé") and p.endswith("avec les anciens.") for p in paragraphs)
    # a sentence's end on a line that had room for the next word still ends the paragraph
    left[4:6] = ["s’y retrouve pour parler.", "Les enfants des écoles"]
    paragraphs = _paragraphs(import_text(_laid_out(left), "jardin.txt")[0])
    assert any(p.endswith("On s’y retrouve pour parler.") for p in paragraphs)
    assert any(p.startswith("Les enfants des écoles") for p in paragraphs)


def test_issue6_a_paragraph_with_sentence_ends_under_a_rubric_is_no_title() -> None:
    # "Crédits" over a paragraph that ends with an address (no final stop): the paragraph is no subtitle
    text = "\n".join(["Un jardin pour tout le quartier", "",
                      "Le jardin partagé du quartier des Tilleuls réunit chaque semaine une vingtaine de voisins.", "",
                      "Crédits",
                      "Marie Dupont, rapporteuse des rencontres du jardin depuis 2020.",
                      "Chercheuse en sociologie urbaine, associée au laboratoire des villes.",
                      "www.mariedupont.fr", "",
                      "Paul Martin, photographe, a pris les images du jardin au fil des saisons.", ""])
    document, _ = import_text(text, "jardin.txt")
    assert "Crédits" in _headings(document)
    assert not any(heading.startswith("Marie Dupont") for heading in _headings(document))
    assert any(p.startswith("Marie Dupont") and p.endswith("www.mariedupont.fr") for p in _paragraphs(document))
