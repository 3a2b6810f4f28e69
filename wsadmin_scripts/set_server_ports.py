"""set_server_ports: set named endpoints (host and port) of a server and add the matching host aliases.

    wsadmin.sh -lang jython -f set_server_ports.py --server STProxyServer --host chat.example.com \
        --http-port 80 --https-port 443 [--node N] [--endpoint NAME=[HOST:]PORT]... [--virtual-host VH]
        [--alias-host H] [--no-aliases] [--dry-run]

Tip (a) of the talk: WebSphere never binds 80/443 by itself, so STProxyServer's WC_defaulthost and
WC_defaulthost_secure move to 80/443 (serverindex.xml), and the virtual host the server's web modules use
(default_host unless --virtual-host) gets the aliases host:80 and host:443 (virtualhosts.xml). A change that
makes two servers on the same machine or host name listen on the same port (the Proxy and Meeting clash) is
refused, naming both servers. Idempotent: only differing values are changed, existing aliases are kept.
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
from stwaslib import topology
from stwaslib.compat import has_key, sort_by, split_last

JOB = "set_server_ports"

HTTP_ENDPOINT = {"APPLICATION_SERVER": "WC_defaulthost", "PROXY_SERVER": "PROXY_HTTP_ADDRESS"}
HTTPS_ENDPOINT = {"APPLICATION_SERVER": "WC_defaulthost_secure", "PROXY_SERVER": "PROXY_HTTPS_ADDRESS"}


def parse_port(value, what):
    port = topology.valid_port(value)
    if port is None:
        raise stwaslib.UsageError("invalid port '%s' for %s: must be a whole number from 1 to 65535" % (value, what))
    return port


def parse_host(value, what):
    if not topology.valid_host(value):
        raise stwaslib.UsageError("invalid host name '%s' for %s" % (value, what))
    return value


def endpoint_specs(opts, server_type):
    """[(endPointName, host or None, port)] from --endpoint, --http-port, --https-port."""
    specs = []
    for spec in opts.endpoints or []:
        if "=" not in spec:
            raise stwaslib.UsageError("--endpoint wants NAME=[HOST:]PORT, got '%s'" % spec)
        name, value = spec.split("=", 1)
        name = name.strip()
        if not name:
            raise stwaslib.UsageError("--endpoint wants NAME=[HOST:]PORT, got '%s'" % spec)
        host = None
        if ":" in value:
            host, value = split_last(value, ":")
            host = parse_host(host, name)
        specs.append((name, host, parse_port(value, name)))
    if opts.http_port is not None:
        specs.append((HTTP_ENDPOINT.get(server_type, "WC_defaulthost"), None, opts.http_port))
    if opts.https_port is not None:
        specs.append((HTTPS_ENDPOINT.get(server_type, "WC_defaulthost_secure"), None, opts.https_port))
    seen = {}
    for name, host, port in specs:
        if has_key(seen, name) and seen[name] != (host, port):
            raise stwaslib.UsageError("endpoint %s is given twice with different values" % name)
        seen[name] = (host, port)
    out, done = [], []
    for s in specs:
        if s[0] not in done:
            out.append(s)
            done.append(s[0])
    return out


def plan(job, opts):
    """Reads only: the server, the endpoints with their wanted host and port (no clash), the aliases to add."""
    if not opts.server:
        raise stwaslib.UsageError("--server is required (see --help)")
    if not (opts.endpoints or opts.http_port is not None or opts.https_port is not None):
        raise stwaslib.UsageError("nothing to set: give --http-port, --https-port or --endpoint NAME=[HOST:]PORT")
    if opts.host is not None:
        parse_host(opts.host, "--host")
    if opts.alias_host is not None:
        parse_host(opts.alias_host, "--alias-host")

    cell = job.topology()
    srv = cell.server(opts.server, opts.node)
    job.affects(srv)
    job.routing_changed()
    specs = endpoint_specs(opts, srv.type)
    job.info("server %s on node %s (node host %s)" % (srv.name, srv.node, srv.node_host))

    # wanted state, checked before anything is touched
    wanted = []
    for name, host, port in specs:
        ep = srv.endpoint(name)
        if ep is None:
            raise stwaslib.JobError(
                "server %s on node %s has no endpoint %s (it has: %s)"
                % (srv.name, srv.node, name, ", ".join(sort_by([e.name for e in srv.endpoints])))
            )
        new_host = host or opts.host or ep.host
        wanted.append((ep, ep.host, ep.port, new_host, port))
    for ep, _oh, _op, new_host, port in wanted:
        ep.host, ep.port = new_host, port
    clashes = cell.clashes([w[0] for w in wanted])
    if clashes:
        seen, msgs = [], []
        for a, b in clashes:
            key = tuple(sort_by([a.label(), b.label()]))
            if key in seen:
                continue
            seen.append(key)
            msgs.append("%s and %s" % (a.label(), b.label()))
        raise stwaslib.JobError(
            "port clash, refused: %s would listen on the same host and port (%s)" % (srv.name, "; ".join(msgs))
        )

    # virtual hosts for the aliases
    alias_plan = []  # (virtual host, hostname, port)
    vhosts = None
    if not opts.no_aliases:
        vhosts = topology.VirtualHosts(job, cell.name)
        web_vhs = None
        for ep, _oh, _op, new_host, port in wanted:
            if not has_key(topology.WEB_ENDPOINTS, ep.name):
                continue
            fixed = topology.WEB_ENDPOINTS[ep.name]
            if fixed:
                names = [fixed]
            elif opts.virtual_host:
                names = [opts.virtual_host]
            else:
                if web_vhs is None:
                    web_vhs = topology.web_module_virtual_hosts(job, srv)
                names = web_vhs
            alias_host = opts.alias_host
            if alias_host is None:
                alias_host = new_host
                if topology.is_wildcard(alias_host) or alias_host == topology.LOCALHOST_VARIABLE:
                    alias_host = "*"
            for vh in names:
                if vhosts.id(vh) is None:
                    raise stwaslib.JobError(
                        "virtual host %s does not exist in cell %s (create it with "
                        "map_virtual_host.py --create)" % (vh, cell.name)
                    )
                if (vh, alias_host, port) not in alias_plan:
                    alias_plan.append((vh, alias_host, port))

    p = stwaslib.Plan()
    p.server, p.wanted, p.vhosts = srv, wanted, vhosts
    p.aliases = []  # the aliases to create: not there yet (host names compare case-insensitively)
    for vh, hostname, port in alias_plan:
        if not vhosts.has_alias(vh, hostname, port) and not [
            1 for v, h, pt in p.aliases if v == vh and h.lower() == hostname.lower() and pt == port
        ]:
            p.aliases.append((vh, hostname, port))
    p.endpoint_ids = cell.entry_endpoint_ids(srv, [w[0].name for w in wanted])
    eps = {}
    for ep, _oh, _op, new_host, port in wanted:
        eps[ep.name] = "%s:%s" % (new_host, port)
    p.result = {
        "server": srv.name,
        "node": srv.node,
        "endpoints": eps,
        "virtual_host_aliases": ["%s %s:%s" % a for a in alias_plan],
    }
    return p


def apply(job, p):
    srv, ids = p.server, p.endpoint_ids
    for ep, _oh, _op, new_host, port in p.wanted:
        if not has_key(ids, ep.name):
            raise stwaslib.JobError("endpoint %s of %s vanished from serverindex.xml" % (ep.name, srv.label()))
        job.ensure(ids[ep.name], "EndPoint", "%s %s" % (srv.label(), ep.name), [("host", new_host), ("port", str(port))])
    for vh, hostname, port in p.aliases:
        job.create("HostAlias", p.vhosts.id(vh), [("hostname", hostname), ("port", str(port))], vh)
    if [w for w in p.wanted if w[4] < 1024]:
        job.info("note: ports below 1024 need the server process to run as root on Unix")


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        usage="%prog --server NAME [--node NODE] [--host HOST] [--http-port P] "
        "[--https-port P] [--endpoint NAME=[HOST:]PORT]... [options]",
        description="Set named endpoints (host, port) of a server in serverindex.xml and add the "
        "matching host aliases to its virtual host; refuses port clashes between servers.",
    )
    job.add_option("--server", help="server name, e.g. STProxyServer")
    job.add_option("--node", help="node of the server (needed only when the name is not unique in the cell)")
    job.add_option("--host", help="host name for the endpoints (default: keep each endpoint's host)")
    job.add_option("--http-port", type="port", help="port of WC_defaulthost (PROXY_HTTP_ADDRESS for a proxy server)")
    job.add_option("--https-port", type="port", help="port of WC_defaulthost_secure (PROXY_HTTPS_ADDRESS for a proxy server)")
    job.add_option(
        "--endpoint",
        action="append",
        dest="endpoints",
        metavar="NAME=[HOST:]PORT",
        help="any named endpoint, repeatable, e.g. SIP_DEFAULTHOST=5060",
    )
    job.add_option(
        "--virtual-host", help="virtual host for the aliases (default: the one the server's web modules use, default_host)"
    )
    job.add_option("--alias-host", help="host name of the new aliases (default: the endpoint host, * for any)")
    job.add_option("--no-aliases", action="store_true", help="do not touch virtual hosts")
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
