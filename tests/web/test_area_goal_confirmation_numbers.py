"""The answer to a change of an area or goal names it by the number the plan gives it, as
every later answer does: "02.09" is goal 2.9 and "7." is area 7, so «La til innsatsområde
7..» reads as a typo, and a client that keeps the number it is told would ask for goal
02.09."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result
from flask.testing import FlaskClient

from tests.web.conftest import KEY


def test_an_area_written_with_a_full_stop_is_named_without_it(
    client: FlaskClient, auth: Callable[[str], dict[str, str]]
) -> None:
    response = client.post(
        f"/api/plans/{KEY}/areas", json={"number": "7.", "title": "Nytt"}, headers=auth("editor")
    )
    assert response.status_code == 201, response.json
    assert response.json["done"] == "La til innsatsområde 7."


def test_a_goal_written_with_leading_zeros_is_named_as_the_plan_numbers_it(
    client: FlaskClient, auth: Callable[[str], dict[str, str]]
) -> None:
    response = client.post(
        f"/api/plans/{KEY}/goals", json={"number": "02.09", "text": "Nytt"}, headers=auth("editor")
    )
    assert response.status_code == 201, response.json
    assert response.json["done"] == "La til mål 2.9."


def test_an_area_renamed_by_a_padded_number_is_named_as_the_plan_numbers_it(
    client: FlaskClient, auth: Callable[[str], dict[str, str]]
) -> None:
    response = client.put(
        f"/api/plans/{KEY}/areas/02", json={"title": "Nytt navn"}, headers=auth("editor")
    )
    assert response.status_code == 200, response.json
    assert response.json["done"] == "Innsatsområde 2 har fått ny tittel."


def test_a_goal_reworded_by_a_padded_number_is_named_as_the_plan_numbers_it(
    client: FlaskClient, auth: Callable[[str], dict[str, str]]
) -> None:
    response = client.put(
        f"/api/plans/{KEY}/goals/02.01", json={"text": "Ny tekst"}, headers=auth("editor")
    )
    assert response.status_code == 200, response.json
    assert response.json["done"] == "Endret mål 2.1."


def test_a_goal_removed_by_a_padded_number_is_named_as_the_plan_numbers_it(
    client: FlaskClient, auth: Callable[[str], dict[str, str]]
) -> None:
    added = client.post(
        f"/api/plans/{KEY}/goals", json={"number": "2.9", "text": "Nytt"}, headers=auth("editor")
    )
    assert added.status_code == 201, added.json
    response = client.delete(f"/api/plans/{KEY}/goals/02.09", json={}, headers=auth("editor"))
    assert response.status_code == 200, response.json
    assert response.json["done"] == "Fjernet mål 2.9."


def test_the_command_line_names_a_new_area_and_goal_as_the_plan_numbers_them(
    demo_cli: Callable[..., Result],
) -> None:
    """`plan area` and `plan goal` said «La til innsatsområde 7..» and «La til mål 02.09.»."""
    area = demo_cli("plan", "area", KEY, "7.", "Nytt")
    goal = demo_cli("plan", "goal", KEY, "02.09", "Nytt")
    assert (area.exit_code, area.stdout) == (0, "✓ La til innsatsområde 7.\n")
    assert (goal.exit_code, goal.stdout) == (0, "✓ La til mål 2.9.\n")
