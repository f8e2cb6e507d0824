"""Where messages come from and which catalogue file (area) each one is kept in.

An area is a part of the product a translator works through in one go: the pages, the
command line, the sheet, and so on. A message used in several areas is kept in the first.
Click's own messages (usage, "Show this message and exit.") are the `click` area: their
keys are click's English, and both catalogues translate them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from babel.messages.extract import extract_from_dir

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PYTHON = [("**.py", "python")]
TEMPLATES = [("**/templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")]

AREAS: dict[str, tuple[str, ...]] = {
    "sheet": ("sync", "domain/measure_sheet.py"),
    "domain": ("domain",),
    "documents": ("projections", "web/reports", "web/templates/reports"),
    "mail": ("notify",),
    "api": ("web/api", "web/schemas"),
    "cli": ("web/cli",),
    "editing": (
        "web/templates/editing",
        "web/templates/audit",
        "web/templates/people",
        "web/measure_editing.py",
        "web/new_measure.py",
        "web/measure_removal.py",
        "web/plan_outline.py",
        "web/approval_form.py",
        "web/evaluation_form.py",
        "web/status_reporting.py",
        "web/reminder_actions.py",
        "web/working_plan.py",
        "web/audit.py",
        "web/people.py",
        "web/history.py",
        "web/roles.py",
    ),
    "pages": ("web",),
}
"""Area → the folders and files whose messages it keeps; the first area naming a path wins."""

OWN_AREAS = tuple(AREAS)
CLICK = "click"


Key = str | tuple[str, ...]
"""A message's key: its bokmål text, or (singular, plural)."""


@dataclass
class Found:
    """One message as the sources use it."""

    id: Key
    area: str
    places: list[tuple[str, int]] = field(default_factory=list)


def _area_of(relative: str) -> str | None:
    for area, folders in AREAS.items():
        if any(relative == f or relative.startswith(f + "/") for f in folders):
            return area
    return None


def _extracted(directory: Path, method_map: list[tuple[str, str]]) -> Iterator[tuple[Any, ...]]:
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    return extract_from_dir(
        str(directory), method_map, options_map=options, keywords=KEYWORDS, strip_comment_tags=True
    )


def own_messages() -> dict[Key, Found]:
    """Every message Planlogg's own code and templates mark, by its key."""
    found: dict[Key, Found] = {}
    for top in ("domain", "projections", "sync", "notify", "web"):
        method_map = TEMPLATES if top == "web" else PYTHON
        for filename, line, message, _comments, _context in _extracted(ROOT / top, method_map):
            relative = f"{top}/{filename}"
            area = _area_of(relative)
            if area is None:
                continue
            entry = found.setdefault(message, Found(message, area))
            entry.places.append((relative, line))
    return found


def click_messages() -> dict[Key, Found]:
    """Click's own messages, which the command line shows around ours."""
    directory = Path(click.__file__).parent
    found: dict[Key, Found] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        str(directory), PYTHON, keywords={"_": None, "ngettext": (1, 2)}
    ):
        entry = found.setdefault(message, Found(message, CLICK))
        entry.places.append((f"click/{filename}", line))
    return found
