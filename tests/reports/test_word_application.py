"""Which program Word says made a committee document (File › Info, docProps/app.xml): it said
"Microsoft Macintosh Word", python-docx's template's, in every file Planlogg wrote, with the
template's statistics (one page, no words) and its thumbnail of an empty page."""

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
    archive = zipfile.ZipFile(io.BytesIO(data))
    properties = etree.fromstring(archive.read("docProps/app.xml"))
    assert properties.findtext(f"{EXTENDED}Application") == "Planlogg"
    said = [etree.QName(element).localname for element in properties]
    assert said == [
        "Application",
        "DocSecurity",
        "ScaleCrop",
        "Manager",
        "Company",
        "LinksUpToDate",
        "SharedDoc",
        "HyperlinkBase",
        "HyperlinksChanged",
    ]
    assert "docProps/thumbnail.jpeg" not in archive.namelist()
    assert b"thumbnail" not in archive.read("_rels/.rels")
    assert b"thumbnail" not in archive.read("[Content_Types].xml")
