"""One word for one thing: the words Planlogg does not use for what it has a word for.

Each entry names what a person reads elsewhere for the same thing (the pages, the command
line, the API, the sheet's messages, mails and reports all say it alike), and the words a
message must not use instead. Matched case-blind as whole words in every bokmål message and
every nynorsk translation, so a message added later with a competing word is caught here,
in either målform.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parents[2] / "language" / "locale"
PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|\{[^}]*\}")
"""What a message fills in (`%(editor)s`, click's `{editor}`): not words anyone reads."""

AVOIDED: dict[str, dict[str, tuple[str, ...]]] = {
    "nb": {
        "endringslogg": ("revisjonslogg", "hendelseslogg"),
        "kjeden, kontrollsummen": ("hashkjede", "hashkjeden", "hodet i kjeden", "siste ledd"),
        "regnearket, fanen": ("ark", "arket", "planarket"),
        "synkronisering (en runde er en rapporteringsrunde)": ("neste runde", "senere runde"),
        "legge planen ut på nytt": ("gjenoppretting", "gjenopprettingen"),
        "arbeidsversjon": ("arbeidsutkast", "arbeidsutkastet"),
        "statusoversikt": ("dashbord", "dashbordet"),
        "redaktør, godkjenner, revisor": ("editor", "approver", "auditor"),
        "frist": ("tidsfrist",),
        "SMART-feltene": ("SMART-kriterier",),
        "se også": ("koblinger", "ses i sammenheng med", "ses sammen med"),
        # «Område» alone stays: it is the sheet's column heading, which people type.
        "innsatsområde": ("områdenummer", "områdeoverskrift", "områdenavn", "områdenavnet"),
        # «Revisjon» is the plan's new draft after adoption; what counts a measure's, goal's or
        # area's edits (its ETag, If-Match, the form's hidden field) is its endringsnummer.
        "endringsnummer (ETag)": (
            "en annen revisjon",
            "er ikke en revisjon",
            "revisjonen tiltaket hadde",
            "på revisjon",
            "siden denne revisjonen",
            "hentet det (revisjon",
            "revisjon som ETag",
            "revisjonen (ETag)",
            "revisjonen etter endringen",
            "tiltakets revisjon",
            "innsatsområdets revisjon",
            "målets revisjon",
        ),
    },
    "nn": {
        "endringslogg": ("revisjonslogg", "hendingslogg"),
        "kjeda, kontrollsummen": ("hashkjede", "hashkjeda", "hovudet i kjeda", "siste ledd"),
        "reknearket, fana": ("ark", "arket", "planarket"),
        "synkronisering (ein runde er ein rapporteringsrunde)": ("neste runde", "seinare runde"),
        "leggje planen ut på nytt": ("gjenoppretting", "gjenopprettinga"),
        "arbeidsversjon": ("arbeidsutkast", "arbeidsutkastet"),
        "statusoversikt": ("dashbord", "dashbordet"),
        "redaktør, godkjennar, revisor": ("editor", "approver", "auditor"),
        "frist": ("tidsfrist",),
        "SMART-felta": ("SMART-kriterium", "SMART-kriteria"),
        "sjå òg": ("koplingar", "koblingar", "sjåast i samanheng med"),
        # «Område» alone stays as the sheet's column heading; «utanfor området» is click's range.
        "innsatsområde": (
            "områdenummer",
            "områdeoverskrift",
            "områdeoverskrifta",
            "områdenamn",
            "områdenamnet",
        ),
        # «Revisjon» is the plan's new draft after adoption, as in bokmål.
        "endringsnummer (ETag)": (
            "ein annan revisjon",
            "er ikkje ein revisjon",
            "revisjonen tiltaket hadde",
            "på revisjon",
            "sidan denne revisjonen",
            "henta det (revisjon",
            "revisjon som ETag",
            "revisjonen (ETag)",
            "revisjonen etter endringa",
            "revisjonen til tiltaket",
            "revisjonen til innsatsområdet",
            "revisjonen til målet",
        ),
        # The passive is made with «bli» in every tense, never «verte». The other «vert», a
        # host, has no place in Planlogg's messages, so every match is one to reword.
        "blir, blei, blitt, bli (passiv)": (
            "vert",
            "vart",
            "vorte",
            "vorten",
            "vorti",
            "vortne",
            "verte",
            "verta",
        ),
        # «gje» and «gi» are both nynorsk; Planlogg's nynorsk says «gje», as in «Gje KVEN …».
        "gje": ("gi",),
    },
}


def _texts(målform: str) -> list[tuple[str, str]]:
    """Every text of the målform's catalogues, without its placeholders: the bokmål message
    itself, or the nynorsk translation; with the catalogue it is in."""
    found = []
    for path in sorted((LOCALES / målform / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as file:
            catalogue = read_po(file)
        for message in catalogue:
            if not message.id:
                continue
            source = message.id if målform == "nb" else message.string
            for text in (source,) if isinstance(source, str) else source:
                found.append((path.name, PLACEHOLDER.sub("", text)))
    return found


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_no_message_calls_a_thing_by_a_word_planlogg_has_another_for(målform: str) -> None:
    texts = _texts(målform)
    assert len(texts) > 1000
    wrong = [
        f"{catalogue}: «{avoided}» for {word}: {text!r}"
        for word, avoided_words in AVOIDED[målform].items()
        for avoided in avoided_words
        for catalogue, text in texts
        if re.search(rf"(?<![\w-]){re.escape(avoided)}(?![\w-])", text, re.IGNORECASE)
    ]
    assert wrong == [], "\n".join(wrong)
