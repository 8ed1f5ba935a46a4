"""The tree: blocks in their final kinds and order turned into :mod:`converter.tree` nodes, the
sentinels in their text turned into page markers, note references and links, and the document's metadata.

Place in the pipeline: the last stage of the reader, after :data:`STEPS`.
"""

from __future__ import annotations

import re

from ... import tree as t
from .common import _SENTINEL, Block, State, _normal, _plain


def _inlines(text: str, line: int | None = None) -> list[t.Inline]:
    result: list[t.Inline] = []
    cursor = 0
    text = re.sub(r"[ \t]+", " ", text).strip()
    for match in _SENTINEL.finditer(text):
        if match.start() > cursor:
            result.append(t.Text(text=text[cursor:match.start()], line=line))
        if match.group(1) is not None:
            result.append(t.PageBreak(label=match.group(1), line=line))
        elif match.group(2) is not None:
            result.append(t.NoteRef(note_id=match.group(2), line=line))
        else:
            result.append(t.Link(target=match.group(3), children=[t.Text(text=match.group(4))], line=line))
        cursor = match.end()
    if cursor < len(text):
        result.append(t.Text(text=text[cursor:], line=line))
    return result


def build_tree(state: State) -> t.Document:  # noqa: C901 - one branch per block kind
    """Blocks → the semantic tree."""
    document = t.Document(meta=t.Meta(speakers=dict(state.speakers)))
    out: list[t.Block] = document.children
    current_list: t.List | None = None
    list_container: list[t.Block] | None = None
    interview: t.Interview | None = None
    held: list[Block] = []
    sidebars: dict[int, t.Sidebar] = {}
    figures: dict[str, int] = {}  # each page's figures so far (their images' names)

    def paragraph(block: Block, classes: list[str] | None = None) -> t.Paragraph:
        inlines = _inlines(block.text, block.line)
        if block.data.get("uppercase"):
            inlines = [t.Span(classes=["uppercase"], children=inlines)]
        return t.Paragraph(children=inlines, classes=classes or [], line=block.line)

    def emit(block: Block, container: list[t.Block]) -> None:
        """The blocks that stand alone: pull quotes, credits, captions, bylines, paragraphs."""
        if block.kind == "pullquote" and block.data.get("set_in") and not block.data.get("repeats") \
                and not _plain(block.text).lstrip().startswith(tuple("«“\"")):
            # a quotation set in the column that repeats nothing, without quotation marks: a block quote
            quotation = t.BlockQuote(children=[paragraph(block)], line=block.line)
            quotation.attribution = _inlines(block.data["attribution"])
            container.append(quotation)
        elif block.kind == "pullquote":
            quote = t.PullQuote(children=[paragraph(block)], repeats_body=bool(block.data.get("repeats")),
                                line=block.line)
            if block.data.get("attribution"):
                quote.attribution = _inlines(block.data["attribution"])
            container.append(quote)
        elif block.kind in ("credit", "byline", "caption", "signature"):
            container.append(paragraph(block, [block.kind]))
        else:
            container.append(paragraph(block))

    for block in state.blocks:
        kind = block.kind
        if kind in ("url", "removed", "label", "note"):
            continue
        container = out
        owner = block.data.get("in_sidebar")
        if owner is not None and id(owner) in sidebars:
            container = sidebars[id(owner)].children
        if kind != "item" or container is not list_container:
            current_list = None
        if interview is not None and owner is None and kind in ("pullquote", "credit", "caption", "byline",
                                                                 "signature"):
            held.append(block)  # an aside printed inside an interview is set after it
            continue
        if kind not in ("answer", "answer_more", "question", "page"):
            interview = None
            for aside in held:
                emit(aside, out)
            held.clear()
        if kind == "page":
            container.append(t.PageBreak(label=block.text, line=block.line))
        elif kind == "heading":
            heading = t.Heading(level=block.level or 3, children=_inlines(block.text, block.line), line=block.line)
            if block.data.get("uppercase"):
                heading.classes.append("uppercase")
            if _normal(block.text) == _normal("Lexique"):
                heading.classes.append("glossary")
            container.append(heading)
        elif kind == "sidebar":
            title = f"{block.data.get('label', 'Zoom sur...')} {block.text}".strip()
            sidebar = t.Sidebar(heading=t.Heading(level=0, children=[t.Text(text=title)]), line=block.line)
            sidebars[id(block)] = sidebar
            out.append(sidebar)
        elif kind == "table":
            rows = block.data["rows"]
            # a first row without numbers over rows with numbers: the header
            header = len(rows) > 1 and not any(re.search(r"\d", cell) for cell in rows[0]) \
                and any(re.fullmatch(r"[\d\s.,%€-]+", cell) for row in rows[1:] for cell in row)
            container.append(t.Table(line=block.line, rows=[
                t.Row(header=header and k == 0, cells=[t.Cell(children=[t.Text(text=cell)] if cell else [],
                                                              header=header and k == 0) for cell in row])
                for k, row in enumerate(rows)]))
        elif kind == "break":
            container.append(t.ThematicBreak(line=block.line))
        elif kind == "figure":
            figures[block.page] = figures.get(block.page, 0) + 1
            name = f"image-page-{block.page or 0}" + (f"-{figures[block.page]}" if figures[block.page] > 1 else "")
            container.append(t.Figure(src=f"{name}.png", alt=None, line=block.line,
                                      caption=_inlines(block.data["caption"]), credit=_inlines(block.data["credit"])))
        elif kind == "item":
            if current_list is not None and bool(current_list.ordered) != ("ordered" in block.data):
                current_list = None  # a numbered list after a bulleted one, or the reverse
            if current_list is None:
                current_list = t.List(line=block.line, ordered="ordered" in block.data,
                                      start=block.data.get("ordered", 1))
                list_container = container
                container.append(current_list)
            current_list.items.append(t.ListItem(children=[paragraph(block)], line=block.line))
        elif kind == "term":
            last = container[-1] if container else None
            glossary = block.data.get("glossary", True)
            if not isinstance(last, t.DefinitionList) or last.glossary != glossary:
                last = t.DefinitionList(glossary=glossary, line=block.line)
                container.append(last)
            term = _inlines(block.data["term"])
            if block.data.get("uppercase"):
                term = [t.Span(classes=["uppercase"], children=term)]
            definition = t.Paragraph(children=_inlines(block.text, block.line), line=block.line)
            last.items.append(t.DefinitionItem(term=term, definitions=[[definition]], line=block.line))
        elif kind in ("question", "answer", "answer_more"):
            if interview is None:
                interview = t.Interview(line=block.line)
                container.append(interview)
            if kind == "question":
                interview.turns.append(t.Turn(role="question", children=[paragraph(block)], line=block.line))
            elif kind == "answer" or not interview.turns:
                source = block.data if kind == "answer" else block.data["turn"].data
                interview.turns.append(t.Turn(role="answer", speaker=source["speaker"],
                                              initials=source["initials"], children=[paragraph(block)],
                                              line=block.line))
            else:
                interview.turns[-1].children.append(paragraph(block))
        else:
            emit(block, container)
    for aside in held:
        emit(aside, out)
    for label, note in state.notes.items():
        document.notes.append(t.Note(id=f"note-{label}", children=[paragraph(note)], line=note.line))
    first_heading = next((b for b in state.blocks if b.kind == "heading"), None)
    if state.cover is not None:
        document.meta.title, document.meta.subtitle = state.cover
    elif first_heading is not None:
        document.meta.title = _plain(first_heading.text)
        state.step = "metadata"
        state.guess(first_heading.line, "the title is the first heading's text: give the carnet's own title")
    return document
