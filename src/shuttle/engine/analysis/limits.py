"""The sizes at which the analysis changes method, in one place.

* Up to `ENUMERATION_LIMIT` outcomes (grid outcomes for real issues) every outcome is evaluated,
  in chunks of `CHUNK` rows so memory stays bounded: exact for any profile kind.
* Linear additive profiles get the exact frontier (see `additive`) while it fits the fold's
  bounds below, and for two parties the exact zone count beyond the enumeration limit by meeting
  in the middle, as long as each half of the issues has at most `MEET_IN_MIDDLE_HALF_LIMIT`
  option combinations.
* The additive fold keeps at most `FOLD_POINTS` // issues partial frontier points (at least
  `FOLD_MIN_POINTS`, at most `FOLD_MAX_POINTS`): its back-pointers and the answer hold points x
  issues entries, and every point of the answer is printed. Its work is bounded too: for two
  parties `FOLD_ROWS` candidate rows sorted over the whole fold; for more, `FOLD_PAIRS`
  comparisons of a candidate with a kept point (times parties), the cost of their quadratic
  filter. Each step may use its fair share of what is left. Beyond either bound the frontier is
  thinned to well-spread points (`thinning`) and the result says `"exact": false`. Real
  scenarios stay inside: the largest public frontier, ANAC2015_KillerRobot's 7,444 points over
  5 parties, costs 1.96·10^9 of the 2.1·10^9 comparisons (its last step alone); 2,000 issues
  take a few seconds and about 200 MB.
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
FOLD_POINTS = 1 << 20
FOLD_MIN_POINTS = 64
FOLD_MAX_POINTS = 1 << 16
FOLD_ROWS = 1 << 22
FOLD_PAIRS = 1 << 31
