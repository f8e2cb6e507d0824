"""Dates as Norwegian papers write them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.dates import (
    LAST_YEAR,
    DateError,
    DateInText,
    check_period,
    check_year,
    find_norwegian_date,
    format_norwegian_date,
    parse_norwegian_date,
    search_norwegian_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13.03.2024", date(2024, 3, 13)),
        ("13.3.24", date(2024, 3, 13)),
        ("2024-03-13", date(2024, 3, 13)),
        ("1. april 2022", date(2022, 4, 1)),
        ("1. April 2022", date(2022, 4, 1)),
        ("1 april 2022", date(2022, 4, 1)),
        ("1. april", date(2021, 4, 1)),
        ("innen 1. april", date(2021, 4, 1)),
        ("Innen medio mai", date(2021, 5, 15)),
        ("medio mai", date(2021, 5, 15)),
        ("primo juni", date(2021, 6, 1)),
        ("ultimo mai", date(2021, 5, 31)),
        ("ultimo februar 2024", date(2024, 2, 29)),
        ("innan 3. DESEMBER 2023", date(2023, 12, 3)),
        ("15.04", date(2021, 4, 15)),
        (" 11.09.2024. ", date(2024, 9, 11)),
        ("frist: 1. okt. 2024", date(2024, 10, 1)),
    ],
)
def test_parse_norwegian_date(text: str, expected: date) -> None:
    assert parse_norwegian_date(text, default_year=2021) == expected


MONTH_NAMES = "januar februar mars april mai juni juli august september oktober november desember"


@pytest.mark.parametrize(("number", "month"), enumerate(MONTH_NAMES.split(), start=1))
def test_every_month_name(number: int, month: str) -> None:
    assert parse_norwegian_date(f"2. {month} 2024") == date(2024, number, 2)


def test_text_in_a_date_field_is_refused_in_norwegian() -> None:
    with pytest.raises(DateError, match='Forstår ikke "neste veke" som dato'):
        parse_norwegian_date("neste veke")


def test_a_date_without_year_needs_a_default_year() -> None:
    with pytest.raises(DateError, match="mangler årstall"):
        parse_norwegian_date("1. april")


@pytest.mark.parametrize("text", ["31.02.2024", "2024-13-01", "32. mai 2024"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError, match=f'^"{re.escape(text)}" er ikke en gyldig dato\\.$'):
        parse_norwegian_date(text)


def test_format_norwegian_date() -> None:
    assert format_norwegian_date(date(2024, 3, 13)) == "13.03.2024"


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)))
def test_formatted_dates_parse_back(day: date) -> None:
    assert parse_norwegian_date(format_norwegian_date(day)) == day


def test_find_a_date_in_free_text() -> None:
    assert find_norwegian_date("Rapport innen 15.04 til ASU", 2024) == date(2024, 4, 15)
    assert find_norwegian_date("Vedtak i ASU 20.01.22.") == date(2022, 1, 20)
    assert find_norwegian_date("Se mål 2.1 og tiltak 2.1.3", 2024) is None


@pytest.mark.parametrize("text", ["01.01.0001", "9999-12-31", "31.12.1899", "01.01.2201"])
def test_dates_outside_the_range_are_refused_in_norwegian(text: str) -> None:
    with pytest.raises(DateError, match=f'Datoen "{text}" er utenfor det Planlogg tar imot'):
        parse_norwegian_date(text)


@pytest.mark.parametrize(("text", "day"), [("01.01.1900", date(1900, 1, 1)),
                                           ("2200-12-31", date(2200, 12, 31))])  # fmt: skip
def test_the_first_and_last_day_of_the_range_are_dates(text: str, day: date) -> None:
    assert parse_norwegian_date(text) == day


def test_a_period_must_lie_in_the_range_and_run_forwards() -> None:
    assert check_period(2022, 2024) == (2022, 2024)
    assert check_period(2025, 2025) == (2025, 2025)
    with pytest.raises(DateError, match="Siste året 99999 er utenfor"):
        check_period(2022, 99999)
    with pytest.raises(DateError, match="slutter før den begynner"):
        check_period(2024, 2022)


def test_search_says_where_the_date_stands_so_its_wording_can_be_quoted() -> None:
    text = "Helsefelleskap innlandet skal innen medio mai utarbeide en strategiplan"
    found = search_norwegian_date(text, 2022)
    assert found == DateInText(date(2022, 5, 15), 36, 45)
    assert text[found.start : found.end] == "medio mai"
    assert search_norwegian_date("for perioden 2022-2026", 2022) is None


def test_the_dates_a_refusal_offers_as_examples_are_read_as_written() -> None:
    """«Skriv f.eks. …» gave «medio mai», which a field with no year to go by refused in
    turn as missing its year: each example the refusal offers is now a date as it stands."""
    with pytest.raises(DateError) as refused:
        parse_norwegian_date("snart")
    offered = refused.value.message.split("Skriv f.eks. ", 1)[1].rstrip(".")
    examples = offered.replace(" eller ", ", ").split(", ")
    assert [parse_norwegian_date(example) for example in examples] == [
        date(2024, 3, 13),
        date(2024, 4, 1),
        date(2024, 5, 15),
    ]


def test_the_last_year_taken_is_taken() -> None:
    assert check_year(LAST_YEAR) == 2200
