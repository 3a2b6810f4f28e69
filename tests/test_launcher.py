"""`python -m harness.wsadmin` end to end (subprocess runs).

The behaviours common to every interpreter live in LauncherBehaviour; TestCPythonLauncher runs them
in-process-CPython here, tests/test_jython_bridge.py runs the same class with -interpreter jython and jython21.
The session is the tiny fake of harness.launcher.fakes (STWAS_SESSION_FACTORY), plus a few runs against
the real AdminConfig over a copy of the real cell.
"""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAKE = "harness.launcher.fakes:fake_objects"

sys.path.insert(0, REPO)
from jobs_helpers import INTERPRETERS  # noqa: E402
from paths import REAL_CONFIG as REAL_CELL  # noqa: E402

from harness.base import wsadmin_semantics as sem  # noqa: E402 - after the sys.path insert

LOCAL = sem.MSG_LOCAL_MODE


def make_config_root(base):
    root = os.path.join(str(base), "config")
    os.makedirs(os.path.join(root, "cells", "c"))
    with open(os.path.join(root, "cells", "c", "cell.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<topology.cell:Cell xmi:id="Cell_1" name="c"/>\n')
    return root


def wsadmin(args, interpreter="cpython", factory=FAKE, cwd=None, env_extra=None, timeout=120, stdin=None):
    env = dict(os.environ)
    env.pop("STWAS_SESSION_FACTORY", None)
    if factory:
        env["STWAS_SESSION_FACTORY"] = factory
    env["PYTHONPATH"] = REPO + os.pathsep + env.get("PYTHONPATH", "")
    env.update(env_extra or {})
    cmd = [sys.executable, "-m", "harness.wsadmin"]
    if interpreter:
        cmd += ["-interpreter", interpreter]
    feed = {"stdin": subprocess.DEVNULL} if stdin is None else {"input": stdin}
    return subprocess.run(
        cmd + list(args), cwd=cwd or REPO, env=env, capture_output=True, text=True, check=False, timeout=timeout, **feed
    )


class LauncherBehaviour:
    """Behaviours shared by every interpreter; subclasses set `interpreter` and what their wsadmin shows.

    The scripts are in the common subset of Python 2.1, Jython 2.7 and CPython 3 (print with one argument,
    `except E:` + sys.exc_info(), no True/False), so that the same text runs under all three."""

    interpreter = None
    # what the -c echo of a returned string looks like
    str_prefix = ""
    # what follows "exception information:" in WASX7015E/WASX7017E
    info_break = " "
    traceback_header = "Traceback (most recent call last):"
    module_frame = "<module>"
    # type names of echo('a', 1, [...], None, 1 == 1) as the script sees them
    echo_types = "['str', 'int', 'list', 'NoneType', 'bool']"

    @pytest.fixture
    def cfg(self, tmp_path):
        return make_config_root(tmp_path)

    def script(self, tmp_path, text, name="script.py"):
        path = tmp_path / name
        path.write_text(textwrap.dedent(text))
        return str(path)

    def run(self, cfg, *args, **kw):
        return wsadmin(["-conntype", "NONE", "-configRoot", cfg] + list(args), interpreter=self.interpreter, **kw)

    # ---------------------------------------------------------------- startup lines, argv, __name__
    def test_startup_lines_argv_and_name(self, cfg, tmp_path):
        s = self.script(
            tmp_path,
            """
            import sys
            print('argv=%s' % ','.join(sys.argv))
            print('len=%d' % len(sys.argv))
            print('name=' + __name__)
        """,
        )
        r = self.run(cfg, "-f", s, "DB2Auth", "/tmp/VAULT")
        lines = r.stdout.splitlines()
        assert r.returncode == 0, r
        assert lines[0] == LOCAL
        assert lines[1] == sem.MSG_SCRIPT_ARGS % "DB2Auth, /tmp/VAULT"
        assert lines[1].endswith('argv variable: "[DB2Auth, /tmp/VAULT]"')
        assert lines[2:] == ["argv=DB2Auth,/tmp/VAULT", "len=2", "name=__main__"]

    def test_no_args_no_wasx7303i(self, cfg, tmp_path):
        s = self.script(tmp_path, "import sys\nprint(len(sys.argv))\n")
        r = self.run(cfg, "-f", s)
        assert r.stdout.splitlines() == [LOCAL, "0"]

    # ---------------------------------------------------------------- exit codes
    @pytest.mark.parametrize(
        "body,code",
        [
            ("pass", 0),
            ("import sys\nsys.exit(3)", 3),
            ("import sys\nsys.exit()", 0),
            ("import sys\nsys.exit(0)", 0),
        ],
    )
    def test_exit_codes(self, cfg, tmp_path, body, code):
        r = self.run(cfg, "-f", self.script(tmp_path, body + "\n"))
        assert r.returncode == code, r

    def test_sys_exit_with_text(self, cfg, tmp_path):
        r = self.run(cfg, "-f", self.script(tmp_path, "import sys\nsys.exit('bye')\n"))
        assert r.returncode == sem.EXIT_CODE_FOR_STRING_EXIT
        assert r.stderr.splitlines() == ["bye"]

    def test_uncaught_scripting_exception_is_wasx7017e_105(self, cfg, tmp_path):
        s = self.script(tmp_path, "print('before')\nAdminConfig.showAttribute('nope', 'name')\nprint('after')\n")
        r = self.run(cfg, "-f", s)
        assert r.returncode == 105
        assert r.stdout == "\n".join(
            [
                LOCAL,
                "before",
                'WASX7017E: Exception received while running file "%s"; exception information:' % s
                + self.info_break
                + 'com.ibm.ws.scripting.ScriptingException: WASX7444E: Invalid parameter value "nope" for parameter '
                '"config id" on command "showAttribute"',
                "",
            ]
        )

    def test_uncaught_python_error_shows_bsf_traceback(self, cfg, tmp_path):
        lib = tmp_path / "stwastblib.py"
        lib.write_text("def fail():\n    import jreload_nosuch\n")
        s = self.script(tmp_path, "import sys\nsys.path.insert(0, %r)\nimport stwastblib\nstwastblib.fail()\n" % str(tmp_path))
        r = self.run(cfg, "-f", s)
        assert r.returncode == 105
        # the script's own frame reads "<string>" with no source line (wsadmin runs the script's text); an
        # imported module's frame keeps its file (and, except under 2.1, its source line)
        expected = (
            'WASX7017E: Exception received while running file "%s"; exception information:' % s
            + self.info_break
            + "com.ibm.bsf.BSFException: exception from Jython:\n"
            + self.traceback_header
            + "\n"
            + '  File "<string>", line 4, in %s\n' % self.module_frame
            + '  File "%s", line 2, in fail' % lib
        ).splitlines()
        if self.traceback_header.endswith("(most recent call last):"):
            expected.append("    import jreload_nosuch")
        out = r.stdout.splitlines()
        assert out[1:-1] == expected
        assert "no module named" in out[-1].lower() and "jreload_nosuch" in out[-1] and len(out) == len(expected) + 2
        assert "harness" not in r.stdout.split("Traceback")[1]  # launcher frames hidden

    # ---------------------------------------------------------------- -c
    def test_c_echoes_repr_of_expressions(self, cfg):
        r = self.run(
            cfg,
            "-c",
            "AdminConfig.save()",
            "-c",
            "AdminConfig.getid('/Server:server1/')",
            "-c",
            "AdminConfig.nothing()",
            "-c",
            "AdminConfig.number()",
            "-c",
            "x = 5",
            "-c",
            "print(x)",
        )
        assert r.returncode == 0, r
        p = self.str_prefix
        assert r.stdout.splitlines() == [LOCAL, p + "''", p + "'server1(cells/c/nodes/n|server.xml#Server_1)'", "42", "5"]

    def test_c_exception_is_wasx7015e_105(self, cfg):
        r = self.run(cfg, "-c", "AdminConfig.types()", "-c", "print('not reached')")
        assert r.returncode == 105
        assert r.stdout == "\n".join(
            [
                LOCAL,
                'WASX7015E: Exception running command: "AdminConfig.types()"; exception information:'
                + self.info_break
                + "com.ibm.websphere.management.exception.InvalidConfigDataTypeException: "
                "ADMG0007E: The configuration data type X is not valid.",
                "",
            ]
        )

    # ---------------------------------------------------------------- -profile, execfile
    def test_profile_runs_first_in_same_namespace(self, cfg, tmp_path):
        prof = self.script(tmp_path, "PROFILE_VALUE = AdminConfig.hasChanges() + 7\n", name="prof.py")
        s = self.script(tmp_path, "print(PROFILE_VALUE)\n")
        r = self.run(cfg, "-profile", prof, "-f", s)
        assert r.returncode == 0, r
        assert r.stdout.splitlines() == [LOCAL, "7"]

    def test_execfile_library_sees_scripting_objects(self, cfg, tmp_path):
        lib = self.script(tmp_path, "def count():\n    return len(AdminConfig.list('Server').splitlines())\n", name="lib.py")
        s = self.script(tmp_path, "execfile(%r)\nprint(count())\n" % lib)
        r = self.run(cfg, "-f", s)
        assert r.returncode == 0, r
        assert r.stdout.splitlines() == [LOCAL, "2"]

    # ---------------------------------------------------------------- line separator, java shims
    def test_line_separator_from_java_system(self, cfg, tmp_path):
        s = self.script(
            tmp_path,
            """
            import java
            from java.lang import System
            lineSeparator = java.lang.System.getProperty('line.separator')
            print('%s %d' % (repr(str(lineSeparator)), System.getProperty('line.separator') == lineSeparator))
            print(len(AdminConfig.list('Server').split(lineSeparator)))
        """,
        )
        r = self.run(cfg, "-lineSeparator", "\\r\\n", "-f", s)
        assert r.returncode == 0, r
        lines = [ln.rstrip("\r") for ln in r.stdout.splitlines()]
        assert lines[1:] == ["'\\r\\n' 1", "2"]
        r = self.run(cfg, "-lineSeparator", "LF", "-f", s)
        assert [ln.rstrip("\r") for ln in r.stdout.splitlines()][1:3] == ["'\\n' 1", "2"]

    def test_lineseparator_is_not_builtin(self, cfg, tmp_path):
        assert sem.PRESEED_LINESEPARATOR is False
        s = self.script(tmp_path, "try:\n    lineSeparator\n    print('defined')\nexcept NameError:\n    print('undefined')\n")
        r = self.run(cfg, "-f", s)
        assert r.stdout.splitlines()[1] == "undefined"

    # ---------------------------------------------------------------- exceptions by dotted name
    def test_except_scripting_exception_by_dotted_name(self, cfg, tmp_path):
        s = self.script(
            tmp_path,
            """
            import sys
            import java
            import com.ibm.ws.scripting.ScriptingException
            try:
                AdminConfig.showAttribute('bad', 'name')
            except com.ibm.ws.scripting.ScriptingException:
                e = sys.exc_info()[1]
                print('caught: ' + e.getMessage())
                print('str: ' + str(e))
            try:
                AdminConfig.types()
            except com.ibm.ws.scripting.ScriptingException:
                print('parent caught: ' + str(sys.exc_info()[1]))
            from com.ibm.websphere.management.exception import InvalidConfigDataTypeException
            try:
                AdminConfig.types()
            except InvalidConfigDataTypeException:
                print('exact caught: ' + sys.exc_info()[1].getMessage())
            import com.ibm.websphere.management.cmdframework
            try:
                AdminConfig.types()
            except com.ibm.websphere.management.cmdframework.CommandException:
                print('wrong class caught')
            except java.lang.Exception:
                print('not a CommandException')
        """,
        )
        r = self.run(cfg, "-f", s)
        assert r.returncode == 0, r
        msg = 'WASX7444E: Invalid parameter value "bad" for parameter "config id" on command "showAttribute"'
        adm = "ADMG0007E: The configuration data type X is not valid."
        assert r.stdout.splitlines()[1:] == [
            "caught: " + msg,
            "str: com.ibm.ws.scripting.ScriptingException: " + msg,
            "parent caught: com.ibm.websphere.management.exception.InvalidConfigDataTypeException: " + adm,
            "exact caught: " + adm,
            "not a CommandException",
        ]

    def test_admincontrol_raises_in_local_mode(self, cfg, tmp_path):
        s = self.script(
            tmp_path,
            """
            try:
                AdminControl.getType()
                print('connected')
            except:
                import sys
                print('local: ' + str(sys.exc_info()[1]))
        """,
        )
        r = self.run(cfg, "-f", s)
        assert r.stdout.splitlines()[1] == "local: com.ibm.ws.scripting.ScriptingException: " + sem.MSG_ADMINCONTROL_LOCAL

    def test_only_the_objects_methods_exist(self, cfg, tmp_path):
        """getattr(AdminTask, name, None) / hasattr tell what the scripting object has (cell_doctor relies on it)."""
        s = self.script(
            tmp_path,
            """
            print('%d %d' % (getattr(AdminConfig, 'noSuchMethod', None) is None, hasattr(AdminConfig, 'list')))
            try:
                AdminConfig.noSuchMethod()
            except AttributeError:
                print('AttributeError')
        """,
        )
        r = self.run(cfg, "-f", s)
        assert r.stdout.splitlines()[1:] == ["1 1", "AttributeError"]

    def test_keyword_arguments_are_type_errors(self, cfg, tmp_path):
        s = self.script(
            tmp_path,
            """
            import sys
            try:
                AdminConfig.getid(path='/Server:server1/')
            except TypeError:
                print(str(sys.exc_info()[1]))
        """,
        )
        r = self.run(cfg, "-f", s)
        assert r.stdout.splitlines()[1] == "getid(): takes no keyword arguments"

    def test_arguments_and_results_cross_as_python_values(self, cfg, tmp_path):
        s = self.script(
            tmp_path,
            """
            r = AdminConfig.echo('a', 1, [['x', 'y'], ('t', 2)], None, 1 == 1)
            print(repr(r[1]))
            v = r[0]
            print('%s %s %s %s %s' % (str(v[0]), v[1], [[str(v[2][0][0]), str(v[2][0][1])],
                                                       [str(v[2][1][0]), v[2][1][1]]], v[3], v[4]))
            print('%d %d' % (AdminConfig.nothing() is None, AdminConfig.number() + 1))
            d = AdminConfig.extract('cells/c/x.xml', '/tmp/x')
            print(str(d.getUri()))
            print(AdminConfig.echo(u'caf\\xe9 \\u20ac')[0][0] == u'caf\\xe9 \\u20ac')
        """,
        )
        r = self.run(cfg, "-f", s)
        assert r.returncode == 0, r
        lines = r.stdout.splitlines()[1:]
        assert lines[0].replace("u'", "'") == self.echo_types
        assert lines[1:4] == [
            "a 1 [['x', 'y'], ['t', 2]] None %s" % ("True" if "bool" in self.echo_types else "1"),
            "1 43",
            "cells/c/x.xml",
        ]
        assert lines[4] in ("True", "1")

    # ---------------------------------------------------------------- errors of the launcher itself
    def test_bad_config_root_is_one_line(self, tmp_path):
        r = wsadmin(["-conntype", "NONE", "-configRoot", str(tmp_path), "-c", "1"], interpreter=self.interpreter)
        assert r.returncode == sem.EXIT_BAD_CONFIG_ROOT != 0
        assert r.stderr.strip().splitlines() == [sem.MSG_BAD_CONFIG_ROOT % tmp_path]
        assert "Traceback" not in r.stderr + r.stdout

    def test_missing_script_file(self, cfg, tmp_path):
        missing = str(tmp_path / "nope.py")
        r = self.run(cfg, "-f", missing)
        assert r.returncode == sem.EXIT_SCRIPT_NOT_FOUND != 0
        assert sem.MSG_SCRIPT_NOT_FOUND % missing in r.stdout + r.stderr

    def test_password_never_printed(self, cfg, tmp_path):
        s = self.script(tmp_path, "import sys\nprint(sys.argv)\n")
        r = self.run(cfg, "-user", "wasadmin", "-password", "s3cr3t-pw", "-f", s, "x")
        assert r.returncode == 0
        assert "s3cr3t-pw" not in r.stdout + r.stderr

    def test_stdin_is_the_scripts(self, cfg, tmp_path):
        s = self.script(tmp_path, "import sys\nprint(sys.stdin.readline().strip())\nprint(repr(sys.stdin.read()))\n")
        r = self.run(cfg, "-f", s, stdin="hello from stdin\nsecond\n")
        assert r.stdout.splitlines() == [LOCAL, "hello from stdin", "'second\\n'"]


class TestCPythonLauncher(LauncherBehaviour):
    interpreter = "cpython"
    str_prefix = ""

    def test_help(self):
        r = wsadmin(["-help"], interpreter=None)
        assert r.returncode == 0
        assert r.stdout.startswith("WASX7001I")

    def test_usage_error(self, tmp_path):
        r = wsadmin(["-configRoot", str(tmp_path), "-f", "a.py", "-c", "x"], interpreter="cpython")
        # -f swallows the rest as script args, so this is a missing-file/config error, never a traceback
        assert r.returncode != 0 and "Traceback" not in r.stderr
        r = wsadmin(["-bogus"], interpreter="cpython")
        assert r.returncode == sem.EXIT_USAGE and "unknown option -bogus" in r.stderr

    def test_soap_conntype_prints_wasx7209i(self, tmp_path):
        cfg = make_config_root(tmp_path)
        r = wsadmin(["-conntype", "SOAP", "-configRoot", cfg, "-c", "1"], interpreter="cpython")
        assert r.stdout.splitlines()[0] == sem.MSG_CONNECTED % sem.DEFAULT_DMGR_NODE

    def test_python3_echo_gap_documented(self):
        assert "u'x'" in sem.CPYTHON_ECHO_GAP

    def test_in_process_main_with_objects_factory(self, tmp_path, capsys):
        """make_session's objects_factory hook, without a subprocess."""
        from harness import wsadmin
        from harness.launcher.fakes import fake_objects

        cfg = make_config_root(tmp_path)
        rc = wsadmin.main(
            [
                "-conntype",
                "NONE",
                "-configRoot",
                cfg,
                "-interpreter",
                "cpython",
                "-c",
                "AdminConfig.list('Server').count('Server_')",
            ],
            objects_factory=fake_objects,
        )
        assert rc == 0
        assert capsys.readouterr().out.splitlines() == [LOCAL, "2"]
        # shims removed again afterwards
        assert "com.ibm.ws.scripting" not in sys.modules or not getattr(
            sys.modules["com.ibm.ws.scripting"], "__stwas_shim__", False
        )


# ------------------------------------------------------------------------- the real AdminConfig
@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_real_adminconfig_over_copy_of_real_cell(tmp_path, interpreter):
    cfg = str(tmp_path / "config")
    shutil.copytree(REAL_CELL, cfg)
    s = tmp_path / "s.py"
    s.write_text(
        textwrap.dedent("""
        import java
        lineSeparator = java.lang.System.getProperty('line.separator')
        cell = AdminConfig.getid('/Cell:/')
        if cell.find('|cell.xml#') > 0:
            print('cell ok')
        else:
            print('cell bad: ' + cell)
        print(AdminConfig.hasChanges())
        try:
            AdminConfig.showAttribute('nonsense', 'name')
        except:
            print('raised')
    """)
    )
    r = wsadmin(["-conntype", "NONE", "-configRoot", cfg, "-f", str(s)], interpreter=interpreter, factory=None)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [LOCAL, "cell ok", "0", "raised"]


def _tree_bytes(root):
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = fh.read()
    return out


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_real_cell_nothing_written_before_save(tmp_path, interpreter):
    cfg = str(tmp_path / "config")
    shutil.copytree(REAL_CELL, cfg)
    before = _tree_bytes(cfg)
    s = tmp_path / "m.py"
    s.write_text(
        textwrap.dedent("""
        import sys
        srv = AdminConfig.list('Server').splitlines()[0]
        AdminConfig.modify(srv, [['developmentMode', 'true']])
        print(AdminConfig.hasChanges())
        if sys.argv == ['save']:
            print(repr(str(AdminConfig.save())))
    """)
    )
    r = wsadmin(["-conntype", "NONE", "-configRoot", cfg, "-f", str(s)], interpreter=interpreter, factory=None)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[1:] == ["1"]
    assert _tree_bytes(cfg) == before
    r = wsadmin(["-conntype", "NONE", "-configRoot", cfg, "-f", str(s), "save"], interpreter=interpreter, factory=None)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[2:] == ["1", "''"]
    after = _tree_bytes(cfg)
    changed = sorted(k for k in before if after[k] != before[k])
    assert len(changed) == 1 and changed[0].endswith("server.xml")
