"""JSON bodies nested deeper than any Planlogg request, or naming a field twice, are refused.

Python's json module recurses once per level, so `[[[[…]]]]` a hundred
thousand deep raised RecursionError inside the request and answered 500. The
depth is counted on the raw text (strings blanked out first) and a deeper
body fails like any malformed JSON: Flask answers 400.

An object naming a field twice (`{"text": "a", "text": "b"}`) is refused too
(`FieldTwiceError`): Python keeps the last value, other parsers the first, so a
proxy or log and Planlogg would disagree about what was sent.
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


class FieldTwiceError(ValueError):
    """An object names the same field more than once."""

    def __init__(self, name: str) -> None:
        super().__init__(f"JSON object names {name!r} twice")
        self.name = name


def _each_field_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, value in pairs:
        if name in found:
            raise FieldTwiceError(name)
        found[name] = value
    return found


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing bodies nested deeper than MAX_DEPTH or naming a field twice."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        text = s.decode("utf-8", errors="replace") if isinstance(s, bytes) else s
        if nesting_depth(text) > MAX_DEPTH:
            raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels")
        kwargs.setdefault("object_pairs_hook", _each_field_once)
        return super().loads(s, **kwargs)
