"""Shared by the atheris harnesses: what counts as a crash.

A harness feeds bytes to one entry point. The documented outcome for bad input is a
:class:`converter.errors.CarnetError`; any other exception (and a RecursionError above all) is a crash that
atheris reports, with the input saved as ``crash-*``. Each crash found becomes a regression test in
``tests/test_hostile.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def text_of(data: bytes) -> str:
    """The fuzz input as text: UTF-8 with replacement, so that every input reaches the reader."""
    return data.decode("utf-8", errors="replace")
