"""The rooms' conversation: its events, commands, rules and fold, side by side."""
