"""MSAL looks the tenant up on the sign-in host as Planlogg makes its client: a mistyped
tenant, or the host not answering, is a Norwegian message, not MSAL's or requests' English
exception with a traceback (`planlogg sync login`, `planlogg sync --once`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sync.backend import BackendError
from sync.microsoft_login import GraphSettings, MicrosoftSignIn
from tests.graph_emulator import GraphEmulator
from web.cli import cli

UNREACHABLE = "https://127.0.0.1:9"
"""A sign-in host that refuses every connection (loopback, a closed port)."""
MISTYPED = "helse-feilstava.onmicrosoft.com"


def test_a_mistyped_tenant_is_refused_naming_the_setting_when_signing_in(
    graph: GraphEmulator, settings: GraphSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANLOGG_GRAPH_TENANT", MISTYPED)
    result = CliRunner().invoke(cli, ["sync", "login", "--excel-online"])
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 3
    assert result.output == (
        f"Feil: Microsoft kjenner ikke leieren (tenant) «{MISTYPED}» på {graph.authority_host}. "
        "Sjekk PLANLOGG_GRAPH_TENANT: leier-ID-en eller domenet fra app-registreringen i "
        "Entra ID.\n"
    )


def test_a_sign_in_host_not_answering_when_signing_in_says_to_try_again(
    graph: GraphEmulator, settings: GraphSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANLOGG_GRAPH_AUTHORITY", UNREACHABLE)
    result = CliRunner().invoke(cli, ["sync", "login", "--excel-online"])
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    assert result.output == (
        f"Feil: Fikk ikke kontakt med Microsoft-innloggingen på {UNREACHABLE} "
        "(ConnectionError). Prøv igjen om litt.\n"
    )


def test_a_sign_in_host_not_answering_during_a_sync_is_a_temporary_failure(
    graph: GraphEmulator,
    settings: GraphSettings,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    book = graph.create_workbook()
    database = ["--database-url", f"sqlite:///{tmp_path / 'planlogg.sqlite'}"]
    runner = CliRunner()
    assert runner.invoke(cli, ["sync", "login", "--excel-online"]).exit_code == 0
    assert runner.invoke(cli, [*database, "demo"]).exit_code == 0
    monkeypatch.setenv("PLANLOGG_GRAPH_AUTHORITY", UNREACHABLE)
    result = runner.invoke(cli, [*database, "sync", "--excel-online", book.sharing_url, "--once"])
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    assert result.output == (
        "Feil: Microsoft-innloggingen svarte med en midlertidig feil (ConnectionError). "
        "Neste synkronisering prøver igjen; tjenestebrukeren trenger ikke logge inn på nytt.\n"
    )


def test_a_sign_in_host_failing_with_a_5xx_is_told_by_its_status(
    graph: GraphEmulator, settings: GraphSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MSAL's tenant lookup answered 503 raises requests' HTTPError: temporary, with the
    status, as a 503 when renewing a token is."""
    MicrosoftSignIn(settings).login(lambda url, code: None)
    route = graph.identity._route

    def lookup_down(
        method: str, path: str, query: dict[str, str], form: dict[str, str]
    ) -> tuple[int, dict[str, Any]]:
        if path.endswith("/.well-known/openid-configuration"):
            return 503, {"error": "temporarily_unavailable"}
        return route(method, path, query, form)

    monkeypatch.setattr(graph.identity, "_route", lookup_down)
    with pytest.raises(BackendError) as failed:
        MicrosoftSignIn(settings).token()
    assert failed.value.message == (
        "Microsoft-innloggingen svarte med en midlertidig feil (HTTP 503). "
        "Neste synkronisering prøver igjen; tjenestebrukeren trenger ikke logge inn på nytt."
    )
