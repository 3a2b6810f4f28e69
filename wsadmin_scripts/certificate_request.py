"""certificate_request.py: create a private key and a PEM certificate request (CSR) for a CA, then receive the
CA-signed certificate for it (sametime-operations.md 6.2).

    wsadmin.sh -lang jython -f certificate_request.py --alias chat --common-name chat.example.com \
        --request-file /tmp/chat.arm [--organization Edcom --org-unit IT --locality Munich --state BY --zip 80000 \
        --country DE --key-size 2048 --signature-algorithm SHA256withRSA] [--keystore CellDefaultKeyStore] \
        [--keystore-scope "(cell):C"] [--dry-run]
    wsadmin.sh -lang jython -f certificate_request.py --alias chat --receive /tmp/chat.cer [--der] [--dry-run]

Through AdminTask.createCertificateRequest (the private key stays in the key store under --alias; the request
file is written at once, as WebSphere does) and receiveCertificate; listPersonalCertificates reads the state.
Idempotent: a request for an alias that already holds a pending request with the same common name changes
nothing; receiving a certificate the alias already holds (same SHA-1 fingerprint) changes nothing.
--dry-run writes neither the key store nor the request file.
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

JOB = "certificate_request"
KEY_SIZES = [512, 1024, 2048, 4096, 8192]  # what createCertificateRequest -certificateSize takes


def plan_request(job, opts, p, existing):
    """p.args (the createCertificateRequest arguments) and p.new (its CHANGE values); p.args None: nothing to do."""
    ks = p.ks
    if not opts.common_name:
        raise stwaslib.UsageError("--common-name is required for a request")
    if not opts.request_file:
        raise stwaslib.UsageError("--request-file is required for a request")
    if existing is not None:
        pending = existing.get("issuedTo") == existing.get("issuedBy")
        if pending and C.cn_of(existing.get("issuedTo")) == opts.common_name:
            job.info(
                "%s already holds a pending request for CN=%s (self-signed until the CA certificate is "
                "received)" % (opts.alias, opts.common_name)
            )
            if not os.path.isfile(opts.request_file):
                job.warn(
                    "the request file %s is missing; delete the alias %s (deleteCertificate) and run the "
                    "request again to get a new one" % (opts.request_file, opts.alias)
                )
            p.args = None
            return
        raise stwaslib.JobError(
            "the alias %s already exists in the key store %s (%s); choose another alias"
            % (opts.alias, ks, existing.get("issuedTo"))
        )
    d = os.path.dirname(os.path.abspath(opts.request_file))
    if not os.path.isdir(d):
        raise stwaslib.JobError("the directory of the request file does not exist: %s" % d)
    subject = [
        ("certificateCommonName", opts.common_name),
        ("certificateOrganization", opts.organization),
        ("certificateOrganizationalUnit", opts.org_unit),
        ("certificateLocality", opts.locality),
        ("certificateState", opts.state),
        ("certificateZip", opts.zip),
        ("certificateCountry", opts.country),
    ]
    key_size = str(opts.key_size)  # (the result and AdminTask take it as text)
    new = {
        "alias": opts.alias,
        "requestFile": opts.request_file,
        "keySize": key_size,
        "signatureAlgorithm": opts.signature_algorithm,
    }
    for k, v in subject:
        if v:
            new[k] = v
    args = C.ks_args(ks, p.scope) + [
        "-certificateAlias",
        opts.alias,
        "-certificateSize",
        key_size,
        "-certificateRequestFilePath",
        opts.request_file,
        "-signatureAlgorithm",
        opts.signature_algorithm,
    ]
    for k, v in subject:
        if v:
            args += ["-" + k, v]
    p.args, p.new = args, new
    p.key_size, p.common_name, p.request_file = key_size, opts.common_name, opts.request_file


def apply_request(job, p):
    if p.args is None:
        return
    written = "would be written"
    if not job.dry_run:  # the command writes the request file at once
        written = "written"
        job.AdminTask.createCertificateRequest(p.args)
    job.record(
        "create",
        "CertificateRequest",
        "%s %s" % (p.ks, p.alias),
        None,
        p.new,
        detail="private key %s (RSA %s) for CN=%s, request %s to %s"
        % (p.alias, p.key_size, p.common_name, written, p.request_file),
    )


def plan_receive(job, opts, p, existing):
    """p.existing, the certificate the alias holds; None: the file holds it already, nothing to do."""
    ks = p.ks
    if existing is None:
        raise stwaslib.JobError("the alias %s does not exist in the key store %s: create the request first" % (opts.alias, ks))
    if not os.path.isfile(opts.receive):
        raise stwaslib.JobError("the certificate file %s does not exist" % opts.receive)
    fps = C.pem_fingerprints(opts.receive)
    if existing.get("fingerPrint") in fps:
        job.info("%s already holds this certificate (fingerprint %s)" % (opts.alias, existing.get("fingerPrint")))
        existing = None
    p.existing, p.receive, p.base64 = existing, opts.receive, opts.der and "false" or "true"


def apply_receive(job, p):
    if p.existing is None:
        return
    existing = p.existing
    job.AdminTask.receiveCertificate(
        C.ks_args(p.ks, p.scope)
        + [
            "-certificateFilePath",
            p.receive,
            "-certificateAlias",
            p.alias,
            "-base64Encoded",
            p.base64,
        ]
    )
    rec = C.find(C.personal(job, p.ks, p.scope), p.alias) or {}
    job.record(
        "modify",
        "PersonalCertificate",
        "%s %s" % (p.ks, p.alias),
        {"issuedBy": existing.get("issuedBy"), "fingerPrint": existing.get("fingerPrint")},
        {"issuedBy": rec.get("issuedBy"), "fingerPrint": rec.get("fingerPrint")},
        detail="received the certificate from %s, issued by %s" % (p.receive, rec.get("issuedBy")),
    )


def plan(job, opts):
    """Reads only: the key store, what the alias holds, the request to create or the certificate to receive."""
    if not opts.alias:
        raise stwaslib.UsageError("--alias is required")
    ks = opts.keystore
    scope = opts.keystore_scope or C.cell_scope(job)
    if not [k for k in C.key_stores(job) if k[0] == ks and k[1] == scope]:
        raise stwaslib.JobError("the key store %s does not exist at the scope %s" % (ks, scope))
    p = stwaslib.Plan()
    p.result = {"keystore": ks, "keystore_scope": scope, "alias": opts.alias}
    p.ks, p.scope, p.alias = ks, scope, opts.alias
    existing = C.find(C.personal(job, ks, scope), opts.alias)
    if opts.receive:
        plan_receive(job, opts, p, existing)
    else:
        if C.find(C.signers(job, ks, scope), opts.alias) is not None:
            raise stwaslib.JobError("the alias %s already exists in the key store %s as a signer" % (opts.alias, ks))
        p.receive = None
        plan_request(job, opts, p, existing)
    return p


def apply(job, p):
    if p.receive:
        apply_receive(job, p)
    else:
        apply_request(job, p)


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        restart=stwaslib.restart.SYNC,
        description="Create a certificate request (private key in the key store, "
        "PEM request file for the CA), or receive the CA-signed certificate for it.",
    )
    job.add_option("--alias", dest="alias", help="the alias of the private key, e.g. chat")
    job.add_option("--keystore", dest="keystore", default="CellDefaultKeyStore", help="default CellDefaultKeyStore")
    job.add_option("--keystore-scope", dest="keystore_scope", help="default: the cell scope")
    job.add_option("--common-name", dest="common_name", help="CN, e.g. chat.example.com")
    job.add_option("--organization", dest="organization", help="O")
    job.add_option("--org-unit", dest="org_unit", help="OU")
    job.add_option("--locality", dest="locality", help="L")
    job.add_option("--state", dest="state", help="ST")
    job.add_option("--zip", dest="zip", help="postal code")
    job.add_option("--country", dest="country", help="C, two letters")
    job.add_option("--key-size", dest="key_size", type="int", default=2048, choices=KEY_SIZES, help="RSA key size (default 2048)")
    job.add_option("--signature-algorithm", dest="signature_algorithm", default="SHA256withRSA", help="default SHA256withRSA")
    job.add_option("--request-file", dest="request_file", metavar="FILE", help="where to write the PEM request")
    job.add_option("--receive", dest="receive", metavar="FILE", help="receive this CA-signed certificate instead")
    job.add_option("--der", dest="der", action="store_true", help="the received file is DER")
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
