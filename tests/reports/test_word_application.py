"""Which program Word says made a committee document (File › Info, docProps/app.xml): it said
"Microsoft Macintosh Word", python-docx's template's, in every file Planlogg wrote."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from lxml import etree

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from projections import ReadModels
from web.reports import render

EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def test_the_word_file_says_planlogg_made_it() -> None:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    models = ReadModels.open(app)
    models.read_your_writes()
    data = render(models.annual_report(DEMO_PLAN, 2024, date(2025, 1, 15)), "docx")
    properties = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml"))
    assert properties.findtext(f"{EXTENDED}Application") == "Planlogg"
    assert properties.find(f"{EXTENDED}AppVersion") is None
