"""Run jobs without wsadmin (no scripting objects), many in one interpreter: for --help and usage errors, which a
job answers before its first scripting call. Python 2 (Jython 2.1 and 2.7): each job is compiled once (`exec code
in ns`, a statement CPython 3 cannot parse, hence this folder, which ruff skips).

    jython21 tests/wsadmin/run_jobs_plain.py SPEC_FILE

SPEC_FILE: one run a line, tab-separated: the job's path, then its arguments. For each run it prints
`=== RUN <line number>`, the job's output, then `=== EXIT <code>` (the code of its SystemExit, 0 without one).
"""

import sys


_CODE = {}


def run(path, args):
    if not _CODE.has_key(path):
        f = open(path, 'r')
        try:
            _CODE[path] = compile(f.read() + '\n', path, 'exec')
        finally:
            f.close()
    sys.argv = args  # as wsadmin sets it: the arguments after the script, without the script's name
    ns = {'__name__': '__main__'}
    try:
        exec _CODE[path] in ns
    except SystemExit:
        code = sys.exc_info()[1].code
        if code is None:
            code = 0
        return code
    return 0


def main(spec_path):
    f = open(spec_path, 'r')
    try:
        lines = f.read().split('\n')
    finally:
        f.close()
    number = 0
    for line in lines:
        number = number + 1
        if not line:
            continue
        fields = line.split('\t')
        sys.stdout.write('=== RUN %d\n' % number)
        code = run(fields[0], fields[1:])
        sys.stdout.write('=== EXIT %s\n' % (code,))
    sys.stdout.flush()


if __name__ == '__main__':
    main(sys.argv[1])
