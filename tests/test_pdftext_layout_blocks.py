"""The raw-text importer's layout blocks (issue 6): what a text extracted with ``pdftotext -layout`` shows
around the words, read as the blocks it is. The cover before the table of contents (its title and subtitle
are metadata, its other lines paragraphs of their own), a table's cells set apart by wide gaps, a thematic
break's stars, a figure's caption and credit under the rows its image leaves empty, a quotation set in with
its attribution under it.

The texts are invented, laid out as that tool lays them out: one column, its indentation kept, a blank row
where the page shows a gap.
"""

from __future__ import annotations

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.walk import iter_nodes, plain_text

BODY = [
    "Le jardin partagé du quartier des Tilleuls réunit chaque semaine une vingtaine",
    "de voisines et de voisins autour de parcelles cultivées ensemble, sans engrais ni",
    "pesticides, avec des composteurs installés au fond de la cour par la mairie.",
    "",
    "Les ateliers du samedi accueillent les enfants des écoles voisines, qui apprennent",
    "à semer, à arroser et à récolter ; une fête des récoltes clôt la saison.",
]
"""Two paragraphs of body text, lines full to the column's width (about eighty characters)."""
BOX = [
    "    Zoom sur le compost",
    "    Le compost nourrit la terre des parcelles. Chaque foyer y apporte ses",
    "    épluchures le samedi matin, et les enfants retournent le tas chaque mois",
    "    sous l’œil du gardien, qui note la température du tas dans un carnet et",
    "    prévient les jardiniers quand le compost est mûr pour les parcelles.",
    "",
]
"""A box set in, which makes the text a layout one (its lines are indented)."""


def _paragraphs(document: t.Document) -> list[str]:
    return [plain_text(node) for child in document.children for node in iter_nodes(child)
            if isinstance(node, t.Paragraph)]


def _import(lines: list[str]) -> t.Document:
    document, state = import_text("\n".join(lines) + "\n")
    assert state.laid_out
    return document


def test_issue6_the_cover_before_the_table_of_contents_is_the_title_then_lines_of_their_own() -> None:
    # The cover's first block is the title set large (its lines break early) and the subtitle set smaller
    # (wider lines): metadata. Its other lines are each a unit (a series, an event's place and date), a line
    # cut by a narrow column going on on the next (in lower case, or a year alone).
    cover = [
        "Un jardin pour tout",
        "le quartier",
        "Cultiver, apprendre et partager ensemble au fil des saisons",
        "",
        "Les Carnets du jardin",
        "numéro 3",
        "Villeneuve, 12 mars",
        "2026",
        "",
        "",
        "",
        "Table des matières",
        "Le jardin",
        "   Zoom sur le compost",
        "\fLe jardin",
    ]
    document = _import([*cover, *BODY, "", *BOX])
    assert document.meta.title == "Un jardin pour tout le quartier"
    assert document.meta.subtitle == "Cultiver, apprendre et partager ensemble au fil des saisons"
    paragraphs = _paragraphs(document)
    assert paragraphs[:2] == ["Les Carnets du jardin numéro 3", "Villeneuve, 12 mars 2026"]
    assert not any("Un jardin pour tout" in paragraph for paragraph in paragraphs)


TABLE = [
    "Les parcelles attribuées cette année, par quartier, sont les suivantes.",
    "",
    "    Quartier                           Parcelles               Foyers",
    "    Centre                                    12                   60",
    "    Nord                                       8                   35",
    "",
    "                                   ***",
    "",
]


def _tables(document: t.Document) -> list[list[list[str]]]:
    return [[[plain_text(cell.children) for cell in row.cells] for row in node.rows]
            for node in iter_nodes(document) if isinstance(node, t.Table)]


def test_issue6_cells_set_apart_by_wide_gaps_are_a_table_and_stars_a_thematic_break() -> None:
    # Rows of three cells and more (three spaces or more between them) were joined into one paragraph
    # ("Quartier Parcelles Foyers Centre 12 60 …"), the stars under them too.
    document = _import([*BODY, "", *TABLE, *BOX])
    assert _tables(document) == [[["Quartier", "Parcelles", "Foyers"], ["Centre", "12", "60"], ["Nord", "8", "35"]]]
    table = next(node for node in iter_nodes(document) if isinstance(node, t.Table))
    assert table.rows[0].header and not table.rows[1].header  # a row without numbers over rows of numbers
    assert any(isinstance(node, t.ThematicBreak) for node in document.children)
    assert not any("Quartier" in paragraph or "***" in paragraph for paragraph in _paragraphs(document))


def test_issue6_a_narrow_cell_wraps_its_word_without_a_hyphen_and_the_row_goes_on() -> None:
    # A narrow column cuts a cell's word where it must ("Quart" | "ier", "Parti" | "cipan" | "ts"): the lines
    # that complete the words above go on with their row, the pieces glued where the lexicon knows the word.
    narrow = [
        "    Quart    Atelie     Parti",
        "    ier          rs    cipan",
        "                          ts",
        "",
        "    Centr        12       60",
        "    e",
        "    Nord          8       35",
        "",
    ]
    document = _import([*BODY, "", *narrow, *BOX])
    assert _tables(document) == [[["Quartier", "Ateliers", "Participants"], ["Centre", "12", "60"],
                                   ["Nord", "8", "35"]]]


NARROW = [
    "Le jardin partagé du quartier des Tilleuls réunit chaque",
    "semaine une vingtaine de voisines et de voisins autour de",
    "parcelles cultivées ensemble, sans engrais ni pesticides,",
    "avec des composteurs installés au fond de la cour par la",
    "mairie, qui prête aussi les outils et fournit l’eau de",
    "pluie récupérée dans deux cuves installées au printemps.",
    "Les ateliers du samedi accueillent les enfants des écoles",
    "voisines, qui apprennent à semer, à arroser et à récolter.",
]
"""A column of text beside a margin of notes (at position 62)."""


def _beside_margin(notes: list[str]) -> list[str]:
    return [f"{text:<62}{note}".rstrip() for text, note in zip(NARROW, notes, strict=False)]


def test_issue6_a_table_across_the_page_keeps_its_rows_where_another_page_has_a_margin() -> None:
    # Both pages set notes in a margin at 62; the table's last column crosses that margin's gutter in its
    # header, and its numbers, right under the header's cells, lie in the margin: they were cut from their
    # rows into the margin's column (the table read "Centre 12", "Nord 8", then "60", "35" after the text).
    def row(first: str, second: str, third: str) -> str:
        return f"{first:<10}{second:>30}{third:>27}"

    page_1 = _beside_margin(["1", "Voir le guide du jardin", "de la métropole.", "", "2", "Voir la charte."])
    table = [row("Quartier", "Parcelles", "Participants"), row("Centre", "12", "60"), row("Nord", "8", "35"), ""]
    page_2 = [*table, *_beside_margin(["3", "Voir le rapport annuel", "du jardin.", *[""] * 5])]
    document, _ = import_text("\n".join(page_1) + "\n\f" + "\n".join(page_2) + "\n")
    assert _tables(document) == [[["Quartier", "Parcelles", "Participants"], ["Centre", "12", "60"],
                                   ["Nord", "8", "35"]]]


FIGURE = [
    "",
    "",
    "",
    "",
    "",
    "Fréquentation du jardin au premier trimestre.",
    "Crédit : Ville de Villeneuve",
    "",
]


def test_issue6_a_caption_and_its_credit_under_an_images_empty_rows_are_a_figure() -> None:
    # The rows an image leaves empty in its column, then a short caption and a credit ("Crédit :", "©",
    # "Photo :"): a figure whose image the text lost, not two paragraphs.
    document = _import([*BODY, *FIGURE, *BOX])
    figures = [node for node in iter_nodes(document) if isinstance(node, t.Figure)]
    assert [(plain_text(f.caption), plain_text(f.credit)) for f in figures] == [
        ("Fréquentation du jardin au premier trimestre.", "Ville de Villeneuve")]
    assert figures[0].alt is None and figures[0].src.endswith(".png")
    assert not any("Crédit" in paragraph for paragraph in _paragraphs(document))


def test_issue6_a_caption_and_credit_without_an_images_rows_stay_paragraphs() -> None:
    # Without the empty rows (no image printed), a caption and its credit are the paragraphs they show.
    document = _import([*BODY, *FIGURE[4:], *BOX])
    assert not any(isinstance(node, t.Figure) for node in iter_nodes(document))
    assert "Crédit : Ville de Villeneuve" in _paragraphs(document)


QUOTES = [
    "          « Un jardin est une école où chacun apprend des autres. »",
    "          Une jardinière",
    "",
    "",
    "          Le jardin appartient à celles et ceux qui le cultivent ensemble.",
    "",
    "          Charte des jardins",
    "          partagés de Villeneuve",
    "",
]


def _quotes(document: t.Document) -> list[tuple[str, str, str]]:
    return [(type(node).__name__, plain_text(node.children), plain_text(node.attribution))
            for node in iter_nodes(document) if isinstance(node, (t.PullQuote, t.BlockQuote))]


def test_issue6_a_quotation_set_in_then_a_short_line_at_its_indentation_is_attributed() -> None:
    # A quotation set in, ending a sentence, then up to three short lines at its indentation without final
    # punctuation: its attribution, not a paragraph. Between quotation marks, a pull quote; without them,
    # repeating nothing, a block quote.
    document = _import([*BODY, "", *QUOTES, *BOX])
    assert _quotes(document) == [
        ("PullQuote", "« Un jardin est une école où chacun apprend des autres. »", "Une jardinière"),
        ("BlockQuote", "Le jardin appartient à celles et ceux qui le cultivent ensemble.",
         "Charte des jardins partagés de Villeneuve")]
    assert not any("jardinière" in paragraph or "Charte" in paragraph for paragraph in _paragraphs(document))


def test_issue6_a_boxs_paragraph_is_no_attribution() -> None:
    # Set in like a quotation, a box's next paragraph is no attribution: it goes on in the next block (in lower
    # case), or ends with a word that opens a phrase, or is set flush (a title after a quotation).
    box = [
        "    Le compost nourrit la terre des parcelles depuis que le jardin existe.",
        "    Chaque foyer apporte ses épluchures au composteur de la",
        "",
        "    cour, le samedi matin, et les enfants retournent le tas chaque mois.",
        "",
        "    Le jardin garde ses graines d’une saison à l’autre.",
        "Le calendrier des semis",
        "",
    ]
    document = _import([*BODY, "", *box, *BOX])
    assert _quotes(document) == []
    assert any("au composteur de la cour, le samedi" in paragraph for paragraph in _paragraphs(document))


def test_issue6_an_address_joined_to_its_line_does_not_hide_a_paragraphs_end() -> None:
    # "… à l’adresse" | "https://…" is one line for the text; the reflow test measures the address's line as
    # printed: the next line's first word would have fitted after it, the paragraph ends there.
    lines = [
        *BODY[:3],
        "Le programme des ateliers se trouve à l’adresse",
        "https://jardin.example.fr/ateliers.",
        "LE CALENDRIER DES SEMIS",
        "",
        *BOX,
    ]
    paragraphs = _paragraphs(_import(lines))
    assert any(paragraph.endswith("https://jardin.example.fr/ateliers.") for paragraph in paragraphs)


def test_issue6_a_short_block_of_a_layout_text_is_not_cut_at_a_sentences_end() -> None:
    # The layout step ended the paragraphs where a line had room for the next word; a full line that ends a
    # sentence ("… y renvoie.") goes on with the next sentence on the next line.
    lines = [
        "Les titres sont balisés comme tels : la navigation par titres de votre logiciel",
        "permet de passer d’une partie à l’autre, et la table des matières, elle, y renvoie.",
        "Les encadrés sont signalés comme tels.",
        "",
        *BODY,
        "",
        *BOX,
    ]
    paragraphs = _paragraphs(_import(lines))
    assert paragraphs[0].endswith("y renvoie. Les encadrés sont signalés comme tels.")


def test_issue6_an_email_address_is_a_link_to_write_to_it() -> None:
    # The extraction keeps the address, not the link the PDF set on it: "écrire à contact@…" is a mailto link
    # (an address already under a link, or a web address, is left as it is).
    text = "Pour s’inscrire, écrire à jardin.tilleuls@exemple.fr ; le programme est sur exemple.fr/jardin.\n"
    document, _ = import_text(text)
    links = [(node.target, plain_text(node.children)) for node in iter_nodes(document) if isinstance(node, t.Link)]
    assert ("mailto:jardin.tilleuls@exemple.fr", "jardin.tilleuls@exemple.fr") in links
    assert ("https://exemple.fr/jardin", "exemple.fr/jardin") in links
