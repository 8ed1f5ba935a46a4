"""Scores of the raw-text importer (issue 6): its tree of a carnet's extracted text against the reference edition.

Place in the project: outside the pipeline, beside the benchmarks; ``tests/test_import_score.py`` asserts the
figures it computes (a ratchet). Both trees are compared as read, before the transforms, so that the
typography of the editions does not count. Reading order differs between a PDF's text and an edition
(asides, columns), so every figure matches units by their words, not by their position:

- text conservation: every word of every reference paragraph found in order in the importer's text
  (``tests/textcompare.py``), and the reverse (no invented text);
- paragraphs: a paragraph is its first and last five words; precision, recall, F1;
- headings: text and level (sidebar titles are counted with the sidebars); also text alone;
- footnotes: note text found; call placed after the same three words as in the reference;
- sidebars (titles), pull quotes (opening words, and whether they repeat the body), interview turns
  (role, speaker, opening words), glossary entries (term and opening words of the definition): F1;
- page markers: every number printed alone on a line is a marker; labels against the reference (F1);
- links: targets (F1); no appended link line left as text;
- dehyphenation: each line-end hyphen the importer decided, against the form the reference has.

What the reference edition adds that is not in the source is not scored (no importer could find it there):

- headings of class ``editorial`` (input/README.md: headings "added by the editor" over texts that have no
  title in the print) that no line of the source holds as a title: left out of the headings and of the text, on both
  sides. In a text printed from the edition (the synthetic carnets) they are printed, and scored;
- ``[…]``, the editor's mark of a gap between fragments whose order it restored (the credits' thanks): each
  fragment is a text unit of its own, found in order on its own; their mutual order is the editor's.

Run from the repository root: ``python benchmarks/import_score.py [TEXT [REFERENCE]]``.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from textcompare import compare, words  # noqa: E402

from converter import tree as t  # noqa: E402
from converter.pipeline import read  # noqa: E402
from converter.readers.pdftext import import_text  # noqa: E402
from converter.readers.pdftext.common import State  # noqa: E402
from converter.walk import children, iter_nodes, plain_text  # noqa: E402

TEXT = ROOT / "input" / "carnet-09-montpellier.txt"
REFERENCE = ROOT / "input" / "carnet-09-montpellier.md"


@dataclass
class F1:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __str__(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"


def f1(actual: Iterable[object], expected: Iterable[object]) -> F1:
    """Multiset precision and recall."""
    a, e = Counter(actual), Counter(expected)
    common = sum((a & e).values())
    total_a, total_e = sum(a.values()), sum(e.values())
    if not total_a and not total_e:
        return F1(1.0, 1.0)
    return F1(common / total_a if total_a else 0.0, common / total_e if total_e else 0.0)


def _key(text: str, count: int | None = None) -> str:
    found = words(text)
    return " ".join(found[:count] if count else found)


# --- What a tree holds ---------------------------------------------------------------------------------------


def paragraphs(document: t.Document) -> list[str]:
    """The plain text of every paragraph of the body (in sidebars, lists, quotes, turns, definitions too)."""
    return [plain_text(n) for n in iter_nodes(t.Document(children=document.children))
            if isinstance(n, t.Paragraph) and plain_text(n).strip()]


EDITORIAL = "editorial"
"""The class of the headings an editor added over untitled texts (not in the source: not scored)."""
GAP = "[…]"
"""The editor's mark of a gap between restored fragments (each fragment is scored on its own)."""


def unsourced_editorial(reference: t.Document, source_lines: Iterable[str]) -> set[str]:
    """Keys of the reference's editorial headings that no line of the source holds as a title (alone on
    the line, without a final stop): the editor's own."""
    lines = {_key(line) for line in source_lines if not line.rstrip().endswith((".", "!", "?", ",", ";", ":"))}
    return {key for n in iter_nodes(reference) if isinstance(n, t.Heading) and EDITORIAL in n.classes
            and (key := _key(plain_text(n))) not in lines}


def text_units(document: t.Document, left_out: Collection[str] = ()) -> list[str]:
    """Every run of text a reader meets: paragraphs, headings, terms, attributions, sidebar titles, notes.

    Headings whose key is ``left_out`` are left out; a unit holding gap marks (``[…]``) is one unit per
    fragment.
    """
    units: list[str] = []
    for node in iter_nodes(document):
        if isinstance(node, t.Heading) and _key(plain_text(node)) in left_out:
            continue
        if isinstance(node, (t.Paragraph, t.Heading)):
            units.extend(plain_text(node).split(GAP))
        elif isinstance(node, t.DefinitionItem):
            units.append(plain_text(node.term))
        elif isinstance(node, (t.PullQuote, t.BlockQuote)) and node.attribution:
            units.append(plain_text(node.attribution))
    return [u for u in units if u.strip()]


def headings(document: t.Document, left_out: Collection[str] = ()) -> list[tuple[str, int]]:
    """(text key, level) of each heading, sidebar titles and ``left_out`` keys aside."""
    sidebar_headings = {id(n.heading) for n in iter_nodes(document) if isinstance(n, t.Sidebar) and n.heading}
    found = [(_key(plain_text(n)), n.level) for n in iter_nodes(document)
             if isinstance(n, t.Heading) and id(n) not in sidebar_headings and plain_text(n).strip()]
    return [(key, level) for key, level in found if key not in left_out]


def note_calls(document: t.Document) -> dict[str, tuple[str, str]]:
    """Note id → (the three words before its call, the note's text)."""
    result: dict[str, tuple[str, str]] = {}
    for node in iter_nodes(t.Document(children=document.children)):
        if not isinstance(node, (t.Paragraph, t.Heading)):
            continue
        before = ""
        for inline in _flatten(node.children):
            if isinstance(inline, t.NoteRef):
                note = document.note(inline.note_id)
                text = plain_text(note) if note else ""
                result.setdefault(inline.note_id, (" ".join(words(before)[-3:]), text))
            else:
                before += plain_text(inline)
    for note in document.notes:
        result.setdefault(note.id, ("", plain_text(note)))
    return result


def _flatten(inlines: list[t.Inline]) -> list[t.Inline]:
    out: list[t.Inline] = []
    for inline in inlines:
        if isinstance(inline, (t.Text, t.NoteRef, t.Literal, t.LineBreak, t.PageBreak)):
            out.append(inline)
        else:
            out.extend(_flatten(list(children(inline))))  # type: ignore[arg-type]
    return out


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


# --- Scores ---------------------------------------------------------------------------------------------------


@dataclass
class Scores:
    text_recall: float
    text_precision: float
    paragraphs: F1
    headings: F1
    headings_text: F1
    notes_text: float
    notes_calls: float
    sidebars: F1
    pullquotes: F1
    turns: F1
    glossary: F1
    printed_pages_marked: float
    page_labels: F1
    links: F1
    link_lines_left: int
    dehyphenation: float
    hyphens_scored: int
    missing_words: list[str]

    def lines(self) -> list[str]:
        return [
            f"text conservation (reference words found in order)  {self.text_recall:.4f}",
            f"text precision (importer words found in reference)  {self.text_precision:.4f}",
            f"paragraphs                                          {self.paragraphs}",
            f"headings (text and level)                           {self.headings}",
            f"headings (text only)                                {self.headings_text}",
            f"footnotes: note text found                          {self.notes_text:.3f}",
            f"footnotes: call at the right note and word          {self.notes_calls:.3f}",
            f"sidebars (titles)                                   {self.sidebars}",
            f"pull quotes (opening, repeats body)                 {self.pullquotes}",
            f"interview turns (role, speaker, opening)            {self.turns}",
            f"glossary entries (term, definition opening)         {self.glossary}",
            f"printed page numbers that are page markers          {self.printed_pages_marked:.3f}",
            f"page markers (labels)                               {self.page_labels}",
            f"links (targets)                                     {self.links}",
            f"appended link lines left in the text                {self.link_lines_left}",
            f"dehyphenation correct ({self.hyphens_scored} decided)           {self.dehyphenation:.4f}",
        ]


def _hyphen_truth(before: str, after: str, reference: str) -> bool | None:
    """Whether the reference keeps the hyphen of ``before-after`` (None: it cannot tell)."""
    joined = re.search(rf"(?<!\w){re.escape(before + after)}(?!\w)", reference, re.I)
    kept = re.search(rf"(?<!\w){re.escape(before + '-' + after)}(?!\w)", reference, re.I)
    if bool(joined) == bool(kept):
        return None
    return bool(kept)


def score(actual: t.Document, reference: t.Document, state: State | None = None) -> Scores:
    # Text, both ways.
    left_out = unsourced_editorial(reference, [line.text for line in state.lines] if state else [])
    expected_units = text_units(reference, left_out)
    actual_units = text_units(actual, left_out)
    recall_cmp = compare(expected_units, "\n".join(actual_units))
    precision_cmp = compare(actual_units, "\n".join(expected_units))
    text_recall = 1 - len(recall_cmp.missing) / max(1, recall_cmp.words_compared)
    text_precision = 1 - len(precision_cmp.missing) / max(1, precision_cmp.words_compared)

    def signature(text: str) -> tuple[str, str]:
        found = words(text)
        return " ".join(found[:5]), " ".join(found[-5:])

    para = f1([signature(p) for p in paragraphs(actual)], [signature(p) for p in paragraphs(reference)])
    actual_headings, reference_headings = headings(actual, left_out), headings(reference, left_out)
    head = f1(actual_headings, reference_headings)
    head_text = f1([h for h, _ in actual_headings], [h for h, _ in reference_headings])

    # Footnotes: each reference note → the importer's note with the most similar text.
    ref_notes = note_calls(reference)
    act_notes = note_calls(actual)
    found_text = calls = 0
    free = dict(act_notes)
    for _, (ref_before, ref_text) in ref_notes.items():
        best = max(free.items(), key=lambda item: _similar(item[1][1], ref_text), default=None)
        if best is None or _similar(best[1][1], ref_text) < 0.8:
            continue
        found_text += 1
        if best[1][0] == ref_before:
            calls += 1
        del free[best[0]]
    notes_text = found_text / max(1, len(ref_notes))
    notes_calls = calls / max(1, len(ref_notes))

    def sidebar_titles(document: t.Document) -> list[str]:
        return [_key(plain_text(n.heading)) for n in iter_nodes(document) if isinstance(n, t.Sidebar) and n.heading]

    def pullquotes(document: t.Document) -> list[tuple[str, bool]]:
        return [(_key(plain_text(n.children), 6), n.repeats_body) for n in iter_nodes(document)
                if isinstance(n, t.PullQuote)]

    def turns(document: t.Document) -> list[tuple[str, str, str]]:
        return [(n.role, n.speaker, _key(plain_text(n.children[:1]), 6)) for n in iter_nodes(document)
                if isinstance(n, t.Turn)]

    def glossary(document: t.Document) -> list[tuple[str, str]]:
        entries = []
        glossary_part = False  # before the transforms, the glossary is the part under a .glossary heading
        for node in iter_nodes(document):
            if isinstance(node, t.Heading) and node.level and node.level <= 2:
                glossary_part = "glossary" in node.classes
            if isinstance(node, t.DefinitionList) and (node.glossary or glossary_part):
                for item in node.items:
                    definition = plain_text(item.definitions[0]) if item.definitions else ""
                    entries.append((_key(plain_text(item.term)), _key(definition, 6)))
        return entries

    def labels(document: t.Document) -> list[str]:
        return [n.label for n in iter_nodes(document) if isinstance(n, t.PageBreak)]

    def targets(document: t.Document) -> list[str]:
        return sorted({re.sub(r"^https?://(www\.)?", "", n.target).rstrip("/.").lower()
                       for n in iter_nodes(document) if isinstance(n, t.Link)})

    printed = sorted(set(state.page_numbers.values())) if state else []
    actual_labels = set(labels(actual))
    printed_marked = sum(1 for n in printed if str(n) in actual_labels) / max(1, len(printed)) if printed else 1.0
    link_lines = sum(1 for p in paragraphs(actual) if re.fullmatch(r"\s*https?://\S+\s*", p))

    # Dehyphenation against the reference text.
    reference_text = "\n".join(expected_units)
    right = scored = 0
    for _, before, after, kept in (state.hyphens if state else []):
        truth = _hyphen_truth(before, after, reference_text)
        if truth is None:
            continue
        scored += 1
        right += truth == kept
    missing = [f"{m.word!r} in …{m.context}…" for m in recall_cmp.missing]
    return Scores(text_recall, text_precision, para, head, head_text, notes_text, notes_calls,
                  f1(sidebar_titles(actual), sidebar_titles(reference)),
                  f1(pullquotes(actual), pullquotes(reference)), f1(turns(actual), turns(reference)),
                  f1(glossary(actual), glossary(reference)), printed_marked,
                  f1(labels(actual), labels(reference)), f1(targets(actual), targets(reference)), link_lines,
                  right / max(1, scored), scored, missing)


def score_files(text_path: Path = TEXT, reference_path: Path = REFERENCE) -> Scores:
    document, state = import_text(text_path.read_text(encoding="utf-8"), str(text_path))
    reference = read(reference_path, transform=False)
    return score(document, reference, state)


def main(argv: list[str]) -> int:
    files = [a for a in argv if not a.startswith("-")]
    text_path = Path(files[0]) if files else TEXT
    reference_path = Path(files[1]) if len(files) > 1 else REFERENCE
    scores = score_files(text_path, reference_path)
    print(f"{text_path.name} against {reference_path.name}")
    for line in scores.lines():
        print("  " + line)
    if "-v" in argv or "--missing" in argv:
        for item in scores.missing_words:
            print("    missing", item)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
