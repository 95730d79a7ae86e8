"""Loading YAML text into plain data (dicts, lists, strings, numbers), safely.

A scenario file may come from anyone. The loader builds plain YAML types only, never Python
objects (it is a safe loader), and refuses, with the line and column, what plain YAML would
accept but a scenario never needs:

- a key given twice in one mapping, which plain YAML resolves by silently keeping the last (two
  parties pasted under one name);
- aliases (``*name``): nine lines of aliases nested nine deep stand for 387 million values (the
  "billion laughs"), and anything that walked or printed such a value would never finish. No
  shipped or public scenario uses one, and Shuttle's own writer never emits one, so a refusal
  costs nothing and needs no counting: write the value out;
- nesting deeper than `MAX_DEPTH` levels, which would exhaust the stack of the (recursive)
  composer; more than `MAX_YAML_NODES` values, which would take minutes to build;
- integers beyond `MAX_INTEGER`, which Python converts in quadratic time (and refuses past 4,300
  digits) and no scenario needs.

The limits are enforced while the document is composed, before any value is built, so a hostile
file is refused after reading at most the part that breaks them. The text is parsed by libyaml
when PyYAML has it (4 to 100 times faster on large files than PyYAML's own parser, which is the
fallback); composing and building are PyYAML's Python code either way.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, Protocol

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from shuttle.engine.formats.checks import bounded_integer
from shuttle.engine.formats.errors import Problem, clipped, shown
from shuttle.engine.formats.limits import MAX_DEPTH, MAX_YAML_NODES

# A YAML syntax error quotes the text it stumbled on; a message keeps a line's worth of it.
_PROBLEM = 120

_TOO_DEEP = f"nested too deep (more than {MAX_DEPTH} levels)"
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"

# Longer than any integer within MAX_INTEGER however written (sign, underscores, 0x, 0b).
_INTEGER_CHARACTERS = 80


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _LibYamlLoader(Composer, CParser, SafeConstructor, Resolver):
        """libyaml's parser under PyYAML's own composer (first in the order, so that its
        `compose_node` is the one the limits below extend)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


if TYPE_CHECKING or not yaml.__with_libyaml__:  # noqa: SIM108 - mypy needs a plain alias
    _Loader = yaml.SafeLoader
else:
    _Loader = _LibYamlLoader


class StrictLoader(_Loader):
    """A safe loader that refuses duplicate keys, aliases, deep nesting, too many values and
    huge integers (see the module docstring)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.next_event()
        if isinstance(event, yaml.AliasEvent):
            raise Problem(
                f"aliases (*{clipped(str(event.anchor), 40)}) are not allowed in a scenario: "
                f"write the value out{_at(event.start_mark)}"
            )
        self.nodes += 1
        if self.nodes > MAX_YAML_NODES:
            raise Problem(f"more than {MAX_YAML_NODES:,} values{_at(event.start_mark)}")
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise Problem(f"{_TOO_DEEP}{_at(event.start_mark)}")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def next_event(self) -> yaml.Event:
        """The event the next node starts with (the parser's stub leaves `peek_event` untyped)."""
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        return event

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise Problem(
                        f"key {shown(key_node.value)} appears twice{_at(key_node.start_mark)}"
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_bounded_int(self, node: yaml.ScalarNode) -> int:
        where = _at(node.start_mark)
        text = self.construct_scalar(node)
        if len(text) > _INTEGER_CHARACTERS:
            raise Problem(f"integer {shown(text)} is too long ({len(text):,} characters){where}")
        try:
            return bounded_integer(super().construct_yaml_int(node), "integer")
        except Problem as problem:
            raise Problem(f"{problem}{where}") from None


StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_bounded_int)


def load(text: str) -> object:
    """The data in YAML `text`; a syntax error, or anything refused above, becomes a `Problem`
    with its line and column."""
    try:
        return yaml.load(text, Loader=StrictLoader)  # safe: StrictLoader is a safe loader
    except yaml.MarkedYAMLError as error:
        where = _at(error.problem_mark)
        if _LIBYAML_TOO_DEEP in str(error.problem):
            # libyaml's own limit (1,000 levels), met first when its scanner reads ahead
            raise Problem(f"{_TOO_DEEP}{where}") from None
        raise Problem(f"not valid YAML: {clipped(str(error.problem), _PROBLEM)}{where}") from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, e.g. NUL
        character = error.character if isinstance(error.character, int) else 0
        raise Problem(
            f"not valid YAML: character #x{character:04x} at character {error.position + 1:,}: "
            f"{error.reason}"
        ) from None
    except yaml.YAMLError as error:
        raise Problem(f"not valid YAML: {clipped(str(error), _PROBLEM)}") from None


class _Mark(Protocol):
    """Where in the text: PyYAML's parser and libyaml's each have their own Mark class."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


def _at(mark: _Mark | None) -> str:
    return f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
