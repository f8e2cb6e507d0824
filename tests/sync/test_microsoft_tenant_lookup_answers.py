"""MSAL's tenant lookup answered by something other than «no such tenant»: Microsoft's rate
limit (429), or a proxy's sign-in page instead of Microsoft's JSON. MSAL raises the same
ValueError for these as for a mistyped tenant; they are told as the temporary failures they
are, not as «Microsoft kjenner ikke leieren (tenant)», which would send the administrator to check a
setting that is right."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sync.backend import BackendError
from sync.microsoft_login import GraphSettings, MicrosoftSignIn
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.identity import Identity

LOOKUP = "/.well-known/openid-configuration"


def _lookup_answered(
    monkeypatch: pytest.MonkeyPatch, status: str, content_type: str, body: bytes
) -> None:
    """Every tenant lookup answered with `body`; the other sign-in requests as before."""
    answer = Identity.__call__

    def answering(
        identity: Identity, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> list[bytes]:
        if not environ.get("PATH_INFO", "").endswith(LOOKUP):
            return answer(identity, environ, start_response)
        start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
        return [body]

    monkeypatch.setattr(Identity, "__call__", answering)


def test_a_rate_limited_tenant_lookup_is_a_temporary_failure(
    graph: GraphEmulator, settings: GraphSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    MicrosoftSignIn(settings).login(lambda url, code: None)
    _lookup_answered(
        monkeypatch, "429 Too Many Requests", "application/json", b'{"error": "throttled"}'
    )
    with pytest.raises(BackendError) as failed:
        MicrosoftSignIn(settings).token()
    assert failed.value.message == (
        "Microsoft-innloggingen svarte med en midlertidig feil (HTTP 429). "
        "Neste synkronisering prøver igjen; tjenestebrukeren trenger ikke logge inn på nytt."
    )


def test_a_proxy_page_instead_of_the_tenant_lookup_says_so_when_signing_in(
    graph: GraphEmulator, settings: GraphSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _lookup_answered(
        monkeypatch,
        "200 OK",
        "text/html",
        b"<html><head><title>Logg inn p\xc3\xa5 Helsenett</title></head></html>",
    )
    with pytest.raises(BackendError) as failed:
        MicrosoftSignIn(settings).login(lambda url, code: None)
    assert failed.value.message == (
        f"Fikk ikke kontakt med Microsoft-innloggingen på {graph.authority_host} "
        "(svaret var ikke JSON). Prøv igjen om litt."
    )
