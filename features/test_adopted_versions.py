"""Steps for features/adopted_versions.feature."""

from __future__ import annotations

from datetime import date

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from domain.application import Planlogg
from projections import ReadModels, VersionDiff
from tests.projections import plans

scenarios("adopted_versions.feature")


@pytest.fixture
def models(memory_app: Planlogg) -> ReadModels:
    return ReadModels.open(memory_app)


@given(parsers.parse('plan "{key}" adopted as version 1 by "{first}" and "{second}"'))
def adopted(memory_app: Planlogg, key: str, first: str, second: str) -> None:
    assert key == plans.KEY
    plans.draft(memory_app)
    assert plans.adopt(memory_app, (first, second), date(2025, 1, 15), 1) == 1


@given(
    parsers.parse(
        'a revision that rewords measure "{reworded}", removes measure "{removed}" '
        'and adds measure "{added}"'
    )
)
def revision(memory_app: Planlogg, reworded: str, removed: str, added: str) -> None:
    assert (reworded, removed, added) == ("2.1.1", "2.1.2", "1.1.2")
    plans.revise(memory_app)


@when(parsers.parse('the revision is adopted as version 2 by "{body}"'))
def adopt_again(memory_app: Planlogg, body: str) -> None:
    assert plans.adopt(memory_app, (body,), date(2025, 6, 12), 9) == 2


@then(
    parsers.parse('the diff from version 1 to version 2 adds "{added}" and removes "{removed}"'),
    target_fixture="diff",
)
def diff_adds_and_removes(models: ReadModels, added: str, removed: str) -> VersionDiff:
    models.read_your_writes()
    diff = models.diff_versions(plans.KEY, 1, 2)
    assert [m.number for m in diff.added] == [added]
    assert [m.number for m in diff.removed] == [removed]
    return diff


@then(parsers.parse('it shows the field "{field}" of measure "{number}" changed'))
def field_changed(diff: VersionDiff, field: str, number: str) -> None:
    assert (number, field) in {(c.number, c.field) for c in diff.changed}


@then(parsers.parse('version 1 is still shown with the approvals of "{first}" and "{second}"'))
def version_one(models: ReadModels, first: str, second: str) -> None:
    document = models.adopted_version(plans.KEY, 1)
    assert document is not None and document.measure("2.1.2") is not None
    assert [a.body for a in document.approvals] == [first, second]
