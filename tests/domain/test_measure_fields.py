"""Every declared field of a measure reaches every place that shows or records a measure.

The places derive their fields from the declaration; these tests fail when a
field is missing anywhere: the documents and both API schemas, the audit
trail, the comparison of adopted versions, and the sheet's columns.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import replace
from datetime import date
from enum import Enum
from typing import Any

import pytest

from domain.measure import MeasureState
from domain.measure_fields import CONTENT, DOCUMENTED, FIELDS, PUBLIC, MeasureField, audit_rows
from projections.documents import MeasureDoc
from sync.layout import Layout
from web.schemas.measures import measure_schema

BASE = MeasureState(id="T001", number="1.1.1", goal="1.1", text="Tiltak")


def other_value(kind: Any, current: Any) -> Any:
    """A value of type `kind` that differs from `current` (for any type a field may have)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(kind) if a is not type(None)]
        return other_value(inner, current)
    if origin is tuple:
        return (*current, other_value(typing.get_args(kind)[0], None))
    if origin in (dict, typing.get_origin(typing.Mapping[str, str])):
        key, value = typing.get_args(kind)
        sample = 2025 if key is int else "objective"
        return {**current, sample: other_value(value, None)}
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        parts = {
            f.name: f.name if hints[f.name] is str else other_value(hints[f.name], None)
            for f in dataclasses.fields(kind)
        }
        return kind(**parts)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return next(member for member in kind if member != current)
    if kind is bool:
        return not current
    if kind is int:
        return (current or 0) + 1
    if kind is date:
        return date(2025, 12, 1)
    if kind is str:
        return "2.1" if current in ("1.1",) else f"{current or ''}x"
    raise TypeError(f"no sample for {kind}")


AUDITED_AS = {
    "id": [], "number": ["number"], "goal": ["goal", "area"], "text": ["text"],
    "responsible": ["responsible"], "marks": ["marks"], "timeframe_note": ["timeframe_note"],
    "see_also": ["see_also"], "references": ["references"],
    "smart": ["smart_indicator", "smart_target", "smart_deadline"],
    "evaluation": ["evaluation_objective"], "evaluations": ["evaluations_2025"],
    "patient_groups": ["patient_groups"], "topics": ["topics"],
    "status": ["status", "status_comment", "status_reported_on"], "removed": ["removed"],
    "revision": [], "conflicts": ["conflict_field"],
}  # fmt: skip
"""The audit rows a change of each field leaves (none for a field declared unaudited)."""


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_a_changed_field_is_audited_unless_declared_otherwise(field: MeasureField) -> None:
    changed = replace(BASE, **{field.name: other_value(field.kind, getattr(BASE, field.name))})
    rows = [row for row in audit_rows(BASE, changed) if row[1] != row[2]]
    assert [row[0] for row in rows] == AUDITED_AS[field.name]
    assert (field.declared.audit is None) == (AUDITED_AS[field.name] == [])


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_each_documented_field_is_in_the_documents_and_the_schemas(field: MeasureField) -> None:
    document = MeasureDoc(**{f.name: getattr(BASE, f.name) for f in FIELDS}).to_dict()
    staff, public = measure_schema(public=False)(), measure_schema(public=True)()
    assert (field.name in document) == field.declared.documented
    assert (field.name in staff.fields) == field.declared.documented
    assert (field.name in public.fields) == (field.declared.documented and field.declared.public)


def test_the_public_and_content_fields_are_those_declared() -> None:
    assert set(PUBLIC) == {"id", "number", "text", "responsible", "marks", "timeframe_note",
                           "see_also", "references", "status", "evaluation",
                           "evaluations"}  # fmt: skip
    assert set(CONTENT) <= set(DOCUMENTED)
    assert {"status", "conflicts", "revision", "goal", "id"}.isdisjoint(CONTENT)


@pytest.mark.parametrize(
    "field", [f for f in FIELDS if f.declared.sheet is not None], ids=lambda f: f.name
)
def test_each_field_with_a_sheet_form_has_its_columns_in_the_sheet(field: MeasureField) -> None:
    layout = Layout.for_years((2025, 2026))
    form = field.declared.sheet
    assert form is not None
    columns = [c.header for c in form.columns(layout.years)]
    assert columns and set(columns) <= set(layout.header)
