"""The catalogues are complete: every marked message has both målformer, none fuzzy or lost."""

from __future__ import annotations

from language.areas import click_messages, own_messages
from language.checks import problems


def test_every_message_is_translated_in_both_målformer() -> None:
    found = problems()
    assert len(own_messages()) > 100
    assert len(click_messages()) > 50
    assert found.failing == [], "\n".join(found.report[:40])
