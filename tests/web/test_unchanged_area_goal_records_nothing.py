"""An area or a goal saved with the words it already has is no change: nothing is recorded
and its revision stays, as a measure's unchanged text is (`Plan.reword_measure`).

Recorded, the same title made a history line «Utskrivningsklare pasienter →
Utskrivningsklare pasienter» and a new revision, so an editor who had read the area before
(in another tab, or another client) found their own, real change refused as if someone had
changed it meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from domain.application import Planlogg
from tests.web.conftest import KEY, event_count

AREA = f"/api/plans/{KEY}/areas/2"
GOAL = f"/api/plans/{KEY}/goals/2.1"


def test_an_area_saved_with_its_own_title_records_nothing(
    client: FlaskClient, auth: Callable[[str], dict[str, str]], demo_app: Planlogg
) -> None:
    before = event_count(demo_app)
    response = client.put(
        AREA,
        json={"title": "Utskrivningsklare pasienter"},
        headers={**auth("editor"), "If-Match": '"1"'},
    )
    assert response.status_code == 200, response.json
    assert (response.headers["ETag"], event_count(demo_app)) == ('"1"', before)


def test_a_goal_saved_with_its_own_text_records_nothing(
    client: FlaskClient, auth: Callable[[str], dict[str, str]], demo_app: Planlogg
) -> None:
    text = demo_app.get_plan(KEY).goal("2.1").text
    before = event_count(demo_app)
    response = client.put(GOAL, json={"text": text}, headers={**auth("editor"), "If-Match": '"1"'})
    assert response.status_code == 200, response.json
    assert (response.headers["ETag"], event_count(demo_app)) == ('"1"', before)


def test_a_rename_read_before_an_unchanged_save_is_not_refused(
    client: FlaskClient, auth: Callable[[str], dict[str, str]]
) -> None:
    seen = client.get(f"/api/plans/{KEY}/draft/areas/2", headers=auth("editor")).headers["ETag"]
    unchanged = client.put(
        AREA,
        json={"title": "Utskrivningsklare pasienter"},
        headers={**auth("editor"), "If-Match": seen},
    )
    assert unchanged.status_code == 200, unchanged.json
    renamed = client.put(
        AREA,
        json={"title": "Utskrivingsklare pasientar"},
        headers={**auth("editor"), "If-Match": seen},
    )
    assert renamed.status_code == 200, renamed.json
