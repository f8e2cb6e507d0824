"""What changed between two adopted versions above the measures: the plan's title and
period, its areas and goals, each worded as the measures' changes are."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from projections import ReadModels
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT


def test_the_plan_its_areas_and_goals_changed_are_differences(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    app.add_goal(KEY, "2.2", "Felles kurs", SECRETARIAT)
    plans.adopt(app, ("ASU",), date(2025, 1, 15), 1)
    app.start_revision(KEY, SECRETARIAT)
    app.retitle_plan(KEY, "Handlingsplan 2025–2027", SECRETARIAT)
    app.change_period(KEY, 2025, 2027, SECRETARIAT)
    app.reword_goal(KEY, "1.1", "Tidleg og samordna innsats", SECRETARIAT)
    app.rename_area(KEY, "2", "Digital samhandling", SECRETARIAT)
    app.remove_goal(KEY, "2.2", SECRETARIAT)
    app.add_area(KEY, "3", "Kompetanse", SECRETARIAT)
    app.add_goal(KEY, "3.1", "Felles opplæring", SECRETARIAT)
    plans.adopt(app, ("ASU",), date(2025, 6, 12), 9)
    models.catch_up()

    found = models.diff_versions(KEY, 1, 2).to_dict()

    assert (found["added"], found["removed"], found["changed"]) == ([], [], [])
    assert found["parts_changed"] == [
        {"number": "", "field": "title", "before": "Handlingsplan 2025",
         "after": "Handlingsplan 2025–2027"},
        {"number": "", "field": "period", "before": "2025–2026", "after": "2025–2027"},
        {"number": "1.1", "field": "goal_text", "before": "Tidleg innsats",
         "after": "Tidleg og samordna innsats"},
        {"number": "2", "field": "area_title", "before": "Digitalisering",
         "after": "Digital samhandling"},
    ]  # fmt: skip
    assert found["parts_added"] == [
        {"kind": "area", "number": "3", "text": "Kompetanse"},
        {"kind": "goal", "number": "3.1", "text": "Felles opplæring"},
    ]
    assert found["parts_removed"] == [{"kind": "goal", "number": "2.2", "text": "Felles kurs"}]


def test_versions_alike_above_the_measures_have_no_such_differences(
    app: Planlogg, models: ReadModels
) -> None:
    plans.history_plan(app)
    models.catch_up()

    found = models.diff_versions(KEY, 1, 2).to_dict()

    assert (found["parts_added"], found["parts_removed"], found["parts_changed"]) == ([], [], [])
    assert [c["number"] for c in found["changed"]] == ["1.2.1", "2.1.1"]
