"""One sync per sheet at a time, per store.

Two syncs of the same sheet would both read the same baseline and both write;
the second save would be refused by the event store, but only after it had
written the sheet. The lock keeps the second one out from the start. It is the
reminders' election (`notify.election`): a PostgreSQL advisory lock, held by
the database so it works across machines, or an OS file lock that the OS
releases if the process dies; both are scoped to the store, so a store's two
syncs of a sheet exclude each other and another store's do not.

A refusal (`SheetBusy`) gives its cause apart from what comes next: the cause is the
other sync; what comes next is a cycle's (a later round takes the changes in). A restore,
which no later round tries again, tells the cause with its own next step
(`sync.restore.RestoreStopped`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from domain.application import Planlogg
from language import N_, _
from notify.election import elected
from sync.backend import SheetBusy

_BUSY = N_("En annen synkronisering av «%(target)s» kjører allerede.")
_LATER = N_("Endringene blir tatt inn ved en senere synkronisering.")


@contextmanager
def sync_lock(app: Planlogg, target: str, label: str = "") -> Iterator[None]:
    """Holds the sheet `target` for this sync, or refuses with `SheetBusy` if another has it:
    its `cause` the other sync, naming the sheet as people know it (`label`, the backend's:
    the file's name, the spreadsheet's title; the target is an identity they never see),
    its `then` a cycle's next step."""
    with elected(app, f"sync/{target}") as held:
        if not held:
            raise SheetBusy(_(_BUSY, target=label or target), _(_LATER))
        yield
