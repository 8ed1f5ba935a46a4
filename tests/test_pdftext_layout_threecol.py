"""The raw-text importer's layout step (issue 6) on three columns to a page (``pdftotext -layout``): a list of
services whose names in capitals wrap over several lines of a narrow column.

The texts are invented and laid out as ``pdftotext -layout`` lays them out (:func:`columns_at`).
"""

from __future__ import annotations

from test_pdftext_layout_columns import FIRST, SECOND, THIRD, _paragraphs, columns_at

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.walk import iter_nodes, plain_text


def _terms(document: t.Document) -> list[tuple[str, str]]:
    return [(" ".join(plain_text(node) for node in item.term), plain_text(item.definitions[0][0]))
            for item in iter_nodes(document) if isinstance(item, t.DefinitionItem)]


def test_issue6_names_in_capitals_wrapped_over_lines_of_a_narrow_column_are_a_list_of_terms() -> None:
    """A list of services, each a name in capitals over a line saying what it does, indented: a narrow
    column wraps a name over two or three lines (set at the body's pitch, each broken where the next word
    did not fit) and its text over four or five. Each name is one term, its text one definition, also where
    a column opens with a name (a new entry, not the previous text going on)."""
    first = ["Le réseau propose aux", "habitants plusieurs", "services gratuits :", "",
             "ACCOMPAGNEMENT", "ADMINISTRATIF", "  Aider chacun dans ses", "  démarches en ligne", "  auprès des caisses et", "  des impôts", "",
             "RÉPARATION DES", "ÉQUIPEMENTS", "INFORMATIQUES", "  Apprendre à réparer", "  son ordinateur avec", "  des bénévoles du", "  quartier"]
    second = ["PERMANENCES", "TÉLÉPHONIQUES", "  Répondre aux appels", "  des habitants isolés", "  chaque semaine du", "  lundi au vendredi", "",
              "DISTRIBUTION", "D’ORDINATEURS", "  Équiper les familles", "  qui n’en ont pas avec", "  des machines remises", "  en état"]
    third = ["Ces services sont ouverts", "à tous, sans condition", "de ressources."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, third])) + "\n"
    document, _ = import_text(text, "services.txt")
    assert [term.upper() for term, _ in _terms(document)] == [
        "ACCOMPAGNEMENT ADMINISTRATIF", "RÉPARATION DES ÉQUIPEMENTS INFORMATIQUES", "PERMANENCES TÉLÉPHONIQUES",
        "DISTRIBUTION D’ORDINATEURS"]
    assert [definition for _, definition in _terms(document)] == [
        "Aider chacun dans ses démarches en ligne auprès des caisses et des impôts",
        "Apprendre à réparer son ordinateur avec des bénévoles du quartier",
        "Répondre aux appels des habitants isolés chaque semaine du lundi au vendredi",
        "Équiper les familles qui n’en ont pas avec des machines remises en état"]
    assert "Ces services sont ouverts à tous, sans condition de ressources." in _paragraphs(document)


def test_issue6_a_label_and_colon_after_a_clause_broken_off_goes_on_with_its_paragraph() -> None:
    """An answer that opens with its speaker's name and a colon ("Marie Dupont : …") is no list of fields
    when a later line opens with a word and a colon after a line that breaks off a clause ("le but de ce" |
    "CCAS : réunir…"): the sentence goes on; nor does the line turning to capitals end the
    paragraph there, though the word would have fitted on the line above."""
    first = ["Marie Dupont : Le", "centre a ouvert ses", "portes en mai, le", "but de ce", "CCAS : réunir les",
             "habitants du quartier", "autour de projets", "communs et durables."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, SECOND, THIRD])) + "\n"
    document, _ = import_text(text, "fields.txt")
    assert ("Le centre a ouvert ses portes en mai, le but de ce CCAS : réunir les habitants du quartier autour "
            "de projets communs et durables.") in _paragraphs(document)  # the answer, its speaker set apart


def test_issue6_an_address_after_a_clause_broken_off_stays_in_its_sentence() -> None:
    """An address alone on the last line of a short block is the link of the title above it (a list of
    videos) only when that title is one: "Retrouvez le reportage sur" breaks off its clause, the sentence
    goes on with the address, which stays in the text."""
    first = ["Le jardin accueille", "aussi les anciens du", "quartier chaque samedi.", "",
             "Retrouvez le film du", "jardin sur", "youtu.be/Xk3LmT9wQzA", "", "Une fête clôt la saison", "au mois d’octobre."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, SECOND, THIRD])) + "\n"
    document, _ = import_text(text, "adresse.txt")
    assert "Retrouvez le film du jardin sur youtu.be/Xk3LmT9wQzA" in _paragraphs(document)


def test_issue6_a_note_cut_inside_a_parenthesis_goes_on_where_a_line_closes_it() -> None:
    """A note left unfinished at a column's foot inside a parenthesis ("… (juillet") goes on at the next
    column's foot, under that column's text, with a line that closes a parenthesis it never opened ("2018)
    « Les bénéfices… »"), though no gap shows there (the note, set smaller, has a pitch of its own) and the
    column's text above breaks off a clause (it goes on on the next page)."""
    second = ["Le centre propose des", "ateliers chaque", "semaine aux habitants", "du quartier qui le", "souhaitent1.",
              "", "1", "  Sur ce point, voir le", "  rapport de l’agence", "  (juillet"]
    third = ["Les bénévoles tiennent", "le registre des outils", "prêtés à celles qui",
             "2018) « Les bénéfices", "d’une vie meilleure » :", "rapport.example.fr.", "", "2", "  Voir aussi le site",
             "  de la mairie."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([FIRST, second, third])) + "\n"
    document, _ = import_text(text, "parenthese.txt")
    notes = [plain_text(note) for note in document.notes]
    assert notes[0] == ("Sur ce point, voir le rapport de l’agence (juillet 2018) « Les bénéfices d’une vie "
                        "meilleure » : rapport.example.fr.")
    assert not any("2018)" in paragraph for paragraph in _paragraphs(document))


def test_issue6_a_note_left_unfinished_on_a_page_ends_at_the_next_page_first_column_foot() -> None:
    """A note left unfinished at the last column's foot goes on at the next page's first column's foot,
    right above that page's next note, though no gap sets it apart from the column's text above it (rows of
    three columns interleave): it starts after the last line that ends a sentence followed by a word in lower
    case (a sentence does not open so). The other columns' text after the notes is no reason to leave it."""
    third = ["La mairie prête les", "outils du jardin1.", "", "1", "  Voir le rapport publié", "  par la mairie sur"]
    first = ["Les cuves récupèrent", "l’eau de pluie2.", "son site, un document", "de vingt pages.", "", "2",
             "  Voir aussi le site du", "  jardin."]
    text = "\n".join(columns_at([FIRST, SECOND, third])) + "\n\f" + "\n".join(columns_at([first, SECOND, THIRD])) + "\n"
    document, _ = import_text(text, "suite.txt")
    notes = [plain_text(note) for note in document.notes]
    assert notes == ["Voir le rapport publié par la mairie sur son site, un document de vingt pages.",
                     "Voir aussi le site du jardin."]


def test_issue6_a_paragraph_goes_on_across_a_column_foot_notes_with_a_name_or_after_a_comma() -> None:
    """A paragraph cut at a column's foot, its notes set under it, goes on at the next column's head with a
    capital when the sentence goes on there: after a clause broken off ("à Rennes, à Nantes," | "Paris…"),
    or with a name, a word French does not know ("la société coopérative" | "Jardinova, qui…")."""
    first = ["Le jardin est géré par", "une association1 et par", "les membres de la", "société coopérative", "",
             "1", "  Voir le site de la", "  ville."]
    second = ["Jardinova, qui prête", "ses outils aux", "habitants du quartier.", "", "D’autres villes l’ont",
              "imité : à Rennes2, à", "Nantes,", "", "2", "  Voir le site du", "  jardin."]
    third = ["Paris et Lyon ont", "suivi ces dernières", "années."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, third])) + "\n"
    document, _ = import_text(text, "suite.txt")
    paragraphs = _paragraphs(document)
    assert ("Le jardin est géré par une association et par les membres de la société coopérative Jardinova, qui "
            "prête ses outils aux habitants du quartier.") in paragraphs  # (the note calls are links to the notes)
    assert "D’autres villes l’ont imité : à Rennes, à Nantes, Paris et Lyon ont suivi ces dernières années." in paragraphs


def test_issue6_two_short_lines_far_apart_in_a_column_are_no_title_set_large() -> None:
    """Two short lines of a column with no blank row between them are a title set large when they lie near
    (about two rows apart), not when the other columns set several lines between them: there the column
    ends a paragraph ("… du programme" | "numérique") and another frame opens further down ("Ressources")."""
    first = ["Le jardin accueille", "aussi les anciens du", "quartier, qui racontent", "les vergers d’autrefois",
             "aux plus jeunes venus", "les écouter le samedi", "et le dimanche matin", "quand il fait beau, à",
             "l’ombre des tilleuls", "plantés par la ville.", "Chacun apporte un plat", "à partager avec tous."]
    second = ["Retrouvez également la", "première saison sur la", "page du programme", "numérique", "", "", "", "",
              "Ressources", "Les vidéos sont", "disponibles en ligne."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, first])) + "\n"
    document, _ = import_text(text, "titre.txt")
    assert "Retrouvez également la première saison sur la page du programme numérique" in _paragraphs(document)


def test_issue6_an_address_under_its_label_and_colon_stays_with_it() -> None:
    """A label and a colon over a full address on the next line ("Source :" | "https://…") is one field:
    the address is not a link line appended at the page's end, even cut over two lines of a narrow
    column."""
    second = ["Les bénévoles tiennent", "le registre des outils.", "", "Source :", "https://jardin-des-",
              "tilleuls.fr"]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([FIRST, second, THIRD])) + "\n"
    document, _ = import_text(text, "source.txt")
    assert "Source : https://jardin-des-tilleuls.fr" in _paragraphs(document)


def test_issue6_a_note_address_cut_at_a_page_foot_ends_under_the_next_page_first_column_text() -> None:
    """A note left unfinished at a page's foot inside an address cut after a hyphen ("…jardins.fr/nos-") goes
    on at the next page's first column's foot with the address's rest, one token, right above the next
    note, though the column's text above it runs on without a stop: the text is not finished by it."""
    third = ["La mairie prête les", "outils du jardin1.", "", "1", "  Voir le site", "  jardins.fr/nos-"]
    first = ["Les cuves récupèrent", "l’eau de pluie2 pour", "arroser les grands", "actions/arrosage.html.", "",
             "2", "  Voir aussi le site du", "  jardin."]
    second = ["parterres de fleurs du", "quartier en été."]
    text = "\n".join(columns_at([FIRST, SECOND, third])) + "\n\f" + "\n".join(columns_at([first, second, THIRD])) + "\n"
    document, _ = import_text(text, "adresse-coupee.txt")
    notes = [plain_text(note) for note in document.notes]
    assert notes[0] == "Voir le site jardins.fr/nos-actions/arrosage.html."
    assert not any("arrosage" in paragraph for paragraph in _paragraphs(document))


def test_issue6_an_address_ending_with_its_slash_is_not_glued_to_the_next_sentence() -> None:
    """An address cut over lines of a narrow column that ends with its slash ("…/bonnes-pratiques/") is
    followed by a sentence opening on the next line with a capitalised word ("Retrouvez le carnet…"): the
    word is no piece of the address."""
    second = ["Pour en savoir plus :", "jardins.fr/bonnes-", "pratiques/", "Retrouvez le carnet du",
              "jardin sur le site."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([FIRST, second, THIRD])) + "\n"
    document, _ = import_text(text, "slash.txt")
    body = " ".join(_paragraphs(document))
    assert "jardins.fr/bonnes-pratiques/ Retrouvez le carnet du jardin sur le site." in body


def test_issue6_a_question_item_ends_before_its_description_indented_under_it() -> None:
    """A list of talks, each a question set as an item with its description indented under it: a narrow
    column fills the question's last line, so the reflow test cannot see its end; a line at the item's text
    indentation opening with a capital after the question mark is the description, a paragraph of its own."""
    second = ["•   Quelles aides pour les", "    familles du quartier ?", "    Faire le point sur les",
              "    aides proposées par", "    la ville.", "•   Comment s’inscrire ?"]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD], 30)) + "\n\f" + "\n".join(columns_at([FIRST, second, THIRD], 30)) + "\n"
    document, _ = import_text(text, "questions.txt")
    paragraphs = _paragraphs(document)
    assert "Quelles aides pour les familles du quartier ?" in paragraphs
    assert "Faire le point sur les aides proposées par la ville." in paragraphs


def test_issue6_a_quote_set_narrow_in_a_column_is_measured_at_its_own_width() -> None:
    """A quote set in from the column's start, in a box narrower than the column (a few words a line): the
    reflow test measures its lines against the box's widest, not the column's, so a sentence's end on a
    line of the box does not end the quote when the next word had no room in the box ("engagent la ville." |
    "Il faut donc", though "Il" would have fitted in the column)."""
    second = ["Les bénévoles tiennent", "le registre des outils", "prêtés chaque semaine.", "",
              "  “Tous les usages", "  que les habitants", "  font du jardin", "  engagent la ville.",
              "  Il faut donc", "  les aider tous.”", "", "La médiatrice du centre", "social vient le jeudi."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([FIRST, second, THIRD])) + "\n"
    document, _ = import_text(text, "citation-etroite.txt")
    body = " ".join(plain_text(node) for node in iter_nodes(document) if isinstance(node, (t.Paragraph, t.BlockQuote)))
    assert "engagent la ville. Il faut donc" in body
    assert not any(paragraph.startswith("Il faut donc") for paragraph in _paragraphs(document))


def test_issue6_a_name_cut_at_a_page_turn_goes_on_on_the_next_page() -> None:
    """A paragraph left without a stop at a page's end goes on at the next page's head with a capital when
    the two words make a name the text sets on one line elsewhere ("… l’association Villeurbanne" |
    "Insertion a réuni…", the text writing "Villeurbanne Insertion" elsewhere)."""
    second = ["L’association", "Villeurbanne Insertion", "accueille les jeunes du", "quartier chaque jour."]
    third = ["Pour sa première", "édition, la fête du", "jardin a été organisée", "par l’association", "Villeurbanne"]
    first = ["Insertion, qui a réuni", "cent bénévoles.", "", "Les ateliers du samedi", "reprendront en mai."]
    text = "\n".join(columns_at([FIRST, second, third])) + "\n\f" + "\n".join(columns_at([first, SECOND, THIRD])) + "\n"
    document, _ = import_text(text, "nom.txt")
    assert ("Pour sa première édition, la fête du jardin a été organisée par l’association Villeurbanne Insertion, "
            "qui a réuni cent bénévoles.") in [" ".join(paragraph.split()) for paragraph in _paragraphs(document)]


def test_issue6_a_cover_item_cut_inside_a_name_the_text_sets_on_one_line_is_one_item() -> None:
    """A cover's item cut by a narrow column between the two words of a name ("12 mars 2026, Halle" |
    "Verte, Villeneuve") is one item when the text sets the name on one line elsewhere ("à la Halle Verte"),
    though the next line opens with a capital; the cover's other lines stay items of their own."""
    from test_pdftext_layout_blocks import BODY, BOX, _import

    cover = ["Un jardin pour tout", "le quartier", "Cultiver, apprendre et partager ensemble au fil des saisons",
             "", "Les Carnets du jardin", "12 mars 2026, Halle", "Verte, Villeneuve", "", "", "",
             "Table des matières", "Le jardin", "   Zoom sur le compost", "\fLe jardin"]
    body = [*BODY, "", "La fête des récoltes a lieu à la Halle Verte, au bout de la rue des Tilleuls.", ""]
    paragraphs = _paragraphs(_import([*cover, *body, *BOX]))
    assert paragraphs[:2] == ["Les Carnets du jardin", "12 mars 2026, Halle Verte, Villeneuve"]


def test_issue6_a_title_in_capitals_beside_a_gap_does_not_hide_it() -> None:
    """A column's gap between two paragraphs shows by two lines of the next column set between their rows;
    a third column's title in capitals, set large, has its lines on both rows and none between: its own
    pitch, no sign that the first column has none ("éthique et citoyenne." | gap | "Métropolitaines…")."""
    first = ["Le forum a réuni des", "acteurs de la ville", "pour une ville", "éthique et citoyenne.", "",
             "Métropolitaines et", "métropolitains ont", "échangé toute la", "journée."]
    second = ["Les ateliers ont", "permis à chacun", "de découvrir des", "outils et des", "services en",
              "ligne gratuits", "pour tous les", "habitants du", "quartier."]
    third = ["Le jardin est ouvert", "tous les jours.", "", "TROIS LEÇONS", "", "DU FORUM", "", "Chacun peut venir",
             "aider au jardin."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, third])) + "\n"
    document, _ = import_text(text, "titre-capitales.txt")
    assert "Le forum a réuni des acteurs de la ville pour une ville éthique et citoyenne." in _paragraphs(document)


def test_issue6_a_line_ending_with_a_capitalised_preposition_goes_on_across_a_gap() -> None:
    """A gap (the other columns' lines between two of the column's) under a line that breaks off its clause
    does not end the paragraph, whatever the case of the word that breaks it off ("… nos quartiers ? Par"
    | gap | "Marie Dupont, urbaniste."): a talk's title and its speaker."""
    first = ["Le forum a réuni des", "acteurs de la ville", "venus de tous les", "quartiers pour en", "parler."]
    second = ["La ville de demain :", "quels enjeux pour", "nos quartiers ? Par", "", "Marie Dupont,", "urbaniste."]
    third = ["Le jardin est ouvert", "tous les jours de la", "semaine aux familles", "du quartier et aux", "écoles."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, third])) + "\n"
    document, _ = import_text(text, "par.txt")
    assert "La ville de demain : quels enjeux pour nos quartiers ? Par Marie Dupont, urbaniste." in _paragraphs(document)


def test_issue6_a_title_of_the_table_of_contents_at_a_column_head_after_an_unfinished_line() -> None:
    """A title of the table of contents set at the head of a column whose previous column ends without a
    stop (its paragraph goes on elsewhere, or a box's text breaks off there) is still found: a column's
    head may open a title as a sentence's end does."""
    toc = ["Un jardin pour tout", "le quartier", "Cultiver, apprendre et partager ensemble au fil des saisons", "",
           "Table des matières", "Le jardin des Tilleuls", "Ressources du jardin", ""]
    first = ["Le jardin des Tilleuls", "", "Le jardin partagé du", "quartier réunit chaque", "semaine des voisins",
             "du programme partagé"]
    second = ["Ressources du", "jardin", "", "Chaque année, la fête", "réunit les habitants", "autour d’un repas."]
    text = "\n".join(toc) + "\n\f" + "\n".join(columns_at([first, second, THIRD])) + "\n\f" \
        + "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n"
    document, _ = import_text(text, "sommaire.txt")
    headings = [plain_text(node) for node in iter_nodes(document) if isinstance(node, t.Heading)]
    assert "Ressources du jardin" in headings


def test_issue6_a_first_name_and_surname_after_the_notes_do_not_go_on_with_the_text_above() -> None:
    """After a column's notes, a block opening with a first name and a surname ("Marie Dupont, présidente…")
    is a signature or a speaker's turn, not the end of the sentence the text above left broken off ("… de
    la"): its sentence goes on elsewhere."""
    first = ["Le jardin est géré par", "une association1 et par", "les membres de la", "", "1",
             "  Voir le site de la", "  ville."]
    second = ["Marie Dupont,", "présidente de", "l’association.", "", "Les ateliers du samedi", "reprendront en mai."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, THIRD])) + "\n"
    document, _ = import_text(text, "signature.txt")
    assert not any("de la Marie Dupont" in paragraph for paragraph in _paragraphs(document))


def test_issue6_a_word_a_narrow_quote_cuts_without_a_hyphen_is_mended_by_the_text_s_own_words() -> None:
    """A pull quote repeats the body's words, and a narrow box cuts them anywhere, without a hyphen
    ("multithématiqu" | "es,"). The lexicon does not know the whole word, but the body writes it whole: the
    pieces are joined. An English word before a word the text also writes glued in an address ("open" |
    "data", "opendata.fr") stays two words."""
    first = ["Nos réflexions sont", "polycentriques,", "multithématiques et", "transverses. Voir", "opendata.fr.",
             "", "Une fête clôt la saison", "au mois d’octobre."]
    second = ["Nous parlons d’open", "data depuis dix ans", "avec les habitants", "du quartier, qui le",
              "demandent souvent."]
    quote = ["« Nos", "réflexions", "sont", "multithématiqu", "es, et", "transverses »"]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, quote])) + "\n"
    document, state = import_text(text, "citation.txt")
    body = " ".join(_paragraphs(document))
    assert state.laid_out
    assert "sont multithématiques, et transverses" in body, body
    assert "d’open data depuis" in body
