"""The demo plan: the real St. Olavs plan 2022–2024, adopted once and under revision.

It gives a fresh installation something true to look at: the public page
shows adopted version 1, the dashboard has an open reporting round with a few
reports (its bodies have example addresses to remind), and the working draft
(version 2) carries one change the public must not see. The decisions, status
reports and addresses are illustrative, not from the source document; the plan
text is the source verbatim.
"""

from __future__ import annotations

from datetime import date
from importlib.resources import files

from domain.application import Planlogg
from domain.plan_table import PlanTable, parse_plan_table
from domain.provenance import Provenance, Source
from domain.vocabulary import BodyKind, Colour

DEMO_COMMUNITY = "st-olavs"
DEMO_PLAN = "st-olavs-2022-2024"
DEMO_FILE = "st_olavs_2022_2024.tsv"

BODIES: tuple[tuple[str, BodyKind, str], ...] = (
    ("PSU", BodyKind.PARTNERSHIP, ""),
    ("ASU", BodyKind.STRATEGIC, ""),
    ("AU og Sekretariat", BodyKind.SECRETARIAT, ""),
    ("Sekretariat", BodyKind.SECRETARIAT, ""),
    ("Fagråd for pasientsamarbeid", BodyKind.PROFESSIONAL, ""),
    ("Fagråd for legesamarbeid", BodyKind.PROFESSIONAL, ""),
    ("Fagråd for digital samhandling", BodyKind.PROFESSIONAL, ""),
    ("Fagråd for akuttmedisinsk kjede og helseberedskap", BodyKind.PROFESSIONAL, ""),
    (
        "Fagråd for forebygging, tidlig innsats, helsefremming, læring og mestring",
        BodyKind.PROFESSIONAL,
        "",
    ),
    ("St. Olavs hospital HF", BodyKind.HOSPITAL_TRUST, "St. Olavs"),
    ("Trondheim kommune", BodyKind.MUNICIPALITY, ""),
)
"""Each body's name, kind and short name (the committees are named as the plan names them)."""

VARIANTS: dict[str, tuple[str, ...]] = {
    "Fagråd for pasientsamarbeid": (
        "Fagråd for pasient-samarbeid",
        "Fagråd pasient-samarbeid",
        "Fagråd pasientsamarbeid",
    ),
    "Fagråd for legesamarbeid": (
        "Fagråd for lege-samarbeid",
        "Fagråd lege-samarbeid",
        "Fagråd legesamarbeid",
    ),
    "Fagråd for digital samhandling": ("Fagråd digital samhandling",),
    "Fagråd for akuttmedisinsk kjede og helseberedskap": (
        "Fagråd akuttmed. kjede og helse – beredskap",
        "Fagråd akuttmed. kjede og helseberedskap",
        "Fagråd akuttmedisin og helseberedskap",
    ),
    "Fagråd for forebygging, tidlig innsats, helsefremming, læring og mestring": (
        "Fagråd for forebygging, helsefremming læring/mestring",
        "Fagråd for forebygging, helsefremming, læring/mestring",
        "Fagråd foreb., helsefremming, læring/mestring",
        "Fagråd forebygging, helsefremming læring/mestring",
        "Fagråd forebygging, tidlig innsats, helsefremming, læring/mestring",
        "Fagråd forebygging, tidlig innsats, helsefremming, læring og mestring",
    ),
    "Sekretariat": ("Sekretariatet",),
}
"""The spellings of the plan that mean a registered body, merged into it by the secretariat.

Left as typed on purpose: "ASU og fagråd", a bare "Fagråd", and the fagråd for
patient cooperation "med støtte fra andre/øvrige fagråd": they name more than one body."""

CONTACTS = {
    "Fagråd for pasientsamarbeid": ("leiar.pasientsamarbeid@example.org",),
    "Fagråd for digital samhandling": ("leiar.digital@example.org",),
    "Sekretariat": ("sekretariat@example.org",),
}
"""The leaders of the bodies of the demo's open round, who report and are reminded
(example.org never delivers), so reminders can be tried at once against a local mail
server; every other body has a leader who reports and is reminded with the secretariat."""


def demo_table() -> PlanTable:
    text = files("domain.data").joinpath(DEMO_FILE).read_text(encoding="utf-8")
    return parse_plan_table([line.split("\t") for line in text.splitlines()])


def load_demo(app: Planlogg) -> bool:
    """Load the demo once; returns False when it is already there."""
    if app.plan_exists(DEMO_PLAN):
        return False
    secretariat = Provenance("Sekretariatet", Source.IMPORT, reason="Demodata")
    app.register_community(
        DEMO_COMMUNITY, "Helsefellesskapet St. Olavs hospital og kommunene", secretariat
    )
    app.import_plan(DEMO_PLAN, demo_table(), DEMO_COMMUNITY, secretariat)
    _adopt_version_one(app)
    _register_bodies(app)
    _report_some_status(app)
    _start_revision(app)
    return True


def _adopt_version_one(app: Planlogg) -> None:
    cli = Provenance("Sekretariatet", Source.CLI, reason="Demodata")
    app.send_on_hearing(DEMO_PLAN, date(2022, 2, 15), cli, sent_on=date(2022, 1, 17))
    version = app.submit(DEMO_PLAN, ["ASU", "PSU"], cli)
    for body, case, meeting in (
        ("ASU", "sak 12/22", date(2022, 3, 10)),
        ("PSU", "sak 05/22", date(2022, 3, 24)),
    ):
        reference = app.record_decision(
            DEMO_COMMUNITY,
            case,
            body,
            meeting,
            f"{body} godkjenner handlingsplan 2022–2024 versjon {version}.",
            cli,
            plan=DEMO_PLAN,
        )
        app.approve(
            DEMO_PLAN,
            version,
            body,
            reference,
            meeting,
            Provenance("Sekretariatet", Source.CLI, reason="Godkjent i møte", decision=reference),
        )
    app.publish(DEMO_PLAN, cli)


def _register_bodies(app: Planlogg) -> None:
    """The register came after the plan was adopted, as it would for a secretariat today.

    The plan's measures keep the names they were imported with; the merges make
    every spelling of a body count for it on the dashboard.
    """
    secretariat = Provenance("Sekretariatet", Source.CLI, reason="Organregister")
    for name, kind, short_name in BODIES:
        body_id = app.add_body(DEMO_COMMUNITY, name, kind, secretariat, short_name=short_name)
        leader = CONTACTS.get(name)
        app.set_body_contacts(
            DEMO_COMMUNITY,
            body_id,
            list(leader or [f"leder.{body_id}@example.org"]),
            list(leader or [f"{body_id}@example.org", "sekretariat@example.org"]),
            secretariat,
        )
    for name, variants in VARIANTS.items():
        app.merge_bodies(DEMO_COMMUNITY, variants, name, secretariat)


def _report_some_status(app: Planlogg) -> None:
    cli = Provenance("Sekretariatet", Source.CLI, reason="Demodata")
    reference = app.record_decision(
        DEMO_COMMUNITY,
        "sak 40/24",
        "ASU",
        date(2024, 6, 13),
        "ASU ber leiar for kvart fagråd oppdatere status for kvart tiltak innan 11.09.2024.",
        cli,
        plan=DEMO_PLAN,
    )
    app.open_reporting_round(
        DEMO_PLAN,
        date(2024, 9, 11),
        ["Fagråd for pasientsamarbeid", "Fagråd for digital samhandling", "Sekretariat"],
        Provenance(
            "Sekretariatet", Source.CLI, reason="Statusrunde haust 2024", decision=reference
        ),
    )
    for number, colour, comment in (
        ("0.1.1", Colour.GREEN, "Gjennomført."),
        ("0.4.1", Colour.GREEN, "Brukarrepresentantar oppnemnde."),
        ("1.2.1", Colour.YELLOW, "Arbeidsgruppa er forseinka."),
        ("4.1.2", Colour.RED, "Ikkje starta."),
    ):
        app.report_status(
            DEMO_PLAN,
            number,
            colour,
            comment,
            Provenance("Leiar fagråd", Source.CLI, reason="Statusrapport"),
            reported_on=date(2024, 9, 2),
        )


def _start_revision(app: Planlogg) -> None:
    cli = Provenance("Sekretariatet", Source.CLI, reason="Revisjon 2025", decision="ASU sak 40/24")
    app.start_revision(DEMO_PLAN, cli)
    app.reword_measure(
        DEMO_PLAN,
        "0.1.2",
        "Utarbeide årshjul for 2025 med faste rapporteringspunkt.",
        cli,
    )
