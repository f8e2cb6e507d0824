"""The committee documents as HTML for the PDF, from the templates in `web/templates/reports/`.

The documents are made outside any request too (`planlogg report`), so they
get a Jinja environment of their own, with the same filters the pages use for
measure text and Norwegian dates, and the catalogue's words (`{{ _("…") }}`) in the
målform spoken while the document is made.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from domain.norwegian_time import ZONE_LABEL
from language import current
from language.catalogue import translations
from projections.report_model import Report
from web.reports.pages import page_number_css
from web.templating import (
    after_heading_html,
    heading_html,
    isolated,
    measure_html,
    norwegian_date,
    norwegian_time,
)

STYLESHEET = "reports/report.css"
ROW_KEPT_WHOLE = 1200
"""The most characters a table row is kept on one page with: as many as the narrowest column
(Kommentar, 36 mm) holds on a page. A longer row may run on over a
page break (`tr.breakable`): one kept whole that was taller than a page was moved past its
heading, leaving that page empty, and lost its table's header row on the pages it was broken
over after all."""


def breakable(*texts: str) -> bool:
    """Whether a row holding `texts` is long enough to run on over a page break."""
    return sum(len(text) for text in texts) > ROW_KEPT_WHOLE


def kept_lines(text: object) -> Markup:
    """People's text of several lines (a decision, a status comment, an evaluation) with its
    lines kept: escaped, each line ended by `<br>`.

    HTML runs the lines of a text together, so "ASU vedtek:\nA. Planen.\nB. Runden." printed
    as one line in the PDF, while the Word document gives each line a paragraph. Text already
    made safe (`bdi`'s `<bdi>`) is kept as it is."""
    return Markup("<br>\n").join(escape(text).splitlines())


def _gettext(message: str) -> str:
    return translations(current()).gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("web", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_gettext, ngettext=_ngettext, newstyle=True
    )
    env.filters.update(
        measure_html=measure_html,
        heading_html=heading_html,
        after_heading_html=after_heading_html,
        bdi=isolated,
        lines=kept_lines,
        no_date=norwegian_date,
        no_time=norwegian_time,
    )
    env.globals.update(ZONE_LABEL=ZONE_LABEL, breakable=breakable)
    return env


def report_html(report: Report) -> str:
    """The whole document as one HTML page with its print stylesheet inlined."""
    env = environment()
    stylesheet = env.loader.get_source(env, STYLESHEET)[0]  # type: ignore[union-attr]
    return env.get_template("reports/document.html").render(
        report=report,
        stylesheet=Markup(stylesheet),
        language=current(),
        page_numbers=Markup(page_number_css()),
    )
