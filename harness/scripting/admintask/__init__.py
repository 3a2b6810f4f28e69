"""AdminTask: argument parser (args), result formats (formats), command registry and the scripting
object (framework).  Command implementations register themselves with ``@command`` in the default
registry when their modules are imported."""

from harness.scripting.admintask import commands  # noqa: F401  (registers the command implementations)
from harness.scripting.admintask.framework import *  # noqa: F403  (the package's API is the framework's)
from harness.scripting.admintask.framework import __all__  # noqa: F401
