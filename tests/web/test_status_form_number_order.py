"""A reporter's status form lists the body's measures by number (`Plan.reporting_measures`),
as the dashboard, the plan and the annual report do. Version 2 adds 4.1.4 for the digital
samhandling fagråd and is adopted while R1 is open: the form asks for it after 4.1.3, not
last, after the measures of goals 4.2 and 4.3."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY
from tests.web.signed_in import reporter, signed_in

BODY = "Fagråd for digital samhandling"
PAGE = f"/planer/{KEY}/rapportere"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI)
LEGEND = re.compile(r"<legend>Tiltak ([0-9.A-Z ]+)</legend>")


def test_the_status_form_lists_the_bodys_measures_by_number(
    people_web: Flask, demo_app: Planlogg
) -> None:
    demo_app.add_measure(KEY, "4.1.4", "Nytt tiltak for digital samhandling", SECRETARIAT,
                         responsible=[BODY])  # fmt: skip
    demo_app.submit(KEY, ["ASU"], SECRETARIAT)
    assert demo_app.approve(KEY, 2, "ASU", "sak 12/25", date(2025, 3, 13), SECRETARIAT)
    client = signed_in(people_web, reporter(demo_app, [BODY]))

    page = client.get(PAGE).get_data(as_text=True)

    assert LEGEND.findall(page) == ["4.1.2", "4.1.3", "4.1.4", "4.2.1", "4.2.2", "4.3.1"]
