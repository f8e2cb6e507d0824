"""The command line's help as people read it: the list of a group's commands gives each
command's first sentence (never cut at «f.eks.» or «t.d.»), a sync subcommand's help
speaks `PLANLOGG_LANG` whatever plan the sync group defaults to, and an option that takes
a patient group names the groups by their Norwegian labels."""

from __future__ import annotations

import click
import pytest
from click.testing import Result

from domain.demo import DEMO_COMMUNITY
from domain.vocabulary import PatientGroup
from language import Målform, speaking
from tests.web.test_cli_language import commands, invoke
from web.cli import EXIT_INVALID, EXIT_USAGE, cli

ABBREVIATIONS = {"f.eks.", "t.d.", "bl.a.", "m.m.", "m.a.", "o.l.", "dvs.", "nr.", "jf."}
COMMANDS_HEADING = {"nb": "Kommandoer:", "nn": "Kommandoar:"}


def _groups() -> list[tuple[str, ...]]:
    found = []
    for path in commands(cli):
        command: click.Command = cli
        for name in path:
            if not isinstance(command, click.Group):
                raise TypeError(path)
            command = command.commands[name]
        if isinstance(command, click.Group):
            found.append(path)
    return found


def _short_helps(output: str, målform: str) -> dict[str, str]:
    """The command list of a group's help: name → short help."""
    rows = output.partition(COMMANDS_HEADING[målform] + "\n")[2].splitlines()
    pairs = (row.strip().partition(" ") for row in rows)
    return {name: text.strip() for name, _, text in pairs}


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_no_short_help_in_any_command_list_stops_at_an_abbreviation(målform: str) -> None:
    groups = _groups()
    assert len(groups) == 13
    for path in groups:
        result = invoke(målform, *path, "--help")
        assert result.exit_code == 0, (path, result.output)
        shown = _short_helps(result.output, målform)
        assert shown, (path, result.output)
        for name, text in shown.items():
            last = text.removesuffix("...").split()[-1].lstrip("(«").lower()
            assert last not in ABBREVIATIONS, (path, name, text)


def test_the_short_help_is_the_first_sentence_past_its_abbreviations() -> None:
    hearing = _short_helps(invoke("nb", "hearing", "--help").output, "nb")
    assert hearing["answer"] == "Svar på en høringsuttalelse (f.eks. F1)."
    assert hearing["extend"] == "Forleng høringsfristen for alle som ble spurt."
    measure = _short_helps(invoke("nb", "measure", "--help").output, "nb")
    assert (
        measure["timeframe"] == 'Angi tidsrammen: ÅR=MERKE for hvert år, f.eks. 2022=x 2023="x...'
    )


@pytest.fixture
def demo(sqlite_url: str) -> str:
    """The demo plan, whose community (bokmål) the sync group's `--plan` defaults to."""
    assert invoke("nb", "demo", url=sqlite_url).exit_code == 0
    return sqlite_url


def _speaks(result: Result, målform: str) -> bool:
    words = {"nb": ("Valg:", "Vis denne hjelpen og avslutt."), "nn": ("Val:", "Vis denne hjelpa")}
    return all(word in result.output for word in words[målform])


@pytest.mark.parametrize("sub", ["init", "login", "restore"])
def test_a_sync_subcommands_help_speaks_planlogg_lang_not_the_default_plans(
    demo: str, sub: str
) -> None:
    nynorsk = invoke("nn", "sync", sub, "--help", url=demo)
    assert nynorsk.exit_code == 0 and _speaks(nynorsk, "nn"), nynorsk.output
    assert invoke("nb", "community", "language", DEMO_COMMUNITY, "nn", url=demo).exit_code == 0
    bokmål = invoke("nb", "sync", sub, "--help", url=demo)
    assert bokmål.exit_code == 0 and _speaks(bokmål, "nb"), bokmål.output


def test_a_sync_subcommands_usage_error_speaks_planlogg_lang(demo: str) -> None:
    result = invoke("nn", "sync", "init", "--colour", url=demo)
    assert result.exit_code == EXIT_USAGE
    assert result.output.rstrip().endswith("Feil: Valet '--colour' finst ikkje."), result.output


def test_the_sync_groups_own_work_speaks_its_plans_målform(demo: str) -> None:
    assert invoke("nb", "community", "language", DEMO_COMMUNITY, "nn", url=demo).exit_code == 0
    both = ("--workbook", "a.xlsx", "--spreadsheet", "x")
    result = invoke("nb", "sync", *both, "--once", url=demo)
    assert result.exit_code == EXIT_INVALID
    assert result.output == "Feil: Vel anten --workbook eller --spreadsheet, ikkje begge.\n"


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_measure_tag_names_the_patient_groups_by_their_labels(målform: Målform) -> None:
    result = invoke(målform, "measure", "tag", "--help")
    shown = " ".join(result.output.split())
    with speaking(målform):
        labels = [group.label for group in PatientGroup]
    assert f"Pasientgruppe ({', '.join(labels)})." in shown, shown
    assert "barn_og_unge" not in shown


@pytest.mark.parametrize(
    ("målform", "usage", "grant"),
    [
        ("nb", "Bruk: planlogg person add [VALG] INNLOGGINGS-ID",
         "Gi HVEM (e-post, ID hos innloggingstjenesten eller Planlogg-ID) rollene ROLLER."),
        ("nn", "Bruk: planlogg person add [VAL] INNLOGGINGS-ID",
         "Gje KVEN (e-post, ID hos innloggingstenesta eller Planlogg-ID) rollene ROLLER."),
    ],
)  # fmt: skip
def test_a_persons_id_at_the_identity_provider_is_named_as_on_the_web(
    målform: str, usage: str, grant: str
) -> None:
    """Not «bruker-ID», which could be either ID: the pages say «ID (subject)»."""
    assert invoke(målform, "person", "add", "--help").output.splitlines()[0] == usage
    assert grant in " ".join(invoke(målform, "person", "grant", "--help").output.split())
