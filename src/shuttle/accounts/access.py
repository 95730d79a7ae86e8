"""Credentials: invites that become sessions, bearer tokens, accounts and the seats they keep.

Every credential is kept as the digest of its token. A talk-bound credential (an invite, the
session it became, a bearer token) acts as one participant of one talk. An account's session
acts as each participant whose seat the account keeps, and (unless the account was made from a
link, `seats_only`) as its own name in any talk where that name is a mediator. An account made
from a co-mediator's link (`opens_talks`) opens talks and processes too, and keeps the seat of
each talk it opens.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine, Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from shuttle.accounts.credential_cache import CredentialCache, RevocationFeed
from shuttle.accounts.passwords import dummy_check, hash_password, password_matches
from shuttle.accounts.schema import web_credentials, web_seats, web_users
from shuttle.accounts.tokens import digest, new_token
from shuttle.store.database import write_transaction
from shuttle.store.pg_bell import REVOKED_CHANNEL

Kind = Literal["invite", "session", "bearer"]

# Every request is identified: the query is built once (building it per call cost more CPU
# than running it).
_LIVE_CREDENTIAL = select(web_credentials).where(
    web_credentials.c.digest == bindparam("digest"),
    web_credentials.c.kind.in_(bindparam("kinds", expanding=True)),
    web_credentials.c.ended_at.is_(None),
    or_(web_credentials.c.expires_at.is_(None), web_credentials.c.expires_at > bindparam("now")),
)

NAME_LIMIT = 200  # web_users.name
INVITE_TTL = 7 * 24 * 3600.0
SESSION_TTL = 12 * 3600.0


@dataclass(frozen=True)
class Identity:
    """Who a request comes from: a participant of one talk, or an account. An account keeps
    `seats` (talk, participant), and unless `seats_only` it mediates by its name; with
    `opens_talks`, it opens talks (and keeps their seats) though it acts through seats."""

    kind: Kind
    talk: str | None
    participant: str | None
    user: str | None
    csrf: str | None
    seats: tuple[tuple[str, str], ...] = ()
    seats_only: bool = False
    opens_talks: bool = False

    def seat_in(self, talk: str) -> str | None:
        """The participant of `talk` whose seat this account keeps, if any."""
        return next((name for held, name in self.seats if held == talk), None)

    def name_in(self, talk: str) -> str | None:
        """The participant name this identity may act as in `talk`, if any (the caller still
        checks that the talk has such a participant; for an account's own name, that it is a
        mediator there)."""
        if self.user is not None:
            seat = self.seat_in(talk)
            if seat is not None:
                return seat
            return None if self.seats_only else self.user
        return self.participant if self.talk == talk else None

    def acts_in(self, talk: str, is_mediator: bool) -> bool:
        """Whether this identity may act as the participant `name_in(talk)` names, which is
        (`is_mediator`) or is not a mediator there: a talk-bound credential in its own talk,
        an account through a seat it keeps, or as its own name only where that name mediates
        -- never a delegate's place for a name that merely matches."""
        if self.user is None:
            return self.talk == talk
        return self.seat_in(talk) is not None or (is_mediator and not self.seats_only)

    @property
    def mediator_account(self) -> str | None:
        """The account's name, if it may act as a mediator by that name (open talks and
        processes, mediate the talks that name it); None for a talk-bound credential and for
        an account made from a delegate's link."""
        return None if self.user is None or self.seats_only else self.user

    @property
    def opener(self) -> str | None:
        """The account's name, if it may open talks and processes under it: an account that
        mediates by its name, or one made from a co-mediator's link (which then keeps the
        seat of what it opens); None otherwise."""
        if self.user is None or (self.seats_only and not self.opens_talks):
            return None
        return self.user


class NameTaken(ValueError):
    """An account of that name exists already. Whoever is told so learns that the name is
    in use, so the pages count it as a failed try."""


@dataclass(frozen=True)
class Issued:
    token: str
    csrf: str | None = None


@dataclass(frozen=True)
class Invite:
    """What an invite link is for, told to whoever holds it (the link is the secret): a
    participant of a talk, or (`user`) a mediator's account to set a password for, made for
    a co-mediator of `talk`. `usable` is False once it was used, replaced or has expired."""

    talk: str | None
    participant: str | None
    user: str | None
    usable: bool


class Access:
    """Invites, sessions, bearer tokens and mediators' passwords, in the record's database.

    `revocations`, where this instance hears other instances revoke credentials, lets it keep
    live credentials longer (`credential_cache`); without it they are kept under a second."""

    def __init__(
        self,
        engine: Engine,
        clock: Callable[[], float] = time.time,
        revocations: RevocationFeed | None = None,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._known: CredentialCache[Identity] = CredentialCache(revocations)

    # -- issuing -------------------------------------------------------------------------

    def invite(self, talk: str, participant: str, ttl: float = INVITE_TTL) -> str:
        """A single-use invite token for `participant` of `talk`. It replaces any earlier
        invite of theirs not used yet: a link reported lost stops working when its
        replacement is made."""
        self._end_invites(
            web_credentials.c.user.is_(None),
            web_credentials.c.talk == talk,
            web_credentials.c.participant == participant,
        )
        return self._issue("invite", talk=talk, participant=participant, ttl=ttl).token

    def replace_link(self, talk: str, participant: str, ttl: float = INVITE_TTL) -> str:
        """A new invite token for `participant` of `talk` that becomes its only way in from a
        browser: a link made again may be one reported lost, and whoever used the old one
        must not stay in (`_replace_ways_in`). Its programs' bearer tokens stay (they are
        revoked apart)."""
        now = self._clock()
        with write_transaction(self._engine) as connection:
            _replace_ways_in(connection, now, talk, participant)
            issued = _issue_in(
                connection, now, "invite", talk=talk, participant=participant, ttl=ttl
            )
        self._known.forget_all()
        return issued.token

    def account_invite(self, user: str, talk: str, ttl: float = INVITE_TTL) -> str:
        """A single-use link for co-mediator `user` of `talk`, who has no account, to choose
        its password: like `replace_link`, it becomes the co-mediator's only way into `talk`
        from a browser. Links of that name for other talks stay: another talk's mediator
        cannot end them."""
        if not _storable(user):
            raise ValueError(f"a user's name has at most {NAME_LIMIT} characters and no NUL")
        now = self._clock()
        with write_transaction(self._engine) as connection:
            _replace_ways_in(connection, now, talk, user)
            issued = _issue_in(connection, now, "invite", talk=talk, user=user, ttl=ttl)
        self._known.forget_all()
        return issued.token

    def _end_invites(self, *which: ColumnElement[bool]) -> None:
        """End the unused invites that `which` selects (a new one replaces them)."""
        self._end(web_credentials.c.kind == "invite", *which)

    def _end(self, *which: ColumnElement[bool]) -> int:
        """End the live credentials that `which` selects; how many were ended."""
        with write_transaction(self._engine) as connection:
            ended = _end_in(connection, self._clock(), *which)
        self._known.forget_all()
        return ended

    def has_user(self, user: str, *, mediating: bool = False) -> bool:
        """Whether an account named `user` exists; with `mediating`, one that acts as its
        name where that name mediates (not an account made from a delegate's link, which
        acts only through its seats: a delegate may name its account anything)."""
        if not _storable(user):
            return False
        which = [web_users.c.name == user]
        if mediating:
            which.append(web_users.c.seats_only.is_(False))
        with self._engine.connect() as connection:
            found = connection.execute(select(web_users.c.name).where(*which)).first()
        return found is not None

    def peek(self, token: str) -> Invite | None:
        """What the invite `token` is for, without using it (None if no invite has that
        token): so that opening a link, as a chat's preview does, spends nothing."""
        with self._engine.connect() as connection:
            row = connection.execute(
                select(web_credentials).where(
                    web_credentials.c.digest == digest(token),
                    web_credentials.c.kind == "invite",
                )
            ).first()
        if row is None:
            return None
        live = row.ended_at is None and (row.expires_at is None or row.expires_at > self._clock())
        return Invite(row.talk, row.participant, row.user, live)

    def set_password(self, token: str, password: str) -> Issued | None:
        """Use an account invite: create the account it names with `password`, keeping the
        seat of the talk the link came from, and start its session. The account acts through
        its seats and opens talks (`opens_talks`): never as its name in talks it was not
        brought into, which any mediator could otherwise name it in. None if the link is not
        a usable account invite; ValueError (nothing changed) if the password is refused or
        the account exists already."""
        hashed = hash_password(password)  # refuses a short password before anything changes
        now = self._clock()
        user: str | None = None
        try:
            with write_transaction(self._engine) as connection:
                row = _use_invite(
                    connection,
                    token,
                    now,
                    web_credentials.c.user.is_not(None),
                    returning=(web_credentials.c.user, web_credentials.c.talk),
                )
                if row is None:
                    return None
                user = str(row.user)
                connection.execute(
                    insert(web_users).values(
                        name=user,
                        password_hash=hashed,
                        created_at=now,
                        seats_only=True,
                        opens_talks=True,
                    )
                )
                _bind(connection, user, (str(row.talk), user), now)
        except IntegrityError:
            raise ValueError(f"an account named {user!r} exists already: sign in") from None
        return self._issue("session", user=user, ttl=SESSION_TTL)

    def end_participant(self, talk: str, participant: str) -> int:
        """End every credential of `participant` in `talk` (invites, sessions, tokens) and free
        its seat from any account: it was removed from the talk. How many were ended."""
        # One transaction: a link used while the removal is under way either keeps its seat
        # before it (and loses it here) or finds the link ended, never a seat left after it.
        # The credentials are ended first, so that on PostgreSQL a use of the same link
        # still open is waited for, and its seat is then seen and freed.
        with write_transaction(self._engine) as connection:
            ended = _end_in(
                connection,
                self._clock(),
                web_credentials.c.talk == talk,
                or_(web_credentials.c.participant == participant, _password_link_of(participant)),
            )
            _free_seat(connection, talk, participant)
        self._known.forget_all()
        return ended

    # -- seats: one account across talks -------------------------------------------------

    def keep_seat(self, token: str, user: str) -> tuple[str, str] | None:
        """Use the participant invite `token` to keep its seat in account `user` (whose
        session the caller holds): the talk and participant, or None if the link is not a
        usable participant invite. ValueError, with nothing changed, if the account keeps
        a seat in that talk already or the seat is kept in another account."""
        now = self._clock()
        try:
            with write_transaction(self._engine) as connection:
                seat = _use_participant_invite(connection, token, now)
                if seat is None:
                    return None
                _bind(connection, user, seat, now)
        except IntegrityError:  # another request kept the same seat at the same moment
            raise ValueError("this seat is kept in another account") from None
        self._known.forget_all()
        return seat

    def make_account(
        self,
        token: str,
        user: str,
        password: str,
        also: str | None = None,
    ) -> Issued | None:
        """Use the participant invite `token` to make an account named `user` that keeps the
        link's seat, and start its session. `also`, the token of a talk-bound session the
        caller holds for another talk, is ended, and its seat kept in the account too, unless
        another account keeps it. The account acts only through its seats (`seats_only`).
        None if the link is not a usable participant invite; ValueError, with nothing
        changed, if the name is taken or the password refused."""
        name = _account_name(user)
        hashed = hash_password(password)  # refuses a short password before anything changes
        now = self._clock()
        try:
            with write_transaction(self._engine) as connection:
                seat = _use_participant_invite(connection, token, now)
                if seat is None:
                    return None
                connection.execute(
                    insert(web_users).values(
                        name=name, password_hash=hashed, created_at=now, seats_only=True
                    )
                )
                _bind(connection, name, seat, now)
                # The talk the browser is in goes too, unless another account keeps it already
                # (the new account then holds the link's talk alone, as its home page shows).
                # Its session is ended in this transaction: a removal ending it at the same
                # moment goes first or after, never leaving its seat kept.
                held = None if also is None else _end_talk_session(connection, also, now)
                if (
                    held is not None
                    and held[0] != seat[0]
                    and _taken(connection, name, held) is None
                ):
                    _bind(connection, name, held, now)
        except IntegrityError:
            raise NameTaken(
                f"an account named {name!r} exists already: choose another name"
            ) from None
        self._known.forget_all()
        return self._issue("session", user=name, ttl=SESSION_TTL)

    def keep_opened(self, user: str, talk: str) -> None:
        """Keep the mediator's seat of `talk`, which account `user` has just opened under its
        own name, in that account (one that acts through seats; `Identity.opener`)."""
        with write_transaction(self._engine) as connection:
            _bind(connection, user, (talk, user), self._clock())
        self._known.forget_all()

    def kept_in_accounts(self, talk: str) -> set[str]:
        """The participants of `talk` whose seats accounts keep (not which accounts)."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(web_seats.c.participant).where(web_seats.c.talk == talk)
            )
            return {str(row.participant) for row in rows}

    def seats(self, user: str) -> list[tuple[str, str]]:
        """The seats account `user` keeps: (talk, participant), in the order it took them."""
        if not _storable(user):
            return []
        with self._engine.connect() as connection:
            return _seats_of(connection, user)

    def bearer(self, talk: str, participant: str) -> str:
        """A bearer token for a program acting as `participant` of `talk` (no expiry; revoke
        with `revoke`)."""
        return self._issue("bearer", talk=talk, participant=participant, ttl=None).token

    def redeem(self, token: str) -> Issued | None:
        """Turn an unused, unexpired invite into a session: the session's token and CSRF
        secret. None for anything else, the same for a used invite as for a forged one."""
        now = self._clock()
        # The session comes in the link's own transaction: a removal cannot fall between them.
        with write_transaction(self._engine) as connection:
            seat = _use_participant_invite(connection, token, now)
            if seat is None:
                return None
            talk, participant = seat
            return _issue_in(
                connection, now, "session", talk=talk, participant=participant, ttl=SESSION_TTL
            )

    def login(self, user: str, password: str) -> Issued | None:
        """A session for a mediator's account, or None (wrong name or password alike)."""
        if not _storable(user):  # no account can have this name; PostgreSQL cannot compare it
            dummy_check(password)
            return None
        with self._engine.connect() as connection:
            stored = connection.execute(
                select(web_users.c.password_hash).where(web_users.c.name == user)
            ).scalar_one_or_none()
        if stored is None:
            dummy_check(password)
            return None
        if not password_matches(stored, password):
            return None
        return self._issue("session", user=user, ttl=SESSION_TTL)

    def add_user(self, user: str, password: str) -> None:
        """A mediator's account; ValueError if the name is taken or the password too short."""
        name = _account_name(user)
        hashed = hash_password(password)
        try:
            with write_transaction(self._engine) as connection:
                connection.execute(
                    insert(web_users).values(
                        name=name, password_hash=hashed, created_at=self._clock()
                    )
                )
        except IntegrityError:
            raise ValueError(f"user {name!r} already exists") from None

    # -- using ---------------------------------------------------------------------------

    def identify(self, token: str, kinds: tuple[Kind, ...]) -> Identity | None:
        """The identity behind a live credential of one of `kinds`, or None: from the
        credentials found live lately (`credential_cache`), else from the database."""
        now, hashed = self._clock(), digest(token)
        key = (hashed, kinds)
        known = self._known.get(key, now)
        if known is not None:
            return known
        generation = self._known.generation
        parameters = {"digest": hashed, "kinds": list(kinds), "now": now}
        with self._engine.connect() as connection:
            row = connection.execute(_LIVE_CREDENTIAL, parameters).first()
            if row is None:
                return None
            account = None if row.user is None else _account_of(connection, row.user)
        seats, seats_only, opens_talks = account if account is not None else ((), False, False)
        identity = Identity(
            row.kind, row.talk, row.participant, row.user, row.csrf, seats, seats_only,
            opens_talks,
        )  # fmt: skip
        trust = self._known.trust_for()
        if trust > 0:
            until = now + trust if row.expires_at is None else min(now + trust, row.expires_at)
            self._known.keep(key, identity, until, generation)
        return identity

    def end(self, token: str) -> None:
        """Log out a session or revoke a bearer token (idempotent)."""
        self._end(web_credentials.c.digest == digest(token))

    def _issue(
        self,
        kind: Kind,
        *,
        talk: str | None = None,
        participant: str | None = None,
        user: str | None = None,
        ttl: float | None,
    ) -> Issued:
        with write_transaction(self._engine) as connection:
            return _issue_in(
                connection, self._clock(), kind, talk=talk, participant=participant, user=user,
                ttl=ttl,
            )  # fmt: skip


def _issue_in(
    connection: Connection,
    now: float,
    kind: Kind,
    *,
    talk: str | None = None,
    participant: str | None = None,
    user: str | None = None,
    ttl: float | None,
) -> Issued:
    """Record a new credential in `connection`'s transaction; its token (and CSRF secret)."""
    token = new_token()
    csrf = new_token() if kind == "session" else None
    connection.execute(
        insert(web_credentials).values(
            digest=digest(token),
            kind=kind,
            talk=talk,
            participant=participant,
            user=user,
            csrf=csrf,
            created_at=now,
            expires_at=None if ttl is None else now + ttl,
        )
    )
    return Issued(token, csrf)


def _use_invite(
    connection: Connection,
    token: str,
    now: float,
    *which: ColumnElement[bool],
    returning: tuple[ColumnElement[Any], ...],
) -> Row[Any] | None:
    """Mark the invite `token` used, if it is an unused, unexpired invite that `which` also
    selects, in one statement (two uses racing cannot both win); its `returning` columns, or
    None."""
    return connection.execute(
        update(web_credentials)
        .where(
            web_credentials.c.digest == digest(token),
            web_credentials.c.kind == "invite",
            web_credentials.c.ended_at.is_(None),
            web_credentials.c.expires_at > now,
            *which,
        )
        .values(ended_at=now)
        .returning(*returning)
    ).first()


def _use_participant_invite(
    connection: Connection, token: str, now: float
) -> tuple[str, str] | None:
    """Mark the participant invite `token` used (as `_use_invite`): its talk and participant,
    or None if it is no usable participant invite."""
    row = _use_invite(
        connection,
        token,
        now,
        web_credentials.c.user.is_(None),
        returning=(web_credentials.c.talk, web_credentials.c.participant),
    )
    return None if row is None else (str(row.talk), str(row.participant))


def _bind(connection: Connection, user: str, seat: tuple[str, str], now: float) -> None:
    """Keep `seat` in account `user`; ValueError if either already has its place taken. Every
    instance is told to forget the identities it keeps, so the account's next request reads
    its seats anew."""
    taken = _taken(connection, user, seat)
    if taken is not None:
        raise ValueError(taken)
    talk, participant = seat
    connection.execute(
        insert(web_seats).values(talk=talk, participant=participant, user=user, bound_at=now)
    )
    _announce_revocation(connection)


def _taken(connection: Connection, user: str, seat: tuple[str, str]) -> str | None:
    """Why `seat` cannot be kept in account `user`, or None if it can."""
    talk, participant = seat
    taken = connection.execute(
        select(web_seats.c.user).where(
            web_seats.c.talk == talk,
            or_(web_seats.c.participant == participant, web_seats.c.user == user),
        )
    ).first()
    if taken is None:
        return None
    if taken.user == user:
        return "your account keeps a seat in this talk already"
    return "this seat is kept in another account"


def _seats_of(connection: Connection, user: str) -> list[tuple[str, str]]:
    rows = connection.execute(
        select(web_seats.c.talk, web_seats.c.participant)
        .where(web_seats.c.user == user)
        .order_by(web_seats.c.bound_at, web_seats.c.talk)
    )
    return [(str(r.talk), str(r.participant)) for r in rows]


def _account_of(
    connection: Connection, user: str
) -> tuple[tuple[tuple[str, str], ...], bool, bool]:
    """An account's seats, whether it acts only through them, and whether it opens talks."""
    row = connection.execute(
        select(web_users.c.seats_only, web_users.c.opens_talks).where(web_users.c.name == user)
    ).first()
    if row is None:
        return tuple(_seats_of(connection, user)), False, False
    return tuple(_seats_of(connection, user)), bool(row.seats_only), bool(row.opens_talks)


def _replace_ways_in(connection: Connection, now: float, talk: str, participant: str) -> None:
    """End `participant`'s ways into `talk` from a browser -- its links (a co-mediator's link
    to choose a password too) and talk-bound sessions -- and free its seat from any account,
    in `connection`'s transaction: a new link is about to replace them."""
    _end_in(
        connection,
        now,
        web_credentials.c.talk == talk,
        or_(
            and_(
                web_credentials.c.kind.in_(("invite", "session")),
                web_credentials.c.user.is_(None),
                web_credentials.c.participant == participant,
            ),
            _password_link_of(participant),
        ),
    )
    _free_seat(connection, talk, participant)


def _password_link_of(participant: str) -> ColumnElement[bool]:
    """A co-mediator's link to choose its password: an invite that names it as `user`."""
    return and_(web_credentials.c.kind == "invite", web_credentials.c.user == participant)


def _end_talk_session(connection: Connection, token: str, now: float) -> tuple[str, str] | None:
    """End the live talk-bound session `token` in `connection`'s transaction: the talk and
    participant it was for, or None if it is no such live session."""
    row = connection.execute(
        update(web_credentials)
        .where(
            web_credentials.c.digest == digest(token),
            web_credentials.c.kind == "session",
            web_credentials.c.user.is_(None),
            web_credentials.c.talk.is_not(None),
            web_credentials.c.ended_at.is_(None),
            web_credentials.c.expires_at > now,
        )
        .values(ended_at=now)
        .returning(web_credentials.c.talk, web_credentials.c.participant)
    ).first()
    if row is None:
        return None
    _announce_revocation(connection)
    return str(row.talk), str(row.participant)


def _free_seat(connection: Connection, talk: str, participant: str) -> None:
    connection.execute(
        delete(web_seats).where(web_seats.c.talk == talk, web_seats.c.participant == participant)
    )


def _end_in(connection: Connection, now: float, *which: ColumnElement[bool]) -> int:
    """End, in `connection`'s transaction, the live credentials that `which` selects, and
    tell every instance; how many were ended."""
    ended = connection.execute(
        update(web_credentials)
        .where(web_credentials.c.ended_at.is_(None), *which)
        .values(ended_at=now)
    )
    _announce_revocation(connection)
    return ended.rowcount or 0


def _announce_revocation(connection: Connection) -> None:
    """Tell every instance on this PostgreSQL database to forget the credentials it keeps; sent
    in the revoking transaction, so it is heard only once the revocation is committed. SQLite
    serves one instance, which forgets by itself."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_notify(REVOKED_CHANNEL, "")))


def _account_name(user: str) -> str:
    """A new account's name as typed, without its outer spaces; ValueError if it cannot be."""
    name = user.strip()
    if not name:
        raise ValueError("an account needs a name")
    if not _storable(name):
        raise ValueError(f"an account's name has at most {NAME_LIMIT} characters and no NUL")
    return name


def _storable(name: str) -> bool:
    return len(name) <= NAME_LIMIT and "\x00" not in name
