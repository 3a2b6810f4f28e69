"""ServerManagement JVM commands: setGenericJVMArguments, showJVMProperties, setJVMProperties,
setJVMSystemProperties (wsadmin-semantics.md §5.3 "Servers", sametime-operations.md §8.3).

The JVM of a server is the ``JavaVirtualMachine`` (``jvmEntries``) of its ``JavaProcessDef`` in
``cells/C/nodes/N/servers/S/server.xml``, read through harness.scripting.admintask.cellfacts and written through AdminConfig's
editor, so the workspace, dry-run (reset) and save semantics stay in harness.scripting.adminconfig.

``setGenericJVMArguments`` REPLACES ``genericJvmArguments`` with the value given, as WebSphere does:
scripts that want to add an argument read the old value (``showJVMProperties -propertyName
genericJvmArguments``) and merge it themselves.
"""

from harness.base import messages as M
from harness.base.errors import CommandValidationException
from harness.scripting.admintask import cellfacts
from harness.scripting.admintask.args import Param
from harness.scripting.admintask.formats import attr_record
from harness.scripting.admintask.framework import command

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
SERVER_PARAMS = [
    Param("serverName", description="The name of the server."),
    Param("nodeName", description="The name of the node of the server."),
    PROCESS_PARAM,
]

# setJVMProperties parameters -> (JavaVirtualMachine attribute, kind) in the order of the command dump.
JVM_PROPERTIES = [
    ("classpath", "String[]"),
    ("bootClasspath", "String[]"),
    ("verboseModeClass", "Boolean"),
    ("verboseModeGarbageCollection", "Boolean"),
    ("verboseModeJNI", "Boolean"),
    ("initialHeapSize", "Integer"),
    ("maximumHeapSize", "Integer"),
    ("runHProf", "Boolean"),
    ("hprofArguments", "String"),
    ("debugMode", "Boolean"),
    ("debugArgs", "String"),
    ("genericJvmArguments", "String"),
    ("executableJarFileName", "String"),
    ("disableJIT", "Boolean"),
    ("osName", "String"),
]
_LIST_PROPERTIES = ("classpath", "bootClasspath")
# internalClassAccessMode is in the command dump but not in this metamodel's JavaVirtualMachine: accepted
# and ignored [U].
_IGNORED_PROPERTIES = ("internalClassAccessMode",)


# --------------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------------


def find_server(facts, server_name, node_name):
    """The Server for -serverName/-nodeName (cellfacts.find_server's rule over the servers' server.xml);
    without -serverName the one server of the cell or node (CommandValidationException otherwise)."""
    if not server_name:
        cands = facts.server_candidates(node_name, "server")
        if len(cands) == 1:
            return facts.server(cands[0][0], cands[0][1][0])
        raise CommandValidationException(M.JVM_SERVER_NEEDED % ("node %s" % node_name if node_name else "cell", len(cands)))
    return facts.find_server(server_name, node_name, "server")[1]


def find_jvm(facts, params):
    server = find_server(facts, params.get("serverName"), params.get("nodeName"))
    ptype = params.get("processType")
    jvms = []
    for pd in facts.objects("JavaProcessDef", server):
        if ptype and facts.text(pd, "processType") != ptype:
            continue
        jvms += facts.objects("JavaVirtualMachine", pd)
    if not jvms:
        node = server.doc.docdir.split("/")[3]
        raise CommandValidationException(
            M.JVM_NONE % (facts.text(server, "name"), node, " of process type %s" % ptype if ptype else "")
        )
    return jvms[0]


def _show_value(facts, jvm, name):
    if name in _LIST_PROPERTIES:
        return ";".join(facts.values(jvm, name))
    return facts.text(jvm, name)


def _set_list(facts, jvm, name, values):
    facts.modify(jvm, [(name, ";".join(values) if values else [])], replace_lists=True)


# --------------------------------------------------------------------------------------------------
# commands
# --------------------------------------------------------------------------------------------------


@command(
    "setGenericJVMArguments",
    "ServerManagement",
    params=SERVER_PARAMS
    + [Param("genericJvmArguments", description="The generic JVM arguments (the whole new value: it replaces the old one).")],
    description="Set the generic JVM arguments of a server's Java virtual machine (replaces the value).",
)
def set_generic_jvm_arguments(ctx, target, params):
    facts = cellfacts.of(ctx)
    jvm = find_jvm(facts, params)
    value = params["genericJvmArguments"]
    facts.modify(jvm, [("genericJvmArguments", "" if value is None else value)])
    return SET_RESULT


@command(
    "showJVMProperties",
    "ServerManagement",
    params=SERVER_PARAMS
    + [Param("propertyName", description="The JVM property whose value is shown (e.g. genericJvmArguments).")],
    description="Show the Java virtual machine properties of a server (one value with -propertyName).",
)
def show_jvm_properties(ctx, target, params):
    facts = cellfacts.of(ctx)
    jvm = find_jvm(facts, params)
    names = [n for n, _k in JVM_PROPERTIES]
    prop = params["propertyName"]
    if prop:
        if prop not in names:
            raise CommandValidationException(M.JVM_BAD_PROPERTY % (prop, ", ".join(names)))
        return _show_value(facts, jvm, prop)
    return attr_record([(n, _show_value(facts, jvm, n)) for n in names])


@command(
    "setJVMProperties",
    "ServerManagement",
    params=SERVER_PARAMS
    + [Param(n, k, description="JavaVirtualMachine %s" % n) for n, k in JVM_PROPERTIES]
    + [Param(n, description="accepted and ignored by the harness") for n in _IGNORED_PROPERTIES],
    description="Set properties of a server's Java virtual machine (only those given).",
)
def set_jvm_properties(ctx, target, params):
    facts = cellfacts.of(ctx)
    jvm = find_jvm(facts, params)
    mods = []
    for name, kind in JVM_PROPERTIES:
        v = params.get(name)
        if v is None:
            continue
        if name in _LIST_PROPERTIES:
            items = []
            for x in v if isinstance(v, list) else [v]:
                items += [p for p in str(x).split(";") if p]
            _set_list(facts, jvm, name, items)
            continue
        if kind == "Boolean":
            v = "true" if v else "false"
        mods.append((name, str(v)))
    if mods:
        facts.modify(jvm, mods)
    return SET_RESULT


@command(
    "setJVMSystemProperties",
    "ServerManagement",
    params=SERVER_PARAMS
    + [
        Param("propertyName", required=True, description="The system property name."),
        Param("propertyValue", description="The system property value."),
    ],
    description="Create or update a system property (-Dname=value) of a server's Java virtual machine.",
)
def set_jvm_system_properties(ctx, target, params):
    facts = cellfacts.of(ctx)
    jvm = find_jvm(facts, params)
    name = params["propertyName"]
    if not name or any(c.isspace() for c in name):
        raise CommandValidationException(M.JVM_BAD_SYSPROP % name)
    value = params["propertyValue"] or ""
    for p in facts.children(jvm, "systemProperties"):
        if facts.text(p, "name") == name:
            facts.modify(p, [("value", value)])
            return SET_RESULT
    facts.create("Property", jvm, [("name", name), ("value", value)], "systemProperties")
    return SET_RESULT
