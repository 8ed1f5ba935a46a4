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
    from converter.errors import CarnetError
    from converter.readers.pdftext import read_pdftext
    from converter.transforms import apply_transforms
    from converter.writers.html import write_html
    from converter.writers.markdown import write_markdown


def test_one_input(data: bytes) -> None:
    """Import, transform and write one input."""
    try:
        document = read_pdftext(_common.text_of(data), "<fuzz>")
        write_markdown(document)
        apply_transforms(document)
        write_html(document)
    except CarnetError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
