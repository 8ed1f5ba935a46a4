"""Shared pytest configuration for Carnet accessible.

Sections (add yours at the end of the matching section, or start a new clearly titled one):

1. Command-line options — ``--update-golden``.
2. Golden files — the ``update_golden`` and ``assert_golden`` fixtures (files in ``tests/golden/``).
3. External checkers — ``require_tool`` and the hook that turns a missing tool into a skip, or into a failure
   when ``CARNET_REQUIRE_CHECKERS=1`` (what ``.ci/run`` sets: in CI a checker that cannot run is a failure);
   ``record_figures`` and the end-of-run table of the checker gate.
4. Other shared fixtures — for everyone else.

The checker wrappers themselves live in ``tests/checkers.py`` (``from checkers import epubcheck, ...``): pytest's
default import mode puts ``tests/`` on ``sys.path``.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from checkers import TOOLS_KNOWN, ToolUnavailable, tool_missing

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden"

#: Environment variable that turns "checker missing → skip" into "checker missing → fail".
REQUIRE_ENV = "CARNET_REQUIRE_CHECKERS"


# ==============================================================================================================
# 1. Command-line options
# ==============================================================================================================


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden``: rewrite golden files from the actual output instead of comparing."""
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/* from the actual output instead of comparing with it")


# ==============================================================================================================
# 2. Golden files
# ==============================================================================================================


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when pytest runs with ``--update-golden``."""
    return bool(request.config.getoption("--update-golden"))


def check_golden(name: str, actual: str, update: bool, directory: Path = GOLDEN) -> None:
    """Compare ``actual`` with ``tests/golden/<name>`` (or rewrite the file when ``update``).

    Text is compared with normalised line endings and exactly one final newline; a mismatch fails with a
    unified diff. A missing golden file fails too, with the command that creates it.
    """
    path = directory / name
    text = actual.replace("\r\n", "\n").rstrip("\n") + "\n"
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(f"golden file tests/golden/{name} does not exist; create it with `pytest --update-golden` "
                    "and review it before committing", pytrace=False)
    expected = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    if expected != text:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), text.splitlines(keepends=True),
                                            f"golden/{name}", "actual"))
        pytest.fail(f"output differs from tests/golden/{name} (rerun with --update-golden if the change is "
                    f"intended):\n{diff}", pytrace=False)


@pytest.fixture
def assert_golden(update_golden: bool) -> Callable[[str, str], None]:
    """``assert_golden(name, actual_text)``: compare with ``tests/golden/<name>``; rewrite it under --update-golden."""

    def _assert_golden(name: str, actual_text: str) -> None:
        check_golden(name, actual_text, update_golden)

    return _assert_golden


# ==============================================================================================================
# 3. External checkers
# ==============================================================================================================


def checkers_required() -> bool:
    """True when ``CARNET_REQUIRE_CHECKERS`` is set to a true value (``1``, ``true``, ``yes``)."""
    return os.environ.get(REQUIRE_ENV, "").strip().lower() in ("1", "true", "yes")


def missing_tool(tool: str, reason: str) -> None:
    """Skip the running test because ``tool`` cannot run — or fail it when checkers are required (CI)."""
    message = f"{tool} not available: {reason}"
    if checkers_required():
        pytest.fail(f"{message} ({REQUIRE_ENV}=1: every checker must run; .ci/run installs them)", pytrace=False)
    pytest.skip(message)


def require_tool(name: str, reason: str = "") -> None:
    """Skip (or, under ``CARNET_REQUIRE_CHECKERS=1``, fail) unless tool ``name`` can run here.

    ``name`` is one of ``checkers.TOOLS_KNOWN`` (java, epubcheck, vnu, chromium, axe, ace, libreoffice,
    pdftotext, pdfinfo); ``reason`` says what the test needed it for and is shown with the skip.
    """
    if name not in TOOLS_KNOWN:
        raise ValueError(f"unknown tool {name!r}; known: {', '.join(TOOLS_KNOWN)}")
    problem = tool_missing(name)
    if problem is not None:
        missing_tool(name, f"{problem}" + (f" — needed to {reason}" if reason else ""))


@pytest.fixture(name="require_tool")
def require_tool_fixture() -> Callable[[str, str], None]:
    """The :func:`require_tool` helper as a fixture: ``require_tool("ace", "check the EPUB")``."""
    return require_tool


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> object:
    """A :class:`checkers.ToolUnavailable` raised during a test becomes a skip (or a failure in CI).

    This covers tools that are present but cannot start (e.g. Chromium refusing to launch), which
    :func:`require_tool` cannot see in advance.
    """
    try:
        return (yield)
    except ToolUnavailable as exc:
        missing_tool(exc.tool, exc.reason)
        raise  # unreachable: missing_tool always raises


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> object:
    """The same for fixtures that run a checker."""
    try:
        return (yield)
    except ToolUnavailable as exc:
        missing_tool(exc.tool, exc.reason)
        raise


#: Rows (checker, document, figures) recorded by the gate tests, printed as a table at the end of the run.
GATE_FIGURES = pytest.StashKey[list[tuple[str, str, str]]]()


@pytest.fixture
def record_figures(request: pytest.FixtureRequest) -> Callable[[str, str, str], None]:
    """``record_figures(checker, document, "0 errors, 0 warnings")``: one row of the end-of-run gate table."""
    rows = request.config.stash.setdefault(GATE_FIGURES, [])

    def _record(checker: str, document: str, figures: str) -> None:
        rows.append((checker, document, figures))

    return _record


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int,
                            config: pytest.Config) -> None:
    """Print the checker × document × figures table of the gate (a Markdown table, ready for a report)."""
    rows = config.stash.get(GATE_FIGURES, [])
    if not rows:
        return
    terminalreporter.write_sep("=", "checker gate figures")
    terminalreporter.write_line("| checker | document | figures |")
    terminalreporter.write_line("|---|---|---|")
    for checker, document, figures in sorted(rows):
        terminalreporter.write_line(f"| {checker} | {document} | {figures} |")


# ==============================================================================================================
# 4. Other shared fixtures
# ==============================================================================================================
