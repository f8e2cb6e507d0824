"""One event of a plan as plain facts: what the state transition functions read.

The `Plan` aggregate builds a `Change` from its `@event` method's arguments and
the read models build one from the stored event, so every `evolve` function
sees exactly the same input from both sides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    """An event's name ("MeasureReworded") and its attributes."""

    name: str
    facts: Mapping[str, Any]

    @classmethod
    def of(cls, event: Any) -> Change:
        return cls(type(event).__name__, vars(event))

    @property
    def measure_id(self) -> str:
        return str(self.facts["measure_id"])

    @property
    def actor(self) -> str:
        by = self.facts.get("by")
        return str(by.actor) if by is not None else ""
