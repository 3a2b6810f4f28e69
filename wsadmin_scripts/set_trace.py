"""set_trace: set a server's trace specification, persistently and/or at runtime (tip (f) of the talk).

    wsadmin.sh -lang jython -f set_trace.py --server STProxyServer [--node N]
        (--preset login-debug | --spec 'com.ibm.ws.security.*=finest:*=info' | --reset)
        [--persistent] [--runtime] [--dry-run]
    wsadmin.sh -lang jython -f set_trace.py --list-presets

The console's two tabs (sametime-operations.md 8.2): "Configuration" = persistent, the server's
TraceService.startupTraceSpecification in server.xml, active from the next start; "Runtime" = the running
server's TraceService MBean (attribute traceSpecification), until the next restart, which needs a connected
wsadmin (-conntype SOAP). Without --persistent/--runtime the job does both when connected and the persistent
part only in local mode (saying so). --spec takes a preset name or any specification; it is validated before
anything is written: entries component=level joined by ':', levels off fatal severe warning audit info config
detail fine finer finest all, components like *, com.ibm.ws.* or a trace group name (SASRas). --reset returns
to *=info. Idempotent: a value that is already set is not written again.
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
from stwaslib.compat import has_key, is_word_char

JOB = "set_trace"

DEFAULT_SPEC = "*=info"
# Log levels, least to most detailed (IBM "Log levels", sametime-operations.md 8.2).
LEVELS = ("off", "fatal", "severe", "warning", "audit", "info", "config", "detail", "fine", "finer", "finest", "all")

# (name, description, specification). login-debug is the talk's "very detailed debugging" for login problems.
PRESETS = [
    (
        "login-debug",
        "the talk's preset for login problems: security and WIM (federated repository) at finest",
        "*=info:com.ibm.websphere.security.*=finest:com.ibm.ws.security.*=finest:com.ibm.ws.wim.*=finest:"
        "com.ibm.wsspi.wim.*=finest:com.ibm.websphere.wim.*=finest:SASRas=finest",
    ),
    (
        "security",
        "WebSphere security only at finest",
        "*=info:com.ibm.websphere.security.*=finest:com.ibm.ws.security.*=finest:SASRas=finest",
    ),
    (
        "wim",
        "the federated repository (WIM) only at finest",
        "*=info:com.ibm.ws.wim.*=finest:com.ibm.wsspi.wim.*=finest:com.ibm.websphere.wim.*=finest",
    ),
    ("default", "the WebSphere default (same as --reset)", DEFAULT_SPEC),
]
ALIASES = {"security-wim": "login-debug", "login": "login-debug", "wim-security": "login-debug", "info": "default"}


class SpecError(stwaslib.UsageError):
    pass


def valid_component(comp):
    """'*', a dotted Java package/class name optionally ending in '*' ('com.ibm.ws.*', 'com.ibm.ws.sip*'), or a
    trace group name ('SASRas')."""
    if comp == "*":
        return 1
    body = comp
    if body[-2:] == ".*":
        body = body[:-2]
    elif body[-1:] == "*":
        body = body[:-1]
    if not body:
        return 0
    for part in body.split("."):
        if not part or part[0] in "0123456789":
            return 0
        for c in part:
            if not (is_word_char(c) or c == "$"):
                return 0
    return 1


def preset(name):
    key = ALIASES.get(name.lower(), name.lower())
    for n, _d, spec in PRESETS:
        if n == key:
            return n, spec
    return None, None


def preset_names():
    return ", ".join([p[0] for p in PRESETS])


def parse_spec(spec):
    """[(component, level)] of a specification; SpecError naming the first problem."""
    spec = stwaslib.text(spec)
    if spec is None or not spec.strip():
        raise SpecError("empty trace specification")
    spec = spec.strip()
    out, seen = [], {}
    for raw in spec.split(":"):
        entry = raw.strip()
        if not entry:
            raise SpecError("invalid trace specification '%s': empty entry (two ':' in a row, or a ':' at an end)" % spec)
        if "=" not in entry:
            more = ""
            if ":" not in spec:
                more = " and not a preset (%s)" % preset_names()
            raise SpecError("invalid trace specification '%s': '%s' is not component=level%s" % (spec, entry, more))
        comp, level = entry.split("=", 1)
        comp, level = comp.strip(), level.strip()
        if not valid_component(comp):
            raise SpecError(
                "invalid trace specification '%s': '%s' is not a component name (use *, a package such "
                "as com.ibm.ws.* or a trace group such as SASRas)" % (spec, comp)
            )
        if level.lower() not in LEVELS:
            raise SpecError(
                "invalid trace specification '%s': level '%s' of %s is not one of: %s" % (spec, level, comp, " ".join(LEVELS))
            )
        if has_key(seen, comp):
            raise SpecError("invalid trace specification '%s': component %s is given twice" % (spec, comp))
        seen[comp] = 1
        out.append((comp, level.lower()))
    return out


def normalize(spec):
    """The canonical text of a valid specification (levels lower case, no blanks)."""
    return ":".join(["%s=%s" % (c, lv) for c, lv in parse_spec(spec)])


def same_spec(a, b):
    try:
        return normalize(a) == normalize(b)
    except stwaslib.JobError:
        return (a or "").strip() == (b or "").strip()


def wanted_spec(opts):
    """(spec, preset name or None) from --spec / --preset / --reset."""
    given = [x for x in (opts.spec is not None, opts.preset is not None, opts.reset) if x]
    if len(given) != 1:
        raise stwaslib.UsageError("give exactly one of --spec SPEC, --preset NAME or --reset (see --help)")
    if opts.reset:
        return DEFAULT_SPEC, "default"
    if opts.preset is not None:
        name, spec = preset(opts.preset)
        if name is None:
            raise stwaslib.UsageError("unknown preset '%s' (presets: %s)" % (opts.preset, preset_names()))
        return spec, name
    name, spec = preset(opts.spec)
    if name is not None:
        return spec, name
    return normalize(opts.spec), None


def plan(job, opts):
    """Reads only: the wanted specification (validated first), where it goes (persistent, runtime), the server,
    its TraceService (configuration and MBean) and the values they hold now."""
    p = stwaslib.Plan()
    p.spec, p.server, p.persistent, p.runtime, p.trace_service, p.mbean = None, None, 0, 0, None, None
    if opts.list_presets:
        for n, d, spec in PRESETS:
            job.info("%-12s %s\n             %s" % (n, d, spec))
        p.result["presets"] = {}
        for n, _d, spec in PRESETS:
            p.result["presets"][n] = spec
        return p
    spec, name = wanted_spec(opts)  # validated before anything is read or written
    if not opts.server:
        raise stwaslib.UsageError("--server is required (see --help)")
    connected = job.connected()
    persistent, runtime = opts.persistent, opts.runtime
    if not persistent and not runtime:
        persistent, runtime = 1, connected
        if not connected:
            job.warn(
                "local mode: the runtime trace needs a connected wsadmin (-conntype SOAP); "
                "setting the persistent trace specification only"
            )
    elif runtime and not connected:
        raise stwaslib.JobError(
            "the runtime trace needs a connected wsadmin (-conntype SOAP): the TraceService "
            "MBean of %s is not reachable in local mode; nothing was changed" % opts.server
        )
    p.spec, p.persistent, p.runtime = spec, persistent, runtime

    cell = job.topology()
    p.server = srv = cell.server(opts.server, opts.node)
    job.affects(srv)
    if not persistent:
        job.restart_kind = stwaslib.restart.NONE  # the runtime trace needs no restart
    p.result.update(
        {
            "server": srv.name,
            "node": srv.node,
            "spec": spec,
            "preset": name,
            "persistent_set": stwaslib.boolean(persistent),
            "runtime_set": stwaslib.boolean(runtime),
        }
    )
    job.info("trace specification for %s: %s%s" % (srv.label(), spec, name and " (preset %s)" % name or ""))

    # the running server's MBean is looked up before the configuration is touched
    if runtime:
        p.mbean = stwaslib.text(
            job.AdminControl.completeObjectName("type=TraceService,process=%s,node=%s,*" % (srv.name, srv.node))
        )
        if not p.mbean:
            raise stwaslib.JobError("no TraceService MBean for %s: is the server running?" % srv.label())
    if persistent:
        sid = job.getid1("/Node:%s/Server:%s/" % (srv.node, srv.name))
        if sid is None:
            raise stwaslib.JobError("no server.xml for %s" % srv.label())
        tss = job.list("TraceService", sid)
        if len(tss) != 1:
            raise stwaslib.JobError("%s has %d TraceService objects, expected one" % (srv.label(), len(tss)))
        p.trace_service = tss[0]
        p.result["persistent"] = {"old": job.attr(p.trace_service, "startupTraceSpecification"), "new": spec}
    if runtime:
        p.result["runtime"] = {"old": stwaslib.text(job.AdminControl.getAttribute(p.mbean, "traceSpecification")), "new": spec}
    return p


def apply(job, p):
    spec, srv = p.spec, p.server
    if p.persistent and not same_spec(p.result["persistent"]["old"], spec):
        job.ensure(
            p.trace_service, "TraceService", "%s startupTraceSpecification" % srv.label(), [("startupTraceSpecification", spec)]
        )
    if p.runtime:
        cur = p.result["runtime"]["old"]
        if not same_spec(cur, spec):
            if not job.dry_run:
                job.AdminControl.setAttribute(p.mbean, "traceSpecification", spec)
            job.record(
                "set",
                "TraceService MBean",
                "%s traceSpecification" % srv.label(),
                {"traceSpecification": cur},
                {"traceSpecification": spec},
                None,
                "traceSpecification '%s' -> '%s'%s" % (cur, spec, job.dry_run and " (dry run: not set)" or ""),
            )
    if p.persistent and job.changes:
        job.info("the persistent specification takes effect when %s is restarted" % srv.name)


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        usage="%prog --server NAME [--node NODE] (--preset NAME | --spec SPEC | --reset) [--persistent] [--runtime] [options]",
        description="Set the trace specification of a server, persistently (server.xml "
        "startupTraceSpecification) and/or at runtime (TraceService MBean, connected mode); "
        "validated before anything is written.",
    )
    job.add_option("--server", help="server name, e.g. STProxyServer, dmgr, nodeagent")
    job.add_option("--node", help="node of the server (needed only when the name is not unique in the cell)")
    job.add_option("--spec", help="a preset name or a specification 'component=level:component=level...'")
    job.add_option("--preset", help="a named specification: %s" % preset_names())
    job.add_option("--reset", action="store_true", help="back to %s" % DEFAULT_SPEC)
    job.add_option(
        "--persistent",
        action="store_true",
        help="set TraceService.startupTraceSpecification (active from the next start); without "
        "--persistent and --runtime: both when connected, the persistent one only in local mode",
    )
    job.add_option("--runtime", action="store_true", help="set the running server (TraceService MBean, needs -conntype SOAP)")
    job.add_option("--list-presets", action="store_true", help="print the presets and exit")
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
