"""The dashboard links the annual reports that can be made: the plan's years that have begun.

A plan is adopted before its period begins (a plan for 2030–2031 in the autumn of 2029). Its
dashboard linked an annual report for each year of the period, and each link was refused with
422 ("Årsrapporten for 2030 kan ikke lages før året er begynt."). Before the period it links
none and says when the first can be made; once a year has begun, that year's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.signed_in import NOW, person_with, signed_in
from web import create_app
from web.tokens import InMemoryTokenStore

BY = Provenance("Sekretariatet", Source.CLI)
KEY = "framtid"
NONE_YET = "Den første årsrapporten, for 2030, kan lages når året har begynt."


@pytest.fixture
def planned() -> Iterator[Planlogg]:
    app = Planlogg.from_url("memory:")
    app.register_community("hf", "Helsefellesskapet", BY)
    app.create_plan(KEY, "Handlingsplan 2030–2031", "hf", 2030, 2031, BY)
    app.add_area(KEY, "1", "Område", BY)
    app.add_goal(KEY, "1.1", "Mål", BY)
    app.add_measure(KEY, "1.1.1", "Tiltak", BY, responsible=["ASU"], marks={2030: "x"})
    yield app
    app.close()


def _dashboard_on(app: Planlogg, today: str) -> tuple[FlaskClient, str, list[str]]:
    """The dashboard as an editor sees it on `today`: the editor's client, the page and its
    annual report links."""
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "t", "TESTING": True,
         "CLOCK": lambda: NOW, "TODAY": today},
        app=app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    web.extensions["planlogg"].read_models.read_your_writes()
    client = signed_in(web, person_with(app, Role.EDITOR))
    page = client.get(f"/planer/{KEY}/dashbord")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    links = re.findall(r'href="(/planer/[^"]+/arsrapport/[^"]+)"', text)
    return client, text, links


def test_before_its_period_the_dashboard_links_no_annual_report_and_says_when(
    planned: Planlogg,
) -> None:
    _client, page, links = _dashboard_on(planned, "2029-10-01")
    assert links == []
    assert page.count(NONE_YET) == 1


def test_in_the_periods_first_year_the_dashboard_links_that_years_report_which_is_made(
    planned: Planlogg,
) -> None:
    client, page, links = _dashboard_on(planned, "2030-03-01")
    assert links == [f"/planer/{KEY}/arsrapport/2030.pdf", f"/planer/{KEY}/arsrapport/2030.docx"]
    assert NONE_YET not in page
    assert [client.get(link).status_code for link in links] == [200, 200]
