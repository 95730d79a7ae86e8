"""A party's private profile: a weight for every issue, a value in [0, 1] for every option, a
reservation value in [0, 1]; the mediator reads it only if shared, no other party ever."""

from __future__ import annotations

import json

import pytest

from shuttle.talks import Invalid, ProfileView, Refused, SubmitProfile
from shuttle.talks.profiles.events import ProfileSubmitted
from shuttle.talks.profiles.fold import PartyProfile
from tests.talks.driver import IRAN, US, open_negotiation, open_talk, refused

Weights = tuple[tuple[str, float], ...]
Values = tuple[tuple[str, str, float], ...]

WEIGHTS: Weights = (("Enrichment", 7.125), ("Sanctions", 2.0))
VALUES: Values = (
    ("Enrichment", "3.67", 0.0),
    ("Enrichment", "20", 0.25),
    ("Enrichment", "60", 0.75),
    ("Enrichment", "90", 1.0),
    ("Sanctions", "none", 1.0),
    ("Sanctions", "partial", 0.5),
    ("Sanctions", "full", 0.0),
)
RESERVATION = 0.4321


def profile(
    actor: str = "Iranian FM",
    weights: Weights = WEIGHTS,
    values: Values = VALUES,
    reservation: float = RESERVATION,
    share: bool = False,
) -> SubmitProfile:
    return SubmitProfile(actor, weights, values, reservation, share)


def withheld(seen: ProfileView) -> tuple[object, ...]:
    """Whose profile it is, and what of it the view shows: (party, weights, values,
    reservation, shared); a view without the contents shows None for each."""
    return (seen.party, seen.weights, seen.values, seen.reservation, seen.shared)


def replaced(values: Values, index: int, item: tuple[str, str, float]) -> Values:
    return (*values[:index], item, *values[index + 1 :])


# -- a well-formed profile ------------------------------------------------------------------------


def test_a_delegate_submits_its_partys_profile_in_the_agendas_order() -> None:
    talk = open_negotiation()
    events = talk.do(
        profile(
            "US Deputy",
            weights=tuple(reversed(WEIGHTS)),
            values=tuple(reversed(VALUES)),
            share=True,
        )
    )
    assert events == [
        ProfileSubmitted(
            by="US Deputy",
            party=US,
            weights=(("Enrichment", "7.125"), ("Sanctions", "2.0")),
            values=(
                ("Enrichment", "3.67", "0.0"),
                ("Enrichment", "20", "0.25"),
                ("Enrichment", "60", "0.75"),
                ("Enrichment", "90", "1.0"),
                ("Sanctions", "none", "1.0"),
                ("Sanctions", "partial", "0.5"),
                ("Sanctions", "full", "0.0"),
            ),
            reservation="0.4321",
            shared=True,
        )
    ]
    assert talk.state.negotiation.profiles[US] == PartyProfile(
        seq=talk.last, weights=WEIGHTS, values=VALUES, reservation=RESERVATION, shared=True
    )


def test_names_in_a_profile_are_trimmed() -> None:
    talk = open_negotiation()
    weights: Weights = ((" Enrichment ", 1.0), ("Sanctions ", 1.0))
    values = tuple((f" {issue}", f"{option} ", value) for issue, option, value in VALUES)
    [event] = talk.do(profile(weights=weights, values=values))
    assert isinstance(event, ProfileSubmitted)
    assert [w[0] for w in event.weights] == ["Enrichment", "Sanctions"]
    assert [v[:2] for v in event.values] == [v[:2] for v in VALUES]


def test_options_in_a_profile_are_nfc_normalised_like_everywhere_else() -> None:
    """An option typed decomposed ('e' + accent) is the agenda's composed option, as in terms."""
    talk = open_negotiation((("Caf\u00e9", ("cr\u00e8me", "noir")),))
    talk.do(
        SubmitProfile(
            "Iranian FM",
            (("Cafe\u0301", 1.0),),
            (("Cafe\u0301", "cre\u0300me", 1.0), ("Caf\u00e9", "noir", 0.0)),
            0.5,
        )
    )
    assert talk.state.negotiation.profiles[IRAN].values[0] == ("Caf\u00e9", "cr\u00e8me", 1.0)


def test_the_edges_of_the_ranges_are_allowed() -> None:
    talk = open_negotiation()
    talk.do(profile(weights=(("Enrichment", 0.0), ("Sanctions", 1e9)), reservation=0.0))
    talk.do(profile(reservation=1.0))
    assert talk.state.negotiation.profiles[IRAN].reservation == 1.0


def test_a_later_profile_replaces_the_earlier() -> None:
    talk = open_negotiation()
    talk.do(profile(share=True))
    talk.do(profile(reservation=0.1))
    latest = talk.state.negotiation.profiles[IRAN]
    assert latest.seq == talk.last and latest.reservation == 0.1 and not latest.shared
    assert list(talk.state.negotiation.profiles) == [IRAN]


# -- refusals -------------------------------------------------------------------------------------


def test_a_mediator_submits_no_profile() -> None:
    refused(
        open_negotiation(),
        profile("Oman"),
        Refused,
        "a profile states a party's preferences, so only its delegates submit one",
        "the mediator reads profiles the parties share",
    )


def test_a_profile_needs_an_agenda() -> None:
    refused(open_talk(), profile(), Refused, "this talk has no agenda yet")


@pytest.mark.parametrize(
    ("weights", "words"),
    [
        (
            (*WEIGHTS, ("Stockpile", 1.0)),
            "a weight names 'Stockpile', which is not on the agenda",
        ),
        ((*WEIGHTS, (" Sanctions", 1.0)), "issue 'Sanctions' is weighted twice"),
        ((("Enrichment", 1.0),), "the profile gives no weight to 'Sanctions'; weigh every issue"),
        ((), "gives no weight to 'Enrichment', 'Sanctions'"),
        (
            (("Enrichment", -0.5), ("Sanctions", 1.0)),
            "the weight of 'Enrichment' must lie in [0, 1e+09]; -0.5 does not",
        ),
        ((("Enrichment", 2e9), ("Sanctions", 1.0)), "the weight of 'Enrichment' must lie in"),
        (
            (("Enrichment", float("nan")), ("Sanctions", 1.0)),
            "the weight of 'Enrichment' must be a finite number",
        ),
        ((("Enrichment", 0.0), ("Sanctions", 0.0)), "at least one issue needs a positive weight"),
    ],
)
def test_every_issue_is_weighted_and_one_positively(weights: Weights, words: str) -> None:
    refused(open_negotiation(), profile(weights=weights), Invalid, words)


@pytest.mark.parametrize(
    ("values", "words"),
    [
        (
            (*VALUES, ("Stockpile", "0", 0.5)),
            "a value names 'Stockpile', which is not on the agenda",
        ),
        (replaced(VALUES, 1, ("Enrichment", "50", 0.5)), "'50' is not an option of 'Enrichment'"),
        ((*VALUES, ("Enrichment", " 20", 0.3)), "option '20' of 'Enrichment' is valued twice"),
        (
            VALUES[1:],
            "the profile values no option '3.67' of 'Enrichment'; value every option from 0 to 1",
        ),
        (VALUES[:4], "values no option 'none', 'partial', 'full' of 'Sanctions'"),
        (
            replaced(VALUES, 1, ("Enrichment", "20", 1.5)),
            "the value of '20' on 'Enrichment' must lie in [0, 1]; 1.5 does not",
        ),
        (
            replaced(VALUES, 4, ("Sanctions", "none", -0.01)),
            "the value of 'none' on 'Sanctions' must lie in [0, 1]",
        ),
        (
            replaced(VALUES, 4, ("Sanctions", "none", float("inf"))),
            "the value of 'none' on 'Sanctions' must be a finite number",
        ),
    ],
)
def test_every_option_is_valued_in_the_unit_interval(values: Values, words: str) -> None:
    refused(open_negotiation(), profile(values=values), Invalid, words)


@pytest.mark.parametrize(
    ("reservation", "words"),
    [
        (-0.1, "the reservation value must lie in [0, 1]; -0.1 does not"),
        (1.5, "the reservation value must lie in [0, 1]; 1.5 does not"),
        (float("nan"), "the reservation value must be a finite number"),
    ],
)
def test_the_reservation_value_lies_in_the_unit_interval(reservation: float, words: str) -> None:
    refused(open_negotiation(), profile(reservation=reservation), Invalid, words)


# -- who sees what --------------------------------------------------------------------------------


def test_an_unshared_profile_is_its_partys_alone() -> None:
    talk = open_negotiation()
    talk.do(profile("US Envoy"))
    seq = talk.last
    [mediator] = [s for s in talk.view("Oman") if s.seq == seq]
    assert isinstance(mediator, ProfileView) and mediator.by == "US Envoy"
    assert withheld(mediator) == (US, None, None, None, False)
    whole = json.dumps([s.to_dict() for s in talk.view("Oman")])
    assert "0.4321" not in whole and "7.125" not in whole
    assert seq not in talk.seqs("Iranian FM")
    [own] = [s for s in talk.view("US Deputy") if s.seq == seq]
    assert isinstance(own, ProfileView)
    assert own.reservation == "0.4321" and own.shared is False
    assert own.weights == (("Enrichment", "7.125"), ("Sanctions", "2.0"))


def test_a_shared_profile_is_read_by_the_mediator_but_never_by_another_party() -> None:
    talk = open_negotiation()
    talk.do(profile("Iranian FM", share=True))
    seq = talk.last
    [mediator] = [s for s in talk.view("Oman") if s.seq == seq]
    assert isinstance(mediator, ProfileView)
    assert mediator.reservation == "0.4321" and mediator.shared is True
    assert mediator.values is not None and len(mediator.values) == len(VALUES)
    assert seq not in talk.seqs("US Envoy") and seq not in talk.seqs("US Deputy")
    us = json.dumps([s.to_dict() for s in talk.view("US Envoy")])
    assert "0.4321" not in us and "profile" not in us


def test_withdrawing_the_share_hides_the_later_profiles_contents() -> None:
    talk = open_negotiation()
    talk.do(profile(share=True))
    talk.do(profile(reservation=0.9876))
    latest = talk.view("Oman")[-1]
    assert isinstance(latest, ProfileView) and withheld(latest) == (IRAN, None, None, None, False)
    assert "0.9876" not in json.dumps([s.to_dict() for s in talk.view("Oman")])
