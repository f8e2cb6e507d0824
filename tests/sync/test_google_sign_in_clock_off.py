"""Google refusing the service account's sign-in because the server's clock is wrong is not
told as a deleted key.

Google answers `invalid_grant` both for a deleted key and when the signed token's `iat`/`exp`
are outside its window, i.e. the server's clock is off by more than a few minutes; told as a
deleted key, the operator made a new key, which failed the same way. Google's
`error_description` tells the two apart, and the next round tries again.
"""

from __future__ import annotations

import threading
from http.server import HTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from sync.backend import BackendError
from sync.google import GoogleSheetBackend
from tests.sync.conftest import PLAN
from tests.sync.test_google_sign_in_refused import (
    ACCOUNT,
    SPREADSHEET,
    _key_file,
    _RefusingTokenEndpoint,
    waits,  # noqa: F401  (the fixture)
)


class _ClockSkewEndpoint(_RefusingTokenEndpoint):
    answer: ClassVar[dict[str, str]] = {
        "error": "invalid_grant",
        "error_description": (
            "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable "
            "timeframe. Check your iat and exp values in the JWT claim."
        ),
    }


@pytest.mark.usefixtures("waits")
def test_a_clock_ahead_is_not_blamed_on_a_deleted_key(tmp_path: Path) -> None:
    server = HTTPServer(("127.0.0.1", 0), _ClockSkewEndpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        backend = GoogleSheetBackend.from_service_account(
            SPREADSHEET, PLAN, _key_file(tmp_path, f"http://127.0.0.1:{server.server_port}/t")
        )
        with pytest.raises(BackendError) as refused:
            backend.read()
    finally:
        server.shutdown()
        server.server_close()
    assert refused.value.message == (
        f"Google avviste innloggingen til tjenestekontoen {ACCOUNT} fordi klokka på denne "
        "maskinen går feil (mer enn noen minutter). Still klokka, for eksempel med NTP. "
        "Ingenting halvgjort er lagret; neste synkronisering prøver igjen."
    )
