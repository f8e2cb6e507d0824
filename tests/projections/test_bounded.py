"""What the read models and the web app keep between requests stays within its bound, and what
was used most recently stays."""

from __future__ import annotations

from projections.bounded import BoundedMap


def test_the_entry_used_longest_ago_makes_room() -> None:
    kept: BoundedMap[int] = BoundedMap(3)
    for key in ("a", "b", "c", "d"):
        kept.put(key, 1)
    assert [kept.get(key) for key in ("a", "b", "c", "d")] == [None, 1, 1, 1]


def test_an_entry_put_again_is_the_newest() -> None:
    kept: BoundedMap[int] = BoundedMap(2)
    kept.put("page", 1)
    kept.put("old position", 1)
    kept.put("page", 2)
    kept.put("new position", 1)
    assert (kept.get("page"), kept.get("old position"), kept.get("new position")) == (2, None, 1)


def test_clear_empties_it() -> None:
    kept: BoundedMap[int] = BoundedMap(2)
    kept.put("a", 1)
    kept.clear()
    assert kept.get("a") is None


def test_an_entry_found_again_stays() -> None:
    kept: BoundedMap[int] = BoundedMap(2)
    kept.put("page", 1)
    kept.put("old position", 1)
    assert kept.get("page") == 1
    kept.put("new position", 1)
    assert (kept.get("page"), kept.get("old position"), kept.get("new position")) == (1, None, 1)


def test_its_entries_are_listed_the_one_used_longest_ago_first_and_can_be_taken_out() -> None:
    kept: BoundedMap[int] = BoundedMap(3)
    for key, value in (("a", 1), ("b", 2), ("c", 3)):
        kept.put(key, value)
    kept.get("a")
    kept.pop("b")
    assert (kept.items(), len(kept)) == ([("c", 3), ("a", 1)], 2)
