"""The committee documents as Word files (.docx), built with python-docx.

Real headings (Heading 1 for each section, Heading 2 for an area or a body)
and real tables with a header row repeated on every page, so a secretariat
can edit the file and paste it into its case system. A traffic light is its
word (grønn, gul, rød) beside a coloured dot, so it reads in black and white.
Every word is the målform spoken while the file is made (`language.speaking`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from datetime import date

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from domain.dates import format_norwegian_date
from domain.norwegian_time import ZONE_LABEL, format_oslo_time
from language import _, current
from projections.report_model import (
    AdoptedSection,
    BodyReportsSection,
    ChainSection,
    DecisionsSection,
    EvaluationPlanSection,
    EvaluationsSection,
    MissingSection,
    PlanSection,
    Report,
    Section,
    StatusSection,
    TitlePage,
)
from web.reports.pages import page_number_parts

DOT_COLOURS = {
    "green": RGBColor(0x1F, 0x7A, 0x3A),
    "yellow": RGBColor(0xD4, 0xA8, 0x00),
    "red": RGBColor(0xB3, 0x26, 0x1E),
}
PROPERTY_LENGTH = 255
"""The longest text python-docx writes into a core property (title, subject)."""
_STRONG = re.compile(r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*")
_EMPHASIS = re.compile(r"\*([^*\s](?:[^*]*[^*\s])?)\*")
"""Canonical emphasis as `domain.richtext` reads it for the PDF: "*x*" and "**x**" never begin
or end with a space, so "2 * 3 timer * veke" is text in both files."""


def word_bytes(report: Report) -> bytes:
    doc = Document()
    _set_up(doc, report.title)
    _title_page(doc, report.title)
    for section in report.sections:
        SECTION_WRITERS[section.kind](doc, section)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _set_up(doc: WordDocument, title: TitlePage) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    props = doc.core_properties
    props.title = _property(f"{title.document}: {title.plan_title}")
    props.author = "Planlogg"
    props.subject = _property(title.community)
    props.language = f"{current()}-NO"
    page = doc.sections[0]
    page.different_first_page_header_footer = True
    footer = page.footer.paragraphs[0]
    for part in page_number_parts():
        if part in ("PAGE", "NUMPAGES"):
            _field(footer, part)
        else:
            footer.add_run(part)
    page.header.paragraphs[0].text = f"{title.plan_title} · {title.document}"


def _property(text: str) -> str:
    """A document property as Word can keep it: at most 255 characters (a title may be 300)."""
    return text if len(text) <= PROPERTY_LENGTH else text[: PROPERTY_LENGTH - 1] + "…"


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (page number, page count) that Word fills in when it lays the page out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"),
                       ("end", None)):  # fmt: skip
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text and text.strip() == code:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _title_page(doc: WordDocument, title: TitlePage) -> None:
    doc.add_paragraph(title.community)
    doc.add_paragraph(title.document, style="Title")
    plan = doc.add_paragraph(title.plan_title)
    plan.runs[0].font.size = Pt(16)
    for label, value in (
        (_("Planperiode"), title.period),
        (_("Plannøkkel"), title.plan_key),
        (_("Dato laget"), format_norwegian_date(title.made_on)),
    ):
        line = doc.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(value)
    doc.add_paragraph(title.made_by)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


# --- tables and text -----------------------------------------------------------------------


def _table(doc: WordDocument, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """A grid table whose first row is a header row, repeated on each page it spans."""
    table: Table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header = table.rows[0]
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(marker)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        for cell, text in zip(cells, values, strict=True):
            _cell_text(cell, text)
    return table


def _cell_text(cell: _Cell, text: str) -> None:
    lines = plain_lines(text)
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def plain_lines(text: str) -> list[str]:
    """Measure text (canonical light markup) as lines of plain text, list items with "•"."""
    lines = []
    for raw in text.splitlines():
        line = _EMPHASIS.sub(r"\1", _STRONG.sub(r"\1", raw.strip()))
        if line:
            lines.append("• " + line[2:] if line.startswith("- ") else line)
    return lines


def _heading_words(text: str) -> str:
    lines = plain_lines(text)
    return lines[0] if lines else ""


def _light(cell: _Cell, colour: str | None, word: str) -> None:
    """The traffic light in a cell: a coloured dot, and the word in bold (or "ikke rapportert"
    in italics)."""
    cell.text = ""
    paragraph = cell.paragraphs[0]
    if colour in DOT_COLOURS:
        dot = paragraph.add_run("● ")
        dot.font.color.rgb = DOT_COLOURS[colour]
        paragraph.add_run(word).bold = True
    else:
        paragraph.add_run(word).italic = True


def _day(value: date | None) -> str:
    return format_norwegian_date(value) if value else ""


# --- sections ------------------------------------------------------------------------------


def _adopted(doc: WordDocument, section: AdoptedSection) -> None:
    doc.add_heading(section.heading, level=1)
    if section.version is None:
        doc.add_paragraph(_("Ingen versjon av planen var vedtatt i perioden."))
        return
    doc.add_paragraph(_adopted_sentence(section))
    _table(
        doc,
        (_("Organ"), _("Saksnummer"), _("Møtedato"), _("Vedtak")),
        [(a.body, a.case, _day(a.meeting_date), a.decision_text) for a in section.approvals],
    )


def _adopted_sentence(section: AdoptedSection) -> str:
    """Which version, and from when it is in force (or was, until a later one took over)."""
    if section.in_force_from and section.replaced_on:
        return _(
            "Versjon %(version)s ble vedtatt og gjaldt fra %(day)s til %(until)s, da en nyere "
            "versjon tok over.",
            version=section.version,
            day=_day(section.in_force_from),
            until=_day(section.replaced_on),
        )
    if section.in_force_from:
        return _(
            "Versjon %(version)s er vedtatt og gjelder fra %(day)s.",
            version=section.version,
            day=_day(section.in_force_from),
        )
    return _("Versjon %(version)s er vedtatt.", version=section.version)


def _status(doc: WordDocument, section: StatusSection) -> None:
    doc.add_heading(section.heading, level=1)
    doc.add_paragraph(
        _(
            "Siste rapporterte status for hvert tiltak per %(day)s. Trafikklyset står også som "
            "ord (grønn, gul, rød), så utskrift i svart-hvitt kan leses.",
            day=_day(section.as_of),
        )
    )
    _table(
        doc,
        (_("Innsatsområde"), _("Grønn"), _("Gul"), _("Rød"), _("Ikke rapportert")),
        [
            (
                f"{a.number}. {_heading_words(a.title)}",
                *(str(a.count(c)) for c in ("green", "yellow", "red", None)),
            )
            for a in section.areas
        ],
    )
    for area in section.areas:
        doc.add_heading(f"{area.number}. {_heading_words(area.title)}", level=2)
        if not area.measures:
            doc.add_paragraph(_("Ingen tiltak i dette innsatsområdet."))
            continue
        table = _table(
            doc,
            (_("Nr."), _("Tiltak"), _("Ansvar"), _("Status"), _("Kommentar")),
            [
                (
                    m.number,
                    m.text,
                    ", ".join(m.responsible),
                    "",
                    f"{m.comment} ({_day(m.reported_on)})" if m.reported_on else m.comment,
                )
                for m in area.measures
            ],
        )
        for row, m in zip(table.rows[1:], area.measures, strict=True):
            _light(row.cells[3], m.colour, m.word)


def _body_reports(doc: WordDocument, section: BodyReportsSection) -> None:
    doc.add_heading(section.heading, level=1)
    if not section.bodies:
        doc.add_paragraph(_("Ingen statusrapporter dette året."))
    for body in section.bodies:
        doc.add_heading(body.body, level=2)
        table = _table(
            doc,
            (_("Tiltak"), _("Status"), _("Kommentar"), _("Rapportert av"), _("Dato")),
            [
                (
                    r.number,
                    "",
                    r.comment,
                    f"{r.reporter} ({r.source_word})",
                    _day(r.reported_on),
                )
                for r in body.reports
            ],
        )
        for row, r in zip(table.rows[1:], body.reports, strict=True):
            _light(row.cells[1], r.colour, r.word)


def _missing(doc: WordDocument, section: MissingSection) -> None:
    doc.add_heading(section.heading, level=1)
    if not section.rounds:
        doc.add_paragraph(_("Ingen rapporteringsrunde hadde frist dette året."))
    for round_ in section.rounds:
        decision = f" ({round_.decision})" if round_.decision else ""
        heading = _("Rapporteringsrunde med frist %(day)s", day=_day(round_.deadline))
        doc.add_heading(heading + decision, level=2)
        bodies = ", ".join(round_.bodies)
        doc.add_paragraph(
            _("Organer som skulle rapportere: %(bodies)s. Runden er avsluttet.", bodies=bodies)
            if round_.closed
            else _("Organer som skulle rapportere: %(bodies)s. Runden er åpen.", bodies=bodies)
        )
        if not round_.missing:
            doc.add_paragraph(_("Alle organene har rapportert."))
            continue
        doc.add_paragraph(_("Har ikke rapportert status for alle sine tiltak:"))
        for body in round_.missing:
            doc.add_paragraph(body, style="List Bullet")


def _evaluation_plans(doc: WordDocument, section: EvaluationPlanSection) -> None:
    doc.add_heading(section.heading, level=1)
    doc.add_paragraph(section.note)
    if not section.measures:
        doc.add_paragraph(_("Ingen tiltak har en evalueringsplan."))
    for measure in section.measures:
        doc.add_heading(_("Tiltak %(number)s", number=measure.number), level=2)
        for line in plain_lines(measure.text):
            doc.add_paragraph(line)
        _table(doc, (_("Del av planen"), _("Innhold")), measure.parts)


def _evaluations(doc: WordDocument, section: EvaluationsSection) -> None:
    doc.add_heading(section.heading, level=1)
    doc.add_paragraph(
        _(
            "Tiltakene som er evaluert for %(year)s: om målet ble nådd, hva tiltaket førte til, "
            "og hva organet anbefaler for neste plan.",
            year=section.year,
        )
    )
    if not section.measures:
        doc.add_paragraph(_("Ingen tiltak er evaluert for %(year)s.", year=section.year))
    for measure in section.measures:
        doc.add_heading(_("Tiltak %(number)s", number=measure.number), level=2)
        for line in plain_lines(measure.text):
            doc.add_paragraph(line)
        _table(
            doc,
            (
                _("Evaluert av"),
                _("Resultat"),
                _("Hva tiltaket førte til"),
                _("Anbefaling"),
                _("Dato"),
            ),
            [
                (
                    measure.body,
                    measure.result_word,
                    measure.led_to,
                    measure.recommendation_word,
                    _day(measure.evaluated_on),
                )
            ],
        )


def _decisions(doc: WordDocument, section: DecisionsSection) -> None:
    doc.add_heading(section.heading, level=1)
    if not section.decisions:
        doc.add_paragraph(_("Ingen vedtak om planen er registrert med møtedato dette året."))
        return
    _table(
        doc,
        (_("Organ"), _("Saksnummer"), _("Møtedato"), _("Vedtak")),
        [(d.body, d.case, _day(d.meeting_date), d.text) for d in section.decisions],
    )


def _plan(doc: WordDocument, section: PlanSection) -> None:
    doc.add_heading(section.heading, level=1)
    for area in section.areas:
        doc.add_heading(f"{area.number}. {_heading_words(area.title)}", level=2)
        for goal in area.goals:
            doc.add_heading(
                _(
                    "Mål %(number)s: %(text)s",
                    number=goal.number,
                    text=_heading_words(goal.text),
                ),
                level=3,
            )
            for line in plain_lines(goal.text)[1:]:
                doc.add_paragraph(line)
            if not goal.measures:
                doc.add_paragraph(_("Ingen tiltak under dette målet."))
                continue
            _table(
                doc,
                (_("Nr."), _("Tiltak"), _("Ansvar"), *(str(y) for y in section.years)),
                [
                    (m.number, "\n".join([m.text, *m.notes]), ", ".join(m.responsible), *m.marks)
                    for m in goal.measures
                ],
            )


def _chain(doc: WordDocument, section: ChainSection) -> None:
    doc.add_heading(section.heading, level=1)
    doc.add_paragraph(
        _(
            "Da dokumentet ble laget, var siste hendelse i Planloggs endringslogg nummer "
            "%(position)s, registrert %(time)s (%(zone)s). Kontrollsummen for loggen til og med "
            "den hendelsen er:",
            position=section.position,
            time=format_oslo_time(section.recorded_at),
            zone=ZONE_LABEL,
        )
        if section.recorded_at
        else _(
            "Da dokumentet ble laget, var siste hendelse i Planloggs endringslogg nummer "
            "%(position)s. Kontrollsummen for loggen til og med den hendelsen er:",
            position=section.position,
        )
    )
    doc.add_paragraph().add_run(section.hash).font.name = "Courier New"
    doc.add_paragraph(
        _(
            "Hvem som helst med tilgang til Planlogg kan kontrollere at ingen hendelse fram til "
            "hit er endret eller fjernet etterpå:"
        )
    )
    command = f"planlogg audit verify --position {section.position} --head {section.hash}"
    doc.add_paragraph().add_run(command).font.name = "Courier New"


SECTION_WRITERS: dict[str, Callable[[WordDocument, Section], None]] = {
    "adopted": _adopted,  # type: ignore[dict-item]
    "status": _status,  # type: ignore[dict-item]
    "body_reports": _body_reports,  # type: ignore[dict-item]
    "missing": _missing,  # type: ignore[dict-item]
    "evaluation_plans": _evaluation_plans,  # type: ignore[dict-item]
    "evaluations": _evaluations,  # type: ignore[dict-item]
    "decisions": _decisions,  # type: ignore[dict-item]
    "plan": _plan,  # type: ignore[dict-item]
    "chain": _chain,  # type: ignore[dict-item]
}
"""How each kind of section is written (`projections.report_model.SECTION_KINDS`)."""
