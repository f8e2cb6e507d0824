"""An approval recorded in the browser cites its decision the one way decisions are
registered ("ASU sak 12/25"), however the approver wrote the case number, so the
decision's own list of changes shows the approval it led to."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from eventsourcing.persistence import RecordConflictError
from flask import Flask
from flask.testing import FlaskClient

from domain import application
from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from domain.plan import plan_id
from domain.provenance import Provenance, Source
from tests.web.forms import filled
from tests.web.signed_in import person_with, signed_in

KEY = DEMO_PLAN
URL = f"/planer/{KEY}/godkjenning"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI)


@pytest.fixture
def submitted(web: Flask, demo_app: Planlogg) -> Flask:
    """The demo's draft version 2 submitted for ASU's approval, and ASU's case registered."""
    demo_app.submit(KEY, ["ASU"], SECRETARIAT)
    demo_app.record_decision(
        "st-olavs", "sak 12/25", "ASU", date(2025, 3, 13), "ASU vedtar planen.", SECRETARIAT,
        plan=KEY,
    )  # fmt: skip
    web.extensions["planlogg"].read_models.read_your_writes()
    return web


@pytest.mark.parametrize(
    "case", ["ASU-sak 12/25", "asu sak 12/25", "12/25", "sak 12/2025", "ASU sak nr. 12/25"]
)
def test_an_approval_is_listed_under_its_decision_however_the_case_was_written(
    submitted: Flask, demo_app: Planlogg, case: str
) -> None:
    client = signed_in(submitted, person_with(demo_app, Role.APPROVER))
    page = client.get(URL).text
    data = filled(page, {"body": "ASU", "case": case, "meeting_date": "13.03.2025"}, URL)
    assert client.post(URL, data=data).status_code == 303
    read_models = submitted.extensions["planlogg"].read_models
    read_models.read_your_writes()
    decision = read_models.find_decision("ASU sak 12/25")
    assert decision is not None
    assert [(c.field, c.decision) for c in decision.changes] == [
        ("approval", "ASU sak 12/25"),
        ("adopted_version", "ASU sak 12/25"),
        ("stage", "ASU sak 12/25"),
    ]


@pytest.mark.parametrize(
    ("målform", "message"),
    [
        ("nb", "&#34;tolv&#34; er ikke et saksnummer. Skriv f.eks. &#34;sak 11/24&#34;"),
        ("nn", "&#34;tolv&#34; er ikkje eit saksnummer. Skriv t.d. &#34;sak 11/24&#34;"),
    ],
)
def test_a_case_that_is_no_case_number_is_refused_in_norwegian_and_nothing_recorded(
    submitted: Flask, demo_app: Planlogg, målform: str, message: str
) -> None:
    client = signed_in(submitted, person_with(demo_app, Role.APPROVER))
    page = client.get(f"{URL}?lang={målform}").text
    before = demo_app.recorder.max_notification_id()
    data = filled(page, {"body": "ASU", "case": "tolv", "meeting_date": "13.03.2025"}, URL)
    refused = client.post(URL, data=data)
    assert refused.status_code == 422
    assert demo_app.recorder.max_notification_id() == before
    assert message in refused.text
    assert 'value="tolv"' in refused.text


def test_an_approval_crowded_out_by_other_saves_is_refused_with_what_was_typed_kept(
    submitted: Flask, demo_app: Planlogg, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saves that lose to other writers every time end in a refusal on the approval page,
    the approver's case and date beside it, not on a bare error page that drops them."""
    client = signed_in(submitted, person_with(demo_app, Role.APPROVER))
    page = client.get(URL).text

    def crowded_out(*aggregates: object) -> None:
        raise RecordConflictError("busy")

    monkeypatch.setattr(application, "RETRY_PAUSE", 0)
    monkeypatch.setattr(demo_app, "save", crowded_out)
    data = filled(page, {"body": "ASU", "case": "sak 12/25", "meeting_date": "13.03.2025"}, URL)
    refused = client.post(URL, data=data)
    assert refused.status_code == 409
    assert "Godkjenningen ble ikke registrert" in refused.text
    assert f"Planen {KEY} ble endret av andre mange ganger på rad. Prøv igjen om litt." in (
        refused.text
    )
    typed = "Det du skrev (ikke lagret): ASU, sak 12/25, møte 13.03.2025 (versjon 2)."
    assert typed in refused.text


@pytest.mark.parametrize(
    ("målform", "words"),
    [
        ("nb", "Versjon 2 er endret etter at den ble sendt til godkjenning. "
               "Send planen inn på nytt før den kan godkjennes."),
        ("nn", "Versjon 2 er endra etter at han blei send til godkjenning. "
               "Send planen inn på nytt før han kan godkjennast."),
    ],
)  # fmt: skip
def test_a_version_changed_since_submission_is_said_so_before_anyone_fills_in_the_form(
    submitted: Flask, demo_app: Planlogg, målform: str, words: str
) -> None:
    """The page offered the form; the approver typed case and date only to be refused."""
    demo_app.reword_measure(KEY, "1.2.1", "Endret etter innsending", SECRETARIAT)
    submitted.extensions["planlogg"].read_models.read_your_writes()
    client = signed_in(submitted, person_with(demo_app, Role.APPROVER))
    page = client.get(f"{URL}?lang={målform}").text
    assert f'<p class="notice" role="status">{words}</p>' in page
    assert 'name="case"' not in page


def test_an_approval_from_a_form_opened_before_the_change_is_refused_saying_it_once(
    submitted: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(submitted, person_with(demo_app, Role.APPROVER))
    opened = client.get(URL).text
    demo_app.reword_measure(KEY, "1.2.1", "Endret etter innsending", SECRETARIAT)
    submitted.extensions["planlogg"].read_models.read_your_writes()
    before = demo_app.recorder.max_notification_id()
    data = filled(opened, {"body": "ASU", "case": "sak 12/25", "meeting_date": "13.03.2025"}, URL)
    refused = client.post(URL, data=data)
    assert refused.status_code == 409
    assert demo_app.recorder.max_notification_id() == before
    assert refused.text.count("Versjon 2 er endret etter at den ble sendt til godkjenning.") == 1
    typed = "Det du skrev (ikke lagret): ASU, sak 12/25, møte 13.03.2025 (versjon 2)."
    assert typed in refused.text


def test_an_api_approval_citing_another_decision_than_its_case_is_refused(
    submitted: Flask, demo_app: Planlogg, client: FlaskClient, auth: Callable[[str], dict[str, str]]
) -> None:
    """Sent with the decision "PSU sak 3/25" and the case "ASU sak 12/25", ASU's approval
    was listed under PSU's decision. An approval is decided by its own case."""
    demo_app.record_decision(
        "st-olavs", "sak 3/25", "PSU", date(2025, 3, 20), "PSU vedtar planen.", SECRETARIAT,
        plan=KEY,
    )  # fmt: skip
    submitted.extensions["planlogg"].read_models.read_your_writes()
    before = len(list(demo_app.events_of(plan_id(KEY))))
    approval = {"version": 2, "body": "ASU", "case": "ASU sak 12/25", "meeting_date": "2025-03-13"}
    refused = client.post(
        f"/api/plans/{KEY}/approvals",
        json={**approval, "decision": "PSU sak 3/25"},
        headers=auth("approver"),
    )
    assert refused.status_code == 422
    assert refused.json["error"]["fields"]["decision"] == [
        "Godkjenningen viser til vedtaket PSU sak 3/25, men saksnummeret er ASU sak 12/25. "
        "Oppgi det samme vedtaket, eller ikke noe vedtak."
    ]
    assert len(list(demo_app.events_of(plan_id(KEY)))) == before
    agreed = client.post(
        f"/api/plans/{KEY}/approvals",
        json={**approval, "decision": "asu sak 12/2025"},
        headers=auth("approver"),
    )
    assert agreed.status_code == 200, agreed.json
    assert agreed.json["adopted"] is True
