"""What a statement says that could be given away: figures kept apart from public ones,
names, phrases, and how it presents itself."""

from __future__ import annotations

from shuttle.guard.facts import facts_of


def test_a_figure_named_as_public_is_no_secret() -> None:
    facts = facts_of("We can go to £12.40 an hour; £11.90 is our opening offer.")
    assert [q.said for q in facts.quantities] == ["12.40"]
    assert [getattr(f, "said", "") for f in facts.public] == ["11.90"]


def test_what_a_party_will_say_or_propose_is_public_too() -> None:
    for text, kept in (
        ("Je peux verser 380 € par mois ; je proposerai 250.", ["380 €"]),
        ("Nous pouvons descendre à 11,80 €, mais nous afficherons 14 €.", ["11,80 €"]),
        ("Our ceiling is €480,000; we will open at €350,000.", ["480,000"]),
        ("The current premium is 20 percent; we would accept 28 percent.", ["28 percent"]),
    ):
        assert [q.said for q in facts_of(text).quantities] == kept, text


def test_a_date_is_not_also_read_as_a_number() -> None:
    facts = facts_of("We will sign on June 30 with 45 observers.")
    assert [d.said for d in facts.dates] == ["June 30"]
    assert [q.said for q in facts.quantities] == ["45"]


def test_names_and_proper_names() -> None:
    facts = facts_of("Our source is Deputy Director Halvard Steen. Karsk talks resumed.")
    assert {"halvard", "steen"} <= facts.proper
    assert "karsk" not in facts.names  # it begins a sentence
    titled = facts_of("Guarantees for Mr Steen and M. Armand matter.")
    assert {"steen", "armand"} <= titled.proper


def test_hints_and_questions() -> None:
    assert facts_of("I sense they could live with a lease.").hints
    assert not facts_of("Would you be ready to lease it?").hints
    assert facts_of("Both want a deal. What date would work?").asks
    assert not facts_of("They may accept. What date would work?").asks
