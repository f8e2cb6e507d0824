"""The timeframe of a measure: one mark per year column, and free-text notes.

Year cells are written by hand ("X høst", "x vår/ høst", "X lgangsatt") and
the wording is what the committee adopted, so it is kept verbatim in `raw`.
The parsed structure lets us compare, filter and render marks consistently;
anything we cannot read is refused rather than guessed, because a wrong
timeframe in an adopted plan is worse than a question to the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.dates import find_norwegian_date
from domain.errors import ValidationError
from domain.richtext import html_to_text
from domain.text import excerpt
from language import N_, _

TERMS = ("vår", "høst")
PHASES = ("oppstart", "igangsatt")

_TERM_WORDS = {
    "vår": "vår", "våren": "vår", "vårhalvår": "vår", "vårhalvåret": "vår",
    "høst": "høst", "høsten": "høst", "haust": "høst", "hausten": "høst",
    "høsthalvår": "høst", "høsthalvåret": "høst", "hausthalvåret": "høst",
}  # fmt: skip
_PHASE_WORDS = {
    "oppstart": "oppstart", "start": "oppstart", "starter": "oppstart",
    "igangsatt": "igangsatt", "igangsett": "igangsatt", "lgangsatt": "igangsatt",
    "igangsette": "igangsatt", "igang": "igangsatt", "pågår": "igangsatt",
}  # fmt: skip
_PLANNED_WORDS = {"x", "×"}
_POSTPONED = {"-", "–", "—", "−"}
_SEPARATORS = {"/", ",", "og", "+", "&"}
_MARKUP = re.compile(r"<[^<>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")
"""Tags and entities: what they wrap may be a mark ("<b>x</b>"), but markup alone
(`<b></b>`, `<script>`, `&nbsp;`) says nothing and is refused, never kept as an empty year."""


class TimeframeError(ValidationError):
    """A year cell that does not say planned, postponed or a term/phase we know."""


@dataclass(frozen=True)
class YearMark:
    """One year column of a measure's timeframe.

    `raw` keeps the adopted wording; the other fields are what it means.
    An empty cell is neither planned nor postponed.
    """

    raw: str
    planned: bool = False
    postponed: bool = False
    terms: tuple[str, ...] = ()
    phase: str | None = None

    def canonical(self) -> str:
        """The mark written the one way we write it ourselves: "x oppstart høst", "-", ""."""
        if self.postponed:
            return "-"
        if not self.planned:
            return ""
        words = ["x"]
        if self.phase:
            words.append(self.phase)
        if self.terms:
            words.append("/".join(self.terms))
        return " ".join(words)


@dataclass(frozen=True)
class TimeframeNote:
    """A free-text timeframe ("Tidsramme: Vår 2021", "innen medio mai") and what it says."""

    raw: str
    terms: tuple[str, ...] = ()
    year: int | None = None
    deadline: date | None = None


def parse_year_mark(raw: str) -> YearMark:
    """Read one year cell: "", "x", "X høst", "x oppstart høst", "x vår/ høst", "X lgangsatt", "-".

    Refused rather than guessed: the mark is part of what a committee adopted.
    """
    text = " ".join(html_to_text(raw).replace("*", "").split())
    if not text and _MARKUP.search(raw):
        raise _not_understood(raw.strip())
    if not text:
        return YearMark(raw=raw)
    if text in _POSTPONED:
        return YearMark(raw=raw, postponed=True)
    lowered = re.sub(r"\bi gang\b", "igang", text.lower())
    words = re.sub(r"([/,+&])", r" \1 ", lowered).split()
    planned_word = bool(words) and words[0] in _PLANNED_WORDS
    terms: list[str] = []
    phases: list[str] = []
    for word in words[1:] if planned_word else words:
        if word in _SEPARATORS:
            continue
        if word in _TERM_WORDS and _TERM_WORDS[word] not in terms:
            terms.append(_TERM_WORDS[word])
        elif word in _PHASE_WORDS and not phases:
            phases.append(_PHASE_WORDS[word])
        else:
            raise _not_understood(text)
    if not (planned_word or terms or phases):
        raise _not_understood(text)
    ordered_terms = tuple(term for term in TERMS if term in terms)
    return YearMark(raw=raw, planned=True, terms=ordered_terms, phase=phases[0] if phases else None)


def parse_timeframe_note(text: str, default_year: int | None = None) -> TimeframeNote:
    """Read what we can from a free-text timeframe; a note is never refused.

    The deadline is the first date in the text ("innen 1. april", "innen medio
    mai", "innen 15.04"), using `default_year` when the text gives none; the
    year is the deadline's year, else the first year written ("Vår 2021").
    """
    plain = " ".join(html_to_text(text).split())
    lowered = plain.lower()
    terms = tuple(
        term
        for term in TERMS
        if any(
            re.search(rf"\b{word}\b", lowered)
            for word, meant in _TERM_WORDS.items()
            if meant == term
        )
    )
    deadline = find_norwegian_date(plain, default_year)
    year_match = re.search(r"(?<![\d.])(?:19|20)\d{2}(?![\d])", plain)
    year = deadline.year if deadline else int(year_match.group(0)) if year_match else None
    return TimeframeNote(raw=text, terms=terms, year=year, deadline=deadline)


_YEAR_OR_RANGE_RE = re.compile(
    r"(?<![\d.])(?P<first>(?:19|20)\d{2})(?:\s*[-–—]\s*(?P<last>(?:19|20)\d{2}))?(?!\d)"
)
_TERM_PATTERN = "|".join(sorted(_TERM_WORDS, key=len, reverse=True))
_SEASON_YEAR_RE = re.compile(
    rf"\b(?P<term>{_TERM_PATTERN})\s+(?P<year>(?:19|20)\d{{2}})(?!\d)", re.IGNORECASE
)

_SEASON_PREFIX_RE = re.compile(
    r"\b(?:ila\.?|i løpet av|innen|innan|i|fra|frå|til|fram til)\s+$", re.IGNORECASE
)


def marks_from_timeframe(text: str) -> dict[int, str]:
    """The year marks a written timeframe states, in our canonical wording.

    "2021" → {2021: "x"}; "Vår 2021" → {2021: "x vår"}; "2021–2022" → x in both;
    "Haust 2021 og vår 2022" → {2021: "x høst", 2022: "x vår"}. The terms written
    before a year belong to that year. A timeframe without a year ("innen 1.
    april") states no year mark: its date is a deadline, not a column.
    """
    plain = " ".join(html_to_text(text).replace("*", "").split())
    terms_by_year: dict[int, list[str]] = {}
    previous_end = 0
    for match in _YEAR_OR_RANGE_RE.finditer(plain):
        terms = _terms_in(plain[previous_end : match.start()])
        previous_end = match.end()
        first = int(match["first"])
        last = int(match["last"]) if match["last"] else first
        for year in range(first, max(first, last) + 1):
            known = terms_by_year.setdefault(year, [])
            known.extend(term for term in terms if term not in known)
    return {year: _mark(terms) for year, terms in terms_by_year.items()}


def said_by_marks(text: str) -> bool:
    """True when a written timeframe says nothing its year marks do not ("Vår 2021", "2021–2022").

    Such wording need not be kept as a timeframe note beside the marks;
    "innen medio mai" or "oppstart 2022, evaluering 2023" must be.
    """
    plain = " ".join(html_to_text(text).replace("*", "").split()).lower()
    if not _YEAR_OR_RANGE_RE.search(plain):
        return False
    rest = _YEAR_OR_RANGE_RE.sub(" ", plain)
    words = re.findall(r"[^\s,/&+.;:–—-]+", rest)
    return all(word in _TERM_WORDS or word in _SEPARATORS for word in words)


def season_marks(text: str) -> dict[int, str]:
    """Year marks from the seasons in running text: "ila våren 2022" → {2022: "x vår"}.

    In running text a year alone is not a timeframe ("strategiplan for perioden
    2022-2026"), so only a season followed by its year counts.
    """
    terms_by_year: dict[int, list[str]] = {}
    for match in _SEASON_YEAR_RE.finditer(text):
        term = _TERM_WORDS[match["term"].lower()]
        known = terms_by_year.setdefault(int(match["year"]), [])
        if term not in known:
            known.append(term)
    return {year: _mark(terms) for year, terms in terms_by_year.items()}


def find_season_phrases(text: str) -> tuple[str, ...]:
    """The wording of each season with its year and the word before it ("ila våren 2022")."""
    phrases = []
    for match in _SEASON_YEAR_RE.finditer(text):
        before = _SEASON_PREFIX_RE.search(text[: match.start()])
        phrases.append(text[before.start() if before else match.start() : match.end()])
    return tuple(phrases)


def _terms_in(text: str) -> list[str]:
    words = re.findall(r"[a-zæøå]+", text.lower())
    return [_TERM_WORDS[word] for word in words if word in _TERM_WORDS]


def _mark(terms: list[str]) -> str:
    ordered = tuple(term for term in TERMS if term in terms)
    return YearMark(raw="", planned=True, terms=ordered).canonical()


MARK_EXAMPLES = N_("x, X høst, x oppstart vår, x vår/ høst, x igangsatt eller - (utsatt).")
"""The marks a year's field or column gives as examples, and a refused mark's message
repeats: the same, so that what the error asks for is what the field already showed."""


def _not_understood(text: str) -> TimeframeError:
    """A mark read nowhere: said without naming where it was typed (a sheet's year column, a
    form's year field, the command line), as the message stands beside it in each."""
    return TimeframeError(
        _(
            'Forstår ikke årsmerket "%(text)s". Skriv f.eks. %(examples)s',
            text=excerpt(text),
            examples=_(MARK_EXAMPLES),
        )
    )
