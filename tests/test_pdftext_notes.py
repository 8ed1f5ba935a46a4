"""The raw-text importer's note calls: a note the text never calls (a defect of the print, or a call the
extraction lost) is still called, at the word it most plausibly annotates, and the guess is reported."""

from __future__ import annotations

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.walk import iter_nodes, plain_text


def _called_after(document: t.Document) -> list[tuple[str, str]]:
    """(note id, its paragraph's text up to the call) for each call, in reading order."""
    found: list[tuple[str, str]] = []
    for node in iter_nodes(document):
        if isinstance(node, t.Paragraph):
            before = ""
            for inline in node.children:
                if isinstance(inline, t.NoteRef):
                    found.append((inline.note_id, before))
                before += plain_text(inline) if not isinstance(inline, t.NoteRef) else ""
    return found


def test_an_uncalled_note_is_called_after_the_name_its_address_spells() -> None:
    text = ("La cité travaille avec le laboratoire Cit.Us, qui étudie les usages de la ville.\n\n"
            "Léa est membre de la chaire Cit.Us depuis deux ans.\n\n"
            "1 Voir chairecitus.com.\n")
    document, state = import_text(text)
    [(note, before)] = _called_after(document)
    assert note == "note-1" and before.endswith("le laboratoire Cit.Us")  # its first mention
    assert [plain_text(note) for note in document.notes] == ["Voir chairecitus.com."]
    assert any("note 1 (line 5)" in d.message and "Cit.Us" in d.message and d.line == 1 for d in state.diagnostics)


def test_an_uncalled_note_naming_nothing_is_called_at_the_end_of_the_paragraph_before_it() -> None:
    """A common word inside the address ("chaire" in chairecitus) is no evidence: the call goes to the end
    of the paragraph that precedes the note, still reported."""
    text = ("La cité travaille avec la chaire de recherche.\n\n"
            "Les ateliers ont lieu chaque semaine.\n\n"
            "1 Voir chairecitus.com.\n")
    document, state = import_text(text)
    [(note, before)] = _called_after(document)
    assert note == "note-1" and before.endswith("lieu chaque semaine.")
    assert any("end of the paragraph" in d.message and d.line == 3 for d in state.diagnostics)


def test_an_uncalled_note_is_called_after_a_capitalised_word_it_names() -> None:
    text = ("Les photos ont été prises à la Mêlée, pendant le salon.\n\n"
            "1 Photos de la Mêlée Numérique.\n")
    document, _ = import_text(text)
    [(note, before)] = _called_after(document)
    assert note == "note-1" and before.endswith("prises à la Mêlée")


def test_a_number_glued_to_an_acronym_yields_to_a_nearer_spaced_call() -> None:
    """"le carnet NEC21" is a name; the superscript the extraction spaced out ("France 1") is the call."""
    text = ("Retrouvez le carnet NEC1 sur le site internet.\n\n"
            "Il a cofondé l’association Open Knowledge France 1 où il milite.\n\n1 Voir okfn.org.\n")
    document, state = import_text(text)
    [(note, before)] = _called_after(document)
    assert note == "note-1" and before.endswith("Open Knowledge France")
    assert any("carnet NEC1 sur" in plain_text(node) for node in iter_nodes(document) if isinstance(node, t.Paragraph))
    assert any("glued to a word in capitals" in d.message for d in state.diagnostics)


def test_issue6_a_text_that_marks_its_pages_takes_no_lone_number_for_a_page_number() -> None:
    # The synthetic carnets' extractions: "Page N" lines are the print pages; a note's number alone on a line
    # ("1", then the note's text) was taken for a page number and reported as one, pages were "counted".
    text = ("Page 1\n\nLe quartier a ouvert un espace numérique1 avec deux médiateurs.\n\n"
            "1\n\nVoir le carnet précédent.\n\nPage 2\n\nLes ateliers sont gratuits.\n\n12\n\n"
            "Page 3\n\nLe bus circule le mardi.\n")
    document, state = import_text(text)
    assert state.page_numbers == {}
    labels = [n.label for n in iter_nodes(document) if isinstance(n, t.PageBreak)]
    assert labels == ["1", "2", "3"]
    page_guesses = [d.message for d in state.diagnostics if "carnet-import pages:" in d.message]
    assert page_guesses == ["carnet-import pages: the text marks its print pages ('Page N'): those are the page markers"]
    assert "12" in " ".join(plain_text(n) for n in iter_nodes(document) if isinstance(n, t.Paragraph))
