"""The read-model tables' rows as the stores write them (`projections.rows`)."""

from __future__ import annotations

import pytest

from projections.rows import TABLES, Table
from projections.store import SqlViews


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
    with pytest.raises(KeyError):
        TABLES["audit"].key_of({"position": 7})
