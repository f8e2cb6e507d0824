"""At national scale most new events are other plans': a plan's public page and its API answers
stay cached until that plan (or its community's register of bodies) changes, while the
chain's head on the page is always the newest."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.provenance import Provenance, Source
from projections.documents import AuditRow
from tests.web.conftest import KEY, caught_up

BY = Provenance("Sekretariatet", Source.CLI, reason="Test av mellomlageret")
OTHER = "nord-2025"


@pytest.fixture
def other_plan(web: Flask, demo_app: Planlogg) -> Callable[[], None]:
    """Another community's plan, and a way to change it (and catch up, as `serve` does)."""
    demo_app.register_community("nord", "Helsefellesskap Nord", BY)
    demo_app.create_plan(OTHER, "Handlingsplan Nord", "nord", 2025, 2026, BY)
    caught_up(web)
    areas = iter(range(1, 100))

    def change() -> None:
        demo_app.add_area(OTHER, str(next(areas)), "Nytt område", BY)
        caught_up(web)

    return change


def _head_position(page: str) -> int:
    (position,) = re.findall(
        r"Kontrollsummen gjelder endringsloggen til og med hendelse (\d+),", page
    )
    return int(position)


def test_a_plans_page_stays_cached_while_other_plans_change_with_the_newest_chain_head(
    client: FlaskClient, other_plan: Callable[[], None], renders: list[str]
) -> None:
    first = client.get(f"/planer/{KEY}").get_data(as_text=True)
    other_plan()
    other_plan()
    again = client.get(f"/planer/{KEY}").get_data(as_text=True)
    assert renders == [KEY]
    head = client.get("/api/chain/head").json
    assert (_head_position(first) + 2, _head_position(again)) == (head["position"],) * 2
    assert f"<code>{head['hash']}</code>" in again
    before, _, after = first.partition('<div class="chain-head">')
    assert again.startswith(before) and again.endswith(after.split("</div>", 1)[1])


def test_a_status_report_shows_its_row_anew_and_a_change_to_the_bodies_the_whole_page(
    client: FlaskClient, demo_app: Planlogg, web: Flask, renders: list[str]
) -> None:
    client.get(f"/planer/{KEY}")
    demo_app.report_status(KEY, "1.2.1", "raud", "Stoppa opp", BY, reported_on=date(2024, 9, 4))
    caught_up(web)
    page = client.get(f"/planer/{KEY}").get_data(as_text=True)
    row = page.split('<tr id="tiltak-1.2.1">', 1)[1].split("</tr>", 1)[0]
    assert 'class="light light-red"' in row and "04.09.2024" in row
    assert renders == [KEY]
    demo_app.add_body(DEMO_COMMUNITY, "Fagråd for rus og psykisk helse", "fagleg", BY)
    caught_up(web)
    client.get(f"/planer/{KEY}")
    assert renders == [KEY, KEY]


def test_the_history_api_is_kept_per_plan_and_shows_a_decision_about_it_at_once(
    client: FlaskClient,
    web: Flask,
    demo_app: Planlogg,
    other_plan: Callable[[], None],
    auth: Callable[[str], dict[str, str]],
    history_asked: list[Any],
) -> None:
    asked = history_asked
    url = f"/api/plans/{KEY}/history?field=decision"
    first = client.get(url, headers=auth("auditor")).json
    other_plan()
    assert client.get(url, headers=auth("auditor")).json == first
    assert len(asked) == 1
    demo_app.record_decision(DEMO_COMMUNITY, "sak 41/24", "ASU", date(2024, 9, 4),
                             "ASU ber om ny frist.", BY, plan=KEY)  # fmt: skip
    caught_up(web)
    rows = client.get(url, headers=auth("auditor")).json["rows"]
    assert len(asked) == 2
    assert [row["after"] for row in rows][-1] == "ASU sak 41/24 (2024-09-04): ASU ber om ny frist."
    assert len(rows) == len(first["rows"]) + 1


def test_a_plans_målform_is_looked_up_again_only_when_a_community_moves(
    client: FlaskClient,
    demo_app: Planlogg,
    web: Flask,
    other_plan: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Loading a plan and its community to learn its målform costs more than the cached page,
    so a change to this plan or another must not send the next reader to the event store."""
    looked_up: list[str] = []
    plan_language = Planlogg.plan_language

    def counted(app: Planlogg, key: str) -> str:
        looked_up.append(key)
        return plan_language(app, key)

    monkeypatch.setattr(Planlogg, "plan_language", counted)
    client.get(f"/planer/{KEY}")
    other_plan()
    client.get(f"/planer/{KEY}")
    demo_app.report_status(KEY, "1.2.1", "raud", "Stoppa opp", BY, reported_on=date(2024, 9, 4))
    caught_up(web)
    assert "light-red" in client.get(f"/planer/{KEY}").text
    assert looked_up == [KEY]
    demo_app.choose_community_language("nord", "nn", BY)
    caught_up(web)
    assert '<html lang="nb">' in client.get(f"/planer/{KEY}").text  # not nord's nynorsk
    assert looked_up == [KEY, KEY]


def test_a_full_history_page_after_a_change_is_its_kept_rows_with_the_new_total(
    client: FlaskClient,
    web: Flask,
    demo_app: Planlogg,
    auth: Callable[[str], dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The rows of a full page cannot change, so they are dumped once; the total is new."""
    dumped: list[str] = []
    to_dict = AuditRow.to_dict

    def counted(row: AuditRow) -> dict[str, Any]:
        dumped.append(row.field)
        return to_dict(row)

    monkeypatch.setattr(AuditRow, "to_dict", counted)
    url = f"/api/plans/{KEY}/history?limit=5"
    first = client.get(url, headers=auth("auditor")).json
    assert len(dumped) == 5
    demo_app.report_status(KEY, "1.2.1", "raud", "Stoppa opp", BY, reported_on=date(2024, 9, 4))
    caught_up(web)
    after = client.get(url, headers=auth("auditor")).json
    assert len(dumped) == 5
    assert after == {**first, "total": first["total"] + 3}
    services = web.extensions["planlogg"]
    services.read_models.full_pages.clear()
    services.read_models.audit_counts.forget()
    services.read_cache.clear()
    assert client.get(url, headers=auth("auditor")).json == after
    assert len(dumped) == 10


def test_a_kept_history_answer_is_sent_again_without_loading_its_query_again(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    auth: Callable[[str], dict[str, str]],
) -> None:
    from web.schemas.queries import HistoryQuerySchema

    loaded: list[dict[str, Any]] = []
    load = HistoryQuerySchema.load

    def counted(schema: HistoryQuerySchema, data: dict[str, Any], **kwargs: Any) -> Any:
        loaded.append(dict(data))
        return load(schema, data, **kwargs)

    monkeypatch.setattr(HistoryQuerySchema, "load", counted)
    url = f"/api/plans/{KEY}/history?field=decision&limit=5"
    first = client.get(url, headers=auth("auditor"))
    again = client.get(url, headers=auth("auditor"))
    assert (first.status_code, again.get_data()) == (200, first.get_data())
    assert loaded == [{"field": "decision", "limit": "5"}]
    refused = client.get(f"/api/plans/{KEY}/history?limit=abc", headers=auth("auditor"))
    assert refused.status_code == 422 and len(loaded) == 2
    assert client.get(f"/api/plans/{KEY}/history?limit=abc").status_code == 401
    assert len(loaded) == 2
