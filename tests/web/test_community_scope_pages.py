"""The pages a person limited to some health communities lands on work within them: the
list of plans shows the working versions of their communities' plans, and the auditors'
pages offer no choice of every plan (refused, 403) and carry the plan on their links.
Checked on SQLite and PostgreSQL, with a second community's plan beside the demo's."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from domain.people import Role
from tests.web.conftest import KEY
from tests.web.signed_in import signed_in
from tests.web.test_community_scope import OTHER_PLAN, OWN, site, someone

__all__ = ["site"]

WORKING = re.compile(r'href="/planer/([^/"]+)/arbeidsversjon"')
ALL_PLANS = '<option value="">Alle planer</option>'
HISTORY_LINK = re.compile(r'href="(/revisjon/\?[^"]*decision=[^"]*)"')
RESET = re.compile(r'<a href="(/revisjon/[^"]*)">Nullstill</a>')


def _page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def test_a_limited_editor_sees_the_working_plans_of_their_community(site) -> None:
    web, app = site
    limited = signed_in(web, someone(app, "vera", [Role.EDITOR], [OWN]))
    assert WORKING.findall(_page(limited, "/")) == [KEY]
    everyone = signed_in(web, someone(app, "rune", [Role.EDITOR]))
    assert sorted(WORKING.findall(_page(everyone, "/"))) == sorted([KEY, OTHER_PLAN])


def test_a_person_without_a_drafts_role_sees_no_working_plans(site) -> None:
    web, app = site
    admin = signed_in(web, someone(app, "ada", [Role.ADMINISTRATOR], [OWN]))
    assert WORKING.findall(_page(admin, "/")) == []


def test_a_limited_auditor_is_offered_no_history_of_every_plan(site) -> None:
    web, app = site
    limited = signed_in(web, someone(app, "revi", [Role.AUDITOR], [OWN]))
    for path in (f"/revisjon/?plan={KEY}", f"/revisjon/vedtak?plan={KEY}"):
        assert ALL_PLANS not in _page(limited, path), path
    refused = limited.get(f"/revisjon/?plan={KEY}&since=31.02.2024")
    assert refused.status_code == 422
    assert ALL_PLANS not in refused.get_data(as_text=True)
    [reset] = RESET.findall(_page(limited, f"/revisjon/?plan={KEY}"))
    assert reset == f"/revisjon/?plan={KEY}"
    everyone = signed_in(web, someone(app, "rune", [Role.AUDITOR]))
    for path in (f"/revisjon/?plan={KEY}", f"/revisjon/vedtak?plan={KEY}"):
        assert ALL_PLANS in _page(everyone, path), path
    [reset] = RESET.findall(_page(everyone, f"/revisjon/?plan={KEY}"))
    assert reset == "/revisjon/"


def test_a_limited_auditor_follows_the_decision_links_within_their_plan(site) -> None:
    web, app = site
    limited = signed_in(web, someone(app, "revi", [Role.AUDITOR], [OWN]))
    decisions = HISTORY_LINK.findall(_page(limited, f"/revisjon/vedtak?plan={KEY}"))
    rows = HISTORY_LINK.findall(_page(limited, f"/revisjon/?plan={KEY}&limit=500"))
    assert len(decisions) == 3
    assert len(rows) == 11
    for link in {*decisions, *rows}:
        path = link.replace("&amp;", "&")
        assert f"plan={KEY}" in path, path
        assert limited.get(path).status_code == 200, path


def test_an_auditor_of_every_community_follows_decision_links_across_plans(site) -> None:
    web, app = site
    everyone = signed_in(web, someone(app, "rune", [Role.AUDITOR]))
    decisions = HISTORY_LINK.findall(_page(everyone, f"/revisjon/vedtak?plan={KEY}"))
    assert decisions == [
        "/revisjon/?decision=ASU+sak+12/22",
        "/revisjon/?decision=PSU+sak+05/22",
        "/revisjon/?decision=ASU+sak+40/24",
    ]
