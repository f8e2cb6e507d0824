"""Jinja filters and globals: measure text as safe HTML, Norwegian dates, labels."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from markupsafe import Markup

from domain.dates import format_norwegian_date
from domain.richtext import text_to_html
from domain.vocabulary import PATIENT_GROUP_LABELS, TOPICS_6_2, PatientGroup
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


def measure_html(text: str | None) -> Markup:
    """Measure text (light markup) as HTML; `text_to_html` escapes everything."""
    return Markup(text_to_html(text or ""))


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
    day = value.date() if isinstance(value, datetime) else value
    return format_norwegian_date(day)


def norwegian_time(value: str | datetime | None) -> str:
    if not value:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return f"{format_norwegian_date(moment.date())} {moment:%H:%M}"


def patient_group_label(value: str) -> str:
    try:
        return PATIENT_GROUP_LABELS[PatientGroup(value)]
    except ValueError:
        return value


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        measure_html=measure_html,
        no_date=norwegian_date,
        no_time=norwegian_time,
        colour_label=lambda c: COLOUR_LABELS.get(c or "", "ikke rapportert"),
        source_label=lambda s: SOURCE_LABELS.get(s or "", s),
        patient_group=patient_group_label,
        topic_label=lambda t: TOPICS_6_2.get(int(t), str(t)),
    )
    app.jinja_env.globals.update(
        current_caller=current_caller,
        can=can,
        Permission=Permission,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
