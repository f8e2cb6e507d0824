"""Times as people in Norway read them: in Europe/Oslo, and said to be so.

Events are stored with UTC timestamps, and the API hands them out as ISO 8601
with their offset. Everything a person reads (pages, the command line) shows
Oslo time, labelled "norsk tid", and a date or time people type (`--since`,
`--until`, `--as-of`, the auditors' date pickers) means Oslo time too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from language import N_

OSLO = ZoneInfo("Europe/Oslo")
ZONE_LABEL = N_("norsk tid")
"""What a shown time is labelled with (bokmål and nynorsk alike; shown with `_`)."""


def oslo_today() -> date:
    """Today's date in Norway, whatever zone the server runs in."""
    return datetime.now(OSLO).date()


def in_oslo(moment: datetime | str) -> datetime:
    """A stored moment in Oslo time; a moment without an offset is UTC, as stored."""
    parsed = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(OSLO)


def format_oslo_time(moment: datetime | str) -> str:
    """A stored moment as Norwegian papers print it, in Oslo time: "02.03.2025 00:30"."""
    local = in_oslo(moment)
    return f"{local:%d.%m.%Y %H:%M}"


def format_oslo_date(moment: datetime | str) -> str:
    """The day a stored moment fell on in Norway: "02.03.2025"."""
    return f"{in_oslo(moment):%d.%m.%Y}"
