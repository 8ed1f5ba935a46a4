"""The raw-text importer on ``pdftotext``'s default output of a single column (issue 6), continued: the hyphens
the extraction dropped at a line end, in an address and in a compound the lexicon does not know.

The texts are invented and set by the greedy typesetter of ``test_pdftext_dense`` (lines break where the next
word does not fit, with the importer's own width estimate).
"""

from __future__ import annotations

from test_pdftext_dense import WIDTH

from converter.readers import pdftext
from converter.readers.pdftext import printed_width


def test_issue6_plain_one_letter_word_in_an_address_keeps_its_hyphen() -> None:
    # "à" cut from "connaître" at a line end, in a path that separates its words by hyphens: the hyphen is the
    # address's; an elided letter glued to its word ("lintervention") is the address's own spelling
    address = "exemple.fr/ateliers-et-outils-àconnaître-2"
    assert pdftext._joined_hyphen(address, printed_width("exemple.fr/ateliers-et-outils-à"), WIDTH) == 31
    elided = "exemple.fr/projet-de-lintervention"
    assert pdftext._joined_hyphen(elided, printed_width("exemple.fr/projet-de-l"), WIDTH) is None
