"""Benchmarks of Carnet accessible (issue 7): speed and memory, side by side with pandoc.

Place in the project: outside the pipeline, not a test. It runs the ``carnet`` command (``python -m
converter``) in fresh processes and reports what an editor or a batch would see:

- carnet #9 to each format alone and to the three in one process, several runs after a warm-up:
  median wall and CPU time and peak RSS of each configuration (each is its own process, so the peak RSS
  is that configuration's, from ``os.wait4``);
- pandoc 3 on the same Markdown for the same three outputs, in the same loop, runs alternating with
  ours, when ``pypandoc-binary`` is installed (``pip install -e ".[bench]"``); ratio ours/pandoc;
- a per-stage breakdown in one process: read, each transform of ``converter.transforms.TRANSFORMS``
  by name, each writer (render and atomic write);
- carnets generated at 1×, 10× and 100× the size of carnet #9 (its sections repeated with footnote labels,
  ids and page numbers renumbered and heading texts made unique, plus the kitchen-sink sample so that
  every node kind is present): time per thousand words and peak RSS, so that non-linear growth shows;
- ``carnet --help`` start-up (and which heavy modules it imports), the inclusive-writing engine
  (``rewrite``) on carnet #9's text, and a batch of 8 carnets with ``--jobs 1`` and ``--jobs 2``.

Run from the repository root: ``python benchmarks/bench.py`` (``--quick`` for a short run, ``--help``).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CARNET = ROOT / "input" / "carnet-09-montpellier.md"
RAW_TEXT = ROOT / "input" / "carnet-09-montpellier.txt"
SAMPLE = ROOT / "input" / "carnet-exemple.md"
FORMATS = ("docx", "epub", "html")
HEAVY_MODULES = ("docx", "ebooklib", "markdown", "bs4", "lxml", "jinja2", "spellchecker", "yaml")
TARGETS = {
    "ratio": 0.5,         # ours (three formats, one process) / pandoc (three runs)
    "scaling": 1.3,       # time per kword at 100× / at 1×
    "rss_mb": 500.0,      # peak RSS at 100×
    "help_s": 0.15,       # carnet --help
    "importer_s": 1.0,    # reading carnet #9's raw text, first read in a fresh process
    "inclusive_s": 0.2,   # rewrite() on carnet #9
    "jobs_speedup": 1.6,  # batch of 8, --jobs 1 / --jobs 2
}


# --- Measuring a process -----------------------------------------------------------------------


@dataclass
class Sample:
    """One process run: wall and CPU seconds, peak resident memory in MiB."""

    wall: float
    cpu: float
    rss_mb: float


@dataclass
class Series:
    """Several runs of one configuration."""

    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def rss_mb(self) -> float:
        return max(s.rss_mb for s in self.samples)


def run_process(command: Sequence[str], cwd: Path | None = None) -> Sample:
    """Run ``command`` to its end in a fresh process; its own wall time, CPU time and peak RSS."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    # Read stderr before waiting, so that a chatty process never blocks on a full pipe.
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(map(str, command))} failed ({process.returncode}):\n"
                           f"{errors.decode(errors='replace')[-2000:]}")
    # Linux reports ru_maxrss in KiB.
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def carnet_command(inputs: Sequence[Path | str], formats: Sequence[str], out_dir: Path,
                   *extra: str) -> list[str]:
    """The ``carnet convert`` command line, run with this interpreter."""
    return [sys.executable, "-m", "converter", "convert", *map(str, inputs), "-t", ",".join(formats),
            "-o", str(out_dir), "-q", *extra]


def pandoc_path() -> str | None:
    """The pandoc of ``pypandoc-binary`` (or one on PATH), when it is 3.x."""
    candidates = []
    try:
        import pypandoc  # type: ignore[import-not-found]

        candidates.append(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        pass
    candidates.append(shutil.which("pandoc"))
    for path in filter(None, candidates):
        try:
            version = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            continue
        if re.match(r"pandoc(?:\.exe)? 3\.", version):
            return path
    return None


def pandoc_command(pandoc: str, source: Path, fmt: str, out_dir: Path) -> list[str]:
    """pandoc on the same Markdown (front matter read as metadata), one output."""
    return [pandoc, str(source), "-f", "markdown", "-s", "--quiet", "-o", str(out_dir / f"pandoc.{fmt}")]


# --- In-process figures (run in a child process) ------------------------------------------------


def child_stages(path: str, runs: int) -> dict[str, object]:
    """Per-stage seconds of converting ``path`` to the three formats: first run and median of ``runs``."""
    from converter.pipeline import render, write_atomically
    from converter.readers import read_path
    from converter.transforms import TRANSFORMS, TransformOptions

    out_dir = Path(tempfile.mkdtemp(prefix="carnet-bench-"))
    timings: list[dict[str, float]] = []
    cpu: list[dict[str, float]] = []

    def timed(name: str, step: Callable[[], object]) -> object:
        clock, cpu_clock = time.perf_counter(), time.process_time()
        result = step()
        timings[-1][name] = time.perf_counter() - clock
        cpu[-1][name] = time.process_time() - cpu_clock
        return result

    try:
        for _ in range(runs + 1):
            timings.append({})
            cpu.append({})
            document = timed("read", lambda: read_path(Path(path)))
            options = TransformOptions()
            for name, transform in TRANSFORMS:
                timed(name, lambda transform=transform, document=document, options=options:
                      transform(document, options))
            for fmt in FORMATS:
                timed(fmt, lambda fmt=fmt, document=document:
                      write_atomically(render(document, fmt), out_dir / f"stages.{fmt}"))
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    names = list(timings[0])
    return {"names": names, "first": timings[0],
            "median": {n: statistics.median(t[n] for t in timings[1:]) for n in names},
            "cpu": {n: statistics.median(t[n] for t in cpu[1:]) for n in names}}


def child_inclusive(path: str, runs: int) -> dict[str, object]:
    """Seconds of ``rewrite`` on the text of ``path``: first call (lexicon loaded) and warm median."""
    from converter.transforms.inclusive_fr import rewrite

    text = Path(path).read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    seconds = []
    forms = 0
    for _ in range(runs + 1):
        clock = time.perf_counter()
        _, found = rewrite(text)
        seconds.append(time.perf_counter() - clock)
        forms = len(found)
    return {"first": seconds[0], "median": statistics.median(seconds[1:]), "forms": forms}


def child_importer(path: str, runs: int) -> dict[str, object]:
    """Seconds of reading the raw text ``path`` into a tree (the importer, no transforms): the first read in
    a fresh process (imports and lexicon included) and the warm median."""
    clock = time.perf_counter()
    from converter.readers import read_path

    seconds = []
    for _ in range(runs + 1):
        read_path(Path(path))
        seconds.append(time.perf_counter() - clock)
        clock = time.perf_counter()
    return {"first": seconds[0], "median": statistics.median(seconds[1:])}


def child_help_imports() -> dict[str, object]:
    """Which heavy modules ``carnet --help`` imports."""
    import contextlib
    import io

    from converter.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main(["--help"])
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main(["convert", "--help"])
    imported = [m for m in HEAVY_MODULES if m in sys.modules]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as text:
        text.write("Les citoyen·nes et les élu·es.\n")
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["inclusive", text.name])
    finally:
        os.unlink(text.name)
    return {"imported": imported, "inclusive_imported": [m for m in ("docx", "ebooklib") if m in sys.modules]}


def run_child(function: str, *args: str) -> dict[str, object]:
    """Run one of the ``child_*`` functions in a fresh interpreter; its JSON result."""
    output = subprocess.run([sys.executable, __file__, "--child", function, *args], cwd=ROOT,
                            capture_output=True, text=True)
    if output.returncode != 0:
        raise RuntimeError(f"child {function} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout)


# --- Generated carnets ---------------------------------------------------------------------------


_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.S)
_NOTE_LABEL = re.compile(r"\[\^([^\]\s]+)\]")
_HEADING = re.compile(r"^(#{1,6} )(.*?)(\s*\{[^{}]*\})?\s*$", re.M)
_ID = re.compile(r"(\{[^{}]*?#)([\w:-]+)")
_ANCHOR = re.compile(r"\]\(#([\w:-]+)\)")
_PAGE = re.compile(r"\{\{\s*page\s+([^\s{}]+)\s*\}\}")


def _renumbered(body: str, copy: int, page_offset: int) -> str:
    """One copy of a carnet body: notes, ids, anchors and pages renumbered, headings made unique."""
    suffix = f"-r{copy}"

    def page(match: re.Match[str]) -> str:
        label = match.group(1)
        return f"{{{{page {int(label) + page_offset if label.isdigit() else label + suffix}}}}}"

    body = _NOTE_LABEL.sub(lambda m: f"[^{m.group(1)}{suffix}]", body)
    body = _ID.sub(lambda m: f"{m.group(1)}{m.group(2)}{suffix}", body)
    body = _ANCHOR.sub(lambda m: f"](#{m.group(1)}{suffix})", body)
    body = _PAGE.sub(page, body)
    return _HEADING.sub(lambda m: f"{m.group(1)}{m.group(2)} ({copy}){m.group(3) or ''}", body)


def generate_carnet(factor: int, directory: Path) -> tuple[Path, int]:
    """A carnet ``factor`` times carnet #9 (plus the kitchen sink once) in ``directory``; (path, words)."""
    text = CARNET.read_text(encoding="utf-8")
    front, body = _FRONT.match(text).group(1), text[_FRONT.match(text).end():]  # type: ignore[union-attr]
    sample = SAMPLE.read_text(encoding="utf-8")
    sample_body = sample[_FRONT.match(sample).end():]  # type: ignore[union-attr]
    pages = max((int(p) for p in _PAGE.findall(body) if p.isdigit()), default=0)
    # The sample's interview speakers join carnet #9's.
    front = front.replace("speakers:\n", "speakers:\n  CM: Claire Martin\n  JD: Jean Dupont\n", 1)
    parts = [f"---\n{front}---\n"]
    for copy in range(1, factor + 1):
        parts.append(_renumbered(body, copy, (copy - 1) * pages))
    parts.append(_renumbered(sample_body, 0, factor * pages))
    output = "\n\n".join(parts)
    path = directory / f"carnet-{factor}x.md"
    path.write_text(output, encoding="utf-8")
    images = directory / "images"
    if not images.exists():  # a copy: images outside the carnet's folder are not read
        shutil.copytree(CARNET.parent / "images", images)
    return path, len(output[len(parts[0]):].split())


# --- The benchmark -------------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def median_of(function: Callable[[], float], runs: int) -> float:
    function()  # warm-up
    return statistics.median(function() for _ in range(runs))


def bench(args: argparse.Namespace) -> dict[str, object]:
    results: dict[str, object] = {}
    work = Path(tempfile.mkdtemp(prefix="carnet-bench-"))
    out = work / "out"
    try:
        results["load_start"] = os.getloadavg()
        words = len(_FRONT.sub("", CARNET.read_text(encoding="utf-8")).split())
        results["words"] = words

        # 1. Carnet #9: each format alone, the three in one process; pandoc alternating.
        pandoc = None if args.no_pandoc else pandoc_path()
        configs: dict[str, list[list[str]]] = {fmt: [carnet_command([CARNET], [fmt], out)] for fmt in FORMATS}
        configs["all three"] = [carnet_command([CARNET], FORMATS, out)]
        if pandoc:
            for fmt in FORMATS:
                configs[f"pandoc {fmt}"] = [pandoc_command(pandoc, CARNET, fmt, out)]
            configs["pandoc three runs"] = [pandoc_command(pandoc, CARNET, fmt, out) for fmt in FORMATS]
        series: dict[str, Series] = {name: Series() for name in configs}
        log(f"carnet #9: {len(configs)} configurations, 1 warm-up + {args.runs} runs, alternating")
        for round_ in range(args.runs + 1):
            for name, commands in configs.items():
                if name.startswith("pandoc ") and name != "pandoc three runs":
                    continue  # filled from the three-run row below
                samples = [run_process(c, cwd=CARNET.parent) for c in commands]
                if round_ == 0:
                    continue
                if name == "pandoc three runs":
                    for fmt, sample in zip(FORMATS, samples, strict=True):
                        series[f"pandoc {fmt}"].samples.append(sample)
                series[name].samples.append(Sample(sum(s.wall for s in samples), sum(s.cpu for s in samples),
                                                   max(s.rss_mb for s in samples)))
        results["formats"] = {name: vars(s) | {"wall": s.wall, "cpu": s.cpu, "rss_mb": s.rss_mb}
                              for name, s in series.items()}
        for s in results["formats"].values():  # type: ignore[union-attr]
            s.pop("samples")
        if pandoc:
            ratios = [o.wall / p.wall for o, p in zip(series["all three"].samples,
                                                       series["pandoc three runs"].samples, strict=True)]
            results["ratio"] = statistics.median(ratios)
            results["cpu_ratio"] = statistics.median(
                o.cpu / p.cpu for o, p in zip(series["all three"].samples, series["pandoc three runs"].samples,
                                              strict=True))
            results["pandoc"] = subprocess.run([pandoc, "--version"], capture_output=True,
                                               text=True).stdout.split("\n")[0]

        # 2. Per stage, in one process.
        log("per-stage breakdown")
        results["stages"] = run_child("child_stages", str(CARNET), str(args.runs))

        # 3. Start-up, inclusive engine.
        log("carnet --help, inclusive engine")
        help_command = [shutil.which("carnet") or "", "--help"] if shutil.which("carnet") else \
            [sys.executable, "-m", "converter", "--help"]
        results["help_command"] = " ".join(Path(help_command[0]).name if i == 0 else a
                                           for i, a in enumerate(help_command))
        results["help_s"] = median_of(lambda: run_process(help_command).wall, max(args.runs, 7))
        results["python_s"] = median_of(lambda: run_process([sys.executable, "-c", "pass"]).wall, max(args.runs, 7))
        imports = run_child("child_help_imports")
        results["help_imports"] = imports["imported"]
        results["inclusive_imports"] = imports["inclusive_imported"]
        results["inclusive"] = run_child("child_inclusive", str(CARNET), str(args.runs))
        log("importer on carnet #9's raw text")
        results["importer"] = run_child("child_importer", str(RAW_TEXT), str(args.runs))
        import_command = [sys.executable, "-m", "converter", "import", str(RAW_TEXT), "-o", str(work / "import.md"),
                          "--force"]  # without it, the runs after the first stop at once: the file exists
        results["import_s"] = median_of(lambda: run_process(import_command).wall, args.runs)

        # 4. Scaling.
        scaling = {}
        for factor in [1, *args.scales]:
            path, count = generate_carnet(factor, work)
            runs = args.runs if factor == 1 else (min(args.runs, 3) if factor <= 10 else 1)
            log(f"{factor}× carnet #9: {count} words, {runs} run(s) after a warm-up" if factor < 100
                else f"{factor}× carnet #9: {count} words, {runs} run (no warm-up)")
            runs_series = Series()
            for index in range(runs + (1 if factor < 100 else 0)):
                sample = run_process(carnet_command([path], FORMATS, out), cwd=work)
                if factor < 100 and index == 0:
                    continue
                runs_series.samples.append(sample)
            scaling[str(factor)] = {"words": count, "wall": runs_series.wall, "cpu": runs_series.cpu,
                                    "rss_mb": runs_series.rss_mb,
                                    "s_per_kword": runs_series.wall / (count / 1000),
                                    "cpu_per_kword": runs_series.cpu / (count / 1000)}
            path.unlink()
        results["scaling"] = scaling

        # 5. A batch of 8 carnets.
        jobs_supported = "--jobs" in subprocess.run([sys.executable, "-m", "converter", "convert", "--help"],
                                                    capture_output=True, text=True).stdout
        if not args.no_batch and not jobs_supported:
            log("carnet convert has no --jobs option: batch skipped")
        elif not args.no_batch:
            batch = work / "batch"
            batch.mkdir()
            shutil.copytree(CARNET.parent / "images", batch / "images")
            for index in range(1, 9):
                shutil.copy(CARNET, batch / f"carnet-{index:02d}.md")
            runs = min(args.runs, 3)
            log(f"batch of 8 carnets: --jobs 1 and --jobs 2 alternating, {runs} run(s) after a warm-up")
            jobs: dict[str, Series] = {"1": Series(), "2": Series()}
            for round_ in range(runs + 1):
                for n in jobs:
                    sample = run_process(carnet_command([batch], FORMATS, out / "batch", "--jobs", n))
                    if round_:
                        jobs[n].samples.append(sample)
            results["batch"] = {n: {"wall": s.wall, "cpu": s.cpu, "rss_mb": s.rss_mb} for n, s in jobs.items()}
            results["batch_speedup"] = jobs["1"].wall / jobs["2"].wall
        results["cores"] = os.cpu_count()
        results["load"] = (results["load_start"][0], os.getloadavg()[0])  # type: ignore[index]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


# --- The report ------------------------------------------------------------------------------------


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for index, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _met(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def report(results: dict[str, object], runs: int) -> str:
    out: list[str] = []
    words = results["words"]
    formats = results["formats"]
    assert isinstance(formats, dict)
    out.append(f"Carnet #9 ({words} words), median of {runs} runs after a warm-up, each a fresh process "
               f"(machine: {results['cores']} cores, load average {results['load'][0]:.1f} at the start, "
               f"{results['load'][1]:.1f} at the end: wall times grow with it)")
    rows = [[name, f"{f['wall']:.3f}", f"{f['cpu']:.3f}", f"{f['rss_mb']:.0f}"] for name, f in formats.items()]
    out.append(_table(["configuration", "wall s", "CPU s", "peak RSS MiB"], rows))
    if "ratio" in results:
        out.append(f"ours (three formats, one process) / pandoc (three runs), median of paired runs: "
                   f"wall {results['ratio']:.2f}, CPU {results['cpu_ratio']:.2f}  [{results['pandoc']}]")
    else:
        out.append("pandoc 3 not installed (pip install -e '.[bench]'): no side-by-side figures")
    out.append("")

    stages = results["stages"]
    assert isinstance(stages, dict)
    rows = [[name, f"{stages['first'][name] * 1000:.1f}", f"{stages['median'][name] * 1000:.1f}",
             f"{stages['cpu'][name] * 1000:.1f}"] for name in stages["names"]]
    rows.append(["total", f"{sum(stages['first'].values()) * 1000:.1f}",
                 f"{sum(stages['median'].values()) * 1000:.1f}", f"{sum(stages['cpu'].values()) * 1000:.1f}"])
    out.append("Per stage, in one process (ms; the first run includes lazy imports and the lexicon)")
    out.append(_table(["stage", "first run wall", "median wall", "median CPU"], rows))
    out.append("")

    scaling = results["scaling"]
    assert isinstance(scaling, dict)
    base = scaling["1"]["s_per_kword"]
    rows = [[f"{factor}×", s["words"], f"{s['wall']:.2f}", f"{s['cpu']:.2f}", f"{s['s_per_kword'] * 1000:.1f}",
             f"{s['s_per_kword'] / base:.2f}", f"{s['rss_mb']:.0f}"] for factor, s in scaling.items()]
    out.append("Scaling: generated carnets, three formats in one process")
    out.append(_table(["size", "words", "wall s", "CPU s", "ms/kword", "vs 1×", "peak RSS MiB"], rows))
    out.append("")

    inclusive = results["inclusive"]
    assert isinstance(inclusive, dict)
    out.append(f"{results['help_command']}: {results['help_s']:.3f} s (python -c pass: {results['python_s']:.3f} s); "
               f"heavy modules imported: {', '.join(results['help_imports']) or 'none'}; "  # type: ignore[arg-type]
               f"carnet inclusive imports python-docx or ebooklib: "
               f"{', '.join(results['inclusive_imports']) or 'no'}")  # type: ignore[arg-type]
    out.append(f"inclusive engine, rewrite() on carnet #9's text: {inclusive['median']:.3f} s warm, "
               f"{inclusive['first']:.3f} s first call (lexicon loaded), {inclusive['forms']} forms")
    importer = results["importer"]
    assert isinstance(importer, dict)
    out.append(f"importer, reading carnet #9's raw text into a tree: {importer['first']:.3f} s first read in a "
               f"fresh process (imports and lexicon included), {importer['median']:.3f} s warm; the whole "
               f"'carnet import' command (writing carnet Markdown): {results['import_s']:.3f} s")
    if "batch" in results:
        batch = results["batch"]
        assert isinstance(batch, dict)
        out.append(f"batch of 8 carnets: --jobs 1 {batch['1']['wall']:.2f} s, --jobs 2 {batch['2']['wall']:.2f} s "
                   f"(speed-up {results['batch_speedup']:.2f}×)")
    out.append("")

    targets = []
    if "ratio" in results:
        targets.append(["carnet #9, three formats ≤ 0.5 × pandoc", f"{results['ratio']:.2f}",
                        _met(results["ratio"] <= TARGETS["ratio"])])  # type: ignore[operator]
    if "100" in scaling:
        big = scaling["100"]
        targets.append(["100×: time per kword ≤ 1.3 × the 1× figure", f"{big['s_per_kword'] / base:.2f}",
                        _met(big["s_per_kword"] / base <= TARGETS["scaling"])])
        targets.append(["100×: peak RSS ≤ 500 MB", f"{big['rss_mb'] * 1.048576:.0f} MB",
                        _met(big["rss_mb"] * 1.048576 <= TARGETS["rss_mb"])])
    targets.append(["carnet --help ≤ 0.15 s, no heavy import", f"{results['help_s']:.3f} s",
                    _met(results["help_s"] <= TARGETS["help_s"] and not results["help_imports"])])  # type: ignore
    targets.append(["inclusive engine on carnet #9 ≤ 0.2 s (warm)", f"{inclusive['median']:.3f} s",
                    _met(inclusive["median"] <= TARGETS["inclusive_s"])])
    targets.append(["importer reads carnet #9's raw text ≤ 1 s (fresh process)", f"{importer['first']:.3f} s",
                    _met(importer["first"] <= TARGETS["importer_s"])])
    if "batch" in results:
        targets.append(["batch of 8: --jobs 2 ≥ 1.6× faster than --jobs 1", f"{results['batch_speedup']:.2f}×",
                        _met(results["batch_speedup"] >= TARGETS["jobs_speedup"])])  # type: ignore[operator]
    out.append("Targets of issue 7")
    out.append(_table(["target", "measured", ""], targets))
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, help="measured runs after the warm-up (default 5)")
    parser.add_argument("--scales",
                        help="sizes of the generated carnets, in multiples of carnet #9 (default 10,100)")
    parser.add_argument("--quick", action="store_true", help="3 runs, 10× only, no batch")
    parser.add_argument("--no-pandoc", action="store_true", help="do not run pandoc even when installed")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch of 8 carnets")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        function, *rest = args.child
        print(json.dumps(globals()[function](*rest[:1], *(int(r) for r in rest[1:]))))
        return 0
    if args.quick:
        args.runs, args.scales, args.no_batch = args.runs or 3, args.scales or "10", True
    args.runs, args.scales = args.runs or 5, args.scales or "10,100"
    args.scales = [int(s) for s in args.scales.split(",") if s.strip() and int(s) > 1]
    sys.path.insert(0, str(ROOT))
    # The package is measured as installed: pip compiles an installed package's bytecode, whereas a work tree
    # run with PYTHONDONTWRITEBYTECODE set (as on this machine) would compile every module in every process
    # (about 0.1 s of CPU per conversion). compileall writes the .pyc files whatever that variable says.
    compileall.compile_dir(str(ROOT / "converter"), quiet=1)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    results = bench(args)
    print(report(results, args.runs))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
