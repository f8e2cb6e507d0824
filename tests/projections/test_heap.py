"""No collection walks the heap or a block's own objects (a sync cycle's, a rebuild's) while
the block runs; both are handed back at its end."""

from __future__ import annotations

import gc
import weakref

import pytest

from projections.heap import long_lived_set_aside


def test_objects_alive_before_the_block_are_set_aside_until_it_ends() -> None:
    kept = [[index] for index in range(1_000)]
    assert gc.get_freeze_count() == 0
    with long_lived_set_aside():
        assert gc.get_freeze_count() >= len(kept)
        made_inside = [[index] for index in range(10)]
        assert gc.is_tracked(made_inside[0])
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_the_collector_is_off_inside_the_block_and_on_after_it() -> None:
    started: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(count)
    try:
        with long_lived_set_aside():
            assert not gc.isenabled()
            made_inside = [[[index]] for index in range(50_000)]
            assert started == []
        assert gc.isenabled()
        more = [[[index]] for index in range(5_000)]
        assert started, "the collector did not run after the block"
    finally:
        gc.callbacks.remove(count)
    assert len(made_inside) == 50_000 and len(more) == 5_000


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with long_lived_set_aside():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_heap_is_handed_back_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), long_lived_set_aside():
        raise RuntimeError("the cycle failed")
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_a_garbage_cycle_made_before_the_block_is_collected_after_it() -> None:
    class Node:
        partner: object

    first, second = Node(), Node()
    first.partner, second.partner = second, first
    watched = weakref.ref(first)
    with long_lived_set_aside():
        del first, second
        gc.collect()
        assert watched() is not None
    gc.collect()
    assert watched() is None


def test_a_garbage_cycle_made_in_the_block_is_freed_by_the_next_collection() -> None:
    class Node:
        partner: object

    with long_lived_set_aside():
        first, second = Node(), Node()
        first.partner, second.partner = second, first
        watched = weakref.ref(first)
        del first, second
    assert watched() is not None
    gc.collect(0)
    assert watched() is None
