"""Parties' private profiles: their events, commands, rules and fold, side by side."""
