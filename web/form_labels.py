"""Each page form's fields under the labels its page shows them with, declared once.

The module of a form declares its fields' labels as a constant (`FormLabels`, in bokmål
marked with `N_`, for the endpoint the form is sent to); its page is given them
(`FormLabels.fields`, translated with `_` in the template, so it speaks the request's
målform), and a form refused for its token (`web.csrf`) gives back what was typed under them.
The app factory (`web.create_app`) collects the forms by endpoint and gives them to
`web.csrf`: nothing is registered at import. So a label is written in one place, and the page
and the refusal cannot name a field differently (tests/web/test_form_labels.py holds every
form's declaration to its page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from language import N_


@dataclass(frozen=True)
class FormLabels:
    """One form's fields, by name, under the labels its page shows them with."""

    endpoint: str
    fields: Mapping[str, str] = field(default_factory=dict)
    """Each field the person fills in, by name, and its label (`N_`), in the form's order."""
    hidden: frozenset[str] = frozenset()
    """Hidden fields the form carries: nothing the person typed, never given back."""
    per_measure: Mapping[str, str] = field(default_factory=dict)
    """Fields the form has one of per measure (a name prefix before the measure's ID), and
    their label (`N_`, naming the measure by `%(number)s`)."""
    entries: Callable[[], Mapping[str, str]] | None = None
    """The labels, already in the målform spoken, of the fields the form builds from other
    declarations (a measure's entries, from its columns), read for the request in hand."""
    worded: Mapping[str, Mapping[Any, str]] = field(default_factory=dict)
    """Choices the form sends as codes, by field name (or `per_measure` prefix): each code's
    words as the form offers it (a `domain.vocabulary` label table, read in the målform spoken)."""
    anonymous: bool = False
    """Sent by someone not signed in: nobody was signed out of it."""
    asked: Mapping[str, str] = field(default_factory=dict)
    """Fields the page adds only once it asks the person to confirm what it warned of (a box
    «Åpne runden likevel»), by name, and their label (`N_`): not on the page first shown."""

    def words(self, name: str) -> Mapping[Any, str]:
        """The words of the choices field `name` sends as codes; empty: it sends none."""
        if name in self.worded:
            return self.worded[name]
        prefix = next((p for p in self.per_measure if name.startswith(p)), None)
        return self.worded.get(prefix, {}) if prefix is not None else {}


REASON = N_("Begrunnelse (lagres i endringsloggen)")
"""The label of the reason most forms ask for, as it is kept in the change log."""


def forms_by_endpoint(forms: Iterable[FormLabels]) -> dict[str, FormLabels]:
    """`forms` by the endpoint each is sent to; two declared for one endpoint are refused."""
    found: dict[str, FormLabels] = {}
    for form in forms:
        if form.endpoint in found:
            raise ValueError(f"{form.endpoint} declares its form's labels twice")
        found[form.endpoint] = form
    return found
