"""The DOCX writer (issue 2, point 6), checked through independent parsers.

Trees are built here in Python (no reader involved), written with ``write_docx`` and read back with python-docx
(styles, properties, paragraphs) and with lxml on the parts of the zip (footnotes, numbering, relationships,
drawing properties, fields). One test per promised property. The LibreOffice test converts the document to
PDF (the proof that it opens) and looks for its text.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from lxml import etree

from converter import tree as t
from converter.messages import message
from converter.writers import writer_for
from converter.writers.docx import DocxImageError, reference_path, write_docx
from converter.writers.docx.styles import SIDEBAR_BOX, STYLES, all_styles

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}
HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


# --- Test documents --------------------------------------------------------------------------------------


def tiny_png(path: Path, width: int = 4, height: int = 3) -> Path:
    """Write a small RGB PNG by hand (signature, IHDR, IDAT, IEND), with a 96 dpi pHYs chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes((200, 60, 40)) * width for _ in range(height))
    png = (b"\x89PNG\r\n\x1a\n"
           + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"pHYs", struct.pack(">IIB", 3780, 3780, 1))
           + chunk(b"IDAT", zlib.compress(rows))
           + chunk(b"IEND", b""))
    path.write_bytes(png)
    return path


def text(value: str) -> t.Text:
    return t.Text(text=value)


def para(*inlines: t.Inline | str, **kwargs) -> t.Paragraph:
    return t.Paragraph(children=[text(i) if isinstance(i, str) else i for i in inlines], **kwargs)


def section(level: int, title: str, *children: t.Block, id: str = "") -> t.Section:
    return t.Section(id=id, heading=t.Heading(level=level, children=[text(title)]), children=list(children))


def kitchen_sink(base_dir: Path) -> t.Document:
    """Every node kind, in a transformed tree (nested sections, numbered notes)."""
    tiny_png(base_dir / "photo.png")
    meta = t.Meta(
        title="La ville numérique", subtitle="Carnet NEC n° 9", lang="fr",
        authors=["Hélène Roussel", "Paul Martin"], subject="Inclusion numérique",
        keywords=["smart city", "inclusion numérique"], series="Carnets NEC", number="9", date="2024-05-17",
        rights="Licence Ouverte 2.0",
        speakers={"HR": "Hélène Roussel"},
    )
    notes = [
        t.Note(id="fn1", number=1, children=[para(
            "Voir ", t.Link(target="https://example.org/rapport", children=[text("le rapport de l’ANCT")]), ".")]),
        t.Note(id="fn2", number=2, children=[para("Deuxième note, en fin de partie.")]),
    ]
    intro = para(
        "Le concept de ", t.Span(lang="en", children=[text("smart city")]), " est ",
        t.Emphasis(children=[text("souvent")]), " mal compris ", t.Strong(children=[text("par tous")]),
        " depuis le XIX", t.Superscript(children=[text("e")]), " siècle (CO", t.Subscript(children=[text("2")]),
        ") selon le ", t.Abbreviation(expansion="Numérique en commun", children=[text("NEC")]),
        t.NoteRef(note_id="fn1", number=1), ". Consultez ",
        t.Link(target="https://lesbases.anct.gouv.fr/", children=[text("les Bases du numérique d’intérêt général")]),
        " ou tapez ", t.Literal(text="carnet --help"), ".", t.LineBreak(), "Suite de la phrase coupée par la",
        t.PageBreak(label="12"), "page imprimée. ", t.Span(classes=["uppercase"], children=[text("Le concept")]),
        " et un terme ", t.Span(lang="en-US", children=[text("open data")]), ".",
    )
    sidebar = t.Sidebar(
        heading=t.Heading(level=3, children=[text("Zoom sur les tiers-lieux")]),
        children=[para("Un tiers-lieu est un espace partagé."), para("Il accueille tous les publics.")],
    )
    interview = t.Interview(turns=[
        t.Turn(role="question", children=[para("Comment avez-vous commencé ?")]),
        t.Turn(role="answer", initials="HR", children=[para("Par un atelier en médiathèque."),
                                                        para("Puis tout s’est enchaîné.")]),
    ])
    bullets = t.List(ordered=False, items=[
        t.ListItem(children=[para("Accès au matériel"), t.List(ordered=True, items=[
            t.ListItem(children=[para("Ordinateurs")]), t.ListItem(children=[para("Tablettes")])])]),
        t.ListItem(children=[para("Accompagnement")]),
    ])
    ordered = t.List(ordered=True, start=3, items=[t.ListItem(children=[para("Troisième étape")]),
                                                   t.ListItem(children=[para("Quatrième étape")])])
    glossary = t.DefinitionList(glossary=True, items=[
        t.DefinitionItem(term=[text("Médiation numérique")],
                         definitions=[[para("Accompagnement des personnes vers l’autonomie.")]]),
    ])
    figure = t.Figure(src="photo.png", alt="Un atelier dans une médiathèque",
                      caption=[text("Atelier à Lyon, 2023")], credit=[text("Photo Jeanne Dupont")])
    decorative = t.Figure(src="photo.png", alt="")
    table = t.Table(caption=[text("Publics accueillis")], rows=[
        t.Row(header=True, cells=[t.Cell(header=True, children=[text("Public")]),
                                  t.Cell(header=True, children=[text("Part")])]),
        t.Row(cells=[t.Cell(children=[text("Seniors")]), t.Cell(children=[text("40 %")], align="right")]),
        t.Row(cells=[t.Cell(children=[text("Jeunes")]), t.Cell(children=[text("25 %")], align="right")]),
    ])
    body = [
        section(2, "Note sur cette édition accessible", para("Cette édition est une version accessible."),
                id="note-edition"),
        t.Section(id="la-ville-numerique", heading=t.Heading(level=1, children=[text("La ville numérique")]),
                  children=[
            section(2, "Introduction", intro, t.PageBreak(label="13"),
                    section(3, "Un exemple",
                            section(4, "Un détail", para("Détail précis", t.NoteRef(note_id="fn2", number=2), ".")),
                            id="exemple"),
                    id="introduction"),
            section(2, "Paroles et encadrés",
                    t.BlockQuote(children=[para("Le numérique doit être un droit.")],
                                 attribution=[text("Une habitante")]),
                    t.PullQuote(repeats_body=True, children=[para("Texte répété en exergue.")]),
                    t.PullQuote(repeats_body=False, children=[para("Citation qui n’existe qu’en exergue.")]),
                    sidebar, interview, id="paroles"),
            section(2, "Outils", bullets, ordered, glossary, figure, decorative, table, t.ThematicBreak(),
                    para("Retour à ", t.Link(target="#exemple", children=[text("l’exemple")]), "."), id="outils"),
        ]),
    ]
    return t.Document(meta=meta, children=body, notes=notes, base_dir=str(base_dir))


class Docx:
    """A written DOCX, opened both ways: python-docx and the raw parts through lxml."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.doc = docx.Document(io.BytesIO(data))

    def part(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    @property
    def body(self) -> etree._Element:
        return self.part("word/document.xml")

    def paragraphs(self) -> list[etree._Element]:
        return self.body.findall(".//w:body//w:p", NS)

    def paragraph_with(self, fragment: str, root: etree._Element | None = None) -> etree._Element:
        """The first paragraph containing ``fragment``, table of contents entries excepted."""
        for p in (root if root is not None else self.body).iterfind(".//w:p", NS):
            if fragment in ptext(p) and not pstyle(p).startswith("TOC"):
                return p
        raise AssertionError(f"no paragraph contains {fragment!r}")

    def run_with(self, fragment: str, root: etree._Element | None = None) -> etree._Element:
        for r in (root if root is not None else self.body).iterfind(".//w:r", NS):
            if fragment in "".join(r.xpath("w:t/text()", namespaces=NS)):
                return r
        raise AssertionError(f"no run contains {fragment!r}")

    def rels(self, part: str = "word/_rels/document.xml.rels") -> list[etree._Element]:
        return self.part(part).findall("rel:Relationship", NS)


def ptext(p: etree._Element) -> str:
    return "".join(p.xpath(".//w:t/text()", namespaces=NS))


def pstyle(p: etree._Element) -> str:
    value = p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS)
    return value or "Normal"


def rstyle(r: etree._Element) -> str:
    return r.xpath("string(w:rPr/w:rStyle/@w:val)", namespaces=NS)


@pytest.fixture(scope="module")
def sink_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("docx-sink")


@pytest.fixture(scope="module")
def out(sink_dir: Path) -> Docx:
    data = write_docx(kitchen_sink(sink_dir))
    (sink_dir / "kitchen-sink.docx").write_bytes(data)
    return Docx(data)


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Docx:
    base = tmp_path_factory.mktemp("docx-en")
    document = kitchen_sink(base)
    document.meta.lang = "en"
    document.meta.title = "The digital city"
    return Docx(write_docx(document))


# --- Package and registry --------------------------------------------------------------------------------


def test_registry_resolves_docx_writer() -> None:
    assert writer_for("docx") is write_docx


def test_output_is_a_docx_package(out: Docx) -> None:
    assert "word/document.xml" in out.zip.namelist()


def test_reference_defines_every_style_of_the_style_map() -> None:
    reference = docx.Document(str(reference_path()))
    defined = {(s.name, s.style_id) for s in reference.styles}
    missing = [ref for ref in all_styles() if (docx.styles.BabelFish.internal2ui(ref.name), ref.style_id)
               not in defined]
    assert missing == []


def test_reference_is_reproducible_from_its_script() -> None:
    sys.path.insert(0, str(reference_path().parent))
    try:
        import make_reference  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    built = zipfile.ZipFile(io.BytesIO(make_reference.build()))
    committed = zipfile.ZipFile(reference_path())
    assert {n: built.read(n) for n in built.namelist()} == {n: committed.read(n) for n in committed.namelist()}


def test_reference_page_is_a4() -> None:
    section = docx.Document(str(reference_path())).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_app_properties_name_this_tool(out: Docx) -> None:
    app = out.part("docProps/app.xml")
    ns = {"ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
    assert app.xpath("string(ep:Application)", namespaces=ns) == "Carnet accessible"


def test_settings_let_word_proof_the_text(out: Docx) -> None:
    assert out.part("word/settings.xml").find("w:proofState", NS) is None


# --- Title, headings, table of contents --------------------------------------------------------------------


def test_title_paragraph_holds_meta_title(out: Docx) -> None:
    titles = [p for p in out.paragraphs() if pstyle(p) == "Title"]
    assert [ptext(p) for p in titles] == ["La ville numérique"]


def test_subtitle_paragraph_follows_title(out: Docx) -> None:
    paragraphs = out.paragraphs()
    assert (pstyle(paragraphs[1]), ptext(paragraphs[1])) == ("Subtitle", "Carnet NEC n° 9")


def test_series_and_number_under_the_title(out: Docx) -> None:
    assert [ptext(p) for p in out.paragraphs() if pstyle(p) == "DocumentInfo"] == ["Carnets NEC #9"]


def test_about_section_names_authors(out: Docx) -> None:
    about = out.paragraph_with(message("authors", "fr", authors="Hélène Roussel, Paul Martin"))
    assert pstyle(about) == "BodyText"


def test_about_section_states_the_licence(out: Docx) -> None:
    assert ptext(out.paragraph_with("Licence Ouverte 2.0")) == message("licence", "fr", rights="Licence Ouverte 2.0")


def test_about_section_heading(out: Docx) -> None:
    assert pstyle(out.paragraph_with(message("about", "fr"))) == "Heading1"


def test_level_one_heading_is_not_repeated_in_body(out: Docx) -> None:
    assert [ptext(p) for p in out.paragraphs()].count("La ville numérique") == 1


def test_body_headings_start_at_heading_1(out: Docx) -> None:
    levels = {ptext(p): pstyle(p) for p in out.paragraphs() if pstyle(p).startswith("Heading")}
    assert (levels["Introduction"], levels["Un exemple"], levels["Un détail"]) == ("Heading1", "Heading2",
                                                                                  "Heading3")


def test_heading_levels_never_skip(out: Docx) -> None:
    levels = [int(pstyle(p)[7:]) for p in out.paragraphs() if pstyle(p).startswith("Heading")]
    assert all(b <= a + 1 for a, b in zip([0, *levels], levels, strict=False))


def test_reader_note_section_is_rendered_as_a_heading(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Note sur cette édition accessible")) == "Heading1"


def test_toc_heading_uses_catalogue_word(out: Docx) -> None:
    assert [ptext(p) for p in out.paragraphs() if pstyle(p) == "TOCHeading"] == ["Table des matières"]


def test_toc_field_instruction(out: Docx) -> None:
    instructions = " ".join(out.body.xpath("//w:instrText/text()", namespaces=NS))
    assert 'TOC \\o "1-3" \\h \\z \\u' in instructions


def test_toc_field_is_dirty(out: Docx) -> None:
    assert out.body.xpath("//w:fldChar[@w:fldCharType='begin']/@w:dirty", namespaces=NS) == ["true"]


def test_toc_field_is_closed(out: Docx) -> None:
    kinds = out.body.xpath("//w:fldChar/@w:fldCharType", namespaces=NS)
    assert kinds == ["begin", "separate", "end"]


def test_settings_ask_word_to_update_fields(out: Docx) -> None:
    assert out.part("word/settings.xml").xpath("string(w:updateFields/@w:val)", namespaces=NS) == "true"


def test_toc_entries_link_to_heading_bookmarks(out: Docx) -> None:
    anchors = out.body.xpath("//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'TOC')]/w:hyperlink/@w:anchor",
                             namespaces=NS)
    bookmarks = set(out.body.xpath("//w:bookmarkStart/@w:name", namespaces=NS))
    assert anchors and set(anchors) <= bookmarks


def test_toc_lists_headings_down_to_word_level_3(out: Docx) -> None:
    entries = [ptext(p) for p in out.paragraphs() if pstyle(p).startswith("TOC") and pstyle(p) != "TOCHeading"]
    assert entries[:4] == ["Note sur cette édition accessible", "Introduction", "Un exemple", "Un détail"]


def test_toc_comes_after_title_block(out: Docx) -> None:
    assert [pstyle(p) for p in out.paragraphs()[:4]] == ["Title", "Subtitle", "DocumentInfo", "TOCHeading"]


# --- Properties and language -------------------------------------------------------------------------------


def test_core_title(out: Docx) -> None:
    assert out.doc.core_properties.title == "La ville numérique"


def test_core_authors(out: Docx) -> None:
    assert out.doc.core_properties.author == "Hélène Roussel; Paul Martin"


def test_core_language(out: Docx) -> None:
    assert out.doc.core_properties.language == "fr-FR"


def test_core_subject(out: Docx) -> None:
    assert out.doc.core_properties.subject == "Inclusion numérique"


def test_core_keywords(out: Docx) -> None:
    assert out.doc.core_properties.keywords == "smart city, inclusion numérique"


def test_core_category_is_series_and_number(out: Docx) -> None:
    assert out.doc.core_properties.category == "Carnets NEC 9"


def test_core_created_is_meta_date(out: Docx) -> None:
    assert out.doc.core_properties.created.date().isoformat() == "2024-05-17"


def test_doc_defaults_language(out: Docx) -> None:
    styles = out.part("word/styles.xml")
    assert styles.xpath("string(w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val)", namespaces=NS) == "fr-FR"


def test_english_document_defaults_language(english: Docx) -> None:
    styles = english.part("word/styles.xml")
    assert styles.xpath("string(w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val)", namespaces=NS) == "en-GB"


def test_span_in_english_has_run_language(out: Docx) -> None:
    assert out.run_with("smart city").xpath("string(w:rPr/w:lang/@w:val)", namespaces=NS) == "en-GB"


def test_span_language_keeps_region(out: Docx) -> None:
    assert out.run_with("open data").xpath("string(w:rPr/w:lang/@w:val)", namespaces=NS) == "en-US"


def test_runs_in_document_language_carry_no_lang(out: Docx) -> None:
    assert out.run_with("Le concept de ").find("w:rPr/w:lang", NS) is None


def test_english_document_uses_english_words(english: Docx) -> None:
    assert [ptext(p) for p in english.paragraphs() if pstyle(p) == "TOCHeading"] == ["Table of contents"]


# --- Inline formatting ----------------------------------------------------------------------------------


def test_emphasis_character_style(out: Docx) -> None:
    assert rstyle(out.run_with("souvent")) == "Emphasis"


def test_strong_character_style(out: Docx) -> None:
    assert rstyle(out.run_with("par tous")) == "Strong"


def test_superscript_vert_align(out: Docx) -> None:
    run = [r for r in out.body.iterfind(".//w:r", NS) if "".join(r.xpath("w:t/text()", namespaces=NS)) == "e"][0]
    assert run.xpath("string(w:rPr/w:vertAlign/@w:val)", namespaces=NS) == "superscript"


def test_subscript_vert_align(out: Docx) -> None:
    run = [r for r in out.body.iterfind(".//w:r", NS) if "".join(r.xpath("w:t/text()", namespaces=NS)) == "2"][0]
    assert run.xpath("string(w:rPr/w:vertAlign/@w:val)", namespaces=NS) == "subscript"


def test_uppercase_class_is_caps_property(out: Docx) -> None:
    runs = [r for r in out.body.iterfind(".//w:r", NS) if r.xpath("string(w:t)", namespaces=NS) == "Le concept"]
    assert runs[0].find("w:rPr/w:caps", NS) is not None


def test_uppercase_text_stays_in_normal_case(out: Docx) -> None:
    assert "LE CONCEPT" not in ptext(out.paragraph_with("Le concept de"))


def test_literal_character_style(out: Docx) -> None:
    assert rstyle(out.run_with("carnet --help")) == "Literal"


def test_literal_style_is_monospace(out: Docx) -> None:
    assert out.doc.styles["Literal"].font.name == "Courier New"


def test_abbreviation_renders_its_text(out: Docx) -> None:
    assert "selon le NEC" in ptext(out.paragraph_with("Le concept de"))


def test_line_break_is_a_break(out: Docx) -> None:
    assert out.paragraph_with("Le concept de").find(".//w:br", NS) is not None


def test_inline_page_marker_run(out: Docx) -> None:
    assert rstyle(out.run_with("[Page 12]")) == "PageMarkerChar"


def test_inline_page_marker_does_not_glue_words(out: Docx) -> None:
    assert "coupée par la [Page 12] page imprimée" in ptext(out.paragraph_with("[Page 12]"))


def test_block_page_marker_paragraph(out: Docx) -> None:
    marker = out.paragraph_with("Page 13")
    assert (pstyle(marker), ptext(marker)) == ("PageMarker", "Page 13")


# --- Footnotes ----------------------------------------------------------------------------------------------


def test_footnotes_part_is_related(out: Docx) -> None:
    assert [r.get("Target") for r in out.rels() if r.get("Type") == FOOTNOTES_REL] == ["footnotes.xml"]


def test_footnotes_part_has_separators(out: Docx) -> None:
    notes = out.part("word/footnotes.xml")
    assert notes.xpath("w:footnote[@w:type]/@w:type", namespaces=NS) == ["separator", "continuationSeparator"]


def test_footnote_references_in_body(out: Docx) -> None:
    assert out.body.xpath("//w:footnoteReference/@w:id", namespaces=NS) == ["1", "2"]


def test_footnote_reference_run_style(out: Docx) -> None:
    styles = out.body.xpath("//w:r[w:footnoteReference]/w:rPr/w:rStyle/@w:val", namespaces=NS)
    assert styles == ["FootnoteReference", "FootnoteReference"]


def test_footnote_text_content(out: Docx) -> None:
    notes = out.part("word/footnotes.xml")
    note = notes.xpath("w:footnote[@w:id='2']", namespaces=NS)[0]
    assert ptext(note).strip() == "Deuxième note, en fin de partie."


def test_footnote_text_style(out: Docx) -> None:
    notes = out.part("word/footnotes.xml")
    styles = notes.xpath("w:footnote[not(@w:type)]/w:p/w:pPr/w:pStyle/@w:val", namespaces=NS)
    assert styles == ["FootnoteText", "FootnoteText"]


def test_footnote_starts_with_its_number_mark(out: Docx) -> None:
    notes = out.part("word/footnotes.xml")
    assert len(notes.xpath("w:footnote[not(@w:type)]/w:p[1]/w:r[1]/w:footnoteRef", namespaces=NS)) == 2


def test_link_in_footnote_has_relationship_in_footnotes_part(out: Docx) -> None:
    notes = out.part("word/footnotes.xml")
    rid = notes.xpath("string(//w:hyperlink/@r:id)", namespaces=NS)
    targets = {r.get("Id"): r.get("Target") for r in out.rels("word/_rels/footnotes.xml.rels")}
    assert targets[rid] == "https://example.org/rapport"


def test_settings_declare_footnote_separators(out: Docx) -> None:
    settings = out.part("word/settings.xml")
    assert settings.xpath("w:footnotePr/w:footnote/@w:id", namespaces=NS) == ["-1", "0"]


def test_unreferenced_note_is_kept_after_body(tmp_path: Path) -> None:
    document = t.Document(meta=t.Meta(title="Titre"), children=[para("Texte.")],
                          notes=[t.Note(id="orphan", number=1, children=[para("Note orpheline.")])])
    assert "Note orpheline." in ptext(Docx(write_docx(document)).paragraph_with("orpheline"))


def test_unreferenced_notes_get_a_notes_heading() -> None:
    document = t.Document(meta=t.Meta(title="Titre"), children=[para("Texte.")],
                          notes=[t.Note(id="orphan", number=1, children=[para("Note orpheline.")])])
    assert pstyle(Docx(write_docx(document)).paragraph_with(message("notes", "fr"))) == "Heading1"


# --- Hyperlinks --------------------------------------------------------------------------------------------


def test_hyperlink_relationship_target(out: Docx) -> None:
    link = out.body.xpath("//w:hyperlink[.//w:t[contains(., 'les Bases')]]", namespaces=NS)[0]
    targets = {r.get("Id"): (r.get("Target"), r.get("TargetMode")) for r in out.rels()
               if r.get("Type") == HYPERLINK_REL}
    assert targets[link.get(f"{{{NS['r']}}}id")] == ("https://lesbases.anct.gouv.fr/", "External")


def test_hyperlink_readable_text(out: Docx) -> None:
    links = out.doc.paragraphs
    texts = [h.text for p in links for h in p.hyperlinks]
    assert "les Bases du numérique d’intérêt général" in texts


def test_hyperlink_character_style(out: Docx) -> None:
    assert rstyle(out.run_with("les Bases du numérique")) == "Hyperlink"


def test_internal_link_points_to_section_bookmark(out: Docx) -> None:
    link = out.body.xpath("//w:hyperlink[.//w:t[.='l’exemple']]", namespaces=NS)[0]
    heading = out.paragraph_with("Un exemple")
    assert link.get(w("anchor")) in heading.xpath("w:bookmarkStart/@w:name", namespaces=NS)


def test_link_to_an_id_without_bookmark_keeps_its_text_only() -> None:
    document = t.Document(children=[para("Voir ", t.Span(id="ici", children=[text("ici")]), " et ",
                                         t.Link(target="#ici", children=[text("là")]), ".")])
    out = Docx(write_docx(document))
    paragraph = out.paragraph_with("Voir")
    assert (paragraph.xpath(".//w:hyperlink", namespaces=NS), ptext(paragraph)) == ([], "Voir ici et là.")


def test_link_to_title_section_points_to_title_paragraph() -> None:
    document = t.Document(meta=t.Meta(title="Titre"), children=[t.Section(
        id="titre", heading=t.Heading(level=1, children=[text("Titre")]),
        children=[para("Retour au ", t.Link(target="#titre", children=[text("début")]), ".")])])
    out = Docx(write_docx(document))
    title = [p for p in out.paragraphs() if pstyle(p) == "Title"][0]
    anchor = out.body.xpath("string(//w:hyperlink/@w:anchor)", namespaces=NS)
    assert anchor in title.xpath("w:bookmarkStart/@w:name", namespaces=NS)


def test_control_characters_are_dropped() -> None:
    out = Docx(write_docx(t.Document(children=[para("a\x0bb")])))
    assert ptext(out.paragraph_with("ab")) == "ab"


# --- Lists -------------------------------------------------------------------------------------------------


def numbering_of(out: Docx, p: etree._Element) -> tuple[str, int, etree._Element]:
    """(numFmt, ilvl, w:num) of a numbered paragraph."""
    num_id = p.xpath("string(w:pPr/w:numPr/w:numId/@w:val)", namespaces=NS)
    ilvl = int(p.xpath("string(w:pPr/w:numPr/w:ilvl/@w:val)", namespaces=NS))
    numbering = out.part("word/numbering.xml")
    num = numbering.xpath(f"w:num[@w:numId='{num_id}']", namespaces=NS)[0]
    abstract_id = num.xpath("string(w:abstractNumId/@w:val)", namespaces=NS)
    fmt = numbering.xpath(f"string(w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='{ilvl}']"
                          "/w:numFmt/@w:val)", namespaces=NS)
    return fmt, ilvl, num


def test_bullet_list_uses_bullet_numbering(out: Docx) -> None:
    assert numbering_of(out, out.paragraph_with("Accès au matériel"))[0] == "bullet"


def test_ordered_list_uses_decimal_numbering(out: Docx) -> None:
    assert numbering_of(out, out.paragraph_with("Troisième étape"))[0] == "decimal"


def test_nested_list_is_one_level_deeper(out: Docx) -> None:
    assert numbering_of(out, out.paragraph_with("Ordinateurs"))[1] == 1


def test_list_items_use_list_paragraph_style(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Accompagnement")) == "ListParagraph"


def test_ordered_list_restarts_at_its_start(out: Docx) -> None:
    num = numbering_of(out, out.paragraph_with("Troisième étape"))[2]
    assert num.xpath("string(w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val)", namespaces=NS) == "3"


def test_each_ordered_list_is_its_own_instance(out: Docx) -> None:
    first = numbering_of(out, out.paragraph_with("Ordinateurs"))[2]
    second = numbering_of(out, out.paragraph_with("Troisième étape"))[2]
    assert first.get(w("numId")) != second.get(w("numId"))


# --- Figures -----------------------------------------------------------------------------------------------


def test_image_is_inline(out: Docx) -> None:
    assert len(out.body.findall(".//wp:inline", NS)) == 2 and out.body.find(".//wp:anchor", NS) is None


def test_image_alt_text_in_docpr_descr(out: Docx) -> None:
    assert out.body.xpath("//wp:docPr/@descr", namespaces=NS)[0] == "Un atelier dans une médiathèque"


def test_decorative_image_has_empty_descr(out: Docx) -> None:
    assert out.body.xpath("//wp:docPr/@descr", namespaces=NS)[1] == ""


def test_decorative_image_has_decorative_flag(out: Docx) -> None:
    flags = out.body.xpath("//wp:docPr/a:extLst/a:ext/adec:decorative/@val", namespaces=NS)
    assert flags == ["1"]


def test_image_paragraph_style(out: Docx) -> None:
    assert {pstyle(p) for p in out.body.xpath("//w:p[.//wp:inline]", namespaces=NS)} == {"Figure"}


def test_caption_style(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Atelier à Lyon")) == "Caption"


def test_credit_style_and_label(out: Docx) -> None:
    credit = out.paragraph_with("Photo Jeanne Dupont")
    assert (pstyle(credit), ptext(credit)) == ("Credit", message("credit", "fr", credit="Photo Jeanne Dupont"))


def test_missing_image_is_a_clear_error(tmp_path: Path) -> None:
    document = t.Document(children=[t.Figure(src="absent.png", alt="x")], base_dir=str(tmp_path))
    with pytest.raises(DocxImageError, match="absent.png"):
        write_docx(document)


def test_unsupported_image_format_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "schema.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    document = t.Document(children=[t.Figure(src="schema.svg", alt="Schéma")], base_dir=str(tmp_path))
    with pytest.raises(DocxImageError, match="schema.svg"):
        write_docx(document)


def test_image_without_alt_is_not_marked_decorative(tmp_path: Path) -> None:
    tiny_png(tmp_path / "x.png")
    out = Docx(write_docx(t.Document(children=[t.Figure(src="x.png")], base_dir=str(tmp_path))))
    assert out.body.xpath("//adec:decorative", namespaces=NS) == []


def test_wide_image_is_scaled_to_text_width(tmp_path: Path) -> None:
    tiny_png(tmp_path / "wide.png", width=3000, height=10)
    data = write_docx(t.Document(children=[t.Figure(src="wide.png", alt="Bandeau")], base_dir=str(tmp_path)))
    reference = docx.Document(str(reference_path())).sections[0]
    text_width = reference.page_width - reference.left_margin - reference.right_margin
    assert Docx(data).doc.inline_shapes[0].width <= text_width


# --- Tables ------------------------------------------------------------------------------------------------


def the_table(out: Docx) -> etree._Element:
    return out.body.find(".//w:tbl", NS)


def test_table_header_row_repeats(out: Docx) -> None:
    rows = the_table(out).findall("w:tr", NS)
    assert [row.find("w:trPr/w:tblHeader", NS) is not None for row in rows] == [True, False, False]


def test_table_header_cells_are_bold(out: Docx) -> None:
    assert out.doc.styles["Table Header"].font.bold is True


def test_table_header_cells_use_header_style(out: Docx) -> None:
    assert {pstyle(p) for p in the_table(out).findall("w:tr[1]//w:p", NS)} == {"TableHeader"}


def test_table_style_has_borders(out: Docx) -> None:
    styles = out.part("word/styles.xml")
    borders = styles.xpath("w:style[@w:styleId='CarnetTable']/w:tblPr/w:tblBorders/*/@w:val", namespaces=NS)
    assert len(borders) == 6 and set(borders) == {"single"}


def test_table_uses_table_style(out: Docx) -> None:
    assert the_table(out).xpath("string(w:tblPr/w:tblStyle/@w:val)", namespaces=NS) == "CarnetTable"


def test_table_caption_property(out: Docx) -> None:
    assert the_table(out).xpath("string(w:tblPr/w:tblCaption/@w:val)", namespaces=NS) == "Publics accueillis"


def test_table_cell_text(out: Docx) -> None:
    table = out.doc.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["Public", "Part"], ["Seniors", "40 %"],
                                                                   ["Jeunes", "25 %"]]


def test_table_with_spans(tmp_path: Path) -> None:
    table = t.Table(rows=[
        t.Row(header=True, cells=[t.Cell(header=True, colspan=2, children=[text("Titre")])]),
        t.Row(cells=[t.Cell(rowspan=2, children=[text("A")]), t.Cell(children=[text("B")])]),
        t.Row(cells=[t.Cell(children=[text("C")])]),
    ])
    out = Docx(write_docx(t.Document(children=[table])))
    assert [[c.text for c in row.cells] for row in out.doc.tables[0].rows] == [["Titre", "Titre"], ["A", "B"],
                                                                               ["A", "C"]]


# --- Named styles of the carnet's constructs ------------------------------------------------------------


def test_block_quote_style(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Le numérique doit être un droit.")) == "Quote"


def test_pull_quote_attribution_style(tmp_path: Path) -> None:
    quote = t.PullQuote(repeats_body=False, children=[para("Exergue.")], attribution=[text("Une voix")])
    out = Docx(write_docx(t.Document(children=[quote])))
    assert pstyle(out.paragraph_with("Une voix")) == "PullQuoteAttribution"


def test_quote_attribution_style(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Une habitante")) == "QuoteAttribution"


def test_pull_quote_that_repeats_body_is_omitted(out: Docx) -> None:
    assert all("Texte répété en exergue." not in ptext(p) for p in out.paragraphs())


def test_pull_quote_of_its_own_is_rendered(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Citation qui n’existe qu’en exergue.")) == "PullQuote"


def test_sidebar_paragraph_style(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Un tiers-lieu est un espace partagé.")) == "Sidebar"


def test_sidebar_heading_is_a_real_heading(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Zoom sur les tiers-lieux")) == "Heading2"


def test_sidebar_heading_is_inside_the_box(out: Docx) -> None:
    heading = out.paragraph_with("Zoom sur les tiers-lieux")
    assert heading.xpath("string(w:pPr/w:shd/@w:fill)", namespaces=NS) == "EEF2F8"


def test_sidebar_style_draws_a_box(out: Docx) -> None:
    styles = out.part("word/styles.xml")
    sides = styles.xpath("w:style[@w:styleId='Sidebar']/w:pPr/w:pBdr/*", namespaces=NS)
    assert {etree.QName(side).localname for side in sides} == {"top", "left", "bottom", "right"}


def test_list_in_sidebar_keeps_the_box_edge() -> None:
    sidebar = t.Sidebar(heading=t.Heading(level=3, children=[text("Encadré")]),
                        children=[para("Intro."), t.List(items=[t.ListItem(children=[para("Point")])])])
    out = Docx(write_docx(t.Document(children=[sidebar])))
    item, intro = out.paragraph_with("Point"), out.paragraph_with("Intro.")
    left = int(item.xpath("string(w:pPr/w:ind/@w:left)", namespaces=NS))
    hanging = int(item.xpath("string(w:pPr/w:ind/@w:hanging)", namespaces=NS))
    assert left - hanging == int(intro.xpath("string(w:pPr/w:ind/@w:left)", namespaces=NS) or SIDEBAR_BOX.indent_twips)


def test_interview_question_style(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Comment avez-vous commencé ?")) == "InterviewQuestion"


def test_interview_answer_style(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Puis tout s’est enchaîné.")) == "InterviewAnswer"


def test_interview_answer_starts_with_speaker_label(out: Docx) -> None:
    label = message("speaker_label", "fr", name="Hélène Roussel")
    assert ptext(out.paragraph_with("Par un atelier")).startswith(f"{label} Par un atelier")


def test_interview_speaker_character_style(out: Docx) -> None:
    assert rstyle(out.run_with(message("speaker_label", "fr", name="Hélène Roussel"))) == "InterviewSpeaker"


def test_english_speaker_label(english: Docx) -> None:
    label = message("speaker_label", "en", name="Hélène Roussel")
    assert ptext(english.paragraph_with("Par un atelier")).startswith(f"{label} Par")


def test_glossary_term_style(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Médiation numérique")) == "GlossaryTerm"


def test_glossary_definition_style(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Accompagnement des personnes")) == "GlossaryDefinition"


def test_thematic_break_paragraph_style(out: Docx) -> None:
    assert [pstyle(p) for p in out.paragraphs()].count("ThematicBreak") == 1


def test_thematic_break_is_an_asterism(out: Docx) -> None:
    assert [ptext(p) for p in out.paragraphs() if pstyle(p) == "ThematicBreak"] == ["* * *"]


def test_body_paragraph_style(out: Docx) -> None:
    assert pstyle(out.paragraph_with("Cette édition est une version accessible.")) == "BodyText"


# --- Layout rules: spacing, font, line height, alignment ----------------------------------------------------


def test_no_empty_paragraphs(out: Docx) -> None:
    empty = [p for p in out.paragraphs() if not ptext(p).strip() and p.find(".//w:drawing", NS) is None]
    assert empty == []


def test_no_justified_paragraph_anywhere(out: Docx) -> None:
    values = set()
    for name in ("word/document.xml", "word/styles.xml", "word/footnotes.xml"):
        values |= set(out.part(name).xpath("//w:jc/@w:val", namespaces=NS))
    assert values & {"both", "distribute", "mediumKashida", "highKashida", "lowKashida", "thaiDistribute"} == set()


def test_normal_style_is_left_aligned(out: Docx) -> None:
    assert out.part("word/styles.xml").xpath("string(w:style[@w:styleId='Normal']/w:pPr/w:jc/@w:val)",
                                             namespaces=NS) == "left"


def test_body_font_is_sans_serif(out: Docx) -> None:
    assert out.doc.styles["Normal"].font.name == "Arial"


def test_doc_defaults_font_is_sans_serif(out: Docx) -> None:
    styles = out.part("word/styles.xml")
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert (fonts.get(w("ascii")), fonts.get(w("asciiTheme"))) == ("Arial", None)


def test_body_font_size_at_least_12pt(out: Docx) -> None:
    assert out.doc.styles["Normal"].font.size.pt >= 12


def test_no_style_sets_a_font_below_12pt(out: Docx) -> None:
    styles = out.part("word/styles.xml")
    ours = {ref.style_id for ref in all_styles()}
    sizes = {style.get(w("styleId")): int(size) / 2
             for style in styles.findall("w:style", NS) if style.get(w("styleId")) in ours
             for size in style.xpath("w:rPr/w:sz/@w:val", namespaces=NS)}
    assert {k: v for k, v in sizes.items() if v < 12} == {}


def test_line_spacing_at_least_1_15(out: Docx) -> None:
    assert out.doc.styles["Normal"].paragraph_format.line_spacing >= 1.15


def test_no_style_tightens_line_spacing(out: Docx) -> None:
    styles = out.part("word/styles.xml")
    ours = {ref.style_id for ref in all_styles()}
    tight = [style.get(w("styleId")) for style in styles.findall("w:style", NS)
             if style.get(w("styleId")) in ours and style.xpath("w:pPr/w:spacing/@w:line", namespaces=NS)
             and int(style.xpath("string(w:pPr/w:spacing/@w:line)", namespaces=NS)) < 276]
    assert tight == []


def test_spacing_comes_from_styles_not_paragraphs(out: Docx) -> None:
    assert out.body.xpath("//w:p/w:pPr/w:spacing", namespaces=NS) == []


def test_every_style_used_is_defined(out: Docx) -> None:
    styles = out.part("word/styles.xml")
    defined = set(styles.xpath("w:style/@w:styleId", namespaces=NS))
    used = set(out.body.xpath("//w:pStyle/@w:val | //w:rStyle/@w:val | //w:tblStyle/@w:val", namespaces=NS))
    used |= set(out.part("word/footnotes.xml").xpath("//w:pStyle/@w:val | //w:rStyle/@w:val", namespaces=NS))
    assert used - defined == set()


def test_style_map_names_its_keys_once() -> None:
    ids = [ref.style_id for ref in STYLES.values()]
    assert len(ids) == len(set(ids))


# --- A small document: no title, no headings -------------------------------------------------------------


def test_document_without_headings_has_no_toc() -> None:
    out = Docx(write_docx(t.Document(children=[para("Seul paragraphe.")])))
    assert out.body.xpath("//w:instrText", namespaces=NS) == []


def test_title_falls_back_to_level_one_heading() -> None:
    document = t.Document(children=[section(1, "Titre du carnet", section(2, "Partie", para("Texte.")))])
    out = Docx(write_docx(document))
    assert [ptext(p) for p in out.paragraphs() if pstyle(p) == "Title"] == ["Titre du carnet"]


# --- Schema validity (openxml-audit, when installed: a pure-Python port of the Open XML SDK validator) ------


def rich_notes_document(base_dir: Path) -> t.Document:
    """Notes holding a list and a picture, a sidebar holding a list: the constructs python-docx has no API for."""
    tiny_png(base_dir / "note.png")
    notes = [t.Note(id="a", number=1, children=[para("Note."), t.List(items=[t.ListItem(children=[para("A")])])]),
             t.Note(id="b", number=2, children=[t.Figure(src="note.png", alt="Carré", caption=[text("Légende")])])]
    sidebar = t.Sidebar(heading=t.Heading(level=3, children=[text("Encadré")]), children=[
        para("Appel", t.NoteRef(note_id="a", number=1), "."),
        t.List(ordered=True, items=[t.ListItem(children=[para("un"), para("suite")])])])
    return t.Document(meta=t.Meta(title="Notes riches"), base_dir=str(base_dir), notes=notes, children=[
        section(2, "Partie", sidebar, para("Image en note", t.NoteRef(note_id="b", number=2), "."))])


@pytest.mark.parametrize("name", ["kitchen sink", "rich notes"])
def test_valid_ooxml_for_word_2010_and_later(name: str, out: Docx, tmp_path: Path) -> None:
    audit = pytest.importorskip("openxml_audit", reason="openxml-audit is not installed (pip install openxml-audit)")
    data = out.data if name == "kitchen sink" else write_docx(rich_notes_document(tmp_path))
    path = tmp_path / "checked.docx"
    path.write_bytes(data)
    result = audit.OpenXmlValidator(file_format=audit.FileFormat.OFFICE_2010).validate(str(path))
    assert [str(error) for error in result.errors] == []


# --- LibreOffice: the document opens and its text is there ---------------------------------------------


@pytest.fixture(scope="module")
def pdf(out: Docx, sink_dir: Path, request: pytest.FixtureRequest) -> object:
    from checkers import libreoffice_pdf
    from conftest import require_tool

    require_tool("libreoffice", "convert the DOCX to PDF")
    require_tool("pdftotext", "read the PDF's text")
    return libreoffice_pdf(sink_dir / "kitchen-sink.docx", sink_dir)


@pytest.mark.parametrize("fragment", [
    "La ville numérique", "Table des matières", "Introduction", "Par un atelier en médiathèque",
    "Deuxième note, en fin de partie.", "Photo Jeanne Dupont", "[Page 12]", "Zoom sur les tiers-lieux",
    "Publics accueillis", "Citation qui n’existe qu’en exergue.",
])
def test_libreoffice_pdf_contains_text(pdf: object, fragment: str) -> None:
    assert fragment in " ".join(pdf.text.split())  # type: ignore[attr-defined]


def test_libreoffice_renders_uppercase_class_in_capitals(pdf: object) -> None:
    assert "LE CONCEPT" in pdf.text  # type: ignore[attr-defined]


_: Callable[..., object] = write_docx  # the writer's signature, for type checkers: (Document) -> bytes
