"""Loading by path: a YAML file, or a folder recognised by what it holds, never half-read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shuttle.engine import Scenario, ScenarioError, load_scenario
from tests.engine.formats.genius_files import profile, write_folder
from tests.engine.formats.paths import BUNDLED, DATA


def test_a_yaml_file_is_named_by_its_name_key(tmp_path: Path) -> None:
    assert load_scenario(BUNDLED / "muscat.yaml").name == "Muscat"
    assert load_scenario(str(BUNDLED / "muscat.yaml")).name == "Muscat"  # str paths too


def test_a_folder_with_one_yaml_file(tmp_path: Path) -> None:
    folder = tmp_path / "Talks"
    folder.mkdir()
    text = (BUNDLED / "muscat.yaml").read_text(encoding="utf-8").replace("name: Muscat\n", "")
    (folder / "agenda.yml").write_text(text, encoding="utf-8")
    (folder / "notes.txt").write_text("ignored", encoding="utf-8")
    assert load_scenario(folder).name == "Talks"  # no name key: the folder names it


def test_genius_and_geniusweb_folders_are_recognised_by_content() -> None:
    genius = load_scenario(DATA / "genius_quirks")  # pareto.xml is skipped
    assert (genius.name, genius.parties) == ("genius_quirks", ("buyer", "seller"))
    web = load_scenario(DATA / "geniusweb_new")  # specials.json is skipped
    assert web.parties == ("profileA", "profileB")


def test_every_profile_in_the_folder_is_a_party(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "Many", **{f"p{n}": profile() for n in range(1, 10)})
    assert load_scenario(folder).parties == tuple(f"p{n}" for n in range(1, 10))


def test_one_bad_profile_fails_the_whole_folder(tmp_path: Path) -> None:
    folder = tmp_path / "Quirks"
    shutil.copytree(DATA / "genius_quirks", folder)
    seller = folder / "seller.xml"
    seller.write_text(
        seller.read_text(encoding="utf-8").replace('evaluation="4"', 'evaluation="four"'),
        encoding="utf-8",
    )
    result: Scenario | None = None
    with pytest.raises(ScenarioError) as caught:
        result = load_scenario(folder)
    assert result is None
    assert caught.value.source == "Quirks/seller.xml"
    assert "evaluation 'four' is not a number" in str(caught.value)


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({}, "no scenario here"),
        ({"a.yaml": "x", "b.yml": "y"}, "holds several YAML files (a.yaml, b.yml)"),
        ({"a.xml": "<a/>", "b.json": "{}"}, "holds XML and JSON files"),
        ({"a.yaml": "x", "b.xml": "<a/>"}, "holds YAML and XML files"),
        ({".hidden.xml": "<a/>", "README.md": "hi"}, "no scenario here"),
    ],
)
def test_unrecognisable_folders_are_refused(
    files: dict[str, str], problem: str, tmp_path: Path
) -> None:
    folder = tmp_path / "Odd"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    assert caught.value.source == "Odd"
    assert problem in caught.value.problem


def test_a_single_genius_file_or_a_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="give the folder holding the domain and the profiles"):
        load_scenario(DATA / "genius_quirks" / "quirks.xml")
    with pytest.raises(ScenarioError, match="no such file or folder"):
        load_scenario(tmp_path / "absent")


def test_the_current_folder_is_named_after_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_folder(tmp_path / "Here")
    monkeypatch.chdir(folder)
    assert load_scenario(".").name == "Here"
