"""atheris harness: the inclusive-writing engine (``rewrite``) for each policy.

Run: ``python fuzz/fuzz_inclusive.py -max_total_time=300 -max_len=512 fuzz/corpus/inclusive`` (not run by
CI). Checks: no exception, idempotence, and text outside the forms reported unchanged.
"""

from __future__ import annotations

import sys

import _common  # noqa: F401 - puts the repository on sys.path
import atheris

with atheris.instrument_imports():
    from converter.transforms.inclusive_fr import rewrite


def test_one_input(data: bytes) -> None:
    """Rewrite one text with each policy and check the engine's promises."""
    text = _common.text_of(data)
    for policy in ("doublet", "normalise", "keep"):
        once, forms = rewrite(text, policy)
        twice, _ = rewrite(once, policy)
        if twice != once:
            raise AssertionError(f"not idempotent ({policy}): {text!r} → {once!r} → {twice!r}")
        check_forms(text, once, forms, policy)


def check_forms(text: str, result: str, forms: list, policy: str) -> None:
    """Each form is the text it spans, forms do not overlap, and outside them the text is unchanged."""
    pieces, cursor = [], 0
    for form in sorted(forms, key=lambda f: f.start):
        if form.original != text[form.start:form.end]:
            raise AssertionError(f"form {form!r} is not the text it spans in {text!r}")
        if form.start < cursor:
            raise AssertionError(f"overlapping forms in {text!r}: {forms!r}")
        replacement = form.replacement if form.replacement is not None and policy != "keep" else form.original
        pieces += [text[cursor:form.start], replacement]
        cursor = form.end
    pieces.append(text[cursor:])
    if "".join(pieces) != result:
        raise AssertionError(f"text changed outside the forms reported ({policy}): {text!r} → {result!r}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
