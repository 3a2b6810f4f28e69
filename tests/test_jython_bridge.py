"""The launcher behaviours of tests/test_launcher.py under -interpreter jython (a real Jython 2.7) and
-interpreter jython21 (a real Jython 2.1), behind the bridge, plus what only a Jython shows: Python 2 syntax,
unicode results and u'' echo (2.7), one string type (2.1), real Java exception classes."""

import io
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobs_helpers import interpreter_problem
from test_launcher import LOCAL, LauncherBehaviour, make_config_root, wsadmin

from harness.launcher import bridge


class JythonBehaviour(LauncherBehaviour):
    """What every Jython shows: Python 2 syntax, Java classes, real Java exceptions."""

    def test_python2_syntax_and_dotted_except(self, cfg, tmp_path):
        s = tmp_path / "py2.py"
        s.write_text(
            "import sys, java\n"
            "import com.ibm.ws.scripting.ScriptingException\n"
            "print `AdminConfig.number()`, 2L * 3\n"
            "try:\n"
            "    AdminConfig.showAttribute('bad', 'name')\n"
            "except com.ibm.ws.scripting.ScriptingException, e:\n"
            "    print 'caught', e.message[:9], isinstance(e, java.lang.Exception)\n"
            "try:\n"
            "    AdminConfig.types()\n"
            "except Exception, e:\n"
            "    print 'Exception'\n"
            "except java.lang.Exception, e:\n"
            "    print 'java.lang.Exception', e.getClass().getName()\n"
            "print sys.argv\n"
        )
        r = self.run(cfg, "-f", str(s), "a1")
        assert r.returncode == 0, r.stdout + r.stderr
        assert r.stdout.splitlines()[2:] == [
            "42 6",
            "caught WASX7444E %s" % self.true,
            # like real wsadmin: the scripting exceptions are Java exceptions, not Python Exceptions
            "java.lang.Exception com.ibm.websphere.management.exception.InvalidConfigDataTypeException",
            "['a1']",
        ]

    def test_remote_python_error_keeps_its_type(self, cfg, tmp_path):
        s = tmp_path / "e.py"
        s.write_text("try:\n    AdminConfig.boom()\nexcept ValueError, e:\n    print 'ValueError', e\n")
        r = self.run(cfg, "-f", str(s))
        assert r.stdout.splitlines()[1] == "ValueError fake internal error"

    def test_jvm_line_separator_is_configured(self, cfg):
        r = self.run(cfg, "-lineSeparator", "\\r\\n", "-c", "import java; print repr(java.lang.System.lineSeparator())")
        assert r.stdout.splitlines()[1].rstrip("\r") == self.str_prefix + "'\\r\\n'"


@pytest.mark.jython
@pytest.mark.skipif(interpreter_problem("jython") is not None, reason="-interpreter jython: %s" % interpreter_problem("jython"))
class TestJythonLauncher(JythonBehaviour):
    interpreter = "jython"
    str_prefix = "u"  # Jython 2.7 echoes unicode results as u'...'
    true = "True"

    def test_results_are_unicode(self, cfg):
        r = self.run(cfg, "-c", "x = AdminConfig.list('Server')", "-c", "print type(x) is unicode, isinstance(x, str)")
        assert r.stdout.splitlines()[1:] == ["True False"]


@pytest.mark.jython21
@pytest.mark.skipif(
    interpreter_problem("jython21") is not None, reason="-interpreter jython21: %s" % interpreter_problem("jython21")
)
class TestJython21Launcher(JythonBehaviour):
    interpreter = "jython21"
    str_prefix = ""  # one string type: results echo as '...' [semantics §12]
    info_break = "\n"
    traceback_header = "Traceback (innermost last):"
    module_frame = "?"
    echo_types = "['str', 'int', 'list', 'NoneType', 'int']"
    true = "1"

    def test_it_is_jython_2_1(self, cfg):
        r = self.run(
            cfg,
            "-c",
            "import sys; print sys.version[:3]",
            "-c",
            "x = AdminConfig.list('Server')",
            "-c",
            "print type(x) is type(''), type('') is type(u'')",
        )
        assert r.stdout.splitlines()[1:] == ["2.1", "1 1"]

    def test_command_traceback_reads_input(self, cfg):
        r = self.run(cfg, "-c", "import jreload_nosuch")
        assert r.returncode == 105
        assert r.stdout.splitlines()[1:] == [
            'WASX7015E: Exception running command: "import jreload_nosuch"; exception information:',
            "com.ibm.bsf.BSFException: exception from Jython:",
            "Traceback (innermost last):",
            '  File "<input>", line 1, in ?',
            "ImportError: no module named jreload_nosuch",
        ]


def test_bridge_values_round_trip():
    buf = io.BytesIO()
    value = {"a": ["ü€𝄞", 1, -(2**70), 1.5, None, [True, False], ("t", {"k": ""})], "b": "plain"}
    bridge.write_message(buf, value)
    buf.seek(0)
    assert bridge.read_message(buf) == {"a": ["ü€𝄞", 1, -(2**70), 1.5, None, [True, False], ["t", {"k": ""}]], "b": "plain"}
    with pytest.raises(bridge.BridgeClosed):
        bridge.read_message(buf)


def test_bridge_encoding_is_the_documented_one():
    assert bridge.encode({"op": "call", "a": [None, True, 7, "é", (1.5,)]}) == (b"d2:s2:ops4:calls1:al5:NTi7;u2:\xc3\xa9l1:f1.5;")
    handles = []
    assert (
        bridge.encode([object.__new__(type("Digest", (), {"__repr__": lambda self: "D"}))], lambda o: handles.append(o) or 3)
        == b"l1:h3;s1:D"
    )
    assert bridge.decode(b"h3;s1:D", {3: "obj"}.__getitem__) == "obj"
    for bad in (b"x", b"s5:ab", b"l2:N", b"i12", b"NN"):
        with pytest.raises(bridge.ProtocolError):
            bridge.decode(bad)


def test_default_interpreter_is_jython_when_on_path(tmp_path):
    if interpreter_problem("jython"):
        pytest.skip("-interpreter jython: %s" % interpreter_problem("jython"))
    cfg = make_config_root(tmp_path)
    env = {"STWAS_INTERPRETER": ""}
    r = wsadmin(["-conntype", "NONE", "-configRoot", cfg, "-c", "AdminConfig.save()"], interpreter=None, env_extra=env)
    assert r.stdout.splitlines() == [LOCAL, "u''"]
