"""Where the templates are: beside the package in a source checkout, inside it once installed.

Place in the pipeline: used by writers to load Jinja2 templates, CSS and the DOCX reference document.
"""

from __future__ import annotations

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
