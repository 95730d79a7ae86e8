"""Scenarios that ship with Shuttle, in its YAML format (see docs/scenarios.md).

- ``muscat.yaml``: a two-party US-Iran style nuclear agenda with a zone of possible agreement;
- ``river_basin.yaml``: three riparian states sharing a river, with an integer issue.
"""
