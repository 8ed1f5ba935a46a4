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
