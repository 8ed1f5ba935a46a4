"""Inclusive writing engine (issue 5): case files, tree transform across markup, idempotence, the seed."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from converter import tree as t
from converter.transforms.inclusive_fr import (
    DOTS,
    InclusiveForm,
    find_forms,
    format_form,
    inclusive_fr,
    lexicon,
    rewrite,
    rewrite_lines,
)
from converter.walk import plain_text

CASES = Path(__file__).resolve().parent / "cases"
# The seed of carnet #9, copied byte for byte into input/ (tests/test_carnet09_text.py checks the copy).
SEED = Path(__file__).resolve().parents[1] / "input" / "carnet-09-montpellier.txt"
SECTIONS = ("doublet", "normalise", "unresolved", "negative")


def _unescape(text: str) -> str:
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return text.replace("\\n", "\n").replace("\\t", "\t")


def load_cases() -> dict[str, list[tuple[str, str, int]]]:
    """The cases of every ``tests/cases/inclusive_fr*.txt`` by section: (input, expected, line)."""
    cases: dict[str, list[tuple[str, str, int]]] = {name: [] for name in SECTIONS}
    for path in sorted(CASES.glob("inclusive_fr*.txt")):
        section = "doublet"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            header = re.fullmatch(r"\[(\w+)\]", line.strip())
            if header:
                section = header.group(1)
                assert section in SECTIONS, f"{path.name}:{number}: unknown section {section}"
                continue
            if " => " in line:
                source, expected = line.split(" => ", 1)
            else:
                assert section == "negative", f"{path.name}:{number}: a case needs ' => '"
                source = expected = line
            cases[section].append((_unescape(source), _unescape(expected), number))
    return cases


CASEFILE = load_cases()


def _ids(section: str) -> list[str]:
    return [f"line{number}" for _, _, number in CASEFILE[section]]


def test_case_counts() -> None:
    """issue 5: at least 300 positive pairs and 100 negatives."""
    positives = len(CASEFILE["doublet"]) + len(CASEFILE["normalise"])
    assert positives >= 300
    assert len(CASEFILE["negative"]) >= 100


@pytest.mark.parametrize(("source", "expected", "line"), CASEFILE["doublet"], ids=_ids("doublet"))
def test_doublet_case(source: str, expected: str, line: int) -> None:
    """issue 5: doublet policy, every rule."""
    output, _ = rewrite(source, "doublet")
    assert output == expected
    assert rewrite(output, "doublet")[0] == output  # idempotent


@pytest.mark.parametrize(("source", "expected", "line"), CASEFILE["normalise"], ids=_ids("normalise"))
def test_normalise_case(source: str, expected: str, line: int) -> None:
    """issue 5: normalise policy: one U+00B7, one form per word."""
    output, _ = rewrite(source, "normalise")
    assert output == expected
    assert rewrite(output, "normalise")[0] == output


@pytest.mark.parametrize(("source", "expected", "line"), CASEFILE["unresolved"], ids=_ids("unresolved"))
def test_unresolved_case(source: str, expected: str, line: int) -> None:
    """issue 5: a form that cannot be confirmed is left unchanged and reported."""
    output, forms = rewrite(source, "doublet")
    assert output == expected
    assert any(f.replacement is None and f.reason for f in forms)
    assert rewrite(source, "keep")[0] == expected


@pytest.mark.parametrize(("source", "expected", "line"), CASEFILE["negative"], ids=_ids("negative"))
def test_negative_case(source: str, expected: str, line: int) -> None:
    """issue 5: never touched, never reported."""
    for policy in ("doublet", "normalise", "keep"):
        output, forms = rewrite(source, policy)
        assert output == source
        assert forms == []


@pytest.mark.parametrize(("source", "expected", "line"), CASEFILE["doublet"][:60], ids=_ids("doublet")[:60])
def test_keep_policy(source: str, expected: str, line: int) -> None:
    """issue 5: keep reproduces the source exactly."""
    assert rewrite(source, "keep")[0] == source


def test_unknown_policy() -> None:
    with pytest.raises(ValueError):
        rewrite("les élu·es", "ecriture")


def test_find_forms_spans() -> None:
    text = "Merci aux citoyen·nes et à l’élu·e, dit-elle."
    forms = find_forms(text)
    assert [(f.original, f.replacement) for f in forms] == [
        ("citoyen·nes", "citoyens et citoyennes"), ("l’élu·e", "l’élu et l’élue")]
    for form in forms:
        assert isinstance(form, InclusiveForm)
        assert text[form.start:form.end] == form.original


def test_rewrite_lines_keeps_lines_and_locates_forms() -> None:
    lines = ["Les élu·es et les ai-\n", "dant·es sont là.\n", "Rien ici.\n", "le/la digital\n", "native"]
    out, forms = rewrite_lines(lines)
    assert len(out) == len(lines)
    assert out[0] == "Les élus et élues et les ai-\n"
    assert out[1] == "dants et aidantes sont là.\n"
    assert out[2] == "Rien ici.\n"
    assert [(f.line, f.column) for f in forms] == [(1, 5), (1, 19), (4, 1)]
    assert forms[1].written == "ai-\ndant·es" and forms[1].original == "dant·es"
    assert forms[2].replacement is None
    report = [format_form(f) for f in forms]
    assert report[0] == "1:5\télu·es\télus et élues"
    assert report[1] == "1:19\tai-⏎dant·es\tai-⏎dants et aidantes"
    assert report[2].startswith("4:1\tle/la\tunresolved (")


def test_rewrite_lines_full_doublet_across_lines() -> None:
    out, forms = rewrite_lines(["un chercheur/\r\n", "chercheuse"])
    assert out == ["un chercheur et\r\n", "chercheuse"]
    assert (forms[0].line, forms[0].column, forms[0].written) == (1, 4, "chercheur/\nchercheuse")
    assert format_form(forms[0]) == "1:4\tchercheur/⏎chercheuse\tchercheur et⏎chercheuse"


# --- Tree transform ------------------------------------------------------------------------------


def _paragraph(*children: t.Inline, lang: str = "") -> t.Document:
    return t.Document(children=[t.Paragraph(children=list(children), lang=lang, line=7)])


def test_tree_word_split_by_emphasis() -> None:
    """issue 5: a word split by emphasis is found and rewritten; the emphasis stays."""
    doc = _paragraph(t.Text(text="Les citoy"), t.Emphasis(children=[t.Text(text="en·nes")]),
                     t.Text(text=" sont là."))
    report = inclusive_fr(doc)
    assert plain_text(doc.children[0]) == "Les citoyens et citoyennes sont là."
    assert isinstance(doc.children[0].children[1], t.Emphasis)
    assert report.expanded == 1 and report.forms[0].line == 7


def test_tree_word_glued_to_note_call() -> None:
    """issue 5: a word glued to a note call: the call is kept after the doublet."""
    doc = _paragraph(t.Text(text="les élu·es"), t.NoteRef(note_id="n1"), t.Text(text=" locaux"))
    inclusive_fr(doc)
    inlines = doc.children[0].children
    assert inlines[0].text == "les élus et élues"
    assert isinstance(inlines[1], t.NoteRef)


def test_tree_sentence_start_after_page_break() -> None:
    doc = _paragraph(t.PageBreak(label="12"), t.Text(text="Citoyen·nes, bienvenue."))
    inclusive_fr(doc)
    assert plain_text(doc.children[0]) == "Citoyens et citoyennes, bienvenue."


def test_tree_phrase_across_markup() -> None:
    doc = _paragraph(t.Text(text="des aidant·es "), t.Strong(children=[t.Text(text="professionnel·les")]),
                     t.Text(text=" habilité·es."))
    inclusive_fr(doc)
    assert plain_text(doc.children[0]) == (
        "des aidants professionnels habilités et aidantes professionnelles habilitées.")


def test_tree_language_and_literals() -> None:
    """issue 5: only French text; literals are never touched."""
    doc = t.Document(children=[
        t.Paragraph(children=[t.Text(text="les élu·es")], lang="en"),
        t.Paragraph(children=[t.Literal(text="citoyen.ne.s"), t.Text(text=" et les élu·es")]),
        t.Paragraph(children=[t.Span(children=[t.Text(text="col·legi i·es")], lang="ca")]),
    ])
    inclusive_fr(doc, policy="doublet")
    assert plain_text(doc.children[0]) == "les élu·es"
    assert doc.children[1].children[0].text == "citoyen.ne.s"
    assert plain_text(doc.children[1]) == "citoyen.ne.s et les élus et élues"
    assert plain_text(doc.children[2]) == "col·legi i·es"


def test_tree_alt_text_and_expansion() -> None:
    """issue 5: a figure's text alternative is read aloud too; a link's target is never touched."""
    doc = t.Document(children=[
        t.Figure(src="a.png", alt="Des élu·es en réunion", line=3),
        t.Paragraph(children=[t.Abbreviation(expansion="Conseiller·ères numériques", children=[
            t.Text(text="CnFS")]), t.Text(text=" "), t.Link(target="https://x.fr/élu·es",
                                                            children=[t.Text(text="les élu·es")])]),
    ])
    report = inclusive_fr(doc)
    assert doc.children[0].alt == "Des élus et élues en réunion"
    abbreviation, _, link = doc.children[1].children
    assert abbreviation.expansion == "Conseillers et conseillères numériques"
    assert link.target == "https://x.fr/élu·es" and plain_text(link) == "les élus et élues"
    assert report.expanded == 3 and {f.line for f in report.forms} >= {3}


def test_tree_policies_from_options() -> None:
    class Options:
        inclusive = "normalise"
        reports: dict = {}

    doc = _paragraph(t.Text(text="les élu.e.s"))
    options = Options()
    report = inclusive_fr(doc, options)
    assert plain_text(doc.children[0]) == "les élu·es"
    assert options.reports["inclusive_fr"] is report
    doc = _paragraph(t.Text(text="les élu.e.s"))
    report = inclusive_fr(doc, "keep")
    assert plain_text(doc.children[0]) == "les élu.e.s" and report.expanded == 0 and len(report.forms) == 1


def test_tree_idempotent() -> None:
    doc = _paragraph(t.Text(text="Tou·tes les citoyen·nes, l’élu·e et "), t.Emphasis(children=[
        t.Text(text="chercheur/chercheuse")]))
    inclusive_fr(doc)
    once = plain_text(doc.children[0])
    report = inclusive_fr(doc)
    assert plain_text(doc.children[0]) == once and report.forms == []


# --- The seed: carnet #9 -------------------------------------------------------------------------

needs_seed = pytest.mark.skipif(not SEED.exists(), reason="carnet #9 seed text not available")


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


@needs_seed
def test_seed_changes_only_inside_reported_spans() -> None:
    """issue 5: on carnet #9 no character outside the reported spans changes."""
    text = SEED.read_text(encoding="utf-8")
    output, forms = rewrite(text)
    rebuilt, cursor = [], 0
    for form in sorted(forms, key=lambda f: f.start):
        assert text[form.start:form.end] == form.original
        rebuilt.append(text[cursor:form.start])
        rebuilt.append(form.replacement if form.replacement is not None else form.original)
        cursor = form.end
    rebuilt.append(text[cursor:])
    assert "".join(rebuilt) == output
    # outside the spans, the text is the same character for character
    outside = [text[a.end:b.start] for a, b in zip(forms, forms[1:], strict=False)]
    for piece in outside:
        assert piece in output


@needs_seed
def test_seed_every_form_expanded_or_reported() -> None:
    """issue 5: every separator inside a word of carnet #9 is gone or reported unresolved."""
    lines = _seed_lines()
    out, forms = rewrite_lines(lines)
    assert len(out) == len(lines)
    unresolved_lines = {f.line for f in forms if f.replacement is None}
    for number, line in enumerate(out, 1):
        if re.search(rf"[^\W\d_][{DOTS}][^\W\d_]", line):
            assert number in unresolved_lines, line
    expanded = [f for f in forms if f.replacement is not None]
    assert sum(f.words for f in expanded) >= 45
    assert sorted(f.original for f in forms if f.replacement is None) == ["individu·e", "le/la"]
    assert rewrite_lines(lines, "keep")[0] == lines


@needs_seed
def test_seed_idempotent() -> None:
    """issue 5: running the engine on its own output changes nothing."""
    text = SEED.read_text(encoding="utf-8")
    once = rewrite(text)[0]
    again, forms = rewrite(once)
    assert again == once
    assert all(f.replacement is None for f in forms)


@needs_seed
def test_seed_speed() -> None:
    """issue 5: carnet #9 in well under 0.2 s once the lexicon is loaded."""
    lexicon()
    text = SEED.read_text(encoding="utf-8")
    rewrite(text)
    best = min(_timed(text) for _ in range(3))
    assert best < 0.2, best


def _timed(text: str) -> float:
    start = time.process_time()
    rewrite(text)
    return time.process_time() - start


# --- Properties on random texts made of real pieces ---------------------------------------------

_PIECES = [source for source, _, _ in CASEFILE["doublet"] + CASEFILE["negative"] + CASEFILE["unresolved"]]


def _rebuilt(text: str, forms: list[InclusiveForm]) -> str:
    out, cursor = [], 0
    for form in sorted(forms, key=lambda f: f.start):
        assert form.start >= cursor and text[form.start:form.end] == form.original
        out.append(text[cursor:form.start])
        out.append(form.replacement if form.replacement is not None else form.original)
        cursor = form.end
    out.append(text[cursor:])
    return "".join(out)


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    st = None

if st is not None:
    _texts = st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", "\n", ", ", ". ", "", " « "])),
                      min_size=1, max_size=8).map(lambda parts: "".join(a + b for a, b in parts))

    @settings(max_examples=150, deadline=None, database=None)
    @given(_texts)
    def test_properties(text: str) -> None:
        """issue 5: only the reported spans change, lines are kept, keep is the identity, idempotent."""
        output, forms = rewrite(text)
        assert _rebuilt(text, forms) == output
        assert output.count("\n") == text.count("\n")
        assert rewrite(text, "keep")[0] == text
        assert rewrite(output)[0] == output
        lines, _ = rewrite_lines(text.split("\n"))
        assert "\n".join(lines) == output

    @settings(max_examples=150, deadline=None, database=None)
    @given(_texts, st.lists(st.integers(min_value=1, max_value=200), max_size=6))
    def test_tree_matches_text(text: str, cuts: list[int]) -> None:
        """issue 5: the tree transform gives the text engine's result whatever the inline markup."""
        text = text.replace("\n", " ")
        bounds = sorted({c % (len(text) + 1) for c in cuts} | {0, len(text)})
        inlines: list[t.Inline] = []
        for k, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
            piece = t.Text(text=text[a:b])
            inlines.append(t.Emphasis(children=[piece]) if k % 2 else piece)
        doc = _paragraph(*inlines)
        inclusive_fr(doc)
        assert plain_text(doc.children[0]) == rewrite(text)[0]
