"""The French lexicon: is this a French word? (pyspellchecker's French word list, loaded once, lazily.)

Place in the pipeline: consulted by transforms (text typed in capitals, inclusive writing) and by the
raw-text importer (line-end hyphenation). Nothing loads it until a word must really be looked up, and then
only once per process for all of them.

The list is pyspellchecker's ``fr.json.gz`` (word → frequency), read directly: building a ``SpellChecker``
for it took 0.26 s, reading the keys takes about half of that, and gives the same set of words.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path

_KEY = re.compile(r'"([^"\\]*)":')


@cache
def _french_words() -> frozenset[str]:
    try:
        import spellchecker

        data = (Path(spellchecker.__file__).parent / "resources" / "fr.json.gz").read_bytes()
        text = gzip.decompress(data).decode("utf-8")
    except (OSError, ValueError, EOFError):  # pragma: no cover - a pyspellchecker laid out differently
        from spellchecker import SpellChecker

        return frozenset(SpellChecker(language="fr").word_frequency.dictionary)
    # A word list of plain keys ({"mot": 12, …}) is read with a regular expression; anything with an escape
    # goes through the JSON parser. Keys are lower-cased, as pyspellchecker does.
    words = json.loads(text) if "\\" in text else _KEY.findall(text)
    return frozenset(word.lower() for word in words)


def french_words() -> frozenset[str]:
    """The whole lexicon, lower case (for modules that look up many words)."""
    return _french_words()


def is_french_word(word: str) -> bool:
    """Whether ``word`` (any case) is in the French lexicon."""
    return word.lower() in _french_words()
