"""The labels of the auditors' search forms (history, plan as of a day, version comparison),
by the query parameter each entry sends.

One place for each: the forms write their labels from here (`filter_label` in templates),
and a refused parameter is named by the same words on the form's error summary and on an
error page, never by its code in the address (often English). The JSON API keeps the codes.
"""

from __future__ import annotations

from domain.norwegian_time import ZONE_LABEL
from language import N_, _

FILTER_LABELS = {
    "plan": N_("Plan"),
    "measure": N_("Tiltak (nr. eller ID)"),
    "actor": N_("Person"),
    "source": N_("Kilde"),
    "field": N_("Felt"),
    "decision": N_("Vedtak (f.eks. SSU sak 11/24)"),
    "since": N_("Fra dato (%(zone)s)"),
    "until": N_("Til dato (%(zone)s)"),
    "limit": N_("Rader per side"),
    "dato": N_("Dato (%(zone)s)"),
    "a": N_("Fra versjon"),
    "b": N_("Til versjon"),
    "posisjon": N_("Posisjon (hendelse nr.)"),
    "kontrollsum": N_("Kontrollsum"),
}
"""Each search form's entries, in the order the forms show them."""


def filter_label(name: str) -> str:
    """A parameter's label in the målform spoken; empty when it has none, so that a page
    never shows a parameter's code as if it were a word."""
    label = FILTER_LABELS.get(name)
    return _(label, zone=_(ZONE_LABEL)) if label else ""
