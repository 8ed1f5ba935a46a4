"""atheris harness: the raw-text importer (text extracted from a carnet PDF), then the transforms, the
HTML writer and the carnet Markdown writer (what ``carnet import`` writes).

Run: ``python fuzz/fuzz_pdftext.py -max_total_time=300 -max_len=8192 -timeout=20 fuzz/corpus/pdftext``
(not run by CI). Bad input must end in a CarnetError; anything else is a crash.
"""

from __future__ import annotations

import sys

import _common  # noqa: F401 - puts the repository on sys.path
import atheris

with atheris.instrument_imports():
    import converter.transforms  # noqa: F401 - instrumented before _common uses them
    import converter.writers.html  # noqa: F401
    from converter.readers.pdftext import read_pdftext
    from converter.writers.markdown import write_markdown


def test_one_input(data: bytes) -> None:
    """Import, write as carnet Markdown, transform and write one input."""
    _common.read_transform_write(data, lambda text: read_pdftext(text, "<fuzz>"), write_markdown)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
