"""Step ``dense paragraphs``: an extraction that does not separate paragraphs by blank lines
(pdftotext's default output) cut into paragraphs by the printed width of its lines; its notes (at a
page's foot or in a margin) set apart, and the hyphens that output drops at line ends put back.

Place in the pipeline: after ``blocks``; on a text whose paragraphs are separated by blank lines it does
nothing.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterator

from ...lexicon import is_english_word, is_french_word, is_french_word_any_accent
from .column_text import _address_ends, _clause_goes_on, _ends_with_stop, _join_spaced_marks, _name_goes_on
from .common import (
    _BULLET,
    _CLITICS,
    _DOMAIN,
    _INLINE_PAGE,
    _NUMBER_ALONE,
    _OPENING_WORDS,
    _SPEAKER,
    _TERMINAL,
    Block,
    Line,
    State,
    _ends_sentence,
    _is_capitals,
    _name_pairs,
    _plain,
)
from .joining import _is_word_any_accent
from .toc import _gather_toc_titles, _mend_cut_words, _title_goes_on_below, _toc_levels, _toc_run, _toc_spans
from .widths import _FIT_SLACK, _SPACE_WIDTH, _column_width, _next_word_fits, printed_width


def split_dense(state: State) -> None:  # noqa: C901 - the paragraph, title and note rules of a dense text
    """When the extraction does not separate paragraphs by blank lines (pdftotext's default output), find
    their ends from line widths (estimated printed widths, :func:`printed_width`).

    - The hyphens pdftotext drops when it joins a word cut at a line end are restored
      (:func:`_restore_joined_hyphens`); numbered notes at the foot of each page are footnotes
      (:func:`_foot_notes`).
    - A line that had room for the next line's first word ends its paragraph (the reflow test, against the
      width of a full line of the block, or of the text's columns), when it ends a sentence or the next
      line opens with a capital; so does a sentence's end on a line shorter than the column (in a narrow
      column the test's margin is a good part of a line), or before a speaker's name.
    - A run of lines that is an entry of the printed table of contents is a title of its own (marked for
      the headings step); when the table exists, the headings step takes only its entries (and rubric
      names) as titles.
    - A short line without final punctuation after a sentence's end, that had room for the next word and
      is followed by a capital, is a title on its own.
    - Before the table of contents (a cover, set in several sizes), only sentences end paragraphs.
    """
    state.step = "paragraphs"
    # The style of the extraction: after a short line that ends a sentence, does a blank line follow?
    lines = [line.text.strip() for line in state.lines]
    widths = [len(text) for text in lines if len(text) > 20]
    width = statistics.median(widths) if widths else 0
    ends = [i for i, text in enumerate(lines[:-1]) if text.endswith((".", "!", "?")) and len(text) < 0.7 * width]
    glued = sum(1 for i in ends if lines[i + 1])
    if not state.laid_out and (len(ends) < 5 or glued <= 0.35 * len(ends)):
        return  # (a layout text's blank lines are only the gaps its rows show: many paragraph ends are not)
    state.guess(None, "paragraphs are not separated by blank lines: their ends are guessed from line widths")
    state.dense = True
    _join_spaced_marks(state.lines)  # (pdftotext's default output spaces them as its layout output does)
    column = _column_width(lines)
    _restore_joined_hyphens(state, column)
    _foot_notes(state, column)
    _restore_margin_address_hyphens(state, column)
    spans, toc_blocks = _toc_spans(state)
    state.toc_titles = spans
    if state.laid_out:
        _toc_levels(state, toc_blocks)
    result: list[Block] = []
    # (a first name alone on its line over its surname is a name cut at the line's end, not a title: "Anne" |
    # "Bourdarias, directrice…" signing a quote, the name set whole elsewhere in the text)
    names = _name_pairs(state.lines) if state.laid_out else frozenset()
    after_toc = False  # the titles are looked for after the table of contents (the cover precedes it)
    blocks = _gather_toc_titles(state.blocks, toc_blocks, spans) if state.laid_out else state.blocks
    for position, block in enumerate(blocks):
        following_block = blocks[position + 1] if position + 1 < len(blocks) else None
        if block.kind == "label" and after_toc and following_block is not None and following_block.kind == "para" \
                and _toc_run([*block.lines, *following_block.lines], 0, spans, state.laid_out) > 1:
            # "Zoom sur" set apart from the rest of its title ("l'espace public" | "numérique"): one title
            following_block.lines[:0] = block.lines
            block.kind = "removed"
            continue
        if block.kind != "para" or id(block) in toc_blocks:
            after_toc = after_toc or id(block) in toc_blocks
            result.append(block)
            continue
        if after_toc and following_block is not None and following_block.kind == "para" \
                and _title_goes_on_below(block.lines, following_block.lines, spans, state.laid_out):
            # a title set large, its lines spaced wider than a blank row: one block with the block under it
            following_block.lines[:0] = block.lines
            block.kind = "removed"
            continue
        texts = [line.text.strip() for line in block.lines]
        if block.lines[0].opens_note:
            # a note the layout step read (its number, its text under it) ends where its column showed it; set
            # smaller than the text, its lines hold more than the widths measured here say
            result.append(block)
            continue
        # a narrower frame (a box, a caption) has its own width; lines wider than the columns' are set smaller
        # or belong to another frame the extraction merged in: the columns' width then
        full = _block_width(texts, column, state.laid_out)
        current: list[Line] = []
        previous_ended = True
        index = 0
        while index < len(block.lines):
            line, text = block.lines[index], texts[index]
            # a title of the table of contents after a paragraph's end, a sentence's end or a title's, or in
            # capitals (a full line before it does not hide it)
            # (or at a column's head: a title set there follows a paragraph that may go on in no column)
            opens = previous_ended or index > 0 and texts[index - 1].endswith((".", "!", "?", "…", ")")) \
                or _is_capitals(text) or line.column_start
            run = _toc_run(block.lines, index, spans, state.laid_out) if opens and after_toc else 0
            following = texts[index + run] if index + run < len(texts) else ""
            if run and not following[:1].islower():
                if current:
                    result.append(Block(current, page=block.page))
                    current = []
                title = Block(block.lines[index:index + run], page=block.page, data={"toc": True})
                if state.laid_out:
                    _mend_cut_words(title, spans)
                result.append(title)
                state.guess(line.no, f"{_plain(title.raw())!r}: a title of the table of contents")
                index += run
                continue
            following = texts[index + 1] if index + 1 < len(texts) else ""
            short = printed_width(text) < 0.7 * full
            # after a sentence's end (even on a full line: the title did not fit after it)
            after_end = previous_ended or index > 0 and _ends_with_stop(texts[index - 1])
            # (the next line's first word would have fitted: in a narrow column a long word leaves lines short)
            title = after_end and short and following[:1].isupper() and (after_toc or not spans) \
                and not _ends_sentence(text) and not _BULLET.match(text) and _next_word_fits(text, following, full) \
                and not _name_goes_on(text, following, names)
            if title:
                if current:
                    result.append(Block(current, page=block.page))
                result.append(Block([line], page=block.page))
                current = []
                index += 1
                continue
            current.append(line)
            # the reflow test; or, in a narrow column where the test's margin is a good part of a line, a
            # sentence's end on a line shorter than the column; or a sentence's end before a speaker's name
            # (before a table of contents, on a cover set in several sizes, only sentences end paragraphs)
            # (in a layout text the widths are the printed ones: a shorter line whose next word would overrun
            # the column has not ended its paragraph, however short; other extractions' widths are rougher)
            overrun_fits = _next_word_fits(text, following, full, slack=False)
            previous_ended = bool(following) and not text.endswith("-") and (
                _next_word_fits(text, following, full) and (text.endswith(tuple(_TERMINAL))
                                                             or not following[:1].islower() and (after_toc or not spans)
                                                             and not (state.laid_out and _clause_goes_on(text))
                                                             and not _name_goes_on(text, following, names))
                or text.endswith(tuple(".!?…»”")) and (printed_width(text) < 0.85 * full
                                                       and (not state.laid_out or overrun_fits)
                                                       or bool(_SPEAKER.match(following))
                                                       or bool(_HANDLES.fullmatch(following))))
            # (in a layout text the turn to capitals only after an address or a handle, which ends its
            # sentence without a stop: "ns @NumEnCommuns" | "LES CARNETS NEC[S]")
            if previous_ended or _BULLET.match(following) and not _closes_incise(text, following) \
                    or (not state.laid_out or _address_ends(text, following)) and _case_turns(text, following) \
                    or not state.laid_out and (_opens_after_address(text, following) or _label_opens(text, following)
                                               or _name_opens(text, following)):
                result.append(Block(current, page=block.page))
                current = []
                previous_ended = True
            index += 1
        if current:
            result.append(Block(current, page=block.page))
    state.blocks = _split_fields(state, result)


_FEW_LINES = 8
"""Below this many lines, a block's widest line may well fall short of its frame's width (among many, one
comes close to it)."""


def _block_width(texts: list[str], column: int, laid_out: bool) -> int:
    """The width of a full line of a block: the columns' (``column``), or, for a block of four lines or more
    whose widest line is clearly narrower, that line's (a narrower frame: a box, a caption; text set bolder,
    whose width the estimate gives short). A block whose widest line comes within the estimate's error of
    the column is set in it: its widest line is only the longest that happened to fill it, and measuring
    against that line would take a last line almost as long for a full one. (A layout text's columns are
    narrow, its widths printed ones: there the widest line is the block's width.)"""
    widest = max(printed_width(text) for text in texts)
    if len(texts) < 4 or len(texts) < _FEW_LINES and widest >= (1 - 2 * _FIT_SLACK[0]) * column and not laid_out:
        return column
    return min(column, widest)


_SPACED_DASH = re.compile(r"(?:^|\s)[-–—](?=\s)")


def _closes_incise(text: str, following: str) -> bool:
    """Whether the dash that opens ``following`` closes an incise the line above opened ("le droit d’accéder
    - dans des lieux qualifiés" | "- à des services…"): that line does not end a clause and holds an odd
    number of spaced dashes. Such a line is no list's item."""
    return bool(re.match(r"[-–—]\s", following)) and not text.endswith(tuple(_TERMINAL + ",")) \
        and len(_SPACED_DASH.findall(text)) % 2 == 1


_HANDLES = re.compile(r"@\w+(?:\s+@\w+)*")
"""A line of social-media handles only ("@NumeriqueEnCommuns"): after a sentence's end, a paragraph of its
own (a long handle overruns the line above it, which the overrun rule would read as a paragraph going on)."""


_CAPITALS_OPENING = re.compile(r"(?:[A-ZÀ-Ý][A-ZÀ-Ý'’]+\s+){1,}[A-ZÀ-Ý0-9][A-ZÀ-Ý'’0-9]*\b")


def _case_turns(text: str, following: str) -> bool:
    """Whether ``following`` opens a unit of its own because it turns to capitals: a line in lower case (not
    cut by a hyphen or a comma) then one opening with two words or more in capitals ("PITCH 1", "POUR EN
    SAVOIR PLUS, rendez-vous…"), a title or a lead-in set so; a paragraph does not turn to capitals midway
    (an acronym is one word). Nor back: a line wholly in capitals, three words or more, then a capitalised
    word in lower case ("NEC MONTPELLIER : 1ER AVRIL 2021" | "Pour sa première…") ends a unit."""
    return bool(_CAPITALS_OPENING.match(following)) and not _is_capitals(text) and not text.endswith(("-", ",")) \
        and any(char.islower() for char in text) \
        or _is_capitals(text) and len(text.split()) >= 3 and bool(_SENTENCE_START.match(following))


def _opens_after_address(text: str, following: str) -> bool:
    """Whether ``following`` opens a paragraph because ``text`` ends on an address, with no stop after it,
    and ``following`` opens with a capitalised word ("POUR EN SAVOIR PLUS : exemple.fr/guide/" | "Retrouvez
    le carnet…"): a sentence does not go on past an address into a capitalised word, and a full line ending
    on a long address leaves no room for the reflow test to see the end."""
    return bool(_DOMAIN.fullmatch(text.rsplit(" ", 1)[-1])) and bool(_SENTENCE_START.match(following))


_SENTENCE_START = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ’']+(?:[\s,;:]|$)")
"""A line opening with a capitalised word then a space or a clause's mark ("Justement, comment…")."""


_NAME_OPENING = re.compile(r"([A-ZÀ-Ý][a-zà-ÿ’'-]+)\s+[A-ZÀ-Ý]")


def _name_opens(text: str, following: str) -> bool:
    """Whether ``following`` opens a paragraph with a name, after a sentence's end on a full line: two
    capitalised words, the first in lower case after its capital and no word of the lexicon ("Ben Green
    montre…", "Samuel Goëta a aussi…", "Montpellier Méditerranée Métropole et…"). A paragraph opens by naming
    whom it speaks of; a sentence inside one mostly goes on from the last ("Il", "Cette", "Ma Dada est…":
    "ma" is a word), and an acronym, the text's recurring subject, opens sentences anywhere ("NEC
    Montpellier a su…" goes on)."""
    name = _NAME_OPENING.match(following)
    return bool(name) and _ends_with_stop(text) and not is_french_word(name.group(1).lower())


_CAPITALS_LABEL = re.compile(r"([A-ZÀ-Ý][A-ZÀ-Ý'’]{3,})\s+:(?:\s|$)")


def _label_opens(text: str, following: str) -> bool:
    """Whether ``following`` opens a paragraph with a lead-in in capitals, one word the lexicon knows then a
    colon ("TÉLÉCHARGER : …", "CONTACT : …"), after a sentence's end: a label set so opens its unit, even
    after a full line (an acronym, "NEC : …", is no word and may go on a sentence)."""
    label = _CAPITALS_LABEL.match(following)
    return bool(label) and _ends_with_stop(text) and is_french_word(label.group(1).lower())


_FIELD = re.compile(r"^\s*[A-ZÀ-Ý][^\W\d_]*(?:[ -][^\W\d_]+){0,2}[ \u00a0\u202f]:(?:\s|$)")


def _split_fields(state: State, blocks: list[Block]) -> list[Block]:
    """A block that opens with a field ("Éditeurs : …") and holds other lines opening so ("Licence : …",
    "Source : …") is a list of fields, one paragraph each: their lines do not end on a stop, so the reflow
    test cannot see where each ends. Each split reported. (A short block opening so is no title either:
    see :func:`find_headings`.)"""
    result: list[Block] = []
    for block in blocks:
        # (not after a clause broken off: "l’un des enjeux de ce" | "NEC : pouvoir…" goes on)
        starts = [k for k, line in enumerate(block.lines)
                  if k and _FIELD.match(line.text) and not _clause_goes_on(block.lines[k - 1].text)]
        if block.kind != "para" or not starts or not _FIELD.match(block.lines[0].text):
            result.append(block)
            continue
        state.guess(block.lines[starts[0]].no, f"{len(starts) + 1} lines opening with a label and a colon: one "
                                               "paragraph each")
        for low, high in zip([0, *starts], [*starts, len(block.lines)], strict=False):
            result.append(Block(block.lines[low:high], page=block.page))
    return result


def _restore_joined_hyphens(state: State, column: int) -> None:
    """The hyphen of a word the extraction joined across a line end, restored where it belongs to the word.

    pdftotext joins a word hyphenated at a line end and drops the hyphen, whatever the hyphen was: the line
    that holds the joined word is then wider than a column. The token that crosses the column's width is
    the joined one; its hyphen is restored, at the cut that fits the first line, when the lexicon knows the
    hyphenated form (rez-de-chaussée, peut-être), when a pronoun follows a verb (envisagez-vous), when a
    capital follows a small letter (ÉtatsUnis), in capitals after a word that joins a compound place name
    (SEINE-ETMARNE, HAUTESAVOIE), when one letter stands before a word (einclusion,
    pair-àpair), when two words of four letters or more make no word joined (gagnantgagnant), or when both
    halves are words in an address (toutes-lesactions). Each restored hyphen is reported.
    """
    state.step = "dehyphenation"
    written = _hyphened_pairs(state.lines)
    for block in state.blocks:
        if block.kind != "para":
            continue
        for line in block.lines:
            text = line.text.strip()
            if printed_width(text) <= column:
                continue  # a line no wider than a column's: no join
            if printed_width(text) <= (1 + 2 * _FIT_SLACK[0]) * column:
                # a line within the estimate's error of a column's width: only an address's own spelling (a
                # segment that separates its words by hyphens) is evidence enough of a join
                _restore_address_hyphens(state, line, column)
                continue
            tokens = text.split(" ")
            starts = [0]
            for token in tokens:
                starts.append(starts[-1] + printed_width(token) + _SPACE_WIDTH)
            crossing = next((k for k in range(len(tokens)) if starts[k + 1] - _SPACE_WIDTH > column * (1 - _FIT_SLACK[0])),
                            None)
            # the token that crosses the column's width, or the one before it (an indented line is narrower)
            for position in [k for k in (crossing, (crossing or 0) - 1) if k is not None and k >= 0]:
                token = tokens[position]
                cut = _joined_hyphen(token, column - starts[position], column, written)
                if cut is None:
                    continue
                tokens[position] = f"{token[:cut]}-{token[cut:]}"
                line.text = " ".join(tokens)
                head = re.findall(r"[^\W\d_]+$", token[:cut])[0]
                tail = re.match(r"[^\W\d_]+", token[cut:]).group(0)  # type: ignore[union-attr]
                state.hyphens.append((line.no, head, tail, True))
                state.guess(line.no, f"{token}: the hyphen the extraction dropped at a line end restored "
                                     f"({tokens[position]})")
                break
            _restore_address_hyphens(state, line, column)
    state.step = "paragraphs"


_PLAIN_MARGIN_SHARE = 0.75
"""The same share in pdftotext's default output, measured on the body's column: beside a page of two columns
the margin is narrower than a column by a third or less (about 0.7 of it), beside one column by far more."""


def _restore_margin_address_hyphens(state: State, column: int) -> None:
    """The hyphens pdftotext dropped in the addresses of notes set in a margin beside the body: their lines are
    far narrower than the body's, so an address cut over three of them is joined on a line no wider than the
    body's column, where :func:`_restore_joined_hyphens` does not look. The margin's width is measured on the
    notes' own lines (but each note's last, often short), when most of them are narrow (notes at the page's
    foot are as wide as the body); the addresses of note lines wider than it are mended as the body's are
    (:func:`_restore_address_hyphens`)."""
    notes = [block for block in state.blocks if block.kind == "note"]
    measured = [printed_width(line.text.strip()) for block in notes for line in block.lines[:-1]
                if len(line.text.split()) >= 2]
    widths = sorted(width for width in measured if width < _PLAIN_MARGIN_SHARE * column)
    if len(widths) < len(measured) / 2 and _margin_notes_mostly(notes):
        # the notes step found most notes in a margin (each under its text): beside a page of two columns the
        # margin is about as wide as the body's column, which bounds the margin's own lines
        widths = sorted(width for width in measured if width < column)
    if not widths or len(widths) < len(measured) / 2:
        return  # notes at the page's foot, as wide as the body: most of their lines are
    margin = widths[int(len(widths) * 0.9)]
    state.step = "dehyphenation"
    for block in notes:
        for line in block.lines:
            if printed_width(line.text.strip()) > (1 + 2 * _FIT_SLACK[0]) * margin:
                _restore_address_hyphens(state, line, margin)
                _restore_margin_line_ends(state, line, margin)
    state.step = "paragraphs"


def _margin_notes_mostly(notes: list[Block]) -> bool:
    """Whether most of ``notes`` are a margin's, as the notes step found them (their ``margin`` mark)."""
    return sum(1 for block in notes if block.data.get("margin")) > len(notes) / 2


def _restore_margin_line_ends(state: State, line: Line, margin: int) -> None:
    """The hyphens pdftotext dropped at the margin's line ends inside a note line it joined, found by setting
    the line again in the margin: each printed line ended at the last place it could break that fits the
    margin, the next piece overrunning it; within the estimate's error (:data:`_FIT_SLACK`), the last such
    place wins. pdftotext joins a line to the next only when it ends with a hyphen, which it drops: inside a
    joined line, a space, a hyphen or a slash kept was no line end (the line would not have been joined
    there, or its hyphen would be gone), so only places between two words glued in an address are tried: between
    two French words, or numbers, in a piece of an address that holds a hyphen or a slash ("de-la" + "partie", "2022" + "1.htm", "nos" + "publications"), whose
    whole is no word. Each restored hyphen reported."""
    text = line.text.strip()
    slack = _FIT_SLACK[0]
    start, cuts = 0, []
    while printed_width(text[start:]) > (1 + slack) * margin:
        places = []
        for cut in range(start + 1, len(text)):
            if not _glued_in_address(text, cut):
                continue
            if printed_width(text[start:cut] + "-") > (1 + slack) * margin:
                break
            following = re.match(r"\S*?[-/]|\S+", text[cut:])
            if following and printed_width(text[start:cut] + following.group(0)) >= (1 - slack) * margin:
                places.append(cut)
        if not places:
            break
        start = places[-1]
        cuts.append(start)
    if not cuts:
        return
    for cut in reversed(cuts):
        text = f"{text[:cut]}-{text[cut:]}"
    state.guess(line.no, f"the hyphens the extraction dropped at a margin's line ends restored ({text})")
    line.text = text


def _glued_in_address(text: str, cut: int) -> bool:
    """Whether ``cut`` in ``text`` falls between two French words (or numbers) glued in a piece of an address
    holding a hyphen or a slash, whose whole is no word: where pdftotext may have dropped a hyphen."""
    if not (text[cut - 1].isalnum() and text[cut].isalnum()):
        return False
    left = re.findall(r"[^\W_]+$", text[:cut])[0]
    right = re.match(r"[^\W_]+", text[cut:]).group(0)  # type: ignore[union-attr]
    token = re.findall(r"\S+$", text[:cut])[0] + re.match(r"\S*", text[cut:]).group(0)  # type: ignore[union-attr]
    # (a path's segment may open with an abbreviation of two letters: "…/wp-" | "content/…")
    short = len(left) <= 2 and left.isalpha() and text[:cut - len(left)].endswith("/")
    return ("-" in token or "/" in token) and (_address_word(left) or short) and _address_word(right) \
        and ((left + right).isdigit() or not _address_word(left + right))


def _address_word(word: str) -> bool:
    """A word of an address: a number, a French word (accents aside: addresses are written without them), a
    word that opens a phrase ("de", "la", "pour"), or an English word of four letters or more (a title's
    words in a publisher's address: "data" + "feminism")."""
    return word.isdigit() or _is_word_any_accent(word.lower()) or word.lower() in _OPENING_WORDS \
        or len(word) >= 4 and is_english_word(word.lower())


def _restore_address_hyphens(state: State, line: Line, column: int) -> None:
    """The hyphens pdftotext dropped in the addresses of a line wider than a column (see
    :func:`_address_cuts`), each where a line could have ended: no wider than a column from the previous
    line end, and the address's next piece (up to its next hyphen or slash) would not have fitted after it."""
    text = line.text.strip()
    cuts: list[int] = []
    for token in re.finditer(r"\S+", text):
        cuts += [token.start() + cut for cut in _address_cuts(token.group(0))]
    start, kept = 0, []
    for cut in cuts:
        width = printed_width(text[start:cut] + "-")
        following = re.match(r"[^-/]*[-/]?", text[cut:]).group(0)  # type: ignore[union-attr]
        if width <= (1 + 2 * _FIT_SLACK[0]) * column and width + printed_width(following) > column:
            kept.append(cut)
            start = cut
    if not kept:
        return
    restored = text
    for cut in reversed(kept):
        restored = f"{restored[:cut]}-{restored[cut:]}"
    state.guess(line.no, f"the hyphens the extraction dropped in an address restored ({restored})")
    line.text = restored


_ADDRESS_JOIN = re.compile(r"([a-zà-ÿ]{3,})(\d{2,})|(\d{2,})([a-zà-ÿ]{4,})")


def _address_cuts(token: str) -> list[int]:
    """Where, in ``token``, pdftotext may have dropped a hyphen, if it is an address cut over lines.

    An address breaks at its hyphens (it has no spaces), and pdftotext drops the hyphen that ends a line,
    wherever in the address the width put the line end, so no width tells where. The address's own
    spelling does: a domain label or a path segment that separates its words by hyphens
    (``societe-numerique55``, ``agence-cohesionterritoires``) separates them all so, and there a word glued
    to a number (``numerique55``, ``240centre``), two words of four letters or more that make no word
    joined (``cohesionterritoires``, ``plussolidaire``), or an elided ``d``/``l`` before a word where the
    address writes other elisions so (``d-experimentations-et-dinnovation``) lost a hyphen; a word in
    capitals glued to a number is a name (``LECARNETNEC21``). Labels without hyphens are left alone: domains glue words
    (``societenumerique.gouv.fr``). Only a line end can have dropped it: the widths decide
    (:func:`_restore_address_hyphens`)."""
    if not ("/" in token or _DOMAIN.search(token)) or "-" not in token:
        return []
    cuts: list[int] = []
    for piece in re.finditer(r"[^/.?=&#]+", token):
        parts = piece.group(0).split("-")
        if len(parts) < 2:
            continue
        elided = any(part in ("d", "l") for part in parts)  # the address writes an elision with hyphens
        offset = piece.start()
        for index, part in enumerate(parts):
            joined = _ADDRESS_JOIN.fullmatch(part)
            if joined:
                cuts.append(offset + len(joined.group(1) or joined.group(3)))
            elif part.isalpha() and not _is_word_any_accent(part):
                if len(part) >= 5 and part[0] in "dl" and _is_word_any_accent(part[1:]) and index > 0 and elided:
                    cuts.append(offset + 1)
                else:
                    cut = next((k for k in range(4, len(part) - 3)
                                if _is_word_any_accent(part[:k]) and _is_word_any_accent(part[k:])), None)
                    if cut is not None:
                        cuts.append(offset + cut)
            offset += len(part) + 1
    return cuts


def _hyphened_pairs(lines: list[Line]) -> frozenset[str]:
    """The pairs of words the text joins by a hyphen inside its lines ("outre-mer"), in lower case, but those
    it also writes joined more than once (the one joined word may be the extraction's: "Hyper-liens" once in
    a title, "Hyperliens" everywhere else is the text's own spelling)."""
    words = Counter(word.lower() for line in lines for word in re.findall(r"[^\W\d_]+", line.text))
    return frozenset(pair.lower() for line in lines
                     for pair in re.findall(r"(?=(?<![^\W\d_])([^\W\d_]+-[^\W\d_]+)(?![^\W\d_]))", line.text)
                     if words[pair.lower().replace("-", "")] <= 1)


def _joined_hyphen(token: str, room: int, column: int, written: frozenset[str] = frozenset()) -> int | None:
    """Where, in ``token`` (about its first ``room`` units were on the first line), a dropped hyphen belongs:
    the cut nearest to the line's end, among those the widths allow, that the lexicon accepts, or that the
    text's own lines write with its hyphen (``written``: "d’outre-mer" elsewhere, though the lexicon knows
    "outremer", the colour, whole); the euphonic t before a pronoun takes its hyphen ("approprie-t" | "on")."""
    address = "/" in token or bool(_DOMAIN.search(token))
    cuts = list(_hyphen_cuts(token, room, column))
    # (before the lexicon's word, which the halves around any cut make whole: "outre|mer", "approprie-to|n")
    own = next((cut for cut, head, tail in cuts if not address and (
        f"{head}-{tail}".lower() in written
        or head == "t" and cut > 1 and token[cut - 2] == "-" and tail.lower() in _CLITICS - {"t"})), None)
    if own is not None:
        return own
    for cut, head, tail in cuts:
        alone = len(head) == 1 and (cut == 1 or token[cut - 2] == "-")  # "einclusion", "pair-àpair"
        if is_french_word(head + tail) or _is_word_any_accent(head + tail) and address:
            return None  # a word the lexicon knows whole
        if is_french_word(f"{head}-{tail}") or tail.lower() in _CLITICS and is_french_word(head) \
                or _joined_compound(token, cut) \
                or head[-1].islower() and tail[0].isupper() and not address \
                or alone and len(tail) > 3 and is_french_word(tail) and (not address or _one_letter_word(head)) \
                or min(len(head), len(tail)) >= 4 and is_french_word(head) and is_french_word(tail) \
                or not address and _prefixed_compound(token, head, tail) \
                or address and _is_word_any_accent(head) and _is_word_any_accent(tail) \
                or head.isupper() and tail.isupper() and head.lower() in _PLACE_LINKS and len(tail) >= 4:
            return cut
    return None


def _one_letter_word(head: str) -> bool:
    """A letter that is a word on its own ("à", "a", "y"), not an elided one: an address writes "l’issue" as
    "lissue", but "à connaître" as "a-connaitre" or "à-connaître", a hyphen between the words."""
    return is_french_word(head) and head.lower() not in _ELIDED_LETTERS


_ELIDED_LETTERS = frozenset("cdjlmnst")
"""The letters French elides before a vowel (l’, d’, qu’…), glued to the next word in an address."""


def _prefixed_compound(token: str, head: str, tail: str) -> bool:
    """Whether ``head`` + ``tail``, cut where a line could have ended in ``token``, is a compound whose hyphen
    the extraction dropped though neither language knows it joined: a short element either language knows
    ("mini", "co") before a word of four letters or more ("documentaires", "working"), in small letters (a
    name's parts are not looked up), the glued word unknown to French and English alike. A word cut by the
    typesetter falls into pieces that are rarely both words. Of two such cuts the shorter element is the
    prefix ("co" + "organisé", not "coorg" + "anisé")."""
    def known(word: str) -> bool:
        return is_french_word(word) or is_english_word(word)
    glued = head + tail
    return token.islower() and len(head) >= 2 and len(tail) >= 4 and known(head) and known(tail) \
        and not known(glued) and not is_french_word_any_accent(glued) \
        and not any(known(head[:k]) and known(head[k:] + tail) for k in range(2, len(head)))


def _hyphen_cuts(token: str, room: int, column: int) -> Iterator[tuple[int, str, str]]:
    """The cuts of ``token`` where a dropped hyphen may be, nearest the line's end first, that the widths
    allow (about its first ``room`` units were on the first line), with the letters before and after each."""
    for cut in range(len(token) - 1, 0, -1):
        width = printed_width(token[:cut] + "-")
        if width > room + column * _FIT_SLACK[0] or not (token[cut - 1].isalpha() and token[cut].isalpha()):
            continue
        if width < room - column / 5:
            break  # the first line would have held more
        head = re.findall(r"[^\W\d_]+$", token[:cut])[0]
        tail = re.match(r"[^\W\d_]+", token[cut:]).group(0)  # type: ignore[union-attr]
        yield cut, head, tail


def _joined_compound(token: str, cut: int) -> bool:
    """Whether the hyphen dropped at ``cut`` in ``token`` joins a compound of three parts or more the lexicon
    knows ("rez-de" + "chaussée": the hyphen kept inside the line shows the compound), "non" and a word
    ("non" + "experts"), or two English words French knows neither of nor English joined (a term quoted in
    French: "fact" + "checking"), as :func:`dehyphenate` decides them at a line end."""
    head = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)+$", token[:cut])
    tail = re.match(r"[^\W\d_]+(?:-[^\W\d_]+)*", token[cut:])
    if tail is None:
        return False
    if head and is_french_word(f"{head[0]}-{tail.group(0)}"):
        return True
    first = re.findall(r"[^\W\d_]+$", token[:cut])[0]
    second = re.match(r"[^\W\d_]+", token[cut:]).group(0)  # type: ignore[union-attr]
    if first.lower() == "non" and len(second) > 3 and is_french_word(second.lower()):
        return True  # "non" before a noun takes a hyphen ("non-experts"); the words it opens glued are known
    return min(len(first), len(second)) >= 4 and not is_french_word(first) and not is_french_word(second) \
        and is_english_word(first) and is_english_word(second) and not is_english_word(first + second)


# The words that join the parts of a compound place name (Seine-et-Marne, Hauts-de-France, Haute-Savoie,
# Saint-Denis): in capitals, where the case cannot show the cut, one of them before a name marks it.
_PLACE_LINKS = frozenset(["et", "de", "du", "des", "la", "le", "les", "sur", "sous", "en", "saint", "sainte",
                          "haute", "haut", "hauts", "hautes", "basse", "bas", "grand", "grande", "petit", "petite"])


def _is_number_block(block: Block) -> int | None:
    match = _NUMBER_ALONE.fullmatch(block.lines[0].text) if block.kind == "para" and len(block.lines) == 1 else None
    return int(match.group(1)) if match else None


def _foot_notes(state: State, column: int) -> None:  # noqa: C901 - one cluster of numbers at a time
    """Footnotes of a dense extraction: numbers alone on their lines, in the notes' order, and their texts.

    Numbers that follow each other (n, n+1…), with the text the extraction set between them and the one
    text right after the last, form a cluster. Its texts, cut at paragraph ends (the reflow test), are the
    notes' texts in order; a text opening in lower case is the body going on, not a note. When they are one
    fewer than the numbers, the first note's text is the tail of the block glued above the cluster, from
    the line where the body's text breaks off (:func:`_note_tail`). A note that does not end its sentence
    ("…qui-se-") goes on where the extraction sets the next page's notes: such a tail above the next
    cluster, whose numbers all have their text, is its end. Each choice is reported.
    """
    blocks = state.blocks
    expected = 1
    last_note: Block | None = None
    result: list[Block] = []
    index = 0
    in_margin = _notes_in_margin(blocks, column)
    pending: list[Block] = []  # in a margin, lone numbers whose texts the margin sets further on
    while index < len(blocks):
        taken = _pending_margin_notes(state, blocks, index, pending, expected, column) if in_margin else None
        if taken:
            result.extend(taken[0])
            last_note, index = taken[0][-1], index + taken[1]
            expected = max(expected, last_note.data["number"] + 1)
            continue
        margin_note = _margin_note(state, blocks, index, expected, column) if in_margin else None
        if margin_note is not None:
            result.append(margin_note)
            last_note, expected = margin_note, margin_note.data["number"] + 1
            index += 2
            continue
        number = _is_number_block(blocks[index])
        if in_margin and number in (expected, expected + 1) and not _margin_text_above(blocks, index + 1, column) \
                and not (index + 1 < len(blocks) and _is_number_block(blocks[index + 1]) is not None) \
                and not _is_margin_text(blocks[index + 1] if index + 1 < len(blocks) else None, column):
            # a number alone, the body after it: its text is further on in the margin
            pending.append(blocks[index])
            expected = (number or 0) + 1
            index += 1
            continue
        if number is None or number not in (expected, expected + 1):
            result.append(blocks[index])
            index += 1
            continue
        numbers: list[Block] = []
        paragraphs: list[list[Line]] = []
        gap = False  # a number right after another, a blank line but no text between them (numbers stacked
        # line after line are the usual shape: their texts follow)
        while index < len(blocks):
            block = blocks[index]
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if _is_number_block(block) == number:
                gap = gap or bool(numbers) and _is_number_block(blocks[index - 1]) is not None \
                    and block.lines[0].no > blocks[index - 1].lines[-1].no + 1
                numbers.append(block)
                number += 1
            elif block.kind == "para" and _is_number_block(block) is None and _opens_note(block.raw()) \
                    and not block.lines[0].frame_start:  # a new frame (the next page) is not the notes' foot
                paragraphs.extend(_reflow_parts(block.lines, column))
                if len(paragraphs) >= len(numbers) and (following is None or _is_number_block(following) != number):
                    index += 1
                    break  # the texts after the cluster's last number, as many as it needs
            else:
                break
            index += 1
        above = result[-1] if result else None
        glued = above is not None and above.kind == "para" and above.lines[-1].no + 1 == numbers[0].lines[0].no
        tail = _note_tail(above, column) if glued and above is not None else None
        # the texts set before their numbers (a number without text after it shows the shift): the last
        # paragraph of the block glued above the first number is the first note's text when it opens as a
        # note does
        before = beside = False  # beside: a margin's note, its lines as the margin printed them
        if gap and len(paragraphs) >= len(numbers) and glued and above is not None:
            last = _reflow_parts(above.lines[-12:], column)[-1]
            if len(last) < len(above.lines) and _opens_note(" ".join(line.text for line in last)):
                before, tail = True, len(above.lines) - len(last)
        elif glued and _margin_note_above(above, numbers, paragraphs or _body_going_on(blocks, index)):
            # a short block of its own, whole, glued above a lone number, a paragraph of the body after it: a
            # margin note, its number set at its foot (its lines the margin's: an address cut at any letter)
            before, tail, beside = True, 0, True
        # a note cut mid-phrase or mid-address ("…qui-se-"), not after a stop nor after a whole address,
        # which needs none ("Voir site.fr")
        ending = last_note.raw().rstrip() if last_note is not None else "."
        unfinished = not ending.endswith(tuple(_TERMINAL)) and (ending.endswith("-")
                                                                 or not _HOST.match(ending.rsplit(" ", 1)[-1]))
        if tail is not None and above is not None and (len(paragraphs) == len(numbers) - 1 or
                                                       len(paragraphs) == len(numbers) and unfinished or before):
            pending = above.lines[tail:]
            above.lines = above.lines[:tail]
            if not above.lines:
                result.pop()
            if len(paragraphs) == len(numbers) and last_note is not None and not before:
                last_note.lines.extend(pending)
                state.guess(pending[0].no, f"text glued above note {numbers[0].lines[0].text.strip()} taken "
                                           f"as the end of note {last_note.data['label']}")
            else:
                paragraphs.insert(0, pending)
                state.guess(pending[0].no, f"note {numbers[0].lines[0].text.strip()}: its text set before its "
                                           "number" + (", as the next notes' (a number has no text after it)"
                                                       if before else ""))
        if len(paragraphs) > len(numbers):
            extra = paragraphs[len(numbers):]
            paragraphs = paragraphs[:len(numbers)]
            result.extend(Block(lines, page=numbers[-1].page) for lines in extra)
        for number_block, lines in zip(numbers, paragraphs + [[]] * (len(numbers) - len(paragraphs)), strict=True):
            number = int(number_block.lines[0].text)
            if not lines:
                state.guess(number_block.line, f"note {number}: no text found for it")
                continue
            label = str(number)
            while label in state.notes:
                label += "bis"
            note = Block(list(lines), kind="note", page=number_block.page, data={"label": label, "number": number,
                                                                                  "margin": in_margin or beside})
            state.notes[label] = note
            result.append(note)
            last_note = note
        expected = int(numbers[-1].lines[0].text) + 1
    state.blocks = result


def _notes_in_margin(blocks: list[Block], column: int) -> bool:
    """Whether the text's notes are set in a margin beside the body: most numbers alone on their line (two at
    least) stand right under a block of narrow lines (:func:`_margin_text_above`); notes at a page's foot
    show their number first, the body's full lines above it."""
    numbers = [index for index, block in enumerate(blocks) if _is_number_block(block) is not None]
    under = sum(1 for index in numbers if _margin_text_above(blocks, index - 1, column))
    return under >= 2 and under >= len(numbers) / 2


def _margin_text_above(blocks: list[Block], index: int, column: int) -> bool:
    """Whether the block at ``index`` reads as a margin's note over the lone number right under it (glued, alone
    up to a blank line): every line narrower than a margin (:data:`_PLAIN_MARGIN_SHARE` of the column), but for an
    address pdftotext joins across the margin's lines (:func:`_narrow_but_a_word`), opening as a note does."""
    if index < 0 or index + 1 >= len(blocks):
        return False
    block, after = blocks[index], blocks[index + 1]
    following = blocks[index + 2] if index + 2 < len(blocks) else None
    return block.kind == "para" and _is_number_block(after) is not None \
        and after.lines[0].no == block.lines[-1].no + 1 and _opens_note(block.raw()) \
        and not (following is not None and following.lines and following.lines[0].no == after.lines[0].no + 1) \
        and all(_narrow_but_a_word(line.text, _PLAIN_MARGIN_SHARE * column) for line in block.lines)


def _narrow_but_a_word(text: str, width: float) -> bool:
    """Whether ``text`` is narrower than ``width`` once its longest word is set aside: a margin's line, or one
    where pdftotext joined the pieces of an address the margin cut over its lines."""
    words = text.split()
    longest = max(words, key=printed_width, default="")
    return printed_width(" ".join(words)) - printed_width(longest) < width


def _margin_note(state: State, blocks: list[Block], index: int, expected: int, column: int) -> Block | None:
    """The note whose text is the block at ``index``, in a text whose notes are in a margin
    (:func:`_notes_in_margin`): pdftotext's default output gives a margin's note, then its number, as a block
    of its own (:func:`_margin_text_above`), the number next in the notes' order. None if the block is no
    such note. Reported."""
    number = _is_number_block(blocks[index + 1]) if index + 1 < len(blocks) else None
    if number not in (expected, expected + 1) or not _margin_text_above(blocks, index, column):
        return None
    block = blocks[index]
    label = str(number)
    while label in state.notes:
        label += "bis"
    note = Block(list(block.lines), kind="note", page=block.page, data={"label": label, "number": number,
                                                                        "margin": True})
    state.notes[label] = note
    state.guess(block.line, f"note {number}: a block of narrow lines, its number right under it: a note in the margin")
    return note


def _is_margin_text(block: Block | None, column: int) -> bool:
    """Whether ``block`` reads as a margin's note text: narrow lines (:func:`_narrow_but_a_word`), opening as a
    note does."""
    return block is not None and block.kind == "para" and _opens_note(block.raw()) \
        and all(_narrow_but_a_word(line.text, _PLAIN_MARGIN_SHARE * column) for line in block.lines)


def _pending_margin_notes(state: State, blocks: list[Block], index: int, pending: list[Block], expected: int,
                          column: int) -> tuple[list[Block], int] | None:
    """The notes of numbers set alone in the text (``pending``) whose texts the margin sets further on: the
    block at ``index``, of narrow lines (two at least, or the next number glued under it), cut where a line
    had room for the next one's first word (:func:`_reflow_parts`, against the block's own width), its parts
    given in order to the pending numbers, its last to the number glued under it if any. Returns the notes
    and how many blocks they took; None if the block is no such text. Each note reported."""
    block = blocks[index] if index < len(blocks) else None
    if not pending or block is None or not _is_margin_text(block, column):
        return None
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    under = after if after is not None and _margin_text_above(blocks, index, column) \
        and _is_number_block(after) in (expected, expected + 1) else None
    if under is None and len(block.lines) < 2:
        return None
    margin = max((printed_width(line.text.strip()) for line in block.lines
                  if printed_width(line.text.strip()) < _PLAIN_MARGIN_SHARE * column), default=int(_PLAIN_MARGIN_SHARE * column))
    parts = _reflow_parts(block.lines, margin)
    numbers = [*pending[:len(parts) - (under is not None)]] or pending[:1]
    if under is not None:
        numbers.append(under)
    while len(parts) > len(numbers):  # more parts than numbers: a note's text cut where it was not
        parts[-2:] = [parts[-2] + parts[-1]]
    notes: list[Block] = []
    for number_block, lines in zip(numbers, parts, strict=False):
        number = int(number_block.lines[0].text)
        label = str(number)
        while label in state.notes:
            label += "bis"
        note = Block(list(lines), kind="note", page=block.page, data={"label": label, "number": number, "margin": True})
        state.notes[label] = note
        notes.append(note)
        state.guess(lines[0].no, f"note {number}: its number alone in the text, its text further on in the margin")
    del pending[:len(notes) - (under is not None)]
    return notes, 2 if under is not None else 1


_MARGIN_NOTE_LINES = 3
"""The most lines of a note set in a margin beside the body (a reference, an address, a short remark)."""


def _margin_note_above(above: Block | None, numbers: list[Block], paragraphs: list[list[Line]]) -> bool:
    """Whether ``above``, the block glued above a lone note number, is that note's text set before it (a
    note in a margin, its number at its foot): a block of its own of a few lines that opens as a note does
    and ends a sentence or an address, while the text after the number is longer, a paragraph of the body."""
    if above is None or above.kind != "para" or len(numbers) != 1 or len(above.lines) > _MARGIN_NOTE_LINES \
            or not paragraphs or len(paragraphs[0]) <= len(above.lines):
        return False
    ending = above.lines[-1].text.strip()
    return _opens_note(above.raw()) and (ending.endswith(tuple(_TERMINAL)) or bool(_HOST.match(ending.rsplit(" ", 1)[-1])))


def _body_going_on(blocks: list[Block], index: int) -> list[list[Line]]:
    """The body's text right after a lone note number when it goes on in lower case (the sentence the margin
    note interrupted: "… une" | note | "2" | "initiative portée…"): as the paragraphs after the number for
    :func:`_margin_note_above`, else none (the notes step takes no such text as a note's)."""
    block = blocks[index] if index < len(blocks) else None
    if block is None or block.kind != "para" or _is_number_block(block) is not None \
            or not block.lines[0].text.lstrip()[:1].islower():
        return []
    return [block.lines]


def _opens_note(text: str) -> bool:
    """Whether ``text`` can open a footnote: not a sentence going on in lower case, unless an address."""
    first = _INLINE_PAGE.sub("", text).strip().split(" ", 1)[0].rstrip(".,;:")  # "[Page 20] citoyennes, à…"
    return bool(first) and (not first[:1].islower() or bool(_HOST.match(first)))


_HOST = re.compile(r"[a-z0-9][\w-]*(?:\.[\w-]+)+(?:/\S*)?$")  # an address: "mitpress.mit.edu/books/…"


def _reflow_parts(lines: list[Line], column: int) -> list[list[Line]]:
    """``lines`` cut where a line had room for the next line's first word (and ends a sentence)."""
    parts: list[list[Line]] = [[]]
    for index, line in enumerate(lines):
        parts[-1].append(line)
        text = line.text.strip()
        following = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
        if following and text.endswith(tuple(_TERMINAL)) and _next_word_fits(text, following, column):
            parts.append([])
    return [part for part in parts if part]


def _note_tail(block: Block, column: int) -> int | None:
    """Where, in the block glued to a page's first footnote number, the body's text breaks off: the last line
    (of the block's last twenty: a note in a narrow column) that opens with a capitalised common word after
    a line ending on a word in lower case, with no stop ("et à" | "Sur ce point", "de l’action" | "Voir :
    …", "latentes," | "Voir"), or that follows a line that ended its paragraph (the next word would have
    fitted). None if no line does."""
    lines = [line.text.strip() for line in block.lines]
    for index in range(len(lines) - 1, max(-1, len(lines) - 21), -1):
        text = lines[index]
        if index == 0:
            return 0
        before = lines[index - 1]
        last = re.findall(r"[^\W\d_]+$", before.rstrip(","))
        first = re.match(r"[^\W\d_]+", text)
        if last and (last[0].lower() in _OPENING_WORDS or last[0].islower()) and first \
                and (first.group(0)[:1].isupper() and is_french_word(first.group(0).lower())
                     or _HOST.match(text.split(" ", 1)[0].rstrip(".,;:"))):
            return index  # a capitalised common word, or an address ("pas" | "data.gouv.fr est…")
        if before.endswith(tuple(_TERMINAL)) and _next_word_fits(before, text, column):
            return index
    return None
