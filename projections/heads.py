"""Heads of the hash chain published outside the database, and checks against them.

The chain proves that no stored event changed since it was linked, but
whoever can write the database can rewrite the events and the chain
together, or append a forged event after the newest one. Only a head kept
where the database cannot reach proves anything, and only up to its
position. So the head is published, on a schedule by `planlogg serve` and on
demand by `planlogg audit publish-head`:

- to a heads file the operator keeps elsewhere (`PLANLOGG_HEADS_FILE`), one
  line per head: position, hash and time, tab-separated;
- or by POST to a URL they choose (`PLANLOGG_HEADS_URL`), as JSON.

`planlogg audit verify --heads FILE` checks the chain against every line and
reports how many events are newer than the newest published head: those
the chain alone vouches for.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from domain.errors import PlanloggError, ValidationError
from language import _
from projections.chain import ChainBrokenError, PublishedHead, verify
from projections.documents import ChainHead, ChainReport

log = logging.getLogger("planlogg.heads")

HEADS_INTERVAL = 60.0
"""Seconds between scheduled publications: the longest time new events stay unprovable."""
POST_TIMEOUT = 10.0


class HeadPublishError(PlanloggError):
    """The head could not be written to the heads file or sent to the URL."""


@dataclass(frozen=True)
class HeadTargets:
    """Where heads are published; either or both."""

    file: Path | None = None
    url: str | None = None

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> HeadTargets:
        environ = dict(os.environ) if environ is None else environ
        file = environ.get("PLANLOGG_HEADS_FILE", "").strip()
        url = environ.get("PLANLOGG_HEADS_URL", "").strip()
        return cls(file=Path(file) if file else None, url=url or None)

    def __bool__(self) -> bool:
        return self.file is not None or self.url is not None


def head_line(head: ChainHead, published_at: datetime) -> str:
    return f"{head.position}\t{head.hash}\t{published_at.isoformat(timespec='seconds')}\n"


def read_heads(path: Path) -> list[PublishedHead]:
    """The heads in a heads file, oldest first; a line that is not a head is refused."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValidationError(
            _("Kan ikke lese hodefilen «%(path)s»: %(error)s.", path=path, error=error)
        ) from None
    heads = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split()
        if len(fields) < 2 or not fields[0].isdigit() or not _is_hash(fields[1]):
            raise ValidationError(
                _(
                    "Linje %(number)s i «%(name)s» er ikke et hode (posisjon, hash og tid): "
                    "«%(line)s».",
                    number=number,
                    name=path.name,
                    line=line[:80],
                )
            )
        heads.append(PublishedHead(int(fields[0]), fields[1].lower(), " ".join(fields[2:])))
    if not heads:
        raise ValidationError(_("Hodefilen «%(path)s» har ingen hoder.", path=path))
    return heads


def _is_hash(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdefABCDEF" for c in text)


def append_head(path: Path, head: ChainHead, published_at: datetime) -> bool:
    """Append the head unless the file's last line already is it; True when appended."""
    if path.exists():
        with contextlib.suppress(ValidationError):
            last = read_heads(path)[-1]
            if (last.position, last.hash) == (head.position, head.hash):
                return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as file:
            file.write(head_line(head, published_at))
            file.flush()
            os.fsync(file.fileno())
    except OSError as error:
        raise HeadPublishError(
            _("Kan ikke skrive til hodefilen «%(path)s»: %(error)s.", path=path, error=error)
        ) from None
    return True


def post_head(url: str, head: ChainHead, published_at: datetime) -> None:
    body = json.dumps(
        {
            "position": head.position,
            "hash": head.hash,
            "recorded_at": head.recorded_at,
            "published_at": published_at.isoformat(timespec="seconds"),
        }
    ).encode()
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=POST_TIMEOUT) as response:
            response.read()
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise HeadPublishError(
            _("Kunne ikke sende hodet til %(url)s: %(error)s.", url=url, error=error)
        ) from None


def publish_head(
    models: Any, targets: HeadTargets, now: Callable[[], datetime] | None = None
) -> ChainHead:
    """Publish the current head (after the chain has taken in every new event) to `targets`."""
    if not targets:
        raise ValidationError(
            _(
                "Oppgi hvor hodet skal publiseres: --file eller --url, eller sett "
                "PLANLOGG_HEADS_FILE eller PLANLOGG_HEADS_URL."
            )
        )
    models.read_your_writes()
    head: ChainHead = models.chain_head()
    publish(head, targets, (now or (lambda: datetime.now(UTC)))())
    return head


def publish(head: ChainHead, targets: HeadTargets, published_at: datetime) -> None:
    if targets.file is not None:
        append_head(targets.file, head, published_at)
    if targets.url is not None:
        post_head(targets.url, head, published_at)


def verify_published(models: Any, heads: list[PublishedHead]) -> ChainReport:
    """Chain whatever is new, then check the whole chain against every published head."""
    with contextlib.suppress(ChainBrokenError):
        models.read_your_writes()
    stored = models.stored_head()
    return verify(
        models.stored_records(),
        models.chain_links(stored.position if stored else 0),
        stored,
        published=heads,
    )


class HeadsLoop:
    """`planlogg serve`'s schedule: publish the head every `interval` seconds when it moved."""

    def __init__(self, models: Any, targets: HeadTargets, interval: float = HEADS_INTERVAL):
        self.models = models
        self.targets = targets
        self.interval = interval
        self.last: ChainHead | None = None
        self.last_error: Exception | None = None

    def run_once(self) -> None:
        self.models.read_your_writes()
        head = self.models.chain_head()
        if self.last is not None and (head.position, head.hash) == (
            self.last.position,
            self.last.hash,
        ):
            return
        try:
            publish(head, self.targets, datetime.now(UTC))
        except PlanloggError as error:
            self.last_error = error
            raise
        self.last, self.last_error = head, None

    def run_forever(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.run_once()
            except Exception:
                log.exception(_("Hodet i kjeden ble ikke publisert; prøver igjen"))
            stop.wait(self.interval)
