"""The raw-text importer's reading order in a ``pdftotext -layout`` text (issue 6), rules seen in three
columns: a column whose page sets most of its lines indented.

The texts are invented and laid out as that tool lays them out (``columns_at`` of the layout step's tests).
"""

from __future__ import annotations

from test_pdftext_layout_columns import FIRST, SECOND, THIRD, _paragraphs, columns_at

from converter.readers.pdftext import import_text


def test_issue6_a_columns_flush_lines_under_an_inset_quote_are_read_before_the_next_column() -> None:
    # the second column of the second page holds a quote set in, five characters right of the column's
    # start (the start the page's own lines give), then, at its foot, the first lines of a sentence set
    # flush that the third column goes on with: cut at the page's own start they crossed its gutter and
    # were read as a band after the third column; cut where the first page shows the column, they are the
    # second column's foot, the sentence whole
    first = ["Le jardin accueille", "aussi les anciens du", "quartier, qui racontent", "les vergers d’autrefois",
             "aux plus jeunes venus", "les écouter le samedi."]
    quote = ["« Semer", "ensemble,", "c’est déjà", "récolter", "un peu", "de la", "confiance", "des voisins. »"]
    second = [*(" " * 5 + line for line in quote), "", "Pour sa première fête,", "le jardin des"]
    third = ["Tilleuls a invité les", "écoles du quartier à", "planter des bulbes."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, third]))
    paragraphs = _paragraphs(import_text(text + "\n", "fete.txt")[0])
    assert any(p.startswith("Pour sa première fête, le jardin des Tilleuls") for p in paragraphs), paragraphs


def test_issue6_a_title_over_a_quote_set_in_under_a_blank_row_is_no_glossary_term() -> None:
    # a back cover's title set large ("LES JARDINS" … "Tilleuls"), a blank row across the page, then a quote
    # set in from the column's start: a term's definition is set right under it, not a blank row below; read
    # as a term over its definition, the title's last line and the quote were one block ("Tilleuls « Semer…")
    title = ["LES JARDINS", "PARTAGÉS", "— Quartier des", "Tilleuls"]
    quote = ["« Semer", "ensemble,", "c’est déjà", "récolter.", "Le jardin", "apprend la", "patience. »"]
    first = ["Le jardin accueille", "aussi les anciens du", "quartier chaque samedi.", "", *title, "",
             *(" " * 5 + line for line in quote)]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, SECOND, THIRD]))
    paragraphs = _paragraphs(import_text(text + "\n", "dos.txt")[0])
    assert "« Semer ensemble, c’est déjà récolter. Le jardin apprend la patience. »" in paragraphs, paragraphs
