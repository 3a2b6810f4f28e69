"""media_disable_tls: the Sametime Media Server's A/V without TLS (tip (e) of the talk), and back with --enable.

    wsadmin.sh -lang jython -f media_disable_tls.py [--stav NAME=VALUE]... [--sip-authentication-type T]
        [--server STMediaServer] [--node N] [--app NAME] [--role AllAuthenticatedUsers] [--document URI]...
        [--enable] [--dry-run]

What it does (sametime-operations.md 7), everything read and checked before anything is changed:
  1. always: the role of the "IBM Lotus SIP Registrar" application (found with AdminApp.list, matching
     "SIP Registrar") is mapped to Everyone instead of All authenticated (AdminApp.view / AdminApp.edit
     -MapRolesToUsers; users, groups and access ids kept);
  2. --stav NAME=VALUE (repeatable): the entry <configuration name="NAME" .../> gets value VALUE in EVERY copy of
     the Media Manager configuration stavconfig.xml (stwaslib.stavconfig: where the copies are; read and written
     with AdminConfig.extract / checkin). An entry missing in a copy is refused, never added. The value it
     replaces is kept in a comment on the entry's line, so --enable puts it back and the copies are byte for byte
     what they were. --sip-authentication-type Basic|LTPA|None is --stav for the one public entry
     SIPAuthenticationType;
  3. the entry names for the SIP Proxy/Registrar transport and port and for SRTP are not public, so the job does
     not guess them: it prints the System Console steps (port 5080 / TCP instead of 5081 / TLS, the Conference
     Manager's plain port, SRTP off; the ports read from the media server's serverindex.xml) as CONSOLE lines
     and the result's console_steps. Give the names of your own copy with --stav to have them set here instead.
--enable reverses it: the role back to All authenticated, every entry this job changed back to the value in its
comment (and --stav values set as given), the console steps for TLS. A second run changes nothing.
Afterwards: a full resynchronize of the nodes, then restart all Media Manager components (the talk); the result
names them (restart, resynchronize).
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
from stwaslib import stavconfig, topology
from stwaslib.compat import contains, unique
from stwaslib.xmltags import unescape

JOB = "media_disable_tls"

APP_MATCH = "sip registrar"
DEFAULT_ROLE = "AllAuthenticatedUsers"
DEFAULT_SERVER = "STMediaServer"
SIP_AUTH = "SIPAuthenticationType"
# the lines of AdminApp.view -MapRolesToUsers (lower case) -> keys of role_mapping; longer prefixes first
ROLE_LABELS = (
    ("everyone", "everyone"),
    ("all authenticated in trusted", "trusted"),
    ("all authenticated", "all_auth"),
    ("mapped users access", "user_ids"),
    ("mapped groups access", "group_ids"),
    ("mapped users", "users"),
    ("mapped groups", "groups"),
)

# serverindex.xml endpoints of the media server (seed values 5080/5081, 5063/5062), for the console steps
PROXY_TCP, PROXY_TLS = "SIP_ProxyRegHOST", "SIP_ProxyReg_SECURE"
CONF_TCP, CONF_TLS = "SIP_DEFAULTHOST", "SIP_DEFAULTHOST_SECURE"
CONSOLE_PAGE = "Sametime System Console > Sametime Servers > Sametime Media Managers > %s"
CONSOLE_PREFIX = "CONSOLE "  # the checklist lines (as set_custom_property and cleanup_stale print theirs)


# ----------------------------------------------------------------------------------------------- the role
def find_app(job, wanted):
    names = stwaslib.lines(job.AdminApp.list())
    if wanted:
        if wanted not in names:
            raise stwaslib.JobError("application %s is not installed (installed: %s)" % (wanted, ", ".join(names)))
        return wanted
    hits = [n for n in names if contains(n.lower(), APP_MATCH)]
    if not hits:
        raise stwaslib.JobError(
            'no application matching "SIP Registrar" is installed (installed: %s); give --app' % ", ".join(names)
        )
    if len(hits) > 1:
        raise stwaslib.JobError('several applications match "SIP Registrar" (%s): give --app' % ", ".join(hits))
    return hits[0]


def role_mapping(job, app, role):
    """{'everyone', 'all_auth', 'users', 'groups', 'trusted', 'user_ids', 'group_ids'} of role, from
    AdminApp.view(app, ['-MapRolesToUsers']); JobError when the application has no such role."""
    out = stwaslib.text(job.AdminApp.view(app, ["-MapRolesToUsers"])) or ""
    found, roles, mapping = None, [], None
    for ln in out.splitlines():
        if ":" not in ln:
            continue
        label, value = ln.split(":", 1)
        label, value = label.strip().lower(), value.strip()
        if label == "role":
            roles.append(value)
            found = None
            if value == role:
                found = {}
                mapping = found
            continue
        if found is None:
            continue
        keys = [k for prefix, k in ROLE_LABELS if label.startswith(prefix)]
        if keys:
            found[keys[0]] = value
    if role not in roles or mapping is None:
        raise stwaslib.JobError("application %s has no security role %s (roles: %s)" % (app, role, ", ".join(roles) or "none"))
    for k in ("everyone", "all_auth", "trusted"):
        mapping[k] = (mapping.get(k) or "No").lower() == "yes"
    for k in ("users", "groups", "user_ids", "group_ids"):
        mapping[k] = mapping.get(k) or ""
    return mapping


def yn(b):
    if b:
        return "Yes"
    return "No"


# ----------------------------------------------------------------------------------------------- the copies
def plan_instance(inst, wanted, enable):
    """[(start, end, replacement, name, old value, new value)] for one copy of stavconfig.xml.

    disable: each wanted entry gets its value; the value it had is kept in a mark after the entry (an existing mark
    stays: it holds the value from before the first run; setting that value back removes the mark).
    enable: every marked entry gets its marked value back and loses the mark; wanted entries are set as given."""
    edits = []
    done = []
    for name, value in wanted:
        e = inst.one(name)
        raw = stavconfig.escape(value, e.quote)
        done.append(name)
        if e.was is not None and (enable or e.was == raw):  # back to the value before: the mark goes
            edits.append((e.start, e.mark_end, raw + inst.text[e.end : e.tag_end], name, e.value, value))
        elif e.raw != raw:
            mark = ""
            if e.was is None:
                mark = stavconfig.MARK_PREFIX + stavconfig.mark(e.raw) + stavconfig.MARK_SUFFIX
            edits.append((e.start, e.tag_end, raw + inst.text[e.end : e.tag_end] + mark, name, e.value, value))
    if enable:
        for e in inst.entries:
            if e.was is None or e.name in done:
                continue
            if len(stavconfig.by_name(inst.entries, e.name)) != 1:
                raise stwaslib.JobError(
                    "%s has %d entries %s; refused" % (inst.uri, len(stavconfig.by_name(inst.entries, e.name)), e.name)
                )
            edits.append((e.start, e.mark_end, e.was + inst.text[e.end : e.tag_end], e.name, e.value, unescape(e.was)))
    return edits


# ----------------------------------------------------------------------------------------------- console steps
def port_of(srv, name):
    ep = srv and srv.endpoint(name)
    if ep is not None and ep.port is not None:
        return str(ep.port)
    return "the port of %s" % name


def console_steps(srv, server_name, enable):
    """The System Console steps for what the job cannot set (the entry names are not public)."""
    page = CONSOLE_PAGE % server_name
    proxy = [(port_of(srv, PROXY_TCP), "TCP"), (port_of(srv, PROXY_TLS), "TLS")]
    conf = [port_of(srv, CONF_TCP), port_of(srv, CONF_TLS)]
    srtp = ["Disable", "Enable"]
    if enable:
        proxy.reverse()
        conf.reverse()
        srtp.reverse()
    return [
        "%s > SIP Proxy/Registrar: Port %s, Transport protocol %s (instead of %s, %s; endpoints %s / %s)"
        % (page, proxy[0][0], proxy[0][1], proxy[1][0], proxy[1][1], PROXY_TCP, PROXY_TLS),
        "%s > Conference Manager: port %s (instead of %s; endpoints %s / %s)" % (page, conf[0], conf[1], CONF_TCP, CONF_TLS),
        "%s > Audio/video media: SRTP encryption: %s" % (page, srtp[0]),
        "OK/Save, then a full resynchronize of the nodes and a restart of all Media Manager components",
    ]


# ----------------------------------------------------------------------------------------------- main
def plan(job, opts):
    """Reads only (step 1): the application and its role mapping, the server, every copy of stavconfig.xml and the
    edits each needs."""
    enable = opts.enable
    if job.AdminApp is None:
        raise stwaslib.JobError("AdminApp is not available: run this job with wsadmin -lang jython -f")
    role = opts.role or DEFAULT_ROLE
    specs = list(opts.stav or [])
    if opts.sip_authentication_type is not None:
        specs.append("%s=%s" % (SIP_AUTH, opts.sip_authentication_type))
    wanted = stavconfig.settings(specs, "--stav")

    app = find_app(job, opts.app)
    cur = role_mapping(job, app, role)
    want_everyone, want_all_auth = (not enable), enable
    cell = topology.Cell(job)
    server_name = opts.server or DEFAULT_SERVER
    srv = None
    if opts.server or opts.node or cell.find(server_name):
        srv = cell.server(server_name, opts.node)
    instances, searched = stavconfig.find(job, cell, opts.documents, server_name)
    if wanted and not instances:
        raise stwaslib.JobError(
            "no stavconfig.xml found (looked in the directories of %s); give --document URI"
            % (", ".join(searched) or "no server")
        )
    plans = []
    for inst in instances:
        inst.read(job)
        plans.append((inst, plan_instance(inst, wanted, enable)))
    job.info(
        "%s: application %s role %s; %d stavconfig.xml cop%s: %s"
        % (
            enable and "enable TLS" or "disable TLS",
            app,
            role,
            len(instances),
            len(instances) == 1 and "y" or "ies",
            ", ".join([i.uri for i in instances]) or "none found",
        )
    )

    p = stwaslib.Plan()
    p.enable, p.app, p.role, p.current, p.wanted = enable, app, role, cur, wanted
    p.everyone, p.all_authenticated = want_everyone, want_all_auth
    p.server, p.server_name, p.instances, p.edits = srv, server_name, instances, plans
    return p


def apply(job, p):
    enable, app, role, cur, wanted = p.enable, p.app, p.role, p.current, p.wanted
    want_everyone, want_all_auth = p.everyone, p.all_authenticated
    srv, server_name, instances, plans = p.server, p.server_name, p.instances, p.edits
    # 2. the role
    if (cur["everyone"], cur["all_auth"]) != (want_everyone, want_all_auth):
        row = [
            role,
            yn(want_everyone),
            yn(want_all_auth),
            cur["users"],
            cur["groups"],
            yn(cur["trusted"]),
            cur["user_ids"],
            cur["group_ids"],
        ]
        job.AdminApp.edit(app, ["-MapRolesToUsers", [row]])
        job.record(
            "modify",
            "RoleAssignment",
            "%s role %s" % (app, role),
            {"Everyone": yn(cur["everyone"]), "AllAuthenticated": yn(cur["all_auth"])},
            {"Everyone": yn(want_everyone), "AllAuthenticated": yn(want_all_auth)},
            None,
            "Everyone %s -> %s, All authenticated %s -> %s"
            % (yn(cur["everyone"]), yn(want_everyone), yn(cur["all_auth"]), yn(want_all_auth)),
        )

    # 3. the copies of stavconfig.xml
    changed_nodes = []
    for inst, edits in plans:
        if not edits:
            continue
        inst.write(job, stavconfig.apply_edits(inst.text, [(e[0], e[1], e[2]) for e in edits]))
        if not inst.dmgr:
            changed_nodes.append(inst.node)
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

    # 4. what cannot be known: the console steps
    steps = console_steps(srv, server_name, enable)
    job.info(
        "the SIP transport/port and SRTP entries of stavconfig.xml are not public: set them in the System "
        "Console (or name them with --stav):"
    )
    for i in range(len(steps)):
        stwaslib.write_line(CONSOLE_PREFIX + "[ ] %d. %s" % (i + 1, steps[i]))

    for i in instances:
        if not i.dmgr:
            job.affects(i.server, i.node)
    if srv is not None:
        job.affects(srv)
    job.extra["mode"] = enable and "enable" or "disable"
    job.extra["application"] = app
    job.extra["role"] = role
    job.extra["server"] = server_name
    job.extra["documents"] = [i.uri for i in instances]
    stav = {}
    for name, value in wanted:
        stav[name] = value
    job.extra["stav"] = stav
    job.extra["console_steps"] = steps
    job.extra["resynchronize"] = unique(changed_nodes)
    if job.changes:
        job.info("then: a full resynchronize of the nodes, and a restart of all Media Manager components together")


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        restart=stwaslib.restart.MEDIA,
        usage="%prog [--stav NAME=VALUE]... [--sip-authentication-type T] "
        "[--server STMediaServer] [--node N] [--app NAME] [--role ROLE] [--document URI]... "
        "[--enable] [options]",
        description="Sametime Media Server without TLS: map the SIP Registrar role to Everyone, set "
        "the named stavconfig.xml entries in every copy (reversibly), print the System Console steps "
        "for the SIP transport/port and SRTP; --enable reverses it.",
    )
    job.add_option(
        "--stav",
        action="append",
        metavar="NAME=VALUE",
        help="an entry of stavconfig.xml to set in every copy, repeatable (names from your own copy: "
        "the SIP transport/port and SRTP names are not public)",
    )
    job.add_option(
        "--sip-authentication-type",
        dest="sip_authentication_type",
        choices=("Basic", "LTPA", "None"),
        metavar="Basic|LTPA|None",
        help="the public entry %s (same as --stav)" % SIP_AUTH,
    )
    job.add_option("--server", help="the media server, for the ports in the console steps (default %s)" % DEFAULT_SERVER)
    job.add_option("--node", help="node of the media server (needed only when the name is not unique)")
    job.add_option("--app", help='SIP Registrar application name (default: the one application matching "SIP Registrar")')
    job.add_option("--role", help="security role to remap (default %s)" % DEFAULT_ROLE)
    job.add_option(
        "--document",
        action="append",
        dest="documents",
        metavar="URI",
        help="a copy of stavconfig.xml (repository URI), repeatable (default: every copy found)",
    )
    job.add_option(
        "--enable", action="store_true", help="reverse: role back to All authenticated, the entries back to their values before"
    )
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
