"""Reading a scenario's files within `MAX_SCENARIO_BYTES`, the one size limit of a scenario.

A file is read up to one byte past the limit, never trusting its reported size (a pipe or a
/proc file reports 0), so an oversized file costs no more than the limit to refuse. A folder's
files are also refused together when their sizes add up past the limit: every Genius or
GeniusWeb file of a scenario is parsed before any is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from shuttle.engine.formats.errors import ScenarioError, source_label
from shuttle.engine.formats.limits import MAX_SCENARIO_BYTES

_MIB = 1024 * 1024
_LIMIT_MIB = MAX_SCENARIO_BYTES // _MIB


def read_limited(path: Path) -> bytes:
    """The bytes of the file at `path`, refused past `MAX_SCENARIO_BYTES`."""
    source = source_label(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_SCENARIO_BYTES + 1)
    except OSError as error:
        raise ScenarioError(source, f"cannot read the file: {error.strerror}") from None
    if len(data) > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            source, f"the file is larger than {_LIMIT_MIB} MiB, the most a scenario may hold"
        )
    return data


def check_folder_size(folder: Path, files: Sequence[Path]) -> None:
    """Refuse `files` (of `folder`) whose sizes add up past `MAX_SCENARIO_BYTES`."""
    total = 0
    for path in files:
        try:
            total += path.stat().st_size
        except OSError:
            continue  # reading it will say why, naming the file
    if total > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            folder.name,
            f"its scenario files hold {total / _MIB:,.1f} MiB together; a scenario may hold "
            f"at most {_LIMIT_MIB} MiB",
        )


def decoded(data: bytes, source: str) -> str:
    """`data` as UTF-8 text (a byte-order mark is dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        hint = ": it is UTF-16; save it as UTF-8" if data[:2] in _UTF16_MARKS else ""
        raise ScenarioError(source, f"not UTF-8 at byte offset {error.start}{hint}") from None


_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
