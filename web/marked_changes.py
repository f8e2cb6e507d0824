"""A changed value with its changed words marked: what a change took out of the value
before (`<del>`) and what it put into the value after (`<ins>`), so that an auditor who
reads a long measure text changed by one word sees that word, instead of comparing two
paragraphs by eye.

Only an edit is marked: when at least half of the shorter value's words were kept. A value
written anew ("gul" → "grønn", a text replaced by another) is shown as it is, since
marking every word of it would say nothing the two cells do not already say. The pages
still show each value whole, so nothing is hidden by the marking; what is marked is only
a help to the eye.
"""

from __future__ import annotations

import dataclasses
import re
from difflib import SequenceMatcher

from markupsafe import Markup, escape

Spans = list[tuple[str, int, int]]
"""Where one side's words were kept or changed: (opcode, first word, word after the last)."""

_TOKENS = re.compile(r"\w+|[^\w\s]")
"""A value's words as compared, and each character that is neither word nor spacing alone
(so that "tiltak." and "tiltak" share the word, and "11.09.2024" differs by its day). The
spacing between them is not compared: a change of spacing alone shows nothing to mark."""

MOST_WORDS = 2_000
"""The most words two values may have together to be compared: a longer pair is shown
unmarked. Comparing takes time in the square of the words at worst: two texts of 1,000
words each (about 6,000 characters; a field takes up to 10,000) took 2 ms from a plan's
own prose, and 44 ms made of ten words repeated, the worst case tried."""

KEPT_AT_LEAST = 0.5
"""The share of the shorter value's words the other must keep for the change to read as an
edit: "Utarbeide årshjul." made "Utarbeide årshjul for 2025 med faste
rapporteringspunkt." is one, though most of the words after it are new."""


@dataclasses.dataclass(frozen=True)
class MarkedChange:
    """The value before and after a change, as HTML, with the changed words marked where
    the change is an edit; each escaped as any value is."""

    before: Markup
    after: Markup

    @property
    def marked(self) -> bool:
        """Whether any word is marked (the pages then say what the marks mean)."""
        return "<del>" in self.before or "<ins>" in self.after


def marked_change(before: str, after: str) -> MarkedChange:
    """`before` and `after` as shown (already worded: `audit_value`), with what changed
    marked when the change is an edit of the same value; else each escaped, unmarked."""
    old, new = list(_TOKENS.finditer(before)), list(_TOKENS.finditer(after))
    plain = MarkedChange(escape(before), escape(after))
    if not old or not new or len(old) + len(new) > MOST_WORDS:
        return plain
    matcher = SequenceMatcher(None, [t[0] for t in old], [t[0] for t in new], autojunk=False)
    blocks = matcher.get_opcodes()
    kept = sum(i2 - i1 for tag, i1, i2, _j1, _j2 in blocks if tag == "equal")
    if kept < KEPT_AT_LEAST * min(len(old), len(new)):
        return plain
    return MarkedChange(
        _marked(before, old, [(tag, i1, i2) for tag, i1, i2, _j1, _j2 in blocks], "del"),
        _marked(after, new, [(tag, j1, j2) for tag, _i1, _i2, j1, j2 in blocks], "ins"),
    )


def _marked(text: str, words: list[re.Match[str]], spans: Spans, mark: str) -> Markup:
    """`text` escaped, each run of words not kept inside `<mark>` (with the spacing
    between its words, not the spacing around it)."""
    shown, at = [], 0
    for tag, start, end in spans:
        if tag == "equal" or start == end:
            continue
        first, last = words[start].start(), words[end - 1].end()
        shown += [escape(text[at:first]), Markup(f"<{mark}>{escape(text[first:last])}</{mark}>")]
        at = last
    return Markup("").join([*shown, escape(text[at:])])
