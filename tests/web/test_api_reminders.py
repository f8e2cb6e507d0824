"""The API confirms or resends a "kanskje sendt" reminder for editors, as the dashboard does."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from tests.notify.smtp_server import SmtpServer
from tests.web.conftest import KEY, MAIL_FROM, event_count
from tests.web.test_reminder_buttons import SECRETARIAT, maybe_sent, reminder
from web.tokens import Role, create_token

CONFIRM = f"/api/plans/{KEY}/rounds/reminders/confirm"
RESEND = f"/api/plans/{KEY}/rounds/reminders/resend"
OTHER = "leiar@example.org"


def bearer(web: Flask, role: Role) -> dict[str, str]:
    token, _ = create_token(web.extensions["planlogg"].tokens, f"Token {role.value}", role)
    return {"Authorization": f"Bearer {token}"}


def last_event(app: Planlogg):
    return list(app.events.get(app.get_plan(KEY).id))[-1]


def test_an_editor_confirms_by_body_id_with_the_tokens_name_and_reason(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)

    response = web.test_client().post(
        CONFIRM,
        json={"body": body, "step": -1, "reason": "Leiaren stadfesta på telefon"},
        headers=bearer(web, Role.EDITOR),
    )

    assert response.status_code == 200, response.json
    assert response.json == {
        "done": "Påminnelsen er bekreftet sendt.",
        "key": KEY,
        "body": body,
        "step": -1,
        "reminder_status": "confirmed",
        "attempt": 1,
    }
    event = last_event(app)
    assert (type(event).__name__, event.by.actor, event.by.source, event.by.reason) == (
        "ReminderDeliveryConfirmed",
        "Token editor",
        "web",
        "Leiaren stadfesta på telefon",
    )


def test_an_editor_resends_by_name_and_one_mail_goes_as_attempt_two(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app, failed=True)

    response = web.test_client().post(
        RESEND, json={"body": "Sekretariat", "step": -1}, headers=bearer(web, Role.EDITOR)
    )

    assert response.status_code == 200, response.json
    assert response.json["reminder_status"] == "sent"
    assert response.json["attempt"] == 2
    assert response.json["body"] == body
    (mail,) = smtp.inbox.messages
    assert mail["From"] == MAIL_FROM
    assert mail["To"] == SECRETARIAT
    found = reminder(app, body)
    assert (found.status, found.attempt) == (ReminderStatus.SENT, 2)


NAMES = {Role.APPROVER: "godkjenner", Role.AUDITOR: "revisor"}


@pytest.mark.parametrize("role", [Role.APPROVER, Role.AUDITOR])
def test_other_roles_are_refused(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer, role: Role
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    before = event_count(app)
    client = web.test_client()
    headers = bearer(web, role)

    for url in (CONFIRM, RESEND):
        response = client.post(url, json={"body": body, "step": -1}, headers=headers)
        assert response.status_code == 403
        assert response.json["error"] == {
            "status": 403,
            "kind": "auth",
            "message": f"Rollen {NAMES[role]} har ikke tilgang til dette.",
        }
    assert event_count(app) == before
    assert smtp.inbox.messages == []


def test_without_a_mail_server_resend_answers_503_and_records_nothing(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    web.extensions["planlogg"].mailer = None
    body = maybe_sent(web, app)
    before = event_count(app)

    response = web.test_client().post(
        RESEND, json={"body": body, "step": -1}, headers=bearer(web, Role.EDITOR)
    )

    assert response.status_code == 503
    assert response.json["error"] == {
        "status": 503,
        "kind": "mail_unavailable",
        "message": "E-post er ikke satt opp på denne tjeneren (PLANLOGG_SMTP_URL mangler), så "
        "påminnelsen kan ikke sendes på nytt. Ingenting er registrert.",
    }
    assert event_count(app) == before


def test_a_sent_reminder_is_neither_confirmed_nor_resent(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    headers = bearer(web, Role.EDITOR)
    client = web.test_client()
    client.post(RESEND, json={"body": body, "step": -1}, headers=headers)
    before = event_count(app)

    confirmed = client.post(CONFIRM, json={"body": body, "step": -1}, headers=headers)
    resent = client.post(RESEND, json={"body": body, "step": -1}, headers=headers)

    assert (confirmed.status_code, resent.status_code) == (409, 409)
    assert confirmed.json["error"]["message"] == (
        "Påminnelsen til Sekretariat (1 dag etter fristen) er alt sendt. Bare en påminnelse som "
        "er «kanskje sendt», kan bekreftes sendt."
    )
    assert resent.json["error"]["message"] == (
        "Bare en påminnelse som er «kanskje sendt», «delvis sendt», feilet eller utsatt, kan "
        "sendes på nytt (Sekretariat, 1 dag etter fristen)."
    )
    assert event_count(app) == before
    assert len(smtp.inbox.messages) == 1


def test_a_step_without_a_reminder_is_not_found_and_a_bad_step_is_invalid(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    headers = bearer(web, Role.EDITOR)
    client = web.test_client()

    missing = client.post(RESEND, json={"body": body, "step": 3}, headers=headers)
    bad = client.post(CONFIRM, json={"body": body, "step": "ett"}, headers=headers)

    assert missing.status_code == 404
    assert missing.json["error"]["message"] == (
        "Sekretariat har ingen påminnelse (3 dager før fristen)."
    )
    assert bad.status_code == 422
    assert bad.json["error"]["fields"] == {"step": ["Må være et heltall."]}


def test_the_document_describes_both_actions(mailing_demo: tuple[Flask, Planlogg]) -> None:
    web, _ = mailing_demo
    paths = web.test_client().get("/api/openapi.json").json["paths"]

    resend = paths["/api/plans/{key}/rounds/reminders/resend"]["post"]
    confirm = paths["/api/plans/{key}/rounds/reminders/confirm"]["post"]
    assert resend["x-permission"] == confirm["x-permission"] == "edit"
    assert {"502", "503"} <= set(resend["responses"])
    assert "503" not in confirm["responses"]
    body = resend["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/ResendReminderCommand")


def test_the_document_names_every_status_a_reminder_may_be_resent_or_confirmed_from(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    """A step «delvis sendt» (some addresses took it) may be resent, to the others; only one
    «kanskje sendt» may be confirmed. The summaries named «kanskje sendt» and «feilet» only."""
    web, _ = mailing_demo
    paths = web.test_client().get("/api/openapi.json").json["paths"]

    resend = paths["/api/plans/{key}/rounds/reminders/resend"]["post"]
    confirm = paths["/api/plans/{key}/rounds/reminders/confirm"]["post"]
    assert resend["summary"] == (
        "Send en påminnelse som er «kanskje sendt», «delvis sendt», feilet eller utsatt, én "
        "gang til"
    )
    assert (
        "En påminnelse som er «delvis sendt», går bare til adressene som ikke fikk den."
        in resend["description"]
    )
    assert confirm["summary"] == "Bekreft at en påminnelse som er «kanskje sendt», kom fram"
    assert confirm["description"] == (
        "Bare en påminnelse som er «kanskje sendt» (e-posttjeneren har ikke svart for alle "
        "adressene), kan bekreftes. En som er «delvis sendt», feilet eller utsatt, sendes på "
        "nytt i stedet. Med attempt (forsøket du så) avvises bekreftelsen med 409 når "
        "påminnelsen er sendt på nytt siden."
    )


def test_a_resend_the_server_puts_off_is_said_as_put_off_and_tried_again(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    """A 451 at the end of the message, after the intent was recorded: not refused (the reason
    was empty, "avviste påminnelsen: "), but put off, and the next run sends it."""
    web, app = mailing_demo
    body = maybe_sent(web, app)
    smtp.inbox.data_answers[SECRETARIAT] = "451 4.3.0 Kom att seinare"

    response = web.test_client().post(
        RESEND, json={"body": "Sekretariat", "step": -1}, headers=bearer(web, Role.EDITOR)
    )

    assert response.status_code == 200, response.json
    assert (response.json["reminder_status"], response.json["body"]) == ("deferred", body)
    assert response.json["done"] == (
        "E-posttjeneren ba om å få påminnelsen senere; den blir prøvd igjen ved neste "
        "utsending: Tjeneren ba oss prøve igjen senere (451 4.3.0 Kom att seinare)."
    )


def test_a_second_resend_naming_the_attempt_it_saw_is_refused_while_the_first_is_delivering(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    """The mail server holds its reply to the first resend's message (its handler waits on an
    event) when a second resend comes with the attempt both callers saw: the reminder is
    "kanskje sendt" again, as the first resend's attempt 2, so the second sends nothing."""
    web, app = mailing_demo
    body = maybe_sent(web, app)
    headers = bearer(web, Role.EDITOR)
    command = {"body": body, "step": -1, "attempt": 1}
    answers: list[tuple[int, dict[str, Any]]] = []

    def first_resend() -> None:
        response = web.test_client().post(RESEND, json=command, headers=headers)
        answers.append((response.status_code, response.json or {}))

    first = threading.Thread(target=first_resend)
    smtp.inbox.hold.set()
    try:
        first.start()
        while first.is_alive() and not smtp.inbox.taken.wait(0.05):
            pass
        assert smtp.inbox.taken.is_set(), f"the first resend reached no mail server: {answers}"
        second = web.test_client().post(RESEND, json=command, headers=headers)
    finally:
        smtp.inbox.release.set()
        first.join(30)

    assert second.status_code == 422, second.json
    assert second.json["error"]["fields"] == {
        "attempt": ["Påminnelsen til Sekretariat er sendt på nytt siden (forsøk 2)."]
    }
    assert [(status, json["reminder_status"], json["attempt"]) for status, json in answers] == [
        (200, "sent", 2)
    ]
    assert len(smtp.inbox.to(SECRETARIAT)) == 1
    found = reminder(app, body)
    assert (found.status, found.attempt) == (ReminderStatus.SENT, 2)


def test_a_resend_naming_an_attempt_the_reminder_never_had_is_refused(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    before = event_count(app)

    response = web.test_client().post(
        RESEND, json={"body": body, "step": -1, "attempt": 3}, headers=bearer(web, Role.EDITOR)
    )

    assert response.status_code == 422, response.json
    assert response.json["error"]["fields"] == {
        "attempt": ["Påminnelsen til Sekretariat har ikke hatt forsøk 3 (siste er forsøk 1)."]
    }
    assert (event_count(app), smtp.inbox.messages) == (before, [])


def test_the_document_describes_the_attempt_a_resend_may_name(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, _ = mailing_demo
    document = web.test_client().get("/api/openapi.json").json

    schema = document["components"]["schemas"]["ResendReminderCommand"]
    assert schema["properties"]["attempt"]["type"] == "integer"
    assert "422" in document["paths"][RESEND.replace(KEY, "{key}")]["post"]["responses"]
    assert "attempt" not in schema.get("required", [])
    assert "forsøk" in schema["properties"]["attempt"]["description"]


def test_a_resend_put_off_for_a_body_that_has_reported_is_said_not_to_be_tried_again(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    """Put off after its intent, the reminder is deferred; but the body has reported, so no
    run sends it again, and the answer says so instead of "prøves igjen"."""
    web, app = mailing_demo
    body = maybe_sent(web, app)
    register = app.body_register(DEMO_COMMUNITY)
    reporter = Provenance("Sekretariatet", Source.WEB, reason="Statusrapport")
    for measure in app.get_plan(KEY).active_measures():
        if body in map(register.key_of, measure.responsible):
            app.report_status(KEY, measure.number, "grønn", "I rute.", reporter)
    smtp.inbox.data_answers[SECRETARIAT] = "451 4.3.0 Kom att seinare"

    response = web.test_client().post(
        RESEND, json={"body": body, "step": -1}, headers=bearer(web, Role.EDITOR)
    )

    assert response.status_code == 200, response.json
    assert (response.json["reminder_status"], response.json["attempt"]) == ("unneeded", 2)
    assert response.json["done"] == (
        "E-posttjeneren ba om å få påminnelsen senere, og den er ikke sendt. Den trengs ikke "
        "lenger og blir ikke prøvd igjen: Tjeneren ba oss prøve igjen senere (451 4.3.0 Kom "
        "att seinare)."
    )
    assert reminder(app, body).status is ReminderStatus.DEFERRED


def test_a_resend_one_address_refuses_is_said_as_partly_sent_naming_who_got_it(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    """It fell through to «avviste påminnelsen: » with an empty reason, although one address
    had it: a resend taken for some addresses is said as sent to those, and not to the rest."""
    web, app = mailing_demo
    body = maybe_sent(web, app)
    by = Provenance("Sekretariatet", Source.CLI, reason="Kontaktar")
    app.set_body_contacts(DEMO_COMMUNITY, "Sekretariat", [SECRETARIAT], [SECRETARIAT, OTHER], by)
    smtp.inbox.refused.add(OTHER)

    response = web.test_client().post(
        RESEND, json={"body": "Sekretariat", "step": -1}, headers=bearer(web, Role.EDITOR)
    )

    assert response.status_code == 200, response.json
    assert (response.json["reminder_status"], response.json["body"]) == ("partly_sent", body)
    assert response.json["done"] == (
        "Påminnelsen er sendt på nytt til sekretariat@example.org, men ikke til alle adressene: "
        "leiar@example.org avvist av e-posttjeneren: "
        "adressen finnes ikke hos mottakeren (550 5.1.1 Ukjend mottakar)"
    )
    assert smtp.inbox.envelopes == [[SECRETARIAT]]


def test_the_dashboard_gives_each_addresss_answer_of_a_partly_sent_reminder(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    maybe_sent(web, app)
    by = Provenance("Sekretariatet", Source.CLI, reason="Kontaktar")
    app.set_body_contacts(DEMO_COMMUNITY, "Sekretariat", [SECRETARIAT], [SECRETARIAT, OTHER], by)
    smtp.inbox.refused.add(OTHER)
    headers = bearer(web, Role.EDITOR)
    web.test_client().post(RESEND, json={"body": "Sekretariat", "step": -1}, headers=headers)

    found = web.test_client().get(f"/api/plans/{KEY}/dashboard", headers=headers).json
    (progress,) = [p for p in found["open_round"]["progress"] if p["body"] == "Sekretariat"]
    (view,) = progress["reminders"]
    assert (view["status"], view["attempt"], view["recipients"]) == (
        "partly_sent", 2, [SECRETARIAT, OTHER]
    )  # fmt: skip
    assert (view["taken"], view["put_off"], view["refused"]) == (
        [SECRETARIAT], {}, {OTHER: "550 5.1.1 Ukjend mottakar"}
    )  # fmt: skip
