"""The most a scenario file may ask of the readers, in one place.

A scenario may come from anyone, so every reader refuses, with a message naming the file, what
would otherwise take minutes, gigabytes or a crash to read. Each limit is far above what real
scenarios use (the largest Genius or GeniusWeb file we know is 25 KB, with at most 9 parties, a
few dozen issues and nesting 7 levels deep) and low enough that reading within it takes seconds
and well under 1 GiB.
"""

from __future__ import annotations

MAX_SCENARIO_BYTES = 16 * 1024 * 1024
"""Bytes of a scenario: of its one file, or of all the files of its folder together."""

MAX_DEPTH = 32
"""Levels of nesting in a YAML or JSON file. Deeper nesting would exhaust the parsers' stacks
(Python's recursion limit), and a scenario needs about 7."""

MAX_YAML_NODES = 500_000
"""Values (scalars, lists and mappings) in a YAML file: PyYAML builds each as Python objects,
about 5 µs and 500 bytes apiece, so this many take a few seconds."""

MAX_XML_TAGS = 1_000_000
"""Tags (counted as ``<`` characters, which XML allows nowhere else) in a Genius XML file: each
element costs ElementTree about 150 bytes."""

MAX_INTEGER = 2**63 - 1
"""The largest integer magnitude read (64 bits, what NumPy and databases hold). Python converts
a longer decimal integer in quadratic time, and refuses one of more than 4,300 digits."""

MAX_OPTIONS = 1_000_000
"""Options of one issue: one utility per option is stored for every party."""

MAX_ISSUES = 2_000
"""Issues of a scenario. The analysis folds issues one at a time and, within each step, works
party by party: a scenario of this many issues is analysed in a few seconds."""

MAX_PARTIES = 100
"""Parties (profiles) of a scenario (ANAC's largest have 9)."""

MAX_ISSUES_X_PARTIES = 20_000
"""Issues times parties: what the analysis's time grows with (20 parties of 1,000 issues, 100
of 200)."""

MAX_PROFILE_VALUES = 4_000_000
"""Utilities stored over all profiles (parties x all issues' options): about 32 bytes each."""

MAX_OUTCOME_DIGITS = 4_000
"""Digits of the number of outcomes: it is printed in full, and Python prints integers of at
most 4,300 digits."""
