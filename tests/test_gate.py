"""The checker gate (issue 4): every reference checker reports nothing on our real outputs.

Each carnet in ``input/*.md`` (the kitchen-sink sample and carnet #9; README files excepted) is converted once per session with
``converter.convert`` into ``output/``, and each text extracted from a carnet PDF (``input/*.txt``: carnet #9's) through
the importer into ``output/imported/`` (issue 6: the importer's outputs pass the gate like every other output), then:

- EPUB: EPUBCheck 0 fatal / 0 error / 0 warning; Ace by DAISY (``-l fr``) outcome ``pass``, 0 violations, no
  empty metadata and no missing metadata except the optional evaluator credential/report
  (``checkers.ACE_OPTIONAL_METADATA``; printed); the Nu HTML checker 0 errors on each XHTML document
  (``epub:*`` attributes removed; its warnings are printed, not counted).
- HTML: the Nu HTML checker 0 errors / 0 warnings; axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa,
  best-practice) 0 violations, ``incomplete`` printed; Chromium's accessibility tree exposes what the markup
  means (stated in :func:`test_html_accessibility_tree`); no horizontal scroll at 320 CSS px; nothing overlaps
  and nothing scrolls sideways at 200 % zoom.
- DOCX: LibreOffice opens it (Word 2007 import filter forced) and converts it to PDF whose text has the title.
- All three: ``carnet check`` (``converter.checks.check``) reports nothing.

Run it alone with ``pytest tests/test_gate.py -rA -s`` to see the figures of every checker.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import checkers
import pytest

REPO = Path(__file__).resolve().parents[1]
INPUT = REPO / "input"
OUTPUT = REPO / "output"
#: The carnets of input/ (README files excepted, as ``carnet convert`` does).
SOURCES = sorted(p for p in INPUT.glob("*.md") if not p.name.lower().startswith("readme"))
#: Plus the text extracted from carnet PDFs, through the importer (issue 6: its outputs pass the gate like
#: every other output). Written to output/imported/, beside the editions of the same carnets.
IMPORTED = sorted(INPUT.glob("*.txt"))
FORMATS = ("html", "epub", "docx")

#: Roles that are navigation landmarks (ARIA ``navigation`` and its DPUB-ARIA subclasses).
NAVIGATION_ROLES = frozenset({"navigation", "doc-toc", "doc-pagelist", "doc-index"})

Record = Callable[[str, str, str], None]

pytestmark = pytest.mark.skipif(not SOURCES, reason="no input/*.md to convert")


# --------------------------------------------------------------------------------------------------------------
# The outputs, converted once per session
# --------------------------------------------------------------------------------------------------------------


def _converter() -> Callable[..., list[Path]]:
    """``converter.convert`` (an import error fails the gate: the converter is what it checks)."""
    from converter import convert

    return convert


@pytest.fixture(scope="session")
def gate_outputs() -> dict[tuple[str, str], Path | Exception]:
    """A cache ``(source name, format) → output path`` (or the exception the conversion raised)."""
    return {}


@pytest.fixture(params=[*SOURCES, *IMPORTED], ids=[s.name for s in [*SOURCES, *IMPORTED]])
def source(request: pytest.FixtureRequest) -> Path:
    """One carnet of ``input/``."""
    return request.param


def _shown(output: Path) -> str:
    """An output's name in the figures table (the importer's are in output/imported/)."""
    return output.relative_to(OUTPUT).as_posix() if output.is_relative_to(OUTPUT) else output.name


def _output(cache: dict[tuple[str, str], Path | Exception], source: Path, fmt: str) -> Path:
    key = (source.name, fmt)
    if key not in cache:
        convert = _converter()
        try:
            out_dir = OUTPUT / "imported" if source in IMPORTED else OUTPUT
            written = convert([source], formats=(fmt,), out_dir=out_dir)
            cache[key] = next(p for p in map(Path, written) if p.suffix == f".{fmt}")
        except Exception as exc:  # the gate reports a conversion failure as a failure, once per test
            cache[key] = exc
    result = cache[key]
    if isinstance(result, Exception):
        pytest.fail(f"converting {source.name} to {fmt} failed: {type(result).__name__}: {result}", pytrace=False)
    return result


@pytest.fixture
def html(gate_outputs: dict[tuple[str, str], Path | Exception], source: Path) -> Path:
    """The HTML page of ``source``."""
    return _output(gate_outputs, source, "html")


@pytest.fixture
def epub(gate_outputs: dict[tuple[str, str], Path | Exception], source: Path) -> Path:
    """The EPUB of ``source``."""
    return _output(gate_outputs, source, "epub")


@pytest.fixture
def docx(gate_outputs: dict[tuple[str, str], Path | Exception], source: Path) -> Path:
    """The DOCX of ``source``."""
    return _output(gate_outputs, source, "docx")


# --------------------------------------------------------------------------------------------------------------
# EPUB
# --------------------------------------------------------------------------------------------------------------


def test_epubcheck(require_tool: Callable[[str, str], None], record_figures: Record, epub: Path) -> None:
    require_tool("epubcheck", "validate the EPUB")
    result = checkers.epubcheck(epub)
    print(result.summary())
    record_figures(f"EPUBCheck {result.version}", _shown(epub),
                   f"{result.fatal} fatal, {result.error} errors, {result.warning} warnings")
    assert (result.fatal, result.error, result.warning) == (0, 0, 0), result.summary()


def test_ace(require_tool: Callable[[str, str], None], record_figures: Record, epub: Path) -> None:
    require_tool("ace", "check the EPUB's accessibility")
    result = checkers.ace(epub)
    print(result.summary())
    record_figures(f"Ace {result.version}", _shown(epub),
                   f"outcome {result.outcome}, {len(result.violations)} violations, "
                   f"{len(result.missing_required)} missing metadata"
                   + (f" (+ optional: {', '.join(result.missing_metadata)})" if result.missing_metadata else ""))
    assert result.outcome == "pass", result.summary()
    assert result.violations == [], result.summary()
    assert result.missing_required == [], result.summary()
    assert result.empty_metadata == [], result.summary()


def test_nu_epub_documents(require_tool: Callable[[str, str], None], record_figures: Record, epub: Path) -> None:
    require_tool("vnu", "validate the EPUB's XHTML documents")
    results = checkers.nu_epub(epub)
    record_figures("Nu HTML checker (EPUB XHTML, epub:* removed)", _shown(epub),
                   f"{sum(len(r.errors) for r in results.values())} errors, "
                   f"{sum(len(r.warnings) for r in results.values())} warnings (not gated) "
                   f"in {len(results)} documents")
    assert results, "no XHTML document in the EPUB"
    for name, result in results.items():
        if result.warnings:
            print(f"{name}: {result.summary()}")
    errors = {name: r.summary() for name, r in results.items() if r.errors}
    assert not errors, "\n".join(errors.values())


# --------------------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------------------


def test_nu_html(require_tool: Callable[[str, str], None], record_figures: Record, html: Path) -> None:
    require_tool("vnu", "validate the HTML page")
    result = checkers.nu_html(html)
    print(result.summary())
    record_figures("Nu HTML checker", _shown(html), f"{len(result.errors)} errors, {len(result.warnings)} warnings")
    assert result.clean, result.summary()


def test_axe(require_tool: Callable[[str, str], None], record_figures: Record, html: Path) -> None:
    require_tool("axe", "run axe-core on the HTML page")
    result = checkers.axe(html)
    print(result.summary())  # the incomplete results are listed here, for a human to review
    record_figures(f"axe-core {result.version}", _shown(html),
                   f"{len(result.violations)} violations, {len(result.incomplete)} incomplete")
    assert result.violations == [], result.summary()


def test_reflow_320(require_tool: Callable[[str, str], None], record_figures: Record, html: Path) -> None:
    require_tool("chromium", "measure the page at 320 CSS px")
    result = checkers.reflow(html, width=320)
    print(result.summary())
    record_figures("Chromium reflow 320 px", _shown(html),
                   f"{max(0, result.scroll_width - result.inner_width)} px of horizontal scroll")
    assert result.ok, result.summary()


def test_zoom_200(require_tool: Callable[[str, str], None], record_figures: Record, html: Path) -> None:
    require_tool("chromium", "zoom the page to 200 %")
    result = checkers.zoom(html, 2.0)
    print(result.summary())
    record_figures("Chromium zoom 200 %", _shown(html),
                   f"{len(result.overlaps)} overlaps, "
                   f"{max(0, result.reflow.scroll_width - result.reflow.inner_width)} px of horizontal scroll")
    assert result.ok, result.summary()


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _fold(text: str) -> str:
    """Normalised and case-folded: Chromium applies CSS ``text-transform`` to the names it exposes."""
    return _norm(text).casefold()


def test_html_accessibility_tree(require_tool: Callable[[str, str], None], html: Path) -> None:
    """What assistive technologies get from Chromium, compared with what the markup says.

    Stated here: the page is named by its ``<title>``; one banner, one main, one contentinfo and at least one
    navigation landmark, all named when there are several of a kind; exactly one level-1 heading and no skipped
    heading level (``doc-toc`` counts as a navigation landmark: DPUB-ARIA makes it one); every ``<aside>`` that is not a note or a hidden pull quote is a named ``complementary``
    landmark; every note call (``doc-noteref``) is in the tree with a name and points at a note
    (``doc-footnote``, or an item of ``doc-endnotes``), and the tree has exactly one note per note called; every backlink (``doc-backlink``) has a unique name in words
    (never a bare "↩"); the glossary is a ``doc-glossary`` whose terms are its ``<dt>``; every language span
    reaches the tree with its language; pull quotes hidden with ``aria-hidden`` are not in the tree.
    """
    require_tool("chromium", "read Chromium's accessibility tree")
    from bs4 import BeautifulSoup

    dom = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    nodes = checkers.ax_tree(html)
    print(checkers.format_ax_outline(nodes))

    def of(role: str) -> list[checkers.AxNode]:
        return [n for n in nodes if n.role == role]

    def dom_role(*roles: str) -> list:
        return [el for el in dom.find_all(attrs={"role": True}) if el["role"] in roles]

    title = _norm(dom.title.get_text()) if dom.title else ""
    assert title and nodes[0].role == "RootWebArea" and _norm(nodes[0].name) == title

    for landmark, expected in (("banner", 1), ("main", 1), ("contentinfo", 1)):
        assert len(of(landmark)) == expected, f"{len(of(landmark))} {landmark} landmark(s), expected {expected}"
    # DPUB-ARIA's doc-toc, doc-pagelist and doc-index are subclasses of navigation: landmarks too.
    navigation = [n for n in nodes if n.role in NAVIGATION_ROLES]
    assert navigation, "no navigation landmark"
    for landmark, found in (("navigation", navigation), ("complementary", of("complementary")),
                            ("region", of("region"))):
        if len(found) > 1:
            names = [n.name for n in found]
            assert all(names) and len(set(names)) == len(names), f"{landmark} landmarks not uniquely named: {names}"

    headings = of("heading")
    assert [h.level for h in headings].count(1) == 1, [(h.level, h.name) for h in headings if h.level == 1]
    previous = 0
    for heading in headings:
        assert heading.level is not None and heading.level <= previous + 1, \
            f"heading level skipped before {heading.level} {heading.name!r} (previous level {previous})"
        assert heading.name.strip(), "empty heading"
        previous = heading.level

    asides = [a for a in dom.find_all("aside")
              if a.get("role") in (None, "complementary") and a.get("aria-hidden") != "true"]
    complementary = of("complementary")
    assert len(complementary) == len(asides), \
        f"{len(asides)} <aside> sidebars in the markup, {len(complementary)} complementary landmarks in the tree"
    assert all(n.name for n in complementary), [n.name for n in complementary]

    noterefs = of("doc-noteref")
    assert len(noterefs) == len(dom_role("doc-noteref")), "note calls missing from the tree"
    assert all(n.name.strip() for n in noterefs), "a note call without a name"
    targets = {str(el.get("href", "")).partition("#")[2] for el in dom_role("doc-noteref")}
    for target in targets:
        note = dom.find(id=target)
        assert note is not None, f"note call to #{target}, which does not exist"
        assert note.get("role") in ("doc-footnote", "doc-endnote") or note.find_parent(
            attrs={"role": "doc-endnotes"}), f"#{target} is neither a doc-footnote nor inside doc-endnotes"
    notes = of("doc-footnote") + of("doc-endnote")  # Chromium makes each <li> of doc-endnotes a doc-endnote
    assert len(notes) == len(targets), f"{len(targets)} notes called, {len(notes)} notes in the tree"
    backlinks = [n.name for n in of("doc-backlink")]
    assert len(backlinks) == len(dom_role("doc-backlink"))
    assert all(re.search(r"\w{2}", name) for name in backlinks), f"backlinks without words: {backlinks}"
    assert len(set(backlinks)) == len(backlinks), "backlink names are not unique"

    if dom_role("doc-glossary"):
        assert of("doc-glossary"), "the glossary is not exposed as doc-glossary"
        terms = {_fold(n.name) for n in of("term")}
        for dt in dom.find_all("dt"):
            assert _fold(dt.get_text()) in terms, f"glossary term {dt.get_text()!r} not exposed as a term"

    page_lang = (dom.html.get("lang") if dom.html else None) or ""
    assert page_lang.startswith("fr"), f"page language {page_lang!r}"
    body = dom.body or dom
    by_lang: dict[str, str] = {}
    for node in of("StaticText"):
        if node.lang:
            by_lang[node.lang] = by_lang.get(node.lang, "") + " " + node.name
    for span in body.find_all(attrs={"lang": True}):
        if span["lang"] == page_lang or span.find_parent(attrs={"aria-hidden": "true"}) or not _norm(span.get_text()):
            continue
        assert _fold(span.get_text()) in _fold(by_lang.get(span["lang"], "")), \
            f"{span.get_text()!r} does not reach the tree as lang={span['lang']}"

    hidden_quotes = [q for q in dom_role("doc-pullquote") if q.get("aria-hidden") == "true"]
    assert len(of("doc-pullquote")) == len(dom_role("doc-pullquote")) - len(hidden_quotes)


# --------------------------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------------------------


def test_docx_opens_in_libreoffice(require_tool: Callable[[str, str], None], record_figures: Record, docx: Path,
                                   tmp_path: Path) -> None:
    require_tool("libreoffice", "open the DOCX")
    require_tool("pdftotext", "read the PDF LibreOffice makes")
    import docx as python_docx

    title = python_docx.Document(str(docx)).core_properties.title
    result = checkers.libreoffice_pdf(docx, tmp_path)
    print(f"{result.pdf.name}: {result.pages} page(s), {len(result.text)} characters")
    record_figures("LibreOffice → PDF", _shown(docx), f"opens, {result.pages} pages")
    assert result.pages >= 1
    assert title and _norm(title) in _norm(result.text), f"title {title!r} not in the PDF text"


# --------------------------------------------------------------------------------------------------------------
# carnet check (our own checker) on all three
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_carnet_check_reports_nothing(gate_outputs: dict[tuple[str, str], Path | Exception],
                                      record_figures: Record, source: Path, fmt: str) -> None:
    path = _output(gate_outputs, source, fmt)
    from converter.checks import check

    findings = check(path)
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "tip")}
    record_figures("carnet check", _shown(path), ", ".join(f"{n} {s}s" for s, n in counts.items()))
    assert findings == [], "\n".join(f.to_text() for f in findings)
