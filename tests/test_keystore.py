"""harness.was.keystore: the PKCS12 key store model (cryptography for every cryptographic step)."""

import datetime
import os

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from harness.was.keystore import KeyStore, KeyStoreError, KeyStorePasswordError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CELL_DIR = os.path.join(ROOT, "samples", "sametime", "config", "cells", "stconsoleSSCCell1")


def _read(rel):
    with open(os.path.join(CELL_DIR, rel), "rb") as f:
        return f.read()


def make_cert(cn, key=None, days=365, issuer_key=None, issuer_name=None):
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer_name or name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=days))
        .sign(issuer_key or key, hashes.SHA256())
    )
    return key, cert


def test_sample_key_store_and_trust_store():
    ks = KeyStore.load(_read("key.p12"), "WebAS")
    assert [(e.alias, e.personal, len(e.chain)) for e in ks.entries()] == [("default", True, 2)]
    assert ks.get("DEFAULT") is ks.get("default")  # [U] aliases compare case-insensitively
    ts = KeyStore.load(_read("trust.p12"), "WebAS")
    assert [(e.alias, e.personal) for e in ts.entries()] == [("root", False)]
    assert ks.personal()[0].chain[1].fingerprint(hashes.SHA256()) == ts.signers()[0].cert.fingerprint(hashes.SHA256())


@pytest.mark.parametrize("password", ["webas", "", "WebAS "])
def test_wrong_password_is_a_clear_one_line_error(password):
    with pytest.raises(KeyStorePasswordError) as e:
        KeyStore.load(_read("key.p12"), password, "CellDefaultKeyStore")
    assert str(e.value) == "CellDefaultKeyStore: wrong password, or not a PKCS12 file"


def test_not_pkcs12():
    with pytest.raises(KeyStorePasswordError):
        KeyStore.load(b"not a key store", "WebAS")


def test_add_keys_and_signers_round_trip_and_cryptography_reads_it():
    ks = KeyStore.load(_read("key.p12"), "WebAS")
    key, cert = make_cert("*.example.com")
    ks.add_key("GlobalKey", key, [cert])
    _, ca = make_cert("Example CA")
    ks.add_signer("example_ca", ca)
    data = ks.serialize()
    back = KeyStore.load(data, "WebAS")
    assert [(e.alias, e.personal) for e in back.entries()] == [("default", True), ("GlobalKey", True), ("example_ca", False)]
    g = back.get("GlobalKey")
    assert g.cert == cert
    assert g.key.private_numbers() == key.private_numbers()
    assert back.get("default").chain[1].subject == ks.get("default").chain[1].subject
    # cryptography alone opens the file (its loader returns the first key, the other certificates by name)
    p = pkcs12.load_pkcs12(data, b"WebAS")
    names = {c.friendly_name for c in p.additional_certs} | {p.cert.friendly_name}
    assert {b"default", b"GlobalKey", b"example_ca"} <= names
    with pytest.raises(KeyStorePasswordError):
        KeyStore.load(data, "wrong")


def test_single_key_store_is_plain_cryptography_output():
    key, cert = make_cert("*.example.com")
    ks = KeyStore("pw", [])
    ks.add_key("only", key, [cert])
    p = pkcs12.load_pkcs12(ks.serialize(), b"pw")
    assert p.cert.friendly_name == b"only" and p.key.private_numbers() == key.private_numbers()


def test_three_keys_with_the_same_certificate_keep_their_aliases():
    ks = KeyStore.load(_read("key.p12"), "WebAS")
    key, cert = make_cert("*.example.com")
    ks.add_key("a", key, [cert])
    ks.add_key("b", key, [cert])
    back = KeyStore.load(ks.serialize(), "WebAS")
    assert back.aliases() == ["default", "a", "b"]


def test_alias_rules():
    ks = KeyStore.load(_read("key.p12"), "WebAS")
    key, cert = make_cert("x")
    with pytest.raises(KeyStoreError, match="already exists"):
        ks.add_key("Default", key, [cert])
    with pytest.raises(KeyStoreError, match="does not exist"):
        ks.delete("nope")
    other, _ = make_cert("y")
    with pytest.raises(KeyStoreError, match="does not match"):
        ks.add_key("mismatch", other, [cert])
    ks.add_signer("s", cert)
    ks.delete("default")
    back = KeyStore.load(ks.serialize(), "WebAS")
    assert [(e.alias, e.personal) for e in back.entries()] == [("s", False)]


def test_replace_chain_for_a_received_certificate():
    ca_key, ca = make_cert("CA")
    key, placeholder = make_cert("chat.example.com")
    ks = KeyStore("WebAS")
    ks.add_key("chat", key, [placeholder])
    _, signed = make_cert("chat.example.com", key=key, issuer_key=ca_key, issuer_name=ca.subject)
    ks.replace_chain("chat", [signed, ca])
    back = KeyStore.load(ks.serialize(), "WebAS")
    assert back.get("chat").chain == [signed, ca]
    _, wrong = make_cert("other")
    with pytest.raises(KeyStoreError):
        ks.replace_chain("chat", [wrong])


def test_empty_store_round_trip():
    data = KeyStore("pw").serialize()
    assert KeyStore.load(data, "pw").entries() == []
    assert pkcs12.load_pkcs12(data, b"pw").additional_certs == []
    with pytest.raises(KeyStorePasswordError):
        KeyStore.load(data, "wrong")


def test_key_file_with_encryption_of_other_tools():
    key, cert = make_cert("*.example.com")
    data = pkcs12.serialize_key_and_certificates(b"wild", key, cert, None, serialization.BestAvailableEncryption(b"s3cret"))
    ks = KeyStore.load(data, "s3cret")
    assert ks.aliases() == ["wild"] and ks.get("wild").personal


def _multi_key_store():
    ks = KeyStore.load(_read("key.p12"), "WebAS")
    key, cert = make_cert("*.example.com")
    ks.add_key("GlobalKey", key, [cert])
    return ks.serialize()


def test_multi_key_container_is_pbmac1_over_the_authenticated_safe():
    from asn1crypto import pkcs12 as a12
    from cryptography.hazmat.primitives import hmac
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    from harness.was.keystore import _Pbmac1Params

    pfx = a12.Pfx.load(_multi_key_store())
    assert pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native == "data"
    kinds = [ci["content_type"].native for ci in pfx.authenticated_safe]
    assert kinds.count("data") == 2  # one shrouded-key ContentInfo per private key
    alg = pfx["mac_data"]["mac"]["digest_algorithm"]
    assert alg["algorithm"].dotted == "1.2.840.113549.1.5.14"  # PBMAC1
    params = alg["parameters"].parse(_Pbmac1Params)
    kdf = params["key_derivation_func"]["parameters"]
    assert params["message_auth_scheme"]["algorithm"].native == "sha256" and kdf["prf"]["algorithm"].native == "sha256"
    key = PBKDF2HMAC(hashes.SHA256(), kdf["key_length"].native, kdf["salt"].native, kdf["iteration_count"].native).derive(
        b"WebAS"
    )
    mac = hmac.HMAC(key, hashes.SHA256())
    mac.update(pfx["auth_safe"]["content"].native)
    mac.verify(pfx["mac_data"]["mac"]["digest"].native)


def _openssl(*args, data):
    import shutil
    import subprocess
    import tempfile

    exe = shutil.which("openssl")
    if exe is None:
        pytest.skip("no openssl on PATH")
    with tempfile.NamedTemporaryFile(suffix=".p12") as f:
        f.write(data)
        f.flush()
        r = subprocess.run([exe, "pkcs12", "-in", f.name, "-passin", "pass:WebAS", *args], capture_output=True, text=True)
    version = subprocess.run([exe, "version"], capture_output=True, text=True).stdout.split()
    return r, tuple(int(x) for x in version[1].split(".")[:2]) if version[:1] == ["OpenSSL"] else None


def test_openssl_reads_stores():
    # single-key stores are plain cryptography output: classic MAC, every OpenSSL 3 verifies it
    r, _ = _openssl("-info", "-noout", data=_read("key.p12"))
    assert r.returncode == 0, r.stderr
    data = _multi_key_store()
    # every bag of a multi-key store decrypts; only the PBMAC1 integrity check needs OpenSSL >= 3.4
    r, version = _openssl("-info", "-nomacver", "-nokeys", data=data)
    assert r.returncode == 0, r.stderr
    assert "GlobalKey" in r.stdout and "default" in r.stdout
    r, version = _openssl("-info", "-noout", data=data)
    if version is not None and version >= (3, 4):
        assert r.returncode == 0, r.stderr
    elif version is not None:
        assert r.returncode != 0 and "PBMAC1" in r.stderr  # the limit documented in harness.was.keystore
