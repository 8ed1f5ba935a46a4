"""The raw-text importer's layout step (issue 6): a text extracted with ``pdftotext -layout`` sets the page's
columns side by side, a gutter of spaces between them; the importer reads it column by column.

The texts are invented and laid out here as that tool lays them out (:func:`side_by_side`): each column's
lines padded to the column's width, a gutter, the next column; a title across the page on a line of its own;
a note's number alone on its line, its text indented under it; a form feed between pages.
"""

from __future__ import annotations

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.readers.pdftext.layout import _column_starts, _wide_enough
from converter.walk import iter_nodes, plain_text

WIDTH = 44
"""A column's width in characters: its lines are padded to it, then the gutter."""


def side_by_side(columns: list[list[str]], gutter: int = 4) -> list[str]:
    """The rows of a band of columns as ``pdftotext -layout`` prints them: row ``k`` holds each column's line
    ``k`` at the column's position (trailing spaces dropped)."""
    rows = max(len(column) for column in columns)
    return ["".join(column[k].ljust(WIDTH + gutter) if k < len(column) else " " * (WIDTH + gutter)
                    for column in columns).rstrip() for k in range(rows)]


# Page 1, two columns under a title set across the page. The first paragraph goes on from the foot of the
# left column to the head of the right one; the left column ends with a note, its number alone on its line.
LEFT_1 = [
    "Le jardin partagé du quartier des Tilleuls",
    "réunit chaque semaine une vingtaine de",
    "voisines et de voisins autour de parcelles",
    "cultivées ensemble, sans engrais ni",
    "pesticides, avec des composteurs1 installés",
    "au fond de la cour par la mairie et",
    "",
    "1",
    "  Voir le guide du compostage collectif de",
    "  la métropole.",
]
RIGHT_1 = [
    "entretenus à tour de rôle par les habitants.",
    "",
    "Les ateliers du samedi accueillent les",
    "enfants des écoles voisines, qui apprennent",
    "à semer, à arroser et à récolter.",
    "",
    "Une fête des récoltes clôt la saison.",
]
# Page 2: the glossary in the left column (terms, their definitions indented), a last paragraph on the right.
LEFT_2 = [
    "Lexique",
    "",
    "Compost",
    "   Matière organique décomposée qui nourrit",
    "   la terre des parcelles.",
    "",
    "Parcelle",
    "   Portion du jardin cultivée par un",
    "   foyer ou par une école.",
]
RIGHT_2 = [
    "La mairie prête les outils et fournit",
    "l’eau de pluie récupérée dans deux cuves",
    "installées au printemps dernier.",
    "",
    "Les inscriptions sont ouvertes toute",
    "l’année auprès du gardien du jardin.",
]
TITLE = "Un jardin pour tout le quartier : cultiver, apprendre et partager ensemble"
PARCELS = ["Les parcelles sont attribuées au printemps",
           "par tirage au sort entre les foyers",
           "inscrits auprès du gardien du jardin.", "",
           "Chaque foyer signe la charte du jardin et",
           "s’engage à venir arroser à tour de rôle",
           "pendant les vacances d’été."]
"""A right column of two paragraphs, beside the left column a test is about."""
LETTER = ["Le jardin partagé du quartier des Tilleuls",
          "publie chaque mois sa lettre sur le site des",
          "jardins de la ville1, avec le calendrier des",
          "semis et les recettes des récoltes de la",
          "saison, écrites par les jardiniers du",
          "quartier et par les enfants des écoles. Les",
          "outils sont prêtés au local du jardin2, qui",
          "ouvre le samedi matin de neuf heures à midi",
          "et le mercredi après-midi pour les enfants."]
"""A paragraph calling two notes (on its third and seventh lines), beside a margin that holds them."""


def two_column_text() -> str:
    page_1 = [TITLE, "", *side_by_side([LEFT_1, RIGHT_1])]
    page_2 = side_by_side([LEFT_2, RIGHT_2])
    return "\n".join(page_1) + "\n\f" + "\n".join(page_2) + "\n"


def _paragraphs(document: t.Document) -> list[str]:
    """The body's paragraphs (the notes' are not: they follow the body)."""
    return [plain_text(node) for child in document.children for node in iter_nodes(child)
            if isinstance(node, t.Paragraph)]


def _body_text(document: t.Document) -> str:
    return " ".join(_paragraphs(document))


def test_issue6_two_columns_are_read_column_by_column() -> None:
    document, state = import_text(two_column_text(), "jardin.txt")
    text = _body_text(document)
    # reading order: the left column, then the right one, the paragraph going on across the gutter
    assert "au fond de la cour par la mairie et entretenus à tour de rôle par les habitants." in text
    assert text.index("réunit chaque semaine") < text.index("Les ateliers du samedi") \
        < text.index("Une fête des récoltes") < text.index("La mairie prête les outils")
    assert any("laid out in 2 columns (pdftotext -layout)" in d.message for d in state.diagnostics)
    # the title across the page is a heading, not glued to a column
    headings = [plain_text(node) for node in iter_nodes(document) if isinstance(node, t.Heading)]
    assert TITLE in headings


def test_layout_paragraphs_end_where_the_column_shows_it() -> None:
    document, _ = import_text(two_column_text(), "jardin.txt")
    paragraphs = _paragraphs(document)
    assert "Les ateliers du samedi accueillent les enfants des écoles voisines, qui apprennent à semer, à " \
           "arroser et à récolter." in paragraphs
    assert "Une fête des récoltes clôt la saison." in paragraphs
    assert "Les inscriptions sont ouvertes toute l’année auprès du gardien du jardin." in paragraphs
    opening = next(p for p in paragraphs if p.startswith("Le jardin partagé"))
    assert opening.endswith("par les habitants.")


def test_a_lone_number_over_indented_text_is_a_footnote_called_in_its_column() -> None:
    document, _ = import_text(two_column_text(), "jardin.txt")
    assert [plain_text(note) for note in document.notes] == ["Voir le guide du compostage collectif de la métropole."]
    calls = [(node.note_id, paragraph) for paragraph in iter_nodes(document) if isinstance(paragraph, t.Paragraph)
             for node in paragraph.children if isinstance(node, t.NoteRef)]
    assert len(calls) == 1 and "avec des composteurs" in plain_text(calls[0][1])
    assert "Voir le guide" not in _body_text(document)


def test_terms_over_indented_definitions_are_a_glossary_after_a_form_feed() -> None:
    document, _ = import_text(two_column_text(), "jardin.txt")
    entries = [(plain_text(item.term), plain_text(item.definitions[0])) for node in iter_nodes(document)
               if isinstance(node, t.DefinitionList) for item in node.items]
    assert entries == [("Compost", "Matière organique décomposée qui nourrit la terre des parcelles."),
                       ("Parcelle", "Portion du jardin cultivée par un foyer ou par une école.")]
    pages = [node.label for node in iter_nodes(document) if isinstance(node, t.PageBreak)]
    assert len(pages) == 2


def test_three_columns_are_read_left_to_right() -> None:
    columns = [
        ["La première colonne ouvre le récit de la", "journée passée au jardin avec les",
         "enfants du quartier et leurs parents."],
        ["La deuxième colonne raconte les semis de", "tomates, de courges et de haricots sous",
         "la serre construite par les bénévoles."],
        ["La troisième colonne dit la récolte et le", "repas partagé qui a réuni plus de cent",
         "personnes à la fin de la saison."],
    ]
    second = [[line.replace("colonne", "partie") for line in column] for column in columns]
    # two bands of three columns, a title across the page between them: band by band, column by column
    lines = ["Trois colonnes au jardin", "", *side_by_side(columns, gutter=3), "",
             "Et la saison prochaine, le jardin s’agrandira de trois nouvelles parcelles pour les écoles", "",
             *side_by_side(second, gutter=3)]
    document, state = import_text("\n".join(lines) + "\n", "trois.txt")
    text = _body_text(document)
    order = [text.index(column[0]) for column in [*columns, *second]]
    assert order == sorted(order)
    assert text.index("le jardin s’agrandira") < text.index("La première partie")
    paragraphs = _paragraphs(document)
    assert "La deuxième colonne raconte les semis de tomates, de courges et de haricots sous la serre " \
           "construite par les bénévoles." in paragraphs  # one paragraph per column
    assert any("laid out in 3 columns" in d.message for d in state.diagnostics)


def test_dense_text_without_columns_is_not_taken_as_layout() -> None:
    text = ("Le jardin partagé réunit chaque semaine une vingtaine de voisines et de voisins.\n"
            "Les ateliers du samedi accueillent les enfants des écoles voisines.\n"
            "Une fête des récoltes clôt la saison, avec un repas partagé.\n"
            "Les inscriptions sont ouvertes toute l’année.\n")
    document, state = import_text(text, "dense.txt")
    assert not state.laid_out
    assert not any("laid out" in d.message for d in state.diagnostics)
    assert "voisins. Les ateliers" in _body_text(document)


def test_margin_notes_whose_number_is_set_under_or_over_their_first_line() -> None:
    """Notes printed in the page's margin beside their call: a raised number may come a row below the
    note's first line, which is indented from it, or above it; the address a note gives keeps the hyphen
    it was cut at."""
    margin = ["", "", "  Voir le site des jardins-", "1", "partages.fr/tilleuls.", "", "2",
              "  Au fond de la cour.", ""]
    document, state = import_text("\n".join(side_by_side([LETTER, margin], gutter=6)) + "\n", "marge.txt")
    assert [plain_text(note) for note in document.notes] == ["Voir le site des jardins-partages.fr/tilleuls.",
                                                             "Au fond de la cour."]
    assert _paragraphs(document) == [" ".join(LETTER).replace("ville1", "ville").replace("jardin2", "jardin")]
    assert any("laid out in 2 columns" in d.message for d in state.diagnostics)


def test_an_indented_table_of_contents_gives_the_heading_levels() -> None:
    """The table's entries at the left are parts (level 2), those indented under them their sections
    (level 3), in capitals in the body or not."""
    contents = ["Table des matières", "Le jardin", "   Les parcelles", "   Le compost", "Les ateliers", ""]
    left = ["Le jardin", "",
            "Le jardin partagé du quartier réunit chaque",
            "semaine une vingtaine de voisines et de",
            "voisins autour des parcelles.", "",
            "LES PARCELLES", "",
            "Chaque foyer cultive sa parcelle de quatre",
            "mètres carrés, sans engrais ni pesticides."]
    right = ["Le compost", "",
             "Les déchets verts des parcelles nourrissent",
             "les deux composteurs installés au fond de",
             "la cour par la mairie.", "",
             "Les ateliers", "",
             "Les ateliers du samedi accueillent les",
             "enfants des écoles voisines."]
    text = "\n".join(contents) + "\n\f" + "\n".join(side_by_side([left, right])) + "\n"
    document, _ = import_text(text, "sommaire.txt")
    headings = {plain_text(node).lower(): node.level for node in iter_nodes(document) if isinstance(node, t.Heading)}
    assert headings == {"le jardin": 2, "les parcelles": 3, "le compost": 3, "les ateliers": 2}


def test_an_address_on_its_own_line_and_a_word_cut_without_hyphen_stay_in_their_sentence() -> None:
    """In a column, an address that goes on with its sentence is no link line appended at the page's end,
    and a word a narrow frame cut without a hyphen ("pédagogi" | "ques") is one word again."""
    left = ["Le programme des ateliers est publié chaque",
            "mois sur le site du jardin, à l’adresse",
            "https://jardins.fr/tilleuls.", "",
            "Les animateurs préparent des fiches",
            "pédagogi",
            "ques pour les écoles du quartier."]
    document, _ = import_text("\n".join(side_by_side([left, PARCELS])) + "\n", "ateliers.txt")
    paragraphs = _paragraphs(document)
    assert paragraphs[0] == "Le programme des ateliers est publié chaque mois sur le site du jardin, à l’adresse " \
                            "https://jardins.fr/tilleuls."
    assert paragraphs[1] == "Les animateurs préparent des fiches pédagogiques pour les écoles du quartier."


def test_an_address_cut_at_its_own_hyphens_in_a_narrow_column_keeps_them() -> None:
    left = ["Le guide du compostage est en ligne",
            "sur le site de l’agence-",
            "cohesion-",
            "territoires.gouv.fr/jardins, avec",
            "les horaires des permanences.", "",
            "Les bacs sont vidés le lundi."]
    document, state = import_text("\n".join(side_by_side([left, PARCELS])) + "\n", "guide.txt")
    assert "sur le site de l’agence-cohesion-territoires.gouv.fr/jardins, avec" in _body_text(document)
    assert all(kept for *_, kept in state.hyphens) and len(state.hyphens) == 2


# The kitchen sink in two columns with boxed pull quotes, its page 3 as pdftotext -layout gives it: a table in
# the left column whose header cells are broken in their narrow cells ("Participan" / "ts"), a note in the right.
PAGE_WITH_A_TABLE = [
    ' « Le numérique doit                          Rencontre avec',
    ' rester un moyen, jamais                      l’équipe',
    ' une fin. »',
    '                                              Un entretien croisé',
    ' Un participant',
    '                                              Comment avez-vous commencé ?',
    '       Le numérique n’est pas un              Claire Martin : Nous avons ouvert',
    '       but en soi : c’est un outil au         l’EPN en 20193, avec deux médiateurs.',
    '       service des droits.',
    '                                              Puis l’équipe s’est agrandie.',
    '       Charte de Villeneuve',
    '                                              Jean Dupont : Et nous avons créé un',
    '                                              réseau avec le CCAS.',
    '',
    '                                              Quelle est la suite ?',
    '                                              Claire Martin : Former les agents',
    '                                              d’accueil.',
    '',
    '',
    '                                              Ce qu’il faut retenir',
    '                                              Le XIXe siècle n’avait pas d’EPN ; le 1er',
    'Fréquentation de l’EPN au premier             atelier date de 2019.',
    'trimestre.',
    'Crédit : Ville de Villeneuve',
    '                                              Lexique',
    ' Quartier           Ateliers    Participan',
    '                                         ts   CCAS',
    '                                                  Centre communal d’action sociale :',
    ' Centre                    12           60',
    '                                                  établissement public qui anime',
    ' Nord                       8           35        l’action sociale de la commune.',
    ' Sud                        5           25    EPN',
    '                                                  Espace public numérique : lieu',
    '                     ***',
    '                                                  d’accès et d’accompagnement au',
    'Page 3                                            numérique.',
    '',
    '',
    '',
    '',
    '                                              3',
    '                                               L’EPN a été inauguré le 4 septembre',
    '                                              2019.',
]


def test_issue6_a_tables_cells_are_no_column() -> None:
    # The cells opened at position 40 ("Participan", its "ts" under it, the numbers) beside the right column
    # at 46 made a column six characters wide: the page was read in three columns, the glossary's terms cut
    # from their definitions. A column narrower than a line of text is a table's cells.
    assert _column_starts(PAGE_WITH_A_TABLE) == [46]
    columns, cells = set(range(30)), {1, 2, 3}  # the lines a start opens: a column's many, a table's few
    assert _wide_enough([29, 43, 49, 58], {29: columns, 43: cells, 49: cells, 58: columns}, 84) == [29, 58]
    document, _ = import_text("\n".join(PAGE_WITH_A_TABLE) + "\n")
    glossary = [n for n in iter_nodes(document) if isinstance(n, t.DefinitionList)]
    assert glossary and [plain_text(item.term) for item in glossary[0].items] == ["CCAS", "EPN"]


def _glossary(document: t.Document) -> list[tuple[str, str]]:
    return [(plain_text(item.term), plain_text(item.definitions[0])) for node in iter_nodes(document)
            if isinstance(node, t.DefinitionList) for item in node.items]


def test_issue6_a_term_wrapped_over_lines_of_a_narrow_column_is_one_term() -> None:
    """A narrow column wraps a long term over two or three lines at the term's indentation, its definition
    indented under it."""
    glossary = ["Lexique", "",
                "Compost",
                "   Matière organique",
                "   décomposée.",
                "Agriculture urbaine",
                "(urban farming en",
                "anglais)",
                "   Culture de légumes",
                "   en ville.",
                "Grelinette",
                "   Outil à deux",
                "   manches."]
    document, _ = import_text("\n".join(side_by_side([glossary, PARCELS])) + "\n", "lexique.txt")
    assert _glossary(document) == [("Compost", "Matière organique décomposée."),
                                   ("Agriculture urbaine (urban farming en anglais)", "Culture de légumes en ville."),
                                   ("Grelinette", "Outil à deux manches.")]


def test_issue6_an_address_cut_at_any_letter_of_its_path_is_one_address() -> None:
    """A narrow column breaks a long address at any letter, without a hyphen ("…/r" | "ecoltes-…",
    "…/fiche_c" | "ompost.pdf.", "…/l" | "es-semis-…"); the address is whole again, its hyphens kept."""
    left = ["Le calendrier est en ligne : jardins-",
            "partages.fr/tilleuls/r",
            "ecoltes-du-printemps/. La fiche est",
            "sur jardins-partages.fr/docs/fiche_c",
            "ompost.pdf. Le bilan est sur jardins.fr/2024/l",
            "es-semis-du-printemps.", "",
            "Les bacs sont vidés le lundi."]
    document, _ = import_text("\n".join(side_by_side([left, PARCELS])) + "\n", "adresses.txt")
    text = _body_text(document)
    assert "jardins-partages.fr/tilleuls/recoltes-du-printemps/. La fiche" in text
    assert "jardins-partages.fr/docs/fiche_compost.pdf." in text
    assert "jardins.fr/2024/les-semis-du-printemps." in text  # a slug, though "es" is a word


def test_issue6_a_note_that_is_an_address_set_flush_under_its_number() -> None:
    """A note whose text is one long address has no room for the notes' indentation: the address is set
    flush under the number, and is still the note's text, also cut after its last dot ("….n" | "et.")."""
    margin = ["", "", "1", "jardinspartages.n", "et.", "", "2", "  Au fond de la cour, près", "  du portail."]
    document, _ = import_text("\n".join(side_by_side([LETTER, margin], gutter=6)) + "\n", "marge.txt")
    assert [plain_text(note) for note in document.notes] == ["jardinspartages.net.",
                                                             "Au fond de la cour, près du portail."]


def test_issue6_a_note_at_a_column_foot_does_not_go_on_in_the_next_column() -> None:
    """The notes are printed at a column's foot: the next column's head goes on with the text, not with the
    note, even when the note ends without a stop (on an address); its number and first word are no title
    for the address."""
    left = ["Le jardin partagé du quartier des Tilleuls",
            "réunit chaque semaine une vingtaine de",
            "voisines et de voisins autour de parcelles1",
            "cultivées ensemble, sans engrais ni",
            "", "1",
            "  Voir",
            "jardins-partages.fr/tilleuls"]
    right = ["pesticides, avec des composteurs installés",
             "au fond de la cour par la mairie.", "", *PARCELS]
    document, _ = import_text("\n".join(side_by_side([left, right])) + "\n", "pied.txt")
    assert [plain_text(note) for note in document.notes] == ["Voir jardins-partages.fr/tilleuls"]
    assert "pesticides, avec des composteurs" in _body_text(document)


def test_issue6_a_margin_other_pages_show_holds_a_note_and_its_number_on_a_page() -> None:
    """A page whose margin holds one note, its number a row under its first line and its last word rows
    below, or a note that is an address: the margin is the one the first page shows (notes' numbers and
    addresses are no table's cells), and a note's line that ends on a colon goes on with what it announces."""
    margin = ["", "", "1", "  Voir le site des jardins", "  partagés.", "", "2",
              "  Le guide des jardiniers, 4 :", "", "", "  Semer en ville, la ville",
              "  comme jardin, aux éditions", "  du Jardin."]
    page_2 = ["Les parcelles sont attribuées au printemps par",
              "tirage au sort entre les foyers inscrits3 auprès",
              "du gardien du jardin, qui tient le registre des",
              "parcelles et des outils prêtés aux foyers.",
              "Chaque foyer signe la charte du jardin et",
              "s’engage à venir arroser à tour de rôle."]
    margin_2 = ["", "  Voir le", "3", "", "", "calendrier."]
    page_3 = [line.replace("inscrits3", "inscrits4") for line in page_2]
    margin_3 = ["", "4", "jardins-partages.fr/calen", "drier-2024."]  # an address: no table's cell either
    text = "\f".join("\n".join(side_by_side([body, margin], gutter=6)) + "\n"
                     for body, margin in [(LETTER, margin), (page_2, margin_2), (page_3, margin_3)])
    document, _ = import_text(text, "marges.txt")
    assert [plain_text(note) for note in document.notes] == [
        "Voir le site des jardins partagés.",
        "Le guide des jardiniers, 4 : Semer en ville, la ville comme jardin, aux éditions du Jardin.",
        "Voir le calendrier.", "jardins-partages.fr/calendrier-2024."]


def test_issue6_a_note_set_small_keeps_the_lines_its_column_shows() -> None:
    """A note at a column's foot is set smaller than the text: its lines hold more characters than the
    column's. Where it ends a sentence on a line that had no room for the next word, the note goes on,
    though the line is shorter than the note's longest."""
    left = ["Le jardin partagé du quartier réunit",
            "chaque semaine une vingtaine de",
            "voisines et de voisins autour de",
            "parcelles1 cultivées sans engrais ni",
            "pesticides, avec des composteurs.", "",
            "1",
            "  Le site des jardins partagés de la métropole",
            "  recense toutes les parcelles vides.",
            "  Réciproquement, il publie les fiches des",
            "  ateliers."]
    document, _ = import_text("\n".join(side_by_side([left, PARCELS])) + "\n", "petit.txt")
    assert [plain_text(note) for note in document.notes] == [
        "Le site des jardins partagés de la métropole recense toutes les parcelles vides. Réciproquement, il "
        "publie les fiches des ateliers."]


def test_issue6_a_note_unfinished_at_a_pages_foot_ends_above_the_next_pages_notes() -> None:
    """A note that does not end its sentence at a page's foot goes on at the next page's foot, right above
    that page's first note; the next page's body opening in lower case goes on with the body."""
    first = ["Le jardin partagé du quartier des Tilleuls réunit chaque semaine une",
             "vingtaine de voisines et de voisins autour de parcelles cultivées1 et",
             "", "1", "  Voir le guide du compostage collectif de la métropole :",
             "  jardins-partages.fr/guides/compostage-collectif-de-la-"]
    second = ["entretenues à tour de rôle par les habitants2.", "",
              "Une fête des récoltes clôt la saison.", "",
              "metropole.pdf. Le guide est aussi imprimé à l’accueil de la mairie.", "",
              "2", "  Un calendrier est affiché à l’entrée du jardin."]
    text = "\n".join(first) + "\n\f" + "\n".join("    " + line if line else "" for line in second) + "\n"
    document, state = import_text(text)
    assert [plain_text(note) for note in document.notes] == [
        "Voir le guide du compostage collectif de la métropole : jardins-partages.fr/guides/"
        "compostage-collectif-de-la-metropole.pdf. Le guide est aussi imprimé à l’accueil de la mairie.",
        "Un calendrier est affiché à l’entrée du jardin."]
    paragraphs = [plain_text(n) for n in document.children if isinstance(n, t.Paragraph)]
    assert paragraphs[0].startswith("Le jardin partagé") and paragraphs[0].endswith("par les habitants.")
    assert any("unfinished at a page's foot" in d.message for d in state.diagnostics)


def test_issue6_spaced_ordinals_and_elisions_of_a_layout_text_are_joined() -> None:
    """``pdftotext -layout`` sets an ordinal's superscript apart from its number ("XIX e", "4 ème") and may
    space an elision on a justified line ("l’ Open"): French spaces neither. A number before a word that
    is no ordinal's ending keeps its space."""
    left = ["Au XIX e siècle, la 4 ème édition du guide", "parlait de l’ Open Data et du 1 er atelier ;",
            "la salle 4 est ouverte, et la note e en", "marge aussi.", "", "Les ateliers reprennent en",
            "septembre."]
    right = ["Un paragraphe de la colonne de droite", "pour que le texte soit lu comme mis en",
             "page sur deux colonnes côte à côte, avec", "leurs lignes courtes et les espaces qui",
             "les séparent de la colonne de gauche.", "", "Une dernière phrase."]
    document, _ = import_text("\n".join(side_by_side([left, right])) + "\n")
    first = next(plain_text(n) for n in document.children if isinstance(n, t.Paragraph))
    assert first == ("Au XIXe siècle, la 4ème édition du guide parlait de l’Open Data et du 1er atelier ; la salle 4"
                     " est ouverte, et la note e en marge aussi.")
