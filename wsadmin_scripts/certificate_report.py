"""certificate_report.py: every personal and signer certificate of every key store of the cell with its expiry
(self-signed certificates that expire after a year are a common Sametime outage).

    wsadmin.sh -lang jython -f certificate_report.py [--within-days 60] [--json] [--today 2025-01-31] [--all-stores]

Through AdminTask.listKeyStores -all true, listPersonalCertificates and listSignerCertificates. Prints one line per
certificate (key store, scope, kind, alias, subject, expiry date, days left) sorted by expiry, or one JSON document
with --json. Key stores the report cannot read (a missing file, a JCEKS store) are listed as such, not fatal.
Which key stores: those at cell scope, of the deployment manager's node and of the nodes whose servers run
applications (the Sametime nodes); --all-stores adds the nodes that run none. WebSphere has no cell-wide
certificate listing, so each key store read costs two AdminTask calls; this keeps the cost following the Sametime
nodes, not the size of the cell.
With --within-days N the job exits non-zero (1) when a certificate expires within N days (or has expired).
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
from stwaslib import certificates as C
from stwaslib import jsonout
from stwaslib.compat import sort_by, unique
from stwaslib.dates import days_between, iso

JOB = "certificate_report"


def report_order(c):
    """By expiry (unknown last), then key store, scope and alias."""
    return (c["expires"] or "9999", c["keystore"], c["scope"], c["alias"])


def collect(job, today, all_stores=0):
    certs = []
    nodes = None
    if not all_stores:
        nodes = C.sametime_nodes(job.topology())
    found, failed, skipped = C.all_certificates(job, nodes)
    job.extra["skipped_stores"] = skipped
    for name, scope, kind, r in found:
        nb, na = C.validity(r)
        left = None
        if na is not None:
            left = days_between(today, na)
        certs.append(
            {
                "keystore": name,
                "scope": scope,
                "kind": kind,
                "alias": r.get("alias"),
                "subject": r.get("issuedTo"),
                "issuer": r.get("issuedBy"),
                "fingerprint": r.get("fingerPrint"),
                "not_before": iso(nb),
                "expires": iso(na),
                "days_left": left,
            }
        )
    certs = sort_by(certs, report_order)
    unreadable = [{"keystore": name, "scope": scope, "reason": why} for name, scope, kind, why in failed if kind == "personal"]
    return certs, unreadable


def main(job, opts):
    today = C.parse_today(opts.today)
    within = opts.within_days
    certs, unreadable = collect(job, today, opts.all_stores)
    due = [c for c in certs if within is not None and c["days_left"] is not None and c["days_left"] <= within]
    job.extra.update(
        {"today": iso(today), "within_days": within, "certificates": certs, "unreadable": unreadable, "expiring": len(due)}
    )
    if opts.json:
        stwaslib.write_line(
            jsonout.dumps({"today": iso(today), "within_days": within, "certificates": certs, "unreadable": unreadable}, indent=1)
        )
    else:
        job.info(
            "%d certificate(s) in %d key store(s), %s"
            % (len(certs), len(unique([(c["keystore"], c["scope"]) for c in certs])), iso(today))
        )
        for c in certs:
            left = c["days_left"]
            state = "?"
            if left is not None and left < 0:
                state = "EXPIRED"
            elif left is not None:
                state = "%d days" % left
            mark = " "
            if c in due:
                mark = "!"
            job.info(
                "%s %-12s %-24s %-45s %-8s %-20s %s  %s"
                % (mark, c["expires"], c["keystore"], c["scope"], c["kind"], c["alias"], state, c["subject"])
            )
        for u in unreadable:
            job.info("  unreadable   %-24s %-45s %s" % (u["keystore"], u["scope"], u["reason"]))
        if job.extra["skipped_stores"]:
            job.info(
                "note: %d key store(s) of nodes that run no application not read (--all-stores reads them)"
                % job.extra["skipped_stores"]
            )
    if due:
        raise stwaslib.JobError(
            "%d certificate(s) expire within %d days: %s"
            % (
                len(due),
                within,
                ", ".join(["%s/%s %s (%s)" % (c["keystore"], c["scope"], c["alias"], c["expires"]) for c in due]),
            )
        )


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        read_only=1,
        description="Report every personal and signer certificate of "
        "every key store with its expiry; non-zero exit when one expires within N days.",
    )
    job.add_option(
        "--within-days",
        dest="within_days",
        metavar="N",
        type="int",
        minimum=0,
        help="exit 1 when a certificate expires within N days",
    )
    job.add_option("--json", dest="json", action="store_true", help="print the report as JSON")
    job.add_option(
        "--all-stores",
        dest="all_stores",
        action="store_true",
        help="also the key stores of nodes that run no application (two calls per key store)",
    )
    job.add_option("--today", dest="today", metavar="YYYY-MM-DD", help="the date to count from (default: today)")
    return job


if __name__ == "__main__":
    build_job(globals()).run(main)
