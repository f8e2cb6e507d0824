"""One målform at a time: what `language` answers, per piece of work, from the catalogues."""

from __future__ import annotations

import threading

import pytest

from language import _, current, in_every_målform, målform_of, ngettext, speaking
from language.catalogue import translations


@pytest.mark.parametrize(
    ("written", "målform"),
    [
        ("nn", "nn"),
        ("NB", "nb"),
        ("nynorsk", "nn"),
        ("Bokmål", "nb"),
        ("nb-NO", "nb"),
        ("nn_NO", "nn"),
        ("no", "nb"),
        ("sv", None),
        ("", None),
        (None, None),
    ],
)
def test_a_målform_is_read_as_people_and_browsers_name_it(
    written: str | None, målform: str | None
) -> None:
    assert målform_of(written) == målform


def test_bokmål_is_spoken_outside_any_work_and_a_block_speaks_its_own() -> None:
    assert current() == "nb"
    with speaking("nn"):
        assert current() == "nn"
        with speaking("nb"):
            assert current() == "nb"
        assert current() == "nn"
    assert current() == "nb"


def test_each_thread_speaks_what_it_chose() -> None:
    heard: dict[str, str] = {}

    def work(name: str, målform: str) -> None:
        with speaking(målform):  # type: ignore[arg-type]
            heard[name] = current()

    threads = [threading.Thread(target=work, args=(f"t{m}", m)) for m in ("nn", "nb")]
    with speaking("nn"):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert current() == "nn"
    assert heard == {"tnn": "nn", "tnb": "nb"}


def test_a_message_comes_from_the_catalogue_of_the_målform_spoken() -> None:
    message = "Show this message and exit."
    texts = in_every_målform(message)
    assert texts["nb"] != texts["nn"]
    assert message not in texts.values()
    with speaking("nn"):
        assert _(message) == texts["nn"] == translations("nn").gettext(message)
    assert _(message) == texts["nb"]


def test_placeholders_are_filled_after_translation_and_plurals_follow_the_count() -> None:
    assert _("%(a)s og %(b)s", a=1, b="to") == "1 og to"
    assert ngettext("%(num)s tiltak", "%(num)s tiltakene", 1) == "1 tiltak"
    assert ngettext("%(num)s tiltak", "%(num)s tiltakene", 3) == "3 tiltakene"


def test_an_empty_message_stays_empty_in_both_målformer() -> None:
    assert _("") == ""
    with speaking("nn"):
        assert _("") == ""


def test_a_målform_written_with_spaces_around_it_is_read() -> None:
    """A setting such as `PLANLOGG_LANG=" nn "` in an env file."""
    assert (målform_of(" nn "), målform_of("\tnynorsk\n")) == ("nn", "nn")
