"""Transforms (issue 2, point 3): sections, notes, capitals, the reader's note, French typography."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from converter import TransformOptions, read
from converter import tree as t
from converter.dump import dump_json
from converter.readers.markdown import read_markdown
from converter.transforms import TRANSFORM_NAMES, apply_transforms
from converter.walk import find_all, iter_nodes, plain_text

CASES = Path(__file__).resolve().parent / "cases"
TOKENS = {"{n}": "\u202f", "{nbsp}": "\u00a0", "{thin}": "\u2009"}


def only(*names: str) -> TransformOptions:
    """Options that run only the named transforms (so a test sees one transform's effect)."""
    return TransformOptions(skip=set(TRANSFORM_NAMES) - set(names))


def transformed(markdown: str, *names: str) -> t.Document:
    document = read_markdown(markdown, "t.md", ".")
    apply_transforms(document, only(*names) if names else None)
    return document


def sections_of(blocks: list[t.Block]) -> list[t.Section]:
    return [b for b in blocks if isinstance(b, t.Section)]


def warnings(document: t.Document) -> list[str]:
    return [d.message for d in document.diagnostics if d.severity == "warning"]


# --- sections -------------------------------------------------------------------------------------------

NESTING = "## A\n\nTexte A.\n\n### A1\n\nTexte A1.\n\n### A2\n\n## B\n\nTexte B.\n"


def test_sections_nest_at_headings():
    top = sections_of(transformed(NESTING, "sections").children)
    assert [plain_text(s.heading) for s in top] == ["A", "B"]


def test_subsections_nest_inside_their_section():
    top = sections_of(transformed(NESTING, "sections").children)
    assert [plain_text(s.heading) for s in sections_of(top[0].children)] == ["A1", "A2"]


def test_section_keeps_the_blocks_up_to_the_next_heading():
    top = sections_of(transformed(NESTING, "sections").children)
    assert plain_text(top[0].children[0]) == "Texte A." and plain_text(top[1].children[0]) == "Texte B."


def test_skipped_heading_level_becomes_consecutive():
    document = transformed("## A\n\n#### Trop bas\n", "sections")
    assert sections_of(document.children)[0].children[0].heading.level == 3


def test_skipped_heading_level_is_reported():
    assert any("became level 3" in w for w in warnings(transformed("## A\n\n#### Trop bas\n", "sections")))


def test_body_starting_at_level_three_starts_at_two():
    assert sections_of(transformed("### A\n", "sections").children)[0].heading.level == 2


def test_section_ids_are_slugs_of_the_heading():
    section = sections_of(transformed("## Zoom sur l'EPN : à Villeneuve\n", "sections").children)[0]
    assert (section.heading.id, section.id) == ("zoom-sur-l-epn-a-villeneuve", "section-zoom-sur-l-epn-a-villeneuve")


def test_section_ids_are_stable_between_runs():
    assert dump_json(transformed(NESTING, "sections")) == dump_json(transformed(NESTING, "sections"))


def test_explicit_heading_id_kept():
    assert sections_of(transformed("## Lexique {#glossaire}\n", "sections").children)[0].heading.id == "glossaire"


def test_duplicate_heading_ids_are_made_unique():
    document = transformed("## Intro\n\n## Intro\n\n## Intro\n", "sections")
    assert [s.heading.id for s in sections_of(document.children)] == ["intro", "intro-2", "intro-3"]


def test_all_ids_of_the_sample_are_unique():
    ids = [n.id for n in iter_nodes(read(Path("input/carnet-exemple.md").resolve())) if n.id]
    assert len(ids) == len(set(ids))


SIDEBAR = '## Partie\n\n!!! sidebar "Zoom"\n\n    Texte.\n\n### Sous-partie\n\n!!! sidebar "Zoom bis"\n\n    Texte.\n'


def test_sidebar_heading_one_level_below_its_section():
    sidebars = find_all(transformed(SIDEBAR, "sections"), t.Sidebar)
    assert [s.heading.level for s in sidebars] == [3, 4]


def test_sidebar_heading_gets_an_id():
    sidebar = find_all(transformed(SIDEBAR, "sections"), t.Sidebar)[0]
    assert sidebar.heading.id == "zoom"


def test_sidebar_before_any_section_has_level_two():
    sidebar = find_all(transformed('!!! sidebar "Zoom"\n\n    Texte.\n', "sections"), t.Sidebar)[0]
    assert sidebar.heading.level == 2


def test_lone_level_one_heading_becomes_the_title():
    document = transformed("# Le titre\n\n## Partie\n", "sections")
    assert document.meta.title == "Le titre" and "Le titre" not in plain_text(document.children)


def test_level_one_headings_with_a_title_move_down():
    document = transformed("---\ntitle: T\n---\n\n# Partie\n\n## Sous-partie\n", "sections")
    top = sections_of(document.children)[0]
    assert (top.heading.level, sections_of(top.children)[0].heading.level) == (2, 3)


def test_level_one_headings_moved_down_are_reported():
    document = transformed("---\ntitle: T\n---\n\n# Partie\n", "sections")
    assert any("level-1 headings" in w for w in warnings(document))


def test_glossary_section_marked():
    document = transformed("## Lexique {.glossary}\n\nEPN\n:   Espace.\n", "sections")
    assert "glossary" in sections_of(document.children)[0].classes


def test_page_marker_before_a_heading_opens_the_next_section():
    """issue 2: the page that starts with a heading starts before its section, not at the end of the last."""
    document = transformed("## A\n\nTexte.\n\n{{page 3}}\n\n## B\n", "sections")
    assert [type(b).__name__ for b in document.children] == ["Section", "PageBreak", "Section"]


def test_page_markers_get_ids():
    document = transformed("{{page 3}}\n\nTexte {{page 4}} suite.\n", "sections")
    assert [p.id for p in find_all(document, t.PageBreak)] == ["page-3", "page-4"]


# --- notes ----------------------------------------------------------------------------------------------

NOTES = """Premier appel[^b], second[^a], encore[^b].

[^a]: Note A.
[^b]: Note B.
[^c]: Note jamais appelée.
"""


@pytest.fixture(scope="module")
def notes_document() -> t.Document:
    return transformed(NOTES, "cleanup", "sections", "notes")


def test_notes_numbered_in_reading_order_of_their_calls(notes_document):
    assert [plain_text(n) for n in notes_document.notes[:2]] == ["Note B.", "Note A."]


def test_note_numbers(notes_document):
    assert [n.number for n in notes_document.notes] == [1, 2, 3]


def test_note_ids(notes_document):
    assert [n.id for n in notes_document.notes] == ["note-1", "note-2", "note-3"]


def test_noteref_ids_and_numbers(notes_document):
    refs = find_all(notes_document.children[0], t.NoteRef)
    assert [(r.id, r.number, r.note_id) for r in refs] == [
        ("note-ref-1", 1, "note-1"), ("note-ref-2", 2, "note-2"), ("note-ref-1-2", 1, "note-1")]


def test_uncalled_note_kept_last(notes_document):
    assert plain_text(notes_document.notes[-1]) == "Note jamais appelée."


def test_uncalled_note_reported(notes_document):
    assert any("never called" in w for w in warnings(notes_document))


def test_note_numbers_run_across_sections():
    document = transformed("## A\n\nUn[^x].\n\n## B\n\nDeux[^y].\n\n[^x]: X.\n[^y]: Y.\n", "sections", "notes")
    assert [r.number for r in find_all(document, t.NoteRef)] == [1, 2]


PULLQUOTE_FIRST = """!!! pullquote

    Le texte repris[^y].

Un appel[^x]. Le texte repris[^y].

[^x]: X.
[^y]: Y.
"""


def test_calls_in_a_repeating_pullquote_do_not_number_notes():
    """issue 2: a hidden repeated call numbered its note before the calls readers meet."""
    document = transformed(PULLQUOTE_FIRST, "cleanup", "sections", "notes")
    assert [plain_text(n) for n in document.notes] == ["X.", "Y."]


def test_body_call_gets_the_first_id_before_a_repeated_one():
    document = transformed(PULLQUOTE_FIRST, "cleanup", "sections", "notes")
    body = [b for b in document.children if isinstance(b, t.Paragraph)][0]
    assert [r.id for r in find_all(body, t.NoteRef)] == ["note-ref-1", "note-ref-2"]


# --- capitals -------------------------------------------------------------------------------------------


def test_heading_in_capitals_stored_in_normal_case():
    document = transformed("## LES CHIFFRES CLÉS DE LA JOURNÉE\n", "sections", "capitals")
    heading = sections_of(document.children)[0].heading
    assert plain_text(heading) == "Les chiffres clés de la journée"


def test_heading_in_capitals_gets_the_uppercase_class():
    document = transformed("## LE CONCEPT DE SMART CITY\n", "sections", "capitals")
    assert "uppercase" in sections_of(document.children)[0].heading.classes


def test_capitals_keep_defined_abbreviations():
    document = transformed("## LE RÔLE DE L'ANCT EN FRANCE\n\n*[ANCT]: Agence\n", "sections", "capitals")
    assert "ANCT" in plain_text(sections_of(document.children)[0].heading)


def test_run_of_capitals_in_a_paragraph_wrapped_in_uppercase_span():
    """issue 2: a run of capitals between lower-case words was never found (the pattern took any letter)."""
    document = transformed("Il a dit LES CHIFFRES DE LA JOURNÉE hier.\n", "sections", "capitals")
    spans = find_all(document, t.Span)
    assert [(s.classes, plain_text(s)) for s in spans] == [(["uppercase"], "les chiffres de la journée")]


def test_uppercase_span_not_wrapped_twice():
    """issue 2: ``[TEXT]{.uppercase}`` became two nested uppercase spans."""
    document = transformed("[LES CHIFFRES CLÉS DE LA JOURNÉE]{.uppercase}\n", "sections", "capitals")
    assert len(find_all(document, t.Span)) == 1


def test_normal_heading_untouched():
    document = transformed("## Le concept de ville\n", "sections", "capitals")
    assert sections_of(document.children)[0].heading.classes == []


# --- reader's note --------------------------------------------------------------------------------------


def reader_note_section(document: t.Document) -> t.Section | None:
    return next((s for s in sections_of(document.children) if "reader-note" in s.classes), None)


def test_reader_note_present_by_default():
    assert reader_note_section(read("---\ntitle: T\n---\n\n## A\n\nTexte.\n", format="markdown")) is not None


def test_reader_note_is_the_first_section():
    document = read("---\ntitle: T\n---\n\n## A\n\nTexte.\n", format="markdown")
    assert document.children[0] is reader_note_section(document)


def test_reader_note_does_not_swallow_the_opening_text():
    """issue 2: text before the first heading ended up after the note's heading, i.e. inside the note."""
    document = read("---\ntitle: T\n---\n\nTexte d'ouverture.\n\n## A\n", format="markdown")
    assert [type(b).__name__ for b in document.children] == ["Paragraph", "Section", "Section"]
    assert "reader-note" in document.children[1].classes


def test_reader_note_absent_with_front_matter_false():
    document = read("---\ntitle: T\nreader_note: false\n---\n\n## A\n", format="markdown")
    assert reader_note_section(document) is None


def test_reader_note_absent_with_option():
    document = read("---\ntitle: T\n---\n\n## A\n", format="markdown", options=TransformOptions(reader_note=False))
    assert reader_note_section(document) is None


def test_reader_note_in_french():
    document = read("---\ntitle: T\n---\n\n## A\n", format="markdown")
    assert plain_text(reader_note_section(document).heading) == "Note sur cette édition accessible"


def test_reader_note_in_english_for_lang_en():
    document = read("---\ntitle: T\nlang: en\n---\n\n## A\n", format="markdown")
    assert plain_text(reader_note_section(document).heading) == "About this accessible edition"


def test_reader_note_mentions_page_numbers_only_when_marked():
    with_pages = read("---\ntitle: T\n---\n\n{{page 1}}\n\n## A\n", format="markdown")
    without = read("---\ntitle: T\n---\n\n## A\n", format="markdown")
    assert ("numéros de page" in plain_text(reader_note_section(with_pages)),
            "numéros de page" in plain_text(reader_note_section(without))) == (True, False)


def test_reader_note_inserted_once_when_run_twice():
    document = read("---\ntitle: T\n---\n\n## A\n", format="markdown")
    apply_transforms(document)
    assert sum(1 for s in sections_of(document.children) if "reader-note" in s.classes) == 1


# --- French typography ----------------------------------------------------------------------------------


def _decode(text: str) -> str:
    for token, char in TOKENS.items():
        text = text.replace(token, char)
    return text


def typography_cases() -> list:
    cases = []
    for number, line in enumerate((CASES / "typography_fr.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        source, expected = line.split(" => ")
        cases.append(pytest.param(_decode(source), _decode(expected), id=f"line{number}"))
    return cases


def typography(markdown: str) -> t.Document:
    return transformed(markdown + "\n", "cleanup", "typography_fr")


def test_typography_case_file_has_enough_cases():
    assert len(typography_cases()) >= 60


@pytest.mark.parametrize(("source", "expected"), typography_cases())
def test_typography_case(source, expected):
    document = typography(source)
    assert plain_text(document.children[0]) == expected


@pytest.mark.parametrize(("source", "expected"), typography_cases())
def test_typography_is_idempotent(source, expected):
    document = typography(source)
    once = dump_json(document)
    apply_transforms(document, only("cleanup", "typography_fr"))
    assert dump_json(document) == once


def test_typography_keeps_inline_markup():
    paragraph = typography("*Attention* : fragile.").children[0]
    assert [type(c).__name__ for c in paragraph.children] == ["Emphasis", "Text"]


def test_typography_never_changes_link_targets():
    link = find_all(typography("[Lien](https://exemple.fr/a:b?c=d) : ici."), t.Link)[0]
    assert link.target == "https://exemple.fr/a:b?c=d"


def test_typography_only_where_the_document_is_french():
    document = transformed("---\nlang: en\n---\n\nReally : yes!\n", "cleanup", "typography_fr")
    assert plain_text(document.children[0]) == "Really : yes!"


def test_typography_on_the_title():
    document = transformed('---\ntitle: "Carnet : essai"\n---\n\nTexte.\n', "typography_fr")
    assert document.meta.title == "Carnet\u202f: essai"


def test_whole_pipeline_is_idempotent_on_the_sample():
    document = read(Path("input/carnet-exemple.md").resolve())
    once = dump_json(document)
    apply_transforms(copy.deepcopy(document))
    apply_transforms(document)
    assert dump_json(document) == once
