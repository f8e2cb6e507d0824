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
import stat
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from domain.errors import PlanloggError, ValidationError
from domain.persistence import shown_url
from domain.text import excerpt
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

    def __post_init__(self) -> None:
        if self.url is not None:
            checked_url(self.url)

    def __bool__(self) -> bool:
        return self.file is not None or self.url is not None


def checked_url(url: str) -> str:
    """`url` when it is an http(s) address with a host; else refused as input (exit 3).

    An address typed without `https://` (a typo in PLANLOGG_HEADS_URL or --url) failed only
    when the head was sent, as a ValueError traceback («unknown url type»), after the heads
    file had been written. Refused when the targets are read, it stops `audit publish-head`
    before anything is published, and `serve` at start, as PLANLOGG_SMTP_URL does.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # «http://[::1/»: a bracket not closed
        parts, host = None, None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host:
        raise ValidationError(
            _(
                "«%(url)s» (--url eller PLANLOGG_HEADS_URL) er ikke en http- eller "
                "https-adresse. Skriv hele adressen, f.eks. https://kontroll.example.org/"
                "kontrollsummer.",
                url=shown_url(url),
            )
        )
    return url


def head_line(head: ChainHead, published_at: datetime) -> str:
    return f"{head.position}\t{head.hash}\t{published_at.isoformat(timespec='seconds')}\n"


def read_heads(path: Path) -> list[PublishedHead]:
    """The heads in a heads file, oldest first; a line that is not a head is refused."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte order mark: saved in Notepad
    except UnicodeDecodeError:  # Python's own words («'utf-8' codec can't decode…») were shown
        raise ValidationError(
            _(
                "Kan ikke lese kontrollsumfilen «%(path)s»: filen er ikke lagret som UTF-8.",
                path=path,
            )
        ) from None
    except OSError as error:
        raise ValidationError(
            _("Kan ikke lese kontrollsumfilen «%(path)s»: %(error)s.", path=path, error=error)
        ) from None
    heads = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        head = _parsed(line)
        if head is None:
            raise ValidationError(
                _(
                    "Linje %(number)s i «%(name)s» er ikke en publisert kontrollsum (posisjon, "
                    "kontrollsum og tid): «%(line)s».",
                    number=number,
                    name=path.name,
                    line=line[:80],
                )
            )
        heads.append(head)
    if not heads:
        raise ValidationError(_("Kontrollsumfilen «%(path)s» har ingen kontrollsummer.", path=path))
    return heads


def _parsed(line: str) -> PublishedHead | None:
    """The head a line of a heads file holds, or None when it holds none."""
    fields = line.split()
    if len(fields) < 2 or not (fields[0].isascii() and fields[0].isdigit()):
        return None
    if not _is_hash(fields[1]):
        return None
    return PublishedHead(int(fields[0]), fields[1].lower(), " ".join(fields[2:]))


def _is_hash(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdefABCDEF" for c in text)


def checked_hash(text: str) -> str:
    """`text` as a checksum (64 hex digits, lower case); anything else refused as input.

    A checksum cut short when copied, or mistyped, was compared with the chain as it was and
    reported as a broken chain (exit 7, the alarm for a rewritten log), where the same text
    on a line of the heads file is refused as input (exit 3).
    """
    found = text.strip()
    if not _is_hash(found):
        raise ValidationError(
            _(
                "«%(head)s» er ikke en kontrollsum: en kontrollsum er 64 tegn (0–9 og a–f). "
                "Kopier hele kontrollsummen fra rapporten eller kontrollsumfilen.",
                head=excerpt(found, 80),  # a checksum and a bit more: compared by eye
            )
        )
    return found.lower()


TAIL_BYTES = 512
"""How much of the heads file's end is read to find its last line (a line is ~100 bytes):
the file grows by a line a minute for years, and is never read whole to append to it."""


def append_head(path: Path, head: ChainHead, published_at: datetime) -> bool:
    """Append the head unless the file's last line already is it; True when appended.

    The line is written whole or not at all, and always on a line of its own: after a
    full disk (a half line written) or a last line without its line end (a file edited by
    hand), the next head was glued to that line and read back as part of it.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            tail = _tail(fd)
            last = _last_head(tail)
            if last is not None and (last.position, last.hash) == (head.position, head.hash):
                return False
            line = head_line(head, published_at).encode()
            _append_whole(fd, line if not tail or tail.endswith(b"\n") else b"\n" + line)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        raise HeadPublishError(
            _("Kan ikke skrive til kontrollsumfilen «%(path)s»: %(error)s.", path=path, error=error)
        ) from None
    return True


def _tail(fd: int) -> bytes:
    """The end of the file open at `fd`; nothing for a pipe or a device (`/dev/stdout`)."""
    found = os.fstat(fd)
    if not stat.S_ISREG(found.st_mode):
        return b""
    size = found.st_size
    start = max(size - TAIL_BYTES, 0)
    return os.pread(fd, size - start, start)


def _last_head(tail: bytes) -> PublishedHead | None:
    lines = tail.decode("utf-8", "replace").splitlines()
    return _parsed(lines[-1]) if lines else None


def _append_whole(fd: int, data: bytes) -> None:
    """Append `data` to the file open at `fd`; when the disk fills up halfway, cut off what
    was written, so no half line is left (unless another process appended after it)."""
    written = 0
    try:
        while written < len(data):
            written += os.write(fd, data[written:])
    except OSError:
        end = os.lseek(fd, 0, os.SEEK_CUR)
        if written and os.fstat(fd).st_size == end:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, end - written)
        raise


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are answered as errors: followed, a 301/302/303 turns the POST into a GET
    without the head, and a 200 to that GET looked like a published head."""

    def redirect_request(self, *args: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def post_head(url: str, head: ChainHead, published_at: datetime) -> None:
    body = json.dumps(
        {
            "position": head.position,
            "hash": head.hash,
            "recorded_at": head.recorded_at,
            "published_at": published_at.isoformat(timespec="seconds"),
        }
    ).encode()
    try:
        # built inside the try: an address urllib cannot take (a ValueError) is a failure to
        # send, kept with the other targets', not a traceback (`checked_url` refuses most
        # such addresses before anything is published)
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        with _OPENER.open(request, timeout=POST_TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as error:
        raise HeadPublishError(
            _(
                "Kunne ikke sende kontrollsummen til %(url)s: %(error)s.",
                url=shown_url(url),
                error=_refusal(url, error),
            )
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise HeadPublishError(
            _(
                "Kunne ikke sende kontrollsummen til %(url)s: %(error)s.",
                url=shown_url(url),
                error=error,
            )
        ) from None


def _refusal(url: str, error: urllib.error.HTTPError) -> str:
    """What the address answered instead of taking the head, and what to do."""
    with contextlib.suppress(OSError):
        error.close()
    location = error.headers.get("Location") if error.headers else None
    if 300 <= error.code < 400 and location:
        return _(
            "adressen sender videre (HTTP %(status)s) til %(location)s. Bruk den nye "
            "adressen i PLANLOGG_HEADS_URL eller --url",
            status=error.code,
            location=urljoin(url, location),
        )
    return _("adressen svarte med HTTP-status %(status)s", status=error.code)


def publish_head(
    models: Any, targets: HeadTargets, now: Callable[[], datetime] | None = None
) -> ChainHead:
    """Publish the current head (after the chain has taken in every new event) to `targets`."""
    if not targets:
        raise ValidationError(
            _(
                "Oppgi hvor kontrollsummen skal publiseres: --file eller --url, eller sett "
                "PLANLOGG_HEADS_FILE eller PLANLOGG_HEADS_URL."
            )
        )
    models.read_your_writes()
    head: ChainHead = models.chain_head()
    publish(head, targets, (now or (lambda: datetime.now(UTC)))())
    return head


def publish(head: ChainHead, targets: HeadTargets, published_at: datetime) -> None:
    """Publish to every target, even when one fails (an unwritable heads file must not keep
    the head from the URL); the failures are raised together."""
    failures: list[str] = []
    if targets.file is not None:
        with _kept(failures):
            append_head(targets.file, head, published_at)
    if targets.url is not None:
        with _kept(failures):
            post_head(targets.url, head, published_at)
    if failures:
        raise HeadPublishError(" ".join(failures))


@contextlib.contextmanager
def _kept(failures: list[str]) -> Iterator[None]:
    try:
        yield
    except HeadPublishError as error:
        failures.append(error.message)


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
    """`planlogg serve`'s schedule: publish the head every `interval` seconds when it moved.

    Its last failure is kept for `/healthz` (`status`) until a publication succeeds: a
    heads file or URL that fails, or a chain broken by a tampered event, must not look
    like a head that simply did not move."""

    def __init__(self, models: Any, targets: HeadTargets, interval: float = HEADS_INTERVAL):
        self.models = models
        self.targets = targets
        self.interval = interval
        self.last: ChainHead | None = None
        self.last_published_at: datetime | None = None
        self.last_error: Exception | None = None

    def run_once(self) -> None:
        try:
            self._publish_if_moved()
        except Exception as error:
            self.last_error = error
            raise
        self.last_error = None

    def _publish_if_moved(self) -> None:
        self.models.read_your_writes()
        head = self.models.chain_head()
        if self.last is not None and (head.position, head.hash) == (
            self.last.position,
            self.last.hash,
        ):
            return
        now = datetime.now(UTC)
        publish(head, self.targets, now)
        self.last, self.last_published_at = head, now

    def run_forever(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.run_once()
            except Exception:
                log.exception(_("Kontrollsummen ble ikke publisert; prøver igjen"))
            stop.wait(self.interval)

    def status(self) -> dict[str, Any]:
        """For `/healthz`: the last head published (position, when) and the last failure."""
        return {
            "ok": self.last_error is None,
            "position": self.last.position if self.last else None,
            "last_published_at": (
                self.last_published_at.isoformat() if self.last_published_at else None
            ),
            "error": str(self.last_error) if self.last_error else None,
        }
