"""Batch conversion: many carnets, in a process pool, with progress and a summary (issue 7).

Place in the pipeline: around it. ``carnet convert`` hands the carnets it found to :func:`convert_batch`,
which runs each one through the whole pipeline (:func:`converter.pipeline.read`, then
:func:`converter.pipeline.write` for each format: atomic writes) in a worker process, and reports:

- what the one-carnet command always printed, carnet by carnet, grouped, in order of completion:
  ``file:line: severity: message — what to do`` on standard error, ``source → output`` on standard output;
- a progress bar (rich) on a terminal, plain ``[k/n]`` lines on standard error otherwise, and a summary table
  (file, formats, warnings, seconds) when there is more than one carnet;
- with ``--json``, one JSON document on standard output instead of the lines and the table.

One failing carnet never stops the others, not even one that kills its worker process; the exit code is 1
when any carnet failed. One carnet, or ``--jobs 1``, is converted in this process, with no pool.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .errors import CarnetError, Diagnostic

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .isolate import PreparedChild

EXIT_OK, EXIT_FAILED = 0, 1


@dataclass(frozen=True)
class BatchSettings:
    """What every carnet of a batch is converted with (sent to the worker processes)."""

    formats: tuple[str, ...]
    out_dir: Path
    inclusive: str = "doublet"
    skip: frozenset[str] = frozenset()
    reader_note: bool | None = None
    encoding: str | None = None
    check: bool = False
    quiet: bool = False


@dataclass
class Outcome:
    """What happened to one carnet."""

    source: str
    ok: bool = True
    formats: list[str] = field(default_factory=list)
    """The formats written."""
    outputs: list[str] = field(default_factory=list)
    warnings: int = 0
    seconds: float = 0.0
    error: str = ""
    """The error line, when the carnet could not be converted."""
    lines: list[tuple[str, str]] = field(default_factory=list)
    """What to print, in order: (``"out"`` or ``"err"``, line)."""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _docx_child(formats: Sequence[str], parallel: bool) -> PreparedChild | None:
    """The child that will render the DOCX beside the other formats, forked before the carnet is read so
    that it imports the DOCX writer meanwhile; None when the formats are rendered one after the other."""
    if not parallel or len(formats) < 2 or "docx" not in formats:
        return None
    from .isolate import PreparedChild

    return PreparedChild(_prepare_docx)


def _prepare_docx() -> None:
    from .writers import writer_for

    writer_for("docx")


def _rendered(document: object, formats: Sequence[str],
              docx_child: PreparedChild | None) -> dict[str, Callable[[], bytes]]:
    """For each format, what gives the bytes of ``document`` in it (or raises the writer's error).

    ``docx_child``: the DOCX writer (the slowest) runs in that forked child while this process renders the
    other formats. The bytes are then written in the order asked, as one after the other would, and an
    error is raised when its format's turn comes (see converter.isolate: without a usable child, DOCX is
    rendered here at its turn).
    """
    from .pipeline import render

    if docx_child is None:
        return {fmt: (lambda fmt=fmt: render(document, fmt)) for fmt in formats}  # type: ignore[misc]
    getters: dict[str, Callable[[], bytes]] = {"docx": docx_child.submit(render, document, "docx")}
    for fmt in formats:
        if fmt in getters:
            continue
        try:
            data = render(document, fmt)  # type: ignore[arg-type]
        except Exception as error:  # raised at this format's turn, after the formats before it are written
            getters[fmt] = _raiser(error)
        else:
            getters[fmt] = lambda data=data: data
    return getters


def _raiser(error: Exception) -> Callable[[], bytes]:
    def again() -> bytes:
        raise error

    return again


def convert_one(source: Path, settings: BatchSettings, parallel_writers: bool = False) -> Outcome:
    """Convert one carnet to every format; never raises for a problem with this carnet.

    ``parallel_writers``: render DOCX in a child process beside the other formats; the outputs, messages
    and errors are the same. Off by default (see :func:`run_batch`).
    """
    from .pipeline import read, write_atomically
    from .transforms import TransformOptions

    outcome = Outcome(str(source))
    start = time.perf_counter()
    rendered: dict[str, Callable[[], bytes]] = {}
    options = TransformOptions(inclusive=settings.inclusive, skip=set(settings.skip),
                               reader_note=settings.reader_note)
    docx_child = _docx_child(settings.formats, parallel_writers and not settings.check)
    try:
        document = read(source, options=options, encoding=settings.encoding)
        for diagnostic in document.diagnostics:
            outcome.warnings += diagnostic.severity == "warning"
            if diagnostic.severity == "error" or not settings.quiet:
                outcome.lines.append(("err", str(diagnostic)))
        inclusive = options.reports.get("inclusive_fr")
        if inclusive is not None and not settings.quiet and getattr(inclusive, "forms", None):
            outcome.lines.append(("err", f"{source}: {inclusive.summary()}"))  # type: ignore[attr-defined]
        rendered = _rendered(document, settings.formats, docx_child)
        docx_child = None
        for fmt in settings.formats:
            target = settings.out_dir / f"{source.stem}.{fmt}"
            write_atomically(rendered.pop(fmt)(), target)  # what pipeline.write does
            outcome.formats.append(fmt)
            outcome.outputs.append(str(target))
            if not settings.quiet:
                outcome.lines.append(("out", f"{source} → {target}"))
            if settings.check:
                from .checks import run_check

                report = io.StringIO()
                if run_check([target], "fr", False, report):
                    outcome.ok = False
                    outcome.error = outcome.error or f"{target}: the accessibility checks found errors"
                outcome.lines.extend(("out", line) for line in report.getvalue().splitlines())
        rendered = {}
    except CarnetError as error:
        _fail(outcome, str(error))
    except Exception as error:  # a bug on an unusual carnet: one line, and the other carnets go on
        message = " ".join(str(error).split())[:300]
        _fail(outcome, str(Diagnostic("error", f"internal error while converting ({type(error).__name__}: "
                                               f"{message})", str(source), None,
                                      "please report it with the carnet")))
    for unused in rendered.values():  # a failure stopped the writing: the DOCX child is waited for
        with contextlib.suppress(Exception):
            unused()
    if docx_child is not None:  # the carnet could not be read: the child has nothing to render
        docx_child.cancel()
    outcome.seconds = time.perf_counter() - start
    return outcome


def _fail(outcome: Outcome, line: str) -> None:
    outcome.ok = False
    outcome.error = line
    outcome.lines.append(("err", line))


def _warm_up(sources: Sequence[Path], settings: BatchSettings) -> None:
    """Import the readers and writers a batch needs, and load the lexicon, before the workers are forked:
    they start with them (shared, copy-on-write) instead of each spending ~0.5 s of CPU on them."""
    from contextlib import suppress
    from importlib import import_module

    from .lexicon import french_words
    from .readers import EXTENSIONS, READERS
    from .writers import writer_for

    with suppress(Exception):  # what cannot be loaded here is reported by each carnet that needs it
        import_module("converter.pipeline")
        for fmt in {EXTENSIONS.get(source.suffix.lower()) for source in sources} & set(READERS):
            import_module(READERS[fmt][0])  # type: ignore[index]
        for fmt in settings.formats:
            writer_for(fmt)
        french_words()


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops them (outputs are written atomically)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _in_pool(sources: Sequence[Path], settings: BatchSettings, jobs: int) -> Iterator[tuple[int, Outcome]]:
    """(index, outcome) in order of completion; a carnet whose worker died is retried alone, then reported."""
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only for batches: 50 ms of imports
    from concurrent.futures.process import BrokenProcessPool

    broken: list[int] = []
    _warm_up(sources, settings)
    executor = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts)
    try:
        futures: dict[Future[Outcome], int] = {executor.submit(convert_one, source, settings): index
                                               for index, source in enumerate(sources)}
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except BrokenProcessPool:
                broken.append(futures[future])
    except BaseException:
        for process in list(getattr(executor, "_processes", {}).values()):
            process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown()
    for index in sorted(broken):  # one at a time, so that only the carnet that kills its process fails
        source = sources[index]
        with ProcessPoolExecutor(max_workers=1, initializer=_ignore_interrupts) as alone:
            try:
                yield index, alone.submit(convert_one, source, settings).result()
            except BrokenProcessPool:
                outcome = Outcome(str(source))
                _fail(outcome, str(Diagnostic("error", "the conversion process stopped unexpectedly (out of "
                                                       "memory?)", str(source), None,
                                              "convert this carnet alone to see what happens")))
                yield index, outcome


def _spare_core() -> bool:
    """Whether a second core is free for the DOCX writer: at least two cores for this process, and no more
    runnable tasks than cores minus one besides this process, counted now.

    The one-minute load average that ``make --load-average`` uses lags: an editor converting again and
    again, or a benchmark, finds its own previous runs in it and would never use the second core. It is
    used only where the count of runnable tasks is not known (not on Linux).
    """
    cores = default_jobs()
    if cores < 2:
        return False
    runnable = _runnable_tasks()
    if runnable is not None:
        return runnable - 1 <= cores - 2
    try:
        return os.getloadavg()[0] <= cores - 1
    except OSError:
        return False


def _runnable_tasks() -> int | None:
    """The tasks running or ready to run right now, this process included (Linux's ``/proc/loadavg``:
    ``0.52 0.58 0.59 2/345 6789``); None when unknown."""
    try:
        with open("/proc/loadavg", encoding="ascii") as stream:
            return int(stream.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None


def _large(source: Path) -> bool:
    from .readers.markdown import ISOLATE_ABOVE

    try:
        return source.stat().st_size > ISOLATE_ABOVE
    except OSError:
        return False


def run_batch(sources: Sequence[Path], settings: BatchSettings,
              jobs: int | None = None) -> Iterator[tuple[int, Outcome]]:
    """Convert every source: (index in ``sources``, outcome), in order of completion (input order with one
    job or one carnet, which are converted in this process)."""
    allowed = jobs or default_jobs()
    jobs = min(allowed, len(sources))
    if jobs <= 1:
        for index, source in enumerate(sources):
            # DOCX rendered in a child beside the other formats (parallel_writers): for large carnets it keeps
            # the DOCX writer's memory out of this process (100× carnet #9: peak RSS 506 → ~424 MiB); for the
            # others it only pays when a core is free (on a loaded 2-core machine it made carnet #9 1.3× slower),
            # and only when more than one process is allowed (--jobs 1 means one).
            spare = allowed >= 2 and _spare_core()
            yield index, convert_one(source, settings, parallel_writers=_large(source) or spare)
    else:
        yield from _in_pool(sources, settings, jobs)


# --- What the command prints ------------------------------------------------------------------------


def _formats_text(outcome: Outcome) -> str:
    """The formats written, and FAILED when the carnet failed (some formats may have been written)."""
    written = ",".join(outcome.formats)
    return written if outcome.ok else f"{written} FAILED".strip()


def _table_lines(outcomes: Sequence[Outcome]) -> list[str]:
    rows = [["file", "formats", "warnings", "seconds"]]
    for o in outcomes:
        rows.append([o.source, _formats_text(o), str(o.warnings), f"{o.seconds:.2f}"])
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in
                               enumerate(zip(row, widths, strict=True))).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _rich_table(outcomes: Sequence[Outcome]):  # -> rich.table.Table
    from rich.table import Table

    table = Table(title=None, show_edge=False)
    table.add_column("file")
    table.add_column("formats")
    table.add_column("warnings", justify="right")
    table.add_column("seconds", justify="right")
    for o in outcomes:
        formats = _formats_text(o).replace("FAILED", "[bold red]FAILED[/]")
        table.add_row(o.source, formats, str(o.warnings), f"{o.seconds:.2f}")
    return table


def convert_batch(sources: Sequence[Path], settings: BatchSettings, *, jobs: int | None = None,
                  as_json: bool = False, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Convert ``sources``, print as ``carnet convert`` does, return the exit code (0, or 1 if any failed)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    many = len(sources) > 1
    fancy = many and not settings.quiet and not as_json and err.isatty()
    outcomes: dict[int, Outcome] = {}
    started = time.perf_counter()

    def emit(outcome: Outcome, echo: Callable[[str, str], None]) -> None:
        for stream, line in outcome.lines:
            if stream == "err" or not as_json:
                echo(stream, line)

    if fancy:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(file=err)
        progress = Progress(TextColumn("converting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            TextColumn("{task.description}"), console=console, transient=True,
                            redirect_stdout=False, redirect_stderr=False)
        with progress:
            task = progress.add_task("", total=len(sources))
            for index, outcome in run_batch(sources, settings, jobs):
                outcomes[index] = outcome
                emit(outcome, lambda stream, line: progress.console.print(
                    line, markup=False, highlight=False, soft_wrap=True, style="red" if stream == "err"
                    and ": error:" in line else None) if stream == "err" or out.isatty()
                    else print(line, file=out, flush=True))  # standard output redirected: lines go there
                progress.update(task, advance=1, description=Path(outcome.source).name)
        ordered = [outcomes[i] for i in range(len(sources))]
        Console(file=out).print(_rich_table(ordered))
    else:
        for index, outcome in run_batch(sources, settings, jobs):
            outcomes[index] = outcome
            emit(outcome, lambda stream, line: print(line, file=err if stream == "err" else out, flush=True))
            if many and not settings.quiet and not as_json:
                state = "done" if outcome.ok else "FAILED"
                print(f"carnet: [{len(outcomes)}/{len(sources)}] {outcome.source} {state} "
                      f"({outcome.seconds:.2f} s)", file=err, flush=True)
        ordered = [outcomes[i] for i in range(len(sources))]
        if many and not settings.quiet and not as_json:
            print("\n".join(_table_lines(ordered)), file=out)
    failed = sum(not o.ok for o in ordered)
    if as_json:
        records = []
        for o in ordered:
            record = asdict(o)
            record.pop("lines")
            record["seconds"] = round(o.seconds, 3)
            record["messages"] = [line for stream, line in o.lines if stream == "err"]
            records.append(record)
        json.dump({"ok": not failed, "failed": failed, "carnets": records,
                   "seconds": round(time.perf_counter() - started, 3)}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif many and not settings.quiet:
        summary = f"{len(ordered) - failed} of {len(ordered)} carnets converted in " \
                  f"{time.perf_counter() - started:.1f} s" + (f"; {failed} failed" if failed else "")
        print(summary, file=err)
    with contextlib.suppress(OSError, ValueError):
        out.flush()
    return EXIT_FAILED if failed else EXIT_OK
