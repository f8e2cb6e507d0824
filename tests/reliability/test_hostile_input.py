"""Hostile input at every entry, counted for the benchmark: tried, refused, stored, crashed.

The per-class tests elsewhere (tests/sync/test_xlsx_limits.py, tests/web/...)
check each entry on both databases; these probes throw a batch of each class
at each entry and record how every input ended, as `probe:<class>:<entry>:<outcome>`
properties that `bench.reliability` adds up. Every input must be refused or
stored as intended; a crash (any other exception, a 500, a traceback) fails.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.errors import PlanloggError
from domain.measure_sheet import TEXT
from domain.provenance import Provenance, Source
from projections import ReadModels
from projections.heads import HeadTargets, publish_head, read_heads, verify_published
from sync.cycle import SheetSync
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from sync.table_files import read_table_file
from sync.workbook import WorkbookBackend
from tests.fixtures.hostile_files import HOSTILE, HostileFiles
from tests.projections.history_csv import history_rows
from tests.projections.tamper import EventTable
from tests.reliability.nasty import FORMULAS
from tests.web.conftest import caught_up
from tests.web.forms import filled
from tests.web.signed_in import person_with, signed_in
from tests.web.test_audit_pages import csrf_from, log_in
from web import create_app
from web.cli import cli, read_commands
from web.tokens import InMemoryTokenStore, Role, create_token

Record = Callable[[str, object], None]
OUTCOMES = ("tried", "refused", "stored", "crashes")


class Tally:
    """How each input at one entry ended; recorded as properties when the test ends."""

    def __init__(self, record: Record, klass: str, entry: str) -> None:
        self.record, self.prefix = record, f"probe:{klass}:{entry}"
        self.counts: Counter[str] = Counter({name: 0 for name in OUTCOMES})

    def ended(self, outcome: str) -> None:
        self.counts["tried"] += 1
        self.counts[outcome] += 1

    def save(self) -> None:
        for name in OUTCOMES:
            self.record(f"{self.prefix}:{name}", self.counts[name])


@pytest.fixture
def tally(record_property: Record) -> Iterator[Callable[[str, str], Tally]]:
    made: list[Tally] = []

    def make(klass: str, entry: str) -> Tally:
        made.append(Tally(record_property, klass, entry))
        return made[-1]

    yield make
    for one in made:
        one.save()
    assert sum(one.counts["crashes"] for one in made) == 0


# --- class 2: hostile spreadsheet files -----------------------------------------------


def _import(path: Path, folder: Path) -> None:
    read_table_file(path)


def _workbook_sync(path: Path, folder: Path) -> None:
    copy = folder / path.name
    copy.write_bytes(path.read_bytes())
    WorkbookBackend(copy, "plan").read()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("entry", "open_file"), [("import", _import), ("workbook", _workbook_sync)]
)
def test_hostile_spreadsheet_files(
    entry: str, open_file: Callable[[Path, Path], None], hostile_files: HostileFiles,
    tally: Callable[[str, str], Tally], tmp_path: Path,
) -> None:  # fmt: skip
    counts = tally("hostile files", entry)
    for name in HOSTILE:
        try:
            open_file(hostile_files[name], tmp_path)
        except PlanloggError as refused:
            assert refused.message.strip()
            counts.ended("refused")
        except Exception:
            counts.ended("crashes")
        else:
            counts.ended("stored")
    assert counts.counts["refused"] == len(HOSTILE)


# --- class 3: formulas in exports -----------------------------------------------------


@pytest.fixture
def formula_site() -> tuple[Flask, str]:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    tokens = InMemoryTokenStore()
    token = create_token(tokens, "Rita", Role.AUDITOR)[0]
    for formula in FORMULAS:
        by = Provenance(formula, Source.SHEET, reason=formula)
        app.reword_measure(DEMO_PLAN, "0.1.2", formula, by)
    web = create_app({"DATABASE_URL": "memory:", "SECRET_KEY": "k", "TESTING": True},
                     app=app, tokens=tokens)  # fmt: skip
    web.extensions["planlogg"].read_models.read_your_writes()
    return web, token


def _formula_cells(text: str) -> list[str]:
    rows = history_rows(text)
    return [
        r[c] for r in rows for c in ("actor", "reason", "after") if r[c].lstrip("'") in FORMULAS
    ]


@pytest.mark.slow
def test_formulas_in_every_csv_export(formula_site, tally: Callable[[str, str], Tally]) -> None:
    web, token = formula_site
    client = web.test_client()
    log_in(client, token)
    exports = {
        "logg.csv": lambda: client.get(f"/revisjon/logg.csv?plan={DEMO_PLAN}").get_data(
            as_text=True
        ),
        "API export": lambda: (
            web.test_client()
            .get(
                f"/api/plans/{DEMO_PLAN}/history/export?format=csv",
                headers={"Authorization": f"Bearer {token}"},
            )
            .get_data(as_text=True)
        ),
        "history --csv": lambda: web.extensions["planlogg"].read_models.history_csv(
            read_commands.AuditQuery(plan=DEMO_PLAN, limit=None)
        ),
    }
    for entry, export in exports.items():
        counts = tally("formulas in exports", entry)
        cells = _formula_cells(export())
        for cell in cells:
            dangerous = cell.startswith(("=", "+", "-", "@", "\t", "\r"))
            counts.ended("crashes" if dangerous else "stored")
        assert counts.counts["stored"] == 3 * len(FORMULAS)


# --- class 4: user text in public answers ---------------------------------------------


@pytest.mark.slow
def test_no_error_text_in_public_health(tmp_path: Path, tally, monkeypatch) -> None:
    from sync.layout import SyncRefused
    from web.cli.serve_commands import build_server

    counts = tally("user text in public answers", "/healthz")
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PLANLOGG_SPREADSHEET_ID", raising=False)
    server = build_server(f"sqlite:///{tmp_path / 'p.sqlite'}", demo=True,
                          config={"SECRET_KEY": "k", "TESTING": True})  # fmt: skip
    for secret in ("Utkast: legg ned fødeavdelinga", "<script>alert(1)</script>", "=1+1"):
        server.sync.last_error = SyncRefused(f"Fann: {secret}")
        body = server.web.test_client().get("/healthz").get_data(as_text=True)
        counts.ended("crashes" if secret in body or json.dumps(secret)[1:-1] in body else "refused")
    assert counts.counts["refused"] == 3


# --- class 5: absurd arguments and bodies ---------------------------------------------

ABSURD_ARGS = (
    ["serve", "--port", "99999"],
    ["serve", "--threads", "0"],
    ["serve", "--workers", "0"],
    ["sync", "--watch", "--interval", "-1"],
    ["plan", "create", "p", "--title", "T", "--owner", "hf", "--years", "0-99999"],
    ["hearing", "send", DEMO_PLAN, "--deadline", "01.01.0001"],
    ["history", DEMO_PLAN, "--since", "9999-12-31"],
    ["show", DEMO_PLAN, "--version", "99999999999"],
)


@pytest.mark.slow
def test_absurd_arguments_and_bodies(tmp_path: Path, tally) -> None:
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    demo = CliRunner().invoke(cli, ["--database-url", url, "demo"])
    assert demo.exit_code == 0, demo.output
    counts = tally("absurd arguments", "command line")
    for args in ABSURD_ARGS:
        result = CliRunner().invoke(cli, ["--database-url", url, "--as", "Kari", *args])
        refused = (result.exit_code in (2, 3) and result.exception is None) or (
            isinstance(result.exception, SystemExit) and result.exit_code in (2, 3)
        )
        counts.ended("refused" if refused else "crashes")
    app = Planlogg.from_url("memory:")
    load_demo(app)
    tokens = InMemoryTokenStore()
    editor = {"Authorization": f"Bearer {create_token(tokens, 'E', Role.EDITOR)[0]}"}
    web = create_app({"DATABASE_URL": "memory:", "SECRET_KEY": "k", "TESTING": True},
                     app=app, tokens=tokens)  # fmt: skip
    caught_up(web)
    client = web.test_client()
    api = tally("absurd arguments", "API")
    bodies = [
        ("/api/plans", '{"key": ' + "[" * 50_000 + "]" * 50_000 + "}"),
        ("/api/plans", json.dumps({"key": "p", "title": "T", "owner": "o", "first_year": 0,
                                   "last_year": 99999})),
        (f"/api/plans/{DEMO_PLAN}/measures/1.3.1/status",
         json.dumps({"colour": "gul", "reported_on": "0001-01-01"})),
    ]  # fmt: skip
    for path, body in bodies:
        answer = client.post(
            path, data=body, headers={**editor, "Content-Type": "application/json"}
        )
        api.ended("refused" if answer.status_code in (400, 422) else "crashes")
    assert counts.counts["refused"] == len(ABSURD_ARGS) and api.counts["refused"] == 3


# --- class 6: guessing tokens ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.usefixtures("clear_of_a_minute_boundary")
def test_token_guessing_is_limited(tally) -> None:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    web = create_app({"DATABASE_URL": "memory:", "SECRET_KEY": "k", "TESTING": True},
                     app=app, tokens=InMemoryTokenStore())  # fmt: skip
    caught_up(web)
    for entry in ("login form", "API"):
        client = web.test_client()
        counts = tally("token guessing", entry)
        statuses: Counter[int] = Counter()
        address = {"REMOTE_ADDR": f"10.0.0.{len(entry)}"}
        for n in range(30):
            if entry == "API":
                answer = client.get(
                    f"/api/plans/{DEMO_PLAN}/history",
                    headers={"Authorization": f"Bearer plg_gjett{n}"},
                    environ_base=address,
                )
            else:
                form = {"token": f"plg_gjett{n}", "csrf_token": csrf_from(client)}
                answer = client.post("/logg-inn", data=form, environ_base=address)
            statuses[answer.status_code] += 1
            counts.ended("refused" if answer.status_code in (401, 429) else "crashes")
        assert statuses == {401: 10, 429: 20}, "the limit let more or fewer guesses through"


# --- class 7: tampering after a published head ----------------------------------------


@pytest.mark.slow
def test_tampering_is_caught_by_the_published_heads(tmp_path: Path, tally) -> None:
    counts = tally("tampering", "audit verify --heads")
    tamperings: dict[str, Callable[[EventTable, int], None]] = {
        "altered": lambda t, p: t.alter(p, b"Utarbeide", b"Forkaste"),
        "removed": lambda t, p: t.remove(p),
        "removed at the end": lambda t, p: t.remove(p + 1),
    }
    for name, tamper in tamperings.items():
        url = f"sqlite:///{tmp_path / name / 'p.sqlite'}"
        app = Planlogg.from_url(url)
        load_demo(app)
        models = ReadModels.open(app)
        by = Provenance("Sekretariatet", Source.CLI)
        app.reword_measure(DEMO_PLAN, "0.1.2", "Utarbeide årshjul no", by)
        heads = tmp_path / name / "hovud.txt"
        position = publish_head(models, HeadTargets(file=heads)).position - 1
        tamper(EventTable(url), position)
        EventTable(url).rewrite_chain()
        try:
            models.rebuild()
        except Exception:
            counts.ended("crashes")
            continue
        report = verify_published(models, read_heads(heads))
        counts.ended("stored" if report.ok else "refused")
        app.close()
    assert counts.counts["refused"] == len(tamperings)


# --- class 1: characters no store can hold --------------------------------------------

UNSTORABLE = ("\x00", "\x01", "\x0b", "\x1f", "\x7f", "\x85", "\ud800", "\udfff", "\ufffe")
BROWSERS_REPLACE = ("\ud800", "\udfff")
"""A browser sends a lone surrogate in a form as U+FFFD (the WHATWG UTF-8 encoder), so
the page form never receives one; the API and the sheet can, and refuse it."""
DEMO_TABLE = Path(__file__).resolve().parents[2] / "domain" / "data" / "st_olavs_2022_2024.tsv"


def _cli_refused(url: str, args: list[str]) -> str:
    result = CliRunner().invoke(cli, ["--database-url", url, *args])
    if (result.exit_code == 3 and result.exception is None) or (
        isinstance(result.exception, SystemExit) and result.exit_code == 3
    ):
        return "refused"
    return "stored" if result.exit_code == 0 else "crashes"


@pytest.mark.slow
def test_characters_no_store_can_hold_are_refused_at_every_entry(
    tmp_path: Path, tally: Callable[[str, str], Tally]
) -> None:
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    demo = CliRunner().invoke(cli, ["--database-url", url, "demo"])
    assert demo.exit_code == 0, demo.output
    command_line = tally("unstorable characters", "command line")
    imports = tally("unstorable characters", "import")
    for char in UNSTORABLE:
        typed = f"Tiltak med {char} i teksten"
        for args in (
            ["measure", "reword", DEMO_PLAN, "0.1.2", typed],
            ["--as", f"Kari{char}", "status", DEMO_PLAN, "2.1.2A", "gul"],
            ["status", DEMO_PLAN, "2.1.2A", "gul", "--comment", typed],
        ):
            command_line.ended(_cli_refused(url, args))
        table = tmp_path / "plan.tsv"
        text = DEMO_TABLE.read_text(encoding="utf-8").replace("Samordne", f"Sam{char}ordne", 1)
        table.write_bytes(text.encode("utf-16", "surrogatepass"))
        key = f"kopi-{ord(char):x}"
        imports.ended(_cli_refused(url, ["import", str(table), "--key", key, "--owner", "o"]))
    command_line.ended(_cli_refused(url, ["--as", "", "status", DEMO_PLAN, "2.1.2A", "gul"]))
    assert command_line.counts["refused"] == 3 * len(UNSTORABLE) + 1
    assert imports.counts["refused"] == len(UNSTORABLE)


@pytest.mark.slow
def test_characters_no_store_can_hold_are_refused_in_the_sheet_the_api_and_the_form(
    tally: Callable[[str, str], Tally],
) -> None:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    tokens = InMemoryTokenStore()
    editor = {"Authorization": f"Bearer {create_token(tokens, 'E', Role.EDITOR)[0]}"}
    web = create_app({"DATABASE_URL": "memory:", "SECRET_KEY": "k", "TESTING": True},
                     app=app, tokens=tokens)  # fmt: skip
    caught_up(web)
    sheet, api, form = (tally("unstorable characters", e) for e in ("sheet", "API", "page form"))
    backend = InMemorySheetBackend(DEMO_PLAN)
    lay_out(app, backend, DEMO_PLAN)
    sheet_sync = SheetSync(app, ReadModels.open(app))
    sheet_sync.cycle(backend, DEMO_PLAN)
    measure = app.get_plan(DEMO_PLAN).find_measure("0.1.2")
    client = web.test_client()
    person = signed_in(web, person_with(app, Role.EDITOR))
    form_url = f"/planer/{DEMO_PLAN}/tiltak/{measure.id}/endre"
    for char in UNSTORABLE:
        typed = f"Tiltak med {char} i teksten"
        row = backend.row_of(measure.id)
        backend.user_edit({(row, TEXT): typed})
        report = sheet_sync.cycle(backend, DEMO_PLAN)
        stored = app.get_plan(DEMO_PLAN).measure(measure.id).text
        sheet.ended("refused" if report.rejected == 1 and stored == measure.text else "crashes")
        backend.user_edit({(row, TEXT): measure.text})
        sheet_sync.cycle(backend, DEMO_PLAN)
        answer = client.post(
            f"/api/plans/{DEMO_PLAN}/measures/0.1.2/text",
            data=json.dumps({"text": typed}, ensure_ascii=True),
            headers={**editor, "Content-Type": "application/json"},
        )
        api.ended("refused" if answer.status_code in (400, 422) else "crashes")
        if char not in BROWSERS_REPLACE:
            page = person.get(form_url).text
            answer = person.post(form_url, data=filled(page, {"Tiltak": typed}, form_url))
            form.ended("refused" if answer.status_code in (400, 422) else "crashes")
    assert app.get_plan(DEMO_PLAN).measure(measure.id).text == measure.text
    assert sheet.counts["refused"] == api.counts["refused"] == len(UNSTORABLE)
    assert form.counts["refused"] == len(UNSTORABLE) - len(BROWSERS_REPLACE)
