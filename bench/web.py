"""Benchmark 5: the public plan page and a filtered audit-history call under load.

The real WSGI server (waitress, `planlogg serve`'s composition, see
`bench.web_server`) runs in its own process on loopback with the demo plan.
`wrk` loads each URL for a fixed time at 1, 8 and 32 connections, and, in
the same run and alternating with it, a static file of exactly the same size
served by the same server. Requests/s and p50/p99 latency are reported; the
ratio of requests/s to the static file's is the figure (target ≥ 0.5).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.harness import Figure, Target, median
from bench.workloads import sqlite_url
from domain.demo import DEMO_PLAN
from domain.people import Role
from web.tokens import create_token, token_store_for

TARGET = Target(">=", 0.5)
ROOT = Path(__file__).resolve().parent.parent
PAGE = f"/planer/{DEMO_PLAN}"
HISTORY = f"/api/plans/{DEMO_PLAN}/history?source=cli&limit=50"
UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


@dataclass(frozen=True)
class Load:
    """What one wrk run measured."""

    requests_per_second: float
    p50: float
    p99: float
    errors: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, headers: dict[str, str]) -> bytes:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        body: bytes = response.read()
        return body


def fetch_when_ready(url: str, headers: dict[str, str], seconds: float = 60.0) -> bytes:
    """The answer once the server has one: the demo's read models catch up in the background
    after start, so a plan's page or history is 404 for a moment."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return fetch(url, headers)
        except urllib.error.HTTPError as error:
            if error.code != 404 or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@contextmanager
def running_server(url: str, static_dir: Path, *options: str) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.web_server", url, str(port), str(static_dir), *options],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                fetch(base + "/", {})
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("the web server exited while starting") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrk(
    url: str,
    connections: int,
    seconds: float,
    headers: dict[str, str],
    prefix: Sequence[str] = (),
) -> Load:
    """One bounded wrk run on loopback (`prefix`, e.g. taskset, runs it)."""
    command = [*prefix, "wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds:g}s",
               "--latency", "--timeout", "10s"]  # fmt: skip
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> Load:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        if not match:
            raise RuntimeError(f"no {percent}% latency in wrk output:\n{output}")
        return float(match[1]) * UNITS[match[2]]

    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    if not rate:
        raise RuntimeError(f"no Requests/sec in wrk output:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)", output)
    return Load(
        requests_per_second=float(rate[1]),
        p50=latency("50"),
        p99=latency("99"),
        errors=(int(errors[1]) if errors else 0)
        + (sum(int(g) for g in socket_errors.groups()) if socket_errors else 0),
    )


def compare(
    base: str,
    path: str,
    static: str,
    connections: int,
    seconds: float,
    rounds: int,
    headers: dict[str, str],
) -> tuple[Load, Load]:
    """Alternate dynamic and static runs; medians of each."""
    dynamic: list[Load] = []
    baseline: list[Load] = []
    for round_number in range(rounds):
        pair = [("d", path, headers), ("s", static, {})]
        for side, target, extra in pair if round_number % 2 == 0 else reversed(pair):
            (dynamic if side == "d" else baseline).append(
                wrk(base + target, connections, seconds, extra)
            )
    return combine(dynamic), combine(baseline)


def combine(loads: list[Load]) -> Load:
    return Load(
        requests_per_second=median([load.requests_per_second for load in loads]),
        p50=median([load.p50 for load in loads]),
        p99=median([load.p99 for load in loads]),
        errors=sum(load.errors for load in loads),
    )


def figure(name: str, key: str, connections: int, dynamic: Load, static: Load) -> Figure:
    note = (
        f"p50 {dynamic.p50 * 1000:.1f} ms, p99 {dynamic.p99 * 1000:.1f} ms "
        f"(static p50 {static.p50 * 1000:.1f}, p99 {static.p99 * 1000:.1f})"
    )
    if dynamic.errors or static.errors:
        note += f"; ERRORS {dynamic.errors}/{static.errors}"
    return Figure(
        bench="web",
        key=key,
        name=f"{name}, {connections} clients",
        value=dynamic.requests_per_second,
        unit="req/s",
        baseline=static.requests_per_second,
        baseline_label="same-size static",
        ratio=dynamic.requests_per_second / static.requests_per_second,
        target=TARGET,
        note=note,
    )


def require_wrk() -> None:
    """Refuse before anything is built or served: the load generator must be installed."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (Debian package wrk)")


def run(quick: bool) -> list[Figure]:
    require_wrk()
    seconds, rounds = (1.0, 1) if quick else (4.0, 3)
    figures = []
    with sqlite_url() as url, tempfile.TemporaryDirectory() as static_dir:
        token, _ = create_token(token_store_for(url), "Benk Revisor", Role.AUDITOR)
        auth = {"Authorization": f"Bearer {token}"}
        with running_server(url, Path(static_dir)) as base:
            targets: tuple[tuple[str, str, str, dict[str, str]], ...] = (
                ("public plan page", "web_page", PAGE, {}),
                ("audit history API", "web_history", HISTORY, auth),
            )
            for name, key, path, headers in targets:
                size = len(fetch_when_ready(base + path, headers))
                static = f"{key}.bin"
                (Path(static_dir) / static).write_bytes(b"x" * size)
                for connections in (1, 8, 32):
                    dynamic, baseline = compare(
                        base, path, f"/bench-static/{static}", connections, seconds, rounds,
                        headers,
                    )  # fmt: skip
                    figures.append(
                        figure(f"{name} ({size:,} B)", f"{key}_{connections}", connections,
                               dynamic, baseline)
                    )  # fmt: skip
    return figures
