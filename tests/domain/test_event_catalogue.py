"""The event catalogue auditors read must list every event the domain can record."""

from __future__ import annotations

from pathlib import Path

from eventsourcing.domain import Aggregate

from domain.community import HealthCommunity
from domain.decision import Decision
from domain.people import PeopleIndex, Person
from domain.plan import Plan

CATALOGUE = Path(__file__).parents[2] / "domain" / "EVENTS.md"


def event_names(aggregate: type[Aggregate]) -> set[str]:
    return {
        name
        for name, value in vars(aggregate).items()
        if isinstance(value, type)
        and issubclass(value, Aggregate.Event)
        and name not in vars(Aggregate)
    }


def test_every_domain_event_is_in_the_catalogue() -> None:
    text = CATALOGUE.read_text(encoding="utf-8")
    names = set().union(
        *(event_names(a) for a in (Plan, Decision, HealthCommunity, Person, PeopleIndex))
    )
    assert len(names) > 30
    missing = sorted(name for name in names if f"`{name}`" not in text)
    assert missing == []
