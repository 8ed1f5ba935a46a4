"""The Python API (issue 2, point 9): read, write, convert."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import converter
from converter import CarnetError, Document, convert, read, write
from converter import tree as t

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "input" / "carnet-exemple.md"
SMALL = "---\ntitle: Petit carnet\n---\n\n## Partie\n\nUn mot[^a] : voilà.\n\n[^a]: La note.\n"


@pytest.fixture
def small(tmp_path) -> Path:
    path = tmp_path / "petit.md"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_read_path_returns_a_document():
    assert isinstance(read(SAMPLE), Document)


def test_read_str_path():
    assert read(str(SAMPLE)).meta.title.startswith("Carnet d’exemple")


def test_read_is_transformed_by_default(small):
    document = read(small)
    assert isinstance(document.children[-1], t.Section) and document.notes[0].number == 1


def test_read_without_transforms(small):
    document = read(small, transform=False)
    assert not any(isinstance(b, t.Section) for b in document.children) and document.notes[0].number == 0


def test_read_text_with_format():
    assert read(SMALL, format="markdown").meta.title == "Petit carnet"


def test_read_text_with_format_alias():
    assert read(SMALL, format="md").meta.title == "Petit carnet"


def test_read_text_applies_french_typography():
    paragraphs = [b for s in read(SMALL, format="markdown").children if isinstance(s, t.Section)
                  for b in s.children if isinstance(b, t.Paragraph)]
    assert "\u202f: voilà" in "".join(c.text for c in paragraphs[-1].children if isinstance(c, t.Text))


def test_read_html_text():
    document = read("<html lang='en'><head><title>Page</title></head><body><h2>Part</h2><p>Text.</p></body></html>",
                    format="html")
    assert (document.meta.title, document.meta.lang) == ("Page", "en")


def test_read_error_is_a_carnet_error_with_a_line():
    with pytest.raises(CarnetError) as caught:
        read("---\ntitle: T\n---\n\nUn mot[^absente].\n", format="markdown")
    assert caught.value.diagnostic.line == 5


def test_read_missing_file_is_a_carnet_error(tmp_path):
    with pytest.raises(CarnetError):
        read(tmp_path / "absent.md")


@pytest.mark.parametrize("fmt", ["html", "epub", "docx"])
def test_write_returns_the_path(small, tmp_path, fmt):
    target = tmp_path / "out" / f"petit.{fmt}"
    assert write(read(small), fmt, target) == target and target.is_file()


def test_write_html_content(small, tmp_path):
    page = BeautifulSoup(write(read(small), "html", tmp_path / "p.html").read_bytes(), "lxml")
    assert page.title.get_text() == "Petit carnet"


def test_write_epub_is_a_zip(small, tmp_path):
    assert zipfile.is_zipfile(write(read(small), "epub", tmp_path / "p.epub"))


def test_write_accepts_a_str_path(small, tmp_path):
    assert write(read(small), "html", str(tmp_path / "p.html")) == tmp_path / "p.html"


def test_write_unknown_format(small, tmp_path):
    with pytest.raises(ValueError):
        write(read(small), "pdf", tmp_path / "p.pdf")


def test_convert_returns_paths_in_order(small, tmp_path):
    other = tmp_path / "autre.md"
    shutil.copy(small, other)
    paths = convert([small, other], formats=("html", "epub"), out_dir=tmp_path / "out")
    assert paths == [tmp_path / "out" / name for name in ("petit.html", "petit.epub", "autre.html", "autre.epub")]


def test_convert_writes_every_path(small, tmp_path):
    assert all(p.is_file() for p in convert([small], formats=("html", "epub"), out_dir=tmp_path / "out"))


def test_convert_default_formats(small, tmp_path):
    paths = convert([small], out_dir=tmp_path / "out")
    assert [p.suffix for p in paths] == [".docx", ".epub", ".html"]


def test_convert_single_source(small, tmp_path):
    assert convert(str(small), formats=("html",), out_dir=tmp_path) == [tmp_path / "petit.html"]


def test_convert_unknown_format_writes_nothing(small, tmp_path):
    with pytest.raises(ValueError):
        convert([small], formats=("html", "pdf"), out_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_public_names():
    assert {"read", "write", "convert", "Document", "CarnetError"} <= set(converter.__all__)


def test_package_is_typed():
    assert (Path(converter.__file__).parent / "py.typed").is_file()
