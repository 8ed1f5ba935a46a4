"""French typography: the spaces, apostrophes and quotation marks of French print.

Place in the pipeline: one of the last text transforms (after inclusive writing, which may add words).
It works on the text of a whole block across inline markup (:class:`converter.walk.TextRun`), only where
the text's language is French, and never inside literals, link targets or words that look like URLs,
e-mail addresses or times (``14:30``):

- a narrow no-break space (U+202F) before ``; : ! ?`` (replacing an ordinary or no-break space, or added
  when the sign is glued to a word), and inside ``« »``;
- straight double quotes become ``« »``; a straight apostrophe between letters becomes ``’``;
- three full stops become an ellipsis.

Running it twice changes nothing.
"""

from __future__ import annotations

import re

from ..tree import Abbreviation, Document, Figure, Node, Text
from ..walk import OBJECT, TextRun, children, edit_text

NNBSP = "\u202f"
_SPACES = " \u00a0\u202f\u2009"
_PROTECTED = re.compile(r"\S*(?:://|www\.|@)\S*|\b[\w.-]+\.(?:fr|com|org|net|eu|gouv|io|info)\b\S*"
                        r"|\d+:\d+")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_HIGH_PUNCTUATION = re.compile(r"[;:!?]")
_OPENING_GUILLEMET = re.compile("«[" + _SPACES + "]*")
_CLOSING_GUILLEMET = re.compile("[" + _SPACES + "]*»")
_STRAIGHT_QUOTE = re.compile('"')


# What every match of _PROTECTED contains. _PROTECTED backtracks through each word from each of its letters
# (its ``\S*`` and ``[\w.-]+`` cannot know where a "://" or a ".fr" will be): on carnet #9, 40 ms of the
# 50 ms of this transform. Most blocks hold none of these, and are then known to hold no protected span.
_PROTECTED_HINT = re.compile(r"://|www\.|@|\.(?:fr|com|org|net|eu|gouv|io|info)\b|\d:\d")


def _protected_spans(text: str) -> list[tuple[int, int]]:
    if _PROTECTED_HINT.search(text) is None:
        return []
    return [m.span() for m in _PROTECTED.finditer(text)]


def french_edits(run: TextRun, block_lang: str) -> list[tuple[int, int, str]]:
    """The edits that bring the French parts of ``run`` to French typography."""
    text = run.text
    protected = _protected_spans(text)

    def allowed(start: int, end: int) -> bool:
        if not run.lang_at(start).lower().startswith("fr"):
            return False
        return not any(a < max(end, start + 1) and b > start for a, b in protected)

    edits: dict[int, tuple[int, int, str]] = {}

    def add(start: int, end: int, replacement: str) -> None:
        if text[start:end] != replacement and allowed(start, end) and start not in edits:
            edits[start] = (start, end, replacement)

    for match in _APOSTROPHE.finditer(text):
        add(match.start(), match.end(), "\u2019")
    for match in _ELLIPSIS.finditer(text):
        add(match.start(), match.end(), "\u2026")
    opening = True
    for match in _STRAIGHT_QUOTE.finditer(text):
        position = match.start()
        before = text[position - 1] if position else " "
        if opening and (before in _SPACES + "([\n" + OBJECT or position == 0):
            end = position + 1
            while end < len(text) and text[end] in _SPACES:
                end += 1
            add(position, end, "«" + NNBSP)
            opening = False
        elif not opening:
            start = position
            while start > 0 and text[start - 1] in _SPACES:
                start -= 1
            add(start, position + 1, NNBSP + "»")
            opening = True
    for match in _OPENING_GUILLEMET.finditer(text):
        if match.end() < len(text):
            add(match.start(), match.end(), "«" + NNBSP)
    for match in _CLOSING_GUILLEMET.finditer(text):
        if match.start() > 0 and text[match.start() - 1] not in "\n":
            add(match.start(), match.end(), NNBSP + "»")
    for match in _HIGH_PUNCTUATION.finditer(text):
        position = match.start()
        if position == 0:
            continue
        before = text[position - 1]
        if before in _SPACES:
            start = position - 1
            while start > 0 and text[start - 1] in _SPACES:
                start -= 1
            if start > 0 and text[start - 1] not in "\n":
                add(start, position, NNBSP)
        elif before.isalnum() or before in "»)]" + OBJECT + "\u2019\"'…":
            after = text[position + 1] if position + 1 < len(text) else " "
            if after in _SPACES + "\n»)]" + OBJECT or after in ";:!?" or position + 1 == len(text):
                add(position, position, NNBSP)
    return sorted(_non_overlapping(edits.values()))


def _non_overlapping(edits) -> list[tuple[int, int, str]]:
    result: list[tuple[int, int, str]] = []
    last_end = -1
    for start, end, replacement in sorted(edits):
        if start >= last_end or (start == end and start >= last_end):
            result.append((start, end, replacement))
            last_end = max(end, start)
    return result


_META_TEXT_FIELDS = ("title", "subtitle", "event", "subject", "series", "rights", "source")
_META_LIST_FIELDS = ("publisher",)


def _typeset(value: str, lang: str) -> str:
    """``value`` (text held in an attribute, not in Text nodes) in French typography."""
    node = Text(text=value)
    run = TextRun.of([node], lang)
    run.apply(french_edits(run, lang))
    return node.text


def _attribute_texts(node: Node, lang: str) -> None:
    """Text that readers see or hear but that lives in attributes: image alt text, abbreviation expansions."""
    lang = node.lang or lang
    if isinstance(node, Figure) and node.alt:
        node.alt = _typeset(node.alt, lang)
    elif isinstance(node, Abbreviation) and node.expansion:
        node.expansion = _typeset(node.expansion, lang)
    for child in children(node):
        _attribute_texts(child, lang)


def typography_fr(document: Document) -> None:
    """Apply French typography to every French block of text of the document, to the text of its image
    alternatives and abbreviation expansions, and to its metadata shown to readers."""
    edit_text(document, french_edits)
    lang = document.meta.lang or "fr"
    _attribute_texts(document, lang)
    for name in _META_TEXT_FIELDS:
        value = getattr(document.meta, name)
        if value:
            setattr(document.meta, name, _typeset(value, lang))
    for name in _META_LIST_FIELDS:
        setattr(document.meta, name, [_typeset(value, lang) for value in getattr(document.meta, name)])
