"""The PDF reader's layout rules (issue 6, point 2 and point 5): ``converter.readers.pdf``.

Most tests give the layout functions words and lines as pdfplumber describes them (positions, sizes, font
names), so they need no PDF; the last one prints a carnet through our DOCX writer and LibreOffice in two
columns and reads it back, as ``benchmarks/synthetic_carnets.py`` does for the figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from converter import tree as t
from converter.readers import pdf as P
from converter.walk import iter_nodes, plain_text

ROOT = Path(__file__).resolve().parent.parent


def word(text: str, x0: float, top: float, size: float = 10.0, bold: bool = False, width: float | None = None) -> dict:
    width = width if width is not None else 0.5 * size * len(text)
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size, "size": size,
            "fontname": "ABCDEF+Sans-Bold" if bold else "ABCDEF+Sans"}


def column(x0: float, top: float, rows: int, width: float = 200.0, size: float = 10.0) -> list[dict]:
    """A column of text: ``rows`` lines of a few words filling ``width``."""
    words = []
    for row in range(rows):
        for index in range(4):
            words.append(word("mot", x0 + index * width / 4, top + row * 1.2 * size, size, width=width / 4 - 6))
    return words


def test_two_columns_are_read_one_after_the_other() -> None:
    """issue 6: a gutter no word crosses, along the page, cuts the page into columns read in turn."""
    left, right = column(50, 100, 30), column(300, 100, 30)
    regions = P._regions(left + right, 9.0)
    assert len(regions) == 2
    assert {id(w) for w in regions[0]} == {id(w) for w in left}


def test_table_cells_and_bullets_are_not_columns() -> None:
    """issue 6: the gaps between a short table's cells, or between bullets and their text, are no gutter."""
    body = column(50, 100, 20, width=450)
    table = [word(text, x, 400 + row * 14) for row in range(3) for text, x in (("Centre", 50), ("12", 250), ("60", 450))]
    assert P._columns(body + table, 9.0) == []
    bullets = [word("•", 50, 100 + row * 12, width=4) for row in range(12)]
    items = [word("texte d’un élément de liste assez long", 70, 100 + row * 12, width=300) for row in range(12)]
    assert P._columns(bullets + items, 9.0) == []


def test_title_across_columns_then_columns() -> None:
    """issue 6: a title set across the page over two columns is read first, then each column."""
    title = [word("Un titre qui court sur toute la largeur de la page", 50, 60, 20, width=460)]
    left, right = column(50, 120, 25), column(300, 120, 25)
    regions = P._regions(title + left + right, 9.0)
    assert [len(r) for r in regions] == [1, len(left), len(right)]


def line(text: str, top: float, x0: float = 50.0, size: float = 10.0, bold: bool = False) -> P.PLine:
    found = P._lines([word(part, x0 + 40 * index, top, size, bold, width=35) for index, part in enumerate(text.split())])
    return found[0]


def test_superscript_number_is_a_call_glued_to_its_word() -> None:
    """issue 6: a number set smaller and raised after a word is a note call, the word's text kept."""
    words = [word("notes", 50, 100, 10, width=25), {**word("3", 75, 98, 6, width=3), "bottom": 104},
             word("suite", 84, 100, 10, width=20)]
    (found,) = P._lines(words)
    assert found.text == "notes3 suite" and found.calls == [(5, "3")]


def test_footnotes_under_a_short_rule() -> None:
    """issue 6: the lines under a short rule at the column's foot, opening with a number, are notes; an
    underline right under a line of text is not a separator."""
    lines = [line(f"texte du corps ligne {n}", 100 + 12 * n) for n in range(10)]
    notes = [line("1 Une note de bas de page.", 250), line("2 Une autre.", 262)]
    underline = (50.0, 120.0, lines[2].bottom + 1)
    rule = (50.0, 110.0, 245.0)
    assert P._footnote_split(lines + notes, [underline, rule], 10.0, 50.0, 300.0) == len(lines)
    assert P._footnote_split(lines, [underline], 10.0, 50.0, 300.0) == len(lines)
    blocks = P._notes(notes, 0, None)
    assert [(b.kind, b.number) for b in blocks] == [("note", 1), ("note", 2)]


def test_notes_in_the_margin_beside_the_text() -> None:
    """issue 6: notes set small in the right margin, beside the paragraph that calls them, are notes; a
    call set small at a line's end, or a table cell running into the margin, is not."""
    words = []
    for row in range(12):
        words += [word("texte", 50 + 52 * index, 100 + 14 * row, 12, width=48) for index in range(8)]
    words += [{**word("2", 466, 254, 7, width=4), "bottom": 259}]  # a call at the end of a line
    words += [word("60", 470, 296, 12, width=12)]  # a table's cell beyond the text's edge
    words += [word("2", 480, 254, 5, width=3), word("Le", 485, 254, 8, width=8),
              word("programme.", 495, 254, 8, width=40), word("affiché", 480, 264, 8, width=30)]
    margin = P._margin_notes(words, 12.0, 9.0)
    assert [row.text for row in margin] == ["2 Le programme.", "affiché"]
    assert P._margin_notes(words[:-4], 12.0, 9.0) == []


def test_heading_levels_from_ranked_sizes() -> None:
    """issue 6: sizes larger than the body used by titles are levels, the largest the highest; a larger
    size whose blocks end their sentences (quotes) is not a level."""
    def block(text: str, size: float, page: int = 1) -> P.PBlock:
        return P.PBlock([line(text, 100, size=size, bold=size > 10)], page)

    layout = P.Layout(body_size=10.0, blocks=[
        block("Partie", 20), block("Texte du corps.", 10), block("Sous-partie", 16), block("Texte.", 10),
        block("« Une citation mise en avant. »", 15), block("Une autre citation en avant.", 15),
        block("Autre partie", 20), block("Section", 16)])
    P._levels(layout)
    assert [b.level for b in layout.blocks] == [2, 0, 3, 0, 0, 0, 2, 3]


def test_a_box_of_large_type_only_is_a_quote() -> None:
    """issue 6: a box drawn with four lines is a box; one that holds only large type (and who said it under
    it) is a quote set in a box, not a sidebar titled by it; a sidebar's box has text in the body's type."""
    import io

    import pdfplumber

    frame = "1 w 300 500 m 520 500 l S 300 400 m 520 400 l S 301 400 m 301 460 l S 301 455 m 301 500 l S " \
            "519 400 m 519 500 l S"
    with pdfplumber.open(io.BytesIO(tiny_pdf(frame))) as pdf:
        assert [tuple(round(v) for v in box) for box in P._boxes(pdf.pages[0])] == [(300, 342, 520, 442)]
    sentence = " ".join(["mot"] * 40) + "."
    layout = P.Layout(body_size=10.0, blocks=[
        P.PBlock([line("Les ateliers proposés sont gratuits.", 100, size=16, bold=True)], 1, box=0),
        P.PBlock([line("Claire Martin", 130)], 1, box=0),
        P.PBlock([line("Zoom sur l’espace public", 200, size=16, bold=True)], 1, box=1),
        P.PBlock([line(sentence, 230)], 1, box=1),
        P.PBlock([line("Une partie", 300, size=16, bold=True)], 1), P.PBlock([line("Texte.", 330)], 1)])
    P._levels(layout)
    assert [(b.quote, b.level) for b in layout.blocks] == [(True, 0), (False, 0), (False, 2), (False, 0),
                                                            (False, 2), (False, 0)]


def test_cover_title_is_metadata() -> None:
    """issue 6: the largest type of a first page, used nowhere else, is the title, not a heading."""
    layout = P.Layout(body_size=10.0, blocks=[
        P.PBlock([line("Le titre du carnet", 100, size=26, bold=True)], 0),
        P.PBlock([line("Partie", 100, size=20, bold=True)], 1), P.PBlock([line("Texte.", 130)], 1)])
    P._cover(layout)
    assert layout.title == "Le titre du carnet" and layout.blocks[0].cover == "title"


def test_paragraph_runs_on_into_the_next_column() -> None:
    """issue 6: a paragraph cut at a column's foot, without final punctuation, goes on at the next top."""
    first = P.PBlock([line("une phrase qui continue dans la colonne", 700)], 1, region=0, frame=(50, 100, 250, 710),
                     last_frame=(50, 100, 250, 710), last_in_region=True)
    first.lines[0].x1 = 248
    second = P.PBlock([line("suivante et finit ici.", 100, x0=300)], 1, region=1, frame=(300, 100, 500, 700),
                      last_frame=(300, 100, 500, 700), first_in_region=True)
    layout = P.Layout(blocks=[first, second])
    P._flow(layout)
    assert len(layout.blocks) == 1 and len(layout.blocks[0].lines) == 2


def test_paragraph_runs_on_after_a_comma_or_an_indent() -> None:
    """issue 6: a paragraph cut at a column's foot after a comma goes on, whatever the next column's first
    letter; an indented block (a definition) whose last line runs along the column goes on in the next
    column at the same indent, even after a full stop; a short indented line (an attribution) does not."""
    def pair(end: str, x0: float, x1: float, start: str, resumed: float) -> P.Layout:
        first = P.PBlock([line("début du bloc", 650, x0=50), line(end, 700, x0=x0)], 1, region=0,
                         frame=(50, 100, 250, 710), last_frame=(50, 100, 250, 710), last_in_region=True)
        first.lines[-1].x1 = x1
        second = P.PBlock([line(start, 100, x0=resumed)], 1, region=1, frame=(300, 100, 500, 700),
                          last_frame=(300, 100, 500, 700), first_in_region=True)
        layout = P.Layout(blocks=[first, second])
        P._flow(layout)
        return layout

    assert len(pair("Rennes, Nantes, Paris,", 50, 150, "Montpellier, etc.", 300).blocks) == 1
    assert len(pair("une activité de « consom-acteur ».", 68, 220, "Autrement dit, chaque", 318).blocks) == 1
    assert len(pair("Un participant", 68, 120, "Le numérique n’est pas", 318).blocks) == 2
    assert len(pair("la réponse aux besoins.", 50, 150, "La dynamique installée", 300).blocks) == 2


def test_paragraph_runs_on_when_the_next_word_did_not_fit() -> None:
    """issue 6: a short last line without final punctuation whose column could not take the next column's
    first word ("… l’Open Knowledge" / "Foundation25.") was broken there: the paragraph goes on."""
    def pair(width: float) -> int:
        first = P.PBlock([line("le volet français", 650, x0=50), line("de l’Open Knowledge", 700, x0=50)], 1,
                         region=0, frame=(50, 100, 180, 710), last_frame=(50, 100, 180, 710), last_in_region=True)
        first.lines[-1].x1 = 120
        second = P.PBlock(P._lines([word("Foundation", 200, 100, width=width), word("Notre", 200 + width + 4, 100)]),
                          2, region=0, frame=(200, 100, 330, 700), last_frame=(200, 100, 330, 700),
                          first_in_region=True)
        layout = P.Layout(blocks=[first, second])
        P._flow(layout)
        return len(layout.blocks)

    assert pair(62) == 1
    assert pair(40) == 2


def test_attribution_keeps_the_quote_indent_in_the_next_column() -> None:
    """issue 6: a long attribution under a quote set large keeps the quote's indent, in the quote's column
    or at the top of the next one (the text set at the column's edge is the body)."""
    quote = P.PBlock([line("“Tous les usages”", 700, x0=340, size=18)], 1, frame=(312, 70, 524, 729),
                     last_frame=(312, 70, 524, 729))
    under = P.PBlock([line("Hélène Roussel, directrice de la mission", 100, x0=99)], 2, frame=(71, 85, 283, 768))
    body = P.PBlock([line("Hélène Roussel, directrice de la mission", 100, x0=71)], 2, frame=(71, 85, 283, 768))
    assert P._aligned_under(quote, under) and not P._aligned_under(quote, body)


def test_a_dash_after_a_plain_space_goes_on_the_sentence() -> None:
    """issue 6: "— la stratégie…" at a line's start is an incise, not a list item; a dash before a tab is."""
    lines = [line("démarche globale de Cité intelligente", 100), line("— la stratégie de Montpellier", 112)]
    assert len(P._paragraphs(lines, 0, 0, {10: 12.0})) == 1
    item = P._lines([word("–", 50, 124, width=5), word("un", 70, 124, width=10), word("élément", 84, 124, width=30)])
    assert len(P._paragraphs([*lines, *item], 0, 0, {10: 12.0})) == 2


def test_a_number_after_a_plain_space_goes_on_the_sentence() -> None:
    """issue 6: "(web" / "1) et de l’avènement" is one paragraph; "1) " after a sentence's end opens an item."""
    lines = [line("du web documentaire (web", 100), line("1) et de l’avènement du web", 112)]
    assert len(P._paragraphs(lines, 0, 0, {10: 12.0})) == 1
    lines = [line("Trois étapes :", 100), line("1) accueillir chaque personne", 112)]
    assert len(P._paragraphs(lines, 0, 0, {10: 12.0})) == 2


def test_an_address_alone_on_its_line_stays_in_its_paragraph() -> None:
    """issue 6: "youtu.be/…" alone under "Retrouvez … sur" is the paragraph's text, not a link's address
    under its title (the text steps would drop it)."""
    block = P.PBlock([line("Retrouvez l’intégralité du reportage sur", 100), line("youtu.be/yJJhteYcabM", 112)], 0)
    assert P.render(P.Layout(blocks=[block]))[0] == "Retrouvez l’intégralité du reportage sur youtu.be/yJJhteYcabM"


def test_address_cut_at_a_slash_is_mended() -> None:
    """issue 6: an address of the text (no link) cut at a slash at a column's edge is one address again."""
    block = P.PBlock([line("le code source est à l’adresse", 100), line("https://exemple.fr", 112),
                      line("/code. La suite.", 124)], 0)
    P._mend_addresses(block, [])
    assert [li.text for li in block.lines] == ["le code source est à l’adresse", "https://exemple.fr/code.",
                                               "La suite."]


def test_broken_word_at_the_edge_of_an_indented_quote_is_mended() -> None:
    """issue 6: a quote set in from its column breaks its words at its own edge, not the column's."""
    block = P.PBlock([line("« Le numériqu", 100, x0=80), line("e doit rester un moyen »", 112, x0=80)], 0)
    block.lines[0].x1 = 250
    block.lines[1].x1 = 250
    P._mend_broken_words(block, 400)
    assert [li.text for li in block.lines] == ["« Le numérique", "doit rester un moyen »"]


def test_a_speaker_alone_on_the_first_line_opens_the_answer() -> None:
    """issue 6: in a narrow column, "Hélène Roussel :" in bold fills the first line: the answer goes on."""
    lines = [line("Hélène Roussel :", 100, bold=True), line("Clairement, il y a un", 112),
             line("besoin.", 124)]
    assert len(P._paragraphs(lines, 0, 0, {10: 12.0})) == 1
    lines = [line("Une question en gras ?", 100, bold=True), line("Une réponse.", 112)]
    assert len(P._paragraphs(lines, 0, 0, {10: 12.0})) == 2


def test_a_call_whose_note_was_not_kept_is_text() -> None:
    """issue 6: the tree never calls a missing note (the transforms would stop on it): the number stays."""
    layout = P.Layout(body_size=10.0, blocks=[P.PBlock([line("Il propose des ateliers2 et un accès libre.", 100)], 1)])
    layout.blocks[0].lines[0].calls = [(23, "2")]
    layout.has_footnotes = True
    document, _ = P.import_layout(layout, "\n".join(P.render(layout)) + "\n")
    assert not [n for n in iter_nodes(document) if isinstance(n, t.NoteRef)]
    assert "ateliers2" in plain_text(document.children[-1])
    assert any("note call 2" in d.message for d in document.diagnostics)


def test_bold_terms_over_indented_definitions_are_a_term_list() -> None:
    """issue 6: outside a glossary, two lines in bold or more, each over a paragraph set in further, are a
    list of terms; the text steps give each its term and definition (capitals in normal case)."""
    blocks = []
    for number, (term, definition) in enumerate((("PASS NUMÉRIQUE", "Faciliter l’accès aux services"),
                                                 ("AIDANTS CONNECT", "Sécuriser les aidants numériques"))):
        blocks.append(P.PBlock([line(term, 100 + 40 * number, bold=True)], 1))
        blocks.append(P.PBlock([line(definition, 115 + 40 * number, x0=68)], 1))
    # a term broken over four lines of a narrow column
    blocks.append(P.PBlock([line(word, 180 + 12 * index, bold=True) for index, word in
                            enumerate(("FORMER ET", "OUTILLER", "LES AIDANTS", "NUMÉRIQUES"))], 1))
    blocks.append(P.PBlock([line("Une offre de formation", 230, x0=68)], 1))
    layout = P.Layout(body_size=10.0, blocks=[P.PBlock([line("Une phrase du corps.", 80)], 1), *blocks])
    P._term_lists(layout)
    assert [b.term_lines for b in layout.blocks] == [0, 1, 1, 4]
    document, _ = P.import_layout(layout, "\n".join(P.render(layout)) + "\n")
    (terms,) = [n for n in iter_nodes(document) if isinstance(n, t.DefinitionList)]
    assert [plain_text(t.Paragraph(children=item.term)) for item in terms.items][:2] == ["Pass numérique",
                                                                                        "Aidants Connect"]
    assert len(terms.items) == 3
    assert not terms.glossary


def test_broken_word_at_a_narrow_column_edge_is_mended() -> None:
    """issue 6: LibreOffice breaks a word too long for a column without a hyphen ("numériqu" / "es")."""
    block = P.PBlock([line("des outils numériqu", 100), line("es pour tous", 112)], 0)
    block.lines[0].x1 = 200
    P._mend_broken_words(block, 200)
    assert [li.text for li in block.lines] == ["des outils numériques", "pour tous"]


def test_issue6_a_word_longer_than_its_line_is_mended_whatever_the_lexicon() -> None:
    """issue 6: a line that is one word filling it to within a letter is a word broken because it was
    longer than the line ("instrumentalis" / "ant", which no lexicon knows, or "d’accompagne" / "ment",
    two words but one known whole); a known word that fills its line ("professionnellement" / "etc."), a
    word short of the edge, or a title in capitals keep their line ends. A comma pushed to the next line
    goes back to its word."""
    def mended(first: str, second: str, x1: float, edge: float = 86.0) -> list[str]:
        block = P.PBlock([line("« En", 88), line(first, 100), line(second, 112)], 0)
        block.lines[1].x1 = x1
        P._mend_broken_words(block, edge)
        return [li.text for li in block.lines]

    assert mended("instrumentalis", "ant des bâtiments", 85.0) == ["« En", "instrumentalisant", "des bâtiments"]
    assert mended("d’accompagne", "ment des médiateurs", 85.0) == ["« En", "d’accompagnement", "des médiateurs"]
    assert mended("professionnellement", "etc. Capital", 85.0) == ["« En", "professionnellement", "etc. Capital"]
    assert mended("instrumentalis", "ant des bâtiments", 85.0, edge=120.0)[1] == "instrumentalis"
    assert mended("MÉDITERRANÉE", "MÉTROPOLE", 85.0)[1] == "MÉDITERRANÉE"
    assert mended("consommation", ", de déplacement", 85.0) == ["« En", "consommation,", "de déplacement"]
    # a word the lexicon lacks, broken after a known word: the next piece, unknown in French, is its end;
    # two English words ("smart" / "city") keep their line end
    assert mended("comportement", "ales, nos habitudes", 85.0) == ["« En", "comportementales,", "nos habitudes"]
    assert mended("smart", "city des années", 85.0) == ["« En", "smart", "city des années"]
    # a word broken over three lines: each line's end takes the rest of its word only
    block = P.PBlock([line("« En", 88), line("d’accompa", 100), line("gnement", 112), line("des médiateurs", 124)], 0)
    block.lines[1].x1 = block.lines[2].x1 = 85.0
    P._mend_broken_words(block, 86.0)
    assert [li.text for li in block.lines] == ["« En", "d’accompagnement", "des médiateurs"]


def test_issue6_the_text_edge_of_a_box_is_set_in_as_its_left_one() -> None:
    """issue 6: the lines of a box run to its right edge set in by the room its text has on the left (its
    own lines may all stop short of it); outside a box, to the column's edge."""
    lines = [line("“Tous les", 100, x0=240), line("usages", 112, x0=240)]
    for each in lines:
        each.box = 2
    block = P.PBlock(lines, 1, box=2)
    boxes = [(0.0, 0.0, 10.0, 10.0), (0.0, 0.0, 10.0, 10.0), (232.0, 90.0, 363.0, 130.0)]
    assert P._text_edge(block, lines, boxes, 370.0) == 355.0
    assert P._text_edge(P.PBlock(lines, 1), lines, boxes, 370.0) == 370.0


def test_issue6_a_quote_in_a_box_runs_on_into_the_next_box() -> None:
    """issue 6: a quote set in a box cut at a column's foot goes on in the next box at the next column's
    top (a box of its own in the PDF), and the word broken at the foot ("instrumentalis" / "ant") is
    mended; a line ending on an address runs along the column, so the next column's capital starts a new
    paragraph (the rest of the address does not)."""
    def pair(end: str, start: str, first_box: int = 3, second_box: int = 4) -> P.Layout:
        first = P.PBlock([line("début de la citation", 650, x0=58), line(end, 700, x0=58)], 1, region=0,
                         frame=(50, 100, 250, 710), last_frame=(50, 100, 250, 710), last_in_region=True,
                         box=first_box, edge=243.0)
        first.lines[-1].x1 = 242.0
        second = P.PBlock([line(start, 100, x0=308)], 2, region=0, frame=(300, 100, 500, 700),
                          last_frame=(300, 100, 500, 700), first_in_region=True, box=second_box)
        layout = P.Layout(blocks=[first, second])
        P._flow(layout)
        return layout

    (block,) = pair("instrumentalis", "ant des bâtiments").blocks
    assert [li.text for li in block.lines] == ["début de la citation", "instrumentalisant", "des bâtiments"]
    assert len(pair("instrumentalis", "ant des bâtiments", second_box=6).blocks) == 2
    assert len(pair("plus : exemple.fr/bonnes-pratiques/", "Retrouvez le carnet", -1, -1).blocks) == 2
    assert len(pair("plus : exemple.fr/bonnes-pratiques et", "Retrouvez le carnet", -1, -1).blocks) == 1
    assert len(pair("TÉLÉCHARGER : exemple.fr/uploads/2022/0", "6/CARNET-1.docx", -1, -1).blocks) == 1


def test_issue6_a_note_going_on_in_the_next_column_keeps_the_numbers_of_its_address() -> None:
    """issue 6: a note that goes on at the foot of the next column takes that column's lines up to the
    next number after its own: "11/24/…", the rest of its address, is no note 11."""
    previous = P.PBlock([line("16 Sur ce point, voir notamment :", 700)], 1, kind="note", number=16)
    lines = [line(text, 100 + 12 * index, x0=300) for index, text in enumerate(
        ("leprogres.fr/rhone/2011/", "11/24/les-marches-", "lyon.", "17 Sur ce point, voir les", "analyses."))]
    found = P._notes(lines, 1, previous)
    assert [(note.number, len(note.lines)) for note in found] == [(17, 2)]
    assert len(previous.lines) == 4


def test_issue6_a_quote_in_the_box_under_a_sidebar_is_not_the_sidebars() -> None:
    """issue 6: a quote set large in its own box at the top of the next column, under a sidebar cut at the
    column's foot, stays a pull quote (the sidebar's text going on in the next box would be its member)."""
    layout = P.Layout(body_size=10.0, has_levels=True, blocks=[
        P.PBlock([line("Zoom sur… Vous avez dit open data ?", 100, size=14, bold=True)], 1, level=3, box=0),
        P.PBlock([line("Les données ouvertes constituent une ressource.", 130)], 1, box=0, last_in_region=True),
        P.PBlock([line("“Avec ce travail, j’ai tâché de montrer l’épaisseur du travail.”", 100, x0=300, size=16)],
                 1, box=1, quote=True, first_in_region=True)])
    document, _ = P.import_layout(layout, "\n".join(P.render(layout)) + "\n")
    (sidebar,) = [n for n in iter_nodes(document) if isinstance(n, t.Sidebar)]
    assert [plain_text(n) for n in sidebar.children] == ["Les données ouvertes constituent une ressource."]
    assert [n for n in iter_nodes(document) if isinstance(n, t.PullQuote)]


def test_issue6_a_word_broken_in_a_narrow_cell_is_mended() -> None:
    """issue 6: a header too long for a narrow cell is broken over three lines, set right ("Parti" /
    "cipan" / "ts"): the cell reads one word again, mended from its end; the other cells keep their text."""
    grid = P.Grid([50.0, 100.0, 150.0], [100.0, 150.0, 165.0])
    grid.words = [word("Quartier", 55, 104, width=40), word("Parti", 121, 104, width=27),
                  word("cipan", 117, 116, width=31), word("ts", 138, 128, width=10),
                  word("Centre", 55, 153, width=30), word("12", 138, 153, width=10)]
    table = P._table(grid)
    assert [[plain_text(cell) for cell in row.cells] for row in table.rows] == [["Quartier", "Participants"],
                                                                             ["Centre", "12"]]


class FakePage:
    """What :func:`P._grids` reads of a pdfplumber page: its lines and rectangles."""

    def __init__(self, lines: list[tuple[float, float, float, float]]) -> None:
        self.lines = [{"x0": x0, "top": top, "x1": x1, "bottom": bottom} for x0, top, x1, bottom in lines]
        self.rects: list[dict] = []


def test_issue6_a_box_over_a_table_of_its_width_is_no_row_of_its_grid() -> None:
    """issue 6: a quote's box and a table below it, both across the column, have rules of one width; the
    table's grid is its own rules, joined by its edges (the box's two edges are no grid)."""
    box = [(70.8, 81.4, 284.1, 81.4), (70.8, 188.5, 284.1, 188.5), (70.8, 81.4, 70.8, 188.5),
           (284.1, 81.4, 284.1, 188.5)]
    rows = [(71.3, y, 283.6, y) for y in (501.6, 540.9, 563.7, 586.4, 609.2)]
    sides = [(x, 501.3, x, 609.4) for x in (71.1, 142.0, 212.9, 283.8)]
    (grid,) = P._grids(FakePage(box + rows + sides))
    assert grid.ys == [501.6, 540.9, 563.7, 586.4, 609.2] and grid.xs == [71.1, 142.0, 212.9, 283.8]


def test_issue6_boxes_are_numbered_column_by_column() -> None:
    """issue 6: a page's boxes are numbered in reading order, column by column, each top to bottom, though
    the boxes of one column start a point or two apart (a box cut at the column's foot goes on in the box
    numbered next)."""
    page = FakePage([])
    page.width = 595.0
    page.rects = [{"x0": x0, "top": top, "x1": x1, "bottom": bottom, "fill": True, "stroke": False}
                  for x0, top, x1, bottom in ((311.0, 388.0, 525.0, 754.0), (70.0, 81.0, 284.0, 127.0),
                                              (312.75, 70.85, 523.45, 371.35))]
    assert [box[1] for box in P._boxes(page)] == [81.0, 70.85, 388.0]


def test_issue6_a_title_broken_after_a_kept_hyphen_is_joined_without_a_space() -> None:
    """issue 6: a title's lines are one line; a hyphen kept at a line's end joins its halves ("(2019-" /
    "2022)"), one that goes joins the word."""
    lines = [line("des communications électroniques (2019-", 100, size=14), line("2022) et numé-", 116, size=14),
             line("rique", 132, size=14)]
    assert P._joined(lines).text == "des communications électroniques (2019-2022) et numérique"


def test_issue6_an_attribution_drawn_in_the_quotes_box_is_its_attribution() -> None:
    """issue 6: the name and title under a quote set large, drawn in the quote's box (which goes on at the
    next column's top), are its attribution, though set at the box's edge as the quote."""
    quote = P.PBlock([line("“C’est pour cette raison que je parle", 600, x0=58, size=16),
                      line("de médiation des données.”", 620, x0=58, size=16)], 1, box=3, quote=True,
                     frame=(50, 70, 250, 700), last_frame=(50, 70, 250, 700), last_in_region=True)
    for each in quote.lines:
        each.box = 3
    name = "Samuel Goëta, Maître de conférences associé à SciencesPo Aix et cofondateur de la société coopérative"
    attribution = P.PBlock([line(name, 80, x0=300), line("Datactivist", 92, x0=300)], 1, box=4, region=1,
                           frame=(300, 80, 500, 700), last_frame=(300, 80, 500, 700), first_in_region=True)
    layout = P.Layout(body_size=10.0, has_levels=True, blocks=[quote, attribution])
    document, _ = P.import_layout(layout, "\n".join(P.render(layout)) + "\n")
    (pull,) = [n for n in iter_nodes(document) if isinstance(n, t.PullQuote)]
    assert plain_text(t.Paragraph(children=pull.attribution)) == f"{name} Datactivist"


def test_issue6_a_long_note_goes_on_under_the_next_columns_rule() -> None:
    """issue 6: when the column read before ended in notes, the lines under a short rule at the next
    column's foot go on the note, however much of the column they take (they start with no number)."""
    body = [line(f"texte du corps ligne {n}", 100 + 12 * n) for n in range(5)]
    notes = [line(f"suite de la note, ligne {n}", 180 + 12 * n) for n in range(20)]
    rule = (50.0, 80.0, 175.0)
    assert P._footnote_split(body + notes, [rule], 10.0, 50.0, 250.0) == 25
    assert P._footnote_split(body + notes, [rule], 10.0, 50.0, 250.0, open_note=True) == 5


def test_issue6_a_column_ends_a_paragraph_when_its_next_word_would_have_fitted() -> None:
    """issue 6: a line without final punctuation at a column's foot, long enough to run along the column,
    still ends its paragraph when the next column's first word would have fitted after it (a byline over
    the text: "Entretien : françois huguet" / "Maître de conférences"); an opening quote goes with its word
    ("« optimiser »"), which may not fit."""
    def pair(end: str, x1: float, start: list[dict]) -> int:
        first = P.PBlock([line(end, 700, x0=57)], 1, region=0, frame=(57, 70, 241, 730),
                         last_frame=(57, 70, 241, 730), last_in_region=True)
        first.lines[-1].x1 = x1
        second = P.PBlock(P._lines(start), 1, region=1, frame=(269, 70, 449, 756), last_frame=(269, 70, 449, 756),
                          first_in_region=True)
        layout = P.Layout(blocks=[first, second])
        P._flow(layout)
        return len(layout.blocks)

    assert pair("Entretien : françois huguet", 195.7, [word("Maître", 269, 70, width=34),
                                                       word("de", 306, 70, width=13)]) == 2
    assert pair("Entretien : françois huguet", 195.7, [word("Maître", 269, 70, width=50)]) == 1
    quoted = [word("«", 269, 70, width=7), word("optimiser", 279, 70, width=45), word("»", 327, 70, width=7)]
    assert P._first_token_width(P._lines(quoted)[0]) == 55
    assert pair("disciples de la smart city, à savoir", 215.0, quoted) == 1


def test_issue6_set_columns_fits_a_full_width_table_to_a_column(tmp_path: Path) -> None:
    """issue 6: the synthetic carnets' columns narrow a table set across the text to one column (its grid
    and cells in proportion, its width the whole column), so that LibreOffice does not clip it."""
    import zipfile

    from lxml import etree

    from converter import read, write

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic_carnets as sc

    docx = write(read(ROOT / "input" / "carnet-exemple.md"), "docx", tmp_path / "exemple.docx")
    sc.set_columns(docx, 3)
    with zipfile.ZipFile(docx) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
    (table,) = document.iter(f"{{{sc.W}}}tbl")
    grid = [int(col.get(f"{{{sc.W}}}w")) for col in table.iterfind("w:tblGrid/w:gridCol", sc.NS)]
    column = (11906 - 2 * 1417 - 2 * sc.COLUMN_SPACE) // 3
    assert column - 3 <= sum(grid) <= column and len(set(grid)) == 1
    cells = {int(width.get(f"{{{sc.W}}}w")) for width in table.iterfind("w:tr/w:tc/w:tcPr/w:tcW", sc.NS)}
    assert cells == {grid[0]}
    width = table.find("w:tblPr/w:tblW", sc.NS)
    assert (width.get(f"{{{sc.W}}}type"), width.get(f"{{{sc.W}}}w")) == ("pct", "5000")


def test_issue6_table_printed_in_two_columns_under_a_pull_quote_is_read_whole(tmp_path: Path) -> None:
    """issue 6: the kitchen sink's table, set across the text, printed in two columns with the pull quotes
    boxed across the column on its page: the PDF reader reads it whole, as the reference has it."""
    from conftest import require_tool

    from converter import read, write

    require_tool("libreoffice", "print a carnet to PDF")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic_carnets as sc

    def rows(document: t.Document) -> list[list[list[str]]]:
        return [[[plain_text(cell) for cell in row.cells] for row in n.rows] for n in iter_nodes(document)
                if isinstance(n, t.Table)]

    reference = read(ROOT / "input" / "carnet-exemple.md")
    docx = write(sc.with_repeating_quotes(reference), "docx", tmp_path / "exemple.docx")
    sc.set_columns(docx, 2)
    sc.set_pull_quotes(docx)
    pdf = sc.to_pdf(docx, tmp_path)
    document, _ = P.import_pdf(pdf.read_bytes(), str(pdf))
    assert rows(document) == rows(reference) and rows(reference)


def test_numbered_paragraphs_become_an_ordered_list() -> None:
    """issue 6: "1. …", "2. …" set apart by the layout are an ordered list without their numbers."""
    blocks: list[t.Block] = [t.Paragraph(children=[t.Text(text=f"{n}. Élément {n}")]) for n in (1, 2, 3)]
    P._ordered_lists(blocks)
    assert len(blocks) == 1 and isinstance(blocks[0], t.List) and blocks[0].ordered
    assert [plain_text(item) for item in blocks[0].items] == ["Élément 1", "Élément 2", "Élément 3"]


def test_link_annotation_attached_to_its_text() -> None:
    """issue 6: a link annotation over words that are no address links those words."""
    document = t.Document(children=[t.Paragraph(children=[t.Text(text="Voir le site de Numérique en Commun[s], ou")])])
    P._attach_annotations(document, [("https://numerique-en-communs.fr/", "site de\nNumérique en Commun[s]")])
    links = [n for n in iter_nodes(document) if isinstance(n, t.Link)]
    assert len(links) == 1 and plain_text(links[0]) == "site de Numérique en Commun[s]"


def tiny_pdf(content: str | list[str], annots: tuple[str, ...] = (), width: int = 595, height: int = 842) -> bytes:
    """A PDF (written by hand: no tool needed) whose pages draw ``content`` (PDF operators, a string a page)
    in Helvetica (F1) and Helvetica-Bold (F2); ``annots`` (link annotations) go on the first page."""
    pages = [content] if isinstance(content, str) else content
    first_page, fonts = 3, 3 + 2 * len(pages)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{' '.join(f'{first_page + 2 * i} 0 R' for i in range(len(pages)))}] "
               f"/Count {len(pages)} >>"]
    for index, page in enumerate(pages):
        links = f" /Annots [{' '.join(f'{fonts + 2 + i} 0 R' for i in range(len(annots)))}]" if annots and not index else ""
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents {first_page + 2 * index + 1} 0 R "
                       f"/Resources << /Font << /F1 {fonts} 0 R /F2 {fonts + 1} 0 R >> >>{links} >>")
        objects.append(f"<< /Length {len(page.encode('latin-1'))} >>\nstream\n{page}\nendstream")
    objects += ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>", *annots]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_lean_characters_give_pdfplumbers_words() -> None:
    """issue 6 (speed): the lean characters the reader makes give the words pdfplumber's own give."""
    import io

    import pdfplumber

    data = tiny_pdf("BT /F1 10 Tf 50 800 Td (Bonjour le monde) Tj ET BT /F2 14 Tf 50 770 Td (Titre) Tj ET "
                    "BT /F1 6 Tf 80 775 Td (3) Tj ET 50 700 200 1 re f")
    with pdfplumber.open(io.BytesIO(data)) as pdf, pdfplumber.open(io.BytesIO(data)) as lean:
        expected = pdf.pages[0].extract_words(extra_attrs=["size", "fontname"])
        P._lean_objects(lean.pages[0])
        assert lean.pages[0].extract_words(extra_attrs=["size", "fontname"]) == expected
        assert lean.pages[0].rects == pdf.pages[0].rects


def pdf_text(x: float, y: float, text: str, font: str = "F1", size: int = 10) -> str:
    return f"BT /{font} {size} Tf {x} {y} Td ({text}) Tj ET\n"


def test_drawn_structures_table_quotation_break_figure() -> None:
    """issue 6: what the PDF draws: a grid of rules is a table (its first row in bold a header); text along
    a vertical rule is a quotation, its short last line the attribution; a centred row of stars is a
    thematic break; a short paragraph right under an image is the figure's caption and credit."""
    ops = pdf_text(50, 800, "Un titre de partie", "F2", 16)
    y = 770
    for number in range(6):
        ops += pdf_text(50, y, f"Ligne {number} du corps du texte, assez longue pour remplir la page de mots.")
        y -= 12
    ops += pdf_text(50, y, "Fin du paragraphe.")
    y -= 30
    ops += f"1 w 60 {y + 10} m 60 {y - 30} l S\n"
    ops += pdf_text(70, y, "Le numerique est un outil au service des droits.") + pdf_text(70, y - 24, "Charte de Villeneuve")
    top = y - 54
    ops += "".join(f"50 {top - 18 * i} m 350 {top - 18 * i} l S\n" for i in range(4))
    ops += "".join(f"{x} {top} m {x} {top - 54} l S\n" for x in (50, 200, 350))
    for i, (left, right) in enumerate((("Quartier", "Ateliers"), ("Centre", "12"), ("Nord", "8"))):
        ops += pdf_text(55, top - 18 * i - 13, left, "F2" if not i else "F1")
        ops += pdf_text(205, top - 18 * i - 13, right, "F2" if not i else "F1")
    y = top - 80
    ops += pdf_text(205, y, "* * *")
    ops += f"q 100 0 0 60 50 {y - 90} cm BI /W 2 /H 2 /CS /G /BPC 8 /F /AHx ID 00FF00FF> EI Q\n"
    ops += pdf_text(50, y - 105, "Fr\xe9quentation de l EPN.") + pdf_text(50, y - 117, "Cr\xe9dit : Ville de Villeneuve")
    y -= 147
    for number in range(3):
        ops += pdf_text(50, y, f"Suite {number} du corps du texte, assez longue pour remplir la page de mots.")
        y -= 12
    document, _ = P.import_pdf(tiny_pdf([pdf_text(50, 700, "Le titre du carnet", "F2", 28), ops]))
    kinds = [type(block).__name__ for block in document.children if not isinstance(block, t.PageBreak)]
    assert kinds == ["Heading", "Paragraph", "BlockQuote", "Table", "ThematicBreak", "Figure", "Paragraph"]
    quote, table, figure = (next(b for b in document.children if isinstance(b, kind))
                            for kind in (t.BlockQuote, t.Table, t.Figure))
    assert plain_text(t.Paragraph(children=quote.attribution)) == "Charte de Villeneuve"
    assert [[plain_text(c) for c in row.cells] for row in table.rows] == [["Quartier", "Ateliers"], ["Centre", "12"],
                                                                         ["Nord", "8"]]
    assert table.rows[0].header and not table.rows[1].header
    assert figure.src == "image-page-2.png" and figure.alt is None
    assert plain_text(t.Paragraph(children=figure.caption)) == "Fréquentation de l EPN."
    assert plain_text(t.Paragraph(children=figure.credit)) == "Ville de Villeneuve"
    assert any("save its image from the PDF as image-page-2.png" in d.message for d in document.diagnostics)


def test_only_annotated_text_is_a_link() -> None:
    """issue 6: in a PDF with link annotations, an address the text steps linked without one stays text;
    an annotation over lines joined across a hyphen, or over a title broken in many lines, finds its text."""
    title = "La chaîne de valeur de l’inclusion numérique : entre stratégie, diversité et réalités du terrain"
    document = t.Document(children=[
        t.Paragraph(children=[t.Text(text="Sur impots.gouv.fr ou le site de Numérique en Commun[s], ou "),
                              t.Link(target="https://impots.gouv.fr", children=[t.Text(text="impots.gouv.fr")])]),
        t.Paragraph(children=[t.Text(text=title)])])
    P._attach_annotations(document, [("https://numerique-en-communs.fr/", "site de Numé-\nrique en Commun[s]"),
                                     ("https://youtu.be/ZJZkKFh1FRM", title.replace(" : ", " :\n").replace("et ", "et\n"))])
    links = {plain_text(n): n.target for n in iter_nodes(document) if isinstance(n, t.Link)}
    assert links == {"site de Numérique en Commun[s]": "https://numerique-en-communs.fr/",
                     title: "https://youtu.be/ZJZkKFh1FRM"}


def test_bold_paragraphs_before_an_answer_are_its_question() -> None:
    """issue 6: an interview's question set in bold may be a statement, or take two paragraphs: the bold
    paragraphs right before an answer are one question turn."""
    texts = [("« Nettoyer des données », accompagner des structures, acculturer des publics.", True),
             ("Quels sont les points aveugles de cette logique ?", True),
             ("Samuel Goëta : Avec Joël Gombin, nous avons créé Datactivist en 2016.", False)]
    layout = P.Layout(body_size=10.0, blocks=[P.PBlock([line(text, 100 + 30 * n, bold=bold)], 1)
                                              for n, (text, bold) in enumerate(texts)])
    document, _ = P.import_layout(layout, "\n".join(P.render(layout)) + "\n")
    (interview,) = [n for n in iter_nodes(document) if isinstance(n, t.Interview)]
    assert [(turn.role, len(turn.children)) for turn in interview.turns] == [("question", 2), ("answer", 1)]
    assert interview.turns[1].speaker == "Samuel Goëta"


def test_text_outside_the_box_is_not_in_the_sidebar() -> None:
    """issue 6: a sidebar drawn in a box ends with the box, whatever the text steps' rubric rule says."""
    layout = P.Layout(body_size=10.0, has_levels=True, blocks=[
        P.PBlock([line("Zoom sur… Le concept de ville", 100, size=14, bold=True)], 1, level=3, box=0),
        P.PBlock([line("L’expression désigne une ville qui développe ses services.", 130)], 1, box=0),
        P.PBlock([line("Un paragraphe du corps, après l’encadré.", 200)], 1)])
    document, _ = P.import_layout(layout, "\n".join(P.render(layout)) + "\n")
    (sidebar,) = [n for n in iter_nodes(document) if isinstance(n, t.Sidebar)]
    assert [plain_text(n) for n in sidebar.children] == ["L’expression désigne une ville qui développe ses services."]
    assert plain_text(document.children[-1]) == "Un paragraphe du corps, après l’encadré."


def test_a_link_across_columns_reads_in_column_order() -> None:
    """issue 6: a link whose text runs from the foot of a column to the top of the next one is read in
    that order (its rectangles sorted top to bottom would put the next column's part first)."""
    left = "".join(pdf_text(50, 800 - 14 * n, f"mot{n} du texte de gauche") for n in range(40))
    right = "".join(pdf_text(320, 800 - 14 * n, f"mot{n} du texte de droite") for n in range(40))
    uri = "/A << /S /URI /URI (https://youtu.be/2Nej2ZitGJY) >>"
    links = (f"<< /Type /Annot /Subtype /Link /Rect [50 250 200 262] {uri} >>",
             f"<< /Type /Annot /Subtype /Link /Rect [320 797 480 810] {uri} >>")
    layout, _ = P.layout_of(tiny_pdf(left + right, annots=links))
    assert layout.annotations == [("https://youtu.be/2Nej2ZitGJY", "mot39 du texte de gauche\nmot0 du texte de droite")]


def test_link_to_a_place_of_the_pdf_links_the_heading_there() -> None:
    """issue 6: a link annotation to a place of the PDF where a title starts links to that heading (its id
    made from its text); a number alone (a note's call) is left to the notes."""
    body = "".join(pdf_text(50, 800 - 14 * n, f"Ligne {n} du texte, voir le lexique pour les mots.") for n in range(3))
    glossary = pdf_text(50, 800, "Lexique", "F2", 16) + pdf_text(50, 770, "Un terme et sa définition.")
    link = "<< /Type /Annot /Subtype /Link /Rect [160 797 200 810] /Dest [5 0 R /XYZ 50 820 0] >>"
    document, _ = P.import_pdf(tiny_pdf([body, glossary], annots=(link,)))
    (heading,) = [n for n in iter_nodes(document) if isinstance(n, t.Heading)]
    links = [n for n in iter_nodes(document) if isinstance(n, t.Link)]
    assert heading.id == "lexique" and [(n.target, plain_text(n)) for n in links] == [("#lexique", "lexique pour")]


def test_two_column_carnet_printed_by_libreoffice(tmp_path: Path) -> None:
    """issue 6: the kitchen-sink carnet in two columns, printed by LibreOffice: headings at their levels,
    the three footnotes called at their words, the sidebar, the links, the cover's title as metadata."""
    from conftest import require_tool

    from converter import read, write

    require_tool("libreoffice", "print a carnet to PDF")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic_carnets

    docx = write(read(ROOT / "input" / "carnet-exemple.md"), "docx", tmp_path / "exemple.docx")
    synthetic_carnets.set_columns(docx, 2)
    pdf = synthetic_carnets.to_pdf(docx, tmp_path)
    document, _ = P.import_pdf(pdf.read_bytes(), str(pdf))
    headings = [(plain_text(n), n.level) for n in iter_nodes(document) if isinstance(n, t.Heading)]
    assert ("Présentation", 2) in headings and ("Un entretien croisé", 3) in headings
    assert document.meta.title.startswith("Carnet d’exemple")
    assert len(document.notes) == 3
    assert len([n for n in iter_nodes(t.Document(children=document.children)) if isinstance(n, t.NoteRef)]) == 3
    assert any(isinstance(n, t.Sidebar) for n in iter_nodes(document))
    targets = {n.target for n in iter_nodes(document) if isinstance(n, t.Link)}
    assert "mailto:contact@exemple.fr" in targets and "https://numerique-en-communs.fr/" in targets
