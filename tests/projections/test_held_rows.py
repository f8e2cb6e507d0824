"""A rebuild's rows make a row put later (`Projecting.put_later`) once, when it is needed."""

from __future__ import annotations

from projections.projectors import PartitionRows
from projections.rows import Row


def _goal(text: str, made: list[str]) -> Row:
    made.append(text)
    return {"plan_key": "p", "number": "1.1", "area": "1", "text": text, "removed": 0}


def test_only_the_newest_row_held_under_a_key_is_made_when_it_is_read() -> None:
    rows, made = PartitionRows(), []
    rows.hold("goals", ("p", "1.1"), "first", lambda: _goal("first", made))
    rows.hold("goals", ("p", "1.1"), "second", lambda: _goal("second", made))

    assert rows.value("goals", ("p", "1.1")) == "second"
    assert made == []
    found = rows.get("goals", ("p", "1.1"))
    assert found == {"plan_key": "p", "number": "1.1", "area": "1", "text": "second",
                     "removed": 0}  # fmt: skip
    assert made == ["second"]
    assert rows.value("goals", ("p", "1.1")) is None
    rows.get("goals", ("p", "1.1"))
    assert made == ["second"]


def test_a_row_put_replaces_the_row_held_under_its_key() -> None:
    rows, made = PartitionRows(), []
    rows.hold("goals", ("p", "1.1"), "held", lambda: _goal("held", made))
    rows.put("goals", {"plan_key": "p", "number": "1.1", "area": "1", "text": "put", "removed": 0})

    assert rows.value("goals", ("p", "1.1")) is None
    assert rows.final().appended == {"goals": [("p", "1.1", "1", "put", 0)]}
    assert made == []


def test_held_rows_are_made_for_a_select_and_at_the_end() -> None:
    rows, made = PartitionRows(), []
    rows.hold("goals", ("p", "1.1"), "x", lambda: _goal("selected", made))
    assert [r["text"] for r in rows.select("goals", plan_key="p")] == ["selected"]

    rows.hold("goals", ("p", "1.1"), "y", lambda: _goal("last", made))
    assert rows.final().appended == {"goals": [("p", "1.1", "1", "last", 0)]}
    assert made == ["selected", "last"]
