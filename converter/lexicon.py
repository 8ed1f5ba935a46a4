"""The French lexicon: is this a French word? (pyspellchecker's French word list, loaded once, lazily.)

Place in the pipeline: consulted by transforms (text typed in capitals, inclusive writing) and by the
raw-text importer (line-end hyphenation). Loading takes a few tenths of a second, so nothing loads it
until a word must really be looked up.
"""

from __future__ import annotations

from functools import cache


@cache
def _french_words() -> frozenset[str]:
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(language="fr").word_frequency.dictionary)


def is_french_word(word: str) -> bool:
    """Whether ``word`` (any case) is in the French lexicon."""
    return word.lower() in _french_words()
