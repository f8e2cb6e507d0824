"""The reasons Planlogg gives for a change itself, where no person gave one: one table of
their messages, used where they are written and where they are read.

Such a reason is written in the målform spoken when the change is made (its plan's
community's) and stored as text in the event's provenance, as a reason a person typed is.
Whoever reads the history later may speak the other målform: `OWN_REASONS` is what
`projections.audit_labels.reason_label` recognises in either målform, and in the words an
earlier Planlogg stored (`OwnReason.former`), to restate in the målform spoken then. Each
message's placeholders (a sheet's, a file's, people's names) are data, kept as stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.provenance import Source
from language import N_

SHEET_CHANGED = N_("Endret i regnearket «%(sheet)s»")
"""The sheet sync's changes (`sync.cycle.sheet_provenance`)."""
SEVERAL_EDITED = N_(" (flere redigerte siden forrige synkronisering: %(people)s)")
"""Added to `SHEET_CHANGED` when several people edited the sheet since the last cycle."""
RESTORED = N_("Tatt vare på da planen ble lagt ut på nytt i regnearket (sync restore)")
"""What a restore keeps of the sheet before laying the plan out again (`sync.restore`)."""
IMPORTED = N_("Import fra %(file)s")
"""A plan imported from a file with no `--reason` (`planlogg import`)."""
STATUS_REPORT = N_("Statusrapport")
"""Statuses saved with the status form (`web.status_reporting`)."""
CONFIRMED_SENT = N_("Bekreftet sendt fra statusoversikten")
SENT_AGAIN = N_("Sendt på nytt fra statusoversikten")
"""A reminder's fate settled with the dashboard's buttons (`web.reminder_actions`)."""
REMINDER = N_("Påminnelse om statusrapport")
"""Planlogg sending reminders by itself (`notify.sender`)."""
SIGNED_IN_VIA = N_("logget inn via %(provider)s")
"""A person added or updated by signing in through the identity provider (`web.login`);
stored in bokmål, words and all, before it was in the catalogue."""
REFUSED_FROM_ROW = N_("Avvist fra rad %(row)s: %(reason)s")
REFUSED = N_("Avvist: %(reason)s")
"""What the sync refused from the sheet, as the read models word its audit rows
(`projections.handlers`, always in nynorsk): the refusal's own reason is kept as stored."""


@dataclass(frozen=True)
class OwnReason:
    """A reason Planlogg writes: its message (the bokmål key), the sources of the changes
    it is written for (empty: any; a person's reason typed elsewhere in the same words
    stays as typed), how earlier Planloggs stored it in words no catalogue holds now (with
    the same placeholders), and a message that may follow it in the same reason."""

    message: str
    sources: frozenset[str] = frozenset()
    former: tuple[str, ...] = ()
    then: str = ""


_SHEET = frozenset({Source.SHEET})
_WEB = frozenset({Source.WEB})

OWN_REASONS: tuple[OwnReason, ...] = (
    OwnReason(SHEET_CHANGED, _SHEET, former=("Endra i regnearket «%(sheet)s»",),
              then=SEVERAL_EDITED),
    OwnReason(RESTORED, _SHEET, former=(
        "Tatt vare på da planarket ble lagt ut på nytt (sync restore)",
        "Teke vare på då planarket vart lagt ut på nytt (sync restore)",
        "Teke vare på då planen vart lagd ut på nytt i reknearket (sync restore)",
    )),
    OwnReason(IMPORTED, frozenset({Source.IMPORT})),
    OwnReason(STATUS_REPORT, _WEB),
    OwnReason(CONFIRMED_SENT, _WEB),
    OwnReason(SENT_AGAIN, _WEB),
    OwnReason(REMINDER, frozenset({Source.SYSTEM})),
    OwnReason(SIGNED_IN_VIA, _WEB),
    OwnReason(REFUSED_FROM_ROW, _SHEET),
    OwnReason(REFUSED, _SHEET),
)  # fmt: skip
"""Every reason Planlogg writes itself. `former`: the sheet sync wrote «Endra i regnearket
«…»» before its words were in the catalogue; a restore kept «planarket» before it said
«planen … i regnearket» (and in nynorsk «vart lagd» before «blei lagd»)."""
