"""The public list of adopted versions says when each was adopted: the day of the meeting
that completed its adoption (the day it came in force), as the page's approvals and the
version's own page say. It said the day the adoption was typed into Planlogg, so the demo's
version 1, adopted by PSU on 24.03.2022, read "vedtatt" on the day the demo was loaded."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import person_with, signed_in

CLI = Provenance("Sekretariatet", Source.CLI)


def test_each_adopted_version_is_listed_with_the_day_it_was_adopted(
    web: Flask, demo_app: Planlogg, client: FlaskClient
) -> None:
    version = demo_app.submit(KEY, ["ASU"], CLI)
    demo_app.approve(KEY, version, "ASU", "ASU sak 7/24", date(2024, 6, 12), CLI)
    caught_up(web)
    page = client.get(f"/planer/{KEY}").get_data(as_text=True)
    listed = re.findall(r">Versjon (\d+)</a>, vedtatt ([\d.]+)</li>", page)
    assert listed == [("1", "24.03.2022"), ("2", "12.06.2024")]


def test_the_versions_to_compare_are_named_by_the_day_they_were_adopted(
    people_web: Flask, demo_app: Planlogg
) -> None:
    version = demo_app.submit(KEY, ["ASU"], CLI)
    demo_app.approve(KEY, version, "ASU", "ASU sak 7/24", date(2024, 6, 12), CLI)
    caught_up(people_web)
    auditor = signed_in(people_web, person_with(demo_app, Role.AUDITOR))
    page = auditor.get(f"/revisjon/{KEY}/endringer").get_data(as_text=True)
    offered = re.findall(r'<option value="(\d+)" (?:selected)?>\d+ \(([\d.]+)\)</option>', page)
    assert offered[:2] == [("1", "24.03.2022"), ("2", "12.06.2024")]
