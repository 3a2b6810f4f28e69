"""https_redirect: redirect HTTP to HTTPS in a WebSphere proxy server (tip h of the talk).

    wsadmin.sh -lang jython -f https_redirect.py --url https://meeting.example.com:443/stmeetings \
        [--proxy-server STMeetingHttpProxy] [--node N] [--rule nonSSL2SSL] [--virtual-host proxy_https_host]
        [--uri-group https_uri_group] [--uri-pattern /*] [--alias-host *] [--port 80] [--keep-other-aliases]
        [--allow-http] [--force] [--dry-run]

What the talk clicks together, as configuration of the proxy server (proxy-settings.xml) and the cell
(virtualhosts.xml):
  - the URI group (`/*`) in the proxy server's ProxySettings,
  - the virtual host that owns the port-80 mapping (alias *:80; the same alias is removed from the other
    virtual hosts, as the talk says, unless --keep-other-aliases; admin_host is never touched). Who serves there is
    checked first: when a web module's virtual host would lose its last alias for a port its server listens on
    (STProxyServer moved to 80 serves /stwebclient through default_host's *:80), the job refuses and names the
    modules and servers (stwaslib.webmodules), unless --force,
  - the routing rule (enabled, that virtual host, that URI group) in the proxy's RoutingPolicy, whose routing
    action is a RedirectRoute to the https URL.
A WebSphere proxy redirects the URL patterns of the group only; the web.xml CONFIDENTIAL transport guarantee or an
IHS rewrite are the alternatives. Idempotent: existing objects are kept and only differing values are changed.
Restart (the result's restart): the proxy server, and the servers whose web modules' virtual host lost an alias.
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
from stwaslib import topology, webmodules
from stwaslib.compat import sort_by, unique
from stwaslib.configtext import ConfigId

JOB = "https_redirect"
# console rule for routing rule / URI group / virtual host names (sametime-operations.md 10)
NAME_FORBIDDEN = "#\\/,:;\"*?<>|=+&%' \t"


def check_name(value, option):
    if not value or value[0] in ". " or [c for c in value if c in NAME_FORBIDDEN]:
        raise stwaslib.UsageError(
            "invalid name '%s' for %s (no blanks or # \\ / , : ; \" * ? < > | = + & %% ', no leading period)" % (value, option)
        )
    return value


def check_url(value, allow_http):
    v = (value or "").strip()
    low = v.lower()
    ok = low.startswith("https://") or (allow_http and low.startswith("http://"))
    rest = v.split("://", 1)[-1]
    if not ok or not rest or rest[0] in "/:" or [c for c in v if c.isspace() or c in '"<>[]']:
        raise stwaslib.UsageError("--url wants an https URL such as https://meeting.example.com/stmeetings, got '%s'" % value)
    return v


def find_by_name(job, ids, name):
    for i in ids:
        if ConfigId(i).name == name:
            return i
    for i in ids:  # display name not the name attribute: ask
        if job.attr(i, "name") == name:
            return i
    return None


def check_options(opts):
    """(url, rule, virtual host, URI group, patterns, port) from the options; UsageError naming the first bad one."""
    url = check_url(opts.url, opts.allow_http)
    rule_name = check_name(opts.rule, "--rule")
    vh_name = check_name(opts.virtual_host, "--virtual-host")
    group_name = check_name(opts.uri_group, "--uri-group")
    patterns = opts.uri_patterns or ["/*"]
    for p in patterns:
        if not p.startswith("/") or [c for c in p if c.isspace()]:
            raise stwaslib.UsageError("invalid --uri-pattern '%s' (it starts with /, e.g. /*)" % p)
    port = topology.valid_port(opts.port)
    if port is None:
        raise stwaslib.UsageError("invalid port '%s' for --port: must be a whole number from 1 to 65535" % opts.port)
    if not topology.valid_host(opts.alias_host):
        raise stwaslib.UsageError("invalid host name '%s' for --alias-host" % opts.alias_host)
    if vh_name == topology.ADMIN_VIRTUAL_HOST:
        raise stwaslib.UsageError("the redirect virtual host must not be admin_host")
    return url, rule_name, vh_name, group_name, patterns, str(port)


def find_proxy(job, opts):
    """(cell, cell name, server name, node) of the proxy server: the servers with a proxy-settings.xml (one list
    call, whatever the size of the cell); the server entries (cell, else None) only when that does not decide."""
    cell, cell_name = None, None
    candidates = []
    for ps_id in job.list("ProxySettings"):
        c = ConfigId(ps_id)
        cell_name = c.path_value("cells")
        candidates.append((c.path_value("nodes"), c.path_value("servers")))
    wanted_node = opts.node
    if not opts.proxy_server:
        hits = [(n, s) for n, s in candidates if wanted_node is None or n == wanted_node]
        if len(hits) != 1:
            raise stwaslib.JobError(
                "%s WebSphere proxy servers with proxy settings in the cell (%s): give "
                "--proxy-server" % (len(hits) or "no", ", ".join(sort_by(["%s@%s" % (s, n) for n, s in hits])) or "none")
            )
        return cell, cell_name, hits[0][1], hits[0][0]
    hits = [(n, s) for n, s in candidates if s == opts.proxy_server and (wanted_node is None or n == wanted_node)]
    if len(hits) == 1:
        return cell, cell_name, hits[0][1], hits[0][0]
    # not (yet) a proxy with ProxySettings, or ambiguous: look at the server entries
    cell = topology.Cell(job)
    srv = cell.server(opts.proxy_server, wanted_node)
    if srv.type != "PROXY_SERVER":
        raise stwaslib.JobError(
            "%s on node %s is a %s, not a WebSphere proxy server (PROXY_SERVER): a redirect "
            "routing rule only works in a proxy server" % (srv.name, srv.node, srv.type)
        )
    return cell, cell.name, srv.name, srv.node


def alias_removals(job, p, opts, vhosts, cell):
    """The port aliases that leave the other virtual hosts ((virtual host, hostname, port, alias id)), and the
    servers to restart ((name, node)); refuses when a web module would lose its virtual host for a port of its server."""
    removals = []
    if not opts.keep_other_aliases:
        for other in sort_by(vhosts.ids.keys()):
            if other in (p.vh_name, topology.ADMIN_VIRTUAL_HOST):
                continue
            for h, port, aid in vhosts.aliases(other):
                if h.lower() == opts.alias_host.lower() and str(port) == p.port:
                    removals.append((other, h, port, aid))
    restart = [p.server]
    if not removals:
        return removals, restart
    # who serves there: a web module whose virtual host loses its only alias for a port of its server
    cell = cell or topology.Cell(job)
    names = unique([r[0] for r in removals])
    modules = [m for m in webmodules.all_modules(job, cell) if m.virtual_host in names]
    before = webmodules.alias_table(vhosts, names)
    after = {}
    for name in before.keys():
        after[name] = [
            (h, port)
            for h, port in before[name]
            if [1 for r in removals if r[0] == name and r[1] == h and str(r[2]) == str(port)] == []
        ]
    lost = webmodules.losses(webmodules.missing(modules, before), webmodules.missing(modules, after))
    if lost and not opts.force:
        p.refuse(
            "removing %s:%s from %s would leave web modules without a virtual host for a port their server "
            "listens on (SRVE0255E): %s. Give those servers a host alias of their own (set_server_ports.py "
            "--host NAME adds NAME:PORT), map the modules to another virtual host (map_virtual_host.py "
            "--map-app), keep the aliases (--keep-other-aliases), or --force"
            % (opts.alias_host, p.port, ", ".join(names), webmodules.describe(lost))
        )
    elif lost:
        job.warn("--force: web modules lose their virtual host for a port: %s" % webmodules.describe(lost))
    for m in modules:
        restart.extend([(s.name, s.node) for s in m.servers])
    return removals, restart


def plan(job, opts):
    """Reads only: the proxy server, the objects that exist (None: to be created), the aliases to move."""
    p = stwaslib.Plan()
    p.url, p.rule_name, p.vh_name, p.group_name, p.patterns, p.port = check_options(opts)
    p.alias_host = opts.alias_host
    cell, cell_name, srv_name, srv_node = find_proxy(job, opts)
    p.label = "%s@%s" % (srv_name, srv_node)
    p.server = (srv_name, srv_node)
    job.info("proxy server %s on node %s" % (srv_name, srv_node))
    p.server_id = job.getid1("/Node:%s/Server:%s/" % (srv_node, srv_name))
    if p.server_id is None:
        raise stwaslib.JobError("no server.xml for %s on node %s" % (srv_name, srv_node))
    vhosts = topology.VirtualHosts(job, cell_name)
    p.removals, p.affected = alias_removals(job, p, opts, vhosts, cell)
    # what exists already (None: created by apply); ProxySettings -> RoutingPolicy -> RoutingRule -> its route
    p.settings = job.getid1("/Node:%s/Server:%s/ProxySettings:/" % (srv_node, srv_name))
    p.policy = p.settings and job.attr(p.settings, "routingPolicy") or None
    p.group = p.settings and find_by_name(job, job.list("URIGroup", p.settings), p.group_name) or None
    p.vhost = vhosts.id(p.vh_name)
    p.has_alias = p.vhost is not None and vhosts.has_alias(p.vh_name, p.alias_host, p.port)
    p.rule = p.policy and find_by_name(job, job.list("RoutingRule", p.policy), p.rule_name) or None
    p.route, p.route_kind = None, None
    if p.rule:
        p.route = job.attr(p.rule, "routingAction")
    if p.route:
        p.route_kind = stwaslib.text(job.AdminConfig.getObjectType(p.route))
    p.result = {
        "proxy_server": srv_name,
        "node": srv_node,
        "rule": p.rule_name,
        "virtual_host": p.vh_name,
        "uri_group": p.group_name,
        "url": p.url,
    }
    return p


def apply(job, p):
    for name, node in p.affected:  # the proxy, and the servers whose web modules' virtual host lost an alias
        job.affects(name, node)
    settings, policy = p.settings, p.policy
    if settings is None:
        settings = job.create("ProxySettings", p.server_id, [], "%s ProxySettings" % p.label)
    if not policy:
        policy = job.create("RoutingPolicy", settings, [], "%s RoutingPolicy" % p.label)

    if p.group is None:
        job.create("URIGroup", settings, [("name", p.group_name), ("URIPattern", p.patterns)], p.group_name)
    else:
        job.ensure_strings(p.group, "URIGroup", p.group_name, "URIPattern", p.patterns)

    # the virtual host owning host:port, then the same alias out of the other virtual hosts
    vhost = p.vhost
    if vhost is None:
        vhost = job.create("VirtualHost", job.list("Cell")[0], [("name", p.vh_name)], p.vh_name)
    if not p.has_alias:
        job.create("HostAlias", vhost, [("hostname", p.alias_host), ("port", p.port)], p.vh_name)
    for other, h, port, aid in p.removals:
        job.remove(aid, "HostAlias", other, [("hostname", h), ("port", port)])

    # the routing rule and its redirect route
    wanted = [("isEnabled", "true"), ("virtualHostName", p.vh_name), ("uriGroup", p.group_name)]
    rule, route = p.rule, p.route
    if rule is None:
        rule = job.create("RoutingRule", policy, [("name", p.rule_name)] + wanted, p.rule_name)
    else:
        job.ensure(rule, "RoutingRule", p.rule_name, wanted)
    if route and p.route_kind == "RedirectRoute":
        job.ensure(route, "RedirectRoute", "%s routingAction" % p.rule_name, [("redirectURL", p.url)])
    else:
        if route:
            job.remove(route, p.route_kind, "%s routingAction" % p.rule_name)
        job.create("RedirectRoute", rule, [("redirectURL", p.url)], "%s routingAction" % p.rule_name, "routingAction")


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        restart=stwaslib.restart.CELL,
        routing=1,
        usage="%prog --url https://HOST[:PORT]/PATH [--proxy-server NAME] [options]",
        description="Redirect HTTP to HTTPS in a WebSphere proxy server: URI group, virtual host for "
        "port 80 and a routing rule with a redirect route.",
    )
    job.add_option("--url", help="where to redirect, e.g. https://meeting.example.com:443/stmeetings")
    job.add_option("--proxy-server", help="the WebSphere proxy server (default: the only one in the cell)")
    job.add_option("--node", help="node of the proxy server")
    job.add_option("--rule", default="nonSSL2SSL", help="routing rule name (default %default)")
    job.add_option(
        "--virtual-host", default="proxy_https_host", help="virtual host owning the HTTP port (default %default, as in the talk)"
    )
    job.add_option("--uri-group", default="https_uri_group", help="URI group name (default %default)")
    job.add_option(
        "--uri-pattern",
        action="append",
        dest="uri_patterns",
        metavar="PATTERN",
        help="URI pattern of the group, repeatable (default /*)",
    )
    job.add_option("--alias-host", default="*", help="host name of the virtual host alias (default %default)")
    job.add_option("--port", type="port", default=80, help="the HTTP port to redirect from (default %default)")
    job.add_option("--keep-other-aliases", action="store_true", help="do not remove the same alias from the other virtual hosts")
    job.add_option("--allow-http", action="store_true", help="accept an http:// target URL")
    job.add_option(
        "--force",
        action="store_true",
        help="remove the aliases even when web modules lose their virtual host for a port of their server",
    )
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
