"""Carnet accessible: accessible DOCX, EPUB 3 and HTML editions of the Carnets NEC.

The public, typed API::

    from converter import read, write, convert
    document = read("input/sample.md")          # the transformed tree
    write(document, "epub", "output/sample.epub")
    convert(["input/sample.md"], formats=("docx", "html"), out_dir="output")
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import CarnetError, Diagnostic
    from .pipeline import convert, read, render, write
    from .transforms import TransformOptions
    from .tree import Document

__version__ = "0.1.0"
__all__ = ["CarnetError", "Diagnostic", "Document", "TransformOptions", "convert", "read", "render", "write",
           "__version__"]

# The API is imported on first use (PEP 562), so that ``carnet --help`` and ``carnet inclusive``, which
# import ``converter.cli``, do not load the pipeline, its transforms and the readers (issue 7).
_LAZY = {"CarnetError": "errors", "Diagnostic": "errors", "convert": "pipeline", "read": "pipeline",
         "render": "pipeline", "write": "pipeline", "TransformOptions": "transforms", "Document": "tree"}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'converter' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
