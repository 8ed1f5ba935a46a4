"""Batch conversion (issue 7): ``carnet convert DIR…`` in a process pool, progress, summary, --json, exit codes.

Regression tests for issue 7: one failing carnet never stops the others, the exit code says whether any failed,
``--json`` is one parseable document, no traceback ever reaches the user.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from converter import batch
from converter.batch import BatchSettings, convert_batch, convert_one
from converter.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "input" / "carnet-exemple.md"
BROKEN = "---\ntitle: [not closed\n---\n\nText.\n"


def _carnets(folder: Path, good: int = 2, bad: int = 1) -> Path:
    """``good`` short valid carnets and ``bad`` carnets with unreadable front matter, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = "---\ntitle: Carnet {n}\nlang: fr\n---\n\n## Partie {n}\n\nLes médiateurs et les médiatrices[^1].\n\n" \
           "[^1]: Une note.\n"
    for n in range(1, good + 1):
        (folder / f"good-{n}.md").write_text(text.format(n=n), encoding="utf-8")
    for n in range(1, bad + 1):
        (folder / f"bad-{n}.md").write_text(BROKEN, encoding="utf-8")
    return folder


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-m", "converter", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300)


def test_issue7_failing_carnet_does_not_stop_the_others_jobs_2_json(tmp_path: Path) -> None:
    """issue 7: a folder with a broken carnet, --jobs 2 --json: the others are written, exit 1, JSON parses."""
    folder = _carnets(tmp_path / "in", good=3, bad=1)
    result = _run("convert", str(folder), "-t", "html,epub", "-o", str(tmp_path / "out"), "--jobs", "2", "--json",
                  cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["failed"] == 1
    by_name = {Path(c["source"]).name: c for c in report["carnets"]}
    assert list(by_name) == ["bad-1.md", "good-1.md", "good-2.md", "good-3.md"]  # input order, whatever finished first
    bad = by_name["bad-1.md"]
    assert bad["ok"] is False and bad["formats"] == [] and ": error: " in bad["error"]
    assert bad["error"].startswith(f"{folder / 'bad-1.md'}:")
    for n in (1, 2, 3):
        carnet = by_name[f"good-{n}.md"]
        assert carnet["ok"] is True and carnet["formats"] == ["html", "epub"]
        assert carnet["seconds"] >= 0 and isinstance(carnet["warnings"], int)
        for output in carnet["outputs"]:
            assert Path(output).is_file()
    # one line per problem on standard error, as for one carnet
    error_lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert error_lines == [bad["error"]]


def test_issue7_plain_progress_and_summary_table(tmp_path: Path) -> None:
    """issue 7: not on a terminal: the usual lines, [k/n] progress lines, then the summary table; exit 0."""
    folder = _carnets(tmp_path / "in", good=3, bad=0)
    result = _run("convert", str(folder), "-t", "html", "-o", str(tmp_path / "out"), "--jobs", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for n in (1, 2, 3):
        assert f"{folder / f'good-{n}.md'} → {tmp_path / 'out' / f'good-{n}.html'}" in result.stdout
    assert sorted(line.split("]")[0] for line in result.stderr.splitlines() if line.startswith("carnet: [")) == \
        ["carnet: [1/3", "carnet: [2/3", "carnet: [3/3"]
    table = result.stdout.splitlines()
    header = next(i for i, line in enumerate(table) if line.startswith("file"))
    assert table[header].split() == ["file", "formats", "warnings", "seconds"]
    rows = [line.split() for line in table[header + 2:header + 5]]
    assert [Path(row[0]).name for row in rows] == ["good-1.md", "good-2.md", "good-3.md"]
    assert all(row[1] == "html" for row in rows)
    assert "3 of 3 carnets converted" in result.stderr


def test_issue7_quiet_prints_only_errors(tmp_path: Path) -> None:
    """issue 7: --quiet: nothing on standard output, only the error line on standard error, exit 1."""
    folder = _carnets(tmp_path / "in", good=2, bad=1)
    result = _run("convert", str(folder), "-t", "html", "-o", str(tmp_path / "out"), "-q", "--jobs", "2",
                  cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and ": error: " in lines[0] and "bad-1.md:" in lines[0]
    assert (tmp_path / "out" / "good-1.html").is_file() and (tmp_path / "out" / "good-2.html").is_file()


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_issue7_jobs_must_be_a_positive_number(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """issue 7: a bad --jobs is a usage error: exit 2, one line."""
    with pytest.raises(SystemExit) as stopped:
        main(["convert", str(SAMPLE), "--jobs", value])
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("carnet: error:") and "--jobs" in err[0]


def test_issue7_one_carnet_output_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """issue 7: one carnet is converted in this process and prints what it always printed: no table."""
    assert main(["convert", str(SAMPLE), "-t", "html,docx", "-o", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [f"{SAMPLE} → {tmp_path / 'carnet-exemple.html'}",
                                         f"{SAMPLE} → {tmp_path / 'carnet-exemple.docx'}"]
    assert "carnet: [" not in captured.err and "carnets converted" not in captured.err


def test_issue7_jobs_1_in_process_in_input_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """issue 7: --jobs 1 converts in order in this process; several files (not only folders) are accepted."""
    folder = _carnets(tmp_path / "in", good=2, bad=1)
    files = [folder / "good-2.md", folder / "bad-1.md", folder / "good-1.md"]
    assert main(["convert", *map(str, files), "-t", "html", "-o", str(tmp_path / "out"), "--jobs", "1",
                 "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [Path(c["source"]).name for c in report["carnets"]] == ["good-2.md", "bad-1.md", "good-1.md"]
    assert [c["ok"] for c in report["carnets"]] == [True, False, True]


def test_issue7_unexpected_exception_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """issue 7: a bug on one carnet is reported as one error line for that carnet, never raised."""
    import converter.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("boom\nsecond line")

    monkeypatch.setattr(converter.pipeline, "read", broken)
    outcome = convert_one(SAMPLE, BatchSettings(("html",), tmp_path))
    assert not outcome.ok
    assert outcome.error.startswith(f"{SAMPLE}: error: internal error while converting (ValueError: boom second line)")
    assert outcome.lines == [("err", outcome.error)]


def _dies_on_bad(source: Path, settings: BatchSettings) -> batch.Outcome:
    if source.name.startswith("bad"):
        os._exit(3)  # the worker process dies, as on a crash or an out-of-memory kill
    return _real_convert_one(source, settings)


_real_convert_one = batch.convert_one


@pytest.mark.skipif(sys.platform != "linux", reason="the patched worker function reaches the pool through fork")
def test_issue7_a_worker_that_dies_fails_only_its_carnet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """issue 7: a carnet that kills its worker process fails alone; the others are converted; exit 1."""
    import multiprocessing

    if multiprocessing.get_start_method(allow_none=True) not in (None, "fork"):
        pytest.skip("needs the fork start method")
    folder = _carnets(tmp_path / "in", good=3, bad=1)
    monkeypatch.setattr(batch, "convert_one", _dies_on_bad)
    sources = sorted(folder.iterdir())
    code = convert_batch(sources, BatchSettings(("html",), tmp_path / "out", quiet=True), jobs=2, as_json=True)
    assert code == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert [c["ok"] for c in report["carnets"]] == [False, True, True, True]
    assert "stopped unexpectedly" in report["carnets"][0]["error"]
    assert "Traceback" not in captured.err
    for n in (1, 2, 3):
        assert (tmp_path / "out" / f"good-{n}.html").is_file()


@pytest.mark.parametrize("parallel", [False, True])
def test_issue7_parallel_writers_keep_order_and_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       parallel: bool) -> None:
    """issue 7: with DOCX rendered in a child beside the other formats, a writer error still stops the
    formats after it, the ones before it are written, and the messages are those of one after the other."""
    import converter.pipeline
    from converter.errors import CarnetError

    real_render = converter.pipeline.render

    def render(document: object, fmt: str) -> bytes:
        if fmt == "epub":
            raise CarnetError("cannot write the EPUB", "x.md", None, "try again")
        return real_render(document, fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(converter.pipeline, "render", render)
    outcome = convert_one(SAMPLE, BatchSettings(("docx", "epub", "html"), tmp_path), parallel_writers=parallel)
    assert not outcome.ok and outcome.formats == ["docx"]
    assert outcome.error == "x.md: error: cannot write the EPUB — try again"
    assert (tmp_path / "carnet-exemple.docx").is_file()
    assert not (tmp_path / "carnet-exemple.epub").exists() and not (tmp_path / "carnet-exemple.html").exists()


def test_issue7_parallel_writers_same_files(tmp_path: Path) -> None:
    """issue 7: one carnet on several cores (DOCX in a child) gives the same outputs as --jobs 1."""
    import zipfile

    one, two = tmp_path / "one", tmp_path / "two"
    assert convert_one(SAMPLE, BatchSettings(("docx", "html"), one)).ok
    assert convert_one(SAMPLE, BatchSettings(("docx", "html"), two), parallel_writers=True).ok
    assert (one / "carnet-exemple.html").read_bytes() == (two / "carnet-exemple.html").read_bytes()
    first, second = zipfile.ZipFile(one / "carnet-exemple.docx"), zipfile.ZipFile(two / "carnet-exemple.docx")
    assert first.namelist() == second.namelist()
    for name in first.namelist():
        if not name.endswith("core.xml"):  # creation date
            assert first.read(name) == second.read(name), name


@pytest.mark.parametrize(("cores", "runnable", "load", "expected"), [
    (2, 1, 1.9, True), (2, 2, 0.1, False), (1, 1, 0.0, False), (4, 3, 3.5, True), (4, 4, 0.0, False),
    (2, None, 0.3, True), (2, None, 1.0, True), (2, None, 1.5, False), (4, None, 3.2, False)])
def test_issue7_docx_beside_the_others_only_on_a_free_core(monkeypatch: pytest.MonkeyPatch, cores: int,
                                                            runnable: int | None, load: float,
                                                            expected: bool) -> None:
    """issue 7: one carnet renders its DOCX in a child only when a core is free: no more runnable tasks
    than cores minus one besides this process (the lagging load average is not used when that count is
    known: a benchmark's own previous runs are in it); else the load average, as ``make -l`` does."""
    monkeypatch.setattr(batch, "default_jobs", lambda: cores)
    monkeypatch.setattr(batch, "_runnable_tasks", lambda: runnable)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert batch._spare_core() is expected


def test_issue7_runnable_tasks_counts_this_process() -> None:
    """issue 7: on Linux the count comes from /proc/loadavg and includes this process; elsewhere it is
    unknown (None) and the load average decides."""
    count = batch._runnable_tasks()
    if sys.platform.startswith("linux"):
        assert count is not None and count >= 1
    else:
        assert count is None


def test_issue7_one_carnet_uses_the_spare_core(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """issue 7: ``carnet convert`` of one carnet asks for the DOCX child exactly when a core is free."""
    asked: list[bool] = []
    real = batch.convert_one

    def spy(source: Path, settings: BatchSettings, parallel_writers: bool = False) -> batch.Outcome:
        asked.append(parallel_writers)
        return real(source, settings, parallel_writers)

    monkeypatch.setattr(batch, "convert_one", spy)
    monkeypatch.setattr(batch, "default_jobs", lambda: 2)
    for free in (True, False):
        monkeypatch.setattr(batch, "_spare_core", lambda free=free: free)
        assert main(["convert", str(SAMPLE), "-t", "docx,html", "-o", str(tmp_path), "-q"]) == 0
    monkeypatch.setattr(batch, "_spare_core", lambda: True)
    assert main(["convert", str(SAMPLE), "-t", "docx,html", "-o", str(tmp_path), "-q", "--jobs", "1"]) == 0
    assert asked == [True, False, False], "--jobs 1 means one process"


def test_issue7_unreadable_carnet_with_docx_child(tmp_path: Path) -> None:
    """issue 7: the DOCX child is forked before the carnet is read; when the read fails, the error is the
    same as without it and the child is waited for (no process left behind)."""
    bad = tmp_path / "missing.md"
    plain = convert_one(bad, BatchSettings(("docx", "html"), tmp_path / "a"))
    forked = convert_one(bad, BatchSettings(("docx", "html"), tmp_path / "b"), parallel_writers=True)
    assert not plain.ok and forked.error == plain.error.replace("/a/", "/b/")
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
