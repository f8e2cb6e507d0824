"""What changed between two versions: the plan's title and period, its areas and goals, and
its measures (added, removed, changed field by field).

Two adopted versions are compared, or the draft as it was sent on hearing and
the version adopted after it, with the hearing's responses and answers beside
the changes they may have caused.
"""

from __future__ import annotations

from dataclasses import replace

from domain.audit_words import as_text
from domain.dates import period_words
from domain.measure_fields import CONTENT
from projections.documents import (
    FieldChange,
    HearingDoc,
    MeasureDoc,
    MeasureRef,
    PartRef,
    PlanDocument,
    VersionDiff,
)


def _ref(measure: MeasureDoc) -> MeasureRef:
    return MeasureRef(id=measure.id, number=measure.number, text=measure.text)


def _parts(document: PlanDocument) -> dict[tuple[str, str], PartRef]:
    """The document's areas and goals in the order it has them, by kind and number."""
    found: dict[tuple[str, str], PartRef] = {}
    for area in document.areas:
        found["area", area.number] = PartRef("area", area.number, area.title)
        for goal in area.goals:
            found["goal", goal.number] = PartRef("goal", goal.number, goal.text)
    return found


PART_FIELDS = {"area": "area_title", "goal": "goal_text"}
"""The field an area's or a goal's text is named by in the audit history."""


def _period(document: PlanDocument) -> str:
    """As the audit history writes a period: "2025–2026" (one year: "2025")."""
    return period_words(document.first_year, document.last_year)


def _plan_changes(first: PlanDocument, second: PlanDocument) -> list[FieldChange]:
    pairs = (("title", first.title, second.title), ("period", _period(first), _period(second)))
    return [FieldChange("", field, old, new) for field, old, new in pairs if old != new]


def _part_changes(
    before: dict[tuple[str, str], PartRef], after: dict[tuple[str, str], PartRef]
) -> list[FieldChange]:
    changes = []
    for key, new in after.items():
        old = before.get(key)
        if old is not None and old.text != new.text:
            changes.append(FieldChange(new.number, PART_FIELDS[new.kind], old.text, new.text))
    return changes


def _measure_changes(
    before: dict[str, MeasureDoc], after: dict[str, MeasureDoc]
) -> list[FieldChange]:
    changes = []
    for measure_id, new in after.items():
        old = before.get(measure_id)
        if old is None:
            continue
        for field in CONTENT:
            old_text, new_text = as_text(getattr(old, field)), as_text(getattr(new, field))
            if old_text != new_text:
                changes.append(FieldChange(new.number, field, old_text, new_text))
    return changes


def diff_documents(
    key: str, a: int, b: int, first: PlanDocument, second: PlanDocument
) -> VersionDiff:
    """Measures are matched by their stable ID, so a renumbered measure shows as changed."""
    before = {m.id: m for m in first.measures()}
    after = {m.id: m for m in second.measures()}
    parts_before, parts_after = _parts(first), _parts(second)
    return VersionDiff(
        plan=key,
        a=a,
        b=b,
        added=tuple(_ref(m) for i, m in after.items() if i not in before),
        removed=tuple(_ref(m) for i, m in before.items() if i not in after),
        changed=tuple(_measure_changes(before, after)),
        parts_added=tuple(p for k, p in parts_after.items() if k not in parts_before),
        parts_removed=tuple(p for k, p in parts_before.items() if k not in parts_after),
        parts_changed=(
            *_plan_changes(first, second),
            *_part_changes(parts_before, parts_after),
        ),
    )


def diff_hearing(
    hearing: HearingDoc, draft: PlanDocument, result: PlanDocument, against: str
) -> VersionDiff:
    """The hearing draft against what came of it ("adopted", or the "current" draft)."""
    found = diff_documents(hearing.plan, hearing.version, result.version, draft, result)
    return replace(found, hearing=hearing, against=against)
