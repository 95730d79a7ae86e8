"""The confidentiality machine's vocabulary: the names, texts and agendas it types.

Chosen to be awkward: party names outside ASCII (one also typed decomposed), names that are no
participant, texts that trim to nothing, snippets that trouble JSON and Unicode handling, and
small agendas that each have a numeric issue for blind bids.
"""

from __future__ import annotations

import unicodedata

from shuttle.talks import Handling
from tests.talks.confidentiality.oracle.vocabulary import Agenda

AT = "2026-01-01T00:00:00+00:00"  # when every event is recorded

# Party names, some outside ASCII; "Ünion" is also offered decomposed (NFD) to check that the
# talk compares names after NFC normalisation.
PARTY_POOL = ("Alpha", "Βήτα", "Ünion", "Ōkami")
MEDIATOR_NAMES = ("Mediator·1", "Mediator·2")
GHOSTS = ("Nobody·0", "  ", "joint")  # names that are no participant of any talk here
BLANKS = ("", " ", "\n\t ", "\u3000")  # texts that trim to nothing
HANDLINGS = (None, *Handling)
# Awkward text to put around the tokens: combining marks, right-to-left override, emoji with a
# skin tone, zero-width joiner, JSON's special characters, a line break, NUL, other scripts.
SNIPPETS = (
    "",
    "naïve café",
    "e\u0301",
    "数字",
    "🙂👍🏽",
    "\u202eRTL",
    "a\u200db",
    'quote " \\ back',
    "line\nbreak",
    "\x00nul",
    "Βήτα",
    "~",
)
# Small agendas, each with a numeric issue for blind bids (the last has two).
AGENDAS: tuple[Agenda, ...] = (
    (("Stockpile", ("10", "20", "30", "40")), ("Sanctions", ("lifted", "eased", "kept"))),
    (
        ("Tariff", ("10", "20", "30", "40")),
        ("Quota·é", ("low", "high")),
        ("Inspections", ("IAEA", "joint", "none")),
    ),
    (("Price", ("10", "20", "30", "40")), ("Years", ("1", "2", "5")), ("Access", ("open", "no"))),
)
DROPS = (0.05, 0.1, 0.25, 1.0, 0.0, 1.5)  # an incident's drop; the last two are refused


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)
