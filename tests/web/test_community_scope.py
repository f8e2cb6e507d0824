"""A person or API token limited to some health communities reaches only their plans: the
drafts, the edits, the reports and the audit trail of other communities' plans are refused
(403, naming the community), while the adopted plans stay public. Checked on SQLite and
PostgreSQL, with a second community's plan beside the demo's."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from uuid import UUID

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, demo_table
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import ISSUER, SETUP, signed_in
from tests.web.test_audit_pages import csrf_from
from web.tokens import create_token

OWN = DEMO_COMMUNITY
OTHER = "vestre-viken"
OTHER_PLAN = "vestre-viken-2024"
BODY = "Fagråd for digital samhandling"
REFUSED = (
    "Du har ikke tilgang til helsefellesskapet vestre-viken (bare til st-olavs). "
    "Be en administrator om tilgang om du trenger det."
)


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    """The demo's community and plan, and another community's plan with a round open for the
    same body."""
    web, app = demo_on_database
    by = Provenance("Sekretariatet", Source.CLI, reason="Test", decision="ASU sak 1/24")
    app.register_community(OTHER, "Helsefellesskapet Vestre Viken", by)
    app.import_plan(OTHER_PLAN, demo_table(), OTHER, by)
    app.open_reporting_round(OTHER_PLAN, date(2024, 9, 30), [BODY], by)
    caught_up(web)
    return web, app


def someone(
    app: Planlogg, subject: str, roles: Iterable[Role], communities: Iterable[str] = ()
) -> UUID:
    person = app.add_person(ISSUER, subject, f"{subject}@helse.no", subject.title(), SETUP)
    app.grant_roles(person, roles, SETUP, communities=list(communities) or None)
    app.assign_reporting_bodies(person, [BODY], SETUP)
    return person


def edit_page(app: Planlogg, plan: str) -> str:
    return f"/planer/{plan}/tiltak/{app.get_plan(plan).find_measure('0.1.2').id}/endre"


def refusal(response: object) -> str:
    text: str = response.get_data(as_text=True)  # type: ignore[attr-defined]
    return text


def test_an_editor_of_one_community_edits_its_plan_and_not_anothers(site) -> None:
    web, app = site
    client = signed_in(web, someone(app, "vera", [Role.EDITOR], [OWN]))
    assert client.get(edit_page(app, KEY)).status_code == 200
    refused = client.get(edit_page(app, OTHER_PLAN))
    assert refused.status_code == 403
    assert REFUSED in refusal(refused)
    assert client.get(f"/planer/{OTHER_PLAN}/arbeidsversjon").status_code == 403
    assert client.get(f"/planer/{KEY}/arbeidsversjon").status_code == 200


def test_a_token_of_one_community_changes_its_plan_and_not_anothers(site) -> None:
    web, app = site
    clear, _record = create_token(
        web.extensions["planlogg"].tokens, "Vera", Role.EDITOR, communities=[OWN]
    )
    client = web.test_client()
    headers = {"Authorization": f"Bearer {clear}"}
    before = app.get_plan(OTHER_PLAN).find_measure("0.1.2").text
    refused = client.post(
        f"/api/plans/{OTHER_PLAN}/measures/0.1.2/text", json={"text": "Ny tekst"}, headers=headers
    )
    assert refused.status_code == 403
    assert refused.json["error"]["message"] == REFUSED
    assert app.get_plan(OTHER_PLAN).find_measure("0.1.2").text == before
    assert client.get(f"/api/plans/{OTHER_PLAN}/draft", headers=headers).status_code == 403
    allowed = client.post(
        f"/api/plans/{KEY}/measures/0.1.2/text", json={"text": "Ny tekst"}, headers=headers
    )
    assert allowed.status_code == 200, allowed.json
    assert app.get_plan(KEY).find_measure("0.1.2").text == "Ny tekst"


def test_a_token_creates_plans_and_decisions_only_for_its_own_communities(site) -> None:
    web, app = site
    clear, _record = create_token(
        web.extensions["planlogg"].tokens, "Vera", Role.EDITOR, communities=[OWN]
    )
    client = web.test_client()
    headers = {"Authorization": f"Bearer {clear}"}
    plan = {"title": "Ny plan", "first_year": 2025, "last_year": 2027}
    refused = client.post(
        "/api/plans", json={**plan, "key": "vv-ny", "owner": f" {OTHER}"}, headers=headers
    )
    assert (refused.status_code, refused.json["error"]["message"]) == (403, REFUSED)
    assert not app.plan_exists("vv-ny")
    created = client.post(
        "/api/plans", json={**plan, "key": "so-ny", "owner": OWN}, headers=headers
    )
    assert created.status_code == 201, created.json
    decision = {"case": "sak 2/24", "body": "ASU", "meeting_date": "2024-09-01", "text": "Vedtak."}
    for named in ({"community": OTHER}, {"community": OWN, "plan": OTHER_PLAN}):
        response = client.post("/api/decisions", json={**decision, **named}, headers=headers)
        assert (response.status_code, response.json["error"]["message"]) == (403, REFUSED)


def test_a_reporter_of_one_community_reports_only_for_its_plans(site) -> None:
    web, app = site
    client = signed_in(web, someone(app, "rita", [Role.REPORTER], [OWN]))
    assert client.get(f"/planer/{KEY}/rapportere").status_code == 200
    page = f"/planer/{OTHER_PLAN}/rapportere"
    assert client.get(page).status_code == 403
    measure = app.get_plan(OTHER_PLAN).find_measure("4.1.2").id
    form = {"csrf_token": csrf_from(client, f"/planer/{KEY}/rapportere"),
            f"status-{measure}": "red", f"kommentar-{measure}": "Ikke startet."}  # fmt: skip
    refused = client.post(f"{page}?organ={BODY}", data=form)
    assert refused.status_code == 403
    assert REFUSED in refusal(refused)
    assert app.get_plan(OTHER_PLAN).find_measure("4.1.2").status is None


def test_an_auditor_of_one_community_reads_only_its_audit_trail(site) -> None:
    web, app = site
    client = signed_in(web, someone(app, "revi", [Role.AUDITOR], [OWN]))
    assert client.get(f"/revisjon/{KEY}/endringer").status_code == 200
    assert client.get(f"/revisjon/?plan={KEY}").status_code == 200
    refused_paths = (
        f"/revisjon/{OTHER_PLAN}/endringer",
        f"/revisjon/?plan={OTHER_PLAN}",
        f"/revisjon/logg.csv?plan={OTHER_PLAN}",
        f"/planer/{OTHER_PLAN}/dashbord",
    )
    for path in refused_paths:
        refused = client.get(path)
        assert refused.status_code == 403, path
        assert REFUSED in refusal(refused), path


def test_an_auditor_of_one_community_reads_no_history_of_every_community(site) -> None:
    """On a page, the one plan they reach is shown instead; over the API, the request is
    refused, saying how to name a plan."""
    web, app = site
    client = signed_in(web, someone(app, "revi", [Role.AUDITOR], [OWN]))
    taken = client.get("/revisjon/?field=tekst")
    assert (taken.status_code, taken.headers["Location"]) == (
        302,
        f"/revisjon/?field=tekst&plan={KEY}",
    )
    assert client.get(taken.headers["Location"]).status_code == 200
    clear, _record = create_token(
        web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR, communities=[OWN]
    )
    headers = {"Authorization": f"Bearer {clear}"}
    assert web.test_client().get("/api/history", headers=headers).status_code == 403
    assert web.test_client().get(f"/api/history?plan={KEY}", headers=headers).status_code == 200
    other = web.test_client().get(f"/api/plans/{OTHER_PLAN}/history", headers=headers)
    assert (other.status_code, other.json["error"]["message"]) == (403, REFUSED)


def test_an_auditor_reaching_several_plans_is_offered_them_for_a_page_of_every_plan(
    site,
) -> None:
    web, app = site
    by = Provenance("Sekretariatet", Source.CLI, reason="Test")
    app.create_plan("st-olavs-rus-2025", "Rusplan St. Olavs", OWN, 2025, 2027, by)
    caught_up(web)
    client = signed_in(web, someone(app, "revi", [Role.AUDITOR], [OWN]))
    refused = client.get("/revisjon/vedtak")
    assert refused.status_code == 403
    page = refused.text
    assert (
        "Dette gjelder alle helsefellesskap, men du har bare tilgang til planene under. "
        "Velg en av dem."
    ) in refusal(refused)
    choices = page.split('<ul class="plan-choices">', 1)[1].split("</ul>", 1)[0]
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', choices)
    assert links == [
        (f"/revisjon/vedtak?plan={KEY}",
         "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"),
        ("/revisjon/vedtak?plan=st-olavs-rus-2025", "Rusplan St. Olavs"),
    ]  # fmt: skip
    assert client.get(links[1][0]).status_code == 200


def test_a_community_register_is_read_only_by_those_with_access_to_it(site) -> None:
    web, _app = site
    clear, _record = create_token(
        web.extensions["planlogg"].tokens, "Vera", Role.EDITOR, communities=[OWN]
    )
    headers = {"Authorization": f"Bearer {clear}"}
    own = web.test_client().get(f"/api/communities/{OWN}/bodies", headers=headers)
    assert own.status_code == 200
    other = web.test_client().get(f"/api/communities/{OTHER}/bodies", headers=headers)
    assert (other.status_code, other.json["error"]["message"]) == (403, REFUSED)


def test_adopted_plans_stay_public_to_a_person_of_another_community(site) -> None:
    web, app = site
    client = signed_in(web, someone(app, "vera", [Role.EDITOR], [OTHER]))
    assert client.get(f"/planer/{KEY}").status_code == 200
    assert client.get(f"/planer/{KEY}/arbeidsversjon").status_code == 403


def test_a_person_without_communities_reaches_every_community(site) -> None:
    """As everyone did before communities could be set: their events hold none."""
    web, app = site
    person = someone(app, "vera", [Role.EDITOR, Role.AUDITOR])
    assert "CommunitiesAssigned" not in {type(e).__name__ for e in app.events.get(person)}
    client = signed_in(web, person)
    for plan in (KEY, OTHER_PLAN):
        assert client.get(edit_page(app, plan)).status_code == 200
        assert client.get(f"/planer/{plan}/rapportere").status_code == 200
        assert client.get(f"/revisjon/{plan}/endringer").status_code == 200
    assert client.get("/revisjon/").status_code == 200


def test_a_scoped_administrator_gives_roles_only_within_their_community(site) -> None:
    web, app = site
    admin = signed_in(web, someone(app, "ada", [Role.ADMINISTRATOR], [OWN]))
    kari = app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari", SETUP)
    page = f"/admin/personer/{kari}"
    shown = admin.get(page).get_data(as_text=True)
    assert 'name="community" value="st-olavs"' in shown
    form = {"csrf_token": csrf_from(admin, page), "version": "1", "role": ["editor"]}
    refused = admin.post(page, data=form)
    assert refused.status_code == 422
    assert "Du kan bare gi roller i st-olavs. Velg helsefellesskap for Kari." in refusal(refused)
    assert app.get_person(kari).roles == []
    saved = admin.post(page, data={**form, "community": [OWN]})
    assert saved.status_code == 302
    found = app.get_person(kari)
    assert (found.roles, found.communities) == (["editor"], (OWN,))
    listed = admin.get("/admin/personer").get_data(as_text=True)
    assert "<td>st-olavs</td>" in listed


def test_a_person_of_one_community_lands_on_its_own_plan(site: tuple[Flask, Planlogg]) -> None:
    """The landing page was the first plan of all, another community's for someone limited
    to a community whose key sorts later: refused (403) right after signing in."""
    web, app = site
    for roles in ([Role.EDITOR], [Role.AUDITOR], [Role.REPORTER]):
        client = signed_in(web, someone(app, f"other-{roles[0]}", roles, [OTHER]))
        landed = client.get("/ingen-tilgang")
        assert landed.headers["Location"] == f"/planer/{OTHER_PLAN}/dashbord"
        assert client.get(landed.headers["Location"]).status_code == 200


def test_a_person_of_a_community_without_plans_lands_on_the_public_plans(
    site: tuple[Flask, Planlogg],
) -> None:
    web, app = site
    by = Provenance("Sekretariatet", Source.CLI, reason="Test", decision="ASU sak 1/24")
    app.register_community("fonna", "Helsefellesskapet Fonna", by)
    for roles in ([Role.EDITOR], [Role.AUDITOR]):
        client = signed_in(web, someone(app, f"fonna-{roles[0]}", roles, ["fonna"]))
        landed = client.get("/ingen-tilgang")
        assert landed.headers["Location"] == "/"
        assert client.get("/").status_code == 200


def test_a_limited_auditors_menu_names_their_plan_and_leads_where_they_may_read(
    site: tuple[Flask, Planlogg],
) -> None:
    """The menu's history and decisions linked to every plan's, refused to them (403); the
    chain check covers every community's events, so it is not offered."""
    web, app = site
    client = signed_in(web, someone(app, "rita-other", [Role.AUDITOR], [OTHER]))
    page = client.get(f"/planer/{OTHER_PLAN}/dashbord").get_data(as_text=True)
    assert f'href="/revisjon/?plan={OTHER_PLAN}"' in page
    assert f'href="/revisjon/vedtak?plan={OTHER_PLAN}"' in page
    assert 'href="/revisjon/kontroll"' not in page
    assert client.get(f"/revisjon/?plan={OTHER_PLAN}").status_code == 200
    assert client.get(f"/revisjon/vedtak?plan={OTHER_PLAN}").status_code == 200
    unlimited = signed_in(web, someone(app, "rita-all", [Role.AUDITOR]))
    page = unlimited.get(f"/planer/{OTHER_PLAN}/dashbord").get_data(as_text=True)
    assert 'href="/revisjon/"' in page and 'href="/revisjon/kontroll"' in page


def test_a_limited_token_signed_in_on_the_page_lands_on_its_own_plan(
    site: tuple[Flask, Planlogg],
) -> None:
    web, _app = site
    clear, _record = create_token(
        web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR, communities=[OTHER]
    )
    client = web.test_client()
    token = csrf_from(client, "/logg-inn")
    answer = client.post("/logg-inn", data={"token": clear, "csrf_token": token})
    assert answer.headers["Location"] == f"/planer/{OTHER_PLAN}/dashbord"


@pytest.mark.parametrize("plan", ["+", "%20", "finst-ikkje", ""])
def test_a_plan_that_names_no_plan_gets_no_limited_auditor_past_every_communitys_reads(
    site: tuple[Flask, Planlogg], plan: str
) -> None:
    """A blank plan, or one that does not exist, named no community and so passed the check,
    and the page then read every plan (the CSV held the other community's whole trail)."""
    web, app = site
    client = signed_in(web, someone(app, "revi-blank", [Role.AUDITOR], [OWN]))
    clear, _record = create_token(
        web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR, communities=[OWN]
    )
    headers = {"Authorization": f"Bearer {clear}"}
    for path in ("/revisjon/", "/revisjon/logg.csv", "/revisjon/vedtak"):
        taken = client.get(f"{path}?plan={plan}")
        assert (taken.status_code, taken.headers["Location"]) == (302, f"{path}?plan={KEY}")
    for path in ("/api/history", "/api/decisions"):
        assert web.test_client().get(f"{path}?plan={plan}", headers=headers).status_code == 403


def test_the_chain_check_spans_every_community_whatever_plan_is_named(
    site: tuple[Flask, Planlogg],
) -> None:
    web, app = site
    client = signed_in(web, someone(app, "revi-chain", [Role.AUDITOR], [OWN]))
    clear, _record = create_token(
        web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR, communities=[OWN]
    )
    headers = {"Authorization": f"Bearer {clear}"}
    refused = client.get(f"/revisjon/kontroll?plan={KEY}")
    assert refused.status_code == 403
    assert (
        "Kontrollen gjelder hendelsene til alle helsefellesskap, men du har bare tilgang til "
        "st-olavs. Be en administrator om tilgang til alle om du trenger den."
    ) in refusal(refused)
    verify = web.test_client().get(f"/api/chain/verify?plan={KEY}", headers=headers)
    assert verify.status_code == 403
    health = client.get(f"/healthz?plan={KEY}").json
    assert "error" not in health["database"]
    everyone = signed_in(web, someone(app, "revi-all", [Role.AUDITOR]))
    assert everyone.get("/revisjon/kontroll").status_code == 200


def test_the_decisions_api_shows_a_limited_caller_no_other_communitys_decision(
    site: tuple[Flask, Planlogg],
) -> None:
    """Case numbers repeat across communities: the other community's "ASU sak 40/24", and the
    draft change citing it, came with the caller's own plan's decisions."""
    web, app = site
    by = Provenance("Sekretariatet", Source.CLI, reason="Test")
    app.record_decision(
        OTHER, "ASU sak 40/24", "ASU", date(2024, 6, 13), "Vestre Viken sitt", by, plan=OTHER_PLAN
    )
    citing = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 40/24")
    app.reword_measure(OTHER_PLAN, "0.1.2", "HEMMELIG utkast VV", citing)
    caught_up(web)
    everyone, _ = create_token(web.extensions["planlogg"].tokens, "Alle", Role.AUDITOR)
    clear, _record = create_token(
        web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR, communities=[OWN]
    )
    path = f"/api/decisions?plan={KEY}"
    web.test_client().get(path, headers={"Authorization": f"Bearer {everyone}"})
    answer = web.test_client().get(path, headers={"Authorization": f"Bearer {clear}"})
    assert answer.status_code == 200
    assert "Vestre Viken sitt" not in answer.get_data(as_text=True)
    assert "HEMMELIG" not in answer.get_data(as_text=True)
    assert [d["community"] for d in answer.json] == [OWN] * len(answer.json)


PERSON_LINK = re.compile(r'<a href="/admin/personer/([0-9a-f-]{36})">')


def test_a_scoped_administrator_sees_only_the_people_their_community_shares(site) -> None:
    """People limited to another community are not theirs to read: their e-mail and roles
    are that community's business. Those whose roles reach every community, or who have no
    roles yet (waiting to be given some), are listed to every administrator."""
    web, app = site
    admin = signed_in(web, someone(app, "ada", [Role.ADMINISTRATOR], [OWN]))
    olav = someone(app, "olav", [Role.EDITOR], [OTHER])
    both = someone(app, "bodil", [Role.EDITOR], [OTHER, OWN])
    someone(app, "rune", [Role.EDITOR])
    app.add_person(ISSUER, "sub-ny", "ny@helse.no", "Ny", SETUP)
    caught_up(web)
    listed = set(PERSON_LINK.findall(admin.get("/admin/personer").get_data(as_text=True)))
    assert listed == {str(p.id) for p in app.people()} - {str(olav)}
    assert str(both) in listed
    searched = admin.get("/admin/personer?search=olav").get_data(as_text=True)
    assert "Ingen personer passer søket." in searched
    assert "olav@helse.no" not in searched
    counted = admin.get("/admin/personer?search=helse.no").get_data(as_text=True)
    assert "<caption>4 av 4 personer</caption>" in counted
    refused = admin.get(f"/admin/personer/{olav}")
    assert refused.status_code == 403
    assert "Personen hører til et helsefellesskap du ikke har tilgang til" in refusal(refused)
    assert "Olav" not in refusal(refused) and OTHER not in refusal(refused)
    page = f"/admin/personer/{both}"
    form = {"csrf_token": csrf_from(admin, page), "version": "3", "role": ["editor"]}
    posted = admin.post(f"/admin/personer/{olav}", data={**form, "community": [OWN]})
    assert posted.status_code == 403
    assert app.get_person(olav).communities == (OTHER,)
    everyone = signed_in(web, someone(app, "ida", [Role.ADMINISTRATOR]))
    assert everyone.get(f"/admin/personer/{olav}").status_code == 200


def test_an_auditor_of_another_community_is_offered_no_audit_links_on_a_public_plan(
    site,
) -> None:
    """The public plan links its auditors' pages for auditors who may read them: one of
    another community was offered links that answered 403."""
    web, app = site
    other = signed_in(web, someone(app, "rita", [Role.AUDITOR], [OTHER]))
    own = signed_in(web, someone(app, "ola", [Role.AUDITOR], [OWN]))
    links = f'<a href="/revisjon/{KEY}/per-dato">'
    assert links not in other.get(f"/planer/{KEY}").get_data(as_text=True)
    assert links in own.get(f"/planer/{KEY}").get_data(as_text=True)
    assert other.get(f"/revisjon/{KEY}/per-dato").status_code == 403


def test_the_front_page_offers_a_reporter_the_status_form_of_each_working_version_they_reach(
    site,
) -> None:
    web, app = site
    reporter = signed_in(web, someone(app, "rapportør", [Role.REPORTER], [OWN]))
    auditor = signed_in(web, someone(app, "rita", [Role.AUDITOR], [OWN]))
    page = reporter.get("/").get_data(as_text=True)
    assert re.findall(r'<a class="plan-action" href="([^"]+)">Rapporter status', page) == [
        f"/planer/{KEY}/rapportere"
    ]
    assert 'class="plan-action"' not in auditor.get("/").get_data(as_text=True)
    assert 'class="plan-action"' not in web.test_client().get("/").get_data(as_text=True)
