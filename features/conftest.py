"""Fixtures shared by the user journeys: the same ones the tests use."""

from tests.conftest import (  # noqa: F401 (re-exported pytest fixtures)
    app,
    by,
    database_url,
    emulator,
    memory_app,
    postgres_url,
    sqlite_url,
)
