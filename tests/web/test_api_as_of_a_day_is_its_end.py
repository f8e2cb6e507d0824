"""The plan as of a day. The auditors' page (`?dato=`) and `planlogg show --as-of` read a day
as the end of that day in Norway; so does the API's `at` given a day without a time (ISO 8601
allows it): the same day gives the plan with that day's changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time

from flask.testing import FlaskClient

from domain.norwegian_time import OSLO, oslo_today
from tests.web.conftest import KEY


def test_the_api_reads_a_day_as_its_end_as_the_page_and_the_command_line_do(
    client: FlaskClient, auth: Callable[[str], dict[str, str]]
) -> None:
    today = oslo_today().isoformat()
    day_end = datetime.combine(oslo_today(), time.max, tzinfo=OSLO).astimezone(UTC)
    with_time = client.get(f"/api/plans/{KEY}/as-of?at={today}T23:59:59", headers=auth("auditor"))
    assert with_time.status_code == 200
    answer = client.get(f"/api/plans/{KEY}/as-of?at={today}", headers=auth("auditor"))
    assert answer.status_code == 200
    document, whole_seconds = answer.get_json(), with_time.get_json()
    assert document.pop("as_of") == day_end.isoformat()
    assert whole_seconds.pop("as_of") == day_end.replace(microsecond=0).isoformat(
        timespec="microseconds"
    )
    assert document == whole_seconds
