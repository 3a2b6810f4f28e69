"""The {xor} password encoding: harness/config/xorcodec.py and wsadmin_scripts/stwaslib/xor.py agree with each
other and with WebSphere (sametime-operations.md 12.2)."""

import importlib
import os
import string
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.config import xorcodec

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _load_script_xor():
    scripts = os.path.join(ROOT, "wsadmin_scripts")
    sys.path.insert(0, scripts)
    try:
        return importlib.import_module("stwaslib.xor")
    finally:
        sys.path.remove(scripts)


script_xor = _load_script_xor()
CODECS = [pytest.param(xorcodec, id="harness"), pytest.param(script_xor, id="stwaslib")]

KNOWN = [
    ("WebAS", "{xor}CDo9Hgw="),
    ("db2admin", "{xor}Oz1tPjsyNjE="),
    ("notes", "{xor}MTArOiw="),  # the seed's security.xml
    ("", "{xor}"),  # an empty password is a bare prefix
]

printable_ascii = st.text(alphabet=st.sampled_from(string.printable), max_size=64)


@pytest.mark.parametrize("codec", CODECS)
@pytest.mark.parametrize("clear,encoded", KNOWN)
def test_known_pairs(codec, clear, encoded):
    assert codec.encode(clear) == encoded
    assert codec.decode(encoded) == clear


@pytest.mark.parametrize("codec", CODECS)
def test_prefix_any_case_on_input_lower_on_output(codec):
    assert codec.decode("{XOR}CDo9Hgw=") == "WebAS"
    assert codec.decode("{Xor}Oz1tPjsyNjE=") == "db2admin"
    assert codec.encode("x").startswith("{xor}")
    assert codec.is_encoded("{XOR}abc=") and not codec.is_encoded("WebAS")


@pytest.mark.parametrize("codec", CODECS)
def test_clear_text_passes_through_decode(codec):
    assert codec.decode("WebAS") == "WebAS"


@pytest.mark.parametrize("codec", CODECS)
@pytest.mark.parametrize("bad", ["{xor}abc", "{xor}!!!!", "{xor}CDo9Hgw"])
def test_invalid_values_raise_without_echoing_the_value(codec, bad):
    with pytest.raises(ValueError) as ei:
        codec.decode(bad)
    assert bad[5:] not in str(ei.value)


@given(printable_ascii)
def test_round_trip_every_printable_ascii_string(s):
    e = xorcodec.encode(s)
    assert e.startswith("{xor}")
    assert xorcodec.decode(e) == s
    assert script_xor.encode(s) == e
    assert script_xor.decode(e) == s


@given(st.text(max_size=32))
def test_round_trip_unicode_as_utf8(s):
    e = xorcodec.encode(s)
    assert xorcodec.decode(e) == s
    assert script_xor.encode(s) == e
    assert script_xor.decode(e) == s


def test_matches_fixture_generator():
    from harness.generate.sametime import ADMIN_PASSWORD, xor_encode

    assert xorcodec.encode(ADMIN_PASSWORD) == xor_encode(ADMIN_PASSWORD)


@pytest.mark.jython
def test_script_xor_under_jython(tmp_path):
    import shutil
    import subprocess

    if not shutil.which("jython"):
        pytest.skip("jython is not on PATH")
    shutil.copytree(
        os.path.join(ROOT, "wsadmin_scripts", "stwaslib"),
        str(tmp_path / "stwaslib"),
        ignore=shutil.ignore_patterns("__pycache__", "*.class"),
    )
    sample = string.printable.strip().replace("'", "").replace("\\", "")
    code = (
        "import sys\nsys.path.insert(0, %r)\nfrom stwaslib import xor\n"
        "for s in [u'WebAS', u'db2admin', u'', u'%s']:\n"
        "    e = xor.encode(s)\n"
        "    assert xor.decode(e) == s\n"
        "    sys.stdout.write(e + '\\n')\n"
    ) % (str(tmp_path), sample)
    out = subprocess.run(["jython", "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    assert out.returncode == 0, out.stderr.decode()
    lines = out.stdout.decode().split()
    assert lines[:2] == ["{xor}CDo9Hgw=", "{xor}Oz1tPjsyNjE="]
    assert lines[2] == "{xor}"
