"""EPUB 3 writer (issue 2, point 5): the sample's EPUB opened with zipfile and read with lxml.

Package (OPF) metadata, accessibility metadata derived from the content, the navigation document, chapters,
notes, ``epub:type`` + role pairs, well-formed XHTML; EPUBCheck on the EPUB and the Nu checker on the HTML
page (skipped when the tool is missing, failed under ``CARNET_REQUIRE_CHECKERS=1``).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

import pytest
from checkers import epubcheck, nu_html
from lxml import etree

from converter import read, write
from converter import tree as t
from converter.transforms import apply_transforms

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "input" / "carnet-exemple.md"
PNG = REPO / "input" / "images" / "frequentation-epn.png"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "c": "urn:oasis:names:tc:opendocument:xmlns:container"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# epub:type values that have a DPUB-ARIA role (https://www.w3.org/TR/dpub-aria-1.1/), and that role.
DPUB_ROLES = {name: f"doc-{name}" for name in (
    "abstract", "acknowledgments", "afterword", "appendix", "backlink", "biblioentry", "bibliography",
    "biblioref", "chapter", "colophon", "conclusion", "cover", "credit", "credits", "dedication", "endnotes",
    "epigraph", "epilogue", "errata", "example", "footnote", "foreword", "glossary", "glossref", "index",
    "introduction", "noteref", "notice", "pagebreak", "part", "preface", "prologue", "pullquote", "qna",
    "subtitle", "tip", "toc")}
DPUB_ROLES["page-list"] = "doc-pagelist"


class Epub:
    """An EPUB opened for tests: its files, OPF, spine and parsed XHTML documents."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.xpath("//c:rootfile/@full-path", namespaces=NS)[0]
        self.base = posixpath.dirname(self.opf_path)
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        self.manifest = {item.get("id"): item for item in self.opf.xpath("//opf:manifest/opf:item", namespaces=NS)}
        self.spine = [self.manifest[ref.get("idref")].get("href")
                      for ref in self.opf.xpath("//opf:spine/opf:itemref", namespaces=NS)]
        self.nav_href = next(i.get("href") for i in self.manifest.values() if "nav" in (i.get("properties") or ""))
        self.documents = {i.get("href"): self.xhtml(i.get("href")) for i in self.manifest.values()
                          if i.get("media-type") == "application/xhtml+xml"}

    def xhtml(self, href: str) -> etree._Element:
        return etree.fromstring(self.zip.read(posixpath.join(self.base, href)))

    def metas(self, prop: str) -> list[etree._Element]:
        return self.opf.xpath(f"//opf:metadata/opf:meta[@property='{prop}']", namespaces=NS)

    def meta_values(self, prop: str) -> list[str]:
        return [m.text for m in self.metas(prop)]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.xpath(f"//opf:metadata/dc:{name}", namespaces=NS)]

    @property
    def nav(self) -> etree._Element:
        return self.documents[self.nav_href]

    def nav_of(self, kind: str) -> etree._Element | None:
        found = self.nav.xpath(f"//x:nav[@epub:type='{kind}']", namespaces=NS)
        return found[0] if found else None

    def resolve(self, from_href: str, href: str) -> etree._Element | None:
        """The element a link points at (None when the file or the id does not exist)."""
        file_part, _, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(from_href), file_part)) if file_part \
            else from_href
        document = self.documents.get(target)
        if document is None:
            return None
        if not fragment:
            return document
        found = document.xpath(f"//*[@id='{fragment}']")
        return found[0] if found else None

    @property
    def chapters(self) -> list[str]:
        return [href for href in self.spine if href.startswith("chapitre-")]


def write_carnet(tmp_path: Path, markdown: str, name: str = "carnet") -> Epub:
    source = tmp_path / f"{name}.md"
    source.write_text(markdown, encoding="utf-8")
    (tmp_path / "i.png").write_bytes(PNG.read_bytes())
    return Epub(write(read(source), "epub", tmp_path / f"{name}.epub"))


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory) -> Path:
    return write(read(SAMPLE), "epub", tmp_path_factory.mktemp("epub") / "carnet-exemple.epub")


@pytest.fixture(scope="module")
def book(sample_path) -> Epub:
    return Epub(sample_path)


# --- container --------------------------------------------------------------------------------------------


def test_mimetype_is_the_first_entry(book):
    assert book.zip.infolist()[0].filename == "mimetype"


def test_mimetype_is_stored_uncompressed(book):
    assert book.zip.infolist()[0].compress_type == zipfile.ZIP_STORED


def test_mimetype_content(book):
    assert book.zip.read("mimetype") == b"application/epub+zip"


def test_every_xml_part_is_well_formed(book):
    for name in book.zip.namelist():
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            etree.fromstring(book.zip.read(name))  # raises on a malformed part


# --- OPF package metadata ---------------------------------------------------------------------------------


def test_package_xml_lang(book):
    assert book.opf.get(XML_LANG) == "fr"


def test_dc_title(book):
    assert book.dc("title") == ["Carnet d’exemple\u202f: la médiation numérique à Villeneuve"]


def test_dc_language(book):
    assert book.dc("language") == ["fr"]


def test_dc_identifier_is_the_unique_identifier(book):
    unique = book.opf.get("unique-identifier")
    identifiers = book.opf.xpath(f"//dc:identifier[@id='{unique}']", namespaces=NS)
    assert len(identifiers) == 1 and identifiers[0].text.startswith("urn:uuid:")


def test_dc_identifier_stable_between_runs(book, tmp_path):
    again = Epub(write(read(SAMPLE), "epub", tmp_path / "again.epub"))
    assert again.dc("identifier") == book.dc("identifier")


def test_dc_creators(book):
    assert book.dc("creator") == ["Équipe des Carnets NEC", "Claire Martin"]


def test_dc_publishers(book):
    assert book.dc("publisher") == ["Programme Société Numérique de l’ANCT", "La MedNum"]


def test_dc_rights(book):
    assert book.dc("rights") == ["Licence Ouverte / Open Licence 2.0"]


def test_dcterms_modified(book):
    values = book.meta_values("dcterms:modified")
    assert len(values) == 1 and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", values[0])


# --- accessibility metadata -------------------------------------------------------------------------------


def test_access_modes(book):
    assert sorted(book.meta_values("schema:accessMode")) == ["textual", "visual"]


def test_access_mode_sufficient(book):
    assert book.meta_values("schema:accessModeSufficient") == ["textual"]


@pytest.mark.parametrize("feature", ["structuralNavigation", "tableOfContents", "readingOrder",
                                     "alternativeText", "pageNavigation", "pageBreakMarkers",
                                     "displayTransformability"])
def test_accessibility_feature(book, feature):
    assert feature in book.meta_values("schema:accessibilityFeature")


def test_accessibility_hazard_none(book):
    assert book.meta_values("schema:accessibilityHazard") == ["none"]


def test_accessibility_summary_in_french(book):
    summary = book.meta_values("schema:accessibilitySummary")
    assert len(summary) == 1 and "Publication conforme" in summary[0] and "This publication" not in summary[0]


def test_conforms_to_exact_string(book):
    assert book.meta_values("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]


def test_certified_by_refines_the_conformance_claim(book):
    claim = book.metas("dcterms:conformsTo")[0]
    certifier = book.metas("a11y:certifiedBy")
    assert len(certifier) == 1 and certifier[0].get("refines") == "#" + claim.get("id") and certifier[0].text


def test_page_break_source_with_a_page_list(book):
    assert len(book.meta_values("pageBreakSource")) == 1 and book.nav_of("page-list") is not None


PLAIN = "---\ntitle: Sans pages\n---\n\n## Partie\n\nTexte.\n"


def test_no_page_features_without_page_markers(tmp_path):
    plain = write_carnet(tmp_path, PLAIN)
    features = plain.meta_values("schema:accessibilityFeature")
    assert "pageNavigation" not in features and "pageBreakMarkers" not in features


def test_no_page_break_source_without_page_markers(tmp_path):
    assert write_carnet(tmp_path, PLAIN).meta_values("pageBreakSource") == []


def test_no_page_list_without_page_markers(tmp_path):
    assert write_carnet(tmp_path, PLAIN).nav_of("page-list") is None


def test_no_visual_mode_without_images(tmp_path):
    assert write_carnet(tmp_path, PLAIN).meta_values("schema:accessMode") == ["textual"]


def test_no_alternative_text_when_an_image_lacks_alt(tmp_path):
    book = write_carnet(tmp_path, "---\ntitle: T\n---\n\n## Partie\n\n![Un graphique.](i.png)\n\n![](i.png)\n")
    assert "alternativeText" not in book.meta_values("schema:accessibilityFeature")


def test_alternative_text_when_every_image_has_alt(tmp_path):
    book = write_carnet(tmp_path, "---\ntitle: T\n---\n\n## Partie\n\n![Un graphique.](i.png)\n")
    assert "alternativeText" in book.meta_values("schema:accessibilityFeature")


def test_accessibility_summary_in_english_for_lang_en(tmp_path):
    book = write_carnet(tmp_path, "---\ntitle: T\nlang: en\n---\n\n## Part\n\nText.\n")
    assert book.meta_values("schema:accessibilitySummary")[0].startswith("This publication")


# --- navigation document ----------------------------------------------------------------------------------


def test_nav_toc_role(book):
    toc = book.nav_of("toc")
    assert toc is not None and toc.get("role") == "doc-toc"


def test_nav_toc_entries_resolve(book):
    links = book.nav_of("toc").xpath(".//x:a/@href", namespaces=NS)
    assert links and all(book.resolve(book.nav_href, href) is not None for href in links)


def test_nav_toc_in_reading_order(book):
    labels = [a.text for a in book.nav_of("toc").xpath(".//x:a", namespaces=NS)]
    assert labels == ["Note sur cette édition accessible", "Présentation", "Rencontre avec l’équipe",
                      "Un entretien croisé", "Ce qu’il faut retenir", "Lexique"]


def landmarks(book) -> dict[str, str]:
    return {a.get(EPUB_TYPE): a.get("href") for a in book.nav_of("landmarks").xpath(".//x:a", namespaces=NS)}


def test_landmarks_toc(book):
    assert book.resolve(book.nav_href, landmarks(book)["toc"]) is not None


def test_landmarks_bodymatter(book):
    assert book.resolve(book.nav_href, landmarks(book)["bodymatter"]) is not None


def page_list(book) -> list[tuple[str, str]]:
    return [(a.text, a.get("href")) for a in book.nav_of("page-list").xpath(".//x:a", namespaces=NS)]


def test_page_list_link_text_is_the_page_number(book):
    assert [label for label, _ in page_list(book)] == ["1", "2", "3"]


def test_page_list_targets_are_page_breaks(book):
    targets = [book.resolve(book.nav_href, href) for _, href in page_list(book)]
    assert all(t is not None and t.get(EPUB_TYPE) == "pagebreak" for t in targets)


def test_page_list_in_reading_order(book):
    order = []
    for href in book.spine:
        order += [f"{href}#{e.get('id')}" for e in book.documents[href].xpath("//*[@epub:type='pagebreak']",
                                                                              namespaces=NS)]
    assert [href for _, href in page_list(book)] == order


def test_page_list_role(book):
    assert book.nav_of("page-list").get("role") == "doc-pagelist"


def test_page_marker_inside_a_note_is_in_the_page_list(tmp_path):
    """issue 2: a page that starts inside a footnote was marked in the text but missing from the page list."""
    book = write_carnet(tmp_path, "---\ntitle: T\n---\n\n## A\n\nUn[^x] mot.\n\n{{page 5}}\n\nSuite.\n\n"
                                  "[^x]: Une longue note {{page 4}} qui continue.\n")
    assert [label for label, _ in page_list(book)] == ["5", "4"]
    assert all(book.resolve(book.nav_href, href) is not None for _, href in page_list(book))


def test_page_breaks_named_by_their_number(book):
    breaks = [e for href in book.chapters for e in book.documents[href].xpath("//*[@epub:type='pagebreak']",
                                                                              namespaces=NS)]
    assert [e.get("aria-label") or e.get("title") for e in breaks] == ["1", "2", "3"]


# --- chapters and notes -----------------------------------------------------------------------------------


def test_one_chapter_per_top_level_section(book):
    assert len(book.chapters) == len([b for b in read(SAMPLE).children if type(b).__name__ == "Section"]) == 4


def test_chapters_open_with_their_section_heading(book):
    """Each chapter file opens with its section's heading as its h1 (no file without an h1)."""
    firsts = [book.documents[href].xpath("//x:h1", namespaces=NS)[0].xpath("string()") for href in book.chapters]
    assert firsts == ["Note sur cette édition accessible", "Présentation", "Rencontre avec l’équipe", "Lexique"]


def test_chapter_with_a_page_marker_before_its_heading_starts_with_it(book):
    """issue 2: page 3 starts with the heading "Rencontre avec l’équipe", so it belongs to that chapter."""
    assert dict(page_list(book))["3"].startswith("chapitre-03.xhtml#")


def footnotes(book) -> list[tuple[str, etree._Element]]:
    return [(href, aside) for href in book.chapters
            for aside in book.documents[href].xpath("//*[@epub:type='footnote']", namespaces=NS)]


def test_notes_are_asides(book):
    assert len(footnotes(book)) == 3 and all(a.tag == f"{{{NS['x']}}}aside" for _, a in footnotes(book))


def test_notes_have_the_footnote_role(book):
    assert all(a.get("role") == "doc-footnote" for _, a in footnotes(book))


def test_note_numbers_run_across_the_book(book):
    assert [(href, a.get("id")) for href, a in footnotes(book)] == [
        ("chapitre-02.xhtml", "note-1"), ("chapitre-02.xhtml", "note-2"), ("chapitre-03.xhtml", "note-3")]


def test_noterefs_resolve_to_their_notes(book):
    refs = [(href, a) for href in book.chapters
            for a in book.documents[href].xpath("//*[@epub:type='noteref']", namespaces=NS)]
    assert len(refs) == 3
    assert all(book.resolve(href, a.get("href")).get(EPUB_TYPE) == "footnote" for href, a in refs)


def test_backlinks_resolve_to_their_calls(book):
    links = [(href, a) for href in book.chapters
             for a in book.documents[href].xpath("//*[@epub:type='backlink']", namespaces=NS)]
    assert len(links) == 3
    assert all(book.resolve(href, a.get("href")).get(EPUB_TYPE) == "noteref" for href, a in links)


def test_noteref_across_files_resolves(tmp_path):
    """A note called again from a later chapter is reached across files."""
    book = write_carnet(tmp_path, "---\ntitle: T\n---\n\n## A\n\nUn[^x].\n\n## B\n\nDeux[^x].\n\n[^x]: X.\n")
    refs = [(href, a.get("href")) for href in book.chapters
            for a in book.documents[href].xpath("//*[@epub:type='noteref']", namespaces=NS)]
    assert any("#" in h and not h.startswith("#") for _, h in refs)
    assert all(book.resolve(href, h) is not None for href, h in refs)


def test_links_resolve_with_uncalled_notes_and_repeated_calls(tmp_path):
    """issue 2: EPUBCheck RSC-012 — an uncalled note's back link pointed at a call that does not exist."""
    book = write_carnet(tmp_path, "---\ntitle: T\n---\n\n## A\n\n!!! pullquote\n\n    Repris[^y].\n\n"
                                  "Un[^x]. Repris[^y].\n\n## B\n\nDeux[^x].\n\n[^x]: X.\n[^y]: Y.\n[^z]: Z.\n")
    broken = [(href, a.get("href")) for href, document in book.documents.items()
              for a in document.xpath("//x:a[@href]", namespaces=NS)
              if not re.match(r"^[a-z]+:", a.get("href")) and book.resolve(href, a.get("href")) is None]
    assert broken == []


def test_every_internal_link_resolves(book):
    broken = []
    for href, document in book.documents.items():
        for link in document.xpath("//x:a[@href]", namespaces=NS):
            target = link.get("href")
            if not re.match(r"^[a-z]+:", target) and book.resolve(href, target) is None:
                broken.append((href, target))
    assert broken == []


def test_every_epub_type_has_its_role(book):
    missing = []
    for href, document in book.documents.items():
        for element in document.xpath("//*[@epub:type]", namespaces=NS):
            if element.xpath("ancestor::x:nav[@epub:type='landmarks']", namespaces=NS):
                continue  # landmark links name the targets' kind; they are not themselves that kind
            for kind in element.get(EPUB_TYPE).split():
                role = DPUB_ROLES.get(kind)
                if role and role not in (element.get("role") or "").split():
                    missing.append((href, element.tag.split("}")[1], kind))
    assert missing == []


def test_language_spans_have_xml_lang(book):
    spans = [e for href in book.chapters for e in book.documents[href].xpath("//x:span[@lang='en']", namespaces=NS)]
    assert spans and all(e.get(XML_LANG) == "en" for e in spans)


def test_content_documents_have_a_language(book):
    assert all(d.get("lang") == "fr" and d.get(XML_LANG) == "fr" for d in book.documents.values())


def test_image_in_the_book_with_alt(book):
    images = [e for href in book.chapters for e in book.documents[href].xpath("//x:img", namespaces=NS)]
    assert len(images) == 1 and images[0].get("alt", "").startswith("Diagramme en barres")
    assert posixpath.join(book.base, images[0].get("src")) in book.zip.namelist()


# --- issue 8: minimal trees from the hypothesis validator sample (tests/test_properties.py) -----------------


def broken_links(book: Epub) -> list[tuple[str, str]]:
    return [(href, a.get("href")) for href, document in book.documents.items()
            for a in document.xpath("//x:a[@href]", namespaces=NS)
            if not re.match(r"^[a-z]+:", a.get("href")) and book.resolve(href, a.get("href")) is None]


def test_link_to_an_id_the_book_lacks_is_text(tmp_path):
    """issue 8: EPUBCheck RSC-012 — a link to ``#ancre``, an id no chapter holds, pointed nowhere; its text
    stays, without the link. A link to an id the book holds still resolves."""
    book = write_carnet(tmp_path, "---\ntitle: T\n---\n\n## A\n\n[Perdu](#ancre) et [trouvé](#b).\n\n## B\n\nFin.\n")
    chapter = next(book.documents[href] for href in book.chapters
                   if "Perdu" in "".join(book.documents[href].itertext()))
    hrefs = [a.get("href") for a in chapter.xpath("//x:p//x:a", namespaces=NS)]
    assert len(hrefs) == 1 and hrefs[0].endswith("#b") and hrefs[0] != "#b"
    assert broken_links(book) == []


def test_carnet_without_headings_has_a_table_of_contents(tmp_path):
    """issue 8: a carnet without headings had an empty ``<ol>`` as its table of contents (invalid); it
    lists its chapter."""
    book = write_carnet(tmp_path, "---\ntitle: Sans titres\nreader_note: false\n---\n\nUn paragraphe.\n")
    entries = book.nav_of("toc").xpath(".//x:li/x:a", namespaces=NS)
    assert [a.text for a in entries] == ["Sans titres"]
    assert all(book.resolve(book.nav_href, a.get("href")) is not None for a in entries)


def test_chapter_ids_are_unique_when_a_heading_takes_the_notes_id(tmp_path):
    """issue 8: the title of a chapter's footnotes had the id ``notes-chapitre-01``, which a heading of that
    name also gets (a duplicate id)."""
    book = write_carnet(tmp_path, "---\ntitle: T\nreader_note: false\n---\n\n## Notes chapitre 01\n\n"
                                  "Un appel[^x].\n\n[^x]: X.\n")
    chapter = book.documents[book.chapters[0]]
    ids = chapter.xpath("//@id")
    assert "notes-chapitre-01" in ids and len(ids) == len(set(ids))
    section = chapter.xpath("//x:section[@class='footnotes']", namespaces=NS)[0]
    assert chapter.xpath(f"//*[@id='{section.get('aria-labelledby')}']/@class") == ["notes-title"]


def issue8_tree() -> t.Document:
    """Every tree the hypothesis sample found, in one carnet without headings (so the table of contents is
    the fallback one): links in links, a note call in a link, a link to a missing id, table spans HTML's table
    model rejects, headings typed inside a quotation, headings without text, blank metadata, and what a
    careless source gives (see ``careless``)."""
    link = t.Link(target="https://example.org/a", children=[
        t.Text(text="a "), t.Link(target="#ancre", children=[t.Text(text="b")]), t.NoteRef(note_id="n")])
    table = t.Table(rows=[t.Row(cells=[t.Cell(children=[t.Text(text="a")], colspan=2),
                                       t.Cell(children=[t.Text(text="b")], rowspan=3)]), t.Row(cells=[])])
    quote = t.BlockQuote(children=[t.Heading(level=5, children=[t.Text(text="Cité")]),
                                   t.Paragraph(children=[t.Link(target="#ancre", children=[t.Text(text="c")])])])
    # A blank title and author, headings without text (EPUBCheck: empty dc:creator, nav anchors and titles).
    textless = [t.Heading(level=2, children=[t.Text(text=" ")]), t.Heading(level=2, children=[t.LineBreak()])]
    # What a careless source gives: a target with spaces, one without a host, a term without definition, a
    # language that is no tag, an id given twice.
    careless = [
        t.Paragraph(id="double", lang="français", children=[
            t.Link(target="https://example.org/a b", children=[t.Text(text="d")]),
            t.Link(target="http://", children=[t.Text(text="e")])]),
        t.DefinitionList(items=[t.DefinitionItem(term=[t.Text(text="Terme seul")], definitions=[])]),
        t.Paragraph(id="double", children=[t.Text(text="f")]),
    ]
    document = t.Document(meta=t.Meta(title=" ", authors=[" ", "Autrice"], reader_note=False),
                          children=[*textless, t.Paragraph(children=[link]), table, quote, *careless],
                          notes=[t.Note(id="n", children=[t.Paragraph(children=[t.Text(text="N.")])])])
    return apply_transforms(document)


def test_issue8_tree_is_well_formed_and_links_resolve(tmp_path):
    book = Epub(write(issue8_tree(), "epub", tmp_path / "issue8.epub"))
    chapter = book.documents[book.chapters[0]]
    assert chapter.xpath("//x:a//x:a", namespaces=NS) == []
    assert broken_links(book) == []
    assert book.dc("title") == ["Carnet"] and book.dc("creator") == ["Autrice"]
    assert all("".join(a.itertext()).strip() for a in book.nav.xpath("//x:nav//x:a", namespaces=NS))


def test_issue8_tree_passes_epubcheck(tmp_path, require_tool):
    require_tool("epubcheck", "validate the issue 8 tree")
    result = epubcheck(write(issue8_tree(), "epub", tmp_path / "issue8.epub"))
    assert result.fatal == result.error == 0, result.summary()


# --- reference checkers -----------------------------------------------------------------------------------


def test_epubcheck_reports_nothing_on_the_sample(sample_path, require_tool):
    require_tool("epubcheck", "validate the sample's EPUB")
    result = epubcheck(sample_path)
    assert result.clean, result.summary()


def test_nu_checker_finds_no_error_in_the_html(tmp_path, require_tool):
    require_tool("vnu", "validate the sample's HTML page")
    page = write(read(SAMPLE), "html", tmp_path / "carnet-exemple.html")
    result = nu_html(page)
    assert result.errors == [], result.summary()
