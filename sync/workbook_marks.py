"""How a local workbook and its plan tab are recognised, whatever their name or place.

The workbook's identity is a custom document property (`IDENTITY_PROPERTY`, a UUID
written when Planlogg first lays the workbook out): a file moved or renamed is the same
sheet when its property says so. Excel and LibreOffice keep custom properties.

The plan's tab carries two marks, because no one mark survives every program:
- a workbook-level defined name `Planlogg_<plan>` referring to the tab's A1. Excel and
  LibreOffice rewrite it when someone renames the tab; openpyxl keeps it as it is (it
  would not follow a rename made through openpyxl, which no person does);
- the worksheet's code name. Excel and openpyxl keep it through renames; LibreOffice 7.4
  drops every code name when it saves an .xlsx (checked: a plain open-and-save loses it).
The tab is found by the defined name, then by the code name, then by its title (a sheet
laid out before the marks existed). Planlogg writes both marks again whenever it saves.
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl.packaging.custom import StringProperty
from openpyxl.workbook.defined_name import DefinedName

from sync.layout import mark_name

IDENTITY_PROPERTY = "Planlogg-arbeidsbok"
_CUSTOM_XML = "docProps/custom.xml"
_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


def workbook_identity(path: Path) -> str:
    """The identity property, read straight from the zip (cheap: no workbook is loaded)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if _CUSTOM_XML not in archive.namelist():
                return ""
            root = ElementTree.fromstring(archive.read(_CUSTOM_XML))
    except (OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return ""
    for prop in root.iter(f"{_NS}property"):
        if prop.get("name") == IDENTITY_PROPERTY:
            return "".join(prop.itertext()).strip()
    return ""


def ensure_identity(book: Any) -> None:
    """Give the workbook its identity property unless it has one."""
    if not any(p.name == IDENTITY_PROPERTY for p in book.custom_doc_props):
        book.custom_doc_props.append(
            StringProperty(name=IDENTITY_PROPERTY, value=str(uuid.uuid4()))
        )


def plan_sheet(book: Any, plan_key: str, title: str) -> Any | None:
    """The plan's tab: by defined name, then code name, then `title`; None if none."""
    name = mark_name(plan_key)
    defined = book.defined_names.get(name)
    if defined is not None:
        for sheet_title, _ in defined.destinations:
            if sheet_title in book.sheetnames:
                return book[sheet_title]
    for sheet in book.worksheets:
        properties = getattr(sheet, "sheet_properties", None)  # a streamed sheet has none
        if properties is not None and properties.codeName == name:
            return sheet
    return book[title] if title in book.sheetnames else None


def mark_sheet(book: Any, plan_key: str, sheet: Any) -> None:
    """Make `sheet` the plan's tab: the defined name and the code name point at it only."""
    name = mark_name(plan_key)
    for other in book.worksheets:
        if other is not sheet and other.sheet_properties.codeName == name:
            other.sheet_properties.codeName = None
    sheet.sheet_properties.codeName = name
    quoted = "'" + sheet.title.replace("'", "''") + "'"
    reference = f"{quoted}!$A$1"
    current = book.defined_names.get(name)
    if current is None or current.attr_text != reference:
        book.defined_names[name] = DefinedName(name, attr_text=reference)


def unmark_sheet(book: Any, plan_key: str) -> None:
    """No tab is the plan's any longer (before `relocate` marks a new one)."""
    name = mark_name(plan_key)
    for sheet in book.worksheets:
        if sheet.sheet_properties.codeName == name:
            sheet.sheet_properties.codeName = None
    if name in book.defined_names:
        del book.defined_names[name]
