"""The reason (Begrunnelse) an approver typed is given back, with the body, case and date, in
the «Det du skrev (ikke lagret)» line when the approval is refused because the version was
changed after it was sent for approval (the page then shows no form)."""

from __future__ import annotations

import re

from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from tests.web.forms import filled
from tests.web.signed_in import person_with, signed_in
from tests.web.test_flow_approval_cases import KEY, SECRETARIAT, URL, submitted  # noqa: F401

REASON = "Vedtatt med merknad om tiltak 1.2.1"
TYPED_LINE = re.compile(r'<p class="typed-text">(.*?)</p>')


def test_the_reason_typed_is_given_back_when_the_version_changed_since_submission(
    submitted: Flask,  # noqa: F811
    demo_app: Planlogg,
) -> None:
    client = signed_in(submitted, person_with(demo_app, Role.APPROVER))
    opened = client.get(URL).text
    demo_app.reword_measure(KEY, "1.2.1", "Endret etter innsending", SECRETARIAT)
    submitted.extensions["planlogg"].read_models.read_your_writes()
    typed = {"body": "ASU", "case": "sak 12/25", "meeting_date": "13.03.2025", "reason": REASON}

    refused = client.post(URL, data=filled(opened, typed, URL))

    assert refused.status_code == 409
    assert TYPED_LINE.findall(refused.text) == [
        "Det du skrev (ikke lagret): ASU, sak 12/25, møte 13.03.2025 (versjon 2). "
        f"Begrunnelse: «{REASON}»."
    ]
