"""``python -m harness.wsadmin`` (harness/wsadmin.py calls main()): a wsadmin.sh look-alike over a config directory.

-conntype NONE is local mode (AdminControl raises); -conntype SOAP emulates a connection to the deployment
manager: AdminControl answers from MBeans built from the same configuration (harness/was/mbeans.py).

    python -m harness.wsadmin -conntype NONE|SOAP -configRoot DIR [-interpreter jython|jython21|cpython] [-lang jython]
        [-profile FILE]... [-lineSeparator '\\r\\n'] (-f SCRIPT [ARG...] | -c CMD [-c CMD]...)

Accepted and ignored: -wsadmin_classpath X, -javaoption X, -profileName X, -host X, -port X, -tracefile X,
-appendtrace X, -usejython21 X.  -user/-password (or env STWAS_USER/STWAS_PASSWORD) are accepted and never
printed.  Harness-only: -interpreter, -lineSeparator (default os.linesep; accepts escapes like '\\r\\n' or the
words CRLF/LF).

Harness-only and hidden (not in the usage text): -planOverlay DIR, the seam of ``python -m harness plan``:
-configRoot (a config directory, or a backupConfig zip) is opened read-only and every save goes to the overlay
directory DIR instead (harness.config.repository.tree.OverlayTree; docs/internals.md "Plan").

-interpreter: cpython runs the script in this process; jython in a real Jython 2.7 (wsadmin of WAS 9);
jython21 in a real Jython 2.1 (wsadmin of WAS 7.0 and 8.5.5), from STWAS_JYTHON21 or ../shared/jython21/build.sh.
With STWAS_WARM_JYTHON=DIR a running warm interpreter serves the run (harness.launcher.warm).
"""

import os
import shutil
import sys

from harness.base import errors
from harness.base import messages as M
from harness.base import wsadmin_semantics as sem
from harness.config.repository.zipsource import ZipSourceError
from harness.launcher import cpython_runner, interpreters, java_classes, jython_runner, passwords
from harness.launcher.session import make_session

USAGE = M.USAGE

DEFAULT_CONNTYPE = "NONE"  # harness default (wsadmin's is SOAP; only local mode is emulated)
USER_ENV = "STWAS_USER"
PASSWORD_ENV = "STWAS_PASSWORD"

_VALUE_OPTIONS = {
    "-conntype",
    "-configroot",
    "-interpreter",
    "-lang",
    "-profile",
    "-c",
    "-wsadmin_classpath",
    "-user",
    "-username",
    "-password",
    "-javaoption",
    "-lineseparator",
    "-profilename",
    "-host",
    "-port",
    "-tracefile",
    "-appendtrace",
    "-usejython21",
    "-p",
    "-jobid",
    "-jobidfile",
    "-planoverlay",
}


class UsageError(Exception):
    pass


class Options:
    def __init__(self):
        self.conntype = DEFAULT_CONNTYPE
        self.config_root = None
        self.overlay = None  # -planOverlay DIR: the plan's seam (module docstring)
        self.interpreter = None
        self.lang = "jython"
        self.profiles = []
        self.script = None
        self.script_args = []
        self.commands = []
        self.line_separator = os.linesep
        self.user = os.environ.get(USER_ENV)
        self.password = os.environ.get(PASSWORD_ENV)
        self.help = False

    def __repr__(self):  # never shows the password
        return "Options(conntype=%r, config_root=%r, interpreter=%r, script=%r, args=%r, commands=%r)" % (
            self.conntype,
            self.config_root,
            self.interpreter,
            self.script,
            self.script_args,
            self.commands,
        )


def parse_line_separator(text):
    words = {"CRLF": "\r\n", "LF": "\n", "CR": "\r"}
    if text.upper() in words:
        return words[text.upper()]
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape")


def parse_args(argv):
    opts = Options()
    i = 0
    while i < len(argv):
        arg = argv[i]
        key = arg.lower()
        if key in ("-h", "-help", "-?", "--help"):
            opts.help = True
            i += 1
            continue
        if key == "-f":
            if i + 1 >= len(argv):
                raise UsageError("-f requires a script file name")
            opts.script = argv[i + 1]
            opts.script_args = list(argv[i + 2 :])
            break
        if key in _VALUE_OPTIONS:
            if i + 1 >= len(argv):
                raise UsageError("%s requires a value" % arg)
            value = argv[i + 1]
            i += 2
            if key == "-conntype":
                opts.conntype = value.upper()
            elif key == "-configroot":
                opts.config_root = value
            elif key == "-planoverlay":
                opts.overlay = value
            elif key == "-interpreter":
                if value not in sem.INTERPRETERS:
                    raise UsageError("-interpreter must be one of %s" % ", ".join(sem.INTERPRETERS))
                opts.interpreter = value
            elif key == "-lang":
                if value.lower() != "jython":
                    raise UsageError("only -lang jython is supported")
                opts.lang = value
            elif key == "-profile":
                opts.profiles.append(value)
            elif key == "-c":
                opts.commands.append(value)
            elif key in ("-user", "-username"):
                opts.user = value
            elif key == "-password":
                opts.password = value
            elif key == "-lineseparator":
                opts.line_separator = parse_line_separator(value)
            # everything else: accepted and ignored
            continue
        raise UsageError("unknown option %s" % arg)
    if opts.help:
        return opts
    if opts.script is not None and opts.commands:
        raise UsageError("only one of -f and -c may be used")
    if opts.script is None and not opts.commands:
        raise UsageError("one of -f SCRIPT or -c COMMAND is required (no interactive mode)")
    if not opts.config_root:
        opts.config_root = os.environ.get("STWAS_CONFIG_ROOT")
        if not opts.config_root:
            raise UsageError("-configRoot DIR is required")
    if opts.interpreter is None:
        opts.interpreter = default_interpreter()
        if opts.interpreter not in sem.INTERPRETERS:
            raise UsageError("%s must be one of %s" % (sem.INTERPRETER_ENV, ", ".join(sem.INTERPRETERS)))
    return opts


def default_interpreter():
    env = os.environ.get(sem.INTERPRETER_ENV)
    if env:
        return env
    return "jython" if shutil.which("jython") else "cpython"


def run(session, options):
    """Run the script/commands of ``options`` in ``session``; return the exit code."""
    if options.interpreter in ("jython", "jython21"):
        return jython_runner.run(session, options)
    return cpython_runner.run(session, options)


def startup_lines(session, opts):
    lines = []
    if opts.conntype == "NONE":
        lines.append(sem.MSG_LOCAL_MODE)
    else:
        lines.append(sem.MSG_CONNECTED % (getattr(session, "dmgr_node", None) or sem.DEFAULT_DMGR_NODE))
    if opts.script is not None and (opts.script_args or sem.PRINT_WASX7303I_WITHOUT_ARGS):
        lines.append(sem.MSG_SCRIPT_ARGS % sem.WASX7303I_ARG_JOINER.join(echoed_script_args(opts.script_args)))
    return lines


def echoed_script_args(args):
    """The script arguments as WASX7303I shows them: the values of password-like options masked
    (wsadmin_semantics.MASK_PASSWORD_ARGS_IN_WASX7303I); sys.argv of the script keeps them."""
    if not sem.MASK_PASSWORD_ARGS_IN_WASX7303I:
        return list(args)
    return passwords.mask_args(args)


def main(argv=None, objects_factory=None):
    argv = sys.argv[1:] if argv is None else argv
    try:
        opts = parse_args(argv)
    except UsageError as e:
        print("wsadmin: %s" % e, file=sys.stderr)
        print(USAGE, file=sys.stderr)
        return sem.EXIT_USAGE
    if opts.help:
        print(USAGE)
        return 0

    if opts.interpreter in interpreters.KINDS:
        try:  # a missing interpreter is one line before anything else happens
            interpreters.command(opts.interpreter, opts.line_separator)
        except (interpreters.InterpreterMissing, java_classes.JavaClassesError) as e:
            print(str(e), file=sys.stderr)
            return sem.EXIT_USAGE
    try:
        session = make_session(
            opts.config_root, opts.conntype, opts.line_separator, objects_factory=objects_factory, overlay=opts.overlay
        )
    except errors.NotAConfigRepositoryError:
        print(sem.MSG_BAD_CONFIG_ROOT % opts.config_root, file=sys.stderr)
        return sem.EXIT_BAD_CONFIG_ROOT
    except ZipSourceError as e:  # a plan's backupConfig zip (checked by the plan already)
        print(str(e), file=sys.stderr)
        return sem.EXIT_BAD_CONFIG_ROOT
    try:
        for line in startup_lines(session, opts):
            print(line)
        missing = [p for p in opts.profiles + ([opts.script] if opts.script else []) if not os.path.isfile(p)]
        if missing:
            print(sem.MSG_SCRIPT_NOT_FOUND % missing[0], file=sys.stdout if sem.ERROR_MESSAGE_STREAM == "stdout" else sys.stderr)
            return sem.EXIT_SCRIPT_NOT_FOUND
        sys.stdout.flush()
        return run(session, opts)
    finally:
        sys.stdout.flush()
        session.close()


if __name__ == "__main__":
    sys.exit(main())
