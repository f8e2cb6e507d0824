"""What a person reads in a download or on the way in: Norwegian words, in the right målform.

- The history download (`/revisjon/logg.csv`) had a last column «Hendelsestype» whose every
  cell was the event's class name («StatusReported»): it has no such column now (the JSON
  keeps the code); no cell of it is an identifier as code spells it.
- A visitor sent to sign in from a page about a nynorsk community's plan (the dashboard)
  read the sign-in page in bokmål: the page it leads back to (`next`) is heard now, as the
  plan's public pages a step before.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.people import Role
from language import Målform
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import SETUP, person_with, signed_in

CAMEL_CASE = re.compile(r"(?:[A-Z][a-z]+){2,}")
"""An identifier as code spells it (StatusReported), never a Norwegian word."""
LAST_HEADER: dict[Målform, str] = {"nb": "Vedtak", "nn": "Vedtak"}


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_history_download_has_no_column_of_class_names(
    people_web: Flask, demo_app: Planlogg, målform: Målform
) -> None:
    auditor = person_with(demo_app, Role.AUDITOR)
    demo_app.choose_person_language(auditor, målform, SETUP)
    caught_up(people_web)
    download = signed_in(people_web, auditor).get(f"/revisjon/logg.csv?plan={KEY}")
    assert download.status_code == 200
    rows = list(
        csv.reader(io.StringIO(download.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    assert (len(rows[0]), rows[0][-1]) == (15, LAST_HEADER[målform])
    cells = {cell for row in rows[1:] for cell in row}
    assert {"Demodata", "Statusrapport"} <= cells
    assert sorted(c for c in cells if CAMEL_CASE.fullmatch(c)) == []


def test_a_visitor_sent_to_sign_in_from_a_nynorsk_communitys_plan_reads_nynorsk(
    web: Flask, demo_app: Planlogg
) -> None:
    demo_app.choose_community_language(DEMO_COMMUNITY, "nn", SETUP)
    caught_up(web)
    client = web.test_client()
    assert '<html lang="nn">' in client.get(f"/planer/{KEY}").text
    sent = client.get(f"/planer/{KEY}/dashbord")
    assert sent.status_code == 302
    sign_in = client.get(sent.headers["Location"])
    assert sign_in.status_code == 200
    assert re.search(r'<html lang="(\w+)">', sign_in.text).group(1) == "nn"  # type: ignore[union-attr]
