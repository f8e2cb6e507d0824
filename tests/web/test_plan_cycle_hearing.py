"""«Send på høring» from the working version, on SQLite and PostgreSQL (`web.plan_cycle`):
the deadline, the day sent and who is asked, checked as `hearing send` checks them, each
refusal at its field; the draft's endringsnummer carried, so a draft changed since is not
sent unseen, and a form sent twice sends once."""

from __future__ import annotations

from datetime import date, timedelta
from html import unescape

import pytest

from domain.dates import format_norwegian_date
from domain.norwegian_time import oslo_today
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
    editor,
    last_event,
    main,
    site,
    token_of,
)

__all__ = ["site"]

HEARING = f"/planer/{KEY}/send-paa-horing"
OLA = Provenance("Ola Hansen", Source.CLI)
SENT = {"deadline": "01.03.2025", "sent_on": "03.02.2025", "bodies": ["Trondheim kommune"],
        "others": "Brukarrådet", "reason": "Høyring før ASU"}  # fmt: skip


def test_the_working_version_links_to_the_form_which_has_today_filled_in(site) -> None:
    _web, app = site
    client = editor(site)
    assert f'<a href="{HEARING}">Send på høring</a>' in client.get(WORKING).text
    page = client.get(HEARING).text
    fields = dict(form_fields(page, HEARING))
    today = format_norwegian_date(oslo_today())
    assert (fields["deadline"], fields["sent_on"], fields["revision"]) == (
        "", today, str(app.get_plan(KEY).header.content_revision),
    )  # fmt: skip
    assert "utkastet til versjon 2 (endringsnummer" in page
    assert "planlogg" not in main(page).lower()


def test_the_draft_is_sent_on_hearing_to_those_checked_and_typed(site) -> None:
    _web, app = site
    client = editor(site)
    sent = client.post(HEARING, data=filled(client.get(HEARING).text, SENT, HEARING))
    assert (sent.status_code, sent.headers["Location"]) == (303, WORKING)
    plan = app.get_plan(KEY)
    hearing = plan.hearing()
    assert plan.header.stage == Stage.HEARING
    assert (hearing.version, hearing.deadline, hearing.sent_on, hearing.asked) == (
        2, date(2025, 3, 1), date(2025, 2, 3), ("Trondheim kommune", "Brukarrådet"),
    )  # fmt: skip
    event = last_event(app)
    assert (type(event).__name__, event.by.source, event.by.reason) == (
        "SentOnHearing", Source.WEB, "Høyring før ASU",
    )  # fmt: skip
    assert NOTICE.findall(client.get(WORKING).text) == [
        "Versjon 2 er sendt på høring til Trondheim kommune, Brukarrådet, med frist 01.03.2025."
    ]


def test_days_are_refused_at_their_fields_with_what_was_typed_kept(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(HEARING).text
    before = event_count(app)
    tomorrow = format_norwegian_date(oslo_today() + timedelta(days=1))
    today = format_norwegian_date(oslo_today())
    late = client.post(HEARING, data=filled(page, {**SENT, "sent_on": tomorrow}, HEARING))
    assert late.status_code == 422
    assert ERRORS.findall(unescape(late.text)) == [(
        "sent_on",
        f"Planen kan ikke være sendt på høring {tomorrow}, som er etter dagens dato ({today}).",
    )]  # fmt: skip
    early = client.post(HEARING, data=filled(page, {**SENT, "deadline": "01.01.2025"}, HEARING))
    assert early.status_code == 422
    assert ERRORS.findall(unescape(early.text)) == [(
        "deadline",
        "Høringsfristen kan ikke være 01.01.2025: planen ble sendt på høring 03.02.2025.",
    )]  # fmt: skip
    kept = form_fields(early.text, HEARING)
    assert (dict(kept)["deadline"], dict(kept)["others"], dict(kept)["reason"]) == (
        "01.01.2025", "Brukarrådet", "Høyring før ASU",
    )  # fmt: skip
    assert [v for n, v in kept if n == "bodies"] == ["Trondheim kommune"]
    blank = client.post(HEARING, data=filled(page, {**SENT, "deadline": ""}, HEARING))
    assert blank.status_code == 422
    assert [name for name, _said in ERRORS.findall(blank.text)] == ["deadline"]
    assert event_count(app) == before


def test_a_draft_changed_since_the_page_was_read_is_not_sent(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(HEARING).text
    read = app.get_plan(KEY).header.content_revision
    app.reword_measure(KEY, "0.1.2", "Ola sin tekst.", OLA)
    refused = client.post(HEARING, data=filled(page, SENT, HEARING))
    assert refused.status_code == 409
    assert (
        f"Utkastet er endret siden du hentet det (endringsnummer {read}, nå {read + 1}). "
        "Ingenting er sendt."
    ) in unescape(refused.text)
    assert app.get_plan(KEY).header.stage == Stage.DRAFT
    assert dict(form_fields(refused.text, HEARING))["revision"] == str(read + 1)
    assert client.post(HEARING, data=filled(refused.text, {}, HEARING)).status_code == 303
    assert app.get_plan(KEY).header.stage == Stage.HEARING


def test_a_form_sent_twice_sends_once_and_is_said_as_sent(site) -> None:
    _web, app = site
    client = editor(site)
    data = filled(client.get(HEARING).text, SENT, HEARING)
    assert client.post(HEARING, data=data).status_code == 303
    before = event_count(app)
    again = client.post(HEARING, data=data)
    assert (again.status_code, again.headers["Location"]) == (303, WORKING)
    assert event_count(app) == before


def test_a_draft_sent_since_with_another_deadline_is_refused_as_the_command_line_does(
    site,
) -> None:
    _web, app = site
    client = editor(site)
    data = filled(client.get(HEARING).text, SENT, HEARING)
    app.send_on_hearing(KEY, date(2025, 3, 15), OLA, asked=["PKO"], sent_on=date(2025, 2, 3))
    refused = client.post(HEARING, data=data)
    assert refused.status_code == 409
    assert "Bare et utkast kan sendes på høring (planen er på høring)." in unescape(refused.text)
    assert app.get_plan(KEY).hearing().asked == ("PKO",)
    assert "Bare et utkast kan sendes på høring (planen er på høring)." in unescape(
        client.get(HEARING).text
    )


@pytest.mark.parametrize("role", [Role.REPORTER, Role.AUDITOR, Role.APPROVER])
def test_only_editors_send_on_hearing(site, role: Role) -> None:
    web, app = site
    client = signed_in(web, person_with(app, role))
    assert client.get(HEARING).status_code == 403
    data = {"csrf_token": token_of(client), "revision": "1", "deadline": "01.03.2025",
            "sent_on": "03.02.2025"}  # fmt: skip
    assert client.post(HEARING, data=data).status_code == 403
    assert app.get_plan(KEY).header.stage == Stage.DRAFT


def test_an_editor_of_another_community_may_not_send_on_hearing(site) -> None:
    web, app = site
    app.register_community(OTHER, "Helsefellesskapet Vestre Viken", OLA)
    client = signed_in(web, someone(app, "vera", [Role.EDITOR], [OTHER]))
    assert client.get(HEARING).status_code == 403
    data = {"csrf_token": token_of(client), "revision": "1", "deadline": "01.03.2025",
            "sent_on": "03.02.2025"}  # fmt: skip
    assert client.post(HEARING, data=data).status_code == 403
    assert app.get_plan(KEY).header.stage == Stage.DRAFT
