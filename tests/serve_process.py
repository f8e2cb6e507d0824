"""`planlogg serve` as a process of its own, on a port it takes itself (`--port 0`).

A port chosen free by the test and handed to the process could be taken by another test's
server (an SMTP server, say) before the process listened on it: the test then spoke to
that server. The process says on standard output which port it listens on; this reads it.
"""

from __future__ import annotations

import queue
import re
import subprocess
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO

ANNOUNCED = re.compile(r"på (http://\S+?:[0-9]+)\s*$")
"""The line `serve` writes once it listens: «Planlogg kjører på http://127.0.0.1:43121»."""


@dataclass
class Served:
    """A running `serve` process, where it answers, and what it has written so far."""

    process: subprocess.Popen[str]
    base: str
    output: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None

    def stop(self) -> str:
        """Stop the process (killed if it does not stop within 30 s); everything it wrote."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        if self.reader is not None:
            self.reader.join(timeout=30)
        return "".join(self.output)


def start_serve(command: list[str], env: Mapping[str, str], timeout: float = 120) -> Served:
    """Start `command` (a `planlogg … serve …` command line without `--port`) on a port of
    its own, and wait for it to say which; its output is read on all the while."""
    process = subprocess.Popen(
        [*command, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(env),
    )
    lines: queue.Queue[str | None] = queue.Queue()
    output: list[str] = []
    if process.stdout is None:
        raise RuntimeError("serve was started without a pipe for its output")
    reader = threading.Thread(target=_read, args=(process.stdout, lines, output), daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            process.kill()
            raise RuntimeError("serve said nowhere where it listens:\n" + "".join(output)) from None
        if line is None:
            process.wait(timeout=30)
            raise RuntimeError("serve stopped before it listened:\n" + "".join(output))
        announced = ANNOUNCED.search(line)
        if announced:
            return Served(process, announced.group(1), output, reader)


def _read(stream: IO[str], lines: queue.Queue[str | None], output: list[str]) -> None:
    for line in stream:
        output.append(line)
        lines.put(line)
    lines.put(None)
