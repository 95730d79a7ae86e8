"""Reading scenario files (Genius XML, GeniusWeb JSON, Shuttle's YAML) and writing YAML."""

from shuttle.engine.formats.errors import ScenarioError
from shuttle.engine.formats.load import load_scenario
from shuttle.engine.formats.yaml_format import read_yaml, read_yaml_data, write_yaml

__all__ = ["ScenarioError", "load_scenario", "read_yaml", "read_yaml_data", "write_yaml"]
