"""The status dashboard of one plan, computed from the current-plan rows.

Bodies are counted by the body a reference resolves to in the community's
register (`domain.body_register`): "Fagråd pasient-samarbeid" typed before a
merge counts for "Fagråd for pasientsamarbeid", so no body is split or missed.
The measures are first given their bodies by id (`domain.reminders.as_registered`),
so the round's rules compare ids; people read the registered names.

The status picture (lights per area and body, the open round, the trend) is of the
version in force, which bodies report on; what the secretariat is still shaping (SMART
gaps, uncovered § 6-2 topics and patient groups) is of the working draft.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from domain.body_register import BodyRegister
from domain.measure import MeasureState, StatusReport
from domain.measure_fields import as_in_force
from domain.norwegian_time import in_oslo
from domain.numbering import number_sort_key
from domain.plan_state import RoundState, round_order
from domain.reminders import (
    Reminder,
    as_registered,
    due_step,
    has_reported,
    own_measures,
    reminded_at,
    standing,
    step_label,
    unasked,
    unreported_numbers,
)
from domain.vocabulary import Colour
from language import _
from projections.documents import (
    BodyProgress,
    ClosedRound,
    Dashboard,
    MeasureTrend,
    OpenRound,
    ReminderView,
    RoundColumn,
    SmartGap,
    StatusCounts,
    Uncovered,
)
from projections.plan_documents import measure_state
from projections.rows import Row

COLOURS = ("green", "yellow", "red")


def _count(name: str, measures: Sequence[MeasureState]) -> StatusCounts:
    colours = [m.status.colour if m.status else None for m in measures]
    return StatusCounts(
        name=name,
        green=colours.count(Colour.GREEN),
        yellow=colours.count(Colour.YELLOW),
        red=colours.count(Colour.RED),
        not_reported=sum(1 for c in colours if c not in COLOURS),
    )


def _reminder_view(reminder: Reminder) -> ReminderView:
    return ReminderView(
        step=reminder.step,
        step_label=step_label(reminder.step),
        status=reminder.status.value,
        status_label=reminder.status.label,
        attempt=reminder.attempt,
        recipients=reminder.recipients,
        taken=reminder.taken,
        put_off=dict(reminder.put_off),
        refused=dict(reminder.refused),
    )


def _progress(
    body: str,
    round_id: str,
    state: RoundState,
    measures: Sequence[MeasureState],
    register: BodyRegister,
    due: int | None,
    reminded: bool = True,
) -> BodyProgress:
    """`body` as the round names it; `measures` with their bodies by id. The reminders are
    those of every name the round gave the body (a body merged into it since included); none
    when not `reminded` (a closed round's: none goes out, none is tried again)."""
    key = register.key_of(body)
    own = own_measures(key, measures)
    reported = has_reported(key, round_id, measures)
    contacts = reminded_at(register, key)
    reminders = state.reminders if reminded else ()
    missing = unreported_numbers(key, round_id, measures)
    return BodyProgress(
        body=register.label(body),
        body_id=key,
        reported=reported,
        measures=len(own),
        measures_reported=len(own) - len(missing),
        missing=missing,
        reminders=tuple(
            _reminder_view(
                standing(r, reported=reported, due=due, schedule=state.schedule, contacts=contacts)
            )
            for r in sorted(reminders, key=lambda r: -r.step)
            if register.key_of(r.body) == key
        ),
    )


def _open_round(
    rounds: Sequence[Row], measures: Sequence[MeasureState], today: date, register: BodyRegister
) -> OpenRound | None:
    if not rounds:
        return None
    current = max(rounds, key=lambda r: r["opened_at"])
    state: RoundState = current["state"]
    round_id = current["round_id"]
    named = register.distinct(state.bodies)
    due = due_step(state.schedule, state.deadline, today)
    progress = tuple(_progress(b, round_id, state, measures, register, due) for b in named)
    return OpenRound(
        round_id=round_id,
        deadline=current["deadline"],
        days_left=(state.deadline - today).days,
        decision=current["decision"] or "",
        **_round_bodies(named, progress, register),
        schedule=state.schedule,
        progress=progress,
        unasked=unasked(state.bodies, measures, register),
    )


def _round_bodies(
    named: Sequence[str], progress: Sequence[BodyProgress], register: BodyRegister
) -> dict[str, tuple[str, ...]]:
    """A round's bodies and those that have not reported (`progress`, in the order of
    `named`), each by name and by id, as the open and a closed round give them."""
    missing = [b for b, p in zip(named, progress, strict=True) if not p.reported]
    return {
        "bodies": tuple(register.label(b) for b in named),
        "missing_bodies": tuple(register.label(b) for b in missing),
        "body_ids": tuple(register.key_of(b) for b in named),
        "missing_body_ids": tuple(register.key_of(b) for b in missing),
    }


def as_reported_in(
    round_id: str, measures: Sequence[MeasureState], reports: Iterable[Row]
) -> list[MeasureState]:
    """The measures with their report in round `round_id` as their status, for counting a
    round that is no longer the open one: a measure keeps only its latest report, which a
    report made since (in a later round, or outside any once the round closed) has replaced;
    the light the round kept of it (`round_reports`: colour and day) stands in for it then.
    A measure with no report in the round has no status."""
    lights = {r["measure_id"]: r for r in reports if r["round_id"] == round_id}
    found = []
    for measure in measures:
        status = measure.status
        if status is None or status.round_id != round_id:
            light = lights.get(measure.id)
            status = None if light is None else _light_as_status(round_id, light)
        found.append(replace(measure, status=status))
    return found


def _light_as_status(round_id: str, light: Row) -> StatusReport:
    return StatusReport(
        colour=Colour(light["colour"]),
        comment="",
        reporter="",
        reported_on=date.fromisoformat(light["reported_on"]),
        round_id=round_id,
    )


def closed_round(
    row: Row, measures: Sequence[MeasureState], reports: Iterable[Row], register: BodyRegister
) -> ClosedRound:
    """A closed round (its `rounds` row) as it ended, counted as the open round is
    (`_progress`), on `measures` (with their bodies by id) given their reports in it."""
    state: RoundState = row["state"]
    round_id = row["round_id"]
    in_round = as_reported_in(round_id, measures, reports)
    named = register.distinct(state.bodies)
    progress = tuple(
        _progress(b, round_id, state, in_round, register, None, reminded=False) for b in named
    )
    closed_at = row.get("closed_at")
    return ClosedRound(
        round_id=round_id,
        deadline=row["deadline"],
        closed_on=in_oslo(closed_at).date().isoformat() if closed_at else "",
        decision=row["decision"] or "",
        **_round_bodies(named, progress, register),
        progress=progress,
    )


def ended_round(
    row: Row, measures: Iterable[Row], reports: Iterable[Row], register: BodyRegister
) -> ClosedRound:
    """A closed round (its `rounds` row) as it ended, on the measures bodies report on (as
    current-plan rows), as the dashboard counts them."""
    return closed_round(
        row, as_registered(reported_measures(measures), register), reports, register
    )


def _last_closed(
    rounds: Sequence[Row],
    measures: Sequence[MeasureState],
    reports: Sequence[Row],
    register: BodyRegister,
) -> ClosedRound | None:
    """While no round is open, the round closed last: the last opened (R1, R2 … as
    `Plan.shown_round` reads them), for one round is open at a time."""
    if not rounds or any(not r["closed"] for r in rounds):
        return None
    last = max(rounds, key=lambda r: round_order(r["round_id"]))
    return closed_round(last, measures, reports, register)


def _trend(
    rounds: Sequence[Row], reports: Sequence[Row], measures: Sequence[MeasureState]
) -> tuple[tuple[RoundColumn, ...], tuple[MeasureTrend, ...]]:
    """Each reported measure's light per round, rounds in the order they were opened."""
    ordered = sorted(rounds, key=lambda r: r["opened_at"])
    columns = tuple(RoundColumn(r["round_id"], r["deadline"]) for r in ordered)
    lights = {(r["round_id"], r["measure_id"]): r["colour"] for r in reports}
    trend = []
    for measure in measures:
        colours = tuple(lights.get((c.round_id, measure.id)) for c in columns)
        if any(colours):
            trend.append(MeasureTrend(measure.number, measure.text, colours))
    return columns, tuple(trend)


def reported_on(measures: Iterable[Row]) -> list[MeasureState]:
    """The measures of the version in force as bodies report on them (`as_in_force`), from
    the current-plan rows; none before a version is adopted (then the draft is reported on,
    as `Plan.reporting_measures` has it: an adopted version always has a measure)."""
    return [
        as_in_force(m["in_force"], measure_state(m)) for m in measures if m["in_force"] is not None
    ]


def _by_number(measures: Iterable[MeasureState]) -> list[MeasureState]:
    return sorted(measures, key=lambda m: number_sort_key(m.number))


def _by_body(
    measures: Sequence[MeasureState], bodies: Sequence[str], register: BodyRegister
) -> tuple[Any, ...]:
    """The counts per responsible body, and for the measures with none under «Uten ansvarlig
    organ» (as the annual report lists their reports): every measure counted per area is in
    a row here too."""
    rows = [_count(register.label(b), [m for m in measures if b in m.responsible]) for b in bodies]
    nobodys = [m for m in measures if not m.responsible]
    if nobodys:
        rows.append(_count(_("Uten ansvarlig organ"), nobodys))
    return tuple(rows)


def reported_measures(measures: Iterable[Row]) -> list[MeasureState]:
    """The measures bodies report on, in number order: the version in force's, before the
    first adoption the draft's (not removed)."""
    rows = list(measures)
    return _by_number(reported_on(rows)) or _by_number(
        measure_state(m) for m in rows if not m["removed"]
    )


def build_dashboard(
    key: str,
    today: date,
    areas: Sequence[Row],
    measures: Sequence[Row],
    rounds: Sequence[Row],
    topics: Mapping[int, str],
    groups: Mapping[str, str],
    register: BodyRegister,
    round_reports: Sequence[Row] = (),
) -> Dashboard:
    active = _by_number(measure_state(m) for m in measures if not m["removed"])
    reporting = reported_measures(measures)
    shown_areas = {m.area for m in reporting}
    live_areas = sorted(
        (a for a in areas if not a["removed"] or a["number"] in shown_areas),
        key=lambda a: int(a["number"]),
    )
    registered = as_registered(reporting, register)
    bodies = sorted({b for m in registered for b in m.responsible}, key=register.label)
    covered_topics = {t for m in active for t in m.topics}
    covered_groups = {g.value for m in active for g in m.patient_groups}
    columns, trend = _trend(rounds, round_reports, reporting)
    last_closed = _last_closed(rounds, registered, round_reports, register)
    return Dashboard(
        plan=key,
        today=today.isoformat(),
        by_area=tuple(
            _count(f"{a['number']} {a['title']}", [m for m in reporting if m.area == a["number"]])
            for a in live_areas
        ),
        by_body=_by_body(registered, bodies, register),
        open_round=_open_round([r for r in rounds if not r["closed"]], registered, today, register),
        not_smart=tuple(SmartGap(m.number, gaps) for m in active if (gaps := m.smart_gaps())),
        topics_without_measures=tuple(
            Uncovered(str(n), label)
            for n, label in sorted(topics.items())
            if n not in covered_topics
        ),
        groups_without_measures=tuple(
            Uncovered(code, label) for code, label in groups.items() if code not in covered_groups
        ),
        rounds=columns,
        trend=trend,
        closed_round=last_closed,
    )
