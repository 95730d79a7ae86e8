"""Access: invites used once, sessions and bearer tokens that identify one participant, logout
and revocation, mediators' accounts -- on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from shuttle.accounts import Access, Identity
from shuttle.accounts.access import INVITE_TTL, SESSION_TTL
from shuttle.accounts.schema import web_credentials, web_users
from tests.accounts.conftest import Clock

PASSWORD = "correct horse battery staple"


def test_an_invite_becomes_a_session_once(engine: Engine, clock: Clock) -> None:
    access = Access(engine, clock)
    invite = access.invite("talk-1", "Iran head of delegation")
    session = access.redeem(invite)
    assert session is not None and session.csrf is not None
    assert session.token != invite
    identity = access.identify(session.token, ("session",))
    assert identity == Identity("session", "talk-1", "Iran head of delegation", None, session.csrf)
    assert access.redeem(invite) is None
    assert access.redeem("a forged invite") is None


def test_an_invite_is_redeemed_once_even_by_racing_requests(engine: Engine) -> None:
    access = Access(engine)
    invite = access.invite("talk-1", "Iran head of delegation")
    results: list[object] = []
    start = threading.Barrier(4)

    def redeem() -> None:
        start.wait()
        results.append(access.redeem(invite))

    threads = [threading.Thread(target=redeem) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len([r for r in results if r is not None]) == 1


def test_an_invite_expires(engine: Engine, clock: Clock) -> None:
    access = Access(engine, clock)
    invite = access.invite("talk-1", "Oman (mediator)")
    short = access.invite("talk-1", "Oman (mediator)", ttl=60)
    clock.advance(61)
    assert access.redeem(short) is None
    clock.advance(INVITE_TTL)
    assert access.redeem(invite) is None


def test_a_session_expires_and_ends_at_logout(engine: Engine, clock: Clock) -> None:
    access = Access(engine, clock)
    first = access.redeem(access.invite("talk-1", "US head of delegation"))
    second = access.redeem(access.invite("talk-1", "US head of delegation"))
    assert first is not None and second is not None
    access.end(first.token)
    access.end(first.token)  # idempotent
    assert access.identify(first.token, ("session",)) is None
    assert access.identify(second.token, ("session",)) is not None
    clock.advance(SESSION_TTL + 1)
    assert access.identify(second.token, ("session",)) is None


def test_each_credential_counts_only_as_its_own_kind(engine: Engine) -> None:
    access = Access(engine)
    invite = access.invite("talk-1", "US head of delegation")
    bearer = access.bearer("talk-1", "US head of delegation")
    assert access.identify(invite, ("session", "bearer")) is None
    assert access.identify(bearer, ("session",)) is None
    session = access.redeem(invite)
    assert session is not None
    assert access.identify(session.token, ("bearer",)) is None


def test_a_bearer_token_lasts_until_revoked(engine: Engine, clock: Clock) -> None:
    access = Access(engine, clock)
    token = access.bearer("talk-1", "US head of delegation")
    clock.advance(10 * 365 * 24 * 3600)
    identity = access.identify(token, ("bearer",))
    assert identity is not None
    assert (identity.kind, identity.csrf) == ("bearer", None)
    access.end(token)
    assert access.identify(token, ("bearer",)) is None


def test_only_digests_are_stored(engine: Engine) -> None:
    access = Access(engine)
    invite = access.invite("talk-1", "US head of delegation")
    bearer = access.bearer("talk-1", "US head of delegation")
    session = access.redeem(access.invite("talk-1", "Iran head of delegation"))
    assert session is not None
    access.add_user("Oman (mediator)", PASSWORD)
    with engine.connect() as connection:
        stored = str(connection.execute(select(web_credentials)).all())
        stored += str(connection.execute(select(web_users)).all())
    for secret in (invite, bearer, session.token, PASSWORD):
        assert secret not in stored


def test_a_mediator_logs_in_with_its_password(engine: Engine) -> None:
    access = Access(engine)
    access.add_user("  Oman (mediator) ", PASSWORD)
    session = access.login("Oman (mediator)", PASSWORD)
    assert session is not None
    identity = access.identify(session.token, ("session",))
    assert identity is not None
    assert (identity.user, identity.talk, identity.participant) == ("Oman (mediator)", None, None)
    assert identity.name_in("any talk") == "Oman (mediator)"
    assert access.login("Oman (mediator)", PASSWORD + "!") is None
    assert access.login("Nobody", PASSWORD) is None
    assert access.login("Oman (mediator)\x00", PASSWORD) is None  # NUL: no such name anywhere


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [("Oman", "short", "at least 12"), ("   ", PASSWORD, "needs a name")],
)
def test_add_user_refuses_bad_input(engine: Engine, name: str, password: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Access(engine).add_user(name, password)


def test_add_user_refuses_a_taken_name(engine: Engine) -> None:
    access = Access(engine)
    access.add_user("Oman", PASSWORD)
    with pytest.raises(ValueError, match="already exists"):
        access.add_user("Oman", "another long password")
    assert access.login("Oman", PASSWORD) is not None


def test_a_talk_bound_identity_acts_only_in_its_talk() -> None:
    identity = Identity("bearer", "talk-1", "US head of delegation", None, None)
    assert identity.name_in("talk-1") == "US head of delegation"
    assert identity.name_in("talk-2") is None


@pytest.mark.parametrize("name", ["Oman\x00", "O" * 201])
def test_add_user_refuses_a_name_no_database_can_keep(engine: Engine, name: str) -> None:
    with pytest.raises(ValueError, match="at most 200 characters and no NUL"):
        Access(engine).add_user(name, PASSWORD)
