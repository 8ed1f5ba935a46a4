"""The raw-text importer on ``pdftotext``'s default output of a single column (issue 6), continued: an
attribution over two lines, ...

The texts are invented and set by the greedy typesetter of ``test_pdftext_dense`` (lines break where the next
word does not fit, with the importer's own width estimate).
"""

from __future__ import annotations

from test_pdftext_dense import GLOSSARY_TOC, WIDTH, _entries, _joined_line, body, paragraphs_of, typeset

from converter import tree as t
from converter.readers.pdftext import import_text
from converter.walk import iter_nodes, plain_text


def _with_body(*middle: str) -> str:
    """``middle`` between dense paragraphs (enough of them for the text to be read as dense)."""
    return "\n".join(["Page 1", "", *body(4), *middle, *body(4, 4), "Page 2"]) + "\n"


def test_issue6_plain_attribution_over_two_lines() -> None:
    # a name and a title too long for one line: the attribution's end on a second short line, which the
    # width rules set apart as a paragraph of its own
    document, _ = import_text(_two_line_attribution())
    quotes = [n for n in iter_nodes(document) if isinstance(n, (t.PullQuote, t.BlockQuote))]
    assert quotes and "Médiation Numérique de la Ville et de la Métropole" in plain_text(quotes[0])
    assert not any("la Métropole" in text for text in paragraphs_of(document))


def _two_line_attribution() -> str:
    quotation = typeset("“Plutôt que de suivre un programme écrit d'avance, nous partons des compétences des "
                        "publics pour adapter nos ateliers à chacun.”", WIDTH * 2 // 3)
    return _with_body(
        *quotation,
        "Claire Martin, directrice des Ateliers et de la Médiation Numérique",
        "de la Ville et de la Métropole")


def test_issue6_plain_address_hyphen_lost_at_a_line_end() -> None:
    # pdftotext's default output joins a word cut at a line's end and drops its hyphen, even in an address:
    # the same host written elsewhere on one line gives its spelling back
    document, _ = import_text(_with_body("Pour en savoir plus : ateliers-du-quartier.fr", "",
                                         "Le programme complet est en ligne : ateliers-duquartier.fr/programme", ""))
    text = "\n".join(paragraphs_of(document))
    assert "ateliers-du-quartier.fr/programme" in text and "ateliers-duquartier" not in text


def test_issue6_plain_file_name_cut_at_a_line_end() -> None:
    # a long address cut inside its file's name: the printed line ends are kept in the default output too
    document, _ = import_text(_with_body("Télécharger :", "ateliers.fr/wp-content/uploads/2026/03/LE_CARNET_DES_ACCES",
                                         "SIBLE-1.docx", ""))
    text = "\n".join(paragraphs_of(document))
    assert "LE_CARNET_DES_ACCESSIBLE-1.docx" in text


def test_issue6_plain_caption_in_its_frame_then_credit_is_a_figure() -> None:
    # the default output leaves no empty rows for an image, but its caption is a frame of its own (a blank
    # line before it), followed by its credit; the same two lines inside the text's flow stay text
    framed = _with_body("", "Fréquentation de l'espace numérique au premier trimestre.", "Crédit : Ville de Villeneuve",
                        "")
    figures = [n for n in iter_nodes(import_text(framed)[0]) if isinstance(n, t.Figure)]
    assert len(figures) == 1 and "premier trimestre" in plain_text(figures[0])
    flowing = _with_body("Fréquentation de l'espace numérique au premier trimestre.", "Crédit : Ville de Villeneuve")
    assert not any(isinstance(n, t.Figure) for n in iter_nodes(import_text(flowing)[0]))


def test_issue6_plain_address_ending_a_full_line_ends_its_paragraph() -> None:
    # a full line ending on an address, then a capitalised sentence: the reflow test cannot see the end (the
    # next word does not fit), but a sentence does not go on past an address into a capitalised word
    document, _ = import_text(_with_body(
        "Tout savoir sur les ateliers du samedi : ateliers.fr/programmes-du-samedi/", "Justement, le carnet est en ligne."))
    found = paragraphs_of(document)
    assert any(text.endswith("ateliers.fr/programmes-du-samedi/") for text in found)
    assert "Justement, le carnet est en ligne." in found



def test_issue6_plain_glossary_term_with_its_acronym_in_brackets() -> None:
    # a term's line lengthened by an acronym or a translation in brackets is still a term's line
    lines = [*GLOSSARY_TOC, "Règlement général sur la protection des données (RGPD)",
             "Cadre européen du traitement et de la circulation des données à caractère personnel.",
             "À propos du carnet", *body(2, 10)]
    document, _ = import_text("\n".join(lines) + "\n")
    assert ("Règlement général sur la protection des données (RGPD)",
            "Cadre européen du traitement et de la circulation des données à caractère personnel.") \
        in _entries(document)


def test_issue6_plain_label_in_capitals_opens_its_paragraph() -> None:
    # after a sentence's end on a full line, a lead-in in capitals (a word the lexicon knows, then a colon)
    # opens its unit; an acronym with a colon ("NEC :") is no such label
    document, _ = import_text(_with_body(
        "Nous avons aussi produit une version accessible du carnet pour les",
        "personnes malvoyantes et aveugles, à lire avec une plage braille.",
        "Retrouvez aussi la version accessible du carnet sur le site de la ville.",
        "TÉLÉCHARGER : ateliers.fr/carnet-accessible.pdf"))
    found = paragraphs_of(document)
    assert any(text.endswith("sur le site de la ville.") for text in found)
    assert any(text.upper().startswith("TÉLÉCHARGER : ATELIERS.FR") for text in found)


def test_issue6_plain_dropped_hyphen_the_text_writes_elsewhere_or_a_euphonic_t() -> None:
    # pdftotext drops the hyphen of a word it joins at a line's end: "outremer" is a word the lexicon knows
    # (the colour), but the text writes "outre-mer" on one line elsewhere; "approprie-t" | "on" is the
    # euphonic t before a pronoun ("ton" is a word too)
    outremer = _joined_line("d’outre-mer", 7, "et des villes de métropole.")
    euphonic = _joined_line("l’approprie-t-on", 13, "? Nous le verrons.")
    lines = ["Mon carnet", "", *body(6), "Les ateliers d’outre-mer.", *body(2, 6), outremer, *body(4, 8), euphonic,
             *body(5, 12)]
    text = " ".join(paragraphs_of(import_text("\n".join(lines) + "\n")[0]))
    assert "d’outre-mer et des villes" in text and "outremer" not in text
    assert "l’approprie-t-on ?" in text


def test_issue6_plain_line_in_capitals_then_a_sentence() -> None:
    # a line wholly in capitals (a date line, a lead-in), then a sentence in normal case: the capitals are a
    # unit of their own even on a full line (a paragraph does not turn from capitals to lower case midway)
    document, _ = import_text(_with_body(
        "RENCONTRE DES ATELIERS DU QUARTIER SUD : 12 MARS 2026",
        "Pour sa première édition, la rencontre des ateliers a réuni les", "habitants du quartier."))
    found = paragraphs_of(document)
    assert "Pour sa première édition, la rencontre des ateliers a réuni les habitants du quartier." in found
    assert not any(text.upper().startswith("RENCONTRE DES ATELIERS DU QUARTIER SUD : 12 MARS 2026 POUR")
                   for text in found)


def test_issue6_plain_name_opening_after_a_full_line_opens_a_paragraph() -> None:
    # after a sentence's end on a full line (the reflow test cannot see the end), a line opening with a name,
    # two capitalised words the first of which is no word of the lexicon, opens a paragraph; "Ma Maison"
    # ("ma" is a word) goes on, and so would a first name the lexicon knows ("Claire")
    full = ["Les bénévoles de l'association réparent les ordinateurs donnés par",
            "les entreprises et les revendent aux étudiants comme aux retraités."]
    document, _ = import_text(_with_body(
        *full, "Samia Benali anime depuis dix ans les ateliers du quartier et les", "permanences du samedi matin.",
        *full, "Ma Maison accueille depuis dix ans les ateliers du quartier et les", "permanences du samedi matin."))
    found = paragraphs_of(document)
    assert any(text.startswith("Samia Benali anime") for text in found)
    assert not any(text.startswith("Ma Maison") for text in found)
