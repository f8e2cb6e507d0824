"""The committee documents as PDF, laid out by WeasyPrint with Debian's fonts.

WeasyPrint needs Pango at run time (Debian's libpango-1.0-0 and
libpangoft2-1.0-0, which `tests/run` installs); it is imported when a PDF is
made, so the rest of Planlogg starts without it.

The PDF is tagged as PDF/UA-1 (headings, tables and reading order in its
structure tree, the language set to Norwegian): a document a public body
publishes falls under the rules on universal design, and a screen reader
reads a tagged PDF as it reads the page.
"""

from __future__ import annotations

from domain.errors import PlanloggError
from language import _
from projections.report_model import Report
from web.reports.html import report_html


class PdfUnavailable(PlanloggError):
    """This machine lacks what WeasyPrint needs to lay out a PDF (Pango)."""


def pdf_bytes(report: Report) -> bytes:
    try:
        from weasyprint import HTML
    except (OSError, ImportError) as missing:
        raise PdfUnavailable(
            _(
                "PDF kan ikke lages på denne maskinen: WeasyPrint mangler Pango "
                "(Debian-pakkene libpango-1.0-0 og libpangoft2-1.0-0). Word-utgaven "
                "(--format docx) går uten."
            )
        ) from missing
    data: bytes = HTML(string=report_html(report)).write_pdf(pdf_variant="pdf/ua-1")
    return data
