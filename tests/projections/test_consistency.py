"""Exactly once, crash-consistent, rebuildable: the read models and their tracking position."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from eventsourcing.domain import Aggregate, event

import projections.store
from domain.application import Planlogg
from domain.people import Role
from domain.plan import Plan
from domain.reminders import ReminderAnswers
from projections import AuditQuery, ReadModels
from projections.handlers import HANDLERS, PLAN_HANDLERS
from projections.report_model import StatusSection
from projections.rows import SCHEMA_VERSION
from sync.link import SheetLink
from tests.projections import plans
from tests.projections.plans import KARI, KEY, SECRETARIAT, SHEET
from tests.projections.tamper import EventTable


def test_a_rebuilt_read_model_equals_the_incrementally_built_one(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    models.catch_up()
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    models.catch_up()
    plans.revise(app)
    models.catch_up()
    incremental = models.dump_tables()
    assert models.lag() == 0
    done: list[tuple[int, int]] = []
    events = app.recorder.max_notification_id()
    assert models.rebuild(progress=lambda n, total: done.append((n, total))) == events
    assert done[-1] == (events, events)
    assert models.dump_tables() == incremental


NEVER_RECORDED = {"HealthCommunity.BodyAdded"}
"""Handled event types no command records any more (older stores hold them)."""


def every_event_type(app: Planlogg, step: Callable[[], object]) -> None:
    """A history with an event of every type the read models handle, `step` between parts."""
    app.register_community("hf", "Helsefellesskapet", SECRETARIAT)
    app.add_body("hf", "Administrativt samarbeidsutval", "strategisk", SECRETARIAT,
                 short_name="ASU")  # fmt: skip
    app.add_body("hf", "PSU", "partnerskapsmote", SECRETARIAT)
    app.add_body("hf", "Fagråd for pasientsamarbeid", "fagleg", SECRETARIAT)
    app.add_body("hf", "Fagråd pasient-samarbeid", "fagleg", SECRETARIAT)
    app.set_body_contacts("hf", "ASU", ["asu@hf.example"], [], SECRETARIAT)
    plans.draft(app)
    step()
    app.merge_bodies("hf", ["Fagråd pasient-samarbeid"], "Fagråd for pasientsamarbeid", SECRETARIAT)
    app.send_on_hearing(
        KEY, date(2025, 2, 1), SECRETARIAT, asked=["Trondheim kommune"], sent_on=date(2025, 1, 6)
    )
    response = app.receive_hearing_response(
        KEY, "Trondheim kommune", "Nemn fastlegane.", SECRETARIAT,
        received_on=date(2025, 1, 20), attachments=["trondheim.pdf"],
    )  # fmt: skip
    step()
    app.extend_hearing_deadline(KEY, date(2025, 2, 15), SECRETARIAT, seen=date(2025, 2, 1))
    app.correct_hearing_sent_date(KEY, date(2025, 1, 3), SECRETARIAT, seen=date(2025, 1, 6))
    twice = app.receive_hearing_response(KEY, "Trondheim kommune", "Nemn fastlegane.",
                                         SECRETARIAT, received_on=date(2025, 1, 20))  # fmt: skip
    app.withdraw_hearing_response(KEY, twice, "Registrert to gonger.", SECRETARIAT)
    app.answer_hearing_response(KEY, response, "Teke til følgje.", SECRETARIAT)
    app.answer_hearing_response(KEY, response, "Teke til følgje i 1.1.1.", SECRETARIAT,
                                replace=True)  # fmt: skip
    app.reword_measure(KEY, "1.1.1", "Kartlegge behov etter høyringa", SECRETARIAT)
    app.move_measure(KEY, "2.1.2", "1.2.2", SECRETARIAT)
    app.remove_measure(KEY, "1.2.2", SECRETARIAT)
    app.restore_measure(KEY, "1.2.2", SECRETARIAT)
    app.set_timeframe(KEY, "1.1.1", {2025: "x høst"}, SECRETARIAT, note="innen medio mai")
    app.link_measure(KEY, "1.1.1", ["1.2.1"], ["2.1.1"], SECRETARIAT)
    app.set_smart_criteria(KEY, "1.1.1", SECRETARIAT, indicator="Tal kommunar",
                           target="Alle", deadline=date(2025, 12, 1))  # fmt: skip
    app.set_evaluation_plan(KEY, "1.1.1", {"objective": "Færre avvik"}, SECRETARIAT)
    app.tag_measure(KEY, "1.1.1", ["barn_og_unge"], [1, 13], SECRETARIAT)
    app.retitle_plan(KEY, "Handlingsplan 2025–2027", SECRETARIAT)
    app.change_period(KEY, 2025, 2027, SECRETARIAT)
    app.rename_area(KEY, "2", "Digital samhandling", SECRETARIAT)
    app.add_goal(KEY, "2.2", "Mellombels mål", SECRETARIAT)
    app.reword_goal(KEY, "2.2", "Mellombels mål, omskrive", SECRETARIAT)
    app.remove_goal(KEY, "2.2", SECRETARIAT)
    step()
    measure_id = app.get_plan(KEY).find_measure("1.2.1").id
    conflict = app.record_conflict(KEY, measure_id, "Tiltak", "lagra", "frå arket", SHEET)
    step()
    app.resolve_conflict(KEY, "1.2.1", conflict, SECRETARIAT)
    case = app.record_decision(
        "hf", "sak 40/25", "ASU", date(2025, 1, 10), "Rapporter status.", SECRETARIAT, plan=KEY
    )
    app.open_reporting_round(
        KEY, date(2025, 9, 11), ["ASU", "PSU"], replace(SECRETARIAT, decision=case)
    )
    app.set_reminder_schedule(KEY, (7, 1), SECRETARIAT)
    round_id = app.get_plan(KEY).open_round_id() or ""
    app.intend_reminder(KEY, round_id, "ASU", 7, ("asu@hf.example",), SECRETARIAT)
    step()
    app.record_reminder_outcome(KEY, round_id, "ASU", 7, 1, False, "nekta", SECRETARIAT)
    app.intend_reminder(KEY, round_id, "ASU", 7, ("asu@hf.example",), SECRETARIAT, resend=True)
    app.record_reminder_outcome(KEY, round_id, "ASU", 7, 2, True, "", SECRETARIAT)
    app.intend_reminder(KEY, round_id, "ASU", 1, ("asu@hf.example",), SECRETARIAT)
    app.confirm_reminder_delivered(KEY, "ASU", 1, SECRETARIAT)
    app.intend_reminder(KEY, round_id, "PSU", 7, ("psu@hf.example",), SECRETARIAT)
    app.defer_reminder(KEY, round_id, "PSU", 7, 1, "451 seinare", SECRETARIAT)
    app.intend_reminder(KEY, round_id, "PSU", 7, ("psu@hf.example",), SECRETARIAT)
    app.record_reminder_outcome(KEY, round_id, "PSU", 7, 2, True, "", SECRETARIAT)
    app.intend_reminder(KEY, round_id, "PSU", 1, ("psu@hf.example", "b@hf.example"), SECRETARIAT)
    answers = ReminderAnswers(taken=("psu@hf.example",), put_off={"b@hf.example": "451 seinare"})
    psu = app.get_plan(KEY).rounds[round_id].reminders[-1].body
    app.change_plan(KEY, lambda plan: plan.record_reminder_answers(
        round_id, psu, 1, 1, answers, SECRETARIAT))  # fmt: skip
    app.report_status(KEY, "1.1.1", "grønn", "I rute", SHEET, body="ASU",
                      reported_on=date(2025, 9, 1))  # fmt: skip
    app.report_status(KEY, "1.2.1", "gul", "Seint", SHEET, body="Fagråd pasient-samarbeid",
                      reported_on=date(2025, 9, 1))  # fmt: skip
    app.evaluate_measure(KEY, "1.1.1", 2025, "delvis", "Rutine i bruk", "endre", "ASU",
                         SECRETARIAT, evaluated_on=date(2025, 11, 1))  # fmt: skip
    step()
    app.close_reporting_round(KEY, SECRETARIAT)
    decision = app.get_decision("hf", "sak 40/25", "ASU")
    decision.correct_text("Rapporter status innan fristen.", SECRETARIAT)
    app.save(decision)
    link = SheetLink(KEY, "ark-01")
    refused = {"row": "4", "column": "status", "typed": "lilla", "reason": "ukjend farge"}
    link.record_refusals(KEY, [{**refused, "measure_id": measure_id}], SHEET)
    app.save(link)
    step()
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    app.publish(KEY, SECRETARIAT)
    step()
    app.start_revision(KEY, SECRETARIAT)
    app.assign_responsible(KEY, "1.2.1", ["Fagråd for legesamarbeid"], KARI)
    app.remove_measure(KEY, "1.2.2", SECRETARIAT)
    app.add_measure(KEY, "1.1.2", "Tverrfagleg team", SECRETARIAT, responsible=["ASU"])
    app.choose_community_language("hf", "nn", SECRETARIAT)
    step()
    version = app.submit(KEY, ["ASU", "PSU"], SECRETARIAT)
    app.approve(KEY, version, "ASU", "sak 8/25", date(2025, 6, 12), SECRETARIAT)
    app.withdraw_approval(KEY, version, "ASU", "Feil saksnummer.", SECRETARIAT)
    step()
    plans.adopt_submitted(app, version, ("ASU", "PSU"), date(2025, 6, 12), 9)
    community = app.get_community("hf")
    community.retire_body("PSU", SECRETARIAT)
    app.save(community)
    step()
    kari = app.add_person("https://id.example", "sub-kari", "kari@hf.example", "", SECRETARIAT)
    app.grant_roles(kari, [Role.REPORTER, Role.EDITOR], SECRETARIAT, communities=["hf"])
    app.revoke_roles(kari, [Role.EDITOR], SECRETARIAT)
    app.assign_reporting_bodies(kari, ["ASU"], SECRETARIAT)
    app.record_sign_in("https://id.example", "sub-kari", "kari@hf.example", "Kari", SECRETARIAT)
    app.choose_person_language(kari, "nn", SECRETARIAT)
    app.record_sign_out(kari, datetime(2025, 7, 1, tzinfo=UTC), SECRETARIAT)


def test_catching_up_after_each_part_and_a_rebuild_agree_on_every_event_type(
    app: Planlogg, models: ReadModels
) -> None:
    every_event_type(app, models.catch_up)
    models.catch_up()
    recorded = {
        n.topic.rpartition(":")[2] for n in app.recorder.select_notifications(start=1, limit=500)
    }
    handled = {*HANDLERS, *(f"Plan.{kind}" for kind in PLAN_HANDLERS)}
    assert handled - recorded == NEVER_RECORDED
    caught_up = models.dump_tables()
    # 117: each of the two status reports has its day's row (`status_reported_on`) too, and
    # version 2 has ASU's approval, its withdrawal, PSU's decision and PSU's approval
    assert (len(caught_up["audit"]), len(caught_up["versions"])) == (117, 2)
    assert models.rebuild(workers=0) == app.recorder.max_notification_id()
    assert models.dump_tables() == caught_up


def test_a_crash_inside_a_handler_leaves_views_and_tracking_as_they_were(
    app: Planlogg, models: ReadModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans.draft(app)
    models.catch_up()
    before = models.dump_tables()
    position = models.views.position()
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    real_project = projections.store.project

    def crash_on_adoption(rows, domain_event, at):  # type: ignore[no-untyped-def]
        if type(domain_event).__name__ == "VersionAdopted":
            raise RuntimeError("straumbrot")
        return real_project(rows, domain_event, at)

    monkeypatch.setattr(projections.store, "project", crash_on_adoption)
    with pytest.raises(RuntimeError, match="straumbrot"):
        models.catch_up()
    assert models.views.position() == position
    assert models.dump_tables() == before
    monkeypatch.setattr(projections.store, "project", real_project)
    assert models.catch_up() == app.recorder.max_notification_id() - position
    assert models.lag() == 0
    caught_up = models.dump_tables()
    models.rebuild()
    assert models.dump_tables() == caught_up


def test_the_views_read_the_log_as_the_library_does(app: Planlogg, models: ReadModels) -> None:
    """Every field the chain hashes, from the views' own reading of the application's table."""
    plans.draft(app)
    library = [
        projections.store.stored_fields(n)
        for n in app.recorder.select_notifications(start=None, limit=1000)
    ]
    assert len(library) == 10
    assert models.views.stored_events_after(0, 1000) == library
    assert models.views.stored_events_after(1, 2) == library[1:3]


def test_each_event_is_applied_once_even_when_offered_twice(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    models.catch_up()
    rows = models.history(AuditQuery(plan=KEY, limit=None)).total
    items = models._items_after(0, 1000)
    recorded = app.recorder.max_notification_id() or 0
    assert recorded == 10
    assert [item.position for item in items] == list(range(1, recorded + 1))
    assert models.views.apply(items, "2025-01-01T00:00:00.000000+00:00") == 0
    assert models.history(AuditQuery(plan=KEY, limit=None)).total == rows


class Noted(Plan.Event):
    """An event type a later Planlogg might add to plans."""

    note: str

    def apply(self, aggregate: Plan) -> None:
        return None


class Unrelated(Aggregate):
    @event("Registered")
    def __init__(self, name: str) -> None:
        self.name = name


def test_event_types_the_read_models_do_not_know_are_ignored(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    plan = app.get_plan(KEY)
    plan.trigger_event(Noted, note="ny hendingstype")
    app.save(plan, Unrelated(name="anna"))
    app.reword_measure(KEY, "1.1.1", "Kartlegge behov i alle kommunar", SECRETARIAT)
    assert models.catch_up() == app.recorder.max_notification_id() == 13
    assert models.lag() == 0
    assert models.current_plan(KEY).measure("1.1.1").text == (  # type: ignore[union-attr]
        "Kartlegge behov i alle kommunar"
    )
    assert models.verify_chain().ok


def test_an_event_type_only_a_later_planlogg_knows_is_passed_by_in_the_plan_as_of(
    database_url: str, app: Planlogg, models: ReadModels
) -> None:
    """A later Planlogg (before an upgrade was rolled back) recorded a plan event this one
    cannot even load: the catch-up passes it by, and so does the replay of the plan as it
    stood at a moment, which the auditors' page of a day asks for."""
    plans.draft(app)
    app.reword_measure(KEY, "1.1.1", "Kartlegge behov i alle kommunar", SECRETARIAT)
    EventTable(database_url).append_forged("domain.plan:Plan.NotedByALaterPlanlogg")
    assert models.catch_up() == app.recorder.max_notification_id() == 12
    then = models.plan_as_of(KEY, datetime.now(UTC))
    current = models.current_plan(KEY)
    assert then is not None and current is not None
    assert then.measure("1.1.1").text == "Kartlegge behov i alle kommunar"  # type: ignore[union-attr]
    assert replace(then, kind="current", as_of=None) == current


def test_an_event_type_only_a_later_planlogg_knows_is_passed_by_in_the_annual_report(
    database_url: str, app: Planlogg, models: ReadModels
) -> None:
    """The annual report replays the plan's status reports: a plan event this Planlogg
    cannot load is passed by there too, as the catch-up and the plan as of a day pass it."""
    plans.draft(app)
    app.report_status(KEY, "1.1.1", "yellow", "Forsinka", SECRETARIAT, reported_on=date(2025, 9, 1))
    EventTable(database_url).append_forged("domain.plan:Plan.NotedByALaterPlanlogg")
    models.catch_up()
    report = models.annual_report(KEY, 2025, date(2025, 12, 31))
    (status,) = [s for s in report.sections if isinstance(s, StatusSection)]
    reported = [m for area in status.areas for m in area.measures if m.number == "1.1.1"]
    assert [(m.colour, m.comment) for m in reported] == [("yellow", "Forsinka")]


def test_the_read_models_live_in_the_events_database(sqlite_url: str) -> None:
    import sqlite3

    app = Planlogg.from_url(sqlite_url)
    plans.draft(app)
    ReadModels.open(app).catch_up()
    conn = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    audit = f"rm_v{SCHEMA_VERSION}_audit"
    assert {"stored_events", "planlogg_views_tracking", audit, "rm_chain"} <= tables
    (position,) = conn.execute(
        "SELECT notification_id FROM planlogg_views_tracking WHERE application_name=?",
        (f"Planlogg v{SCHEMA_VERSION}",),
    ).fetchone()
    assert position == conn.execute("SELECT MAX(rowid) FROM stored_events").fetchone()[0]
    reopened = ReadModels.open(Planlogg.from_url(sqlite_url))
    assert reopened.lag() == 0 and reopened.current_plan(KEY) is not None
