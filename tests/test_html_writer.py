"""HTML writer (issue 2, point 4): the page of the sample carnet, read with BeautifulSoup.

One test per promised property of ``accessibility.md`` and issue 2: language, title, skip link, landmarks,
headings, notes, sidebars, pull quotes, figures, glossary, abbreviations, language spans, page markers,
capitals, and the CSS (relative units, line height, alignment, dark scheme, focus, print).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from converter import read
from converter import tree as t
from converter.transforms import apply_transforms
from converter.writers.html import write_html

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "input" / "carnet-exemple.md"
FOCUSABLE = "a[href], button, input, select, textarea, [tabindex], audio[controls], video[controls], summary"


@pytest.fixture(scope="module")
def html() -> str:
    return write_html(read(SAMPLE)).decode("utf-8")


@pytest.fixture(scope="module")
def soup(html) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


@pytest.fixture(scope="module")
def css(soup) -> str:
    return "\n".join(style.get_text() for style in soup.find_all("style"))


def text(tag: Tag) -> str:
    """The text of ``tag`` with HTML white space collapsed (no-break spaces are kept: they are typography)."""
    return re.sub(r"[ \t\n\r\f]+", " ", tag.get_text(" ")).strip()


def accessible_name(tag: Tag, soup: BeautifulSoup) -> str:
    """The accessible name, as far as these pages need it: labelledby, label, visible text, title."""
    if tag.get("aria-labelledby"):
        return " ".join(text(soup.find(id=i)) for i in tag["aria-labelledby"].split())
    if tag.get("aria-label"):
        return tag["aria-label"]
    parts = []
    for string in tag.find_all(string=True):
        hidden = any(isinstance(p, Tag) and p.get("aria-hidden") == "true"
                     for p in [string.parent, *string.parent.parents] if p is not None
                     and (p is tag or tag in p.parents or p in tag.descendants))
        if not hidden:
            parts.append(str(string))
    name = re.sub(r"[ \t\n\r\f]+", " ", "".join(parts)).strip()
    return name or tag.get("title", "")


def heading_levels(soup: BeautifulSoup) -> list[int]:
    return [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]


# --- page -----------------------------------------------------------------------------------------------


def test_html_lang(soup):
    assert soup.html["lang"] == "fr"


def test_title_is_the_carnets_title(soup):
    assert soup.title.get_text() == "Carnet d’exemple\u202f: la médiation numérique à Villeneuve"


def test_skip_link_is_the_first_focusable_element(soup):
    assert soup.body.select(FOCUSABLE)[0]["href"] == "#" + soup.main["id"]


def test_skip_link_text(soup):
    assert text(soup.body.select(FOCUSABLE)[0]) == "Aller au contenu"


@pytest.mark.parametrize("landmark", ["header", "nav", "main", "footer"])
def test_landmark_present(soup, landmark):
    assert len(soup.find_all(landmark)) >= 1


def test_one_main(soup):
    assert len(soup.find_all("main")) == 1


def test_nav_is_the_table_of_contents(soup):
    nav = soup.find("nav")
    assert nav.get("role") == "doc-toc" and accessible_name(nav, soup) == "Table des matières"


def test_toc_links_reach_headings(soup):
    targets = [a["href"][1:] for a in soup.find("nav").find_all("a")]
    assert targets and all(re.match(r"h[2-6]", soup.find(id=target).name) for target in targets)


def test_exactly_one_h1(soup):
    assert len(soup.find_all("h1")) == 1


def test_h1_is_the_title(soup):
    assert text(soup.h1) == soup.title.get_text()


def test_no_skipped_heading_levels(soup):
    levels = heading_levels(soup)
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_sections_open_with_their_heading(soup):
    sections = soup.main.find_all("section")
    assert sections and all(re.match(r"h[2-6]$", s.find(True).name) for s in sections)


def test_sections_nest_like_headings(soup):
    inner = soup.find(id="un-entretien-croise").parent
    assert inner.name == "section" and inner.parent.find(True).get("id") == "rencontre-avec-l-equipe"


# --- notes ----------------------------------------------------------------------------------------------


def noterefs(soup):
    return soup.find_all(attrs={"role": "doc-noteref"})


def test_noterefs_have_the_noteref_role(soup):
    assert len(noterefs(soup)) == 3


def test_noterefs_link_to_existing_notes(soup):
    assert all(ref["href"].startswith("#") and soup.find(id=ref["href"][1:]) is not None for ref in noterefs(soup))


def test_noteref_numbers_in_reading_order(soup):
    assert [text(ref) for ref in noterefs(soup)] == ["1", "2", "3"]


def test_noteref_ids(soup):
    assert [ref["id"] for ref in noterefs(soup)] == ["note-ref-1", "note-ref-2", "note-ref-3"]


def test_endnotes_section(soup):
    endnotes = soup.find_all(attrs={"role": "doc-endnotes"})
    assert len(endnotes) == 1 and endnotes[0].name == "section"


def test_endnotes_section_labelled(soup):
    endnotes = soup.find(attrs={"role": "doc-endnotes"})
    assert accessible_name(endnotes, soup) == "Notes"


def test_notes_inside_endnotes(soup):
    endnotes = soup.find(attrs={"role": "doc-endnotes"})
    assert [li["id"] for li in endnotes.find_all("li")] == ["note-1", "note-2", "note-3"]


def test_backlink_names(soup):
    names = [accessible_name(a, soup) for a in soup.find_all(attrs={"role": "doc-backlink"})]
    assert names == [f"Retour à l’appel de note {n}" for n in (1, 2, 3)]


def test_backlink_names_unique(soup):
    names = [accessible_name(a, soup) for a in soup.find_all(attrs={"role": "doc-backlink"})]
    assert len(set(names)) == len(names)


def test_backlinks_reach_their_calls(soup):
    backlinks = soup.find_all(attrs={"role": "doc-backlink"})
    assert [a["href"] for a in backlinks] == ["#note-ref-1", "#note-ref-2", "#note-ref-3"]


def test_note_with_link_keeps_it(soup):
    assert soup.find(id="note-1").find("a", href=re.compile(r"^https://agence-cohesion-territoires"))


# --- sidebars, pull quotes, quotations ------------------------------------------------------------------


def test_sidebar_is_an_aside(soup):
    assert len(soup.find_all("aside", class_="sidebar")) == 1


def test_sidebar_labelled_by_its_own_heading(soup):
    aside = soup.find("aside", class_="sidebar")
    label = soup.find(id=aside["aria-labelledby"])
    assert label is not None and re.match(r"h[2-6]$", label.name) and label in aside.descendants


def test_sidebar_name(soup):
    assert accessible_name(soup.find("aside", class_="sidebar"), soup) == "Zoom sur l’espace public numérique"


def repeating_pullquote(soup) -> Tag:
    quotes = soup.find_all(attrs={"role": "doc-pullquote"})
    assert len(quotes) == 1
    return quotes[0]


def test_repeating_pullquote_role(soup):
    assert repeating_pullquote(soup).name == "aside"


def test_repeating_pullquote_hidden(soup):
    assert repeating_pullquote(soup).get("aria-hidden") == "true"


def test_repeating_pullquote_holds_nothing_focusable(soup):
    assert repeating_pullquote(soup).select(FOCUSABLE) == []


def test_original_pullquote_is_a_blockquote(soup):
    quote = [b for b in soup.find_all("blockquote") if "moyen, jamais une fin" in text(b)]
    assert len(quote) == 1 and quote[0].get("aria-hidden") is None and quote[0].get("role") is None


def test_quotation_attribution(soup):
    quote = [b for b in soup.find_all("blockquote") if "outil au service des droits" in text(b)][0]
    assert text(quote.parent.find("figcaption")) == "— Charte de Villeneuve"


def interview_turns(soup) -> list[tuple[str, str]]:
    turns = soup.find("div", class_="interview").find_all("div", class_="turn", recursive=False)
    return [(" ".join(c for c in turn["class"] if c != "turn"), text(turn.find(class_="speaker")))
            for turn in turns]


def test_interview_answers_name_their_speaker(soup):
    answers = [label for role, label in interview_turns(soup) if role == "answer"]
    assert answers == ["Claire Martin\u202f:", "Jean Dupont\u202f:", "Claire Martin\u202f:"]


def test_interview_questions_are_labelled(soup):
    """issue 2: questions were told from answers by bold type only (WCAG 1.3.1)."""
    questions = [label for role, label in interview_turns(soup) if role == "question"]
    assert questions == ["Question\u202f:", "Question\u202f:"]


# --- figures --------------------------------------------------------------------------------------------


def figure(soup) -> Tag:
    return soup.find("img").find_parent("figure")


def test_image_alt(soup):
    assert soup.find("img")["alt"] == "Diagramme en barres\u202f: 40 personnes en janvier, 80 en février, 120 en mars."


def test_image_alt_is_not_the_caption(soup):
    assert soup.find("img")["alt"] not in text(figure(soup).figcaption)


def test_figcaption(soup):
    assert text(figure(soup).figcaption).startswith("Fréquentation de l’EPN au premier trimestre.")


def test_credit_role_inside_figcaption(soup):
    credit = figure(soup).figcaption.find(attrs={"role": "doc-credit"})
    assert credit is not None and text(credit).endswith("Ville de Villeneuve")


def test_image_embedded_as_png_data_url(soup):
    assert soup.find("img")["src"].startswith("data:image/png;base64,")


def test_decorative_image_has_empty_alt(tmp_path):
    source = tmp_path / "c.md"
    source.write_text("---\ntitle: T\n---\n\n![](i.png){.decorative}\n", encoding="utf-8")
    (tmp_path / "i.png").write_bytes((REPO / "input" / "images" / "frequentation-epn.png").read_bytes())
    page = BeautifulSoup(write_html(read(source)), "lxml")
    assert page.find("img")["alt"] == ""


# --- glossary, abbreviations, languages, pages, capitals ------------------------------------------------


def glossary(soup) -> Tag:
    sections = soup.find_all(attrs={"role": "doc-glossary"})
    assert len(sections) == 1
    return sections[0]


def test_glossary_is_a_section(soup):
    assert glossary(soup).name == "section"


def test_glossary_labelled(soup):
    assert accessible_name(glossary(soup), soup) == "Lexique"


def test_glossary_definition_list(soup):
    dl = glossary(soup).find("dl")
    assert len(dl.find_all("dt")) == len(dl.find_all("dd")) == 3


def test_glossary_terms_are_dfn(soup):
    assert all(dt.find("dfn") is not None for dt in glossary(soup).find_all("dt"))


def test_abbreviation_expansion(soup):
    expansions = {text(a): a["title"] for a in soup.find_all("abbr")}
    assert expansions["EPN"] == "Espace public numérique"


def test_every_abbr_has_a_title(soup):
    assert all(a.get("title") for a in soup.find_all("abbr"))


def test_language_spans(soup):
    assert [text(s) for s in soup.body.find_all("span", lang="en")] == ["data", "smart city", "fact-checking"]


def pagebreaks(soup):
    return soup.find_all(attrs={"role": "doc-pagebreak"})


def test_page_markers_role(soup):
    assert len(pagebreaks(soup)) == 3


def test_page_markers_named_by_their_page_number(soup):
    assert [accessible_name(p, soup) for p in pagebreaks(soup)] == ["1", "2", "3"]


def test_page_marker_ids_unique(soup):
    ids = [p.get("id") for p in pagebreaks(soup)]
    assert all(ids) and len(set(ids)) == len(ids) and len(soup.find_all(id=set(ids))) == len(ids)


def test_inline_page_marker_stays_in_its_paragraph(soup):
    assert pagebreaks(soup)[1].parent.name == "p"


def test_uppercase_text_stored_in_normal_case(soup):
    spans = soup.find_all(class_="uppercase")
    assert [text(s) for s in spans] == ["Les chiffres clés de la journée"]


def test_uppercase_class_not_nested(soup):
    assert soup.select(".uppercase .uppercase") == []


def test_footer_credits(soup):
    assert "Licence Ouverte / Open Licence 2.0" in text(soup.footer)


# --- CSS ------------------------------------------------------------------------------------------------


def declarations(css: str, outside_media: str | None = None) -> list[tuple[str, str]]:
    if outside_media:
        css = re.sub(r"@media\s+" + outside_media + r"[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(m.group(1).lower(), m.group(2).strip()) for m in re.finditer(r"([\w-]+)\s*:\s*([^;{}]+)", css)]


def rule(css: str, selector: str) -> str:
    match = re.search(r"(?:^|\})\s*" + re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert match, f"no rule for {selector}"
    return match.group(1)


def test_css_px_only_for_borders_and_hairlines(css):
    """Pixels only for borders, outlines and 1px hairlines (the visually-hidden pattern)."""
    offending = [(p, v) for p, v in declarations(css) if re.search(r"\dpx\b", v)
                 and not p.startswith(("border", "outline"))
                 and not all(n in ("1", "-1", "0") for n in re.findall(r"(-?[\d.]+)px", v))]
    assert offending == []


def test_css_absolute_units_only_in_print(css):
    offending = [(p, v) for p, v in declarations(css, "print") if re.search(r"\d(pt|cm|mm|in|pc)\b", v)]
    assert offending == []


def test_css_font_sizes_relative(css):
    sizes = [v for p, v in declarations(css, "print") if p == "font-size"]
    assert sizes and all(re.fullmatch(r"[\d.]+(rem|em|%)", v) for v in sizes)


def test_css_body_line_height_at_least_one_and_a_half(css):
    value = re.search(r"line-height\s*:\s*([\d.]+)", rule(css, "body")).group(1)
    assert float(value) >= 1.5


def test_css_body_text_left_aligned(css):
    assert re.search(r"text-align\s*:\s*left", rule(css, "body"))


def test_css_never_justified(css):
    assert "justify" not in css


def test_css_dark_colour_scheme(css):
    assert re.search(r"@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)", css)


def test_css_focus_visible(css):
    assert re.search(r":focus-visible[^{]*\{[^}]*outline", css)


def test_css_print_stylesheet(css):
    assert re.search(r"@media\s+print", css)


def test_css_images_shrink_to_fit(css):
    assert re.search(r"max-width\s*:\s*100%", rule(css, "figure img"))


def test_html_is_self_contained(soup):
    assert soup.find("link", rel="stylesheet") is None and soup.find("script") is None


# --- an edition in English ------------------------------------------------------------------------------

ENGLISH = "---\ntitle: A notebook\nlang: en\n---\n\n## Part\n\nA word[^a]: here.\n\n[^a]: The note.\n"


@pytest.fixture(scope="module")
def english() -> BeautifulSoup:
    return BeautifulSoup(write_html(read(ENGLISH, format="markdown")), "lxml")


def test_english_page_lang(english):
    assert english.html["lang"] == "en"


def test_english_skip_link(english):
    assert text(english.body.select(FOCUSABLE)[0]) == "Skip to content"


def test_english_backlink_name(english):
    assert accessible_name(english.find(attrs={"role": "doc-backlink"}), english) == "Back to note reference 1"


def test_english_text_keeps_english_typography(english):
    paragraph = [p for p in english.main.find_all("p") if p.get_text().startswith("A word")][0]
    assert paragraph.get_text() == "A word1: here."


# --- notes without a call, calls in repeating pull quotes -------------------------------------------------

NOTES = """---
title: T
---

## A

!!! pullquote

    Le texte repris[^y].

Un appel[^x]. Le texte repris[^y].

[^x]: X.
[^y]: Y.
[^z]: Jamais appelée.
"""


@pytest.fixture(scope="module")
def notes_page() -> BeautifulSoup:
    return BeautifulSoup(write_html(read(NOTES, format="markdown")), "lxml")


def test_every_backlink_reaches_a_call(notes_page):
    """issue 2: an uncalled note's back link pointed at a call that does not exist."""
    targets = [a["href"][1:] for a in notes_page.find_all(attrs={"role": "doc-backlink"})]
    assert targets and all(notes_page.find(id=target, attrs={"role": "doc-noteref"}) for target in targets)


def test_uncalled_note_kept_without_backlink(notes_page):
    note = notes_page.find(id="note-3")
    assert "Jamais appelée." in text(note) and note.find(attrs={"role": "doc-backlink"}) is None


def test_backlinks_reach_visible_calls(notes_page):
    hidden = notes_page.find(attrs={"role": "doc-pullquote"})
    targets = [notes_page.find(id=a["href"][1:]) for a in notes_page.find_all(attrs={"role": "doc-backlink"})]
    assert all(target not in hidden.descendants for target in targets)


# --- issue 8: minimal trees from the hypothesis validator sample (tests/test_properties.py) -----------------


def issue8_page(*blocks: t.Block, notes: list[t.Note] | None = None) -> str:
    """The page of a tree built by hand, transformed as a reader's would be."""
    document = t.Document(meta=t.Meta(title="Carnet"), children=list(blocks), notes=notes or [])
    return write_html(apply_transforms(document)).decode("utf-8")


def body_links(soup: BeautifulSoup) -> list[Tag]:
    return soup.find("main").find_all("a")


def test_link_inside_a_link_keeps_only_its_text():
    """issue 8: a link inside a link was written as ``<a>`` inside ``<a>`` (invalid HTML); the outer link
    wins and the inner one keeps its text."""
    inner = t.Link(target="https://example.org/b", children=[t.Text(text="intérieur")])
    outer = t.Link(target="https://example.org/a", children=[t.Text(text="extérieur "), inner])
    soup = BeautifulSoup(issue8_page(t.Paragraph(children=[outer])), "lxml")
    links = body_links(soup)
    assert [a["href"] for a in links] == ["https://example.org/a"]
    assert text(links[0]) == "extérieur intérieur"


def test_note_call_inside_a_link_follows_it():
    """issue 8: a note call inside a link's text was a link inside a link; it is written right after it."""
    link = t.Link(target="https://example.org", children=[t.Text(text="lien"), t.NoteRef(note_id="n")])
    note = t.Note(id="n", children=[t.Paragraph(children=[t.Text(text="La note.")])])
    soup = BeautifulSoup(issue8_page(t.Paragraph(children=[link]), notes=[note]), "lxml")
    outer = soup.find("a", href="https://example.org")
    assert outer.find("a") is None
    call = outer.find_next_sibling("sup").a
    assert call["role"] == "doc-noteref" and soup.find(id=call["href"][1:]) is not None


def table_cells(*rows: t.Row) -> list[list[tuple[int, int]]]:
    """(colspan, rowspan) of each written cell, row by row."""
    soup = BeautifulSoup(issue8_page(t.Table(rows=list(rows))), "lxml")
    return [[(int(c.get("colspan", 1)), int(c.get("rowspan", 1))) for c in tr.find_all(["td", "th"])]
            for tr in soup.find("table").find_all("tr")]


def cell(label: str, colspan: int = 1, rowspan: int = 1) -> t.Cell:
    return t.Cell(children=[t.Text(text=label)], colspan=colspan, rowspan=rowspan)


def test_table_span_over_a_column_no_cell_begins_in_is_dropped():
    """issue 8: one row whose cell spans two columns: the Nu checker rejects column 2, in which no cell
    begins; the table is one column wide."""
    assert table_cells(t.Row(cells=[cell("a", colspan=2), cell("b")])) == [[(1, 1), (1, 1)]]


def test_table_span_over_real_columns_is_kept():
    assert table_cells(t.Row(cells=[cell("a", colspan=2)]), t.Row(cells=[cell("b"), cell("c")])) \
        == [[(2, 1)], [(1, 1), (1, 1)]]


def test_table_row_span_stops_at_the_end_of_its_row_group():
    """issue 8 (same table model): a row span past the last row of its ``tbody``."""
    assert table_cells(t.Row(cells=[cell("a", rowspan=3), cell("b")]), t.Row(cells=[cell("c")])) \
        == [[(1, 2), (1, 1)], [(1, 1)]]


def test_table_column_span_stops_before_a_row_span():
    """issue 8 (same table model): a column span over a slot filled by a row span from above overlapped it."""
    assert table_cells(t.Row(cells=[cell("a"), cell("b", rowspan=2), cell("c")]),
                       t.Row(cells=[cell("d", colspan=3)])) == [[(1, 1), (1, 2), (1, 1)], [(1, 1)]]


def test_table_header_row_after_body_rows_stays_in_place():
    """issue 8 (HTML write → read → write fixed point): a header row after body rows was moved into the
    thead, so the page read in another order than the tree and the note calls were numbered out of order."""
    soup = BeautifulSoup(issue8_page(t.Table(rows=[
        t.Row(header=True, cells=[cell("h")]), t.Row(cells=[cell("b")]),
        t.Row(header=True, cells=[cell("h2")])])), "lxml")
    groups = [[text(c) for c in group.find_all(["td", "th"])] for group in soup.find("table").find_all(["thead", "tbody"])]
    assert groups == [["h"], ["b", "h2"]]
    assert soup.find("th", string="h2")["scope"] == "col"


def test_table_row_without_cells_is_dropped():
    """issue 8 (same table model): ``<tr></tr>`` is a row on which no cell begins."""
    assert table_cells(t.Row(cells=[]), t.Row(cells=[cell("a")])) == [[(1, 1)]]


def nested_headings_tree() -> list[t.Block]:
    """Headings typed inside a quotation, a list item and a sidebar nested in a quotation: the ``sections``
    transform left their levels as typed (an ``h5`` after an ``h2``)."""
    def heading(level: int, label: str) -> t.Heading:
        return t.Heading(level=level, children=[t.Text(text=label)])

    def paragraph(label: str) -> t.Paragraph:
        return t.Paragraph(children=[t.Text(text=label)])

    return [
        t.BlockQuote(children=[heading(4, "Cité avant tout titre"), paragraph("a")]),
        heading(2, "Partie"),
        t.BlockQuote(children=[heading(5, "Cité"), paragraph("b"), heading(6, "Cité encore")]),
        t.List(items=[t.ListItem(children=[heading(6, "Dans une liste"), paragraph("c")])]),
        t.BlockQuote(children=[t.Sidebar(heading=heading(3, "Encadré"), children=[heading(6, "Dedans")])]),
        heading(3, "Sous-partie"),
        t.BlockQuote(children=[heading(2, "Cité plus haut")]),
        heading(4, "Sous-sous-partie"),
    ]


def test_nested_headings_skip_no_level():
    """issue 8: the Nu checker rejects a heading that skips levels; nested headings go one level below the
    heading read before them at most, and below the section that holds them."""
    soup = BeautifulSoup(issue8_page(*nested_headings_tree()), "lxml")
    levels = [int(h.name[1]) for h in soup.find("main").find_all(re.compile(r"^h[1-6]$"))]
    # Quoted before any heading, reader's note, Partie, Cité, Cité encore, Dans une liste, Encadré, Dedans,
    # Sous-partie, Cité plus haut, Sous-sous-partie.
    assert levels == [2, 2, 2, 3, 4, 5, 3, 4, 3, 4, 4]
    previous = 1
    for level in levels:
        assert level <= previous + 1
        previous = level


def textless_headings_tree() -> list[t.Block]:
    """Headings with nothing to read: blank, a line break, a lone note call, a sidebar's blank heading."""
    return [
        t.Heading(level=2, children=[t.Text(text=" ")]),
        t.Paragraph(children=[t.Text(text="Texte.")]),
        t.Heading(level=2, children=[t.LineBreak()]),
        t.Heading(level=3, children=[t.NoteRef(note_id="n")]),
        t.Sidebar(heading=t.Heading(level=3, children=[t.Text(text="\u3000")]),
                  children=[t.Paragraph(children=[t.Text(text="Encadré.")])]),
    ]


def test_headings_without_text_become_paragraphs():
    """issue 8: a heading without text was an empty heading, an empty entry of the table of contents (and
    in the EPUB an anchor without text in the navigation document, which EPUBCheck rejects)."""
    note = t.Note(id="n", children=[t.Paragraph(children=[t.Text(text="N.")])])
    soup = BeautifulSoup(issue8_page(*textless_headings_tree(), notes=[note]), "lxml")
    main = soup.find("main")
    assert [text(h) for h in main.find_all(re.compile(r"^h[1-6]$"))] == ["Note sur cette édition accessible", "Notes"]
    assert main.find(attrs={"role": "doc-noteref"}) is not None  # the lone note call is kept
    assert main.find("aside", class_="sidebar")["aria-label"]  # named without its heading
    assert all(text(a) for a in soup.find("nav").find_all("a"))


def test_blank_title_falls_back():
    """issue 8: a title of white space was an empty ``<title>`` (the Nu checker rejects it)."""
    document = t.Document(meta=t.Meta(title=" ", authors=[" "]), children=[t.Paragraph(children=[t.Text(text="x")])])
    soup = BeautifulSoup(write_html(apply_transforms(document)), "lxml")
    assert soup.title.string == "Carnet" and soup.find("meta", attrs={"name": "author"}) is None


def colliding_ids_tree() -> list[t.Block]:
    """Headings whose ids are the page's own ("Notes" → ``notes``) or another section's ("Section intro" →
    ``section-intro``, the id of the section of "Intro"), and a sidebar inside a quotation."""
    def heading(label: str) -> t.Heading:
        return t.Heading(level=2, children=[t.Text(text=label)])

    return [heading("Intro"), heading("Section intro"), heading("Notes"), heading("Contenu"), heading("Toc"),
            t.Paragraph(children=[t.Text(text="Appel"), t.NoteRef(note_id="n")]),
            t.BlockQuote(children=[t.Sidebar(heading=t.Heading(level=3, children=[t.Text(text="Zoom")]),
                                             children=[t.Paragraph(children=[t.Text(text="z")])])])]


def colliding_ids_page() -> str:
    return issue8_page(*colliding_ids_tree(),
                       notes=[t.Note(id="n", children=[t.Paragraph(children=[t.Text(text="N.")])])])


def test_ids_are_unique_when_headings_take_the_pages_own():
    """issue 8: a heading "Notes" had the id of the page's notes section (and "Section intro" the id of the
    section of "Intro"): duplicate ids, which the Nu checker rejects; the page's parts take another id, and
    the skip link and the labels follow."""
    soup = BeautifulSoup(colliding_ids_page(), "lxml")
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert soup.find("main")["id"] == soup.find("a", class_="skip-link")["href"][1:]
    for landmark in (soup.find("nav"), soup.find(attrs={"role": "doc-endnotes"})):
        assert soup.find(id=landmark["aria-labelledby"]).name == "h2"


def test_sidebar_inside_a_quotation_is_named_by_its_heading():
    """issue 8: the sections transform gave ids only to sidebars directly inside sections: one inside a
    quotation had an ``aside`` without a name."""
    aside = BeautifulSoup(colliding_ids_page(), "lxml").find("aside", class_="sidebar")
    assert aside.get("id") and text(aside.find(id=aside["aria-labelledby"])) == "Zoom"


def hostile_source_tree() -> list[t.Block]:
    """What a reader keeps from a careless source: link targets with spaces or no host, a term without a
    definition, languages that are no language tag, ids with spaces or given twice."""
    def link(target: str) -> t.Link:
        return t.Link(target=target, children=[t.Text(text=target or "vide")])

    return [
        t.Paragraph(id="a b", children=[link("page deux.html"), t.Text(text=" "), link("tel:+33 1 23"),
                                        t.Text(text=" "), link("https://example.org/#a#b"), t.Text(text=" "),
                                        link("http://"), t.Text(text=" "), link("http://[::1"),
                                        t.Text(text=" "), link("100%.html")]),
        t.DefinitionList(items=[t.DefinitionItem(term=[t.Text(text="Terme seul")], definitions=[])]),
        t.Paragraph(id="double", lang="français", children=[t.Span(lang="x y", children=[t.Text(text="a")]),
                                                            t.Span(lang=" en ", children=[t.Text(text="b")])]),
        t.Paragraph(id="double", children=[t.Text(text="c")]),
    ]


def test_hostile_link_targets_are_escaped_or_text():
    """issue 8: a target with a space ("page deux.html"), a second "#", a lone "%" was written as it was
    (Nu: "Illegal character"; EPUBCheck RSC-020); one no escaping saves ("http://", no host) is text."""
    soup = BeautifulSoup(issue8_page(*hostile_source_tree()), "lxml")
    assert [a["href"] for a in body_links(soup)] == [
        "page%20deux.html", "tel:+33%201%2023", "https://example.org/#a%23b", "100%25.html"]
    assert "http://" in text(soup.find("main"))


def test_term_without_definition_gets_an_empty_dd():
    """issue 8: a ``dt`` without ``dd`` (Nu: "dl is missing a required instance of child element dd")."""
    dl = BeautifulSoup(issue8_page(*hostile_source_tree()), "lxml").find("dl")
    assert [child.name for child in dl.find_all(recursive=False)] == ["dt", "dd"]


def test_languages_that_are_no_tag_are_dropped():
    """issue 8: ``lang="français"`` or ``"x y"`` was written as it was (invalid in HTML and EPUB)."""
    soup = BeautifulSoup(issue8_page(*hostile_source_tree()), "lxml")
    assert [tag["lang"] for tag in soup.find("main").find_all(lang=True)] == ["en"]


def test_explicit_ids_are_made_valid_and_unique():
    """issue 8: an id with a space, an id given twice (Nu: "An ID must not contain whitespace", "Duplicate
    ID"): the first keeps it."""
    soup = BeautifulSoup(issue8_page(*hostile_source_tree()), "lxml")
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert "a-b" in ids and "double" in ids and len(ids) == len(set(ids))
    assert text(soup.find(id="double")) == "a b"


def test_issue8_trees_pass_the_nu_checker(tmp_path, require_tool):
    """issue 8: the minimal trees above, through the Nu checker in one run."""
    require_tool("vnu", "validate the issue 8 pages")
    from checkers import nu_html_many

    link = t.Link(target="https://example.org/a", children=[
        t.Text(text="a "), t.Link(target="https://example.org/b", children=[t.Text(text="b")]),
        t.NoteRef(note_id="n")])
    pages = {
        "links": issue8_page(t.Paragraph(children=[link]),
                             notes=[t.Note(id="n", children=[t.Paragraph(children=[t.Text(text="N.")])])]),
        "tables": issue8_page(t.Table(rows=[t.Row(cells=[cell("a", colspan=2), cell("b", rowspan=3)]),
                                            t.Row(cells=[]), t.Row(cells=[cell("c", colspan=2)])])),
        "headings": issue8_page(*nested_headings_tree()),
        "textless": issue8_page(*textless_headings_tree(),
                                notes=[t.Note(id="n", children=[t.Paragraph(children=[t.Text(text="N.")])])]),
        "ids": colliding_ids_page(),
        "hostile-source": issue8_page(*hostile_source_tree()),
        "blank-title": write_html(apply_transforms(t.Document(
            meta=t.Meta(title=" "), children=[t.Paragraph(children=[t.Text(text="x")])]))).decode("utf-8"),
    }
    paths = []
    for name, page in pages.items():
        paths.append(tmp_path / f"{name}.html")
        paths[-1].write_text(page, encoding="utf-8")
    results = nu_html_many(paths)
    assert all(not r.errors for r in results.values()), "\n".join(r.summary() for r in results.values())


# --- reflow and zoom in a real browser (skipped without Chromium, failed under CARNET_REQUIRE_CHECKERS=1) --


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    from converter import write

    return write(read(SAMPLE), "html", tmp_path_factory.mktemp("page") / "carnet-exemple.html")


def test_reflows_at_320_css_pixels(page_file, require_tool):
    from checkers import reflow

    require_tool("chromium", "lay the page out at 320 CSS px")
    result = reflow(page_file, width=320)
    assert result.ok, result.summary()


def test_survives_200_percent_zoom(page_file, require_tool):
    from checkers import zoom

    require_tool("chromium", "zoom the page to 200 %")
    result = zoom(page_file, 2.0)
    assert result.ok, result.summary()


@pytest.mark.parametrize("target", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                                    "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
                                    "file:///etc/passwd"])
def test_active_link_target_from_the_api_is_written_as_text(target: str) -> None:
    """issue 8: the readers drop active link targets; a tree made through the API that holds one gives a
    page (and so an EPUB chapter) with the link's text and no link."""
    link = t.Link(target=target, children=[t.Text(text="cliquez")])
    page = issue8_page(t.Paragraph(children=[t.Text(text="Ici : "), link]))
    soup = BeautifulSoup(page, "lxml")
    assert body_links(soup) == []
    assert "cliquez" in soup.find("main").get_text()
    assert "script:" not in page.lower().replace("\t", "") and "file:" not in page


# --- Compiled templates in the cache folder (issue 7) --------------------------------------------------


def _fresh_render(document: t.Document) -> bytes:
    from converter.writers import html

    html.environment.cache_clear()
    try:
        return write_html(document)
    finally:
        html.environment.cache_clear()


def test_compiled_templates_are_cached_and_damage_is_recompiled(tmp_path, monkeypatch):
    """Issue 7: the templates' compiled code is kept in the cache folder; a damaged entry is compiled again
    and the page is the same."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    document = read(SAMPLE)
    first = _fresh_render(document)
    entries = list((tmp_path / "carnet-accessible" / "templates").iterdir())
    assert entries, "no compiled template was cached"
    for entry in entries:  # cut short: its header still matches, its code cannot be read
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    assert _fresh_render(document) == first
    from jinja2.bccache import bc_magic

    for entry in entries:  # cut inside the source's checksum, which the entry holds after the magic bytes
        entry.write_bytes(bc_magic + b"\x80")
    assert _fresh_render(document) == first
    for entry in entries:
        entry.write_bytes(b"")
    assert _fresh_render(document) == first


def test_compiled_templates_without_a_cache_folder(tmp_path, monkeypatch):
    """Issue 7: a cache folder that cannot be made (a file in its way) only costs the compiling."""
    from converter.writers import html

    blocker = tmp_path / "file"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    document = read(SAMPLE)
    page = _fresh_render(document)
    html.environment.cache_clear()
    assert html.environment().bytecode_cache is None
    html.environment.cache_clear()
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert _fresh_render(document) == page


def test_footer_says_when_authors_and_licence_are_unknown() -> None:
    """A source without authors, publisher or licence (an imported PDF text): the footer says they are not
    given, and the page keeps its contentinfo landmark (the checker gate counts one per page)."""
    page = BeautifulSoup(write_html(t.Document(children=[t.Paragraph(children=[t.Text(text="Texte.")])])), "lxml")
    footer = page.find("footer")
    assert footer is not None
    assert "ne sont pas indiqués" in footer.get_text()
