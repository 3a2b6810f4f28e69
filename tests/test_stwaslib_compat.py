"""stwaslib.compat, binary, xor, dates, configtext and xmltags: the checks of tests/stwaslib_selftest.py under each
interpreter, and the stand-ins held to what CPython's own functions do."""

import datetime
import os
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT
from selftest_helpers import INTERPRETERS, assert_selftest

sys.path.insert(0, os.path.join(ROOT, "wsadmin_scripts"))
from stwaslib import binary, compat, dates  # noqa: E402

sys.path.remove(os.path.join(ROOT, "wsadmin_scripts"))


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_compat_checks(interpreter, tmp_path):
    assert_selftest(interpreter, "compat", tmp_path)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers())), st.booleans())
def test_sort_by_is_sorted_with_a_key(items, reverse):
    assert compat.sort_by(items, lambda t: t[0], reverse=reverse) == sorted(items, key=lambda t: t[0], reverse=reverse)


@given(st.text(alphabet="ab:=", max_size=8), st.sampled_from([":", "=", "ab"]))
def test_string_stand_ins(s, sep):
    assert compat.partition(s, sep) == s.partition(sep)
    assert compat.split_last(s, sep) == s.rsplit(sep, 1)
    assert compat.strip_chars(s, sep) == s.strip(sep)
    assert compat.contains(s, sep) == (sep in s)


def _as_utf16_units(s):
    """s as Jython 2.1 holds it: a character beyond U+FFFF as its surrogate pair."""
    out = []
    for c in s:
        n = ord(c)
        if n > 0xFFFF:
            n -= 0x10000
            out.append(chr(0xD800 + (n >> 10)) + chr(0xDC00 + (n & 0x3FF)))
        else:
            out.append(c)
    return "".join(out)


@given(st.text(max_size=20))
def test_utf8_by_hand_matches_the_codec(s):
    """The Jython 2.1 path (no codecs) of binary.utf8_bytes / utf8_text, run here against CPython's codec."""
    saved = binary.HAS_CODECS
    binary.HAS_CODECS = 0
    try:
        data = binary.utf8_bytes(s)
        pairs = binary.utf8_bytes(_as_utf16_units(s))
        back = binary.utf8_text(s.encode("utf-8"))
    finally:
        binary.HAS_CODECS = saved
    assert data == pairs == s.encode("utf-8")
    assert back == _as_utf16_units(s)


@given(st.binary(max_size=12))
def test_utf8_by_hand_refuses_what_the_codec_refuses(data):
    try:
        want = data.decode("utf-8")
    except UnicodeDecodeError:
        want = None
    saved = binary.HAS_CODECS
    binary.HAS_CODECS = 0
    try:
        got = binary.utf8_text(data)
    except ValueError:
        got = None
    finally:
        binary.HAS_CODECS = saved
    assert got == (want if want is None else _as_utf16_units(want))


@given(st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)))
def test_dates_match_datetime(d):
    t = (d.year, d.month, d.day)
    assert dates.ordinal(t) == d.toordinal()
    assert dates.iso(t) == d.isoformat()
    assert dates.parse_iso(d.isoformat()) == t
