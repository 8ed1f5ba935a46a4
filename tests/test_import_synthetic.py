"""Ratchet on the importer's scores for synthetic carnets (issue 6, point 5): ``benchmarks/synthetic_carnets.py``.

Known trees (the kitchen sink and carnet #9's reference edition) written by our DOCX writer in one, two and
three columns and in designed layouts (notes in the margin, boxed pull quotes), printed to PDF by LibreOffice.
Three routes: ``pdftotext`` is that tool's text in its default reading order through the raw-text reader;
``pdftotext-layout`` is its ``-layout`` text (columns side by side, which the reader's layout step reads
column by column); ``pdfplumber`` is our PDF reader as ``carnet convert file.pdf`` runs it (its layout
analysis, then the raw-text reader's steps). These texts are laid out and extracted unlike carnet #9's text
(no blank line between paragraphs, notes at the foot of each page, columns), so the figures show how general
the importer's rules are. The reference holds what the DOCX writer prints from the metadata, and the imported
calls are numbered as the writers print them (see ``synthetic_carnets.as_printed`` and ``numbered``). Each
threshold is what the importer reaches today, rounded down: a change that lowers one fails here. Raise them
as the importer improves. Words kept are rounded down to five decimals, the others to two: one word of
carnet #9 is 0.00006 of its text, and a lost word must fail (issue 6: one did slip under a two-decimal floor).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic_carnets  # noqa: E402

RATCHET = {
    ('carnet-exemple', '1col', 'pdftotext'): {"text": 1.00, "paragraphs": 0.98, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 0.80, "dehyphenation": 1.00},
    ('carnet-exemple', '1col', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 0.80, "dehyphenation": 1.00},
    ('carnet-exemple', '1col', 'pdfplumber'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-exemple', '2col', 'pdftotext'): {"text": 0.94871, "paragraphs": 0.86, "headings": 0.85, "notes": 0.00, "glossary": 0.66, "pages": 1.00, "turns": 0.66, "sidebars": 1.00, "links": 0.80, "dehyphenation": 1.00},
    ('carnet-exemple', '2col', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 0.80, "dehyphenation": 1.00},
    ('carnet-exemple', '2col', 'pdfplumber'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-exemple', '3col', 'pdftotext'): {"text": 0.95238, "paragraphs": 0.65, "headings": 0.71, "notes": 0.00, "glossary": 1.00, "pages": 1.00, "turns": 0.50, "sidebars": 1.00, "links": 0.40, "dehyphenation": 1.00},
    ('carnet-exemple', '3col', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 0.80, "dehyphenation": 1.00},
    ('carnet-exemple', '3col', 'pdfplumber'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-exemple', '1col-margin', 'pdftotext'): {"text": 1.00, "paragraphs": 0.94, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 0.80, "dehyphenation": 1.00},
    ('carnet-exemple', '1col-margin', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 0.80, "dehyphenation": 1.00},
    ('carnet-exemple', '1col-margin', 'pdfplumber'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-exemple', '2col-margin', 'pdftotext'): {"text": 1.00, "paragraphs": 0.96, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 0.88, "sidebars": 1.00, "links": 0.80, "dehyphenation": 1.00},
    ('carnet-exemple', '2col-margin', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 0.80, "dehyphenation": 1.00},
    ('carnet-exemple', '2col-margin', 'pdfplumber'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-exemple', '2col-pullquotes', 'pdftotext'): {"text": 0.94936, "paragraphs": 0.83, "headings": 0.85, "notes": 0.33, "glossary": 1.00, "pages": 1.00, "turns": 0.66, "sidebars": 1.00, "links": 0.80, "dehyphenation": 1.00},
    ('carnet-exemple', '2col-pullquotes', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 0.80, "dehyphenation": 1.00},
    ('carnet-exemple', '2col-pullquotes', 'pdfplumber'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-exemple', '3col-pullquotes', 'pdftotext'): {"text": 0.96202, "paragraphs": 0.88, "headings": 0.71, "notes": 0.00, "glossary": 1.00, "pages": 1.00, "turns": 0.88, "sidebars": 1.00, "links": 0.40, "dehyphenation": 1.00},
    ('carnet-exemple', '3col-pullquotes', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 0.80, "dehyphenation": 1.00},
    ('carnet-exemple', '3col-pullquotes', 'pdfplumber'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '1col', 'pdftotext'): {"text": 0.99987, "paragraphs": 0.94, "headings": 0.91, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 0.95, "sidebars": 1.00, "links": 0.67, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '1col', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 0.99, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 0.95, "sidebars": 1.00, "links": 0.71, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '1col', 'pdfplumber'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '2col', 'pdftotext'): {"text": 0.98712, "paragraphs": 0.80, "headings": 0.92, "notes": 0.72, "glossary": 0.90, "pages": 1.00, "turns": 0.92, "sidebars": 1.00, "links": 0.55, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '2col', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 0.96, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 0.95, "sidebars": 1.00, "links": 0.71, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '2col', 'pdfplumber'): {"text": 1.00, "paragraphs": 0.99, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '3col', 'pdftotext'): {"text": 0.98705, "paragraphs": 0.59, "headings": 0.86, "notes": 0.62, "glossary": 0.80, "pages": 1.00, "turns": 0.87, "sidebars": 0.80, "links": 0.39, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '3col', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 0.95, "headings": 0.98, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 0.95, "sidebars": 1.00, "links": 0.71, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '3col', 'pdfplumber'): {"text": 1.00, "paragraphs": 0.98, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '1col-margin', 'pdftotext'): {"text": 0.99968, "paragraphs": 0.94, "headings": 0.91, "notes": 0.97, "glossary": 1.00, "pages": 1.00, "turns": 0.95, "sidebars": 1.00, "links": 0.64, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '1col-margin', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 0.98, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 0.95, "sidebars": 1.00, "links": 0.71, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '1col-margin', 'pdfplumber'): {"text": 1.00, "paragraphs": 0.99, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '2col-margin', 'pdftotext'): {"text": 0.99776, "paragraphs": 0.78, "headings": 0.93, "notes": 0.92, "glossary": 0.89, "pages": 0.98, "turns": 0.92, "sidebars": 1.00, "links": 0.54, "dehyphenation": 0.96},
    ('carnet-09-montpellier', '2col-margin', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 0.95, "headings": 1.00, "notes": 1.00, "glossary": 0.99, "pages": 1.00, "turns": 0.95, "sidebars": 1.00, "links": 0.71, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '2col-margin', 'pdfplumber'): {"text": 1.00, "paragraphs": 0.98, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '2col-pullquotes', 'pdftotext'): {"text": 0.99192, "paragraphs": 0.80, "headings": 0.90, "notes": 0.77, "glossary": 0.88, "pages": 1.00, "turns": 0.90, "sidebars": 1.00, "links": 0.57, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '2col-pullquotes', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 0.97, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 0.95, "sidebars": 1.00, "links": 0.71, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '2col-pullquotes', 'pdfplumber'): {"text": 1.00, "paragraphs": 1.00, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '3col-pullquotes', 'pdftotext'): {"text": 0.98234, "paragraphs": 0.62, "headings": 0.86, "notes": 0.65, "glossary": 0.79, "pages": 1.00, "turns": 0.95, "sidebars": 0.90, "links": 0.39, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '3col-pullquotes', 'pdftotext-layout'): {"text": 1.00, "paragraphs": 0.96, "headings": 0.98, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 0.95, "sidebars": 1.00, "links": 0.71, "dehyphenation": 1.00},
    ('carnet-09-montpellier', '3col-pullquotes', 'pdfplumber'): {"text": 1.00, "paragraphs": 0.99, "headings": 1.00, "notes": 1.00, "glossary": 1.00, "pages": 1.00, "turns": 1.00, "sidebars": 1.00, "links": 1.00, "dehyphenation": 1.00},
}


@pytest.fixture(scope="module")
def results() -> dict[tuple[str, str, str], dict[str, float]]:
    from conftest import require_tool

    require_tool("libreoffice", "print the synthetic carnets to PDF")
    require_tool("pdftotext", "extract the text of the synthetic carnets")
    figures = {}
    for result in synthetic_carnets.run():
        s = result.scores
        figures[(result.source, result.layout, result.route)] = {
            "text": s.text_recall, "paragraphs": s.paragraphs.f1, "headings": s.headings.f1, "notes": s.notes_calls,
            "glossary": s.glossary.f1, "pages": s.page_labels.f1, "turns": s.turns.f1, "sidebars": s.sidebars.f1,
            "links": s.links.f1, "dehyphenation": s.dehyphenation if s.hyphens_scored else 1.0,
        }
    return figures


@pytest.mark.parametrize("key", list(RATCHET), ids=lambda k: "-".join(k))
def test_synthetic_carnet(results: dict[tuple[str, str, str], dict[str, float]], key: tuple[str, str, str]) -> None:
    assert key in results, f"{key} was not produced"
    # rounded before comparing: an F1 of 4/5 computes as 0.7999…, whose floor is printed as 0.80
    dropped = {name: (round(results[key][name], 3), minimum) for name, minimum in RATCHET[key].items()
               if round(results[key][name], 6) < minimum}
    assert not dropped, f"figures below the ratchet (actual, minimum): {dropped}"


def test_pdf_converts_and_imports(tmp_path: Path) -> None:
    """``carnet convert carnet.pdf`` and ``carnet import carnet.pdf`` work on a PDF printed by LibreOffice."""
    from conftest import require_tool

    from converter import read, write
    from converter.cli import main

    require_tool("libreoffice", "print a carnet to PDF")
    docx = write(read(ROOT / "input" / "carnet-exemple.md"), "docx", tmp_path / "exemple.docx")
    pdf = synthetic_carnets.to_pdf(docx, tmp_path)
    document = read(pdf)
    from converter import tree as t
    from converter.walk import find_all

    assert document.notes and find_all(document, t.Interview)
    assert main(["import", str(pdf), "-o", str(tmp_path / "exemple.md")]) == 0
    assert "<!-- carnet-import:" in (tmp_path / "exemple.md").read_text(encoding="utf-8")
    # `carnet import` reads the PDF as `carnet convert` does, layout included (it once laid the text out and
    # read only that): what the layout alone finds, a table drawn with rules, is in the Markdown too
    imported = read(tmp_path / "exemple.md")
    assert len(find_all(imported, t.Table)) == len(find_all(document, t.Table)) >= 1
