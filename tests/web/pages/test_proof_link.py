"""The room and the console offer each participant its proof, and the link works in the
browser's own session."""

from __future__ import annotations

import re

from shuttle.store import Head
from shuttle.store.proof import check_proof
from tests.web.pages.rooms import open_rooms
from tests.web.running import Server


def test_each_page_links_to_a_proof_its_session_can_download(server: Server) -> None:
    rooms = open_rooms(server)
    for client in (rooms.us, rooms.iran, rooms.mediator):
        page = rooms.page(client)
        link = re.search(r'<a href="([^"]+/proof)" download="([^"]+)">Download your proof', page)
        assert link is not None
        answer = client.get(link.group(1))
        assert answer.status_code == 200, answer.text
        head = client.get(f"/api/talks/{rooms.talk}").json()["head"]
        assert check_proof(answer.json(), expect=Head.parse(head)).head == Head.parse(head)
