"""What a fuzzed input must become: the exact value to store, or a refusal.

Written out from how people type (the spellings of the traffic lights, the
§ 6-2 topic numbers, the patient groups, the ways dates are written), not
taken from the parsers under test, so a parser that stores the wrong colour,
topic, group or date fails the fuzz tests.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from hypothesis import strategies as st

from domain.vocabulary import Colour, PatientGroup
from tests.reliability.nasty import NORWEGIAN_MONTHS, nasty_text

COLOUR_SPELLINGS: dict[Colour, tuple[str, ...]] = {
    Colour.GREEN: ("grønn", "grøn", "grønt", "gronn", "gron", "gront", "green", "g", "gr"),
    Colour.YELLOW: ("gul", "gult", "gule", "yellow", "y", "oransje"),
    Colour.RED: ("rød", "rødt", "raud", "raudt", "rod", "rodt", "red", "r"),
}
GROUP_WORDS: tuple[tuple[str, PatientGroup], ...] = (
    ("barn", PatientGroup.CHILDREN),
    ("psyk", PatientGroup.MENTAL_HEALTH),
    ("eldre", PatientGroup.FRAIL_ELDERLY),
    ("kronisk", PatientGroup.CHRONIC),
)
"""A group is named by a word its label holds; the first word found decides."""


def typed(text: str) -> str:
    """Free text as it is kept: Windows line ends as plain ones, no space around."""
    return text.replace("\r\n", "\n").strip()


def _plain(text: str) -> str:
    """Case and accents as a reader ignores them: "GRØNN " and "grønn" read alike."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def expected_colour(text: str) -> Colour | None:
    plain = _plain(text)
    return next((c for c, words in COLOUR_SPELLINGS.items() if plain in words), None)


def expected_topic(text: str) -> int | None:
    plain = text.strip().removeprefix("nr.").strip()
    if re.fullmatch("[0-9]{1,3}", plain) and 1 <= int(plain) <= 13:
        return int(plain)
    return None


def expected_group(text: str) -> PatientGroup | None:
    plain = _plain(text).replace("ø", "o").replace("æ", "ae").replace("å", "a")
    return next((group for word, group in GROUP_WORDS if word in plain), None)


def colour_words() -> st.SearchStrategy[str]:
    """Traffic-light words as typed: any case, spaces around, or a near miss."""
    words = [w for spellings in COLOUR_SPELLINGS.values() for w in spellings]
    typed = st.builds(
        lambda word, upper, pad: (" " * pad) + (word.upper() if upper else word) + (" " * pad),
        st.sampled_from([*words, "grønnn", "gu l", "blå", "raudt!", "🟢"]),
        st.booleans(),
        st.integers(0, 2),
    )
    return typed | nasty_text()


def topic_texts() -> st.SearchStrategy[str]:
    numbers = st.integers(-2, 16).map(str)
    forms = st.sampled_from(["nr. 3", "nr.13", " 7 ", "03", "+3", "1_0", "٣", "3.0", "14"])
    return numbers | forms | nasty_text()


def group_texts() -> st.SearchStrategy[str]:
    forms = st.sampled_from(
        [g.value for g in PatientGroup]
        + ["Barn og unge", "skrøpelege eldre", "Personar med fleire kroniske lidingar", "rus"]
    )
    return forms | nasty_text()


def typed_dates_with_meaning(default_year: int) -> st.SearchStrategy[tuple[str, date | None]]:
    """A date as someone writes it, and the date it means (None: not a form Planlogg reads)."""
    return st.builds(
        lambda day, style: _written(day, style, default_year),
        st.dates(date(1990, 1, 1), date(2040, 12, 31)),
        st.integers(0, 14),
    )


def _written(day: date, style: int, default_year: int) -> tuple[str, date | None]:
    month = NORWEGIAN_MONTHS[day.month - 1]
    this_year = day.replace(year=default_year)
    two_digit = day.replace(year=2000 + day.year % 100)
    return (
        (f"{day.day:02d}.{day.month:02d}.{day.year}", day),
        (f"{day.day}.{day.month}.{day.year}", day),
        (f"{day.day:02d}.{day.month:02d}.{day.year % 100:02d}", two_digit),
        (day.isoformat(), day),
        (f"{day.day}/{day.month}/{day.year}", None),
        (f"{day.month}/{day.day}/{day.year}", None),
        (f"{day.day}. {month} {day.year}", day),
        (f"{day.day}. {month[:3]}. {day.year}", day),
        (f"innen {day.day}. {month}", this_year),
        (f"{month} {day.year}", None),
        (f"{day.day}.{day.month}", this_year),
        (str((day - date(1899, 12, 30)).days), None),
        (f"{day.year}{day.month:02d}{day.day:02d}", None),
        (f"{day.day} {month.upper()} {day.year}", day),
        (f"medio {month}", date(default_year, day.month, 15)),
    )[style]


def expected_date(text: str, default_year: int) -> date | None:
    """The date a text means, in the forms people write one (see `_written`); else None."""
    plain = " ".join(text.strip().lower().split())
    months = {m: n for n, m in enumerate(NORWEGIAN_MONTHS, start=1)}
    months.update({m[:3] + ".": n for m, n in list(months.items())})
    numeric = re.fullmatch(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4}|[0-9]{2})", plain)
    iso = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", plain)
    named = re.fullmatch(r"([0-9]{1,2})\.? ([a-zæøå]+\.?) ([0-9]{4})", plain)
    within = re.fullmatch(r"innen ([0-9]{1,2})\. ([a-zæøå]+)", plain)
    short = re.fullmatch(r"([0-9]{1,2})\.([0-9]{1,2})", plain)
    middle = re.fullmatch(r"medio ([a-zæøå]+)", plain)
    parts: tuple[int, int, int] | None = None
    if numeric:
        day, month, year = (int(n) for n in numeric.groups())
        parts = (year + 2000 if len(numeric.group(3)) == 2 else year, month, day)
    elif iso:
        parts = (int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    elif named and named.group(2) in months:
        parts = (int(named.group(3)), months[named.group(2)], int(named.group(1)))
    elif within and within.group(2) in months:
        parts = (default_year, months[within.group(2)], int(within.group(1)))
    elif short:
        parts = (default_year, int(short.group(2)), int(short.group(1)))
    elif middle and middle.group(1) in months:
        parts = (default_year, months[middle.group(1)], 15)
    if parts is None:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None
