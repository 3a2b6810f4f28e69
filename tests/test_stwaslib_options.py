"""stwaslib.options, the getopt-based parser of every job: the checks of tests/stwaslib_selftest.py under each
interpreter, and properties of the parser against optparse under CPython."""

import optparse
import os
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT
from selftest_helpers import INTERPRETERS, assert_selftest

sys.path.insert(0, os.path.join(ROOT, "wsadmin_scripts"))
from stwaslib.errors import UsageError  # noqa: E402
from stwaslib.options import OptionParser  # noqa: E402

sys.path.remove(os.path.join(ROOT, "wsadmin_scripts"))


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_options_checks(interpreter, tmp_path):
    assert_selftest(interpreter, "options", tmp_path)


def _parsers():
    ours = OptionParser("x.py")
    theirs = optparse.OptionParser(prog="x.py")
    for p in (ours, theirs):
        p.add_option("--server")
        p.add_option("--node", default="n1")
        p.add_option("--add", action="append")
        p.add_option("--force", action="store_true", default=0)
    return ours, theirs


OPTION_WORDS = st.sampled_from(["--server", "--node", "--add", "--force", "--serv", "--n", "--fo", "--"])
VALUES = st.text(alphabet="ab-=:1 ", min_size=0, max_size=6)


@given(st.lists(st.one_of(OPTION_WORDS, VALUES), max_size=8))
def test_same_values_as_optparse_where_both_accept(argv):
    """Every command line a job accepts (ours, no arguments left: Job refuses those) optparse accepts too, with the
    same values. Ours refuses more: a store option given twice with different values."""
    ours, theirs = _parsers()
    try:
        mine, my_args = ours.parse_args(list(argv))
    except UsageError:
        return
    if my_args:
        return
    try:
        other, other_args = theirs.parse_args(list(argv))
    except SystemExit:
        pytest.fail("optparse refuses what ours accepts: %r" % (argv,))
    assert (mine.server, mine.node, mine.add, bool(mine.force)) == (other.server, other.node, other.add, bool(other.force))


@given(st.text(max_size=12))
def test_a_port_is_a_number_in_range_or_a_usage_error(value):
    p = OptionParser("x.py")
    p.add_option("--port", type="port")
    try:
        v, _ = p.parse_args(["--port", value])
    except UsageError as e:
        assert str(e).startswith("invalid port '%s' for --port" % value)
        return
    assert 1 <= v.port <= 65535 and v.port == int(value.strip())
