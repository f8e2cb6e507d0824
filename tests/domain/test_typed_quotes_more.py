"""Every refusal that quotes what a person typed quotes only its start, ending with «…».

Year marks, area, goal and measure numbers, plan and community keys, e-mail addresses,
patient groups and body names were still quoted whole: a 20 000-character value drowned
the advice and made a phone's page 200 000 px wide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from uuid import uuid4

import pytest

from domain.application import Planlogg
from domain.body_register import Unresolved
from domain.community import HealthCommunity, email_addresses
from domain.errors import PlanloggError
from domain.measure_sheet import parse_groups, parse_number, parse_numbers
from domain.numbering import parse_area_heading, parse_goal_number, parse_measure_number
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.timeframe import parse_year_mark

BY = Provenance("Kari Nordmann", Source.CLI, reason="test")
DIGITS = "9" * 20_000
LETTERS = "x" * 20_000
TAGS = "<br>" * 5_000
REFERENCES = "2.1.3 Ref. " + "1.2.1," * 3_332
LONGEST_KEY = "x" * 79 + "/"
LONGEST_ADDRESS = "x" * 254


def _plan() -> Plan:
    return Plan.start("hf-2025", "Handlingsplan", "hf", 2024, 2026, BY)


def _community() -> HealthCommunity:
    return HealthCommunity(key="hf", name="Helsefellesskapet", by=BY)


@pytest.fixture
def app() -> Iterator[Planlogg]:
    application = Planlogg.from_url("memory:")
    yield application
    application.close()


def _community_registered_twice(app: Planlogg) -> None:
    """The longest key a community may have (a longer one is refused as too long)."""
    app.register_community(LETTERS[:80], "Helsefellesskapet", BY)
    app.register_community(LETTERS[:80], "Helsefellesskapet", BY)


def _decision_in_unknown_community(app: Planlogg) -> None:
    app.record_decision(LETTERS, "sak 1/25", "SSU", date(2025, 1, 2), "Vedtatt.", BY)


@pytest.mark.parametrize(
    ("refuse", "typed"),
    [
        (lambda: parse_year_mark(LETTERS), LETTERS),
        (lambda: parse_year_mark(TAGS), TAGS),
        (lambda: parse_goal_number(DIGITS), DIGITS),
        (lambda: parse_area_heading(DIGITS), DIGITS),
        (lambda: parse_measure_number(DIGITS), DIGITS),
        (lambda: Plan.start(LONGEST_KEY, "Plan", "hf", 2024, 2026, BY), LONGEST_KEY),
        (lambda: _plan().add_area(LETTERS, "Område", BY), LETTERS),
        (lambda: _plan().add_goal(LETTERS, "Mål", BY), LETTERS),
        (lambda: parse_number(REFERENCES), REFERENCES),
        (lambda: parse_groups(LETTERS), LETTERS),
        (lambda: parse_numbers(DIGITS), DIGITS),
        (lambda: email_addresses([LONGEST_ADDRESS]), LONGEST_ADDRESS),
        (lambda: _community().body(LETTERS), LETTERS),
    ],
    ids=[
        "year mark",
        "year mark of tags only",
        "goal number",
        "area heading",
        "measure number",
        "plan key",
        "area number",
        "goal number in a plan",
        "sheet measure number with a reference",
        "sheet patient group",
        "sheet measure numbers",
        "e-mail address",
        "body of a community",
    ],
)
def test_a_domain_refusal_quotes_only_the_start_of_a_huge_value(
    refuse: Callable[[], object], typed: str
) -> None:
    with pytest.raises(PlanloggError) as refused:
        refuse()
    assert typed[:39] + "…" in refused.value.message
    assert len(refused.value.message) < 300


@pytest.mark.parametrize(
    "refuse",
    [
        lambda app: app.get_plan(LETTERS),
        lambda app: app.get_community(LETTERS),
        _community_registered_twice,
        _decision_in_unknown_community,
        lambda app: app.assign_communities(uuid4(), [LETTERS], BY),
    ],
    ids=["plan", "community", "community again", "decision's community", "person's community"],
)
def test_a_key_nobody_has_is_quoted_only_by_its_start(
    app: Planlogg, refuse: Callable[[Planlogg], object]
) -> None:
    with pytest.raises(PlanloggError) as refused:
        refuse(app)
    assert '"' + "x" * 39 + '…"' in refused.value.message
    assert len(refused.value.message) < 300


@pytest.mark.parametrize("suggestion", ["", "Fagråd for legesamarbeid"])
@pytest.mark.parametrize(
    "said", [lambda u: u.message, lambda u: u.sheet_message], ids=["command line", "sheet"]
)
def test_an_unregistered_body_is_quoted_as_long_as_a_body_name_may_be(
    said: Callable[[Unresolved], str], suggestion: str
) -> None:
    message = said(Unresolved(LETTERS, suggestion))
    assert message.startswith(
        "«" + "x" * 99 + "…» er ikke et registrert organ; lagret som skrevet."
    )
    assert len(message) < 300
