"""Who may change a plan's areas and goals in the browser, and where the links to do it are:
editors only, on an editable plan only, from the working version only; the public page and
the plan as of a day show none of them, whoever reads them."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.norwegian_time import oslo_today
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up, event_count
from tests.web.forms import filled
from tests.web.signed_in import SETUP, person_with, signed_in

SHEET = Provenance("Kari", Source.SHEET)
SECRETARIAT = Provenance("Sekretariatet", Source.CLI)
PAGES = [
    f"/planer/{KEY}/innsatsomrader/nytt",
    f"/planer/{KEY}/innsatsomrader/2/endre",
    f"/planer/{KEY}/mal/nytt?area=2",
    f"/planer/{KEY}/mal/2.1/endre",
    f"/planer/{KEY}/mal/2.1/fjern",
]
FORMS = [
    f"/planer/{KEY}/innsatsomrader/nytt",
    f"/planer/{KEY}/innsatsomrader/2/endre",
    f"/planer/{KEY}/mal/nytt",
    f"/planer/{KEY}/mal/2.1/endre",
    f"/planer/{KEY}/mal/2.1/fjern",
]
OUTLINE_LINK = re.compile(r'href="([^"]*/(?:innsatsomrader|mal)/[^"]*|[^"]*/tiltak/nytt[^"]*)"')
WORKING = f"/planer/{KEY}/arbeidsversjon"


def token(client: FlaskClient) -> str:
    """The session's CSRF token, from the sign-out form every page has."""
    page = client.get("/profil").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None
    return found[1]


@pytest.mark.parametrize(
    ("path", "title"),
    zip(
        PAGES,
        ["Nytt innsatsområde", "Endre innsatsområde 2", "Nytt mål", "Endre mål 2.1",
         "Fjern mål 2.1"],
        strict=True,
    ),
)  # fmt: skip
def test_each_page_is_titled_by_its_heading(
    people_web: Flask, demo_app: Planlogg, path: str, title: str
) -> None:
    page = signed_in(people_web, person_with(demo_app, Role.EDITOR)).get(path).text
    assert f"<title>{title} – Planlogg</title>" in page
    assert f"<h1>{title}</h1>" in page


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("role", [Role.REPORTER, Role.APPROVER, Role.AUDITOR])
def test_only_editors_may_open_the_pages(
    people_web: Flask, demo_app: Planlogg, role: Role, path: str
) -> None:
    client = signed_in(people_web, person_with(demo_app, role))
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", FORMS)
def test_only_editors_may_send_the_forms(people_web: Flask, demo_app: Planlogg, path: str) -> None:
    client = signed_in(people_web, person_with(demo_app, Role.APPROVER))
    data = {"csrf_token": token(client), "number": "7", "title": "T", "text": "T", "revision": "1"}
    before = event_count(demo_app)
    assert client.post(path, data=data).status_code == 403
    assert event_count(demo_app) == before


@pytest.mark.parametrize("path", PAGES)
def test_someone_signed_out_is_sent_to_sign_in_and_back(people_web: Flask, path: str) -> None:
    answer = people_web.test_client().get(path)
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/logg-inn?next=" + quote(path, safe="/?")


def test_a_form_sent_after_signing_out_saves_nothing(people_web: Flask, demo_app: Planlogg) -> None:
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    url = f"/planer/{KEY}/innsatsomrader/2/endre"
    data = filled(client.get(url).text, {"title": "Ny tittel"}, url)
    before = event_count(demo_app)
    refused = people_web.test_client().post(url, data=data)
    assert refused.status_code == 400
    assert "Ny tittel" in refused.text
    assert event_count(demo_app) == before


@pytest.fixture
def adopted(people_web: Flask, demo_app: Planlogg) -> Flask:
    """The demo's version 2 adopted by ASU and PSU: its content may not change until a
    revision is started."""
    demo_app.submit(KEY, ["ASU", "PSU"], SECRETARIAT)
    demo_app.approve(KEY, 2, "ASU", "ASU sak 11/25", date(2025, 3, 6), SECRETARIAT)
    demo_app.approve(KEY, 2, "PSU", "PSU sak 03/25", date(2025, 3, 20), SECRETARIAT)
    caught_up(people_web)
    return people_web


REFUSED = "Planen er vedtatt (versjon 2). Start en revisjon før innholdet kan endres."


@pytest.mark.parametrize(
    ("page", "field", "typed"),
    [
        (f"/planer/{KEY}/innsatsomrader/nytt", "title", "Folkehelse"),
        (f"/planer/{KEY}/innsatsomrader/2/endre", "title", "Ny tittel"),
        (f"/planer/{KEY}/mal/nytt?area=2", "text", "Nytt mål"),
        (f"/planer/{KEY}/mal/2.1/endre", "text", "Ny tekst"),
    ],
)
def test_a_plan_not_editable_says_so_and_refuses_in_the_domains_words(
    adopted: Flask, demo_app: Planlogg, page: str, field: str, typed: str
) -> None:
    client = signed_in(adopted, person_with(demo_app, Role.EDITOR))
    shown = client.get(page).text
    assert (
        '<p class="notice" role="status">Planen er vedtatt: innholdet kan endres igjen når en '
        "revisjon er startet.</p>" in shown
    )
    before = event_count(demo_app)
    refused = client.post(page, data=filled(shown, {field: typed}, page))
    assert refused.status_code == 409
    assert f"<p>{REFUSED}</p>" in refused.text
    assert re.search(
        rf'<textarea id="{field}" name="{field}"[^>]*>{typed}</textarea>', refused.text
    )
    assert event_count(demo_app) == before


def test_a_goals_removal_is_refused_on_a_plan_not_editable(
    people_web: Flask, demo_app: Planlogg
) -> None:
    demo_app.add_goal(KEY, "3.4", "Felles øvelser", SHEET)
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    url = f"/planer/{KEY}/mal/3.4/fjern"
    shown = client.get(url).text
    demo_app.submit(KEY, ["ASU"], SECRETARIAT)
    demo_app.approve(KEY, 2, "ASU", "ASU sak 11/25", date(2025, 3, 6), SECRETARIAT)
    before = event_count(demo_app)
    refused = client.post(url, data=filled(shown, {}, url))
    assert refused.status_code == 409
    assert f"<p>{REFUSED}</p>" in refused.text
    assert event_count(demo_app) == before


def outline_links(page: str) -> list[str]:
    return OUTLINE_LINK.findall(page)


def test_the_working_version_offers_an_editor_the_links_naming_their_area_or_goal(
    people_web: Flask, demo_app: Planlogg
) -> None:
    demo_app.add_goal(KEY, "3.4", "Felles øvelser", SHEET)
    caught_up(people_web)
    page = signed_in(people_web, person_with(demo_app, Role.EDITOR)).get(WORKING).text
    area_3 = page[page.index('<section class="area" aria-labelledby="omrade-3">') :]
    area_3 = area_3[: area_3.index("</section>")]
    assert outline_links(area_3) == [
        f"/planer/{KEY}/innsatsomrader/3/endre",
        f"/planer/{KEY}/mal/nytt?area=3",
        f"/planer/{KEY}/mal/3.1/endre",
        f"/planer/{KEY}/tiltak/nytt?goal=3.1",
        f"/planer/{KEY}/mal/3.2/endre",
        f"/planer/{KEY}/tiltak/nytt?goal=3.2",
        f"/planer/{KEY}/mal/3.3/endre",
        f"/planer/{KEY}/tiltak/nytt?goal=3.3",
        f"/planer/{KEY}/mal/3.4/endre",
        f"/planer/{KEY}/mal/3.4/fjern",
        f"/planer/{KEY}/tiltak/nytt?goal=3.4",
    ]
    assert (
        '<p class="links edit-links no-print"><a href="/planer/' + KEY + '/mal/3.4/endre">Endre mål'
        '<span class="visually-hidden"> 3.4</span></a><span aria-hidden="true"> · </span>'
        '<a href="/planer/' + KEY + '/mal/3.4/fjern">Fjern mål<span class="visually-hidden">'
        ' 3.4</span></a><span aria-hidden="true"> · </span><a href="/planer/' + KEY
        + '/tiltak/nytt?goal=3.4">Nytt tiltak<span class="visually-hidden"> under mål 3.4'
        "</span></a></p>" in area_3
    )  # fmt: skip
    assert (
        '<a href="/planer/' + KEY + '/innsatsomrader/3/endre">Endre tittel'
        '<span class="visually-hidden"> på innsatsområde 3</span></a>' in area_3
    )
    assert (
        f'<p class="no-print"><a href="/planer/{KEY}/innsatsomrader/nytt">Nytt innsatsområde'
        "</a></p>" in page
    )
    removals = [link for link in outline_links(page) if link.endswith("/fjern")]
    assert removals == [f"/planer/{KEY}/mal/3.4/fjern"]


@pytest.mark.parametrize("role", [Role.APPROVER, Role.REPORTER])
def test_the_working_version_offers_others_no_link(
    people_web: Flask, demo_app: Planlogg, role: Role
) -> None:
    page = signed_in(people_web, person_with(demo_app, role)).get(WORKING)
    assert page.status_code == 200
    assert 'id="omrade-2"' in page.text
    assert outline_links(page.text) == []


def test_the_working_version_of_a_plan_not_editable_offers_no_link(
    adopted: Flask, demo_app: Planlogg
) -> None:
    page = signed_in(adopted, person_with(demo_app, Role.EDITOR)).get(WORKING).text
    assert 'id="omrade-2"' in page
    assert outline_links(page) == []


@pytest.mark.parametrize(
    "path",
    [f"/planer/{KEY}", f"/planer/{KEY}/versjoner/1", f"/revisjon/{KEY}/per-dato?dato={{today}}"],
)
def test_the_public_page_and_the_plan_as_of_a_day_show_an_editor_no_link(
    people_web: Flask, demo_app: Planlogg, path: str
) -> None:
    person = person_with(demo_app, Role.EDITOR)
    demo_app.grant_roles(person, [Role.AUDITOR], SETUP)
    page = signed_in(people_web, person).get(path.format(today=oslo_today().isoformat()))
    assert page.status_code == 200
    assert 'id="omrade-2"' in page.text
    assert outline_links(page.text) == []
    assert "Nytt innsatsområde" not in page.text
