"""Steps ``notes`` and ``note calls``: footnotes found as numbered blocks, taken in order, then each
call in the text (``numérique3``) linked to its note, in order, without mistaking years, quantities or list
numbers for calls.

Place in the pipeline: ``notes`` runs after the links are attached; ``note calls`` is the last step, once
every block's kind and order are known.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from urllib.parse import unquote

from ...lexicon import is_french_word
from .common import (
    _DOMAIN,
    _NOTE_START,
    _SENTINEL,
    _SPACED_CALL,
    NOTE_CLOSE,
    NOTE_OPEN,
    Block,
    Line,
    State,
    _plain,
)


def find_notes(state: State) -> None:
    """Numbered blocks in note order are footnotes (not years, quantities or list numbers)."""
    state.step = "notes"
    if state.notes:
        return  # the notes were found at the foot of each page (dense text)
    expected = 1
    blocks = state.blocks
    for index, block in enumerate(blocks):
        if block.kind != "para":
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        number_alone = re.fullmatch(r"\s*(\d{1,3})\s*", block.lines[0].text)
        if number_alone and len(block.lines) == 1 and following is not None and following.kind == "para" \
                and expected - 1 <= int(number_alone.group(1)) <= expected + 3:
            # some extractions set the note's number alone on its line, its text in the next block
            following.lines[0] = Line(following.lines[0].no, f"{number_alone.group(1)} {following.lines[0].text.strip()}")
            following.text = f"{number_alone.group(1)} {following.text}"
            block.kind = "removed"
            continue
        taken = _take_note(state, block, expected)
        if taken == expected and block.kind == "para" and _skipped_note(state, block, expected):
            # a note read after a later one: a margin sets each note beside its call, top to bottom, and a
            # call higher in the next column comes before it ("37" over "35", "36" in the margin)
            _take_note(state, block, int(_NOTE_START.match(block.lines[0].text).group(1)))  # type: ignore[union-attr]
            state.guess(block.line, "a note read after a later one (a margin sets each note beside its call)")
        expected = taken


def _skipped_note(state: State, block: Block, expected: int) -> bool:
    """Whether ``block`` is a note the note order passed over: the layout step read it as a note (its number
    apart, its text indented, or set in a margin), and its number, a few below the one expected, is no note
    yet."""
    match = _NOTE_START.match(block.lines[0].text)
    return bool(match) and block.lines[0].opens_note and match.group(1) not in state.notes \
        and expected - _NOTES_SKIPPED <= int(match.group(1)) < expected - 1


_NOTES_SKIPPED = 4
"""How many notes a later note read first may pass over (the notes a margin sets beside one column's calls)."""


def _take_note(state: State, block: Block, expected: int) -> int:
    """Make ``block`` a note if its number fits the note order; returns the next expected number."""
    match = _NOTE_START.match(block.lines[0].text)
    if not match:
        return expected
    number = int(match.group(1))
    letters = [c for c in match.group(2) if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return expected  # "3 ENSEIGNEMENTS CLÉS": a heading with a number
    if not (expected - 1 <= number <= expected + 3):
        return expected
    if number != expected:
        state.guess(block.line, f"note {number} where note {expected} was expected")
    label = str(number)
    while label in state.notes:
        label += "bis"
    block.kind = "note"
    block.data["label"] = label
    block.data["number"] = number
    block.text = re.sub(r"^\s*\d{1,3}\s?", "", block.text, count=1)
    state.notes[label] = block
    return number + 1


_CALL = re.compile(r"(?<=[^\W\d_]|[»”.)’\ue006])(\d{1,3})(?=[\s.,;:!?)»”…]|$|\ue000)")


def link_note_calls(state: State) -> None:
    """Each note's call: its number glued to a word, nearest to the note, in note order."""
    state.step = "notes"
    texts = [b for b in state.blocks if b.kind not in ("note", "page", "url", "removed", "label") and b.text]
    position = {id(b): i for i, b in enumerate(state.blocks)}
    taken: set[tuple[int, int]] = set()
    for label, note in state.notes.items():
        number = str(note.data["number"])
        note_at = position[id(note)]
        best = _nearest_call(texts, position, note_at, _CALL, number, taken, _after_a_word)
        if best is not None and _after_capitals(best[1], best[2]):
            # a number glued to a word in capitals may be a name ("le carnet NEC21"): a call set apart by a
            # space nearer to the note is the call
            spaced = _nearest_call(texts, position, note_at, _SPACED_CALL, number, taken)
            if spaced is not None and spaced[0] < best[0]:
                state.guess(spaced[1].line, f"note {label}: call '{number}' set apart by a space, nearer than "
                                            f"'{number}' glued to a word in capitals (a name), taken as the call")
                best = spaced
        # a call set apart by a space (a superscript the extraction spaced out), or glued to a year ("en 20193"
        # for 2019 and note 3), nearest to the note
        for pattern, how in ((_SPACED_CALL, "set apart by a space"), (_YEAR_CALL, "glued to a year")):
            if best is None:
                best = _nearest_call(texts, position, note_at, pattern, number, taken)
                if best is not None:
                    state.guess(best[1].line, f"note {label}: call '{number}' {how}, taken as the call")
        if best is None:
            place = _uncalled_note_place(state, texts, position, note)
            if place is None:
                state.guess(note.line, f"note {label}: no call found in the text")
                continue
            block, at, how = place
            state.guess(block.line, f"note {label} (line {note.line}): no call found in the text; its call is put "
                                    f"{how}: review it")
            note.data["called_in"] = (block, at, at)
            continue
        _, block, match = best
        taken.add((id(block), match.start(1)))
        start = match.start(1) - (1 if block.text[match.start(1) - 1:match.start(1)] == " " else 0)
        note.data["called_in"] = (block, start, match.end(1))
    # Replace calls from the end so that offsets stay right.
    calls: dict[int, list[tuple[int, int, str]]] = {}
    for label, note in state.notes.items():
        if "called_in" in note.data:
            block, start, end = note.data["called_in"]
            calls.setdefault(id(block), []).append((start, end, label))
    for block in state.blocks:
        for start, end, label in sorted(calls.get(id(block), []), reverse=True):
            block.text = f"{block.text[:start]}{NOTE_OPEN}note-{label}{NOTE_CLOSE}{block.text[end:]}"


_WORD_TOKEN = re.compile(r"[^\W_](?:[\w.&-]*[^\W_])?")


def _letters(text: str) -> str:
    """A word's letters and digits, in lower case and without accents (as a web address writes them)."""
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode())


def _note_keys(note: Block) -> tuple[list[str], set[str]]:
    """What a note names: the labels of its addresses (domain labels but the last, path segments:
    ``chairecitus.com`` → ``chairecitus``) and its capitalised words after the first ("Voir") or acronyms."""
    addresses = [match.group(3) for match in _SENTINEL.finditer(note.text) if match.group(3)]
    plain = _plain(note.text)
    addresses += [match.group(1) for match in _DOMAIN.finditer(plain)]
    keys: list[str] = []
    for address in addresses:
        address = re.sub(r"^[a-z]+://", "", unquote(address).lower())
        host, _, path = address.partition("/")
        labels = host.split(".")
        labels = labels[1:] if labels[0] == "www" else labels
        pieces = labels[:-1] + re.split(r"[/._?=#&]+", path)
        keys += [key for key in map(_letters, pieces) if len(key) >= 3]
    prose = _DOMAIN.sub(" ", plain)
    named = {_letters(word) for word in _WORD_TOKEN.findall(prose)[1:] if word[:1].isupper()}
    return keys, {word for word in named if len(word) >= 3}


def _uncalled_note_place(state: State, texts: list[Block], position: dict[int, int],
                         note: Block) -> tuple[Block, int, str] | None:
    """Where to call a note whose call the text lacks (a defect of the print, or a call the extraction
    lost): after the word of the note's page that the note most plausibly annotates, else at the end of the
    paragraph before the note on its page. A note no call points to is read by nobody (and a checker
    rejects it), so a guess the editor reviews is better than none.

    The word annotated is one the note names: its letters are one of the note's address labels, or part of
    one when the word is not an ordinary French word (a name, a brand: "Cit.Us" ↔ ``chairecitus.com``), or
    a capitalised word of the note ("Voir la Mêlée Numérique" ↔ "Mêlée"). The most distinctive match
    (a name before a common word, then the longest) is taken at its first mention on the page, where a
    note is called. The page's blocks are searched, else (pages unknown) the blocks near the note. A "note"
    that does not open as a sentence does (a piece of an address cut after a number) is left alone.
    """
    note_at = position[id(note)]
    if note.page:
        near = [b for b in texts if b.page == note.page]
    else:
        near = [b for b in texts if -40 <= position[id(b)] - note_at <= 12]
    keys, named = _note_keys(note)
    best: tuple[tuple[bool, bool, int, int], Block, int, str] | None = None
    for rank, block in enumerate(near):
        masked = _SENTINEL.sub(lambda m: " " * len(m.group(0)), block.text)
        for match in _WORD_TOKEN.finditer(masked):
            word = match.group(0)
            letters = _letters(word)
            if len(letters) < 3:
                continue
            common = is_french_word(word)
            if letters in keys or (letters in named and word[:1].isupper()):
                exact = True
            elif not common and len(letters) >= 4 and any(letters in key for key in keys):
                exact = False
            else:
                continue
            score = (common, not exact, -len(letters), rank)
            if best is None or score < best[0]:
                best = (score, block, match.end(), f"after '{word}', a word the note names")
    if best is not None:
        return best[1], best[2], best[3]
    if not re.match(r"[«“\"(\w]", _plain(note.text).strip()):
        return None  # not a sentence ("/24/les-marches…"): a piece of an address cut after a number, not a note
    before = [b for b in near if position[id(b)] < note_at and b.kind == "para"]
    if not before:
        before = [b for b in texts if position[id(b)] < note_at][-1:]
    if not before:
        return None
    block = before[-1]
    return block, len(block.text.rstrip()), "at the end of the paragraph before the note"


_YEAR_CALL = re.compile(r"(?<![\w.,])(?:1[89]|20)\d\d(\d{1,2})(?=[\s.,;:!?)»”…]|$)")


def _after_capitals(block: Block, match: re.Match[str]) -> bool:
    """Whether the number ``match`` found is glued to a word in capitals (an acronym: "NEC21")."""
    word = re.search(r"[^\W\d_]*$", block.text[:match.start(1)]).group(0)  # type: ignore[union-attr]
    return len(word) >= 2 and word.isupper()


def _after_a_word(block: Block, match: re.Match[str]) -> bool:
    """A call follows a word, not a formula, a code or a number ("CO2", "B2", "2.0")."""
    word = re.search(r"[\w.]*$", block.text[:match.start()]).group(0)  # type: ignore[union-attr]
    return not (re.fullmatch(r"[A-Z]{1,2}", word) or re.fullmatch(r"[\d.]+", word))


def _nearest_call(texts: list[Block], position: dict[int, int], note_at: int, pattern: re.Pattern[str],
                  number: str, taken: set[tuple[int, int]],
                  accept: Callable[[Block, re.Match[str]], bool] | None = None) -> tuple[int, Block, re.Match[str]] | None:
    """The match of ``pattern`` whose first group is ``number`` (and that ``accept`` accepts), in the block
    nearest to the note (before it rather than after), not taken by another note."""
    best = None
    for block in texts:
        distance = position[id(block)] - note_at
        if distance > 12 or distance < -40:
            continue
        if number not in block.text:  # the number must be there for a match to be its call
            continue
        for match in pattern.finditer(block.text):
            if match.group(1) == number and (id(block), match.start(1)) not in taken \
                    and (accept is None or accept(block, match)):
                score = abs(distance) + (0 if distance < 0 else 3)
                if best is None or score < best[0]:
                    best = (score, block, match)
    return best
