"""Steps ``dehyphenation``, ``glued words``, ``links`` and ``e-mail addresses``, and ``titled links``:
a block's lines joined into one text, words cut at line ends mended by the French lexicon (``cohe-`` +
``sion`` joins, ``Magnac-`` + ``Lavalette`` keeps its hyphen), words the extraction glued split again, and
the page's appended addresses attached as links to the visible text they belong to.

Place in the pipeline: after the blocks are cut and before notes, headings and the other kinds are decided;
those steps read the joined text.
"""

from __future__ import annotations

import re
import statistics
from functools import lru_cache
from urllib.parse import unquote

from ...lexicon import is_english_word, is_french_word, is_french_word_any_accent
from .column_text import _ADDRESS_ALONE, _clause_goes_on
from .common import (
    _BARE_LABEL,
    _BULLET_GLYPHS,
    _CLITICS,
    _DOMAIN,
    _EXTENSION_START,
    _INLINE_PAGE,
    _NAME_PAIR,
    _TERMINAL,
    _TLD_START,
    _TLD_THEN_TEXT,
    _WORD_END_HYPHEN,
    _WORD_START,
    LINK_CLOSE,
    LINK_MID,
    LINK_OPEN,
    PB_CLOSE,
    PB_OPEN,
    Block,
    Line,
    State,
    _plain,
)
from .widths import printed_width


@lru_cache(maxsize=8192)  # asked some 17,000 times for carnet #9, about a thousand distinct addresses
def _link_key(url: str) -> str:
    key = _SCHEME.sub("", url.strip())
    key = _WWW.sub("", key)
    return key.rstrip("/.").lower()


_SCHEME = re.compile(r"^https?://", re.I)
_WWW = re.compile(r"^www\.", re.I)


def _nearby_urls(state: State, page: str) -> list[str]:
    pages = list(state.page_urls)
    urls = list(state.page_urls.get(page, []))
    if page in pages:
        position = pages.index(page)
        for other in pages[max(0, position - 1):position + 2]:
            urls.extend(u for u in state.page_urls[other] if u not in urls)
    return urls


def dehyphenate(before: str, after: str, hyphenating: bool = True) -> tuple[bool, bool]:
    """Whether the hyphen between ``before-`` and ``after`` is kept, and whether the choice is sure.

    The French lexicon decides: a compound it knows keeps its hyphen; a word it knows once joined loses
    it; a capital after the hyphen (Magnac-Lavalette) or two words each known alone keep it. Typesetting
    never leaves one letter before a break, so ``e-`` (e-mails) is a real hyphen, and so is one before a
    pronoun (dit-il, approprie-t-on). Words French does not know may be English: the English list decides
    them the same way (fact-checking keeps its hyphen). In a layout that does not hyphenate (``hyphenating`` False), every
    hyphen at a line end is the text's own.
    """
    if is_french_word(f"{before}-{after}"):
        return True, True
    if is_french_word(before + after) and hyphenating:
        return False, True
    if len(before) == 1 or after.lower() in _CLITICS:
        return True, True
    if not hyphenating:
        return True, False
    if after[:1].isupper():
        return True, True
    if is_french_word(before) and is_french_word(after) and len(after) > 2:
        return True, False
    # English terms quoted in French ("fact-checking", "main-stream"), asked only when French does not know
    # the word: joined when English knows the whole word, kept when it knows both halves.
    if is_english_word(before + after):
        return False, False
    if len(before) > 2 and len(after) > 2 and is_english_word(before) and is_english_word(after):
        return True, False
    if len(before) >= 6 and len(after) >= 6 and before[:4].lower() == after[:4].lower():
        return True, False  # a doublet: producteurs-productrices, nettoyeurs-nettoyeuses
    return False, False


def _is_word_any_accent(word: str) -> bool:
    """A French word, accents aside (addresses are written without them)."""
    return len(word) > 1 and is_french_word_any_accent(word)


def join_lines(state: State) -> None:
    """Each block's lines → one text: URL-aware joining, dehyphenation by the lexicon."""
    state.step = "dehyphenation"
    state.hyphenating = _layout_hyphenates(state)
    if not state.hyphenating:
        state.guess(None, "the layout does not seem to break words at line ends: hyphens there are kept")
    keys = _page_keys(state)
    for block in state.blocks:
        if block.kind in ("page", "url", "removed", "label"):
            continue
        text = ""
        # a margin's note (pdftotext's default output) keeps the printed line ends, as a layout text does: an
        # address breaks at any letter there, and the layout text's rules mend it
        laid_out, state.laid_out = state.laid_out, state.laid_out or bool(block.data.get("margin"))
        frame = _frame_width(block.lines)
        for index, line in enumerate(block.lines):
            piece = line.text.strip()
            if index == 0:
                text = piece
                continue
            text = _join(state, text, piece, line.no, keys, frame)
        state.laid_out = laid_out
        block.text = _inline_page_marks(text)


# Words that open a phrase: glued after the word before them ("techniquesde") or before the next word ("denos").
_GLUED_TAIL = frozenset(["de", "des", "du", "la", "le", "les", "aux", "au", "et", "en", "un", "une"])
_GLUED_HEAD = _GLUED_TAIL | frozenset(["nos", "vos", "sur", "par", "pour", "dans"])
_LOWER_TOKEN = re.compile(r"(?<![\w./@#%?=&’'-])([^\W\d_]{5,})(?![\w/@#%?=&-]|\.\w)")
_LOWER_THEN_CAPITAL = re.compile(r"(?<![\w./@#%?=&-])([^\W\d_A-ZÀ-Ý]{3,})([A-ZÀ-Ý][^\W\d_]+)(?![\w/@#%?=&-]|\.\w)")
_SENTENCE_GLUED = re.compile(r"(?<![\w./@#%?=&-])((?:[^\W\d_]+[’'])?([^\W\d_]{2,}))\.([A-ZÀ-Ý][^\W\d_]+)(?![\w/@#%?=&-]|\.\w)")


def split_glued_words(state: State) -> None:
    """Words whose space the extraction lost, split where the lexicon is sure, each split reported.

    A lower-case word the lexicon does not know that is a known word and a word that opens a phrase
    ("techniquesde", "denos", "propresaux"); a known word glued to a capitalised one ("typeYouTube"); a
    sentence's end glued to the next one ("l’intelligence.Elle"); a first name glued to a name
    ("JacquesChirac"), when the text uses that first name before another name elsewhere ("Jacques
    François") and the lexicon knows neither half: brand names are written that way too (FranceConnect,
    MobileConnect, YouTube), with a common word or a half never used alone.
    """
    state.step = "glued words"
    for block in state.blocks:
        if not block.text or block.kind in ("page", "url", "removed", "label"):
            continue
        block.text = _unglue(state, block.text, block.lines)


def _unglue(state: State, text: str, lines: list[Line]) -> str:
    """``text`` with the glued words split (see :func:`split_glued_words`), each split reported once, at the
    line that holds it (a text joined again from its lines meets the same words again)."""
    split: list[tuple[str, str]] = []  # (as extracted, as split)
    doubtful: list[tuple[str, str]] = []  # (as extracted, as two words): kept, for the editor to check

    def glued(match: re.Match[str]) -> str:
        token = match.group(1)
        if not token.islower() or is_french_word(token):
            return token
        for cut in range(2, len(token) - 1):
            head, tail = token[:cut], token[cut:]
            if (head in _GLUED_HEAD and (tail in _GLUED_HEAD or len(tail) >= 3 and is_french_word(tail))) or \
                    (tail in _GLUED_TAIL and len(head) >= 3 and is_french_word(head)):
                split.append((token, f"{head} {tail}"))
                return f"{head} {tail}"
        return token

    def capital(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        if is_french_word(head) and not is_french_word(head + tail.lower()):
            split.append((match.group(0), f"{head} {tail}"))
            return f"{head} {tail}"
        return match.group(0)

    def sentence(match: re.Match[str]) -> str:
        word, last, following = match.group(1), match.group(2), match.group(3)
        if last.islower() and is_french_word(last) and is_french_word(following.lower()):
            split.append((match.group(0), f"{word}. {following}"))
            return f"{word}. {following}"
        return match.group(0)

    def names(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        if head in _first_names(state) and not is_french_word(tail.lower()):
            split.append((match.group(0), f"{head} {tail}"))
            return f"{head} {tail}"
        if _english_pair(head, tail) and tail in _ENGLISH_PLACE_NOUNS:
            split.append((match.group(0), f"{head} {tail}"))
            return f"{head} {tail}"
        if _english_pair(head, tail):
            doubtful.append((match.group(0), f"{head} {tail}"))
        return match.group(0)

    text = _LOWER_TOKEN.sub(glued, text)
    text = _LOWER_THEN_CAPITAL.sub(capital, text)
    text = _GLUED_NAMES.sub(names, text)
    text = _SENTENCE_GLUED.sub(sentence, text)
    step, state.step = state.step, "glued words"
    for glued_form, words in split:
        line = next((li.no for li in lines if glued_form in li.text), lines[0].no if lines else None)
        if (line, words) not in state.glued:
            state.glued.add((line, words))
            state.guess(line, f"words glued by the extraction split: {words!r}")
    for token, words in doubtful:
        line = next((li.no for li in lines if token in li.text), lines[0].no if lines else None)
        if not any(seen == token for _, seen in state.glued):  # once per text: the editor fixes them all at once
            state.glued.add((line, token))
            state.guess(line, f"kept {token!r}: two English words glued by the extraction ({words!r}) or a"
                              " brand's name written that way? Add the space if they are two words")
    state.step = step
    return text


def _english_pair(head: str, tail: str) -> bool:
    """Two capitalised English words that French does not know, glued into a word neither language knows:
    a place's name whose space the extraction lost ("SiliconValley") or a brand's name written that way
    ("CityMapper", "WordPress"). Only a place's generic noun last ("Valley", "Street") tells them apart
    (:data:`_ENGLISH_PLACE_NOUNS`); otherwise the importer keeps the word as extracted and asks the editor
    (issue 6)."""
    return (not is_french_word(head.lower()) and not is_french_word(tail.lower())
            and is_english_word(head.lower()) and is_english_word(tail.lower())
            and not is_english_word((head + tail).lower()))


# The generic nouns of English place names ("Silicon Valley", "Wall Street", "Long Island"): a French text
# quotes such places, and a brand's name rarely ends in one (CityMapper, WordPress, FabLab), so two English
# words glued with one of these last are split, and the split is reported like every other (issue 6).
_ENGLISH_PLACE_NOUNS = frozenset({
    "Valley", "Street", "Square", "Avenue", "Island", "Islands", "Bay", "Beach", "Park", "Lake", "River",
    "Hill", "Hills", "Mountain", "Mountains", "Coast", "Springs", "Heights", "Falls", "Harbor", "Harbour",
    "Canyon", "Peninsula", "County",
})
_GLUED_NAMES = re.compile(r"(?<![\w./@#%?=&-])([A-ZÀ-Ý][a-zà-ÿ]{2,})([A-ZÀ-Ý][a-zà-ÿ]{2,})(?![\w/@#%?=&-]|\.\w)")


def _first_names(state: State) -> frozenset[str]:
    """Capitalised words the text uses as first names: set before another capitalised word ("Jacques
    François") and unknown to the lexicon (a common word would be a brand's half: "France" in FranceConnect).
    Computed once per text."""
    if state.first_names is None:
        found = {match.group(1) for line in state.lines for match in _NAME_PAIR.finditer(line.text)}
        state.first_names = frozenset(word for word in found if not is_french_word(word.lower()))
    return state.first_names


def _page_keys(state: State) -> list[str]:
    """The link keys of every appended address, computed once per set of addresses (texts are joined again
    from their lines many times)."""
    count = sum(len(urls) for urls in state.page_urls.values())
    if state.link_keys is None or state.link_keys[0] != count:
        state.link_keys = (count, [_link_key(u) for urls in state.page_urls.values() for u in urls])
    return state.link_keys[1]


def _layout_hyphenates(state: State) -> bool:
    """Whether the layout breaks words at line ends: do the line-end hyphens mostly cut a word the lexicon
    knows whole (cohé-sion) rather than join two words (Magnac-Lavalette, co-organisé)?"""
    cut = whole = 0
    lines = [line.text.strip() for line in state.lines]
    for text, following in zip(lines, lines[1:], strict=False):
        before, after = _WORD_END_HYPHEN.search(text), _WORD_START.match(following)
        if before is None or after is None or after.group(1)[:1].isupper():
            continue
        if is_french_word(before.group(1) + after.group(1)) and not is_french_word(before.group(1)):
            cut += 1
        else:
            whole += 1
    return cut + whole < 8 or cut >= 0.3 * (cut + whole)


def _inline_page_marks(text: str) -> str:
    """"[Page 12]" inside a paragraph (an accessible edition's marker) → an inline page marker."""
    return _INLINE_PAGE.sub(lambda m: f"{PB_OPEN}{m.group(1)}{PB_CLOSE}", text)


_URLISH = re.compile(r"[a-z0-9]\.[a-z]{2,}|\w/")


_FILLED = 0.8
"""The share of its frame's width a line fills when a word too wide for the frame was cut at its end."""


def _frame_width(lines: list[Line]) -> int:
    """The printed width of a block's widest line: the frame it is set in, as far as its lines show."""
    return max((printed_width(line.text.strip()) for line in lines), default=0)


def _join(state: State, text: str, piece: str, line_no: int, keys: list[str], frame: int = 0) -> str:
    last_token = text.split(" ")[-1] if text else ""
    urlish = bool(_URLISH.search(last_token)) and not last_token.endswith((".", ","))
    if text.endswith("-") and piece[:1].isalnum():
        hyphen = _WORD_END_HYPHEN.search(text)
        start = _WORD_START.match(piece)
        next_token = piece.split(" ")[0]
        # An address the page links to decides first: it has the hyphen or it has not. A piece that looks
        # like an address may be anywhere in a target; words that do not must open one (its host) and go on
        # to the next line, as an address cut at its separators does ("agence-cohesion-" / "territoires." /
        # "gouv.fr/…"); else a word of the text ("« Hyper-" / "liens »") would be taken for an address
        # because a target holds its letters ("hyperliens.societenumerique.gouv.fr").
        address = urlish or bool(_URLISH.search(next_token))
        cut_on = piece.strip() == next_token and next_token[-1:] in "./-"

        def linked(candidate: str) -> bool:
            key = _normal_url(candidate)
            if address:
                return any(key in k for k in keys)
            return cut_on and any(k.startswith(key) for k in keys)

        cut_ok = linked(last_token[:-1] + next_token)
        kept_ok = linked(last_token + next_token)
        # In a layout text, a line that ends on a hyphen in an address, before an address's domain
        # ("agence-cohesion-" | "territoires.gouv.fr/…") or before one more piece cut at a hyphen ("agence-" |
        # "cohesion-" | …, a compound in a narrow column), was cut at a hyphen of its own: a typesetter does not
        # hyphenate an address nor a word twice (the other extractions' texts keep the decisions they were
        # measured with)
        address_hyphen = state.laid_out and (urlish or bool(_DOMAIN.match(next_token))
                                             or " " not in piece.strip() and piece.rstrip().endswith("-"))
        if urlish or address_hyphen or hyphen is None or start is None or cut_ok != kept_ok:
            if kept_ok != cut_ok:
                keep, sure = kept_ok, True
            elif address_hyphen:
                keep, sure = True, False
            elif not urlish and last_token[-2:-1].isdigit() and next_token[:1].isdigit():
                keep, sure = True, True  # a range of numbers: 1990-2000
            else:
                # An address with no link to check: keep the hyphen between two words, else cut it.
                before = re.findall(r"[^\W\d_]+", last_token[:-1])
                after = re.findall(r"^[^\W\d_]+|^\d", next_token)
                keep = bool(before and after) and (after[0].isdigit() or _is_word_any_accent(before[-1])
                                                   and _is_word_any_accent(after[0]))
                sure = False
            state.hyphens.append((line_no - 1, last_token[:-1].split("/")[-1].split("-")[-1], next_token, keep))
            if not sure:
                state.guess(line_no - 1, f"address {last_token}{next_token}: hyphen {'kept' if keep else 'removed'}")
            return text + piece if keep else text[:-1] + piece
        keep, sure = dehyphenate(hyphen.group(1), start.group(1), state.hyphenating)
        state.hyphens.append((line_no - 1, hyphen.group(1), start.group(1), keep))
        if not sure:
            state.guess(line_no - 1, f"{hyphen.group(1)}-{start.group(1)}: hyphen {'kept' if keep else 'removed'}")
        return text + piece if keep else text[:-1] + piece
    if urlish and (last_token.endswith("/") or re.match(r"^[\w%.-]*[/.][\w%/.-]*", piece) and last_token.endswith(".")):
        candidate = _normal_url(last_token + piece.split(" ")[0])
        # (an address ends with its slash before a sentence's first word: "…/bonnes-pratiques/" | "Retrouvez le…")
        if any(candidate in k for k in keys) or last_token.endswith("/") and not _CAPITALISED_WORD.match(piece):
            return text + piece
    if urlish and any(_normal_url(last_token + piece.split(" ")[0]) in k for k in keys):
        return text + piece  # an address the page links to, cut anywhere: "…&feature=emb_" + "logo"
    if re.search(r"[a-z0-9]\.$", last_token) and (_TLD_START.match(piece) or len(last_token) > 4 and any(
            _normal_url(last_token + piece.split(" ")[0]) in k for k in keys)):
        return text + piece  # an address cut after a dot: "leprogres." + "fr/rhone/…"
    if "/" in last_token and last_token.endswith(".") and _DOMAIN.match(last_token) and _EXTENSION_START.match(piece):
        return text + piece  # "…/le-barometre-du-numerique." + "html."
    label = _BARE_LABEL.search(last_token)
    if label and not is_french_word(label.group(1)):
        # "msa." + "fr et Alicem)", "books." + "openedition.org/…": a label that is no French word, before a
        # top-level domain or an address, is the start of an address (a sentence does not go on in lower case)
        first = piece.split(" ")[0].rstrip(".,;:)")
        if _TLD_THEN_TEXT.match(piece) or _DOMAIN.fullmatch(first) and "/" in first:
            state.guess(line_no - 1, f"address {last_token}{first}: cut after a dot, joined")
            return text + piece
    # (in a layout text, a note that is only an address cut after its last dot: "dataliteracyconference.n")
    if (urlish or state.laid_out and _ADDRESS_ALONE.fullmatch(last_token)) \
            and _address_goes_on(last_token, piece.split(" ")[0]):
        state.guess(line_no - 1, f"address {last_token}{piece.split(' ')[0]}: cut at a line end, joined")
        return text + piece
    # (pdftotext's default output keeps the printed line ends too: a file's name cut there, "…_ACCES" |
    # "SIBLE-1.docx", is mended the same way)
    if urlish and (state.laid_out and _path_goes_on(last_token, piece.split(" ")[0])
                   or (state.laid_out or state.dense) and _address_end_goes_on(last_token, piece.split(" ")[0])):
        state.guess(line_no - 1, f"address {last_token}{piece.split(' ')[0]}: its path cut at a line end, joined")
        return text + piece
    handle_end = piece.split(" ")[0].rstrip(".,;:)")
    if state.laid_out and _HANDLE_END.search(last_token) and re.fullmatch(r"[a-z]{1,4}", handle_end) \
            and not is_french_word(handle_end):
        # a handle cut where the column ends ("@NumeriqueEnCommu" | "ns"): its end is no word
        state.guess(line_no - 1, f"handle {last_token}{handle_end}: cut at a line end, joined")
        return text + piece
    if state.laid_out and _cut_without_hyphen(last_token, piece, _text_words(state), frame):
        state.guess(line_no - 1, f"{last_token}|{piece.split(' ')[0]}: a word cut without a hyphen, joined")
        return text + piece
    return f"{text} {piece}"


_CAPITALISED_WORD = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ’']+(?:\s|$)")
"""A line opening with a capitalised word then a space: a sentence's start, no piece of an address."""


def _cut_without_hyphen(last_token: str, piece: str, text_words: frozenset[str] = frozenset(), frame: int = 0) -> bool:
    """Whether a line's last word and the next line's first are one word a narrow frame cut without a hyphen
    ("pédagogi" | "ques", "approprié" | "s"): joined, they are a French word, and one of them is none. The
    text's own words count as French when the lexicon does not know them and the first piece is none: a
    pull quote repeats the body's words, which the lexicon may lack ("multithématiqu" | "es",
    "instrumentalis" | "ant"). Two words make one too when it is wider than the ``frame`` (the block's widest
    line): a word that fits on no line of its frame is cut anywhere, its first piece filling its line
    ("d’accompagne" | "ment" in a quote's box a dozen letters wide), and the text writes it whole. (A layout text only: its lines are the printed ones,
    the frame's edge is where they end.)"""
    # (after an elided article the word is the rest: "d’interven" | "tion")
    before = re.search(r"(?<![\w’'-])(?:[^\W\d_]{1,2}[’'])?([^\W\d_]+)$", last_token)
    after = re.match(r"([^\W\d_A-ZÀ-Ý][^\W\d_]*)(?=[\s.,;:!?)»”…]|$)", piece)  # a whole word ("s’agit" is not "s")
    if not before or not after:
        return False
    head, tail = before.group(1), after.group(1)
    if len(head + tail) < 4:
        return False
    if (not is_french_word(head) or not is_french_word(tail)) and is_french_word(head + tail):
        return True
    # (the first piece a word of neither language's lexicon, or a French word before a second piece that is
    # none, "comportement" | "ales": they are checked against the lexicons only, since a cut piece is in the
    # text too, the whole word against the text; "open" | "data" stay two words)
    return (not is_french_word(head) and not is_english_word(head) or is_french_word(head) and not is_french_word(tail)
            or 0 < frame < printed_width(before.group(0) + tail) and printed_width(before.group(0)) >= _FILLED * frame) \
        and (head + tail).lower() in text_words


def _text_words(state: State) -> frozenset[str]:
    """Every word of the text's lines, in lower case, addresses' aside ("opendata.fr"), computed once per
    text."""
    if state.text_words is None:
        state.text_words = frozenset(
            word for line in state.lines for token in line.text.lower().split()
            if not re.search(r"\w[./@]\w", token) for word in re.findall(r"[^\W\d_]+", token))
    return state.text_words


_ADDRESS_TAIL = re.compile(r"([a-z0-9]+)[/?=&#][\w%/?=&#.~-]*")


def _address_goes_on(last_token: str, first: str) -> bool:
    """Whether ``first`` (a line's first token) goes on with the address ``last_token`` that ends the line
    above, cut anywhere (an address longer than a narrow column breaks at any letter): a piece that opens
    with a separator ("/#1.", "-numerique-55."), a last label of one letter ("dataliteracyconference.n" |
    "et."), or a word that is none before a slash or a query ("vi" | "ew/3316/2764.", "pr" |
    "essesmines/3934?")."""
    if len(first) > 1 and first[0] in "/-?#=&" and first[1] not in " -":
        return True
    if re.search(r"\.[a-z]$", last_token) and re.fullmatch(r"[a-z]{1,5}[.,;:)]?", first):
        return True
    tail = _ADDRESS_TAIL.fullmatch(first.rstrip(".,;:)"))
    return tail is not None and not is_french_word(tail.group(1))


_PATH_PIECE = re.compile(r"([a-z0-9]+)[-_./][\w%/?=&#.~-]*")
"""The rest of an address's path: letters, then a separator and more of the address ("uelle-sera-lissue-…",
"rthotypo.pdf", "tatactivisme-")."""


def _path_goes_on(last_token: str, first: str) -> bool:
    """Whether ``first`` goes on with the address ``last_token`` whose path a narrow column cut at any letter
    ("…/646652/q" | "uelle-sera-lissue-…", "…/ladeferlante_o" | "rthotypo.pdf."): the address has a path,
    and ``first`` is one more piece of one (a separator inside it) whose opening letters are no word, a
    slug (two separators and more: "…/24/l" | "es-marches-publics-…"), or a piece with a number after a
    slash or a query ("…/presses" | "mines/3934?lang=fr"). (A layout text only: its line ends
    are the printed ones, where a long address breaks anywhere.)"""
    piece = _PATH_PIECE.fullmatch(first.rstrip(".,;:)"))
    # a slug of three words and more ("es-marches-publics-…"), a number after a slash or a query
    # ("mines/3934?lang=fr") are an address's, even if its first letters make a word: a sentence does not
    # open so
    return bool(re.search(r"\.[a-z]{2,}/\S", last_token)) and piece is not None \
        and (not is_french_word(piece.group(1)) or len(re.findall(r"[-_/]", first)) >= 2
             or bool(re.search(r"/\d|[?&]\w+=", first)))


_HANDLE_END = re.compile(r"(?<!\S)[@#][A-Za-z]\w*$")
_FILE_NAME_END = re.compile(r"[\w%-]+\.(?:html?|php|pdf|aspx?|docx?|odt|jsp)")
_TOP_DOMAINS = frozenset(["fr", "com", "org", "net", "coop", "gouv", "eu", "be", "io", "info"])
_DOMAIN_END = re.compile(r"[a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:fr|com|org|net|coop|eu|be|io|info)(?:/\S*)?")


def _address_end_goes_on(last_token: str, first: str) -> bool:
    """Whether ``first`` ends the address ``last_token`` that a narrow column cut at any letter: the rest of
    its host up to its top-level domain ("hyperliens.societenu" | "merique.gouv.fr."), the rest of that domain
    ("www.sebastienmagro.ne" | "t"), of a file's name or extension ("…/presentation-mediationnumerique.htm" |
    "l.", "…/courmont_antoine_resume" | ".pdf.", "…_AC" | "CESSIBLE-1.docx"), or of a number in its path
    ("…/statistiques/42" | "41397"). (A layout text only: its line ends are the printed ones, where a long
    address breaks anywhere.)"""
    first = first.rstrip(".,;:)")
    label = re.search(r"\.([a-z]{1,4})$", last_token)
    if "/" not in last_token:
        return bool(_DOMAIN_END.fullmatch(first)) or label is not None and label.group(1) + first in _TOP_DOMAINS
    extension = re.search(r"\.([a-z]{1,4})$", last_token.rsplit("/", 1)[-1])
    return bool(extension and _EXTENSION_START.fullmatch(extension.group(1) + first)
                or first.startswith(".") and _EXTENSION_START.fullmatch(first[1:])
                or _FILE_NAME_END.fullmatch(first)
                or re.search(r"/\d+$", last_token) and re.fullmatch(r"\d{2,}", first))


def _normal_url(text: str) -> str:
    return _link_key(text.rstrip(".,;"))


def attach_links(state: State) -> None:
    """Each appended URL → a link on the visible text it belongs to (an address, often shortened)."""
    state.step = "links"
    used: set[str] = set()
    hosts = _hyphenated_hosts(state)
    for block in state.blocks:
        if not block.text or block.kind in ("page", "url", "removed", "label"):
            continue
        urls = _nearby_urls(state, block.page)
        pieces: list[str] = []
        cursor = 0
        for match in _DOMAIN.finditer(block.text):
            visible = match.group(1).rstrip(".,;:)")
            host = visible.split("/", 1)[0]
            if hosts.get(host.replace("-", ""), host).count("-") == host.count("-") + 1:
                state.guess(block.line, f"address {visible!r}: its host written {hosts[host.replace('-', '')]!r} "
                                        "elsewhere in the text (a hyphen lost at a line's end)")
                visible = hosts[host.replace("-", "")] + visible[len(host):]
            start, end = match.start(1), match.start(1) + len(visible)
            if start < cursor:
                continue
            key = _link_key(visible)
            target = next((u for u in urls if _link_key(u) == key), None) or \
                next((u for u in urls if _link_key(u).startswith(key) and len(key) >= 8), None)
            if target is None:
                target = next((u for pg in state.page_urls.values() for u in pg if _link_key(u) == key), None)
            if target is None:
                target = "https://" + visible
                state.guess(block.line, f"address {visible!r} has no appended link: linked to {target}")
            used.add(target)
            pieces.append(block.text[cursor:start])
            # a readable text, not an encoded address: "cit%C3%A9" is shown as "cité"
            readable = unquote(visible) if "%" in visible and "\ufffd" not in unquote(visible) else visible
            pieces.append(f"{LINK_OPEN}{target}{LINK_MID}{readable}{LINK_CLOSE}")
            cursor = end
        if pieces:
            pieces.append(block.text[cursor:])
            block.text = "".join(pieces)
            _title_as_link_text(state, block)
    for page, urls in state.page_urls.items():
        for url in urls:
            if url not in used and not any(_link_key(url).startswith(_link_key(u)) for u in used):
                state.guess(None, f"page {page}: link {url} matches no visible text (dropped)")


def _hyphenated_hosts(state: State) -> dict[str, str]:
    """The hosts of the text's addresses with a hyphen, by their letters without it: ``pdftotext``'s default
    output joins a word cut at a line's end and drops its hyphen, even in an address
    ("numerique-en-\\ncommuns.fr" → "numerique-encommuns.fr"); the same host written elsewhere on one line
    gives its spelling back."""
    hosts: dict[str, str] = {}
    for block in state.blocks:
        if block.text and block.kind not in ("page", "removed"):
            for match in _DOMAIN.finditer(block.text):
                host = match.group(1).split("/", 1)[0].rstrip(".,;:)")
                if "-" in host and host.count("-") > hosts.get(host.replace("-", ""), "").count("-"):
                    hosts[host.replace("-", "")] = host
    return hosts


_EMAIL = re.compile(r"(?<![\w.+@/-])[\w.+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}(?![\w@/-])", re.I)
_LINKED = re.compile(f"{LINK_OPEN}[^{LINK_CLOSE}]*{LINK_CLOSE}")


def link_email_addresses(state: State) -> None:
    """An e-mail address in the text (not already under a link) → a link to write to it (``mailto:``): the
    extraction keeps the address, not the link the PDF set on it, and the address says where it goes."""
    for block in state.blocks:
        if not block.text or "@" not in block.text or block.kind in ("page", "url", "removed", "label"):
            continue
        pieces, cursor = [], 0
        for linked in [*_LINKED.finditer(block.text), None]:
            end = linked.start() if linked else len(block.text)
            pieces.append(_EMAIL.sub(lambda match: f"{LINK_OPEN}mailto:{match.group()}{LINK_MID}{match.group()}"
                                                   f"{LINK_CLOSE}", block.text[cursor:end]))
            if linked:
                pieces.append(linked.group())
                cursor = linked.end()
        block.text = "".join(pieces)


_TITLE_THEN_ADDRESS = re.compile(
    f"^(?P<title>[^{LINK_OPEN}]{{4,}}?)\\s*{LINK_OPEN}(?P<url>[^{LINK_MID}]*){LINK_MID}[^{LINK_CLOSE}]*{LINK_CLOSE}\\s*$")


_NOTE_OPENING_WORDS = re.compile(r"\d{1,3}\s+[A-ZÀ-Ý][^\W\d_]*(?:\s*:)?")
"""A note's number and its first word, all that stands before an address in a note ("3 Voir")."""


def _title_as_link_text(state: State, block: Block) -> None:
    """A title whose last line is only an address (a list of videos): the title becomes the link's text.

    An address read aloud tells little; the title says where the link goes (RGAA 6.1). The address is
    reported, since it disappears from the text.
    """
    if len(block.lines) < 2:
        return
    match = _TITLE_THEN_ADDRESS.match(block.text)
    visible = block.text[block.text.rfind(LINK_MID) + 1:-1] if match else ""
    # the address stands on lines of its own (the last, or the last ones when it is long)
    if not visible or not any(_DOMAIN.match(line.text.strip()) and visible.startswith(line.text.strip()[:8])
                              for line in block.lines[1:]):
        return
    # a title has no final stop: a sentence ending with "." over the address is text that shows its address;
    # nor is it a note's opening, its number then a word ("3 Voir" over the address it points to)
    # nor does it break off a clause ("Retrouvez l’intégralité du reportage sur" over the address): the
    # sentence goes on with the address, its object
    if match and not match.group("title").rstrip().endswith((":", ",", ".", "!", ";")) \
            and not _NOTE_OPENING_WORDS.fullmatch(match.group("title").strip()) \
            and not _clause_goes_on(match.group("title")):
        title = match.group("title").strip()
        block.text = f"{LINK_OPEN}{match.group('url')}{LINK_MID}{title}{LINK_CLOSE}"
        state.guess(block.lines[-1].no, f"address {visible!r} replaced by the title as link text")


def titles_over_addresses(state: State) -> None:
    """A title over a block that is only an address (a list of videos, of resources): the title becomes the
    link's text, the address disappears from the text (RGAA 6.1: a link says where it goes).

    The title has no final stop (a sentence shows its address); a question over a description ("Quels
    enseignements ?" then its summary), or short lines over a description set in longer ones, is a title
    too: the description stays a paragraph under it.
    """
    state.step = "links"
    blocks = state.blocks
    result: list[Block] = []
    skip: set[int] = set()
    for index, block in enumerate(blocks):
        if id(block) in skip:
            continue
        result.append(block)
        address = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind != "para" or address is None or address.kind != "para" or address.page != block.page \
                or LINK_OPEN in block.text or len(block.lines) > 12:
            continue
        link = re.fullmatch(f"\\s*{LINK_OPEN}([^{LINK_MID}]*){LINK_MID}([^{LINK_CLOSE}]*){LINK_CLOSE}\\s*", address.text)
        if link is None or not _DOMAIN.fullmatch(link.group(2).strip()):
            continue
        lines = block.lines
        cut = next((k for k in range(min(4, len(lines) - 1)) if _ends_title(lines, k)), None)
        title_lines = lines[:cut + 1] if cut is not None else lines
        title = _plain(_rejoin(state, block, title_lines)).strip()
        words = title.split()
        if cut is None and (len(lines) > 5 or title.rstrip(" " + _BULLET_GLYPHS).endswith((".", ":", ",", ";", "!"))) \
                or len(title) < 4 or any(glyph in title for glyph in _BULLET_GLYPHS) \
                or len(words) > 1 and len(set(words)) == 1:  # "TÉLÉCHARGER TÉLÉCHARGER": a row of buttons
            continue
        block.text = f"{LINK_OPEN}{link.group(1)}{LINK_MID}{title}{LINK_CLOSE}"
        block.lines = title_lines
        skip.add(id(address))
        state.guess(address.line, f"address {link.group(2).strip()!r} replaced by the title above it as link text")
        if cut is not None:
            description = Block(lines[cut + 1:], page=block.page)
            description.text = _rejoin(state, block, description.lines)
            result.append(description)
    state.blocks = result


_OPENINGS = "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÂÉÈÊÎÔÛÇ«“\""


def _ends_title(lines: list[Line], k: int) -> bool:
    """Whether line ``k`` ends a title over a description: a question, or short lines over longer ones."""
    end, following = lines[k].text.strip(), lines[k + 1].text.strip()
    if following[:1] not in _OPENINGS:
        return False
    width = [len(line.text.strip()) for line in lines]
    return end.endswith("?") or not end.endswith(tuple(_TERMINAL + ",")) \
        and statistics.median(width[k + 1:]) >= 1.3 * max(width[:k + 1])


def _rejoin(state: State, block: Block, lines: list[Line]) -> str:
    keys = _page_keys(state)
    text = lines[0].text.strip()
    frame = _frame_width(lines)
    for line in lines[1:]:
        text = _join(state, text, line.text.strip(), line.no, keys, frame)
    text = _unglue(state, _inline_page_marks(text), lines)
    # links were attached on the whole block: attach again on this part
    saved, block_text = block.text, text
    part = Block(lines, page=block.page, text=block_text)
    holder = State(state.source, page_urls=state.page_urls)
    holder.blocks = [part]
    attach_links(holder)
    block.text = saved
    return part.text
