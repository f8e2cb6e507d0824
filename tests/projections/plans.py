"""A small plan with a real history: adopted, revised under a decision, adopted again.

Built through the application's commands (the same door every channel uses),
so the read models see exactly the events production writes.
"""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.community import community_id
from domain.provenance import Provenance, Source

KEY = "hf-2025"
COMMUNITY = "hf"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Sakshandsaming")
KARI = Provenance("Kari Nordmann", Source.WEB, reason="Retta ansvar", decision="ASU sak 07/25")
SHEET = Provenance("Ola i arket", Source.SHEET, reason="Skriv i arket")


def draft(app: Planlogg) -> None:
    """Version 1 as a draft: two areas, three goals, four measures."""
    app.create_plan(KEY, "Handlingsplan 2025", "hf", 2025, 2026, SECRETARIAT)
    app.add_area(KEY, "1", "Pasientforløp", SECRETARIAT)
    app.add_area(KEY, "2", "Digitalisering", SECRETARIAT)
    app.add_goal(KEY, "1.1", "Tidleg innsats", SECRETARIAT)
    app.add_goal(KEY, "1.2", "Trygge overgangar", SECRETARIAT)
    app.add_goal(KEY, "2.1", "Felles journal", SECRETARIAT)
    app.add_measure(
        KEY, "1.1.1", "Kartlegge behov", SECRETARIAT, responsible=["ASU"], marks={2025: "x"}
    )
    app.add_measure(
        KEY,
        "1.2.1",
        "Felles rutine for utskriving",
        SECRETARIAT,
        responsible=["Fagråd for pasientsamarbeid"],
    )
    app.add_measure(
        KEY,
        "2.1.1",
        "Innføre meldingsløft",
        SECRETARIAT,
        responsible=["Fagråd for digital samhandling"],
        marks={2026: "x høst"},
    )
    app.add_measure(KEY, "2.1.2", "Pilot for videokonsultasjon", SECRETARIAT)


def community(app: Planlogg) -> None:
    """The health community owning the plan, where its decisions are recorded: registered
    the first time a decision is (a decision is recorded only in a community that exists)."""
    if community_id(COMMUNITY) not in app.repository:
        app.register_community(COMMUNITY, "Helsefellesskapet", SECRETARIAT)


def adopt(app: Planlogg, bodies: tuple[str, ...], meeting: date, case_no: int) -> int:
    community(app)
    version = app.submit(KEY, list(bodies), SECRETARIAT)
    adopt_submitted(app, version, bodies, meeting, case_no)
    return version


def adopt_submitted(
    app: Planlogg, version: int, bodies: tuple[str, ...], meeting: date, case_no: int
) -> None:
    """Each body's decision (sak `case_no`/25 at `meeting`) and its approval of `version`."""
    for body in bodies:
        case = app.record_decision(
            COMMUNITY,
            f"sak {case_no}/25",
            body,
            meeting,
            f"{body} godkjenner versjon {version}.",
            SECRETARIAT,
            plan=KEY,
        )
        app.approve(KEY, version, body, case, meeting, SECRETARIAT)


def revise(app: Planlogg) -> None:
    """Version 2: a new responsible body under a decision, a reworded, a removed, an added."""
    app.start_revision(KEY, SECRETARIAT)
    app.assign_responsible(KEY, "1.2.1", ["Fagråd for legesamarbeid"], KARI)
    app.reword_measure(KEY, "2.1.1", "Innføre meldingsløft i alle kommunar", SHEET)
    app.remove_measure(KEY, "2.1.2", SECRETARIAT)
    app.add_measure(KEY, "1.1.2", "Tverrfagleg team", SECRETARIAT, responsible=["ASU"])


def history_plan(app: Planlogg) -> None:
    """The whole story: v1 adopted (ASU + PSU), revised, v2 adopted (ASU)."""
    draft(app)
    adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    revise(app)
    adopt(app, ("ASU",), date(2025, 6, 12), 9)
