"""`planlogg report`: the annual report and the adopted plan written as files from the command
line, on SQLite and PostgreSQL, with the usual exit codes."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from web.cli import EXIT_FAILED, EXIT_NOT_FOUND, EXIT_USAGE, cli


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The folder the commands run in (the SQLite file lies beside it)."""
    folder = tmp_path / "ut"
    folder.mkdir()
    return folder


@pytest.fixture
def run(database_url: str, out: Path, monkeypatch: pytest.MonkeyPatch):
    app = Planlogg.from_url(database_url)
    load_demo(app)
    app.close()
    monkeypatch.chdir(out)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--database-url", database_url, *args])

    return invoke


def test_the_annual_report_is_written_under_its_own_name(run, out: Path) -> None:
    result = run("report", DEMO_PLAN, "--year", "2024")
    name = f"{DEMO_PLAN}-arsrapport-2024.pdf"
    assert result.exit_code == 0, result.output
    assert result.output == f"Skrev «Årsrapport 2024» ({DEMO_PLAN}) til {name}.\n"
    text = " ".join(p.extract_text() for p in PdfReader(out / name).pages)
    assert "Årsrapport 2024" in text and "Organer som ikke har rapportert" in text


def test_the_adopted_plan_as_word_to_a_chosen_file(run, out: Path) -> None:
    result = run("report", DEMO_PLAN, "--adopted", "--version", "1", "--format", "docx",
                 "--out", "vedtatt.docx")  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = Document(str(out / "vedtatt.docx"))
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == [
        "Vedtatt handlingsplan, versjon 1"
    ]


def test_a_dash_writes_the_document_to_standard_output(run) -> None:
    result = run("report", DEMO_PLAN, "--adopted", "--out", "-")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(result.stdout_bytes)).pages) == 14


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ((), EXIT_USAGE, "Velg enten --year ÅR (årsrapporten) eller --adopted."),
        (("--year", "2024", "--adopted"), EXIT_USAGE, "Velg enten --year ÅR"),
        (("--year", "2024", "--version", "1"), EXIT_USAGE, "--version gjelder bare sammen med"),
        (("--year", "1800"), EXIT_USAGE, "1800 er utenfor området 1900<=x<=2200."),
        (("--year", "2024", "--format", "odt"), EXIT_USAGE, "'odt' er ikke en av 'docx', 'pdf'."),
        (("--adopted", "--version", "2"), EXIT_NOT_FOUND, "Fant ikke versjon 2 av planen"),
    ],
)
def test_wrong_requests_are_refused_and_write_nothing(
    run, out: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    result = run("report", DEMO_PLAN, *args)
    assert result.exit_code == code
    assert message in result.output
    assert list(out.iterdir()) == []


def test_a_plan_that_does_not_exist_is_not_found(run) -> None:
    result = run("report", "ingen", "--year", "2024")
    assert result.exit_code == EXIT_NOT_FOUND
    assert 'Feil: Fant ingen plan med nøkkelen "ingen".' in result.output


def test_a_machine_without_pango_is_told_what_to_install_and_gets_nothing(
    run, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    result = run("report", "st-olavs-2022-2024", "--year", "2024", "--format", "pdf")
    assert result.exit_code == EXIT_FAILED
    assert "WeasyPrint mangler Pango (Debian-pakkene libpango-1.0-0" in result.output
    assert list(out.iterdir()) == []
