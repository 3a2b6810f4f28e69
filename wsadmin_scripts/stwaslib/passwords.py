"""Passwords of the jobs: read from a file, standard input or the environment, never from the command line
(wsadmin echoes its arguments, WASX7303I, and every user of the machine sees them in the process list), and
kept out of messages.

    PASSWORD = passwords.PasswordInput('new password', 'STWAS_NEW_PASSWORD')
    PASSWORD.add_options(job)               # --password-file FILE, --password-stdin, --password (refused)
    password, source = PASSWORD.read(opts)  # source: 'the file F', 'standard input', 'the environment variable E'
                                            # the password is then a secret of the job (job.add_secret)
Language level: docs/script-language.md (Jython 2.1, Jython 2.7 and CPython 3).
"""

import os
import sys

from stwaslib.binary import os_text, utf8_text
from stwaslib.configtext import text
from stwaslib.errors import JobError, UsageError
from stwaslib.masking import mask_text

# (messages avoid "password <word>": stwaslib.mask_text would mask the word)
REFUSE_CLI = (
    "refusing %s, because a command-line argument is not secret; wsadmin prints its arguments (WASX7303I) "
    "and every user of this machine sees them in the process list and the shell history. Use %s"
)


class PasswordInput:
    """Where a job reads one password from: the first line of the file of file_flag, the first line of standard
    input (stdin_flag, None for none), else the environment variable env_name. The options in refused are
    accepted only to say why they are refused; every option stores into opts.password_file / password_stdin /
    cli_password."""

    def __init__(self, what, env_name, file_flag="--password-file", stdin_flag="--password-stdin", refused=("--password",)):
        self.what = what
        self.env_name = env_name
        self.file_flag = file_flag
        self.stdin_flag = stdin_flag
        self.refused = tuple(refused)
        self.job = None

    def sources_text(self, set_word="set "):
        flags = [self.file_flag + " FILE"]
        if self.stdin_flag:
            flags.append(self.stdin_flag)
        return "%s, or %sthe environment variable %s" % (", ".join(flags), set_word, self.env_name)

    def add_options(self, job):
        self.job = job
        job.add_option(
            self.file_flag,
            dest="password_file",
            metavar="FILE",
            help="read the %s from the first line of FILE (else the environment variable %s)" % (self.what, self.env_name),
        )
        if self.stdin_flag:
            job.add_option(
                self.stdin_flag,
                dest="password_stdin",
                action="store_true",
                help="read the %s from the first line of standard input" % self.what,
            )
        for flag in self.refused:
            job.add_secret_option(flag, dest="cli_password", metavar="(refused)", help="refused: see %s" % self.file_flag)

    def read(self, opts):
        """(password, where it came from); a usage error when it is given on the command line or nowhere."""
        if getattr(opts, "cli_password", None) is not None:
            raise UsageError(REFUSE_CLI % (self.refused[0], self.sources_text(set_word="")))
        from_stdin = getattr(opts, "password_stdin", 0)
        if opts.password_file and from_stdin:
            raise UsageError("give only one of %s and %s" % (self.file_flag, self.stdin_flag))
        if opts.password_file:
            raw = utf8_text(read_file(opts.password_file, self.file_flag))
            source = "the file %s" % opts.password_file
        elif from_stdin:
            raw = utf8_text(sys.stdin.readline())
            source = "standard input"
        elif os.environ.get(self.env_name):
            raw = os_text(os.environ.get(self.env_name))
            source = "the environment variable %s" % self.env_name
        else:
            raise UsageError("missing the %s. Use %s" % (self.what, self.sources_text()))
        password = raw.split("\n")[0]
        if password[-1:] == "\r":
            password = password[:-1]
        if not password:
            raise JobError("%s holds an empty password." % source)
        if self.job is not None:
            self.job.add_secret(password)
        return password, source


def read_file(path, flag):
    """The bytes of a password file; a one-line error naming the option when it cannot be read."""
    try:
        f = open(path, "rb")
        try:
            return f.read()
        finally:
            f.close()
    except (IOError, OSError):
        e = sys.exc_info()[1]
        raise JobError("cannot read %s (%s): %s" % (path, flag, getattr(e, "strerror", None) or "error"))


def scrub(msg, secret):
    """A message (an exception text that might echo a parameter) without the secret (stwaslib.masking)."""
    return mask_text(text(msg) or "", [secret])
