"""The web's commands: `serve`, `invite`, `user add`, `token issue` and `token revoke`.

Secrets are printed once, to this terminal, and stored only as digests; nothing secret goes to
the server's log (uvicorn's access log prints paths, so an invite token, which is in a path,
is kept out of it: see `serve`).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from shuttle.accounts.access import INVITE_TTL
from shuttle.accounts.mail import Mailer, MailError, mailer_from_env
from shuttle.assembly import PostgresBell, access_to, fit_bell
from shuttle.cli.errors import Exit, fail, reported
from shuttle.cli.opening import Typed, open_command
from shuttle.cli.options import DEFAULT_DB, EXAMPLES, Db, Json, TalkId, load_seal, service
from shuttle.cli.render import console, print_json
from shuttle.cli.terminal import terminal_safe
from shuttle.service import CACHE_EVENTS, TalkService
from shuttle.talks import BidRule, Handling, NotFound, Refused
from shuttle.tracks import open_track
from shuttle.web.invitations import mail_link, make_link
from shuttle.web.settings import MAX_BODY

if TYPE_CHECKING:
    pass

DAY = 24 * 3600.0

Host = Annotated[str, typer.Option("--host", help="Address to listen on.")]
Port = Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)]
MaxBody = Annotated[
    int,
    typer.Option(
        "--max-body",
        help="Largest request body to accept, in bytes (1048576 is 1 MiB); a larger one is "
        "answered 413 and never read.",
        metavar="BYTES",
        min=1,
    ),
]
BaseUrl = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        envvar="SHUTTLE_BASE_URL",
        help="How browsers reach the server (else http://127.0.0.1:8000).",
    ),
]

Smtp = Annotated[
    str | None,
    typer.Option(
        "--smtp",
        envvar="SHUTTLE_SMTP",
        help="The mail server invitations are sent through: smtp://HOST[:PORT] (plain), "
        "smtp+starttls://USER:PASSWORD@HOST[:587], or smtps://USER:PASSWORD@HOST[:465]; add "
        "?from=ADDRESS for the sender. Without it, links are copied by hand.",
        metavar="URL",
    ),
]
SealCert = Annotated[
    Path | None,
    typer.Option(
        "--seal-cert",
        help="Seal every PDF the server makes with this certificate (PEM or DER, maybe "
        "followed by its chain); needs --seal-key. Without them, PDFs are unsealed.",
        metavar="FILE",
    ),
]
SealKey = Annotated[
    Path | None,
    typer.Option(
        "--seal-key",
        help="The private key of --seal-cert (PEM or DER, not encrypted).",
        metavar="FILE",
    ),
]
InviteDays = Annotated[
    float,
    typer.Option(
        "--invite-days",
        help="How many days an invite link works for, unless used before.",
        min=0.01,
        max=365,
    ),
]

CacheEvents = Annotated[
    int,
    typer.Option(
        "--cache-events",
        envvar="SHUTTLE_CACHE_EVENTS",
        help="How many events of recently used talks to keep folded in memory (about 1 KiB "
        "each); the rest are read from the database when needed.",
        min=100,
    ),
]

user_app = typer.Typer(help="Mediators' accounts.", no_args_is_help=True, rich_markup_mode=None)
token_app = typer.Typer(
    help="Bearer tokens for programs.", no_args_is_help=True, rich_markup_mode=None
)


def require_participant(svc: TalkService, talk: str, name: str) -> str:
    """The participant's name as recorded, or exit 3."""
    try:
        return svc.participant(talk, name).name
    except NotFound as error:
        fail(Exit.NOT_FOUND, f"not found: {error}")


def invite_line(role: str, name: str, url: str) -> str:
    return f"{role}\t{name}\t{url}"


def serve(
    db: Db = DEFAULT_DB,
    host: Host = "127.0.0.1",
    port: Port = 8000,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="Open the Muscat demo talk (illustrative) and print an invite link for Oman's "
            "mediator and one delegate of each party.",
        ),
    ] = False,
    secure_cookies: Annotated[
        bool, typer.Option("--secure-cookies", help="Mark cookies Secure (behind HTTPS).")
    ] = False,
    max_body: MaxBody = MAX_BODY,
    base_url: BaseUrl = None,
    smtp: Smtp = None,
    invite_days: InviteDays = INVITE_TTL / DAY,
    seal_cert: SealCert = None,
    seal_key: SealKey = None,
    cache_events: CacheEvents = CACHE_EVENTS,
) -> None:
    import uvicorn

    from shuttle.web.app import create_app
    from shuttle.web.settings import Settings

    with reported():
        mailer = _mailer(smtp)
        seal = load_seal(seal_cert, seal_key)
        svc = service(db, cache_events)
        bell = fit_bell(svc)
        base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
        if demo:
            open_demo(svc, base_url or base)
        settings = Settings(
            secure_cookies=secure_cookies,
            max_body=max_body,
            base_url=base_url,
            own_url=base,
            invite_ttl=invite_days * DAY,
            mailer=mailer,
            seal=seal,
        )
        app = create_app(svc, settings)
    console.print(
        Text(f"Shuttle is serving {db} on {base} (Ctrl+C stops it)", style="bold"), soft_wrap=True
    )
    sys.stdout.flush()
    try:
        # No access log: invite links carry their secret in the path.
        uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning")
    finally:
        if isinstance(bell, PostgresBell):
            bell.close()


def open_demo(svc: TalkService, base: str) -> str:
    """Open the Muscat talk live, and beside it a linked consultation track (the United States
    with Saudi Arabia and Israel, the US delegation's head in both); print `ROLE NAME URL` for
    each invited participant, Muscat's first."""
    from shuttle.cli.demo import scenario as muscat_scenario
    from shuttle.cli.demo_tracks import demo_process, open_consultation

    muscat = muscat_scenario()
    setup = muscat.talk
    assert setup is not None
    process = demo_process(svc)
    typed = Typed(None, (), (), (), Handling.MEDIATOR_ONLY, False, BidRule.MIDPOINT)
    command = replace(open_command(typed, muscat), process=process.process)
    talk = open_track(svc, command).talk
    if setup.notice:
        console.print(Text(terminal_safe(setup.notice), style="yellow"), soft_wrap=True)
    console.print(Text(f"Demo talk {talk}: {setup.title}", style="bold"), soft_wrap=True)
    console.print("Open each link in its own browser window (each works once):")
    access = access_to(svc)
    invited = [("mediator", setup.mediators[0])]
    invited += [("delegate", setup.delegates_of(party)[0]) for party in muscat.parties]
    for role, name in invited:
        url = f"{base}/invite/{access.invite(talk, name)}"
        print(invite_line(role.upper(), name, url), flush=True)
    us_head = setup.delegates_of(muscat.parties[0])[0]
    consulted = open_consultation(svc, process.process, us_head)
    opened = svc.view(consulted.talk, consulted.actor)
    console.print(
        Text(f"Linked track {consulted.talk}: {opened.title}", style="bold"), soft_wrap=True
    )
    console.print(
        Text(
            terminal_safe(
                f"{us_head} takes part in both tracks: one link for each. Open both in one "
                "window and choose 'Keep them in one account' to see both under one sign-in."
            )
        ),
        soft_wrap=True,
    )
    for member in opened.roster:
        role = "mediator" if member.is_mediator else "delegate"
        url = f"{base}/invite/{access.invite(consulted.talk, member.name)}"
        print(invite_line(role.upper(), member.name, url), flush=True)
    return talk


def invite(
    talk: TalkId,
    name: Annotated[str, typer.Argument(help="The participant to invite.")],
    db: Db = DEFAULT_DB,
    base_url: BaseUrl = None,
    as_json: Json = False,
    send: Annotated[
        str | None,
        typer.Option(
            "--send",
            help="Mail the link to this address too (through --smtp).",
            metavar="ADDRESS",
        ),
    ] = None,
    smtp: Smtp = None,
    invite_days: InviteDays = INVITE_TTL / DAY,
) -> None:
    with reported():
        mailer = _mailer(smtp)
        if send is not None and mailer is None:
            fail(Exit.USAGE, "invalid: --send needs a mail server: give --smtp URL")
        svc = service(db)
        recorded = require_participant(svc, talk, name)
        try:
            # Talk-bound always: the operator makes mediators' accounts with `shuttle user add`.
            link = make_link(
                svc, access_to(svc), talk, recorded, base_url, invite_days * DAY, accounts=False
            )
        except Refused as refused:
            fail(Exit.REFUSED, f"refused: {refused}")
        if send is not None and mailer is not None:
            title = svc.view(talk, recorded).title
            try:
                mail_link(mailer, link, send, title, None)
            except MailError as error:
                fail(Exit.REFUSED, f"the link was made but not sent: {error}")
    if as_json:
        answer = {"talk": talk, "participant": recorded, "url": link.url, "kind": link.kind}
        print_json(answer | {"expires_at": link.expires_at, "sent_to": send})
    else:
        print(link.url)
        if send is not None:
            print(f"sent to {send}", file=sys.stderr)


def _mailer(url: str | None) -> Mailer | None:
    try:
        return mailer_from_env(url)
    except MailError as error:
        fail(Exit.USAGE, f"invalid: --smtp: {error}")


@user_app.command(
    "add",
    help="Add a mediator's account; the password is read from stdin "
    "(or prompted for)." + EXAMPLES + "shuttle user add Oman",
)
def user_add(
    name: Annotated[str, typer.Argument(help="The account's name: the mediator's name in talks.")],
    db: Db = DEFAULT_DB,
) -> None:
    if sys.stdin.isatty():
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    with reported():
        try:
            access_to(service(db)).add_user(name, password)
        except ValueError as error:
            fail(Exit.USAGE, f"invalid: {error}")
    print(f"added {name.strip()}")


@token_app.command(
    "issue",
    help="Issue a bearer token for a program acting as a participant."
    + EXAMPLES
    + 'shuttle token issue TALK "US Envoy"',
)
def token_issue(
    talk: TalkId,
    name: Annotated[str, typer.Argument(help="The participant the program acts as.")],
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    with reported():
        svc = service(db)
        recorded = require_participant(svc, talk, name)
        token = access_to(svc).bearer(talk, recorded)
    if as_json:
        print_json({"talk": talk, "participant": recorded, "token": token})
    else:
        print(token)


@token_app.command(
    "revoke", help="Revoke a bearer token." + EXAMPLES + "shuttle token revoke TOKEN"
)
def token_revoke(
    token: Annotated[str, typer.Argument(help="The token to revoke.")],
    db: Db = DEFAULT_DB,
) -> None:
    with reported():
        access_to(service(db)).end(token)
    print("revoked")


def register(app: typer.Typer) -> None:
    app.command(
        "serve",
        help="Serve every room in the browser and the JSON API (OpenAPI at /docs)."
        + EXAMPLES
        + "shuttle serve --demo\n  shuttle serve --db sqlite:///talks.db --port 8080"
        + "\n  shuttle serve --max-body 4194304   # accept bodies up to 4 MiB"
        + "\n  shuttle serve --seal-cert cert.pem --seal-key key.pem   # seal the PDFs",
    )(serve)
    app.command(
        "invite",
        help="Print a single-use invite link for a participant of a talk."
        + EXAMPLES
        + 'shuttle invite TALK "Iran FM" --base-url https://talks.example.org',
    )(invite)
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
