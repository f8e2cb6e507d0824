"""A heading broken over two lines by a PDF is still one heading.

A line in lower case under an area or goal heading is a paragraph of its own (a measure
written without its bullet), unless the heading stops mid-phrase, on a word no heading ends
on («… pasientar med»): a long heading in a PDF breaks before its last words. Taken as
paragraphs of their own, the goal's title lost them, and they became a note (or, under an
area heading, an unplaced line).
"""

from __future__ import annotations

from domain.plan_outline import PlanOutline
from domain.prose_plan import parse_prose_plan


def prose(text: str) -> PlanOutline:
    return parse_prose_plan([[line] for line in text.splitlines()])


def test_a_goal_heading_broken_by_a_pdf_keeps_its_last_words() -> None:
    outline = prose(
        "Handlingsplan 2024\n1. Samhandling\n"
        "1.1 Felles rutinar for oppfølging av pasientar med\nkroniske sjukdommar\n"
        "• Felles fagdag\n• Felles rutine\nTidsramme: 2024\n"
    )
    assert [(g.number, g.text) for a in outline.areas for g in a.goals] == [
        ("1.1", "Felles rutinar for oppfølging av pasientar med kroniske sjukdommar")
    ]
    assert outline.notes == ()


def test_an_area_heading_broken_by_a_pdf_keeps_its_last_words() -> None:
    outline = prose(
        "Handlingsplan 2024\n1. Samhandling mellom kommunane og\nhelseføretaket\n"
        "1.1 Felles rutinar\n• Felles fagdag\n"
    )
    assert [(a.number, a.title) for a in outline.areas] == [
        ("1", "Samhandling mellom kommunane og helseføretaket")
    ]
    assert outline.unplaced == ()


def test_a_measure_in_lower_case_under_a_whole_heading_is_its_own() -> None:
    outline = prose(
        "Handlingsplan 2024\n1. Samhandling\n1.1 Felles planarbeid\nsluttføre planarbeidet\n"
    )
    assert [(g.text, [m.text for m in g.measures]) for a in outline.areas for g in a.goals] == [
        ("Felles planarbeid", ["sluttføre planarbeidet"])
    ]
