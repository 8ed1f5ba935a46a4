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


def test_issue6_a_gap_after_a_clause_broken_off_or_before_a_quoted_lower_case_word_is_no_paragraph_end() -> None:
    # a blank row across the page (another frame's: a margin note, a box) after a comma or a preposition, or
    # before a word in lower case behind its quote, does not end the paragraph
    for end, start in [("du comité,", "Marie Dupont, qui prête ses outils à"),
                       ("du comité de", "Marie Dupont, qui prête ses outils à"),
                       ("du comité", "« prêter » ses outils à")]:
        left = ["Le jardin partagé du quartier des Tilleuls", "réunit chaque semaine une vingtaine de",
                f"voisines et de voisins autour {end}", "", f"{start} tous.", "",
                "Une fête des récoltes clôt la saison."]
        paragraphs = _paragraphs(import_text(_laid_out(left), "jardin.txt")[0])
        assert any(p.startswith("Le jardin partagé") and p.endswith("outils à tous.") for p in paragraphs), end
        assert "Une fête des récoltes clôt la saison." in paragraphs
    # after a clause's end the blank row still ends the paragraph
    left[2:5] = ["voisines et de voisins autour du comité.", "", "Marie Dupont prête ses outils à tous."]
    paragraphs = _paragraphs(import_text(_laid_out(left), "jardin.txt")[0])
    assert "Marie Dupont prête ses outils à tous." in paragraphs


# A text column beside a margin of notes set smaller: the text's lines every other row, the note's in every row.
TEXT_BESIDE_MARGIN = ["Le jardin partagé du quartier des Tilleuls", "",
                      "réunit chaque semaine une vingtaine de", "",
                      "voisines et de voisins autour du président", "",
                      "Jean Dupont, qui prête ses outils1 à tous", "",
                      "les jardiniers et jardinières du quartier.", "", "",
                      "Les ateliers du samedi accueillent les", "",
                      "enfants des écoles voisines, qui apprennent", "",
                      "à semer, à arroser et à récolter."]
MARGIN = ["1", "  Voir la charte du jardin,", "  affichée au local des", "  outils et publiée sur",
          "  le site de la mairie", "  du quartier, avec les", "  horaires d’ouverture", "  du local et la liste",
          "  des outils prêtés aux", "  jardiniers et aux", "  jardinières, ainsi que", "  le guide du compostage",
          "  de la métropole."]


def test_issue6_a_margins_notes_set_smaller_show_a_gap_only_by_two_lines_between_the_texts() -> None:
    document, _ = import_text("\n".join(side_by_side([TEXT_BESIDE_MARGIN, MARGIN])) + "\n", "jardin.txt")
    paragraphs = _paragraphs(document)
    # one line of the margin between two of the text's is its pitch, not a gap ("président" | "Jean Dupont")
    assert "Le jardin partagé du quartier des Tilleuls réunit chaque semaine une vingtaine de voisines et de " \
           "voisins autour du président Jean Dupont, qui prête ses outils à tous les jardiniers et jardinières " \
           "du quartier." in paragraphs
    # two lines of it between them are a gap: the paragraph ended on its full line
    assert "Les ateliers du samedi accueillent les enfants des écoles voisines, qui apprennent à semer, à " \
           "arroser et à récolter." in paragraphs
    assert [plain_text(note) for note in document.notes] == [" ".join(line.strip() for line in MARGIN[1:])]


def test_issue6_a_long_title_set_large_is_one_title_of_the_table_of_contents() -> None:
    # the table wraps two titles at a name ("Jean" | "Dupont", "Méditerranée" | "Métropole": words the text
    # sets side by side); in the text, the titles set large wrap over more lines, one of them at a year's
    # hyphen, and across gaps wider than a blank row
    toc = ["Table des matières", "Le jardin des Tilleuls",
           "   Rencontre avec les jardiniers du quartier et leur président Jean",
           "   Dupont, élu au comité (2019-2022)",
           "   Les ateliers du samedi",
           "   Fête de fin de saison et des récoltes, avec les écoles de Montpellier Méditerranée",
           "   Métropole et du quartier"]
    left = ["RENCONTRE AVEC", "LES JARDINIERS DU", "", "QUARTIER ET LEUR", "PRÉSIDENT JEAN DUPONT,",
            "ÉLU AU COMITÉ (2019-", "2022)", "Le jardin partagé du quartier des Tilleuls",
            "réunit chaque semaine une vingtaine de", "voisines et de voisins.", "", "Les ateliers du samedi",
            "Les enfants des écoles voisines", "apprennent à semer et à récolter."]
    right = ["Fête de fin de saison et", "des récoltes, avec les écoles", "de Montpellier Méditerranée", "",
             "Métropole et du quartier", "La fête clôt la saison au mois", "d’octobre, avec un repas partagé",
             "entre les familles des jardiniers,", "les écoles et les voisins.", "",
             "Montpellier Méditerranée Métropole prête", "les tables et les bancs."]
    text = "\n".join(toc) + "\n\f" + _laid_out(left, right)
    document, _ = import_text(text, "jardin.txt")
    # (the title in capitals is put in normal case: compared in lower case)
    assert [heading.lower() for heading in _headings(document)] == [
        "rencontre avec les jardiniers du quartier et leur président jean dupont, élu au comité (2019-2022)",
        "les ateliers du samedi",
        "fête de fin de saison et des récoltes, avec les écoles de montpellier méditerranée métropole et du quartier"]
    assert _paragraphs(document)[0] == "Le jardin partagé du quartier des Tilleuls réunit chaque semaine une " \
                                       "vingtaine de voisines et de voisins."


def test_issue6_a_line_back_at_the_bullets_place_ends_the_item() -> None:
    # the item's lines after its bullet are indented to its text: a line flush with the bullet that opens no
    # item is the paragraph after the list, though the item does not end a sentence and its last line is full
    left = ["Les ateliers du samedi portent sur :",
            "•   les semis de printemps ;",
            "•   la taille des arbres fruitiers et des",
            "    haies, avec le gardien et les jardiniers",
            "Les enfants des écoles voisines y viennent",
            "avec leurs enseignants et leurs parents.",
            "", "Une fête des récoltes clôt la saison."]
    document, _ = import_text(_laid_out(left), "jardin.txt")
    items = [plain_text(node) for node in iter_nodes(document) if isinstance(node, t.ListItem)]
    assert items == ["les semis de printemps ;", "la taille des arbres fruitiers et des haies, avec le gardien et les jardiniers"]
    assert "Les enfants des écoles voisines y viennent avec leurs enseignants et leurs parents." \
        in _paragraphs(document)


def test_issue6_a_short_block_of_full_lines_is_not_split_at_a_sentence_end() -> None:
    # three lines without a blank line between them: "outils." is a full line, "Les" would have overrun it;
    # a sentence's end on a short line still ends its paragraph
    text = "\n".join("  " + line for line in [
        "Le jardin partagé du quartier des Tilleuls réunit chaque semaine une vingtaine",
        "de voisines et de voisins autour des parcelles, et le gardien prête les outils.",
        "Les enfants des écoles voisines apprennent à semer et à récolter les légumes.", "",
        "Une fête clôt la saison.", "Les écoles y viennent.", "",
        "Les parcelles sont attribuées au printemps par tirage au sort",
        "entre les foyers inscrits auprès du gardien du jardin.", ""])
    paragraphs = _paragraphs(import_text(text, "jardin.txt")[0])
    assert any(p.startswith("Le jardin partagé") and p.endswith("à récolter les légumes.") for p in paragraphs)
    assert "Une fête clôt la saison." in paragraphs


def test_issue6_a_gap_inside_a_name_the_text_sets_on_one_line_elsewhere_is_no_paragraph_end() -> None:
    # "Léa" | gap | "Vernet": the text names "Léa Vernet" on one line elsewhere, the name goes on
    left = ["Le jardin partagé du quartier des Tilleuls", "réunit chaque semaine une vingtaine de",
            "voisines et de voisins. Sa présidente, Léa", "", "Vernet, prête ses outils à tous.", "",
            "Léa Vernet ouvre aussi le local du jardin."]
    paragraphs = _paragraphs(import_text(_laid_out(left), "jardin.txt")[0])
    assert any(p.startswith("Le jardin partagé") and p.endswith("Léa Vernet, prête ses outils à tous.")
               for p in paragraphs)
    # a capitalised word the text never sets before that name ("Tilleuls" | "Vernet") is no name's half
    left[2:5] = ["voisines et de voisins aux Tilleuls", "", "Vernet prête ses outils à tous."]
    paragraphs = _paragraphs(import_text(_laid_out(left), "jardin.txt")[0])
    assert "Vernet prête ses outils à tous." in paragraphs
