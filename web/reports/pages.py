"""The footer's page numbers, "Side 2 av 14", worded by the catalogue for both renderers."""

from __future__ import annotations

import re

from language import _

_NUMBERS = re.compile(r"(\x00PAGE\x00|\x00NUMPAGES\x00)")


def page_number_parts() -> list[str]:
    """The footer as text and numbers in reading order: ["Side ", "PAGE", " av ", "NUMPAGES"].

    "PAGE" and "NUMPAGES" stand where the page number and the page count go (Word's field
    names); the words around them are the målform spoken now.
    """
    words = _("Side %(page)s av %(pages)s", page="\x00PAGE\x00", pages="\x00NUMPAGES\x00")
    return [part.strip("\x00") for part in _NUMBERS.split(words) if part]


def page_number_css() -> str:
    """The footer as a CSS `content` value: `"Side " counter(page) " av " counter(pages)`."""
    counters = {"PAGE": "counter(page)", "NUMPAGES": "counter(pages)"}
    return " ".join(
        counters.get(part) or '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'
        for part in page_number_parts()
    )
