"""Blind bids on the command line: a mediator opens one on a numeric issue (`bid-open`), and
each of the two parties sends its bound (`bid`).

Nobody sees a bound, the mediator included; a settlement can reveal something of it, which the
bid's notice says. A person at a terminal reads that notice and confirms before the bound is
sent; a script (stdin not a terminal) or `--yes` sends at once.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from shuttle.cli.errors import Exit, fail, reported
from shuttle.cli.negotiate import act
from shuttle.cli.options import DEFAULT_DB, EXAMPLES, As, Db, Json, TalkId, service
from shuttle.cli.terminal import terminal_safe
from shuttle.talks import Bid, BidOpenedView, OpenBid, TalkView

prompt = Console(stderr=True, highlight=False)
"""The notice and the question go to stderr, so that stdout stays what --json promises."""

BID_OPEN_HELP = (
    "Open a blind bid on a numeric issue (a mediator): --high is the party that wants it high "
    "(it bids the least it accepts), --low the party that wants it low (the most it accepts). "
    "The issue settles only if the bounds overlap on an option; the talk's --bid-rule says "
    "where, and the notice printed says what a settlement reveals."
    + EXAMPLES
    + 'shuttle bid-open TALK --as Oman --issue "Compensation" --high Iran --low "United States"'
)

BID_HELP = (
    "Send your party's bound in a blind bid, in confidence (a delegate): nobody sees it, the "
    "mediator included. At a terminal the bid's notice is shown first and you confirm; --yes "
    "(or a script) sends at once. A negative bound follows --."
    + EXAMPLES
    + 'shuttle bid TALK --as "Iranian FM" 250\n  '
    + 'shuttle bid TALK --as "US Envoy" 400 --number 2 --yes\n  '
    + 'shuttle bid TALK --as "US Envoy" --yes -- -5'
)


def bid_open(
    talk: TalkId,
    actor: As,
    issue: Annotated[str, typer.Option("--issue", help="A numeric issue on the agenda.")],
    high: Annotated[str, typer.Option("--high", help="The party that wants the issue high.")],
    low: Annotated[str, typer.Option("--low", help="The party that wants the issue low.")],
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    act(db, talk, OpenBid(actor=actor, issue=issue, high=high, low=low), as_json)


def bid(
    talk: TalkId,
    bound: Annotated[
        float,
        typer.Argument(
            help="Your bound: the least you accept if you want the issue high, the most if low.",
            show_default=False,
        ),
    ],
    actor: As,
    number: Annotated[
        int | None,
        typer.Option("--number", help="The blind bid, when more than one awaits your bound."),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", help="Send without showing the notice and asking.")
    ] = False,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    if not yes and interactive():
        confirm(db, talk, actor, bound, number)
    act(db, talk, Bid(actor=actor, bound=bound, number=number), as_json)


def interactive() -> bool:
    """Whether a person is at the keyboard (stdin is a terminal)."""
    return sys.stdin.isatty()


def confirm(db: str, talk: str, actor: str, bound: float, number: int | None) -> None:
    """Show the notice of the bid this bound is for, and ask; exit, sending nothing, on no.
    When no single bid can be named, nothing is asked: the rules refuse the bound anyway."""
    with reported():
        view = service(db).view(talk, actor)
    party = view.participant.party
    opened = awaiting(view)
    chosen = next((s for s in opened if s.number == number), None)
    if number is None and len(opened) == 1:
        chosen = opened[0]
    if chosen is None or party is None:  # a mediator has no bid awaiting its bound
        return
    side = "the least you accept" if chosen.high == party else "the most you accept"
    prompt.print(
        Text(
            terminal_safe(f"Blind bid {chosen.number} on {chosen.issue}: your bound is {side}."),
            style="bold",
        )
    )
    prompt.print(Text(terminal_safe(f"Notice: {chosen.notice}")))
    question = f"Send the bound {bound:g} for {terminal_safe(party)}?"
    if not typer.confirm(question, default=False, err=True):
        fail(Exit.REFUSED, "not sent: nothing was recorded")


def awaiting(view: TalkView) -> list[BidOpenedView]:
    """The blind bids, opened and not settled, in which the viewer's party has not yet bid."""
    party = view.participant.party
    mine = {b.number for b in view.bid_submissions if b.party == party}
    return [
        b
        for b in view.bids
        if party in (b.high, b.low) and b.number not in view.settled and b.number not in mine
    ]


def register(app: typer.Typer) -> None:
    """Add `bid-open` and `bid` to `app`."""
    app.command("bid-open", help=BID_OPEN_HELP)(bid_open)
    app.command("bid", help=BID_HELP)(bid)
