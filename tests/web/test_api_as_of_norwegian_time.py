"""The API's «as of» reads a time without an offset as Norwegian time, as `planlogg show
--as-of` and the auditors' page do: it read it as UTC, one or two hours off, so the same
text gave another plan than the command line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import Flask

from domain.application import Planlogg
from domain.norwegian_time import OSLO, format_oslo_time
from tests.web.conftest import KEY, caught_up


def test_a_time_without_an_offset_is_norwegian_time(
    demo_app: Planlogg, web: Flask, auth: Callable[[str], dict[str, str]]
) -> None:
    caught_up(web)
    created = demo_app.get_plan(KEY).created_on.astimezone(OSLO)
    # A minute before the plan was created, in Norwegian time, written without an offset;
    # read as UTC it is an hour or two later, when the plan existed.
    before = (created - timedelta(minutes=1)).replace(tzinfo=None, microsecond=0)
    answer = web.test_client().get(
        f"/api/plans/{KEY}/as-of?at={before.isoformat()}", headers=auth("auditor")
    )
    assert answer.status_code == 404
    assert answer.json is not None
    assert f"sto {before:%d.%m.%Y %H:%M} (norsk tid)" in answer.json["error"]["message"]
    assert format_oslo_time(created) in answer.json["error"]["message"]
