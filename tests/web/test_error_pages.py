"""Error pages quote what was asked for in a form a page can hold."""

from __future__ import annotations

from flask import Flask


def test_a_control_character_in_an_address_is_not_written_into_the_page(
    people_web: Flask,
) -> None:
    answer = people_web.test_client().get("/planer/a%00b")
    assert answer.status_code == 404
    assert "\x00" not in answer.text
    assert "Fant ingen vedtatt plan med nøkkelen &#34;a\ufffdb&#34;." in answer.text
