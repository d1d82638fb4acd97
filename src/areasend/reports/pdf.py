"""The published report as a tagged PDF in WeasyPrint's PDF/UA variant."""

from __future__ import annotations

from django.template.loader import render_to_string

from areasend.reports import queries


def render(published) -> bytes:
    from weasyprint import HTML

    report = published.report
    inspection = report.inspection
    first = report.first_published
    html = render_to_string("reports/pdf.html", {
        "report": report, "inspection": inspection, "published": published, "first": first,
        "sections": queries.sections_of(published.version, inspection, first.published_on),
        "corrections": [p for p in report.published.order_by("number") if p.number > 1 and p.number <= published.number],
    })
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
