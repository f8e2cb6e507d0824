"""The command line speaks one Norwegian at a time: `PLANLOGG_LANG` (nb|nn, bokmål when
unset), or the målform of the community whose plan a command names — in its help, its
output, its errors and click's own words ("Usage:", "Missing argument")."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner, Result

from domain.application import Planlogg
from language.catalogue import LOCALE_DIR, read_area
from tests.language.words import foreign_words
from web.cli import EXIT_INVALID, EXIT_NOT_FOUND, EXIT_USAGE, cli

OPTION = re.compile(r"(?<![\w-])--?\w[\w-]*")


def invoke(målform: str | None, *args: str, url: str = "memory:") -> Result:
    env = {"PLANLOGG_LANG": målform} if målform else {}
    return CliRunner().invoke(
        cli, ["--database-url", url, "--as", "Kari", *args], env=env, prog_name="planlogg"
    )


def commands(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every command and group under `command`, itself first."""
    yield path
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from commands(sub, (*path, name))


EVERY_COMMAND = list(commands(cli))
NAMES = {name for path in EVERY_COMMAND for name in path}


def frame(text: str) -> str:
    """What people read of a help or error, less what they type: command and option names
    (`measure`, `--help`) are the command line's fixed words, like JSON keys."""
    words = OPTION.sub(" ", text).split()
    return " ".join(w for w in words if w.strip("`'\".,:;()[]«»…") not in NAMES)


def test_the_command_tree_is_walked_whole() -> None:
    assert len(EVERY_COMMAND) == 83
    assert ("community", "language") in EVERY_COMMAND
    assert ("community", "list") in EVERY_COMMAND
    assert ("plan", "retitle") in EVERY_COMMAND
    assert ("plan", "period") in EVERY_COMMAND
    assert ("community", "body", "merge") in EVERY_COMMAND


def test_planlogg_help_speaks_bokmål_by_default_and_nynorsk_when_asked() -> None:
    bokmål = invoke(None, "--help")
    nynorsk = invoke("nn", "--help")
    assert (bokmål.exit_code, nynorsk.exit_code) == (0, 0)
    assert invoke("nb", "--help").output == bokmål.output
    for phrase in (
        "Bruk: planlogg [VALG] KOMMANDO [ARGUMENTER]...",
        "Planlogg: felles handlingsplaner for helsefellesskap, med full endringslogg.",
        "Valg:",
        "  --as TEKST",
        "Hvem som gjør endringen.",
        "Vis versjonen og avslutt.",
        "Vis denne hjelpen og avslutt.",
        "Kommandoer:",
        "Rapporter status (grønn, gul eller rød) for et tiltak.",
    ):
        assert phrase in bokmål.output, phrase
    for phrase in (
        "Bruk: planlogg [VAL] KOMMANDO [ARGUMENT]...",
        "Planlogg: felles handlingsplanar for helsefellesskap, med full endringslogg.",
        "Val:",
        "Kven som gjer endringa.",
        "Vis denne hjelpa og avslutt.",
        "Kommandoar:",
        "Rapporter status (grøn, gul eller raud) for eit tiltak.",
    ):
        assert phrase in nynorsk.output, phrase
    assert "Usage" not in bokmål.output + nynorsk.output


def test_a_commands_help_names_its_arguments_and_values_in_norwegian() -> None:
    bokmål = invoke("nb", "measure", "evaluate", "--help").output
    nynorsk = invoke("nn", "measure", "evaluate", "--help").output
    assert bokmål.startswith("Bruk: planlogg measure evaluate [VALG] PLAN TILTAK\n")
    assert nynorsk.startswith("Bruk: planlogg measure evaluate [VAL] PLAN TILTAK\n")
    assert "Evaluer et tiltak for ett år: resultat, hva det førte til, og anbefaling." in bokmål
    assert "Evaluer eit tiltak for eitt år: resultat, kva det førte til, og tilråding." in nynorsk
    assert re.search(r"--year HELTALL +Året som evalueres\.  \[1900<=x<=2200; påkrevd\]", bokmål)
    assert re.search(r"--year HEILTAL +Året som blir evaluert\.", nynorsk)
    assert "--date DATO" in bokmål and "[påkravd]" in nynorsk
    person = invoke("nn", "person", "grant", "--help").output
    assert person.startswith("Bruk: planlogg person grant [VAL] KVEN ROLLER...\n")


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_help_of_every_command_and_group_is_all_in_one_målform(målform: str) -> None:
    for path in EVERY_COMMAND:
        result = invoke(målform, *path, "--help")
        assert result.exit_code == 0, (path, result.output)
        assert result.output.startswith("Bruk: planlogg"), path
        assert foreign_words(frame(result.output), målform) == [], (path, result.output)


@pytest.mark.parametrize(
    ("målform", "missing", "unknown", "not_a_number"),
    [
        (
            "nb",
            "Feil: Mangler argumentet 'TILTAK'.",
            "Feil: Valget '--colour' finnes ikke.",
            "Feil: Ugyldig verdi for 'VERSJON': 'to' er ikke et gyldig heltall.",
        ),
        (
            "nn",
            "Feil: Manglar argumentet 'TILTAK'.",
            "Feil: Valet '--colour' finst ikkje.",
            "Feil: Ugyldig verdi for 'VERSJON': 'to' er ikkje eit gyldig heiltal.",
        ),
    ],
)
def test_usage_errors_are_in_the_målform_asked_for(
    målform: str, missing: str, unknown: str, not_a_number: str
) -> None:
    usage = {"nb": "Bruk:", "nn": "Bruk:"}[målform]
    hint = {"nb": "for hjelp.", "nn": "for hjelp."}[målform]
    for args, message in (
        (("measure", "reword", "p"), missing),
        (("status", "p", "1.1.1", "gul", "--colour", "gul"), unknown),
        (("approve", "p", "to", "--body", "ASU", "--case", "1", "--date", "1.1.2025"),
         not_a_number),
    ):  # fmt: skip
        result = invoke(målform, *args)
        assert result.exit_code == EXIT_USAGE, result.output
        assert result.output.startswith(usage) and hint in result.output
        assert result.output.rstrip().endswith(message), result.output
        assert foreign_words(frame(result.output), målform) == [], result.output


def test_an_unknown_målform_is_a_usage_error() -> None:
    result = invoke("svensk", "plans")
    assert result.exit_code == EXIT_USAGE
    assert result.output.rstrip().endswith(
        "Feil: PLANLOGG_LANG=«svensk» er ikke en målform: bruk nb (bokmål) eller nn (nynorsk)."
    )
    assert invoke("nynorsk", "--help").output == invoke("nn", "--help").output


@pytest.fixture
def nynorsk_plan(sqlite_url: str) -> str:
    """A plan `p` of the nynorsk community `vest`, with one measure."""
    for args in (
        ("community", "add", "vest", "Helsefellesskapet Vest", "--language", "nn"),
        ("plan", "create", "p", "--title", "Plan", "--owner", "vest", "--years", "2025-2026"),
        ("plan", "area", "p", "1", "Område"),
        ("plan", "goal", "p", "1.1", "Mål"),
        ("measure", "add", "p", "1.1.1", "Tiltak"),
    ):
        assert invoke("nb", *args, url=sqlite_url).exit_code == 0
    return sqlite_url


def test_a_command_naming_a_plan_speaks_its_communitys_målform(nynorsk_plan: str) -> None:
    reworded = invoke("nb", "measure", "reword", "p", "1.1.1", "Ny tekst", url=nynorsk_plan)
    assert (reworded.exit_code, reworded.output) == (0, "✓ Endra teksten i 1.1.1.\n")
    hearing = invoke("nb", "hearing", "show", "p", url=nynorsk_plan)
    assert hearing.exit_code == EXIT_NOT_FOUND
    assert hearing.output == "Feil: Planen p har ikkje vore på høyring.\n"
    refused = invoke(None, "report", "p", url=nynorsk_plan)
    assert refused.exit_code == EXIT_USAGE
    assert refused.output.endswith("Feil: Vel anten --year ÅR (årsrapporten) eller --adopted.\n"), (
        refused.output
    )
    assert refused.output.startswith("Bruk: planlogg report [VAL] PLAN\n")
    plain = invoke("nn", "measure", "reword", "ingen-plan", "1.1.1", "x", url=nynorsk_plan)
    assert plain.exit_code == EXIT_NOT_FOUND
    plans = invoke("nn", "plans", url=nynorsk_plan)
    assert "Planar" in plans.output and "Eigar" in plans.output
    assert "Planer" in invoke("nb", "plans", url=nynorsk_plan).output


def test_a_bokmål_communitys_plan_speaks_bokmål_whatever_planlogg_lang_says(
    sqlite_url: str,
) -> None:
    for args in (
        ("community", "add", "midt", "Helsefellesskapet Midt"),
        ("plan", "create", "m", "--title", "Plan", "--owner", "midt", "--years", "2025"),
    ):
        assert invoke("nn", *args, url=sqlite_url).exit_code == 0
    area = invoke("nn", "plan", "area", "m", "1", "Område", url=sqlite_url)
    assert area.output == "✓ La til innsatsområde 1.\n"
    shown = invoke("nn", "show", "m", "--as-of", "i morgon", url=sqlite_url)
    assert shown.exit_code == EXIT_INVALID
    assert 'forstår ikke "i morgon". Skriv f.eks.' in shown.output


def test_community_language_records_the_choice_and_answers_in_it(sqlite_url: str) -> None:
    assert (
        invoke(None, "community", "add", "hf", "Helsefellesskapet", url=sqlite_url).exit_code == 0
    )
    with Planlogg.from_url(sqlite_url) as app:
        assert app.community_language("hf") == "nb"
    chosen = invoke(None, "community", "language", "hf", "nynorsk", url=sqlite_url)
    assert (chosen.exit_code, chosen.output) == (0, "✓ Helsefellesskapet skriv no nynorsk.\n")
    again = invoke("nb", "community", "language", "hf", "nn", url=sqlite_url)
    assert again.output == "✓ Helsefellesskapet skriv alt nynorsk.\n"
    with Planlogg.from_url(sqlite_url) as app:
        assert app.community_language("hf") == "nn"
    back = invoke("nn", "community", "language", "hf", "nb", url=sqlite_url)
    assert back.output == "✓ Helsefellesskapet skriver nå bokmål.\n"
    with Planlogg.from_url(sqlite_url) as app:
        assert app.community_language("hf") == "nb"
    wrong = invoke("nn", "community", "language", "hf", "svensk", url=sqlite_url)
    assert wrong.exit_code == EXIT_USAGE
    assert "Feil: Ugyldig verdi for 'MÅLFORM': «svensk» er ikkje eitt av desse: bokmål, " in (
        wrong.output
    )


def test_a_community_is_registered_with_its_målform(sqlite_url: str) -> None:
    added = invoke("nn", "community", "add", "vest", "Vest", "--language", "nynorsk",
                   url=sqlite_url)  # fmt: skip
    assert (added.exit_code, added.output) == (0, "✓ Registrerte Vest (nynorsk).\n")
    with Planlogg.from_url(sqlite_url) as app:
        assert app.community_language("vest") == "nn"


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_what_commands_print_is_all_in_the_communitys_målform(
    målform: str, sqlite_url: str
) -> None:
    """Tables, headings and messages around a plan whose own words are neutral."""
    for args in (
        ("community", "add", "hf", "Helsefellesskapet", "--language", målform),
        ("community", "body", "add", "hf", "Sekretariatet", "--kind", "sekretariat"),
        ("plan", "create", "p", "--title", "Plan", "--owner", "hf", "--years", "2025-2026"),
        ("plan", "area", "p", "1", "Område"),
        ("plan", "goal", "p", "1.1", "Mål"),
        ("measure", "add", "p", "1.1.1", "Tiltak", "-r", "Sekretariatet", "-y", "2025=x"),
        ("status", "p", "1.1.1", "gul"),
    ):
        done = invoke(målform, *args, url=sqlite_url)
        assert done.exit_code == 0, (args, done.output)
        assert foreign_words(frame(done.output), målform) == [], done.output
    for args in (
        ("show", "p"),
        ("plans",),
        ("hearing", "show", "p"),
        ("community", "body", "list", "hf"),
        ("decision", "list", "p"),
        ("person", "list"),
        ("audit", "verify"),
        ("audit", "head"),
        ("projections", "catch-up"),
    ):
        shown = invoke(målform, *args, url=sqlite_url)
        expected = EXIT_NOT_FOUND if args == ("hearing", "show", "p") else 0
        assert shown.exit_code == expected, (args, shown.output)
        assert foreign_words(frame(shown.output), målform) == [], (args, shown.output)
        assert EXPECTED[målform][" ".join(args)] in shown.output, (args, shown.output)


EXPECTED = {
    "nb": {
        "show p": "arbeidsversjon 1 (utkast)",
        "plans": "Eier",
        "hearing show p": "Feil: Planen p har ikke vært på høring.",
        "community body list hf": "Navn",
        "decision list p": "Endringer",
        "person list": "Ingen personer ennå.",
        "audit verify": "Kjeden er hel",
        "audit head": "(norsk tid)",
        "projections catch-up": "nye hendelser er tatt inn.",
    },
    "nn": {
        "show p": "arbeidsversjon 1 (utkast)",
        "plans": "Eigar",
        "hearing show p": "Feil: Planen p har ikkje vore på høyring.",
        "community body list hf": "Namn",
        "decision list p": "Endringar",
        "person list": "Ingen personar enno.",
        "audit verify": "Kjeda er heil",
        "audit head": "(norsk tid)",
        "projections catch-up": "nye hendingar er tekne inn.",
    },
}


def test_the_version_is_told_in_norwegian() -> None:
    for målform in ("nb", "nn"):
        told = invoke(målform, "--version")
        assert told.exit_code == 0
        assert re.fullmatch(r"planlogg, versjon \d+\.\d+\.\d+\n", told.output), told.output


def test_a_source_is_typed_as_its_word_in_either_målform(nynorsk_plan: str) -> None:
    for word in ("kommandolinje", "cli"):
        rows = invoke("nn", "history", "p", "--source", word, "--json", url=nynorsk_plan)
        assert rows.exit_code == 0, rows.output
        assert {row["source"] for row in json.loads(rows.output)} == {"cli"}
    for word in ("regneark", "rekneark", "sheet"):
        rows = invoke("nb", "history", "p", "--source", word, "--json", url=nynorsk_plan)
        assert json.loads(rows.output) == []
    wrong = invoke("nb", "history", "p", "--source", "papir", url=nynorsk_plan)
    assert wrong.exit_code == EXIT_USAGE  # refused while reading the arguments: PLANLOGG_LANG
    assert wrong.output.endswith(
        "Feil: Ugyldig verdi for '--source': «papir» er ikke et av disse: regneark, nett, "
        "import, kommandolinje, system.\n"
    )


@pytest.mark.parametrize("målform", ["nb", "nn"])
@pytest.mark.parametrize("area", ["cli", "click"])
def test_every_text_of_the_command_line_catalogues_is_in_its_målform(
    målform: str, area: str
) -> None:
    """Each translation, less its placeholders and the command line's own words."""
    path = LOCALE_DIR / målform / "LC_MESSAGES" / f"{area}.po"
    texts = [
        text
        for message in read_area(path)
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
    ]
    assert len(texts) > 70
    for text in texts:
        assert text, "untranslated"
        words = re.sub(r"%\(\w+\)s|\{[^}]*\}", " ", text)
        assert foreign_words(frame(words), målform) == [], text
