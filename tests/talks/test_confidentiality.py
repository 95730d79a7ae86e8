"""Confidentiality, checked by a state machine against an independent oracle.

Hypothesis drives the pure domain (`decide` / `evolve` / `view_of`) with random commands from
random actors -- allowed or not, including names that take no part in the talk. Alongside, an
oracle (`confidentiality_oracle`) written from the rules of proximity talks, never from `decide`
or `visibility`, keeps its own books: which room each event belongs to, whose it is, each
statement's handling and carriages, the agenda, drafts and answers, proposals, blind bids,
profiles, offers and the agreement. It predicts the outcome of every command, and after every
step the machine checks each participant's whole view of the record against what the rules let
that participant know: exactly the events it may see; in them, every secret it may read and
none it may not; no other party's delegate named outside the joint room; no pointer to an event
it cannot see; and of a concluded proposal, agreed or not and nothing of who rejected it.

The talk opens with a small agenda (one issue numeric, so blind bids apply), with two or three
parties: with three, a rejected mediator's proposal must not tell anyone who rejected it.

Secrets are distinctive: every text carries a unique token (``~<8 hex><counter>~``) and every
bound, weight, option value and reservation value is a number whose digits are unique, so
finding one in a view or a refusal is finding that secret: a leak is one the oracle does not
allow. Nobody sees a bound but its own party, the mediator included; an unshared profile's
numbers only its own party. A command naming an event its actor cannot see is refused exactly
as one naming an event that does not exist.

Examples per run: HYPOTHESIS_PROFILE=ci|dev picks a profile of
`confidentiality.machine.hypothesis_profiles`; without it, "ci" when the CI variable is set, else
"dev".

This module only assembles the machine from its parts under `tests/talks/confidentiality/`: the
oracle (`oracle/`), and the machine's opening, its rules for each family of commands, and the
checks of every view (`machine/`). It adds what is noted of each run, for the statistics.
"""

from __future__ import annotations

from hypothesis import event as note_event

from tests.talks.confidentiality.machine.bid_rules import BidRules
from tests.talks.confidentiality.machine.hypothesis_profiles import chosen_settings
from tests.talks.confidentiality.machine.opening import Opening
from tests.talks.confidentiality.machine.profile_offer_rules import ProfileAndOfferRules
from tests.talks.confidentiality.machine.proposal_rules import ProposalRules
from tests.talks.confidentiality.machine.single_text_rules import SingleTextRules
from tests.talks.confidentiality.machine.views import ViewChecks
from tests.talks.confidentiality.machine.word_rules import WordRules


class ConfidentialityMachine(
    Opening,
    WordRules,
    SingleTextRules,
    ProposalRules,
    BidRules,
    ProfileAndOfferRules,
    ViewChecks,
):
    """The talk, its oracle, every rule and the invariant, put together."""

    def teardown(self) -> None:
        oracle = self.oracle
        if not oracle.parties:
            return  # the talk was never opened
        kinds = {entry.kind for entry in oracle.entries.values()}
        note_event(f"parties: {len(oracle.parties)}")
        kinds_of_interest = (
            "conveyed",
            "agreed",
            "signed",
            "closed",
            "proposal-concluded",
            "bid-settled",
            "offer-answered",
        )
        for kind in kinds_of_interest:
            note_event(f"{kind}: {kind in kinds}")
        rejected = [e for e in oracle.entries.values() if e.agreed is False]
        note_event(f"proposal rejected, {len(oracle.parties)} parties: {bool(rejected)}")
        profiles = {e.shared for e in oracle.entries.values() if e.kind == "profile"}
        note_event(f"profiles shared: {sorted(profiles)}")


TestConfidentiality = ConfidentialityMachine.TestCase
TestConfidentiality.settings = chosen_settings()
