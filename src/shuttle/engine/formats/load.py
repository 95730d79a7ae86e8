"""Loading a scenario from a path, whatever its format.

A path is a YAML file, or a folder recognised by what it holds (never by its name):

- one YAML file: Shuttle's own format;
- XML files: Genius (one domain, told apart from the profiles by its root element);
- JSON files: GeniusWeb (one domain, told apart from the profiles by its keys).

``pareto.xml`` and ``specials.json`` hold published reference results, not scenario parts, and
are skipped, as are hidden files and files of other types. Genius and GeniusWeb parties are the
profile files' stems, sorted; every profile in the folder is a party (an ANAC 2015 folder with
nine profiles for sessions of three is analysed as nine parties). Any unreadable file raises
`ScenarioError` naming it, and nothing is returned half-read. A scenario's files may hold at
most `MAX_SCENARIO_BYTES` together (`files`).
"""

from __future__ import annotations

from pathlib import Path

from shuttle.engine.formats.errors import ScenarioError
from shuttle.engine.formats.files import check_folder_size
from shuttle.engine.formats.genius_xml import read_genius
from shuttle.engine.formats.geniusweb_json import read_geniusweb
from shuttle.engine.formats.yaml_format import YAML_SUFFIXES, read_yaml
from shuttle.engine.scenario import Scenario

REFERENCE_RESULTS = frozenset({"pareto.xml", "specials.json"})
_FORMATS = {".yaml": "YAML", ".yml": "YAML", ".xml": "XML", ".json": "JSON"}


def load_scenario(path: str | Path) -> Scenario:
    """The scenario at `path`: a YAML file, or a folder of YAML, Genius XML or GeniusWeb JSON."""
    path = Path(path)
    if path.is_dir():
        return _load_folder(path)
    if path.is_file():
        if path.suffix.lower() in YAML_SUFFIXES:
            return read_yaml(path)
        raise ScenarioError(
            path.name,
            "not a YAML scenario: for Genius or GeniusWeb files, give the folder holding the "
            "domain and the profiles",
        )
    if path.exists():  # a device, a pipe, a socket: nothing a scenario can be read from
        raise ScenarioError(str(path), "not a regular file or a folder")
    raise ScenarioError(str(path), "no such file or folder")


def _load_folder(folder: Path) -> Scenario:
    folder = folder.resolve()  # so that "." has a name to give the scenario
    by_format: dict[str, list[Path]] = {}
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        raise ScenarioError(folder.name, f"cannot list the folder: {error.strerror}") from None
    for entry in entries:
        kind = _FORMATS.get(entry.suffix.lower())
        if kind and _is_part(entry):
            by_format.setdefault(kind, []).append(entry)
    if not by_format:
        raise ScenarioError(
            folder.name,
            "no scenario here: expected a YAML file, Genius XML files or GeniusWeb JSON files",
        )
    if len(by_format) > 1:
        raise ScenarioError(
            folder.name,
            f"holds {' and '.join(by_format)} files: keep one scenario format per folder",
        )
    [(kind, files)] = by_format.items()
    check_folder_size(folder, files)
    if kind == "XML":
        return read_genius(folder, files)
    if kind == "JSON":
        return read_geniusweb(folder, files)
    if len(files) > 1:
        names = ", ".join(f.name for f in files)
        raise ScenarioError(folder.name, f"holds several YAML files ({names}): give one")
    return read_yaml(files[0], default_name=folder.name)


def _is_part(entry: Path) -> bool:
    """Whether `entry` may be part of a scenario: a visible file, not a reference result."""
    return (
        entry.is_file() and not entry.name.startswith(".") and entry.name not in REFERENCE_RESULTS
    )
