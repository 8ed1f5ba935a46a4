"""Carnet Markdown reader: source text → Python-Markdown's ElementTree → tree (the HTML tree builder).

Place in the pipeline: first stage, for ``.md`` files. Carnet Markdown is Python-Markdown with the
``extra`` extensions (footnotes, definition lists, abbreviations, attribute lists, tables, md_in_html),
``admonition`` (sidebars, pull quotes, interviews) and two additions of ours, both written so that plain
Markdown tools show them as harmless text:

- ``{{page 12}}``: where print page 12 starts (alone on a line between blocks, or inside a paragraph);
- ``[smart city]{lang=en}``: a span with attributes (``lang=…``, ``.class``, ``#id``), as in pandoc.

YAML front matter carries the metadata. See ``docs/carnet-markdown.md`` for the editor's guide.
Checks that need source line numbers (footnote calls without a note, images without alt text) are made
here, on the source, before it is converted.

Python-Markdown's ElementTree is read as the HTML it stands for, without writing that HTML and parsing it
again (issue 7: the two took a third of a read, and BeautifulSoup's import as much again on a first read):
:func:`_elements` gives exactly the elements and strings that BeautifulSoup (lxml) would have made of
Python-Markdown's output. Raw HTML written in the Markdown is read that way only when it is plain inline
markup (``1<sup>er</sup>``, ``<span lang="en">``, ``&nbsp;``, comments); anything else (a block of raw
HTML, an unknown entity, a control character, markup lxml would rearrange) makes the reader fall back on
writing the HTML and parsing it, so that the tree is the same either way.
"""

from __future__ import annotations

import contextlib
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from html import escape

import markdown
import yaml
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.attr_list import AttrListExtension, get_attrs_and_remainder, sanitize_name
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.footnotes import FN_BACKLINK_TEXT, NBSP_PLACEHOLDER, FootnoteExtension
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.serializers import BOOLEAN_ATTRIBUTES

from ..errors import CarnetError, Diagnostics
from ..isolate import call_isolated
from ..tree import Document, Meta
from .dom import Comment, Element
from .html import MAX_NESTING, build_document, build_tree

PAGE_MARKER = r"\{\{\s*page\s+([^\s{}]+)\s*\}\}"
SPAN = r"\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\{([^{}]*)\}"

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FENCE = re.compile(r"^(```|~~~)")
_NOTE_CALL = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)
_IMAGE_NO_ALT = re.compile(r"!\[\]\(([^)\s]*)[^)]*\)(\{[^}]*\})?")
_BRACKET = re.compile(r"(?<!\\)[\[\]]")
_NESTING_PREFIX = re.compile(r"[ \t>]*")
_ATTRIBUTE = re.compile(r"""([#.][\w:-]+)|([\w:-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")


class _PageMarkerProcessor(InlineProcessor):
    """``{{page 12}}`` → ``<span role="doc-pagebreak" aria-label="12">``: what the HTML builder reads."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        element = etree.Element("span")
        element.set("role", "doc-pagebreak")
        element.set("aria-label", m.group(1))
        return element, m.start(0), m.end(0)


def parse_attributes(text: str) -> dict[str, str]:
    """``lang=en .uppercase #id key="value"`` → attribute dict (classes joined in ``class``)."""
    attributes: dict[str, str] = {}
    classes: list[str] = []
    for match in _ATTRIBUTE.finditer(text):
        shorthand, key = match.group(1), match.group(2)
        if shorthand:
            if shorthand[0] == ".":
                classes.append(shorthand[1:])
            else:
                attributes["id"] = shorthand[1:]
        else:
            value = next(v for v in match.group(3, 4, 5) if v is not None)
            attributes[key] = value
    if classes:
        attributes["class"] = " ".join(classes)
    return attributes


class _SpanProcessor(InlineProcessor):
    """``[text]{lang=en .class}`` → ``<span lang="en" class="class">text</span>``."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        element = etree.Element("span")
        element.text = m.group(1)
        for key, value in parse_attributes(m.group(2)).items():
            element.set(key, value)
        return element, m.start(0), m.end(0)


class CarnetExtension(Extension):
    """Page markers and attribute spans."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        # Above links (160) so that ``[x]{…}`` is not read as a reference link.
        md.inlinePatterns.register(_SpanProcessor(SPAN, md), "carnet_span", 175)
        md.inlinePatterns.register(_PageMarkerProcessor(PAGE_MARKER, md), "carnet_page", 176)


class FencedCode(Extension):
    """Fenced code blocks (```` ``` ```` or ``~~~``, with a language or ``{#id .class key=value}``), stored as
    Python-Markdown's own "fenced_code" extension stores them: a ``<pre><code>`` block of escaped text.

    Its module imports the code highlighter's support (pygments and, through pygments' plugins, the
    installed packages' metadata): a quarter of the Markdown reader's start-up, for highlighting that a
    carnet never uses (no highlighter is configured, so that extension never calls it either).
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.registerExtension(self)
        md.preprocessors.register(_FencedBlocks(md), "fenced_code_block", 25)  # where "fenced_code" goes


_FENCED_BLOCK = re.compile(
    r"(?P<fence>^(?:~{3,}|`{3,}))[ ]*"  # the opening fence
    r"(?:\{(?P<attrs>[^\n]*)\}|\.?(?P<lang>[\w#.+-]*)[ ]*(?:hl_lines=(?P<quote>\"|')(?:.*?)(?P=quote)[ ]*)?)"
    r"\n(?P<code>.*?)(?<=\n)"  # the code, up to a line that holds the same fence
    r"(?P=fence)[ ]*$",
    re.MULTILINE | re.DOTALL,
)


class _FencedBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        index = 0
        while match := _FENCED_BLOCK.search(text, index):
            block_id, classes, pairs, lang = "", [], [], match.group("lang") or ""
            if match.group("attrs") is not None:
                attributes, remainder = get_attrs_and_remainder(match.group("attrs"))
                if remainder:  # unbalanced braces: not an attribute list, and not a fence opening
                    index = match.end("attrs")
                    continue
                for key, value in attributes:
                    value = key if value is None else value  # a bare word is a flag named after itself
                    if key == "id":
                        block_id = value
                    elif key == ".":
                        classes.append(value)
                    elif key not in ("hl_lines", "use_pygments"):
                        pairs.append((key, value))
                lang = classes.pop(0) if classes else ""
            pre = (f' id="{escape(block_id)}"' if block_id else "") + \
                (f' class="{escape(" ".join(classes))}"' if classes else "")
            code = (f' class="language-{escape(lang)}"' if lang else "") + \
                "".join(f' {sanitize_name(key)}="{escape(value)}"' for key, value in pairs)
            placeholder = self.md.htmlStash.store(f"<pre{pre}><code{code}>{escape(match.group('code'))}</code></pre>")
            text = f"{text[:match.start()]}\n{placeholder}\n{text[match.end():]}"
            index = match.start() + 1 + len(placeholder)
        return text.split("\n")


def _markdown() -> markdown.Markdown:
    # The extensions of "extra" (in its order), "admonition" and "sane_lists", given as instances: named,
    # they are looked up among the installed packages' entry points, which costs more than the rest of
    # the set-up on a first read. The footnotes keep their default settings: the settings once given for
    # "footnotes" never reached it (it was loaded by "extra", which passes it none), and the back links'
    # text counts in what the tree builder reads (a note's image alone in its paragraph, or not).
    md = markdown.Markdown(
        extensions=[FencedCode(), FootnoteExtension(), AttrListExtension(), DefListExtension(), TableExtension(), AbbrExtension(),
                    MarkdownInHtmlExtension(), AdmonitionExtension(), SaneListExtension(), CarnetExtension()],
        output_format="html",
    )
    _guard_regular_expressions(md)
    # The inline processor looks its patterns up by index some 15 times per text: in the registry each
    # look-up re-checks the order; the same patterns in a plain list are found at once.
    inline = md.treeprocessors["inline"]
    inline.inlinePatterns = list(md.inlinePatterns)  # type: ignore[attr-defined]
    return md


# --- Python-Markdown's slowest regular expressions, run only where they can match ----------------------
# Many of Python-Markdown's patterns start with a look-behind or "(^|\n)", which the regular expression
# engine cannot skip ahead to: it tries them at every character of every block and every text. On carnet
# #9 they took a third of Python-Markdown's time, the code spans' pattern alone half of the inline
# patterns'. Each one below (when it is still the one written here) is guarded: a block is searched only
# when it holds what a match needs, a text from the first place a match can start (``str.find`` is fast).
# The matches are the same.


class _Guarded:
    """A regular expression, run only on texts where a match is possible."""

    __slots__ = ("regex", "possible", "starts")

    def __init__(self, regex: re.Pattern[str], possible: Callable[[str], bool],
                 starts: tuple[str, ...] = ()) -> None:
        self.regex = regex
        self.possible = possible
        self.starts = starts  # the strings a match starts with, when known

    def search(self, text: str, *bounds: int) -> re.Match[str] | None:
        return self.regex.search(text, *bounds) if self.possible(text) else None

    def match(self, text: str, *bounds: int) -> re.Match[str] | None:
        return self.regex.match(text, *bounds) if self.possible(text) else None

    def finditer(self, text: str, start: int = 0) -> Iterator[re.Match[str]]:
        if self.starts:
            first = -1
            for string in self.starts:
                index = text.find(string, start)
                if index >= 0 and (first < 0 or index < first):
                    first = index
            # A look-behind still sees the characters before ``first``.
            return self.regex.finditer(text, first) if first >= 0 else iter(())
        return self.regex.finditer(text, start) if self.possible(text) else iter(())

    def __getattr__(self, name: str) -> object:
        return getattr(self.regex, name)


def _holding(*needles: str) -> Callable[[str], bool]:
    return lambda text: any(needle in text for needle in needles)


_DEFINITION_LINE = re.compile(r"\n {0,3}: ")


def _may_define(text: str) -> bool:
    return text[:5].lstrip(" ").startswith(": ") or _DEFINITION_LINE.search(text) is not None


_LINK_START = r"(?<!\!)\["
_INLINE_GUARDS = {  # pattern: (its regular expression, the strings its matches start with)
    "backtick": (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", ("\\", "`")),
    "reference": (_LINK_START, ("[",)),
    "link": (_LINK_START, ("[",)),
    "short_reference": (_LINK_START, ("[",)),
}
_BLOCK_GUARDS = {  # block processor: (its regular expression, what a block must hold to match)
    "hashheader": (r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)",
                   lambda text: text.startswith("#") or "\n#" in text),
    "setextheader": (r"^.*?\n(?:=+|-+)[ ]*(\n|$)", _holding("\n=", "\n-")),
    "quote": (r"(^|\n)[ ]{0,3}>[ ]?(.*)", _holding(">")),
    "reference": (r"""^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$""",
                  _holding("]:")),
    "footnote": (r"^[ ]{0,3}\[\^([^\]]*)\]:[ ]*(.*)$", _holding("[^")),
    "deflist": (r"(^|\n)[ ]{0,3}:[ ]{1,3}(.*?)(\n|$)", _may_define),
    "abbr": (r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*\n?[ ]*(?P<title>.*)$", _holding("*[")),
    "admonition": (r'(?:^|\n)!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *(?:\n|$)', _holding("!!!")),
}


def _guard_regular_expressions(md: markdown.Markdown) -> None:
    for name, (regex, starts) in _INLINE_GUARDS.items():
        if name in md.inlinePatterns and getattr(md.inlinePatterns[name], "compiled_re", None) is not None:
            pattern = md.inlinePatterns[name]
            if pattern.compiled_re.pattern == regex:
                pattern.compiled_re = _Guarded(pattern.compiled_re, bool, starts)  # type: ignore[assignment]
    for name, (regex, possible) in _BLOCK_GUARDS.items():
        if name in md.parser.blockprocessors:
            processor = md.parser.blockprocessors[name]
            if getattr(getattr(processor, "RE", None), "pattern", None) == regex:
                processor.RE = _Guarded(processor.RE, possible)  # type: ignore[attr-defined]


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, keeping dates as written: ``date: 2026-11-48`` is text, not a ValueError."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class _ParsedLoader(yaml.composer.Composer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """:class:`_FrontMatterLoader`, fed with the events already parsed: the front matter is parsed once
    (looking for aliases), not a second time to be loaded (pure-Python YAML is slow)."""

    yaml_implicit_resolvers = _FrontMatterLoader.yaml_implicit_resolvers

    def __init__(self, events: list[yaml.Event]) -> None:
        self.events = events
        self.next = 0
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    # The parser's interface, as yaml.parser.Parser has it.
    def check_event(self, *choices: type) -> bool:
        event = self.peek_event()
        return event is not None and (not choices or isinstance(event, choices))

    def peek_event(self) -> yaml.Event | None:
        return self.events[self.next] if self.next < len(self.events) else None

    def get_event(self) -> yaml.Event | None:
        event = self.peek_event()
        self.next += 1
        return event


ISOLATE_ABOVE = 1_000_000
"""Characters of Markdown above which it is read in a child process (see converter.isolate)."""


def _element_tree(md: markdown.Markdown, body: str) -> etree.Element:
    """Python-Markdown's ElementTree of ``body`` (not blank): ``Markdown.convert`` up to its serialisation."""
    md.lines = body.split("\n")
    for preprocessor in md.preprocessors:
        md.lines = preprocessor.run(md.lines)
    root = md.parser.parseDocument(md.lines).getroot()
    for treeprocessor in md.treeprocessors:
        new_root = treeprocessor.run(root)
        if new_root is not None:
            root = new_root
    return root


def _html(md: markdown.Markdown, root: etree.Element) -> str:
    """The HTML of ``root``: the rest of ``Markdown.convert``, for what :func:`_elements` cannot read."""
    output = md.serializer(root)
    start = output.index(f"<{md.doc_tag}>") + len(md.doc_tag) + 2
    output = output[start:output.rindex(f"</{md.doc_tag}>")].strip()
    for postprocessor in md.postprocessors:
        output = postprocessor.run(output)
    return output.strip()


# --- Python-Markdown's ElementTree read as BeautifulSoup reads its HTML ------------------------------


class _Unreadable(Exception):
    """Something that only an HTML parser reads exactly: the reader writes the HTML and parses it."""


# What the HTML serializer writes as it is (and an HTML parser then decodes): an entity-like "&…;".
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);", re.I)
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "nbsp": "\xa0"}
_RAW = re.compile("\x02wzxhzdk:([0-9]+)\x03")  # Python-Markdown's placeholder of stashed raw HTML
# Characters that an HTML parser replaces or drops (controls, surrogates, non-characters). The first
# expression is the quick one (a class of many single characters above U+FFFF is slow): it also finds any
# character above U+FFFD, which the second one then checks.
_MAYBE_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe-\U0010ffff]")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                     + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
                     + "]")
# Raw inline markup read here: start and end tags of phrase elements, <br>, comments, entities.
_PHRASE = {"em", "strong", "span", "sup", "sub", "abbr", "b", "i", "small", "u", "s", "mark", "q", "cite", "code"}
_START_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9]*)((?:[ \t\n]+[a-zA-Z_:][-a-zA-Z0-9_:.]*[ \t\n]*=[ \t\n]*"""
                        r"""(?:"[^"<>&\n]*"|'[^'<>&\n]*'))*)[ \t\n]*>\Z""")
_RAW_ATTRIBUTE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)[ \t\n]*=[ \t\n]*(?:"([^"]*)"|'([^']*)')""")
_END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)[ \t\n]*>\Z")
_BR = re.compile(r"<[bB][rR][ \t\n]*/?>\Z")
_COMMENT = re.compile(r"<!--([^<>-](?:[^<>-]|-(?=[^<>-]))*)-->(\n?)\Z")  # a block's ends with a line end
_ATTRIBUTE_NAME = re.compile(r"[a-zA-Z_:][-a-zA-Z0-9_:.]*\Z")
_VOID = {"br", "hr", "img"}
# Which element may hold which, as lxml leaves them: Python-Markdown's nesting. lxml moves an element out
# of some others (a link out of a link, a paragraph out of a heading…): any other pair is read the long way.
_INLINE = _PHRASE | {"a", "img", "br"}
_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "hr", "div", "table", "dl"}
_HOLDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("body", "div", "blockquote", "li", "dd"), frozenset(_INLINE | _BLOCK)),
    **dict.fromkeys(("p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "th", "td", "pre", *_PHRASE),
                    frozenset(_INLINE)),
    "a": frozenset(_INLINE - {"a"}),
    "ul": frozenset({"li"}), "ol": frozenset({"li"}), "dl": frozenset({"dt", "dd"}),
    "table": frozenset({"thead", "tbody"}), "thead": frozenset({"tr"}), "tbody": frozenset({"tr"}),
    "tr": frozenset({"th", "td"}),
}
_ASCII_SPACES = " \t\n\r\f"


def _character(match: re.Match[str]) -> str:
    """The character of an entity, where every HTML parser agrees on it."""
    reference = match.group(0)[1:-1]
    if reference[0] != "#":
        if reference in _NAMED:
            return _NAMED[reference]
        raise _Unreadable(reference)
    code = int(reference[2:], 16) if reference[1] in "xX" else int(reference[1:])
    if code < 0x20 or code > 0x10FFFF or _UNSAFE.match(chr(code)):
        raise _Unreadable(reference)
    return chr(code)


def _decoded(text: str) -> str:
    """``text`` as an HTML parser reads what the serializer makes of it (entity-like "&…;" decoded)."""
    if "\x02" in text or "\x03" in text:
        raise _Unreadable("placeholder")
    return _ENTITY.sub(_character, text) if "&" in text else text


def _raw_item(html: object) -> tuple[str, object] | None:
    """A stashed piece of raw HTML as ("start", (name, attributes)), ("end", name), ("br", None),
    ("comment", (text, line end after it)) or ("text", characters); None for anything else."""
    if not isinstance(html, str):
        return None
    if html.startswith("&"):
        return ("text", _decoded(html)) if _ENTITY.fullmatch(html) else None
    match = _START_TAG.match(html)
    if match and match.group(1).lower() in _PHRASE:
        attributes: dict[str, object] = {}
        for attribute in _RAW_ATTRIBUTE.finditer(match.group(2)):
            name = attribute.group(1).lower()
            value = attribute.group(2) if attribute.group(2) is not None else attribute.group(3)
            attributes.setdefault(name, value.split() if name == "class" else value)  # the first one counts
        return "start", (match.group(1).lower(), attributes)
    match = _END_TAG.match(html)
    if match and match.group(1).lower() in _PHRASE:
        return "end", match.group(1).lower()
    if _BR.match(html):
        return "br", None
    match = _COMMENT.match(html)
    if match:
        return "comment", match.groups()
    return None


def _attributes(source: etree.Element, backlink: str) -> dict[str, object]:
    """An element's attributes as the serializer writes them (sorted) and lxml reads them back."""
    attributes: dict[str, object] = {}
    items = source.items()
    if not items:
        return attributes
    for name, value in sorted(items):
        if not isinstance(name, str) or not _ATTRIBUTE_NAME.match(name):
            raise _Unreadable(name)
        if value is None or (name == value and name in BOOLEAN_ATTRIBUTES["html"]):
            value = ""  # written as a bare name
        else:
            value = _decoded(value.replace(NBSP_PLACEHOLDER, "\xa0").replace(FN_BACKLINK_TEXT, backlink))
        name = name.lower()
        if name not in attributes:  # the first one counts
            attributes[name] = value.split() if name == "class" else value
    return attributes


class _Content:
    """Adds an element's content (text with raw HTML placeholders, child elements) to its copy."""

    def __init__(self, raw: list[tuple[str, object] | None], backlink: str) -> None:
        self.raw = raw
        self.backlink = backlink

    def read(self, source: etree.Element, element: Element, keep_spaces: bool,
             todo: list[tuple[etree.Element, Element, bool]]) -> None:
        self.open = [element]  # the element, then the raw inline elements opened in its content
        self.made = [element]
        if source.text:
            self.text(source.text)
        for child in source:
            tag = child.tag
            # A comment alone in a block is written as the comment, not wrapped in a paragraph (see
            # RawHtmlPostprocessor): block_comment writes it and says whether it was one.
            lone_comment = (tag == "p" and not child.attrib and not len(child) and bool(child.text)
                            and self.block_comment(child.text))
            if not lone_comment:
                copy = self.start(tag, _attributes(child, self.backlink))
                if tag in _VOID:
                    if child.text or len(child):
                        raise _Unreadable(tag)
                else:
                    if tag == "pre" and child.text and child.text.startswith("\n"):
                        raise _Unreadable("pre")  # its first line end would be dropped
                    todo.append((child, copy, keep_spaces or tag == "pre"))
                self.open.pop()
            if child.tail:
                self.text(child.tail)
        if len(self.open) > 1:
            raise _Unreadable("unclosed raw tag")
        if not keep_spaces:  # BeautifulSoup's: a string of white space only becomes one space or line end
            for made in self.made:
                children = made.children
                for index, node in enumerate(children):
                    if type(node) is str and not node.strip(_ASCII_SPACES):
                        children[index] = "\n" if "\n" in node else " "

    def start(self, name: object, attributes: dict[str, object]) -> Element:
        parent = self.open[-1]
        if not isinstance(name, str) or name not in _HOLDS.get(parent.name, ()):
            raise _Unreadable(str(name))
        element = Element(name, attributes, parent)
        parent.children.append(element)
        self.open.append(element)
        return element

    def block_comment(self, text: str) -> bool:
        match = _RAW.fullmatch(text)
        if match is None or int(match.group(1)) >= len(self.raw):
            return False
        item = self.raw[int(match.group(1))]
        if item is None or item[0] != "comment":
            return False
        self.comment(*item[1])  # type: ignore[misc]
        return True

    def comment(self, text: str, after: str) -> None:
        self.open[-1].children.append(Comment(text))
        self.characters(after)

    def text(self, text: str) -> None:
        if "\x02" in text:
            text = text.replace(NBSP_PLACEHOLDER, "\xa0").replace(FN_BACKLINK_TEXT, self.backlink)
        pieces = _RAW.split(text) if "\x02" in text else [text]
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                self.characters(_decoded(piece))
                continue
            item = self.raw[int(piece)] if int(piece) < len(self.raw) else None
            if item is None:
                raise _Unreadable("raw HTML")
            kind, value = item
            if kind == "text":
                self.characters(value)  # type: ignore[arg-type]
            elif kind == "comment":
                self.comment(*value)  # type: ignore[misc]
            elif kind == "br":
                self.start("br", {})
                self.open.pop()
            elif kind == "start":
                name, attributes = value  # type: ignore[misc]
                self.made.append(self.start(name, dict(attributes)))
            elif len(self.open) > 1 and self.open[-1].name == value:  # an end tag closes the last opened
                self.open.pop()
            else:
                raise _Unreadable("unbalanced raw tag")

    def characters(self, text: str) -> None:
        if text:
            text = str(text)  # not Python-Markdown's AtomicString: strings are plain (see dom.get_text)
            children = self.open[-1].children
            if children and type(children[-1]) is str:  # one string between two tags, as a parser makes it
                children[-1] += text
            else:
                children.append(text)


def _elements(md: markdown.Markdown, root: etree.Element) -> Element:
    """The ``body`` element BeautifulSoup (lxml) makes of the HTML of ``root``; :class:`_Unreadable` when
    only parsing that HTML tells."""
    raw = [_raw_item(html) for html in md.htmlStash.rawHtmlBlocks]
    backlink = _decoded(md.treeprocessors["footnote"].footnotes.getConfig("BACKLINK_TEXT"))  # type: ignore[attr-defined]
    content = _Content(raw, backlink)
    body = Element("body")
    todo: list[tuple[etree.Element, Element, bool]] = [(root, body, False)]
    while todo:  # without recursion: Markdown can nest deeper than Python recurses
        content.read(*todo.pop(), todo)
    return body


def _body_tree(body: str, source: str, meta: Meta, diagnostics: Diagnostics) -> Document:
    if not body.strip():
        return build_document(Element("body"), source, meta, diagnostics)
    md = _markdown()
    root = _element_tree(md, body)
    elements = None
    if not (_MAYBE_UNSAFE.search(body) and _UNSAFE.search(body)):
        with contextlib.suppress(_Unreadable):
            elements = _elements(md, root)
    if elements is None:
        html = _html(md, root)
        del md, root  # Python-Markdown's working memory, before BeautifulSoup's
        return build_tree(html, source=source, meta=meta, diagnostics=diagnostics)
    del md, root
    return build_document(elements, source, meta, diagnostics)


def split_front_matter(text: str, source: str) -> tuple[dict, str, int]:
    """(metadata, body, number of lines taken by the front matter)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    try:
        events = []
        for event in yaml.parse(match.group(1) or "", yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):  # an alias repeats a whole value: nine nested nine deep
                # make a billion strings
                raise CarnetError("the YAML front matter uses an alias (*name), which carnets do not need",
                                  source, event.start_mark.line + 2, "write each value out in full")
            events.append(event)
        data = _ParsedLoader(events).get_single_data() or {}
    except RecursionError:
        raise CarnetError("the YAML front matter is nested too deep", source, 2,
                          "write each value as plain text or a simple list") from None
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        raise CarnetError(
            f"the YAML front matter cannot be read ({getattr(error, 'problem', error)})",
            source, (line + 2) if line is not None else 1,
            "check the indentation and quote values that contain ':'",
        ) from None
    if not isinstance(data, dict):
        raise CarnetError("the front matter must be a list of 'key: value' lines", source, 2)
    return data, text[match.end():], match.group(0).count("\n")


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def meta_from(data: dict, source: str) -> tuple[Meta, list[str]]:
    """The Meta of a front-matter mapping, and the keys it does not know (reported, not ignored)."""
    meta = Meta()
    simple = ("title", "subtitle", "lang", "date", "rights", "series", "number", "source", "identifier",
              "subject", "event")
    unknown = []
    for key, value in data.items():
        key_name = str(key).lower()
        if key_name in simple:
            setattr(meta, key_name, "" if value is None else str(value))
        elif key_name in ("licence", "license"):
            meta.rights = str(value)
        elif key_name in ("author", "authors"):
            meta.authors = _as_list(value)
        elif key_name in ("publisher", "publishers"):
            meta.publisher = _as_list(value)
        elif key_name == "keywords":
            meta.keywords = _as_list(value)
        elif key_name == "speakers":
            if not isinstance(value, dict):
                raise CarnetError("'speakers' must map initials to names (HR: Hélène Roussel)", source)
            meta.speakers = {str(k): str(v) for k, v in value.items()}
        elif key_name in ("reader_note", "reader-note"):
            meta.reader_note = bool(value)
        else:
            unknown.append(str(key))
    meta.lang = meta.lang or "fr"
    return meta, unknown


def _code_free_lines(body: str) -> list[str]:
    """The body's lines with fenced code blocks blanked, so their content is not checked as Markdown."""
    lines = body.split("\n")
    inside = False
    for index, line in enumerate(lines):
        if _FENCE.match(line.lstrip()):
            inside = not inside
            lines[index] = ""
        elif inside:
            lines[index] = ""
    return lines


def _nesting(line: str) -> int:
    """How deep a line is nested, from its leading quote markers and indentation (4 columns a level)."""
    prefix = _NESTING_PREFIX.match(line).group(0)  # type: ignore[union-attr]
    quotes = prefix.count(">")
    return quotes + max(0, len(prefix.expandtabs(4)) - 2 * quotes) // 4


def check_source(body: str, offset: int, source: str, diagnostics: Diagnostics) -> None:
    """Errors and warnings that need the source's line numbers."""
    lines = _code_free_lines(body)
    brackets = 0
    for number, line in enumerate(lines, start=offset + 1):
        # Checked before Python-Markdown, whose time grows with the cube of the depth of nested lists.
        if _nesting(line) > MAX_NESTING:
            raise CarnetError(f"nesting deeper than {MAX_NESTING} levels (lists or quotes inside one another)",
                              source, number, "flatten the structure: split the deepest lists or quotes")
        # And with the square of the '[' left open in a paragraph (each one is tried as a link start).
        brackets = 0 if not line.strip() else brackets
        for bracket in _BRACKET.findall(line):
            brackets = brackets + 1 if bracket == "[" else max(0, brackets - 1)
            if brackets > MAX_NESTING:
                raise CarnetError(f"more than {MAX_NESTING} '[' left open in one paragraph", source, number,
                                  "close the brackets, or write a bracket that opens nothing as \\[")
    text = "\n".join(lines)
    defined = set(_NOTE_DEFINITION.findall(text))
    called: set[str] = set()
    for number, line in enumerate(lines, start=offset + 1):
        for match in _NOTE_CALL.finditer(line):
            label = match.group(1)
            called.add(label)
            if label not in defined:
                raise CarnetError(
                    f"footnote reference [^{label}] has no note",
                    source, number, f"add a line '[^{label}]: text of the note' or remove the reference",
                )
        for match in _IMAGE_NO_ALT.finditer(line):
            if match.group(2) and ".decorative" in match.group(2):
                continue
            diagnostics.warn(
                f"image {match.group(1)!r} has no alternative text", source, number,
                "describe the image between the brackets: ![description](file), or mark it {.decorative}",
            )
    for number, line in enumerate(lines, start=offset + 1):
        match = _NOTE_DEFINITION.match(line)
        if match and match.group(1) not in called:
            diagnostics.warn(f"footnote [^{match.group(1)}] is never called", source, number,
                             "call it in the text with [^label] or remove it")


def read_markdown(text: str, source: str = "", base_dir: str = "") -> Document:
    """Read carnet Markdown ``text``; ``source`` names it in messages."""
    diagnostics = Diagnostics()
    data, body, offset = split_front_matter(text, source)
    meta, unknown = meta_from(data, source)
    for key in unknown:
        diagnostics.warn(f"unknown front-matter key {key!r} ignored", source, None,
                         "see docs/carnet-markdown.md for the keys")
    check_source(body, offset, source, diagnostics)
    # A large carnet is read in a child process: the working memory of Python-Markdown (about 25 bytes per
    # byte of source) would otherwise stay in this process for the rest of the conversion; only the tree
    # comes back (issue 7).
    if len(body) > ISOLATE_ABOVE:
        document = call_isolated(_body_tree, body, source, meta, diagnostics)
    else:
        document = _body_tree(body, source, meta, diagnostics)
    document.base_dir = base_dir
    return document


