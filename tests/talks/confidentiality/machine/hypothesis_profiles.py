"""How many examples the confidentiality machine runs: profiles of its own, so no conftest is
touched.

HYPOTHESIS_PROFILE=ci|dev picks one of these; without it, "ci" when the CI variable is set,
else "dev". A profile registered elsewhere is used with the two settings this machine needs.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILES: dict[str, settings] = {
    "ci": settings(
        max_examples=2000,
        stateful_step_count=16,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    ),
    "dev": settings(
        max_examples=200,
        stateful_step_count=16,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    ),
}


def chosen_settings() -> settings:
    """The profile named by HYPOTHESIS_PROFILE, or "ci" under CI, else "dev"."""
    name = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
    if name in PROFILES:
        return PROFILES[name]
    # A profile registered elsewhere (e.g. a future conftest) still gets the two settings this
    # machine needs.
    return settings(
        settings.get_profile(name),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
