"""Reports people read: a plan or an SLA report as text, Markdown, JSON, CSV or HTML.

Every format renders the same typed *document* (see :mod:`smarketing.reporting.document`),
the JSON one its ``to_dict()``, so that all formats say the same figures. The same input
gives byte-identical output: nothing depends on the clock or on dict order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smarketing.errors import InvalidValue

if TYPE_CHECKING:
    from smarketing.reporting.document import Document

__all__ = ["FORMATS", "LANGUAGES", "render"]

FORMATS = ("text", "markdown", "json", "csv", "html")
LANGUAGES = ("en", "fr")


def render(document: Document, fmt: str = "text", lang: str = "en") -> str:
    """Render a plan or SLA report document in ``fmt`` (one of :data:`FORMATS`).

    ``document`` is a :class:`~smarketing.reporting.document.ReportDocument` or a
    :class:`~smarketing.reporting.document.PlanDocument`.
    """
    from smarketing.reporting.document import PlanDocument, ReportDocument

    if not isinstance(document, ReportDocument | PlanDocument):
        raise InvalidValue(
            f"render takes a ReportDocument or a PlanDocument, got a {type(document).__name__}: "
            "build it with report_document(...) or plan_document(...) "
            "(smarketing.reporting.document); its to_dict() is the JSON"
        )
    if fmt not in FORMATS:
        raise InvalidValue(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if lang not in LANGUAGES:
        raise InvalidValue(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    if fmt == "json":
        from smarketing.reporting.jsonout import render_json

        return render_json(document)
    if fmt == "csv":
        from smarketing.reporting.csvout import render_csv

        return render_csv(document)
    if fmt == "html":
        from smarketing.reporting.html import render_html

        return render_html(document, lang)
    from smarketing.reporting.text import render_markdown, render_text

    return render_text(document, lang) if fmt == "text" else render_markdown(document, lang)
