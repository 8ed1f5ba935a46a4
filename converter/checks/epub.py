"""EPUB 3 accessibility rules for ``carnet check`` — what Ace by DAISY and EPUBCheck verify on the package and the
navigation, done in pure Python so a machine without Java or Chromium still gets a verdict.

Place in the pipeline: after the EPUB writer, independent of it; works on any EPUB. Reads the container, the OPF
package document, the navigation document and every XHTML content document (with the safe parsers of
:mod:`converter.checks.html`), then applies:

- package rules: ``xml:lang``, ``dc:title``, ``dc:language``, ``dc:identifier``, ``dcterms:modified``;
- accessibility metadata (EPUB Accessibility 1.1): presence, schema.org vocabulary, claims backed by content,
  conformance string and evaluator, ``pageBreakSource``;
- navigation: toc, landmarks, page-list ↔ page-break consistency, entries in reading order (NAV_011);
- every ``html-*`` rule marked for epub in the registry, on each content document, and note pairing across the
  whole book.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from converter.checks import CheckError, Finding, make_finding
from converter.checks.html import (
    XML_PARSER,
    Page,
    check_css,
    check_notes,
    check_page,
    elements,
    epub_types,
    is_pagebreak,
    local,
    parse,
    resolve,
    roles,
    text_of,
)

OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"
XML_NS = "http://www.w3.org/XML/1998/namespace"

ACCESS_MODES = {"auditory", "chartOnImage", "chemOnImage", "colorDependent", "diagramOnImage", "mathOnImage",
                "musicOnImage", "tactile", "textOnImage", "textual", "visual"}
FEATURES = {
    "alternativeText", "annotations", "ARIA", "audioDescription", "bookmarks", "braille", "captions", "ChemML",
    "closedCaptions", "describedMath", "displayTransformability", "fullRubyAnnotations", "highContrastAudio",
    "highContrastDisplay", "horizontalWriting", "index", "largePrint", "latex", "latex-chemistry",
    "longDescription", "MathML", "MathML-chemistry", "none", "openCaptions", "pageBreakMarkers",
    "pageNavigation", "printPageNumbers", "readingOrder", "rubyAnnotations", "signLanguage",
    "structuralNavigation", "synchronizedAudioText", "tableOfContents", "tactileGraphic", "tactileObject",
    "taggedPDF", "timingControl", "transcript", "ttsMarkup", "unlocked", "verticalWriting",
    "withAdditionalWordSegmentation", "withoutAdditionalWordSegmentation",
}
HAZARDS = {"flashing", "noFlashingHazard", "unknownFlashingHazard", "motionSimulation",
           "noMotionSimulationHazard", "unknownMotionSimulationHazard", "sound", "noSoundHazard",
           "unknownSoundHazard", "unknown", "none"}
CONFORMANCE = re.compile(
    r"^(?:EPUB Accessibility 1\.1 - WCAG 2\.[012] Level A{1,3}"
    r"|http://www\.idpf\.org/epub/a11y/accessibility-20170105\.html#wcag-a{1,3})$"
)
PAGE_BREAK_SOURCE = {"pageBreakSource", "a11y:pageBreakSource", "schema:pageBreakSource"}
XHTML_TYPES = {"application/xhtml+xml"}


def _msg(lang: str, fr: str, en: str) -> str:
    return fr if lang == "fr" else en


@dataclass
class Book:
    """An opened EPUB: its package document and parsed content documents."""

    opf_name: str
    opf: etree._Element
    manifest: dict[str, tuple[str, str, set[str]]]  # id -> (path in zip, media type, properties)
    spine: list[str]  # paths in reading order
    pages: dict[str, Page] = field(default_factory=dict)
    nav: Page | None = None
    css: dict[str, str] = field(default_factory=dict)

    @property
    def epub2(self) -> bool:
        """An EPUB 2 book: NCX instead of a navigation document, no dcterms:modified, guide not landmarks."""
        return (self.opf.get("version") or "3.0").strip().startswith("2")

    @property
    def has_ncx(self) -> bool:
        return any(media == "application/x-dtbncx+xml" for _, media, _ in self.manifest.values())

    def content_pages(self) -> list[Page]:
        """Spine documents in reading order, then any other XHTML (the navigation document if not in spine)."""
        ordered = [self.pages[p] for p in self.spine if p in self.pages]
        return ordered + [page for name, page in self.pages.items() if name not in self.spine]

    def position(self, target: tuple[str, str]) -> tuple[int, int] | None:
        """Reading-order position of a link target: (spine index, element index), ``None`` when not in spine."""
        doc, fragment = target
        if doc not in self.spine:
            return None
        page = self.pages.get(doc)
        index = -1
        if fragment and page is not None and fragment in page.ids:
            index = page.order[page.ids[fragment]]
        return self.spine.index(doc), index


def _read_xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name), XML_PARSER)


def open_book(path: Path, lang: str) -> tuple[Book, list[Finding]]:
    """Open and parse the EPUB; :class:`CheckError` when it is not a readable EPUB at all."""
    findings: list[Finding] = []
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise CheckError(_msg(lang, f"{path}: ce n'est pas un EPUB (pas une archive zip)",
                              f"{path}: not an EPUB (not a zip archive)")) from error
    with archive:
        names = set(archive.namelist())
        try:
            container = _read_xml(archive, "META-INF/container.xml")
            rootfile = container.find(f".//{{{CONTAINER_NS}}}rootfile")
            opf_name = rootfile.get("full-path") if rootfile is not None else None
            if not opf_name or opf_name not in names:
                raise KeyError(opf_name or "rootfile")
            opf = _read_xml(archive, opf_name)
        except KeyError as error:
            raise CheckError(_msg(
                lang, f"{path}: ce n'est pas un EPUB (META-INF/container.xml ou document OPF absent : {error})",
                f"{path}: not an EPUB (META-INF/container.xml or OPF package document missing: {error})",
            )) from error
        except etree.XMLSyntaxError as error:
            raise CheckError(_msg(lang, f"{path}: XML illisible dans le conteneur ou l'OPF ({error})",
                                  f"{path}: unreadable XML in the container or OPF ({error})")) from error
        base = posixpath.dirname(opf_name)
        manifest: dict[str, tuple[str, str, set[str]]] = {}
        for item in opf.iter(f"{{{OPF_NS}}}item"):
            href = item.get("href") or ""
            full = posixpath.normpath(posixpath.join(base, unquote(href)))
            manifest[item.get("id") or href] = (full, item.get("media-type") or "",
                                                set((item.get("properties") or "").split()))
        spine = [manifest[ref.get("idref") or ""][0] for ref in opf.iter(f"{{{OPF_NS}}}itemref")
                 if (ref.get("idref") or "") in manifest]
        book = Book(opf_name=opf_name, opf=opf, manifest=manifest, spine=spine)
        for full, media_type, properties in manifest.values():
            if full not in names:
                continue
            if media_type in XHTML_TYPES:
                try:
                    page = parse(archive.read(full), full, xml=True)
                except etree.XMLSyntaxError as error:
                    findings.append(make_finding("epub-content-unparsable", lang, full, error=str(error)))
                    continue
                book.pages[full] = page
                if "nav" in properties:
                    book.nav = page
            elif media_type == "text/css":
                book.css[full] = archive.read(full).decode("utf-8", errors="replace")
    return book, findings


def check_file(path: Path, lang: str = "fr") -> list[Finding]:
    """Every EPUB rule on the book at ``path``."""
    book, findings = open_book(path, lang)
    findings += list(check_package(book, lang))
    pages = book.content_pages()
    for page in pages:
        findings += check_page(page, lang, standalone=False)
    findings += check_notes(pages, lang)
    for name, text in book.css.items():
        findings += check_css(text, name, lang)
    findings += list(check_navigation(book, lang))
    findings += list(check_accessibility_metadata(book, lang))
    return findings


# ===================================================================== package


def _metadata(book: Book) -> etree._Element:
    metadata = book.opf.find(f"{{{OPF_NS}}}metadata")
    return metadata if metadata is not None else etree.Element("metadata")


def _dc(book: Book, name: str) -> list[str]:
    return [" ".join((el.text or "").split()) for el in _metadata(book).findall(f"{{{DC_NS}}}{name}")]


def _meta(book: Book) -> dict[str, list[tuple[str, etree._Element]]]:
    """property (or EPUB 2 name) -> [(value, element)], for every meta element."""
    found: dict[str, list[tuple[str, etree._Element]]] = {}
    for el in _metadata(book).iter(f"{{{OPF_NS}}}meta"):
        if el.get("property"):
            found.setdefault(el.get("property") or "", []).append((" ".join((el.text or "").split()), el))
        elif el.get("name"):
            found.setdefault(el.get("name") or "", []).append((" ".join((el.get("content") or "").split()), el))
    return found


def check_package(book: Book, lang: str) -> Iterator[Finding]:
    """epub-package-lang, epub-dc-title, epub-dc-language, epub-dc-identifier, epub-modified."""
    where = book.opf_name
    if not (book.opf.get(f"{{{XML_NS}}}lang") or "").strip():
        yield make_finding("epub-package-lang", lang, where)
    for rule, name in (("epub-dc-title", "title"), ("epub-dc-language", "language"),
                       ("epub-dc-identifier", "identifier")):
        if not any(_dc(book, name)):
            yield make_finding(rule, lang, where)
    if not book.epub2 and not any(value for value, _ in _meta(book).get("dcterms:modified", [])):
        yield make_finding("epub-modified", lang, where)


# ===================================================================== navigation


def _navs(book: Book, kind: str) -> list[etree._Element]:
    if book.nav is None:
        return []
    role = {"toc": "doc-toc", "page-list": "doc-pagelist"}.get(kind, "")
    return [el for el in elements(book.nav.root)
            if local(el) == "nav" and (kind in epub_types(el) or (role and role in roles(el)))]


def _entries(book: Book, nav: etree._Element) -> Iterator[tuple[etree._Element, tuple[str, str] | None]]:
    assert book.nav is not None
    for a in nav.iter():
        if local(a) == "a" and a.get("href") is not None:
            yield a, resolve(book.nav.name, a.get("href") or "")


def _order(book: Book, nav: etree._Element, rule: str, lang: str) -> Iterator[Finding]:
    assert book.nav is not None
    previous: tuple[int, int] | None = None
    for a, target in _entries(book, nav):
        position = book.position(target) if target else None
        if position is None:
            continue
        if previous is not None and position < previous:
            yield make_finding(rule, lang, book.nav.where(a), text=text_of(a))
        previous = position


def page_breaks(book: Book) -> list[tuple[Page, etree._Element]]:
    return [(page, el) for page in book.content_pages() if page is not book.nav
            for el in elements(page.root) if is_pagebreak(el)]


def check_navigation(book: Book, lang: str) -> Iterator[Finding]:
    """epub-toc, epub-toc-order, epub-landmarks, epub-page-list-*, epub-pagebreak-unlisted."""
    nav_where = book.nav.name if book.nav is not None else book.opf_name
    if book.nav is None and book.epub2:
        if not book.has_ncx:  # EPUB 2: the NCX is the table of contents; guide and NCX pageList not checked
            yield make_finding("epub-toc", lang, nav_where)
        return
    tocs = _navs(book, "toc")
    if not tocs:
        yield make_finding("epub-toc", lang, nav_where)
    else:
        yield from _order(book, tocs[0], "epub-toc-order", lang)
    landmarks = _navs(book, "landmarks")
    if not landmarks:
        yield make_finding("epub-landmarks", lang, nav_where, missing='nav epub:type="landmarks"')
    else:
        types = set()
        for a in landmarks[0].iter():
            if local(a) == "a":
                types |= epub_types(a)
        missing = [t for t in ("toc", "bodymatter") if t not in types]
        if missing:
            yield make_finding("epub-landmarks", lang, book.nav.where(landmarks[0]) if book.nav else nav_where,
                               missing=", ".join(f'epub:type="{t}"' for t in missing))
    breaks = page_breaks(book)
    page_lists = _navs(book, "page-list")
    if not page_lists:
        if breaks:
            yield make_finding("epub-page-list-missing", lang, nav_where, count=len(breaks))
        return
    assert book.nav is not None
    listed: set[int] = set()
    for a, target in _entries(book, page_lists[0]):
        page = book.pages.get(target[0]) if target else None
        el = page.ids.get(target[1]) if page is not None and target and target[1] else None
        if el is None or not is_pagebreak(el):
            yield make_finding("epub-page-list-target", lang, book.nav.where(a), text=text_of(a),
                               href=a.get("href") or "")
        else:
            listed.add(id(el))
    for page, el in breaks:
        if id(el) not in listed:
            label = el.get("aria-label") or el.get("title") or text_of(el) or el.get("id") or "?"
            yield make_finding("epub-pagebreak-unlisted", lang, page.where(el), label=label)
    yield from _order(book, page_lists[0], "epub-page-list-order", lang)


# ===================================================================== accessibility metadata


def _values(meta: dict[str, list[tuple[str, etree._Element]]], name: str) -> list[str]:
    values = []
    for value, _ in meta.get(name, []):
        if name.endswith("accessModeSufficient"):
            values.extend(v.strip() for v in value.split(",") if v.strip())
        else:
            values.append(value)
    return values


def check_accessibility_metadata(book: Book, lang: str) -> Iterator[Finding]:
    """epub-a11y-*, epub-conforms-to*, epub-certified-by, epub-page-break-source."""
    where = book.opf_name
    meta = _meta(book)
    modes = _values(meta, "schema:accessMode")
    features = _values(meta, "schema:accessibilityFeature")
    hazards = _values(meta, "schema:accessibilityHazard")
    sufficient = _values(meta, "schema:accessModeSufficient")
    for rule, values in (("epub-a11y-access-mode", modes), ("epub-a11y-feature", features),
                         ("epub-a11y-hazard", hazards), ("epub-a11y-mode-sufficient", sufficient)):
        if not any(values):
            yield make_finding(rule, lang, where)
    for prop, values, allowed in (("schema:accessMode", modes, ACCESS_MODES),
                                  ("schema:accessibilityFeature", features, FEATURES),
                                  ("schema:accessibilityHazard", hazards, HAZARDS),
                                  ("schema:accessModeSufficient", sufficient, ACCESS_MODES)):
        for value in values:
            if value and value not in allowed:
                yield make_finding("epub-a11y-vocabulary", lang, where, value=value, property=prop)
    if not any(value for value, _ in meta.get("schema:accessibilitySummary", [])):
        yield make_finding("epub-a11y-summary", lang, where)

    pages = [page for page in book.content_pages() if page is not book.nav]
    images = [el for page in pages for el in elements(page.root) if local(el) == "img"]
    if modes and "visual" not in modes and any(img.get("alt") != "" for img in images):
        yield make_finding("epub-a11y-visual", lang, where)
    has_toc = bool(_navs(book, "toc")) or (book.epub2 and book.has_ncx)
    has_page_list = bool(_navs(book, "page-list"))
    has_breaks = bool(page_breaks(book))
    claims = {
        "alternativeText": (not images or any(img.get("alt") is None for img in images),
                            _msg(lang, "des images n'ont pas d'attribut alt (ou aucune image)",
                                 "some images have no alt attribute (or there are no images)")),
        "pageNavigation": (not has_page_list, _msg(lang, "pas de page-list", "no page-list")),
        "printPageNumbers": (not has_page_list, _msg(lang, "pas de page-list", "no page-list")),
        "pageBreakMarkers": (not has_breaks, _msg(lang, "aucun marqueur de page",
                                                  "no page break markers")),
        "tableOfContents": (not has_toc, _msg(lang, "pas de nav toc", "no toc nav")),
    }
    for feature in features:
        failed, reason = claims.get(feature, (False, ""))
        if failed:
            yield make_finding("epub-a11y-feature-claim", lang, where, feature=feature, reason=reason)

    conforms = [value for value, _ in meta.get("dcterms:conformsTo", [])]
    conforms += [link.get("href") or "" for link in _metadata(book).iter(f"{{{OPF_NS}}}link")
                 if "dcterms:conformsTo" in (link.get("rel") or "").split()]
    if not any(conforms):
        yield make_finding("epub-conforms-to", lang, where)
    else:
        for value in conforms:
            if value and not CONFORMANCE.match(value):
                yield make_finding("epub-conforms-to-value", lang, where, value=value)
        if not any(value for value, _ in meta.get("a11y:certifiedBy", [])):
            yield make_finding("epub-certified-by", lang, where)
    if has_page_list:
        declared = any(value for name in PAGE_BREAK_SOURCE for value, _ in meta.get(name, []))
        refined = {(el.get("refines") or "").lstrip("#") for value, el in meta.get("source-of", [])
                   if value == "pagination"}
        declared = declared or any(el.get("id") in refined for el in _metadata(book).findall(f"{{{DC_NS}}}source"))
        if not declared:
            yield make_finding("epub-page-break-source", lang, where)
