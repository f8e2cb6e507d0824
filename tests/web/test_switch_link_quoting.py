"""The link to the other målform keeps the page: a plan's key may hold "?", "#" and "%"
(`Plan.start` refuses only spaces and "/"), and the link quotes the path again as it is
written in the address, or the key's "?" would start the query."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, demo_table
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import caught_up
from tests.web.signed_in import person_with, signed_in

ODD_KEY = "ny?plan#1%"
QUOTED = "ny%3Fplan%231%25"


def test_the_switch_link_quotes_a_plan_key_with_question_mark_and_hash(
    web: Flask, demo_app: Planlogg
) -> None:
    by = Provenance("Sekretariatet", Source.CLI, reason="Test")
    demo_app.import_plan(ODD_KEY, demo_table(), DEMO_COMMUNITY, by)
    caught_up(web)
    client = signed_in(web, person_with(demo_app, Role.EDITOR))
    page = client.get(f"/planer/{QUOTED}/arbeidsversjon?lang=nb")
    assert page.status_code == 200
    link = f'<a class="switch-language" href="/planer/{QUOTED}/arbeidsversjon?lang=nn"'
    assert link in page.text
    assert client.get(f"/planer/{QUOTED}/arbeidsversjon?lang=nn").status_code == 200
