"""Recording approvals in the browser, on SQLite and PostgreSQL: each one the signed-in
approver's from the web, a stale form refused with the submission as it stands now."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from domain.provenance import Provenance, Source
from domain.vocabulary import Stage
from projections import AuditQuery
from tests.web.conftest import send_demo_on_hearing
from tests.web.forms import filled, form_fields
from tests.web.signed_in import person_with, signed_in

KEY = DEMO_PLAN
URL = f"/planer/{KEY}/godkjenning"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI)


@pytest.fixture
def submitted(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    """The demo's draft version 2, submitted for ASU's and PSU's approval."""
    web, app = demo_on_database
    app.submit(KEY, ["ASU", "PSU"], SECRETARIAT)
    web.extensions["planlogg"].read_models.read_your_writes()
    return web, app


def approve(client, page: str, body: str, case: str, day: str) -> object:
    data = filled(page, {"body": body, "case": case, "meeting_date": day, "reason": "Møte"}, URL)
    return client.post(URL, data=data)


def test_each_approval_is_the_approvers_and_the_last_one_adopts_the_version(submitted) -> None:
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    page = client.get(URL)
    assert page.status_code == 200
    assert "Versjon 2 er sendt til godkjenning" in page.text
    first = approve(client, page.text, "ASU", "sak 12/25", "13.03.2025")
    assert first.status_code == 303
    shown = client.get(first.headers["Location"])
    assert "Godkjenningen fra ASU er registrert." in shown.text
    assert "<td>ASU sak 12/25</td><td>13.03.2025</td>" in shown.text
    second = approve(client, shown.text, "PSU", "PSU sak 03/25", "20.03.2025")
    adopted = client.get(second.headers["Location"]).text
    assert "Alle organer har godkjent: planen er nå vedtatt." in adopted
    assert app.get_plan(KEY).stage == Stage.ADOPTED
    rows = (
        web.extensions["planlogg"]
        .read_models.history(AuditQuery(plan=KEY, source="web", field="approval"))
        .rows
    )
    assert [(r.actor, r.decision) for r in rows] == [
        ("Approver (approver@helse.no)", "ASU sak 12/25"),
        ("Approver (approver@helse.no)", "PSU sak 03/25"),
    ]
    editor = signed_in(web, person_with(app, Role.EDITOR))
    working = editor.get(f"/planer/{KEY}/arbeidsversjon").text
    assert "Planen er vedtatt: innholdet kan endres igjen når en revisjon er startet." in working
    assert "/endre" not in working
    public = web.test_client().get(f"/planer/{KEY}").text
    assert "Vedtatt versjon 2, gjeldende." in public
    assert "<li>ASU sak 12/25, møte 13.03.2025</li>" in public
    assert "<li>PSU sak 03/25, møte 20.03.2025</li>" in public


def test_an_approval_from_a_stale_form_is_refused_with_the_submission_as_it_is_now(
    submitted,
) -> None:
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    opened = client.get(URL).text
    app.approve(KEY, 2, "ASU", "ASU sak 11/25", date(2025, 3, 6), SECRETARIAT)
    before = app.recorder.max_notification_id()
    refused = approve(client, opened, "ASU", "sak 12/25", "13.03.2025")
    assert refused.status_code == 409
    assert app.recorder.max_notification_id() == before
    assert "ASU har allerede godkjent versjon 2." in refused.text
    typed = "Det du skrev (ikke lagret): ASU, sak 12/25, møte 13.03.2025 (versjon 2)."
    assert typed in refused.text
    assert "<td>ASU sak 11/25</td><td>06.03.2025</td>" in refused.text
    assert '<option value="ASU"' not in refused.text


def test_a_meeting_date_that_is_not_a_date_is_refused_and_nothing_recorded(submitted) -> None:
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    before = app.recorder.max_notification_id()
    refused = approve(client, client.get(URL).text, "ASU", "sak 12/25", "i morgon")
    assert refused.status_code == 422
    assert app.recorder.max_notification_id() == before
    assert "Forstår ikke &#34;i morgon&#34; som dato." in refused.text
    assert 'value="sak 12/25"' in refused.text


@pytest.mark.parametrize(
    ("målform", "message"),
    [
        ("nb", "Skjemaet mangler versjonen du godkjenner. Last siden på nytt."),
        ("nn", "Skjemaet manglar versjonen du godkjenner. Last sida på nytt."),
    ],
)
@pytest.mark.parametrize("version", ["²", "٢", "9" * 5000, "9" * 19])
def test_a_version_that_is_not_a_whole_number_is_refused_in_norwegian(
    submitted, version: str, målform: str, message: str
) -> None:
    """`str.isdigit()` took "²" (then `int()` failed) and digits past Python's limit: 500s."""
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    page = client.get(f"{URL}?lang={målform}").text
    before = app.recorder.max_notification_id()
    data = filled(page, {"version": version, "body": "ASU", "case": "sak 12/25",
                         "meeting_date": "13.03.2025"}, URL)  # fmt: skip
    refused = client.post(URL, data=data)
    assert refused.status_code == 422
    assert app.recorder.max_notification_id() == before
    assert f"<p>{message}</p>" in refused.text
    assert 'value="sak 12/25"' in refused.text


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REPORTER, Role.AUDITOR])
def test_only_approvers_may_record_approvals(role: Role, people_web: Flask, demo_app) -> None:
    client = signed_in(people_web, person_with(demo_app, role))
    assert client.get(URL).status_code == 403


NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>')


@pytest.mark.parametrize(
    "query", ["godkjent=PSU&vedtatt=1", "godkjent=ASU&vedtatt=1", "godkjent=Ring+99+99+99+99"]
)
def test_an_address_cannot_make_the_page_tell_of_an_approval(submitted, query: str) -> None:
    """Before any approval of the draft: no body has approved, the plan is not adopted."""
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    page = client.get(f"{URL}?{query}")
    assert page.status_code == 200
    assert NOTICE.findall(page.text) == []


def test_the_page_tells_of_recorded_approvals_and_an_adoption_that_happened(submitted) -> None:
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    app.approve(KEY, 2, "ASU", "ASU sak 11/25", date(2025, 3, 6), SECRETARIAT)
    web.extensions["planlogg"].read_models.read_your_writes()
    assert NOTICE.findall(client.get(f"{URL}?godkjent=ASU&vedtatt=1").text) == [
        "Godkjenningen fra ASU er registrert."
    ]
    app.approve(KEY, 2, "PSU", "PSU sak 03/25", date(2025, 3, 20), SECRETARIAT)
    web.extensions["planlogg"].read_models.read_your_writes()
    for målform, approved, adopted in (
        (
            "nb",
            "Godkjenningen fra PSU er registrert.",
            "Alle organer har godkjent: planen er nå vedtatt.",
        ),
        (
            "nn",
            "Godkjenninga frå PSU er registrert.",
            "Alle organ har godkjent: planen er no vedteken.",
        ),
    ):
        page = client.get(f"{URL}?godkjent=PSU&vedtatt=1&lang={målform}")
        assert NOTICE.findall(page.text) == [f"{approved} {adopted}"]
    assert NOTICE.findall(client.get(f"{URL}?godkjent=SSU&vedtatt=1").text) == []


def test_a_refused_approval_never_preselects_a_body_the_approver_did_not_choose(
    submitted,
) -> None:
    """Refused because ASU's approval came first, the form offered only PSU, preselected
    with ASU's case and date: pressing the button again adopted the plan on a decision PSU
    never made. The choice starts empty, and the empty choice is refused."""
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    opened = client.get(URL).text
    assert approve(client, opened, "ASU", "sak 1/25", "13.03.2025").status_code == 303
    refused = approve(client, opened, "ASU", "sak 2/25", "14.03.2025")
    assert refused.status_code == 409
    assert '<option value="" selected>Velg organ</option>' in refused.text
    assert '<select id="body" name="body" required' in refused.text
    before = app.recorder.max_notification_id()
    again = client.post(URL, data=filled(refused.text, {}, URL))
    assert again.status_code == 422
    assert app.recorder.max_notification_id() == before
    assert '<p class="error" id="body-error">Velg organet som godkjente versjonen.</p>' in (
        again.text
    )
    assert list(app.get_plan(KEY).header.submission.approvals) == ["ASU"]


def test_the_body_chosen_stays_chosen_when_it_is_still_offered(submitted) -> None:
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    refused = approve(client, client.get(URL).text, "PSU", "", "13.03.2025")
    assert refused.status_code == 422
    assert '<option value="PSU" selected>PSU</option>' in refused.text
    assert '<option value="" selected>' not in refused.text


def test_a_reason_too_long_comes_back_on_the_form_with_everything_typed(submitted) -> None:
    """The reason was checked outside the form's refusals: a bare error page lost it all."""
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    data = filled(client.get(URL).text, {"body": "ASU", "case": "sak 12/25",
                  "meeting_date": "13.03.2025", "reason": "x" * 301}, URL)  # fmt: skip
    before = app.recorder.max_notification_id()
    refused = client.post(URL, data=data)
    assert refused.status_code == 422
    assert app.recorder.max_notification_id() == before
    message = "Begrunnelsen har for mange tegn: 301, men høyst 300 er lov."
    assert f'<p class="error" id="reason-error">{message}</p>' in refused.text
    assert 'aria-invalid="true"' in refused.text
    assert dict(form_fields(refused.text, URL)) | {"csrf_token": ""} == {
        "csrf_token": "", "version": "2", "body": "ASU", "case": "sak 12/25",
        "meeting_date": "13.03.2025", "reason": "x" * 301,
    }  # fmt: skip


FIELD_ERROR = re.compile(r'<p class="error" id="([a-z_]+)-error">(.*?)</p>')


@pytest.mark.parametrize(
    ("målform", "messages"),
    [
        ("nb", [("body", "Velg organet som godkjente versjonen."),
                ("case", "Godkjenningen må ha et saksnummer (f.eks. sak 11/24)."),
                ("meeting_date", "Skriv datoen for møtet der vedtaket ble gjort.")]),
        ("nn", [("body", "Vel organet som godkjende versjonen."),
                ("case", "Godkjenninga må ha eit saksnummer (t.d. sak 11/24)."),
                ("meeting_date", "Skriv datoen for møtet der vedtaket blei gjort.")]),
    ],
)  # fmt: skip
def test_every_missing_field_is_named_at_once_beside_it(
    submitted, målform: str, messages: list[tuple[str, str]]
) -> None:
    """With case and date both empty only the date was named; the body not at all."""
    web, app = submitted
    client = signed_in(web, person_with(app, Role.APPROVER))
    page = client.get(f"{URL}?lang={målform}").text
    refused = client.post(URL, data=filled(page, {}, URL))
    assert refused.status_code == 422
    assert FIELD_ERROR.findall(refused.text) == messages
    for field, _message in messages:
        assert f'href="#{field}"' in refused.text
        assert re.search(rf'id="{field}"[^>]*aria-describedby="[^"]*{field}-error"', refused.text)
    assert refused.text.count('aria-invalid="true"') == 3


def test_a_meeting_before_the_draft_went_on_hearing_is_refused_with_the_form_kept(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    send_demo_on_hearing(app, SECRETARIAT)
    app.submit(KEY, ["ASU", "PSU"], SECRETARIAT)
    web.extensions["planlogg"].read_models.read_your_writes()
    client = signed_in(web, person_with(app, Role.APPROVER))
    before = app.recorder.max_notification_id()
    refused = approve(client, client.get(URL).text, "ASU", "sak 12/24", "13.03.2024")
    assert refused.status_code == 422
    assert app.recorder.max_notification_id() == before
    assert (
        "Møtedatoen kan ikke være 13.03.2024: versjon 2 ble sendt på høring 03.02.2025."
        in refused.text
    )
    assert 'value="sak 12/24"' in refused.text
    assert 'value="13.03.2024"' in refused.text
