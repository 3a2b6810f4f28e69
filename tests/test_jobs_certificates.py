"""The certificate and SSL endpoint jobs through the launcher, under both interpreters (issue 5 items 4 and 5):
import_certificate.py, assign_ssl_endpoint.py, certificate_request.py, certificate_report.py."""

import datetime
import json
import os
import sys

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobs_helpers import JOB_INTERPRETERS, changed_files, copy_sample, run_job, snapshot  # noqa: E402

CELL = "stconsoleSSCCell1"
CELL_SCOPE = "(cell):%s" % CELL
PROXY_SCOPE = CELL_SCOPE + ":(node):stproxySTPNode1:(server):STProxyServer"
KEY_P12 = "cells/%s/key.p12" % CELL
TRUST_P12 = "cells/%s/trust.p12" % CELL
SECURITY = "cells/%s/security.xml" % CELL
SENTINEL = "Sentinel-PW-7f3a9c"


def make_wildcard(path, password=SENTINEL, days=398, cn="*.example.com"):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    start = datetime.datetime(2024, 3, 31, tzinfo=datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=days))
        .sign(key, hashes.SHA256())
    )
    with open(str(path), "wb") as f:
        f.write(
            pkcs12.serialize_key_and_certificates(
                b"wildcard", key, cert, None, serialization.BestAvailableEncryption(password.encode())
            )
        )
    return key, cert


def session(cfg):
    from harness.launcher.session import make_session

    return make_session(str(cfg), "NONE", "\n").objects


def assert_no_secret(r):
    assert SENTINEL not in r.stdout and SENTINEL not in r.stderr, r
    assert SENTINEL not in " ".join(str(a) for a in r.args)


@pytest.fixture
def cfg(tmp_path):
    return copy_sample(tmp_path)


@pytest.fixture
def wildcard(tmp_path):
    p12 = tmp_path / "wildcard.p12"
    key, cert = make_wildcard(p12)
    pwfile = tmp_path / "keyfile.pw"
    pwfile.write_text(SENTINEL + "\n")
    return str(p12), str(pwfile), key, cert


def import_args(p12, pwfile, alias="GlobalKey"):
    return ("--key-file", p12, "--key-file-password-file", pwfile, "--alias", alias)


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_wildcard_import_and_proxy_inbound(interpreter, cfg, wildcard):
    p12, pwfile, key, cert = wildcard
    before = snapshot(cfg)
    # --dry-run writes nothing
    r = run_job(interpreter, cfg, "import_certificate", *import_args(p12, pwfile), "--dry-run")
    assert r.rc == 0 and r.result["changed"] and not r.result["saved"] and r.result["dry_run"], r
    assert snapshot(cfg) == before
    assert_no_secret(r)
    # the import
    r = run_job(interpreter, cfg, "import_certificate", *import_args(p12, pwfile))
    assert r.rc == 0 and r.result["saved"] and len(r.change_lines) == 2, r
    # a self-signed certificate is its own signer: the trust store gets it too
    assert r.change_lines[1].startswith(
        "CHANGE add SignerCertificate [CellDefaultTrustStore globalkey_signer_1] issuer of GlobalKey: CN=*.example.com"
    ), r
    assert_no_secret(r)
    assert changed_files(before, snapshot(cfg)) == [KEY_P12, TRUST_P12]
    with open(os.path.join(cfg, KEY_P12), "rb") as f:
        p = pkcs12.load_pkcs12(f.read(), b"WebAS")
    held = {c.friendly_name: c.certificate for c in p.additional_certs}
    held[p.cert.friendly_name] = p.cert.certificate
    assert held[b"GlobalKey"] == cert and b"default" in held
    # read back through AdminTask
    at = session(cfg)["AdminTask"]
    listed = at.listPersonalCertificates("[-keyStoreName CellDefaultKeyStore -keyStoreScope %s]" % CELL_SCOPE)
    assert "[alias GlobalKey]" in listed and "[issuedTo [CN=*.example.com]]" in listed
    fp = ":".join("%02X" % b for b in cert.fingerprint(hashes.SHA1()))
    assert r.result["fingerprint"] == fp
    # a second run changes nothing
    mid = snapshot(cfg)
    r = run_job(interpreter, cfg, "import_certificate", *import_args(p12, pwfile))
    assert r.rc == 0 and not r.result["changed"] and not r.change_lines, r
    assert snapshot(cfg) == mid
    # assign it to STProxyServer inbound: dry run, run, second run
    assign = ("--server", "STProxyServer", "--certificate-alias", "GlobalKey", "--direction", "inbound")
    r = run_job(interpreter, cfg, "assign_ssl_endpoint", *assign, "--dry-run")
    assert r.rc == 0 and r.result["changed"] and not r.result["saved"], r
    assert snapshot(cfg) == mid
    r = run_job(interpreter, cfg, "assign_ssl_endpoint", *assign)
    assert r.rc == 0 and r.result["saved"] and r.result["scope"] == PROXY_SCOPE, r
    assert changed_files(mid, snapshot(cfg)) == [SECURITY]
    grp = session(cfg)["AdminTask"].getSSLConfigGroup("[-name STProxyServer -direction inbound -scopeName %s]" % PROXY_SCOPE)
    assert "[certificateAlias GlobalKey]" in grp and "[sslConfig CellDefaultSSLSettings]" in grp
    after = snapshot(cfg)
    r = run_job(interpreter, cfg, "assign_ssl_endpoint", *assign)
    assert r.rc == 0 and not r.result["changed"], r
    assert snapshot(cfg) == after
    # outbound too, with another alias: modify inbound, create outbound
    r = run_job(
        interpreter,
        cfg,
        "assign_ssl_endpoint",
        "--server",
        "STProxyServer",
        "--certificate-alias",
        "default",
        "--direction",
        "both",
    )
    assert r.rc == 0 and [c["action"] for c in r.result["changes"]] == ["modify", "create"], r
    at = session(cfg)["AdminTask"]
    for d in ("inbound", "outbound"):
        assert "[certificateAlias default]" in at.getSSLConfigGroup(
            "[-name STProxyServer -direction %s -scopeName %s]" % (d, PROXY_SCOPE)
        )


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize("case", ["wrong password", "missing file", "alias exists", "alias does not exist"])
def test_bad_inputs_fail_clearly_and_change_nothing(interpreter, case, cfg, wildcard, tmp_path):
    p12, pwfile, _key, _cert = wildcard
    if case == "wrong password":
        bad = tmp_path / "bad.pw"
        bad.write_text("not-the-" + SENTINEL)
        job, args, expect = "import_certificate", import_args(p12, str(bad)), "wrong password, or not a PKCS12"
    elif case == "missing file":
        job, args, expect = ("import_certificate", import_args(str(tmp_path / "missing.p12"), pwfile), "does not exist")
    elif case == "alias exists":
        job, args, expect = (
            "import_certificate",
            import_args(p12, pwfile, alias="default"),
            "the alias default already exists in the key store CellDefaultKeyStore",
        )
    else:
        job, args, expect = (
            "assign_ssl_endpoint",
            ("--server", "STProxyServer", "--certificate-alias", "GlobalKey"),
            "the certificate alias GlobalKey does not exist in the key store CellDefaultKeyStore",
        )
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, job, *args)
    assert r.rc == 1, r
    assert len(r.error_lines) == 1 and expect in r.error_lines[0], r
    assert r.result["error"] and not r.result["saved"] and not r.result["changed"]
    assert r.last_line.startswith("STWAS-RESULT ")
    assert snapshot(cfg) == before
    assert_no_secret(r)
    assert "not-the-" not in r.stdout + r.stderr


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_password_from_environment_and_missing(interpreter, cfg, wildcard):
    p12, _pwfile, _key, _cert = wildcard
    before = snapshot(cfg)
    r = run_job(
        interpreter,
        cfg,
        "import_certificate",
        "--key-file",
        p12,
        "--alias",
        "GlobalKey",
        "--dry-run",
        env={"STWAS_KEYFILE_PASSWORD": SENTINEL},
    )
    assert r.rc == 0 and r.result["changed"], r
    assert_no_secret(r)
    r = run_job(
        interpreter, cfg, "import_certificate", "--key-file", p12, "--alias", "GlobalKey", env={"STWAS_KEYFILE_PASSWORD": ""}
    )
    assert r.rc != 0
    assert snapshot(cfg) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_certificate_request_and_receive(interpreter, cfg, tmp_path):
    csr_path = tmp_path / "chat.arm"
    req = (
        "--alias",
        "chat",
        "--common-name",
        "chat.example.com",
        "--organization",
        "Edcom",
        "--country",
        "DE",
        "--request-file",
        str(csr_path),
    )
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, "certificate_request", *req, "--dry-run")
    assert r.rc == 0 and r.result["changed"] and not csr_path.exists(), r
    assert snapshot(cfg) == before
    r = run_job(interpreter, cfg, "certificate_request", *req)
    assert r.rc == 0 and r.result["saved"], r
    assert changed_files(before, snapshot(cfg)) == [KEY_P12]
    csr = x509.load_pem_x509_csr(csr_path.read_bytes())
    assert csr.subject.rfc4514_string() == "CN=chat.example.com,O=Edcom,C=DE"
    mid = snapshot(cfg)
    r = run_job(interpreter, cfg, "certificate_request", *req)
    assert r.rc == 0 and not r.result["changed"], r
    assert snapshot(cfg) == mid
    # the CA's answer
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    signed = (
        x509.CertificateBuilder()
        .subject_name(csr.subject)
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example CA")]))
        .public_key(csr.public_key())
        .serial_number(77)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(ca_key, hashes.SHA256())
    )
    cer = tmp_path / "chat.cer"
    cer.write_bytes(signed.public_bytes(serialization.Encoding.PEM))
    r = run_job(interpreter, cfg, "certificate_request", "--alias", "chat", "--receive", str(cer), "--dry-run")
    assert r.rc == 0 and r.result["changed"] and snapshot(cfg) == mid, r
    r = run_job(interpreter, cfg, "certificate_request", "--alias", "chat", "--receive", str(cer))
    assert r.rc == 0 and r.result["saved"], r
    rec = session(cfg)["AdminTask"].getCertificate("[-keyStoreName CellDefaultKeyStore -certificateAlias chat]")
    assert "[issuedBy [CN=Example CA]]" in rec
    done = snapshot(cfg)
    r = run_job(interpreter, cfg, "certificate_request", "--alias", "chat", "--receive", str(cer))
    assert r.rc == 0 and not r.result["changed"], r
    assert snapshot(cfg) == done
    r = run_job(
        interpreter,
        cfg,
        "certificate_request",
        "--alias",
        "default",
        "--common-name",
        "x",
        "--request-file",
        str(tmp_path / "x.arm"),
    )
    assert r.rc == 1 and "already exists" in r.error_lines[0] and snapshot(cfg) == done


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_certificate_report(interpreter, cfg, tmp_path):
    p12 = tmp_path / "short.p12"
    make_wildcard(p12, password="pw", days=30, cn="short.example.com")  # 2024-03-31 .. 2024-04-30
    r = run_job(
        interpreter,
        cfg,
        "import_certificate",
        "--key-file",
        str(p12),
        "--alias",
        "short",
        "--no-chain",
        env={"STWAS_KEYFILE_PASSWORD": "pw"},
    )
    assert r.rc == 0, r
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, "certificate_report", "--today", "2024-04-01", "--within-days", "60")
    assert r.rc == 1, r
    assert "1 certificate(s) expire within 60 days" in r.error_lines[0]
    certs = r.result["certificates"]
    assert certs[0]["alias"] == "short" and certs[0]["expires"] == "2024-04-30" and certs[0]["days_left"] == 29
    kinds = {(c["keystore"], c["kind"]) for c in certs}
    assert ("CellDefaultKeyStore", "personal") in kinds and ("CellDefaultTrustStore", "signer") in kinds
    assert ("NodeDefaultKeyStore", "personal") in kinds and ("NodeDefaultTrustStore", "signer") in kinds
    # cell 2 (default, short) + 4 nodes + root + the RSA token stores' root and default
    assert len([c for c in certs if c["kind"] == "personal"]) == 9
    assert r.result["unreadable"] == []  # every declared store is there, ltpa.jceks included
    assert snapshot(cfg) == before
    r = run_job(interpreter, cfg, "certificate_report", "--today", "2024-04-01", "--within-days", "20", "--json")
    assert r.rc == 0, r
    start = r.stdout.index("\n{") + 1
    doc = json.loads(r.stdout[start : r.stdout.index("\n}", start) + 2])
    assert doc["within_days"] == 20 and len(doc["certificates"]) == len(certs)
    r = run_job(interpreter, cfg, "certificate_report", "--today", "2028-05-01")
    assert r.rc == 0 and "EXPIRED" in r.stdout, r
    assert snapshot(cfg) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_import_puts_the_issuing_chain_into_the_trust_store(interpreter, cfg, tmp_path):
    from tls_helpers import chained_p12, fingerprint, make_chain

    chain = make_chain("*.example.com")
    p12 = tmp_path / "chained.p12"
    chained_p12(p12, SENTINEL, chain)
    pwfile = tmp_path / "pw"
    pwfile.write_text(SENTINEL + "\n")
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, "import_certificate", *import_args(str(p12), str(pwfile)))
    assert r.rc == 0 and r.result["saved"], r
    signers = [c for c in r.result["changes"] if c["type"] == "SignerCertificate"]
    assert [(c["target"], c["new"]["fingerPrint"]) for c in signers] == [
        ("CellDefaultTrustStore globalkey_signer_1", fingerprint(chain[1][1])),
        ("CellDefaultTrustStore globalkey_signer_2", fingerprint(chain[2][1])),
    ]
    assert r.result["chain_signers"] == ["globalkey_signer_1", "globalkey_signer_2"]
    assert changed_files(before, snapshot(cfg)) == [KEY_P12, TRUST_P12]
    assert_no_secret(r)
    mid = snapshot(cfg)
    again = run_job(interpreter, cfg, "import_certificate", *import_args(str(p12), str(pwfile)))
    assert again.rc == 0 and again.result["changed"] is False, again
    assert "CellDefaultTrustStore already trusts the issuing chain of GlobalKey" in again.stdout
    assert snapshot(cfg) == mid
    # --no-chain: the key store only
    other = copy_sample(tmp_path / "other")
    first = snapshot(other)
    r = run_job(interpreter, other, "import_certificate", *import_args(str(p12), str(pwfile)), "--no-chain")
    assert r.rc == 0 and changed_files(first, snapshot(other)) == [KEY_P12], r
