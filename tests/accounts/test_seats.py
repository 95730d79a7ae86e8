"""Seats: one account keeping a person's places in several talks, bound only by someone holding
the place's link; an account made from a delegate's link acts through its seats alone -- on
SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from shuttle.accounts import Access
from shuttle.accounts.access import _bind, _end_in, _free_seat, _use_participant_invite
from shuttle.accounts.schema import web_credentials, web_seats, web_users
from shuttle.store.database import write_transaction
from tests.accounts.conftest import Clock

PASSWORD = "correct horse battery staple"


def _session_of(access: Access, user: str) -> str:
    issued = access.login(user, PASSWORD)
    assert issued is not None
    return issued.token


def test_an_account_keeps_a_seat_by_its_link_and_acts_as_that_participant(
    engine: Engine, clock: Clock
) -> None:
    access = Access(engine, clock)
    access.add_user("Layla", PASSWORD)
    token = _session_of(access, "Layla")
    link = access.invite("muscat", "US head of delegation")

    assert access.keep_seat(link, "Layla") == ("muscat", "US head of delegation")
    identity = access.identify(token, ("session",))
    assert identity is not None
    assert identity.seats == (("muscat", "US head of delegation"),)
    assert identity.name_in("muscat") == "US head of delegation"
    # Elsewhere an operator-made account still acts as its own name (where that name mediates).
    assert identity.name_in("another talk") == "Layla"
    assert identity.mediator_account == "Layla"
    assert access.redeem(link) is None  # the link is spent
    assert access.keep_seat(link, "Layla") is None


def test_a_seat_goes_to_one_account_and_an_account_holds_one_seat_a_talk(
    engine: Engine,
) -> None:
    access = Access(engine)
    for name in ("Layla", "Omar"):
        access.add_user(name, PASSWORD)
    access.keep_seat(access.invite("muscat", "US head of delegation"), "Layla")

    again = access.invite("muscat", "US head of delegation")
    with pytest.raises(ValueError, match="kept in another account"):
        access.keep_seat(again, "Omar")
    deputy = access.invite("muscat", "US deputy")
    with pytest.raises(ValueError, match="keeps a seat in this talk already"):
        access.keep_seat(deputy, "Layla")
    # Nothing changed: both links still work, and the seats are as they were.
    assert access.seats("Omar") == []
    assert access.seats("Layla") == [("muscat", "US head of delegation")]
    assert access.redeem(again) is not None and access.redeem(deputy) is not None


def test_an_account_made_from_a_delegates_link_acts_through_its_seats_alone(
    engine: Engine, clock: Clock
) -> None:
    access = Access(engine, clock)
    here = access.redeem(access.invite("muscat", "US head of delegation"))
    assert here is not None
    link = access.invite("consultation", "US head of delegation")

    issued = access.make_account(link, "Oman", PASSWORD, also=here.token)
    assert issued is not None
    assert access.identify(here.token, ("session",)) is None  # the account's replaces it
    identity = access.identify(issued.token, ("session",))
    assert identity is not None and identity.seats_only
    assert set(identity.seats) == {
        ("consultation", "US head of delegation"),
        ("muscat", "US head of delegation"),
    }
    # Named like a mediator-to-be, it still mediates nothing by that name.
    assert identity.name_in("a talk whose mediator is called Oman") is None
    assert identity.mediator_account is None
    assert access.login("Oman", PASSWORD) is not None


def test_a_refused_account_changes_nothing(engine: Engine) -> None:
    access = Access(engine)
    access.add_user("Taken", PASSWORD)
    link = access.invite("muscat", "Iran head of delegation")
    with pytest.raises(ValueError, match="exists already"):
        access.make_account(link, "Taken", PASSWORD)
    with pytest.raises(ValueError):
        access.make_account(link, "Fresh", "short")
    with pytest.raises(ValueError, match="needs a name"):
        access.make_account(link, "  ", PASSWORD)
    with engine.connect() as connection:
        assert connection.execute(select(web_seats)).first() is None
        names = set(connection.execute(select(web_users.c.name)).scalars())
    assert names == {"Taken"}
    assert access.make_account(link, "Fresh", PASSWORD) is not None
    assert access.make_account(link, "Fresher", PASSWORD) is None  # spent
    assert access.make_account(access.invite("x", "y") + "forged", "F", PASSWORD) is None


def test_a_mediators_account_link_keeps_no_seat(engine: Engine) -> None:
    access = Access(engine)
    access.add_user("Layla", PASSWORD)
    password_link = access.account_invite("Co-mediator", "muscat")
    assert access.keep_seat(password_link, "Layla") is None
    assert access.make_account(password_link, "Sneaky", PASSWORD) is None


def test_removal_frees_the_seat_and_the_account_forgets_it_at_once(
    engine: Engine, clock: Clock
) -> None:
    access = Access(engine, clock)
    access.add_user("Layla", PASSWORD)
    token = _session_of(access, "Layla")
    access.keep_seat(access.invite("muscat", "US head of delegation"), "Layla")
    before = access.identify(token, ("session",))
    assert before is not None and before.seat_in("muscat") == "US head of delegation"

    access.end_participant("muscat", "US head of delegation")
    after = access.identify(token, ("session",))
    assert after is not None and after.seat_in("muscat") is None  # the session lives on
    assert access.seats("Layla") == []
    with engine.connect() as connection:
        live = connection.execute(
            select(web_credentials.c.digest).where(web_credentials.c.ended_at.is_(None))
        ).all()
    assert len(live) == 1  # only the account's own session


def test_two_accounts_racing_for_one_seat_one_wins_and_neither_errs(engine: Engine) -> None:
    access = Access(engine)
    names = ["Racer One", "Racer Two"]
    for name in names:
        access.add_user(name, PASSWORD)
    # One link pressed at once in two accounts' browsers: one keeps the seat, the other is
    # told it is spent (None) or kept elsewhere; nothing raises anything else.
    links = [access.invite("muscat", "US head of delegation")]
    links.append(links[0])  # the same link pressed twice at once
    outcomes: list[object] = []
    start = threading.Barrier(len(links))

    def keep(link: str, name: str) -> None:
        start.wait()
        try:
            outcomes.append(access.keep_seat(link, name))
        except ValueError as refused:
            outcomes.append(refused)

    threads = [threading.Thread(target=keep, args=(link, names[i])) for i, link in enumerate(links)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    kept = [o for o in outcomes if isinstance(o, tuple)]
    assert kept == [("muscat", "US head of delegation")], outcomes
    assert sum(len(access.seats(name)) for name in names) == 1


def test_the_talk_already_kept_elsewhere_stays_where_it_is(engine: Engine) -> None:
    access = Access(engine)
    access.add_user("Layla", PASSWORD)
    access.keep_seat(access.invite("muscat", "US head of delegation"), "Layla")
    here = access.redeem(access.invite("muscat", "US head of delegation"))
    assert here is not None
    link = access.invite("consultation", "US head of delegation")
    issued = access.make_account(link, "Second", PASSWORD, also=here.token)
    assert issued is not None
    assert access.seats("Second") == [("consultation", "US head of delegation")]
    assert access.seats("Layla") == [("muscat", "US head of delegation")]


def test_a_link_used_while_its_participant_is_removed_leaves_no_seat(
    engine: Engine, clock: Clock
) -> None:
    # The link's use is caught mid-way: its transaction is still open when the removal
    # starts. The removal waits for it and frees the seat it kept, never leaving one behind.
    access = Access(engine, clock)
    access.add_user("Layla", PASSWORD)
    link = access.invite("muscat", "US head of delegation")
    removed: list[int] = []
    remover = threading.Thread(
        target=lambda: removed.append(access.end_participant("muscat", "US head of delegation"))
    )
    with write_transaction(engine) as connection:
        seat = _use_participant_invite(connection, link, clock())
        assert seat is not None
        _bind(connection, "Layla", seat, clock())
        remover.start()
        remover.join(timeout=0.5)
        assert remover.is_alive(), "the removal should wait for the link's transaction"
    remover.join(timeout=30)
    assert removed and access.seats("Layla") == []
    assert access.keep_seat(access.invite("muscat", "US head of delegation"), "Layla") is not None


def test_a_new_link_is_the_only_way_in_and_frees_the_seat(engine: Engine, clock: Clock) -> None:
    # A link made again may replace one that reached someone else: whoever entered with the
    # old one, in a browser or by keeping its place in an account, is out.
    access = Access(engine, clock)
    access.add_user("Finder", PASSWORD)
    lost = access.invite("muscat", "US head of delegation")
    assert access.keep_seat(lost, "Finder") is not None
    finder = _session_of(access, "Finder")
    other_browser = access.redeem(access.invite("muscat", "US head of delegation"))
    neighbour = access.redeem(access.invite("muscat", "Iran head of delegation"))
    program = access.bearer("muscat", "US head of delegation")
    assert other_browser is not None and neighbour is not None

    link = access.replace_link("muscat", "US head of delegation")
    assert access.seats("Finder") == []
    finder_now = access.identify(finder, ("session",))
    assert finder_now is not None and finder_now.seats == ()  # the account itself stays
    assert access.identify(other_browser.token, ("session",)) is None
    assert access.identify(neighbour.token, ("session",)) is not None
    assert access.identify(program, ("bearer",)) is not None  # revoked apart
    assert access.redeem(link) is not None


def test_a_co_mediators_account_acts_by_seats_and_opens_talks(engine: Engine) -> None:
    access = Access(engine)
    made = access.set_password(access.account_invite("Qatar envoy", "muscat"), PASSWORD)
    assert made is not None
    identity = access.identify(made.token, ("session",))
    assert identity is not None
    assert identity.seats == (("muscat", "Qatar envoy"),)
    assert identity.mediator_account is None and identity.opener == "Qatar envoy"
    assert identity.name_in("another talk") is None
    access.keep_opened("Qatar envoy", "opened by it")
    assert access.seats("Qatar envoy") == [
        ("muscat", "Qatar envoy"),
        ("opened by it", "Qatar envoy"),
    ]
    assert access.has_user("Qatar envoy") and not access.has_user("Qatar envoy", mediating=True)
    assert access.kept_in_accounts("muscat") == {"Qatar envoy"}
    # An account made from a delegate's link opens nothing.
    delegate = access.make_account(access.invite("muscat", "US head"), "US account", PASSWORD)
    assert delegate is not None
    seen = access.identify(delegate.token, ("session",))
    assert seen is not None and seen.opener is None


def test_a_co_mediators_new_link_of_either_kind_replaces_every_way_in(engine: Engine) -> None:
    access = Access(engine)
    # Someone entered with the co-mediator's plain link, and kept its place in an account.
    thief = access.redeem(access.invite("muscat", "Qatar envoy"))
    assert thief is not None
    access.add_user("Thief", PASSWORD)
    assert access.keep_seat(access.invite("muscat", "Qatar envoy"), "Thief") is not None
    elsewhere = access.account_invite("Qatar envoy", "another talk")

    password_link = access.account_invite("Qatar envoy", "muscat")
    assert access.identify(thief.token, ("session",)) is None
    assert access.seats("Thief") == []
    usable = access.peek(elsewhere)
    assert usable is not None and usable.usable  # another talk's link is not this talk's to end

    # A plain link made after it ends the password link in its turn.
    plain = access.replace_link("muscat", "Qatar envoy")
    ended = access.peek(password_link)
    assert ended is not None and not ended.usable
    assert access.set_password(password_link, PASSWORD) is None
    assert access.redeem(plain) is not None
    # A removal ends a pending password link too.
    again = access.account_invite("Qatar envoy", "muscat")
    access.end_participant("muscat", "Qatar envoy")
    gone = access.peek(again)
    assert gone is not None and not gone.usable


def test_a_session_carried_into_a_new_account_during_its_removal_leaves_no_seat(
    engine: Engine, clock: Clock
) -> None:
    # The browser's session for "muscat" goes into the account being made while that
    # participant is being removed: whichever goes first, no seat of it is left after.
    access = Access(engine, clock)
    here = access.redeem(access.invite("muscat", "US head of delegation"))
    assert here is not None
    link = access.invite("consultation", "US head of delegation")
    made: list[object] = []
    maker = threading.Thread(
        target=lambda: made.append(access.make_account(link, "Layla", PASSWORD, also=here.token))
    )
    with write_transaction(engine) as connection:  # the removal, caught mid-way
        _end_in(
            connection,
            clock(),
            web_credentials.c.talk == "muscat",
            web_credentials.c.participant == "US head of delegation",
        )
        _free_seat(connection, "muscat", "US head of delegation")
        maker.start()
        maker.join(timeout=0.5)
    maker.join(timeout=30)
    assert made and made[0] is not None
    assert access.seats("Layla") == [("consultation", "US head of delegation")]
