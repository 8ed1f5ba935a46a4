"""Every example of docs/carnet-markdown.md gives the element its comment names (issue 2, point 2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from converter import read
from converter import tree as t
from converter.transforms import TransformOptions
from converter.walk import iter_nodes

DOC = Path(__file__).resolve().parent.parent / "docs" / "carnet-markdown.md"
EXAMPLE = re.compile(r"<!-- expect: ([^>]+?) -->\n```carnet-markdown\n(.*?)```", re.S)
EXAMPLES = EXAMPLE.findall(DOC.read_text(encoding="utf-8"))


def test_the_guide_has_an_example_for_each_element() -> None:
    kinds = {expect.split()[0] for expect, _ in EXAMPLES}
    assert {"Meta", "Section", "Note", "Sidebar", "PullQuote", "Interview", "DefinitionList", "Figure",
            "PageBreak", "Span", "Abbreviation"} <= kinds


@pytest.mark.parametrize(("expect", "source"), EXAMPLES, ids=[e for e, _ in EXAMPLES])
def test_example_gives_its_element(expect: str, source: str) -> None:
    # The guide's image files do not exist here: the images transform would turn figures into their text.
    document = read(source, format="markdown", options=TransformOptions(skip={"images"}))
    kind, *qualifiers = expect.split()
    nodes = list(iter_nodes(document))
    if kind == "Meta":
        assert document.meta.title.startswith("Les Carnets NEC[S] locaux")
        assert document.meta.speakers == {"HR": "Hélène Roussel", "AB": "Anne Bourdarias"}
        return
    found = [n for n in nodes if type(n).__name__ == kind]
    assert found, f"no {kind} in the tree of the example"
    node = found[0]
    if "original" in qualifiers:
        assert node.repeats_body is False
    if kind == "PullQuote" and not qualifiers:
        assert node.repeats_body is True
    if "glossary" in qualifiers:
        assert node.glossary is True
    if "lang" in qualifiers:
        assert node.lang == "en"
    if kind == "Interview":
        assert [turn.role for turn in node.turns] == ["question", "answer"]
        assert node.turns[1].speaker == "Hélène Roussel" and len(node.turns[1].children) == 2
    if kind == "Figure":
        assert node.alt and node.caption and node.credit
    if kind == "PageBreak":
        assert [n.label for n in found] == ["12", "13"]
    if kind == "Note":
        links = [n for n in iter_nodes(node) if isinstance(n, t.Link)]
        assert links and "%" not in "".join(x.text for x in iter_nodes(links[0]) if isinstance(x, t.Text))
