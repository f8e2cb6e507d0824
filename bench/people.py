"""Benchmark: the people register at a country's size.

Every person who ever signed in is in it: with ID-porten, anyone in Norway who tries. The
administrators' list (`/admin/personer`) and the page of whom to ask for access read it.
Here 3,000 people (300 with --quick), a third of them with roles, are added through the
application's commands on SQLite and PostgreSQL, and listed two ways in turn:

- from the read models' register (`ReadModels.people`), one query, as the pages read it;
- by loading each person (`Planlogg.people`), as the pages read it before the register.

Then the administrators' page itself, through the web app, as an administrator for every
community sees it (everyone listed).
"""

from __future__ import annotations

import time

from bench.harness import Figure, Target, interleave, median, wall_seconds
from bench.workloads import BENCH_BY, database_url
from domain.application import Planlogg
from domain.people import Role
from projections import ReadModels
from web import create_app
from web.auth import PERSON_KEY, SIGNED_IN_AT

TARGET = Target("<=", 0.1)
"""The register lists everyone in at most a tenth of the time loading each person takes."""
ISSUER = "https://bench.example"


def add_people(app: Planlogg, count: int) -> str:
    """`count` people, every third a reporter and every hundredth an administrator for every
    community; the first is that administrator, whose ID is returned."""
    first = ""
    for n in range(count):
        person = app.add_person(ISSUER, f"sub-{n}", f"p{n}@helse.example", f"Person {n}", BENCH_BY)
        if n % 100 == 0:
            app.grant_roles(person, [Role.ADMINISTRATOR], BENCH_BY)
        elif n % 3 == 0:
            app.grant_roles(person, [Role.REPORTER], BENCH_BY)
        first = first or str(person)
    return first


def page_seconds(app: Planlogg, models: ReadModels, administrator: str, views: int) -> float:
    """The administrators' page as its administrator sees it, median of `views` views."""
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "bench", "TESTING": False},
        app=app,
        read_models=models,
    )
    client = web.test_client()
    with client.session_transaction() as session:
        session[PERSON_KEY] = administrator
        session[SIGNED_IN_AT] = time.time()
    seconds = []
    for _ in range(views):
        started = time.perf_counter()
        response = client.get("/admin/personer")
        seconds.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"/admin/personer answered {response.status_code}")
    return median(seconds)


def measure(kind: str, count: int, rounds: int) -> list[Figure]:
    with database_url(kind) as url:
        app = Planlogg.from_url(url)
        try:
            administrator = add_people(app, count)
            models = ReadModels.open(app)
            models.catch_up()
            listed = len(models.people())
            if listed != count:
                raise RuntimeError(f"the register lists {listed} people, not {count}")
            register, loaded = interleave(
                lambda: wall_seconds(models.people),
                lambda: wall_seconds(app.people),
                rounds,
                "register",
                "each person loaded",
            )
            page = page_seconds(app, models, administrator, rounds)
        finally:
            app.close()
    return [
        Figure(
            bench="people",
            key=f"people_list_{kind}",
            name=f"list {count:,} people ({kind})",
            value=register.median * 1000,
            unit="ms",
            baseline=loaded.median * 1000,
            baseline_label="each person loaded",
            ratio=register.median / loaded.median,
            target=TARGET,
        ),
        Figure(
            bench="people",
            key=f"people_page_{kind}",
            name=f"administrators' page, {count:,} people ({kind})",
            value=page * 1000,
            unit="ms",
            note="everyone listed, rendered whole",
        ),
    ]


def run(quick: bool) -> list[Figure]:
    count, rounds = (300, 3) if quick else (3_000, 5)
    return [figure for kind in ("sqlite", "postgres") for figure in measure(kind, count, rounds)]
