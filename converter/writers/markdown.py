"""Carnet Markdown writer: tree → the editable source format of ``docs/carnet-markdown.md``.

Place in the pipeline: last stage, like the other writers, but for people rather than readers: ``carnet
import`` uses it to turn what the raw-text importer made of a PDF into carnet Markdown an editor reviews.
It writes what the Markdown reader reads back into the same tree (front matter, ``{{page N}}`` markers,
``!!! sidebar`` / ``pullquote`` / ``interview`` blocks, footnotes, definition lists, spans with attributes),
so a carnet can go back and forth. It is meant for untransformed trees; a transformed one is written too
(sections become their headings again).

``comments`` (source line → messages) puts ``<!-- carnet-import: … -->`` comments before the block that
starts at or after each line: that is where an editor must look.
"""

from __future__ import annotations

import re

import yaml

from .. import tree as t

_INDENT = "    "


class _Writer:
    def __init__(self, document: t.Document, comments: dict[int, list[str]] | None) -> None:
        self.document = document
        self.abbreviations: dict[str, str] = {}
        self.comments = sorted((comments or {}).items())
        self.speaker_initials = {name: initials for initials, name in document.meta.speakers.items()}

    # --- Inline -------------------------------------------------------------------------------------------

    def inlines(self, nodes: list[t.Inline]) -> str:
        return "".join(self.inline(node) for node in nodes)

    def inline(self, node: t.Inline) -> str:  # noqa: C901 - one branch per node kind
        if isinstance(node, t.Text):
            text = _escape(node.text)
            return _with_attributes(text, node) if node.lang or node.classes or node.id else text
        if isinstance(node, t.Literal):
            fence = "``" if "`" in node.text else "`"
            pad = " " if node.text.startswith("`") or node.text.endswith("`") else ""
            return f"{fence}{pad}{node.text}{pad}{fence}"
        if isinstance(node, t.NoteRef):
            return f"[^{_note_label(node.note_id)}]"
        if isinstance(node, t.LineBreak):
            return "  \n"
        if isinstance(node, t.PageBreak):
            return f"{{{{page {node.label}}}}}"
        inner = self.inlines(node.children)
        if isinstance(node, t.Abbreviation):
            self.abbreviations.setdefault(t_plain(node.children), node.expansion)
            return inner
        if isinstance(node, t.Emphasis):
            return _attributed(f"*{inner}*", node)
        if isinstance(node, t.Strong):
            return _attributed(f"**{inner}**", node)
        if isinstance(node, t.Superscript):
            return f"<sup>{inner}</sup>"
        if isinstance(node, t.Subscript):
            return f"<sub>{inner}</sub>"
        if isinstance(node, t.Link):
            title = f' "{node.title}"' if node.title else ""
            link = f"[{inner}](<{node.target}>{title})" if " " in node.target else f"[{inner}]({node.target}{title})"
            # attr_list reads attributes right after a link as the link's own
            attributes = _attribute_list(node)
            return f"{link}{{: {attributes[1:-1]} }}" if attributes else link
        if isinstance(node, t.Span):
            return _with_attributes(inner, node)
        return inner

    # --- Blocks -------------------------------------------------------------------------------------------

    def pending_comments(self, line: int | None, indent: str) -> list[str]:
        """The import comments for source lines up to ``line``, as Markdown comment lines."""
        if line is None or not self.comments:
            return []
        out = []
        while self.comments and self.comments[0][0] <= line:
            _, messages = self.comments.pop(0)
            for message in messages:
                text = message.replace("--", "—")
                out.append(f"{indent}<!-- carnet-import: {text} -->")
        return out

    def blocks(self, nodes: list[t.Block], indent: str = "") -> list[str]:
        """Each block as a chunk of lines (chunks are separated by blank lines)."""
        chunks: list[str] = []
        for node in nodes:
            notes = self.pending_comments(node.line, indent)
            if notes:
                chunks.append("\n".join(notes))
            chunks.extend(self.block(node, indent))
        return chunks

    def block(self, node: t.Block, indent: str) -> list[str]:  # noqa: C901 - one branch per node kind
        if isinstance(node, t.Section):
            return [*self.block(node.heading, indent), *self.blocks(node.children, indent)]
        if isinstance(node, t.Heading):
            text = self.inlines(node.children)
            attributes = _attribute_list(node)
            level = max(1, min(6, node.level or 2))
            return [f"{indent}{'#' * level} {text}{' ' + attributes if attributes else ''}"]
        if isinstance(node, t.Paragraph):
            return [self.paragraph(node, indent)]
        if isinstance(node, t.PageBreak):
            return [f"{indent}{{{{page {node.label}}}}}"]
        if isinstance(node, t.ThematicBreak):
            return [f"{indent}* * *"]
        if isinstance(node, t.BlockQuote):
            body = self.blocks(node.children, "")
            if node.attribution:
                body.append(f"— {self.inlines(node.attribution)}")
            lines = "\n\n".join(body).split("\n")
            return ["\n".join(f"{indent}> {line}".rstrip() for line in lines)]
        if isinstance(node, t.PullQuote):
            head = f"{indent}!!! pullquote{'' if node.repeats_body else ' original'}"
            body = self.blocks(node.children, indent + _INDENT)
            if node.attribution:
                body.append(f"{indent}{_INDENT}— {self.inlines(node.attribution)}")
            return [head, *body]
        if isinstance(node, t.Sidebar):
            title = self.inlines(node.heading.children) if node.heading else ""
            head = f'{indent}!!! sidebar "{title}"' if title else f"{indent}!!! sidebar"
            return [head, *self.blocks(node.children or [t.Paragraph()], indent + _INDENT)]
        if isinstance(node, t.Interview):
            return [f"{indent}!!! interview", *self.turns(node, indent + _INDENT)]
        if isinstance(node, t.List):
            return [self.list(node, indent)]
        if isinstance(node, t.DefinitionList):
            return [self.definitions(item, indent) for item in node.items]
        if isinstance(node, t.Figure):
            return [f"{indent}{self.figure(node)}"]
        if isinstance(node, t.Table):
            return [self.table(node, indent)]
        return []

    def paragraph(self, node: t.Paragraph, indent: str, prefix: str = "") -> str:
        text = prefix + _escape_start(self.inlines(node.children)) if not prefix else \
            prefix + self.inlines(node.children)
        text = text.replace("\n", "\n" + indent)
        attributes = _attribute_list(node, block=True)
        return f"{indent}{text}" + (f"\n{indent}{{: {attributes[1:-1]} }}" if attributes else "")

    def turns(self, node: t.Interview, indent: str) -> list[str]:
        chunks: list[str] = []
        for turn in node.turns:
            notes = self.pending_comments(turn.line, indent)
            if notes:
                chunks.append("\n".join(notes))
            if turn.role == "question":
                prefix = "Q : "
            else:
                initials = turn.initials or self.speaker_initials.get(turn.speaker, "")
                prefix = f"{initials} : " if initials else ""
            children = list(turn.children)
            if children and isinstance(children[0], t.Paragraph):
                chunks.append(self.paragraph(children[0], indent, prefix))
                children = children[1:]
            elif prefix:
                chunks.append(f"{indent}{prefix.rstrip()}")
            chunks.extend(self.blocks(children, indent))
        return chunks

    def list(self, node: t.List, indent: str) -> str:
        items = []
        loose = any(len(item.children) > 1 for item in node.items)
        for number, item in enumerate(node.items, start=node.start):
            marker = f"{number}. " if node.ordered else "- "
            chunks = self.blocks(item.children, indent + _INDENT)
            if not chunks:
                items.append(f"{indent}{marker}".rstrip())
                continue
            first = chunks[0][len(indent) + len(_INDENT):]
            rest = chunks[1:]
            separator = "\n\n" if loose else "\n"
            items.append(f"{indent}{marker}{first}" + "".join(separator + chunk for chunk in rest))
        return ("\n\n" if loose else "\n").join(items)

    def definitions(self, item: t.DefinitionItem, indent: str) -> str:
        lines = [f"{indent}{self.inlines(item.term)}"]
        for definition in item.definitions:
            chunks = self.blocks(definition, indent + _INDENT)
            if not chunks:
                continue
            first = chunks[0][len(indent) + len(_INDENT):]
            lines.append(f"{indent}:   {first}" + "".join("\n\n" + chunk for chunk in chunks[1:]))
        return "\n".join(lines)

    def figure(self, node: t.Figure) -> str:
        alt = _escape(node.alt or "")
        caption = t_plain(node.caption).replace('"', "&quot;")
        title = f' "{caption}"' if caption else ""
        attributes = []
        if node.alt == "":
            attributes.append(".decorative")
        if node.credit:
            attributes.append(f'credit="{t_plain(node.credit)}"')
        if node.id:
            attributes.append(f"#{node.id}")
        attributes.extend(f".{c}" for c in node.classes if c != "decorative")
        tail = "{" + " ".join(attributes) + "}" if attributes else ""
        return f"![{alt}]({node.src}{title}){tail}"

    def table(self, node: t.Table, indent: str) -> str:
        rows = node.rows
        if not rows:
            return ""
        header, body = (rows[0], rows[1:])
        width = max(len(row.cells) for row in rows)

        def cells(row: t.Row) -> str:
            texts = [self.inlines(c.children).replace("|", "\\|") for c in row.cells]
            texts += [""] * (width - len(texts))
            return f"{indent}| " + " | ".join(texts) + " |"

        aligns = []
        for index in range(width):
            align = header.cells[index].align if index < len(header.cells) else ""
            aligns.append({"left": ":---", "right": "---:", "center": ":---:"}.get(align, "---"))
        lines = [cells(header), f"{indent}| " + " | ".join(aligns) + " |", *(cells(row) for row in body)]
        return "\n".join(lines)

    # --- Document -----------------------------------------------------------------------------------------

    def front_matter(self) -> str:
        meta = self.document.meta
        data: dict[str, object] = {}
        for key in ("title", "subtitle", "lang", "authors", "date", "event", "publisher", "rights", "series",
                    "number", "source", "identifier", "subject", "keywords", "speakers"):
            value = getattr(meta, key)
            if value:
                data[key] = value
        if not meta.reader_note:
            data["reader_note"] = False
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
        return f"---\n{text}---"

    def write(self) -> str:
        chunks = [self.front_matter()]
        chunks.extend(self.blocks(self.document.children))
        rest = self.pending_comments(10**9, "")
        if rest:
            chunks.append("\n".join(rest))
        for note in self.document.notes:
            body = self.blocks(note.children, _INDENT)
            first = body[0][len(_INDENT):] if body else ""
            chunks.append(f"[^{_note_label(note.id)}]: {first}" + "".join("\n\n" + chunk for chunk in body[1:]))
        if self.abbreviations:
            chunks.append("\n".join(f"*[{abbr}]: {expansion}" for abbr, expansion in self.abbreviations.items()))
        return "\n\n".join(chunk for chunk in chunks if chunk) + "\n"


def t_plain(nodes: list[t.Inline]) -> str:
    from ..walk import plain_text

    return plain_text(nodes)


def _note_label(note_id: str) -> str:
    return note_id[5:] if note_id.startswith("note-") else note_id


_ESCAPE = re.compile(r"([\\`*_<])|(\{\{)|(\[(?=\^))|(\](?=[({\[:]))")


def _escape(text: str) -> str:
    """Escape what Markdown would read as markup; brackets only where they would make a link or a span."""
    def fix(match: re.Match[str]) -> str:
        if match.group(2):
            return "\\{{"
        return "\\" + match.group(0)

    return _ESCAPE.sub(fix, text)


_BLOCK_START = re.compile(r"^(#|>|[-+*] |\d+[.)] |!!!|:   |\||\[\^)")


def _escape_start(text: str) -> str:
    """A paragraph whose first characters would start another block is escaped."""
    match = _BLOCK_START.match(text)
    if not match:
        return text
    if match.group(0)[0].isdigit():
        number = re.match(r"\d+", text).group(0)  # type: ignore[union-attr]
        return number + "\\" + text[len(number):]
    return "\\" + text


def _attribute_list(node: t.Node, block: bool = False) -> str:
    parts = []
    if node.id:
        parts.append(f"#{node.id}")
    parts.extend(f".{c}" for c in node.classes)
    if node.lang:
        parts.append(f"lang={node.lang}")
    return "{" + " ".join(parts) + "}" if parts else ""


def _with_attributes(text: str, node: t.Node) -> str:
    return f"[{text}]{_attribute_list(node)}"


def _attributed(markup: str, node: t.Node) -> str:
    return _with_attributes(markup, node) if node.id or node.classes or node.lang else markup


def write_markdown_text(document: t.Document, comments: dict[int, list[str]] | None = None) -> str:
    """The document as carnet Markdown text; ``comments`` are placed before the blocks they concern."""
    return _Writer(document, comments).write()


def write_markdown(document: t.Document) -> bytes:
    """The writers' interface: carnet Markdown as UTF-8 bytes."""
    return write_markdown_text(document).encode("utf-8")
