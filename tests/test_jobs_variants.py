"""Every job on the two cells beside the plain sample that the talk's admins run: the Proxy and the Meeting Server on
one node (``--colocate proxy,meeting``, the talk's main scenario) and a clustered Meeting Server
(``--cluster meeting=2``). Each job's typical invocation runs under every interpreter: a changing job as dry run
(nothing written), apply (written) and the same run again (``"changed": false``, nothing written); a read-only
job must succeed and write nothing.

Both cells are generated once per module (``python -m harness fixture sametime``); every test works on its own
copy. A job that fails on a variant because of a job bug stays here as a strict xfail naming the bug, so the test
turns red the day the job is fixed and the mark can go.
"""

import os
import shutil
from dataclasses import dataclass, field

import pytest
from cryptography.hazmat.primitives import serialization
from jobs_helpers import JOB_INTERPRETERS, changed_files, run_job, snapshot

from harness.generate import keystores
from harness.generate.sametime import ADMIN_PASSWORD, DEFAULT_CELL, generate

VARIANTS = {
    "colocated": {"colocate": [("proxy", "meeting")]},
    "clustered": {"clusters": {"meeting": 2}},
}
CELL = DEFAULT_CELL
SECRET = "Var1ant-s3cret"
KEY_FILE_PASSWORD = "keyfile-pw"
PROXY_80_443 = ("--server", "STProxyServer", "--host", "chat.example.com", "--http-port", "80", "--https-port", "443")
# the talk: Proxy and Meeting on one machine each get a host name (and IP) of their own; the Meeting HTTP proxy
# binding every interface on 80/443 clashes with the Proxy on 80/443 until it listens on the meeting host only
MEETING_PROXY_80_443 = (
    "--server",
    "STMeetingHttpProxy",
    "--host",
    "meeting.example.com",
    "--http-port",
    "80",
    "--https-port",
    "443",
)


@dataclass
class Case:
    """A job's typical invocation: ``args(tmp_path)`` -> its arguments; ``setup``: runs before it (same shape);
    ``env``: its password variables; ``writes``: False for a job that changes nothing in the configuration."""

    job: str
    args: object
    setup: list = field(default_factory=list)
    env: dict = field(default_factory=dict)
    writes: bool = True
    xfail: dict = field(default_factory=dict)  # variant -> reason (a job bug)
    setup_for: dict = field(default_factory=dict)  # variant -> extra setup steps [(job, args)]
    check: object = None  # check(config root, variant) -> True after the apply


def _key_file(tmp_path):
    """A PKCS12 key file to import (fixture pool key, certificate signed by a throw-away root)."""
    path = tmp_path / "wildcard.p12"
    if not path.exists():
        root = keystores.make_root_cert("ca.example.com", "ca", "ca", 1)
        key = keystores.pool_key(3)
        cert = keystores.make_personal_cert("*.example.com", "ca", "ca", key, root, 1)
        path.write_bytes(keystores.build_pkcs12([("key", "wildcard", key, [cert, root])], KEY_FILE_PASSWORD))
    return str(path)


def _ca_file(tmp_path):
    """A CA certificate (PEM) to trust."""
    path = tmp_path / "ca.pem"
    if not path.exists():
        root = keystores.make_root_cert("ca.example.com", "ca", "ca", 2)
        path.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    return str(path)


def _static(*args):
    return lambda tmp_path: list(args)


CHANGING = [
    Case("set_server_ports", _static(*PROXY_80_443), setup_for={"colocated": [("set_server_ports", MEETING_PROXY_80_443)]}),
    Case(
        "map_virtual_host",
        _static(
            "--virtual-host", "meeting_host", "--create", "--add", "meeting.example.com:80", "--add", "meeting.example.com:443"
        ),
    ),
    Case("https_redirect", _static("--url", "https://meeting.example.com:443/stmeetings")),
    Case(
        "configure_sso",
        _static(
            "--enable",
            "--domains",
            ".example.local;.example.de",
            "--requires-ssl",
            "true",
            "--interoperable",
            "true",
            "--ltpa-timeout",
            "720",
        ),
    ),
    Case("fix_ldap_base_entry", _static("--root")),
    Case(
        "import_certificate",
        lambda tmp_path: ["--key-file", _key_file(tmp_path), "--alias", "GlobalKey"],
        env={"STWAS_KEYFILE_PASSWORD": KEY_FILE_PASSWORD},
    ),
    Case("assign_ssl_endpoint", _static("--server", "STProxyServer", "--certificate-alias", "default", "--direction", "inbound")),
    Case(
        "certificate_request",
        lambda tmp_path: [
            "--alias",
            "chat",
            "--common-name",
            "chat.example.com",
            "--organization",
            "Edcom",
            "--country",
            "DE",
            "--request-file",
            str(tmp_path / "chat.arm"),
        ],
    ),
    Case("change_admin_password", _static(), env={"STWAS_NEW_PASSWORD": SECRET}),
    Case("media_disable_tls", _static()),
    Case("set_trace", _static("--server", "STMeetingServer", "--preset", "login-debug")),
    Case("set_jvm_args", _static("--server", "STMeetingServer", "--log-language", "en_GB")),
    Case(
        "set_custom_property",
        _static("--server", "STProxyServer", "--scope", "webcontainer", "--property", "httpsIndicatorHeader=$WSIS"),
    ),
    Case("signers", lambda tmp_path: ["--add", _ca_file(tmp_path), "--alias", "example_ca"]),
    Case("stavconfig", _static("--set", "SIPAuthenticationType=None")),
    # the talk: remove the stale Meeting Server (its HTTP proxy, its bus) before a re-install; on the co-located
    # cell the node stays, it hosts the Proxy
    Case(
        "cleanup_stale",
        _static("--meeting"),
        check=lambda cfg, variant: (
            variant != "colocated"
            or os.path.isfile(
                os.path.join(cfg, "cells", CELL, "nodes", "stmeetingSTMNode1", "servers", "STProxyServer", "server.xml")
            )
        ),
    ),
]
READ_ONLY = [
    Case("port_matrix", _static("--db2-host", "db2.example.com", "--ldap-host", "domino.example.com"), writes=False),
    Case("certificate_report", _static("--today", "2024-04-01"), writes=False),
    Case("cell_doctor", _static(), writes=False),
]


@pytest.fixture(scope="module")
def variant_cells(tmp_path_factory):
    cells = {}
    for name, options in VARIANTS.items():
        cells[name] = str(tmp_path_factory.mktemp(name) / "config")
        generate(cells[name], **options)
    return cells


def _copy(variant_cells, variant, tmp_path):
    dst = str(tmp_path / "config")
    shutil.copytree(variant_cells[variant], dst)
    return dst


def _param(case, variant):
    marks = []
    if variant in case.xfail:
        marks.append(pytest.mark.xfail(reason=case.xfail[variant], strict=True))
    return pytest.param(case, variant, marks=marks, id="%s-%s" % (case.job, variant))


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize("case,variant", [_param(c, v) for c in CHANGING for v in VARIANTS])
def test_changing_job_dry_run_apply_rerun(case, variant, interpreter, variant_cells, tmp_path):
    cfg = _copy(variant_cells, variant, tmp_path)
    for job, args in case.setup + case.setup_for.get(variant, []):
        r = run_job(interpreter, cfg, job, *args, env=case.env)
        assert r.rc == 0 and r.result["saved"], r
    args = case.args(tmp_path)
    before = snapshot(cfg)
    dry = run_job(interpreter, cfg, case.job, *(args + ["--dry-run"]), env=case.env)
    assert dry.rc == 0 and dry.result["changed"] is True and dry.result["saved"] is False, dry
    assert snapshot(cfg) == before
    applied = run_job(interpreter, cfg, case.job, *args, env=case.env)
    assert applied.rc == 0 and applied.result["changed"] is True and applied.result["saved"] is True, applied
    after = snapshot(cfg)
    assert changed_files(before, after), applied
    assert case.check is None or case.check(cfg, variant), applied
    again = run_job(interpreter, cfg, case.job, *args, env=case.env)
    assert again.rc == 0 and again.result["changed"] is False and again.result["changes"] == [], again
    assert snapshot(cfg) == after
    for r in (dry, applied, again):
        assert SECRET not in r.stdout + r.stderr and ADMIN_PASSWORD not in r.stdout + r.stderr


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize("case,variant", [_param(c, v) for c in READ_ONLY for v in VARIANTS])
def test_read_only_job_succeeds(case, variant, interpreter, variant_cells, tmp_path):
    cfg = _copy(variant_cells, variant, tmp_path)
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, case.job, *case.args(tmp_path), env=case.env)
    if case.job == "cell_doctor":  # exit 1/2: warnings/errors found (the installer's traps); 3: the doctor failed
        assert r.rc in (0, 1, 2) and r.result["error"] is None, r
    else:
        assert r.rc == 0 and r.result["error"] is None, r
    assert r.result["changed"] is False and snapshot(cfg) == before
    if case.job == "certificate_report":
        assert r.result["unreadable"] == [] and r.result["certificates"], r


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_ltpa_keys_export_twice(variant, interpreter, variant_cells, tmp_path):
    """ltpa_keys (connected mode) exports the cell's keys; the same export again changes nothing."""
    cfg = _copy(variant_cells, variant, tmp_path)
    before = snapshot(cfg)
    key_file = str(tmp_path / "cell.ltpa")
    env = {"STWAS_LTPA_PASSWORD": SECRET}
    first = run_job(interpreter, cfg, "ltpa_keys", "--export", key_file, env=env, conntype="SOAP")
    assert first.rc == 0 and first.result["changed"] is True and os.path.isfile(key_file), first
    again = run_job(interpreter, cfg, "ltpa_keys", "--export", key_file, env=env, conntype="SOAP")
    assert again.rc == 0 and again.result["changed"] is False, again
    assert snapshot(cfg) == before
    assert SECRET not in first.stdout + first.stderr + again.stdout + again.stderr


def test_every_job_is_covered():
    jobs = {
        f[:-3]
        for f in os.listdir(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "wsadmin_scripts"))
        if f.endswith(".py")
    }
    assert jobs == {c.job for c in CHANGING + READ_ONLY} | {"ltpa_keys"}
