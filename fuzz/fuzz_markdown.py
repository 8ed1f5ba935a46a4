"""atheris harness: the carnet Markdown reader, then the transforms and the HTML writer.

Run: ``python fuzz/fuzz_markdown.py -max_total_time=300 -max_len=4096 fuzz/corpus/markdown``
(not run by CI). Bad input must end in a CarnetError; anything else is a crash.
"""

from __future__ import annotations

import sys

import _common  # noqa: F401 - puts the repository on sys.path
import atheris

with atheris.instrument_imports():
    import converter.transforms  # noqa: F401 - instrumented before _common uses them
    import converter.writers.html  # noqa: F401
    from converter.readers.markdown import read_markdown


def test_one_input(data: bytes) -> None:
    """Read, transform and write one input."""
    _common.read_transform_write(data, lambda text: read_markdown(text, "<fuzz>", "/nonexistent-fuzz-dir"))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
