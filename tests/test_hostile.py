"""Hostile and broken input (issue 8): clear errors, valid outputs, nothing active, nothing lost.

Every case of ``tests/hostile/make_corpus.py`` is converted with ``python -m converter convert`` to DOCX,
EPUB and HTML, over a previous edition of the same name. Then:

- exit 0: every output is complete and parses (lxml for HTML, XHTML, OPF and NCX, python-docx for DOCX);
  the HTML page and the EPUB hold no script, no event handler attribute, no active element and no URL
  scheme but http, https, mailto, tel and document-relative ones (in the HTML page, ``data:`` only as
  ``data:image/png|jpeg|gif|webp;base64`` of a real image: our own embedding); every word the case names is
  in the edition, or named on standard error as dropped;
- exit 1 or 2: exactly one error line, matching the case, and the previous edition untouched;
- always: no "Traceback", no "internal error", no zero-byte or ``.part`` file left.

Also: an output folder that cannot be written, Ctrl-C half-way through a conversion, two conversions writing
the same files at once, and regressions found by the fuzzers (``fuzz/``). EPUBCheck and the Nu checker
validate the editions of the cases that convert (skipped locally when Java is missing, required in CI).
"""

from __future__ import annotations

import base64
import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import require_tool
from hostile.make_corpus import CASES, Case, materialise, md, tiny_png
from lxml import etree
from lxml import html as lxml_html

from converter.errors import CarnetError
from converter.writers.html import image_type

REPO = Path(__file__).resolve().parents[1]
FORMATS = ("docx", "epub", "html")
PREVIOUS = b"previous edition, must survive a failed conversion"
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/]+={0,2})\Z")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "longdesc",
                  "usemap", "codebase", "srcset", "manifest", "ping", "xlink:href",
                  "{http://www.w3.org/1999/xlink}href"}
ACTIVE_ELEMENTS = {"script", "iframe", "object", "embed", "applet", "frame", "frameset", "form", "input",
                   "button", "textarea", "select", "base", "template", "svg", "math", "link"}


def run_carnet(*args: str | os.PathLike[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "converter", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL)


def assert_no_crash(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert "internal error" not in output, output[-3000:]
    assert "RecursionError" not in output, output[-3000:]


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line or line.startswith("carnet: error")]


def assert_clean_folder(folder: Path) -> None:
    """No temporary file left, no zero-byte file."""
    if not folder.exists():
        return
    for path in folder.rglob("*"):
        assert not path.name.endswith(".part"), f"temporary file left: {path}"
        assert not path.is_file() or path.stat().st_size > 0, f"zero-byte output: {path}"


# --- what an edition may hold ------------------------------------------------------------------------------


def scheme_of(url: str) -> str:
    cleaned = "".join(ch for ch in url if ch > " ").lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else ""


def assert_url_safe(url: str, where: str, *, data_images: bool) -> None:
    scheme = scheme_of(url)
    if scheme == "data" and data_images:
        match = DATA_IMAGE.match(url)
        assert match, f"{where}: data: URL not of an embedded raster image: {url[:80]!r}"
        assert image_type(base64.b64decode(match.group(2))) == f"image/{match.group(1)}", \
            f"{where}: data: URL does not decode to a {match.group(1)} image"
        return
    assert scheme in SAFE_SCHEMES or scheme == "", f"{where}: unsafe URL {url[:80]!r}"


def assert_not_active(root: etree._Element, where: str, *, data_images: bool) -> None:
    """No script, no event handler, no active element, no unsafe URL, no style pointing anywhere."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname.lower()
        assert name not in ACTIVE_ELEMENTS - {"link"}, f"{where}: <{name}> element in an edition"
        if name == "link":
            assert scheme_of(element.get("href", "")) == "", f"{where}: <link> to {element.get('href')!r}"
        if name == "meta":
            assert (element.get("http-equiv") or "").lower() != "refresh", f"{where}: meta refresh"
        for attribute, value in element.attrib.items():
            local = etree.QName(attribute).localname.lower() if attribute.startswith("{") else attribute.lower()
            assert not local.startswith("on"), f"{where}: event handler {attribute}={value[:60]!r}"
            assert local != "srcdoc", f"{where}: srcdoc attribute"
            if attribute in URL_ATTRIBUTES or local in URL_ATTRIBUTES:
                assert_url_safe(value, f"{where} <{name} {local}>", data_images=data_images and name == "img")
            if local == "style":
                assert "url(" not in value.lower() and "expression" not in value.lower(), \
                    f"{where}: style {value[:60]!r}"
    for style in root.iter("{*}style", "style"):
        assert "javascript" not in (style.text or "").lower(), f"{where}: javascript in a style sheet"


def check_html(path: Path) -> str:
    """Parse the page, check it holds nothing active; returns its text."""
    data = path.read_bytes()
    root = lxml_html.document_fromstring(data)
    assert_not_active(root, path.name, data_images=True)
    assert data.rstrip().endswith(b"</html>"), f"{path.name}: the page is not complete"
    alts = [img.get("alt", "") for img in root.iter("img")]
    return " ".join(" ".join([root.text_content(), *alts]).split())


def check_epub(path: Path) -> str:
    """Every XML part parses, the XHTML holds nothing active (no data: URLs at all); returns the text."""
    texts = []
    with zipfile.ZipFile(path) as book:
        assert book.testzip() is None, f"{path.name}: damaged archive"
        assert book.read("mimetype") == b"application/epub+zip"
        for name in book.namelist():
            assert not name.startswith("/") and ".." not in name.split("/"), f"{path.name}: entry {name!r}"
            if name.endswith((".xhtml", ".opf", ".ncx", ".xml", ".html")):
                root = etree.fromstring(book.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
                assert_not_active(root, f"{path.name}/{name}", data_images=False)
                if name.endswith((".xhtml", ".html")):
                    texts.append(" ".join(t for t in root.itertext()))
                    texts += [img.get("alt", "") for img in root.iter("{*}img")]
    return " ".join(" ".join(texts).split())


def check_docx(path: Path) -> str:
    """python-docx opens it, every XML part parses, external links are safe; returns the text."""
    document = docx.Document(str(path))
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(package.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
                if name.endswith(".rels"):
                    for relation in root:
                        if relation.get("TargetMode") == "External":
                            assert_url_safe(relation.get("Target", ""), f"{path.name}/{name}", data_images=False)
                        else:
                            assert scheme_of(relation.get("Target", "")) == "", relation.get("Target")
                elif name.endswith(("altChunk.xml",)) or "activeX" in name or "vbaProject" in name:
                    pytest.fail(f"{path.name}: active part {name}")
    body = document.element.body
    alts = [shape.get("descr", "") for shape in body.iter("{*}docPr")]
    return " ".join([" ".join(t for t in body.itertext()), *alts])


def all_bytes(path: Path) -> bytes:
    """The file's bytes, archive entries decompressed."""
    if path.suffix in (".docx", ".epub"):
        with zipfile.ZipFile(path) as archive:
            return b"".join(archive.read(name) for name in archive.namelist())
    return path.read_bytes()


# --- the corpus ------------------------------------------------------------------------------------------------


def case_id(case: Case) -> str:
    return case.name


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_hostile_case(case: Case, tmp_path: Path) -> None:
    """issue 8: each hostile case ends as the corpus says, with no traceback and no partial file."""
    entry = materialise(case, tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    stem = entry.stem
    for fmt in FORMATS:
        (out / f"{stem}.{fmt}").write_bytes(PREVIOUS)
    start = time.monotonic()
    result = run_carnet("convert", "-t", ",".join(FORMATS), "-o", out, *case.args, entry, cwd=tmp_path)
    seconds = time.monotonic() - start
    assert_no_crash(result)
    assert seconds < case.max_seconds, f"{case.name} took {seconds:.1f} s"
    assert result.returncode == case.exit, result.stderr[-3000:]
    assert_clean_folder(out)
    errors = error_lines(result.stderr)
    if case.exit:
        assert len(errors) == 1, result.stderr
        assert re.search(case.stderr, errors[0]), errors[0]
        assert "\n" not in errors[0]
        for fmt in FORMATS:
            assert (out / f"{stem}.{fmt}").read_bytes() == PREVIOUS, f"previous {fmt} edition changed"
        return
    assert not errors, result.stderr
    if case.stderr:
        assert re.search(case.stderr, result.stderr), result.stderr
    texts = {"html": check_html(out / f"{stem}.html"), "epub": check_epub(out / f"{stem}.epub"),
             "docx": check_docx(out / f"{stem}.docx")}
    for fmt in FORMATS:
        assert (out / f"{stem}.{fmt}").read_bytes() != PREVIOUS
    for word in case.kept:
        for fmt, text in texts.items():
            assert word in text, f"{word[:40]!r} lost in the {fmt} edition"
    for word in case.dropped:
        assert word in texts["html"] or word in result.stderr, f"{word!r} dropped without a word on stderr"
    for fmt in FORMATS:
        data = all_bytes(out / f"{stem}.{fmt}")
        for forbidden in case.absent:
            assert forbidden.encode() not in data, f"{forbidden!r} in the {fmt} edition"


def test_corpus_counts() -> None:
    """The corpus covers what issue 8 lists (a guard against cases silently disappearing)."""
    assert len(CASES) >= 45
    names = {case.name for case in CASES}
    for needed in ("empty", "binary-garbage", "utf16-bom", "utf16le-no-bom", "cp1252", "latin1", "huge-100mb",
                   "control-chars-md", "long-line", "long-word", "deep-lists-html", "deep-quotes-md", "active-md",
                   "active-html", "images", "xxe-html", "yaml-billion-laughs"):
        assert needed in names


@pytest.fixture(scope="module")
def validated_editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The EPUB and HTML editions of the small cases that convert, for EPUBCheck and the Nu checker."""
    folder = tmp_path_factory.mktemp("valid")
    out = folder / "out"
    entries = [materialise(case, folder / "in") for case in CASES if case.exit == 0 and not case.large
               and not case.args]
    result = run_carnet("convert", "-t", "epub,html", "-o", out, "-j", "1", *entries, cwd=folder)
    assert_no_crash(result)
    assert result.returncode == 0, result.stderr
    return {path.name: path for path in out.iterdir()}


def test_hostile_epubs_pass_epubcheck(validated_editions: dict[str, Path]) -> None:
    """issue 8: the EPUB of every small case that converts passes EPUBCheck."""
    require_tool("epubcheck", "validate the hostile corpus' EPUBs")
    from checkers import epubcheck

    for name, path in sorted(validated_editions.items()):
        if name.endswith(".epub"):
            report = epubcheck(path)
            assert report.fatal == report.error == 0, f"{name}:\n{report.summary()}"


def test_hostile_pages_pass_the_nu_checker(validated_editions: dict[str, Path]) -> None:
    """issue 8: the HTML page of every small case that converts passes the Nu checker."""
    require_tool("vnu", "validate the hostile corpus' pages")
    from checkers import nu_html_many

    pages = [p for n, p in sorted(validated_editions.items()) if n.endswith(".html")]
    for path, report in nu_html_many(pages).items():
        assert not report.errors, f"{path.name}:\n{report.summary()}"


# --- output folders, interruptions, races ------------------------------------------------------------------------


@pytest.fixture
def carnet_md(tmp_path: Path) -> Path:
    path = tmp_path / "carnet.md"
    path.write_bytes(md("Un paragraphe ordinaire.\n\n## Partie\n\nUn autre paragraphe."))
    return path


def test_output_folder_is_a_file(carnet_md: Path, tmp_path: Path) -> None:
    """issue 8: an output folder that cannot be created → exit 1, one line."""
    blocker = tmp_path / "bloque"
    blocker.write_bytes(b"a file")
    for target in (blocker, blocker / "sous-dossier"):
        result = run_carnet("convert", "-o", target, carnet_md, cwd=tmp_path)
        assert_no_crash(result)
        assert result.returncode == 1
        errors = error_lines(result.stderr)
        assert len(errors) == 1 and "the output folder cannot be created" in errors[0], result.stderr
    assert blocker.read_bytes() == b"a file"


def test_output_file_is_a_folder(carnet_md: Path, tmp_path: Path) -> None:
    """issue 8: a folder where the output file goes → exit 1, one line, nothing left behind."""
    out = tmp_path / "out"
    (out / "carnet.html").mkdir(parents=True)
    result = run_carnet("convert", "-t", "html", "-o", out, carnet_md, cwd=tmp_path)
    assert_no_crash(result)
    assert result.returncode == 1
    errors = error_lines(result.stderr)
    assert len(errors) == 1 and re.search(r"carnet\.html: error: cannot be written", errors[0]), result.stderr
    assert_clean_folder(out)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes in read-only folders")
def test_read_only_output_folder(carnet_md: Path, tmp_path: Path) -> None:
    """issue 8: a read-only output folder → exit 1, one line, the previous edition intact."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "carnet.html").write_bytes(PREVIOUS)
    out.chmod(0o555)
    try:
        result = run_carnet("convert", "-t", "html", "-o", out, carnet_md, cwd=tmp_path)
    finally:
        out.chmod(0o755)
    assert_no_crash(result)
    assert result.returncode == 1 and len(error_lines(result.stderr)) == 1, result.stderr
    assert (out / "carnet.html").read_bytes() == PREVIOUS


def test_interrupted_while_writing_leaves_previous_output(carnet_md: Path, tmp_path: Path) -> None:
    """issue 8: Ctrl-C in the middle of writing a file → no partial file, no .part, previous output intact.

    The interruption is made to fall exactly half-way through the write of the temporary file.
    """
    out = tmp_path / "out"
    out.mkdir()
    for fmt in FORMATS:
        (out / f"carnet.{fmt}").write_bytes(PREVIOUS)
    script = (
        "import os, sys\n"
        "def interrupted(fd):  # Ctrl-C once the temporary file holds half an edition\n"
        "    raise KeyboardInterrupt\n"
        "os.fsync = interrupted\n"
        "from converter.cli import main\n"
        f"sys.exit(main(['convert', '-o', {str(out)!r}, {str(carnet_md)!r}]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=300, check=False)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 130, result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1, result.stderr
    for fmt in FORMATS:
        assert (out / f"carnet.{fmt}").read_bytes() == PREVIOUS
    assert_clean_folder(out)


def test_sigint_after_the_work_is_done_changes_no_exit_code(tmp_path: Path) -> None:
    """issue 8 (CI): a Ctrl-C that arrives once the command has returned, while the interpreter shuts down,
    left a conversion whose outputs were all written with exit -2 (killed by the signal) instead of 0. The
    entry point ignores SIGINT from then on; here the signal comes right after it returns."""
    script = (
        "import os, signal, sys\n"
        "import converter.cli as cli\n"
        "cli.main = lambda argv=None: 0\n"
        "code = cli.run()\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("when", ["part", 0.6, 1.2, 2.5])
def test_sigint_half_way(when: str | float, tmp_path: Path) -> None:
    """issue 8: a real SIGINT during a conversion → exit 130 (or 0 when it came too late), one line at most,
    no traceback; every output is either the previous edition or a complete new one; no .part file."""
    source = tmp_path / "long.md"
    source.write_bytes(md("\n\n".join(f"## Partie {i}\n\n" + "Un paragraphe de texte ordinaire. " * 40
                                      for i in range(400))))
    out = tmp_path / "out"
    out.mkdir()
    for fmt in FORMATS:
        (out / f"long.{fmt}").write_bytes(PREVIOUS)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "converter", "convert", "-o", str(out), str(source)],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    if when == "part":  # the moment a temporary output file exists: half-way through writing
        while time.monotonic() < deadline and process.poll() is None and not list(out.glob("*.part")):
            time.sleep(0.001)
    else:
        time.sleep(float(when))
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=300)
    assert "Traceback" not in stdout + stderr, stderr
    assert process.returncode in (0, 130), stderr
    if process.returncode == 130:
        assert len(error_lines(stderr) + [line for line in stderr.splitlines() if "interrupted" in line]) >= 1
        assert not any("Traceback" in line for line in stderr.splitlines())
    assert_clean_folder(out)
    for fmt, check in (("html", check_html), ("epub", check_epub), ("docx", check_docx)):
        path = out / f"long.{fmt}"
        if path.read_bytes() != PREVIOUS:
            check(path)


def test_two_conversions_of_the_same_output_at_once(tmp_path: Path) -> None:
    """issue 8: two conversions writing the same files at once both succeed; each file is one complete edition."""
    source = tmp_path / "carnet.md"
    source.write_bytes(md("\n\n".join(f"## Partie {i}\n\nDu texte pour la partie {i}." for i in range(200))))
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    processes = [subprocess.Popen([sys.executable, "-m", "converter", "convert", "-q", "-o", str(out), str(source)],
                                  cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
    for process in processes:
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
        assert "Traceback" not in stdout + stderr
    assert_clean_folder(out)
    assert sorted(p.name for p in out.iterdir()) == ["carnet.docx", "carnet.epub", "carnet.html"]
    assert "Partie 199" in check_html(out / "carnet.html")
    assert "Partie 199" in check_epub(out / "carnet.epub")
    assert "Partie 199" in check_docx(out / "carnet.docx")


def test_image_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    """issue 8: an image that is a link to a file outside the carnet's folder is not read; alt text kept."""
    outside = tmp_path / "secret.png"
    outside.write_bytes(tiny_png())
    folder = tmp_path / "carnet"
    folder.mkdir()
    try:
        (folder / "lien.png").symlink_to(outside)
    except OSError:
        pytest.skip("no symbolic links here")
    (folder / "carnet.md").write_bytes(md("![imagelien](lien.png)"))
    out = tmp_path / "out"
    result = run_carnet("convert", "-o", out, folder / "carnet.md", cwd=tmp_path)
    assert_no_crash(result)
    assert result.returncode == 0, result.stderr
    assert "image 'lien.png' is outside the carnet's folder" in result.stderr
    assert "imagelien" in check_html(out / "carnet.html")
    assert b"image/png" not in (out / "carnet.html").read_bytes()
    with zipfile.ZipFile(out / "carnet.docx") as package:
        assert not [n for n in package.namelist() if n.startswith("word/media/")]


def test_huge_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """issue 8: the size limit is checked on the file's size: a 100 MB file is never read into memory."""
    from converter.readers import MAX_BYTES, read_path

    path = tmp_path / "enorme.md"
    with path.open("wb") as stream:
        stream.truncate(100 * 1024 * 1024)  # sparse: 100 MB that cost nothing to make
    assert path.stat().st_size > MAX_BYTES

    def no_read(self: Path) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    with pytest.raises(CarnetError, match="is too large"):
        read_path(path)


# --- regressions found by the fuzzers (fuzz/) and by this corpus ---------------------------------------------------


def test_impossible_date_in_front_matter_issue_8() -> None:
    """issue 8 (atheris, fuzz_markdown): ``date: 2026-11-48`` raised ValueError inside PyYAML."""
    from converter.readers.markdown import read_markdown

    document = read_markdown("---\ntitle: T\ndate: 2026-11-48\n---\n\n# T\n\nTexte.\n", "x.md")
    assert document.meta.date == "2026-11-48"
    assert read_markdown("---\ndate: 2026-03-12\n---\n\n# T\n").meta.date == "2026-03-12"


def test_front_matter_nested_too_deep_issue_8() -> None:
    """issue 8: a front matter value nested 5,000 deep is a CarnetError, not a RecursionError."""
    from converter.readers.markdown import read_markdown

    with pytest.raises(CarnetError, match="nested too deep"):
        read_markdown("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n\n# T\n", "x.md")


def test_control_characters_everywhere_issue_8() -> None:
    """issue 8: control characters in metadata, attributes, link targets and alt text crashed lxml/python-docx."""
    from converter import pipeline

    document = pipeline.read(CASES_BY_NAME["control-chars-md"].files()["controle.md"].decode(), format="markdown")
    for fmt in FORMATS:
        assert pipeline.render(document, fmt)
    assert document.meta.title.startswith("Titre")
    assert any("control character" in str(d) for d in document.diagnostics)


CASES_BY_NAME = {case.name: case for case in CASES}


def test_embed_does_not_swallow_the_text_after_it_issue_8() -> None:
    """issue 8: lxml's HTML 4 parser nests what follows <embed> inside it; that text was dropped with it."""
    from converter.readers.html import read_html
    from converter.walk import plain_text

    document = read_html('<html><body><p>Avant</p><embed src="x.swf"><p>Après</p><p>Encore <wbr>du texte</p>'
                         '<source src="x.mp4"><p>Fin</p></body></html>', "x.html")
    text = plain_text(document.children)
    assert all(word in text for word in ("Avant", "Après", "Encore", "du texte", "Fin"))
    assert any("<embed> element removed" in str(d) for d in document.diagnostics)


def test_epub_link_to_a_file_beside_the_carnet_is_text_issue_8() -> None:
    """issue 8: a relative link to a file outside the book made an invalid EPUB (EPUBCheck RSC-007)."""
    from converter import pipeline

    document = pipeline.read("# T\n\n[autre carnet](autre.md), [site](https://example.org), [ici](#t)\n",
                             format="markdown")
    with zipfile.ZipFile(io.BytesIO(pipeline.render(document, "epub"))) as book:
        chapters = b"".join(book.read(n) for n in book.namelist() if n.endswith(".xhtml"))
    assert b'href="autre.md"' not in chapters and b"autre carnet" in chapters
    assert b'href="https://example.org"' in chapters
    assert b'href="autre.md"' in pipeline.render(document, "html")  # the page keeps it: a sibling file


def test_figures_that_cannot_be_embedded_become_text_issue_8(tmp_path: Path) -> None:
    """issue 8: the DOCX writer embedded images outside the carnet's folder and crashed on a damaged PNG."""
    from converter import pipeline
    from converter import tree as t
    from converter.transforms import apply_transforms

    folder = tmp_path / "carnet"
    folder.mkdir()
    (tmp_path / "dehors.png").write_bytes(tiny_png())
    (folder / "cassee.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\xae" * 64)
    (folder / "ok.png").write_bytes(tiny_png())
    figures = [t.Figure(src=src, alt=f"alt {index}", caption=[t.Text(text=f"légende {index}")])
               for index, src in enumerate(["../dehors.png", str(tmp_path / "dehors.png"), "cassee.png",
                                            "http://example.org/x.png", "ok.png"])]
    document = t.Document(children=[t.Heading(level=1, children=[t.Text(text="T")]), *figures],
                          base_dir=str(folder))
    apply_transforms(document)
    package = zipfile.ZipFile(io.BytesIO(pipeline.render(document, "docx")))
    assert len([n for n in package.namelist() if n.startswith("word/media/")]) == 1  # ok.png only
    text = package.read("word/document.xml").decode("utf-8")
    for index in range(5):
        assert f"alt {index}" in text and f"légende {index}" in text
    assert len([d for d in document.diagnostics if "image" in d.message]) == 4
