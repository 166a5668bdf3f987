"""One self-contained HTML file: inline CSS and SVG charts, no script, no external asset.

The markup is well-formed XML (XHTML syntax in an HTML5 document), so that it
can be checked with an XML parser.
"""

from __future__ import annotations

from decimal import Decimal

from smarketing.reporting.document import Document, PlanDocument, ReportDocument
from smarketing.reporting.i18n import Words
from smarketing.reporting.lists import shown_sources
from smarketing.reporting.sections import SHOWN, Section, plan_sections, report_sections, title
from smarketing.reporting.svg import bar_chart, column_chart, pacing_chart, xml_text

__all__ = ["render_html"]


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:72rem;padding:0 1rem;color:#1d2330;line-height:1.4}
h1{font-size:1.5rem;border-bottom:2px solid #1d2330;padding-bottom:.3rem}
h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
th,td{padding:.25rem .6rem;border-bottom:1px solid #d5d9e2;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.status-BEHIND,.status-MISSED,.status-BREACHED,.status-EN-RETARD,.status-MANQUÉ,
.status-NON-TENU{color:#b3261e;font-weight:600}
.status-MET,.status-ON-TRACK,.status-TENU,.status-DANS-LES-TEMPS{color:#1b6e3a;font-weight:600}
.status-AHEAD,.status-EN-AVANCE{color:#8a5a00;font-weight:600}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}
figure{margin:0}figure.wide{grid-column:1/-1}figcaption{font-size:.85rem;color:#4b5363}
svg.chart{width:100%;height:auto}
.axis{stroke:#7a8294;stroke-width:1}.tick,.label,.value,.legend{font-size:11px;fill:#1d2330}
.ideal{fill:none;stroke:#7a8294;stroke-width:1.5;stroke-dasharray:5 4}
.actual{fill:none;stroke:#1f5fbf;stroke-width:2.5}.actual-point{fill:#1f5fbf}
.bar{fill:#1f5fbf}.goal{stroke:#b3261e;stroke-width:2}.empty{fill:#7a8294}
ul{padding-left:1.2rem}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}
table,figure{break-inside:avoid}.charts{grid-template-columns:1fr 1fr}}
"""

_STATUS_WORDS = {
    "BEHIND", "MISSED", "BREACHED", "MET", "ON TRACK", "AHEAD", "NO DATA", "EN RETARD",
    "MANQUÉ", "NON TENU", "TENU", "DANS LES TEMPS", "EN AVANCE", "PAS DE DONNÉES",
}  # fmt: skip


def _cell(text: str, numeric: bool, tag: str = "td") -> str:
    classes = []
    if numeric:
        classes.append("num")
    if text in _STATUS_WORDS:
        classes.append("status-" + text.replace(" ", "-"))
    attribute = f' class="{" ".join(classes)}"' if classes else ""
    return f"<{tag}{attribute}>{xml_text(text)}</{tag}>"


def _section(section: Section) -> str:
    parts = [f'<section id="{section.key}"><h2>{xml_text(section.title)}</h2>']
    if section.lines:
        parts.append("<ul>" + "".join(f"<li>{xml_text(line)}</li>" for line in section.lines))
        parts.append("</ul>")
    for table in section.tables:
        head = "".join(_cell(h, n, "th") for h, n in zip(table.headers, table.numeric, strict=True))
        body = "".join(
            "<tr>" + "".join(_cell(c, n) for c, n in zip(row, table.numeric, strict=True)) + "</tr>"
            for row in table.rows
        )
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    parts.append("</section>")
    return "".join(parts)


def _figure(svg: str, caption: str, wide: bool = False) -> str:
    if not svg:
        return ""
    attribute = ' class="wide"' if wide else ""
    return f"<figure{attribute}>{svg}<figcaption>{xml_text(caption)}</figcaption></figure>"


def _report_charts(document: ReportDocument, words: Words) -> str:
    cur = document.currency
    figures = []
    pacing = document.pacing or document.value_pacing
    if pacing is not None:
        is_money = pacing is document.value_pacing

        def show(value: Decimal) -> str:
            return words.money(value, cur) if is_money else words.integer(value)

        figures.append(
            _figure(
                pacing_chart(
                    pacing.points,
                    title=words("chart_pacing"),
                    ideal_label=words("ideal"),
                    actual_label=words("actual"),
                    format_value=show,
                ),
                f"{words('chart_pacing')} · {words.status(pacing.status)}",
                wide=True,
            )
        )
    stages = [
        (stage.stage, Decimal(stage.entries), words.integer(stage.entries), None)
        for stage in document.stages
    ]
    figures.append(_figure(bar_chart(stages, title=words("chart_funnel")), words("chart_funnel")))
    attainment = [
        (
            part.source,
            Decimal(part.leads),
            f"{words.integer(part.leads)} / {words.integer(part.goal_leads)}",
            None if part.goal_leads is None else Decimal(part.goal_leads),
        )
        for part in document.sources_attainment
    ]
    if not attainment:
        attainment = [
            (source.source, Decimal(source.leads), words.integer(source.leads), None)
            for source in shown_sources(document, words, SHOWN)[0]
        ]
    figures.append(
        _figure(bar_chart(attainment, title=words("chart_sources")), words("chart_sources"))
    )
    values = [
        (part.source, part.value, words.money(part.value, cur), None)
        for part in document.sources_attainment
        if part.value is not None
    ]
    if values:
        figures.append(_figure(bar_chart(values, title=words("chart_value")), words("chart_value")))
    figures += _trend_charts(document, words)
    return '<div class="charts">' + "".join(figures) + "</div>"


def _trend_charts(document: ReportDocument, words: Words) -> list[str]:
    """The trend: leads against the goal, and revenue won, period by period."""
    points = document.trend
    if not points:
        return []
    cur = document.currency

    def value(number: Decimal | int | None) -> Decimal | None:
        return None if number is None else Decimal(number)

    leads = [
        (point.period, value(point.leads), words.integer(point.leads), value(point.goal_leads))
        for point in points
    ]
    revenue = [
        (point.period, point.won_revenue, words.money(point.won_revenue, cur), None)
        for point in points
    ]
    empty = words("no_data_yet")
    return [
        _figure(
            column_chart(leads, title=words("chart_trend_leads"), empty_label=empty),
            words("chart_trend_leads"),
        ),
        _figure(
            column_chart(revenue, title=words("chart_trend_revenue"), empty_label=empty),
            words("chart_trend_revenue"),
        ),
    ]


def _plan_charts(document: PlanDocument, words: Words) -> str:
    stages = [
        (stage.stage, Decimal(stage.needed), words.integer(stage.needed), None)
        for stage in document.stages
    ]
    return (
        '<div class="charts">'
        + _figure(bar_chart(stages, title=words("chart_funnel")), words("chart_funnel"))
        + "</div>"
    )


def render_html(document: Document, lang: str) -> str:
    """The document as one self-contained HTML page."""
    words = Words(lang)
    heading = title(document, words)
    if isinstance(document, PlanDocument):
        charts = _plan_charts(document, words)
        sections = plan_sections(document, words)
    else:
        charts = _report_charts(document, words)
        sections = report_sections(document, words, shown=None)
    body = "".join(_section(section) for section in sections)
    return (
        f'<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}">'
        f'<head><meta charset="utf-8"/><meta name="viewport" '
        f'content="width=device-width, initial-scale=1"/><title>{xml_text(heading)}</title>'
        f"<style>{_STYLE}</style></head><body><h1>{xml_text(heading)}</h1>{charts}{body}"
        "</body></html>\n"
    )
