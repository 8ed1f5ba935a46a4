"""Issue 3: nothing of carnet #9 is lost in its carnet Markdown edition.

The seed (``input/carnet-09-montpellier.txt``, the text extracted from the PDF) is normalised — the page
numbers, the link lines that the extraction appended at page ends, the letter ranges of the glossary and
the line-end hyphenation removed — and cut into paragraphs (at blank lines and where a new text block of the
PDF starts: the extraction marks that with a leading space). Every word of every paragraph must then appear,
in the same order, in the visible text of ``input/carnet-09-montpellier.md`` (see ``textcompare.py``; the same
comparison can be run on the text of the HTML, EPUB and DOCX outputs with ``seed_paragraphs(speakers="names")``).

Everything left out or changed on purpose is listed below (DROPPED, CORRECTIONS, HYPHEN_EXCEPTIONS) with its
reason, and printed by the test.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

import markdown
from bs4 import BeautifulSoup
from textcompare import compare, words

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "input" / "carnet-09-montpellier.txt"
EDITION = ROOT / "input" / "carnet-09-montpellier.md"

# --- What is deliberately dropped from the seed, and why -------------------------------------------------

#: Printed page numbers (lines holding only the number): they become ``{{page N}}`` markers.
PAGE_NUMBERS = {"02", "4", "10", "11", "22", "31", "32", "33", "39", "45", "46"}
#: Letter ranges printed in the margin of the glossary pages: navigation aids of the print layout.
LETTER_RANGES = ("A-B-C-D-E", "F-G-H-I-J-K-L", "M-N-O-P-Q-R-S", "T-U-V-W-X-Y-Z")
#: Link lines appended by the extraction at page ends (duplicates of visible addresses): the addresses
#: become link targets.
LINK_LINE = re.compile(r"^\s*https?://\S+\s*$")
#: Video addresses printed under each replay / resource title: they become the target of a link whose
#: text is the title (the address itself, with its hyphenation, is not text a reader needs).
VIDEO_LINE = re.compile(r"^\s*(youtu\.be/|youtube\.com/watch)\S*\s*$")
#: The number that opens each footnote: the writers number the notes themselves.
NOTE_START = re.compile(r"^\s*(\d{1,2}) ?(?=[^\d\s.,:])")
NOT_NOTES = ("3 ENSEIGNEMENTS",)
BULLETS = re.compile(r"^\s*[▷▶→]\s*")

DROPPED_REASONS = {
    "page number": "printed page numbers become {{page N}} markers",
    "letter range": "A-B-C… letter ranges of the glossary are navigation aids of the print layout",
    "link line": "link lines appended at page ends duplicate visible addresses; they become link targets",
    "video address": "replay/resource video addresses become the targets of links on their titles",
    "note number": "the number opening a footnote is rendered by the writers",
}

# --- What is changed in the seed before comparing, and why -----------------------------------------------

#: (seed text, edition text, reason). Applied to the joined paragraphs of the seed.
CORRECTIONS: list[tuple[str, str, str]] = [
    ("D'IDENTITÉ FICHE", "FICHE D'IDENTITÉ", "the two lines of the heading are extracted in reverse order"),
    ("techniquesde", "techniques de", "missing word space in the PDF text"),
    ("JacquesChirac", "Jacques Chirac", "missing word space in the PDF text"),
    ("l’intelligence.Elle", "l’intelligence. Elle", "missing word space in the PDF text"),
    ("SiliconValley", "Silicon Valley", "missing word space in the PDF text"),
    ("typeYouTube", "type YouTube", "missing word space in the PDF text"),
    ("denos sphères", "de nos sphères", "missing word space in the PDF text"),
    ("propresaux", "propres aux", "missing word space in the PDF text"),
]
#: Speaker names opening an interview answer are written as the speaker's initials (the front matter maps
#: initials to names; the writers display the name).
SPEAKERS = {"Hélène Roussel": "HR", "Anne Bourdarias": "AB", "Samuel Goëta": "SG"}

#: Line-end hyphens that the rules below would decide wrongly: (left part, right part) → joined text.
HYPHEN_EXCEPTIONS = {
    ("(em", "powerment"): "(empowerment",  # English word, not in the French dictionary
    ("in", "ternet,"): "internet,",  # "internet" is not in the dictionary
    ("Mul", "ti-Services."): "Multi-Services.",  # prefix "multi" not in the dictionary
    ("mediation-numerique.fr/presentation-me", "diationnumerique.html."):
        "mediation-numerique.fr/presentation-mediationnumerique.html.",  # address
    ("editionsladecou", "verte.fr/statacti-"): "editionsladecouverte.fr/statacti-",  # address
    ("editionsladecouverte.fr/statacti", "visme-9782355220548."): "editionsladecouverte.fr/statactivisme-9782355220548.",
    ("urbanisme-puca.gouv.fr/IMG/pdf/courmont_an", "toine_resume.pdf."): "urbanisme-puca.gouv.fr/IMG/pdf/courmont_antoine_resume.pdf.",
}
URL_CONTINUATION = re.compile(r"^(com|fr|org|net|coop|html|gouv\.fr|openedition\.org)\b")


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from spellchecker import SpellChecker

    known = list(SpellChecker(language="fr").word_frequency.keys())
    return frozenset(known) | frozenset(_strip_accents(w) for w in known)


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=1)
def _link_targets() -> tuple[str, ...]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    targets = {line.strip().lower() for line in lines if LINK_LINE.match(line)}
    return tuple(sorted(targets | {unquote(t) for t in targets}))


def _in_links(fragment: str) -> bool:
    fragment = fragment.strip("().,;«» ").lower()
    return len(fragment) > 6 and any(fragment in target for target in _link_targets())


JOINS: list[tuple[str, str, str]] = []
"""Every line-end hyphen decision: (left, right, result), for review."""


def _hyphen_join(text: str, nxt: str) -> str:
    head, _, left = text[:-1].rpartition(" ")
    right, _, tail = nxt.partition(" ")
    key = (left, right)
    if key in HYPHEN_EXCEPTIONS:
        joined = HYPHEN_EXCEPTIONS[key]
    elif _in_links(left + right):
        joined = left + right
    elif _in_links(left + "-" + right):
        joined = left + "-" + right
    else:
        left_part = re.split(r"[-'’/._(«\xa0]", left)[-1]
        right_part = re.split(r"[-.,;:!?)/»_·\xa0]", right)[0]
        if not left_part or not right_part or right_part[0].isupper() or right_part[0].isdigit():
            joined = left + "-" + right
        elif (left_part + right_part).lower() in _dictionary() or \
                _strip_accents((left_part + right_part).lower()) in _dictionary():
            joined = left + right
        else:
            joined = left + "-" + right
    JOINS.append((left, right, joined))
    return (head + " " if head else "") + joined + (" " + tail if tail else "")


def _join_lines(lines: list[str]) -> str:
    text = lines[0].strip()
    for line in lines[1:]:
        nxt = line.strip()
        if not nxt:
            continue
        if text.endswith("-") and not text.endswith(" -") and len(text) > 1:
            text = _hyphen_join(text, nxt)
        elif text.endswith(("/", "_")) or (re.search(r"[a-z0-9]\.$", text) and URL_CONTINUATION.match(nxt)):
            text += nxt
        else:
            text += " " + nxt
    return text


def seed_paragraphs(speakers: str = "initials") -> tuple[list[str], list[tuple[int, str, str]]]:
    """The seed's paragraphs, normalised; and the dropped lines as (line number, text, reason).

    ``speakers``: how an interview answer opens — ``"initials"`` (``HR : …``, as in the Markdown) or
    ``"names"`` (``Hélène Roussel : …``, as the writers display it; for comparing the outputs' text).
    """
    dropped: list[tuple[int, str, str]] = []
    blocks: list[list[str]] = []
    current: list[str] = []
    after_video = False

    def close() -> None:
        nonlocal current
        if current:
            blocks.append(current)
        current = []

    for number, line in enumerate(SEED.read_text(encoding="utf-8").split("\n"), 1):
        stripped = line.strip()
        if after_video:  # continuation of a hyphenated video address
            dropped.append((number, stripped, "video address"))
            after_video = stripped.endswith(("-", "_"))
            continue
        if not stripped:
            close()
            continue
        if stripped in PAGE_NUMBERS:
            dropped.append((number, stripped, "page number"))
            close()
            continue
        if LINK_LINE.match(line):
            dropped.append((number, stripped, "link line"))
            close()
            continue
        if VIDEO_LINE.match(line):
            dropped.append((number, stripped, "video address"))
            after_video = stripped.endswith(("-", "_"))
            continue
        for letters in LETTER_RANGES:
            if stripped.startswith(letters):
                dropped.append((number, letters, "letter range"))
                stripped = stripped[len(letters):]
                line = " " + stripped
                break
        if not stripped:
            close()
            continue
        if stripped == "Zoom sur...":  # the label of a box, glued by the extraction to the next block
            close()
            blocks.append([stripped])
            continue
        if line.startswith(" ") and not BULLETS.match(line):
            close()  # a new text block of the PDF starts here
        elif BULLETS.match(line):
            close()
        current.append(stripped)
    close()

    # A word hyphenated across a paragraph break (« tiers-» / « lieux. »): join the two blocks.
    merged: list[list[str]] = []
    for block in blocks:
        if merged and merged[-1][-1].endswith("-") and block[0][:1].islower() and \
                not BULLETS.match(block[0]) and merged[-1][-1][-2:-1].isalpha():
            merged[-1].extend(block)
        else:
            merged.append(block)

    paragraphs = []
    for block in merged:
        first = block[0]
        match = NOTE_START.match(first)
        if match and int(match.group(1)) <= 38 and not first.startswith(NOT_NOTES):
            dropped.append((0, match.group(1), "note number"))
            block = [first[match.end():]] + block[1:]
        block = [BULLETS.sub("", block[0])] + block[1:]
        text = _join_lines(block)
        for before, after, _reason in CORRECTIONS:
            text = text.replace(before, after)
        for name, initials in SPEAKERS.items():
            if speakers == "initials" and text.startswith(name + " :"):
                text = initials + text[len(name):]
            elif speakers == "names" and text.startswith(initials + " :"):
                text = name + text[len(initials):]
        text = re.sub(r"\S*%[0-9A-Fa-f]{2}\S*", lambda m: unquote(m.group(0)), text)
        paragraphs.append(text)
    return paragraphs, dropped


# --- The visible text of the Markdown edition --------------------------------------------------------------

_SPAN = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\{[^{}]*\}")
_PAGE = re.compile(r"\{\{\s*page\s+[^\s{}]+\s*\}\}")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
BLOCKS = ["p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "div", "blockquote", "br", "hr",
          "td", "th", "tr", "ul", "ol", "dl", "section", "aside", "figure", "figcaption"]


def markdown_visible_text(source: str) -> str:
    """What a reader sees of carnet Markdown: no front matter, page markers, attributes, URLs, note labels."""
    body = _FRONT_MATTER.sub("", source)
    body = _PAGE.sub(" ", body)
    previous = None
    while previous != body:
        previous, body = body, _SPAN.sub(r"\1", body)
    html = markdown.markdown(body, extensions=["extra", "admonition", "attr_list", "md_in_html"])
    soup = BeautifulSoup(html, "html.parser")
    # Python-Markdown titles an untitled admonition with its kind ("Interview", "Pullquote"): not text.
    for node in soup.select("div.interview > p.admonition-title, div.pullquote > p.admonition-title"):
        node.decompose()
    for node in soup.select("sup[id^=fnref], a.footnote-backref"):
        node.decompose()
    for node in soup.find_all(BLOCKS):
        node.insert_before(" ")
        node.insert_after(" ")
    return soup.get_text("")


def test_every_word_of_the_seed_is_in_the_markdown() -> None:
    paragraphs, dropped = seed_paragraphs()
    actual = markdown_visible_text(EDITION.read_text(encoding="utf-8"))
    result = compare(paragraphs, actual)

    print()
    print(f"Seed: {len(paragraphs)} paragraphs; edition: {len(words(actual))} words of visible text")
    print(result.report())
    by_reason: dict[str, list[str]] = {}
    for _line, text, reason in dropped:
        by_reason.setdefault(reason, []).append(text)
    print("Deliberately dropped:")
    for reason, items in by_reason.items():
        print(f"  {len(items):3} × {reason}: {DROPPED_REASONS[reason]}")
    print("Corrections:")
    for before, after, reason in CORRECTIONS:
        print(f"  {before!r} → {after!r}: {reason}")
    print(f"  speaker names opening answers → initials: {SPEAKERS}")

    assert result.words_compared > 14_000
    assert not result.missing, result.report()


def test_the_seed_is_the_extracted_text_byte_for_byte() -> None:
    # shared/ lies beside the repository (the work tree here, a fresh clone in CI).
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_02a252ed64b07114.txt"
    if shared.exists():
        assert SEED.read_bytes() == shared.read_bytes()
    assert len(SEED.read_text(encoding="utf-8").splitlines()) == 3887
