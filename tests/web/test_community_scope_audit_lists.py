"""An auditor limited to some health communities is offered, on the auditors' pages, only the
plans of those communities, and the register of decisions shows them no other community's
decisions or changes, even where another community's case number reads the same.
Checked on SQLite and PostgreSQL, with a second community's plan beside the demo's."""

from __future__ import annotations

import re
from datetime import date

from flask.testing import FlaskClient

from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import signed_in
from tests.web.test_community_scope import OTHER, OTHER_PLAN, OWN, site, someone

__all__ = ["site"]

PLAN_CHOICES = re.compile(r'<select id="plan" name="plan"[^>]*>(.*?)</select>', re.S)
OFFERED = re.compile(r'<option value="([^"]+)"')
DECISION = re.compile(r'<h2 id="vedtak-\d+">(.*?)</h2>')
CHANGED_PLAN = re.compile(r'<td[^>]*data-label="Plan"[^>]*>([^<]*)</td>')


def _plans_offered(page: str) -> list[str]:
    """The plans the page's plan filter offers (not "Alle planer")."""
    [choices] = PLAN_CHOICES.findall(page)
    return OFFERED.findall(choices)


def _offered(client: FlaskClient, path: str, status: int = 200) -> list[str]:
    response = client.get(path)
    assert response.status_code == status, response.get_data(as_text=True)
    return _plans_offered(response.get_data(as_text=True))


def test_the_history_filter_offers_a_limited_auditor_only_their_communitys_plans(site) -> None:
    web, app = site
    limited = signed_in(web, someone(app, "revi", [Role.AUDITOR], [OWN]))
    assert _offered(limited, f"/revisjon/?plan={KEY}") == [KEY]
    assert _offered(limited, f"/revisjon/?plan={KEY}&since=31.02.2024", 422) == [KEY]
    everyone = signed_in(web, someone(app, "rune", [Role.AUDITOR]))
    assert _offered(everyone, f"/revisjon/?plan={KEY}") == [KEY, OTHER_PLAN]


def test_the_decisions_show_a_limited_auditor_nothing_of_another_community(site) -> None:
    """Vestre Viken's ASU numbers its cases as St. Olavs' does: its "ASU sak 12/22", cited by
    a change in its own plan, is not St. Olavs' decision, nor is that change."""
    web, app = site
    other = Provenance("Sekretariatet VV", Source.CLI, reason="Test")
    case = app.record_decision(
        OTHER, "sak 12/22", "ASU", date(2022, 6, 1), "Vestre Viken vedtok.", other, OTHER_PLAN
    )
    assert case == "ASU sak 12/22"
    cited = Provenance("Sekretariatet VV", Source.CLI, reason="Test", decision=case)
    app.reword_measure(OTHER_PLAN, "0.1.2", "Vestre Vikens tekst", cited)
    app.add_body(OTHER, "Fagråd for rus", "fagleg", cited)
    caught_up(web)
    limited = signed_in(web, someone(app, "revi", [Role.AUDITOR], [OWN]))
    page = limited.get(f"/revisjon/vedtak?plan={KEY}").get_data(as_text=True)
    assert _plans_offered(page) == [KEY]
    assert DECISION.findall(page) == ["ASU sak 12/22", "PSU sak 05/22", "ASU sak 40/24"]
    assert "Vestre Viken vedtok." not in page
    assert set(CHANGED_PLAN.findall(page)) == {KEY}
    everyone = signed_in(web, someone(app, "rune", [Role.AUDITOR]))
    whole = everyone.get(f"/revisjon/vedtak?plan={KEY}").get_data(as_text=True)
    assert DECISION.findall(whole).count("ASU sak 12/22") == 1
    assert set(CHANGED_PLAN.findall(whole)) == {KEY, ""}
