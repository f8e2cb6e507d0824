"""`planlogg community add` checks what it registers, as `plan create` checks a plan's key:
a key that is empty, only spaces or holds spaces, or an empty name, is refused (exit 3) and
nothing is registered. Each was registered with «✓ Registrerte …»."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from domain.errors import NotFoundError
from web.cli import EXIT_INVALID


@pytest.mark.parametrize(
    ("key", "name"),
    [("", "Helsefellesskapet Tomt"), ("   ", "Helsefellesskapet Blankt"),
     ("helse vest", "Helsefellesskapet Vest"), ("helse-nord", "")],
)  # fmt: skip
def test_a_community_with_no_usable_key_or_name_is_refused(demo_cli, key: str, name: str) -> None:  # type: ignore[no-untyped-def]
    added = demo_cli("community", "add", key, name)
    assert added.exit_code == EXIT_INVALID, added.output
    assert "✓" not in added.output
    with Planlogg.from_url(demo_cli.url) as app, pytest.raises(NotFoundError):
        app.get_community(key)
