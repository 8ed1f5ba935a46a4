"""HTML and XHTML accessibility rules for ``carnet check`` — the structural checks that need no browser.

Place in the pipeline: after the HTML and EPUB writers, independent of them. ``check_file`` checks a standalone
page (``.html``, ``.htm``, ``.xhtml``); :mod:`converter.checks.epub` reuses :func:`check_page` and
:func:`check_notes` on every content document of a book. What needs rendering (contrast, reflow, focus) is left to
axe-core and Ace in the checker gate.

Parsing never resolves entities nor touches the network (``resolve_entities=False, no_network=True``). ``.xhtml``
is parsed as XML, falling back to the HTML parser when it is not well-formed; ``.html`` with lxml's HTML parser.
Both shapes are handled by the helpers below (``epub:type`` is a namespaced attribute in XML and a plain
``epub:type`` attribute name for the HTML parser).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from converter.checks import CheckError, Finding, make_finding
from converter.checks.docx import link_text_problem

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_NS = "http://www.w3.org/XML/1998/namespace"

XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
HTML_PARSER = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)

LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
JUSTIFY = re.compile(r"text-align\s*:\s*justify", re.I)
GENERIC_TITLES = {"", "untitled", "sans titre", "document", "page", "index", "titre", "title", "nouveau document",
                  "new document", "document sans titre", "untitled document"}
SECTIONING = {"article", "aside", "main", "nav", "section"}
HEADINGS = {f"h{n}": n for n in range(1, 7)}

# epub:type values that have a DPUB-ARIA role (EPUB Type to ARIA Role Authoring Guide); deprecated roles
# (doc-endnote, doc-biblioentry) are not asked for.
EPUB_TYPE_ROLES = {
    t: f"doc-{t}" for t in (
        "abstract", "acknowledgments", "afterword", "appendix", "backlink", "bibliography", "biblioref",
        "chapter", "colophon", "conclusion", "cover", "credit", "credits", "dedication", "endnotes", "epigraph",
        "epilogue", "errata", "example", "footnote", "foreword", "glossary", "glossref", "index",
        "introduction", "noteref", "notice", "pagebreak", "part", "preface", "prologue", "pullquote", "qna",
        "subtitle", "tip", "toc")
}
EPUB_TYPE_ROLES["page-list"] = "doc-pagelist"
NO_ROLE_ELEMENTS = {"html", "body", "head"}
NOTE_ROLES = {"doc-footnote", "doc-endnote"}
NOTE_TYPES = {"footnote", "endnote", "rearnote", "note"}
ENDNOTES_ROLES = {"doc-endnotes"}
ENDNOTES_TYPES = {"endnotes", "rearnotes"}


# ===================================================================== helpers


def local(el: etree._Element) -> str:
    """Lower-case local name of an element ('' for comments and processing instructions)."""
    if not isinstance(el.tag, str):
        return ""
    return etree.QName(el).localname.lower()


def attr(el: etree._Element, name: str) -> str | None:
    """An attribute, with ``epub:type`` and ``xml:lang`` found whichever parser built the tree."""
    if name == "epub:type":
        value = el.get(f"{{{EPUB_NS}}}type")
        return value if value is not None else el.get("epub:type")
    if name == "xml:lang":
        value = el.get(f"{{{XML_NS}}}lang")
        return value if value is not None else el.get("xml:lang")
    return el.get(name)


def roles(el: etree._Element) -> set[str]:
    return set((el.get("role") or "").split())


def epub_types(el: etree._Element) -> set[str]:
    return set((attr(el, "epub:type") or "").split())


def elements(root: etree._Element) -> Iterator[etree._Element]:
    for el in root.iter():
        if isinstance(el.tag, str):
            yield el


def hidden(el: etree._Element) -> bool:
    """Hidden from assistive technology by aria-hidden or the hidden attribute (on itself or an ancestor)."""
    for node in (el, *el.iterancestors()):
        if node.get("aria-hidden") == "true" or node.get("hidden") is not None:
            return True
    return False


def text_of(el: etree._Element) -> str:
    """Text as an accessible-name computation sees it: img alt included, hidden subtrees and scripts left out."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        name = local(node)
        if name in ("script", "style", "template") or node.get("aria-hidden") == "true":
            return
        if name == "img":
            parts.append(node.get("alt") or "")
        elif node.get("aria-label") and node is not el:
            parts.append(node.get("aria-label") or "")
            return
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join("".join(parts).split())


def css_path(el: etree._Element) -> str:
    """A short CSS-like path to ``el``, stopping at the nearest ancestor with an id."""
    parts = []
    node: etree._Element | None = el
    while node is not None and local(node) not in ("html", ""):
        name = local(node)
        if node.get("id"):
            parts.append(f"{name}#{node.get('id')}")
            break
        parent = node.getparent()
        same = [s for s in parent if local(s) == name] if parent is not None else [node]
        parts.append(f"{name}:nth-of-type({same.index(node) + 1})" if len(same) > 1 else name)
        node = parent
    return " > ".join(reversed(parts)) or "html"


@dataclass
class Page:
    """One parsed (X)HTML document: a standalone page, or a content document of an EPUB (``name`` its path)."""

    name: str
    root: etree._Element
    ids: dict[str, etree._Element] = field(default_factory=dict)
    order: dict[etree._Element, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for index, el in enumerate(elements(self.root)):
            self.order[el] = index
            el_id = el.get("id")
            if el_id and el_id not in self.ids:
                self.ids[el_id] = el

    def where(self, el: etree._Element | None) -> str:
        if el is None:
            return self.name
        number = el.sourceline or "?"
        line = f"{self.name}:{number}" if self.name else f"{number}"
        return f"{line} {css_path(el)}"

    def find_all(self, *names: str) -> list[etree._Element]:
        return [el for el in elements(self.root) if local(el) in names]

    def name_of(self, el: etree._Element) -> str:
        """Simplified accessible name: aria-labelledby, aria-label, content, title."""
        labelledby = el.get("aria-labelledby")
        if labelledby:
            names = [text_of(self.ids[i]) for i in labelledby.split() if i in self.ids]
            if any(names):
                return " ".join(n for n in names if n)
        label = (el.get("aria-label") or "").strip()
        if label:
            return label
        content = text_of(el)
        if content:
            return content
        return " ".join((el.get("title") or "").split())


def parse(data: bytes, name: str, xml: bool) -> Page:
    """Parse (X)HTML bytes safely; raise ``etree.XMLSyntaxError`` when ``xml`` and not well-formed."""
    root = etree.fromstring(data, XML_PARSER) if xml else etree.fromstring(data, HTML_PARSER)
    if root is None:
        raise etree.XMLSyntaxError("empty document", None, 0, 0)  # type: ignore[call-arg]
    return Page(name=name, root=root)


def resolve(base: str, href: str) -> tuple[str, str] | None:
    """(document path, fragment) that ``href`` in document ``base`` points to; ``None`` for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return base, unquote(parts.fragment)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(base), path))
    return target, unquote(parts.fragment)


def is_pagebreak(el: etree._Element) -> bool:
    return "doc-pagebreak" in roles(el) or "pagebreak" in epub_types(el)


def is_note(el: etree._Element) -> bool:
    if roles(el) & NOTE_ROLES or epub_types(el) & NOTE_TYPES:
        return local(el) != "a"
    if local(el) == "li" and el.get("id"):
        for ancestor in el.iterancestors():
            if roles(ancestor) & ENDNOTES_ROLES or epub_types(ancestor) & ENDNOTES_TYPES:
                return True
    return False


def note_of(el: etree._Element) -> etree._Element | None:
    for node in (el, *el.iterancestors()):
        if is_note(node):
            return node
    return None


def is_noteref(el: etree._Element) -> bool:
    return local(el) == "a" and ("doc-noteref" in roles(el) or "noteref" in epub_types(el))


def heading_level(el: etree._Element) -> int:
    name = local(el)
    if name in HEADINGS:
        return HEADINGS[name]
    if "heading" in roles(el):
        try:
            return int(el.get("aria-level") or "2")
        except ValueError:
            return 2
    return 0


# ===================================================================== per-page rules


def check_page(page: Page, lang: str, standalone: bool) -> list[Finding]:
    """Rules that look at one document. ``standalone``: a web page (landmarks, one h1) rather than an EPUB
    content document."""
    findings: list[Finding] = []
    findings += _lang_and_title(page, lang)
    if standalone:
        findings += _landmarks(page, lang)
    findings += _headings(page, lang, standalone)
    findings += _images_and_links(page, lang)
    findings += _markup_semantics(page, lang)
    findings += _backlinks(page, lang)
    findings += check_css_in_page(page, lang)
    return findings


def _lang_and_title(page: Page, lang: str) -> Iterator[Finding]:
    root = page.root
    html_lang = (root.get("lang") or "").strip()
    xml_lang = (attr(root, "xml:lang") or "").strip()
    value = html_lang or xml_lang
    if not value or not LANG_TAG.match(value):
        yield make_finding("html-lang", lang, page.where(root), value=value)
    elif html_lang and xml_lang and html_lang.lower() != xml_lang.lower():
        yield make_finding("html-lang-mismatch", lang, page.where(root), lang=html_lang, xmllang=xml_lang)
    titles = [el for el in page.find_all("title") if local(el.getparent()) == "head"]
    title = " ".join((titles[0].text or "").split()) if titles else ""
    if (title.lower() in GENERIC_TITLES or re.fullmatch(r"[\w\-.]+\.(x?html?|docx|epub)", title)):
        yield make_finding("html-title", lang, page.where(titles[0] if titles else root), title=title)


LANDMARKS = (
    ("banner", "header", {"fr": "en-tête (banner)", "en": "header (banner)"}),
    ("navigation", "nav", {"fr": "navigation", "en": "navigation"}),
    ("contentinfo", "footer", {"fr": "pied de page (contentinfo)", "en": "footer (contentinfo)"}),
)


# DPUB-ARIA roles whose superclass is navigation: a <nav role="doc-toc"> is the page's navigation.
NAVIGATION_SUBROLES = {"doc-toc", "doc-pagelist", "doc-index"}


def _top_level(el: etree._Element) -> bool:
    return not any(local(a) in SECTIONING for a in el.iterancestors())


def _landmarks(page: Page, lang: str) -> Iterator[Finding]:
    mains = [el for el in elements(page.root)
             if (local(el) == "main" or "main" in roles(el)) and not hidden(el)]
    if len(mains) != 1:
        yield make_finding("html-main", lang, page.where(mains[1] if len(mains) > 1 else None) or "body",
                           count=len(mains))
    for role, element, names in LANDMARKS:
        present = False
        for el in elements(page.root):
            if role in roles(el) or (role == "navigation" and roles(el) & NAVIGATION_SUBROLES):
                present = True
            elif local(el) == element and not el.get("role"):
                present = role == "navigation" or _top_level(el)
            if present:
                break
        if not present:
            yield make_finding("html-landmark", lang, "body", landmark=names["fr" if lang == "fr" else "en"],
                               element=element, role=role)


def _headings(page: Page, lang: str, standalone: bool) -> Iterator[Finding]:
    previous = 0
    h1s = 0
    for el in elements(page.root):
        level = heading_level(el)
        if not level or hidden(el):
            continue
        name = page.name_of(el)
        if not name:
            yield make_finding("html-heading-empty", lang, page.where(el))
            continue
        if level == 1:
            h1s += 1
        if previous and level > previous + 1:
            yield make_finding("html-heading-order", lang, page.where(el), name,
                               level=level, previous=previous, expected=previous + 1)
        previous = level
    if standalone and h1s != 1:
        yield make_finding("html-h1", lang, "body", count=h1s)


def _images_and_links(page: Page, lang: str) -> Iterator[Finding]:
    for el in elements(page.root):
        name = local(el)
        if name == "img" and el.get("alt") is None and not hidden(el) and not roles(el) & {"presentation", "none"}:
            yield make_finding("html-img-alt", lang, page.where(el), src=el.get("src") or "")
        elif name != "img" and "img" in roles(el) and not hidden(el) and not page.name_of(el):
            yield make_finding("html-img-alt", lang, page.where(el), src=name)
        elif name == "a" and el.get("href") is not None and not hidden(el):
            accessible = page.name_of(el)
            href = el.get("href") or ""
            if not accessible:
                yield make_finding("html-link-name", lang, page.where(el), href=href)
                continue
            problem = link_text_problem(accessible)
            if problem == "url":
                yield make_finding("html-link-url", lang, page.where(el), accessible, text=accessible)
            elif problem == "vague":
                yield make_finding("html-link-text", lang, page.where(el), accessible, text=accessible)


def _markup_semantics(page: Page, lang: str) -> Iterator[Finding]:
    """html-pagebreak-label per marker; html-epub-type-role once per document and epub:type value."""
    missing: dict[str, list[etree._Element]] = {}
    for el in elements(page.root):
        if is_pagebreak(el) and not page.name_of(el):
            yield make_finding("html-pagebreak-label", lang, page.where(el))
        if local(el) in NO_ROLE_ELEMENTS or _in_landmarks_nav(el):
            continue
        el_roles = roles(el)
        for epub_type in sorted(epub_types(el)):
            role = EPUB_TYPE_ROLES.get(epub_type)
            if role and role not in el_roles:
                missing.setdefault(epub_type, []).append(el)
    for epub_type, found in missing.items():
        yield make_finding("html-epub-type-role", lang, page.where(found[0]), text_of(found[0]), type=epub_type,
                           role=EPUB_TYPE_ROLES[epub_type], count=len(found))


def _in_landmarks_nav(el: etree._Element) -> bool:
    """Entries of the EPUB landmarks nav carry epub:type as data (toc, bodymatter), not as semantics."""
    return any(local(a) == "nav" and "landmarks" in epub_types(a) for a in el.iterancestors())


def backlinks(page: Page) -> list[etree._Element]:
    """Links inside a note that go back to the text: role doc-backlink, or pointing at a note reference."""
    found = []
    for el in page.find_all("a"):
        if is_noteref(el) or note_of(el) is None:
            continue
        if "doc-backlink" in roles(el) or "backlink" in epub_types(el):
            found.append(el)
            continue
        target = resolve(page.name, el.get("href") or "")
        if target and target[0] == page.name and target[1] in page.ids and is_noteref(page.ids[target[1]]):
            found.append(el)
    return found


def _backlinks(page: Page, lang: str) -> Iterator[Finding]:
    names = Counter()
    first: dict[str, etree._Element] = {}
    for el in backlinks(page):
        name = page.name_of(el)
        if not any(ch.isalnum() for ch in name) or name.lower().strip(" .") in ("retour", "back", "return"):
            yield make_finding("html-backlink-name", lang, page.where(el), name=name)
            continue
        names[name] += 1
        first.setdefault(name, el)
    for name, count in names.items():
        if count > 1:
            yield make_finding("html-backlink-unique", lang, page.where(first[name]), name=name, count=count)


def check_css_in_page(page: Page, lang: str) -> Iterator[Finding]:
    for el in elements(page.root):
        if local(el) == "style" and JUSTIFY.search(el.text or ""):
            yield make_finding("html-justified", lang, page.where(el), where="<style>")
        elif JUSTIFY.search(el.get("style") or ""):
            yield make_finding("html-justified", lang, page.where(el), where="style=…")


def check_css(text: str, name: str, lang: str) -> Iterator[Finding]:
    """html-justified for a stylesheet file."""
    for number, line in enumerate(text.splitlines(), 1):
        if JUSTIFY.search(line):
            yield make_finding("html-justified", lang, f"{name}:{number}", line.strip(), where=name)


# ===================================================================== cross-document rules


def check_notes(pages: Iterable[Page], lang: str, closed: bool = True) -> list[Finding]:
    """html-noteref-target and html-note-unreferenced across ``pages`` (one page, or a whole book).

    ``closed``: every document a note reference may point to is in ``pages`` (an EPUB). For a standalone page,
    references to other files cannot be verified and are left alone.
    """
    pages = list(pages)
    by_name = {page.name: page for page in pages}
    findings: list[Finding] = []
    referenced: set[int] = set()
    for page in pages:
        for el in page.find_all("a"):
            if not is_noteref(el):
                continue
            href = el.get("href") or ""
            target = resolve(page.name, href)
            if target is not None and target[0] not in by_name and not closed:
                continue
            target_page = by_name.get(target[0]) if target else None
            target_el = target_page.ids.get(target[1]) if target_page and target else None
            note = note_of(target_el) if target_el is not None else None
            if note is None:
                findings.append(make_finding("html-noteref-target", lang, page.where(el), text_of(el), href=href))
            else:
                referenced.add(id(note))
    for page in pages:
        for el in elements(page.root):
            if is_note(el) and id(el) not in referenced:
                findings.append(make_finding("html-note-unreferenced", lang, page.where(el), text_of(el),
                                             id=el.get("id") or css_path(el)))
    return findings


# ===================================================================== standalone pages


def _msg(lang: str, fr: str, en: str) -> str:
    return fr if lang == "fr" else en


def check_file(path: Path, lang: str = "fr") -> list[Finding]:
    """Every HTML rule on a standalone page; local stylesheets it links to are checked for justification."""
    data = path.read_bytes()
    if not data.strip():
        raise CheckError(_msg(lang, f"{path}: fichier vide", f"{path}: empty file"))
    page = None
    if path.suffix.lower() == ".xhtml":
        try:
            page = parse(data, "", xml=True)
        except etree.XMLSyntaxError:
            page = None
    if page is None:
        try:
            page = parse(data, "", xml=False)
        except (etree.XMLSyntaxError, ValueError) as error:
            raise CheckError(_msg(lang, f"{path}: HTML illisible ({error})",
                                  f"{path}: unreadable HTML ({error})")) from error
    if local(page.root) != "html":
        raise CheckError(_msg(lang, f"{path}: ce n'est pas une page HTML (élément racine <{local(page.root)}>)",
                              f"{path}: not an HTML page (root element <{local(page.root)}>)"))
    findings = check_page(page, lang, standalone=True)
    findings += check_notes([page], lang, closed=False)
    for link in page.find_all("link"):
        href = link.get("href") or ""
        if "stylesheet" not in (link.get("rel") or "").split() or resolve("", href) is None:
            continue
        css = path.parent / unquote(urlsplit(href).path)
        if css.is_file():
            findings += check_css(css.read_text(encoding="utf-8", errors="replace"), href, lang)
    return findings
