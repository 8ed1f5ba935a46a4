"""The readers' registry and the decoding of source files.

Place in the pipeline: first stage. A reader is a function ``(text, source, base_dir) -> Document``
for text formats. ``READERS`` maps a format name to it, ``EXTENSIONS`` a file ending to a format.
Decoding is done once, here: UTF-8 (with or without BOM) or UTF-16 with a BOM; any other encoding must
be named (``--encoding``), so that no text is silently misread.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from ..errors import CarnetError
from ..tree import Document

Reader = Callable[[str, str, str], Document]

READERS: dict[str, tuple[str, str]] = {
    "markdown": ("converter.readers.markdown", "read_markdown"),
    "html": ("converter.readers.html", "read_html"),
    "pdftext": ("converter.readers.pdftext", "read_pdftext"),
    "pdf": ("converter.readers.pdf", "read_pdf"),
}
ALIASES = {"md": "markdown", "carnet": "markdown", "htm": "html", "xhtml": "html", "txt": "pdftext"}
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html",
              ".htm": "html", ".xhtml": "html", ".txt": "pdftext",
              ".pdf": "pdf"}
# Formats a folder is scanned for: raw extracted text (.txt) is imported on request only, since it usually
# sits beside the carnet Markdown made from it (same name, same outputs).
FOLDER_FORMATS = frozenset({"markdown", "html"})
# Formats whose reader takes the file's bytes rather than decoded text.
BINARY_FORMATS = frozenset({"pdf"})
MAX_BYTES = 50 * 1024 * 1024


def reader_for(name: str) -> Reader:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in READERS:
        raise CarnetError(f"unknown input format {name!r}", hint=f"known formats: {', '.join(sorted(READERS))}")
    module, function = READERS[key]
    return getattr(import_module(module), function)


def format_of(path: Path) -> str:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise CarnetError(f"cannot tell the format of {path.name!r} from its name", str(path),
                          hint=f"use one of {', '.join(sorted(EXTENSIONS))} or pass --from")
    return fmt


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """The text of a source file; a clear error when it is not text in a known encoding."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise CarnetError(f"unknown encoding {encoding!r}", source) from None
        except UnicodeDecodeError as error:
            raise CarnetError(f"cannot be decoded as {encoding} (byte {error.start})", source) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise CarnetError(f"is not UTF-16 text, although it starts like it (byte {error.start})", source,
                              hint="save it as UTF-8") from None
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        raise CarnetError(f"is not UTF-8 text (it looks like {utf16} without a byte order mark)", source,
                          hint=f"save it as UTF-8, or name its encoding: --encoding {utf16}")
    if b"\x00" in data[:4096]:
        raise CarnetError("is not a text file (it contains NUL bytes)", source,
                          hint="give a carnet in Markdown or HTML, saved as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        guess, named = "", ""
        try:
            from charset_normalizer import from_bytes

            candidates = [match.encoding for match in from_bytes(data)]
            # Carnets are French: among the single-byte encodings that fit, Windows' Western one comes first.
            for encoding in ("cp1252", "latin_1", *candidates[:1]):
                if encoding in candidates:
                    guess, named = f" (it looks like {encoding})", f": --encoding {encoding}"
                    break
        except ImportError:  # pragma: no cover - charset-normalizer is a dependency
            pass
        raise CarnetError(f"is not UTF-8 text{guess}", source, line,
                          f"save it as UTF-8, or name its encoding{named or ' with --encoding'}") from None


def _utf16_without_bom(head: bytes) -> str:
    """``utf-16-le`` or ``utf-16-be`` when ``head`` looks like UTF-16 text without a BOM (Latin text: every
    other byte is NUL), else ""."""
    if len(head) < 4 or b"\x00" not in head:
        return ""
    even, odd = head[0::2], head[1::2]
    for zeros, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
            try:
                head[: len(head) // 2 * 2].decode(name)
            except UnicodeDecodeError:
                continue
            return name
    return ""


def read_path(path: Path, fmt: str | None = None, encoding: str | None = None) -> Document:
    """Read a source file into a tree (not yet transformed)."""
    source = str(path)
    if not path.exists():
        raise CarnetError("no such file", source, hint="check the path")
    if path.is_dir():
        raise CarnetError("is a folder, not a file", source)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise CarnetError(f"is too large ({size // 1048576} MiB; the limit is {MAX_BYTES // 1048576} MiB)",
                          source, hint="split the carnet into several files")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CarnetError(f"cannot be read ({error.strerror})", source) from None
    fmt = fmt or format_of(path)
    if fmt in BINARY_FORMATS:
        return reader_for(fmt)(data, source, str(path.parent))  # type: ignore[arg-type]
    text = decode(data, source, encoding)
    if not text.strip():
        raise CarnetError("is empty: there is nothing to convert", source, hint="check that the file was saved")
    reader = reader_for(fmt)
    return reader(text, source, str(path.parent))
