"""The raw-text importer on ``pdftotext``'s default output of two columns with a margin (issue 6): the
margin's pull quotes, figures and tables come between the body's titles and paragraphs, as the extraction
gives each frame in turn.

The texts are invented; the body is set by the greedy typesetter of ``test_pdftext_dense``.
"""

from __future__ import annotations

from test_pdftext_dense import WIDTH, body, headings_of, paragraph, paragraphs_of, typeset

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.readers.pdftext.widths import printed_width
from converter.walk import iter_nodes, plain_text

TOC = ["Table des matières", "Présentation", "Rencontre avec l’équipe", "Un entretien croisé",
       "Ce qu’il faut retenir", "Lexique", "À propos du document", ""]


def _margin_text() -> str:
    """A section whose title is followed by a pull quote of the margin, then its first part's title, then
    the quote's attribution; a glossary whose last entry a note and the page cut, then a new part."""
    lines = ["Le carnet des ateliers", "", *TOC, "Page 1", "Présentation", *body(2),
             "Page 2", "Rencontre avec l’équipe", "", "« Le numérique doit rester un moyen, jamais une fin. »", "",
             "Un entretien croisé", "", "Un participant", "", *paragraph(2, "1"), *paragraph(3), "Ce qu’il faut retenir", *body(2, 4),
             "Page 3", "", "Lexique", "CCAS", "Centre communal d’action sociale : établissement public",
             "qui anime l’action sociale de la commune.", "EPN", "Espace public numérique : lieu",
             "d’accès et d’accompagnement au numérique.", "Médiation numérique", "Accompagnement des",
             "personnes vers l’usage", "", "L’EPN a été inauguré le 4", "septembre 2019.", "1", "",
             "\fautonome des outils numériques.", "", "À propos du document", *body(2, 6)]
    return "\n".join(lines) + "\n"


def test_issue6_plain_margin_pull_quote_between_a_section_and_its_part() -> None:
    # "Rencontre…", the margin's quotation, "Un entretien croisé": the quotation stands in another frame, the
    # second title is still right under the first one (its first part), and the next title a part again
    levels = {text: level for level, text in headings_of(import_text(_margin_text())[0])}
    assert levels["Rencontre avec l’équipe"] == 2
    assert levels["Un entretien croisé"] == 3 and levels["Ce qu’il faut retenir"] == 3


def test_issue6_plain_margin_attribution_after_the_title_beside_it() -> None:
    # the quotation's attribution comes after the body's title the extraction gave between them
    found = paragraphs_of(import_text(_margin_text())[0])
    assert "Un participant" not in found
    assert "« Le numérique doit rester un moyen, jamais une fin. »" in found


def test_issue6_plain_margin_title_after_a_glossary_cut_by_a_note_and_a_page() -> None:
    # the glossary's last entry goes on after a note and the page's end: the title after it opens a new part
    levels = {text: level for level, text in headings_of(import_text(_margin_text())[0])}
    assert levels["À propos du document"] == 2


def _table_text() -> list[str]:
    """A table in the margin, each cell alone between blank lines: its header's first cell right under the
    caption above it (no blank line between), a header cell wrapped by the narrow column."""
    cells = ["Ateliers", "Particip\nants", "Centre", "12", "60", "Nord", "8", "35", "Sud", "5", "25"]
    return ["", "Fréquentation des ateliers au", "premier trimestre.", "Quartier", "", *"\n\n".join(cells).split("\n"),
            ""]


def test_issue6_plain_margin_table_cells_with_a_glued_header_and_a_wrapped_cell() -> None:
    lines = ["Le carnet des ateliers", "", *TOC, "Page 1", "Présentation", *body(3), *_table_text(), *body(2, 3)]
    document = import_text("\n".join(lines) + "\n")[0]
    found = paragraphs_of(document)
    assert not {"Ateliers", "Particip ants", "Centre", "12", "Quartier"} & set(found)
    assert "Fréquentation des ateliers au premier trimestre." in found  # the text above keeps its lines
    tables = [n for n in iter_nodes(document) if isinstance(n, t.Table)]
    assert len(tables) == 1
    assert [plain_text(cell) for cell in tables[0].rows[0].cells] == ["Quartier", "Ateliers", "Participants"]


def test_issue6_plain_margin_note_above_its_number_inside_the_body_sentence() -> None:
    # a note of the margin, its number at its foot, between two pieces of the body's sentence (the body goes
    # on in lower case after it): the note's text is the block above the number, its address cut at a letter
    # as the margin's line ended
    first = paragraph(0, "1")
    lines = ["Le carnet des ateliers", "", *TOC, "Page 1", "Présentation", *body(2, 1), *first[:-1],
             "sa première édition, une", "", "Voir : revue-exemple.fr/uploads/2021/02/charte_typ",
             "ographie.pdf.", "1", "", "initiative portée par la ville et ses partenaires du quartier.", *body(2, 3)]
    document = import_text("\n".join(lines) + "\n")[0]
    assert [plain_text(note) for note in document.notes] == \
        ["Voir : revue-exemple.fr/uploads/2021/02/charte_typographie.pdf."]
    assert not any(text.startswith("Voir") for text in paragraphs_of(document))


def test_issue6_plain_margin_beside_two_columns_is_two_thirds_of_a_column() -> None:
    # beside a page of two columns, the margin is narrower than the body's column by a third only: its notes
    # (each under its text, its number at its foot) are still a margin's, and an address line pdftotext
    # joined across the margin's lines gets back the hyphen dropped at a line's end ("…/wp-" | "content/…")
    margin = int(0.68 * WIDTH)
    first = [*typeset("Sur ce point, voir le rapport annuel de la ville et son annexe sur les ateliers.", margin),
             "1"]
    head = "Voir : les-ateliers-du-quartier-nord.fr/wp-"
    assert printed_width(head) < margin < printed_width(head + "content/")
    second = ["Voir : les-ateliers-du-quartier-nord.fr/wpcontent/uploads/2021/programme.pdf.", "2"]
    assert max(printed_width(line) for line in first[:-1]) > 0.6 * WIDTH
    lines = ["Mon carnet", "Page 1", *paragraph(0, "1"), "", *first, "", *paragraph(1), *paragraph(2, "2"), "",
             *second, "", *paragraph(3), "Page 2", *body(3, 4)]
    document = import_text("\n".join(lines) + "\n")[0]
    assert [plain_text(note) for note in document.notes][1] == \
        "Voir : les-ateliers-du-quartier-nord.fr/wp-content/uploads/2021/programme.pdf."


def test_issue6_plain_margin_about_as_wide_as_the_column_still_mends_its_addresses() -> None:
    # a margin beside two narrow columns, almost as wide as the body's column: its notes (each under its text,
    # its number at its foot, the body after it) are a margin's; the margin's width is then measured on their
    # lines under the column's, and an address line pdftotext joined gets back its dropped hyphen ("…/wp-" |
    # "content/…")
    margin = int(0.9 * WIDTH)
    first = typeset("Sur ce point, voir le rapport annuel de la ville et son annexe sur les ateliers de "
                    "l’année.", margin)
    assert min(printed_width(line) for line in first[:-1]) > 0.75 * WIDTH
    head = "Voir : les-ateliers-du-quartier-nord-et-du-centre-ville.fr/wp-"
    assert printed_width(head) < max(printed_width(line) for line in first[:-1]) < printed_width(head + "content/")
    second = "Voir : les-ateliers-du-quartier-nord-et-du-centre-ville.fr/wpcontent/uploads/programme.pdf."
    lines = ["Mon carnet", "Page 1", *paragraph(0, "1"), "", *first, "1", "", *body(3, 1), *paragraph(4, "2"), "",
             second, "2", "", *body(3, 5), "Page 2", *body(3, 8)]
    document = import_text("\n".join(lines) + "\n")[0]
    assert [plain_text(note) for note in document.notes][1] == \
        "Voir : les-ateliers-du-quartier-nord-et-du-centre-ville.fr/wp-content/uploads/programme.pdf."


def test_issue6_plain_margin_table_cells_end_before_a_title_alone_on_its_line() -> None:
    # the table's last cell, a blank line, then a title of the table of contents alone on its line: the title
    # is no cell (the run would not fall into rows with it)
    lines = ["Le carnet des ateliers", "", *TOC, "Page 1", "Présentation", *body(3), *_table_text(), "Lexique",
             "", *body(2, 3)]
    document = import_text("\n".join(lines) + "\n")[0]
    assert len([n for n in iter_nodes(document) if isinstance(n, t.Table)]) == 1
    assert "Lexique" in [text for _, text in headings_of(document)]
