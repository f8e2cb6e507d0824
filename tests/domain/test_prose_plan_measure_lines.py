"""Prose plans: "Ansvar:" lines, measures numbered "1.", "2." under a goal, and the
timeframe lines people write ("Tidsramme 2024", "Frist: 01.04", a deadline without a
year), also behind an invisible zero-width space."""

from __future__ import annotations

from datetime import date

import pytest

from domain.plan_outline import PlanOutline
from domain.prose_plan import parse_prose_plan


def prose(text: str) -> PlanOutline:
    return parse_prose_plan([[line] for line in text.splitlines()])


def test_an_ansvar_line_is_the_measures_responsible_body_not_a_measure_or_a_note() -> None:
    outline = prose(
        "Handlingsplan for 2024\n\n1. Samhandling\n\n1.1 Felles rutinar\n\n"
        "Utarbeide særavtale for utdanningsløp\n\nAnsvar: SSU\n\nTidsramme: 2024\n\n"
        "1.2 Opplæring\n\n• Felles fagdag\n\nAnsvar: Fagråd for legesamarbeid\n\n"
        "Tidsramme: Haust 2024\n"
    )
    assert [(m.number, m.text, m.responsible) for m in outline.measures] == [
        ("1.1.1", "Utarbeide særavtale for utdanningsløp", ("SSU",)),
        ("1.2.1", "Felles fagdag", ("Fagråd for legesamarbeid",)),
    ]
    assert outline.notes == ()


def test_a_deadline_without_a_year_falls_in_the_year_of_the_measures_timeframe() -> None:
    outline = prose(
        "Handlingsplan 2022-2024\n\n1. Samhandling\n\n1.1 Rutinar\n\n"
        "• Revidere avtalen innen 1. april\n\nTidsramme: Vår 2023\n"
    )
    measure = outline.measure("1.1.1")
    assert dict(measure.marks) == {2023: "x vår"}
    assert measure.deadline == date(2023, 4, 1)


def test_measures_numbered_1_2_under_a_goal_are_measures_not_new_areas() -> None:
    outline = prose(
        "Handlingsplan 2024\n\n1. Samhandling\n\n1.1 Rutinar\n\n"
        "1. Felles rutine for utskriving\n\n2. Felles opplæring\n\nTidsramme: 2024\n\n"
        "1.2 Kompetanse\n\n• Fagdag\n"
    )
    assert (outline.problems, outline.unplaced) == ((), ())
    assert [(a.number, a.title) for a in outline.areas] == [("1", "Samhandling")]
    assert [(m.number, m.text) for m in outline.measures] == [
        ("1.1.1", "Felles rutine for utskriving"),
        ("1.1.2", "Felles opplæring"),
        ("1.2.1", "Fagdag"),
    ]


def test_a_timeframe_line_without_a_colon_still_gives_the_year_mark() -> None:
    outline = prose(
        "Handlingsplan for 2024\n\n1. Samhandling\n\n1.1 Felles rutinar\n\n"
        "• Utarbeide særavtale\n\nTidsramme 2024\n"
    )
    assert dict(outline.measure("1.1.1").marks) == {2024: "x"}
    assert outline.notes == ()


def test_a_zero_width_space_before_a_bullet_does_not_hide_the_bullet() -> None:
    # Web pages (SharePoint, Teams wikis) put U+200B before list items; copied, it is invisible.
    outline = prose(
        "Handlingsplan for 2024\n\n1. Samhandling\n\n1.1 Felles rutinar\n\n"
        "\u200b• Felles fagdag\n\n\u200b• Felles rutine\n\nTidsramme: 2024\n"
    )
    assert [(m.number, m.text) for m in outline.measures] == [
        ("1.1.1", "Felles fagdag"),
        ("1.1.2", "Felles rutine"),
    ]


@pytest.mark.parametrize("line", ["Frist: 01.04", "Tidsramme: 1.4."])
def test_a_frist_line_with_a_day_and_month_gives_the_deadline_in_the_plans_year(
    line: str,
) -> None:
    outline = prose(
        f"Handlingsplan 2024\n\n1. Samhandling\n\n1.1 Rutinar\n\n• Felles rutine\n\n{line}\n"
    )
    assert outline.measure("1.1.1").deadline == date(2024, 4, 1)
