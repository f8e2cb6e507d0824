"""The dashboard's status per area names the areas of the version in force, as the annual report.

Version 1 is in force; the draft of version 2 renames area 1 and adds area 3 (no measure in
force). The dashboard, which says status follows the adopted version, listed "1 Heilskaplege
pasientforløp" and an empty "3 Kompetanse" row; the annual report made that day lists the
areas of version 1: "1 Pasientforløp" and "2 Digitalisering"."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from projections import ReadModels
from projections.report_model import StatusSection
from tests.projections.plans import KEY, SECRETARIAT, adopt, draft

TODAY = date(2025, 9, 1)


def test_status_per_area_names_the_areas_in_force_not_the_drafts(memory_app: Planlogg) -> None:
    app = memory_app
    draft(app)
    adopt(app, ("ASU",), date(2025, 3, 13), 11)
    app.start_revision(KEY, SECRETARIAT)
    app.rename_area(KEY, "1", "Heilskaplege pasientforløp", SECRETARIAT)
    app.add_area(KEY, "3", "Kompetanse", SECRETARIAT)
    models = ReadModels.open(app)
    models.read_your_writes()

    dashboard = models.dashboard(KEY, TODAY)
    report = models.annual_report(KEY, 2025, TODAY)

    (status,) = [s for s in report.sections if isinstance(s, StatusSection)]
    in_force = ["1 Pasientforløp", "2 Digitalisering"]
    assert [f"{a.number} {a.title}" for a in status.areas] == in_force
    assert [c.name for c in dashboard.by_area] == in_force
