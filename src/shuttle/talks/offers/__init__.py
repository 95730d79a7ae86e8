"""Offers relayed by the mediator: their events, commands, rules and fold, side by side."""
