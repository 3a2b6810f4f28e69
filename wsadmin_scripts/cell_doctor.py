"""cell_doctor: read-only checks of a Sametime cell against the known installation and operation traps of the
talk, each reported with the talk's fix.

    wsadmin.sh -lang jython -f cell_doctor.py [--json] [--only CHECK,...] [--skip CHECK,...]
        [--cert-days 30] [--today YYYY-MM-DD] [--sip-transport auto|tcp|tls] [--all-stores] [--trace-all-servers]

Checks (id, severity):
  host-name-length      error    a host name over 32 characters (serverindex.xml node host names and endpoint hosts):
                                 Media Server / Web A/V fail with "SIP/2.0 408 Request Timeout"
  ldap-bind-password    error    an LDAP bind password ({xor}-decoded from wimconfig.xml ldapServers@bindPassword and
                        /warning security.xml LDAPUserRegistry@bindPassword) with '&' (error: technote 1438995, the
                                 federated repository step of the install fails) or other special characters (warning)
  admin-in-ldap         warning  the WebSphere admin also present in the LDAP repository (config-level heuristic below)
  ldap-base-entry       error    an LDAP repository base entry that is the SSC "LDAP deployment name" (not a DN, not
                                 "root"): DNs come out as "..., o=LDAPDeployname", SSO with Domino breaks
  port-clash            error    servers on one host listening on the same port (Proxy and Meeting on one machine);
                                 one finding per host, listing every clashing pair
  certificate-expiry    error    a personal or signer certificate expired (error) or expiring within --cert-days (30)
                        /warning days (warning), via AdminTask.listKeyStores/listPersonalCertificates/
                                 listSignerCertificates; "skipped" when this wsadmin has no such commands
  sip-security          warning  a Media Manager change made in some stavconfig.xml copies only (a public entry or one
                                 media_disable_tls changed differs between the copies), and the SIP Registrar's role
                                 mapping against the wanted transport (see --sip-transport)
  trace-level           warning  a server's startupTraceSpecification left at finest or all
  node-sync             warning  a node that is out of sync (config-level heuristic below; NodeSync when connected)
  ltpa-auto-generate    warning  automatic LTPA key generation on (security.xml KeySetGroup autoGenerate, with its
                                 WSSchedule): keys shared with Domino stop matching at the next scheduled run

Heuristics and choices [U]:
  * admin-in-ldap: an LDAP lookup needs a live directory, so the check reads the configuration only. The admin
    (security.xml WIMUserRegistry primaryAdminId, else serverId) is taken to be in LDAP when (a) it is a DN, (b) it is
    the first RDN value of an LDAP repository's bind DN (the installer was given the same account), or (c) the cell
    has a fileRegistry.xml that does not hold it (then only LDAP can authenticate it). Only checked when the
    federated repositories hold an LDAP repository.
  * node-sync: the deployment manager cannot see a node's copy offline, so a node counts as out of sync when its part
    of the master configuration is inconsistent, the state a failed or half-done sync/removal leaves: a server
    directory without a serverindex.xml entry or the reverse, a node in no node group, node group or core group
    members naming a node or server that does not exist. Connected, NodeSync.isNodeSynchronized is asked as well.
  * sip-security: the copies of stavconfig.xml are found as stwaslib.stavconfig says; the entry names for the SIP
    transport/port and SRTP are not public, so they are never judged (a note says to check them in the System
    Console). --sip-transport auto (default): copies that differ, and a switch back to TLS left half done (the
    role AllAuthenticatedUsers again, entries still as media_disable_tls set them); tcp: also the role still
    AllAuthenticatedUsers; tls: also the role mapped to Everyone or entries changed by media_disable_tls.
  * trace-level: the levels finest and all (finer and below are not reported); the deployment manager and the
    servers that run applications (the Sametime servers), every server with --trace-all-servers.
  * host-name-length: more than 32 characters (the talk: "FQHN =< 32 Zeichen"); wildcards and variables are skipped.
  * ldap-bind-password: the password itself is never printed, only which kind of character it holds.
Output: one line per finding (severity, check, subject, message) and its fix, or --json; then the STWAS-RESULT line.
Exit code: 0 no findings, 1 warnings only, 2 at least one error, 3 the doctor itself failed (bad option, no cell).
Read-only: it never changes the configuration.
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
from stwaslib import ConfigId, jsonout, lines, ltpa, stavconfig, text, topology, xor
from stwaslib import certificates as C
from stwaslib.compat import contains, has_key, sort_by, split_last, unique
from stwaslib.dates import days_between, iso
from stwaslib.documents import read_document
from stwaslib.job import node_of
from stwaslib.xmltags import element_content, start_tags

JOB = "cell_doctor"
ERROR = "error"
WARNING = "warning"
EXIT_CLEAN, EXIT_WARNINGS, EXIT_ERRORS, EXIT_FAILED = 0, 1, 2, 3

MAX_HOST_LENGTH = 32
DEFAULT_CERT_DAYS = 30
TRACE_LEVELS = ("finest", "all")
SPECIAL_ERROR_CHARS = "&"

CHECKS = [
    "host-name-length",
    "ldap-bind-password",
    "admin-in-ldap",
    "ldap-base-entry",
    "port-clash",
    "certificate-expiry",
    "sip-security",
    "trace-level",
    "node-sync",
    "ltpa-auto-generate",
]

FIX = {
    "host-name-length": "keep fully qualified host names at 32 characters or fewer (talk: longer ones give SIP/2.0 408 "
    "Request Timeout for Media Server and Web A/V); choose short names/DNS aliases before the "
    "install: renaming hosts in WebSphere later is a lot of work (serverindex.xml, default_host)",
    "ldap-bind-password": "give the LDAP bind account a password without special characters such as & (technote "
    "1438995: the install fails at the federated repository step), then set it in the "
    "federated repository (Global security > Federated repositories > the LDAP repository)",
    "admin-in-ldap": "the WebSphere administrator (mostly wasadmin) must not exist in the LDAP directory: use an "
    "admin ID that only the file registry holds, or rename/remove the LDAP entry",
    "ldap-base-entry": 'replace the LDAP deployment name by the real base DN or, best practice, by "root": '
    "fix_ldap_base_entry.py --root (needs WAS 7.0.0.21 or later), then restart dmgr, sync, "
    "restart node agents and servers",
    "port-clash": "Proxy and Meeting on one machine: give them different ports (set_server_ports.py), or "
    "different host names with their own IP address plus host aliases (also avoids JSESSIONID "
    "clashes)",
    "certificate-expiry": "renew the certificate: a CA request (certificate_request.py) or a .p12 import "
    "(import_certificate.py); WebSphere self-signed ones renew only with the expiration monitor",
    "sip-security": "make the change in every copy of stavconfig.xml (stavconfig.py --set NAME=VALUE, or "
    "media_disable_tls.py --stav NAME=VALUE / --enable), then a full resynchronize of the nodes and "
    "a restart of all Media Manager components; the SIP Registrar role: AllAuthenticatedUsers for "
    "TLS, Everyone for TCP (media_disable_tls.py)",
    "trace-level": "set the trace back to *=info once the problem is found (set_trace.py --reset; ISC > "
    "Troubleshooting > Logs and trace > Change log detail levels > Configuration)",
    "ltpa-auto-generate": ltpa.FIX % "CellLTPAKeySetGroup",
    "node-sync": "synchronise the node (syncNode.sh <dmgr host> <dmgr SOAP port> with the node agent stopped; talk: "
    "syncnode ssc.example.com 8703), or remove the stale server/node (cleanup_stale.py)",
}


class DoctorJob(stwaslib.Job):
    """A failure of the doctor itself exits EXIT_FAILED, so 1 and 2 always mean findings."""

    def _abort(self, msg, code):
        stwaslib.Job._abort(self, msg, EXIT_FAILED)


class Reasons:
    """{key: [reason, ...]}: add(key, reason) appends."""

    def __init__(self, by_key):
        self.by_key = by_key

    def add(self, key, reason):
        self.by_key.setdefault(key, []).append(reason)


class Skip(Exception):
    """A check that cannot run here (reason in the message)."""


class Doctor:
    def __init__(self, job, opts, today):
        self.job = job
        self.opts = opts
        self.today = today
        self.findings = []
        self.skipped = []
        self.notes = []
        self._docs = {}
        self._cell = None

    # ------------------------------------------------------------------ helpers
    def add(self, check, severity, subject, message):
        self.findings.append({"check": check, "severity": severity, "subject": subject, "message": message, "fix": FIX[check]})

    def __getattr__(self, name):
        # self.cell: the cell's servers and endpoints, read on first use (2.1's classes have no properties)
        if name == "cell":
            if self._cell is None:
                self._cell = topology.Cell(self.job)
            return self._cell
        raise AttributeError(name)

    def cell_dir(self):
        return "cells/%s" % self.cell.name

    def document(self, uri):
        """The text of a repository document (AdminConfig.extract), None when it does not exist."""
        if has_key(self._docs, uri):
            return self._docs[uri]
        data = None
        if self.job.document_exists(uri):
            data = read_document(self.job, uri, errors="replace")
        self._docs[uri] = data
        return data

    def wimconfig(self):
        return self.document("%s/wim/config/wimconfig.xml" % self.cell_dir())

    def ldap_repositories(self):
        """[(id, attrs, body)] of the LDAP repositories of wimconfig.xml."""
        doc = self.wimconfig()
        if doc is None:
            return []
        out = []
        for tag in start_tags(doc, "repositories"):
            attrs = tag.values()
            if not contains(attrs.get("xsi:type", "").lower(), "ldap"):
                continue
            out.append((attrs.get("id", "?"), attrs, element_content(doc, tag) or ""))
        return out

    # ------------------------------------------------------------------ checks
    def check_host_name_length(self):
        hosts = {}  # host name -> [node, ...]
        for node, host in self.cell.nodes.items():
            if host:
                hosts.setdefault(host, []).append(node)
        for ep in self.cell.all_endpoints():
            h = (ep.host or "").strip()
            if h and not topology.is_wildcard(h) and "$" not in h:
                hosts.setdefault(h, []).append(ep.server.node)
        for h in sort_by(hosts.keys()):
            if len(h) > MAX_HOST_LENGTH:
                self.add(
                    "host-name-length",
                    ERROR,
                    h,
                    "host name %s has %d characters (more than %d), used by node(s) "
                    "%s" % (h, len(h), MAX_HOST_LENGTH, ", ".join(sort_by(unique(hosts[h])))),
                )

    def _password_finding(self, subject, where, encoded):
        if not encoded:
            return
        try:
            clear = xor.decode(encoded)
        except xor.XorError:
            self.notes.append("%s: the bind password is not valid {xor} text" % subject)
            return
        if not clear:
            return
        specials = [c for c in clear if not c.isalnum()]
        if not specials:
            return
        if [c for c in specials if c in SPECIAL_ERROR_CHARS]:
            others = len([c for c in specials if c not in SPECIAL_ERROR_CHARS])
            more = others and " and %d other special character(s)" % others or ""
            self.add("ldap-bind-password", ERROR, subject, 'the LDAP bind password (%s) contains "&"%s' % (where, more))
        else:
            self.add(
                "ldap-bind-password",
                WARNING,
                subject,
                "the LDAP bind password (%s) contains %d special character(s)" % (where, len(specials)),
            )

    def check_ldap_bind_password(self):
        for rid, _a, body in self.ldap_repositories():
            for tag in start_tags(body, "ldapServers"):
                a = tag.values()
                self._password_finding(
                    "LDAP repository %s" % rid, "wimconfig.xml, bind DN %s" % a.get("bindDN", "?"), a.get("bindPassword")
                )
        sec = self.document("%s/security.xml" % self.cell_dir())
        if sec:
            for tag in start_tags(sec, "userRegistries"):
                a = tag.values()
                if contains(a.get("xmi:type", ""), "LDAPUserRegistry") and a.get("bindDN"):
                    self._password_finding(
                        "LDAP user registry", "security.xml, bind DN %s" % a.get("bindDN"), a.get("bindPassword")
                    )

    def admin_id(self):
        for reg in self.job.list("WIMUserRegistry"):
            v = self.job.attr(reg, "primaryAdminId") or self.job.attr(reg, "serverId")
            if v:
                return v
        return None

    def check_admin_in_ldap(self):
        repos = self.ldap_repositories()
        if not repos:
            raise Skip("no LDAP repository in the federated repositories")
        admin = self.admin_id()
        if not admin:
            raise Skip("no WebSphere administrator ID in security.xml (WIMUserRegistry)")
        reasons = []
        if "=" in admin:
            reasons.append("the admin ID is a distinguished name")
        for rid, _a, body in repos:
            for tag in start_tags(body, "ldapServers"):
                bind = tag.get("bindDN", "")
                first = bind.split(",")[0]
                if "=" in first and first.split("=", 1)[1].strip().lower() == admin.lower():
                    reasons.append("it is the bind account of LDAP repository %s (%s)" % (rid, bind))
        freg = self.document("%s/fileRegistry.xml" % self.cell_dir())
        if freg is not None:
            uids = []
            for tag in start_tags(freg, "uid"):
                end = freg.find("<", tag.end)
                if end >= 0:
                    uids.append(freg[tag.end : end].strip().lower())
            if admin.lower() not in uids:
                reasons.append("the file registry (fileRegistry.xml) does not hold it")
        if reasons:
            self.add(
                "admin-in-ldap",
                WARNING,
                admin,
                "the WebSphere admin %s looks like an LDAP user: %s" % (admin, "; ".join(reasons)),
            )

    def check_ldap_base_entry(self):
        doc = self.wimconfig()
        if doc is None:
            raise Skip("no wimconfig.xml (federated repositories not configured)")
        for rid, _a, body in self.ldap_repositories():
            bad = []
            for tag in start_tags(body, "baseEntries"):
                a = tag.values()
                name = a.get("name", "")
                if name and "=" not in name and name.lower() != "root":
                    bad.append("%s (nameInRepository %s)" % (name, a.get("nameInRepository", "(unset)") or '""'))
            if bad:
                self.add(
                    "ldap-base-entry",
                    ERROR,
                    "LDAP repository %s" % rid,
                    "base entry %s is not a DN: the LDAP deployment name the installer copied in" % ", ".join(bad),
                )

    def check_port_clash(self):
        eps = [e for e in self.cell.all_endpoints() if e.port is not None]
        by_machine = {}
        for i in range(len(eps)):
            a = eps[i]
            for b in eps[i + 1 :]:
                if a.server is b.server or not topology.endpoints_clash(a, b):
                    continue
                pair = "%s %s %s:%s / %s %s %s:%s" % (
                    a.server.label(),
                    a.name,
                    a.host,
                    a.port,
                    b.server.label(),
                    b.name,
                    b.host,
                    b.port,
                )
                by_machine.setdefault(a.machine(), []).append(pair)
        for machine in sort_by(by_machine.keys()):
            pairs = by_machine[machine]
            shown = pairs[:8]
            more = len(pairs) > 8 and " (and %d more)" % (len(pairs) - 8) or ""
            self.add(
                "port-clash",
                ERROR,
                machine,
                "servers on host %s listen on the same ports: %s%s" % (machine, "; ".join(shown), more),
            )

    def check_certificate_expiry(self):
        at = self.job.AdminTask
        need = ("listKeyStores", "listPersonalCertificates", "listSignerCertificates")
        if at is None or [n for n in need if getattr(at, n, None) is None]:
            raise Skip("this wsadmin has no AdminTask.listKeyStores/listPersonalCertificates/listSignerCertificates")
        days = self.opts.cert_days
        seen = []
        nodes = None
        if not self.opts.all_stores:
            nodes = C.sametime_nodes(self.cell)
        found, failed, skipped = C.all_certificates(self.job, nodes)
        if skipped:
            self.notes.append(
                "certificate-expiry: %d key store(s) of nodes that run no application not read "
                "(--all-stores reads them)" % skipped
            )
        for name, scope, kind, r in found:
            _nb, na = C.validity(r)
            if na is None:
                continue
            left = days_between(self.today, na)
            key = (name, scope, kind, r.get("alias"))
            if left > days or key in seen:
                continue
            seen.append(key)
            subject = "%s %s %s" % (name, scope, r.get("alias"))
            if left < 0:
                self.add(
                    "certificate-expiry",
                    ERROR,
                    subject,
                    "%s certificate %s (%s) expired on %s" % (kind, r.get("alias"), r.get("issuedTo"), iso(na)),
                )
            else:
                self.add(
                    "certificate-expiry",
                    WARNING,
                    subject,
                    "%s certificate %s (%s) expires on %s, in "
                    "%d day(s)" % (kind, r.get("alias"), r.get("issuedTo"), iso(na), left),
                )
        unreadable = ["%s (%s)" % (name, scope) for name, scope, _kind, _why in failed]
        if unreadable:
            self.notes.append(
                "certificate-expiry: %d key store(s) not readable here (JCEKS, or no file): %s"
                % (len(unreadable), ", ".join(unreadable))
            )

    def registrar_roles(self):
        """'Everyone' / 'AllAuthenticatedUsers' / None for the SIP Registrar application's role mapping."""
        for dep in self.job.list("Deployment"):
            cid = ConfigId(dep)
            app = cid.path_value("deployments") or ""
            if not contains(app.lower(), "sip registrar"):
                continue
            bnd = self.document("%s/META-INF/ibm-application-bnd.xmi" % cid.doc_dir)
            if bnd is None:
                return None
            types = [t.get("xmi:type") or "" for t in start_tags(bnd)]
            for role in ("Everyone", "AllAuthenticatedUsers"):
                if [t for t in types if t[-len(role) - 1 :] == ":" + role]:
                    return role
            return None
        return None

    def check_sip_security(self):
        """On the real stavconfig.xml format (stwaslib.stavconfig): the entry names for the SIP transport/port and
        SRTP are not public, so what is checked is what can be known: the public entries and the ones
        media_disable_tls changed must hold the same value in every copy (HCL: every copy is changed), and the
        SIP Registrar role mapping must fit the wanted transport and the copies' state."""
        copies = stavconfig.find(self.job, self.cell)[0]
        for inst in copies:
            inst.read(self.job)
        role = self.registrar_roles()
        if not copies and role is None:
            raise Skip("no Media Manager configuration (stavconfig.xml) and no SIP Registrar application")
        app = "IBM Lotus SIP Registrar"
        marked = []  # (copy, entry) changed by media_disable_tls
        names = []
        for inst in copies:
            for e in inst.entries:
                if e.was is not None:
                    marked.append((inst, e))
                if (e.was is not None or has_key(stavconfig.KNOWN, e.name)) and e.name not in names:
                    names.append(e.name)
        for name in sort_by(names):
            values, shown = [], []
            for inst in copies:
                found = stavconfig.by_name(inst.entries, name)
                v, text_v = None, "missing"
                if found:
                    v = found[0].value
                    text_v = "'%s'" % v
                values.append(v)
                shown.append("%s in %s" % (text_v, inst.label()))
            if len(unique(values)) > 1:
                self.add(
                    "sip-security",
                    WARNING,
                    "stavconfig.xml %s" % name,
                    "entry %s differs between the stavconfig.xml copies (%s): a change made in some copies "
                    "only" % (name, ", ".join(shown)),
                )
        want = self.opts.sip_transport
        changed = ", ".join(unique(["%s in %s" % (e.name, inst.label()) for inst, e in marked]))
        if want == "tcp" and role == "AllAuthenticatedUsers":
            self.add(
                "sip-security",
                WARNING,
                app,
                "SIP security is still on where TCP is wanted: the SIP Registrar role is still mapped to AllAuthenticatedUsers",
            )
        elif want == "tls" and (role == "Everyone" or marked):
            what = []
            if role == "Everyone":
                what.append("the SIP Registrar role is mapped to Everyone")
            if marked:
                what.append("stavconfig.xml entries changed by media_disable_tls (%s)" % changed)
            self.add("sip-security", WARNING, app, "SIP security is off where TLS is wanted: %s" % "; ".join(what))
        elif want == "auto" and role == "AllAuthenticatedUsers" and marked:
            self.add(
                "sip-security",
                WARNING,
                app,
                "the switch back to TLS is half done: the SIP Registrar role is "
                "AllAuthenticatedUsers again, but stavconfig.xml entries are still as media_disable_tls set "
                "them (%s)" % changed,
            )
        if copies:
            self.notes.append(
                "sip-security: the SIP transport/port and SRTP entries of stavconfig.xml are not "
                "public; check them in the System Console (Sametime Media Managers)"
            )

    def trace_services(self):
        """The TraceService ids to check: one list('TraceService'), kept for the deployment manager and the servers
        that run applications (the Sametime servers; --trace-all-servers: every server), so that the per-server
        reads follow the Sametime servers, not the size of the cell."""
        ids = self.job.list("TraceService")
        if self.opts.trace_all_servers:
            return ids
        keep = {}
        for s in self.cell.servers:
            if s.type == "DEPLOYMENT_MANAGER" or s.apps:
                keep["%s/%s" % (s.node, s.name)] = 1
        out = []
        for ts in ids:
            cid = ConfigId(ts)
            if has_key(keep, "%s/%s" % (cid.path_value("nodes"), cid.path_value("servers"))):
                out.append(ts)
        if len(out) < len(ids):
            self.notes.append(
                "trace-level: %d server(s) without applications not checked (--trace-all-servers "
                "checks them too)" % (len(ids) - len(out))
            )
        return out

    def check_trace_level(self):
        for ts in self.trace_services():
            spec = self.job.attr(ts, "startupTraceSpecification") or ""
            high = []
            for part in spec.split(":"):
                if "=" not in part:
                    continue
                comp, level = split_last(part, "=")
                if level.strip().lower() in TRACE_LEVELS:
                    high.append(part.strip())
            if high:
                cid = ConfigId(ts)
                subject = "%s@%s" % (cid.path_value("servers"), cid.path_value("nodes"))
                self.add(
                    "trace-level",
                    WARNING,
                    subject,
                    "startupTraceSpecification of %s is left at %s: %s"
                    % (subject, "/".join(sort_by(unique([split_last(h, "=")[1].lower() for h in high]))), spec),
                )

    def check_node_sync(self):
        job = self.job
        cell = self.cell
        reasons = {}  # node -> [why it looks out of sync]
        why = Reasons(reasons).add

        node_names = [ConfigId(n).name or job.attr(n, "name") for n in job.list("Node")]
        dirs = {}
        for sid in job.list("Server"):
            cid = ConfigId(sid)
            if cid.doc_file == "server.xml" and cid.path_value("nodes") and cid.path_value("servers"):
                dirs.setdefault(cid.path_value("nodes"), []).append(cid.path_value("servers"))
        entries = {}
        for s in cell.servers:
            entries.setdefault(s.node, []).append(s.name)
        for node in node_names:
            d, e = dirs.get(node, []), entries.get(node, [])
            for s in sort_by(unique([x for x in d if x not in e])):
                why(node, "server directory %s has no entry in serverindex.xml" % s)
            for s in sort_by(unique([x for x in e if x not in d])):
                why(node, "serverindex.xml entry %s has no server directory" % s)
        members = {}
        for ng, m in topology.contained_records(job, "NodeGroup", "members"):  # one showall per node group
            n = m.get("nodeName")
            members[n] = 1
            if n not in node_names:
                why(n, "node group %s names it, but the node does not exist" % (ConfigId(ng).path_value("nodegroups") or "?"))
        if members:
            for node in node_names:
                if not has_key(members, node):
                    why(node, "it is in no node group")
        for cg, m in topology.contained_records(job, "CoreGroup", "coreGroupServers"):  # one showall per group
            n, s = m.get("nodeName"), m.get("serverName")
            if n not in node_names:
                why(
                    n,
                    "core group %s names server %s on it, but the node does not exist"
                    % (ConfigId(cg).path_value("coregroups") or "?", s),
                )
            elif s not in dirs.get(n, []) and s not in entries.get(n, []):
                why(n, "core group %s names server %s, which does not exist" % (ConfigId(cg).path_value("coregroups") or "?", s))
        for node, msg in self.runtime_sync(node_names):
            why(node, msg)
        for node in sort_by(reasons.keys()):
            self.add("node-sync", WARNING, node, "node %s looks out of sync: %s" % (node, "; ".join(reasons[node])))

    def check_ltpa_auto_generate(self):
        group = ltpa.key_set_group(self.job)
        if group is None:
            raise Skip("security.xml names no LTPA key set group")
        if group["auto_generate"]:
            when = ltpa.describe_schedule(group["schedule"]) or "on its schedule"
            self.add(
                "ltpa-auto-generate",
                WARNING,
                group["name"],
                "automatic LTPA key generation is on (%s): keys shared with Domino or other cells (SSO) "
                "stop matching at the next run" % when,
            )

    def runtime_sync(self, node_names):
        """[(node, reason)] from NodeSync.isNodeSynchronized when connected; [] in local mode."""
        ctl = self.job.AdminControl
        if ctl is None:
            return []
        if not self.job.connected():
            self.notes.append("node-sync: local mode, NodeSync not asked (configuration heuristic only)")
            return []
        out = []
        for on in lines(ctl.queryNames("type=NodeSync,*")):
            node = node_of(on)
            try:
                ok = text(ctl.invoke(on, "isNodeSynchronized")) == "true"
            except:  # noqa: E722
                continue
            if not ok:
                out.append((node, "NodeSync reports it not synchronised"))
        return out

    def run(self, checks):
        for name in checks:
            fn = getattr(self, "check_" + name.replace("-", "_"))
            before = len(self.findings)
            try:
                fn()
            except Skip:
                self.skipped.append({"check": name, "reason": text(sys.exc_info()[1])})
                del self.findings[before:]
            except:  # noqa: E722  (Java exceptions too: one broken check must not hide the others)
                self.skipped.append({"check": name, "reason": "the check failed: %s" % stwaslib.job.describe_exception()})
                del self.findings[before:]


def _check_list(value, what):
    out = []
    for c in (value or "").split(","):
        c = c.strip()
        if not c:
            continue
        if c not in CHECKS:
            raise stwaslib.UsageError("%s: unknown check %s (checks: %s)" % (what, c, ", ".join(CHECKS)))
        out.append(c)
    return out


def exit_code(findings):
    sev = [f["severity"] for f in findings]
    if ERROR in sev:
        return EXIT_ERRORS
    if WARNING in sev:
        return EXIT_WARNINGS
    return EXIT_CLEAN


def finding_order(f):
    """Errors first, then in the order of CHECKS, then by subject."""
    return (f["severity"] != ERROR, CHECKS.index(f["check"]), f["subject"])


def main(job, opts):
    today = C.parse_today(opts.today)
    if opts.sip_transport not in ("auto", "tcp", "tls"):
        raise stwaslib.UsageError("--sip-transport is auto, tcp or tls")
    only = _check_list(opts.only, "--only")
    skip = _check_list(opts.skip, "--skip")
    checks = [c for c in CHECKS if (not only or c in only) and c not in skip]
    doc = Doctor(job, opts, today)
    doc.run(checks)
    findings = sort_by(doc.findings, finding_order)
    code = exit_code(findings)
    errors = len([f for f in findings if f["severity"] == ERROR])
    warnings = len(findings) - errors
    summary = {"errors": errors, "warnings": warnings, "skipped": len(doc.skipped), "checks": len(checks), "exit_code": code}
    report = {
        "cell": doc.cell.name,
        "today": iso(today),
        "checks": checks,
        "findings": findings,
        "skipped": doc.skipped,
        "notes": doc.notes,
        "summary": summary,
    }
    job.extra.update(report)
    say = stwaslib.write_line
    if opts.json:
        say(jsonout.dumps(report, indent=1))
    else:
        # write_line, not job.info: the check name ldap-bind-password would trip the password masking, and no
        # message holds a secret (passwords are never put into them)
        say(
            "cell %s: %d check(s), %d error(s), %d warning(s), %d skipped"
            % (doc.cell.name, len(checks), errors, warnings, len(doc.skipped))
        )
        for f in findings:
            say("%-7s %-18s %s: %s" % (f["severity"].upper(), f["check"], f["subject"], f["message"]))
            say("        fix: %s" % f["fix"])
        for s in doc.skipped:
            say("SKIPPED %-18s %s" % (s["check"], s["reason"]))
        for n in doc.notes:
            say("note: %s" % n)
        if not findings:
            say("no known trap found")
    job.exit_code = code


def build_job(scope):
    job = DoctorJob(
        JOB,
        scope,
        read_only=1,
        description="Read-only checks of the cell against the known Sametime/WebSphere traps, each with "
        "the fix; exit 0 clean, 1 warnings, 2 errors, 3 the doctor failed.",
    )
    job.add_option("--json", action="store_true", help="print the report as JSON")
    job.add_option("--only", metavar="CHECK,...", help="run only these checks (%s)" % ", ".join(CHECKS))
    job.add_option("--skip", metavar="CHECK,...", help="do not run these checks")
    job.add_option(
        "--cert-days",
        dest="cert_days",
        type="int",
        minimum=0,
        default=DEFAULT_CERT_DAYS,
        metavar="N",
        help="report certificates expiring within N days (default %d)" % DEFAULT_CERT_DAYS,
    )
    job.add_option("--today", metavar="YYYY-MM-DD", help="the date to count certificate days from (default: today)")
    job.add_option(
        "--all-stores",
        dest="all_stores",
        action="store_true",
        help="certificate-expiry: also the key stores of nodes that run no application",
    )
    job.add_option(
        "--trace-all-servers",
        dest="trace_all_servers",
        action="store_true",
        help="trace-level: check every server, also those without applications (one read per server)",
    )
    job.add_option(
        "--sip-transport",
        dest="sip_transport",
        default="auto",
        metavar="auto|tcp|tls",
        help="the SIP transport wanted for the Media Manager (default auto: report a half-done switch)",
    )
    job.exit_code = EXIT_CLEAN
    return job


if __name__ == "__main__":
    _job = build_job(globals())
    _job.run(main)
    sys.exit(_job.exit_code)
