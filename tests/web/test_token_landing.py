"""Where a person signed in with a token lands when no page was asked for: a page their
role may see, the same as after signing in at the identity provider (`landing_page`)."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from domain.people import Role
from tests.web.conftest import KEY
from web.tokens import create_token

LANDS = {
    Role.EDITOR: f"/planer/{KEY}/dashbord",
    Role.APPROVER: f"/planer/{KEY}/dashbord",
    Role.AUDITOR: "/revisjon/",
}
"""A token has one of these three roles (`web.tokens`)."""


@pytest.mark.parametrize("role", list(LANDS))
def test_a_token_without_a_page_in_mind_lands_where_its_role_may_look(
    people_web: Flask, role: Role
) -> None:
    token, _ = create_token(people_web.extensions["planlogg"].tokens, "Kari", role)
    client = people_web.test_client()
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/logg-inn").text)
    assert found is not None
    signed_in = client.post("/logg-inn", data={"token": token, "csrf_token": found[1]})
    assert (signed_in.status_code, signed_in.headers["Location"]) == (302, LANDS[role])
    assert client.get(LANDS[role]).status_code == 200
