"""An approval form sent after the version changed since its submission, with a date
the approver mistyped, comes back as a 422 about the date on a page that, the version being
changed, shows no form (`waiting` is emptied) and no "Det du skrev" line (shown only for a
409): the case and date typed are gone, and the refusal that matters is not the one said."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from tests.web.forms import filled
from tests.web.signed_in import person_with, signed_in
from tests.web.test_flow_approval_cases import KEY, SECRETARIAT, URL, submitted  # noqa: F401


def test_a_mistyped_date_on_a_version_changed_since_submission_keeps_what_was_typed(
    submitted: Flask,  # noqa: F811
    demo_app: Planlogg,
) -> None:
    client = signed_in(submitted, person_with(demo_app, Role.APPROVER))
    opened = client.get(URL).text
    demo_app.reword_measure(KEY, "1.2.1", "Endret etter innsending", SECRETARIAT)
    submitted.extensions["planlogg"].read_models.read_your_writes()
    before = demo_app.recorder.max_notification_id()
    data = filled(opened, {"body": "ASU", "case": "sak 12/25", "meeting_date": "31.02.2025"}, URL)

    refused = client.post(URL, data=data)

    assert demo_app.recorder.max_notification_id() == before
    assert refused.status_code == 422
    assert "sak 12/25" in refused.text
    assert "31.02.2025" in refused.text
    assert 'href="#meeting_date"' not in refused.text, "no link to a field the page lacks"
