"""The raw-text importer on ``pdftotext``'s default output of a single column (issue 6), continued: the hyphens
the extraction dropped at a line end, in an address and in a compound the lexicon does not know.

The texts are invented and set by the greedy typesetter of ``test_pdftext_dense`` (lines break where the next
word does not fit, with the importer's own width estimate).
"""

from __future__ import annotations

from test_pdftext_dense import SENTENCES, WIDTH, body, paragraphs_of

from converter.readers.pdftext import import_text
from converter.readers.pdftext.common import Line, State
from converter.readers.pdftext.dense import _joined_hyphen, _restore_margin_line_ends
from converter.readers.pdftext.widths import _FIT_SLACK, printed_width


def test_issue6_plain_one_letter_word_in_an_address_keeps_its_hyphen() -> None:
    # "à" cut from "connaître" at a line end, in a path that separates its words by hyphens: the hyphen is the
    # address's; an elided letter glued to its word ("lintervention") is the address's own spelling
    address = "exemple.fr/ateliers-et-outils-àconnaître-2"
    assert _joined_hyphen(address, printed_width("exemple.fr/ateliers-et-outils-à"), WIDTH) == 31
    elided = "exemple.fr/projet-de-lintervention"
    assert _joined_hyphen(elided, printed_width("exemple.fr/projet-de-l"), WIDTH) is None


def _address_just_over() -> str:
    """A line that ends in an address cut after "bonnes-": the first line was not full (the address's next
    piece did not fit), so the joined line is wider than the column by less than the estimate's error."""
    words: list[str] = []
    filler = iter(" ".join(SENTENCES).split())
    head = "ateliers-du-quartier.fr/les-bonnes-"
    while printed_width(" ".join([*words, head])) <= WIDTH:
        words.append(next(filler))
    words.pop()
    while printed_width(" ".join([*words, "et", head])) <= WIDTH:
        words.append("et")
    line = " ".join([*words, "ateliers-du-quartier.fr/les-bonnesidees/"])
    assert WIDTH < printed_width(line) <= (1 + 2 * _FIT_SLACK[0]) * WIDTH
    return line


def test_issue6_plain_address_hyphen_on_a_line_just_over_the_column() -> None:
    lines = ["Mon carnet", "", *body(6), _address_just_over(), *body(5, 6)]
    document, _ = import_text("\n".join(lines) + "\n")
    text = " ".join(paragraphs_of(document))
    assert "ateliers-du-quartier.fr/les-bonnes-idees/" in text


def test_issue6_plain_prefix_before_a_word_keeps_its_hyphen() -> None:
    # a short element either language knows before a word, glued into a word neither knows: a compound whose
    # hyphen ended a line; of two cuts into words, the shorter element is the prefix
    assert _joined_hyphen("minidocumentaires", printed_width("mini"), WIDTH) == 4
    assert _joined_hyphen("coworking", printed_width("co"), WIDTH) == 2
    assert _joined_hyphen("coorganisé", printed_width("coorg"), WIDTH) == 2
    assert _joined_hyphen("Montpelliérains", printed_width("Montpel"), WIDTH) is None


def test_issue6_plain_margin_line_ends_only_where_a_hyphen_was_dropped() -> None:
    # pdftotext joins a margin's line to the next only when it ends with a hyphen, which it drops: a hyphen
    # kept inside the joined line ended no line, even where the margin's estimated width would let it
    # ("…-qui-se-joue-" | "entre-les-villes…", the margin estimated a little narrower than printed)
    margin = int(printed_width("site.fr/projet-qui-se-joueentre-") / 1.03)
    state = State("")
    line = Line(1, "site.fr/projet-qui-se-joueentre-les-villes-et-le-quartier-nord.html.")
    _restore_margin_line_ends(state, line, margin)
    assert line.text == "site.fr/projet-qui-se-joue-entre-les-villes-et-le-quartier-nord.html."


def test_issue6_plain_margin_address_glues_english_words() -> None:
    # an address cut in a margin between two English words (a book's title in its publisher's address): the
    # hyphen pdftotext dropped at the line's end is restored as between two French words
    state = State("")
    line = Line(1, "editions.org/books/datafeminism.")
    _restore_margin_line_ends(state, line, printed_width("editions.org/books/data-") + 300)
    assert line.text == "editions.org/books/data-feminism."
