"""A running sync and `planlogg sync login` in another process share MSAL's token cache."""

from __future__ import annotations

import pytest

from sync.backend import BackendError
from sync.excel_online import Call, GraphClient
from sync.microsoft_login import GraphSettings, MicrosoftSignIn, SignInRequired
from tests.graph_emulator import SERVICE_USER, GraphEmulator


def test_signing_in_again_is_taken_up_by_a_sync_that_is_running(
    graph: GraphEmulator, settings: GraphSettings
) -> None:
    """The sync says «run planlogg sync login» when the sign-in is gone; once someone has,
    the running sync (`serve`, `sync --watch`) carries on without a restart."""
    running = MicrosoftSignIn(settings)
    running.login(lambda url, code: None)
    client = GraphClient(running.token, graph.base_url, session=graph.session())
    assert client.call(Call("GET", "/me")).status == 200
    graph.identity.revoke_sign_ins()
    with pytest.raises(SignInRequired, match="planlogg sync login --excel-online"):
        client.call(Call("GET", "/me"))
    MicrosoftSignIn(settings).login(lambda url, code: None)
    assert client.call(Call("GET", "/me")).body["displayName"] == SERVICE_USER.display_name


def test_a_sign_in_service_that_is_briefly_down_does_not_ask_for_a_new_sign_in(
    graph: GraphEmulator, settings: GraphSettings
) -> None:
    """Entra answering 503 while a token is renewed is Microsoft's trouble, not a lost
    sign-in (MSAL raised it as an English exception the loop logged with its traceback):
    the message says the next cycle tries again, and the sign-in is kept."""
    sign_in = MicrosoftSignIn(settings)
    sign_in.login(lambda url, code: None)
    graph.identity.failing_refreshes = 1
    with pytest.raises(BackendError) as failed:
        sign_in.token(True)
    assert failed.value.message == (
        "Microsoft-innloggingen svarte med en midlertidig feil (HTTP 503). "
        "Neste synkronisering prøver igjen; tjenestebrukeren trenger ikke logge inn på nytt."
    )
    client = GraphClient(sign_in.token, graph.base_url, session=graph.session())
    assert client.call(Call("GET", "/me")).status == 200
