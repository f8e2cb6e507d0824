"""Several processes opening the read models of a database that has none yet, at once: the
first to start a service and a command line run beside it, or `serve --workers`. Each must
open them; none may fail because another created the tables first."""

from __future__ import annotations

import threading

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from projections import ReadModels

OPENERS = 4


def test_the_read_models_opened_at_once_by_several_open_for_each(database_url: str) -> None:
    loader = Planlogg.from_url(database_url)
    load_demo(loader)
    loader.close()
    apps = [Planlogg.from_url(database_url) for _ in range(OPENERS)]
    start = threading.Barrier(OPENERS)
    opened: list[ReadModels] = []
    errors: list[BaseException] = []

    def open_them(app: Planlogg) -> None:
        start.wait()
        try:
            opened.append(ReadModels.open(app))
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=open_them, args=(app,)) for app in apps]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        assert len(opened) == OPENERS
        opened[0].catch_up()
        assert [models.current_plan(DEMO_PLAN) is not None for models in opened] == [True] * OPENERS
    finally:
        for app in apps:
            app.close()
