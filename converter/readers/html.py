"""HTML tree builder: HTML elements (from any ``.html`` file, or from Python-Markdown) → semantic tree.

Place in the pipeline: first stage for ``.html`` files, and second half of the Markdown reader. It reads the
light element tree of :mod:`converter.readers.dom`: an ``.html`` file is parsed by BeautifulSoup (lxml)
into it; carnet Markdown reaches it straight from Python-Markdown's ElementTree. BeautifulSoup is imported
only when HTML text is parsed: reading carnet Markdown does not pay for its import (issue 7). It
recognises the markup of Python-Markdown's extensions (footnotes, admonitions, definition lists,
abbreviations) and the accessible markup our own writers emit (DPUB-ARIA roles, ``epub:type``), so an HTML
page written by Carnet accessible reads back into the same tree.

Sections are not read from ``<section>`` elements: the ``sections`` transform rebuilds them from the
headings. Active content (scripts, frames, objects, styles, forms) is never carried into the tree; each
element dropped that way is reported. Links keep only safe URL schemes.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .. import tree as t
from ..errors import CarnetError, Diagnostics
from .dom import Comment, Element, depth_over

_SPACE = re.compile(r"[ \t\n\r\f]+")
_ATTRIBUTION = re.compile(r"^\s*(?:—|--|―)\s*")
_SPEAKER_END = re.compile(r"[\s\u00a0\u202f]*:\s*$")
_TURN = re.compile(r"^\s*(Q|[A-ZÀ-Ý][A-ZÀ-Ýa-z.\-]{0,5})\s*[:\u00a0\u202f]\s*:?\s*")
_DROPPED = {"script", "style", "iframe", "object", "embed", "noscript", "template", "form", "input",
            "button", "select", "textarea", "frame", "frameset", "applet", "canvas", "svg", "math",
            "video", "audio", "source", "track", "link", "meta", "base", "head", "title", "nav"}
# Empty elements of HTML 5. lxml's HTML 4 parser does not know some (embed, source, track, wbr): it puts
# whatever follows them inside them, which must be read, not dropped with them.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source",
         "track", "wbr"}
_SAFE_SCHEMES = {"http", "https", "mailto", "tel", ""}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK_TAGS = {"p", "div", "section", "article", "aside", "blockquote", "ul", "ol", "dl", "table", "hr",
               "figure", "pre", "header", "footer", "main", "body", "html", "li", "dd", "dt", *_HEADINGS}
_INLINE_CONTAINERS = {"em": t.Emphasis, "i": t.Emphasis, "strong": t.Strong, "b": t.Strong,
                      "sup": t.Superscript, "sub": t.Subscript}
_ALIGN_CLASSES = ("align-left", "align-right", "align-center")
_LITERAL_TAGS = {"code", "kbd", "samp", "tt", "var"}


def safe_url(url: str) -> bool:
    """Whether a link target may be kept: http(s), mailto, tel and relative URLs only."""
    cleaned = "".join(ch for ch in url if ch > " ").lower()
    try:
        scheme = urlsplit(cleaned).scheme
    except ValueError:
        return False
    return scheme in _SAFE_SCHEMES


def _common(tag: Element) -> dict:
    classes = [c for c in tag.get("class", []) if c not in ("admonition",)]
    lang = tag.get("lang") or tag.get("xml:lang") or ""
    return {"id": tag.get("id", ""), "classes": classes, "lang": lang}


def _only_child(tag: Element) -> Element | None:
    """The single element inside ``tag`` when it holds nothing else but white space (a comment counts)."""
    children = [c for c in tag.children if not (isinstance(c, str) and not c.strip())]
    return children[0] if len(children) == 1 and isinstance(children[0], Element) else None


def _without(classes: list[str], *names: str) -> list[str]:
    """``classes`` minus the class names our writers add for styling (they are not in the tree)."""
    return [c for c in classes if c not in names]


def _roles(tag: Element) -> set[str]:
    roles = set((tag.get("role") or "").split())
    roles.update((tag.get("epub:type") or "").split())
    return {r.removeprefix("doc-") for r in roles}


class _Builder:
    def __init__(self, source: str, diagnostics: Diagnostics, speakers: dict[str, str]) -> None:
        self.source = source
        self.diagnostics = diagnostics
        self.speakers = speakers
        self.notes: list[t.Note] = []
        self.note_ids: dict[str, str] = {}  # HTML id of a note → tree id

    # --- inline content ---------------------------------------------------------------------

    def inlines(self, tag: Element) -> list[t.Inline]:
        result: list[t.Inline] = []
        for child in tag.children:
            items = self.inline(child)
            if result and isinstance(result[-1], t.LineBreak) and items and isinstance(items[0], t.Text):
                items[0].text = items[0].text.lstrip(" ")  # the source's line end after <br>, not a space
                if not items[0].text:
                    items = items[1:]
            result.extend(items)
        return result

    def inline(self, node: Element | str) -> list[t.Inline]:  # noqa: C901 - one branch per element kind
        if isinstance(node, str):
            if isinstance(node, Comment):
                return []
            text = _SPACE.sub(" ", node)
            return [t.Text(text=text)] if text else []
        name = node.name.lower()
        roles = _roles(node)
        common = _common(node)
        if name in _VOID and name not in ("img", "br", "hr"):  # what the parser put inside it followed it
            if name in _DROPPED:
                self.dropped(node)
            return self.inlines(node)
        if name in _DROPPED:
            self.dropped(node)
            return []
        if "pagebreak" in roles:
            label = node.get("aria-label") or node.get("title") or node.get_text(strip=True)
            return [t.PageBreak(label=label.removeprefix("page ").strip(), id=common["id"])]
        if "noteref" in roles or "footnote-ref" in node.get("class", []):
            return [self.noteref(node)]
        if name == "sup":
            call = _only_child(node)
            if call is not None and ("noteref" in _roles(call) or "footnote-ref" in call.get("class", [])):
                return [self.noteref(call)]  # our writers' <sup><a role="doc-noteref">
        if "backlink" in roles or "footnote-backref" in node.get("class", []):
            return []
        if name == "br":
            return [t.LineBreak()]
        if name == "img":
            alt = node.get("alt")
            self.diagnostics.warn("an image inside a paragraph was replaced by its text alternative",
                                  self.source, None, "put the image in a paragraph of its own")
            return [t.Text(text=alt)] if alt else []
        if name in _LITERAL_TAGS:
            return [t.Literal(text=node.get_text(), **common)]
        if name == "a":
            href = (node.get("href") or "").strip()
            children = self.inlines(node)
            if not href:
                return children
            if not safe_url(href):
                self.diagnostics.warn(f"link to {href[:40]!r} removed (unsafe URL scheme), its text kept",
                                      self.source)
                return children
            return [t.Link(target=href, title=node.get("title", ""), children=children, **common)]
        if name == "abbr":
            title = node.get("title", "")
            children = self.inlines(node)
            if not title:
                return children
            return [t.Abbreviation(expansion=title, children=children, **common)]
        if name in _INLINE_CONTAINERS:
            return [_INLINE_CONTAINERS[name](children=self.inlines(node), **common)]
        if name == "span" and (common["lang"] or common["classes"] or common["id"]):
            return [t.Span(children=self.inlines(node), **common)]
        return self.inlines(node)

    def noteref(self, tag: Element) -> t.NoteRef:
        href = tag.get("href", "")
        return t.NoteRef(note_id=self.note_id(href.lstrip("#")))

    def note_id(self, html_id: str) -> str:
        if html_id not in self.note_ids:
            label = html_id.split(":", 1)[-1] if html_id.startswith("fn:") else html_id
            self.note_ids[html_id] = "note-" + re.sub(r"[^\w-]", "-", label)
        return self.note_ids[html_id]

    def dropped(self, tag: Element) -> None:
        if tag.name in ("head", "title", "meta", "link", "nav"):
            return  # the page's furniture, not its text
        text = tag.get_text(" ", strip=True)
        detail = f" and its text {text[:40]!r}" if text and tag.name not in ("script", "style", *_VOID) else ""
        self.diagnostics.warn(f"<{tag.name}> element removed{detail}", self.source, None,
                              "active or embedded content is never carried into an edition")

    # --- blocks -------------------------------------------------------------------------------

    def blocks(self, tag: Element) -> list[t.Block]:
        """The blocks of a container; stray inline content is gathered into paragraphs."""
        result: list[t.Block] = []
        pending: list = []

        def flush() -> None:
            if pending:
                inlines: list[t.Inline] = []
                for node in pending:
                    inlines.extend(self.inline(node))
                if any(not isinstance(i, t.Text) or i.text.strip() for i in inlines):
                    result.append(self.paragraph_or_pagebreak(t.Paragraph(children=inlines)))
                pending.clear()

        for child in tag.children:
            if isinstance(child, Element) and (child.name in _BLOCK_TAGS or child.name in _DROPPED
                                           or child.name == "img"):
                flush()
                result.extend(self.block(child))
            else:
                pending.append(child)
        flush()
        return result

    def paragraph_or_pagebreak(self, paragraph: t.Paragraph) -> t.Block:
        meaningful = [c for c in paragraph.children if not (isinstance(c, t.Text) and not c.text.strip())]
        if len(meaningful) == 1 and isinstance(meaningful[0], t.PageBreak):
            return meaningful[0]
        return paragraph

    def block(self, tag: Element) -> list[t.Block]:  # noqa: C901 - one branch per element kind
        name = tag.name.lower()
        roles = _roles(tag)
        common = _common(tag)
        if name in _VOID and name not in ("img", "hr", "br") and len(tag.contents):
            if name in _DROPPED:
                self.dropped(tag)
            return self.blocks(tag)  # what the parser put inside an empty element followed it in the source
        if name in _DROPPED:
            self.dropped(tag)
            return []
        if name == "div" and "footnote" in tag.get("class", []) or roles & {"endnotes", "footnotes"}:
            self.read_notes(tag)
            return []
        if roles & {"footnote", "endnote", "rearnote"}:
            self.read_note(tag)
            return []
        if "pagebreak" in roles:
            return self.inline(tag)
        if name == "div" and "interview" in tag.get("class", []):
            return [self.interview_turns(tag, {**common, "classes": _without(common["classes"], "interview")})]
        if name == "figure" and tag.find("blockquote", recursive=False) is not None and tag.find("img") is None:
            return [self.quotation(tag)]
        if name in _HEADINGS:
            return [t.Heading(level=_HEADINGS[name], children=self.inlines(tag), **common)]
        if name == "p":
            if "admonition-title" in tag.get("class", []):
                return []
            images = tag.find_all("img", recursive=False)
            if len(images) == 1 and not tag.get_text(strip=True):
                return [self.figure_from_img(images[0], tag)]
            return [self.paragraph_or_pagebreak(t.Paragraph(children=self.inlines(tag), **common))]
        if name == "img":
            return [self.figure_from_img(tag, None)]
        if name == "hr":
            return [t.ThematicBreak(**common)]
        if name in ("ul", "ol"):
            items = [t.ListItem(children=self.blocks(li), **_common(li))
                     for li in tag.find_all("li", recursive=False)]
            start = int(tag.get("start", "1")) if str(tag.get("start", "1")).isdigit() else 1
            return [t.List(ordered=name == "ol", start=start, items=items, **common)]
        if name == "dl":
            return [self.definition_list(tag, common, "glossary" in roles)]
        if name == "table":
            return [self.table(tag, common)]
        if name == "figure":
            return [self.figure(tag, common)]
        if name == "pre":
            return [t.Paragraph(children=[t.Literal(text=tag.get_text())], **common)]
        if name == "blockquote":
            children = self.blocks(tag)
            attribution = self.take_attribution(children)
            if "pullquote" in common["classes"]:  # our writers' original pull quote
                common["classes"] = _without(common["classes"], "pullquote")
                return [t.PullQuote(children=children, attribution=attribution, repeats_body=False, **common)]
            return [t.BlockQuote(children=children, attribution=attribution, **common)]
        if name == "div" and "admonition" in tag.get("class", []):
            return [self.admonition(tag, common)]
        if name == "aside" or "sidebar" in roles:
            if "pullquote" in roles:
                children = self.blocks(tag)
                common["classes"] = _without(common["classes"], "pullquote")
                return [t.PullQuote(children=children, attribution=self.take_attribution(children),
                                    repeats_body=tag.get("aria-hidden") == "true", **common)]
            common["classes"] = _without(common["classes"], "sidebar")
            return [self.sidebar(tag, common)]
        if name == "section" and "glossary" in roles:
            blocks = self.blocks(tag)
            for block in blocks:
                if isinstance(block, t.DefinitionList):
                    block.glossary = True
            if blocks and isinstance(blocks[0], t.Heading) and "glossary" not in blocks[0].classes:
                blocks[0].classes.append("glossary")
            return blocks
        # Any other container: its blocks, taking its language when they have none.
        blocks = self.blocks(tag)
        if common["lang"]:
            for block in blocks:
                block.lang = block.lang or common["lang"]
        return blocks

    def take_attribution(self, children: list[t.Block]) -> list[t.Inline]:
        """A last paragraph starting with a dash is the quote's attribution."""
        if children and isinstance(children[-1], t.Paragraph):
            first = children[-1].children[0] if children[-1].children else None
            if isinstance(first, t.Text) and _ATTRIBUTION.match(first.text):
                paragraph = children.pop()
                first.text = _ATTRIBUTION.sub("", first.text, count=1)
                return paragraph.children
        return []

    def quotation(self, figure: Element) -> t.Block:
        """``<figure><blockquote>…</blockquote><figcaption>— source</figcaption></figure>``: a quotation."""
        quote = self.block(figure.find("blockquote", recursive=False))[0]
        caption = figure.find("figcaption", recursive=False)
        if caption is not None:
            attribution = self.inlines(caption)
            first = attribution[0] if attribution else None
            if isinstance(first, t.Text):
                first.text = _ATTRIBUTION.sub("", first.text, count=1)
            quote.attribution = attribution
        figure_common = _common(figure)
        quote.classes = _without(figure_common["classes"], "quotation") + quote.classes
        quote.id = quote.id or figure_common["id"]
        quote.lang = quote.lang or figure_common["lang"]
        return quote

    def interview_turns(self, tag: Element, common: dict) -> t.Interview:
        """Our writers' interview: ``div.turn.question`` / ``div.turn.answer`` with a ``strong.speaker`` label."""
        if not tag.find("div", class_="turn", recursive=False):
            return self.interview(tag, common)
        initials_of = {name: initials for initials, name in self.speakers.items()}
        turns: list[t.Turn] = []
        for div in tag.find_all("div", class_="turn", recursive=False):
            role = "question" if "question" in div.get("class", []) else "answer"
            for label in div.find_all(class_="question-label"):
                label.trim_next_space()
                label.extract()  # "Question :", the writer's label
            speaker = ""
            label = div.find("strong", class_="speaker")
            if label is not None:
                speaker = _SPEAKER_END.sub("", label.get_text()).strip()
                label.trim_next_space()
                label.extract()
            turn_common = _common(div)
            turn_common["classes"] = _without(turn_common["classes"], "turn", "question", "answer")
            turns.append(t.Turn(role=role, speaker=speaker, initials=initials_of.get(speaker, ""),
                                children=self.blocks(div), **turn_common))
        return t.Interview(turns=turns, **common)

    def admonition(self, tag: Element, common: dict) -> t.Block:
        kinds = [c for c in tag.get("class", []) if c != "admonition"]
        kind = kinds[0] if kinds else "sidebar"
        # The admonition's kind words say what the block is; they are not presentation classes.
        common["classes"] = [c for c in common["classes"] if c not in (kind, "original")]
        if kind == "pullquote":
            children = self.blocks(tag)
            return t.PullQuote(children=children, attribution=self.take_attribution(children),
                               repeats_body="original" not in kinds, **common)
        if kind == "interview":
            return self.interview(tag, common)
        title = tag.find(class_="admonition-title", recursive=False)
        if title is not None and title.get_text(strip=True) == kind.capitalize():
            title.extract()  # Python-Markdown's default title ("Sidebar"): the editor gave none
        return self.sidebar(tag, common)

    def sidebar(self, tag: Element, common: dict) -> t.Sidebar:
        title = tag.find(class_="admonition-title", recursive=False)
        heading = None
        if title is not None:
            heading = t.Heading(level=0, children=self.inlines(title))
        children = self.blocks(tag)
        if heading is None and children and isinstance(children[0], t.Heading):
            heading = children.pop(0)
        return t.Sidebar(heading=heading, children=children, **common)

    def interview(self, tag: Element, common: dict) -> t.Interview:
        turns: list[t.Turn] = []
        for block in self.blocks(tag):
            prefix = self.turn_prefix(block)
            if prefix is not None:
                role, initials, name = prefix
                turns.append(t.Turn(role=role, speaker=name, initials=initials, children=[block]))
            elif turns:
                turns[-1].children.append(block)
            else:
                self.diagnostics.warn("interview text before the first question or answer was kept as a "
                                      "question", self.source, None,
                                      "start each turn with 'Q : ' or the speaker's initials and ' : '")
                turns.append(t.Turn(role="question", children=[block]))
        return t.Interview(turns=turns, **common)

    def turn_prefix(self, block: t.Block) -> tuple[str, str, str] | None:
        """('question' | 'answer', initials, name) when the paragraph starts a turn; strips the prefix."""
        if not isinstance(block, t.Paragraph) or not block.children:
            return None
        first = block.children[0]
        if not isinstance(first, t.Text):
            return None
        match = _TURN.match(first.text)
        if not match:
            return None
        initials = match.group(1)
        if initials == "Q":
            first.text = first.text[match.end():]
            return "question", "", ""
        if initials in self.speakers:
            first.text = first.text[match.end():]
            return "answer", initials, self.speakers[initials]
        return None

    def definition_list(self, tag: Element, common: dict, glossary: bool) -> t.DefinitionList:
        items: list[t.DefinitionItem] = []
        for child in tag.find_all(["dt", "dd"], recursive=False):
            if child.name == "dt":
                items.append(t.DefinitionItem(term=self.inlines(child), **_common(child)))
            elif items:
                items[-1].definitions.append(self.blocks(child))
            else:
                items.append(t.DefinitionItem(definitions=[self.blocks(child)]))
        glossary = glossary or "glossary" in common["classes"]
        common["classes"] = _without(common["classes"], "glossary")
        return t.DefinitionList(items=items, glossary=glossary, **common)

    def table(self, tag: Element, common: dict) -> t.Table:
        rows: list[t.Row] = []
        for tr in tag.find_all("tr"):
            if tr.find_parent("table") is not tag:
                continue
            cells = []
            for cell in tr.find_all(["th", "td"], recursive=False):
                cell_common = _common(cell)
                align_classes = [c for c in cell_common["classes"] if c in _ALIGN_CLASSES]
                cell_common["classes"] = _without(cell_common["classes"], *_ALIGN_CLASSES)
                cells.append(t.Cell(
                    children=self.inlines(cell), header=cell.name == "th",
                    colspan=int(cell.get("colspan", 1)) if str(cell.get("colspan", 1)).isdigit() else 1,
                    rowspan=int(cell.get("rowspan", 1)) if str(cell.get("rowspan", 1)).isdigit() else 1,
                    align=(cell.get("style", "").partition("text-align:")[2].strip(" ;") or cell.get("align", "")
                           or (align_classes[0].removeprefix("align-") if align_classes else "")),
                    **cell_common))
            in_head = tr.find_parent("thead") is not None
            rows.append(t.Row(cells=cells, header=in_head or (bool(cells) and all(c.header for c in cells)),
                              **_common(tr)))
        caption = tag.find("caption")
        return t.Table(caption=self.inlines(caption) if caption else [], rows=rows, **common)

    def figure_from_img(self, img: Element, paragraph: Element | None) -> t.Figure:
        common = _common(paragraph) if paragraph is not None else {"id": "", "classes": [], "lang": ""}
        img_common = _common(img)
        classes = common["classes"] + img_common["classes"]
        alt = img.get("alt")
        if alt == "" and "decorative" not in classes:
            alt = None  # carnet Markdown: an empty alt is a missing one unless marked decorative
        caption = [t.Text(text=img["title"])] if img.get("title") else []
        credit = [t.Text(text=img["credit"])] if img.get("credit") else []
        return t.Figure(src=img.get("src", ""), alt=alt, caption=caption, credit=credit,
                        id=img_common["id"] or common["id"], classes=classes,
                        lang=img_common["lang"] or common["lang"])

    def figure(self, tag: Element, common: dict) -> t.Figure:
        img = tag.find("img")
        figure = self.figure_from_img(img, None) if img else t.Figure(src="")
        if img is not None and img.get("alt") == "":
            figure.alt = ""  # in HTML, alt="" is an explicit decorative image
        figcaption = tag.find("figcaption")
        if figcaption is not None:
            credit_tag = figcaption.find(attrs={"role": "doc-credit"}) or figcaption.find(class_="credit")
            if credit_tag is not None:
                credit_tag.extract()
                for label in credit_tag.find_all(class_="credit-label"):
                    label.extract()  # "Crédit : ", the writer's words
                figure.credit = self.inlines(credit_tag)
            figure.caption = self.inlines(figcaption)
        figure.id = figure.id or common["id"]
        figure.classes = common["classes"] + figure.classes
        figure.lang = figure.lang or common["lang"]
        return figure

    # --- notes --------------------------------------------------------------------------------

    def read_notes(self, tag: Element) -> None:
        for item in tag.find_all(["li", "aside"]):
            if item.get("id"):
                self.read_note(item)

    def read_note(self, tag: Element) -> None:
        note = t.Note(id=self.note_id(tag.get("id", "")), children=self.blocks(tag))
        self.notes.append(note)


_HEAD_FIELDS = {"dcterms.date": "date", "dcterms.rights": "rights", "dcterms.source": "source",
                "dcterms.identifier": "identifier", "carnet.subtitle": "subtitle", "carnet.event": "event",
                "carnet.series": "series", "carnet.number": "number"}


def _head_meta(document: Element, meta: t.Meta) -> None:
    """The carnet's metadata from the page's ``<meta name content>`` (as our HTML writer writes them)."""
    for tag in document.find_all("meta", attrs={"name": True, "content": True}):
        name, value = str(tag["name"]).lower(), str(tag["content"]).strip()
        if name == "author":
            meta.authors.append(value)
        elif name in ("description", "dcterms.subject"):
            meta.subject = meta.subject or value
        elif name == "keywords":
            meta.keywords = [k.strip() for k in value.split(",") if k.strip()]
        elif name == "dcterms.publisher":
            meta.publisher.append(value)
        elif name in _HEAD_FIELDS:
            setattr(meta, _HEAD_FIELDS[name], value)
        elif name == "carnet.speaker" and ":" in value:
            initials, _, full_name = value.partition(":")
            meta.speakers[initials.strip()] = full_name.strip()
        elif name == "carnet.reader-note":
            meta.reader_note = value.lower() not in ("false", "no", "0")


MAX_NESTING = 100
"""Deepest nesting of elements read (lists in lists, quotes in quotes, emphasis in emphasis…). Real carnets
stay far below it; the reader, the transforms and the writers walk the tree recursively, so a deeper source
is refused with a clear error instead of failing with a RecursionError."""


def check_nesting(root: Element, source: str, depth: int = 0) -> None:
    """A clear error when elements are nested deeper than :data:`MAX_NESTING` (``root`` is at ``depth``)."""
    if depth_over(root, MAX_NESTING - depth):
        raise CarnetError(f"nesting deeper than {MAX_NESTING} levels (lists, quotes or markup inside one "
                          "another)", source, None, "flatten the structure: split the deepest lists or quotes")


def parse_html(html: str) -> Element:
    """The document (a nameless root element) of HTML text, as BeautifulSoup with lxml parses it."""
    from bs4 import BeautifulSoup, NavigableString
    from bs4 import Comment as SoupComment

    soup = BeautifulSoup(html, "lxml")
    document = Element("[document]")
    # Copied without recursion: the nesting is checked on the copy.
    stack: list[tuple[object, Element]] = [(soup, document)]
    while stack:
        tag, element = stack.pop()
        types = tag.interesting_string_types  # type: ignore[attr-defined]
        if types is not None and types != {NavigableString}:  # <script>, <style>, <template>, <rt>, <rp>
            element.text_types = frozenset(str if kind is NavigableString else kind for kind in types)
        children = element.children
        for child in tag.contents:  # type: ignore[attr-defined]
            if isinstance(child, NavigableString):
                kind = type(child)
                # Plain text becomes str; other kinds keep their class (read as text, not counted by get_text).
                children.append(str(child) if kind is NavigableString else
                                Comment(child) if kind is SoupComment else child)
            else:
                copy = Element(child.name, dict(child.attrs), element)
                children.append(copy)
                stack.append((child, copy))
    return document


def build_document(root: Element, source: str = "", meta: t.Meta | None = None,
                   diagnostics: Diagnostics | None = None, page: bool = False) -> t.Document:
    """Build the tree of a parsed HTML document (:func:`parse_html`), or of a ``body`` element.

    ``page``: ``root`` is a whole page; its metadata is read from its head, and only its ``<main>``
    (when it has one) is content: header, navigation and footer are the page's furniture.
    """
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    meta = meta or t.Meta()
    if root.name == "body":  # Python-Markdown's: a body element, at depth 2 of a page (html, body)
        check_nesting(root, source, 2)
        body, html = root, None
    else:
        check_nesting(root, source)
        body, html = root.find("body"), root.find("html")
        if page:
            _head_meta(root, meta)
            body = root.find("main") or body
    if html is not None and not meta.title:
        title = root.find("title")
        meta.title = title.get_text(" ", strip=True) if title else ""
        meta.lang = html.get("lang") or html.get("xml:lang") or meta.lang or "fr"
    builder = _Builder(source, diagnostics, meta.speakers)
    blocks = builder.blocks(body or root)
    document = t.Document(meta=meta, children=blocks, notes=builder.notes)
    document.diagnostics = diagnostics
    return document


def build_tree(html: str, source: str = "", meta: t.Meta | None = None,
               diagnostics: Diagnostics | None = None, page: bool = False) -> t.Document:
    """Build the tree of an HTML document or fragment (see :func:`build_document` for ``page``)."""
    return build_document(parse_html(html), source, meta, diagnostics, page)


def read_html(text: str, source: str = "", base_dir: str = "") -> t.Document:
    """Read an HTML page (``.html``) into a tree."""
    document = build_tree(text, source=source, page=True)
    document.base_dir = base_dir
    return document
