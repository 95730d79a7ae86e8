"""The confidentiality test's parts: an oracle and a state machine, assembled in
`tests/talks/test_confidentiality.py`.

`oracle` keeps its own books of one talk from the rules of proximity talks as they are stated in
words -- never from `decide`, `evolve` or `visibility` -- and predicts what every command must
produce and who may see and read each event. `machine` drives the pure domain with random
commands, holds it to the oracle's predictions, and checks every participant's view.
"""
