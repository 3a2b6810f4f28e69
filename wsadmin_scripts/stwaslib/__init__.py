"""stwaslib: the library shared by the stwas admin jobs (wsadmin -lang jython on Jython 2.1 and 2.7, and CPython 3
under the harness).

A job script finds this package next to itself. wsadmin may run a -f script without __file__, so every job
starts with the same few lines (keep them identical in all jobs):

    import os
    import sys

    # Jython 2.1 (the wsadmin of WebSphere 7.0 and 8.5.5) is the oldest interpreter this job runs on (README)
    if sys.version[:3] < '2.1':
        sys.stdout.write('ERROR: this job needs the wsadmin of WebSphere 7.0 or later (Jython 2.1 or 2.7), '
                         'not Python %s\\n' % sys.version[:3])
        sys.exit(1)
    # stwaslib: in $STWAS_SCRIPTS, next to this script (wsadmin may run it without __file__), or in ./wsadmin_scripts
    sys.dont_write_bytecode = 1
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

The modules:
  job          the job contract (options, --dry-run, CHANGE lines, ERROR line, STWAS-RESULT line, exit codes)
  options      the option parser (optparse's add_option call shape, on getopt)
  jsonout      the JSON writer of the result line (and TRUE/FALSE, since 2.1 has no booleans)
  masking      the secret scrubber
  output       write_line, the one way the jobs print
  compat       what the three interpreters do not share (sort_by, has_key, contains, split_last, ...)
  binary       bytes and text: UTF-8, Latin-1, Base64
  files        whole-file bytes, private temporary files
  digest       SHA-1
  dates        (year, month, day) dates
  xmltags      start tags of an XML document read as text
  errors       JobError, UsageError, the exit codes
  restart      what a change needs: the processes to restart in order, the node agents to synchronise
  ltpa         the cell's LTPA key set group (automatic key generation and its schedule)
  topology     servers, endpoints, virtual hosts; configtext: parsing wsadmin text; passwords: reading a
               password (file, standard input, environment; never the command line); documents: the text of a
               repository document; certificates: key stores and certificates; xor: the {xor} encoding.
Language level: docs/script-language.md (the common subset of Jython 2.1, Jython 2.7 and CPython 3).
"""

from stwaslib.configtext import ConfigId, lines, parse_show, records, scalar, split_id_list, text  # noqa: F401
from stwaslib.errors import EXIT_ERROR, EXIT_OK, EXIT_SYNC, EXIT_USAGE, JobError, UsageError  # noqa: F401
from stwaslib.job import CHANGE_PREFIX, ERROR_PREFIX, LOCAL_MODE_MESSAGE, RESULT_PREFIX, WARNING_PREFIX  # noqa: F401
from stwaslib.job import Job  # noqa: F401
from stwaslib.jsonout import FALSE, TRUE, boolean  # noqa: F401
from stwaslib.masking import MASK, mask_text  # noqa: F401
from stwaslib import restart  # noqa: F401
from stwaslib.output import write_line  # noqa: F401

VERSION = '1.0'
