"""Withdrawing an approval registered by mistake, in the browser, on SQLite and PostgreSQL:
the approver's, from the web, with why; the body waits again; a stale or adopted version's
form is refused and nothing is withdrawn."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from domain.provenance import Provenance, Source
from projections import AuditQuery
from tests.web.forms import filled
from tests.web.signed_in import ISSUER, SETUP, person_with, signed_in

KEY = DEMO_PLAN
URL = f"/planer/{KEY}/godkjenning"
WITHDRAW = f"{URL}/trekk-tilbake"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI)


@pytest.fixture
def approved_by_asu(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    """The demo's draft version 2, submitted for ASU's and PSU's approval; ASU has approved
    it, citing sak 11/25 of 06.03.2025."""
    web, app = demo_on_database
    app.submit(KEY, ["ASU", "PSU"], SECRETARIAT)
    app.approve(KEY, 2, "ASU", "sak 11/25", date(2025, 3, 6), SECRETARIAT)
    web.extensions["planlogg"].read_models.read_your_writes()
    return web, app


def withdraw(client: FlaskClient, page: str, body: str, reason: str) -> object:
    """Send the withdrawal form of `body`'s approval as shown on `page`, with `reason`."""
    start = page.index(f"Trekk tilbake godkjenningen fra {body} ")
    return client.post(WITHDRAW, data=filled(page[start:], {"reason": reason}, WITHDRAW))


def sent_by(client: FlaskClient, own_page: str, page: str, reason: str) -> TestResponse:
    """ASU's withdrawal form as an approver's `page` shows it, sent by someone else signed in
    (`client`), with the form token of a page of their own: refused for who they are, not
    for a token of another session."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(own_page).text)
    assert token is not None
    start = page.index("Trekk tilbake godkjenningen fra ASU ")
    data = filled(page[start:], {"reason": reason, "csrf_token": token[1]}, WITHDRAW)
    return client.post(WITHDRAW, data=data)


def test_the_approver_withdraws_an_approval_and_the_body_waits_again(approved_by_asu) -> None:
    web, app = approved_by_asu
    client = signed_in(web, person_with(app, Role.APPROVER))
    page = client.get(URL).text
    assert "Trekk tilbake godkjenningen fra ASU (ASU sak 11/25, møte 06.03.2025)" in page
    done = withdraw(client, page, "ASU", "Saka gjaldt versjon 1.")
    assert done.status_code == 303
    shown = client.get(done.headers["Location"]).text
    assert "Godkjenningen fra ASU er trukket tilbake. ASU venter på nytt." in shown
    assert re.search(r'<th scope="row">ASU</th>\s*<td>venter</td>', shown)
    assert '<option value="ASU">ASU</option>' in shown
    assert "Trekk tilbake en godkjenning" not in shown
    submission = app.get_plan(KEY).header.submission
    assert submission is not None and dict(submission.approvals) == {}
    rows = (
        web.extensions["planlogg"]
        .read_models.history(AuditQuery(plan=KEY, field="approval_withdrawn"))
        .rows
    )
    assert [(r.actor, r.source, r.reason, r.before) for r in rows] == [
        ("Approver (approver@helse.no)", "web", "Saka gjaldt versjon 1.",
         "ASU godkjende versjon 2 (ASU sak 11/25, 2025-03-06)"),
    ]  # fmt: skip


def test_a_withdrawal_without_why_is_refused_at_its_field_and_nothing_withdrawn(
    approved_by_asu,
) -> None:
    web, app = approved_by_asu
    client = signed_in(web, person_with(app, Role.APPROVER))
    before = app.recorder.max_notification_id()
    refused = withdraw(client, client.get(URL).text, "ASU", " ")
    assert refused.status_code == 422
    assert app.recorder.max_notification_id() == before
    assert (
        '<a href="#withdraw-reason">Hvorfor trekkes godkjenningen tilbake?: '
        "Begrunnelsen må fylles ut.</a>"
    ) in refused.text
    assert '<details class="withdrawal" open>' in refused.text
    assert '<p class="error" id="withdraw-reason-error">Begrunnelsen må fylles ut.</p>' in (
        refused.text
    )


def test_an_approval_registered_anew_since_the_page_was_read_is_not_withdrawn_though_same_case(
    approved_by_asu,
) -> None:
    web, app = approved_by_asu
    client = signed_in(web, person_with(app, Role.APPROVER))
    opened = client.get(URL).text
    app.withdraw_approval(KEY, 2, "ASU", "Feil møtedato.", SECRETARIAT)
    app.approve(KEY, 2, "ASU", "sak 11/25", date(2025, 3, 7), SECRETARIAT)
    before = app.recorder.max_notification_id()
    refused = withdraw(client, opened, "ASU", "Saka gjaldt versjon 1.")
    assert refused.status_code == 409
    assert app.recorder.max_notification_id() == before
    assert "<h2>Godkjenningen ble ikke trukket tilbake</h2>" in refused.text
    assert (
        "Godkjenningen fra ASU er registrert på nytt siden du så den (nå ASU sak 11/25, møte "
        "07.03.2025). Se over godkjenningene før du trekker den tilbake."
    ) in refused.text
    assert "<td>ASU sak 11/25</td><td>07.03.2025</td>" in refused.text


def test_an_approval_of_a_version_adopted_since_is_not_withdrawn(approved_by_asu) -> None:
    web, app = approved_by_asu
    client = signed_in(web, person_with(app, Role.APPROVER))
    opened = client.get(URL).text
    app.approve(KEY, 2, "PSU", "sak 3/25", date(2025, 3, 20), SECRETARIAT)
    refused = withdraw(client, opened, "ASU", "Saka gjaldt versjon 1.")
    assert refused.status_code == 409
    assert (
        "Versjon 2 er vedtatt, og godkjenningene av den kan ikke trekkes tilbake. "
        "Start en revisjon for å endre planen."
    ) in refused.text
    assert "Trekk tilbake godkjenningen fra" not in refused.text


def test_only_an_approver_withdraws_an_approval(approved_by_asu) -> None:
    web, app = approved_by_asu
    page = signed_in(web, person_with(app, Role.APPROVER)).get(URL).text
    editor = signed_in(web, person_with(app, Role.EDITOR))
    refused = sent_by(editor, f"/planer/{KEY}/arbeidsversjon", page, "Saka gjaldt versjon 1.")
    assert refused.status_code == 403
    assert "Rollen redaktør har ikke tilgang til dette." in refused.text
    submission = app.get_plan(KEY).header.submission
    assert submission is not None and list(submission.approvals) == ["ASU"]


def test_the_withdrawal_speaks_nynorsk(approved_by_asu) -> None:
    web, app = approved_by_asu
    approver = person_with(app, Role.APPROVER)
    app.choose_person_language(approver, "nn", SETUP)
    client = signed_in(web, approver)
    page = client.get(URL).text
    assert "Trekk tilbake godkjenninga frå ASU (ASU sak 11/25, møte 06.03.2025)" in page
    start = page.index("Trekk tilbake godkjenninga frå ASU ")
    done = client.post(
        WITHDRAW, data=filled(page[start:], {"reason": "Saka galdt versjon 1."}, WITHDRAW)
    )
    shown = client.get(done.headers["Location"]).text
    assert "Godkjenninga frå ASU er trekt tilbake. ASU ventar på nytt." in shown


def test_the_last_body_to_approve_is_told_its_approval_adopts_the_version(approved_by_asu) -> None:
    web, app = approved_by_asu
    client = signed_in(web, person_with(app, Role.APPROVER))
    page = client.get(URL).text
    assert (
        '<p class="notice">PSU er det siste organet som skal godkjenne: når godkjenningen er '
        "registrert, er versjon 2 vedtatt, og godkjenningene kan da ikke trekkes tilbake.</p>"
    ) in page
    app.withdraw_approval(KEY, 2, "ASU", "Feil sak.", SECRETARIAT)
    web.extensions["planlogg"].read_models.read_your_writes()
    again = client.get(URL).text
    assert "er det siste organet som skal godkjenne" not in again


def test_a_withdrawal_form_without_the_approval_it_showed_is_refused_above_the_approvals(
    approved_by_asu,
) -> None:
    web, app = approved_by_asu
    client = signed_in(web, person_with(app, Role.APPROVER))
    page = client.get(URL).text
    start = page.index("Trekk tilbake godkjenningen fra ASU ")
    before = app.recorder.max_notification_id()
    data = filled(page[start:], {"reason": "Feil.", "meeting_date": ""}, WITHDRAW)
    refused = client.post(WITHDRAW, data=data)
    assert refused.status_code == 422
    assert app.recorder.max_notification_id() == before
    assert (
        "<h2>Godkjenningen ble ikke trukket tilbake</h2>\n  <p>Skjemaet mangler godkjenningen "
        "du trekker tilbake. Last siden på nytt.</p>"
    ) in refused.text


def test_an_approver_of_another_community_withdraws_nothing_here(approved_by_asu) -> None:
    web, app = approved_by_asu
    page = signed_in(web, person_with(app, Role.APPROVER)).get(URL).text
    app.register_community("vestre-viken", "Helsefellesskapet Vestre Viken", SETUP)
    other = app.add_person(ISSUER, "annen", "annen@helse.no", "Annen", SETUP)
    app.grant_roles(other, [Role.APPROVER], SETUP, communities=["vestre-viken"])
    elsewhere = signed_in(web, other)
    refused = sent_by(elsewhere, "/profil", page, "Feil.")
    assert refused.status_code == 403
    assert "Du har ikke tilgang til helsefellesskapet st-olavs" in refused.text
    submission = app.get_plan(KEY).header.submission
    assert submission is not None and list(submission.approvals) == ["ASU"]


def test_the_approver_reads_what_the_version_sent_for_approval_changes(approved_by_asu) -> None:
    """The walk's approver could not open the comparison of what they approve: the
    comparison of adopted versions and the hearing's page are the auditors' and editors'."""
    web, app = approved_by_asu
    client = signed_in(web, person_with(app, Role.APPROVER))
    page = client.get(URL).text
    changes = f"{URL}/endringer"
    assert (f'<p><a href="{changes}">Se hva versjon 2 endrer fra vedtatt versjon 1</a></p>') in page
    shown = client.get(changes)
    assert shown.status_code == 200
    rows = re.findall(r'<tr role="row">(.*?)</tr>', shown.text, re.S)
    cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]
    assert cells == [
        "Tiltak Felt Vedtatt versjon 1 Versjon 2",
        "0.1.2 tekst Utarbeide årshjul. Utarbeide årshjul for 2025 med faste rapporteringspunkt .",
    ]
    assert "<ins>for 2025 med faste rapporteringspunkt</ins>" in shown.text
    editor = signed_in(web, person_with(app, Role.EDITOR))
    assert editor.get(changes).status_code == 403
    assert web.test_client().get(changes).status_code == 302
