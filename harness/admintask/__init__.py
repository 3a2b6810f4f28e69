"""AdminTask: argument parser (args), result formats (formats), command registry and the scripting
object (framework).  Command implementations register themselves with ``@command`` in the default
registry when their modules are imported."""

from . import commands  # noqa: F401  (registers the command implementations)
from .args import Param, ParsedArgs, Step
from .framework import DEFAULT_REGISTRY, AdminTask, Command, Registry, command, command_group

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
