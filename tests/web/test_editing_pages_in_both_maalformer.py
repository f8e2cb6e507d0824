"""Every page of editing, auditing and people speaks one Norwegian at a time: each rendered,
signed in with the role it needs, in bokmål and in nynorsk, with no English and no word of
the other målform in what Planlogg itself writes there.

The demo plan's own words (measure, goal and area texts, body and person names, the audit
rows' values) are what people typed, in bokmål; they are taken out before checking, and so
are words other areas own and translate (the stage, source and colour filters, the domain's
vocabularies, the sheet's column titles on the measure form, the checksum fragment).
Which målform speaks is set for each request by a test-side wrapper (`speaking`), and is
each signed-in person's own choice as well.
"""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.errors import PlanloggError
from domain.measure_fields import FIELDS
from domain.measure_sheet import EVALUATION_HEADERS
from domain.people import Role
from domain.provenance import Provenance, Source
from domain.vocabulary import Colour, EvaluationResult, PatientGroup, Recommendation, Stage
from language import Målform, speaking
from projections import AuditQuery
from projections.audit_labels import FIELD_LABELS, field_label, field_named, has_label, value_label
from tests.language.words import foreign_words
from tests.web.conftest import KEY, caught_up, send_demo_on_hearing
from tests.web.forms import filled
from tests.web.signed_in import NOW, SETUP, person_with, signed_in
from web import create_app
from web.tokens import InMemoryTokenStore

SECRETARIAT = Provenance("Siri Sekretær", Source.CLI, reason="høring", decision="ASU sak 2/25")
BODY = "Fagråd for digital samhandling"
BODY_ID = "fagrad-for-digital-samhandling"
VOCABULARIES = (Stage, Colour, EvaluationResult, Recommendation, PatientGroup)


# --- the site, in one målform --------------------------------------------------------------


class Site:
    """The demo with a signed-in person per role, every request in one målform."""

    def __init__(self, app: Planlogg, målform: Målform) -> None:
        self.app = app
        self.målform = målform
        self.web = create_app(
            {"DATABASE_URL": "memory:", "SECRET_KEY": "t", "TESTING": True,
             "CLOCK": lambda: NOW},
            app=app,
            tokens=InMemoryTokenStore(),
        )  # fmt: skip
        plain = self.web.wsgi_app

        def in_målform(environ: Any, start_response: Any) -> Any:
            with speaking(målform):
                return plain(environ, start_response)

        self.web.wsgi_app = in_målform  # type: ignore[method-assign]
        self.people: dict[Role | None, UUID] = {}
        self.refusals: set[str] = set()
        caught_up(self.web)

    def refused(self, measure: str, typed: dict[str, str], seen: int) -> None:
        """What the domain says refusing this form (its words, shown on the page), kept."""
        with speaking(self.målform), pytest.raises(PlanloggError) as refusal:
            self.app.edit_measure(KEY, measure, typed, Provenance("x", Source.WEB), seen)
        self.refusals.add(refusal.value.message)
        self.refusals.update(getattr(refusal.value, "problems", {}).values())

    def person(self, role: Role | None) -> UUID:
        if role not in self.people:
            person = person_with(self.app, role)
            self.app.choose_person_language(person, self.målform, SETUP)
            self.people[role] = person
        return self.people[role]

    def client(self, role: Role | None) -> FlaskClient:
        return signed_in(self.web, self.person(role))

    def get(self, role: Role | None, path: str, status: int = 200) -> str:
        caught_up(self.web)
        response = self.client(role).get(path)
        assert response.status_code == status, (path, response.status_code)
        return response.get_data(as_text=True)


@pytest.fixture(params=["nb", "nn"])
def site(request: pytest.FixtureRequest, demo_app: Planlogg) -> Iterator[Site]:
    yield Site(demo_app, request.param)


# --- what Planlogg itself writes on a page ------------------------------------------------


class _Frame(HTMLParser):
    """The text nodes of <title> and <main>, and the labels read aloud (aria-label)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.skipping = 0
        self.nodes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("title", "main"):
            self.inside = True
        if self.skipping or (tag == "details" and found.get("class") == "hash"):
            self.skipping += tag == "details"
            return
        if self.inside and found.get("aria-label"):
            self.nodes.append(found["aria-label"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "main"):
            self.inside = False
        if tag == "details" and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if self.inside and not self.skipping and data.strip():
            self.nodes.append(data)


def _lines(value: Any) -> Iterator[str]:
    """Every line of a stored value, as text (strings inside mappings, lists, dataclasses)."""
    if isinstance(value, str):
        for line in value.splitlines():
            line = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line).replace("**", "").replace("_", " ")
            if line.strip():
                yield line.strip()
    elif isinstance(value, dict):
        for part in value.values():
            yield from _lines(part)
    elif isinstance(value, list | tuple | set | frozenset):
        for part in value:
            yield from _lines(part)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from _lines(getattr(value, name))


def _content(site: Site) -> list[str]:
    """What people typed into the demo (and this test), longest first."""
    app = site.app
    plan = app.get_plan(KEY)
    found: set[str] = {plan.header.title, KEY}
    for measure in plan.measures.values() if isinstance(plan.measures, dict) else ():
        found.update(_lines(measure))
    shorten = site.web.jinja_env.from_string("{{ text|truncate(160) }}")
    for measure in plan.active_measures():
        for field in FIELDS:
            found.update(_lines(getattr(measure, field.name)))
        found.add(" ".join(shorten.render(text=measure.text).split()))
    found.update(_lines([a for a in getattr(plan, "areas", {}).values()]))
    found.update(_lines([g for g in getattr(plan, "goals", {}).values()]))
    register = app.body_register(plan.header.owner)
    found.update(_lines([(b.name, b.aliases) for b in register.bodies.values()]))
    found.update(_lines([(p.display_name, p.name, p.email, p.bodies) for p in app.people()]))
    models = site.web.extensions["planlogg"].read_models
    for row in models.history(AuditQuery(limit=None)).rows:
        found.update(_lines([row.actor, row.before, row.after, row.reason, row.decision]))
    for decision in models.decisions(None):
        found.update(_lines([decision.case, decision.body, decision.text]))
    for hearing in models.hearings(KEY):
        found.update(_lines(hearing.to_dict()))
    found.update(site.refusals)
    return sorted((t for t in found if len(t) > 1), key=len, reverse=True)


def foreign_nodes(site: Site, page: str) -> list[tuple[list[str], str]]:
    """Each text Planlogg writes on `page` holding English or other-målform words, with them."""
    reader = _Frame()
    reader.feed(page)
    content = _content(site)
    found = []
    for node in reader.nodes:
        text = " ".join(html.unescape(node).split())
        if any(text in c for c in content):
            continue
        for c in content:
            if c in text:
                text = re.sub(rf"(?<!\w){re.escape(c)}(?!\w)", " ", text)
        words = foreign_words(text, site.målform)
        if words:
            found.append((words, text))
    return found


def frame_words(site: Site, page: str) -> list[str]:
    """English and other-målform words in what Planlogg writes on `page` (see the docstring)."""
    return sorted({word for words, _text in foreign_nodes(site, page) for word in words})


# --- the pages ------------------------------------------------------------------------------


def _evaluated(site: Site) -> str:
    """A measure with an evaluation plan, evaluated for 2024; its form's address."""
    measure = site.app.get_plan(KEY).find_measure("1.3.1")
    plan = {"objective": "Færre avvik.", "methods": "Telling.", "reporting": "Årlig."}
    site.app.set_evaluation_plan(KEY, measure.id, plan, SECRETARIAT)
    site.app.evaluate_measure(
        KEY, measure.id, 2024, "partly", "Betre samhandling.", "continue", BODY, SECRETARIAT,
        evaluated_on=date(2024, 10, 1),
    )  # fmt: skip
    return f"/planer/{KEY}/tiltak/{measure.id}/evaluer"


def _two_lights_saved(site: Site) -> str:
    """The status form after the editor saved lights for two of the body's measures with none
    yet in the round (4.1.3, 4.2.1), the redirect followed: the notice of the save is given
    in the browser that saved, not from the address (`lagret=2`) alone."""
    client = site.client(Role.EDITOR)
    caught_up(site.web)
    page = client.get(f"/planer/{KEY}/rapportere?organ={BODY}").get_data(as_text=True)
    action = f"/planer/{KEY}/rapportere?organ={BODY_ID}"
    plan = site.app.get_plan(KEY)
    lights = {f"status-{plan.find_measure(n).id}": "green" for n in ("4.1.3", "4.2.1")}
    saved = client.post(action, data=filled(page, lights, action), follow_redirects=True)
    assert [r.headers["Location"] for r in saved.history] == [f"{action}&lagret=2"]
    assert saved.status_code == 200
    return saved.get_data(as_text=True)


def _heard_and_submitted(site: Site) -> None:
    """The working version sent on hearing, with responses and an answer, then submitted."""
    app = site.app
    send_demo_on_hearing(app, SECRETARIAT)
    app.receive_hearing_response(
        KEY, "Trondheim kommune", "Nemn fastlegane.", SECRETARIAT, received_on=date(2025, 2, 20),
        attachments=["https://example.org/trondheim.pdf", "pko-notat.docx"],
    )  # fmt: skip
    app.receive_hearing_response(KEY, "PKO", "Ingen merknader.", SECRETARIAT,
                                 received_on=date(2025, 2, 21))  # fmt: skip
    app.answer_hearing_response(KEY, "F1", "Teke til følgje.", SECRETARIAT,
                                answered_on=date(2025, 3, 5))  # fmt: skip
    app.submit(KEY, ["ASU", "PSU"], SECRETARIAT)


def _pages(site: Site) -> Iterator[tuple[str, str]]:
    """(name, page) for every page of the area, in the order the site's state allows."""
    app = site.app
    number = "0.1.2"
    measure = app.get_plan(KEY).find_measure(number)
    form = f"/planer/{KEY}/tiltak/{measure.id}/endre"
    editor, approver, auditor = Role.EDITOR, Role.APPROVER, Role.AUDITOR

    yield "no access, no administrator", site.get(None, "/ingen-tilgang", 403)
    admin = site.person(Role.ADMINISTRATOR)
    yield "no access", site.get(None, "/ingen-tilgang", 403)
    yield "working plan", site.get(editor, f"/planer/{KEY}/arbeidsversjon?lagret={number}")
    yield "working plan unchanged", site.get(editor, f"/planer/{KEY}/arbeidsversjon?uendret=1.2.1")
    yield "measure form", site.get(editor, form)

    client = site.client(editor)
    opened = client.get(form).get_data(as_text=True)
    app.reword_measure(KEY, number, "Årshjul vedtatt i ASU.", Provenance("Kari", Source.SHEET))
    stale = client.post(form, data=filled(opened, {"Tiltak": "Min tekst"}, form))
    assert stale.status_code == 409
    site.refused(measure.id, {"Tiltak": "Min tekst"}, measure.revision)
    yield "measure form, stale", stale.get_data(as_text=True)
    again = client.get(form).get_data(as_text=True)
    wrong = client.post(form, data=filled(again, {"Frist": "snart"}, form))
    assert wrong.status_code == 422
    site.refused(measure.id, {"Frist": "snart"}, measure.revision + 1)
    yield "measure form, refused", wrong.get_data(as_text=True)

    yield "status form, choose a body", site.get(editor, f"/planer/{KEY}/rapportere")
    yield "status form", _two_lights_saved(site)
    evaluation = _evaluated(site)
    yield "evaluation form", site.get(editor, f"{evaluation}?evaluert=2024")

    yield "people", site.get(Role.ADMINISTRATOR, "/admin/personer")
    app.grant_roles(site.person(editor), [Role.AUDITOR], SETUP)
    app.revoke_roles(site.person(editor), [Role.AUDITOR], SETUP)
    app.assign_reporting_bodies(site.person(editor), [BODY], SETUP)
    yield "person", site.get(Role.ADMINISTRATOR, f"/admin/personer/{site.person(editor)}?lagret=1")
    yield "person, administrator", site.get(Role.ADMINISTRATOR, f"/admin/personer/{admin}")
    unchanged = f"/admin/personer/{site.person(editor)}?lagret=0"
    yield "person, nothing to save", site.get(Role.ADMINISTRATOR, unchanged)

    yield "approval form, nothing submitted", site.get(approver, f"/planer/{KEY}/godkjenning")
    _heard_and_submitted(site)
    app.approve(KEY, 2, "ASU", "ASU sak 3/25", date(2025, 3, 13), SECRETARIAT)
    yield "approval form", site.get(approver, f"/planer/{KEY}/godkjenning?godkjent=ASU")
    yield "measure form, submitted", site.get(editor, form)
    yield "working plan, submitted", site.get(editor, f"/planer/{KEY}/arbeidsversjon")

    yield "audit history", site.get(auditor, f"/revisjon/?plan={KEY}&limit=500")
    yield "audit history, one field", site.get(auditor, "/revisjon/?field=number")
    yield "audit history, nothing", site.get(auditor, "/revisjon/?actor=ingen-slik")
    yield "timeline", site.get(auditor, f"/revisjon/{KEY}/tiltak/{number}")
    yield "as of", site.get(auditor, f"/revisjon/{KEY}/per-dato?dato=2099-01-01")
    yield "as of, no day", site.get(auditor, f"/revisjon/{KEY}/per-dato")
    yield "diff", site.get(auditor, f"/revisjon/{KEY}/endringer?a=1&b=1")
    yield "hearing", site.get(auditor, f"/revisjon/{KEY}/horinger/2")
    yield "decisions", site.get(auditor, "/revisjon/vedtak")
    yield "decisions, none", site.get(auditor, "/revisjon/vedtak?plan=ingen-slik")
    yield "verify", site.get(auditor, "/revisjon/kontroll")


EXPECTED: dict[str, dict[str, tuple[str, ...]]] = {
    "no access, no administrator": {
        "nb": ("<h1>Du har ingen tilgang ennå</h1>", "Planlogg har ingen administrator ennå."),
        "nn": ("<h1>Du har ingen tilgang enno</h1>", "Planlogg har ingen administrator enno."),
    },
    "no access": {
        "nb": ("Be en av disse administratorene om rollen du trenger",),
        "nn": ("Be ein av desse administratorane om rolla du treng",),
    },
    "working plan": {
        "nb": ("Planperiode 2022–2025. Eier: ", "Endringene i tiltak 0.1.2 er lagret."),
        "nn": ("Planperiode 2022–2025. Eigar: ", "Endringane i tiltak 0.1.2 er lagra."),
    },
    "working plan unchanged": {
        "nb": ("Tiltak 1.2.1: ingen endringer å lagre.",),
        "nn": ("Tiltak 1.2.1: ingen endringar å lagre.",),
    },
    "measure form": {
        "nb": ("<legend>Hvorfor (lagres i endringsloggen)</legend>", ">Lagre endringene</button>"),
        "nn": (
            "<legend>Kvifor (blir lagra i endringsloggen)</legend>",
            ">Lagre endringane</button>",
        ),
    },
    "measure form, stale": {
        "nb": ("<h2>Tiltaket er endret etter at du åpnet skjemaet</h2>", "av Kari, kilde: "),
        "nn": ("<h2>Tiltaket er endra etter at du opna skjemaet</h2>", "av Kari, kjelde: "),
    },
    "measure form, refused": {
        "nb": ("<h2>Skjemaet ble ikke lagret</h2>",),
        "nn": ("<h2>Skjemaet blei ikkje lagra</h2>",),
    },
    "status form, choose a body": {
        "nb": ("<h1>Rapporter status</h1>", '<button type="submit">Velg organ</button>'),
        "nn": ("<h1>Rapporter status</h1>", '<button type="submit">Vel organ</button>'),
    },
    "status form": {
        "nb": ("2 tiltak fikk ny status.", ">grønn</label>", ">rød</label>", ">Lagre status<"),
        "nn": ("2 tiltak fekk ny status.", ">grøn</label>", ">raud</label>", ">Lagre status<"),
    },
    "evaluation form": {
        "nb": (
            "Evalueringen for 2024 er lagret.",
            '<th scope="col">Anbefaling</th>',
            "<h2>Registrer en evaluering</h2>",
            "<legend>Anbefaling</legend>",
        ),
        "nn": (
            "Evalueringa for 2024 er lagra.",
            '<th scope="col">Tilråding</th>',
            "<h2>Registrer ei evaluering</h2>",
            "<legend>Tilråding</legend>",
        ),
    },
    "people": {
        "nb": ("<h1>Personer og roller</h1>", '<th scope="col">Navn</th>'),
        "nn": ("<h1>Personar og roller</h1>", '<th scope="col">Namn</th>'),
    },
    "person": {
        "nb": (
            "<td>fikk rollen revisor</td>",
            "<td>mistet rollen revisor</td>",
            "<td>leser bokmål</td>",
            ">godkjenner</label>",
        ),
        "nn": (
            "<td>fekk rolla revisor</td>",
            "<td>miste rolla revisor</td>",
            "<td>les nynorsk</td>",
            ">godkjennar</label>",
        ),
    },
    "approval form, nothing submitted": {
        "nb": ("Ingen versjon er sendt til godkjenning nå.",),
        "nn": ("Ingen versjon er send til godkjenning no.",),
    },
    "approval form": {
        "nb": ("Godkjenningen fra ASU er registrert.", "Versjon 2 er sendt til godkjenning<"),
        "nn": ("Godkjenninga frå ASU er registrert.", "Versjon 2 er send til godkjenning<"),
    },
    "audit history": {
        "nb": ("Kilde</label>", ">Alle kilder</option>", ">Fra dato (norsk tid)<"),
        "nn": ("Kjelde</label>", ">Alle kjelder</option>", ">Frå dato (norsk tid)<"),
    },
    "timeline": {
        "nb": ("Alle endringer av tiltaket, eldste først.",),
        "nn": ("Alle endringar av tiltaket, eldste først.",),
    },
    "as of": {
        "nb": ("slik den sto ved utgangen av 01.01.2099",),
        "nn": ("slik han stod ved utgangen av 01.01.2099",),
    },
    "diff": {"nb": ("<h2>Høringer</h2>",), "nn": ("<h2>Høyringar</h2>",)},
    "hearing": {
        "nb": (
            '<h2 id="uttalelser">Uttalelser og svar</h2>',
            "frist 01.03.2025. 2 uttalelser, 1 uten svar.",
        ),
        "nn": (
            '<h2 id="uttalelser">Fråsegner og svar</h2>',
            "frist 01.03.2025. 2 fråsegner, 1 utan svar.",
        ),
    },
    "decisions": {
        "nb": ("<p>Vedtakene som er registrert, med endringene",),
        "nn": ("<p>Vedtaka som er registrerte, med endringane",),
    },
    "verify": {"nb": ("Kjeden er hel: ",), "nn": ("Kjeda er heil: ",)},
}
"""Headings, labels and notices each page shows, exactly, in each målform."""


def test_every_page_speaks_one_norwegian_with_its_own_words(site: Site) -> None:
    pages = dict(_pages(site))
    assert len(pages) == 29
    missing = {
        name: [text for text in EXPECTED[name][site.målform] if text not in pages[name]]
        for name in EXPECTED
    }
    assert {name: texts for name, texts in missing.items() if texts} == {}
    found = {name: frame_words(site, page) for name, page in pages.items()}
    assert {name: words for name, words in found.items() if words} == {}


# --- audit fields by their labels ----------------------------------------------------------


def test_the_history_shows_audit_fields_by_their_norwegian_labels(site: Site) -> None:
    number = site.get(Role.AUDITOR, f"/revisjon/?plan={KEY}&field=number")
    text = site.get(Role.AUDITOR, f"/revisjon/?plan={KEY}&field=text")
    assert 'data-label="Felt">nummer</td>' in number and ">number</td>" not in number
    assert 'data-label="Felt">tekst</td>' in text and ">text</td>" not in text
    assert 'name="field" value="nummer"' in number
    responsible = site.get(Role.AUDITOR, f"/revisjon/?plan={KEY}&field=responsible")
    assert 'data-label="Felt">ansvar</td>' in responsible  # the plan's word, in both
    assert ">responsible</td>" not in responsible
    rows = re.compile(r'<td[^>]*class="after"[^>]*>.*?</td>', re.S)
    for label in ("ansvar", {"nb": "ansvarlig", "nn": "ansvarleg"}[site.målform]):
        typed = site.get(Role.AUDITOR, f"/revisjon/?plan={KEY}&field={label}")
        assert rows.findall(typed) == rows.findall(responsible) != []


def _measure_field_rows() -> set[str]:
    """The field names of the audit rows every declared field of a measure can write."""
    from domain.audit_words import (
        conflict_changes,
        evaluation_parts,
        evaluation_results,
        goal_and_area,
        smart_parts,
    )
    from domain.measure import Conflict, Smart, YearEvaluation

    evaluation = YearEvaluation(
        2024, EvaluationResult.PARTLY, "x", Recommendation.CHANGE, "ASU", date(2024, 1, 1)
    )
    conflict = (Conflict("K1", "Tiltak", "a", "b", "x"),)
    samples: dict[Any, Any] = {
        smart_parts: Smart("i", "t", date(2024, 1, 1)),
        evaluation_parts: dict.fromkeys(EVALUATION_HEADERS, "x"),
        evaluation_results: {2024: evaluation},
        conflict_changes: conflict,
        goal_and_area: "1.2",
    }
    names: set[str] = set()
    for field in FIELDS:
        form = field.declared.audit
        if form is None:
            continue
        rows = form(field.name, None, samples.get(form, "x"))
        if form is conflict_changes:
            rows += form(field.name, conflict, ())
        names |= {name for name, _before, _after in rows}
    return names


def _plan_field_rows() -> set[str]:
    """The field names `projections.handlers` writes itself (a named part stands for its kind)."""
    source = Path(__file__).parents[2] / "projections" / "handlers.py"
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "audit" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant):
                names.add(first.value)
            elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                names.add(f"{first.values[0].value}F1")
        if isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple):
            for item in node.iter.elts:
                if isinstance(item, ast.Tuple) and isinstance(item.elts[0], ast.Constant):
                    names.add(item.elts[0].value)
    return names


def test_every_field_an_audit_row_can_name_has_a_label(web: Flask) -> None:
    measure_rows, plan_rows = _measure_field_rows(), _plan_field_rows()
    assert {"number", "text", "marks", "responsible", "status", "smart_indicator", "area",
            "goal", "evaluation_objective", "evaluations_2024", "conflict_Tiltak",
            "conflict"} <= measure_rows  # fmt: skip
    assert {"stage", "title", "body_aliases", "hearing_response_F1", "refused_F1"} <= plan_rows
    stored = web.extensions["planlogg"].read_models.history(AuditQuery(limit=None)).rows
    every = measure_rows | plan_rows | {"refused_rad"} | {row.field for row in stored}
    assert sorted(name for name in every if not has_label(name)) == []
    for name in every:
        with speaking("nn"):
            shown = field_label(name)
        assert foreign_words(shown, "nn") == [], name
        assert shown != name or name == "status", name


def test_labels_and_values_in_each_målform() -> None:
    assert field_label("responsible") == "ansvar"
    assert field_label("evaluations_2024") == "evaluering 2024"
    assert field_label("hearing_response_F2") == "høringsuttalelse F2"
    assert field_label("refused_Ansvar") == "avvist fra regnearket: Ansvar"
    assert value_label("body", "hf: PSU (partnerskapsmote)") == "hf: PSU (partnerskapsmøte)"
    assert value_label("removed", "ja") == "ja"
    assert value_label("status", "yellow") == Colour.YELLOW.label
    assert value_label("stage", "draft") == Stage.DRAFT.label
    assert value_label("patient_groups", "barn_og_unge, kroniske") == ", ".join(
        (PatientGroup.CHILDREN.label, PatientGroup.CHRONIC.label)
    )
    assert value_label("smart", "deadline: 2025-01-01; indicator: Andel") == (
        "Indikator: Andel; Frist: 01.01.2025"
    )
    assert value_label("text", "draft") == "draft"
    assert value_label("reporting_round", "R1 open, frist 2024-09-11: psu, asu") == (
        "R1 åpen, frist 11.09.2024: psu, asu"
    )
    assert value_label("reporting_round", "R1 lukka") == "R1 lukket"
    approval = "ASU godkjende versjon 1 (ASU sak 12/22, 2022-03-10)"
    assert (
        value_label("approval", approval) == "ASU godkjente versjon 1 (ASU sak 12/22, 10.03.2022)"
    )
    assert value_label("conflict", "løyst") == "løst"
    with speaking("nn"):
        assert field_label("responsible") == "ansvar"
        assert field_label("see_also") == "sjå òg"
        assert field_label("refused_Ansvar") == "avvist frå reknearket: Ansvar"
        assert value_label("body", "hf: PSU (partnerskapsmote)") == "hf: PSU (partnarskapsmøte)"
        assert value_label("evaluation", "methods: Telling") == "Metodar: Telling"
        assert value_label("reporting_round", "R1 open") == "R1 open"
        assert value_label("approval", approval) == approval.replace("2022-03-10", "10.03.2022")
    assert set(FIELD_LABELS) >= {"number", "text", "marks", "responsible", "status"}
    assert field_named("Ansvarleg") == field_named(" ansvarlig ") == "responsible"
    assert field_named("evaluering 2024") == "evaluations_2024"
    assert field_named("høyringsfråsegn F2") == "hearing_response_F2"
    assert field_named("konflikt med reknearket: Tiltak") == "conflict_Tiltak"
    assert field_named("konflikt med regnearket: innsatsområde") == "conflict_Område"
    assert field_named("avvist fra regnearket: område") == "refused_Område"
    assert field_named("evalueringsplan") == "evaluation"
    assert field_named("number") == "number"
