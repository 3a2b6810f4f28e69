"""Finding the interpreters (harness.launcher.interpreters) and the project's Java classes
(harness.launcher.java_classes): clear one-line errors when something is missing, the Java exception classes
mirroring harness/base/errors.py, a compile that is safe when two processes start at once, and `plan` under every
interpreter."""

import os
import re
import subprocess
import sys
import textwrap

import pytest
from jobs_helpers import INTERPRETERS, ROOT, SAMPLE_CONFIG, interpreter_problem

from harness.base import errors, messages
from harness.base import wsadmin_semantics as sem
from harness.launcher import interpreters, java_classes

NEEDS_21 = pytest.mark.skipif(
    interpreter_problem("jython21") is not None, reason="-interpreter jython21: %s" % interpreter_problem("jython21")
)


def wsadmin(args, env_extra, cwd=ROOT):
    env = dict(os.environ, PYTHONPATH=ROOT)
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "harness.wsadmin"] + args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def config_root(tmp_path):
    root = tmp_path / "config" / "cells" / "c"
    root.mkdir(parents=True)
    (root / "cell.xml").write_text('<topology.cell:Cell xmi:id="Cell_1" name="c"/>\n')
    return str(tmp_path / "config")


# ------------------------------------------------------------------------------------------ Java classes
def _java_parent(java_name):
    path = os.path.join(java_classes.SOURCES, *java_name.split(".")) + ".java"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    parent = re.search(r"\bextends\s+([\w.]+)", text).group(1)
    if parent == "Exception":
        return "java.lang.Exception"
    return parent if "." in parent else java_name.rsplit(".", 1)[0] + "." + parent


def test_java_classes_mirror_harness_errors():
    """One Java source per java_name of harness/base/errors.py, with the same parent; no source without a class."""
    python = {}
    for cls in errors.ALL:
        if cls.java_name in python or cls is errors.JavaException:
            continue
        parent = next(b.java_name for b in cls.__mro__[1:] if getattr(b, "java_name", cls.java_name) != cls.java_name)
        python[cls.java_name] = parent
    java = {
        rel[: -len(".java")].replace(os.sep, "."): None
        for rel in java_classes.sources()
        if not rel.startswith(java_classes.HELPER_PACKAGE.replace(".", os.sep) + os.sep)
    }
    assert sorted(java) == sorted(python)
    assert {name: _java_parent(name) for name in java} == python


def test_compiled_once_by_two_processes_at_once(tmp_path):
    """Two first uses at the same time (an empty cache): both get the same complete folder, nothing is left over."""
    code = "from harness.launcher import java_classes; print(java_classes.classes_dir())"
    env = dict(os.environ, PYTHONPATH=ROOT, XDG_CACHE_HOME=str(tmp_path))
    procs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    folders = {out.strip() for out, _ in outs}
    assert len(folders) == 1
    folder = folders.pop()
    assert os.path.dirname(folder) == os.path.join(str(tmp_path), "stwas", "java-classes")
    assert os.listdir(os.path.dirname(folder)) == [os.path.basename(folder)]  # no half-built folder left
    for rel in java_classes.sources():
        assert os.path.isfile(os.path.join(folder, rel[: -len(".java")] + ".class")), rel


def test_javac_missing_is_one_line(tmp_path):
    """No compiled classes yet and no javac: one line, a usage exit code, nothing else."""
    launcher = os.environ.get(interpreters.JYTHON21_ENV) or "/bin/true"
    r = wsadmin(
        ["-interpreter", "jython21", "-conntype", "NONE", "-configRoot", config_root(tmp_path), "-c", "1"],
        {"PATH": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"), interpreters.JYTHON21_ENV: launcher},
    )
    assert (r.returncode, r.stdout, r.stderr) == (sem.EXIT_USAGE, "", messages.JAVAC_MISSING + "\n")


# ------------------------------------------------------------------------------------------ Jython 2.1 lookup
def test_missing_jython21_is_one_line(tmp_path):
    r = wsadmin(
        ["-interpreter", "jython21", "-conntype", "NONE", "-configRoot", config_root(tmp_path), "-c", "1"],
        {interpreters.JYTHON21_ENV: str(tmp_path / "nope")},
    )
    assert (r.returncode, r.stdout) == (sem.EXIT_USAGE, "")
    assert r.stderr == messages.JYTHON21_NOT_EXECUTABLE % (tmp_path / "nope") + "\n"
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "harness",
            "plan",
            "--config",
            SAMPLE_CONFIG,
            "-interpreter",
            "jython21",
            "--",
            os.path.join(ROOT, "wsadmin_scripts", "set_server_ports.py"),
        ],
        cwd=ROOT,
        timeout=300,
        env=dict(os.environ, PYTHONPATH=ROOT, **{interpreters.JYTHON21_ENV: str(tmp_path / "nope")}),
        capture_output=True,
        text=True,
    )
    assert (p.returncode, p.stdout, p.stderr) == (2, "", messages.JYTHON21_NOT_EXECUTABLE % (tmp_path / "nope") + "\n")


def test_jython21_from_build_script_once_per_process(tmp_path, monkeypatch):
    calls = tmp_path / "calls"
    build = tmp_path / "build.sh"
    build.write_text("echo run >> %s\necho building... >&2\necho %s\n" % (calls, sys.executable))
    monkeypatch.delenv(interpreters.JYTHON21_ENV, raising=False)
    monkeypatch.setattr(interpreters, "JYTHON21_BUILD", str(build))
    interpreters.jython21_launcher.cache_clear()
    try:
        assert interpreters.jython21_launcher() == sys.executable
        assert interpreters.jython21_launcher() == sys.executable
        assert calls.read_text() == "run\n"
        monkeypatch.setattr(interpreters, "JYTHON21_BUILD", str(tmp_path / "absent.sh"))
        interpreters.jython21_launcher.cache_clear()
        with pytest.raises(interpreters.InterpreterMissing) as e:
            interpreters.jython21_launcher()
        assert str(e.value) == messages.JYTHON21_NOT_FOUND
        build.write_text("echo 'javac: broken' >&2\nexit 3\n")
        monkeypatch.setattr(interpreters, "JYTHON21_BUILD", str(build))
        interpreters.jython21_launcher.cache_clear()
        with pytest.raises(interpreters.InterpreterMissing) as e:
            interpreters.jython21_launcher()
        assert str(e.value) == messages.JYTHON21_BUILD_FAILED % (build, "javac: broken")
    finally:
        interpreters.jython21_launcher.cache_clear()


@NEEDS_21
def test_any_jython21_launcher_gets_the_separator_and_the_classes(tmp_path):
    """A launcher of another name and place (a wrapper): the JVM options and classes reach it all the same."""
    wrapper = tmp_path / "my-jython21"
    wrapper.write_text('#!/bin/sh\nexec "%s" "$@"\n' % interpreters.jython21_launcher())
    wrapper.chmod(0o755)
    script = tmp_path / "s.py"
    script.write_text(
        "import java, sys\nimport com.ibm.websphere.management.cmdframework.CommandValidationException\n"
        "print repr(java.lang.System.lineSeparator()), sys.version[:3]\n"
    )
    r = wsadmin(
        [
            "-interpreter",
            "jython21",
            "-lineSeparator",
            "\\r\\n",
            "-conntype",
            "NONE",
            "-configRoot",
            config_root(tmp_path),
            "-f",
            str(script),
        ],
        {interpreters.JYTHON21_ENV: str(wrapper), "STWAS_WARM_JYTHON": ""},
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[1].rstrip("\r") == "'\\r\\n' 2.1"


# ------------------------------------------------------------------------------------------ plan
PLAN_SCRIPT = """
import sys
server = AdminConfig.getid('/Server:%s/' % sys.argv[0])
jvm = AdminConfig.list('JavaVirtualMachine', server).splitlines()[0]
AdminConfig.modify(jvm, [['maximumHeapSize', sys.argv[1]]])
AdminConfig.save()
print('saved')
"""


def test_plan_diff_is_the_same_under_every_interpreter(tmp_path):
    script = tmp_path / "ports.py"
    script.write_text(textwrap.dedent(PLAN_SCRIPT))
    outs = {}
    for param in INTERPRETERS:
        kind = param.values[0]
        if interpreter_problem(kind):
            continue
        p = subprocess.run(
            [
                sys.executable,
                "-m",
                "harness",
                "plan",
                "--config",
                SAMPLE_CONFIG,
                "-interpreter",
                kind,
                "--",
                str(script),
                "STProxyServer",
                "8088",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            env=dict(os.environ, PYTHONPATH=ROOT),
        )
        assert p.returncode == 0, p.stdout + p.stderr
        outs[kind] = p.stdout
    assert len(set(outs.values())) == 1, outs
    lines = outs["cpython"].splitlines()
    assert lines[2] == "saved"  # after WASX7357I and WASX7303I
    changed = [ln for ln in lines if ln[:1] in "+-" and ln[:3] not in ("+++", "---")]
    assert changed[-1].startswith("+") and 'maximumHeapSize="8088"' in changed[-1]
