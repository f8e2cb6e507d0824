"""What operators and auditors meet when heads are published: a head rewritten at a position
already published, a heads file that cannot be written, a full disk, a file whose last line
has no line end, a URL that redirects or fails, and a schedule that keeps failing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from domain.application import Planlogg
from domain.errors import ValidationError
from projections import ReadModels
from projections.chain import GENESIS, ChainBrokenError, PublishedHead
from projections.documents import ChainHead
from projections.heads import (
    HeadPublishError,
    HeadsLoop,
    HeadTargets,
    append_head,
    publish_head,
    read_heads,
    verify_published,
)
from tests.projections import plans
from tests.projections.tamper import EventTable
from tests.projections.test_heads import NOON, Receiver, grow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def chained(app: Planlogg, models: ReadModels) -> ReadModels:
    plans.draft(app)
    models.catch_up()
    return models


@pytest.fixture
def receiver() -> Iterator[HTTPServer]:
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    server.bodies = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_head_rewritten_at_a_position_already_published_is_caught(
    database_url: str, app: Planlogg, chained: ReadModels, tmp_path: Path
) -> None:
    """The chain rewritten up to the same head: the publisher appends the new hash for the
    same position, and the first line still proves the rewrite."""
    grow(app, 1)
    heads = tmp_path / "hovud.txt"
    first = publish_head(chained, HeadTargets(file=heads))
    table = EventTable(database_url)
    table.alter(first.position, b"runde 0", b"runde X")
    table.rewrite_chain()
    chained.rebuild()
    second = publish_head(chained, HeadTargets(file=heads))
    assert (second.position, second.hash != first.hash) == (first.position, True)
    assert [h.position for h in read_heads(heads)] == [first.position, first.position]
    report = verify_published(chained, read_heads(heads))
    assert (report.ok, report.first_bad_position) == (False, first.position)
    assert report.reason == (
        "kjeden stemmer ikke med den publiserte kontrollsummen (kjeden kan være skrevet om)"
    )


def test_an_unwritable_heads_file_does_not_keep_the_head_from_the_url(
    chained: ReadModels, receiver: HTTPServer, tmp_path: Path
) -> None:
    blocker = tmp_path / "ei-fil"
    blocker.write_text("ikkje ei mappe")
    url = f"http://127.0.0.1:{receiver.server_port}/hovud"
    with pytest.raises(HeadPublishError, match="Kan ikke skrive til kontrollsumfilen") as failed:
        publish_head(chained, HeadTargets(file=blocker / "hovud.txt", url=url))
    assert [b["position"] for b in receiver.bodies] == [chained.chain_head().position]  # type: ignore[attr-defined]
    assert "Kunne ikke sende" not in str(failed.value)


class Redirecting(BaseHTTPRequestHandler):
    """A heads URL moved elsewhere (http to https, a new path): 301 for a POST, 200 for the
    GET a client that follows the redirect makes instead."""

    def do_POST(self) -> None:
        self.server.posts += 1  # type: ignore[attr-defined]
        self.send_response(301)
        self.send_header("Location", "/ny-adresse")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self.server.gets += 1  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        return


def test_a_url_that_redirects_is_an_error_that_names_the_new_address(
    chained: ReadModels,
) -> None:
    """Followed, the redirect turns the POST into a GET without the head, and a 200 to that
    GET looked like a published head."""
    server = HTTPServer(("127.0.0.1", 0), Redirecting)
    server.posts = server.gets = 0  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/hovud"
        with pytest.raises(HeadPublishError) as failed:
            publish_head(chained, HeadTargets(url=url))
        assert (server.posts, server.gets) == (1, 0)  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
    assert str(failed.value) == (
        f"Kunne ikke sende kontrollsummen til {url}: adressen sender videre (HTTP 301) til "
        f"http://127.0.0.1:{server.server_port}/ny-adresse. Bruk den nye adressen i "
        "PLANLOGG_HEADS_URL eller --url."
    )


class Failing(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return


def test_a_url_that_answers_500_is_an_error_in_norwegian(chained: ReadModels) -> None:
    server = HTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/hovud"
        with pytest.raises(HeadPublishError) as failed:
            publish_head(chained, HeadTargets(url=url))
    finally:
        server.shutdown()
        server.server_close()
    assert str(failed.value) == (
        f"Kunne ikke sende kontrollsummen til {url}: adressen svarte med HTTP-status 500."
    )


def _head(position: int) -> ChainHead:
    return ChainHead(position=position, hash=f"{position:064x}", recorded_at=None)


def test_a_head_appended_to_a_file_without_a_last_line_end_gets_its_own_line(
    tmp_path: Path,
) -> None:
    """A file edited or copied without its last line end: the new head was glued to the last
    line's time and read back as part of it, so it was never checked."""
    heads = tmp_path / "hovud.txt"
    heads.write_text(f"1\t{GENESIS}\t2025-03-01T12:00:00+00:00")
    assert append_head(heads, _head(2), NOON)
    assert [(h.position, h.hash) for h in read_heads(heads)] == [(1, GENESIS), (2, f"{2:064x}")]


FULL_DISK = """
import resource, signal, sys
from datetime import UTC, datetime
from pathlib import Path
from projections.documents import ChainHead
from projections.heads import HeadPublishError, append_head

path, limit = Path(sys.argv[1]), int(sys.argv[2])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    append_head(path, ChainHead(position=2, hash="2" * 64, recorded_at=None),
                datetime(2025, 3, 1, tzinfo=UTC))
except HeadPublishError as error:
    print(error)
    sys.exit(9)
"""


def test_a_full_disk_leaves_the_heads_file_as_it_was(tmp_path: Path) -> None:
    """The file may grow only a few bytes more (a file size limit stands in for a full disk):
    the head is not published, and no half line is left for the next head to be glued to."""
    heads = tmp_path / "hovud.txt"
    before = f"1\t{GENESIS}\t2025-03-01T12:00:00+00:00\n"
    heads.write_text(before)
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(heads), str(len(before) + 20)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
    )
    assert done.returncode == 9, done.stderr
    assert done.stdout.startswith(f"Kan ikke skrive til kontrollsumfilen «{heads}»:")
    assert heads.read_text() == before
    assert append_head(heads, _head(3), NOON)
    assert [h.position for h in read_heads(heads)] == [1, 3]


def test_the_schedule_keeps_its_last_failure_for_healthz_and_clears_it_when_published(
    chained: ReadModels, tmp_path: Path
) -> None:
    blocker = tmp_path / "ei-fil"
    blocker.write_text("ikkje ei mappe")
    loop = HeadsLoop(chained, HeadTargets(file=blocker / "hovud.txt"))
    with pytest.raises(HeadPublishError):
        loop.run_once()
    failed = loop.status()
    assert (failed["ok"], failed["position"], failed["last_published_at"]) == (False, None, None)
    assert failed["error"].startswith("Kan ikke skrive til kontrollsumfilen")
    loop.targets = HeadTargets(file=tmp_path / "hovud.txt")
    loop.run_once()
    published = loop.status()
    assert (published["ok"], published["position"], published["error"]) == (
        True,
        chained.chain_head().position,
        None,
    )
    assert published["last_published_at"] is not None


class TamperedModels:
    """Read models whose catch-up meets a tampered event, as `ReadModels` raises it."""

    def read_your_writes(self) -> int:
        raise ChainBrokenError(7, "innholdet i hendelsen er endret etter at den ble lagret")

    def chain_head(self) -> ChainHead:
        return _head(6)


def test_a_broken_chain_is_a_failure_of_the_schedule_too(tmp_path: Path) -> None:
    """A tampered event stops the catch-up before the head is published: nothing is
    published, and that must not look like a quiet head."""
    loop = HeadsLoop(TamperedModels(), HeadTargets(file=tmp_path / "hovud.txt"))
    with pytest.raises(ChainBrokenError):
        loop.run_once()
    assert loop.status() == {
        "ok": False,
        "position": None,
        "last_published_at": None,
        "error": "Posisjon 7: innholdet i hendelsen er endret etter at den ble lagret",
    }
    assert not (tmp_path / "hovud.txt").exists()


def test_the_head_of_an_empty_store_is_no_false_alarm_once_events_come(
    app: Planlogg, models: ReadModels, tmp_path: Path
) -> None:
    """`serve` on a new installation publishes the empty chain's head (position 0) within a
    minute; the chain never has a link at 0, and every later verification said events had
    been deleted."""
    heads = tmp_path / "hovud.txt"
    empty = publish_head(models, HeadTargets(file=heads))
    assert (empty.position, empty.hash) == (0, GENESIS)
    plans.draft(app)
    later = publish_head(models, HeadTargets(file=heads))
    grow(app, 2)
    report = verify_published(models, read_heads(heads))
    assert (report.ok, report.verified_through, report.unverified) == (True, later.position, 2)
    only_empty = verify_published(models, read_heads(heads)[:1])
    assert (only_empty.ok, only_empty.verified_through) == (True, 0)
    assert only_empty.unverified == later.position + 2


def test_a_head_at_position_0_that_is_not_the_empty_chains_is_caught(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    models.catch_up()
    report = verify_published(models, [PublishedHead(0, "ab" * 32)])
    assert (report.ok, report.first_bad_position) == (False, 0)
    assert report.reason == (
        "kjeden stemmer ikke med den publiserte kontrollsummen (kjeden kan være skrevet om)"
    )


def test_a_heads_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Opened and saved in Notepad on the machine that keeps it."""
    heads = tmp_path / "hovud.txt"
    heads.write_bytes(f"\ufeff1\t{GENESIS}\t2025-03-01T12:00:00+00:00\r\n".encode())
    assert [(h.position, h.hash) for h in read_heads(heads)] == [(1, GENESIS)]


def test_a_position_in_other_digits_is_refused_not_a_crash(tmp_path: Path) -> None:
    heads = tmp_path / "hovud.txt"
    heads.write_text(f"\u00b2\t{GENESIS}\tt\n")
    with pytest.raises(ValidationError, match="Linje 1"):
        read_heads(heads)
