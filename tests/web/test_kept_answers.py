"""After a change, the answers about a plan that people have asked for are made again before
anyone asks: the first visitor after a status report finds the page made, in the målform
they read it in, the same as a page rendered for them would be."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask import Flask, request
from flask.testing import FlaskClient

import web.public
from domain.application import Planlogg
from domain.errors import NotFoundError
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from web.kept_answers import KeptAnswers, Renewal
from web.language import COOKIE
from web.read_cache import MAX_ENTRIES

BY = Provenance("Sekretariatet", Source.CLI, reason="Test av svar som holdes klare")
PLAN = f"/planer/{KEY}"


@pytest.fixture
def renewal(web: Flask) -> Renewal:
    return Renewal(web)


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The målform of every plan page brought up to date (a page found in the cache is not)."""
    from language import current

    found: list[str] = []
    in_force = web.public._in_force

    def counted(key: str, patch: bool) -> Any:
        found.append(current())
        return in_force(key, patch)

    monkeypatch.setattr(web.public, "_in_force", counted)
    return found


def _report_red(demo_app: Planlogg, web: Flask) -> None:
    demo_app.report_status(KEY, "1.2.1", "raud", "Stoppa opp", BY, reported_on=date(2024, 9, 4))
    caught_up(web)


def _row(page: str) -> str:
    return page.split('<tr id="tiltak-1.2.1">', 1)[1].split("</tr>", 1)[0]


def test_a_plan_page_is_made_with_the_new_status_before_anyone_asks_again(
    client: FlaskClient, web: Flask, demo_app: Planlogg, renewal: Renewal, made: list[str]
) -> None:
    client.get(PLAN)
    _report_red(demo_app, web)
    assert made == ["nb"]
    renewal.check()
    assert made == ["nb", "nb"]
    page = client.get(PLAN).text
    assert made == ["nb", "nb"]
    assert 'class="light light-red"' in _row(page) and "04.09.2024" in _row(page)


def test_a_page_made_ahead_is_the_page_a_visitor_would_have_had_rendered(
    client: FlaskClient, web: Flask, demo_app: Planlogg, renewal: Renewal
) -> None:
    client.get(PLAN)
    _report_red(demo_app, web)
    renewal.check()
    ahead = client.get(PLAN).text
    services = web.extensions["planlogg"]
    services.read_cache.clear()
    services.plan_pages.clear()
    assert client.get(PLAN).text == ahead


def test_the_chain_head_on_the_page_is_read_ahead_too(
    client: FlaskClient,
    web: Flask,
    demo_app: Planlogg,
    renewal: Renewal,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    models = web.extensions["planlogg"].read_models
    heads: list[int] = []
    chain_head = models.chain_head
    monkeypatch.setattr(models, "chain_head", lambda: heads.append(1) or chain_head())
    client.get(PLAN)
    _report_red(demo_app, web)
    renewal.check()
    assert len(heads) == 2
    page = client.get(PLAN).text
    assert len(heads) == 2
    assert f"hendelse {models.position()}," in page


def test_each_målform_a_page_was_read_in_is_made_again_in_it(
    client: FlaskClient, web: Flask, demo_app: Planlogg, renewal: Renewal, made: list[str]
) -> None:
    client.get(PLAN)
    client.set_cookie(COOKIE, "nn")
    client.get(PLAN)
    _report_red(demo_app, web)
    renewal.check()
    assert sorted(made) == ["nb", "nb", "nn", "nn"]
    nynorsk = client.get(PLAN).text
    client.delete_cookie(COOKIE)
    bokmål = client.get(PLAN).text
    assert len(made) == 4
    assert '<html lang="nn">' in nynorsk and '<html lang="nb">' in bokmål
    assert "light-red" in _row(nynorsk) and "light-red" in _row(bokmål)


def test_the_history_api_is_ready_for_the_next_auditor(
    client: FlaskClient,
    web: Flask,
    demo_app: Planlogg,
    renewal: Renewal,
    auth: Callable[[str], dict[str, str]],
    history_asked: list[Any],
) -> None:
    asked = history_asked
    url = f"/api/plans/{KEY}/history?limit=5"
    first = client.get(url, headers=auth("auditor")).json
    _report_red(demo_app, web)
    renewal.check()
    assert len(asked) == 2
    after = client.get(url, headers=auth("auditor")).json
    assert len(asked) == 2
    assert after == {**first, "total": first["total"] + 3}
    assert client.get(url).status_code == 401


def test_answers_are_made_again_only_when_the_read_models_have_moved(
    web: Flask, demo_app: Planlogg, renewal: Renewal, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = web.extensions["planlogg"]
    renewed: list[int] = []
    monkeypatch.setattr(services.kept, "renew", lambda app: renewed.append(1) or 0)
    renewal.check()
    renewal.check()
    assert (len(renewed), renewal.position) == (1, services.read_models.position())
    _report_red(demo_app, web)
    renewal.check()
    assert (len(renewed), renewal.position) == (2, services.read_models.position())


def test_a_plans_page_stays_as_it_was_when_another_plan_changes(
    client: FlaskClient, web: Flask, demo_app: Planlogg, renewal: Renewal, made: list[str]
) -> None:
    """Another plan's change moves the read models: the page is looked for again and found."""
    demo_app.register_community("nord", "Helsefellesskap Nord", BY)
    demo_app.create_plan("nord-2025", "Handlingsplan Nord", "nord", 2025, 2026, BY)
    caught_up(web)
    client.get(PLAN)
    demo_app.add_area("nord-2025", "1", "Nytt område", BY)
    caught_up(web)
    renewal.check()
    assert made == ["nb"]
    assert renewal.position == web.extensions["planlogg"].read_models.position()


def test_only_the_most_recently_asked_answers_are_kept_and_are_made_newest_first(
    web: Flask,
) -> None:
    kept = KeptAnswers(max_kept=2)
    made: list[str] = []
    with web.test_request_context("/"):
        for name in ("a", "b", "c", "b"):
            kept.remember(name, lambda name=name: made.append(name))
    assert (len(kept), kept.renew(web)) == (2, 2)
    assert made == ["b", "c"]


def test_being_made_again_does_not_count_as_being_asked_for(web: Flask) -> None:
    """A made answer remembers itself again as a request does (`web.reading.cached`); an
    answer nobody asks for again still gives way to newer ones."""
    kept = KeptAnswers(max_kept=2)
    made: list[str] = []

    def again(name: str) -> Callable[[], None]:
        def make() -> None:
            made.append(name)
            kept.remember(name, again(name))

        return make

    with web.test_request_context("/"):
        kept.remember("asked once", again("asked once"))
        kept.remember("asked twice", again("asked twice"))
        kept.renew(web)
        kept.remember("asked twice", again("asked twice"))
        kept.remember("newest", again("newest"))
    made.clear()
    kept.renew(web)
    assert made == ["newest", "asked twice"]


def test_a_pass_stops_once_its_time_is_spent(web: Flask) -> None:
    kept = KeptAnswers()
    made: list[str] = []
    with web.test_request_context("/"):
        for name in ("a", "b", "c"):
            kept.remember(name, lambda name=name: made.append(name))
    assert kept.renew(web, budget=0) == 1
    assert (made, len(kept)) == (["c"], 3)


def test_an_answer_whose_plan_is_gone_is_forgotten(
    web: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    kept = KeptAnswers()

    def gone() -> None:
        raise NotFoundError("Fant ingen plan")

    with web.test_request_context(PLAN):
        kept.remember("gone", gone)
        kept.remember("there", lambda: None)
    with caplog.at_level(logging.INFO, logger="planlogg.web"):
        assert kept.renew(web) == 1
    assert len(kept) == 1
    assert f"Et svar som holdes klart, finnes ikke lenger ({PLAN})" in caplog.text


def test_a_failing_database_ends_the_pass_and_every_answer_stays_kept(web: Flask) -> None:
    kept = KeptAnswers()
    made: list[str] = []

    def unreachable() -> None:
        raise ConnectionError("databasen svarer ikke")

    with web.test_request_context(PLAN):
        kept.remember("first asked", lambda: made.append("first asked"))
        kept.remember("last asked", unreachable)
    with pytest.raises(ConnectionError) as failed:
        kept.renew(web)
    assert str(failed.value) == "databasen svarer ikke"
    assert (made, len(kept)) == ([], 2)


def test_an_address_with_escaped_characters_is_made_for_the_same_address(
    client: FlaskClient,
    web: Flask,
    demo_app: Planlogg,
    renewal: Renewal,
    auth: Callable[[str], dict[str, str]],
    history_asked: list[Any],
) -> None:
    asked = history_asked
    url = f"/api/plans/{KEY}/history?actor=50%25+%23a%2Fb&limit=5"
    client.get(url, headers=auth("auditor"))
    _report_red(demo_app, web)
    renewal.check()
    client.get(url, headers=auth("auditor"))
    assert [query.actor for query in asked] == ["50% #a/b"] * 2


def test_the_renewal_thread_makes_the_answers_as_soon_as_it_is_woken(
    client: FlaskClient, web: Flask, demo_app: Planlogg, made: list[str]
) -> None:
    renewal = Renewal(web, interval=60)
    stop = threading.Event()
    thread = threading.Thread(target=renewal.run_forever, args=(stop,))
    thread.start()
    try:
        client.get(PLAN)
        _report_red(demo_app, web)
        position = web.extensions["planlogg"].read_models.position()
        renewal.wake()
        deadline = time.monotonic() + 10
        while renewal.position != position and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        renewal.wake()
        thread.join(10)
    assert (renewal.position, made, thread.is_alive()) == (position, ["nb", "nb"], False)


def test_a_kept_plan_page_is_not_pushed_out_by_answers_for_new_positions(
    client: FlaskClient, web: Flask, demo_app: Planlogg, renewal: Renewal, renders: list[str]
) -> None:
    client.get(PLAN)
    cache = web.extensions["planlogg"].read_cache
    for position in range(2 * MAX_ENTRIES):
        cache.put(("plan positions", "annen-plan", position), position)
    _report_red(demo_app, web)
    renewal.check()
    assert "light-red" in _row(client.get(PLAN).text)
    assert renders == [KEY]


def test_an_address_that_has_no_answer_is_not_kept(client: FlaskClient, web: Flask) -> None:
    kept = web.extensions["planlogg"].kept
    client.get(PLAN)
    assert client.get("/planer/finnes-ikke").status_code == 404
    assert client.get(f"/api/plans/{KEY}/versions/99").status_code == 404
    assert len(kept) == 2


def test_an_answer_is_made_again_for_the_address_it_was_asked_at_escapes_and_all(
    web: Flask,
) -> None:
    kept = KeptAnswers()
    seen: list[str] = []
    with web.test_request_context("/planer/a%23b%2525c?aktor=50%25+%23x"):
        asked = request.full_path
        kept.remember("answer", lambda: seen.append(request.full_path))
    kept.renew(web)
    assert seen == [asked] == ["/planer/a#b%25c?aktor=50%25+%23x"]
