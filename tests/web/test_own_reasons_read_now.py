"""A change's reason that Planlogg wrote itself reads in the målform of whoever reads it.

The sheet sync and an import word their reason in the målform of the plan's community when
the change is made, and it is stored so. An auditor reading a nynorsk community's history in
bokmål (`?lang=nb`) read «Endra i reknearket «handlingsplan.xlsx»» and «Import frå …» inside a
bokmål page and CSV, and the reverse. What a person typed stays as typed, even in
Planlogg's words."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.measure_sheet import HEADINGS, TEXT
from domain.people import Role
from language import Målform, in_every_målform
from projections import ReadModels
from sync.cycle import SheetSync
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from tests.web.signed_in import SETUP, person_with, signed_in, web_on
from web.cli import cli

COPY = "st-olavs-kopi"
TABLE = "tiltak_2024.tsv"
SHEET = "handlingsplan.xlsx"
TYPED = "Endra i reknearket «handlingsplan.xlsx» på møtet"
"""A person's reason in the sync's words, and more."""

WORDS: dict[Målform, dict[str, str]] = {
    "nb": {
        "sheet": "Endret i regnearket «handlingsplan.xlsx»",
        "import": f"Import fra {TABLE}",
        "other": "nn",
    },
    "nn": {
        "sheet": "Endra i reknearket «handlingsplan.xlsx»",
        "import": f"Import frå {TABLE}",
        "other": "nb",
    },
}


def changed_by_the_sheet_and_an_import(url: str, tmp_path: Path, written: Målform) -> Planlogg:
    """The demo's community writing `written`; a measure retyped in its sheet and synced; a
    copy of its plan imported from a table; a measure reworded with a person's reason."""
    app = Planlogg.from_url(url)
    load_demo(app)
    app.choose_community_language(DEMO_COMMUNITY, written, SETUP)
    backend = InMemorySheetBackend(DEMO_PLAN, label=SHEET)
    lay_out(app, backend, DEMO_PLAN)
    sync = SheetSync(app, ReadModels.open(app))
    sync.cycle(backend, DEMO_PLAN)
    heading = in_every_målform(HEADINGS[TEXT])[written]
    backend.user_edit({(2, heading): "Retta i reknearket"}, user="Kari Nordmann")
    sync.cycle(backend, DEMO_PLAN)
    table = tmp_path / TABLE
    table.write_text(
        "Handlingsplan 2024\n1. Samhandling\n\tMål\t\tTiltak\tAnsvar\t2024\n"
        "1.1\tBetre samhandling\t1.1.1\tFelles rutine for utskriving\tPSU\tx\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    base = ["--database-url", url, "--as", "Kari"]
    imported = runner.invoke(cli, [*base, "import", str(table), "--key", COPY,
                                   "--owner", DEMO_COMMUNITY])  # fmt: skip
    assert imported.exit_code == 0, imported.output
    typed = runner.invoke(cli, [*base, "--reason", TYPED, "measure", "reword", COPY, "1.1.1",
                                "Felles rutine for utskriving og innlegging"])  # fmt: skip
    assert typed.exit_code == 0, typed.output
    return app


def reason_cells(page: str) -> list[str]:
    found = re.findall(
        r'<td role="cell" data-label="(?:Begrunnelse|Grunngjeving)">(.*?)</td>', page
    )
    return [html.unescape(cell) for cell in found]


@pytest.fixture(params=[("nn", "nb"), ("nb", "nn")], ids=["nn-read-in-nb", "nb-read-in-nn"])
def written_read(request: pytest.FixtureRequest) -> tuple[Målform, Målform]:
    return request.param  # type: ignore[no-any-return]


def test_the_history_page_and_its_csv_restate_planloggs_reasons_in_the_readers_målform(
    sqlite_url: str, tmp_path: Path, written_read: tuple[Målform, Målform]
) -> None:
    written, reading = written_read
    app = changed_by_the_sheet_and_an_import(sqlite_url, tmp_path, written)
    try:
        auditor = person_with(app, Role.AUDITOR)
        client = signed_in(web_on(app), auditor)

        page = client.get(f"/revisjon/?plan={DEMO_PLAN}&source=sheet&lang={reading}").text
        assert sorted(set(reason_cells(page))) == [WORDS[reading]["sheet"]]

        page = client.get(f"/revisjon/?plan={COPY}&lang={reading}").text
        assert sorted(set(reason_cells(page))) == sorted([WORDS[reading]["import"], TYPED])

        download = client.get(f"/revisjon/logg.csv?plan={COPY}&lang={reading}")
        rows = list(csv.reader(io.StringIO(download.text.lstrip("\ufeff")), delimiter=";"))
        assert sorted({row[13] for row in rows[1:]}) == sorted([WORDS[reading]["import"], TYPED])

        download = client.get(f"/revisjon/logg.csv?plan={DEMO_PLAN}&source=sheet&lang={reading}")
        rows = list(csv.reader(io.StringIO(download.text.lstrip("\ufeff")), delimiter=";"))
        assert [row[13] for row in rows[1:]] == [WORDS[reading]["sheet"]]
    finally:
        app.close()


def test_the_timeline_and_the_json_keep_and_restate_as_they_do_codes(
    sqlite_url: str, tmp_path: Path
) -> None:
    """The measure's timeline is a page: restated. The JSON is the trail as stored, as
    its codes and the read models' own words are: the reason as it was written."""
    app = changed_by_the_sheet_and_an_import(sqlite_url, tmp_path, "nn")
    try:
        auditor = person_with(app, Role.AUDITOR)
        client = signed_in(web_on(app), auditor)
        page = client.get(f"/revisjon/{COPY}/tiltak/1.1.1?lang=nb").text
        assert sorted(set(reason_cells(page))) == sorted([WORDS["nb"]["import"], TYPED])
        exported = client.get(f"/revisjon/logg.json?plan={COPY}&lang=nb").json
        assert sorted({row["reason"] for row in exported}) == sorted([WORDS["nn"]["import"], TYPED])
    finally:
        app.close()


@pytest.mark.parametrize(("written", "reading"), [("nn", "nb"), ("nb", "nn")])
def test_the_command_lines_history_of_every_plan_restates_them_in_its_målform(
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    written: Målform,
    reading: Målform,
) -> None:
    """`planlogg history ""` (every plan) speaks `PLANLOGG_LANG`; a plan named, its
    community's målform, the one its reasons were written in."""
    changed_by_the_sheet_and_an_import(sqlite_url, tmp_path, written).close()
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.setenv("PLANLOGG_LANG", reading)
    runner = CliRunner()
    base = ["--database-url", sqlite_url, "history"]
    every = runner.invoke(cli, [*base, "", "--source", "import", "--actor", "Kari"])
    assert every.exit_code == 0, every.output
    lines = [line for line in every.output.splitlines() if TABLE in line]
    assert (len(lines), sum(WORDS[reading]["import"] in line for line in lines)) == (9, 9)
    named = runner.invoke(cli, [*base, COPY, "--source", "import", "--actor", "Kari"])
    assert named.exit_code == 0, named.output
    lines = [line for line in named.output.splitlines() if TABLE in line]
    assert (len(lines), sum(WORDS[written]["import"] in line for line in lines)) == (9, 9)
