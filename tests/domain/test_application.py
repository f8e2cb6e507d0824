"""The application service on real databases: each test runs on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, demo_table, load_demo
from domain.errors import (
    ConcurrentEditError,
    NotFoundError,
    RefusedAt,
    RuleError,
    ValidationError,
)
from domain.plan import Plan, plan_id
from domain.plan_table import RowProblem
from domain.provenance import Provenance, Source
from domain.vocabulary import Colour
from tests.conftest import schema_url


def small_plan(app: Planlogg, by: Provenance) -> str:
    app.create_plan("hf-2025", "Handlingsplan 2025", "hf", 2025, 2026, by)
    app.add_area("hf-2025", "1", "Pasientforløp", by)
    app.add_goal("hf-2025", "1.1", "Tidleg innsats", by)
    return app.add_measure("hf-2025", "1.1.1", "Etablere arbeidsgruppe", by, responsible=["ASU"])


def test_changes_survive_a_restart_with_their_provenance(
    app: Planlogg, database_url: str, by: Provenance
) -> None:
    measure_id = small_plan(app, by)
    web = Provenance("Per Hansen", Source.WEB, reason="Retta skrivefeil", decision="SSU sak 11/24")
    app.reword_measure("hf-2025", "1.1.1", "Etablere ei arbeidsgruppe", web)

    reopened = Planlogg.from_url(database_url)
    try:
        plan = reopened.get_plan("hf-2025")
        assert plan.measure(measure_id).text == "Etablere ei arbeidsgruppe"
        last = list(reopened.events.get(plan_id("hf-2025")))[-1]
        assert type(last).__name__ == "MeasureReworded"
        assert last.by == web
        assert last.timestamp is not None
    finally:
        reopened.close()


def test_a_concurrent_save_reruns_the_command_on_the_fresh_plan(
    app: Planlogg, database_url: str, by: Provenance
) -> None:
    small_plan(app, by)
    app.add_measure("hf-2025", "1.1.2", "Andre tiltak", by)
    other_writer = Planlogg.from_url(database_url)
    attempts: list[int] = []

    def reword_with_interference(plan: Plan) -> None:
        attempts.append(plan.version)
        if len(attempts) == 1:
            other_writer.reword_measure("hf-2025", "1.1.2", "Endra av ein annan", by)
        plan.reword_measure(plan.find_measure("1.1.1").id, "Endra av meg", by)

    try:
        app.change_plan("hf-2025", reword_with_interference)
    finally:
        other_writer.close()
    plan = app.get_plan("hf-2025")
    assert len(attempts) == 2
    assert plan.find_measure("1.1.1").text == "Endra av meg"
    assert plan.find_measure("1.1.2").text == "Endra av ein annan"


def test_two_writers_on_the_same_revision_never_overwrite_each_other(
    app: Planlogg, database_url: str, by: Provenance
) -> None:
    measure_id = small_plan(app, by)
    revision = app.get_plan("hf-2025").measure(measure_id).revision
    other_writer = Planlogg.from_url(database_url)
    try:
        other_writer.reword_measure("hf-2025", measure_id, "Per sitt forslag", by, revision)
        with pytest.raises(ConcurrentEditError):
            app.reword_measure("hf-2025", measure_id, "Kari sitt forslag", by, revision)
    finally:
        other_writer.close()
    assert app.get_plan("hf-2025").measure(measure_id).text == "Per sitt forslag"


def test_a_long_history_is_loaded_from_a_snapshot(app: Planlogg, by: Provenance) -> None:
    measure_id = small_plan(app, by)
    for n in range(120):
        app.report_status("hf-2025", measure_id, "gul" if n % 2 else "grønn", f"Runde {n}", by)
    assert app.snapshots is not None
    snapshots = list(app.snapshots.get(plan_id("hf-2025")))
    assert [s.originator_version for s in snapshots] == [100]
    plan = app.get_plan("hf-2025")
    status = plan.measure(measure_id).status
    assert status is not None and status.comment == "Runde 119"


def test_a_large_save_is_snapshotted_once_at_its_own_version(
    app: Planlogg, database_url: str, by: Provenance
) -> None:
    """250 events in one save reach versions 100 and 200: one snapshot, of the saved state."""
    measure_id = small_plan(app, by)

    def reports(plan: Plan) -> None:
        for n in range(250):
            plan.report_status(measure_id, Colour.GREEN, f"Runde {n}", date(2025, 5, 1), by)

    app.change_plan("hf-2025", reports)
    assert app.snapshots is not None
    snapshots = list(app.snapshots.get(plan_id("hf-2025")))
    assert [s.originator_version for s in snapshots] == [254]
    reopened = Planlogg.from_url(database_url)
    try:
        status = reopened.get_plan("hf-2025").measure(measure_id).status
        assert status is not None and status.comment == "Runde 249"
        assert reopened.get_plan("hf-2025").version == 254
    finally:
        reopened.close()


def test_a_history_read_a_page_at_a_time_is_the_history_read_at_once(
    app: Planlogg, by: Provenance
) -> None:
    small_plan(app, by)
    for n in range(9):
        app.reword_measure("hf-2025", "1.1.1", f"Etablere arbeidsgruppe {n}", by)
    whole = [(e.originator_version, type(e).__name__) for e in app.events.get(plan_id("hf-2025"))]
    assert len(whole) == 13

    def paged(after: int = 0, upto: int | None = None) -> list[tuple[int, str]]:
        events = app.events_of(plan_id("hf-2025"), after, upto, page=3)
        return [(e.originator_version, type(e).__name__) for e in events]

    assert paged() == whole
    assert paged(after=4) == whole[4:]
    assert paged(after=4, upto=10) == whole[4:10]
    assert paged(after=12) == whole[12:]
    assert paged(after=13) == []


def test_the_demo_plan_loads_once_with_every_measure(app: Planlogg) -> None:
    assert load_demo(app)
    assert not load_demo(app)
    plan = app.get_plan(DEMO_PLAN)
    assert (len(plan.areas), len(plan.goals), len(plan.active_measures())) == (7, 26, 52)
    assert plan.header.adopted_version == 1
    assert plan.stage == "draft"


def test_an_import_with_an_unreadable_row_stores_nothing(app: Planlogg, by: Provenance) -> None:
    table = demo_table()
    broken = replace(table, problems=(RowProblem(line=42, reason="Ukjend årsmerke"),))
    with pytest.raises(ValidationError, match="Linje 42"):
        app.import_plan("broken", broken, "hf", by)
    with pytest.raises(NotFoundError, match='Fant ingen plan med nøkkelen "broken"'):
        app.get_plan("broken")


def test_the_same_decision_cannot_be_recorded_twice(app: Planlogg, by: Provenance) -> None:
    app.register_community("hf", "Helsefellesskapet", by)
    app.record_decision("hf", "sak 11/24", "SSU", date(2024, 3, 13), "SSU vedtek planen.", by)
    with pytest.raises(ValidationError, match="allerede registrert"):
        app.record_decision("hf", "SSU sak 11/24", "SSU", date(2024, 3, 13), "Igjen.", by)
    assert app.get_decision("hf", "sak 11/24", "SSU").meeting_date == date(2024, 3, 13)


def registered_asu(app: Planlogg, by: Provenance) -> None:
    app.register_community("hf", "Helsefellesskapet", by)
    app.add_body("hf", "Administrativt samarbeidsutval", "strategisk", by, short_name="ASU")


def test_a_decision_is_recorded_once_however_its_body_is_written(
    app: Planlogg, by: Provenance
) -> None:
    registered_asu(app, by)
    meeting = date(2022, 6, 1)
    assert app.record_decision("hf", "asu sak 27/22", "asu", meeting, "Vedtak.", by) == (
        "ASU sak 27/22"
    )
    with pytest.raises(ValidationError) as twice:
        app.record_decision("hf", "sak 27/22", "ASU", meeting, "Igjen.", by)
    assert twice.value.message == "ASU sak 27/22 er allerede registrert."
    written_after = app.record_decision(
        "hf", "sak 28/22 ASU", "Administrativt samarbeidsutval", meeting, "Vedtak.", by
    )
    assert written_after == "ASU sak 28/22"
    assert app.get_decision("hf", "asu sak 28/22", "").body == "ASU"


def test_a_decision_whose_case_names_another_body_is_refused(app: Planlogg, by: Provenance) -> None:
    registered_asu(app, by)
    with pytest.raises(ValidationError) as refused:
        app.record_decision("hf", "ASU sak 29/22", "PSU", date(2022, 6, 1), "Vedtak.", by)
    assert refused.value.message == (
        "Saksnummeret «ASU sak 29/22» er en sak i ASU, men organet er oppgitt som PSU. "
        "Velg ASU som organ, eller skriv saksnummeret fra møtet i PSU."
    )
    with pytest.raises(NotFoundError):
        app.get_decision("hf", "ASU sak 29/22", "")


def test_a_body_approves_once_under_any_spelling(app: Planlogg, by: Provenance) -> None:
    small_plan(app, by)
    version = app.submit("hf-2025", ["ASU", "asu ", "PSU"], by)
    submission = app.get_plan("hf-2025").header.submission
    assert submission is not None
    assert submission.required_bodies == ("ASU", "PSU")
    assert app.approve("hf-2025", version, "asu", "sak 12/25", date(2025, 3, 13), by) is False
    with pytest.raises(RuleError) as twice:
        app.approve("hf-2025", version, " ASU", "sak 12/25", date(2025, 3, 13), by)
    assert twice.value.message == "ASU har allerede godkjent versjon 1."
    assert app.approve("hf-2025", version, "psu", "sak 3/25", date(2025, 3, 20), by) is True
    adopted = app.get_plan("hf-2025").header.submission
    assert adopted is not None
    assert sorted(adopted.approvals) == ["ASU", "PSU"]


def test_an_approval_citing_another_bodys_case_is_refused(app: Planlogg, by: Provenance) -> None:
    small_plan(app, by)
    version = app.submit("hf-2025", ["ASU", "PSU"], by)
    with pytest.raises(ValidationError) as refused:
        app.approve("hf-2025", version, "PSU", "ASU sak 12/25", date(2025, 3, 13), by)
    assert refused.value.message == (
        "Saksnummeret «ASU sak 12/25» er en sak i ASU, men organet er oppgitt som PSU. "
        "Velg ASU som organ, eller skriv saksnummeret fra møtet i PSU."
    )
    assert app.approve("hf-2025", version, "ASU", "asu sak 12/25", date(2025, 3, 13), by) is False


def test_an_approval_citing_a_registered_decision_is_of_its_meeting(
    app: Planlogg, by: Provenance
) -> None:
    """«ASU sak 12/25», registered as decided on 13.03.2025, cited with another day is a
    case number from another meeting (an earlier version's, say) or a day mistyped: refused
    at the case, naming both days, and nothing is saved; with its own day it approves."""
    small_plan(app, by)
    registered_asu(app, by)
    app.record_decision("hf", "ASU sak 12/25", "ASU", date(2025, 3, 13), "Godkjent.", by)
    version = app.submit("hf-2025", ["ASU"], by)
    saved = app.recorder.max_notification_id()
    with pytest.raises(RefusedAt) as refused:
        app.approve("hf-2025", version, "ASU", "sak 12/25", date(2028, 3, 9), by)
    assert refused.value.message == (
        "ASU sak 12/25 ble vedtatt i møtet 13.03.2025, ikke 09.03.2028. Skriv saksnummeret "
        "fra møtet 09.03.2028, eller rett møtedatoen."
    )
    assert refused.value.field == "case"
    assert app.recorder.max_notification_id() == saved
    assert app.approve("hf-2025", version, "ASU", "sak 12/25", date(2025, 3, 13), by) is True


def test_a_removed_measure_is_restored_by_the_number_it_was_removed_by(
    app: Planlogg, by: Provenance
) -> None:
    first = small_plan(app, by)
    app.remove_measure("hf-2025", "1.1.1", by)
    app.restore_measure("hf-2025", "1.1.1", by)
    assert [m.id for m in app.get_plan("hf-2025").active_measures()] == [first]
    app.remove_measure("hf-2025", "1.1.1", by)
    second = app.add_measure("hf-2025", "1.1.1", "Nytt tiltak med same nummer", by)
    app.remove_measure("hf-2025", "1.1.1", by)
    with pytest.raises(ValidationError) as ambiguous:
        app.restore_measure("hf-2025", "1.1.1", by)
    assert ambiguous.value.message == (
        f"Flere fjernede tiltak har nummeret 1.1.1 ({first}, {second}). Oppgi ID-en."
    )
    with pytest.raises(NotFoundError) as missing:
        app.restore_measure("hf-2025", "1.1.9", by)
    assert missing.value.message == "Fant ikke tiltak 1.1.9 i planen hf-2025."
    app.restore_measure("hf-2025", second, by)
    with pytest.raises(ValidationError) as taken:
        app.restore_measure("hf-2025", "1.1.1", by)
    assert taken.value.message == "Tiltaksnummeret 1.1.1 er allerede i bruk."
    app.add_measure("hf-2025", "1.1.2", "Aktivt tiltak", by)
    with pytest.raises(RuleError) as active:
        app.restore_measure("hf-2025", "1.1.2", by)
    assert active.value.message == "Tiltak 1.1.2 er ikke fjernet."


def test_each_table_is_created_under_the_schema_lock_on_postgresql(
    postgres_url: str, tables_created: list[tuple[str, bool]]
) -> None:
    """The lock that lets processes start together covers every table the application makes."""
    Planlogg.from_url(postgres_url).close()
    assert tables_created == [("planlogg_events", True), ("planlogg_snapshots", True)]


def _start_together(url: str, line: Any, failures: Any) -> None:
    """Start on `url` the moment every other process is ready; report what went wrong."""
    try:
        line.wait(timeout=30)
        Planlogg.from_url(url).close()
    except Exception as error:  # every failure is reported by the test, with its message
        failures.put(f"{type(error).__name__}: {error}")


def test_processes_starting_at_once_on_postgresql_do_not_collide() -> None:
    """Web workers and sync processes start together on a new schema; the tables and their
    types (events, snapshots) must be created one process at a time."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for _ in range(10):
        line, failures = context.Barrier(6), context.SimpleQueue()
        with schema_url() as url:
            processes = [
                context.Process(target=_start_together, args=(url, line, failures))
                for _ in range(6)
            ]
            for process in processes:
                process.start()
            for process in processes:
                process.join(timeout=60)
        reported = []
        while not failures.empty():
            reported.append(failures.get())
        assert reported == []
        assert [process.exitcode for process in processes] == [0] * 6


def test_a_decision_belongs_to_a_registered_community_or_its_plans_owner(
    app: Planlogg, by: Provenance
) -> None:
    app.create_plan("ny", "Ny plan", "hf", 2025, 2026, by)
    with pytest.raises(NotFoundError) as refused:
        app.record_decision("hf", "sak 1/25", "SSU", date(2025, 3, 13), "Vedtak.", by)
    assert refused.value.message == 'Fant ikke helsefellesskapet "hf".'
    with pytest.raises(NotFoundError):
        app.record_decision("fh", "sak 1/25", "SSU", date(2025, 3, 13), "Vedtak.", by, plan="ny")
    case = app.record_decision("hf", "sak 1/25", "SSU", date(2025, 3, 13), "Vedtak.", by, plan="ny")
    assert case == "SSU sak 01/25"
