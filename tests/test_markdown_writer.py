"""The carnet Markdown writer: what it writes reads back to the same tree; ``carnet import`` end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter.cli import main
from converter.dump import dump_json
from converter.pipeline import read
from converter.readers.markdown import read_markdown
from converter.writers.markdown import write_markdown_text

ROOT = Path(__file__).resolve().parent.parent
INPUT = ROOT / "input"


@pytest.mark.parametrize("name", ["carnet-exemple.md", "carnet-09-montpellier.md"])
def test_round_trip(name: str) -> None:
    """The kitchen sink (every element of carnet Markdown) and carnet #9 read back to the same JSON tree."""
    document = read(INPUT / name, transform=False)
    written = write_markdown_text(document)
    again = read_markdown(written, "written.md", str(INPUT))
    assert dump_json(again) == dump_json(document)


def test_comments_do_not_change_the_tree() -> None:
    document = read(INPUT / "carnet-exemple.md", transform=False)
    plain = write_markdown_text(document)
    commented = write_markdown_text(document, {1: ["pages: a guess"], 40: ["headings: another"]})
    assert "<!-- carnet-import: pages: a guess -->" in commented
    assert dump_json(read_markdown(commented, "c.md", str(INPUT))) == dump_json(read_markdown(plain, "p.md", str(INPUT)))


def test_import_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "carnet.md"
    assert main(["import", str(INPUT / "carnet-09-montpellier.txt"), "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "<!-- carnet-import:" in text
    assert "to review" in capsys.readouterr().err
    # the Markdown converts like any carnet
    assert read(target).children
    # an existing file is not replaced without --force
    assert main(["import", str(INPUT / "carnet-09-montpellier.txt"), "-o", str(target)]) == 1
