"""Compile every .py file under the given folders with the running interpreter's compiler (nothing is written).

    jython21 tools/jython_compile.py wsadmin_scripts      # the gate of `invoke lint` and tests/test_compile_gate.py
    jython tools/jython_compile.py wsadmin_scripts

Prints `path:line: message` per file that does not compile and exits 1 if any.  Written in Python 2.1 (no
os.walk, sorted or True there) so that the oldest wsadmin's own compiler can run it.
"""

import os
import sys


def files(top):
    out = []
    names = os.listdir(top)
    names.sort()
    for name in names:
        path = os.path.join(top, name)
        if os.path.isdir(path):
            out.extend(files(path))
        elif name[-3:] == ".py":
            out.append(path)
    return out


def main(tops):
    bad = 0
    for top in tops:
        for path in files(top):
            f = open(path, "r")
            source = f.read()
            f.close()
            try:
                compile(source.replace("\r\n", "\n") + "\n", path, "exec")
            except SyntaxError:
                e = sys.exc_info()[1]
                bad = bad + 1
                print("%s:%s: %s" % (path, e.lineno, e.msg))
    return bad


if __name__ == "__main__":
    if main(sys.argv[1:]):
        sys.exit(1)
