"""Tests of ``carnet check`` (converter.checks): for every rule, a small bad document that triggers it and a good
one that produces no finding at all.

DOCX documents are built with python-docx (lxml where python-docx has no API), EPUBs by zipfile from hand-written
OPF / nav / XHTML, HTML pages from strings. Tests are parametrised by rule id, so ``-k docx-image-alt`` selects
one rule; ``test_every_rule_has_cases`` keeps the registry and the cases in step.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from converter.checks import CheckError, Finding, check, rules, run_check
from converter.checks.registry import RULES

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def ids(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


# ===================================================================== DOCX builders


def png_bytes() -> bytes:
    """A valid 2×2 grey PNG, enough for python-docx to read its size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80\x80" for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def base_docx() -> docx.document.Document:
    """A small document with nothing to report: title, language, 12 pt body, headings in order."""
    doc = docx.Document()
    doc.core_properties.title = "Carnet de l'inclusion numérique"
    doc.core_properties.language = "fr-FR"
    rpr = doc.styles.element.find(f"{{{W_NS}}}docDefaults/{{{W_NS}}}rPrDefault/{{{W_NS}}}rPr")
    rpr.find(qn("w:lang")).set(qn("w:val"), "fr-FR")
    rpr.find(qn("w:sz")).set(qn("w:val"), "24")
    doc.add_paragraph("Carnet de l'inclusion numérique", style="Title")
    doc.add_heading("Introduction", level=1)
    doc.add_paragraph("Le numérique transforme nos démarches quotidiennes.")
    doc.add_heading("Les enjeux", level=2)
    doc.add_paragraph("Chacun doit pouvoir accéder aux services en ligne.")
    return doc


def add_picture(doc: docx.document.Document, descr: str | None) -> etree._Element:
    doc.add_picture(io.BytesIO(png_bytes()))
    doc_pr = list(doc.element.body.iter(f"{{{WP_NS}}}docPr"))[-1]
    if descr is not None:
        doc_pr.set("descr", descr)
    doc.add_paragraph("Le texte reprend après l'image.")
    return doc_pr


def make_floating(doc_pr: etree._Element) -> None:
    """Turn the wp:inline around ``doc_pr`` into a wp:anchor (square wrapping)."""
    inline = doc_pr.getparent()
    anchor = etree.SubElement(inline.getparent(), f"{{{WP_NS}}}anchor", {
        "distT": "0", "distB": "0", "distL": "114300", "distR": "114300", "simplePos": "0",
        "relativeHeight": "1", "behindDoc": "0", "locked": "0", "layoutInCell": "1", "allowOverlap": "1"})
    etree.SubElement(anchor, f"{{{WP_NS}}}simplePos", x="0", y="0")
    for axis, rel in (("H", "column"), ("V", "paragraph")):
        pos = etree.SubElement(anchor, f"{{{WP_NS}}}position{axis}", relativeFrom=rel)
        etree.SubElement(pos, f"{{{WP_NS}}}posOffset").text = "0"
    anchor.append(inline.find(f"{{{WP_NS}}}extent"))
    etree.SubElement(anchor, f"{{{WP_NS}}}effectExtent", l="0", t="0", r="0", b="0")
    etree.SubElement(anchor, f"{{{WP_NS}}}wrapSquare", wrapText="bothSides")
    for child in list(inline):
        if etree.QName(child).localname != "effectExtent":
            anchor.append(child)
    inline.getparent().remove(inline)


def add_link(doc: docx.document.Document, before: str, text: str, url: str = "https://www.cnil.fr/") -> None:
    paragraph = doc.add_paragraph(before)
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)
    paragraph.add_run(".")


def add_table(doc: docx.document.Document, rows: list[list[str]], header: bool = True):
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if header:
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
    doc.add_paragraph("Le tableau ci-dessus résume les chiffres.")
    return table


def add_notes(doc: docx.document.Document, references: list[str], notes: list[str]) -> None:
    """References in a new paragraph, and a footnotes part defining ``notes`` (ids)."""
    paragraph = doc.add_paragraph("Une affirmation sourcée")
    for ref in references:
        run = OxmlElement("w:r")
        fn = OxmlElement("w:footnoteReference")
        fn.set(qn("w:id"), ref)
        run.append(fn)
        paragraph._p.append(run)
    paragraph.add_run(".")
    body = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:r><w:t>Source de la note {n}.</w:t></w:r></w:p></w:footnote>'
        for n in notes)
    xml = (f'<w:footnotes xmlns:w="{W_NS}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
           f'</w:p></w:footnote>{body}</w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode(), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def delete(paragraph) -> None:
    paragraph._p.getparent().remove(paragraph._p)


# One function per rule: (document, bad) -> None mutates the base document into the bad or the good variant.
DocxCase = Callable[[docx.document.Document, bool], None]


def c_title(doc, bad):
    doc.core_properties.title = "" if bad else "Carnet"


def c_lang_properties(doc, bad):
    doc.core_properties.language = "" if bad else "fr-FR"


def c_lang_styles(doc, bad):
    if bad:
        lang = doc.styles.element.find(f".//{{{W_NS}}}docDefaults//{{{W_NS}}}lang")
        lang.getparent().remove(lang)


def c_lang_mismatch(doc, bad):
    doc.core_properties.language = "en-GB" if bad else "fr"


def c_no_headings(doc, bad):
    if bad:
        for paragraph in list(doc.paragraphs):
            if paragraph.style.name.startswith("Heading") or paragraph.style.name == "Title":
                delete(paragraph)
        doc.add_paragraph("Un troisième paragraphe, sans aucun titre au-dessus.")


def c_heading_order(doc, bad):
    doc.add_heading("Un détail", level=4 if bad else 3)
    doc.add_paragraph("Le détail en question.")


def c_heading_empty(doc, bad):
    doc.add_heading("" if bad else "Suite", level=2)
    doc.add_paragraph("La suite du texte.")


def c_fake_heading(doc, bad):
    paragraph = doc.add_paragraph()
    if bad:
        paragraph.add_run("Les aides disponibles").bold = True
    else:
        paragraph.add_run("Les aides sont ")
        paragraph.add_run("nombreuses").bold = True
        paragraph.add_run(" et variées.")
    doc.add_paragraph("Plusieurs dispositifs existent.")


def c_image_alt(doc, bad):
    add_picture(doc, None if bad else "Carte des espaces numériques de la ville")


def c_image_alt_filename(doc, bad):
    add_picture(doc, "IMG_1234.jpg" if bad else "Photo d'un atelier numérique en médiathèque")


def c_image_alt_generated(doc, bad):
    add_picture(doc, "Une image contenant texte. Description générée automatiquement" if bad
                else "Affiche de la fête du numérique")


def c_image_floating(doc, bad):
    doc_pr = add_picture(doc, "Logo de la médiathèque")
    if bad:
        make_floating(doc_pr)


def c_table_header(doc, bad):
    add_table(doc, [["Ville", "Ateliers"], ["Lyon", "12"]], header=not bad)


def c_table_merged(doc, bad):
    table = add_table(doc, [["Ville", "Ateliers"], ["Lyon", "12"], ["Total", "12"]])
    if bad:
        merged = table.cell(2, 0).merge(table.cell(2, 1))
        merged.text = "Total : 12"


def c_table_blank_cell(doc, bad):
    add_table(doc, [["Ville", "Ateliers"], ["Lyon", "" if bad else "aucun"]])


def c_link_text(doc, bad):
    add_link(doc, "Pour le guide complet, ", "cliquez ici" if bad else "consultez le guide de la CNIL")


def c_link_url(doc, bad):
    add_link(doc, "Voir ", "https://www.cnil.fr/fr/guide-securite" if bad else "le guide de sécurité de la CNIL")


def c_empty_paragraph(doc, bad):
    if bad:
        doc.add_paragraph("")
        doc.add_paragraph("")
    else:
        doc.paragraphs[-1].paragraph_format.space_after = Pt(24)
    doc.add_paragraph("Après un espace.")


def c_repeated_spaces(doc, bad):
    doc.add_paragraph("Nom :      Dupont" if bad else "Nom : Dupont")


def c_typed_bullet(doc, bad):
    if bad:
        doc.add_paragraph("• premier point")
        doc.add_paragraph("- second point")
    else:
        doc.add_paragraph("* * *")  # an asterism, not a bullet
        doc.add_paragraph("premier point", style="List Bullet")
        doc.add_paragraph("second point", style="List Bullet")


def c_small_text(doc, bad):
    doc.add_paragraph().add_run("Mentions légales de la publication.").font.size = Pt(9 if bad else 12)


def c_justified(doc, bad):
    paragraph = doc.add_paragraph("Un paragraphe aligné pour la lecture.")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if bad else WD_ALIGN_PARAGRAPH.LEFT


def c_all_caps(doc, bad):
    doc.add_paragraph("LE CONCEPT DE SMART CITY est né aux États-Unis." if bad
                      else "Le concept de smart city vient des sigles RGPD CNIL UE OCDE.")


def c_footnote_missing(doc, bad):
    add_notes(doc, ["1", "5"] if bad else ["1"], ["1"])


def c_footnote_unreferenced(doc, bad):
    add_notes(doc, ["1"], ["1", "2"] if bad else ["1"])


DOCX_CASES: dict[str, DocxCase] = {
    "docx-title": c_title,
    "docx-lang-properties": c_lang_properties,
    "docx-lang-styles": c_lang_styles,
    "docx-lang-mismatch": c_lang_mismatch,
    "docx-no-headings": c_no_headings,
    "docx-heading-order": c_heading_order,
    "docx-heading-empty": c_heading_empty,
    "docx-fake-heading": c_fake_heading,
    "docx-image-alt": c_image_alt,
    "docx-image-alt-filename": c_image_alt_filename,
    "docx-image-alt-generated": c_image_alt_generated,
    "docx-image-floating": c_image_floating,
    "docx-table-header": c_table_header,
    "docx-table-merged": c_table_merged,
    "docx-table-blank-cell": c_table_blank_cell,
    "docx-link-text": c_link_text,
    "docx-link-url": c_link_url,
    "docx-empty-paragraph": c_empty_paragraph,
    "docx-repeated-spaces": c_repeated_spaces,
    "docx-typed-bullet": c_typed_bullet,
    "docx-small-text": c_small_text,
    "docx-justified": c_justified,
    "docx-all-caps": c_all_caps,
    "docx-footnote-missing": c_footnote_missing,
    "docx-footnote-unreferenced": c_footnote_unreferenced,
}


def build_docx(tmp_path: Path, case: DocxCase | None = None, bad: bool = False) -> Path:
    doc = base_docx()
    if case is not None:
        case(doc, bad)
    path = tmp_path / ("bad.docx" if bad else "good.docx")
    doc.save(str(path))
    return path


def test_docx_base_document_is_clean(tmp_path: Path) -> None:
    assert check(build_docx(tmp_path)) == []


@pytest.mark.parametrize("rule_id", list(DOCX_CASES))
def test_docx_bad_triggers(rule_id: str, tmp_path: Path) -> None:
    findings = check(build_docx(tmp_path, DOCX_CASES[rule_id], bad=True))
    assert rule_id in ids(findings)


@pytest.mark.parametrize("rule_id", list(DOCX_CASES))
def test_docx_good_is_clean(rule_id: str, tmp_path: Path) -> None:
    findings = check(build_docx(tmp_path, DOCX_CASES[rule_id], bad=False))
    assert [f.to_text() for f in findings] == []


def test_docx_image_decorative_is_fine(tmp_path: Path) -> None:
    doc = base_docx()
    doc_pr = add_picture(doc, None)
    ext_lst = etree.SubElement(doc_pr, "{http://schemas.openxmlformats.org/drawingml/2006/main}extLst")
    ext = etree.SubElement(ext_lst, "{http://schemas.openxmlformats.org/drawingml/2006/main}ext",
                           uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    etree.SubElement(ext, "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative", val="1")
    path = tmp_path / "decorative.docx"
    doc.save(str(path))
    assert check(path) == []


def test_docx_findings_locate_paragraph_and_excerpt(tmp_path: Path) -> None:
    path = build_docx(tmp_path, c_repeated_spaces, bad=True)
    (finding,) = check(path)
    assert finding.where == "paragraphe 6"
    assert finding.excerpt.startswith("Nom :")
    (english,) = check(path, lang="en")
    assert english.where == "paragraph 6"
    assert english.message != finding.message and "Repeated" in english.message


def test_docx_simple_field_hyperlink_is_checked(tmp_path: Path) -> None:
    doc = base_docx()
    paragraph = doc.add_paragraph("Voir ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), 'HYPERLINK "https://example.org"')
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "ici"
    run.append(t)
    field.append(run)
    paragraph._p.append(field)
    path = tmp_path / "field.docx"
    doc.save(str(path))
    assert ids(check(path)) == ["docx-link-text"]


def test_docx_heading_by_outline_level_counts(tmp_path: Path) -> None:
    doc = base_docx()
    paragraph = doc.add_paragraph("Une section marquée par son niveau hiérarchique")
    p_pr = paragraph._p.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "3")  # level 4 after a level 2: skipped
    p_pr.append(outline)
    path = tmp_path / "outline.docx"
    doc.save(str(path))
    assert "docx-heading-order" in ids(check(path))


# ===================================================================== HTML

HTML_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Carnet de l'inclusion numérique</title>
<style>body { text-align: start; }</style>
</head>
<body>
<header><p>Carnets NEC</p></header>
<nav aria-label="Sommaire"><ul><li><a href="#intro">Introduction</a></li></ul></nav>
<main>
<h1>Carnet de l'inclusion numérique</h1>
<section id="intro">
<h2>Introduction</h2>
<p>Le numérique transforme nos démarches<a href="#note-1" id="note-ref-1" role="doc-noteref"
 epub:type="noteref">1</a> et nos loisirs<a href="#note-2" id="note-ref-2" role="doc-noteref"
 epub:type="noteref">2</a>.</p>
<span role="doc-pagebreak" epub:type="pagebreak" id="page-2" aria-label="2"></span>
<img src="atelier.png" alt="Un atelier numérique en médiathèque">
<!--EXTRA-->
</section>
<section role="doc-endnotes" aria-labelledby="notes-title">
<h2 id="notes-title">Notes</h2>
<ol>
<li id="note-1"><p>Source : INSEE. <a href="#note-ref-1" role="doc-backlink"
 aria-label="Retour à l'appel de note 1">↩</a></p></li>
<li id="note-2"><p>Source : CREDOC. <a href="#note-ref-2" role="doc-backlink"
 aria-label="Retour à l'appel de note 2">↩</a></p></li>
</ol>
</section>
</main>
<footer><p>Licence CC BY-SA 4.0</p></footer>
</body>
</html>
"""

Edits = list[tuple[str, str]]


def extra(markup: str) -> Edits:
    return [("<!--EXTRA-->", markup)]


# rule id -> (edits making the bad page, edits making the good page)
HTML_CASES: dict[str, tuple[Edits, Edits]] = {
    "html-lang": ([('<html lang="fr">', "<html>")], []),
    "html-lang-mismatch": ([('<html lang="fr">', '<html lang="fr" xml:lang="en">')],
                           [('<html lang="fr">', '<html lang="fr" xml:lang="fr">')]),
    "html-title": ([("<title>Carnet de l'inclusion numérique</title>", "<title>Sans titre</title>")], []),
    "html-main": ([("<main>", "<div>"), ("</main>", "</div>")], []),
    "html-landmark": ([("<footer><p>Licence CC BY-SA 4.0</p></footer>", "<p>Licence CC BY-SA 4.0</p>")], []),
    "html-h1": (extra("<h1>Un second titre principal</h1>"), extra("<h3>Un sous-titre</h3>")),
    "html-heading-order": (extra("<h4>Un détail</h4>"), extra("<h3>Un détail</h3>")),
    "html-heading-empty": (extra("<h3></h3>"), extra("<h3>Un détail</h3>")),
    "html-img-alt": (extra('<img src="frise.png">'), extra('<img src="frise.png" alt="">')),
    "html-link-name": (extra('<p><a href="https://www.cnil.fr/"><img src="cnil.png" alt=""></a></p>'),
                       extra('<p><a href="https://www.cnil.fr/"><img src="cnil.png" alt="CNIL"></a></p>')),
    "html-link-text": (extra('<p>Le guide : <a href="https://www.cnil.fr/guide">cliquez ici</a>.</p>'),
                       extra('<p>Lisez <a href="https://www.cnil.fr/guide">le guide de la CNIL</a>.</p>')),
    "html-link-url": (extra('<p>Voir <a href="https://www.cnil.fr/guide">https://www.cnil.fr/guide</a>.</p>'),
                      extra('<p>Voir <a href="https://www.cnil.fr/guide">le guide de la CNIL</a>.</p>')),
    "html-justified": ([("body { text-align: start; }", "p { text-align: justify; }")],
                       [("body { text-align: start; }", "p { text-align: left; }")]),
    "html-noteref-target": ([('href="#note-2"', 'href="#note-9"')], []),
    "html-note-unreferenced": ([('<li id="note-2">', '<li id="note-3"><p>Orpheline.</p></li><li id="note-2">')],
                               []),
    "html-backlink-name": ([(' aria-label="Retour à l\'appel de note 1"', "")], []),
    "html-backlink-unique": ([("Retour à l'appel de note 1", "Retour au texte"),
                              ("Retour à l'appel de note 2", "Retour au texte")], []),
    "html-pagebreak-label": ([(' id="page-2" aria-label="2"', ' id="page-2"')], []),
    "html-epub-type-role": ([('id="note-ref-1" role="doc-noteref"', 'id="note-ref-1"')], []),
}


def edited(text: str, edits: Edits) -> str:
    for old, new in edits:
        assert old in text, f"test setup: {old!r} not found"
        text = text.replace(old, new)
    return text


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_html_base_page_is_clean(tmp_path: Path) -> None:
    assert check(write(tmp_path, "page.html", HTML_PAGE)) == []


@pytest.mark.parametrize("rule_id", list(HTML_CASES))
def test_html_bad_triggers(rule_id: str, tmp_path: Path) -> None:
    findings = check(write(tmp_path, "bad.html", edited(HTML_PAGE, HTML_CASES[rule_id][0])))
    assert rule_id in ids(findings)


@pytest.mark.parametrize("rule_id", list(HTML_CASES))
def test_html_good_is_clean(rule_id: str, tmp_path: Path) -> None:
    findings = check(write(tmp_path, "good.html", edited(HTML_PAGE, HTML_CASES[rule_id][1])))
    assert [f.to_text() for f in findings] == []


def test_html_linked_stylesheet_is_checked(tmp_path: Path) -> None:
    write(tmp_path, "style.css", "main {\n  text-align: justify;\n}\n")
    page = HTML_PAGE.replace("</head>", '<link rel="stylesheet" href="style.css">\n</head>')
    findings = check(write(tmp_path, "page.html", page))
    assert ids(findings) == ["html-justified"]
    assert findings[0].where == "style.css:2"


def test_html_location_has_line_and_css_path(tmp_path: Path) -> None:
    (finding,) = check(write(tmp_path, "p.html", edited(HTML_PAGE, extra("<h4>Un détail</h4>"))))
    assert finding.where.endswith("section#intro > h4")
    assert finding.where.split()[0].isdigit()
    assert finding.excerpt == "Un détail"


def test_xhtml_file_is_parsed_as_xml(tmp_path: Path) -> None:
    page = HTML_PAGE.replace("<!DOCTYPE html>\n<html lang=\"fr\">",
                             '<html xmlns="http://www.w3.org/1999/xhtml" '
                             'xmlns:epub="http://www.idpf.org/2007/ops" lang="fr" xml:lang="fr">')
    page = page.replace('<meta charset="utf-8">', '<meta charset="utf-8"/>').replace(
        'médiathèque">', 'médiathèque"/>')
    assert check(write(tmp_path, "page.xhtml", page)) == []
    assert ids(check(write(tmp_path, "bad.xhtml", page.replace('xml:lang="fr"', 'xml:lang="de"')))) == [
        "html-lang-mismatch"]


# ===================================================================== EPUB

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""

OPF = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="fr">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="uid">urn:uuid:0f3a9c1e-5b7d-4e2a-9c1f-2b3d4e5f6a7b</dc:identifier>
<dc:title>Carnet de l'inclusion numérique</dc:title>
<dc:language>fr</dc:language>
<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
<meta property="schema:accessMode">textual</meta>
<meta property="schema:accessMode">visual</meta>
<meta property="schema:accessModeSufficient">textual</meta>
<meta property="schema:accessibilityFeature">structuralNavigation</meta>
<meta property="schema:accessibilityFeature">tableOfContents</meta>
<meta property="schema:accessibilityFeature">alternativeText</meta>
<meta property="schema:accessibilityFeature">pageNavigation</meta>
<meta property="schema:accessibilityFeature">pageBreakMarkers</meta>
<meta property="schema:accessibilityHazard">none</meta>
<meta property="schema:accessibilitySummary">Édition accessible : titres, table des matières, pages.</meta>
<meta property="dcterms:conformsTo" id="conf">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>
<meta property="a11y:certifiedBy" refines="#conf">Carnet accessible</meta>
<meta property="pageBreakSource">Carnet NEC n° 9, édition imprimée</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="ch1" href="ch1.xhtml" media-type="application/xhtml+xml"/>
<item id="ch2" href="ch2.xhtml" media-type="application/xhtml+xml"/>
<item id="css" href="style.css" media-type="text/css"/>
<item id="img" href="atelier.png" media-type="image/png"/>
</manifest>
<spine>
<itemref idref="ch1"/>
<itemref idref="ch2"/>
</spine>
</package>
"""

XHTML_HEAD = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="fr" xml:lang="fr">
"""

NAV = XHTML_HEAD + """<head><title>Sommaire</title></head>
<body>
<nav epub:type="toc" role="doc-toc" id="toc"><h1>Sommaire</h1>
<ol>
<li><a href="ch1.xhtml">Introduction</a></li>
<li><a href="ch2.xhtml">Les enjeux</a></li>
</ol>
</nav>
<nav epub:type="page-list" role="doc-pagelist" hidden=""><h2>Pages</h2>
<ol>
<li><a href="ch1.xhtml#page-1">1</a></li>
<li><a href="ch2.xhtml#page-2">2</a></li>
</ol>
</nav>
<nav epub:type="landmarks" hidden=""><h2>Repères</h2>
<ol>
<li><a epub:type="toc" href="nav.xhtml#toc">Sommaire</a></li>
<li><a epub:type="bodymatter" href="ch1.xhtml">Début du texte</a></li>
</ol>
</nav>
</body>
</html>
"""

CH1 = XHTML_HEAD + """<head><title>Introduction</title><link rel="stylesheet" href="style.css"/></head>
<body epub:type="bodymatter">
<section epub:type="chapter" role="doc-chapter">
<span epub:type="pagebreak" role="doc-pagebreak" id="page-1" aria-label="1"/>
<h1>Introduction</h1>
<p>Le numérique transforme nos démarches<a href="#note-1" id="note-ref-1" epub:type="noteref"
 role="doc-noteref">1</a>.</p>
<img src="atelier.png" alt="Un atelier numérique en médiathèque"/>
<aside id="note-1" epub:type="footnote" role="doc-footnote">
<p><a href="#note-ref-1" role="doc-backlink" aria-label="Retour à l'appel de note 1">↩</a> Source : INSEE.</p>
</aside>
</section>
</body>
</html>
"""

CH2 = XHTML_HEAD + """<head><title>Les enjeux</title><link rel="stylesheet" href="style.css"/></head>
<body epub:type="bodymatter">
<section epub:type="chapter" role="doc-chapter">
<span epub:type="pagebreak" role="doc-pagebreak" id="page-2" aria-label="2"/>
<h1>Les enjeux</h1>
<p>Chacun doit pouvoir accéder aux services en ligne.</p>
<!--EXTRA-->
</section>
</body>
</html>
"""

EPUB_FILES = {
    "META-INF/container.xml": CONTAINER,
    "OEBPS/content.opf": OPF,
    "OEBPS/nav.xhtml": NAV,
    "OEBPS/ch1.xhtml": CH1,
    "OEBPS/ch2.xhtml": CH2,
    "OEBPS/style.css": "body { text-align: start; }\n",
}

FileEdits = list[tuple[str, str, str]]  # (file, old, new)


def opf(old: str, new: str = "") -> tuple[str, str, str]:
    return ("OEBPS/content.opf", old, new)


def nav(old: str, new: str) -> tuple[str, str, str]:
    return ("OEBPS/nav.xhtml", old, new)


def ch2(markup: str) -> tuple[str, str, str]:
    return ("OEBPS/ch2.xhtml", "<!--EXTRA-->", markup)


def meta_line(prop: str, value: str) -> str:
    return f'<meta property="{prop}">{value}</meta>\n'


EXTRA_BREAK = '<span epub:type="pagebreak" role="doc-pagebreak" id="page-3" aria-label="3"/>'
LIST_PAGE_3 = nav('<li><a href="ch2.xhtml#page-2">2</a></li>',
                  '<li><a href="ch2.xhtml#page-2">2</a></li><li><a href="ch2.xhtml#page-3">3</a></li>')

EPUB_CASES: dict[str, tuple[FileEdits, FileEdits]] = {
    "epub-content-unparsable": ([ch2("<p>Paragraphe non fermé</section>")], [ch2("<p>Paragraphe fermé</p>")]),
    "epub-package-lang": ([opf('unique-identifier="uid" xml:lang="fr"', 'unique-identifier="uid"')], []),
    "epub-dc-language": ([opf("<dc:language>fr</dc:language>\n")], []),
    "epub-dc-title": ([opf("<dc:title>Carnet de l'inclusion numérique</dc:title>", "<dc:title> </dc:title>")],
                      []),
    "epub-dc-identifier": ([opf("urn:uuid:0f3a9c1e-5b7d-4e2a-9c1f-2b3d4e5f6a7b")], []),
    "epub-modified": ([opf(meta_line("dcterms:modified", "2026-01-01T00:00:00Z"))], []),
    "epub-toc": ([nav('<nav epub:type="toc" role="doc-toc" id="toc">', '<nav aria-label="Liste" id="toc">')], []),
    "epub-toc-order": ([nav('<li><a href="ch1.xhtml">Introduction</a></li>\n'
                            '<li><a href="ch2.xhtml">Les enjeux</a></li>',
                            '<li><a href="ch2.xhtml">Les enjeux</a></li>\n'
                            '<li><a href="ch1.xhtml">Introduction</a></li>')], []),
    "epub-landmarks": ([nav('<li><a epub:type="bodymatter" href="ch1.xhtml">Début du texte</a></li>', "")], []),
    "epub-page-list-missing": ([nav('epub:type="page-list" role="doc-pagelist"', 'aria-label="Pages"'),
                                opf(meta_line("schema:accessibilityFeature", "pageNavigation")),
                                opf(meta_line("pageBreakSource", "Carnet NEC n° 9, édition imprimée"))], []),
    "epub-page-list-target": ([nav('href="ch2.xhtml#page-2"', 'href="ch2.xhtml#page-9"')], []),
    "epub-pagebreak-unlisted": ([ch2(EXTRA_BREAK)], [ch2(EXTRA_BREAK), LIST_PAGE_3]),
    "epub-page-list-order": ([nav('<li><a href="ch1.xhtml#page-1">1</a></li>\n'
                                  '<li><a href="ch2.xhtml#page-2">2</a></li>',
                                  '<li><a href="ch2.xhtml#page-2">2</a></li>\n'
                                  '<li><a href="ch1.xhtml#page-1">1</a></li>')], []),
    "epub-a11y-access-mode": ([opf(meta_line("schema:accessMode", "textual")),
                               opf(meta_line("schema:accessMode", "visual"))], []),
    "epub-a11y-visual": ([opf(meta_line("schema:accessMode", "visual"))], []),
    "epub-a11y-feature": ([opf(meta_line("schema:accessibilityFeature", f)) for f in (
        "structuralNavigation", "tableOfContents", "alternativeText", "pageNavigation", "pageBreakMarkers")],
        []),
    "epub-a11y-feature-claim": ([ch2('<img src="atelier.png"/>')], [ch2('<img src="atelier.png" alt=""/>')]),
    "epub-a11y-hazard": ([opf(meta_line("schema:accessibilityHazard", "none"))], []),
    "epub-a11y-mode-sufficient": ([opf(meta_line("schema:accessModeSufficient", "textual"))], []),
    "epub-a11y-summary": ([opf("Édition accessible : titres, table des matières, pages.", "")], []),
    "epub-a11y-vocabulary": ([opf(">structuralNavigation<", ">structuralnavigation<")],
                             [opf(">structuralNavigation<", ">readingOrder<")]),
    "epub-conforms-to": ([opf('<meta property="dcterms:conformsTo" id="conf">EPUB Accessibility 1.1 - WCAG 2.2 '
                              'Level AA</meta>\n'),
                          opf('<meta property="a11y:certifiedBy" refines="#conf">Carnet accessible</meta>\n')],
                         []),
    "epub-conforms-to-value": ([opf("EPUB Accessibility 1.1 - WCAG 2.2 Level AA", "WCAG 2.2 AA")], []),
    "epub-certified-by": ([opf('<meta property="a11y:certifiedBy" refines="#conf">Carnet accessible</meta>\n')],
                          []),
    "epub-page-break-source": ([opf(meta_line("pageBreakSource", "Carnet NEC n° 9, édition imprimée"))],
                               [opf(meta_line("pageBreakSource", "Carnet NEC n° 9, édition imprimée"),
                                    '<dc:source id="src">urn:isbn:9782000000000</dc:source>\n'
                                    '<meta property="source-of" refines="#src">pagination</meta>\n')]),
}

# html-* rules that also apply to EPUB content documents: the bad variant, inside a book.
EPUB_HTML_CASES: dict[str, FileEdits] = {
    "html-lang": [("OEBPS/ch2.xhtml", ' lang="fr" xml:lang="fr"', "")],
    "html-lang-mismatch": [("OEBPS/ch2.xhtml", 'xml:lang="fr"', 'xml:lang="en"')],
    "html-title": [("OEBPS/ch2.xhtml", "<title>Les enjeux</title>", "<title></title>")],
    "html-heading-order": [ch2("<h3>Un détail</h3>")],
    "html-heading-empty": [ch2("<h2></h2>")],
    "html-img-alt": [ch2('<img src="atelier.png"/>')],
    "html-link-name": [ch2('<p><a href="https://www.cnil.fr/"></a></p>')],
    "html-link-text": [ch2('<p><a href="https://www.cnil.fr/">ici</a></p>')],
    "html-link-url": [ch2('<p><a href="https://www.cnil.fr/">https://www.cnil.fr/</a></p>')],
    "html-justified": [("OEBPS/style.css", "start", "justify")],
    "html-noteref-target": [ch2('<p>Voir<a href="ch1.xhtml#note-9" epub:type="noteref" role="doc-noteref">2</a>'
                                '.</p>')],
    "html-note-unreferenced": [ch2('<aside id="note-2" epub:type="footnote" role="doc-footnote"><p>Seule.</p>'
                                   '</aside>')],
    "html-backlink-name": [("OEBPS/ch1.xhtml", ' aria-label="Retour à l\'appel de note 1"', "")],
    "html-backlink-unique": [
        ("OEBPS/ch1.xhtml", "Retour à l'appel de note 1", "Retour au texte"),
        ch2('<p>Voir<a href="#note-2" id="note-ref-2" epub:type="noteref" role="doc-noteref">2</a>.</p>'
            '<aside id="note-2" epub:type="footnote" role="doc-footnote"><p><a href="#note-ref-2" '
            'role="doc-backlink" aria-label="Retour au texte">↩</a> Autre.</p></aside>'
            '<p>Et<a href="#note-3" id="note-ref-3" epub:type="noteref" role="doc-noteref">3</a>.</p>'
            '<aside id="note-3" epub:type="footnote" role="doc-footnote"><p><a href="#note-ref-3" '
            'role="doc-backlink" aria-label="Retour au texte">↩</a> Encore.</p></aside>')],
    "html-pagebreak-label": [("OEBPS/ch1.xhtml", 'id="page-1" aria-label="1"', 'id="page-1"')],
    "html-epub-type-role": [("OEBPS/ch1.xhtml", '<aside id="note-1" epub:type="footnote" role="doc-footnote">',
                             '<aside id="note-1" epub:type="footnote">')],
}


def build_epub(tmp_path: Path, edits: FileEdits = (), name: str = "book.epub") -> Path:
    files = dict(EPUB_FILES)
    for part, old, new in edits:
        assert old in files[part], f"test setup: {old!r} not in {part}"
        files[part] = files[part].replace(old, new)
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        for part, text in files.items():
            archive.writestr(part, text, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("OEBPS/atelier.png", png_bytes())
    return path


def test_epub_base_book_is_clean(tmp_path: Path) -> None:
    assert [f.to_text() for f in check(build_epub(tmp_path))] == []


@pytest.mark.parametrize("rule_id", list(EPUB_CASES))
def test_epub_bad_triggers(rule_id: str, tmp_path: Path) -> None:
    findings = check(build_epub(tmp_path, EPUB_CASES[rule_id][0]))
    assert rule_id in ids(findings)


@pytest.mark.parametrize("rule_id", list(EPUB_CASES))
def test_epub_good_is_clean(rule_id: str, tmp_path: Path) -> None:
    findings = check(build_epub(tmp_path, EPUB_CASES[rule_id][1]))
    assert [f.to_text() for f in findings] == []


@pytest.mark.parametrize("rule_id", list(EPUB_HTML_CASES))
def test_epub_content_document_triggers(rule_id: str, tmp_path: Path) -> None:
    findings = check(build_epub(tmp_path, EPUB_HTML_CASES[rule_id]))
    assert rule_id in ids(findings)


def test_epub_noteref_resolves_across_documents(tmp_path: Path) -> None:
    edits = [ch2('<p>Voir<a href="ch1.xhtml#note-2" id="note-ref-2" epub:type="noteref" role="doc-noteref">2</a>'
                 '.</p>'),
             ("OEBPS/ch1.xhtml", "</section>",
              '<aside id="note-2" epub:type="footnote" role="doc-footnote"><p><a href="ch2.xhtml#note-ref-2" '
              'role="doc-backlink" aria-label="Retour à l\'appel de note 2">↩</a> Autre source.</p></aside>'
              "</section>")]
    assert [f.to_text() for f in check(build_epub(tmp_path, edits))] == []


def test_epub_finding_names_the_content_document(tmp_path: Path) -> None:
    findings = check(build_epub(tmp_path, [ch2("<h3>Un détail</h3>")]))
    (finding,) = findings
    assert finding.where.startswith("OEBPS/ch2.xhtml:")


# ===================================================================== registry, API and CLI entry


def test_every_rule_has_cases() -> None:
    covered = set(DOCX_CASES) | set(HTML_CASES) | set(EPUB_CASES)
    assert covered == set(RULES), f"rules without tests: {set(RULES) - covered}; cases without rules: " \
                                  f"{covered - set(RULES)}"
    epub_html = {rule.id for rule in rules("epub") if rule.id.startswith("html-")}
    assert epub_html == set(EPUB_HTML_CASES)


def test_rules_are_complete_and_bilingual() -> None:
    assert rules()
    for rule in rules():
        assert rule.severity in ("error", "warning", "tip")
        assert rule.formats and set(rule.formats) <= {"docx", "html", "epub"}
        assert rule.id.split("-")[0] in rule.formats or rule.id.startswith("html-")
        for text in (rule.message_fr, rule.message_en, rule.fix_fr, rule.fix_en):
            assert text.strip()
        assert rule.message_fr != rule.message_en
        json.dumps(rule.to_dict())
    assert {r.id for r in rules("docx")} == set(DOCX_CASES)


def test_finding_to_dict_is_json(tmp_path: Path) -> None:
    (finding,) = check(build_docx(tmp_path, c_repeated_spaces, bad=True), lang="en")
    data = json.loads(json.dumps(finding.to_dict()))
    assert data["rule"] == "docx-repeated-spaces" and data["severity"] == "warning"
    assert set(data) == {"rule", "severity", "where", "excerpt", "message", "fix", "file"}


def test_run_check_text_output_and_exit_code(tmp_path: Path) -> None:
    good = build_docx(tmp_path)
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    bad = build_docx(bad_dir, c_image_alt, bad=True)
    out = io.StringIO()
    assert run_check([good], "fr", False, out) == 0
    out = io.StringIO()
    assert run_check([good, bad], "en", False, out) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{bad}:paragraph ")
    assert " error docx-image-alt: Image without alternative text. — " in lines[0]
    assert lines[-1].startswith("2 file(s): 1 error(s)")


def test_run_check_warnings_only_exit_zero(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_check([build_docx(tmp_path, c_justified, bad=True)], "fr", False, out) == 0
    assert "warning docx-justified" in out.getvalue()


def test_run_check_json(tmp_path: Path) -> None:
    out = io.StringIO()
    code = run_check([build_epub(tmp_path, EPUB_CASES["epub-dc-title"][0])], "fr", True, out)
    data = json.loads(out.getvalue())
    assert code == 1
    assert [d["rule"] for d in data] == ["epub-dc-title"]
    assert data[0]["message"].startswith("Métadonnée dc:title")


@pytest.mark.parametrize("name, content", [
    ("notzip.docx", b"bonjour"),
    ("notzip.epub", b"bonjour"),
    ("noepub.epub", None),
    ("text.odt", b"x"),
    ("empty.html", b""),
    ("missing.docx", "missing"),
])
def test_unreadable_input_is_one_clear_line(name: str, content: object, tmp_path: Path) -> None:
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "pas un livre")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(CheckError) as error:
        check(path)
    assert "\n" not in str(error.value) and str(path) in str(error.value)
    out = io.StringIO()
    assert run_check([path], "fr", False, out) == 1
    lines = out.getvalue().splitlines()
    assert lines[0] == str(error.value)
    assert "Traceback" not in out.getvalue()


def test_docx_zip_without_document_part_is_check_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/"
                                                "content-types'/>")
    with pytest.raises(CheckError, match="DOCX"):
        check(path)


def test_xml_entities_are_not_expanded(tmp_path: Path) -> None:
    page = ('<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" lang="fr"><head><title>&x;</title></head>'
            "<body><main><h1>Titre</h1></main></body></html>")
    findings = check(write(tmp_path, "xxe.xhtml", page))
    assert all("root:" not in f.message for f in findings)


@pytest.mark.parametrize("text, problem", [
    ("https://www.cnil.fr/fr/guide", "url"),
    ("www.cnil.fr/fr/guide%C3%A9", "url"),
    ("cnil.fr/fr/guide", None),
    ("agence-cohesion-territoires.gouv.fr/societe-numerique-55", None),
    ("Cliquez ici !", "vague"),
    ("en savoir plus", "vague"),
    ("le guide de la CNIL", None),
])
def test_link_text_problem(text: str, problem: str | None) -> None:
    from converter.checks.docx import link_text_problem

    assert link_text_problem(text) == problem


@pytest.mark.parametrize("text, passage", [
    ("LE CONCEPT DE SMART CITY est né", "LE CONCEPT DE SMART CITY"),
    ("Sigles : RGPD CNIL UE OCDE.", None),
    ("La CNIL et l'UNESCO", None),
    ("L'ÉTÉ DES CITÉS NUMÉRIQUES", "L'ÉTÉ DES CITÉS NUMÉRIQUES"),
])
def test_caps_passage(text: str, passage: str | None) -> None:
    from converter.checks.docx import caps_passage

    assert caps_passage(text) == passage


def test_docx_empty_paragraph_with_border_is_a_separator(tmp_path: Path) -> None:
    doc = base_docx()
    separator = doc.add_paragraph()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    separator._p.get_or_add_pPr().append(borders)
    doc.add_paragraph("Une autre partie.")
    path = tmp_path / "separator.docx"
    doc.save(str(path))
    assert check(path) == []


def test_epub_type_role_is_reported_once_per_document_and_type(tmp_path: Path) -> None:
    page = edited(HTML_PAGE, extra('<span epub:type="pagebreak" id="page-3" aria-label="3"></span>'
                                   '<span epub:type="pagebreak" id="page-4" aria-label="4"></span>'))
    findings = check(write(tmp_path, "p.html", page))
    assert ids(findings) == ["html-epub-type-role"]
    assert "2 " in findings[0].message


# ===================================================================== our own editions

REPO = Path(__file__).resolve().parent.parent
REFERENCE_SOURCES = [REPO / "input" / "carnet-exemple.md", REPO / "input" / "carnet-09-montpellier.md"]


@pytest.mark.parametrize("source", [p for p in REFERENCE_SOURCES if p.exists()], ids=lambda p: p.stem)
def test_reference_editions_have_no_errors(source: Path, tmp_path: Path) -> None:
    """Our DOCX reports nothing at all (issue 4); EPUB and HTML have no error-severity finding (warnings are
    printed, for the writers' owners)."""
    from converter import read, write

    document = read(source)
    for fmt in ("docx", "epub", "html"):
        path = write(document, fmt, tmp_path / f"{source.stem}.{fmt}")
        findings = check(path)
        for finding in findings:
            print(finding.to_text())
        assert [f.to_text() for f in findings if f.severity == "error"] == []
        if fmt == "docx":
            assert [f.to_text() for f in findings] == []


# ===================================================================== robustness


def test_epub2_with_ncx_needs_no_nav_document(tmp_path: Path) -> None:
    opf2 = (OPF.replace('version="3.0"', 'version="2.0"')
            .replace(meta_line("dcterms:modified", "2026-01-01T00:00:00Z"), "")
            .replace('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
                     '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
            .replace("<spine>", '<spine toc="ncx">'))
    for feature in ("pageNavigation", "pageBreakMarkers"):
        opf2 = opf2.replace(meta_line("schema:accessibilityFeature", feature), "")
    opf2 = opf2.replace(meta_line("pageBreakSource", "Carnet NEC n° 9, édition imprimée"), "")
    files = {"META-INF/container.xml": CONTAINER, "OEBPS/content.opf": opf2, "OEBPS/toc.ncx": "<ncx/>",
             "OEBPS/ch1.xhtml": CH1.replace('<span epub:type="pagebreak" role="doc-pagebreak" id="page-1" '
                                            'aria-label="1"/>', ""),
             "OEBPS/ch2.xhtml": CH2.replace(EXTRA_BREAK.replace("3", "2"), ""),
             "OEBPS/style.css": EPUB_FILES["OEBPS/style.css"]}
    path = tmp_path / "old.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        for part, text in files.items():
            archive.writestr(part, text)
    assert [f.to_text() for f in check(path)] == []
    without_ncx = tmp_path / "no-ncx.epub"
    with zipfile.ZipFile(without_ncx, "w") as archive:
        for part, text in files.items():
            if part != "OEBPS/toc.ncx":
                archive.writestr(part, text.replace('<item id="ncx" href="toc.ncx" '
                                                    'media-type="application/x-dtbncx+xml"/>', ""))
    assert "epub-toc" in ids(check(without_ncx))


def test_damaged_zip_member_is_check_error(tmp_path: Path) -> None:
    path = build_epub(tmp_path)
    data = bytearray(path.read_bytes())
    offset = data.index(b"OEBPS/ch1.xhtml") + len("OEBPS/ch1.xhtml") + 10  # inside the deflated data
    data[offset:offset + 20] = bytes(20)
    path.write_bytes(bytes(data))
    with pytest.raises(CheckError):
        check(path)
    out = io.StringIO()
    assert run_check([path], "en", False, out) == 1
    assert "Traceback" not in out.getvalue()


def test_internal_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import converter.checks.html as html_checks

    def broken(page, lang, standalone):
        raise ValueError("boom")

    monkeypatch.setattr(html_checks, "check_page", broken)
    path = write(tmp_path, "page.html", HTML_PAGE)
    out = io.StringIO()
    assert run_check([path], "en", False, out) == 1
    first = out.getvalue().splitlines()[0]
    assert first.startswith(f"{path}: internal checker error") and "ValueError: boom" in first


def test_rules_table_is_markdown() -> None:
    from converter.checks import rules_table

    table = rules_table("en").splitlines()
    assert table[0].startswith("| Rule | Severity")
    assert len(table) == len(RULES) + 2
    assert any(line.startswith("| `docx-image-alt` | error | docx |") for line in table)


def test_docx_first_heading_below_level_one(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.core_properties.title = "Titre"
    doc.core_properties.language = "fr-FR"
    rpr = doc.styles.element.find(f"{{{W_NS}}}docDefaults/{{{W_NS}}}rPrDefault/{{{W_NS}}}rPr")
    rpr.find(qn("w:lang")).set(qn("w:val"), "fr-FR")
    rpr.find(qn("w:sz")).set(qn("w:val"), "24")
    doc.add_heading("Une section", level=2)
    doc.add_paragraph("Du texte.")
    path = tmp_path / "start.docx"
    doc.save(str(path))
    (finding,) = check(path, lang="en")
    assert finding.rule == "docx-heading-order"
    assert "after the start of the document" in finding.message and "Use level 1" in finding.fix


def test_docx_vertical_merge_is_merged_not_blank(tmp_path: Path) -> None:
    doc = base_docx()
    table = add_table(doc, [["Ville", "Ateliers"], ["Lyon", "12"], ["", "8"]])
    table.cell(1, 0).merge(table.cell(2, 0))
    path = tmp_path / "vmerge.docx"
    doc.save(str(path))
    assert ids(check(path)) == ["docx-table-merged"]


def test_html_presentational_image_and_external_noteref(tmp_path: Path) -> None:
    page = edited(HTML_PAGE, extra('<img src="filet.png" role="presentation">'
                                   '<p>Voir<a href="annexe.html#note-4" role="doc-noteref">4</a>.</p>'))
    assert check(write(tmp_path, "p.html", page)) == []
