"""The committee documents as PDF, laid out by WeasyPrint with Debian's fonts.

WeasyPrint needs Pango at run time (Debian's libpango-1.0-0 and
libpangoft2-1.0-0, which `tests/run` installs); it is imported when a PDF is
made, so the rest of Planlogg starts without it.
"""

from __future__ import annotations

from projections.report_model import Report
from web.reports.html import report_html


def pdf_bytes(report: Report) -> bytes:
    from weasyprint import HTML

    document = HTML(string=report_html(report)).render()
    data: bytes = document.write_pdf()
    return data
