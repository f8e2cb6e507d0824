"""The national store in its own PostgreSQL schema: built once, kept as a dump, restored after.

The schema is named for the generator's version and the size, and so is the
dump (`pg_dump -Fc`, in `<data folder>/bench/`), so a dump is only ever
restored into the store it was made from. Building the full size takes tens
of minutes; restoring its dump takes a few. The schema is dropped when the
benchmark is done (its runs write to it), the dump is kept.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bench.national_build import GENERATOR_VERSION, Size, build_nation
from bench.workloads import POSTGRES_ADMIN_URL
from domain.application import Planlogg
from domain.persistence import data_dir
from projections import ReadModels


@dataclass(frozen=True)
class Store:
    """A national store ready for measuring, and how it came to be."""

    url: str
    schema: str
    plan_keys: tuple[str, ...]
    events: int
    built_seconds: float
    restored_seconds: float | None
    """None when it was built in this run."""
    views_built_seconds: float | None = None
    """How long building this version of the read models took when the dump held an older one
    (beside it, as an upgrade does); None when they were there already."""


def schema_name(size: Size) -> str:
    return f"national_g{GENERATOR_VERSION}_{size.label}"


def dump_path(size: Size) -> Path:
    return data_dir() / "bench" / f"{schema_name(size)}.pgdump"


@contextmanager
def national_store(size: Size, say: Callable[[str], None] = print) -> Iterator[Store]:
    schema = schema_name(size)
    _drop(schema)
    dump = dump_path(size)
    facts = dump.with_suffix(".json")
    try:
        if dump.exists() and facts.exists():
            started = time.perf_counter()
            _restore(dump)
            restored = time.perf_counter() - started
            say(f"  restored {dump.name} in {restored:.0f} s")
            views = _build_read_models(_url(schema))
            if views is not None:
                say(f"  built this version's read models beside the dump's in {views:.0f} s")
            known = json.loads(facts.read_text())
            yield Store(_url(schema), schema, tuple(known["plan_keys"]), known["events"],
                        known["built_seconds"], restored, views)  # fmt: skip
        else:
            store = _build(size, schema, say)
            _dump(schema, dump)
            facts.write_text(json.dumps({"plan_keys": store.plan_keys, "events": store.events,
                                         "built_seconds": store.built_seconds}))  # fmt: skip
            yield store
    finally:
        _drop(schema)


def _url(schema: str) -> str:
    return f"{POSTGRES_ADMIN_URL}?schema={schema}"


def _build(size: Size, schema: str, say: Callable[[str], None]) -> Store:
    url = _url(schema)
    app = Planlogg.from_url(url)
    try:
        started = time.perf_counter()
        nation = build_nation(
            app, size, progress=lambda s: say(f"  {s} ({time.perf_counter() - started:.0f} s)")
        )
        built = time.perf_counter() - started
        say(f"  built {nation.events:,} events in {built / 60:.1f} min; catching up read models")
        ReadModels.open(app).catch_up()
    finally:
        app.close()
    analyse(schema)
    return Store(url, schema, nation.plan_keys, nation.events, built, None)


def _build_read_models(url: str) -> float | None:
    """A dump made before the read models last changed shape holds the older version's tables:
    this version is built beside them; returns how long that took (None: nothing to build)."""
    app = Planlogg.from_url(url)
    try:
        models = ReadModels.open(app)
        if models.ready():
            models.catch_up()
            return None
        started = time.perf_counter()
        models.catch_up()
        return time.perf_counter() - started
    finally:
        app.close()


def _dump(schema: str, dump: Path) -> None:
    dump.parent.mkdir(parents=True, exist_ok=True)
    partial = dump.with_suffix(".partial")
    subprocess.run(
        ["pg_dump", "-Fc", "-n", schema, "-f", str(partial), "-d", POSTGRES_ADMIN_URL],
        check=True,
    )
    partial.replace(dump)


def _restore(dump: Path) -> None:
    subprocess.run(
        ["pg_restore", "--no-owner", "-j", "2", "-d", POSTGRES_ADMIN_URL, str(dump)], check=True
    )
    analyse(_schema_of(dump))


def _schema_of(dump: Path) -> str:
    return dump.name.removesuffix(".pgdump")


def analyse(schema: str) -> None:
    """Fresh planner statistics, as autovacuum would have after a real history."""
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        tables = admin.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,)
        ).fetchall()
        for (table,) in tables:
            admin.execute(f'VACUUM ANALYZE "{schema}"."{table}"')


def _drop(schema: str) -> None:
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def sizes_on_disk(schema: str) -> dict[str, int]:
    """Bytes per table (with its indexes and TOAST), by table name."""
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        found = admin.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r'",
            (schema,),
        ).fetchall()
    return {name: int(size) for name, size in found}
