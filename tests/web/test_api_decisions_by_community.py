"""The registers as the API writes to them: the bodies a measure names, and the decisions a
change cites or a community registers.

- A body name with decomposed letters (NFD «å», as text copied from macOS files comes) is
  the registered body it reads as, not unregistered text.
- A change may cite only a decision its plan's community registered, so that the decision
  leads an auditor to its text and the plan's decisions show it: a decision only another
  community registered is not registered for it (`ReadModels.find_decision` by community).
- A decision registered for one community may not name another community's plan: it would
  be listed as that plan's decision (422 on `plan`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.plan import plan_id
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up

Auth = Callable[[str], dict[str, str]]
OTHER = "vestre-viken"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Test")


def another_community_with_a_decision(web: Flask, app: Planlogg) -> None:
    app.register_community(OTHER, "Helsefellesskapet Vestre Viken", SECRETARIAT)
    app.record_decision(
        OTHER, "SSU sak 11/24", "SSU", date(2024, 3, 13), "Vestre Viken vedtek.", SECRETARIAT
    )
    caught_up(web)


def test_a_responsible_body_typed_with_decomposed_letters_is_the_registered_body(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    typed = unicodedata.normalize("NFD", "Fagråd for pasientsamarbeid")
    response = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/responsible",
        json={"bodies": [typed]},
        headers=auth("editor"),
    )
    assert response.status_code == 200, response.json
    measure = demo_app.get_plan(KEY).find_measure("1.3.1")
    assert measure.responsible == ("fagrad-for-pasientsamarbeid",)


def test_a_change_citing_a_decision_only_another_community_registered_is_refused(
    web: Flask, client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    another_community_with_a_decision(web, demo_app)
    response = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/text",
        json={"text": "Ny tekst", "decision": "SSU sak 11/24"},
        headers=auth("editor"),
    )
    assert response.status_code == 409, response.json
    assert response.json["error"]["message"] == (
        "Vedtaket «SSU sak 11/24» er ikke registrert. Se om saksnummeret er skrevet riktig, "
        "eller be sekretariatet registrere vedtaket først."
    )


def test_a_change_citing_its_communitys_decision_in_other_words_cites_it_as_registered(
    web: Flask, client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    """Another community's «asu sak 40/24» beside it changes nothing: St. Olavs' is cited."""
    demo_app.register_community(OTHER, "Helsefellesskapet Vestre Viken", SECRETARIAT)
    demo_app.record_decision(
        OTHER, "asu sak 40/24", "asu", date(2024, 6, 1), "Vestre Viken vedtek.", SECRETARIAT
    )
    caught_up(web)
    response = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/text",
        json={"text": "Ny tekst", "decision": "asu sak 40/2024"},
        headers=auth("editor"),
    )
    assert response.status_code == 200, response.json
    last = next(iter(demo_app.events.get(plan_id(KEY), desc=True, limit=1)))
    assert last.by.decision == "ASU sak 40/24"


def test_a_decision_of_one_community_is_not_filed_under_another_communitys_plan(
    web: Flask, client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    another_community_with_a_decision(web, demo_app)
    response = client.post(
        "/api/decisions",
        json={"community": OTHER, "plan": KEY, "case": "PSU sak 3/24", "body": "PSU",
              "meeting_date": "2024-05-02", "text": "Vestre Viken sitt vedtak."},
        headers=auth("editor"),
    )  # fmt: skip
    assert response.status_code == 422, response.json
    assert response.json["error"]["fields"] == {
        "plan": [
            f'Planen "{KEY}" tilhører ikke helsefellesskapet "{OTHER}". Et vedtak kan bare '
            "gjelde en plan i sitt eget helsefellesskap."
        ]
    }
