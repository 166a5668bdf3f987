r"""JSON: the document as is, keys in a fixed order, two-space indents, a final newline.

Names keep their exact value; a control, bidi or separator character in one
is written as a ``\uXXXX`` escape (see :func:`~smarketing.reporting.printable.json_safe`),
so that the raw text is safe to print.
"""

from __future__ import annotations

import json
from typing import Any

from smarketing.reporting.printable import json_safe

__all__ = ["render_json"]


def render_json(document: dict[str, Any]) -> str:
    """The document as JSON text."""
    return json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
