"""Database URLs that cannot work end in a Norwegian message, never a traceback.

The README's `…?schema=planlogg` form works on a fresh database (the schema is
created), a SQLite URL naming a folder is refused, and a PostgreSQL server that
does not answer is given up within the connect timeout.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.persistence import CONNECT_TIMEOUT_SECONDS, persistence_env
from tests.conftest import POSTGRES_ADMIN_URL
from web.cli import EXIT_FAILED, EXIT_INVALID, cli, read_commands

if "plans" not in cli.commands:
    read_commands.register(cli)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_schema() -> Iterator[str]:
    """A schema name nobody has created; dropped afterwards if Planlogg created it."""
    name = f"fresh_{uuid.uuid4().hex[:10]}"
    yield name
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


def schema_exists(name: str) -> bool:
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        found = admin.execute(
            "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (name,)
        ).fetchone()
    return found is not None


def test_a_schema_named_in_the_url_is_created_on_a_fresh_database(fresh_schema: str) -> None:
    assert not schema_exists(fresh_schema)
    url = f"{POSTGRES_ADMIN_URL}?schema={fresh_schema}"
    result = CliRunner().invoke(cli, ["--database-url", url, "--as", "Kari", "demo"])
    assert result.exit_code == 0, result.output
    assert schema_exists(fresh_schema)
    app = Planlogg.from_url(url)
    assert app.plan_exists("st-olavs-2022-2024")
    app.close()


def test_a_sqlite_url_naming_a_folder_is_refused_with_a_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--database-url", f"sqlite:///{tmp_path}", "plans"])
    assert result.exit_code == EXIT_INVALID
    assert f"«{tmp_path}» er en mappe, ikke en SQLite-fil" in result.output


def test_a_sqlite_file_whose_folder_cannot_be_made_is_refused_with_a_message(
    tmp_path: Path,
) -> None:
    (tmp_path / "fil").write_text("ikkje ei mappe")
    url = f"sqlite:///{tmp_path / 'fil' / 'planlogg.sqlite'}"
    result = CliRunner().invoke(cli, ["--database-url", url, "plans"])
    assert result.exit_code == EXIT_INVALID
    assert result.output.startswith("Feil: Kan ikke lage mappen til SQLite-filen")


def test_a_postgresql_server_that_does_not_answer_is_given_up_with_a_message() -> None:
    closed = "postgresql://postgres@127.0.0.1:9/test"
    assert persistence_env(closed)["POSTGRES_CONNECT_TIMEOUT"] == str(CONNECT_TIMEOUT_SECONDS)
    result = subprocess.run(
        [sys.executable, "-c", "from web.cli import main; main()", "--database-url", closed,
         "plans"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == EXIT_FAILED
    assert result.stderr.startswith("Feil: Fikk ikke kontakt med PostgreSQL-databasen «test»")
    assert "127.0.0.1:9" in result.stderr and "Traceback" not in result.stderr
