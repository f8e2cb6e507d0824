"""The read-model tables' rows as the stores write them (`projections.rows`)."""

from __future__ import annotations

import pytest

from projections.projectors import PartitionRows
from projections.rows import TABLES, AppendOnlyError, MemoryRows, Table
from projections.store import SqlViews

AUDIT_ROW = (7, 1, "e/3", "2030-06-01T10:00:00.000000+00:00", "Kari", "sheet", "p", "1", "1.1",
             "T001", "1.1.1", "status", "", "yellow", "", "", "StatusReported")  # fmt: skip


def test_a_plain_row_is_written_as_its_values_in_column_order() -> None:
    audit = TABLES["audit"]
    row = {column: f"{column}-value" for column in reversed(audit.all_columns)}

    assert SqlViews.encode(audit, row) == tuple(f"{c}-value" for c in audit.all_columns)


def test_a_column_missing_from_a_plain_row_is_written_as_null() -> None:
    meta = TABLES["meta"]

    assert SqlViews.encode(meta, {"name": "schema"}) == ("schema", None)
    assert SqlViews.encode(meta, {"value": "8"}) == (None, "8")


def test_a_one_column_table_gives_a_one_value_tuple() -> None:
    single = Table("single", ("name",), ())

    assert single.values_of({"name": "x"}) == ("x",)
    assert SqlViews.encode(single, {"name": "x"}) == ("x",)


def test_a_key_is_a_tuple_of_the_key_columns_in_order() -> None:
    audit, meta = TABLES["audit"], TABLES["meta"]

    assert audit.key_of({"seq": 2, "position": 7, "actor": "Kari"}) == (7, 2)
    assert meta.key_of({"value": "8", "name": "schema"}) == ("schema",)


def test_a_row_without_its_key_has_no_key() -> None:
    with pytest.raises(KeyError, match=r"^'seq'$"):
        TABLES["audit"].key_of({"position": 7})


def test_an_audit_row_is_added_as_its_values_and_read_back_by_column() -> None:
    rows = MemoryRows()
    rows.add("audit", AUDIT_ROW)

    (found,) = rows.all("audit")
    assert found == dict(zip(TABLES["audit"].all_columns, AUDIT_ROW, strict=True))
    assert (found["field"], found["after_value"], found["event_type"]) == (
        "status",
        "yellow",
        "StatusReported",
    )


def test_a_rebuilds_rows_hand_on_added_values_unchanged() -> None:
    rows = PartitionRows()
    rows.add("audit", AUDIT_ROW)

    assert rows.take().appended == {"audit": [AUDIT_ROW]}
    assert rows.take().appended == {}


@pytest.mark.parametrize("rows", [MemoryRows(), PartitionRows()], ids=["memory", "rebuild"])
def test_an_append_only_row_is_never_put(rows: MemoryRows | PartitionRows) -> None:
    row = dict(zip(TABLES["audit"].all_columns, AUDIT_ROW, strict=True))

    with pytest.raises(AppendOnlyError, match="audit is append-only"):
        rows.put("audit", row)


def test_an_append_only_table_holds_only_text_and_integers() -> None:
    with pytest.raises(ValueError, match="trail: an append-only table"):
        Table("trail", ("position",), ("document",), json=frozenset({"document"}), append_only=True)
