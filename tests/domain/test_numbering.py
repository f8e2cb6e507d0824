"""Measure, goal and area numbers as users write them, and links between measures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.numbering import (
    Links,
    MeasureNumber,
    NumberingError,
    find_links,
    is_measure_number,
    number_sort_key,
    parse_area_heading,
    parse_goal_number,
    parse_measure_number,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1.2.1", MeasureNumber("1.2.1", "1.2", "1")),
        ("2.1.2A", MeasureNumber("2.1.2A", "2.1", "2")),
        ("2.1.3 A", MeasureNumber("2.1.3A", "2.1", "2")),
        ("2.1.2a", MeasureNumber("2.1.2A", "2.1", "2")),
        ("2.1.2A Ref. 1.6.1", MeasureNumber("2.1.2A", "2.1", "2", ("1.6.1",))),
        ("2.1.3 B Ref. 1.4.1", MeasureNumber("2.1.3B", "2.1", "2", ("1.4.1",))),
        ("<p>2.1.3 A Ref. 1.2.1</p>", MeasureNumber("2.1.3A", "2.1", "2", ("1.2.1",))),
        (" 0.6.1. ", MeasureNumber("0.6.1", "0.6", "0")),
        ("5.2.10", MeasureNumber("5.2.10", "5.2", "5")),
    ],
)
def test_parse_measure_number(cell: str, expected: MeasureNumber) -> None:
    assert parse_measure_number(cell) == expected


def test_membership_follows_the_number() -> None:
    parsed = parse_measure_number("2.1.3A")
    assert (parsed.goal, parsed.area) == ("2.1", "2")


@pytest.mark.parametrize(
    "cell", ["abc", "2.1", "2", "2.1.3 foo", "1.2.1234", "x.1.1", "2.1.3 Ref."]
)
def test_bad_measure_numbers_are_refused_in_norwegian(cell: str) -> None:
    with pytest.raises(NumberingError, match="er ikke et gyldig tiltaksnummer"):
        parse_measure_number(cell)


def test_the_message_names_the_cell_and_shows_examples() -> None:
    with pytest.raises(NumberingError) as caught:
        parse_measure_number("abc")
    assert caught.value.message == (
        '"abc" er ikke et gyldig tiltaksnummer (forventet f.eks. 2.1.3 eller 2.1.2A)'
    )


def test_an_empty_measure_number_is_missing() -> None:
    with pytest.raises(NumberingError, match="mangler"):
        parse_measure_number("  ")


def test_is_measure_number() -> None:
    assert is_measure_number("2.1.3 B Ref. 1.4.1")
    assert not is_measure_number("2.1")
    assert not is_measure_number("Tiltak")


@pytest.mark.parametrize(
    ("cell", "expected"), [("2.1", "2.1"), ("0.7.", "0.7"), ("<p>1.2</p>", "1.2")]
)
def test_parse_goal_number(cell: str, expected: str) -> None:
    assert parse_goal_number(cell) == expected


@pytest.mark.parametrize("cell", ["2", "2.1.1", "Mål", ""])
def test_bad_goal_numbers_are_refused(cell: str) -> None:
    with pytest.raises(NumberingError, match="målnummer"):
        parse_goal_number(cell)


def test_parse_area_heading() -> None:
    assert parse_area_heading("2. Utskrivningsklare pasienter") == (
        "2",
        "Utskrivningsklare pasienter",
    )
    assert parse_area_heading("0. Diverse administrative samhandlingstiltak") == (
        "0",
        "Diverse administrative samhandlingstiltak",
    )


@pytest.mark.parametrize(
    "line", ["2.1 Utskrivningsklare", "Handlingsplan 2022-2024", "2022 Plan", "Mål", "3."]
)
def test_lines_that_are_not_area_headings(line: str) -> None:
    with pytest.raises(NumberingError, match="overskrift til et innsatsområde"):
        parse_area_heading(line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ses i helhet med 1.2.1 og 2.1.1", Links(see_also=("1.2.1", "2.1.1"))),
        ("Ses i helhet med 2.1.3B/1.4.1 og 2.1.1", Links(see_also=("2.1.3B", "1.4.1", "2.1.1"))),
        ("Ref. 1.6.1", Links(references=("1.6.1",))),
        ("(jf. pkt. 0.6.1)", Links(references=("0.6.1",))),
        (
            "<p>Som 1.2.1 Ses i helhet med 2.1.3B/1.4.1 og 2.1.1</p>",
            Links(see_also=("2.1.3B", "1.4.1", "2.1.1"), references=("1.2.1",)),
        ),
        ("Ses i helhet med 2.1.3 A og 1.2.1", Links(see_also=("2.1.3A", "1.2.1"))),
        ("Jf. vedtak i ASU 20.01.22. 0.6.1 og 0.6.2 operasjonaliseres", Links()),
        ("Ref. sluttrapport fra 13.03.2024", Links()),
    ],
)
def test_find_links(text: str, expected: Links) -> None:
    assert find_links(text) == expected


def test_natural_sort_order() -> None:
    numbers = ["2.1.10", "2.1.2B", "1.10.1", "2.1.2A", "0.7.2", "2.1.2", "1.2.1"]
    assert sorted(numbers, key=number_sort_key) == [
        "0.7.2", "1.2.1", "1.10.1", "2.1.2", "2.1.2A", "2.1.2B", "2.1.10",
    ]  # fmt: skip


_NUMBERS = st.builds(
    lambda a, g, m, letter: f"{a}.{g}.{m}{letter}",
    st.integers(0, 20),
    st.integers(1, 20),
    st.integers(1, 30),
    st.sampled_from(["", "A", "B", "C"]),
)


@given(_NUMBERS)
def test_normalised_numbers_parse_to_themselves(number: str) -> None:
    assert parse_measure_number(number).number == number
    spaced = number[:-1] + " " + number[-1] if number[-1].isalpha() else number
    assert parse_measure_number(spaced).number == number


def test_a_link_before_a_sentence_starting_with_i_is_to_the_measure_itself() -> None:
    # "I" is a Norwegian word as well as a letter: "jf. 1.1.1 I samarbeid med …" links to
    # 1.1.1, not to a measure 1.1.1I that no plan has; "1.1.3 I." still reads as 1.1.3I.
    assert find_links("Jf. 1.1.1 I samarbeid med kommunane.").references == ("1.1.1",)
    assert find_links("Ses i sammenheng med 1.1.3 I.").see_also == ("1.1.3I",)
