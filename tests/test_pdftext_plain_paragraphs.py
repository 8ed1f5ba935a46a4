"""The raw-text importer on ``pdftotext``'s default output of a single column (issue 6): where paragraphs end,
the titles of a table of contents without indentation, notes set in a margin beside the body.

The texts are invented; the body is set by the greedy typesetter of ``test_pdftext_dense`` (lines break where
the next word does not fit, with the importer's own width estimate).
"""

from __future__ import annotations

from test_pdftext_dense import WIDTH, body, headings_of, paragraph, paragraphs_of, typeset

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.readers.pdftext.common import Block, Line, State, _plain
from converter.readers.pdftext.dense import (
    _joined_hyphen,
    _restore_margin_address_hyphens,
    _restore_margin_line_ends,
)
from converter.readers.pdftext.widths import _next_word_fits, printed_width
from converter.walk import iter_nodes


def test_issue6_plain_rubric_after_a_title_ending_with_a_name_opens_an_entry() -> None:
    # "… des événements NEC" | "Rencontre(s)": two capitalised words the lexicon does not know, but a rubric's
    # name opens an entry of its own (it is no name going on): both are titles of the text
    toc = ["Table des matières", "Premiers pas", "Conclusion de la journée par", "Jean Dupont, rapporteur des "
           "événements NEC", "Rencontre(s)", "Un entretien avec Claire Martin", ""]
    lines = ["Mon carnet", "", *toc, "Page 1", "Premiers pas", *body(3), "Conclusion de la journée par Jean Dupont,",
             "rapporteur des événements NEC", *body(2, 3), "Page 2", "Rencontre(s)", "Un entretien avec Claire Martin",
             *body(3, 5)]
    titles = [text for _, text in headings_of(import_text("\n".join(lines) + "\n")[0])]
    assert "Conclusion de la journée par Jean Dupont, rapporteur des événements NEC" in titles
    assert "Rencontre(s)" in titles


def test_issue6_plain_short_block_in_the_column_is_measured_against_the_column() -> None:
    # two paragraphs of two lines between blank lines: the block's widest line is not its frame's width (a
    # last line almost as long would pass for full); the first paragraph's last line had room for the next
    # one's first word in the column
    first = typeset("Une ligne téléphonique gratuite répond aux questions sur les démarches en ligne du lundi au "
                    "vendredi, avec un rappel.")
    second = typeset("Les écoles du secteur prêtent leurs salles informatiques pendant les vacances scolaires pour "
                     "des stages ouverts.")
    assert len(first) == len(second) == 2
    widest = max(printed_width(line) for line in [*first, *second])
    assert not _next_word_fits(first[-1], second[0], widest)
    lines = ["Mon carnet", "", *body(6), "", *first, *second, "", *body(2, 6)]
    found = paragraphs_of(import_text("\n".join(lines) + "\n")[0])
    assert " ".join(first) in found and " ".join(second) in found


def test_issue6_plain_margin_notes_addresses_get_back_their_hyphens() -> None:
    # notes set in a narrow margin ("Voir : jardins-partages-" | "ville.fr/les-tilleuls-" | "accompagnement."): pdftotext
    # joins an address cut over their lines and drops the hyphens that ended them, on a line no wider than
    # the body's; the notes' own lines give the margin's width
    state = State("")
    texts = ["Sur ce point, voir le rapport", "annuel de la ville, page", "douze, et son annexe."]
    state.blocks = [Block([Line(k + n, text) for n, text in enumerate(texts)], kind="note")
                    for k in range(0, 12, 4)]
    address = Line(20, "Voir : jardins-partagesville.fr/les-tilleulsaccompagnement.")
    state.blocks.append(Block([address], kind="note"))
    _restore_margin_address_hyphens(state, WIDTH)
    assert address.text == "Voir : jardins-partages-ville.fr/les-tilleuls-accompagnement."
    # one narrow note is enough to show a margin; notes as wide as the body (at the page's foot) show none
    for texts, mended in ((["Le programme des ateliers", "est affiché à l’accueil."], True),
                          ([typeset(" ".join(body(2)))[0], "affiché à l’accueil."], False)):
        state.blocks = [Block([Line(k, text) for k, text in enumerate(texts)], kind="note")]
        address = Line(20, "Voir : jardins-partagesville.fr/les-tilleulsaccompagnement.")
        state.blocks.append(Block([address], kind="note"))
        _restore_margin_address_hyphens(state, WIDTH)
        assert ("partages-ville" in address.text) is mended


def test_issue6_plain_hyphen_dropped_in_a_compound_or_between_english_words_is_restored() -> None:
    # pdftotext joined "rez-de-" | "chaussée" and "fact-" | "checking" and dropped the line-end hyphen: the
    # hyphen kept inside the line shows a compound the lexicon knows; English knows both halves of a term
    # French knows neither of, not the two joined
    column = printed_width("Ils durent deux heures et se tiennent au rez-de-")
    room = column - printed_width("Ils durent deux heures et se tiennent au ")
    assert _joined_hyphen("rez-dechaussée,", room, column) == 6
    column = printed_width("la smart city étaient au programme ; le fact-")
    room = column - printed_width("la smart city étaient au programme ; le ")
    assert _joined_hyphen("factchecking", room, column) == 4
    assert _joined_hyphen("workshop", room, column) is None  # one English word


def test_issue6_plain_title_after_a_quoted_sentence_on_a_full_line() -> None:
    # a paragraph ends on a full line with a sentence quoted whole (its stop inside the quotation mark): the
    # short line under it, followed by a capital, is a title (a glossary's term), not the paragraph's end
    quoted = typeset('Elle a dit : "Les ateliers du quartier accueillent chaque semaine des personnes qui veulent '
                     "apprendre à se servir d'un ordinateur.\"")
    assert not _next_word_fits(quoted[-1], "Dématérialisation", WIDTH)
    definition = typeset("Remplacement dans une entreprise de ses supports matériels par des fichiers et des "
                         "ordinateurs.")
    lines = ["Mon carnet", "", *body(4), *quoted, "Dématérialisation", *definition, *body(2, 5)]
    found = paragraphs_of(import_text("\n".join(lines) + "\n")[0])
    assert " ".join(quoted) in found
    assert not any(text.endswith(" Dématérialisation") for text in found)


def test_issue6_plain_notes_in_a_margin_their_number_under_their_text() -> None:
    # pdftotext's default output sets each note of a margin as a block of its own, its narrow lines then its
    # number, the body going on after a blank line (a note's text after its number is the foot's order)
    first = ["Sur ce point, voir le", "rapport annuel de la ville", "et son annexe.", "1"]
    second = ["Voir aussi le programme", "des ateliers du samedi.", "2"]
    lines = ["Mon carnet", "Page 1", *paragraph(0, "1"), "", *first, "", *paragraph(1), *paragraph(2, "2"), "",
             *second, "", *paragraph(3), "Page 2", *body(3, 4)]
    document, state = import_text("\n".join(lines) + "\n")
    notes = [_plain(note.raw()) for note in state.notes.values()]
    assert notes == ["Sur ce point, voir le rapport annuel de la ville et son annexe.",
                     "Voir aussi le programme des ateliers du samedi."]
    assert not any("ateliers du samedi" in text for text in paragraphs_of(document))


def test_issue6_plain_question_in_two_paragraphs_is_one_turn() -> None:
    # two paragraphs ending with a question mark before an answer: one question in two paragraphs
    lines = ["Mon carnet", "", *body(2), "", "Bien que cet entretien soit fait à chaud, quel est votre regard ?",
             "", "Plus globalement, comment l’avez-vous conçu ?", "", "Claire Martin : Nous avons ouvert l’EPN.",
             "", "Quelle est la suite ?", "", "Claire Martin : Former les agents d’accueil.", ""]
    document, _ = import_text("\n".join(lines) + "\n")
    questions = [turn for node in iter_nodes(document) if isinstance(node, t.Interview) for turn in node.turns
                 if turn.role == "question"]
    assert [len(turn.children) for turn in questions] == [2, 1]


def test_issue6_plain_margin_note_keeps_its_printed_line_ends() -> None:
    # a margin's note keeps the printed line ends, as a layout text does: an address too long for the margin
    # breaks at any letter, and is mended as a layout text's is
    first = ["Sur ce point, voir le", "rapport annuel de la ville", "et son annexe.", "1"]
    second = ["Voir le programme :", "jardins-partages.fr/nos-ateli", "ers-du-samedi.", "2"]
    lines = ["Mon carnet", "Page 1", *paragraph(0, "1"), "", *first, "", *paragraph(1), *paragraph(2, "2"), "",
             *second, "", *paragraph(3), "Page 2", *body(3, 4)]
    _, state = import_text("\n".join(lines) + "\n")
    assert _plain(state.notes["2"].text) == "Voir le programme : jardins-partages.fr/nos-ateliers-du-samedi."


def test_issue6_plain_margin_line_set_again_finds_its_dropped_hyphens() -> None:
    # a note line pdftotext joined across a margin's lines ("…/les-ateliers-de-la-" | "maison-des-associations-du-"
    # | "quartier-nord.html."), dropping the hyphens that ended them: set again in the margin, each printed line ends at
    # the last place that fits, here between two words glued in the address; an address that glues its words
    # where no line ended ("cartes-etdonnees") keeps them glued
    margin = printed_width("Voir : jardins.fr/les-ateliers-de-la-") + 300
    state = State("")
    line = Line(1, "Voir : jardins.fr/les-ateliers-de-lamaison-des-associations-duquartier-nord.html.")
    _restore_margin_line_ends(state, line, margin)
    assert line.text == "Voir : jardins.fr/les-ateliers-de-la-maison-des-associations-du-quartier-nord.html."
    line = Line(2, "arcep.fr/cartes-etdonnees/nospublications-chiffrees.html.")
    _restore_margin_line_ends(state, line, printed_width("arcep.fr/cartes-etdonnees/nos-") + 300)
    assert line.text == "arcep.fr/cartes-etdonnees/nos-publications-chiffrees.html."
    # a path's segment opening with an abbreviation of two letters ("…/wp-" | "content/…")
    line = Line(3, "Voir : larevue.fr/wpcontent/uploads/fichier.pdf.")
    _restore_margin_line_ends(state, line, printed_width("Voir : larevue.fr/wp-") + 300)
    assert line.text == "Voir : larevue.fr/wp-content/uploads/fichier.pdf."


def test_issue6_plain_spaced_ordinal_and_elision_are_joined() -> None:
    # pdftotext's default output sets an ordinal's superscript and a justified line's elision apart, as its
    # layout output does: French never spaces them
    lines = ["Mon carnet", "", *body(6), "Sa 4 ème édition : au XIX e siècle, l’ Open Data n’existait pas.",
             *body(2, 6)]
    found = " ".join(paragraphs_of(import_text("\n".join(lines) + "\n")[0]))
    assert "Sa 4ème édition : au XIXe siècle, l’Open Data n’existait pas." in found


def test_issue6_plain_table_of_contents_entry_goes_on_with_a_year_or_a_name_of_the_text() -> None:
    # an entry of the table of contents wrapped before a year alone ("… : 1er avril" | "2021"), or inside a
    # name the text sets on one line ("… de Montpellier Méditerranée" | "Métropole déléguée …"): one entry,
    # so one title in the text, however the text wraps it
    toc = ["Table des matières", "Premiers pas", "Une journée à Montpellier Méditerranée Métropole : 1er avril",
           "2021", "Présentation par Claire Martin, élue de Montpellier Méditerranée", "Métropole déléguée au numérique",
           "Lexique", ""]
    lines = ["Mon carnet", "", *toc, "Page 1", "Premiers pas", *body(2), "Montpellier Méditerranée Métropole "
             "accueille la journée.", *body(1, 2), "Page 2", "Une journée à Montpellier", "Méditerranée Métropole : 1er "
             "avril 2021", *body(2, 3), "Présentation par Claire Martin, élue de Montpellier", "Méditerranée Métropole "
             "déléguée au numérique", *body(2, 5)]
    titles = [text for _, text in headings_of(import_text("\n".join(lines) + "\n")[0])]
    assert "Une journée à Montpellier Méditerranée Métropole : 1er avril 2021" in titles
    assert "Présentation par Claire Martin, élue de Montpellier Méditerranée Métropole déléguée au numérique" in titles


def test_issue6_plain_dash_closing_an_incise_opens_no_item() -> None:
    # "… le droit d’accéder - dans des lieux qualifiés" | "- à des services …": the dash at the line's start
    # closes the incise the line above opened; it is no list's item
    lines = ["Mon carnet", "", *body(4), "Ce chèque donne aux bénéficiaires le droit d’accéder - dans des lieux",
             "- à des services d’accompagnement numérique, avec une prise en charge totale.", *body(2, 4)]
    found = paragraphs_of(import_text("\n".join(lines) + "\n")[0])
    assert any("d’accéder - dans des lieux - à des services" in text for text in found)


def test_issue6_plain_margin_notes_whose_numbers_stand_alone_in_the_text() -> None:
    # notes in a margin (their numbers under their texts), but two numbers set alone in the text, the body
    # after them: their texts come further on, in a block of narrow lines that ends with the next note's
    # text and number; the numbers take the texts in order, the body stays the body
    first = ["Sur ce point, voir le", "rapport annuel de la ville", "et son annexe.", "1"]
    second = ["Voir aussi le programme", "des ateliers du samedi.", "2"]
    late = ["Voir le site de la médiathèque", "du quartier.", "Selon le rapport annuel de la", "région.",
            "Voir la carte des lieux", "d’accompagnement.", "5"]
    lines = ["Mon carnet", "Page 1", *paragraph(0, "1"), "", *first, "", *paragraph(1), *paragraph(2, "2"), "",
             *second, "", *paragraph(3, "3"), "", "3", "", *paragraph(4, "4"), "", "4", "", *paragraph(5, "5"), "",
             *late, "", *paragraph(6), "Page 2", *body(3, 7)]
    document, state = import_text("\n".join(lines) + "\n")
    notes = {label: _plain(note.raw()) for label, note in state.notes.items()}
    assert notes["3"] == "Voir le site de la médiathèque du quartier."
    assert notes["4"] == "Selon le rapport annuel de la région."
    assert notes["5"] == "Voir la carte des lieux d’accompagnement."
    assert any(text.startswith(paragraph(4)[0]) for text in paragraphs_of(document))  # the body


def test_issue6_plain_hyphen_dropped_after_non_is_restored() -> None:
    # "non-" | "experts" joined by pdftotext: "non" before a word takes a hyphen (the words "non" opens glued,
    # "nonchalant", are words the lexicon knows)
    column = printed_width("La cybersécurité est un sujet inaccessible aux non-")
    room = column - printed_width("La cybersécurité est un sujet inaccessible aux ")
    assert _joined_hyphen("nonexperts", room, column) == 3
    assert _joined_hyphen("nonchalant", room, column) is None
