"""Decisions (vedtak) made in committee meetings.

A decision is identified by its community, its body and its case number ("SSU sak
11/24"), the body compared as names are (`name_key`), so the same case recorded twice is
caught rather than duplicated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.body_register import name_key
from domain.errors import ValidationError
from domain.provenance import Provenance
from domain.text import checked_body, excerpt, says_nothing
from language import N_, _

_BODY = r"[^\W\d_](?:[^\W_]|[.()\- ])*?"
"""A body's name in a case number: a letter (any alphabet's: «Sámi klinihkka»), then
letters, digits, points, hyphens, brackets and spaces («LSU 2», «Fagråd (psykisk helse)»)."""
_SAK = r"sak\s*(?:nr\.?\s*)?"
"""The words before a case's number: «sak», «sak nr.», «sak nr», «sak nr.27/22»."""
_CASE = re.compile(
    rf"^(?:(?!{_SAK}\d)(?P<body>{_BODY})(?:\s+|\s*-\s*(?=sak)))?(?:{_SAK})?"
    rf"(?P<no>\d{{1,4}})\s*/\s*(?P<yy>\d{{2}}|\d{{4}})(?:\s+(?P<after>{_BODY}))?$",
    re.I,
)
"""A case number as meeting papers write it: "sak 11/24", "ASU sak 27/22", "ASU-sak 27/22",
"sak nr. 27/22", or with the body after it, "sak 27/22 ASU". The words before the number
(`_SAK`) are no body's name, though `_BODY` would read them as one."""

_WRITTEN = re.compile(r"sak (?P<no>\d{2,4})/(?P<yy>\d{2})$")
"""The number and year that end a case as `CaseNumber` writes it ("LSU 2 sak 04/25")."""


@dataclass(frozen=True)
class CaseNumber:
    """A case number as written in meeting papers: "sak 11/24", "ASU sak 27/22"."""

    number: int
    year: int
    body: str = ""

    def __str__(self) -> str:
        prefix = f"{self.body} " if self.body else ""
        return f"{prefix}sak {self.number:02d}/{self.year % 100:02d}"


def parse_case(text: str, body: str = "") -> CaseNumber:
    match = _CASE.match(text.strip())
    if not match:
        raise _not_a_case(text)
    before, after = (match["body"] or "").strip(), (match["after"] or "").strip()
    if before and after:
        raise _not_a_case(text)
    year = int(match["yy"])
    year = year + 2000 if year < 100 else year
    return CaseNumber(number=int(match["no"]), year=year, body=before or after or body.strip())


def _not_a_case(text: str) -> ValidationError:
    """Empty, the case number is asked for: quoting "" would only puzzle."""
    if says_nothing(text):
        return ValidationError(_('Skriv saksnummeret, f.eks. "sak 12/25".'))
    return ValidationError(
        _(
            '"%(text)s" er ikke et saksnummer. Skriv f.eks. "sak 11/24" eller "ASU sak 27/22".',
            text=excerpt(text),
        )
    )


@lru_cache(maxsize=1024)
def cited(decision: str, body: str = "") -> str:
    """A cited decision written the one way a registered one is ("asu sak 7/2025" → "asu sak
    07/25"; "sak 7/25" for `body` ASU → "ASU sak 07/25"), so what compares decisions (the
    history's decision filter, a decision's list of changes, the sheet's Vedtak tab) finds
    every citation of one decision however it was written.

    Text that names no case with a body is kept as it is. Many events cite the same few
    decisions: each is worded once."""
    try:
        case = parse_case(decision, body)
    except ValidationError:
        return decision
    return str(case) if case.body else decision


def case_reference(text: str) -> str:
    """A cited decision written the one way it is recorded: "ssu sak 11/2024" → "ssu sak 11/24".

    The body is part of the reference ("SSU sak 11/24"): a case number alone
    names a case in no particular body's papers.
    """
    case = parse_case(text)
    if not case.body:
        raise ValidationError(
            _(
                'Skriv organet med saksnummeret, f.eks. "SSU %(case)s", ikke bare "%(text)s".',
                case=case,
                text=excerpt(text),
            )
        )
    return str(case)


def decision_id(community: str, case: CaseNumber) -> UUID:
    """A decision's identity: its community, its body as names compare (`name_key`: «PSU» and
    «psu» are one body's, as are names typed with composed and decomposed letters), and its
    number and year."""
    return _identity(community, name_key(case.body), case)


def decision_ids(community: str, case: CaseNumber, spellings: Iterable[str] = ()) -> list[UUID]:
    """`decision_id`, then the identities the decision may have been recorded under by
    another of its body's names (`case.body` or any of `spellings`, a registered body's
    names): compared by `name_key`, as a decision recorded before its body was registered
    (by the name typed then, not the short name the register now writes), or as spelled,
    as one recorded before bodies compared by `name_key`. A decision recorded either way
    is found, and not recorded again, by these."""
    names = dict.fromkeys((case.body, *spellings))
    other = [_identity(community, key, case) for s in names for key in (name_key(s), s)]
    return list(dict.fromkeys([decision_id(community, case), *other]))


def _identity(community: str, body: str, case: CaseNumber) -> UUID:
    return uuid5(NAMESPACE_URL, f"/planlogg/decisions/{community}/{body}/{case.number}/{case.year}")


def written_case(case: str, body: str) -> CaseNumber:
    """A case as `Decision.record` writes it ("LSU 2 sak 04/25"), with its body as given: the
    number and year are read from the end, and the body not parsed back out of the text,
    whatever its name holds."""
    match = _WRITTEN.search(case)
    if match is None:
        raise _not_a_case(case)
    return CaseNumber(number=int(match["no"]), year=2000 + int(match["yy"]), body=body)


class Decision(Aggregate):
    """A decision (vedtak): case number and year, body, meeting date and text."""

    @staticmethod
    def create_id(community: str, case: str, body: str) -> UUID:
        return decision_id(community, written_case(case, body))

    @event("DecisionRecorded")
    def __init__(
        self,
        community: str,
        case: str,
        body: str,
        meeting_date: date,
        text: str,
        plan: str,
        by: Provenance,
    ) -> None:
        self.community = community
        self.case = case
        self.body = body
        self.meeting_date = meeting_date
        self.text = text
        self.plan = plan

    @classmethod
    def record(
        cls,
        community: str,
        case: str,
        body: str,
        meeting_date: date,
        text: str,
        by: Provenance,
        plan: str = "",
    ) -> Decision:
        if not body.strip():
            raise ValidationError(_("Vedtaket må ha et organ (f.eks. SSU)."))
        body = checked_body(body, N_("Organet"))
        if not text.strip():
            raise ValidationError(_("Vedtaksteksten må fylles ut."))
        parsed = parse_case(case, body)
        return cls(
            community=community,
            case=str(parsed),
            body=parsed.body,
            meeting_date=meeting_date,
            text=text.strip(),
            plan=plan,
            by=by,
        )

    def correct_text(self, text: str, by: Provenance) -> None:
        if not text.strip():
            raise ValidationError(_("Vedtaksteksten må fylles ut."))
        self._correct_text(text=text.strip(), by=by)

    @event("DecisionCorrected")
    def _correct_text(self, text: str, by: Provenance) -> None:
        self.text = text
