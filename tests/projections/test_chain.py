"""The hash chain's own logic, without a database."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from projections.chain import (
    ChainBrokenError,
    ChainLink,
    StoredRecord,
    chain_record,
    event_hash,
    fields_hash,
    verify,
)
from projections.documents import ChainHead
from projections.rows import MemoryRows


def _records(count: int) -> list[StoredRecord]:
    return [
        StoredRecord(
            n,
            f"plan-{n % 3}",
            n,
            "domain.plan:Plan.MeasureReworded",
            f'{{"text": "tekst {n}"}}'.encode(),
        )
        for n in range(1, count + 1)
    ]


def _chain(records: list[StoredRecord]) -> tuple[list[ChainLink], ChainHead]:
    rows = MemoryRows()
    for record in records:
        chain_record(rows, record, "2025-01-01T00:00:00.000000+00:00")
    links = [
        ChainLink(**{k: r[k] for k in ChainLink.__dataclass_fields__})
        for r in sorted(rows.all("chain"), key=lambda r: r["position"])
    ]
    head = rows.get("chain_head", ("head",))
    assert head is not None
    return links, ChainHead(head["position"], head["link_hash"], head["recorded_at"])


def test_an_events_hash_is_of_its_stored_fields_in_the_chains_one_format() -> None:
    """Every chain ever written was hashed this way: a rebuild checks the fields as read,
    the catch-up a record of them, and both must give the same hash."""
    fields = (7, "plan-1", 3, "domain.plan:Plan.StatusReported", b'{"colour":"red"}')
    expected = hashlib.sha256(
        b'7\nplan-1\n3\ndomain.plan:Plan.StatusReported\n{"colour":"red"}'
    ).hexdigest()

    assert fields_hash(*fields) == expected
    assert event_hash(StoredRecord(*fields)) == expected


def test_an_intact_chain_verifies() -> None:
    records = _records(6)
    links, head = _chain(records)
    report = verify(records, links, head)
    assert (report.ok, report.checked) == (True, 6)
    assert verify(records, links, head, head.hash).ok


def test_each_tampering_names_the_first_bad_position() -> None:
    records = _records(6)
    links, head = _chain(records)
    altered = [*records[:2], replace(records[2], state=b"{}"), *records[3:]]
    removed = [*records[:2], *records[3:]]
    swapped = [
        *records[:2],
        replace(records[3], position=3),
        replace(records[2], position=4),
        *records[4:],
    ]
    inserted = [
        *records[:2],
        StoredRecord(3, "x", 1, "t", b"{}"),
        *[replace(r, position=r.position + 1) for r in records[2:]],
    ]
    for tampered in (altered, removed, swapped, inserted):
        report = verify(tampered, links, head)
        assert (report.ok, report.first_bad_position, report.checked) == (False, 3, 2)


def test_a_link_changed_in_the_chain_table_is_found() -> None:
    records = _records(4)
    links, head = _chain(records)
    links[1] = replace(links[1], link_hash="0" * 64)
    assert verify(records, links, head).first_bad_position == 2


def test_an_unexpected_published_head_fails() -> None:
    records = _records(4)
    links, head = _chain(records)
    report = verify(records, links, head, "f" * 64, 4)
    assert (report.ok, report.first_bad_position) == (False, 4)
    assert verify(records, links, head, head.hash, 9).first_bad_position == 9


def test_rechaining_checks_events_already_chained() -> None:
    rows = MemoryRows()
    records = _records(3)
    for record in records:
        chain_record(rows, record, "t")
    chain_record(rows, records[1], "t")
    with pytest.raises(ChainBrokenError) as broken:
        chain_record(rows, replace(records[1], state=b"{}"), "t")
    assert broken.value.position == 2
