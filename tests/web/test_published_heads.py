"""`planlogg audit publish-head`, `audit verify --heads/--head` and serve's schedule.

On SQLite and PostgreSQL: `--head H` without `--position` no longer raises a
false alarm on an intact chain that has grown since H was published (it
exited 7), and `--heads FILE` reports how many events no published head covers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from projections import ReadModels
from projections.heads import read_heads
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT
from tests.projections.tamper import EventTable
from tests.web.closing import close_services
from web.cli import EXIT_INVALID, cli, read_commands
from web.cli.read_commands import EXIT_TAMPERED
from web.cli.serve_commands import build_server

if "audit" not in cli.commands:
    read_commands.register(cli)


@pytest.fixture
def planned(app: Planlogg) -> Planlogg:
    plans.draft(app)
    return app


def run(url: str, *args: str):
    return CliRunner().invoke(cli, ["--database-url", url, *args])


def test_a_head_published_before_the_chain_grew_is_no_false_alarm(
    planned: Planlogg, database_url: str
) -> None:
    models = ReadModels.open(planned)
    models.read_your_writes()
    published = models.chain_head()
    planned.reword_measure(KEY, "1.1.1", "Kartlegge behov no", SECRETARIAT)
    result = run(database_url, "audit", "verify", "--head", published.hash)
    assert result.exit_code == 0, result.output
    assert (
        f"1 hendelse er nyere enn den nyeste publiserte kontrollsummen (posisjon "
        f"{published.position})" in result.output
    )


def test_publish_then_verify_against_the_heads_file(
    planned: Planlogg, database_url: str, tmp_path: Path
) -> None:
    heads = tmp_path / "hovud.txt"
    assert run(database_url, "audit", "publish-head", "--file", str(heads)).exit_code == 0
    planned.reword_measure(KEY, "1.1.1", "Kartlegge behov no", SECRETARIAT)
    assert run(database_url, "audit", "publish-head", "--file", str(heads)).exit_code == 0
    newest = read_heads(heads)[-1]
    planned.reword_measure(KEY, "1.1.1", "Kartlegge behov i år", SECRETARIAT)
    result = run(database_url, "audit", "verify", "--heads", str(heads))
    assert result.exit_code == 0, result.output
    assert len(read_heads(heads)) == 2
    assert (
        f"1 hendelse er nyere enn den nyeste publiserte kontrollsummen (posisjon {newest.position})"
        in result.output
    )
    EventTable(database_url).alter(newest.position, b"behov no", b"behov aldri")
    EventTable(database_url).rewrite_chain()
    ReadModels.open(planned).rebuild()
    tampered = run(database_url, "audit", "verify", "--heads", str(heads))
    assert tampered.exit_code == EXIT_TAMPERED
    assert f"kjeden er brutt på posisjon {newest.position}" in tampered.output


def test_verify_without_published_heads_says_what_it_cannot_prove(
    planned: Planlogg, database_url: str
) -> None:
    result = run(database_url, "audit", "verify")
    assert result.exit_code == 0
    assert "Kjeden er ikke kontrollert mot noen publisert kontrollsum" in result.output


def test_publish_head_needs_somewhere_to_publish(
    planned: Planlogg, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANLOGG_HEADS_FILE", raising=False)
    monkeypatch.delenv("PLANLOGG_HEADS_URL", raising=False)
    result = run(database_url, "audit", "publish-head")
    assert result.exit_code == EXIT_INVALID
    assert "Oppgi hvor kontrollsummen skal publiseres" in result.output


def test_serve_publishes_the_head_on_its_schedule(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    heads = tmp_path / "hovud.txt"
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PLANLOGG_HEADS_FILE", str(heads))
    monkeypatch.setenv("PLANLOGG_HEADS_INTERVAL", "30")
    server = build_server(database_url, demo=True, sync=False, config={"SECRET_KEY": "k"})
    assert server.heads is not None and server.heads.interval == 30
    server.heads.run_once()
    position = server.app.recorder.max_notification_id()
    close_services(server.web)
    assert [h.position for h in read_heads(heads)] == [position]
