"""Generator of a Sametime 9 System Console cell (WebSphere ND 8.5.5 config repository) from jinja2 templates.

``generate(out_dir, ...)`` writes ``out_dir/cells/<cell>/...`` -- a profile's ``config/`` directory as the
deployment manager holds it -- from ``templates/sametime/*.j2``. Same arguments, same bytes for every XML document
and for ``ltpa.jceks``; the .p12 key stores hold the same keys and certificates (their PKCS12 salts and IVs are
random).

Topology (defaults; names and ports from shared/docs/sametime-operations.md sections 1 and 13 and the Admincamp talk):

=====================  ========================  =========================================================
node                   host                      servers
=====================  ========================  =========================================================
DMgrNode               stconsole.<domain>        dmgr (DEPLOYMENT_MANAGER, console 8700/8701, SOAP 8703)
stconsoleSSCNode1      stconsole.<domain>        nodeagent, STConsoleServer
stproxySTPNode1        stproxy.<domain>          nodeagent, STProxyServer
stmeetingSTMNode1      stmeeting.<domain>        nodeagent, STMeetingServer (bus meeting_service_bus),
                                                 STMeetingHttpProxy (PROXY_SERVER, 80/443, proxy-settings.xml)
stmediaSTMSNode1       stmedia.<domain>          nodeagent, STMediaServer (SIP_ProxyRegHOST 5080,
                                                 SIP_ProxyReg_SECURE 5081, SIP_DEFAULTHOST 5063/_SECURE 5062)
stappNNNNode1 (x N)    stappNNN.<domain>         nodeagent, STAppServer01..K  (``--nodes N --servers-per-node K``)
=====================  ========================  =========================================================

Besides the topology, every cell has what a real one has around it:
  * ``fileRegistry.xml``: the federated repository's file registry with ``wasadmin`` (password hashed as
    harness.was.fileregistry does it, the format AdminTask.changeFileRegistryAccountPassword reads and writes);
    security.xml's WIM registry has ``useRegistryServerId="false"`` as in the talk's real security.xml;
  * the file of every key store security.xml declares (harness/generate/keystores.py): the cell's and every node's
    PKCS12 stores, the deployment manager's root, deleted, default-signers and RSA token stores, and
    ``ltpa.jceks`` -- a real JCEKS file (harness.was.jceks) holding the LTPA keys the harness serves for the cell;
  * DB2 data sources (DB2 Universal JDBC Driver Provider, server-scope resources.xml, cluster scope when
    clustered) for the System Console (STSC), Proxy (STPROXY) and Meeting (STMS) databases, each signing on with
    a J2C authentication alias (security.xml JAASAuthData, db2admin, {xor} password);
  * SIP container chains on every SIP endpoint of the Media server (SIP_ProxyRegHOST TCP and UDP,
    SIP_ProxyReg_SECURE TCP+SSL, besides the template's SIP_DEFAULTHOST chains).

Options (``python -m harness fixture sametime DIR --help``):
  * ``--cluster meeting=2`` (proxy, meeting, media; repeatable): a ServerCluster (``clusters/<C>/cluster.xml``);
    the component's server is the first member, member k runs as ``<server><k>`` on a node of its own
    (``<short><k><CODE>Node1``, the component's secondary-node profile); member server.xml carry clusterName,
    applications target the cluster (ClusteredTarget, listed on every member), a clustered Meeting Server makes the
    cluster the bus member (its messaging engine in ``clusters/<C>/sib-engines.xml``);
  * ``--colocate proxy,meeting``: the named components share one node -- that of the first in HOST_ORDER
    (console, meeting, proxy, media), where they install in that order: the talk's Proxy and Meeting on one machine
    gives stmeetingSTMNode1 with STMeetingServer 9080/9443, STMeetingHttpProxy 80/443, STProxyServer 9081/9444.
    The Meeting HTTP proxy binds every interface on 80/443 as the installer leaves it, so the Proxy cannot move to
    80/443 until the HTTP proxy listens on the meeting host name only -- the clash the talk warns of ("eigene IP");
  * ``--ihs``: an IBM HTTP Server definition (webserver1, WEB_SERVER, 80/8008) on the unmanaged node IHS_Node
    (the talk's screenshot), with its plug-in properties; no node agent, no node key stores.

Ports: every server gets the full set of special endpoints of its type (20 for an application server, as in
the real serverindex.xml). Within a node, ports are made unique the way WebSphere's "generate unique ports"
does it: start at the template port and count up until the port is free on that node (so the node agent's
DCS 9353 pushes the first application server to 9354, a second server on a node gets 9081/9444, ...).
New kinds of objects get their ids (``Type_<stamp>``) after all older ones, so adding one keeps the ids of the
rest of the default cell.

Guesses (no real Sametime cell was available; see sametime-operations.md section 14):
  * node names follow the pattern ``<shorthost><CODE>Node<n>`` of the talk's screenshots; dmgr node ``DMgrNode``;
  * the dmgr endpoint called "CELL_DISCOVERY_PORT 8709" in the Sametime port list is written as
    CELL_MULTICAST_DISCOVERY_ADDRESS 8709; the dmgr, node agent and proxy server.xml are reduced reconstructions
    (no real file in the corpus), the application server server.xml is the real 8.5.5.9 one;
  * Sametime application names other than "IBM Lotus SIP Registrar", their module URIs and context roots; the
    web modules' web.xml (no display-name, no servlets) and ibm-web-bnd.xmi (default_host);
  * which servers have a stavconfig.xml copy (STMediaServer and dmgr), its root element and its entry list;
  * sib-bus.xml / sib-engines.xml attribute sets; the LDAP repository's id, host and bind DN;
  * the database, data source, JNDI and J2C alias names; cluster, member and secondary-node names; the Media
    server's extra SIP channel and chain names; the RSA token certificates' subjects;
  * fileRegistry.xml's layout beyond the password format (identifier, parent, timestamps), [L];
  * resources.xml is reduced to the built-in providers a data source needs (the real server-scope file's
    WebSphere Relational Resource Adapter, MQ, mail and URL providers) plus the DB2 provider.
Not written (what a real cell has and the project's libraries cannot make, or nothing needs yet): the web
server's plugin-cfg.xml and its CMS key store plugin-key.kdb (a real cell declares it in security.xml at the web
server's scope; GSKit's CMS format has no writer here), so --ihs declares no key store for it.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
from dataclasses import dataclass, field

import jinja2

from harness.generate import keystores
from harness.generate.defaults import DEFAULT_CELL, DEFAULT_DOMAIN, DEFAULT_SEED
from harness.was import fileregistry, ltpa

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATE_DIR = os.path.join(REPO_ROOT, "templates", "sametime")

WAS_VERSION = "8.5.5.9"
WAS_INSTALL_ROOT = "/opt/IBM/WebSphere/AppServer"
ADMIN_ID = "wasadmin"
ADMIN_PASSWORD = "Sametime9"  # {xor}-encoded in security.xml; test value only
LDAP_DEPLOYMENT_NAME = "LDAPDeployname"  # the installer's wrong base entry (sametime-operations.md 5.2)
LDAP_BIND_PASSWORD = "passw0rd"
FILE_REGISTRY_CREATED = "2013-05-01T10:00:00.000+02:00"  # wasadmin's createTimestamp (the profile's creation)
BUS_NAME = "meeting_service_bus"
# 2013-05-01 08:00:00 UTC: the era of the talk; xmi:id stamps count up from here (+1 h per seed).
STAMP_BASE = 1367395200000


class FixtureError(Exception):
    """Bad generator options; the message is one line for the command line."""


def xor_encode(password: str) -> str:
    """WebSphere's {xor} password encoding (sametime-operations.md 12.2)."""
    return "{xor}" + base64.b64encode(bytes(b ^ 0x5F for b in password.encode("utf-8"))).decode("ascii")


def emf_escape(value) -> str:
    """Escape an attribute value the way EMF writes it (hex character references)."""
    s = str(value)
    return (
        s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace("\n", "&#xA;")
        .replace("\r", "&#xD;")
        .replace("\t", "&#x9;")
    )


class Stamps:
    """``<Type>_<13-digit millis>`` ids; objects created together get consecutive values."""

    def __init__(self, seed: int):
        self.n = STAMP_BASE + (seed % 100000) * 3600000

    def __call__(self, type_name: str) -> str:
        self.n += 1
        return "%s_%d" % (type_name, self.n)

    def millis(self) -> int:
        self.n += 1
        return self.n


def _uuid(seed: int, label: str, n: int = 16) -> str:
    return hashlib.sha256(("%d|%s" % (seed, label)).encode("utf-8")).hexdigest()[:n].upper()


def _uuid_text(seed: int, label: str) -> str:
    """A UUID in its text form (8-4-4-4-12, lower case), from seed and label."""
    h = hashlib.sha256(("uuid|%d|%s" % (seed, label)).encode("utf-8")).hexdigest()
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])


def _salt(seed: int, label: str) -> str:
    """A file-registry salt (fileregistry.SALT_LENGTH characters of its alphabet), from seed and label."""
    h = hashlib.sha256(("salt|%d|%s" % (seed, label)).encode("utf-8")).digest()
    return "".join(fileregistry.SALT_ALPHABET[b % len(fileregistry.SALT_ALPHABET)] for b in h[: fileregistry.SALT_LENGTH])


# ------------------------------------------------------------------------------------------------------------
# Endpoint tables: (endPointName, template port, host kind) -- host kind "host" = node host name, "*", or
# "local" = ${LOCALHOST_NAME}. Order = the order WebSphere writes them.
# ------------------------------------------------------------------------------------------------------------
APP_ENDPOINTS = [
    ("BOOTSTRAP_ADDRESS", 2809, "host"),
    ("SOAP_CONNECTOR_ADDRESS", 8880, "host"),
    ("ORB_LISTENER_ADDRESS", 9100, "host"),
    ("SAS_SSL_SERVERAUTH_LISTENER_ADDRESS", 9401, "host"),
    ("CSIV2_SSL_SERVERAUTH_LISTENER_ADDRESS", 9403, "host"),
    ("CSIV2_SSL_MUTUALAUTH_LISTENER_ADDRESS", 9402, "host"),
    ("WC_adminhost", 9060, "*"),
    ("WC_defaulthost", 9080, "*"),
    ("DCS_UNICAST_ADDRESS", 9353, "*"),
    ("WC_adminhost_secure", 9043, "*"),
    ("WC_defaulthost_secure", 9443, "*"),
    ("SIP_DEFAULTHOST", 5060, "*"),
    ("SIP_DEFAULTHOST_SECURE", 5061, "*"),
    ("SIB_ENDPOINT_ADDRESS", 7276, "*"),
    ("SIB_ENDPOINT_SECURE_ADDRESS", 7286, "*"),
    ("SIB_MQ_ENDPOINT_ADDRESS", 5558, "*"),
    ("SIB_MQ_ENDPOINT_SECURE_ADDRESS", 5578, "*"),
    ("IPC_CONNECTOR_ADDRESS", 9633, "local"),
    ("OVERLAY_UDP_LISTENER_ADDRESS", 11003, "*"),
    ("OVERLAY_TCP_LISTENER_ADDRESS", 11004, "*"),
]
# template-fixed ids of the application server serverindex entry (same in 8.5.5.9, 8.5.5.13 and 9.0.5.6)
APP_ENTRY_ID = "ServerEntry_1183122129640"
APP_EP_BASE = 1183122129640
APP_EP_STAMPED = {
    "SIB_ENDPOINT_ADDRESS",
    "SIB_ENDPOINT_SECURE_ADDRESS",
    "SIB_MQ_ENDPOINT_ADDRESS",
    "SIB_MQ_ENDPOINT_SECURE_ADDRESS",
}  # their EndPoint ids are install-time stamps

DMGR_ENDPOINTS = [
    ("BOOTSTRAP_ADDRESS", 8702, "host"),
    ("SOAP_CONNECTOR_ADDRESS", 8703, "host"),
    ("ORB_LISTENER_ADDRESS", 8708, "host"),
    ("SAS_SSL_SERVERAUTH_LISTENER_ADDRESS", 8705, "host"),
    ("CSIV2_SSL_SERVERAUTH_LISTENER_ADDRESS", 8706, "host"),
    ("CSIV2_SSL_MUTUALAUTH_LISTENER_ADDRESS", 8707, "host"),
    ("WC_adminhost", 8700, "*"),
    ("DCS_UNICAST_ADDRESS", 8710, "*"),
    ("WC_adminhost_secure", 8701, "*"),
    ("CELL_DISCOVERY_ADDRESS", 7277, "host"),
    ("CELL_MULTICAST_DISCOVERY_ADDRESS", 8709, "*"),
    ("DataPowerMgr_inbound_secure", 8711, "*"),
    ("IPC_CONNECTOR_ADDRESS", 8704, "local"),
    ("OVERLAY_UDP_LISTENER_ADDRESS", 11005, "*"),
    ("OVERLAY_TCP_LISTENER_ADDRESS", 11006, "*"),
]

NODEAGENT_ENDPOINTS = [
    ("BOOTSTRAP_ADDRESS", 2810, "host"),
    ("CSIV2_SSL_MUTUALAUTH_LISTENER_ADDRESS", 9202, "host"),
    ("CSIV2_SSL_SERVERAUTH_LISTENER_ADDRESS", 9201, "host"),
    ("IPC_CONNECTOR_ADDRESS", 9626, "local"),
    ("NODE_DISCOVERY_ADDRESS", 7272, "host"),
    ("NODE_IPV6_MULTICAST_DISCOVERY_ADDRESS", 5001, "*"),
    ("NODE_MULTICAST_DISCOVERY_ADDRESS", 5000, "*"),
    ("ORB_LISTENER_ADDRESS", 9900, "host"),
    ("SAS_SSL_SERVERAUTH_LISTENER_ADDRESS", 9901, "host"),
    ("SOAP_CONNECTOR_ADDRESS", 8878, "host"),
    ("DCS_UNICAST_ADDRESS", 9353, "*"),
    ("OVERLAY_UDP_LISTENER_ADDRESS", 11001, "*"),
    ("OVERLAY_TCP_LISTENER_ADDRESS", 11002, "*"),
]

PROXY_ENDPOINTS = [
    ("BOOTSTRAP_ADDRESS", 2809, "host"),
    ("SOAP_CONNECTOR_ADDRESS", 8880, "host"),
    ("ORB_LISTENER_ADDRESS", 9100, "host"),
    ("SAS_SSL_SERVERAUTH_LISTENER_ADDRESS", 9401, "host"),
    ("CSIV2_SSL_SERVERAUTH_LISTENER_ADDRESS", 9403, "host"),
    ("CSIV2_SSL_MUTUALAUTH_LISTENER_ADDRESS", 9402, "host"),
    ("DCS_UNICAST_ADDRESS", 9353, "*"),
    ("PROXY_HTTP_ADDRESS", 80, "*"),
    ("PROXY_HTTPS_ADDRESS", 443, "*"),
    ("PROXY_SIP_ADDRESS", 5060, "*"),
    ("PROXY_SIPS_ADDRESS", 5061, "*"),
    ("IPC_CONNECTOR_ADDRESS", 9633, "local"),
    ("OVERLAY_UDP_LISTENER_ADDRESS", 11003, "*"),
    ("OVERLAY_TCP_LISTENER_ADDRESS", 11004, "*"),
]

# STMediaServer: Conference Manager on 5063/5062 instead of 5060/5061, plus the SIP Proxy/Registrar endpoints
# (names as in the talk's screenshot; casing unverified, sametime-operations.md 7.2).
MEDIA_PORT_OVERRIDES = {"SIP_DEFAULTHOST": 5063, "SIP_DEFAULTHOST_SECURE": 5062}
MEDIA_EXTRA_ENDPOINTS = [("SIP_ProxyRegHOST", 5080, "*"), ("SIP_ProxyReg_SECURE", 5081, "*")]

# An IBM HTTP Server in front of the cell (--ihs): a web server definition on an unmanaged node, as the talk's
# "IHS_Node" (endpoints as the WEB_SERVER server type template's serverindex.xml).
IHS_NODE, IHS_HOST_SHORT, IHS_SERVER = "IHS_Node", "stweb", "webserver1"
IHS_INSTALL_ROOT, PLUGIN_INSTALL_ROOT = "/opt/IBM/HTTPServer", "/opt/IBM/WebSphere/Plugins"
IHS_ADMIN_ID, IHS_ADMIN_PASSWORD = "ihsadmin", "ihsPassw0rd"  # the IHS admin server's; test value only
WEBSERVER_ENDPOINTS = [("WEBSERVER_ADDRESS", 80, "host"), ("WEBSERVER_ADMIN_ADDRESS", 8008, "host")]

# Short mime table (ids as in the real 8.5.5.9 virtualhosts.xml: default_host id, admin_host id).
MIME_TYPES = [
    ("MimeEntry_2", "MimeEntry_102", "application/STEP", ["STEP", "STP", "step", "stp"]),
    (
        "MimeEntry_9",
        "MimeEntry_109",
        "application/octet-stream",
        ["bin", "lrf", "lha", "iso", "dist", "deploy", "dms", "pkg", "dump", "distz", "lzh", "elc", "so", "bpk", "dmg"],
    ),
    ("MimeEntry_54", "MimeEntry_154", "image/gif", ["gif"]),
    ("MimeEntry_56", "MimeEntry_156", "image/jpeg", ["JPE", "JPEG", "JPG", "jpe", "jpeg", "jpg"]),
    ("MimeEntry_70", "MimeEntry_170", "text/css", ["css"]),
    ("MimeEntry_71", "MimeEntry_171", "text/html", ["htm", "html"]),
    (
        "MimeEntry_72",
        "MimeEntry_172",
        "text/plain",
        ["conf", "def", "list", "log", "lst", "m", "mar", "sdml", "txt", "in", "text"],
    ),
    ("MimeEntry_526", "MimeEntry_1097", "application/json", ["json"]),
    ("MimeEntry_682", "MimeEntry_1253", "image/png", ["png"]),
    ("MimeEntry_696", "MimeEntry_1267", "application/javascript", ["js"]),
]

# Node-scope variables of the ND profile template (profileTemplates/management .../nodes/DefaultNode/variables.xml).
NODE_VARIABLES = [
    (1, "WAS_INSTALL_ROOT", "@WAS_ROOT@", "The filesystem path to the WebSphere product installation directory."),
    (2, "USER_INSTALL_ROOT", "@USER_ROOT@", "The filesystem path to the user installaton directory."),
    (3, "WAS_LIBS_DIR", "${WAS_INSTALL_ROOT}/lib", "The filesystem path to the product lib directory."),
    (4, "WAS_PROPS_DIR", "${USER_INSTALL_ROOT}/properties", "The filesystem path to the product properties directory."),
    (5, "WAS_TEMP_DIR", "${USER_INSTALL_ROOT}/temp", "The filesystem path to the product temp directory."),
    (
        6,
        "APP_INSTALL_ROOT",
        "${USER_INSTALL_ROOT}/installedApps",
        "The filesystem path to the directory which will contain installed enterprise applications.",
    ),
    (7, "LOG_ROOT", "${USER_INSTALL_ROOT}/logs", "The filesystem path to the directory which will contain server log files."),
    (8, "DRIVER_PATH", "${WAS_INSTALL_ROOT}", "The filesystem path to the directory which will contain drivers."),
    (9, "JAVA_HOME", "${WAS_INSTALL_ROOT}/java", "The filesystem path to the Java Virtual Machine installation directory."),
    (
        10,
        "MQ_INSTALL_ROOT",
        "${WAS_INSTALL_ROOT}/lib/WMQ",
        "The filesystem path to the installation directory for WebSphere MQ client libraries.",
    ),
    (11, "JVM_CACHE", "", "The filesystem patch the pointers to the JVM Cache for the current node are held"),
    (
        12,
        "DEPLOY_TOOL_ROOT",
        "${WAS_INSTALL_ROOT}/deploytool/itp",
        "The filesystem path to the installation directory for WebSphere EJB Deployment tool.",
    ),
    (
        13,
        "CONNECTOR_INSTALL_ROOT",
        "${USER_INSTALL_ROOT}/installedConnectors",
        "The filesystem path to the directory which will contain installed connectors.",
    ),
    (16, "WAS_ETC_DIR", "${USER_INSTALL_ROOT}/etc", "The filesystem path to the directory which will contain etc config files."),
    (17, "User-defined_JDBC_DRIVER_PATH", "", "The directory that contains a JDBC 2.0 compliant driver."),
    (18, "DB2_JDBC_DRIVER_PATH", "", "The directory that contains the DB2 Legacy CLI-based Type 2 JDBC Driver (db2java.zip)."),
    (
        28,
        "DB2UNIVERSAL_JDBC_DRIVER_PATH",
        "@DB2_PATH@",
        "The directory that contains the DB2 Universal JDBC Driver (db2jcc.jar).",
    ),
    (
        29,
        "UNIVERSAL_JDBC_DRIVER_PATH",
        "${WAS_INSTALL_ROOT}/universalDriver/lib",
        "The directory that contains the DB2 Universal JDBC driver license file.",
    ),
    (31, "DERBY_JDBC_DRIVER_PATH", "${WAS_INSTALL_ROOT}/derby/lib", "The directory that contains the Derby jar files."),
    (32, "WAS_INSTALL_LIBRARY", "$(was.install.library)", "The product library for the i5/OS WebSphere product installation."),
    (42, "DB2_JCC_DRIVER_PATH", "", "The directory that contains the IBM Data Server (JCC) Driver (db2jcc4.jar)."),
    (44, "LOCALHOST_NAME", "localhost", "The name used to refer to the localhost interface."),
    (45, "PUREQUERY_PATH", "", "The directory that contains the IBM Optim pureQuery Runtime code (pdq.jar)."),
]


# ------------------------------------------------------------------------------------------------------------
# Sametime components: where each installs, what it runs, its database
# ------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Database:
    """A component's DB2 database as WebSphere reaches it: a DataSource of the DB2 Universal JDBC Driver Provider
    and the J2C authentication alias (security.xml JAASAuthData) it signs on with.
    [U] the database, data source, JNDI and alias names: the Sametime installer creates them, no real cell seen."""

    name: str
    jndi: str
    alias: str
    description: str


@dataclass(frozen=True)
class Component:
    key: str  # the name --cluster / --colocate take
    code: str  # node-name code, <shorthost><CODE>Node<n> (sametime-operations.md 1.3)
    short: str  # host short name of its primary node
    profile: str  # primary node's profile (sametime-operations.md 1.2)
    secondary_profile: str | None  # profile of a cluster member's node (None: not clusterable)
    server: str  # its application server
    cluster: str | None  # [U] its cluster's name when clustered
    database: Database | None
    apps: tuple  # (application, web module uri, context root, starting weight)


COMPONENTS = (
    Component(
        "console",
        "SSC",
        "stconsole",
        "STSCAppProfile",
        None,
        "STConsoleServer",
        None,
        Database("STSC", "jdbc/stsc", "STSCDB2AuthAlias", "Sametime System Console database"),
        (("IBM Lotus Sametime System Console", "sametimeconsole.war", "/sametime", 1),),
    ),
    Component(
        "proxy",
        "STP",
        "stproxy",
        "STPAppProfile",
        "STPSNAppProfile",
        "STProxyServer",
        "STProxyCluster",
        Database("STPROXY", "jdbc/stproxy", "STPROXYDB2AuthAlias", "Sametime Proxy Server database"),
        (("IBM Lotus Sametime Proxy", "stproxy.war", "/stwebclient", 1),),
    ),
    Component(
        "meeting",
        "STM",
        "stmeeting",
        "STMAppProfile",
        "STMSNAppProfile",
        "STMeetingServer",
        "STMeetingCluster",
        Database("STMS", "jdbc/stms", "STMSDB2AuthAlias", "Sametime Meeting Server database"),
        (("IBM Lotus Sametime Meeting Server", "stmeetings.war", "/stmeetings", 1),),
    ),
    Component(
        "media",
        "STMS",
        "stmedia",
        "STMSAppProfile",
        "STMSSNAppProfile",
        "STMediaServer",
        "STMediaCluster",
        None,
        (
            ("IBM Lotus SIP Registrar", "sipregistrar.war", "/sipregistrar", 10),
            ("IBM Lotus SIP Proxy", "sipproxy.war", "/sipproxy", 10),
            ("IBM Lotus Sametime Conference Manager", "conferencemanager.war", "/conferencemanager", 20),
        ),
    ),
)
COMPONENT = {c.key: c for c in COMPONENTS}
# Co-located components share the node of the first of them in this order, and install in this order: the Sametime
# 9 port page's example has the Meeting Server on 9080 and the Proxy, installed after it, on 9081.
HOST_ORDER = ("console", "meeting", "proxy", "media")

DB2_HOST_SHORT = "db2"
DB2_PORT = 50000
DB2_USER = "db2admin"  # the server template's session-database user (server.xml)
DB2_PASSWORD = "db2Passw0rd"  # {xor}-encoded in security.xml; test value only
DB2_DRIVER_PATH = "/opt/ibm/db2/V9.7/java"

# STMediaServer's SIP Proxy/Registrar endpoints get SIP container chains of their own, shaped like the
# template's SIPCInboundDefault* chains of SIP_DEFAULTHOST(_SECURE). [U] the channel and chain names.
MEDIA_SIP_CHAINS = (
    ("SIPCInboundProxyReg", "SIP_ProxyRegHOST", "tcp"),
    ("SIPCInboundProxyRegSecure", "SIP_ProxyReg_SECURE", "ssl"),
    ("SIPCInboundProxyRegUDP", "SIP_ProxyRegHOST", "udp"),
)


@dataclass
class Options:
    cell: str = DEFAULT_CELL
    domain: str = DEFAULT_DOMAIN
    seed: int = DEFAULT_SEED
    nodes: int = 0
    servers_per_node: int = 1
    clusters: dict = field(default_factory=dict)  # component key -> number of members
    colocate: tuple = ()  # groups (tuples of component keys) sharing one node
    ihs: bool = False


def parse_cluster(spec: str) -> tuple[str, int]:
    """``meeting=2`` -> ("meeting", 2)."""
    key, sep, count = spec.partition("=")
    key = key.strip().lower()
    if not sep or not count.strip().isdigit():
        raise FixtureError("--cluster wants COMPONENT=MEMBERS (e.g. meeting=2), not %r" % spec)
    return key, int(count)


def parse_colocate(spec: str) -> tuple:
    """``proxy,meeting`` -> ("proxy", "meeting")."""
    return tuple(k.strip().lower() for k in spec.split(",") if k.strip())


def check_options(opts: Options) -> None:
    if opts.nodes < 0 or opts.servers_per_node < 1:
        raise FixtureError("--nodes must be >= 0 and --servers-per-node >= 1")
    names = ", ".join(c.key for c in COMPONENTS)
    for key, count in opts.clusters.items():
        comp = COMPONENT.get(key)
        if comp is None:
            raise FixtureError("--cluster: unknown component %s (one of %s)" % (key, names))
        if comp.cluster is None:
            raise FixtureError("--cluster: the %s cannot be clustered (Sametime runs one System Console)" % key)
        if count < 1:
            raise FixtureError("--cluster %s=%d: a cluster needs at least one member" % (key, count))
    seen = set()
    for group in opts.colocate:
        for key in group:
            if key not in COMPONENT:
                raise FixtureError("--colocate: unknown component %s (one of %s)" % (key, names))
            if key in seen:
                raise FixtureError("--colocate: %s is named twice" % key)
            seen.add(key)
        if len(group) < 2:
            raise FixtureError("--colocate wants at least two components, e.g. proxy,meeting")


# ------------------------------------------------------------------------------------------------------------
# Model
# ------------------------------------------------------------------------------------------------------------
class _Node(dict):
    """A node: name, host, profile, servers (list of dicts), used ports."""


def _allocate(used: set, port: int, fixed: bool = False) -> int:
    if not fixed:
        while port in used:
            port += 1
    used.add(port)
    return port


def _make_server(stamps, node, name, stype, endpoints, overrides=None, extra=None, fixed=()):
    overrides = overrides or {}
    host_of = {"host": node["host"], "*": "*", "local": "${LOCALHOST_NAME}"}
    first_app = stype == "APPLICATION_SERVER" and not node["has_app_server"]
    if first_app:
        node["has_app_server"] = True
    eps = []
    entry_id = APP_ENTRY_ID if first_app else stamps("ServerEntry")
    for i, (ep_name, port, hk) in enumerate(endpoints):
        port = _allocate(node["used"], overrides.get(ep_name, port), ep_name in fixed)
        if first_app:
            named_id = "NamedEndPoint_%d" % (APP_EP_BASE + i)
            ep_id = stamps("EndPoint") if ep_name in APP_EP_STAMPED else "EndPoint_%d" % (APP_EP_BASE + i)
        else:
            named_id, ep_id = stamps("NamedEndPoint"), stamps("EndPoint")
        eps.append({"name": ep_name, "port": port, "host": host_of[hk], "named_id": named_id, "id": ep_id})
    for ep_name, port, hk in extra or ():
        port = _allocate(node["used"], port)
        eps.append(
            {"name": ep_name, "port": port, "host": host_of[hk], "named_id": stamps("NamedEndPoint"), "id": stamps("EndPoint")}
        )
    server = {
        "name": name,
        "type": stype,
        "entry_id": entry_id,
        "endpoints": eps,
        "apps": [],
        "engines": [],
        "jvm_args": "",
        "heap_min": 0,
        "heap_max": 0,
        "cluster": None,
        "sib_enabled": False,
        "sip_chains": [],
        "coregroup_id": stamps("CoreGroupServer"),
        "ids": {
            "sibjmsra_pool": stamps("ThreadPool"),
            "wmqjca_pool": stamps("ThreadPool"),
            "sib_service": stamps("SIBService"),
            "proxy_settings": stamps("ProxySettings"),
            "routing_policy": stamps("RoutingPolicy"),
        },
    }
    node["servers"].append(server)
    return server


def _port(server, ep_name):
    for ep in server["endpoints"]:
        if ep["name"] == ep_name:
            return ep["port"]
    return None


def _sip_chains(stamps, server):
    """Channels and chains of MEDIA_SIP_CHAINS for a media server (numbered after the template's TCP_9, SSL_5,
    SIP_3, SIPCC_3, UDP_1), ids in the order they are made: the channels, then their chain."""
    number = {"TCP": 10, "UDP": 2, "SSL": 6, "SIP": 4, "SIPCC": 4}

    def channel(prefix, type_name):
        made = ("%s_%d" % (prefix, number[prefix]), stamps(type_name))
        number[prefix] += 1
        return made

    for chain, endpoint, kind in MEDIA_SIP_CHAINS:
        c = {"name": chain, "endpoint": endpoint, "kind": kind, "tcp": None, "udp": None, "ssl": None}
        if kind == "udp":
            c["udp"] = channel("UDP", "UDPInboundChannel")
        else:
            c["tcp"] = channel("TCP", "TCPInboundChannel")
        if kind == "ssl":
            c["ssl"] = channel("SSL", "SSLInboundChannel")
        c["sip"] = channel("SIP", "SIPInboundChannel")
        c["sipcc"] = channel("SIPCC", "SIPContainerInboundChannel")
        c["id"] = stamps("Chain")
        server["sip_chains"].append(c)


def _install(stamps, node, comp, name, primary):
    """The servers of component ``comp`` on ``node`` (the Meeting Server's HTTP proxy on its primary node only);
    returns its application server."""
    if comp.key == "media":
        main = _make_server(
            stamps, node, name, "APPLICATION_SERVER", APP_ENDPOINTS, overrides=MEDIA_PORT_OVERRIDES, extra=MEDIA_EXTRA_ENDPOINTS
        )
        main["media"] = True
    else:
        main = _make_server(stamps, node, name, "APPLICATION_SERVER", APP_ENDPOINTS)
    made = [main]
    if comp.key == "meeting" and primary:
        made.append(
            _make_server(
                stamps,
                node,
                "STMeetingHttpProxy",
                "PROXY_SERVER",
                PROXY_ENDPOINTS,
                fixed=("PROXY_HTTP_ADDRESS", "PROXY_HTTPS_ADDRESS"),
            )
        )
    for srv in made:
        srv.update(jvm_args="-Dclient.encoding.override=UTF-8", heap_min=512, heap_max=2048)
    return main


def build_model(opts: Options) -> dict:
    check_options(opts)
    stamps = Stamps(opts.seed)
    d = opts.domain
    nodes = []

    def node(name, short, profile, db2=False):
        n = _Node(
            name=name,
            host="%s.%s" % (short, d),
            profile=profile,
            servers=[],
            used=set(),
            has_app_server=False,
            nodegroup_member_id=stamps("NodeGroupMember"),
            db2=db2,
            managed=True,
        )
        nodes.append(n)
        return n

    dmgr_node = node("DMgrNode", "stconsole", "STSCDMgrProfile")
    dmgr = _make_server(stamps, dmgr_node, "dmgr", "DEPLOYMENT_MANAGER", DMGR_ENDPOINTS)
    dmgr.update(heap_min=256, heap_max=1024)

    # --- the components' primary nodes (co-located ones share the node of the first in HOST_ORDER) -------------
    group_of = {}
    for group in opts.colocate:
        ordered = tuple(sorted(set(group), key=HOST_ORDER.index))
        for key in ordered:
            group_of[key] = ordered
    placed, primary = {}, {}
    for comp in COMPONENTS:
        if comp.key in placed:
            continue
        members = group_of.get(comp.key, (comp.key,))
        host = COMPONENT[members[0]]
        n = node(
            "%s%sNode1" % (host.short, host.code),
            host.short,
            host.profile,
            db2=any(COMPONENT[k].database is not None for k in members),
        )
        _make_server(stamps, n, "nodeagent", "NODE_AGENT", NODEAGENT_ENDPOINTS)
        for key in members:
            placed[key] = n
            primary[key] = _install(stamps, n, COMPONENT[key], COMPONENT[key].server, True)

    # --- clusters: the primary server is the first member, the others run on nodes of their own ----------------
    clusters, members_of = [], {}
    for comp in COMPONENTS:
        count = opts.clusters.get(comp.key)
        if not count:
            continue
        members = [(placed[comp.key], primary[comp.key])]
        for k in range(2, count + 1):
            short = "%s%d" % (comp.short, k)
            n = node("%s%sNode1" % (short, comp.code), short, comp.secondary_profile, db2=comp.database is not None)
            _make_server(stamps, n, "nodeagent", "NODE_AGENT", NODEAGENT_ENDPOINTS)
            members.append((n, _install(stamps, n, comp, "%s%d" % (comp.server, k), False)))
        for _n, srv in members:
            srv["cluster"] = comp.cluster
        members_of[comp.key] = members
        clusters.append(
            {
                "name": comp.cluster,
                "id": stamps("ServerCluster"),
                "state_id": stamps("StateManageable"),
                "engines": [],
                "members": [
                    {"id": stamps("ClusterMember"), "name": srv["name"], "node": n["name"], "unique_id": stamps.millis()}
                    for n, srv in members
                ],
            }
        )
    cluster_by_name = {c["name"]: c for c in clusters}

    for i in range(1, opts.nodes + 1):
        n = node("stapp%03dNode1" % i, "stapp%03d" % i, "AppSrv01")
        _make_server(stamps, n, "nodeagent", "NODE_AGENT", NODEAGENT_ENDPOINTS)
        for j in range(1, opts.servers_per_node + 1):
            _make_server(stamps, n, "STAppServer%02d" % j, "APPLICATION_SERVER", APP_ENDPOINTS)

    # --- applications: on the component's server, or on its cluster (every member lists it) ------------------
    apps = []

    def app(name, comp, modules, roles, weight=1):
        ids = {
            k: stamps(t)
            for k, t in (
                ("deployment", "Deployment"),
                ("app_deployment", "ApplicationDeployment"),
                ("target_mapping", "DeploymentTargetMapping"),
                ("classloader", "Classloader"),
            )
        }
        ids["target"] = stamps("ClusteredTarget" if comp.key in members_of else "ServerTarget")
        mods = []
        for kind, uri, ctx in modules:
            mods.append(
                {
                    "kind": kind,
                    "uri": uri,
                    "context_root": ctx,
                    "id": stamps(kind),
                    "starting_weight": 10000 if kind == "WebModuleDeployment" else 5000,
                    "target_mapping_id": stamps("DeploymentTargetMapping"),
                    "classloader_id": stamps("Classloader") if kind == "WebModuleDeployment" else None,
                }
            )
        ids["property"] = stamps("Property")
        server, node_ = primary[comp.key], placed[comp.key]
        a = {
            "name": name,
            "dir": name,
            "node": node_["name"],
            "server": server["name"],
            "cluster": server["cluster"],
            "modules": mods,
            "roles": [{"name": r, "special": sp} for r, sp in roles],
            "ids": ids,
            "starting_weight": weight,
        }
        for _n, srv in members_of.get(comp.key, [(node_, server)]):
            srv["apps"].append(a)
        apps.append(a)
        return a

    web = "WebModuleDeployment"
    auth = [("AllAuthenticatedUsers", "AllAuthenticatedUsers")]
    for comp in COMPONENTS:
        for name, uri, ctx, weight in comp.apps:
            app(name, comp, [(web, uri, ctx)], auth, weight)

    # --- service integration bus: the Meeting Server (or its cluster) is the member ---------------------------
    meeting_node, meeting = placed["meeting"], primary["meeting"]
    bus_uuid = _uuid(opts.seed, "bus|" + BUS_NAME)
    if meeting["cluster"]:
        engine_host = cluster_by_name[meeting["cluster"]]
        engine_name = "%s.000-%s" % (meeting["cluster"], BUS_NAME)
        member = {"cluster": meeting["cluster"]}
    else:
        engine_host = meeting
        engine_name = "%s.%s-%s" % (meeting_node["name"], meeting["name"], BUS_NAME)
        member = {"cluster": None, "server": meeting["name"], "node": meeting_node["name"]}
    engine_uuid = _uuid(opts.seed, "engine|" + engine_name)
    engine_host["engines"].append(
        {
            "id": stamps("SIBMessagingEngine"),
            "name": engine_name,
            "uuid": engine_uuid,
            "bus": BUS_NAME,
            "bus_uuid": bus_uuid,
            "store_id": stamps("SIBFilestore"),
            "store_uuid": _uuid(opts.seed, "store|" + engine_name),
        }
    )
    for _n, srv in members_of.get("meeting", [(meeting_node, meeting)]):
        srv["sib_enabled"] = True
    bus = {
        "id": stamps("SIBus"),
        "name": BUS_NAME,
        "uuid": bus_uuid,
        "description": "Sametime Meeting Server service integration bus",
        "members": [member],
    }
    member.update(id=stamps("SIBusMember"), target_id=stamps("SIBusMemberTarget"), engine_uuid=engine_uuid)

    # --- virtual hosts ----------------------------------------------------------------------------------------
    default_aliases = [
        ("HostAlias_1", "9080"),
        ("HostAlias_2", None),
        ("HostAlias_3", "9443"),
        ("HostAlias_6", "5060"),
        ("HostAlias_7", "5061"),
        ("HostAlias_8", "443"),
    ]
    admin_aliases = [("HostAlias_4", "9060"), ("HostAlias_5", "9043")]
    seen_default = {"80" if p is None else p for _, p in default_aliases}
    seen_admin = {p for _, p in admin_aliases}
    for n in nodes:
        for s in n["servers"]:
            for ep in s["endpoints"]:
                port = str(ep["port"])
                if (
                    ep["name"] in ("WC_defaulthost", "WC_defaulthost_secure", "PROXY_HTTP_ADDRESS", "PROXY_HTTPS_ADDRESS")
                    and port not in seen_default
                ):
                    seen_default.add(port)
                    default_aliases.append((stamps("HostAlias"), port))
                elif ep["name"] in ("WC_adminhost", "WC_adminhost_secure") and port not in seen_admin:
                    seen_admin.add(port)
                    admin_aliases.append((stamps("HostAlias"), port))

    def vh(vid, name, aliases, col):
        return {
            "id": vid,
            "name": name,
            "mime_types": [{"id": m[col], "type": m[2], "extensions": m[3]} for m in MIME_TYPES],
            "aliases": [{"id": a, "hostname": "*", "port": p} for a, p in aliases],
        }

    virtual_hosts = [vh("VirtualHost_1", "default_host", default_aliases, 0), vh("VirtualHost_2", "admin_host", admin_aliases, 1)]

    # --- security ---------------------------------------------------------------------------------------------
    c = opts.cell
    federated = [n for n in nodes if n is not dmgr_node and n["managed"]]
    ks = [
        (
            "KeyStore_1",
            "CellDefaultKeyStore",
            "key.p12",
            "PKCS12",
            "Default key store for %s" % c,
            "SSLKeys",
            "ManagementScope_1",
        ),
        (
            "KeyStore_2",
            "CellDefaultTrustStore",
            "trust.p12",
            "PKCS12",
            "Default trust store for %s" % c,
            "SSLKeys",
            "ManagementScope_1",
        ),
        ("KeyStore_3", "CellLTPAKeys", "ltpa.jceks", "JCEKS", "LTPA key store for %s" % c, "KeySetKeys", "ManagementScope_1"),
    ]
    dn = dmgr_node["name"]
    dscope = "ManagementScope_%s_1" % dn
    for k, (kname, f, desc, usage) in enumerate(
        [
            ("DmgrDefaultRootStore", "root-key.p12", "Root certificate key store for %s", "RootKeys"),
            ("DmgrDefaultDeletedStore", "deleted.p12", "Key store containing deleted certificates for %s", "DeletedKeys"),
            ("DmgrDefaultSignersStore", "default-signers.p12", "Key store containing default signers for %s", "DefaultSigners"),
            ("DmgrRSATokenKeyStore", "rsatoken-key.p12", "RSAToken key store for %s", "RSATokenKeys"),
            ("DmgrRSATokenTrustStore", "rsatoken-trust.p12", "RSAToken key store for %s", "RSATokenKeys"),
            ("DmgrRSATokenRootStore", "rsatoken-root-key.p12", "RSAToken root certificate key store for %s", "RSATokenKeys"),
        ],
        start=1,
    ):
        ks.append(("KeyStore_%s_%d" % (dn, k), kname, "nodes/%s/%s" % (dn, f), "PKCS12", desc % dn, usage, dscope))
    for n in federated:
        nn = n["name"]
        scope = "ManagementScope_%s_1" % nn
        ks.append(
            (
                "KeyStore_%s_1" % nn,
                "NodeDefaultKeyStore",
                "nodes/%s/key.p12" % nn,
                "PKCS12",
                "Default key store for %s" % nn,
                "SSLKeys",
                scope,
            )
        )
        ks.append(
            (
                "KeyStore_%s_2" % nn,
                "NodeDefaultTrustStore",
                "nodes/%s/trust.p12" % nn,
                "PKCS12",
                "Default trust store for %s" % nn,
                "SSLKeys",
                scope,
            )
        )
    security = {
        "ltpa_timeout": 120,
        "sso_domain": "." + d,
        "sso_requires_ssl": "false",
        "admin_id": ADMIN_ID,
        "admin_password_xor": xor_encode(ADMIN_PASSWORD),
        "realm": "defaultWIMFileBasedRealm",
        "keystores": [dict(zip(("id", "name", "path", "type", "description", "usage", "scope"), k)) for k in ks],
        "expiration_next_start": stamps.millis(),
        "prop_ids": [stamps("Property") for _ in range(4)],
        "auth_data": [],
    }
    # --- DB2 data sources (server scope, or cluster scope for a clustered component) and their J2C aliases ------
    # (made after everything else: the ids of the objects above stay what they were before these existed)
    auth_data, resources = security["auth_data"], []
    for comp in COMPONENTS:
        db = comp.database
        if db is None:
            continue
        auth_data.append(
            {
                "id": stamps("JAASAuthData"),
                "alias": db.alias,
                "user": DB2_USER,
                "password_xor": xor_encode(DB2_PASSWORD),
                "description": db.description,
            }
        )
        server = primary[comp.key]
        if server["cluster"]:
            scope = "clusters/%s" % server["cluster"]
        else:
            scope = "nodes/%s/servers/%s" % (placed[comp.key]["name"], server["name"])
        ids = {
            k: stamps(t)
            for k, t in (
                ("provider", "JDBCProvider"),
                ("datasource", "DataSource"),
                ("property_set", "J2EEResourcePropertySet"),
                ("pool", "ConnectionPool"),
                ("mapping", "MappingModule"),
            )
        }
        ids["properties"] = [stamps("J2EEResourceProperty") for _ in range(4)]
        resources.append(
            {
                "scope": scope,
                "ids": ids,
                "database": db.name,
                "name": db.name,
                "jndi": db.jndi,
                "alias": db.alias,
                "description": db.description,
                "host": "%s.%s" % (DB2_HOST_SHORT, d),
                "port": DB2_PORT,
            }
        )
    for n in nodes:
        for srv in n["servers"]:
            if srv.get("media"):
                _sip_chains(stamps, srv)
    file_registry = {
        "admin_id": ADMIN_ID,
        "realm": "defaultWIMFileBasedRealm",
        "unique_id": _uuid_text(opts.seed, "wasadmin"),
        "created": FILE_REGISTRY_CREATED,
        "password": fileregistry.password_hash(ADMIN_PASSWORD, _salt(opts.seed, "wasadmin")),
    }
    wim = {
        "ldap_repositories": [
            {
                "id": "LDAP on domino",
                "server_type": "DOMINO",
                "base_name": LDAP_DEPLOYMENT_NAME,
                "name_in_repository": LDAP_DEPLOYMENT_NAME,
                "bind_dn": "cn=ldapbind,o=example",
                "bind_password_xor": xor_encode(LDAP_BIND_PASSWORD),
                "host": "domino." + d,
                "port": 389,
            }
        ]
    }

    if opts.ihs:
        n = node(IHS_NODE, IHS_HOST_SHORT, None)
        n["managed"] = False
        web = _make_server(stamps, n, IHS_SERVER, "WEB_SERVER", WEBSERVER_ENDPOINTS)
        web["ids"].update(
            {
                k: stamps(t)
                for k, t in (
                    ("server", "Server"),
                    ("webserver", "WebServer"),
                    ("state", "StateManageable"),
                    ("admin_auth", "AdminServerAuthentication"),
                    ("plugin", "PluginProperties"),
                    ("plugin_cluster", "PluginServerClusterProperties"),
                    ("process", "JavaProcessDef"),
                    ("execution", "ProcessExecution"),
                    ("jvm", "JavaVirtualMachine"),
                )
            }
        )
        web.update(
            install_root=IHS_INSTALL_ROOT,
            plugin_root=PLUGIN_INSTALL_ROOT,
            admin_id=IHS_ADMIN_ID,
            admin_password_xor=xor_encode(IHS_ADMIN_PASSWORD),
        )

    for n in nodes:
        del n["used"]
    coregroup_uid = "%s:%s:-8000" % (_uuid(opts.seed, "cg1", 8).lower(), _uuid(opts.seed, "cg2", 11).lower())
    return {
        "cell": {
            "name": c,
            "nodes": nodes,
            "federated_nodes": federated,
            "dmgr_node": dmgr_node,
            "was_version": WAS_VERSION,
            "coregroup_uid": coregroup_uid,
        },
        "apps": apps,
        "bus": bus,
        "virtual_hosts": virtual_hosts,
        "security": security,
        "wim": wim,
        "clusters": clusters,
        "resources": resources,
        "file_registry": file_registry,
        "ltpa_identity": ltpa.cell_identity(c, coregroup_uid, dmgr_node["name"], dmgr["entry_id"]),
        "stamps": stamps,
    }


# ------------------------------------------------------------------------------------------------------------
# Rendering
# ------------------------------------------------------------------------------------------------------------
def environment(template_dir: str = TEMPLATE_DIR) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters["x"] = emf_escape
    return env


def _server_vars(stamps, node, server, cell):
    log_root = "${LOG_ROOT}/%s" % server["name"]
    return [
        {
            "id": "VariableSubstitutionEntry_1183122130203",
            "name": "SERVER_LOG_ROOT",
            "value": log_root,
            "description": "The log root directory for server %s." % server["name"],
        },
        {
            "id": "VariableSubstitutionEntry_1183122130218",
            "name": "WAS_SERVER_NAME",
            "value": server["name"],
            "description": "Name of the application server.",
        },
    ]


def render(model: dict, template_dir: str = TEMPLATE_DIR) -> dict:
    """Return {relative path under the config root: bytes} for every XML/properties document."""
    env = environment(template_dir)
    t = env.get_template
    cell = model["cell"]
    base = "cells/%s/" % cell["name"]
    out = {}
    ctx = dict(model)

    def put(rel, template, **extra):
        out[base + rel] = t(template).render(ctx, **extra).encode("utf-8")

    put("cell.xml", "cell.xml.j2")
    put("security.xml", "security.xml.j2")
    put("virtualhosts.xml", "virtualhosts.xml.j2")
    put(
        "variables.xml",
        "variables.xml.j2",
        variables=[
            {"id": "VariableSubstitutionEntry_1", "name": "WAS_CELL_NAME", "value": cell["name"], "description": "WAS cell name"}
        ],
    )
    put("wim/config/wimconfig.xml", "wimconfig.xml.j2")
    put("fileRegistry.xml", "fileRegistry.xml.j2", registry=model["file_registry"])
    put("coregroups/DefaultCoreGroup/coregroup.xml", "coregroup.xml.j2")
    put("nodegroups/DefaultNodeGroup/nodegroup.xml", "nodegroup.xml.j2")
    put("buses/%s/sib-bus.xml" % model["bus"]["name"], "sib-bus.xml.j2", bus=model["bus"])
    for cl in model["clusters"]:
        put("clusters/%s/cluster.xml" % cl["name"], "cluster.xml.j2", cluster=cl)
        if cl["engines"]:
            put("clusters/%s/sib-engines.xml" % cl["name"], "sib-engines.xml.j2", server=cl)
    for res in model["resources"]:
        put("%s/resources.xml" % res["scope"], "resources.xml.j2", res=res)
    for a in model["apps"]:
        d = "applications/%s.ear/deployments/%s/" % (a["dir"], a["dir"])
        put(d + "deployment.xml", "deployment.xml.j2", app=a)
        put(d + "META-INF/application.xml", "application.xml.j2", app=a)
        put(d + "META-INF/ibm-application-bnd.xmi", "ibm-application-bnd.xmi.j2", app=a)
        for m in a["modules"]:  # a web module's descriptors as the deployment keeps them (harness/was/webmodules.py)
            if m["kind"] == "WebModuleDeployment":
                put(d + m["uri"] + "/WEB-INF/web.xml", "web.xml.j2")
                put(d + m["uri"] + "/WEB-INF/ibm-web-bnd.xmi", "ibm-web-bnd.xmi.j2")

    server_template = {
        "DEPLOYMENT_MANAGER": "server-dmgr.xml.j2",
        "NODE_AGENT": "server-nodeagent.xml.j2",
        "PROXY_SERVER": "server-proxy.xml.j2",
        "APPLICATION_SERVER": "server.xml.j2",
        "WEB_SERVER": "server-webserver.xml.j2",
    }
    for node in cell["nodes"]:
        nb = "nodes/%s/" % node["name"]
        put(nb + "node.xml", "node.xml.j2", node=node)
        put(nb + "serverindex.xml", "serverindex.xml.j2", node=node)
        put(nb + "node-metadata.properties", "node-metadata.properties.j2", node=node)
        if not node["managed"]:  # an unmanaged node has no WebSphere profile: no variables, only its servers
            for s in node["servers"]:
                put(nb + "servers/%s/server.xml" % s["name"], server_template[s["type"]], server=s, node=node)
            continue
        nvars = []
        for num, name, value, desc in NODE_VARIABLES:
            value = (
                value.replace("@WAS_ROOT@", WAS_INSTALL_ROOT)
                .replace("@USER_ROOT@", "%s/profiles/%s" % (WAS_INSTALL_ROOT, node["profile"]))
                .replace("@DB2_PATH@", DB2_DRIVER_PATH if node["db2"] else "")
            )
            nvars.append({"id": "VariableSubstitutionEntry_%d" % num, "name": name, "value": value, "description": desc})
        put(nb + "variables.xml", "variables.xml.j2", variables=nvars)
        for s in node["servers"]:
            sb = nb + "servers/%s/" % s["name"]
            put(sb + "server.xml", server_template[s["type"]], server=s, node=node)
            put(sb + "variables.xml", "variables.xml.j2", variables=_server_vars(model["stamps"], node, s, cell))
            if s["type"] == "APPLICATION_SERVER":
                put(sb + "sib-service.xml", "sib-service.xml.j2", server=s)
            if s["engines"]:
                put(sb + "sib-engines.xml", "sib-engines.xml.j2", server=s)
            if s["type"] == "PROXY_SERVER":
                put(sb + "proxy-settings.xml", "proxy-settings.xml.j2", server=s)
    for rel, stav in stavconfig_copies(model):
        put(rel, "stavconfig.xml.j2", stav=stav)
    return out


# stavconfig.xml (sametime-operations.md 7.3): several copies under .../servers/<server>/ of the deployment
# manager's configuration. Written: one for every server that runs the SIP Registrar, and the deployment manager's
# [guess]; the copies differ in their lastUpdated stamps (written at different times). Only HCL's two public entry
# names are written.
STAV_ENTRIES = (("SIPAuthenticationType", "LTPA"), ("ClientSIPRegisterRetryDelay", "120"))
STAV_LAST_UPDATED = 1366790400000  # 2013-04-24 08:00 UTC, a week before the stamps of the other documents
SIP_REGISTRAR_APP = "IBM Lotus SIP Registrar"


def stavconfig_copies(model):
    """[(path under the cell directory, template context)] of the stavconfig.xml copies, in node order."""
    out = []
    for node in model["cell"]["nodes"]:
        for s in node["servers"]:
            if s["type"] != "DEPLOYMENT_MANAGER" and not [a for a in s["apps"] if a["name"] == SIP_REGISTRAR_APP]:
                continue
            stamp = STAV_LAST_UPDATED + len(out) * 86461000
            entries = [{"name": n, "value": v, "last_updated": stamp + 17 * i} for i, (n, v) in enumerate(STAV_ENTRIES)]
            rel = "nodes/%s/servers/%s/stavconfig.xml" % (node["name"], s["name"])
            out.append((rel, {"entries": entries}))
    return out


def generate(
    out_dir: str,
    cell: str = DEFAULT_CELL,
    domain: str = DEFAULT_DOMAIN,
    seed: int = DEFAULT_SEED,
    nodes: int = 0,
    servers_per_node: int = 1,
    force: bool = False,
    templates_from: str | None = None,
    template_dir: str = TEMPLATE_DIR,
    clusters: dict | None = None,
    colocate=(),
    ihs: bool = False,
) -> dict:
    """Generate the cell into ``out_dir`` (the config root). Returns a summary dict.

    ``clusters``: {component: members}, e.g. {"meeting": 2}; ``colocate``: groups of components sharing one node,
    e.g. [("proxy", "meeting")]; ``ihs``: an IBM HTTP Server web server definition on an unmanaged node."""
    opts = Options(
        cell=cell,
        domain=domain,
        seed=seed,
        nodes=nodes,
        servers_per_node=servers_per_node,
        clusters=dict(clusters or {}),
        colocate=tuple(tuple(g) for g in colocate),
        ihs=ihs,
    )
    check_options(opts)
    if os.path.isdir(out_dir) and os.listdir(out_dir):
        if not force:
            raise FixtureError("%s is not empty (use --force to replace its cells/ and templates/)" % out_dir)
        for sub in ("cells", "templates"):
            p = os.path.join(out_dir, sub)
            if os.path.isdir(p):
                shutil.rmtree(p)
    model = build_model(opts)
    docs = render(model, template_dir)
    made = set()
    for rel, data in docs.items():
        path = os.path.join(out_dir, rel)
        d = os.path.dirname(path)
        if d not in made:
            os.makedirs(d, exist_ok=True)
            made.add(d)
        with open(path, "wb") as f:
            f.write(data)
    cell_dir = os.path.join(out_dir, "cells", cell)
    c = model["cell"]
    declared = [
        {
            "name": ks["name"],
            "path": ks["path"],
            "type": ks["type"],
            "scope_node": ks["path"].split("/")[1] if ks["path"].startswith("nodes/") else None,
        }
        for ks in model["security"]["keystores"]
    ]
    stores = keystores.write_cell_keystores(
        cell_dir,
        declared,
        {n["name"]: n["host"] for n in c["nodes"]},
        cell,
        c["dmgr_node"]["name"],
        seed,
        ltpa.generate_keys(model["ltpa_identity"]),
    )
    if templates_from:
        shutil.copytree(templates_from, os.path.join(out_dir, "templates"))
    servers = [(n["name"], s["name"], s["type"]) for n in c["nodes"] for s in n["servers"]]
    return {
        "cell": cell,
        "nodes": len(c["nodes"]),
        "servers": len(servers),
        "documents": len(docs),
        "keystores": len(stores),
        "out_dir": out_dir,
    }
