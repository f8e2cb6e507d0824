"""How a measure's fields are written by people in a sheet: columns, text forms, commands.

A field declared with a `SheetForm` (in `domain.measure`) gets the columns
the form names. Each column shows the stored value as text and reads a
person's text back into the value it stands for, so that reading what was
shown gives the stored value again ("Grønn" and "grønn" mean the same); a
column without `read` is shown for reading only. The form's `set` is the
command a changed cell turns into, so the domain's rules apply to sheet edits
exactly as to any other edit; `adds` names what `Plan.add_measure` takes
directly when a new row becomes a measure.

The sheet sync (`sync.layout`, `sync.cells`, `sync.apply`) is built from these
forms; no column is named anywhere else. A form's `position` orders it in a new
sheet (the original columns first, the whole-measure columns after them). The
web's form for editing a measure (`domain.measure_form`) is built from them
too, with each column's `label`, `hint`, `lines` and `choices`.

A column with `choices` holds values from a list: one value (a dropdown in the
sheet, where the spreadsheet allows one) or, when it holds `several`, values
separated by `LIST_SEPARATOR` (";"), the one documented separator (§ 6-2
topics, patient groups, cross-references). A value the sync does not know is
named in Melding, not guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from domain.body_register import BodyRegister, Unresolved
from domain.dates import format_norwegian_date, parse_norwegian_date
from domain.errors import ValidationError
from domain.numbering import parse_measure_number
from domain.text import COMMENT as COMMENT_LENGTH
from domain.text import LONG_TEXT, SMART_PART, checked, excerpt, says_nothing
from domain.timeframe import MARK_EXAMPLES, parse_year_mark
from domain.vocabulary import (
    TOPICS_6_2,
    Colour,
    PatientGroup,
    parse_colour,
    parse_topic,
    patient_groups_meant,
    several_groups,
)
from language import N_, _, in_every_målform

if TYPE_CHECKING:
    from domain.measure import MeasureState, StatusReport
    from domain.plan import Plan
    from domain.provenance import Provenance

NUMBER = "Nr"
AREA = "Område"
GOAL = "Mål"
TEXT = "Tiltak"
RESPONSIBLE = "Ansvar"
STATUS = "Status"
COMMENT = "Statuskommentar"
STATUS_DATE = "Statusdato"
INDICATOR = "Indikator"
TARGET = "Målverdi"
DEADLINE = "Frist"
TOPICS = "Tema § 6-2"
PATIENT_GROUPS = "Pasientgrupper"
SEE_ALSO = "Sjå òg"
REFERENCES = "Ref."
"""Each column's identity: the header Planlogg wrote before it spoke two målformer.

Baselines, conflicts, refusals and the values a changed cell gives (`Values`) name a column
by it, so it never changes; what a sheet shows is the column's `heading`, in the målform
the sheet was laid out in, and a column is recognised by its heading in either målform."""

EVALUATION_HEADERS = {
    "objective": "Evaluering: målsetting",
    "methods": "Evaluering: metodar",
    "start": "Evaluering: start",
    "end": "Evaluering: slutt",
    "data_sources": "Evaluering: datakjelder",
    "reporting": "Evaluering: rapportering",
    "communication": "Evaluering: kommunikasjon",
}
"""A column per part of the evaluation plan (`domain.measure.EVALUATION_FIELDS`, same order),
by identity (see NUMBER)."""

EVALUATION_HEADINGS = {
    "objective": N_("Evaluering: målsetting"),
    "methods": N_("Evaluering: metoder"),
    "start": N_("Evaluering: start"),
    "end": N_("Evaluering: slutt"),
    "data_sources": N_("Evaluering: datakilder"),
    "reporting": N_("Evaluering: rapportering"),
    "communication": N_("Evaluering: kommunikasjon"),
}
"""The evaluation columns' headers, marked for translation."""

EVALUATION_LABELS = {
    "objective": N_("Målsetting"),
    "methods": N_("Metoder"),
    "start": N_("Start"),
    "end": N_("Slutt"),
    "data_sources": N_("Datakilder"),
    "reporting": N_("Rapportering"),
    "communication": N_("Kommunikasjon"),
}
"""Each part of the evaluation plan as a form names it (translate with `_`)."""

HEADINGS: dict[str, str] = {
    NUMBER: N_("Nr"),
    AREA: N_("Innsatsområde"),
    GOAL: N_("Mål"),
    TEXT: N_("Tiltak"),
    RESPONSIBLE: N_("Ansvar"),
    STATUS: N_("Status"),
    COMMENT: N_("Statuskommentar"),
    STATUS_DATE: N_("Statusdato"),
    INDICATOR: N_("Indikator"),
    TARGET: N_("Målverdi"),
    DEADLINE: N_("Frist"),
    TOPICS: N_("Tema § 6-2"),
    PATIENT_GROUPS: N_("Pasientgrupper"),
    SEE_ALSO: N_("Se også"),
    REFERENCES: N_("Ref."),
    **{EVALUATION_HEADERS[part]: heading for part, heading in EVALUATION_HEADINGS.items()},
}
"""Column identity → its header, marked for translation (a year's column is its number)."""


def heading(column: str) -> str:
    """The header of a column (by identity) as the målform spoken now writes it."""
    found = HEADINGS.get(column)
    return _(found) if found else column


def spellings(column: str, headings: dict[str, str] | None = None) -> set[str]:
    """Every header a column is recognised by: its heading in each målform, and its identity."""
    found = (headings or HEADINGS).get(column)
    return {column, *(in_every_målform(found).values() if found else ())}


STATUS_WORDS = {
    Colour.GREEN: N_("grønn"),
    Colour.YELLOW: N_("gul"),
    Colour.RED: N_("rød"),
}
"""How the Status column writes each colour (every spelling people type is read)."""
STATUS_CHOICES = tuple(STATUS_WORDS.values())
"""The Status dropdown's values, marked for translation: see `status_choices`."""


def status_word(colour: Colour) -> str:
    return _(STATUS_WORDS[colour])


def status_choices() -> tuple[str, ...]:
    """The Status dropdown's values in the målform spoken now."""
    return tuple(_(word) for word in STATUS_CHOICES)


LIST_SEPARATOR = ";"
"""The one separator between the values of a field that holds several (topics, groups, refs)."""

_BODY_SEPARATORS = re.compile(r"[,;\n]")
SPREADSHEET_ERRORS = frozenset(
    {"#NAME?", "#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#ERROR!", "#NUM!", "#NULL!", "#SPILL!"}
)
"""What a cell shows when a formula typed into it fails; never a value to store."""

Values = Mapping[str, Any]
"""The values read from the changed columns of one field, by column header."""

Setter = Callable[["Plan", "MeasureState", Values, "Provenance", date], None]


Choices = tuple[tuple[str, str], ...]
"""The values a column may hold, each with its label; a cell lists the chosen ones."""


@dataclass(frozen=True)
class Column:
    """One column: its header, how a measure is shown in it, and how a cell is read.

    `header` is the column's identity (see NUMBER); the sheet shows its `heading`. A form
    shows the column as an entry called `title` (`label`, else the heading), explained by
    `hint` (from `about`), with room for `lines` lines of text, or as its `choices` (each a
    value as the cell writes it, and its label; `offered` gives them): one to pick, or,
    when the column holds `several`, any number, joined by `LIST_SEPARATOR`. `label` and
    `about` are marked messages, translated when read, so they follow the målform spoken.
    `max_length` is the most characters the field's command stores from it, so a form
    refuses a longer text at its own entry (the command names only its field's first).
    """

    header: str
    show: Callable[[Plan, MeasureState], str]
    read: Callable[[str], Any] | None = None
    label: str = ""
    about: str = ""
    lines: int = 1
    offered: Callable[[], Choices] | None = None
    several: bool = False
    max_length: int = LONG_TEXT

    @property
    def editable(self) -> bool:
        return self.read is not None

    @property
    def heading(self) -> str:
        return heading(self.header)

    @property
    def title(self) -> str:
        return _(self.label) if self.label else self.heading

    @property
    def hint(self) -> str:
        return _(self.about) if self.about else ""

    @property
    def choices(self) -> Choices:
        return self.offered() if self.offered is not None else ()


@dataclass(frozen=True)
class SheetForm:
    """The columns of one field (for a plan's years), and the command a changed cell gives.

    `legend` names the field as a whole where it has several columns (a form's legend,
    a marked message; `label` is it translated); `position` places it in a new sheet:
    lower first, then in declaration order.
    """

    columns: Callable[[tuple[int, ...]], tuple[Column, ...]]
    set: Setter | None = None
    adds: Callable[[Values], dict[str, Any]] | None = None
    legend: str = ""
    position: int = 0
    in_form: Callable[[Plan, MeasureState, Values], None] | None = None
    """What the browser's form refuses besides what `set` does (a ValidationError), where the
    person is there to correct it; a sheet or an import may name what does not exist yet."""

    @property
    def label(self) -> str:
        return _(self.legend) if self.legend else ""


def one_line(text: str) -> bool:
    """No line breaks: `clean_text` is then `str.strip` (a sync cleans a whole row so)."""
    return "\n" not in text and "\r" not in text


def clean_text(text: str) -> str:
    """Cells may carry Windows line ends and stray spaces; neither is meaning."""
    if one_line(text):
        return text.strip()
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


class NamingRefusal(ValidationError):
    """A refusal of a cell's text that names its column: `naming` says it again naming the
    column otherwise, as a form names an entry by its label («Nummer», not «Nr»)."""

    def __init__(self, say: Callable[[str], str], column: str) -> None:
        super().__init__(say(column))
        self._say = say

    def naming(self, name: str) -> str:
        return self._say(name)


def read_cell(column: Column, text: str) -> Any:
    """The value a cell stands for; ValidationError (Norwegian) when it has none."""
    cleaned = checked(clean_text(text), column.heading, max_length=LONG_TEXT, lines=True)
    if cleaned in SPREADSHEET_ERRORS:
        raise ValidationError(
            _(
                "Cellen viser %(error)s, en formelfeil. Skriv vanlig tekst (uten = først).",
                error=cleaned,
            )
        )
    if column.read is None:
        return cleaned
    return column.read(cleaned)


def parse_number(text: str) -> str:
    parsed = parse_measure_number(text)
    if parsed.references:
        raise NamingRefusal(
            lambda column: _(
                'Skriv bare tiltaksnummeret i %(column)s (f.eks. 2.1.3A), ikke "%(typed)s". '
                "Henvisninger til andre tiltak hører hjemme i teksten.",
                column=column,
                typed=excerpt(text),
            ),
            heading(NUMBER),
        )
    return parsed.number


def parse_text(text: str) -> str:
    if not text:
        raise ValidationError(_("Tiltaksteksten må fylles ut."))
    return text


def parse_bodies(text: str) -> tuple[str, ...]:
    """Body names separated by commas; a registered name with a comma in it stays whole."""
    parts = [" ".join(p.split()) for p in _BODY_SEPARATORS.split(text)]
    seen: dict[str, None] = {}
    start = 0
    while start < len(parts):
        end = _longest_name(parts, start)
        name = ", ".join(p for p in parts[start:end] if p)
        if name:
            seen.setdefault(name)
        start = end
    return tuple(seen)


def _longest_name(parts: list[str], start: int) -> int:
    """Where the longest run of parts from `start` that a registered body is named by ends.

    No run is longer than the register's longest name, so a cell of many commas is read
    in time linear in its length (trying every run made 5,000 commas take minutes).
    """
    register = _register()
    for end in range(min(len(parts), start + register.most_name_parts), start + 1, -1):
        if register.find(", ".join(parts[start:end])) is not None:
            return end
    return start + 1


def render_bodies(bodies: tuple[str, ...] | list[str]) -> str:
    return ", ".join(bodies)


_BODIES: ContextVar[BodyRegister | None] = ContextVar("bodies", default=None)
"""The register of the community whose plan is being shown or changed (see `bodies_of`)."""
_NO_BODIES = BodyRegister()


def _register() -> BodyRegister:
    return _BODIES.get() or _NO_BODIES


def register_in_use() -> BodyRegister:
    """The register the Ansvar column is shown and read through now (`bodies_of`): a
    rendering kept between cycles is only good while it stays the same."""
    return _register()


@contextmanager
def bodies_of(register: BodyRegister) -> Iterator[None]:
    """Show and read the Ansvar column through a community's register of bodies.

    People read and type body names; the measure holds body ids. The one who
    holds the plan (the application's `change_plan`, the sheet sync, a page
    with the form) says which community's register that is, for the time it works.
    """
    token = _BODIES.set(register)
    try:
        yield
    finally:
        _BODIES.reset(token)


def show_bodies(refs: tuple[str, ...] | list[str]) -> str:
    """The responsible bodies as people read them: names, not ids."""
    return render_bodies([_register().label(ref) for ref in refs])


def unknown_bodies(refs: tuple[str, ...] | list[str]) -> list[Unresolved]:
    """The stored names no registered body has, each with the nearest registered name
    (none while the community registers no bodies)."""
    register = _register()
    return register.references(refs)[1] if register.bodies else []


def body_refs(names: tuple[str, ...] | list[str]) -> list[str]:
    """What a measure stores for names people typed: ids of registered bodies, else the text."""
    return _register().references(names)[0]


def parse_mark(text: str) -> str:
    parse_year_mark(text)
    return text


def show_status(plan: Plan, m: MeasureState) -> str:
    return status_word(m.status.colour) if m.status else ""


def parse_status(text: str) -> Colour | None:
    return parse_colour(text) if text else None


def _number_form() -> SheetForm:
    def renumber(plan: Plan, m: MeasureState, v: Values, by: Provenance, today: date) -> None:
        plan.renumber_measure(m.id, str(v[NUMBER]), by)

    return SheetForm(
        columns=lambda years: (
            Column(
                NUMBER,
                lambda plan, m: m.number,
                parse_number,
                label=N_("Nummer"),
                about=N_("Som 2.1.3A. Et nummer under et annet mål flytter tiltaket dit."),
            ),
        ),
        set=renumber,
        adds=lambda v: {"number": str(v[NUMBER])},
    )


def _goal_form() -> SheetForm:
    """Område and Mål follow from the number: shown for reading, never taken from the sheet."""

    def area(plan: Plan, m: MeasureState) -> str:
        found = plan.areas.get(m.area)
        return f"{m.area} {found.title if found else ''}".strip()

    def goal(plan: Plan, m: MeasureState) -> str:
        found = plan.goals.get(m.goal)
        return f"{m.goal} {found.text if found else ''}".strip()

    return SheetForm(
        columns=lambda years: (
            Column(AREA, area, label=N_("Innsatsområde")),
            Column(GOAL, goal),
        )
    )


def _text_form() -> SheetForm:
    def reword(plan: Plan, m: MeasureState, v: Values, by: Provenance, today: date) -> None:
        plan.reword_measure(m.id, str(v[TEXT]), by)

    return SheetForm(
        columns=lambda years: (
            Column(
                TEXT,
                lambda plan, m: m.text,
                parse_text,
                about=N_("En linje som begynner med «- » er et listepunkt; *kursiv*, **halvfet**."),
                lines=8,
            ),
        ),
        set=reword,
        adds=lambda v: {"text": str(v[TEXT])},
    )


def _responsible_form() -> SheetForm:
    def assign(plan: Plan, m: MeasureState, v: Values, by: Provenance, today: date) -> None:
        plan.assign_responsible(m.id, body_refs(v[RESPONSIBLE]), by)

    return SheetForm(
        columns=lambda years: (
            Column(
                RESPONSIBLE,
                lambda plan, m: show_bodies(m.responsible),
                parse_bodies,
                about=N_("Flere organer skiller du med komma."),
            ),
        ),
        set=assign,
        adds=lambda v: {"responsible": body_refs(v.get(RESPONSIBLE, ()))},
    )


def _marks_form() -> SheetForm:
    """One column per year of the plan's period, each holding that year's mark as written."""

    def column(year: int) -> Column:
        return Column(
            str(year),
            lambda plan, m: m.marks.get(year, ""),
            parse_mark,
            about=MARK_EXAMPLES,
        )

    def set_marks(plan: Plan, m: MeasureState, v: Values, by: Provenance, today: date) -> None:
        marks = {**m.marks, **{int(year): str(mark) for year, mark in v.items()}}
        plan.set_timeframe(m.id, marks, by)

    return SheetForm(
        columns=lambda years: tuple(column(year) for year in years),
        set=set_marks,
        adds=lambda v: {"marks": {int(year): str(mark) for year, mark in v.items() if mark}},
        legend=N_("Tidsramme (merke per år)"),
    )


def _check_day_alone(typed: date | None, current: StatusReport | None) -> None:
    """A Statusdato changed alone reports the standing status again on a later day. Cleared,
    it would report it again today, though nobody reported; set back, it would put a new
    report before the one standing, counted for the round open now."""
    if typed is None:
        raise ValidationError(
            _(
                "%(column)s kan ikke være tom. Skriv datoen statusen gjelder, som 11.09.2025.",
                column=heading(STATUS_DATE),
            )
        )
    if current is not None and typed < current.reported_on:
        raise ValidationError(
            _(
                "%(column)s %(typed)s er før datoen til statusen som står (%(day)s). Skriv en "
                "senere dato for å rapportere statusen på nytt, eller endre statusen eller "
                "kommentaren sammen med datoen.",
                column=heading(STATUS_DATE),
                typed=format_norwegian_date(typed),
                day=format_norwegian_date(current.reported_on),
            )
        )


def _status_form() -> SheetForm:
    """The light, its comment and its day are reported together, those left unchanged kept.

    A report is of today, unless its day is typed. A status that still holds is reported
    again by typing a new day alone: in a reporting round, a measure whose light has not
    changed since the last round is reported for this one so, from the sheet as from the
    web page, where typing the same light again would be no change at all."""

    def report(plan: Plan, m: MeasureState, v: Values, by: Provenance, today: date) -> None:
        current = m.status
        colour = v.get(STATUS, current.colour if current else None)
        comment = str(v[COMMENT]) if COMMENT in v else (current.comment if current else "")
        if STATUS not in v and COMMENT not in v:
            _check_day_alone(v[STATUS_DATE], current)
        reported_on = v.get(STATUS_DATE) or today
        if not isinstance(colour, Colour):
            raise ValidationError(
                _(
                    "%(column)s kan ikke være tom når tiltaket har en kommentar eller tidligere "
                    "status. Skriv %(green)s, %(yellow)s eller %(red)s.",
                    column=heading(STATUS),
                    green=status_word(Colour.GREEN),
                    yellow=status_word(Colour.YELLOW),
                    red=status_word(Colour.RED),
                )
            )
        plan.report_status(m.id, colour, comment, reported_on, by, today=today)

    return SheetForm(
        columns=lambda years: (
            Column(
                STATUS,
                show_status,
                parse_status,
                offered=lambda: tuple((choice, choice) for choice in status_choices()),
            ),
            Column(COMMENT, lambda plan, m: m.status.comment if m.status else "", str),
            Column(
                STATUS_DATE,
                lambda plan, m: render_deadline(m.status.reported_on) if m.status else "",
                parse_deadline,
                about=N_(
                    "Dagen statusen gjelder, som 11.09.2025. Gjelder statusen fortsatt, skriv "
                    "dagens dato for å rapportere den på nytt."
                ),
            ),
        ),
        set=report,
        legend=N_("Status"),
    )


def render_list(values: tuple[str, ...] | list[str]) -> str:
    return f"{LIST_SEPARATOR} ".join(values)


def split_list(text: str) -> list[str]:
    """The values of a list cell: split on the one separator, blanks dropped.

    A value of only characters nobody can see (`says_nothing`: a zero-width space pasted in
    after a separator) is as blank as spaces are: `str.strip` keeps it, and it was read as a
    value every page shows as nothing («"" er ikke et tema»). A cell of nothing else is
    refused whole, as every text is (`domain.text.checked`).
    """
    return [" ".join(part.split()) for part in text.split(LIST_SEPARATOR) if not says_nothing(part)]


def parse_deadline(text: str) -> date | None:
    return parse_norwegian_date(text) if text else None


def render_deadline(deadline: date | None) -> str:
    return format_norwegian_date(deadline) if deadline else ""


def parse_topics(text: str) -> tuple[int, ...]:
    """§ 6-2 topics by number ("6" or "6 Kunnskapsoverføring …"), separated by ";"."""
    topics: list[int] = []
    for part in split_list(text):
        number = parse_topic(part.split(" ", 1)[0].rstrip("."))
        if number not in topics:
            topics.append(number)
    return tuple(sorted(topics))


def render_topics(topics: tuple[int, ...]) -> str:
    return render_list([str(t) for t in topics])


def parse_groups(text: str) -> tuple[PatientGroup, ...]:
    groups: list[PatientGroup] = []
    for part in split_list(text):
        meant = patient_groups_meant(part)
        if len(meant) > 1:
            raise several_groups(part, meant)
        if not meant:
            raise ValidationError(
                _(
                    "Ukjent pasientgruppe «%(typed)s». Skriv én eller flere av %(groups)s, "
                    "skilt med semikolon (;).",
                    typed=excerpt(part),
                    groups="; ".join(g.label for g in PatientGroup),
                )
            )
        group = meant[0]
        if group not in groups:
            groups.append(group)
    return tuple(sorted(groups, key=list(PatientGroup).index))


def render_groups(groups: tuple[PatientGroup, ...]) -> str:
    return render_list([g.label for g in groups])


def parse_numbers(text: str) -> tuple[str, ...]:
    """Measure numbers such as 1.6.1, separated by ";"; each must be a measure number."""
    numbers: list[str] = []
    for part in split_list(text):
        try:
            parsed = parse_measure_number(part)
        except ValidationError:
            parsed = None
        if parsed is None or parsed.references or parsed.number != part:
            raise ValidationError(
                _(
                    "«%(typed)s» er ikke et tiltaksnummer (f.eks. 1.6.1). Skill flere med "
                    "semikolon (;).",
                    typed=excerpt(part),
                )
            )
        if part not in numbers:
            numbers.append(part)
    return tuple(numbers)


def _smart_form() -> SheetForm:
    """Indicator, target and deadline: set together, the parts left unchanged kept."""

    def set_smart(plan: Plan, m: MeasureState, v: Values, by: Provenance, today: date) -> None:
        plan.set_smart_criteria(
            m.id,
            by,
            indicator=str(v.get(INDICATOR, m.smart.indicator)),
            target=str(v.get(TARGET, m.smart.target)),
            deadline=v.get(DEADLINE, m.smart.deadline),
        )

    return SheetForm(
        columns=lambda years: (
            Column(
                INDICATOR,
                lambda plan, m: m.smart.indicator,
                str,
                about=N_("Hvordan dere måler om tiltaket virker."),
                lines=2,
                max_length=SMART_PART,
            ),
            Column(
                TARGET,
                lambda plan, m: m.smart.target,
                str,
                about=N_("Hva dere vil nå, målt med indikatoren."),
                lines=2,
                max_length=SMART_PART,
            ),
            Column(
                DEADLINE,
                lambda plan, m: render_deadline(m.smart.deadline),
                parse_deadline,
                about=N_("Dato, som 31.12.2025."),
            ),
        ),
        set=set_smart,
        legend=N_("SMART"),
        position=1,
    )


def _topics_form() -> SheetForm:
    def tag(plan: Plan, m: MeasureState, v: Values, by: Provenance, today: date) -> None:
        plan.tag_measure(m.id, list(m.patient_groups), list(v[TOPICS]), by)

    return SheetForm(
        columns=lambda years: (
            Column(
                TOPICS,
                lambda plan, m: render_topics(m.topics),
                parse_topics,
                label=N_("Tema i § 6-2"),
                offered=lambda: tuple(
                    (str(n), f"{n}. {_(label)}") for n, label in TOPICS_6_2.items()
                ),
                several=True,
            ),
        ),
        set=tag,
        position=2,
    )


def _groups_form() -> SheetForm:
    def tag(plan: Plan, m: MeasureState, v: Values, by: Provenance, today: date) -> None:
        plan.tag_measure(m.id, list(v[PATIENT_GROUPS]), list(m.topics), by)

    return SheetForm(
        columns=lambda years: (
            Column(
                PATIENT_GROUPS,
                lambda plan, m: render_groups(m.patient_groups),
                parse_groups,
                label=N_("Prioriterte pasientgrupper"),
                offered=lambda: tuple((group.label, group.label) for group in PatientGroup),
                several=True,
            ),
        ),
        set=tag,
        position=3,
    )


def _see_also_form() -> SheetForm:
    def link(plan: Plan, m: MeasureState, v: Values, by: Provenance, today: date) -> None:
        plan.link_measure(m.id, list(v[SEE_ALSO]), list(m.references), by)

    def to_measures(plan: Plan, m: MeasureState, v: Values) -> None:
        """Each number newly typed names another measure of the plan: 1.2.11 typed for
        1.2.1 would be a link to nothing. Links the measure had are left as they are."""
        numbers = {measure.number for measure in plan.active_measures()}
        for number in v[SEE_ALSO]:
            if number in m.see_also:
                continue
            if number == m.number:
                raise ValidationError(
                    _("Et tiltak kan ikke se til seg selv (%(number)s).", number=number)
                )
            if number not in numbers:
                raise ValidationError(
                    _("Ingen tiltak i planen har nummeret %(number)s.", number=number)
                )

    return SheetForm(
        columns=lambda years: (
            Column(
                SEE_ALSO,
                lambda plan, m: render_list(m.see_also),
                parse_numbers,
                label=N_("Se også"),
                about=N_("Tiltaksnummer, som 1.2.1; flere skiller du med semikolon."),
            ),
        ),
        set=link,
        position=4,
        in_form=to_measures,
    )


def _references_form() -> SheetForm:
    def link(plan: Plan, m: MeasureState, v: Values, by: Provenance, today: date) -> None:
        plan.link_measure(m.id, list(m.see_also), list(v[REFERENCES]), by)

    return SheetForm(
        columns=lambda years: (
            Column(
                REFERENCES,
                lambda plan, m: render_list(m.references),
                parse_numbers,
                label=N_("Samme tiltak som (Ref.)"),
                about=N_("Tiltaksnummer, som 1.6.1; flere skiller du med semikolon."),
            ),
        ),
        set=link,
        position=5,
    )


def _evaluation_form() -> SheetForm:
    """One column per part of the evaluation plan; an emptied part is left out."""

    def column(part: str, header: str) -> Column:
        return Column(
            header,
            lambda plan, m: m.evaluation.get(part, ""),
            str,
            label=EVALUATION_LABELS[part],
            lines=2,
            max_length=COMMENT_LENGTH,
        )

    def set_plan(plan: Plan, m: MeasureState, v: Values, by: Provenance, today: date) -> None:
        parts = dict(m.evaluation)
        for part, header in EVALUATION_HEADERS.items():
            if header in v:
                parts[part] = str(v[header])
        plan.set_evaluation_plan(m.id, {k: t for k, t in parts.items() if t}, by)

    return SheetForm(
        columns=lambda years: tuple(column(p, h) for p, h in EVALUATION_HEADERS.items()),
        set=set_plan,
        legend=N_("Evalueringsplan"),
        position=6,
    )


NUMBER_FORM = _number_form()
GOAL_FORM = _goal_form()
TEXT_FORM = _text_form()
RESPONSIBLE_FORM = _responsible_form()
MARKS_FORM = _marks_form()
STATUS_FORM = _status_form()
SMART_FORM = _smart_form()
TOPICS_FORM = _topics_form()
GROUPS_FORM = _groups_form()
SEE_ALSO_FORM = _see_also_form()
REFERENCES_FORM = _references_form()
EVALUATION_FORM = _evaluation_form()
