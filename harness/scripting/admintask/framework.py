"""The AdminTask command registry and the ``AdminTask`` scripting object (wsadmin-semantics.md §5).

A command is a function ``fn(ctx, target, params) -> result`` registered with::

    @command("listServerPorts", "PortManagement", target="required",
             params=[Param("nodeName")], description="Displays the ports of a server.")
    def list_server_ports(ctx, target, params): ...

``params`` is a dict holding every declared parameter (typed: Boolean -> bool, Integer/Long -> int,
``X[]`` -> list, ``X[][]`` -> list of rows; ``None`` when absent and without default) and every
declared step (``None`` when absent, a dict of typed step parameters, or a list of rows for a table
step).  ``target`` is the target-object string as given, or ``None``.  The result is normalised by
``formats.to_result`` (``None`` -> ``''``, bool -> ``'true'``/``'false'``, list -> lines joined with
``ctx.line_separator``).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from typing import Any, Protocol

from harness.base import messages as M
from harness.base.errors import ScriptingException
from harness.scripting.admintask import formats
from harness.scripting.admintask.args import Param, ParsedArgs, Signature, Step, coerce, parse_args

__all__ = [
    "DEFAULT_REGISTRY",
    "AdminTask",
    "Command",
    "Param",
    "ParsedArgs",
    "Registry",
    "Step",
    "command",
    "command_group",
]

# --------------------------------------------------------------------------------------------------
# Messages [U] (ids WASX8001I..WASX8008I are the AdminTask help family; texts reconstructed).
# --------------------------------------------------------------------------------------------------
# [V] keyword arguments to a scripting-object method (TypeError).
MSG_NO_KEYWORDS = "%s(): takes no keyword arguments"
# [U] unknown AdminTask command: an AttributeError (Jython attribute lookup on the AdminTask object).
MSG_NO_COMMAND = "'AdminTask' object has no attribute '%s'"
# Harness-only: AdminTask.cmd('-interactive') needs a console; the harness refuses it.
# [U] help never raises: unknown topics return the M.TASK_HELP_UNKNOWN text.
HELP_RAISES_ON_UNKNOWN = False


class CommandContext(Protocol):
    """What a command sees as ``ctx``: the launcher's Session (harness.launcher.session) or a test's stand-in."""

    config_root: str
    conntype: str
    line_separator: str
    repository: Any  # harness.config.repository.repository.Repository
    adminconfig: Any  # harness.scripting.adminconfig.AdminConfig
    objects: dict[str, Any]


# fn(ctx, target, params) -> result (normalised by formats.to_result)
CommandFn = Callable[[CommandContext, "str | None", "dict[str, Any]"], Any]


class Command:
    def __init__(
        self,
        name: str,
        group: str,
        fn: CommandFn,
        params=(),
        steps=(),
        target: str | None = None,
        description: str = "",
        target_description: str = "",
    ):
        self.name = name
        self.group = group
        self.fn = fn
        self.params = list(params)
        self.steps = list(steps)
        self.target = target
        self.description = description
        self.target_description = target_description
        self.signature = Signature(name, self.params, self.steps, target)

    def __repr__(self):
        return "Command(%r, %r)" % (self.name, self.group)


class Registry:
    """Commands by name and command groups (name -> description)."""

    def __init__(self):
        self.commands = {}
        self.groups = {}

    def add_group(self, name, description=""):
        if description or name not in self.groups:
            self.groups[name] = description

    def add(self, cmd):
        if cmd.name in self.commands:
            raise ValueError("AdminTask command %s is already registered" % cmd.name)
        if cmd.name == "help" or cmd.name.startswith("_"):
            raise ValueError("invalid AdminTask command name %r" % cmd.name)
        self.commands[cmd.name] = cmd
        self.add_group(cmd.group)
        return cmd

    def get(self, name):
        return self.commands.get(name)

    def in_group(self, group):
        return sorted((c for c in self.commands.values() if c.group == group), key=lambda c: c.name)


DEFAULT_REGISTRY = Registry()


def command(name, group, params=(), steps=(), target=None, description="", target_description="", registry=None):
    """Decorator registering ``fn(ctx, target, params)`` as AdminTask command ``name``.

    ``target``: ``None`` (no target object), ``'required'`` or ``'optional'``.  ``registry`` defaults
    to ``DEFAULT_REGISTRY``.  Returns ``fn`` unchanged (the Command is attached as ``fn.command``).
    """
    reg = DEFAULT_REGISTRY if registry is None else registry

    def deco(fn):
        cmd = Command(name, group, fn, params, steps, target, description, target_description)
        reg.add(cmd)
        fn.command = cmd
        return fn

    return deco


def command_group(name, description="", registry=None):
    """Declare a command group (its description shows in ``help('-commandGroups')``)."""
    (DEFAULT_REGISTRY if registry is None else registry).add_group(name, description)


class AdminTask:
    """The AdminTask scripting object.  ``AdminTask(ctx)``; attribute access returns a callable for
    each registered command (positional arguments only)."""

    def __init__(self, ctx: CommandContext | None = None, registry: Registry | None = None):
        self._ctx = ctx
        self._registry = DEFAULT_REGISTRY if registry is None else registry

    # -- command dispatch -------------------------------------------------------------------------
    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        cmd = self._registry.get(name)
        if cmd is None:
            raise AttributeError(MSG_NO_COMMAND % name)

        def invoke(*args, **kwargs):
            if kwargs:
                raise TypeError(MSG_NO_KEYWORDS % name)
            return self._invoke(cmd, args)

        invoke.__name__ = name
        invoke.__doc__ = cmd.description
        return invoke

    def __dir__(self):
        return sorted(set(self._registry.commands) | {"help"})

    def _sep(self):
        return formats.line_separator(self._ctx)

    def _invoke(self, cmd, args):
        if len(args) == 1 and isinstance(args[0], str) and args[0].strip() == "-interactive":
            raise ScriptingException(M.TASK_INTERACTIVE % cmd.name)
        parsed = parse_args(args, cmd.signature)
        values = coerce(parsed, cmd.signature)
        result = cmd.fn(self._ctx, parsed.target, values)
        return formats.to_result(result, self._sep())

    # -- help -------------------------------------------------------------------------------------
    def help(self, *args, **kwargs):
        if kwargs:
            raise TypeError(MSG_NO_KEYWORDS % "help")
        sep = self._sep()
        if len(args) == 1 and isinstance(args[0], str) and " " in args[0].strip():
            args = tuple(args[0].split())  # help('-commands *SSL*') [U]
        if not args:
            return sep.join(M.TASK_HELP_GENERAL)
        topic = str(args[0])
        pattern = str(args[1]) if len(args) > 1 else "*"
        reg = self._registry
        if topic == "-commands":
            names = sorted(n for n in reg.commands if fnmatch.fnmatchcase(n, pattern))
            body = ["%s - %s" % (n, reg.commands[n].description) for n in names]
            return sep.join([M.TASK_HELP_COMMANDS_HEADER + ":", ""] + body)
        if topic == "-commandGroups":
            names = sorted(g for g in reg.groups if fnmatch.fnmatchcase(g, pattern))
            body = ["%s - %s" % (g, reg.groups[g]) for g in names]
            return sep.join([M.TASK_HELP_GROUPS_HEADER + ":", ""] + body)
        cmd = reg.get(topic)
        if cmd is not None:
            if len(args) > 1:
                return self._step_help(cmd, str(args[1]), sep)
            return sep.join(self._command_help(cmd))
        if topic in reg.groups:
            body = ["%s - %s" % (c.name, c.description) for c in reg.in_group(topic)]
            return sep.join(
                [M.TASK_HELP_GROUP_HEADER % topic, "", "Description: %s" % reg.groups[topic], "", "Commands:"]
                + (body or ["None"])
            )
        return self._unknown(M.TASK_HELP_UNKNOWN % topic)

    def _unknown(self, message):
        if HELP_RAISES_ON_UNKNOWN:
            raise ScriptingException(message)
        return message

    @staticmethod
    def _param_lines(params):
        if not params:
            return ["  None"]
        return ["  %s%s - %s" % ("*" if p.required else "", p.name, p.description) for p in params]

    def _command_help(self, cmd):
        if cmd.target is None:
            target = "None"
        else:
            target = cmd.target_description or ("required" if cmd.target == "required" else "optional")
        out = [
            M.TASK_HELP_COMMAND_HEADER % cmd.name,
            "",
            "Description: %s" % cmd.description,
            "",
            "Target object: %s" % target,
            "",
            "Arguments:",
        ]
        out += self._param_lines(cmd.params)
        out += ["", "Steps:"]
        if cmd.steps:
            out += ["  %s%s - %s" % ("*" if s.required else "", s.name, s.description) for s in cmd.steps]
        else:
            out += ["  None"]
        return out

    def _step_help(self, cmd, step_name, sep):
        step = cmd.signature.step(step_name)
        if step is None:
            return self._unknown(M.TASK_HELP_UNKNOWN_STEP % (step_name, cmd.name))
        out = [M.TASK_HELP_STEP_HEADER % (step.name, cmd.name), "", "Description: %s" % step.description, ""]
        if step.table:
            out += ["Collection type: Table", "", "Columns:"]
            out += ["  %s" % c for c in step.columns] or ["  None"]
        else:
            out += ["Arguments:"] + self._param_lines(step.params)
        return sep.join(out)
