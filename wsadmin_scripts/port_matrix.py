"""port_matrix: the firewall table of a Sametime cell, from the cell's own configuration (tip k of the talk).

    wsadmin.sh -lang jython -f port_matrix.py [--db2-host H] [--db2-port 50000] [--ldap-host H] [--ldap-port 389]
        [--community-host H] [--turn-host H] [--sip-edge-host H] [--csv] [--output FILE]

One row per connection: source component -> destination component, destination host, port, protocol, purpose.
Read with a constant number of scripting calls, whatever the size of the cell (stwaslib.topology.Cell): the servers,
their node host names and endpoints from one AdminTask.reportConfiguredPorts(), the server types from one
AdminTask.listServers per type, the deployed applications from list('ServerTarget') / list('ClusteredTarget')
(older WAS without reportConfiguredPorts: one showall of every node's serverindex.xml):
  - SOAP: node agents and the System Console -> deployment manager; deployment manager -> node agents and servers;
  - node discovery / cell discovery between node agents and the deployment manager;
  - RMI/IIOP bootstrap of every server (from the deployment manager and admin clients);
  - HTTP/HTTPS of every application server, HTTP/HTTPS/SIP of WebSphere proxy servers (from clients);
  - SIP of the Media Manager / Conference Manager endpoints;
  - admin console of the deployment manager;
  - the System Console's HTTP(S) from the Proxy, Meeting and Media servers;
  - the external DB2 (50000; from System Console, Proxy, Meeting) and LDAP (389; from every server and the
    deployment manager) the admin names, and the Community Server (80/443 from the System Console, 1516 virtual
    places from Proxy and Media) when --community-host is given.
Read-only: never changes the configuration.
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
from stwaslib.compat import contains, has_key, number_items, sort_by

JOB = "port_matrix"
COLUMNS = ("source", "destination", "destination_host", "port", "protocol", "purpose", "basis")
HEADINGS = ("Source", "Destination", "Destination host", "Port", "Protocol", "Purpose", "Basis")
CELL, TALK = "cell", "talk"
# audio/video ports of the talk's NAT slides (TURN TCP/UDP 3478, SIP Edge TCP 5080 / TLS 5081) and the Sametime
# port allocation for NAT traversal (packet switcher RTP ranges, TURN relay range; sametime-operations.md 1.5)
TURN_PORT = 3478
TURN_RELAY = "49152-65535"
SIP_EDGE_PORTS = ((5080, "SIP/TCP"), (5081, "SIP/TLS"))
RTP_RANGES = (("42000-43000", "audio (RTP)"), ("46000-47000", "video (RTP)"))

# Sametime role of an application server, from its deployed applications (first match) or its name.
ROLE_BY_APP = (
    ("system console", "ssc"),
    ("sametime proxy", "proxy"),
    ("meeting server", "meeting"),
    ("conference manager", "media"),
    ("sip proxy", "media"),
    ("sip registrar", "media"),
    ("sametime advanced", "advanced"),
    ("gateway", "gateway"),
)
ROLE_BY_NAME = (
    ("console", "ssc"),
    ("proxy", "proxy"),
    ("meeting", "meeting"),
    ("media", "media"),
    ("advanced", "advanced"),
    ("gateway", "gateway"),
)
ROLE_LABEL = {
    "ssc": "System Console",
    "proxy": "Proxy Server",
    "meeting": "Meeting Server",
    "media": "Media Manager",
    "advanced": "Advanced Server",
    "gateway": "Gateway",
    "other": "Application server",
}

HTTP_NAMES = {
    "WC_defaulthost": ("HTTP", "web clients"),
    "WC_defaulthost_secure": ("HTTPS", "web clients"),
    "PROXY_HTTP_ADDRESS": ("HTTP", "web clients via the WebSphere proxy"),
    "PROXY_HTTPS_ADDRESS": ("HTTPS", "web clients via the WebSphere proxy"),
    "PROXY_SIP_ADDRESS": ("SIP/TCP", "SIP clients via the WebSphere proxy"),
    "PROXY_SIPS_ADDRESS": ("SIP/TLS", "SIP clients via the WebSphere proxy"),
}


def role(server):
    if server.type == "DEPLOYMENT_MANAGER":
        return "dmgr"
    if server.type == "NODE_AGENT":
        return "nodeagent"
    if server.type == "PROXY_SERVER":
        return "wasproxy"
    apps = " ".join(server.apps).lower()
    for needle, r in ROLE_BY_APP:
        if contains(apps, needle):
            return r
    name = server.name.lower()
    for needle, r in ROLE_BY_NAME:
        if contains(name, needle):
            return r
    return "other"


def component(server):
    r = role(server)
    if r == "dmgr":
        return "Deployment manager (%s)" % server.node
    if r == "nodeagent":
        return "Node agent (%s)" % server.node
    if r == "wasproxy":
        return "WebSphere proxy %s (%s)" % (server.name, server.node)
    return "%s %s (%s)" % (ROLE_LABEL.get(r, "Application server"), server.name, server.node)


def dest_host(ep):
    """The host a firewall rule needs: the endpoint's own host unless it binds every interface."""
    h = (ep.host or "").strip()
    if topology.is_wildcard(h) or h == topology.LOCALHOST_VARIABLE:
        return ep.server.node_host or ep.server.node
    return h


def protocol_of(name):
    if has_key(HTTP_NAMES, name):
        return HTTP_NAMES[name][0]
    up = name.upper()
    if up.startswith("SIP"):
        if contains(up, "SECURE"):
            return "SIP/TLS"
        return "SIP/TCP"
    return "TCP"


class Rows:
    """The rows of the matrix, each once, in the order they are added."""

    def __init__(self):
        self.rows = []

    def add(self, src, dst, host, port, proto, purpose, basis=CELL):
        row = (src, dst, host, str(port), proto, purpose, basis)
        if row not in self.rows:
            self.rows.append(row)

    def talk(self, src, dst, host, port, proto, purpose):
        self.add(src, dst, host, port, proto, purpose, TALK)


def node_and_name(server):
    return (server.node, server.name)


def build_rows(cell, opts):
    rows = Rows()
    add = rows.add
    servers = sort_by(cell.servers, node_and_name)
    dmgrs = [s for s in servers if role(s) == "dmgr"]
    agents = [s for s in servers if role(s) == "nodeagent"]
    apps = [s for s in servers if role(s) not in ("dmgr", "nodeagent")]
    sscs = [s for s in servers if role(s) == "ssc"]

    for dm in dmgrs:
        soap = dm.endpoint("SOAP_CONNECTOR_ADDRESS")
        if soap and soap.port:
            for na in agents:
                add(
                    component(na),
                    component(dm),
                    dest_host(soap),
                    soap.port,
                    "SOAP/HTTP(S)",
                    "node agent to deployment manager (sync, addNode)",
                )
            for s in sscs:
                add(
                    component(s),
                    component(dm),
                    dest_host(soap),
                    soap.port,
                    "SOAP/HTTP(S)",
                    "System Console to deployment manager",
                )
            add("Admin workstation (wsadmin)", component(dm), dest_host(soap), soap.port, "SOAP/HTTP(S)", "wsadmin, syncNode")
        cd = dm.endpoint("CELL_DISCOVERY_ADDRESS")
        if cd and cd.port:
            for na in agents:
                add(component(na), component(dm), dest_host(cd), cd.port, "TCP", "cell discovery")
        for name, proto in (("WC_adminhost", "HTTP"), ("WC_adminhost_secure", "HTTPS")):
            ep = dm.endpoint(name)
            if ep and ep.port:
                add("Admin workstation (browser)", component(dm), dest_host(ep), ep.port, proto, "administrative console")
        bs = dm.endpoint("BOOTSTRAP_ADDRESS")
        if bs and bs.port:
            add("Admin workstation (wsadmin)", component(dm), dest_host(bs), bs.port, "RMI/IIOP", "bootstrap")
        for target in agents + apps:
            for name, proto, purpose in (
                ("SOAP_CONNECTOR_ADDRESS", "SOAP/HTTP(S)", "administration (SOAP)"),
                ("NODE_DISCOVERY_ADDRESS", "TCP", "node discovery"),
                ("BOOTSTRAP_ADDRESS", "RMI/IIOP", "bootstrap"),
            ):
                ep = target.endpoint(name)
                if ep and ep.port:
                    add(component(dm), component(target), dest_host(ep), ep.port, proto, purpose)

    for s in apps:
        for ep in s.endpoints:
            if not ep.port:
                continue
            if has_key(HTTP_NAMES, ep.name):
                proto, purpose = HTTP_NAMES[ep.name]
                add("Clients", component(s), dest_host(ep), ep.port, proto, purpose)
            elif ep.name.upper().startswith("SIP") and role(s) == "media":
                add("Clients / SIP peers", component(s), dest_host(ep), ep.port, protocol_of(ep.name), "SIP %s" % ep.name)

    for ssc in sscs:
        for name in ("WC_defaulthost", "WC_defaulthost_secure"):
            ep = ssc.endpoint(name)
            if not (ep and ep.port):
                continue
            for s in apps:
                if role(s) in ("proxy", "meeting", "media"):
                    add(
                        component(s),
                        component(ssc),
                        dest_host(ep),
                        ep.port,
                        HTTP_NAMES[name][0],
                        "registration with the System Console",
                    )
            add(
                "Community Server",
                component(ssc),
                dest_host(ep),
                ep.port,
                HTTP_NAMES[name][0],
                "Community Server to the System Console (policies, configuration)",
            )

    db2_host = opts.db2_host or "(DB2 host: --db2-host)"
    for s in apps:
        if role(s) in ("ssc", "proxy", "meeting"):
            rows.talk(component(s), "DB2", db2_host, opts.db2_port, "DRDA/TCP", "Sametime databases")
    ldap_host = opts.ldap_host or "(LDAP host: --ldap-host)"
    ldap_proto = "LDAP"
    if opts.ldap_port == 636:
        ldap_proto = "LDAPS"
    for s in dmgrs + [a for a in apps if role(a) != "wasproxy"]:
        rows.talk(component(s), "LDAP", ldap_host, opts.ldap_port, ldap_proto, "users and groups (federated repository)")
    community = opts.community_host or "(Community Server host: --community-host)"
    for ssc in sscs:
        rows.talk(component(ssc), "Community Server", community, 80, "HTTP", "System Console to Community")
        rows.talk(component(ssc), "Community Server", community, 443, "HTTPS", "System Console to Community")
    rows.talk("Community Mux", "Community Server", community, 1516, "TCP", "virtual places (VP) from the Mux")
    for s in apps:
        if role(s) in ("proxy", "media"):
            rows.talk(component(s), "Community Server", community, 1516, "TCP", "virtual places (VP)")
    av_rows(rows, [s for s in apps if role(s) == "media"], opts)
    return rows.rows


def av_rows(rows, media, opts):
    """Audio/video through NAT: TURN, SIP Edge Proxy, the packet switchers' RTP ranges (the talk's NAT slides)."""
    turn = opts.turn_host or "(TURN server host: --turn-host)"
    for proto in ("UDP", "TCP"):
        rows.talk("A/V clients", "TURN server", turn, TURN_PORT, "TURN/%s" % proto, "A/V relay through NAT (ICE)")
    rows.talk("A/V clients", "TURN server", turn, TURN_RELAY, "UDP", "relayed media (RTP)")
    edge = opts.sip_edge_host or "(SIP Edge Proxy host: --sip-edge-host)"
    for port, proto in SIP_EDGE_PORTS:
        rows.talk("A/V clients", "SIP Edge Proxy", edge, port, proto, "SIP through NAT")
    for s in media:
        for ports, what in RTP_RANGES:
            rows.talk("A/V clients", "%s packet switcher" % component(s), s.node_host or s.node, ports, "UDP", what)


def text_table(rows):
    widths = [len(h) for h in HEADINGS]
    for r in rows:
        for i, v in number_items(r):
            widths[i] = max(widths[i], len(v))
    fmt = "  ".join(["%%-%ds" % w for w in widths])
    out = [(fmt % HEADINGS).rstrip(), "  ".join(["-" * w for w in widths])]
    for r in rows:
        out.append((fmt % r).rstrip())
    return out


def csv_lines(rows):
    def cell(v):
        if [c for c in v if c in ',"\r\n']:
            return '"%s"' % v.replace('"', '""')
        return v

    out = [",".join(COLUMNS)]
    for r in rows:
        out.append(",".join([cell(v) for v in r]))
    return out


def write_table(path, lines):
    try:
        f = open(path, "w")
        try:
            for ln in lines:
                f.write(ln + "\n")
        finally:
            f.close()
    except (IOError, OSError):
        e = sys.exc_info()[1]
        raise stwaslib.JobError("cannot write the table to %s: %s" % (path, getattr(e, "strerror", None) or e))


def main(job, opts):
    for name in ("db2_host", "ldap_host", "community_host", "turn_host", "sip_edge_host"):
        v = getattr(opts, name)
        if v is not None and (not topology.valid_host(v) or v == "*"):
            raise stwaslib.UsageError("invalid host name '%s' for --%s" % (v, name.replace("_", "-")))
    cell = job.topology()
    rows = build_rows(cell, opts)
    out = opts.csv and csv_lines(rows) or text_table(rows)
    if opts.output:
        write_table(opts.output, out)
        job.info("port matrix of cell %s: %d rows written to %s" % (cell.name, len(rows), opts.output))
    else:
        job.info("port matrix of cell %s (%d rows)" % (cell.name, len(rows)))
        for ln in out:
            stwaslib.write_line(ln)
    job.extra["cell"] = cell.name
    job.extra["format"] = opts.csv and "csv" or "text"
    job.extra["output"] = opts.output
    job.extra["columns"] = list(COLUMNS)
    job.extra["rows"] = [list(r) for r in rows]


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        read_only=1,
        usage="%prog [--db2-host H] [--ldap-host H] [--csv] [options]",
        description="Port matrix (source -> destination, port, protocol) of the cell for the "
        "firewall team, as a text table or CSV. Read-only.",
    )
    job.add_option("--db2-host", help="host of the external DB2 server")
    job.add_option("--db2-port", type="port", default=50000, help="DB2 port (default %default)")
    job.add_option("--ldap-host", help="host of the LDAP server (e.g. Domino)")
    job.add_option("--ldap-port", type="port", default=389, help="LDAP port (default %default; 636 = LDAPS)")
    job.add_option("--community-host", help="host of the Sametime Community Server")
    job.add_option("--turn-host", help="host of the Sametime TURN server (A/V through NAT)")
    job.add_option("--sip-edge-host", help="host of the SIP Edge Proxy (A/V through NAT)")
    job.add_option("--csv", action="store_true", help="CSV instead of a text table")
    job.add_option("--output", metavar="FILE", help="write the table to FILE instead of standard output")
    return job


if __name__ == "__main__":
    build_job(globals()).run(main)
