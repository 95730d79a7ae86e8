"""Every participant's view of the record, checked after every step (the machine's invariant)
and between the steps of an aimed rule.

One mediator's view and one delegate's of each party are checked in full (see `seen`); every
other mediator, and every colleague of a party, must see exactly what they see. The whole record
is read through `visible_record`, and the events recorded since the last check through `view_of`
as well: the two must agree.
"""

from __future__ import annotations

from hypothesis.stateful import invariant

from shuttle.talks import Participant, Seen, view_of, visible_record
from tests.talks.confidentiality.machine.seen import SeenChecks, View


class ViewChecks(SeenChecks):
    """Gathering each participant's view and holding it to the rules."""

    def participant(self, name: str) -> Participant:
        participant = self.state.participant(name)
        assert participant is not None, f"{name} is missing from the talk"
        return participant

    def view(self, name: str, whole: bool) -> View:
        """What `name` sees of each event: of the whole record, from `visible_record` (and, on
        the events recorded since the last check, `view_of` asked directly must agree), or of
        the events recorded since the last check only, from `view_of`."""
        participant = self.participant(name)
        record = self.state.record
        if not whole:
            return [
                (r.seq, view_of(participant, r, self.state)) for r in record[self.checked_seq :]
            ]
        view: list[Seen | None] = [None] * len(record)
        seqs = []
        for seen in visible_record(participant, self.state):
            seqs.append(seen.seq)
            view[seen.seq - 1] = seen
        assert seqs == sorted(set(seqs)), f"{name} sees {seqs}: not the record's order"
        for recorded in record[self.checked_seq :]:
            direct = view_of(participant, recorded, self.state)
            assert direct == view[recorded.seq - 1], f"{name}: view_of and visible_record differ"
        return list(enumerate(view, start=1))

    def same_view(self, name: str, reference: str, view: View, whole: bool) -> None:
        """`name` sees what `reference` sees (a colleague of the same party, or another
        mediator): compared whole the first time, then on the events recorded since."""
        participant = self.participant(name)
        if name not in self.compared and not whole:
            return  # a newcomer, compared whole at the end of the step
        start = self.checked_seq if name in self.compared else 0
        self.compared.add(name)
        expected = dict(view)
        for recorded in self.state.record[start:]:
            seen = view_of(participant, recorded, self.state)
            assert seen == expected[recorded.seq], f"{name} and {reference} see {recorded} apart"

    def between_steps(self, step: int) -> None:
        """Before every step of an aimed rule but the first, check what the last one added."""
        if step:
            self.check_views(whole=False)

    @invariant()
    def views_agree_with_the_rules(self) -> None:
        self.check_views(whole=True)

    def check_views(self, whole: bool) -> None:
        """Every participant's view against the oracle's: of the `whole` record, or of the
        events added since the last check -- if any (a refusal changes nothing)."""
        negotiation = self.state.negotiation
        assert self.state.last_seq == self.oracle.last, "the record and the oracle's books differ"
        assert self.state.joint_open == (self.oracle.joint_opened_at is not None), "joint room"
        assert (negotiation.agreement is None) == (self.oracle.agreement is None), "agreement"
        assert (negotiation.closed is None) == (not self.oracle.closed), "closed"
        if self.state is self.checked:
            return
        mediators = [p.name for p in self.oracle.mediators()]
        view = self.view(mediators[0], whole)
        self.check_mediator_view(mediators[0], view)
        for other in mediators[1:]:
            self.same_view(other, mediators[0], view, whole)
        for party in self.oracle.parties:
            delegates = [p.name for p in self.oracle.delegates() if p.party == party]
            view = self.view(delegates[0], whole)
            self.check_delegate_view(delegates[0], party, view)
            for colleague in delegates[1:]:
                # What a delegate may see is its party's: the first delegate's view, checked in
                # full, stands for its colleagues'.
                self.same_view(colleague, delegates[0], view, whole)
        for person in self.oracle.departed():
            # Someone who left reads nothing recorded after it left.
            assert person.left is not None
            participant = self.participant(person.name)
            for recorded in self.state.record[max(person.left, self.checked_seq) :]:
                assert view_of(participant, recorded, self.state) is None, f"{person} reads on"
        self.checked, self.checked_seq = self.state, self.state.last_seq
