"""A cycle's collections look only at the cycle's own objects, and the heap is handed back."""

from __future__ import annotations

import gc
import weakref

import pytest

from sync.heap import long_lived_set_aside


def test_objects_alive_before_the_block_are_set_aside_until_it_ends() -> None:
    kept = [[index] for index in range(1_000)]
    assert gc.get_freeze_count() == 0
    with long_lived_set_aside():
        assert gc.get_freeze_count() >= len(kept)
        made_inside = [[index] for index in range(10)]
        assert gc.is_tracked(made_inside[0])
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_the_heap_is_handed_back_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), long_lived_set_aside():
        raise RuntimeError("the cycle failed")
    assert gc.get_freeze_count() == 0


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
