"""The transforms, in their one order: the only place that knows it.

Place in the pipeline: between the reader and the writers. Each transform is a plain function that takes
the document (and the options it uses) and changes it in place. ``TRANSFORMS`` lists them by name, in the
order they run; an option switches one off by name (``--skip typography_fr``). Each is safe to run twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..tree import Document
from .capitals import capitals
from .images import images
from .inclusive_fr import inclusive_fr
from .reader_note import reader_note
from .structure import cleanup, notes, sections
from .typography_fr import typography_fr


@dataclass
class TransformOptions:
    """What a conversion asks of the transforms."""

    inclusive: str = "doublet"
    """Inclusive writing: ``doublet`` (full doublets), ``normalise`` (one point médian), ``keep``."""
    reader_note: bool | None = None
    """Force the reader's note on or off; None follows the document's ``reader_note`` metadata."""
    skip: set[str] = field(default_factory=set)
    """Names of transforms not to run."""
    reports: dict[str, object] = field(default_factory=dict)
    """What transforms report back, by transform name (``inclusive_fr`` → its InclusiveReport)."""


def _reader_note(document: Document, options: TransformOptions) -> None:
    if options.reader_note is not None:
        document.meta.reader_note = options.reader_note
    reader_note(document, options.inclusive)


TRANSFORMS: list[tuple[str, Callable[[Document, TransformOptions], None]]] = [
    ("cleanup", lambda document, options: cleanup(document)),
    ("images", lambda document, options: images(document)),
    ("sections", lambda document, options: sections(document)),
    ("notes", lambda document, options: notes(document)),
    ("capitals", lambda document, options: capitals(document)),
    ("inclusive_fr", lambda document, options: inclusive_fr(document, options)),
    ("reader_note", _reader_note),
    ("typography_fr", lambda document, options: typography_fr(document)),
    ("cleanup_end", lambda document, options: cleanup(document)),
]
TRANSFORM_NAMES = [name for name, _ in TRANSFORMS]


def apply_transforms(document: Document, options: TransformOptions | None = None) -> Document:
    """Run every transform not skipped, in order; returns the same document."""
    options = options or TransformOptions()
    for name, transform in TRANSFORMS:
        if name not in options.skip:
            transform(document, options)
    return document
