"""cleanup_stale: remove a stale application server, a node agent with its node, and a service integration bus
with its members and messaging engines from the cell configuration, before a Sametime server is re-installed.

    wsadmin.sh -lang jython -f cleanup_stale.py --meeting [--force] [--dry-run]
    wsadmin.sh -lang jython -f cleanup_stale.py [--server NAME]... [--node NODE] [--with-node]
        [--remove-node NODE]... [--bus NAME]... [--force] [--dry-run]

The talk ("SSC Installationsplaene bereinigen"): after an uninstall the application server and the node agent
stay in the cell and must be removed by hand, and the Meeting bus entry too, "otherwise the re-install fails".
  --server NAME      AdminTask.deleteServer: the server's directory, its serverindex.xml entry, core group
                     membership, application deployment targets and server-scoped security objects;
  --remove-node N / --with-node
                     AdminTask.cleanupNode (the deployment manager side of removeNode/cleanupNode.sh): the node's
                     directory with its node agent, node group membership, node-scoped security objects;
                     --with-node removes the node of every --server;
  --bus NAME         AdminTask.deleteSIBus: the bus with its members and messaging engines;
  --meeting          the talk's case: the Meeting node of Sametime 9 (--server STMeetingServer and, on the same
                     node, its WebSphere proxy STMeetingHttpProxy, with their node) and every bus whose name holds
                     "meeting" (meeting_service_bus); a node that also hosts other servers (the Proxy co-located
                     with the Meeting Server) stays, and the job says so.
The job first prints what it will remove (PLAN lines), then removes it (buses, then servers, then nodes).
Refused, before anything changes: the deployment manager and its node (always); a node agent given as --server
(it goes with its node); a node that still hosts other servers, unless --force (they are named; with --force
they are removed with the node). Things already gone are reported and skipped, so a second run changes
nothing. Applications left without any deployment target are named in a warning (uninstall them, or they
block the re-install of the same application). The messaging engines' data-store tables (if any) are not in
the configuration: drop them before an engine of the same name is created again.

The System Console keeps its own deployment plan of a removed Sametime server ("SSC Installationsplaene
bereinigen"): for every Sametime server the job removes (or finds already gone) it prints the console side as a
checklist (CONSOLE lines, the result's console_steps): set SSCPassword in the Console's console.properties, run
updateStaleEntry -uninstall with the product type, install type, host name and deployment name, restart the
System Console, delete the plan, clear SSCPassword again.
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
from stwaslib import ConfigId, JobError, UsageError, topology
from stwaslib.compat import contains, has_key, sort_by, unique

JOB = "cleanup_stale"
MEETING_SERVER = "STMeetingServer"
# the Meeting node of Sametime 9 also runs the Meeting Server's WebSphere HTTP proxy (sametime-operations.md 1.1)
MEETING_PROXY = "STMeetingHttpProxy"
CONSOLE_PREFIX = "CONSOLE "
# updateStaleEntry's answers (the talk's transcript): server type and install type numbers
PRODUCT_TYPES = (
    ("meeting", 3, "Sametime Meeting Server"),
    ("proxy", 4, "Sametime Proxy Server"),
    ("media", 2, "Sametime Media Server"),
    ("gateway", 5, "Sametime Gateway Server"),
)
MEETING_BUS_MARK = "meeting"
PLAN_PREFIX = "PLAN "
DMGR_TYPE = "DEPLOYMENT_MANAGER"
AGENT_TYPE = "NODE_AGENT"


class Plan(stwaslib.Plan):
    refused_prefix = "refused, nothing removed: "

    def __init__(self):
        stwaslib.Plan.__init__(self)
        self.cell = None
        self.buses = []  # (name, members, engines)
        self.servers = []  # Server (topology)
        self.nodes = []  # (node, [servers removed with it])
        self.absent = []
        self.unknown_nodes = []  # --remove-node names the cell does not have (removed before, or misspelt)
        self.cell_nodes = []
        self.removed = []  # (node, server) of every server that goes
        self.orphans = []  # applications left without a target
        self.kept_nodes = []  # (node, [other servers]): --meeting keeps a node that hosts more than the Meeting Server


def bus_plan(job, names):
    out, absent = [], []
    buses = {}
    for b in job.list("SIBus"):
        buses[_name(job, b)] = b
    engines = job.list("SIBMessagingEngine")
    for name in names:
        bid = buses.get(name)
        if bid is None:
            absent.append("bus %s" % name)
            continue
        members = []
        for m in job.attr_list(bid, "busMembers"):
            cluster = job.attr(m, "cluster")
            if cluster:
                members.append("cluster %s" % cluster)
            else:
                members.append("%s@%s" % (job.attr(m, "server"), job.attr(m, "node")))
        engs = [job.attr(e, "name") for e in engines if job.attr(e, "busName") == name]
        out.append((name, members, engs))
    return out, absent


def _name(job, cid):
    """The name of an object from the display name of its id (showAttribute only when the id has none)."""
    return ConfigId(cid).name or job.attr(cid, "name")


def server_targets(job, server_names):
    """[(application, node, server)] of every ServerTarget: one list('ServerTarget'); the node (showAttribute
    nodeName) is read only for the targets whose server is in server_names, None for the others."""
    out = []
    for st in job.list("ServerTarget"):
        name = _name(job, st)
        node = name in server_names and job.attr(st, "nodeName") or None
        out.append((ConfigId(st).path_value("deployments") or "?", node, name))
    return out


def server_refs(job, node, server):
    """(core groups, applications) that name the server: the core groups' members with one showall per core
    group, the application targets with one list (server_targets)."""
    groups, apps = [], []
    for cg, m in topology.contained_records(job, "CoreGroup", "coreGroupServers"):
        if m.get("nodeName") == node and m.get("serverName") == server:
            groups.append(ConfigId(cg).path_value("coregroups") or "?")
    for app, n, name in server_targets(job, [server]):
        if n == node and name == server:
            apps.append(app)
    return unique(groups), unique(apps)


def orphaned_apps(job, removed):
    """Applications all of whose server targets are in removed ((node, server) pairs), with at least one."""
    targets = {}
    for app, node, name in server_targets(job, unique([s for _n, s in removed])):
        targets.setdefault(app, []).append((node, name))
    out = []
    for app in sort_by(targets.keys()):
        t = targets[app]
        hit = [x for x in t if x in removed]
        if hit and len(hit) == len(t):
            out.append(app)
    return out


def plan(job, opts):
    """Reads only: the buses, servers and nodes that go, what is gone already, the refusals, the PLAN lines."""
    if job.AdminTask is None:
        raise JobError("AdminTask is not available: run this job with wsadmin -lang jython -f")
    plan = Plan()
    plan.cell = cell = job.topology()
    server_names = list(opts.servers or [])
    bus_names = list(opts.buses or [])
    with_node = opts.with_node
    if opts.meeting:
        if MEETING_SERVER not in server_names:
            server_names.append(MEETING_SERVER)
        meeting_nodes = [s.node for s in cell.find(MEETING_SERVER, opts.node)]
        if [s for s in cell.find(MEETING_PROXY) if s.node in meeting_nodes] and MEETING_PROXY not in server_names:
            server_names.append(MEETING_PROXY)
        with_node = 1
        found = 0
        for b in job.list("SIBus"):
            n = _name(job, b)
            if contains(n.lower(), MEETING_BUS_MARK):
                found += 1
                if n not in bus_names:
                    bus_names.append(n)
        if not found:
            plan.absent.append("bus named *%s*" % MEETING_BUS_MARK)
    if not (server_names or bus_names or opts.remove_nodes):
        raise UsageError("nothing to remove: give --server, --remove-node, --bus or --meeting (see --help)")

    plan.buses, absent = bus_plan(job, unique(bus_names))
    plan.absent += absent

    node_names = list(opts.remove_nodes or [])
    asked_nodes = node_names[:]  # given by the admin (--remove-node, or --with-node): others mean a refusal
    for name in unique(server_names):
        found = cell.find(name, opts.node)
        if not found:
            plan.absent.append("server %s%s" % (name, opts.node and " on node %s" % opts.node or ""))
            continue
        if len(found) > 1:
            raise JobError(
                "server %s exists on several nodes (%s): give --node" % (name, ", ".join(sort_by([s.node for s in found])))
            )
        srv = found[0]
        if srv.type == DMGR_TYPE:
            plan.refusals.append("%s is the deployment manager; it is never removed" % srv.label())
            continue
        if srv.type == AGENT_TYPE:
            plan.refusals.append("%s is a node agent; it goes with its node: --remove-node %s" % (srv.label(), srv.node))
            continue
        plan.servers.append(srv)
        if with_node and srv.node not in node_names:
            node_names.append(srv.node)
            if opts.with_node:
                asked_nodes.append(srv.node)

    removed_servers = [s.name for s in plan.servers]
    for node in unique(node_names):
        if not has_key(cell.nodes, node):
            # a no-op, so that a second run succeeds; but a misspelt name must not look like a removal
            plan.absent.append("node %s" % node)
            plan.unknown_nodes.append(node)
            plan.cell_nodes = sort_by(cell.nodes.keys())
            continue
        on_node = [s for s in cell.servers if s.node == node]
        dmgr = [s for s in on_node if s.type == DMGR_TYPE]
        if dmgr:
            plan.refusals.append("node %s hosts the deployment manager (%s); it is never removed" % (node, dmgr[0].name))
            continue
        others = [s for s in on_node if s.type != AGENT_TYPE and s.name not in removed_servers]
        if others and not opts.force and node not in asked_nodes:
            plan.kept_nodes.append((node, others))  # --meeting on a shared node (Proxy and Meeting co-located)
            continue
        if others and not opts.force:
            plan.refusals.append(
                "node %s still hosts other servers: %s; remove them first, or give --force to "
                "remove them with the node" % (node, ", ".join(["%s (%s)" % (s.name, s.type) for s in others]))
            )
            continue
        plan.nodes.append((node, others))
    show_plan(job, plan)
    for srv in plan.servers:
        plan.removed.append((srv.node, srv.name))
    for node, _others in plan.nodes:
        for s in cell.servers:
            if s.node == node:
                plan.removed.append((s.node, s.name))
    if not plan.refusals:
        plan.orphans = orphaned_apps(job, plan.removed)
    return plan


def show_plan(job, plan):
    """The PLAN lines and the 'already gone' notes (Plan.lines, printed before anything is removed)."""
    for name, members, engines in plan.buses:
        plan.say(
            "%sdelete bus %s (members: %s; messaging engines: %s)"
            % (PLAN_PREFIX, name, ", ".join(members) or "none", ", ".join(engines) or "none")
        )
    for srv in plan.servers:
        groups, apps = server_refs(job, srv.node, srv.name)
        plan.say(
            "%sdelete server %s on node %s (%s; core groups: %s; application targets: %s)"
            % (PLAN_PREFIX, srv.name, srv.node, srv.type, ", ".join(groups) or "none", ", ".join(apps) or "none")
        )
    for node, others in plan.nodes:
        extra = ""
        if others:
            extra = " and, forced, its servers %s" % ", ".join([s.name for s in others])
        plan.say(
            "%sremove node %s with its node agent%s (node directory, node groups, node-scoped security "
            "objects)" % (PLAN_PREFIX, node, extra)
        )
    for node, others in plan.kept_nodes:
        plan.say(
            "node %s stays: it also hosts %s (remove it with --with-node --force, or --remove-node %s "
            "--force)" % (node, ", ".join(["%s (%s)" % (s.name, s.type) for s in others]), node)
        )
    for a in plan.absent:
        node = a[len("node ") :]
        if a[: len("node ")] == "node " and node in plan.unknown_nodes:
            plan.say(
                "already gone: node %s: the cell has no node of that name (removed before, or misspelt?); its "
                "nodes: %s (nothing to remove)" % (node, ", ".join(plan.cell_nodes))
            )
        else:
            plan.say("already gone: %s (nothing to remove)" % a)


def product_type(server_name):
    """(number, label) of updateStaleEntry's server type for a Sametime server name, or None."""
    low = server_name.lower()
    if not low.startswith("st"):
        return None
    for mark, number, label in PRODUCT_TYPES:
        if contains(low, mark) and not contains(low, "httpproxy"):
            return number, label
    return None


def console_steps(job, cell, plan, opts):
    """The System Console side of the removed Sametime servers (updateStaleEntry), printed as CONSOLE lines."""
    stale = []
    names = [(s.name, s.node) for s in plan.servers]
    if opts.meeting and not [n for n, _node in names if n == MEETING_SERVER]:
        names.append((MEETING_SERVER, None))  # already gone from the cell: its plan may still be in the Console
    for name, node in names:
        pt = product_type(name)
        if pt is not None:
            stale.append((name, node, pt))
    if not stale:
        return []
    steps = [
        "note each deployment's parameters before you start: System Console > Sametime Prerequisites / "
        "Deployment plans (product type, host name, install type, deployment name)",
        "on the System Console's machine, in <WebSphere root>/STSCServerCell/console/console.properties: set "
        "SSCPassword=<the WebSphere admin password> (the utility logs in with it)",
    ]
    for name, node, (number, label) in stale:
        host = node and cell.nodes.get(node) or "<its host name>"
        install = node and "[2] Primary node (or [1] Cell if it had its own cell)" or "[1] Cell or [2] Primary node"
        steps.append(
            "run <WebSphere root>/STSCServerCell/console/updateStaleEntry.sh -uninstall (Windows: "
            "updateStaleEntry.bat -uninstall) for %s and answer: server type [%d] %s, install type %s, host "
            'name %s, deployment name <as noted>; it ends with "Status updated" (log: '
            "console/logs/ConsoleUtility.log)" % (name, number, label, install, host)
        )
    steps.extend(
        [
            "restart the System Console (STConsoleServer)",
            'System Console > Deployment plans: the plan now shows "Uninstalled": delete it',
            "remove SSCPassword from console.properties again",
        ]
    )
    n = 0
    for text in steps:
        n = n + 1
        stwaslib.write_line(CONSOLE_PREFIX + "[ ] %d. %s" % (n, text))
    return steps


def apply(job, plan):
    cell, removed, orphans = plan.cell, plan.removed, plan.orphans
    job.extra["console_steps"] = console_steps(job, cell, plan, job.options)
    at = job.AdminTask
    for name, members, engines in plan.buses:
        at.deleteSIBus(["-bus", name])
        job.record(
            "delete",
            "SIBus",
            name,
            {"members": members, "engines": engines},
            None,
            None,
            "members: %s; messaging engines: %s" % (", ".join(members) or "none", ", ".join(engines) or "none"),
        )
    for srv in plan.servers:
        at.deleteServer(["-serverName", srv.name, "-nodeName", srv.node])
        job.record("delete", "Server", srv.label(), {"serverType": srv.type}, None, None, srv.type)
    for node, _others in plan.nodes:
        at.cleanupNode(["-nodeName", node])
        names = [s.name for s in cell.servers if s.node == node]
        job.record("delete", "Node", node, {"servers": names}, None, None, "servers: %s" % ", ".join(names))
    gone = ["%s@%s" % (server, node) for node, server in removed]
    for name, members, _engines in plan.buses:
        for m in members:
            if "@" in m and m not in gone:
                job.warn(
                    "server %s stays but was a member of bus %s: disable its SIB service (sib-service.xml) if "
                    "it is on no other bus" % (m, name)
                )
    for app in orphans:
        job.warn(
            "application %s has no deployment target left: uninstall it (or map it to a server) before installing it again" % app
        )
    if [b for b in plan.buses if b[2]]:
        job.info(
            "note: drop the messaging engines' data-store tables (if they use a database) before an engine "
            "of the same name is created again"
        )
    job.extra.update(
        {
            "buses": [b[0] for b in plan.buses],
            "servers": [s.label() for s in plan.servers],
            "nodes": [n for n, _o in plan.nodes],
            "kept_nodes": [n for n, _o in plan.kept_nodes],
            "forced_servers": [s.label() for _n, o in plan.nodes for s in o],
            "already_gone": plan.absent,
            "orphaned_applications": orphans,
        }
    )


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        restart=stwaslib.restart.SYNC,
        usage="%prog [--meeting] [--server NAME]... [--node NODE] [--with-node] "
        "[--remove-node NODE]... [--bus NAME]... [--force] [options]",
        description="Remove a stale application server, a node agent with its node, and a service "
        "integration bus with its members and engines; lists what it removes first.",
    )
    job.add_option(
        "--server",
        action="append",
        dest="servers",
        metavar="NAME",
        help="application server to delete (deleteServer); repeatable",
    )
    job.add_option("--node", help="node of the --server(s) (needed only when a name is not unique)")
    job.add_option(
        "--with-node", dest="with_node", action="store_true", help="also remove the node (and node agent) of every --server"
    )
    job.add_option(
        "--remove-node",
        action="append",
        dest="remove_nodes",
        metavar="NODE",
        help="node to remove with its node agent (cleanupNode); repeatable",
    )
    job.add_option(
        "--bus",
        action="append",
        dest="buses",
        metavar="NAME",
        help="service integration bus to delete with its members and engines; repeatable",
    )
    job.add_option(
        "--meeting",
        action="store_true",
        help="the talk's case: --server %s --with-node and every bus named *meeting*" % MEETING_SERVER,
    )
    job.add_option(
        "--force", action="store_true", help="remove a node even if it still hosts other servers (they are removed with it)"
    )
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
