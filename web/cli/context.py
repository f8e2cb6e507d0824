"""What every command of the `planlogg` command line shares: its context, exit codes, and
how it speaks.

The command modules import from here (never from `web.cli` itself), so the
root group in `web.cli` can import them without an import cycle.

The command line speaks one Norwegian at a time. `planlogg` starts in the målform
`PLANLOGG_LANG` names (nb or nn; bokmål when unset); a command that names a plan (or a
health community) speaks that community's målform from the moment its arguments are read
until it ends. Help texts, argument names and option help are declared with `N_` and
translated when help is formatted; click's own messages ("Usage:", "Missing argument")
are read from the same catalogues (`speak_through_click`).
"""

from __future__ import annotations

import copy
import inspect
import os
import sqlite3
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from uuid import UUID

import click
from click.formatting import HelpFormatter
from eventsourcing.persistence import PersistenceError
from rich.console import Console, RenderableType
from rich.style import StyleType
from rich.table import Table
from rich.text import Text

from domain.application import Planlogg
from domain.errors import (
    ConcurrentEditError,
    NotFoundError,
    PlanloggError,
    RuleError,
    UnregisteredDecisionError,
    ValidationError,
)
from domain.people import Person
from domain.persistence import database_unavailable, database_url
from domain.provenance import Provenance, Source
from domain.text import excerpt
from language import (
    DEFAULT,
    N_,
    Målform,
    _,
    begin_speaking,
    current,
    in_every_målform,
    målform_of,
    speaking,
)
from language.catalogue import translations
from projections import ReadModels

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INVALID = 3
EXIT_REFUSED = 4
EXIT_NOT_FOUND = 5
EXIT_CONFLICT = 6

LANGUAGE_VARIABLE = "PLANLOGG_LANG"

_EXIT_BY_ERROR: tuple[tuple[type[PlanloggError], int], ...] = (
    (ValidationError, EXIT_INVALID),
    (RuleError, EXIT_REFUSED),
    (NotFoundError, EXIT_NOT_FOUND),
    (ConcurrentEditError, EXIT_CONFLICT),
)


# --- click's own messages ----------------------------------------------------------------

CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
    "click.shell_completion",
    "click._termui_impl",
)
"""The click modules that bind `gettext` (and `ngettext`) when they are imported."""


def _click_gettext(message: str) -> str:
    return translations(current()).gettext(message)


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def speak_through_click() -> None:
    """Make click's messages come from Planlogg's catalogues, in the målform spoken now.

    Click reads its messages through the `_` and `ngettext` each of its modules imported
    from `gettext`; pointing those names at the catalogues is all it takes (the `click`
    area keeps click's English keys with a bokmål and a nynorsk text).
    """
    import importlib

    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        module._ = _click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]


speak_through_click()


# --- the words of help: parameter types, argument names ----------------------------------

REQUIRED = N_("påkrevd")
OPTIONS = N_("[VALG]")
SUBCOMMAND = N_("KOMMANDO [ARGUMENTER]...")
TEXT = N_("TEKST")
CLICK_HELP = "Show this message and exit."
"""Click's help for `--help`, a key of the `click` area (not marked: it is click's)."""

ARGUMENT_NAMES: dict[str, str] = {
    "a": N_("FRA-VERSJON"),
    "b": N_("TIL-VERSJON"),
    "bodies": N_("ORGAN"),
    "body": N_("ORGAN"),
    "case": N_("SAK"),
    "colour": N_("FARGE"),
    "community_key": N_("FELLESSKAP"),
    "file": N_("FIL"),
    "key": N_("PLAN"),
    "marks": N_("ÅR=MERKE"),
    "measure_id": N_("TILTAKS-ID"),
    "measure_ref": N_("TILTAK"),
    "målform": N_("MÅLFORM"),
    "name": N_("NAVN"),
    "number": N_("NUMMER"),
    "plan": N_("PLAN"),
    "response_id": N_("UTTALELSE"),
    "roles": N_("ROLLER"),
    "subject": N_("INNLOGGINGS-ID"),
    "text": N_("TEKST"),
    "title": N_("TITTEL"),
    "variants": N_("SKRIVEMÅTE"),
    "version": N_("VERSJON"),
    "who": N_("HVEM"),
}
"""What help and errors call each argument (its name in the code is English)."""

OPTION_NAMES: dict[str, str] = {
    "key": N_("PLAN"),
    "plan_key": N_("PLAN"),
    "owner": N_("FELLESSKAP"),
    "body": N_("ORGAN"),
    "bodies": N_("ORGAN"),
    "body_name": N_("ORGAN"),
    "as_of": N_("TIDSPUNKT"),
    "since": N_("TIDSPUNKT"),
    "until": N_("TIDSPUNKT"),
    "answered_on": N_("DATO"),
    "deadline": N_("DATO"),
    "evaluated_on": N_("DATO"),
    "meeting": N_("DATO"),
    "received_on": N_("DATO"),
    "reported_on": N_("DATO"),
    "today": N_("DATO"),
}
"""Options whose value is better named than by its type (a date is text to click)."""


class _NorwegianName:
    """A parameter type named in Norwegian in help and errors: click reads `name` for the
    value's name ("HELTALL") and in messages ("… er ikke et gyldig heltall")."""

    word = N_("tekst")

    @property
    def name(self) -> str:
        return _(self.word)

    @name.setter
    def name(self, value: str) -> None:
        """Click's English name (set when some types are made) is not kept."""


class WholeNumber(_NorwegianName, click.IntRange):
    """A whole number, perhaps bounded."""

    word = N_("heltall")


class DecimalNumber(_NorwegianName, click.FloatRange):
    """A decimal number, perhaps bounded."""

    word = N_("desimaltall")


class FilePath(_NorwegianName, click.Path):
    """A file."""

    word = N_("fil")


class Words(click.ParamType[str]):
    """One of a few values, typed as its code or as its Norwegian word in either målform.

    `words` maps each code to its bokmål word (marked with `N_`); help shows the words of
    the målform spoken, and the command gets the code.
    """

    def __init__(self, words: Mapping[str, str], metavar: str) -> None:
        self.words = dict(words)
        self.metavar = metavar

    @property
    def name(self) -> str:
        return _(self.metavar).lower()

    @name.setter
    def name(self, value: str) -> None:
        """Named by its metavar."""

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        return _(self.metavar)

    def shown(self) -> str:
        """The words of the målform spoken, for help: "nett, regneark, …"."""
        return ", ".join(_(word) for word in self.words.values())

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        typed = " ".join(str(value).split()).casefold()
        for code, word in self.words.items():
            spellings = {code, word, *in_every_målform(word).values()}
            if typed in {s.casefold() for s in spellings}:
                return code
        self.fail(
            _(
                "«%(value)s» er ikke et av disse: %(choices)s.",
                value=excerpt(str(value)),
                choices=self.shown(),
            ),
            param,
            ctx,
        )


NUMBER = WholeNumber(1, 2**31 - 1)
"""A version or revision number: no plan gets near the top, and the databases stop there."""
POSITION = WholeNumber(0, 2**63 - 1)
"""A position in the event log (PostgreSQL's bigint)."""


class PlanloggArgument(click.Argument):
    """An argument named in Norwegian (from `ARGUMENT_NAMES`) in usage and errors."""

    def __init__(self, param_decls: Any, **attrs: Any) -> None:
        super().__init__(param_decls, **attrs)
        if self.metavar is None and self.name not in ARGUMENT_NAMES:
            raise TypeError(f"Argument {self.name!r} needs a Norwegian name in ARGUMENT_NAMES.")

    def _word(self) -> str:
        return _(self.metavar or ARGUMENT_NAMES[self.name or ""])

    @property
    def human_readable_name(self) -> str:
        return self._word()

    def make_metavar(self, ctx: click.Context) -> str:
        word = self.type.get_metavar(param=self, ctx=ctx) or self._word()
        if not self.required:
            word = f"[{word}]"
        if self.nargs != 1:
            word += "..."
        return word


class PlanloggOption(click.Option):
    """An option whose value is named in Norwegian in help ("TEKST", "DATO", "heltall").

    `help_values` fills the help's `%(name)s` places when help is shown, with words that
    read in the målform of the moment (the labels of a vocabulary, say).
    """

    def __init__(
        self,
        *args: Any,
        help_values: Callable[[], Mapping[str, object]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.help_values = help_values

    def make_metavar(self, ctx: click.Context) -> str:
        if self.metavar is not None:
            word = _(self.metavar)
        elif self.name in OPTION_NAMES:
            word = _(OPTION_NAMES[self.name])
        elif self.type is click.STRING:
            word = _(TEXT)
        else:
            return super().make_metavar(ctx)
        return word + ("..." if self.nargs != 1 else "")

    def get_help_extra(self, ctx: click.Context) -> Any:
        extra = super().get_help_extra(ctx)
        if "required" in extra:
            extra["required"] = _(REQUIRED)
        return extra


def argument(*decls: str, **attrs: Any) -> Callable[[Any], Any]:
    """`click.argument`, named in Norwegian in usage and errors."""
    return click.argument(*decls, cls=PlanloggArgument, **attrs)


def option(*decls: str, **attrs: Any) -> Callable[[Any], Any]:
    """`click.option`, its value named in Norwegian in help; mark `help` with `N_`."""
    return click.option(*decls, cls=PlanloggOption, **attrs)


# --- a command's short help --------------------------------------------------------------

ABBREVIATIONS = frozenset(
    {"f.eks.", "t.d.", "bl.a.", "m.a.", "m.m.", "o.l.", "dvs.", "osv.", "jf.", "nr.", "st.",
     "ref.", "ca.", "evt.", "kl."}
)  # fmt: skip
"""Words whose full stop ends no sentence (in either målform)."""


def _abbreviation(word: str) -> bool:
    return word.lstrip("([«\"'").lower() in ABBREVIATIONS


def first_sentence(text: str, limit: int) -> str:
    """The first sentence of `text`'s first paragraph, cut to `limit` with "...".

    Click's own short help ends at the first word ending in a full stop, which cuts
    «Svar på en høringsuttalelse (f.eks. F1).» after «(f.eks.»; here an abbreviation's
    full stop ends nothing, and a cut never leaves one (or a dangling comma) last.
    """
    words = text.partition("\n\n")[0].split()
    end = next(
        (i for i, word in enumerate(words) if word.endswith(".") and not _abbreviation(word)),
        len(words) - 1,
    )
    sentence = words[: end + 1]
    if len(" ".join(sentence)) <= limit:
        return " ".join(sentence)
    kept: list[str] = []
    for word in sentence:
        if len(" ".join([*kept, word])) + len("...") > limit:
            break
        kept.append(word)
    while kept and (_abbreviation(kept[-1]) or kept[-1] in "(«"):
        kept.pop()
    return " ".join(kept).rstrip(",;:") + "..."


# --- which målform a command speaks --------------------------------------------------------

PLAN_PARAMETERS = ("key", "plan", "plan_key")
COMMUNITY_PARAMETERS = ("community_key", "owner")


def chosen_målform() -> Målform:
    """The målform `PLANLOGG_LANG` names, bokmål when unset; a usage error when unknown."""
    text = os.environ.get(LANGUAGE_VARIABLE, "").strip()
    if not text:
        return DEFAULT
    found = målform_of(text)
    if found is None:
        raise click.UsageError(
            _(
                "%(variable)s=«%(value)s» er ikke en målform: bruk nb (bokmål) eller nn (nynorsk).",
                variable=LANGUAGE_VARIABLE,
                value=excerpt(text),
            )
        )
    return found


def named_målform(ctx: click.Context) -> Målform | None:
    """The målform of the plan (or else the community) the command names, if it exists."""
    found = ctx.find_object(CliContext)
    if found is None:
        return None
    for name in (*PLAN_PARAMETERS, *COMMUNITY_PARAMETERS):
        value = ctx.params.get(name)
        if not isinstance(value, str) or not value.strip():
            continue
        try:
            if name in PLAN_PARAMETERS:
                return found.app.plan_language(value.strip())
            return found.app.community_language(value.strip())
        except (PlanloggError, PersistenceError):
            continue
    return None


def _translated(param: click.Parameter) -> click.Parameter:
    """A copy of `param` with its help (declared with `N_`, or click's English) translated."""
    if not isinstance(param, click.Option) or not param.help:
        return param
    shown = copy.copy(param)
    values = param.help_values() if isinstance(param, PlanloggOption) and param.help_values else {}
    shown.help = _(param.help, **values)
    return shown


def _dispatches(ctx: click.Context) -> bool:
    """Whether `ctx` is a group's that is about to hand over to a subcommand (not yet parsed)."""
    # click (8.2 on, hence the pin) keeps the subcommand's name and arguments here until
    # `Group.invoke` reads them; the public `protected_args` is deprecated
    return isinstance(ctx.command, click.Group) and bool(ctx._protected_args)


class _Speaking(click.Command):
    """Help in the målform spoken, and the målform of the plan a command names."""

    def invoke(self, ctx: click.Context) -> Any:
        # A group handing over speaks on: its plan (`sync --plan`, with a default) is not the
        # subcommand's, whose help and usage errors follow PLANLOGG_LANG until it names one.
        målform = None if _dispatches(ctx) else named_målform(ctx)
        if målform is not None:
            begin_speaking(målform)  # until the root command ends (`PlanloggGroup.main`)
        return super().invoke(ctx)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """Click's help option, its help kept as click's key so each help translates it
        (click makes the option once, in the målform of the moment, and keeps it)."""
        found = super().get_help_option(ctx)
        if found is not None:
            found.help = CLICK_HELP
        return found

    def _help(self) -> str:
        return inspect.cleandoc(_(self.help)).partition("\f")[0] if self.help else ""

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            return inspect.cleandoc(_(self.short_help)).strip()
        return first_sentence(self._help(), limit)

    def format_help_text(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        text = self._help()
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [_(OPTIONS)] if self.options_metavar else []
        for param in self.get_params(ctx):
            pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        rows = []
        for param in self.get_params(ctx):
            record = _translated(param).get_help_record(ctx)
            if record is not None:
                rows.append(record)
        if rows:
            with formatter.section(_click_gettext("Options")):
                formatter.write_dl(rows)


class PlanloggCommand(_Speaking):
    """A command of the `planlogg` command line."""


class PlanloggGroup(_Speaking, click.Group):
    """A command group; the root one also turns domain errors into a Norwegian message on
    stderr and a stable exit code, and speaks `PLANLOGG_LANG` while it runs."""

    command_class = PlanloggCommand
    group_class = type

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            målform = chosen_målform()
        except click.UsageError:
            målform = DEFAULT  # parse_args says so, in bokmål
        with speaking(målform):
            return super().main(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:
            try:
                chosen_målform()
            except click.UsageError as error:
                error.ctx = ctx
                raise
        return super().parse_args(ctx, args)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [*super().collect_usage_pieces(ctx), _(SUBCOMMAND)]

    def format_options(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PlanloggError as error:
            click.secho(_("Feil: %(error)s", error=error.message), fg="red", err=True)
            code = next((c for kind, c in _EXIT_BY_ERROR if isinstance(error, kind)), EXIT_FAILED)
            ctx.exit(code)
        except (PersistenceError, sqlite3.Error) as error:
            # sqlite3's own errors: SQLite opens the file outside the library's translation,
            # so a file that is not a database, or a full disk, reaches here untranslated
            url = ctx.obj.url if isinstance(ctx.obj, CliContext) else database_url()
            message = database_unavailable(url, error).message
            click.secho(_("Feil: %(error)s", error=message), fg="red", err=True)
            ctx.exit(EXIT_FAILED)


def command(name: str, **attrs: Any) -> Callable[[Any], PlanloggCommand]:
    """`click.command` for Planlogg: give `help=N_(…)` (docstrings are not translated)."""
    return click.command(name, cls=PlanloggCommand, **attrs)


def group(name: str | None = None, **attrs: Any) -> Callable[[Any], PlanloggGroup]:
    """`click.group` for Planlogg: give `help=N_(…)` (docstrings are not translated)."""
    return click.group(name, cls=PlanloggGroup, **attrs)


# --- the context every command gets -------------------------------------------------------


@dataclass
class CliContext:
    """What every command needs: the application and who is acting."""

    url: str
    actor: str
    reason: str = ""
    decision: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @cached_property
    def app(self) -> Planlogg:
        return Planlogg.from_url(self.url)

    @cached_property
    def read_models(self) -> ReadModels:
        """The read models of this command's application (opened once per command)."""
        return ReadModels.open(self.app)

    def find_person(self, who: str) -> Person:
        """The person a command names (e-mail, subject or Planlogg ID), as
        `Planlogg.find_person` finds them, among only the people the read models' register
        says `who` may name: caught up first, so a person just added or changed is found."""
        models = self.read_models

        def named_by(wanted: str) -> list[UUID]:
            models.read_your_writes()
            return models.people_named_by(wanted)

        return self.app.find_person(who, named_by)

    def close(self) -> None:
        """Release the database connections, if a command opened them."""
        if "app" in self.__dict__:
            self.app.close()

    @cached_property
    def by(self) -> Provenance:
        """Who acts, and why; a cited decision must be registered, which on the command line
        is `planlogg decision add`: the refusal says so here, not on the web. Registered by
        the community the command is about (`_citing_community`): another community's
        «SSU sak 11/24» is not a decision of this one's plan."""
        try:
            decision = (
                self.read_models.registered_decision(self.decision, self._citing_community())
                if self.decision
                else ""
            )
        except UnregisteredDecisionError as unregistered:
            raise RuleError(
                _(
                    "Vedtaket «%(reference)s» er ikke registrert. Registrer det først: "
                    'planlogg decision add FELLESSKAP "%(case)s" '
                    "--body ORGAN --date MØTEDATO --text VEDTAKSTEKST",
                    reference=unregistered.reference,
                    case=unregistered.case,
                )
            ) from None
        return Provenance(self.actor, Source.CLI, self.reason, decision)

    def _citing_community(self) -> str | None:
        """The community whose decisions the running command may cite: the one it names (a
        new plan's `owner`, a `community_key`), else the owner of the plan it names (`key`);
        None when it names neither."""
        params = click.get_current_context().params
        named = params.get("owner") or params.get("community_key")
        if named:
            return str(named)
        key = params.get("key")
        return self.app.get_plan(key).header.owner if key else None


pass_ctx = click.make_pass_decorator(CliContext)


PIPED_WIDTH = 1_000
"""Printed to a file or another program, with no `COLUMNS` to say how wide: rich would take 80
columns and cut keys to «st-olavs-…»; this wide a table is as wide as its contents."""


def console() -> Console:
    """Where a command prints its tables: made when it prints, so the width is that of the
    terminal (or `COLUMNS`) the command runs in, not of whatever first imported the module.
    Piped into `grep` or a file, nothing is cut or wrapped."""
    shown = Console()
    if shown.is_terminal or "COLUMNS" in os.environ:
        return shown
    return Console(width=PIPED_WIDTH)


class PlainCells(Table):
    """A table whose text cells are shown as they are: a comment «Se [vedlegg 2]» is not rich
    markup, which would drop the brackets' words, or stop the command on a «[/]». A cell meant
    to be styled is given as `Text`."""

    def add_row(
        self,
        *renderables: RenderableType | None,
        style: StyleType | None = None,
        end_section: bool = False,
    ) -> None:
        plain = (Text(cell) if isinstance(cell, str) else cell for cell in renderables)
        super().add_row(*plain, style=style, end_section=end_section)


def done(message: str) -> None:
    """Print a command's ✓ line: the mark in green, the message as it is (it quotes what was
    typed, which is no markup)."""
    console().print(Text.assemble(("✓", "green"), " ", message))


def cli_table(headers: tuple[str, ...], *, whole: Collection[int] = (), **options: Any) -> Table:
    """A table of translated `headers` whose `whole` columns (keys, IDs, case numbers, e-mail
    addresses) are never cut or wrapped: they are what a person copies into the next command.
    In a narrow terminal the other columns wrap instead. Its cells and title are plain text
    (`PlainCells`)."""
    if isinstance(options.get("title"), str):
        options["title"] = Text(options["title"])
    shown = PlainCells(**options)
    for index, header in enumerate(headers):
        shown.add_column(_(header) if header else "", no_wrap=index in whole)
    return shown
