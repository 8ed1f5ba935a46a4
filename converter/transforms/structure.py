"""Structural transforms: clean the tree the reader built, nest sections, number notes.

Place in the pipeline: the first transforms of :data:`converter.transforms.TRANSFORMS`, before any
transform that works on text, so that those see clean, merged Text nodes and final note numbers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import fields
from functools import cache

from .. import tree as t
from ..errors import CarnetError
from ..walk import children, iter_nodes, plain_text

# Characters XML 1.0 forbids (lxml and python-docx refuse them): C0 controls but tab, LF, CR; and U+FFFE/F.
# Also DEL and the C1 controls, which HTML forbids (the Nu checker: "Forbidden code point U+007f").
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_EDGE_SPACE = " \t\n\r\u00a0\u202f\u2009"


def _inline_lists(node: t.Node):
    """The lists of inline nodes held directly by ``node``."""
    if isinstance(node, (t.Paragraph, t.Heading, t.Cell, t.Container)):
        yield node.children
    elif isinstance(node, t.DefinitionItem):
        yield node.term
    elif isinstance(node, t.Figure):
        yield node.caption
        yield node.credit
    elif isinstance(node, (t.BlockQuote, t.PullQuote)):
        yield node.attribution
    elif isinstance(node, t.Table):
        yield node.caption


def _merge_texts(inlines: list[t.Inline]) -> None:
    merged: list[t.Inline] = []
    for item in inlines:
        if (isinstance(item, t.Text) and merged and isinstance(merged[-1], t.Text)
                and not item.id and not merged[-1].id and item.lang == merged[-1].lang):
            merged[-1].text += item.text
        else:
            merged.append(item)
    inlines[:] = merged


def _has_content(node: t.Inline) -> bool:
    if isinstance(node, t.Text):
        return bool(node.text)
    if isinstance(node, t.Container):
        return any(_has_content(c) for c in node.children) or bool(node.id)
    return True


def _strip_edges(inlines: list[t.Inline]) -> None:
    """Remove white space at the start and end of a block's text (inside markup too)."""
    for at_start in (True, False):
        items = inlines
        while items:
            edge = items[0] if at_start else items[-1]
            if isinstance(edge, t.Text):
                edge.text = edge.text.lstrip(_EDGE_SPACE) if at_start else edge.text.rstrip(_EDGE_SPACE)
                if edge.text:
                    break
                items.remove(edge)
            elif isinstance(edge, t.Container) and not isinstance(edge, t.Link):
                items = edge.children
            else:
                break


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@cache
def _string_fields(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The fields of ``cls`` that hold a string, a list of strings, or a dict (the speakers), from their
    declared types: the cleaning looks at those only, instead of testing the type of every value of
    every node (it ran over the whole tree twice per conversion)."""
    strings, lists, dicts = [], [], []
    for f in fields(cls):
        declared = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "")
        if declared in ("str", "str | None") or declared.startswith("TypingLiteral["):
            strings.append(f.name)
        elif declared == "list[str]":
            lists.append(f.name)
        elif declared.startswith("dict["):
            dicts.append(f.name)
    return tuple(strings), tuple(lists), tuple(dicts)


def _clean_strings(item: object) -> int:
    """Remove the characters XML forbids from every string field of a node or of the metadata (link targets,
    titles, alt text, ids, classes, languages, speakers…); returns how many were removed."""
    removed = 0
    strings, lists, dicts = _string_fields(type(item))
    search = _FORBIDDEN.search
    for name in strings:
        value = getattr(item, name)
        if value and isinstance(value, str) and search(value) is not None:
            cleaned = _FORBIDDEN.sub("", value)
            removed += len(value) - len(cleaned)
            setattr(item, name, cleaned)
    for name in lists:
        value = getattr(item, name)
        if value and all(isinstance(v, str) for v in value) and search("".join(value)) is not None:
            cleaned_list = [_FORBIDDEN.sub("", v) for v in value]
            removed += sum(map(len, value)) - sum(map(len, cleaned_list))
            value[:] = cleaned_list
    for name in dicts:
        value = getattr(item, name)
        if isinstance(value, dict) and value:
            cleaned_dict = {_FORBIDDEN.sub("", str(k)): _FORBIDDEN.sub("", str(v)) for k, v in value.items()}
            removed += sum(len(str(k)) + len(str(v)) for k, v in value.items()) - sum(
                len(k) + len(v) for k, v in cleaned_dict.items())
            value.clear()
            value.update(cleaned_dict)
    return removed


def cleanup(document: t.Document) -> None:
    """Remove characters XML forbids (reported), merge adjacent texts, drop empty markup and paragraphs,
    strip white space at the edges of blocks and of the metadata, turn headings without text into
    paragraphs, normalise Unicode to NFC."""
    removed = _clean_strings(document.meta)
    _trim_meta(document.meta)
    for node in iter_nodes(document):
        removed += _clean_strings(node)
        if isinstance(node, (t.Text, t.Literal)):
            node.text = unicodedata.normalize("NFC", node.text)
        for inlines in _inline_lists(node):
            _merge_texts(inlines)
            inlines[:] = [i for i in inlines if _has_content(i)]
        if isinstance(node, (t.Paragraph, t.Heading, t.Cell, t.DefinitionItem)):
            for inlines in _inline_lists(node):
                _strip_edges(inlines)
        if isinstance(node, (t.Figure, t.BlockQuote, t.PullQuote, t.Table)):
            for inlines in _inline_lists(node):
                _strip_edges(inlines)
    if removed:
        document.diagnostics.append(_warning(f"{removed} control character(s) that XML forbids removed"))
    languages = _check_languages(document)
    if languages:
        document.diagnostics.append(_warning(f"{languages} language(s) that are no language tag ignored",
                                             "write a BCP 47 tag: fr, en, de-CH"))
    demoted = _demote_textless_headings(document)
    if demoted:
        document.diagnostics.append(_warning(f"{demoted} heading(s) without text became paragraphs",
                                             "give each heading a title"))
    _drop_empty_paragraphs(document)


# A well-formed BCP 47 language tag (RFC 5646 syntax: language, script, region, variants, extensions,
# private use); whether each subtag is registered is not checked.
_LANGUAGE_TAG = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?"
    r"|x(?:-[a-z0-9]{1,8})+", re.ASCII | re.IGNORECASE)


def _check_languages(document: t.Document) -> int:
    """A ``lang`` that is no language tag ("français", "x y") is dropped (the text keeps the language of
    what holds it), the carnet's own falls back to French: HTML and EPUB reject them. Returns how many."""
    dropped = 0
    for node in iter_nodes(document):
        if node.lang and _LANGUAGE_TAG.fullmatch(node.lang.strip()) is None:
            node.lang = ""
            dropped += 1
        elif node.lang:
            node.lang = node.lang.strip()
    if _LANGUAGE_TAG.fullmatch(document.meta.lang) is None:
        document.meta.lang = "fr"
        dropped += 1
    return dropped


def _trim_meta(meta: t.Meta) -> None:
    """White space around a metadata value is none of it, and a blank value is no value: a blank title
    would be an empty ``<title>`` (the Nu checker rejects it) instead of the writers' fallback, a blank
    author an empty ``dc:creator`` (EPUBCheck rejects it)."""
    for name in _field_names(type(meta)):
        value = getattr(meta, name)
        if isinstance(value, str):
            setattr(meta, name, value.strip())
        elif isinstance(value, list):
            value[:] = [v.strip() for v in value if isinstance(v, str) and v.strip()]


def _has_text(inlines: list[t.Inline]) -> bool:
    return any(isinstance(n, (t.Text, t.Literal)) and n.text.strip() for i in inlines for n in iter_nodes(i))


def _demote_textless_headings(document: t.Document) -> int:
    """A heading with no text to read ("##" alone, a line break, a lone note call) names nothing: it would
    be an empty entry of the table of contents (EPUBCheck: "Anchors within nav elements must contain
    text"), an empty chapter title, an empty heading for screen readers. It becomes a paragraph of what it
    held (dropped with the empty paragraphs when that is nothing); a sidebar's loses its heading. Headings
    of sections already nested are left: this runs on the reader's flat tree first. Returns how many."""
    demoted = 0
    for node in iter_nodes(document):
        if isinstance(node, t.Sidebar) and node.heading is not None and not _has_text(node.heading.children):
            if node.heading.children:
                node.children.insert(0, t.Paragraph(children=node.heading.children, lang=node.heading.lang))
            node.heading = None
            demoted += 1
        block_lists = node.definitions if isinstance(node, t.DefinitionItem) else \
            [node.children] if isinstance(node, (t.Document, t.Section, t.BlockQuote, t.PullQuote, t.Sidebar,
                                                 t.Turn, t.ListItem, t.Note)) else []
        for blocks in block_lists:
            for index, block in enumerate(blocks):
                if isinstance(block, t.Heading) and not _has_text(block.children):
                    blocks[index] = t.Paragraph(children=block.children, id=block.id, classes=block.classes,
                                                lang=block.lang, line=block.line)
                    demoted += 1
    return demoted


def _warning(message: str, hint: str = ""):
    from ..errors import Diagnostic

    return Diagnostic("warning", message, hint=hint)


def _drop_empty_paragraphs(node: t.Node) -> None:
    for name in ("children", "definitions"):
        value = getattr(node, name, None)
        if not isinstance(value, list):
            continue
        if name == "definitions":
            for blocks in value:
                blocks[:] = [b for b in blocks if not _empty_paragraph(b)]
        elif value and not isinstance(value[0], t.INLINE_TYPES) or isinstance(node, (t.Note, t.Document)):
            value[:] = [b for b in value if not _empty_paragraph(b)]
    for child in children(node):
        if not isinstance(child, t.INLINE_TYPES):
            _drop_empty_paragraphs(child)


def _empty_paragraph(block: t.Node) -> bool:
    return isinstance(block, t.Paragraph) and not block.children and not block.id


# --- sections ---------------------------------------------------------------------------------


def slug(text: str) -> str:
    """An id from heading text: ASCII letters, digits and hyphens ("Zoom sur l'EPN" → "zoom-sur-l-epn")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:48].rstrip("-")
    return value or "section"


class _Ids:
    """Unique ids for the document: explicit ids are kept, generated ones get -2, -3… when taken."""

    def __init__(self, document: t.Document) -> None:
        self.taken = {n.id for n in iter_nodes(document) if n.id}
        # Where the search for a free "base-N" resumes: every smaller N is taken already (and stays
        # taken), so a hundred figures cost a hundred look-ups, not five thousand.
        self.next_index: dict[str, int] = {}

    def new(self, base: str) -> str:
        candidate, index = base, self.next_index.get(base, 2)
        if index > 2:
            candidate = f"{base}-{index}"
        while candidate in self.taken:
            candidate = f"{base}-{index}"
            index += 1
        self.taken.add(candidate)
        self.next_index[base] = index
        return candidate


def sections(document: t.Document) -> None:
    """Nest the body into sections at its headings, with consecutive levels and stable ids.

    Level 1 is the document's title (``meta.title``, rendered by writers); when the body itself uses
    level-1 headings, every body heading is moved one level down (reported). A heading that skips levels
    is brought to the next level. Sidebars' headings take the level below their section's. A section
    whose heading has the class ``glossary`` is the glossary: its definition lists are marked so.
    """
    if any(isinstance(n, t.Section) for n in document.children):
        _nested_heading_levels(document)
        return  # already nested (a tree read back, or transformed twice)
    body_headings = [b for b in document.children if isinstance(b, t.Heading)]
    level_one = [h for h in body_headings if h.level == 1]
    if len(level_one) == 1 and not document.meta.title and body_headings[0] is level_one[0]:
        # A lone first-level heading before any other is the title of a document without front matter.
        document.meta.title = plain_text(level_one[0])
        document.children.remove(level_one[0])
    elif level_one:
        for heading in body_headings:
            heading.level = min(heading.level + 1, 6)
        document.diagnostics.append(_warning(
            "level-1 headings found in the body were moved one level down",
            "the document title is the only level 1: start the body at '##'"))
    _explicit_ids(document)
    ids = _Ids(document)
    root = t.Section(heading=t.Heading(level=1), children=[])
    stack: list[t.Section] = [root]
    for block in document.children:
        if isinstance(block, t.Heading):
            level = min(block.level, stack[-1].heading.level + 1)
            if level != block.level:
                document.diagnostics.append(_warning(
                    f"heading level {block.level} after level {stack[-1].heading.level} "
                    f"became level {level}", "do not skip heading levels"))
            block.level = max(level, 2)
            while stack[-1].heading.level >= block.level:
                # A print page that starts just before this heading starts before its section: the page
                # markers that end the section closed here move out of it (an EPUB chapter then opens
                # with its page, and an edition read back nests the same way).
                closed = stack.pop()
                trailing: list[t.Block] = []
                while closed.children and isinstance(closed.children[-1], t.PageBreak):
                    trailing.insert(0, closed.children.pop())
                stack[-1].children.extend(trailing)
            block.id = block.id or ids.new(slug(plain_text(block)))
            # Through the same registry as heading ids: "section-intro" is also the slug of a heading
            # "Section intro" (a duplicate id, which the Nu checker rejects).
            section = t.Section(heading=block, id=ids.new("section-" + block.id), lang=block.lang)
            if "glossary" in block.classes:
                section.classes.append("glossary")
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].children.append(block)
    document.children = root.children
    _sidebar_levels(document.children, 1, ids)
    _nested_heading_levels(document)
    for node in iter_nodes(document):
        if isinstance(node, t.PageBreak) and not node.id:
            node.id = ids.new("page-" + slug(node.label))
        elif isinstance(node, (t.Figure, t.Table)) and not node.id:
            node.id = ids.new("figure" if isinstance(node, t.Figure) else "tableau")
        elif isinstance(node, t.Sidebar):
            # A sidebar inside a quotation or a list item, which _sidebar_levels does not reach: its heading
            # needs an id to name the aside (aria-labelledby).
            node.id = node.id or ids.new("encadre")
            if node.heading is not None and not node.heading.id:
                node.heading.id = ids.new(slug(plain_text(node.heading)))
    for section in (n for n in iter_nodes(document) if isinstance(n, t.Section)):
        if "glossary" in section.classes:
            for dl in (n for n in iter_nodes(section) if isinstance(n, t.DefinitionList)):
                dl.glossary = True


def _explicit_ids(document: t.Document) -> None:
    """The ids a reader kept from the source, made valid: white space inside one becomes a hyphen, and an id
    given twice is kept by its first node only (the later ones get -2, -3…): HTML and EPUB reject both.
    Notes and calls are left to the ``notes`` transform, which numbers them."""
    seen: set[str] = set()
    ids: _Ids | None = None
    for node in iter_nodes(document):
        if not node.id or isinstance(node, (t.Note, t.NoteRef)):
            continue
        node.id = re.sub(r"\s+", "-", node.id.strip()) or "id"
        if node.id in seen:
            ids = ids or _Ids(document)
            node.id = ids.new(node.id)
        seen.add(node.id)


def _sidebar_levels(blocks: list[t.Block], level: int, ids: _Ids) -> None:
    for block in blocks:
        if isinstance(block, t.Section):
            _sidebar_levels(block.children, block.heading.level, ids)
        elif isinstance(block, t.Sidebar):
            block.id = block.id or ids.new("encadre")
            if block.heading is not None:
                block.heading.level = min(level + 1, 6)
                block.heading.id = block.heading.id or ids.new(slug(plain_text(block.heading)))
                _nested_headings(block.children, block.heading.level)
            _sidebar_levels(block.children, block.heading.level if block.heading else level, ids)


def _nested_heading_levels(document: t.Document) -> None:
    """Headings that are no section's own (typed inside a quotation, a list item, an interview turn, a
    nested sidebar, a note…) skip no level either: each goes below the heading of the section or sidebar that
    holds it, and at most one level below the heading read just before it.

    The nesting above leaves them as the source typed them, and a page whose ``h5`` follows an ``h2`` is
    rejected by the Nu checker. Section headings are never changed, so the sections keep their nesting: the
    heading after a nested one is a section's, at most one level below the section's (≤ the nested + 1).
    """

    def visit(node: t.Node, context: int, previous: int) -> int:
        """Fix the headings under ``node``; ``context`` is the level of the heading that holds them,
        ``previous`` the level of the last heading read; returns the last level read."""
        if isinstance(node, t.Heading):
            node.level = max(min(node.level, previous + 1, 6), min(context + 1, 6))
            return node.level
        if isinstance(node, t.Section):
            previous = node.heading.level
            context = node.heading.level
            nodes: list[t.Node] = list(node.children)
        else:
            nodes = list(children(node))
            if isinstance(node, t.Sidebar) and node.heading is not None:
                previous = visit(node.heading, context, previous)
                context = node.heading.level
                nodes = nodes[1:]
        for child in nodes:
            if not isinstance(child, t.INLINE_TYPES):
                previous = visit(child, context, previous)
        return previous

    last = 1  # the document's title
    for block in document.children:
        last = visit(block, 1, last)
    for note in document.notes:  # after the heading (level 2) of the notes
        visit(note, 2, 2)


def _nested_headings(blocks: list[t.Block], level: int) -> None:
    """Headings typed inside a sidebar go below the sidebar's own heading."""
    for block in blocks:
        if isinstance(block, t.Heading):
            block.level = min(level + 1, 6)


# --- notes ------------------------------------------------------------------------------------


def notes(document: t.Document) -> None:
    """Number notes once, in the reading order of their calls; give calls and notes stable ids.

    A call to a note that does not exist is an error. A note never called is kept (numbered after the
    others) and reported, so no text is lost.
    """
    by_id = {note.id: note for note in document.notes}
    order: list[t.Note] = []
    ordered_ids: set[int] = set()
    seen_calls: dict[str, int] = {}
    refs = [n for n in iter_nodes(t.Document(children=document.children)) if isinstance(n, t.NoteRef)]
    # A pull quote that repeats body text is hidden from assistive technology and rendered without its
    # calls: the calls readers meet are the body's, so they number the notes and get the first ids.
    hidden = {id(n) for quote in iter_nodes(t.Document(children=document.children))
              if isinstance(quote, t.PullQuote) and quote.repeats_body
              for n in iter_nodes(quote) if isinstance(n, t.NoteRef)}
    refs = [r for r in refs if id(r) not in hidden] + [r for r in refs if id(r) in hidden]
    # Calls inside notes come after the body, in the order of the notes that hold them.
    for ref in refs:
        note = by_id.get(ref.note_id)
        if note is None:
            raise CarnetError(f"a footnote reference points to a missing note ({ref.note_id})",
                              hint="add the note or remove the reference")
        if id(note) not in ordered_ids:  # a set of identities: "note in order" made numbering quadratic
            order.append(note)
            ordered_ids.add(id(note))
    for note in list(order):
        for ref in (n for n in iter_nodes(note) if isinstance(n, t.NoteRef)):
            target = by_id.get(ref.note_id)
            if target is None:
                raise CarnetError(f"a footnote reference points to a missing note ({ref.note_id})")
            if id(target) not in ordered_ids:
                order.append(target)
                ordered_ids.add(id(target))
    uncalled = [n for n in document.notes if id(n) not in ordered_ids]
    for note in uncalled:
        document.diagnostics.append(_warning(f"note {note.id} is never called; kept at the end of the notes"))
    ordered = order + uncalled
    new_ids = {note.id: f"note-{index}" for index, note in enumerate(ordered, start=1)}
    for index, note in enumerate(ordered, start=1):
        note.number = index
        note.id = new_ids[note.id]
    all_refs = refs + [n for note in ordered for n in iter_nodes(note) if isinstance(n, t.NoteRef)]
    for ref in all_refs:
        ref.note_id = new_ids.get(ref.note_id, ref.note_id)
        ref.number = int(ref.note_id.rsplit("-", 1)[1])
        count = seen_calls.get(ref.note_id, 0) + 1
        seen_calls[ref.note_id] = count
        ref.id = f"note-ref-{ref.number}" if count == 1 else f"note-ref-{ref.number}-{count}"
    document.notes = ordered
