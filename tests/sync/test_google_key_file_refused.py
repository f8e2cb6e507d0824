"""A Google key file Planlogg cannot use is refused in Norwegian, naming the file: missing,
not UTF-8, or not a service account's JSON key gave google-auth's English traceback from
`sync --once` (and `sync init --create`), and a log of it every cycle in `serve`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from domain.errors import ValidationError
from sync.google import service_account_client
from web.cli import cli

ADVICE = (
    "Pek PLANLOGG_GOOGLE_CREDENTIALS (eller --credentials) til JSON-nøkkelen for "
    "tjenestekontoen, lastet ned fra Google Cloud-konsollen."
)
NOT_A_KEY = "den er ikke en JSON-nøkkel for en tjenestekonto"


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (None, "filen finnes ikke eller kan ikke leses"),
        (b"\xff\xfe{", NOT_A_KEY),
        (b"ikke json", NOT_A_KEY),
        (b"{}", NOT_A_KEY),
    ],
)
def test_a_key_file_that_cannot_be_used_is_refused_naming_it(
    tmp_path: Path, content: bytes | None, why: str
) -> None:
    key = tmp_path / "nokkel.json"
    if content is not None:
        key.write_bytes(content)
    with pytest.raises(ValidationError) as refused:
        service_account_client(key)
    assert (
        refused.value.message == f"Kan ikke bruke nøkkelfilen «{key}» for Google: {why}. {ADVICE}"
    )


def test_sync_once_with_a_missing_key_file_exits_with_the_refusal(tmp_path: Path) -> None:
    """On a store with the demo's plan to sync (with none, that is said first)."""
    store = f"sqlite:///{tmp_path / 'p.sqlite'}"
    assert CliRunner().invoke(cli, ["--database-url", store, "demo"]).exit_code == 0
    result = CliRunner().invoke(
        cli,
        ["--database-url", store, "sync", "--once", "--spreadsheet", "abc123",
         "--credentials", str(tmp_path / "borte.json")],
    )  # fmt: skip
    assert (result.exit_code, result.output) == (
        3,
        f"Feil: Kan ikke bruke nøkkelfilen «{tmp_path / 'borte.json'}» for Google: filen "
        f"finnes ikke eller kan ikke leses. {ADVICE}\n",
    )
