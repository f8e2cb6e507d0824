"""bench/RESULTS.md: each run's row lands at the end of its own table."""

from __future__ import annotations

from pathlib import Path

from bench.harness import Figure
from bench.results import NATIONAL_COLUMNS, NATIONAL_HEADING, record


def figure(bench: str, key: str, value: float) -> Figure:
    return Figure(bench=bench, key=key, name=key, value=value, unit="")


def test_national_rows_go_to_their_own_table_and_main_rows_stay_in_theirs(
    tmp_path: Path,
) -> None:
    path = tmp_path / "RESULTS.md"
    record([figure("sync", "sync_req_0", 1)], quick=True, path=path)
    record([figure("national", "national_sync_req_0", 2)], quick=True, path=path)
    record([figure("sync", "sync_req_0", 3)], quick=False, path=path)
    record([figure("national", "national_sync_req_0", 4)], quick=False, path=path)
    lines = path.read_text(encoding="utf-8").splitlines()
    tables = [i for i, line in enumerate(lines) if line.startswith("| date |")]
    assert len(tables) == 2
    main, national = tables
    assert NATIONAL_HEADING.splitlines()[0] in lines[main:national]
    assert [rows_mode(lines, main), rows_mode(lines, national)] == [["quick", "full"]] * 2
    column = [key for key, _ in NATIONAL_COLUMNS].index("national_sync_req_0")
    idle = lines[national + 2].split(" | ")[4 + column]
    assert idle == "2"


def rows_mode(lines: list[str], table: int) -> list[str]:
    """The mode column of each row of the table whose header is at line `table`."""
    modes = []
    for line in lines[table + 2 :]:
        if not line.startswith("|"):
            break
        modes.append(line.split(" | ")[3])
    return modes
