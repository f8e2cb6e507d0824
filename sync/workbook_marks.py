"""How a local workbook and its plan tab are recognised, whatever their name or place.

The workbook's identity is a custom document property (`IDENTITY_PROPERTY`, a UUID
written when Planlogg first lays the workbook out): a file moved or renamed is the same
sheet when its property says so. Excel and LibreOffice keep custom properties.

The plan's tab carries two marks, because no one mark survives every program (each is
`sync.layout.plan_mark`: `Planlogg_<plan>`, a key that is not lower-case letters and digits
alone, or is long, given a digest of the whole key):
- a workbook-level defined name `Planlogg_<plan>` referring to the tab's A1. Excel and
  LibreOffice rewrite it when someone renames the tab; openpyxl keeps it as it is (it
  would not follow a rename made through openpyxl, which no person does);
- the worksheet's code name. Excel and openpyxl keep it through renames; LibreOffice 7.4
  drops every code name when it saves an .xlsx (checked: a plain open-and-save loses it).
The tab is found by the defined name, then by the code name, then by the marks older
versions wrote (`sync.layout.older_plan_marks`: the key squeezed, or cut), then by its title
(a sheet laid out before the marks existed); the last two only when no other plan's mark is
on the tab, since two plans whose keys squeeze alike, or begin alike, shared an older mark
and a title cut to 31 characters. A tab found by an older mark is marked anew: Planlogg
writes both marks again whenever it saves, and takes the older ones off the tab.

Planlogg's Oversikt and Vedtak tabs carry the same two marks (`sync.layout.TAB_MARKS`, one
each per workbook), so a tab of their title that people made after renaming or deleting
Planlogg's is theirs (`find_own_tab`). They are the tabs of the plan that had the workbook
first; a plan laid out beside another gets an Oversikt and a Vedtak of its own, «Oversikt
<plan>», marked with its own marks (`sync.layout.own_tab_mark`). Where plans shared the tabs
(as earlier versions did), the first to write them puts its own mark on them as a defined
name (the code name stays `TAB_MARKS`'), and the others get tabs of their own.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl.packaging.custom import StringProperty
from openpyxl.workbook.defined_name import DefinedName

from sync.layout import (
    PLAN_MARK_PREFIX,
    TAB_MARKS,
    claimed_by_another,
    is_own_tab_mark,
    older_plan_marks,
    own_tab_mark,
    own_tab_owner,
    plan_mark,
)

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
    """The plan's tab: by its mark (defined name, then code name), then by the mark older
    versions wrote, then by `title`; None if none. A tab found the older ways is taken only
    when no other plan's mark is on it (two long keys beginning alike had one older mark,
    and a tab's title is cut to 31 characters)."""
    found = _marked(book, plan_mark(plan_key))
    if found is not None:
        return found
    for name in older_plan_marks(plan_key):
        found = _marked(book, name)
        if found is not None and not claimed_by_another(plan_key, _marks_on(book, found)):
            return found
    found = book[title] if title in book.sheetnames else None
    if found is None or claimed_by_another(plan_key, _marks_on(book, found)):
        return None
    return found


def _marked(book: Any, name: str) -> Any | None:
    """The tab the defined name `name` refers to, else the tab with that code name."""
    defined = book.defined_names.get(name)
    if defined is not None:
        for sheet_title, _ in _destinations(defined):
            if sheet_title in book.sheetnames:
                return book[sheet_title]
    for sheet in book.worksheets:
        if _code_name(sheet) == name:
            return sheet
    return None


def _marks_on(book: Any, sheet: Any) -> set[str]:
    """The marks on `sheet`: Planlogg's defined names referring to it, and its code name."""
    prefix = PLAN_MARK_PREFIX.lower()
    code = _code_name(sheet)
    return {n for n in _names_on(book, sheet) if n.lower().startswith(prefix) or n == code}


def _names_on(book: Any, sheet: Any) -> set[str]:
    """Every defined name referring to `sheet`, and its code name."""
    names = {
        name
        for name, defined in book.defined_names.items()
        if any(title == sheet.title for title, _ in _destinations(defined))
    }
    code = _code_name(sheet)
    return names | {code} if code else names


def _destinations(defined: DefinedName) -> list[tuple[str, str]]:
    """Where a defined name refers to; none when openpyxl cannot tell (a reference without
    a sheet, which Planlogg never writes but a person may type)."""
    try:
        return list(defined.destinations)
    except AttributeError:
        return []


def _code_name(sheet: Any) -> str | None:
    properties = getattr(sheet, "sheet_properties", None)  # a streamed sheet has none
    return properties.codeName if properties is not None else None


def mark_sheet(book: Any, plan_key: str, sheet: Any) -> None:
    """Make `sheet` the plan's tab: the defined name and the code name point at it only.
    The mark older versions wrote goes from it (it may be another plan's as well)."""
    _mark(book, plan_mark(plan_key), sheet)
    for old in older_plan_marks(plan_key):
        if _marked(book, old) is sheet and old in book.defined_names:
            del book.defined_names[old]


@dataclass(frozen=True)
class OwnTab:
    """Where a plan's Oversikt or Vedtak is, or is to be (`find_own_tab`)."""

    sheet: Any | None
    """The tab, when there is one (else it is to be added, or found by its title)."""
    shared: bool
    """Whether it is the workbook's one tab of that title (`TAB_MARKS`), not one of the
    plan's own («Oversikt <plan>», `own_tab_mark`)."""
    claim: bool
    """Whether the plan's own mark goes on the shared tab too: another plan is in the book."""


def find_own_tab(book: Any, title: str, plan_key: str, new: bool = False) -> OwnTab:
    """The plan's Oversikt or Vedtak (`title`), by its marks whatever its title now:
    - a tab whose own marks (`own_tab_owner`) say it is the plan's: one of its own, or the
      shared tab it put its mark on;
    - else the shared tab (`TAB_MARKS`, or a tab of that title an earlier Planlogg wrote,
      which the caller finds), unless another plan's mark is on it, or another plan is in
      the workbook and the plan's tab is `new` (being laid out now): then the plan gets a
      tab of its own, to be added.
    In a streamed book only the defined names are seen."""
    for sheet in book.worksheets:
        owner = own_tab_owner(title, _names_on(book, sheet))
        if owner is not None and is_own_tab_mark(plan_key, title, owner):
            taken = _marked(book, TAB_MARKS[title]) is sheet
            return OwnTab(sheet, shared=taken, claim=taken)
    shared = _marked(book, TAB_MARKS[title])
    if shared is not None and own_tab_owner(title, _names_on(book, shared)) is not None:
        return OwnTab(None, shared=False, claim=False)
    others = any(claimed_by_another(plan_key, _marks_on(book, s)) for s in book.worksheets)
    if others and new:
        return OwnTab(None, shared=False, claim=False)
    return OwnTab(shared, shared=True, claim=others)


def mark_own_tab(book: Any, title: str, sheet: Any, plan_key: str, found: OwnTab) -> None:
    """Make `sheet` the plan's tab `title` (Oversikt or Vedtak) as `found` says: the shared
    tab's marks (and the plan's own defined name beside them, `claim`), or the plan's own."""
    if found.shared:
        _mark(book, TAB_MARKS[title], sheet)
        if found.claim:
            _name(book, own_tab_mark(plan_key, title), sheet)
    else:
        _mark(book, own_tab_mark(plan_key, title), sheet)


def _mark(book: Any, name: str, sheet: Any) -> None:
    """The defined name and the code name `name` on `sheet`, and on no other tab."""
    for other in book.worksheets:
        if other is not sheet and other.sheet_properties.codeName == name:
            other.sheet_properties.codeName = None
    sheet.sheet_properties.codeName = name
    _name(book, name, sheet)


def _name(book: Any, name: str, sheet: Any) -> None:
    """The defined name `name` referring to `sheet`'s A1."""
    quoted = "'" + sheet.title.replace("'", "''") + "'"
    reference = f"{quoted}!$A$1"
    current = book.defined_names.get(name)
    if current is None or current.attr_text != reference:
        book.defined_names[name] = DefinedName(name, attr_text=reference)


def unmark_sheet(book: Any, plan_key: str) -> None:
    """No tab is the plan's any longer (before `relocate` marks a new one); the mark older
    versions wrote goes only from the plan's own tab (another plan may carry it too)."""
    tab = plan_sheet(book, plan_key, "")
    name = plan_mark(plan_key)
    for sheet in book.worksheets:
        if sheet.sheet_properties.codeName == name:
            sheet.sheet_properties.codeName = None
    if name in book.defined_names:
        del book.defined_names[name]
    if tab is not None:
        _unmark_older(book, plan_key, tab)


def _unmark_older(book: Any, plan_key: str, tab: Any) -> None:
    """Take the mark older versions wrote off `tab` (and only off it)."""
    for old in older_plan_marks(plan_key):
        if tab.sheet_properties.codeName == old:
            tab.sheet_properties.codeName = None
        if old in book.defined_names and _marked(book, old) is tab:
            del book.defined_names[old]
