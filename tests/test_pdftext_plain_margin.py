"""The raw-text importer on ``pdftotext``'s default output of two columns with a margin (issue 6): the
margin's pull quotes, figures and tables come between the body's titles and paragraphs, as the extraction
gives each frame in turn.

The texts are invented; the body is set by the greedy typesetter of ``test_pdftext_dense``.
"""

from __future__ import annotations

from test_pdftext_dense import body, headings_of, paragraph, paragraphs_of

from converter.readers.pdftext import import_text

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
