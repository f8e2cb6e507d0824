"""An answer in the read cache is made once, however many requests ask for it at the same time."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from web.read_cache import ReadCache

ASKING = 8


def ask_at_once(
    cache: ReadCache, make: Callable[[], object], **keep: Callable[[object], bool]
) -> tuple[list[object], list[BaseException]]:
    """`ASKING` threads ask for the same key; the first one's `make` waits until every other
    thread has been started and has had time to ask, so they ask while it is being made."""
    started = threading.Barrier(ASKING + 1)
    answers: list[object] = []
    errors: list[BaseException] = []

    def ask() -> None:
        started.wait()
        try:
            answers.append(cache.get_or_make("page", make, **keep))
        except LookupError as error:
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(ASKING)]
    for thread in threads:
        thread.start()
    started.wait()
    for thread in threads:
        thread.join(timeout=10)
    if any(thread.is_alive() for thread in threads):
        raise AssertionError("a request still waits for an answer that was made")
    return answers, errors


class SlowMake:
    """Makes a new answer each call; the first call takes its time, as a national page does."""

    def __init__(self, fail_first: bool = False) -> None:
        self.calls = 0
        self.fail_first = fail_first
        self._lock = threading.Lock()

    def __call__(self) -> object:
        with self._lock:
            self.calls += 1
            first = self.calls == 1
        if first:
            threading.Event().wait(0.3)
            if self.fail_first:
                raise LookupError("the first one failed")
        return object()


def test_requests_asking_at_once_wait_for_the_one_answer_being_made() -> None:
    cache, make = ReadCache(), SlowMake()
    answers, errors = ask_at_once(cache, make)
    assert errors == []
    assert make.calls == 1
    assert len(answers) == ASKING
    assert all(answer is answers[0] for answer in answers)
    assert cache.get("page") is answers[0]


def test_an_answer_that_is_not_kept_is_made_by_each_request_itself() -> None:
    cache, make = ReadCache(), SlowMake()
    answers, errors = ask_at_once(cache, make, keep=lambda _: False)
    assert errors == []
    assert make.calls == ASKING
    assert len({id(answer) for answer in answers}) == ASKING
    assert cache.get("page") is None


def test_when_the_first_one_fails_one_of_the_others_makes_it_for_the_rest() -> None:
    cache, make = ReadCache(), SlowMake(fail_first=True)
    answers, errors = ask_at_once(cache, make)
    assert [str(error) for error in errors] == ["the first one failed"]
    assert make.calls == 2
    assert len(answers) == ASKING - 1
    assert all(answer is answers[0] for answer in answers)
    assert cache.get("page") is answers[0]


def test_a_key_asked_for_again_while_it_is_being_made_is_made_again_not_waited_for() -> None:
    cache = ReadCache()

    def outer() -> str:
        return "outer around " + cache.get_or_make("page", lambda: "inner")

    assert cache.get_or_make("page", outer) == "outer around inner"
    assert cache.get("page") == "outer around inner"


def test_a_kept_answer_is_not_made_again() -> None:
    cache = ReadCache()
    cache.put("page", "kept")
    assert cache.get_or_make("page", pytest.fail) == "kept"
