"""Reading what people typed in a form's fields."""

from __future__ import annotations

from domain.errors import ValidationError

MAX_DIGITS = 18
"""Whole numbers in forms are revisions, versions and years: 18 digits fit the database's
64-bit integers and leave Python's limit on converting long digit strings far away."""


def whole_number(text: str, message: str, max_digits: int = MAX_DIGITS) -> int:
    """A form field's whole number, or `message` (422) when it is not one.

    `str.isdigit()` alone lets through digits `int()` cannot read ("²") and
    numbers too long to convert or store, each a 500 before this.
    """
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= max_digits):
        raise ValidationError(message)
    return int(text)
