"""The API takes a status or an evaluation for a measure of the version in force.

The demo plan's version 1 is in force while version 2 is drafted. A number the two give
different measures names neither; a measure only the draft has is refused in Norwegian,
and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, event_count

Auth = Callable[[str], dict[str, str]]
DRAFTING = Provenance("Sekretariatet", Source.CLI, reason="Utkast til versjon 2")
BODY = "Fagråd for digital samhandling"


def test_a_number_two_measures_have_is_refused_and_a_draft_only_measure_too(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    """The draft moves 4.1.2 to 4.1.5 and gives 4.1.2 to a new measure: a report for «4.1.2»
    may mean either, so it is refused, naming both; by its ID the measure in force takes it,
    and the new one is refused until it is adopted."""
    moved = demo_app.get_plan(KEY).find_measure("4.1.2").id
    demo_app.move_measure(KEY, "4.1.2", "4.1.5", DRAFTING)
    added = demo_app.add_measure(KEY, "4.1.2", "Nytt i utkastet", DRAFTING, responsible=[BODY])
    report = {"colour": "gul", "comment": "Forseinka"}
    before = event_count(demo_app)

    either = client.post(f"/api/plans/{KEY}/measures/4.1.2/status", json=report,
                         headers=auth("editor"))  # fmt: skip
    assert either.status_code == 422, either.json
    assert either.json["error"]["message"] == (
        f"Nummeret 4.1.2 er tiltak {moved} i versjon 1, men {added} i arbeidsversjonen. "
        "Oppgi ID-en til tiltaket du mener."
    )
    refused = client.post(f"/api/plans/{KEY}/measures/{added}/status", json=report,
                          headers=auth("editor"))  # fmt: skip
    assert refused.status_code == 409, refused.json
    assert refused.json["error"]["message"] == (
        "Tiltak 4.1.2 er ikke med i vedtatt versjon 1, som det rapporteres på. "
        "Det kan få status og evalueres når en versjon med tiltaket er vedtatt."
    )
    evaluation = {"year": 2024, "result": "oppnådd", "led_to": "Alt", "recommendation":
                  "avslutte", "body": BODY, "evaluated_on": "2024-12-01"}  # fmt: skip
    not_evaluated = client.post(f"/api/plans/{KEY}/measures/{added}/evaluations",
                                json=evaluation, headers=auth("editor"))  # fmt: skip
    assert not_evaluated.status_code == 409, not_evaluated.json
    assert not_evaluated.json["error"]["message"] == refused.json["error"]["message"]
    assert event_count(demo_app) == before

    saved = client.post(f"/api/plans/{KEY}/measures/{moved}/status", json=report,
                        headers=auth("editor"))  # fmt: skip
    assert saved.status_code == 200, saved.json
    status = demo_app.get_plan(KEY).measure(moved).status
    assert status is not None and (status.colour, status.comment) == ("yellow", "Forseinka")
