"""Where the public scenarios are, for tests that read them.

They live beside the checkout in ../shared/scenarios (never in the repository). A user's clone
has no such folder, so those tests skip with the reason; CI sets SHUTTLE_SCENARIOS, and then
a missing folder is a failure, never a silent skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SCENARIOS_ENV = "SHUTTLE_SCENARIOS"
DEFAULT_SCENARIOS = Path(__file__).resolve().parents[2] / ".." / "shared" / "scenarios"


def scenarios_root() -> Path | None:
    """The scenarios folder, or None when it is absent and not required."""
    configured = os.environ.get(SCENARIOS_ENV)
    if configured:
        root = Path(configured).resolve()
        if not (root / "INDEX.tsv").is_file():
            pytest.fail(f"{SCENARIOS_ENV}={configured} is set but holds no INDEX.tsv")
        return root
    root = DEFAULT_SCENARIOS.resolve()
    return root if (root / "INDEX.tsv").is_file() else None


@pytest.fixture(scope="session")
def scenarios() -> Path:
    """The public scenarios folder; skips when absent (fails in CI, which sets the variable)."""
    root = scenarios_root()
    if root is None:
        pytest.skip(
            f"public scenarios not found: set {SCENARIOS_ENV} or place them at "
            f"{DEFAULT_SCENARIOS.resolve()}"
        )
    return root
