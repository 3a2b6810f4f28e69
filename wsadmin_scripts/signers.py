"""signers.py: the trust (signer) certificates of a key store: list them, add one from a file, retrieve the one an
SSL port presents, or delete one (seed: "Import der SSL Zertifikate in WAS Zellen (Trust), z.B. Media Server TLS";
sametime-operations.md 6.2). One cell trusting another's Media Server (SIP TLS 5081) or the CA of an imported
certificate needs this.

    wsadmin.sh -lang jython -f signers.py --list [--keystore CellDefaultTrustStore] [--keystore-scope "(cell):C"]
    wsadmin.sh -lang jython -f signers.py --add /tmp/ca.pem [--der] --alias example_ca [--dry-run]
    wsadmin.sh -lang jython -f signers.py --retrieve media.example.com:5081 --alias media_sip_tls [--dry-run]
    wsadmin.sh -lang jython -f signers.py --delete media_sip_tls [--dry-run]

Through AdminTask.listSignerCertificates, addSignerCertificate, retrieveSignerFromPort and deleteSignerCertificate
(the default key store is the cell's trust store, CellDefaultTrustStore). Idempotent, by SHA-1 fingerprint: a
certificate the store already trusts (under any alias) is not added again; an alias that holds another certificate
is refused. A PEM file with several certificates (a CA bundle) adds each, as ALIAS, ALIAS_2, ... --retrieve
connects to the port twice when the certificate is new: once to read it (then discarded), once to add it.
After a change: synchronise the nodes and restart the servers that use the store (the result's restart and sync).
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
from stwaslib import certificates as C
from stwaslib.binary import latin1_bytes
from stwaslib.compat import is_ascii_digits, split_last
from stwaslib.dates import iso
from stwaslib.files import private_temp_file, remove_quietly, write_bytes

JOB = "signers"
# --retrieve reads the certificate under this alias first, to compare it with the store (then discarded)
PROBE_ALIAS = "stwas-probe-signer"


def host_port(value):
    """(host, port) of --retrieve HOST:PORT ([::1]:443 for an IPv6 address)."""
    parts = split_last(value or "", ":")
    if len(parts) != 2:
        raise stwaslib.UsageError("--retrieve takes HOST:PORT (port 1-65535), not %s" % value)
    host, port = parts
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not host or not is_ascii_digits(port) or not 0 < int(port) < 65536:
        raise stwaslib.UsageError("--retrieve takes HOST:PORT (port 1-65535), not %s" % value)
    return host, int(port)


class Trust:
    """The signer certificates of one key store."""

    def __init__(self, job, name, scope):
        self.job, self.name, self.scope = job, name, scope

    def signers(self):
        return C.signers(self.job, self.name, self.scope)

    def describe(self, rec):
        _nb, na = C.validity(rec)
        return "%s, fingerprint %s, valid until %s" % (rec.get("issuedTo"), rec.get("fingerPrint"), iso(na))

    def add_record(self, rec, how):
        _nb, na = C.validity(rec)
        self.job.record(
            "add",
            "SignerCertificate",
            "%s %s" % (self.name, rec.get("alias")),
            None,
            {
                "alias": rec.get("alias"),
                "issuedTo": rec.get("issuedTo"),
                "fingerPrint": rec.get("fingerPrint"),
                "expires": iso(na),
            },
            detail="%s: %s" % (how, self.describe(rec)),
        )

    def check_alias(self, existing, alias):
        rec = C.find(existing, alias)
        if rec is not None:
            raise stwaslib.JobError(
                "the alias %s already holds another certificate in %s (%s); choose another "
                "alias or --delete it first" % (alias, self.name, self.describe(rec))
            )

    def plan_add(self, p, path, alias, base64):
        """p.steps: per certificate of the file, ("known", note) when the store trusts it already, ("again", fp)
        when an earlier certificate of the file is the same, else ("add", alias, pem, fp); refuses a taken alias."""
        blocks = C.pem_blocks(path)
        existing = self.signers()
        added = []  # records of the certificates of the file that apply adds
        p.steps = []
        n = 0
        for pem, der in blocks:
            n = n + 1
            fp = C.der_fingerprint(der)
            this = alias
            if n > 1:
                this = "%s_%d" % (alias, n)
            have = C.find_fingerprint(existing, fp)
            if have is not None:
                p.steps.append(
                    ("known", "%s already trusts %s as %s (%s)" % (self.name, path, have.get("alias"), self.describe(have)))
                )
                continue
            if C.find_fingerprint(added, fp) is not None:
                p.steps.append(("again", fp))
                continue
            self.check_alias(existing, this)
            added.append({"alias": this, "fingerPrint": fp})
            p.steps.append(("add", this, pem, fp))
        p.path, p.base64, p.bundle = path, base64, len(blocks) > 1

    def add_file(self, p):
        existing = None  # the signers after the last add
        for step in p.steps:
            if step[0] == "known":
                self.job.info(step[1])
                continue
            if step[0] == "again":
                have = C.find_fingerprint(existing, step[1])
                self.job.info("%s already trusts %s as %s (%s)" % (self.name, p.path, have.get("alias"), self.describe(have)))
                continue
            _kind, this, pem, fp = step
            source, temp = p.path, None
            if p.bundle:
                temp = private_temp_file("stwas-signer-", ".pem")
                write_bytes(temp, latin1_bytes(pem))
                source = temp
            try:
                args = C.ks_args(self.name, self.scope) + [
                    "-certificateFilePath",
                    source,
                    "-certificateAlias",
                    this,
                    "-base64Encoded",
                    p.base64,
                ]
                self.job.AdminTask.addSignerCertificate(args)
            finally:
                remove_quietly(temp)
            existing = self.signers()
            self.add_record(C.find(existing, this) or {"alias": this, "fingerPrint": fp}, "add from %s" % p.path)

    def _retrieve(self, host, port, alias):
        self.job.AdminTask.retrieveSignerFromPort(
            ["-host", host, "-port", str(port)] + C.ks_args(self.name, self.scope) + ["-certificateAlias", alias]
        )

    def retrieve(self, existing, host, port, alias):
        """Reads the port's certificate by adding it under PROBE_ALIAS and resetting (a write, so here in apply: the
        wsadmin of the harness has no retrieveSignerInfoFromPort), then adds it under alias unless it is trusted."""
        self._retrieve(host, port, PROBE_ALIAS)
        probe = C.find(self.signers(), PROBE_ALIAS)
        self.job.AdminConfig.reset()
        if probe is None:
            raise stwaslib.JobError("retrieveSignerFromPort added no certificate for %s:%d" % (host, port))
        have = C.find_fingerprint(existing, probe.get("fingerPrint"))
        if have is not None:
            self.job.info(
                "%s already trusts the certificate of %s:%d as %s (%s)"
                % (self.name, host, port, have.get("alias"), self.describe(have))
            )
            return
        self.check_alias(existing, alias)
        self._retrieve(host, port, alias)
        rec = C.find(self.signers(), alias)
        if rec is None or rec.get("fingerPrint") != probe.get("fingerPrint"):
            raise stwaslib.JobError("%s:%d presented another certificate the second time; nothing changed" % (host, port))
        self.add_record(rec, "retrieved from %s:%d" % (host, port))

    def delete(self, rec):
        self.job.AdminTask.deleteSignerCertificate(C.ks_args(self.name, self.scope) + ["-certificateAlias", rec.get("alias")])
        self.job.record(
            "delete",
            "SignerCertificate",
            "%s %s" % (self.name, rec.get("alias")),
            {"alias": rec.get("alias"), "fingerPrint": rec.get("fingerPrint")},
            None,
            detail=self.describe(rec),
        )

    def show(self):
        recs = self.signers()
        rows = []
        for r in recs:
            _nb, na = C.validity(r)
            rows.append(
                {
                    "alias": r.get("alias"),
                    "subject": r.get("issuedTo"),
                    "issuer": r.get("issuedBy"),
                    "fingerprint": r.get("fingerPrint"),
                    "expires": iso(na),
                }
            )
            self.job.info(
                "%-24s %-12s %s  (issued by %s; %s)"
                % (r.get("alias"), iso(na), r.get("issuedTo"), r.get("issuedBy"), r.get("fingerPrint"))
            )
        self.job.info("%d signer certificate(s) in %s %s" % (len(recs), self.name, self.scope))
        return rows


def plan(job, opts):
    """Reads only: the options, the key store, its signers and what --add, --retrieve or --delete does to them
    (--list: all of it; the job is then read-only)."""
    actions = [
        a for a in (opts.list and "--list", opts.add and "--add", opts.retrieve and "--retrieve", opts.delete and "--delete") if a
    ]
    job.read_only = opts.list and 1 or 0
    if len(actions) != 1:
        raise stwaslib.UsageError("give exactly one of --list, --add FILE, --retrieve HOST:PORT, --delete ALIAS")
    if (opts.add or opts.retrieve) and not opts.alias:
        raise stwaslib.UsageError("%s needs --alias (the new signer's alias in the key store)" % actions[0])
    p = stwaslib.Plan()
    p.action = actions[0]
    if opts.retrieve:
        p.host, p.port = host_port(opts.retrieve)
    if opts.add and not os.path.isfile(opts.add):
        raise stwaslib.JobError("the certificate file %s does not exist" % opts.add)
    scope = opts.keystore_scope or C.cell_scope(job)
    if not [k for k in C.key_stores(job) if k[0] == opts.keystore and k[1] == scope]:
        raise stwaslib.JobError("the key store %s does not exist at the scope %s" % (opts.keystore, scope))
    p.result = {"keystore": opts.keystore, "keystore_scope": scope}
    p.trust = Trust(job, opts.keystore, scope)
    p.alias = opts.alias
    if opts.list:
        p.result["signers"] = p.trust.show()
    elif opts.add:
        p.trust.plan_add(p, opts.add, opts.alias, opts.der and "false" or "true")
    elif opts.retrieve:
        p.existing = p.trust.signers()
    else:
        p.rec = C.find(p.trust.signers(), opts.delete)
        if p.rec is None:
            p.say("already gone: %s holds no signer %s" % (opts.keystore, opts.delete))
    return p


def apply(job, p):
    if p.action == "--add":
        p.trust.add_file(p)
    elif p.action == "--retrieve":
        p.trust.retrieve(p.existing, p.host, p.port, p.alias)
    elif p.action == "--delete" and p.rec is not None:
        p.trust.delete(p.rec)


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        restart=stwaslib.restart.SYNC,
        description="List, add (from a file), retrieve (from an SSL port) or delete the signer certificates a key store trusts.",
    )
    job.add_option("--list", action="store_true", help="list the signer certificates")
    job.add_option("--add", metavar="FILE", help="add the certificate(s) of a PEM (or, with --der, DER) file")
    job.add_option("--der", action="store_true", help="the --add file is DER, not PEM/base64")
    job.add_option("--retrieve", metavar="HOST:PORT", help="add the certificate the SSL port presents")
    job.add_option("--delete", metavar="ALIAS", help="delete the signer with this alias")
    job.add_option("--alias", help="the alias of the new signer (--add, --retrieve)")
    job.add_option("--keystore", default="CellDefaultTrustStore", help="default CellDefaultTrustStore")
    job.add_option("--keystore-scope", dest="keystore_scope", help='default: the cell scope "(cell):<cell>"')
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
