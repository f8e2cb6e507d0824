"""«Send til godkjenning» from the working version, on SQLite and PostgreSQL
(`web.plan_cycle`): the bodies checked from the community's register and others typed,
the version the draft is sent as and its endringsnummer carried, so a draft changed or
sent since is refused naming it, and a form sent twice submits once."""

from __future__ import annotations

from html import unescape

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from domain.vocabulary import Stage
from tests.web.conftest import KEY, event_count
from tests.web.forms import filled, form_fields
from tests.web.signed_in import person_with, signed_in
from tests.web.test_community_scope import OTHER, someone
from tests.web.test_plan_cycle_forms import (
    ERRORS,
    NOTICE,
    WORKING,
    adopt,
    editor,
    last_event,
    main,
    site,
    token_of,
)

__all__ = ["site"]

SUBMIT = f"/planer/{KEY}/send-til-godkjenning"
OLA = Provenance("Ola Hansen", Source.CLI)


def revision(app: Planlogg) -> int:
    return app.get_plan(KEY).header.content_revision


def test_the_working_version_links_to_the_form_which_carries_what_it_shows(site) -> None:
    _web, app = site
    client = editor(site)
    assert f'<a href="{SUBMIT}">Send til godkjenning</a>' in client.get(WORKING).text
    page = client.get(SUBMIT).text
    read = revision(app)
    assert (
        f"versjon 2 (endringsnummer {read}) sendes til godkjenning. Planen er vedtatt når alle "
        "organene som er valgt, har godkjent den."
    ) in unescape(page)
    fields = form_fields(page, SUBMIT)
    assert [v for n, v in fields if n == "bodies"] == []
    assert (dict(fields)["version"], dict(fields)["revision"], dict(fields)["others"]) == (
        "2", str(read), "",
    )  # fmt: skip
    assert 'type="checkbox" id="body-asu" name="bodies" value="ASU">' in page
    assert (
        'value="St. Olavs"><label for="body-st-olavs-hospital-hf">St. Olavs hospital HF (St. Olavs)'
        in page
    )
    assert "planlogg" not in main(page).lower()


def test_the_draft_is_sent_to_the_bodies_checked_and_typed_and_a_new_name_is_told(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(SUBMIT).text
    data = filled(page, {"bodies": ["ASU"], "others": "Brukarrådet\r\n\r\n",
                         "reason": "Klar", "decision": "ASU sak 40/24"}, SUBMIT)  # fmt: skip
    sent = client.post(SUBMIT, data=data)
    assert (sent.status_code, sent.headers["Location"]) == (303, WORKING)
    header = app.get_plan(KEY).header
    assert header.stage == Stage.SUBMITTED
    assert header.submission is not None
    assert (header.submission.version, header.submission.required_bodies) == (
        2, ("ASU", "Brukarrådet"),
    )  # fmt: skip
    event = last_event(app)
    assert (type(event).__name__, event.by.source, event.by.reason, event.by.decision) == (
        "VersionSubmitted", Source.WEB, "Klar", "ASU sak 40/24",
    )  # fmt: skip
    assert NOTICE.findall(unescape(client.get(WORKING).text)) == [
        "Versjon 2 er sendt til godkjenning hos ASU, Brukarrådet.",
        "«Brukarrådet» er ikke et registrert organ; lagret som skrevet. Sekretariatet kan slå "
        "sammen skrivemåtene i organregisteret.",
    ]


def test_a_draft_changed_since_the_page_was_read_is_refused_naming_the_change(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(SUBMIT).text
    read = revision(app)
    app.reword_measure(KEY, "0.1.2", "Ola sin tekst.", OLA)
    before = event_count(app)
    refused = client.post(SUBMIT, data=filled(page, {"bodies": ["PSU"], "reason": "Klar"}, SUBMIT))
    assert refused.status_code == 409
    assert (
        f"Utkastet er endret siden du hentet det (endringsnummer {read}, nå {read + 1}). "
        "Ingenting er sendt. Se over utkastet, og send det på nytt om du fortsatt vil."
    ) in unescape(refused.text)
    assert event_count(app) == before
    kept = form_fields(refused.text, SUBMIT)
    assert [v for n, v in kept if n == "bodies"] == ["PSU"]
    assert (dict(kept)["revision"], dict(kept)["reason"]) == (str(read + 1), "Klar")
    again = client.post(SUBMIT, data=filled(refused.text, {}, SUBMIT))
    assert again.status_code == 303
    assert app.get_plan(KEY).header.submission.required_bodies == ("PSU",)


def test_a_form_sent_twice_submits_once_and_is_said_as_sent(site) -> None:
    _web, app = site
    client = editor(site)
    data = filled(client.get(SUBMIT).text, {"bodies": ["ASU", "PSU"]}, SUBMIT)
    assert client.post(SUBMIT, data=data).status_code == 303
    before = event_count(app)
    again = client.post(SUBMIT, data=data)
    assert (again.status_code, again.headers["Location"]) == (303, WORKING)
    assert event_count(app) == before
    assert app.get_plan(KEY).header.submission.version == 2
    assert NOTICE.findall(client.get(WORKING).text)[-1] == (
        "Versjon 2 er sendt til godkjenning hos ASU, PSU."
    )


def test_a_version_sent_since_to_other_bodies_is_not_sent_again(site) -> None:
    _web, app = site
    client = editor(site)
    data = filled(client.get(SUBMIT).text, {"bodies": ["ASU", "PSU"]}, SUBMIT)
    app.submit(KEY, ["PSU"], OLA)
    refused = client.post(SUBMIT, data=data)
    assert refused.status_code == 409
    assert (
        "Versjon 2 ble sendt til godkjenning hos PSU etter at du hentet planen. Ingenting er "
        "sendt på nytt."
    ) in unescape(refused.text)
    kept = form_fields(refused.text, SUBMIT)
    assert [v for n, v in kept if n == "bodies"] == ["ASU", "PSU"]
    assert dict(kept)["version"] == "3"
    assert app.get_plan(KEY).header.submission.version == 2


def test_no_body_is_refused_at_the_bodies_with_what_was_typed_kept(site) -> None:
    _web, app = site
    client = editor(site)
    data = filled(client.get(SUBMIT).text, {"bodies": [], "reason": "Klar"}, SUBMIT)
    before = event_count(app)
    refused = client.post(SUBMIT, data=data)
    assert refused.status_code == 422
    assert ERRORS.findall(refused.text) == [("bodies", "Minst ett organ må godkjenne planen.")]
    assert dict(form_fields(refused.text, SUBMIT))["reason"] == "Klar"
    assert event_count(app) == before


def test_an_adopted_plan_is_refused_as_the_command_line_refuses_it(site) -> None:
    web, app = site
    client = editor(site)
    data = filled(client.get(SUBMIT).text, {"bodies": "ASU"}, SUBMIT)
    adopt(web, app)
    page = client.get(SUBMIT).text
    assert "Planen er vedtatt; start en revisjon før ny innsending." in page
    assert form_fields(page, SUBMIT) == []
    data["version"] = ["3"]
    refused = client.post(SUBMIT, data=data)
    assert refused.status_code == 409
    assert "Planen er vedtatt; start en revisjon før ny innsending." in refused.text
    assert app.get_plan(KEY).header.stage == Stage.ADOPTED


@pytest.mark.parametrize("role", [Role.REPORTER, Role.AUDITOR, Role.APPROVER])
def test_only_editors_send_for_approval(site, role: Role) -> None:
    web, app = site
    client = signed_in(web, person_with(app, role))
    assert client.get(SUBMIT).status_code == 403
    data = {"csrf_token": token_of(client), "version": "2", "revision": "1", "bodies": "ASU"}
    assert client.post(SUBMIT, data=data).status_code == 403
    assert app.get_plan(KEY).header.stage == Stage.DRAFT


def test_an_editor_of_another_community_may_not_send_for_approval(site) -> None:
    web, app = site
    app.register_community(OTHER, "Helsefellesskapet Vestre Viken", OLA)
    client = signed_in(web, someone(app, "vera", [Role.EDITOR], [OTHER]))
    assert client.get(SUBMIT).status_code == 403
    data = {"csrf_token": token_of(client), "version": "2", "revision": "1", "bodies": "ASU"}
    assert client.post(SUBMIT, data=data).status_code == 403
    assert app.get_plan(KEY).header.stage == Stage.DRAFT
    assert isinstance(web, Flask)
