"""What people type is shown as typed: a comment, a body's name or a decision's text holding
square brackets ("se [vedlegg 2]", "[/]") is never read as rich markup, so nothing is
silently left out of a table and no command ends in a traceback after it has saved."""

from __future__ import annotations

import json

from domain.demo import DEMO_COMMUNITY, DEMO_PLAN


def test_a_comment_in_square_brackets_is_shown_whole_in_the_history(demo_cli) -> None:  # type: ignore[no-untyped-def]
    comment = "Se [vedlegg 2] og [i]notat[/i]"
    assert demo_cli("status", DEMO_PLAN, "0.1.2", "gul", "--comment", comment).exit_code == 0
    shown = demo_cli("history", DEMO_PLAN, "--measure", "0.1.2", "--field", "statuskommentar")
    assert shown.exit_code == 0, shown.output
    assert comment in shown.output


def test_a_text_holding_a_closing_tag_is_shown_not_a_traceback(demo_cli) -> None:  # type: ignore[no-untyped-def]
    text = "Årshjul [/] med faste punkt"
    assert demo_cli("measure", "reword", DEMO_PLAN, "0.1.2", text).exit_code == 0
    shown = demo_cli("history", DEMO_PLAN, "--measure", "0.1.2", "--field", "tekst")
    assert shown.exit_code == 0, shown.output
    assert text in shown.output


def test_a_body_named_with_brackets_is_added_with_its_success_message(demo_cli) -> None:  # type: ignore[no-untyped-def]
    added = demo_cli(
        "community", "body", "add", DEMO_COMMUNITY, "LSU [/] Orkdal", "--kind", "lokalt"
    )
    listed = demo_cli("community", "body", "list", DEMO_COMMUNITY, "--json")
    assert "LSU [/] Orkdal" in [body["name"] for body in json.loads(listed.output)]
    # saved, so the command must say so (today: a MarkupError traceback, exit 1)
    assert added.exit_code == 0, added.output
    assert "LSU [/] Orkdal" in added.output
