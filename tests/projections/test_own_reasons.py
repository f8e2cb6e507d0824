"""The reasons Planlogg writes itself, stored in the målform spoken when the change was made,
read in the målform spoken now (`reason_label`); a person's reason as typed.

The stored reasons are made by the code that writes them (`sheet_provenance`, the
catalogue's messages in the målform of the time), so a changed wording is a changed test."""

from __future__ import annotations

import pytest

from domain.own_reasons import IMPORTED, OWN_REASONS, REMINDER, SENT_AGAIN
from domain.text import SHORT_TEXT
from language import Målform, _, speaking
from projections.audit_labels import reason_label
from sync.cycle import sheet_provenance


def by_the_sheet(målform: Målform, *people: str) -> str:
    with speaking(målform):
        return sheet_provenance(people, "handlingsplan.xlsx").reason


def worded(målform: Målform, message: str, **values: str) -> str:
    with speaking(målform):
        return _(message, **values)


def read(stored: str, source: str, målform: Målform) -> str:
    with speaking(målform):
        return reason_label(stored, source)


def test_the_sheet_syncs_reason_stored_in_nynorsk_reads_in_bokmål_and_back() -> None:
    assert by_the_sheet("nn", "Kari") == "Endra i reknearket «handlingsplan.xlsx»"
    assert read(by_the_sheet("nn", "Kari"), "sheet", "nb") == (
        "Endret i regnearket «handlingsplan.xlsx»"
    )
    assert read(by_the_sheet("nb", "Kari"), "sheet", "nn") == (
        "Endra i reknearket «handlingsplan.xlsx»"
    )
    assert read(by_the_sheet("nn", "Kari"), "sheet", "nn") == (
        "Endra i reknearket «handlingsplan.xlsx»"
    )


def test_several_editors_are_named_as_stored_in_the_words_now() -> None:
    stored = by_the_sheet("nn", "Kari Nordmann", "Åse Ødegård")
    assert read(stored, "sheet", "nb") == (
        "Endret i regnearket «handlingsplan.xlsx» (flere redigerte siden forrige "
        "synkronisering: Kari Nordmann, Åse Ødegård)"
    )


def test_a_reason_shortened_among_its_editors_is_restated_up_to_where_it_was_cut() -> None:
    people = tuple(f"Redaktør nummer {n}" for n in range(1, 30))
    stored = by_the_sheet("nn", *people)
    assert (len(stored), stored[-3:]) == (SHORT_TEXT, "Re…")
    shown = read(stored, "sheet", "nb")
    assert shown.startswith(
        "Endret i regnearket «handlingsplan.xlsx» (flere redigerte siden forrige "
        "synkronisering: Redaktør nummer 1, Redaktør nummer 2, "
    )
    assert shown.endswith("Redaktør nummer 10, Redaktør nummer 11, Re…")


def test_an_imports_reason_is_restated_and_the_file_kept() -> None:
    stored = worded("nn", IMPORTED, file="001_handlingsplan_2024.txt")
    assert stored == "Import frå 001_handlingsplan_2024.txt"
    assert read(stored, "import", "nb") == "Import fra 001_handlingsplan_2024.txt"
    assert read("Import fra Import frå.txt", "import", "nn") == "Import frå Import frå.txt"


@pytest.mark.parametrize(
    ("stored", "source", "nb", "nn"),
    [
        ("Send på nytt frå statusoversikta", "web",
         "Sendt på nytt fra statusoversikten", "Send på nytt frå statusoversikta"),
        ("Bekreftet sendt fra statusoversikten", "web",
         "Bekreftet sendt fra statusoversikten", "Stadfesta send frå statusoversikta"),
        ("Påminning om statusrapport", "system",
         "Påminnelse om statusrapport", "Påminning om statusrapport"),
        ("Teke vare på då planen blei lagd ut på nytt i reknearket (sync restore)", "sheet",
         "Tatt vare på da planen ble lagt ut på nytt i regnearket (sync restore)",
         "Teke vare på då planen blei lagd ut på nytt i reknearket (sync restore)"),
    ],
)  # fmt: skip
def test_each_reason_planlogg_writes_reads_in_the_målform_now(
    stored: str, source: str, nb: str, nn: str
) -> None:
    assert (read(stored, source, "nb"), read(stored, source, "nn")) == (nb, nn)


@pytest.mark.parametrize(
    ("stored", "source", "nb"),
    [
        ("Endra i regnearket «Tiltaksplan»", "sheet", "Endret i regnearket «Tiltaksplan»"),
        ("Teke vare på då planarket vart lagt ut på nytt (sync restore)", "sheet",
         "Tatt vare på da planen ble lagt ut på nytt i regnearket (sync restore)"),
        ("Tatt vare på da planarket ble lagt ut på nytt (sync restore)", "sheet",
         "Tatt vare på da planen ble lagt ut på nytt i regnearket (sync restore)"),
        ("Teke vare på då planen vart lagd ut på nytt i reknearket (sync restore)", "sheet",
         "Tatt vare på da planen ble lagt ut på nytt i regnearket (sync restore)"),
    ],
)  # fmt: skip
def test_the_words_an_earlier_planlogg_stored_read_in_the_målform_now(
    stored: str, source: str, nb: str
) -> None:
    assert read(stored, source, "nb") == nb


@pytest.mark.parametrize(
    ("typed", "source"),
    [
        ("Endra i reknearket handlingsplan.xlsx", "sheet"),  # no «»
        ("Endra i reknearket «handlingsplan.xlsx», etter møtet", "sheet"),
        ("endra i reknearket «handlingsplan.xlsx»", "sheet"),
        ("Import frå 001.txt", "cli"),  # typed with --reason, not an import
        ("Import frå 001.txt og rettingar", "web"),
        ("Send på nytt frå statusoversikta", "cli"),
        ("Påminning om statusrapport i neste veke", "system"),
        ("Statusrapport for haust", "web"),
        ("Avvist fra rad 3: jeg avviste den gamle teksten", "web"),  # a refusal is the sheet's
    ],
)
def test_a_reason_a_person_typed_in_planloggs_words_but_not_exactly_stays_as_typed(
    typed: str, source: str
) -> None:
    assert (read(typed, source, "nb"), read(typed, source, "nn")) == (typed, typed)


def test_every_own_reason_has_both_målformer_in_the_catalogue() -> None:
    """A message missing from a catalogue reads as its bokmål key in nynorsk: the reason
    would then never be recognised as stored in nynorsk."""
    nynorsk = {reason.message: worded("nn", reason.message) for reason in OWN_REASONS}
    assert len(nynorsk) == 10
    assert sorted(message for message, nn in nynorsk.items() if nn == message) == [
        "Avvist: %(reason)s",
        "Statusrapport",
    ]
    assert worded("nn", REMINDER) == "Påminning om statusrapport"
    assert worded("nn", SENT_AGAIN) == "Send på nytt frå statusoversikta"


def test_a_sign_ins_reason_reads_in_the_målform_now() -> None:
    """`web.login` stored «logget inn via …» in bokmål, whoever signed in; its nynorsk comes
    with the catalogue (until then this fails, with the catalogue's own test)."""
    stored = "logget inn via Helse Midt-Norge (Entra ID)"
    assert read(stored, "web", "nn") == "logga inn via Helse Midt-Norge (Entra ID)"
    assert read(stored, "cli", "nn") == stored
