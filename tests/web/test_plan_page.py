"""A plan's public page after changes to its measures: only their rows are rendered again, and
the page is exactly the one a whole render gives, in both målformer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

import web.public
from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import person_with, signed_in

BY = Provenance("Sekretariatet", Source.CLI, reason="Test av sida")
Change = Callable[[Planlogg], None]

MEASURE_CHANGES: tuple[tuple[str, Change], ...] = (
    (
        "status",
        lambda app: app.report_status(
            KEY, "1.2.1", "raud", "Stoppa opp", BY, reported_on=date(2024, 9, 4)
        ),
    ),
    (
        "status again",
        lambda app: app.report_status(
            KEY, "0.1.1", "gul", "Seint", BY, reported_on=date(2024, 9, 5)
        ),
    ),
    (
        "evaluation",
        lambda app: app.evaluate_measure(
            KEY,
            "1.3.1",
            2024,
            "delvis",
            "Tre kommunar har rutinen.",
            "vidareføre",
            "Fagråd for legesamarbeid",
            BY,
            evaluated_on=date(2024, 9, 5),
        ),
    ),
    ("draft text", lambda app: app.reword_measure(KEY, "0.4.1", "Nytt ord i utkastet", BY)),
    ("removed from the draft", lambda app: app.remove_measure(KEY, "0.1.1", BY)),
)
"""Changes that write audit rows naming measures only: each is shown by patching rows."""

WHOLE_CHANGES: tuple[tuple[str, Change], ...] = (
    ("draft retitled", lambda app: app.retitle_plan(KEY, "Ny tittel i utkastet", BY)),
    (
        "status after it",
        lambda app: app.report_status(
            KEY, "0.4.1", "raud", "Stoppa", BY, reported_on=date(2024, 9, 5)
        ),
    ),
)
"""A change to the plan itself names no measure: the page is rendered whole (though the
draft's title is not on it); the next report patches again."""


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whole renders of the page, each with whether it was marked for cutting into rows."""
    rendered: list[bool] = []
    render = web.public._render

    def counted(document: dict[str, object], in_force: bool, row_marks: bool = False) -> str:
        rendered.append(row_marks)
        return render(document, in_force, row_marks)

    monkeypatch.setattr(web.public, "_render", counted)
    return rendered


def plan_part(page: str) -> str:
    """The page without the chain's head, which moves with every event."""
    return page.split('<div class="chain-head">', 1)[0]


def whole_page(web_app: Flask, client: FlaskClient, path: str) -> str:
    """The page as a whole render gives it now: nothing kept."""
    web_app.extensions["planlogg"].read_cache._entries.clear()
    return client.get(path).get_data(as_text=True)


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_a_patched_page_is_the_page_a_whole_render_gives(
    web: Flask, demo_app: Planlogg, client: FlaskClient, renders: list[bool], lang: str
) -> None:
    path = f"/planer/{KEY}?lang={lang}"
    before = client.get(path).get_data(as_text=True)
    assert "planlogg:row" not in before
    rendered_for_change, changed = [], []
    for _, change in (*MEASURE_CHANGES, *WHOLE_CHANGES):
        change(demo_app)
        caught_up(web)
        rendered = len(renders)
        shown = client.get(path).get_data(as_text=True)
        rendered_for_change.append(len(renders) - rendered)
        changed.append(plan_part(shown) != plan_part(before))
        assert shown == whole_page(web, client, path)
        before = shown
    assert rendered_for_change == [0] * len(MEASURE_CHANGES) + [1, 0]
    # A measure removed from the draft is still in force, with its progress: its row stays.
    assert changed == [True, True, True, False, False, False, True]
    assert all(renders)


def test_a_measure_change_renders_only_its_rows(
    web: Flask, demo_app: Planlogg, client: FlaskClient, renders: list[bool]
) -> None:
    client.get(f"/planer/{KEY}")
    for name, change in MEASURE_CHANGES:
        change(demo_app)
        caught_up(web)
        client.get(f"/planer/{KEY}")
        assert renders == [True], name


def test_a_signed_in_persons_page_is_rendered_whole_and_unmarked(
    web: Flask, demo_app: Planlogg, renders: list[bool]
) -> None:
    client = signed_in(web, person_with(demo_app, Role.EDITOR))
    page = client.get(f"/planer/{KEY}").get_data(as_text=True)
    assert "Arbeidsversjonen" in page and "planlogg:row" not in page
    assert renders == [False]
