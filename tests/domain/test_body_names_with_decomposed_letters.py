"""A body's name compares as people read it, also when its letters come decomposed.

«å» arrives as one code point (NFC) from most keyboards and as «a» plus a combining ring
(NFD) from text copied out of macOS files and some PDFs. `body_register.name_key` compares
names in NFC (and by letter case and spaces), so the one name in NFD is the same name: the
register does not take a second «Fagråd for pasientsamarbeid» (id
«fagrad-for-pasientsamarbeid-2»), which would read alike on every page and list. Names are
stored as typed; only the comparison normalises.
"""

from __future__ import annotations

import unicodedata

import pytest

from domain.application import Planlogg
from domain.body_register import name_key
from domain.errors import ValidationError
from domain.provenance import Provenance

NAME = "Fagråd for pasientsamarbeid"
DECOMPOSED = unicodedata.normalize("NFD", NAME)


def test_a_body_typed_with_decomposed_letters_is_not_registered_a_second_time(
    memory_app: Planlogg, by: Provenance
) -> None:
    memory_app.register_community("hf", "Helsefellesskapet", by)
    memory_app.add_body("hf", NAME, "fagleg", by)
    with pytest.raises(ValidationError) as twice:
        memory_app.add_body("hf", DECOMPOSED, "fagleg", by)
    assert twice.value.message == (
        f"«{DECOMPOSED}» er allerede navnet på et organ i Helsefellesskapet."
    )


def test_a_name_typed_with_decomposed_letters_has_the_key_of_the_name() -> None:
    assert name_key(f"  {DECOMPOSED.upper()} ") == "fagråd for pasientsamarbeid"
