"""`planlogg measure evaluate --body` with a name no body has is saved as typed and, as on the
web's evaluation form and in `measure assign`, `round open` and `import`, the command names
the nearest registered name, so a misspelt evaluator does not go unseen into the report."""

from __future__ import annotations

from domain.demo import DEMO_PLAN


def test_a_misspelt_evaluating_body_is_named_with_the_nearest_registered_name(demo_cli) -> None:  # type: ignore[no-untyped-def]
    done = demo_cli(
        "measure", "evaluate", DEMO_PLAN, "2.1.2A", "--year", "2024", "--result", "delvis",
        "--led-to", "Rutinen er i bruk", "--recommend", "endre",
        "--body", "Fagråd for legesamarbied",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert (
        "«Fagråd for legesamarbied» er ikke et registrert organ; lagret som skrevet. "
        "Mente du «Fagråd for legesamarbeid»?"
    ) in " ".join(done.output.split())


def test_a_misspelt_approving_body_in_submit_is_named_with_the_nearest_registered_name(
    demo_cli,  # type: ignore[no-untyped-def]
) -> None:
    """Submitted to «ASSU», the plan waits for an approval ASU cannot give (`approve --body ASU`
    is refused: «ASU er ikke blant dem som skal godkjenne versjon 2 (ASSU)»)."""
    done = demo_cli("submit", DEMO_PLAN, "--body", "ASSU", "--body", "PSU")
    assert done.exit_code == 0, done.output
    assert "«ASSU» er ikke et registrert organ" in done.output
    assert "Mente du «ASU»?" in done.output
