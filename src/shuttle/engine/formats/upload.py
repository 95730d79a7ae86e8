"""Reading a scenario uploaded through a web form: the file's name and its bytes.

An upload is one of:

- a Shuttle YAML scenario (``.yaml``, ``.yml``), read as `load_scenario` reads such a file;
- a ZIP archive (told by its bytes; one named ``.zip`` must be one) of a scenario folder —
  Genius XML, GeniusWeb JSON or YAML — at the archive's top level or inside one top folder, as
  "Compress folder" tools make it. Hidden files and ``__MACOSX/`` are ignored, and, as
  `load_scenario` does in a folder, so are files of other types and files in deeper folders;
- a single GeniusWeb JSON file, which is refused with what to upload instead: a domain alone has
  no party, and a profile (which embeds its domain) is one, where a scenario needs `MIN_PARTIES`.

The uploader may be hostile, so an archive is judged from its listing before anything is
unpacked: how many members it lists, their paths (one leaving the archive's folder is refused),
symbolic links, encryption, archives inside it, and the sizes it declares. Each member is then
written under its own file name, sanitised, into a fresh temporary folder — never under the
archive's paths — and its bytes are counted as they are inflated, whatever it declared. The
folder is removed before `scenario_from_upload` returns or raises. Every refusal is a
`ScenarioError` naming the upload (and the member, as the archive spells it).
"""

from __future__ import annotations

import io
import lzma
import stat
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, NoReturn

from shuttle.engine.formats.checks import MIN_PARTIES
from shuttle.engine.formats.errors import Problem, ScenarioError, located, shown
from shuttle.engine.formats.files import decoded
from shuttle.engine.formats.geniusweb_json import PROFILE_KEY, geniusweb_domain
from shuttle.engine.formats.json_loader import load_json
from shuttle.engine.formats.limits import MAX_SCENARIO_BYTES
from shuttle.engine.formats.load import load_scenario
from shuttle.engine.formats.yaml_format import YAML_SUFFIXES, parse_yaml
from shuttle.engine.scenario import Scenario

MAX_ARCHIVE_MEMBERS = 500
"""Members (files and folders) an archive may list: room for `MAX_PARTIES` profiles, a domain
and reference results, each shadowed by a ``__MACOSX`` copy, with their folders."""

_MIB = 1024 * 1024
_LIMIT_MIB = MAX_SCENARIO_BYTES // _MIB
# zipfile builds one object per member of the central directory, read whole on opening: a
# directory bigger than this (about 1 KiB per allowed member) is refused before it does.
_MAX_DIRECTORY_BYTES = MAX_ARCHIVE_MEMBERS * 1024
_LONGEST_NAME = 255  # bytes of a file name: what common filesystems allow
_CHUNK = 64 * 1024
_TOO_LARGE = f"the archive is larger than {_LIMIT_MIB} MiB when unpacked, the most a scenario holds"
_FALLBACK_NAME = "upload"

_ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06")  # a first member; an empty archive's end record
_OTHER_ARCHIVE_STARTS = (b"\x1f\x8b", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07")
_ARCHIVE_SUFFIXES = frozenset(
    {".zip", ".jar", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".rar", ".zst"}
)
_SCENARIO_SUFFIXES = frozenset({".xml", ".json", *YAML_SUFFIXES})
_UNSAFE_CHARACTERS = frozenset('/\\:*?"<>|')  # separators, and what Windows forbids
# Controls, lone surrogates and line breaks; format characters stay (Persian writes ZWNJ).
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
_ENCRYPTED = 0x1  # general purpose flag bit 0

# The end of central directory record (signature, disk numbers, entries on this disk and in
# all, directory size and offset, comment length), and its ZIP64 counterpart, which zipfile
# reads instead when a locator stands just before the end record.
_END = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"
_END64 = struct.Struct("<4sQ2H2L4Q")
_END64_SIGNATURE = b"PK\x06\x06"
_LOCATOR_SIZE = 20
_LOCATOR_SIGNATURE = b"PK\x06\x07"

# What inflating a damaged archive raises: zipfile's own error, the decompressors' (bz2 raises
# OSError), and struct or decoding errors from headers that lie.
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    struct.error,
    EOFError,
    ValueError,
    OSError,
    NotImplementedError,
)


def scenario_from_upload(filename: str, data: bytes) -> Scenario:
    """The scenario in an uploaded file, `filename` being the name the browser gave it.

    Raises `ScenarioError` for anything it cannot read, naming the upload and the problem.
    """
    name = _upload_name(filename)
    if not data:
        raise ScenarioError(name, "the upload is empty")
    if len(data) > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            name, f"the upload is larger than {_LIMIT_MIB} MiB, the most a scenario may hold"
        )
    suffix = PurePosixPath(name).suffix.lower()
    if data.startswith(_ZIP_STARTS):
        return _from_archive(name, data)
    if suffix == ".zip":
        raise ScenarioError(name, "named .zip, but not a ZIP archive")
    if suffix in YAML_SUFFIXES:
        return parse_yaml(decoded(data, name), name, _stem(name))
    if suffix == ".json":
        _refuse_single_json(name, data)
    raise ScenarioError(name, _unsupported(suffix, data))


def _unsupported(suffix: str, data: bytes) -> str:
    if data.startswith(_OTHER_ARCHIVE_STARTS):
        return "only ZIP archives are read: compress the scenario folder as a .zip"
    if suffix == ".xml":
        return (
            "a Genius XML file alone is not a scenario: upload its folder (domain and profiles) "
            "as a .zip"
        )
    return "expected a YAML scenario (.yaml, .yml) or a scenario folder as a .zip"


def _refuse_single_json(name: str, data: bytes) -> NoReturn:
    """Refuse one GeniusWeb file, saying what it is. The GeniusWeb reader requires a domain file
    and `MIN_PARTIES` profiles, and a `Scenario` of fewer parties is nothing the engine can use."""
    with located(name):
        document = load_json(decoded(data, name))
    if isinstance(document, dict) and "issuesValues" in document:
        kind = "a GeniusWeb domain alone has no profiles"
    elif isinstance(document, dict) and PROFILE_KEY in document:
        kind = "a GeniusWeb profile is one party"
    else:
        raise ScenarioError(
            name, f"neither a GeniusWeb domain (issuesValues) nor a profile ({PROFILE_KEY})"
        )
    raise ScenarioError(
        name,
        f"{kind}; a scenario needs at least {MIN_PARTIES}: upload the folder of the domain and "
        "its profiles as a .zip",
    )


# ---- archives --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """What to unpack: the scenario folder's name, and each member with its flat file name."""

    folder: str
    members: tuple[tuple[zipfile.ZipInfo, str], ...]


def _from_archive(name: str, data: bytes) -> Scenario:
    _check_directory(name, data)
    with _open_archive(name, data) as archive:
        plan = _plan(name, archive.infolist())
        with tempfile.TemporaryDirectory(prefix="shuttle-upload-") as temporary:
            folder = Path(temporary) / plan.folder
            folder.mkdir()
            budget = MAX_SCENARIO_BYTES
            for info, flat in plan.members:
                budget -= _unpack_member(name, archive, info, folder / flat, budget)
            # Every reader reads its files whole, so nothing refers to the folder once removed.
            return load_scenario(folder)


def _check_directory(name: str, data: bytes) -> None:
    """Refuse an archive whose central directory is too large, from the numbers zipfile will
    use, before it builds one object per member listed there."""
    start = _end_record(data)
    if start is None:
        return  # zipfile refuses the archive as damaged
    entries, size = _END.unpack_from(data, start)[4:6]
    end64 = start - _LOCATOR_SIZE - _END64.size
    if end64 >= 0 and data.startswith(_LOCATOR_SIGNATURE, start - _LOCATOR_SIZE):
        fields = _END64.unpack_from(data, end64)
        if fields[0] == _END64_SIGNATURE:
            entries, size = fields[7:9]
    if entries > MAX_ARCHIVE_MEMBERS or size > _MAX_DIRECTORY_BYTES:
        raise _too_many(name)


def _end_record(data: bytes) -> int | None:
    """Where the end record is, found as zipfile finds it: at the very end when the archive has
    no comment, else the last signature within a comment's reach (64 KiB) of the end."""
    exact = len(data) - _END.size
    if exact >= 0 and data.startswith(_END_SIGNATURE, exact) and data.endswith(b"\x00\x00"):
        return exact
    start = data.rfind(_END_SIGNATURE, max(0, exact - (1 << 16)))
    return start if 0 <= start <= exact else None


def _too_many(name: str) -> ScenarioError:
    return ScenarioError(
        name, f"the archive lists more than {MAX_ARCHIVE_MEMBERS} files and folders"
    )


def _open_archive(name: str, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except _DAMAGED as error:
        raise ScenarioError(name, f"not a readable ZIP archive: {error}") from None


def _plan(name: str, infos: Sequence[zipfile.ZipInfo]) -> _Plan:
    """Choose the members to unpack, refusing the archive before any is read."""
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise _too_many(name)
    files: list[tuple[zipfile.ZipInfo, tuple[str, ...]]] = []
    for info in infos:
        parts = _member_parts(name, info)
        if not parts or info.is_dir() or _is_junk(parts):  # zipfile cuts a name at a NUL
            continue
        _check_member(name, info, parts[-1])
        if PurePosixPath(parts[-1]).suffix.lower() in _SCENARIO_SUFFIXES:
            files.append((info, parts))
    if not files:
        raise ScenarioError(
            name, "the archive holds no scenario files (Genius XML, GeniusWeb JSON or YAML)"
        )
    root = _common_folder([parts[:-1] for _, parts in files])
    chosen = [(info, parts[-1]) for info, parts in files if parts[:-1] == root]
    if not chosen:  # the files sit in two or more folders below the common one
        folders = sorted({_safe_name(parts[len(root)]) for _, parts in files})
        raise ScenarioError(
            name,
            f"the archive holds scenario files in several folders ({', '.join(folders)}): "
            "upload one scenario folder",
        )
    members = _flat_names(name, chosen)
    if sum(info.file_size for info, _ in members) > MAX_SCENARIO_BYTES:
        raise ScenarioError(name, _TOO_LARGE)  # declared: refused before inflating any
    folder = _fitted(_safe_name(root[-1])) if root else _stem(name)
    return _Plan(folder or _FALLBACK_NAME, members)


def _member_parts(name: str, info: zipfile.ZipInfo) -> tuple[str, ...]:
    """The folders and file name of a member. A path that is absolute or climbs out with
    ``..`` has no place in a scenario's archive: the whole archive is refused."""
    path = info.filename.replace("\\", "/")
    parts = tuple(part for part in path.split("/") if part not in ("", "."))
    if path.startswith("/") or ".." in parts:
        raise ScenarioError(
            name, "the path leads outside the archive's folder", shown(info.filename)
        )
    return parts


def _is_junk(parts: tuple[str, ...]) -> bool:
    """Whether a member is what archivers add beside the files: ``__MACOSX/`` resource forks,
    ``.DS_Store`` and other hidden files or folders."""
    return parts[0] == "__MACOSX" or any(part.startswith(".") for part in parts)


def _check_member(name: str, info: zipfile.ZipInfo, file_name: str) -> None:
    problem = None
    if info.flag_bits & _ENCRYPTED:
        problem = "the file is encrypted: upload an archive without a password"
    elif stat.S_ISLNK(info.external_attr >> 16):
        problem = "a symbolic link: a scenario's archive holds plain files only"
    elif PurePosixPath(file_name).suffix.lower() in _ARCHIVE_SUFFIXES:
        problem = "an archive inside the archive: upload the scenario folder itself"
    if problem:
        raise ScenarioError(name, problem, shown(info.filename))


def _common_folder(folders: list[tuple[str, ...]]) -> tuple[str, ...]:
    common = folders[0]
    for folder in folders[1:]:
        length = 0
        while length < min(len(common), len(folder)) and common[length] == folder[length]:
            length += 1
        common = common[:length]
    return common


def _flat_names(
    name: str, chosen: list[tuple[zipfile.ZipInfo, str]]
) -> tuple[tuple[zipfile.ZipInfo, str], ...]:
    """Each member with the name it is written under: its own, sanitised; two that would share
    one (on a filesystem that ignores case, too) refuse the archive."""
    seen: set[str] = set()
    named = []
    for info, file_name in chosen:
        flat = _safe_name(file_name)
        if len(flat.encode("utf-8")) > _LONGEST_NAME:
            raise ScenarioError(name, "the file name is too long", shown(info.filename))
        if flat.casefold() in seen:
            raise ScenarioError(name, "the archive holds two files of this name", shown(flat))
        seen.add(flat.casefold())
        named.append((info, flat))
    return tuple(named)


def _unpack_member(
    name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, budget: int
) -> int:
    """Write one member at `target`, within `budget` bytes; the bytes written."""
    try:
        with archive.open(info) as source, target.open("xb") as sink:
            return _copy_within(source, sink, budget)
    except Problem as problem:
        raise ScenarioError(name, str(problem), shown(info.filename)) from None
    except _DAMAGED as error:
        raise ScenarioError(
            name, f"cannot unpack the file: {error}", shown(info.filename)
        ) from None


def _copy_within(source: IO[bytes], sink: IO[bytes], budget: int) -> int:
    """Copy `source` to `sink` chunk by chunk, counting what is inflated rather than trusting
    the declared size: past `budget` bytes the copy stops with a `Problem`."""
    copied = 0
    while chunk := source.read(_CHUNK):
        if copied == 0 and chunk.startswith((*_ZIP_STARTS, *_OTHER_ARCHIVE_STARTS)):
            raise Problem("an archive inside the archive: upload the scenario folder itself")
        copied += len(chunk)
        if copied > budget:
            raise Problem(_TOO_LARGE)
        sink.write(chunk)
    return copied


# ---- names -----------------------------------------------------------------------------------


def _upload_name(filename: str) -> str:
    """The file name a browser sent, without any folder (old browsers send the whole path)."""
    last = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return _fitted(_safe_name(last)) or _FALLBACK_NAME


def _stem(name: str) -> str:
    return PurePosixPath(name).stem or _FALLBACK_NAME


def _safe_name(text: str) -> str:
    """`text` with path separators, characters Windows forbids in names, controls and line
    breaks replaced by ``_``: safe to write, and still readable as a party's name."""
    return "".join(
        "_"
        if character in _UNSAFE_CHARACTERS or unicodedata.category(character) in _UNSAFE_CATEGORIES
        else character
        for character in text
    )


def _fitted(text: str) -> str:
    """`text` cut to a file name's longest, in whole characters."""
    return text.encode("utf-8")[:_LONGEST_NAME].decode("utf-8", errors="ignore")


def agenda_scenario_from_upload(filename: str, data: bytes) -> Scenario:
    """What a new talk's agenda can be taken from: any upload `scenario_from_upload` reads,
    or one GeniusWeb file alone -- a domain, or a profile holding its domain. A talk needs the
    issues and their options, never the parties' profiles (each party enters its own), so a
    domain alone is enough here; the scenario then has no parties and no profiles.

    Raises `ScenarioError` like `scenario_from_upload`."""
    name = _upload_name(filename)
    single_json = PurePosixPath(name).suffix.lower() == ".json" and not data.startswith(_ZIP_STARTS)
    if not single_json or not data or len(data) > MAX_SCENARIO_BYTES:
        return scenario_from_upload(filename, data)
    with located(name):
        document = load_json(decoded(data, name))
    domain = _domain_in(document)
    if domain is None:
        raise ScenarioError(
            name, f"neither a GeniusWeb domain (issuesValues) nor a profile ({PROFILE_KEY})"
        )
    space = geniusweb_domain(name, domain)
    title = domain.get("name")
    return Scenario(
        title if isinstance(title, str) and title.strip() else _stem(name), space, (), ()
    )


def _domain_in(document: object) -> dict[str, object] | None:
    """The GeniusWeb domain a file is, or holds (a profile carries its domain inside)."""
    if not isinstance(document, dict):
        return None
    if "issuesValues" in document:
        return document
    profile = document.get(PROFILE_KEY)
    inner = profile.get("domain") if isinstance(profile, dict) else None
    return inner if isinstance(inner, dict) and "issuesValues" in inner else None
