"""`python -m language update` keeps the catalogues in step with the code;
`python -m language check` says what is missing and fails unless nothing is.

update [area …]: adds every newly marked message to its area's file in both målformer (the bokmål
catalogue takes the key as its text; the nynorsk one is left empty for a translator), and
drops messages no longer used. check: per målform, how many messages are translated,
untranslated, fuzzy or unused, and whether a `%(name)s` is lost in a translation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po

from language import MÅLFORMER
from language.areas import CLICK, OWN_AREAS, Key, click_messages, own_messages
from language.catalogue import DOMAIN_DIR, LOCALE_DIR, area_files, read_area
from language.checks import problems


def _path(målform: str, area: str) -> Path:
    return LOCALE_DIR / målform / DOMAIN_DIR / f"{area}.po"


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog, width=100, omit_header=False, sort_output=True)


def _kept(målform: str) -> dict[Key, Message]:
    """Every translation a målform's area files hold, whichever area it was filed under."""
    kept: dict[Key, Message] = {}
    for path in area_files(målform):
        for message in read_area(path):
            if message.id and not isinstance(message.id, list):
                kept.setdefault(message.id, message)
    return kept


def update(areas: tuple[str, ...] = (*OWN_AREAS, CLICK)) -> None:
    """Refile every marked message of `areas` in both målformer, keeping what is translated."""
    wanted = {**click_messages(), **own_messages()}
    for målform in MÅLFORMER:
        old = _kept(målform)
        for area in areas:
            path = _path(målform, area)
            new = Catalog(locale=målform, project="Planlogg", charset="utf-8")
            for key, found in wanted.items():
                if found.area != area:
                    continue
                before = old.get(key)
                text = before.string if before is not None else ""
                if not text and målform == "nb" and area != CLICK:
                    text = key
                flags = before.flags if before is not None else ()
                new[key] = Message(key, text, locations=found.places, flags=flags)
            _write(path, new)


def check() -> int:
    found = problems()
    for line in found.report:
        print(line)
    return 1 if found.failing else 0


def main(argv: list[str]) -> int:
    if argv[1:2] == ["update"] and set(argv[2:]) <= {*OWN_AREAS, CLICK}:
        update(tuple(argv[2:]) or (*OWN_AREAS, CLICK))
        return check()
    if argv[1:] == ["check"]:
        return check()
    print("bruk: python -m language update [område …] | check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
