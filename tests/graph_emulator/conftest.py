"""A fresh emulator per test and a session that sends the service user's token."""

from __future__ import annotations

import pytest
import requests

from tests.graph_emulator import GraphEmulator


@pytest.fixture
def http(graph: GraphEmulator) -> requests.Session:
    session = graph.session()
    session.headers["Authorization"] = f"Bearer {graph.token()}"
    return session
