"""Every file in wsadmin_scripts/ is in the language of docs/script-language.md: the checker of
tests/script_language.py finds nothing that compiles on Jython 2.1 but would fail at run time on 2.1 or 3 (that it
compiles with the real 2.1 is tests/test_compile_gate.py's). The checker is shown to catch what it is for."""

import os

import pytest
import script_language
from paths import ROOT

SCRIPTS = os.path.join(ROOT, "wsadmin_scripts")
FILES = script_language.script_files(SCRIPTS)


def test_there_are_scripts_to_check():
    names = [os.path.relpath(p, SCRIPTS) for p in FILES]
    assert "set_server_ports.py" in names and os.path.join("stwaslib", "job.py") in names and len(names) > 25


@pytest.mark.parametrize("path", FILES, ids=[os.path.relpath(p, SCRIPTS) for p in FILES])
def test_script_language(path):
    assert script_language.check_file(path, SCRIPTS) == []


@pytest.mark.parametrize(
    "source,needle",
    [
        ("x = True\n", "True"),
        ("x = sorted([2, 1])\n", "sorted"),
        ("d = dict(a=1)\n", "dict"),
        ("x = 'a:b'.rsplit(':', 1)\n", "rsplit"),
        ("x = ' x'.strip('x')\n", "strip(chars)"),
        ("x = '{0}'.format(1)\n", "format"),
        ("x = isinstance(1, (int, str))\n", "isinstance with a tuple"),
        ("try:\n    pass\nexcept ValueError:\n    pass\nfinally:\n    pass\n", "try/except/finally"),
        ("try:\n    pass\nexcept ValueError as e:\n    pass\n", "except E as e"),
        ("class A(object):\n    pass\n", "new-style class"),
        ("import re\n", "module re"),
        ("import json\n", "module json"),
        ("x = 3 // 2\n", "//"),
        ("x = [1, 2][::-1]\n", "extended slice"),
        ("with open('x') as f:\n    pass\n", "with"),
        ("def f():\n    yield 1\n", "yield"),
        ("x = (i for i in [])\n", "generator expression"),
        ("def f():\n    a = 1\n    def g():\n        return a\n    return g\n", "nested_scopes"),
        ("from os import (path,\n    sep)\n", "import (a, b)"),
        ("x = u'\\ud83d'\n", "surrogate escape"),
        ("x = '\u00e9'\n", "non-ASCII"),
        ("x = 'caf\u00e9'.encode('utf-8')\n", "codecs"),
        ("import os\nos.getpid()\n", "os.getpid"),
        ("from __future__ import print_function\n", "print_function"),
        ("d = {}\nx = 'a' in d\n", "`in` on a dict"),
        ("s = 'ab'.lower()\nx = 'ab' in s\n", "substring `in`"),
        ("x = 'SECURE' in name.upper()\n", "substring `in`"),
        ("d = {}\nfor k in d:\n    pass\n", "iterating a dict"),
    ],
)
def test_the_language_check_catches(source, needle):
    problems = script_language.check_source(source, "x.py")
    assert problems and needle in problems[0], problems


def test_the_language_check_allows_the_guarded_forms():
    source = (
        "from __future__ import nested_scopes\n"
        "try:\n    T = unicode\nexcept NameError:\n    T = str\n"
        "def f():\n    a = 1\n    def g():\n        return a\n    return g\n"
        "x = [c for c in 'ab' if c in 'a']\n"
    )
    assert script_language.check_source(source, "x.py") == []


@pytest.mark.parametrize("job", ["set_server_ports.py", "cell_doctor.py"])
def test_a_job_started_on_python_2_0_says_what_it_needs(job, tmp_path):
    """The first lines of every job refuse an interpreter older than 2.1 with one line (README)."""
    import subprocess
    import sys

    code = (
        "import sys\nsys.version = '2.0 (#1, fake)'\nsys.argv = ['--help']\n"
        "exec(compile(open(%r).read(), %r, 'exec'), {'__name__': '__main__'})\n" % (os.path.join(SCRIPTS, job), job)
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=str(tmp_path))
    assert p.returncode == 1 and p.stderr == ""
    assert p.stdout == ("ERROR: this job needs the wsadmin of WebSphere 7.0 or later (Jython 2.1 or 2.7), not Python 2.0\n")
