"""One decision (body and case number) is registered once, whichever way its body is written;
a decision of any body the community has can be registered and cited; a decision is the
community's own, and may be of a meeting still to come.

A decision's identity is its community, its body compared as names are (`name_key`) and its
case (`domain.decision.decision_id`). A registered body writes every case by one name, its
short name (else its name): the full name and the short name of one body, or "psu" and
"PSU" in a community without a register, are one decision. `Decision.create_id` does not
parse the body back out of the case, so «LSU 2», «Sámi klinihkka» and «Fagråd (psykisk
helse)» have decisions, and `parse_case` reads their names in a cited case number.
"""

from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, uuid5

import pytest

from domain.application import Planlogg
from domain.decision import Decision, case_reference
from domain.errors import ValidationError
from domain.provenance import Provenance

MEETING = date(2022, 6, 1)


def with_asu(app: Planlogg, by: Provenance) -> None:
    app.register_community("hf", "Helsefellesskapet", by)
    app.add_body("hf", "Administrativt samarbeidsutval", "strategisk", by, short_name="ASU")


def test_a_case_recorded_by_the_bodys_short_name_is_not_recorded_again_by_its_full_name(
    memory_app: Planlogg, by: Provenance
) -> None:
    with_asu(memory_app, by)
    memory_app.record_decision("hf", "ASU sak 27/22", "ASU", MEETING, "ASU vedtek planen.", by)
    with pytest.raises(ValidationError) as refused:
        memory_app.record_decision(
            "hf", "sak 27/22", "Administrativt samarbeidsutval", MEETING, "Igjen.", by
        )
    assert refused.value.message == "ASU sak 27/22 er allerede registrert."


def test_a_case_recorded_by_the_bodys_full_name_is_written_by_its_short_name(
    memory_app: Planlogg, by: Provenance
) -> None:
    with_asu(memory_app, by)
    case = memory_app.record_decision(
        "hf", "sak 27/22", "administrativt  samarbeidsutval", MEETING, "ASU vedtek planen.", by
    )
    assert case == "ASU sak 27/22"


def test_a_case_recorded_before_bodies_compared_alike_is_not_recorded_again(
    memory_app: Planlogg, by: Provenance
) -> None:
    """Recorded under the full name when a decision's identity took the body as spelled."""
    with_asu(memory_app, by)
    spelled = "Administrativt samarbeidsutval"
    earlier = Decision._create(
        Decision.DecisionRecorded,
        id=uuid5(NAMESPACE_URL, f"/planlogg/decisions/hf/{spelled}/27/2022"),
        community="hf", case=f"{spelled} sak 27/22", body=spelled, meeting_date=MEETING,
        text="ASU vedtek planen.", plan="", by=by,
    )  # fmt: skip
    memory_app.save(earlier)
    with pytest.raises(ValidationError) as refused:
        memory_app.record_decision("hf", "asu sak 27/22", "", MEETING, "Igjen.", by)
    assert refused.value.message == f"{spelled} sak 27/22 er allerede registrert."


def test_a_case_of_an_unregistered_body_is_recorded_once_in_any_letter_case(
    memory_app: Planlogg, by: Provenance
) -> None:
    memory_app.register_community("hf", "Helsefellesskapet", by)
    memory_app.record_decision("hf", "sak 1/22", "PSU", MEETING, "PSU vedtek planen.", by)
    with pytest.raises(ValidationError) as refused:
        memory_app.record_decision("hf", "psu sak 01/22", "psu", MEETING, "Igjen.", by)
    assert refused.value.message == "PSU sak 01/22 er allerede registrert."


ANY_NAME = ["LSU 2", "Sámi klinihkka", "Fagråd (psykisk helse)"]


@pytest.mark.parametrize("body", ANY_NAME)
def test_a_decision_of_a_registered_body_with_any_name_is_recorded(
    memory_app: Planlogg, by: Provenance, body: str
) -> None:
    memory_app.register_community("hf", "Helsefellesskapet", by)
    memory_app.add_body("hf", body, "lokalt", by)
    case = memory_app.record_decision("hf", "sak 4/25", body, date(2025, 1, 10), "Vedtak.", by)
    assert case == f"{body} sak 04/25"


@pytest.mark.parametrize("body", ANY_NAME)
def test_a_decision_of_a_body_with_any_name_is_found_by_its_case(
    memory_app: Planlogg, by: Provenance, body: str
) -> None:
    memory_app.register_community("hf", "Helsefellesskapet", by)
    memory_app.add_body("hf", body, "lokalt", by)
    memory_app.record_decision("hf", f"{body} sak 4/25", body, date(2025, 1, 10), "Vedtak.", by)
    assert memory_app.get_decision("hf", f"{body} sak 04/2025").case == f"{body} sak 04/25"


@pytest.mark.parametrize("body", ANY_NAME)
def test_a_decision_of_a_body_with_any_name_is_cited_by_its_case(body: str) -> None:
    assert case_reference(f"{body} sak 4/2025") == f"{body} sak 04/25"


def test_a_decision_of_a_meeting_still_to_come_is_recorded(
    memory_app: Planlogg, by: Provenance
) -> None:
    """Case numbers are given when the agenda is sent, and an approval may be recorded ahead
    of its meeting (the version is in force from that day), so its decision may be too."""
    memory_app.register_community("hf", "Helsefellesskapet", by)
    meeting = date(2099, 1, 11)
    case = memory_app.record_decision("hf", "PSU sak 4/99", "PSU", meeting, "Vedtak.", by)
    assert (case, memory_app.get_decision("hf", case).meeting_date) == ("PSU sak 04/99", meeting)


def test_a_decision_is_not_filed_under_another_communitys_plan(
    memory_app: Planlogg, by: Provenance
) -> None:
    memory_app.register_community("hf", "Helsefellesskapet", by)
    memory_app.register_community("vv", "Helsefellesskapet Vestre Viken", by)
    memory_app.create_plan("hf-2025", "Plan", "hf", 2025, 2026, by)
    with pytest.raises(ValidationError) as refused:
        memory_app.record_decision(
            "vv", "PSU sak 4/25", "PSU", date(2025, 1, 10), "Vedtak.", by, plan="hf-2025"
        )
    assert refused.value.message == (
        'Planen "hf-2025" tilhører ikke helsefellesskapet "vv". Et vedtak kan bare gjelde en '
        "plan i sitt eget helsefellesskap."
    )
