"""The jobs' passwords at the front door: refused as arguments, sent to a host only inside a 0600 file.

A password in a job's arguments (``invoke apply ... -- --password X``) would stand on the host's command lines
(``bash -c``, ``wsadmin.sh``, ``java``: anyone there sees it with ``ps``) and in wsadmin's WASX7303I echo. So:

  check(job, args, front)   before anything connects or runs: a password option (harness.launcher.passwords) or
                            ``--password-stdin`` (a remote job does not read your terminal) is refused in one line
                            that names the way that works for that job;
  to_send(job, args, env)   the passwords the runner takes from the local environment for that job (JOB_PASSWORDS):
                            the runner writes each into the run's private 0700 directory on the host as a 0600 file
                            and gives the job its file option with that path (harness/remote/runner.py).

The jobs read a password from a file, standard input or an environment variable (wsadmin_scripts/stwaslib/
passwords.py); a file is the only one of those that reaches a remote job without a command line or an environment
that other processes can read.
"""

import os

from harness.launcher.passwords import JOB_PASSWORDS, is_password_option, is_stdin_option


class RefusedArgument(Exception):
    """A password given as an argument; the message is one line and never holds the value."""


class JobSecret(object):
    """A password to send to a job as a file; repr never shows the value."""

    __slots__ = ("env", "flag", "value")

    def __init__(self, env, flag, value):
        self.env, self.flag, self.value = env, flag, value

    def __repr__(self):
        return "JobSecret(%s -> %s, *****)" % (self.env, self.flag)


def job_name(job):
    """set_server_ports for set_server_ports, set_server_ports.py or a path to it."""
    name = os.path.basename(job)
    return name[:-3] if name.endswith(".py") else name


def _way(job, remote):
    """How a password does reach the job, for the refusal message."""
    entry = JOB_PASSWORDS.get(job_name(job))
    if entry and remote:
        return "set %s here instead: invoke sends it to the host in a 0600 file (%s) that is removed after the run" % entry
    if entry:
        return "set %s instead, or give %s FILE" % entry
    if remote:
        return "put it in a 0600 file on the host and give the job's file option (see invoke plan %s -- --help)" % job_name(job)
    return "give it the way the job's --help says (a file or an environment variable)"


def check(job, args, front="invoke apply", remote=True):
    """Raise RefusedArgument for the first password option (or --password-stdin) in args."""
    for arg in args:
        if is_password_option(arg):
            where = "the host's command line (ps) and" if remote else "the process list and"
            raise RefusedArgument(
                "%s: refusing %s: a password in the job's arguments would appear in %s wsadmin's "
                "WASX7303I echo; %s" % (front, arg.split("=", 1)[0], where, _way(job, remote))
            )
        if is_stdin_option(arg):
            raise RefusedArgument(
                "%s: refusing %s: the job's standard input is not your terminal here; %s"
                % (front, arg.split("=", 1)[0], _way(job, remote))
            )


def _given(flag, args):
    return any(a == flag or a.startswith(flag + "=") for a in args)


def to_send(job, args, env=None):
    """[JobSecret] for the job: its password variable, when set here and its file option is not already given."""
    env = os.environ if env is None else env
    entry = JOB_PASSWORDS.get(job_name(job))
    if not entry:
        return []
    var, flag = entry
    if not env.get(var) or _given(flag, args):
        return []
    return [JobSecret(var, flag, env[var])]
