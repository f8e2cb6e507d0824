"""How auditors read an audit row: each field and each value Planlogg wrote by its Norwegian
label, in the målform spoken now. The rows keep what was stored: field identifiers
("number"), codes ("yellow", "draft") and, for the few values the read models word
themselves (a round opened, a reminder's fate, an evaluation), their words in
`STORED_MÅLFORM` — restated here from that målform's catalogue into the one spoken now.

The audit pages, the history CSV and the command line's history all read rows through
this module, so one row reads the same everywhere.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from domain.audit_words import EVALUATION_WORDS, NO, STORED_MÅLFORM, YES
from domain.measure_sheet import HEADINGS
from domain.reminders import ReminderStatus, step_label
from domain.vocabulary import (
    BodyKind,
    Colour,
    EvaluationResult,
    PatientGroup,
    Recommendation,
    Stage,
)
from language import N_, _, in_every_målform, speaking
from language.catalogue import translations

FIELD_LABELS: dict[str, str] = {
    # a measure's fields (domain.measure_fields.FIELDS) and their audit rows
    "number": N_("nummer"),
    "goal": N_("mål"),
    "area": N_("område"),
    "text": N_("tekst"),
    "responsible": N_("ansvarlig"),
    "marks": N_("merke per år"),
    "timeframe_note": N_("tidsramme"),
    "see_also": N_("se også"),
    "references": N_("samme tiltak som (ref.)"),
    "smart": N_("SMART"),
    "smart_indicator": N_("SMART: indikator"),
    "smart_target": N_("SMART: målverdi"),
    "smart_deadline": N_("SMART: frist"),
    "evaluation": N_("evalueringsplan"),
    "evaluation_objective": N_("evalueringsplan: målsetting"),
    "evaluation_methods": N_("evalueringsplan: metoder"),
    "evaluation_start": N_("evalueringsplan: start"),
    "evaluation_end": N_("evalueringsplan: slutt"),
    "evaluation_data_sources": N_("evalueringsplan: datakilder"),
    "evaluation_reporting": N_("evalueringsplan: rapportering"),
    "evaluation_communication": N_("evalueringsplan: kommunikasjon"),
    "evaluations": N_("evalueringer"),
    "patient_groups": N_("pasientgrupper"),
    "topics": N_("tema i § 6-2"),
    "status": N_("status"),
    "status_comment": N_("statuskommentar"),
    "removed": N_("fjernet"),
    "conflict": N_("konflikt med regnearket"),
    # the plan, its areas, goals, rounds, hearing and approvals (projections.handlers)
    "title": N_("tittel"),
    "owner": N_("eier"),
    "period": N_("planperiode"),
    "area_title": N_("områdetittel"),
    "goal_text": N_("måltekst"),
    "goal_removed": N_("mål fjernet"),
    "reporting_round": N_("rapporteringsrunde"),
    "reminder_schedule": N_("plan for påminnelser"),
    "reminder": N_("påminnelse"),
    "stage": N_("stadium"),
    "hearing_deadline": N_("høringsfrist"),
    "hearing_asked": N_("høringsinstanser"),
    "version": N_("arbeidsversjon"),
    "required_bodies": N_("organer som skal godkjenne"),
    "approval": N_("godkjenning"),
    "adopted_version": N_("vedtatt versjon"),
    "published_version": N_("publisert versjon"),
    "decision": N_("vedtak"),
    "decision_text": N_("vedtakstekst"),
    "refused_rad": N_("avvist rad fra regnearket"),
    # health communities and their bodies
    "community": N_("helsefellesskap"),
    "body": N_("organ"),
    "body_aliases": N_("andre navn på organet"),
    "body_reporters": N_("rapportører for organet"),
    "body_reminded": N_("får påminnelser for organet"),
    "body_merged_into": N_("organet er slått sammen med"),
}
"""Every field an audit row can name (its stored identifier) → its label, a bokmål key."""

FIELD_PATTERNS: tuple[tuple[str, str], ...] = (
    ("hearing_withdrawn_", N_("høringsuttalelse %(part)s trukket tilbake")),
    ("hearing_response_", N_("høringsuttalelse %(part)s")),
    ("hearing_answer_", N_("svar på høringsuttalelse %(part)s")),
    ("evaluations_", N_("evaluering %(part)s")),
    ("conflict_", N_("konflikt med regnearket: %(part)s")),
    ("refused_", N_("avvist fra regnearket: %(part)s")),
)
"""Fields named with a part (a year, a response's ID, a sheet's column): prefix → label. A
label that holds another's words and more ("høringsuttalelse F2 trukket tilbake") comes
first, so `field_named` finds the field a person means by it."""

BODY_KIND_LABELS: dict[str, str] = {
    BodyKind.PARTNERSHIP: N_("partnerskapsmøte"),
    BodyKind.STRATEGIC: N_("strategisk samarbeidsutvalg"),
    BodyKind.PROFESSIONAL: N_("faglig samarbeidsutvalg"),
    BodyKind.LOCAL: N_("lokalt samarbeidsutvalg"),
    BodyKind.SECRETARIAT: N_("sekretariat"),
    BodyKind.MUNICIPALITY: N_("kommune"),
    BodyKind.HOSPITAL_TRUST: N_("helseforetak"),
}
"""A body's kind as people read it; the stored code ("partnerskapsmote") stays in the rows."""

SMART_PARTS = {
    "indicator": "smart_indicator",
    "target": "smart_target",
    "deadline": "smart_deadline",
}


def has_label(field: str) -> bool:
    """Whether auditors read `field` by a label (every field an audit row can name must)."""
    return field in FIELD_LABELS or any(field.startswith(p) for p, _label in FIELD_PATTERNS)


def field_label(field: str) -> str:
    """An audit row's field as auditors read it, in the målform spoken now: "number" → "nummer"."""
    if field in FIELD_LABELS:
        return _(FIELD_LABELS[field])
    for prefix, label in FIELD_PATTERNS:
        if field.startswith(prefix) and len(field) > len(prefix):
            return _(label, part=_column(field.removeprefix(prefix)))
    return field


def _column_named(typed: str) -> str:
    """The column a header typed in either målform names ("Se også" → "Sjå òg"), else as typed."""
    wanted = typed.casefold()
    for column, heading in HEADINGS.items():
        if wanted in {word.casefold() for word in in_every_målform(heading).values()}:
            return column
    return typed


def _column(part: str) -> str:
    """A sheet column named in a field ("conflict_Sjå òg") by its header in the målform now."""
    heading = HEADINGS.get(part)
    return _(heading) if heading else part


def field_named(typed: str) -> str:
    """The stored field a person means by a label they typed in either målform, else as typed."""
    wanted = typed.strip().casefold()
    for field, label in FIELD_LABELS.items():
        if wanted in {word.casefold() for word in in_every_målform(label).values()}:
            return field
    for prefix, label in FIELD_PATTERNS:
        for worded in in_every_målform(label).values():
            before, _part, after = worded.casefold().partition("%(part)s")
            if wanted.startswith(before) and wanted.endswith(after) and len(wanted) > len(before):
                part = typed.strip()[len(before) : len(typed.strip()) - len(after)]
                return prefix + _column_named(part)
    return typed.strip()


def value_label(field: str, text: str) -> str:
    """A stored audit value as auditors read it: codes ("draft", "yellow") by their labels."""
    if not text:
        return text
    if field == "stage":
        return _vocabulary(Stage, text)
    if field == "status":
        return _vocabulary(Colour, text)
    if field == "patient_groups":
        return ", ".join(_vocabulary(PatientGroup, part) for part in text.split(", "))
    if field == "body":
        return _BODY_KIND.sub(_body_kind, text)
    if field in ("smart", "evaluation"):
        return "; ".join(_part_named(field, part) for part in text.split("; "))
    if field in ("removed", "goal_removed"):
        return {YES: _("ja"), NO: _("nei")}.get(text, text)
    if field == "reporting_round":
        return _worded(_ROUND, text) or text
    if field == "approval":
        return _worded(_APPROVAL, text) or text
    if field == "conflict" and text == _stored(N_("løst")):
        return _("løst")
    if field == "reminder":
        return _reminder(text)
    if field == "reminder_schedule":
        return ", ".join(_step(part) for part in text.split(", "))
    if field.startswith("evaluations_"):
        return _evaluation(text)
    return text


def reason_label(text: str) -> str:
    """A stored reason as auditors read it: the sync's "Avvist frå rad 4: …" restated."""
    found = _REFUSED.match(text or "")
    if found is None:
        return text
    if found["row"]:
        return _("Avvist fra rad %(row)s: %(reason)s", row=found["row"], reason=found["reason"])
    return _("Avvist: %(reason)s", reason=found["reason"])


_REFUSED = re.compile(r"^Avvist(?: frå rad (?P<row>\d+))?: (?P<reason>.*)$", re.S)
"""How `projections.handlers` words a refusal from the sheet in the reason column."""

_REMINDER = re.compile(
    r"^(?P<where>\S+ .+), (?P<step>[^:,]+): (?P<status>.+?)(?P<to> til .+)?$", re.S
)
"""`projections.handlers`: "R1 Fagråd, 3 dagar før fristen: send til a@b.no"."""


def _stored(key: str) -> str:
    """A message as the read models stored it."""
    return translations(STORED_MÅLFORM).gettext(key)


@cache
def _stored_labels(kind: Any) -> dict[str, Any]:
    """A vocabulary's members by their label as stored (for restating in the målform now)."""
    with speaking(STORED_MÅLFORM):
        return {member.label: member for member in kind}


@cache
def _stored_steps() -> dict[str, int]:
    """Reminder steps by how the stored rows word them ("3 dagar før fristen" → 3)."""
    with speaking(STORED_MÅLFORM):
        return {step_label(step): step for step in range(-366, 367)}


def _label_now(kind: Any, text: str) -> str:
    member = _stored_labels(kind).get(text)
    return str(member.label) if member is not None else text


def _step(text: str) -> str:
    step = _stored_steps().get(text)
    return step_label(step) if step is not None else text


def _reminder(text: str) -> str:
    found = _REMINDER.match(text)
    if found is None or found["step"] not in _stored_steps():
        return text
    status = _label_now(ReminderStatus, found["status"])
    return f"{found['where']}, {_step(found['step'])}: {status}{found['to'] or ''}"


@cache
def _evaluation_pattern() -> re.Pattern[str]:
    stored = re.escape(_stored(EVALUATION_WORDS))
    return re.compile(re.sub(r"%\\\(([a-z_]+)\\\)s", r"(?P<\1>.*?)", stored) + "$", re.S)


def _evaluation(text: str) -> str:
    found = _evaluation_pattern().match(text)
    if found is None:
        return text
    return _(
        EVALUATION_WORDS,
        result=_label_now(EvaluationResult, found["result"]),
        led_to=found["led_to"],
        recommendation=_label_now(Recommendation, found["recommendation"]),
        body=found["body"],
    )


_ROUND = (
    (re.compile(r"^(?P<round>\S+) open, frist (?P<deadline>\S+): (?P<bodies>.*)$", re.S),
     N_("%(round)s åpen, frist %(deadline)s: %(bodies)s")),
    (re.compile(r"^(?P<round>\S+) open$"), N_("%(round)s åpen")),
    (re.compile(r"^(?P<round>\S+) lukka$"), N_("%(round)s lukket")),
)  # fmt: skip
_APPROVAL = (
    (re.compile(r"^(?P<body>.+) godkjende versjon (?P<version>\d+) \((?P<decision>.*)\)$", re.S),
     N_("%(body)s godkjente versjon %(version)s (%(decision)s)")),
)  # fmt: skip
"""How the read models word a round and an approval (`projections.handlers`), as shown."""


def _worded(wordings: tuple[tuple[re.Pattern[str], str], ...], text: str) -> str:
    for pattern, wording in wordings:
        found = pattern.match(text)
        if found:
            return _(wording, **found.groupdict())
    return ""


_BODY_KIND = re.compile(r"\((\w+)\)$")


def _body_kind(found: re.Match[str]) -> str:
    label = BODY_KIND_LABELS.get(found[1])
    return f"({_(label)})" if label else found[0]


def _vocabulary(kind: Any, code: str) -> str:
    try:
        return str(kind(code).label)
    except ValueError:
        return code


def _part_named(field: str, part: str) -> str:
    """ "indicator: Andel …" → "SMART: indikator: Andel …" (a composite value's own keys)."""
    key, colon, rest = part.partition(": ")
    name = SMART_PARTS.get(key) if field == "smart" else f"evaluation_{key}"
    if not colon or name not in FIELD_LABELS:
        return part
    return f"{_(FIELD_LABELS[name])}: {rest}"
