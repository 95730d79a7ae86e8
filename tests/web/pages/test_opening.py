"""Opening a talk from the browser's form: every error beside its field and nothing created
until all is right; the agenda typed in, or taken from one uploaded GeniusWeb domain file."""

from __future__ import annotations

import json
import re

import httpx

from tests.engine.formats.test_upload import PICNIC
from tests.web.running import Server

PASSWORD = "a mediator's passphrase"


def signed_in(server: Server, name: str) -> httpx.Client:
    server.operator[1].add_user(name, PASSWORD)
    client = httpx.Client(base_url=server.url, timeout=30)
    assert client.post("/login", data={"user": name, "password": PASSWORD}).status_code == 303
    return client


def csrf(client: httpx.Client) -> str:
    return str(client.get("/api/session").json()["csrf"])


def test_errors_stand_beside_their_fields_and_nothing_is_created(server: Server) -> None:
    mediator = signed_in(server, "Opening Mediator One")
    form = {
        "csrf": csrf(mediator),
        "title": "",
        "parties": "North",
        "delegates": "North Lead",
        "agenda": "Water: only one",
    }
    answer = mediator.post("/talks/new", data=form)
    assert answer.status_code == 422
    for field in ("title", "parties", "delegates"):
        assert re.search(rf'id="{field}-error" role="alert">[^<]+<', answer.text), field
    assert ">North Lead</textarea>" in answer.text  # what was typed is kept
    assert mediator.get("/api/talks").json() == []


def test_a_geniusweb_domain_file_gives_the_agenda(server: Server) -> None:
    mediator = signed_in(server, "Opening Mediator Two")
    form = {
        "csrf": csrf(mediator),
        "title": "Picnic",
        "parties": "Ann\nBo",
        "delegates": "Ann: Ann Lead\nBo: Bo Lead",
    }
    files = {"scenario": ("picnic.json", json.dumps(PICNIC).encode(), "application/json")}
    answer = mediator.post("/talks/new", data=form, files=files)
    assert answer.status_code == 303 and answer.headers["location"].endswith("/people?opened=1")
    [case] = mediator.get("/api/talks").json()
    events = mediator.get(f"/api/talks/{case['talk']}").json()["events"]
    agenda = next(e for e in events if e["kind"] == "agenda-set")
    assert [i["name"] for i in agenda["issues"]] == ["food", "drink"]
    bad = mediator.post(
        "/talks/new",
        data={**form, "title": "Not a scenario"},
        files={"scenario": ("x.json", b'{"nothing": 1}', "application/json")},
    )
    assert bad.status_code == 422 and 'id="scenario-error"' in bad.text
    assert len(mediator.get("/api/talks").json()) == 1
