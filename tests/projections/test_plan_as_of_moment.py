"""`ReadModels.plan_as_of` at a change's own moment: the plan as of the very moment a change
was recorded has the change (the moment is inclusive, as the audit history's `until` is)."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.application import Planlogg
from projections import ReadModels
from projections.documents import AuditQuery
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT


def test_the_plan_as_of_a_changes_own_moment_has_the_change(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    app.reword_measure(KEY, "1.1.1", "Kartlegge behov no", SECRETARIAT)
    models.catch_up()
    [change] = models.history(
        AuditQuery(plan=KEY, field="text", measure="1.1.1", since=datetime.now() - timedelta(0, 60))
    ).rows[-1:]
    assert change.after == "Kartlegge behov no"
    at = datetime.fromisoformat(change.occurred_at)
    then = models.plan_as_of(KEY, at)
    assert then is not None
    assert then.measure("1.1.1").text == "Kartlegge behov no"  # type: ignore[union-attr]
    just_before = models.plan_as_of(KEY, at - timedelta(microseconds=1))
    assert just_before is not None
    assert just_before.measure("1.1.1").text == change.before  # type: ignore[union-attr]
