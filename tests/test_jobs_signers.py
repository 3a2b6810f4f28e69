"""The signers job (issue 13 item 4): list, add from a file, retrieve from a live TLS port, delete; idempotent by
fingerprint; every run on CPython, Jython 2.7 and Jython 2.1."""

import pytest
from jobs_helpers import JOB_INTERPRETERS, changed_files, run_job, snapshot
from tls_helpers import TlsServer, fingerprint, make_chain, pem

CELL = "stconsoleSSCCell1"
TRUST_P12 = "cells/%s/trust.p12" % CELL


@pytest.fixture(scope="module")
def chain():
    return make_chain("media.example.com")


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_retrieve_from_a_port_then_again_changes_nothing(interpreter, sample_config, chain):
    before = snapshot(sample_config)
    with TlsServer(chain) as srv:
        target = "%s:%d" % (srv.host, srv.port)
        dry = run_job(interpreter, sample_config, "signers", "--retrieve", target, "--alias", "media_sip_tls", "--dry-run")
        assert dry.rc == 0 and dry.result["changed"] and not dry.result["saved"], dry
        assert snapshot(sample_config) == before
        r = run_job(interpreter, sample_config, "signers", "--retrieve", target, "--alias", "media_sip_tls")
        assert r.rc == 0 and r.result["saved"], r
        assert r.change_lines == [
            "CHANGE add SignerCertificate [CellDefaultTrustStore media_sip_tls] retrieved from "
            "%s: CN=media.example.com, O=Example, fingerprint %s, valid until 2026-06-09" % (target, fingerprint(chain[0][1]))
        ], r
        assert changed_files(before, snapshot(sample_config)) == [TRUST_P12]
        mid = snapshot(sample_config)
        again = run_job(interpreter, sample_config, "signers", "--retrieve", target, "--alias", "other")
        assert again.rc == 0 and again.result["changed"] is False, again
        assert "already trusts the certificate of %s as media_sip_tls" % target in again.stdout
        assert snapshot(sample_config) == mid
    listed = run_job(interpreter, sample_config, "signers", "--list")
    assert listed.rc == 0 and [s["alias"] for s in listed.result["signers"]] == ["root", "media_sip_tls"], listed
    assert listed.result["signers"][1]["fingerprint"] == fingerprint(chain[0][1])


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_add_a_ca_bundle_and_delete(interpreter, sample_config, chain, tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_bytes(pem(chain[1][1]) + pem(chain[2][1]))
    before = snapshot(sample_config)
    r = run_job(interpreter, sample_config, "signers", "--add", str(bundle), "--alias", "example_ca")
    assert r.rc == 0 and [c["target"] for c in r.result["changes"]] == [
        "CellDefaultTrustStore example_ca",
        "CellDefaultTrustStore example_ca_2",
    ], r
    assert [c["new"]["fingerPrint"] for c in r.result["changes"]] == [fingerprint(chain[1][1]), fingerprint(chain[2][1])]
    assert changed_files(before, snapshot(sample_config)) == [TRUST_P12]
    mid = snapshot(sample_config)
    again = run_job(interpreter, sample_config, "signers", "--add", str(bundle), "--alias", "example_ca")
    assert again.rc == 0 and again.result["changed"] is False and snapshot(sample_config) == mid, again
    # an alias that holds another certificate is refused, nothing written
    leaf = tmp_path / "leaf.pem"
    leaf.write_bytes(pem(chain[0][1]))
    clash = run_job(interpreter, sample_config, "signers", "--add", str(leaf), "--alias", "example_ca")
    assert clash.rc == 1 and "already holds another certificate" in clash.result["error"], clash
    assert snapshot(sample_config) == mid
    gone = run_job(interpreter, sample_config, "signers", "--delete", "example_ca_2")
    assert gone.rc == 0 and gone.result["changes"][0]["action"] == "delete", gone
    twice = run_job(interpreter, sample_config, "signers", "--delete", "example_ca_2")
    assert twice.rc == 0 and twice.result["changed"] is False and "already gone" in twice.stdout


@pytest.mark.parametrize(
    "args, why",
    [
        ([], "give exactly one of"),
        (["--list", "--delete", "x"], "give exactly one of"),
        (["--retrieve", "media.example.com", "--alias", "x"], "HOST:PORT"),
        (["--retrieve", "media.example.com:99999", "--alias", "x"], "HOST:PORT"),
        (["--retrieve", "media.example.com:5081"], "needs --alias"),
        (["--list", "--keystore", "NoSuchStore"], "does not exist"),
    ],
)
@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_bad_input_is_one_error_and_changes_nothing(interpreter, sample_config, args, why):
    before = snapshot(sample_config)
    r = run_job(interpreter, sample_config, "signers", *args)
    assert r.rc in (1, 2) and len(r.error_lines) == 1 and why in r.error_lines[0], r
    assert snapshot(sample_config) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_an_unreachable_port_is_one_error_line(interpreter, sample_config):
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    r = run_job(interpreter, sample_config, "signers", "--retrieve", "127.0.0.1:%d" % port, "--alias", "x")
    assert r.rc == 1 and "CWPKI0657E: Cannot connect to 127.0.0.1:%d" % port in r.error_lines[0], r
