"""Text for a terminal (aligned tables, statuses in capitals) and Markdown."""

from __future__ import annotations

import re
import unicodedata

from smarketing.reporting.document import Document, PlanDocument
from smarketing.reporting.i18n import Words
from smarketing.reporting.sections import (
    SHOWN,
    Section,
    Table,
    plan_sections,
    report_sections,
    title,
)

__all__ = ["render_markdown", "render_text"]


def _sections(document: Document, words: Words) -> list[Section]:
    if isinstance(document, PlanDocument):
        return plan_sections(document, words)
    return report_sections(document, words, shown=SHOWN)


def _width(text: str) -> int:
    """Display width: combining marks take no room."""
    return sum(0 if unicodedata.combining(character) else 1 for character in text)


def _pad(text: str, width: int, right: bool) -> str:
    room = " " * (width - _width(text))
    return room + text if right else text + room


def _text_table(table: Table) -> list[str]:
    columns = list(zip(table.headers, *table.rows, strict=True))
    widths = [max(_width(cell) for cell in column) for column in columns]
    lines = []
    for row in (table.headers, *table.rows):
        cells = [
            _pad(cell, width, numeric)
            for cell, width, numeric in zip(row, widths, table.numeric, strict=True)
        ]
        lines.append(("  " + "  ".join(cells)).rstrip())
    lines.insert(1, "  " + "  ".join("-" * width for width in widths))
    return lines


def render_text(document: Document, lang: str) -> str:
    """The document for a terminal."""
    words = Words(lang)
    heading = title(document, words)
    out = [heading, "=" * _width(heading)]
    for section in _sections(document, words):
        out += ["", section.title, "-" * _width(section.title)]
        out += [f"  {line}" for line in section.lines]
        for table in section.tables:
            if section.lines or table is not section.tables[0]:
                out.append("")
            out += _text_table(table)
    return "\n".join(out) + "\n"


#: Characters Markdown would read as markup (emphasis, links, HTML, cells, entities, headings).
_MARKUP = re.compile(r"([\\`*_\[\]<>|&~#])")


def _escape(cell: str) -> str:
    """Printable text, every Markdown markup character backslash-escaped."""
    return _MARKUP.sub(r"\\\1", cell)


def render_markdown(document: Document, lang: str) -> str:
    """The document as Markdown (GitHub-flavoured tables)."""
    words = Words(lang)
    out = [f"# {_escape(title(document, words))}"]
    for section in _sections(document, words):
        out += ["", f"## {_escape(section.title)}", ""]
        out += [f"- {_escape(line)}" for line in section.lines]
        for table in section.tables:
            if out[-1] != "":
                out.append("")
            out.append("| " + " | ".join(_escape(h) or " " for h in table.headers) + " |")
            out.append(
                "|" + "|".join("---:" if numeric else "---" for numeric in table.numeric) + "|"
            )
            out += ["| " + " | ".join(_escape(cell) for cell in row) + " |" for row in table.rows]
    return "\n".join(out) + "\n"
