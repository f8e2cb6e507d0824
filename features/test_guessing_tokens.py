"""Guessing tokens is refused, also when several web workers serve (web).

The two workers are two apps on the demo, each with the settings `serve --workers 2`
gives its workers, counting in memory; the person at the keyboard is one client address.
"""

from __future__ import annotations

import re

from flask import Flask
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import load_demo
from tests.conftest import clear_of_a_minute_boundary  # noqa: F401 (a pytest fixture)
from tests.web.test_audit_pages import csrf_from
from tests.web.test_rate_limits import worker_of_two

scenarios("guessing_tokens.feature")

WRONG_TOKEN = "plg_feiltastet"


@given(
    "the demo plan is served by two web workers that count in their own memory",
    target_fixture="workers",
)
def two_workers(memory_app: Planlogg, clear_of_a_minute_boundary: None) -> list[Flask]:  # noqa: F811
    load_demo(memory_app)
    return [worker_of_two(memory_app, {"RATELIMIT_STORAGE_URI": "memory://"}) for _ in range(2)]


def attempt(web: Flask) -> TestResponse:
    client = web.test_client()
    return client.post("/logg-inn", data={"token": WRONG_TOKEN, "csrf_token": csrf_from(client)})


@when(
    parsers.parse("someone types a wrong token on the login form {times:d} times, all to the "
                  "first worker"),
    target_fixture="answers",
)  # fmt: skip
def all_to_one(workers: list[Flask], times: int) -> list[TestResponse]:
    return [attempt(workers[0]) for _ in range(times)]


@when(
    parsers.parse("someone types a wrong token on the login form {times:d} times, to each "
                  "worker in turn"),
    target_fixture="answers",
)  # fmt: skip
def in_turn(workers: list[Flask], times: int) -> list[TestResponse]:
    return [attempt(workers[n % 2]) for n in range(times)]


@then(parsers.parse("the first {count:d} attempts are told the token is wrong"))
def told_wrong(answers: list[TestResponse], count: int) -> None:
    assert [answer.status_code for answer in answers[:count]] == [401] * count


def assert_told_to_wait(answer: TestResponse) -> None:
    assert answer.status_code == 429
    wait = int(answer.headers["Retry-After"])
    assert 1 <= wait <= 61
    text = answer.get_data(as_text=True)
    assert "For mange forsøk fra din adresse. Vent" in text
    assert re.search(rf"Vent {wait} sekund(er)? og prøv igjen", text)


@then("the 6th is told in Norwegian to wait, with how many seconds")
def sixth_waits(answers: list[TestResponse]) -> None:
    assert len(answers) == 6
    assert_told_to_wait(answers[5])


@then("the 11th and 12th are told in Norwegian to wait, with how many seconds")
def eleventh_and_twelfth_wait(answers: list[TestResponse]) -> None:
    assert len(answers) == 12
    assert_told_to_wait(answers[10])
    assert_told_to_wait(answers[11])
