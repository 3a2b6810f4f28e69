"""AdminTask command implementations.  Importing this package registers every command module's
commands in ``harness.admintask.DEFAULT_REGISTRY`` (ltpa: LTPACommandGroup exportLTPAKeys/importLTPAKeys)."""

from . import certificates, cleanup, idmgr, jvm, ltpa, metadata, ports, security, servercreate, servers, sib, sslconfig  # noqa: F401  (registration)

__all__ = ["certificates", "cleanup", "idmgr", "jvm", "ltpa", "ports", "security", "servers", "sib", "sslconfig"]
