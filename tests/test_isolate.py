"""Large carnets are read in child processes (issue 7): the same tree, the same errors, as a plain read."""

from __future__ import annotations

from pathlib import Path

import pytest

import converter.readers.markdown as markdown_reader
from converter.dump import dump_json
from converter.errors import CarnetError
from converter.isolate import call_isolated
from converter.pipeline import read

SAMPLE = Path(__file__).resolve().parent.parent / "input" / "carnet-exemple.md"


def _fails(text: str) -> str:
    raise CarnetError(f"bad {text}", "here.md", 3, "fix it")


def test_issue7_call_isolated_returns_the_result() -> None:
    assert call_isolated(sorted, "carnet") == sorted("carnet")


def test_issue7_call_isolated_raises_what_a_plain_call_raises() -> None:
    """issue 7: an error in the child is the caller's error, line and hint included (the call is made again)."""
    with pytest.raises(CarnetError) as raised:
        call_isolated(_fails, "input")
    assert str(raised.value) == "here.md:3: error: bad input — fix it"


def test_issue7_large_carnet_read_in_a_child_gives_the_same_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """issue 7: above the size limit the Markdown is read in child processes; tree, metadata and warnings are
    those of a plain read."""
    plain = read(SAMPLE)
    monkeypatch.setattr(markdown_reader, "ISOLATE_ABOVE", 10)
    isolated = read(SAMPLE)
    assert dump_json(isolated) == dump_json(plain)
    assert [str(d) for d in isolated.diagnostics] == [str(d) for d in plain.diagnostics]
    assert isolated.base_dir == plain.base_dir


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this platform")
def test_issue7_call_isolated_runs_in_another_process() -> None:
    import os
    import threading

    if threading.active_count() > 1:
        pytest.skip("threads are running: call_isolated calls the function here")
    assert call_isolated(os.getpid) != os.getpid()
