"""The French lexicon: is this a French word? (pyspellchecker's French word list, loaded once, lazily.)
And, for the importer only, the English one: carnets quote English terms ("fact-checking", "Silicon Valley").

Place in the pipeline: consulted by transforms (text typed in capitals, inclusive writing) and by the
raw-text importer (line-end hyphenation, words glued by the extraction). Nothing loads it until a word must really be looked up, and then
only once per process for all of them.

The list is pyspellchecker's ``fr.json.gz`` (word → frequency, 140,000 words). Reading it costs about
0.15 s of CPU per process (decompressing, finding the keys, lower-casing, hashing 140,000 words into a set),
a tenth of a whole conversion of carnet #9 (issue 7). So the words are kept as a *sorted list* looked up by
bisection, and that list is written once to the user's cache folder (``$XDG_CACHE_HOME/carnet-accessible``,
else ``~/.cache/carnet-accessible``) as plain text, one word per line: later processes only read it, and
search it in place until they have looked up enough words to split it (see :class:`Lexicon`). The cache file is named after the list's size and date, so a
new word list gives a new cache file; when the cache cannot be read or written, the list is built in
memory, with the same words.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from .resources import cache_folder

_KEY = re.compile(r'"([^"\\]*)":')


class Lexicon:
    """A sorted list of distinct lower-case words, with ``word in lexicon`` answered by bisection.

    A lookup costs a microsecond or two instead of a set's fraction of one, but the importer and the
    transforms look up a few thousand words per carnet, whereas building a set of 140,000 words costs
    tens of milliseconds in every process.

    Read from the cache, the lexicon is first searched in the file's bytes as read (sorted lines; UTF-8
    keeps the order of code points): a conversion looks up a hundred words, and splitting 140,000 lines
    into strings cost it more than all its lookups. After :attr:`SPLIT_AFTER` lookups (the importer makes
    thousands) the lines are split into a list once, where bisection is faster.
    """

    __slots__ = ("_words", "_text", "_lookups")
    SPLIT_AFTER = 400

    def __init__(self, sorted_words: list[str] | None = None, *, text: bytes = b"") -> None:
        self._words = sorted_words
        self._text = text
        self._lookups = 0

    @classmethod
    def from_cache(cls, text: bytes) -> Lexicon | None:
        """The lexicon of a cache file's bytes, or None when they cannot be trusted: a cache cut short or
        edited by hand must still hold many lines, sorted (checked on a sample) and in UTF-8."""
        if text.count(b"\n") < 1000:
            return None
        sample = []  # ~150 places: the line there and the next one
        for position in range(0, len(text) - 1, len(text) // 150):
            start, end = _line_span(text, position)
            if end < len(text):  # not in the last line
                sample += [text[start:end], _line_at(text, end + 1)]
        try:
            decoded = [line.decode("utf-8") for line in sample]
        except UnicodeDecodeError:
            return None
        pairs = zip(decoded[::2], decoded[1::2], strict=False)  # each line before the next: strictly
        if not all(a < b for a, b in pairs) or not all(a <= b for a, b in zip(decoded, decoded[1:], strict=False)):
            return None
        return cls(text=text)

    def _list(self) -> list[str]:
        if self._words is None:
            self._words = self._text.decode("utf-8", errors="replace").split("\n")
            self._text = b""
        return self._words

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        words = self._words
        if words is None:
            self._lookups += 1
            if self._lookups <= self.SPLIT_AFTER:
                return _in_sorted_lines(self._text, word)
            words = self._list()
        index = bisect_left(words, word)
        return index < len(words) and words[index] == word

    def __iter__(self) -> Iterator[str]:
        return iter(self._list())

    def __len__(self) -> int:
        return len(self._list())


def _line_span(text: bytes, position: int, low: int = 0) -> tuple[int, int]:
    """Start and end of the line of ``text`` that holds the byte at ``position`` (``low``: a line start at or
    before it, where the search for the start stops)."""
    start = text.rfind(b"\n", low, position) + 1 or low
    end = text.find(b"\n", position)
    return start, len(text) if end < 0 else end


def _line_at(text: bytes, position: int) -> bytes:
    """The line of ``text`` that holds the byte at ``position``."""
    start, end = _line_span(text, position)
    return text[start:end]


def _in_sorted_lines(text: bytes, word: str) -> bool:
    """Whether ``word`` is one of the sorted lines of ``text``, by bisection over its bytes: the middle
    byte's line is compared, and the search goes on in the lines before it or after it."""
    if not word or "\n" in word:
        return False
    try:
        key = word.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no word of the list
        return False
    low, high = 0, len(text)  # the lines that start in [low, high) are left
    while low < high:
        start, end = _line_span(text, (low + high) // 2, low)
        line = text[start:end]
        if line == key:
            return True
        if line < key:
            low = end + 1
        else:
            high = start
    return False


def _source(language: str) -> Path | None:
    try:
        import spellchecker
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    path = Path(spellchecker.__file__).parent / "resources" / f"{language}.json.gz"
    return path if path.is_file() else None


def _words_from_source(path: Path | None, language: str = "fr") -> list[str]:
    """The sorted distinct words of a pyspellchecker list, lower case (as pyspellchecker lowers them)."""
    if path is None:  # pragma: no cover - a pyspellchecker laid out differently
        from spellchecker import SpellChecker

        return sorted({word.lower() for word in SpellChecker(language=language).word_frequency.dictionary})
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    # A word list of plain keys ({"mot": 12, …}) is read with a regular expression; anything with an escape
    # goes through the JSON parser.
    words = json.loads(text) if "\\" in text else _KEY.findall(text)
    return sorted({word.lower() for word in words})


def _cache_file(source: Path, kind: str, language: str) -> Path:
    # Named after the list's size and date (not pyspellchecker's version: importlib.metadata alone costs
    # 20 ms to import), so that another word list never reads this cache.
    stat = source.stat()
    return cache_folder() / f"lexicon-{language}{kind}-{stat.st_size}-{stat.st_mtime_ns}.txt"


def _write_cache(target: Path, words: list[str]) -> None:
    """Write the list atomically (a half-written cache would be read as a shorter lexicon)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text("\n".join(words), encoding="utf-8")
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _cached(kind: str, build: Callable[[Path | None], list[str]], language: str = "fr") -> Lexicon:
    """The sorted list ``build`` makes from pyspellchecker's list, read from the cache when it is there."""
    source = _source(language)
    if source is None:  # pragma: no cover - a pyspellchecker laid out differently
        return Lexicon(build(None))
    try:
        cached = Lexicon.from_cache(_cache_file(source, kind, language).read_bytes())
        if cached is not None:
            return cached
    except (OSError, RuntimeError):
        pass
    words = build(source)
    with contextlib.suppress(OSError, RuntimeError):  # a read-only home, or none: the list stays in memory
        _write_cache(_cache_file(source, kind, language), words)
    return Lexicon(words)


@cache
def _french_words() -> Lexicon:
    return _cached("", _words_from_source)


@cache
def _english_words() -> Lexicon:
    return _cached("", lambda path: _words_from_source(path, "en"), "en")


@cache
def _unaccented_words() -> Lexicon:
    return _cached("-unaccented", lambda _: sorted({strip_accents(word) for word in _french_words()}))


def strip_accents(text: str) -> str:
    """``text`` in lower case without its accents (``Été`` → ``ete``); œ and æ stay."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def french_words() -> Lexicon:
    """The whole lexicon, lower case (for modules that look up many words)."""
    return _french_words()


def is_french_word(word: str) -> bool:
    """Whether ``word`` (any case) is in the French lexicon."""
    return word.lower() in _french_words()


def is_english_word(word: str) -> bool:
    """Whether ``word`` (any case) is in pyspellchecker's English list (160,000 words, cached like the French
    one): the importer asks it only about words the French lexicon does not know."""
    return word.lower() in _english_words()


def is_french_word_any_accent(word: str) -> bool:
    """Whether ``word`` is a French word, accents aside (web addresses are written without them): the
    lexicon without accents is a second list, cached like the first (building it costs 0.4 s)."""
    return strip_accents(word) in _unaccented_words()
