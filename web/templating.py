"""Jinja filters and globals: measure, goal and area text as safe HTML, Norwegian dates and
times (Oslo time, labelled), labels.

Labels are declared in bokmål with `N_` and translated by the filters when a page is
rendered, so they speak the request's målform (`web.language`); codes (`yellow`,
`adopted`) never reach the page."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from flask import Flask, request
from markupsafe import Markup, escape

from domain.dates import format_norwegian_date, period_words
from domain.measure_sheet import EVALUATION_LABELS
from domain.norwegian_time import ZONE_LABEL, format_oslo_time, in_oslo
from domain.richtext import inline_html, split_heading, text_to_html
from domain.vocabulary import (
    NOT_REPORTED,
    PATIENT_GROUP_LABELS,
    TOPICS_6_2,
    EvaluationResult,
    PatientGroup,
    Recommendation,
    colour_word,
    source_word,
    stage_word,
)
from language import _, current
from language.catalogue import translations
from web.auth import can, current_caller, reached_plans
from web.filter_labels import filter_label
from web.marked_changes import marked_change
from web.roles import Permission


def said(word: str | None) -> str:
    """A word another part of Planlogg declared (`N_`), in the målform spoken."""
    return _(word) if word else ""


def measure_html(text: str | None) -> Markup:
    """Measure text (light markup) as HTML; `text_to_html` escapes everything."""
    return Markup(text_to_html(text or ""))


def heading_html(text: str | None) -> Markup:
    """The heading words of a goal or area text (its first paragraph), inline markup only."""
    return Markup(inline_html(split_heading(text or "")[0]))


def after_heading_html(text: str | None) -> Markup:
    """What follows a goal's or area's heading words (paragraphs, lists), as safe HTML."""
    return Markup(text_to_html(split_heading(text or "")[1]))


DIRECTION_CHANGING = frozenset(
    {"R", "AL", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}
)
"""Bidirectional classes that can move the text around them: right-to-left letters and the
explicit embeddings, overrides and isolates (`unicodedata.bidirectional`)."""


def isolated(text: object) -> Markup | str:
    """People's text set among Planlogg's words, its direction kept to itself (`<bdi>`) when it
    has any that could leak: a right-to-left override (U+202E) in a body's name turned the
    words after it around too ("USA ,USP" for "ASU, PSU"). Other text is left as it is."""
    words = str(text)
    if any(unicodedata.bidirectional(char) in DIRECTION_CHANGING for char in words):
        return Markup("<bdi>{}</bdi>").format(words)
    return words


def audit_menu() -> dict[str, Any] | None:
    """The auditors' menu for this caller, or None when they may not audit: for one reaching
    every community the pages of every plan; for one limited to some communities, whose
    reads of every plan are refused (`web.auth.SPANNING_READS`), the history and decisions of
    this page's plan when they reach it, else of their first plan, and no chain check (it
    covers every community's events)."""
    caller = current_caller()
    if caller is None or not caller.can(Permission.AUDIT):
        return None
    if not caller.communities:
        return {"plan": None, "verify": True}
    keys = [plan["key"] for plan in reached_plans(caller)]
    if not keys:
        return None
    here = (request.view_args or {}).get("key") or request.args.get("plan")
    return {"plan": here if here in keys else keys[0], "verify": False}


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
        return said(PATIENT_GROUP_LABELS[PatientGroup(value)])
    except ValueError:
        return value


def topic_label(value: int | str) -> str:
    """A § 6-2 topic by its number, in the målform spoken."""
    try:
        return said(TOPICS_6_2[int(value)])
    except (KeyError, ValueError):
        return str(value)


def evaluation_result_label(value: str) -> str:
    """oppnådd / delvis oppnådd / ikke oppnådd, the words of the Møre og Romsdal model."""
    try:
        return said(EvaluationResult(value).label)
    except ValueError:
        return value


def recommendation_label(value: str) -> str:
    """videreføre / endre / avslutte."""
    try:
        return said(Recommendation(value).label)
    except ValueError:
        return value


def evaluation_part_label(part: str) -> str:
    """A part of the evaluation plan: Målsetting, Metoder, … (its code when unknown)."""
    found = EVALUATION_LABELS.get(part)
    return _(found) if found else part


def _catalogue_gettext(message: str) -> str:
    return translations(current()).gettext(message)


def _catalogue_ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        measure_html=measure_html,
        no_date=norwegian_date,
        no_time=norwegian_time,
        colour_label=colour_word,
        source_label=source_word,
        patient_group=patient_group_label,
        topic_label=topic_label,
        said=said,
        heading_html=heading_html,
        after_heading_html=after_heading_html,
        approval_case=approval_case,
        bdi=isolated,
        stage_label=stage_word,
        evaluation_result=evaluation_result_label,
        recommendation=recommendation_label,
        evaluation_part=evaluation_part_label,
    )
    app.jinja_env.globals.update(
        current_caller=current_caller,
        can=can,
        audit_menu=audit_menu,
        Permission=Permission,
        ZONE_LABEL=ZONE_LABEL,
        filter_label=filter_label,
        marked_change=marked_change,
        zone_label=lambda: said(ZONE_LABEL),
        not_reported=lambda: _(NOT_REPORTED),
        period_words=period_words,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # Templates write `{{ _("…") }}` and `{% trans %}`; the words come from the catalogue of
    # the målform the request speaks (`language.current()`), looked up when rendered.
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_catalogue_gettext, ngettext=_catalogue_ngettext, newstyle=True
    )
