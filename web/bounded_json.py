"""JSON bodies nested deeper than any Planlogg request are refused before parsing.

Python's json module recurses once per level, so `[[[[…]]]]` a hundred
thousand deep raised RecursionError inside the request and answered 500. The
depth is counted on the raw text (strings blanked out first) and a deeper
body fails like any malformed JSON: Flask answers 400.
"""

from __future__ import annotations

import re
from typing import Any

from flask.json.provider import DefaultJSONProvider

MAX_DEPTH = 32
"""The deepest Planlogg body is an object holding a list of objects (3 levels)."""

_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest in `text` (brackets inside strings do not count)."""
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_STRING.sub('""', text)):
        if bracket.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing bodies nested deeper than MAX_DEPTH."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        text = s.decode("utf-8", errors="replace") if isinstance(s, bytes) else s
        if nesting_depth(text) > MAX_DEPTH:
            raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels")
        return super().loads(s, **kwargs)
