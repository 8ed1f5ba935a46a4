"""DOCX accessibility rules for ``carnet check``, on any Word document (ours or not).

Place in the pipeline: after the DOCX writer, independent of it: reads a finished ``.docx`` with python-docx
(package and parts) and lxml (the XML of each part). The rules are those of Word's Accessibility Checker and the
public checklists (RGAA 4.1) listed in ``../shared/design/accessibility.md``; their ids, severities and messages
live in :mod:`converter.checks.registry`.

Paragraphs are numbered from 1 in document order over every ``w:p`` of the body (table cells included), which is
what ``where`` reports. Style properties are resolved through ``w:basedOn`` chains and ``w:docDefaults``; toggle
properties (bold) are treated as plain on/off, which is right for every document a person edits in Word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from converter.checks import CheckError, Finding, excerpt, make_finding

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DC_NS = "http://purl.org/dc/elements/1.1/"
W = f"{{{W_NS}}}"
WP = f"{{{WP_NS}}}"

RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

BODY_STYLE_NAME = re.compile(
    r"^(normal|standard|default|default paragraph style|body ?text.*|corps de texte.*|text ?body|plain)$", re.I
)
HEADING_STYLE = re.compile(r"^(?:heading|titre|berschrift|título|titolo)\s*([1-9])$", re.I)
TITLE_STYLE = re.compile(r"^(?:title|titre)$", re.I)
CODE_STYLE = re.compile(r"code|preformatted|plain text|source|verbatim|macro", re.I)
FILENAME_ALT = re.compile(
    r"^(?:[\w\-. ()~]+\.(?:jpe?g|png|gif|bmp|tiff?|svg|webp|emf|wmf|heic|avif)"
    r"|(?:img|dsc|dscn|dcim|pxl|screenshot|capture(?: d.écran)?)[ _-]?\d[\w-]*"
    r"|(?:image|picture|img|photo|figure|graphic|graphique|illustration)\s*\d*)$",
    re.I,
)
GENERATED_ALT = re.compile(r"g[ée]n[ée]r[ée]e? automatiquement|automatically generated", re.I)
# A bullet character then words (not an asterism such as "* * *").
TYPED_BULLET = re.compile(r"^\s*(?:([•◦▪▫■□●○▶▷►▸➢➤✓✔·])\s*[\w«\"“'(]|([-*→⇒])\s+[\w«\"“'(])")
REPEATED_BLANKS = re.compile(r"[ \u00a0\u2002\u2003]{3,}|\t{2,}")
WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*")
# A raw address: with its scheme, as copied from the address bar. A readable scheme-less address
# ("cnil.fr/guide") is accepted: the design keeps those as link text in source notes.
URL_TEXT = re.compile(r"^(?:https?|ftp)://\S+$", re.I)
PERCENT_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")
VAGUE_LINKS = {
    "cliquez ici", "cliquer ici", "clique ici", "cliquez", "ici", "là", "click here", "click", "here", "lien",
    "ce lien", "le lien", "link", "this link", "en savoir plus", "pour en savoir plus", "savoir plus", "plus",
    "lire la suite", "la suite", "suite", "voir", "voir plus", "read more", "more", "learn more", "more info",
    "plus d'infos", "plus d'informations", "info", "infos", "page", "site", "url", "aller",
}
JUSTIFIED = {"both", "distribute", "lowKashida", "mediumKashida", "highKashida", "thaiDistribute"}
FALSE_VALUES = {"0", "false", "off", "none"}
NOTE_SKIP_TYPES = {"separator", "continuationSeparator", "continuationNotice"}
PUNCT_END = ".,;:!?…"
DEFAULT_SIZE = 20  # half-points: Word's size when nothing is set anywhere


def _w(el: etree._Element, name: str) -> str | None:
    return el.get(W + name)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _on(el: etree._Element | None) -> bool:
    return el is not None and (_w(el, "val") or "true").lower() not in FALSE_VALUES


def _loc(lang: str, fr: str, en: str) -> str:
    return fr if lang == "fr" else en


def normalise_link_text(text: str) -> str:
    text = text.replace("’", "'").lower()
    text = re.sub(r"[\s\u00a0]+", " ", text)
    return text.strip(" .:!?…»«\"'()[]<>→-")


def link_text_problem(text: str) -> str | None:
    """``"url"`` when the text is a bare address, ``"vague"`` when it says nothing, else ``None``."""
    stripped = " ".join(text.split())
    if not stripped:
        return None
    if URL_TEXT.match(stripped) or (" " not in stripped and "/" in stripped and PERCENT_ENCODED.search(stripped)):
        return "url"
    if normalise_link_text(stripped) in VAGUE_LINKS:
        return "vague"
    return None


def caps_passage(text: str) -> str | None:
    """The first passage of at least four consecutive words typed in capitals that is not a row of acronyms."""
    words = list(WORD.finditer(text))
    start = 0
    while start < len(words):
        end = start
        while end < len(words) and words[end].group().isupper():
            end += 1
        run = words[start:end]
        if len(run) >= 4 and any(len(w.group().replace("-", "")) >= 5 for w in run):
            return text[run[0].start():run[-1].end()]
        start = end + 1 if end == start else end
    return None


@dataclass
class _Docx:
    """The parts of a Word document the rules need, already parsed."""

    body: etree._Element
    styles: dict[str, etree._Element]
    default_pstyle: str | None
    doc_defaults: etree._Element | None
    core: etree._Element | None
    notes: dict[str, etree._Element | None]
    paragraphs: list[etree._Element] = field(default_factory=list)
    numbers: dict[etree._Element, int] = field(default_factory=dict)
    _pstyle: dict[etree._Element, str | None] = field(default_factory=dict)
    _level: dict[etree._Element, int] = field(default_factory=dict)

    # --------------------------------------------------------------- styles
    def chain(self, style_id: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        while style_id and style_id in self.styles and len(chain) < 20:
            style = self.styles[style_id]
            if style in chain:
                break
            chain.append(style)
            based = style.find(W + "basedOn")
            style_id = _w(based, "val") if based is not None else None
        return chain

    def pstyle_id(self, p: etree._Element) -> str | None:
        if p not in self._pstyle:
            ps = p.find(f"{W}pPr/{W}pStyle")
            self._pstyle[p] = _w(ps, "val") if ps is not None else self.default_pstyle
        return self._pstyle[p]

    def style_name(self, style_id: str | None) -> str:
        if not style_id:
            return "Normal"
        style = self.styles.get(style_id)
        name = style.find(W + "name") if style is not None else None
        return (_w(name, "val") if name is not None else None) or style_id

    def ppr_value(self, p: etree._Element, prop: str) -> tuple[etree._Element | None, str]:
        """The element ``prop`` of the paragraph properties, with where it came from: direct, style, default."""
        direct = p.find(f"{W}pPr/{W}{prop}")
        if direct is not None:
            return direct, "direct"
        for style in self.chain(self.pstyle_id(p)):
            found = style.find(f"{W}pPr/{W}{prop}")
            if found is not None:
                return found, "style"
        if self.doc_defaults is not None:
            found = self.doc_defaults.find(f"{W}pPrDefault/{W}pPr/{W}{prop}")
            if found is not None:
                return found, "default"
        return None, ""

    def rpr_value(self, p: etree._Element, r: etree._Element | None, prop: str) -> etree._Element | None:
        """The run property ``prop`` resolved: run, character style, paragraph style chain, docDefaults."""
        if r is not None:
            direct = r.find(f"{W}rPr/{W}{prop}")
            if direct is not None:
                return direct
            rstyle = r.find(f"{W}rPr/{W}rStyle")
            if rstyle is not None:
                for style in self.chain(_w(rstyle, "val")):
                    found = style.find(f"{W}rPr/{W}{prop}")
                    if found is not None:
                        return found
        for style in self.chain(self.pstyle_id(p)):
            found = style.find(f"{W}rPr/{W}{prop}")
            if found is not None:
                return found
        if self.doc_defaults is not None:
            return self.doc_defaults.find(f"{W}rPrDefault/{W}rPr/{W}{prop}")
        return None

    def size(self, p: etree._Element, r: etree._Element | None) -> int:
        sz = self.rpr_value(p, r, "sz")
        return _int(_w(sz, "val"), DEFAULT_SIZE) if sz is not None else DEFAULT_SIZE

    # --------------------------------------------------------------- paragraphs
    def heading_level(self, p: etree._Element) -> int:
        """1..9 for a heading (outline level or heading style), 0 otherwise."""
        if p not in self._level:
            self._level[p] = self._heading_level(p)
        return self._level[p]

    def _heading_level(self, p: etree._Element) -> int:
        outline, _ = self.ppr_value(p, "outlineLvl")
        if outline is not None:
            level = _int(_w(outline, "val"), 9)
            if 0 <= level <= 8:
                return level + 1
        style_id = self.pstyle_id(p)
        for candidate in (style_id or "", self.style_name(style_id)):
            match = HEADING_STYLE.match(candidate.strip())
            if match:
                return int(match.group(1))
        return 0

    def is_title(self, p: etree._Element) -> bool:
        style_id = self.pstyle_id(p)
        return bool(TITLE_STYLE.match(style_id or "") or TITLE_STYLE.match(self.style_name(style_id)))

    def is_numbered(self, p: etree._Element) -> bool:
        num, _ = self.ppr_value(p, "numPr")
        if num is None:
            return False
        num_id = num.find(W + "numId")
        return num_id is None or _w(num_id, "val") != "0"

    def is_body_style(self, p: etree._Element) -> bool:
        style_id = self.pstyle_id(p)
        return style_id is None or style_id == self.default_pstyle or bool(
            BODY_STYLE_NAME.match(style_id) or BODY_STYLE_NAME.match(self.style_name(style_id)))

    def is_code(self, p: etree._Element) -> bool:
        style_id = self.pstyle_id(p) or ""
        return bool(CODE_STYLE.search(style_id) or CODE_STYLE.search(self.style_name(style_id)))


def runs(p: etree._Element) -> list[etree._Element]:
    """The runs of ``p`` itself (not those of text boxes nested inside it)."""
    return [r for r in p.iter(W + "r") if _nearest_p(r) is p]


def _nearest_p(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != W + "p":
        parent = parent.getparent()
    return parent


def run_text(r: etree._Element) -> str:
    parts = []
    for child in r:
        if child.tag == W + "t":
            parts.append(child.text or "")
        elif child.tag in (W + "tab", W + "ptab"):
            parts.append("\t")
        elif child.tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif child.tag == W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def para_text(p: etree._Element) -> str:
    return "".join(run_text(r) for r in runs(p))


def in_table(el: etree._Element) -> bool:
    return any(a.tag == W + "tc" for a in el.iterancestors())


def _part_xml(part: object) -> etree._Element:
    element = getattr(part, "element", None)
    if element is not None:
        return element
    return etree.fromstring(part.blob, _PARSER)  # type: ignore[attr-defined]


def load(path: Path, lang: str) -> _Docx:
    """Open ``path`` with python-docx and collect the parsed parts; :class:`CheckError` when it is no DOCX."""
    import docx  # python-docx (absolute import: this module is converter.checks.docx)

    try:
        document = docx.Document(str(path))
        body = document.element.body
        styles_el = document.styles.element
        package_rels = document.part.package.rels
        doc_rels = document.part.rels
        core = None
        notes: dict[str, etree._Element | None] = {"footnote": None, "endnote": None}
        for rel in package_rels.values():
            if rel.reltype == RT_CORE and not rel.is_external:
                core = etree.fromstring(rel.target_part.blob, _PARSER)
        for rel in doc_rels.values():
            if rel.is_external:
                continue
            if rel.reltype == RT_FOOTNOTES:
                notes["footnote"] = _part_xml(rel.target_part)
            elif rel.reltype == RT_ENDNOTES:
                notes["endnote"] = _part_xml(rel.target_part)
    except Exception as error:  # python-docx raises many kinds for a bad package
        reason = " ".join(str(error).split()) or type(error).__name__
        raise CheckError(_loc(lang, f"{path}: ce n'est pas un document DOCX lisible ({reason})",
                              f"{path}: not a readable DOCX document ({reason})")) from error
    styles: dict[str, etree._Element] = {}
    default_pstyle = None
    for style in styles_el.iter(W + "style"):
        style_id = _w(style, "styleId")
        if style_id:
            styles[style_id] = style
            if _w(style, "type") == "paragraph" and _on_default(style):
                default_pstyle = style_id
    data = _Docx(body=body, styles=styles, default_pstyle=default_pstyle,
                 doc_defaults=styles_el.find(W + "docDefaults"), core=core, notes=notes)
    data.paragraphs = list(body.iter(W + "p"))
    data.numbers = {p: i for i, p in enumerate(data.paragraphs, 1)}
    return data


def _on_default(style: etree._Element) -> bool:
    return (_w(style, "default") or "0").lower() in {"1", "true", "on"}


# ===================================================================== rules


def check_file(path: Path, lang: str = "fr") -> list[Finding]:
    """Every DOCX rule on the document at ``path``."""
    d = load(path, lang)
    findings: list[Finding] = []
    for rule in (check_properties, check_headings, check_fake_headings, check_images, check_tables,
                 check_links, check_blank_layout, check_typed_bullets, check_small_text, check_justified,
                 check_all_caps, check_notes):
        findings.extend(rule(d, lang))
    return findings


def _where(d: _Docx, p: etree._Element | None, lang: str) -> str:
    if p is None:
        return "document"
    return _loc(lang, f"paragraphe {d.numbers.get(p, 0)}", f"paragraph {d.numbers.get(p, 0)}")


def check_properties(d: _Docx, lang: str) -> Iterator[Finding]:
    """docx-title, docx-lang-properties, docx-lang-styles, docx-lang-mismatch."""
    title = language = ""
    if d.core is not None:
        title_el = d.core.find(f"{{{DC_NS}}}title")
        lang_el = d.core.find(f"{{{DC_NS}}}language")
        title = (title_el.text or "").strip() if title_el is not None else ""
        language = (lang_el.text or "").strip() if lang_el is not None else ""
    if not title:
        yield make_finding("docx-title", lang, "docProps/core.xml")
    if not language:
        yield make_finding("docx-lang-properties", lang, "docProps/core.xml")
    style_lang = ""
    candidates = []
    if d.doc_defaults is not None:
        candidates.append(d.doc_defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang"))
    if d.default_pstyle and d.default_pstyle in d.styles:
        candidates.append(d.styles[d.default_pstyle].find(f"{W}rPr/{W}lang"))
    for candidate in candidates:
        if candidate is not None and (_w(candidate, "val") or "").strip():
            style_lang = (_w(candidate, "val") or "").strip()
    if not style_lang:
        yield make_finding("docx-lang-styles", lang, "word/styles.xml")
    elif language and language.split("-")[0].lower() != style_lang.split("-")[0].lower():
        yield make_finding("docx-lang-mismatch", lang, "word/styles.xml", core=language, styles=style_lang)


def check_headings(d: _Docx, lang: str) -> Iterator[Finding]:
    """docx-no-headings, docx-heading-order, docx-heading-empty."""
    previous = 0
    headings = 0
    text_paragraphs = 0
    for p in d.paragraphs:
        level = d.heading_level(p)
        text = para_text(p).strip()
        if not level:
            if text and not in_table(p):
                text_paragraphs += 1
            continue
        headings += 1
        if not text:
            yield make_finding("docx-heading-empty", lang, _where(d, p, lang))
            continue
        if level > previous + 1:
            after = (_loc(lang, f"un titre de niveau {previous}", f"a level {previous} heading") if previous
                     else _loc(lang, "le début du document", "the start of the document"))
            yield make_finding("docx-heading-order", lang, _where(d, p, lang), text,
                               level=level, previous=after, expected=previous + 1)
        previous = level
    if not headings and text_paragraphs >= 3:
        yield make_finding("docx-no-headings", lang, "document")


def check_fake_headings(d: _Docx, lang: str) -> Iterator[Finding]:
    """docx-fake-heading: a short bold or large body paragraph with no final punctuation."""
    body_size = d.size(d.body, None)  # the default paragraph style, or docDefaults
    for p in d.paragraphs:
        if in_table(p) or d.heading_level(p) or d.is_title(p) or d.is_numbered(p) or not d.is_body_style(p):
            continue
        text = para_text(p).strip()
        if not text or len(text) > 100 or len(text.split()) > 12 or text[-1] in PUNCT_END:
            continue
        if not any(ch.isalpha() for ch in text) or TYPED_BULLET.match(text):
            continue
        text_runs = [r for r in runs(p) if run_text(r).strip()]
        bold = bool(text_runs) and all(_on(d.rpr_value(p, r, "b")) for r in text_runs)
        largest = max((d.size(p, r) for r in text_runs), default=0)
        large = largest >= 28 and largest >= body_size + 4
        if bold or large:
            looks = []
            if bold:
                looks.append(_loc(lang, "en gras", "bold"))
            if large:
                looks.append(_loc(lang, f"en {largest / 2:g} pt", f"{largest / 2:g} pt"))
            yield make_finding("docx-fake-heading", lang, _where(d, p, lang), text, look=", ".join(looks))


def check_images(d: _Docx, lang: str) -> Iterator[Finding]:
    """docx-image-alt, docx-image-alt-filename, docx-image-alt-generated, docx-image-floating."""
    for doc_pr in d.body.iter(WP + "docPr"):
        p = _nearest_p(doc_pr)
        where = _where(d, p, lang)
        name = doc_pr.get("name", "")
        floating = doc_pr.getparent() is not None and doc_pr.getparent().tag == WP + "anchor"
        if floating:
            yield make_finding("docx-image-floating", lang, where, name)
        decorative = any(
            isinstance(el.tag, str) and etree.QName(el).localname == "decorative"
            and (el.get("val") or "1").lower() not in FALSE_VALUES
            for el in doc_pr.iter()
        )
        if decorative or _is_text_box(doc_pr):
            continue
        alt = (doc_pr.get("descr") or "").strip()
        if not alt:
            yield make_finding("docx-image-alt", lang, where, name)
        elif FILENAME_ALT.match(alt):
            yield make_finding("docx-image-alt-filename", lang, where, name, alt=alt)
        elif GENERATED_ALT.search(alt):
            yield make_finding("docx-image-alt-generated", lang, where, name, alt=alt)


def _is_text_box(doc_pr: etree._Element) -> bool:
    """A drawing that is a text box: its text is read, it needs no alternative text."""
    container = doc_pr.getparent()
    return container is not None and any(
        isinstance(el.tag, str) and etree.QName(el).localname in ("txbx", "txbxContent") for el in container.iter())


def _cell_text(tc: etree._Element) -> str:
    return "".join(t.text or "" for t in tc.iter(W + "t"))


def check_tables(d: _Docx, lang: str) -> Iterator[Finding]:
    """docx-table-header, docx-table-merged, docx-table-blank-cell."""
    for number, tbl in enumerate(d.body.iter(W + "tbl"), 1):
        where = _loc(lang, f"tableau {number}", f"table {number}")
        rows = tbl.findall(W + "tr")
        cells = [row.findall(W + "tc") for row in rows]
        first_text = _cell_text(rows[0]) if rows else ""
        columns = max((len(c) for c in cells), default=0)
        if len(rows) >= 2 and columns >= 2 and not _on(rows[0].find(f"{W}trPr/{W}tblHeader")):
            yield make_finding("docx-table-header", lang, where, first_text)
        markers = []
        if any(_int(_w(g, "val"), 1) > 1 for g in tbl.findall(f"{W}tr/{W}tc/{W}tcPr/{W}gridSpan")):
            markers.append("w:gridSpan")
        for marker in ("vMerge", "hMerge"):
            if tbl.findall(f"{W}tr/{W}tc/{W}tcPr/{W}{marker}"):
                markers.append(f"w:{marker}")
        for marker in ("gridBefore", "gridAfter"):
            if any(_int(_w(g, "val"), 0) > 0
                   for g in tbl.findall(f"{W}tr/{W}trPr/{W}{marker}")):
                markers.append(f"w:{marker}")
        if len({len(c) for c in cells}) > 1 and "w:gridSpan" not in markers:
            markers.append(_loc(lang, "lignes de longueurs différentes", "rows of different lengths"))
        if markers:
            yield make_finding("docx-table-merged", lang, where, first_text, detail=", ".join(markers))
        blanks = [(r, c) for r, row in enumerate(cells, 1) for c, tc in enumerate(row, 1)
                  if not _cell_text(tc).strip() and not _has_content(tc) and not _merged_away(tc)]
        if blanks:
            yield make_finding("docx-table-blank-cell", lang, where, first_text, count=len(blanks),
                               row=blanks[0][0], col=blanks[0][1])


def _merged_away(tc: etree._Element) -> bool:
    """A cell continuing a vertical merge: blank by construction (the merge itself is reported)."""
    v_merge = tc.find(f"{W}tcPr/{W}vMerge")
    return v_merge is not None and (_w(v_merge, "val") or "continue") == "continue"


def _has_content(el: etree._Element) -> bool:
    return any(True for tag in ("drawing", "pict", "object", "sym") for _ in el.iter(W + tag))


def _links(p: etree._Element) -> Iterator[str]:
    """The display text of every hyperlink in ``p``: w:hyperlink, simple and complex HYPERLINK fields."""
    for link in p.iter(W + "hyperlink"):
        if _nearest_p(link) is p:
            yield "".join(t.text or "" for t in link.iter(W + "t"))
    for fld in p.iter(W + "fldSimple"):
        if _nearest_p(fld) is p and (_w(fld, "instr") or "").strip().upper().startswith("HYPERLINK"):
            yield "".join(t.text or "" for t in fld.iter(W + "t"))
    depth = 0
    instr: list[str] = []
    shown: list[str] | None = None
    for r in runs(p):
        if any(a.tag in (W + "hyperlink", W + "fldSimple") for a in r.iterancestors()):
            continue
        fld_char = r.find(W + "fldChar")
        kind = _w(fld_char, "fldCharType") if fld_char is not None else None
        if kind == "begin":
            depth += 1
            if depth == 1:
                instr, shown = [], None
        elif kind == "separate" and depth == 1:
            if "".join(instr).strip().upper().startswith("HYPERLINK"):
                shown = []
        elif kind == "end":
            depth -= 1
            if depth == 0 and shown is not None:
                yield "".join(shown)
                shown = None
        elif depth == 1:
            instr.extend(t.text or "" for t in r.findall(W + "instrText"))
            if shown is not None:
                shown.append(run_text(r))


def check_links(d: _Docx, lang: str) -> Iterator[Finding]:
    """docx-link-text, docx-link-url."""
    for p in d.paragraphs:
        for text in _links(p):
            problem = link_text_problem(text)
            if problem == "url":
                yield make_finding("docx-link-url", lang, _where(d, p, lang), para_text(p), text=text.strip())
            elif problem == "vague":
                yield make_finding("docx-link-text", lang, _where(d, p, lang), para_text(p), text=text.strip())


_NOT_EMPTY = tuple(W + tag for tag in ("drawing", "pict", "object", "sym", "fldChar", "fldSimple",
                                       "footnoteReference", "endnoteReference", "sectPr"))


def _is_empty(p: etree._Element) -> bool:
    if para_text(p).strip():
        return False
    for el in p.iter():
        if el.tag in _NOT_EMPTY:
            return False
        if el.tag == W + "br" and _w(el, "type") in ("page", "column"):
            return False
        if isinstance(el.tag, str) and el.tag.startswith("{http://schemas.openxmlformats.org/officeDocument/"
                                                         "2006/math}"):
            return False
    return True


def check_blank_layout(d: _Docx, lang: str) -> Iterator[Finding]:
    """docx-empty-paragraph (runs of empty body paragraphs), docx-repeated-spaces.

    An empty paragraph with a border (a drawn separator, e.g. a thematic break style) is not spacing.
    """
    children = [c for c in d.body if c.tag in (W + "p", W + "tbl")]
    group: list[etree._Element] = []

    def flush() -> Iterator[Finding]:
        if group:
            yield make_finding("docx-empty-paragraph", lang, _where(d, group[0], lang), count=len(group))
            group.clear()

    for index, child in enumerate(children):
        if child.tag != W + "p" or not _is_empty(child) or d.ppr_value(child, "pBdr")[0] is not None:
            yield from flush()
            continue
        is_last = index == len(children) - 1
        before = children[index - 1].tag if index else None
        after = children[index + 1].tag if not is_last else None
        if is_last or (before == W + "tbl" and after in (W + "tbl", None)):
            yield from flush()  # Word needs this paragraph (end of body, or between two tables)
            continue
        group.append(child)
    yield from flush()
    for p in d.paragraphs:
        text = para_text(p)
        if text.strip() and not d.is_code(p) and REPEATED_BLANKS.search(text):
            yield make_finding("docx-repeated-spaces", lang, _where(d, p, lang), text)


def check_typed_bullets(d: _Docx, lang: str) -> Iterator[Finding]:
    """docx-typed-bullet: a bullet character typed at the start of a paragraph that is not a list item."""
    for p in d.paragraphs:
        text = para_text(p)
        match = TYPED_BULLET.match(text)
        if match and not d.is_numbered(p):
            yield make_finding("docx-typed-bullet", lang, _where(d, p, lang), text,
                               bullet=match.group(1) or match.group(2))


def check_small_text(d: _Docx, lang: str) -> Iterator[Finding]:
    """docx-small-text: body text below 12 pt, one finding per (style, size)."""
    found: dict[tuple[str, float], list[etree._Element]] = {}
    for p in d.paragraphs:
        if d.heading_level(p) or d.is_title(p):
            continue
        sizes = []
        for r in runs(p):
            if not run_text(r).strip():
                continue
            vert = d.rpr_value(p, r, "vertAlign")
            if vert is not None and _w(vert, "val") in ("superscript", "subscript"):
                continue
            sizes.append(d.size(p, r))
        if sizes and min(sizes) < 24:
            key = (d.style_name(d.pstyle_id(p)), min(sizes) / 2)
            found.setdefault(key, []).append(p)
    for (style, size), paragraphs in found.items():
        yield make_finding("docx-small-text", lang, _where(d, paragraphs[0], lang), para_text(paragraphs[0]),
                           size=f"{size:g}", count=len(paragraphs), style=style)


def check_justified(d: _Docx, lang: str) -> Iterator[Finding]:
    """docx-justified: ``w:jc`` both/distribute, directly or through the style; one finding per style."""
    found: dict[tuple[str, str], list[etree._Element]] = {}
    for p in d.paragraphs:
        jc, source = d.ppr_value(p, "jc")
        if jc is None or _w(jc, "val") not in JUSTIFIED or not para_text(p).strip():
            continue
        source = _loc(lang, "mise en forme directe", "direct formatting") if source == "direct" else "style"
        found.setdefault((d.style_name(d.pstyle_id(p)), source), []).append(p)
    for (style, source), paragraphs in found.items():
        yield make_finding("docx-justified", lang, _where(d, paragraphs[0], lang), para_text(paragraphs[0]),
                           count=len(paragraphs), style=style, source=source)


def check_all_caps(d: _Docx, lang: str) -> Iterator[Finding]:
    """docx-all-caps: four or more consecutive words typed in capitals (rows of short acronyms excepted)."""
    for p in d.paragraphs:
        if d.is_code(p):
            continue
        passage = caps_passage(para_text(p))
        if passage:
            yield make_finding("docx-all-caps", lang, _where(d, p, lang), passage, text=excerpt(passage))


def check_notes(d: _Docx, lang: str) -> Iterator[Finding]:
    """docx-footnote-missing, docx-footnote-unreferenced (footnotes and endnotes)."""
    for kind in ("footnote", "endnote"):
        label = (_loc(lang, "note de bas de page", "Footnote") if kind == "footnote"
                 else _loc(lang, "note de fin", "Endnote"))
        part = d.notes[kind]
        defined: dict[str, etree._Element] = {}
        if part is not None:
            for note in part.iter(W + kind):
                if (_w(note, "type") or "normal") not in NOTE_SKIP_TYPES and _w(note, "id") is not None:
                    defined[_w(note, "id") or ""] = note
        referenced = set()
        for ref in d.body.iter(W + f"{kind}Reference"):
            note_id = _w(ref, "id") or ""
            referenced.add(note_id)
            if note_id not in defined:
                p = _nearest_p(ref)
                yield make_finding("docx-footnote-missing", lang, _where(d, p, lang),
                                   para_text(p) if p is not None else "", kind=label, id=note_id)
        part_name = f"word/{kind}s.xml"
        for note_id, note in defined.items():
            if note_id not in referenced:
                text = "".join(t.text or "" for t in note.iter(W + "t"))
                yield make_finding("docx-footnote-unreferenced", lang, part_name, text, kind=label, id=note_id)
