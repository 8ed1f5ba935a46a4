"""The raw-text importer's layout step (issue 6) on three columns with pull quotes (``pdftotext -layout``):
the end of a note that goes on in another column or on the next page, set against the body's text with no
gap, and a word a narrow pull quote cuts without a hyphen.

The texts are invented and laid out as ``pdftotext -layout`` lays them out (:func:`columns_at`).
"""

from __future__ import annotations

from test_pdftext_layout_columns import FIRST, SECOND, THIRD, _paragraphs, columns_at

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.walk import iter_nodes, plain_text


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


_BODY = ("Au jardin, Léa Vernet le répète souvent : le jardin nous apprend la patience et le partage entre voisins "
         "du quartier. Chacun y trouve sa place et son rythme au fil des saisons, et les enfants aussi viennent y "
         "semer leurs graines chaque printemps avec leurs parents.")


def _quotes(document: t.Document) -> list[t.PullQuote]:
    return [node for node in iter_nodes(document) if isinstance(node, t.PullQuote)]


def test_issue6_a_quotation_parted_by_a_gap_goes_on_to_the_pull_quote_that_closes_it() -> None:
    """A pull quote that repeats the body, opened with “ and parted by a gap (a paragraph's end, a frame
    split across a column's foot, a note between), goes on to the pull quote that closes it: one quotation,
    and the name and title under it, without a stop, are its attribution however many lines they take."""
    text = "\n\n".join([_BODY, "“Le jardin nous apprend la patience et le partage entre voisins du quartier.",
                        "1 Voir le site du jardin.", "Chacun y trouve sa place et son rythme au fil des saisons”",
                        "Léa Vernet, présidente de l’association du jardin partagé des Tilleuls et de ses voisins"])
    document, _ = import_text(text + "\n", "citation.txt")
    quotes = _quotes(document)
    assert len(quotes) == 1, quotes
    assert plain_text(quotes[0].children[0]).endswith("voisins du quartier. Chacun y trouve sa place et son rythme au fil des saisons”")
    assert plain_text(quotes[0].attribution) == \
        "Léa Vernet, présidente de l’association du jardin partagé des Tilleuls et de ses voisins"
    assert not any(paragraph.startswith("Léa Vernet, présidente") for paragraph in _paragraphs(document))


def test_issue6_a_notes_number_alone_on_its_row_makes_no_gap_in_the_column_beside() -> None:
    """The rows of a column where the next column sets a note's number alone (raised, on a row of its own)
    and the note's first line show no gap: the column's sentence after a stop ("…sanitaire." | "Pourtant…")
    goes on in the same paragraph."""
    # (the columns' rows interleave: each column sets a line every other row, the next column between them)
    first = ["Le rapport montre bien", "", "l’importance des outils", "", "dans la crise sanitaire.", "",
             "Pourtant, encore une", "", "fois, les données n’ont", "", "pas été publiées."]
    second = ["", "Les ateliers du samedi", "", "accueillent les enfants", "", "des écoles voisines, qui", "",
              "apprennent à semer."]
    third = ["La mairie prête les", "outils et fournit l’eau", "de pluie récupérée dans", "deux cuves du jardin1.", "1",
             "  Sur ce point, voir", "", "  le guide du jardin."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, third])) + "\n"
    paragraphs = _paragraphs(import_text(text, "numero.txt")[0])
    assert any("dans la crise sanitaire. Pourtant, encore une fois" in paragraph for paragraph in paragraphs), paragraphs


def test_issue6_a_byline_naming_someone_ends_before_a_sentence() -> None:
    """A byline's line that names someone ("Textes : Léa Vernet") is a paragraph of its own, though no gap
    sets it apart from the sentence under it ("Cette iconographie indique…"); a name it goes on with ("Textes :
    Sébastien" | "Magro") stays with it."""
    first = ["Textes : Léa Vernet", "Cette iconographie", "indique que le terme", "est défini au lexique."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, SECOND, THIRD])) + "\n"
    paragraphs = _paragraphs(import_text(text, "signature.txt")[0])
    assert "Textes : Léa Vernet" in paragraphs, paragraphs
    assert "Cette iconographie indique que le terme est défini au lexique." in paragraphs
    first[:2] = ["Textes : Sébastien", "Magro"]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, SECOND, THIRD])) + "\n"
    assert not any(paragraph == "Textes : Sébastien" for paragraph in _paragraphs(import_text(text, "signature.txt")[0]))


def test_issue6_a_line_leaving_a_parenthesis_open_goes_on_across_a_gap() -> None:
    """A line that leaves a parenthesis open ("…de la ville (également labellisé") does not end its
    paragraph, though the column beside sets lines in the gap under it (a pull quote's rows) and the next
    line opens with a capital ("Fabrique de territoire), …"): what it opened goes on."""
    first = ["Le tiers lieu de la", "ville (aussi labellisé", "", "", "Fabrique de territoire),",
             "montre la voie aux", "habitants du quartier."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, SECOND, THIRD])) + "\n"
    paragraphs = _paragraphs(import_text(text, "parenthese.txt")[0])
    assert ("Le tiers lieu de la ville (aussi labellisé Fabrique de territoire), montre la voie aux habitants "
            "du quartier.") in paragraphs, paragraphs


def test_issue6_an_address_cut_before_a_hyphen_of_its_path_ends_its_column_before_a_capital() -> None:
    """An address ending a column that a narrow column cut before a hyphen of its path ("communs.fr/accessibilite"
    | "-et-bonnes-pratiques/") is measured whole: it ends its paragraph when the next column opens with a
    capital."""
    first = ["Le jardin accueille", "aussi les anciens du", "quartier chaque samedi.", "", "POUR EN SAVOIR",
             "PLUS : jardins-en-", "communs.fr/accessibilite", "-et-bonnes-pratiques/"]
    second = ["Retrouvez le carnet du", "jardin sur le site de la", "ville."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, THIRD])) + "\n"
    paragraphs = _paragraphs(import_text(text, "adresse.txt")[0])
    assert "Retrouvez le carnet du jardin sur le site de la ville." in paragraphs, paragraphs


def test_issue6_a_colon_at_a_columns_foot_goes_on_with_the_quotation_the_next_column_opens() -> None:
    """A colon ending a column ("… Léa Vernet indique :") announces what the next column opens with, a
    quotation ("« Le jardin…"): one paragraph, though a colon ends a sentence's clause."""
    first = ["Le jardin accueille", "aussi les anciens du", "quartier chaque samedi.", "", "Une relation s’est",
             "installée entre eux.", "Léa Vernet indique :"]
    second = ["« Le jardin nous", "apprend la patience »,", "dit-elle en souriant."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, THIRD])) + "\n"
    paragraphs = _paragraphs(import_text(text, "deux-points.txt")[0])
    assert ("Une relation s’est installée entre eux. Léa Vernet indique : « Le jardin nous apprend la patience », "
            "dit-elle en souriant.") in paragraphs, paragraphs


def test_issue6_a_word_wider_than_its_quotes_box_is_mended_though_both_pieces_are_words() -> None:
    """A quote's box a dozen letters wide cuts a word wider than all its lines anywhere, without a hyphen,
    its first piece filling its line: "d’accompagne" | "ment" are two French words, but the whole word, which
    the text writes elsewhere, fits on no line of the box: the pieces are joined."""
    first = ["Les ateliers", "d’accompagnement des", "familles ont lieu le", "samedi matin au local."]
    quote = ["« Nos", "ateliers", "d’accompagne", "ment des", "familles »"]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, SECOND, quote])) + "\n"
    body = " ".join(_paragraphs(import_text(text, "boite.txt")[0]))
    assert "accompagne ment" not in body
    assert "« Nos ateliers d’accompagnement des familles »" in body, body


def test_issue6_a_closing_quote_at_a_columns_foot_ends_no_sentence_before_a_word_in_lower_case() -> None:
    """A column ending with a closing quotation mark after a quoted word, not after a stop ("… dites
    « apprenantes »"), goes on with the next column opening in lower case ("et dont ont besoin…"): one
    paragraph."""
    first = ["Le jardin accueille", "aussi les anciens du", "quartier chaque samedi.", "", "Les outils du jardin",
             "sont parfois appelés", "des biens « partagés »"]
    second = ["et dont ont besoin les", "voisins du quartier."]
    text = "\n".join(columns_at([FIRST, SECOND, THIRD])) + "\n\f" + "\n".join(columns_at([first, second, THIRD])) + "\n"
    paragraphs = _paragraphs(import_text(text, "guillemet.txt")[0])
    assert "Les outils du jardin sont parfois appelés des biens « partagés » et dont ont besoin les voisins du " \
           "quartier." in paragraphs, \
        paragraphs


def test_issue6_a_notes_end_in_the_next_column_starts_where_its_lines_close_up() -> None:
    """A note cut at a column's foot goes on at the next column's foot. Two lines there open in lower case
    after a gap ("apprennent…", after the column's rows jitter beside a large quote; "déchets…"): the note's
    end starts at the later one, from which the lines are set closer than every line above them (a note is
    set smaller than the text), not at the first (issue 6: "soulevées par les personnes…" went to note 40)."""
    first = ["Le jardin partagé du", "quartier des Tilleuls", "réunit chaque semaine", "une vingtaine de",
             "voisins autour du", "compost1 et du potager.", "", "", "", "", "1", "  Le compost désigne le",
             "  procédé par lequel les"]
    # (the text every other row, the column beside setting a line in each row between; the note closer)
    second = ["Les ateliers du samedi", "", "accueillent les enfants", "", "des écoles voisines, qui", "", "",
              "apprennent à semer et", "", "arroser les légumes de", "", "déchets du jardin", "nourrissent la terre."]
    third = ["saison avec leurs", "parents, le mardi et le", "jeudi après l’école.", "Une fête clôt la saison",
             "au mois d’octobre avec", "un repas partagé par", "les familles du quartier", "et les voisins venus",
             "nombreux cette année.", "La mairie prête les", "outils du jardin et", "l’eau de pluie aux", "familles."]
    document, _ = import_text(_pages([FIRST, SECOND, THIRD], [first, second, third]), "pas.txt")
    assert [plain_text(note) for note in document.notes] == \
        ["Le compost désigne le procédé par lequel les déchets du jardin nourrissent la terre."]
    assert "Les ateliers du samedi accueillent les enfants des écoles voisines, qui apprennent à semer et arroser " \
           "les légumes de saison avec leurs parents, le mardi et le jeudi après l’école." in _paragraphs(document)
