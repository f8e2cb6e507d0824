"""The read models on SQLite and PostgreSQL: current plan, history, versions, as-of, dashboard."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.application import Planlogg
from domain.errors import NotFoundError, ValidationError
from domain.measure import MeasureState
from projections import AuditQuery, ReadModels
from projections.read_models import OSLO
from tests.projections import plans
from tests.projections.plans import KEY


def test_the_current_plan_matches_the_aggregate(app: Planlogg, models: ReadModels) -> None:
    plans.history_plan(app)
    plan = app.get_plan(KEY)
    models.catch_up()
    document = models.current_plan(KEY)
    assert document is not None
    assert (document.stage, document.version, document.adopted_version) == ("adopted", 2, 2)
    assert {m.id for m in document.measures()} == {m.id for m in plan.active_measures()}
    for measure in plan.active_measures():
        shown = document.measure(measure.id)
        assert shown is not None
        assert (shown.number, shown.text, shown.responsible, shown.revision) == (
            measure.number,
            measure.text,
            measure.responsible,
            measure.revision,
        )
        assert shown.marks == measure.marks
        assert MeasureState(**{f.name: getattr(shown, f.name) for f in fields(MeasureState)}) == (
            measure
        )
    reworded = document.measure("2.1.1")
    assert reworded is not None and reworded.last_change is not None
    assert (reworded.last_change.by, reworded.last_change.source) == ("Ola i arket", "sheet")
    assert [p.key for p in models.plans()] == [KEY]


def test_an_auditor_finds_who_changed_the_responsible_body_and_why(
    app: Planlogg, models: ReadModels
) -> None:
    plans.history_plan(app)
    models.catch_up()
    page = models.history(AuditQuery(plan=KEY, measure="1.2.1", field="responsible"))
    change = page.rows[-1]
    assert (change.before, change.after) == (
        "Fagråd for pasientsamarbeid",
        "Fagråd for legesamarbeid",
    )
    assert (change.actor, change.source, change.decision, change.reason) == (
        "Kari Nordmann",
        "web",
        "ASU sak 07/25",
        "Retta ansvar",
    )
    assert change.measure_id == "T002" and change.area == "1" and change.goal == "1.2"


def test_history_filters_page_and_export(app: Planlogg, models: ReadModels) -> None:
    plans.history_plan(app)
    models.catch_up()
    everything = models.history(AuditQuery(plan=KEY, limit=None))
    assert everything.total == len(everything.rows) == 43
    positions = [(r.position, r.event_id) for r in everything.rows]
    assert positions == sorted(positions)
    first, second = (models.history(AuditQuery(plan=KEY, offset=o, limit=5)) for o in (0, 5))
    assert first.total == everything.total
    assert first.rows + second.rows == everything.rows[:10]
    by_sheet = models.history(AuditQuery(plan=KEY, source="sheet", limit=None)).rows
    assert {r.actor for r in by_sheet} == {"Ola i arket"}
    assert {r.field for r in by_sheet} == {"text"}
    assert models.history(AuditQuery(actor="Kari Nordmann")).total == 1
    assert models.history(AuditQuery(plan=KEY, since=date(2999, 1, 1))).total == 0
    assert models.history(AuditQuery(plan=KEY, until=date(2000, 1, 1))).total == 0
    assert models.history(AuditQuery(plan=KEY, since=date.today())).total == everything.total
    exported = json.loads(models.history_json(AuditQuery(plan=KEY, measure="T004", limit=2)))
    assert [r["measure_id"] for r in exported] == ["T004"] * len(exported)
    assert {r["field"] for r in exported} >= {"text", "removed"}
    csv_lines = models.history_csv(AuditQuery(plan=KEY, field="removed")).splitlines()
    assert csv_lines[0].startswith("Posisjon,Hendelses-ID,Tid (norsk tid),Person,Kilde")
    assert len(csv_lines) == 2 and ",nei,ja," in csv_lines[1]


def test_history_pages_after_next_walk_the_filtered_log_once(
    app: Planlogg, models: ReadModels
) -> None:
    plans.history_plan(app)
    models.catch_up()
    everything = models.history(AuditQuery(plan=KEY, limit=None))
    assert everything.next is None
    walked: list[tuple[int, str, str]] = []
    cursor, pages = None, 0
    while True:
        page = models.history(AuditQuery(plan=KEY, limit=4, after=cursor))
        assert page.total == everything.total
        walked.extend((r.position, r.event_id, r.field) for r in page.rows)
        pages += 1
        if page.next is None:
            break
        assert len(page.rows) == 4
        cursor = page.next
    assert walked == [(r.position, r.event_id, r.field) for r in everything.rows]
    assert pages == -(-everything.total // 4)
    one_event = [r for r in everything.rows if r.position == everything.rows[0].position]
    assert len(one_event) == 3, "the first event changes three fields"
    split = models.history(AuditQuery(plan=KEY, limit=1))
    assert split.next == f"{one_event[0].position}.1"
    after_split = models.history(AuditQuery(plan=KEY, limit=1, after=split.next))
    assert after_split.rows == everything.rows[1:2]
    counted = models.history(AuditQuery(plan=KEY, limit=0))
    assert (counted.rows, counted.total, counted.next) == ((), everything.total, None)


def test_a_history_cursor_that_was_not_given_out_is_refused(models: ReadModels) -> None:
    with pytest.raises(ValidationError, match="Ugyldig sidemerke '12;1'"):
        models.history(AuditQuery(after="12;1"))


def test_adopted_versions_are_frozen_with_their_approvals(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    plans.revise(app)
    draft_text = "Innføre meldingsløft i alle kommunar"
    models.catch_up()
    in_force = models.version_in_force(KEY)
    assert in_force is not None and in_force.version == 1
    assert in_force.measure("2.1.1").text == "Innføre meldingsløft"  # type: ignore[union-attr]
    assert draft_text not in json.dumps(in_force.to_dict(), ensure_ascii=False)
    plans.adopt(app, ("ASU",), date(2025, 6, 12), 9)
    models.catch_up()
    versions = models.adopted_versions(KEY)
    assert [v.version for v in versions] == [1, 2]
    assert [(a.body, a.case, a.meeting_date) for a in versions[0].approvals] == [
        ("ASU", "ASU sak 01/25", "2025-01-15"),
        ("PSU", "PSU sak 01/25", "2025-01-15"),
    ]
    for summary in versions:
        frozen = models.adopted_version(KEY, summary.version)
        assert frozen is not None
        assert (summary.approvals, summary.adopted_at) == (frozen.approvals, frozen.adopted_at)
    first = models.adopted_version(KEY, 1)
    assert first is not None and first.measure("2.1.2") is not None
    assert models.version_in_force(KEY, date(2025, 3, 1)).version == 1  # type: ignore[union-attr]
    assert models.version_in_force(KEY, date(2025, 6, 12)).version == 2  # type: ignore[union-attr]
    assert models.version_in_force(KEY, date(2024, 12, 31)) is None
    assert models.adopted_version(KEY, 3) is None


def test_a_version_adopted_at_a_meeting_still_to_come_is_not_in_force_before_it(
    app: Planlogg, models: ReadModels
) -> None:
    """Approvals recorded ahead of the meeting (or its date typed a year on) adopt the version
    from that day: the public sees the version in force today until then."""
    plans.draft(app)
    plans.adopt(app, ("ASU",), date(2025, 1, 15), 1)
    plans.revise(app)
    meeting = datetime.now(OSLO).date() + timedelta(days=1)
    plans.adopt(app, ("ASU",), meeting, 9)
    models.catch_up()
    assert [(v.version, v.in_force_from) for v in models.adopted_versions(KEY)] == [
        (1, "2025-01-15"),
        (2, meeting.isoformat()),
    ]
    in_force = models.version_in_force(KEY)
    assert in_force is not None and in_force.version == 1
    assert [(p["key"], p["version"]) for p in models.public_plans()] == [(KEY, 1)]
    on_the_day = models.version_in_force(KEY, meeting)
    assert on_the_day is not None and on_the_day.version == 2


@pytest.mark.parametrize("version", [0, -1, 2**31, 10**20])
def test_a_version_no_plan_can_have_is_not_found_without_asking_the_database(
    app: Planlogg, models: ReadModels, version: int
) -> None:
    plans.draft(app)
    plans.adopt(app, ("ASU",), date(2025, 1, 15), 1)
    models.catch_up()
    assert models.adopted_version(KEY, version) is None
    with pytest.raises(NotFoundError) as refused:
        models.adopted_plan_report(KEY, version, date(2025, 2, 1))
    assert refused.value.message == f"Fant ikke versjon {version} av planen {KEY}."


def test_the_diff_between_two_adopted_versions(app: Planlogg, models: ReadModels) -> None:
    plans.history_plan(app)
    models.catch_up()
    diff = models.diff_versions(KEY, 1, 2)
    assert [m.number for m in diff.added] == ["1.1.2"]
    assert [m.number for m in diff.removed] == ["2.1.2"]
    assert {(c.number, c.field) for c in diff.changed} == {
        ("1.2.1", "responsible"),
        ("2.1.1", "text"),
    }
    with pytest.raises(ValidationError, match="Versjon 5 av hf-2025 er ikke vedtatt"):
        models.diff_versions(KEY, 1, 5)


def test_the_plan_as_it_stood_before_the_revision(app: Planlogg, models: ReadModels) -> None:
    plans.draft(app)
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    before_revision = datetime.now(UTC)
    plans.revise(app)
    models.catch_up()
    then = models.plan_as_of(KEY, before_revision)
    assert then is not None and then.kind == "as_of"
    assert then.stage == "adopted"
    assert then.measure("1.2.1").responsible == ("Fagråd for pasientsamarbeid",)  # type: ignore[union-attr]
    assert then.measure("2.1.2") is not None and then.measure("1.1.2") is None
    now = models.plan_as_of(KEY, datetime.now(UTC))
    current = models.current_plan(KEY)
    assert now is not None and current is not None
    assert replace(now, kind="current", as_of=None) == current
    assert models.plan_as_of(KEY, date(2000, 1, 1)) is None


def test_the_dashboard(app: Planlogg, models: ReadModels) -> None:
    plans.draft(app)
    app.tag_measure(KEY, "1.1.1", ["barn_og_unge"], [1, 13], plans.SECRETARIAT)
    app.set_smart_criteria(
        KEY, "1.1.1", plans.SECRETARIAT, indicator="Tal kartlagde", deadline=date(2025, 12, 1)
    )
    app.open_reporting_round(
        KEY,
        date(2025, 9, 11),
        ["ASU", "Fagråd for digital samhandling"],
        replace(plans.SECRETARIAT, decision="ASU sak 40/25"),
    )
    app.report_status(KEY, "1.1.1", "grønn", "I rute", plans.SECRETARIAT, body="ASU")
    app.report_status(KEY, "1.2.1", "raud", "Ikkje starta", plans.SECRETARIAT)
    models.catch_up()
    board = models.dashboard(KEY, date(2025, 9, 1))
    by_area = {c.name.split()[0]: c for c in board.by_area}
    assert (by_area["1"].green, by_area["1"].red, by_area["1"].not_reported) == (1, 1, 0)
    assert (by_area["2"].not_reported, by_area["2"].green) == (2, 0)
    by_body = {c.name: c for c in board.by_body}
    assert by_body["ASU"].green == 1
    assert board.open_round is not None
    assert board.open_round.days_left == 10
    assert board.open_round.missing_bodies == ("Fagråd for digital samhandling",)
    assert models.dashboard(KEY, date(2025, 9, 14)).open_round.days_left == -3  # type: ignore[union-attr]
    gaps = {g.number: g.gaps for g in board.not_smart}
    assert gaps == {
        "1.2.1": ("målbart", "tidsbestemt"),
        "2.1.1": ("målbart", "tidsbestemt"),
        "2.1.2": ("ansvar", "målbart", "tidsbestemt"),
    }
    assert [t.code for t in board.topics_without_measures] == [str(n) for n in range(2, 13)]
    assert [g.code for g in board.groups_without_measures] == [
        "psykisk_rus",
        "skropelege_eldre",
        "kroniske",
    ]


def test_every_object_is_json_ready(app: Planlogg, models: ReadModels) -> None:
    plans.history_plan(app)
    models.catch_up()
    for value in (
        models.plans()[0],
        models.current_plan(KEY),
        models.history(AuditQuery(plan=KEY)),
        models.adopted_versions(KEY)[0],
        models.diff_versions(KEY, 1, 2),
        models.dashboard(KEY, date(2025, 9, 1)),
        models.chain_head(),
        models.verify_chain(),
    ):
        document = value.to_dict()  # type: ignore[union-attr]
        assert document and json.loads(json.dumps(document)) == document


def test_the_read_models_tables_are_created_under_the_schema_lock_on_postgresql(
    postgres_url: str, tables_created: list[tuple[str, bool]]
) -> None:
    """Web workers and a sync process open the read models at once on a new schema too."""
    app = Planlogg.from_url(postgres_url)
    tables_created.clear()
    try:
        ReadModels.open(app)
    finally:
        app.close()
    assert tables_created == [("planlogg_views_tracking", True), ("views", True)]
