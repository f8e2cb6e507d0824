"""The message catalogues, read once per process from the `.po` files that ship with Planlogg.

Each målform's catalogue is the union of its area files (`pages.po`, `cli.po`, …), compiled
in memory with Babel, so there is no build step and no compiled file to go stale.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN_DIR = "LC_MESSAGES"


def area_files(målform: str) -> list[Path]:
    """The catalogue files of one målform, one per area, in a stable order."""
    return sorted((LOCALE_DIR / målform / DOMAIN_DIR).glob("*.po"))


def read_area(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=path.parent.parent.name)


def merged(målform: str) -> Catalog:
    """One catalogue of every area's messages; fuzzy entries are left out, as msgfmt does."""
    catalog = Catalog(locale=målform)
    for path in area_files(målform):
        for message in read_area(path):
            if message.id and not message.fuzzy:
                catalog[message.id] = message
    return catalog


@cache
def translations(målform: str) -> Translations:
    """The compiled catalogue of `målform` (cached: the files do not change while running)."""
    buffer = io.BytesIO()
    write_mo(buffer, merged(målform))
    buffer.seek(0)
    return Translations(fp=buffer)
