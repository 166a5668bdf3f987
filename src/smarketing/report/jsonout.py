"""JSON: the document as is, keys in a fixed order, two-space indents, a final newline."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["render_json"]


def render_json(document: dict[str, Any]) -> str:
    """The document as JSON text."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
