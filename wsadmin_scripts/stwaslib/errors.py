"""The two failures a job explains in one line (see stwaslib.job for what happens then).

Language level: docs/script-language.md (Jython 2.1, Jython 2.7 and CPython 3).
"""

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SYNC = 3


class JobError(Exception):
    """A failure the job explains in one line; the workspace is reset and the job exits non-zero."""

    exit_code = EXIT_ERROR


class UsageError(JobError):
    """Bad command-line options."""

    exit_code = EXIT_USAGE
