"""The same launcher behaviours under -interpreter jython (a real Jython 2.7 behind the pipe bridge),
plus what only Jython shows: Python 2 syntax, unicode results, u'' echo, Java-subclass exceptions."""

import io
import os
import shutil
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_launcher import LOCAL, LauncherBehaviour, make_config_root, wsadmin

pytestmark = [
    pytest.mark.jython,
    pytest.mark.skipif(shutil.which("jython") is None, reason="jython not installed"),
]


class TestJythonLauncher(LauncherBehaviour):
    interpreter = "jython"
    str_prefix = "u"  # Jython 2.7 echoes unicode results as u'...'

    def test_python2_syntax_unicode_and_dotted_except(self, cfg, tmp_path):
        s = tmp_path / "py2.py"
        s.write_text(
            "import sys, java\n"
            "import com.ibm.ws.scripting\n"
            "x = AdminConfig.list('Server')\n"
            "print type(x) is unicode, isinstance(x, str)\n"
            "print `AdminConfig.number()`, 2L * 3\n"
            "try:\n"
            "    AdminConfig.showAttribute('bad', 'name')\n"
            "except com.ibm.ws.scripting.ScriptingException, e:\n"
            "    print 'caught', e.message[:9], type(e.message) is unicode\n"
            "try:\n"
            "    AdminConfig.types()\n"
            "except Exception, e:\n"
            "    print 'Exception'\n"
            "except java.lang.Exception, e:\n"
            "    print 'java.lang.Exception', e.__class__.__module__\n"
            "print sys.argv\n"
        )
        r = self.run(cfg, "-f", str(s), "a1")
        assert r.returncode == 0, r.stdout + r.stderr
        assert r.stdout.splitlines()[2:] == [
            "True False", "42 6", "caught WASX7444E True",
            # like real wsadmin: the scripting exceptions are Java exceptions, not Python Exceptions
            "java.lang.Exception com.ibm.websphere.management.exception",
            "['a1']",
        ]

    def test_remote_python_error_keeps_its_type(self, cfg, tmp_path):
        s = tmp_path / "e.py"
        s.write_text("try:\n    AdminConfig.boom()\nexcept ValueError, e:\n    print 'ValueError', e\n")
        r = self.run(cfg, "-f", str(s))
        assert r.stdout.splitlines()[1] == "ValueError fake internal error"

    def test_jvm_line_separator_is_configured(self, cfg):
        r = self.run(cfg, "-lineSeparator", "\\r\\n", "-c", "import java; print repr(java.lang.System.lineSeparator())")
        assert r.stdout.splitlines()[1].rstrip("\r") == "u'\\r\\n'"


def test_bridge_framing_roundtrip():
    from harness.launcher import bridge

    buf = io.BytesIO()
    bridge.write_message(buf, {"a": ["ü", 1, None, [True]]})
    buf.seek(0)
    assert bridge.read_message(buf) == {"a": ["ü", 1, None, [True]]}
    with pytest.raises(bridge.BridgeClosed):
        bridge.read_message(buf)


def test_exception_table_parents_first():
    from harness.launcher import bridge

    table = bridge.exception_table()
    names = ["java.lang.Exception"]
    for name, parent in table:
        assert parent in names
        names.append(name)
    assert ["com.ibm.ws.scripting.ScriptingException", "java.lang.Exception"] in table


def test_stdin_stays_the_scripts(tmp_path):
    cfg = make_config_root(tmp_path)
    s = tmp_path / "in.py"
    s.write_text("import sys\nprint sys.stdin.readline().strip()\n")
    env = dict(os.environ)
    import subprocess

    r = subprocess.run([sys.executable, "-m", "harness.wsadmin", "-interpreter", "jython", "-conntype", "NONE",
                        "-configRoot", cfg, "-f", str(s)], input="hello from stdin\n", capture_output=True,
                       text=True, cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                       env=dict(env, STWAS_SESSION_FACTORY="harness.launcher.fakes:fake_objects"), check=False)
    assert r.stdout.splitlines() == [LOCAL, "hello from stdin"]


def test_default_interpreter_is_jython_when_on_path(tmp_path):
    cfg = make_config_root(tmp_path)
    env = {"STWAS_INTERPRETER": ""}
    r = wsadmin(["-conntype", "NONE", "-configRoot", cfg, "-c", "AdminConfig.save()"], interpreter=None,
                env_extra=env)
    assert r.stdout.splitlines() == [LOCAL, "u''"]
