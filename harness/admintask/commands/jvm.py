"""ServerManagement JVM commands: setGenericJVMArguments, showJVMProperties, setJVMProperties,
setJVMSystemProperties (wsadmin-semantics.md §5.3 "Servers", sametime-operations.md §8.3).

The JVM of a server is the ``JavaVirtualMachine`` (``jvmEntries``) of its ``JavaProcessDef`` in
``cells/C/nodes/N/servers/S/server.xml``.  Everything goes through the session's AdminConfig, so the
workspace, dry-run (reset) and save semantics stay in harness.adminconfig.

``setGenericJVMArguments`` REPLACES ``genericJvmArguments`` with the value given, as WebSphere does:
scripts that want to add an argument read the old value (``showJVMProperties -propertyName
genericJvmArguments``) and merge it themselves.
"""

from harness import messages as M
from harness.configid import parse_id
from harness.errors import CommandValidationException

from ..args import Param
from ..formats import attr_record
from ..framework import command
from .servers import adminconfig, attr, id_lines, id_list

# --------------------------------------------------------------------------------------------------
# [U] choices of this module, named.
# --------------------------------------------------------------------------------------------------
# [U] what the set* commands return (WAS: a Boolean "true" is what scripts print; unverified).
SET_RESULT = "true"
# [U] -serverName may be left out when the cell (or -nodeName) has exactly one server of that kind
# (semantics §5.3: "-serverName optional if only one server"); otherwise an error.
# [U] showJVMProperties without -propertyName: one attribute-list record of every JVM attribute the
# command can set, in the order of the setJVMProperties parameters; unset ones as "".
# [U] showJVMProperties -propertyName of an attribute that is not set: "".
# [U] setJVMSystemProperties on an existing property name updates its value (never a second one);
# with duplicates already present, the first is updated and the others are left alone.

PROCESS_PARAM = Param("processType", description="The process type (z/OS: Control, Servant, Adjunct).")
SERVER_PARAMS = [Param("serverName", description="The name of the server."),
                 Param("nodeName", description="The name of the node of the server."),
                 PROCESS_PARAM]

# setJVMProperties parameters -> (JavaVirtualMachine attribute, kind) in the order of the command dump.
JVM_PROPERTIES = [
    ("classpath", "String[]"), ("bootClasspath", "String[]"), ("verboseModeClass", "Boolean"),
    ("verboseModeGarbageCollection", "Boolean"), ("verboseModeJNI", "Boolean"), ("initialHeapSize", "Integer"),
    ("maximumHeapSize", "Integer"), ("runHProf", "Boolean"), ("hprofArguments", "String"),
    ("debugMode", "Boolean"), ("debugArgs", "String"), ("genericJvmArguments", "String"),
    ("executableJarFileName", "String"), ("disableJIT", "Boolean"), ("osName", "String"),
]
_LIST_PROPERTIES = ("classpath", "bootClasspath")
# internalClassAccessMode is in the command dump but not in this metamodel's JavaVirtualMachine: accepted
# and ignored [U].
_IGNORED_PROPERTIES = ("internalClassAccessMode",)


# --------------------------------------------------------------------------------------------------
# helpers (also used by cleanup.py)
# --------------------------------------------------------------------------------------------------

def server_node(server_id):
    """(nodeName, serverName-directory) of a Server id from its document directory."""
    parts = parse_id(server_id).docdir.split("/")
    if len(parts) >= 6 and parts[2] == "nodes" and parts[4] == "servers":
        return parts[3], parts[5]
    return None, None


def all_servers(ac):
    """[(nodeName, serverName, serverId)] of every server.xml Server in the cell."""
    out = []
    for sid in id_lines(ac.list("Server")):
        if parse_id(sid).filename != "server.xml":
            continue
        node, _d = server_node(sid)
        if node is None:
            continue
        out.append((node, attr(ac, sid, "name"), sid))
    return out


def node_names(ac):
    return [attr(ac, n, "name") for n in id_lines(ac.list("Node"))]


def find_server(ac, server_name, node_name):
    """The Server id for -serverName/-nodeName (CommandValidationException otherwise)."""
    if node_name and node_name not in node_names(ac):
        raise CommandValidationException(M.NODE_NOT_FOUND % node_name)
    cands = [(n, s, sid) for n, s, sid in all_servers(ac) if not node_name or n == node_name]
    if not server_name:
        if len(cands) == 1:
            return cands[0][2]
        raise CommandValidationException(M.JVM_SERVER_NEEDED % (
            "node %s" % node_name if node_name else "cell", len(cands)))
    found = [c for c in cands if c[1] == server_name]
    if not found:
        where = " on node %s" % node_name if node_name else ""
        raise CommandValidationException(M.SERVER_NOT_FOUND % (server_name, where))
    if len(found) > 1:
        raise CommandValidationException(M.SERVER_AMBIGUOUS % (server_name, ", ".join(sorted(c[0] for c in found))))
    return found[0][2]


def find_jvm(ac, params):
    sid = find_server(ac, params.get("serverName"), params.get("nodeName"))
    ptype = params.get("processType")
    jvms = []
    for pd in id_lines(ac.list("JavaProcessDef", sid)):
        if ptype and attr(ac, pd, "processType") != ptype:
            continue
        jvms += id_lines(ac.list("JavaVirtualMachine", pd))
    if not jvms:
        node, _d = server_node(sid)
        raise CommandValidationException(M.JVM_NONE % (attr(ac, sid, "name"), node,
                                                       " of process type %s" % ptype if ptype else ""))
    return jvms[0]


def _show_value(ac, jvm, name):
    v = ac.showAttribute(jvm, name)
    if v is None:
        return ""
    if name in _LIST_PROPERTIES:
        s = str(v).strip()
        if s.startswith("[") and s.endswith("]"):
            s = s[1:-1].strip()
        return s
    return str(v)


def _set_list(ac, jvm, name, values):
    ac.resetAttributes(jvm, [[name, ";".join(values)]] if values else [[name, []]])


# --------------------------------------------------------------------------------------------------
# commands
# --------------------------------------------------------------------------------------------------

@command("setGenericJVMArguments", "ServerManagement",
         params=SERVER_PARAMS + [Param("genericJvmArguments", description="The generic JVM arguments (the whole "
                                                                           "new value: it replaces the old one).")],
         description="Set the generic JVM arguments of a server's Java virtual machine (replaces the value).")
def set_generic_jvm_arguments(ctx, target, params):
    ac = adminconfig(ctx)
    jvm = find_jvm(ac, params)
    value = params["genericJvmArguments"]
    ac.modify(jvm, [["genericJvmArguments", "" if value is None else value]])
    return SET_RESULT


@command("showJVMProperties", "ServerManagement",
         params=SERVER_PARAMS + [Param("propertyName", description="The JVM property whose value is shown "
                                                                    "(e.g. genericJvmArguments).")],
         description="Show the Java virtual machine properties of a server (one value with -propertyName).")
def show_jvm_properties(ctx, target, params):
    ac = adminconfig(ctx)
    jvm = find_jvm(ac, params)
    names = [n for n, _k in JVM_PROPERTIES]
    prop = params["propertyName"]
    if prop:
        if prop not in names:
            raise CommandValidationException(M.JVM_BAD_PROPERTY % (prop, ", ".join(names)))
        return _show_value(ac, jvm, prop)
    return attr_record([(n, _show_value(ac, jvm, n)) for n in names])


@command("setJVMProperties", "ServerManagement",
         params=SERVER_PARAMS + [Param(n, k, description="JavaVirtualMachine %s" % n) for n, k in JVM_PROPERTIES]
         + [Param(n, description="accepted and ignored by the harness") for n in _IGNORED_PROPERTIES],
         description="Set properties of a server's Java virtual machine (only those given).")
def set_jvm_properties(ctx, target, params):
    ac = adminconfig(ctx)
    jvm = find_jvm(ac, params)
    mods = []
    for name, kind in JVM_PROPERTIES:
        v = params.get(name)
        if v is None:
            continue
        if name in _LIST_PROPERTIES:
            items = []
            for x in (v if isinstance(v, list) else [v]):
                items += [p for p in str(x).split(";") if p]
            _set_list(ac, jvm, name, items)
            continue
        if kind == "Boolean":
            v = "true" if v else "false"
        mods.append([name, str(v)])
    if mods:
        ac.modify(jvm, mods)
    return SET_RESULT


@command("setJVMSystemProperties", "ServerManagement",
         params=SERVER_PARAMS + [Param("propertyName", required=True, description="The system property name."),
                                 Param("propertyValue", description="The system property value.")],
         description="Create or update a system property (-Dname=value) of a server's Java virtual machine.")
def set_jvm_system_properties(ctx, target, params):
    ac = adminconfig(ctx)
    jvm = find_jvm(ac, params)
    name = params["propertyName"]
    if not name or any(c.isspace() for c in name):
        raise CommandValidationException(M.JVM_BAD_SYSPROP % name)
    value = params["propertyValue"] or ""
    for p in id_list(ac.showAttribute(jvm, "systemProperties")):
        if attr(ac, p, "name") == name:
            ac.modify(p, [["value", value]])
            return SET_RESULT
    ac.create("Property", jvm, [["name", name], ["value", value]], "systemProperties")
    return SET_RESULT
