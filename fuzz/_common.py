"""Shared by the atheris harnesses: what counts as a crash.

A harness feeds bytes to one entry point. The documented outcome for bad input is a
:class:`converter.errors.CarnetError`; any other exception (and a RecursionError above all) is a crash that
atheris reports, with the input saved as ``crash-*``. Each crash found becomes a regression test in
``tests/test_hostile.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if TYPE_CHECKING:
    from converter.tree import Document


def text_of(data: bytes) -> str:
    """The fuzz input as text: UTF-8 with replacement, so that every input reaches the reader."""
    return data.decode("utf-8", errors="replace")


def read_transform_write(data: bytes, read: Callable[[str], Document],
                         before_transforms: Callable[[Document], object] | None = None) -> None:
    """One input through a reader, the transforms and the HTML writer (and ``before_transforms`` on the tree
    as read); a CarnetError is the documented outcome for bad input, anything else reaches atheris."""
    from converter.errors import CarnetError
    from converter.transforms import apply_transforms
    from converter.writers.html import write_html

    try:
        document = read(text_of(data))
        if before_transforms is not None:
            before_transforms(document)
        apply_transforms(document)
        write_html(document)
    except CarnetError:
        pass
