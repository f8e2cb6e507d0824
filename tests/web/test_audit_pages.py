"""Auditors' pages: login with CSRF, filtered history, downloads of exactly those rows."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from domain.provenance import Provenance, Source
from tests.projections.history_csv import history_rows
from tests.web.conftest import KEY, caught_up
from tests.web.forms import form_fields

MARKED = "Utarbeide årshjul <ins>for 2025 med faste rapporteringspunkt</ins>."
"""The demo's change of 0.1.2 from the command line, as the audit pages show it: the words
it added marked."""


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
    assert "Siden ble åpnet før du sist logget inn" in text
    assert client.get("/revisjon/").status_code == 302


def test_a_wrong_token_shows_an_error_and_no_session(client: FlaskClient) -> None:
    response = client.post("/logg-inn", data={"token": "plg_x", "csrf_token": csrf_from(client)})
    assert response.status_code == 401
    assert "Ukjent token, eller et token som er trukket tilbake." in response.get_data(as_text=True)


def test_an_editor_may_not_read_the_audit_history(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["editor"])
    assert client.get("/revisjon/").status_code == 403


def test_filters_page_and_download_exactly_the_filtered_rows(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["auditor"])
    query = f"plan={KEY}&measure=0.1.2&source=cli"
    page = client.get(f"/revisjon/?{query}&limit=25").get_data(as_text=True)
    total = int(re.search(r"(\d+) endringe?r? passer filteret", page)[1])
    assert total == 1 and MARKED in page  # the demo's one change from the CLI
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


def refused_summary(page: str) -> list[str]:
    """The items of a refused page's error summary, in order."""
    summary = page.split('<div class="error-summary"')[1].split("</div>")[0]
    return re.findall(r"<li>(.*?)</li>", summary)


@pytest.mark.parametrize(
    ("query", "nb", "nn"),
    [
        ("/revisjon/?measure=" + "x" * 41,
         '<a href="#measure">Tiltak (nr. eller ID): Må være mellom 0 og 40 tegn.</a>',
         '<a href="#measure">Tiltak (nr. eller ID): Må vere mellom 0 og 40 teikn.</a>'),
        ("/revisjon/?field=" + "x" * 61,
         '<a href="#field">Felt: Må være mellom 0 og 60 tegn.</a>',
         '<a href="#field">Felt: Må vere mellom 0 og 60 teikn.</a>'),
        ("/revisjon/?decision=" + "x" * 61,
         '<a href="#decision">Vedtak (f.eks. SSU sak 11/24): Må være mellom 0 og 60 tegn.</a>',
         '<a href="#decision">Vedtak (t.d. SSU sak 11/24): Må vere mellom 0 og 60 teikn.</a>'),
        ("/revisjon/?since=i-går",
         '<a href="#since">Fra dato (norsk tid): Må være en dato (ÅÅÅÅ-MM-DD).</a>',
         '<a href="#since">Frå dato (norsk tid): Må vere ein dato (ÅÅÅÅ-MM-DD).</a>'),
        ("/revisjon/?next=1", "Ukjent felt.", "Ukjend felt."),
        (f"/revisjon/{KEY}/endringer?a=x&b=1",
         '<a href="#a">Fra versjon: Må være et heltall.</a>',
         '<a href="#a">Frå versjon: Må vere eit heiltal.</a>'),
        (f"/revisjon/{KEY}/endringer?a=1&b=2",
         '<a href="#b">Til versjon: Versjon 2 er ikke vedtatt. Vedtatte versjoner: 1.</a>',
         '<a href="#b">Til versjon: Versjon 2 er ikkje vedteken. Vedtekne versjonar: 1.</a>'),
    ],
    ids=["measure", "field", "decision", "since", "next", "a", "not-adopted"],
)  # fmt: skip
def test_a_bad_filter_names_the_field_by_its_label_never_its_code(
    client: FlaskClient, tokens, query: str, nb: str, nn: str
) -> None:
    log_in(client, tokens["auditor"])
    for målform, expected in (("nb", nb), ("nn", nn)):
        response = client.get(f"{query}&lang={målform}")
        assert response.status_code == 422
        assert refused_summary(response.get_data(as_text=True)) == [expected]


TYPED = {
    "plan": KEY,
    "measure": "0.1.2",
    "actor": 'Kari "K" <Nordmann>',
    "source": "cli",
    "field": "tekst",
    "decision": "ASU sak 40/24",
    "since": "i-går",
    "until": "2024-12-31",
    "limit": "25",
}
"""Every history filter filled in, the first date not a date."""
SINCE_REFUSED = {
    "nb": ("Fra dato (norsk tid)", "Må være en dato (ÅÅÅÅ-MM-DD)."),
    "nn": ("Frå dato (norsk tid)", "Må vere ein dato (ÅÅÅÅ-MM-DD)."),
}


def marked_inputs(page: str) -> list[tuple[str, str]]:
    """Every entry of the page marked as refused: its id, and the ids that describe it."""
    marked = re.findall(r"<(?:input|select)\b[^>]*\baria-invalid=\"true\"[^>]*>", page)
    return [
        (re.findall(r'\bid="([^"]*)"', tag)[0], re.findall(r'aria-describedby="([^"]*)"', tag)[0])
        for tag in marked
    ]


@pytest.mark.parametrize("målform", ["nb", "nn"])
@pytest.mark.parametrize("path", ["/revisjon/", "/revisjon/logg.csv", "/revisjon/logg.json"])
def test_a_refused_filter_gives_the_filter_form_back_as_typed_with_the_field_marked(
    client: FlaskClient, tokens, målform: str, path: str
) -> None:
    log_in(client, tokens["auditor"])
    typed = TYPED if path == "/revisjon/" else {**TYPED, "limit": ""}  # a download has no pages
    response = client.get(path, query_string={**typed, "lang": målform})
    assert response.status_code == 422
    assert response.mimetype == "text/html" and "Content-Disposition" not in response.headers
    page = response.get_data(as_text=True)
    label, message = SINCE_REFUSED[målform]
    assert f'<html lang="{målform}">' in page
    shown = {**typed, "limit": typed["limit"] or "100"}
    assert form_fields(page, "/revisjon/") == list(shown.items())
    assert 'value="Kari &#34;K&#34; &lt;Nordmann&gt;"' in page and "<Nordmann>" not in page
    assert marked_inputs(page) == [("since", "since-error")]
    assert f'<p class="error" id="since-error">{message}</p>' in page
    assert refused_summary(page) == [f'<a href="#since">{label}: {message}</a>']
    assert "passer filteret" not in page and "<table" not in page


@pytest.mark.parametrize(
    ("målform", "message"),
    [
        ("nb", "&#34;ingen&#34; er ikke et saksnummer. "
               "Skriv f.eks. &#34;sak 11/24&#34; eller &#34;ASU sak 27/22&#34;."),
        ("nn", "&#34;ingen&#34; er ikkje eit saksnummer. "
               "Skriv t.d. &#34;sak 11/24&#34; eller &#34;ASU sak 27/22&#34;."),
    ],
)  # fmt: skip
def test_a_decision_that_is_no_case_number_is_marked_on_the_decision_field(
    client: FlaskClient, tokens, målform: str, message: str
) -> None:
    log_in(client, tokens["auditor"])
    typed = {"actor": "Rita", "decision": "ingen"}
    response = client.get("/revisjon/", query_string={**typed, "lang": målform})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    fields = dict(form_fields(page, "/revisjon/"))
    assert (fields["actor"], fields["decision"]) == ("Rita", "ingen")
    assert marked_inputs(page) == [("decision", "decision-error")]
    assert f'<p class="error" id="decision-error">{message}</p>' in page


@pytest.mark.parametrize(
    ("målform", "message"), [("nb", "Ukjent kilde."), ("nn", "Ukjend kjelde.")]
)
def test_a_refused_choice_stays_chosen_so_the_filter_is_never_silently_widened(
    client: FlaskClient, tokens, målform: str, message: str
) -> None:
    log_in(client, tokens["auditor"])
    response = client.get("/revisjon/", query_string={"source": "regneark", "lang": målform})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert dict(form_fields(page, "/revisjon/"))["source"] == "regneark"
    assert marked_inputs(page) == [("source", "source-error")]
    assert f'<p class="error" id="source-error">{message}</p>' in page


def test_every_refused_filter_is_marked_at_once(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["auditor"])
    typed = {"source": "regneark", "decision": "ingen", "until": "2024-02-30"}
    response = client.get("/revisjon/", query_string=typed)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert marked_inputs(page) == [
        ("source", "source-error"), ("decision", "decision-error"), ("until", "until-error"),
    ]  # fmt: skip
    assert refused_summary(page) == [
        '<a href="#source">Kilde: Ukjent kilde.</a>',
        '<a href="#decision">Vedtak (f.eks. SSU sak 11/24): &#34;ingen&#34; er ikke et '
        "saksnummer. Skriv f.eks. &#34;sak 11/24&#34; eller &#34;ASU sak 27/22&#34;.</a>",
        '<a href="#until">Til dato (norsk tid): Må være en dato (ÅÅÅÅ-MM-DD).</a>',
    ]


@pytest.mark.parametrize(
    ("målform", "label", "message"),
    [("nb", "Dato (norsk tid)", "Må være en dato (ÅÅÅÅ-MM-DD)."),
     ("nn", "Dato (norsk tid)", "Må vere ein dato (ÅÅÅÅ-MM-DD).")],
)  # fmt: skip
def test_a_refused_day_gives_the_plan_as_of_form_back_as_typed(
    client: FlaskClient, tokens, målform: str, label: str, message: str
) -> None:
    log_in(client, tokens["auditor"])
    response = client.get(f"/revisjon/{KEY}/per-dato?dato=31.02.2024&lang={målform}")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert form_fields(page, f"/revisjon/{KEY}/per-dato") == [("dato", "31.02.2024")]
    assert marked_inputs(page) == [("dato", "dato-error")]
    assert f'<p class="error" id="dato-error">{message}</p>' in page
    assert refused_summary(page) == [f'<a href="#dato">{label}: {message}</a>']


def test_the_download_links_leave_out_the_paging(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/?plan={KEY}&limit=25&after=1.0").get_data(as_text=True)
    links = re.findall(r'href="(/revisjon/logg\.(?:csv|json)\?[^"]*)"', page)
    assert links == [f"/revisjon/logg.csv?plan={KEY}", f"/revisjon/logg.json?plan={KEY}"]
    assert client.get(links[0]).status_code == 200


def test_timeline_as_of_diff_and_chain_check(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["auditor"])
    timeline = client.get(f"/revisjon/{KEY}/tiltak/0.1.2").get_data(as_text=True)
    assert MARKED in timeline and "Sekretariatet" in timeline
    as_of = client.get(f"/revisjon/{KEY}/per-dato?dato=2099-01-01")
    assert as_of.status_code == 200 and "1.2.1" in as_of.get_data(as_text=True)
    diff = client.get(f"/revisjon/{KEY}/endringer?a=1&b=1").get_data(as_text=True)
    assert "Endrede felt" in diff
    verify = client.get("/revisjon/kontroll").get_data(as_text=True)
    assert "Kjeden er hel" in verify


def test_the_timeline_of_a_measure_that_never_was_is_not_found(client: FlaskClient, tokens) -> None:
    log_in(client, tokens["auditor"])
    missing = client.get(f"/revisjon/{KEY}/tiltak/9.9.9")
    assert missing.status_code == 404
    assert f"Fant ikke tiltak 9.9.9 i planen {KEY}." in missing.get_data(as_text=True)


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
    assert "Mangler statusrapport fra" in page
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


def test_the_history_says_which_part_of_the_plan_each_change_is_of(
    client: FlaskClient, tokens, web, demo_app
) -> None:
    """An area's or a goal's change named nothing in the history's measure column: the
    column «Del av planen» names the measure, else the goal, else the area."""
    by = Provenance("Siri Sekretær", Source.CLI, reason="Ny ordlyd")
    demo_app.rename_area(KEY, "2", "Digital samhandling", by)
    demo_app.reword_goal(KEY, "2.1", "Felles journal", by)
    demo_app.reword_measure(KEY, "0.1.2", "Årshjul.", by)
    caught_up(web)
    log_in(client, tokens["auditor"])
    query = {"plan": KEY, "actor": "Siri Sekretær"}
    page = client.get("/revisjon/", query_string=query).get_data(as_text=True)
    rows = re.findall(r"<tr role=\"row\">(.*?)</tr>", page, re.S)[1:]
    cells = [
        (re.sub(r"<[^>]+>", "", re.findall(r'data-label="Del av planen">(.*?)</td>', row)[0]),
         re.findall(r'data-label="Felt">(.*?)</td>', row)[0])
        for row in rows
    ]  # fmt: skip
    assert cells == [
        ("innsatsområde 2", "tittel på innsatsområdet"),
        ("mål 2.1", "måltekst"),
        ("tiltak 0.1.2", "tekst"),
    ]


@pytest.mark.parametrize(
    ("målform", "first", "last", "withdrawn"),
    [
        ("nb", ["andre navn på organet", "ansvar", "arbeidsversjon"],
         ["vedtak", "vedtakstekst", "vedtatt versjon"], "godkjenning trukket tilbake"),
        ("nn", ["andre namn på organet", "ansvar", "arbeidsversjon"],
         ["vedtak", "vedtakstekst", "vedteken versjon"], "godkjenning trekt tilbake"),
    ],
)  # fmt: skip
def test_the_field_filter_offers_every_fields_name_as_it_is_typed(
    client: FlaskClient, tokens, målform: str, first: list[str], last: list[str], withdrawn: str
) -> None:
    """«Felt» was free text, with two examples in its hint: the auditor had to guess the
    other 55 names. Each is offered as she types (a datalist: any other text is still read)."""
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/?plan={KEY}&lang={målform}").get_data(as_text=True)
    assert 'name="field" value="" autocomplete="off" list="field-names"' in page
    listed = re.search(r'<datalist id="field-names">(.*?)</datalist>', page, re.S)
    assert listed is not None
    names = re.findall(r'<option value="([^"]+)">', listed[1])
    assert (len(names), names[:3], names[-3:], withdrawn in names) == (57, first, last, True)
