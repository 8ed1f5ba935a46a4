"""The raw-text importer's paragraph ends in a ``pdftotext -layout`` text (issue 6), rules seen in three
columns with pull quotes: a pull quote takes room in a column and pushes the body's sentences across column
ends, and sets its own lines large, its attribution apart.

The texts are invented and laid out as that tool lays them out (``columns_at`` of the layout step's tests).
"""

from __future__ import annotations

from test_pdftext_layout_columns import FIRST, SECOND, THIRD, _paragraphs, columns_at

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.walk import iter_nodes, plain_text


def _read(first: list[str], second: list[str], third: list[str], name: str) -> list[str]:
    """The paragraphs of two pages: the first shows where the columns start, the second holds the case."""
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, third]))
    return _paragraphs(import_text(text + "\n", name)[0])


def test_issue6_a_closing_quote_at_a_columns_foot_goes_on_in_lower_case() -> None:
    # the first column ends with a closing quotation mark without a stop, the second opens in lower case: the
    # sentence goes on across the column end ("» is a mark that ends a sentence" made it two paragraphs)
    first = ["Le jardin accueille", "aussi les anciens du", "quartier, qui prêtent", "des outils « partagés »"]
    second = ["et que chacun rend", "le soir au local."]
    paragraphs = _read(first, second, THIRD, "outils.txt")
    assert "Le jardin accueille aussi les anciens du quartier, qui prêtent des outils « partagés » et que " \
           "chacun rend le soir au local." in paragraphs, paragraphs


def test_issue6_a_colon_at_a_columns_foot_goes_on_with_the_quotation_it_announces() -> None:
    # "Léa Martin indique :" at the first column's foot, the quotation it announces at the second's head
    first = ["Le jardin accueille", "aussi les anciens du", "quartier. Léa Martin", "nous le dit ensuite :"]
    second = ["« Nous apprenons", "des plus âgés. »"]
    paragraphs = _read(first, second, THIRD, "citation.txt")
    assert any(p.startswith("Le jardin accueille") and p.endswith("ensuite : « Nous apprenons des plus âgés. »")
               for p in paragraphs), paragraphs


def test_issue6_a_line_closing_a_parenthesis_left_open_goes_on_over_a_gap() -> None:
    # two rows of the first column left empty beside the other columns' lines (a pull quote set beside it):
    # a gap, but the line under it closes the parenthesis the paragraph left open
    first = ["Le jardin accueille", "aussi la mairie", "(également dite", "", "", "Maison du quartier),",
             "qui prête ses outils."]
    paragraphs = _read(first, SECOND, THIRD, "parenthese.txt")
    assert "Le jardin accueille aussi la mairie (également dite Maison du quartier), qui prête ses outils." \
        in paragraphs, paragraphs


def test_issue6_an_address_cut_before_a_hyphen_ends_its_paragraph_at_a_columns_foot() -> None:
    # the address ends the first column, cut before a hyphen ("jardin.fr/atelier" | "-du-samedi/"); the
    # second column opens with a capital: the address ended its sentence without a stop
    first = ["Le programme des", "ateliers est en ligne :", "jardin.fr/atelier", "-du-samedi/"]
    second = ["Retrouvez aussi nos", "recettes de saison."]
    paragraphs = _read(first, second, THIRD, "adresse.txt")
    assert "Retrouvez aussi nos recettes de saison." in paragraphs, paragraphs


def test_issue6_a_handle_then_capitals_ends_its_paragraph_in_a_layout_text() -> None:
    # a handle ends its sentence without a stop, a line opening with words in capitals follows (a title set
    # large, in the column's pitch): two units, though the handle's line had no room for the next word
    first = ["Le jardin accueille", "tout le quartier.", "Suivez-nous sur", "@JardinsDesTilleuls",
             "LES CARNETS DU", "JARDIN PARTAGÉ"]
    paragraphs = _read(first, SECOND, THIRD, "reseaux.txt")
    assert not any("@JardinsDesTilleuls LES" in p for p in paragraphs), paragraphs


def test_issue6_an_attribution_set_apart_under_a_quotation_is_the_quotations() -> None:
    # a quotation set large between “ ”, a gap, then a name, a comma and a title: its attribution, not a
    # paragraph of the body
    second = ["“Un jardin est une", "école où chacun", "apprend des autres”", "", "Claire Martin,",
              "jardinière du quartier", "", "Les ateliers du samedi", "accueillent les enfants."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([FIRST, second, THIRD]))
    document = import_text(text + "\n", "citation.txt")[0]
    quotes = [(" ".join(plain_text(child) for child in node.children), plain_text(node.attribution))
              for node in iter_nodes(document) if isinstance(node, t.PullQuote) and node.attribution]
    assert ("“Un jardin est une école où chacun apprend des autres”", "Claire Martin, jardinière du quartier") \
        in quotes, quotes
    assert not any(p.startswith("Claire Martin") for p in _paragraphs(document))


def test_issue6_notes_at_a_columns_foot_do_not_show_the_bodys_pitch() -> None:
    # the third column's notes, set smaller, have lines on the rows of two lines of the first column and none
    # between: not the body's pitch (the second column's two lines down to the lower one show the gap)
    first = ["Le jardin accueille", "les anciens du quartier", "chaque fin de semaine.", "", "Une fête clôt la",
             "saison en octobre."]
    second = ["Les ateliers du samedi", "accueillent les enfants", "", "des écoles voisines,", "qui apprennent à semer."]
    third = ["La mairie prête les", "outils du jardin.", "12", "", "    Voir le site du", "    jardin."]
    paragraphs = _read(first, second, third, "pied.txt")
    assert "Une fête clôt la saison en octobre." in paragraphs, paragraphs


def test_issue6_a_notes_number_alone_on_its_row_is_not_a_line_of_the_pitch() -> None:
    # the first column's lines two rows apart, the second column's lines between them (the extraction
    # interleaves columns of slightly different baselines); the third column's note number, raised on a
    # row of its own, over its first line: not two lines of the pitch, no gap in the first column
    first = ["Le jardin accueille", "aussi les anciens du", "quartier chaque samedi.", "", "Ils racontent les", "",
             "vergers d’autrefois."]
    second = ["Les ateliers du samedi", "accueillent les enfants", "", "des écoles voisines,", "",
              "qui apprennent à semer."]
    third = ["La mairie prête les", "outils du jardin.", "12", "    Voir le site du", "", "    jardin."]
    paragraphs = _read(first, second, third, "numero.txt")
    assert "Le jardin accueille aussi les anciens du quartier chaque samedi. Ils racontent les vergers " \
           "d’autrefois." in paragraphs, paragraphs
