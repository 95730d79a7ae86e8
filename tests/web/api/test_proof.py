"""GET /api/talks/{talk}/proof: each participant's proof, checkable offline against the head
its view showed, holding nothing of another room."""

from __future__ import annotations

import json

from shuttle.store import Head
from shuttle.store.proof import check_proof
from tests.web.api.muscat import Muscat

US_ONLY = "Washington will accept a pause of ninety days"
IRAN_SAYS = "Tehran asks for sequencing first"


def test_each_participant_gets_its_own_proof(muscat: Muscat) -> None:
    muscat.act(muscat.us, "statements", {"text": US_ONLY})
    muscat.act(muscat.iran, "statements", {"text": IRAN_SAYS})
    for client, readable, hidden in [
        (muscat.iran, IRAN_SAYS, US_ONLY),
        (muscat.us, US_ONLY, IRAN_SAYS),
    ]:
        view = client.get(muscat.path())
        answer = client.get(muscat.path("proof"))
        assert answer.status_code == 200, answer.text
        proof = answer.json()
        report = check_proof(proof, expect=Head.parse(view.json()["head"]))
        text = json.dumps(proof, ensure_ascii=False)
        assert readable in text and hidden not in text
        assert set(report.readable) | set(report.placed) == set(range(1, report.head.seq + 1))
    everything = json.dumps(muscat.mediator.get(muscat.path("proof")).json(), ensure_ascii=False)
    assert US_ONLY in everything and IRAN_SAYS in everything
