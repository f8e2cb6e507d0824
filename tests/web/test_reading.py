"""An API request's reads: where the token store and the read models share one database (as
`planlogg serve` opens them), the token and the read models' position are one statement."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from flask import Flask

from domain.demo import DEMO_COMMUNITY, load_demo
from domain.provenance import Provenance, Source
from tests.web.closing import close_services
from tests.web.conftest import KEY, caught_up
from web import create_app
from web.tokens import Role, create_token, digest

BY = Provenance("Sekretariatet", Source.CLI, reason="Test av lesingen")
HISTORY = f"/api/plans/{KEY}/history?field=decision"


@pytest.fixture
def served(database_url: str) -> Iterator[Flask]:
    """The web app opened from the address alone, as `planlogg serve` opens it."""
    web = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True})
    load_demo(web.extensions["planlogg"].app)
    caught_up(web)
    yield web
    close_services(web)


def spied_positions(web: Flask, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each read of `web`'s read models' position by a statement of its own, from now on."""
    views = web.extensions["planlogg"].read_models.views
    read: list[int] = []
    position = views.position
    monkeypatch.setattr(views, "position", lambda: read.append(position()) or read[-1])
    return read


@pytest.fixture
def positions_read(served: Flask, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    return spied_positions(served, monkeypatch)


def test_an_api_request_reads_its_token_and_the_read_position_in_one_statement(
    served: Flask, positions_read: list[int]
) -> None:
    services = served.extensions["planlogg"]
    token, _ = create_token(services.tokens, "Rita", Role.AUDITOR)
    client = served.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    first = client.get(HISTORY, headers=headers)
    assert first.status_code == 200 and positions_read == []
    services.app.record_decision(DEMO_COMMUNITY, "sak 41/24", "ASU", date(2024, 9, 4),
                                 "ASU ber om ny frist.", BY, plan=KEY)  # fmt: skip
    caught_up(served)
    positions_read.clear()  # the catch-up's own
    rows = client.get(HISTORY, headers=headers).json["rows"]
    assert len(rows) == len(first.json["rows"]) + 1 and positions_read == []
    assert rows[-1]["after"] == "ASU sak 41/24 (2024-09-04): ASU ber om ny frist."
    assert client.get(f"/planer/{KEY}").status_code == 200
    assert positions_read == [services.app.recorder.max_notification_id()]


def test_a_wrong_token_is_looked_up_once_and_refused_in_words_read_at_the_position_beside_it(
    served: Flask, positions_read: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusal speaks the plan's community's målform, looked up at the position: read
    beside a token of ours, by itself beside anything else. The målform is chosen before
    the view asks for the caller, and the refused token is not looked up a second time."""
    tokens = served.extensions["planlogg"].tokens
    looked_up: list[str] = []
    find_beside = tokens.find_beside
    monkeypatch.setattr(
        tokens, "find_beside", lambda *args: looked_up.append(args[0]) or find_beside(*args)
    )
    client = served.test_client()
    for header in ("Bearer plg_ukjent", "Bearer noe-annet"):
        refused = client.get(HISTORY, headers={"Authorization": header})
        assert refused.status_code == 401
        refusal = "Ukjent API-token, eller et token som er trukket tilbake."
        assert refused.json["error"]["message"] == refusal
    assert looked_up == [digest("plg_ukjent")]
    assert positions_read == [served.extensions["planlogg"].app.recorder.max_notification_id()]


def test_an_app_given_its_own_token_store_reads_the_position_by_itself(
    web: Flask, auth: Callable[[str], dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tokens held elsewhere (here in memory) cannot be read beside the read models."""
    read = spied_positions(web, monkeypatch)
    assert web.test_client().get(HISTORY, headers=auth("auditor")).status_code == 200
    assert read == [web.extensions["planlogg"].app.recorder.max_notification_id()]
