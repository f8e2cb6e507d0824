"""A full page of a history filter, kept: no later change can alter it.

The audit trail only grows, in position order (see `projections.audit_counts`),
and a page lists the filter's rows in (position, seq) order from its start (an
offset or a cursor). Once a page has found a row beyond its end, every row a
later event adds matches after that row, so the page's rows and where the
next page starts stay as they are; only the filter's total moves. The first
request after a change then reads the total and nothing else (at national
scale the page query and turning its rows into JSON were most of that
request). A page not yet full (the last one) is read afresh each time. A
rebuild in the process forgets the pages, as it does the counts.
"""

from __future__ import annotations

from typing import NamedTuple

from projections.documents import AuditRow

MAX_PAGES = 256


class FullPage(NamedTuple):
    rows: tuple[AuditRow, ...]
    next: str
    """Where the next page starts (the page found a row after its last)."""
