"""``carnet import``: a carnet PDF, or the raw text extracted from one → carnet Markdown for human review.

Place in the pipeline: a reader (:mod:`converter.readers.pdftext`) followed by the Markdown writer
(:mod:`converter.writers.markdown`), without the transforms: the editor reviews what the importer made of
the text, not the typography of the editions. The importer's uncertain decisions are written as
``<!-- carnet-import: … -->`` comments before the blocks they concern, and summed up per step.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CarnetError
from .readers import decode
from .readers.pdftext import import_text
from .writers.markdown import write_markdown_text

SUPPORTED = (".txt", ".pdf")


@dataclass
class ImportResult:
    markdown: str
    summary: list[str] = field(default_factory=list)
    warnings: int = 0


def import_path(path: Path, encoding: str | None = None) -> ImportResult:
    """Import one carnet PDF or raw-text file; the Markdown and a summary (one line per kind of guess)."""
    if path.suffix.lower() not in SUPPORTED:
        raise CarnetError(f"cannot import {path.suffix or 'a file without extension'}", str(path),
                          hint="give the carnet PDF, or the text extracted from it saved as .txt")
    if not path.is_file():
        raise CarnetError("no such file", str(path), hint="check the path")
    if path.suffix.lower() == ".pdf":
        # The layout's certainties (tables, figures, quotations, term lists, margin notes, link
        # annotations), as `carnet convert file.pdf` reads it, not only the text it lays out.
        from .readers.pdf import import_pdf

        document, state = import_pdf(path.read_bytes(), str(path))
    else:
        document, state = import_text(decode(path.read_bytes(), str(path), encoding), str(path))
    comments: dict[int, list[str]] = {}
    steps: Counter[str] = Counter()
    for diagnostic in state.diagnostics:
        match = re.match(r"carnet-import ([^:]+): (.*)", diagnostic.message)
        step, message = (match.group(1), match.group(2)) if match else ("other", diagnostic.message)
        steps[step] += 1
        comments.setdefault(diagnostic.line or 10**9, []).append(f"{step}: {message}")
    markdown = write_markdown_text(document, comments)
    kept = sum(1 for *_, keep in state.hyphens if keep)
    summary = [
        f"{path}: {len(document.children)} blocks, {len(document.notes)} notes, "
        f"{sum(1 for p in state.blocks if p.kind == 'page')} page markers, "
        f"{len(state.hyphens)} line-end hyphens ({kept} kept)",
        *(f"{path}: {count} to review — {step}" for step, count in steps.most_common()),
    ]
    return ImportResult(markdown, summary, sum(steps.values()))
