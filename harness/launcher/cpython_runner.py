"""Run a wsadmin script in this CPython process, with the session's objects as globals of __main__."""

import builtins
import os
import sys
import traceback
import types

from harness.base import errors
from harness.base import wsadmin_semantics as sem
from harness.launcher import shims
from harness.launcher.session import NoKeywords

# launcher frames are not shown in tracebacks (wsadmin shows only the script's frames)
_HIDDEN_FILES = {
    os.path.normcase(os.path.abspath(__file__)),
    os.path.normcase(os.path.join(os.path.dirname(os.path.abspath(__file__)), "__init__.py")),
}


class ScriptFailed(Exception):
    """An uncaught exception in the script: .info is wsadmin's "exception information" text."""

    def __init__(self, info):
        Exception.__init__(self, info)
        self.info = info


def message_stream():
    return sys.stdout if sem.ERROR_MESSAGE_STREAM == "stdout" else sys.stderr


def exception_info(exc, script_files=()):
    """wsadmin's "exception information" text for an uncaught exception (frames of the -f script and the
    -profiles read `File "<string>"` without a source line, as in wsadmin: wsadmin_semantics)."""
    if isinstance(exc, errors.JavaException):
        return str(exc)
    frames = []
    for f in traceback.extract_tb(exc.__traceback__):
        if os.path.normcase(os.path.abspath(f.filename)) in _HIDDEN_FILES:
            continue
        if f.filename in script_files:
            f = traceback.FrameSummary(sem.TRACEBACK_FILE_FOR_SCRIPT, f.lineno, f.name, line="")
        frames.append(f)
    text = sem.TRACEBACK_HEADER + "\n" + "".join(traceback.format_list(frames))
    text += "".join(traceback.format_exception_only(type(exc), exc))
    return sem.PY_EXCEPTION_PREFIX + "\n" + text.rstrip("\n")


def exit_code_of(exc):
    """The process exit code for a SystemExit, printing a string argument like Python does."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, bool):
        return int(code)
    if isinstance(code, int):
        return code
    sys.stdout.flush()
    print(code, file=sys.stderr)
    return sem.EXIT_CODE_FOR_STRING_EXIT


def _execfile(namespace):
    def execfile(filename, globals_=None, locals_=None):
        g = namespace if globals_ is None else globals_
        with open(filename, "rb") as f:
            code = compile(f.read(), filename, "exec")
        exec(code, g, g if locals_ is None else locals_)  # noqa: S102 - running scripts is the point

    return execfile


def _run_file(path, namespace):
    with open(path, "rb") as f:
        source = f.read()
    code = compile(source, path, "exec")
    exec(code, namespace)  # noqa: S102


def _run_command(cmd, namespace):
    try:
        code = compile(cmd, sem.TRACEBACK_FILE_FOR_COMMAND, "single")
    except SyntaxError:
        code = compile(cmd, sem.TRACEBACK_FILE_FOR_COMMAND, "exec")
    saved_hook = sys.displayhook
    sys.displayhook = sys.__displayhook__  # echo repr(value) like the interactive prompt
    try:
        exec(code, namespace)  # noqa: S102
    finally:
        sys.displayhook = saved_hook


def make_namespace(session, main_module):
    ns = main_module.__dict__
    ns["__builtins__"] = builtins
    for name, obj in session.objects.items():
        ns[name] = NoKeywords(obj)
    ns["execfile"] = _execfile(ns)
    if sem.PRESEED_LINESEPARATOR:
        ns["lineSeparator"] = session.line_separator
    return ns


def run(session, options):
    """Run options.profiles, then options.script (with options.script_args) or options.commands."""
    out = message_stream()
    script_files = set(options.profiles) | ({options.script} if options.script is not None else set())
    main_module = types.ModuleType("__main__")
    ns = make_namespace(session, main_module)
    saved_main = sys.modules.get("__main__")
    saved_argv = sys.argv
    sys.modules["__main__"] = main_module
    sys.argv = list(options.script_args)
    try:
        with shims.installed(session.line_separator):
            for profile in options.profiles:
                try:
                    _run_file(profile, ns)
                except SystemExit as e:
                    return exit_code_of(e)
                except BaseException as e:  # noqa: BLE001
                    sys.stdout.flush()
                    print(sem.MSG_FILE_EXCEPTION % (profile, exception_info(e, script_files)), file=out)
                    return sem.EXIT_UNCAUGHT_EXCEPTION
            if options.script is not None:
                try:
                    _run_file(options.script, ns)
                except SystemExit as e:
                    return exit_code_of(e)
                except BaseException as e:  # noqa: BLE001
                    sys.stdout.flush()
                    print(sem.MSG_FILE_EXCEPTION % (options.script, exception_info(e, script_files)), file=out)
                    return sem.EXIT_UNCAUGHT_EXCEPTION
                return 0
            status = 0
            for cmd in options.commands:
                try:
                    _run_command(cmd, ns)
                except SystemExit as e:
                    return exit_code_of(e)
                except BaseException as e:  # noqa: BLE001
                    sys.stdout.flush()
                    print(sem.MSG_COMMAND_EXCEPTION % (cmd, exception_info(e)), file=out)
                    status = sem.EXIT_UNCAUGHT_EXCEPTION
                    if sem.STOP_AFTER_FAILED_COMMAND:
                        return status
            return status
    finally:
        sys.stdout.flush()
        sys.argv = saved_argv
        if saved_main is not None:
            sys.modules["__main__"] = saved_main
