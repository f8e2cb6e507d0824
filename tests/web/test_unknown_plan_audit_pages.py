"""The auditors' pages of a plan that does not exist (a key mistyped, or a plan's old key)
are not found (404, «Fant ingen plan med nøkkelen …»), as the comparison of its versions
and every API read of it are (tests/web/test_diff_of_an_unknown_plan_is_not_found.py).

The plan-as-of-a-date page showed its form for the plan that is not there (200), and refused
a mistyped date (422) as if the plan existed; the measure's timeline said the measure was
not found in it, and the hearing page that the version was never on hearing. The plan is
now looked up first, by the check the comparison page and the API reads make."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from domain.application import Planlogg
from domain.people import Role
from tests.web.signed_in import SETUP, person_with, signed_in

MISSING = "finst-ikkje"
NOT_FOUND_NB = 'Fant ingen plan med nøkkelen "finst-ikkje".'
NOT_FOUND_NN = 'Fann ingen plan med nøkkelen "finst-ikkje".'
PAGES = [
    f"/revisjon/{MISSING}/per-dato",
    f"/revisjon/{MISSING}/per-dato?dato=abc",
    f"/revisjon/{MISSING}/per-dato?dato=2025-01-01",
    f"/revisjon/{MISSING}/tiltak/1.1.1",
    f"/revisjon/{MISSING}/horinger/1",
    f"/revisjon/{MISSING}/endringer?a=1&b=2",
]


def auditor(people_web: Flask, demo_app: Planlogg, målform: str = "nb") -> FlaskClient:
    person = person_with(demo_app, Role.AUDITOR)
    if målform != "nb":
        demo_app.choose_person_language(person, målform, SETUP)
    return signed_in(people_web, person)


def test_the_plan_as_of_a_date_of_a_plan_that_does_not_exist_is_not_found(
    people_web: Flask, demo_app: Planlogg
) -> None:
    answer = auditor(people_web, demo_app).get(f"/revisjon/{MISSING}/per-dato")
    assert answer.status_code == 404
    assert escape(NOT_FOUND_NB) in answer.text


WRONG_ANSWER = pytest.mark.parametrize(
    ("page", "absent"),
    [
        pytest.param(
            f"/revisjon/{MISSING}/per-dato?dato=abc",
            escape("Må være en dato (ÅÅÅÅ-MM-DD)."),
            id="as-of-a-mistyped-date",
        ),
        pytest.param(
            f"/revisjon/{MISSING}/tiltak/1.1.1", "Fant ikke tiltak 1.1.1", id="measure-timeline"
        ),
        pytest.param(f"/revisjon/{MISSING}/horinger/1", "har ikke vært på høring", id="hearing"),
    ],
)
"""Each page with what it said of a plan that is not there as if the plan existed: the date
refused, the measure not found in it, the version never on hearing."""


@WRONG_ANSWER
def test_an_audit_page_of_a_plan_that_does_not_exist_names_the_plan_as_missing(
    people_web: Flask, demo_app: Planlogg, page: str, absent: str
) -> None:
    answer = auditor(people_web, demo_app).get(page)
    assert answer.status_code == 404
    assert escape(NOT_FOUND_NB) in answer.text
    assert absent not in answer.text


@pytest.mark.parametrize("page", PAGES)
def test_each_audit_page_of_a_plan_that_does_not_exist_says_so_in_nynorsk(
    people_web: Flask, demo_app: Planlogg, page: str
) -> None:
    answer = auditor(people_web, demo_app, "nn").get(page)
    assert answer.status_code == 404
    assert escape(NOT_FOUND_NN) in answer.text
