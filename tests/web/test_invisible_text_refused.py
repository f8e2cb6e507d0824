"""Text of only characters nobody can see is refused in the browser, as the API refuses it.

The API refuses a responsible body, a SMART indicator or a reason made only of zero-width
spaces or word joiners («Teksten består bare av usynlige tegn.», tests/web/test_api_commands.py).
The browser forms for the same commands saved them: a measure got a responsible body every
page shows blank, which no reporter can ever report for, and a SMART indicator that counts as
filled in. The rule is the domain's (`domain.text.checked`), so every form, the sheet and the
command line refuse such a text, naming its field; an empty optional text (a reason not given)
is still taken."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.errors import ValidationError
from domain.measure_sheet import parse_topics, split_list
from domain.people import Role
from domain.provenance import Provenance, Source
from domain.text import checked
from tests.web.conftest import KEY, event_count
from tests.web.forms import filled, form_fields
from tests.web.signed_in import person_with, signed_in

INVISIBLE = "\u200b\u2060"
"""A zero-width space and a word joiner: filled in, yet every page shows it blank."""
MEASURE = "T019"
"""Measure 1.3.1, responsible «Fagråd for pasientsamarbeid», no SMART indicator."""
EDIT = f"/planer/{KEY}/tiltak/{MEASURE}/endre"
NEW = f"/planer/{KEY}/tiltak/nytt"
REMOVE = f"/planer/{KEY}/tiltak/{MEASURE}/fjern"
RESTORE = f"/planer/{KEY}/tiltak/{MEASURE}/gjenopprett"
APPROVAL = f"/planer/{KEY}/godkjenning"
SETUP = Provenance("Sekretariatet", Source.CLI)
FIELD_ERROR = re.compile(r'<p class="error" id="([a-z_-]+)-error">(.*?)</p>')
SUMMARY = re.compile(r'<div class="error-summary"[^>]*>\s*<h2>[^<]*</h2>\s*<p>(.*?)</p>', re.S)


def said(what: str) -> str:
    return f"{what} består bare av usynlige tegn. Fjern dem og prøv igjen."


def errors(page: str) -> dict[str, str]:
    return {name: unescape(message) for name, message in FIELD_ERROR.findall(page)}


def editor(web: Flask, app: Planlogg) -> FlaskClient:
    return signed_in(web, person_with(app, Role.EDITOR))


def post(client: FlaskClient, action: str, changes: dict[str, str], opened: str = "") -> object:
    return client.post(action, data=filled(client.get(opened or action).text, changes, action))


# «Nytt tiltak»


def test_a_new_measure_with_a_responsible_body_of_only_invisible_characters_is_refused(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = editor(people_web, demo_app)
    before = event_count(demo_app)
    typed = {"number": "1.3.9", "text": "Nytt tiltak", "responsible": INVISIBLE}
    answer = post(client, NEW, typed, f"{NEW}?goal=1.3")
    assert answer.status_code == 422
    assert errors(answer.text) == {"responsible": said("Ansvar")}
    assert event_count(demo_app) == before
    kept = dict(form_fields(answer.text, NEW))
    assert (kept["number"], kept["text"], kept["responsible"]) == (
        "1.3.9",
        "Nytt tiltak",
        INVISIBLE,
    )


def test_a_new_measure_with_one_body_name_of_only_invisible_characters_is_refused(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = editor(people_web, demo_app)
    before = event_count(demo_app)
    typed = {"number": "1.3.9", "text": "Nytt tiltak", "responsible": f"ASU\n{INVISIBLE}"}
    answer = post(client, NEW, typed, f"{NEW}?goal=1.3")
    assert answer.status_code == 422
    assert errors(answer.text) == {"responsible": said("Navnet på organet")}
    assert event_count(demo_app) == before
    assert dict(form_fields(answer.text, NEW))["responsible"] == f"ASU\n{INVISIBLE}"


def test_a_new_measure_with_a_reason_of_only_invisible_characters_is_refused(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = editor(people_web, demo_app)
    before = event_count(demo_app)
    typed = {"number": "1.3.9", "text": "Nytt tiltak", "responsible": "ASU", "reason": INVISIBLE}
    answer = post(client, NEW, typed, f"{NEW}?goal=1.3")
    assert answer.status_code == 422
    assert errors(answer.text) == {"reason": said("Begrunnelsen")}
    assert event_count(demo_app) == before
    assert dict(form_fields(answer.text, NEW))["reason"] == INVISIBLE


# «Endre»


@pytest.mark.parametrize(
    ("entry", "entry_id", "typed", "message"),
    [
        ("Ansvar", "felt-ansvar", INVISIBLE, said("Ansvar")),
        ("Ansvar", "felt-ansvar", f"ASU, {INVISIBLE}", said("Navnet på organet")),
        ("Ansvar", "felt-ansvar", f"ASU\n{INVISIBLE}", said("Navnet på organet")),
        ("Indikator", "felt-indikator", INVISIBLE, said("Indikator")),
        ("Målverdi", "felt-malverdi", INVISIBLE, said("Målverdi")),
        (
            "Evaluering: målsetting",
            "felt-evaluering-malsetting",
            INVISIBLE,
            said("Målsetting"),
        ),
    ],
)
def test_the_measure_form_refuses_an_entry_of_only_invisible_characters_at_its_place(
    people_web: Flask,
    demo_app: Planlogg,
    entry: str,
    entry_id: str,
    typed: str,
    message: str,
) -> None:
    client = editor(people_web, demo_app)
    before = event_count(demo_app)
    answer = post(client, EDIT, {entry: typed})
    assert answer.status_code == 422
    assert errors(answer.text) == {entry_id: message}
    assert event_count(demo_app) == before
    assert dict(form_fields(answer.text, EDIT))[entry] == typed
    measure = demo_app.get_plan(KEY).measure(MEASURE)
    assert measure.responsible == ("Fagråd for pasientsamarbeid",)
    assert (measure.smart.indicator, measure.smart.target) == ("", "")


def test_the_measure_form_refuses_a_reason_of_only_invisible_characters_with_all_kept(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = editor(people_web, demo_app)
    before = event_count(demo_app)
    answer = post(client, EDIT, {"Indikator": "Andel kommuner", "reason": INVISIBLE})
    assert answer.status_code == 422
    assert errors(answer.text) == {"reason": said("Begrunnelsen")}
    assert f'<li><a href="#reason">Begrunnelse: {said("Begrunnelsen")}</a></li>' in unescape(
        answer.text
    )
    assert event_count(demo_app) == before
    kept = dict(form_fields(answer.text, EDIT))
    assert (kept["Indikator"], kept["reason"]) == ("Andel kommuner", INVISIBLE)


# «Fjern tiltaket», «Gjenopprett» and the approval form: the reason


@pytest.mark.parametrize(
    ("action", "removed"),
    [pytest.param(REMOVE, False, id="remove"), pytest.param(RESTORE, True, id="restore")],
)
def test_removing_or_restoring_a_measure_with_a_reason_of_only_invisible_characters_is_refused(
    people_web: Flask, demo_app: Planlogg, action: str, removed: bool
) -> None:
    """The measure is left as it was: still there, or still removed."""
    if removed:
        demo_app.remove_measure(KEY, MEASURE, SETUP)
        people_web.extensions["planlogg"].read_models.read_your_writes()
    client = editor(people_web, demo_app)
    before = event_count(demo_app)
    answer = post(client, action, {"reason": INVISIBLE})
    assert answer.status_code == 422
    assert errors(answer.text) == {"reason": said("Begrunnelsen")}
    assert event_count(demo_app) == before
    assert demo_app.get_plan(KEY).measure(MEASURE).removed is removed
    assert dict(form_fields(answer.text, action))["reason"] == INVISIBLE


def test_removing_a_measure_without_a_reason_is_still_allowed(
    people_web: Flask, demo_app: Planlogg
) -> None:
    answer = post(editor(people_web, demo_app), REMOVE, {"reason": ""})
    assert answer.status_code == 303
    assert demo_app.get_plan(KEY).measure(MEASURE).removed is True


def test_an_approval_with_a_reason_of_only_invisible_characters_is_refused_with_all_kept(
    people_web: Flask, demo_app: Planlogg
) -> None:
    demo_app.submit(KEY, ["ASU", "PSU"], SETUP)
    people_web.extensions["planlogg"].read_models.read_your_writes()
    client = signed_in(people_web, person_with(demo_app, Role.APPROVER))
    before = event_count(demo_app)
    typed = {"body": "ASU", "case": "sak 12/25", "meeting_date": "13.03.2025", "reason": INVISIBLE}
    answer = post(client, APPROVAL, typed)
    assert answer.status_code == 422
    assert errors(answer.text) == {"reason": said("Begrunnelsen")}
    assert event_count(demo_app) == before
    assert dict(form_fields(answer.text, APPROVAL)) | {"csrf_token": ""} == {
        "csrf_token": "", "version": "2", **typed,
    }  # fmt: skip


# The domain's rule, under every path


def test_the_domain_refuses_invisible_text_even_where_the_text_may_be_empty() -> None:
    with pytest.raises(ValidationError) as refused:
        checked(f" {INVISIBLE}\u00a0", "Begrunnelsen")
    assert refused.value.message == said("Begrunnelsen")
    assert checked(" \u00a0 ", "Begrunnelsen") == ""
    assert checked(f"{INVISIBLE}ASU", "Navnet på organet") == f"{INVISIBLE}ASU"


def test_the_domain_refuses_a_responsible_body_of_only_invisible_characters(
    demo_app: Planlogg,
) -> None:
    before = event_count(demo_app)
    with pytest.raises(ValidationError) as refused:
        demo_app.assign_responsible(KEY, "1.3.1", ["ASU", INVISIBLE], SETUP)
    assert refused.value.message == said("Navnet på organet")
    assert event_count(demo_app) == before


def test_a_list_value_of_only_invisible_characters_is_blank_as_spaces_are() -> None:
    assert split_list(f"6; {INVISIBLE}; ; 7") == ["6", "7"]
    assert parse_topics(f"6; {INVISIBLE}") == (6,)
