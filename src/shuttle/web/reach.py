"""Which talks a credential opens: the one talk of a talk-bound credential; for an account, the
seats it keeps and (unless it was made from a delegate's link) the talks that name it as a
mediator. Every listing of "your talks" and "your tracks" is read through here, so a page never
shows a talk for a name found in it -- another talk's mediator may name anyone anything -- only
for a credential that opens it."""

from __future__ import annotations

from shuttle.accounts import Identity
from shuttle.service import TalkService
from shuttle.talks import NotFound, Refused, TalkView


def reached_talks(service: TalkService, identity: Identity) -> list[TalkView]:
    """Every talk the identity acts in and has not left, as it sees each, newest activity
    first."""
    views: list[TalkView] = []
    if identity.talk is not None and identity.participant is not None:
        views += _present(service, identity.talk, identity.participant)
    for talk, name in identity.seats:
        views += _present(service, talk, name)
    seated = {talk for talk, _ in identity.seats}
    account = identity.mediator_account
    if account is not None:
        views += [v for v in service.cases(account) if v.is_mediator and v.talk not in seated]
    return sorted(views, key=lambda v: v.last_activity or "", reverse=True)


def reached_tracks(
    service: TalkService, identity: Identity, process: str, current: TalkView | None = None
) -> list[TalkView]:
    """The tracks of `process` the identity acts in, in the process's order, as it sees each;
    only the tracks of the process are read (`current`, a view already read, is not read
    again)."""
    found: list[TalkView] = []
    for talk in service.store.tracks_of(process):
        name = identity.name_in(talk)
        if name is None:
            continue
        known = [current] if current is not None and current.talk == talk else None
        for view in known or _present(service, talk, name):
            if identity.acts_in(talk, view.is_mediator):
                found.append(view)
    return found


def _present(service: TalkService, talk: str, name: str) -> list[TalkView]:
    try:
        view = service.view(talk, name)
    except NotFound:
        return []
    return [view] if view.participant.present else []


def name_in_track(service: TalkService, identity: Identity, talk: str) -> str:
    """The name under which the identity acts in another track `talk`: a seat its account
    keeps there, or its own name where that name mediates. Refused for a talk-bound
    credential (which opens one talk alone); NotFound, alike for a talk that does not exist
    and one the identity takes no part in."""
    if identity.user is None:
        raise Refused(
            "carrying into another track needs an account that takes part in both",
            "sign in with your account, or keep this talk in one from your invite link",
        )
    name = identity.name_in(talk)
    views = [] if name is None or "\x00" in talk else _present(service, talk, name)
    if name is None or not views or not identity.acts_in(talk, views[0].is_mediator):
        raise NotFound(f"track {talk.strip()!r} not found among yours")
    return name


def mediated_within(identity: Identity) -> frozenset[str] | None:
    """The talks where an account that acts through seats keeps its own name's place (the
    talks it opened, or was brought into by a co-mediator's link): there alone its name
    mediates. None for an account that mediates by its name wherever that name does."""
    if identity.user is None or not identity.seats_only:
        return None
    return frozenset(talk for talk, name in identity.seats if name == identity.user)
