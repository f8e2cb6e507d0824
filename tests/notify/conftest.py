"""The reminder tests' shared fixture: the demo, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from domain.application import Planlogg
from domain.demo import load_demo


@pytest.fixture
def demo_app(database_url: str) -> Iterator[Planlogg]:
    app = Planlogg.from_url(database_url)
    load_demo(app)
    yield app
    app.close()
