"""The secretariat (editors) reads a measure's timeline, who changed it before and why, from
the working version and from the measure's form, within the communities their roles reach;
reporters and approvers do not, and the auditors' other pages stay the auditors'. Checked on
SQLite and PostgreSQL, with a second community's plan beside the demo's."""

from __future__ import annotations

from flask.testing import FlaskClient

from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import signed_in
from tests.web.test_community_scope import OTHER_PLAN, OWN, REFUSED, site, someone

__all__ = ["site"]

SIRI = Provenance("Siri Sekretær", Source.WEB, reason="Fastlegane skal med")


def _measure(site, plan: str = KEY) -> str:
    _web, app = site
    return str(app.get_plan(plan).find_measure("0.1.2").id)


def _reworded(site) -> str:
    web, app = site
    app.reword_measure(KEY, "0.1.2", "Årshjul med fastlegane", SIRI)
    caught_up(web)
    return _measure(site)


def _page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return response.text


def test_an_editor_reads_who_changed_a_measure_and_why(site) -> None:
    web, app = site
    measure = _reworded(site)
    editor = signed_in(web, someone(app, "vera", [Role.EDITOR], [OWN]))
    page = _page(editor, f"/revisjon/{KEY}/tiltak/{measure}")
    assert "<h1>Tidslinje for tiltak 0.1.2</h1>" in page
    assert 'class="about" data-label="Person">Siri Sekretær</td>' in page
    assert 'class="after" data-label="Etter">Årshjul med fastlegane</td>' in page
    assert '<td role="cell" data-label="Begrunnelse">Fastlegane skal med</td>' in page
    assert f'<a href="/planer/{KEY}/tiltak/{measure}/endre">Endre tiltak 0.1.2</a>' in page
    back = f'<a href="/planer/{KEY}/arbeidsversjon#tiltak-0.1.2">Tilbake til arbeidsversjonen</a>'
    assert back in page
    assert 'class="plan-pages' not in page and "Last ned som CSV" not in page
    assert editor.get(f"/revisjon/?plan={KEY}&measure={measure}").status_code == 403
    assert editor.get(f"/revisjon/logg.csv?plan={KEY}&measure={measure}").status_code == 403


def test_an_editor_of_one_community_reads_no_other_communitys_measures(site) -> None:
    web, app = site
    editor = signed_in(web, someone(app, "vera", [Role.EDITOR], [OWN]))
    refused = editor.get(f"/revisjon/{OTHER_PLAN}/tiltak/{_measure(site, OTHER_PLAN)}")
    assert refused.status_code == 403
    assert REFUSED in refused.text
    refused = editor.get(f"/revisjon/{OTHER_PLAN}/tiltak/0.1.2")
    assert refused.status_code == 403
    everyone = signed_in(web, someone(app, "rune", [Role.EDITOR]))
    page = _page(everyone, f"/revisjon/{OTHER_PLAN}/tiltak/0.1.2")
    assert "<h1>Tidslinje for tiltak 0.1.2</h1>" in page


def test_reporters_and_approvers_read_no_timeline(site) -> None:
    """A reporter's status form shows the last report of each measure; the whole trail, every
    field's changes with the names of those who made them, is the secretariat's and the
    auditors' to read."""
    web, app = site
    measure = _reworded(site)
    for subject, role, label in (
        ("rapp", Role.REPORTER, "rapportør"),
        ("god", Role.APPROVER, "godkjenner"),
    ):
        person = signed_in(web, someone(app, subject, [role], [OWN]))
        refused = person.get(f"/revisjon/{KEY}/tiltak/{measure}")
        assert refused.status_code == 403, subject
        assert f"Rollen {label} har ikke tilgang til dette." in refused.text
        assert f"/revisjon/{KEY}/tiltak/" not in _page(person, f"/planer/{KEY}/arbeidsversjon")


def test_the_working_version_and_the_measures_form_link_its_timeline(site) -> None:
    web, app = site
    measure = _reworded(site)
    editor = signed_in(web, someone(app, "vera", [Role.EDITOR], [OWN]))
    link = f'href="/revisjon/{KEY}/tiltak/{measure}">'
    working = _page(editor, f"/planer/{KEY}/arbeidsversjon")
    hidden = '<span class="visually-hidden"> tiltak 0.1.2</span>'
    assert f'<a class="timeline" {link}Tidslinje{hidden}</a>' in working
    assert working.count(f'href="/revisjon/{KEY}/tiltak/') == 52  # every measure
    form = _page(editor, f"/planer/{KEY}/tiltak/{measure}/endre")
    assert f"<a {link}Se hvem som har endret tiltaket før, og hvorfor</a>" in form


def test_an_auditor_keeps_the_download_and_the_plans_audit_pages(site) -> None:
    web, app = site
    measure = _reworded(site)
    auditor = signed_in(web, someone(app, "revi", [Role.AUDITOR], [OWN]))
    page = _page(auditor, f"/revisjon/{KEY}/tiltak/{measure}")
    assert 'class="plan-pages' in page and "Last ned som CSV" in page
    assert f'<a href="/planer/{KEY}/tiltak/{measure}/endre">' not in page
    working = _page(auditor, f"/planer/{KEY}/arbeidsversjon")
    assert f'<a class="timeline" href="/revisjon/{KEY}/tiltak/{measure}">Tidslinje<span' in working
