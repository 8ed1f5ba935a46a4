"""The pipeline: read → transforms → write, and safe writing of output files.

Place in the pipeline: the whole of it. The public API (:mod:`converter`) and the CLI call these
functions; nothing else knows the order of the stages.

Outputs are written to a temporary file in the output folder and renamed over the target, so an existing
output is only ever replaced by a complete one, even when a conversion fails or is interrupted.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import CarnetError
from .readers import read_path, reader_for
from .transforms import TransformOptions, apply_transforms
from .tree import Document
from .writers import canonical_format, writer_for

DEFAULT_FORMATS = ("docx", "epub", "html")


def read(source: str | os.PathLike[str], format: str | None = None, *, transform: bool = True,
         options: TransformOptions | None = None, encoding: str | None = None) -> Document:
    """Read a carnet (a path, or the text itself when ``format`` is given and it is not a file).

    With ``transform`` (the default) the tree is ready for the writers: sections nested, notes numbered,
    French typography and inclusive writing applied.
    """
    if isinstance(source, str) and format is not None and ("\n" in source or not Path(source).exists()):
        document = reader_for(format)(source, "<text>", os.getcwd())
    else:
        document = read_path(Path(source), format, encoding)
    if transform:
        apply_transforms(document, options)
        if not (isinstance(source, str) and format is not None and "\n" in source):
            for diagnostic in document.diagnostics:
                diagnostic.file = diagnostic.file or str(source)  # transforms' warnings name the file too
    return document


def render(document: Document, format: str) -> bytes:
    """The bytes of ``document`` in ``format``."""
    return writer_for(format)(document)


def write_atomically(data: bytes, path: Path) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CarnetError(f"the output folder cannot be created ({error.strerror})", str(path.parent)) from None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise CarnetError(f"cannot write in the output folder ({error.strerror})", str(path.parent),
                          hint="choose another folder with -o") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as error:
        # Interrupted or failed: the previous output, if any, is left untouched.
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):  # disk full, a folder in the way…: one line, not a traceback
            raise CarnetError(f"cannot be written ({error.strerror or error})", str(path),
                              hint="check the free space and the output folder, or choose another with -o") from None
        raise


def write(document: Document, format: str, path: str | os.PathLike[str]) -> Path:
    """Render ``document`` in ``format`` and write it to ``path`` safely; returns the path."""
    target = Path(path)
    write_atomically(render(document, format), target)
    return target


def convert(sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
            formats: Iterable[str] = DEFAULT_FORMATS, out_dir: str | os.PathLike[str] = "output", *,
            options: TransformOptions | None = None, encoding: str | None = None) -> list[Path]:
    """Convert each source to each format in ``out_dir``; returns the paths written, in order."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    wanted = [canonical_format(f) for f in formats]
    written: list[Path] = []
    for source in sources:
        path = Path(source)
        document = read(path, options=options, encoding=encoding)
        for fmt in wanted:
            written.append(write(document, fmt, Path(out_dir) / f"{path.stem}.{fmt}"))
    return written
