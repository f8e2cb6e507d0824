"""The status form's «N tiltak fikk ny status.» (and what the body still lacks in the round)
follows a save (the address `lagret=N` the form redirects to), and is said only for the save
this browser made in the round shown: the address reopened from the history or a bookmark
once the next round is open says nothing on the form for R2, where nothing has been reported."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY
from tests.web.signed_in import reporter, signed_in
from tests.web.test_audit_pages import csrf_from

BODY = "Fagråd for digital samhandling"
BODY_ID = "fagrad-for-digital-samhandling"
PAGE = f"/planer/{KEY}/rapportere"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 4/24")
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>')


def test_the_saved_notice_is_not_repeated_on_the_next_rounds_form(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    measure = demo_app.get_plan(KEY).find_measure("4.1.3")
    form = {"csrf_token": csrf_from(client, PAGE), f"status-{measure.id}": "green"}
    saved = client.post(f"{PAGE}?organ={BODY}", data=form)
    assert saved.headers["Location"] == f"{PAGE}?organ={BODY_ID}&lagret=1"
    shown = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert NOTICE.findall(shown) == [
        "1 tiltak fikk ny status. 3 tiltak mangler fortsatt status i runden: 4.2.1, 4.2.2, 4.3.1."
    ]
    demo_app.close_reporting_round(KEY, SECRETARIAT)
    assert demo_app.open_reporting_round(KEY, date(2024, 11, 1), [BODY], SECRETARIAT) == "R2"

    page = client.get(saved.headers["Location"]).get_data(as_text=True)

    assert "Runde R2 har frist" in page
    assert NOTICE.findall(page) == []
