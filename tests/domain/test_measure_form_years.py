"""The years a measure form's entries are read for (`entry_years`): the plan's, and each
year an entry the form sent is named by, so a form opened before the period moved loses
nothing typed in a year the period has left."""

from __future__ import annotations

from domain.measure_form import entry_years


def test_the_plans_years_and_every_year_an_entry_is_named_by() -> None:
    names = ["Tiltak", "2022", "vist:2021", "2025", "revision"]
    assert entry_years(range(2023, 2027), names) == (2022, 2023, 2024, 2025, 2026)


def test_names_that_are_no_year_in_range_are_not_years() -> None:
    names = ["0202", "1899", "2201", "20222", "٢٠٢٢", " 2022", "2022 "]
    assert entry_years(range(2023, 2025), names) == (2023, 2024)
