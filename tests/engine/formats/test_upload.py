"""Uploads: a YAML file, a ZIP of a scenario folder, or one GeniusWeb file, read into the same
`Scenario` as `load_scenario`, and hostile archives refused without being unpacked.

Every test runs with the temporary folder inside its own `tmp_path`, and checks at the end
that the upload left nothing behind.
"""

from __future__ import annotations

import contextlib
import io
import json
import stat
import struct
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shuttle.engine import Scenario, ScenarioError, load_scenario
from shuttle.engine.formats.errors import Problem
from shuttle.engine.formats.upload import (
    MAX_ARCHIVE_MEMBERS,
    _copy_within,
    scenario_from_upload,
)
from shuttle.engine.space import DiscreteIssue
from tests.engine.formats.genius_files import DOMAIN, profile

GENIUS = {"domain.xml": DOMAIN, "buyer.xml": profile(), "seller.xml": profile(red="3")}

PICNIC = {
    "name": "picnic",
    "issuesValues": {
        "food": {"values": ["bread", "cheese"]},
        "drink": {"values": ["tea", "juice"]},
    },
}


def web_profile(name: str, bread: float, tea: float) -> str:
    """A GeniusWeb profile over `PICNIC`, embedding it as GeniusWeb does."""
    utilities = {
        "food": {"DiscreteValueSetUtilities": {"valueUtilities": {"bread": bread, "cheese": 0.5}}},
        "drink": {"DiscreteValueSetUtilities": {"valueUtilities": {"tea": tea, "juice": 1.0}}},
    }
    body = {
        "domain": PICNIC,
        "name": name,
        "issueUtilities": utilities,
        "issueWeights": {"food": 0.6, "drink": 0.4},
    }
    return json.dumps({"LinearAdditiveUtilitySpace": body})


GENIUSWEB = {
    "picnic.json": json.dumps(PICNIC),
    "ann.json": web_profile("ann", 1.0, 0.0),
    "bo.json": web_profile("bo", 0.0, 1.0),
}

YAML = """issues:
  Food: [bread, cheese]
  Drink: [tea, juice]
parties:
  Ann:
    weights: {Food: 2, Drink: 1}
    values: {Food: [1.0, 0.0], Drink: [0.5, 1.0]}
  Bo:
    reservation: 0.2
    weights: {Food: 1, Drink: 1}
    values: {Food: [0.0, 1.0], Drink: [1.0, 0.0]}
"""

MIB = 1024 * 1024


def zipped(files: Mapping[str, str | bytes]) -> bytes:
    """A ZIP archive, built in memory, holding `files` under the names given (as written)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def in_folder(folder: str, files: Mapping[str, str | bytes]) -> dict[str, str | bytes]:
    return {f"{folder}/{name}": content for name, content in files.items()}


def written(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    folder.mkdir(parents=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def refusal(filename: str, data: bytes) -> str:
    with pytest.raises(ScenarioError) as caught:
        scenario_from_upload(filename, data)
    message = str(caught.value)
    assert "\n" not in message and len(message) <= 300, message  # one short line
    return message


@pytest.fixture(autouse=True)
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Unpack into a folder of the test's own, and check that nothing is left in it."""
    folder = tmp_path / "deep" / "down" / "temp"
    folder.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    assert list(folder.iterdir()) == []


# ---- what is read ----------------------------------------------------------------------------


def test_a_yaml_upload_is_read_as_load_scenario_reads_the_file(tmp_path: Path) -> None:
    path = written(tmp_path / "files", {"picnic.yaml": YAML}) / "picnic.yaml"
    scenario = scenario_from_upload("picnic.yaml", YAML.encode())
    assert scenario == load_scenario(path)
    assert scenario.name == "picnic"  # no name key: the file's stem names it
    assert scenario.parties == ("Ann", "Bo")


def test_a_browser_that_sends_the_whole_path_is_read_by_the_file_name() -> None:
    scenario = scenario_from_upload("C:\\Users\\me\\Desktop\\Picnic.yml", YAML.encode())
    assert scenario.name == "Picnic"


def test_a_zip_of_genius_files_at_its_top_level(tmp_path: Path) -> None:
    scenario = scenario_from_upload("market.zip", zipped(GENIUS))
    assert scenario == load_scenario(written(tmp_path / "market", GENIUS))
    assert (scenario.name, scenario.parties) == ("market", ("buyer", "seller"))


def test_a_zip_of_one_folder_as_macos_compresses_it(tmp_path: Path) -> None:
    files = {
        "Market/": b"",
        **in_folder("Market", GENIUS),
        "Market/.DS_Store": b"\x00\x00\x00\x01Bud1",
        "Market/readme.txt": "ignored, as in a folder",
        "Market/old/domain.xml": "<not read: a deeper folder/>",
        "__MACOSX/Market/._buyer.xml": b"\x00\x05\x16\x07 resource fork",
        "__MACOSX/Market/._domain.xml": b"\x00\x05\x16\x07 resource fork",
    }
    scenario = scenario_from_upload("Market.zip", zipped(files))
    assert scenario == load_scenario(written(tmp_path / "Market", GENIUS))
    assert scenario.name == "Market"  # the folder names it, as load_scenario(folder) does


def test_a_zip_of_a_geniusweb_folder() -> None:
    scenario = scenario_from_upload("picnic.zip", zipped(in_folder("Picnic", GENIUSWEB)))
    assert (scenario.name, scenario.parties) == ("Picnic", ("ann", "bo"))
    assert scenario.space.issues[0] == DiscreteIssue("food", ("bread", "cheese"))


def test_a_zip_of_a_yaml_file_is_named_by_its_folder() -> None:
    scenario = scenario_from_upload("x.zip", zipped({"Lunch/agenda.yaml": YAML}))
    assert (scenario.name, scenario.parties) == ("Lunch", ("Ann", "Bo"))


def test_an_archive_is_told_by_its_bytes_not_its_name() -> None:
    assert scenario_from_upload("market.yaml", zipped(GENIUS)).parties == ("buyer", "seller")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (
            json.dumps(PICNIC),
            "a GeniusWeb domain alone has no profiles; a scenario needs at least 2",
        ),
        (web_profile("ann", 1.0, 0.0), "a GeniusWeb profile is one party"),
        ("[1, 2]", "neither a GeniusWeb domain (issuesValues) nor a profile"),
        ('{"a": 1, "a": 2}', "key 'a' appears twice"),
    ],
)
def test_one_geniusweb_file_is_refused_with_what_to_upload(content: str, words: str) -> None:
    # The GeniusWeb reader needs a domain file and two profiles or more; one file has neither.
    message = refusal("picnic.json", content.encode())
    assert words in message
    if "GeniusWeb" in words and "neither" not in words:
        assert "upload the folder of the domain and its profiles as a .zip" in message


# ---- what is refused -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "data", "words"),
    [
        ("picnic.yaml", b"", "the upload is empty"),
        ("market.zip", b"not an archive at all", "named .zip, but not a ZIP archive"),
        ("domain.xml", DOMAIN.encode(), "a Genius XML file alone is not a scenario"),
        ("notes.txt", b"hello", "expected a YAML scenario (.yaml, .yml) or a scenario folder"),
        ("market.tar.gz", b"\x1f\x8b\x08\x00rest", "only ZIP archives are read"),
        ("picnic.yaml", b"\xff\xfeissues", "not UTF-8 at byte offset 0"),
        ("picnic.yaml", b"issues: [", "picnic.yaml"),
        ("big.yaml", b"#" * (16 * MIB + 1), "the upload is larger than 16 MiB"),
    ],
)
def test_what_is_not_a_scenario_is_refused_in_plain_words(
    filename: str, data: bytes, words: str
) -> None:
    assert words in refusal(filename, data)


def test_the_archive_is_refused_in_its_own_name() -> None:
    assert refusal("market.zip", zipped({})).startswith("market.zip: ")


def test_an_archive_without_a_domain_is_refused_by_the_reader() -> None:
    files = {"buyer.xml": profile(), "seller.xml": profile()}
    message = refusal("m.zip", zipped(files))
    assert message == "m: expected one Genius domain file, found none"  # the upload's stem


def test_a_bad_file_in_the_archive_is_named_as_the_reader_names_it() -> None:
    files = in_folder("Market", {**GENIUS, "seller.xml": profile(red="four")})
    message = refusal("upload.zip", zipped(files))
    assert message.startswith("Market/seller.xml: ")
    assert "evaluation 'four' is not a number" in message


@pytest.mark.parametrize(
    ("files", "words"),
    [
        ({}, "the archive holds no scenario files"),
        ({"readme.txt": "hi", "__MACOSX/._a.xml": "junk"}, "the archive holds no scenario files"),
        (
            {**in_folder("One", GENIUS), **in_folder("Two", GENIUS)},
            "scenario files in several folders (One, Two): upload one scenario folder",
        ),
        (
            {**GENIUS, "DOMAIN.XML": DOMAIN},
            "'DOMAIN.XML': the archive holds two files of this name",
        ),
        ({**GENIUS, "extra.zip": zipped(GENIUS)}, "'extra.zip': an archive inside the archive"),
        ({**GENIUS, "extra.xml": zipped(GENIUS)}, "'extra.xml': an archive inside the archive"),
    ],
)
def test_an_archive_that_is_not_one_scenario_folder_is_refused(
    files: dict[str, str | bytes], words: str
) -> None:
    assert words in refusal("market.zip", zipped(files))


@pytest.mark.parametrize(
    "member", ["../../x.xml", "Market/../../../x.xml", "..\\..\\x.xml", "/tmp/x.xml"]
)
def test_a_path_leading_out_of_the_archive_refuses_it(tmp_path: Path, member: str) -> None:
    data = zipped({**GENIUS, member: profile()})
    message = refusal("market.zip", data)
    assert "the path leads outside the archive's folder" in message
    assert list(tmp_path.rglob("x.xml")) == []


def test_a_symbolic_link_refuses_the_archive() -> None:
    link = zipfile.ZipInfo("buyer.xml")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("domain.xml", DOMAIN)
        archive.writestr(link, "/etc/passwd")
    assert "'buyer.xml': a symbolic link" in refusal("market.zip", buffer.getvalue())


def test_an_encrypted_member_refuses_the_archive() -> None:
    # zipfile cannot encrypt: set the flag bit in the central directory, as an encrypter would.
    data = bytearray(zipped(GENIUS))
    entry = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 1)  # the second member
    data[entry + 8] |= 0x1
    assert "'buyer.xml': the file is encrypted" in refusal("market.zip", bytes(data))


# ---- zip bombs and damaged archives ----------------------------------------------------------


def bomb() -> bytes:
    """An archive of a few KB holding a 17 MiB file, its size declared honestly."""
    return zipped({**GENIUS, "buyer.xml": b" " * (17 * MIB)})


def test_a_file_declared_past_the_limit_is_refused_before_anything_is_inflated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a member was opened")

    data = bomb()
    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    assert len(data) < 100_000
    assert "the archive is larger than 16 MiB when unpacked" in refusal("bomb.zip", data)


def test_a_file_inflating_past_its_declared_size_is_refused_unread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = bytearray(bomb())
    # Declare the 17 MiB file as 100 bytes, in its local header and its directory entry.
    local = data.index(b"PK\x03\x04", 1)  # the second local header: buyer.xml
    data[local + 22 : local + 26] = (100).to_bytes(4, "little")
    central = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 1)
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    inflated: list[int] = []
    read = zipfile.ZipExtFile.read

    def counted(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        chunk = read(self, n)
        inflated.append(len(chunk))
        return chunk

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counted)
    message = refusal("bomb.zip", bytes(data))
    assert "'buyer.xml': cannot unpack the file: Bad CRC-32" in message
    assert sum(inflated) < 1_000  # the domain file, then 100 bytes of the bomb


def test_unpacking_counts_the_bytes_it_inflates_whatever_was_declared() -> None:
    # A second line of defence behind zipfile's own cut at the declared size.
    sink = io.BytesIO()
    with pytest.raises(Problem, match="larger than 16 MiB when unpacked"):
        _copy_within(io.BytesIO(b"x" * 300_000), sink, budget=100_000)
    assert len(sink.getvalue()) <= 100_000


def test_too_many_members_refuse_the_archive() -> None:
    files = {f"p{n}.xml": "" for n in range(MAX_ARCHIVE_MEMBERS + 1)}
    data = zipped(files)
    assert f"the archive lists more than {MAX_ARCHIVE_MEMBERS} files" in refusal("m.zip", data)
    # An end record that understates the count is caught once the listing is read.
    lying = bytearray(data)
    end = lying.rindex(b"PK\x05\x06")
    lying[end + 8 : end + 12] = (1).to_bytes(2, "little") * 2
    assert "lists more than" in refusal("m.zip", bytes(lying))


def test_a_listing_too_large_for_a_scenario_refuses_the_archive() -> None:
    # Few members, but a central directory of long names that zipfile would read whole.
    files = {f"{n:03}{'x' * 1_500}.txt": "" for n in range(400)}
    assert "lists more than" in refusal("m.zip", zipped(files))


def with_zip64_end(data: bytes, entries: int) -> bytes:
    """`data` with a ZIP64 end record (which zipfile reads instead of the plain one) listing
    `entries` members, as archivers write one for archives of 65,535 members or more."""
    end = data.rindex(b"PK\x05\x06")
    _, _, _, _, _, size, offset, _ = struct.unpack_from("<4s4H2LH", data, end)
    record = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, size, offset
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, end, 1)
    return data[:end] + record + locator + data[end:]


def test_a_zip64_listing_is_read_by_its_own_numbers() -> None:
    data = zipped(GENIUS)
    assert scenario_from_upload("m.zip", with_zip64_end(data, 3)).parties == ("buyer", "seller")
    lying = with_zip64_end(data, MAX_ARCHIVE_MEMBERS + 1)
    assert "lists more than" in refusal("m.zip", lying)


def test_a_truncated_archive_is_refused() -> None:
    data = zipped(GENIUS)
    assert "not a readable ZIP archive" in refusal("market.zip", data[: len(data) // 2])


def test_damaged_compressed_data_is_refused() -> None:
    data = bytearray(zipped(GENIUS))
    start = data.index(b"domain.xml") + len("domain.xml")  # the domain's compressed bytes
    data[start + 10 : start + 30] = b"\xff" * 20
    assert "'domain.xml': cannot unpack the file" in refusal("market.zip", bytes(data))


def test_a_name_cut_short_by_a_nul_is_ignored() -> None:
    # zipfile cuts a member's name at its first NUL: this one has no name left.
    data = bytearray(zipped(GENIUS))
    data[data.index(b"PK\x01\x02") + 46] = 0  # the first character of domain.xml's name
    assert "expected one Genius domain file, found none" in refusal("m.zip", bytes(data))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_any_damaged_byte_gives_a_scenario_or_a_scenario_error(data: st.DataObject) -> None:
    archive = bytearray(zipped(in_folder("Market", GENIUS)))
    position = data.draw(st.integers(0, len(archive) - 1))
    archive[position] = data.draw(st.integers(0, 255))
    with contextlib.suppress(ScenarioError):  # and nothing else
        scenario_from_upload("market.zip", bytes(archive))


# ---- the public scenarios --------------------------------------------------------------------

PUBLIC = ["ANAC2011_Laptop", "GeniusWeb_Fitness", "Genius_IntegerDomain"]


@pytest.mark.parametrize("folder", PUBLIC)
def test_a_zipped_public_scenario_reads_as_its_folder(scenarios: Path, folder: str) -> None:
    path = scenarios / folder
    files = {p.name: p.read_bytes() for p in sorted(path.iterdir()) if p.is_file()}
    expected = load_scenario(path)
    junk = {f"__MACOSX/{folder}/._{name}": b"\x00\x05\x16\x07" for name in files}
    assert scenario_from_upload(f"{folder}.zip", zipped(in_folder(folder, files) | junk)) == (
        expected
    )
    flat: Scenario = scenario_from_upload("upload.zip", zipped(files))
    assert flat.space == expected.space
    assert (flat.parties, flat.profiles) == (expected.parties, expected.profiles)
