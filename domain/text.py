"""The one rule for text people give Planlogg: what a store (and a sheet) can hold, how long.

Every command checks the text it takes with `checked`, so a person is told,
in Norwegian and naming the field, that a character cannot be stored, that the
text is too long, or that it is made only of characters nobody can see — whether
it came from the command line, a file, a sheet, the API or a form.
`StorableMapper` is the safety net under all of them: no event with such a
character reaches the event store, whatever the path.

Names that come from file metadata (a workbook's "last modified by", Drive
revision authors) cannot be fixed by the person where they were typed, so
they are cleaned (`cleaned_name`) instead of refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from eventsourcing.domain import CanSnapshotAggregate, DomainEventProtocol
from eventsourcing.persistence import Mapper, StoredEvent

from domain.errors import ValidationError
from language import N_, _

LONG_TEXT = 10_000
"""Measure, goal and decision texts: may have lines."""
COMMENT = 2_000
"""A status comment, a part of the evaluation plan."""
SMART_PART = 1_000
"""A SMART indicator or target."""
NOTE = 500
"""A free-text timeframe ("innen medio mai")."""
SHORT_TEXT = 300
"""Titles, names of people, reasons: one line."""
BODY = 100
"""The name of a body (organ)."""
MARK = 100
"""One year mark ("x oppstart høst")."""
CASE = 40
"""A case number ("ASU sak 27/22")."""
KEY = 80
"""A plan's or a health community's key."""
QUOTE = 40
"""How much of a refused value its refusal repeats."""

_ALLOWED_IN_LINES = frozenset("\n\t")
_SPACING = " \t\n\r\u00a0"
"""Spacing people leave around what they type, trimmed before the check. Control
characters that `str.strip` would also trim (U+000B, U+001F, U+0085 …) are refused
like anywhere else in the text, not silently dropped."""

T = TypeVar("T")


_NEVER_STORED = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufffe\\uffff"
_UNSTORABLE = {
    True: re.compile(f"[{_NEVER_STORED}]"),
    False: re.compile(f"[{_NEVER_STORED}\\t\\n]"),
}
"""Control characters (C0 and C1, DEL), lone surrogates, U+FFFE and U+FFFF; tab and line
feed too where the text has one line. One regular expression scans a text in C: the
safety net passes every string of every event through it."""


def unstorable(text: str, lines: bool = True) -> str | None:
    """The first character of `text` no store or sheet can hold, or None.

    Control characters (C0 and C1, DEL), lone surrogates and the noncharacters
    U+FFFE and U+FFFF are refused; a tab or a line break only where the text
    may have several lines.
    """
    found = _UNSTORABLE[lines].search(text)
    return found.group() if found else None


_INVISIBLE = frozenset({"Cf", "Zs", "Zl", "Zp", "Cc"})
"""Unicode's format characters (U+200B, U+FEFF, U+202E …), spaces, line and paragraph
separators and control characters: nothing a reader sees."""


def says_nothing(text: str) -> bool:
    """True for text made only of characters nobody can see.

    `str.strip` keeps a zero-width space or a direction mark, so a text of only
    those would pass as filled in while every page shows it blank.
    """
    return all(unicodedata.category(char) in _INVISIBLE for char in text)


def visible(text: str, what: str) -> str:
    """`text`, or a Norwegian refusal naming `what` when it is there but shows nothing.

    An empty text is left to the caller (an optional field may be empty); one of only
    zero-width spaces or word joiners is refused, as the API refuses it: every page would
    show it blank, and a body of that name could never be typed to approve or report for.
    """
    if text and says_nothing(text):
        raise ValidationError(
            _(
                "%(what)s består bare av usynlige tegn. Fjern dem og prøv igjen.",
                what=_field(what),
            )
        )
    return text


def describe(char: str) -> str:
    """How a message names a character people cannot see: «U+0001 (START OF HEADING)»."""
    name = unicodedata.name(char, "") or _("kontrolltegn")
    return f"U+{ord(char):04X} ({name})"


def _field(what: str) -> str:
    """A field's name in the målform spoken now (an empty name is not a catalogue key)."""
    return _(what) if what else what


def checked(
    value: str,
    what: str,
    *,
    max_length: int = SHORT_TEXT,
    lines: bool = False,
    required: bool = False,
) -> str:
    """`value` without surrounding space and Windows line ends, or a Norwegian refusal.

    A text that is there but shows nothing (`visible`) is refused even where the field may
    be empty: an empty reason is no reason, one of zero-width spaces is a mistake.

    `what` names the field in the message: a bokmål key marked `N_("Tiltaksteksten")`,
    translated here when a message is made (a text already translated passes as it is).
    """
    text = value.replace("\r\n", "\n").strip(_SPACING)
    if required and says_nothing(text):
        raise ValidationError(_("%(what)s må fylles ut.", what=_field(what)))
    bad = unstorable(text, lines)
    if bad is not None:
        if bad in _ALLOWED_IN_LINES:
            message = _(
                "%(what)s inneholder et linjeskift eller en tabulator som ikke kan lagres: "
                "%(char)s. Fjern det og prøv igjen.",
                what=_field(what),
                char=describe(bad),
            )
        else:
            message = _(
                "%(what)s inneholder et tegn som ikke kan lagres: %(char)s. "
                "Fjern det og prøv igjen.",
                what=_field(what),
                char=describe(bad),
            )
        raise ValidationError(message)
    text = visible(text.strip(), what)
    if len(text) > max_length:
        raise ValidationError(
            _(
                "%(what)s har for mange tegn: %(length)s, men høyst %(max)s er lov.",
                what=_field(what),
                length=len(text),
                max=max_length,
            )
        )
    return text


_DIRECTION_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Bidirectional controls (marks, embeddings, overrides, isolates): invisible, yet they
reorder the text around them, so an actor's name can read as someone else's (U+202E)."""


def direction_control(text: str) -> str | None:
    """The first bidirectional control character in `text`, or None."""
    found = _DIRECTION_CONTROLS.search(text)
    return found.group() if found else None


def checked_name(
    value: str, what: str, *, max_length: int = SHORT_TEXT, required: bool = False
) -> str:
    """A name of who acts, checked as `checked` does and refused with a direction control.

    In the audit log such a character could make one person's change read as another's.
    """
    name = checked(value, what, max_length=max_length, required=required)
    bad = direction_control(name)
    if bad is not None:
        raise ValidationError(
            _(
                "%(what)s inneholder et retningstegn som kan skjule hva som står: %(char)s. "
                "Fjern det og prøv igjen.",
                what=_field(what),
                char=describe(bad),
            )
        )
    return name


def checked_body(value: str, what: str = N_("Navnet på organet"), *, required: bool = False) -> str:
    """A body's name, checked as a name of who acts (`checked_name`): a body reports, approves,
    decides and answers for measures, and its name is read as such in every list and log, so
    a direction control in it could make one body's report or decision read as another's."""
    return checked_name(value, what, max_length=BODY, required=required)


def escaped(value: str, max_length: int = LONG_TEXT) -> str:
    """What a person typed, kept for the record with unstorable characters written out.

    Used where the text itself is evidence (a conflict's losing side, a refused
    cell): «\\u0001» in place of the character, and cut to `max_length`.
    """
    shown = "".join(f"\\u{ord(c):04x}" if unstorable(c) else c for c in value)
    return shown if len(shown) <= max_length else shown[: max_length - 1] + "…"


def is_one_word(key: str) -> bool:
    """Whether `key` can name a plan or a community in commands and addresses
    («planlogg plan create … st-olavs», /planer/<key>): no space and no slash."""
    return not any(c.isspace() or c == "/" for c in key)


def excerpt(typed: str, max_length: int = QUOTE) -> str:
    """What a person typed, as a refusal quotes it: trimmed, and cut with «…» when long.

    A refusal that repeated a 20 000-character value whole drowned its own advice,
    and a long word without a space made a phone's page 200 000 px wide.
    """
    text = typed.strip()
    return text if len(text) <= max_length else text[: max_length - 1] + "…"


def cleaned_name(value: str, fallback: str = "ukjend") -> str:
    """A name from file metadata, made storable: bad characters out, spaces tidied, cut short.

    Direction controls are dropped too: in an actor's name they are refused (`checked_name`);
    a name of nothing anyone can see is `fallback`, as an empty one is (`checked` refuses
    such a name, and the cycle would stop on the editor's name).
    """
    kept = "".join(
        " " if unstorable(c, lines=False) else c for c in _DIRECTION_CONTROLS.sub("", value)
    )
    name = " ".join(kept.split())[:SHORT_TEXT]
    return fallback if says_nothing(name) else name


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _strings(item)
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        yield from _strings(vars(value))


class StorableMapper(Mapper[Any]):
    """Refuses any event holding a character the stores cannot keep, before it is stored."""

    def to_stored_event(self, domain_event: DomainEventProtocol[Any]) -> StoredEvent:
        """A snapshot is not checked: its text all came from events that were stored.

        Walking a large plan's whole state on every snapshot (one per hundred
        events) cost more than the events themselves.
        """
        if isinstance(domain_event, CanSnapshotAggregate):
            return super().to_stored_event(domain_event)
        for text in _strings(vars(domain_event)):
            bad = unstorable(text)
            if bad is not None:
                raise ValidationError(
                    _(
                        "Endringen inneholder et tegn som ikke kan lagres: %(char)s. "
                        "Ingenting er lagret. Fjern tegnet og prøv igjen.",
                        char=describe(bad),
                    )
                )
        return super().to_stored_event(domain_event)
