"""atheris harness: the carnet Markdown reader, then the transforms and the HTML writer.

Run: ``python fuzz/fuzz_markdown.py -max_total_time=300 -max_len=4096 fuzz/corpus/markdown``
(not run by CI). Bad input must end in a CarnetError; anything else is a crash.
"""

from __future__ import annotations

import sys

import _common  # noqa: F401 - puts the repository on sys.path
import atheris

with atheris.instrument_imports():
    from converter.errors import CarnetError
    from converter.readers.markdown import read_markdown
    from converter.transforms import apply_transforms
    from converter.writers.html import write_html


def test_one_input(data: bytes) -> None:
    """Read, transform and write one input."""
    try:
        document = read_markdown(_common.text_of(data), "<fuzz>", "/nonexistent-fuzz-dir")
        apply_transforms(document)
        write_html(document)
    except CarnetError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
