"""One sync per sheet at a time, per store.

Two syncs of the same sheet would both read the same baseline and both write;
the second save would be refused by the event store, but only after it had
written the sheet. The lock keeps the second one out from the start. It is the
reminders' election (`notify.election`): a PostgreSQL advisory lock, held by
the database so it works across machines, or an OS file lock that the OS
releases if the process dies; both are scoped to the store, so a store's two
syncs of a sheet exclude each other and another store's do not.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from domain.application import Planlogg
from language import N_, _
from notify.election import elected
from sync.backend import SheetBusy

_BUSY = N_("En annen synkronisering av «%(target)s» kjører allerede. Prøv igjen når den er ferdig.")


@contextmanager
def sync_lock(app: Planlogg, target: str) -> Iterator[None]:
    """Holds the sheet `target` for this sync, or refuses with `SheetBusy` if another has it."""
    with elected(app, f"sync/{target}") as held:
        if not held:
            raise SheetBusy(_(_BUSY, target=target))
        yield
