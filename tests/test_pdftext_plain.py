"""The raw-text importer on ``pdftotext``'s default output of a single column (issue 6): no indentation, no
blank line between paragraphs nor between a cover's items; the table of contents without the indentation
that shows its levels.

The texts are invented and set by the greedy typesetter of ``test_pdftext_dense`` (lines break where the next
word does not fit, with the importer's own width estimate).
"""

from __future__ import annotations

from test_pdftext_dense import WIDTH, body, headings_of, paragraphs_of, typeset

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.readers.pdftext.widths import _next_word_fits
from converter.walk import iter_nodes, plain_text

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


def _sections_text() -> str:
    """A carnet in pdftotext's default output: a table of contents without indentation, titles inside pages
    and at their top, a part's title right under its section's, a rubric followed by its text."""
    toc = ["Table des matières", "Présentation", "Les ateliers", "Le matin", "L’après-midi", "Le soir", "Ressources",
           "Les guides", "Crédits", "Les Carnets locaux #3 — Villeneuve", ""]
    lines = ["Le carnet des ateliers", "", *toc,
             "Page 1", "Présentation", *body(2),
             "Page 2", "Les ateliers", "Le matin", *body(2, 2), "L’après-midi", *body(2, 4),
             "Page 3", "Le soir", *body(2, 6), "Ressources", "Les guides", *body(2, 8),
             "Page 4", "Crédits", *body(2, 10), "LES CARNETS LOCAUX #3 —", "Villeneuve", *body(2, 12)]
    return "\n".join(lines) + "\n"


def test_issue6_plain_title_inside_a_page_after_a_part_is_a_part() -> None:
    # the table of contents, without indentation, does not give the levels: a title inside a page after a
    # section's part is its next part
    levels = {text: level for level, text in headings_of(import_text(_sections_text())[0])}
    assert levels["Les ateliers"] == 2 and levels["Le matin"] == 3
    assert levels["L’après-midi"] == 3


def test_issue6_plain_title_over_a_title_opens_a_section() -> None:
    # two titles with no text between: the first opens a section (even after a part), the second is its part
    levels = {text: level for level, text in headings_of(import_text(_sections_text())[0])}
    assert levels["Ressources"] == 2 and levels["Les guides"] == 3


def test_issue6_plain_page_opening_with_a_part() -> None:
    # a title at a page's top after a part, another title following on its page after text: a part too (a
    # page break fell before it), not a new section
    levels = {text: level for level, text in headings_of(import_text(_sections_text())[0])}
    assert levels["Le soir"] == 3
    assert levels["Présentation"] == 2 and levels["Les ateliers"] == 2


def test_issue6_plain_rubric_with_text_opens_no_part() -> None:
    # "Crédits" followed by its text: the title after it is a section of its own; the table of contents gives
    # the extent of a title whose first line is in capitals
    levels = {text: level for level, text in headings_of(import_text(_sections_text())[0])}
    assert levels["Crédits"] == 2
    assert levels.get("Les carnets locaux #3 — Villeneuve") == 2, levels


def _with_body(*middle: str) -> str:
    """``middle`` between dense paragraphs (enough of them for the text to be read as dense); the pages marked
    by ``Page N`` lines (then a number alone is no page number)."""
    return "\n".join(["Page 1", "", *body(4), *middle, *body(4, 4), "Page 2"]) + "\n"


def test_issue6_plain_table_cells_alone_on_their_lines() -> None:
    # pdftotext's default output gives a table's cells one by one between blank lines: a header of words,
    # then rows of a label and numbers
    cells = ["Quartier", "Ateliers", "Participants", "Centre", "12", "60", "Nord", "8", "35", "Sud", "5", "25"]
    document, _ = import_text(_with_body("", *[line for cell in cells for line in (cell, "")]))
    tables = [n for n in iter_nodes(document) if isinstance(n, t.Table)]
    assert len(tables) == 1
    rows = [[plain_text(cell) for cell in row.cells] for row in tables[0].rows]
    assert rows == [cells[0:3], cells[3:6], cells[6:9], cells[9:12]]
    assert tables[0].rows[0].header
    assert not any(text in ("Centre", "12") for text in paragraphs_of(document))


def test_issue6_plain_short_lines_without_numbers_are_no_table() -> None:
    # short lines alone (a programme's items) hold no numbers in rows: paragraphs
    items = ["Accueil", "Ateliers", "Repas", "Débat", "Clôture", "Concert"]
    document, _ = import_text(_with_body("", *[line for item in items for line in (item, "")]))
    assert not [n for n in iter_nodes(document) if isinstance(n, t.Table)]


def test_issue6_plain_stars_alone_are_a_thematic_break() -> None:
    document, _ = import_text(_with_body("", "***", ""))
    assert [n for n in iter_nodes(document) if isinstance(n, t.ThematicBreak)]
    assert "***" not in paragraphs_of(document)


def test_issue6_plain_address_ending_a_sentence_is_text() -> None:
    # "… à l'adresse" | "https://….": the address ends the sentence, in its paragraph (the link lines a PDF
    # reader appends at a page's end hold no stop)
    document, _ = import_text(_with_body("Le code source du site est publié à l’adresse", "https://exemple.fr/code.",
                                         "Chaque habitant peut le lire."))
    assert any(text.endswith("à l’adresse https://exemple.fr/code.") for text in paragraphs_of(document)), \
        paragraphs_of(document)


def test_issue6_plain_line_turning_to_capitals_opens_a_unit() -> None:
    # a full line in lower case, then one opening with words in capitals (a lead-in, a label): a paragraph of
    # its own, where the reflow test cannot tell; an acronym alone opening the next line does not
    full = typeset("Le carnet est diffusé sous licence ouverte par le programme national et ses partenaires "
                   "dans toutes les régions du pays, pour que chacun puisse le lire, le copier et le partager avec "
                   "ses voisins et ses collègues")[:-1]
    assert not _next_word_fits(full[-1], "POUR", WIDTH)
    acronym = typeset("Le programme soutient les communes rurales et les associations de quartier avec des moyens "
                      "venus de")[:-1]
    lines = [*full, "POUR EN SAVOIR PLUS, écrivez-nous.", *acronym, "ANCT et des régions."]
    found = paragraphs_of(import_text(_with_body(*lines))[0])
    assert " ".join(full) in found
    assert "POUR EN SAVOIR PLUS, écrivez-nous." in found
    assert f"{' '.join(acronym)} ANCT et des régions." in found


def test_issue6_plain_margin_note_set_before_its_number() -> None:
    # a note in a margin: pdftotext gives its text, a block of its own, then its number at its foot, then the
    # body's paragraph; the body after the number is no note
    lines = ["", "Voir : exemple.fr/ateliers.", "1", "", *body(2, 8)]
    document, state = import_text(_with_body(*lines).replace("chaque semaine des", "chaque semaine1 des", 1))
    assert [note.raw() for note in state.notes.values()] == ["Voir : exemple.fr/ateliers."]
    assert any(text.startswith("Une carte des lieux") for text in paragraphs_of(document))


def test_issue6_plain_quotation_and_its_attribution() -> None:
    # a paragraph wholly between quotation marks, then a short line without final punctuation: the quotation
    # and its attribution (initials alone are a signature, a title of the table of contents no attribution)
    document, _ = import_text(_with_body("", "« Le numérique doit rester un moyen, jamais une fin. »", "Un participant",
                                         ""))
    quotes = [n for n in iter_nodes(document) if isinstance(n, (t.PullQuote, t.BlockQuote))]
    assert quotes and "Un participant" in plain_text(quotes[0])
    assert "Un participant" not in paragraphs_of(document)
