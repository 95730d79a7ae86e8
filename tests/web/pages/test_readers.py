"""Every page names exactly who can read each statement now: the readers `view_of` gives it.

A talk with two mediators and a delegate who joined late: for every statement, the readers are
derived from each participant's own view (through the API, so through `view_of`), and compared
with what every page that shows the statement says of its room's readers -- the room's lead on a
delegate's page, the "who will read it" line of its column on a mediator's console -- and with
the "joined later" line beside a statement said before someone joined.
"""

from __future__ import annotations

import html
import re

import httpx

from shuttle.talks import Join, Leave, Role
from tests.web.pages.rooms import (
    IRAN,
    IRAN_HEAD,
    MEDIATOR,
    US,
    US_DEPUTY,
    US_HEAD,
    reads,
    stream_text,
)
from tests.web.running import Server

CO_MEDIATOR = "Qatar (co-mediator)"
LATE_DELEGATE = "US legal adviser"
IRAN_DEPUTY = "Iran deputy head of delegation"
EVERYONE = (MEDIATOR, CO_MEDIATOR, US_HEAD, US_DEPUTY, LATE_DELEGATE, IRAN_HEAD, IRAN_DEPUTY)
ROOM_OF = {US_HEAD: US, US_DEPUTY: US, LATE_DELEGATE: US, IRAN_HEAD: IRAN, IRAN_DEPUTY: IRAN}


def act(server: Server, talk: str, command: Join | Leave) -> int:
    """What `shuttle join` and `shuttle leave` do, on the server's database: the new seq."""
    return server.operator[0].execute(talk, command).head.seq


def say(who: httpx.Client, talk: str, text: str) -> int:
    answer = who.post(f"/api/talks/{talk}/statements", json={"text": text})
    assert answer.status_code == 201, answer.text
    return int(answer.json()["events"][0]["seq"])


def names_in(fragment: str) -> set[str]:
    """The readers a piece of page names: each isolated in its own <bdi class="reader">."""
    return {html.unescape(n) for n in re.findall(r'<bdi class="reader">(.*?)</bdi>', fragment)}


def test_every_page_names_exactly_who_reads_each_statement(server: Server) -> None:
    talk = server.open_talk()
    # One session per person serves both its view (the API) and its page.
    sessions = {name: server.browser_session(talk, name) for name in (US_HEAD, IRAN_HEAD)}
    before = [
        say(sessions[US_HEAD], talk, "Said before anyone joined."),
        say(sessions[IRAN_HEAD], talk, "Ours."),
    ]
    act(server, talk, Join(MEDIATOR, CO_MEDIATOR, Role.MEDIATOR))
    joined = act(server, talk, Join(MEDIATOR, LATE_DELEGATE, Role.DELEGATE, US))
    for name in EVERYONE:
        if name not in sessions:
            sessions[name] = server.browser_session(talk, name)
    after = [say(sessions[LATE_DELEGATE], talk, "Said after joining.")]

    # Who reads each statement, as view_of says: whose view holds it.
    views = {name: sessions[name].get(f"/api/talks/{talk}").json() for name in EVERYONE}
    statements = {e["seq"]: e["room"] for e in views[MEDIATOR]["events"] if e["kind"] == "said"}
    readers = {
        seq: {name for name in EVERYONE if any(e["seq"] == seq for e in views[name]["events"])}
        for seq in statements
    }
    assert readers[before[0]] == {MEDIATOR, CO_MEDIATOR, US_HEAD, US_DEPUTY, LATE_DELEGATE}
    assert readers[before[1]] == {MEDIATOR, CO_MEDIATOR, IRAN_HEAD, IRAN_DEPUTY}

    pages = {name: sessions[name].get(f"/talks/{talk}").text for name in EVERYONE}
    for name, page in pages.items():
        if name in ROOM_OF:
            lead = re.search(r'<p class="lead">.*?</p>', page, re.S)
            assert lead is not None
            said_here = names_in(lead.group(0)) | {name}  # the reader itself is "you"
            for seq, room in statements.items():
                if room == ROOM_OF[name]:
                    assert said_here == readers[seq], (name, seq)
                    assert f'id="said-{seq}"' in page
        else:
            for seq, room in statements.items():
                audience = re.search(
                    r'Who will read it: <span id="say-room-readers-\d+" class="readers">'
                    r"(.*?)</span>",
                    page.split(f"<bdi>{room}</bdi> room</h3>", 1)[1],
                    re.S,
                )
                assert audience is not None and f'id="room-item-{seq}"' in page, (name, seq)
                assert names_in(audience.group(1)) == readers[seq], (name, seq)

    # Said before the co-mediator and the adviser joined: every page showing it says so.
    def item(name: str, seq: int) -> str:
        anchor = f'id="said-{seq}"' if name in ROOM_OF else f'id="room-item-{seq}"'
        return pages[name].split(anchor, 1)[1].split("</li>", 1)[0]

    for name in (US_HEAD, LATE_DELEGATE, MEDIATOR, CO_MEDIATOR):
        late = item(name, before[0]).split('class="late-readers"', 1)[1]
        assert names_in(late) == {CO_MEDIATOR, LATE_DELEGATE}, name
    for name in (US_HEAD, MEDIATOR):
        assert "late-readers" not in item(name, after[0])  # everyone there now was there then
    assert joined > before[0]


def test_an_open_page_names_a_newcomer_as_soon_as_it_joins(server: Server) -> None:
    """The live stream carries a join to every open page: its room's lead, its handling choices
    and the console's "who will read it" lines name the newcomer without a reload."""
    talk = server.open_talk()
    us, oman = server.browser_session(talk, US_HEAD), server.browser_session(talk, MEDIATOR)
    head = int(us.get(f"/api/talks/{talk}").json()["head"].split(":")[0])
    act(server, talk, Join(MEDIATOR, CO_MEDIATOR, Role.MEDIATOR))
    act(server, talk, Join(MEDIATOR, LATE_DELEGATE, Role.DELEGATE, US))

    sent = stream_text(us, f"/talks/{talk}/stream?after={head}")
    lead = sent.split('id="room-readers"')[-1].split("</span>", 1)[0]
    assert names_in(lead) == {US_DEPUTY, LATE_DELEGATE, MEDIATOR, CO_MEDIATOR}
    choice = sent.split('id="say-audience-mediator-only"')[-1].split("</span>", 1)[0]
    assert reads(CO_MEDIATOR) in choice and reads(LATE_DELEGATE) in choice

    console = stream_text(oman, f"/talks/{talk}/stream?after={head}")
    line = console.split('id="say-room-readers-0"')[-1].split("</span>", 1)[0]
    assert names_in(line) == {US_HEAD, US_DEPUTY, LATE_DELEGATE, MEDIATOR, CO_MEDIATOR}


def test_who_left_is_named_no_more_as_a_reader(server: Server) -> None:
    """A removed co-mediator and a delegate who left read nothing more: rooms stop naming them,
    at once on an open page (through the stream) and on every page drawn after."""
    talk = server.open_talk()
    act(server, talk, Join(MEDIATOR, CO_MEDIATOR, Role.MEDIATOR))
    us, oman = server.browser_session(talk, US_HEAD), server.browser_session(talk, MEDIATOR)
    head = int(us.get(f"/api/talks/{talk}").json()["head"].split(":")[0])
    act(server, talk, Leave(MEDIATOR, CO_MEDIATOR))
    act(server, talk, Leave(MEDIATOR, US_DEPUTY))

    sent = stream_text(us, f"/talks/{talk}/stream?after={head}")
    lead = sent.split('id="room-readers"')[-1].split("</span>", 1)[0]
    assert names_in(lead) == {MEDIATOR}  # and "you": the deputy and Qatar are gone
    page = us.get(f"/talks/{talk}").text
    drawn = re.search(r'<p class="lead">.*?</p>', page, re.S)
    assert drawn is not None and names_in(drawn.group(0)) == {MEDIATOR}
    console = oman.get(f"/talks/{talk}").text
    line = console.split('id="say-room-readers-0"')[1].split("</span>", 1)[0]
    assert names_in(line) == {US_HEAD, MEDIATOR}
