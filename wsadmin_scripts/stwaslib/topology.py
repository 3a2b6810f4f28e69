"""The cell as the jobs see it: nodes, servers, their named endpoints; the port clash rule; virtual hosts.

Reading costs one AdminConfig.list('ServerIndex') plus one showall per node (serverindex.xml holds every server
entry of a node with its endpoints), whatever the number of servers on a node.
"""

from stwaslib.configtext import ConfigId, parse_show, records, scalar, text

# Bind addresses that mean "every interface of the machine" (wsadmin shows host="*" for WC_* endpoints).
WILDCARD_HOSTS = ('*', '', '0.0.0.0', '::', '0:0:0:0:0:0:0:0')
LOCALHOST_VARIABLE = '${LOCALHOST_NAME}'

# Endpoints whose host:port a browser uses, and the virtual host their aliases belong to (None = the one
# the server's web modules use).
WEB_ENDPOINTS = {
    'WC_defaulthost': None,
    'WC_defaulthost_secure': None,
    'PROXY_HTTP_ADDRESS': None,
    'PROXY_HTTPS_ADDRESS': None,
    'SIP_DEFAULTHOST': None,
    'SIP_DEFAULTHOST_SECURE': None,
    'WC_adminhost': 'admin_host',
    'WC_adminhost_secure': 'admin_host',
}
DEFAULT_VIRTUAL_HOST = 'default_host'
ADMIN_VIRTUAL_HOST = 'admin_host'


def is_wildcard(host):
    return (host or '').strip() in WILDCARD_HOSTS


def valid_port(value):
    """An int 1..65535 from text, or None."""
    value = text(value)
    if value is None:
        return None
    value = value.strip()
    if not value.isdigit() or len(value) > 5:
        return None
    n = int(value)
    if n < 1 or n > 65535:
        return None
    return n


def valid_host(value):
    """True for '*', a host name or an IPv4/IPv6 address (no blanks, quotes, brackets or separators)."""
    value = text(value)
    if not value or len(value) > 255:
        return False
    if value == '*':
        return True
    for c in value:
        if not (c.isalnum() or c in '.-_:'):
            return False
    return not value.startswith('.') and not value.startswith('-')


class Endpoint(object):
    def __init__(self, server, name, host, port):
        self.server = server
        self.name = name
        self.host = host
        self.port = port

    @property
    def machine(self):
        return (self.server.node_host or self.server.node).lower()

    @property
    def host_key(self):
        """The name the bind address is known by: an explicit host, else the node's host name."""
        h = (self.host or '').strip()
        if is_wildcard(h) or h == LOCALHOST_VARIABLE:
            return self.machine
        return h.lower()

    def label(self):
        return '%s on node %s endpoint %s %s:%s' % (self.server.name, self.server.node, self.name,
                                                  self.host, self.port)

    def __repr__(self):
        return 'Endpoint(%s)' % self.label()


def endpoints_clash(a, b):
    """Would a and b (of different server/endpoint) bind the same address and port?

    Rule (sametime-operations.md 3.3): same machine (same node, or nodes with the same host name) and the same
    port clash when either binds every interface ('*') or both name the same host; on different machines they
    clash when they are known by the same host name (an explicit host equal to the other's, or to the other
    node's host name when that one binds '*').
    """
    if a.port is None or b.port is None or a.port != b.port:
        return False
    if a.server is b.server and a.name == b.name:
        return False
    same_machine = a.server.node == b.server.node or a.machine == b.machine
    if same_machine:
        return is_wildcard(a.host) or is_wildcard(b.host) or a.host_key == b.host_key
    return a.host_key == b.host_key


class Server(object):
    def __init__(self, node, node_host, name, server_type, apps, entry_id=None):
        self.node = node
        self.node_host = node_host
        self.name = name
        self.type = server_type
        self.apps = apps
        self.entry_id = entry_id
        self.endpoints = []

    def endpoint(self, name):
        for e in self.endpoints:
            if e.name == name:
                return e
        return None

    def label(self):
        return '%s@%s' % (self.name, self.node)

    def __repr__(self):
        return 'Server(%s)' % self.label()


def _app_names(value):
    """deployedApplications ('App.ear/deployments/App;...') -> ['App', ...]."""
    out = []
    if isinstance(value, list):
        items = [scalar(v) for v in value]
    else:
        items = (value or '').split(';')
    for it in items:
        it = it.strip()
        if it:
            out.append(it.split('/')[-1])
    return out


class Cell(object):
    """Nodes, servers and endpoints of the cell, read from every node's serverindex.xml."""

    def __init__(self, job):
        self.job = job
        self.name = None
        self.nodes = {}  # node -> host name
        self.servers = []
        self.server_index = {}  # node -> ServerIndex id
        for si in job.list('ServerIndex'):
            cid = ConfigId(si)
            node = cid.path_value('nodes')
            if self.name is None:
                self.name = cid.path_value('cells')
            rec = parse_show(job.showall(si))
            node_host = scalar(rec.get('hostName'))
            self.nodes[node] = node_host
            self.server_index[node] = si
            for entry in records(rec.get('serverEntries')):
                srv = Server(node, node_host, scalar(entry.get('serverName')), scalar(entry.get('serverType')),
                             _app_names(entry.get('deployedApplications')))
                for nep in records(entry.get('specialEndpoints')):
                    eps = records(nep.get('endPoint'))
                    host, port = '', None
                    if eps:
                        host = scalar(eps[0].get('host'))
                        port = valid_port(scalar(eps[0].get('port')))
                    srv.endpoints.append(Endpoint(srv, scalar(nep.get('endPointName')), host, port))
                self.servers.append(srv)
        if self.name is None:
            cells = job.list('Cell')
            if cells:
                self.name = ConfigId(cells[0]).name

    def find(self, name, node=None):
        return [s for s in self.servers if s.name == name and (node is None or s.node == node)]

    def server(self, name, node=None):
        """The one server of that name (on that node); JobError naming the choices otherwise."""
        from stwaslib.job import JobError
        found = self.find(name, node)
        if not found:
            if node is not None and self.find(name):
                raise JobError('server %s is not on node %s (it is on: %s)'
                               % (name, node, ', '.join(sorted([s.node for s in self.find(name)]))))
            if node is not None and node not in self.nodes:
                raise JobError('node %s not found in cell %s' % (node, self.name))
            names = sorted(set([s.name for s in self.servers if s.type != 'NODE_AGENT']))
            more = ''
            if len(names) > 12:
                names, more = names[:12], ', ...'
            raise JobError('server %s not found in cell %s (servers: %s%s)' % (name, self.name, ', '.join(names), more))
        if len(found) > 1:
            raise JobError('server %s exists on several nodes (%s): give --node'
                           % (name, ', '.join(sorted([s.node for s in found]))))
        return found[0]

    def all_endpoints(self):
        out = []
        for s in self.servers:
            out.extend(s.endpoints)
        return out

    def clashes(self, changed):
        """Pairs (a, b): a in changed (Endpoint objects already holding their new host/port) against every
        other endpoint of the cell."""
        out = []
        others = self.all_endpoints()
        for a in changed:
            for b in others:
                if b is a:
                    continue
                if endpoints_clash(a, b):
                    out.append((a, b))
        return out

    def entry_endpoint_ids(self, server, names=None):
        """{endPointName: EndPoint id} of one server, for the given endpoint names (default: all).

        Tries getid('/Node:n/ServerIndex:/ServerEntry:s/NamedEndPoint:NAME/') (2 calls per name; the
        NamedEndPoint display name is [U] in wsadmin-semantics.md 1.2), else walks the server entry."""
        job = self.job
        out = {}
        if names:
            for name in names:
                nep = job.getid('/Node:%s/ServerIndex:/ServerEntry:%s/NamedEndPoint:%s/'
                                % (server.node, server.name, name))
                if len(nep) != 1:
                    out = {}
                    break
                ep = job.attr(nep[0], 'endPoint')
                if not ep:
                    out = {}
                    break
                out[name] = ep
            if len(out) == len(names):
                return out
        entry = job.getid1('/Node:%s/ServerIndex:/ServerEntry:%s/' % (server.node, server.name))
        if entry is None:
            from stwaslib.job import JobError
            raise JobError('no server entry for %s in the serverindex.xml of node %s' % (server.name, server.node))
        out = {}
        for nep in job.attr_list(entry, 'specialEndpoints'):
            name = job.attr(nep, 'endPointName')
            if names and name not in names:
                continue
            ep = job.attr(nep, 'endPoint')
            if name and ep:
                out[name] = ep
        return out


def web_module_virtual_hosts(job, server):
    """Virtual hosts the web modules of the server's applications are mapped to.

    Read with AdminApp.view(app, '-MapWebModToVH') ('Virtual host:  name' lines); when AdminApp cannot tell
    (no applications, local-mode restrictions, a harness without AdminApp) the answer is default_host.
    """
    found = []
    app = job.AdminApp
    if app is not None:
        for a in server.apps:
            try:
                out = text(app.view(a, '-MapWebModToVH'))
            except:  # noqa: E722  (Java exceptions under Jython)
                continue
            for ln in (out or '').splitlines():
                if ':' not in ln:
                    continue
                k, v = ln.split(':', 1)
                if k.strip().lower() == 'virtual host' and v.strip() and v.strip() not in found:
                    found.append(v.strip())
    if not found:
        found = [DEFAULT_VIRTUAL_HOST]
    return found


class VirtualHosts(object):
    """Virtual hosts of the cell and their aliases: one list + one showall('aliases') per virtual host."""

    def __init__(self, job, cell_name=None):
        self.job = job
        self.cell_name = cell_name
        self.ids = {}
        for vh in job.list('VirtualHost'):
            self.ids[ConfigId(vh).name] = vh
        self._aliases = {}

    def id(self, name):
        return self.ids.get(name)

    def aliases(self, name, refresh=False):
        """[(hostname, port, alias_id)] of a virtual host; a missing port is the model default 80."""
        if name in self._aliases and not refresh:
            return self._aliases[name]
        vh = self.ids[name]
        job = self.job
        ids = job.attr_list(vh, 'aliases')
        recs = records(parse_show(job.showall(vh, ['aliases'])).get('aliases'))
        out = []
        if len(recs) == len(ids):
            for rec, aid in zip(recs, ids):
                out.append((scalar(rec.get('hostname')), scalar(rec.get('port')) or '80', aid))
        else:  # unexpected showall shape: read alias by alias
            for aid in ids:
                out.append((job.attr(aid, 'hostname') or '', job.attr(aid, 'port') or '80', aid))
        self._aliases[name] = out
        return out

    def has_alias(self, name, hostname, port):
        for h, p, _aid in self.aliases(name):
            if h.lower() == hostname.lower() and text(p) == text(port):
                return True
        return False

    def forget(self, name):
        self._aliases.pop(name, None)
