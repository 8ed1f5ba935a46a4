"""OOXML helpers for what python-docx (1.2) has no API for.

Place in the pipeline: used by the DOCX writer (``converter.writers.docx``) and by
``templates/docx/make_reference.py``; a future DOCX reader can use the same names. Each helper writes one
WordprocessingML construct: footnotes (the ``footnotes.xml`` part and its references), hyperlinks,
bookmarks, alternative text and the "decorative" flag of pictures, repeated table header rows, table
captions, proofing language, paragraph boxes, complex fields (the table of contents) and list numbering
definitions. Child elements are inserted in the order the schema requires (Word refuses a document whose
property elements are out of order; LibreOffice is more forgiving, so tests alone would not notice).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import NamespacePrefixedTag, nsdecls, qn
from docx.oxml.parser import oxml_parser, register_element_cls
from docx.oxml.xmlchemy import BaseOxmlElement, ZeroOrMore
from docx.parts.story import StoryPart

from .styles import Box

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.parts.document import DocumentPart

# --- Element order of the property elements we touch (ECMA-376 Part 1, §17.3.1.26, §17.3.2.28, …) ------

PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
    "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
    "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)
TRPR_ORDER = (
    "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
    "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange",
)
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
    "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
    "tblCaption", "tblDescription", "tblPrChange",
)
SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors",
    "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate", "linkStyles",
    "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge", "revisionView",
    "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation", "consecutiveHyphenLimit",
    "hyphenationZone", "doNotHyphenateCaps", "showEnvelope", "summaryLength", "clickAndTypeStyle",
    "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting",
    "bookFoldPrintingSheets", "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin",
    "doNotShadeFormData", "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne",
    "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
    "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat",
    "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@cache  # (order, name) pairs are few; each is asked for every run
def _later(order: tuple[str, ...], name: str) -> frozenset[str]:
    """The tags that come after ``name`` in a schema ``order``."""
    return frozenset(order[order.index(name) + 1:])


def set_child(parent: BaseOxmlElement, child: BaseOxmlElement, order: tuple[str, ...]) -> BaseOxmlElement:
    """Put ``child`` in ``parent`` at its schema position, replacing an existing element of its tag."""
    for existing in parent.findall(child.tag):
        parent.remove(existing)
    later = _later(order, _local(child.tag))
    for index, existing in enumerate(parent):
        if _local(existing.tag) in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


@cache  # a few dozen tags, each made thousands of times
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    """The Clark name (``{namespace}local``) and namespace map of a prefixed tag such as ``w:r``."""
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


@cache
def _attribute(key: str) -> str:
    """The Clark name of an attribute given as ``val`` (a ``w:`` attribute) or with its prefix."""
    return qn(key if ":" in key else f"w:{key}")


def element(tag: str, **attributes: str) -> BaseOxmlElement:
    """A new ``w:`` (or other prefixed) element; attribute names are given without the ``w:`` prefix.

    What python-docx's ``OxmlElement`` makes (its custom element class, one namespace declaration),
    without parsing the tag again for each of the thousands of runs and texts of a carnet (about a
    quarter of the DOCX writer's time went there).
    """
    clark, nsmap = _tag(tag)
    el = oxml_parser.makeelement(clark, nsmap=nsmap)
    for key, value in attributes.items():
        el.set(_attribute(key), value)
    return el


# --- Language ------------------------------------------------------------------------------------------

# Word spell-checks by language *and region*: a bare "fr" or "en" is completed with the usual region.
DEFAULT_REGIONS = {
    "fr": "FR", "en": "GB", "de": "DE", "es": "ES", "it": "IT", "pt": "PT", "nl": "NL", "ca": "ES",
    "br": "FR", "oc": "FR", "eu": "ES", "co": "FR", "ar": "SA", "pl": "PL", "ro": "RO", "el": "GR",
}


@cache  # asked twice for every run of the document (a pure function of a handful of tags)
def word_lang(tag: str) -> str:
    """The ``w:lang`` value of a BCP 47 tag: "fr" → "fr-FR", "en" → "en-GB", "en-US" stays "en-US"."""
    parts = [p for p in re.split(r"[-_]", tag.strip()) if p]
    if not parts:
        return ""
    language = parts[0].lower()
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), "")
    region = region or DEFAULT_REGIONS.get(language, "")
    return f"{language}-{region}" if region else language


def set_run_lang(rpr: BaseOxmlElement, tag: str) -> None:
    """Mark a run's language (``w:rPr/w:lang``) so Word proofs it and screen readers switch voices."""
    set_child(rpr, element("w:lang", val=word_lang(tag)), RPR_ORDER)


def set_default_lang(styles_element: BaseOxmlElement, tag: str) -> None:
    """Set the document language in ``w:docDefaults`` (keeping the East Asian and bidi languages)."""
    doc_defaults = styles_element.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = element("w:docDefaults")
        styles_element.insert(0, doc_defaults)
    rpr_default = doc_defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = element("w:rPrDefault")
        doc_defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = element("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = set_child(rpr, element("w:lang"), RPR_ORDER)
    lang.set(qn("w:val"), word_lang(tag))


def set_theme_font_lang(settings_element: BaseOxmlElement, tag: str) -> None:
    """``w:themeFontLang``: the language Word uses to pick theme fonts; kept in line with the document's."""
    existing = settings_element.find(qn("w:themeFontLang"))
    if existing is None:
        existing = set_child(settings_element, element("w:themeFontLang"), SETTINGS_ORDER)
    existing.set(qn("w:val"), word_lang(tag))


# --- Hyperlinks and bookmarks ------------------------------------------------------------------------


def add_hyperlink(paragraph_element: BaseOxmlElement, part: StoryPart, *, url: str = "", anchor: str = "",
                  tooltip: str = "") -> BaseOxmlElement:
    """Append an empty ``w:hyperlink`` to a paragraph: external (relationship) or internal (bookmark).

    The caller adds the runs (the readable text) inside it. The relationship is created in ``part``, the
    part holding the paragraph: a link in a footnote needs its relationship in ``footnotes.xml.rels``.
    """
    link = element("w:hyperlink")
    if url:
        link.set(qn("r:id"), part.relate_to(url, RT.HYPERLINK, is_external=True))
    else:
        link.set(qn("w:anchor"), anchor)
    if tooltip:
        link.set(qn("w:tooltip"), tooltip)
    link.set(qn("w:history"), "1")
    paragraph_element.append(link)
    return link


_BOOKMARK_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def bookmark_name(node_id: str, taken: set[str]) -> str:
    """A Word bookmark name for a node id: letters, digits and ``_``, starting with a letter, ≤ 40 chars.

    Names starting with ``_Toc`` are kept: Word hides them from its bookmark list, as it does its own.
    """
    name = _BOOKMARK_UNSAFE.sub("_", node_id)
    if not name[:1].isalpha() and not name.startswith("_Toc"):
        name = "b_" + name
    name = name[:40]
    candidate, counter = name, 2
    while candidate in taken:
        suffix = f"_{counter}"
        candidate = name[: 40 - len(suffix)] + suffix
        counter += 1
    taken.add(candidate)
    return candidate


def add_bookmark(paragraph_element: BaseOxmlElement, name: str, bookmark_id: int) -> None:
    """A collapsed bookmark at the start of a paragraph (after its properties): a link and TOC target."""
    start = element("w:bookmarkStart", id=str(bookmark_id), name=name)
    end = element("w:bookmarkEnd", id=str(bookmark_id))
    ppr = paragraph_element.find(qn("w:pPr"))
    index = 0 if ppr is None else list(paragraph_element).index(ppr) + 1
    paragraph_element.insert(index, start)
    paragraph_element.insert(index + 1, end)


def unwrap_dangling_links(root: BaseOxmlElement, bookmarks: set[str]) -> None:
    """Turn internal hyperlinks whose bookmark does not exist back into plain runs (keeping their text)."""
    for link in root.iter(qn("w:hyperlink")):
        anchor = link.get(qn("w:anchor"))
        if anchor is None or anchor in bookmarks:
            continue
        for run in link.iter(qn("w:r")):
            style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
            if style is not None and style.get(qn("w:val")) == "Hyperlink":
                style.getparent().remove(style)
        parent = link.getparent()
        index = list(parent).index(link)
        for offset, child in enumerate(list(link)):
            parent.insert(index + offset, child)
        parent.remove(link)


# --- Footnotes ----------------------------------------------------------------------------------------


class CT_Footnote(BaseOxmlElement):
    """``w:footnote``: a block container, so python-docx's BlockItemContainer can add paragraphs to it."""

    p = ZeroOrMore("w:p")
    tbl = ZeroOrMore("w:tbl")


register_element_cls("w:footnote", CT_Footnote)

# Word's separator (-1) and continuation separator (0) footnotes come first; real notes are numbered from 1.
_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r', 'wp', 'a', 'pic')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


class FootnotesPart(StoryPart):
    """The ``word/footnotes.xml`` part. A story part, so pictures and hyperlinks work inside notes."""

    @classmethod
    def new(cls, document_part: DocumentPart) -> FootnotesPart:
        return cls(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_FOOTNOTES_XML),
                   document_part.package)

    @property
    def next_id(self) -> int:
        # Drawing ids (wp:docPr/@id) must be unique across the body and the notes.
        return max(super().next_id, self._document_part.next_id)

    def add_footnote(self, footnote_id: int) -> CT_Footnote:
        footnote = element("w:footnote")
        footnote.set(qn("w:id"), str(footnote_id))
        self.element.append(footnote)
        return footnote


def add_footnotes_part(document: DocxDocument) -> FootnotesPart:
    """Create the footnotes part, relate it to the document and declare the separators in the settings."""
    document_part = document.part
    part = FootnotesPart.new(document_part)
    document_part.relate_to(part, RT.FOOTNOTES)
    settings = document.settings.element
    footnote_pr = element("w:footnotePr")
    footnote_pr.append(element("w:footnote", id="-1"))
    footnote_pr.append(element("w:footnote", id="0"))
    set_child(settings, footnote_pr, SETTINGS_ORDER)
    return part


def footnote_reference_run(footnote_id: int, style_id: str) -> BaseOxmlElement:
    """The run that calls footnote ``footnote_id`` in the text: ``w:footnoteReference`` with its style."""
    run = element("w:r")
    rpr = element("w:rPr")
    rpr.append(element("w:rStyle", val=style_id))
    run.append(rpr)
    run.append(element("w:footnoteReference", id=str(footnote_id)))
    return run


def footnote_ref_mark_run(style_id: str) -> BaseOxmlElement:
    """The run that shows the note's number at the start of the footnote text (``w:footnoteRef``)."""
    run = element("w:r")
    rpr = element("w:rPr")
    rpr.append(element("w:rStyle", val=style_id))
    run.append(rpr)
    run.append(element("w:footnoteRef"))
    return run


# --- Pictures -------------------------------------------------------------------------------------------

DECORATIVE_EXT_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def set_alt_text(doc_pr: BaseOxmlElement, alt: str, *, decorative: bool, name: str = "") -> None:
    """Alt text of an inline picture (``wp:docPr/@descr``) and, for decorative images, Word's flag.

    Word 365 reads the ``adec:decorative`` extension ("Mark as decorative"); older readers see an empty
    description, which is what a decorative image should have anyway.
    """
    doc_pr.set("descr", alt)
    if name:
        doc_pr.set("name", name)
    if decorative:
        ext_lst = element("a:extLst")
        ext = element("a:ext")
        ext.set("uri", DECORATIVE_EXT_URI)
        flag = parse_xml(f'<adec:decorative xmlns:adec="{DECORATIVE_NS}" val="1"/>')
        ext.append(flag)
        ext_lst.append(ext)
        doc_pr.append(ext_lst)


# --- Tables -------------------------------------------------------------------------------------------


def set_repeat_header(tr: BaseOxmlElement) -> None:
    """``w:tblHeader``: the row is a header row, repeated at the top of each page and announced as such."""
    tr_pr = tr.find(qn("w:trPr"))
    if tr_pr is None:
        tr_pr = element("w:trPr")
        tc_or_other = [child for child in tr if _local(child.tag) not in ("tblPrEx",)]
        tr.insert(list(tr).index(tc_or_other[0]) if tc_or_other else len(tr), tr_pr)
    set_child(tr_pr, element("w:tblHeader"), TRPR_ORDER)
    # A header row split across pages would repeat half a header.
    set_child(tr_pr, element("w:cantSplit"), TRPR_ORDER)


def set_table_caption(tbl: BaseOxmlElement, caption: str, description: str = "") -> None:
    """``w:tblCaption`` / ``w:tblDescription``: the table's title and alt text (Word 2010+)."""
    tbl_pr = tbl.find(qn("w:tblPr"))
    if caption:
        set_child(tbl_pr, element("w:tblCaption", val=caption[:255]), TBLPR_ORDER)
    if description:
        set_child(tbl_pr, element("w:tblDescription", val=description[:255]), TBLPR_ORDER)


def set_table_look(tbl: BaseOxmlElement, *, first_row: bool) -> None:
    """Which conditional formats of the table style apply: the header row's, no banding."""
    tbl_pr = tbl.find(qn("w:tblPr"))
    look = element("w:tblLook", val="04A0" if first_row else "0480", firstRow="1" if first_row else "0",
                   lastRow="0", firstColumn="0", lastColumn="0", noHBand="1", noVBand="1")
    set_child(tbl_pr, look, TBLPR_ORDER)


# --- Paragraph boxes ------------------------------------------------------------------------------------


def box_elements(box: Box) -> tuple[BaseOxmlElement, BaseOxmlElement]:
    """The ``w:pBdr`` (four sides, no line between paragraphs) and ``w:shd`` of a box."""
    borders = element("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        borders.append(element(f"w:{side}", val="single", sz=str(box.border_size), space=str(box.border_space),
                               color=box.border_color))
    shading = element("w:shd", val="clear", color="auto", fill=box.fill)
    return borders, shading


def apply_box(ppr: BaseOxmlElement, box: Box, *, extra_left: int = 0, hanging: int = 0) -> None:
    """Draw ``box`` around a paragraph; consecutive paragraphs with the same box and indents make one box.

    ``extra_left`` indents the text inside the box (a list item's text), ``hanging`` pulls its first line
    (the list number) back towards the box's edge.
    """
    borders, shading = box_elements(box)
    set_child(ppr, borders, PPR_ORDER)
    set_child(ppr, shading, PPR_ORDER)
    ind = element("w:ind", left=str(box.indent_twips + extra_left), right=str(box.indent_twips))
    if hanging:
        ind.set(qn("w:hanging"), str(hanging))
    set_child(ppr, ind, PPR_ORDER)


# --- Fields ---------------------------------------------------------------------------------------------


def field_char(kind: str, *, dirty: bool = False) -> BaseOxmlElement:
    """A run holding ``w:fldChar`` (begin / separate / end); ``dirty`` asks Word to update the field."""
    run = element("w:r")
    char = element("w:fldChar", fldCharType=kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    run.append(char)
    return run


def instr_text(instruction: str) -> BaseOxmlElement:
    run = element("w:r")
    text = element("w:instrText")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = f" {instruction} "
    run.append(text)
    return run


def toc_instruction(levels: int) -> str:
    r"""``TOC \o "1-N" \h \z \u``: headings 1–N, as hyperlinks, no page numbers in web view, outline levels."""
    return f'TOC \\o "1-{levels}" \\h \\z \\u'


def set_update_fields(settings_element: BaseOxmlElement) -> None:
    """``w:updateFields``: Word offers to update fields (the table of contents) when it opens the file."""
    set_child(settings_element, element("w:updateFields", val="true"), SETTINGS_ORDER)


# --- Numbering ------------------------------------------------------------------------------------------

BULLETS = ("\u2022", "\u25e6", "\u25aa")  # • ◦ ▪, repeated by level
LIST_INDENT = 357  # twips per level (about 0.63 cm)
LIST_HANGING = 357


def list_indent(level: int) -> int:
    """Left indentation (twips) of the text of a list item at ``level`` (0-based)."""
    return LIST_INDENT * (level + 1)


def add_abstract_num(numbering: BaseOxmlElement, *, ordered: bool) -> int:
    """Add a nine-level bullet or decimal list definition; returns its ``w:abstractNumId``.

    Abstract definitions must precede every ``w:num`` in ``numbering.xml``.
    """
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=-1) + 1
    abstract = element("w:abstractNum", abstractNumId=str(abstract_id))
    abstract.append(element("w:multiLevelType", val="hybridMultilevel"))
    for level in range(9):
        lvl = element("w:lvl", ilvl=str(level))
        lvl.append(element("w:start", val="1"))
        if ordered:
            lvl.append(element("w:numFmt", val="decimal"))
            lvl.append(element("w:lvlText", val=f"%{level + 1}."))
        else:
            lvl.append(element("w:numFmt", val="bullet"))
            lvl.append(element("w:lvlText", val=BULLETS[level % len(BULLETS)]))
        lvl.append(element("w:lvlJc", val="left"))
        ppr = element("w:pPr")
        ppr.append(element("w:ind", left=str(list_indent(level)), hanging=str(LIST_HANGING)))
        lvl.append(ppr)
        if not ordered:
            rpr = element("w:rPr")
            # The bullet glyphs exist in every sans-serif font; no Symbol-font private-use characters.
            rpr.append(element("w:rFonts", ascii="Arial", hAnsi="Arial", cs="Arial", hint="default"))
            lvl.append(rpr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return abstract_id


def add_num(numbering: BaseOxmlElement, abstract_id: int, *, level: int, start: int | None) -> int:
    """A list instance (``w:num``) of an abstract definition; ``start`` restarts its numbering at ``level``."""
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(ids, default=0) + 1
    num = element("w:num", numId=str(num_id))
    num.append(element("w:abstractNumId", val=str(abstract_id)))
    if start is not None:
        override = element("w:lvlOverride", ilvl=str(level))
        override.append(element("w:startOverride", val=str(start)))
        num.append(override)
    numbering.append(num)
    return num_id


def set_numbering(ppr: BaseOxmlElement, num_id: int, level: int) -> None:
    num_pr = element("w:numPr")
    num_pr.append(element("w:ilvl", val=str(level)))
    num_pr.append(element("w:numId", val=str(num_id)))
    set_child(ppr, num_pr, PPR_ORDER)
