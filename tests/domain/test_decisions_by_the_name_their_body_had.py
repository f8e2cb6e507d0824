"""A decision is found, and not recorded again, by whatever name its body had when it was
recorded; an approval cites a decision as it was registered; every case number form the
docstring of `domain.decision._CASE` names is read.
"""

from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, uuid5

import pytest

from domain.application import Planlogg
from domain.decision import Decision
from domain.errors import ValidationError
from domain.provenance import Provenance

MEETING = date(2025, 3, 13)
FULL = "Administrativt samarbeidsutval"


def decision_before_the_register(app: Planlogg, by: Provenance) -> str:
    """The community records ASU's decision by its full name before it registers its
    bodies, then registers ASU with that name and the short name ASU."""
    app.register_community("hf", "Helsefellesskapet", by)
    case = app.record_decision("hf", "sak 12/25", FULL, MEETING, "ASU vedtek planen.", by)
    app.add_body("hf", FULL, "strategisk", by, short_name="ASU")
    return case


def test_a_decision_recorded_before_its_body_was_registered_is_found_by_its_own_case(
    memory_app: Planlogg, by: Provenance
) -> None:
    """Recorded under `name_key(FULL)`; once the body is registered, `_decision_case` writes
    it as «ASU», and `decision_ids` must try each of the body's names compared by `name_key`,
    not only as spelled, to reach the identity it was recorded under."""
    case = decision_before_the_register(memory_app, by)
    assert case == f"{FULL} sak 12/25"

    assert memory_app.get_decision("hf", case).text == "ASU vedtek planen."


def test_a_decision_recorded_before_its_body_was_registered_is_not_recorded_again(
    memory_app: Planlogg, by: Provenance
) -> None:
    decision_before_the_register(memory_app, by)

    with pytest.raises(ValidationError) as twice:
        memory_app.record_decision("hf", "ASU sak 12/25", "ASU", MEETING, "Igjen.", by)

    assert twice.value.message == f"{FULL} sak 12/25 er allerede registrert."


def test_an_approval_cites_the_decision_as_it_was_registered_before(
    memory_app: Planlogg, by: Provenance
) -> None:
    """A decision recorded, before bodies compared by `name_key`, by the body's full name as
    typed has the case «Administrativt samarbeidsutval sak 12/25». An approval by that body of
    «sak 12/25» must cite that case, not «ASU sak 12/25»: a case the register does not hold in
    that spelling, so the committee documents would say the decision's text is not registered
    (`annual_report._decision_text`) and the annual report would list the approval as a
    decision of its own."""
    memory_app.register_community("hf", "Helsefellesskapet", by)
    memory_app.add_body("hf", FULL, "strategisk", by, short_name="ASU")
    earlier = Decision._create(
        Decision.DecisionRecorded,
        id=uuid5(NAMESPACE_URL, f"/planlogg/decisions/hf/{FULL}/12/2025"),
        community="hf", case=f"{FULL} sak 12/25", body=FULL, meeting_date=MEETING,
        text="ASU vedtek planen.", plan="", by=by,
    )  # fmt: skip
    memory_app.save(earlier)
    memory_app.create_plan("hf-2025", "Handlingsplan 2025", "hf", 2025, 2026, by)
    memory_app.add_area("hf-2025", "1", "Pasientforløp", by)
    memory_app.add_goal("hf-2025", "1.1", "Tidleg innsats", by)
    memory_app.add_measure("hf-2025", "1.1.1", "Etablere arbeidsgruppe", by, responsible=["ASU"])
    version = memory_app.submit("hf-2025", [FULL], by)

    memory_app.approve("hf-2025", version, FULL, "sak 12/25", MEETING, by)

    submission = memory_app.get_plan("hf-2025").header.submission
    assert submission is not None
    assert submission.approvals[FULL].case == f"{FULL} sak 12/25"


def test_sak_nr_is_a_case_number_of_the_body_given(memory_app: Planlogg, by: Provenance) -> None:
    """«sak nr. 27/22» is one of the forms `_CASE` says it reads; its lazy body pattern must
    not take «sak nr.» as the body's name, or the decision is refused as a case of another
    body («… er en sak i sak nr., men organet er oppgitt som ASU»)."""
    memory_app.register_community("hf", "Helsefellesskapet", by)

    case = memory_app.record_decision("hf", "sak nr. 27/22", "ASU", MEETING, "Vedtak.", by)

    assert case == "ASU sak 27/22"
