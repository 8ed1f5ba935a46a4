"""Synthetic carnets for the raw-text importer (issue 6, point 5): carnets whose tree is known, printed to PDF,
their text extracted, imported and scored.

Place in the project: outside the pipeline, beside ``benchmarks/import_score.py`` (whose scores it reuses);
``tests/test_import_synthetic.py`` ratchets its figures. It proves that the importer's rules are general:
none of these texts is carnet #9's extraction.

For each source carnet (carnet Markdown) and each layout:

1. the transformed tree is written as DOCX by our own writer (that tree is the reference: it is what the
   PDF shows, reader's note and inclusive doublets included, plus the lines the writer prints from the
   metadata, see :func:`as_printed`);
2. the layout is set in the DOCX (one, two or three newspaper columns, as a designed carnet has);
3. LibreOffice headless prints it to PDF (a fresh profile in a temporary folder);
4. the text is extracted with ``pdftotext`` (poppler-utils) and imported by the raw-text reader
   (``converter.readers.pdftext``);
5. the PDF is read by our PDF reader as ``carnet convert file.pdf`` does (pdfplumber,
   ``converter.readers.pdf``: columns, spacing, type sizes, footnotes, boxes, link annotations, then the
   raw-text reader's steps with the layout's certainties);
6. both trees, their note calls numbered as the writers print them (see :func:`numbered`), are scored
   against the reference.

Run from the repository root: ``python benchmarks/synthetic_carnets.py`` (``--keep DIR`` keeps the files).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import import_score  # noqa: E402

from converter import tree as t  # noqa: E402
from converter.messages import about_lines, message, series_label  # noqa: E402
from converter.pipeline import read, write  # noqa: E402
from converter.readers.pdf import import_layout  # noqa: E402
from converter.readers.pdftext import import_text  # noqa: E402

SOURCES = [ROOT / "input" / "carnet-exemple.md", ROOT / "input" / "carnet-09-montpellier.md"]
LAYOUTS = {"1col": 1, "2col": 2, "3col": 3}


class ToolMissing(RuntimeError):
    """LibreOffice or pdftotext is not installed."""


def set_columns(docx: Path, columns: int) -> None:
    """Lay the document out in ``columns`` newspaper columns (every section of ``word/document.xml``)."""
    if columns <= 1:
        return
    with zipfile.ZipFile(docx) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    xml = re.sub(r"<w:cols\b[^>]*/>", "", xml)
    xml = re.sub(r"(<w:sectPr\b[^>]*>)", rf'\1<w:cols w:num="{columns}" w:space="567"/>', xml)
    # w:cols must follow the page size and margins in a sectPr: move it after w:pgMar when present
    xml = re.sub(r'(<w:cols w:num="\d+" w:space="567"/>)(.*?)(<w:pgMar\b[^>]*/>)', r"\2\3\1", xml, flags=re.S)
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def to_pdf(docx: Path, workdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ToolMissing("LibreOffice (soffice) is not installed")
    profile = workdir / "lo-profile"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                    "--outdir", str(workdir), str(docx)], check=True, capture_output=True, timeout=300)
    pdf = workdir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice did not write {pdf.name}")
    return pdf


def extract_pdftotext(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        raise ToolMissing("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                            timeout=120)
    return result.stdout.decode("utf-8")


def extract_pdfplumber(pdf: Path) -> tuple[str, object] | None:
    """The text our PDF reader lays out (pdfplumber: columns, spacing, font sizes, notes, link annotations)
    and its layout, which the reader's own steps use beside the text."""
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        return None
    from converter.readers.pdf import layout_of

    layout, text = layout_of(pdf.read_bytes(), str(pdf))
    return text, layout


def as_printed(reference: t.Document) -> t.Document:
    """The reference as the DOCX writer prints it: with the series and event lines under the cover's title
    and the closing "À propos du document" part (authors, publishers, licence, source) it prints from the
    metadata, without the pull quotes that repeat the body (it omits them).

    The reference is what the PDF shows; those lines are shown (from ``converter.messages``, as the writer
    makes them), so an importer that keeps them is right, and one that drops them loses text. The title
    and subtitle stay metadata, as in the reference.
    """
    lang = reference.meta.lang or "fr"
    _drop_repeating_quotes(reference.children)
    shown = [line for line in (series_label(reference.meta), reference.meta.event) if line.strip()]
    reference.children[:0] = [t.Paragraph(children=[t.Text(text=line)]) for line in shown]
    about = about_lines(reference.meta, lang)
    if about:
        reference.children.append(t.Heading(level=2, children=[t.Text(text=message("about", lang))]))
        reference.children.extend(t.Paragraph(children=[t.Text(text=line)]) for line in about)
    return reference


def _drop_repeating_quotes(blocks: list) -> None:
    """The DOCX writer omits a pull quote that repeats the body (a DOCX is read linearly: it would be read
    twice), so the PDF does not show it: neither does the reference."""
    blocks[:] = [b for b in blocks if not (isinstance(b, t.PullQuote) and b.repeats_body)]
    for block in blocks:
        for name in ("children", "items", "turns"):
            inner = getattr(block, name, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], t.Node) \
                    and not isinstance(block, (t.Paragraph, t.Heading)):
                _drop_repeating_quotes(inner)


def numbered(document: object) -> object:
    """The imported tree with its note calls numbered as the writers print them.

    The reference is the transformed tree (what the PDF shows), where each call reads as its number: a
    paragraph "… en 2019³ …" has the words "… en 20193 …". The importer's calls are not numbered yet (the
    transforms do it), so a call it placed right would make its paragraph differ from the reference by
    that glued number, in the text, paragraph, turn and heading figures, and in both routes. Numbering
    them with the transforms' own step scores what the outputs show; a call missed or misplaced still
    shows as a difference.
    """
    from converter.transforms.structure import notes

    notes(document)  # type: ignore[arg-type]
    return document


@dataclass
class Result:
    source: str
    layout: str
    route: str
    scores: import_score.Scores


def run(sources: list[Path] = SOURCES, layouts: dict[str, int] = LAYOUTS, keep: Path | None = None) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="carnet-synthetic-") as temporary:
        workdir = keep or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        for source in sources:
            reference = read(source)  # transformed: what the DOCX shows
            printed = as_printed(read(source))  # and what the writer prints from the metadata
            for layout, columns in layouts.items():
                docx = write(reference, "docx", workdir / f"{source.stem}-{layout}.docx")
                set_columns(docx, columns)
                pdf = to_pdf(docx, workdir)
                name = f"{source.stem}-{layout}"
                # pdftotext: its text through the raw-text reader; pdfplumber: the PDF reader as `carnet
                # convert file.pdf` runs it (its text, plus what the layout makes certain)
                text = extract_pdftotext(pdf)
                (workdir / f"{name}-pdftotext.txt").write_text(text, encoding="utf-8")
                document, state = import_text(text, f"{name}-pdftotext.txt")
                results.append(Result(source.stem, layout, "pdftotext",
                                      import_score.score(numbered(document), printed, state)))
                extracted = extract_pdfplumber(pdf)
                if extracted is not None:
                    text, found = extracted
                    (workdir / f"{name}-pdfplumber.txt").write_text(text, encoding="utf-8")
                    document, state = import_layout(found, text, f"{name}-pdfplumber.txt")  # type: ignore[arg-type]
                    results.append(Result(source.stem, layout, "pdfplumber",
                                          import_score.score(numbered(document), printed, state)))
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="keep the DOCX, PDF and text files in this folder")
    parser.add_argument("--source", action="append", type=Path, help="a carnet Markdown file (repeatable)")
    args = parser.parse_args(argv)
    try:
        results = run(args.source or SOURCES, keep=args.keep)
    except ToolMissing as error:
        print(f"cannot run: {error}", file=sys.stderr)
        return 1
    for result in results:
        print(f"{result.source} · {result.layout} · {result.route}")
        for line in result.scores.lines():
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
