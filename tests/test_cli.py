"""The ``carnet`` command (issue 2, point 8), run as ``python -m converter`` in a folder holding a copy of input/.

Exit codes: 0 success, 1 a document could not be converted, 2 a usage error; one line per problem on standard
error (``file:line: error: …``), never a traceback; outputs replaced only by complete files.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from converter import CarnetError

REPO = Path(__file__).resolve().parents[1]
FORMATS = ("docx", "epub", "html")


def carnets(folder: Path) -> list[str]:
    """The carnets a folder scan converts: Markdown and HTML files, README files excepted."""
    return sorted(p.stem for p in folder.iterdir()
                  if p.suffix in (".md", ".html") and not p.name.lower().startswith("readme"))


@pytest.fixture
def workdir(tmp_path) -> Path:
    shutil.copytree(REPO / "input", tmp_path / "input")
    return tmp_path


def carnet(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "converter", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- the main job -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def default_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], Path]:
    folder = tmp_path_factory.mktemp("default")
    shutil.copytree(REPO / "input", folder / "input")
    return carnet(folder, "convert"), folder


def test_no_argument_run_succeeds(default_run):
    result, _ = default_run
    assert result.returncode == 0, result.stderr


def test_no_argument_run_converts_every_carnet_to_every_format(default_run):
    _, folder = default_run
    expected = sorted(f"{stem}.{fmt}" for stem in carnets(folder / "input") for fmt in FORMATS)
    assert sorted(p.name for p in (folder / "output").iterdir()) == expected


def test_no_argument_run_leaves_readme_files_out(default_run):
    _, folder = default_run
    assert not any(p.name.lower().startswith("readme") for p in (folder / "output").iterdir())


def test_no_argument_run_outputs_are_not_empty(default_run):
    _, folder = default_run
    assert all(p.stat().st_size > 1000 for p in (folder / "output").iterdir())


def test_no_argument_run_never_prints_a_traceback(default_run):
    assert "Traceback" not in default_run[0].stderr


def test_to_and_output_options(workdir):
    result = carnet(workdir, "convert", "input/carnet-exemple.md", "-t", "html,epub", "-o", "elsewhere")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (workdir / "elsewhere").iterdir()) == ["carnet-exemple.epub", "carnet-exemple.html"]


def test_only_the_named_carnet_is_converted(workdir):
    carnet(workdir, "convert", "input/carnet-exemple.md", "-t", "html")
    assert [p.name for p in (workdir / "output").iterdir()] == ["carnet-exemple.html"]


def test_a_folder_argument_converts_its_carnets(workdir):
    result = carnet(workdir, "convert", "input", "-t", "html", "-o", "out")
    assert result.returncode == 0 and sorted(p.stem for p in (workdir / "out").iterdir()) == carnets(workdir / "input")


# --- usage errors: exit 2, one line -----------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("convert", "input/carnet-exemple.md", "-t", "pdf"),
    ("convert", "--bogus"),
    ("frob",),
    ("convert", "--skip", "nosuch", "input/carnet-exemple.md"),
], ids=["unknown-format", "unknown-option", "unknown-command", "unknown-transform"])
def test_usage_error_exit_code(workdir, args):
    assert carnet(workdir, *args).returncode == 2


@pytest.mark.parametrize("args", [
    ("convert", "input/carnet-exemple.md", "-t", "pdf"),
    ("convert", "--bogus"),
    ("frob",),
    ("convert", "--skip", "nosuch", "input/carnet-exemple.md"),
], ids=["unknown-format", "unknown-option", "unknown-command", "unknown-transform"])
def test_usage_error_is_one_line(workdir, args):
    lines = error_lines(carnet(workdir, *args))
    assert len(lines) == 1 and lines[0].startswith("carnet: error: ") and "Traceback" not in lines[0]


def test_unknown_format_names_the_known_ones(workdir):
    line = error_lines(carnet(workdir, "convert", "input/carnet-exemple.md", "-t", "pdf"))[0]
    assert "'pdf'" in line and all(fmt in line for fmt in FORMATS)


def test_unknown_format_writes_nothing(workdir):
    carnet(workdir, "convert", "input/carnet-exemple.md", "-t", "html,pdf")
    assert not (workdir / "output").exists()


def test_no_command_is_a_usage_error(workdir):
    assert carnet(workdir).returncode == 2


def test_no_input_folder_is_a_usage_error(tmp_path):
    result = carnet(tmp_path, "convert")
    assert result.returncode == 2 and len(error_lines(result)) == 1


# --- documents that cannot be converted: exit 1, one line file:line: error: … ----------------------------


def test_missing_file(workdir):
    result = carnet(workdir, "convert", "absent.md")
    lines = error_lines(result)
    assert (result.returncode, len(lines)) == (1, 1) and re.match(r"absent\.md(:\d+)?: error: no such file", lines[0])


def test_undecodable_text(workdir):
    write(workdir, "latin.md", "---\ntitle: Café\n---\n\nUn café crème.\n".encode("latin-1"))
    result = carnet(workdir, "convert", "latin.md")
    lines = error_lines(result)
    assert (result.returncode, len(lines)) == (1, 1) and re.match(r"latin\.md:2: error: is not UTF-8 text", lines[0])


def test_footnote_reference_without_a_note(workdir):
    write(workdir, "note.md", "---\ntitle: T\n---\n\nUn mot[^absente] ici.\n")
    result = carnet(workdir, "convert", "note.md")
    lines = error_lines(result)
    assert (result.returncode, len(lines)) == (1, 1)
    assert re.match(r"note\.md:5: error: footnote reference \[\^absente\] has no note", lines[0])


def test_image_without_alt_text_is_a_warning(workdir):
    write(workdir, "image.md", "---\ntitle: T\n---\n\n## Partie\n\n![](input/images/frequentation-epn.png)\n")
    result = carnet(workdir, "convert", "image.md", "-t", "html")
    warnings = [line for line in error_lines(result) if ": warning: " in line]
    assert result.returncode == 0
    assert len(warnings) == 1 and re.match(r"image\.md:7: warning: image .* has no alternative text", warnings[0])


def test_image_without_alt_text_is_still_converted(workdir):
    write(workdir, "image.md", "---\ntitle: T\n---\n\n## Partie\n\n![](input/images/frequentation-epn.png)\n")
    carnet(workdir, "convert", "image.md", "-t", "html")
    assert (workdir / "output" / "image.html").is_file()


@pytest.mark.parametrize("case", ["missing", "latin-1", "footnote"])
def test_no_traceback_for_user_mistakes(workdir, case):
    write(workdir, "latin.md", "Café\n".encode("latin-1"))
    write(workdir, "note.md", "Un mot[^x].\n")
    name = {"missing": "absent.md", "latin-1": "latin.md", "footnote": "note.md"}[case]
    assert "Traceback" not in carnet(workdir, "convert", name).stderr


def test_other_carnets_still_converted_after_a_failure(workdir):
    write(workdir, "note.md", "Un mot[^x].\n")
    result = carnet(workdir, "convert", "note.md", "input/carnet-exemple.md", "-t", "html")
    assert result.returncode == 1 and (workdir / "output" / "carnet-exemple.html").is_file()


# --- safe writing -----------------------------------------------------------------------------------------


def test_existing_output_left_intact_when_a_later_conversion_fails(workdir):
    """issue 2: an existing output is only ever replaced by a complete one."""
    source = write(workdir, "carnet.md", "---\ntitle: T\n---\n\n## Partie\n\nTexte.\n")
    assert carnet(workdir, "convert", "carnet.md", "-t", "html").returncode == 0
    before = (workdir / "output" / "carnet.html").read_bytes()
    source.write_text("---\ntitle: T\n---\n\n## Partie\n\nTexte[^x] cassé.\n", encoding="utf-8")
    assert carnet(workdir, "convert", "carnet.md", "-t", "html").returncode == 1
    assert (workdir / "output" / "carnet.html").read_bytes() == before


def test_no_temporary_file_left(workdir):
    write(workdir, "note.md", "Un mot[^x].\n")
    carnet(workdir, "convert", "input/carnet-exemple.md", "note.md")
    assert list((workdir / "output").glob("*.part")) == [] and list((workdir / "output").glob(".*")) == []


def test_interrupted_write_keeps_the_old_output_and_removes_the_temporary_file(tmp_path, monkeypatch):
    """issue 2: a failure while the new file is being put in place leaves the previous output untouched."""
    from converter import pipeline

    target = tmp_path / "carnet.html"
    target.write_bytes(b"old")

    def failing_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(pipeline.os, "replace", failing_replace)
    with pytest.raises((OSError, CarnetError)):  # reported as a CarnetError (one line in the CLI)
        pipeline.write_atomically(b"new", target)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["carnet.html"]


# --- tree and help ----------------------------------------------------------------------------------------


def test_tree_prints_json_with_format_version(workdir):
    result = carnet(workdir, "tree", "input/carnet-exemple.md")
    assert result.returncode == 0 and json.loads(result.stdout)["format_version"] == 1


def test_tree_json_shape(workdir):
    data = json.loads(carnet(workdir, "tree", "input/carnet-exemple.md").stdout)
    assert set(data) == {"format_version", "meta", "children", "notes"} and "Section" in {c["type"] for c in data["children"]}


def test_tree_raw(workdir):
    data = json.loads(carnet(workdir, "tree", "--raw", "input/carnet-exemple.md").stdout)
    assert data["children"][0]["type"] == "PageBreak" and data["notes"][0]["number"] == 0


def test_tree_of_a_missing_file(workdir):
    result = carnet(workdir, "tree", "absent.md")
    assert result.returncode == 1 and len(error_lines(result)) == 1 and "Traceback" not in result.stderr


def test_help(workdir):
    result = carnet(workdir, "--help")
    assert result.returncode == 0 and "convert" in result.stdout and "tree" in result.stdout


def test_convert_help(workdir):
    result = carnet(workdir, "convert", "--help")
    assert result.returncode == 0 and "-t" in result.stdout and "-o" in result.stdout
