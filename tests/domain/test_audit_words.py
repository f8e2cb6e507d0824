"""How a field's value reads in the audit trail (`domain.audit_words.as_text`)."""

from __future__ import annotations

from datetime import date

from domain.audit_words import NO, YES, as_text
from domain.vocabulary import Colour, EvaluationResult


def test_a_named_value_reads_as_its_stored_word() -> None:
    assert as_text(Colour("red")) == "red"
    assert as_text(EvaluationResult.NOT_ACHIEVED) == "not_achieved"


def test_plain_values_read_as_auditors_write_them() -> None:
    assert as_text(None) == ""
    assert as_text(True) == YES
    assert as_text(False) == NO
    assert as_text(3) == "3"
    assert as_text(2.5) == "2.5"
    assert as_text(date(2030, 6, 1)) == "2030-06-01"
    assert as_text([Colour("green"), "b"]) == "green, b"
    assert as_text({"b": 2, "a": Colour("yellow")}) == "a: yellow; b: 2"


def test_a_sequence_reads_item_by_item_whatever_its_items() -> None:
    assert as_text(("Helse Nord", "Bodø kommune")) == "Helse Nord, Bodø kommune"
    assert as_text(("a", True, date(2030, 1, 1), None, 4, ("x", "y"))) == (
        f"a, {YES}, 2030-01-01, , 4, x, y"
    )
    assert as_text(()) == ""


def test_a_subclass_of_a_sequence_reads_as_the_sequence_would() -> None:
    class Bodies(tuple[str, ...]):
        pass

    assert as_text(Bodies(("Helse Nord", "Bodø kommune"))) == "Helse Nord, Bodø kommune"
