"""The national store: every health community's plan with years of history, built by commands.

    summary = build_nation(app, QUICK)      # 3 communities × 200 measures × 3 years

A seeded generator decides everything up front (which measures change, to
what, who reports which colour), so the same seed and size give the same
events and the same final plans, whatever the machine. Every change goes
through the application's own commands (`Planlogg.change_plan` with the
`Plan` aggregate's methods), many commands per save as one sheet cycle
does, so building millions of events takes minutes, not hours.
The communities work side by side, as they do: each takes a step of its
year (a revision, a month's sheet sync, an adoption, a reporting round) in
turn, so the log interleaves the plans as a real one does.

One community's year, for a plan of M measures:
- a revision is started (from the second year on), some measures are
  reworded on the web, a few added and a few removed;
- a sheet is synced every month: a share of the measures each get one
  field changed (responsible bodies, timeframe, SMART criteria, tags,
  evaluation plan), a few clash with the store and are kept as conflicts,
  and last month's conflicts are resolved;
- the plan is submitted, approved by both required bodies (adopted) and
  published;
- two reporting rounds are opened by a decision, every active measure
  reports a traffic light, and the round is closed.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import zip_longest

from domain.application import Planlogg
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.state_json import to_json
from domain.vocabulary import BodyKind, Colour, PatientGroup

GENERATOR_VERSION = 4
"""Bump when the generator changes what it builds: kept dumps of older versions are not reused."""

SEED = 2026
FIRST_YEAR = 2025
AREAS, GOALS_PER_AREA = 5, 4
SHEET_CYCLES = 12
"""Sheet syncs a year (monthly)."""
EDIT_SHARE = 0.7
"""Share of active measures with one field changed in each sheet cycle."""
CONFLICT_SHARE = 0.01
REWORD_SHARE = 0.05
ADD_SHARE, REMOVE_SHARE = 0.01, 0.005
NEW_NUMBERS = 500
"""Added measures are numbered 501, 502 … within their goal (numbers have three digits)."""
PER_SAVE = 1_000
"""At most this many commands in one save, as one large sheet cycle."""
APPROVERS = ("Strategisk samarbeidsutval", "Partnerskapsmøtet")
REPORTERS = ("PSU", "Kommunane", "Helseføretaket", "Brukarrådet")
COLOURS = (Colour.GREEN, Colour.GREEN, Colour.YELLOW, Colour.RED)


@dataclass(frozen=True)
class Size:
    communities: int
    measures: int
    years: int

    @property
    def label(self) -> str:
        return f"{self.communities}x{self.measures}x{self.years}"


FULL = Size(19, 1_000, 10)
QUICK = Size(3, 200, 3)
TINY = Size(2, 20, 2)
"""For tests: every kind of change, in seconds."""


@dataclass(frozen=True)
class Nation:
    """What was built: the plans' keys and the number of events stored."""

    plan_keys: tuple[str, ...]
    events: int


Change = Callable[[Plan], object]


def build_nation(
    app: Planlogg,
    size: Size,
    seed: int = SEED,
    progress: Callable[[str], None] | None = None,
) -> Nation:
    """Build every community's plan and history; returns the plan keys and event count."""
    communities = [
        Community(app, number, size, random.Random(f"{seed}-{number}"))
        for number in range(1, size.communities + 1)
    ]
    for community in communities:
        community.start()
    for year in range(size.years):
        for _ in zip_longest(*(community.year(year) for community in communities)):
            pass
        if progress:
            events = app.recorder.max_notification_id() or 0
            progress(f"year {FIRST_YEAR + year}: {events:,} events so far")
    return Nation(tuple(c.key for c in communities), app.recorder.max_notification_id() or 0)


def plan_hash(app: Planlogg, keys: tuple[str, ...]) -> str:
    """A hash of the final plans' content and status (never of timestamps or event IDs)."""
    digest = hashlib.sha256()
    for key in keys:
        plan = app.get_plan(key)
        document = {
            "header": to_json(plan.header),
            "measures": [to_json(plan.measures[m]) for m in sorted(plan.measures)],
            "rounds": sorted(plan.rounds),
        }
        digest.update(json.dumps(document, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


class Community:
    """One health community's plan and its years, decided by its own seeded generator."""

    def __init__(self, app: Planlogg, number: int, size: Size, rng: random.Random) -> None:
        self.app = app
        self.size = size
        self.rng = rng
        self.community = f"hf-{number:02d}"
        self.key = f"plan-{number:02d}"
        self.sheet = Provenance(f"Regneark {number:02d}", Source.SHEET, reason="synk")
        self.web = Provenance(f"Rådgivar {number:02d}", Source.WEB, reason="revisjon")
        self.added = 0
        """Measures added in revisions so far: they are numbered from NEW_NUMBERS on."""

    # --- the plan and its first content ----------------------------------------------------

    def start(self) -> None:
        by = Provenance("Sekretariatet", Source.CLI, reason="oppstart")
        self.app.register_community(self.community, f"Helsefellesskap {self.community}", by)
        for body in APPROVERS:
            self.app.add_body(self.community, body, BodyKind.STRATEGIC, by)
        last = FIRST_YEAR + self.size.years - 1
        self.app.create_plan(self.key, f"Handlingsplan {self.community}", "SSU", FIRST_YEAR,
                             last, by)  # fmt: skip
        areas = [str(a) for a in range(1, AREAS + 1)]
        goals = [f"{a}.{g}" for a in areas for g in range(1, GOALS_PER_AREA + 1)]
        measures = [self._new_measure(goals[i % len(goals)], i // len(goals) + 1)
                    for i in range(self.size.measures)]  # fmt: skip

        def tree(plan: Plan) -> None:
            for area in areas:
                plan.add_area(area, f"Område {area}", by)
            for goal in goals:
                plan.add_goal(goal, f"Mål {goal}: betre samhandling", by)

        self._save([tree, *measures])

    def _new_measure(self, goal: str, index: int) -> Change:
        number = f"{goal}.{index}"
        responsible = self.rng.sample(REPORTERS, self.rng.randint(1, 2))
        text = f"Tiltak {number}: {self.rng.choice(WORDS)} {self.rng.choice(WORDS)}"
        marks = {FIRST_YEAR: "x"}

        def add(plan: Plan) -> None:
            plan.add_measure(number, text, self.web, responsible=responsible, marks=marks)

        return add

    # --- one year ----------------------------------------------------------------------------

    def year(self, year: int) -> Iterator[None]:
        """The year's work, a step at a time: the communities' steps are taken in turn."""
        if year:
            self._save([lambda plan: plan.start_revision(self.web)])
            self._save(self._revision(year))
            yield
        for cycle in range(SHEET_CYCLES):
            self._save(self._sheet_cycle(year, cycle))
            yield
        self._adopt(year)
        yield
        for half in (0, 1):
            self._reporting_round(year, half)
            yield

    def _active(self) -> list[str]:
        plan = self.app.get_plan(self.key)
        return sorted(m.id for m in plan.active_measures())

    def _revision(self, year: int) -> list[Change]:
        active = self._active()
        changes: list[Change] = []
        for measure_id in self._some(active, REWORD_SHARE):
            text = f"Tiltak revidert {FIRST_YEAR + year}: {self.rng.choice(WORDS)} {measure_id}"
            changes.append(_call("reword_measure", measure_id, text, self.web))
        for measure_id in self._some(active, REMOVE_SHARE, at_least=1):
            changes.append(_call("remove_measure", measure_id, self.web))
        goals = [f"{a}.{g}" for a in range(1, AREAS + 1) for g in range(1, GOALS_PER_AREA + 1)]
        for _ in range(max(1, round(len(active) * ADD_SHARE))):
            self.added += 1
            changes.append(self._new_measure(self.rng.choice(goals), NEW_NUMBERS + self.added))
        return changes

    def _sheet_cycle(self, year: int, cycle: int) -> list[Change]:
        plan = self.app.get_plan(self.key)
        active = sorted(m.id for m in plan.active_measures())
        changes: list[Change] = [
            _call("resolve_conflict", measure.id, conflict.id, self.sheet)
            for measure in sorted(plan.active_measures(), key=lambda m: m.id)
            for conflict in measure.conflicts
        ]
        stamp = f"{FIRST_YEAR + year}-{cycle + 1:02d}"
        for measure_id in self._some(active, EDIT_SHARE):
            changes.append(self._field_change(measure_id, year, stamp))
        for measure_id in self._some(active, CONFLICT_SHARE, at_least=1):
            changes.append(self._conflict(measure_id, stamp))
        return changes

    def _field_change(self, measure_id: str, year: int, stamp: str) -> Change:
        kind = self.rng.randrange(5)
        if kind == 0:
            bodies = self.rng.sample(REPORTERS, self.rng.randint(1, 3))
            return _call("assign_responsible", measure_id, bodies, self.sheet)
        if kind == 1:
            marks = {FIRST_YEAR + y: self.rng.choice(("x", "x vår", "x haust"))
                     for y in range(year + 1) if self.rng.random() < 0.7}  # fmt: skip
            note = f"Vurdert {stamp}"
            return lambda plan: plan.set_timeframe(measure_id, marks, self.sheet, note=note)
        if kind == 2:
            indicator = f"Del pasientar med plan, målt {stamp}"
            target = f"{self.rng.randint(50, 95)} %"
            deadline = date(FIRST_YEAR + year, 12, 31)
            return lambda plan: plan.set_smart_criteria(
                measure_id, self.sheet, indicator=indicator, target=target, deadline=deadline
            )
        if kind == 3:
            groups = self.rng.sample(list(PatientGroup), self.rng.randint(1, 2))
            topics = self.rng.sample(range(1, 14), self.rng.randint(1, 3))
            return _call("tag_measure", measure_id, groups, topics, self.sheet)
        fields = {"methods": f"Spørjeskjema {stamp}", "reporting": self.rng.choice(REPORTERS)}
        return _call("set_evaluation_plan", measure_id, fields, self.sheet)

    def _conflict(self, measure_id: str, stamp: str) -> Change:
        def clash(plan: Plan) -> None:
            kept = plan.measure(measure_id).text
            plan.record_conflict(measure_id, "Tiltak", kept, f"Endra i arket {stamp}", self.sheet)

        return clash

    def _adopt(self, year: int) -> None:
        by = Provenance("Sekretariatet", Source.WEB, reason="godkjenning")
        meeting = date(FIRST_YEAR + year, 12, 10)

        def adopt(plan: Plan) -> None:
            version = plan.submit(APPROVERS, by)
            for number, body in enumerate(APPROVERS, start=1):
                case = f"sak {number}/{(FIRST_YEAR + year) % 100:02d}"
                plan.approve(version, body, case, meeting, by)
            plan.publish(by)

        self._save([adopt])

    def _reporting_round(self, year: int, half: int) -> None:
        day = date(FIRST_YEAR + year, 5 + 6 * half, 15)
        by = Provenance("Sekretariatet", Source.WEB, reason="rapportering",
                        decision=f"SSU sak {10 + half}/{day.year % 100:02d}")  # fmt: skip
        plan = self.app.get_plan(self.key)
        reports: list[Change] = [lambda p: p.open_reporting_round(day, list(REPORTERS), by)]
        for measure in sorted(plan.active_measures(), key=lambda m: m.id):
            reporter = Provenance(f"Rapportør {measure.responsible[0]}", Source.SHEET,
                                  reason="statusrapport")  # fmt: skip
            colour = self.rng.choice(COLOURS)
            comment = f"Status {day.isoformat()}: {self.rng.choice(WORDS)}"
            reports.append(
                _call("report_status", measure.id, colour, comment, day, reporter,
                      body=measure.responsible[0], today=day)
            )  # fmt: skip
        reports.append(lambda p: p.close_reporting_round(by))
        self._save(reports)

    # --- saving ------------------------------------------------------------------------------

    def _some(self, ids: list[str], share: float, at_least: int = 0) -> list[str]:
        return sorted(self.rng.sample(ids, max(at_least, round(len(ids) * share))))

    def _save(self, changes: list[Change]) -> None:
        """Apply the commands in saves of at most PER_SAVE, each as one sheet cycle does."""
        for start in range(0, len(changes), PER_SAVE):
            chunk = changes[start : start + PER_SAVE]

            def run(plan: Plan, chunk: list[Change] = chunk) -> None:
                for change in chunk:
                    change(plan)

            self.app.change_plan(self.key, run)


def _call(method: str, *args: object, **kwargs: object) -> Change:
    """A command on the plan, by method name, with its arguments decided now."""

    def command(plan: Plan) -> None:
        getattr(plan, method)(*args, **kwargs)

    return command


WORDS = (
    "felles pasientforløp",
    "digital heimeoppfølging",
    "samhandlingsavvik",
    "kompetansedeling",
    "legemiddelgjennomgang",
    "ambulante team",
    "utskrivingsklare pasientar",
    "barn som pårørande",
    "rus og psykisk helse",
    "skrøpelege eldre",
)
