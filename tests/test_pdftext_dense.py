"""The raw-text importer on dense extractions (``pdftotext``'s default output): no blank line between
paragraphs, a printed table of contents, numbered footnotes at the foot of each page.

The texts are invented and set by a greedy typesetter that breaks lines where the next word does not fit
(with the importer's own width estimate), so that each rule is tested on the shape it reads, not on one
carnet's words.
"""

from __future__ import annotations

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.readers.pdftext.blocks import split_blocks
from converter.readers.pdftext.common import Block, Line, State, _ends_sentence
from converter.readers.pdftext.dense import (
    _address_cuts,
    _joined_hyphen,
    _note_tail,
    _opens_note,
    _restore_address_hyphens,
)
from converter.readers.pdftext.joining import _address_goes_on, _join, dehyphenate
from converter.readers.pdftext.pages import split_lines
from converter.readers.pdftext.parts import find_sidebars
from converter.readers.pdftext.toc import _toc_spans
from converter.readers.pdftext.widths import _UNBREAKABLE_START, _next_word_fits, printed_width
from converter.walk import iter_nodes, plain_text

WIDTH = 30000  # a column about sixty characters wide

SENTENCES = [
    "Les ateliers du quartier accueillent chaque semaine des personnes qui veulent apprendre à se servir d'un "
    "ordinateur, écrire un courriel ou remplir un formulaire en ligne sans aide",
    "La médiathèque prête des tablettes aux familles qui n'en ont pas et propose des permanences le samedi matin "
    "avec deux médiatrices formées par le département",
    "Un bus équipé de postes informatiques circule dans les villages éloignés du centre pour que chacun puisse faire "
    "ses démarches près de chez lui",
    "Les bénévoles de l'association réparent les ordinateurs donnés par les entreprises et les revendent à petit "
    "prix aux étudiants comme aux retraités",
    "Chaque mois une rencontre réunit les aidants numériques du territoire pour partager leurs outils, leurs "
    "difficultés et les solutions trouvées ensemble",
    "Le centre social a ouvert un espace de travail partagé où des habitants sans connexion viennent imprimer leurs "
    "documents et préparer leurs entretiens",
    "Des lycéens animent des séances d'initiation pour leurs grands-parents dans la salle des fêtes, un mercredi sur "
    "deux, avec le soutien de la mairie",
    "La région finance des formations courtes pour les agents d'accueil des services publics afin qu'ils "
    "accompagnent mieux les usagers en difficulté",
    "Une carte des lieux d'accompagnement est affichée dans chaque mairie et mise à jour chaque trimestre par le "
    "réseau des médiateurs et médiatrices",
    "Les habitants ont proposé de nouveaux horaires d'ouverture le soir pour les personnes qui travaillent en "
    "journée et ne peuvent venir avant dix-huit heures",
    "Le festival du numérique a accueilli cette année plus de deux mille visiteurs venus tester des logiciels libres "
    "et rencontrer les associations locales",
    "Une ligne téléphonique gratuite répond aux questions sur les démarches en ligne du lundi au vendredi, avec un "
    "rappel proposé le lendemain",
    "Les écoles du secteur prêtent leurs salles informatiques pendant les vacances scolaires pour des stages ouverts "
    "à tous les âges et à toutes les familles",
    "Le conseil de quartier a voté un budget pour équiper la maison des associations d'un accès sans fil ouvert et "
    "de deux postes en libre service",
    "Des cafés numériques sont organisés dans les commerces de la place du marché, où chacun vient avec son "
    "téléphone et ses questions du moment",
    "Les médiateurs tiennent un carnet de bord commun qui recense les demandes les plus fréquentes et les réponses "
    "qu'ils ont su y apporter ensemble",
]


def typeset(text: str, width: int = WIDTH) -> list[str]:
    """``text`` broken into lines as a typesetter does: a line ends when the next word does not fit."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and printed_width(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def paragraph(seed: int, call: str = "") -> list[str]:
    """Sentence ``seed`` set as a paragraph whose last line is short (as most paragraphs' last lines are);
    ``call`` glued to its fifth word (a note call)."""
    words = SENTENCES[seed % len(SENTENCES)].split()
    words[4] += call
    while len(words) > 3:
        lines = typeset(" ".join(words) + ".")
        if len(lines[-1].split()) <= 3:
            return lines
        words = words[:-1]
    raise AssertionError("no short last line")


def body(count: int, start: int = 0) -> list[str]:
    return [line for k in range(count) for line in paragraph(start + k)]


def paragraphs_of(document: t.Document) -> list[str]:
    return [plain_text(n) for n in iter_nodes(t.Document(children=document.children)) if isinstance(n, t.Paragraph)]


def headings_of(document: t.Document) -> list[tuple[int, str]]:
    return [(n.level, plain_text(n)) for n in iter_nodes(document) if isinstance(n, t.Heading)]


def test_printed_width_follows_the_letters_not_their_count() -> None:
    assert printed_width("mmmm") > printed_width("iiii") * 3
    assert printed_width("À") == printed_width("A")  # an accent does not widen a letter


def test_reflow_test_next_word_would_have_fitted() -> None:
    assert _next_word_fits("Un début de ligne.", "Suite", WIDTH)
    full = typeset(SENTENCES[0])[0]
    assert not _next_word_fits(full, SENTENCES[0].split()[len(full.split())], WIDTH)
    # a word and the marks French typography binds to it move together ("« Carnet", "voilà :")
    assert _UNBREAKABLE_START.match("« Carnet d’exemple").group(0) == "« Carnet"
    assert _UNBREAKABLE_START.match("voilà : la suite").group(0) == "voilà :"


def test_dense_paragraphs_end_where_the_next_word_would_have_fitted() -> None:
    lines = ["Mon carnet", "", *body(8)]
    document, state = import_text("\n".join(lines) + "\n")
    found = [p for p in paragraphs_of(document) if p != "Mon carnet"]
    assert len(found) == 8
    assert any("guessed from line widths" in d.message for d in state.diagnostics)


def test_table_of_contents_lists_the_titles() -> None:
    toc = ["Table des matières", "Premiers pas", "Les ateliers du samedi", "Une rencontre avec les bénévoles",
           "du quartier", "Lexique", ""]  # the table of contents has its page
    lines = ["Le carnet des ateliers", "", *toc, "\fPremiers pas", *body(3), "Les ateliers du samedi", *body(3, 3),
             "Un titre qui n’est pas listé", *body(2, 6), "Une rencontre avec les", "bénévoles du quartier",
             *body(3, 8)]
    document, state = import_text("\n".join(lines) + "\n")
    titles = [text for _, text in headings_of(document)]
    assert "Premiers pas" in titles and "Les ateliers du samedi" in titles
    assert "Une rencontre avec les bénévoles du quartier" in titles  # wrapped otherwise than in the table
    assert "Un titre qui n’est pas listé" not in titles  # a table lists every title: a short line is not one
    assert "Table des matières" not in titles
    assert any("a title of the table of contents" in d.message and d.line for d in state.diagnostics)


def test_table_of_contents_entry_wrapped_over_lines_is_one_title() -> None:
    state = State("")
    split_lines(state, "Table des matières\nUn titre long qui se poursuit\nsur une autre ligne\n"
                               "Un autre titre\nUn entretien croisé avec Isabelle\nBruno, chercheuse\n")
    split_blocks(state)
    spans, _ = _toc_spans(state)
    assert "un titre long qui se poursuit sur une autre ligne" in spans
    assert "un autre titre" in spans
    assert "un entretien croisé avec isabelle bruno, chercheuse" in spans  # a name goes on


def test_foot_notes_number_then_text_and_text_before_number() -> None:
    # the print pages are named ("Page 2"): a number alone is not taken for a page number
    lines = ["Mon carnet", "Page 1", *body(3), *paragraph(3, "1"), "1", "", "Voir le rapport annuel de la ville.", "",
             "\f" + "\n".join(body(2, 4)), *paragraph(6, "2"), *paragraph(7, "3"),
             "Sur ce point, voir le site de l’association.", "2", "", "3", "",
             "Voir aussi le programme des ateliers.", "", "\f" + "\n".join(body(3, 8))]
    document, state = import_text("\n".join(lines) + "\n")
    notes = {n.id: plain_text(n) for n in document.notes}
    assert notes == {"note-1": "Voir le rapport annuel de la ville.",
                     "note-2": "Sur ce point, voir le site de l’association.",
                     "note-3": "Voir aussi le programme des ateliers."}
    calls = [n.note_id for n in iter_nodes(document) if isinstance(n, t.NoteRef)]
    assert calls == ["note-1", "note-2", "note-3"]
    assert any("note 2: its text set before its number" in d.message for d in state.diagnostics)


def test_foot_note_cut_by_the_page_goes_on_above_the_next_notes() -> None:
    lines = ["Mon carnet", "Page 1", *body(3), *paragraph(3, "1"), "1", "", "Voir le compte rendu publié sur", "",
             "\f" + "\n".join(body(2, 4)), *paragraph(6, "2"), "le site de la ville.", "2", "",
             "Voir le programme.", "", "\f" + "\n".join(body(3, 8))]
    document, state = import_text("\n".join(lines) + "\n")
    notes = {n.id: plain_text(n) for n in document.notes}
    assert notes == {"note-1": "Voir le compte rendu publié sur le site de la ville.", "note-2": "Voir le programme."}
    assert any("taken as the end of note 1" in d.message for d in state.diagnostics)


def test_numbers_that_do_not_follow_the_notes_order_stay_text() -> None:
    lines = ["Mon carnet", "", *body(4), "12", "", "Douze ateliers ont eu lieu.", "", *body(3, 5)]
    document, _ = import_text("\n".join(lines) + "\n")
    assert not document.notes


def test_a_term_may_end_with_a_parenthesis() -> None:
    assert not _ends_sentence("Tech for good (technologies pour le bien commun)")
    assert not _ends_sentence("TIC(E)")
    assert _ends_sentence("une phrase (entre parenthèses).")
    assert _ends_sentence("et la fin de la phrase)")


def test_a_box_stops_where_an_interview_goes_on() -> None:
    blocks = [Block([Line(1, "Zoom sur… Les données")], kind="heading", text="Zoom sur… Les données"),
              Block([Line(2, "x")], text="Les données ouvertes sont publiques."),
              Block([Line(3, "x")], text="Comment les utilisez-vous ?"),
              Block([Line(4, "x")], text="Samuel Goëta : Nous les publions.")]
    state = State("", blocks=blocks)
    find_sidebars(state)
    assert blocks[1].data.get("in_sidebar") is blocks[0]
    assert "in_sidebar" not in blocks[2].data and "in_sidebar" not in blocks[3].data


def test_a_first_name_glued_to_a_name_is_split_not_a_brand() -> None:
    text = ("Une rencontre avec Jacques François et les équipes de France Services.\n\n"
            "Une notion utilisée par JacquesChirac dans les années 1990, comme FranceConnect et YouTube.\n")
    document, state = import_text(text)
    paragraphs = [p for p in paragraphs_of(document)]
    assert "Une notion utilisée par Jacques Chirac dans les années 1990, comme FranceConnect et YouTube." in paragraphs
    assert any("'Jacques Chirac'" in d.message and d.line == 3 for d in state.diagnostics)


def _joined_line(word: str, cut: int, rest: str) -> str:
    """A line as pdftotext gives it after joining ``word``, hyphenated at ``cut`` at a line's end, with the
    next line (``rest``): the first line was full, the hyphen is dropped."""
    words: list[str] = []
    filler = iter(" ".join(SENTENCES).split())
    while printed_width(" ".join([*words, word[:cut] + "-"])) <= WIDTH:
        words.append(next(filler))
    words.pop()
    while printed_width(" ".join([*words, "et", word[:cut] + "-"])) <= WIDTH:
        words.append("et")
    assert printed_width(" ".join([*words, word])) > WIDTH
    return " ".join([*words, word[:cut] + word[cut + 1:], rest])


def test_a_hyphen_dropped_by_the_extraction_at_a_line_end_is_restored() -> None:
    joined = _joined_line("peut-être", 4, "que les ateliers du samedi accueilleront aussi les enfants.")
    address = _joined_line("fing.org/toutes-les-actions/audacities.html", 19, "pour en savoir plus.")
    lines = ["Mon carnet", "", *body(6), joined, *body(5, 6), address, *body(5, 11)]  # mostly full lines
    document, state = import_text("\n".join(lines) + "\n")
    text = " ".join(paragraphs_of(document))
    assert "peut-être que les ateliers" in text
    assert "fing.org/toutes-les-actions/audacities.html pour" in text
    assert any("the hyphen the extraction dropped" in d.message for d in state.diagnostics)


def test_a_word_the_lexicon_knows_whole_keeps_no_hyphen() -> None:
    assert _joined_hyphen("aujourd’hui,", 3000, WIDTH) is None
    assert _joined_hyphen("rendezvous", printed_width("rendez"), WIDTH) == 6
    assert _joined_hyphen("des", printed_width("d"), WIDTH) is None  # one letter before a word it is not
    assert _joined_hyphen("pair-àpair", printed_width("pair-à"), WIDTH) == 6
    assert _joined_hyphen("gagnantgagnant", printed_width("gagnant"), WIDTH) == 7
    assert _joined_hyphen("développement", printed_width("dévelop"), WIDTH) is None


def test_calls_spaced_after_a_quote_or_glued_to_a_year() -> None:
    text = ("Le quartier est-il une ville « alternative » 1 ? L’espace a ouvert en 20192, avec deux médiateurs.\n\n"
            "1 Voir le carnet précédent.\n\n2 Inauguré le 4 septembre.\n")
    document, state = import_text(text)
    calls = [n.note_id for n in iter_nodes(document) if isinstance(n, t.NoteRef)]
    assert calls == ["note-1", "note-2"]
    assert "ouvert en 2019, avec" in " ".join(paragraphs_of(document))
    assert any("glued to a year" in d.message for d in state.diagnostics)


def test_a_bullet_set_at_the_end_of_the_block_above_starts_its_item() -> None:
    document, _ = import_text("La compilation de ces carnets permet :\n•\n\nd’avoir une connaissance plus fine ;\n"
                              "\n•\n\nd’analyser les conditions.\n")
    items = [plain_text(item) for lst in iter_nodes(document) if isinstance(lst, t.List) for item in lst.items]
    assert items == ["d’avoir une connaissance plus fine ;", "d’analyser les conditions."]
    assert "•" not in paragraphs_of(document)


def test_titles_in_capitals_each_over_its_line_of_text_are_a_list_of_terms() -> None:
    items = ["AIDANTS CONNECT", "Sécuriser les démarches faites pour un autre.", "FABRIQUES DE TERRITOIRE",
             "Soutenir des tiers-lieux.", "PASS NUMÉRIQUE", "Payer un accompagnement."]
    lines = ["Mon carnet", "", *body(6), "Les dispositifs :", *items, *body(4, 6)]
    document, state = import_text("\n".join(lines) + "\n")
    terms = [(plain_text(item.term), plain_text(item.definitions[0])) for lst in iter_nodes(document)
             if isinstance(lst, t.DefinitionList) for item in lst.items]
    assert terms == [("Aidants Connect", "Sécuriser les démarches faites pour un autre."),
                     ("Fabriques de territoire", "Soutenir des tiers-lieux."),
                     ("Pass numérique", "Payer un accompagnement.")]
    assert state.dense


def test_a_frame_stopping_on_a_first_name_goes_on_with_the_frame_before_it() -> None:
    """Two text frames given in reverse order: the second stops on a first name the text uses elsewhere, the
    first opens with the name (and ends its sentence)."""
    text = ("Le carnet a été écrit avec Léa Martin et Paul Durand, que nous remercions.\n\n"
            " Richard, Clément Mabi, Zoé Aegerter.\n"
            " et de la Halle. Nous remercions également Léa\n")
    document, state = import_text(text)
    assert "et de la Halle. Nous remercions également Léa Richard, Clément Mabi, Zoé Aegerter." \
        in paragraphs_of(document)
    assert any("reverse" in d.message and d.line == 3 for d in state.diagnostics)


def test_a_title_of_the_table_opening_with_a_rubric_name_stays_whole() -> None:
    toc = ["Table des matières", "Présentation", "Rencontre avec l’équipe", "KEYNOTE", ""]
    lines = ["Le carnet des ateliers", "", *toc, "\fPrésentation", *body(4), "Rencontre avec", "l’équipe",
             *body(4, 4), "Suite de l’article (2019-2022)", "KEYNOTE", *body(3, 8)]
    document, _ = import_text("\n".join(lines) + "\n")
    titles = [text for _, text in headings_of(document)]
    assert "Rencontre avec l’équipe" in titles and "Rencontre" not in titles
    assert "Keynote" in titles  # after a full line ending with a parenthesis


def test_a_note_set_before_its_number_may_open_with_an_address() -> None:
    block = Block([Line(k, text) for k, text in enumerate(
        ["Montrer que le travail des personnes qui font ça n’est pas ou peu reconnu, pas",
         "data.gouv.fr est la plateforme ouverte des données publiques françaises. C’est une",
         "plateforme ouverte et communautaire."], start=1)])
    assert _note_tail(block, 40000) == 1
    assert not _opens_note("[Page 20] citoyennes, à contrôler certaines fonctions")  # the body goes on
    assert _opens_note("mitpress.mit.edu/books/data-feminism.")


def _entries(document: t.Document) -> list[tuple[str, str]]:
    return [(plain_text(item.term), plain_text(item.definitions[0])) for lst in iter_nodes(document)
            if isinstance(lst, t.DefinitionList) for item in lst.items]


GLOSSARY_TOC = ["Le carnet des ateliers", "", "Table des matières", "Présentation", "Rencontre avec l’équipe",
                "Lexique", "À propos du carnet", "", "\fPrésentation", *body(4), "Rencontre avec l’équipe",
                *body(4, 4), "\fLexique", "EPN", "Espace public numérique : lieu d’accès au numérique."]
ENTRY = ["Médiation numérique", "Accompagnement des personnes vers", "l’usage autonome du numérique."]


def test_a_piece_of_an_earlier_part_interrupts_the_glossary_without_ending_it() -> None:
    """pdftotext interleaves the chunks of a page's columns: a piece of the interview printed before the
    glossary (its title listed before "Lexique" in the table) is set between two entries."""
    lines = [*GLOSSARY_TOC, "Rencontre avec l’équipe", *paragraph(9), *ENTRY, "À propos du carnet", *body(2, 10)]
    document, state = import_text("\n".join(lines) + "\n")
    assert _entries(document) == [("EPN", "Espace public numérique : lieu d’accès au numérique."),
                                  ("Médiation numérique",
                                   "Accompagnement des personnes vers l’usage autonome du numérique.")]
    assert any("glossary goes on at 'Médiation numérique'" in d.message for d in state.diagnostics)


def test_a_title_listed_after_the_glossary_ends_it() -> None:
    lines = [*GLOSSARY_TOC, "À propos du carnet", *ENTRY, *body(2, 10)]
    document, _ = import_text("\n".join(lines) + "\n")
    assert [term for term, _ in _entries(document)] == ["EPN"]


def test_labels_and_a_cut_caption_are_not_glossary_entries() -> None:
    text = ("Lexique\n\nFréquentation de l’espace au premier\ntrimestre.\n\nNord\nSud\n\n***\n\n"
            "CCAS\n\nCentre communal d’action sociale : établissement public.\n")
    document, _ = import_text(text)
    assert _entries(document) == [("CCAS", "Centre communal d’action sociale : établissement public.")]


def test_hyphens_dropped_in_an_address_cut_over_lines_are_restored() -> None:
    """pdftotext drops the hyphen ending a line inside an address too: restored where the address
    separates its words by hyphens and a line could have ended there; a label without hyphens stays."""
    state = State("test")
    column = printed_width("territoires.gouv.fr/societe-numerique-5")  # the printed lines: "Voir : agence-cohesion-" |
    # "territoires.gouv.fr/societe-numerique-" | "55."
    line = Line(1, "Voir : agence-cohesionterritoires.gouv.fr/societe-numerique55.")
    _restore_address_hyphens(state, line, column)
    assert line.text == "Voir : agence-cohesion-territoires.gouv.fr/societe-numerique-55."
    assert _address_cuts("hyperliens.societenumerique.gouv.fr") == []  # a domain glues words
    assert _address_cuts("numerique-en-communs.fr/LECARNETNEC21-1.pdf") == []  # a name in capitals
    # a glued pair far beyond a column's width is no line end (a note set smaller)
    long = Line(2, "Sur ce point, voir la définition présente ici : site-exemple.fr/presentation-mediationnumerique")
    _restore_address_hyphens(state, long, column)
    assert long.text.endswith("presentation-mediationnumerique")


def test_notes_set_before_their_numbers_when_a_number_has_no_text_after_it() -> None:
    """pdftotext sets some notes' texts above their numbers: a number followed by another after a blank
    line, with no text between, shows the shift; the text glued above the first number is its note."""
    lines = [*body(2, 8), "", "12", "", *paragraph(0, "1"), *paragraph(1, "2"), *paragraph(2, "3"),  # page 12
             "Philippe Durand (2009), La ville comme expérience.", "1", "", "Voir exemple.fr/structure.", "2", "",
             "3", "", "Voir tropisme.coop", "", *body(3, 5)]
    document, state = import_text("\n".join(lines) + "\n")
    assert [plain_text(note) for note in document.notes] == [
        "Philippe Durand (2009), La ville comme expérience.", "Voir exemple.fr/structure.", "Voir tropisme.coop"]
    assert any("as the next notes'" in d.message for d in state.diagnostics)
    assert not any("Philippe Durand" in text for text in paragraphs_of(document))


def test_an_address_cut_anywhere_in_a_narrow_column_is_joined_again() -> None:
    assert _address_goes_on("firstmonday.org/article/vi", "ew/3316/2764.")
    assert _address_goes_on("datactivist.coop/lewagon", "/#1.")
    assert _address_goes_on("agence.gouv.fr/societe", "-numerique-55.")
    assert _address_goes_on("dataliteracyconference.n", "et.")
    assert not _address_goes_on("exemple.fr/page", "et")  # the sentence goes on
    assert not _address_goes_on("exemple.fr/page", "- un tiret")
    document, _ = import_text("Sur ce point, voir :\nfirstmonday.org/article/vi\new/3316/2764.\n")
    assert paragraphs_of(document) == ["Sur ce point, voir : firstmonday.org/article/view/3316/2764."]


def test_a_title_after_the_glossary_opens_a_part_and_a_rubric_named_title_only_interrupts_it() -> None:
    """After a glossary's entries, a title of the table is a new part (level 2: a glossary has no
    sections); a title that opens with a rubric's name ("Rencontre avec l’équipe"), listed before the
    glossary, is a piece of an earlier part set inside it, not the glossary's end."""
    lines = [*GLOSSARY_TOC, "Rencontre avec l’équipe", "Puis l’équipe s’est agrandie.", *ENTRY,
             "À propos du carnet", *body(2, 10)]
    document, _ = import_text("\n".join(lines) + "\n")
    assert [term for term, _ in _entries(document)] == ["EPN", "Médiation numérique"]
    assert (2, "À propos du carnet") in headings_of(document)


def test_lines_counting_one_two_three_are_a_numbered_list() -> None:
    text = ("Les chiffres clés de la journée :\n1. Accueillir chaque personne.\n2. Évaluer ses besoins.\n"
            "3. L’accompagner vers l’autonomie.\n\n1 Voir le carnet précédent.\n\nEn 2019. Puis 2020.\n")
    document, state = import_text(text)
    [numbered] = [node for node in iter_nodes(document) if isinstance(node, t.List)]
    assert numbered.ordered and numbered.start == 1
    assert [plain_text(item) for item in numbered.items] == [
        "Accueillir chaque personne.", "Évaluer ses besoins.", "L’accompagner vers l’autonomie."]
    assert "Les chiffres clés de la journée :" in paragraphs_of(document)
    assert sum("numbered list" in d.message for d in state.diagnostics) == 3


def test_lines_opening_with_a_label_and_a_colon_are_one_paragraph_each() -> None:
    fields = ["Éditeurs : Numérique en Commun[s],", "Programme Société Numérique de", "l’Agence nationale",
              "Licence : Licence Ouverte / Open", "Licence (Etalab) : réutilisation libre,",
              "sous réserve de mentionner la source.", "Source : https://exemple.fr"]
    document, state = import_text("\n".join([*body(6), "", *fields, "", *body(2, 6)]) + "\n")
    paragraphs = paragraphs_of(document)
    assert "Éditeurs : Numérique en Commun[s], Programme Société Numérique de l’Agence nationale" in paragraphs
    assert "Licence : Licence Ouverte / Open Licence (Etalab) : réutilisation libre, sous réserve de mentionner " \
           "la source." in paragraphs
    assert any(p.startswith("Source : ") for p in paragraphs)
    assert any("label and a colon" in d.message for d in state.diagnostics)


def test_a_hyphen_dropped_in_a_place_name_in_capitals_is_restored() -> None:
    column = printed_width("NEC ESSONNE SUD SEINE-ET-")
    assert _joined_hyphen("SEINE-ETMARNE", column - printed_width("NEC ESSONNE SUD "), column) == 8
    column = printed_width("NEC SEINE-SAINT-")
    assert _joined_hyphen("SEINE-SAINTDENIS", column - printed_width("NEC "), column) == 11
    assert _joined_hyphen("LESSIVE", column - printed_width("NEC SEINE-SA"), column) is None  # a word


def test_issue6_english_terms_at_a_line_end_are_decided_by_the_english_list() -> None:
    # "fact-checking" lost its hyphen in the synthetic kitchen sink with margin notes: French knows neither
    # the halves nor the whole, English knows both halves; "main-stream" is one English word, split by the
    # typesetter. French words keep being decided by French alone ("ré-seau").
    assert dehyphenate("fact", "checking") == (True, False)
    assert dehyphenate("main", "stream") == (False, False)
    assert dehyphenate("ré", "seau") == (False, True)
    assert dehyphenate("Magnac", "Lavalette") == (True, True)


def test_issue6_a_word_of_the_text_is_no_address_because_a_link_holds_its_letters() -> None:
    # Carnet #9 in three columns, PDF route: the note's « Hyper- / liens » lost its hyphen because the page
    # links to hyperliens.societenumerique.gouv.fr; in a layout that does not hyphenate, it is kept.
    state = State("x.txt")
    state.hyphenating = False
    keys = ["hyperliens.societenumerique.gouv.fr", "agence-cohesion-territoires.gouv.fr/societe-numerique-55"]
    assert _join(state, "la web-série « Hyper-", "liens » produite", 2, keys) == \
        "la web-série « Hyper-liens » produite"
    # an address cut at its separators is still decided by the link: its host opens it
    assert _join(state, "sur : agence-cohesion-", "territoires.", 5, keys) == "sur : agence-cohesion-territoires."


def test_issue6_two_english_words_glued_are_kept_and_flagged_once() -> None:
    """Two English words glued by the extraction can be a brand's name written that way ("CityMapper"): kept
    as extracted, and the editor is asked once per word."""
    text = ("Une idéologie née dans la SmartCity selon ses critiques.\n\n"
            "Des applications comme CityMapper, puis CityMapper encore, et YouTube.\n")
    document, state = import_text(text)
    paragraphs = list(paragraphs_of(document))
    assert paragraphs[0].startswith("Une idéologie née dans la SmartCity selon")
    assert "CityMapper, puis CityMapper" in paragraphs[1]
    flagged = [d for d in state.diagnostics if "kept '" in d.message]
    assert [(d.line, d.message.split("'")[1]) for d in flagged] == [(1, "SmartCity"), (3, "CityMapper")]
    assert "('City Mapper')" in flagged[1].message


def test_issue6_english_place_name_glued_is_split_and_reported() -> None:
    """Two English words glued with a place's generic noun last ("SiliconValley", "WallStreet") are a
    place's name: split, and the split reported; a brand's name beside it is kept."""
    text = ("Une idéologie née dans la SiliconValley (États-Unis) et à WallStreet, comme WordPress.\n")
    document, state = import_text(text)
    paragraph = next(iter(paragraphs_of(document)))
    assert "la Silicon Valley (États-Unis) et à Wall Street, comme WordPress." in paragraph
    split = sorted(d.message.split(": ")[-1] for d in state.diagnostics if "extraction split" in d.message)
    assert split == ["'Silicon Valley'", "'Wall Street'"]
    assert not [d for d in state.diagnostics if "kept '" in d.message and "WordPress" not in d.message]
