"""The carnet PDF itself → tree (the ``pdf`` reader, for ``.pdf`` files), through pdfplumber (MIT, on pdfminer.six).

Place in the pipeline: first stage. It uses what a plain text extraction lacks, then hands the text to the
same steps as the raw-text reader (:mod:`converter.readers.pdftext`):

- positions: each page is cut into its columns at the vertical gutters no word crosses, and each column is
  read top to bottom, so that columns are not interleaved line by line;
- vertical spacing: a gap between lines clearly larger than the column's line spacing ends a paragraph
  (a blank line in the text), and so does a change of font size (a title above its text);
- font size: a line set clearly larger than the body text is a title, set apart by blank lines;
- link annotations: each page's link targets are appended at the page's end, one per line, the way the
  extracted texts carry them, and attached to their visible text by the text steps;
- page labels: when the PDF has them, each page starts with ``Page <label>`` (the printed page number).
"""

from __future__ import annotations

import io
import statistics
from collections.abc import Iterable

from ..errors import CarnetError
from ..tree import Document


def _gutters(words: list[dict], x0: float, x1: float, min_width: float = 9.0) -> list[float]:
    """x positions of the vertical gaps that no word crosses, inside [x0, x1] (column separators)."""
    if not words:
        return []
    step = 1.0
    size = int((x1 - x0) / step) + 2
    covered = [0] * size
    for word in words:
        start = max(0, int((word["x0"] - x0) / step))
        stop = min(size - 1, int((word["x1"] - x0) / step) + 1)
        for index in range(start, stop):
            covered[index] += 1
    text_start = next((i for i, c in enumerate(covered) if c), 0)
    text_stop = max((i for i, c in enumerate(covered) if c), default=size - 1)
    cuts = []
    run_start = None
    for index in range(text_start, text_stop + 1):
        if covered[index] == 0:
            run_start = index if run_start is None else run_start
        elif run_start is not None:
            if (index - run_start) * step >= min_width:
                cuts.append(x0 + (run_start + index) / 2 * step)
            run_start = None
    return cuts


def _column_lines(page, bbox: tuple[float, float, float, float]) -> list[dict]:  # noqa: ANN001 - pdfplumber page
    region = page.crop(bbox, relative=False, strict=False)
    return region.extract_text_lines(return_chars=True, strip=True)


def _size(line: dict) -> float:
    sizes = [c.get("size", 0) for c in line.get("chars", []) if str(c.get("text", "")).strip()]
    return statistics.median(sizes) if sizes else 0.0


def _page_text(page, body_size: float) -> str:  # noqa: ANN001 - pdfplumber page
    words = page.extract_words()
    cuts = _gutters(words, page.bbox[0], page.bbox[2])
    edges = [page.bbox[0], *cuts, page.bbox[2]]
    out: list[str] = []
    for left, right in zip(edges, edges[1:], strict=False):
        lines = _column_lines(page, (left, page.bbox[1], right, page.bbox[3]))
        if not lines:
            continue
        gaps = [b["top"] - a["bottom"] for a, b in zip(lines, lines[1:], strict=False) if b["top"] > a["bottom"]]
        usual = statistics.median(gaps) if gaps else 0.0
        previous = None
        for line in lines:
            size = _size(line)
            if previous is not None:
                gap = line["top"] - previous["bottom"]
                # a change of font size sets a title apart from its text (and a title's lines stay together)
                size_change = abs(size - _size(previous)) > 0.1 * max(size, 1)
                title = body_size and size > 1.15 * body_size
                if size_change or gap > max(1.5 * usual, usual + 2) and not (title and gap < 2 * size):
                    out.append("")
            out.append(line["text"])
            previous = line
        out.append("")
    return "\n".join(out)


def _labels(pdf) -> list[str] | None:  # noqa: ANN001 - pdfplumber PDF
    try:
        labels = list(pdf.doc.get_page_labels())
    except Exception:  # noqa: BLE001 - pdfminer raises its own error when the PDF has no labels
        return None
    return [str(label) for label in labels]


def pdf_to_text(data: bytes, source: str = "") -> str:
    """The text of a PDF laid out the way the raw-text reader expects: pages, columns, paragraphs, links."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency
        raise CarnetError("reading a PDF needs pdfplumber", source, hint="pip install pdfplumber") from None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - any parser failure is an unreadable PDF for the user
        raise CarnetError(f"is not a readable PDF ({error.__class__.__name__})", source) from None
    with pdf:
        sizes: list[float] = []
        for page in pdf.pages[:40]:
            sizes.extend(c.get("size", 0) for c in page.chars if str(c.get("text", "")).strip())
        body_size = statistics.median(sizes) if sizes else 0.0
        labels = _labels(pdf)
        pages: list[str] = []
        for index, page in enumerate(pdf.pages):
            text = _page_text(page, body_size)
            if labels and index < len(labels) and labels[index]:
                text = f"Page {labels[index]}\n\n{text}"
            links = _unique(link.get("uri") for link in page.hyperlinks)
            if links:
                text += "\n\n" + "\n".join(links) + "\n"
            pages.append(text)
    return "\f".join(pages)


def _unique(values: Iterable[str | None]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen and value.lower().startswith(("http://", "https://")):
            seen.append(value)
    return seen


def read_pdf(data: bytes | str, source: str = "", base_dir: str = "") -> Document:
    """Read a carnet PDF (its bytes); every uncertain decision is a warning with its line in the text."""
    from .pdftext import read_pdftext

    if isinstance(data, str):
        raise CarnetError("a PDF must be read as bytes", source)
    return read_pdftext(pdf_to_text(data, source), source, base_dir)
