"""The number a new goal is offered is free. A removed goal's number is not: its removed
measures would come back under whatever new goal took it (restored from the working
version), and its history would run on into another goal's. The new measure form skips
removed measures' numbers for this reason too (`new_measure._next_number`)."""

from __future__ import annotations

import re

from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from tests.web.conftest import caught_up
from tests.web.signed_in import SETUP, person_with, signed_in

KEY = DEMO_PLAN


def test_a_new_goal_is_not_offered_the_number_of_a_removed_goal(
    people_web: Flask, demo_app: Planlogg
) -> None:
    """Area 1's goals are 1.1 … 1.8; 1.8 (its one measure, 1.8.1, removed first) is removed."""
    demo_app.remove_measure(KEY, "1.8.1", SETUP)
    demo_app.remove_goal(KEY, "1.8", SETUP)
    caught_up(people_web)
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    page = client.get(f"/planer/{KEY}/mal/nytt?area=1")
    assert page.status_code == 200
    assert re.findall(r'name="number" value="([^"]*)"', page.text) == ["1.9"]
