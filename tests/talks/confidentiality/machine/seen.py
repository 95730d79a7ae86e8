"""What one participant's view must be, event by event: exactly the events the rules show it;
in them, every secret it may read and none it may not; no other party's delegate named outside
the joint room; no pointer to an event it cannot see; of a concluded proposal, agreed or not and
nothing of who rejected it; and a carriage's text only where the rules let it show.

`views` gathers each participant's view and hands it to these checks.
"""

from __future__ import annotations

import json
from typing import Any

from shuttle.talks import JOINT_ROOM, CarriageView, CarriedInView, CarriedOutView, Seen
from tests.talks.confidentiality.machine.base import MachineBase
from tests.talks.confidentiality.oracle.books import Entry
from tests.talks.confidentiality.oracle.vocabulary import Viewer

View = list[tuple[int, Seen | None]]
"""What a participant sees of events of the record: (seq, the event as seen, or None)."""

Checked = list[tuple[int, Seen, dict[str, Any]]]
"""The events a participant sees: (seq, the event as seen, its wire form)."""


def strings_dump(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False)


class SeenChecks(MachineBase):
    """Checking a mediator's or a delegate's view against the oracle's sight."""

    def check_mediator_view(self, name: str, view: View) -> None:
        """Every event, whole but for a bound (nobody else sees it) and an unshared profile."""
        for seq, seen, item in self.check_seen(name, None, view):
            entry = self.oracle.entries[seq]
            if entry.kind == "conveyed":
                # The mediators' own view of a carriage: both rooms and the source statement.
                assert isinstance(seen, CarriageView), self.at(name, seq, seen)
            if entry.text is not None:
                assert item["text"] == entry.text, self.at(name, seq, item)
            if entry.kind == "bid-submitted":
                assert "bound" not in item, self.at(name, seq, item)
            if entry.kind == "profile" and not entry.shared:
                hidden = {"weights", "values", "reservation"} & set(item)
                assert not hidden, self.at(name, seq, item)

    def check_seen(self, name: str, viewer: Viewer, view: View) -> Checked:
        """What every view must satisfy: exactly the events the rules show `viewer`, each with
        the secrets it may read and none it may not. Returns the seen events, with each one's
        wire form: what a participant is sent, so what must hold no secret of another."""
        oracle = self.oracle
        items: Checked = []
        dumps: list[str] = []
        for seq, seen in view:
            entry = oracle.entries[seq]
            assert (seen is not None) == oracle.visible_to(seq, viewer), self.at(name, seq, seen)
            if seen is None:
                continue
            item = seen.to_dict()
            assert item["seq"] == seq and item["kind"] == entry.kind, self.at(name, seq, item)
            dumps.append(strings_dump([item]))
            if oracle.reads(seq, viewer):
                missing = [s for s in (*entry.tokens, *entry.secrets) if s not in dumps[-1]]
                assert not missing, f"{name} should read {missing} in {dumps[-1]}"
            if entry.kind == "proposal-concluded":
                self.check_concluded(name, seq, item, entry)
            items.append((seq, seen, item))
        dump = "\n".join(dumps)
        leaked = oracle.secrets_in(dump) - oracle.readable(viewer)
        assert not leaked, f"{name} ({viewer or 'mediator'}) reads {leaked}: {dump}"
        return items

    def check_concluded(self, name: str, seq: int, item: dict[str, Any], entry: Entry) -> None:
        """A concluded proposal says agreed or not, and nothing of who accepted or rejected."""
        assert set(item) <= {"seq", "at", "kind", "room", "by", "text", "number", "agreed"}, (
            self.at(name, seq, item)
        )
        assert (item["by"], item["room"], item["text"]) == (None, None, None), item
        assert item["agreed"] is entry.agreed, self.at(name, seq, item)
        dump = strings_dump([item])
        for who in (*self.oracle.parties, *self.oracle.people):
            assert who not in dump, f"{name} learns of {who} from {dump}"

    def check_delegate_view(self, name: str, party: str, view: View) -> None:
        """The view of `name`, a delegate of `party`."""
        others = {p.name for p in self.oracle.delegates() if p.party != party}
        roster_items: list[dict[str, Any]] = []  # the events that list participants
        for seq, seen, item in self.check_seen(name, party, view):
            entry = self.oracle.entries[seq]
            if entry.kind in ("talk-opened", "joined"):
                roster_items.append(item)
            joint = entry.kind == "said" and entry.room == JOINT_ROOM
            if not joint and entry.kind != "signed":
                # Other parties' delegates appear only as speakers in the joint room, and as
                # the signatories of an agreement (a signature is meant for the other side).
                assert item["by"] not in others, self.at(name, seq, item)
            # Nor does a view point at an event its reader may not see (by its sequence number,
            # which would say where in another room's record it sits).
            pointers = [item[key] for key in ("source", "statement", "offer", "via") if key in item]
            if entry.kind == "agreed" and item["reached_on"] == "offer" and "ref" in item:
                pointers.append(item["ref"])
            for pointer in pointers:
                assert self.oracle.visible_to(pointer, party), self.at(name, seq, item)
            match entry.kind:
                case "talk-opened":
                    names = [d["name"] for d in item["delegates"]]
                    expected = self.oracle.opening_delegates.get(party, [])
                    assert names == expected, self.at(name, seq, item)
                    assert item["parties"] == list(self.oracle.parties), self.at(name, seq, item)
                case "joined":
                    assert item["name"] not in others, self.at(name, seq, item)
                case "said" | "offered":
                    assert item["room"] == entry.room, self.at(name, seq, item)
                    assert item["text"] == entry.text, self.at(name, seq, item)
                case "conveyed":
                    self.check_carriage(name, party, seq, seen, item, entry)
        # Nor are they named where the talk's participants are listed.
        roster = strings_dump(roster_items)
        for other in others:
            assert other not in roster, f"{name} (of {party}) learns of {other}: {roster}"

    def check_carriage(
        self, name: str, party: str, seq: int, seen: Seen, item: dict[str, Any], entry: Entry
    ) -> None:
        """A carriage's text (and an offer's terms) in its target room and, unless the talk
        hides it, the fact and text in its source room; each room sees it as its own kind of
        view, never as the mediators' whole carriage."""
        assert item["room"] == entry.to_room, self.at(name, seq, item)
        assert item["mode"] == entry.mode, self.at(name, seq, item)
        if entry.to_room == party:
            assert isinstance(seen, CarriedInView), self.at(name, seq, seen)
            assert item["text"] == entry.text, self.at(name, seq, item)
            terms = [list(pair) for pair in entry.terms]
            assert item.get("terms", []) == terms, self.at(name, seq, item)
        else:
            assert isinstance(seen, CarriedOutView), self.at(name, seq, seen)
            assert entry.from_room == party, self.at(name, seq, item)
            shown = None if self.oracle.hide else entry.text
            assert item["text"] == shown, self.at(name, seq, item)
            assert item.get("source") == entry.source, self.at(name, seq, item)

    def at(self, name: str, seq: int, seen: object) -> str:
        entry = self.oracle.entries[seq]
        return f"{name} ({self.oracle.people[name].party}) sees event {seq} ({entry}) as {seen}"
