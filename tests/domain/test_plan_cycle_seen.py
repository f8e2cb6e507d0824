"""Sending a draft on hearing and for approval on what the caller read: the version it is
sent as and the draft's endringsnummer (`content_revision`). A submission made since, or a
draft changed since, is refused with nothing recorded, so a page's form never sends unseen
what someone else changed, nor sends one version twice."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import ConcurrentEditError
from domain.plan import Plan
from domain.provenance import Provenance, Source
from tests.domain.test_plan import new_plan

BY = Provenance("Sekretariatet", Source.WEB)


def drafted() -> Plan:
    plan = new_plan()
    plan.add_measure("1.2.1", "Etablere arbeidsgruppe", BY, responsible=["ASU"])
    plan.collect_events()
    return plan


def test_a_draft_changed_since_it_was_read_is_not_submitted() -> None:
    plan = drafted()
    read = plan.header.content_revision
    plan.reword_measure(plan.find_measure("1.2.1").id, "Ny tekst", BY)
    plan.collect_events()
    with pytest.raises(ConcurrentEditError) as refused:
        plan.submit(["ASU"], BY, version=1, revision=read)
    assert refused.value.message == (
        f"Utkastet er endret siden du hentet det (endringsnummer {read}, nå {read + 1}). "
        "Ingenting er sendt. Se over utkastet, og send det på nytt om du fortsatt vil."
    )
    assert plan.collect_events() == []
    assert plan.submit(["ASU"], BY, version=1, revision=read + 1) == 1


def test_a_version_submitted_since_it_was_read_is_not_submitted_again() -> None:
    plan = drafted()
    read = plan.header.content_revision
    assert plan.submit(["ASU", "PSU"], BY, version=1, revision=read) == 1
    plan.collect_events()
    with pytest.raises(ConcurrentEditError) as refused:
        plan.submit(["ASU"], BY, version=1, revision=read)
    assert refused.value.message == (
        "Versjon 1 ble sendt til godkjenning hos ASU, PSU etter at du hentet planen. Ingenting "
        "er sendt på nytt. Se over planen, og send den på nytt om du fortsatt vil."
    )
    assert plan.collect_events() == []


def test_a_draft_changed_since_it_was_read_is_not_sent_on_hearing() -> None:
    plan = drafted()
    read = plan.header.content_revision
    plan.add_measure("1.2.2", "Ein til", BY)
    plan.collect_events()
    with pytest.raises(ConcurrentEditError) as refused:
        plan.send_on_hearing(
            date(2025, 3, 1), BY, ["PKO"], sent_on=date(2025, 2, 3), today=date(2025, 2, 3),
            revision=read,
        )  # fmt: skip
    assert refused.value.message == (
        f"Utkastet er endret siden du hentet det (endringsnummer {read}, nå {read + 1}). "
        "Ingenting er sendt. Se over utkastet, og send det på nytt om du fortsatt vil."
    )
    assert plan.collect_events() == []


def test_a_revision_is_not_started_from_a_version_adopted_since_it_was_read() -> None:
    plan = drafted()
    plan.submit(["ASU"], BY)
    plan.approve(1, "ASU", "ASU sak 1/25", date(2025, 3, 13), BY)
    plan.start_revision(BY)
    plan.submit(["ASU"], BY)
    plan.approve(2, "ASU", "ASU sak 2/25", date(2025, 6, 12), BY)
    plan.collect_events()
    with pytest.raises(ConcurrentEditError) as refused:
        plan.start_revision(BY, seen=1)
    assert refused.value.message == (
        "Versjon 2 er vedtatt etter at du hentet planen (du så versjon 1). Ingenting er "
        "startet. Se over planen, og start revisjonen på nytt om du fortsatt vil."
    )
    assert plan.collect_events() == []
    assert plan.start_revision(BY, seen=2) == 3
