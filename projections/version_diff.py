"""What changed between two versions: measures added, removed, changed field by field.

Two adopted versions are compared, or the draft as it was sent on hearing and
the version adopted after it, with the hearing's responses and answers beside
the changes they may have caused.
"""

from __future__ import annotations

from dataclasses import replace

from domain.audit_words import as_text
from domain.measure_fields import CONTENT
from projections.documents import (
    FieldChange,
    HearingDoc,
    MeasureDoc,
    MeasureRef,
    PlanDocument,
    VersionDiff,
)


def _ref(measure: MeasureDoc) -> MeasureRef:
    return MeasureRef(id=measure.id, number=measure.number, text=measure.text)


def diff_documents(
    key: str, a: int, b: int, first: PlanDocument, second: PlanDocument
) -> VersionDiff:
    """Measures are matched by their stable ID, so a renumbered measure shows as changed."""
    before = {m.id: m for m in first.measures()}
    after = {m.id: m for m in second.measures()}
    changed = []
    for measure_id, new in after.items():
        old = before.get(measure_id)
        if old is None:
            continue
        for field in CONTENT:
            old_text, new_text = as_text(getattr(old, field)), as_text(getattr(new, field))
            if old_text != new_text:
                changed.append(FieldChange(new.number, field, old_text, new_text))
    return VersionDiff(
        plan=key,
        a=a,
        b=b,
        added=tuple(_ref(m) for i, m in after.items() if i not in before),
        removed=tuple(_ref(m) for i, m in before.items() if i not in after),
        changed=tuple(changed),
    )


def diff_hearing(
    hearing: HearingDoc, draft: PlanDocument, result: PlanDocument, against: str
) -> VersionDiff:
    """The hearing draft against what came of it ("adopted", or the "current" draft)."""
    found = diff_documents(hearing.plan, hearing.version, result.version, draft, result)
    return replace(found, hearing=hearing, against=against)
