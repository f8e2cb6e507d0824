"""Writer processes for the concurrency tests: each is a separate OS process with its own app.

They live in their own module so that `spawn`ed children can import them
without importing a test module (and its fixtures).
"""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.errors import ConcurrentEditError
from domain.provenance import Provenance, Source

STATUS_COLOURS = ("grønn", "gul", "raud")


def report_statuses(
    url: str, key: str, writer: int, measure_ids: list[str], count: int
) -> list[tuple[str, bool]]:
    """Status reports with unique comments; returns (comment, accepted) for each."""
    app = Planlogg.from_url(url)
    by = Provenance(f"Skrivar {writer}", Source.WEB, reason="samtidig skriving")
    outcomes: list[tuple[str, bool]] = []
    try:
        for i in range(count):
            comment = f"skrivar {writer} rapport {i}"
            try:
                app.report_status(
                    key,
                    measure_ids[(writer + i) % len(measure_ids)],
                    STATUS_COLOURS[i % 3],
                    comment,
                    by,
                    reported_on=date(2024, 9, 2),
                )
            except ConcurrentEditError:
                outcomes.append((comment, False))
            else:
                outcomes.append((comment, True))
    finally:
        app.close()
    return outcomes


def reword_from_what_was_read(
    url: str, key: str, writer: int, measure_id: str, count: int
) -> list[tuple[str, int, bool]]:
    """Read-then-write rewordings of ONE shared measure, each naming the revision it read.

    Returns (text, revision read, accepted). Two accepted rewordings based on
    the same revision would be a lost update.
    """
    app = Planlogg.from_url(url)
    by = Provenance(f"Skrivar {writer}", Source.WEB, reason="samtidig skriving")
    outcomes: list[tuple[str, int, bool]] = []
    try:
        for i in range(count):
            revision = app.get_plan(key).measure(measure_id).revision
            text = f"Tekst frå skrivar {writer}, nummer {i}"
            try:
                app.reword_measure(key, measure_id, text, by, expected_revision=revision)
            except ConcurrentEditError:
                outcomes.append((text, revision, False))
            else:
                outcomes.append((text, revision, True))
    finally:
        app.close()
    return outcomes
