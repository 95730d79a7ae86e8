"""Tests of shuttle.store, one module per source module."""
