"""Auditors' pages: login with CSRF, filtered history, downloads of exactly those rows."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.projections.history_csv import history_rows
from tests.web.conftest import KEY


def csrf_from(client: FlaskClient, path: str = "/logg-inn") -> str:
    page = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, page
    return found[1]


def log_in(client: FlaskClient, token: str) -> None:
    response = client.post("/logg-inn", data={"token": token, "csrf_token": csrf_from(client)})
    assert response.status_code == 302


def test_the_history_page_sends_anonymous_visitors_to_the_login(client: FlaskClient) -> None:
    response = client.get("/revisjon/?plan=" + KEY)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/logg-inn?next=/revisjon/")


def test_a_login_without_the_csrf_token_is_refused(client: FlaskClient, tokens) -> None:
    response = client.post("/logg-inn", data={"token": tokens["auditor"]})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Skjemaet er utløpt eller ugyldig (CSRF). Last siden på nytt." in text
    assert client.get("/revisjon/").status_code == 302


def test_a_wrong_token_shows_an_error_and_no_session(client: FlaskClient) -> None:
    response = client.post("/logg-inn", data={"token": "plg_x", "csrf_token": csrf_from(client)})
    assert response.status_code == 401
    assert "Ukjent eller tilbakekalt token" in response.get_data(as_text=True)


def test_an_editor_may_not_read_the_audit_history(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["editor"])
    assert client.get("/revisjon/").status_code == 403


def test_filters_page_and_download_exactly_the_filtered_rows(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["auditor"])
    query = f"plan={KEY}&measure=0.1.2&source=cli"
    page = client.get(f"/revisjon/?{query}&limit=25").get_data(as_text=True)
    total = int(re.search(r"(\d+) endringe?r? passer filteret", page)[1])
    assert total == 1 and "årshjul for 2025" in page  # the demo's one change from the CLI
    download = client.get(f"/revisjon/logg.csv?{query}")
    assert download.headers["Content-Disposition"].startswith("attachment;")
    rows = history_rows(download.get_data(as_text=True))
    assert len(rows) == total
    assert {(r["measure_number"], r["source"]) for r in rows} == {("0.1.2", "kommandolinje")}
    as_json = client.get(f"/revisjon/logg.json?{query}").json
    assert [r["position"] for r in as_json] == [int(r["position"]) for r in rows]


def test_paging_walks_through_the_whole_history(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["auditor"])
    first = client.get(f"/revisjon/?plan={KEY}&limit=25").get_data(as_text=True)
    assert "Rad 1–25 av" in first and 'rel="next"' in first
    second = client.get(f"/revisjon/?plan={KEY}&limit=25&offset=25").get_data(as_text=True)
    assert "Rad 26–50 av" in second and 'rel="prev"' in second


def test_a_bad_filter_is_explained(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["auditor"])
    response = client.get("/revisjon/?since=i-går")
    assert response.status_code == 422
    assert "Må være en dato" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "nb", "nn"),
    [
        ("/revisjon/?measure=" + "x" * 41,
         "<li><strong>Tiltak (nr. eller ID)</strong>: Må være mellom 0 og 40 tegn.</li>",
         "<li><strong>Tiltak (nr. eller ID)</strong>: Må vere mellom 0 og 40 teikn.</li>"),
        ("/revisjon/?field=" + "x" * 61,
         "<li><strong>Felt</strong>: Må være mellom 0 og 60 tegn.</li>",
         "<li><strong>Felt</strong>: Må vere mellom 0 og 60 teikn.</li>"),
        ("/revisjon/?decision=" + "x" * 61,
         "<li><strong>Vedtak (f.eks. SSU sak 11/24)</strong>: Må være mellom 0 og 60 tegn.</li>",
         "<li><strong>Vedtak (t.d. SSU sak 11/24)</strong>: Må vere mellom 0 og 60 teikn.</li>"),
        ("/revisjon/?since=i-går",
         "<li><strong>Fra dato (norsk tid)</strong>: Må være en dato (ÅÅÅÅ-MM-DD).</li>",
         "<li><strong>Frå dato (norsk tid)</strong>: Må vere ein dato (ÅÅÅÅ-MM-DD).</li>"),
        ("/revisjon/?next=1", "<li>Ukjent felt.</li>", "<li>Ukjend felt.</li>"),
        (f"/revisjon/{KEY}/endringer?a=x&b=1",
         "<li><strong>Fra versjon</strong>: Må være et heltall.</li>",
         "<li><strong>Frå versjon</strong>: Må vere eit heiltal.</li>"),
    ],
    ids=["measure", "field", "decision", "since", "next", "a"],
)  # fmt: skip
def test_a_bad_filter_names_the_field_by_its_label_never_its_code(
    client: FlaskClient, tokens, query: str, nb: str, nn: str
) -> None:
    log_in(client, tokens["auditor"])
    for målform, expected in (("nb", nb), ("nn", nn)):
        response = client.get(f"{query}&lang={målform}")
        assert response.status_code == 422
        shown = response.get_data(as_text=True).split("field-errors")[1].split("</ul>")[0]
        listed = re.findall(r"<li>.*?</li>", shown)
        assert listed == [expected]


def test_timeline_as_of_diff_and_chain_check(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["auditor"])
    timeline = client.get(f"/revisjon/{KEY}/tiltak/0.1.2").get_data(as_text=True)
    assert "årshjul for 2025" in timeline and "Sekretariatet" in timeline
    as_of = client.get(f"/revisjon/{KEY}/per-dato?dato=2099-01-01")
    assert as_of.status_code == 200 and "1.2.1" in as_of.get_data(as_text=True)
    diff = client.get(f"/revisjon/{KEY}/endringer?a=1&b=1").get_data(as_text=True)
    assert "Endrede felt" in diff
    verify = client.get("/revisjon/kontroll").get_data(as_text=True)
    assert "Loggen er hel" in verify


def test_logging_out_needs_the_csrf_token_and_ends_the_session(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["auditor"])
    assert client.post("/logg-ut").status_code == 400
    token = csrf_from(client, "/")
    assert client.post("/logg-ut", data={"csrf_token": token}).status_code == 302
    assert client.get("/revisjon/").status_code == 302


def test_the_dashboard_draws_svg_charts_for_staff_only(client: FlaskClient, tokens) -> None:
    assert client.get(f"/planer/{KEY}/dashbord").status_code == 302
    log_in(client, tokens["editor"])
    page = client.get(f"/planer/{KEY}/dashbord").get_data(as_text=True)
    assert page.count('<svg class="chart" role="img"') == 2
    assert "bar bar-yellow" in page and "bar bar-red" in page
    assert "Mangler rapport fra" in page
    assert "Tema i § 6-2 uten tiltak" in page


def test_auditors_see_each_decision_with_the_changes_it_authorised(
    client: FlaskClient, tokens
) -> None:
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/vedtak?plan={KEY}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert [h for h in re.findall(r'<h2 id="vedtak-\d+">([^<]+)</h2>', text)] == [
        "ASU sak 12/22",
        "PSU sak 05/22",
        "ASU sak 40/24",
    ]
    assert "ASU ber leiar for kvart fagråd oppdatere status" in text
    assert "4 endringer etter vedtaket</a>" in text
    filtered = client.get("/revisjon/?decision=asu+sak+40/2024").get_data(as_text=True)
    assert 'value="asu sak 40/2024"' in filtered
    assert "5 endringer passer filteret." in filtered
    assert client.get("/revisjon/?decision=ingen").status_code == 422
