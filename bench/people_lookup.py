"""Benchmark: finding a few people among a country's, on SQLite and PostgreSQL.

10,000 people (1,000 with --quick) are added through the application's commands beside the
demo plan, whose round has reminders due; two of them share each address a reminder run
writes to, one having chosen nynorsk. Two look-ups are timed, each two ways in turn:

- the person a command names by e-mail (`planlogg person grant <e-mail>`): by the read
  models' register (`CliContext.find_person`: caught up, candidates by the index, only they
  loaded), against loading every person (`Planlogg.find_person` without the register);
- the målform of each address of one reminder run (`ReminderSender._speaks`, by the
  register), against the same rule over every person loaded (`everyone_loaded`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from bench.harness import Figure, Target, interleave, wall_seconds
from bench.workloads import BENCH_BY, database_url
from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.people import Person
from language import Målform
from notify.mail import SmtpMailer, SmtpSettings
from notify.recipients import RegisteredRecipients
from notify.sender import ReminderSender, spoken_at
from projections import ReadModels

TARGET = Target("<=", 0.1)
"""A look-up by the register takes at most a tenth of loading every person. Both ways of
finding a run's målformer also load the plan (its community's målform): at the quick size
that alone is a few per cent of loading everyone."""
ISSUER = "https://bench.example"
RUN_DAY = date(2024, 9, 13)
"""Two days after the demo round's deadline: every body not reported is due a reminder."""


def add_people(app: Planlogg, count: int, addresses: list[str]) -> str:
    """`count` people, the first two at each of `addresses` (the first of them nynorsk);
    returns the e-mail address of the person in the middle, whom the command names."""
    for n in range(count):
        at, which = divmod(n, 2)
        email = addresses[at] if at < len(addresses) else f"p{n}@helse.example"
        person = app.add_person(ISSUER, f"sub-{n}", email, f"Person {n}", BENCH_BY)
        if at < len(addresses) and which == 0:
            app.choose_person_language(person, "nn", BENCH_BY)
    return f"p{count // 2}@helse.example"


def register_finder(app: Planlogg, models: ReadModels, who: str) -> Person:
    """As `CliContext.find_person` finds the person a command names."""

    def named_by(wanted: str) -> list[UUID]:
        models.read_your_writes()
        return models.people_named_by(wanted)

    return app.find_person(who, named_by)


def everyone_loaded(app: Planlogg, addresses: list[str]) -> Callable[[str], Målform]:
    """The målform of each address as the sender found it before the register: the same rule
    (`spoken_at`) over every person loaded."""
    return spoken_at(app.people(), app.plan_language(DEMO_PLAN))


def measure(kind: str, count: int, rounds: int) -> list[Figure]:
    with database_url(kind) as url:
        app = Planlogg.from_url(url)
        try:
            load_demo(app)
            mailer = SmtpMailer(SmtpSettings.parse("smtp://127.0.0.1:1", "bench@example.org"))
            models = ReadModels.open(app)
            by_register = ReminderSender(app, mailer, RegisteredRecipients(app), models)
            addresses = sorted(
                {a for d in by_register.due(DEMO_PLAN, RUN_DAY) for a in d.recipients}
            )
            who = add_people(app, count, addresses)
            models.catch_up()
            expected = register_finder(app, models, who)
            if app.find_person(who).id != expected.id:
                raise RuntimeError(f"the two ways found different people for {who}")
            speaks = [by_register._speaks(DEMO_PLAN, addresses)(a.lower()) for a in addresses]
            if speaks != ["nn"] * len(addresses) or speaks != [
                everyone_loaded(app, addresses)(a.lower()) for a in addresses
            ]:
                raise RuntimeError(f"the run's addresses read {speaks}, not nynorsk each way")
            found, scanned = interleave(
                lambda: wall_seconds(lambda: register_finder(app, models, who)),
                lambda: wall_seconds(lambda: app.find_person(who)),
                rounds,
                "register",
                "everyone loaded",
            )
            spoken, loaded = interleave(
                lambda: wall_seconds(lambda: by_register._speaks(DEMO_PLAN, addresses)),
                lambda: wall_seconds(lambda: everyone_loaded(app, addresses)),
                rounds,
                "register",
                "everyone loaded",
            )
        finally:
            app.close()
    return [
        Figure(
            bench="people-lookup",
            key=f"people_find_{kind}",
            name=f"find one person by e-mail among {count:,} ({kind})",
            value=found.median * 1000,
            unit="ms",
            baseline=scanned.median * 1000,
            baseline_label="everyone loaded",
            ratio=found.median / scanned.median,
            target=TARGET,
        ),
        Figure(
            bench="people-lookup",
            key=f"people_speaks_{kind}",
            name=f"målform of a run's {len(addresses)} addresses, {count:,} people ({kind})",
            value=spoken.median * 1000,
            unit="ms",
            baseline=loaded.median * 1000,
            baseline_label="everyone loaded",
            ratio=spoken.median / loaded.median,
            target=TARGET,
        ),
    ]


def run(quick: bool) -> list[Figure]:
    count, rounds = (1_000, 3) if quick else (10_000, 5)
    return [figure for kind in ("sqlite", "postgres") for figure in measure(kind, count, rounds)]
