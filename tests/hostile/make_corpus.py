"""The hostile corpus of issue 8: broken, huge, deep and active inputs, and what the converter must do.

Each :class:`Case` names its input files (generated here, never downloaded), the command-line options, the
exit code expected, a pattern the one error line (or a warning) must match, and words that must reach the
edition or be reported as dropped. Small cases are written under ``tests/hostile/cases/`` by running this
script (``python tests/hostile/make_corpus.py``) and committed; large ones (``large=True``: 100 MB, a 1 MB
line, 10,000-deep nesting) are only generated at test time in a temporary folder.

``tests/test_hostile.py`` converts every case with ``python -m converter convert`` and asserts the behaviour.
"""

from __future__ import annotations

import codecs
import shutil
import struct
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"

Files = dict[str, bytes]


def tiny_png() -> bytes:
    """A valid 1×1 transparent PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 5))
            + chunk(b"IEND", b""))


@dataclass(frozen=True)
class Case:
    """One hostile input and the behaviour expected of ``carnet convert``."""

    name: str
    entry: str
    """The file converted (inside the case folder)."""
    files: Callable[[], Files]
    exit: int = 0
    stderr: str = ""
    """A regular expression one line of standard error must match (the error line when ``exit`` is 1)."""
    args: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    """Words that must be in the HTML edition's text."""
    dropped: tuple[str, ...] = ()
    """Words that may be missing from the edition but must then be named on standard error."""
    absent: tuple[str, ...] = ()
    """Strings that must appear in no output (what must never be fetched or carried)."""
    large: bool = False
    """Generated at test time only (not committed)."""
    max_seconds: float = 60.0
    outside: Files = field(default_factory=dict)
    """Files written next to the case folder (outside the carnet's folder)."""


def md(body: str, title: str = "Carnet hostile") -> bytes:
    return f"---\ntitle: {title}\n---\n\n# {title}\n\n{body}\n".encode()


def html(body: str, head: str = "<title>Carnet hostile</title>") -> bytes:
    return f'<!DOCTYPE html><html lang="fr"><head>{head}</head><body><main><h1>Carnet hostile</h1>{body}</main>' \
           f"</body></html>".encode()


TEXT = "Été à la fenêtre, naïve, ça\u00a0: «\u00a0œuvre\u00a0» déjà lue."
TEXT_MD = f"# Titre\n\n{TEXT}\n"
KEPT_ACCENTS = ("fenêtre", "naïve", "œuvre", "déjà")

ACTIVE_MD = """Avant <script>alert('script-md')</script> après-script.

<iframe src="http://evil.example/" srcdoc="<script>alert(1)</script>">texteiframe</iframe>

<object data="x.swf">texteobjet</object> <embed src="x.swf">

<style>body { background: url(javascript:alert(1)) }</style>

<p onclick="alert(1)" onmouseover="x()" style="background:url(javascript:alert(2))">paragraphecliquable</p>

[lienjs](javascript:alert(1)) [lienvb](vbscript:msgbox) [liendata](data:text/html;base64,PHNjcmlwdD4=)
[lienobfus](jav&#x09;ascript:alert(1)) [lienmaj](JAVASCRIPT:alert(1)) [lienespace](   javascript:alert(1))
<a href="jav&#x09;ascript:alert(1)">ancreobfus</a> <a href=" JaVaScRiPt:alert(2)">ancrecasse</a>
<a href="&#106;avascript:alert(3)">ancreentite</a> <a href="java\nscript:alert(4)">ancreligne</a>
<a href="vbscript:msgbox(1)" onfocus="x()">ancrevb</a> <a href="file:///etc/passwd">ancrefichier</a>

<svg onload="alert(1)"><script>alert('svg')</script><text>textesvg</text></svg>

<form action="http://evil.example/"><input value="champ">texteformulaire</form>

<img src="x" onerror="alert(1)" alt="imagehtml">

[lienreseau](http://example.com/page) [lienmail](mailto:a@example.org) [lientel](tel:+33123456789)
[lienrelatif](autre.md) [liendehors](../../etc/passwd)
"""

ACTIVE_HTML = """<p>Avant <script>alert('script-html')</script> aprèsscript.</p>
<iframe src="http://evil.example/" srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">texteiframe</iframe>
<object data="x.swf"><param name="a" value="b">texteobjet</object><embed src="x.swf">
<style>p { background: url(javascript:alert(1)) }</style>
<p onclick="alert(1)" ONMOUSEOVER="x()" style="background:url(javascript:alert(2))">paragraphecliquable</p>
<p><a href="javascript:alert(1)">lienjs</a> <a href="vbscript:msgbox">lienvb</a>
<a href="data:text/html;base64,PHNjcmlwdD4=">liendata</a> <a href="jav&#x09;ascript:alert(1)">ancreobfus</a>
<a href="  JAVASCRIPT:alert(2)">ancrecasse</a> <a href="&#106;avascript:alert(3)">ancreentite</a>
<a href="java&#10;script:alert(4)">ancreligne</a> <a href="file:///etc/passwd">ancrefichier</a>
<a href="http://example.com/page" onclick="x()">lienreseau</a> <a href="mailto:a@example.org">lienmail</a>
<a href="tel:+33123456789">lientel</a> <a href="autre.html#x">lienrelatif</a></p>
<svg onload="alert(1)"><script>alert('svg')</script><foreignObject><p>textesvg</p></foreignObject></svg>
<math><mi>textemath</mi></math>
<p>Une image <img src="x" onerror="alert(1)" alt="imagehtml"> dans le texte.</p>
<form action="http://evil.example/"><input value="champ"><button>textebouton</button></form>
<template><p>textetemplate</p></template><noscript>textenoscript</noscript>
<p>Fin<base href="http://evil.example/"><link rel="stylesheet" href="http://evil.example/x.css"> du texte.</p>
"""

XXE_HTML = (b'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lollollol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><html lang="fr"><head><title>XXE</title>'
            b'</head><body><h1>XXE</h1><p>&xxe; &lol2; textexxe</p></body></html>')

YAML_BOMB = ("---\n" + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
             + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi",
                                                                                      strict=True))
             + "title: *i\n---\n\n# Titre\n\nTexte.\n").encode()

CONTROL_MD = ("---\ntitle: \"Ti\\x01tre\\x0b contrôlé\"\nauthor: \"Au\\x02teur\"\nkeywords: [\"mo\\x03t\"]\n"
              "speakers:\n  \"H\\x04R\": \"Hé\\x05lène\"\n---\n\n"
              "# Ti\x01tre\n\nTexte\x0b avec\x1f contrôles [lien\x07texte](http://ex\x01ample.com \"ti\x02tle\")"
              " et [sp\x05an]{lang=en\x06 .cl\x08s #i\x0ed}\n\n![al\x03t](im\x04g.png)\n\n"
              "Terme\x0c\n:   Défi\x10nition\n\nNote[^n\x11].\n\n[^n\x11]: La\x12 note.\n\n"
              "*[AB\x13C]: Ex\x14pansion\n\nUn AB\x13C ici. {{page 1\x15}}\n").encode()

CONTROL_HTML = html('<p id="p\x01" class="c\x02" lang="fr\x03">Texte\x0b avec\x1f contrôles '
                    '<a href="http://ex\x01ample.com" title="ti\x02tle">lien\x07texte</a> '
                    '<abbr title="Ex\x14pansion">AB\x13C</abbr></p><figure><img src="im\x04g.png" alt="al\x03t">'
                    '<figcaption>Lé\x05gende</figcaption></figure>',
                    '<title>Ti\x01tre</title><meta name="author" content="Au\x02teur">'
                    '<meta name="keywords" content="mo\x03t, b">')


def deep(open_tag: str, close_tag: str, depth: int, text: str = "profond") -> str:
    return open_tag * depth + text + close_tag * depth


def _cases() -> list[Case]:
    png = tiny_png()
    utf16_text = TEXT_MD
    cases = [
        Case("empty", "vide.md", lambda: {"vide.md": b""}, 1, r"vide\.md: error: is empty"),
        Case("blank", "blanc.md", lambda: {"blanc.md": b"  \n\n\t\n"}, 1, r"blanc\.md: error: is empty"),
        Case("binary-garbage", "binaire.md",
             lambda: {"binaire.md": bytes((i * 7919 + 13) % 256 for i in range(4096))}, 1,
             r"binaire\.md: error: is not a text file"),
        Case("binary-no-nul", "binaire2.md", lambda: {"binaire2.md": bytes(range(128, 256)) * 16}, 1,
             r"binaire2\.md:1: error: is not UTF-8 text"),
        Case("utf16-bom", "utf16bom.md", lambda: {"utf16bom.md": utf16_text.encode("utf-16")}, 0,
             kept=KEPT_ACCENTS),
        Case("utf16be-bom", "utf16bebom.md",
             lambda: {"utf16bebom.md": codecs.BOM_UTF16_BE + utf16_text.encode("utf-16-be")}, 0, kept=KEPT_ACCENTS),
        Case("utf16le-no-bom", "utf16le.md", lambda: {"utf16le.md": utf16_text.encode("utf-16-le")}, 1,
             r"utf16le\.md: error: is not UTF-8 text \(it looks like utf-16-le without a byte order mark\) — "
             r".*--encoding utf-16-le"),
        Case("utf16be-no-bom", "utf16be.md", lambda: {"utf16be.md": utf16_text.encode("utf-16-be")}, 1,
             r"--encoding utf-16-be"),
        Case("utf16le-no-bom-named", "utf16le.md", lambda: {"utf16le.md": utf16_text.encode("utf-16-le")}, 0,
             args=("--encoding", "utf-16-le"), kept=KEPT_ACCENTS),
        Case("utf16-bom-broken", "utf16casse.md",
             lambda: {"utf16casse.md": codecs.BOM_UTF16_LE + "Texte".encode("utf-16-le") + b"\x00\xd8"}, 1,
             r"utf16casse\.md: error: is not UTF-16 text"),
        Case("cp1252", "cp1252.md", lambda: {"cp1252.md": ("# Titre\n\nL’été “œuvre” — déjà vu…\n").encode("cp1252")},
             1, r"cp1252\.md:3: error: is not UTF-8 text \(it looks like cp1252\) — .*--encoding cp1252"),
        Case("cp1252-named", "cp1252.md",
             lambda: {"cp1252.md": ("# Titre\n\nL’été “œuvre” — déjà vu…\n").encode("cp1252")}, 0,
             args=("--encoding", "cp1252"), kept=("œuvre", "déjà")),
        Case("latin1", "latin1.md", lambda: {"latin1.md": TEXT_MD.replace("œuvre", "oeuvre").encode("latin-1")}, 1,
             r"latin1\.md:3: error: is not UTF-8 text .*--encoding"),
        Case("latin1-named", "latin1.md",
             lambda: {"latin1.md": TEXT_MD.replace("œuvre", "oeuvre").encode("latin-1")}, 0,
             args=("--encoding", "latin-1"), kept=("fenêtre", "naïve", "déjà")),
        Case("encoding-unknown", "ok.md", lambda: {"ok.md": TEXT_MD.encode()}, 1,
             r"ok\.md: error: unknown encoding 'klingon'", args=("--encoding", "klingon")),
        Case("encoding-wrong", "utf8.md", lambda: {"utf8.md": "# Titre\n\nTexte ∑ ok.\n".encode()}, 1,
             r"utf8\.md: error: cannot be decoded as ascii", args=("--encoding", "ascii")),
        Case("html-cp1252", "page.html",
             lambda: {"page.html": html("<p>L’été de l’œuvre</p>").decode().encode("cp1252")}, 1,
             r"page\.html:1: error: is not UTF-8 text .*--encoding cp1252"),
        Case("control-chars-md", "controle.md", lambda: {"controle.md": CONTROL_MD}, 0,
             r"control character\(s\) that XML forbids removed", kept=("Texte", "avec", "contrôles", "lientexte",
                                                                       "Définition", "note")),
        Case("control-chars-html", "controle.html", lambda: {"controle.html": CONTROL_HTML}, 0,
             r"control character\(s\) that XML forbids removed", kept=("Texte", "contrôles", "lientexte",
                                                                       "Légende")),
        Case("long-word", "mot.md", lambda: {"mot.md": md("Début " + "a" * 10_000 + " fin.")}, 0,
             kept=("Début", "a" * 10_000, "fin")),
        Case("long-line", "ligne.md", lambda: {"ligne.md": md(" ".join(f"mot{i}" for i in range(150_000)))},
             0, kept=("mot0", "mot75000", "mot149999"), large=True),
        Case("long-line-html", "ligne.html",
             lambda: {"ligne.html": html("<p>" + "<em>gras</em> un deux trois quatre cinq " * 30_000
                                              + "dernier</p>")}, 0,
             kept=("gras", "dernier"), large=True),
        Case("huge-100mb", "enorme.md", lambda: {"enorme.md": md("Ligne de texte ordinaire.\n\n" * 4_000_000)}, 1,
             r"enorme\.md: error: is too large \(\d+ MiB; the limit is 50 MiB\)", large=True, max_seconds=15),
        Case("deep-quotes-md", "citations.md", lambda: {"citations.md": md(">" * 10_000 + " profond")}, 1,
             r"citations\.md:7: error: nesting deeper than 100 levels", large=True),
        Case("deep-quotes-spaced-md", "citations2.md", lambda: {"citations2.md": md("> " * 10_000 + "profond")}, 1,
             r"citations2\.md:7: error: nesting deeper than 100 levels", large=True),
        Case("deep-lists-md", "listes.md",
             lambda: {"listes.md": md("".join("    " * i + f"- niveau{i}\n" for i in range(1_000)))}, 1,
             r"listes\.md:\d+: error: nesting deeper than 100 levels", large=True, max_seconds=20),
        Case("deep-lists-raw-html-md", "listes-html.md",
             lambda: {"listes-html.md": md(deep("<ul><li>", "</li></ul>", 10_000))}, 1,
             r"listes-html\.md: error: nesting deeper than 100 levels", large=True),
        Case("deep-emphasis-md", "emphase.md", lambda: {"emphase.md": md(deep("<em>", "</em>", 10_000))}, 1,
             r"emphase\.md: error: nesting deeper than 100 levels", large=True),
        Case("deep-brackets-md", "crochets.md",
             lambda: {"crochets.md": md("[" * 10_000 + "profond" + "]" * 10_000 + " et *" * 5_000 + " fin")}, 1,
             r"crochets\.md:7: error: more than 100 '\[' left open in one paragraph", large=True, max_seconds=15),
        Case("open-brackets-md", "crochets2.md", lambda: {"crochets2.md": md("[a " * 2_000)}, 1,
             r"crochets2\.md:7: error: more than 100 '\[' left open", max_seconds=15),
        Case("many-brackets-md", "crochets3.md",
             lambda: {"crochets3.md": md("[a] \\[b " * 2_000 + "\n\n" + "[c\n\n" * 300 + " *x* " * 3_000)}, 0,
             kept=("a", "[b", "[c", "x"), max_seconds=60),
        Case("deep-lists-html", "listes.html", lambda: {"listes.html": html(deep("<ul><li>", "</li></ul>", 10_000))},
             1, r"listes\.html: error: nesting deeper than 100 levels", large=True),
        Case("deep-quotes-html", "citations.html",
             lambda: {"citations.html": html(deep("<blockquote>", "</blockquote>", 10_000))}, 1,
             r"citations\.html: error: nesting deeper than 100 levels", large=True),
        Case("deep-divs-html", "divs.html", lambda: {"divs.html": html(deep("<div>", "</div>", 10_000))}, 1,
             r"divs\.html: error: nesting deeper than 100 levels", large=True),
        Case("deep-emphasis-html", "emphase.html",
             lambda: {"emphase.html": html("<p>" + deep("<em><span lang='en'>", "</span></em>", 5_000) + "</p>")},
             1, r"emphase\.html: error: nesting deeper than 100 levels", large=True),
        Case("deep-unclosed-html", "ouvert.html", lambda: {"ouvert.html": html("<ul><li>" * 10_000 + "profond")},
             1, r"ouvert\.html: error: nesting deeper than 100 levels", large=True),
        Case("nesting-below-limit", "limite.html", lambda: {"limite.html": html(
            deep("<ol><li><blockquote><p>x</p><dl><dt>t</dt><dd>", "</dd></dl></blockquote></li></ol>", 18, "fond")
            + deep("<ul><li>", "</li></ul>", 45, "liste") + "<p>" + deep("<em><a href='#z'><span lang='en'>",
                                                                       "</span></a></em>", 30, "emphase") + "</p>")},
             0, kept=("fond", "liste", "emphase")),
        Case("nesting-below-limit-md", "limite.md", lambda: {"limite.md": md(">" * 90 + " citation\n\n"
                                                                           + "".join("    " * i + f"- n{i}\n"
                                                                                     for i in range(40)))},
             0, kept=("citation", "n0", "n39")),
        Case("active-md", "actif.md", lambda: {"actif.md": md(ACTIVE_MD)}, 0, r"<script> element removed",
             kept=("Avant", "après-script", "paragraphecliquable", "lienjs", "lienvb", "liendata", "lienobfus",
                   "lienmaj", "lienespace", "ancreobfus", "ancrecasse", "ancreentite", "ancreligne", "ancrevb",
                   "ancrefichier", "lienreseau", "lienmail", "lientel", "lienrelatif", "liendehors", "imagehtml"),
             dropped=("texteiframe", "texteobjet", "textesvg", "texteformulaire"),
             absent=("alert(", "evil.example", "x.swf")),
        Case("active-html", "actif.html", lambda: {"actif.html": html(ACTIVE_HTML, "<title>Actif</title><script>"
                                                                     "alert('head')</script><meta http-equiv="
                                                                     "'refresh' content='0;url=javascript:x'>")},
             0, r"<script> element removed",
             kept=("Avant", "aprèsscript", "paragraphecliquable", "lienjs", "lienvb", "liendata", "ancreobfus",
                   "ancrecasse", "ancreentite", "ancreligne", "ancrefichier", "lienreseau", "lienmail", "lientel",
                   "lienrelatif", "imagehtml", "Fin", "texte"),
             dropped=("texteiframe", "texteobjet", "textesvg", "textemath", "textebouton", "textetemplate",
                      "textenoscript"),
             absent=("alert(", "evil.example", "x.swf")),
        Case("xxe-html", "xxe.html", lambda: {"xxe.html": XXE_HTML}, 0, kept=("textexxe",),
             absent=("root:", "lollollol")),
        Case("yaml-billion-laughs", "yaml.md", lambda: {"yaml.md": YAML_BOMB}, 1,
             r"yaml\.md:\d+: error: the YAML front matter uses an alias", max_seconds=15),
        Case("yaml-broken", "yaml2.md", lambda: {"yaml2.md": b"---\ntitle: [unclosed\n---\n\n# T\n\nTexte.\n"}, 1,
             r"yaml2\.md:\d+: error: the YAML front matter cannot be read"),
        Case("yaml-not-mapping", "yaml3.md", lambda: {"yaml3.md": b"---\n- a\n- b\n---\n\n# T\n\nTexte.\n"}, 1,
             r"yaml3\.md:2: error: the front matter must be"),
        Case("yaml-python-tag", "yaml4.md",
             lambda: {"yaml4.md": b"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n\n# T\n"}, 1,
             r"yaml4\.md:\d+: error: the YAML front matter cannot be read"),
        Case("images", "images/carnet.md", lambda: {
            "images/carnet.md": md(
                "![imageok](ok.png)\n\n![imagefausse](fausse.png)\n\n![imagecassee](cassee.png)\n\n"
                "![imagemanquante](absente.png)\n\n![imagedehors](../dehors.png)\n\n![imageabsolue](/etc/hosts)\n\n"
                "![imagereseau](http://evil.example/x.png)\n\n![imagereseau2](//evil.example/y.png)\n\n"
                "![imagedata](data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+)\n\n"
                "![imagejs](javascript:alert(1))\n\n![imagesvg](dessin.svg)\n\n![imagelien](lien.png)\n\n"
                "![imagedossier](sous)\n\n![imagelegende](absente2.png \"Légendeconservée\")\n\n"
                "[lienvers](../dehors.png) [lienabsolu](/etc/passwd)"),
            "images/ok.png": png, "images/fausse.png": b"<html><script>alert(1)</script></html>",
            "images/cassee.png": b"\x89PNG\r\n\x1a\n" + b"\xae" * 64,
            "images/dessin.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)'
                                 b"</script></svg>",
            "images/sous/.keep": b""}, 0, r"image 'absente\.png' was not found: its text alternative is kept",
             kept=("imageok", "imagefausse", "imagecassee", "imagemanquante", "imagedehors", "imageabsolue",
                   "imagereseau", "imagereseau2", "imagedata", "imagejs", "imagesvg", "imagelien",
                   "imagedossier", "Légendeconservée", "lienvers", "lienabsolu"),
             absent=("evil.example", "alert(", "root:", "localhost"), outside={"dehors.png": png}),
        Case("images-html", "images/page.html", lambda: {
            "images/page.html": html(
                '<figure><img src="ok.png" alt="imageok"></figure><figure><img src="../dehors.png" alt="imagedehors">'
                '<figcaption>Légendedehors</figcaption></figure><p><img src="http://evil.example/x.png" '
                'alt="imagereseau"></p><img src="fausse.png" alt="imagefausse">'
                '<img src="data:image/png;base64,AAAA" alt="imagedatafausse">'),
            "images/ok.png": png, "images/fausse.png": b"GIF89a-not-really"}, 0, r"image '\.\./dehors\.png' is "
             r"outside the carnet's folder", kept=("imageok", "imagedehors", "Légendedehors", "imagereseau",
                                                   "imagefausse", "imagedatafausse"),
             absent=("evil.example",), outside={"dehors.png": png}),
        Case("missing-input", "absent.md", lambda: {}, 1, r"absent\.md: error: no such file"),
        Case("unknown-extension", "carnet.docx", lambda: {"carnet.docx": b"PK\x03\x04"}, 1,
             r"carnet\.docx: error: cannot tell the format"),
        Case("footnote-missing", "note.md", lambda: {"note.md": md("Texte[^x].")}, 1,
             r"note\.md:7: error: footnote reference \[\^x\] has no note"),
    ]
    names = [case.name for case in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    return cases


CASES: list[Case] = _cases()


def materialise(case: Case, folder: Path) -> Path:
    """Write the files of ``case`` into ``folder/<case name>`` (and its ``outside`` files beside that folder);
    returns the path of the input to convert. Committed cases are copied from ``cases/``."""
    case_dir = folder / case.name
    committed = CASES_DIR / case.name
    if committed.is_dir() and not case.large:
        shutil.copytree(committed, case_dir, dirs_exist_ok=True)
    else:
        for name, data in case.files().items():
            path = case_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    entry = case_dir / case.entry
    for name, data in case.outside.items():
        (entry.parent.parent / name).write_bytes(data)
    case_dir.mkdir(parents=True, exist_ok=True)
    return entry


def write_committed(target: Path = CASES_DIR) -> list[str]:
    """(Re)write the small cases under ``tests/hostile/cases/``; returns their names."""
    written = []
    for case in CASES:
        if case.large:
            continue
        case_dir = target / case.name
        if case_dir.exists():
            shutil.rmtree(case_dir)
        case_dir.mkdir(parents=True)
        for name, data in case.files().items():
            path = case_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        written.append(case.name)
    return written


if __name__ == "__main__":
    names = write_committed(Path(sys.argv[1]) if len(sys.argv) > 1 else CASES_DIR)
    print(f"{len(names)} small cases written; {sum(c.large for c in CASES)} large cases are generated at test time")
