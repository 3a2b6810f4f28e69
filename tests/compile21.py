"""Compile every file named on the command line with the interpreter that runs this (Jython 2.1 for the gate in
tests/test_script_language.py): one `PATH: error` line per file that does not compile, then `compiled: N bad: M`.
compile() only: nothing is imported or run, and no $py.class file is written."""

import sys


def main(paths):
    bad = 0
    for path in paths:
        f = open(path, 'r')
        try:
            source = f.read()
        finally:
            f.close()
        try:
            compile(source.replace('\r\n', '\n') + '\n', path, 'exec')
        except SyntaxError:
            e = sys.exc_info()[1]
            sys.stdout.write('%s:%s: %s\n' % (path, getattr(e, 'lineno', '?'), e))
            bad = bad + 1
    sys.stdout.write('compiled: %d bad: %d\n' % (len(paths), bad))
    if bad:
        sys.exit(1)


if __name__ == '__main__':
    main(sys.argv[1:])
