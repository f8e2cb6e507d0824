"""The failed-login budget was counted per client address, and an IPv6 client has a whole /64
network of addresses to itself (SLAAC, privacy addresses): moving to the next address of its
own network started a fresh budget, so the limit on guessing tokens did not hold for a client
that reaches `planlogg serve --host ::`. It is counted per /64 network now; another network,
and IPv4 addresses, keep budgets of their own."""

from __future__ import annotations

from flask.testing import FlaskClient

from domain.application import Planlogg
from tests.web.conftest import caught_up
from web import create_app
from web.tokens import InMemoryTokenStore

WRONG = {"Authorization": "Bearer plg_gjetta"}
HISTORY = "/api/history"


def _guess(client: FlaskClient, address: str) -> int:
    return client.get(HISTORY, headers=WRONG, environ_base={"REMOTE_ADDR": address}).status_code


def test_one_ipv6_network_gets_one_budget_of_failed_logins(
    demo_app: Planlogg, clear_of_a_minute_boundary: None
) -> None:
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "k", "TESTING": True,
         "PLANLOGG_RATELIMIT_LOGIN": "10 per minute", "RATELIMIT_STORAGE_URI": "memory://"},
        app=demo_app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    caught_up(web)
    client = web.test_client()
    assert [_guess(client, "2001:db8:1:2::1") for _ in range(10)] == [401] * 10
    assert _guess(client, "2001:db8:1:2::1") == 429
    assert _guess(client, "2001:db8:1:2::2") == 429  # the same client's next address


def test_another_ipv6_network_keeps_a_budget_of_its_own(
    demo_app: Planlogg, clear_of_a_minute_boundary: None
) -> None:
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "k", "TESTING": True,
         "PLANLOGG_RATELIMIT_LOGIN": "10 per minute", "RATELIMIT_STORAGE_URI": "memory://"},
        app=demo_app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    caught_up(web)
    client = web.test_client()
    assert [_guess(client, "2001:db8:1:2::1") for _ in range(11)][-1] == 429
    assert _guess(client, "2001:db8:1:3::1") == 401
    assert _guess(client, "192.0.2.7") == 401
