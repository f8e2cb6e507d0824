"""Closed vocabularies of the domain: traffic lights, patient groups, § 6-2 topics, stages.

Users type these in many spellings (bokmål, nynorsk, English, any case), so
each vocabulary owns its parser and its Norwegian labels.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from domain.errors import ValidationError

W = TypeVar("W", bound=StrEnum)


def fold(text: str) -> str:
    """Lower-case, trim and strip accents so 'Grønn', 'GRONN' and 'grøn' compare alike."""
    text = text.strip().lower().replace("ø", "o").replace("æ", "ae").replace("å", "a")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class Colour(StrEnum):
    """The traffic-light status of a measure (trafikklysmodell)."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return {"green": "grønn", "yellow": "gul", "red": "rød"}[self.value]


_COLOUR_WORDS = {
    Colour.GREEN: {"gronn", "gron", "gront", "green", "g", "gr"},
    Colour.YELLOW: {"gul", "gult", "gule", "yellow", "y", "oransje"},
    Colour.RED: {"rod", "raud", "rodt", "raudt", "red", "r"},
}


def _one_of(text: str, words: Mapping[W, set[str]], refusal: str) -> W:
    """The value whose spellings hold `text` (case, accents and ø/æ/å aside), else refused."""
    folded = fold(text)
    for value, spellings in words.items():
        if folded in spellings:
            return value
    raise ValidationError(refusal.format(typed=text.strip()))


def parse_colour(text: str) -> Colour:
    """Read a status colour the way users type it; refuse anything else in Norwegian."""
    return _one_of(
        text, _COLOUR_WORDS, 'Ukjend status "{typed}". Skriv grønn, gul eller rød (raud går òg).'
    )


class PatientGroup(StrEnum):
    """The four priority patient groups of the health communities."""

    CHILDREN = "barn_og_unge"
    MENTAL_HEALTH = "psykisk_rus"
    FRAIL_ELDERLY = "skropelege_eldre"
    CHRONIC = "kroniske"

    @property
    def label(self) -> str:
        return PATIENT_GROUP_LABELS[self]


PATIENT_GROUP_LABELS = {
    PatientGroup.CHILDREN: "Barn og unge",
    PatientGroup.MENTAL_HEALTH: "Personar med alvorlege psykiske lidingar og rus",
    PatientGroup.FRAIL_ELDERLY: "Skrøpelege eldre",
    PatientGroup.CHRONIC: "Personar med fleire kroniske lidingar",
}


def parse_patient_group(text: str) -> PatientGroup:
    folded = fold(text)
    for group in PatientGroup:
        if folded in (group.value, fold(group.label)):
            return group
    for group, keyword in (
        (PatientGroup.CHILDREN, "barn"),
        (PatientGroup.MENTAL_HEALTH, "psyk"),
        (PatientGroup.FRAIL_ELDERLY, "eldre"),
        (PatientGroup.CHRONIC, "kronisk"),
    ):
        if keyword in folded:
            return group
    raise ValidationError(f'Ukjend pasientgruppe "{text.strip()}".')


TOPICS_6_2 = {
    1: "Oppgåve- og ansvarsfordeling",
    2: "Retningslinjer for innlegging, utskriving, habilitering, rehabilitering og LMS",
    3: "Retningslinjer for innlegging i sjukehus",
    4: "Døgnopphald for øyeblikkeleg hjelp",
    5: "Utskrivingsklare pasientar",
    6: "Kunnskapsoverføring, informasjonsutveksling, nettverk og hospitering",
    7: "Forsking, utdanning, praksis og læretid",
    8: "Jordmortenester",
    9: "IKT-løysingar lokalt",
    10: "Førebygging",
    11: "Beredskapsplanar og den akuttmedisinske kjeda",
    12: "Felles planlegging og utvikling av tenester",
    13: "Barn og unge med samansette vanskar",
}
"""The 13 mandatory agreement topics of the Health and Care Services Act § 6-2."""


def parse_topic(value: int | str) -> int:
    """A topic number as people write it: "3" or "nr. 3" (not "+3", "1_0" or other digits)."""
    text = str(value).strip().removeprefix("nr.").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 3:
        raise ValidationError(f'"{value}" er ikkje eit tema i § 6-2 (1–13).')
    number = int(text)
    if number not in TOPICS_6_2:
        raise ValidationError(f'"{value}" er ikkje eit tema i § 6-2 (1–13).')
    return number


class Stage(StrEnum):
    """Where the plan's working version is in the approval flow."""

    DRAFT = "draft"
    HEARING = "hearing"
    SUBMITTED = "submitted"
    ADOPTED = "adopted"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return {
            "draft": "utkast",
            "hearing": "på høyring",
            "submitted": "send til godkjenning",
            "adopted": "vedteken",
            "published": "publisert",
        }[self.value]


class BodyKind(StrEnum):
    """The committee levels of a health community."""

    PARTNERSHIP = "partnerskapsmote"
    STRATEGIC = "strategisk"
    PROFESSIONAL = "fagleg"
    LOCAL = "lokalt"
    SECRETARIAT = "sekretariat"
    MUNICIPALITY = "kommune"
    HOSPITAL_TRUST = "helseforetak"


class EvaluationResult(StrEnum):
    """How far a measure reached its goal in a year (Møre og Romsdal's evaluation model)."""

    ACHIEVED = "achieved"
    PARTLY = "partly"
    NOT_ACHIEVED = "not_achieved"

    @property
    def label(self) -> str:
        return {
            "achieved": "oppnådd",
            "partly": "delvis oppnådd",
            "not_achieved": "ikkje oppnådd",
        }[self.value]


_RESULT_WORDS = {
    EvaluationResult.ACHIEVED: {"oppnadd", "achieved", "ja"},
    EvaluationResult.PARTLY: {"delvis", "delvis oppnadd", "partly", "partly achieved"},
    EvaluationResult.NOT_ACHIEVED: {
        "ikkje oppnadd",
        "ikke oppnadd",
        "ikkje",
        "ikke",
        "not achieved",
        "not_achieved",
        "nei",
    },
}


def parse_evaluation_result(text: str) -> EvaluationResult:
    """Read an evaluation result as people write it, in nynorsk, bokmål or English."""
    return _one_of(
        text,
        _RESULT_WORDS,
        'Ukjend resultat "{typed}". Skriv oppnådd, delvis oppnådd eller ikkje oppnådd.',
    )


class Recommendation(StrEnum):
    """What the evaluating body recommends for the measure in the next plan."""

    CONTINUE = "continue"
    CHANGE = "change"
    END = "end"

    @property
    def label(self) -> str:
        return {"continue": "vidareføre", "change": "endre", "end": "avslutte"}[self.value]


_RECOMMENDATION_WORDS = {
    Recommendation.CONTINUE: {"vidarefore", "viderefore", "fortsette", "halde fram", "continue"},
    Recommendation.CHANGE: {"endre", "endrast", "change"},
    Recommendation.END: {"avslutte", "avsluttast", "end", "stop"},
}


def parse_recommendation(text: str) -> Recommendation:
    """Read a recommendation as people write it, in nynorsk, bokmål or English."""
    return _one_of(
        text,
        _RECOMMENDATION_WORDS,
        'Ukjend tilråding "{typed}". Skriv vidareføre, endre eller avslutte.',
    )
