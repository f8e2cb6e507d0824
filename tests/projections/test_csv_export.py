"""The one CSV writer: cells a spreadsheet would evaluate are made text, nothing else changes;
the history export's header row and sources are worded in the målform spoken."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from language import Målform, speaking
from projections import AuditQuery, ReadModels
from projections.audit_labels import FIELD_LABELS, field_label
from projections.csv_export import csv_text, neutralise
from tests.conftest import EventClock
from tests.language.words import foreign_words
from tests.projections.history_csv import history_rows


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://127.0.0.1/x","klikk")', '\'=HYPERLINK("http://127.0.0.1/x","klikk")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-", "-"),
        ("Kari Nordmann", "Kari Nordmann"),
        (" =1+1", " =1+1"),
        ("'=1+1", "'=1+1"),
        ("", ""),
        (None, ""),
        (17, "17"),
    ],
)
def test_a_cell_is_neutralised_exactly_when_a_spreadsheet_would_evaluate_it(
    cell: object, written: str
) -> None:
    assert neutralise(cell) == written


def test_the_document_reads_back_with_every_formula_as_text() -> None:
    text = csv_text(["actor", "after"], [{"actor": "=cmd|' /C calc'!A0", "after": "x\n=1"}])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows == [{"actor": "'=cmd|' /C calc'!A0", "after": "x\n=1"}]


HISTORY_HEADER = {
    "nb": "Posisjon,Hendelses-ID,Tid (norsk tid),Person,Kilde,Plan,Innsatsområde,Mål,Tiltaks-ID,"
    "Tiltaksnummer,Felt,Før,Etter,Begrunnelse,Vedtak",
    "nn": "Posisjon,Hendings-ID,Tid (norsk tid),Person,Kjelde,Plan,Innsatsområde,Mål,Tiltaks-ID,"
    "Tiltaksnummer,Felt,Før,Etter,Grunngjeving,Vedtak",
}
SOURCES = {
    "nb": {"import", "kommandolinje", "regneark"},
    "nn": {"import", "kommandolinje", "rekneark"},
}


@pytest.fixture(scope="module")
def demo() -> ReadModels:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    app.reword_measure(DEMO_PLAN, "0.1.2", "Utarbeide årshjul.", Provenance("Ola", Source.SHEET))
    models = ReadModels.open(app)
    models.read_your_writes()
    return models


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_history_export_heads_its_columns_and_names_its_sources_in_one_målform(
    demo: ReadModels, målform: Målform
) -> None:
    with speaking(målform):
        text = demo.history_csv(AuditQuery(plan=DEMO_PLAN))
    header = text.splitlines()[0]
    assert header == HISTORY_HEADER[målform]
    rows = history_rows(text)
    sources = {row["source"] for row in rows}
    assert sources == SOURCES[målform]
    assert foreign_words(" ".join([header, *sources]), målform) == []
    with speaking(målform):
        as_json = json.loads(demo.history_json(AuditQuery(plan=DEMO_PLAN)))
    assert {row["source"] for row in as_json} == {"import", "cli", "sheet"}
    assert list(as_json[0])[:4] == ["position", "event_id", "occurred_at", "actor"]


@pytest.mark.parametrize(
    ("målform", "colours"),
    [("nb", {"grønn", "gul", "rød"}), ("nn", {"grøn", "gul", "raud"})],
)
def test_the_history_export_names_fields_and_codes_as_the_audit_pages_do(
    demo: ReadModels, målform: Målform, colours: set[str]
) -> None:
    with speaking(målform):
        rows = history_rows(demo.history_csv(AuditQuery(plan=DEMO_PLAN)))
        status, text = field_label("status"), field_label("text")
    assert status == "status"
    assert {row["field"] for row in rows} & set(FIELD_LABELS) - {"status"} == set()
    shown = {row["after"] for row in rows if row["field"] == status} - {""}
    assert shown == colours
    assert sum(row["field"] == text for row in rows) == 54


def test_the_history_export_gives_each_time_in_norwegian_time_as_its_reader_reads_one(
    event_clock: EventClock,
) -> None:
    """Read in a spreadsheet, a change made at 00:30 on 2 March in Norway (23:30 UTC on
    1 March) showed as 1 March; the same moment is now written in Norway's time, as the
    audit pages show it: with its offset for other programs, and as Excel reads a time in
    the download made for it (ISO with an offset and a fraction stayed text there, neither
    sorted nor filtered as a time). The JSON export keeps UTC."""
    app = Planlogg.from_url("memory:")
    load_demo(app)
    event_clock.moment = datetime(2025, 3, 1, 23, 30, 0, 250_000, tzinfo=UTC)
    app.reword_measure(DEMO_PLAN, "0.1.2", "Utarbeide årshjul.", Provenance("Ola", Source.WEB))
    event_clock.moment = datetime(2025, 6, 30, 22, 15, tzinfo=UTC)
    app.reword_measure(DEMO_PLAN, "0.1.2", "Årshjul.", Provenance("Ola", Source.WEB))
    models = ReadModels.open(app)
    models.read_your_writes()
    query = AuditQuery(plan=DEMO_PLAN, actor="Ola")
    with speaking("nb"):
        rows = history_rows(models.history_csv(query))
        header = models.history_csv(query).splitlines()[0]
    assert [row["occurred_at"] for row in rows] == [
        "2025-03-02T00:30:00.250000+01:00",
        "2025-07-01T00:15:00+02:00",
    ]
    assert ",Tid (norsk tid)," in header
    with speaking("nb"):
        for_excel = history_rows(models.history_csv(query, for_excel=True))
    assert [row["occurred_at"] for row in for_excel] == [
        "2025-03-02 00:30:00",
        "2025-07-01 00:15:00",
    ]
    as_json = json.loads(models.history_json(query))
    assert [row["occurred_at"] for row in as_json] == [
        "2025-03-01T23:30:00.250000+00:00",
        "2025-06-30T22:15:00.000000+00:00",
    ]
