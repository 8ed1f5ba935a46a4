"""Carnet Markdown reader (issue 2, point 2): every element of the syntax read into the right nodes.

The reader is checked on the tree it builds (before the transforms, unless a test says otherwise), and the
HTML reader on our own HTML output: write → read → write reaches a fixed point for the sample carnet.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from converter import read
from converter import tree as t
from converter.dump import document_to_dict
from converter.errors import CarnetError
from converter.readers.html import read_html
from converter.readers.markdown import read_markdown
from converter.transforms import apply_transforms
from converter.walk import find_all, plain_text
from converter.writers.html import write_html

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "input" / "carnet-exemple.md"


def raw(markdown: str, source: str = "t.md") -> t.Document:
    """The tree as the reader builds it, before any transform."""
    return read_markdown(markdown, source, str(REPO / "input"))


def first(document: t.Node, cls: type) -> t.Node:
    found = find_all(document, cls)
    assert found, f"no {cls.__name__} in the tree"
    return found[0]


def warnings(document: t.Document) -> list[str]:
    return [str(d) for d in document.diagnostics if d.severity == "warning"]


# --- front matter ---------------------------------------------------------------------------------------

FRONT = """---
title: "Carnet : essai"
subtitle: Sous-titre
lang: fr
authors:
  - Anne Dupré
  - Paul Roy
date: 2026-03-12
publisher: La MedNum
licence: Licence Ouverte 2.0
series: Les Carnets NEC
number: 9
source: Carnet imprimé
subject: Inclusion
keywords: [médiation, numérique]
event: Montpellier, 12 mars 2026
speakers:
  HR: Hélène Roussel
---

Texte.
"""


@pytest.fixture(scope="module")
def front() -> t.Document:
    return raw(FRONT)


def test_front_matter_title(front):
    assert front.meta.title == "Carnet : essai"


def test_front_matter_subtitle(front):
    assert front.meta.subtitle == "Sous-titre"


def test_front_matter_lang(front):
    assert front.meta.lang == "fr"


def test_front_matter_lang_defaults_to_french():
    assert raw("---\ntitle: X\n---\n\nTexte.\n").meta.lang == "fr"


def test_front_matter_authors_list(front):
    assert front.meta.authors == ["Anne Dupré", "Paul Roy"]


def test_front_matter_date(front):
    assert front.meta.date == "2026-03-12"


def test_front_matter_single_publisher_is_a_list(front):
    assert front.meta.publisher == ["La MedNum"]


def test_front_matter_licence_is_rights(front):
    assert front.meta.rights == "Licence Ouverte 2.0"


def test_front_matter_series_and_number(front):
    assert (front.meta.series, front.meta.number) == ("Les Carnets NEC", "9")


def test_front_matter_source(front):
    assert front.meta.source == "Carnet imprimé"


def test_front_matter_subject_and_keywords(front):
    assert (front.meta.subject, front.meta.keywords) == ("Inclusion", ["médiation", "numérique"])


def test_front_matter_event(front):
    assert front.meta.event == "Montpellier, 12 mars 2026"


def test_front_matter_speakers(front):
    assert front.meta.speakers == {"HR": "Hélène Roussel"}


def test_front_matter_reader_note_false():
    assert raw("---\ntitle: X\nreader_note: false\n---\n\nTexte.\n").meta.reader_note is False


def test_front_matter_unknown_key_is_a_warning():
    document = raw("---\ntitle: X\ncouleur: bleu\n---\n\nTexte.\n")
    assert any("unknown front-matter key 'couleur'" in w for w in warnings(document))


def test_front_matter_is_not_body_text(front):
    assert plain_text(front.children) == "Texte."


# --- admonitions: sidebar, pull quotes, interview ---------------------------------------------------------

SIDEBAR = """Avant.

!!! sidebar "Zoom sur l'EPN"

    L'EPN ouvre six jours sur sept.

Après.
"""


def test_sidebar_is_a_sidebar_node():
    assert len(find_all(raw(SIDEBAR), t.Sidebar)) == 1


def test_sidebar_title_is_its_heading():
    sidebar = first(raw(SIDEBAR), t.Sidebar)
    assert plain_text(sidebar.heading) == "Zoom sur l'EPN"


def test_sidebar_holds_its_paragraphs():
    sidebar = first(raw(SIDEBAR), t.Sidebar)
    assert [plain_text(b) for b in sidebar.children] == ["L'EPN ouvre six jours sur sept."]


def test_sidebar_text_stays_out_of_the_body():
    document = raw(SIDEBAR)
    assert [plain_text(b) for b in document.children if isinstance(b, t.Paragraph)] == ["Avant.", "Après."]


def test_sidebar_without_title_has_no_heading():
    """issue 2: Python-Markdown's default admonition title, the English word "Sidebar", became its heading."""
    assert first(raw("!!! sidebar\n\n    Texte seul.\n"), t.Sidebar).heading is None


def test_sidebar_kind_is_not_a_class():
    assert "sidebar" not in first(raw(SIDEBAR), t.Sidebar).classes


PULLQUOTES = """!!! pullquote

    Les ateliers sont gratuits.

    — Claire Martin

!!! pullquote original

    « Le numérique est un moyen. »

    — Un participant
"""


def test_pullquote_repeating_body_text():
    quotes = find_all(raw(PULLQUOTES), t.PullQuote)
    assert quotes[0].repeats_body is True


def test_pullquote_original_is_not_repeated_text():
    quotes = find_all(raw(PULLQUOTES), t.PullQuote)
    assert quotes[1].repeats_body is False


def test_pullquote_attribution_without_dash():
    quotes = find_all(raw(PULLQUOTES), t.PullQuote)
    assert [plain_text(q.attribution) for q in quotes] == ["Claire Martin", "Un participant"]


def test_pullquote_text_without_attribution():
    quotes = find_all(raw(PULLQUOTES), t.PullQuote)
    assert plain_text(quotes[0].children) == "Les ateliers sont gratuits."


def test_pullquote_kind_words_are_not_classes():
    quotes = find_all(raw(PULLQUOTES), t.PullQuote)
    assert all(not {"pullquote", "original"} & set(q.classes) for q in quotes)


INTERVIEW = """---
speakers:
  CM: Claire Martin
  JD: Jean Dupont
---

!!! interview

    Q : Comment avez-vous commencé ?

    CM : Nous avons ouvert l'EPN.

    Puis l'équipe s'est agrandie.

    JD : Et nous avons créé un réseau.
"""


@pytest.fixture(scope="module")
def interview() -> t.Interview:
    return first(raw(INTERVIEW), t.Interview)


def test_interview_turn_roles(interview):
    assert [turn.role for turn in interview.turns] == ["question", "answer", "answer"]


def test_interview_speakers_resolved_from_front_matter(interview):
    assert [turn.speaker for turn in interview.turns] == ["", "Claire Martin", "Jean Dupont"]


def test_interview_initials_kept(interview):
    assert [turn.initials for turn in interview.turns] == ["", "CM", "JD"]


def test_interview_prefix_removed_from_text(interview):
    assert plain_text(interview.turns[0].children[0]) == "Comment avez-vous commencé ?"


def test_interview_continuation_paragraph_stays_in_the_turn(interview):
    assert [plain_text(b) for b in interview.turns[1].children] == [
        "Nous avons ouvert l'EPN.", "Puis l'équipe s'est agrandie."]


def test_interview_unknown_initials_are_a_continuation():
    document = raw(INTERVIEW.replace("Puis l'équipe", "XY : Puis l'équipe"))
    turns = first(document, t.Interview).turns
    assert len(turns) == 3 and plain_text(turns[1].children[1]).startswith("XY : ")


# --- glossary -------------------------------------------------------------------------------------------

GLOSSARY = """## Lexique {.glossary}

EPN
:   Espace public numérique.

CCAS
:   Centre communal d'action sociale.
"""


def test_glossary_heading_class_read():
    assert "glossary" in first(raw(GLOSSARY), t.Heading).classes


def test_glossary_definition_list_flagged_after_sections():
    document = read(GLOSSARY, format="markdown")
    assert first(document, t.DefinitionList).glossary is True


def test_glossary_terms_and_definitions():
    dl = first(raw(GLOSSARY), t.DefinitionList)
    assert [(plain_text(i.term), plain_text(i.definitions[0])) for i in dl.items] == [
        ("EPN", "Espace public numérique."), ("CCAS", "Centre communal d'action sociale.")]


def test_plain_definition_list_is_not_a_glossary():
    document = read("## Autre\n\nTerme\n:   Définition.\n", format="markdown")
    assert first(document, t.DefinitionList).glossary is False


# --- figures --------------------------------------------------------------------------------------------

FIGURE = ('![Diagramme : 40 en janvier, 80 en février.](images/frequentation-epn.png '
          '"Fréquentation de l\'EPN.")'
          '{credit="Ville de Villeneuve"}\n')


def test_figure_node():
    assert len(find_all(raw(FIGURE), t.Figure)) == 1


def test_figure_src():
    assert first(raw(FIGURE), t.Figure).src == "images/frequentation-epn.png"


def test_figure_alt():
    assert first(raw(FIGURE), t.Figure).alt == "Diagramme : 40 en janvier, 80 en février."


def test_figure_caption_from_title():
    assert plain_text(first(raw(FIGURE), t.Figure).caption) == "Fréquentation de l'EPN."


def test_figure_credit():
    assert plain_text(first(raw(FIGURE), t.Figure).credit) == "Ville de Villeneuve"


def test_decorative_figure_has_empty_alt():
    assert first(raw("![](images/frequentation-epn.png){.decorative}\n"), t.Figure).alt == ""


def test_decorative_figure_is_not_reported():
    assert not any("alternative" in w for w in warnings(raw("![](images/frequentation-epn.png){.decorative}\n")))


def test_figure_without_alt_has_none():
    assert first(raw("Texte.\n\n![](images/frequentation-epn.png)\n"), t.Figure).alt is None


def test_figure_without_alt_warning_has_its_line_number():
    document = raw("---\ntitle: X\n---\n\nTexte.\n\n![](images/frequentation-epn.png)\n", "carnet.md")
    assert any(w.startswith("carnet.md:7: warning:") and "no alternative text" in w for w in warnings(document))


# --- page markers, spans, abbreviations, notes ----------------------------------------------------------

PAGES = "{{page 12}}\n\nUn texte coupé {{page 13}} par la page.\n"


def test_block_page_marker_is_a_block_pagebreak():
    document = raw(PAGES)
    assert isinstance(document.children[0], t.PageBreak) and document.children[0].label == "12"


def test_inline_page_marker_inside_a_paragraph():
    paragraph = document_paragraph = raw(PAGES).children[1]
    assert isinstance(document_paragraph, t.Paragraph)
    assert [c.label for c in paragraph.children if isinstance(c, t.PageBreak)] == ["13"]


def test_inline_page_marker_keeps_the_text_around_it():
    assert plain_text(raw(PAGES).children[1]) == "Un texte coupé  par la page."


def test_roman_page_label():
    assert first(raw("{{page iv}}\n"), t.PageBreak).label == "iv"


def test_lang_span():
    span = first(raw("La [smart city]{lang=en} arrive.\n"), t.Span)
    assert (span.lang, plain_text(span)) == ("en", "smart city")


def test_span_class_and_id():
    span = first(raw("Un [mot]{.uppercase #m1} ici.\n"), t.Span)
    assert (span.classes, span.id) == (["uppercase"], "m1")


def test_uppercase_span_read():
    span = first(raw("[LES CHIFFRES CLÉS]{.uppercase}\n"), t.Span)
    assert span.classes == ["uppercase"]


def test_uppercase_span_stored_in_normal_case_once():
    document = read("[LES CHIFFRES CLÉS DE LA JOURNÉE]{.uppercase}\n", format="markdown")
    paragraph = [b for b in find_all(document, t.Paragraph) if "chiffres" in plain_text(b).lower()][0]
    spans = find_all(paragraph, t.Span)
    assert len(spans) == 1 and plain_text(spans[0]) == "Les chiffres clés de la journée"


def test_abbreviation():
    abbr = first(raw("L'EPN ouvre.\n\n*[EPN]: Espace public numérique\n"), t.Abbreviation)
    assert (plain_text(abbr), abbr.expansion) == ("EPN", "Espace public numérique")


FOOTNOTE = "Un mot[^site] ici.\n\n[^site]: Voir [le site de l'ANCT](https://agence-cohesion-territoires.gouv.fr).\n"


def test_footnote_call_is_a_noteref():
    document = raw(FOOTNOTE)
    assert first(document, t.NoteRef).note_id == document.notes[0].id


def test_footnote_text_lives_in_document_notes():
    document = raw(FOOTNOTE)
    assert len(document.notes) == 1 and "ici" in plain_text(document.children[0])


def test_footnote_with_link():
    link = first(raw(FOOTNOTE).notes[0], t.Link)
    assert (link.target, plain_text(link)) == ("https://agence-cohesion-territoires.gouv.fr",
                                              "le site de l'ANCT")


def test_line_break_does_not_start_the_next_line_with_a_space():
    paragraph = raw("Ligne un  \nLigne deux\n").children[0]
    assert [plain_text(c) for c in paragraph.children] == ["Ligne un", "\n", "Ligne deux"]


# --- tables and lists -----------------------------------------------------------------------------------

TABLE = """| Quartier | Ateliers |
|:---------|---------:|
| Centre   | 12       |
"""


def test_table_header_row():
    rows = first(raw(TABLE), t.Table).rows
    assert [r.header for r in rows] == [True, False]


def test_table_header_cells():
    rows = first(raw(TABLE), t.Table).rows
    assert all(c.header for c in rows[0].cells) and not any(c.header for c in rows[1].cells)


def test_table_alignment():
    rows = first(raw(TABLE), t.Table).rows
    assert [c.align for c in rows[1].cells] == ["left", "right"]


def test_table_cell_text():
    rows = first(raw(TABLE), t.Table).rows
    assert [[plain_text(c) for c in r.cells] for r in rows] == [["Quartier", "Ateliers"], ["Centre", "12"]]


NESTED = "- un\n- deux\n    - deux A\n    - deux B\n- trois\n"


def test_nested_list_outer_items():
    assert len(raw(NESTED).children[0].items) == 3


def test_nested_list_inner_list():
    inner = raw(NESTED).children[0].items[1].children[-1]
    assert isinstance(inner, t.List) and [plain_text(i) for i in inner.items] == ["deux A", "deux B"]


def test_unordered_list_is_not_ordered():
    assert raw(NESTED).children[0].ordered is False


def test_ordered_list_start():
    lst = raw("3. trois\n4. quatre\n").children[0]
    assert (lst.ordered, lst.start) == (True, 3)


def test_ordered_list_default_start():
    assert raw("1. un\n2. deux\n").children[0].start == 1


# --- the sample carnet -----------------------------------------------------------------------------------


def test_sample_reads_without_warnings():
    document = read_markdown(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE), str(SAMPLE.parent))
    assert warnings(document) == []


# --- HTML reader: our own HTML output reads back (fixed point) -------------------------------------------


def _comparable(document: t.Document) -> dict:
    """The JSON dump without source line numbers (an HTML page has none of the Markdown's)."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "line"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(json.dumps(document_to_dict(document), ensure_ascii=False)))


@pytest.fixture(scope="module", params=["carnet-exemple.md", "carnet-09-montpellier.md"])
def round_trip(request) -> dict:
    """Markdown → tree A → HTML 1 → tree B → HTML 2, for the sample and for carnet #9."""
    source = SAMPLE.parent / request.param
    if not source.is_file():
        pytest.skip(f"{request.param} is not in input/")
    tree_a = read(source)
    html_1 = write_html(tree_a).decode("utf-8")
    tree_b = read_html(html_1, source.with_suffix(".html").name, str(source.parent))
    apply_transforms(tree_b)
    html_2 = write_html(tree_b).decode("utf-8")
    return {"a": tree_a, "b": tree_b, "html_1": html_1, "html_2": html_2}


def test_html_reader_reads_our_page_without_warnings(round_trip):
    assert [str(d) for d in round_trip["b"].diagnostics] == []


def test_html_round_trip_images_keep_their_bytes(round_trip):
    figures_a = [f for f in find_all(round_trip["a"], t.Figure) if f.src]
    figures_b = [f for f in find_all(round_trip["b"], t.Figure) if f.src]
    assert len(figures_a) == len(figures_b)
    for a, b in zip(figures_a, figures_b, strict=True):
        data = (SAMPLE.parent / a.src).read_bytes()
        assert b.src.endswith(";base64," + base64.b64encode(data).decode("ascii"))


def test_html_round_trip_tree_is_a_fixed_point(round_trip):
    """Issue 2: write → read gives back the same tree (JSON dumps compared; image sources aside)."""
    dump_a, dump_b = _comparable(round_trip["a"]), _comparable(round_trip["b"])
    for dump in (dump_a, dump_b):
        for figure in (n for n in _walk(dump) if n.get("type") == "Figure"):
            figure["src"] = "<image>"
    assert json.dumps(dump_b, ensure_ascii=False, indent=1) == json.dumps(dump_a, ensure_ascii=False, indent=1)


def test_html_round_trip_page_is_a_fixed_point(round_trip):
    assert round_trip["html_2"] == round_trip["html_1"]


def _walk(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


SNIPPETS = {
    "no-reader-note": "---\ntitle: T\nreader_note: false\n---\n\n## A\n\nTexte.\n",
    "english": "---\ntitle: T\nlang: en\n---\n\n## Part\n\nA [mot]{lang=fr} here[^a].\n\n[^a]: Note.\n",
    "untitled-sidebar": "---\ntitle: T\n---\n\n## A\n\n!!! sidebar\n\n    Texte seul.\n",
    "uncalled-note": "---\ntitle: T\n---\n\n## A\n\nUn[^a].\n\n[^a]: A.\n[^b]: B.\n",
    "pullquote-call": "---\ntitle: T\n---\n\n## A\n\n!!! pullquote\n\n    Repris[^a].\n\nRepris[^a].\n\n[^a]: A.\n",
    "decorative": "---\ntitle: T\n---\n\n## A\n\n![](images/frequentation-epn.png){.decorative}\n",
    "line-break": "---\ntitle: T\n---\n\n## A\n\nLigne un  \nLigne deux\n",
}


def _small_round_trip(markdown: str) -> tuple[t.Document, t.Document, str, str]:
    tree_a = read(markdown, format="markdown")
    tree_a.base_dir = str(SAMPLE.parent)
    html_1 = write_html(tree_a).decode("utf-8")
    tree_b = read_html(html_1, "t.html", str(SAMPLE.parent))
    apply_transforms(tree_b)
    return tree_a, tree_b, html_1, write_html(tree_b).decode("utf-8")


@pytest.mark.parametrize("markdown", SNIPPETS.values(), ids=SNIPPETS.keys())
def test_html_round_trip_of_small_carnets_page(markdown):
    _, _, html_1, html_2 = _small_round_trip(markdown)
    assert html_2 == html_1


# A repeating pull quote's note calls are not written (hidden text holds nothing focusable): that tree
# loses them, by design, and its page is still a fixed point (above).
@pytest.mark.parametrize("markdown", [m for k, m in SNIPPETS.items() if k != "pullquote-call"],
                         ids=[k for k in SNIPPETS if k != "pullquote-call"])
def test_html_round_trip_of_small_carnets_tree(markdown):
    tree_a, tree_b, _, _ = _small_round_trip(markdown)
    dumps = []
    for document in (tree_a, tree_b):
        dump = _comparable(document)
        for figure in (n for n in _walk(dump) if n.get("type") == "Figure"):
            figure["src"] = "<image>"
        dumps.append(json.dumps(dump, ensure_ascii=False, indent=1))
    assert dumps[1] == dumps[0]


# --- issue 7: the tree is built from Python-Markdown's ElementTree, without HTML in between ---------------

# Markdown whose HTML holds what an HTML parser changes (entities, raw inline markup, comments, white
# space, attribute case, a footnote's back link) or rearranges (a link in a link), and what the reader
# must then read by writing and parsing that HTML (blocks of raw HTML, unknown entities, controls).
ELEMENT_TREE_CASES = {
    "plain": "# Titre {#t .a}\n\nUn *mot* et **deux**, `a < b & c`, `&amp; &copy;`.\n\n- un\n- deux\n",
    "raw-inline": "Le 1<sup>er</sup> avril, <span lang=\"en\">smart city</span>, <SUB>2</SUB>, <abbr title=\"x\">X</abbr>.",
    "raw-inline-markdown-inside": "Un <sup>*b* c</sup> et <span class=' a  b '>**d**</span><br>fin.",
    "entities": "Un&nbsp;mot, 10&#8239;% et &#x202F;; &amp; aussi.",
    "comments": "<!-- note de bloc -->\n\nAvant <!-- dedans --> après.\n",
    "footnote-backlink": "Un appel[^1] et un autre[^2].\n\n[^1]: ![Une image](i.png)\n[^2]: Une note.\n",
    "attributes": "Para {: lang=en LANG=de data-X=1 }\n\n[lien](http://a.b/?c=1&amp;d=2 \"un &amp; deux\")",
    "white-space": "Tab\tet  espaces  \nfin de ligne\n\n`   `\n\n    code  indenté\n    < & >\n",
    "link-in-link": "[a [b](c) d](e) et [x[^1]](http://l)\n\n[^1]: Note.\n",
    "raw-block": "<div class=\"x\">\nbloc HTML\n</div>\n\nAprès.",
    "unknown-entity": "Un &foo; et &copy;.",
    "unbalanced": "Un <span>ouvert\n\net fermé</span> ailleurs.",
    "sidebar-interview": ("---\nspeakers:\n  HR: Hélène Roussel\n---\n\n!!! sidebar \"Titre\"\n    Texte.\n\n"
                          "!!! interview\n    Q : Question ?\n\n    HR : Réponse.\n\nTerme\n:   Définition\n\n"
                          "| a | b |\n|:--|--:|\n| 1 | *2* |\n"),
}


@pytest.mark.parametrize("markdown", ELEMENT_TREE_CASES.values(), ids=ELEMENT_TREE_CASES.keys())
def test_issue7_tree_from_the_element_tree_is_the_tree_from_its_html(markdown, monkeypatch):
    """issue 7: reading Python-Markdown's ElementTree gives the tree (and warnings) that writing its HTML
    and parsing it with BeautifulSoup gives."""
    import converter.readers.markdown as reader

    direct = raw(markdown)

    def unreadable(*_: object) -> None:
        raise reader._Unreadable("forced")

    monkeypatch.setattr(reader, "_elements", unreadable)
    through_html = raw(markdown)
    assert document_to_dict(direct) == document_to_dict(through_html)
    assert warnings(direct) == warnings(through_html)


def test_issue7_reading_markdown_does_not_import_beautifulsoup():
    """issue 7: BeautifulSoup's import cost as much as the rest of a first read; Markdown does not need it."""
    import subprocess
    import sys

    code = ("import sys; from converter.readers.markdown import read_markdown; "
            "read_markdown('# T\\n\\nLe 1<sup>er</sup> avril[^1].\\n\\n[^1]: Note.\\n'); print('bs4' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("markdown", ["<span>" * 10_000 + "x" + "</span>" * 10_000, "<sup>" * 10_000 + "x"],
                         ids=["balanced", "unclosed"])
def test_issue7_raw_inline_markup_nested_10000_deep_is_a_clear_error(markdown):
    """issue 7: raw markup nested 10,000 deep is copied without recursion, then refused with one line."""
    with pytest.raises(CarnetError) as raised:
        raw(markdown, "deep.md")
    assert str(raised.value).startswith("deep.md: error: nesting deeper than 100 levels")


def test_issue7_guarded_regular_expressions_give_python_markdowns_html():
    """issue 7: Python-Markdown's slow patterns, run only where they can match, give the same HTML."""
    import markdown as python_markdown

    import converter.readers.markdown as reader

    texts = [*ELEMENT_TREE_CASES.values(), SAMPLE.read_text(encoding="utf-8").split("\n---\n", 1)[1],
             "# a\n## b #\nSetext\n===\n\n> q\n>> r\n\n   : pas une définition\nTerme\n   :   déf\n\n*[ab]: abbr\n\n"
             "[ref]: http://x \"t\"\n\n\\`pas du code\\` \\\\`code` [r][ref] [ref] ![i][ref] !!! pas admonition"]
    for text in texts:
        plain = python_markdown.Markdown(extensions=["extra", "admonition", "sane_lists", reader.CarnetExtension()],
                                         output_format="html")
        assert reader._markdown().convert(text) == plain.convert(text)
