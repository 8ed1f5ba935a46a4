"""``python -m converter``: the same as the ``carnet`` command."""

from .cli import run

raise SystemExit(run())
