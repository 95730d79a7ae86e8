"""Profiles and advice through the API: a shared profile is the mediator's to read; an unshared
one is seen only by its own party, and the advice the mediator gets withholds every number
derived from it."""

from __future__ import annotations

import itertools
import json
from typing import Any

from tests.web.api.muscat import AGENDA, IRAN, TERMS, US, Muscat, untimed

US_WEIGHTS = [5.0, 3.0, 2.0]
# Iran's numbers are unusual on purpose: none of them, nor any utility computed from them,
# should turn up in anything the mediator or the United States can read.
IRAN_WEIGHTS = [1.37, 4.19, 2.83]
IRAN_VALUES = [[0.913, 0.471, 0.029], [0.017, 0.389, 0.947], [0.061, 0.337, 0.719, 0.883]]
IRAN_RESERVATION = 0.4123


def profile(
    weights: list[float], values: list[list[float]], reservation: float, share: bool
) -> dict[str, Any]:
    return {
        "weights": {issue: w for (issue, _), w in zip(AGENDA, weights, strict=True)},
        "values": {
            issue: dict(zip(options, row, strict=True))
            for (issue, options), row in zip(AGENDA, values, strict=True)
        },
        "reservation": reservation,
        "share": share,
    }


US_PROFILE = profile(
    US_WEIGHTS, [[0.0, 0.8, 1.0], [1.0, 0.6, 0.2], [0.0, 0.5, 0.75, 1.0]], 0.5, True
)
IRAN_PROFILE = profile(IRAN_WEIGHTS, IRAN_VALUES, IRAN_RESERVATION, False)


def iran_utilities() -> set[float]:
    """Every utility Iran's profile gives a package of the agenda."""
    total = sum(IRAN_WEIGHTS)
    return {
        round(
            sum(
                w / total * row[i]
                for w, row, i in zip(IRAN_WEIGHTS, IRAN_VALUES, pick, strict=True)
            ),
            9,
        )
        for pick in itertools.product(*(range(len(options)) for _, options in AGENDA))
    }


def numbers_in(value: Any) -> list[float]:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    if isinstance(value, int | float):
        return [float(value)]
    items = value.values() if isinstance(value, dict) else value
    return [n for item in items for n in numbers_in(item)]


def test_a_profile_is_seen_by_its_party_and_by_the_mediator_only_if_shared(muscat: Muscat) -> None:
    [mine] = muscat.act(muscat.us, "profile", US_PROFILE)
    assert (mine["kind"], mine["party"], mine["shared"]) == ("profile", US, True)
    [theirs] = muscat.act(muscat.iran, "profile", IRAN_PROFILE)
    assert theirs["shared"] is False and theirs["reservation"] == "0.4123"  # Iran sees its own

    seen = {e["party"]: e for e in muscat.view(muscat.mediator) if e["kind"] == "profile"}
    assert seen[US]["weights"] and seen[US]["reservation"] == "0.5"
    assert set(seen[IRAN]) >= {"party", "shared"} and seen[IRAN]["shared"] is False
    assert not {"weights", "values", "reservation"} & set(seen[IRAN])
    assert "0.4123" not in untimed(muscat.view(muscat.mediator))
    assert [e["party"] for e in muscat.view(muscat.us) if e["kind"] == "profile"] == [US]
    assert "0.4123" not in untimed(muscat.view(muscat.us))


def test_advice_withholds_every_number_of_an_unshared_profile(muscat: Muscat) -> None:
    waiting = muscat.mediator.get(muscat.path("advice"))
    assert waiting.status_code == 409
    assert "profile from every party" in waiting.json()["rule"]
    muscat.act(muscat.us, "profile", US_PROFILE)
    muscat.act(muscat.iran, "profile", IRAN_PROFILE)
    muscat.act(muscat.mediator, "drafts", {"terms": TERMS})
    answer = muscat.mediator.get(muscat.path("advice"))
    assert answer.status_code == 200, answer.text
    advice = answer.json()
    assert advice["parties"] == [US, IRAN]
    assert advice["shared"] == [True, False]
    assert advice["ordinal_only"] is True
    assert advice["zone_size"] is None
    assert advice["reservations"][1] is None
    packages = [*advice["pareto"], *advice["improvements"], advice["nash"], advice["draft"]]
    for package in filter(None, packages):
        assert package["utilities"][1] is None
    assert advice["draft"]["utilities"][0] is not None  # the shared side keeps its numbers

    text = json.dumps(advice)
    for number in [*IRAN_WEIGHTS, *itertools.chain(*IRAN_VALUES), IRAN_RESERVATION]:
        assert str(number) not in text
    secret = iran_utilities()
    assert not {round(n, 9) for n in numbers_in(advice)} & secret


def test_advice_is_for_mediators_only(muscat: Muscat) -> None:
    muscat.act(muscat.us, "profile", US_PROFILE)
    muscat.act(muscat.iran, "profile", IRAN_PROFILE)
    for delegate in (muscat.us, muscat.iran):
        answer = delegate.get(muscat.path("advice"))
        assert answer.status_code == 409
        assert answer.json()["rule"].startswith("advice is for mediators")
        assert "0.4123" not in answer.text


def test_a_profile_must_value_every_option(muscat: Muscat) -> None:
    incomplete = {**US_PROFILE, "values": {AGENDA[0][0]: {"attacks continue": 0.5}}}
    refusal = muscat.refused(muscat.us, "profile", incomplete, status=422)
    assert "value every option" in refusal["message"]
    refusal = muscat.refused(muscat.mediator, "profile", US_PROFILE)
    assert "only its delegates submit one" in refusal["rule"]


def test_advice_shows_the_numbers_of_profiles_shared_with_the_mediator(muscat: Muscat) -> None:
    """The oracle above is sound: shared, Iran's utilities are exactly what it computes."""
    muscat.act(muscat.us, "profile", US_PROFILE)
    muscat.act(muscat.iran, "profile", {**IRAN_PROFILE, "share": True})
    advice = muscat.mediator.get(muscat.path("advice")).json()
    assert advice["shared"] == [True, True]
    assert advice["reservations"][1] == IRAN_RESERVATION
    shown = {round(p["utilities"][1], 9) for p in advice["pareto"]}
    assert shown and shown <= iran_utilities()
