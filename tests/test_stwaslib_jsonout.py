"""stwaslib.jsonout, the writer of the STWAS-RESULT line: the checks of tests/stwaslib_selftest.py under each
interpreter, and byte-for-byte equality with CPython's json.dumps."""

import json
import os
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT
from selftest_helpers import INTERPRETERS, assert_selftest

sys.path.insert(0, os.path.join(ROOT, "wsadmin_scripts"))
from stwaslib import jsonout  # noqa: E402

sys.path.remove(os.path.join(ROOT, "wsadmin_scripts"))


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_jsonout_checks(interpreter, tmp_path):
    assert_selftest(interpreter, "jsonout", tmp_path)


def _ours(value):
    """The same value for jsonout: booleans as TRUE/FALSE."""
    if value is True:
        return jsonout.TRUE
    if value is False:
        return jsonout.FALSE
    if isinstance(value, list):
        return [_ours(v) for v in value]
    if isinstance(value, dict):
        return {k: _ours(v) for k, v in value.items()}
    return value


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_same_bytes_as_json_dumps(value):
    assert jsonout.dumps(_ours(value)) == json.dumps(value, sort_keys=True)
    assert jsonout.dumps(_ours(value), indent=1) == json.dumps(value, sort_keys=True, indent=1)


@given(JSON_VALUES)
def test_real_booleans_are_written_as_json_booleans(value):
    assert jsonout.dumps(value) == json.dumps(value, sort_keys=True)


def test_output_is_ascii():
    assert jsonout.dumps({"k": "\u00e9\U0001f600\u2028"}) == '{"k": "\\u00e9\\ud83d\\ude00\\u2028"}'
