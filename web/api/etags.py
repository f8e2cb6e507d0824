"""The ETags of measures, areas and goals, and the If-Match that sends one back.

A measure's ETag names the measure as well as its revision, `"T019.2"`: a measure is
addressed by its number too, and numbers move. Read 1.3.1 at revision 2, then
1.3.1 is moved away and another measure, also at revision 2 by then, takes the
number: a tag of the revision alone would let the edit meant for the first
overwrite the second. A bare revision (`"2"`) is still taken, as before.

An area's or goal's ETag is its revision alone, `"3"`: its number is what it is, and
its revision counts on when it is removed and added again (`domain.plan_state`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.errors import ConcurrentEditError, ValidationError
from domain.text import excerpt
from language import _

_TAG = re.compile(r'^(?:W/)?"?(?:(?P<measure>T\d{1,9})\.)?(?P<revision>\d{1,9})"?$')
PATTERN = r'^(W/)?"?(T[0-9]{1,9}\.)?[0-9]{1,9}"?$'
"""What an If-Match may look like, as the OpenAPI document says it."""


@dataclass(frozen=True)
class Seen:
    """The version of a measure a caller read: its ID when the tag names it."""

    measure_id: str | None
    revision: int


def measure_etag(measure_id: str, revision: int) -> str:
    return f'"{measure_id}.{revision}"'


def revision_etag(revision: int) -> str:
    """The ETag of an area or goal at `revision`."""
    return f'"{revision}"'


def if_match(header: str) -> Seen | None:
    """The version an If-Match header names; None without one, or for `*` (any version)."""
    header = header.strip()
    if not header or header == "*":
        return None
    match = _TAG.match(header)
    if not match:
        raise ValidationError(
            _(
                'If-Match «%(header)s» er ikke et endringsnummer (f.eks. "3").',
                header=excerpt(header),
            )
        )
    return Seen(match["measure"], int(match["revision"]))


def check_same_measure(seen: Seen | None, ref: str, measure_id: str) -> None:
    """Refuse an edit of `ref` when the caller read another measure under that number."""
    if seen is not None and seen.measure_id is not None and seen.measure_id != measure_id:
        raise ConcurrentEditError(
            _(
                "Tiltak %(ref)s er nå et annet tiltak (%(now)s) enn det du hentet (%(seen)s). "
                "Hent tiltaket på nytt og prøv igjen.",
                ref=ref,
                now=measure_id,
                seen=seen.measure_id,
            )
        )


def bare_revision(header: str) -> int | None:
    """The revision of an area or goal an If-Match header names; a measure's tag is none."""
    seen = if_match(header)
    if seen is not None and seen.measure_id is not None:
        raise ValidationError(
            _(
                'If-Match «%(header)s» er ikke et endringsnummer (f.eks. "3").',
                header=header.strip(),
            )
        )
    return seen.revision if seen else None
