"""The dashboard's status picture is of the version in force, as the plan's reports are.

While version 2 is drafted, version 1 stays in force: its measures are counted per area
and body, by the bodies and numbers it gives them, with the lights reported since; a
measure the draft added is not counted, one it removed still is. What the secretariat is
still shaping (SMART gaps) is of the draft.
"""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from projections.documents import Dashboard
from tests.projections.plans import KEY, SECRETARIAT, adopt, draft, revise

DAY = date(2025, 9, 1)
ASU = "ASU"
DIGITAL = "Fagråd for digital samhandling"
PASIENT = "Fagråd for pasientsamarbeid"
DECIDED = Provenance("Sekretariatet", Source.CLI, reason="Statusrunde", decision="SSU sak 40/25")


def _reported_under_revision(app: Planlogg) -> None:
    """Version 1 adopted; the draft of version 2 (`revise`) gives 1.2.1 to the legesamarbeid
    fagråd, removes 2.1.2 and adds 1.1.2 for ASU; it also renumbers 1.1.1 as 1.1.5 and adds
    2.1.3. ASU and the pasientsamarbeid fagråd report what version 1 asks of them."""
    draft(app)
    adopt(app, (ASU,), date(2025, 3, 13), 11)
    revise(app)
    app.move_measure(KEY, "1.1.1", "1.1.5", SECRETARIAT)
    app.add_measure(KEY, "2.1.3", "Nytt i utkastet", SECRETARIAT, responsible=[DIGITAL])
    app.open_reporting_round(KEY, date(2025, 9, 11), [ASU, PASIENT], DECIDED)
    app.report_status(KEY, "1.1.1", "grønn", "", SECRETARIAT, reported_on=DAY, body=ASU)
    app.report_status(KEY, "1.2.1", "rød", "", SECRETARIAT, reported_on=DAY, body=PASIENT)
    app.report_status(KEY, "2.1.2", "gul", "", SECRETARIAT, reported_on=DAY)


def _picture(dashboard: Dashboard) -> dict[str, object]:
    def counts(rows: tuple) -> list[tuple[str, int, int, int, int]]:  # type: ignore[type-arg]
        return [(c.name, c.green, c.yellow, c.red, c.not_reported) for c in rows]

    assert dashboard.open_round is not None
    return {
        "areas": counts(dashboard.by_area),
        "bodies": counts(dashboard.by_body),
        "progress": [
            (p.body, p.measures, p.measures_reported, p.reported)
            for p in dashboard.open_round.progress
        ],
        "missing": dashboard.open_round.missing_bodies,
        "trend": [(t.number, t.colours) for t in dashboard.trend],
    }


EXPECTED = {
    "areas": [("1 Pasientforløp", 1, 0, 1, 0), ("2 Digitalisering", 0, 1, 0, 1)],
    "bodies": [
        (ASU, 1, 0, 0, 0),
        (DIGITAL, 0, 0, 0, 1),
        (PASIENT, 0, 0, 1, 0),
        ("Uten ansvarlig organ", 0, 1, 0, 0),  # 2.1.2: every measure per area is per body too
    ],
    "progress": [(ASU, 1, 1, True), (PASIENT, 1, 1, True)],
    "missing": (),
    "trend": [("1.1.1", ("green",)), ("1.2.1", ("red",)), ("2.1.2", ("yellow",))],
}


def test_the_status_picture_counts_the_version_in_force(app: Planlogg, models: ReadModels) -> None:
    _reported_under_revision(app)
    models.catch_up()
    dashboard = models.dashboard(KEY, today=DAY)
    assert _picture(dashboard) == EXPECTED
    gaps = [gap.number for gap in dashboard.not_smart]
    assert "2.1.3" in gaps and "1.1.5" in gaps
    assert "2.1.2" not in gaps and "1.1.1" not in gaps


def test_a_rebuild_gives_the_same_picture(app: Planlogg, models: ReadModels) -> None:
    _reported_under_revision(app)
    models.rebuild(workers=0)
    assert _picture(models.dashboard(KEY, today=DAY)) == EXPECTED
    models.rebuild(workers=2)
    assert _picture(models.dashboard(KEY, today=DAY)) == EXPECTED


def test_a_second_adoption_counts_its_own_measures_as_the_plan_does(
    app: Planlogg, models: ReadModels
) -> None:
    """2.1.2, removed by the draft and restored, is in version 2 again; 1.1.2 and 2.1.3,
    added, are in it; every measure of version 2 is counted once, and a status reported
    in version 1 stays with its measure."""
    _reported_under_revision(app)
    app.restore_measure(KEY, "2.1.2", SECRETARIAT)
    app.close_reporting_round(KEY, SECRETARIAT)
    adopt(app, (ASU,), date(2025, 10, 2), 21)
    models.catch_up()
    plan = app.get_plan(KEY)
    reported = sorted(m.number for m in plan.reporting_measures())
    assert reported == ["1.1.2", "1.1.5", "1.2.1", "2.1.1", "2.1.2", "2.1.3"]
    dashboard = models.dashboard(KEY, today=DAY)
    assert [(c.name, c.green, c.yellow, c.red, c.not_reported) for c in dashboard.by_area] == [
        ("1 Pasientforløp", 1, 0, 1, 1),
        ("2 Digitalisering", 0, 1, 0, 2),
    ]
    assert [(c.name, c.green, c.red, c.not_reported) for c in dashboard.by_body] == [
        (ASU, 1, 0, 1),
        (DIGITAL, 0, 0, 2),
        ("Fagråd for legesamarbeid", 0, 1, 0),
        ("Uten ansvarlig organ", 0, 0, 0),  # 2.1.2, yellow
    ]


def test_before_the_first_adoption_the_draft_is_counted(app: Planlogg, models: ReadModels) -> None:
    draft(app)
    app.open_reporting_round(KEY, date(2025, 9, 11), [ASU], DECIDED)
    app.report_status(KEY, "1.1.1", "grønn", "", SECRETARIAT, reported_on=DAY, body=ASU)
    models.catch_up()
    dashboard = models.dashboard(KEY, today=DAY)
    assert [(c.name, c.green, c.not_reported) for c in dashboard.by_area] == [
        ("1 Pasientforløp", 1, 1),
        ("2 Digitalisering", 0, 2),
    ]
