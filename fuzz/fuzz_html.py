"""atheris harness: the HTML reader, then the transforms and the HTML writer.

Run: ``python fuzz/fuzz_html.py -max_total_time=300 -max_len=4096 fuzz/corpus/html`` (not run by CI).
Also checks the page written holds no script and no event handler attribute.
"""

from __future__ import annotations

import re
import sys

import _common  # noqa: F401 - puts the repository on sys.path
import atheris

with atheris.instrument_imports():
    from converter.errors import CarnetError
    from converter.readers.html import read_html
    from converter.transforms import apply_transforms
    from converter.writers.html import write_html

_ACTIVE = re.compile(rb"<script|\son[a-z]+\s*=|javascript:", re.IGNORECASE)


def test_one_input(data: bytes) -> None:
    """Read, transform and write one input; the page must hold no active content."""
    try:
        document = read_html(_common.text_of(data), "<fuzz>", "/nonexistent-fuzz-dir")
        apply_transforms(document)
        page = write_html(document)
    except CarnetError:
        return
    body = page.split(b"<body", 1)[1]
    match = _ACTIVE.search(body)
    if match:
        raise AssertionError(f"active content in the page: {body[max(0, match.start() - 80):match.end() + 80]!r}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
