"""Inclusive writing in French: find abbreviated forms, normalise them or expand them to full doublets.

Place in the pipeline: a text transform that runs after the structural transforms and before
``typography_fr`` (which it leaves nothing to undo: it never adds quotes or spaces before signs). It works on
the text of a whole block across inline markup (:class:`converter.walk.TextRun`), only where the text's
language is French, and never inside literals, note calls, URLs, e-mail addresses, domains, file names,
numbers, dates, versions, units or dotted abbreviations. The same engine serves ``carnet inclusive``
through :func:`rewrite_lines` (one output line per input line, forms located by line:column).

Policies: ``doublet`` (default: ``citoyen·nes`` → "citoyens et citoyennes"), ``normalise`` (one point
médian U+00B7 per word: ``citoyen.ne.s`` → ``citoyen·nes``) and ``keep`` (forms are found and reported,
the text is untouched).

How a form is read:

- separators: U+00B7 and its look-alikes, full stop, hyphens, slash, parentheses and brackets,
  capital-letter endings (``éluEs``), chains (``·e·s``), soft hyphens and zero-width spaces glued to them;
- the feminine is derived by suffix family (the stem's ending is checked, the written suffix may
  overlap the stem), or from a short list of irregular words; closed-class words (pronouns, determiners)
  come from a dictionary;
- every derived word is confirmed by the French lexicon of ``pyspellchecker``, helped by three careful
  rules where that lexicon is known to be thin: a regular plural of a confirmed singular, a feminine of a
  confirmed masculine participle or agent noun whose verb is confirmed (``aidant`` + ``aider`` →
  ``aidante``), and a productive prefix on a confirmed word (``ré`` + ``utilisateurs``). A form that
  cannot be confirmed is left unchanged and reported as unresolved;
- adjacent inclusive words are expanded as one phrase (``aidant·es professionnel·les habilité·es`` →
  "aidants professionnels habilités et aidantes professionnelles habilitées"); a gendered determiner
  pair takes the next word with it; elided ``l'``/``d'`` and hyphenated prefixes are repeated on both
  halves; a sentence-initial capital stays on the first half, a demonym keeps it on both, capitals
  stay capitals.

Written-out doublets joined by ``-`` or ``/`` (``chercheur/chercheuse``) become "chercheur et
chercheuse" in the author's order, and only when one word is the other's feminine; ``normalise`` leaves
them, and pronoun pairs written in full (``il/elle``), as they are. The non-binary ``x`` marker is
reported, never expanded. A determiner pair whose noun group is unclear (``le/la digital native
grandit``) is reported.

Public API: :func:`find_forms`, :func:`rewrite` (text), :func:`rewrite_lines` and :func:`format_form`
(what ``carnet inclusive FILE --report`` needs), :func:`inclusive_fr` (the tree transform, returns an
:class:`InclusiveReport` whose ``summary()`` is what ``carnet convert`` prints).

Running it twice changes nothing: its output holds no abbreviated form.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .. import tree as t
from ..walk import TextRun, children, iter_inline_runs, iter_nodes

if TYPE_CHECKING:
    from ..lexicon import Lexicon

POLICIES = ("doublet", "normalise", "keep")
MIDDLE_DOT = "\u00b7"

# --- Characters ----------------------------------------------------------------------------------

DOTS = "\u00b7\u2027\u22c5\u2022\u2219\u30fb\uff65\u0387\u16eb\u0701"
"""The point médian and its look-alikes: always a separator when glued between letters."""
HYPHENS = "-\u2010\u2011"
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
APOSTROPHES = "'\u2019"
_SEPARATORS = DOTS + "." + HYPHENS + "/"
_SEP_CLASS = re.escape(_SEPARATORS)

_L = r"[^\W\d_]"
_WORD = rf"{_L}(?:{_L}|[{INVISIBLE}](?={_L}))*+"
_INV = rf"[{INVISIBLE}]*"
_JOIN = rf"{_INV}(?:[{re.escape(HYPHENS)}/]{_INV}\n[ \t]*|[{_SEP_CLASS}]{_INV})"
"""A separator between two letters; only a hyphen or a slash may end a line inside a token."""
_PAREN = rf"{_INV}(?:\({_INV}{_WORD}{_INV}\)|\[{_INV}{_WORD}{_INV}\])"
_TOKEN_RE = re.compile(
    rf"(?<![\w@#&/\\{_SEP_CLASS}]){_WORD}(?:(?:{_JOIN}{_WORD})|(?:{_PAREN}(?:{_WORD})?))+(?![\w@])"
)
"""A word with at least one separator or bracket: every candidate but capital endings."""
_WORD_AT_RE = re.compile(r"(?<![\w@#&/\\])[^\W\d_]+(?![\w@])")
_CAPS_END_RE = re.compile(r"^([^\W\d_]*[a-zà-ÿœæ])([A-ZÀ-ÖØ-ÞŒÆ]{1,5})(s?)$")
_PIECE_RE = re.compile(rf"([{_SEP_CLASS}]|\(|\)|\[|\]|\n)")
_PROTECTED_RE = re.compile(
    r"(?:https?|ftp)://|www\.|@"                                        # URLs, e-mail addresses
    r"|\.(?:fr|com|org|net|eu|io|info|gouv|be|ch|ca|de|uk|it|co|edu|int|coop|asso|bzh|paris|tv|me|ly|gl|"
    r"app|dev|ai|pdf|docx?|odt|ods|odp|txt|html?|epub|jpe?g|png|gif|svg|webp|csv|xlsx?|pptx?|zip|mp[34]|"
    r"md|py|json|xml|rtf)(?![^\W\d_])"                                 # domains, file names
    r"|(?<![\w.])(?:[^\W\d_]{1,2}\.){2,}"                              # dotted abbreviations: i.e. p.ex.
    r"|^#|\d[.,:/-]?$|^[.,:/-]?\d"                                     # hashtags, numbers glued
)
"""Searched in the chunk of non-blank text around a candidate: a hit protects the candidate."""
_CAPS_ANYWHERE = re.compile(r"[a-zà-ÿœæ][A-ZÀ-ÖØ-ÞŒÆ]")
_CODE_RE = re.compile(r"`[^`\n]*`")
_ELISION_RE = re.compile(rf"(?<!\w)([lLdD])[{APOSTROPHES}]$")
_SENTENCE_END = ".!?…"
_OPENERS = " \t\u00a0\u202f\u2009«“\"'‘(‹[—–-•▶▷→*\ufffc"
"""Skipped when looking back for the start of a sentence (U+FFFC: a page break or note call)."""

# --- Lexicon -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The French word list of ``pyspellchecker`` (lower case), loaded once, on first use: the same list as
    :mod:`converter.lexicon`'s (capitals loaded it a second time, a quarter of a second per conversion)."""
    from ..lexicon import french_words

    return french_words()


_PREFIXES = ("ré", "re", "co", "pré", "anti", "auto", "contre", "inter", "multi", "néo", "non", "post",
             "sous", "super", "télé", "trans", "cyber", "hyper", "micro", "méta", "extra", "semi", "vice")
"""Productive prefixes: a word made of one of them and a confirmed word is confirmed (réutilisateurs)."""


def _infinitives(base: str) -> list[str]:
    out = [base + "er", base + "ir", base + "re", base + "r"]
    if base.endswith("iss"):
        out.append(base[:-3] + "ir")
    if base.endswith("ç"):
        out.append(base[:-1] + "cer")
    if base.endswith("e"):
        out.append(base[:-1] + "er")
    return out


@lru_cache(maxsize=8192)
def confirmed(word: str) -> bool:
    """Whether ``word`` is a French word: in the lexicon, or confirmed by one of three careful rules."""
    lex = lexicon()
    w = word.lower().replace("’", "'")
    if "-" in w:
        w = w.rsplit("-", 1)[1]
    if w in lex:
        return True
    singular = w[:-1] if w.endswith("s") else w
    if singular != w and singular in lex and not singular.endswith(("s", "x", "z")):
        return True
    if _participle_feminine(singular, lex):
        return True
    for prefix in _PREFIXES:
        rest = w[len(prefix):]
        if w.startswith(prefix) and len(rest) >= 5 and (rest in lex or _simple(rest, lex)):
            return True
    return False


def _simple(w: str, lex: frozenset[str]) -> bool:
    singular = w[:-1] if w.endswith("s") else w
    return singular in lex or _participle_feminine(singular, lex)


def _participle_feminine(w: str, lex: frozenset[str]) -> bool:
    """A feminine whose masculine is a confirmed participle or agent noun of a confirmed verb."""
    if w.endswith(("ante", "ente")):
        masc, base = w[:-1], w[:-4]
    elif w.endswith("ée") or w.endswith(("ie", "ue")):
        masc, base = w[:-1], w[:-2]
    elif w.endswith("euse"):
        masc, base = w[:-4] + "eur", w[:-4]
        return masc in lex and len(base) >= 3 and base + "er" in lex
    elif w.endswith("atrice"):
        masc, base = w[:-6] + "ateur", w[:-6]
    else:
        return False
    if len(base) < 3 or masc not in lex:
        return False
    return any(verb in lex for verb in _infinitives(base))


# --- Morphology ----------------------------------------------------------------------------------

_FAMILIES: list[tuple[str, str]] = sorted([
    ("teur", "trice"), ("deur", "drice"), ("eur", "euse"), ("eur", "eure"),
    ("ier", "ière"), ("er", "ère"),
    ("eau", "elle"), ("eux", "euse"), ("oux", "ouse"), ("oux", "ousse"),
    ("eil", "eille"), ("el", "elle"), ("il", "ille"), ("ul", "ulle"),
    ("en", "enne"), ("on", "onne"), ("et", "ette"), ("et", "ète"), ("ot", "otte"),
    ("ant", "ante"), ("ent", "ente"), ("ain", "aine"), ("in", "ine"), ("un", "une"),
    ("an", "ane"), ("an", "anne"),
    ("ais", "aise"), ("ois", "oise"), ("is", "ise"), ("us", "use"), ("s", "sse"),
    ("al", "ale"), ("if", "ive"), ("f", "ve"), ("f", "ffe"), ("c", "que"), ("c", "che"), ("g", "gue"),
    ("é", "ée"), ("i", "ie"), ("u", "ue"), ("t", "te"), ("d", "de"), ("r", "re"), ("e", "esse"),
], key=lambda pair: -len(pair[0]))
"""(masculine ending, feminine ending), most specific ending first."""

_IRREGULAR: dict[str, str] = {
    "copain": "copine", "fou": "folle", "mou": "molle", "vieux": "vieille", "doux": "douce",
    "faux": "fausse", "roux": "rousse", "frais": "fraîche", "favori": "favorite", "malin": "maligne",
    "bénin": "bénigne", "sec": "sèche", "héros": "héroïne", "compagnon": "compagne",
    "serviteur": "servante", "empereur": "impératrice", "dieu": "déesse", "loup": "louve",
    "tiers": "tierce", "grec": "grecque", "andalou": "andalouse", "hébreu": "hébraïque",
}
"""Irregular feminines (a short list); they are still checked against the lexicon."""

_CLOSED: dict[str, tuple[str, str]] = {
    "il·elle": ("il", "elle"), "ils·elles": ("ils", "elles"), "elle·il": ("elle", "il"),
    "elles·ils": ("elles", "ils"), "lui·elle": ("lui", "elle"), "eux·elles": ("eux", "elles"),
    "il·elles": ("ils", "elles"), "ils·elle": ("ils", "elles"), "elle·lui": ("elle", "lui"),
    "celle·celui": ("celle", "celui"), "celles·ceux": ("celles", "ceux"),
    "celui·celle": ("celui", "celle"), "ceux·celles": ("ceux", "celles"),
    "celui·le": ("celui", "celle"), "ceux·lles": ("ceux", "celles"),
    "le·la": ("le", "la"), "la·le": ("la", "le"), "un·e": ("un", "une"), "un·es": ("uns", "unes"),
    "uns·es": ("uns", "unes"), "une·un": ("une", "un"),
    "chacun·e": ("chacun", "chacune"), "aucun·e": ("aucun", "aucune"), "aucun·es": ("aucuns", "aucunes"),
    "certain·e": ("certain", "certaine"), "certain·es": ("certains", "certaines"),
    "quel·le": ("quel", "quelle"), "quel·les": ("quels", "quelles"), "quels·les": ("quels", "quelles"),
    "lequel·laquelle": ("lequel", "laquelle"), "lesquel·les": ("lesquels", "lesquelles"),
    "lesquels·les": ("lesquels", "lesquelles"),
    "tou·tes": ("tous", "toutes"), "tous·tes": ("tous", "toutes"), "tout·es": ("tous", "toutes"),
    "tou·te": ("tout", "toute"), "tout·e": ("tout", "toute"), "tous·toutes": ("tous", "toutes"),
    "tout·toute": ("tout", "toute"),
    "nul·le": ("nul", "nulle"), "nul·les": ("nuls", "nulles"),
    "ce·tte": ("ce", "cette"), "ce·cette": ("ce", "cette"), "cet·te": ("cet", "cette"),
    "cet·cette": ("cet", "cette"),
    "mon·ma": ("mon", "ma"), "ton·ta": ("ton", "ta"), "son·sa": ("son", "sa"),
    "ma·mon": ("ma", "mon"), "sa·son": ("sa", "son"), "ta·ton": ("ta", "ton"),
    "du·de": ("du", "de"), "au·à": ("au", "à"),
}
"""Closed-class pairs: key is the lower-case form with one U+00B7 (``tou·te·s`` → ``tou·tes``)."""

_PRONOUNS = {"il", "ils", "elle", "elles", "lui", "eux", "celui", "ceux", "celle", "celles"}
"""Closed-class pairs that are pronouns: expanded on their own, never joined to a phrase."""
_TOUS = {"tou·tes", "tous·tes", "tout·es", "tous·toutes"}
_DETERMINERS = {"le·la", "la·le", "un·e", "une·un", "ce·tte", "ce·cette", "cet·te", "cet·cette",
                "mon·ma", "ton·ta", "son·sa", "ma·mon", "sa·son", "ta·ton", "du·de", "au·à"}
"""Closed-class pairs that take the next word with them."""

_NEOLOGISMS = {"iel", "iels", "ielle", "ielles", "celleux", "ceulles", "toustes", "elleux", "illes",
               "auteurice", "auteurices", "lecteurice", "lecteurices", "acteurice", "acteurices"}

_FUNCTION_WORDS = frozenset("""
a à au aux avec chez comme contre dans de des du en entre et est était fait font mais ni ne n ou où par parmi
pas peut pour qu que qui quoi sans se s selon sera seront si son sont sous sur va vont y ont doit doivent
pourra peuvent avait avaient aura auront ce cette ces leur leurs lui elle il ils elles on dont
""".split())  # noqa: SIM905
"""Words that end a determiner's noun group (or show that the pair is a pronoun: "un·e des…")."""

_ARTICLES = frozenset(["le", "la", "les", "un", "une", "des", "du", "de", "au", "aux"])
"""A bracket after one of these is singular/plural (``une(des) table(s)``), not gender."""

_DEMONYMS = ("européen", "parisien", "italien", "américain", "africain", "mexicain", "marocain",
             "algérien", "tunisien", "canadien", "australien", "brésilien", "indien", "coréen", "chilien",
             "colombien", "péruvien", "norvégien", "autrichien", "égyptien", "ivoirien", "sénégalais",
             "haïtien", "ukrainien", "syrien", "iranien", "libanais", "romain", "cubain", "dominicain",
             "guinéen", "malien", "nigérien", "camerounais", "congolais", "vietnamien", "cambodgien")


def _feminine_candidates(stem: str, written: str) -> list[str]:
    """Feminines of the lower-case masculine ``stem`` consistent with the written suffix, best first."""
    out: list[str] = []
    irregular = _IRREGULAR.get(stem)
    if irregular and irregular.endswith(written):
        out.append(irregular)
    for masc_end, fem_end in _FAMILIES:
        if stem.endswith(masc_end) and fem_end.endswith(written):
            candidate = stem[: len(stem) - len(masc_end)] + fem_end
            if candidate not in out:
                out.append(candidate)
            if fem_end == "esse" and "è" in candidate[-6:]:  # poète → poétesse
                out.append(candidate[:-6] + candidate[-6:].replace("è", "é"))
    literal = stem + written
    if literal in out[1:]:  # what is written comes first: mineur·e → mineure, not mineuse
        out.remove(literal)
        out.insert(0, literal)
    return out


def _plural_candidates(masculine: str) -> list[str]:
    if masculine.endswith(("s", "x", "z")):
        return [masculine]
    if masculine.endswith("al"):
        return [masculine[:-2] + "aux", masculine + "s"]
    if masculine.endswith(("eau", "eu")):
        return [masculine + "x", masculine + "s"]
    return [masculine + "s"]


def derive(stem: str, written: str, plural: bool) -> tuple[str, str] | None:
    """(masculine, feminine) of a lower-case ``stem`` with the written feminine suffix, or None."""
    if not confirmed(stem) and not (plural and any(confirmed(p) for p in _plural_candidates(stem))):
        return None
    for feminine in _feminine_candidates(stem, written):
        if len(feminine) <= len(stem) - 2:
            continue
        if stem.endswith("eur") and feminine.endswith("euse") and confirmed(feminine[:-4] + "eux"):
            continue  # ingénieur·e: "ingénieuse" is the feminine of ingénieux, not of ingénieur
        if plural:
            fem = feminine + "s"
            masc = next((p for p in _plural_candidates(stem) if confirmed(p)), None)
        else:
            fem, masc = feminine, stem
        if masc and confirmed(fem):
            return masc, fem
    return None


def _derive_from_plural(stem: str, written: str) -> tuple[str, str] | None:
    """``loyaux·ales``, ``citoyens·nes``: the stem written in the masculine plural."""
    singulars = []
    if stem.endswith("aux"):
        singulars.append(stem[:-3] + "al")
    if stem.endswith(("eaux", "s")):
        singulars.append(stem[:-1])
    for singular in singulars:
        if not confirmed(stem):
            break
        for feminine in _feminine_candidates(singular, written):
            if len(feminine) > len(singular) - 2 and confirmed(feminine + "s"):
                return stem, feminine + "s"
    return None


def _derive_any(stem: str, written: str, plural: bool) -> tuple[str, str] | None:
    """:func:`derive`, or from a stem written in the masculine plural."""
    result = derive(stem, written, plural)
    if result is None and plural:
        result = _derive_from_plural(stem, written)
    return result


def is_feminine_of(masculine: str, feminine: str) -> bool:
    """Whether two whole lower-case words are a masculine and its feminine (same number)."""
    if masculine.endswith("s") and feminine.endswith("s"):
        singulars = {masculine[:-1], masculine}
        if masculine.endswith("aux"):
            singulars.add(masculine[:-3] + "al")
        if masculine.endswith("eaux"):
            singulars.add(masculine[:-1])
        feminine = feminine[:-1]
    elif masculine.endswith("x") and feminine.endswith("s"):
        singulars = {masculine, masculine[:-1]}
        feminine = feminine[:-1]
    else:
        singulars = {masculine}
    return any(feminine in _feminine_candidates(s, feminine[-1:]) and feminine != s for s in singulars)


# --- Forms ---------------------------------------------------------------------------------------


@dataclass
class InclusiveForm:
    """One inclusive form (or a phrase of adjacent forms) found in a text.

    ``start``/``end`` is the span of the text that the replacement takes (``original`` is exactly that
    text); ``replacement`` None means unresolved: the text is left as it is and ``reason`` says why.
    ``words`` counts the inclusive words in the span. ``line``/``column`` (1-based, where the form as
    written starts) are set by :func:`rewrite_lines`; the tree transform sets ``line`` from the source
    node when known.
    """

    start: int
    end: int
    original: str
    replacement: str | None
    reason: str = ""
    words: int = 1
    line: int | None = None
    column: int | None = None
    written_start: int | None = None
    written: str = ""
    """The inclusive form as written, for a report (``chercheur/⏎chercheuse`` where only the slash is
    replaced, ``ai-⏎dant·es`` where the start of the word stays on its line); empty: ``original``."""

    @property
    def resolved(self) -> bool:
        return self.replacement is not None


@dataclass
class _Unit:
    """One word of a phrase: its span, its two renderings and how it was written."""

    start: int
    end: int
    masc: str
    fem: str
    normal: str
    inclusive: bool = True
    determiner: bool = False
    pair: bool = False          # a closed-class pronoun or full doublet: expanded on its own
    elision: str = ""
    capital: bool = False
    upper: bool = False
    demonym: bool = False
    predeterminer: bool = False  # tou·tes: "tou·tes les citoyen·nes" → "tous les citoyens et toutes les…"
    joiner: str = ""            # a full doublet: the text that replaces its separator
    shown: int | None = None    # where the written word starts when the edit starts later (ai-⏎dant·es)
    shown_end: int | None = None
    reason: str = ""            # non-empty: unresolved


@dataclass
class _Piece:
    text: str
    sep: str        # the separator before this piece ("" for the first)
    start: int      # offset in the text
    newline: bool = False


def _clean(text: str) -> str:
    return "".join(c for c in text if c not in INVISIBLE)


def _pieces(token: str, offset: int) -> list[_Piece]:
    """Split a token into letter pieces with the separator written before each."""
    pieces: list[_Piece] = []
    sep = ""
    newline = False
    position = 0
    for part in _PIECE_RE.split(token):
        if part == "":
            continue
        if _PIECE_RE.fullmatch(part):
            if part == "\n":
                newline = True
            elif part in ")]":
                sep = sep or ")"
            else:
                sep = "(" if part in "([" else part if part in "/." else (
                    "-" if part in HYPHENS else MIDDLE_DOT)
        else:
            stripped = part.strip(" \t" + INVISIBLE)
            if stripped:
                lead = len(part) - len(part.lstrip(" \t" + INVISIBLE))
                pieces.append(_Piece(_clean(stripped), sep, offset + position + lead, newline))
            sep, newline = "", False
        position += len(part)
    return pieces


def _case_of(word: str) -> tuple[bool, bool]:
    letters = [c for c in word if c.isalpha()]
    upper = len(letters) > 1 and all(c.isupper() for c in letters)
    return bool(letters) and letters[0].isupper(), upper


def _cased(word: str, capital: bool, upper: bool) -> str:
    if upper:
        return word.upper()
    if capital and word:
        return word[0].upper() + word[1:]
    return word


class _Analyser:
    """Reads the inclusive forms of one text."""

    def __init__(self, text: str, allowed: Callable[[int], bool] | None = None) -> None:
        self.text = text
        self.allowed = allowed
        self.code = [m.span() for m in _CODE_RE.finditer(text)] if "`" in text else []

    def _is_protected(self, start: int, end: int) -> bool:
        """Inside code, or in a chunk of non-blank text that is a URL, an address, a domain, a file
        name, a dotted abbreviation or glued to a number."""
        if self.code:
            k = bisect.bisect_right(self.code, (start, len(self.text) + 1)) - 1
            if k >= 0 and self.code[k][1] > start or k + 1 < len(self.code) and self.code[k + 1][0] < end:
                return True
        text = self.text
        left = start
        while left > 0 and not text[left - 1].isspace():
            left -= 1
        right = end
        while right < len(text) and not text[right].isspace():
            right += 1
        before, after = text[left:start], text[end:right]
        chunk = before + text[start:end] + after
        if _PROTECTED_RE.search(chunk) is None:
            return bool(before[-1:].isdigit() or after[:1].isdigit())
        return True

    def units(self) -> list[_Unit]:
        candidates = [(m.start(), m.end(), False) for m in _TOKEN_RE.finditer(self.text)]
        if _CAPS_ANYWHERE.search(self.text):
            starts = [a for a, _, _ in candidates]
            ends = [b for _, b, _ in candidates]
            seen = set()
            for hit in _CAPS_ANYWHERE.finditer(self.text):
                match = _WORD_AT_RE.search(self.text, max(0, hit.start() - 40))
                while match and match.end() < hit.end():
                    match = _WORD_AT_RE.search(self.text, match.end())
                if match is None or match.start() in seen:
                    continue
                seen.add(match.start())
                k = bisect.bisect_right(starts, match.start()) - 1  # tokens are sorted, never overlap
                overlaps = (k >= 0 and ends[k] > match.start()) or (
                    k + 1 < len(starts) and starts[k + 1] < match.end())
                if not overlaps:
                    candidates.append((match.start(), match.end(), True))
            candidates.sort()
        units: list[_Unit] = []
        for start, end, caps in candidates:
            if self._is_protected(start, end):
                continue
            if self.allowed is not None and not self.allowed(start):
                continue
            token = self.text[start:end]
            found = [self._caps_token(token, start)] if caps else self._token(token, start)
            for unit in found:
                if unit is not None and (not units or unit.start >= units[-1].end):
                    units.append(unit)
        return units

    # -- one token --

    def _caps_token(self, token: str, offset: int) -> _Unit | None:
        caps = _CAPS_END_RE.match(token)
        return self._caps_ending(token, offset, caps) if caps else None

    def _token(self, token: str, offset: int) -> list[_Unit]:
        """The units of one token: a closed-class pair, a full doublet, or abbreviated words (several
        when joined by a slash: ``élu·es/salarié·es``)."""
        pieces = _pieces(token, offset)
        for k, piece in enumerate(pieces):
            if piece.sep == "." and any(p.sep == MIDDLE_DOT for p in pieces[:k]):
                pieces = pieces[:k]  # "usager·ères.L’élu": the full stop ends a sentence
                break
        if len(pieces) < 2:
            return []
        if _clean(token).lower() in _NEOLOGISMS or any(p.text.lower() in _NEOLOGISMS for p in pieces):
            return []
        unit = self._closed(pieces, offset, token) or self._full_pair(pieces, offset, token)
        if unit is not None:
            return [unit]
        groups: list[list[_Piece]] = [[]]
        for piece in pieces:
            if groups[-1] and piece.sep == "/" and not _is_suffix_piece(piece.text, token):
                groups.append([])
            groups[-1].append(piece)
        units = []
        for group in groups:
            unit = self._closed(group, offset, token) if len(groups) > 1 else None
            unit = unit or self._abbreviated(group, offset, token)
            if unit is not None:
                units.append(unit)
        return units

    def _unit(self, start: int, end: int, masc: str, fem: str, normal: str, first: str,
              **fields: Any) -> _Unit:
        """A unit starting at ``start``, taking an elided ``l'``/``d'`` just before it."""
        upper = _case_of(first)[1]
        elision = ""
        match = _ELISION_RE.search(self.text, max(0, start - 3), start)
        if match:
            elision = match.group()
            start = match.start()
        capital = _case_of(elision or first)[0]
        return _Unit(start, end, masc, fem, normal, elision=elision, capital=capital, upper=upper, **fields)

    def _closed(self, pieces: list[_Piece], offset: int, token: str) -> _Unit | None:
        """A closed-class pair (il·elle, tou·tes, le·la…), possibly after a hyphenated head
        (quelques-un·es), which is kept on both halves."""
        for i in range(len(pieces) - 1):
            head, rest = pieces[:i], pieces[i:]
            if any(p.sep not in ("", "-") or p.newline for p in head[1:]) or (i and rest[0].sep != "-"):
                continue
            seps = {p.sep for p in rest[1:]}
            if len(seps) != 1:
                continue
            sep = seps.pop()
            first = rest[0].text
            written = "".join(p.text.lower() for p in rest[1:])
            key = first.lower() + MIDDLE_DOT + written
            pair = _CLOSED.get(key)
            if pair is None or (sep == "-" and key in ("un·e", "un·es")):
                continue
            start = pieces[0].start
            end = rest[-1].start + len(rest[-1].text)
            if sep == "(" and self.text[end:end + 1] in ")]":
                end += 1
            if key in ("du·de", "au·à"):  # du·de la, au·à la: the "la" belongs to the pair
                after = re.match(r"[ \u00a0]la\b", self.text[end:end + 4], re.IGNORECASE)
                if after is None:
                    continue
                end += 3
                pair = (pair[0], pair[1] + " " + self.text[end - 2:end])
            prefix = "".join(p.text.lower() + "-" for p in head)
            whole = len(rest) == 2 and rest[1].text.lower() == pair[1] and sep in "/-"
            normal = "" if whole else "".join(p.text + "-" for p in head) + first + MIDDLE_DOT + written
            if key in ("du·de", "au·à"):
                normal += self.text[end - 3:end]
            unit = self._unit(start, end, prefix + pair[0], prefix + pair[1], normal, pieces[0].text,
                              determiner=key in _DETERMINERS and not head,
                              pair=pair[0] in _PRONOUNS, predeterminer=key in _TOUS)
            return unit
        return None

    def _full_pair(self, pieces: list[_Piece], offset: int, token: str) -> _Unit | None:
        """Two whole words joined by - or /, the second the feminine of the first (or the reverse):
        only the separator changes ("chercheur/chercheuse" → "chercheur et chercheuse")."""
        if len(pieces) != 2 or pieces[1].sep not in ("-", "/"):
            return None
        a, b = pieces[0].text, pieces[1].text
        if len(a) < 3 or len(b) < 3 or (b[0].isupper() and not _case_of(a)[1]):
            return None
        la, lb = a.lower(), b.lower()
        if not (is_feminine_of(la, lb) or is_feminine_of(lb, la)):
            return None
        start, end = pieces[0].start + len(a), pieces[1].start
        joiner = " et\n" if "\n" in self.text[start:end] else " et "
        if _case_of(a)[1] and _case_of(b)[1]:
            joiner = joiner.upper()
        return _Unit(start, end, "", "", "", pair=True, joiner=joiner, shown=pieces[0].start,
                     shown_end=pieces[1].start + len(b))

    def _abbreviated(self, pieces: list[_Piece], offset: int, token: str) -> _Unit | None:
        """An abbreviated word: stem and written feminine ending, after hyphenated prefixes that may be
        inclusive words themselves (``enseignant·es-chercheur·euses``)."""
        words: list[list[_Piece]] = [[]]
        for piece in pieces:
            if words[-1] and piece.sep == "-" and not _is_suffix_piece(piece.text, token):
                words.append([])
            words[-1].append(piece)
        main = words[-1]
        if len(main) < 2:
            return None
        stem_piece, suffixes = main[0], main[1:]
        if len(stem_piece.text) < 2 or not all(_is_suffix_piece(p.text, token) for p in suffixes):
            return None
        seps = {p.sep for p in suffixes}
        if stem_piece.text.isupper() and len(stem_piece.text) <= 4 and seps != {MIDDLE_DOT}:
            return None  # an acronym: TIC(E)
        texts = [p.text.lower() for p in suffixes]
        written = "".join(texts)
        stem = stem_piece.text.lower()
        strong = MIDDLE_DOT in seps or ("(" in seps and len(stem) >= 3 and stem not in _ARTICLES) or (
            texts == ["e", "s"] and len(seps) == 1)
        if "x" in texts or written in ("x", "xs"):
            if texts == ["x"] and stem.endswith(("au", "eu", "ou")):
                return None  # a plural only: bureau(x), au(x)
            if (MIDDLE_DOT in seps or "(" in seps) and confirmed(stem):
                return self._unresolved(main, "non-binary marker x: kept as written")
            return None
        if stem_piece.text[-1] == "l" and written[:1] == "l" and written.rstrip("s") not in ("le", "lle"):
            return None  # Catalan l·l
        plural = written.endswith("s")
        fem_written = written[:-1] if plural else written
        if not fem_written:
            return None  # a plural only: commun(s)
        prefixes = words[:-1]
        line_break = bool(prefixes) and stem_piece.sep == "-" and stem_piece.newline and len(prefixes[-1]) == 1
        result = None
        joined = ""
        if line_break and prefixes[-1][0].text[-1:].islower() and stem_piece.text[:1].islower():
            # "ai-\ndant·es": a word cut at the end of a line; "non-\nexpert·es": a real hyphen.
            # The joined word wins when the lexicon has it, or when the part after the line end
            # is no word on its own.
            joined = prefixes[-1][0].text
            whole = (joined + stem_piece.text).lower()
            result = _derive_any(whole, fem_written, plural)
            if result is not None and whole not in lexicon() and \
                    _derive_any(stem_piece.text.lower(), fem_written, plural) is not None:
                result = None
            joined = joined if result else ""
        if result is None:
            result = _derive_any(stem_piece.text.lower(), fem_written, plural)
        if result is None:
            if strong:
                return self._unresolved(main, _why_not(stem_piece.text.lower(), fem_written, plural))
            return None
        masc, fem = result
        if prefixes and stem_piece.text[:1].isupper() and not _case_of(stem_piece.text)[1]:
            masc, fem = masc[:1].upper() + masc[1:], fem[:1].upper() + fem[1:]  # Franco-Allemand·es
        normal = stem_piece.text + MIDDLE_DOT + written
        if _case_of(stem_piece.text)[1]:
            normal = normal.upper()
        end = self._end(main)
        if joined:
            # the start of the word stays at the end of its line; the feminine is written whole
            unit = self._unit(stem_piece.start, end, masc[len(joined):], fem, normal, stem_piece.text,
                              shown=prefixes[-1][0].start,
                              demonym=_is_demonym(masc))
            unit.normal = ""
            return unit
        if line_break:
            # "non-\nexpert·es": the prefix stays on its line and is repeated on the second half
            prefix = prefixes[-1][0].text.lower() + "-"
            return self._unit(stem_piece.start, end, masc, prefix + fem, normal, stem_piece.text,
                              shown=prefixes[-1][0].start,
                              demonym=_is_demonym(masc))
        masc_parts, fem_parts, normal_parts = [], [], []
        for word in prefixes:
            if len(word) == 1:
                masc_parts.append(word[0].text)
                fem_parts.append(word[0].text)
                normal_parts.append(word[0].text)
                continue
            inner = self._abbreviated(word, offset, token)
            if inner is None or inner.reason:
                return self._unresolved(pieces, "a part of this compound is not an inclusive form")
            masc_parts.append(inner.masc)
            fem_parts.append(inner.fem)
            normal_parts.append(inner.normal)
        first = prefixes[0][0].text if prefixes else stem_piece.text
        start = prefixes[0][0].start if prefixes else stem_piece.start
        unit = self._unit(start, end, "-".join([*masc_parts, masc]), "-".join([*fem_parts, fem]),
                          "-".join([*normal_parts, normal]), first, demonym=_is_demonym(masc))
        return unit

    def _end(self, pieces: list[_Piece]) -> int:
        end = pieces[-1].start + len(pieces[-1].text)
        if pieces[-1].sep == "(" and self.text[end:end + 1] in ")]":
            end += 1
        return end

    def _unresolved(self, pieces: list[_Piece], reason: str) -> _Unit:
        return _Unit(pieces[0].start, self._end(pieces), "", "", "", reason=reason)

    def _caps_ending(self, token: str, offset: int, caps: re.Match[str]) -> _Unit | None:
        stem, capitals, s = caps.group(1), caps.group(2), caps.group(3)
        if _clean(stem)[:1].isupper() and any(c.isupper() for c in _clean(stem)[1:]):
            return None  # CamelCase
        for k in range(len(capitals)):
            masc_stem = stem + capitals[:k].lower()
            written = capitals[k:].lower() + s
            plural = written.endswith("s")
            fem_written = written[:-1] if plural else written
            if not fem_written or not _is_suffix_piece(fem_written, ""):
                continue
            key = masc_stem.lower() + MIDDLE_DOT + written
            if key in _CLOSED:
                masc, fem = _CLOSED[key]
            else:
                result = derive(_clean(masc_stem).lower(), fem_written, plural)
                if result is None:
                    continue
                masc, fem = result
            unit = self._unit(offset, offset + len(token), masc, fem,
                              _clean(masc_stem) + MIDDLE_DOT + written, token)
            unit.demonym = _is_demonym(masc)
            return unit
        return None


def _tails(words: Iterable[str]) -> set[str]:
    return {word[k:] for word in words for k in range(len(word))}


_FEMININE_TAILS = _tails([fem for _, fem in _FAMILIES] + list(_IRREGULAR.values())
                         + [pair[1] for pair in _CLOSED.values()] + [key.split(MIDDLE_DOT)[1] for key in _CLOSED])
_SUFFIXES = frozenset(_FEMININE_TAILS | {tail + "s" for tail in _FEMININE_TAILS} | {"s", "x"})
"""Every piece that can be (part of) a written feminine ending, the plural mark or the x marker."""


def _is_suffix_piece(text: str, token: str) -> bool:
    """A piece that can be (part of) a written feminine ending or the plural mark."""
    if not (text.islower() or (text.isupper() and _case_of(token)[1])):
        return False
    return text.lower() in _SUFFIXES


def _why_not(stem: str, written: str, plural: bool) -> str:
    candidates = _feminine_candidates(stem, written)
    if not confirmed(stem):
        return f"'{stem}' is not in the French lexicon"
    if not candidates:
        return f"no suffix family turns '{stem}' into a feminine ending in '{written}'"
    shown = [c + ("s" if plural else "") for c in candidates]
    return "feminine not in the French lexicon: " + ", ".join(shown)


def _is_demonym(masculine: str) -> bool:
    m = masculine.lower().rsplit("-", 1)[-1]
    singular = m[:-1] if m.endswith("s") and not m.endswith(("ais", "ois")) else m
    return singular.endswith(("ais", "ois")) or singular in _DEMONYMS


# --- Phrases -------------------------------------------------------------------------------------


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and (text[i] in _OPENERS or text[i] == "\n"):
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


_NEXT_WORD_RE = re.compile(r"([ \t\u00a0\u202f]+)([^\W\d_][\w’'-]*)")
_NEXT_WORD_NL_RE = re.compile(r"([ \t\u00a0\u202f]*\n?[ \t\u00a0\u202f]*(?<=\s))([^\W\d_][\w’'-]*)")
_VOWELS = "aeiouyàâäéèêëîïôöûüœæh"
_H_ASPIRE = ("haut", "héros", "hibou", "honte", "hors", "hasard", "handicap", "hall", "hangar", "hâte")


def _elide(words: list[str]) -> list[str]:
    """French determiner forms before a vowel: le/la → l', ma → mon, ce → cet, du → de l'…"""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        vowel = nxt[:1].lower() in _VOWELS and not nxt.lower().startswith(_H_ASPIRE) and nxt.strip()
        low = word.lower()
        if vowel and low in ("le", "la", "de la", "à la"):
            out.append(_cased({"le": "l’", "la": "l’", "de la": "de l’", "à la": "à l’"}[low],
                              word[:1].isupper(), word.isupper() and len(word) > 1) + "\x00")
        elif vowel and low == "du":
            out.append(_cased("de l’", word[:1].isupper(), False) + "\x00")
        elif vowel and low == "au":
            out.append(_cased("à l’", word[:1].isupper(), False) + "\x00")
        elif vowel and low in ("ma", "ta", "sa"):
            out.append(_cased({"ma": "mon", "ta": "ton", "sa": "son"}[low], word[:1].isupper(), False))
        elif vowel and low == "ce":
            out.append(_cased("cet", word[:1].isupper(), False))
        else:
            out.append(word)
        i += 1
    return out


def _join(words: list[str], gaps: list[str]) -> str:
    parts: list[str] = []
    for i, word in enumerate(words):
        if i:
            previous = parts[-1]
            if previous.endswith("\x00"):
                parts[-1] = previous[:-1]
            else:
                parts.append(gaps[i - 1])
        parts.append(word)
    if parts and parts[-1].endswith("\x00"):
        parts[-1] = parts[-1][:-1]
    return "".join(parts)


_EPICENE_DETERMINER_RE = re.compile(r"([ \t\u00a0\u202f]+)(les|ces|mes|tes|ses|nos|vos|leurs)([ \t\u00a0\u202f]+)$",
                                    re.IGNORECASE)


def _is_gap(gap: str, newlines: bool) -> bool:
    """Blank text between two words of a phrase (a single line end allowed with ``newlines``)."""
    if gap == "" or gap.strip(" \t\u00a0\u202f\n") != "":
        return False
    return gap.count("\n") <= (1 if newlines else 0)


def _phrase(text: str, units: list[_Unit], i: int, newlines: bool) -> tuple[list[_Unit], list[str], int, str]:
    """The units of the phrase that starts at ``units[i]``: adjacent inclusive words, a determiner's
    next word (as a unit with ``inclusive`` False), the epicene determiner after ``tou·tes``.
    Returns the units, the gaps between them, the index of the next unit and a reason when unclear."""
    unit = units[i]
    group, gaps = [unit], []
    j = i + 1
    if unit.pair:
        return group, gaps, j, ""
    end = unit.end
    pending_determiner = unit.determiner
    while True:
        nxt = units[j] if j < len(units) else None
        mergeable = nxt is not None and not (nxt.reason or nxt.pair or nxt.elision)
        gap = text[end:nxt.start] if nxt is not None else ""
        if mergeable and _is_gap(gap, newlines):
            gaps.append(gap)
            group.append(nxt)
            end = nxt.end
            pending_determiner = nxt.determiner
            j += 1
            continue
        if mergeable and group[-1].predeterminer and len(group) == 1:
            match = _EPICENE_DETERMINER_RE.match(gap)
            if match:  # "tou·tes les citoyen·nes" → "tous les citoyens et toutes les citoyennes"
                word = match.group(2)
                group.append(_Unit(end + match.start(2), end + match.end(2), word, word, word, inclusive=False))
                gaps.extend([match.group(1), match.group(3)])
                group.append(nxt)
                end = nxt.end
                pending_determiner = nxt.determiner
                j += 1
                continue
        if not pending_determiner:
            break
        next_word = _NEXT_WORD_NL_RE if newlines else _NEXT_WORD_RE
        match = next_word.match(text, end)
        if match is None or match.group(2).lower() in _FUNCTION_WORDS:
            break  # a pronoun: "un·e des nôtres"
        after = next_word.match(text, match.end())
        if after and after.group(2).lower() not in _FUNCTION_WORDS and not (
                nxt is not None and nxt.start == after.start(2)):
            return group, gaps, j, "the noun group after a determiner pair is unclear"
        if nxt is not None and nxt.start < match.end(2):
            return group, gaps, j, "the noun group after a determiner pair is unclear"
        word = match.group(2)
        gaps.append(match.group(1))
        group.append(_Unit(match.start(2), match.end(2), word, word, word, inclusive=False))
        end = match.end(2)
        pending_determiner = False
    return group, gaps, j, ""


def _render(text: str, group: list[_Unit], gaps: list[str]) -> str:
    """The doublet of a phrase: its masculine words, "et", its feminine words."""
    initial = _sentence_initial(text, group[0].start)
    inclusive = [u for u in group if u.inclusive]
    all_upper = all(u.upper for u in inclusive)
    masc_words, fem_words = [], []
    for k, unit in enumerate(group):
        if not unit.inclusive:
            masc_words.append(unit.masc)
            fem_words.append(unit.fem)
            continue
        masc = unit.elision + unit.masc
        fem = unit.elision.lower() + unit.fem
        fem_capital = unit.capital and (not (k == 0 and initial) or unit.demonym)
        if unit.capital and not fem_capital and not unit.upper:
            fem = fem[:1].lower() + fem[1:]  # "Non-expert·es" → "Non-experts et non-expertes"
        masc_words.append(_cased(masc, unit.capital, unit.upper))
        fem_words.append(_cased(fem, fem_capital, unit.upper))
    fem_gaps = [" " if "\n" in gap else gap for gap in gaps]
    conjunction = " ET " if all_upper else " et "
    return _join(_elide(masc_words), gaps) + conjunction + _join(_elide(fem_words), fem_gaps)


def _written(text: str, unit: _Unit, end: int | None = None) -> str:
    if unit.shown is None:
        return ""
    return text[unit.shown:unit.shown_end if unit.shown_end is not None else (end or unit.end)]


def _analyse(text: str, policy: str, allowed: Callable[[int], bool] | None = None,
             newlines: bool = True) -> list[InclusiveForm]:
    """The forms of ``text`` with their replacements by ``policy``. ``allowed(offset)`` filters by
    language; ``newlines`` lets a phrase run across a single line end (plain text, not the tree,
    where a line break is an atom that cannot be edited)."""
    if policy not in POLICIES:
        raise ValueError(f"unknown inclusive policy {policy!r}: choose one of {', '.join(POLICIES)}")
    units = _Analyser(text, allowed).units()
    forms: list[InclusiveForm] = []
    i = 0
    while i < len(units):
        unit = units[i]
        if forms and unit.start < forms[-1].end:
            i += 1
            continue
        original = text[unit.start:unit.end]
        if unit.reason:
            forms.append(InclusiveForm(unit.start, unit.end, original, None, unit.reason))
            i += 1
            continue
        if policy != "doublet" or unit.joiner:
            if policy == "doublet":
                replacement = unit.joiner
            elif policy == "normalise" and unit.normal:
                replacement = unit.elision + unit.normal
            else:
                replacement = original
            forms.append(InclusiveForm(unit.start, unit.end, original, replacement, written=_written(text, unit),
                                       written_start=unit.shown))
            i += 1
            continue
        group, gaps, j, unclear = _phrase(text, units, i, newlines)
        if unclear:
            forms.append(InclusiveForm(unit.start, unit.end, original, None, unclear))
            i += 1
            continue
        end = group[-1].end
        forms.append(InclusiveForm(unit.start, end, text[unit.start:end], _render(text, group, gaps),
                                   written=_written(text, unit, end), written_start=unit.shown,
                                   words=sum(1 for u in group if u.inclusive)))
        i = j
    return forms


# --- Public text API -----------------------------------------------------------------------------


def find_forms(text: str) -> list[InclusiveForm]:
    """Every inclusive form of ``text``, with its doublet replacement (None: unresolved)."""
    return _analyse(text, "doublet")


def _apply(text: str, forms: Iterable[InclusiveForm]) -> str:
    out: list[str] = []
    cursor = 0
    for form in sorted(forms, key=lambda f: f.start):
        if form.replacement is None or form.start < cursor:
            continue
        out.append(text[cursor:form.start])
        out.append(form.replacement)
        cursor = form.end
    out.append(text[cursor:])
    return "".join(out)


def rewrite(text: str, policy: str = "doublet") -> tuple[str, list[InclusiveForm]]:
    """``text`` with its inclusive forms rewritten by ``policy``, and the forms found.

    ``doublet``: full doublets; ``normalise``: one U+00B7 per word; ``keep``: the text as it is.
    Unresolved forms (``replacement`` None) are always left as written.
    """
    forms = _analyse(text, policy)
    if policy == "keep":
        return text, forms
    return _apply(text, forms), forms


def rewrite_lines(lines: Iterable[str], policy: str = "doublet") -> tuple[list[str], list[InclusiveForm]]:
    """Rewrite a text given as lines (with or without their line ends); one output line per input line.

    Forms are read across line ends (a word hyphenated at the end of a line, ``chercheur/`` then
    ``chercheuse``) but never move a line end. Each form gets ``line`` and ``column`` (1-based) of its
    first character in the input.
    """
    items = list(lines)
    ends = []
    bodies = []
    for line in items:
        body = line.rstrip("\r\n")
        bodies.append(body)
        ends.append(line[len(body):])
    text = "\n".join(bodies)
    rewritten, forms = rewrite(text, policy)
    starts = [0]
    for body in bodies[:-1]:
        starts.append(starts[-1] + len(body) + 1)
    for form in forms:
        where = form.start if form.written_start is None else form.written_start
        index = bisect.bisect_right(starts, where) - 1
        form.line = index + 1
        form.column = where - starts[index] + 1
    out_bodies = rewritten.split("\n")
    if len(out_bodies) != len(bodies):  # never expected: fall back to the input
        return items, forms
    return [body + end for body, end in zip(out_bodies, ends, strict=True)], forms


def format_form(form: InclusiveForm) -> str:
    """One line of an editor's report: ``line:column<TAB>original<TAB>replacement`` or ``unresolved
    (reason)``; line ends inside the original are shown as ``⏎``."""
    where = f"{form.line}:{form.column}" if form.line is not None else f"@{form.start}"
    if form.replacement is None:
        outcome = f"unresolved ({form.reason})" if form.reason else "unresolved"
    elif form.written and form.written_start is not None:  # the whole written form, rewritten
        head = form.written[:form.start - form.written_start]
        tail = form.written[form.end - form.written_start:]
        outcome = (head + form.replacement + tail).replace("\n", "⏎")
    else:
        outcome = form.replacement.replace("\n", "⏎")
    return f"{where}\t{(form.written or form.original).replace(chr(10), '⏎')}\t{outcome}"


# --- Tree transform ------------------------------------------------------------------------------


@dataclass
class InclusiveReport:
    """What the transform did: the forms found (with their source line when known)."""

    policy: str = "doublet"
    forms: list[InclusiveForm] = field(default_factory=list)

    @property
    def expanded(self) -> int:
        """How many inclusive words were rewritten."""
        if self.policy == "keep":
            return 0
        return sum(f.words for f in self.forms if f.replacement is not None and f.replacement != f.original)

    @property
    def unresolved(self) -> list[InclusiveForm]:
        return [f for f in self.forms if f.replacement is None]

    def summary(self) -> str:
        text = f"inclusive writing ({self.policy}): {self.expanded} forms rewritten"
        if self.unresolved:
            text += f", {len(self.unresolved)} unresolved: " + "; ".join(
                f"{f.original!r}" + (f" (line {f.line})" if f.line else "") for f in self.unresolved)
        return text


def _policy_of(options: Any, policy: str | None) -> str:
    if policy:
        return policy
    if isinstance(options, str):
        return options
    if isinstance(options, dict):
        return str(options.get("inclusive", "doublet"))
    return str(getattr(options, "inclusive", None) or "doublet")


def inclusive_fr(document: t.Document, options: Any = None, *, policy: str | None = None) -> InclusiveReport:
    """Rewrite the French inclusive forms of ``document`` in place; returns the report.

    Every block of inline content is read across its markup, and so are the texts read aloud that
    are attributes: a figure's ``alt`` and an abbreviation's ``expansion`` (never a link's target).

    ``options`` is the pipeline's options (its ``inclusive`` attribute or key names the policy) or the
    policy itself; ``policy`` overrides it. If ``options`` has a ``reports`` dict, the report is also
    stored there under ``"inclusive_fr"``.
    """
    chosen = _policy_of(options, policy)
    report = InclusiveReport(chosen)
    lines: dict[int, int | None] | None = None
    for inlines, lang in iter_inline_runs(document):
        run = TextRun.of(inlines, lang)
        if not _CANDIDATE_RE.search(run.text):
            continue
        forms = _analyse(run.text, chosen, _french_at(run), newlines=False)
        if not forms:
            continue
        edits = [(f.start, f.end, f.replacement) for f in forms
                 if chosen != "keep" and f.replacement is not None and f.replacement != f.original]
        refused = set(run.apply(edits)) if edits else set()
        for form in forms:
            node = run.node_at(form.start)
            form.line = node.line if node is not None else None
            if form.line is None:
                lines = lines if lines is not None else _block_lines(document)
                form.line = lines.get(id(inlines))
            if (form.start, form.end, form.replacement) in refused:
                form.replacement = None
                form.reason = "crosses a note call, a literal or a line break"
        report.forms.extend(forms)
    _attributes(document, document.lang or document.meta.lang, chosen, report)
    reports = options.get("reports") if isinstance(options, dict) else getattr(options, "reports", None)
    if isinstance(reports, dict):
        reports["inclusive_fr"] = report
    return report


def _attributes(node: t.Node, lang: str, policy: str, report: InclusiveReport) -> None:
    """Texts that are read aloud but are no inline content: a figure's text alternative and an
    abbreviation's expansion."""
    stack = [(node, lang)]
    while stack:
        node, lang = stack.pop()
        lang = node.lang or lang
        name = "alt" if isinstance(node, t.Figure) else "expansion" if isinstance(node, t.Abbreviation) else ""
        value = getattr(node, name) if name else None
        if isinstance(value, str) and lang.lower().startswith("fr") and _CANDIDATE_RE.search(value):
            rewritten, forms = rewrite(value, policy)
            setattr(node, name, rewritten)
            for form in forms:
                form.line = node.line
            report.forms.extend(forms)
        stack.extend((child, lang) for child in reversed(list(children(node))))


_CANDIDATE_RE = re.compile(
    rf"[^\W\d_][{INVISIBLE}]*[{_SEP_CLASS}(\[][{INVISIBLE}]*[^\W\d_]|[a-zà-ÿœæ][A-ZÀ-ÖØ-ÞŒÆ]")
"""A quick test: a block without a match holds no candidate at all."""


def _french_at(run: TextRun) -> Callable[[int], bool]:
    starts = [segment.start for segment in run.segments]
    french = [segment.lang.lower().startswith("fr") for segment in run.segments]

    def allowed(offset: int) -> bool:
        return bool(french) and french[max(0, bisect.bisect_right(starts, offset) - 1)]

    return allowed


def _block_lines(document: t.Document) -> dict[int, int | None]:
    """The line of the node that holds each list of inlines (by the list's id)."""
    lines: dict[int, int | None] = {}
    for node in iter_nodes(document):
        for name in ("children", "term", "caption", "credit", "attribution"):
            value = getattr(node, name, None)
            if isinstance(value, list):
                lines[id(value)] = node.line
    return lines

