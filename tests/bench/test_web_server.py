"""The web benchmark's server: its static baseline route is in every forked worker's app."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from bench.web import running_server


def test_with_workers_every_worker_serves_the_static_baseline(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each request on a new connection: the kernel spreads them over both workers' sockets,
    and the parent process serves none. The server keeps its data (the workers' shared
    secret key) in the test's folder, not in the project's."""
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    body = bytes(range(256)) * 40
    (tmp_path / "baseline.bin").write_bytes(body)
    with running_server(postgres_url, tmp_path, "--no-demo", "--workers", "2") as base:
        answers = []
        for _ in range(20):
            with urllib.request.urlopen(f"{base}/bench-static/baseline.bin", timeout=10) as got:
                answers.append((got.status, got.read()))
    assert answers == [(200, body)] * 20
