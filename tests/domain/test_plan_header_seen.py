"""A plan's title and period changed on what the caller read (`seen`): one set since is refused
naming who set it, the day (Norwegian time) and what to, in either målform, and nothing is
saved; both changed at once are saved together or not at all (`change_plan_header`)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.application import Planlogg
from domain.errors import ConcurrentEditError
from domain.plan import HeaderChangedError, Plan
from domain.provenance import Provenance, Source
from language import speaking
from tests.conftest import EventClock

KARI = Provenance("Kari Nordmann", Source.CLI)
OLA = Provenance("Ola Hansen", Source.WEB)
TITLE = "Handlingsplan for våren 2022"


@pytest.fixture
def app(event_clock: EventClock) -> Planlogg:
    app = Planlogg.from_url("memory:")
    app.create_plan("vaar-2022", TITLE, "innlandet", 2022, 2022, KARI)
    event_clock.moment = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)  # 2 March in Norway
    return app


def header(app: Planlogg) -> tuple[str, int, int]:
    found = app.get_plan("vaar-2022").header
    return found.title, found.first_year, found.last_year


def test_a_title_set_since_is_refused_naming_who_when_and_what(app: Planlogg) -> None:
    assert app.retitle_plan("vaar-2022", "Olas tittel", OLA, seen=TITLE) == TITLE
    with pytest.raises(ConcurrentEditError) as refused:
        app.retitle_plan("vaar-2022", "Karis tittel", KARI, seen=TITLE)
    assert refused.value.message == (
        "Tittelen ble endret av Ola Hansen 02.03.2025 etter at du hentet den: den er nå "
        "«Olas tittel», ikke «Handlingsplan for våren 2022». Ingenting er lagret. Se over "
        "planen, og endre på nytt om du vil."
    )
    assert header(app)[0] == "Olas tittel"


def test_a_period_set_at_creation_is_named_by_its_creator_in_nynorsk(app: Planlogg) -> None:
    with speaking("nn"), pytest.raises(ConcurrentEditError) as refused:
        app.change_period("vaar-2022", 2022, 2025, OLA, seen=(2022, 2024))
    assert refused.value.message == (
        "Planperioden blei endra av Kari Nordmann 01.02.2025 etter at du henta han: han er "
        "no 2022, ikkje 2022–2024. Ingenting er lagra. Sjå over planen, og endre på nytt om "
        "du vil."
    )
    assert header(app)[1:] == (2022, 2022)


def test_a_title_read_with_other_spacing_is_the_title_read(app: Planlogg) -> None:
    app.retitle_plan("vaar-2022", "Ny tittel", KARI, seen="  Handlingsplan  for våren 2022 ")
    assert header(app)[0] == "Ny tittel"


def test_title_and_period_are_saved_together_or_not_at_all(app: Planlogg) -> None:
    app.change_period("vaar-2022", 2022, 2023, OLA)
    with pytest.raises(ConcurrentEditError):
        app.change_plan_header("vaar-2022", KARI, "Ny tittel", (2022, 2025), TITLE, (2022, 2022))
    assert header(app) == (TITLE, 2022, 2023)
    app.change_plan_header("vaar-2022", KARI, "Ny tittel", (2022, 2025), TITLE, (2022, 2023))
    assert header(app) == ("Ny tittel", 2022, 2025)


def test_the_plan_alone_refuses_without_naming_anyone() -> None:
    plan = Plan.start("p", "Tittel", "hf", 2022, 2024, KARI)
    with pytest.raises(HeaderChangedError) as refused:
        plan.change_period(2022, 2025, KARI, seen=(2022, 2023))
    assert refused.value.message == (
        "Planperioden er nå 2022–2024, ikke 2022–2023 som da du hentet den. Ingenting er "
        "lagret. Se over planen, og endre på nytt om du vil."
    )
