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


_PREPARED: list[str] = []


def _prepare() -> None:
    _PREPARED.append("prepared")


def _prepared_and_pid(text: str) -> tuple[list[str], int, str]:
    import os

    return list(_PREPARED), os.getpid(), text.upper()


def _prepare_fails() -> None:
    raise ImportError("no such writer")


def test_issue7_prepared_child_prepares_then_calls() -> None:
    """issue 7: the child prepares (in itself, not here) before the call is sent, then makes it."""
    import os
    import threading

    from converter.isolate import PreparedChild

    forks = threading.active_count() == 1  # with threads running, nothing is forked: the call is made here
    child = PreparedChild(_prepare)
    prepared, pid, text = child.submit(_prepared_and_pid, "carnet")()
    assert text == "CARNET" and _PREPARED == []
    if forks:
        assert prepared == ["prepared"] and pid != os.getpid()
    else:
        assert prepared == [] and pid == os.getpid()


def test_issue7_prepared_child_errors_are_the_callers() -> None:
    """issue 7: an error in the child (in the call or in preparing) is the plain call's result or error."""
    from converter.isolate import PreparedChild

    with pytest.raises(CarnetError) as raised:
        PreparedChild(_prepare).submit(_fails, "input")()
    assert str(raised.value) == "here.md:3: error: bad input — fix it"
    assert PreparedChild(_prepare_fails).submit(sorted, "bca")() == ["a", "b", "c"]
    assert PreparedChild(_prepare).submit(lambda: "not picklable, made here")() == "not picklable, made here"


def test_issue7_prepared_child_cancelled() -> None:
    """issue 7: a child whose call never comes (the carnet could not be read) ends and is waited for."""
    import os

    from converter.isolate import PreparedChild

    child = PreparedChild(_prepare)
    pid = child._pid
    child.cancel()
    child.cancel()  # twice is harmless
    if pid:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # already waited for: no zombie left
