"""The public sees the adopted version in force, never the working draft."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.web.conftest import DRAFT_TEXT, KEY

ADOPTED_TEXT = "Utarbeide årshjul"


def test_the_plan_list_names_the_adopted_version(client: FlaskClient) -> None:
    plans = client.get("/api/plans").json
    assert [(p["key"], p["version"], p["in_force_from"]) for p in plans] == [(KEY, 1, "2022-03-24")]
    page = client.get("/").get_data(as_text=True)
    assert "Handlingsplan 2022-2024" in page
    assert f'href="/planer/{KEY}"' in page
    # the day of the meeting that adopted it (PSU's, the later approval), not the day the
    # decision was typed in: a version adopted in 2022 read «vedtak registrert 07.12.2026»
    assert "2022–2025 · versjon 1\n· gjelder fra 24.03.2022</span>" in page


def test_the_adopted_plan_shows_measures_bodies_cases_and_latest_status(
    client: FlaskClient,
) -> None:
    page = client.get(f"/planer/{KEY}").get_data(as_text=True)
    assert "<li>ASU sak 12/22, møte 10.03.2022</li>" in page
    assert "<li>PSU sak 05/22, møte 24.03.2022</li>" in page
    assert 'id="tiltak-1.2.1"' in page
    assert 'class="light light-yellow"' in page and "02.09.2024" in page
    assert "Kontrollsummen gjelder endringsloggen" in page


def test_the_owner_is_named_by_the_community_not_its_key(client: FlaskClient) -> None:
    page = client.get(f"/planer/{KEY}").get_data(as_text=True)
    assert "Eier: Helsefellesskapet St. Olavs hospital og kommunene." in page


def test_goal_and_area_texts_go_through_the_markup_renderer(client: FlaskClient) -> None:
    page = client.get(f"/planer/{KEY}").get_data(as_text=True)
    assert (
        '<h3 id="mal-0.3">Mål 0.3: Økt bruk av samhandlingssiden på <em>stolav.no</em> som '
        "felles informasjonsplattform</h3>"
    ) in page
    assert '<h3 id="mal-2.1">Mål 2.1: Utskrivningsklare pasienter (UKP)</h3>' in page
    assert "<li>Bedre utnyttelse av mulighetene i hjemmebaserte tjenester.</li>" in page
    assert "*stolav.no*" not in page and "- Bedre utnyttelse" not in page


def test_the_checksum_is_shortened_with_the_whole_value_on_demand(client: FlaskClient) -> None:
    head = client.get("/api/chain/head").json
    page = client.get(f"/planer/{KEY}").get_data(as_text=True)
    assert f"<summary>Kontrollsum <code>{head['hash'][:12]}…</code>" in page
    assert f"<code>{head['hash']}</code>" in page
    assert f"hendelse {head['position']}, <time datetime=" in page
    assert "(norsk tid)." in page


def test_the_api_gives_the_adopted_version_with_approvals_and_status(client: FlaskClient) -> None:
    plan = client.get(f"/api/plans/{KEY}/adopted").json
    assert plan["version"] == 1
    assert {a["body"] for a in plan["approvals"]} == {"ASU", "PSU"}
    measures = {m["number"]: m for a in plan["areas"] for g in a["goals"] for m in g["measures"]}
    assert len(measures) == 52
    assert measures["4.1.2"]["status"]["colour"] == "red"
    assert measures["0.1.2"]["text"].startswith(ADOPTED_TEXT)


def test_no_public_page_or_endpoint_contains_the_pending_revision(client: FlaskClient) -> None:
    for path in (
        "/",
        f"/planer/{KEY}",
        f"/planer/{KEY}/versjoner/1",
        "/api/plans",
        f"/api/plans/{KEY}/adopted",
        f"/api/plans/{KEY}/versions",
        f"/api/plans/{KEY}/versions/1",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.get_data(as_text=True)
        assert DRAFT_TEXT not in body, path
        assert '"stage"' not in body and "utkast" not in body.lower(), path


def test_a_draft_version_is_not_found_publicly(client: FlaskClient) -> None:
    assert client.get(f"/api/plans/{KEY}/versions/2").status_code == 404
    assert client.get(f"/planer/{KEY}/versjoner/2").status_code == 404
    assert client.get(f"/api/plans/{KEY}/draft").status_code == 401


def test_an_unknown_plan_is_404_in_json_and_in_html(client: FlaskClient) -> None:
    api = client.get("/api/plans/finst-ikkje/adopted")
    assert api.status_code == 404 and api.json["error"]["kind"] == "not_found"
    page = client.get("/planer/finst-ikkje")
    assert page.status_code == 404 and "Fant ingen vedtatt plan" in page.get_data(as_text=True)


def test_every_response_carries_the_security_headers(client: FlaskClient) -> None:
    for path in ("/", "/api/plans", "/finst-ikkje"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style(client: FlaskClient) -> None:
    page = client.get(f"/planer/{KEY}").get_data(as_text=True)
    assert "<script" not in page and "style=" not in page and "<style" not in page
    assert '<html lang="nb">' in page and 'name="viewport"' in page


def test_the_api_gives_each_year_mark_both_as_written_and_as_understood(
    client: FlaskClient,
) -> None:
    plan = client.get(f"/api/plans/{KEY}/adopted").json
    measures = {m["number"]: m for a in plan["areas"] for g in a["goals"] for m in g["measures"]}
    started = measures["1.3.3"]["timeframe"]["2022"]
    assert (started["raw"], started["phase"], started["planned"]) == (
        "X lgangsatt",
        "igangsatt",
        True,
    )
    assert measures["3.3.1"]["timeframe"]["2024"]["postponed"] is True
    assert measures["1.1.1"]["timeframe"]["2023"]["terms"] == ["høst"]


def test_a_version_number_too_large_for_any_database_is_simply_not_found(
    client: FlaskClient,
) -> None:
    response = client.get(f"/api/plans/{KEY}/versions/9223372036854775808")
    assert response.status_code == 404
    assert client.get(f"/planer/{KEY}/versjoner/9223372036854775808").status_code == 404
