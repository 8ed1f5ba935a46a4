"""Build ``templates/docx/reference.docx``, the reference document of the DOCX writer.

Place in the pipeline: a build step, run by hand when a style changes (``python templates/docx/make_reference.py``)
and checked by the tests (the committed file must define every style of the style map). The DOCX writer opens
the reference document and only names its styles, so everything that looks like something — fonts, sizes,
spacing, boxes, rules, the table style — is decided here, from python-docx's default template:

- every style of :mod:`converter.writers.docx.styles` is defined concretely (a latent style would make
  python-docx raise KeyError, and Word would fall back to its own look);
- sans-serif body (Arial; LibreOffice substitutes the metric-compatible Liberation Sans) at 12 pt, never
  smaller anywhere, line spacing 1.2, text left-aligned everywhere (only the thematic break's asterism is
  centred), spacing by ``w:spacing`` only;
- dark text colours (contrast ≥ 7:1 on white, ≥ 4.5:1 on the sidebar shading);
- ``w:lang`` fr-FR in the document defaults (the writer sets the document's own language);
- A4 pages, 2.5 cm margins; no thumbnail, no stale ``stylesWithEffects.xml``, no custom XML.

The output is reproducible: fixed core properties, no dates taken from the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # run from a checkout: import the converter beside templates/

from converter.writers.docx import oxml  # noqa: E402
from converter.writers.docx.styles import (  # noqa: E402
    HEADING_STYLES,
    SIDEBAR_BOX,
    StyleKind,
    StyleRef,
    all_styles,
)

OUTPUT = HERE / "reference.docx"

BODY_FONT = "Arial"
MONO_FONT = "Courier New"
TEXT = "000000"
DARK_BLUE = "1F3864"  # 11.6:1 on white, 10.2:1 on the sidebar fill
GREY = "404040"  # 10.4:1 on white
MID_GREY = "595959"  # 7:1 on white
LINK = "0B4F9C"  # 8.2:1 on white
LINE_SPACING = 1.2
BODY_SIZE = 12


@dataclass
class Spec:
    """How one style looks. ``None`` leaves the property to the base style."""

    base: str | None = "Normal"
    next: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None
    font: str | None = None
    before: float | None = None
    after: float | None = None
    left: float | None = None  # cm
    right: float | None = None
    keep_next: bool | None = None
    keep_lines: bool | None = None
    outline: int | None = None  # 0-8 heading level, 9 body text
    box: bool = False
    center: bool = False
    left_rule: bool = False
    top_bottom_rules: bool = False
    superscript: bool = False
    underline: bool = False
    quick: bool = False
    priority: int | None = None


def heading_spec(word_level: int) -> Spec:
    sizes = {1: 20, 2: 16, 3: 14, 4: 13}
    spaces = {1: (24, 8), 2: (18, 6), 3: (14, 6), 4: (12, 4)}
    before, after = spaces.get(word_level, (12, 4))
    return Spec(base="Normal", next="Body Text", size=sizes.get(word_level, BODY_SIZE), bold=True,
                italic=word_level == 6, color=DARK_BLUE, before=before, after=after, keep_next=True,
                keep_lines=True, outline=word_level - 1, quick=True, priority=9)


SPECS: dict[str, Spec] = {
    "Normal": Spec(base=None, size=BODY_SIZE, font=BODY_FONT, color=TEXT, before=0, after=0, quick=True,
                   priority=0),
    "Title": Spec(next="Subtitle", size=26, bold=True, color=DARK_BLUE, after=6, keep_next=True,
                  outline=9, quick=True, priority=10),
    "Subtitle": Spec(next="Body Text", size=16, italic=False, color=GREY, after=18, keep_next=True, outline=9,
                     quick=True, priority=11),
    "Document Info": Spec(next="Body Text", color=GREY, after=4, keep_next=True),
    "Body Text": Spec(next="Body Text", after=10, quick=True),
    "TOC Heading": Spec(next="Normal", size=20, bold=True, color=DARK_BLUE, before=24, after=8,
                        keep_next=True, outline=9, priority=39),
    "toc 1": Spec(next="Normal", after=4, left=0, priority=39),
    "toc 2": Spec(next="Normal", after=4, left=0.63, priority=39),
    "toc 3": Spec(next="Normal", after=4, left=1.26, priority=39),
    "Quote": Spec(next="Body Text", italic=False, color=TEXT, after=10, left=1.0, right=1.0, left_rule=True,
                  quick=True, priority=29),
    # Not based on Quote: a quote's left bar merges with the paragraphs around it that have the same one.
    "Quote Attribution": Spec(next="Body Text", color=GREY, before=0, after=12, left=1.0, right=1.0,
                              left_rule=True),
    # Same rules and indents as Pull Quote, so the attribution sits inside the pull quote's rules.
    "Pull Quote Attribution": Spec(base="Pull Quote", next="Body Text", size=BODY_SIZE, bold=False, color=GREY,
                                   before=0),
    "Pull Quote": Spec(next="Body Text", size=15, bold=True, color=DARK_BLUE, before=12, after=12,
                       left=1.0, right=1.0, top_bottom_rules=True, quick=True),
    "Sidebar": Spec(next="Sidebar", after=6, box=True, quick=True),
    "Interview Question": Spec(next="Interview Answer", bold=True, before=12, after=6, keep_next=True,
                               quick=True),
    "Interview Answer": Spec(next="Interview Answer", after=10, quick=True),
    "Interview Speaker": Spec(bold=True, quick=True),
    "List Paragraph": Spec(after=4, left=None, quick=True, priority=34),
    "List Continue": Spec(after=4, left=0.63),
    "List Continue 2": Spec(after=4, left=1.26),
    "List Continue 3": Spec(after=4, left=1.89),
    "Glossary Term": Spec(next="Glossary Definition", bold=True, before=8, after=2, keep_next=True, quick=True),
    "Glossary Definition": Spec(next="Glossary Term", after=8, left=0.63, quick=True),
    "Definition Term": Spec(next="Definition", bold=True, before=8, after=2, keep_next=True),
    "Definition": Spec(next="Definition Term", after=8, left=0.63),
    "Figure": Spec(next="caption", before=6, after=4, keep_next=True),
    "caption": Spec(next="Body Text", size=BODY_SIZE, bold=False, italic=False, color=GREY, after=2,
                    keep_next=True, quick=True, priority=35),
    "Credit": Spec(next="Body Text", color=GREY, after=10, quick=True),
    "Carnet Table": Spec(base=None, priority=59),
    "Table Text": Spec(after=0),
    "Table Header": Spec(base="Table Text", bold=True, keep_next=True),
    "Page Marker": Spec(next="Body Text", color=MID_GREY, before=6, after=6),
    "Page Marker Char": Spec(color=MID_GREY),
    "Thematic Break": Spec(next="Body Text", color=MID_GREY, before=12, after=12, center=True, keep_next=True),
    "footnote text": Spec(after=4, priority=99),
    "footnote reference": Spec(superscript=True, priority=99),
    "Emphasis": Spec(italic=True, quick=True, priority=20),
    "Strong": Spec(bold=True, quick=True, priority=22),
    "Hyperlink": Spec(color=LINK, underline=True, priority=99),
    "Literal": Spec(font=MONO_FONT),
}
for _ref in HEADING_STYLES:
    SPECS[_ref.name] = heading_spec(int(_ref.name.split()[-1]))

STYLE_ORDER = (
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
    "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr", "rPr",
    "tblPr", "trPr", "tcPr", "tblStylePr",
)
_TYPES = {StyleKind.PARAGRAPH: WD_STYLE_TYPE.PARAGRAPH, StyleKind.CHARACTER: WD_STYLE_TYPE.CHARACTER,
          StyleKind.TABLE: WD_STYLE_TYPE.TABLE}


def set_fonts(rpr, font: str) -> None:
    """Explicit fonts for every script; theme font attributes would override them, so they go."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = oxml.set_child(rpr, oxml.element("w:rFonts"), oxml.RPR_ORDER)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for key in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{key}"), font)


def ensure(document, ref: StyleRef) -> None:
    try:
        document.styles[ref.name]
    except KeyError:
        document.styles.add_style(ref.name, _TYPES[ref.kind])


def define(document, ref: StyleRef, spec: Spec) -> None:
    styles = document.styles
    style = styles[ref.name]
    if style.type != _TYPES[ref.kind]:
        raise SystemExit(f"style {ref.name!r} exists with another type")
    element = style.element
    element.set(qn("w:styleId"), ref.style_id)
    element.set(qn("w:customStyle"), "0" if ref.builtin else "1")
    # Start from a clean slate: the default template's look (blue headings, italic quotes, 9 pt captions,
    # theme fonts) is not ours, and a reproducible file must not depend on it.
    for tag in ("w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr", "w:link", "w:semiHidden",
                "w:unhideWhenUsed"):
        for child in element.findall(qn(tag)):
            element.remove(child)
    if spec.base is not None and ref.name != "Normal":
        base = spec.base
        if ref.kind is StyleKind.CHARACTER and base == "Normal":
            base = "Default Paragraph Font"  # a character style derives from a character style
        style.base_style = styles[base]
    elif ref.name != "Normal":
        style.base_style = None
    if spec.next is not None and ref.kind is StyleKind.PARAGRAPH:
        style.next_paragraph_style = styles[spec.next]
    style.quick_style = spec.quick
    style.hidden = False
    if spec.priority is not None:
        style.priority = spec.priority

    if ref.kind is StyleKind.TABLE:
        define_table_style(element)
        return

    font = style.font
    if spec.font:
        set_fonts(element.get_or_add_rPr(), spec.font)
    if spec.size is not None:
        font.size = Pt(spec.size)
    if spec.bold is not None:
        font.bold = spec.bold
    if spec.italic is not None:
        font.italic = spec.italic
    if spec.color is not None:
        font.color.rgb = RGBColor.from_string(spec.color)
    if spec.underline:
        font.underline = WD_UNDERLINE.SINGLE
    if spec.superscript:
        font.superscript = True
    if ref.kind is not StyleKind.PARAGRAPH:
        return

    fmt = style.paragraph_format
    if ref.name == "Normal":
        fmt.line_spacing = LINE_SPACING
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.widow_control = True
    if spec.before is not None:
        fmt.space_before = Pt(spec.before)
    if spec.after is not None:
        fmt.space_after = Pt(spec.after)
    if spec.left is not None:
        fmt.left_indent = Cm(spec.left)
    if spec.right is not None:
        fmt.right_indent = Cm(spec.right)
    if spec.keep_next is not None:
        fmt.keep_with_next = spec.keep_next
    if spec.keep_lines is not None:
        fmt.keep_together = spec.keep_lines
    ppr = element.get_or_add_pPr()
    if spec.outline is not None:
        oxml.set_child(ppr, oxml.element("w:outlineLvl", val=str(spec.outline)), oxml.PPR_ORDER)
    if spec.box:
        oxml.apply_box(ppr, SIDEBAR_BOX)
    if spec.center:  # the asterism of a thematic break: a symbol, not text to read along a line
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if spec.left_rule:
        borders = oxml.element("w:pBdr")
        borders.append(oxml.element("w:left", val="single", sz="18", space="8", color=MID_GREY))
        oxml.set_child(ppr, borders, oxml.PPR_ORDER)
    if spec.top_bottom_rules:
        borders = oxml.element("w:pBdr")
        for side in ("top", "bottom"):
            borders.append(oxml.element(f"w:{side}", val="single", sz="12", space="6", color=DARK_BLUE))
        oxml.set_child(ppr, borders, oxml.PPR_ORDER)


def define_table_style(element) -> None:
    """Thin dark borders on every cell, comfortable cell margins, a shaded bold header row."""
    tbl_pr = oxml.element("w:tblPr")
    borders = oxml.element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(oxml.element(f"w:{side}", val="single", sz="4", space="0", color=MID_GREY))
    tbl_pr.append(borders)
    margins = oxml.element("w:tblCellMar")
    for side, width in (("top", "57"), ("left", "108"), ("bottom", "57"), ("right", "108")):
        margins.append(oxml.element(f"w:{side}", w=width, type="dxa"))
    tbl_pr.append(margins)
    oxml.set_child(element, tbl_pr, STYLE_ORDER)
    first_row = oxml.element("w:tblStylePr", type="firstRow")
    row_rpr = oxml.element("w:rPr")
    row_rpr.append(oxml.element("w:b"))
    row_rpr.append(oxml.element("w:bCs"))
    first_row.append(row_rpr)
    cell_pr = oxml.element("w:tcPr")
    cell_pr.append(oxml.element("w:shd", val="clear", color="auto", fill="DCE3EF"))
    first_row.append(cell_pr)
    element.append(first_row)


def set_doc_defaults(document) -> None:
    styles_element = document.styles.element
    rpr = styles_element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, BODY_FONT)
    oxml.set_default_lang(styles_element, "fr-FR")
    oxml.set_theme_font_lang(document.settings.element, "fr-FR")


def drop_extras(document) -> None:
    """No python-docx thumbnail, no Word 2010 ``stylesWithEffects`` copy of the styles, no custom XML."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"):
            del document.part.rels[rid]


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><Application>Carnet accessible</Application><DocSecurity>0</DocSecurity>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
)


def set_settings(document) -> None:
    """Settings of a French document opened by a current Word.

    No ``proofState`` "clean" (Word would not proof the text), no rsids or preview picture (noise), decimal
    comma and semicolon list separator (French conventions, used by fields), Word 2013+ layout mode.
    """
    settings = document.settings.element
    for tag in ("w:proofState", "w:rsids", "w:savePreviewPicture"):
        for child in settings.findall(qn(tag)):
            settings.remove(child)
    settings.find(qn("w:decimalSymbol")).set(qn("w:val"), ",")
    settings.find(qn("w:listSeparator")).set(qn("w:val"), ";")
    for compat in settings.iter(qn("w:compatSetting")):
        if compat.get(qn("w:name")) == "compatibilityMode":
            compat.set(qn("w:val"), "15")


def set_app_properties(document) -> None:
    """``docProps/app.xml`` names this tool, not the Word that made python-docx's template."""
    for rel in document.part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML.encode("utf-8")


def build() -> bytes:
    document = Document()
    drop_extras(document)
    set_doc_defaults(document)
    set_settings(document)
    set_app_properties(document)
    # Create every style first, so that basedOn and next can name any of them.
    for ref in all_styles():
        ensure(document, ref)
    for ref in all_styles():
        define(document, ref, SPECS[ref.name])

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))

    core = document.core_properties
    core.author = ""
    core.comments = ""
    core.title = ""
    core.subject = ""
    core.keywords = ""
    core.category = ""
    core.language = "fr-FR"
    core.last_modified_by = "Carnet accessible"
    core.revision = 1
    fixed = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    core.created = core.modified = fixed

    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Same parts, fixed timestamps and order: the file only changes when its content does."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        first = [n for n in names if n == "[Content_Types].xml"]
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name))
    return out.getvalue()


def main() -> None:
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT.relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()
