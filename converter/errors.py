"""Errors and warnings a user can act on.

Place in the pipeline: raised or collected by every stage; the CLI prints them as one line each
(``file:line: message — what to do``) and never shows a traceback for them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Diagnostic:
    """A warning (the conversion goes on) or an error (this document cannot be converted)."""

    severity: str  # "warning" or "error"
    message: str
    file: str = ""
    line: int | None = None
    hint: str = ""

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line:
            where += f":{self.line}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


class CarnetError(Exception):
    """A document that cannot be read or written, for a reason the user can fix."""

    def __init__(self, message: str, file: str = "", line: int | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic("error", message, file, line, hint)

    def __str__(self) -> str:
        return str(self.diagnostic)


class Diagnostics(list[Diagnostic]):
    """The warnings gathered while reading and transforming one document."""

    def warn(self, message: str, file: str = "", line: int | None = None, hint: str = "") -> None:
        self.append(Diagnostic("warning", message, file, line, hint))
