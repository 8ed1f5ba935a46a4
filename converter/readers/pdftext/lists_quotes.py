"""Steps ``lists``, ``credits``, ``quotes`` and ``pull quotes``: lists from bullet glyphs and
numbers, photo credits, quotations, and pull quotes that repeat the body (found by matching the body's
words) set apart from quotes that exist only there.

Place in the pipeline: after the headings; ``pull quotes`` runs after the reading order is restored.
"""

from __future__ import annotations

import re

from .common import (
    _BULLET,
    _BULLET_GLYPHS,
    _BYLINE,
    _CREDIT,
    _INNER_CREDIT,
    _NUMBERED,
    _TERMINAL,
    LINK_OPEN,
    Block,
    Line,
    State,
    _is_capitals,
    _plain,
    _words,
)
from .joining import _rejoin
from .layout_blocks import _ATTRIBUTION_WORDS


def find_lists(state: State) -> None:  # noqa: C901 - bullets, then numbers
    """Bullet glyphs (▷ ▶ → …) start list items, also inside a block ("POUR EN SAVOIR PLUS, → address": a
    lead-in, then an item); so do numbers that count from one line to the next ("1. …", "2. …": an ordered
    list, see :func:`_numbered_starts`)."""
    state.step = "lists"
    from ...transforms.capitals import _normal_case

    numbered = _numbered_starts(state.blocks)
    result: list[Block] = []
    for block in state.blocks:
        starts = [i for i, line in enumerate(block.lines) if i and (_is_bullet_line(line) or (id(block), i) in numbered)] \
            if block.kind == "para" else []
        if not starts:
            result.append(block)
            continue
        state.guess(block.lines[starts[0]].no, "bullet inside a block: the lines above are a lead-in, each bullet an item")
        for low, high in zip([0, *starts], [*starts, len(block.lines)], strict=False):
            part = Block(block.lines[low:high], page=block.page)
            part.text = _rejoin(state, block, part.lines)
            if low == 0:
                part.data["lead_in"] = True
                if _is_capitals(_plain(part.text)):
                    part.data["uppercase"] = True
                    part.text = _normal_case(part.text, set(), True)
            result.append(part)
    state.blocks = result
    for block in state.blocks:
        if block.kind != "para":
            continue
        match = _BULLET.match(block.lines[0].text)
        if match and (match.group(1) in _BULLET_GLYPHS):
            block.kind = "item"
            block.text = re.sub(r"^\s*[" + _BULLET_GLYPHS + r"]\s+", "", block.text)
        elif any(block.lines[0] is line for line in numbered.values()) \
                and (number := _NUMBERED.match(block.lines[0].text)):
            block.kind = "item"
            block.data["ordered"] = int(number.group(1))
            block.text = _NUMBERED.sub("", block.text, count=1)
            state.guess(block.line, f"'{number.group(0).strip()}' opens an item of a numbered list")


def _numbered_starts(blocks: list[Block]) -> dict[tuple[int, int], Line]:
    """The lines that open the items of a numbered list: "1. …" then "2. …" (each line opening with the
    next number, with at most three lines between them, in the same block or the next ones), two items
    at least, the first numbered 1 or following the item above. A note's number has no dot; a year or a
    quantity does not count from one line to the next. (block id, line index) → the line."""
    lines = [(id(block), index, line) for block in blocks if block.kind == "para"
             for index, line in enumerate(block.lines)]
    found: dict[tuple[int, int], Line] = {}
    run: list[tuple[int, int, Line]] = []
    last_at, last_number = -10, 0
    for position, (block_id, index, line) in enumerate(lines):
        match = _NUMBERED.match(line.text)
        if match is None:
            continue
        number = int(match.group(1))
        if run and number == last_number + 1 and position - last_at <= 4:
            run.append((block_id, index, line))
        else:
            if len(run) >= 2:
                found.update({(b, i): li for b, i, li in run})
            run = [(block_id, index, line)] if number == 1 else []
        last_at, last_number = position, number
    if len(run) >= 2:
        found.update({(b, i): li for b, i, li in run})
    return found


def _is_bullet_line(line: Line) -> bool:
    match = _BULLET.match(line.text)
    return bool(match) and match.group(1) in _BULLET_GLYPHS  # a dash may be the text's own


def find_credits(state: State) -> None:
    """Photo credits and bylines ("Textes : …"); a caption that ends with its credit is split from it."""
    result: list[Block] = []
    for block in state.blocks:
        if block.kind == "para":
            inner = _INNER_CREDIT.search(block.text)
            if inner and not _CREDIT.match(block.text) and len(block.text) < 300:
                caption = Block(block.lines, kind="caption", page=block.page, text=block.text[:inner.start()].strip())
                result.append(caption)
                block = Block(block.lines[-1:], kind="credit", page=block.page, text=block.text[inner.start():].strip())
            elif _CREDIT.match(block.text):
                block.kind = "credit"
            elif _BYLINE.match(block.text) and len(block.text) < 80:
                block.kind = "byline"
        result.append(block)
    state.blocks = result


def find_quotes(state: State) -> None:
    """Quotes set large between “ ”, with their attribution (before paragraphs are joined: an attribution
    does not end a sentence, and the text after it is not its continuation)."""
    state.step = "pull quotes"
    for block in state.blocks:
        if block.kind != "para":
            continue
        text = _plain(block.text)
        if text.startswith(("“", "\"")) and ("”" in text or text.count("\"") >= 2):
            closing = max(text.rfind("”"), text.rfind("\""))
            quote, attribution = text[:closing + 1], text[closing + 1:].strip()
            block.kind = "pullquote"
            block.data["attribution"] = attribution
            block.text = quote


def find_pullquotes(state: State) -> None:
    """Whether each quote repeats the body; blocks that repeat a longer body text are pull quotes too."""
    state.step = "pull quotes"
    body = [b for b in state.blocks if b.kind in ("para", "item")]
    # Each body block's words and 4-grams, computed once (comparing every block with every other one
    # recomputed them: the pass was quadratic in the text's size, issue 7).
    index = _GramIndex(body)
    for block in state.blocks:
        if block.kind == "pullquote":
            # a quote set large may shorten or reword the passage it repeats: a share of its phrases suffice
            block.data["repeats"] = index.found_in(block.text, block, share=0.4)
    for block in body:
        words = index.words(block)
        if 8 <= len(words) <= 90 and not block.data.get("uppercase") and LINK_OPEN not in block.text \
                and index.found_in(block.text, block, longer=True):
            block.kind = "pullquote"
            block.data["attribution"] = ""
            block.data["repeats"] = True
            state.guess(block.line, "block repeating body text taken as a pull quote")
    _close_open_quotations(state)
    _named_attributions(state)
    for block in state.blocks:
        if block.kind == "pullquote" and not block.data["repeats"]:
            state.guess(block.line, "pull quote not found in the body: kept as an original quotation")


def _flow_pairs(state: State) -> list[tuple[Block, Block]]:
    """Each block of the text and the next one, past the removed blocks, page marks, notes and link lines
    set between them (no text they part)."""
    blocks = [block for block in state.blocks if block.kind not in ("removed", "page", "note", "url")]
    return list(zip(blocks, blocks[1:], strict=False))


def _close_open_quotations(state: State) -> None:
    """A pull quote that opens a quotation mark (“) it does not close, followed by a pull quote that closes
    one (”) it did not open, is one quotation: the gap between two of its lines (a frame split across a
    column's foot, a paragraph's end in it) parted it (:func:`_flow_pairs`)."""
    for block, following in _flow_pairs(state):
        text, rest = _plain(block.text).strip(), _plain(following.text).strip()
        if block.kind == following.kind == "pullquote" and text.startswith("“") and "”" not in text \
                and rest.endswith("”") and "“" not in rest and not block.data.get("attribution"):
            block.lines = [*block.lines, *following.lines]
            block.text = f"{block.text} {following.text}"
            block.data["repeats"] = block.data.get("repeats") or following.data.get("repeats")
            block.data["attribution"] = following.data.get("attribution", "")
            following.kind = "removed"
            state.guess(block.line, "a quotation parted by a gap goes on to the pull quote that closes it")


_NAME_THEN_TITLE = re.compile(r"[A-ZÀ-Ý][^\W\d_]+(?:[ -][A-ZÀ-Ý][^\W\d_]+){1,3}, \S")
"""A name and a comma, then a title: how an attribution under a quotation opens ("Samuel Goëta, Maître…")."""


def _named_attributions(state: State) -> None:
    """The paragraph right after a pull quote that repeats the body and closes its quotation mark, without
    one of its own, that names someone and gives a title ("Samuel Goëta, Maître de conférences associé à…",
    without a final stop), is its attribution, however many lines a narrow column wraps it over (the notes
    and page marks set between them passed over). An original quotation's signature stays a paragraph."""
    for block, following in _flow_pairs(state):
        text = _plain(following.text).strip()
        if block.kind == "pullquote" and block.data.get("repeats") and not block.data.get("attribution") \
                and _plain(block.text).rstrip().endswith(("”", "»", "\"")) and following.kind == "para" \
                and _NAME_THEN_TITLE.match(text) and len(text.split()) <= _ATTRIBUTION_WORDS \
                and not text.endswith(tuple(_TERMINAL + ",")):
            block.data["attribution"] = text
            following.kind = "removed"
            state.guess(block.line, f"a quotation with its attribution {text!r}")


class _GramIndex:
    """The words and 4-grams of body blocks, and which blocks hold a given 4-gram."""

    def __init__(self, body: list[Block]) -> None:
        self._words = {id(b): _words(_plain(b.text)) for b in body}
        self._holders: dict[tuple[str, ...], list[Block]] = {}
        for block in body:
            for gram in _grams(self._words[id(block)]):
                self._holders.setdefault(gram, []).append(block)

    def words(self, block: Block) -> list[str]:
        return self._words[id(block)]

    def found_in(self, text: str, block: Block, longer: bool = False, share: float = 0.7) -> bool:
        """Whether another body block (longer than ``text`` by 15 %, if ``longer``) holds ``share`` of its 4-grams."""
        words = _words(_plain(text))
        if len(words) < 5:
            return False
        grams = _grams(words)
        shared: dict[int, int] = {}
        for gram in grams:
            for other in {id(o): o for o in self._holders.get(gram, ())}.values():
                if other is block or longer and len(self._words[id(other)]) <= len(words) * 1.15:
                    continue
                shared[id(other)] = shared.get(id(other), 0) + 1
        return bool(grams) and any(count / len(grams) >= share for count in shared.values())


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}
