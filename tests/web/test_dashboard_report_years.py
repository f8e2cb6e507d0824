"""The dashboard links the annual reports that can be made: the plan's years that have begun.

A plan is adopted before its period begins (a plan for 2030–2031 in the autumn of 2029). Its
dashboard linked an annual report for each year of the period, and each link was refused with
422 ("Årsrapporten for 2030 kan ikke lages før året er begynt."). Before the period it links
none and says when the first can be made; once a year has begun, that year's.

The years are those of the plan the reports are on, the version in force, not a draft's: the
demo's version 1 (2022–2025) is in force, and its revision, not yet adopted, extends the
period to 2026, as a secretariat prolonging a plan does. In 2026 the dashboard (reading the
draft's period) linked a report for 2026, which the report (reading the period of the version
in force) refused with 422: "Det finnes ingen årsrapport for 2026: planperioden er 2022–2025."
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.signed_in import person_with, signed_in, web_on

BY = Provenance("Sekretariatet", Source.CLI)
PROLONGED = Provenance("Sekretariatet", Source.CLI, reason="Planen forlenges")
KEY = "framtid"
NONE_YET = "Den første årsrapporten, for 2030, kan lages når året har begynt."
AFTER_2025 = (
    "Det lages ingen årsrapport for 2026: planperioden sluttet i 2025. En revisjon kan gi "
    "planen en lengre periode."
)
"""Said on a dashboard in a year after the period of the plan its reports are on."""


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


def _dashboard_on(app: Planlogg, today: str, key: str = KEY) -> tuple[FlaskClient, str, list[str]]:
    """The dashboard as an editor sees it on `today`: the editor's client, the page and its
    annual report links."""
    client = signed_in(web_on(app, today), person_with(app, Role.EDITOR))
    page = client.get(f"/planer/{key}/dashbord")
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


@pytest.fixture
def adopted_then_moved(planned: Planlogg) -> Planlogg:
    """Version 1 (2030–2031) adopted in the autumn of 2029; its revision moves the period
    to 2031–2032."""
    version = planned.submit(KEY, ["ASU"], BY)
    planned.approve(KEY, version, "ASU", "sak 40/29", date(2029, 9, 20), BY)
    planned.start_revision(KEY, BY)
    planned.change_period(KEY, 2031, 2032, PROLONGED)
    return planned


def test_before_its_period_the_dashboard_says_the_first_year_of_the_version_in_force(
    adopted_then_moved: Planlogg,
) -> None:
    _client, page, links = _dashboard_on(adopted_then_moved, "2029-10-01")
    assert links == []
    assert page.count(NONE_YET) == 1


def test_in_the_first_year_of_the_version_in_force_its_report_is_linked_and_made(
    adopted_then_moved: Planlogg,
) -> None:
    client, _page, links = _dashboard_on(adopted_then_moved, "2030-03-01")
    assert links == [f"/planer/{KEY}/arsrapport/2030.pdf", f"/planer/{KEY}/arsrapport/2030.docx"]
    assert [client.get(link).status_code for link in links] == [200, 200]


def test_every_annual_report_the_dashboard_links_is_made_while_a_draft_extends_the_period(
    demo_app: Planlogg,
) -> None:
    demo_app.change_period(DEMO_PLAN, 2022, 2026, PROLONGED)
    client, _page, links = _dashboard_on(demo_app, "2026-03-02", DEMO_PLAN)
    assert links == [
        f"/planer/{DEMO_PLAN}/arsrapport/{year}.{fmt}"
        for year in (2025, 2024, 2023, 2022)
        for fmt in ("pdf", "docx")
    ]
    assert AFTER_2025 in _page
    assert {link: client.get(link).status_code for link in links[::2]} == {
        f"/planer/{DEMO_PLAN}/arsrapport/{year}.pdf": 200 for year in (2025, 2024, 2023, 2022)
    }


def test_within_its_period_the_dashboard_says_nothing_of_a_year_after_it(
    planned: Planlogg,
) -> None:
    _client, page, _links = _dashboard_on(planned, "2031-12-31")
    assert "Det lages ingen årsrapport" not in page


def test_after_its_period_the_dashboard_says_why_the_year_has_no_report(
    planned: Planlogg,
) -> None:
    _client, page, links = _dashboard_on(planned, "2032-01-02")
    assert links[0] == f"/planer/{KEY}/arsrapport/2031.pdf"
    assert (
        page.count(
            "Det lages ingen årsrapport for 2032: planperioden sluttet i 2031. En revisjon kan gi "
            "planen en lengre periode."
        )
        == 1
    )
