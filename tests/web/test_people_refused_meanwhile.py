"""A person's form refused for a body name after another administrator changed the person:
the page it comes back on must still carry the version its administrator saw, as the
measure form carries its revision (`test_measure_editing_refused_meanwhile`). It carried
the version stored now, so correcting the body and saving again took away the role the
other administrator had just given, unseen and unannounced."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from tests.web.forms import filled, form_fields
from tests.web.signed_in import ISSUER, SETUP, person_with, signed_in


def test_a_body_refused_on_a_stale_person_form_does_not_make_it_fresh(
    people_web: Flask, demo_app: Planlogg
) -> None:
    kari = demo_app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari Nordmann", SETUP)
    demo_app.grant_roles(kari, [Role.REPORTER], SETUP)
    admin = signed_in(people_web, person_with(demo_app, Role.ADMINISTRATOR))
    page = f"/admin/personer/{kari}"
    opened = admin.get(page).get_data(as_text=True)

    # Meanwhile another administrator makes Kari an editor too.
    demo_app.grant_roles(kari, [Role.EDITOR], SETUP)

    refused = admin.post(page, data=filled(opened, {"bodies": "ASUU"}, page))
    assert refused.status_code == 422
    assert "Mente du «ASU»?" in refused.text
    fixed = dict(form_fields(refused.text, page))
    assert fixed["role"] == "reporter"  # the first administrator's choices, as sent
    fixed["bodies"] = "ASU"

    again = admin.post(page, data=fixed)

    assert Role.EDITOR in demo_app.get_person(kari).role_set, (
        "the editor role given meanwhile was taken away unseen"
    )
    assert again.status_code == 409


def test_a_person_form_sent_twice_is_as_saved(people_web: Flask, demo_app: Planlogg) -> None:
    """A double click, or a form sent again after a slow answer: the first send saved it, and
    the second, made on the version before, finds the person as it would leave them and says
    there was nothing more to save."""
    kari = demo_app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari Nordmann", SETUP)
    admin = signed_in(people_web, person_with(demo_app, Role.ADMINISTRATOR))
    page = f"/admin/personer/{kari}"
    form = filled(admin.get(page).text, {"role": ["reporter", "editor"], "bodies": "ASU"}, page)

    first = admin.post(page, data=form)
    second = admin.post(page, data=form)

    assert (first.status_code, second.status_code) == (302, 302)
    assert first.headers["Location"].endswith(f"{page}?lagret=1")
    assert second.headers["Location"].endswith(f"{page}?lagret=0")
    assert demo_app.get_person(kari).role_set == {Role.REPORTER, Role.EDITOR}


def test_a_person_form_made_on_an_older_version_is_still_refused_when_it_would_change_something(
    people_web: Flask, demo_app: Planlogg
) -> None:
    kari = demo_app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari Nordmann", SETUP)
    admin = signed_in(people_web, person_with(demo_app, Role.ADMINISTRATOR))
    page = f"/admin/personer/{kari}"
    form = filled(admin.get(page).text, {"role": ["reporter", "editor"], "bodies": "ASU"}, page)
    admin.post(page, data=form)

    again = admin.post(page, data={**form, "role": ["reporter"]})

    assert again.status_code == 409
    assert demo_app.get_person(kari).role_set == {Role.REPORTER, Role.EDITOR}
