"""The event handlers on their own: events in, rows out, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from domain.audit_words import as_text
from domain.measure import Colour
from domain.plan import Plan
from domain.provenance import Provenance, Source
from projections.handlers import project, read_measure, timestamp_text
from projections.rows import MemoryRows

BY = Provenance("Kari", Source.SHEET, reason="Retting", decision="SSU sak 11/24")


def _apply(plan: Plan) -> MemoryRows:
    rows = MemoryRows()
    for position, domain_event in enumerate(plan.collect_events(), start=1):
        project(rows, domain_event, position)
    return rows


def _plan() -> Plan:
    plan = Plan.start("p", "Plan", "hf", 2025, 2026, BY)
    plan.add_area("1", "Område", BY)
    plan.add_goal("1.1", "Mål", BY)
    plan.add_measure("1.1.1", "Tiltak", BY, responsible=["ASU"], marks={2025: "x"})
    return plan


def test_a_new_measure_gets_a_row_and_one_audit_row_per_field() -> None:
    rows = _apply(_plan())
    measure = rows.get("measures", ("p", "T001"))
    assert measure is not None
    state = read_measure(measure)
    assert (measure["number"], state.responsible, state.marks) == ("1.1.1", ("ASU",), {2025: "x"})
    assert measure["state"] == state
    audit = [r for r in rows.all("audit") if r["measure_id"] == "T001"]
    assert {r["field"] for r in audit} == {"number", "text", "responsible", "marks"}
    assert all(r["before_value"] == "" and r["source"] == "sheet" for r in audit)
    assert {r["decision"] for r in audit} == {"SSU sak 11/24"}


def test_each_value_of_a_status_reports_audit_row_is_in_its_own_column() -> None:
    plan = _plan()
    plan.report_status("T001", Colour.YELLOW, "Forseinka", date(2025, 5, 2), BY)
    events = plan.collect_events()
    rows = MemoryRows()
    for position, domain_event in enumerate(events, start=1):
        project(rows, domain_event, position)
    reported = events[-1]

    (row,) = [r for r in rows.all("audit") if r["field"] == "status"]
    assert row == {
        "position": len(events),
        "seq": 1,
        "event_id": f"{reported.originator_id}/{reported.originator_version}",
        "occurred_at": timestamp_text(reported.timestamp),
        "actor": "Kari",
        "source": "sheet",
        "plan_key": "p",
        "area": "1",
        "goal": "1.1",
        "measure_id": "T001",
        "measure_number": "1.1.1",
        "field": "status",
        "before_value": "",
        "after_value": "yellow",
        "reason": "Retting",
        "decision": "SSU sak 11/24",
        "event_type": "StatusReported",
    }


def test_a_change_records_the_value_before_and_after() -> None:
    plan = _plan()
    plan.assign_responsible("T001", ["PSU", "ASU"], BY)
    plan.set_smart_criteria("T001", BY, target="Alle", deadline=date(2025, 12, 1))
    rows = _apply(plan)
    changes = {
        r["field"]: (r["before_value"], r["after_value"])
        for r in rows.all("audit")
        if r["event_type"] in ("ResponsibleAssigned", "SmartCriteriaSet")
    }
    assert changes == {
        "responsible": ("ASU", "PSU, ASU"),
        "smart_target": ("", "Alle"),
        "smart_deadline": ("", "2025-12-01"),
    }
    measure = rows.get("measures", ("p", "T001"))
    assert measure is not None and read_measure(measure).revision == 3
    assert measure["last_by"] == "Kari"


def test_adoption_freezes_the_plan_with_its_approvals() -> None:
    plan = _plan()
    version = plan.submit(["ASU"], BY)
    plan.approve(version, "ASU", "ASU sak 1/25", date(2025, 2, 1), BY)
    rows = _apply(plan)
    frozen = rows.get("versions", ("p", 1))
    assert frozen is not None
    assert frozen["in_force_from"] == "2025-02-01"
    document = frozen["document"]
    assert document["approvals"] == [
        {"body": "ASU", "case": "ASU sak 01/25", "meeting_date": "2025-02-01"}
    ]
    assert document["areas"][0]["goals"][0]["measures"][0]["text"] == "Tiltak"


def test_an_unknown_event_type_is_ignored() -> None:
    class Unknown:
        pass

    assert project(MemoryRows(), Unknown(), 1) is False


def test_values_read_as_auditors_expect() -> None:
    assert as_text(["ASU", "PSU"]) == "ASU, PSU"
    assert as_text({"2026": "x høst", "2025": "x"}) == "2025: x; 2026: x høst"
    assert as_text(True) == "ja" and as_text(None) == ""


def test_a_moment_is_written_in_utc_to_the_microsecond_whatever_its_zone() -> None:
    in_utc = datetime(2030, 6, 1, 10, 0, 0, 120000, tzinfo=UTC)
    in_oslo_summer = in_utc.astimezone(timezone(timedelta(hours=2)))

    assert timestamp_text(in_utc) == "2030-06-01T10:00:00.120000+00:00"
    assert timestamp_text(in_oslo_summer) == "2030-06-01T10:00:00.120000+00:00"


def test_a_moment_on_the_second_keeps_its_six_noughts_so_text_order_is_time_order() -> None:
    on_the_second = datetime(2030, 6, 1, 10, 0, 0, tzinfo=UTC)

    assert timestamp_text(on_the_second) == "2030-06-01T10:00:00.000000+00:00"
    assert timestamp_text(on_the_second) < timestamp_text(on_the_second.replace(microsecond=1))


def test_the_stored_text_of_the_aggregate_id_gives_the_same_rows_as_the_event() -> None:
    plan = _plan()
    plan.set_smart_criteria("T001", BY, target="Alle")
    events = list(plan.collect_events())
    from_events, from_stored = MemoryRows(), MemoryRows()
    for position, domain_event in enumerate(events, start=1):
        project(from_events, domain_event, position)
        project(from_stored, domain_event, position, str(domain_event.originator_id))

    assert from_stored.tables == from_events.tables
    assert from_events.get("plan_keys", (str(plan.id),)) == {
        "plan_id": str(plan.id),
        "plan_key": "p",
    }
