"""The raw-text importer's layout step (issue 6) on three columns with pull quotes (``pdftotext -layout``):
the end of a note that goes on in another column or on the next page, set against the body's text with no
gap, and a word a narrow pull quote cuts without a hyphen.

The texts are invented and laid out as ``pdftotext -layout`` lays them out (:func:`columns_at`).
"""

from __future__ import annotations

from test_pdftext_layout_columns import FIRST, SECOND, THIRD, _paragraphs, columns_at

from converter.readers.pdftext import import_text
from converter.walk import plain_text


def _pages(*pages: list[list[str]]) -> str:
    return "\n\f".join("\n".join(columns_at(page)) for page in pages) + "\n"


def test_issue6_a_note_end_in_the_pages_first_paragraph_starts_where_the_line_above_had_room_for_it() -> None:
    """A note left unfinished at a page's foot goes on at the next page's first column's foot, right under
    the column's text with no gap, and the text's last line does not end a sentence (it goes on in the next
    column): the note's end starts at the line whose first word would have fitted on the line above
    ("arroser les" | "aussi…"), since a typesetter breaks a line only where the next word does not fit."""
    third = ["La mairie prête les", "outils du jardin1.", "", "1", "  Voir le rapport publié", "  par la mairie et"]
    first = ["Les cuves récupèrent", "l’eau de pluie2 pour", "arroser les", "aussi le site du jardin.", "",
             "2", "  Voir le guide."]
    second = ["parterres du quartier", "en été."]
    document, _ = import_text(_pages([FIRST, SECOND, third], [first, second, THIRD]), "reflow.txt")
    notes = [plain_text(note) for note in document.notes]
    assert notes[0] == "Voir le rapport publié par la mairie et aussi le site du jardin."
    assert not any("aussi le site" in paragraph for paragraph in _paragraphs(document))


def test_issue6_a_note_announcing_an_address_goes_on_with_it_under_the_next_columns_text() -> None:
    """A note at a column's foot that ends with a colon ("Voir notamment :") goes on at the next column's
    foot with the address it announces, set right under that column's text with no gap: an address opening a
    line under a clause that announced none is the note's."""
    first = ["Le jardin partagé du", "quartier des Tilleuls", "réunit chaque semaine", "une vingtaine de",
             "voisins et publie un", "rapport1 chaque année.", "", "1", "  Voir notamment :"]
    second = ["Les ateliers du samedi", "accueillent les enfants", "des écoles voisines, qui", "apprennent à semer et",
              "arroser les légumes de", "la saison avec leurs", "jardins.fr/rapport-", "annuel.html."]
    third = ["parents, le mardi et le", "jeudi après l’école.", "", "Une fête clôt la saison", "au mois d’octobre avec",
             "un repas partagé par", "les familles du quartier", "et les voisins venus", "nombreux cette année."]
    document, _ = import_text("\n".join(columns_at([first, second, third])) + "\n", "annonce.txt")
    assert [plain_text(note) for note in document.notes] == ["Voir notamment : jardins.fr/rapport-annuel.html."]
    assert "Les ateliers du samedi accueillent les enfants des écoles voisines, qui apprennent à semer et arroser " \
           "les légumes de la saison avec leurs parents, le mardi et le jeudi après l’école." in _paragraphs(document)


def test_issue6_a_note_left_in_a_quotation_ends_where_a_line_closes_it_on_the_next_page() -> None:
    """A note left unfinished inside a quotation at a page's foot ("… « Jardins-") goes on at the next page's
    first column's foot, under the column's text with no gap: its end starts at the line that closes the
    quotation ("voisins » publiée…"), which the paragraph above it never opened."""
    third = ["La mairie prête les", "outils du jardin1.", "", "1", "  Voir la web-série", "  « Jardins-"]
    first = ["Le jardin ouvre le", "samedi.", "", "Les cuves récupèrent", "l’eau de pluie2 pour",
             "arroser les grandes", "voisins » publiée par", "la mairie.", "", "2", "  Voir le guide."]
    second = ["parcelles du quartier", "en été."]
    document, _ = import_text(_pages([FIRST, SECOND, third], [first, second, THIRD]), "guillemets.txt")
    notes = [plain_text(note) for note in document.notes]
    assert notes[0].startswith("Voir la web-série « Jardins") and notes[0].endswith("voisins » publiée par la mairie.")
    assert not any("voisins »" in paragraph for paragraph in _paragraphs(document))


def test_issue6_a_note_address_cut_at_any_letter_ends_at_the_next_pages_first_column_foot() -> None:
    """A note left unfinished inside an address cut at any letter ("…/nos-actions/arro") goes on at the
    foot of the next page's first column, under the column's text, while that page's first note is at
    another column's foot: the pieces of a path there are the address's rest."""
    third = ["La mairie prête les", "outils du jardin1.", "", "1", "  Voir le site",
             "  jardins.fr/nos-actions/arro"]
    first = ["Les cuves récupèrent", "l’eau de pluie pour", "arroser les", "", "", "sage.html."]
    second = ["parterres en été.", "", "Les grands parterres", "fleurissent2.", "", "2", "  Voir le guide."]
    document, _ = import_text(_pages([FIRST, SECOND, third], [first, second, THIRD]), "adresse.txt")
    notes = [plain_text(note) for note in document.notes]
    assert notes[0] == "Voir le site jardins.fr/nos-actions/arrosage.html."
    assert not any("sage.html" in paragraph for paragraph in _paragraphs(document))


def test_issue6_a_french_word_a_narrow_quote_cuts_before_a_piece_french_lacks_is_mended() -> None:
    """A narrow pull quote cuts a word anywhere, without a hyphen: here its first piece is a French word
    ("comportement" | "ales"), its second none, and the lexicon lacks the whole word, which the body writes
    whole: the pieces are joined."""
    first = ["Vendre nos habitudes", "comportementales, nos", "habitudes de", "consommation, voilà",
             "le modèle de la ville."]
    quote = ["« Vendre nos", "habitudes", "comportement", "ales, nos", "habitudes »"]
    document, _ = import_text(_pages([FIRST, SECOND, THIRD], [first, SECOND, quote]), "coupure.txt")
    body = " ".join(_paragraphs(document))
    assert "comportement ales" not in body
    assert body.count("habitudes comportementales, nos habitudes") == 2, body
