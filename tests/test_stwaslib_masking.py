"""stwaslib.masking, the one secret scrubber: the checks of tests/stwaslib_selftest.py under each interpreter, and
properties under CPython: a known secret never survives, in any message, whatever it is made of."""

import os
import string
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT
from selftest_helpers import INTERPRETERS, assert_selftest

sys.path.insert(0, os.path.join(ROOT, "wsadmin_scripts"))
from stwaslib import masking, xor  # noqa: E402

sys.path.remove(os.path.join(ROOT, "wsadmin_scripts"))


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_masking_checks(interpreter, tmp_path):
    assert_selftest(interpreter, "masking", tmp_path)


PRINTABLE = st.text(alphabet=string.ascii_letters + string.digits + string.punctuation + " ", max_size=30)
# a secret that cannot be an ordinary word: at least one character other than a letter
STRONG = st.text(alphabet=string.ascii_letters + string.digits + string.punctuation, min_size=4, max_size=16).filter(
    lambda s: not s.isalpha()
)


@given(PRINTABLE, STRONG, PRINTABLE)
def test_a_strong_secret_never_survives(before, secret, after):
    for message in (before + secret + after, "[-password, %s] %s" % (secret, after), xor.encode(secret) + after):
        out = masking.mask_text(message, [secret])
        assert secret not in out
        assert xor.encode(secret)[len("{xor}") :] not in out


@given(PRINTABLE, st.text(alphabet=string.ascii_letters, min_size=3, max_size=10), PRINTABLE)
def test_a_word_secret_never_survives_as_a_value(before, secret, after):
    for quoted in ("'%s'", '"%s"', "[%s]", "=%s", ":%s", "(%s)"):
        message = before + " " + quoted % secret + " " + after
        out = masking.mask_text(message, [secret])
        assert quoted % secret not in out


@pytest.mark.parametrize("secret", ["wrong", "admin", "pass", "user"])
def test_a_word_secret_leaves_prose_alone(secret):
    """Issue 12: the password "wrong" must not turn "wrong password" into "***** password"."""
    message = "key.p12 cannot be opened: wrong password. Ask the admin user (passes: 2)"
    assert masking.mask_text(message, [secret]) == message


def test_masking_order_is_exact_then_encoded_then_patterns():
    secret = "a]b{xor}Zm9v"
    msg = "value %s refused; stored as %s; bindPassword=x" % (secret, xor.encode(secret))
    assert masking.mask_text(msg, [secret]) == "value ***** refused; stored as {xor}*****; bindPassword=*****"
