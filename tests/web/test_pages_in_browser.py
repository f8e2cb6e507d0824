"""Every page in headless Chromium, on a desktop and a 390-pixel phone: axe-core finds no
WCAG 2.1 AA (or best-practice) violation, and a screenshot of each goes to
test-artifacts/sider/. Editing with the keyboard only, a stale edit refused, an approval,
and a measure's number, text, body and status in view on a phone.

Planlogg runs under waitress as `planlogg serve` builds it, on the demo plan. People are
signed in by the session cookie a sign-in leaves (as `tests.web.signed_in` does for the
test client; the sign-in itself is tested in test_oidc_browser.py), and the browser may
reach only 127.0.0.1.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote
from uuid import UUID

import pytest

from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.norwegian_time import oslo_today
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.loopback_server import loopback_server
from tests.web.test_browser import ARTIFACTS, CHROMIUM_ARGS
from web.auth import PERSON_KEY, SIGNED_IN_AT
from web.cli.serve_commands import Server, build_server

pytestmark = pytest.mark.browser

KEY = DEMO_PLAN
PAGES = ARTIFACTS / "sider"
VIEWPORTS = {"desktop": (1280, 900), "mobil": (390, 844)}
NOT_LOOPBACK = re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*")
ISSUER = "https://idp.example"
SETUP = Provenance("Drift", Source.CLI)
PEOPLE = {
    "editor": ("Eli Redaktør", Role.EDITOR),
    "editor2": ("Emil Redaktør", Role.EDITOR),
    "approver": ("Anders Godkjenner", Role.APPROVER),
    "auditor": ("Rita Revisor", Role.AUDITOR),
    "reporter": ("Reidun Rapportør", Role.REPORTER),
    "admin": ("Ada Admin", Role.ADMINISTRATOR),
    "nobody": ("Ola Uten Rolle", None),
}


@dataclass
class Site:
    base: str
    server: Server
    people: dict[str, UUID]

    def measure_url(self, number: str) -> str:
        measure = self.server.app.get_plan(KEY).find_measure(number)
        return f"/planer/{KEY}/tiltak/{measure.id}/endre"

    def restore_url(self, number: str) -> str:
        """The restoring of the removed measure that had `number`."""
        measures = self.server.app.get_plan(KEY).measures.values()
        found = next(m for m in measures if m.removed and m.number == number)
        return f"/planer/{KEY}/tiltak/{found.id}/gjenopprett"

    def caught_up(self) -> None:
        self.server.web.extensions["planlogg"].read_models.read_your_writes()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    server = build_server(f"sqlite:///{tmp_path / 'p.sqlite'}", sync=False)
    people = {}
    for subject, (name, role) in PEOPLE.items():
        email = f"{subject}@helse.no"
        people[subject] = server.app.add_person(ISSUER, subject, email, name, SETUP)
        if role is not None:
            server.app.grant_roles(people[subject], [role], SETUP)
    server.start_background()
    with loopback_server(server.web) as base:
        found = Site(base, server, people)
        found.caught_up()
        yield found
    server.shutdown()


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    PAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def open_page(browser: Any, site: Site, who: str | None = None, viewport: str = "desktop") -> Any:
    """A page in a fresh context (its own cookies), signed in as `who`, loopback only."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="nb-NO", timezone_id="Europe/Oslo"
    )
    context.route(NOT_LOOPBACK, lambda route: route.abort())
    if who is not None:
        web = site.server.web
        value = web.session_interface.get_signing_serializer(web).dumps(  # type: ignore[attr-defined]
            {PERSON_KEY: str(site.people[who]), SIGNED_IN_AT: time.time()}
        )
        name = web.config["SESSION_COOKIE_NAME"]
        context.add_cookies([{"name": name, "value": value, "url": site.base}])
    return context.new_page()


def axe_violations(page: Any) -> list[str]:
    """What axe-core finds on the page as it is now, one line per rule broken."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in found]


def screenshot(page: Any, name: str, viewport: str) -> None:
    page.screenshot(path=str(PAGES / f"{name}-{viewport}.png"), full_page=True)


REPORTING_BODY = quote("Fagråd for digital samhandling")
BODIES = f"/helsefellesskap/{DEMO_COMMUNITY}/organer"


def pages_to_visit(site: Site) -> list[tuple[str, str | None, str, int]]:
    """Every page: its name, who looks at it, its path and the status it answers with."""
    return [
        ("forside", None, "/", 200),
        ("forside-innlogget", "editor", "/", 200),
        ("plan", None, f"/planer/{KEY}", 200),
        ("plan-versjon-1", None, f"/planer/{KEY}/versjoner/1", 200),
        ("plan-nynorsk", None, f"/planer/{KEY}?lang=nn", 200),
        ("logg-inn", None, "/logg-inn", 200),
        ("logget-ut", None, "/logget-ut", 200),
        ("finnes-ikke", None, "/planer/finst-ikkje", 404),
        ("arbeidsversjon", "editor", f"/planer/{KEY}/arbeidsversjon", 200),
        ("endre-tiltak", "editor", site.measure_url("2.1.1"), 200),
        ("nytt-tiltak", "editor", f"/planer/{KEY}/tiltak/nytt?goal=2.1", 200),
        ("nytt-tiltak-uten-mål", "editor", f"/planer/{KEY}/tiltak/nytt", 200),
        ("fjern-tiltak", "editor", site.measure_url("2.1.1").replace("/endre", "/fjern"), 200),
        ("gjenopprett-tiltak", "editor", site.restore_url("6.1.2"), 200),
        ("nytt-innsatsomrade", "editor", f"/planer/{KEY}/innsatsomrader/nytt", 200),
        ("endre-innsatsomrade", "editor", f"/planer/{KEY}/innsatsomrader/2/endre", 200),
        ("nytt-mal", "editor", f"/planer/{KEY}/mal/nytt?area=2", 200),
        ("endre-mal", "editor", f"/planer/{KEY}/mal/2.1/endre", 200),
        ("fjern-mal", "editor", f"/planer/{KEY}/mal/3.4/fjern", 200),
        ("fjern-mal-med-tiltak", "editor", f"/planer/{KEY}/mal/2.1/fjern", 200),
        ("dashbord", "editor", f"/planer/{KEY}/dashbord", 200),
        ("dashbord-nynorsk", "editor", f"/planer/{KEY}/dashbord?lang=nn", 200),
        ("profil", "editor", "/profil", 200),
        ("rapportere", "editor", f"/planer/{KEY}/rapportere?organ={REPORTING_BODY}", 200),
        ("godkjenning-ingen-innsending", "approver", f"/planer/{KEY}/godkjenning", 200),
        ("godkjenning-endringer", "approver", f"/planer/{KEY}/godkjenning/endringer", 200),
        ("revisjonslogg", "auditor", f"/revisjon/?plan={KEY}&measure=0.1.2", 200),
        ("tidslinje", "auditor", f"/revisjon/{KEY}/tiltak/0.1.2", 200),
        ("tidslinje-redaktor", "editor", f"/revisjon/{KEY}/tiltak/0.1.2", 200),
        ("per-dato", "auditor", f"/revisjon/{KEY}/per-dato?dato={oslo_today()}", 200),
        ("per-dato-for-planen", "auditor", f"/revisjon/{KEY}/per-dato?dato=2000-01-01", 404),
        (
            "per-dato-for-planen-nynorsk",
            "auditor",
            f"/revisjon/{KEY}/per-dato?dato=2000-01-01&lang=nn",
            404,
        ),
        ("endringer", "auditor", f"/revisjon/{KEY}/endringer", 200),
        ("endringer-nynorsk", "auditor", f"/revisjon/{KEY}/endringer?lang=nn", 200),
        ("kontroll", "auditor", "/revisjon/kontroll", 200),
        ("vedtak", "auditor", f"/revisjon/vedtak?plan={KEY}", 200),
        ("horing", "auditor", f"/revisjon/{KEY}/horinger/2", 200),
        ("evaluering", "editor", site.measure_url("1.3.1").replace("/endre", "/evaluer"), 200),
        ("personer", "admin", "/admin/personer", 200),
        ("personer-nynorsk", "admin", "/admin/personer?lang=nn", 200),
        ("personer-uten-rolle", "admin", "/admin/personer?roleless=1", 200),
        ("personer-ingen-treff-nynorsk", "admin", "/admin/personer?lang=nn&search=zz", 200),
        ("person-nynorsk", "admin", f"/admin/personer/{site.people['reporter']}?lang=nn", 200),
        ("person", "admin", f"/admin/personer/{site.people['reporter']}", 200),
        ("organregister", "editor", BODIES, 200),
        ("organregister-nynorsk", "editor", f"{BODIES}?lang=nn", 200),
        ("nytt-organ", "editor", f"{BODIES}/nytt", 200),
        ("organ-adresser", "editor", f"{BODIES}/fagrad-for-legesamarbeid/adresser", 200),
        ("sla-sammen-skrivemater", "editor", f"{BODIES}/alias?skrivemate=Fagr%C3%A5d", 200),
        ("ikke-tilgang-til-organregisteret", "auditor", BODIES, 403),
        ("ingen-tilgang", "nobody", "/ingen-tilgang", 403),
        ("ikke-tilgang-til-skjema", "reporter", site.measure_url("2.1.1"), 403),
        ("ikke-tilgang-til-nytt-tiltak", "reporter", f"/planer/{KEY}/tiltak/nytt", 403),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_passes_axe_on_a_desktop_and_a_phone(
    site: Site, browser: Any, viewport: str
) -> None:
    """One test per screen size, so the suite's two processes share the pages: as one test,
    its 54 pages (now 64) were 3.6 minutes of one process on a slower machine, run near the end."""
    the_secretariats_year(site)
    violations: dict[str, list[str]] = {}
    answers: dict[str, tuple[int, str]] = {}
    for name, who, path, _ in pages_to_visit(site):
        page = open_page(browser, site, who, viewport)
        answers[name] = (page.goto(site.base + path).status, page.url)
        screenshot(page, name, viewport)
        found = axe_violations(page)
        if found:
            violations[name] = found
        page.context.close()
    expected = {name: (status, site.base + path) for name, _, path, status in pages_to_visit(site)}
    assert answers == expected
    assert violations == {}


def the_secretariats_year(site: Site) -> None:
    """A hearing with a response and an answer, an evaluation, reminders "kanskje sendt"
    and refused (with their buttons on the dashboard), a removed measure (restored from the
    working version), a goal without measures (one that may be removed) and a measure's text
    edited by a few words (marked in its timeline), so their pages have content."""
    app = site.server.app
    reminders_to_settle(site)
    app.send_on_hearing(
        KEY, date(2025, 3, 1), SETUP, asked=["Trondheim kommune", "PKO"], sent_on=date(2025, 2, 3)
    )
    app.receive_hearing_response(KEY, "Trondheim kommune", "Nemn fastlegane.", SETUP,
                                 attachments=["https://example.org/trondheim.pdf"])  # fmt: skip
    app.receive_hearing_response(KEY, "PKO", "Ingen merknader.", SETUP)
    app.reword_measure(KEY, "0.1.2", "Årshjul med fastlegane", SETUP)
    app.reword_measure(KEY, "0.1.2", "Felles årshjul med fastlegane og legevakta", SETUP)
    app.answer_hearing_response(KEY, "F1", "Teke til følgje i 0.1.2.", SETUP)
    app.set_evaluation_plan(KEY, "1.3.1", {"objective": "Felles rutine", "end": "2024"}, SETUP)
    app.evaluate_measure(KEY, "1.3.1", 2024, "delvis", "Tre kommunar har rutinen.", "endre",
                         "Fagråd for legesamarbeid", SETUP)  # fmt: skip
    app.remove_measure(KEY, "6.1.2", SETUP)
    app.add_goal(KEY, "3.4", "Felles rutinar for legemiddel", SETUP)
    site.caught_up()


def reminders_to_settle(site: Site) -> None:
    """The secretariat's after-deadline reminder "kanskje sendt", the digital council's refused."""
    app = site.server.app
    register = app.body_register(DEMO_COMMUNITY)
    for name, refused in (("Sekretariat", False), ("Fagråd for digital samhandling", True)):
        body = register.key_of(name)
        attempt = app.intend_reminder(KEY, "R1", body, -1, ("leiar@example.org",), SETUP)
        if refused:
            app.record_reminder_outcome(KEY, "R1", body, -1, attempt, False, "550", SETUP)
    site.caught_up()


def tab_to(page: Any, selector: str, limit: int = 150) -> None:
    """Press Tab until the element matching `selector` has the focus (at most `limit` times)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focus_is_visible(page: Any) -> bool:
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; }"
    )
    return bool(style[0] != "none" and style[1] != "0px")


def test_an_editor_changes_a_measure_with_the_keyboard_only(site: Site, browser: Any) -> None:
    page = open_page(browser, site, "editor")
    page.goto(f"{site.base}/planer/{KEY}/arbeidsversjon")
    tab_to(page, f"a[href='{site.measure_url('0.1.1')}']")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/endre")
    tab_to(page, "#felt-tiltak")
    assert focus_is_visible(page)
    page.keyboard.press("Control+A")
    page.keyboard.type("Samordne AU og sekretariatet, skrevet med tastaturet.")
    tab_to(page, "#felt-tema-6-2-12")
    page.keyboard.press("Space")
    tab_to(page, "#reason")
    page.keyboard.type("Tastaturprøve")
    tab_to(page, "form.edit-form button[type=submit]")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/arbeidsversjon?lagret=0.1.1*")
    assert page.get_by_role("status").inner_text() == "Endringene i tiltak 0.1.1 er lagret."
    row = page.locator("#tiltak-0\\.1\\.1")
    assert "Samordne AU og sekretariatet, skrevet med tastaturet." in row.inner_text()
    measure = site.server.app.get_plan(KEY).find_measure("0.1.1")
    assert measure.topics == (12,)
    screenshot(page, "arbeidsversjon-lagret", "desktop")


def test_a_stale_edit_is_refused_with_both_texts_shown(site: Site, browser: Any) -> None:
    url = site.base + site.measure_url("0.1.2")
    first, second = open_page(browser, site, "editor"), open_page(browser, site, "editor2")
    first.goto(url)
    second.goto(url)
    first.get_by_label("Tiltak", exact=True).fill("Årshjul for 2025, vedtatt i ASU.")
    first.get_by_role("button", name="Lagre endringene").click()
    first.wait_for_url("**/arbeidsversjon?lagret=0.1.2*")
    second.get_by_label("Tiltak", exact=True).fill("Årshjul med rapportering hver måned.")
    second.get_by_role("button", name="Lagre endringene").click()
    alert = second.get_by_role("alert")
    heading = alert.get_by_role("heading").inner_text()
    assert heading == "Tiltaket er endret etter at du åpnet skjemaet"
    assert "av Eli Redaktør (editor@helse.no), kilde: nett." in alert.inner_text()
    assert second.get_by_label("Tiltak", exact=True).input_value() == (
        "Årshjul for 2025, vedtatt i ASU."
    )
    typed = second.get_by_label("Det du skrev i Tiltak (ikke lagret)")
    assert typed.input_value() == "Årshjul med rapportering hver måned."
    assert site.server.app.get_plan(KEY).find_measure("0.1.2").text == (
        "Årshjul for 2025, vedtatt i ASU."
    )
    assert axe_violations(second) == []
    screenshot(second, "endre-tiltak-avvist", "desktop")
    second.set_viewport_size({"width": 390, "height": 844})
    screenshot(second, "endre-tiltak-avvist", "mobil")
    second.get_by_label("2023").fill("kanskje")
    second.get_by_role("button", name="Lagre endringene").click()
    summary = second.get_by_role("alert")
    assert "2023: " in summary.get_by_role("link").first.inner_text()
    assert axe_violations(second) == []
    screenshot(second, "endre-tiltak-feil", "mobil")


def test_a_status_report_made_meanwhile_is_named_not_overwritten(site: Site, browser: Any) -> None:
    """Two people report one body's status at once: the second to save is told, in their
    own målform, who reported what; what they typed stays in the form."""
    app = site.server.app
    plan = app.get_plan(KEY)
    register = app.body_register(plan.header.owner)
    body = register.key_of("Fagråd for digital samhandling")
    measure = next(m for m in plan.reporting_measures()
                   if body in map(register.key_of, m.responsible))  # fmt: skip
    url = f"{site.base}/planer/{KEY}/rapportere?organ={REPORTING_BODY}"
    first, second = open_page(browser, site, "editor"), open_page(browser, site, "editor2")
    first.goto(url)
    second.goto(url + "&lang=nn")
    first.check(f"#status-{measure.id}-green")
    first.fill(f"#kommentar-{measure.id}", "Ferdig i mars.")
    first.get_by_role("button", name="Lagre status").click()
    first.wait_for_url("**lagret=1*")
    second.check(f"#status-{measure.id}-red")
    second.fill(f"#kommentar-{measure.id}", "Stoppa.")
    second.get_by_role("button", name="Lagre status").click()

    alert = second.get_by_role("alert")
    assert alert.get_by_role("heading").inner_text() == "Statusrapporten blei ikkje lagra"
    assert (
        f"Tiltak {measure.number} blei rapportert av Eli Redaktør (editor@helse.no) medan du "
        "fylte ut skjemaet: grøn, «Ferdig i mars.»." in alert.inner_text()
    )
    assert second.locator(f"#kommentar-{measure.id}").input_value() == "Stoppa."
    status = app.get_plan(KEY).measure(measure.id).status
    assert status is not None and status.comment == "Ferdig i mars."
    assert axe_violations(second) == []
    screenshot(second, "rapportere-samtidig-nynorsk", "desktop")
    second.set_viewport_size({"width": 390, "height": 844})
    screenshot(second, "rapportere-samtidig-nynorsk", "mobil")

    second.get_by_role("button", name="Lagre status").click()
    second.wait_for_url("**lagret=1*")
    first.fill(f"#kommentar-{measure.id}", "Ferdig i april.")
    first.get_by_role("button", name="Lagre status").click()
    alert = first.get_by_role("alert")
    assert alert.get_by_role("heading").inner_text() == "Statusrapporten ble ikke lagret"
    assert (
        f"Tiltak {measure.number} ble rapportert av Emil Redaktør (editor2@helse.no) mens du "
        "fylte ut skjemaet: rød, «Stoppa.»." in alert.inner_text()
    )
    assert axe_violations(first) == []
    screenshot(first, "rapportere-samtidig", "desktop")
    first.set_viewport_size({"width": 390, "height": 844})
    screenshot(first, "rapportere-samtidig", "mobil")


def approve_in_browser(page: Any, body: str, case: str, day: str) -> None:
    """Record `body`'s approval on the approval page, with the keyboard's Enter."""
    page.get_by_label("Organ").select_option(body)
    page.get_by_label("Saksnummer").fill(case)
    page.get_by_label("Møtedato").fill(day)
    page.get_by_label("Møtedato").press("Enter")
    page.wait_for_url(f"**/godkjenning?godkjent={body}*")


def withdraw_in_browser(page: Any, body: str, reason: str) -> None:
    """Open the withdrawal under `body`'s approval and send it with `reason`; the page with
    the form open, and the one after, pass axe, and are shown on a desktop and a phone."""
    page.get_by_text(f"Trekk tilbake godkjenningen fra {body} ").click()
    page.get_by_label("Hvorfor trekkes godkjenningen tilbake?").fill(reason)
    assert axe_violations(page) == []
    screenshot(page, "godkjenning-trekk-tilbake", "desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "godkjenning-trekk-tilbake", "mobil")
    page.get_by_role("button", name="Trekk tilbake godkjenningen").click()
    page.wait_for_url(f"**/godkjenning?trukket={body}*")
    assert page.get_by_role("status").inner_text() == (
        f"Godkjenningen fra {body} er trukket tilbake. {body} venter på nytt."
    )
    assert axe_violations(page) == []
    screenshot(page, "godkjenning-trukket-tilbake", "mobil")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_approver_records_the_approvals_that_adopt_a_version(site: Site, browser: Any) -> None:
    site.server.app.submit(KEY, ["ASU", "PSU"], SETUP)
    site.caught_up()
    page = open_page(browser, site, "approver")
    page.goto(f"{site.base}/planer/{KEY}/godkjenning")
    assert axe_violations(page) == []
    screenshot(page, "godkjenning", "desktop")
    approve_in_browser(page, "ASU", "sak 11/25", "13.03.2025")
    withdraw_in_browser(page, "ASU", "Feil saksnummer")
    for body, case, day in (("ASU", "sak 12/25", "13.03.2025"), ("PSU", "sak 03/25", "20.03.2025")):
        approve_in_browser(page, body, case, day)
    notice = page.get_by_role("status").inner_text()

    assert "Alle organer har godkjent: planen er nå vedtatt." in notice
    screenshot(page, "godkjenning-vedtatt", "desktop")
    public = open_page(browser, site)
    answer = public.goto(f"{site.base}/planer/{KEY}")
    assert answer is not None and answer.header_value("content-encoding") == "gzip"
    assert "Vedtatt versjon 2, gjeldende." in public.locator(".lead").inner_text()
    assert public.locator(".approvals li").all_inner_texts() == [
        "ASU sak 12/25, møte 13.03.2025",
        "PSU sak 03/25, møte 20.03.2025",
    ]
    auditor = open_page(browser, site, "auditor")
    auditor.goto(f"{site.base}/revisjon/{KEY}/endringer?a=1&b=2")
    changed = auditor.locator("table.history tbody tr").all_inner_texts()
    assert changed == ["0.1.2\ttekst\tUtarbeide årshjul.\tUtarbeide årshjul for 2025 med faste "
                       "rapporteringspunkt."]  # fmt: skip
    assert axe_violations(auditor) == []
    for viewport, size in VIEWPORTS.items():
        auditor.set_viewport_size({"width": size[0], "height": size[1]})
        screenshot(auditor, "endringer-1-2", viewport)


@pytest.mark.parametrize("path", [f"/planer/{KEY}", f"/planer/{KEY}/arbeidsversjon"])
def test_on_a_phone_a_measure_shows_its_number_text_body_and_status(
    site: Site, browser: Any, path: str
) -> None:
    page = open_page(browser, site, "editor", "mobil")
    page.goto(site.base + path)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    row = page.locator("#tiltak-1\\.2\\.1")
    row.scroll_into_view_if_needed()
    for part in ("th.number", "td.text", "td.responsible", "td.status"):
        box = row.locator(part).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, part
    assert row.locator("td.status").inner_text().split() == ["gul", "02.09.2024"]
    labels = row.evaluate(
        "(row) => [...row.querySelectorAll('td[data-label]')].filter((td) => td.offsetParent)"
        ".map((td) => getComputedStyle(td, '::before').content)"
    )
    assert labels == ['"Ansvar: "', '"2022: "', '"2023: "', '"Status: "']
    row.screenshot(path=str(PAGES / f"tiltakskort-{path.rsplit('/', 1)[-1]}-mobil.png"))


def test_an_editor_confirms_a_kanskje_sendt_reminder_from_the_dashboard(
    site: Site, browser: Any
) -> None:
    reminders_to_settle(site)
    page = open_page(browser, site, "editor")
    page.goto(f"{site.base}/planer/{KEY}/dashbord")
    assert axe_violations(page) == []
    resend = "Send på nytt (påminnelsen til Fagråd for digital samhandling, 1 dag etter fristen)"
    assert page.get_by_role("button", name=resend).count() == 1

    page.get_by_role(
        "button", name="Bekreft sendt (påminnelsen til Sekretariat, 1 dag etter fristen)"
    ).click()

    assert page.get_by_role("status").first.inner_text() == (
        "Påminnelsen til Sekretariat (1 dag etter fristen) er bekreftet sendt."
    )
    assert page.get_by_role("button", name=re.compile("Bekreft sendt")).count() == 0
    assert axe_violations(page) == []
    screenshot(page, "dashbord-paaminnelse-bekreftet", "desktop")


def test_on_a_phone_the_dashboards_charts_are_read_at_their_size_and_scroll_in_their_box(
    site: Site, browser: Any
) -> None:
    """A chart 720 units wide shrunk into a phone's width drew its labels about 6 px high;
    it keeps a width its labels can be read at, and scrolls sideways inside its own box."""
    page = open_page(browser, site, "editor", "mobil")
    page.goto(f"{site.base}/planer/{KEY}/dashbord")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    heights = [
        box["height"]
        for label in page.locator(".chart-wrap .chart-label").all()
        if (box := label.bounding_box()) is not None
    ]
    rows = page.locator("section[aria-labelledby^=per-] table tbody tr").count()
    assert (len(heights), rows > 7) == (rows + 2 * 4, True)  # and each chart's four-part legend
    assert min(heights) >= 10, heights


def test_an_editor_changes_the_title_and_period_and_a_change_made_meanwhile_is_named(
    site: Site, browser: Any
) -> None:
    """The folded «Endre tittel og planperiode» open passes axe on a desktop and a phone, in
    bokmål and nynorsk; saved on a title someone else set since, the page says who set it to
    what (409), what was typed kept, and passes axe too."""
    url = f"{site.base}/planer/{KEY}/arbeidsversjon"
    for målform, summary in (("nb", "Endre tittel og planperiode"), ("nn", None)):
        for viewport in VIEWPORTS:
            page = open_page(browser, site, "editor", viewport)
            page.goto(f"{url}?lang={målform}")
            page.locator("details.plan-header summary").click()
            assert page.locator("details.plan-header").get_attribute("open") == ""
            if summary:
                assert page.locator("details.plan-header summary").inner_text() == summary
            assert page.locator("#period").input_value() == "2022–2025"
            assert axe_violations(page) == []
            screenshot(page, f"tittel-og-periode-{målform}", viewport)
            page.context.close()
    page = open_page(browser, site, "editor")
    page.goto(url)
    page.locator("details.plan-header summary").click()
    page.get_by_label("Tittel", exact=True).fill("Handlingsplan for St. Olavs, 2022")
    page.get_by_label("Planperiode", exact=True).fill("2022")
    site.server.app.retitle_plan(
        KEY, "Handlingsplan 2022–2025", Provenance("Ola Hansen", Source.CLI)
    )
    page.get_by_role("button", name="Lagre tittel og planperiode").click()
    alert = page.get_by_role("alert")
    assert alert.get_by_role("heading").inner_text() == (
        "Tittelen eller planperioden er endret etter at du åpnet skjemaet"
    )
    assert "Tittelen ble endret av Ola Hansen " in alert.inner_text()
    assert "den er nå «Handlingsplan 2022–2025», ikke «" in alert.inner_text()
    assert page.get_by_label("Tittel", exact=True).input_value() == (
        "Handlingsplan for St. Olavs, 2022"
    )
    assert axe_violations(page) == []
    screenshot(page, "tittel-og-periode-avvist", "desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "tittel-og-periode-avvist", "mobil")
    page.get_by_role("button", name="Lagre tittel og planperiode").click()
    page.wait_for_url("**/arbeidsversjon")
    assert page.locator("h1").inner_text() == "Handlingsplan for St. Olavs, 2022"
    assert "Planperiode 2022. Eier: " in page.locator("p.lead").inner_text()
    screenshot(page, "tittel-og-periode-lagret", "mobil")
