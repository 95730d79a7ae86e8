"""What the rules say of a party's own positions: a private profile of its preferences (shared
with the mediator or not), an offer made in its room, and the answer to an offer another party
made, once a mediator has carried it word for word into its room.

Each prediction is the list of events the command must produce, or None: refused.
"""

from __future__ import annotations

from shuttle.talks import AnswerOffer, Offer, Source, SubmitProfile
from shuttle.talks.events import Event
from shuttle.talks.offers.events import OfferAnswered, Offered
from shuttle.talks.profiles.events import ProfileSubmitted
from tests.talks.confidentiality.oracle.sight import Sight
from tests.talks.confidentiality.oracle.terms import TermsReading
from tests.talks.confidentiality.oracle.vocabulary import nfc, within

MAX_WEIGHT = 1e9


class ProfileAndOfferPredictions(TermsReading, Sight):
    """Predictions for submitting a profile, making an offer and answering one."""

    def expect_profile(self, by: str, party: str, command: SubmitProfile) -> list[Event] | None:
        weights: dict[str, str] = {}
        for raw, weight in command.weights:
            issue = self.issue(raw)
            text = within(weight, 0.0, MAX_WEIGHT)
            if issue is None or issue[0] in weights or text is None:
                return None
            weights[issue[0]] = text
        if set(weights) != {name for name, _ in self.agenda}:
            return None
        if not any(float(w) > 0 for w in weights.values()):
            return None
        values: dict[tuple[str, str], str] = {}
        for raw, option, value in command.values:
            issue = self.issue(raw)
            text = within(value, 0.0, 1.0)
            if issue is None or nfc(option) not in issue[1] or text is None:
                return None
            if (issue[0], nfc(option)) in values:
                return None
            values[(issue[0], nfc(option))] = text
        every = [(name, option) for name, options in self.agenda for option in options]
        reservation = within(command.reservation, 0.0, 1.0)
        if set(values) != set(every) or reservation is None:
            return None
        return [
            ProfileSubmitted(
                by,
                party,
                tuple((name, weights[name]) for name, _ in self.agenda),
                tuple((name, option, values[(name, option)]) for name, option in every),
                reservation,
                command.share,
            )
        ]

    def expect_offer(self, by: str, party: str, command: Offer) -> list[Event] | None:
        terms = self.terms(command.terms)
        if terms is None:
            return None
        text = "; ".join(f"{issue}: {option}" for issue, option in terms)
        return [Offered(by, party, terms, text, command.handling or self.default_handling)]

    def expect_answer_offer(self, by: str, party: str, command: AnswerOffer) -> list[Event] | None:
        via = command.via
        if not 1 <= via <= self.last or not self.visible_to(via, party):
            return None
        carriage = self.entries[via]
        if carriage.kind != "conveyed" or carriage.to_room != party or not carriage.terms:
            return None  # only an offer carried word for word into its room
        assert carriage.source is not None
        offer = self.entries[carriage.source]
        earlier = self.offer_answers.get(carriage.source, {})
        if party in earlier or not self.keeps_settled(offer.terms):
            return None  # answered once; its terms must keep what blind bids settled
        events: list[Event] = [OfferAnswered(by, party, carriage.source, via, command.accept)]
        accepted = {p for p, yes in earlier.items() if yes} | ({party} if command.accept else set())
        if accepted >= {p for p in self.parties if p != offer.party}:
            events.append(self.agreed(Source.OFFER, carriage.source, offer.terms, ()))
        return events
