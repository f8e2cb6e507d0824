"""An approval form for version 2, refused (409) because the plan was changed and sent for
approval again as version 3 while it was open, comes back still carrying version 2 (as the
422 path does, test_approval_form_resubmitted): one more press of the button is refused
again, and never records ASU's decision on version 2 as its approval of version 3."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from tests.web.forms import filled, form_fields
from tests.web.signed_in import person_with, signed_in
from tests.web.test_flow_approval_cases import KEY, SECRETARIAT, URL, submitted  # noqa: F401


def test_a_form_refused_for_a_version_submitted_since_cannot_approve_it_by_pressing_again(
    submitted: Flask,  # noqa: F811
    demo_app: Planlogg,
) -> None:
    client = signed_in(submitted, person_with(demo_app, Role.APPROVER))
    opened = client.get(URL).text
    assert dict(form_fields(opened, URL))["version"] == "2"

    demo_app.reword_measure(KEY, "1.2.1", "Endret etter innsending", SECRETARIAT)
    assert demo_app.submit(KEY, ["ASU"], SECRETARIAT) == 3
    submitted.extensions["planlogg"].read_models.read_your_writes()

    typed = {"body": "ASU", "case": "sak 12/25", "meeting_date": "13.03.2025"}
    refused = client.post(URL, data=filled(opened, typed, URL))
    assert refused.status_code == 409
    assert "Versjon 2 er ikke den som er sendt til godkjenning (det er versjon 3)." in refused.text

    assert dict(form_fields(refused.text, URL))["version"] == "2"

    again = client.post(URL, data=filled(refused.text, {}, URL))

    assert (again.status_code, demo_app.get_plan(KEY).header.adopted_version) == (409, 1), (
        "version 3 adopted on the decision typed for version 2"
    )
