"""Fixtures for the pure domain's tests."""

from __future__ import annotations

import pytest

from tests.talks.driver import Talk, open_talk


@pytest.fixture
def talk() -> Talk:
    """A two-party talk (United States: US Envoy, US Deputy; Iran: Iranian FM; mediator Oman)."""
    return open_talk()
