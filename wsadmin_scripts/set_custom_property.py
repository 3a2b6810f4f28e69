"""set_custom_property: create or update (never duplicate) custom properties of a server's web container, JVM
or application server.

    wsadmin.sh -lang jython -f set_custom_property.py --server STMeetingServer [--node N] \
        --scope webcontainer|jvm|server --property NAME=VALUE [--property ...] [--remove NAME]... \
        [--description TEXT] [--dry-run]

Scopes (server.xml of the server):
  webcontainer  Web Container > Custom properties   WebContainer.properties       (e.g. httpsIndicatorHeader)
  jvm           Java Virtual Machine > Custom props  JavaVirtualMachine.systemProperties (-Dname=value)
  server        Administration > Custom properties   the ApplicationServer component's properties [U]
A property that exists is updated in place; one that does not is created; when a name is already there more
than once (an earlier script appended blindly), the first one is kept (and updated) and the others are removed.
--remove deletes every property of that name. A second run with the same arguments changes nothing.

The talk's "Meeting Fix Mai 2013" key meetingroomcenter.useUUIDBasedURL=true, like every meetingroomcenter.*
key, is Meeting Server configuration that the Sametime System Console keeps (in its database, not in the
WebSphere configuration; sametime-operations.md 11): a WebSphere custom property of that name has no effect.
So the job does not write one: it says so (a WARNING line) and prints the System Console steps as a checklist
(CONSOLE lines; the result's console_steps), and reports no change. --server and --scope are not needed for such
keys. An earlier, useless custom property of that name can still be deleted with --remove.
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
from stwaslib.compat import sort_by

JOB = "set_custom_property"

# scope -> (container type, its Property list attribute, what the console calls it)
SCOPES = {
    "webcontainer": ("WebContainer", "properties", "web container custom properties"),
    "jvm": ("JavaVirtualMachine", "systemProperties", "JVM custom properties"),
    "server": ("ApplicationServer", "properties", "application server custom properties"),
}
SSC_KEY_PREFIXES = ("meetingroomcenter.",)
CONSOLE_PREFIX = "CONSOLE "
SSC_WARNING = (
    "%s is Meeting Server configuration kept by the Sametime System Console, not a WebSphere custom "
    "property (one would have no effect): nothing written; set it in the System Console (steps below)"
)
# the System Console steps for a Meeting Server configuration key (sametime-operations.md 11; IBM
# admin_meet_center_guests: "configuration change immediately takes effect")
SSC_STEPS = [
    "log in to the Sametime System Console (the Integrated Solutions Console of the System Console's deployment "
    "manager, e.g. https://<ssc host>:8701/ibm/console) as the WebSphere administrator",
    "Sametime System Console > Sametime Servers > Sametime Meeting Servers; click the Meeting Server (its deployment name)",
    "open the Server Configuration tab and click Edit",
    "set %(name)s to %(value)s; if the key is not listed, add it (keys such as meetingroomcenter.useUUIDBasedURL "
    "come with a Meeting Server fix, e.g. the May 2013 one)",
    "click OK: the change takes effect at once, no WebSphere restart (if it does not, restart STMeetingServer)",
    "with several Meeting Servers (a cluster): repeat for each, or set it on the cluster",
    "if an older run wrote a WebSphere custom property %(name)s, delete it: set_custom_property.py --server "
    "STMeetingServer --scope jvm --remove %(name)s (and --scope server / webcontainer)",
]


def is_ssc_key(name):
    for p in SSC_KEY_PREFIXES:
        if name.startswith(p):
            return 1
    return 0


def console_steps(job, ssc_props):
    """Print the System Console checklist of Meeting Server keys (WARNING + CONSOLE lines); the steps as text."""
    steps = []
    for name, value in ssc_props:
        job.warn(SSC_WARNING % name)
        for step in SSC_STEPS:
            text = step % {"name": name, "value": value}
            if text not in steps:
                steps.append(text)
    n = 0
    for text in steps:
        n = n + 1
        stwaslib.write_line(CONSOLE_PREFIX + "[ ] %d. %s" % (n, text))
    return steps


def parse_properties(opts):
    props = []
    for spec in opts.properties or []:
        if "=" not in spec:
            raise stwaslib.UsageError("--property wants NAME=VALUE, got '%s'" % spec)
        name, value = spec.split("=", 1)
        name = name.strip()
        if not name or [c for c in name if c.isspace()]:
            raise stwaslib.UsageError("--property: invalid property name '%s'" % name)
        for n, v in props:
            if n == name and v != value:
                raise stwaslib.UsageError("property %s is given twice with different values" % name)
        if (name, value) not in props:
            props.append((name, value))
    removes = []
    for name in opts.removes or []:
        name = name.strip()
        if not name or [c for c in name if c.isspace()]:
            raise stwaslib.UsageError("--remove: invalid property name '%s'" % name)
        if name in [n for n, _v in props]:
            raise stwaslib.UsageError("property %s is both set and removed" % name)
        if name not in removes:
            removes.append(name)
    if not props and not removes:
        raise stwaslib.UsageError("nothing to do: give --property NAME=VALUE or --remove NAME (see --help)")
    return props, removes


def container(job, srv, scope):
    ctype, attr_name, what = SCOPES[scope]
    sid = job.getid1("/Node:%s/Server:%s/" % (srv.node, srv.name))
    if sid is None:
        raise stwaslib.JobError("no server.xml for %s" % srv.label())
    ids = job.list(ctype, sid)
    if not ids:
        raise stwaslib.JobError(
            "%s (%s) has no %s, so it has no %s; choose another --scope" % (srv.label(), srv.type, ctype, what)
        )
    return ids[0], attr_name


def plan(job, opts):
    """Reads only: the properties to set and remove, the container that holds them, the properties it has."""
    p = stwaslib.Plan()
    p.props, p.removes = parse_properties(opts)
    ssc = [(n, v) for n, v in p.props if is_ssc_key(n)]
    p.props = [(n, v) for n, v in p.props if not is_ssc_key(n)]
    p.server = None
    if ssc:
        p.result.update({"console_steps": console_steps(job, ssc), "console_keys": [n for n, _v in ssc]})
        if not p.props and not p.removes:
            return p
    if not opts.server:
        raise stwaslib.UsageError("--server is required (see --help)")
    if opts.scope is None:
        raise stwaslib.UsageError("--scope must be one of %s" % ", ".join(sort_by(SCOPES.keys())))
    cell = job.topology()
    p.server = srv = cell.server(opts.server, opts.node)
    job.affects(srv)
    p.parent, p.attr_name = container(job, srv, opts.scope)
    p.ctype = SCOPES[opts.scope][0]
    p.existing = []  # (name, id) of the properties there now
    for pid in job.attr_list(p.parent, p.attr_name):
        p.existing.append((job.attr(pid, "name"), pid))
    result = {}
    for name, value in p.props:
        result[name] = value
    p.result.update({"server": srv.name, "node": srv.node, "scope": opts.scope, "properties": result, "removed": p.removes})
    return p


def apply(job, p):
    srv = p.server
    if srv is None:  # System Console keys only: printed as CONSOLE steps, nothing to write here
        return
    for name, value in p.props:
        target = "%s %s %s" % (srv.label(), p.ctype, name)
        same = [pid for n, pid in p.existing if n == name]
        wanted = [("value", value)]
        if job.options.description is not None:
            wanted.append(("description", job.options.description))
        if not same:
            job.create("Property", p.parent, [("name", name)] + wanted, target, p.attr_name)
        else:
            job.ensure(same[0], "Property", target, wanted)
            for dup in same[1:]:
                job.remove(dup, "Property", target + " (duplicate)", [("name", name), ("value", job.attr(dup, "value"))])
    for name in p.removes:
        for n, pid in p.existing:
            if n == name:
                job.remove(
                    pid,
                    "Property",
                    "%s %s %s" % (srv.label(), p.ctype, name),
                    [("name", name), ("value", job.attr(pid, "value"))],
                )
    if job.changes:
        job.info("note: restart %s for the custom properties to take effect" % srv.name)


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        usage="%prog --server NAME [--node NODE] --scope webcontainer|jvm|server "
        "--property NAME=VALUE [--property ...] [--remove NAME]... [options]",
        description="Create or update (never duplicate) web container, JVM or application server "
        "custom properties of a server; --remove deletes them.",
    )
    job.add_option("--server", help="server name, e.g. STMeetingServer")
    job.add_option("--node", help="node of the server (needed only when the name is not unique in the cell)")
    job.add_option(
        "--scope",
        choices=sort_by(SCOPES.keys()),
        metavar="SCOPE",
        help="webcontainer, jvm (system properties) or server (application server)",
    )
    job.add_option(
        "--property", action="append", dest="properties", metavar="NAME=VALUE", help="property to create or update; repeatable"
    )
    job.add_option(
        "--remove",
        action="append",
        dest="removes",
        metavar="NAME",
        help="property to delete (every one of that name); repeatable",
    )
    job.add_option("--description", help="description for the properties set (default: leave as is)")
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
