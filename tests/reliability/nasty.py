"""Hypothesis strategies for what users (and attackers) type into cells and fields.

Control characters, 50,000-character cells, spreadsheet formulas, markup,
emoji with joiners, right-to-left text and direction overrides, and dates in
every format people write them: the fuzzed-input tests feed these into every
sheet column, every API field and every domain command.
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

LONG_CELL = 50_000

FORMULAS = (
    "=1+1",
    "=SUM(A1:A9)",
    '=HYPERLINK("http://127.0.0.1/x","klikk")',
    '=IMPORTXML("http://127.0.0.1/","//a")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "'=1+1",
    '=IMAGE("http://127.0.0.1/x.png")',
)
MARKUP = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% raw %}",
    "${7*7}",
    "'; DROP TABLE stored_events; --",
    "<b>fet</b> og <i>kursiv</i>",
    "javascript:alert(1)",
    "%s%s%s%n",
)
SCRIPTS = (
    "مرحبا بالعالم",
    "שלום עולם",
    "\u202eтекст\u202c",
    "\u200f1.2.1\u200e",
    "abc\u200bdef",
    "👩‍⚕️🏥 grønn 🟢",
    "🇳🇴",
    "Z̴̡̛a̷l̸g̶o̵",
    "ﬁnn ﬂyt",
    "Ærlig Øl Åpent",
    "\ufeffBOM",
)
CONTROLS = ("\x00", "\x07", "\x1b[31mraud\x1b[0m", "\r\n", "\u2028", "line1\nline2", "\x7f", "\t")

NORWEGIAN_MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)


def _date_written(day: date, style: int) -> str:
    """One of the ways a date is typed into a cell."""
    month = NORWEGIAN_MONTHS[day.month - 1]
    return (
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year % 100:02d}",
        day.isoformat(),
        f"{day.day}/{day.month}/{day.year}",
        f"{day.month}/{day.day}/{day.year}",
        f"{day.day}. {month} {day.year}",
        f"{day.day}. {month[:3]}. {day.year}",
        f"innen {day.day}. {month}",
        f"{month} {day.year}",
        f"{day.day}.{day.month}",
        str((day - date(1899, 12, 30)).days),
        f"{day.year}{day.month:02d}{day.day:02d}",
        f"{day.day} {month.upper()} {day.year}",
        f"medio {month}",
    )[style]


def typed_dates() -> st.SearchStrategy[str]:
    return st.builds(
        _date_written, st.dates(date(1990, 1, 1), date(2040, 12, 31)), st.integers(0, 14)
    )


def long_cells() -> st.SearchStrategy[str]:
    pieces = st.sampled_from(["a", "æøå ", "👩‍⚕️", "\u202e", "x\n", "=", "<"])
    return st.builds(
        lambda piece, size: (piece * LONG_CELL)[:size],
        pieces,
        st.sampled_from([LONG_CELL, LONG_CELL - 1, 10_000]),
    )


def nasty_text() -> st.SearchStrategy[str]:
    """Any text a user might put in a cell or a field, weighted towards the troublesome."""
    samples = st.sampled_from(FORMULAS + MARKUP + SCRIPTS + CONTROLS)
    return st.one_of(
        st.text(max_size=40),
        samples,
        st.lists(samples, min_size=2, max_size=4).map(" ".join),
        typed_dates(),
        long_cells(),
        st.text(
            st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Mn"]), max_size=8
        ),
    )
