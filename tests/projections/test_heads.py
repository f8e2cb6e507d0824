"""Heads published outside the database: written, sent, read back and checked against.

On SQLite and PostgreSQL: a chain that grew since a head was published is
intact (not a false alarm), a chain rewritten whole or cut short after the
head is caught, and events newer than the newest head are counted as what
they are: unprovable from inside the database.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from domain.application import Planlogg
from domain.errors import ValidationError
from language import speaking
from projections import ReadModels
from projections.chain import GENESIS, PublishedHead
from projections.heads import (
    HeadPublishError,
    HeadsLoop,
    HeadTargets,
    publish_head,
    read_heads,
    verify_published,
)
from tests.language.words import foreign_words
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT
from tests.projections.tamper import EventTable

NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def chained(app: Planlogg, models: ReadModels) -> ReadModels:
    plans.draft(app)
    models.catch_up()
    return models


def grow(app: Planlogg, times: int) -> None:
    for n in range(times):
        app.reword_measure(KEY, "1.1.1", f"Kartlegge behov, runde {n}", SECRETARIAT)


def test_a_head_is_appended_once_per_change_as_position_hash_and_time(
    app: Planlogg, chained: ReadModels, tmp_path: Path
) -> None:
    heads = tmp_path / "utanfor" / "hovud.txt"
    first = publish_head(chained, HeadTargets(file=heads), now=lambda: NOON)
    publish_head(chained, HeadTargets(file=heads), now=lambda: NOON)
    grow(app, 1)
    second = publish_head(chained, HeadTargets(file=heads), now=lambda: NOON)
    assert heads.read_text().splitlines() == [
        f"{first.position}\t{first.hash}\t2025-03-01T12:00:00+00:00",
        f"{second.position}\t{second.hash}\t2025-03-01T12:00:00+00:00",
    ]
    assert second.position == first.position + 1
    assert read_heads(heads) == [
        PublishedHead(first.position, first.hash, "2025-03-01T12:00:00+00:00"),
        PublishedHead(second.position, second.hash, "2025-03-01T12:00:00+00:00"),
    ]


def test_an_intact_chain_that_grew_since_the_heads_is_intact_with_the_newer_events_counted(
    app: Planlogg, chained: ReadModels, tmp_path: Path
) -> None:
    heads = tmp_path / "hovud.txt"
    published = publish_head(chained, HeadTargets(file=heads))
    grow(app, 3)
    report = verify_published(chained, read_heads(heads))
    assert (report.ok, report.verified_through, report.unverified) == (
        True,
        published.position,
        3,
    )
    without_position = chained.check_chain(expected_head=published.hash)
    assert (without_position.ok, without_position.unverified) == (True, 3)


def test_a_head_that_was_never_in_the_chain_is_refused(chained: ReadModels) -> None:
    report = chained.check_chain(expected_head="ab" * 32)
    assert not report.ok
    assert report.reason == (
        "den publiserte kontrollsummen finnes ikke i kjeden (kjeden kan være skrevet om)"
    )
    with speaking("nn"):
        nynorsk = chained.check_chain(expected_head="ab" * 32)
    assert nynorsk.reason == (
        "den publiserte kontrollsummen finst ikkje i kjeda (kjeda kan vere skriven om)"
    )
    for målform, reason in (("nb", report.reason), ("nn", nynorsk.reason)):
        assert foreign_words(reason, målform) == []


def test_a_chain_rewritten_whole_is_caught_by_any_published_head(
    database_url: str, app: Planlogg, chained: ReadModels, tmp_path: Path
) -> None:
    heads = tmp_path / "hovud.txt"
    publish_head(chained, HeadTargets(file=heads))
    grow(app, 1)
    last = publish_head(chained, HeadTargets(file=heads))
    table = EventTable(database_url)
    table.alter(last.position, b"runde 0", b"runde X")
    table.rewrite_chain()
    chained.rebuild()
    assert chained.check_chain().ok  # the database alone agrees with itself
    report = verify_published(chained, read_heads(heads))
    assert (report.ok, report.first_bad_position) == (False, last.position)
    assert "publiserte kontrollsummen" in report.reason


def test_events_removed_after_a_published_head_are_caught(
    database_url: str, app: Planlogg, chained: ReadModels, tmp_path: Path
) -> None:
    grow(app, 2)
    heads = tmp_path / "hovud.txt"
    last = publish_head(chained, HeadTargets(file=heads))
    table = EventTable(database_url)
    table.remove(last.position)
    table.remove(last.position - 1)
    table.rewrite_chain()
    chained.rebuild()
    report = verify_published(chained, read_heads(heads))
    assert (report.ok, report.first_bad_position) == (False, last.position)
    assert "hendelser er slettet" in report.reason


def test_a_forged_event_after_the_newest_head_is_counted_unverified_not_caught(
    database_url: str, app: Planlogg, chained: ReadModels, tmp_path: Path
) -> None:
    """What nothing inside one database can prove: the events after the newest head."""
    grow(app, 1)
    heads = tmp_path / "hovud.txt"
    last = publish_head(chained, HeadTargets(file=heads))
    assert EventTable(database_url).append_forged() == last.position + 1
    report = verify_published(chained, read_heads(heads))
    assert (report.ok, report.verified_through, report.unverified) == (True, last.position, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "har ingen kontrollsummer"),
        ("12 ikkje-ein-hash 2025-03-01\n", "Linje 1"),
        (f"1\t{GENESIS}\tt\nx\t{GENESIS}\tt\n", "Linje 2"),
    ],
)
def test_a_heads_file_that_is_not_one_is_refused(tmp_path: Path, text: str, message: str) -> None:
    heads = tmp_path / "hovud.txt"
    heads.write_text(text)
    with pytest.raises(ValidationError, match=message):
        read_heads(heads)


class Receiver(BaseHTTPRequestHandler):
    """A URL the operator chose: keeps every JSON body posted to it."""

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        self.server.bodies.append(json.loads(self.rfile.read(length)))  # type: ignore[attr-defined]
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def receiver() -> Iterator[HTTPServer]:
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    server.bodies = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_head_is_posted_to_the_chosen_url(chained: ReadModels, receiver: HTTPServer) -> None:
    url = f"http://127.0.0.1:{receiver.server_port}/hovud"
    head = publish_head(chained, HeadTargets(url=url), now=lambda: NOON)
    assert receiver.bodies == [  # type: ignore[attr-defined]
        {
            "position": head.position,
            "hash": head.hash,
            "recorded_at": head.recorded_at,
            "published_at": "2025-03-01T12:00:00+00:00",
        }
    ]


def test_a_url_that_does_not_answer_is_a_publish_error(chained: ReadModels) -> None:
    with pytest.raises(HeadPublishError, match="Kunne ikke sende kontrollsummen til"):
        publish_head(chained, HeadTargets(url="http://127.0.0.1:9/hovud"))


def test_a_url_that_does_not_answer_is_told_without_its_password(chained: ReadModels) -> None:
    # `serve` logs the failure every interval: «kari:hemmelig» stood in the log.
    with pytest.raises(HeadPublishError) as failed:
        publish_head(chained, HeadTargets(url="http://kari:hemmelig@127.0.0.1:9/hovud"))
    assert failed.value.message.startswith(
        "Kunne ikke sende kontrollsummen til http://kari:…@127.0.0.1:9/hovud: "
    )
    assert "hemmelig" not in failed.value.message


def test_the_schedule_publishes_only_when_the_head_moved(
    app: Planlogg, chained: ReadModels, tmp_path: Path
) -> None:
    heads = tmp_path / "hovud.txt"
    loop = HeadsLoop(chained, HeadTargets(file=heads), interval=60)
    loop.run_once()
    loop.run_once()
    grow(app, 1)
    loop.run_once()
    assert [h.position for h in read_heads(heads)] == [
        chained.chain_head().position - 1,
        chained.chain_head().position,
    ]
