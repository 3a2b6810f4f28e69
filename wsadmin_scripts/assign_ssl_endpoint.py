"""assign_ssl_endpoint.py: give a server (e.g. STProxyServer) its own inbound and/or outbound SSL configuration with a
chosen certificate alias, as the console's "SSL certificate and key management > Manage endpoint security
configurations > Inbound|Outbound > <server> > Override inherited values" does (sametime-operations.md 6.1, 6.2).

    wsadmin.sh -lang jython -f assign_ssl_endpoint.py --server STProxyServer --certificate-alias GlobalKey \
        [--node stproxySTPNode1] [--direction inbound|outbound|both] [--ssl-config CellDefaultSSLSettings] \
        [--ssl-config-scope "(cell):C"] [--endpoint WC_defaulthost_secure] [--dry-run]

Writes, at the scope (cell):C:(node):N:(server):S (or ...:(endpoint):E with --endpoint), one SSL configuration group
per direction (name = the server or endpoint name) that points at --ssl-config and --certificate-alias, through
AdminTask.getSSLConfigGroup (raises when there is none) / createSSLConfigGroup / modifySSLConfigGroup; the management
scope is created when missing. The alias must be a personal certificate of the SSL configuration's key store
(checked with getSSLConfig and listPersonalCertificates before anything changes). Restart the server afterwards.
"""

# stwas bootstrap: begin (byte-identical in every job: tests/test_job_contract.py; stwaslib/__init__.py says why)
import os
import sys

if sys.version[:3] < "2.1":  # Jython 2.1 (the wsadmin of WebSphere 7.0 and 8.5.5) is the oldest this job runs on
    sys.stdout.write(
        "ERROR: this job needs the wsadmin of WebSphere 7.0 or later (Jython 2.1 or 2.7), not Python %s\n" % sys.version[:3]
    )
    sys.exit(1)
else:  # stwaslib: in $STWAS_SCRIPTS, next to this job (wsadmin may run it without __file__), or in ./wsadmin_scripts
    sys.dont_write_bytecode = 1
    _LIB = [
        os.environ.get("STWAS_SCRIPTS", ""),
        os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)),
        os.path.dirname(os.path.abspath(globals().get("__file__") or ".")),
        os.path.join(os.getcwd(), "wsadmin_scripts"),
    ]
    _LIB = [_d for _d in _LIB if _d and os.path.isfile(os.path.join(_d, "stwaslib", "__init__.py"))]
    if not _LIB:
        raise SystemExit("ERROR: stwaslib not found next to this script: set STWAS_SCRIPTS to the wsadmin_scripts directory")
    if _LIB[0] not in sys.path:
        sys.path.insert(0, _LIB[0])
import stwaslib

# stwas bootstrap: end
from stwaslib import certificates as C
from stwaslib.compat import sort_by

JOB = "assign_ssl_endpoint"


def _record_of(value):
    return C.parse_record(stwaslib.text(value))


def _server_node(job, server, node):
    hits = []
    for sid in job.list("Server"):
        cid = stwaslib.ConfigId(sid)
        # the display name of a Server id is its name: no showAttribute per server
        if (cid.name or job.attr(sid, "name")) != server:
            continue
        n = cid.path_value("nodes")
        if node and n != node:
            continue
        hits.append(n)
    if not hits:
        raise stwaslib.JobError("server %s not found%s" % (server, node and " on node %s" % node or ""))
    if len(hits) > 1:
        raise stwaslib.UsageError("server %s exists on several nodes (%s): give --node" % (server, ", ".join(hits)))
    return hits[0]


def _group(job, name, direction, scope):
    try:
        return _record_of(job.AdminTask.getSSLConfigGroup(["-name", name, "-direction", direction, "-scopeName", scope]))
    except:  # noqa: E722  getSSLConfigGroup raises when the group does not exist
        return None


def plan(job, opts):
    """Reads only: the server's scope, the SSL configuration and its key store (the alias must be there), and the
    SSL configuration group of each direction as it is now."""
    if not opts.server:
        raise stwaslib.UsageError("--server is required")
    if not opts.alias:
        raise stwaslib.UsageError("--certificate-alias is required")
    if opts.direction not in ("inbound", "outbound", "both"):
        raise stwaslib.UsageError("--direction takes inbound, outbound or both")
    directions = opts.direction == "both" and ["inbound", "outbound"] or [opts.direction]
    node = _server_node(job, opts.server, opts.node)
    job.affects(opts.server, node)
    cell = C.cell_scope(job)
    scope = "%s:(node):%s:(server):%s" % (cell, node, opts.server)
    name = opts.server
    if opts.endpoint:
        scope = "%s:(endpoint):%s" % (scope, opts.endpoint)
        name = opts.endpoint
    ssl_scope = opts.ssl_config_scope or cell
    try:
        ssl = _record_of(job.AdminTask.getSSLConfig(["-alias", opts.ssl_config, "-scopeName", ssl_scope]))
    except:  # noqa: E722
        raise stwaslib.JobError("the SSL configuration %s does not exist at the scope %s" % (opts.ssl_config, ssl_scope))
    ks, ks_scope = ssl.get("keyStore"), ssl.get("keyStoreScope") or cell
    aliases = [r.get("alias") for r in C.personal(job, ks, ks_scope)]
    if opts.alias.lower() not in [a.lower() for a in aliases]:
        raise stwaslib.JobError(
            "the certificate alias %s does not exist in the key store %s (%s) of the SSL "
            "configuration %s; its personal certificates: %s"
            % (opts.alias, ks, ks_scope, opts.ssl_config, ", ".join(aliases) or "(none)")
        )
    job.extra.update(
        {"scope": scope, "group": name, "ssl_config": opts.ssl_config, "alias": opts.alias, "directions": directions}
    )
    p = stwaslib.Plan()
    p.name, p.scope, p.ssl_scope, p.groups = name, scope, ssl_scope, []
    for d in directions:  # (direction, the group now or None)
        p.groups.append((d, _group(job, name, d, scope)))
    return p


def apply(job, p):
    opts, name, scope, ssl_scope = job.options, p.name, p.scope, p.ssl_scope
    for d, cur in p.groups:
        args = [
            "-name",
            name,
            "-direction",
            d,
            "-scopeName",
            scope,
            "-sslConfigAliasName",
            opts.ssl_config,
            "-sslConfigScopeName",
            ssl_scope,
            "-certificateAlias",
            opts.alias,
        ]
        want = {"sslConfig": opts.ssl_config, "sslConfigScope": ssl_scope, "certificateAlias": opts.alias}
        target = "%s %s %s" % (scope, name, d)
        if cur is None:
            job.AdminTask.createSSLConfigGroup(args)
            job.record(
                "create",
                "SSLConfigGroup",
                target,
                None,
                want,
                detail="%s: SSL configuration %s, certificate alias %s" % (d, opts.ssl_config, opts.alias),
            )
            continue
        old = {}
        for k in want.keys():
            old[k] = cur.get(k, "")
        if old == want:
            job.info("%s group of %s already uses %s with the alias %s" % (d, name, opts.ssl_config, opts.alias))
            continue
        job.AdminTask.modifySSLConfigGroup(args)
        job.record(
            "modify",
            "SSLConfigGroup",
            target,
            old,
            want,
            detail=", ".join(
                [
                    "%s %s -> %s" % (k, stwaslib.job.quote(old[k]), stwaslib.job.quote(want[k]))
                    for k in sort_by(want.keys())
                    if old[k] != want[k]
                ]
            ),
        )
    if job.changes:
        job.info("restart %s to use the new SSL settings" % opts.server)


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        description="Give a server its own inbound/outbound SSL configuration group "
        "with a chosen certificate alias (Manage endpoint security configurations).",
    )
    job.add_option("--server", dest="server", help="the server, e.g. STProxyServer")
    job.add_option("--node", dest="node", help="its node (only when the server name is not unique)")
    job.add_option("--certificate-alias", dest="alias", help="the personal certificate alias, e.g. GlobalKey")
    job.add_option("--direction", dest="direction", default="inbound", help="inbound (default), outbound or both")
    job.add_option(
        "--ssl-config",
        dest="ssl_config",
        default="CellDefaultSSLSettings",
        help="the SSL configuration (default CellDefaultSSLSettings)",
    )
    job.add_option("--ssl-config-scope", dest="ssl_config_scope", help="its scope (default: the cell)")
    job.add_option("--endpoint", dest="endpoint", help="override one endpoint only, e.g. WC_defaulthost_secure")
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
