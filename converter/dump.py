"""The canonical JSON form of a tree, for tests and other scripts (``carnet tree FILE``).

Place in the pipeline: beside the writers; it renders a tree, usually after the transforms.

Shape (stable; ``format_version`` changes if it ever must):
``{"format_version": 1, "meta": {...every Meta field...}, "children": [node...], "notes": [node...]}``.
Each node is an object whose first key is ``"type"`` (the class name in :mod:`converter.tree`), followed
by every field of that class in declaration order: ``id``, ``classes``, ``lang``, ``line``, then the
class's own fields. Child nodes are nested objects, lists of nodes are arrays (``definitions`` is an
array of arrays). Nothing is omitted, so a consumer can rely on every key being there.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from . import tree as t

FORMAT_VERSION = 1


def node_to_dict(node: object) -> object:
    if isinstance(node, list):
        return [node_to_dict(item) for item in node]
    if not isinstance(node, t.Node):
        return node
    result: dict[str, object] = {"type": type(node).__name__}
    for f in fields(node):
        if f.name in ("base_dir", "diagnostics", "meta", "notes", "children") and isinstance(node, t.Document):
            continue
        result[f.name] = node_to_dict(getattr(node, f.name))
    return result


def document_to_dict(document: t.Document) -> dict[str, object]:
    return {
        "format_version": FORMAT_VERSION,
        "meta": asdict(document.meta),
        "children": node_to_dict(document.children),
        "notes": node_to_dict(document.notes),
    }


def dump_json(document: t.Document, indent: int | None = 1) -> str:
    """The tree as JSON text (UTF-8, non-ASCII characters kept)."""
    return json.dumps(document_to_dict(document), ensure_ascii=False, indent=indent)
