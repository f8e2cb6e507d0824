"""Auditors' reads, on the pages and in the API: the changes between adopted versions above
the measures, the plan as of a day before it existed, and the history's two ways to page."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.norwegian_time import format_oslo_date, format_oslo_time
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.forms import form_fields
from tests.web.test_audit_pages import log_in

SECRETARIAT = Provenance("Sekretariatet", Source.CLI)
TITLE = "Handlingsplan 2022-2025 Helsefellesskapet St. Olavs hospital og kommunene"


@pytest.fixture
def adopted_twice(web: Flask, demo_app: Planlogg) -> Flask:
    """The demo's draft version 2, its title, a goal and an area changed and a goal added,
    adopted by ASU and PSU."""
    demo_app.retitle_plan(KEY, TITLE, SECRETARIAT)
    demo_app.reword_goal(KEY, "0.4", "Sikre brukar- og pårørandemedverknad", SECRETARIAT)
    demo_app.rename_area(KEY, "6", "Analyse og styringsinformasjon", SECRETARIAT)
    demo_app.add_goal(KEY, "6.2", "Felles datagrunnlag", SECRETARIAT)
    demo_app.submit(KEY, ["ASU", "PSU"], SECRETARIAT)
    demo_app.approve(KEY, 2, "ASU", "ASU sak 11/25", date(2025, 3, 6), SECRETARIAT)
    demo_app.approve(KEY, 2, "PSU", "PSU sak 03/25", date(2025, 3, 20), SECRETARIAT)
    caught_up(web)
    return web


OLD_TITLE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"


def test_the_api_diff_names_the_title_area_and_goal_changed_and_the_goal_added(
    adopted_twice: Flask, client: FlaskClient, auth
) -> None:
    answer = client.get(f"/api/plans/{KEY}/diff?a=1&b=2", headers=auth("auditor"))

    assert answer.status_code == 200
    found = answer.json
    assert found["parts_changed"] == [
        {"number": "", "field": "title", "before": OLD_TITLE, "after": TITLE},
        {"number": "0.4", "field": "goal_text", "before": "Sikre brukermedvirkning",
         "after": "Sikre brukar- og pårørandemedverknad"},
        {"number": "6", "field": "area_title", "before": "Analyse – og Styringsinformasjon",
         "after": "Analyse og styringsinformasjon"},
    ]  # fmt: skip
    assert found["parts_added"] == [
        {"kind": "goal", "number": "6.2", "text": "Felles datagrunnlag"}
    ]
    assert found["parts_removed"] == []
    spec = client.get("/api/openapi.json").json
    documented = spec["components"]["schemas"]["VersionDiff"]["properties"]
    assert {"parts_added", "parts_removed", "parts_changed"} <= set(documented)


def _section(page: str, heading: str) -> str:
    """What stands under `heading` (an h2) up to the next h2."""
    return page.split(f"<h2>{heading}</h2>", 1)[1].split("<h2>", 1)[0]


def test_the_compare_page_shows_them_as_it_shows_the_measures_changes(
    adopted_twice: Flask, client: FlaskClient, tokens
) -> None:
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/endringer?a=1&b=2").get_data(as_text=True)

    added = _section(page, "Nye innsatsområder og mål")
    assert re.findall(r"<li>(.*?)</li>", added) == ["<strong>Mål 6.2</strong> Felles datagrunnlag"]
    assert _section(page, "Fjernede innsatsområder og mål").strip() == "<p>Ingen.</p>"
    changed = _section(page, "Endrede felt i planen, innsatsområdene og målene")
    rows = [
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", changed.split("<tbody", 1)[1])
    ]
    assert rows == [
        ["Planen", "tittel",
         "Handlingsplan 2022-<del>2024 Helsefelleskapet</del> St. Olavs hospital og kommunene",
         "Handlingsplan 2022-<ins>2025 Helsefellesskapet</ins> St. Olavs hospital og kommunene"],
        ["Mål 0.4", "måltekst", "Sikre <del>brukermedvirkning</del>",
         "Sikre <ins>brukar- og pårørandemedverknad</ins>"],
        ["Innsatsområde 6", "tittel på innsatsområdet",
         "Analyse <del>–</del> og <del>Styringsinformasjon</del>",
         "Analyse og <ins>styringsinformasjon</ins>"],
    ]  # fmt: skip
    assert (
        '<th scope="col" role="columnheader">Versjon 1</th>'
        '<th scope="col" role="columnheader">Versjon 2</th>'
    ) in changed
    assert page.count('<p class="marks-legend"><del>Overstreket</del>: ') == 1


def _created_on(client: FlaskClient, auth) -> str:
    """The day the demo plan was created, in Norway: its history's first row."""
    return format_oslo_date(_first_moment(client, auth))


@pytest.mark.parametrize(
    ("målform", "said"),
    [("nb", "Planlogg har planen {title} fra {day}, da den ble lagt inn, og vet ikke hvordan "
            "den sto 01.01.2019. Velg en senere dato."),
     ("nn", "Planlogg har planen {title} frå {day}, då han blei lagd inn, og veit ikkje "
            "korleis han stod 01.01.2019. Vel ein seinare dato.")],
)  # fmt: skip
def test_the_as_of_page_before_the_plan_was_entered_says_from_when_and_keeps_the_day(
    client: FlaskClient, tokens, auth, målform: str, said: str
) -> None:
    """The notice names the plan by its title, as the page's heading does (its key stays in
    the address; the API's message keeps the key, below)."""
    created = _created_on(client, auth)
    log_in(client, tokens["auditor"])

    answer = client.get(f"/revisjon/{KEY}/per-dato?dato=2019-01-01&lang={målform}")

    assert answer.status_code == 404
    page = answer.get_data(as_text=True)
    assert form_fields(page, f"/revisjon/{KEY}/per-dato") == [("dato", "2019-01-01")]
    notice = re.findall(r'<p class="notice" role="status">([^<]*)</p>', page)
    assert notice == [said.format(title=OLD_TITLE, day=created)]


def test_the_as_of_page_of_a_plan_that_never_was_is_not_found(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["auditor"])

    answer = client.get("/revisjon/ingen-slik/per-dato?dato=2019-01-01")

    assert answer.status_code == 404
    assert 'Fant ingen plan med nøkkelen "ingen-slik".' in unescape(answer.get_data(as_text=True))


def test_the_api_as_of_before_the_plan_existed_is_a_404_that_says_so(
    client: FlaskClient, auth
) -> None:
    created = format_oslo_time(_first_moment(client, auth))

    answer = client.get(
        f"/api/plans/{KEY}/as-of?at=2019-01-01T12:00:00%2B01:00", headers=auth("auditor")
    )

    assert answer.status_code == 404
    assert answer.json["error"]["message"] == (
        f"Planlogg har planen {KEY} fra {created}, da den ble lagt inn, og vet ikke hvordan "
        "den sto 01.01.2019 12:00 (norsk tid). Velg et senere tidspunkt."
    )
    unknown = client.get(
        "/api/plans/ingen-slik/as-of?at=2019-01-01T12:00:00", headers=auth("auditor")
    )
    assert (unknown.status_code, unknown.json["error"]["message"]) == (
        404, 'Fant ingen plan med nøkkelen "ingen-slik".'
    )  # fmt: skip


def _first_moment(client: FlaskClient, auth) -> str:
    """When the demo plan was created: its history's first row."""
    first = client.get(f"/api/plans/{KEY}/history?limit=1", headers=auth("auditor")).json
    assert first["rows"][0]["event_type"] == "PlanCreated"
    return str(first["rows"][0]["occurred_at"])


@pytest.mark.parametrize("path", ["/api/history", f"/api/plans/{KEY}/history"])
@pytest.mark.parametrize("offset", ["0", "25"])
def test_a_history_page_asked_by_both_after_and_offset_is_refused_naming_both(
    client: FlaskClient, auth, path: str, offset: str
) -> None:
    """Even offset=0: a client giving both means one of them, and which is not for us to
    guess (the cursor alone was read, the offset passed by in silence)."""
    answer = client.get(f"{path}?after=12.1&offset={offset}", headers=auth("auditor"))

    assert answer.status_code == 422
    assert answer.json["error"]["fields"] == {
        "after": ["Bruk enten after eller offset, ikke begge."]
    }


def test_a_blank_offset_beside_after_is_no_offset(client: FlaskClient, auth) -> None:
    """A blank parameter is not given (as a blank filter is no filter)."""
    answer = client.get("/api/history?after=12.1&offset=&limit=5", headers=auth("auditor"))
    alone = client.get("/api/history?after=12.1&limit=5", headers=auth("auditor"))

    assert (answer.status_code, len(answer.json["rows"])) == (200, 5)
    assert answer.json["rows"] == alone.json["rows"]


def test_the_openapi_document_says_after_and_offset_go_alone(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").json
    for path in ("/api/history", "/api/plans/{key}/history"):
        parameters = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        assert parameters["offset"]["description"] == (
            "Antall rader å hoppe over fra starten. Kan ikke brukes sammen med after (422)."
        )
        assert parameters["after"]["description"] == (
            "Sidemerket fra forrige side gir siden etter den. Raskere enn offset i lange "
            "logger. Kan ikke brukes sammen med offset (422)."
        )


def test_an_offset_of_only_spaces_beside_after_is_no_offset(client: FlaskClient, auth) -> None:
    """A value of spaces alone is blank too (`query_args` strips before it looks)."""
    answer = client.get("/api/history?after=12.1&offset=%20%20&limit=5", headers=auth("auditor"))

    assert (answer.status_code, len(answer.json["rows"])) == (200, 5)


@pytest.mark.parametrize(("limit", "status"), [("0", 422), ("1", 200), ("500", 200), ("501", 422)])
def test_a_history_page_holds_one_to_five_hundred_rows(
    client: FlaskClient, auth, limit: str, status: int
) -> None:
    answer = client.get(f"/api/history?limit={limit}", headers=auth("auditor"))

    assert answer.status_code == status
    if status == 422:
        assert answer.json["error"]["fields"] == {"limit": ["Må være et heltall fra 1 til 500."]}
    else:
        assert answer.json["limit"] == int(limit)


def test_a_history_page_without_a_limit_holds_a_hundred_rows(client: FlaskClient, auth) -> None:
    answer = client.get("/api/history", headers=auth("auditor"))

    assert (answer.json["limit"], answer.json["offset"], len(answer.json["rows"])) == (100, 0, 100)


def test_a_history_page_that_ends_the_log_has_no_next(client: FlaskClient, auth) -> None:
    total = client.get("/api/history?limit=1", headers=auth("auditor")).json["total"]
    last = client.get(f"/api/history?limit={total}", headers=auth("auditor")).json
    short = client.get(f"/api/history?limit={total - 1}", headers=auth("auditor")).json

    assert (len(last["rows"]), last["next"]) == (total, None)
    assert short["next"] is not None and len(short["rows"]) == total - 1


def test_the_page_after_a_cursor_starts_with_the_row_after_it(client: FlaskClient, auth) -> None:
    first = client.get("/api/history?limit=5", headers=auth("auditor")).json
    after = client.get(f"/api/history?after={first['next']}&limit=5", headers=auth("auditor"))
    both = client.get("/api/history?limit=10", headers=auth("auditor")).json

    assert first["rows"] + after.json["rows"] == both["rows"]


def _history_total(client: FlaskClient, auth, query: str) -> int:
    answer = client.get(f"/api/plans/{KEY}/history?limit=1&{query}", headers=auth("auditor"))
    assert answer.status_code == 200
    found: int = answer.get_json()["total"]
    return found


@pytest.mark.parametrize(
    ("actor", "rows"),
    [("Sekretariatet", 271), ("sekretariatet", 0), ("Sekretariat%", 0), ("Sekretaria_et", 0)],
)
def test_the_actor_filter_is_the_actor_exactly(
    client: FlaskClient, auth, actor: str, rows: int
) -> None:
    """Not a pattern, and not in another letter case: "Kari" is not "kari" nor "Kari%"."""
    assert _history_total(client, auth, f"actor={actor.replace('%', '%25')}") == rows


@pytest.mark.parametrize(("field", "rows"), [("responsible", 52), ("Ansvar", 52), ("ansvar", 52)])
def test_a_field_is_found_by_its_label_as_by_its_name(
    client: FlaskClient, auth, field: str, rows: int
) -> None:
    assert _history_total(client, auth, f"field={field}") == rows


def test_the_as_of_page_of_a_version_standing_adopted_names_it_once(
    adopted_twice: Flask, client: FlaskClient, tokens
) -> None:
    """Not «vedtatt, arbeidsversjon 2, vedtatt versjon 2.», which read as a stutter."""
    log_in(client, tokens["auditor"])
    today = format_oslo_date(datetime.now(UTC))
    day = "-".join(reversed(today.split(".")))
    page = client.get(f"/revisjon/{KEY}/per-dato?dato={day}").text
    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S)
    assert lead is not None
    assert unescape(lead[1]) == (
        f"{TITLE} slik den sto ved utgangen av {today} (norsk tid): versjon 2, vedtatt."
    )
