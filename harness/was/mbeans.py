"""The MBeans of a "running" cell, built from its configuration repository (connected mode, -conntype SOAP).

Every process of the cell's serverindex.xml files is taken to be running [U: the harness has no process
state; a cell in connected mode is a cell whose servers are all up].  Per process:

    Server            every process (dmgr, node agents, application and proxy servers)
    TraceService      every process; attribute ``traceSpecification`` starts as the server's
                      TraceService.startupTraceSpecification; changes are runtime-only (this session)
    NodeSync          every node agent; ``sync()`` -> True, ``isNodeSynchronized()`` -> True
    NodeAgent         every node agent
    DeploymentManager the dmgr
    SecurityAdmin     the dmgr; ``exportLTPAKeys([B)``, ``importLTPAKeys(java.util.Properties, [B)``

ObjectName text follows wsadmin-semantics.md section 6, e.g.
``WebSphere:name=NodeSync,process=nodeagent,platform=common,node=N,diagnosticProvider=true,version=8.5.5.9,
type=NodeSync,mbeanIdentifier=NodeSync,cell=C,spec=1.0`` (key order as WebSphere prints it; matching never
depends on it).  Runtime state lives in the registry object, i.e. for one wsadmin session.
"""

import fnmatch
import re

from harness.base import errors
from harness.base import messages as M
from harness.was import ltpa

# -----------------------------------------------------------------------------------------------
# [U] choices (no real connected wsadmin output was available for these details)
# -----------------------------------------------------------------------------------------------
# [V text] an ObjectName string that cannot be parsed.
# [L] JMX exception texts (javax.management.*: message is the ObjectName / attribute / operation).
MSG_NO_ATTRIBUTE = "No such attribute: %s"
MSG_NO_OPERATION = "Operation %s not found on MBean %s"
MSG_READ_ONLY = "Attribute %s is read-only"
# [U] platform key: "proxy" for Server MBeans (as wsadmin shows them for the process MBean), "common" else.
SERVER_PLATFORM = "proxy"
OTHER_PLATFORM = "common"
# [U] SecurityAdmin exists on the deployment manager only (the technote queries process=dmgr).
SECURITY_ADMIN_ON_DMGR_ONLY = True
# [U] every process of the cell is running (state STARTED).
SERVER_STATE = "STARTED"
PROCESS_TYPES = {
    "DEPLOYMENT_MANAGER": "DeploymentManager",
    "NODE_AGENT": "NodeAgent",
    "APPLICATION_SERVER": "ManagedProcess",
    "PROXY_SERVER": "ManagedProcess",
}
DEFAULT_TRACE_SPEC = "*=info"


class InstanceNotFoundException(errors.JavaException):
    java_name = "javax.management.InstanceNotFoundException"


class AttributeNotFoundException(errors.JavaException):
    java_name = "javax.management.AttributeNotFoundException"


class ReflectionException(errors.JavaException):
    java_name = "javax.management.ReflectionException"


class MBeanException(errors.JavaException):
    java_name = "javax.management.MBeanException"


class MalformedObjectNameException(errors.JavaException):
    java_name = "javax.management.MalformedObjectNameException"


JMX_EXCEPTIONS = [
    InstanceNotFoundException,
    AttributeNotFoundException,
    ReflectionException,
    MBeanException,
    MalformedObjectNameException,
]


# -----------------------------------------------------------------------------------------------
# ObjectName
# -----------------------------------------------------------------------------------------------
_KEY_RE = re.compile(r"^[^:,=*?\"\n]+$")


class ObjectName(object):
    """javax.management.ObjectName: ``domain:key=value,...`` with the pattern forms wsadmin scripts use
    (``*:*``, ``type=NodeSync,*`` -- no domain means any domain in wsadmin --, ``*`` and ``?`` inside
    the domain and inside values).  Raises MalformedObjectNameException."""

    def __init__(self, text):
        if isinstance(text, ObjectName):
            text = text._text
        text = str(text)
        self._text = text
        s = text.strip()
        if not s:
            raise MalformedObjectNameException("Key properties cannot be empty")
        if ":" in s:
            domain, rest = s.split(":", 1)
        else:
            domain, rest = "*", s  # wsadmin prefixes a domain-less pattern with *:
        self.domain = domain
        self.props = []
        self.property_list_pattern = False
        for part in rest.split(","):
            part = part.strip()
            if part == "*":
                self.property_list_pattern = True
                continue
            if "=" not in part:
                raise MalformedObjectNameException(
                    "Key properties cannot be empty" if not part else "Unterminated key property part: %s" % part
                )
            k, v = part.split("=", 1)
            if not _KEY_RE.match(k) or v == "":
                raise MalformedObjectNameException("Invalid key property: %s" % part)
            self.props.append((k, v))
        if not self.props and not self.property_list_pattern:
            raise MalformedObjectNameException("Key properties cannot be empty")
        keys = [k for k, _ in self.props]
        if len(set(keys)) != len(keys):
            raise MalformedObjectNameException("key `%s' already defined" % keys[0])

    @classmethod
    def parse_for_wsadmin(cls, text):
        """ObjectName(text), or the ScriptingException WASX7025E that wsadmin raises."""
        try:
            if text is None:
                raise MalformedObjectNameException("")
            return cls(text)
        except MalformedObjectNameException:
            raise errors.ScriptingException(M.BAD_OBJECT_NAME % ("" if text is None else text))

    # -- java.management.ObjectName API ----------------------------------------------------------
    def getDomain(self):  # noqa: N802
        return self.domain

    def getKeyProperty(self, key):  # noqa: N802
        return dict(self.props).get(key)

    def getKeyPropertyList(self):  # noqa: N802
        return dict(self.props)

    def getCanonicalName(self):  # noqa: N802
        body = ",".join("%s=%s" % kv for kv in sorted(self.props))
        if self.property_list_pattern:
            body = body + ",*" if body else "*"
        return "%s:%s" % (self.domain, body)

    def isPattern(self):  # noqa: N802
        return self.property_list_pattern or _has_wild(self.domain) or any(_has_wild(v) for _, v in self.props)

    def toString(self):  # noqa: N802
        return self._text

    def apply(self, name):
        """True when the (non-pattern) ObjectName ``name`` matches this pattern."""
        if not fnmatch.fnmatchcase(name.domain, self.domain):
            return False
        theirs = dict(name.props)
        for k, v in self.props:
            if k not in theirs or not fnmatch.fnmatchcase(theirs[k], v):
                return False
        if not self.property_list_pattern and len(theirs) != len(self.props):
            return False
        return True

    def __str__(self):
        return self._text

    def __repr__(self):
        return self._text

    def __eq__(self, other):
        return isinstance(other, ObjectName) and self.getCanonicalName() == other.getCanonicalName()

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self.getCanonicalName())


def _has_wild(s):
    return "*" in s or "?" in s


# -----------------------------------------------------------------------------------------------
# MBeans
# -----------------------------------------------------------------------------------------------
class MBean(object):
    """One registered MBean: an ObjectName, attributes (name -> value; writable set) and operations
    (name -> callable(*params))."""

    def __init__(self, object_name, process=None):
        self.object_name = object_name if isinstance(object_name, ObjectName) else ObjectName(object_name)
        self.process = process
        self.attributes = {}
        self.writable = set()
        self.operations = {}
        self.config_id = None

    @property
    def name(self):
        return str(self.object_name)

    def get(self, attr):
        if attr not in self.attributes:
            raise AttributeNotFoundException(MSG_NO_ATTRIBUTE % attr)
        value = self.attributes[attr]
        return value() if callable(value) else value

    def set(self, attr, value):
        if attr not in self.attributes:
            raise AttributeNotFoundException(MSG_NO_ATTRIBUTE % attr)
        if attr not in self.writable:
            raise AttributeNotFoundException(MSG_READ_ONLY % attr)
        self.attributes[attr] = value

    def invoke(self, op, params):
        fn = self.operations.get(op)
        if fn is None:
            raise ReflectionException(MSG_NO_OPERATION % (op, self.name))
        return fn(*params)

    def __repr__(self):
        return "MBean(%s)" % self.name


def _object_name_text(pairs):
    return "WebSphere:" + ",".join("%s=%s" % kv for kv in pairs)


class MBeanRegistry(object):
    """The MBean server view of the whole cell (what the dmgr's AdminControl sees)."""

    def __init__(self, info, ltpa_provider=None):
        self.info = info
        self.mbeans = []  # registration order
        self._ltpa_provider = ltpa_provider
        for p in info.processes:
            self._register_process(p)

    # -- construction --------------------------------------------------------------------------------
    def _common(self, p, name, type_, mbean_identifier, extra_first=(), extra_last=()):
        cell, version = self.info.cell, self.info.version(p.node)
        pairs = [("name", name), ("process", p.name), ("platform", OTHER_PLATFORM), ("node", p.node)]
        pairs += list(extra_first)
        pairs += [("version", version), ("type", type_), ("mbeanIdentifier", mbean_identifier), ("cell", cell), ("spec", "1.0")]
        pairs += list(extra_last)
        return pairs

    def _add(self, pairs, p):
        mb = MBean(_object_name_text(pairs), p)
        self.mbeans.append(mb)
        return mb

    def _process_type(self, p):
        if self.info.standalone:
            return "UnManagedProcess"
        return PROCESS_TYPES.get(p.server_type, "ManagedProcess")

    def _register_process(self, p):
        info = self.info
        server_ident = "%s#%s" % (info.server_uri(p), p.server_xmiid or "Server_1")
        pairs = [
            ("name", p.name),
            ("process", p.name),
            ("platform", SERVER_PLATFORM),
            ("node", p.node),
            ("j2eeType", "J2EEServer"),
            ("version", info.version(p.node)),
            ("type", "Server"),
            ("mbeanIdentifier", server_ident),
            ("cell", info.cell),
            ("spec", "1.0"),
            ("processType", self._process_type(p)),
        ]
        server = self._add(pairs, p)
        server.config_id = "%s(%s)" % (p.name, server_ident.replace("/server.xml#", "|server.xml#"))
        server.attributes.update(
            {
                "name": p.name,
                "shortName": p.name,
                "processType": self._process_type(p),
                "cellName": info.cell,
                "nodeName": p.node,
                "state": SERVER_STATE,
                "platformName": "IBM WebSphere",
                "platformVersion": info.version(p.node),
                "serverVendor": "IBM",
                "serverVersion": info.version(p.node),
            }
        )
        server.operations.update(
            {
                "getState": lambda: SERVER_STATE,
                "getProductVersion": lambda *a: info.version(p.node),
            }
        )

        trace_ident = "%s#%s" % (info.server_uri(p), p.trace_xmiid or "TraceService_1")
        trace = self._add(self._common(p, "TraceService", "TraceService", trace_ident), p)
        trace.attributes["traceSpecification"] = p.startup_trace or DEFAULT_TRACE_SPEC
        trace.attributes["ringBufferSize"] = 8
        trace.writable.update({"traceSpecification", "ringBufferSize"})

        def append_trace(spec, _mb=trace):
            cur = _mb.attributes["traceSpecification"]
            _mb.attributes["traceSpecification"] = "%s:%s" % (cur, spec) if cur else spec

        trace.operations["appendTraceString"] = append_trace
        trace.operations["setTraceState"] = append_trace

        if p.server_type == "NODE_AGENT":
            ns = self._add(self._common(p, "NodeSync", "NodeSync", "NodeSync", extra_first=[("diagnosticProvider", "true")]), p)
            ns.operations["sync"] = lambda: True
            ns.operations["isNodeSynchronized"] = lambda: True
            ns.attributes["nodeName"] = p.node
            agent = self._add(self._common(p, "NodeAgent", "NodeAgent", "NodeAgent"), p)
            agent.operations["launchProcess"] = lambda *a: True
            agent.operations["restart"] = lambda *a: None
            agent.operations["getProcessStatus"] = lambda *a: SERVER_STATE
            agent.attributes["nodeName"] = p.node
        if p is info.dmgr and info.standalone:
            sec = self._add(self._common(p, "SecurityAdmin", "SecurityAdmin", "SecurityAdmin"), p)
            sec.operations["exportLTPAKeys"] = self._export_ltpa
            sec.operations["importLTPAKeys"] = self._import_ltpa
        if p.server_type == "DEPLOYMENT_MANAGER":
            dm = self._add(self._common(p, "DeploymentManager", "DeploymentManager", "DeploymentManager"), p)
            dm.attributes["cellName"] = info.cell
            dm.operations["syncActiveNodes"] = lambda *a: True
            dm.operations["multiSync"] = lambda *a: True
            sec = self._add(self._common(p, "SecurityAdmin", "SecurityAdmin", "SecurityAdmin"), p)
            sec.operations["exportLTPAKeys"] = self._export_ltpa
            sec.operations["importLTPAKeys"] = self._import_ltpa
        elif p.server_type != "DEPLOYMENT_MANAGER" and not SECURITY_ADMIN_ON_DMGR_ONLY:  # pragma: no cover
            self._add(self._common(p, "SecurityAdmin", "SecurityAdmin", "SecurityAdmin"), p)

    # -- SecurityAdmin operations ---------------------------------------------------------------------
    def _ltpa(self):
        if self._ltpa_provider is None:
            self._ltpa_provider = ltpa.CellLTPA(self.info.repository, self.info)
        return self._ltpa_provider

    def _export_ltpa(self, password):
        try:
            return self._ltpa().export_properties(ltpa.password_text(password))
        except ltpa.LTPAError as e:
            raise MBeanException(str(e))

    def _import_ltpa(self, props, password):
        try:
            self._ltpa().import_properties(props, ltpa.password_text(password))
        except ltpa.LTPAError as e:
            raise MBeanException(str(e))
        return None

    # -- queries ---------------------------------------------------------------------------------------
    def query(self, pattern):
        """MBeans matching an ObjectName (pattern or not), in registration order."""
        return [m for m in self.mbeans if pattern.apply(m.object_name)]

    def lookup(self, name):
        """The MBean whose ObjectName equals ``name`` (a non-pattern ObjectName); raises
        InstanceNotFoundException."""
        if not name.isPattern():
            for m in self.mbeans:
                if m.object_name == name:
                    return m
        raise InstanceNotFoundException(str(name))
