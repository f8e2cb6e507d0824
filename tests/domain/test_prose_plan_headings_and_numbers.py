"""Prose plans: a paragraph under a goal heading, a measure number before "I", and a plan
over two years written "2024/2025" or "2024–25"."""

from __future__ import annotations

import pytest

from domain.plan_outline import PlanOutline
from domain.prose_plan import parse_prose_plan


def prose(text: str) -> PlanOutline:
    return parse_prose_plan([[line] for line in text.splitlines()])


def test_a_measure_paragraph_in_lower_case_is_not_swallowed_by_the_goal_heading() -> None:
    # Fonna's goal 2.1 copied from the web page without its bullet glyphs (a browser copies
    # a <ul> without them): each paragraph of a goal without bullets is a measure.
    outline = prose(
        "Handlingsplan for 2021\n\n"
        "2. Oppfølging av andre samhandlings-initiativ\n\n"
        "2.1 Felles utviklingsplan for samarbeid og samhandling\n\n"
        "sluttføre planarbeidet\n\n"
        "Tidsramme: Vår 2021\n"
    )
    assert outline.goal("2.1").text == "Felles utviklingsplan for samarbeid og samhandling"
    assert [(m.number, m.text) for m in outline.measures] == [("2.1.1", "sluttføre planarbeidet")]


@pytest.mark.parametrize("period", ["2024/2025", "2024–25"])
def test_a_two_year_plan_written_with_a_slash_or_a_short_year_has_both_years(
    period: str,
) -> None:
    outline = prose(
        f"Handlingsplan {period}\n\n1. Samhandling\n\n1.1 Rutinar\n\n• Felles rutine\n\n"
        "Tidsramme: Vår 2025\n"
    )
    assert outline.period == (2024, 2025)


def test_a_numbered_measure_whose_sentence_starts_with_i_keeps_its_number_and_word() -> None:
    # "I samarbeid med …", "I løpet av 2024 …": the preposition is no letter of the number.
    outline = prose(
        "Handlingsplan 2024\n\n1. Samhandling\n\n1.1 Rutinar\n\n"
        "1.1.1 I samarbeid med kommunane lage ei felles rutine\n\n1.1.2 Felles opplæring\n"
    )
    assert [(m.number, m.text) for m in outline.measures] == [
        ("1.1.1", "I samarbeid med kommunane lage ei felles rutine"),
        ("1.1.2", "Felles opplæring"),
    ]
