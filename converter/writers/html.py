"""HTML writer: one self-contained, accessible page per carnet.

Place in the pipeline: last stage, for ``html``. :class:`HtmlRenderer` turns the transformed tree into
body markup, one method per node kind; the Jinja2 page template (``templates/html/page.html.j2``,
autoescaped) wraps it with the header, the table of contents, the notes and the footer. The EPUB writer
extends this renderer through a few hooks (:attr:`HtmlRenderer.xhtml`, :meth:`note_href`,
:meth:`pagebreak_attributes`, :meth:`render_notes`), so both formats share one rendering of each node.

Markup follows ``accessibility.md``: DPUB-ARIA roles for note calls, notes, back links, page breaks,
pull quotes, credits and the glossary; labelled ``aside`` for sidebars; ``abbr`` and ``lang`` spans;
images inlined as ``data:`` URLs of checked raster formats so that the page stands alone.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import contextlib
import pickle
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from .. import tree as t
from ..messages import about_lines, message, series_label
from ..readers.html import safe_url
from ..resources import cache_folder, templates_dir
from ..walk import children, iter_nodes, plain_text

_IMAGE_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}


def image_type(data: bytes) -> str | None:
    """The media type of a raster image from its first bytes (None: not an image we embed)."""
    for signature, media_type in _IMAGE_SIGNATURES.items():
        if data.startswith(signature):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


_DATA_URI = re.compile(r"data:image/[\w.+-]+;base64,([A-Za-z0-9+/=\s]+)\Z")


def load_image(document: t.Document, src: str) -> tuple[bytes, str] | None:
    """The bytes and media type of a figure's image, when it is a raster file inside the carnet's folder
    or a ``data:`` URL of one (what our own HTML pages hold, read back)."""
    if src.startswith("data:"):
        match = _DATA_URI.match(src)
        if match is None:
            return None
        try:
            data = base64.b64decode(match.group(1))
        except (ValueError, binascii.Error):
            return None
        media_type = image_type(data)
        return (data, media_type) if media_type else None
    if not src or "://" in src or src.startswith("/"):
        return None
    base = Path(document.base_dir or ".").resolve()
    path = (base / src).resolve()
    if base not in path.parents or not path.is_file():
        return None
    data = path.read_bytes()
    media_type = image_type(data)
    return (data, media_type) if media_type else None


@dataclass
class TocEntry:
    """One line of the table of contents (templates render the nested list)."""

    label: str
    href: str
    children: list[TocEntry] = field(default_factory=list)


def _attributes(pairs: dict[str, object]) -> Markup:
    """`` key="value"`` for each pair whose value is not None/False/empty (True → key="key").

    ``alt`` is the exception: ``alt=""`` is how a decorative image says so, and must be written.
    """
    parts = []
    for key, value in pairs.items():
        if value is None or value is False or (value == "" and key != "alt") or value == []:
            continue
        if isinstance(value, list):
            value = " ".join(str(v) for v in value)
        if value is True:
            value = key
        parts.append(f' {key}="{escape(str(value))}"')
    return Markup("".join(parts))


# Characters a URL cannot hold as they are (the URL standard's "invalid URL units" that a source may
# still type: white space, controls, quotes, angle and curly brackets, backslash, caret, backtick, pipe),
# a "%" that starts no escape, and a "#" after the fragment's: each is written %-escaped.
_URL_ESCAPE = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f]|%(?![0-9A-Fa-f]{2})')


def valid_url(target: str) -> str | None:
    """``target`` as a URL HTML and EPUBCheck accept: characters a URL cannot hold %-escaped (``a b.html`` →
    ``a%20b.html``); None when no escaping makes it one (``http://`` without a host, ``http://[::1``), so
    the link is written as its text. Escaping is idempotent: a page read back keeps its links."""
    target = target.strip()
    if not target or not safe_url(target):
        # The readers keep only http(s), mailto, tel and relative targets; a tree made through the API is
        # held to the same rule here, so that no page or EPUB ever carries a javascript: or data: link.
        return None
    head, hash_sign, fragment = target.partition("#")
    url = _URL_ESCAPE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode()), head)
    if hash_sign:
        url += "#" + _URL_ESCAPE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode()),
                                     fragment).replace("#", "%23")
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # an unmatched "[" of an IPv6 host, a port that is no number
        return None
    if parts.scheme.lower() in ("http", "https") and (not hostname or "%" in hostname):
        return None  # no host, or one with a character a host name cannot hold (a space, escaped above)
    try:
        _ = parts.port
    except ValueError:
        return None
    return url


#: The largest spans HTML allows (``colspan`` ≤ 1000, ``rowspan`` ≤ 65534).
_MAX_COLSPAN, _MAX_ROWSPAN = 1000, 65534


def table_spans(groups: list[list[t.Row]]) -> dict[int, tuple[int, int]]:
    """The ``(colspan, rowspan)`` each cell of a table is written with, by ``id(cell)``; ``groups`` are its row
    groups (``thead``, ``tbody``) in the order they are written.

    The tree's spans are what the source said; HTML's table model rejects three things a source can say
    (the Nu checker: "Table cell spans past the end of its row group", "Table cell is overlapped by later
    table cell", "Table column N … has no cells beginning in it"). So a row span stops at the end of its row
    group, a column span stops before a slot that a row span from above already fills, and a column in which
    no cell begins is merged with the one before it (a single row with a ``colspan="2"`` cell is one column
    wide: the span was meaningless).
    """
    placed: list[tuple[t.Cell, int, int, int]] = []  # cell, first column, column span, row span
    starts: set[int] = set()
    for rows in groups:
        below: dict[int, set[int]] = {}  # row index in the group → columns filled by row spans from above
        for y, row in enumerate(rows):
            filled = below.pop(y, set())
            x = 0
            for cell in row.cells:
                while x in filled:
                    x += 1
                colspan = min(max(cell.colspan, 1), _MAX_COLSPAN)
                blocked = [c for c in filled if c > x]
                if blocked:
                    colspan = min(colspan, min(blocked) - x)
                rowspan = min(max(cell.rowspan, 1), _MAX_ROWSPAN, len(rows) - y)
                for dy in range(1, rowspan):
                    below.setdefault(y + dy, set()).update(range(x, x + colspan))
                placed.append((cell, x, colspan, rowspan))
                starts.add(x)
                x += colspan
    columns = sorted(starts)
    return {id(cell): (bisect.bisect_left(columns, x + colspan) - bisect.bisect_left(columns, x), rowspan)
            for cell, x, colspan, rowspan in placed}


def visible_note_calls(document: t.Document) -> dict[int, str]:
    """Note number → id of its first call that writers render (not one inside a repeating pull quote,
    which is hidden from assistive technology and holds no link): where the note's back link goes."""
    targets: dict[int, str] = {}

    def visit(node: t.Node, hidden: bool) -> None:
        hidden = hidden or (isinstance(node, t.PullQuote) and node.repeats_body)
        if isinstance(node, t.NoteRef) and not hidden and node.id:
            targets.setdefault(node.number, node.id)
        for child in children(node):
            visit(child, hidden)

    visit(document, False)
    return targets


class HtmlRenderer:
    """Renders a transformed document as HTML body markup (XHTML when :attr:`xhtml`)."""

    xhtml = False

    def __init__(self, document: t.Document) -> None:
        self.document = document
        self.lang = document.meta.lang or "fr"
        self.pullquote_depth = 0
        self.link_depth = 0
        self.held_noterefs: list[t.NoteRef] = []
        self.unnamed_sidebars = 0
        self.backlink_targets = visible_note_calls(document)

    # --- hooks for the EPUB renderer ---------------------------------------------------------

    def lang_attributes(self, lang: str) -> dict[str, object]:
        return {"lang": lang, "xml:lang": lang if self.xhtml else None}

    def semantic(self, role: str, epub_type: str | None = None) -> dict[str, object]:
        """An ARIA role (and, in EPUB, the matching ``epub:type``)."""
        return {"role": role}

    def note_href(self, note_id: str) -> str:
        return f"#{note_id}"

    def noteref_href(self, ref_id: str) -> str:
        return f"#{ref_id}"

    def pagebreak_attributes(self, node: t.PageBreak, name_attribute: str = "aria-label") -> dict[str, object]:
        """The page break's id, role and accessible name (the printed page number).

        axe-core accepts ``aria-label`` on ``<hr role="doc-pagebreak">`` but reports it as prohibited on a
        ``span`` or ``div`` with that role, so an inline marker is named by its ``title``.
        """
        return {"id": node.id, **self.semantic("doc-pagebreak", "pagebreak"), name_attribute: node.label}

    def void(self, name: str, attributes: dict[str, object]) -> Markup:
        return Markup(f"<{name}{_attributes(attributes)}{' /' if self.xhtml else ''}>")

    # --- helpers --------------------------------------------------------------------------------

    def common(self, node: t.Node, *extra_classes: str) -> dict[str, object]:
        classes = [*extra_classes, *node.classes]
        return {"id": node.id or None, "class": classes or None, **self.lang_attributes(node.lang)}

    def element(self, name: str, attributes: dict[str, object], content: str) -> Markup:
        return Markup(f"<{name}{_attributes(attributes)}>{content}</{name}>")

    # --- inline content -----------------------------------------------------------------------

    def inlines(self, items: list[t.Inline]) -> Markup:
        return Markup("".join(self.inline(item) for item in items))

    def inline(self, node: t.Inline) -> str:  # noqa: C901 - one branch per node kind
        if isinstance(node, t.Text):
            return escape(node.text)
        if isinstance(node, t.Literal):
            return self.element("code", self.common(node), escape(node.text))
        if isinstance(node, t.LineBreak):
            return self.void("br", {})
        if isinstance(node, t.PageBreak):
            return self.element("span", self.pagebreak_attributes(node, "title"), "")
        if isinstance(node, t.NoteRef):
            if self.pullquote_depth:
                return ""  # hidden repeated text must hold nothing focusable
            if self.link_depth:
                self.held_noterefs.append(node)  # a link cannot hold a link: the call follows it
                return ""
            attributes = {"href": self.note_href(node.note_id), "id": node.id,
                          **self.semantic("doc-noteref", "noteref"),
                          "aria-label": message("noteref", self.lang, n=node.number)}
            return self.element("sup", {}, self.element("a", attributes, str(node.number)))
        if isinstance(node, t.Link):
            return self.link(node)
        content = self.inlines(node.children)
        if isinstance(node, t.Emphasis):
            return self.element("em", self.common(node), content)
        if isinstance(node, t.Strong):
            return self.element("strong", self.common(node), content)
        if isinstance(node, t.Superscript):
            return self.element("sup", self.common(node), content)
        if isinstance(node, t.Subscript):
            return self.element("sub", self.common(node), content)
        if isinstance(node, t.Abbreviation):
            return self.element("abbr", {**self.common(node), "title": node.expansion}, content)
        return self.element("span", self.common(node), content)  # Span

    def link(self, node: t.Link) -> str:
        """A link; note calls inside its text are written right after it (nested links are invalid).

        A link inside a link keeps only its text: HTML forbids ``<a>`` inside ``<a>`` and the outer one wins.
        """
        href = self.link_href(node.target)
        if self.pullquote_depth or self.link_depth or href is None:
            return self.element("span", self.common(node), self.inlines(node.children))
        self.link_depth += 1
        held_before = len(self.held_noterefs)
        try:
            content = self.inlines(node.children)
        finally:
            self.link_depth -= 1
        held = self.held_noterefs[held_before:]
        del self.held_noterefs[held_before:]
        link = self.element("a", {"href": href, "title": node.title or None, **self.common(node)}, content)
        return link + Markup("".join(self.inline(ref) for ref in held))

    # --- blocks -------------------------------------------------------------------------------

    def blocks(self, items: list[t.Block]) -> Markup:
        return Markup("\n".join(self.block(item) for item in items))

    def block(self, node: t.Block) -> str:
        return getattr(self, "block_" + type(node).__name__.lower())(node)

    def link_href(self, target: str) -> str | None:
        """Where a link of the tree points, in the rendered document (the EPUB splits it into files);
        None: nowhere it can reach, the link text is kept as text."""
        return valid_url(target)

    def section_semantics(self, node: t.Section) -> dict[str, object]:
        """The role of a section: the glossary is one (a labelled landmark); other sections have none."""
        if "glossary" in node.classes:
            return {**self.semantic("doc-glossary", "glossary"), "aria-labelledby": node.heading.id}
        return {}

    def block_section(self, node: t.Section) -> str:
        attributes = {"id": node.id or None, "class": node.classes or None, **self.lang_attributes(node.lang),
                      **self.section_semantics(node)}
        return self.element("section", attributes,
                            "\n" + self.block_heading(node.heading) + "\n" + self.blocks(node.children) + "\n")

    def heading_level(self, level: int) -> int:
        """The ``h`` level of a tree heading (the page's only h1 is the title in its header)."""
        return min(max(level, 1), 6)

    def block_heading(self, node: t.Heading) -> str:
        return self.element(f"h{self.heading_level(node.level)}", self.common(node), self.inlines(node.children))

    def block_paragraph(self, node: t.Paragraph) -> str:
        attributes = self.common(node)
        if "credit" in node.classes:
            attributes.update(self.semantic("doc-credit", "credit"))
        return self.element("p", attributes, self.inlines(node.children))

    def block_blockquote(self, node: t.BlockQuote) -> str:
        quote = self.element("blockquote", self.common(node), "\n" + self.blocks(node.children) + "\n")
        if not node.attribution:
            return quote
        caption = self.element("figcaption", {}, "— " + self.inlines(node.attribution))
        return self.element("figure", {"class": "quotation"}, quote + caption)

    def block_pullquote(self, node: t.PullQuote) -> str:
        if not node.repeats_body:
            quote = t.BlockQuote(children=node.children, attribution=node.attribution, id=node.id,
                                 classes=["pullquote", *node.classes], lang=node.lang)
            return self.block_blockquote(quote)
        self.pullquote_depth += 1
        try:
            content = self.blocks(node.children)
            if node.attribution:
                content += Markup("\n") + self.element("p", {"class": "attribution"},
                                                       "— " + self.inlines(node.attribution))
        finally:
            self.pullquote_depth -= 1
        attributes = {**self.common(node, "pullquote"), **self.semantic("doc-pullquote", "pullquote"),
                      "aria-hidden": "true"}
        return self.element("aside", attributes, "\n" + content + "\n")

    def block_sidebar(self, node: t.Sidebar) -> str:
        attributes = self.common(node, "sidebar")
        content = ""
        if node.heading is not None:
            attributes["aria-labelledby"] = node.heading.id
            content = self.block_heading(node.heading) + "\n"
        else:
            self.unnamed_sidebars += 1
            attributes["aria-label"] = f"{message('sidebar', self.lang)} {self.unnamed_sidebars}"
        return self.element("aside", attributes, "\n" + content + self.blocks(node.children) + "\n")

    def block_interview(self, node: t.Interview) -> str:
        turns = []
        for turn in node.turns:
            role_class = "question" if turn.role == "question" else "answer"
            blocks = list(turn.children)
            rendered = []
            for index, block in enumerate(blocks):
                if index == 0 and turn.role == "answer" and turn.speaker and isinstance(block, t.Paragraph):
                    label = self.element("strong", {"class": "speaker"},
                                         escape(message("speaker_label", self.lang, name=turn.speaker)))
                    rendered.append(self.element("p", self.common(block), label + " " + self.inlines(block.children)))
                elif index == 0 and turn.role == "question" and isinstance(block, t.Paragraph):
                    # Questions were set apart by style only: a label says so to everyone, screen readers too.
                    label = self.element("strong", {"class": ["speaker", "question-label"]},
                                         escape(message("speaker_label", self.lang,
                                                        name=message("question", self.lang))))
                    rendered.append(self.element("p", self.common(block), label + " " + self.inlines(block.children)))
                else:
                    rendered.append(self.block(block))
            turns.append(self.element("div", {"class": ["turn", role_class], "id": turn.id or None,
                                              **self.lang_attributes(turn.lang)}, "\n".join(rendered)))
        return self.element("div", self.common(node, "interview"), "\n" + "\n".join(turns) + "\n")

    def block_list(self, node: t.List) -> str:
        items = "\n".join(self.element("li", self.common(item), self.list_item(item)) for item in node.items)
        name = "ol" if node.ordered else "ul"
        start = node.start if node.ordered and node.start != 1 else None
        return self.element(name, {**self.common(node), "start": start}, "\n" + items + "\n")

    def list_item(self, item: t.ListItem) -> str:
        # A tight item (one paragraph) is rendered without <p>, as browsers and Markdown expect.
        if len(item.children) == 1 and isinstance(item.children[0], t.Paragraph) and not item.children[0].id:
            return self.inlines(item.children[0].children)
        return "\n" + self.blocks(item.children) + "\n"

    def block_definitionlist(self, node: t.DefinitionList) -> str:
        parts = []
        for item in node.items:
            term = self.inlines(item.term)
            if node.glossary:
                term = self.element("dfn", {}, term)
            parts.append(self.element("dt", self.common(item), term))
            if not item.definitions:  # a term needs its dd (Nu, EPUBCheck: "dl is missing … dd")
                parts.append(self.element("dd", {}, ""))
            for definition in item.definitions:
                if len(definition) == 1 and isinstance(definition[0], t.Paragraph):
                    parts.append(self.element("dd", {}, self.inlines(definition[0].children)))
                else:
                    parts.append(self.element("dd", {}, "\n" + self.blocks(definition) + "\n"))
        classes = ("glossary",) if node.glossary else ()
        return self.element("dl", self.common(node, *classes), "\n" + "\n".join(parts) + "\n")

    def image_src(self, node: t.Figure) -> str | None:
        """Where the page finds the image (None: it cannot be shown, its text alternative stands in)."""
        image = load_image(self.document, node.src)
        if image is None:
            return None
        data, media_type = image
        return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"

    def block_figure(self, node: t.Figure) -> str:
        src = self.image_src(node) if node.src else None
        if src is not None:
            image = self.void("img", {"src": src, "alt": node.alt or ""})
        elif node.alt:
            image = self.element("p", {"class": "image-missing"}, escape(node.alt))
        else:
            image = Markup("")
        caption = self.inlines(node.caption)
        if node.credit:
            label = self.element("span", {"class": "credit-label"}, escape(message("credit", self.lang, credit="")))
            credit = self.element("span", {"class": "credit", **self.semantic("doc-credit", "credit")},
                                  label + self.inlines(node.credit))
            caption = caption + Markup(" ") + credit if caption else credit
        content = image + (self.element("figcaption", {}, caption) if caption else "")
        return self.element("figure", self.common(node), content)

    def block_table(self, node: t.Table) -> str:
        # A row without cells is dropped: HTML rejects a row on which no cell begins, and it holds no text.
        # The header rows that open the table are its thead; a header row further down stays where it is
        # (in the tbody, its cells column headers), so the page reads in the tree's order: note calls are
        # numbered in that order, and a page read back and written again is written the same.
        rows = [row for row in node.rows if row.cells]
        leading = next((index for index, row in enumerate(rows) if not row.header), len(rows))
        head, body = rows[:leading], rows[leading:]
        spans = table_spans([head, body])
        parts = []
        if node.caption:
            parts.append(self.element("caption", {}, self.inlines(node.caption)))
        if head:
            parts.append(self.element("thead", {}, "".join(self.row(row, True, spans) for row in head)))
        if body:
            parts.append(self.element("tbody", {}, "".join(self.row(row, False, spans) for row in body)))
        return self.element("table", self.common(node), "\n".join(parts))

    def row(self, row: t.Row, in_head: bool, spans: dict[int, tuple[int, int]]) -> str:
        cells = []
        for index, cell in enumerate(row.cells):
            header = cell.header or in_head or row.header
            scope = ("col" if in_head or row.header else "row" if index == 0 else None) if header else None
            colspan, rowspan = spans[id(cell)]
            attributes = {**self.common(cell), "scope": scope,
                          "colspan": colspan if colspan > 1 else None,
                          "rowspan": rowspan if rowspan > 1 else None,
                          "class": [*cell.classes, *([f"align-{cell.align}"] if cell.align else [])] or None}
            cells.append(self.element("th" if header else "td", attributes, self.inlines(cell.children)))
        return self.element("tr", self.common(row), "".join(cells))

    def block_pagebreak(self, node: t.PageBreak) -> str:
        return self.void("hr", self.pagebreak_attributes(node))

    def block_thematicbreak(self, node: t.ThematicBreak) -> str:
        return self.void("hr", self.common(node))

    # --- document parts -------------------------------------------------------------------------

    def toc(self, blocks: list[t.Block], href_prefix: str = "", depth: int = 3) -> list[TocEntry]:
        """The table of contents of ``blocks``: sections down to heading level ``depth``."""
        entries = []
        for block in blocks:
            if isinstance(block, t.Section) and block.heading.level <= depth:
                entries.append(TocEntry(plain_text(block.heading.children), f"{href_prefix}#{block.heading.id}",
                                        self.toc(block.children, href_prefix, depth)))
        return entries

    def note_body(self, note: t.Note) -> Markup:
        """A note's content, with its back link in the document's language at the end."""
        target = self.backlink_targets.get(note.number)
        if target is None:  # a note never called (kept and reported): there is no call to go back to
            return Markup(self.blocks(note.children))
        backlink = self.element("a", {"href": self.noteref_href(target),
                                      **self.semantic("doc-backlink", "backlink"),
                                      }, self.element("span", {"aria-hidden": "true"}, "↩")
                                   + self.element("span", {"class": "visually-hidden"},
                                                  escape(message("backlink", self.lang, n=note.number))))
        if note.children and isinstance(note.children[-1], t.Paragraph):
            last = note.children[-1]
            body = self.blocks(note.children[:-1])
            closing = self.element("p", self.common(last), self.inlines(last.children) + Markup(" ") + backlink)
            return Markup(body + ("\n" if body else "") + closing)
        return Markup(self.blocks(note.children) + "\n" + self.element("p", {}, backlink))

    def render_notes(self, notes: list[t.Note]) -> Markup:
        """The endnotes of the page (the EPUB renderer renders footnotes per chapter instead)."""
        items = "\n".join(self.element("li", {"id": note.id, **self.lang_attributes(note.lang)},
                                       "\n" + self.note_body(note) + "\n") for note in notes)
        return self.element("ol", {}, "\n" + items + "\n")


class _CompiledTemplates(FileSystemBytecodeCache):
    """The templates' compiled code, kept in the user's cache folder: compiling them took about a tenth of
    converting a carnet to HTML and EPUB, in every process. Jinja2 checks each entry against the
    template's source and the Python version; an entry that cannot be read or written is compiled again."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):  # a damaged entry
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a read-only or full cache folder
            super().dump_bytecode(bucket)


@cache
def environment() -> Environment:
    folder = cache_folder() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        compiled: _CompiledTemplates | None = _CompiledTemplates(str(folder))
    except OSError:  # no cache folder: templates are compiled in each process, as before
        compiled = None
    return Environment(loader=FileSystemLoader(str(templates_dir())),
                       autoescape=select_autoescape(["html", "xhtml", "j2"]),
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, bytecode_cache=compiled)


def head_meta(meta: t.Meta) -> list[tuple[str, str]]:
    """The ``<meta name content>`` pairs of the page: the carnet's metadata, so that the HTML reader reads
    the page back into the same tree (Dublin Core names where one fits, ``carnet.*`` for the others)."""
    pairs: list[tuple[str, str]] = [("author", author) for author in meta.authors]
    if meta.subject:
        pairs.append(("description", meta.subject))
    if meta.keywords:
        pairs.append(("keywords", ", ".join(meta.keywords)))
    pairs += [("dcterms.publisher", publisher) for publisher in meta.publisher]
    for name, value in (("dcterms.date", meta.date), ("dcterms.rights", meta.rights),
                        ("dcterms.source", meta.source), ("dcterms.identifier", meta.identifier),
                        ("carnet.subtitle", meta.subtitle), ("carnet.event", meta.event),
                        ("carnet.series", meta.series), ("carnet.number", meta.number)):
        if value:
            pairs.append((name, value))
    pairs += [("carnet.speaker", f"{initials}: {name}") for initials, name in meta.speakers.items()]
    if not meta.reader_note:
        pairs.append(("carnet.reader-note", "false"))
    return pairs


#: The ids of the parts the page template adds around the body.
PAGE_IDS = ("toc", "toc-title", "contenu", "notes", "notes-title")


def page_ids(document: t.Document) -> dict[str, str]:
    """The id of each part the template adds (``toc_title`` for ``toc-title``): its name, unless the carnet
    already uses it — a heading "Notes" has the id ``notes`` — then ``notes-2``… (a duplicate id is invalid
    HTML and sends the skip link or the table of contents' label to the wrong element)."""
    taken = {node.id for node in iter_nodes(document) if node.id}
    ids: dict[str, str] = {}
    for name in PAGE_IDS:
        candidate, index = name, 2
        while candidate in taken:
            candidate, index = f"{name}-{index}", index + 1
        taken.add(candidate)
        ids[name.replace("-", "_")] = candidate
    return ids


def page_context(document: t.Document, renderer: HtmlRenderer) -> dict[str, object]:
    """What the page template needs, all computed here (templates hold markup, not logic)."""
    meta = document.meta
    lang = renderer.lang
    words = {key: message(key, lang) for key in ("toc", "notes", "skip_link", "about")}
    # When the source gives no authors, publisher or licence (an imported PDF text, a bare Markdown file),
    # the footer says so: the reader learns that they are unknown, and the page keeps its footer landmark.
    about = about_lines(meta, lang) or [message("about_missing", lang)]
    series = series_label(meta)
    return {
        "lang": lang, "meta": meta, "title": meta.title or "Carnet", "series": series, "words": words,
        "head_meta": head_meta(meta), "about": about, "toc": renderer.toc(document.children),
        "ids": page_ids(document),
        "body": renderer.blocks(document.children),
        "notes": renderer.render_notes(document.notes) if document.notes else "",
        "css": Markup((templates_dir() / "html" / "carnet.css").read_text(encoding="utf-8")),
    }


def write_html(document: t.Document) -> bytes:
    """The page as UTF-8 bytes."""
    renderer = HtmlRenderer(document)
    context = page_context(document, renderer)
    return environment().get_template("html/page.html.j2").render(**context).encode("utf-8")
