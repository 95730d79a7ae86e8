"""Shuttle: proximity talks with private rooms, a mediator, and a tamper-evident record."""

__version__ = "0.1.0"
