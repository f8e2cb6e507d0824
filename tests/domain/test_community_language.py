"""A community writes in one målform, a person may read in another; both are events."""

from __future__ import annotations

from domain.application import Planlogg
from domain.people import Person
from domain.provenance import Provenance

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"


def test_a_community_writes_bokmål_until_it_chooses_nynorsk(app: Planlogg, by: Provenance) -> None:
    app.register_community("st-olavs", "Helsefellesskapet St. Olavs", by)
    app.register_community("fonna", "Helsefellesskapet Helse Fonna", by, language="nn")
    assert app.community_language("st-olavs") == "nb"
    assert app.community_language("fonna") == "nn"
    assert app.choose_community_language("st-olavs", "nn", by) is True
    assert app.choose_community_language("st-olavs", "nn", by) is False
    assert app.community_language("st-olavs") == "nn"


def test_nynorsk_at_registration_is_one_more_event(app: Planlogg, by: Provenance) -> None:
    app.register_community("fonna", "Helsefellesskapet Helse Fonna", by, language="nn")
    app.register_community("st-olavs", "Helsefellesskapet St. Olavs", by)
    stored = [
        type(e).__qualname__
        for key in ("fonna", "st-olavs")
        for e in app.repository.event_store.get(app.get_community(key).id)
    ]
    assert stored == [
        "HealthCommunity.CommunityRegistered",
        "HealthCommunity.LanguageChosen",
        "HealthCommunity.CommunityRegistered",
    ]


def test_a_plan_speaks_its_communitys_målform(app: Planlogg, by: Provenance) -> None:
    app.register_community("fonna", "Helsefellesskapet Helse Fonna", by, language="nn")
    app.create_plan("fonna-2025", "Handlingsplan 2025", "fonna", 2025, 2027, by)
    assert app.plan_language("fonna-2025") == "nn"


def test_a_person_reads_their_own_choice_or_their_communitys(by: Provenance) -> None:
    person = Person.add(ISSUER, "sub-kari", "kari@helse.no", "Kari Nordmann", by)
    assert person.language is None
    assert person.choose_language("nn", by) is True
    assert person.choose_language("nn", by) is False
    assert person.language == "nn"
    assert person.choose_language(None, by) is True
    assert person.language is None
