"""Read an action plan written as prose: text copied from a web page or a PDF, or a Word file.

Two of the plans we know are not tables. Fonna 2021 numbers its areas ("1.
Oppfølging av samarbeidsavtaler") and goals ("1.1 …", once "1.5; …"), lists
measures as "•" bullets with "◦" sub-bullets and ends each goal with
"Tidsramme: Vår 2021". Innlandet's spring 2022 plan is a numbered list of
tasks under a heading ("Oppgaver våren 2022"), each with a "Beskrivelse av
oppdraget;" and its deadline in the sentence ("innen medio mai"). This module
is pure: lines of text in, a `PlanOutline` out. The rules, so the result can
be checked by hand:

- Everything before the first area or goal (or before the list's heading) is
  the introduction, not a measure; the title is its first short line with a
  year in it ("Handlingsplan for 2021"), and the plan's year comes from it.
- A "•" bullet (also "-", "*" and Word's symbol bullets) starts a measure;
  "◦" sub-bullets (or a bullet character other than the goal's first) are a
  list in that measure's text.
- A lettered list ("a) …", "a. …", "(a) …", "A) …") belongs to the measure,
  task or paragraph above it: each item is a line of its text, as written.
- In a goal with bullets a loose paragraph is a note on the goal; in a goal
  without bullets each paragraph is a measure; a goal with neither gets one
  measure with the goal's own text.
- "Tidsramme: Vår 2021" is the timeframe of the measures above it in the goal
  (or of all of them when it comes first): year marks ("x vår" in 2021), a
  deadline when it gives a date, and its wording as the timeframe note. Text
  after a goal's timeframe that is not a new measure has no place.
- "Ansvar: SSU" (or "Ansvarleg:", "Ansvarlig:") gives the responsible bodies
  of the measures above it in the goal (of all of them when it comes first),
  read as a table's Ansvar cell is.
- Numbered tasks ("1. …") with no goals anywhere are one area and one goal,
  both named by the list's heading; the tasks are measures 1.1.1, 1.1.2 … and
  the paragraphs under a task (after "Beskrivelse av oppdraget;") its
  description.
- A date in a measure's own sentence is its deadline ("innen 1. april" →
  01.04 of the plan's year, "innen medio mai" → 15.05); a season with its year
  is a year mark ("ila våren 2022" → "x vår" in 2022).
- A line that starts in lower case continues the paragraph before it when
  that one does not end a sentence (a PDF's line or page break), but never an
  area or goal heading: a heading has no full stop, and the paragraph under it
  ("sluttføre planarbeidet") is a measure of its own. A paragraph's
  lines are joined once, so a long plan is read in time linear in its length.
- What fits nowhere is listed with its line number in `unplaced`, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum

from domain.dates import (
    MONTHS,
    DateError,
    find_norwegian_date,
    parse_norwegian_date,
    search_norwegian_date,
)
from domain.numbering import SPACED_LETTER, NumberingError, parse_measure_number
from domain.plan_outline import (
    OutlineArea,
    OutlineGoal,
    OutlineMeasure,
    Paragraph,
    PlanOutline,
    UnplacedLine,
    outline_from_table,
)
from domain.plan_table import RowProblem, is_plan_table, parse_plan_table, split_responsible
from domain.richtext import html_to_text
from domain.timeframe import (
    find_season_phrases,
    marks_from_timeframe,
    said_by_marks,
    season_marks,
)
from language import _


def read_plan(rows: Sequence[Sequence[str]], *, first_line: int = 1) -> PlanOutline:
    """Read a plan file's rows as a table when they are laid out as one, as prose otherwise."""
    if is_plan_table(rows):
        return outline_from_table(parse_plan_table(rows, first_line=first_line))
    return parse_prose_plan(rows, first_line=first_line)


def parse_prose_plan(rows: Sequence[Sequence[str]], *, first_line: int = 1) -> PlanOutline:
    """Read a plan written as prose; `rows` are its lines (cells of a line are joined)."""
    lines = _paragraphs(rows, first_line)
    structured = any(line.kind in (_Kind.GOAL, _Kind.MEASURE) for line in lines)
    starts = (_Kind.AREA, _Kind.GOAL, _Kind.MEASURE) if structured else (_Kind.AREA,)
    start = next((i for i, line in enumerate(lines) if line.kind in starts), len(lines))
    title = _title(lines[:start])
    period = _period(title, lines[:start])
    plan_year = period[0] if period else None
    if start == len(lines):
        problem = RowProblem(
            lines[0].line if lines else first_line,
            _(
                "Fant verken innsatsområde («1. …»), mål («1.1 …») eller nummererte oppgaver "
                "i teksten."
            ),
        )
        return PlanOutline(title, period, (), _intro(lines), problems=(problem,))
    if structured:
        reader: _Reader = _AreaReader(plan_year)
        intro = _intro(lines[:start])
    else:
        heading = _list_heading(lines[:start], title)
        reader = _TaskReader(plan_year, heading)
        intro = _intro(lines[: start - 1] if heading.line else lines[:start])
    for line in lines[start:]:
        reader.read(line)
    outline = PlanOutline(
        title=title,
        period=period,
        areas=reader.finish(),
        intro=intro,
        unplaced=tuple(reader.unplaced),
    )
    checked = outline.to_table(skip_unplaced=True).validate()
    problems = sorted((*reader.problems, *checked), key=lambda p: p.line)
    return replace(outline, problems=tuple(problems))


# --- lines -----------------------------------------------------------------------------


class _Kind(Enum):
    AREA = "area"  # "1. Oppfølging av samarbeidsavtaler", or a task "1. Helsefelleskap …"
    GOAL = "goal"  # "1.1 Samarbeid om …", "1.5; Årleg gjennomgang …"
    MEASURE = "measure"  # "1.1.1 Planlegge …"
    BULLET = "bullet"  # "• …", "- …"
    NUMBERED = "numbered"  # "1. …", "2. …" under a goal: a measure of a numbered list
    SUB_BULLET = "sub-bullet"  # "◦ …"
    LETTERED = "lettered"  # "a) …", "a. …", "(A) …": an item of a list in a measure
    TIMEFRAME = "timeframe"  # "Tidsramme: Vår 2021"
    RESPONSIBLE = "responsible"  # "Ansvar: SSU", "Ansvarleg: Fagråd for legesamarbeid"
    DESCRIPTION = "description"  # "Beskrivelse av oppdraget;"
    LABEL = "label"  # "Tiltak": a heading over the bullets, nothing to store
    TEXT = "text"


@dataclass(frozen=True)
class _Line:
    """One paragraph of the source: its first line number, kind, and the parts that matter."""

    line: int
    kind: _Kind
    raw: str
    text: str
    number: str = ""
    bullet: str = ""


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_AREA_RE = re.compile(
    rf"^(?P<number>\d{{1,2}})[.)]\s+(?!(?:{_MONTH_NAMES})\b)(?P<text>[^\d\s].*)$", re.IGNORECASE
)
_UNSTOPPED_AREA_RE = re.compile(
    rf"^(?P<number>[1-9]\d?)\s+(?!(?:{_MONTH_NAMES})\b)(?P<text>[^\d\s].*)$", re.IGNORECASE
)
# No leading zeros in goal and measure numbers, so "15.04 …" and "01.03.23" are not numbers.
_GOAL_RE = re.compile(r"^(?P<number>(?:\d|[1-9]\d)\.[1-9]\d?)[.;:)]?\s+(?P<text>\S.*)$")
# A letter may follow the number after a space ("1.1.3 A Tredje" is 1.1.3A), as links read
# it (`SPACED_LETTER`): "1.1.1 I samarbeid med …" keeps its word.
_MEASURE_RE = re.compile(
    rf"^(?P<number>(?:\d|[1-9]\d)\.[1-9]\d?\.[1-9]\d{{0,2}}(?:[A-Z]|{SPACED_LETTER})?)"
    r"[.;:)]?\s+(?P<text>\S.*)$"
)
# The `bullet` of a goal whose measures are a numbered list ("1.", "2." …).
_NUMBERED_LIST = "1."
_TOP_BULLETS = "•●‣➢►✓\uf0b7\uf0d8\uf0fc"
_SUB_BULLETS = "◦○▪■□\uf0a7"
_BULLET_RE = re.compile(
    rf"^(?:(?P<symbol>[{_TOP_BULLETS}{_SUB_BULLETS}])\s*|(?P<ascii>[-–*o])\s+)(?P<text>\S.*)$"
)
# "a)", "a.", "(a)" and "A)", "(A)"; not "A.", which starts a name ("A. Hansen") as often.
_LETTERED_RE = re.compile(r"^(?:\(?[a-zæøåA-ZÆØÅ]\)|[a-zæøå]\.)\s+\S")
# "Tidsramme: Vår 2021"; without the colon only before a year or a season ("Tidsramme
# 2024", "Tidsramme våren 2024"), so a sentence ("Tidsplan for arbeidet …") stays text.
_TIMEFRAME_RE = re.compile(
    r"^(?:tidsramme|tidsrom|tidsplan|frist)"
    r"(?:\s*[:;]\s*|\s+(?=(?:(?:19|20)\d{2}|vår|våren|haust|hausten|høst|høsten)\b))"
    r"(?P<text>\S.*)$",
    re.IGNORECASE,
)
# "Ansvar: SSU": who carries out the measures above it, as a table's Ansvar column says.
# The colon is needed: "Ansvar for oppfølging ligg hos kommunane" is a sentence.
_RESPONSIBLE_RE = re.compile(
    r"^(?:ansvar|ansvarleg|ansvarlig|ansvarlege|ansvarlige)\s*[:;]\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
_DESCRIPTION_RE = re.compile(
    r"^(?:beskrivelse|beskriving|skildring)"
    r"(?:\s+av\s+(?:oppdraget|tiltaket|oppgaven|oppgåva))?\s*[:;.]?$",
    re.IGNORECASE,
)
_LABELS = {
    "tiltak", "aktuelle tiltak", "aktivitetar", "aktiviteter", "aktivitet", "mål", "delmål",
}  # fmt: skip
_SENTENCE_END = (".", "!", "?", ":", ";")
# The kinds of paragraph a lower-case line may continue. Not an area or goal heading: a
# heading ends without a full stop, so a measure paragraph written in lower case under it
# (Fonna's "sluttføre planarbeidet" under goal 2.1, copied without its bullet) would be
# glued onto the goal's text and lost as a measure; in a Word file a paragraph under a
# heading is always a paragraph of its own.
_CONTINUED = (
    _Kind.TEXT,
    _Kind.BULLET,
    _Kind.SUB_BULLET,
    _Kind.LETTERED,
    _Kind.MEASURE,
    _Kind.NUMBERED,
)


# Zero-width spaces and byte-order marks: invisible, but web pages (SharePoint, Teams
# wikis) put U+200B before list items, and a "•" behind one would not start a measure.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))


def _paragraphs(rows: Sequence[Sequence[str]], first_line: int) -> list[_Line]:
    """The source's paragraphs, classified; a PDF's broken lines are joined again.

    Each paragraph's lines are gathered first and joined once: joining them one by one
    copies the paragraph so far for every line, which takes seconds for a long one.
    """
    lines: list[_Line] = []
    for offset, cells in enumerate(rows):
        raw = " ".join(" ".join(str(cell) for cell in cells).translate(_INVISIBLE).split())
        if raw:
            lines.append(_classify(first_line + offset, raw))
    paragraphs: list[list[_Line]] = []
    for line in _numbered_measures(_unstopped_areas(lines)):
        if paragraphs and _continues(paragraphs[-1], line):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [_joined(lines) for lines in paragraphs]


def _unstopped_areas(lines: list[_Line]) -> list[_Line]:
    """Area headings numbered without a full stop ("1 Oppfølging av …") where goals of that
    area ("1.1 …") follow.

    Word's own heading list numbers "Overskrift 1" as "1", with no full stop, so a plan
    numbered with it has no "1." anywhere. A number and a space alone also start sentences
    ("5 kommunar deltek …"), so such a line is an area only when it reads as a heading and
    the next goal, with nothing but paragraphs between, has its number.
    """
    following: str | None = None  # the area number of the goal below, while it may be read
    for index in reversed(range(len(lines))):
        line = lines[index]
        if line.kind is _Kind.GOAL:
            following = line.number.split(".")[0]
        elif (
            line.kind is _Kind.TEXT
            and (match := _UNSTOPPED_AREA_RE.match(line.raw))
            and str(int(match["number"])) == following
            and _is_heading(line)
        ):
            lines[index] = replace(line, kind=_Kind.AREA, text=match["text"], number=following)
            following = None
        elif line.kind not in (_Kind.TEXT, _Kind.LABEL):
            following = None
    return lines


def _numbered_measures(lines: list[_Line]) -> list[_Line]:
    """Measures numbered "1.", "2." … under a goal, which read as area headings alone.

    Word numbers a goal's measures with a plain list as often as with bullets. Under a
    goal, a line "1. …" starts such a list and "2. …" continues it, unless goals of that
    number follow it ("2. Oppfølging av …" with "2.1 …" below is the next area). Two
    passes, so a long plan is read in time linear in its length: the first (backwards)
    finds the lines that head goals of their own number.
    """
    heads_goals: set[int] = set()
    following: str | None = None
    for index in reversed(range(len(lines))):
        line = lines[index]
        if line.kind is _Kind.GOAL:
            following = line.number.split(".")[0]
        elif line.kind is _Kind.AREA:
            if line.number == following:
                heads_goals.add(index)
            following = None
    in_goal, expected = False, 1
    for index, line in enumerate(lines):
        if line.kind is _Kind.GOAL:
            in_goal, expected = True, 1
        elif line.kind is _Kind.AREA:
            if in_goal and line.number == str(expected) and index not in heads_goals:
                lines[index] = replace(line, kind=_Kind.NUMBERED)
                expected += 1
            else:
                in_goal = False
    return lines


def _continues(paragraph: list[_Line], line: _Line) -> bool:
    if line.kind is not _Kind.TEXT or not line.raw[0].islower():
        return False
    if paragraph[0].kind in (_Kind.AREA, _Kind.GOAL):
        return _broken_off(paragraph[-1].raw)
    return paragraph[0].kind in _CONTINUED and not paragraph[-1].raw.endswith(_SENTENCE_END)


# Words a heading cannot end on: a heading that does was broken over two lines by a PDF
# («… pasientar med» / «kroniske sjukdommar»), and its next line finishes it.
_BROKEN_OFF = frozenset({
    "og", "eller", "samt", "og/eller", "i", "på", "for", "av", "med", "til", "om", "ved",
    "frå", "fra", "mellom", "under", "etter", "mot", "hos", "gjennom", "utan", "uten",
    "blant", "innan", "innen", "over", "den", "det", "dei", "de", "ein", "en", "eit", "et",
})  # fmt: skip


def _broken_off(heading: str) -> bool:
    """Whether an area or goal heading stops mid-phrase: on a hyphen, a comma, or a word
    no heading ends on (`_BROKEN_OFF`). Otherwise a line in lower case under it is a
    paragraph of its own (Fonna's measure «sluttføre planarbeidet» under goal 2.1)."""
    words = heading.split()
    return heading.endswith(("-", ",")) or (bool(words) and words[-1].lower() in _BROKEN_OFF)


def _joined(lines: list[_Line]) -> _Line:
    """A paragraph's first line with the lines that continue it."""
    first, rest = lines[0], [line.raw for line in lines[1:]]
    if not rest:
        return first
    return replace(first, raw=" ".join([first.raw, *rest]), text=" ".join([first.text, *rest]))


def _classify(number: int, raw: str) -> _Line:
    if match := _MEASURE_RE.match(raw):
        return _Line(number, _Kind.MEASURE, raw, match["text"], number=match["number"])
    if match := _GOAL_RE.match(raw):
        return _Line(number, _Kind.GOAL, raw, match["text"], number=match["number"])
    if match := _AREA_RE.match(raw):
        return _Line(number, _Kind.AREA, raw, match["text"], number=str(int(match["number"])))
    if match := _BULLET_RE.match(raw):
        bullet = match["symbol"] or match["ascii"]
        kind = _Kind.SUB_BULLET if bullet in _SUB_BULLETS + "o" else _Kind.BULLET
        return _Line(number, kind, raw, match["text"], bullet=bullet)
    if _LETTERED_RE.match(raw):
        return _Line(number, _Kind.LETTERED, raw, raw)
    if match := _TIMEFRAME_RE.match(raw):
        return _Line(number, _Kind.TIMEFRAME, raw, match["text"])
    if match := _RESPONSIBLE_RE.match(raw):
        return _Line(number, _Kind.RESPONSIBLE, raw, match["text"])
    if _DESCRIPTION_RE.match(raw):
        return _Line(number, _Kind.DESCRIPTION, raw, "")
    if raw.casefold().strip(" :;.") in _LABELS:
        return _Line(number, _Kind.LABEL, raw, "")
    return _Line(number, _Kind.TEXT, raw, raw)


# --- the introduction ------------------------------------------------------------------

_PERIOD_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
# "2024/2025", "2024/25", "2024–25": a plan over two (or a few) years written as a school
# year is, or with the second year short. Only a later year within ten counts (see
# `_short_period`), so a case number ("sak 2023/1234") is no period.
_SHORT_PERIOD_RE = re.compile(
    r"(?<![\d./])((?:19|20)\d{2})(?:/|[-–—](?=\d{2}(?!\d)))(\d{2}|\d{4})(?!\d)"
)
_YEAR_RE = re.compile(r"(?<![\d./])((?:19|20)\d{2})(?![\d/])")


def _is_heading(line: _Line) -> bool:
    return line.kind is _Kind.TEXT and len(line.raw.split()) <= 12 and not line.raw.endswith(".")


def _title(intro: Sequence[_Line]) -> str:
    headings = [line.raw for line in intro if _is_heading(line)]
    with_year = [text for text in headings if _YEAR_RE.search(text) or _short_period(text)]
    return (with_year or headings or [""])[0]


def _period(title: str, intro: Sequence[_Line]) -> tuple[int, int] | None:
    if period := _PERIOD_RE.search(title):
        return int(period.group(1)), int(period.group(2))
    if short := _short_period(title):
        return short
    for text in (title, *(line.raw for line in intro)):
        if year := _YEAR_RE.search(text):
            return int(year.group(1)), int(year.group(1))
    return None


def _short_period(text: str) -> tuple[int, int] | None:
    """The years of "2024/2025", "2024/25" or "2024–25" in the text: the second year in the
    first's century when it has two digits, and only when it comes after the first (and
    within ten years), so that no case number or count is read as a period."""
    for match in _SHORT_PERIOD_RE.finditer(text):
        first, second = int(match[1]), match[2]
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if first < last <= first + 10:
            return first, last
    return None


def _intro(lines: Sequence[_Line]) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(line.line, line.raw) for line in lines)


def _list_heading(intro: Sequence[_Line], title: str) -> Paragraph:
    """The heading over a numbered task list: the paragraph just before the first task."""
    if intro and _is_heading(intro[-1]):
        return Paragraph(intro[-1].line, intro[-1].raw)
    return Paragraph(0, title)


# --- drafts: the tree while it is being read -------------------------------------------


@dataclass(frozen=True)
class _Timeframe:
    line: int
    wording: str


@dataclass(frozen=True)
class _Responsible:
    """An "Ansvar: …" line: the responsible bodies of the measures above it in the goal
    (of all of them when it comes first), as a table's Ansvar column gives them. Without
    it the line was read as a measure or a note, and the bodies were lost."""

    line: int
    wording: str


@dataclass
class _MeasureDraft:
    number: str
    line: int
    text: str
    items: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    describing: bool = False
    timeframe: _Timeframe | None = None
    responsible: str = ""

    def add_item(self, item: str) -> None:
        (self.description if self.describing else self.items).append(item)

    def finish(self, plan_year: int | None) -> OutlineMeasure:
        """The measure with its own dates and seasons, else those of its timeframe line."""
        marks: dict[int, str] = {}
        deadline = None
        note = ""
        if self.timeframe is not None:
            marks = marks_from_timeframe(self.timeframe.wording)
        # A date without a year ("innen 1. april") falls in the measure's own year: the
        # first its timeframe or sentence marks ("Vår 2023"), else the plan's first year.
        all_marks = {**marks, **season_marks(self.text)}
        year = min(all_marks) if all_marks else plan_year
        if self.timeframe is not None:
            deadline = _timeframe_deadline(self.timeframe.wording, year)
            note = "" if said_by_marks(self.timeframe.wording) else self.timeframe.wording
        own_deadline = _deadline_phrase(self.text, year)
        own_phrases = [own_deadline[1]] if own_deadline else []
        own_phrases += find_season_phrases(self.text)
        if own_phrases:
            note = "; ".join(own_phrases)
        return OutlineMeasure(
            number=self.number,
            text=html_to_text("\n".join([self.text, *self.items])),
            line=self.line,
            marks=all_marks,
            timeframe_note=note,
            deadline=own_deadline[0] if own_deadline else deadline,
            description=html_to_text("\n".join(self.description)),
            responsible=split_responsible(self.responsible),
            responsible_raw=self.responsible,
        )


def _timeframe_deadline(wording: str, year: int | None) -> date | None:
    """The deadline a timeframe line gives. A line that is only a day and a month
    ("Frist: 01.04", "Tidsramme: 1.4.") is that date: in running text "1.4" would rather
    be a goal number, so `find_norwegian_date` reads it only after "innen", "frist" ….
    """
    try:
        return parse_norwegian_date(wording, year)
    except DateError:
        return find_norwegian_date(wording, year)


_DEADLINE_WORDS_RE = re.compile(
    r"\b(?:innen|innan|inna|før|senest|seinast|frist)\s+(?:den\s+)?$", re.IGNORECASE
)


def _deadline_phrase(text: str, plan_year: int | None) -> tuple[date, str] | None:
    """The first date in the text and its wording with the word before it ("innen 1. april")."""
    found = search_norwegian_date(text, plan_year)
    if found is None:
        return None
    before = _DEADLINE_WORDS_RE.search(text[: found.start])
    return found.day, text[before.start() if before else found.start : found.end]


def _item(line: _Line) -> str:
    """A line of a list in a measure's text: a bullet as "- …", a lettered or numbered item
    as written."""
    return line.raw if line.kind in (_Kind.LETTERED, _Kind.NUMBERED) else f"- {line.text}"


@dataclass
class _ParagraphDraft:
    """A loose paragraph in a goal and the lettered list under it: a note on a goal with
    bullets, a measure in a goal without."""

    line: int
    text: str
    items: list[str] = field(default_factory=list)

    def as_text(self) -> str:
        return html_to_text("\n".join([self.text, *self.items]))


@dataclass
class _GoalDraft:
    """A goal being read. `current` (the last measure) and `has_content` are kept as the
    entries come, so that reading each line takes the same time however long the goal."""

    number: str
    text: str
    line: int
    entries: list[_MeasureDraft | _ParagraphDraft | _Timeframe | _Responsible] = field(
        default_factory=list
    )
    current: _MeasureDraft | None = None
    has_content: bool = False
    bullet: str = ""
    after_timeframe: bool = False

    def add(self, entry: _MeasureDraft | _ParagraphDraft | _Timeframe | _Responsible) -> None:
        self.entries.append(entry)
        if isinstance(entry, _MeasureDraft):
            self.current = entry
        if isinstance(entry, (_MeasureDraft, _ParagraphDraft)):
            self.has_content = True

    @property
    def listing(self) -> _MeasureDraft | _ParagraphDraft | None:
        """What a lettered line lists under: the measure or paragraph just read."""
        last = self.entries[-1] if self.entries else None
        return last if isinstance(last, (_MeasureDraft, _ParagraphDraft)) else None

    def finish(self, plan_year: int | None) -> OutlineGoal:
        bulleted = self.current is not None
        ordered: list[_MeasureDraft | _Timeframe | _Responsible] = []
        notes: list[Paragraph] = []
        for entry in self.entries:
            if isinstance(entry, _ParagraphDraft) and bulleted:
                notes.append(Paragraph(entry.line, entry.as_text()))
            elif isinstance(entry, _ParagraphDraft):
                ordered.append(_MeasureDraft("", entry.line, entry.text, entry.items))
            else:
                ordered.append(entry)
        if not any(isinstance(entry, _MeasureDraft) for entry in ordered):
            ordered.insert(0, _MeasureDraft("", self.line, self.text))
        _give_responsible(ordered)
        measures = _with_timeframes([e for e in ordered if not isinstance(e, _Responsible)])
        for index, measure in enumerate(measures, start=1):
            measure.number = measure.number or f"{self.number}.{index}"
        return OutlineGoal(
            self.number,
            html_to_text(self.text),
            self.line,
            tuple(measure.finish(plan_year) for measure in measures),
            tuple(notes),
        )


def _give_responsible(ordered: Sequence[_MeasureDraft | _Timeframe | _Responsible]) -> None:
    """Give each measure the "Ansvar:" line below it (a timeframe line between does not
    matter); one standing before every measure is for them all."""
    pending: list[_MeasureDraft] = []
    first: _Responsible | None = None
    for entry in ordered:
        if isinstance(entry, _MeasureDraft):
            pending.append(entry)
        elif isinstance(entry, _Responsible):
            if not pending and first is None:
                first = entry
            for measure in pending:
                measure.responsible = entry.wording
            pending = []
    for measure in pending:
        measure.responsible = measure.responsible or (first.wording if first else "")


def _with_timeframes(ordered: list[_MeasureDraft | _Timeframe]) -> list[_MeasureDraft]:
    """Give each measure the timeframe line below it; one standing first is for them all."""
    pending: list[_MeasureDraft] = []
    first: _Timeframe | None = None
    for entry in ordered:
        if isinstance(entry, _MeasureDraft):
            pending.append(entry)
            continue
        if not pending and first is None:
            first = entry
        for measure in pending:
            measure.timeframe = entry
        pending = []
    for measure in pending:
        measure.timeframe = measure.timeframe or first
    return [entry for entry in ordered if isinstance(entry, _MeasureDraft)]


@dataclass
class _AreaDraft:
    number: str
    title: str
    line: int
    goals: list[_GoalDraft] = field(default_factory=list)


# --- readers ---------------------------------------------------------------------------


class _Reader:
    """Reads the paragraphs after the introduction into areas; what fits nowhere is unplaced."""

    def __init__(self, plan_year: int | None) -> None:
        self.plan_year = plan_year
        self.unplaced: list[UnplacedLine] = []
        self.problems: list[RowProblem] = []

    def read(self, line: _Line) -> None:
        raise NotImplementedError

    def finish(self) -> tuple[OutlineArea, ...]:
        raise NotImplementedError

    def _unplace(self, line: _Line, reason: str) -> None:
        self.unplaced.append(UnplacedLine(line.line, line.raw, reason))


class _AreaReader(_Reader):
    """Areas, goals and measures, as in Fonna's plan."""

    def __init__(self, plan_year: int | None) -> None:
        super().__init__(plan_year)
        self.areas: list[_AreaDraft] = []
        self.goal: _GoalDraft | None = None

    def read(self, line: _Line) -> None:
        if line.kind is _Kind.AREA:
            self.areas.append(_AreaDraft(line.number, html_to_text(line.text), line.line))
            self.goal = None
        elif line.kind is _Kind.GOAL:
            self._start_goal(line)
        elif line.kind is not _Kind.LABEL:
            goal = self.goal
            if goal is None:
                self._unplace(line, self._outside_goal())
            else:
                self._read_in_goal(goal, line)

    def finish(self) -> tuple[OutlineArea, ...]:
        return tuple(
            OutlineArea(
                area.number,
                area.title,
                area.line,
                tuple(goal.finish(self.plan_year) for goal in area.goals),
            )
            for area in self.areas
        )

    def _outside_goal(self) -> str:
        if self.areas:
            return _(
                "står mellom overskriften til innsatsområde %(area)s og første mål",
                area=self.areas[-1].number,
            )
        return _("står før første innsatsområde")

    def _start_goal(self, line: _Line) -> None:
        number = line.number.rstrip(".")
        self.goal = _GoalDraft(number, line.text, line.line)
        if not self.areas:
            self.problems.append(
                RowProblem(
                    line.line,
                    _(
                        "Mål %(number)s står før overskriften til første innsatsområde.",
                        number=number,
                    ),
                )
            )
            return
        area = self.areas[-1]
        if number.split(".")[0] != area.number:
            self.problems.append(
                RowProblem(
                    line.line,
                    _(
                        "Mål %(number)s står under innsatsområde %(area)s; nummeret hører til "
                        "innsatsområde %(own)s.",
                        number=number,
                        area=area.number,
                        own=number.split(".")[0],
                    ),
                )
            )
        area.goals.append(self.goal)

    def _read_in_goal(self, goal: _GoalDraft, line: _Line) -> None:
        if line.kind is _Kind.MEASURE:
            self._add_numbered(goal, line)
        elif line.kind is _Kind.BULLET and not (goal.bullet and line.bullet != goal.bullet):
            goal.bullet = goal.bullet or line.bullet
            goal.add(_MeasureDraft("", line.line, line.text))
            goal.after_timeframe = False
        elif line.kind in (_Kind.BULLET, _Kind.SUB_BULLET):
            self._add_sub_item(goal, line)
        elif line.kind is _Kind.NUMBERED and goal.bullet in ("", _NUMBERED_LIST):
            goal.bullet = _NUMBERED_LIST
            goal.add(_MeasureDraft("", line.line, line.text))
            goal.after_timeframe = False
        elif line.kind is _Kind.NUMBERED:
            self._add_sub_item(goal, line)
        elif line.kind is _Kind.TIMEFRAME:
            goal.after_timeframe = goal.has_content
            goal.add(_Timeframe(line.line, line.text))
        elif line.kind is _Kind.RESPONSIBLE:
            goal.add(_Responsible(line.line, line.text))
        elif line.kind is _Kind.DESCRIPTION:
            if goal.current is None:
                self._unplace(
                    line,
                    _(
                        "en beskrivelse i mål %(goal)s, men uten tiltak over seg",
                        goal=goal.number,
                    ),
                )
            else:
                goal.current.describing = True
                goal.after_timeframe = False
        elif goal.after_timeframe:
            self._unplace(line, _("står etter tidsrammen til mål %(goal)s", goal=goal.number))
        elif goal.current is not None and goal.current.describing:
            goal.current.description.append(line.text)
        elif line.kind is _Kind.LETTERED and (listing := goal.listing) is not None:
            listing.items.append(line.raw)
        else:
            goal.add(_ParagraphDraft(line.line, line.text))

    def _add_numbered(self, goal: _GoalDraft, line: _Line) -> None:
        try:
            number = parse_measure_number(line.number)
        except NumberingError as error:
            self.problems.append(RowProblem(line.line, error.message))
            return
        if number.goal != goal.number:
            self.problems.append(
                RowProblem(
                    line.line,
                    _(
                        "Tiltak %(number)s står under mål %(goal)s; nummeret hører til "
                        "mål %(own)s.",
                        number=number.number,
                        goal=goal.number,
                        own=number.goal,
                    ),
                )
            )
        goal.add(_MeasureDraft(number.number, line.line, line.text))
        goal.after_timeframe = False

    def _add_sub_item(self, goal: _GoalDraft, line: _Line) -> None:
        current = goal.current
        if current is None or goal.after_timeframe:
            self._unplace(
                line,
                _("et underpunkt i mål %(goal)s uten tiltak (•) over seg", goal=goal.number),
            )
            return
        current.add_item(_item(line))


class _TaskReader(_Reader):
    """A numbered list of tasks under one heading, as in Innlandet's plan."""

    def __init__(self, plan_year: int | None, heading: Paragraph) -> None:
        super().__init__(plan_year)
        self.heading = heading
        self.tasks: list[_MeasureDraft] = []
        if not heading.text:
            self.problems.append(
                RowProblem(1, _("Fant ingen overskrift over den nummererte listen med oppgaver."))
            )

    def read(self, line: _Line) -> None:
        task = self.tasks[-1] if self.tasks else None
        if line.kind is _Kind.AREA:
            self.tasks.append(_MeasureDraft(f"1.1.{line.number}", line.line, line.text))
        elif task is None or line.kind is _Kind.LABEL:
            return
        elif line.kind is _Kind.DESCRIPTION:
            task.describing = True
        elif line.kind in (_Kind.BULLET, _Kind.SUB_BULLET, _Kind.LETTERED):
            task.add_item(_item(line))
        elif line.kind is _Kind.TIMEFRAME:
            task.timeframe = _Timeframe(line.line, line.text)
        elif line.kind is _Kind.RESPONSIBLE:
            task.responsible = line.text
        else:
            task.description.append(line.raw)

    def finish(self) -> tuple[OutlineArea, ...]:
        title = html_to_text(self.heading.text)
        line = self.heading.line or (self.tasks[0].line if self.tasks else 1)
        goal = OutlineGoal(
            "1.1", title, line, tuple(task.finish(self.plan_year) for task in self.tasks)
        )
        return (OutlineArea("1", title, line, (goal,)),)
