"""How people read what a measure lacks to be SMART: by the measure's fields it asks for.

The dashboard page and `planlogg dashboard` both name the gaps so; kept here, apart from
the page's Flask view, so the command line reads the same words without importing it."""

from __future__ import annotations

from collections.abc import Iterable

from language import N_, _

SMART_CRITERIA = {
    "ansvar": N_("ansvar"),
    "målbart": N_("indikator eller målverdi"),
    "tidsbestemt": N_("frist"),
}
"""Each SMART criterion a measure can miss (`MeasureState.smart_gaps`), named by the measure's
fields it asks for (Ansvar; Indikator or Målverdi; Frist), as the form and the sheet name them:
the intro names them all, each row those its measure lacks, in the same words."""


def smart_words(gaps: Iterable[str] | None = None) -> str:
    """The SMART criteria (those of `gaps`, or all of them) in the målform spoken; a criterion
    with no words here, by its code."""
    named = SMART_CRITERIA if gaps is None else gaps
    return ", ".join(_(SMART_CRITERIA.get(code, code)) for code in named)
