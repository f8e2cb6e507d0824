"""/healthz says whether `serve` publishes the chain's head: a heads file or URL that fails
(a full disk, a URL that answers 500) must be visible to whoever watches the server, not
only in its log. Anyone learns the state and the position; the error text (which names the
file or the URL) only someone who may read drafts."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from projections.heads import HeadPublishError, HeadsLoop, HeadTargets
from tests.web.test_audit_pages import log_in
from web.tokens import Role, create_token


def failing_heads(web: Flask, tmp_path: Path) -> HeadsLoop:
    """The schedule `serve` runs, its heads file where no file can be made, run once."""
    blocker = tmp_path / "ei-fil"
    blocker.write_text("ikkje ei mappe")
    found = web.extensions["planlogg"]
    loop = HeadsLoop(found.read_models, HeadTargets(file=blocker / "hovud.txt"))
    found.background["heads"] = loop
    with pytest.raises(HeadPublishError):
        loop.run_once()
    return loop


def test_anyone_sees_that_the_head_is_not_published(web: Flask, tmp_path: Path) -> None:
    failing_heads(web, tmp_path)
    response = web.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.json["heads"] == {"ok": False, "position": None, "last_published_at": None}
    assert "hovud.txt" not in response.get_data(as_text=True)


def test_an_auditor_sees_why(web: Flask, tmp_path: Path) -> None:
    loop = failing_heads(web, tmp_path)
    client = web.test_client()
    log_in(client, create_token(web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR)[0])
    heads = client.get("/healthz").json["heads"]
    assert heads["ok"] is False
    assert heads["error"] == str(loop.last_error)
    assert heads["error"].startswith("Kan ikke skrive til kontrollsumfilen")


def test_once_published_healthz_says_which_head_and_when(web: Flask, tmp_path: Path) -> None:
    loop = failing_heads(web, tmp_path)
    loop.targets = HeadTargets(file=tmp_path / "hovud.txt")
    loop.run_once()
    heads = web.test_client().get("/healthz").json["heads"]
    position = web.extensions["planlogg"].read_models.chain_head().position
    assert (heads["ok"], heads["position"]) == (True, position)
    assert heads["last_published_at"] == loop.last_published_at.isoformat()  # type: ignore[union-attr]


def test_without_a_heads_schedule_healthz_says_nothing_of_heads(web: Flask) -> None:
    assert "heads" not in web.test_client().get("/healthz").json


def test_serve_shows_its_own_heads_schedule_in_healthz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The schedule `serve` builds from PLANLOGG_HEADS_FILE is the one /healthz reports."""
    from web.cli.serve_commands import build_server

    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PLANLOGG_HEADS_FILE", str(tmp_path / "hovud.txt"))
    server = build_server(f"sqlite:///{tmp_path / 'p.sqlite'}", sync=False, demo=False)
    try:
        assert server.heads is not None
        server.heads.run_once()
        heads = server.web.test_client().get("/healthz").json["heads"]
        assert (heads["ok"], heads["position"]) == (True, 0)
    finally:
        server.app.close()
