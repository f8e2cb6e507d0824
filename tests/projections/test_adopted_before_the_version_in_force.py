"""A revision approved at a meeting dated before the day the version it revises came in force
(a year mistyped: 2024 for 2025) is refused. It was taken: the plan had version 2 as adopted
and bodies reported on it, while the version in force, the one adopted at the latest meeting,
stayed version 1 on the public page for good."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.errors import ValidationError
from projections import ReadModels
from tests.projections import plans
from tests.projections.plans import KEY


def test_a_revision_approved_before_the_version_in_force_began_is_refused(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    plans.revise(app)

    with pytest.raises(ValidationError) as refused:
        plans.adopt(app, ("ASU",), date(2024, 6, 12), 9)

    assert refused.value.message == (
        "Møtedatoen kan ikke være 12.06.2024: versjon 1, som denne versjonen erstatter, "
        "gjelder fra 15.01.2025."
    )
    assert app.get_plan(KEY).header.adopted_version == 1


def test_a_revision_approved_on_the_day_the_version_in_force_began_is_in_force_from_it(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    plans.revise(app)

    assert plans.adopt(app, ("ASU",), date(2025, 1, 15), 9) == 2

    models.catch_up()
    assert app.get_plan(KEY).header.adopted_version == 2
    in_force = models.version_in_force(KEY, date(2025, 1, 15))
    assert in_force is not None and in_force.version == 2
