"""The approval form shows what was decided, on SQLite and PostgreSQL: the text of each
registered decision an approval cites, the decisions registered for the bodies still to
approve (their cases and texts, folded under the case number), and, on a form refused, the
text of the registered case typed. A case not registered says so."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import caught_up
from tests.web.forms import field_errors, filled
from tests.web.signed_in import person_with, signed_in

KEY = DEMO_PLAN
URL = f"/planer/{KEY}/godkjenning"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI)
ASU_TEXT = "ASU godkjenner handlingsplanen, versjon 2."
PSU_TEXT = "PSU sluttar seg til handlingsplanen."
ROUND_TEXT = "ASU ber leiar for kvart fagråd oppdatere status for kvart tiltak innan 11.09.2024."
OFFERED = re.compile(r'<details class="registered-decisions">.*?</details>', re.S)
CITED = re.compile(r'<dl class="decision-texts">.*?</dl>', re.S)


@pytest.fixture
def submitted(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    """The demo's draft version 2 submitted to ASU and PSU, ASU's and PSU's decisions about
    it registered (PSU's for the community, not the plan), and one of the secretariat's."""
    web, app = demo_on_database
    app.submit(KEY, ["ASU", "PSU"], SECRETARIAT)
    for case, body, day, text, plan in (
        ("sak 12/25", "ASU", date(2025, 3, 13), ASU_TEXT, KEY),
        ("sak 03/25", "PSU", date(2025, 3, 20), PSU_TEXT, ""),
        ("sak 01/25", "Sekretariat", date(2025, 3, 25), "Sekretariatet sender planen.", KEY),
    ):
        app.record_decision(DEMO_COMMUNITY, case, body, day, text, SECRETARIAT, plan=plan)
    caught_up(web)
    return web, app


def offered(page: str) -> list[str]:
    """The decisions the form offers under the case number, each as read."""
    (found,) = OFFERED.findall(page)
    return [unescape(re.sub(r"<[^>]+>", "", item)) for item in re.findall(r"<li>(.*?)</li>", found)]


def cited(page: str) -> list[tuple[str, str]]:
    """Each approval's decision and its text, as the page says them under the approvals."""
    (found,) = CITED.findall(page)
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", found, re.S)
    return [(unescape(term), unescape(text)) for term, text in pairs]


def approve(client, page: str, body: str, case: str, day: str):  # type: ignore[no-untyped-def]
    data = filled(page, {"body": body, "case": case, "meeting_date": day, "reason": "Møte"}, URL)
    return client.post(URL, data=data)


def test_the_decisions_registered_for_the_bodies_to_approve_are_offered_with_their_texts(
    submitted,
) -> None:
    """Newest first; not a case that adopted an earlier version (the domain refuses it), nor
    a decision of a body that is not asked to approve."""
    web, app = submitted
    page = signed_in(web, person_with(app, Role.APPROVER)).get(URL).text
    assert "<summary>Vedtak registrert for organene som skal godkjenne (3)</summary>" in page
    assert offered(page) == [
        f"PSU sak 03/25, møte 20.03.2025: {PSU_TEXT}",
        f"ASU sak 12/25, møte 13.03.2025: {ASU_TEXT}",
        f"ASU sak 40/24, møte 13.06.2024: {ROUND_TEXT}",
    ]
    assert not CITED.findall(page)


def test_an_approval_shows_the_text_of_the_decision_it_cites(submitted) -> None:
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    saved = approve(client, client.get(URL).text, "ASU", "sak 12/25", "13.03.2025")
    assert saved.status_code == 303
    page = client.get(saved.headers["Location"]).text
    assert cited(page) == [("ASU sak 12/25, møte 13.03.2025", ASU_TEXT)]
    assert offered(page) == [f"PSU sak 03/25, møte 20.03.2025: {PSU_TEXT}"]


def test_a_case_not_registered_is_said_to_have_no_registered_text(submitted) -> None:
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    saved = approve(client, client.get(URL).text, "PSU", "sak 09/25", "27.03.2025")
    assert saved.status_code == 303
    page = client.get(saved.headers["Location"]).text
    assert cited(page) == [("PSU sak 09/25, møte 27.03.2025", "Vedtaksteksten er ikke registrert.")]


def test_a_refused_form_shows_the_text_of_the_registered_case_typed(submitted) -> None:
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    refused = approve(client, client.get(URL).text, "ASU", "sak 12/25", "14.03.2025")
    assert refused.status_code == 422
    assert field_errors(unescape(refused.text)) == {
        "case": "ASU sak 12/25 ble vedtatt i møtet 13.03.2025, ikke 14.03.2025. Skriv "
        "saksnummeret fra møtet 14.03.2025, eller rett møtedatoen."
    }
    typed = re.search(r'<p class="hint" id="case-registered">(.*?)</p>', refused.text, re.S)
    assert typed is not None
    assert unescape(typed[1]) == f"Registrert: ASU sak 12/25, møte 13.03.2025: «{ASU_TEXT}»"
    assert 'aria-describedby="case-hint case-error case-registered"' in refused.text
