"""Who sees what, by the rules in words: which events a viewer may see at all, and in which of
them it may read the texts and numbers.

This is the heart of what the test checks: every view of the record, and every refusal, is held
to these answers. A viewer is a party (any of its delegates) or None (a mediator).
"""

from __future__ import annotations

from shuttle.talks import JOINT_ROOM, Role
from tests.talks.confidentiality.oracle.books import Books
from tests.talks.confidentiality.oracle.vocabulary import NUMBER, TOKEN, Viewer

# Circulated to every room: the agenda, each draft, proposals and their outcome, blind bids
# opened and settled, incidents, the agreement and its signatures, the talk's opening facts.
PUBLIC_KINDS = frozenset(
    {
        "talk-opened",
        "agenda-set",
        "joint-opened",
        "drafted",
        "agreed",
        "signed",
        "closed",
        "proposed",
        "proposal-concluded",
        "bid-opened",
        "bid-settled",
        "incident",
    }
)
# A party's own choices: seen by that party only (and by the mediators).
OWN_PARTY_KINDS = frozenset(
    {"answered", "proposal-answered", "bid-submitted", "profile", "offer-answered", "consented"}
)


class Sight(Books):
    """What each viewer may see and read of the events in the books."""

    def visible_to(self, seq: int, viewer: Viewer) -> bool:
        """Whether `viewer` (a party's delegates, or a mediator) may see event `seq` at all."""
        if viewer is None:
            return True  # a mediator sees every event, redacted where the rules say
        entry = self.entries[seq]
        kind = entry.kind
        if kind in PUBLIC_KINDS:
            return True
        if kind in OWN_PARTY_KINDS:
            return entry.party == viewer
        match kind:
            case "joined" | "left":
                return entry.role is Role.MEDIATOR or entry.party == viewer
            case "said":
                if entry.room == JOINT_ROOM:
                    assert self.joint_opened_at is not None and seq > self.joint_opened_at
                    return True
                return entry.room == viewer
            case "offered":
                return entry.room == viewer
            case "released":
                return entry.party == viewer
            case "conveyed":
                return viewer in (entry.from_room, entry.to_room)
            case "noted":
                return False
        raise AssertionError(f"unknown kind {kind}")

    def reads(self, seq: int, viewer: Viewer) -> bool:
        """Whether `viewer` may read the texts and numbers inside event `seq`."""
        if not self.visible_to(seq, viewer):
            return False
        entry = self.entries[seq]
        match entry.kind:
            case "bid-submitted":
                return viewer == entry.party  # nobody else, the mediator included
            case "profile":
                return viewer == entry.party or (viewer is None and entry.shared)
            case "conveyed":
                return viewer in (None, entry.to_room) or not self.hide
        return True

    def readable(self, viewer: Viewer) -> set[str]:
        """Every token and secret number `viewer` may read somewhere in the record."""
        known: set[str] = set()
        for seq, entry in self.entries.items():
            if (entry.tokens or entry.secrets) and self.reads(seq, viewer):
                known.update(entry.tokens, entry.secrets)
        return known

    def secrets_in(self, text: str) -> set[str]:
        """The tokens and secret numbers that occur in `text`."""
        found: set[str] = set(TOKEN.findall(text))
        found.update(set(NUMBER.findall(text)) & self.typed_secrets)
        return found
