"""The writers' registry: one writer per output format, imported only when used.

Place in the pipeline: last stage. A writer is a function ``(Document) -> bytes`` that renders a
transformed tree; the pipeline (:mod:`converter.pipeline`) writes the bytes to a temporary file and renames
it, so a writer never touches the file system. Heavy libraries (python-docx, ebooklib) are imported by the
writer modules themselves, so ``carnet --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from ..tree import Document

Writer = Callable[[Document], bytes]

# format → (module, function); aliases map other names to a format.
WRITERS: dict[str, tuple[str, str]] = {
    "html": ("converter.writers.html", "write_html"),
    "epub": ("converter.writers.epub", "write_epub"),
    "docx": ("converter.writers.docx", "write_docx"),
    "markdown": ("converter.writers.markdown", "write_markdown"),
}
ALIASES: dict[str, str] = {"htm": "html", "epub3": "epub", "word": "docx", "md": "markdown"}


class UnknownFormatError(ValueError):
    """A format no writer knows."""


def writer_for(name: str) -> Writer:
    """The writer function of the format ``name`` (or one of its aliases)."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in WRITERS:
        known = ", ".join(sorted(WRITERS))
        raise UnknownFormatError(f"unknown output format {name!r} (known formats: {known})")
    module, function = WRITERS[key]
    return getattr(import_module(module), function)


def canonical_format(name: str) -> str:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in WRITERS:
        raise UnknownFormatError(f"unknown output format {name!r} (known formats: {', '.join(sorted(WRITERS))})")
    return key
