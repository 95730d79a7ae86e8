"""The single negotiating text: its events, commands, rules and fold, side by side."""
