"""The committee documents as HTML for the PDF, from the templates in `web/templates/reports/`.

The documents are made outside any request too (`planlogg report`), so they
get a Jinja environment of their own, with the same filters the pages use for
measure text and Norwegian dates.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from domain.norwegian_time import ZONE_LABEL
from projections.report_model import Report
from web.templating import (
    SOURCE_LABELS,
    after_heading_html,
    heading_html,
    measure_html,
    norwegian_date,
    norwegian_time,
)

STYLESHEET = "reports/report.css"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("web", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        measure_html=measure_html,
        heading_html=heading_html,
        after_heading_html=after_heading_html,
        no_date=norwegian_date,
        no_time=norwegian_time,
        source_label=lambda s: SOURCE_LABELS.get(s or "", s),
    )
    env.globals["ZONE_LABEL"] = ZONE_LABEL
    return env


def report_html(report: Report) -> str:
    """The whole document as one HTML page with its print stylesheet inlined."""
    env = environment()
    stylesheet = env.loader.get_source(env, STYLESHEET)[0]  # type: ignore[union-attr]
    return env.get_template("reports/document.html").render(
        report=report, stylesheet=Markup(stylesheet)
    )
