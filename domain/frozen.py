"""Making and changing frozen states on the hot paths of replaying events and reading rows.

A frozen dataclass's `__init__` sets every field with `object.__setattr__`; for a
measure's eighteen fields that made `dataclasses.replace` (19 µs) and decoding a
stored state the larger part of applying a status report in a rebuild. For a
state type whose `__init__` only stores its arguments (no `__post_init__`, no
slots, every field in `__init__`), filling the instance dictionary gives exactly
the object `__init__` would (6 µs); any other type goes through `__init__`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast

T = TypeVar("T")
E = TypeVar("E", bound=Enum)


@dataclasses.dataclass(frozen=True)
class _Shape:
    """What `__init__` of a plain dataclass would do: its fields and their defaults."""

    names: frozenset[str]
    required: frozenset[str]
    defaults: tuple[tuple[str, Any, Any], ...]
    """(name, default, default factory) of each field that has one."""


def evolved(state: T, **changes: Any) -> T:
    """`dataclasses.replace(state, **changes)`, without calling `__init__` where that is safe."""
    kind = type(state)
    shape = _shape(kind)
    if shape is None:
        return dataclasses.replace(state, **changes)  # type: ignore[type-var]
    _check(kind, shape, changes.keys())
    copy: T = object.__new__(kind)
    copy.__dict__.update(state.__dict__)
    copy.__dict__.update(changes)
    return copy


def built(kind: type[T], values: Mapping[str, Any]) -> T:
    """`kind(**values)`, without calling `__init__` where that is safe.

    Given every field, as a replayed status report's state is, there is nothing to check
    beyond the names, and no default to fill in."""
    shape = _shape(kind)
    if shape is None:
        return kind(**values)
    made: T = object.__new__(kind)
    fields = made.__dict__
    if len(values) != len(shape.names) or not shape.names.issuperset(values):
        _check(kind, shape, values.keys())
        missing = shape.required - values.keys()
        if missing:
            raise TypeError(f"{kind.__name__} needs {', '.join(sorted(missing))}")
        for name, default, factory in shape.defaults:
            if name not in values:
                fields[name] = default if factory is dataclasses.MISSING else factory()
    fields.update(values)
    return made


def member(kind: type[E], value: Any) -> E:
    """`kind(value)`: the member of enumeration `kind` with this value, from the enum's own map.

    Replaying an event or decoding a snapshot makes a member of each stored value (a
    provenance's source, a report's colour); calling the enumeration runs `enum`'s Python
    code, ten times the lookup and most of decoding a provenance. What the map cannot answer
    (an unhashable value, one that is not there) goes through `kind(value)`, which answers
    or raises as always.
    """
    members = cast("Mapping[Any, E]", kind._value2member_map_)
    try:
        found = members.get(value)
    except TypeError:
        found = None
    return found if found is not None else kind(value)


def _check(kind: type, shape: _Shape, names: Any) -> None:
    """Every name is a field; asked twice per replayed measure event, so the set of unknown
    names is only made when there is one."""
    if not shape.names.issuperset(names):
        unknown = set(names) - shape.names
        raise TypeError(f"{kind.__name__} has no field {', '.join(sorted(unknown))}")


def _shape(kind: Any) -> _Shape | None:
    """What `__init__` of `kind` does, or None when it does more than store its arguments."""
    return _shape_of(kind)


@cache
def _shape_of(kind: type) -> _Shape | None:
    if not dataclasses.is_dataclass(kind) or hasattr(kind, "__post_init__"):
        return None
    if "__slots__" in vars(kind):
        return None
    fields = dataclasses.fields(kind)
    if any(not f.init for f in fields):
        return None
    defaults = tuple(
        (f.name, f.default, f.default_factory)
        for f in fields
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
    )
    with_default = {name for name, _, _ in defaults}
    return _Shape(
        names=frozenset(f.name for f in fields),
        required=frozenset(f.name for f in fields if f.name not in with_default),
        defaults=defaults,
    )
