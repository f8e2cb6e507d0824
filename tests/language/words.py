"""What a text in one målform must not contain: English UI words, or the other målform's words.

Every area's rendering test (pages, sheet messages, mails, documents, the command line)
passes what people read through `foreign_words`; the lists are kept here, in one place.
Words are matched whole and case-blind. What people typed themselves (the demo plan's
bokmål, body names) is not Planlogg's to translate: tests check the frame around it —
headings, labels, buttons, messages — by rendering with plan data that avoids these words,
or by removing the plan's own text before checking.
"""

from __future__ import annotations

import re

ENGLISH = frozenset(
    """
    draft published adopted hearing submitted yellow green red marks responsible number
    text status_text colour color none true false null unknown error warning reported
    measure measures goal goals area round rounds body bodies decision approval approved
    evaluation evaluations report reports plan_key key version versions history audit
    login logout sign signed settings save cancel submit edit delete back next previous
    show hide help usage options commands message exit missing invalid required partnerskapsmote
    """.split()  # noqa: SIM905 - word lists read best as prose
)
"""English words (and internal codes) that must never reach a person's eyes."""

NYNORSK_ONLY = frozenset(
    """
    ikkje eit frå kva korleis berre kvar kven eg dykk dei ein ho høyring vedteken vedteke
    rekneark reknearket raud grøn påminning påminningar hending hendingar noko nokon
    mykje heile fleire sidan enno medan vart vere sjå seinare viss
    """.split()  # noqa: SIM905 - word lists read best as prose
)
"""Nynorsk words that bokmål writes otherwise (ikkje/ikke, eit/et, frå/fra, …)."""

BOKMÅL_ONLY = frozenset(
    """
    ikke et fra hva hvordan bare hver hvem jeg dere en hun høring vedtatt regneark
    regnearket rød grønn påminnelse påminnelser hendelse hendelser gjelder noe noen mye hele
    flere siden ennå mens ble være se senere hvis
    """.split()  # noqa: SIM905 - word lists read best as prose
)
"""Bokmål words that nynorsk writes otherwise."""

WORD = re.compile(r"[A-Za-zÆØÅæøåÀ-ÿ_]+")


def foreign_words(text: str, målform: str) -> list[str]:
    """English words and other-målform words in `text`, in order, each once."""
    other = BOKMÅL_ONLY if målform == "nn" else NYNORSK_ONLY
    found: dict[str, None] = {}
    for word in WORD.findall(text):
        folded = word.lower()
        if folded in ENGLISH or folded in other:
            found.setdefault(folded)
    return list(found)
