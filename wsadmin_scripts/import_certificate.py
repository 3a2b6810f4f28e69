"""import_certificate.py: import a personal certificate with its private key (e.g. a wildcard certificate) from a
PKCS12 key file into a key store under a new alias (seed tip d, sametime-operations.md 6.2).

    STWAS_KEYFILE_PASSWORD=... wsadmin.sh -lang jython -f import_certificate.py --key-file /tmp/wildcard.p12 \
        --alias GlobalKey [--alias-in-file "<alias in the .p12>"] [--keystore CellDefaultKeyStore] \
        [--keystore-scope "(cell):C"] [--key-file-password-file FILE] [--key-file-type PKCS12] \
        [--trust-store NAME] [--no-chain] [--dry-run]

The key file's password comes from --key-file-password-file FILE (first line) or the environment variable
STWAS_KEYFILE_PASSWORD, never from the command line; it is never printed. Through AdminTask.listKeyFileAliases,
importCertificate and listPersonalCertificates. Idempotent: when --alias already holds the same certificate
(same SHA-1 fingerprint) nothing changes; when it holds another one, the job fails and changes nothing.
Assign the alias to an endpoint with assign_ssl_endpoint.py afterwards.

The issuing chain of the certificate (its intermediate and root CA, or the certificate itself when it is
self-signed) goes into the matching trust store as signers (CellDefaultKeyStore -> CellDefaultTrustStore,
NodeDefaultKeyStore -> NodeDefaultTrustStore, or --trust-store NAME; --no-chain skips it), through
AdminTask.exchangeSigners; a certificate the trust store already holds is not added again.
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
from stwaslib import passwords
from stwaslib.dates import iso

JOB = "import_certificate"
# Compare a key file's certificate with an existing alias: import it under this temporary alias, read both,
# and reset the workspace (nothing else is pending at that point).
PROBE_ALIAS = "stwas-probe-import"
PASSWORD = passwords.PasswordInput(
    "key file password", C.KEYFILE_PASSWORD_ENV, file_flag="--key-file-password-file", stdin_flag=None, refused=()
)


def _import(job, opts, password, ks_name, ks_scope, alias_in_file, alias):
    args = C.ks_args(ks_name, ks_scope) + [
        "-keyFilePath",
        opts.key_file,
        "-keyFilePassword",
        password,
        "-keyFileType",
        opts.key_file_type,
        "-certificateAliasFromKeyFile",
        alias_in_file,
        "-certificateAlias",
        alias,
    ]
    try:
        job.AdminTask.importCertificate(args)
    except:  # noqa: E722  (Java exceptions under Jython)
        raise stwaslib.JobError(passwords.scrub(job.describe_exception(), password))


def trust_store_for(key_store):
    """The trust store that goes with a key store by WebSphere's naming (CellDefaultKeyStore ->
    CellDefaultTrustStore), or None."""
    if key_store[-len("KeyStore") :] == "KeyStore":
        return key_store[: -len("KeyStore")] + "TrustStore"
    return None


def add_chain(job, opts, ks_name, ks_scope):
    """Put the signers of the certificate's chain into the trust store (exchangeSigners); records what it added."""
    if opts.no_chain:
        return
    trust = opts.trust_store or trust_store_for(ks_name)
    if not trust or not [k for k in C.key_stores(job) if k[0] == trust and k[1] == ks_scope]:
        job.warn(
            "no trust store %s at the scope %s: the issuing chain of %s was not added as signers (give "
            "--trust-store)" % (trust or "(none)", ks_scope, opts.alias)
        )
        return
    before = C.signers(job, trust, ks_scope)
    job.AdminTask.exchangeSigners(
        [
            "-keyStoreName1",
            ks_name,
            "-keyStoreScope1",
            ks_scope,
            "-certificateAliasList1",
            opts.alias,
            "-keyStoreName2",
            trust,
            "-keyStoreScope2",
            ks_scope,
            "-addRootSignerOnly",
            "false",
        ]
    )
    known = [r.get("fingerPrint") for r in before]
    added = [r for r in C.signers(job, trust, ks_scope) if r.get("fingerPrint") not in known]
    job.extra["trust_store"] = trust
    job.extra["chain_signers"] = [r.get("alias") for r in added]
    for r in added:
        _nb, na = C.validity(r)
        job.record(
            "add",
            "SignerCertificate",
            "%s %s" % (trust, r.get("alias")),
            None,
            {"alias": r.get("alias"), "issuedTo": r.get("issuedTo"), "fingerPrint": r.get("fingerPrint"), "expires": iso(na)},
            detail="issuer of %s: %s, valid until %s" % (opts.alias, r.get("issuedTo"), iso(na)),
        )
    if not added:
        job.info("%s already trusts the issuing chain of %s" % (trust, opts.alias))


def plan(job, opts):
    """Reads only: the options, the password, the key store, the alias to import from the key file and what the
    new alias holds already (apply compares that with the file by a trial import: a write)."""
    if not opts.key_file:
        raise stwaslib.UsageError("--key-file is required")
    if not opts.alias:
        raise stwaslib.UsageError("--alias (the new alias in the key store) is required")
    if not os.path.isfile(opts.key_file):
        raise stwaslib.JobError("the key file %s does not exist" % opts.key_file)
    password = PASSWORD.read(opts)[0]
    ks_name = opts.keystore
    ks_scope = opts.keystore_scope or C.cell_scope(job)
    if not [k for k in C.key_stores(job) if k[0] == ks_name and k[1] == ks_scope]:
        raise stwaslib.JobError("the key store %s does not exist at the scope %s" % (ks_name, ks_scope))
    try:
        in_file = stwaslib.lines(
            job.AdminTask.listKeyFileAliases(
                ["-keyFilePath", opts.key_file, "-keyFilePassword", password, "-keyFileType", opts.key_file_type]
            )
        )
    except:  # noqa: E722
        raise stwaslib.JobError(passwords.scrub(job.describe_exception(), password))
    alias_in_file = opts.alias_in_file
    if alias_in_file:
        if alias_in_file not in in_file:
            raise stwaslib.JobError(
                "the alias %s is not in the key file %s (aliases: %s)" % (alias_in_file, opts.key_file, ", ".join(in_file))
            )
    elif len(in_file) == 1:
        alias_in_file = in_file[0]
    else:
        raise stwaslib.UsageError(
            "the key file %s holds %d aliases (%s): choose one with --alias-in-file"
            % (opts.key_file, len(in_file), ", ".join(in_file))
        )
    p = stwaslib.Plan()
    p.result = {"keystore": ks_name, "keystore_scope": ks_scope, "alias": opts.alias}
    p.opts, p.password, p.ks_name, p.ks_scope, p.alias_in_file = opts, password, ks_name, ks_scope, alias_in_file
    p.existing = C.find(C.personal(job, ks_name, ks_scope) + C.signers(job, ks_name, ks_scope), opts.alias)
    return p


def apply(job, p):
    opts, password, ks_name, ks_scope, alias_in_file = p.opts, p.password, p.ks_name, p.ks_scope, p.alias_in_file
    existing = p.existing
    if existing is not None:
        _import(job, opts, password, ks_name, ks_scope, alias_in_file, PROBE_ALIAS)
        probe = C.find(C.personal(job, ks_name, ks_scope), PROBE_ALIAS)
        job.AdminConfig.reset()
        if probe and probe.get("fingerPrint") == existing.get("fingerPrint"):
            job.info(
                "%s in %s already holds this certificate (%s, fingerprint %s)"
                % (opts.alias, ks_name, existing.get("issuedTo"), existing.get("fingerPrint"))
            )
            job.extra["fingerprint"] = existing.get("fingerPrint")
            add_chain(job, opts, ks_name, ks_scope)
            return
        raise stwaslib.JobError(
            "the alias %s already exists in the key store %s with another certificate (%s, "
            "fingerprint %s); choose a new alias or delete the old one first"
            % (opts.alias, ks_name, existing.get("issuedTo"), existing.get("fingerPrint"))
        )
    _import(job, opts, password, ks_name, ks_scope, alias_in_file, opts.alias)
    rec = C.find(C.personal(job, ks_name, ks_scope), opts.alias)
    if rec is None:
        raise stwaslib.JobError("importCertificate did not create the alias %s" % opts.alias)
    job.extra["fingerprint"] = rec.get("fingerPrint")
    not_before, not_after = C.validity(rec)
    job.record(
        "add",
        "PersonalCertificate",
        "%s %s" % (ks_name, opts.alias),
        None,
        {"alias": opts.alias, "issuedTo": rec.get("issuedTo"), "fingerPrint": rec.get("fingerPrint"), "expires": iso(not_after)},
        detail="import %s (from %s) as %s: %s, valid until %s"
        % (alias_in_file, opts.key_file, opts.alias, rec.get("issuedTo"), iso(not_after)),
    )
    add_chain(job, opts, ks_name, ks_scope)


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        restart=stwaslib.restart.SYNC,
        description="Import a personal certificate with its private key (e.g. a "
        "wildcard certificate) from a PKCS12 file into a key store under a new alias.",
    )
    job.add_option("--key-file", dest="key_file", metavar="FILE", help="the PKCS12 file to import from")
    job.add_option("--key-file-type", dest="key_file_type", default="PKCS12", help="key file type (PKCS12)")
    PASSWORD.add_options(job)
    job.add_option("--alias-in-file", dest="alias_in_file", help="the alias inside the key file (default: its only one)")
    job.add_option("--alias", dest="alias", help="the new alias in the key store, e.g. GlobalKey")
    job.add_option("--keystore", dest="keystore", default="CellDefaultKeyStore", help="default CellDefaultKeyStore")
    job.add_option("--keystore-scope", dest="keystore_scope", help='default: the cell scope "(cell):<cell>"')
    job.add_option(
        "--trust-store",
        dest="trust_store",
        metavar="NAME",
        help="the trust store for the issuing chain (default: the key store's, e.g. CellDefaultTrustStore)",
    )
    job.add_option("--no-chain", dest="no_chain", action="store_true", help="do not add the issuing chain to the trust store")
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
