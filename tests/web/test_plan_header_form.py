"""«Endre tittel og planperiode» on the working version, on SQLite and PostgreSQL: the folded
form changes a plan's title and period as the signed-in editor's from the web; the title and
period as shown ride along hidden, so one set by someone else since is refused (409) naming
who set it to what, with what was typed kept; every refusal is said at its field, in the
målform of the page; and a plan of one year reads «Planperiode 2022», never «2022–2022»."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.norwegian_time import oslo_today
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up, event_count
from tests.web.forms import field_errors, filled, form_fields
from tests.web.signed_in import person_with, signed_in

TODAY = oslo_today().strftime("%d.%m.%Y")
"""The day the tests make their changes, as a refusal names it (Norwegian time)."""

WORKING = f"/planer/{KEY}/arbeidsversjon"
ACTION = f"/planer/{KEY}/tittel-og-periode"
TITLE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>')
OLA = Provenance("Ola Hansen", Source.CLI)


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def editor(site: tuple[Flask, Planlogg]) -> FlaskClient:
    web, app = site
    return signed_in(web, person_with(app, Role.EDITOR))


def value(page: str, name: str) -> str:
    """What the title and period form shows in its field `name`, as a browser sends it."""
    return dict(form_fields(page, ACTION))[name]


def header(app: Planlogg) -> tuple[str, int, int]:
    found = app.get_plan(KEY).header
    return found.title, found.first_year, found.last_year


def test_the_form_is_folded_and_carries_the_title_and_period_as_shown(site) -> None:
    page = editor(site).get(WORKING).text
    assert '<details class="plan-header no-print">' in page
    assert "<summary>Endre tittel og planperiode</summary>" in page
    assert [value(page, n) for n in ("title", "period", "shown_title", "shown_period")] == [
        TITLE,
        "2022–2025",
        TITLE,
        "2022–2025",
    ]


def test_a_new_title_and_a_period_of_one_year_are_saved_and_shown(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(WORKING).text
    data = filled(page, {"title": "Handlingsplan 2022\r\nfor St. Olavs", "period": "2022",
                         "reason": "Feil ved import"}, ACTION)  # fmt: skip
    saved = client.post(ACTION, data=data)
    assert saved.status_code == 303
    assert saved.headers["Location"] == WORKING
    assert header(app) == ("Handlingsplan 2022 for St. Olavs", 2022, 2022)
    shown = client.get(WORKING).text
    assert NOTICE.findall(shown) == ["Tittelen og planperioden er lagret."]
    assert "<h1>Handlingsplan 2022 for St. Olavs</h1>" in shown
    assert "Planperiode 2022. Eier: " in shown
    assert "2022–2022" not in shown


def test_only_what_was_changed_is_recorded(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(WORKING).text
    before = event_count(app)
    same = client.post(ACTION, data=filled(page, {}, ACTION))
    assert same.status_code == 303
    assert event_count(app) == before
    assert NOTICE.findall(client.get(WORKING).text) == [
        "Tittel og planperiode: ingen endringer å lagre."
    ]
    assert (
        client.post(ACTION, data=filled(page, {"period": "2022-2026"}, ACTION)).status_code == 303
    )
    assert event_count(app) == before + 1
    assert header(app) == (TITLE, 2022, 2026)


def test_a_title_set_by_someone_else_since_is_refused_naming_them_and_keeping_what_was_typed(
    site,
) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(WORKING).text
    app.retitle_plan(KEY, "Ola sin tittel", OLA)
    before = event_count(app)
    refused = client.post(ACTION, data=filled(page, {"title": "Min tittel"}, ACTION))
    assert refused.status_code == 409
    text = unescape(refused.text)
    assert f"Tittelen ble endret av Ola Hansen {TODAY} " in text
    assert f"den er nå «Ola sin tittel», ikke «{TITLE}». Ingenting er lagret." in text
    assert '<details class="plan-header no-print" open>' in refused.text
    assert value(refused.text, "title") == "Min tittel"
    assert value(refused.text, "shown_title") == "Ola sin tittel"
    assert event_count(app) == before
    assert header(app)[0] == "Ola sin tittel"
    again = client.post(ACTION, data=filled(refused.text, {}, ACTION))
    assert again.status_code == 303
    assert header(app)[0] == "Min tittel"


def test_a_period_set_by_someone_else_since_is_refused(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(WORKING).text
    app.change_period(KEY, 2023, 2025, OLA)
    refused = client.post(ACTION, data=filled(page, {"period": "2022-2026"}, ACTION))
    assert refused.status_code == 409
    assert f"Planperioden ble endret av Ola Hansen {TODAY} " in unescape(refused.text)
    assert "den er nå 2023–2025, ikke 2022–2025." in unescape(refused.text)
    assert value(refused.text, "period") == "2022-2026"
    assert header(app)[1:] == (2023, 2025)


def test_refusals_are_said_at_their_fields_with_what_was_typed_kept(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(WORKING).text
    before = event_count(app)
    refused = client.post(ACTION, data=filled(page, {"title": " ", "period": "neste år"}, ACTION))
    assert refused.status_code == 422
    assert field_errors(refused.text) == {
        "title": "Tittelen må fylles ut.",
        "period": '"neste år" er ikke en periode. Skriv f.eks. 2022-2024.',
    }
    assert value(refused.text, "period") == "neste år"
    backwards = client.post(ACTION, data=filled(page, {"period": "2025–2022"}, ACTION))
    assert backwards.status_code == 422
    assert field_errors(backwards.text) == {
        "period": "Perioden 2025–2022 slutter før den begynner."
    }
    assert event_count(app) == before


def test_refusals_speak_nynorsk_on_a_nynorsk_page(site) -> None:
    client = editor(site)
    page = client.get(WORKING).text
    refused = client.post(f"{ACTION}?lang=nn", data=filled(page, {"period": "2025-2022"}, ACTION))
    assert refused.status_code == 422
    assert field_errors(refused.text) == {"period": "Perioden 2025–2022 sluttar før han byrjar."}
    assert "Første og siste år, som 2022–2025, eller eitt år, som 2022." in refused.text


def test_an_adopted_plan_shows_no_form_and_a_post_is_refused_in_the_domains_words(site) -> None:
    web, app = site
    client = editor(site)
    page = client.get(WORKING).text
    by = Provenance("Sekretariatet", Source.CLI)
    app.submit(KEY, ["ASU"], by)
    assert app.approve(KEY, 2, "ASU", "sak 12/25", date(2025, 3, 13), by)
    before = event_count(app)
    refused = client.post(ACTION, data=filled(page, {"title": "Ny tittel"}, ACTION))
    assert refused.status_code == 409
    assert "Start en revisjon før innholdet kan endres." in unescape(refused.text)
    assert event_count(app) == before
    caught_up(web)
    assert "Endre tittel og planperiode" not in client.get(WORKING).text


def test_one_without_the_right_to_edit_is_refused(site) -> None:
    web, app = site
    auditor = signed_in(web, person_with(app, Role.AUDITOR))
    refused = auditor.post(ACTION, data={"title": "X", "period": "2022"})
    assert refused.status_code in (400, 403)
    assert header(app)[0] == TITLE
