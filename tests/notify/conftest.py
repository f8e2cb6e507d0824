"""A real SMTP server on loopback for every reminder test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.notify.smtp_server import SmtpServer


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server
