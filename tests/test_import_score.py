"""Ratchet on the raw-text importer's scores for carnet #9 (issue 6), computed by ``benchmarks/import_score.py``.

Each threshold is what the importer reaches today (rounded down): a change that lowers a figure fails here.
Raise a threshold when the importer gets better; the issue's targets are in the comments.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import import_score  # noqa: E402


@pytest.fixture(scope="module")
def scores() -> import_score.Scores:
    return import_score.score_files()


# (attribute, minimum, issue's target)
RATCHET = [
    ("text_recall", 0.985, 1.0),
    ("text_precision", 0.99, 1.0),
    ("notes_text", 1.0, 1.0),
    ("notes_calls", 0.97, 0.95),
    ("printed_pages_marked", 1.0, 1.0),
    ("dehyphenation", 1.0, 0.99),
]
RATCHET_F1 = [
    ("paragraphs", 0.86, 0.95),
    ("headings", 0.69, 0.9),
    ("sidebars", 1.0, None),
    ("pullquotes", 0.84, None),
    ("turns", 0.95, None),
    ("glossary", 1.0, 0.98),
    ("page_labels", 0.87, None),
    ("links", 0.94, None),
]


@pytest.mark.parametrize(("name", "minimum", "target"), RATCHET)
def test_figure(scores: import_score.Scores, name: str, minimum: float, target: float) -> None:
    assert getattr(scores, name) >= minimum, f"{name} dropped below {minimum} (issue target {target})"


@pytest.mark.parametrize(("name", "minimum", "target"), RATCHET_F1)
def test_f1(scores: import_score.Scores, name: str, minimum: float, target: float | None) -> None:
    value = getattr(scores, name).f1
    assert value >= minimum, f"{name} F1 {value:.3f} dropped below {minimum} (issue target {target})"


def test_no_link_line_left(scores: import_score.Scores) -> None:
    assert scores.link_lines_left == 0


def test_imported_editions_pass_the_checker_gate(tmp_path: Path) -> None:
    """The importer's three outputs of carnet #9 have no error-severity finding, like every other output."""
    from converter import read, write
    from converter.checks import check

    document = read(ROOT / "input" / "carnet-09-montpellier.txt")
    for fmt in ("docx", "epub", "html"):
        findings = check(write(document, fmt, tmp_path / f"imported.{fmt}"))
        assert [f.to_text() for f in findings if f.severity == "error"] == []
