"""Agreed, signed and closed talks: a banner at the top says where the talk stands, and the
pages offer only what the rules still allow.

What the rules allow (talks/common.py): once an agreement is reached, `require_negotiating`
refuses everything that changes what is on the table -- the agenda, drafts and answers,
proposals and their answers, blind bids, offers and their answers, profiles, incidents and
closing -- while the conversation goes on: speaking, releasing, carrying, notes, consent to
the joint room, and the parties' signatures. Once a talk is closed, `require_open` refuses
every command. Each form a finished talk's page shows is submitted here, and must work.
"""

from __future__ import annotations

import httpx

from tests.web.pages.page_forms import forms_of
from tests.web.pages.rooms import IRAN, US, Rooms, open_rooms, said_seq, stream_text, unisolated
from tests.web.pages.test_forms import FIRST_OPTIONS
from tests.web.running import Server

NEGOTIATING = ("/agenda", "/draft", "/answer", "/bids", "/bound", "/offer", "/profile")
"""Where the forms go that change what is on the table (with /incident and /close, and the
answers to proposals and offers): none is shown once the talk is agreed or closed."""
TALKING = ("/say", "/release", "/carry", "/note", "/consent", "/sign")
"""Where the forms go that the conversation uses, which go on after an agreement."""


def talk_with_words(server: Server) -> Rooms:
    """A Muscat talk in which each party has said something the console may carry or not."""
    rooms = open_rooms(server)
    rooms.post(rooms.us, "/say", {"text": "We can pause.", "handling": "may-convey"})
    rooms.post(rooms.iran, "/say", {"text": "Only for Oman.", "handling": "mediator-only"})
    return rooms


def agree(rooms: Rooms) -> None:
    """Version 1 of the draft, accepted by both parties: the talk is agreed."""
    terms = {f"term-{i}": option for i, option in enumerate(FIRST_OPTIONS)}
    assert rooms.post(rooms.mediator, "/draft", terms).status_code == 303
    for who in (rooms.us, rooms.iran):
        answer = {"version": "1", "accept": "yes"}
        assert rooms.post(who, "/answer", answer).status_code == 303


def sign(rooms: Rooms, who: httpx.Client) -> None:
    form = next(f for f in forms_of(rooms.page(who)) if f.action.endswith("/sign"))
    assert form.submit(who).status_code == 303


def actions(page: str) -> list[str]:
    """Where each form of a talk's page goes (the session's sign-out aside)."""
    return [f.action for f in forms_of(page) if f.action != "/logout"]


def submit_every_form(rooms: Rooms, who: httpx.Client) -> list[str]:
    """Submit each form `who`'s page shows, one at a time on the page as it is then (a
    signature vouches for the current head); confirm when a form asks first. None may be
    refused. The actions submitted."""
    wanted = [(f.id, f.action) for f in forms_of(rooms.page(who)) if f.action != "/logout"]
    done = []
    for form_id, action in wanted:
        now = [f for f in forms_of(rooms.page(who)) if (f.id, f.action) == (form_id, action)]
        if not now:
            continue  # an earlier form changed the page (a signature given, consent opened)
        answer = now[0].submit(who)
        if answer.status_code == 200:
            answer = confirmed(who, answer.text, action)
        assert answer.status_code == 303, (action, answer.status_code, answer.text[-2000:])
        done.append(action)
    return done


def confirmed(who: httpx.Client, page: str, action: str) -> httpx.Response:
    """Say yes to the question a form asked first."""
    questions = [f for f in forms_of(page) if "confirm" in f.classes.split()]
    assert questions and questions[0].action == action, page[-2000:]
    return questions[0].submit(who)


def assert_nothing_on_the_table(pages: list[str]) -> None:
    for page in pages:
        for action in actions(page):
            assert not action.endswith(NEGOTIATING), action
            assert not action.endswith(("/incident", "/close")), action
            assert "/proposals/" not in action and "/offers/" not in action, action


def test_an_agreed_talk_says_so_and_keeps_only_the_conversation(server: Server) -> None:
    rooms = talk_with_words(server)
    agree(rooms)
    us, iran, console = (unisolated(rooms.page(w)) for w in (rooms.us, rooms.iran, rooms.mediator))
    waiting = (
        "Agreement reached on version 1 of the single text</strong>; "
        f"waiting for signatures from {US} and {IRAN}."
    )
    for page in (us, iran, console):
        assert waiting in page
        assert "What was agreed can no longer change" in page
    assert f"Sign for {US}" in us and "Only the parties' delegates sign." in console
    assert_nothing_on_the_table([rooms.page(w) for w in (rooms.us, rooms.iran, rooms.mediator)])

    # The rules refuse what the pages no longer offer.
    offered = {"term-0": FIRST_OPTIONS[0]}
    assert rooms.post(rooms.us, "/profile", {"reservation": "0.5"}).status_code in (409, 422)
    assert rooms.post(rooms.mediator, "/incident", {"text": "x", "drop": "0.1"}).status_code == 409
    assert rooms.post(rooms.mediator, "/close", {"confirm": "yes"}).status_code == 409
    assert rooms.post(rooms.us, "/answer", {"version": "1", "accept": "no"}).status_code == 409
    assert rooms.post(rooms.iran, "/offer", offered).status_code in (409, 422)

    kinds = {}
    for name, who in (("us", rooms.us), ("iran", rooms.iran), ("mediator", rooms.mediator)):
        done = submit_every_form(rooms, who)
        assert all(a.endswith(TALKING) for a in done), done
        kinds[name] = {a.rsplit("/", 1)[1] for a in done}
    assert kinds["us"] == kinds["iran"] == {"say", "release", "consent", "sign"}
    assert kinds["mediator"] == {"say", "carry", "note"}
    assert "Signed by every party." in unisolated(rooms.page(rooms.mediator))


def test_a_signed_talk_says_so_and_keeps_only_the_conversation(server: Server) -> None:
    rooms = talk_with_words(server)
    agree(rooms)
    sign(rooms, rooms.us)
    half = unisolated(rooms.page(rooms.mediator))
    assert f"waiting for signatures from {IRAN}." in half
    assert "Your party has signed." in unisolated(rooms.page(rooms.us))
    sign(rooms, rooms.iran)
    pages = [rooms.page(w) for w in (rooms.us, rooms.iran, rooms.mediator)]
    for page in pages:
        assert "<strong>Signed by every party.</strong>" in page
        assert not any(a.endswith("/sign") for a in actions(page))
    assert_nothing_on_the_table(pages)
    for who in (rooms.us, rooms.iran, rooms.mediator):
        done = submit_every_form(rooms, who)
        assert done and all(a.endswith(TALKING) for a in done), done
        assert not any(a.endswith("/sign") for a in done)


def test_a_closed_talk_shows_no_form_at_all(server: Server) -> None:
    rooms = talk_with_words(server)
    seq = said_seq(rooms, rooms.iran, "Only for Oman.")
    reason = {"reason": "No zone of agreement.", "confirm": "yes"}
    assert rooms.post(rooms.mediator, "/close", reason).status_code == 303
    for who in (rooms.us, rooms.iran, rooms.mediator):
        page = rooms.page(who)
        words = unisolated(page)
        assert "<strong>This talk is closed.</strong> You can read the record" in words
        assert 'closed it without agreement: <q dir="auto">No zone of agreement.</q>' in words
        assert f'href="/api/talks/{rooms.talk}/proof"' in page
        assert actions(page) == [], actions(page)
    # And the rules refuse everything, the conversation included.
    assert rooms.post(rooms.us, "/say", {"text": "Still here?"}).status_code == 409
    release = {"handling": "may-convey", "confirm": "yes"}
    assert rooms.post(rooms.iran, f"/statements/{seq}/release", release).status_code == 409
    assert rooms.post(rooms.mediator, "/note", {"text": "after"}).status_code == 409
    assert rooms.post(rooms.us, "/consent", {"confirm": "yes"}).status_code == 409


def test_the_stream_brings_the_banner_and_takes_the_refused_forms_away(server: Server) -> None:
    rooms = talk_with_words(server)
    after = max(e["seq"] for e in rooms.mediator.get(f"/api/talks/{rooms.talk}").json()["events"])
    assert rooms.post(rooms.mediator, "/close", {"confirm": "yes"}).status_code == 303
    party = stream_text(rooms.us, f"/talks/{rooms.talk}/stream?after={after}")
    assert 'hx-swap-oob="innerHTML:#talk-status"' in party and "This talk is closed." in party
    for slot in ("#say-slot", "#offer-slot", "#profile-slot"):
        assert f'hx-swap-oob="innerHTML:{slot}"' in party
    assert 'id="joint-region" hx-swap-oob="true"' in party
    assert forms_of(party) == []
    console = stream_text(rooms.mediator, f"/talks/{rooms.talk}/stream?after={after}")
    for slot in ("#note-slot", "#say-room-slot-0", "#draft-slot", "#close-slot"):
        assert f'hx-swap-oob="innerHTML:{slot}"' in console
    assert forms_of(console) == []


def test_the_stream_brings_the_agreement_and_a_signature_form_at_the_current_head(
    server: Server,
) -> None:
    rooms = talk_with_words(server)
    after = max(e["seq"] for e in rooms.us.get(f"/api/talks/{rooms.talk}").json()["events"])
    agree(rooms)
    sent = stream_text(rooms.us, f"/talks/{rooms.talk}/stream?after={after}")
    assert 'id="agreement-region"' in sent and 'hx-swap-oob="true"' in sent
    assert "waiting for signatures from" in sent
    head = rooms.us.get(f"/api/talks/{rooms.talk}").json()["head"]
    assert f'name="head" value="{head}"' in sent  # the record's head, current
    text_hash = rooms.us.get(f"/api/talks/{rooms.talk}").json()["events"][-1]["text_hash"]
    assert f'name="text_hash" value="{text_hash}"' in sent  # the agreed text's, with it
    signed = rooms.post(rooms.us, "/sign", {"head": head, "intent": "yes", "text_hash": text_hash})
    assert signed.status_code == 303
