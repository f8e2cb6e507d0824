"""Editing a measure in the browser's form, on SQLite and PostgreSQL: the form follows the
field declarations, a save is the signed-in person's from the web and is on the next page,
and a form saved from a stale revision is refused with both texts shown, nothing overwritten.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.measure_form import measure_form
from domain.people import Role
from domain.provenance import Provenance, Source
from projections import AuditQuery
from tests.web.forms import filled, form_fields
from tests.web.signed_in import person_with, signed_in

KEY = DEMO_PLAN
WORDED_IN_DEMO = "Utarbeide årshjul for 2025 med faste rapporteringspunkt."


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def editor(site: tuple[Flask, Planlogg]) -> FlaskClient:
    web, app = site
    return signed_in(web, person_with(app, Role.EDITOR))


def form_url(app: Planlogg, number: str) -> str:
    return f"/planer/{KEY}/tiltak/{app.get_plan(KEY).find_measure(number).id}/endre"


def event_count(app: Planlogg) -> int:
    return app.recorder.max_notification_id() or 0


def test_a_saved_form_is_the_editors_change_from_the_web_and_shows_at_once(site) -> None:
    web, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    shown = client.get(url)
    assert shown.status_code == 200
    data = filled(
        shown.text,
        {
            "Tiltak": "Utarbeide *årshjul* for 2025.",
            "Ansvar": "AU og Sekretariat, ASU",
            "2025": "x vår",
            "Tema § 6-2": ["", "12"],
            "reason": "Oppdatert etter ASU-møtet",
            "decision": "ASU sak 40/24",
        },
        url,
    )
    saved = client.post(url, data=data)
    assert saved.status_code == 303
    assert saved.headers["Location"].endswith(
        f"/planer/{KEY}/arbeidsversjon?lagret=0.1.2#tiltak-0.1.2"
    )
    page = client.get(saved.headers["Location"])
    assert "Endringene i tiltak 0.1.2 er lagret." in page.text
    assert "Utarbeide <em>årshjul</em> for 2025." in page.text
    rows = (
        web.extensions["planlogg"]
        .read_models.history(AuditQuery(plan=KEY, measure="0.1.2", source="web"))
        .rows
    )
    assert [(r.field, r.after) for r in rows] == [
        ("text", "Utarbeide *årshjul* for 2025."),
        ("responsible", "au-og-sekretariat, asu"),
        ("marks", "2022: x; 2025: x vår"),
        ("topics", "12"),
    ]
    assert {(r.actor, r.reason, r.decision) for r in rows} == {
        ("Editor (editor@helse.no)", "Oppdatert etter ASU-møtet", "ASU sak 40/24")
    }
    measure = app.get_plan(KEY).find_measure("0.1.2")
    assert (measure.revision, measure.topics) == (6, (12,))


def test_a_stale_form_is_refused_with_the_stored_text_beside_what_was_typed(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    opened = client.get(url)
    app.reword_measure(KEY, "0.1.2", "Årshjul vedtatt i ASU.", Provenance("Kari", Source.SHEET))
    before = event_count(app)
    refused = client.post(url, data=filled(opened.text, {"Tiltak": "Min egen tekst"}, url))
    assert refused.status_code == 409
    assert event_count(app) == before
    assert app.get_plan(KEY).find_measure("0.1.2").text == "Årshjul vedtatt i ASU."
    page = refused.text
    assert "Tiltaket er endret etter at du åpnet skjemaet" in page
    assert (
        "tiltaket hadde endringsnummer 2 da du åpnet skjemaet, og har nå endringsnummer 3." in page
    )
    assert "av Kari, kilde: regneark." in page
    stored = re.search(r'<textarea id="felt-tiltak" name="Tiltak"[^>]*>([^<]*)</textarea>', page)
    assert stored is not None and stored[1] == "Årshjul vedtatt i ASU."
    assert 'aria-describedby="felt-tiltak-hint felt-tiltak-typed"' in page
    typed = re.search(
        r'<div class="typed" id="felt-tiltak-typed">.*?<textarea[^>]*>([^<]*)<', page, re.S
    )
    assert typed is not None and typed[1] == "Min egen tekst"
    assert page.count('class="typed"') == 1
    assert '<input type="hidden" name="revision" value="3">' in page


def test_the_form_has_an_entry_for_every_declared_entry_people_write(site) -> None:
    _, app = site
    page = editor(site).get(form_url(app, "1.2.1")).text
    plan = app.get_plan(KEY)
    columns = [column for entries in measure_form(plan.years) for column in entries.columns]
    assert (len(columns), sum(column.editable for column in columns)) == (23, 21)
    for column in columns:
        named = f'name="{column.header}"' in page
        assert named == column.editable, column.header
        assert column.title in page


def test_unreadable_entries_are_named_in_a_summary_and_at_each_field(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "1.2.1")
    before = event_count(app)
    refused = client.post(
        url, data=filled(client.get(url).text, {"2023": "kanskje", "Frist": "snart"}, url)
    )
    assert refused.status_code == 422
    assert event_count(app) == before
    assert '<a href="#felt-2023">2023: ' in refused.text
    assert '<a href="#felt-frist">Frist: Forstår ikke &#34;snart&#34; som dato.' in refused.text
    assert 'id="felt-2023" name="2023" value="kanskje"' in refused.text
    assert 'aria-invalid="true"' in refused.text


def test_a_refused_year_mark_asks_for_what_the_years_hint_shows(site) -> None:
    """The error at the year repeats the examples the years share as their hint, and names
    no sheet column."""
    _, app = site
    client = editor(site)
    url = form_url(app, "1.2.1")
    refused = client.post(url, data=filled(client.get(url).text, {"2023": "kanskje"}, url))
    examples = "x, X høst, x oppstart vår, x vår/ høst, x igangsatt eller - (utsatt)."
    assert f'<p class="hint" id="felt-2022-felles">{examples}</p>' in refused.text
    assert (
        '<p class="error" id="felt-2023-error">Forstår ikke årsmerket &#34;kanskje&#34;. '
        f"Skriv f.eks. {examples}</p>"
    ) in refused.text


def test_an_untouched_form_saves_nothing_and_says_so(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "1.2.1")
    before = event_count(app)
    saved = client.post(url, data=filled(client.get(url).text, {}, url))
    assert saved.status_code == 303
    assert "uendret=1.2.1" in saved.headers["Location"]
    assert event_count(app) == before


def test_a_form_without_the_revision_or_the_csrf_token_is_refused(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "1.2.1")
    data = filled(client.get(url).text, {"Tiltak": "Ny"}, url)
    without_revision = {k: v for k, v in data.items() if k != "revision"}
    without_csrf = {k: v for k, v in data.items() if k != "csrf_token"}
    before = event_count(app)
    no_revision = client.post(url, data=without_revision)
    assert no_revision.status_code == 422
    assert (
        '<p role="alert">Skjemaet mangler endringsnummeret tiltaket hadde. Last siden på nytt.</p>'
        in no_revision.text
    )
    no_csrf = client.post(url, data=without_csrf)
    assert no_csrf.status_code == 400
    assert "Siden ble åpnet før du sist logget inn" in no_csrf.text
    assert event_count(app) == before


@pytest.mark.parametrize(
    ("målform", "message"),
    [
        ("nb", "Skjemaet mangler endringsnummeret tiltaket hadde. Last siden på nytt."),
        ("nn", "Skjemaet manglar endringsnummeret tiltaket hadde. Last sida på nytt."),
    ],
)
@pytest.mark.parametrize("revision", ["²", "٣", "9" * 5000, "9" * 19])
def test_a_revision_that_is_not_a_whole_number_is_refused_in_norwegian(
    site, revision: str, målform: str, message: str
) -> None:
    """`str.isdigit()` took "²" (then `int()` failed) and digits past Python's limit: 500s."""
    _, app = site
    client = editor(site)
    url = form_url(app, "1.2.1")
    data = filled(client.get(f"{url}?lang={målform}").text, {"Tiltak": "Ny"}, url)
    before = event_count(app)
    refused = client.post(url, data={**data, "revision": revision})
    assert refused.status_code == 422
    assert f'<p role="alert">{message}</p>' in refused.text
    assert event_count(app) == before


@pytest.mark.parametrize("role", [Role.REPORTER, Role.APPROVER, Role.AUDITOR])
def test_only_editors_may_open_the_form(role: Role, people_web: Flask, demo_app: Planlogg) -> None:
    client = signed_in(people_web, person_with(demo_app, role))
    assert client.get(form_url(demo_app, "1.2.1")).status_code == 403
    working = client.get(f"/planer/{KEY}/arbeidsversjon")
    assert working.status_code == 200
    assert "/endre" not in working.text


def test_a_form_citing_an_unregistered_decision_is_refused_and_nothing_saved(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "1.2.1")
    before = event_count(app)
    data = filled(client.get(url).text, {"Tiltak": "Ny tekst", "decision": "ASU sak 99/25"}, url)
    refused = client.post(url, data=data)
    assert refused.status_code == 409
    assert (
        '<p class="error" id="decision-error">Vedtaket «ASU sak 99/25» er ikke registrert. '
        "Se om saksnummeret er skrevet riktig, eller be sekretariatet registrere vedtaket "
        "først.</p>" in unescape(refused.text)
    )
    kept = dict(form_fields(refused.text, url))
    assert (kept["Tiltak"], kept["decision"]) == ("Ny tekst", "ASU sak 99/25")
    assert event_count(app) == before


def test_a_form_naming_the_same_bodies_in_another_spelling_changes_nothing(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "1.2.1")
    stored = app.get_plan(KEY).find_measure("1.2.1").responsible
    before = event_count(app)
    typed = ", ".join(name.upper() for name in stored)
    saved = client.post(url, data=filled(client.get(url).text, {"Ansvar": typed}, url))
    assert saved.status_code == 303
    assert "uendret=1.2.1" in saved.headers["Location"]
    assert event_count(app) == before


SAVED = re.compile(r'<p class="notice" role="status">(.*?)</p>')


@pytest.mark.parametrize(
    ("query", "nb", "nn"),
    [
        ("lagret=0.1.2", "Endringene i tiltak 0.1.2 er lagret.",
         "Endringane i tiltak 0.1.2 er lagra."),
        ("uendret=1.2.1", "Tiltak 1.2.1: ingen endringer å lagre.",
         "Tiltak 1.2.1: ingen endringar å lagre."),
    ],
)  # fmt: skip
def test_the_working_version_tells_of_a_save_of_a_measure_it_has(
    site, query: str, nb: str, nn: str
) -> None:
    client = editor(site)
    for målform, notice in (("nb", nb), ("nn", nn)):
        page = client.get(f"/planer/{KEY}/arbeidsversjon?{query}&lang={målform}")
        assert SAVED.findall(page.text) == [notice]


@pytest.mark.parametrize(
    "query", ["lagret=Ring+99+99+99+99", "lagret=9.9.9", "uendret=%3Cb%3Ex%3C/b%3E", "uendret=1"]
)
def test_an_address_cannot_make_the_working_version_tell_of_a_save(site, query: str) -> None:
    """The notice names a measure of the plan; any other text in the address is ignored."""
    page = editor(site).get(f"/planer/{KEY}/arbeidsversjon?{query}")
    assert page.status_code == 200
    assert SAVED.findall(page.text) == []
    assert "Ring 99" not in page.text


NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>', re.S)


@pytest.mark.parametrize(
    ("målform", "near_miss", "unknown"),
    [
        (
            "nb",
            "«Fagråd for pasient samarbeid» er ikke et registrert organ; lagret som skrevet. "
            "Mente du «Fagråd for pasientsamarbeid»? "
            "Sekretariatet kan slå sammen skrivemåtene i organregisteret.",
            "«Ukjent organ XYZ» er ikke et registrert organ; lagret som skrevet. "
            "Sekretariatet kan slå sammen skrivemåtene i organregisteret.",
        ),
        (
            "nn",
            "«Fagråd for pasient samarbeid» er ikkje eit registrert organ; lagra som skrive. "
            "Meinte du «Fagråd for pasientsamarbeid»? "
            "Sekretariatet kan slå saman skrivemåtane i organregisteret.",
            "«Ukjent organ XYZ» er ikkje eit registrert organ; lagra som skrive. "
            "Sekretariatet kan slå saman skrivemåtane i organregisteret.",
        ),
    ],
)
def test_a_saved_form_naming_bodies_the_register_lacks_says_so_with_the_nearest_name(
    site, målform: str, near_miss: str, unknown: str
) -> None:
    """Saved as typed, as everywhere, but said at once, with what the sheet says (there is no
    command line on the web): a near miss left silently became a body of its own."""
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.3")
    typed = "Fagråd for pasient samarbeid, Ukjent organ XYZ, ASU"
    page = client.get(f"{url}?lang={målform}").text
    saved = client.post(url, data=filled(page, {"Ansvar": typed}, url))
    assert saved.status_code == 303
    shown = client.get(saved.headers["Location"]).text
    notices = NOTICE.findall(shown)
    assert notices[1:] == [near_miss, unknown]
    assert "planlogg" not in " ".join(notices)
    assert app.get_plan(KEY).find_measure("0.1.3").responsible == (
        "Fagråd for pasient samarbeid",
        "Ukjent organ XYZ",
        "asu",
    )
    assert NOTICE.findall(client.get(saved.headers["Location"]).text)[1:] == []


def test_a_saved_form_naming_only_registered_bodies_has_no_notice_about_them(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.3")
    data = filled(client.get(url).text, {"Ansvar": "Fagråd pasientsamarbeid, ASU"}, url)
    saved = client.post(url, data=data)
    assert NOTICE.findall(client.get(saved.headers["Location"]).text) == [
        "Endringene i tiltak 0.1.3 er lagret."
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("Nr", "Nummer: Nummer har for mange tegn: 20000, men høyst 10000 er lov."),
        (
            "Frist",
            "Frist: Forstår ikke &#34;" + "9" * 39 + "…&#34; som dato. "
            "Skriv f.eks. 13.03.2024, 1. april 2024 eller medio mai 2024.",
        ),
    ],
)
def test_a_too_long_entry_is_named_by_its_label_and_a_date_is_refused_as_a_date(
    site, entry: str, message: str
) -> None:
    """«Nr er for lang» named the sheet's column, not the entry; «Frist er for lang … høyst
    10000» offered a date field room for 10 000 characters."""
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.3")
    refused = client.post(url, data=filled(client.get(url).text, {entry: "9" * 20000}, url))
    assert refused.status_code == 422
    assert re.findall(r'<li><a href="#felt-[^"]+">(.*?)</a></li>', refused.text) == [message]


def test_many_unknown_bodies_are_named_up_to_five_and_the_rest_counted(site) -> None:
    """The notices wait in the session cookie, which a browser drops past 4 kB."""
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.3")
    typed = ", ".join(f"Rådet nr {n}" for n in range(1, 8))
    saved = client.post(url, data=filled(client.get(url).text, {"Ansvar": typed}, url))
    notices = NOTICE.findall(client.get(saved.headers["Location"]).text)
    assert [notice.split("»")[0] for notice in notices[1:6]] == [
        f"«Rådet nr {n}" for n in range(1, 6)
    ]
    assert notices[6:] == ["2 navn til er heller ikke registrerte organer; lagret som skrevet."]
    assert len(app.get_plan(KEY).find_measure("0.1.3").responsible) == 7


def test_only_bodies_the_save_named_are_told_of_not_those_named_before(site) -> None:
    """2.1.1's «Fagråd for pasientsamarbeid med støtte fra andre fagråd» is no registered
    body. An editor who changes only the text is not told of it (a walk through the pages
    found the notice puzzling one who had not touched the field); one who types a new
    unregistered body is told of that one only."""
    _, app = site
    client = editor(site)
    url = form_url(app, "2.1.1")
    unknown = app.unknown_bodies(KEY, app.get_plan(KEY).find_measure("2.1.1").responsible)
    assert [found.typed for found in unknown] == [
        "Fagråd for pasientsamarbeid med støtte fra andre fagråd"
    ]
    reworded = client.post(url, data=filled(client.get(url).text, {"Tiltak": "Ny tekst"}, url))
    assert NOTICE.findall(client.get(reworded.headers["Location"]).text) == [
        "Endringene i tiltak 2.1.1 er lagret."
    ]
    typed = "Fagråd for pasientsamarbeid med støtte fra andre fagråd, Rådet for alt"
    named = client.post(url, data=filled(client.get(url).text, {"Ansvar": typed}, url))
    notices = NOTICE.findall(client.get(named.headers["Location"]).text)
    assert notices[0] == "Endringene i tiltak 2.1.1 er lagret."
    assert [notice.split("»")[0] for notice in notices[1:]] == ["«Rådet for alt"]
