"""canonical_bytes: one byte form per document, and refusal of what has no single form."""

from __future__ import annotations

import json
from enum import IntEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shuttle.store import canonical_bytes


def test_keys_sorted_without_whitespace() -> None:
    document = {"b": 1, "a": [True, False, None], "c": {"z": "x", "y": -2}}
    assert canonical_bytes(document) == b'{"a":[true,false,null],"b":1,"c":{"y":-2,"z":"x"}}'


def test_non_ascii_kept_as_utf8() -> None:
    assert canonical_bytes({"text": "héllo ✓ 😀"}) == '{"text":"héllo ✓ 😀"}'.encode()


def test_control_characters_and_quotes_escaped() -> None:
    assert canonical_bytes({"t": 'a"\\\n\x00'}) == b'{"t":"a\\"\\\\\\n\\u0000"}'


def test_insertion_order_does_not_matter() -> None:
    one = {"talk": "t", "seq": 1, "kind": "opened", "nested": {"b": 2, "a": 1}}
    other = {"nested": {"a": 1, "b": 2}, "kind": "opened", "seq": 1, "talk": "t"}
    assert canonical_bytes(one) == canonical_bytes(other)


def test_tuples_encode_as_lists() -> None:
    assert canonical_bytes({"x": (1, (2, "3"))}) == b'{"x":[1,[2,"3"]]}'


def test_int_and_str_subclasses_encode_as_plain_values() -> None:
    class Level(IntEnum):
        HIGH = 3

    assert canonical_bytes({"level": Level.HIGH, "flag": True}) == b'{"flag":true,"level":3}'


@pytest.mark.parametrize("value", [1.5, 1.0, float("nan"), float("inf")])
def test_floats_refused_with_path(value: float) -> None:
    with pytest.raises(TypeError, match=r"\$\['a'\]\[1\]: floats are not allowed"):
        canonical_bytes({"a": [0, value]})


@pytest.mark.parametrize("value", [b"raw", {1, 2}, object()])
def test_other_types_refused_with_path(value: object) -> None:
    with pytest.raises(TypeError, match=r"\$\['outer'\]\['inner'\]:"):
        canonical_bytes({"outer": {"inner": value}})


def test_non_str_key_refused_with_path() -> None:
    with pytest.raises(TypeError, match=r"\$\['items'\]\[0\]: key 1 is a int"):
        canonical_bytes({"items": [{1: "x"}]})


def test_lone_surrogate_refused_with_path() -> None:
    with pytest.raises(ValueError, match=r"\$\['text'\]: string cannot be encoded as UTF-8"):
        canonical_bytes({"text": "ok \ud800"})


def test_lone_surrogate_in_key_refused() -> None:
    with pytest.raises(ValueError, match="cannot be encoded as UTF-8"):
        canonical_bytes({"\udfff": 1})


def test_top_level_must_be_a_mapping() -> None:
    with pytest.raises(TypeError, match="must be a mapping"):
        canonical_bytes([1, 2])  # type: ignore[arg-type]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
documents = st.dictionaries(st.text(max_size=8), json_values, max_size=6)


@given(documents)
def test_parsing_and_re_encoding_gives_the_same_bytes(document: dict[str, object]) -> None:
    encoded = canonical_bytes(document)
    assert canonical_bytes(json.loads(encoded)) == encoded


@given(documents)
def test_canonical_bytes_are_valid_utf8_json_of_the_document(document: dict[str, object]) -> None:
    assert json.loads(canonical_bytes(document).decode("utf-8")) == document
