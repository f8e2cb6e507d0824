"""`planlogg report` names its file as the download does: a plan key may hold an invisible
formatting character (a direction override, U+202E), which the download's name leaves out;
the command line kept it, so "plan‮xcod.exe-….pdf" was written under a name that seemed to
end in ".doc" (or ".docx")."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from web.cli import cli

KEY = "hf\u202excod.exe"
"""A plan key with a right-to-left override: "hf" and then, read backwards, "exe.docx"."""


def test_the_default_file_name_leaves_out_invisible_characters(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = Planlogg.from_url(sqlite_url)
    app.create_plan(KEY, "Handlingsplan", "hf", 2024, 2026, Provenance("Sekretariatet", Source.CLI))
    app.close()
    folder = tmp_path / "ut"
    folder.mkdir()
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(
        cli, ["--database-url", sqlite_url, "report", KEY, "--year", "2024", "--format", "docx"]
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in folder.iterdir()] == ["hfxcod.exe-arsrapport-2024.docx"]
    assert result.output.endswith(" til hfxcod.exe-arsrapport-2024.docx.\n")
