"""The API's history export of a plan whose key holds an en dash or a quote is served.

Its file name holds the key. Put into Content-Disposition as it is, the header could not
travel as latin-1 and the server answered 500 (in English). The export now names its file as
the committee documents' downloads do (`web.report_downloads.attachment`): in ASCII, the
dash a hyphen and the quote an underscore, and in UTF-8 (RFC 6266) as it is. Served by real
waitress, where the header is encoded.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.loopback_server import loopback_server
from web import create_app
from web.tokens import InMemoryTokenStore, Role, create_token

BY = Provenance("Kari Nordmann", Source.SHEET)
STAMP = r"\d{8}T\d{6}Z"


@pytest.fixture
def served() -> Iterator[tuple[Flask, str, str]]:
    """Planlogg on loopback, with an auditor's token."""
    app = Planlogg.from_url("memory:")
    tokens = InMemoryTokenStore()
    token = create_token(tokens, "Rita", Role.AUDITOR)[0]
    web: Flask = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "k", "TESTING": True}, app=app, tokens=tokens
    )
    with loopback_server(web) as base:
        yield web, base, token
    app.close()


@pytest.mark.parametrize(
    ("key", "plain", "utf8"),
    [
        ("plan–2025", "plan-2025", "plan%E2%80%932025"),
        ('plan"2025', "plan_2025", "plan%222025"),
    ],
)
def test_the_api_export_of_a_plan_with_a_dash_or_quote_in_its_key_is_served(
    served: tuple[Flask, str, str], key: str, plain: str, utf8: str
) -> None:
    web, base, token = served
    web.extensions["planlogg"].app.create_plan(key, "Plan", "hf", 2025, 2026, BY)
    web.extensions["planlogg"].read_models.read_your_writes()
    request = urllib.request.Request(
        f"{base}/api/plans/{quote(key, safe='')}/history/export?format=csv",
        headers={"Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        status, disposition = response.status, response.headers["Content-Disposition"]
    assert status == 200
    assert re.fullmatch(
        f'attachment; filename="{plain}-logg-{STAMP}\\.csv"; '
        f"filename\\*=UTF-8''{utf8}-logg-{STAMP}\\.csv",
        disposition,
    ), disposition
