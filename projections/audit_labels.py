"""How auditors read an audit row: each field and each value Planlogg wrote by its Norwegian
label, in the målform spoken now. The rows keep what was stored: field identifiers
("number"), codes ("yellow", "draft") and, for the few values the read models word
themselves (a round opened, a reminder's fate, an evaluation), their words in
`STORED_MÅLFORM` — restated here from that målform's catalogue into the one spoken now.
Days Planlogg wrote in a value (ISO, as stored) read as 11.09.2024, and the keys it wrote
of bodies and health communities by their names (`Names`): formatted when shown, so every
row already stored reads so too, and a renamed body reads by its name now. A reason
Planlogg wrote itself (`domain.own_reasons`: the sheet sync's, an import's, a refusal's)
was stored in the målform spoken then, and is restated in the one spoken now
(`reason_label`); a person's reason is shown as typed.

The audit pages, the history CSV and the command line's history all read rows through
this module, so one row reads the same everywhere.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from typing import Any

from domain.audit_words import EVALUATION_WORDS, NO, STORED_MÅLFORM, YES
from domain.body_register import BodyRegister
from domain.dates import format_norwegian_date
from domain.measure_sheet import DEADLINE, EVALUATION_LABELS, HEADINGS, INDICATOR, TARGET
from domain.own_reasons import OWN_REASONS, OwnReason
from domain.reminders import ReminderStatus, step_label
from domain.text import SHORT_TEXT
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
    "area": N_("innsatsområde"),
    "text": N_("tekst"),
    "responsible": N_("ansvar"),
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
    "status_reported_on": N_("statusdato"),
    "removed": N_("fjernet"),
    "conflict": N_("konflikt med regnearket"),
    # the plan, its areas, goals, rounds, hearing and approvals (projections.handlers)
    "title": N_("tittel"),
    "owner": N_("eier"),
    "period": N_("planperiode"),
    "area_title": N_("tittel på innsatsområdet"),
    "goal_text": N_("måltekst"),
    "goal_removed": N_("mål fjernet"),
    "reporting_round": N_("rapporteringsrunde"),
    "reminder_schedule": N_("plan for påminnelser"),
    "reminder": N_("påminnelse"),
    "stage": N_("stadium"),
    "hearing_sent_on": N_("sendt på høring"),
    "hearing_deadline": N_("høringsfrist"),
    "hearing_asked": N_("høringsinstanser"),
    "version": N_("arbeidsversjon"),
    "required_bodies": N_("organer som skal godkjenne"),
    "approval": N_("godkjenning"),
    "approval_withdrawn": N_("godkjenning trukket tilbake"),
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

FORMER_LABELS: dict[str, str] = {
    N_("ansvarlig"): "responsible",
    N_("område"): "area",
    N_("områdetittel"): "area_title",
}
"""Labels a field was read by before (a bokmål key → the field): a filter typed, linked or
bookmarked with the old word still finds the field."""

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

PART_LABELS: dict[str, dict[str, str]] = {
    "smart": {"indicator": HEADINGS[INDICATOR], "target": HEADINGS[TARGET],
              "deadline": HEADINGS[DEADLINE]},
    "evaluation": EVALUATION_LABELS,
}  # fmt: skip
"""The parts of a composite value ("deadline: …; indicator: …", as `as_text` writes a SMART
measure or an evaluation plan) by the labels of the form they are typed in, in its order."""


@dataclasses.dataclass(frozen=True)
class Names:
    """What the keys Planlogg wrote in a row's values stand for: the bodies of the row's
    health community (its register) and every health community's name, by key; for the rows
    of the communities' own registers (plan ""), which name their community first, each
    community's register by its key (`registers`). A key that names nothing here is shown
    as it is."""

    bodies: BodyRegister = dataclasses.field(default_factory=BodyRegister)
    communities: Mapping[str, str] = dataclasses.field(default_factory=dict)
    registers: Mapping[str, BodyRegister] = dataclasses.field(default_factory=dict)

    def body(self, key: str) -> str:
        found = self.bodies.bodies.get(key)
        return found.name if found else key

    def body_of(self, community: str, key: str) -> str:
        """A body of `community` (a key) by its name in that community's register."""
        found = self.registers.get(community, BodyRegister()).bodies.get(key)
        return found.name if found else key


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
    """The column a header typed in either målform names ("Se også" → "Sjå òg"), or in the
    words an earlier Planlogg headed it with ("område" → "Område"), else as typed."""
    wanted = typed.casefold()
    for column, heading in HEADINGS.items():
        spelled = {column, *in_every_målform(heading).values()}
        if wanted in {word.casefold() for word in spelled}:
            return column
    return typed


def _column(part: str) -> str:
    """A sheet column named in a field ("conflict_Sjå òg") by its header in the målform now."""
    heading = HEADINGS.get(part)
    return _(heading) if heading else part


def field_named(typed: str) -> str:
    """The stored field a person means by a label they typed in either målform, else as typed."""
    wanted = typed.strip().casefold()
    for label, field in (*((label, field) for field, label in FIELD_LABELS.items()),
                         *FORMER_LABELS.items()):  # fmt: skip
        if wanted in {word.casefold() for word in in_every_målform(label).values()}:
            return field
    for prefix, label in FIELD_PATTERNS:
        for worded in in_every_målform(label).values():
            before, _part, after = worded.casefold().partition("%(part)s")
            if wanted.startswith(before) and wanted.endswith(after) and len(wanted) > len(before):
                part = typed.strip()[len(before) : len(typed.strip()) - len(after)]
                return prefix + _column_named(part)
    return typed.strip()


def value_label(field: str, text: str, names: Names | None = None) -> str:
    """A stored audit value as auditors read it: codes ("draft", "yellow") by their labels,
    days as 11.09.2024, and (given the row's `names`) bodies and communities by name."""
    if not text:
        return text
    if names is not None:
        text = named(field, text, names)
    if field == "stage":
        return _vocabulary(Stage, text)
    if field == "status":
        return _vocabulary(Colour, text)
    if field == "patient_groups":
        return ", ".join(_vocabulary(PatientGroup, part) for part in text.split(", "))
    if field == "body":
        return _BODY_KIND.sub(_body_kind, text)
    if field in PART_LABELS:
        return _parts_labelled(field, text)
    if field in ("removed", "goal_removed"):
        return {YES: _("ja"), NO: _("nei")}.get(text, text)
    if field == "reporting_round":
        return _worded(_ROUND, text) or text
    if field in ("approval", "approval_withdrawn"):
        return _worded(_APPROVAL, text) or text
    if field == "conflict" and text == _stored(N_("løst")):
        return _("løst")
    if field == "reminder":
        return _reminder(text)
    if field == "reminder_schedule":
        return ", ".join(_step(part) for part in text.split(", "))
    if field.startswith("evaluations_"):
        return _evaluation(text)
    if field in ("hearing_sent_on", "hearing_deadline", "smart_deadline", "status_reported_on"):
        return _day(text)
    if field == "decision" or field.startswith("hearing_response_"):
        return _DAY_SAID.sub(lambda found: f" ({_day(found[1])}): ", text, count=1)
    return text


def named(field: str, text: str, names: Names) -> str:
    """A stored value with the keys Planlogg wrote in it (bodies, the owning community) by
    their names, in the shape it was stored in: for pages that word the value afterwards
    (`value_label` in their templates), without knowing which community a row is of."""
    if field == "owner":
        return names.communities.get(text, text)
    if field in _REGISTER_FIELDS:
        return _register_named(field, text, names)
    shape = _NAMED.get(field)
    found = shape.match(text) if shape else None
    if found is None:
        return text
    bodies = ", ".join(names.body(key) for key in found["bodies"].split(", "))
    return text[: found.start("bodies")] + bodies + text[found.end("bodies") :]


_APPROVAL_BODY = re.compile(r"^(?P<bodies>\S+) godkjende versjon \d+ \(")
"""Where an approval, as stored and as withdrawn (`handlers.approval_words`), names its body."""
_NAMED: dict[str, re.Pattern[str]] = {
    "reporting_round": re.compile(r"^\S+ open, frist \S+: (?P<bodies>.*)$", re.S),
    "reminder": re.compile(r"^\S+ (?P<bodies>\S+), "),
    "responsible": re.compile(r"^(?P<bodies>.*)$", re.S),
    "required_bodies": re.compile(r"^(?P<bodies>.*)$", re.S),
    "approval": _APPROVAL_BODY,
    "approval_withdrawn": _APPROVAL_BODY,
}
"""The values that name bodies by key, and where in them, as `projections.handlers` writes
them (a plan's `owner` is a community's key, whole). Several bodies are written
", "-separated: their keys never hold one; a name typed where no body was registered may,
and is kept as it is."""

_REGISTER_FIELDS = frozenset(
    {"body", "body_aliases", "body_reporters", "body_reminded", "body_merged_into"}
)
"""The rows of a community's register of bodies (`projections.handlers.body_changed`): each
value begins "community-key: ", and a merge's ends with the key of the body merged into
("st-olavs: Fagråd for digital samhandling: fagrad-for-pasientsamarbeid")."""


def _register_named(field: str, text: str, names: Names) -> str:
    """A register row's value with its community and (a merge's) the body merged into by
    name. A community's key holds no ": ", nor does a body's key (a body's name may): the
    first ": " ends the community, the last begins the body merged into."""
    community, colon, rest = text.partition(": ")
    if not colon or community not in names.communities:
        return text
    if field == "body_merged_into":
        body, colon, into = rest.rpartition(": ")
        if colon:
            rest = f"{body}: {names.body_of(community, into)}"
    return f"{names.communities[community]}: {rest}"


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_SAID = re.compile(r" \((\d{4}-\d{2}-\d{2})\): ")
"""A decision's meeting day, a hearing response's day received: "… (2022-03-10): …"."""


def _day(text: str) -> str:
    """A day Planlogg wrote (ISO) as people read it, "11.09.2024"; anything else as it is."""
    if not _ISO_DAY.fullmatch(text):
        return text
    try:
        return format_norwegian_date(date.fromisoformat(text))
    except ValueError:
        return text


def reason_label(text: str, source: str) -> str:
    """A stored reason as people read it: one Planlogg wrote itself (`OWN_REASONS`), for a
    change from `source`, in either målform or in words an earlier Planlogg stored, restated
    in the målform spoken now ("Endra i reknearket «Plan»" → "Endret i regnearket «Plan»"),
    its names as stored; any other reason (a person's) as it was typed."""
    if not text:
        return text
    cut = len(text) == SHORT_TEXT and text.endswith("…")
    for reason in OWN_REASONS:
        if reason.sources and source not in reason.sources:
            continue
        for pattern, whole in _reason_patterns(reason):
            found = pattern.match(text) if whole or cut else None
            if found is not None:
                return _restated(reason, found, whole)
    return text


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_THEN = "then_"
"""The groups of the message that follows (`OwnReason.then`) are named with this prefix."""


def _wording_pattern(wording: str, prefix: str = "", cut: bool = False) -> str | None:
    """A catalogue's wording of a message as a pattern, each placeholder a group (its name,
    `prefix`ed). `cut`: as `domain.text` shortens a long reason, within its last placeholder
    ("…" at the end, the words after that placeholder gone); None if it has none."""
    parts = _PLACEHOLDER.split(wording)
    if cut:
        if len(parts) == 1:
            return None
        parts[-1] = ""
    last = len(parts) - 2
    return "".join(
        f"(?P<{prefix}{part}>{'.*' if cut and i == last else '.*?'})" if i % 2 else re.escape(part)
        for i, part in enumerate(parts)
    ) + ("…" if cut else "")


def _wordings(message: str, former: tuple[str, ...] = ()) -> list[str]:
    """How a message is worded in each målform, and how it was before."""
    return list(dict.fromkeys((*in_every_målform(message).values(), *former)))


@cache
def _reason_patterns(reason: OwnReason) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """The patterns of one reason: whole (True), and shortened (False) within its last
    placeholder, as stored by each målform's catalogue and in the words stored before."""
    found: list[tuple[re.Pattern[str], bool]] = []
    thens = _wordings(reason.then) if reason.then else []
    for wording in _wordings(reason.message, reason.former):
        head = _wording_pattern(wording)
        tails = ["", *(_wording_pattern(then, _THEN) for then in thens)]
        found += [(re.compile(f"{head}{tail}$", re.S), True) for tail in tails]
        cut_tails = [_wording_pattern(then, _THEN, cut=True) for then in thens]
        shortened = (
            [f"{head}{tail}" for tail in cut_tails if tail]
            if thens
            else [_wording_pattern(wording, cut=True)]
        )
        found += [(re.compile(f"{cut}$", re.S), False) for cut in shortened if cut]
    return tuple(found)


def _restated(reason: OwnReason, found: re.Match[str], whole: bool) -> str:
    """A recognised reason in the målform spoken now, its values as stored."""
    values = {name: value for name, value in found.groupdict().items() if value is not None}
    own = {name: value for name, value in values.items() if not name.startswith(_THEN)}
    then = {name.removeprefix(_THEN): value for name, value in values.items()
            if name.startswith(_THEN)}  # fmt: skip
    if whole:
        return _(reason.message, **own) + (_(reason.then, **then) if then else "")
    if then:
        return _(reason.message, **own) + _shortened(reason.then, then)
    return _shortened(reason.message, own)


def _shortened(message: str, values: dict[str, str]) -> str:
    """`message` now, cut after its last placeholder's value as stored (already cut) and "…"."""
    last = _PLACEHOLDER.findall(message)[-1]
    worded = _(message, **{**values, last: "\x00"})
    return worded.partition("\x00")[0] + values[last] + "…"


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
    """The stored words, each part a group: the day (ISO) as a day, so a body named with a
    comma ("Fagråd, psykisk helse") stays whole."""
    stored = re.escape(_stored(EVALUATION_WORDS))

    def group(found: re.Match[str]) -> str:
        return f"(?P<{found[1]}>{_ISO_DAY.pattern if found[1] == 'day' else '.*?'})"

    return re.compile(re.sub(r"%\\\(([a-z_]+)\\\)s", group, stored) + "$", re.S)


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
        day=_day(found["day"]),
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
            return _(wording, **{k: _DAYS.get(k, str)(v) for k, v in found.groupdict().items()})
    return ""


_DAYS: dict[str, Callable[[str], str]] = {
    "deadline": _day,
    "decision": lambda cited: _ISO_DAY.sub(lambda day: _day(day[0]), cited),
}
"""The parts of a round or an approval that hold a day: the deadline; the decision cited
with its meeting day ("ASU sak 12/22, 2022-03-10")."""


_BODY_KIND = re.compile(r"\((\w+)\)$")


def _body_kind(found: re.Match[str]) -> str:
    label = BODY_KIND_LABELS.get(found[1])
    return f"({_(label)})" if label else found[0]


def _vocabulary(kind: Any, code: str) -> str:
    try:
        return str(kind(code).label)
    except ValueError:
        return code


def _parts_labelled(field: str, text: str) -> str:
    """ "deadline: 2025-01-01; indicator: Andel" → "Indikator: Andel; Frist: 01.01.2025": each
    part by the form's label, in the form's order, and the day Planlogg wrote (a SMART
    deadline) as people read it. A "; " inside a part's own text stays with that part; a
    value that is no such composite is shown as it is."""
    labels = PART_LABELS[field]
    parts: list[list[str]] = []
    for piece in text.split("; "):
        key, colon, rest = piece.partition(": ")
        if colon and key in labels:
            parts.append([key, rest])
        elif parts:
            parts[-1][1] += "; " + piece
        else:
            return text
    order = list(labels)
    parts.sort(key=lambda part: order.index(part[0]))
    return "; ".join(
        f"{_(labels[key])}: {_day(rest) if key == 'deadline' else rest}" for key, rest in parts
    )
