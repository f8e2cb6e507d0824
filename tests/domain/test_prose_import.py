"""Storing a plan written as prose, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from domain.application import Planlogg
from domain.errors import ValidationError
from domain.plan_outline import PlanOutline
from domain.prose_plan import read_plan
from domain.provenance import Provenance

FIXTURES = Path(__file__).parents[1] / "fixtures" / "prose"


def outline(name: str) -> PlanOutline:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return read_plan([line.split("\t") for line in text.splitlines()])


def test_fonna_is_stored_with_its_year_marks(database_url: str, by: Provenance) -> None:
    table = outline("fonna_2021.txt").to_table(skip_unplaced=True)
    with Planlogg.from_url(database_url) as app:
        app.import_plan("fonna-2021", table, "fonna", by)
    with Planlogg.from_url(database_url) as app:  # read back after a restart
        plan = app.get_plan("fonna-2021")
        assert (plan.header.title, plan.header.first_year, plan.header.last_year) == (
            "Handlingsplan for 2021",
            2021,
            2021,
        )
        assert (len(plan.areas), len(plan.goals), len(plan.measures)) == (2, 13, 19)
        assert plan.find_measure("1.3.1").marks == {2021: "x vår"}
        assert plan.find_measure("1.5.1").text == "Årleg gjennomgang av avtaleverket"
        assert plan.find_measure("1.1.1").text.endswith(
            "\n- Har avtalen sikra ansvarsforhold og rutinar for samarbeid mellom kommunar og "
            "sjukehus?"
        )


def test_innlandet_is_stored_with_deadlines_and_timeframe_notes(
    database_url: str, by: Provenance
) -> None:
    with Planlogg.from_url(database_url) as app:
        app.import_plan("innlandet-2022", outline("innlandet_spring_2022.txt").to_table(), "hi", by)
    with Planlogg.from_url(database_url) as app:
        plan = app.get_plan("innlandet-2022")
        assert (plan.header.first_year, plan.header.last_year) == (2022, 2022)
        assert [m.number for m in plan.active_measures()] == [
            "1.1.1",
            "1.1.2",
            "1.1.3",
            "1.1.4",
            "1.1.5",
        ]
        third = plan.find_measure("1.1.3")
        assert (third.smart.deadline, third.timeframe_note) == (date(2022, 4, 1), "innen 1. april")
        assert plan.find_measure("1.1.1").smart.deadline == date(2022, 5, 15)
        fourth = plan.find_measure("1.1.4")
        assert (fourth.marks, fourth.timeframe_note, fourth.smart.deadline) == (
            {2022: "x vår"},
            "ila våren 2022",
            None,
        )


def test_lines_that_found_no_place_stop_the_import(app: Planlogg, by: Provenance) -> None:
    with pytest.raises(ValidationError, match=r"^Linje 122: Fant ingen plass til «Tidligare"):
        app.import_plan("fonna-2021", outline("fonna_2021.txt").to_table(), "fonna", by)
    assert not app.plan_exists("fonna-2021")
