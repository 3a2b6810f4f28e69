"""Web modules, the virtual hosts they are mapped to, and whether those still answer on every port of their server.

A request reaches a web module only when the virtual host the module is mapped to has a host alias for the port
the request came in on. So every port a server's web container listens on (WC_defaulthost and
WC_defaulthost_secure of serverindex.xml) needs an alias in the virtual host of each web module deployed on that
server; without one the browser gets SRVE0255E ("A WebGroup/Virtual Host to handle /x has not been defined").
An alias counts for its port whatever its host name ('*' or a name).

Calls: one AdminApp.list and one AdminApp.view(app, '-MapWebModToVH') per application; the servers of each
application come from stwaslib.topology (Cell.load_apps), the aliases from topology.VirtualHosts.
Language level: docs/script-language.md (Jython 2.1, Jython 2.7 and CPython 3).
"""

from stwaslib.compat import has_key, sort_by
from stwaslib.configtext import lines, text
from stwaslib.errors import JobError

WEB_CONTAINER_ENDPOINTS = ("WC_defaulthost", "WC_defaulthost_secure")
TASK = "-MapWebModToVH"
LABEL_MODULE, LABEL_URI, LABEL_VIRTUAL_HOST = "web module", "uri", "virtual host"


class WebModule:
    """One web module: app, name and uri (the -MapWebModToVH columns), virtual host, servers (topology.Server)."""

    def __init__(self, app, name, uri, virtual_host, servers):
        self.app = app
        self.name = name
        self.uri = uri
        self.virtual_host = virtual_host
        self.servers = servers

    def label(self):
        return "%s (%s)" % (self.name, self.app)


def parse_view(out):
    """[(web module, URI, virtual host)] of the text of AdminApp.view(app, '-MapWebModToVH')."""
    rows, cur = [], {}
    for ln in (text(out) or "").splitlines():
        i = ln.find(":")
        if i < 0:
            continue
        label, value = ln[:i].strip().lower(), ln[i + 1 :].strip()
        if label == LABEL_MODULE:
            cur = {LABEL_MODULE: value}
        elif label == LABEL_URI:
            cur[LABEL_URI] = value
        elif label == LABEL_VIRTUAL_HOST and has_key(cur, LABEL_MODULE):
            rows.append((cur[LABEL_MODULE], cur.get(LABEL_URI, ""), value))
            cur = {}
    return rows


def app_modules(job, cell, app):
    """[WebModule] of one application (JobError when AdminApp is not there to ask)."""
    if job.AdminApp is None:
        raise JobError("AdminApp is not available: run this job with wsadmin -lang jython -f")
    servers = [s for s in cell.servers if app in s.apps]
    out = []
    for name, uri, vh in parse_view(job.AdminApp.view(app, TASK)):
        out.append(WebModule(app, name, uri, vh, servers))
    return out


def all_modules(job, cell, apps=None):
    """[WebModule] of every application (or of the given ones)."""
    if apps is None:
        if job.AdminApp is None:
            raise JobError("AdminApp is not available: run this job with wsadmin -lang jython -f")
        apps = lines(job.AdminApp.list())
    out = []
    for app in apps:
        out.extend(app_modules(job, cell, app))
    return out


def served_ports(server):
    """The ports the server's web container listens on."""
    out = []
    for name in WEB_CONTAINER_ENDPOINTS:
        ep = server.endpoint(name)
        if ep is not None and ep.port is not None and ep.port not in out:
            out.append(ep.port)
    return out


def missing(modules, aliases):
    """[(module, server, port)] where the module's virtual host has no alias for a port of its server.

    aliases: {virtual host: [(host, port), ...]}; a virtual host not in it has no aliases (it does not exist)."""
    out = []
    for m in modules:
        ports = [str(p) for h, p in aliases.get(m.virtual_host, [])]
        for s in m.servers:
            if s.type == "PROXY_SERVER":
                continue
            for port in served_ports(s):
                if str(port) not in ports:
                    out.append((m, s, port))
    return out


def alias_table(vhosts, names):
    """{name: [(host, port)]} of the named virtual hosts that exist (topology.VirtualHosts)."""
    out = {}
    for name in names:
        if vhosts.id(name) is not None:
            out[name] = [(h, p) for h, p, _aid in vhosts.aliases(name)]
    return out


def _key(item):
    m, s, port = item
    return (m.app, m.name, s.label(), port)


def describe(items):
    """'stproxy.war (IBM Lotus Sametime Proxy) on STProxyServer@n: default_host has no alias for port 80; ...'."""
    return "; ".join(
        [
            "%s on %s: %s has no alias for port %s" % (m.label(), s.label(), m.virtual_host, port)
            for m, s, port in sort_by(items, _key)
        ]
    )


def losses(before, after):
    """The items of missing(after) that were not in missing(before)."""
    had = [_key(i) for i in before]
    return [i for i in after if _key(i) not in had]
