"""The Google service account's sign-in failing, and Google answering with a page that is not
JSON: Planlogg's own Norwegian BackendError, never google-auth's or gspread's English.

Google's token endpoint is a loopback server (or a closed loopback port); the Sheets API is
never reached, since google-auth signs in before it sends a request.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import gspread
import pytest
import requests
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from sync.backend import BackendError
from sync.google import BoundedRetryClient, GoogleSheetBackend
from tests.sync.conftest import PLAN
from web.cli import cli

ACCOUNT = "planlogg@planlogg-test.iam.gserviceaccount.com"
SPREADSHEET = "1AbCdEfGhIjKlMnOpQrStUvWxYz"
UNREACHABLE = "https://127.0.0.1:9/token"
"""A token endpoint that refuses every connection (loopback, a closed port)."""


class _RefusingTokenEndpoint(BaseHTTPRequestHandler):
    """Google's token endpoint answering a deleted key: 400 invalid_grant."""

    status = 400
    answer: ClassVar[dict[str, str]] = {
        "error": "invalid_grant",
        "error_description": "Invalid JWT Signature.",
    }

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = json.dumps(self.answer).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def refusing_token_endpoint() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _RefusingTokenEndpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/token"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The back-off waits the Google client would have slept."""
    recorded: list[float] = []
    monkeypatch.setattr(BoundedRetryClient, "sleep", staticmethod(recorded.append))
    return recorded


def _key_file(folder: Path, token_uri: str) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    path = folder / "tjenestekonto.json"
    path.write_text(
        json.dumps(
            {
                "type": "service_account",
                "project_id": "planlogg-test",
                "private_key_id": "0" * 40,
                "private_key": pem,
                "client_email": ACCOUNT,
                "client_id": "1",
                "token_uri": token_uri,
            }
        )
    )
    return path


DELETED_KEY = (
    f"Google avviste innloggingen til tjenestekontoen {ACCOUNT} (invalid_grant): nøkkelen er "
    "trolig slettet, eller tjenestekontoen er deaktivert eller slettet. Lag en ny nøkkel for "
    "tjenestekontoen i Google Cloud-konsollen (IAM og administrasjon, Tjenestekontoer, "
    "Nøkler), og pek PLANLOGG_GOOGLE_CREDENTIALS (eller --credentials) til den nye "
    "nøkkelfilen."
)


def test_a_deleted_service_account_key_names_the_account_and_what_to_do(
    tmp_path: Path, refusing_token_endpoint: str, waits: list[float]
) -> None:
    backend = GoogleSheetBackend.from_service_account(
        SPREADSHEET, PLAN, _key_file(tmp_path, refusing_token_endpoint)
    )
    with pytest.raises(BackendError) as refused:
        backend.read()
    assert refused.value.cause == DELETED_KEY
    assert refused.value.then == "Ingenting halvgjort er lagret."
    assert (backend.requests, waits) == (1, [])


def test_a_deleted_service_account_key_ends_sync_once_with_a_message(
    tmp_path: Path, refusing_token_endpoint: str, waits: list[float]
) -> None:
    database = ["--database-url", f"sqlite:///{tmp_path / 'planlogg.sqlite'}"]
    runner = CliRunner()
    assert runner.invoke(cli, [*database, "demo"]).exit_code == 0
    key = _key_file(tmp_path, refusing_token_endpoint)
    result = runner.invoke(
        cli,
        [*database, "sync", "--spreadsheet", SPREADSHEET, "--credentials", str(key), "--once"],
    )
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    assert result.output == f"Feil: {DELETED_KEY} Ingenting halvgjort er lagret.\n"


class _BrieflyDownTokenEndpoint(_RefusingTokenEndpoint):
    status = 503
    answer: ClassVar[dict[str, str]] = {"error": "temporarily_unavailable"}


def test_a_sign_in_briefly_down_is_a_temporary_failure_not_a_lost_key(
    tmp_path: Path, waits: list[float]
) -> None:
    """google-auth tries a 503 again itself (three times, about three seconds), then raises
    a RefreshError it calls retryable: the next round tries again, the key is not blamed."""
    server = HTTPServer(("127.0.0.1", 0), _BrieflyDownTokenEndpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        backend = GoogleSheetBackend.from_service_account(
            SPREADSHEET, PLAN, _key_file(tmp_path, f"http://127.0.0.1:{server.server_port}/t")
        )
        with pytest.raises(BackendError) as failed:
            backend.read()
    finally:
        server.shutdown()
        server.server_close()
    assert failed.value.message == (
        "Google-innloggingen svarte med en midlertidig feil. "
        "Ingenting halvgjort er lagret; neste synkronisering prøver igjen."
    )
    assert (backend.requests, waits) == (1, [])


def test_google_sign_in_unreachable_is_retried_then_a_norwegian_backend_error(
    tmp_path: Path, waits: list[float]
) -> None:
    """google-auth's TransportError goes through the retry policy like a dropped
    connection: every attempt, then the next round's message."""
    backend = GoogleSheetBackend.from_service_account(
        SPREADSHEET, PLAN, _key_file(tmp_path, UNREACHABLE)
    )
    with pytest.raises(BackendError) as failed:
        backend.read()
    assert failed.value.message == (
        "Fikk ikke kontakt med Google (TransportError). "
        "Ingenting halvgjort er lagret; neste synkronisering prøver igjen."
    )
    attempts = BoundedRetryClient.max_attempts
    assert (backend.requests, len(waits)) == (attempts, attempts - 1)


class _HtmlAnswer(requests.adapters.BaseAdapter):
    """Google's front end answering with an HTML page instead of the API's JSON."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        response = requests.Response()
        response.status_code = 413
        response.reason = "Request Entity Too Large"
        response.headers = requests.structures.CaseInsensitiveDict(
            {"Content-Type": "text/html; charset=UTF-8"}
        )
        response._content = (
            b"<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Error 413 (Request "
            b"Entity Too Large)!!1</title><style>*{margin:0;padding:0}html{font:15px/22px "
            b"arial}</style><p><b>413.</b> <ins>That's an error.</ins><p>Your client issued a "
            b"request that was too large. <ins>That's all we know.</ins></html>"
        )
        response.url = str(request.url)
        response.request = request
        return response

    def close(self) -> None:
        pass


def _html_backend() -> GoogleSheetBackend:
    session = requests.Session()
    session.mount("https://", _HtmlAnswer())
    client = gspread.Client(auth=None, session=session, http_client=BoundedRetryClient)  # type: ignore[arg-type]
    return GoogleSheetBackend(client, SPREADSHEET, PLAN)


def test_an_error_page_that_is_not_json_is_told_by_its_status_and_title(
    waits: list[float],
) -> None:
    """gspread calls an answer that is not JSON error -1 and quotes the page whole."""
    with pytest.raises(BackendError) as failed:
        _html_backend().read()
    assert failed.value.cause == (
        "Google svarte med feil 413: Error 413 (Request Entity Too Large)!!1"
    )


def test_an_error_page_without_a_title_is_told_by_its_reason_phrase(
    waits: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = _HtmlAnswer.send

    def untitled(
        self: _HtmlAnswer, request: requests.PreparedRequest, **kwargs: Mapping[str, Any]
    ) -> requests.Response:
        response = original(self, request, **kwargs)
        response._content = b"<html><body><h1>413</h1><p>Too large.</p></body></html>"
        return response

    monkeypatch.setattr(_HtmlAnswer, "send", untitled)
    with pytest.raises(BackendError) as failed:
        _html_backend().read()
    assert failed.value.cause == "Google svarte med feil 413: Request Entity Too Large"
