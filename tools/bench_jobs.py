"""Scripting-object call counts of every admin job on a small and a large generated cell (issue 4).

    python tools/bench_jobs.py [--small 2x2] [--large 100x10] [--job NAME]... [--interpreter cpython]
                               [--keep DIR] [--verbose] [--json FILE]

Generates two Sametime cells with ``python -m harness fixture sametime DIR --nodes N --servers-per-node K``
(default small = 2 nodes x 2 servers, large = 100 x 10: the 1,000-server benchmark cell of docs/benchmarks.md),
then runs every job of ``wsadmin_scripts/*.py`` on each through the launcher
(``python -m harness.wsadmin -conntype NONE -interpreter cpython -f JOB ARGS``) with STWAS_CALL_COUNTS set, so
the launcher writes the number of AdminConfig/AdminTask/AdminApp/AdminControl method calls the job made
(harness/launcher/session.py).  Each job gets a representative argument set (JOBS below): a --dry-run where
the job changes things, so both cells stay unchanged; the files a job needs (password file, a PKCS12 key
file) are made in a temporary directory; ltpa_keys runs with -conntype SOAP (it needs a connection).

Prints one row per job: the total calls on the small and the large cell, the large cell's breakdown per
scripting object, whether the count is constant (the same on both cells) and the wall seconds of the large
run (information only).  A job that fails (unexpected
exit code or no call-count file) is shown as FAILED.  Exit status 1 when an issue-4 job (ISSUE4_JOBS) grows
with the cell or fails; other jobs are reported only.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = os.path.join(REPO, "wsadmin_scripts")
RESULT_PREFIX = "STWAS-RESULT "

# the jobs whose count must not grow (issue 4; issue 14 item 4 added certificate_report and cell_doctor)
ISSUE4_JOBS = ("set_server_ports", "map_virtual_host", "https_redirect", "port_matrix", "certificate_report", "cell_doctor")
PASSWORD = "Bench-Passw0rd-1"

# job -> (arguments, conntype, accepted exit codes).  {tmp} is the temporary directory with the files.
JOBS = {
    "set_server_ports": (
        ["--server", "STProxyServer", "--host", "chat.example.com", "--http-port", "80", "--https-port", "443", "--dry-run"],
        "NONE",
        (0,),
    ),
    "map_virtual_host": (
        [
            "--virtual-host",
            "meeting_host",
            "--create",
            "--add",
            "meeting.example.com:80",
            "--add",
            "meeting.example.com:443",
            "--dry-run",
        ],
        "NONE",
        (0,),
    ),
    "https_redirect": (["--url", "https://meeting.example.com:443/stmeetings", "--dry-run"], "NONE", (0,)),
    "port_matrix": (
        [
            "--csv",
            "--db2-host",
            "db2.example.com",
            "--ldap-host",
            "ldap.example.com",
            "--community-host",
            "community.example.com",
        ],
        "NONE",
        (0,),
    ),
    "assign_ssl_endpoint": (
        ["--server", "STProxyServer", "--certificate-alias", "default", "--direction", "both", "--dry-run"],
        "NONE",
        (0,),
    ),
    "cell_doctor": (["--today", "2026-01-01", "--json"], "NONE", (0, 1, 2)),  # 1/2: findings, not failures
    "certificate_report": (["--today", "2026-01-01"], "NONE", (0, 1)),
    "certificate_request": (
        [
            "--alias",
            "chat",
            "--common-name",
            "chat.example.com",
            "--organization",
            "Example",
            "--country",
            "DE",
            "--request-file",
            "{tmp}/chat.arm",
            "--dry-run",
        ],
        "NONE",
        (0,),
    ),
    "change_admin_password": (["--password-file", "{tmp}/password.txt", "--dry-run"], "NONE", (0,)),
    "cleanup_stale": (["--meeting", "--force", "--dry-run"], "NONE", (0,)),
    "configure_sso": (
        ["--enable", "--domains", ".example.com", "--requires-ssl", "true", "--ltpa-timeout", "720", "--dry-run"],
        "NONE",
        (0,),
    ),
    "fix_ldap_base_entry": (["--root", "--dry-run"], "NONE", (0,)),
    "import_certificate": (
        [
            "--key-file",
            "{tmp}/wildcard.p12",
            "--key-file-password-file",
            "{tmp}/password.txt",
            "--alias",
            "GlobalKey",
            "--dry-run",
        ],
        "NONE",
        (0,),
    ),
    "ltpa_keys": (["--export", "{tmp}/ltpa.keys", "--password-file", "{tmp}/password.txt", "--dry-run"], "SOAP", (0,)),
    "media_disable_tls": (["--stav", "SIPAuthenticationType=None", "--dry-run"], "NONE", (0,)),
    "signers": (["--list"], "NONE", (0,)),
    "stavconfig": ([], "NONE", (0,)),
    "set_custom_property": (
        [
            "--server",
            "STMeetingServer",
            "--scope",
            "webcontainer",
            "--property",
            "com.ibm.ws.webcontainer.invokefilterscompatibility=true",
            "--dry-run",
        ],
        "NONE",
        (0,),
    ),
    "set_jvm_args": (["--server", "STMeetingServer", "--log-language", "en_GB", "--dry-run"], "NONE", (0,)),
    "set_trace": (["--server", "STProxyServer", "--preset", "login-debug", "--persistent", "--dry-run"], "NONE", (0,)),
}


def size(text):
    try:
        n, k = text.lower().split("x")
        return int(n), int(k)
    except ValueError:
        raise argparse.ArgumentTypeError("expected NODESxSERVERS, e.g. 100x10")


def env():
    e = dict(os.environ)
    e.pop("STWAS_SESSION_FACTORY", None)
    e.pop("STWAS_SCRIPTS", None)
    e["PYTHONPATH"] = REPO + os.pathsep + e.get("PYTHONPATH", "")
    return e


def generate(root, nodes, per_node):
    cmd = [
        sys.executable,
        "-m",
        "harness",
        "fixture",
        "sametime",
        root,
        "--nodes",
        str(nodes),
        "--servers-per-node",
        str(per_node),
        "--force",
    ]
    subprocess.run(cmd, cwd=REPO, env=env(), check=True, stdout=subprocess.DEVNULL)
    servers = 0
    cells = os.path.join(root, "cells")
    for cell in os.listdir(cells):
        nodes_dir = os.path.join(cells, cell, "nodes")
        for n in os.listdir(nodes_dir):
            sdir = os.path.join(nodes_dir, n, "servers")
            if os.path.isdir(sdir):
                servers += len(os.listdir(sdir))
    return servers


def make_files(tmp):
    with open(os.path.join(tmp, "password.txt"), "w") as f:
        f.write(PASSWORD + "\n")
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.hazmat.primitives.serialization import pkcs12
        from cryptography.x509.oid import NameOID
    except ImportError:
        return "cryptography is not installed: no PKCS12 file"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "*.example.com")])
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=398))
        .sign(key, hashes.SHA256())
    )
    with open(os.path.join(tmp, "wildcard.p12"), "wb") as f:
        f.write(
            pkcs12.serialize_key_and_certificates(
                b"wildcard", key, cert, None, serialization.BestAvailableEncryption(PASSWORD.encode())
            )
        )
    return None


def run_job(job, config_root, tmp, interpreter):
    """(counts dict or None, exit code, seconds, error text)."""
    args, conntype, ok_codes = JOBS[job]
    args = [a.replace("{tmp}", tmp) for a in args]
    counts_file = os.path.join(tmp, "%s.counts.json" % job)
    if os.path.exists(counts_file):
        os.remove(counts_file)
    e = env()
    e["STWAS_CALL_COUNTS"] = counts_file
    cmd = [
        sys.executable,
        "-m",
        "harness.wsadmin",
        "-conntype",
        conntype,
        "-configRoot",
        config_root,
        "-interpreter",
        interpreter,
        "-f",
        os.path.join(SCRIPTS, job + ".py"),
    ] + args
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=REPO, env=e, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    secs = time.perf_counter() - t
    err = None
    if p.returncode not in ok_codes:
        res = [ln for ln in p.stdout.splitlines() if ln.startswith(RESULT_PREFIX)]
        why = ""
        if res:
            try:
                why = json.loads(res[-1][len(RESULT_PREFIX) :]).get("error") or ""
            except ValueError:
                pass
        tail = (p.stderr.strip() or p.stdout.strip() or "no output").splitlines()[-1]
        err = "exit %d: %s" % (p.returncode, why or tail)
    counts = None
    if os.path.exists(counts_file):
        with open(counts_file) as f:
            counts = json.load(f)
    elif err is None:
        err = "no call-count file written"
    return counts, p.returncode, secs, err


def breakdown(counts):
    per = {}
    for k, v in counts.items():
        if k == "total":
            continue
        obj = k.split(".", 1)[0]
        per[obj] = per.get(obj, 0) + v
    order = ["AdminConfig", "AdminTask", "AdminApp", "AdminControl"]
    keys = [o for o in order if o in per] + sorted(o for o in per if o not in order)
    return ", ".join("%s %d" % (o, per[o]) for o in keys) or "-"


def methods(counts):
    return ", ".join("%s %d" % (k, v) for k, v in sorted(counts.items()) if k != "total")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--small", type=size, default=(2, 2), help="NODESxSERVERS of the small cell (default 2x2)")
    ap.add_argument("--large", type=size, default=(100, 10), help="NODESxSERVERS of the large cell (default 100x10)")
    ap.add_argument("--job", action="append", help="run only this job (repeatable)")
    ap.add_argument("--interpreter", default="cpython", choices=("cpython", "jython"))
    ap.add_argument("--keep", metavar="DIR", help="generate the cells in DIR/small and DIR/large and keep them")
    ap.add_argument("--verbose", action="store_true", help="also print the per-method counts of every job")
    ap.add_argument("--json", metavar="FILE", help="write every count to FILE as JSON")
    opts = ap.parse_args(argv)

    found = sorted(f[:-3] for f in os.listdir(SCRIPTS) if f.endswith(".py") and not f.startswith("_"))
    jobs = [j for j in found if not opts.job or j in opts.job]
    base = opts.keep or tempfile.mkdtemp(prefix="stwas-bench-jobs-")
    tmp = tempfile.mkdtemp(prefix="stwas-bench-files-")
    try:
        problem = make_files(tmp)
        cells = {}
        for label, (n, k) in (("small", opts.small), ("large", opts.large)):
            root = os.path.join(base, label)
            t = time.perf_counter()
            servers = generate(root, n, k)
            cells[label] = root
            print(
                "%s cell: --nodes %d --servers-per-node %d -> %d servers (generated in %.1f s)"
                % (label, n, k, servers, time.perf_counter() - t)
            )
        print(
            "Python %s (%s), %s, interpreter %s"
            % (platform.python_version(), platform.python_implementation(), platform.platform(), opts.interpreter)
        )
        print()
        rows, data, bad = [], {}, []
        for job in jobs:
            if job not in JOBS:
                rows.append((job, "-", "-", "skipped: no argument set in tools/bench_jobs.py", "-", "-"))
                continue
            if problem and any("wildcard.p12" in a for a in JOBS[job][0]):
                rows.append((job, "-", "-", "skipped: " + problem, "-", "-"))
                continue
            res = {}
            for label in ("small", "large"):
                res[label] = run_job(job, cells[label], tmp, opts.interpreter)
            (cs, _rs, ts, es), (cl, _rl, tl, el) = res["small"], res["large"]
            data[job] = {
                "small": cs,
                "large": cl,
                "seconds": {"small": round(ts, 2), "large": round(tl, 2)},
                "errors": {"small": es, "large": el},
            }
            if es or el or cs is None or cl is None:
                verdict = "FAILED"
                detail = es or el
            else:
                verdict = "yes" if cs == cl else "NO"
                detail = breakdown(cl)
            if job in ISSUE4_JOBS and verdict != "yes":
                bad.append(job)
            rows.append(
                (
                    job + (" *" if job in ISSUE4_JOBS else ""),
                    str(cs["total"]) if cs else "-",
                    str(cl["total"]) if cl else "-",
                    detail,
                    verdict,
                    "%.1f" % tl,
                )
            )
        head = ("job", "calls small", "calls large", "large cell: calls per scripting object", "constant?", "s large")
        widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
        fmt = " | ".join("%%-%ds" % w for w in widths)
        print(fmt % head)
        print("-|-".join("-" * w for w in widths))
        for r in rows:
            print((fmt % r).rstrip())
        print()
        print(
            "* issue-4 job: its count must not grow with the number of servers (exit 1 otherwise); "
            "s large: wall seconds of the large-cell run (launcher start included)"
        )
        if opts.verbose:
            print()
            for job, d in data.items():
                for label in ("small", "large"):
                    if d[label]:
                        print("%s %s: %s" % (job, label, methods(d[label])))
        if opts.json:
            with open(opts.json, "w") as f:
                json.dump({"small": opts.small, "large": opts.large, "jobs": data}, f, indent=1, sort_keys=True)
        if bad:
            print("FAIL: call count grows or the job failed: %s" % ", ".join(bad))
            return 1
        print("PASS: every issue-4 job makes the same number of calls on both cells")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if not opts.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
