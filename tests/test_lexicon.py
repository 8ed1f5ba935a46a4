"""The French lexicon (converter/lexicon.py): the same words whether read from the source list or from the
user's cache, and a cache that is missing, cut short or unwritable never changes the answers (issue 7)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from converter import lexicon


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """An empty cache folder, and the process-wide list forgotten before and after the test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _forget()
    yield tmp_path / "carnet-accessible"
    _forget()


def _forget() -> None:
    lexicon._french_words.cache_clear()
    lexicon._unaccented_words.cache_clear()


def test_same_words_from_source_and_cache(fresh: Path) -> None:
    first = lexicon.french_words()
    assert len(list(fresh.glob("lexicon-fr-*.txt"))) == 1, "the sorted list is cached"
    _forget()
    second = lexicon.french_words()
    assert list(first) == list(second)
    assert len(first) > 100_000
    assert list(first) == sorted(set(first)), "sorted and distinct, as bisection needs"


def test_lookups() -> None:
    assert lexicon.is_french_word("cohésion")
    assert lexicon.is_french_word("Cohésion"), "any case"
    assert not lexicon.is_french_word("xqzwv")
    assert 3 not in lexicon.french_words()
    assert "" not in lexicon.french_words()


def test_cut_short_cache_is_rebuilt(fresh: Path) -> None:
    reference = list(lexicon.french_words())
    (cached,) = fresh.glob("lexicon-fr-*.txt")
    cached.write_text("zèbre\nabeille\n" * 600, encoding="utf-8")  # unsorted: not trusted
    _forget()
    assert list(lexicon.french_words()) == reference
    assert cached.read_text(encoding="utf-8").split("\n") == reference, "the cache is written again"


def test_unwritable_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # mkdir under a file fails, even as root
    _forget()
    try:
        words = lexicon.french_words()
        assert "cohésion" in words
        assert not any(name.endswith(".tmp") for name in os.listdir(tmp_path))
    finally:
        _forget()


def test_accents_aside(fresh: Path) -> None:
    """The importer's second list (web addresses carry no accents): built once, cached, the same after."""
    assert lexicon.strip_accents("Été œuvré") == "ete œuvre"
    assert lexicon.is_french_word_any_accent("cohesion") and lexicon.is_french_word_any_accent("Cohésion")
    assert not lexicon.is_french_word_any_accent("xqzwv")
    built = list(lexicon._unaccented_words())
    assert list(fresh.glob("lexicon-fr-unaccented-*.txt"))
    lexicon._unaccented_words.cache_clear()
    assert list(lexicon._unaccented_words()) == built == sorted({lexicon.strip_accents(w) for w in
                                                                 lexicon.french_words()})


def test_lookups_in_the_cache_bytes_and_after_the_split(fresh: Path) -> None:
    """Issue 7: read from the cache, words are first looked up in the file's bytes, then in the list it is
    split into after many lookups: the answers are the list's, every word and near misses alike."""
    words = list(lexicon.french_words())
    (cached,) = fresh.glob("lexicon-fr-*.txt")
    in_place = lexicon.Lexicon.from_cache(cached.read_bytes())
    assert in_place is not None
    probes = words[::37] + [w + "x" for w in words[::101]] + [w[:-1] for w in words[::103]] + \
        ["", "\n", "a\nb", "\ud800", words[0], words[-1], "zzzzzz", "0"]
    known = set(words)
    expected = [p in known for p in probes]
    assert [lexicon._in_sorted_lines(cached.read_bytes(), p) for p in probes] == expected
    assert [p in in_place for p in probes] == expected, "across the switch from bytes to list"
    assert in_place._words is not None, f"split after {lexicon.Lexicon.SPLIT_AFTER} lookups"


def test_cache_with_a_long_last_line_is_trusted() -> None:
    words = [f"mot{i:05d}" for i in range(3000)]
    text = "\n".join([*words, "z" * 50_000]).encode()
    assert lexicon.Lexicon.from_cache(text) is not None
    assert lexicon.Lexicon.from_cache("\n".join(reversed(words)).encode()) is None, "out of order"
