"""`planlogg hearing answer --replacing TEXT`: a replace from the command line names the
answer its user read, so an answer given since is not overwritten unseen (exit 6)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from web.cli import EXIT_CONFLICT, cli


@pytest.fixture
def run(sqlite_url: str):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    assert invoke("demo").exit_code == 0
    decided = invoke("decision", "add", "st-olavs", "ASU sak 2/25", "--body", "ASU",
                     "--date", "01.02.2025", "--text", "Høyring.", "--plan", DEMO_PLAN)  # fmt: skip
    assert decided.exit_code == 0, decided.output
    assert invoke("--decision", "ASU sak 2/25", "hearing", "send", DEMO_PLAN,
                  "--deadline", "01.03.2025", "--date", "03.02.2025",
                  "--to", "PKO").exit_code == 0  # fmt: skip
    assert invoke("hearing", "respond", DEMO_PLAN, "--from", "PKO", "--text", "Ok.").exit_code == 0
    return invoke


def answer(sqlite_url: str) -> str:
    with Planlogg.from_url(sqlite_url) as app:
        given = app.hearing(DEMO_PLAN).response("F1").answer
    if given is None:
        raise AssertionError("F1 har ikke noe svar")
    return given.text


def test_a_replace_naming_the_answer_read_replaces_it(run, sqlite_url: str) -> None:
    assert run("hearing", "answer", DEMO_PLAN, "F1", "--text", "Første svar").exit_code == 0
    replaced = run("hearing", "answer", DEMO_PLAN, "F1", "--text", "Nytt svar", "--replace",
                   "--replacing", "Første svar")  # fmt: skip
    assert replaced.exit_code == 0, replaced.output
    assert answer(sqlite_url) == "Nytt svar"


def test_a_replace_naming_another_answer_is_refused_and_stores_nothing(
    run, sqlite_url: str
) -> None:
    assert run("hearing", "answer", DEMO_PLAN, "F1", "--text", "Første svar").exit_code == 0
    refused = run("hearing", "answer", DEMO_PLAN, "F1", "--text", "Nytt svar", "--replace",
                  "--replacing", "Et eldre svar")  # fmt: skip
    assert refused.exit_code == EXIT_CONFLICT
    assert "ble besvart av Kari" in refused.output
    assert "«Første svar». Ingenting er lagret." in refused.output
    assert answer(sqlite_url) == "Første svar"


def test_a_replace_by_one_who_saw_no_answer_is_refused_when_one_was_given(
    run, sqlite_url: str
) -> None:
    assert run("hearing", "answer", DEMO_PLAN, "F1", "--text", "Første svar").exit_code == 0
    refused = run("hearing", "answer", DEMO_PLAN, "F1", "--text", "Nytt svar", "--replace",
                  "--replacing", "")  # fmt: skip
    assert refused.exit_code == EXIT_CONFLICT
    assert answer(sqlite_url) == "Første svar"


def test_without_replacing_a_replace_works_as_before(run, sqlite_url: str) -> None:
    assert run("hearing", "answer", DEMO_PLAN, "F1", "--text", "Første svar").exit_code == 0
    replaced = run("hearing", "answer", DEMO_PLAN, "F1", "--text", "Nytt svar", "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert answer(sqlite_url) == "Nytt svar"
