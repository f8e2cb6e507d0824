"""`audit publish-head --url` (or PLANLOGG_HEADS_URL) with an address that is no http(s) URL:
refused as input (exit 3) in Norwegian before anything is published, where it ended in a
ValueError traceback («unknown url type») after the heads file had been written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from web.cli import EXIT_INVALID

ADVICE = (
    "(--url eller PLANLOGG_HEADS_URL) er ikke en http- eller https-adresse. Skriv hele "
    "adressen, f.eks. https://kontroll.example.org/kontrollsummer.\n"
)


def test_an_address_without_its_scheme_is_refused_in_norwegian(
    demo_cli: Callable[..., Result],
) -> None:
    result = demo_cli("audit", "publish-head", "--url", "kontrollsum.example.org/heads")
    assert type(result.exception) is SystemExit, repr(result.exception)
    assert (result.exit_code, result.stdout) == (EXIT_INVALID, "")
    assert result.stderr == f"Feil: «kontrollsum.example.org/heads» {ADVICE}"


def test_nothing_is_published_to_the_file_beside_an_address_refused(
    demo_cli: Callable[..., Result], tmp_path: Path
) -> None:
    heads = tmp_path / "kontrollsummer.txt"
    result = demo_cli("audit", "publish-head", "--file", str(heads), "--url", "ftp://x.org/h")
    assert (result.exit_code, result.stderr) == (EXIT_INVALID, f"Feil: «ftp://x.org/h» {ADVICE}")
    assert not heads.exists()


def test_the_address_from_the_environment_is_refused_and_its_password_not_shown(
    demo_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANLOGG_HEADS_URL", "https://kari:hemmelig@[::1/heads")
    result = demo_cli("audit", "publish-head")
    assert (result.exit_code, result.stderr) == (
        EXIT_INVALID,
        f"Feil: «https://kari:…@[::1/heads» {ADVICE}",
    )
