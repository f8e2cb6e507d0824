"""What the sync takes for its own earlier writes (`sync.writeplan.written_earlier`)."""

from __future__ import annotations

from sync.merge import SheetRow
from sync.writeplan import written_earlier


def test_a_pending_write_on_a_doubled_id_is_left_to_the_merge() -> None:
    """Two rows carry T001: which one the write reached is unknown, so neither is taken for
    Planlogg's own write (the person's copy could show the text by chance)."""
    pending = {"T001": {"Tiltak": "Frå nettet"}, "T002": {"Status": "gul"}}
    rows = [
        SheetRow(2, {"ID": "T001", "Tiltak": "Frå nettet"}),
        SheetRow(3, {"ID": "T001", "Tiltak": "Frå arket"}),
        SheetRow(4, {"ID": "T002", "Status": "gul"}),
    ]
    assert written_earlier(pending, rows) == {"T002": {"Status": "gul"}}


def test_a_pending_cell_a_person_changed_is_not_taken_for_the_sync_s_write() -> None:
    pending = {"T001": {"Tiltak": "Frå nettet", "Status": "gul"}}
    rows = [SheetRow(2, {"ID": "T001", "Tiltak": "Frå arket", "Status": " gul "})]
    assert written_earlier(pending, rows) == {"T001": {"Status": "gul"}}
