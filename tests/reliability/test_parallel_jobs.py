"""Two conflicting jobs started together on one cell, 50 rounds (issue 12 "Done when"): every round ends with
both updates present, or one job saved and the other refused with the conflict error and a non-zero exit;
never both "saved" with one update lost.

The two jobs of a round meet before their saves (STWAS_FAULT=before-lock:barrier=..., test-only), so both
have read everything they read before either writes, whatever the load of the machine; then each save sleeps
between its conflict check and its renames (after-check:sleep=...), exactly the window in which a save
without the cell lock loses the other job's update.
"""

import os
import shutil
import subprocess
import sys

import pytest
from jobs_helpers import RESULT_PREFIX, SAMPLE_CONFIG, _env, script_path

from harness.config.repository import journal
from harness.config.repository.document import make_parser
from harness.was.keystore import DEFAULT_PASSWORD, KeyStore

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from test_jobs_certificates import SENTINEL, make_wildcard  # noqa: E402

CELL = "cells/stconsoleSSCCell1"
ROUNDS = 50
FAULTS = "before-lock:barrier=2@%s,after-check:sleep=0.2"
CONFLICT = "ADMR0006E"


def _read(cfg, uri):
    with open(os.path.join(cfg, *uri.split("/")), "rb") as f:
        return f.read()


def ports_of(cfg, node, server):
    from lxml import etree

    root = etree.fromstring(_read(cfg, "%s/nodes/%s/serverindex.xml" % (CELL, node)), make_parser())
    return {ep.get("port") for e in root.iter("serverEntries") if e.get("serverName") == server for ep in e.iter("endPoint")}


def server_ports(node, server, http, https, host=None):
    args = ("--server", server, "--http-port", http, "--https-port", https) + (("--host", host) if host else ())
    return ("set_server_ports", args, lambda cfg: {http, https} <= ports_of(cfg, node, server))


def virtual_host_alias(host, port):
    def present(cfg):
        return ('hostname="%s" port="%s"' % (host, port)).encode() in _read(cfg, CELL + "/virtualhosts.xml")

    return ("map_virtual_host", ("--virtual-host", "default_host", "--add", "%s:%s" % (host, port)), present)


def certificate(alias, key_file, password_file):
    def present(cfg):
        return KeyStore.load(_read(cfg, CELL + "/key.p12"), DEFAULT_PASSWORD).has(alias)

    return ("import_certificate", ("--key-file", key_file, "--key-file-password-file", password_file, "--alias", alias), present)


@pytest.fixture(scope="module")
def key_file(tmp_path_factory):
    d = tmp_path_factory.mktemp("keyfile")
    make_wildcard(d / "wildcard.p12")
    (d / "pw").write_text(SENTINEL + "\n")
    return str(d / "wildcard.p12"), str(d / "pw")


def pairs(key_file):
    return {
        "ports-ports: two set_server_ports on one node": (
            server_ports("stmeetingSTMNode1", "STMeetingServer", "9180", "9543"),
            server_ports("stmeetingSTMNode1", "STMeetingHttpProxy", "9280", "9643"),
        ),
        "ports-vhost: set_server_ports beside map_virtual_host": (
            server_ports("stproxySTPNode1", "STProxyServer", "80", "443", "chat.example.com"),  # + 2 aliases
            virtual_host_alias("meet.example.com", "8080"),
        ),
        "cert-cert: two import_certificate into one key store": (
            certificate("AliasOne", *key_file),
            certificate("AliasTwo", *key_file),
        ),
    }


def start(cfg, job, args, faults):
    env = _env()
    env["STWAS_FAULT"] = faults
    cmd = [
        sys.executable,
        "-m",
        "harness.wsadmin",
        "-conntype",
        "NONE",
        "-configRoot",
        cfg,
        "-lang",
        "jython",
        "-interpreter",
        "cpython",
        "-f",
        script_path(job),
    ] + list(args)
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)


def finish(proc):
    out, err = proc.communicate(timeout=300)
    result = None
    for line in out.splitlines():
        if line.startswith(RESULT_PREFIX):
            result = line
    return proc.returncode, out, err, result


PAIRS = ["ports-ports", "ports-vhost", "cert-cert"]


@pytest.mark.parametrize("which", PAIRS)
def test_two_conflicting_jobs_never_lose_an_update(tmp_path, key_file, which):
    name = [k for k in pairs(key_file) if k.startswith(which + ":")][0]
    first, second = pairs(key_file)[name]
    rounds = ROUNDS // 3 + (1 if PAIRS.index(which) < ROUNDS % 3 else 0)  # 17 + 17 + 16 = 50
    outcomes = {"both saved": 0, "one refused": 0}
    for n in range(rounds):
        cfg = str(tmp_path / ("r%d" % n))
        shutil.copytree(SAMPLE_CONFIG, cfg)
        faults = FAULTS % (tmp_path / ("barrier%d" % n))
        procs = [start(cfg, job, args, faults) for job, args, _ in (first, second)]
        runs = [finish(p) for p in procs]
        refused = 0
        for (job, _args, present), (rc, out, err, result) in zip((first, second), runs):
            where = "round %d of %s, %s:\n%s\n%s" % (n, name, job, out, err)
            assert result is not None and "Traceback" not in err, where
            if rc == 0:
                assert '"saved": true' in result and present(cfg), where  # a job that says saved is there
            else:
                refused += 1
                assert CONFLICT in out and '"saved": false' in result, where
                errors = [ln for ln in out.splitlines() if ln.startswith("ERROR: ")]
                assert len(errors) == 1 and CONFLICT in errors[0], where
                assert not present(cfg), where
        assert refused < 2, "round %d of %s: both refused" % (n, name)
        outcomes["one refused" if refused else "both saved"] += 1
        leftovers = [f for _d, _s, files in os.walk(cfg) for f in journal.protocol_files(files)]
        assert leftovers == [], leftovers
        shutil.rmtree(cfg)
    print("%s: %d rounds: %s" % (name, rounds, outcomes))
    assert sum(outcomes.values()) == rounds
