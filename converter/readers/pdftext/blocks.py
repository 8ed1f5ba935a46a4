"""Steps ``blocks``, ``short blocks``, ``signatures``, ``navigation`` and ``links-collect``: the lines
cut into blocks (runs between blank lines), blocks cut again where a title or a signature sits on a body
line, the print layout's navigation aids (letter ranges, running heads) removed, and the addresses a page
appends at its end collected.

Place in the pipeline: right after the pages; every later step works on blocks.
"""

from __future__ import annotations

import re

from .common import (
    _BULLET_GLYPHS,
    _LETTER_RANGE,
    _PAGE_LABEL,
    _SIDEBAR_LABEL,
    _TERMINAL,
    _URL_LINE,
    Block,
    Line,
    State,
    _normal,
    _toc_title,
)


def split_blocks(state: State) -> None:
    """Blocks between blank lines; page markers inserted; page numbers, link lines and nav aids set apart."""
    labels: dict[int, str] = state.page_starts  # empty when the text marks its pages ("Page N")
    numbers: dict[int, int] = state.page_numbers
    page = ""
    current: list[Line] = []

    def flush() -> None:
        if current:
            state.blocks.append(Block(list(current), page=page))
            current.clear()

    for index, line in enumerate(state.lines):
        if index in labels:
            flush()
            page = labels[index]
            state.blocks.append(Block([line], kind="page", page=page, text=page))
        if index in numbers:
            flush()
            continue
        text = line.text.strip()
        if not text:
            flush()
            continue
        marker = _PAGE_LABEL.match(text)
        if marker:
            flush()
            page = marker.group(1)
            state.blocks.append(Block([line], kind="page", page=page, text=page))
            continue
        if line.frame_start and current:
            flush()
        if re.fullmatch(r"\d{1,3}", text):
            # a number alone on its line stands apart (a note's number, a table cell), even without blank lines
            flush()
            current.append(line)
            flush()
            continue
        if _URL_LINE.match(text) and text.endswith(".") and current and not state.laid_out \
                and not _URL_LINE.match(current[-1].text) and not current[-1].text.rstrip().endswith(tuple(_TERMINAL)):
            # an address that ends the sentence of the line above ("… à l'adresse" | "https://….") is text: the
            # link lines appended at a page's end hold no sentence's stop
            current.append(line)
            continue
        if _SIDEBAR_LABEL.match(text) or _URL_LINE.match(text):
            kind = "label" if _SIDEBAR_LABEL.match(text) else "url"
            if kind == "url" and current and all(_URL_LINE.match(c.text) for c in current):
                current.append(line)
                continue
            flush()
            if kind == "url":
                current.append(line)
                continue
            state.blocks.append(Block([line], kind=kind, page=page, text=text))
            continue
        if current and all(_URL_LINE.match(c.text) for c in current):
            flush()
        current.append(line)
    flush()
    for block in state.blocks:
        if block.kind == "para" and all(_URL_LINE.match(line.text) for line in block.lines):
            block.kind = "url"
    # A bullet glyph alone on its line (some extractions) starts the text that follows it, also when it was
    # set at the end of the block above ("… permet :" | "•" | blank | "d’avoir une…").
    blocks = state.blocks
    for index, block in enumerate(blocks[:-1]):
        glyph = block.lines[-1].text.strip() if block.kind == "para" else ""
        if glyph and glyph in _BULLET_GLYPHS and blocks[index + 1].kind == "para":
            first = blocks[index + 1].lines[0]
            first.text = f"{glyph} {first.text.strip()}"
            block.lines.pop()
            if not block.lines:
                block.lines = [Line(first.no, glyph)]
                block.kind = "removed"


def navigation_aids(state: State) -> None:
    """Remove print navigation: tables of contents, letter ranges (A-B-C-D-E), running heads."""
    state.step = "navigation"
    in_toc = False
    for block in state.blocks:
        if block.kind == "page":
            in_toc = False
        elif block.kind == "para" and _toc_title(block):
            in_toc = True
            state.guess(block.line, "table of contents removed (navigation aid)")
        if in_toc and block.kind == "para":
            block.kind = "removed"
    for block in state.blocks:
        if block.kind != "para":
            continue
        for line in block.lines:
            match = _LETTER_RANGE.match(line.text)
            if match:
                state.guess(line.no, f"letter range {match.group(1)!r} removed (navigation aid)")
                line.text = line.text[match.end():]
        block.lines = [line for line in block.lines if line.text.strip()]
        if not block.lines:
            block.kind = "removed"
    # Running heads: the same short line first or last on its page, on three pages and a fifth of them.
    pages: dict[str, list[Block]] = {}
    for block in state.blocks:
        if block.kind in ("para", "label"):
            pages.setdefault(block.page, []).append(block)
    seen: dict[str, set[str]] = {}
    for page, blocks in pages.items():
        for block in {id(b): b for b in (blocks[0], blocks[-1])}.values():
            key = _normal(block.raw())
            if block.kind == "para" and len(block.lines) <= 2 and len(key) <= 60:
                seen.setdefault(key, set()).add(page)
    for block in state.blocks:
        pages_with = seen.get(_normal(block.raw()), set())
        if block.kind == "para" and len(pages_with) >= max(3, len(pages) // 5) and block.page in pages_with:
            block.kind = "removed"
            state.guess(block.line, f"running head {block.raw()!r} removed")


def collect_links(state: State) -> None:
    """The link lines appended at the end of each page: set apart by page, removed from the text."""
    for block in state.blocks:
        if block.kind == "url":
            urls = state.page_urls.setdefault(block.page, [])
            for line in block.lines:
                url = line.text.strip()
                if url not in urls:
                    urls.append(url)


def split_short_blocks(state: State) -> None:
    """In a block of two or three lines, a line that ends a sentence ends a paragraph ("Bonne lecture !"
    over a signature; a caption over its credit)."""
    if state.laid_out:
        return  # the layout step ended the paragraphs where the lines had room for the next word
    result: list[Block] = []
    for block in state.blocks:
        if block.kind != "para" or not 2 <= len(block.lines) <= 3 or block.data.get("toc"):
            result.append(block)  # a title of the table of contents is one block
            continue
        current: list[Line] = []
        for index, line in enumerate(block.lines):
            current.append(line)
            if line.text.strip().endswith((".", "!", "?")) and index + 1 < len(block.lines) \
                    and block.lines[index + 1].text.strip()[:1].isupper():
                result.append(Block(current, page=block.page))
                current = []
        if current:
            result.append(Block(current, page=block.page))
    state.blocks = result


_SIGNATURE_END = re.compile(r"^(?P<text>.*[.!?…»”])\s+(?P<initials>[A-ZÀ-Ý]{2,3})$")


def split_signatures(state: State) -> None:
    """Initials after the last sentence of a block ("… se rencontrer. SM"): the author's signature of an
    article or a box, set on the text's last line; a paragraph of its own (a sentence never ends with
    initials alone)."""
    state.step = "signatures"
    result: list[Block] = []
    for block in state.blocks:
        result.append(block)
        if block.kind != "para" or not block.lines:
            continue
        last = block.lines[-1]
        match = _SIGNATURE_END.match(last.text.strip())
        if match and len(match.group("text").split()) >= 2:
            last.text = match.group("text")
            result.append(Block([Line(last.no, match.group("initials"))], kind="signature", page=block.page))
            state.guess(last.no, f"initials {match.group('initials')!r} after the last sentence taken as a signature")
    state.blocks = result
