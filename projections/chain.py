"""The hash chain over the stored events: tamper evidence auditors can check.

Each stored event (its position, aggregate, version, type and the exact stored
bytes) is hashed, and each link hashes the previous link with that event hash,
so changing, removing, inserting or reordering any stored event breaks every
later link. The chain lives next to the events; its head is also published
outside the database, because whoever can write the database could rewrite
the events and the chain together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from language import _
from projections.documents import ChainHead, ChainReport
from projections.rows import Rows

GENESIS = "0" * 64


@dataclass(frozen=True)
class StoredRecord:
    """A stored event exactly as the database holds it."""

    position: int
    originator_id: str
    originator_version: int
    topic: str
    state: bytes


@dataclass(frozen=True)
class ChainLink:
    position: int
    originator_id: str
    originator_version: int
    topic: str
    event_hash: str
    link_hash: str


class ChainBrokenError(Exception):
    """A stored event no longer matches the link recorded for it."""

    def __init__(self, position: int, reason: str) -> None:
        super().__init__(_("Posisjon %(position)s: %(reason)s", position=position, reason=reason))
        self.position = position
        self.reason = reason


def deleted_event(position: int) -> ChainBrokenError:
    """The break of a linked event no longer stored at its position."""
    return ChainBrokenError(position, _("hendelsen mangler (slettet)"))


def event_hash(record: StoredRecord) -> str:
    return fields_hash(
        record.position, record.originator_id, record.originator_version, record.topic, record.state
    )


def fields_hash(position: int, originator_id: str, version: int, topic: str, state: bytes) -> str:
    """The hash of a stored event from its fields as read: what a rebuild checks each event
    by, without making a record of it first."""
    header = f"{position}\n{originator_id}\n{version}\n{topic}\n".encode()
    return hashlib.sha256(header + bytes(state)).hexdigest()


def link_hash(previous: str, this_event: str) -> str:
    return hashlib.sha256(f"{previous}:{this_event}".encode()).hexdigest()


def _moved_or_altered(link: ChainLink, record: StoredRecord) -> str:
    if (link.originator_id, link.originator_version) != (
        record.originator_id,
        record.originator_version,
    ):
        return _(
            "en annen hendelse ligger på denne posisjonen enn den som ble lenket "
            "(hendelser er flyttet, byttet om eller satt inn)"
        )
    return _("innholdet i hendelsen er endret etter at den ble lagret")


def chain_record(rows: Rows, record: StoredRecord, recorded_at: str) -> None:
    """Append the record to the chain, or check it against the link it already has.

    A rebuild replays events that are already chained: each must still hash to
    its link, so a rebuild can never launder a tampered event into the chain.
    """
    digest = event_hash(record)
    existing = rows.get("chain", (record.position,))
    if existing is not None:
        if existing["event_hash"] != digest:
            link = ChainLink(**{k: existing[k] for k in ChainLink.__dataclass_fields__})
            raise ChainBrokenError(record.position, _moved_or_altered(link, record))
        return
    head = rows.get("chain_head", ("head",)) or {"position": 0, "link_hash": GENESIS}
    if record.position <= head["position"]:
        raise ChainBrokenError(
            record.position, _("hendelsen ligger innenfor kjeden, men er ikke lenket (satt inn)")
        )
    chained = link_hash(head["link_hash"], digest)
    rows.put(
        "chain",
        {
            "position": record.position,
            "originator_id": record.originator_id,
            "originator_version": record.originator_version,
            "topic": record.topic,
            "event_hash": digest,
            "link_hash": chained,
            "recorded_at": recorded_at,
        },
    )
    rows.put(
        "chain_head",
        {
            "head": "head",
            "position": record.position,
            "link_hash": chained,
            "recorded_at": recorded_at,
        },
    )


def _pairs(
    records: Iterable[StoredRecord], links: Iterable[ChainLink]
) -> Iterator[tuple[StoredRecord | None, ChainLink | None]]:
    """Merge the events and the chain by position (both come sorted)."""
    record_iter, link_iter = iter(records), iter(links)
    record, link = next(record_iter, None), next(link_iter, None)
    while record is not None or link is not None:
        if link is None or (record is not None and record.position < link.position):
            yield record, None
            record = next(record_iter, None)
        elif record is None or link.position < record.position:
            yield None, link
            link = next(link_iter, None)
        else:
            yield record, link
            record, link = next(record_iter, None), next(link_iter, None)


@dataclass(frozen=True)
class PublishedHead:
    """A chain link published outside the database: its position, hash and when."""

    position: int
    hash: str
    published_at: str = ""


def verify(
    records: Iterable[StoredRecord],
    links: Iterable[ChainLink],
    head: ChainHead | None,
    expected_head: str | None = None,
    expected_position: int | None = None,
    published: Sequence[PublishedHead] = (),
) -> ChainReport:
    """Recompute the chain from the stored events and find the first position that disagrees.

    Events after the stored head are not yet chained (the read models have not
    caught up); they are counted, not judged. Heads published outside the
    database catch a chain rewritten whole inside it: every head in `published`
    must equal the recomputed link at its position, and `expected_head` must
    equal the link at `expected_position`, or, without a position, the link at
    some position (a head published earlier, before the chain grew). The report
    says how many events are newer than the newest head checked this way: the
    chain alone vouches for those, and nothing inside one database can prove them.
    """
    wanted = _wanted(published, expected_head, expected_position)
    anywhere = (
        expected_head.strip().lower() if expected_head and expected_position is None else None
    )
    head_position = head.position if head else 0
    previous = GENESIS
    checked = unchained = 0
    reached: dict[int, int] = {}  # a published head's position → events checked up to it
    found_at: int | None = None
    if 0 in wanted:  # the empty chain's head, published before the first event was stored
        if wanted[0] != {GENESIS}:
            return _bad(0, 0, _not_as_published(), head)
        reached[0] = 0
    last = 0  # the position of the newest link checked
    pairs = _pairs(records, links)
    for record, link in pairs:
        position = (record or link).position  # type: ignore[union-attr]
        if link is None:
            if record is None:
                raise ValueError(f"Neither an event nor a link at position {position}")
            if position > head_position:
                unchained += 1
                continue
            return _bad(checked, position, _unlinked(previous, next(pairs, None)), head)
        if record is None:
            return _bad(checked, position, deleted_event(position).reason, head)
        digest = event_hash(record)
        if digest != link.event_hash:
            return _bad(checked, position, _moved_or_altered(link, record), head)
        previous = link_hash(previous, digest)
        if previous != link.link_hash:
            return _bad(checked, *_broken_link(last, link, next(pairs, None)), head)
        checked, last = checked + 1, position
        if position in wanted:
            reached[position] = checked
        if position in wanted and wanted[position] != {previous}:
            return _bad(checked, position, _not_as_published(), head)
        if found_at is None and previous == anywhere:
            found_at = position
            reached[position] = checked
    if head is not None and head.position > last:
        return _bad(checked, last + 1, _deleted_with_links(last + 1, head.position), head)
    if head is not None and (checked == 0 or previous != head.hash):
        return _bad(
            checked, head.position, _("kontrollsummen stemmer ikke med lenkene i kjeden"), head
        )
    missing = sorted(set(wanted) - set(reached))
    if missing:
        return _bad(
            checked,
            missing[0],
            _position_not_in_chain(),
            head,
        )
    if anywhere is not None and found_at is None:
        return _bad(
            checked,
            head_position,
            _not_in_chain(),
            head,
        )
    through = max(reached) if reached else None
    newer = checked - (reached[through] if through is not None else 0) + unchained
    return ChainReport(
        ok=True,
        checked=checked,
        head=head,
        unchained=unchained,
        verified_through=through,
        unverified=newer,
    )


def _not_as_published() -> str:
    return _("kjeden stemmer ikke med den publiserte kontrollsummen (kjeden kan være skrevet om)")


def _position_not_in_chain() -> str:
    return _("posisjonen til den publiserte kontrollsummen er ikke i kjeden (hendelser er slettet)")


def _not_in_chain() -> str:
    return _("den publiserte kontrollsummen finnes ikke i kjeden (kjeden kan være skrevet om)")


def mismatch_reasons() -> frozenset[str]:
    """The reasons a chain is broken that a checksum or position typed one character wrong
    gives too (in the målform spoken): the check page then says to compare what was typed
    first. A deleted event or a changed link is the chain's own, and no typo gives it."""
    return frozenset({_not_as_published(), _position_not_in_chain(), _not_in_chain()})


def _unlinked(previous: str, upcoming: tuple[StoredRecord | None, ChainLink | None] | None) -> str:
    """Why an event the chain has passed has no link: inserted since (the next link follows
    from the one before it, as the chain was made without the event), or its link deleted
    (the next link follows from the deleted one; or no link comes after it at all)."""
    after = upcoming[1] if upcoming is not None else None
    if after is not None and link_hash(previous, after.event_hash) == after.link_hash:
        return _("hendelsen er ikke i kjeden (satt inn)")
    return _("lenken til hendelsen er slettet fra kjeden")


def _broken_link(
    last: int,
    link: ChainLink,
    upcoming: tuple[StoredRecord | None, ChainLink | None] | None,
) -> tuple[int, str]:
    """Where the chain breaks when a link does not follow from the one before it.

    Whoever deletes an event to hide it deletes its link too: the next link then no longer
    follows, though it and the chain after it are as they were. Positions are missing then
    between the newest good link and this one, and the link after this one still follows
    from it (a link changed in place breaks that too). PostgreSQL may skip a position
    without anything deleted, so the missing positions are named as a range.
    """
    after = upcoming[1] if upcoming is not None else None
    follows = after is None or link_hash(link.link_hash, after.event_hash) == after.link_hash
    if link.position > last + 1 and follows:
        return last + 1, _deleted_with_links(last + 1, link.position - 1)
    return link.position, _("lenken i kjeden er endret")


def _deleted_with_links(first: int, last: int) -> str:
    if first == last:
        return _("hendelsen mangler, og lenken dens er slettet også")
    return _(
        "en eller flere hendelser fra posisjon %(first)s til %(last)s mangler, og lenkene "
        "deres er slettet også",
        first=first,
        last=last,
    )


def _wanted(
    published: Sequence[PublishedHead], expected_head: str | None, expected_position: int | None
) -> dict[int, set[str]]:
    """Every hash published for each position. A chain rewritten up to the same head gets
    a second line for that position in the heads file; keeping only one of the two (the
    newer) let the rewrite pass, while the older line proves it."""
    wanted: dict[int, set[str]] = {}
    for head in published:
        wanted.setdefault(head.position, set()).add(head.hash.strip().lower())
    if expected_head is not None and expected_position is not None:
        wanted.setdefault(expected_position, set()).add(expected_head.strip().lower())
    return wanted


def _bad(checked: int, position: int, reason: str, head: ChainHead | None) -> ChainReport:
    return ChainReport(
        ok=False, checked=checked, first_bad_position=position, reason=reason, head=head
    )
