"""The dashboard's «Send på nytt» carries the attempt the page showed, so a press on a page
shown before another resend (a second tab, a colleague's press, a double click landing
while the first is being delivered) sends nothing."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from tests.notify.smtp_server import SmtpServer
from tests.web.conftest import KEY, caught_up, event_count, mailing_demo  # noqa: F401
from tests.web.test_reminder_buttons import (
    DASHBOARD,
    RESEND,
    SECRETARIAT,
    SYSTEM,
    editor,
    maybe_sent,
    press,
    reminder,
)


def test_the_resend_button_says_which_attempt_the_page_showed(
    mailing_demo: tuple[Flask, Planlogg],  # noqa: F811
) -> None:
    web, app = mailing_demo
    maybe_sent(web, app)

    page = editor(web, app).get(DASHBOARD).text

    assert f'<form method="post" action="{RESEND}?forsok=1">' in page


def test_a_press_on_a_page_shown_before_another_resend_sends_nothing(
    mailing_demo: tuple[Flask, Planlogg],  # noqa: F811
    smtp: SmtpServer,
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    app.intend_reminder(KEY, "R1", body, -1, (SECRETARIAT,), SYSTEM, resend=True)
    caught_up(web)
    client = editor(web, app)
    before = event_count(app)

    status, _, page = press(client, RESEND, body, forsok="1")

    assert status == 409
    assert "Påminnelsen til Sekretariat er sendt på nytt siden (forsøk 2)." in page
    assert smtp.inbox.messages == []
    assert event_count(app) == before
    assert (reminder(app, body).attempt, reminder(app, body).status.value) == (2, "intended")


def test_a_press_on_the_page_as_shown_sends_the_reminder(
    mailing_demo: tuple[Flask, Planlogg],  # noqa: F811
    smtp: SmtpServer,
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)

    status, _, _page = press(editor(web, app), RESEND, body, forsok="1")

    assert status == 303
    assert len(smtp.inbox.to(SECRETARIAT)) == 1
    assert (reminder(app, body).attempt, reminder(app, body).status.value) == (2, "sent")
