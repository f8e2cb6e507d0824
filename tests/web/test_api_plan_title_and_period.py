"""`POST /api/plans/{key}/title` and `POST /api/plans/{key}/period`: a plan's title and period
could not be changed by anyone after the plan was created or imported. `replaces` names what
the client read: a title or period set since is refused with 409 naming who set it to what,
and bad input with 422 in Norwegian."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.norwegian_time import oslo_today
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, event_count

TODAY = oslo_today().strftime("%d.%m.%Y")
"""The day the tests make their changes, as a refusal names it (Norwegian time)."""

Auth = Callable[[str], dict[str, str]]
TITLE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"
OLA = Provenance("Ola Hansen", Source.CLI)


def test_a_title_replacing_the_one_read_is_stored(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    answer = client.post(f"/api/plans/{KEY}/title", headers=auth("editor"),
                         json={"title": "Handlingsplan 2022–2025", "replaces": TITLE})  # fmt: skip
    assert answer.status_code == 200, answer.json
    assert answer.json == {
        "done": f"{KEY} har fått ny tittel (før: «{TITLE}»).",
        "key": KEY,
    }
    assert demo_app.get_plan(KEY).header.title == "Handlingsplan 2022–2025"


def test_a_title_set_since_it_was_read_is_refused_with_409_naming_who(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    demo_app.retitle_plan(KEY, "Ola sin tittel", OLA)
    before = event_count(demo_app)
    answer = client.post(f"/api/plans/{KEY}/title", headers=auth("editor"),
                         json={"title": "Min tittel", "replaces": TITLE})  # fmt: skip
    assert answer.status_code == 409
    assert answer.json["error"]["kind"] == "conflict"
    message = answer.json["error"]["message"]
    assert message.startswith(f"Tittelen ble endret av Ola Hansen {TODAY} ")
    assert message.endswith(
        f"etter at du hentet den: den er nå «Ola sin tittel», ikke «{TITLE}». "
        "Ingenting er lagret. Se over planen, og endre på nytt om du vil."
    )
    assert event_count(demo_app) == before
    assert demo_app.get_plan(KEY).header.title == "Ola sin tittel"


def test_a_period_of_one_year_replacing_the_one_read(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    answer = client.post(f"/api/plans/{KEY}/period", headers=auth("editor"), json={
        "first_year": 2022, "last_year": 2022,
        "replaces": {"first_year": 2022, "last_year": 2025},
    })  # fmt: skip
    assert answer.status_code == 200, answer.json
    assert answer.json["done"] == f"Planperioden for {KEY} er endret fra 2022–2025 til 2022."
    header = demo_app.get_plan(KEY).header
    assert (header.first_year, header.last_year) == (2022, 2022)


def test_a_period_set_since_it_was_read_is_refused_with_409_naming_who(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    demo_app.change_period(KEY, 2022, 2026, OLA)
    answer = client.post(f"/api/plans/{KEY}/period", headers=auth("editor"), json={
        "first_year": 2023, "last_year": 2025,
        "replaces": {"first_year": 2022, "last_year": 2025},
    })  # fmt: skip
    assert answer.status_code == 409
    message = answer.json["error"]["message"]
    assert message.startswith(f"Planperioden ble endret av Ola Hansen {TODAY} ")
    assert "den er nå 2022–2026, ikke 2022–2025. Ingenting er lagret." in message
    header = demo_app.get_plan(KEY).header
    assert (header.first_year, header.last_year) == (2022, 2026)


def test_a_period_ending_first_is_refused_with_422_in_either_målform(
    client: FlaskClient, auth: Auth
) -> None:
    body = {"first_year": 2025, "last_year": 2022}
    bokmål = client.post(f"/api/plans/{KEY}/period", headers=auth("editor"), json=body)
    assert bokmål.status_code == 422
    assert bokmål.json["error"]["message"] == "Perioden 2025–2022 slutter før den begynner."
    nynorsk = client.post(f"/api/plans/{KEY}/period?lang=nn", headers=auth("editor"), json=body)
    assert nynorsk.status_code == 422
    assert nynorsk.json["error"]["message"] == "Perioden 2025–2022 sluttar før han byrjar."


def test_an_empty_title_and_a_year_of_text_are_refused_at_their_fields(
    client: FlaskClient, auth: Auth
) -> None:
    empty = client.post(f"/api/plans/{KEY}/title", headers=auth("editor"), json={"title": ""})
    assert empty.status_code == 422
    assert empty.json["error"]["fields"] == {"title": ["Må være mellom 1 og 300 tegn."]}
    text = client.post(f"/api/plans/{KEY}/period", headers=auth("editor"),
                       json={"first_year": "i fjor", "last_year": 2025})  # fmt: skip
    assert text.status_code == 422
    assert list(text.json["error"]["fields"]) == ["first_year"]


def test_an_auditor_may_not_retitle(client: FlaskClient, auth: Auth, demo_app: Planlogg) -> None:
    answer = client.post(f"/api/plans/{KEY}/title", headers=auth("auditor"),
                         json={"title": "Revisors tittel"})  # fmt: skip
    assert answer.status_code == 403
    assert demo_app.get_plan(KEY).header.title == TITLE
