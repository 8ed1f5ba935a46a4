"""``python -m converter``: the same as the ``carnet`` command."""

from .cli import main

raise SystemExit(main())
