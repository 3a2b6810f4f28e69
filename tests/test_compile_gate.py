"""The compile gate of `invoke lint`, in the test suite too (so CI has it): every file of wsadmin_scripts/ compiles
with the Jython 2.1 compiler -- the wsadmin of WAS 7.0 and 8.5.5 -- and, with the remote test scripts, with 2.7's."""

import os
import subprocess

import pytest
from jobs_helpers import INTERPRETERS, ROOT

from harness.launcher import interpreters

CHECK = os.path.join(ROOT, "tools", "jython_compile.py")
FOLDERS = {
    "jython21": [os.path.join(ROOT, "wsadmin_scripts")],
    "jython": [os.path.join(ROOT, "wsadmin_scripts"), os.path.join(ROOT, "tests", "remote")],
}


@pytest.mark.parametrize("kind", INTERPRETERS[1:])
def test_every_script_compiles(kind):
    jython = interpreters.jython21_launcher() if kind == "jython21" else "jython"
    p = subprocess.run([jython, CHECK] + FOLDERS[kind], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert (p.returncode, p.stdout) == (0, ""), p.stdout + p.stderr


def test_the_gate_catches_what_2_1_cannot_compile(tmp_path):
    if interpreters.problem("jython21"):
        pytest.skip("-interpreter jython21: %s" % interpreters.problem("jython21"))
    (tmp_path / "ok.py").write_text("import sys\nif 1:\n    sys.stdout.write('%d\\n' % len(sys.argv))\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "new.py").write_text("from __future__ import print_function\nprint('x')\n")
    (tmp_path / "sub" / "cond.py").write_text("x = 1 if True else 2\n")
    p = subprocess.run([interpreters.jython21_launcher(), CHECK, str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 1
    assert [ln.split(":")[0] for ln in p.stdout.splitlines()] == [
        str(tmp_path / "sub" / "cond.py"),
        str(tmp_path / "sub" / "new.py"),
    ]
