"""The committee documents in one målform at a time: the annual report and the adopted plan,
as PDF (read back with pypdf) and Word (python-docx), in bokmål and in nynorsk.

The demo plan's own texts (measure texts, comments, body names, decisions) are bokmål people
wrote, not Planlogg's words; `frame_only` puts a neutral word in their place, so what is
checked for foreign words is everything the document says itself: headings, labels, table
headers, notes, colour words, evaluation words, sources, the title page and the footer.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import Any

import pytest
from docx import Document
from docx.document import Document as WordDocument
from pypdf import PdfReader

from domain.demo import DEMO_PLAN
from language import Målform, speaking
from projections import ReadModels
from projections.report_model import ChainSection, Report
from tests.language.words import foreign_words
from web.reports import render

MADE_ON = date(2025, 1, 15)
NEUTRAL = "Tekst"
CONTENT = frozenset(
    """plan_title community body case decision_text text responsible comment reporter decision
    bodies missing led_to title notes""".split()  # noqa: SIM905
)
"""The fields of the report model that hold what people wrote, not what Planlogg says."""

ANNUAL_HEADINGS = {
    "nb": [
        "Vedtatt versjon og vedtak",
        "Status per innsatsområde",
        "Rapportert av organene i 2024",
        "Organer som ikke har rapportert",
        "Evalueringsplaner",
        "Evalueringer 2024",
        "Vedtak i 2024",
        "Kontrollsum for endringsloggen",
    ],
    "nn": [
        "Vedteken versjon og vedtak",
        "Status per innsatsområde",
        "Rapportert av organa i 2024",
        "Organ som ikkje har rapportert",
        "Evalueringsplanar",
        "Evalueringar 2024",
        "Vedtak i 2024",
        "Kontrollsum for endringsloggen",
    ],
}
ADOPTED_HEADINGS = {
    "nb": [
        "Vedtatt versjon og vedtak",
        "Handlingsplanen",
        "Evalueringsplaner",
        "Kontrollsum for endringsloggen",
    ],
    "nn": [
        "Vedteken versjon og vedtak",
        "Handlingsplanen",
        "Evalueringsplanar",
        "Kontrollsum for endringsloggen",
    ],
}
TITLE = {"nb": "Vedtatt handlingsplan, versjon 1", "nn": "Vedteken handlingsplan, versjon 1"}
MADE_BY = {"nb": "Utarbeidet av Planlogg", "nn": "Utarbeidd av Planlogg"}
FACTS = {"nb": "Dato laget 15.01.2025", "nn": "Dato laga 15.01.2025"}
STATUS_HEADERS = {
    "nb": ["Innsatsområde", "Grønn", "Gul", "Rød", "Ikke rapportert"],
    "nn": ["Innsatsområde", "Grøn", "Gul", "Raud", "Ikkje rapportert"],
}
MEASURE_HEADERS = {
    "nb": ["Nr.", "Tiltak", "Ansvar", "Status", "Kommentar"],
    "nn": ["Nr.", "Tiltak", "Ansvar", "Status", "Kommentar"],
}
EVALUATION_ROW = {
    "nb": [
        ["Evaluert av", "Resultat", "Hva tiltaket førte til", "Anbefaling", "Dato"],
        ["AU og Sekretariat", "delvis oppnådd", "Eit felles årshjul for AU.", "endre",
         "03.12.2024"],
    ],
    "nn": [
        ["Evaluert av", "Resultat", "Kva tiltaket førte til", "Tilråding", "Dato"],
        ["AU og Sekretariat", "delvis oppnådd", "Eit felles årshjul for AU.", "endre",
         "03.12.2024"],
    ],
}  # fmt: skip
PLAN_PARTS = {
    "nb": [["Del av planen", "Innhold"], ["Målsetting", "Felles årshjul i bruk"],
           ["Metoder", "Questback"]],
    "nn": [["Del av planen", "Innhald"], ["Målsetjing", "Felles årshjul i bruk"],
           ["Metodar", "Questback"]],
}  # fmt: skip
LIGHTS = {"nb": ("● grønn", "ikke rapportert"), "nn": ("● grøn", "ikkje rapportert")}
SENTENCES = {
    "nb": (
        "Siste rapporterte status for hvert tiltak per 31.12.2024. Trafikklyset står også som "
        "ord (grønn, gul, rød), så utskrift i svart-hvitt kan leses.",
        "Har ikke rapportert status for alle sine tiltak:",
        "Side 2 av",
    ),
    "nn": (
        "Siste rapporterte status for kvart tiltak per 31.12.2024. Trafikklyset står òg som "
        "ord (grøn, gul, raud), så utskrift i svart-kvitt kan lesast.",
        "Har ikkje rapportert status for alle tiltaka sine:",
        "Side 2 av",
    ),
}
MÅLFORMER: tuple[Målform, ...] = ("nb", "nn")


def frame_only(value: Any) -> Any:
    """The report with each text people wrote replaced by one neutral word."""
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in fields(value):
            old = getattr(value, field.name)
            if field.name in CONTENT and isinstance(old, str):
                changes[field.name] = NEUTRAL if old else ""
            elif field.name in CONTENT and isinstance(old, tuple) and _texts(old):
                changes[field.name] = tuple(NEUTRAL for _ in old)
            elif field.name == "parts":
                changes[field.name] = tuple((label, NEUTRAL) for label, _ in old)
            else:
                changes[field.name] = frame_only(old)
        return replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(frame_only(v) for v in value)
    return value


def _texts(value: tuple[Any, ...]) -> bool:
    return all(isinstance(v, str) for v in value)


def _documents(models: ReadModels) -> Iterator[tuple[str, Report]]:
    yield "årsrapport", models.annual_report(DEMO_PLAN, 2024, MADE_ON)
    yield "vedtatt plan", models.adopted_plan_report(DEMO_PLAN, None, MADE_ON)


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _word(data: bytes) -> WordDocument:
    return Document(io.BytesIO(data))


def _word_text(doc: WordDocument) -> str:
    """Every word a reader sees in the Word file: paragraphs, tables, header and footer."""
    page = doc.sections[0]
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    parts += [p.text for p in page.header.paragraphs + page.footer.paragraphs]
    return " ".join(" ".join(parts).split())


def _without_command(text: str, report: Report) -> str:
    """The text without the verify command (`planlogg audit verify`), which is typed as is."""
    (chain,) = [s for s in report.sections if isinstance(s, ChainSection)]
    command = f"planlogg audit verify --position {chain.position} --head"
    assert command in text
    return text.replace(command, "")


def _headings(doc: WordDocument, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_every_document_says_its_own_words_in_one_målform(
    models: ReadModels, målform: Målform
) -> None:
    with speaking(målform):
        for name, report in _documents(models):
            frame = frame_only(report)
            pdf = _without_command(_pdf_text(render(frame, "pdf")), frame)
            assert foreign_words(pdf, målform) == [], (name, "pdf")
            word = _without_command(_word_text(_word(render(frame, "docx"))), frame)
            assert foreign_words(word, målform) == [], (name, "docx")


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_the_annual_report_in_word_is_worded_in_the_målform_it_is_made_in(
    models: ReadModels, målform: Målform
) -> None:
    with speaking(målform):
        report = models.annual_report(DEMO_PLAN, 2024, MADE_ON)
        doc = _word(render(report, "docx"))
    assert doc.core_properties.language == f"{målform}-NO"
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == ["Årsrapport 2024"]
    assert _headings(doc, 1) == ANNUAL_HEADINGS[målform]
    assert [c.text for c in doc.tables[1].rows[0].cells] == STATUS_HEADERS[målform]
    area_zero = doc.tables[2]
    assert [c.text for c in area_zero.rows[0].cells] == MEASURE_HEADERS[målform]
    assert (area_zero.rows[1].cells[3].text, area_zero.rows[2].cells[3].text) == LIGHTS[målform]
    (evaluated,) = [t for t in doc.tables if t.rows[0].cells[0].text == "Evaluert av"]
    assert [[c.text for c in row.cells] for row in evaluated.rows] == EVALUATION_ROW[målform]
    parts = [t for t in doc.tables if t.rows[0].cells[0].text == "Del av planen"]
    assert [[c.text for c in row.cells] for row in parts[0].rows] == PLAN_PARTS[målform]
    text = _word_text(doc)
    assert MADE_BY[målform] in text
    assert SENTENCES[målform][0] in text and SENTENCES[målform][1] in text
    footer = doc.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Side 1 av 1")


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_the_pdfs_are_worded_and_tagged_in_the_målform_they_are_made_in(
    models: ReadModels, målform: Målform
) -> None:
    with speaking(målform):
        annual = models.annual_report(DEMO_PLAN, 2024, MADE_ON)
        annual_pdf = render(annual, "pdf")
        adopted_pdf = render(models.adopted_plan_report(DEMO_PLAN, None, MADE_ON), "pdf")
    reader = PdfReader(io.BytesIO(annual_pdf))
    assert reader.trailer["/Root"]["/Lang"] == målform
    text = _pdf_text(annual_pdf)
    positions = [text.index(heading) for heading in ANNUAL_HEADINGS[målform]]
    assert positions == sorted(positions)
    for words in (MADE_BY[målform], FACTS[målform], *SENTENCES[målform]):
        assert words in text, words
    adopted = _pdf_text(adopted_pdf)
    assert TITLE[målform] in adopted
    positions = [adopted.index(heading) for heading in ADOPTED_HEADINGS[målform]]
    assert positions == sorted(positions)
    assert "Mål 0.1: Samordne og videreutvikle AU og sekretariatsfunksjon" in adopted


def test_a_document_names_its_file_the_same_in_both_målformer(models: ReadModels) -> None:
    names = set()
    for målform in MÅLFORMER:
        with speaking(målform):
            names |= {report.file_stem for _, report in _documents(models)}
    assert names == {f"{DEMO_PLAN}-arsrapport-2024", f"{DEMO_PLAN}-handlingsplan-versjon-1"}
