"""The launcher seam: a Session holds the scripting objects a script sees; runners execute scripts in it.

    session = make_session(config_root, conntype, line_separator, objects_factory=None)
    session.objects   # {"AdminConfig": ..., "AdminTask": ..., "AdminApp": ..., "AdminControl": ..., "Help": ...}

The real objects are imported lazily (harness.adminconfig, harness.admintask, harness.adminapp,
harness.repository.repository); a missing module is replaced by a stub whose every method raises
ScriptingException(WASX7070E).  ``objects_factory(config_root, conntype, line_separator) -> dict`` (or the
env var STWAS_SESSION_FACTORY="module:function") replaces them entirely, for tests.

Call counting: with env STWAS_CALL_COUNTS=FILE, every scripting object is wrapped in a CallCounter and
Session.close() writes FILE as JSON {"AdminConfig.list": n, ..., "total": N}.  Every interpreter goes
through it: CPython scripts call the objects directly, Jython (2.7 and 2.1) calls arrive over the bridge
(harness.launcher.bridge.Server dispatches on session.objects).  Calls the harness makes internally (an
AdminTask command reading through session.adminconfig) are not counted: only the script's calls are.
"""

import importlib
import json
import os
import shutil

from harness import errors, messages
from harness import wsadmin_semantics as sem

SESSION_FACTORY_ENV = "STWAS_SESSION_FACTORY"
CALL_COUNTS_ENV = "STWAS_CALL_COUNTS"


class UnavailableObject:
    """Stands in for a scripting object whose module has not landed yet."""

    def __init__(self, name, reason=""):
        self._name = name
        self._reason = reason

    def __getattr__(self, attr):
        if attr.startswith("_"):
            raise AttributeError(attr)

        def method(*args):
            raise errors.ScriptingException(sem.MSG_SERVICE_UNAVAILABLE)

        method.__name__ = attr
        return method

    def __repr__(self):
        return self._name


class Help:
    """The Help object: Help.AdminConfig() & co. answer the objects' general help (texts in harness.messages)."""

    def __getattr__(self, attr):
        if attr.startswith("_"):
            raise AttributeError(attr)

        def method(*args):
            return messages.help_object(attr)

        method.__name__ = attr
        return method

    def __repr__(self):
        return "Help"


class Session:
    def __init__(self, config_root, conntype, line_separator, objects, repository=None):
        self.config_root = config_root
        self.conntype = conntype
        self.line_separator = line_separator
        self.objects = objects
        self.repository = repository
        self.dmgr_node = None
        self.call_counts = None  # {"AdminConfig.list": n, ...} when STWAS_CALL_COUNTS is set
        self.call_counts_file = None

    def close(self):
        """Release the repository (if it has anything to release); never saves.  Writes the call counts."""
        if self.call_counts_file:
            write_call_counts(self.call_counts_file, self.call_counts)
            self.call_counts_file = None
        close = getattr(self.repository, "close", None)
        if callable(close):
            close()


# -- call counting (STWAS_CALL_COUNTS=FILE) ------------------------------------------------------------------
class CallCounter:
    """Counts the method calls made on one scripting object into ``counts["<Name>.<method>"]``."""

    __slots__ = ("_cache", "_counts", "_name", "_target")

    def __init__(self, name, target, counts):
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_counts", counts)
        object.__setattr__(self, "_cache", {})

    def __getattr__(self, attr):
        cache = self._cache
        if attr in cache:
            return cache[attr]
        value = getattr(self._target, attr)
        if attr.startswith("_") or not callable(value):
            return value
        key = "%s.%s" % (self._name, attr)
        counts = self._counts

        def method(*args, **kwargs):
            counts[key] = counts.get(key, 0) + 1  # counted before the call: a failing call is a call too
            return value(*args, **kwargs)

        method.__name__ = attr
        method.__doc__ = getattr(value, "__doc__", None)
        cache[attr] = method
        return method

    def __dir__(self):
        return dir(self._target)

    def __repr__(self):
        return repr(self._target)


def write_call_counts(path, counts):
    """FILE := {"AdminConfig.list": n, ... (sorted), "total": N}."""
    out = dict(sorted((counts or {}).items()))
    out["total"] = sum(out.values())
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=False)
        f.write("\n")


def _count_calls(session, path):
    """Wrap every scripting object of the session in a CallCounter sharing one dict."""
    counts = {}
    session.objects = {name: CallCounter(name, obj, counts) for name, obj in session.objects.items()}
    session.call_counts = counts
    session.call_counts_file = path


def check_config_root(config_root):
    """Raise NotAConfigRepositoryError unless config_root/cells/<cell>/cell.xml exists."""
    cells = os.path.join(config_root, "cells")
    ok = os.path.isdir(cells) and any(
        os.path.isfile(os.path.join(cells, c, "cell.xml")) for c in os.listdir(cells)
    )
    if not ok:
        raise errors.NotAConfigRepositoryError(sem.MSG_BAD_CONFIG_ROOT % config_root)


def _load_factory(spec):
    module, _, func = spec.partition(":")
    return getattr(importlib.import_module(module), func)


def _construct(cls, *args, **optional):
    """cls(*args, **optional), dropping the optional keywords the class does not accept."""
    try:
        return cls(*args, **optional)
    except TypeError:
        if not optional:
            raise
        return cls(*args)


def _real_objects(config_root, conntype, line_separator, session, overlay=None):
    objects = {}
    repository = None
    try:
        from harness.repository.repository import Repository
        from harness.repository.tree import open_tree
    except ImportError:
        Repository = None
    if Repository is not None:
        # raises NotAConfigRepositoryError (and ZipSourceError for a plan's zip)
        repository = Repository(tree=open_tree(config_root, overlay))
        if hasattr(repository, "line_separator"):
            repository.line_separator = line_separator
    session.repository = repository

    try:
        from harness.adminconfig import AdminConfig
    except ImportError:
        AdminConfig = None
    if AdminConfig is not None and repository is not None:
        objects["AdminConfig"] = _construct(AdminConfig, repository, line_separator=line_separator)
    else:
        objects["AdminConfig"] = UnavailableObject("AdminConfig")
    session.adminconfig = objects["AdminConfig"]

    try:
        from harness.admintask import AdminTask
    except ImportError:
        AdminTask = None
    try:  # command implementations register themselves on import, if the package provides them
        importlib.import_module("harness.admintask.commands")
    except ImportError:
        pass
    objects["AdminTask"] = _construct(AdminTask, session) if AdminTask and repository is not None \
        else UnavailableObject("AdminTask")

    try:
        from harness.adminapp import AdminApp
    except ImportError:
        AdminApp = None
    objects["AdminApp"] = _construct(AdminApp, session) if AdminApp and repository is not None \
        else UnavailableObject("AdminApp")

    # AdminControl by conntype: NONE raises on every call; SOAP & co. get the connected emulation.
    from harness.admincontrol import admin_control_for

    objects["AdminControl"] = admin_control_for(session, conntype)
    objects["Help"] = Help()
    return objects


def make_session(config_root, conntype="NONE", line_separator=os.linesep, objects_factory=None, overlay=None):
    """Build the Session for one wsadmin run.

    overlay: the plan's seam (-planOverlay): config_root (a directory or a backupConfig zip) is read-only and
    every save goes to this directory (harness.repository.tree.OverlayTree).
    Raises harness.errors.NotAConfigRepositoryError for a directory without cells/*/cell.xml.
    AdminTask/AdminApp are constructed with the Session itself as their context (attributes
    config_root, conntype, line_separator, repository, adminconfig, objects).
    """
    if overlay is None:
        check_config_root(config_root)
    session = Session(config_root, conntype, line_separator, {})
    if objects_factory is None and os.environ.get(SESSION_FACTORY_ENV):
        objects_factory = _load_factory(os.environ[SESSION_FACTORY_ENV])
    if objects_factory is not None:
        objects = dict(objects_factory(config_root, conntype, line_separator))
    else:
        objects = _real_objects(config_root, conntype, line_separator, session, overlay)
    objects.setdefault("Help", Help())
    if "AdminControl" not in objects:
        from harness.admincontrol import LocalAdminControl

        objects["AdminControl"] = LocalAdminControl()
    session.objects = objects
    if os.environ.get(CALL_COUNTS_ENV):  # count the script's scripting-object calls (module docstring)
        _count_calls(session, os.environ[CALL_COUNTS_ENV])
    return session


class NoKeywords:
    """Wraps a scripting object for CPython scripts: positional args only, like wsadmin [V]."""

    __slots__ = ("_cache", "_target")

    def __init__(self, target):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_cache", {})

    def __getattr__(self, name):
        cache = self._cache
        if name in cache:
            return cache[name]
        attr = getattr(self._target, name)
        if not callable(attr) or name.startswith("_"):
            return attr

        def method(*args, **kwargs):
            if kwargs:
                raise TypeError(sem.MSG_NO_KEYWORDS % name)
            return attr(*args)

        method.__name__ = name
        cache[name] = method
        return method

    def __repr__(self):
        return repr(self._target)


def default_interpreter():
    env = os.environ.get(sem.INTERPRETER_ENV)
    if env:
        return env
    return "jython" if shutil.which("jython") else "cpython"


def run(session, options, stdout=None):
    """Run the script/commands of ``options`` (harness.wsadmin.Options) in ``session``; return the exit code."""
    if options.interpreter in ("jython", "jython21"):
        from harness.launcher import jython_runner

        return jython_runner.run(session, options)
    from harness.launcher import cpython_runner

    return cpython_runner.run(session, options)
