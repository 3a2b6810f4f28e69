"""stwaslib: the library shared by the stwas admin jobs (wsadmin -lang jython, Jython 2.7 and CPython 3).

A job script finds this package next to itself. wsadmin may run a -f script without __file__, so every job
starts with the same few lines (keep them identical in all jobs):

    from __future__ import print_function
    import os
    import sys


    def _stwas_lib_dir():
        # env STWAS_SCRIPTS, else the directory of this script (frame code file name, then __file__), else ./wsadmin_scripts
        cands = [os.environ.get('STWAS_SCRIPTS', '')]
        try:
            cands.append(os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)))
        except Exception:
            pass
        cands.append(os.path.dirname(os.path.abspath(globals().get('__file__', '') or '.')))
        cands.append(os.path.join(os.getcwd(), 'wsadmin_scripts'))
        for d in cands:
            if d and os.path.isfile(os.path.join(d, 'stwaslib', '__init__.py')):
                return d
        raise SystemExit('ERROR: stwaslib not found next to this script: set STWAS_SCRIPTS to the wsadmin_scripts directory')


    sys.dont_write_bytecode = True
    if _stwas_lib_dir() not in sys.path:
        sys.path.insert(0, _stwas_lib_dir())
    import stwaslib  # noqa: E402

then passes the scripting objects in (they are globals of __main__ only):

    job = stwaslib.Job('set_server_ports', globals(), description='...')

See stwaslib.job for the job contract (options, --dry-run, CHANGE lines, ERROR line, STWAS-RESULT line, exit
codes), stwaslib.topology for servers/endpoints/virtual hosts, stwaslib.configtext for parsing wsadmin text.
"""

from stwaslib.configtext import ConfigId, lines, parse_show, records, scalar, split_id_list, text  # noqa: F401
from stwaslib.job import (CHANGE_PREFIX, ERROR_PREFIX, EXIT_ERROR, EXIT_OK, EXIT_SYNC, EXIT_USAGE,  # noqa: F401
                          LOCAL_MODE_MESSAGE, MASK, RESULT_PREFIX, WARNING_PREFIX, Job, JobError, UsageError,
                          mask_text)

VERSION = '1.0'
