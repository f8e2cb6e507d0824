"""One Norwegian at a time: bokmål (`nb`) or nynorsk (`nn`), from message catalogues.

Code writes what people read in bokmål, marked for translation: `_("Fann ikke tiltak
%(number)s.", number=n)`. The catalogues (`language/locale/<målform>/LC_MESSAGES/*.po`, one
file per area of the product) give every message in both målformer, so the bokmål in the
code is only a key; the nynorsk catalogue is where nynorsk is written and the bokmål one
repeats or corrects the key.

Which målform speaks belongs to the work being done, not to the process: a web request, a
command naming a plan (its health community's målform), a mail to a body. Each sets it with
`speaking(målform)` for as long as that work lasts (a context variable, so threads and
requests never see each other's choice). Outside any such work Planlogg speaks bokmål.

Module-level words (labels, headers) are marked with `N_` where they are declared and
translated with `_` where they are shown, so they follow the målform of the moment.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal, cast

from language.catalogue import translations

Målform = Literal["nb", "nn"]
MÅLFORMER: tuple[Målform, ...] = ("nb", "nn")
DEFAULT: Målform = "nb"

_NAMES = {
    "nb": "nb",
    "nn": "nn",
    "no": "nb",
    "nob": "nb",
    "nno": "nn",
    "bokmål": "nb",
    "bokmal": "nb",
    "nynorsk": "nn",
}

_speaking: ContextVar[Målform] = ContextVar("planlogg_målform", default=DEFAULT)


def målform_of(text: str | None) -> Målform | None:
    """The målform a person or a setting names ("nn", "nynorsk", "nb-NO", "Bokmål"), or None."""
    if not text:
        return None
    word = text.strip().lower().replace("_", "-").split("-")[0]
    found = _NAMES.get(word)
    return cast(Målform, found) if found else None


def current() -> Målform:
    """The målform the work in hand speaks."""
    return _speaking.get()


@contextmanager
def speaking(målform: Målform) -> Iterator[Målform]:
    """Speak `målform` until the block ends, then whatever was spoken before."""
    token = _speaking.set(målform)
    try:
        yield målform
    finally:
        _speaking.reset(token)


def begin_speaking(målform: Målform) -> object:
    """Speak `målform` from now on in this context; hand the token to `end_speaking`.

    For work that starts and ends in different callbacks (a Flask request's before and
    teardown hooks); everywhere else `speaking` is the way.
    """
    return _speaking.set(målform)


def end_speaking(token: object) -> None:
    _speaking.reset(token)  # type: ignore[arg-type]


def _(message: str, **values: object) -> str:
    """`message` in the målform spoken now, with `%(name)s` filled from `values`.

    An empty message stays empty (gettext would answer with the catalogue's header).
    """
    if not message:
        return message
    text = translations(current()).gettext(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, n: int, **values: object) -> str:
    """The singular or plural form for `n` in the målform spoken now; `%(num)s` is `n`."""
    text = translations(current()).ngettext(singular, plural, n)
    return text % {"num": n, **values}


def N_(message: str) -> str:
    """Mark a message declared now and translated later with `_` (labels, headers)."""
    return message


def in_every_målform(message: str) -> dict[Målform, str]:
    """`message` as each målform writes it: for reading what either kind of user typed."""
    return {målform: translations(målform).gettext(message) for målform in MÅLFORMER}


__all__ = [
    "DEFAULT",
    "MÅLFORMER",
    "N_",
    "Målform",
    "_",
    "begin_speaking",
    "current",
    "end_speaking",
    "in_every_målform",
    "målform_of",
    "ngettext",
    "speaking",
]
