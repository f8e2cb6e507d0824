"""The history download as CSV, as a Norwegian auditor opens it in Excel.

- The file starts with a byte order mark: Excel opened a UTF-8 CSV without one as
  Windows-1252, so "Innsatsområde" read "InnsatsomrÃ¥de" and every æ, ø, å was garbled.
- Its cells are separated by ";": Excel with Norwegian settings separates by it (the comma
  is the decimal mark), and each comma-separated row landed whole in column A.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.test_audit_pages import log_in
from web import create_app
from web.tokens import InMemoryTokenStore, Role, create_token

BY = Provenance("Kari Nordmann", Source.SHEET)
KEY = "plan–2025"
"""A plan key with an en dash, as `web.report_downloads.attachment` expects one to hold."""
HEADER = (
    "Posisjon;Hendelses-ID;Tid (norsk tid);Person;Kilde;Plan;Innsatsområde;Mål;Tiltaks-ID;"
    "Tiltaksnummer;Felt;Før;Etter;Begrunnelse;Vedtak"
)


@pytest.fixture
def auditing() -> Iterator[tuple[Flask, str]]:
    app = Planlogg.from_url("memory:")
    app.create_plan(KEY, "Plan", "hf", 2025, 2026, BY)
    app.add_area(KEY, "1", "Område", BY)
    tokens = InMemoryTokenStore()
    token = create_token(tokens, "Rita", Role.AUDITOR)[0]
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "k", "TESTING": True},
        app=app,
        tokens=tokens,
    )
    web.extensions["planlogg"].read_models.read_your_writes()
    yield web, token
    app.close()


def _auditors_download(web: Flask, token: str) -> bytes:
    client = web.test_client()
    log_in(client, token)
    response = client.get(f"/revisjon/logg.csv?plan={quote(KEY)}")
    assert response.status_code == 200
    return response.data


def test_the_csv_starts_with_a_byte_order_mark_so_excel_reads_it_as_utf8(
    auditing: tuple[Flask, str],
) -> None:
    data = _auditors_download(*auditing)
    assert data[:3] == codecs.BOM_UTF8


def test_the_csv_separates_its_cells_as_norwegian_excel_does(
    auditing: tuple[Flask, str],
) -> None:
    data = _auditors_download(*auditing)
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header == HEADER
