"""The Sjå òg column: links are measure numbers written as measures are, read in order."""

from __future__ import annotations

import pytest

from domain.errors import ValidationError
from sync.cells import parse_cell
from sync.layout import Layout

LAYOUT = Layout.for_years((2024, 2025))


@pytest.mark.parametrize("typed", ["1.1.01", "1.1.2; 1.1.1a", "1.1.1."])
def test_a_link_to_a_number_not_written_as_measures_are_is_refused(typed: str) -> None:
    """A link names a measure by its number exactly: «1.1.01» is not read as 1.1.1, nor kept
    as a link to a number no measure has."""
    wrong = typed.split("; ")[-1]
    with pytest.raises(ValidationError) as refused:
        parse_cell(LAYOUT, "Sjå òg", typed)
    assert refused.value.message == (
        f"«{wrong}» er ikke et tiltaksnummer (f.eks. 1.6.1). Skill flere med semikolon (;)."
    )


def test_links_written_as_numbers_are_read_in_order_without_repeats() -> None:
    assert parse_cell(LAYOUT, "Sjå òg", "1.1.2; 1.2.3A; 1.1.2") == ("1.1.2", "1.2.3A")
