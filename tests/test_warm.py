"""Warm Jython interpreters (harness.launcher.warm).

The same scripts run cold (a new JVM) and warm (a running interpreter) give the same output, exit code and
effects; nothing a warm run leaves behind reaches the next one; a launcher that may not use the warm
interpreter (busy, another working directory or line separator, a dead server) runs cold.  Every test checks
the server's run count, so that a warm run that silently went cold cannot pass."""

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import textwrap

import pytest
from jobs_helpers import interpreter_problem, snapshot
from paths import REAL_CONFIG, ROOT
from test_launcher import FAKE, make_config_root

from harness.launcher import interpreters, warm

KINDS = [
    pytest.param(
        k,
        id=k,
        marks=[
            getattr(pytest.mark, k),
            pytest.mark.skipif(interpreter_problem(k) is not None, reason="-interpreter %s: %s" % (k, interpreter_problem(k))),
        ],
    )
    for k in interpreters.KINDS
]


def _available():
    return [k for k in interpreters.KINDS if interpreter_problem(k) is None]


@pytest.fixture(scope="module")
def folder():
    """Private warm interpreters (not the session's), one per kind."""
    path = warm.temporary_folder()
    servers = warm.start(path, _available(), cwd=ROOT)
    yield path
    for s in servers:
        s.stop()
    shutil.rmtree(path, ignore_errors=True)


def launch(kind, args, folder=None, factory=FAKE, stdin=None, env=None, cwd=ROOT):
    """`python -m harness.wsadmin -interpreter kind ARGS`, warm through ``folder`` or cold (folder None)."""
    e = dict(os.environ)
    e.pop("STWAS_SESSION_FACTORY", None)
    if factory:
        e["STWAS_SESSION_FACTORY"] = factory
    e["PYTHONPATH"] = ROOT + os.pathsep + e.get("PYTHONPATH", "")
    e[warm.WARM_ENV] = folder or ""
    e.update(env or {})
    feed = {"stdin": subprocess.DEVNULL} if stdin is None else {"input": stdin.encode("utf-8")}
    p = subprocess.run(
        [sys.executable, "-m", "harness.wsadmin", "-interpreter", kind] + list(args),
        cwd=cwd,
        env=e,
        capture_output=True,
        timeout=300,
        **feed,
    )
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def runs(folder, kind):
    hello = warm.status(folder, kind)
    assert hello is not None, "the warm %s is gone" % kind
    return hello["runs"]


def both_ways(kind, folder, args, **kw):
    """(cold result, warm result); asserts that the warm one was served warm and the cold one was not."""
    before = runs(folder, kind)
    cold = launch(kind, args, **kw)
    assert runs(folder, kind) == before
    hot = launch(kind, args, folder=folder, **kw)
    assert runs(folder, kind) == before + 1
    return cold, hot


# ------------------------------------------------------------------------------------------- cold == warm
SCRIPTS = {
    "output_stdin_env": (
        r"""
        import sys, os, java
        print 'argv', sys.argv, __name__
        print u'caf\xe9 \u20ac', 'plain', 42,
        print 'same line'
        sys.stderr.write('to stderr\n')
        java.lang.System.out.println('from Java')
        java.lang.System.err.println('Java err')
        print AdminConfig.list('Server')
        print AdminConfig.getid('/Server:server1/'), `AdminConfig.number()`
        print 'first', repr(sys.stdin.readline())
        print 'env', os.environ.get('STWAS_TEST_SECRET'), os.environ.has_key('STWAS_WARM_JYTHON')
        print 'rest', repr(sys.stdin.read())
        """,
        ["a1", "b 2"],
        "pw1\ncaf\u00e9\nlast",
    ),
    "java_exception": ("print 'before'\nAdminConfig.showAttribute('nope', 'name')\nprint 'after'\n", [], None),
    "python_error": ("import sys\nsys.path.insert(0, %(tmp)r)\nimport warmlib\nwarmlib.fail()\n", [], None),
    "exit_text": ("import sys\nprint 'bye'\nsys.exit('going away')\n", [], None),
}


@pytest.mark.parametrize("case", sorted(SCRIPTS))
@pytest.mark.parametrize("kind", KINDS)
def test_script_cold_and_warm_alike(kind, case, folder, tmp_path):
    body, argv, stdin = SCRIPTS[case]
    (tmp_path / "warmlib.py").write_text("def fail():\n    import no_such_module_here\n")
    script = tmp_path / "s.py"
    script.write_text(textwrap.dedent(body % {"tmp": str(tmp_path)} if "%(tmp)" in body else body))
    cfg = make_config_root(tmp_path)
    cold, hot = both_ways(
        kind,
        folder,
        ["-conntype", "NONE", "-configRoot", cfg, "-f", str(script)] + argv,
        stdin=stdin,
        env={"STWAS_TEST_SECRET": "s3cr3t"},
    )
    assert hot == cold
    assert cold[1].startswith("WASX7357I")  # it did run


def test_output_is_the_scripts_own(folder, tmp_path):
    """What the first case shows under each interpreter, warm (so that cold == warm is not two equal failures)."""
    for kind in _available():
        body, argv, stdin = SCRIPTS["output_stdin_env"]
        script = tmp_path / "s.py"
        script.write_text(textwrap.dedent(body))
        rc, out, err = launch(
            kind,
            ["-conntype", "NONE", "-configRoot", make_config_root(tmp_path / kind), "-f", str(script)] + argv,
            folder=folder,
            stdin=stdin,
            env={"STWAS_TEST_SECRET": "s3cr3t"},
        )
        assert rc == 0, out + err
        true = "1" if kind == "jython21" else "True"
        # 2.1 reads its standard input as UTF-8 text, 2.7 as bytes
        rest = "rest 'caf\\xE9\\nlast'" if kind == "jython21" else "rest 'caf\\xc3\\xa9\\nlast'"
        assert out.splitlines()[2:] == [
            "argv ['a1', 'b 2'] __main__",
            "caf\u00e9 \u20ac plain 42 same line",
            "from Java",
            "server1(cells/c/nodes/n|server.xml#Server_1)",
            "server2(cells/c/nodes/n|server.xml#Server_2)",
            "server1(cells/c/nodes/n|server.xml#Server_1) 42",
            "first 'pw1\\n'",
            "env s3cr3t " + true,
            rest,
        ]
        assert err.splitlines() == ["to stderr", "Java err"]


@pytest.mark.parametrize("kind", KINDS)
def test_commands_cold_and_warm_alike(kind, folder, tmp_path):
    cfg = make_config_root(tmp_path)
    cold, hot = both_ways(
        kind,
        folder,
        [
            "-conntype",
            "NONE",
            "-configRoot",
            cfg,
            "-c",
            "AdminConfig.getid('/Server:server1/')",
            "-c",
            "x = 5",
            "-c",
            "print x",
            "-c",
            "1 / 0",
            "-c",
            "print 'not reached'",
        ],
    )
    assert hot == cold
    assert cold[0] == 105 and "ZeroDivisionError" in cold[1]


@pytest.mark.parametrize("kind", KINDS)
def test_profile_and_save_cold_and_warm_alike(kind, folder, tmp_path):
    """The real AdminConfig: the same documents change to the same bytes."""
    trees = []
    results = []
    profile = tmp_path / "profile.py"
    profile.write_text("import java\nlineSeparator = java.lang.System.getProperty('line.separator')\n")
    script = tmp_path / "save.py"
    script.write_text(
        textwrap.dedent("""
        srv = AdminConfig.list('Server').split(lineSeparator)[0]
        AdminConfig.modify(srv, [['developmentMode', 'true']])
        print AdminConfig.queryChanges()
        AdminConfig.save()
        print AdminConfig.showAttribute(srv, 'developmentMode')
    """)
    )
    before = runs(folder, kind)
    for way in (None, folder):
        cfg = str(tmp_path / ("cold" if way is None else "warm") / "config")
        shutil.copytree(REAL_CONFIG, cfg)
        results.append(
            launch(
                kind,
                ["-conntype", "NONE", "-configRoot", cfg, "-profile", str(profile), "-f", str(script)],
                folder=way,
                factory=None,
            )
        )
        trees.append(snapshot(cfg))
    assert runs(folder, kind) == before + 1
    assert results[0] == results[1]
    assert results[0][0] == 0 and results[0][1].splitlines()[-1] == "true"
    assert trees[0] == trees[1] and trees[0] != snapshot(REAL_CONFIG)


# ------------------------------------------------------------------------------------------- isolation
@pytest.mark.parametrize("kind", KINDS)
def test_nothing_leaks_from_one_run_to_the_next(kind, folder, tmp_path):
    lib = tmp_path / "leakmod.py"
    lib.write_text("VERSION = 1\n")
    first = tmp_path / "first.py"
    first.write_text(
        textwrap.dedent(
            """
        import sys, os, java, __builtin__
        sys.path.insert(0, %r)
        import leakmod
        print 'version', leakmod.VERSION
        __builtin__.stwasLeak = 1
        LEAK_GLOBAL = 1
        os.environ['STWAS_LEAK'] = '1'
        java.lang.System.setProperty('stwas.leak', '1')
        sys.argv.append('leak')
        sys.displayhook = None
        sys.stdout = sys.stderr
    """
            % str(tmp_path)
        )
    )
    second = tmp_path / "second.py"
    second.write_text(
        textwrap.dedent(
            """
        import sys, os, java, __builtin__
        print hasattr(__builtin__, 'stwasLeak'), globals().has_key('LEAK_GLOBAL'), sys.modules.has_key('leakmod')
        print %r in sys.path, os.environ.get('STWAS_LEAK'), java.lang.System.getProperty('stwas.leak'), sys.argv
        print sys.displayhook is sys.__displayhook__
        sys.path.insert(0, %r)
        import leakmod
        print 'version', leakmod.VERSION
    """
            % (str(tmp_path), str(tmp_path))
        )
    )
    cfg = make_config_root(tmp_path)
    before = runs(folder, kind)
    rc, out, err = launch(kind, ["-conntype", "NONE", "-configRoot", cfg, "-f", str(first)], folder=folder)
    assert rc == 0 and out.splitlines()[1:] == ["version 1"], out + err
    lib.write_text("VERSION = 2\n")
    later = os.stat(str(lib)).st_mtime + 10  # a recompiled module, not a cached one, whatever the clock's grain
    os.utime(str(lib), (later, later))
    rc, out, err = launch(kind, ["-conntype", "NONE", "-configRoot", cfg, "-f", str(second)], folder=folder)
    assert runs(folder, kind) == before + 2
    false, true = ("0", "1") if kind == "jython21" else ("False", "True")
    assert rc == 0, out + err
    assert out.splitlines()[1:] == ["%s %s %s" % (false, false, false), "%s None None []" % false, true, "version 2"]


# ------------------------------------------------------------------------------------------- cold instead
@pytest.mark.parametrize("kind", KINDS)
def test_busy_other_cwd_or_separator_runs_cold(kind, folder, tmp_path):
    cfg = make_config_root(tmp_path)
    script = tmp_path / "s.py"
    script.write_text("import java\nprint repr(java.lang.System.getProperty('line.separator'))\n")
    args = ["-conntype", "NONE", "-configRoot", cfg, "-f", str(script)]
    before = runs(folder, kind)
    expected = (0, "%s\n%s'\\n'\n" % (make_local(), "u" if kind == "jython" else ""), "")
    with open(os.path.join(folder, kind + ".lock"), "a") as lock:  # another run holds the interpreter
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        assert launch(kind, args, folder=folder) == expected
    assert launch(kind, args, folder=folder, cwd=str(tmp_path)) == expected  # a JVM cannot change directory
    rc, out, err = launch(kind, ["-lineSeparator", "\\r\\n"] + args, folder=folder)
    assert rc == 0 and out.splitlines()[1] == ("u'\\r\\n'" if kind == "jython" else "'\\r\\n'")
    assert runs(folder, kind) == before
    assert launch(kind, args, folder=folder) == expected
    assert runs(folder, kind) == before + 1


def make_local():
    from harness.base import wsadmin_semantics as sem

    return sem.MSG_LOCAL_MODE


@pytest.mark.parametrize("kind", KINDS)
def test_dead_server_runs_cold(kind, tmp_path):
    stale = warm.temporary_folder()
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(warm.socket_path(stale, kind))  # a socket file nobody listens on
        s.close()
        cfg = make_config_root(tmp_path)
        rc, out, err = launch(kind, ["-conntype", "NONE", "-configRoot", cfg, "-c", "print 6 * 7"], folder=stale)
        assert (rc, out.splitlines()[1:], err) == (0, ["42"], "")
    finally:
        shutil.rmtree(stale, ignore_errors=True)


@pytest.mark.parametrize("kind", KINDS)
def test_java_system_exit_cold_and_warm_alike(kind, tmp_path):
    """System.exit(n) in a script: same output and exit code; it ends the warm interpreter, later runs go cold."""
    own = warm.temporary_folder()
    server = warm.WarmServer(own, kind, cwd=ROOT).start()
    try:
        script = tmp_path / "exit.py"
        script.write_text("import java\nprint 'before'\njava.lang.System.exit(7)\nprint 'after'\n")
        cfg = make_config_root(tmp_path)
        args = ["-conntype", "NONE", "-configRoot", cfg, "-f", str(script)]
        cold = launch(kind, args)
        assert runs(own, kind) == 0
        hot = launch(kind, args, folder=own)
        assert hot == cold == (7, make_local() + "\nbefore\n", "")
        server.proc.wait(timeout=30)
        assert launch(kind, args, folder=own) == cold
    finally:
        server.stop()
        shutil.rmtree(own, ignore_errors=True)
