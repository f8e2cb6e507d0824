"""Dates as Norwegian plan documents and committee papers write them.

Deadlines and meeting dates arrive as "13.03.2024", "13.3.24", "1. april",
"innen medio mai" or ISO "2024-03-13". Reading them all in one place means a
date typed in a spreadsheet cell, the CLI or a web form is understood alike.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from domain.errors import ValidationError
from domain.text import excerpt, says_nothing
from language import _


class DateError(ValidationError):
    """Text in a date field that is not a date we can read."""


FIRST_YEAR = 1900
LAST_YEAR = 2200
"""Plans, meetings and deadlines fall between these years. A date outside them
(01.01.0001, 9999-12-31) is a typing error, and would otherwise reach sorting,
date arithmetic and the databases' own date ranges."""


def check_year(year: int, what: str | None = None) -> int:
    """Refuse a year outside FIRST_YEAR–LAST_YEAR with a Norwegian message.

    `what` names the year in the målform spoken now (default «Året»).
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateError(
            _(
                "%(what)s %(year)s er utenfor det Planlogg tar imot (%(first)s–%(last)s).",
                what=what or _("Året"),
                year=excerpt(str(year)),
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        )
    return year


def check_date(day: date, original: str = "") -> date:
    """Refuse a date outside FIRST_YEAR–LAST_YEAR; `original` is how it was written."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DateError(
            _(
                'Datoen "%(date)s" er utenfor det Planlogg tar imot: '
                "skriv en dato mellom 01.01.%(first)s og 31.12.%(last)s.",
                date=excerpt(original) or day.isoformat(),
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        )
    return day


def check_period(first: int, last: int) -> tuple[int, int]:
    """A plan period: both years within range, the first not after the last."""
    check_year(first, _("Første året"))
    check_year(last, _("Siste året"))
    if first > last:
        raise DateError(
            _("Perioden %(first)s–%(last)s slutter før den begynner.", first=first, last=last)
        )
    return first, last


PERIOD = re.compile(
    r"^\s*(?:(?:våren|vår|høsten|høst|hausten|haust)\s+)?(?P<first>\d+)\s*"
    r"(?:[-–—]\s*(?P<last>\d+)?\s*)?$",
    re.IGNORECASE,
)
"""A plan period as plans write it: "2022-2024", "2022–2024" (a Word dash), "2021", "våren 2022"."""


def parse_period(text: str) -> tuple[int, int]:
    """The first and last year of a period typed as plans write it (`PERIOD`; one year is a
    period of one year), checked as `check_period` does."""
    found = PERIOD.match(text)
    if not found:
        raise DateError(
            _('"%(years)s" er ikke en periode. Skriv f.eks. 2022-2024.', years=excerpt(text))
        )
    first = found["first"]
    return check_period(int(first), int(found["last"] or first))


def period_words(first: int, last: int) -> str:
    """A plan period as it is shown everywhere: «2022–2025», and one year as one year («2022»,
    never «2022–2022»)."""
    return str(first) if first == last else f"{first}–{last}"


MONTHS: dict[str, int] = {
    "januar": 1, "jan": 1,
    "februar": 2, "feb": 2,
    "mars": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mai": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
"""Month names; bokmål and nynorsk spell them alike, abbreviations as in the papers."""

# Day within a month for the Latin month-part words used in Norwegian offices.
_MONTH_PARTS = {"primo": "first", "medio": "middle", "ultimo": "last"}

_PREFIX = re.compile(
    r"^(?:(?:innen|innan|inna|innen\s+den|før|senest|seinast|frist|dato|den|pr|per)\b[.:]?\s*)+",
    re.IGNORECASE,
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUMERIC = r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?:\.(?P<y>\d{4}|\d{2}))?"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
_WRITTEN = rf"(?P<wd>\d{{1,2}})\.?\s*(?P<wm>{_MONTH})\.?(?:\s+(?P<wy>\d{{4}}))?"
_PART = rf"(?P<part>primo|medio|ultimo)\s+(?P<pm>{_MONTH})\.?(?:\s+(?P<py>\d{{4}}))?"
_ANY_DATE = rf"(?:{_ISO}|{_NUMERIC}|{_WRITTEN}|{_PART})"
_DEADLINE_WORD_RE = re.compile(
    r"\b(?:innen|innan|inna|før|senest|seinast|frist|den|pr|per)\b[.:]?\s*$", re.IGNORECASE
)
_WHOLE_RE = re.compile(rf"^{_ANY_DATE}$", re.IGNORECASE)
_SEARCH_RE = re.compile(rf"(?<![\w.]){_ANY_DATE}(?![\w]|\.\d)", re.IGNORECASE)


def parse_norwegian_date(text: str, default_year: int | None = None) -> date:
    """Read a whole date field; `default_year` fills in dates written without a year."""
    if says_nothing(text):
        raise DateError(_("Skriv datoen, f.eks. 13.03.2024 eller 1. april 2024."))
    cleaned = _PREFIX.sub("", " ".join(text.split())).rstrip(".,;")
    match = _WHOLE_RE.match(cleaned)
    if not match:
        raise DateError(
            _(
                'Forstår ikke "%(text)s" som dato. '
                "Skriv f.eks. 13.03.2024, 1. april 2024 eller medio mai 2024.",
                text=excerpt(text),
            )
        )
    return _date_from(match, text.strip(), default_year)


@dataclass(frozen=True)
class DateInText:
    """A date found in free text, and where its wording starts and ends (`text[start:end]`)."""

    day: date
    start: int
    end: int


def find_norwegian_date(text: str, default_year: int | None = None) -> date | None:
    """The first date written anywhere in free text, or None when there is none we can use.

    Free text (a timeframe note) is never refused: a date without a year and no
    default year, or an impossible date, is simply not found.
    """
    found = search_norwegian_date(text, default_year)
    return found.day if found else None


def search_norwegian_date(text: str, default_year: int | None = None) -> DateInText | None:
    """Like `find_norwegian_date`, with where the date stands, so its wording can be quoted."""
    for match in _SEARCH_RE.finditer(text):
        if match["d"] and not match["y"] and not _DEADLINE_WORD_RE.search(text[: match.start()]):
            continue  # "2.1" in prose is a goal number, not 2 January
        try:
            day = _date_from(match, match.group(0), default_year)
        except DateError:
            continue
        return DateInText(day, match.start(), match.end())
    return None


def format_norwegian_date(day: date) -> str:
    """The way Norwegian papers print a date: "13.03.2024"."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def _date_from(match: re.Match[str], original: str, default_year: int | None) -> date:
    if match["iy"]:
        return _make(int(match["iy"]), int(match["im"]), int(match["id"]), original)
    if match["d"]:
        year = _year(match["y"], default_year, original)
        return _make(year, int(match["m"]), int(match["d"]), original)
    if match["wd"]:
        year = _year(match["wy"], default_year, original)
        return _make(year, MONTHS[match["wm"].lower()], int(match["wd"]), original)
    year = _year(match["py"], default_year, original)
    month = MONTHS[match["pm"].lower()]
    part = _MONTH_PARTS[match["part"].lower()]
    day = {"first": 1, "middle": 15, "last": calendar.monthrange(year, month)[1]}[part]
    return _make(year, month, day, original)


def _year(written: str | None, default_year: int | None, original: str) -> int:
    if written:
        return 2000 + int(written) if len(written) == 2 else int(written)
    if default_year is None:
        raise DateError(
            _(
                'Datoen "%(date)s" mangler årstall. Skriv f.eks. 1. april 2024.',
                date=excerpt(original),
            )
        )
    return default_year


def _make(year: int, month: int, day: int, original: str) -> date:
    try:
        made = date(year, month, day)
    except ValueError:
        raise DateError(_('"%(date)s" er ikke en gyldig dato.', date=excerpt(original))) from None
    return check_date(made, original)
