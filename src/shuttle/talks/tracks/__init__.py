"""Tracks: talks grouped in one process, and words carried from one track into another."""
