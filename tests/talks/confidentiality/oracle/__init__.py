"""The confidentiality test's oracle: its own books of one talk, kept from the rules of proximity
talks as they are stated in words -- never from `decide`, `evolve` or `visibility`.

From the commands issued and the events that came back it knows every event of the record: whose
it is, where it happened, and who may see it and read its secrets. It predicts what every
command must produce (the events, or a refusal), so the machine in `test_confidentiality` can
hold the domain to it after every step.

A viewer is a party's name (any of its delegates) or None (a mediator). Secrets are of two
sorts, both unique in a run: text tokens (``~<8 hex><counter>~``) in everything people type,
and decimal numbers (bounds, profile weights and values) whose digits end in a counter.

Its parts, each a class over the same books, put together as `expect.Oracle`:

- `vocabulary`: texts and numbers as the record keeps them, and the tokens inside them;
- `books`: what the oracle knows of the talk, and the unique texts and numbers it hands out;
- `booking`: how each recorded event enters the books;
- `sight`: who may see each event, and read the secrets inside it;
- `terms`: agendas, terms and clauses as typed, read the way the rules read them;
- `words`, `single_text`, `proposals`, `bids`, `profiles_offers`: what each family of commands
  must produce;
- `expect`: the oracle whole, sending each command to its family.
"""
