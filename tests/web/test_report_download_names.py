"""The name a downloaded committee document is saved under (Content-Disposition)."""

from __future__ import annotations

from web.report_downloads import attachment


def test_a_direction_override_in_the_plan_key_cannot_disguise_the_files_type() -> None:
    """A key may hold U+202E (RIGHT-TO-LEFT OVERRIDE): saved as it was, "plan‮cod.exe-…pdf" is
    shown as "plan" and the rest backwards, a file that seems to end in ".doc"."""
    name = "plan\u202ecod.exe-arsrapport-2024.pdf"
    assert attachment(name) == 'attachment; filename="plancod.exe-arsrapport-2024.pdf"'


def test_a_key_in_norwegian_keeps_its_letters_beside_an_invisible_mark() -> None:
    name = "møre\u200f-arsrapport-2024.pdf"
    assert attachment(name) == (
        'attachment; filename="more-arsrapport-2024.pdf"; '
        "filename*=UTF-8''m%C3%B8re-arsrapport-2024.pdf"
    )
