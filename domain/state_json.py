"""Plain JSON for the domain's frozen state types, derived from their type hints.

One codec serves the aggregate's snapshots and the read models' state column,
so a measure is stored in the same shape wherever it is kept, and a field
added to a state class needs nothing here. Dates become ISO strings, enums
their values, tuples lists, and integer dict keys (years) strings; reading
back follows the type hints, so what comes back equals what went in.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from functools import cache, partial
from typing import Any, TypeVar

from eventsourcing.persistence import Transcoding

from domain.frozen import built, member

T = TypeVar("T")
Decoder = Callable[[Any], Any]


def to_json(value: Any) -> Any:
    """The plain JSON form of a state value (dataclass, tuple, dict, date, enum, scalar)."""
    kind: Any = type(value)
    return _encoder(kind)(value)


@cache
def _encoder(kind: Any) -> Callable[[Any], Any]:  # a type; Any keeps @cache content
    """An encoding function for values of one type, chosen once per type."""
    if dataclasses.is_dataclass(kind):
        names = tuple(f.name for f in dataclasses.fields(kind))
        return lambda value: {name: to_json(getattr(value, name)) for name in names}
    if issubclass(kind, Enum):
        return lambda value: value.value
    if issubclass(kind, date):
        return lambda value: value.isoformat()
    if issubclass(kind, tuple | list):
        return lambda value: [to_json(item) for item in value]
    if issubclass(kind, Mapping):
        return lambda value: {str(key): to_json(item) for key, item in value.items()}
    return _identity


def from_json(kind: type[T], data: Any) -> T:
    """Rebuild a state object of `kind` from its JSON form."""
    decoded: T = _decoder(kind)(data)
    return decoded


@cache
def _fields(kind: type) -> tuple[dataclasses.Field[Any], ...]:
    return dataclasses.fields(kind)


def _decoder(kind: Any) -> Decoder:
    """A decoding function for one type hint, built once per type (see `_built`)."""
    return _built(kind)


@cache
def _built(kind: Any) -> Decoder:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"Only optional unions are stored as state, not {kind}")
        inner = _decoder(options[0])
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        item = _decoder(typing.get_args(kind)[0])
        return lambda data: tuple(item(v) for v in data)
    if origin in (dict, Mapping, typing.Mapping):
        key_kind, value_kind = typing.get_args(kind)
        key, value = _decoder(key_kind), _decoder(value_kind)
        return lambda data: {key(k): value(v) for k, v in data.items()}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _enum_decoder(kind)
    if kind is date:
        return date.fromisoformat
    if kind in (int, bool):
        return kind  # type: ignore[no-any-return]
    if kind is str:
        return _identity
    if kind is Any:
        return _identity
    raise TypeError(f"No JSON form for state of type {kind}")


def _identity(data: Any) -> Any:
    return data


def _enum_decoder(kind: type[Enum]) -> Decoder:
    """The member by its value (`member`: calling the enum class costs ten times more, a tenth
    of decoding a plan's measures)."""
    return partial(member, kind)


def _dataclass_decoder(kind: type) -> Decoder:
    hints = typing.get_type_hints(kind)
    parts = [(f.name, _decoder(hints[f.name])) for f in _fields(kind) if f.init]

    def decode(data: Mapping[str, Any]) -> Any:
        return built(kind, {name: part(data[name]) for name, part in parts if name in data})

    return decode


class StateAsJSON(Transcoding):
    """Stores one state type (in an aggregate's snapshot) in its plain JSON form."""

    def __init__(self, kind: type, name: str) -> None:
        self.type = kind
        self.name = name

    def encode(self, obj: Any) -> Any:
        return to_json(obj)

    def decode(self, data: Any) -> Any:
        return from_json(self.type, data)
