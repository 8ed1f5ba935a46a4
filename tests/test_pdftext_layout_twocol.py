"""The raw-text importer on ``pdftotext -layout`` texts in two columns (issue 6): what a column beside another
set at its own pitch makes of terms, notes and paragraphs, and what a page turn leaves open.

The texts are invented and laid out as that tool lays them out (``side_by_side`` of the layout step's tests).
"""

from __future__ import annotations

from test_pdftext_layout import PARCELS, _paragraphs, side_by_side

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.walk import iter_nodes, plain_text

RUNNING = ["Le jardin partagé du quartier des Tilleuls", "réunit chaque semaine une vingtaine de",
           "voisines et de voisins autour de parcelles", "cultivées ensemble, sans engrais ni",
           "pesticides, avec des composteurs installés", "au fond de la cour par la mairie et",
           "entretenus à tour de rôle par les habitants", "du quartier et par les enfants des écoles",
           "voisines, qui viennent chaque mercredi", "après-midi semer, arroser et récolter les",
           "légumes de la saison avec les anciens du", "quartier, qui leur apprennent les gestes",
           "du jardinier et les noms des plantes que", "l’on trouve dans les haies et les prés."]
"""A right column of one paragraph, a line on every row (a column set at its own pitch beside the other)."""


def _terms(document: t.Document) -> list[tuple[str, str]]:
    """(term, definition) of every definition list's item."""
    return [(plain_text(t.Paragraph(children=item.term)), " ".join(plain_text(b) for d in item.definitions for b in d))
            for node in iter_nodes(document) if isinstance(node, t.DefinitionList) for item in node.items]


def test_issue6_a_term_in_capitals_wrapped_between_another_columns_lines_is_one_term() -> None:
    # a list of terms in capitals over their indented text; the terms set large wrap over two lines with a
    # row between them where the column beside sets a line: the two lines are one term, not a title and a term
    left = ["Retrouvez les services du jardin :", "",
            "PASS DU JARDIN",
            "    Accéder aux parcelles du quartier", "",
            "CARTE DES SEMENCES", "",
            "PARTAGÉES",
            "    Échanger les graines de la saison", "",
            "ATELIER DES OUTILS", "",
            "COMMUNS",
            "    Réparer et prêter les outils", "",
            "FÊTE DES RÉCOLTES",
            "    Partager les légumes de l’été"]
    document, _ = import_text("\n".join(side_by_side([left, RUNNING])) + "\n", "jardin.txt")
    terms = _terms(document)
    assert ("Carte des semences partagées", "Échanger les graines de la saison") in terms
    assert ("Atelier des outils communs", "Réparer et prêter les outils") in terms
    assert len(terms) == 4


def test_issue6_a_term_at_a_columns_head_does_not_go_on_with_the_previous_columns_foot() -> None:
    # the left column's last text has no final stop; the right column opens with the next term in capitals
    # over its indented text: a new entry, not the end of the text above
    left = [*RUNNING, "",
            "PASS DU JARDIN",
            "    Accéder aux parcelles du quartier", "",
            "ATELIER DES OUTILS",
            "    Réparer et prêter les outils"]
    right = ["FÊTE DES RÉCOLTES",
             "    Partager les légumes de l’été", "",
             "JARDIN DES ENFANTS",
             "    Semer et récolter avec les écoles", "",
             "Les inscriptions ouvrent au printemps,", "chaque premier samedi du mois, au local",
             "du jardin, de neuf heures à midi."]
    document, _ = import_text("\n".join(side_by_side([left, right])) + "\n", "jardin.txt")
    terms = _terms(document)
    assert ("Atelier des outils", "Réparer et prêter les outils") in terms
    assert ("Fête des récoltes", "Partager les légumes de l’été") in terms


def test_issue6_a_page_opening_with_a_capital_goes_on_with_the_line_its_first_word_would_have_overrun() -> None:
    # the previous page's text stops on a full line without a sentence's end, its notes under it; the next
    # page opens with a name: the paragraph goes on across the page turn, its first letter notwithstanding
    right = ["Les ateliers du samedi accueillent les",
             "enfants des écoles voisines, qui apprennent",
             "à semer, à arroser et à récolter au fil de",
             "la saison, avec les composteurs1 installés",
             "selon la méthode qu’a décrite le chercheur",
             "",
             "1",
             "  Voir le guide du compostage collectif de",
             "  la métropole."]
    left_2 = ["Michael Gurstein dans son guide des",
              "jardins partagés de quartier, publié par",
              "la mairie au printemps dernier.", "",
              "Une fête des récoltes clôt la saison."]
    pages = [side_by_side([RUNNING, right]), side_by_side([left_2, PARCELS])]
    document, _ = import_text("\n\f".join("\n".join(page) for page in pages) + "\n", "jardin.txt")
    paragraphs = _paragraphs(document)
    assert any(p.startswith("Les ateliers du samedi") and p.endswith("la mairie au printemps dernier.")
               for p in paragraphs)
    # a line that had room for the next page's first word ends its paragraph there (here a signature's)
    right[3:5] = ["la saison, avec les composteurs1 du jardin.", "L’équipe du jardin"]
    left_2[0] = "Pierre Gurstein dans son guide des"
    pages = [side_by_side([RUNNING, right]), side_by_side([left_2, PARCELS])]
    paragraphs = _paragraphs(import_text("\n\f".join("\n".join(page) for page in pages) + "\n", "jardin.txt")[0])
    assert any(p.startswith("Pierre Gurstein dans son guide") for p in paragraphs)
    # nor does a title in capitals opening the page go on with the line it would have overrun
    right[3:5] = ["la saison, avec les composteurs1 installés", "selon la méthode qu’a décrite le chercheur"]
    pages = [side_by_side([RUNNING, right]), side_by_side([["ATELIER 1", *left_2[1:]], PARCELS])]
    paragraphs = _paragraphs(import_text("\n\f".join("\n".join(page) for page in pages) + "\n", "jardin.txt")[0])
    assert any(p.endswith("qu’a décrite le chercheur") for p in paragraphs)


def test_issue6_a_note_a_margin_sets_after_a_later_one_is_a_note() -> None:
    # the margin sets each note beside its call: the right column calls note 3 on its second line, the left
    # one notes 1 and 2 lower down; read top to bottom, the margin gives 3, then 1 and 2
    left = ["Le jardin partagé du quartier des Tilleuls", "réunit chaque semaine une vingtaine de",
            "voisines et de voisins autour de parcelles", "cultivées ensemble, sans engrais ni",
            "pesticides, avec des composteurs1 installés", "au fond de la cour par la mairie et",
            "entretenus à tour de rôle par les habitants", "du quartier et par les enfants des écoles2",
            "voisines, qui viennent chaque mercredi."]
    right = ["Les parcelles sont attribuées au printemps", "par tirage au sort entre les foyers3",
             "inscrits auprès du gardien du jardin.", "", "Chaque foyer signe la charte du jardin et",
             "s’engage à venir arroser à tour de rôle", "pendant les vacances d’été."]
    margin = ["3", "  Voir le calendrier.", "", "", "1", "  Voir le guide du", "  compostage.", "2",
              "  Les écoles du quartier."]
    document, _ = import_text("\n".join(side_by_side([left, right, margin])) + "\n", "marge.txt")
    notes = {note.id: plain_text(note) for note in document.notes}
    calls = [notes[node.note_id] for node in iter_nodes(t.Document(children=document.children))
             if isinstance(node, t.NoteRef)]
    assert calls == ["Voir le guide du compostage.", "Les écoles du quartier.", "Voir le calendrier."]


def test_issue6_a_line_breaking_off_a_clause_over_an_address_is_no_title_of_it() -> None:
    # "… sur" over the address: the sentence goes on with the address, which stays in the text; a title
    # over an address (no final stop, no clause broken off) becomes the link's text
    for lead, kept in [("Retrouvez le reportage complet sur", True), ("Le reportage complet", False)]:
        left = [*RUNNING, "", lead, "youtu.be/AbCdEf12"]
        document, _ = import_text("\n".join(side_by_side([left, PARCELS])) + "\n", "jardin.txt")
        links = [(node.target, plain_text(node)) for node in iter_nodes(document) if isinstance(node, t.Link)]
        if kept:
            assert any(p == f"{lead} youtu.be/AbCdEf12" for p in _paragraphs(document))
        assert links == [("https://youtu.be/AbCdEf12", "youtu.be/AbCdEf12" if kept else lead)], lead


def test_issue6_a_note_ending_with_an_address_goes_on_under_the_next_columns_broken_off_text() -> None:
    # the left column's note ends with an address and its stop; the right column's text breaks off a clause
    # (it goes on on the next page), then, after a gap, a sentence in capitals: the note's rest, not the text's
    left = ["Le jardin partagé du quartier des Tilleuls", "réunit chaque semaine une vingtaine de",
            "voisines et de voisins autour de parcelles", "cultivées ensemble, avec des composteurs1",
            "installés au fond de la cour par la mairie.", "", "1", "  Voir le guide du compostage :",
            "  jardins-partages.fr/guide/."]
    right = ["Les parcelles sont attribuées au printemps", "par tirage au sort entre les foyers",
             "inscrits auprès du gardien du jardin, avec", "une circulation de", "", "", "",
             "Notons que le guide est aussi affiché", "au local du jardin."]
    document, _ = import_text("\n".join(side_by_side([left, right])) + "\n", "jardin.txt")
    assert [plain_text(note) for note in document.notes] == [
        "Voir le guide du compostage : jardins-partages.fr/guide/. Notons que le guide est aussi affiché au local "
        "du jardin."]
    assert not any("Notons" in p for p in _paragraphs(document))
    # in lower case after the clause broken off, it is the text's sentence going on (a box set between)
    right[7] = "notons que le guide est aussi affiché"
    document, _ = import_text("\n".join(side_by_side([left, right])) + "\n", "jardin.txt")
    assert any(p.endswith("une circulation de notons que le guide est aussi affiché au local du jardin.")
               for p in _paragraphs(document))
    # after a sentence's end, the paragraph is the text's
    right[3], right[7] = "une circulation apaisée.", "Notons que le guide est aussi affiché"
    document, _ = import_text("\n".join(side_by_side([left, right])) + "\n", "jardin.txt")
    assert any(p.startswith("Notons que le guide") for p in _paragraphs(document))


def test_issue6_a_quote_set_in_a_narrow_box_is_measured_by_its_own_lines() -> None:
    # a quote in a box narrower than its column: a sentence's end on one of its lines does not end the
    # quote's paragraph because the next word would have fitted in the column; it would not in the box
    right = ["Les parcelles sont attribuées au printemps", "par tirage au sort entre les foyers.", "",
             " “Le jardin est à tous", " et à toutes, il nous", " apprend la patience.", " Chacun y trouve sa",
             " place et son rythme”", "",
             "Chaque foyer signe la charte du jardin et", "s’engage à venir arroser à tour de rôle",
             "pendant les vacances d’été."]
    document, _ = import_text("\n".join(side_by_side([RUNNING, right])) + "\n", "jardin.txt")
    assert "“Le jardin est à tous et à toutes, il nous apprend la patience. Chacun y trouve sa place et son " \
           "rythme”" in _paragraphs(document)


def test_issue6_an_address_at_a_columns_foot_ends_its_paragraph_before_a_capital() -> None:
    # an address ends its sentence without a stop: the next column, opening with a capital, opens a paragraph
    # (the address fills its line: the next column's first word would not have fitted after it)
    left = [*RUNNING, "", "Retrouvez le reportage complet sur", "youtu.be/AbCdEf12GhIjKlMnOpQrStUvWxYz"]
    right = ["Justement, les parcelles sont attribuées", *PARCELS[1:]]
    document, _ = import_text("\n".join(side_by_side([left, right])) + "\n", "jardin.txt")
    paragraphs = _paragraphs(document)
    assert "Retrouvez le reportage complet sur youtu.be/AbCdEf12GhIjKlMnOpQrStUvWxYz" in paragraphs
    assert any(p.startswith("Justement, les parcelles sont attribuées") for p in paragraphs)


def test_issue6_a_line_back_at_the_columns_start_ends_an_item_opened_in_the_previous_column() -> None:
    # the item's bullet is at the left column's foot, its last lines open the right column, indented
    left = [*RUNNING, "", "Le jardin propose :", "•   des ateliers de semis pour les enfants",
            "    des écoles ;", "•   des parcelles partagées entre les foyers"]
    # (its last line full: the next line's first word would not have fitted on it)
    right = ["    du quartier, attribuées chaque année", "    par tirage au sort entre les voisins.",
             "Retrouvez le calendrier des ateliers au", "local du jardin, ouvert le samedi matin.", "",
             *PARCELS]
    document, _ = import_text("\n".join(side_by_side([left, right])) + "\n", "jardin.txt")
    items = [plain_text(node) for node in iter_nodes(document) if isinstance(node, t.ListItem)]
    assert items[-1] == "des parcelles partagées entre les foyers du quartier, attribuées chaque année par tirage " \
                        "au sort entre les voisins."
    assert "Retrouvez le calendrier des ateliers au local du jardin, ouvert le samedi matin." in _paragraphs(document)


def test_issue6_a_gap_after_a_line_ending_with_a_hyphen_is_no_paragraph_end() -> None:
    # a blank row across the page (another frame's) after "États-": the word goes on under it
    left = ["Le jardin partagé du quartier des Tilleuls", "réunit chaque semaine une vingtaine de",
            "voisines et de voisins venus des États-", "", "Unis ou d’ailleurs, qui cultivent ensemble",
            "les parcelles de la cour."]
    right = [*PARCELS[:3], "", *PARCELS[4:]]
    document, _ = import_text("\n".join(side_by_side([left, right])) + "\n", "jardin.txt")
    assert any(p.startswith("Le jardin partagé") and "des États-Unis ou d’ailleurs" in p for p in _paragraphs(document))


def test_issue6_a_note_broken_off_after_a_comma_goes_on_with_a_capital_under_the_next_columns_text() -> None:
    # the note ends with a comma ("…, Éditions du Jardin,"); the right column's text stops mid-sentence (it
    # goes on on the next page), then after a gap "Collection Potagers." ends the note
    left = [*RUNNING[:10], "légumes de la saison avec les anciens1.", "", "1",
            "  Voir le guide du compostage, paru en", "  2018 aux Éditions du Jardin,"]
    right = [*PARCELS[:3], "Chaque foyer signe la charte du jardin et", "s’engage à venir arroser à tour de rôle",
             "pendant les vacances d’été, avec l’aide", "des voisins et des voisines, qui se sont",
             "réunis en association pour en définir", "les règles et les horaires, et qui se",
             "demandent encore aujourd’hui comment", "", "", "", "Collection Potagers."]
    document, _ = import_text("\n".join(side_by_side([left, right])) + "\n", "jardin.txt")
    assert [plain_text(note) for note in document.notes] == [
        "Voir le guide du compostage, paru en 2018 aux Éditions du Jardin, Collection Potagers."]


def test_issue6_a_line_of_handles_after_a_sentences_end_is_a_paragraph_of_its_own() -> None:
    # the handle would have overrun the short line above it: that is no sign the paragraph goes on
    left = [*RUNNING[:5], "au fond de la cour.", "@JardinsPartagesDesTilleuls", "", "@JardinsTilleuls"]
    paragraphs = _paragraphs(import_text("\n".join(side_by_side([left, PARCELS])) + "\n", "jardin.txt")[0])
    assert "@JardinsPartagesDesTilleuls" in paragraphs
    assert any(p.endswith("installés au fond de la cour.") for p in paragraphs)
