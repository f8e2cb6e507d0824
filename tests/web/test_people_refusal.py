"""An administrator limited to some communities may not read another community's
people, yet the refusal names them: "Olav hører til helsefellesskapet vestre-viken". A
person's ID is `person_id(issuer, subject)`, a name-based UUID anyone can compute from a
subject (with ID-porten, often the person's national identity number), so the refusal tells
a limited administrator who that is and which community they work in."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.people import Role, person_id
from tests.web.signed_in import ISSUER, signed_in
from tests.web.test_audit_pages import csrf_from
from tests.web.test_community_scope import OTHER, OWN, site, someone  # noqa: F401


def test_a_refused_person_page_names_nobody(site: tuple[Flask, Planlogg]) -> None:  # noqa: F811
    web, app = site
    admin = signed_in(web, someone(app, "ada", [Role.ADMINISTRATOR], [OWN]))
    olav = someone(app, "olav", [Role.EDITOR], [OTHER])
    guessed = person_id(ISSUER, "olav")
    assert guessed == olav

    refused = admin.get(f"/admin/personer/{guessed}")
    form = {"csrf_token": csrf_from(admin, "/admin/personer"), "version": "3", "role": ["editor"]}
    posted = admin.post(f"/admin/personer/{guessed}", data=form)

    assert (refused.status_code, posted.status_code) == (403, 403)
    assert "Olav" not in refused.get_data(as_text=True)
    assert "Olav" not in posted.get_data(as_text=True)
