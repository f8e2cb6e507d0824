"""The command line that changes plans: exit codes scripts rely on and Norwegian messages."""

from __future__ import annotations

import zipfile
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from domain.application import Planlogg
from domain.demo import DEMO_FILE
from tests.fixtures.word_documents import OUTLINE, WordDocument, fonna_like_document
from web.cli import EXIT_INVALID, EXIT_NOT_FOUND, EXIT_REFUSED, cli


@pytest.fixture
def run(sqlite_url: str):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    return invoke


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.tsv"
    path.write_bytes(files("domain.data").joinpath(DEMO_FILE).read_bytes())
    return path


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for args in (["--help"], ["measure", "--help"], ["measure", "reword", "--help"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Bruk: ")


def test_importing_the_st_olavs_table_creates_the_whole_plan(
    run, demo_file: Path, sqlite_url: str
) -> None:
    result = run("import", str(demo_file), "--key", "st-olavs", "--owner", "st-olavs")
    assert result.exit_code == 0, result.output
    assert "7 innsatsområder, 26 mål, 52 tiltak" in result.output
    plan = Planlogg.from_url(sqlite_url).get_plan("st-olavs")
    assert plan.find_measure("2.1.2A").references == ("1.6.1",)


def test_a_change_is_recorded_with_the_command_lines_provenance(
    run, demo_file: Path, sqlite_url: str
) -> None:
    run("import", str(demo_file), "--key", "p", "--owner", "hf")
    result = run("--reason", "Skrivefeil", "measure", "reword", "p", "1.3.1", "Ny tekst")
    assert result.exit_code == 0, result.output
    app = Planlogg.from_url(sqlite_url)
    last = list(app.events.get(app.get_plan("p").id))[-1]
    assert (last.by.actor, last.by.source, last.by.reason) == ("Kari", "cli", "Skrivefeil")


def test_bad_input_exits_with_a_norwegian_message(run, demo_file: Path) -> None:
    run("import", str(demo_file), "--key", "p", "--owner", "hf")
    result = run("status", "p", "1.3.1", "blå")
    assert result.exit_code == EXIT_INVALID
    assert 'Ukjent status "blå"' in result.output


def test_a_refused_rule_and_a_missing_plan_have_their_own_exit_codes(run) -> None:
    missing = run("measure", "reword", "finst-ikkje", "1.1.1", "x")
    assert (missing.exit_code, missing.output) == (
        EXIT_NOT_FOUND, 'Feil: Fant ingen plan med nøkkelen "finst-ikkje".\n',
    )  # fmt: skip
    run("plan", "create", "p", "--title", "Plan", "--owner", "hf", "--years", "2025-2026")
    refused = run("publish", "p")
    assert (refused.exit_code, refused.output) == (
        EXIT_REFUSED, "Feil: Bare en vedtatt plan kan publiseres (planen er utkast).\n",
    )  # fmt: skip


def test_the_approval_flow_runs_from_the_command_line(run) -> None:
    for args in (
        ("plan", "create", "p", "--title", "Plan", "--owner", "hf", "--years", "2025"),
        ("plan", "area", "p", "1", "Område"),
        ("plan", "goal", "p", "1.1", "Mål"),
        ("measure", "add", "p", "1.1.1", "Tiltak", "-r", "ASU", "-y", "2025=x høst"),
        ("hearing", "send", "p", "--deadline", "01.03.2025", "--date", "03.02.2025"),
        ("submit", "p", "--body", "ASU"),
    ):
        assert run(*args).exit_code == 0
    result = run("approve", "p", "1", "--body", "ASU", "--case", "sak 3/25", "--date", "13.03.2025")
    assert result.exit_code == 0, result.output
    assert result.output == "✓ ASU godkjente versjon 1. Planen er nå vedtatt.\n"


# --- plans written as prose, and --dry-run ---------------------------------------------

PROSE = Path(__file__).parents[1] / "fixtures" / "prose"

SMALL_PLAN = """Handlingsplan for 2024

Planen gjeld samarbeidet i 2024.

1. Samhandling
1.1 Felles rutinar
• Utarbeide rutine for utskriving
◦ med kommunane
Rutinen skal vere klar før sommaren.
Tidsramme: innen 1. juni
Sjå òg nettsida vår.
"""


def test_dry_run_prints_the_tree_it_understood_and_stores_nothing(
    run, tmp_path: Path, sqlite_url: str
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    result = run("import", str(path), "--dry-run")
    assert result.exit_code == EXIT_INVALID
    assert result.stdout.splitlines() == [
        "Plan: Handlingsplan for 2024 (2024)",
        "Innledning (lagres ikke):",
        "  Linje 1: Handlingsplan for 2024",
        "  Linje 3: Planen gjeld samarbeidet i 2024.",
        "Innsatsområde 1 (linje 5): Samhandling",
        "  Mål 1.1 (linje 6): Felles rutinar",
        "    Tiltak 1.1.1 (linje 7): Utarbeide rutine for utskriving",
        "      - med kommunane",
        "      Frist: 01.06.2024",
        "      Tidsramme: innen 1. juni",
        "    Merknad til målet (linje 9, lagres ikke ennå):",
        "      Rutinen skal vere klar før sommaren.",
        "Ikke plassert:",
        "  Linje 11: Sjå òg nettsida vår. (står etter tidsrammen til mål 1.1)",
        "  Disse linjene stopper importen: flytt eller fjern dem i filen, eller importer med "
        "--skip-unplaced.",
        "Samlet: 1 innsatsområde, 1 mål, 1 tiltak (1 med frist), 1 merknad til mål, 0 "
        "beskrivelser, 1 linje ikke plassert, 0 problemer.",
    ]
    assert "Importen ville blitt stoppet (se over). Ingenting er lagret." in result.stderr
    assert not Planlogg.from_url(sqlite_url).plan_exists("p")


def test_dry_run_of_fonna_shows_its_year_marks_notes_and_unplaced_lines(run) -> None:
    result = run("import", str(PROSE / "fonna_2021.txt"), "--dry-run", "--skip-unplaced")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index("  Mål 1.3 (linje 38): Tenesteavtale 11")
    assert lines[start : start + 5] == [
        "  Mål 1.3 (linje 38): Tenesteavtale 11",
        "    Tiltak 1.3.1 (linje 42): Samarbeid om omforeina beredskapsplanar og planar for den "
        "akuttmedisinske kjeda",
        "      År: 2021 «x vår»",
        "    Tiltak 1.3.2 (linje 44): Utarbeide og inngå særavtalar",
        "      År: 2021 «x vår»",
    ]
    assert lines[-4:] == [
        "  Linje 124: Fann du det du leita etter? (står etter tidsrammen til mål 2.6)",
        "  Disse linjene blir ikke importert (--skip-unplaced).",
        "Samlet: 2 innsatsområder, 13 mål, 19 tiltak (0 med frist), 2 merknader til mål, 0 "
        "beskrivelser, 2 linjer ikke plassert, 0 problemer.",
        "Ingenting er lagret (--dry-run).",
    ]


def test_dry_run_of_innlandet_shows_deadlines_and_descriptions(run) -> None:
    result = run("import", str(PROSE / "innlandet_spring_2022.txt"), "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index(
        "    Tiltak 1.1.3 (linje 43): Helsefelleskap innlandet skal innen 1. april gi innspill "
        "til Nasjonal Helse og Sykehusplan"
    )
    assert lines[start + 1 : start + 4] == [
        "      Frist: 01.04.2022",
        "      Tidsramme: innen 1. april",
        "      Beskrivelse (lagres ikke ennå):",
    ]
    assert lines[-2] == (
        "Samlet: 1 innsatsområde, 1 mål, 5 tiltak (3 med frist), 0 merknader til mål, 5 "
        "beskrivelser, 0 linjer ikke plassert, 0 problemer."
    )


def test_dry_run_of_a_table_prints_the_same_tree(run, demo_file: Path) -> None:
    result = run("import", str(demo_file), "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Plan: Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene (2022–2024)"
    )
    assert "Innsatsområde 2 (linje 57): Utskrivningsklare pasienter" in lines
    number = next(i for i, line in enumerate(lines) if line.startswith("    Tiltak 0.1.2 "))
    assert lines[number + 1 : number + 3] == [
        "      Ansvar: AU og Sekretariat",
        "      År: 2022 «x»",
    ]
    assert lines[-2] == (
        "Samlet: 7 innsatsområder, 26 mål, 52 tiltak (0 med frist), 0 merknader til mål, 0 "
        "beskrivelser, 0 linjer ikke plassert, 0 problemer."
    )


def test_importing_a_prose_plan_stores_it_and_says_what_is_not_stored_yet(
    database_url: str,
) -> None:
    result = CliRunner().invoke(
        cli,
        [
            *("--database-url", database_url, "--as", "Kari", "import"),
            *(str(PROSE / "innlandet_spring_2022.txt"), "--key", "hi-2022", "--owner", "hi"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Importerte hi-2022: 1 innsatsområde, 1 mål, 5 tiltak." in result.output
    assert (
        "Ikke lagret ennå (Planlogg har ikke felt for dem): 0 merknader til mål, "
        "5 beskrivelser av tiltak, 4 avsnitt innledning. Se dem med --dry-run."
    ) in result.output
    with Planlogg.from_url(database_url) as app:
        assert app.get_plan("hi-2022").find_measure("1.1.1").smart.deadline == date(2022, 5, 15)


def test_lines_without_a_place_stop_the_import_until_skipped(run, sqlite_url: str) -> None:
    fonna = str(PROSE / "fonna_2021.txt")
    refused = run("import", fonna, "--key", "fonna", "--owner", "fonna")
    assert refused.exit_code == EXIT_INVALID
    assert "Linje 122: Fant ingen plass til «Tidligare handlingsplanar:»" in refused.stderr
    assert not Planlogg.from_url(sqlite_url).plan_exists("fonna")
    done = run("import", fonna, "--key", "fonna", "--owner", "fonna", "--skip-unplaced")
    assert done.exit_code == 0, done.output
    assert "Ikke importert (fant ingen plass): linje 122, 124." in done.output
    assert len(Planlogg.from_url(sqlite_url).get_plan("fonna").measures) == 19


def test_a_word_document_with_automatic_numbering_is_imported(
    run, tmp_path: Path, sqlite_url: str
) -> None:
    path = fonna_like_document(tmp_path / "plan.docx")
    result = run("import", str(path), "--key", "w", "--owner", "hf")
    assert result.exit_code == 0, result.output
    assert "Importerte w: 2 innsatsområder, 3 mål, 4 tiltak." in result.output
    plan = Planlogg.from_url(sqlite_url).get_plan("w")
    assert plan.find_measure("2.1.1").smart.deadline == date(2023, 6, 1)


def test_an_excel_plan_with_merged_cells_is_imported_as_it_reads(
    run, tmp_path: Path, sqlite_url: str
) -> None:
    book = Workbook()
    sheet = book.active
    for row in [
        ["Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"],
        ["0. Diverse administrative samhandlingstiltak"],
        ["", "Mål", "", "Tiltak", "Ansvar", 2022, 2023, 2024, 2025],
        ["0.6", "Bedre system for å melde og følge opp uønskede hendelser (ASU sak 27/22)",
         "0.6.1", "Nedsette en arbeidsgruppe for å utrede mulige løsninger",
         "Fagråd pasient-samarbeid/ Fagråd lege-samarbeid", "x oppstart høst", "x"],
        [None, None, "0.6.2", "Vurdere å nedsette arbeidsgruppe (jf. pkt. 0.6.1)", "Sekretariat",
         "x"],
        [None, None, "0.6.3", "Rapportere til ASU", None, "x", "x", "x", "x"],
    ]:  # fmt: skip
        sheet.append(row)
    for merged in ("A1:I1", "A2:I2", "A4:A6", "B4:B6", "E5:E6", "F6:I6"):
        sheet.merge_cells(merged)
    path = tmp_path / "handlingsplan.xlsx"
    book.save(path)
    result = run("import", str(path), "--key", "x", "--owner", "st-olavs")
    assert result.exit_code == 0, result.output
    assert "Importerte x: 1 innsatsområde, 1 mål, 3 tiltak." in result.output
    plan = Planlogg.from_url(sqlite_url).get_plan("x")
    assert plan.header.title == (
        "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"
    )
    first = plan.find_measure("0.6.1")
    assert (first.goal, first.responsible, dict(first.marks)) == (
        "0.6",
        ("Fagråd pasient-samarbeid", "Fagråd lege-samarbeid"),
        {2022: "x oppstart høst", 2023: "x"},
    )
    assert plan.find_measure("0.6.2").see_also == ("0.6.1",)
    last = plan.find_measure("0.6.3")
    assert (last.responsible, dict(last.marks)) == (
        ("Sekretariat",),
        {2022: "x", 2023: "x", 2024: "x", 2025: "x"},
    )


def test_a_word_table_numbered_by_word_is_imported_with_its_numbers(
    run, tmp_path: Path, sqlite_url: str
) -> None:
    word = WordDocument()
    word.define_list(70, *OUTLINE)
    word.add_instance(70, 70)
    word.paragraph("Handlingsplan 2024-2025")
    word.item("Samhandling", 70, 0)
    word.table(
        [
            ["Mål", "Tiltak", "Ansvar", "2024", "2025"],
            ["Betre samhandling", "Felles rutine", "ASU", "x", ""],
            ["", "Felles opplæring", "Fagråd for legesamarbeid", "", "X høst"],
        ]
    )
    cells = word.document.tables[0]
    for row, column, ilvl in [(1, 0, 1), (1, 1, 2), (2, 1, 2)]:
        num_pr = cells.cell(row, column).paragraphs[0]._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = ilvl
        num_pr.get_or_add_numId().val = 70
    path = word.save(tmp_path / "plan.docx")
    result = run("import", str(path), "--key", "w", "--owner", "hf")
    assert result.exit_code == 0, result.output
    assert "Importerte w: 1 innsatsområde, 1 mål, 2 tiltak." in result.output
    plan = Planlogg.from_url(sqlite_url).get_plan("w")
    second = plan.find_measure("1.1.2")
    assert (second.goal, second.text, second.responsible, dict(second.marks)) == (
        "1.1",
        "Felles opplæring",
        ("Fagråd for legesamarbeid",),
        {2025: "X høst"},
    )


def test_a_word_zip_bomb_is_refused_and_nothing_is_stored(
    run, tmp_path: Path, sqlite_url: str
) -> None:
    base = WordDocument().save(tmp_path / "base.docx")
    path = tmp_path / "bombe.docx"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            out.writestr(entry, source.read(entry))
        with out.open("word/media/bilde.xml", "w", force_zip64=True) as part:
            for _ in range(101):
                part.write(b" " * (1024 * 1024))
    with zipfile.ZipFile(path) as archive:
        unpacked = round(sum(entry.file_size for entry in archive.infolist()) / 2**20)
    result = run("import", str(path), "--key", "b", "--owner", "hf")
    assert (result.exit_code, result.output) == (
        EXIT_INVALID,
        f'Feil: "bombe.docx" pakker seg ut til {unpacked} MB; Planlogg åpner Word-filer på '
        "opptil 100 MB utpakket (en handlingsplan er noen få MB). Filen kan være skadd eller "
        "laget for å fylle minnet. Lagre planen som en ny Word-fil uten bilder og vedlegg, "
        "eller kopier den over i et nytt dokument.\n",
    )
    assert not Planlogg.from_url(sqlite_url).plan_exists("b")


def test_a_refused_import_lists_its_problems_once_and_starts_no_import(
    run, tmp_path: Path, sqlite_url: str
) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "Handlingsplan 2024\n1. Område\nPkt.;Mål;;Tiltak;Ansvar;2024\n"
        "1.1;Målet;1.1.1;Tiltaket;ASU;kanskje\n;;1.1.2;;ASU;x\n",
        encoding="utf-8",
    )
    result = run("import", str(path), "--key", "k", "--owner", "hf")
    assert result.exit_code == EXIT_INVALID
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        'Linje 4: Tiltak 1.1.1, 2024: Forstår ikke årsmerket "kanskje". Skriv f.eks. x, '
        "X høst, x oppstart vår, x vår/ høst, x igangsatt eller - (utsatt).",
        "Linje 5: Tiltak 1.1.2 mangler tekst.",
        "Feil: Importen ble stoppet (se over). Ingenting er lagret.",
    ]
    assert not Planlogg.from_url(sqlite_url).plan_exists("k")


def test_an_import_needs_a_key_and_an_owner(run, demo_file: Path) -> None:
    result = run("import", str(demo_file))
    assert result.exit_code == 2
    assert "Feil: --key og --owner må være med når planen skal importeres." in result.output


def test_a_timeframe_note_alone_leaves_the_year_marks_as_they_are(
    database_url: str, demo_file: Path
) -> None:
    runner = CliRunner()

    def run(*args: str) -> object:
        return runner.invoke(cli, ["--database-url", database_url, "--as", "Kari", *args])

    run("import", str(demo_file), "--key", "p", "--owner", "hf")
    result = run("measure", "timeframe", "p", "0.1.3", "--note", "innen medio mai")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    app = Planlogg.from_url(database_url)
    try:
        measure = app.get_plan("p").find_measure("0.1.3")
        assert (measure.marks, measure.timeframe_note) == ({2022: "x"}, "innen medio mai")
    finally:
        app.close()


@pytest.fixture
def demo_run(run):
    assert run("demo").exit_code == 0
    return run


def test_a_measure_removed_by_its_number_is_restored_by_the_same_number(
    demo_run, sqlite_url: str
) -> None:
    removed = demo_run("measure", "remove", "st-olavs-2022-2024", "2.1.3B")
    assert (removed.exit_code, removed.output) == (0, "✓ Fjernet 2.1.3B.\n")
    restored = demo_run("measure", "restore", "st-olavs-2022-2024", "2.1.3B")
    assert (restored.exit_code, restored.output) == (0, "✓ Gjenopprettet 2.1.3B.\n")
    plan = Planlogg.from_url(sqlite_url).get_plan("st-olavs-2022-2024")
    assert plan.find_measure("2.1.3B").id == "T032"
    again = demo_run("measure", "restore", "st-olavs-2022-2024", "2.1.3B")
    assert (again.exit_code, again.output) == (
        EXIT_REFUSED,
        "Feil: Tiltak 2.1.3B er ikke fjernet.\n",
    )


def test_an_approval_needs_a_case_number_and_takes_the_body_in_any_spelling(run) -> None:
    for args in (
        ("plan", "create", "p", "--title", "Plan", "--owner", "hf", "--years", "2025"),
        ("plan", "area", "p", "1", "Område"),
        ("plan", "goal", "p", "1.1", "Mål"),
        ("measure", "add", "p", "1.1.1", "Tiltak"),
        ("submit", "p", "--body", "ASU", "--body", "PSU"),
    ):
        assert run(*args).exit_code == 0
    approve = ("approve", "p", "1", "--date", "13.03.2025")
    no_case = run(*approve, "--body", "ASU", "--case", "vedtatt i møtet")
    assert (no_case.exit_code, no_case.output) == (
        EXIT_INVALID,
        'Feil: "vedtatt i møtet" er ikke et saksnummer. '
        'Skriv f.eks. "sak 11/24" eller "ASU sak 27/22".\n',
    )
    lower = run(*approve, "--body", "asu", "--case", "sak 12/25")
    assert (lower.exit_code, lower.output) == (0, "✓ asu godkjente versjon 1.\n")
    twice = run(*approve, "--body", "ASU", "--case", "sak 12/25")
    assert (twice.exit_code, twice.output) == (
        EXIT_REFUSED, "Feil: ASU har allerede godkjent versjon 1.\n",
    )  # fmt: skip


def test_a_refused_status_report_names_the_bodies_as_people_write_them(demo_run) -> None:
    refused = demo_run("status", "st-olavs-2022-2024", "2.1.2A", "gul", "--body", "PSU")
    assert (refused.exit_code, refused.output) == (
        EXIT_REFUSED, "Feil: PSU er ikke ansvarlig for tiltak 2.1.2A (ansvarlig: ASU).\n",
    )  # fmt: skip


def test_a_status_for_a_measure_only_the_draft_has_is_refused(demo_run) -> None:
    """The demo drafts version 2 while version 1 is in force: a measure added since is not
    reported on until a version holding it is adopted."""
    added = demo_run("measure", "add", "st-olavs-2022-2024", "2.1.4", "Nytt tiltak", "-r", "ASU")
    assert added.exit_code == 0, added.output
    refused = demo_run("status", "st-olavs-2022-2024", "2.1.4", "gul", "--body", "ASU")
    assert (refused.exit_code, refused.output) == (
        EXIT_REFUSED,
        "Feil: Tiltak 2.1.4 er ikke med i vedtatt versjon 1, som det rapporteres på. Det kan "
        "få status og evalueres når en versjon med tiltaket er vedtatt.\n",
    )


@pytest.mark.parametrize(
    ("written", "period"),
    [("2022–2024", (2022, 2024)), ("2023 — 2026", (2023, 2026)), ("våren 2022", (2022, 2022))],
)
def test_a_period_is_taken_as_the_plans_write_it(
    run, sqlite_url: str, written: str, period: tuple[int, int]
) -> None:
    created = run("plan", "create", "p", "--title", "Plan", "--owner", "hf", "--years", written)
    assert (created.exit_code, created.output) == (0, "✓ Opprettet planen p.\n")
    header = Planlogg.from_url(sqlite_url).get_plan("p").header
    assert (header.first_year, header.last_year) == period
