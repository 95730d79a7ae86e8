"""The confidentiality test's state machine, in parts put together in
`tests/talks/test_confidentiality.py`.

- `hypothesis_profiles`: how many examples a run takes (the "ci" and "dev" profiles);
- `vocabulary`: the names, texts and agendas the machine types;
- `draws`: the strategies its rules draw their arguments from;
- `base`: the machine's state: the talk, and the oracle's books beside it;
- `arguments`: choosing actors and typing a command's arguments from what was drawn;
- `running`: running a command against the oracle's prediction, and checking a refusal;
- `seen` and `views`: every participant's view of the record, checked after every step;
- `opening` and the `*_rules` modules: the machine's initial rule and its rules, one module for
  each family of commands.

Each rule either picks its actor and arguments at random (`aimed` False: mostly refused, which
is the point) or aims at what the rules might allow, doing first what that needs (a draft before
answers, a bid opened before bounds), so that carriages, agreements, signatures, settled bids and
answered offers happen often enough to be worth checking.
"""
