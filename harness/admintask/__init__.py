"""AdminTask: argument parser (args), result formats (formats), command registry and the scripting
object (framework).  Command implementations register themselves with ``@command`` in the default
registry when their modules are imported."""

from .args import Param, ParsedArgs, Step
from .framework import DEFAULT_REGISTRY, AdminTask, Command, Registry, command, command_group
from . import commands  # noqa: E402,F401  (registers the command implementations)

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
