"""A printed table of contents: its entries (the document's titles, their order and, in a layout text,
their levels), and the titles in the body that an entry wraps over several lines.

Place in the pipeline: read by the ``dense paragraphs`` step and by the headings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...lexicon import is_french_word
from .column_text import _indent
from .common import _OPENING_WORDS, RUBRICS, Block, Line, State, _has_letter, _normal, _plain, _toc_title


def _toc_spans(state: State) -> tuple[frozenset[str], set[int]]:
    """The entries of a printed table of contents ("Table des matières" and its lines up to the next page) in
    normal form, and the ids of its blocks. The entries are the document's titles: evidence for the lines
    that are headings. An entry wrapped over lines is one entry (the reflow test)."""
    ids: set[int] = set()
    inside = False
    lines: list[Line] = []
    for block in state.blocks:
        if block.kind == "page":
            inside = False
        title = _toc_title(block) if block.kind == "para" else 0
        if title:
            inside = True
            ids.add(id(block))
            lines.extend(block.lines[title:])
            continue
        if inside and block.kind == "para":
            ids.add(id(block))
            lines.extend(block.lines)
    lines = [line for line in lines if line.text.strip()]
    entries = [line.text.strip() for line in lines]
    depths = [max(line.indent, _indent(line.text)) for line in lines]
    numbered = sum(1 for entry in entries if re.search(r"\s\d{1,3}$", entry))
    if entries and numbered >= 0.6 * len(entries):  # each entry's page number, after dot leaders or not
        entries = [re.sub(r"(?:\s*[.…]+\s*|\s+)\d{1,3}$", "", entry) for entry in entries]
    # an entry wrapped over lines: the next line opens in lower case or holds no letter (a year), the line
    # ends on a comma or on a word that opens a phrase, or a name goes on (two capitalised words the lexicon
    # does not know, or that the text sets side by side on a line outside the table: "Montpellier
    # Méditerranée" | "Métropole")
    body = [line.text.lower() for block in state.blocks if block.kind == "para" and id(block) not in ids
            for line in block.lines]
    # In a layout text the indentation tells more: a line less indented than the one above opens an entry
    # (a part after a section's title: "… des événements NEC" | "Rencontre(s)").
    joined: list[str] = []
    for position, entry in enumerate(entries):
        previous = joined[-1].rsplit("\n", 1)[-1] if joined else ""
        last, first = previous.rsplit(" ", 1)[-1], entry.split(" ", 1)[0].strip(",.;:")
        outdented = state.laid_out and position > 0 and depths[position] < depths[position - 1]
        # (a line without a letter, a date's year, is no title of its own: "… : 1er avril" | "2021"; a
        # rubric's name opens an entry: "… des événements NEC" | "Rencontre(s)" is no name going on)
        if joined and not outdented and entry not in RUBRICS and (
                entry[:1].islower() or not _has_letter(entry) or previous.endswith(",")
                or last.lower() in _OPENING_WORDS
                or len(previous.split()) >= 4 and last[:1].isupper() and first[:1].isupper()
                and (not is_french_word(first.lower()) and not is_french_word(last.lower())
                     or any(f"{last} {first}".lower() in text for text in body))):
            joined[-1] += "\n" + entry
        else:
            joined.append(entry)
    order: dict[str, int] = {}
    for entry in joined:
        order.setdefault(_normal(entry), len(order))
    order.pop("", None)
    state.toc_order = order
    return frozenset(order), ids


def _toc_levels(state: State, toc_blocks: set[int]) -> None:
    """The heading levels a layout text's table of contents gives by its indentation: its entries at the left
    are level 2, those indented once level 3 (deeper ones, the boxes' titles, are left to the other rules).
    Each entry (:attr:`State.toc_order`) takes the indentation of the table's line that opens it."""
    lines = [line for block in state.blocks if id(block) in toc_blocks
             for line in block.lines[_toc_title(block):] if line.text.strip()]
    depth = {line.no: max(line.indent, _indent(line.text)) for line in lines}
    indents = sorted(set(depth.values()))
    if len(indents) < 2:
        return
    for line in lines:
        opening = _normal(re.sub(r"(?:\s*[.…]+\s*|\s+)\d{1,3}$", "", line.text.strip()))
        rank = indents.index(depth[line.no])
        for entry in state.toc_order:
            if opening and entry.startswith(opening) and entry not in state.toc_levels and rank <= 1:
                state.toc_levels[entry] = 2 + rank
                break


_TOC_RUN_LINES = (8, 20)
"""The most lines an entry of the table of contents wraps over as a title in the text: set large in a narrow
column, a long title (a talk's, with its speakers) takes a line for every two or three words. The longer reach
in a layout text only, whose table's indentation gives such a title its level; elsewhere the headings' rules
guess it (level 2 where the talk's title is 3): there the reach stays eight lines."""


def _toc_run(lines: list[Line], start: int, spans: frozenset[str], laid_out: bool = False) -> int:
    """How many lines from ``start`` read as one entry of the table of contents; 0 if none. The lines are
    joined while they make the start of an entry (a line ending with a hyphen joined without a space, the
    hyphen kept or dropped, whichever goes on with an entry: "(2019-" | "2022)", "cohé-" | "sion")."""
    prefixes = _toc_prefixes(spans)
    # (spaces aside, in a layout text: a title set large in a narrow column breaks a word where it does not
    # fit, without a hyphen: "3 ENSEIGNEMENT" | "S CLÉS DE CE" | "NEC")
    unspaced = _unspaced_spans(spans) if laid_out else frozenset()
    unspaced_prefixes = _toc_prefixes(unspaced) if laid_out else frozenset()
    raw, found = "", 0
    for count, line in enumerate(lines[start:start + _TOC_RUN_LINES[laid_out]], start=1):
        piece = line.text.strip()
        if raw.endswith("-"):
            raw = next((text for text in (raw + piece, raw[:-1] + piece) if _normal(text) in prefixes), raw + piece)
        else:
            raw = f"{raw} {piece}"
        joined = _normal(raw)
        squeezed = joined.replace(" ", "")
        if joined in spans or squeezed in unspaced:
            found = count
        if joined not in prefixes and squeezed not in unspaced_prefixes:
            break
    return found


@lru_cache(maxsize=4)
def _unspaced_spans(spans: frozenset[str]) -> frozenset[str]:
    """The entries of the table of contents without their spaces."""
    return frozenset(span.replace(" ", "") for span in spans)


def _gather_toc_titles(blocks: list[Block], toc_blocks: set[int], spans: frozenset[str]) -> list[Block]:
    """``blocks`` with each entry of the table of contents that the text breaks apart set at the head of a
    block: a title set large in a column spaces its lines wider than the other columns' rows (the layout step
    saw gaps between them, so blocks end inside it), and may follow, without a gap, a column whose text ends
    without a stop ("… de la FING" | "Présentation de" | "la démarche"…). The lines before the title stay
    in a block of their own; the title's lines in the blocks it spans but the last move to the head of the
    last, and the blocks it emptied are removed. A title found inside a block has four words or more (a short
    entry, "Keynote", may be words of the text)."""
    result: list[Block] = []
    after_toc = False
    for position, block in enumerate(blocks):
        after_toc = after_toc or id(block) in toc_blocks
        if not after_toc or block.kind != "para" or id(block) in toc_blocks:
            result.append(block)
            continue
        for start, line in enumerate(block.lines):
            if not _toc_prefix([line], spans):
                continue
            parts = [block.lines[start:]]  # the lines from this one, then each next block's
            following = blocks[position + 1:]
            while _toc_prefix([line for part in parts for line in part], spans) and len(parts) <= len(following) \
                    and following[len(parts) - 1].kind == "para":
                parts.append(following[len(parts) - 1].lines)
            lines = [line for part in parts for line in part]
            run = _toc_run(lines, 0, spans, True)
            ends = 0  # the part the title ends in
            while run > sum(len(part) for part in parts[:ends + 1]):
                ends += 1
            if not run or not ends and not start or start and len(_plain(" ".join(
                    line.text for line in lines[:run])).split()) < 4:
                continue
            if start:
                result.append(Block(block.lines[:start], page=block.page))
            if not ends:
                result.append(Block(block.lines[start:], page=block.page))
                break
            following[ends - 1].lines[:0] = [line for part in parts[:ends] for line in part]
            for emptied in [block, *following[:ends - 1]]:
                emptied.kind = "removed"
            result.append(block)
            break
        else:
            result.append(block)
    return result


def _toc_prefix(lines: list[Line], spans: frozenset[str]) -> bool:
    """Whether ``lines`` read as the opening of an entry of the table of contents (spaces aside)."""
    opening = _normal(" ".join(line.text.strip() for line in lines))
    return bool(opening) and (opening in _toc_prefixes(spans)
                              or opening.replace(" ", "") in _toc_prefixes(_unspaced_spans(spans)))


def _mend_cut_words(title: Block, spans: frozenset[str]) -> None:
    """A title's lines that read as an entry of the table of contents only without their spaces: each word
    cut at a line's end without a hyphen ("COLLABORATIO" | "NS AU SERVICE") made whole on the line above, as
    the entry has it (a line left empty goes)."""
    squeezed = _normal(" ".join(line.text.strip() for line in title.lines)).replace(" ", "")
    entry = next((span for span in spans if span.replace(" ", "") == squeezed), None)
    if entry is None or entry in spans and _normal(" ".join(line.text.strip() for line in title.lines)) == entry:
        return
    text = title.lines[0].text.rstrip()
    kept = [title.lines[0]]
    for line in title.lines[1:]:
        first, _, rest = line.text.strip().partition(" ")
        if not entry.startswith(_normal(f"{text} {first}")) and entry.startswith(_normal(text + first)):
            kept[-1].text = kept[-1].text.rstrip() + first
            line.text = rest
        text = f"{text} {line.text.strip()}"
        if line.text.strip():
            kept.append(line)
    title.lines = kept


@lru_cache(maxsize=4)
def _toc_prefixes(spans: frozenset[str]) -> frozenset[str]:
    """Every start of an entry of the table of contents, as :func:`_toc_run` joins lines (normal form)."""
    return frozenset(span[:end].rstrip(" .…") for span in spans for end in range(1, len(span) + 1))


def _title_goes_on_below(lines: list[Line], below: list[Line], spans: frozenset[str], laid_out: bool) -> bool:
    """Whether the last lines of a block open an entry of the table of contents that the first lines of the
    block ``below`` end ("CHANTIERS EN COURS" | "SUR LES" | "THÉMATIQUES DU", a gap, "NUMÉRIQUE INCLUSIF")."""
    prefixes = _toc_prefixes(spans)
    for start in range(len(lines)):
        if _normal(" ".join(line.text.strip() for line in lines[start:])) in prefixes:
            return _toc_run([*lines[start:], *below], 0, spans, laid_out) > len(lines) - start
    return False
