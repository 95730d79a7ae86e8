"""A mediator's proposals: their events, commands, rules and fold, side by side."""
