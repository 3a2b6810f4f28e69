"""A key store model over PKCS12 bytes (the ``key.p12`` / ``trust.p12`` files next to the XML).

    ks = KeyStore.load(data, "WebAS")          # KeyStorePasswordError on a wrong password
    ks.personal() / ks.signers()               # [Entry]; Entry.alias, .key, .chain, .cert
    ks.add_key("globalkey", key, [cert, ca])   # KeyStoreError if the alias exists
    ks.add_signer("ca", cert); ks.delete("old")
    data = ks.serialize()                      # same password

Every cryptographic operation is done by ``cryptography``: loading (``pkcs12.load_pkcs12``), writing
(``pkcs12.serialize_key_and_certificates`` for a store with a private key, ``pkcs12.serialize_java_truststore``
for a trust store -- PBES2/AES-256-CBC, PBKDF2-HMAC-SHA256, HMAC-SHA256 integrity, like OpenSSL 3 and the
fixture cells).

Harness limitation and the one place it is worked around: cryptography's PKCS12 writer (and OpenSSL's
``PKCS12_parse`` behind its loader) handle exactly ONE private key per file, while a WebSphere key store
often holds several personal certificates (``default`` plus an imported ``GlobalKey``). A store with several
private keys is therefore written as the concatenation of the ContentInfos of one cryptography-made PKCS12 per
private key (the bags and their encryption unchanged), under a new integrity check computed with
cryptography's PBKDF2 and HMAC (PBMAC1, RFC 9579). The outer container (PFX, AuthenticatedSafe, MacData) is
split and assembled with ``asn1crypto``; no ASN.1 and no crypto is hand-written here. ``cryptography``
(OpenSSL >= 3.4) reads such a file and returns its first key; ``KeyStore.load`` reads every key by splitting
the file back into single-key containers. An empty store (cryptography refuses to write one) gets the same
PBMAC1 container with no ContentInfo.

Why PBMAC1 and not the classic PKCS#12 MAC (HMAC keyed by the RFC 7292 appendix B KDF): cryptography has no
public PKCS#12 KDF, and hand-writing one is what this module avoids. Consequence for OpenSSL 3.0 -- 3.3
(e.g. a distribution's ``openssl`` 3.0.x): ``openssl pkcs12 -info -passin pass:WebAS -noout`` fails with
"unsupported ... PBMAC1" / "mac generation error" on a MULTI-KEY or EMPTY store written here; adding
``-nomacver`` lists every bag (keys and certificates decrypt normally, PBES2/AES-256-CBC), only the integrity
check is skipped. Single-key key stores and trust stores are plain cryptography output (classic HMAC-SHA256
MAC) and verify with any OpenSSL 3. OpenSSL >= 3.4 (and thus cryptography's bundled OpenSSL) verifies all.
"""

import os

from asn1crypto import algos as _asn1_algos
from asn1crypto import cms as _asn1_cms
from asn1crypto import core as _asn1_core
from asn1crypto import pkcs12 as _asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives import hmac as _hmac
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.serialization import pkcs12

__all__ = ["Entry", "KeyStore", "KeyStoreError", "KeyStorePasswordError", "load_key_file", "PBES_ITERATIONS"]

PBES_ITERATIONS = 2048  # OpenSSL 3's default (and the fixture cells')
# [V] the password WebSphere gives the key stores it creates (security.xml: {xor}CDo9Hgw=)
DEFAULT_PASSWORD = "WebAS"
# [U] aliases are compared case-insensitively (Java's PKCS12 key store folds them); they are kept as given.
ALIAS_CASE_INSENSITIVE = True


class KeyStoreError(Exception):
    """A key store operation failed; ``str()`` is one line."""


class KeyStorePasswordError(KeyStoreError):
    """The password does not open the PKCS12 data (or the data is not PKCS12)."""


class Entry(object):
    """A key store entry: a personal certificate (``key`` set, ``chain`` = [cert, issuer, ...]) or a signer
    (``key`` None, ``chain`` = [cert])."""

    __slots__ = ("alias", "key", "chain")

    def __init__(self, alias, key, chain):
        self.alias = alias
        self.key = key
        self.chain = list(chain)

    @property
    def cert(self):
        return self.chain[0]

    @property
    def personal(self):
        return self.key is not None

    def __repr__(self):
        return "Entry(%r, %s)" % (self.alias, "personal" if self.personal else "signer")


def _fold(alias):
    return alias.lower() if ALIAS_CASE_INSENSITIVE else alias


def _fp(cert):
    return cert.fingerprint(hashes.SHA256())


def _encryption(password):
    return (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(PBES_ITERATIONS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(password.encode("utf-8"))
    )


class CertificateEntries(object):
    """The certificate entries of a key store (PKCS12 here, JCEKS in harness.was.jceks): read, add, replace, delete."""

    def __init__(self, entries=()):
        self._entries = []
        for e in entries:
            self._add(e)

    def entries(self):
        return list(self._entries)

    def personal(self):
        return [e for e in self._entries if e.personal]

    def signers(self):
        return [e for e in self._entries if not e.personal]

    def aliases(self):
        return [e.alias for e in self._entries]

    def get(self, alias):
        a = _fold(alias)
        for e in self._entries:
            if _fold(e.alias) == a:
                return e
        return None

    def has(self, alias):
        return self.get(alias) is not None

    # ------------------------------------------------------------------ changing
    def _add(self, entry):
        if not entry.alias:
            raise KeyStoreError("a certificate alias must not be empty")
        if self.has(entry.alias):
            raise KeyStoreError("the alias %s already exists in the key store" % entry.alias)
        self._entries.append(entry)
        return entry

    def add_key(self, alias, key, chain):
        """Add a personal certificate: the private key and its chain (leaf first)."""
        chain = list(chain)
        if not chain:
            raise KeyStoreError("a personal certificate needs its certificate")
        if chain[0].public_key().public_numbers() != key.public_key().public_numbers():
            raise KeyStoreError("the certificate for %s does not match its private key" % alias)
        return self._add(Entry(alias, key, chain))

    def add_signer(self, alias, cert):
        return self._add(Entry(alias, None, [cert]))

    def replace_chain(self, alias, chain):
        """Put a (CA-signed) certificate chain on an existing personal entry (receiveCertificate)."""
        e = self.get(alias)
        if e is None or not e.personal:
            raise KeyStoreError("the alias %s does not exist in the key store as a personal certificate" % alias)
        if chain[0].public_key().public_numbers() != e.key.public_key().public_numbers():
            raise KeyStoreError("the certificate does not match the private key of %s" % e.alias)
        e.chain = list(chain)
        return e

    def delete(self, alias):
        e = self.get(alias)
        if e is None:
            raise KeyStoreError("the alias %s does not exist in the key store" % alias)
        self._entries.remove(e)
        return e


class KeyStore(CertificateEntries):
    def __init__(self, password, entries=()):
        self.password = password
        CertificateEntries.__init__(self, entries)

    # ------------------------------------------------------------------ reading
    @classmethod
    def load(cls, data, password, what="key store"):
        """Read PKCS12 bytes. ``what`` names the file in error messages (never the password)."""
        pw = password.encode("utf-8")
        pieces = _split(data, pw)
        loaded = []
        for piece in pieces:
            try:
                loaded.append(pkcs12.load_pkcs12(piece, pw))
            except ValueError:
                raise KeyStorePasswordError("%s: wrong password, or not a PKCS12 file" % what) from None
        store = cls(password)
        personal_fps = set()
        for p in loaded:
            if p.key is not None and p.cert is not None:
                personal_fps.add(_fp(p.cert.certificate))
        unnamed, seen = [], set()
        for p in loaded:
            for c in p.additional_certs:
                if c.friendly_name is None and _fp(c.certificate) not in seen:
                    seen.add(_fp(c.certificate))
                    unnamed.append(c.certificate)
        for p in loaded:
            if p.key is None or p.cert is None:
                continue
            alias = (p.cert.friendly_name or b"").decode("utf-8") or "key%d" % (len(store._entries) + 1)
            if store.get(alias) is None:
                store._entries.append(Entry(alias, p.key, _chain(p.cert.certificate, unnamed)))
        for p in loaded:
            for c in p.additional_certs:
                if c.friendly_name is None or _fp(c.certificate) in personal_fps:
                    continue
                alias = c.friendly_name.decode("utf-8")
                if store.get(alias) is None:
                    store._entries.append(Entry(alias, None, [c.certificate]))
        return store

    # ------------------------------------------------------------------ writing
    def serialize(self):
        enc = _encryption(self.password)
        personal, signers = self.personal(), self.signers()
        signer_certs = [pkcs12.PKCS12Certificate(e.cert, e.alias.encode("utf-8")) for e in signers]
        if not personal:
            if not signer_certs:  # cryptography refuses an empty store: an empty container, same integrity check
                return _pfx([], self.password.encode("utf-8"))
            return pkcs12.serialize_java_truststore(signer_certs, enc)
        pieces = []
        for i, e in enumerate(personal):
            cas = list(e.chain[1:]) + (signer_certs if i == 0 else [])
            pieces.append(pkcs12.serialize_key_and_certificates(e.alias.encode("utf-8"), e.key, e.cert, cas or None, enc))
        if len(pieces) == 1:
            return pieces[0]
        return _join(pieces, self.password.encode("utf-8"))


def load_key_file(data, password, what="key file"):
    """A PKCS12 file to import from: KeyStore (KeyStorePasswordError on a wrong password)."""
    return KeyStore.load(data, password, what)


def _chain(leaf, pool):
    chain = [leaf]
    cur = leaf
    while len(chain) < 10 and cur.issuer != cur.subject:
        nxt = None
        for c in pool:
            if c.subject == cur.issuer and all(_fp(c) != _fp(x) for x in chain):
                nxt = c
                break
        if nxt is None:
            break
        chain.append(nxt)
        cur = nxt
    return chain


# ---------------------------------------------------------------------------------------------------------
# The outer PKCS12 container for stores with several private keys (see the module docstring). asn1crypto only
# splits and re-assembles the PFX / AuthenticatedSafe structure; every bag inside stays as cryptography wrote it,
# and the integrity check is computed by cryptography.
# ---------------------------------------------------------------------------------------------------------
OID_PBMAC1 = "1.2.840.113549.1.5.14"
MAC_ITERATIONS = PBES_ITERATIONS
MAC_SALT_BYTES = 16
MAC_KEY_BYTES = 32  # HMAC-SHA256


class _Pbmac1Params(_asn1_core.Sequence):
    """PBMAC1-params (RFC 8018 A.5): asn1crypto defines the PBKDF2 and HMAC parts, not this wrapper."""

    _fields = [
        ("key_derivation_func", _asn1_algos.KdfAlgorithm),
        ("message_auth_scheme", _asn1_algos.HmacAlgorithm),
    ]


def _content_infos(pfx):
    """The ContentInfos of a PFX's AuthenticatedSafe (asn1crypto objects), or None if the data is not shaped so."""
    try:
        parsed = _asn1_pkcs12.Pfx.load(pfx, strict=True)
        if parsed["auth_safe"]["content_type"].native != "data":
            return None
        infos = list(parsed.authenticated_safe)
        # asn1crypto parses lazily: surface malformed input here, not later
        return infos if all(ci["content_type"].native for ci in infos) else None
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        return None


def _is_plain_data(content_info):
    return content_info["content_type"].native == "data"


def _pfx(content_infos, password):
    auth = _asn1_pkcs12.AuthenticatedSafe(list(content_infos)).dump()
    salt = os.urandom(MAC_SALT_BYTES)
    key = PBKDF2HMAC(hashes.SHA256(), MAC_KEY_BYTES, salt, MAC_ITERATIONS).derive(password)
    mac = _hmac.HMAC(key, hashes.SHA256())
    mac.update(auth)
    hmac_sha256 = {"algorithm": "sha256", "parameters": _asn1_core.Null()}
    params = _Pbmac1Params(
        {
            "key_derivation_func": {
                "algorithm": "pbkdf2",
                "parameters": {
                    "salt": _asn1_algos.Pbkdf2Salt(name="specified", value=salt),
                    "iteration_count": MAC_ITERATIONS,
                    "key_length": MAC_KEY_BYTES,
                    "prf": hmac_sha256,
                },
            },
            "message_auth_scheme": hmac_sha256,
        }
    )
    mac_data = _asn1_pkcs12.MacData(
        {
            "mac": {"digest_algorithm": {"algorithm": OID_PBMAC1, "parameters": params}, "digest": mac.finalize()},
            "mac_salt": b"NOT USED",  # RFC 9579: macSalt ignored, iterations left at its default
        }
    )
    return _asn1_pkcs12.Pfx(
        {
            "version": "v3",
            "auth_safe": _asn1_cms.ContentInfo({"content_type": "data", "content": _asn1_core.OctetString(auth)}),
            "mac_data": mac_data,
        }
    ).dump()


def _join(pieces, password):
    infos = []
    for p in pieces:
        ci = _content_infos(p)
        if ci is None:  # pragma: no cover - cryptography's own output
            raise KeyStoreError("cannot combine PKCS12 containers")
        infos.extend(ci)
    return _pfx(infos, password)


def _split(data, password):
    """One PKCS12 per plain-data ContentInfo (each holds one shrouded key) when there are several; else [data]."""
    infos = _content_infos(data)
    if not infos:
        return [data]
    try:
        keyed = [ci for ci in infos if _is_plain_data(ci)]
    except (ValueError, TypeError, KeyError):
        return [data]
    if len(keyed) < 2:
        return [data]
    # The whole file's integrity first: a wrong password must fail here, not produce a partial store.
    try:
        pkcs12.load_pkcs12(data, password)
    except ValueError:
        return [data]
    # cryptography writes [encrypted certificate bags, key bag] per container: a key goes with the certificate
    # ContentInfos that precede it (its own certificate and chain; the first container also holds the signers).
    pieces, run = [], []
    for ci in infos:
        if _is_plain_data(ci):
            pieces.append(_pfx(run + [ci], password))
            run = []
        else:
            run.append(ci)
    if run:  # certificates after the last key: give them to the first container
        first = _content_infos(pieces[0])
        pieces[0] = _pfx(first + run, password)
    return pieces


def cert_from_bytes(data):
    """A certificate from PEM (base64, "-----BEGIN CERTIFICATE-----") or DER bytes."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise KeyStoreError("the file does not hold an X.509 certificate") from None


def certs_from_bytes(data):
    """Every certificate of a PEM bundle (or the one of a DER file)."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise KeyStoreError("the file does not hold an X.509 certificate") from None
