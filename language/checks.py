"""What the catalogues lack: the statistics `check` prints and the test suite insists on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from language import MÅLFORMER
from language.areas import Key, click_messages, own_messages
from language.catalogue import area_files, read_area

PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w*)[^}]*\}")


@dataclass
class Problems:
    report: list[str] = field(default_factory=list)
    failing: list[str] = field(default_factory=list)


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def problems() -> Problems:
    """Per målform: missing, untranslated, fuzzy, unused and placeholder-losing messages."""
    wanted = {**click_messages(), **own_messages()}
    result = Problems()
    for målform in MÅLFORMER:
        kept: dict[Key, object] = {}
        fuzzy: list[Key] = []
        for path in area_files(målform):
            for message in read_area(path):
                if not message.id or isinstance(message.id, list):
                    continue
                if message.id in kept and kept[message.id] != message.string:
                    result.failing.append(f"{målform}: two texts for {message.id!r}")
                kept[message.id] = message.string
                if message.fuzzy:
                    fuzzy.append(message.id)
        missing = [key for key in wanted if key not in kept]
        untranslated = [key for key, text in kept.items() if key in wanted and not _done(text)]
        unused = [key for key in kept if key not in wanted]
        lost = [
            key
            for key, text in kept.items()
            if key in wanted
            and _done(text)
            and _placeholders(_first(key)) != _placeholders(_first(text))
        ]
        result.report.append(
            f"{målform}: {len(wanted)} messages, {len(wanted) - len(missing) - len(untranslated)} "
            f"translated, {len(missing) + len(untranslated)} untranslated, {len(fuzzy)} fuzzy, "
            f"{len(unused)} unused, {len(lost)} with placeholders lost"
        )
        for what, keys in (
            ("not in the catalogue", missing),
            ("untranslated", untranslated),
            ("fuzzy", fuzzy),
            ("unused", unused),
            ("placeholders differ", lost),
        ):
            for key in keys:
                result.failing.append(f"{målform}: {what}: {key!r}")
    result.report.extend(result.failing)
    return result


def _first(text: object) -> str:
    return text[0] if isinstance(text, tuple) else str(text)


def _done(text: object) -> bool:
    if isinstance(text, tuple):
        return all(text)
    return bool(text)
