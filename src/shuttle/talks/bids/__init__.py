"""Blind bids: their events, commands, rules and fold, side by side."""
