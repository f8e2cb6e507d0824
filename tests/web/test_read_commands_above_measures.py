"""`planlogg diff` names the plan's title, period, areas and goals changed, added and removed
before its measures, worded as the auditors' compare page words them; `planlogg show --as-of`
a moment before the plan existed says when it was created, as the page and the API do."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.norwegian_time import format_oslo_date, format_oslo_time
from domain.plan import plan_id
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT
from web.cli import EXIT_NOT_FOUND, cli, read_commands

if "history" not in cli.commands:
    read_commands.register(cli)


@pytest.fixture
def run(sqlite_url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COLUMNS", "250")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    return invoke


@pytest.fixture
def app(sqlite_url: str):
    app = Planlogg.from_url(sqlite_url)
    yield app
    app.close()


def test_the_diff_names_the_plan_its_areas_and_goals_before_the_measures(run, app) -> None:
    plans.draft(app)
    app.add_goal(KEY, "2.2", "Felles kurs", SECRETARIAT)
    plans.adopt(app, ("ASU",), date(2025, 1, 15), 1)
    app.start_revision(KEY, SECRETARIAT)
    app.retitle_plan(KEY, "Handlingsplan 2025–2027", SECRETARIAT)
    app.change_period(KEY, 2025, 2027, SECRETARIAT)
    app.reword_goal(KEY, "1.1", "Tidleg og samordna innsats", SECRETARIAT)
    app.rename_area(KEY, "2", "Digital samhandling", SECRETARIAT)
    app.remove_goal(KEY, "2.2", SECRETARIAT)
    app.add_area(KEY, "3", "Kompetanse", SECRETARIAT)
    app.add_goal(KEY, "3.1", "Felles opplæring", SECRETARIAT)
    app.reword_measure(KEY, "2.1.1", "Innføre meldingsløft i alle kommunar", SECRETARIAT)
    plans.adopt(app, ("ASU",), date(2025, 6, 12), 9)

    shown = run("diff", KEY, "1", "2")

    assert shown.exit_code == 0, shown.output
    assert shown.output.splitlines() == [
        f"{KEY}: versjon 1 → 2",
        "+ Innsatsområde 3 Kompetanse",
        "+ Mål 3.1 Felles opplæring",
        "− Mål 2.2 Felles kurs",
        "~ Planen tittel: «Handlingsplan 2025» → «Handlingsplan 2025–2027»",
        "~ Planen planperiode: «2025–2026» → «2025–2027»",
        "~ Mål 1.1 måltekst: «Tidleg innsats» → «Tidleg og samordna innsats»",
        "~ Innsatsområde 2 tittel på innsatsområdet: «Digitalisering» → «Digital samhandling»",
        "~ 2.1.1 tekst: «Innføre meldingsløft» → «Innføre meldingsløft i alle kommunar»",
    ]


def test_the_diff_of_versions_alike_above_the_measures_names_only_the_measures(run, app) -> None:
    plans.history_plan(app)

    shown = run("diff", KEY, "1", "2")

    assert shown.exit_code == 0, shown.output
    assert [line[:2] for line in shown.output.splitlines()[1:]] == ["+ ", "− ", "~ ", "~ "]
    assert "Innsatsområde" not in shown.output and "Mål" not in shown.output


def test_show_as_of_a_day_before_the_plan_says_when_it_was_created(run, app) -> None:
    plans.draft(app)
    created = next(app.events_of(plan_id(KEY), upto=1)).timestamp

    day = run("show", KEY, "--as-of", "01.01.2019")
    moment = run("show", KEY, "--as-of", "2019-01-01T12:00")

    assert (day.exit_code, day.output) == (
        EXIT_NOT_FOUND,
        f"Feil: Planlogg har planen {KEY} fra {format_oslo_date(created)}, da den ble lagt "
        "inn, og vet ikke hvordan den sto 01.01.2019. Velg en senere dato.\n",
    )
    assert (moment.exit_code, moment.output) == (
        EXIT_NOT_FOUND,
        f"Feil: Planlogg har planen {KEY} fra {format_oslo_time(created)}, da den ble lagt "
        "inn, og vet ikke hvordan den sto 01.01.2019 12:00 (norsk tid). Velg et senere "
        "tidspunkt.\n",
    )


def test_show_as_of_a_plan_that_never_was_is_not_found(run, app) -> None:
    plans.draft(app)

    never = run("show", "finst-ikkje", "--as-of", "01.01.2019")

    assert (never.exit_code, never.output) == (
        EXIT_NOT_FOUND,
        'Feil: Fant ingen plan med nøkkelen "finst-ikkje".\n',
    )
