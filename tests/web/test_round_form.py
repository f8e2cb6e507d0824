"""The secretariat runs a reporting round from the browser: opens one under a registered
decision, is told what the command line warns of, is refused a second round naming the open
one, closes the round it read as open (a stale close refused, nothing recorded), and changes
its reminders. Bad input is said at its field with the form as typed; only editors see the
buttons or may post. On SQLite and PostgreSQL, the web's day fixed (`TODAY`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, load_demo
from domain.norwegian_time import oslo_today
from domain.people import Role
from domain.provenance import Provenance, Source
from projections.documents import AuditQuery
from tests.web.conftest import KEY, caught_up, event_count
from tests.web.forms import field_errors, filled, form_fields
from tests.web.signed_in import NOW, person_with, signed_in
from web import create_app
from web.tokens import InMemoryTokenStore

DASHBOARD = f"/planer/{KEY}/dashbord"
OPEN = f"{DASHBOARD}/runde/ny"
CLOSE = f"{DASHBOARD}/runde/lukk"
SCHEDULE = f"{DASHBOARD}/runde/paaminnelser"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 40/24")
DIGITAL, PASIENT = "fagrad-for-digital-samhandling", "fagrad-for-pasientsamarbeid"
SECOND_ROUND = (
    "Rapporteringsrunde R1 (frist 11.09.2024, ASU sak 40/24) er fortsatt åpen. "
    "Lukk den før du åpner en ny."
)


@pytest.fixture
def demo(database_url: str) -> Iterator[tuple[Flask, Planlogg]]:
    """The demo (round R1 open, ASU sak 40/24) and ASU sak 12/25 registered; the web's day is
    01.09.2025."""
    app = Planlogg.from_url(database_url)
    load_demo(app)
    app.record_decision(
        DEMO_COMMUNITY, "sak 12/25", "ASU", date(2025, 2, 13),
        "ASU ber fagråda rapportere status innan 20.09.2025.", SECRETARIAT, plan=KEY,
    )  # fmt: skip
    web = create_app(
        {"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True,
         "CLOCK": lambda: NOW, "TODAY": "2025-09-01"},
        app=app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    caught_up(web)
    yield web, app
    app.close()


def editor(web: Flask, app: Planlogg, role: Role = Role.EDITOR) -> FlaskClient:
    return signed_in(web, person_with(app, role))


def closed_first(web: Flask, app: Planlogg) -> None:
    app.close_reporting_round(KEY, SECRETARIAT, "R1")
    caught_up(web)


def opened(client: FlaskClient, **changes: str | list[str]) -> tuple[int, str, str]:
    """The open form as its page shows it, with `changes`, sent."""
    page = client.get(OPEN).text
    answer = client.post(OPEN, data=filled(page, changes, OPEN))
    return answer.status_code, answer.headers.get("Location", ""), answer.text


def summary(page: str) -> str:
    found = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', page, re.S)
    assert found, page
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found[1])).split())


def notice(page: str) -> str:
    found = re.search(r'<div class="notice" role="status">(.*?)</div>', page, re.S)
    assert found, page
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found[1])).split())


def test_the_form_offers_the_communitys_decisions_and_checks_the_bodies_with_measures(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    closed_first(web, app)
    page = editor(web, app).get(OPEN).text

    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', page)
    assert options == [
        ("", "Velg vedtaket"),
        ("ASU sak 12/25", "ASU sak 12/25 (13.02.2025): ASU ber fagråda rapportere status innan "
                          "20.09.2025."),
        ("ASU sak 40/24", "ASU sak 40/24 (13.06.2024): ASU ber leiar for kvart fagråd oppdatere "
                          "status for kvart …"),
        ("PSU sak 05/22", "PSU sak 05/22 (24.03.2022): PSU godkjenner handlingsplan 2022–2024 "
                          "versjon 1."),
        ("ASU sak 12/22", "ASU sak 12/22 (10.03.2022): ASU godkjenner handlingsplan 2022–2024 "
                          "versjon 1."),
    ]  # fmt: skip
    fields = dict(form_fields(page, OPEN))
    assert (fields["deadline"], fields["decision"], fields["schedule"]) == ("", "", "14,3,-1")
    checked = [value for name, value in form_fields(page, OPEN) if name == "bodies"]
    assert DIGITAL in checked and PASIENT in checked and "sekretariat" in checked
    assert "planlogg" not in page.split("<main", 1)[1].split("</main>", 1)[0].lower()
    assert decision_hint(page) == (
        "Vedtakene helsefellesskapet har registrert, det nyeste først. "
        f'<a href="/planer/{KEY}/vedtak">Registrer et vedtak som mangler</a>.'
    )


def decision_hint(page: str) -> str:
    found = re.search(r'<p class="hint" id="decision-hint">(.*?)</p>', page, re.S)
    assert found, page
    return found[1]


def test_a_community_with_no_decision_is_shown_the_way_to_register_one(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    app.create_plan("vest-2025", "Vestplanen", "vest", 2025, 2026, SECRETARIAT)
    caught_up(web)
    page = editor(web, app).get("/planer/vest-2025/dashbord/runde/ny").text
    assert decision_hint(page) == (
        "Helsefellesskapet har ingen registrerte vedtak ennå. En rapporteringsrunde må åpnes "
        'med et vedtak. <a href="/planer/vest-2025/vedtak">Registrer vedtaket i '
        "vedtaksregisteret</a>."
    )
    assert re.findall(r'<option value="([^"]*)"', page) == [""]


def test_an_editor_opens_a_round_from_the_web_under_the_decision_chosen(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    closed_first(web, app)
    client = editor(web, app)

    status, location, _ = opened(
        client, deadline="20.09.2025", decision="ASU sak 12/25", bodies=[DIGITAL, PASIENT],
        schedule="7, -1", reason="Haustrunden",
    )  # fmt: skip

    assert (status, location) == (303, f"{DASHBOARD}?runde=apnet&id=R2#runde")
    state = app.get_plan(KEY).rounds["R2"]
    assert (state.deadline, state.bodies, state.decision, state.schedule, state.closed) == (
        date(2025, 9, 20), (DIGITAL, PASIENT), "ASU sak 12/25", (7, -1), False,
    )  # fmt: skip
    query = AuditQuery(plan=KEY, decision="ASU sak 12/25", source="web")
    rows = web.extensions["planlogg"].read_models.history(query).rows
    assert {(r.event_type, r.source, r.reason) for r in rows} == {
        ("ReportingRoundOpened", "web", "Haustrunden"),
        ("ReminderScheduleSet", "web", "Haustrunden"),
    }
    page = client.get(location).text
    assert notice(page) == "Rapporteringsrunde R2 er åpnet."
    assert "Runde R2 (ASU sak 12/25) har frist 20.09.2025" in page
    assert '<input type="hidden" name="runde" value="R2">' in client.get(CLOSE).text


def test_the_open_form_sent_twice_opens_one_round_and_says_it_opened(
    demo: tuple[Flask, Planlogg],
) -> None:
    """A double click: the second send finds the round it would open open, by the first."""
    web, app = demo
    closed_first(web, app)
    client = editor(web, app)
    form = client.get(OPEN).text
    sent = filled(form, {"deadline": "20.09.2025", "decision": "ASU sak 12/25",
                         "bodies": [DIGITAL, PASIENT]}, OPEN)  # fmt: skip

    first = client.post(OPEN, data=sent)
    after_first = event_count(app)
    second = client.post(OPEN, data=sent)

    location = f"{DASHBOARD}?runde=apnet&id=R2#runde"
    assert (first.status_code, first.headers["Location"]) == (303, location)
    assert (second.status_code, second.headers["Location"]) == (303, location)
    assert event_count(app) == after_first
    assert sorted(app.get_plan(KEY).rounds) == ["R1", "R2"]

    other = client.post(OPEN, data={**sent, "deadline": ["21.09.2025"]})
    assert other.status_code == 409
    assert "Rapporteringsrunde R2 (frist 20.09.2025, ASU sak 12/25) er fortsatt åpen." in (
        summary(other.text)
    )


def test_a_round_opened_with_a_reminder_due_already_is_warned_of_with_the_steps_to_come(
    demo: tuple[Flask, Planlogg],
) -> None:
    """On 01.09.2025 a deadline 05.09.2025 has its 14-days-before step due already."""
    web, app = demo
    closed_first(web, app)
    client = editor(web, app)

    status, _, asked = opened(
        client, deadline="05.09.2025", decision="ASU sak 12/25", bodies=[DIGITAL]
    )
    assert status == 422
    assert field_errors(asked) == {
        "deadline": "Organer som ikke har rapportert, får påminnelsen «14 dager før fristen» "
        "neste gang påminnelser sendes, som kan være få minutter etter at runden er åpnet. "
        "Rett fristen eller påminnelsene, eller kryss av for «Åpne runden likevel»."
    }
    answer = client.post(OPEN, data=filled(asked, {"likevel": "05.09.2025"}, OPEN))
    location = answer.headers["Location"]
    page = client.get(location).text

    assert notice(page) == (
        "Rapporteringsrunde R2 er åpnet. Organer som ikke har rapportert, får påminnelsen "
        "«14 dager før fristen» neste gang påminnelser sendes. Skal de ikke få den, behold "
        "bare påminnelsene som kommer (3 dager før fristen, 1 dag etter fristen), før det. "
        "Endre påminnelsene"
    )
    link = re.search(r'<li>[^<]*<a href="([^"]+)">Endre påminnelsene</a></li>', page)
    assert link
    kept = client.get(unescape(link[1])).text
    assert dict(form_fields(kept, SCHEDULE)) | {"csrf_token": ""} == {
        "csrf_token": "", "runde": "R2", "schedule": "3,-1", "shown_schedule": "14,3,-1",
    }  # fmt: skip


def test_a_deadline_passed_is_asked_about_before_anything_is_saved_and_opened_once_confirmed(
    demo: tuple[Flask, Planlogg],
) -> None:
    """On 01.09.2025 a deadline 25.08.2025 has passed, and its «1 dag etter fristen» is due:
    the form comes back with the warning at the deadline and a box to open it anyway."""
    web, app = demo
    closed_first(web, app)
    client = editor(web, app)
    before = event_count(app)

    status, _, page = opened(
        client, deadline="25.08.2025", decision="ASU sak 12/25", bodies=[DIGITAL],
        schedule="14,3,-1", reason="Seint",
    )  # fmt: skip

    assert status == 422
    assert field_errors(page) == {"deadline": PASSED}
    assert summary(page) == f"Runden ble ikke åpnet Frist for å rapportere: {PASSED}"
    assert anyway(page) == [("25.08.2025", "Åpne runden likevel")]
    assert [(n, v) for n, v in form_fields(page, OPEN) if n != "csrf_token"] == [
        ("deadline", "25.08.2025"), ("decision", "ASU sak 12/25"), ("bodies", DIGITAL),
        ("schedule", "14,3,-1"), ("reason", "Seint"),
    ]  # fmt: skip
    assert event_count(app) == before

    other = client.post(OPEN, data=filled(page, {"likevel": "25.08.2025",
                                                 "deadline": "20.08.2025"}, OPEN))  # fmt: skip
    assert other.status_code == 422  # ticked for the deadline warned of, not for this one
    assert anyway(other.text) == [("20.08.2025", "Åpne runden likevel")]
    assert event_count(app) == before

    sent = filled(page, {"likevel": "25.08.2025"}, OPEN)
    first, second = client.post(OPEN, data=sent), client.post(OPEN, data=sent)

    location = f"{DASHBOARD}?runde=apnet&id=R2#runde"
    assert (first.status_code, first.headers["Location"]) == (303, location)
    assert (second.status_code, second.headers["Location"]) == (303, location)
    assert sorted(app.get_plan(KEY).rounds) == ["R1", "R2"]
    assert app.get_plan(KEY).rounds["R2"].deadline == date(2025, 8, 25)
    assert notice(client.get(location).text) == (
        "Rapporteringsrunde R2 er åpnet. Fristen 25.08.2025 er allerede passert (i dag er "
        "01.09.2025). Runden er åpnet likevel. Organer som ikke har rapportert, får påminnelsen "
        "«1 dag etter fristen» neste gang påminnelser sendes. Skal de ikke få den, behold bare "
        "påminnelsene som kommer (ingen), før det. Endre påminnelsene"
    )


PASSED = (
    "Fristen 25.08.2025 er passert (i dag er 01.09.2025). Organer som ikke har rapportert, får "
    "påminnelsen «1 dag etter fristen» neste gang påminnelser sendes, som kan være få minutter "
    "etter at runden er åpnet. Rett fristen eller påminnelsene, eller kryss av for «Åpne runden "
    "likevel»."
)


def anyway(page: str) -> list[tuple[str, str]]:
    """The box that opens the round all the same: its value (the deadline warned of) and its
    label; none until the page has warned."""
    return re.findall(
        r'<input type="checkbox" id="likevel" name="likevel" value="([^"]*)"[^>]*>'
        r'<label for="likevel">([^<]+)</label>',
        page,
    )


def test_in_nynorsk_a_deadline_passed_is_asked_about_in_nynorsk(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    closed_first(web, app)
    client = editor(web, app)
    page = client.get(f"{OPEN}?lang=nn").text
    assert anyway(page) == []

    answer = client.post(OPEN, data=filled(page, {"deadline": "31.08.2025", "schedule": "",
                         "decision": "ASU sak 12/25", "bodies": [DIGITAL]}, OPEN))  # fmt: skip

    assert answer.status_code == 422
    assert field_errors(answer.text) == {
        "deadline": "Fristen 31.08.2025 er passert (i dag er 01.09.2025). Rett fristen, eller "
        "kryss av for «Opne runden likevel»."
    }
    assert anyway(answer.text) == [("31.08.2025", "Opne runden likevel")]


def test_a_round_due_after_the_plans_period_and_passed_is_warned_of(
    demo: tuple[Flask, Planlogg],
) -> None:
    """A date as a date input sends it (ISO) is taken too; the demo's period is 2022–2025."""
    web, app = demo
    closed_first(web, app)
    client = editor(web, app)

    _status, location, _ = opened(
        client, deadline="2026-01-10", decision="ASU sak 12/25", bodies=[DIGITAL], schedule=""
    )

    assert notice(client.get(location).text) == (
        "Rapporteringsrunde R2 er åpnet. Fristen er etter planperioden 2022–2025, og runden "
        "kommer ikke med i noen årsrapport."
    )
    assert app.get_plan(KEY).rounds["R2"].schedule == ()


def test_a_second_round_is_refused_naming_the_open_one_with_the_form_as_typed(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    client = editor(web, app)
    assert notice_of_form(client.get(OPEN).text) == SECOND_ROUND
    page = client.get(DASHBOARD).text
    assert "Åpne rapporteringsrunde" not in page
    before = event_count(app)
    form = {
        "csrf_token": csrf(client), "deadline": "20.09.2025", "decision": "ASU sak 12/25",
        "bodies": [DIGITAL], "schedule": "7", "reason": "Ny runde",
    }  # fmt: skip

    answer = client.post(OPEN, data=form)

    assert answer.status_code == 409
    assert summary(answer.text) == f"Runden ble ikke åpnet {SECOND_ROUND}"
    fields = form_fields(answer.text, OPEN)
    assert [(n, v) for n, v in fields if n != "csrf_token"] == [
        ("deadline", "20.09.2025"), ("decision", "ASU sak 12/25"), ("bodies", DIGITAL),
        ("schedule", "7"), ("reason", "Ny runde"),
    ]  # fmt: skip
    passed = client.post(OPEN, data={**form, "deadline": "25.08.2025"})
    assert passed.status_code == 409  # refused for the open round: nothing to confirm
    assert summary(passed.text) == f"Runden ble ikke åpnet {SECOND_ROUND}"
    assert event_count(app) == before


def test_bad_input_is_said_at_each_field_and_the_form_keeps_what_was_typed(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    closed_first(web, app)
    client = editor(web, app)
    before = event_count(app)

    status, _, page = opened(
        client, deadline="31.02.2025", decision="", bodies=[], schedule="14,tre", reason="Haust"
    )

    assert status == 422
    assert field_errors(page) == {
        "deadline": '"31.02.2025" er ikke en gyldig dato.',
        "decision": "En rapporteringsrunde må åpnes med et vedtak (saksnummer).",
        "bodies": "Rapporteringsrunden må ha minst ett organ som skal rapportere.",
        "schedule": "«tre» er ikke et antall dager. Skriv f.eks. 14,3,-1 (dager før fristen, "
        "negativt etter).",
    }
    fields = dict(form_fields(page, OPEN))
    assert (fields["deadline"], fields["schedule"], fields["reason"]) == (
        "31.02.2025", "14,tre", "Haust",
    )  # fmt: skip
    assert "bodies" not in fields

    status, _, page = opened(
        client, deadline="i morgon", decision="ASU sak 99/25", bodies=[DIGITAL]
    )

    assert status == 422
    assert field_errors(page) == {
        "deadline": 'Forstår ikke "i morgon" som dato. Skriv f.eks. 13.03.2024, 1. april 2024 '
        "eller medio mai 2024.",
        "decision": "Vedtaket «ASU sak 99/25» er ikke registrert. Se om saksnummeret er skrevet "
        "riktig, eller be sekretariatet registrere vedtaket først.",
    }
    fields = dict(form_fields(page, OPEN))
    assert (fields["deadline"], fields["decision"], fields["bodies"]) == (
        "i morgon", "ASU sak 99/25", DIGITAL,
    )  # fmt: skip
    assert event_count(app) == before


def test_lukk_runden_asks_first_naming_how_many_bodies_have_not_reported(
    demo: tuple[Flask, Planlogg],
) -> None:
    """The dashboard's «Lukk runden» is a link, apart from «Endre påminnelsene», to a page
    that asks, counting as the dashboard does; asking records nothing."""
    web, app = demo
    for number in ("4.1.3", "4.2.1", "4.2.2", "4.3.1"):  # the rest of its 5 has a status
        app.report_status(KEY, number, "grønn", "", SECRETARIAT, body=DIGITAL)
    caught_up(web)
    client = editor(web, app)
    dashboard = client.get(DASHBOARD).text
    before = event_count(app)

    assert f'action="{CLOSE}"' not in dashboard
    link = r'<p class="round-close"><a class="button-link secondary" href="([^"]+)">(.*?)</a></p>'
    assert re.findall(link, dashboard) == [
        (CLOSE, 'Lukk runden<span class="visually-hidden"> R1</span>')
    ]
    assert dashboard.index("Endre påminnelsene") < dashboard.index("Framdrift i runde R1")
    assert dashboard.index("Framdrift i runde R1") < dashboard.index('class="round-close"')
    missing = re.findall(r'<ul class="missing">(.*?)</ul>', dashboard, re.S)[0].count("<li>")
    page = client.get(CLOSE).text

    assert (heading(page), lead(page)) == (
        "Lukk runde R1?",
        f"{missing} av 3 organer har ikke rapportert ennå, og påminnelsene stopper.",
    )
    assert missing == 2
    assert re.findall(r'<ul class="missing">(.*?)</ul>', page, re.S) == [
        "<li>Fagråd for pasientsamarbeid</li><li>Sekretariat</li>"
    ]
    assert [(n, v) for n, v in form_fields(page, CLOSE) if n != "csrf_token"] == [("runde", "R1")]
    assert re.findall(r'<a class="button-link secondary" href="([^"]+)">([^<]+)</a>', page) == [
        (f"{DASHBOARD}#runde", "Avbryt")
    ]
    assert "planlogg" not in page.split("<main", 1)[1].split("</main>", 1)[0].lower()
    assert event_count(app) == before
    assert not app.get_plan(KEY).rounds["R1"].closed

    answer = client.post(CLOSE, data=filled(page, {}, CLOSE))

    assert answer.headers["Location"] == f"{DASHBOARD}?runde=lukket&id=R1#runde"
    assert app.get_plan(KEY).rounds["R1"].closed


def test_the_close_page_in_nynorsk_and_with_no_round_open(demo: tuple[Flask, Planlogg]) -> None:
    web, app = demo
    client = editor(web, app)
    page = client.get(f"{CLOSE}?lang=nn").text
    assert (heading(page), lead(page)) == (
        "Lukk runde R1?",
        "3 av 3 organ har ikkje rapportert enno, og påminningane stoppar.",
    )
    assert re.findall(r'<a class="button-link secondary" href="[^"]+">([^<]+)</a>', page) == [
        "Avbryt"
    ]

    closed_first(web, app)
    page = client.get(CLOSE).text

    assert (heading(page), notice_of_form(page)) == (
        "Lukk rapporteringsrunden",
        "Ingen rapporteringsrunde er open.",
    )
    assert form_fields(page, CLOSE) == []


def heading(page: str) -> str:
    found = re.search(r"<h1>(.*?)</h1>", page, re.S)
    assert found, page
    return unescape(found[1])


def lead(page: str) -> str:
    found = re.search(r'<p class="lead">(.*?)</p>', page, re.S)
    assert found, page
    return unescape(found[1])


def test_the_round_read_as_open_is_closed_and_said_so(demo: tuple[Flask, Planlogg]) -> None:
    web, app = demo
    client = editor(web, app)

    answer = client.post(CLOSE, data={"csrf_token": csrf(client), "runde": "R1"})

    assert (answer.status_code, answer.headers["Location"]) == (
        303, f"{DASHBOARD}?runde=lukket&id=R1#runde",
    )  # fmt: skip
    assert app.get_plan(KEY).rounds["R1"].closed
    page = client.get(answer.headers["Location"]).text
    assert notice(page) == "Rapporteringsrunde R1 er lukket."
    assert f'<a class="button-link" href="{OPEN}">Åpne rapporteringsrunde</a>' in page


def test_a_stale_close_is_refused_and_nothing_is_recorded(demo: tuple[Flask, Planlogg]) -> None:
    """The page showed R1 open; meanwhile R1 was closed and R2 opened, then R2 closed."""
    web, app = demo
    client = editor(web, app)
    token = csrf(client)
    closed_first(web, app)
    app.open_reporting_round(KEY, date(2025, 12, 1), ["Sekretariat"], SECRETARIAT)
    caught_up(web)
    before = event_count(app)

    answer = client.post(CLOSE, data={"csrf_token": token, "runde": "R1"})

    assert answer.status_code == 409
    assert (
        "Rapporteringsrunde R1 er lukket, og runde R2 er åpnet etter at du hentet den. "
        "Ingenting er lagret. Se over runde R2, og lukk den om du fortsatt vil."
    ) in unescape(answer.text)
    assert not app.get_plan(KEY).rounds["R2"].closed
    assert event_count(app) == before

    app.close_reporting_round(KEY, SECRETARIAT, "R2")
    again = client.post(CLOSE, data={"csrf_token": token, "runde": "R1"})

    assert again.status_code == 409
    assert (
        "Rapporteringsrunde R1 er allerede lukket, og ingen runde er åpen. Ingenting er lagret."
    ) in unescape(again.text)
    assert event_count(app) == before + 1  # R2's close, by the application above


def test_the_close_sent_twice_closes_once_and_says_closed_both_times(
    demo: tuple[Flask, Planlogg],
) -> None:
    """A double click, or a colleague's close first: the round read is closed and none is open
    (and none was opened since), so it is said as closed, as an open form sent twice is said
    as opened."""
    web, app = demo
    client = editor(web, app)
    data = {"csrf_token": csrf(client), "runde": "R1"}

    first = client.post(CLOSE, data=data)
    after_first = event_count(app)
    second = client.post(CLOSE, data=data)

    location = f"{DASHBOARD}?runde=lukket&id=R1#runde"
    assert (first.status_code, first.headers["Location"]) == (303, location)
    assert (second.status_code, second.headers["Location"]) == (303, location)
    assert event_count(app) == after_first
    assert notice(client.get(location).text) == "Rapporteringsrunde R1 er lukket."


def test_the_open_rounds_reminders_are_changed_for_the_round_read(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    client = editor(web, app)
    page = client.get(SCHEDULE).text
    assert "Påminnelser nå: 14 dager før fristen, 3 dager før fristen, 1 dag etter fristen." in (
        page
    )

    answer = client.post(SCHEDULE, data=filled(page, {"schedule": "-1,-7"}, SCHEDULE))

    assert answer.headers["Location"] == f"{DASHBOARD}?runde=paaminnelser&id=R1#runde"
    assert app.get_plan(KEY).rounds["R1"].schedule == (-1, -7)
    assert notice(client.get(answer.headers["Location"]).text) == (
        "Påminnelsene i runde R1 er endret: 1 dag etter fristen, 7 dager etter fristen."
    )

    bad = client.post(SCHEDULE, data=filled(page, {"schedule": "3,x"}, SCHEDULE))
    assert bad.status_code == 422
    assert dict(form_fields(bad.text, SCHEDULE))["schedule"] == "3,x"


def test_reminders_of_a_round_replaced_since_are_refused_with_the_form_as_typed(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    client = editor(web, app)
    page = client.get(SCHEDULE).text
    closed_first(web, app)
    app.open_reporting_round(KEY, date(2025, 12, 1), ["Sekretariat"], SECRETARIAT)
    caught_up(web)
    before = event_count(app)

    answer = client.post(SCHEDULE, data=filled(page, {"schedule": "2"}, SCHEDULE))

    assert answer.status_code == 409
    assert summary(answer.text) == (
        "Påminnelsene ble ikke endret Rapporteringsrunde R1 er lukket, og runde R2 er åpnet "
        "etter at du hentet den. Ingenting er lagret. Se over påminnelsene i runde R2, og "
        "endre dem om du fortsatt vil."
    )
    assert dict(form_fields(answer.text, SCHEDULE)) | {"csrf_token": ""} == {
        "csrf_token": "", "runde": "R2", "schedule": "2", "shown_schedule": "14,3,-1",
    }  # fmt: skip
    assert event_count(app) == before


def test_reminders_changed_by_someone_else_since_are_refused_naming_who_and_not_overwritten(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    client = editor(web, app)
    page = client.get(SCHEDULE).text
    assert dict(form_fields(page, SCHEDULE))["shown_schedule"] == "14,3,-1"
    app.set_reminder_schedule(KEY, (7,), Provenance("Kari Kollega", Source.WEB), "R1")
    caught_up(web)
    before = event_count(app)

    bad = client.post(SCHEDULE, data=filled(page, {"schedule": "3,x"}, SCHEDULE))
    assert bad.status_code == 422
    assert dict(form_fields(bad.text, SCHEDULE))["shown_schedule"] == "14,3,-1"
    answer = client.post(SCHEDULE, data=filled(bad.text, {"schedule": "-1,-7"}, SCHEDULE))

    assert answer.status_code == 409
    today = oslo_today().strftime("%d.%m.%Y")
    assert summary(answer.text) == (
        f"Påminnelsene ble ikke endret Påminnelsene i runde R1 ble endret av Kari Kollega {today} "
        "etter at du hentet dem: de er nå 7 dager før fristen, ikke 14 dager før fristen, 3 "
        "dager før fristen, 1 dag etter fristen. Ingenting er lagret. Se over påminnelsene, og "
        "endre på nytt om du vil."
    )
    assert dict(form_fields(answer.text, SCHEDULE)) | {"csrf_token": ""} == {
        "csrf_token": "", "runde": "R1", "schedule": "-1,-7", "shown_schedule": "7",
    }  # fmt: skip
    assert (event_count(app), app.get_plan(KEY).rounds["R1"].schedule) == (before, (7,))

    again = client.post(SCHEDULE, data=filled(answer.text, {}, SCHEDULE))
    assert again.status_code == 303
    assert app.get_plan(KEY).rounds["R1"].schedule == (-1, -7)


def test_the_reminders_form_sent_twice_changes_them_once_and_says_so_both_times(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    client = editor(web, app)
    data = filled(client.get(SCHEDULE).text, {"schedule": "3,-1"}, SCHEDULE)
    first = client.post(SCHEDULE, data=data)
    after_first = event_count(app)
    second = client.post(SCHEDULE, data=data)
    assert (first.status_code, second.status_code) == (303, 303)
    assert second.headers["Location"] == f"{DASHBOARD}?runde=paaminnelser&id=R1#runde"
    assert event_count(app) == after_first
    assert app.get_plan(KEY).rounds["R1"].schedule == (3, -1)


@pytest.mark.parametrize(
    ("role", "named"), [(Role.REPORTER, "rapportør"), (Role.AUDITOR, "revisor")]
)
def test_reporters_and_auditors_neither_see_nor_may_post_the_rounds_forms(
    demo: tuple[Flask, Planlogg], role: Role, named: str
) -> None:
    web, app = demo
    client = editor(web, app, role)
    before = event_count(app)
    page = client.get(DASHBOARD).text
    assert "Lukk runden" not in page
    assert "Endre påminnelsene" not in page
    token = csrf(client)

    for path in (OPEN, CLOSE, SCHEDULE):
        assert client.get(path).status_code == 403
    for path, form in (
        (OPEN, {"deadline": "20.09.2025", "decision": "ASU sak 12/25", "bodies": DIGITAL}),
        (CLOSE, {"runde": "R1"}),
        (SCHEDULE, {"runde": "R1", "schedule": "1"}),
    ):
        answer = client.post(path, data={"csrf_token": token, **form})
        assert answer.status_code == 403
        assert f"Rollen {named} har ikke tilgang til dette." in answer.text
    assert event_count(app) == before
    assert not app.get_plan(KEY).rounds["R1"].closed


def test_an_editor_of_another_community_may_neither_open_nor_close_the_plans_round(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    app.register_community("vestre-viken", "Helsefellesskapet Vestre Viken", SECRETARIAT)
    person = person_with(app, None)
    app.grant_roles(person, [Role.EDITOR], SECRETARIAT, communities=["vestre-viken"])
    client = signed_in(web, person)
    token = csrf_on(client, "/profil")
    before = event_count(app)

    assert (client.get(OPEN).status_code, client.get(CLOSE).status_code) == (403, 403)
    answer = client.post(CLOSE, data={"csrf_token": token, "runde": "R1"})

    assert answer.status_code == 403
    assert "Du har ikke tilgang til helsefellesskapet st-olavs (bare til vestre-viken)." in (
        unescape(answer.text)
    )
    assert event_count(app) == before


def test_in_nynorsk_a_second_round_and_a_stale_close_are_refused_in_nynorsk(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    client = editor(web, app)

    assert notice_of_form(client.get(f"{OPEN}?lang=nn").text) == (
        "Rapporteringsrunde R1 (frist 11.09.2024, ASU sak 40/24) er framleis open. Lukk han "
        "før du opnar ein ny."
    )
    token = csrf(client)
    closed_first(web, app)
    app.open_reporting_round(KEY, date(2025, 12, 1), ["Sekretariat"], SECRETARIAT)
    caught_up(web)
    answer = client.post(CLOSE, data={"csrf_token": token, "runde": "R1"})

    assert answer.status_code == 409
    assert (
        "Rapporteringsrunde R1 er lukka, og runde R2 er opna etter at du henta han. Ingenting "
        "er lagra. Sjå over runde R2, og lukk han om du framleis vil."
    ) in unescape(answer.text)


def csrf(client: FlaskClient) -> str:
    return csrf_on(client, DASHBOARD)


def csrf_on(client: FlaskClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found
    return found[1]


def notice_of_form(page: str) -> str:
    found = re.search(r'<p class="notice" role="status">(.*?)</p>', page, re.S)
    assert found, page
    return unescape(found[1])


def test_a_reminders_form_without_the_reminders_read_changes_nothing(
    demo: tuple[Flask, Planlogg],
) -> None:
    """A page from before the form carried them, or a post made by hand: without what was
    read, a colleague's change could not be told from none."""
    web, app = demo
    client = editor(web, app)
    data = dict(filled(client.get(SCHEDULE).text, {"schedule": "3,-1"}, SCHEDULE))
    del data["shown_schedule"]
    before = event_count(app)
    answer = client.post(SCHEDULE, data=data)
    assert answer.status_code == 422
    assert "Skjemaet mangler påminnelsene du leste. Last siden på nytt." in unescape(answer.text)
    assert event_count(app) == before


def test_a_round_without_a_decision_is_refused_as_input_at_its_field(
    demo: tuple[Flask, Planlogg],
) -> None:
    web, app = demo
    closed_first(web, app)
    status, _, page = opened(editor(web, app), deadline="20.09.2025", decision="", bodies=[DIGITAL])
    assert (status, field_errors(page)) == (
        422, {"decision": "En rapporteringsrunde må åpnes med et vedtak (saksnummer)."}
    )  # fmt: skip
