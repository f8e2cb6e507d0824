"""The transport: host routing, other processes, dying clients and the standalone runner."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import gspread
import pytest

from tests.sheets_emulator import ForeignHostRefused, SheetsEmulator

REPO = Path(__file__).resolve().parents[2]


def test_session_refuses_other_hosts(emu: SheetsEmulator) -> None:
    session = emu.session()
    for url in (
        "https://oauth2.googleapis.com/token",
        "https://example.com/",
        "http://sheets.googleapis.com/v4/spreadsheets/x",
        "https://sheets.googleapis.com:8443/v4/spreadsheets/x",
    ):
        with pytest.raises(ForeignHostRefused):
            session.get(url)
    assert emu.request_count() == 0


def test_session_routes_sheets_and_drive_upload_hosts(emu: SheetsEmulator) -> None:
    session = emu.session()
    assert session.route("https://www.googleapis.com/upload/drive/v2/files/x?a=1") == (
        f"{emu.base_url}/upload/drive/v2/files/x?a=1"
    )
    response = session.get("https://sheets.googleapis.com/v4/spreadsheets/missing")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8"
    assert [(r.method, r.path, r.status, r.kind) for r in emu.requests] == [
        ("GET", "/v4/spreadsheets/missing", 404, "read")
    ]


def test_another_process_reaches_the_emulator(emu: SheetsEmulator) -> None:
    key = emu.create_spreadsheet("Delt")
    script = (
        "import sys, urllib.request\n"
        "url = sys.argv[1] + '/drive/v3/files/' + sys.argv[2] + '?fields=name'\n"
        "print(urllib.request.urlopen(url).read().decode())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, emu.base_url, key],
        capture_output=True, text=True, timeout=30, check=True,
    )  # fmt: skip
    assert json.loads(result.stdout) == {"name": "Delt"}
    assert emu.request_count("drive") == 1


def test_client_dying_mid_request_does_not_hurt_the_server(
    emu: SheetsEmulator, client: gspread.Client
) -> None:
    port = int(emu.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as dying:
        dying.sendall(
            b"PUT /v4/spreadsheets/x/values/A1?valueInputOption=RAW HTTP/1.1\r\n"
            b'Host: x\r\nContent-Length: 1000\r\n\r\n{"values": [['
        )
    spreadsheet = client.create("Overlevde")
    assert spreadsheet.sheet1.get_all_values() == [[]]


def test_standalone_runner_serves_until_interrupted() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    runner = subprocess.Popen(
        [sys.executable, "-m", "tests.sheets_emulator", "--port", str(port)],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert runner.stdout is not None
        assert f"http://127.0.0.1:{port}" in runner.stdout.readline()
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"{base}/drive/v3/files?fields=files(id)") as response:
            assert json.load(response) == {"files": []}
        with urllib.request.urlopen(f"{base}/_emulator/requests?kind=drive") as response:
            assert json.load(response)["count"] == 1
    finally:
        runner.terminate()
        runner.wait(timeout=10)
