"""Signing the service user in with real MSAL against the emulator's loopback HTTPS sign-in."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from sync.excel_online import Call, GraphClient
from sync.microsoft_login import GraphSettings, MicrosoftSignIn, SignInRequired
from tests.graph_emulator import SERVICE_USER, GraphEmulator
from web.cli import cli


def _graph_client(graph: GraphEmulator, sign_in: MicrosoftSignIn) -> GraphClient:
    return GraphClient(sign_in.token, graph.base_url, session=graph.session())


def test_login_uses_the_device_code_and_keeps_the_cache_private(
    graph: GraphEmulator, settings: GraphSettings
) -> None:
    result = CliRunner().invoke(cli, ["sync", "login", "--excel-online"])
    assert result.exit_code == 0, result.output
    assert f"{graph.authority_host}/devicelogin" in result.output
    assert f"Logget inn som {SERVICE_USER.email}" in result.output
    assert stat.S_IMODE(settings.cache_path.stat().st_mode) == 0o600
    assert graph.identity.grants("urn:ietf:params:oauth:grant-type:device_code") == 1


def test_a_pending_sign_in_is_polled_until_approved(
    graph: GraphEmulator, settings: GraphSettings
) -> None:
    graph.identity.pending_polls = 1
    shown: list[tuple[str, str]] = []
    who = MicrosoftSignIn(settings).login(lambda url, code: shown.append((url, code)))
    assert who == SERVICE_USER.email
    assert [outcome for _, _, outcome in graph.identity.log] == ["authorization_pending", "ok"]
    assert len(shown) == 1


def test_tokens_are_refreshed_silently_and_graph_accepts_them(
    graph: GraphEmulator, settings: GraphSettings
) -> None:
    graph.identity.access_token_seconds = 60
    MicrosoftSignIn(settings).login(lambda url, code: None)
    before = settings.cache_path.read_text()
    sign_in = MicrosoftSignIn(settings)
    client = _graph_client(graph, sign_in)
    me = client.call(Call("GET", "/me"))
    assert me.body["displayName"] == SERVICE_USER.display_name
    assert graph.identity.grants("refresh_token") == 1
    assert settings.cache_path.read_text() != before
    assert stat.S_IMODE(settings.cache_path.stat().st_mode) == 0o600


def test_a_revoked_access_token_is_replaced_once_graph_says_401(
    graph: GraphEmulator, settings: GraphSettings
) -> None:
    sign_in = MicrosoftSignIn(settings)
    sign_in.login(lambda url, code: None)
    client = _graph_client(graph, sign_in)
    client.call(Call("GET", "/me"))
    graph.identity.expire_access_tokens()
    assert client.call(Call("GET", "/me")).status == 200
    assert [r.status for r in graph.requests] == [200, 401, 200]
    assert graph.identity.grants("refresh_token") == 1


def test_without_a_sign_in_the_sync_asks_for_one_in_norwegian(
    graph: GraphEmulator, settings: GraphSettings, tmp_path: Path
) -> None:
    book = graph.create_workbook()
    with pytest.raises(SignInRequired, match="planlogg sync login --excel-online"):
        MicrosoftSignIn(settings).token()
    database = ["--database-url", f"sqlite:///{tmp_path / 'planlogg.sqlite'}"]
    assert CliRunner().invoke(cli, [*database, "demo"]).exit_code == 0
    result = CliRunner().invoke(
        cli, [*database, "sync", "--excel-online", book.sharing_url, "--once"]
    )
    assert result.exit_code == 3
    assert "ikke logget inn i Microsoft 365" in result.output


def test_an_unknown_app_registration_is_refused(
    graph: GraphEmulator, settings: GraphSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANLOGG_GRAPH_CLIENT_ID", "ukjend-app")
    result = CliRunner().invoke(cli, ["sync", "login", "--excel-online"])
    assert result.exit_code == 3
    assert "Microsoft avviste innloggingen: AADSTS700016" in result.output


def test_init_and_sync_from_the_command_line(
    graph: GraphEmulator, settings: GraphSettings, tmp_path: Path
) -> None:
    book = graph.create_workbook()
    runner = CliRunner()
    database = ["--database-url", f"sqlite:///{tmp_path / 'planlogg.sqlite'}"]
    assert runner.invoke(cli, ["sync", "login", "--excel-online"]).exit_code == 0
    assert runner.invoke(cli, [*database, "demo"]).exit_code == 0
    init = runner.invoke(cli, [*database, "sync", "init", "--excel-online", book.sharing_url])
    assert init.exit_code == 0, init.output
    once = runner.invoke(cli, [*database, "sync", "--excel-online", book.sharing_url, "--once"])
    assert once.exit_code == 0, once.output
    assert "1 API-forespørsler" in once.output
    sheets = [s.name for s in book.worksheets]
    assert sheets[2:] == ["Oversikt", "Vedtak"]
    assert graph.cells(book, sheets[1])[0][:3] == ["ID", "Nr", "Innsatsområde"]
    assert graph.open_sessions() == []
