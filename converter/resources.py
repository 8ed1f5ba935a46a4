"""Where the templates are (beside the package in a source checkout, inside it once installed), and where
the user's cache folder is.

Place in the pipeline: used by writers to load Jinja2 templates, CSS and the DOCX reference document; the
cache folder keeps what every process would otherwise rebuild (the lexicon's sorted list, the templates'
compiled code).
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path


@cache
def templates_dir() -> Path:
    """The ``templates/`` folder: the checkout's, or the installed ``converter.templates`` package."""
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("converter.templates")))


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/carnet-accessible``, else ``~/.cache/carnet-accessible`` (not created here)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "carnet-accessible"
