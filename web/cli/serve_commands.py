"""`planlogg serve` and `planlogg token …`: the web app under waitress, with the
read models kept caught up, the sheet sync running beside it, and due reminders
sent by e-mail when an SMTP server is configured.

One process (the default) serves with waitress threads and runs both
background loops. With `--workers N` the parent binds the socket, forks N
web workers that each build their own app on the shared socket, and runs
the background loops itself; this is meant for PostgreSQL, where every
worker reads the same read-model tables.
"""

from __future__ import annotations

import errno
import gc
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import click
from flask import Flask

from domain.application import Planlogg
from domain.community import checked_keys
from domain.demo import load_demo
from domain.errors import NotFoundError, ValidationError
from domain.norwegian_time import format_oslo_date
from domain.text import excerpt
from language import N_, _
from notify.loop import REMINDER_INTERVAL, ReminderLoop
from notify.recipients import RegisteredRecipients
from notify.sender import ReminderSender
from projections import Follower, ReadModels
from projections.heads import HEADS_INTERVAL, HeadsLoop, HeadTargets
from web import create_app, rate_limits
from web.cli.context import (
    CliContext,
    DecimalNumber,
    WholeNumber,
    Words,
    argument,
    command,
    group,
    option,
    pass_ctx,
)
from web.cli.plan_to_sync import demo_chosen_words, plan_to_sync
from web.cli.queue_log import summarise_queue_warnings
from web.kept_answers import Renewal
from web.services import Services
from web.status_board import (
    Heartbeats,
    SharedHeartbeats,
    SharedLoop,
    StatusBoard,
    StatusPublisher,
)
from web.tokens import TOKEN_ROLES, create_token, token_store_for

log = logging.getLogger("planlogg.serve")

TOKEN_ROLE_WORDS = Words(
    {
        role.value: {
            "editor": N_("redaktør"),
            "approver": N_("godkjenner"),
            "auditor": N_("revisor"),
        }[role.value]
        for role in TOKEN_ROLES
    },
    N_("ROLLE"),
)
"""A token's role, typed as its code or its word in either målform."""


def _seconds(variable: str, text: str, example: str) -> ValidationError:
    return ValidationError(
        _(
            "%(variable)s «%(value)s» er ikke et antall sekunder (f.eks. %(example)s).",
            variable=variable,
            value=excerpt(text),
            example=example,
        )
    )


@dataclass
class Server:
    """The web app and its background loops, started and stopped together."""

    url: str
    web: Flask
    follower: Follower
    answers: Renewal | None = None
    sync: Any = None
    heads: HeadsLoop | None = None
    reminders: ReminderLoop | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)
    heartbeats: Heartbeats = field(default_factory=Heartbeats)
    """When each loop last reported: `/healthz` shows one silent too long as failing."""

    @property
    def app(self) -> Planlogg:
        app: Planlogg = self.web.extensions["planlogg"].app
        return app

    def loops_to_show(self) -> dict[str, Any]:
        """The loops `/healthz` reports on, by the name it asks for them."""
        shown: dict[str, Any] = {"projections": self.follower}
        if self.sync is not None:
            shown["sync"] = self.sync
        if self.heads is not None:
            shown["heads"] = self.heads
        return shown

    def start_background(self) -> None:
        loops: list[tuple[str, Any]] = [("projections", self.follower)]
        if self.answers is not None:
            loops.append(("answers", self.answers))
        if self.sync is not None:
            loops.append(("sync", self.sync))
        if self.heads is not None:
            loops.append(("heads", self.heads))
        if self.reminders is not None:
            loops.append(("reminders", self.reminders))
        self.threads += [start_loop(name, loop, self.stop, self.heartbeats) for name, loop in loops]

    def shutdown(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=10)


def start_loop(
    name: str, loop: Any, stop: threading.Event, heartbeats: Heartbeats | None = None
) -> threading.Thread:
    """`loop.run_forever(stop)` in a daemon thread named for it. With `heartbeats`, a loop run
    every `loop.interval` seconds reports there each time it looks at `stop` (every pass, and
    around each wait), and `/healthz` shows it failing once silent past its deadline
    (`web.status_board`); a loop without an interval has no deadline, and is not watched."""
    interval = getattr(loop, "interval", None)
    if heartbeats is not None and interval is not None:
        stop = heartbeats.reporting(name, float(interval), stop)
    thread = threading.Thread(
        target=loop.run_forever, args=(stop,), name=f"planlogg-{name}", daemon=True
    )
    thread.start()
    return thread


def build_server(
    url: str,
    *,
    demo: bool | None = None,
    sync: bool = True,
    plan_key: str | None = None,
    sync_interval: float = 5.0,
    config: dict[str, Any] | None = None,
    heartbeats: Heartbeats | None = None,
) -> Server:
    """Compose app, read models, background loops and the sync loop for `url`.

    Nothing is replayed here: the read models serve the position they last
    reached, and the follower catches them up in the background once started.
    The demo this process loads into an empty store is the exception: the first
    visitor's page is its plan, so its events (and only they) are applied before
    the server answers (without this, the plan was "not found" until the
    follower's first catch-up).
    """
    web = create_app({"DATABASE_URL": url, **(config or {})})
    services = web.extensions["planlogg"]
    services.sheet_place = _sheet_place(services.app)
    empty = not services.app.recorder.max_notification_id()
    wanted = demo if demo is not None else empty and url.startswith("sqlite")
    if wanted and load_demo(services.app) and empty:
        services.read_models.read_your_writes()
    answers = services.background["answers"] = Renewal(web)
    follower = Follower(services.read_models, then=answers.wake)
    services.background["projections"] = follower
    heads = _heads_loop(services.read_models)
    if heads is not None:
        services.background["heads"] = heads
    heartbeats = heartbeats if heartbeats is not None else Heartbeats()
    services.background["heartbeats"] = heartbeats
    server = Server(
        url=url,
        web=web,
        follower=follower,
        answers=answers,
        heads=heads,
        reminders=_reminder_loop(services),
        heartbeats=heartbeats,
    )
    if sync:
        server.sync = _sync_loop(services.app, services.read_models, plan_key, sync_interval)
        services.sync = server.sync
    return server


def _heads_loop(read_models: Any) -> HeadsLoop | None:
    """Publish the chain's head on a schedule when PLANLOGG_HEADS_FILE or _URL is set."""
    targets = HeadTargets.from_environment()
    if not targets:
        log.warning(
            _(
                "PLANLOGG_HEADS_FILE og PLANLOGG_HEADS_URL er ikke satt: kontrollsummen for "
                "kjeden publiseres ikke, og ingenting utenfor databasen kan bekrefte hendelsene."
            )
        )
        return None
    text = os.environ.get("PLANLOGG_HEADS_INTERVAL", "").strip()
    try:
        interval = float(text) if text else HEADS_INTERVAL
    except ValueError:
        raise _seconds("PLANLOGG_HEADS_INTERVAL", text, "60") from None
    return HeadsLoop(read_models, targets, interval=min(max(interval, 1.0), 86_400.0))


def _reminder_loop(services: Services) -> ReminderLoop | None:
    """Send due reminders by e-mail when PLANLOGG_SMTP_URL is set (one elected process),
    through the same mail server the dashboard resends with."""
    if services.mailer is None:
        log.info(_("PLANLOGG_SMTP_URL er ikke satt: påminnelser sendes ikke av seg selv."))
        return None
    text = os.environ.get("PLANLOGG_REMINDER_INTERVAL", "").strip()
    try:
        interval = float(text) if text else REMINDER_INTERVAL
    except ValueError:
        raise _seconds("PLANLOGG_REMINDER_INTERVAL", text, "300") from None
    sender = ReminderSender(
        services.app,
        services.mailer,
        RegisteredRecipients(services.app),
        services.read_models,
        public_url=services.public_url,
        sheet_place=services.sheet_place,
    )
    return ReminderLoop(services.read_models, sender, interval=min(max(interval, 1.0), 86_400.0))


def _sheet_place(app: Planlogg) -> Callable[[str], Any]:
    """The sheet each plan is synced with, as the reminders and the dashboard name it: the
    one the sync's configuration names, once the store links the plan to it."""
    from sync.place import synced_place

    return partial(synced_place, app)


def _sync_loop(
    app: Planlogg, read_models: ReadModels, plan_key: str | None, interval: float
) -> Any:
    """The sheet sync for one plan: Google when configured, else the local workbook."""
    from sync.cycle import SheetSync
    from sync.loop import SyncLoop, default_workbook, google_backend, workbook_backend

    named = plan_key or os.environ.get("PLANLOGG_PLAN")
    try:
        key = plan_to_sync(app, read_models, named)
    except (NotFoundError, ValidationError) as refused:
        log.warning(_("%(why)s Synkroniseringen er av.", why=refused.message))
        return None
    if not named and (words := demo_chosen_words(read_models, key)):
        log.warning(words)
    if not app.plan_exists(key):
        log.warning(_("Ingen plan %(plan)s å synkronisere; synkroniseringen er av.", plan=key))
        return None
    spreadsheet = os.environ.get("PLANLOGG_SPREADSHEET_ID", "").strip()
    if spreadsheet:
        credentials = os.environ.get("PLANLOGG_GOOGLE_CREDENTIALS", "")
        return SyncLoop(
            SheetSync(app, read_models),
            google_backend(spreadsheet, credentials),
            key,
            interval=interval,
        )
    workbook = default_workbook()
    return SyncLoop(SheetSync(app, read_models), workbook_backend(workbook), key, interval=interval)


WAITRESS_OPTIONS: dict[str, Any] = {"ident": "planlogg", "outbuf_overflow": 16 * 2**20}
"""Answers up to 16 MiB are sent from memory. Waitress's default (1 MiB) writes a larger one to a
temporary file first: a national plan's page is 1.4 MB, and sending it from memory answered
1.3-1.8 times as many requests (wrk, 1/8/32 clients, on the benchmark machine)."""


def serve_one(server: Server, listeners: list[socket.socket], threads: int) -> None:
    """Serve on the sockets `serve` took before anything started: the port cannot be taken
    by something else while the app is put together (when waitress bound it itself, one
    taken in those seconds was an English traceback), and a client that comes meanwhile
    waits for the answer instead of being refused.

    Without a sync loop in this process, what it built to start is set aside from the
    collector (`set_start_up_aside`). A sync cycle sets the whole heap aside for itself and
    hands all of it back at its end (`sync.heap`): a freeze here would last only to the
    first cycle, so a process with a sync loop leaves the collector as it is."""
    if server.sync is None:
        set_start_up_aside()
    server.start_background()
    try:
        _waitress(server.web, listeners, threads)
    finally:
        server.shutdown()


def set_start_up_aside() -> None:
    """Keep Python's cyclic collector off everything a web process built to start.

    The modules, the app and its translations are alive as long as the process, about
    105,000 objects tracked by the collector (the first pages add about 2,000 more, their
    templates among them, which it still walks). A full collection walks them all, 60 ms
    on the benchmark machine, and happens every so often under load, as objects of requests
    in flight reach the oldest generation: the one request it stops is the slow one. With
    them in the permanent generation (`gc.freeze`) a full collection walks only what came
    after, 0.4 ms. Two workers on the demo's plan page at 32 connections, alternating
    rounds: p99 62-104 ms with this, 136-165 ms without (69-99 ms with the collector off).
    At national size the page and the history were 1.06 and 1.02 times a static file's p99
    from the same workers in one run and 1.42 and 1.65 in the next (1.6 and 1.7 before),
    that floor measured after the answers; measured in the same rounds, 1.16-1.28 times.
    Garbage cycles among the objects set aside are never collected: they are the process's
    own while it runs, and whatever is garbage already is collected first, once."""
    gc.collect()
    gc.freeze()


def _waitress(web: Flask, listeners: list[socket.socket], threads: int) -> None:
    """Waitress serving `web` on `listeners` until it is stopped. Its `serve` would first write
    "Serving on http://…" in English, under `serve`'s own Norwegian line (once per worker with
    `--workers`); the server it makes is made and run here without that line."""
    from waitress.server import create_server

    create_server(web, sockets=listeners, threads=threads, **WAITRESS_OPTIONS).run()


def serve_many(
    server: Server,
    host: str,
    port: int,
    threads: int,
    workers: int,
    url: str,
    extend: Callable[[Flask], None] | None = None,
) -> None:
    """Fork `workers` web processes, each accepting on its own sockets; loops run in this process.

    This process keeps no listening socket: were it to hold a worker's after that worker
    ended, the connections the kernel gave that socket would wait with nobody to accept.
    `extend` adds to each worker's app before it serves (the benchmark's static route).
    """
    listeners = _listeners(host, port, workers)
    parent = os.getpid()
    board = StatusBoard()
    publisher = StatusPublisher(board, server.loops_to_show(), server.heartbeats)
    publisher.publish()
    children = []
    for number in range(workers):
        pid = os.fork()
        if pid == 0:
            mine = listeners[number]
            for each in listeners:
                if each is not mine:
                    _close(each)
            web = worker_app(url, workers, board, set(publisher.loops), extend)
            _run_worker(mine, threads, web, parent)
            os._exit(0)
        children.append(pid)
    for each in listeners:
        _close(each)
    server.start_background()
    server.threads.append(start_loop("status", publisher, server.stop))
    stopped = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopped.set())
    click.echo(
        _(
            "Planlogg kjører med %(workers)s arbeidere på http://%(host)s:%(port)s",
            workers=workers,
            host=in_url(host),
            port=port,
        )
    )
    stopped.wait()
    for pid in children:
        os.kill(pid, signal.SIGTERM)
    for pid in children:
        os.waitpid(pid, 0)
    server.shutdown()


def in_url(host: str) -> str:
    """`host` as it stands in an address to click on: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def _check_port(host: str, port: int) -> int:
    """Refuse, in Norwegian and before anything starts, a port that cannot be listened on.

    Left to waitress, a port in use was an English traceback after "Planlogg kjører på …".
    Returns the port, a free one for 0.
    """
    taken = listen(host, port)
    port = int(taken[0].getsockname()[1])
    _close(taken)
    return port


def listen(host: str, port: int, reuse_port: bool = False) -> list[socket.socket]:
    """A listening socket on `port` for each address `host` names, IPv4 and IPv6 alike, as
    waitress listens on each; refused in Norwegian when one cannot be had. Port 0 is a free
    port the first socket is given, and every other address listens on that one too."""
    made: list[socket.socket] = []
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        for family, address in dict.fromkeys((info[0], info[4]) for info in found):
            if made:
                address = (address[0], made[0].getsockname()[1], *address[2:])
            made.append(
                socket.create_server(address, family=family, backlog=1024, reuse_port=reuse_port)
            )
    except OSError as error:
        taken = made[0].getsockname()[1] if made else port
        _close(made)
        raise click.ClickException(_refusal(host, taken, error)) from None
    return made


def _close(listeners: list[socket.socket]) -> None:
    for listener in listeners:
        listener.close()


def _refusal(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return _(
            "Porten %(port)s på %(host)s er allerede i bruk. Stopp det som bruker den, "
            "eller velg en annen med --port.",
            port=port,
            host=host,
        )
    return _(
        "Planlogg kan ikke lytte på %(host)s, port %(port)s (feilkode %(code)s). "
        "Sjekk --host og --port.",
        host=host,
        port=port,
        code=error.errno,
    )


def _listeners(host: str, port: int, count: int) -> list[list[socket.socket]]:
    """The listening sockets for each of `count` workers, on the one port (one per address).

    On Linux each worker gets its own sockets on the port (SO_REUSEPORT) and the kernel
    spreads new connections over them. On one shared socket, whichever worker was awake
    when a burst of connections came accepted nearly all of them and kept them open
    (keep-alive): wrk's 32 connections went 31 to one worker, and two workers answered no
    more than one. The port is first taken alone, so a port that is in use is refused as
    it always was, not shared with whatever holds it; port 0 is then one free port for all
    (another process could take it before the workers listen: then it is refused as in use).
    Elsewhere the workers share the same sockets (the same list, `count` times).
    """
    port = _check_port(host, port)
    if not (sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")):
        return [listen(host, port)] * count
    return [listen(host, port, reuse_port=True) for _ in range(count)]


def worker_app(
    url: str,
    workers: int,
    board: StatusBoard,
    shown: set[str],
    extend: Callable[[Flask], None] | None = None,
) -> Flask:
    """A web worker's app, one of `workers`: its own database connections, its share of the
    rate limits when they are counted in memory, its own kept answers (renewed when it sees
    the read models move), and the parent's loops (`shown`) as `/healthz` reads them from
    `board`: the follower, the sync and the heads' publication run in the parent. Each loop
    that has stopped reporting, the parent's (as it publishes their reports) and its own
    renewal's, is shown failing (`SharedHeartbeats`)."""
    web = create_app({"DATABASE_URL": url, "PLANLOGG_RATELIMIT_WORKERS": workers})
    if extend is not None:
        extend(web)
    services = web.extensions["planlogg"]
    services.sheet_place = _sheet_place(services.app)
    for name in shown:
        services.background[name] = SharedLoop(board, name)
    if "sync" in shown:
        services.sync = services.background.pop("sync")
    services.background["answers"] = Renewal(web)
    services.background["heartbeats"] = SharedHeartbeats(board, Heartbeats())
    return web


def _run_worker(listeners: list[socket.socket], threads: int, web: Flask, parent: int) -> None:
    """A forked web worker on its listening sockets, its answers renewed in a thread, ended
    when its parent is (`ParentWatch`)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_start_up_aside()
    start_loop("parent", ParentWatch(parent), threading.Event())
    background = web.extensions["planlogg"].background
    start_loop("answers", background["answers"], threading.Event(), background["heartbeats"].own)
    _waitress(web, listeners, threads)


PARENT_CHECK = 0.5
"""Seconds between a worker's looks at whether its parent is still there."""


@dataclass
class ParentWatch:
    """Ends this worker once its parent is gone (killed, say, so it could not stop its workers).

    Left running, a worker kept its share of the port's connections and answered them from
    read models no one kept up any more, and a `serve` started again could not take the port
    until someone found and killed the workers by hand. A process whose parent has gone is
    given to another (its parent ID changes), which is what this watches for."""

    parent: int

    def run_forever(self, stop: threading.Event) -> None:
        while os.getppid() == self.parent:
            if stop.wait(PARENT_CHECK):
                return
        os.kill(os.getpid(), signal.SIGTERM)


@command(
    "serve",
    help=N_("Kjør nettsiden og API-et (waitress), lesemodellene og synkroniseringen."),
)
@option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar=N_("ADRESSE"),
    help=N_("Adressen å lytte på."),
)
@option(
    "--port",
    default=8080,
    show_default=True,
    type=WholeNumber(0, 65535),
    help=N_("Porten (0: en ledig port, som skrives ut når Planlogg kjører)."),
)
@option(
    "--threads",
    default=8,
    show_default=True,
    type=WholeNumber(1, 256),
    help=N_("Tråder per arbeider."),
)
@option(
    "--workers",
    default=1,
    show_default=True,
    type=WholeNumber(1, 64),
    help=N_("Antall webprosesser (PostgreSQL)."),
)
@option("--plan", "plan_key", default=None, help=N_("Planen som synkroniseres med regnearket."))
@option("--no-sync", is_flag=True, help=N_("Ikke kjør synkroniseringen med regnearket."))
@option(
    "--sync-interval",
    default=5.0,
    show_default=True,
    type=DecimalNumber(0.5, 86_400),
    help=N_("Sekunder mellom hver synkronisering med regnearket."),
)
@option(
    "--demo/--no-demo",
    default=None,
    help=N_("Last inn demoplanen (standard: når SQLite-basen er tom)."),
)
@pass_ctx
def serve(
    ctx: CliContext,
    host: str,
    port: int,
    threads: int,
    workers: int,
    plan_key: str | None,
    no_sync: bool,
    sync_interval: float,
    demo: bool | None,
) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    summarise_queue_warnings()
    rate_limits.budgets(rate_limits.default_config(), workers)
    if workers > 1 and ctx.url.startswith("sqlite"):
        click.echo(_("Merk: flere arbeidere mot SQLite fungerer, men PostgreSQL er anbefalt."))
    listening = listen(host, port)
    port = listening[0].getsockname()[1]
    try:
        server = build_server(
            ctx.url, demo=demo, sync=not no_sync, plan_key=plan_key, sync_interval=sync_interval
        )
        rate_limits.check_storage(
            server.web.extensions["planlogg_limiter"], server.web.config["RATELIMIT_STORAGE_URI"]
        )
    except BaseException:
        _close(listening)
        raise
    if workers > 1:
        _close(listening)
        if rate_limits.in_memory(rate_limits.storage_uri()):
            click.echo(
                _(
                    "Grensene mot gjetting av token telles i minnet til hver arbeider: hver av "
                    "de %(workers)s arbeiderne tillater 1/%(workers)s av hver grense. Sett "
                    "PLANLOGG_RATELIMIT_STORAGE=redis://127.0.0.1:6379 for å telle i fellesskap "
                    "(trengs med flere maskiner).",
                    workers=workers,
                )
            )
        serve_many(server, host, port, threads, workers, ctx.url)
        return
    click.echo(_("Planlogg kjører på http://%(host)s:%(port)s", host=in_url(host), port=port))
    serve_one(server, listening, threads)


@group("token", help=N_("API-token for redaktører, godkjennere og revisorer."))
def token() -> None:
    """API tokens."""


def _role(code: str) -> str:
    word = TOKEN_ROLE_WORDS.words.get(code)
    return _(word) if word else code


@token.command(
    "create", help=N_("Lag et token for NAVN (vises bare én gang; lagres bare som SHA-256).")
)
@argument("name")
@option(
    "--role",
    required=True,
    type=TOKEN_ROLE_WORDS,
    help=N_("Rollen til tokenet: redaktør, godkjenner eller revisor."),
)
@option(
    "--community",
    "communities",
    multiple=True,
    metavar=N_("FELLESSKAP"),
    help=N_(
        "Helsefellesskapet tokenet gjelder i (kan gjentas): tokenet får da tilgang bare dit. "
        "Uten: alle helsefellesskap."
    ),
)
@pass_ctx
def token_create(ctx: CliContext, name: str, role: str, communities: tuple[str, ...]) -> None:
    keys = _registered(ctx, communities)
    with closing(token_store_for(ctx.url)) as store:
        clear, record = create_token(store, name, role, communities=keys)
    click.echo(
        _(
            "Token for %(name)s (%(role)s). Det vises bare nå:",
            name=record.name,
            role=_role(record.role.value),
        )
    )
    click.echo(clear)


def _registered(ctx: CliContext, communities: tuple[str, ...]) -> list[str]:
    """The community keys as typed, each refused (naming it) unless the community is
    registered: a mistyped key, or a blank one, would make a token that reaches no plan, or
    every community's."""
    keys = checked_keys(communities)
    for key in keys:
        ctx.app.get_community(key)
    return keys


@token.command("list", help=N_("Vis alle token (uten selve tokenet)."))
@pass_ctx
def token_list(ctx: CliContext) -> None:
    with closing(token_store_for(ctx.url)) as store:
        records = store.all()
    for record in records:
        revoked = format_oslo_date(record.revoked_at) if record.revoked_at else ""
        state = _("aktiv") if record.active else _("trukket tilbake %(date)s", date=revoked)
        made = format_oslo_date(record.created_at)
        reach = ", ".join(sorted(record.communities)) or _("alle")
        click.echo(f"{record.name}\t{_role(record.role.value)}\t{made}\t{state}\t{reach}")


@token.command("revoke", help=N_("Trekk tilbake det aktive tokenet til NAVN."))
@argument("name")
@pass_ctx
def token_revoke(ctx: CliContext, name: str) -> None:
    with closing(token_store_for(ctx.url)) as store:
        record = store.revoke(name)
    click.echo(_("Tokenet til %(name)s er trukket tilbake.", name=record.name))


def register(cli: click.Group) -> None:
    cli.add_command(serve)
    cli.add_command(token)
