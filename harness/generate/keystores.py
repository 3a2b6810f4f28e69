"""The key store files of generated fixture cells: every store security.xml declares (write_cell_keystores).

WebSphere keeps its SSL material in PKCS12 files next to the XML: ``cells/C/key.p12`` / ``trust.p12``
(cell scope, used by the deployment manager), ``cells/C/nodes/N/key.p12`` / ``trust.p12`` per federated node,
and the root signing certificate in ``root-key.p12`` (alias ``root``). Personal certificates are called
``default`` and are signed by ``root``; the trust stores hold the signer ``root``. The deployment manager's node
also has ``deleted.p12`` (empty), ``default-signers.p12`` (the root signer), and the RSA token stores
``rsatoken-root-key.p12`` (its own root), ``rsatoken-key.p12`` (``default``, signed by that root; security.xml's
``adminCertificate``) and ``rsatoken-trust.p12`` (that root as signer). The LTPA keys live in the JCEKS file
``cells/C/ltpa.jceks`` (harness.was.jceks; see build_ltpa_jceks). Password of every store: ``WebAS``.

The PKCS12 containers are written by cryptography's PKCS12 serializer (``pkcs12.serialize_key_and_certificates``
for key stores, ``pkcs12.serialize_java_truststore`` for trust stores, which marks the certificates as trusted
entries the way keytool does): keys and certificates encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC),
integrity by HMAC-SHA256 -- what OpenSSL 3 writes by default, so ``openssl pkcs12 -info`` reads them. The empty
``deleted.p12`` is harness.was.keystore's empty container (cryptography refuses to write an empty store).

Reproducibility: the *content* is fixed -- RSA keys are loaded from ``harness/generate/keys/*.pem`` (throw-away
test keys; RSA key generation cannot be seeded) and certificates have fixed serials and validity dates
(PKCS#1 v1.5 signatures are deterministic, so the certificate DER is stable). The PKCS12 container bytes are
not: the serializer draws fresh random salts and IVs on every run. ``ltpa.jceks`` is the same bytes every time
(its salts come from the seed).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from functools import cache

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from harness.was import jceks, keystore

KEYS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "keys")
DEFAULT_PASSWORD = "WebAS"
ITERATIONS = 2048  # OpenSSL 3's default PBKDF2 / MAC iteration count
# Fixed validity so that the certificates never depend on the clock.
# WebSphere's defaults: root 15 years (com.ibm.ssl.rootCertValidDays=5475), personal 1 year (defaultCertReqDays=365);
# the personal certificate here is made long-lived on purpose so that fixtures do not "expire" in tests.
NOT_BEFORE = _dt.datetime(2013, 5, 1, 8, 0, 0, tzinfo=_dt.UTC)
ROOT_NOT_AFTER = NOT_BEFORE + _dt.timedelta(days=5475)
PERSONAL_NOT_AFTER = NOT_BEFORE + _dt.timedelta(days=5474)
STORE_DATE_MS = int(NOT_BEFORE.timestamp() * 1000)  # the date of the JCEKS entries (the profile's creation)
# the RSA token root and its admin certificate reuse pool keys (throw-away test keys, see keys/README.md)
RSATOKEN_ROOT_KEY, RSATOKEN_KEY = "key3", "key2"


def _encryption(password: str) -> serialization.KeySerializationEncryption:
    return (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(ITERATIONS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(password.encode("utf-8"))
    )


def build_pkcs12(entries, password: str = DEFAULT_PASSWORD) -> bytes:
    """Serialize a PKCS12 key store or trust store.

    ``entries``: either one ``("key", alias, private_key, [cert, chain...])`` (a key store: the key and its
    certificate under ``alias``, the rest of the chain without a name) or any number of ``("signer", alias, cert)``
    (a Java trust store: trusted certificate entries). Mixing both kinds in one file is not supported.
    """
    enc = _encryption(password)
    kinds = {e[0] for e in entries}
    if kinds == {"key"} and len(entries) == 1:
        _, alias, key, chain = entries[0]
        return pkcs12.serialize_key_and_certificates(alias.encode("utf-8"), key, chain[0], chain[1:] or None, enc)
    if kinds == {"signer"}:
        return pkcs12.serialize_java_truststore(
            [pkcs12.PKCS12Certificate(cert, alias.encode("utf-8")) for _, alias, cert in entries], enc
        )
    raise ValueError("unsupported key store entries %r" % (sorted(kinds),))  # pragma: no cover


# --------------------------------------------------------------------------------------------------------------
# Keys and certificates
# --------------------------------------------------------------------------------------------------------------
@cache
def load_key(name: str) -> rsa.RSAPrivateKey:
    with open(os.path.join(KEYS_DIR, name + ".pem"), "rb") as f:
        return serialization.load_pem_private_key(f.read(), password=None)


def pool_key(index: int) -> rsa.RSAPrivateKey:
    """The index-th personal key of the fixed pool (round-robin over key0..key3)."""
    return load_key("key%d" % (index % 4))


def _serial(label: str) -> int:
    # 63-bit positive serial derived from the label: stable and unique enough for fixtures.
    return int.from_bytes(hashlib.sha256(label.encode("utf-8")).digest()[:8], "big") >> 1 or 1


def _name(dn: list[tuple]) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in dn])


def make_root_cert(cn: str, cell: str, node: str, seed: int) -> x509.Certificate:
    key = load_key("root")
    subject = _name(
        [
            (NameOID.COUNTRY_NAME, "US"),
            (NameOID.ORGANIZATION_NAME, "IBM"),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, node),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, cell),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, "Root Certificate"),
            (NameOID.COMMON_NAME, cn),
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(_serial("root|%s|%s|%d" % (cell, cn, seed)))
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(ROOT_NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    return builder.sign(key, hashes.SHA256(), rsa_padding=asym_padding.PKCS1v15())


def make_personal_cert(
    cn: str, cell: str, node: str, key: rsa.RSAPrivateKey, root: x509.Certificate, seed: int
) -> x509.Certificate:
    subject = _name(
        [
            (NameOID.COUNTRY_NAME, "US"),
            (NameOID.ORGANIZATION_NAME, "IBM"),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, node),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, cell),
            (NameOID.COMMON_NAME, cn),
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(_serial("default|%s|%s|%s|%d" % (cell, node, cn, seed)))
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(PERSONAL_NOT_AFTER)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(cn)]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(load_key("root").public_key()), critical=False)
    )
    return builder.sign(load_key("root"), hashes.SHA256(), rsa_padding=asym_padding.PKCS1v15())


def write(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def make_rsatoken_root_cert(cn: str, cell: str, node: str, seed: int) -> x509.Certificate:
    """The RSA token root (signs the admin RSA token certificate). [U] its subject: WebSphere's is not in the corpus."""
    key = load_key(RSATOKEN_ROOT_KEY)
    subject = _name(
        [
            (NameOID.COUNTRY_NAME, "US"),
            (NameOID.ORGANIZATION_NAME, "IBM"),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, node),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, cell),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, "RSA Token Root Certificate"),
            (NameOID.COMMON_NAME, cn),
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(_serial("rsaroot|%s|%s|%d" % (cell, cn, seed)))
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(ROOT_NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    return builder.sign(key, hashes.SHA256(), rsa_padding=asym_padding.PKCS1v15())


def make_rsatoken_cert(cn: str, cell: str, node: str, root: x509.Certificate, seed: int) -> x509.Certificate:
    key = load_key(RSATOKEN_KEY)
    subject = _name(
        [
            (NameOID.COUNTRY_NAME, "US"),
            (NameOID.ORGANIZATION_NAME, "IBM"),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, node),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, cell),
            (NameOID.ORGANIZATIONAL_UNIT_NAME, "RSA Token"),
            (NameOID.COMMON_NAME, cn),
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(_serial("rsatoken|%s|%s|%d" % (cell, cn, seed)))
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(PERSONAL_NOT_AFTER)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    return builder.sign(load_key(RSATOKEN_ROOT_KEY), hashes.SHA256(), rsa_padding=asym_padding.PKCS1v15())


def build_ltpa_jceks(keys, seed: int, password: str = DEFAULT_PASSWORD) -> bytes:
    """The CellLTPAKeys store: the shared 3DES key as ``ltpasecret_1`` and the RSA key pair as ``ltpakeypair_1``
    (security.xml's KeyReferences LTPASecret_1 / LTPAKeyPair_1; JceKeyStore lower-cases aliases), both secret-key
    entries. [U] how WebSphere encodes the key pair inside its entry is not public: here the LTPA private-key
    encoding of harness.was.ltpa (the same bytes the export file encrypts), as a SecretKeySpec of algorithm RSA.
    Salts come from the seed, so the file is the same bytes on every generation."""
    salts = _seeded_salts("ltpa|%d" % seed)
    store = jceks.JceksStore(password)
    store.add_secret("LTPASecret_1", "DESede", keys.secret, STORE_DATE_MS, next(salts))
    store.add_secret("LTPAKeyPair_1", "RSA", keys.private_bytes(), STORE_DATE_MS, next(salts))
    return store.serialize(STORE_DATE_MS)


def _seeded_salts(label: str):
    n = 0
    while True:
        n += 1
        yield hashlib.sha256(("%s|%d" % (label, n)).encode("utf-8")).digest()[:8]


def write_cell_keystores(cell_dir: str, declared, hosts: dict, cell: str, dmgr_node: str, seed: int, ltpa_keys) -> list[str]:
    """Write the file of every key store security.xml declares. ``declared``: [{"name", "path" (relative to the
    cell directory), "type", "scope_node" (the node of a node-scoped store, else None)}]; ``hosts``: {node: host}.
    Returns the written paths. A declared store this function has no content for is an error, so security.xml and
    the files cannot drift apart."""
    dmgr_host = hosts[dmgr_node]
    root = make_root_cert(dmgr_host, cell, dmgr_node, seed)
    root_key = load_key("root")
    rsa_root = make_rsatoken_root_cert(dmgr_host, cell, dmgr_node, seed)
    cell_key = pool_key(0)
    node_index = {}

    def node_key_store(node):
        i = node_index.setdefault(node, len(node_index) + 1)
        key = pool_key(i)
        return build_pkcs12([("key", "default", key, [make_personal_cert(hosts[node], cell, node, key, root, seed), root])])

    contents = {
        "CellDefaultKeyStore": lambda node: build_pkcs12(
            [("key", "default", cell_key, [make_personal_cert(dmgr_host, cell, dmgr_node, cell_key, root, seed), root])]
        ),
        "CellDefaultTrustStore": lambda node: build_pkcs12([("signer", "root", root)]),
        "CellLTPAKeys": lambda node: build_ltpa_jceks(ltpa_keys, seed),
        "DmgrDefaultRootStore": lambda node: build_pkcs12([("key", "root", root_key, [root])]),
        "DmgrDefaultDeletedStore": lambda node: keystore.KeyStore(DEFAULT_PASSWORD).serialize(),
        # [L] the default signers a new trust store starts with: the cell's root signer
        "DmgrDefaultSignersStore": lambda node: build_pkcs12([("signer", "root", root)]),
        "DmgrRSATokenRootStore": lambda node: build_pkcs12([("key", "root", load_key(RSATOKEN_ROOT_KEY), [rsa_root])]),
        "DmgrRSATokenKeyStore": lambda node: build_pkcs12(
            [
                (
                    "key",
                    "default",
                    load_key(RSATOKEN_KEY),
                    [make_rsatoken_cert(dmgr_host, cell, dmgr_node, rsa_root, seed), rsa_root],
                )
            ]
        ),
        "DmgrRSATokenTrustStore": lambda node: build_pkcs12([("signer", "root", rsa_root)]),
        "NodeDefaultKeyStore": node_key_store,
        "NodeDefaultTrustStore": lambda node: build_pkcs12([("signer", "root", root)]),
    }
    written = []
    for ks in declared:
        make = contents.get(ks["name"])
        if make is None:
            raise ValueError("no content for the declared key store %s (%s)" % (ks["name"], ks["path"]))
        write(os.path.join(cell_dir, ks["path"]), make(ks["scope_node"]))
        written.append(ks["path"])
    return written
