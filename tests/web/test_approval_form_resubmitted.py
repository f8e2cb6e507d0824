"""An approval form for version 2, refused for a mistyped meeting date after the plan was
changed and sent for approval again as version 3: the page must still carry the version
the approver opened, so the corrected form is refused as a version changed since. The page
carried version 3 with the case typed for version 2, and correcting the date recorded ASU's
decision on version 2 as its approval of version 3, which adopted it."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from tests.web.forms import filled, form_fields
from tests.web.signed_in import person_with, signed_in
from tests.web.test_flow_approval_cases import KEY, SECRETARIAT, URL, submitted  # noqa: F401


def test_a_mistyped_date_does_not_move_the_approval_onto_a_version_submitted_since(
    submitted: Flask,  # noqa: F811
    demo_app: Planlogg,
) -> None:
    client = signed_in(submitted, person_with(demo_app, Role.APPROVER))
    opened = client.get(URL).text
    assert dict(form_fields(opened, URL))["version"] == "2"

    # Meanwhile the secretariat changes a measure and sends the plan for approval again.
    demo_app.reword_measure(KEY, "1.2.1", "Endret etter innsending", SECRETARIAT)
    assert demo_app.submit(KEY, ["ASU"], SECRETARIAT) == 3
    submitted.extensions["planlogg"].read_models.read_your_writes()

    typed = {"body": "ASU", "case": "sak 12/25", "meeting_date": "31.02.2025"}
    refused = client.post(URL, data=filled(opened, typed, URL))
    assert refused.status_code == 422
    corrected = filled(refused.text, {"meeting_date": "13.03.2025"}, URL)

    again = client.post(URL, data=corrected)

    plan = demo_app.get_plan(KEY)
    assert plan.header.adopted_version != 3, "version 3 adopted on the decision about version 2"
    assert again.status_code == 409
    assert "<p>Versjon 2 er ikke den som er sendt til godkjenning (det er versjon 3).</p>" in (
        again.text
    )
