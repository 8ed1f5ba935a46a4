"""Golden files of the kitchen-sink sample through every stage (issue 2).

The tree (JSON dump), the HTML page, every part of the EPUB and the main parts of the DOCX, each as
normalised, indented XML or text, compared with ``tests/golden/``. Dates that change at every run (the
EPUB's ``dcterms:modified``, the DOCX's core-property dates) are masked. Regenerate with
``pytest --update-golden`` and read the diff in review.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from converter import read, render
from converter.dump import dump_json

SAMPLE = Path(__file__).resolve().parent.parent / "input" / "carnet-exemple.md"
_DATES = re.compile(r"(<meta property=\"dcterms:modified\">)[^<]*(</meta>)|"
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


@pytest.fixture(scope="module")
def sample():
    return read(SAMPLE)


def _pretty_xml(data: bytes) -> str:
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(data, parser)
    text = etree.tostring(root, pretty_print=True, encoding="unicode")
    return _DATES.sub(lambda m: (m.group(1) or m.group(3)) + "MASKED" + (m.group(2) or m.group(4)), text)


def _parts(data: bytes, names: Callable[[str], bool]) -> str:
    archive = zipfile.ZipFile(io.BytesIO(data))
    sections = []
    for name in sorted(archive.namelist()):
        if not names(name):
            continue
        content = archive.read(name)
        if name.endswith((".xml", ".opf", ".xhtml", ".ncx", ".rels")):
            body = _pretty_xml(content)
        elif name.endswith((".css", "mimetype")):
            body = content.decode("utf-8")
        else:
            body = f"<{len(content)} bytes>"
        sections.append(f"=== {name}\n{body.rstrip()}\n")
    return "\n".join(sections)


def test_tree_golden(sample, assert_golden) -> None:
    assert_golden("carnet-exemple.tree.json", dump_json(sample))


def test_html_golden(sample, assert_golden) -> None:
    assert_golden("carnet-exemple.html", render(sample, "html").decode("utf-8"))


def test_epub_golden(sample, assert_golden) -> None:
    assert_golden("carnet-exemple.epub.txt", _parts(render(sample, "epub"), lambda name: True))


def test_docx_golden(sample, assert_golden) -> None:
    wanted = ("word/document.xml", "word/footnotes.xml", "word/numbering.xml", "docProps/core.xml",
              "word/_rels/document.xml.rels", "[Content_Types].xml", "word/settings.xml")
    assert_golden("carnet-exemple.docx.txt", _parts(render(sample, "docx"), lambda name: name in wanted))
