"""Stored UTC moments are shown in Oslo time, summer and winter, across midnight."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.norwegian_time import format_oslo_date, format_oslo_time, in_oslo


def test_a_winter_moment_is_shown_one_hour_ahead_of_utc_even_across_midnight() -> None:
    assert format_oslo_time("2025-03-01T23:30:00+00:00") == "02.03.2025 00:30"
    assert format_oslo_date("2025-03-01T23:30:00.000000+00:00") == "02.03.2025"


def test_a_summer_moment_is_shown_two_hours_ahead_of_utc() -> None:
    assert format_oslo_time(datetime(2025, 6, 30, 22, 15, tzinfo=UTC)) == "01.07.2025 00:15"


def test_a_moment_without_an_offset_is_read_as_stored_utc() -> None:
    assert in_oslo("2025-01-10T08:00:00").isoformat() == "2025-01-10T09:00:00+01:00"
