"""Carnet accessible: accessible DOCX, EPUB 3 and HTML editions of the Carnets NEC.

The public, typed API::

    from converter import read, write, convert
    document = read("input/sample.md")          # the transformed tree
    write(document, "epub", "output/sample.epub")
    convert(["input/sample.md"], formats=("docx", "html"), out_dir="output")
"""

from __future__ import annotations

from .errors import CarnetError, Diagnostic
from .pipeline import convert, read, render, write
from .transforms import TransformOptions
from .tree import Document

__version__ = "0.1.0"
__all__ = ["CarnetError", "Diagnostic", "Document", "TransformOptions", "convert", "read", "render", "write",
           "__version__"]
