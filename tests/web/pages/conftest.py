"""One Muscat talk per test module, with its three browser sessions (opening a talk and
redeeming invites runs the `shuttle` command, which takes a moment each time)."""

from __future__ import annotations

import pytest

from tests.web.pages.rooms import Rooms, open_rooms
from tests.web.running import Server


@pytest.fixture(scope="module")
def rooms(server: Server) -> Rooms:
    return open_rooms(server)
