"""stwaslib: the library shared by the stwas admin jobs (wsadmin -lang jython, Jython 2.7 and CPython 3).

A job script finds this package next to itself. wsadmin may run a -f script without __file__, so every job
starts with the same few lines (keep them identical in all jobs):

    from __future__ import print_function

    import os
    import sys

    # stwaslib: in $STWAS_SCRIPTS, next to this script (wsadmin may run it without __file__), or in ./wsadmin_scripts
    sys.dont_write_bytecode = True
    _LIB = [os.environ.get('STWAS_SCRIPTS', ''), os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)),
            os.path.dirname(os.path.abspath(globals().get('__file__') or '.')), os.path.join(os.getcwd(), 'wsadmin_scripts')]
    _LIB = [_d for _d in _LIB if _d and os.path.isfile(os.path.join(_d, 'stwaslib', '__init__.py'))]
    if not _LIB:
        raise SystemExit('ERROR: stwaslib not found next to this script: set STWAS_SCRIPTS to the wsadmin_scripts directory')
    if _LIB[0] not in sys.path:
        sys.path.insert(0, _LIB[0])
    import stwaslib  # noqa: E402

then passes the scripting objects in (they are globals of __main__ only):

    job = stwaslib.Job('set_server_ports', globals(), description='...')

See stwaslib.job for the job contract (options, --dry-run, CHANGE lines, ERROR line, STWAS-RESULT line, exit
codes), stwaslib.topology for servers/endpoints/virtual hosts, stwaslib.configtext for parsing wsadmin text,
stwaslib.passwords for reading a password (file, standard input, environment; never the command line),
stwaslib.documents for the text of a repository document, stwaslib.certificates for key stores and certificates.
"""

from stwaslib.configtext import ConfigId, lines, parse_show, records, scalar, split_id_list, text  # noqa: F401
from stwaslib.job import (CHANGE_PREFIX, ERROR_PREFIX, EXIT_ERROR, EXIT_OK, EXIT_SYNC, EXIT_USAGE,  # noqa: F401
                          LOCAL_MODE_MESSAGE, MASK, RESULT_PREFIX, WARNING_PREFIX, Job, JobError, UsageError,
                          mask_text)

VERSION = '1.0'
