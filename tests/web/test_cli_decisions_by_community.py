"""On the command line, a change of a plan may cite only a decision the plan's community
registered (`CliContext.by`, through `ReadModels.registered_decision` by community): another
community's «SSU sak 11/24» leads no auditor of this plan to a decision, and the plan's
decisions never list it. A decision is not filed under another community's plan."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result

from domain.application import Planlogg
from domain.plan import plan_id
from web.cli import EXIT_INVALID, EXIT_REFUSED, cli


@pytest.fixture
def run(sqlite_url: str):
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    return invoke


@pytest.fixture
def two_communities(run) -> None:
    for key, name in (("hf", "Helsefellesskapet"), ("vv", "Helsefellesskapet Vestre Viken")):
        assert run("community", "add", key, name).exit_code == 0
    created = run("plan", "create", "p", "--title", "Plan", "--owner", "hf", "--years", "2025-2026")
    assert created.exit_code == 0, created.output
    added = run("decision", "add", "vv", "SSU sak 11/24", "--body", "SSU", "--date", "13.03.2024",
                "--text", "Vestre Viken vedtek.")  # fmt: skip
    assert added.exit_code == 0, added.output


def test_a_change_citing_a_decision_only_another_community_registered_is_refused(
    run, two_communities, sqlite_url: str
) -> None:
    refused = run("--decision", "SSU sak 11/24", "plan", "area", "p", "1", "Område")
    assert refused.exit_code == EXIT_REFUSED, refused.output
    assert refused.output == (
        "Feil: Vedtaket «SSU sak 11/24» er ikke registrert. Registrer det først: planlogg "
        'decision add FELLESSKAP "SSU sak 11/24" --body ORGAN --date MØTEDATO --text '
        "VEDTAKSTEKST\n"
    )
    assert not Planlogg.from_url(sqlite_url).get_plan("p").areas


def test_a_change_citing_its_communitys_decision_is_taken(
    run, two_communities, sqlite_url: str
) -> None:
    added = run("decision", "add", "hf", "SSU sak 11/24", "--body", "SSU", "--date", "14.03.2024",
                "--text", "Helsefellesskapet vedtek.", "--plan", "p")  # fmt: skip
    assert added.exit_code == 0, added.output
    cited = run("--decision", "ssu sak 11/2024", "plan", "area", "p", "1", "Område")
    assert cited.exit_code == 0, cited.output
    app = Planlogg.from_url(sqlite_url)
    last = next(iter(app.events.get(plan_id("p"), desc=True, limit=1)))
    assert last.by.decision == "SSU sak 11/24"


def test_a_decision_is_not_filed_under_another_communitys_plan(run, two_communities) -> None:
    refused = run("decision", "add", "vv", "SSU sak 12/24", "--body", "SSU", "--date",
                  "13.03.2024", "--text", "Vestre Viken vedtek.", "--plan", "p")  # fmt: skip
    assert refused.exit_code == EXIT_INVALID, refused.output
    assert refused.output == (
        'Feil: Planen "p" tilhører ikke helsefellesskapet "vv". Et vedtak kan bare gjelde en '
        "plan i sitt eget helsefellesskap.\n"
    )
