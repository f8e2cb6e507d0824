"""The status form saved again with nothing new (the back button and «Lagre status» again, or
the same lights twice) says there was nothing to save and which measures already have that
status in the round, not «0 tiltak fikk ny status.», which reads as a failed save."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from tests.web.conftest import KEY
from tests.web.forms import filled
from tests.web.signed_in import reporter, signed_in

BODY = "Fagråd for digital samhandling"
BODY_ID = "fagrad-for-digital-samhandling"
PAGE = f"/planer/{KEY}/rapportere"
ACTION = f"{PAGE}?organ={BODY_ID}"
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>', re.S)


def _ids(app: Planlogg, *numbers: str) -> list[str]:
    plan = app.get_plan(KEY)
    return [plan.find_measure(n).id for n in numbers]


def _saved(client: FlaskClient, form: dict[str, list[str]]) -> tuple[str, str]:
    """Where the save led, and the notice said there."""
    answer = client.post(ACTION, data=form)
    assert answer.status_code == 303, answer.get_data(as_text=True)
    shown = client.get(answer.headers["Location"]).get_data(as_text=True)
    return answer.headers["Location"], " ".join(NOTICE.findall(shown))


def test_the_form_sent_again_after_the_back_button_says_nothing_changed(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    client = signed_in(web, reporter(app, [BODY]))
    first, second = _ids(app, "4.1.3", "4.2.1")
    shown = client.get(ACTION).get_data(as_text=True)
    form = filled(shown, {f"status-{first}": "green", f"status-{second}": "yellow"}, ACTION)
    _saved(client, form)

    again, said = _saved(client, form)

    assert again.endswith("&lagret=0")
    assert said == (
        "Ingen endringer å lagre: 4.1.3 og 4.2.1 har allerede denne statusen i runde R1. "
        "2 tiltak mangler fortsatt status i runden: 4.2.2, 4.3.1."
    )
    assert [r.status.colour.value for r in app.get_plan(KEY).reporting_measures()
            if r.id in (first, second)] == ["green", "yellow"]  # fmt: skip


def test_a_save_of_new_and_unchanged_rows_names_those_that_had_their_status(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    client = signed_in(web, reporter(app, [BODY]))
    first, second, third = _ids(app, "4.1.3", "4.2.1", "4.2.2")
    shown = client.get(ACTION).get_data(as_text=True)
    form = filled(shown, {f"status-{first}": "green", f"status-{second}": "yellow"}, ACTION)
    _saved(client, form)

    _again, said = _saved(client, {**form, f"status-{third}": ["red"]})

    assert said == (
        "1 tiltak fikk ny status. 4.1.3 og 4.2.1 hadde allerede denne statusen i runden. "
        "1 tiltak mangler fortsatt status i runden: 4.3.1."
    )


def test_a_form_saved_as_shown_says_it_is_as_saved(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    client = signed_in(web, reporter(app, [BODY]))
    shown = client.get(ACTION).get_data(as_text=True)

    _again, said = _saved(client, filled(shown, {}, ACTION))

    assert said == (
        "Ingen endringer å lagre: skjemaet er likt det som er lagret. "
        "4 tiltak mangler fortsatt status i runden: 4.1.3, 4.2.1, 4.2.2, 4.3.1."
    )
