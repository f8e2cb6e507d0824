"""The resend form's `forsok` read with `str.isdigit()` alone: digits `int()` cannot
read ("²") and numbers too long to convert were a 500, not the 422 every other field of the
form gives (`web.form_values.whole_number` exists for exactly this)."""

from __future__ import annotations

import pytest
from flask import Flask

from domain.application import Planlogg
from tests.notify.smtp_server import SmtpServer
from tests.web.conftest import event_count
from tests.web.test_reminder_buttons import RESEND, editor, maybe_sent, press


@pytest.mark.parametrize("attempt", ["²", "9" * 5000], ids=["superscript", "5000-digits"])
def test_a_resend_with_an_attempt_that_is_no_number_is_refused_as_a_form_error(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer, attempt: str
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    client = editor(web, app)
    before = event_count(app)

    status, _location, _page = press(client, RESEND, body, forsok=attempt)

    assert status == 422
    assert event_count(app) == before
    assert smtp.inbox.messages == []
