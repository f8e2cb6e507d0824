"""The copy of an aggregate that the library's aggregate cache hands out on every load.

The cache (`AGGREGATE_CACHE_MAXSIZE`) gives each load a deep copy, so a command that
changes the copy and is then refused leaves the cached aggregate as it was. A deep copy
rebuilds every value: every measure of a plan, every row of a sheet's baseline, every
person's ID in the people index, on every load. Those values are never changed in place
(frozen states, IDs, and rows and lists that events replace whole), so a copy needs new
containers only, the values in them shared.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def copy_for_command(aggregate: T, containers: Iterable[str]) -> T:
    """A copy of `aggregate` a command may change: the named containers (those it has) and
    its pending events are new dicts and lists, everything else is shared."""
    found = object.__new__(type(aggregate))
    state = dict(vars(aggregate))
    for name in (*containers, "_pending_events"):
        if name in state:
            state[name] = copy.copy(state[name])
    vars(found).update(state)
    return found
