r"""JSON: the document's ``to_dict()``, keys in order, two-space indents, a final newline.

The dict is the JSON contract (docs/json-schema.md).

Names keep their exact value; a control, bidi or separator character in one
is written as a ``\uXXXX`` escape (see :func:`~smarketing.reporting.printable.json_safe`),
so that the raw text is safe to print.
"""

from __future__ import annotations

import json

from smarketing.reporting.document import Document
from smarketing.reporting.printable import json_safe

__all__ = ["render_json"]


def render_json(document: Document) -> str:
    """The document as JSON text."""
    return json_safe(json.dumps(document.to_dict(), indent=2, ensure_ascii=False)) + "\n"
