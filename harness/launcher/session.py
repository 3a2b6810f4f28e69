"""The launcher seam: a Session holds the scripting objects a script sees; runners execute scripts in it.

    session = make_session(config_root, conntype, line_separator, objects_factory=None)
    session.objects   # {"AdminConfig": ..., "AdminTask": ..., "AdminApp": ..., "AdminControl": ..., "Help": ...}

The real objects are harness.scripting's AdminConfig, AdminTask, AdminApp and AdminControl over a
harness.config.repository Repository.  ``objects_factory(config_root, conntype, line_separator) -> dict`` (or the
env var STWAS_SESSION_FACTORY="module:function") replaces them entirely, for tests.

Call counting: with env STWAS_CALL_COUNTS=FILE, every scripting object is wrapped in a CallCounter and
Session.close() writes FILE as JSON {"AdminConfig.list": n, ..., "total": N}.  Every interpreter goes
through it: CPython scripts call the objects directly, Jython (2.7 and 2.1) calls arrive over the bridge
(harness.launcher.bridge.Server dispatches on session.objects).  Calls the harness makes internally (an
AdminTask command reading through session.adminconfig) are not counted: only the script's calls are.
"""

from __future__ import annotations

import importlib
import json
import os

from harness.base import messages
from harness.base import wsadmin_semantics as sem
from harness.config.repository.repository import Repository
from harness.config.repository.tree import check_config_root, open_tree
from harness.scripting.adminapp import AdminApp
from harness.scripting.adminconfig import AdminConfig
from harness.scripting.admincontrol import LocalAdminControl, admin_control_for
from harness.scripting.admintask import AdminTask

SESSION_FACTORY_ENV = "STWAS_SESSION_FACTORY"
CALL_COUNTS_ENV = "STWAS_CALL_COUNTS"


class Help:
    """The Help object: Help.AdminConfig() & co. answer the objects' general help (texts in harness.base.messages)."""

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
    """One wsadmin run: the scripting objects a script sees, and the context of the AdminTask and AdminApp
    commands (harness.scripting.admintask.framework.CommandContext)."""

    def __init__(
        self,
        config_root: str,
        conntype: str,
        line_separator: str,
        objects: dict[str, object],
        repository: Repository | None = None,
    ):
        self.config_root = config_root
        self.conntype = conntype
        self.line_separator = line_separator
        self.objects = objects
        self.repository = repository
        self.adminconfig: AdminConfig | None = None
        self.dmgr_node: str | None = None
        self.call_counts: dict[str, int] | None = None  # {"AdminConfig.list": n, ...} when STWAS_CALL_COUNTS is set
        self.call_counts_file: str | None = None

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


def _load_factory(spec):
    module, _, func = spec.partition(":")
    return getattr(importlib.import_module(module), func)


def _real_objects(config_root, conntype, line_separator, session, overlay=None):
    # raises NotAConfigRepositoryError (and ZipSourceError for a plan's zip)
    repository = Repository(tree=open_tree(config_root, overlay))
    repository.line_separator = line_separator
    session.repository = repository
    objects = {"AdminConfig": AdminConfig(repository, line_separator=line_separator)}
    session.adminconfig = objects["AdminConfig"]
    objects["AdminTask"] = AdminTask(session)
    objects["AdminApp"] = AdminApp(session)
    # AdminControl by conntype: NONE raises on every call; SOAP & co. get the connected emulation.
    objects["AdminControl"] = admin_control_for(session, conntype)
    objects["Help"] = Help()
    return objects


def make_session(
    config_root: str,
    conntype: str = "NONE",
    line_separator: str = os.linesep,
    objects_factory=None,
    overlay: str | None = None,
) -> Session:
    """Build the Session for one wsadmin run.

    overlay: the plan's seam (-planOverlay): config_root (a directory or a backupConfig zip) is read-only and
    every save goes to this directory (harness.config.repository.tree.OverlayTree).
    Raises harness.base.errors.NotAConfigRepositoryError for a directory without cells/*/cell.xml.
    AdminTask/AdminApp are constructed with the Session itself as their context (attributes
    config_root, conntype, line_separator, repository, adminconfig, objects).
    """
    if overlay is None:
        check_config_root(config_root)  # also before an objects_factory: the launcher's one check
    session = Session(config_root, conntype, line_separator, {})
    if objects_factory is None and os.environ.get(SESSION_FACTORY_ENV):
        objects_factory = _load_factory(os.environ[SESSION_FACTORY_ENV])
    if objects_factory is not None:
        objects = dict(objects_factory(config_root, conntype, line_separator))
    else:
        objects = _real_objects(config_root, conntype, line_separator, session, overlay)
    objects.setdefault("Help", Help())
    if "AdminControl" not in objects:
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
