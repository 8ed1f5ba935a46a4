"""Text conservation: is every expected word present, in order within its paragraph, in an actual text?

Reusable for any output: give the expected paragraphs (e.g. the normalised seed of a carnet) and the plain
text of what was produced (the visible text of the Markdown, of the HTML, of the EPUB, of the DOCX).

Words are compared case-insensitively, punctuation ignored (quotes, brackets, dashes, « », …), apostrophes
unified, and a footnote call glued to a word (``numérique3``, ``»33``) reduced to the word, the same way on
both sides, so that the note numbers rendered by a writer do not count as text.

Each expected paragraph is aligned on its own, wherever it is in the actual text (the reading order of an
edition differs from the order of the PDF's text), to a stretch of actual text that no other paragraph has
used yet: a paragraph printed twice in the source (a summary repeated, a pull quote repeating the body) must
be present twice. Longer paragraphs are placed first, so that a short repetition does not take the place
of the passage it repeats. Within a paragraph the words must come in the same order (an ordered alignment,
``difflib.SequenceMatcher``); the words that cannot be aligned are reported as missing.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
# A note call glued after a closing quote or bracket: « alternative »13 ?  usages »33,
_CALL_AFTER_QUOTE = re.compile(r"([»”)\]])\d{1,2}(?=[\s,.;:!?)]|$)")
# A word: starts with a letter or digit, may contain the inner punctuation of words and addresses.
_WORD = re.compile(r"[^\W_][\w'·.\-/%#?=&+@~]*")
_TRAILING = re.compile(r"[.\-/'·?=&#+@~%]+$")
# A note call glued to a word: numérique3, MESOPOLHIS18 (a letter, then one or two digits).
_GLUED_CALL = re.compile(r"(?<=[^\W\d_])\d{1,2}$")
USED = "\x00"


def words(text: str) -> list[str]:
    """The comparable words of a text (lower case, punctuation and glued note calls removed)."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).lower()
    text = _CALL_AFTER_QUOTE.sub(r"\1", text)
    result = []
    for token in _WORD.findall(text):
        token = _TRAILING.sub("", token)
        token = _GLUED_CALL.sub("", token)
        if token:
            result.append(token)
    return result


@dataclass
class Missing:
    paragraph: int
    """Index of the expected paragraph."""
    word: str
    context: str
    """The expected paragraph's words around the missing one."""


@dataclass
class Comparison:
    words_compared: int = 0
    paragraphs: int = 0
    missing: list[Missing] = field(default_factory=list)

    def report(self, limit: int = 200) -> str:
        lines = [f"{self.words_compared} words compared in {self.paragraphs} paragraphs, "
                 f"{len(self.missing)} missing"]
        for item in self.missing[:limit]:
            lines.append(f"  paragraph {item.paragraph}: missing {item.word!r} in …{item.context}…")
        if len(self.missing) > limit:
            lines.append(f"  … and {len(self.missing) - limit} more")
        return "\n".join(lines)


def _best_offset(para: list[str], actual: list[str], index: dict[tuple[str, ...], list[int]],
                 used: list[bool], k: int) -> int | None:
    votes: dict[int, int] = defaultdict(int)
    for j in range(len(para) - k + 1):
        for p in index.get(tuple(para[j:j + k]), ()):
            if not used[p]:
                votes[p - j] += 1
    if not votes:
        return None
    return max(votes.items(), key=lambda item: (item[1], -item[0]))[0]


def compare(expected_paragraphs: list[str], actual_text: str) -> Comparison:
    """Check that the words of every expected paragraph appear, in order, in ``actual_text``."""
    actual = words(actual_text)
    used = [False] * len(actual)
    indexes: dict[int, dict[tuple[str, ...], list[int]]] = {}
    for k in (1, 2, 3):
        index: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in range(len(actual) - k + 1):
            index[tuple(actual[i:i + k])].append(i)
        indexes[k] = index

    paragraphs = [words(p) for p in expected_paragraphs]
    result = Comparison(words_compared=sum(map(len, paragraphs)),
                        paragraphs=sum(1 for p in paragraphs if p))
    order = sorted((i for i, p in enumerate(paragraphs) if p), key=lambda i: (-len(paragraphs[i]), i))
    for i in order:
        para = paragraphs[i]
        offset = None
        for k in (3, 2, 1):
            if len(para) >= k:
                offset = _best_offset(para, actual, indexes[k], used, k)
                if offset is not None:
                    break
        matched: set[int] = set()
        if offset is not None:
            slack = max(40, len(para) // 2)
            start = max(0, offset - slack)
            stop = min(len(actual), offset + len(para) + slack)
            window = [USED if used[p] else actual[p] for p in range(start, stop)]
            matcher = difflib.SequenceMatcher(None, para, window, autojunk=False)
            for block in matcher.get_matching_blocks():
                for n in range(block.size):
                    matched.add(block.a + n)
                    used[start + block.b + n] = True
        for j, word in enumerate(para):
            if j not in matched:
                context = " ".join(para[max(0, j - 6):j + 7])
                result.missing.append(Missing(paragraph=i, word=word, context=context))
    result.missing.sort(key=lambda m: m.paragraph)
    return result
