"""Jinja filters and globals: measure, goal and area text as safe HTML, Norwegian dates and
times (Oslo time, labelled), labels."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from flask import Flask
from markupsafe import Markup, escape

from domain.dates import format_norwegian_date
from domain.measure_sheet import EVALUATION_HEADERS
from domain.norwegian_time import ZONE_LABEL, format_oslo_time, in_oslo
from domain.richtext import inline_html, split_heading, text_to_html
from domain.vocabulary import (
    PATIENT_GROUP_LABELS,
    TOPICS_6_2,
    EvaluationResult,
    PatientGroup,
    Recommendation,
)
from language import current
from language.catalogue import translations
from web.auth import can, current_caller
from web.roles import Permission

COLOUR_LABELS = {"green": "grønn", "yellow": "gul", "red": "rød"}
SOURCE_LABELS = {
    "sheet": "regneark",
    "web": "nett",
    "import": "import",
    "cli": "kommandolinje",
    "system": "system",
}
STAGE_LABELS = {
    "draft": "utkast",
    "hearing": "på høring",
    "submitted": "sendt til godkjenning",
    "adopted": "vedtatt",
    "published": "publisert",
}


def measure_html(text: str | None) -> Markup:
    """Measure text (light markup) as HTML; `text_to_html` escapes everything."""
    return Markup(text_to_html(text or ""))


def heading_html(text: str | None) -> Markup:
    """The heading words of a goal or area text (its first paragraph), inline markup only."""
    return Markup(inline_html(split_heading(text or "")[0]))


def after_heading_html(text: str | None) -> Markup:
    """What follows a goal's or area's heading words (paragraphs, lists), as safe HTML."""
    return Markup(text_to_html(split_heading(text or "")[1]))


def approval_case(approval: Mapping[str, Any]) -> str:
    """How an approval names its decision, the body said once.

    "ASU sak 12/22" names the body already; "sak 12/25" is shown as "ASU, sak 12/25".
    """
    body, case = str(approval.get("body", "")), str(approval.get("case", ""))
    if not body or case == body or case.startswith(body + " "):
        return case
    return f"{body}, {case}"


def norwegian_date(value: str | date | datetime | None) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        try:
            parsed: date = (
                datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
            )
        except ValueError:
            return value
        value = parsed
    day = in_oslo(value).date() if isinstance(value, datetime) else value
    return format_norwegian_date(day)


def norwegian_time(value: str | datetime | None) -> Markup:
    """A stored moment in Oslo time, machine-readable with its offset; pages say "norsk tid"."""
    if not value:
        return Markup("")
    local = in_oslo(value)
    return Markup(
        f'<time datetime="{escape(local.isoformat(timespec="seconds"))}">'
        f"{escape(format_oslo_time(local))}</time>"
    )


def patient_group_label(value: str) -> str:
    try:
        return PATIENT_GROUP_LABELS[PatientGroup(value)]
    except ValueError:
        return value


def evaluation_result_label(value: str) -> str:
    """oppnådd / delvis oppnådd / ikkje oppnådd, the words of the Møre og Romsdal model."""
    try:
        return EvaluationResult(value).label
    except ValueError:
        return value


def recommendation_label(value: str) -> str:
    """vidareføre / endre / avslutte."""
    try:
        return Recommendation(value).label
    except ValueError:
        return value


def evaluation_part_label(part: str) -> str:
    """A part of the evaluation plan as the sheet names it, without the column's prefix."""
    label = EVALUATION_HEADERS.get(part, part).removeprefix("Evaluering: ")
    return label[:1].upper() + label[1:]


def _catalogue_gettext(message: str) -> str:
    return translations(current()).gettext(message)


def _catalogue_ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        measure_html=measure_html,
        no_date=norwegian_date,
        no_time=norwegian_time,
        colour_label=lambda c: COLOUR_LABELS.get(c or "", "ikke rapportert"),
        source_label=lambda s: SOURCE_LABELS.get(s or "", s),
        patient_group=patient_group_label,
        topic_label=lambda t: TOPICS_6_2.get(int(t), str(t)),
        heading_html=heading_html,
        after_heading_html=after_heading_html,
        approval_case=approval_case,
        stage_label=lambda s: STAGE_LABELS.get(s or "", s),
        evaluation_result=evaluation_result_label,
        recommendation=recommendation_label,
        evaluation_part=evaluation_part_label,
    )
    app.jinja_env.globals.update(
        current_caller=current_caller,
        can=can,
        Permission=Permission,
        ZONE_LABEL=ZONE_LABEL,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # Templates write `{{ _("…") }}` and `{% trans %}`; the words come from the catalogue of
    # the målform the request speaks (`language.current()`), looked up when rendered.
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_catalogue_gettext, ngettext=_catalogue_ngettext, newstyle=True
    )
