"""Reading what people typed in a form's fields, and what a saved form says of it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TypeVar

from flask import flash, request

from domain.errors import RuleError, ValidationError
from domain.provenance import Provenance, Source
from domain.text import BODY, excerpt
from language import _, ngettext
from web.auth import Caller
from web.reading import cited_decision
from web.services import services

T = TypeVar("T")

MAX_DIGITS = 18
"""Whole numbers in forms are revisions, versions and years: 18 digits fit the database's
64-bit integers and leave Python's limit on converting long digit strings far away."""


def whole_number(text: str, message: str, max_digits: int = MAX_DIGITS) -> int:
    """A form field's whole number, or `message` (422) when it is not one.

    `str.isdigit()` alone lets through digits `int()` cannot read ("²") and
    numbers too long to convert or store, each a 500 before this.
    """
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= max_digits):
        raise ValidationError(message)
    return int(text)


class FieldReader:
    """Reads a form's fields one at a time, keeping each refusal under its field's name
    (`problems`, in the order read), so a form with several mistakes is refused once, every
    field at its place, instead of one round trip per field.

    A field may be refused as a value that cannot be taken (`ValidationError`) or by the
    plan's rules (`RuleError`: a decision the register lacks); the form is refused with 422
    when any value was, and with 409, as every form answers a rule, when only rules were."""

    def __init__(self) -> None:
        self.problems: dict[str, str] = {}
        self._values_refused = False

    def read(self, name: str, read: Callable[[], T], instead: T) -> T:
        """What `read` makes of a field; `instead` when it refuses, the refusal kept."""
        try:
            return read()
        except (ValidationError, RuleError) as error:
            self.problems[name] = error.message
            self._values_refused |= isinstance(error, ValidationError)
            return instead

    @property
    def status(self) -> int:
        """The status a form refused for its `problems` answers with."""
        return 422 if self._values_refused else 409


PHONE_LINE = 30
"""About the characters of a line of text in a box on a 390-pixel phone."""


def phone_lines(text: str) -> int:
    """The lines `text` takes on a phone, each of its own lines wrapped at `PHONE_LINE`: a
    box given as many shows its words whole there."""
    return sum(max(1, -(-len(line) // PHONE_LINE)) for line in text.split("\n"))


def read_provenance(
    fields: FieldReader, caller: Caller, community: str | None = None
) -> Provenance | None:
    """The change as the signed-in person's, from the web, with the form's reason and the
    decision it cites, each read as a form's field: a decision the register lacks, or one
    that is no case number, is kept at the decision's field, a reason refused at the
    reason's (`fields`), and None is given. The decision is looked up in the register of
    `community` (default: the community owning the plan the address names)."""
    typed = request.form.get("decision", "")
    decision: str | None = fields.read("decision", lambda: cited_decision(typed, community), None)
    reason = request.form.get("reason", "").strip()
    by = fields.read(
        "reason",
        lambda: Provenance(caller.name, Source.WEB, reason=reason, decision=decision or ""),
        None,
    )
    return None if decision is None else by


def measure_revision_seen() -> int:
    """The measure's revision the form carries, as the editor saw it (like If-Match)."""
    return whole_number(
        request.form.get("revision", ""),
        _("Skjemaet mangler endringsnummeret tiltaket hadde. Last siden på nytt."),
    )


MOST_BODY_NOTICES = 5
"""The unknown bodies a saved form names one by one; the rest are counted. The notices wait
in the session cookie for the next page, which a browser drops whole when it grows past 4 kB."""


def tell_of_unknown_bodies(key: str, names: Iterable[str]) -> None:
    """A notice for the next page per body name the plan's community has not registered,
    with the nearest registered name: saved as typed, as everywhere, but said at once.

    The words are the spreadsheet's (`Unresolved.sheet_message`): people on the web have no
    command line either, so the secretariat is asked to merge the spellings. A name is
    quoted as long as a body's name may be (`BODY`).
    """
    unknown = services().app.unknown_bodies(key, names)
    for found in unknown[:MOST_BODY_NOTICES]:
        flash(replace(found, typed=excerpt(found.typed, BODY)).sheet_message)
    rest = len(unknown) - MOST_BODY_NOTICES
    if rest > 0:
        flash(
            ngettext(
                "Ett navn til er heller ikke et registrert organ; lagret som skrevet.",
                "%(num)s navn til er heller ikke registrerte organer; lagret som skrevet.",
                rest,
            )
        )
