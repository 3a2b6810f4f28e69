"""AdminTask command implementations.  Importing this package registers every command module's
commands in ``harness.admintask.DEFAULT_REGISTRY`` (ltpa: LTPACommandGroup exportLTPAKeys/importLTPAKeys)."""

from . import certificates, idmgr, ltpa, ports, security, servers, sib, sslconfig  # noqa: F401  (registration)
from . import cleanup, jvm  # noqa: F401,E402  (registration: JVM settings, deleteServer/cleanupNode)

__all__ = ["certificates", "idmgr", "ltpa", "ports", "security", "servers", "sib", "sslconfig"]
