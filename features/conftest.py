"""Fixtures and steps shared by the user journeys: the same fixtures the tests use.

The step modules import the plain helpers (`web_app`, `at_provider`, …) from
`tests.web.journeys`.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, then, when

from domain.application import Planlogg
from domain.demo import load_demo
from domain.people import Role
from tests.conftest import (  # noqa: F401 (re-exported pytest fixtures)
    app,
    by,
    database_url,
    emulator,
    graph,
    memory_app,
    postgres_url,
    sheet_sync,
    smtp,
    sqlite_url,
)
from tests.web.journeys import STAFF, caught_up, staff_member, web_app
from tests.web.oidc_provider import RecordingProvider
from tests.web.signed_in import ISSUER, NOW, signed_in
from web.cli import cli


@given("the demo plan with a pending revision of measure 0.1.2", target_fixture="web")
def demo_web(memory_app: Planlogg) -> Flask:  # noqa: F811 (the fixture imported above)
    """The web app on the demo, its read models caught up as `serve`'s follower does."""
    load_demo(memory_app)
    return caught_up(web_app(memory_app, "memory:"))


def editors_signed_in(web: Flask, *names: str) -> dict[str, FlaskClient]:
    """Each of `names` an editor at the organisation's provider («Eli»: eli@helse.no),
    signed in to `web`, by name; the web's clock at `NOW`."""
    application = web.extensions["planlogg"].app
    web.config["CLOCK"] = lambda: NOW
    return {
        name: signed_in(
            web,
            staff_member(
                application, ISSUER, name.lower(), f"{name.lower()}@helse.no", name, Role.EDITOR
            ),
        )
        for name in names
    }


@given("Eli and Emil are editors signed in to the web", target_fixture="editors")
def editors(web: Flask) -> dict[str, FlaskClient]:
    return editors_signed_in(web, "Eli", "Emil")


@pytest.fixture
def store(database_url: str) -> Iterator[Planlogg]:  # noqa: F811 (the fixture imported above)
    """Planlogg on SQLite and on PostgreSQL (`database_url` is parametrised)."""
    opened = Planlogg.from_url(database_url)
    yield opened
    opened.close()


@given(
    parsers.parse(
        "the demo plan on a database, with {first} and {second} as editors signed in to the web"
    ),
    target_fixture="editors",
)
def editors_on_a_database(
    store: Planlogg,
    database_url: str,  # noqa: F811 (the fixture imported above)
    first: str,
    second: str,
) -> dict[str, FlaskClient]:
    load_demo(store)
    return editors_signed_in(caught_up(web_app(store, database_url)), first, second)


@pytest.fixture
def provider() -> Iterator[RecordingProvider]:
    """The organisation's identity provider on loopback, knowing its `STAFF`."""
    with RecordingProvider(STAFF) as running:
        yield running


@pytest.fixture
def secretariat_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The secretariat's own folder, where its files lie and its commands run."""
    folder = tmp_path / "sekretariatet"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def planlogg(url: str, command: str) -> Result:
    """One `planlogg` command as the secretariat types it, on the database at `url`."""
    return CliRunner().invoke(
        cli, ["--database-url", url, "--as", "Sekretariatet", *shlex.split(command)]
    )


@given(parsers.parse('the secretariat has run "planlogg {command}" in its folder'))
def secretariat_has_run(
    secretariat_folder: Path,
    database_url: str,  # noqa: F811 (the fixture imported above)
    command: str,
) -> None:
    done = planlogg(database_url, command)
    if done.exit_code != 0:
        raise RuntimeError(f"planlogg {command} stoppa: {done.output}")


@when(
    parsers.parse('the secretariat runs "planlogg {command}" in its folder'),
    target_fixture="printout",
)
def secretariat_runs(
    secretariat_folder: Path,
    database_url: str,  # noqa: F811 (the fixture imported above)
    command: str,
) -> Result:
    """Runs on SQLite and PostgreSQL: the `database_url` fixture is parametrised."""
    return planlogg(database_url, command)


@then("the command succeeds and prints:")
def prints(printout: Result, docstring: str) -> None:
    assert (printout.exit_code, printout.stderr) == (0, ""), printout.output
    assert printout.stdout == docstring + "\n"


@then("the command succeeds and prints, after the time of day:")
def prints_after_time(printout: Result, docstring: str) -> None:
    assert (printout.exit_code, printout.stderr) == (0, ""), printout.output
    printed = re.fullmatch(r"\d\d:\d\d:\d\d (.*)\n", printout.stdout, re.S)
    assert printed is not None and printed[1] == docstring


@then(parsers.parse("the command stops with exit code {code:d} and says:"))
def stops(printout: Result, code: int, docstring: str) -> None:
    assert (printout.exit_code, printout.stdout) == (code, "")
    assert printout.stderr == docstring + "\n"
