"""The Excel Online backend wired to the Graph emulator, with waits recorded, not slept."""

from __future__ import annotations

from sync.excel_online import ExcelOnlineBackend, GraphClient
from sync.retry import RetryPolicy
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import Workbook


def quick_policy(waits: list[float]) -> RetryPolicy:
    """The production policy, but waits are recorded instead of slept."""
    return RetryPolicy(sleep=waits.append)


def excel_backend(
    graph: GraphEmulator, book: Workbook, plan_key: str, waits: list[float], link: str = ""
) -> ExcelOnlineBackend:
    token = graph.token()
    client = GraphClient(
        lambda fresh: token,
        graph.base_url,
        session=graph.session(),
        policy=quick_policy(waits),
        timeout=(2.0, 10.0),
    )
    return ExcelOnlineBackend(client, link or book.sharing_url, plan_key)
