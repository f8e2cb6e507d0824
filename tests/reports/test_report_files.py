"""The committee documents as files, read back: the PDF's text (pypdf) and its first pages
drawn as PNG (pypdfium2, kept in test-artifacts/rapporter/ to look at), and the Word file's
headings and tables (python-docx)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdfium2
import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from pypdf import PdfReader

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.provenance import Provenance, Source
from projections import ReadModels
from projections.annual_report import build_adopted_plan
from projections.report_model import SECTION_KINDS, Report
from web.reports import filename, render
from web.reports.html import environment
from web.reports.word import SECTION_WRITERS, plain_lines

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "rapporter"
MADE_ON = date(2025, 1, 15)
MISSING = ("Fagråd for digital samhandling", "Fagråd for pasientsamarbeid", "Sekretariat")
"""The bodies that did not report in 2024's round, in Norwegian alphabetical order."""
AREAS = (
    "Diverse administrative samhandlingstiltak",
    "Utskrivningsklare pasienter",
    "Akuttmedisinsk kjede og helseberedskap",
    "Digitalisering og teknologi",
    "Kompetanse",
)


@pytest.fixture(scope="module")
def annual(models: ReadModels) -> Report:
    return models.annual_report(DEMO_PLAN, 2024, MADE_ON)


@pytest.fixture(scope="module")
def adopted(models: ReadModels) -> Report:
    return models.adopted_plan_report(DEMO_PLAN, None, MADE_ON)


@pytest.fixture(scope="module")
def annual_pdf(annual: Report) -> bytes:
    return _kept(annual, "pdf")


@pytest.fixture(scope="module")
def adopted_pdf(adopted: Report) -> bytes:
    return _kept(adopted, "pdf")


def _kept(report: Report, fmt: str) -> bytes:
    data = render(report, fmt)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / filename(report, fmt)).write_bytes(data)
    return data


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_kind_of_section_has_a_template_and_a_word_writer() -> None:
    templates = set(environment().list_templates())
    assert {f"reports/_{kind}.html" for kind in SECTION_KINDS} <= templates
    assert set(SECTION_WRITERS) == set(SECTION_KINDS)


def test_the_annual_report_pdf_reads_back_with_everything_a_committee_needs(
    annual_pdf: bytes, models: ReadModels
) -> None:
    pages = _text(annual_pdf)
    assert len(pages) == 13
    title = _flat(pages[0])
    for words in (
        "Årsrapport 2024",
        "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene",
        "Helsefellesskapet St. Olavs hospital og kommunene",
        "Dato laget 15.01.2025",
        "Utarbeidet av Planlogg",
    ):
        assert words in title
    assert "Side" not in title
    assert "Side 2 av" in pages[1]
    whole = _flat(" ".join(pages))
    for words in (
        "Vedtatt versjon og vedtak",
        "ASU sak 12/22",
        "PSU godkjenner handlingsplan 2022–2024 versjon 1.",
        "Status per innsatsområde",
        *AREAS,
        "grønn",
        "gul",
        "rød",
        "ikke rapportert",
        "Rapportert av organene i 2024",
        "Arbeidsgruppa er forseinka.",
        "Organer som ikke har rapportert",
        "Rapporteringsrunde med frist 11.09.2024 (ASU sak 40/24)",
        "Felles årshjul i bruk",
        "Vedtak i 2024",
        "ASU ber leiar for kvart fagråd oppdatere status",
    ):
        assert words in whole, words
    evaluations = whole[whole.index("Evalueringer 2024") : whole.index("Vedtak i 2024")]
    assert evaluations.startswith(
        "Evalueringer 2024 Tiltakene som er evaluert for 2024: om målet ble nådd, hva tiltaket "
        "førte til, og hva organet anbefaler for neste plan. Tiltak 0.1.1 Gjennomgå arbeidsform"
    )
    assert evaluations.endswith(
        "Evaluert av Resultat Hva tiltaket førte til Anbefaling Dato AU og Sekretariat delvis "
        "oppnådd Eit felles årshjul for AU. endre 03.12.2024 "
    )
    missing_part = whole[whole.index("Organer som ikke har rapportert") :]
    assert "Har ikke rapportert status for alle sine tiltak: " + " ".join(MISSING) in missing_part
    head = models.chain_head()
    assert head.hash in whole
    assert f"planlogg audit verify --position {head.position} --head {head.hash}" in whole


def test_the_pdf_is_tagged_for_screen_readers_in_norwegian(annual_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(annual_pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nb"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata is not None
    assert reader.metadata.title == (
        "Årsrapport 2024: Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"
    )
    assert reader.metadata.author == "Planlogg"


def test_the_first_pages_render_with_the_traffic_lights_in_colour(annual_pdf: bytes) -> None:
    pdf = pypdfium2.PdfDocument(annual_pdf)
    images = [pdf[i].render(scale=1.5).to_pil().convert("RGB") for i in range(3)]
    for number, image in enumerate(images, start=1):
        image.save(ARTIFACTS / f"arsrapport-2024-side-{number}.png")
    width, height = images[0].size
    assert round(height / width, 2) == round(297 / 210, 2)
    colours = images[1].getcolors(maxcolors=1 << 16) or []
    green = sum(n for n, (r, g, b) in colours if (r, g, b) == (0x1F, 0x7A, 0x3A))
    assert green > 20
    title_ink = sum(
        n for n, rgb in images[0].getcolors(maxcolors=1 << 16) or [] if rgb != (255,) * 3
    )
    assert title_ink > 1000


def test_the_adopted_plan_pdf_holds_the_adopted_text_never_the_draft(adopted_pdf: bytes) -> None:
    whole = _flat(" ".join(_text(adopted_pdf)))
    assert "Vedtatt handlingsplan, versjon 1" in whole
    assert "Mål 0.1: Samordne og videreutvikle AU og sekretariatsfunksjon" in whole
    assert "0.1.2 Utarbeide årshjul." in whole
    assert "Utarbeide årshjul for 2025" not in whole
    pdf = pypdfium2.PdfDocument(adopted_pdf)
    pdf[1].render(scale=1.5).to_pil().save(ARTIFACTS / "vedtatt-plan-side-2.png")


def _word(report: Report) -> WordDocument:
    return Document(io.BytesIO(_kept(report, "docx")))


def _headings(doc: WordDocument, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def test_the_annual_report_in_word_has_real_headings_and_tables(annual: Report) -> None:
    doc = _word(annual)
    assert doc.core_properties.author == "Planlogg"
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == ["Årsrapport 2024"]
    assert _headings(doc, 1) == [
        "Vedtatt versjon og vedtak",
        "Status per innsatsområde",
        "Rapportert av organene i 2024",
        "Organer som ikke har rapportert",
        "Evalueringsplaner",
        "Evalueringer 2024",
        "Vedtak i 2024",
        "Kontrollsum for endringsloggen",
    ]
    level_two = _headings(doc, 2)
    assert level_two.count("Tiltak 0.1.1") == 2
    (evaluated,) = [t for t in doc.tables if t.rows[0].cells[0].text == "Evaluert av"]
    assert [[c.text for c in row.cells] for row in evaluated.rows] == [
        ["Evaluert av", "Resultat", "Hva tiltaket førte til", "Anbefaling", "Dato"],
        ["AU og Sekretariat", "delvis oppnådd", "Eit felles årshjul for AU.", "endre",
         "03.12.2024"],
    ]  # fmt: skip
    assert "0. Diverse administrative samhandlingstiltak" in level_two
    assert "Fagråd for digital samhandling" in level_two
    assert "Rapporteringsrunde med frist 11.09.2024 (ASU sak 40/24)" in level_two
    approvals = doc.tables[0]
    assert [c.text for c in approvals.rows[0].cells] == [
        "Organ",
        "Saksnummer",
        "Møtedato",
        "Vedtak",
    ]
    assert [c.text for c in approvals.rows[1].cells] == [
        "ASU", "ASU sak 12/22", "10.03.2022", "ASU godkjenner handlingsplan 2022–2024 versjon 1.",
    ]  # fmt: skip
    for table in doc.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    summary = doc.tables[1]
    assert [c.text for c in summary.rows[1].cells] == [
        "0. Diverse administrative samhandlingstiltak", "2", "0", "0", "14",
    ]  # fmt: skip
    area_zero = doc.tables[2]
    assert [c.text for c in area_zero.rows[0].cells] == [
        "Nr.", "Tiltak", "Ansvar", "Status", "Kommentar",
    ]  # fmt: skip
    first = [c.text for c in area_zero.rows[1].cells]
    assert first[0] == "0.1.1" and first[3] == "● grønn" and first[4] == "Gjennomført. (02.09.2024)"
    assert [c.text for c in area_zero.rows[2].cells][3] == "ikke rapportert"
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets == list(MISSING)
    page = doc.sections[0]
    assert page.different_first_page_header_footer
    assert page.header.paragraphs[0].text == (
        "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene · Årsrapport 2024"
    )
    fields = [t.text.strip() for t in page.footer.paragraphs[0]._p.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]


def test_a_status_from_a_year_before_the_reports_says_so_in_word_and_in_the_pdf(
    models: ReadModels,
) -> None:
    """The demo's lights were reported in 2024: in the report of 2025 each says it is not
    2025's, where the report of 2024 gives only the day (`test_…_real_headings_and_tables`)."""
    report = models.annual_report(DEMO_PLAN, 2025, date(2026, 1, 15))
    first = [c.text for c in _word(report).tables[2].rows[1].cells]
    assert first[0] == "0.1.1" and first[3] == "● grønn"
    assert first[4] == "Gjennomført. (rapportert 02.09.2024, ikke i 2025)"
    assert "Gjennomført. (rapportert 02.09.2024, ikke i 2025)" in _flat(
        " ".join(_text(_kept(report, "pdf")))
    )


def test_the_adopted_plan_in_word_has_areas_goals_and_a_measure_table_per_goal(
    adopted: Report,
) -> None:
    doc = _word(adopted)
    assert _headings(doc, 1) == [
        "Vedtatt versjon og vedtak", "Handlingsplanen", "Evalueringsplaner",
        "Kontrollsum for endringsloggen",
    ]  # fmt: skip
    assert _headings(doc, 2)[0] == "0. Diverse administrative samhandlingstiltak"
    assert _headings(doc, 3)[0] == "Mål 0.1: Samordne og videreutvikle AU og sekretariatsfunksjon"
    goal = doc.tables[1]
    assert [c.text for c in goal.rows[0].cells] == [
        "Nr.", "Tiltak", "Ansvar", "2022", "2023", "2024", "2025",
    ]  # fmt: skip
    assert [c.text for c in goal.rows[2].cells] == [
        "0.1.2", "Utarbeide årshjul.", "AU og Sekretariat", "x", "", "", "",
    ]  # fmt: skip


def test_measure_markup_becomes_plain_lines_in_word() -> None:
    assert plain_lines("Først **viktig** og *litt*\n\n- ein\n- to") == [
        "Først viktig og litt",
        "• ein",
        "• to",
    ]


def test_a_version_no_longer_in_force_says_until_when_it_was(models: ReadModels) -> None:
    """Version 1 asked for after version 2 came into force: it must not read as in force."""
    document = models.version_in_force(DEMO_PLAN)
    assert document is not None
    report = build_adopted_plan(
        document, date(2022, 3, 24), "Helsefellesskapet", (), models.chain_head(), MADE_ON,
        replaced_on=date(2025, 1, 10),
    )  # fmt: skip
    said = (
        "Versjon 1 ble vedtatt og gjaldt fra 24.03.2022 til 10.01.2025, da en nyere versjon "
        "tok over."
    )
    doc = Document(io.BytesIO(render(report, "docx")))
    assert said in [p.text for p in doc.paragraphs]
    assert "gjelder fra" not in " ".join(p.text for p in doc.paragraphs)
    pdf = _flat(" ".join(_text(render(report, "pdf"))))
    assert said in pdf
    assert "gjelder fra" not in pdf


def test_a_title_as_long_as_a_plan_may_have_makes_a_word_file(adopted: Report) -> None:
    """A plan title may be 300 characters; Word keeps at most 255 in a document property."""
    title = " ".join(["Samhandlingsplan"] * 17) + " slutt"
    assert len(title) == 294
    report = replace(adopted, title=replace(adopted.title, plan_title=title))
    doc = Document(io.BytesIO(render(report, "docx")))
    assert doc.paragraphs[2].text == title
    assert doc.core_properties.title == f"Vedtatt handlingsplan, versjon 1: {title}"[:254] + "…"


def test_an_asterisk_that_is_no_emphasis_stays_in_word_as_in_the_pdf() -> None:
    """Canonical emphasis never starts or ends with a space (domain.richtext): "2 * 3" is text."""
    assert plain_lines("Ta 2 * 3 timer * veke, **viktig** og *litt*") == [
        "Ta 2 * 3 timer * veke, viktig og litt"
    ]


def test_a_plan_never_adopted_reports_on_its_draft_and_says_so() -> None:
    from tests.projections import plans

    app = Planlogg.from_url("memory:")
    plans.draft(app)
    read = ReadModels.open(app)
    read.read_your_writes()
    report = read.annual_report(plans.KEY, 2025, MADE_ON)
    assert report.title.community == "hf"
    text = _flat(" ".join(_text(render(report, "pdf"))))
    assert "Ingen versjon av planen var vedtatt i perioden." in text
    assert "1.1.1 Kartlegge behov ASU ikke rapportert" in text
    assert "Ingen statusrapporter dette året." in text
    assert "Ingen rapporteringsrunde hadde frist dette året." in text
    assert "Ingen tiltak har en evalueringsplan." in text
    assert "Ingen tiltak er evaluert for 2025." in text
    assert "Ingen vedtak om planen er registrert med møtedato dette året." in text
    doc = Document(io.BytesIO(render(report, "docx")))
    assert "Ingen versjon av planen var vedtatt i perioden." in [p.text for p in doc.paragraphs]


URL = (
    "https://helse-midt.no/samhandling/helsefellesskap/handlingsplan-2022-2024/"
    "statusrapport-fagrad-for-digital-samhandling-2024.pdf"
)
LONG_WORD = "Samhandlingsavviksrapporteringsrutineimplementeringsprosjekt" * 2
LONG_BODY = "Kommunehelsetjenesteavdelingen"
"""Wider than the Ansvar column."""


@pytest.fixture(scope="module")
def long_words() -> ReadModels:
    """An adopted plan whose title, area and goal hold a 120-letter word, a measure and a
    decision a long URL, and whose body has a name wider than its column."""
    by = Provenance("Sekretariatet", Source.CLI, reason="Sakshandsaming")
    app = Planlogg.from_url("memory:")
    key = "lange-ord"
    app.create_plan(key, f"Handlingsplan {LONG_WORD}", "hf", 2025, 2026, by)
    app.add_area(key, "1", f"Område {LONG_WORD}", by)
    app.add_goal(key, "1.1", f"Mål {LONG_WORD}", by)
    app.add_measure(key, "1.1.1", f"Tiltak {URL}", by, responsible=[LONG_BODY], marks={2025: "x"})
    app.report_status(key, "1.1.1", "gul", f"Se {URL}", by, reported_on=date(2025, 3, 1))
    version = app.submit(key, [LONG_BODY], by)
    case = app.record_decision(
        "hf", "sak 1/25", LONG_BODY, date(2025, 1, 15), f"Vedtak, sjå {URL}", by, plan=key
    )
    app.approve(key, version, LONG_BODY, case, date(2025, 1, 15), by)
    read = ReadModels.open(app)
    read.read_your_writes()
    return read


def _misplaced_glyphs(pdf: bytes) -> tuple[int, int]:
    """How many glyphs lie (partly) off their page, and how many pairs overlap each other."""
    outside = overlapping = 0
    document = pypdfium2.PdfDocument(pdf)
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        text = page.get_textpage()
        boxes = sorted(
            text.get_charbox(i)
            for i in range(text.count_chars())
            if not text.get_text_range(i, 1).isspace()
        )
        outside += sum(
            1 for left, bottom, right, top in boxes
            if left < 0 or bottom < 0 or right > width or top > height
        )  # fmt: skip
        for n, (left, bottom, right, top) in enumerate(boxes):
            for other_left, other_bottom, other_right, other_top in boxes[n + 1 :]:
                if other_left >= right - 0.5:
                    break
                wide = min(right, other_right) - max(left, other_left)
                high = min(top, other_top) - max(bottom, other_bottom)
                overlapping += wide > 0.5 and high > 0.5
    return outside, overlapping


def test_long_words_break_inside_their_column_in_the_pdf(long_words: ReadModels) -> None:
    annual = render(long_words.annual_report("lange-ord", 2025, date(2025, 6, 1)), "pdf")
    adopted = render(long_words.adopted_plan_report("lange-ord", None, date(2025, 6, 1)), "pdf")
    assert _misplaced_glyphs(annual) == (0, 0)
    assert _misplaced_glyphs(adopted) == (0, 0)
    assert "Kommunehelsetjeneste" in _flat(" ".join(_text(adopted)))


def test_the_verify_command_stands_on_one_line_to_be_copied(
    annual_pdf: bytes, models: ReadModels
) -> None:
    """A line break inside the checksum would come along when the command is copied from
    the PDF, and the shell would run it without its checksum."""
    head = models.chain_head()
    lines = [line.strip() for line in _text(annual_pdf)[-1].splitlines()]
    assert f"planlogg audit verify --position {head.position} --head {head.hash}" in lines
