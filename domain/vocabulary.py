"""Closed vocabularies of the domain: traffic lights, patient groups, § 6-2 topics, stages.

Users type these in many spellings (bokmål, nynorsk, English, any case), so
each vocabulary owns its parser and its Norwegian labels. The labels are declared in
bokmål (`N_`) and read in the målform spoken when they are looked up (`label`, or the
label maps below); the parsers accept the words of both målformer whatever is spoken.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import TypeVar

from domain.errors import ValidationError
from domain.text import excerpt, says_nothing
from language import N_, _, in_every_målform

W = TypeVar("W", bound=StrEnum)
K = TypeVar("K")


class Labels(Mapping[K, str]):
    """Labels declared in bokmål with `N_`, each read in the målform spoken when looked up.

    `PATIENT_GROUP_LABELS[group]`, `.values()`, `.items()` and `.get()` all give the
    words of the moment; `key(…)` gives the declared bokmål (the catalogue key).
    """

    def __init__(self, keys: Mapping[K, str]) -> None:
        self._keys = dict(keys)

    def __getitem__(self, item: K) -> str:
        return _(self._keys[item])

    def __iter__(self) -> Iterator[K]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def key(self, item: K) -> str:
        return self._keys[item]

    def spellings(self, item: K) -> set[str]:
        """The label as each målform writes it, for reading what people typed."""
        return set(in_every_målform(self._keys[item]).values())


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
        return COLOUR_LABELS[self]


COLOUR_LABELS: Labels[Colour] = Labels(
    {Colour.GREEN: N_("grønn"), Colour.YELLOW: N_("gul"), Colour.RED: N_("rød")}
)
"""The traffic light as a word: grønn / gul / rød, in nynorsk grøn / gul / raud."""


NOT_REPORTED = N_("ikke rapportert")
"""A measure with no status in the round, next to the colours' words."""


def colour_word(colour: str | None) -> str:
    """grønn / gul / rød, or "ikke rapportert" for no (or an unknown) status."""
    return COLOUR_LABELS.get(colour or "") or _(NOT_REPORTED)  # type: ignore[call-overload]


SOURCE_LABELS: Labels[str] = Labels(
    {
        "sheet": N_("regneark"),
        "web": N_("nett"),
        "import": N_("import"),
        "cli": N_("kommandolinje"),
        "system": N_("system"),
    }
)
"""Where a change came from (`domain.provenance.Source`), as people read it."""


def source_word(source: str | None) -> str:
    """nett / regneark / kommandolinje …; a source this version does not know, as stored."""
    return SOURCE_LABELS.get(source or "") or source or ""


def stage_word(stage: str | None) -> str:
    """utkast / på høring / … ; a stage this version does not know, as stored."""
    return STAGE_LABELS.get(stage or "") or stage or ""  # type: ignore[call-overload]


_COLOUR_WORDS = {
    Colour.GREEN: {"gronn", "gron", "gront", "green", "g", "gr"},
    Colour.YELLOW: {"gul", "gult", "gule", "yellow", "y", "oransje"},
    Colour.RED: {"rod", "raud", "rodt", "raudt", "red", "r"},
}


def _one_of(
    text: str,
    words: Mapping[W, set[str]],
    refusal: Callable[[str], str],
    missing: Callable[[], str] | None = None,
) -> W:
    """The value whose spellings hold `text` (case, accents and ø/æ/å aside), else refused.

    `refusal` words the refusal from the start of what was typed, when it is needed;
    `missing`, when given, words it for a field left empty, where quoting "" would puzzle.
    """
    folded = fold(text)
    for value, spellings in words.items():
        if folded in spellings:
            return value
    if missing is not None and says_nothing(text):
        raise ValidationError(missing())
    raise ValidationError(refusal(excerpt(text)))


def parse_colour(text: str) -> Colour:
    """Read a status colour the way users type it; refuse anything else in Norwegian."""
    return _one_of(
        text,
        _COLOUR_WORDS,
        lambda typed: _('Ukjent status "%(typed)s". Skriv grønn, gul eller rød.', typed=typed),
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


PATIENT_GROUP_LABELS: Labels[PatientGroup] = Labels(
    {
        PatientGroup.CHILDREN: N_("Barn og unge"),
        PatientGroup.MENTAL_HEALTH: N_("Personer med alvorlige psykiske lidelser og rus"),
        PatientGroup.FRAIL_ELDERLY: N_("Skrøpelige eldre"),
        PatientGroup.CHRONIC: N_("Personer med flere kroniske lidelser"),
    }
)


_GROUP_KEYWORDS = (
    (PatientGroup.CHILDREN, "barn"),
    (PatientGroup.MENTAL_HEALTH, "psyk"),
    (PatientGroup.FRAIL_ELDERLY, "eldre"),
    (PatientGroup.CHRONIC, "kronisk"),
)


def patient_groups_meant(text: str) -> list[PatientGroup]:
    """The patient groups a text may mean: the one whose code or label (in either målform)
    it is, else each whose keyword it has ("eldre", "barn")."""
    folded = fold(text)
    for group in PatientGroup:
        spellings = {fold(label) for label in PATIENT_GROUP_LABELS.spellings(group)}
        if folded == group.value or folded in spellings:
            return [group]
    return [group for group, keyword in _GROUP_KEYWORDS if keyword in folded]


def several_groups(text: str, found: list[PatientGroup]) -> ValidationError:
    """The refusal of a text with the keywords of several groups ("Eldre med flere kroniske
    lidelser"): which group was meant is the writer's to say, not the first to be guessed."""
    return ValidationError(
        _(
            "«%(typed)s» kan være flere pasientgrupper: %(groups)s. Skriv den du mener.",
            typed=excerpt(text),
            groups="; ".join(group.label for group in found),
        )
    )


def parse_patient_group(text: str) -> PatientGroup:
    """A patient group by its code or its label in either målform, or by a keyword in it."""
    found = patient_groups_meant(text)
    if len(found) == 1:
        return found[0]
    if found:
        raise several_groups(text, found)
    raise ValidationError(_('Ukjent pasientgruppe "%(typed)s".', typed=excerpt(text)))


TOPICS_6_2: Labels[int] = Labels(
    {
        1: N_("Oppgave- og ansvarsfordeling"),
        2: N_("Retningslinjer for innleggelse, utskrivning, habilitering, rehabilitering og LMS"),
        3: N_("Retningslinjer for innleggelse i sykehus"),
        4: N_("Døgnopphold for øyeblikkelig hjelp"),
        5: N_("Utskrivningsklare pasienter"),
        6: N_("Kunnskapsoverføring, informasjonsutveksling, nettverk og hospitering"),
        7: N_("Forskning, utdanning, praksis og læretid"),
        8: N_("Jordmortjenester"),
        9: N_("IKT-løsninger lokalt"),
        10: N_("Forebygging"),
        11: N_("Beredskapsplaner og den akuttmedisinske kjeden"),
        12: N_("Felles planlegging og utvikling av tjenester"),
        13: N_("Barn og unge med sammensatte vansker"),
    }
)
"""The 13 mandatory agreement topics of the Health and Care Services Act § 6-2."""


def parse_topic(value: int | str) -> int:
    """A topic number as people write it: "3" or "nr. 3" (not "+3", "1_0" or other digits)."""
    text = str(value).strip().removeprefix("nr.").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 3 or int(text) not in TOPICS_6_2:
        raise ValidationError(
            _('"%(value)s" er ikke et tema i § 6-2 (1–13).', value=excerpt(str(value)))
        )
    return int(text)


class Stage(StrEnum):
    """Where the plan's working version is in the approval flow."""

    DRAFT = "draft"
    HEARING = "hearing"
    SUBMITTED = "submitted"
    ADOPTED = "adopted"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS: Labels[Stage] = Labels(
    {
        Stage.DRAFT: N_("utkast"),
        Stage.HEARING: N_("på høring"),
        Stage.SUBMITTED: N_("sendt til godkjenning"),
        Stage.ADOPTED: N_("vedtatt"),
        Stage.PUBLISHED: N_("publisert"),
    }
)


class BodyKind(StrEnum):
    """The committee levels of a health community."""

    PARTNERSHIP = "partnerskapsmote"
    STRATEGIC = "strategisk"
    PROFESSIONAL = "fagleg"
    LOCAL = "lokalt"
    SECRETARIAT = "sekretariat"
    MUNICIPALITY = "kommune"
    HOSPITAL_TRUST = "helseforetak"

    @property
    def label(self) -> str:
        return BODY_KIND_LABELS[self]


BODY_KIND_LABELS: Labels[BodyKind] = Labels(
    {
        BodyKind.PARTNERSHIP: N_("partnerskapsmøte"),
        BodyKind.STRATEGIC: N_("strategisk samarbeidsutvalg"),
        BodyKind.PROFESSIONAL: N_("faglig samarbeidsutvalg"),
        BodyKind.LOCAL: N_("lokalt samarbeidsutvalg"),
        BodyKind.SECRETARIAT: N_("sekretariat"),
        BodyKind.MUNICIPALITY: N_("kommune"),
        BodyKind.HOSPITAL_TRUST: N_("helseforetak"),
    }
)


class EvaluationResult(StrEnum):
    """How far a measure reached its goal in a year (Møre og Romsdal's evaluation model)."""

    ACHIEVED = "achieved"
    PARTLY = "partly"
    NOT_ACHIEVED = "not_achieved"

    @property
    def label(self) -> str:
        return RESULT_LABELS[self]


RESULT_LABELS: Labels[EvaluationResult] = Labels(
    {
        EvaluationResult.ACHIEVED: N_("oppnådd"),
        EvaluationResult.PARTLY: N_("delvis oppnådd"),
        EvaluationResult.NOT_ACHIEVED: N_("ikke oppnådd"),
    }
)


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
        lambda typed: _(
            'Ukjent resultat "%(typed)s". Skriv oppnådd, delvis oppnådd eller ikke oppnådd.',
            typed=typed,
        ),
        lambda: _("Velg resultat: oppnådd, delvis oppnådd eller ikke oppnådd."),
    )


class Recommendation(StrEnum):
    """What the evaluating body recommends for the measure in the next plan."""

    CONTINUE = "continue"
    CHANGE = "change"
    END = "end"

    @property
    def label(self) -> str:
        return RECOMMENDATION_LABELS[self]


RECOMMENDATION_LABELS: Labels[Recommendation] = Labels(
    {
        Recommendation.CONTINUE: N_("videreføre"),
        Recommendation.CHANGE: N_("endre"),
        Recommendation.END: N_("avslutte"),
    }
)


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
        lambda typed: _(
            'Ukjent anbefaling "%(typed)s". Skriv videreføre, endre eller avslutte.', typed=typed
        ),
        lambda: _("Velg anbefaling: videreføre, endre eller avslutte."),
    )
