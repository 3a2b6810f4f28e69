"""stwaslib: the library shared by the stwas admin jobs (wsadmin -lang jython on Jython 2.1 and 2.7, and CPython 3
under the harness).

A job script finds this package next to itself. Every job starts with the same block, byte for byte, between
the markers `# stwas bootstrap: begin` and `# stwas bootstrap: end` (tests/test_job_contract.py compares them):
  - `sys.version[:3] < '2.1'`: one ERROR line and exit 1 on an interpreter older than the oldest wsadmin's (Jython
    2.1), before anything 2.0 lacks (sys._getframe) is touched;
  - the folder of stwaslib: $STWAS_SCRIPTS (the SSH runner sets it), the folder of the running code
    (sys._getframe: wsadmin may run a -f script without __file__), the folder of __file__, ./wsadmin_scripts; the
    first that holds stwaslib goes to the front of sys.path; none: one ERROR line;
  - sys.dont_write_bytecode: no __pycache__ beside the jobs on a deployment manager (2.1 ignores it);
  - it is an `if ... else` so that the job's own `from stwaslib import ...` lines are still imports at the top
    of the module for ruff (E402 makes an exception for if/try, not for assignments or loops);
  - it ends in `import stwaslib`; the job imports what else it needs after the end marker.

A job then passes the scripting objects in (they are globals of __main__ only) and runs in one shape, plan then
apply (stwaslib.job.Plan; a read-only report runs one main function):

    job = stwaslib.Job('set_server_ports', globals(), description='...')
    job.run_plan(plan, apply)

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

from stwaslib import restart  # noqa: F401
from stwaslib.configtext import ConfigId, lines, parse_show, records, scalar, split_id_list, text  # noqa: F401
from stwaslib.errors import EXIT_ERROR, EXIT_OK, EXIT_SYNC, EXIT_USAGE, JobError, UsageError  # noqa: F401
from stwaslib.job import CHANGE_PREFIX, ERROR_PREFIX, LOCAL_MODE_MESSAGE, RESULT_PREFIX, WARNING_PREFIX, Job, Plan  # noqa: F401  # noqa: F401
from stwaslib.jsonout import FALSE, TRUE, boolean  # noqa: F401
from stwaslib.masking import MASK, mask_text  # noqa: F401
from stwaslib.output import write_line  # noqa: F401

VERSION = "1.0"
