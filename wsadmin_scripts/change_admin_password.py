"""change_admin_password.py: change the primary administrator's (wasadmin's) password everywhere the cell's
configuration repository keeps it (seed appendix "Change Websphere Admin (wasadmin) Password",
sametime-operations.md 12).

    STWAS_NEW_PASSWORD=... wsadmin.sh -lang jython -f change_admin_password.py [--user wasadmin] [--dry-run]
    wsadmin.sh -lang jython -f change_admin_password.py --password-file /root/newpw.txt
    printf '%s\n' "$PW" | wsadmin.sh -lang jython -f change_admin_password.py --password-stdin
    ... [--skip-file-registry] [--skip-auth-aliases]

The new password comes from --password-file FILE (first line), --password-stdin (first line of standard input) or
the environment variable STWAS_NEW_PASSWORD -- never from a command-line argument: wsadmin echoes its arguments
(WASX7303I) and every user on the machine sees them in the process list.  It is never printed.

What it changes, in the deployment manager's master repository (the nodes get the same security.xml by
synchronisation -- there is no separate node copy in the repository):
  1. security.xml: serverPassword ({xor}) of every user registry whose serverId is the user (the active registry
     first: the WIM registry of a Sametime cell), and the password of every J2C authentication alias (JAASAuthData)
     whose userId is the user (--skip-auth-aliases to leave them);
  2. the file registry (cells/<cell>/fileRegistry.xml, the federated repository's InternalFileRepository), through
     AdminTask.changeFileRegistryAccountPassword, when the document is in the repository and security.xml changed
     (--skip-file-registry when the password was already changed in the console's Users and Groups > Manage Users).
After saving, the node agents still hold the old password in their copy of security.xml and cannot authenticate to
the deployment manager any more, so automatic synchronisation fails: the job prints, per managed node, the
`syncNode <dmgr host> <dmgr SOAP port>` command to run in the node profile's bin directory with the node agent
stopped (dmgr host and port from the dmgr's SOAP_CONNECTOR_ADDRESS in its serverindex.xml), and the steps outside
the repository (soap.client.props / sas.client.props, the System Console's connection properties, Installation
Manager's installRegistry.xml).
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
from stwaslib import passwords, xor
from stwaslib.compat import contains, sort_by
from stwaslib.documents import read_document
from stwaslib.xmltags import start_tags

JOB = "change_admin_password"
PASSWORD_ENV = "STWAS_NEW_PASSWORD"
PASSWORD = passwords.PasswordInput("new password", PASSWORD_ENV, refused=("--password", "--new-password"))
SYNC_PREFIX = "SYNCNODE "
MANUAL_STEPS = [
    "every node profile and the dmgr profile: <profile_root>/properties/soap.client.props (com.ibm.SOAP.loginPassword) "
    "and sas.client.props (com.ibm.CORBA.loginPassword), if they hold the old value: update them, then encode with "
    "PropFilePasswordEncoder",
    "Sametime System Console > Sametime Servers > <type> > <deployment> > Connection Properties: enter the new password",
    "Installation Manager: back up installRegistry.xml and installed.xml, then set the property user.was.password, "
    "to the value from generateEncodedPassword",
]


def _start_tags(xml_text, element):
    """{xmi:id: {attr: unescaped value}} of every <element .../> start tag in the document text."""
    out = {}
    for tag in start_tags(xml_text, element):
        xid = tag.get("xmi:id")
        if xid:
            out[xid] = tag.values()
    return out


def read_new_password(opts):
    pw, source = PASSWORD.read(opts)
    if pw != pw.strip():
        raise stwaslib.JobError(
            "%s: leading or trailing white space in the password, which WebSphere would not handle consistently" % source
        )
    return pw, source


def sync_commands(job):
    """[(node, host, command)] for every managed node (one with a node agent), and the dmgr's SOAP host/port."""
    cell = job.topology()
    dmgr = [s for s in cell.servers if s.type == "DEPLOYMENT_MANAGER"]
    if not dmgr:
        raise stwaslib.JobError("no deployment manager in the serverindex.xml documents of cell %s" % cell.name)
    ep = dmgr[0].endpoint("SOAP_CONNECTOR_ADDRESS")
    if ep is None or ep.port is None:
        raise stwaslib.JobError("the deployment manager has no SOAP_CONNECTOR_ADDRESS in its serverindex.xml")
    host = ep.host
    if not host or host == "*":
        host = dmgr[0].node_host
    out = []
    for node in sort_by(cell.nodes.keys()):
        if node == dmgr[0].node:
            continue
        if not [s for s in cell.servers if s.node == node and s.type == "NODE_AGENT"]:
            continue  # unmanaged node (e.g. a web server): nothing synchronises it
        out.append((node, cell.nodes[node], "syncNode %s %d" % (host, ep.port)))
    return cell.name, out


def plan(job, opts):
    """Reads only: the user, the user registries and J2C authentication aliases of security.xml that hold a copy of
    the password (and those already holding the new one), the file registry."""
    password, source = read_new_password(opts)
    encoded = xor.encode(password)
    cfg = job.AdminConfig

    cells = job.list("Cell")
    if not cells:
        raise stwaslib.JobError("no cell in this configuration")
    cell_name = stwaslib.ConfigId(cells[0]).name
    sec_uri = "cells/%s/security.xml" % cell_name
    secs = [s for s in job.list("Security") if contains(s, "(cells/%s|security.xml#" % cell_name)]
    if not secs:
        raise stwaslib.JobError("no global security configuration (%s)" % sec_uri)
    sec = secs[0]
    active = job.attr(sec, "activeUserRegistry")
    user = opts.user
    if not user and active:
        user = job.attr(active, "primaryAdminId") or job.attr(active, "serverId")
    if not user:
        raise stwaslib.JobError("the active user registry names no primary administrator: give --user")
    job.info("user %s: changing the password; the new one comes from %s" % (user, source))

    xml_text = read_document(job, sec_uri)
    registries = _start_tags(xml_text, "userRegistries")
    aliases = _start_tags(xml_text, "authDataEntries")

    p = stwaslib.Plan()
    p.password, p.encoded, p.user, p.cell_name, p.sec_uri = password, encoded, user, cell_name, sec_uri
    p.registries = []  # (registry id, type, label) whose serverPassword changes
    p.matched = 0
    reg_ids = job.attr_list(sec, "userRegistries")
    if active in reg_ids:
        reg_ids = [active] + [r for r in reg_ids if r != active]
    for rid in reg_ids:
        attrs = registries.get(stwaslib.ConfigId(rid).xmi_id, {})
        if attrs.get("serverId", "") != user:
            continue
        rtype = cfg.getObjectType(rid)
        p.matched = p.matched + 1
        if xor.same_password(attrs.get("serverPassword", ""), password):
            continue
        which = ""
        if rid == active:
            which = ", active"
        p.registries.append((rid, rtype, "%s %s (serverId %s%s)" % (rtype, stwaslib.ConfigId(rid).xmi_id, user, which)))
    p.aliases = []  # (alias id, label) whose password changes
    if not opts.skip_auth_aliases:
        for aid in job.list("JAASAuthData"):
            if not contains(aid, "(cells/%s|security.xml#" % cell_name):
                continue
            attrs = aliases.get(stwaslib.ConfigId(aid).xmi_id, {})
            if attrs.get("userId", "") != user or xor.same_password(attrs.get("password", ""), password):
                continue
            p.aliases.append((aid, "auth alias %s (userId %s)" % (attrs.get("alias", ""), user)))
    p.has_file_registry = job.document_exists("cells/%s/fileRegistry.xml" % cell_name)
    return p


def apply(job, p):
    password, user, cell_name, sec_uri, opts = p.password, p.user, p.cell_name, p.sec_uri, job.options
    for rid, rtype, label in p.registries:
        job.ensure(rid, rtype, label, [("serverPassword", p.encoded)])
    if not p.matched:
        job.warn(
            "no user registry in %s has serverId %s (the server identity is generated automatically): "
            "security.xml holds no copy of the password" % (sec_uri, user)
        )
    for aid, label in p.aliases:
        job.ensure(aid, "JAASAuthData", label, [("password", p.encoded)])
    changed_security = p.registries or p.aliases
    reg_uri = "cells/%s/fileRegistry.xml" % cell_name
    has_file_registry = p.has_file_registry
    job.extra["file_registry"] = "absent"
    if has_file_registry:
        if opts.skip_file_registry:
            job.extra["file_registry"] = "skipped"
            job.info("file registry: %s left as it is (--skip-file-registry)" % reg_uri)
        elif changed_security:
            try:
                job.AdminTask.changeFileRegistryAccountPassword(["-userId", user, "-password", password])
            except:  # noqa: E722  (Java exceptions under Jython); the message may quote the parameters
                msg = passwords.scrub(job.describe_exception(), password)
                raise stwaslib.JobError("changeFileRegistryAccountPassword failed: %s" % msg)
            job.record(
                "modify",
                "PersonAccount",
                "file registry %s (uid %s)" % (reg_uri, user),
                {"password": stwaslib.MASK},
                {"password": stwaslib.MASK},
                None,
                "password '%s' -> '%s'" % (stwaslib.MASK, stwaslib.MASK),
            )
            job.extra["file_registry"] = "changed"
        else:
            job.extra["file_registry"] = "unchanged"
            job.info(
                "file registry: security.xml already holds the new password, so %s is taken as changed too "
                "(if it is not, change it in the console: Users and Groups > Manage Users)" % reg_uri
            )
    else:
        job.info(
            "note: %s is not in this configuration; change %s's password, too, in its user registry "
            "(console: Users and Groups > Manage Users, or the LDAP directory)" % (reg_uri, user)
        )

    if job.changes:
        dmgr_cell, cmds = sync_commands(job)
        job.extra["sync_commands"] = [{"node": n, "host": h, "command": c} for n, h, c in cmds]
        job.extra["manual_steps"] = MANUAL_STEPS
        job.info(
            "after saving, these nodes can no longer authenticate to the deployment manager; on each, stop the "
            "node agent and run in <node profile>/bin (when it asks for credentials: -username %s and the "
            "new password):" % user
        )
        for n, h, c in cmds:
            stwaslib.write_line(SYNC_PREFIX + "%s (%s): %s" % (n, h, c))
        for step in MANUAL_STEPS:
            job.info("manual step: " + step)


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        restart=stwaslib.restart.SECURITY,
        description="Change the primary administrator's password in the cell's "
        "configuration (security.xml {xor} copies, the file registry) and list the nodes that need "
        "a manual syncNode. The password is read from a file, standard input or %s." % PASSWORD_ENV,
    )
    job.add_option(
        "--user",
        dest="user",
        metavar="ID",
        help="the administrator (default: the active registry's primaryAdminId, e.g. wasadmin)",
    )
    PASSWORD.add_options(job)
    job.add_option(
        "--skip-file-registry",
        dest="skip_file_registry",
        action="store_true",
        help="leave fileRegistry.xml alone (password already changed in Users and Groups)",
    )
    job.add_option(
        "--skip-auth-aliases",
        dest="skip_auth_aliases",
        action="store_true",
        help="leave J2C authentication aliases with the same user alone",
    )
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
