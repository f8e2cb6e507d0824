"""The history names each row's plan only when it lists several plans' changes: filtered to
one plan (as a person limited to one community always is), every row would repeat it, and
the column is left out. Checked on SQLite and PostgreSQL, with a second community's plan
beside the demo's."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from domain.people import Role
from tests.web.conftest import KEY
from tests.web.signed_in import signed_in
from tests.web.test_community_scope import OTHER_PLAN, OWN, site, someone

__all__ = ["site"]

HEADERS = re.compile(r'<th scope="col" role="columnheader">([^<]*)</th>')
PLAN_CELL = re.compile(r'data-label="Plan">([^<]*)</td>')
COLUMNS = ["#", "Tid (norsk tid)", "Person", "Kilde", "Del av planen", "Felt", "Før", "Etter",
           "Begrunnelse", "Vedtak"]  # fmt: skip


def _page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return response.text


def test_the_history_of_one_plan_has_no_plan_column(site) -> None:
    web, app = site
    for auditor in (
        signed_in(web, someone(app, "revi", [Role.AUDITOR], [OWN])),
        signed_in(web, someone(app, "rune", [Role.AUDITOR])),
    ):
        page = _page(auditor, f"/revisjon/?plan={KEY}&limit=500")
        assert HEADERS.findall(page) == COLUMNS
        assert PLAN_CELL.findall(page) == []
        assert page.count('<tr role="row">') == 1 + 283


def test_the_history_of_every_plan_names_each_rows_plan(site) -> None:
    web, app = site
    auditor = signed_in(web, someone(app, "rune", [Role.AUDITOR]))
    page = _page(auditor, "/revisjon/?limit=500")
    assert HEADERS.findall(page) == [*COLUMNS[:4], "Plan", *COLUMNS[4:]]
    plans = PLAN_CELL.findall(page)
    assert len(plans) == 500
    assert sorted(set(plans)) == ["", KEY, OTHER_PLAN]  # "": a change of a register
    nynorsk = _page(auditor, "/revisjon/?limit=25&lang=nn")
    assert '<th scope="col" role="columnheader">Plan</th>' in nynorsk
    assert len(PLAN_CELL.findall(nynorsk)) == 25
