"""A sentinel password through every front door (issue 12, "Secrets"): it must appear nowhere.

Front doors: the launcher (`python -m harness.wsadmin`) with a password-like option and with the job's variable,
`python -m harness plan`, `invoke plan`, and `invoke apply` over the loopback sshd for every job that takes a
password (change_admin_password, ltpa_keys, import_certificate; certificate_request takes none, which
test_every_password_job_is_known checks). Searched: stdout, stderr, the local temp directory, the remote host's
files (its config in clear text, logs, the run directory), the sshd log, the backups invoke took, and the command
lines and environments of every process sampled every 0.1 s while the remote job runs (the fake wsadmin.sh sleeps
1 s, so the samples see it). invoke's own process is left out of the samples: what the admin typed is theirs.
"""

import datetime
import glob
import json
import os
import re
import secrets
import subprocess
import sys
import zipfile

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from invoke_helpers import ROOT, SAMPLE, run_invoke, tree_bytes
from sshd_fixture import FakeDmgr

from harness.config import xorcodec
from harness.launcher import passwords

# unique per run: another engineer's test processes on this machine never hold it
SENTINEL = "Sentinel-%s-pw" % secrets.token_hex(6)
SCRIPTS = os.path.join(ROOT, "wsadmin_scripts")


# ----------------------------------------------------------------------------------------------- where to look
def files_with(root, needle=SENTINEL, skip=()):
    """Files under root whose bytes (or, for a zip, whose members) hold the needle."""
    found = []
    raw = needle.encode("utf-8")
    for d, _dirs, files in os.walk(root):
        if any(os.path.abspath(d).startswith(s) for s in skip):
            continue
        for f in files:
            p = os.path.join(d, f)
            if os.path.islink(p) or not os.path.isfile(p):
                continue
            with open(p, "rb") as fh:
                data = fh.read()
            if raw in data:
                found.append(p)
            elif zipfile.is_zipfile(p):
                with zipfile.ZipFile(p) as z:
                    found += ["%s!%s" % (p, n) for n in z.namelist() if raw in z.read(n)]
    return found


def assert_nowhere(run=None, texts=(), dirs=()):
    where = []
    if run is not None:
        where += [
            ("stdout", run.out),
            ("stderr", run.err),
            ("process command lines", run.ps),
            ("process environments", run.environ),
        ]
    where += list(texts)
    for name, text in where:
        assert SENTINEL not in (text or ""), "the sentinel password appears in %s" % name
    for d in dirs:
        assert files_with(d) == [], "the sentinel password was left in files"


def launcher(config, script, args, env=None, tmp=None):
    e = dict(os.environ, PYTHONPATH=ROOT)
    for name in job_secrets_envs():
        e.pop(name, None)
    if tmp:
        e["TMPDIR"] = tmp
    e.update(env or {})
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "harness.wsadmin",
            "-conntype",
            "NONE",
            "-configRoot",
            config,
            "-interpreter",
            "cpython",
            "-f",
            os.path.join(SCRIPTS, script + ".py"),
        ]
        + list(args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=e,
        universal_newlines=True,
        timeout=300,
    )


def job_secrets_envs():
    return [env for env, _flag in passwords.JOB_PASSWORDS.values()]


def make_p12(path, password):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "*.example.com")])
    start = datetime.datetime(2024, 3, 31, tzinfo=datetime.timezone.utc)
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
    with open(path, "wb") as f:
        f.write(
            pkcs12.serialize_key_and_certificates(
                b"wildcard", key, cert, None, serialization.BestAvailableEncryption(password.encode())
            )
        )


# ----------------------------------------------------------------------------------------------- the scrubber
def test_password_options_and_masking():
    for arg in (
        "--password",
        "--new-password=x",
        "--passwd",
        "-storepass",
        "--keypass=y",
        "--ldap-pwd",
        "--pw",
        "--bind-secret",
        "-password",
        "--PASSWORD",
    ):
        assert passwords.is_password_option(arg), arg
    for arg in (
        "--password-file",
        "--key-file-password-file=/p",
        "--password-stdin",
        "--user",
        "--bypass",
        "--power",
        "x--password",
        "--",
        "-",
        "password",
    ):
        assert not passwords.is_password_option(arg), arg
    assert passwords.mask_args(["--password", "s", "--user=u", "--new-password=s", "--password-file", "/f", "--passwd"]) == [
        "--password",
        "*****",
        "--user=u",
        "--new-password=*****",
        "--password-file",
        "/f",
        "--passwd",
    ]


@pytest.mark.parametrize(
    "secret",
    ["plain-" + SENTINEL, "{xor}" + SENTINEL, "[" + SENTINEL + "]", SENTINEL + "\\\"'\u00e9"],
    ids=["plain", "xor-like", "brackets", "escapes"],
)
def test_the_scrubber_takes_the_exact_secret_first_then_its_encodings(secret):
    s = passwords.Scrubber(["other", secret])
    text = 'ERROR: bad %s; stored %s; json "%s"; repr %r; raw {xor}Zm9v' % (
        secret,
        xorcodec.encode(secret),
        json.dumps(secret)[1:-1],
        secret,
    )
    out = s.scrub(text)
    assert SENTINEL not in out and xorcodec.encode(secret) not in out and "Zm9v" not in out, out
    assert out.startswith('ERROR: bad *****; stored *****; json "*****"; repr ')
    assert "Scrubber(2 secret(s))" == repr(s)


# ----------------------------------------------------------------------------------------------- local front doors
@pytest.mark.parametrize(
    "job,args",
    [
        ("change_admin_password", ["--password", SENTINEL]),
        ("change_admin_password", ["--new-password=" + SENTINEL, "--dry-run"]),
        ("ltpa_keys", ["--export", "/nonexistent/st.ltpa", "--password", SENTINEL]),
        ("import_certificate", ["--key-file", "/nonexistent/x.p12", "--alias", "A", "--storepass", SENTINEL]),
    ],
    ids=["password", "new-password=", "ltpa", "storepass"],
)
def test_launcher_with_a_password_option(job, args, sample_config, tmp_path):
    tmp = str(tmp_path / "tmp")
    os.mkdir(tmp)
    before = tree_bytes(sample_config)
    p = launcher(sample_config, job, args, tmp=tmp)
    assert p.returncode != 0, p.stdout + p.stderr
    echo = [ln for ln in p.stdout.splitlines() if ln.startswith("WASX7303I")]
    assert len(echo) == 1 and "*****" in echo[0], p.stdout
    assert_nowhere(texts=[("stdout", p.stdout), ("stderr", p.stderr)], dirs=[tmp, sample_config])
    assert tree_bytes(sample_config) == before


@pytest.mark.parametrize(
    "secret", ["{xor}" + SENTINEL + "[x]", "[" + SENTINEL + "]", SENTINEL + " wrong"], ids=["xor-like", "brackets", "with-a-word"]
)
def test_launcher_a_wrong_key_file_password_with_odd_characters(secret, sample_config, tmp_path):
    """The job's error line for a wrong password: no fragment of a password holding {xor}, brackets or a word."""
    p12 = str(tmp_path / "w.p12")
    make_p12(p12, "the-right-one")
    p = launcher(sample_config, "import_certificate", ["--key-file", p12, "--alias", "X"], env={"STWAS_KEYFILE_PASSWORD": secret})
    assert p.returncode != 0 and "ERROR:" in p.stdout, p.stdout + p.stderr
    assert_nowhere(texts=[("stdout", p.stdout), ("stderr", p.stderr)])
    assert SENTINEL[:12] not in p.stdout + p.stderr


def test_launcher_with_the_jobs_variable(sample_config, tmp_path):
    tmp = str(tmp_path / "tmp")
    os.mkdir(tmp)
    p = launcher(sample_config, "change_admin_password", [], env={"STWAS_NEW_PASSWORD": SENTINEL}, tmp=tmp)
    assert p.returncode == 0, p.stdout + p.stderr
    assert_nowhere(texts=[("stdout", p.stdout), ("stderr", p.stderr)], dirs=[tmp, sample_config])
    security = glob.glob(os.path.join(sample_config, "cells", "*", "security.xml"))[0]
    with open(security, encoding="utf-8") as f:
        assert xorcodec.encode(SENTINEL) in f.read()  # stored {xor}-encoded, as WebSphere does


def test_plan_with_a_password_option_and_with_the_variable(tmp_path):
    tmp = str(tmp_path / "tmp")
    os.mkdir(tmp)
    env = dict(os.environ, PYTHONPATH=ROOT, TMPDIR=tmp)
    for name in job_secrets_envs():
        env.pop(name, None)
    base = [
        sys.executable,
        "-m",
        "harness",
        "plan",
        "--config",
        SAMPLE,
        "-interpreter",
        "cpython",
        "--",
        os.path.join(SCRIPTS, "change_admin_password.py"),
    ]
    p = subprocess.run(
        base + ["--password", SENTINEL],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        universal_newlines=True,
        stdin=subprocess.DEVNULL,
    )
    assert p.returncode == 2 and "*****" in p.stdout, p.stdout + p.stderr
    assert_nowhere(texts=[("stdout", p.stdout), ("stderr", p.stderr)], dirs=[tmp])
    env["STWAS_NEW_PASSWORD"] = SENTINEL
    p = subprocess.run(
        base, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, universal_newlines=True, stdin=subprocess.DEVNULL
    )
    assert p.returncode == 0 and "+++ b/cells/" in p.stdout, p.stdout + p.stderr
    assert xorcodec.encode(SENTINEL) not in p.stdout  # the diff masks the stored form too
    assert_nowhere(texts=[("stdout", p.stdout), ("stderr", p.stderr)], dirs=[tmp])


def test_plan_scrubs_what_a_job_prints_of_its_password(tmp_path):
    leaky = tmp_path / "leaky.py"
    leaky.write_text(
        "import os\nfrom harness.config import xorcodec\npw = os.environ['STWAS_LTPA_PASSWORD']\n"
        "print('leak %s %s' % (pw, xorcodec.encode(pw)))\n"
    )
    env = dict(os.environ, PYTHONPATH=ROOT, STWAS_LTPA_PASSWORD=SENTINEL)
    p = subprocess.run(
        [sys.executable, "-m", "harness", "plan", "--config", SAMPLE, "-interpreter", "cpython", "--", str(leaky)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        universal_newlines=True,
        stdin=subprocess.DEVNULL,
    )
    assert p.returncode == 0 and "leak ***** *****" in p.stdout, p.stdout + p.stderr
    assert_nowhere(texts=[("stdout", p.stdout), ("stderr", p.stderr)])


def test_invoke_plan_refuses_a_password_option(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run_invoke(["plan", "change_admin_password", "--", "--password", SENTINEL], sample_ps=True)
    assert r.code == 2, r
    assert r.err.strip().splitlines() == [
        "invoke plan: refusing --password: a password in the job's arguments would appear in the process list and "
        "wsadmin's WASX7303I echo; set STWAS_NEW_PASSWORD instead, or give --password-file FILE"
    ], r
    assert_nowhere(r, dirs=[str(tmp_path)])


def test_every_password_job_is_known():
    """passwords.JOB_PASSWORDS names every job that reads a password variable, with the file option its
    --help shows (certificate_request, the other certificate job, takes none)."""
    mentioned = {}
    for path in sorted(glob.glob(os.path.join(SCRIPTS, "*.py"))):
        with open(path, encoding="utf-8") as f:
            names = set(re.findall(r"STWAS_\w*PASSWORD", f.read())) - {"STWAS_WSADMIN_PASSWORD"}
        if names:
            mentioned[os.path.basename(path)[:-3]] = names
    assert {job: {env} for job, (env, _flag) in passwords.JOB_PASSWORDS.items()} == mentioned
    assert "certificate_request" not in mentioned
    for job, (env, flag) in sorted(passwords.JOB_PASSWORDS.items()):
        p = launcher(SAMPLE, job, ["--help"])
        assert flag in p.stdout and env in p.stdout, (job, p.stdout)


# ----------------------------------------------------------------------------------------------- over SSH
@pytest.fixture
def hosts(tmp_path, sshd, host_cell, monkeypatch):
    """Fake deployment managers "a" (local mode) and "soap" (the harness's emulated SOAP connection, for
    ltpa_keys); invoke runs in tmp_path with TMPDIR=tmp_path/tmp."""
    monkeypatch.chdir(tmp_path)
    made = {
        "a": FakeDmgr.create(str(tmp_path / "hosts"), "a", host_cell),
        "soap": FakeDmgr.create(str(tmp_path / "hosts"), "soap", host_cell, soap=True),
    }
    cfg = str(tmp_path / "stwas-test.json")
    with open(cfg, "w") as f:
        json.dump({"stwas": {"cells": {n: h.cell_config(sshd) for n, h in made.items()}}}, f)
    os.mkdir(str(tmp_path / "tmp"))
    return cfg, made


def remote(args, cfg, tmp_path, env=None):
    e = {"STWAS_WSADMIN_PASSWORD": SENTINEL + "-wsadmin", "TMPDIR": str(tmp_path / "tmp")}
    e.update(env or {})
    return run_invoke(args, cfg, env=e, sample_ps=True, sample_env=True)


def assert_clean_after_remote(r, sshd, made, tmp_path):
    assert_nowhere(
        r,
        texts=[("sshd log", sshd.read_log())],
        dirs=[str(tmp_path / "tmp"), str(tmp_path / "snapshots")] + [h.dir for h in made.values()],
    )
    for h in made.values():
        assert os.listdir(h.tmp) == [], "the run directory is left on %s" % h.name


@pytest.mark.ssh
@pytest.mark.parametrize(
    "job,args",
    [
        ("change_admin_password", ["--password", SENTINEL]),
        ("change_admin_password", ["--new-password=" + SENTINEL]),
        ("change_admin_password", ["--password-stdin"]),
        ("ltpa_keys", ["--export", "/tmp/st.ltpa", "--passwd", SENTINEL]),
        ("import_certificate", ["--key-file", "/tmp/x.p12", "--alias", "A", "--storepass=" + SENTINEL]),
        ("set_server_ports", ["--server", "STProxyServer", "--keypass", SENTINEL]),
    ],
    ids=["password", "new-password=", "password-stdin", "ltpa-passwd", "storepass=", "keypass"],
)
def test_apply_refuses_a_password_option_before_connecting(job, args, hosts, sshd, tmp_path):
    cfg, made = hosts
    logins = sshd.read_log().count("Accepted publickey")
    r = remote(["apply", "--host", "a", job, "--"] + args, cfg, tmp_path)
    assert r.code == 2, r
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("invoke apply: refusing -"), r
    entry = passwords.JOB_PASSWORDS.get(job)
    if entry:
        assert "set %s here instead: invoke sends it to the host in a 0600 file (%s)" % entry in lines[0]
    else:
        assert "put it in a 0600 file on the host and give the job's file option" in lines[0]
    assert sshd.read_log().count("Accepted publickey") == logins, "it connected before refusing"
    assert not os.path.exists(str(tmp_path / "snapshots"))
    assert_clean_after_remote(r, sshd, made, tmp_path)


@pytest.mark.ssh
def test_apply_change_admin_password(hosts, sshd, tmp_path):
    cfg, made = hosts
    a = made["a"]
    r = remote(["apply", "--host", "a", "change_admin_password"], cfg, tmp_path, env={"STWAS_NEW_PASSWORD": SENTINEL})
    assert r.code == 0, r
    assert re.search(r"a \(127\.0\.0\.1\) change_admin_password: \d+ change\(s\), saved", r.out), r
    assert re.search(r"--password-file /\S+/stwas\.\w+/job-password\.1", r.ps), "the job got no password file"
    assert "harness.wsadmin" in r.ps, "the samples never saw the remote job"
    security = glob.glob(os.path.join(a.config, "cells", "*", "security.xml"))[0]
    with open(security, encoding="utf-8") as f:
        assert xorcodec.encode(SENTINEL) in f.read()  # the job did get the password
    assert len(os.listdir(str(tmp_path / "snapshots"))) == 1  # the backup taken first
    assert_clean_after_remote(r, sshd, made, tmp_path)


@pytest.mark.ssh
def test_apply_ltpa_keys(hosts, sshd, tmp_path):
    cfg, made = hosts
    soap = made["soap"]
    out = os.path.join(soap.dir, "st.ltpa")
    r = remote(
        ["apply", "--host", "soap", "--no-backup", "ltpa_keys", "--", "--export", out],
        cfg,
        tmp_path,
        env={"STWAS_LTPA_PASSWORD": SENTINEL},
    )
    assert r.code == 0, r
    assert os.path.isfile(out) and "export LTPAKeys" in r.out, r
    assert "harness.wsadmin" in r.ps
    assert_clean_after_remote(r, sshd, made, tmp_path)


@pytest.mark.ssh
def test_apply_import_certificate(hosts, sshd, tmp_path):
    cfg, made = hosts
    a = made["a"]
    p12 = os.path.join(a.dir, "wildcard.p12")
    make_p12(p12, SENTINEL)
    r = remote(
        ["apply", "--host", "a", "--no-backup", "import_certificate", "--", "--key-file", p12, "--alias", "GlobalKey"],
        cfg,
        tmp_path,
        env={"STWAS_KEYFILE_PASSWORD": SENTINEL},
    )
    assert r.code == 0, r
    assert re.search(r"import_certificate: \d+ change\(s\), saved", r.out), r
    assert re.search(r"--key-file-password-file /\S+/job-password\.1", r.ps)
    assert_clean_after_remote(r, sshd, made, tmp_path)


LEAKY_JOB = r"""
import sys
from harness.config import xorcodec
path = sys.argv[sys.argv.index("--password-file") + 1]
pw = open(path).read().splitlines()[0]
props = open("soap.client.props").read()  # the run directory is the job's working directory
wsadmin_pw = props.split("com.ibm.SOAP.loginPassword=")[1].splitlines()[0]
print("leak raw: %s / %s" % (pw, wsadmin_pw))
print("leak xor: %s" % xorcodec.encode(pw))
sys.stderr.write("leak on stderr: %r\n" % pw)
print('STWAS-RESULT {"job": "change_admin_password", "changed": false, "changes": [], "saved": false, '
      '"error": null, "warnings": ["%s"]}' % pw)
"""


@pytest.mark.ssh
def test_the_runner_scrubs_what_a_job_prints(hosts, sshd, tmp_path):
    """A job that prints the passwords it got (here a stand-in named change_admin_password): the runner's
    scrubber masks them, and their encodings, in everything shown."""
    cfg, made = hosts
    job = tmp_path / "leaky" / "change_admin_password.py"
    job.parent.mkdir()
    job.write_text(LEAKY_JOB)
    r = remote(["apply", "--host", "a", "--no-backup", str(job)], cfg, tmp_path, env={"STWAS_NEW_PASSWORD": SENTINEL})
    assert r.code == 0, r
    assert "leak raw: ***** / *****" in r.out and "leak xor: *****" in r.out and "leak on stderr: '*****'" in r.err
    assert "warning: *****" in r.out  # the summary, from the scrubbed STWAS-RESULT
    assert xorcodec.encode(SENTINEL) not in r.out
    assert_clean_after_remote(r, sshd, made, tmp_path)


@pytest.fixture(autouse=True)
def _no_leftover_processes():
    yield
    assert SENTINEL not in subprocess.run(["ps", "-eo", "args"], stdout=subprocess.PIPE, universal_newlines=True).stdout
