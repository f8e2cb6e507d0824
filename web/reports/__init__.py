"""Committee documents as files: the report model (`projections.report_model`) as PDF or Word.

    data = render(report, "pdf")          # or "docx"
    filename(report, "pdf")               # "st-olavs-2022-2024-arsrapport-2024.pdf"

The PDF is laid out by WeasyPrint from the HTML templates in
`web/templates/reports/`; the Word file is built with python-docx, with real
headings and tables so it can be edited and pasted into a case system.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.errors import ValidationError
from domain.text import excerpt
from language import _
from projections.report_model import Report
from web.reports.pdf import pdf_bytes
from web.reports.word import word_bytes

FORMATS: dict[str, tuple[Callable[[Report], bytes], str]] = {
    "pdf": (pdf_bytes, "application/pdf"),
    "docx": (
        word_bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}
"""Each file format: how it is made, and its media type."""


def check_format(name: str) -> str:
    """A format Planlogg can write, or a Norwegian error naming the ones it can."""
    wanted = name.strip().lower()
    if wanted not in FORMATS:
        raise ValidationError(
            _('Ukjent format "%(name)s". Velg pdf eller docx.', name=excerpt(name))
        )
    return wanted


def render(report: Report, format_name: str) -> bytes:
    make = FORMATS[check_format(format_name)][0]
    return make(report)


def media_type(format_name: str) -> str:
    return FORMATS[check_format(format_name)][1]


def filename(report: Report, format_name: str) -> str:
    return f"{report.file_stem}.{check_format(format_name)}"
