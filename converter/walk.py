"""Walking and editing the tree: used by transforms, writers and checks.

Place in the pipeline: shared by every stage after reading. It knows the shape of the tree only through
the dataclass fields of :mod:`converter.tree`, so a new node kind needs no change here.

The central tool is :class:`TextRun`: the text of one block seen across its inline markup (a word can be
split by emphasis, a footnote call can be glued to it), edited as one string and written back to the
:class:`~converter.tree.Text` nodes it came from. Literal text, note calls, line and page breaks appear in
the string as :data:`OBJECT` (U+FFFC) so that they split words and can never be edited.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from functools import cache

from . import tree as t

OBJECT = "\ufffc"
"""Stands in the text of a :class:`TextRun` for an inline that has no editable text."""


@cache
def _child_fields(cls: type) -> tuple[str, ...]:
    """Names of the fields of ``cls`` that hold nodes (a node, a list of nodes or a list of lists)."""
    names = []
    for f in fields(cls):
        if f.name in ("classes", "meta", "speakers"):
            continue
        if f.name in ("heading", "children", "items", "turns", "rows", "cells", "term", "definitions",
                      "caption", "credit", "attribution", "notes"):
            names.append(f.name)
    return tuple(names)


def children(node: t.Node) -> Iterator[t.Node]:
    """The direct child nodes of ``node``, in reading order."""
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        if value is None:
            continue
        if isinstance(value, t.Node):
            yield value
            continue
        for item in value:
            if isinstance(item, list):
                yield from item
            else:
                yield item


def _children_list(node: t.Node) -> list[t.Node]:
    """:func:`children` as a list (what :func:`iter_nodes` needs, without a generator per node)."""
    found: list[t.Node] = []
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        if value is None:
            continue
        if isinstance(value, t.Node):
            found.append(value)
            continue
        for item in value:
            if isinstance(item, list):
                found.extend(item)
            else:
                found.append(item)
    return found


_SHAPES: dict[type, tuple[str, ...]] = {}
"""Node class → its node-holding fields (:func:`_child_fields`), looked up without a call per node."""


def iter_nodes(node: t.Node) -> Iterator[t.Node]:
    """``node`` and all its descendants, depth first, in reading order (notes after the body)."""
    stack = [node]
    pop, extend = stack.pop, stack.extend
    shapes = _SHAPES
    while stack:
        current = pop()
        yield current
        # The children are read after the caller has seen ``current`` (it may have changed them).
        names = shapes.get(current.__class__)
        if names is None:
            names = shapes[current.__class__] = _child_fields(current.__class__)
        if not names:  # text, note calls, breaks: most of the nodes
            continue
        if names == ("children",):  # paragraphs, inline markup, sections...: a plain list of nodes
            extend(reversed(current.children))  # type: ignore[attr-defined]
            continue
        found = _children_list(current)
        if found:
            found.reverse()
            extend(found)


def find_all(node: t.Node, cls: type[t.Node] | tuple[type[t.Node], ...]) -> list:
    """Every descendant of ``node`` (itself included) that is an instance of ``cls``."""
    return [n for n in iter_nodes(node) if isinstance(n, cls)]


def plain_text(node: t.Node | list) -> str:
    """The readable text of a node or a list of nodes: no markup, note calls as their numbers."""
    if isinstance(node, list):
        return "".join(plain_text(n) for n in node)
    if isinstance(node, (t.Text, t.Literal)):
        return node.text
    if isinstance(node, t.NoteRef):
        return str(node.number or "")
    if isinstance(node, t.LineBreak):
        return "\n"
    if isinstance(node, t.PageBreak):
        return ""
    parts = []
    for child in children(node):
        text = plain_text(child)
        parts.append(text)
    separator = "" if isinstance(node, (t.INLINE_TYPES, t.Paragraph, t.Heading, t.Cell)) else "\n"
    return separator.join(p for p in parts if p or separator == "")


# --- The text of a block, across inline markup ---------------------------------------------------

# Fields that hold a run of inline content forming one "block of text".
_INLINE_FIELDS: dict[type, tuple[str, ...]] = {
    t.Paragraph: ("children",),
    t.Heading: ("children",),
    t.Cell: ("children",),
    t.DefinitionItem: ("term",),
    t.Figure: ("caption", "credit"),
    t.BlockQuote: ("attribution",),
    t.PullQuote: ("attribution",),
    t.Table: ("caption",),
}


def iter_inline_runs(document: t.Document) -> Iterator[tuple[list[t.Inline], str]]:
    """Every list of inline content of the document (body, then notes) with its inherited language."""

    def visit(node: t.Node, lang: str) -> Iterator[tuple[list[t.Inline], str]]:
        lang = node.lang or lang
        for name in _INLINE_FIELDS.get(type(node), ()):
            yield getattr(node, name), lang
        for child in children(node):
            if not isinstance(child, t.INLINE_TYPES):  # inline content was yielded above
                yield from visit(child, lang)

    yield from visit(document, document.lang or document.meta.lang)


@dataclass
class _Segment:
    start: int
    end: int
    node: t.Text | None  # None: an atom (OBJECT or line break), never edited
    lang: str


@dataclass
class TextRun:
    """The text of a list of inlines, with the way back to its Text nodes.

    ``text`` joins every Text node (descending into emphasis, links' readable text, spans…);
    Literal, NoteRef and PageBreak appear as :data:`OBJECT`, LineBreak as "\\n".
    """

    text: str
    segments: list[_Segment] = field(default_factory=list)
    _start_list: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, inlines: list[t.Inline], lang: str) -> TextRun:
        parts: list[str] = []
        segments: list[_Segment] = []
        position = 0

        def add(text: str, node: t.Text | None, node_lang: str) -> None:
            nonlocal position
            parts.append(text)
            segments.append(_Segment(position, position + len(text), node, node_lang))
            position += len(text)

        def visit(items: list[t.Inline], inherited: str) -> None:
            for item in items:
                item_lang = item.lang or inherited
                if isinstance(item, t.Text):
                    add(item.text, item, item_lang)
                elif isinstance(item, t.LineBreak):
                    add("\n", None, item_lang)
                elif isinstance(item, (t.Literal, t.NoteRef, t.PageBreak)):
                    add(OBJECT, None, item_lang)
                else:
                    visit(item.children, item_lang)

        visit(inlines, lang)
        return cls("".join(parts), segments)

    def _starts(self) -> list[int]:
        # Computed once: lang_at is asked for every word, and rebuilding it each time made long blocks
        # quadratic. Segments never change after ``of``.
        if self._start_list is None:
            self._start_list = [s.start for s in self.segments]
        return self._start_list

    def lang_at(self, offset: int) -> str:
        """The language of the character at ``offset``."""
        if not self.segments:
            return ""
        index = max(0, bisect.bisect_right(self._starts(), offset) - 1)
        return self.segments[index].lang

    def node_at(self, offset: int) -> t.Text | None:
        index = max(0, bisect.bisect_right(self._starts(), offset) - 1)
        return self.segments[index].node if self.segments else None

    def apply(self, edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Replace ``text[start:end]`` by each replacement; returns the edits refused.

        Edits must not overlap. An edit that would cover an atom (a note call, a literal…) is refused.
        The replacement goes into the Text node where the edit starts; the rest of the range is removed
        from the nodes it spans, so inline markup around the edit is kept.
        """
        accepted: list[tuple[int, int, str]] = []
        refused: list[tuple[int, int, str]] = []
        for start, end, replacement in sorted(edits):
            if any(s.node is None and s.start < end and s.end > start for s in self.segments) or accepted and start < accepted[-1][1]:
                refused.append((start, end, replacement))
            else:
                accepted.append((start, end, replacement))
        if not accepted:
            return refused
        owners = {start: self._owner(start) for start, _, _ in accepted}  # once per edit, not per segment
        for segment in self.segments:
            if segment.node is None:
                continue
            pieces: list[str] = []
            cursor = segment.start
            for start, end, replacement in accepted:
                if end < segment.start or start > segment.end:
                    continue
                owns = owners[start] is segment
                if not owns and not (start < segment.end and end > segment.start):
                    continue
                if start > cursor:
                    pieces.append(self.text[cursor:start])
                if owns:
                    pieces.append(replacement)
                cursor = max(cursor, min(end, segment.end))
            pieces.append(self.text[cursor:segment.end])
            segment.node.text = "".join(pieces)
        return refused

    def _owner(self, offset: int) -> _Segment | None:
        """The editable segment that receives a replacement starting at ``offset``."""
        for segment in self.segments:
            if segment.node is not None and segment.start <= offset < segment.end:
                return segment
        for segment in reversed(self.segments):  # an insertion at the very end of a segment
            if segment.node is not None and segment.end == offset:
                return segment
        return None


def edit_text(document: t.Document, editor: Callable[[TextRun, str], list[tuple[int, int, str]]]) -> None:
    """Run ``editor(run, block_lang)`` on every block of text and apply the edits it returns."""
    for inlines, lang in iter_inline_runs(document):
        run = TextRun.of(inlines, lang)
        if run.text:
            edits = editor(run, lang)
            if edits:
                run.apply(edits)
