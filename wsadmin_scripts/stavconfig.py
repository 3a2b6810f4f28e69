"""stavconfig: show the entries of the Sametime Media Manager configuration across all its copies, or set entries in
every copy.

    wsadmin.sh -lang jython -f stavconfig.py [--name NAME]... [--json]                  (show)
    wsadmin.sh -lang jython -f stavconfig.py --set NAME=VALUE [--set ...] [--dry-run]   (set)
        [--document URI]... [--server STMediaServer]

stavconfig.xml is kept by the deployment manager in several copies (cells/C/nodes/N/servers/S/stavconfig.xml),
which may differ; every one must be changed, then the nodes fully resynchronized and the Media Manager components
restarted (HCL; sametime-operations.md 7.3; stwaslib.stavconfig: where the copies are found). Entries are flat:
<configuration lastUpdated="..." name="SIPAuthenticationType" value="LTPA"/>.
  show  every entry name with its value in each copy; the names whose values differ between the copies, or that
        some copies lack, are marked. Read-only.
  set   --set NAME=VALUE gives the entry that value in EVERY copy; an entry missing in a copy (or there twice) is
        refused, never added; only the value's text changes (setting the old value back restores the bytes).
        SIPAuthenticationType takes Basic, LTPA or None. A second run changes nothing.
The entry names for the SIP transport/port and SRTP are not public: take them from your own copy (show lists them).
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
from stwaslib import jsonout, stavconfig, topology
from stwaslib.compat import sort_by, unique

JOB = "stavconfig"
DEFAULT_SERVER = "STMediaServer"


def show(job, instances, names):
    """{name: {uri: value or None}} of every entry (or the named ones), and the names that differ."""
    table = {}
    for inst in instances:
        for e in inst.entries:
            if names and e.name not in names:
                continue
            table.setdefault(e.name, {})
    for name in names:
        table.setdefault(name, {})
    differ = []
    for name in sort_by(table.keys()):
        values = []
        for inst in instances:
            found = stavconfig.by_name(inst.entries, name)
            value = None
            if found:
                value = found[0].value
            table[name][inst.uri] = value
            values.append(value)
        if len(unique(values)) > 1:
            differ.append(name)
    return table, differ


def print_table(job, instances, table, differ):
    say = stwaslib.write_line
    say("stavconfig.xml: %d cop%s" % (len(instances), len(instances) == 1 and "y" or "ies"))
    for i in range(len(instances)):
        say("  [%d] %s" % (i + 1, instances[i].uri))
    for name in sort_by(table.keys()):
        values = [table[name][inst.uri] for inst in instances]
        if len(unique(values)) == 1:
            shown = "'%s' in all" % values[0]
            if values[0] is None:
                shown = "missing in all"
        else:
            parts = []
            for i in range(len(values)):
                v = "'%s'" % values[i]
                if values[i] is None:
                    v = "(missing)"
                parts.append("%s [%d]" % (v, i + 1))
            shown = ", ".join(parts)
        flag = ""
        if name in differ:
            flag = "   DIFFERS"
        say("  %-32s %s%s" % (name, shown, flag))
        for i in range(len(instances)):
            for e in stavconfig.by_name(instances[i].entries, name):
                if e.was is not None:
                    say("      [%d] media_disable_tls changed it from '%s'" % (i + 1, stavconfig.unmark(e.was)))


def plan(job, opts):
    """Reads only: the copies of stavconfig.xml and, with --set, the edits of each (everything checked before the
    first change); without --set the job only shows the entries (read-only) and its plan is empty."""
    p = stwaslib.Plan()
    p.edits = []
    wanted = stavconfig.settings(opts.set, "--set")
    names = []
    for n in opts.names or []:
        if not n or [c for c in n if stavconfig.NAME_CHARS.find(c) < 0]:
            raise stwaslib.UsageError("--name wants an entry name (letters, digits, '_', '.', '-'), got '%s'" % n)
        names.append(n)
    if wanted and (names or opts.json):
        raise stwaslib.UsageError("--name and --json are for showing; --set changes")
    if not wanted:
        job.read_only = 1

    cell = topology.Cell(job)
    instances, searched = stavconfig.find(job, cell, opts.documents, opts.server or DEFAULT_SERVER)
    if not instances:
        raise stwaslib.JobError(
            "no stavconfig.xml found (looked in the directories of %s); give --document URI"
            % (", ".join(searched) or "no server")
        )
    for inst in instances:
        inst.read(job)

    if not wanted:
        table, differ = show(job, instances, names)
        job.extra["documents"] = [i.uri for i in instances]
        job.extra["entries"] = table
        job.extra["differ"] = differ
        if opts.json:
            stwaslib.write_line(
                jsonout.dumps({"documents": job.extra["documents"], "entries": table, "differ": differ}, indent=1)
            )
        else:
            print_table(job, instances, table, differ)
        return p

    plans = []
    for inst in instances:  # everything checked before the first change
        edits = []
        for name, value in wanted:
            e = inst.one(name)
            raw = stavconfig.escape(value, e.quote)
            if e.raw != raw:
                edits.append((e.start, e.end, raw, name, e.value, value))
        plans.append((inst, edits))
    p.edits, p.wanted = plans, wanted
    p.result["documents"] = [i.uri for i in instances]
    return p


def apply(job, p):
    if not p.edits:  # showing only
        return
    wanted, plans = p.wanted, p.edits
    nodes = []
    for inst, edits in plans:
        if not edits:
            continue
        inst.write(job, stavconfig.apply_edits(inst.text, [(e[0], e[1], e[2]) for e in edits]))
        if not inst.dmgr:
            nodes.append(inst.node)
            job.affects(inst.server, inst.node)
        for _s, _e, _r, name, old, new in edits:
            job.record(
                "modify",
                "StAVConfig",
                "%s %s" % (inst.uri, name),
                {name: old},
                {name: new},
                None,
                "value '%s' -> '%s'" % (old, new),
            )
    stav = {}
    for name, value in wanted:
        stav[name] = value
    job.extra["stav"] = stav
    job.extra["resynchronize"] = unique(nodes)
    if job.changes:
        job.info(
            "then: a full resynchronize of the nodes (%s), and a restart of the Media Manager components "
            "together" % (", ".join(unique(nodes)) or "none")
        )


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        restart=stwaslib.restart.MEDIA,
        usage="%prog [--name NAME]... [--json] | --set NAME=VALUE [--set ...] [--document URI]... [options]",
        description="Show the entries of every copy of the Media Manager configuration "
        "stavconfig.xml (differences marked), or set entries in every copy.",
    )
    job.add_option("--set", action="append", metavar="NAME=VALUE", help="give the entry this value in every copy, repeatable")
    job.add_option("--name", action="append", dest="names", metavar="NAME", help="show only this entry, repeatable")
    job.add_option("--json", action="store_true", help="show as JSON")
    job.add_option(
        "--document",
        action="append",
        dest="documents",
        metavar="URI",
        help="a copy of stavconfig.xml (repository URI), repeatable (default: every copy found)",
    )
    job.add_option("--server", help="the media server whose node is searched (default %s)" % DEFAULT_SERVER)
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
