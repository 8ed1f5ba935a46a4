"""The raw-text importer's paragraphs in a ``pdftotext -layout`` text (issue 6), more rules seen in three
columns: a name cut at a line's end in a narrow column.

The texts are invented and laid out as that tool lays them out (``side_by_side`` of the layout step's tests).
"""

from __future__ import annotations

from test_pdftext_layout import PARCELS, _paragraphs, side_by_side
from test_pdftext_layout_columns import FIRST, SECOND, THIRD, _headings, columns_at

from converter.readers.pdftext import import_text


def _laid_out(left: list[str], right: list[str] = PARCELS) -> str:
    return "\n".join(side_by_side([left, right])) + "\n"


def test_issue6_a_first_name_alone_over_its_surname_is_no_paragraph_of_its_own() -> None:
    # a quote's signature: "Léa" alone on its line after the quote's end, "Vernet, présidente…" under it; the
    # text names "Léa Vernet" on one line elsewhere, the name is cut at the line's end, not a title
    left = ["Léa Vernet ouvre chaque samedi le local",
            "du jardin partagé aux voisines et aux",
            "voisins du quartier des Tilleuls.", "",
            "“Le jardin nous apprend",
            "la patience et le partage.”",
            "Léa",
            "Vernet, présidente du jardin",
            "partagé des Tilleuls"]
    paragraphs = _paragraphs(import_text(_laid_out(left), "jardin.txt")[0])
    assert not any(p == "Léa" for p in paragraphs)
    assert any(p.endswith("Léa Vernet, présidente du jardin partagé des Tilleuls") for p in paragraphs)
    # a capitalised word the text never sets before that name is no name's half: a title of its own
    left[6] = "Tilleuls"
    paragraphs = _paragraphs(import_text(_laid_out(left), "jardin.txt")[0])
    assert not any(p.endswith("Tilleuls Vernet, présidente du jardin partagé des Tilleuls") for p in paragraphs)


def test_issue6_an_address_cut_at_its_slashes_ends_its_column_before_a_quote_opening_the_next() -> None:
    # the first column ends with an address a narrow column cut after its slashes ("jardins-tilleuls.fr/" |
    # "guides/" | "compostage"), the second opens a sentence with a quote: two paragraphs
    first = ["Le jardin accueille", "aussi les anciens du", "quartier chaque samedi.", "",
             "POUR EN SAVOIR PLUS,", "jardins-tilleuls.fr/", "guides/", "compostage"]
    second = ["« Semer ensemble »,", "voilà ce que le jardin", "propose aux écoles", "du quartier."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, THIRD])) + "\n"
    paragraphs = _paragraphs(import_text(text, "adresse.txt")[0])
    assert any(p.startswith("« Semer ensemble »") for p in paragraphs), paragraphs
    # an address cut at the column's foot goes on in lower case
    second[0] = "semer/ensemble"
    paragraphs = _paragraphs(import_text(
        "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, THIRD])) + "\n",
        "adresse.txt")[0])
    assert not any(p.startswith("semer/ensemble") for p in paragraphs), paragraphs


def test_issue6_a_handle_ending_a_column_ends_its_paragraph_before_a_capital() -> None:
    # a social-media handle ends its line without a stop, as an address does: the next column's capital
    # opens a paragraph of its own
    first = ["Le jardin accueille", "aussi les anciens du", "quartier chaque samedi.", "",
             "@JardinsDesTilleu", "ls @JardinTilleuls"]
    second = ["Une fête du jardin", "clôt la saison au mois", "d’octobre avec les", "écoles du quartier."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, THIRD])) + "\n"
    paragraphs = _paragraphs(import_text(text, "reseaux.txt")[0])
    assert any(p.startswith("Une fête du jardin") for p in paragraphs), paragraphs


def test_issue6_an_entry_of_the_table_of_contents_set_a_word_a_line_is_one_title() -> None:
    # a title set large on a back cover, a word a line, its first lines in capitals ("LES" | "JARDINS" | …
    # | "— Quartier des" | "Tilleuls"): the table of contents gives its extent, one title; its short first
    # line is no title over a text
    contents = ["Table des matières", "Le jardin", "Les jardins partagés #3 — Quartier des Tilleuls"]
    title = ["LES", "JARDINS", "PARTAGÉS", "#3 — Quartier", "des Tilleuls"]
    first = ["LE JARDIN", "", *FIRST, "Les bénévoles tiennent", "le registre des outils", "prêtés et rendus",
             "chaque semaine au local", "commun du jardin.", "", *title]
    second = ["", "", *SECOND]
    third = ["", "", *THIRD]
    text = "\n".join(contents) + "\n\f" + "\n".join(columns_at([first, second, third])) + "\n"
    document, _ = import_text(text, "dos.txt")
    headings = [title.lower() for title, _ in _headings(document)]
    assert "les" not in headings, headings
    assert "les jardins partagés #3 — quartier des tilleuls" in headings, headings
