"""Read an action plan laid out as a table: the way plans are published and kept.

Plans reach us as a table copied from a web page (HTML fragments in cells,
merged cells copied as empty cells), as a CSV or as a spreadsheet. The rows
are: a title line, an area heading per area ("2. Utskrivningsklare
pasienter"), a column header per section (its names vary: "Tiltak",
"Aktuelle tiltak", "Handling og fremdrift"), and one row per measure:

    goal no | goal text | measure no | measure text | responsible | 2022 | 2023 | …

This module is pure: rows of strings in, a `PlanTable` out. It only reads;
the caller refuses to import anything while `problems` is not empty, so
every row we cannot read is reported with its line number instead of being
guessed or dropped.

Rules that follow from how the tables are made (see the St. Olavs plan):

- An empty goal cell continues the goal above (the web page merged it).
  A goal-text cell without a goal number ("Som 1.2.1 Ses i helhet med …") is
  a note on that row's measure, not a new goal: its links are kept, and the
  measure belongs to the goal its own number names (2.1.3A → goal 2.1).
- An empty responsible cell continues the responsible bodies of the measure
  above only while the row continues the same goal (merged cell within the
  goal: 0.1.2 and 0.1.3 continue "AU og Sekretariat", 1.3.2–1.3.4 continue
  "Fagråd for pasientsamarbeid"). A row that starts a new goal, or follows an
  area heading or a column header, never inherits: it stays without a
  responsible body, which the SMART check then shows, rather than getting a
  body that may never have been given the task.
- A goal number given again on the rows below, with the same text or none,
  continues that goal: a spreadsheet gives a cell merged down on every row it
  covers, and some keep the goal on every row of its measures. Given with
  another text, or after another goal, it is a goal repeated (a problem).
- A row whose filled cells all hold the same text is that text once: a title
  or area heading merged across the row.
- Where the header has no number column beside the goal or measure column
  ("Mål | Tiltak | Ansvar"), the number starts the cell: "1.1 Betre
  samhandling", "1.1.1 Felles rutine" (Word's automatic numbering in a table).
- See `split_responsible` for how the responsible wording becomes bodies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from domain.numbering import (
    NumberingError,
    find_links,
    parse_area_heading,
    parse_goal_number,
    parse_measure_number,
    remove_see_also,
)
from domain.richtext import html_to_text
from domain.text import excerpt
from domain.timeframe import TimeframeError, parse_year_mark
from language import N_, _


@dataclass(frozen=True)
class AreaRow:
    """An area heading ("2. Utskrivningsklare pasienter") and the line it was on."""

    number: str
    title: str
    line: int


@dataclass(frozen=True)
class GoalRow:
    """A goal; `text` is canonical rich text (see domain.richtext)."""

    number: str
    area: str
    text: str
    line: int


@dataclass(frozen=True)
class MeasureRow:
    """One measure row, with the goal and area its number belongs to.

    `responsible_raw` is the adopted wording (without "Ses i helhet med …",
    which went to `see_also`); `responsible` the bodies read from it.
    `marks` holds the text of each non-empty year cell, verbatim.
    `timeframe_note` and `deadline` come from plans written as prose ("Tidsramme:
    innen medio mai"); a table's year columns leave them empty.
    """

    number: str
    goal: str
    area: str
    text: str
    responsible: tuple[str, ...]
    responsible_raw: str
    see_also: tuple[str, ...]
    references: tuple[str, ...]
    marks: dict[int, str]
    line: int
    timeframe_note: str = ""
    deadline: date | None = None


@dataclass(frozen=True)
class RowProblem:
    """A line we could not read, or a rule the table breaks; `reason` is for the user."""

    line: int
    reason: str


@dataclass(frozen=True)
class PlanTable:
    """Everything read from a plan table; import only when `problems` is empty."""

    title: str
    period: tuple[int, int] | None
    years: tuple[int, ...]
    areas: tuple[AreaRow, ...]
    goals: tuple[GoalRow, ...]
    measures: tuple[MeasureRow, ...]
    problems: tuple[RowProblem, ...] = ()

    def measure(self, number: str) -> MeasureRow:
        """The measure with this number (as users write it, e.g. "2.1.3 A")."""
        wanted = parse_measure_number(number).number
        for row in self.measures:
            if row.number == wanted:
                return row
        raise KeyError(number)

    def validate(self) -> tuple[RowProblem, ...]:
        """Check the rows against each other: duplicates, missing parents, unreadable marks."""
        return tuple(sorted(_validate(self), key=lambda p: p.line))


def parse_plan_table(rows: Sequence[Sequence[str]], *, first_line: int = 1) -> PlanTable:
    """Read a plan table; `first_line` is the line number of `rows[0]` in the user's file."""
    reader = _Reader()
    for offset, cells in enumerate(rows):
        reader.read(first_line + offset, [str(cell) for cell in cells])
    table = PlanTable(
        title=reader.title,
        period=reader.period,
        years=tuple(sorted(reader.years)),
        areas=tuple(reader.areas),
        goals=tuple(reader.goals),
        measures=tuple(reader.measures),
    )
    problems = sorted([*reader.problems, *table.validate()], key=lambda p: p.line)
    return replace(table, problems=tuple(problems))


def is_plan_table(rows: Sequence[Sequence[str]]) -> bool:
    """True when the rows are laid out as a table rather than written as prose.

    A table has a column header row (Mål, Tiltak, Ansvar, years), or most of
    its filled rows have two or more filled cells; prose has one text per line.
    """
    filled = [[cell for cell in row if str(cell).strip()] for row in rows]
    filled = [cells for cells in filled if cells]
    if any(_header_columns([str(cell) for cell in row]) is not None for row in rows):
        return True
    wide = sum(1 for row in rows if _is_wide(row))
    return bool(filled) and wide * 2 > len(filled)


# A list's number or bullet as Word writes it before the list's tab when it saves a
# document as text ("1.\t", "1.1\t", "1.5;\t", "•\t", "◦\t", "a)\t").
_LIST_LABEL_RE = re.compile(
    r"^(?:[•●◦○▪■□‣➢►✓\uf0b7\uf0d8\uf0fc\uf0a7*o–-]|\d{1,2}(?:\.\d{1,3}){0,2}[.;:)]?|[a-zA-Z][.)])$"
)


def _is_wide(row: Sequence[str]) -> bool:
    """A row with two or more filled cells, but not a list item saved as text.

    Word's "ren tekst" (and a copy into Notepad) writes each automatic number or bullet
    followed by the list's tab, so every numbered or bulleted line of a prose plan comes
    as two cells, the label and its text; counted as table rows they made Fonna's plan a
    table. A row of exactly those two cells counts as a line of prose (read as prose, its
    cells are joined again: "1.1 Samarbeid om …"); a table with a header row is a table
    whatever its rows.
    """
    cells = [str(cell).strip() for cell in row]
    if len(cells) == 2 and cells[1] and _LIST_LABEL_RE.match(cells[0]):
        return False
    return sum(1 for cell in cells if cell) > 1


# --- responsible bodies ----------------------------------------------------------------

_BODY_WORDS = (
    "Fagråd", "Fagrådet", "FSU", "ASU", "PSU", "SSU", "LSU", "AU", "OSU",
    "Sekretariat", "Sekretariatet", "Samarbeidssekretariatet", "SSE",
    "Partnerskapsmøtet", "Partnerskapsmøte", "Overordna", "Strategisk",
)  # fmt: skip
_BODY = r"(?:" + "|".join(sorted(_BODY_WORDS, key=len, reverse=True)) + r")\b"
_BODY_START_RE = re.compile(_BODY)
_JOINING_WORDS = {"og", "med", "fra", "frå", "for", "i", "til", "av", "ved", "under", "samt", "&"}
# "/" separates bodies when it is spaced ("samarbeid/ Fagråd", "samhandling/ pasientsamarbeid")
# or followed by a body name ("ASU/Fagråd"); "læring/mestring" is part of one name.
_SLASH_RE = re.compile(rf"\s*/\s+|\s+/\s*|/(?={_BODY})")


def split_responsible(wording: str) -> tuple[str, ...]:
    """Read the responsible bodies from the responsible wording.

    Rule: split on line breaks (paragraphs, list items), on "/" when it is
    spaced or followed by a body name, and before a capitalised body name
    (Fagråd, ASU, PSU, Sekretariat …) that follows another body without "og",
    "med", "fra" … between them: web copies lose the line breaks between
    bodies. A part after "/" that starts in lower case is shorthand for the
    same kind of body ("Fagråd for digital samhandling/ pasientsamarbeid" →
    "Fagråd for pasientsamarbeid"). Parts are trimmed, empty ones dropped, and
    repeats dropped keeping the first ("Fagråd for digital samhandling Fagråd
    for digital samhandling" is one body).
    """
    bodies: list[str] = []
    seen: set[str] = set()
    for line in wording.splitlines():
        line = line.strip().removeprefix("- ").replace("*", "")
        previous = ""
        for part in _SLASH_RE.split(line):
            for piece in _split_before_bodies(part):
                body = _expand_shorthand(_tidy_body(piece), previous)
                if not body:
                    continue
                previous = body
                key = body.casefold()
                if key not in seen:
                    seen.add(key)
                    bodies.append(body)
    return tuple(bodies)


def _split_before_bodies(part: str) -> list[str]:
    """Start a new body at a capitalised body name that does not follow a joining word.

    "Sekretariatet ASU og fagråd" is two bodies; "AU og Sekretariat" is one.
    """
    pieces: list[list[str]] = [[]]
    for word in part.split():
        current = pieces[-1]
        if current and _BODY_START_RE.match(word) and current[-1].lower() not in _JOINING_WORDS:
            pieces.append([word])
        else:
            current.append(word)
    return [" ".join(words) for words in pieces]


def _tidy_body(piece: str) -> str:
    return " ".join(piece.split()).strip(" ,;:/.").strip()


def _expand_shorthand(body: str, previous: str) -> str:
    if not body or not body[0].islower():
        return body
    if body.casefold().startswith("fagråd"):
        return body[0].upper() + body[1:]
    if previous.startswith("Fagråd for "):
        return f"Fagråd for {body}"
    if previous.startswith("Fagråd "):
        return f"Fagråd {body}"
    return body[0].upper() + body[1:]


# --- table layout ----------------------------------------------------------------------

_YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")
_PERIOD_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
_SINGLE_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_SEPARATOR_RE = re.compile(r"^[\s:|=_\-–—]+$")
_LINK_LINE_RE = re.compile(r"^\[[^\]]*\]\([^)]*\)$")
_AREA_NUMBER_RE = re.compile(r"^\d{1,2}\.?$")
_NUMBERED_RE = re.compile(r"^\d{1,2}\.\d")  # goal or measure number: a data row


@dataclass(frozen=True)
class _Columns:
    """Where each field is in the current section; found from the section's header row."""

    goal_number: int | None  # None: the number is written in the goal cell
    goal_text: int | None
    measure_number: int | None  # None: the number is written in the measure text cell
    text: int
    responsible: int | None
    years: dict[int, int]  # column → year


def _fold(cell: str) -> str:
    return " ".join(html_to_text(cell).replace("*", "").lower().split()).strip(" .:")


def _is_goal_header(name: str) -> bool:
    return name in {"mål", "mal", "delmål", "målsetting", "mål/delmål", "hovudmål", "hovedmål"}


def _is_text_header(name: str) -> bool:
    """Short names only: a measure text that mentions "tiltak" is not a column header."""
    short = len(name.split()) <= 4 and len(name) <= 40
    return short and any(word in name for word in ("tiltak", "handling", "aktivitet"))


def _is_responsible_header(name: str) -> bool:
    return name in {"ansvar", "ansvarlig", "ansvarleg", "ansvarlige", "ansvarlege", "ansvarlig(e)"}


def _header_columns(cells: list[str]) -> _Columns | None:
    """Map a header row to columns, by name where the names say it and by position otherwise.

    The measure text is the last measure-like column before "Ansvar" (section 6
    names its goal column "Tiltak" too); the measure number sits just before
    the text, the goal text before that, the goal number before that. A number
    column has no name of its own (empty, "Pkt.", "Nr", or the name beside it
    repeated by a merged cell); where a named column stands instead, the number
    is written in the text cell ("1.1.1 Felles rutine"). A name followed by an
    empty header before the next named column spans both (a merged Word header
    over the number and the text column): it stands over the number column.
    """
    names = [_fold(cell) for cell in cells]
    years = {i: int(name) for i, name in enumerate(names) if _YEAR_RE.match(name)}
    responsible = next((i for i, n in enumerate(names) if _is_responsible_header(n)), None)
    goal_named = [i for i, n in enumerate(names) if _is_goal_header(n)]
    texts = [i for i, n in enumerate(names) if _is_text_header(n) and i not in goal_named]
    looks_like_header = (responsible is not None and (years or texts)) or (goal_named and texts)
    if not looks_like_header or any(_NUMBERED_RE.match(name) for name in names):
        return None
    before = [i for i in texts if responsible is None or i < responsible]
    if before:
        text = before[-1]
    elif responsible is not None:
        text = responsible - 1
    else:
        return None
    measure_number, text = _number_and_text(names, text, len(names))
    first = text if measure_number is None else measure_number
    goal_text = next((i for i in reversed(goal_named) if i < first), None)
    if goal_text is None:
        goal_text = next((i for i in reversed(texts) if i < first), first - 1)
    goal_number, goal_text = _number_and_text(names, goal_text, first)
    return _Columns(
        goal_number=goal_number,
        goal_text=goal_text if goal_text >= 0 else None,
        measure_number=measure_number,
        text=text,
        responsible=responsible,
        years=years,
    )


def _number_and_text(names: list[str], named: int, end: int) -> tuple[int | None, int]:
    """The number column and the text column of the field whose name is at `named`.

    `end` is where the next field starts (the columns from there on are taken).
    """
    spans = named + 1 < end and names[named + 1] == "" and any(names[named + 2 :])
    if named >= 0 and spans:
        return named, named + 1
    if named >= 1 and (_is_number_header(names[named - 1]) or names[named - 1] == names[named]):
        return named - 1, named
    return None, named


def _is_number_header(name: str) -> bool:
    """An empty header, "Pkt.", "Nr" or a number (the area's): a column of numbers."""
    return name in {"", "pkt", "nr", "nummer", "#"} or name.isdigit()


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index]


@dataclass
class _Reader:
    """Reads the rows in order, keeping the context that merged cells rely on."""

    title: str = ""
    period: tuple[int, int] | None = None
    years: set[int] = field(default_factory=set)
    areas: list[AreaRow] = field(default_factory=list)
    goals: list[GoalRow] = field(default_factory=list)
    measures: list[MeasureRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    columns: _Columns | None = None
    goal: str | None = None
    previous: MeasureRow | None = None
    started: bool = False

    def read(self, line: int, cells: list[str]) -> None:
        filled = [(i, cell.strip()) for i, cell in enumerate(cells) if cell.strip()]
        if len({cell for _, cell in filled}) == 1:
            filled = filled[:1]  # one cell merged across the row: a spreadsheet repeats it
        if not filled or self._is_skippable(filled):
            return
        columns = _header_columns(cells)
        if columns is not None:
            self._start_section(columns)
            return
        if self._read_heading(line, filled):
            return
        if self.columns is None:
            self._problem(
                line, _("Fant en tiltakslinje før kolonneoverskriften (Mål, Tiltak, Ansvar, år).")
            )
            return
        self._read_row(line, cells, self.columns)

    # -- lines that are not measures ----------------------------------------------------

    @staticmethod
    def _is_skippable(filled: list[tuple[int, str]]) -> bool:
        if all(_SEPARATOR_RE.match(cell) for _, cell in filled):
            return True
        return len(filled) == 1 and bool(_LINK_LINE_RE.match(filled[0][1]))

    def _start_section(self, columns: _Columns) -> None:
        self.started = True
        self.columns = columns
        self.years.update(columns.years.values())
        self._reset_context()

    def _reset_context(self) -> None:
        self.goal = None
        self.previous = None

    def _read_heading(self, line: int, filled: list[tuple[int, str]]) -> bool:
        """Title, area heading or free text before the table; True when the line was one."""
        heading = self._heading_text(filled)
        if heading is None:
            return False
        try:
            number, title = parse_area_heading(heading)
        except NumberingError:
            if self.started:
                self._problem(
                    line,
                    _(
                        'Forstår ikke linjen "%(line)s". Ventet en overskrift til et innsatsområde '
                        '(f.eks. "2. Utskrivningsklare pasienter"), en kolonneoverskrift eller en '
                        "tiltakslinje.",
                        line=quoted_line(heading),
                    ),
                )
            elif not self.title:
                self._read_title(heading)
            return True
        self.started = True
        self.areas.append(AreaRow(number, title, line))
        self._reset_context()
        return True

    @staticmethod
    def _heading_text(filled: list[tuple[int, str]]) -> str | None:
        if len(filled) == 1:
            return html_to_text(filled[0][1])
        if len(filled) == 2 and _AREA_NUMBER_RE.match(filled[0][1]):
            title = html_to_text(filled[1][1])
            if title and not title[0].isdigit():
                return f"{filled[0][1].rstrip('.')}. {title}"
        return None

    def _read_title(self, heading: str) -> None:
        self.title = " ".join(heading.split())
        period = _PERIOD_RE.search(self.title)
        if period:
            self.period = (int(period.group(1)), int(period.group(2)))
            return
        single = _SINGLE_YEAR_RE.search(self.title)
        if single:
            self.period = (int(single.group(1)), int(single.group(1)))

    # -- goal and measure rows ----------------------------------------------------------

    def _read_row(self, line: int, cells: list[str], columns: _Columns) -> None:
        goal_number_cell = _cell(cells, columns.goal_number).strip()
        goal_text = html_to_text(_cell(cells, columns.goal_text))
        if columns.goal_number is None:
            goal_number_cell, goal_text = _leading(_LEADING_GOAL_RE, goal_text)
        number_cell = _cell(cells, columns.measure_number).strip()
        text = html_to_text(_cell(cells, columns.text))
        if columns.measure_number is None:
            number_cell, text = _leading(_LEADING_MEASURE_RE, text)
        new_goal = None
        if goal_number_cell:
            new_goal = self._read_goal(line, goal_number_cell, goal_text)
            if new_goal is None:
                return
        if not number_cell:
            if new_goal is None or text:
                self._problem(line, _missing_number_reason(text))
            return
        try:
            number = parse_measure_number(number_cell)
        except NumberingError as error:
            self._problem(line, error.message)
            return
        if new_goal is not None and number.goal != new_goal:
            self._problem(
                line,
                _(
                    "Tiltak %(number)s står på linjen til mål %(goal)s, men nummeret "
                    "hører til mål %(own)s. Rett nummeret eller flytt tiltaket.",
                    number=number.number,
                    goal=new_goal,
                    own=number.goal,
                ),
            )
            return
        if not text:
            self._problem(line, _("Tiltak %(number)s mangler tekst.", number=number.number))
            return
        note = "" if goal_number_cell else goal_text
        self._add_measure(line, cells, columns, number.number, number.references, text, note)

    def _read_goal(self, line: int, cell: str, text: str) -> str | None:
        try:
            number = parse_goal_number(cell)
        except NumberingError as error:
            self._problem(line, error.message)
            return None
        if self._continues_goal(number, text):
            return number
        if not text:
            self._problem(line, _("Mål %(number)s mangler tekst.", number=number))
            return None
        self.goals.append(GoalRow(number, number.split(".")[0], text, line))
        self.goal = number
        self.previous = None
        return number

    def _continues_goal(self, number: str, text: str) -> bool:
        """The goal above, given again: a goal cell merged down over its measures (a
        spreadsheet repeats it on every row), or one row per measure with its goal."""
        current = self.goals[-1] if self.goals and self.goal is not None else None
        return (
            current is not None
            and current.number == number == self.goal
            and (not text or text == current.text)
        )

    def _add_measure(
        self,
        line: int,
        cells: list[str],
        columns: _Columns,
        number: str,
        references: tuple[str, ...],
        text: str,
        note: str,
    ) -> None:
        goal, area = number.rsplit(".", 1)[0], number.split(".")[0]
        wording_cell = html_to_text(_cell(cells, columns.responsible))
        responsible_raw = _without_see_also(wording_cell)
        responsible = split_responsible(responsible_raw)
        previous = self.previous
        if not wording_cell and previous is not None and previous.goal == goal == self.goal:
            responsible_raw, responsible = previous.responsible_raw, previous.responsible
        note_links = find_links(note)
        text_links = find_links(text)
        see_also = _unique(
            (*find_links(wording_cell).see_also, *note_links.see_also, *text_links.see_also,
             *text_links.references),
            exclude={number},
        )  # fmt: skip
        marks = {
            year: mark
            for column, year in columns.years.items()
            if (mark := " ".join(html_to_text(_cell(cells, column)).split()))
        }
        row = MeasureRow(
            number=number,
            goal=goal,
            area=area,
            text=text,
            responsible=responsible,
            responsible_raw=responsible_raw,
            see_also=see_also,
            references=_unique((*references, *note_links.references), exclude={number}),
            marks=marks,
            line=line,
        )
        self.measures.append(row)
        self.previous = row
        if self.goal is None:
            self.goal = goal

    def _problem(self, line: int, reason: str) -> None:
        self.problems.append(RowProblem(line, reason))


_LEADING_GOAL_RE = re.compile(
    r"(?P<number>\d{1,2}\.\d{1,2})(?:\.(?!\d))?(?=\s|$)\s*(?P<text>.*)", re.S
)
_LEADING_MEASURE_RE = re.compile(
    r"(?P<number>\d{1,2}\.\d{1,2}\.\d{1,3}[A-Za-z]?)\.?(?=\s|$)\s*(?P<text>.*)", re.S
)
"""A number at the start of a goal or measure cell ("1.1 Betre samhandling", "2.1.2A Nedsette"):
a letter only when it follows the number directly, since "3.3.1 I fellesskap …" is no 3.3.1I."""


def _leading(number: re.Pattern[str], cell: str) -> tuple[str, str]:
    """The number a cell starts with and the text after it; ("", cell) when it has none."""
    found = number.match(cell)
    return (found["number"], found["text"]) if found else ("", cell)


def _missing_number_reason(text: str) -> str:
    if text:
        return _(
            'Tiltaket "%(text)s" mangler tiltaksnummer (f.eks. 2.1.3).', text=quoted_line(text)
        )
    return _("Forstår ikke linjen: den har verken mål, tiltaksnummer eller tiltakstekst.")


def _without_see_also(wording: str) -> str:
    """The responsible wording with "Ses i helhet med …" removed and empty lines dropped."""
    lines = [" ".join(remove_see_also(line).split()) for line in wording.splitlines()]
    kept = [line for line in lines if line and line != "-"]
    out = ""
    for index, line in enumerate(kept):
        if index:
            both_items = line.startswith("- ") and kept[index - 1].startswith("- ")
            out += "\n" if both_items else "\n\n"
        out += line
    return out


def _unique(numbers: Sequence[str], exclude: set[str]) -> tuple[str, ...]:
    result: list[str] = []
    for number in numbers:
        if number not in exclude and number not in result:
            result.append(number)
    return tuple(result)


def quoted_line(text: str) -> str:
    """A line of the file as a problem quotes it: on one line, and cut as every refusal cuts
    what was typed (`excerpt`)."""
    return excerpt(" ".join(text.split()))


# --- checks across rows ----------------------------------------------------------------


def _validate(table: PlanTable) -> list[RowProblem]:
    areas, problems = _first_lines(table.areas, N_("Innsatsområde %(number)s står flere ganger"))
    goals, goal_problems = _first_lines(table.goals, N_("Mål %(number)s står flere ganger"))
    problems += goal_problems
    repeated = {p.line for p in goal_problems}
    problems += [
        RowProblem(
            goal.line,
            _(
                "Mål %(number)s hører til innsatsområde %(area)s, som ikke finnes i tabellen.",
                number=goal.number,
                area=goal.area,
            ),
        )
        for goal in table.goals
        if goal.line not in repeated and goal.area not in areas
    ]
    problems.extend(_measure_problems(table, goals))
    return problems


def _first_lines(
    rows: Sequence[AreaRow | GoalRow | MeasureRow], repeated: str
) -> tuple[dict[str, int], list[RowProblem]]:
    """The line where each number first stands, and a problem for every later repeat.

    `repeated` is a message key (`N_`) with a `%(number)s`.
    """
    first: dict[str, int] = {}
    problems: list[RowProblem] = []
    for row in rows:
        if row.number in first:
            problems.append(
                RowProblem(
                    row.line,
                    _(
                        "%(repeated)s (første gang på linje %(line)s).",
                        repeated=_(repeated, number=row.number),
                        line=first[row.number],
                    ),
                )
            )
        first.setdefault(row.number, row.line)
    return first, problems


def _measure_problems(table: PlanTable, goals: dict[str, int]) -> list[RowProblem]:
    __, problems = _first_lines(
        table.measures, N_("Tiltaksnummeret %(number)s er brukt flere ganger")
    )
    for row in table.measures:
        if row.goal not in goals:
            problems.append(
                RowProblem(
                    row.line,
                    _(
                        "Tiltak %(number)s hører til mål %(goal)s, som ikke finnes i tabellen.",
                        number=row.number,
                        goal=row.goal,
                    ),
                )
            )
        for year, mark in sorted(row.marks.items()):
            try:
                parse_year_mark(mark)
            except TimeframeError as error:
                problems.append(
                    RowProblem(
                        row.line,
                        _(
                            "Tiltak %(number)s, %(year)s: %(reason)s",
                            number=row.number,
                            year=year,
                            reason=error.message,
                        ),
                    )
                )
    return problems
