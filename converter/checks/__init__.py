"""``carnet check``: our own accessibility checker, for any DOCX, EPUB or HTML document (not only ours).

Place in the pipeline: after the writers, and independent of them. ``carnet check FILE…`` runs it on any file;
``carnet convert --check`` runs it on what it just wrote. It needs no browser, no Java and no Word: DOCX rules
follow Word's Accessibility Checker and RGAA 4.1; EPUB and HTML rules are the structural checks of Ace by DAISY,
EPUBCheck and axe-core that can be done on the markup alone (see ``../shared/design/accessibility.md``).

Public API:

- :func:`check` — the findings for one file (dispatch by extension);
- :func:`rules` — the rule table (:mod:`converter.checks.registry`), for ``carnet check --list-rules``;
  :func:`rules_table` renders it as Markdown for the docs (``python -m converter.checks.registry en``);
- :func:`run_check` — the CLI entry: prints text or JSON and returns the exit code;
- :class:`Finding` — one problem found; :class:`CheckError` — the file cannot be read at all.
"""

from __future__ import annotations

import json
import zipfile
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

from lxml import etree

from converter.checks.registry import ERROR, RULES, Rule, rules_table

__all__ = ["CheckError", "Finding", "check", "rules", "rules_table", "run_check", "make_finding", "EXTENSIONS"]

EXCERPT_LENGTH = 60


class CheckError(Exception):
    """The input cannot be checked at all (missing file, not a zip, not an EPUB, unknown type…).

    ``str(error)`` is a one-line message meant for the user, in the language asked for.
    """


@dataclass
class Finding:
    """One accessibility problem.

    ``where`` is a paragraph number (DOCX) or a part name plus line and CSS-like path (EPUB, HTML); ``excerpt``
    a short piece of the text concerned. ``message`` and ``fix`` are in the language asked for.
    ``file`` is filled in by :func:`check`.
    """

    rule: str
    severity: str
    where: str
    excerpt: str
    message: str
    fix: str
    file: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    def to_text(self) -> str:
        where = self.where
        if self.excerpt:
            where = f"{where} « {self.excerpt} »" if where else f"« {self.excerpt} »"
        prefix = f"{self.file}:{where}" if self.file else where
        return f"{prefix}: {self.severity} {self.rule}: {self.message} — {self.fix}"


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """A short one-line excerpt of ``text``."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def make_finding(rule_id: str, lang: str, where: str, text: str = "", /, **fields: object) -> Finding:
    """Build a finding for ``rule_id`` from the registry, its messages formatted with ``fields``."""
    rule = RULES[rule_id]
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        where=where,
        excerpt=excerpt(text),
        message=rule.message(lang, **fields),
        fix=rule.fix(lang, **fields),
    )


EXTENSIONS = {".docx": "docx", ".epub": "epub", ".html": "html", ".htm": "html", ".xhtml": "html"}


def _msg(lang: str, fr: str, en: str) -> str:
    return fr if lang == "fr" else en


def check(path: Path, lang: str = "fr") -> list[Finding]:
    """Check one file and return its findings (empty when nothing is wrong).

    The type is taken from the extension (``.docx``, ``.epub``, ``.html``/``.htm``/``.xhtml``). ``lang``
    (``fr`` or ``en``) chooses the language of messages. Raises :class:`CheckError` when the file cannot be read.
    """
    path = Path(path)
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        raise CheckError(_msg(
            lang,
            f"{path}: type de fichier non pris en charge (attendu : .docx, .epub, .html, .xhtml)",
            f"{path}: unsupported file type (expected .docx, .epub, .html, .xhtml)",
        ))
    if not path.exists():
        raise CheckError(_msg(lang, f"{path}: fichier introuvable", f"{path}: file not found"))
    if not path.is_file():
        raise CheckError(_msg(lang, f"{path}: ce n'est pas un fichier", f"{path}: not a regular file"))
    try:
        if kind == "docx":
            from converter.checks import docx as module
        elif kind == "epub":
            from converter.checks import epub as module  # type: ignore[no-redef]
        else:
            from converter.checks import html as module  # type: ignore[no-redef]
        findings = module.check_file(path, lang)
    except CheckError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError, etree.XMLSyntaxError) as error:
        # a damaged archive member or part found after opening
        reason = " ".join(str(error).split()) or type(error).__name__
        raise CheckError(_msg(lang, f"{path}: fichier endommagé ({reason})",
                              f"{path}: damaged file ({reason})")) from error
    except OSError as error:
        raise CheckError(_msg(lang, f"{path}: lecture impossible ({error.strerror or error})",
                              f"{path}: cannot read ({error.strerror or error})")) from error
    for finding in findings:
        finding.file = str(path)
    return findings


def rules(fmt: str | None = None) -> list[Rule]:
    """The rule table, in declaration order; only the rules for ``fmt`` (docx, epub, html) when given."""
    return [rule for rule in RULES.values() if fmt is None or fmt in rule.formats]


def run_check(paths: list[Path], lang: str, as_json: bool, out: TextIO) -> int:
    """Check every file, print the findings to ``out`` and return the exit code.

    Text: one finding per line, ``file:where: severity rule-id: message — fix``, then a summary line. JSON: a
    list of finding objects (unreadable files appear as objects with rule ``unreadable``). Returns 1 when any
    error-severity finding was reported or any file could not be read, 0 otherwise. Never raises for bad input:
    even an unexpected checker failure on an unusual document is reported as one line (and exit 1).
    """
    failed = False
    records: list[dict[str, str]] = []
    counts = {"error": 0, "warning": 0, "tip": 0}
    for path in paths:
        try:
            findings = check(Path(path), lang)
        except Exception as error:  # CheckError, or a checker bug on an unusual document: one line, never a trace
            failed = True
            message = " ".join(str(error).split())
            if not isinstance(error, CheckError):
                message = _msg(lang, f"{path}: erreur interne du vérificateur, merci de la signaler "
                                     f"({type(error).__name__}: {message})",
                               f"{path}: internal checker error, please report it ({type(error).__name__}: "
                               f"{message})")
            if as_json:
                records.append({"rule": "unreadable", "severity": ERROR, "where": "", "excerpt": "",
                                "message": message, "fix": "", "file": str(path)})
            else:
                out.write(f"{message}\n")
            continue
        for finding in findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
            if finding.severity == ERROR:
                failed = True
            if as_json:
                records.append(finding.to_dict())
            else:
                out.write(finding.to_text() + "\n")
    if as_json:
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        summary = _msg(
            lang,
            f"{len(paths)} fichier(s) : {counts['error']} erreur(s), {counts['warning']} avertissement(s), "
            f"{counts['tip']} conseil(s)",
            f"{len(paths)} file(s): {counts['error']} error(s), {counts['warning']} warning(s), "
            f"{counts['tip']} tip(s)",
        )
        out.write(summary + "\n")
    return 1 if failed else 0
