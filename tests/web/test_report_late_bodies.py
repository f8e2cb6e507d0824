"""The bodies that reported after a round's deadline, in the annual report as PDF (read back
with pypdf) and as Word (python-docx), in bokmål and nynorsk: each round says who has not
reported, who reported late and on which day, and says that all have reported only when
none is missing (`tests.projections.test_annual_report_late_bodies` builds the rounds)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from domain.application import Planlogg
from language import Målform, speaking
from projections.report_model import LateBody, MissingSection, Report, RoundOutcome
from tests.projections.test_annual_report_late_bodies import late_report
from web.reports import render

WORDS = {
    "nb": {
        "heading": "Organer som ikke har rapportert",
        "march": (
            "Rapporteringsrunde med frist 20.03.2024 (ASU sak 4/24) Organer som skulle "
            "rapportere: AU og Sekretariat, Fagråd for digital samhandling, Psykososialt utval, "
            "Sekretariat. Runden er avsluttet. Har ikke rapportert status for alle sine tiltak: "
            "Sekretariat Rapporterte etter fristen: Fagråd for digital samhandling (02.04.2024), "
            "Psykososialt utval (01.06.2024)."
        ),
        "september": (
            "Rapporteringsrunde med frist 11.09.2024 (ASU sak 4/24) Organer som skulle "
            "rapportere: AU og Sekretariat, Psykososialt utval. Runden er avsluttet. Alle "
            "organene har rapportert, men ikke alle innen fristen. Rapporterte etter fristen: "
            "Psykososialt utval (12.09.2024)."
        ),
        "november": (
            "Rapporteringsrunde med frist 01.11.2024 (ASU sak 4/24) Organer som skulle "
            "rapportere: AU og Sekretariat, Psykososialt utval. Runden er avsluttet. Alle "
            "organene har rapportert."
        ),
    },
    "nn": {
        "heading": "Organ som ikkje har rapportert",
        "march": (
            "Rapporteringsrunde med frist 20.03.2024 (ASU sak 4/24) Organ som skulle "
            "rapportere: AU og Sekretariat, Fagråd for digital samhandling, Psykososialt utval, "
            "Sekretariat. Runden er avslutta. Har ikkje rapportert status for alle tiltaka "
            "sine: Sekretariat Rapporterte etter fristen: Fagråd for digital samhandling "
            "(02.04.2024), Psykososialt utval (01.06.2024)."
        ),
        "september": (
            "Rapporteringsrunde med frist 11.09.2024 (ASU sak 4/24) Organ som skulle "
            "rapportere: AU og Sekretariat, Psykososialt utval. Runden er avslutta. Alle organa "
            "har rapportert, men ikkje alle innan fristen. Rapporterte etter fristen: "
            "Psykososialt utval (12.09.2024)."
        ),
        "november": (
            "Rapporteringsrunde med frist 01.11.2024 (ASU sak 4/24) Organ som skulle "
            "rapportere: AU og Sekretariat, Psykososialt utval. Runden er avslutta. Alle organa "
            "har rapportert."
        ),
    },
}
MÅLFORMER: tuple[Målform, ...] = ("nb", "nn")
OVERRIDE = "\u202e"
"""RIGHT-TO-LEFT OVERRIDE: turns every letter after it around, to the end of its paragraph."""
FSI, PDI, POP = "\u2068", "\u2069", "\u202c"
"""Word isolates the name (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE), ending the
override inside (POP DIRECTIONAL FORMATTING), as `web.reports.word._own` does."""


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(data: bytes) -> str:
    return _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def _word_text(data: bytes) -> str:
    return _flat(" ".join(p.text for p in Document(io.BytesIO(data)).paragraphs))


def _section_text(whole: str, heading: str) -> str:
    """The missing-reports section: from its heading to the next section's (on the page the
    running footer follows it)."""
    start = whole.index(heading)
    return whole[start : whole.index("Evalueringsplan", start)]


def _rendered(report: Report, fmt: str) -> str:
    data = render(report, fmt)
    return _pdf_text(data) if fmt == "pdf" else _word_text(data)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("målform", MÅLFORMER)
def test_late_bodies_are_named_with_their_day_in_both_documents(
    memory_app: Planlogg, målform: Målform, fmt: str
) -> None:
    words = WORDS[målform]
    with speaking(målform):
        text = _rendered(late_report(memory_app), fmt)
    section = _section_text(text, words["heading"])
    assert section.startswith(
        " ".join((words["heading"], words["march"], words["september"], words["november"]))
    ), section


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_late_bodys_name_keeps_its_direction_to_itself(memory_app: Planlogg, fmt: str) -> None:
    """A direction override in a late body's name turned the day and the next body around:
    the PDF reads back in layout order, the Word file keeps the name isolated."""
    report = late_report(memory_app)
    (section,) = [s for s in report.sections if isinstance(s, MissingSection)]
    outcome = RoundOutcome(
        date(2024, 9, 11), "", ("PSU", f"{OVERRIDE}ASU"), (), True,
        late=(LateBody(f"{OVERRIDE}ASU", date(2024, 9, 12)), LateBody("PSU", date(2024, 9, 13))),
    )  # fmt: skip
    changed = replace(
        report,
        sections=tuple(
            replace(s, rounds=(outcome,)) if s is section else s for s in report.sections
        ),
    )
    text = _rendered(changed, fmt)
    if fmt == "pdf":
        assert "(12.09.2024), PSU (13.09.2024)." in text
    else:
        isolated = f"{FSI}{OVERRIDE}ASU{POP}{PDI}"
        assert f"Rapporterte etter fristen: {isolated} (12.09.2024), PSU (13.09.2024)." in text
