"""Area, goal and measure numbers as users write them, and the links between measures.

A measure number has three parts and an optional letter ("2.1.2A", typed
"2.1.3 A" too). Its goal and area follow from the number itself, not from
where the row sits in a table: a measure repeated under another goal
("2.1.3A Ref. 1.2.1") belongs to goal 2.1 because its number says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.errors import ValidationError
from domain.richtext import html_to_text
from domain.text import excerpt
from language import _


class NumberingError(ValidationError):
    """A cell that should hold an area, goal or measure number does not."""


@dataclass(frozen=True)
class MeasureNumber:
    """A parsed measure number; `references` are the measures a "Ref." in the cell points to."""

    number: str
    goal: str
    area: str
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Links:
    """Links found in free text: "Ses i helhet med …" and "Ref./jf./Som …"."""

    see_also: tuple[str, ...] = ()
    references: tuple[str, ...] = ()


SPACED_LETTER = r"\s(?!I\s+[a-zæøå])[A-Z]"
"""A measure's letter after a space ("1.1.3 A" is 1.1.3A): upper case only, so "1.2.1 og"
is not 1.2.1O, and not the one upper-case letter that is a Norwegian word: in "jf. 1.1.1 I
samarbeid med …" the "I" starts the sentence, and 1.1.1I would be no measure."""

# A measure number anywhere in text; the letter after a space stands alone.
_NUMBER = (
    r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{1,3}(?!\d)(?!\.\d)"
    rf"(?:[A-Za-z]|{SPACED_LETTER})?(?![A-Za-zÆØÅæøå\d])"
)
_NUMBER_RE = re.compile(_NUMBER)
_SERIES = rf"{_NUMBER}(?:\s*(?:/|,|&|\bog\b|\bor\b)\s*{_NUMBER})*"
_SEE_ALSO_RE = re.compile(
    rf"\b(?:ses|sees|sjå|sjåast|se)\s+(?:i\s+)?(?:helhet|heilskap|sammenheng|samanheng)\s+med\s+"
    rf"(?:pkt\.?\s*|punkt\s+|tiltak\s+)?(?P<series>{_SERIES})",
    re.IGNORECASE,
)
_REFERENCE_RE = re.compile(
    rf"\b(?:ref|jf|jfr|jmf|sjå|som)\b\.?\s*(?:pkt\.?\s*|punkt\s+|tiltak\s+)?(?P<series>{_SERIES})",
    re.IGNORECASE,
)
_MEASURE_CELL_RE = re.compile(
    r"^(?P<area>\d{1,2})\.(?P<goal>\d{1,2})\.(?P<measure>\d{1,3})"
    r"\s?(?P<letter>[A-Za-z])?\.?(?:\s+|$)(?P<rest>.*)$"
)
_GOAL_RE = re.compile(r"^(?P<area>\d{1,2})\.(?P<goal>\d{1,2})\.?$")
_AREA_HEADING_RE = re.compile(r"^(?P<number>\d{1,2})\.?\s+(?P<title>[^\d\s].*)$")
_LINK_WORDS_RE = re.compile(r"^\(?(?:ref|jf|jfr|jmf|som|sjå)\b\.?", re.IGNORECASE)


def parse_measure_number(cell: str) -> MeasureNumber:
    """Read a measure number cell such as "2.1.2A", "2.1.3 B Ref. 1.4.1" or "<p>1.2.1</p>"."""
    text = _plain(cell)
    if not text:
        raise NumberingError(_("Tiltaksnummeret mangler (forventet f.eks. 2.1.3 eller 2.1.2A)"))
    match = _MEASURE_CELL_RE.match(text)
    if not match:
        raise _not_a_measure_number(text)
    area, goal = str(int(match["area"])), str(int(match["goal"]))
    number = f"{area}.{goal}.{int(match['measure'])}{(match['letter'] or '').upper()}"
    rest = match["rest"].strip()
    references: tuple[str, ...] = ()
    if rest:
        references = find_links(rest).references
        if not references or not _LINK_WORDS_RE.match(rest):
            raise _not_a_measure_number(text)
    return MeasureNumber(number, f"{area}.{goal}", area, references)


def is_measure_number(text: str) -> bool:
    """True when `text` is a measure number cell that `parse_measure_number` accepts."""
    try:
        parse_measure_number(text)
    except NumberingError:
        return False
    return True


def parse_goal_number(cell: str) -> str:
    """Read a goal number such as "2.1" or "2.1." and return it normalised ("2.1")."""
    text = _plain(cell)
    match = _GOAL_RE.match(text)
    if not match:
        raise NumberingError(
            _('"%(text)s" er ikke et gyldig målnummer (forventet f.eks. 2.1)', text=excerpt(text))
        )
    return f"{int(match['area'])}.{int(match['goal'])}"


def parse_area_heading(line: str) -> tuple[str, str]:
    """Split an area heading such as "2. Utskrivningsklare pasienter" into number and title."""
    text = " ".join(_plain(line).split())
    match = _AREA_HEADING_RE.match(text)
    if not match:
        raise NumberingError(
            _(
                '"%(text)s" er ikke en overskrift til et innsatsområde '
                '(forventet f.eks. "2. Utskrivningsklare pasienter")',
                text=excerpt(text),
            )
        )
    return str(int(match["number"])), match["title"].strip()


def find_links(text: str) -> Links:
    """Find the measures a text points to, in order of appearance, without duplicates.

    "Ses i helhet med 1.2.1 og 2.1.1" gives see-also links; "Ref. 1.6.1",
    "jf. pkt. 0.6.1" and "Som 1.2.1" give references.
    """
    plain = _plain(text)
    see_also = _numbers_after(_SEE_ALSO_RE, plain)
    references = _numbers_after(_REFERENCE_RE, plain)
    return Links(see_also, tuple(n for n in references if n not in see_also))


def remove_see_also(text: str) -> str:
    """Drop "Ses i helhet med …" phrases from a text, keeping the rest of its wording.

    Responsible cells carry these phrases; the links are kept as links and the
    wording left is the responsible body.
    """
    return _SEE_ALSO_RE.sub("", text)


def number_sort_key(number: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order: 0.x before 1.x, 2.1.2 < 2.1.2A < 2.1.2B < 2.1.10."""
    parts = re.findall(r"\d+|[A-Za-z]+", number)
    return tuple((0, int(p)) if p.isdigit() else (1, p.upper()) for p in parts)


def _not_a_measure_number(text: str) -> NumberingError:
    return NumberingError(
        _(
            '"%(text)s" er ikke et gyldig tiltaksnummer (forventet f.eks. 2.1.3 eller 2.1.2A)',
            text=excerpt(text),
        )
    )


def _numbers_after(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    found: list[str] = []
    for match in pattern.finditer(text):
        for raw in _NUMBER_RE.findall(match["series"]):
            number = _normalise(raw)
            if number not in found:
                found.append(number)
    return tuple(found)


def _normalise(raw: str) -> str:
    match = _MEASURE_CELL_RE.match(raw.strip())
    if not match:  # pragma: no cover - _NUMBER_RE only finds what this pattern accepts
        return raw.strip()
    letter = (match["letter"] or "").upper()
    return f"{int(match['area'])}.{int(match['goal'])}.{int(match['measure'])}{letter}"


def _plain(cell: str) -> str:
    """Cells may hold HTML (`<p>2.1.3 A</p>`) or emphasis; numbers are read from the bare text."""
    return " ".join(html_to_text(cell).replace("*", "").split())
