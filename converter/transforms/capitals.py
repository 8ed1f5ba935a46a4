"""Text typed in capitals: stored in normal case, marked with the class ``uppercase``.

Place in the pipeline: after ``sections`` (it needs the document's abbreviations) and before the text
transforms. Screen readers may spell out a word typed in capitals letter by letter, so the tree keeps the
words in normal case and writers show them in capitals by style (CSS ``text-transform``, Word's caps).

Casing rule: the first letter of a heading or sentence keeps its capital; a word the document defines as
an abbreviation (or any word of at most three letters that the French lexicon does not know, such as
"PIX", "QPV") stays in capitals; another word unknown to the French lexicon is a proper noun
("Montpellier"); any other word is lower-cased. Nothing else is changed, so the text keeps every word.
"""

from __future__ import annotations

import re

from .. import tree as t
from ..lexicon import is_french_word
from ..walk import iter_nodes, plain_text

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_UPPER = "A-ZÀ-ÖØ-ÞŒŸ"
# Three or more words typed in capitals (upper-case letters only: the run must not swallow the
# lower-case words around it, or it is never recognised inside a sentence).
_CAPITAL_WORD = rf"(?:[{_UPPER}]['’])?[{_UPPER}]{{2,}}"  # "ANCT", "L’ANCT"
_CAPITALS_RUN = re.compile(rf"(?<![^\W\d_]){_CAPITAL_WORD}(?:[\s'’\-–—:,.&/()\d]+{_CAPITAL_WORD}){{2,}}"
                           r"(?![^\W\d_])")


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and " " in text.strip()


def _normal_case(text: str, acronyms: set[str], sentence_start: bool) -> str:
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        nonlocal sentence_start
        first = sentence_start
        sentence_start = False
        if word in acronyms:
            return word
        parts = re.split(r"(['’])", word)
        fixed = []
        for part in parts:
            if part in ("'", "’") or not part:
                fixed.append(part)
                continue
            lower = part.lower()
            if len(part) <= 3 and not is_french_word(lower) and len(part) > 1:
                fixed.append(part)  # an acronym the document did not define
            elif not is_french_word(lower) and len(part) > 1:
                fixed.append(lower.capitalize())
            else:
                fixed.append(lower)
        result = "".join(fixed)
        if first:
            result = result[:1].upper() + result[1:]
        return result

    return _WORD.sub(fix, text)


def capitals(document: t.Document) -> None:
    """Store headings and runs of words typed in capitals in normal case, with the class ``uppercase``."""
    acronyms = {plain_text(a) for a in iter_nodes(document) if isinstance(a, t.Abbreviation)}
    for node in iter_nodes(document):
        if isinstance(node, t.Heading) and node.children:
            if _store_in_normal_case(node, acronyms) and "uppercase" not in node.classes:
                node.classes.append("uppercase")
        elif isinstance(node, t.Container) and "uppercase" in node.classes:
            # Already marked (``[TEXT]{.uppercase}``): store its text in normal case, do not wrap it again.
            _store_in_normal_case(node, acronyms)
        elif isinstance(node, (t.Paragraph, t.Container, t.Cell)) and not isinstance(node, t.Link):
            _mark_runs(node.children, acronyms)


def _store_in_normal_case(node: t.Node, acronyms: set[str]) -> bool:
    """When the text of ``node`` is typed in capitals, put it in normal case; returns whether it was."""
    if not _is_capitals(plain_text(node)):
        return False
    first = True
    for text in (n for n in iter_nodes(node) if isinstance(n, t.Text)):
        text.text = _normal_case(text.text, acronyms, first)
        first = first and not text.text.strip()
    return True


def _mark_runs(inlines: list[t.Inline], acronyms: set[str]) -> None:
    """Wrap a run of three or more words typed in capitals, inside a Text, in an ``uppercase`` Span."""
    index = 0
    while index < len(inlines):
        item = inlines[index]
        if isinstance(item, t.Text):
            match = _CAPITALS_RUN.search(item.text)
            if match and _is_capitals(match.group(0)) and not all(
                    w in acronyms for w in _WORD.findall(match.group(0))):
                before, run, after = item.text[:match.start()], match.group(0), item.text[match.end():]
                start = not before.strip() or before.rstrip()[-1:] in ".!?:"
                pieces: list[t.Inline] = []
                if before:
                    pieces.append(t.Text(text=before))
                pieces.append(t.Span(classes=["uppercase"],
                                     children=[t.Text(text=_normal_case(run, acronyms, start))]))
                if after:
                    pieces.append(t.Text(text=after))
                inlines[index:index + 1] = pieces
                index += len(pieces) - (1 if after else 0)
                continue
        index += 1
