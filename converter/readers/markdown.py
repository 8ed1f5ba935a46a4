"""Carnet Markdown reader: source text → HTML (Python-Markdown) → tree (the HTML tree builder).

Place in the pipeline: first stage, for ``.md`` files. Carnet Markdown is Python-Markdown with the
``extra`` extensions (footnotes, definition lists, abbreviations, attribute lists, tables, md_in_html),
``admonition`` (sidebars, pull quotes, interviews) and two additions of ours, both written so that plain
Markdown tools show them as harmless text:

- ``{{page 12}}``: where print page 12 starts (alone on a line between blocks, or inside a paragraph);
- ``[smart city]{lang=en}``: a span with attributes (``lang=…``, ``.class``, ``#id``), as in pandoc.

YAML front matter carries the metadata. See ``docs/carnet-markdown.md`` for the editor's guide.
Checks that need source line numbers (footnote calls without a note, images without alt text) are made
here, on the source, before it is converted.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
import yaml
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from ..errors import CarnetError, Diagnostics
from ..isolate import call_isolated
from ..tree import Document, Meta
from .html import MAX_NESTING, build_tree

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


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["extra", "admonition", "sane_lists", CarnetExtension()],
        extension_configs={"footnotes": {"BACKLINK_TEXT": "", "SUPERSCRIPT_TEXT": "{}"}},
        output_format="html",
    )


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, keeping dates as written: ``date: 2026-11-48`` is text, not a ValueError."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


ISOLATE_ABOVE = 1_000_000
"""Characters of Markdown above which it is read in child processes (see converter.isolate)."""


def _to_html(body: str) -> str:
    return _markdown().convert(body)


def _body_tree(body: str, source: str, meta: Meta, diagnostics: Diagnostics) -> Document:
    html = call_isolated(_to_html, body) if len(body) > ISOLATE_ABOVE else _to_html(body)
    return build_tree(html, source=source, meta=meta, diagnostics=diagnostics)


def split_front_matter(text: str, source: str) -> tuple[dict, str, int]:
    """(metadata, body, number of lines taken by the front matter)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    try:
        alias = next((event for event in yaml.parse(match.group(1) or "", yaml.SafeLoader)
                      if isinstance(event, yaml.AliasEvent)), None)
        if alias is not None:  # an alias repeats a whole value: nine nested nine deep make a billion strings
            raise CarnetError("the YAML front matter uses an alias (*name), which carnets do not need", source,
                              alias.start_mark.line + 2, "write each value out in full")
        data = yaml.load(match.group(1) or "", _FrontMatterLoader) or {}  # noqa: S506 - a SafeLoader
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
    # A large carnet is read in a child process, and its Markdown converted in a grandchild: the working
    # memory of Python-Markdown (about 25 bytes per byte of source) and of BeautifulSoup would otherwise stay
    # in this process for the rest of the conversion; only the tree comes back (issue 7).
    if len(body) > ISOLATE_ABOVE:
        document = call_isolated(_body_tree, body, source, meta, diagnostics)
    else:
        document = _body_tree(body, source, meta, diagnostics)
    document.base_dir = base_dir
    return document


