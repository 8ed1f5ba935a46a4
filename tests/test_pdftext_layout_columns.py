"""The raw-text importer's layout step (issue 6) on narrow columns: three columns to a page, a quote set in a
box a third of a column wide, titles in capitals set large that break their words without a hyphen.

The texts are invented and laid out here as ``pdftotext -layout`` lays them out (:func:`columns_at`): each
column's lines at the column's position, a form feed between pages.
"""

from __future__ import annotations

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.walk import iter_nodes, plain_text

COLUMN = 26
"""A narrow column's pitch in characters (three to a page): its lines, then the gutter."""


def columns_at(columns: list[list[str]], pitch: int = COLUMN) -> list[str]:
    """The rows of a band of columns as ``pdftotext -layout`` prints them: row ``k`` holds each column's line
    ``k`` at the column's position, ``pitch`` characters apart (trailing spaces dropped)."""
    rows = max(len(column) for column in columns)
    return ["".join((column[k] if k < len(column) else "").ljust(pitch) for column in columns).rstrip()
            for k in range(rows)]


def _paragraphs(document: t.Document) -> list[str]:
    return [plain_text(node) for child in document.children for node in iter_nodes(child)
            if isinstance(node, t.Paragraph)]


def _headings(document: t.Document) -> list[tuple[str, int]]:
    return [(plain_text(node), node.level) for node in iter_nodes(document) if isinstance(node, t.Heading)]


# Three columns of running text: the page that shows where the columns start.
FIRST = ["Le jardin partagé du", "quartier des Tilleuls", "réunit chaque semaine", "une vingtaine de",
         "voisines et de voisins", "autour de parcelles", "cultivées ensemble."]
SECOND = ["Les ateliers du samedi", "accueillent les enfants", "des écoles voisines, qui", "apprennent à semer,",
          "à arroser et à récolter", "les légumes de saison", "avec leurs parents."]
THIRD = ["La mairie prête les", "outils et fournit l’eau", "de pluie récupérée dans", "deux cuves installées",
         "au printemps dernier", "près du local commun", "des jardiniers."]


def test_issue6_a_quote_set_very_narrow_in_a_known_column_is_read_as_text() -> None:
    """The third column of the second page holds only a quote set in a box a third of a column wide: a word
    or two a line, words cut without a hyphen where they do not fit. Such lines look like a table's cells
    (one word each), but they open in lower case, as a sentence going on does, at a column start the other
    page shows: a column, read after the others, its cut words made whole ("d’interven" | "tion")."""
    quote = ["« Nous", "partons des", "compéten", "ces des", "publics", "pour", "adapter", "les", "modalités",
             "d’interven", "tion et", "d’accomp", "agnement", "des", "médiateur", "s. »"]
    first = ["Le jardin accueille", "aussi les anciens du", "quartier, qui racontent", "les vergers d’autrefois",
             "aux plus jeunes venus", "les écouter le samedi.", "", "Une fête clôt la saison", "au mois d’octobre.",
             "", "Chacun apporte un plat", "à partager avec tous."]
    second = ["Les bénévoles tiennent", "le registre des outils", "prêtés et rendus chaque", "semaine au local.",
              "", "La médiatrice du centre", "social vient le jeudi", "aider les familles dans", "leurs démarches",
              "en ligne."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, quote])) + "\n"
    document, _ = import_text(text, "citation.txt")
    body = " ".join(_paragraphs(document))
    spoken = ("« Nous partons des compétences des publics pour adapter les modalités d’intervention et "
              "d’accompagnement des médiateurs. »")
    assert spoken in body
    assert body.index("en ligne.") < body.index(spoken)  # after the second column, not row by row
    assert "Le jardin accueille aussi les anciens du quartier, qui racontent les vergers d’autrefois aux plus " \
           "jeunes venus les écouter le samedi." in _paragraphs(document)


def test_issue6_titles_in_capitals_that_break_their_words_are_the_table_of_contents_entries() -> None:
    """Titles in capitals set large in a narrow column: a number alone over the title's first word, which did
    not fit after it ("3" | "ENSEIGNEMENT"), words cut without a hyphen ("COLLABORATIO" | "NS"), a blank row
    inside a title (its pitch is nearly two of the body's), short words alone on their lines ("DU"). Each
    reads as its entry of the table of contents, at the level its indentation there gives."""
    contents = ["Table des matières", "Le jardin", "Fiche d’identité", "   3 enseignements clés du jardin",
                "   Nouvelles collaborations au service du quartier", "Lexique"]
    first = ["Le jardin", "", *FIRST, "Les bénévoles tiennent", "le registre des outils", "prêtés et rendus",
             "chaque semaine au local", "commun du jardin.", "", "", "", "La médiatrice du centre",
             "social vient le jeudi", "aider les familles.", ""]
    second = ["", "", *SECOND, "Les enfants de l’école", "viennent le mardi", "arroser les semis", "et nourrir",
              "les poules du jardin.", "", "", "", "Les voisins prêtent", "leurs outils à qui", "en a besoin.", ""]
    third = ["", "", "FICHE", "D’IDENTITÉ", "3", "ENSEIGNEMENT", "S CLÉS DU", "JARDIN", "•   Un intérêt commun",
             "    de tous les voisins", "•   Des parcelles pour", "    chaque école", "", "NOUVELLES", "",
             "COLLABORATIO", "NS AU SERVICE", "DU QUARTIER", "•   Un local partagé", "    avec le centre social"]
    text = "\n".join(contents) + "\n\f" + "\n".join(columns_at([first, second, third])) + "\n"
    document, _ = import_text(text, "fiche.txt")
    headings = _headings(document)
    assert ("Fiche d’identité", 2) in headings
    assert ("3 enseignements clés du jardin", 3) in [(title.capitalize(), level) for title, level in headings]
    assert ("Nouvelles collaborations au service du quartier", 3) in [(title.capitalize(), level)
                                                                      for title, level in headings]
    assert "Les voisins prêtent leurs outils à qui en a besoin." in _paragraphs(document)


def test_issue6_a_long_title_set_large_in_a_narrow_column_is_its_table_of_contents_entry() -> None:
    """A long title set large in the third column: its lines spaced wider than the other columns' rows (the
    layout step sees gaps inside it), more than eight of them, right under the second column's last line,
    which ends without a stop, and at the foot of the page. It is the table's indented entry (level 3), whole:
    the entry after it in the table, less indented, is one of its own ("… de Montpellier" | "Rencontre(s)")."""
    contents = ["Table des matières", "Replays", "   Présentation de la démarche des jardins partagés par",
                "   Camille Martin, chargée de mission au service des espaces verts de Montpellier",
                "Rencontre(s)", "   Les jardiniers du samedi"]
    title = ["Présentation de", "la démarche des", "jardins partagés", "par Camille", "Martin, chargée",
             "de mission au", "service des", "espaces verts", "de Montpellier"]
    first = ["REPLAYS", "", *FIRST, "Les bénévoles tiennent", "le registre des outils", "prêtés et rendus",
             "chaque semaine au local", "commun du jardin.", "", *FIRST[:4]]
    second = ["", "", *SECOND, "", "La directrice des", "espaces verts de la", "ville"]
    third = ["", "", *THIRD, "", *(row for line in title for row in (line, ""))]
    page_2 = columns_at([first, second, third])
    page_3 = ["Rencontre(s)", "", "Les jardiniers du samedi", "", "Ils viennent chaque semaine arroser les semis."]
    text = "\n".join(contents) + "\n\f" + "\n".join(page_2) + "\n\f" + "\n".join(page_3) + "\n"
    document, _ = import_text(text, "replays.txt")
    headings = _headings(document)
    assert ("Présentation de la démarche des jardins partagés par Camille Martin, chargée de mission au service "
            "des espaces verts de Montpellier", 3) in headings
    assert "La directrice des espaces verts de la ville" in _paragraphs(document)


def test_issue6_a_note_left_unfinished_at_a_column_foot_goes_on_at_the_next_column_foot() -> None:
    """Each column has its notes at its foot; a note the first column leaves unfinished goes on at the
    second column's foot, after that column's text and a gap (the notes' rule). It is read whole, and the
    second column's text goes on into the third."""
    first = ["Le jardin partagé du", "quartier des Tilleuls", "réunit chaque semaine", "une vingtaine de",
             "voisins et publie un", "rapport1 chaque année.", "", "1", "  Voir le rapport sur",
             "les jardins partagés de", "la ville, publié en"]
    second = ["Les ateliers du samedi", "accueillent les enfants", "des écoles voisines, qui", "apprennent à semer et",
              "arroser les légumes de", "la saison avec leurs", "", "", "mars dernier par la", "mairie."]
    third = ["parents, le mardi et le", "jeudi après l’école.", "", "Une fête clôt la saison", "au mois d’octobre avec",
             "un repas partagé par", "les familles du quartier", "et les voisins venus", "nombreux cette année."]
    document, _ = import_text("\n".join(columns_at([first, second, third])) + "\n", "notes.txt")
    assert [plain_text(note) for note in document.notes] == [
        "Voir le rapport sur les jardins partagés de la ville, publié en mars dernier par la mairie."]
    assert "Les ateliers du samedi accueillent les enfants des écoles voisines, qui apprennent à semer et arroser " \
           "les légumes de la saison avec leurs parents, le mardi et le jeudi après l’école." in _paragraphs(document)


def test_issue6_a_note_of_several_sentences_goes_on_across_a_gap() -> None:
    """A note set at a column's foot goes on after a sentence's end at the text's pitch; further down, across
    a gap the other columns' rows make, its next sentence is still the note's, not the text's."""
    first = ["Le jardin partagé du", "quartier des Tilleuls", "réunit chaque semaine", "une vingtaine de",
             "voisins et publie un", "guide1 chaque année.", "", "1", "  Voir le guide des",
             "jardins et du compost.", "Camille Martin, de la", "", "", "Ville de Montpellier,",
             "l’a rédigé."]
    second = ["Les ateliers du samedi", "accueillent les enfants", "des écoles voisines, qui", "apprennent à semer et",
              "arroser les légumes de", "la saison avec leurs", "parents, le mardi et le", "jeudi après l’école.",
              "", "Une fête clôt la saison", "au mois d’octobre avec", "un repas partagé par",
              "les familles du quartier", "et les voisins venus", "nombreux cette année."]
    document, _ = import_text("\n".join(columns_at([first, second])) + "\n", "guide.txt")
    assert [plain_text(note) for note in document.notes] == [
        "Voir le guide des jardins et du compost. Camille Martin, de la Ville de Montpellier, l’a rédigé."]


def test_issue6_addresses_a_narrow_column_cut_at_any_letter_are_made_whole() -> None:
    """A long address breaks where the column ends, at any letter: in its host before the top-level domain,
    inside that domain, in a number of its path, in a file's name, before or inside its extension; so does a
    handle."""
    first = ["Les adresses utiles sont", "hyperliens.societenu", "merique.gouv.fr, le site", "www.sebastienmagro.ne",
             "t et les statistiques", "insee.fr/statistiques/42", "41397 ainsi que le guide",
             "jardins.fr/guide-du-compost.htm", "l et le résumé", "jardins.fr/docs/resume", ".pdf de la mairie,",
             "jardins.fr/docs/GUIDE_AC", "CESSIBLE-1.docx, et", "@JardinsDesTilleu", "ls."]
    second = ["Les ateliers du samedi", "accueillent les enfants", "des écoles voisines, qui", "apprennent à semer et",
              "arroser les légumes de", "la saison avec leurs", "parents, le mardi et le", "jeudi après l’école."]
    document, _ = import_text("\n".join(columns_at([first, second], pitch=36)) + "\n", "adresses.txt")
    assert "Les adresses utiles sont hyperliens.societenumerique.gouv.fr, le site www.sebastienmagro.net et les " \
           "statistiques insee.fr/statistiques/4241397 ainsi que le guide jardins.fr/guide-du-compost.html et le " \
           "résumé jardins.fr/docs/resume.pdf de la mairie, jardins.fr/docs/GUIDE_ACCESSIBLE-1.docx, et " \
           "@JardinsDesTilleuls." in _paragraphs(document)


def test_issue6_an_edition_page_mark_cut_at_a_line_end_does_not_end_the_paragraph() -> None:
    """An accessible edition's page mark cut over two lines ("[Page" | "31] …"), a gap between them in the
    column: the bracket left open goes on; the paragraph is whole and the page is marked."""
    first = ["Le jardin partagé du", "quartier des Tilleuls", "réunit chaque semaine", "des voisins sans qui",
             "n’existeraient pas [Page", "", "31] les parcelles", "cultivées ensemble."]
    document, _ = import_text("\n".join(columns_at([first, SECOND])) + "\n", "page.txt")
    assert "Le jardin partagé du quartier des Tilleuls réunit chaque semaine des voisins sans qui " \
           "n’existeraient pas les parcelles cultivées ensemble." in _paragraphs(document)
    assert "31" in [node.label for node in iter_nodes(document) if isinstance(node, t.PageBreak)]
