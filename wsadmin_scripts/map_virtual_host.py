"""map_virtual_host: a virtual host, its host aliases, the web modules mapped to it, and the session cookie name.

    wsadmin.sh -lang jython -f map_virtual_host.py --virtual-host meeting_host --create \
        --add meeting.example.com:80 --add meeting.example.com:443 [--remove HOST:PORT]... \
        [--map-app "IBM Lotus Sametime Meeting Server"]... [--session-cookie JSESSIONID_MEETING [--server S [--node N]]] \
        [--force] [--dry-run]

So that the Proxy and Meeting servers can live on one machine under their own host names (tip a of the talk):
  - each gets its own virtual host with its own host name aliases (virtualhosts.xml). Idempotent: an alias that
    is already there is not added again, one that is not there is not removed; a missing alias port means 80 (the
    model default). Aliases of admin_host are only removed with --force (losing them locks the admin console out);
  - --map-app APP maps every web module of the application to the virtual host, through
    AdminApp.edit(APP, ['-MapWebModToVH', [[module, URI, virtual host], ...]]) (only modules mapped elsewhere);
  - --session-cookie NAME gives the servers of the mapped applications (or --server) their own session cookie
    name (server.xml: the web container's SessionManager defaultCookieSettings name, default JSESSIONID), so that
    two servers a browser reaches under one host name do not overwrite each other's JSESSIONID (the talk). A name
    another server on the same host already uses is refused. Session settings an application brings along in its
    own deployment (application-level session management) override the server's and are not changed here.
Every web module must keep an alias for every port its server listens on (stwaslib.webmodules): a mapping or a
removal that would leave one without is refused, naming the modules and servers, unless --force.
Restart (the result's restart): the servers of the mapped applications and of the modules on the virtual host,
and those whose cookie name changed.
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
from stwaslib.compat import sort_by, split_last, unique

JOB = "map_virtual_host"
NAME_FORBIDDEN = " \t/\\,:;\"*?<>|=+&%'#[]"
# RFC 6265 cookie-name: a token (no separators)
COOKIE_SEPARATORS = '()<>@,;:\\"/[]?={} \t'
DEFAULT_COOKIE = "JSESSIONID"


def parse_alias(value, option):
    """'host:port' -> (host, 'port'); '*:80' allowed."""
    if ":" not in value:
        raise stwaslib.UsageError("%s wants HOST:PORT (e.g. meeting.example.com:80 or *:443), got '%s'" % (option, value))
    host, port = split_last(value, ":")
    if not topology.valid_host(host):
        raise stwaslib.UsageError("invalid host name '%s' in %s %s" % (host, option, value))
    p = topology.valid_port(port)
    if p is None:
        raise stwaslib.UsageError("invalid port '%s' in %s %s: must be a whole number from 1 to 65535" % (port, option, value))
    return host, str(p)


def _key(host, port):
    return (host.lower(), str(port))


def check_cookie_name(value):
    if not value or len(value) > 64 or [c for c in value if ord(c) < 33 or ord(c) > 126 or c in COOKIE_SEPARATORS]:
        raise stwaslib.UsageError(
            "invalid --session-cookie '%s': a cookie name is 1-64 printable ASCII characters "
            'without blanks or ( ) < > @ , ; : \\ " / [ ] ? = { }' % value
        )
    return value


class Cookies:
    """The session cookie of a server's web container: server.xml SessionManager > defaultCookieSettings."""

    def __init__(self, job):
        self.job = job

    def session_manager(self, srv):
        sid = self.job.getid1("/Node:%s/Server:%s/" % (srv.node, srv.name))
        if sid is None:
            return None
        sms = self.job.list("SessionManager", sid)
        if len(sms) != 1:
            return None
        return sms[0]

    def name(self, srv):
        """(cookie name, SessionManager id, Cookie id or None); name None when the server has no web container."""
        sm = self.session_manager(srv)
        if sm is None:
            return None, None, None
        cookie = self.job.attr(sm, "defaultCookieSettings")
        if not cookie:
            return DEFAULT_COOKIE, sm, None
        return self.job.attr(cookie, "name") or DEFAULT_COOKIE, sm, cookie


def plan(job, opts):
    """Reads only: the aliases to add and remove, the web modules to map (none may lose its alias), the session
    cookies to set (no clash on a host), the refusals."""
    name = opts.virtual_host
    if not name:
        raise stwaslib.UsageError("--virtual-host is required (see --help)")
    for c in name:
        if c in NAME_FORBIDDEN:
            raise stwaslib.UsageError("invalid virtual host name '%s'" % name)
    adds = [parse_alias(a, "--add") for a in opts.add or []]
    removes = [parse_alias(a, "--remove") for a in opts.remove or []]
    removed_keys = [_key(h, p) for h, p in removes]
    both = [(h, p) for h, p in adds if _key(h, p) in removed_keys]
    if both:
        raise stwaslib.UsageError("%s:%s is both added and removed" % both[0])
    map_apps = unique(opts.map_apps or [])
    cookie = opts.session_cookie
    if cookie is not None:
        check_cookie_name(cookie)
        if not (map_apps or opts.server):
            raise stwaslib.UsageError("--session-cookie needs the servers: give --map-app APP or --server NAME")
    elif opts.server or opts.node:
        raise stwaslib.UsageError("--server and --node name the servers of --session-cookie")
    if not (adds or removes or opts.create or map_apps or cookie):
        raise stwaslib.UsageError(
            "nothing to do: give --create, --add HOST:PORT, --remove HOST:PORT, --map-app APP or --session-cookie NAME"
        )
    if removes and name == topology.ADMIN_VIRTUAL_HOST and not opts.force:
        raise stwaslib.JobError(
            "refusing to remove aliases of %s (the admin console would become unreachable); "
            "use --force if you really mean it" % name
        )

    vhosts = topology.VirtualHosts(job)
    vh = vhosts.id(name)
    if vh is None and not opts.create:
        raise stwaslib.JobError(
            "virtual host %s does not exist (existing: %s); add --create to create it"
            % (name, ", ".join(sort_by(vhosts.ids.keys())))
        )
    current = []
    if vh is not None:
        current = vhosts.aliases(name)

    # the aliases the virtual host will have
    have = [_key(h, p) for h, p, _a in current]
    to_add = []
    for host, port in adds:
        if _key(host, port) not in have and _key(host, port) not in [_key(h, p) for h, p in to_add]:
            to_add.append((host, port))
    to_remove = [(h, p, aid) for h, p, aid in current if _key(h, p) in removed_keys]
    final = [(h, p) for h, p, aid in current if _key(h, p) not in removed_keys] + to_add

    # the web modules: those to map here, and those already here; every one keeps an alias for its server's ports
    cell, mapped, rows = None, [], {}
    if map_apps or to_remove or to_add:
        cell = topology.Cell(job)
        installed = stwaslib.lines(job.AdminApp.list())
        for app in map_apps:
            if app not in installed:
                raise stwaslib.JobError("application %s is not installed (installed: %s)" % (app, ", ".join(installed)))
        here = [m for m in webmodules.all_modules(job, cell, installed) if m.virtual_host == name or m.app in map_apps]
        before = webmodules.alias_table(vhosts, unique([m.virtual_host for m in here]))
        for m in here:
            if m.app in map_apps and m.virtual_host != name:
                rows.setdefault(m.app, []).append(m)
            for s in m.servers:
                job.affects(s)
        after_modules = []
        for m in here:
            after_modules.append(
                webmodules.WebModule(m.app, m.name, m.uri, (m.app in map_apps) and name or m.virtual_host, m.servers)
            )
        after = {}
        for k in before.keys():
            after[k] = before[k]
        after[name] = final
        lost = webmodules.losses(webmodules.missing(here, before), webmodules.missing(after_modules, after))
        if lost and not opts.force:
            raise stwaslib.JobError(
                "refused: web modules would be left without a virtual host alias for a port "
                "their server listens on (SRVE0255E): %s. Add the aliases (--add HOST:PORT), or "
                "--force" % webmodules.describe(lost)
            )
        if lost:
            job.warn("--force: web modules without an alias for a port of their server: %s" % webmodules.describe(lost))
        mapped = [m for m in here if m.app in map_apps]

    # the session cookie: the servers, and no other server on their host with the same name
    cookie_plan = []  # (server, current name, SessionManager id, Cookie id)
    if cookie is not None:
        cell = cell or topology.Cell(job)
        cookies = Cookies(job)
        if opts.server:
            targets = [cell.server(opts.server, opts.node)]
        else:
            targets = []
            for m in mapped:
                for s in m.servers:
                    if s not in targets:
                        targets.append(s)
            if not targets:
                raise stwaslib.JobError("the applications %s are deployed on no server: give --server" % ", ".join(map_apps))
        for srv in targets:
            cur, sm, cid = cookies.name(srv)
            if sm is None:
                raise stwaslib.JobError("%s has no web container session manager in its server.xml" % srv.label())
            cookie_plan.append((srv, cur, sm, cid))
        machines = unique([(t.node_host or t.node).lower() for t in targets])
        clash = []
        if [1 for _s, cur, _sm, _c in cookie_plan if cur != cookie]:  # only a change can make a clash
            for other in cell.servers:
                if other in targets or other.type in ("NODE_AGENT", "DEPLOYMENT_MANAGER", "PROXY_SERVER"):
                    continue
                if (other.node_host or other.node).lower() in machines and cookies.name(other)[0] == cookie:
                    clash.append(other.label())
        if clash and not opts.force:
            raise stwaslib.JobError(
                "refused: the session cookie %s is already the one of %s on the same host: "
                "browsers would mix up their sessions; choose another name, or --force" % (cookie, ", ".join(clash))
            )
        if clash:
            job.warn("--force: the session cookie %s is also the one of %s on the same host" % (cookie, ", ".join(clash)))

    # other virtual hosts already answering for an added alias: WebSphere picks one of them (a warning in apply)
    shared = []
    for host, port in adds:
        for other in sort_by(vhosts.ids.keys()):
            if other == name:
                continue
            if [1 for h, p, _a in vhosts.aliases(other) if _key(h, p) == _key(host, port)]:
                shared.append("alias %s:%s is also in virtual host %s; requests for it may go there" % (host, port, other))
    p = stwaslib.Plan()
    p.name, p.vhost, p.shared, p.to_add, p.to_remove = name, vh, shared, to_add, to_remove
    p.map_apps, p.rows, p.cookie, p.cookie_plan = map_apps, rows, cookie, cookie_plan
    p.result = {
        "virtual_host": name,
        "wanted_aliases": ["%s:%s" % x for x in adds],
        "unwanted_aliases": ["%s:%s" % x for x in removes],
        "mapped_applications": map_apps,
        "session_cookie": cookie,
    }
    return p


def apply(job, p):
    name, vh = p.name, p.vhost
    if vh is None:
        cells = job.list("Cell")
        if not cells:
            raise stwaslib.JobError("no cell found in the configuration")
        vh = job.create("VirtualHost", cells[0], [("name", name)], name)
    for warning in p.shared:
        job.warn(warning)
    for host, port in p.to_add:
        job.create("HostAlias", vh, [("hostname", host), ("port", port)], name)
    for h, port, aid in p.to_remove:
        job.remove(aid, "HostAlias", name, [("hostname", h), ("port", port)])
    for app in p.map_apps:
        mods = p.rows.get(app, [])
        if not mods:
            continue
        job.AdminApp.edit(app, ["-MapWebModToVH", [[m.name, m.uri, name] for m in mods]])
        for m in mods:
            job.record(
                "modify",
                "WebModuleVirtualHost",
                "%s %s" % (app, m.name),
                {"virtualHost": m.virtual_host},
                {"virtualHost": name},
                None,
                "virtual host '%s' -> '%s'" % (m.virtual_host, name),
            )
    for srv, _cur, sm, cid in p.cookie_plan:
        target = "%s SessionManager defaultCookieSettings" % srv.label()
        if cid is None:
            job.create("Cookie", sm, [("name", p.cookie)], target, "defaultCookieSettings")
        elif job.ensure(cid, "Cookie", target, [("name", p.cookie)]) == 0:
            continue
        job.affects(srv)


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        restart=stwaslib.restart.CELL,
        routing=1,
        usage="%prog --virtual-host NAME [--create] [--add HOST:PORT]... "
        "[--remove HOST:PORT]... [--map-app APP]... [--session-cookie NAME [--server S]] [options]",
        description="Create a virtual host, add or remove host aliases (virtualhosts.xml), map "
        "applications' web modules to it, give servers their own session cookie name.",
    )
    job.add_option("--virtual-host", help="name of the virtual host, e.g. meeting_host")
    job.add_option("--create", action="store_true", help="create the virtual host if it is missing")
    job.add_option("--add", action="append", metavar="HOST:PORT", help="alias to add, repeatable (* = any host)")
    job.add_option("--remove", action="append", metavar="HOST:PORT", help="alias to remove, repeatable")
    job.add_option(
        "--map-app",
        action="append",
        dest="map_apps",
        metavar="APP",
        help="map the application's web modules to the virtual host, repeatable",
    )
    job.add_option(
        "--session-cookie",
        metavar="NAME",
        help="session cookie name of the servers of the mapped applications (or --server), e.g. JSESSIONID_MEETING",
    )
    job.add_option("--server", help="the server for --session-cookie (default: the servers of --map-app)")
    job.add_option("--node", help="node of --server (needed only when the name is not unique)")
    job.add_option(
        "--force",
        action="store_true",
        help="allow removing aliases of admin_host, leaving web modules "
        "without an alias for a port of their server, or a cookie name another server on the host uses",
    )
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
