"""AdminTask command implementations.  Importing this package registers every command module's
commands in ``harness.admintask.DEFAULT_REGISTRY``."""

from . import ports, servers, sib  # noqa: F401  (registration side effect)
from . import idmgr  # noqa: F401
from . import security  # noqa: F401
from . import certificates, sslconfig  # noqa: F401
from . import ltpa  # noqa: F401  (LTPACommandGroup exportLTPAKeys/importLTPAKeys)

__all__ = ["ports", "servers", "sib"]
