"""A light document tree (elements and strings) that the HTML tree builder reads.

Place in the pipeline: first stage, between a parser and :mod:`converter.readers.html`'s tree builder. The
HTML reader fills it from BeautifulSoup's parse of a page; the Markdown reader fills it straight from
Python-Markdown's ElementTree, without writing HTML and parsing it again (issue 7). Both then share one
builder.

It keeps what the builder needs of BeautifulSoup's model, with its semantics: an element's children are
elements and strings (adjacent strings are not merged), ``class`` is a list, ``find``/``find_all``/
``get_text`` behave as BeautifulSoup's do. Strings are ``str``; a comment is a :class:`Comment` (never
text); the few other kinds BeautifulSoup knows (a script's text, a doctype…) keep their own ``str``
subclass, which is read as text but left out of ``get_text`` unless the element says otherwise
(``text_types``), as in BeautifulSoup. Walks are iterative: no recursion limit on deep input.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

TEXT = frozenset({str})
"""The string types ``get_text`` counts by default: plain text."""


class Comment(str):
    """An HTML comment: it separates the text around it, and is never read as text."""

    __slots__ = ()


class Element:
    """An element: lower-case ``name``, ``attrs`` (``class`` as a list), ``children`` (elements and strings)."""

    __slots__ = ("name", "attrs", "children", "parent", "text_types")

    def __init__(self, name: str, attrs: dict | None = None, parent: Element | None = None) -> None:
        self.name = name
        self.attrs: dict = attrs if attrs is not None else {}
        self.children: list[Element | str] = []
        self.parent = parent
        self.text_types: frozenset[type] = TEXT

    def __repr__(self) -> str:
        return f"<{self.name} {self.attrs!r}: {len(self.children)} children>"

    def get(self, key: str, default: object = None):  # noqa: ANN201 - str, list (class) or the default
        return self.attrs.get(key, default)

    def __getitem__(self, key: str):  # noqa: ANN204
        return self.attrs[key]

    @property
    def contents(self) -> list[Element | str]:
        return self.children

    def append(self, child: Element | str) -> None:
        if isinstance(child, Element):
            child.parent = self
        self.children.append(child)

    # --- searching, as BeautifulSoup's find / find_all --------------------------------------------

    def descendants(self) -> Iterator[Element | str]:
        """Every element and string inside, in document order."""
        stack: list[Element | str] = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Element) and node.children:
                stack.extend(reversed(node.children))

    def find_all(self, name: str | Iterable[str] | None = None, class_: str | None = None,
                 attrs: dict | None = None, recursive: bool = True) -> list[Element]:
        nodes = self.descendants() if recursive else iter(self.children)
        return [node for node in nodes if isinstance(node, Element) and node.matches(name, class_, attrs)]

    def find(self, name: str | Iterable[str] | None = None, class_: str | None = None,
             attrs: dict | None = None, recursive: bool = True) -> Element | None:
        nodes = self.descendants() if recursive else iter(self.children)
        for node in nodes:
            if isinstance(node, Element) and node.matches(name, class_, attrs):
                return node
        return None

    def matches(self, name: str | Iterable[str] | None, class_: str | None, attrs: dict | None) -> bool:
        if name is not None and (self.name != name if isinstance(name, str) else self.name not in name):
            return False
        if class_ is not None:
            classes = self.attrs.get("class")
            if not classes or (class_ not in classes and " ".join(classes) != class_):
                return False
        if attrs:
            for key, wanted in attrs.items():
                value = self.attrs.get(key)
                if value is None or (wanted is not True and value != wanted):
                    return False
        return True

    def find_parent(self, name: str) -> Element | None:
        parent = self.parent
        while parent is not None and parent.name != name:
            parent = parent.parent
        return parent


    # --- text and changes -------------------------------------------------------------------------

    def get_text(self, separator: str = "", strip: bool = False) -> str:
        """The text of the strings inside (of the types ``text_types`` names), joined by ``separator``."""
        types = self.text_types
        parts = []
        for node in self.descendants():
            if type(node) in types:
                if strip:
                    node = node.strip()
                    if not node:
                        continue
                parts.append(node)
        return separator.join(parts)

    def extract(self) -> Element:
        """Take this element out of its parent (the strings around it stay apart)."""
        if self.parent is not None:
            del self.parent.children[_index(self.parent.children, self)]
            self.parent = None
        return self

    def trim_next_space(self) -> None:
        """Take the space off the start of the string right after this element (it becomes plain text)."""
        if self.parent is not None:
            siblings = self.parent.children
            index = _index(siblings, self) + 1
            if index < len(siblings) and isinstance(siblings[index], str) and siblings[index].startswith(" "):
                siblings[index] = str(siblings[index])[1:]


def _index(children: list[Element | str], child: Element) -> int:
    """The position of the element ``child`` in ``children`` (found by identity: elements may be equal)."""
    for index, node in enumerate(children):
        if node is child:
            return index
    raise ValueError("not a child")


def depth_over(root: Element, limit: int) -> bool:
    """Whether elements are nested more than ``limit`` deep below ``root`` (walked without recursion)."""
    stack: list[tuple[Element, int]] = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in element.children if isinstance(child, Element))
    return False
