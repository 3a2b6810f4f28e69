"""AdminTask command implementations.  Importing this package registers every command module's
commands in ``harness.scripting.admintask.DEFAULT_REGISTRY`` (ltpa: LTPACommandGroup exportLTPAKeys/importLTPAKeys)."""

from harness.scripting.admintask.commands import (  # noqa: F401  (registration)
    certificates,
    cleanup,
    idmgr,
    jvm,
    ltpa,
    metadata,
    ports,
    security,
    servercreate,
    servers,
    sib,
    sslconfig,
)

__all__ = ["certificates", "cleanup", "idmgr", "jvm", "ltpa", "ports", "security", "servers", "sib", "sslconfig"]
