"""cell_doctor.py on generated Sametime cells, under both interpreters through the launcher: nothing on a clean cell,
each seeded trap reported exactly once (alone and all together), text and --json output, exit code by severity,
read-only.

"Clean" is the generated cell with the LDAP base entry fixed: the generator writes the cell as the Sametime
installer leaves it, with the deployment name "LDAPDeployname" as base entry — that is the ldap-base-entry trap.
"""

import base64
import datetime
import json
import os
import re
import shutil

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from jobs_helpers import JOB_INTERPRETERS, changed_files, run_job, snapshot

from harness.launcher.session import make_session

CELL = "stconsoleSSCCell1"
C = "cells/" + CELL
WIM = C + "/wim/config/wimconfig.xml"


def xor(pw):
    return "{xor}" + base64.b64encode(bytes(b ^ 0x5F for b in pw.encode("utf-8"))).decode("ascii")


def edit(root, rel, old, new, count=None):
    p = os.path.join(root, rel)
    with open(p, "rb") as f:
        s = f.read().decode("utf-8")
    assert old in s, (rel, old)
    if count is not None:
        assert s.count(old) == count, (rel, old, s.count(old))
    with open(p, "wb") as f:
        f.write(s.replace(old, new).encode("utf-8"))


def fix_base_entry(root):
    edit(
        root,
        WIM,
        '<config:baseEntries name="LDAPDeployname" nameInRepository="LDAPDeployname"/>',
        '<config:baseEntries name="o=example" nameInRepository="o=example"/>',
        1,
    )
    edit(
        root,
        WIM,
        '<config:participatingBaseEntries name="LDAPDeployname"/>',
        '<config:participatingBaseEntries name="o=example"/>',
        1,
    )


@pytest.fixture
def clean(generated_cell):
    fix_base_entry(generated_cell)
    return generated_cell


# ----------------------------------------------------------------------------------------- seeds

LONG_HOST = "stmeeting-videoconference.eu-west.example.com"


def seed_host_name_length(root):
    edit(root, C + "/nodes/stmeetingSTMNode1/serverindex.xml", "stmeeting.example.com", LONG_HOST)


def seed_ldap_bind_password(root):
    edit(root, WIM, 'bindPassword="%s"' % xor("passw0rd"), 'bindPassword="%s"' % xor("pass&w0rd"), 1)


def seed_admin_in_ldap(root):
    edit(root, WIM, 'bindDN="cn=ldapbind,o=example"', 'bindDN="cn=wasadmin,o=example"', 1)


def seed_ldap_base_entry(root):
    edit(
        root,
        WIM,
        '<config:baseEntries name="o=example" nameInRepository="o=example"/>',
        '<config:baseEntries name="LDAPDeployname" nameInRepository="LDAPDeployname"/>',
        1,
    )


def seed_port_clash(root):
    # the Proxy node moves onto the Meeting machine: same host, same ports (9080/9443, node agent ports ...)
    with open(os.path.join(root, C, "nodes", "stmeetingSTMNode1", "serverindex.xml"), "rb") as f:
        meeting_host = re.search(rb'hostName="([^"]+)"', f.read()).group(1).decode()
    edit(root, C + "/nodes/stproxySTPNode1/serverindex.xml", "stproxy.example.com", meeting_host)


def seed_certificate_expiry(root):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, "Expiring Test CA"), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "stwas")]
    )
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=300))
        .not_valid_after(now + datetime.timedelta(days=10))
        .sign(key, hashes.SHA256())
    )
    pem = os.path.join(os.path.dirname(root), "expiring.pem")
    with open(pem, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    s = make_session(root, "NONE", "\n")
    s.objects["AdminTask"].addSignerCertificate(
        [
            "-keyStoreName",
            "CellDefaultTrustStore",
            "-keyStoreScope",
            "(cell):" + CELL,
            "-certificateFilePath",
            pem,
            "-certificateAlias",
            "expiring_ca",
        ]
    )
    s.objects["AdminConfig"].save()


def seed_sip_security(root):
    # a change made in one stavconfig.xml copy only (HCL: every copy must be changed)
    edit(
        root,
        C + "/nodes/stmediaSTMSNode1/servers/STMediaServer/stavconfig.xml",
        'name="SIPAuthenticationType" value="LTPA"',
        'name="SIPAuthenticationType" value="None"',
        1,
    )


def seed_trace_level(root):
    edit(
        root,
        C + "/nodes/stmediaSTMSNode1/servers/STMediaServer/server.xml",
        'startupTraceSpecification="*=info"',
        'startupTraceSpecification="*=info:com.ibm.ws.security.*=finest:com.ibm.ws.wim.*=finest"',
        1,
    )


def seed_node_sync(root):
    srv = os.path.join(root, C, "nodes", "stproxySTPNode1", "servers")
    shutil.copytree(os.path.join(srv, "STProxyServer"), os.path.join(srv, "STGhostServer"))


def seed_ltpa_auto_generate(root):
    # issue 13 item 6: the cell's LTPA key set group generates new keys on its schedule
    edit(
        root,
        C + "/security.xml",
        '<keySetGroups xmi:id="KeySetGroup_1" name="CellLTPAKeySetGroup" ',
        '<keySetGroups xmi:id="KeySetGroup_1" name="CellLTPAKeySetGroup" autoGenerate="true" ',
        1,
    )


SEEDS = [
    ("host-name-length", seed_host_name_length, "error", LONG_HOST),
    ("ldap-bind-password", seed_ldap_bind_password, "error", "LDAP repository LDAP on domino"),
    ("admin-in-ldap", seed_admin_in_ldap, "warning", "wasadmin"),
    ("ldap-base-entry", seed_ldap_base_entry, "error", "LDAP repository LDAP on domino"),
    ("port-clash", seed_port_clash, "error", "stmeeting.example.com"),
    ("certificate-expiry", seed_certificate_expiry, "warning", "CellDefaultTrustStore (cell):stconsoleSSCCell1 expiring_ca"),
    ("sip-security", seed_sip_security, "warning", "stavconfig.xml SIPAuthenticationType"),
    ("trace-level", seed_trace_level, "warning", "STMediaServer@stmediaSTMSNode1"),
    ("node-sync", seed_node_sync, "warning", "stproxySTPNode1"),
    ("ltpa-auto-generate", seed_ltpa_auto_generate, "warning", "CellLTPAKeySetGroup"),
]


def doctor(interpreter, root, *args):
    before = snapshot(root)
    r = run_job(interpreter, root, "cell_doctor", *args)
    assert changed_files(before, snapshot(root)) == [], "the doctor changed the configuration"
    assert r.result is not None, r
    return r


# ----------------------------------------------------------------------------------------- tests


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_clean_cell_reports_nothing(interpreter, clean):
    r = doctor(interpreter, clean)
    assert r.rc == 0, r
    assert r.result["findings"] == [] and r.result["skipped"] == [], r
    assert r.result["summary"] == {"errors": 0, "warnings": 0, "skipped": 0, "checks": 10, "exit_code": 0}
    assert "no known trap found" in r.stdout


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize("check,seed,severity,subject", SEEDS, ids=[s[0] for s in SEEDS])
def test_each_trap_reported_exactly_once(interpreter, check, seed, severity, subject, clean):
    seed(clean)
    r = doctor(interpreter, clean)
    found = r.result["findings"]
    assert [(f["check"], f["severity"], f["subject"]) for f in found] == [(check, severity, subject)], r
    assert r.rc == (2 if severity == "error" else 1), r
    assert found[0]["fix"]
    text = [ln for ln in r.stdout.splitlines() if ln.startswith(severity.upper())]
    assert len(text) == 1 and check in text[0] and subject in text[0]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_generated_cell_as_installed_has_only_the_base_entry_trap(interpreter, generated_cell):
    r = doctor(interpreter, generated_cell)
    assert [f["check"] for f in r.result["findings"]] == ["ldap-base-entry"] and r.rc == 2, r
    assert "LDAPDeployname" in r.result["findings"][0]["message"]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_all_traps_together_each_once_and_json(interpreter, clean):
    for _check, seed, _sev, _subj in SEEDS:
        seed(clean)
    r = doctor(interpreter, clean, "--json")
    assert r.rc == 2, r
    checks = sorted(f["check"] for f in r.result["findings"])
    assert checks == sorted(s[0] for s in SEEDS), r
    # the --json document on stdout is the same report
    out = r.stdout
    start = out.index("\n{") + 1
    end = out.index("\nSTWAS-RESULT ")
    report = json.loads(out[start:end])
    assert sorted(f["check"] for f in report["findings"]) == checks
    assert report["summary"]["errors"] == 4 and report["summary"]["warnings"] == 6
    # errors first
    sev = [f["severity"] for f in report["findings"]]
    assert sev == sorted(sev, key=lambda s: s != "error")


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_ltpa_auto_generation_finding_names_the_schedule_and_the_fix(interpreter, clean):
    seed_ltpa_auto_generate(clean)
    r = doctor(interpreter, clean, "--only", "ltpa-auto-generate")
    f = r.result["findings"]
    assert r.rc == 1 and len(f) == 1, r
    assert f[0]["message"] == (
        "automatic LTPA key generation is on (every 90 days on Sunday at 22:00): keys shared "
        "with Domino or other cells (SSO) stop matching at the next run"
    )
    assert "ltpa_keys.py --disable-auto-generate" in f[0]["fix"]
    assert "Key set groups > CellLTPAKeySetGroup" in f[0]["fix"]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_password_never_printed(interpreter, clean):
    seed_ldap_bind_password(clean)
    r = doctor(interpreter, clean)
    assert "pass&w0rd" not in r.stdout and "pass&amp;w0rd" not in r.stdout
    assert 'contains "&"' in r.result["findings"][0]["message"]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_other_special_characters_are_a_warning(interpreter, clean):
    edit(clean, WIM, 'bindPassword="%s"' % xor("passw0rd"), 'bindPassword="%s"' % xor("pass!w0rd"), 1)
    r = doctor(interpreter, clean, "--only", "ldap-bind-password")
    assert [(f["check"], f["severity"]) for f in r.result["findings"]] == [("ldap-bind-password", "warning")]
    assert r.rc == 1


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_sip_transport_option(interpreter, clean):
    # nothing switched yet: fine for auto and tls, the role is reported when TCP is wanted
    r = doctor(interpreter, clean, "--only", "sip-security", "--sip-transport", "tcp")
    assert [(f["check"], f["subject"]) for f in r.result["findings"]] == [("sip-security", "IBM Lotus SIP Registrar")], r
    assert "role is still mapped to AllAuthenticatedUsers" in r.result["findings"][0]["message"]
    assert [n for n in r.result["notes"] if "SIP transport/port and SRTP entries of stavconfig.xml are not public" in n]
    r = doctor(interpreter, clean, "--only", "sip-security", "--sip-transport", "tls")
    assert r.result["findings"] == [] and r.rc == 0
    # switched with media_disable_tls in every copy: fine for tcp and auto, reported for tls
    assert run_job(interpreter, clean, "media_disable_tls", "--sip-authentication-type", "None").rc == 0
    for mode in ("tcp", "auto"):
        r = doctor(interpreter, clean, "--only", "sip-security", "--sip-transport", mode)
        assert r.result["findings"] == [] and r.rc == 0, (mode, r)
    r = doctor(interpreter, clean, "--only", "sip-security", "--sip-transport", "tls")
    assert len(r.result["findings"]) == 1, r
    msg = r.result["findings"][0]["message"]
    assert "role is mapped to Everyone" in msg and "SIPAuthenticationType in STMediaServer@stmediaSTMSNode1" in msg
    # the role back by hand, the entries not: a half-done switch back
    edit(
        clean,
        C + "/applications/IBM Lotus SIP Registrar.ear/deployments/IBM Lotus SIP Registrar/META-INF/ibm-application-bnd.xmi",
        '<specialSubjects xmi:type="applicationbnd:Everyone" xmi:id="Everyone_1" name="Everyone"/>',
        '<specialSubjects xmi:type="applicationbnd:AllAuthenticatedUsers" '
        'xmi:id="AllAuthenticatedUsers_1" name="AllAuthenticatedUsers"/>',
        1,
    )
    r = doctor(interpreter, clean, "--only", "sip-security")
    assert len(r.result["findings"]) == 1 and "half done" in r.result["findings"][0]["message"], r


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_certificate_window_and_today(interpreter, clean):
    r = doctor(interpreter, clean, "--only", "certificate-expiry", "--today", "2100-01-01")
    assert r.rc == 2 and r.result["findings"], r
    assert all(f["severity"] == "error" and "expired" in f["message"] for f in r.result["findings"])
    seed_certificate_expiry(clean)
    r = doctor(interpreter, clean, "--only", "certificate-expiry", "--cert-days", "5")
    assert r.result["findings"] == [] and r.rc == 0, r


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_only_skip_and_bad_options(interpreter, clean):
    seed_trace_level(clean)
    r = doctor(interpreter, clean, "--skip", "trace-level")
    assert r.result["findings"] == [] and r.rc == 0 and "trace-level" not in r.result["checks"]
    for args in (["--only", "nonsense"], ["--cert-days", "x"], ["--sip-transport", "udp"], ["--today", "01.01.2020"]):
        r = doctor(interpreter, clean, *args)
        assert r.rc == 3 and r.error_lines, (args, r)


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_doctor_after_cleanup_is_clean(interpreter, clean):
    r = run_job(interpreter, clean, "cleanup_stale", "--meeting", "--force")
    assert r.rc == 0, r
    r = doctor(interpreter, clean)
    assert r.result["findings"] == [] and r.rc == 0, r


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_missing_certificate_commands_are_skipped(interpreter, clean, tmp_path):
    script = tmp_path / "doctor_without_cert_commands.py"
    src = open(
        os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "wsadmin_scripts", "cell_doctor.py")
    ).read()
    # a wsadmin without the certificate commands (e.g. WAS 7.0 without the fix pack): hide them
    hidden = src.replace('"listSignerCertificates")', '"noSuchCommandForTheTest")')
    assert hidden.count("noSuchCommandForTheTest") == 1
    script.write_text(hidden)
    env = {"STWAS_SCRIPTS": os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "wsadmin_scripts")}
    r = run_job(interpreter, clean, str(script), env=env)
    assert r.rc == 0, r
    assert [s["check"] for s in r.result["skipped"]] == ["certificate-expiry"]
    assert re.search(r"^SKIPPED certificate-expiry", r.stdout, re.M)
