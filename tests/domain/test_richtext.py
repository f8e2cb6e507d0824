"""Canonical measure text: HTML from web copies in, safe HTML out, nothing lost on the way."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from domain.richtext import html_to_text, inline_html, split_heading, text_to_html


def test_paragraphs_become_blocks_separated_by_a_blank_line() -> None:
    assert html_to_text("<p>Første avsnitt.</p> <p>Andre   avsnitt.</p>") == (
        "Første avsnitt.\n\nAndre avsnitt."
    )


def test_list_items_become_dash_lines() -> None:
    fragment = "<p>Oppdrag:</p><ul><li>Utrede</li><li>Foreslå <b>tiltak</b></li></ul>"
    assert html_to_text(fragment) == "Oppdrag:\n\n- Utrede\n- Foreslå **tiltak**"


def test_bullet_characters_in_an_unclosed_list_without_li_are_items() -> None:
    # As copied from the St. Olavs plan (measure 1.1.1): no <li>, no </ul>.
    fragment = (
        '<p>Etablere en arbeidsgruppe:</p> <ul style="list-style-type: none"> '
        "○ Utarbeide et system. ○ Etablere felles nettverk. ○ Utarbeide en rutine. "
    )
    assert html_to_text(fragment) == (
        "Etablere en arbeidsgruppe:\n\n"
        "- Utarbeide et system.\n- Etablere felles nettverk.\n- Utarbeide en rutine."
    )


def test_a_paragraph_after_an_unclosed_list_ends_the_list() -> None:
    fragment = "<ul> ○ Felles kultur. <p><i>Nærmere beskrivelse i rapporten.</i></p>"
    assert html_to_text(fragment) == "- Felles kultur.\n\n*Nærmere beskrivelse i rapporten.*"


def test_bullets_at_paragraph_start_are_list_items() -> None:
    assert html_to_text("<p>• Revisjon av avtale 8</p><p>◦Prosjekt forløp</p>") == (
        "- Revisjon av avtale 8\n- Prosjekt forløp"
    )


def test_emphasis_and_strong_become_light_markup() -> None:
    assert html_to_text(
        "<p><u>Fokusområder:</u> <em>viktig</em> og <strong>svært</strong></p>"
    ) == ("*Fokusområder:* *viktig* og **svært**")


def test_whitespace_inside_emphasis_moves_outside_the_markers() -> None:
    assert html_to_text("på<i> stolav.no </i>som") == "på *stolav.no* som"


def test_nested_emphasis_keeps_only_the_outer_kind() -> None:
    assert html_to_text("<b>sterk <i>og kursiv</i></b>") == "**sterk og kursiv**"


def test_links_keep_their_text_and_entities_are_decoded() -> None:
    assert html_to_text('Se <a href="https://x.no">rapport&nbsp;UKP</a> &amp; vedlegg') == (
        "Se rapport UKP & vedlegg"
    )


def test_line_breaks_separate_paragraphs() -> None:
    assert html_to_text("AU<br>Sekretariat") == "AU\n\nSekretariat"


def test_scripts_and_styles_are_dropped() -> None:
    assert html_to_text("<style>p{}</style><p>Tekst</p><script>alert(1)</script>") == "Tekst"


def test_plain_text_passes_through_with_whitespace_normalised() -> None:
    assert html_to_text("  Utarbeide   årshjul.\t ") == "Utarbeide årshjul."


def test_plain_text_lines_are_paragraphs_and_bullets_are_items() -> None:
    text = "Innleiing\n• Første\n◦ Andre\n\nAvslutning"
    assert html_to_text(text) == "Innleiing\n\n- Første\n- Andre\n\nAvslutning"


def test_empty_input_gives_empty_text() -> None:
    assert html_to_text("") == ""
    assert html_to_text("<p> </p><ul><li></li></ul>") == ""


def test_text_to_html_escapes_user_html() -> None:
    rendered = text_to_html('<script>alert("x")</script> & *viktig*')
    assert rendered == (
        "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <em>viktig</em></p>"
    )


def test_text_to_html_renders_paragraphs_and_lists() -> None:
    assert text_to_html("Oppdrag:\n\n- Utrede\n- **Foreslå**") == (
        "<p>Oppdrag:</p>\n<ul>\n<li>Utrede</li>\n<li><strong>Foreslå</strong></li>\n</ul>"
    )


def test_a_lone_dash_is_text_not_an_empty_list_item() -> None:
    assert html_to_text("-") == "-"


# --- properties ------------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789"
_SAFE_WORD = st.text(_LETTERS, min_size=1, max_size=8) | st.sampled_from(
    ["t.d.", "(UKP)", "2.1.3A", "læring/mestring", "«kalde»", "pasient-forløp"]
)
_RISKY_WORD = st.sampled_from(["<b>", "&amp;", "a<b", '"sitat"', "'x'", "&", "<p>", "x>y"])


def _phrase(words: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Words joined by single spaces, some runs wrapped in *…* or **…** (never nested)."""
    run = st.lists(words, min_size=1, max_size=4).map(" ".join)
    marked = st.tuples(st.sampled_from(["", "*", "**"]), run).map(lambda p: f"{p[0]}{p[1]}{p[0]}")
    return st.lists(marked, min_size=1, max_size=4).map(" ".join)


@st.composite
def canonical_texts(draw: st.DrawFn, words: st.SearchStrategy[str]) -> str:
    blocks: list[str] = []
    last_was_list = False
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        as_list = not last_was_list and draw(st.booleans())
        if as_list:
            items = draw(st.lists(_phrase(words), min_size=1, max_size=4))
            blocks.append("\n".join(f"- {item}" for item in items))
        else:
            blocks.append(draw(_phrase(words)))
        last_was_list = as_list
    return "\n\n".join(blocks)


@given(canonical_texts(_SAFE_WORD | _RISKY_WORD))
def test_html_round_trip_keeps_canonical_text(text: str) -> None:
    assert html_to_text(text_to_html(text)) == text


@given(canonical_texts(_SAFE_WORD))
def test_canonical_text_is_a_fixed_point(text: str) -> None:
    assert html_to_text(text) == text


@given(st.text(max_size=200))
def test_text_to_html_never_emits_tags_from_the_input(text: str) -> None:
    rendered = text_to_html(text)
    stripped = (
        rendered.replace("<p>", "").replace("</p>", "").replace("<ul>", "").replace("</ul>", "")
        .replace("<li>", "").replace("</li>", "").replace("<em>", "").replace("</em>", "")
        .replace("<strong>", "").replace("</strong>", "")
    )  # fmt: skip
    assert "<" not in stripped
    assert ">" not in stripped


def test_a_goal_text_splits_into_its_heading_and_the_blocks_after_it() -> None:
    text = "Utskrivningsklare pasienter (UKP)\n\nFøringer:\n\n- Bedre *hjemmetjenester*.\n- Mandat"
    assert split_heading(text) == (
        "Utskrivningsklare pasienter (UKP)",
        "Føringer:\n\n- Bedre *hjemmetjenester*.\n- Mandat",
    )
    assert split_heading("- Bare en liste") == ("", "- Bare en liste")


def test_inline_html_keeps_emphasis_and_escapes_everything_else() -> None:
    assert inline_html("Økt bruk av *stolav.no* <b>her</b>") == (
        "Økt bruk av <em>stolav.no</em> &lt;b&gt;her&lt;/b&gt;"
    )
