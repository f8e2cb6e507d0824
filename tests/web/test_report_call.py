"""Where a reporter reports: the dashboard they land on opens with a call to report while a
round is open, and the form says when its deadline has passed.

A walk through the pages as a first-time reporter found the only link to the form some
3,700 pixels down the dashboard on a phone, below the charts; and the form said «Runde R1
har frist 11.09.2024.» without saying that day had gone."""

from __future__ import annotations

import re

import pytest

from domain.application import Planlogg
from domain.people import Role
from tests.web.conftest import KEY
from tests.web.signed_in import SETUP, person_with, reporter, signed_in, web_on

BODY = "Fagråd for digital samhandling"
DASHBOARD = f"/planer/{KEY}/dashbord"
FORM = f"/planer/{KEY}/rapportere"
CALL = re.compile(r'<p class="report-call">(.*?)</p>', re.S)


def _call(page: str) -> list[str]:
    return [" ".join(re.sub(r"<[^>]+>", " ", found).split()) for found in CALL.findall(page)]


@pytest.mark.parametrize(
    ("today", "said"),
    [
        ("2024-09-05", "Rapporter status Runde R1 har frist 11.09.2024."),
        ("2024-09-11", "Rapporter status Runde R1 har frist 11.09.2024."),
        ("2024-09-12", "Rapporter status Runde R1 har frist 11.09.2024. Fristen er passert."),
    ],
)
def test_a_reporter_lands_on_a_call_to_report_at_the_top(
    demo_app: Planlogg, today: str, said: str
) -> None:
    client = signed_in(web_on(demo_app, today), reporter(demo_app, [BODY]))
    page = client.get(DASHBOARD).get_data(as_text=True)
    assert _call(page) == [said]
    assert page.index('class="report-call"') < page.index('id="per-omrade"')
    assert f'<a class="button-link" href="{FORM}">Rapporter status</a>' in page


def test_who_does_not_report_is_not_called_to(demo_app: Planlogg) -> None:
    client = signed_in(web_on(demo_app, "2024-09-05"), person_with(demo_app, Role.APPROVER))
    answer = client.get(DASHBOARD)
    assert answer.status_code == 200
    assert _call(answer.get_data(as_text=True)) == []


def test_no_call_when_no_round_is_open(demo_app: Planlogg) -> None:
    demo_app.close_reporting_round(KEY, SETUP)
    client = signed_in(web_on(demo_app, "2024-09-05"), reporter(demo_app, [BODY]))
    assert _call(client.get(DASHBOARD).get_data(as_text=True)) == []


@pytest.mark.parametrize(
    ("today", "said"),
    [
        ("2024-09-11", "<p>Runde R1 har frist 11.09.2024.</p>"),
        ("2024-09-12", "<p>Runde R1 har frist 11.09.2024. Fristen er passert.</p>"),
    ],
)
def test_the_form_says_when_its_deadline_has_passed(
    demo_app: Planlogg, today: str, said: str
) -> None:
    client = signed_in(web_on(demo_app, today), reporter(demo_app, [BODY]))
    page = client.get(FORM).get_data(as_text=True)
    assert said in page
    assert f'<a href="{DASHBOARD}">Tilbake til statusoversikten</a>' in page


def test_the_working_version_leads_whoever_reports_to_the_form(demo_app: Planlogg) -> None:
    web = web_on(demo_app, "2024-09-05")
    link = f'<a href="{FORM}">Rapporter status</a>'
    working = f"/planer/{KEY}/arbeidsversjon"
    reporting = signed_in(web, reporter(demo_app, [BODY])).get(working).get_data(as_text=True)
    approving = signed_in(web, person_with(demo_app, Role.APPROVER)).get(working)
    assert (reporting.count(link), approving.status_code) == (1, 200)
    assert link not in approving.get_data(as_text=True)
