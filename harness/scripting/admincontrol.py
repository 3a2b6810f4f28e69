"""AdminControl for local mode (-conntype NONE): every call raises a ScriptingException [V semantics §6];
ConnectedAdminControl for -conntype SOAP (harness.was.mbeans; see the section at the end).

wsadminlib's ``isConnected()`` calls ``AdminControl.getType()`` and treats an exception as "not connected";
the message text is a named [U] choice in harness.base.wsadmin_semantics.
"""

import base64 as _b64
import shlex as _shlex
import sys as _sys

from harness.base import messages as M
from harness.base import wsadmin_semantics as sem
from harness.base.errors import ScriptingException
from harness.was import ltpa as _ltpa
from harness.was import mbeans as _mb
from harness.was.cellinfo import CellInfo


class LocalAdminControl:
    """Every public method (known or not) raises ScriptingException(MSG_ADMINCONTROL_LOCAL)."""

    def __init__(self, message=None):
        self._message = message or sem.MSG_ADMINCONTROL_LOCAL

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)

        def method(*args):
            raise ScriptingException(self._message)

        method.__name__ = name
        return method

    def __repr__(self):
        return "AdminControl"


# The name other modules expect.
AdminControl = LocalAdminControl


# ==================================================================================================
# Connected mode (-conntype SOAP): AdminControl against the MBeans of harness.was.mbeans
# ==================================================================================================
# [U] connected-mode choices (see also harness/was/mbeans.py)
# completeObjectName(fragment): a fragment without the property-list wildcard is matched as "fragment,*".
COMPLETE_APPENDS_WILDCARD = True
# [L] completeObjectName with several matches prints this warning (stdout) and returns the first one.
PRINT_SEVERAL_MBEANS_WARNING = True
# [L] testConnection text.
# Python values -> wsadmin's string results.
_TRUE, _FALSE = "true", "false"
# Jython bridge: tagged plain values for Java objects invoke_jmx passes or returns (see stwas_bootstrap.py).
TAG = "$java"


def _to_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _TRUE if value else _FALSE
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(_to_text(v) for v in value) + "]"
    return str(value)


def _split_list(text):
    """'[a b "c d"]' / 'a b' -> ['a', 'b', 'c d'] (wsadmin's string form of a parameter list)."""
    if text is None:
        return []
    if isinstance(text, (list, tuple)):
        return list(text)
    s = str(text).strip()
    if s.startswith("[") and s.endswith("]"):
        s = s[1:-1]
    if not s.strip():
        return []
    try:
        return _shlex.split(s, posix=True)
    except ValueError:
        return s.split()


def _split_pairs(text):
    """'[[a v] [b "w x"]]' or [['a','v'], ...] -> [(a, v), ...]."""
    if isinstance(text, (list, tuple)):
        out = []
        for item in text:
            if isinstance(item, (list, tuple)) and len(item) == 2:
                out.append((str(item[0]), item[1]))
            else:
                raise ScriptingException(M.ATTR_BAD_PAIR % (item,))
        return out
    s = str(text).strip()
    if s.startswith("[") and s.endswith("]"):
        s = s[1:-1].strip()
    out = []
    depth, start = 0, None
    for i, ch in enumerate(s):
        if ch == "[":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0 and start is not None:
                parts = _split_list(s[start:i])
                if len(parts) < 1:
                    continue
                out.append((parts[0], " ".join(parts[1:])))
    return out


def _coerce(value, sig):
    sig = (sig or "").strip()
    if sig in ("boolean", "java.lang.Boolean"):
        return str(value).lower() == "true" if not isinstance(value, bool) else value
    if sig in ("int", "long", "short", "java.lang.Integer", "java.lang.Long", "java.lang.Short"):
        return int(value)
    return value


def encode_java(value):
    """A Python-side Java-like value -> tagged plain data for the Jython bridge."""
    if isinstance(value, _ltpa.Properties):
        return {TAG: "java.util.Properties", "entries": [[k, v] for k, v in value.items()]}
    if isinstance(value, (bytes, bytearray)):
        return {TAG: "[B", "b64": _b64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, _mb.ObjectName):
        return {TAG: "javax.management.ObjectName", "name": str(value)}
    if isinstance(value, (list, tuple)):
        return [encode_java(v) for v in value]
    return value


def decode_java(value):
    """Tagged plain data from the Jython bridge -> Python-side Java-like values."""
    if isinstance(value, dict) and TAG in value:
        kind = value[TAG]
        if kind == "java.util.Properties":
            props = _ltpa.Properties()
            for k, v in value.get("entries") or []:
                props.setProperty(k, v)
            return props
        if kind == "[B":
            return _b64.b64decode(value.get("b64") or "")
        if kind == "javax.management.ObjectName":
            return _mb.ObjectName(value.get("name"))
    if isinstance(value, list):
        return [decode_java(v) for v in value]
    return value


class ConnectedAdminControl(object):
    """AdminControl of a wsadmin client connected over SOAP to the deployment manager of the session's
    cell.  ``ConnectedAdminControl(session)``; the session needs ``repository`` and ``line_separator``."""

    def __init__(self, session, conntype="SOAP"):
        self._session = session
        self._conntype = (conntype or "SOAP").upper()
        self._info = CellInfo(session.repository)
        self._registry = None

    # -- internals ---------------------------------------------------------------------------------
    @property
    def _reg(self):
        if self._registry is None:
            self._registry = _mb.MBeanRegistry(self._info)
        return self._registry

    def _sep(self):
        return getattr(self._session, "line_separator", None) or "\n"

    @staticmethod
    def _name(text):
        return _mb.ObjectName.parse_for_wsadmin(text)

    def _mbean(self, text):
        return self._reg.lookup(self._name(text))

    @staticmethod
    def _call(mbean, op, params):
        try:
            return mbean.invoke(op, params)
        except TypeError:
            raise _mb.ReflectionException(_mb.MSG_NO_OPERATION % (op, mbean.name))

    # -- connection facts ----------------------------------------------------------------------------
    def getCell(self):  # noqa: N802
        return self._info.cell

    def getNode(self):  # noqa: N802
        return self._info.dmgr_node or ""

    def getHost(self):  # noqa: N802
        return self._info.dmgr_host

    def getPort(self):  # noqa: N802
        return str(self._info.dmgr_soap_port)

    def getType(self):  # noqa: N802
        return self._conntype

    def getDefaultDomain(self):  # noqa: N802
        return "WebSphere"

    def getMBeanCount(self):  # noqa: N802
        return len(self._reg.mbeans)

    def testConnection(self):  # noqa: N802
        return M.CONTROL_CONNECTION_OK

    def reconnect(self):
        return ""

    def trace(self, spec):
        return ""

    # -- names -----------------------------------------------------------------------------------------
    def queryNames(self, pattern):  # noqa: N802
        name = self._name(pattern)
        return self._sep().join(m.name for m in self._reg.query(name))

    def queryNames_jmx(self, pattern, query=None):  # noqa: N802
        name = pattern if isinstance(pattern, _mb.ObjectName) else self._name(pattern)
        return [m.object_name for m in self._reg.query(name)]

    def completeObjectName(self, fragment, template=None):  # noqa: N802
        text = str(fragment)
        name = self._name(text)
        if COMPLETE_APPENDS_WILDCARD and not name.property_list_pattern:
            name = self._name(text + ",*")
        hits = self._reg.query(name)
        if not hits:
            return ""
        if len(hits) > 1 and PRINT_SEVERAL_MBEANS_WARNING:
            print(M.CONTROL_SEVERAL_MBEANS % (text, len(hits)))
            _sys.stdout.flush()
        return hits[0].name

    def isRegistered(self, name):  # noqa: N802
        n = self._name(name)
        return _TRUE if (not n.isPattern() and any(m.object_name == n for m in self._reg.mbeans)) else _FALSE

    def makeObjectName(self, text):  # noqa: N802
        return self._name(text)

    def getConfigId(self, name):  # noqa: N802
        return self._mbean(name).config_id or ""

    # -- attributes ------------------------------------------------------------------------------------
    def getAttribute(self, name, attr):  # noqa: N802
        return _to_text(self._mbean(name).get(str(attr)))

    def getAttribute_jmx(self, name, attr):  # noqa: N802
        return self._mbean(str(name)).get(str(attr))

    def getAttributes(self, name, attrs=None):  # noqa: N802
        mb = self._mbean(name)
        names = _split_list(attrs) if attrs is not None else sorted(mb.attributes)
        return "[" + " ".join("[%s %s]" % (a, _to_text(mb.get(str(a)))) for a in names) + "]"

    def setAttribute(self, name, attr, value):  # noqa: N802
        self._mbean(name).set(str(attr), value if not isinstance(value, bytes) else value.decode("utf-8"))
        return ""

    def setAttribute_jmx(self, name, attr, value=None):  # noqa: N802
        self._mbean(str(name)).set(str(attr), value)
        return None

    def setAttributes(self, name, attrs):  # noqa: N802
        mb = self._mbean(name)
        pairs = _split_pairs(attrs)
        for a, v in pairs:
            mb.set(a, v)
        return "[" + " ".join(a for a, _ in pairs) + "]"

    # -- operations -------------------------------------------------------------------------------------
    def invoke(self, name, op, params=None, signature=None):
        mb = self._mbean(name)
        args = _split_list(params)
        sigs = _split_list(signature)
        args = [_coerce(a, sigs[i] if i < len(sigs) else None) for i, a in enumerate(args)]
        return _to_text(self._call(mb, str(op), args))

    def invoke_jmx(self, name, op, params=None, signature=None):
        mb = self._reg.lookup(name if isinstance(name, _mb.ObjectName) else self._name(name))
        return self._call(mb, str(op), list(params or []))

    def stwasInvokeJmxPlain(self, name, op, params=None, signature=None):  # noqa: N802
        """Harness-internal: invoke_jmx for the Jython bridge; Java values travel as tagged plain data."""
        return encode_java(self.invoke_jmx(decode_java(name), op, decode_java(params or []), signature))

    def help(self, method=None):
        return M.ADMINCONTROL_HELP

    def __repr__(self):
        return "AdminControl"


def admin_control_for(session, conntype):
    """The AdminControl object a session gets for ``conntype`` (NONE -> local, raising; else connected)."""
    if (conntype or "NONE").upper() == "NONE" or getattr(session, "repository", None) is None:
        return LocalAdminControl()
    ac = ConnectedAdminControl(session, conntype)
    session.dmgr_node = ac.getNode() or None
    return ac
