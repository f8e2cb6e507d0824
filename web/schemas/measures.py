"""The API schemas of a measure, derived from the declaration of `MeasureState`'s fields.

Each documented field of a measure becomes a schema field of the matching
type (text, list, mapping, or a nested schema for a composite value); the
public schema takes only the fields, and the parts of composite values,
declared public. A field added to `MeasureState` appears here by itself.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from marshmallow import Schema, fields

from domain.measure import SPEC, Part
from domain.measure_fields import FIELDS
from domain.timeframe import TimeframeError, YearMark, parse_year_mark
from language import N_


class YearMarkSchema(Schema):
    raw = fields.String(
        metadata={"description": N_("Merket slik det ble skrevet, f.eks. «X lgangsatt».")}
    )
    planned = fields.Boolean()
    postponed = fields.Boolean(metadata={"description": N_("«-»: utsatt.")})
    terms = fields.List(fields.String(), metadata={"description": N_("«vår» og/eller «høst».")})
    phase = fields.String(
        allow_none=True, metadata={"description": N_("«oppstart» eller «igangsatt».")}
    )


class LastChangeSchema(Schema):
    at = fields.String()
    by = fields.String()
    source = fields.String()
    event_type = fields.String()


def schema_field(kind: Any, *, public: bool, description: str = "") -> fields.Field[Any]:
    """The marshmallow field for a state value of type `kind`."""
    meta: dict[str, Any] = {"description": description} if description else {}
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(kind) if a is not type(None)]
        found = schema_field(inner, public=public, description=description)
        found.allow_none = True
        return found
    if origin is tuple:
        return fields.List(schema_field(typing.get_args(kind)[0], public=public), metadata=meta)
    if origin in (dict, typing.Mapping, typing.get_origin(typing.Mapping[str, str])):
        value = typing.get_args(kind)[1]
        return fields.Dict(
            keys=fields.String(), values=schema_field(value, public=public), metadata=meta
        )
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return fields.Nested(part_schema(kind, public), metadata=meta)
    if kind is bool:
        return fields.Boolean(metadata=meta)
    if kind is int:
        return fields.Integer(metadata=meta)
    if kind is str or kind is date or (isinstance(kind, type) and issubclass(kind, Enum)):
        return fields.String(metadata=meta)
    raise TypeError(f"No API field for {kind}")


@cache
def part_schema(kind: type, public: bool) -> type[Schema]:
    """The schema of a composite value; the public one has only its public parts."""
    hints = typing.get_type_hints(kind)
    attributes: dict[str, fields.Field[Any]] = {}
    for item in dataclasses.fields(kind):
        declared = item.metadata.get(SPEC, Part())
        if public and not declared.public:
            continue
        attributes[item.name] = schema_field(
            hints[item.name], public=public, description=declared.description
        )
    prefix = "Public" if public else ""
    return Schema.from_dict(attributes, name=f"{prefix}{kind.__name__}DocSchema")


def _timeframe(measure: Any) -> dict[str, Any]:
    marks = measure["marks"] if isinstance(measure, dict) else measure.marks
    return {str(year): YearMarkSchema().dump(_stored_mark(raw)) for year, raw in marks.items()}


def _stored_mark(raw: str) -> YearMark:
    """A stored mark as it reads; one kept before markup alone was refused reads as empty.

    Such a mark (`<b></b>`) was stored as "not planned", and events never change:
    the plan must still be read, not fail on it.
    """
    try:
        return parse_year_mark(raw)
    except TimeframeError:
        return YearMark(raw=raw)


@cache
def measure_schema(public: bool) -> type[Schema]:
    """A measure as the public (adopted plan) or staff (working draft, versions) read it."""
    attributes: dict[str, fields.Field[Any]] = {
        field.name: schema_field(field.kind, public=public, description=field.declared.description)
        for field in FIELDS
        if field.declared.documented and (field.declared.public or not public)
    }
    attributes["timeframe"] = fields.Function(
        _timeframe,
        dump_only=True,
        metadata={"description": N_("Årsmerkene tolket, per år (ordlyden står i «marks»).")},
    )
    if not public:
        attributes["area"] = fields.String()
        attributes["smart_gaps"] = fields.List(fields.String())
        attributes["last_change"] = fields.Nested(LastChangeSchema, allow_none=True)
    name = "PublicMeasureSchema" if public else "MeasureSchema"
    return Schema.from_dict(attributes, name=name)
