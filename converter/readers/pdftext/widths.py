"""Printed widths: how wide a line of extracted text was on the page, estimated from the advance widths
of a proportional sans-serif type, and whether the next line's first word would have fitted on it.

Place in the pipeline: used by the steps that decide where a paragraph ends from its lines' widths (the
layout step, the blocks of pdftotext's default output, the page turns).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Advance widths of a proportional sans-serif type (per 1000 units of the type size, the common metrics of
# Helvetica and Arial): the printed width of a line estimated from its characters, far closer than their count
# ("illicite" and "mémoires" have as many letters, not the same width).
_GLYPH_WIDTHS = dict(zip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500,
    722, 500, 500, 500, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722,
    667, 611, 722, 667, 944, 667, 667, 611), strict=True))
_NARROW = frozenset(" .,;:!'’|()[]-/\"")
_SPACE_WIDTH = 278
_FIT_SLACK = (0.04, 1500)
"""How much narrower than the column a line must be for the next word to fit: the error of estimating a
line's width from its characters, a few per cent of a wide column, about three characters in a narrow one
(type set larger or bolder, a word's kerning)."""


@cache
def _glyph_width(char: str) -> int:
    base = unicodedata.normalize("NFD", char)[:1]
    return _GLYPH_WIDTHS.get(base, 278 if base in _NARROW else 556)


def printed_width(text: str) -> int:
    """The estimated printed width of ``text`` (see :data:`_GLYPH_WIDTHS`)."""
    return sum(_glyph_width(char) for char in text)


def _next_word_fits(line: str, following: str, width: int, slack: bool = True) -> bool:
    """The reflow test: whether the first word of ``following`` would have fitted at the end of ``line`` in a
    column ``width`` wide. A typesetter breaks a line only when the next word does not fit, so a line that
    had room for it ends its paragraph (or its frame). Without ``slack``, against the full width: whether the
    word could have fitted at all (a line it would overrun has not ended its paragraph, however short)."""
    first = _UNBREAKABLE_START.match(following)
    room = width - max(width * _FIT_SLACK[0], _FIT_SLACK[1]) if slack else width
    return bool(first) and printed_width(line) + _SPACE_WIDTH + printed_width(first.group(0)) <= room


# The first unit a line can break after: a word with the marks French typography binds to it by a no-break
# space (« Carnet, word :, word ?), which an extraction gives as a plain space.
_UNBREAKABLE_START = re.compile(r"(?:[«“—–]\s)?\S+(?:\s[:;!?»”])*")


def _column_width(lines: list[str]) -> int:
    """The width of a full line of the text's columns: the 95th percentile of the widths of lines of two
    words or more (most lines of a column are full)."""
    widths = sorted(printed_width(text) for text in lines if len(text.split()) >= 2)
    return widths[int(len(widths) * 0.95)] if widths else 0
