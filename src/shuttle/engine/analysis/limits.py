"""The sizes at which the analysis changes method, in one place.

* Up to `ENUMERATION_LIMIT` outcomes (grid outcomes for real issues) every outcome is evaluated,
  in chunks of `CHUNK` rows so memory stays bounded: exact for any profile kind.
* Linear additive profiles get the exact frontier at any size (see `additive`), and for two
  parties the exact zone count beyond the enumeration limit by meeting in the middle, as long as
  each half of the issues has at most `MEET_IN_MIDDLE_HALF_LIMIT` option combinations.
* Anything else beyond the enumeration limit is searched (`search`): `SEARCH_SAMPLES` random
  outcomes, then local search from the non-dominated ones, `SEARCH_BATCH` points at a time, until
  `SEARCH_EVALUATIONS` outcomes have been evaluated; the seed is fixed so runs repeat. The
  budget is a count, not a time, so the answer never depends on the machine: it takes about
  1 s for the ANAC 2014 10-issue scenarios and 2-3 s for 50 issues on a 2-core machine, and
  finds every point of their published frontiers.
"""

from __future__ import annotations

ENUMERATION_LIMIT = 10_000_000
CHUNK = 1 << 18
MEET_IN_MIDDLE_HALF_LIMIT = 1 << 22
SEARCH_SAMPLES = 20_000
SEARCH_SEED = 20_240_601
SEARCH_EVALUATIONS = 1_500_000
SEARCH_BATCH = 64
