"""Everything the sync writes for people, in one målform at a time.

Each refusal the sync can write on a row, the Oversikt and Vedtak tabs, the sheet's
formats, the reports and the refusals that stop a cycle are provoked in a sheet laid out
for a nynorsk and for a bokmål community, and no word of the other målform (or English)
may appear in any of them; then every message of the sheet's catalogue is rendered in
both. What people typed (plan texts, names) is the plan's, not Planlogg's: the checks
look at Planlogg's frame around it. Commands quoted as «planlogg …» are code, not words.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from domain.application import Planlogg
from domain.norwegian_time import format_oslo_time
from domain.provenance import Provenance, Source
from domain.vocabulary import Colour, PatientGroup
from language import Målform, _, ngettext, speaking
from language.areas import own_messages
from sync.cycle import SheetSync
from sync.google import _format_requests
from sync.layout import Layout, SyncRefused
from sync.loop import lay_out, sheet_format
from sync.memory_backend import InMemorySheetBackend
from sync.restore import restore
from sync.workbook import WorkbookBackend
from tests.language.words import foreign_words
from tests.sync.conftest import PLAN, WEB

MÅLFORMER: list[Målform] = ["nn", "nb"]
COMMAND = re.compile(r"«planlogg [^»]*»")


def _group_labels(målform: Målform) -> list[str]:
    with speaking(målform):
        labels = [group.label for group in PatientGroup]
    return sorted(labels, key=len, reverse=True)


def frame(text: str, målform: Målform) -> str:
    """The text without the commands it quotes (their names are code) and the patient
    groups it lists in its own målform (the domain's labels, checked where they are kept;
    a group named in the other målform is still caught)."""
    text = COMMAND.sub("", text)
    for label in _group_labels(målform):
        text = text.replace(label, "")
    return text


def foreign(text: str, målform: Målform) -> list[str]:
    return foreign_words(frame(text, målform), målform)


def adopt(app: Planlogg) -> None:
    version = app.submit(PLAN, ["PSU"], WEB)
    app.approve(
        PLAN,
        version,
        "PSU",
        "sak 1/25",
        date(2025, 1, 10),
        Provenance("PSU", Source.WEB, decision="PSU sak 1/25"),
    )


def memory_sheet() -> InMemorySheetBackend:
    """A sheet of its own: the sync lock is taken per target, for every process on the
    machine, so a test's sheet is named uniquely."""
    return InMemorySheetBackend(PLAN, target=f"memory:{PLAN}-{uuid4()}")


def laid_out(app: Planlogg, sync: SheetSync, målform: Målform) -> InMemorySheetBackend:
    app.register_community("helsefellesskap", "Helsefellesskapet", WEB, language=målform)
    sheet = memory_sheet()
    lay_out(app, sheet, PLAN)
    sync.cycle(sheet, PLAN)
    return sheet


def provoke_every_row_refusal(app: Planlogg, sync: SheetSync, sheet: InMemorySheetBackend) -> Any:
    """One cycle that refuses something on nearly every row, each for a reason of its own."""
    headings = Layout.for_years((2024, 2025))
    see_also = sheet.grid[0][headings.header.index("Sjå òg")]
    app.report_status(PLAN, "T004", Colour.GREEN, "I rute", WEB)
    app.remove_measure(PLAN, "T006", WEB)
    sync.cycle(sheet, PLAN)
    sheet.insert_column(len(sheet.grid[0]), "Notat")
    sheet.user_edit({(sheet.row_of("T005"), "Notat"): "Min merknad"})
    sync.cycle(sheet, PLAN)
    app.remove_measure(PLAN, "T005", WEB)
    app.reword_measure(PLAN, "T001", "Ny tekst på nettet", WEB)
    sheet.user_edit(
        {
            (sheet.row_of("T001"), "Tiltak"): "Ny tekst i arket",
            (sheet.row_of("T001"), "Innsatsområde"): "Eit anna område",
            (sheet.row_of("T002"), "Nr"): "1.1.2 jf. 1.1.1",
            (sheet.row_of("T002"), "Pasientgrupper"): "Vaksne",
            (sheet.row_of("T003"), "Tiltak"): "",
            (sheet.row_of("T003"), see_also): "tre",
            (sheet.row_of("T004"), "Status"): "",
            (sheet.row_of("T004"), "Frist"): "#NAME?",
        }
    )
    row = len(sheet.grid) + 1
    sheet.user_edit({(row, "ID"): "T999", (row, "Nr"): "1.1.9", (row, "Tiltak"): "Kopi"})
    return sync.cycle(sheet, PLAN)


MELDING: dict[Målform, dict[str, str]] = {
    "nn": {
        "T001": "Innsatsområde: Innsatsområde følgjer av nummeret i Nr og blir ikkje endra frå "
        "reknearket. Endre Nr for å flytte tiltaket, eller endre teksten i Planlogg.\n"
        "Tiltak: Konflikt K1: «Ny tekst i arket» frå reknearket blei ikkje teke inn, fordi cella "
        "samstundes blei endra i Planlogg til «Ny tekst på nettet». Teksten din er teken vare "
        "på i endringsloggen. Merk konflikten som løyst i Planlogg når de har avgjort.",
        "T004": "Frist: Cella viser #NAME?, ein formelfeil. Skriv vanleg tekst (utan = først).\n"
        "Status: Status kan ikkje vere tom når tiltaket har ein kommentar eller tidlegare "
        "status. Skriv grøn, gul eller raud.",
        "T005": "Tiltaket er fjerna i Planlogg. Rada står att fordi ho har innhald i dine eigne "
        "kolonnar; slett henne sjølv når du ikkje treng henne lenger.",
    },
    "nb": {
        "T001": "Innsatsområde: Innsatsområde følger av nummeret i Nr og blir ikke endret fra "
        "regnearket. Endre Nr for å flytte tiltaket, eller endre teksten i Planlogg.\n"
        "Tiltak: Konflikt K1: «Ny tekst i arket» fra regnearket ble ikke tatt inn, fordi cellen "
        "samtidig ble endret i Planlogg til «Ny tekst på nettet». Teksten din er tatt vare "
        "på i endringsloggen. Merk konflikten som løst i Planlogg når dere har avgjort.",
        "T004": "Frist: Cellen viser #NAME?, en formelfeil. Skriv vanlig tekst (uten = først).\n"
        "Status: Status kan ikke være tom når tiltaket har en kommentar eller tidligere "
        "status. Skriv grønn, gul eller rød.",
        "T005": "Tiltaket er fjernet i Planlogg. Raden står igjen fordi den har innhold i dine "
        "egne kolonner; slett den selv når du ikke trenger den lenger.",
    },
}


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_every_refusal_on_a_row_is_written_in_the_communitys_målform(
    målform: Målform, plan_app: Planlogg, sheet_sync: SheetSync
) -> None:
    sheet = laid_out(plan_app, sheet_sync, målform)
    report = provoke_every_row_refusal(plan_app, sheet_sync, sheet)
    assert report.conflicts == 1
    at = sheet.grid[0].index("Melding")
    melding = {row[0]: row[at] for row in sheet.grid[1:] if len(row) > at and row[at]}
    for measure_id, text in MELDING[målform].items():
        assert melding.pop(measure_id) == text
    assert sorted(melding) == ["T002", "T003", "T999"]
    assert len(melding["T002"].splitlines()) == 2
    assert len(melding["T003"].splitlines()) == 2
    for text in [*melding.values(), *MELDING[målform].values(), *sheet.notes.values()]:
        assert foreign(text, målform) == [], text
    with speaking(målform):
        assert foreign(report.summary(), målform) == []


OVERVIEW: dict[Målform, list[list[str]]] = {
    "nn": [
        ["Plan", "Testplan"],
        ["Stadium", "vedteken"],
        ["Versjon i kraft", "versjon 1, vedteken 10.01.2025"],
        ["Periode", "2024–2025"],
    ],
    "nb": [
        ["Plan", "Testplan"],
        ["Stadium", "vedtatt"],
        ["Versjon i kraft", "versjon 1, vedtatt 10.01.2025"],
        ["Periode", "2024–2025"],
    ],
}
DECISIONS: dict[Målform, list[list[str]]] = {
    "nn": [["Vedtak", "Dato", "Kva", "Gjeld versjon"], ["PSU sak 01/25", "10.01.2025"]],
    "nb": [["Vedtak", "Dato", "Hva", "Gjelder versjon"], ["PSU sak 01/25", "10.01.2025"]],
}


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_the_overview_and_decisions_tabs_speak_the_communitys_målform(
    målform: Målform, plan_app: Planlogg, sheet_sync: SheetSync
) -> None:
    adopt(plan_app)
    plan_app.report_status(PLAN, "T001", Colour.YELLOW, "", WEB)
    sheet = laid_out(plan_app, sheet_sync, målform)
    overview = [[c for c in row if c] for row in sheet.tabs["Oversikt"]]
    assert overview[:4] == OVERVIEW[målform]
    link = overview[4:6]
    head = sheet_sync.read_models.chain_link_for(plan_app.get_plan(PLAN).id)
    assert head is not None and head.recorded_at
    linked = format_oslo_time(head.recorded_at)
    assert link == [
        ["Kontrollsum (endringsloggen)", head.hash],
        [
            {"nn": "hending ", "nb": "hendelse "}[målform] + str(head.position),
            {"nn": f"lenkja {linked} norsk tid", "nb": f"lenket {linked} norsk tid"}[målform],
        ],
    ]
    decisions = sheet.tabs["Vedtak"]
    assert decisions[0] == DECISIONS[målform][0]
    assert [row[:2] for row in decisions[1:2]] == DECISIONS[målform][1:]
    shown = [[overview[0][0]], *overview[1:4], link[0][:1], link[1], *overview[6:], *decisions]
    for row in shown:
        assert foreign(" ".join(row), målform) == [], row


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_what_stops_a_cycle_is_said_in_the_communitys_målform(
    målform: Målform, plan_app: Planlogg, sheet_sync: SheetSync
) -> None:
    sheet = laid_out(plan_app, sheet_sync, målform)
    header = list(sheet.grid[0])
    refusals: list[str] = []

    def refused() -> None:
        with pytest.raises(SyncRefused) as stopped:
            sheet_sync.cycle(sheet, PLAN)
        refusals.append(stopped.value.message)

    sheet.grid[0] = [*header[:4], "Tekst", *header[5:]]
    refused()
    sheet.grid[0] = [*header[:4], "Tekst", "Organ", *header[6:]]
    refused()
    sheet.grid[0] = [*header, "Status"]
    refused()
    sheet.grid[0] = [""] * len(header)
    refused()
    sheet.grid[0] = header
    sheet.delete_rows(2, 3, 4, 5)
    refused()
    assert (
        refusals[0]
        == {
            "nn": "Overskriftene i planfana er endra: kolonnen «Tiltak» finst ikkje lenger "
            "(omdøypt eller sletta?), så synkroniseringa skriv ingenting. Gje kolonnen namnet att, "
            "eller hent han tilbake (angre, eller sjå versjonshistorikken). Eigne kolonnar og ei "
            "anna rekkjefølgje går fint; eller køyr «planlogg sync restore» for å leggje planen "
            "ut på nytt.",
            "nb": "Overskriftene i planfanen er endret: kolonnen «Tiltak» finnes ikke lenger "
            "(omdøpt eller slettet?), så synkroniseringen skriver ingenting. Gi kolonnen "
            "navnet igjen, eller hent den tilbake (angre, eller se versjonshistorikken). Egne "
            "kolonner og en annen rekkefølge går fint; eller kjør «planlogg sync restore» for å "
            "legge planen ut på nytt.",
        }[målform]
    )
    named = {
        "nn": "kolonnane «Tiltak», «Ansvar» finst",
        "nb": "kolonnene «Tiltak», «Ansvar» finnes",
    }
    assert named[målform] in refusals[1]
    doubled = {
        "nn": "Overskrifta «Status» står i fleire",
        "nb": "Overskriften «Status» står i flere",
    }
    assert refusals[2].startswith(doubled[målform])
    empty = {"nn": "Planfana har inga overskriftsrad", "nb": "Planfanen har ingen overskriftsrad"}
    assert refusals[3].startswith(empty[målform])
    assert refusals[4].startswith(
        {"nn": "4 av 6 rader er borte frå planfana", "nb": "4 av 6 rader er borte fra planfanen"}[
            målform
        ]
    )
    for text in refusals:
        assert foreign(text, målform) == [], text


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_a_sheets_formats_and_reports_speak_the_communitys_målform(
    målform: Målform, plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    plan_app.register_community("helsefellesskap", "Helsefellesskapet", WEB, language=målform)
    workbook = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, workbook, PLAN)
    from openpyxl import load_workbook

    sheet = load_workbook(workbook.path)[PLAN]
    comment = sheet["A1"].comment.text
    assert (
        comment
        == {
            "nn": "Skrivast av Planlogg. Endringar her blir ikkje tekne inn.",
            "nb": "Skrives av Planlogg. Endringer her blir ikke tatt inn.",
        }[målform]
    )
    [validation] = sheet.data_validations.dataValidation
    assert validation.formula1 == {"nn": '"grøn,gul,raud"', "nb": '"grønn,gul,rød"'}[målform]
    with speaking(målform):
        formats = _format_requests(1, sheet_format(Layout.for_years((2024, 2025))), [2])
    texts = [
        *(r["addProtectedRange"]["protectedRange"]["description"] for r in formats
          if "addProtectedRange" in r),
        *(r["setDataValidation"]["rule"]["inputMessage"] for r in formats
          if "setDataValidation" in r),
    ]  # fmt: skip
    assert (
        texts[-1]
        == {"nn": "Vel ein av: grøn, gul, raud.", "nb": "Velg en av: grønn, gul, rød."}[målform]
    )
    assert len(texts) == 9
    assert all("Planlogg" in text for text in texts[:-1])
    memory = memory_sheet()
    lay_out(plan_app, memory, PLAN)
    sheet_sync.cycle(memory, PLAN)
    memory.user_edit({(memory.row_of("T002"), "Tiltak"): "Endra"})
    report = restore(sheet_sync, memory, PLAN)
    with speaking(målform):
        texts += [report.summary(), report.cycle.summary()]
    for text in texts:
        assert foreign(text, målform) == [], text


def rendered(key: str | tuple[str, ...], målform: Målform) -> list[str]:
    """A catalogue message in `målform`, its placeholders filled with a number."""
    values = dict.fromkeys(re.findall(r"%\((\w+)\)s", key if isinstance(key, str) else key[0]), 7)
    with speaking(målform):
        if isinstance(key, str):
            return [_(key, **values)]
        values.pop("num", None)
        return [ngettext(key[0], key[1], n, **values) for n in (1, 2)]


SHEET_MESSAGES = sorted(
    (found.id for found in own_messages().values() if found.area == "sheet"), key=str
)


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_every_message_of_the_sheet_reads_in_one_målform(målform: Målform) -> None:
    assert len(SHEET_MESSAGES) > 140
    for key in SHEET_MESSAGES:
        for text in rendered(key, målform):
            assert foreign(text, målform) == [], text


def test_the_nynorsk_catalogue_gives_every_sheet_message_its_own_words() -> None:
    """A message whose nynorsk is the bokmål key is only one whose words both write alike."""
    same = [key for key in SHEET_MESSAGES if rendered(key, "nn") == rendered(key, "nb")]
    assert not [key for key in same if re.search(r"\b(ikke|en|et|fra|blir|ble|flere)\b", str(key))]
    assert "Se også" not in same and "Sist endret" not in same and "Endret av" not in same
