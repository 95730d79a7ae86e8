"""Fixtures for the command line's tests: a fresh record on each database backend."""

from __future__ import annotations

import pytest

from tests.cli.runner import Shuttle


@pytest.fixture
def shuttle(database_url: str) -> Shuttle:
    return Shuttle(database_url)
