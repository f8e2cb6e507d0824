"""A plan of one year reads as one year wherever its period is shown: «Planperiode 2022», never
«2022–2022» — on the working version and the public pages, on the front page («2022 · versjon
2»), in the adopted plan's title block (PDF and Word), in the workbook's Oversikt, in
`planlogg plans` and in the audit history (`domain.dates.period_words`, used by all)."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from flask import Flask

from domain.application import Planlogg
from domain.dates import period_words
from domain.provenance import Provenance, Source
from projections import AuditQuery
from sync.tabs import overview
from tests.web.conftest import KEY, caught_up
from web.cli import cli

BY = Provenance("Sekretariatet", Source.CLI)


def test_a_period_is_its_years_and_one_year_is_one_year() -> None:
    assert period_words(2022, 2025) == "2022–2025"
    assert period_words(2022, 2022) == "2022"


@pytest.fixture
def one_year(web: Flask, demo_app: Planlogg) -> Flask:
    """The demo's revision (version 2) made a plan of 2022 alone, adopted and published."""
    demo_app.change_period(KEY, 2022, 2022, BY)
    demo_app.submit(KEY, ["ASU"], BY)
    assert demo_app.approve(KEY, 2, "ASU", "sak 12/25", date(2025, 3, 13), BY)
    demo_app.publish(KEY, BY)
    caught_up(web)
    return web


def test_the_public_pages_say_one_year(one_year: Flask) -> None:
    client = one_year.test_client()
    front = client.get("/").text
    assert '<span class="meta">2022 · versjon 2' in front
    plan = client.get(f"/planer/{KEY}").text
    assert "Planperiode 2022. Eier: " in plan
    assert "2022–2022" not in front + plan


def test_the_adopted_plans_title_block_says_one_year(one_year: Flask) -> None:
    models = one_year.extensions["planlogg"].read_models
    report = models.adopted_plan_report(KEY, 2, date(2025, 4, 1))
    assert report.title.period == "2022"


def test_the_workbooks_oversikt_says_one_year(one_year: Flask, demo_app: Planlogg) -> None:
    rows = overview(demo_app.get_plan(KEY), {})
    assert ["Periode", "2022"] in rows


def test_the_audit_history_says_one_year(one_year: Flask) -> None:
    models = one_year.extensions["planlogg"].read_models
    rows = models.history(AuditQuery(plan=KEY, field="period")).rows
    assert [(r.before, r.after) for r in rows][-1] == ("2022–2025", "2022")


def test_planlogg_plans_says_one_year(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'plans.sqlite'}"
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(
            cli, ["--database-url", url, "--as", "Kari", *args], env={"COLUMNS": "200"}
        )

    assert run("community", "add", "innlandet", "Helsefellesskapet Innlandet").exit_code == 0
    assert run("plan", "create", "vaar-2022", "--title", "Våren 2022", "--owner", "innlandet",
               "--years", "våren 2022").exit_code == 0  # fmt: skip
    listed = run("plans")
    assert listed.exit_code == 0, listed.output
    assert "│ 2022 " in listed.output
    assert "2022–2022" not in listed.output
