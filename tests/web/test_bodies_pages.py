"""The register of bodies in the browser (`/helsefellesskap/<key>/organer`), on SQLite and
PostgreSQL: an editor of the community lists its bodies and the spellings its plans use that
no body has, adds a body, sets a body's addresses (lists set by someone else since the page
was read are refused, naming who and the day, with what was typed kept) and merges
spellings or another body into one, warned of addresses no longer reminded; each refusal in
the page's målform with the form as it was filled in; reporters and auditors are refused."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.norwegian_time import oslo_today
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up, event_count
from tests.web.forms import field_errors, filled, form_fields
from tests.web.signed_in import person_with, signed_in

COMMUNITY = "st-olavs"
REGISTER = f"/helsefellesskap/{COMMUNITY}/organer"
NEW = f"{REGISTER}/nytt"
MERGE = f"{REGISTER}/alias"
FAG = "Fagråd for legesamarbeid"
FAG_ID = "fagrad-for-legesamarbeid"
CONTACTS = f"{REGISTER}/{FAG_ID}/adresser"
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>', re.S)
ANNE = Provenance("Anne Berg", Source.CLI)
TODAY = oslo_today().strftime("%d.%m.%Y")


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def editor(site: tuple[Flask, Planlogg]) -> FlaskClient:
    web, app = site
    return signed_in(web, person_with(app, Role.EDITOR))


def notices(page: str) -> list[str]:
    return [unescape(" ".join(n.split())) for n in NOTICE.findall(page)]


def summary(page: str) -> str:
    """The words of the refusal above a form."""
    found = re.search(r'role="alert"[^>]*>(.*?)</div>', page, re.S)
    assert found is not None, page
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found[1])).split())


def row(page: str, body_id: str) -> list[str]:
    """A body's row of the register as read: its cells' words."""
    found = re.search(rf'<tr role="row" id="organ-{body_id}">(.*?)</tr>', page, re.S)
    assert found is not None
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", found[1], re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in cells]


def test_the_register_lists_each_body_with_its_names_and_addresses(site) -> None:
    _web, app = site
    app.set_body_contacts(COMMUNITY, FAG, ["leiar@example.org"], ["sekr@example.org"], ANNE)
    caught_up(site[0])
    page = editor(site).get(REGISTER)
    assert page.status_code == 200
    body = app.get_community(COMMUNITY).body(FAG)
    assert row(page.text, FAG_ID) == [
        f"{FAG} Endre adresser til {FAG}",
        "faglig samarbeidsutvalg",
        body.short_name,
        " ".join(body.aliases),
        "leiar@example.org",
        "sekr@example.org",
    ]
    assert "planlogg community" not in page.text
    shown = re.search(rf'<tr role="row" id="organ-{FAG_ID}">.*?<ul class="names">(.*?)</ul>',
                      page.text, re.S)  # fmt: skip
    assert shown is not None
    assert [unescape(n) for n in re.findall(r"<li>(.*?)</li>", shown[1])] == list(body.aliases)
    assert len(body.aliases) > 1


def test_the_working_plan_links_to_its_communitys_register(site) -> None:
    page = editor(site).get(f"/planer/{KEY}/arbeidsversjon").text
    assert f'<a href="{REGISTER}">Organregisteret</a>' in page


def test_a_spelling_the_plans_use_that_no_body_has_is_listed_with_the_nearest_name(
    site,
) -> None:
    web, app = site
    by = Provenance("Kari", Source.CLI)
    app.assign_responsible(KEY, "1.2.1", ["Fagrådet for legesamarbeid"], by)
    caught_up(web)
    page = editor(site).get(REGISTER).text
    found = re.search(r'<ul class="spellings">(.*?)</ul>', page, re.S)
    assert found is not None
    listed = re.findall(r"<li>(.*?)</li>", found[1], re.S)
    said = [" ".join(unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in listed]
    assert (
        f"«Fagrådet for legesamarbeid» ({KEY}: tiltak 1.2.1). Mente du «{FAG}»? "
        "Slå sammen «Fagrådet for legesamarbeid»"
    ) in said
    assert f'href="{MERGE}?skrivemate=Fagr%C3%A5det+for+legesamarbeid&amp;inn={FAG_ID}"' in page


def test_a_body_is_added_and_the_register_says_so(site) -> None:
    _web, app = site
    client = editor(site)
    form = client.get(NEW).text
    data = filled(form, {"name": "LSU Orkdalsregionen", "kind": "lokalt",
                         "short_name": "LSU Orkdal", "aliases": "LSU Orkdal-regionen\r\n",
                         "reason": "Nytt utval"}, f"{NEW}")  # fmt: skip
    saved = client.post(NEW, data=data)
    assert (saved.status_code, saved.headers["Location"]) == (303, REGISTER)
    body = app.get_community(COMMUNITY).body("LSU Orkdal")
    assert (body.id, body.name, body.kind.value, body.aliases) == (
        "lsu-orkdalsregionen", "LSU Orkdalsregionen", "lokalt", ("LSU Orkdal-regionen",)
    )  # fmt: skip
    page = client.get(REGISTER).text
    assert notices(page) == ["LSU Orkdalsregionen er lagt til i organregisteret."]
    assert row(page, "lsu-orkdalsregionen")[1:4] == [
        "lokalt samarbeidsutvalg", "LSU Orkdal", "LSU Orkdal-regionen"
    ]  # fmt: skip


def test_the_new_body_form_sent_twice_adds_it_once_and_says_so_both_times(site) -> None:
    _web, app = site
    client = editor(site)
    data = filled(client.get(NEW).text, {"name": "LSU  Orkdal", "kind": "lokalt",
                                         "aliases": "Orkdal-LSU\r\n\r\n"}, NEW)  # fmt: skip
    first = client.post(NEW, data=data)
    after_first = event_count(app)
    second = client.post(NEW, data=data)
    assert [(r.status_code, r.headers["Location"]) for r in (first, second)] == [
        (303, REGISTER), (303, REGISTER)
    ]  # fmt: skip
    assert event_count(app) == after_first
    assert notices(client.get(REGISTER).text) == ["LSU Orkdal er lagt til i organregisteret."]
    other = dict(data) | {"kind": ["kommune"]}
    refused = client.post(NEW, data=other)
    assert refused.status_code == 422


def test_a_name_taken_is_refused_and_the_form_keeps_what_was_typed(site) -> None:
    _web, app = site
    client = editor(site)
    before = event_count(app)
    data = filled(client.get(NEW).text, {"name": "Nytt fagråd", "kind": "fagleg",
                                         "short_name": "lege", "aliases": "Fagråd X\nFagråd Y",
                                         "reason": "Ny"}, NEW)  # fmt: skip
    data["short_name"] = [FAG.upper()]
    refused = client.post(NEW, data=data)
    assert refused.status_code == 422
    assert summary(refused.text) == (
        f"Organet ble ikke lagt til «{FAG.upper()}» er allerede navnet på et organ i "
        "Helsefellesskapet St. Olavs hospital og kommunene."
    )
    shown = dict(form_fields(refused.text, NEW))
    assert {k: shown[k] for k in ("name", "kind", "short_name", "aliases", "reason")} == {
        "name": "Nytt fagråd", "kind": "fagleg", "short_name": FAG.upper(),
        "aliases": "Fagråd X\nFagråd Y", "reason": "Ny",
    }  # fmt: skip
    assert event_count(app) == before


def test_a_body_without_a_level_is_refused_at_its_field(site) -> None:
    client = editor(site)
    data = filled(client.get(NEW).text, {"name": "Nytt fagråd"}, NEW)
    refused = client.post(NEW, data=data)
    assert refused.status_code == 422
    assert field_errors(refused.text) == {"kind": "Velg nivået til organet."}
    assert dict(form_fields(refused.text, NEW))["name"] == "Nytt fagråd"


def test_addresses_are_set_from_the_lists_read(site) -> None:
    _web, app = site
    client = editor(site)
    form = client.get(CONTACTS).text
    before = app.get_community(COMMUNITY).body(FAG)
    assert dict(form_fields(form, CONTACTS))["shown_reminded"] == "\n".join(before.reminded)
    data = filled(form, {"reporters": "leiar@example.org\r\nnestleiar@example.org",
                         "reminded": "sekr@example.org, post@example.org"}, CONTACTS)  # fmt: skip
    saved = client.post(CONTACTS, data=data)
    assert (saved.status_code, saved.headers["Location"]) == (303, REGISTER)
    body = app.get_community(COMMUNITY).body(FAG)
    assert (body.reporters, body.reminded) == (
        ("leiar@example.org", "nestleiar@example.org"),
        ("sekr@example.org", "post@example.org"),
    )
    assert notices(client.get(REGISTER).text) == [f"Adressene til {FAG} er lagret."]


def test_addresses_set_by_someone_else_since_are_refused_naming_who_and_when(site) -> None:
    _web, app = site
    client = editor(site)
    form = client.get(CONTACTS).text
    app.set_body_contacts(COMMUNITY, FAG, ["annan@example.org"], [], ANNE)
    before = event_count(app)
    data = filled(form, {"reporters": "ny@example.org", "reminded": "sekr@example.org"}, CONTACTS)
    refused = client.post(CONTACTS, data=data)
    assert refused.status_code == 409
    assert summary(refused.text) == (
        f"Adressene er endret etter at du åpnet skjemaet Adressene til {FAG} ble endret av "
        f"Anne Berg {TODAY} "
        "etter at du hentet dem. Nå er det annan@example.org som rapporterer, og ingen som blir "
        "påminnet. Ingenting er lagret. Se over adressene, og prøv på nytt om du fortsatt vil. "
        "Feltene viser det du skrev. Lagre på nytt om du vil erstatte det som er lagret nå."
    )
    assert event_count(app) == before
    shown = dict(form_fields(refused.text, CONTACTS))
    assert [shown[k] for k in ("reporters", "reminded", "shown_reporters", "shown_reminded")] == [
        "ny@example.org", "sekr@example.org", "annan@example.org", ""
    ]  # fmt: skip
    again = client.post(CONTACTS, data=filled(refused.text, {}, CONTACTS))
    assert again.status_code == 303
    assert app.get_community(COMMUNITY).body(FAG).reporters == ("ny@example.org",)


def test_an_address_that_is_none_is_refused_at_its_field_with_the_lists_kept(site) -> None:
    _web, app = site
    client = editor(site)
    before = event_count(app)
    data = filled(client.get(CONTACTS).text,
                  {"reporters": "leiar@example.org\nleiar(at)example.org"}, CONTACTS)  # fmt: skip
    refused = client.post(CONTACTS, data=data)
    assert refused.status_code == 422
    assert field_errors(refused.text) == {
        "reporters": "«leiar(at)example.org» er ikke en e-postadresse (f.eks. leder@kommune.no)."
    }
    assert dict(form_fields(refused.text, CONTACTS))["reporters"] == (
        "leiar@example.org\nleiar(at)example.org"
    )
    assert event_count(app) == before


def test_a_spelling_is_merged_into_a_body(site) -> None:
    web, app = site
    app.assign_responsible(KEY, "1.2.1", ["Fagrådet for legesamarbeid"], ANNE)
    caught_up(web)
    client = editor(site)
    form = client.get(f"{MERGE}?skrivemate=Fagr%C3%A5det+for+legesamarbeid&inn={FAG_ID}").text
    data = filled(form, {"reason": "Same fagråd"}, MERGE)
    assert (data["variants"], data["into"]) == (["Fagrådet for legesamarbeid"], [FAG_ID])
    saved = client.post(MERGE, data=data)
    assert (saved.status_code, saved.headers["Location"]) == (303, REGISTER)
    assert "Fagrådet for legesamarbeid" in app.get_community(COMMUNITY).body(FAG).aliases
    page = client.get(REGISTER).text
    assert notices(page) == [f"Fagrådet for legesamarbeid hører nå til {FAG}."]
    assert "«Fagrådet for legesamarbeid»" not in page


def test_a_body_merged_whole_warns_of_its_addresses_no_longer_reminded(site) -> None:
    _web, app = site
    app.add_body(COMMUNITY, "Fagråd Z", "fagleg", ANNE)
    app.set_body_contacts(COMMUNITY, "Fagråd Z", ["z@example.org"], ["z2@example.org"], ANNE)
    client = editor(site)
    data = filled(client.get(MERGE).text, {"variants": "Fagråd Z", "into": FAG_ID}, MERGE)
    assert client.post(MERGE, data=data).status_code == 303
    assert notices(client.get(REGISTER).text) == [
        f"Fagråd Z hører nå til {FAG}.",
        "Adressene til Fagråd Z (z@example.org, z2@example.org) blir ikke påminnet lenger: "
        f"påminnelsene går til adressene til {FAG}. Skal de med, gi {FAG} alle adressene "
        "under «Endre adresser».",
    ]


def test_a_merge_without_a_spelling_or_a_body_is_refused_at_both_fields(site) -> None:
    _web, app = site
    client = editor(site)
    before = event_count(app)
    data = filled(client.get(MERGE).text, {"variants": " \n", "reason": "Rydding"}, MERGE)
    refused = client.post(MERGE, data=data)
    assert refused.status_code == 422
    assert field_errors(refused.text) == {
        "variants": "Skriv minst én skrivemåte eller ett organ som skal slås sammen.",
        "into": "Velg organet skrivemåtene skal høre til.",
    }
    assert dict(form_fields(refused.text, MERGE))["reason"] == "Rydding"
    assert event_count(app) == before


def test_nynorsk_pages_say_the_refusal_in_nynorsk(site) -> None:
    client = editor(site)
    form = client.get(f"{CONTACTS}?lang=nn").text
    assert "<dt>Nivå</dt><dd>fagleg samarbeidsutval</dd>" in form
    data = filled(form, {"reporters": "leiar(at)example.org"}, CONTACTS)
    refused = client.post(CONTACTS, data=data)
    assert refused.status_code == 422
    assert field_errors(refused.text) == {
        "reporters": "«leiar(at)example.org» er ikkje ei e-postadresse (t.d. leiar@kommune.no)."
    }


@pytest.mark.parametrize("role", [Role.REPORTER, Role.AUDITOR, Role.APPROVER])
@pytest.mark.parametrize("path", [REGISTER, NEW, MERGE, CONTACTS])
def test_only_editors_reach_the_register(site, role: Role, path: str) -> None:
    web, app = site
    client = signed_in(web, person_with(app, role))
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", [NEW, MERGE, CONTACTS])
def test_a_reporter_cannot_post_to_the_register(site, path: str) -> None:
    web, app = site
    client = signed_in(web, person_with(app, Role.REPORTER))
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/profil").text)
    assert token is not None
    before = event_count(app)
    data = {"name": "X", "kind": "lokalt", "variants": "X", "into": FAG_ID,
            "reporters": "a@example.org", "csrf_token": token[1]}  # fmt: skip
    assert client.post(path, data=data).status_code == 403
    assert event_count(app) == before


def test_an_editor_of_another_community_is_refused(site) -> None:
    web, app = site
    person = person_with(app, Role.EDITOR)
    app.register_community("fonna", "Helsefellesskapet Fonna", ANNE)
    app.change_access(person, {Role.EDITOR}, [], ANNE, None, communities=["fonna"])
    caught_up(web)
    assert signed_in(web, person).get(REGISTER).status_code == 403


def test_a_community_that_does_not_exist_is_not_found(site) -> None:
    answer = editor(site).get("/helsefellesskap/finst-ikkje/organer")
    assert answer.status_code == 404
    assert "Fant ikke helsefellesskapet &#34;finst-ikkje&#34;." in answer.text
