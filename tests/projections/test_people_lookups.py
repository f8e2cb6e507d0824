"""Finding a few people by the register's indexes, not by loading everyone: the person a
command names (`planlogg person grant <e-mail>`, `Planlogg.find_person`) and the målform of
each address a reminder run writes to (`ReminderSender._speaks`). The register gives the
candidates (`ReadModels.people_named_by`, `ReadModels.people_at`); each is loaded and the
domain decides, as it did among everyone. Run on SQLite and PostgreSQL."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.application import Planlogg
from domain.errors import NotFoundError, ValidationError
from domain.people import Person
from notify.mail import SmtpMailer, SmtpSettings
from notify.recipients import RegisteredRecipients
from notify.sender import ReminderSender
from projections import ReadModels
from tests.projections import plans
from tests.projections.plans import COMMUNITY, KEY, SECRETARIAT

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
FEIDE = "https://auth.dataporten.no"


def _loads(app: Planlogg, monkeypatch: pytest.MonkeyPatch) -> list[UUID]:
    """The people `app` loads from now on, in order."""
    loaded: list[UUID] = []
    load = app.get_person

    def counted(person: UUID) -> Person:
        loaded.append(person)
        return load(person)

    monkeypatch.setattr(app, "get_person", counted)
    return loaded


def test_the_register_names_the_people_a_reference_or_an_address_may_name(
    app: Planlogg, models: ReadModels
) -> None:
    kari = app.add_person(ISSUER, "sub-kari", "Kari@Helse.no", "Kari", SECRETARIAT)
    feide = app.add_person(FEIDE, "feide-kari", "kari@helse.no", "K", SECRETARIAT)
    ola = app.add_person(ISSUER, "sub-ola", "ola@helse.no", "Ola", SECRETARIAT)
    blank = app.add_person(ISSUER, "sub-blank", "", "", SECRETARIAT)
    app.record_sign_in(ISSUER, "sub-ola", "ola.n@helse.no", "Ola", SECRETARIAT)
    models.catch_up()

    assert models.people_named_by("KARI@helse.no") == [kari, feide]
    assert models.people_named_by("sub-kari") == [kari]
    assert models.people_named_by("SUB-KARI") == []
    assert models.people_named_by("ola@helse.no") == []
    assert models.people_named_by("ola.n@helse.no") == [ola]
    assert models.people_named_by("sub-blank") == [blank]
    assert models.people_named_by("") == []
    assert models.people_at(["OLA.N@helse.no", "kari@helse.no", "nobody@helse.no"]) == [
        kari,
        feide,
        ola,
    ]
    assert models.people_at([]) == []


def test_a_person_is_found_through_the_register_loading_only_them(
    app: Planlogg, models: ReadModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    kari = app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari", SECRETARIAT)
    for n in range(5):
        app.add_person(ISSUER, f"sub-{n}", f"p{n}@helse.no", f"Person {n}", SECRETARIAT)
    models.catch_up()
    loaded = _loads(app, monkeypatch)

    found = app.find_person(" KARI@helse.no ", models.people_named_by)

    assert (found.id, found.subject) == (kari, "sub-kari")
    assert loaded == [kari]


def test_through_the_register_an_ambiguous_or_unknown_reference_is_refused_as_before(
    app: Planlogg, models: ReadModels
) -> None:
    kari = app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari", SECRETARIAT)
    other = app.add_person(FEIDE, "feide-kari", "kari@helse.no", "K", SECRETARIAT)
    models.catch_up()

    assert app.find_person("sub-kari", models.people_named_by).id == kari
    assert app.find_person(str(other), models.people_named_by).id == other
    with pytest.raises(ValidationError) as ambiguous:
        app.find_person("kari@helse.no", models.people_named_by)
    assert ambiguous.value.message == (
        'Flere personer har e-postadressen "kari@helse.no". Bruk ID-en (subject) i stedet.'
    )
    with pytest.raises(NotFoundError) as unknown:
        app.find_person("ola@helse.no", models.people_named_by)
    assert unknown.value.message == (
        'Fant ingen person med e-postadressen eller ID-en "ola@helse.no".'
    )


def _sender(app: Planlogg, models: ReadModels) -> ReminderSender:
    mailer = SmtpMailer(SmtpSettings.parse("smtp://127.0.0.1:1", "sek@planlogg.example.org"))
    return ReminderSender(app, mailer, RegisteredRecipients(app), models)


def test_each_address_reads_the_målform_its_people_chose_found_through_the_register(
    app: Planlogg, models: ReadModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One chose nynorsk and one nothing at an address: nynorsk. Two who disagree: the
    community's (bokmål). Nobody at an address, or nobody who chose: the community's. The
    choices made after the register last caught up are read (read-your-writes), and only
    the people at the run's addresses are loaded."""
    plans.community(app)
    plans.draft(app)
    models.catch_up()
    kari = app.add_person(ISSUER, "kari-1", "Kari@helse.no", "Kari", SECRETARIAT)
    app.choose_person_language(kari, "nn", SECRETARIAT)
    kari_2 = app.add_person(FEIDE, "kari-2", "kari@helse.no", "Kari", SECRETARIAT)
    ola = app.add_person(ISSUER, "ola-1", "ola@helse.no", "Ola", SECRETARIAT)
    app.choose_person_language(ola, "nn", SECRETARIAT)
    ola_2 = app.add_person(FEIDE, "ola-2", "ola@helse.no", "Ola", SECRETARIAT)
    app.choose_person_language(ola_2, "nb", SECRETARIAT)
    per = app.add_person(ISSUER, "per", "per@helse.no", "Per", SECRETARIAT)
    for n in range(5):
        person = app.add_person(ISSUER, f"sub-{n}", f"p{n}@helse.no", f"P {n}", SECRETARIAT)
        app.choose_person_language(person, "nn", SECRETARIAT)
    loaded = _loads(app, monkeypatch)

    addresses = ("kari@HELSE.no", "ola@helse.no", "per@helse.no", "ingen@helse.no")
    speaks = _sender(app, models)._speaks(KEY, addresses)

    assert [speaks(a.lower()) for a in addresses] == ["nn", "nb", "nb", "nb"]
    assert sorted(loaded) == sorted([kari, kari_2, ola, ola_2, per])
    app.choose_community_language(COMMUNITY, "nn", SECRETARIAT)
    app.choose_person_language(per, "nb", SECRETARIAT)
    again = _sender(app, models)._speaks(KEY, addresses)
    assert [again(a.lower()) for a in addresses] == ["nn", "nn", "nb", "nn"]
