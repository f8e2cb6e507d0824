"""A prose plan saved from Word as text, with the list's tab after each number or bullet,
reads as prose and not as a table."""

from __future__ import annotations

import re
from pathlib import Path

from domain.prose_plan import read_plan

FONNA = Path(__file__).parents[1] / "fixtures" / "prose" / "fonna_2021.txt"


def test_fonna_saved_from_word_as_text_with_a_tab_after_each_list_number_reads_as_prose() -> None:
    # Word's "ren tekst" (and a copy into Notepad) writes each automatic number or bullet
    # followed by the list's tab: "1.1\tSamarbeid om …", "•\tPlanlegge …".
    lines = FONNA.read_text(encoding="utf-8").splitlines()
    plain = read_plan([line.split("\t") for line in lines])
    tabbed = []
    for line in lines:
        if match := re.match(r"^([•◦]|\d+(?:\.\d+)*[.;]?)\s*(\S.*)$", line):
            tabbed.append([match[1], match[2]])
        else:
            tabbed.append([line])
    assert sum(1 for row in tabbed if len(row) == 2) == 35
    outline = read_plan(tabbed)
    assert outline.source is None  # read as prose, not as a table
    assert outline.problems == ()
    assert [(m.number, m.text) for m in outline.measures] == [
        (m.number, m.text) for m in plain.measures
    ]
