"""API fuzzing: schemathesis generates requests from the live server's /openapi.json and sends
them as a delegate and as the mediator (bearer tokens) to a talk with an agenda, a draft, a
proposal and a blind bid. No answer may be a server error, and every answer must match the
documented schema. Most calls must reach the handlers: a run of 401s would prove nothing.

The live stream (GET .../events) streams forever, so it is left out here and tested in
tests/web/api/test_live.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.web.api.muscat import DETAINEES, IRAN, IRAN_HEAD, MEDIATOR, TERMS, US, Operator
from tests.web.running import Server

EXAMPLES = 25
ROLES = {"delegate": IRAN_HEAD, "mediator": MEDIATOR}

ANSWERS: Counter[int] = Counter()
"""The status of every fuzzed call, to show that they reached the handlers."""


class Fuzzed:
    def __init__(self, server: Server) -> None:
        self.server = server
        self.operator = Operator(server)
        self.talk = self.operator.open_talk()
        mediator = self.operator.bearer(self.talk, MEDIATOR)
        for what, body in [
            ("drafts", {"terms": TERMS}),
            ("proposals", {"terms": TERMS}),
            ("bids", {"issue": DETAINEES, "high": US, "low": IRAN}),
        ]:
            answer = mediator.post(f"/api/talks/{self.talk}/{what}", json=body)
            assert answer.status_code == 201, answer.text
        mediator.close()
        self.tokens = {
            role: self.operator.access.bearer(self.talk, name) for role, name in ROLES.items()
        }


@pytest.fixture(scope="module")
def fuzzed(backend_server: Server) -> Iterator[Fuzzed]:
    """A talk to fuzz on SQLite, and on PostgreSQL when it is configured."""
    ANSWERS.clear()
    running = Fuzzed(backend_server)
    yield running
    running.operator.close()


FUZZING = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


def operations(fuzzed: Fuzzed) -> list[APIOperation[Any, Any, Any, Any]]:
    """Every operation of the live /openapi.json except the endless live stream."""
    loaded = schemathesis.openapi.from_url(f"{fuzzed.server.url}/openapi.json")
    schema = loaded.exclude(path="/api/talks/{talk}/events")
    found = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the schema does not load: {result.err()}"
        found.append(result.ok())
    assert len(found) >= 20, [o.label for o in found]
    return found


@pytest.mark.parametrize("role", sorted(ROLES))
def test_no_server_error_and_every_answer_as_documented(fuzzed: Fuzzed, role: str) -> None:
    for operation in operations(fuzzed):
        pinned = {"talk": fuzzed.talk} if "{talk}" in operation.path else None
        # Mostly well-formed requests, which reach the talk's rules; some malformed ones.
        cases = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE, path_parameters=pinned),
            operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=pinned),
        )

        @given(case=cases)
        @FUZZING
        def check(case: Case[Any]) -> None:
            fuzz(case, fuzzed, role)

        try:
            check()
        except Exception as error:
            error.add_note(f"fuzzing {operation.label} as the {role}")
            raise


def fuzz(case: Case[Any], fuzzed: Fuzzed, role: str) -> None:
    """Send `case` as `role`; no server error, and every answer as documented."""
    headers = {"Authorization": f"Bearer {fuzzed.tokens[role]}"}
    response = case.call(base_url=fuzzed.server.url, headers=headers, timeout=30)
    ANSWERS[response.status_code] += 1
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
        headers=headers,
    )


def test_the_fuzzing_reached_the_handlers(fuzzed: Fuzzed) -> None:
    """After the fuzzing above: most calls were authenticated, and many got past validation
    to the rules (a 2xx, or a refusal of the talk: 404 or 409)."""
    total = sum(ANSWERS.values())
    assert total >= 100, ANSWERS
    assert ANSWERS[401] + ANSWERS[403] <= total * 0.05, ANSWERS
    reached = sum(n for status, n in ANSWERS.items() if status in (200, 201, 404, 409))
    assert reached >= total * 0.25, ANSWERS
    assert not [status for status in ANSWERS if status >= 500], ANSWERS
    print(f"fuzzed answers: {dict(sorted(ANSWERS.items()))}")


def test_the_live_stream_answers_as_documented(fuzzed: Fuzzed) -> None:
    """The one route left out of the fuzzing: an event stream for the caller, 404 for a talk
    that is not its own, 422 for a bad `after`."""
    for token in fuzzed.tokens.values():
        headers = {"Authorization": f"Bearer {token}"}
        client = httpx.Client(base_url=fuzzed.server.url, headers=headers, timeout=5)
        with client.stream("GET", f"/api/talks/{fuzzed.talk}/events") as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            assert next(response.iter_lines()).startswith("id: 1")
        assert client.get("/api/talks/elsewhere/events").status_code == 404
        bad = client.get(f"/api/talks/{fuzzed.talk}/events", params={"after": -1})
        assert bad.status_code == 422
        client.close()
