"""Images: only raster files inside the carnet's folder are used; any other figure becomes its text.

Place in the pipeline: right after ``cleanup``, before any writer sees a :class:`~converter.tree.Figure`.
Every writer can then embed each figure it gets. A figure whose image is on the network (never fetched),
outside the carnet's folder (never read), missing, not a PNG/JPEG/GIF/WebP file, or damaged is replaced by
its text alternative, caption and credit as paragraphs, with a warning: no text is lost, nothing is fetched.
A ``data:`` URL is kept only when it holds such a raster image (what our own HTML pages embed).
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import tree as t
from ..errors import Diagnostic
from ..walk import iter_nodes

_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.IGNORECASE)
_HINT = "put a PNG, JPEG, GIF or WebP file in the carnet's folder and give its relative path"


def _damaged(data: bytes, media_type: str) -> bool:
    """Whether a file with a raster signature cannot be parsed (python-docx reads PNG, JPEG and GIF headers)."""
    if media_type == "image/webp":
        return len(data) < 16 or int.from_bytes(data[4:8], "little") + 8 > len(data)
    # A whole file has its format's end marker near its end (EPUBCheck reports a truncated image as corrupted;
    # some cameras and editors append a few bytes after it).
    ends = {"image/png": b"IEND\xaeB`\x82", "image/jpeg": b"\xff\xd9", "image/gif": b";"}
    if len(data) < 26 or ends[media_type] not in data[-4096:]:
        return True
    from docx.image.image import Image

    try:
        Image.from_blob(data)
    except Exception:  # noqa: BLE001 - any parser failure means the file cannot be embedded
        return True
    return False


def image_problem(document: t.Document, src: str) -> str | None:
    """Why the image of a figure cannot be used (None: it can)."""
    from ..writers.html import image_type, load_image

    if not src.strip():
        return "names no file"
    if src.lstrip().lower().startswith("data:"):
        return None if load_image(document, src.strip()) is not None else "is a data: URL that is not a PNG, " \
            "JPEG, GIF or WebP image"
    if _URL.match(src):
        return "is not a file of the carnet's folder (it is never fetched)"
    base = Path(document.base_dir or ".").resolve()
    try:
        path = (base / src).resolve()
    except (OSError, ValueError, RuntimeError):
        return "cannot be found"
    if Path(src).is_absolute() or base not in path.parents:
        return "is outside the carnet's folder (it is not read)"
    try:
        if not path.is_file():
            return "was not found"
        data = path.read_bytes()
    except (OSError, ValueError):
        return "cannot be read"
    media_type = image_type(data)
    if media_type is None:
        return "is not a PNG, JPEG, GIF or WebP image"
    if _damaged(data, media_type):
        return "is damaged"
    return None


def _text_of(figure: t.Figure) -> list[t.Block]:
    """The paragraphs that stand for a figure without its image: text alternative, caption, credit."""
    blocks: list[t.Block] = []
    if figure.alt:
        blocks.append(t.Paragraph(children=[t.Text(text=figure.alt)], classes=["image-missing"]))
    if figure.caption:
        blocks.append(t.Paragraph(children=figure.caption, classes=["caption"]))
    if figure.credit:
        blocks.append(t.Paragraph(children=figure.credit, classes=["credit"]))
    if blocks:
        blocks[0].id = figure.id
        for block in blocks:
            block.lang = figure.lang
            block.line = figure.line
    return blocks


def images(document: t.Document) -> None:
    """Replace each figure whose image cannot be used by its text, with a warning."""
    for node in list(iter_nodes(document)):
        block_lists = [node.children] if isinstance(node, (t.Section, t.Document, t.BlockQuote, t.PullQuote,
                                                           t.Sidebar, t.Turn, t.ListItem, t.Note)) else []
        if isinstance(node, t.DefinitionItem):
            block_lists = node.definitions
        for blocks in block_lists:
            if not any(isinstance(block, t.Figure) for block in blocks):
                continue
            replaced: list[t.Block] = []
            for block in blocks:
                problem = image_problem(document, block.src) if isinstance(block, t.Figure) else None
                if problem is None:
                    replaced.append(block)
                    continue
                kept = _text_of(block)
                outcome = "its text alternative is kept" if block.alt else (
                    "its caption is kept" if kept else "it had no text alternative")
                document.diagnostics.append(Diagnostic(
                    "warning", f"image {block.src[:60]!r} {problem}: {outcome}", "", block.line, _HINT))
                replaced.extend(kept)
            blocks[:] = replaced
