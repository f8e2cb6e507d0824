"""The person form takes a reporter's body typed with decomposed letters (NFD «å», as text
copied from macOS files comes) as the registered body it reads as.

`check_registered_bodies` resolves names with `body_register.name_key`, which compares
names in NFC: before it did, the administrator was refused «Fagråd for pasientsamarbeid er
ikke et registrert organ. Mente du «Fagråd for pasientsamarbeid»?», two names that read
alike, and could not tell what to put right.
"""

from __future__ import annotations

import unicodedata
from uuid import UUID

from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from tests.web.signed_in import ISSUER, SETUP, person_with, signed_in
from tests.web.test_people_pages import csrf


def test_a_reporters_body_typed_with_decomposed_letters_is_taken(
    people_web: Flask, demo_app: Planlogg
) -> None:
    admin = signed_in(people_web, person_with(demo_app, Role.ADMINISTRATOR))
    kari: UUID = demo_app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari", SETUP)
    page = f"/admin/personer/{kari}"
    typed = unicodedata.normalize("NFD", "Fagråd for pasientsamarbeid")
    form = {"csrf_token": csrf(admin, page), "version": "1", "role": ["reporter"],
            "bodies": typed, "community": "st-olavs"}  # fmt: skip
    response = admin.post(page, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[-1500:]
    assert demo_app.get_person(kari).bodies == [typed]
