"""JCEKS key stores (WebSphere's ``ltpa.jceks``): read and write Sun's ``JceKeyStore`` format.

    store = JceksStore.load(data, "WebAS")          # KeyStorePasswordError on a wrong password / not JCEKS
    store.personal() / store.signers()               # harness.was.keystore.Entry, as for PKCS12 stores
    store.secret_keys()                              # [SecretEntry]: alias, date, .unseal(password) -> (algorithm, key)
    store.add_secret("ltpasecret_1", "DESede", key_bytes, date_ms, salt)
    data = store.serialize()                         # same password

Format [V: OpenJDK ``com.sun.crypto.provider.JceKeyStore``/``KeyProtector``/``SealedObjectForKeyProtector``;
every file written here is read by ``keytool -storetype JCEKS`` and ``KeyStore.getKey`` of JDK 17 --
tests/test_jceks.py runs them when a JDK is installed]::

    int32 0xCECECECE, int32 version 2, int32 entry count, then per entry
      int32 tag (1 private key, 2 trusted certificate, 3 secret key), UTF alias (lower case), int64 date (ms)
      1: int32 length + EncryptedPrivateKeyInfo (PBEWithMD5AndTripleDES), int32 chain length,
         per certificate: UTF "X.509", int32 length + DER
      2: UTF "X.509", int32 length + DER
      3: a Java serialization stream (its own stream header) of a
         com.sun.crypto.provider.SealedObjectForKeyProtector: the key object (javax.crypto.spec.SecretKeySpec),
         serialized and encrypted with PBEWithMD5AndTripleDES
    SHA-1(password as UTF-16BE || "Mighty Aphrodite" || everything before)

PBEWithMD5AndTripleDES (Sun's own, OID 1.3.6.1.4.1.42.2.19.1): an 8-byte salt whose two halves are each hashed
``iterations`` times as MD5(previous || password) (first half reversed when both halves are equal); the two
digests give the DESede key (24 bytes) and the CBC IV (8 bytes); PKCS#5 padding. The KDF and the Java
serialization records below are the only hand-written parts; DESede, MD5/SHA-1 and the ASN.1 are the
libraries' (cryptography, hashlib, asn1crypto).

[U] WebSphere's IBM JDK writes its own JCEKS provider's files; that they use the same record layout is what
IBM's documentation of interoperable JCEKS key stores implies, not checked on a WebSphere-written file.
"""

import hashlib
import os
import struct
import time

from asn1crypto import algos as _asn1_algos
from asn1crypto import keys as _asn1_keys
from cryptography import x509
from cryptography.hazmat.primitives import padding, serialization
from cryptography.hazmat.primitives.ciphers import Cipher, modes

from harness.was.keystore import CertificateEntries, Entry, KeyStoreError, KeyStorePasswordError, _fold

try:  # cryptography >= 43 keeps DESede in "decrepit"
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
except ImportError:  # pragma: no cover
    from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES

__all__ = ["JceksStore", "SecretEntry", "MAGIC", "VERSION"]

MAGIC = 0xCECECECE
VERSION = 2
TAG_PRIVATE, TAG_TRUSTED, TAG_SECRET = 1, 2, 3
INTEGRITY_SALT = b"Mighty Aphrodite"
PBE_OID = "1.3.6.1.4.1.42.2.19.1"  # PBEWithMD5AndTripleDES
PBE_ALGORITHM = "PBEWithMD5AndTripleDES"
# [U] a choice: the JDK writes 200000 iterations (jdk.jceks.iterationCount), readers accept up to 5000000;
# files made here use the PKCS12 fixtures' count so a generated cell stays quick to make.
ITERATIONS = 2048
MAX_ITERATIONS = 5000000  # [V] KeyProtector.MAX_ITERATION_COUNT: larger is refused on read


# --------------------------------------------------------------------------------------------------------------
# PBEWithMD5AndTripleDES
# --------------------------------------------------------------------------------------------------------------
def _password_bytes(password):
    """PBEKey's encoding: each character's low 7 bits (the JDK refuses non-ASCII passwords)."""
    if any(not (0x20 <= ord(c) <= 0x7E) for c in password):
        raise KeyStoreError("a JCEKS password must be printable ASCII")
    return bytes(ord(c) & 0x7F for c in password)


def _derive(password, salt, iterations):
    salt = bytearray(salt)
    if salt[:4] == salt[4:]:
        salt[0:4] = salt[0:4][::-1]
    pw = _password_bytes(password)
    out = b""
    for half in (bytes(salt[:4]), bytes(salt[4:])):
        h = half
        for _ in range(iterations):
            h = hashlib.md5(h + pw).digest()
        out += h
    return out[:24], out[24:32]


def pbe_encrypt(password, salt, iterations, plain):
    key, iv = _derive(password, salt, iterations)
    padder = padding.PKCS7(64).padder()
    enc = Cipher(TripleDES(key), modes.CBC(iv)).encryptor()
    return enc.update(padder.update(plain) + padder.finalize()) + enc.finalize()


def pbe_decrypt(password, salt, iterations, data):
    if iterations > MAX_ITERATIONS:
        raise KeyStoreError("PBE iteration count too large")
    key, iv = _derive(password, salt, iterations)
    dec = Cipher(TripleDES(key), modes.CBC(iv)).decryptor()
    unpadder = padding.PKCS7(64).unpadder()
    try:
        return unpadder.update(dec.update(data) + dec.finalize()) + unpadder.finalize()
    except ValueError:
        raise KeyStorePasswordError("the password does not decrypt the key") from None


def _pbe_params(salt, iterations):
    return _asn1_algos.Pbes1Params({"salt": salt, "iterations": iterations})


# --------------------------------------------------------------------------------------------------------------
# Java serialization: the two object graphs JceKeyStore writes (SealedObjectForKeyProtector around the encrypted
# serialized SecretKeySpec), and a reader for any stream of plain serializable objects (what those are made of).
# --------------------------------------------------------------------------------------------------------------
STREAM_HEADER = b"\xac\xed\x00\x05"
TC_NULL, TC_REFERENCE, TC_CLASSDESC, TC_OBJECT, TC_STRING, TC_ARRAY = 0x70, 0x71, 0x72, 0x73, 0x74, 0x75
TC_BLOCKDATA, TC_ENDBLOCKDATA, TC_LONGSTRING, TC_ENUM = 0x77, 0x78, 0x7C, 0x7E
SC_WRITE_METHOD, SC_SERIALIZABLE = 0x01, 0x02
BASE_HANDLE = 0x7E0000
# [V] the classes' serialVersionUIDs (JDK sources)
SUID = {
    "com.sun.crypto.provider.SealedObjectForKeyProtector": -3650226485480866989,
    "javax.crypto.SealedObject": 4482838265551344752,
    "javax.crypto.spec.SecretKeySpec": 6577238317307289933,
    "[B": -5984413125824719648,
}


def _utf(text):
    data = text.encode("utf-8")  # the strings here are ASCII: modified UTF-8 is the same bytes
    return struct.pack(">H", len(data)) + data


class _Writer(object):
    """An ObjectOutputStream for classes with default serialization: handles for descriptors, strings, arrays."""

    def __init__(self):
        self.out = bytearray(STREAM_HEADER)
        self.handles = {}
        self.next = BASE_HANDLE

    def _assign(self, key):
        self.handles[key] = self.next
        self.next += 1

    def _ref(self, key):
        if key in self.handles:
            self.out += bytes([TC_REFERENCE]) + struct.pack(">I", self.handles[key])
            return True
        return False

    def string(self, s):
        if self._ref(("s", s)):
            return
        self.out += bytes([TC_STRING]) + _utf(s)
        self._assign(("s", s))

    def class_desc(self, name, fields, super_desc=None):
        """fields: [(type code, name, class name or None)] in the JDK's order (primitives, then by name)."""
        if self._ref(("c", name)):
            return
        self.out += bytes([TC_CLASSDESC]) + _utf(name) + struct.pack(">q", SUID[name]) + bytes([SC_SERIALIZABLE])
        self._assign(("c", name))
        self.out += struct.pack(">H", len(fields))
        for code, fname, cname in fields:
            self.out += code.encode("ascii") + _utf(fname)
            if cname is not None:
                self.string(cname)
        self.out += bytes([TC_ENDBLOCKDATA])
        if super_desc is None:
            self.out += bytes([TC_NULL])
        else:
            self.class_desc(*super_desc)

    def byte_array(self, data):
        self.out += bytes([TC_ARRAY])
        self.class_desc("[B", [])
        self._assign(("a", id(data), len(self.handles)))
        self.out += struct.pack(">i", len(data)) + bytes(data)

    def begin_object(self, name, fields, super_desc=None):
        self.out += bytes([TC_OBJECT])
        self.class_desc(name, fields, super_desc)
        self._assign(("o", len(self.handles)))


_SEALED_FIELDS = [
    ("[", "encodedParams", "[B"),
    ("[", "encryptedContent", "[B"),
    ("L", "paramsAlg", "Ljava/lang/String;"),
    ("L", "sealAlg", "Ljava/lang/String;"),
]


def serialize_secret_key_spec(algorithm, key):
    w = _Writer()
    w.begin_object("javax.crypto.spec.SecretKeySpec", [("L", "algorithm", "Ljava/lang/String;"), ("[", "key", "[B")])
    w.string(algorithm)
    w.byte_array(key)
    return bytes(w.out)


def serialize_sealed_key(encoded_params, encrypted, algorithm=PBE_ALGORITHM):
    w = _Writer()
    w.begin_object("com.sun.crypto.provider.SealedObjectForKeyProtector", [], ("javax.crypto.SealedObject", _SEALED_FIELDS))
    w.byte_array(encoded_params)
    w.byte_array(encrypted)
    w.string(algorithm)
    w.string(algorithm)
    return bytes(w.out)


class JavaObject(object):
    """A deserialized object: ``cls`` (class name) and ``fields`` {name: value}, superclass fields included."""

    def __init__(self, cls):
        self.cls = cls
        self.fields = {}


class _Reader(object):
    """An ObjectInputStream for plain serializable objects (default field data, optional writeObject blocks)."""

    PRIMITIVES = {"B": ">b", "C": ">H", "D": ">d", "F": ">f", "I": ">i", "J": ">q", "S": ">h", "Z": ">?"}

    def __init__(self, data, pos):
        if data[pos : pos + 4] != STREAM_HEADER:
            raise KeyStoreError("not a Java serialization stream")
        self.data = data
        self.pos = pos + 4
        self.handles = []

    def _take(self, n):
        if self.pos + n > len(self.data):
            raise KeyStoreError("truncated Java serialization stream")
        b = self.data[self.pos : self.pos + n]
        self.pos += n
        return b

    def _u8(self):
        return self._take(1)[0]

    def _unpack(self, fmt):
        return struct.unpack(fmt, self._take(struct.calcsize(fmt)))[0]

    def _utf(self, long=False):
        n = self._unpack(">Q" if long else ">H")
        return self._take(n).decode("utf-8", "replace")

    def _skip_annotations(self):
        while True:
            tc = self._u8()
            if tc == TC_ENDBLOCKDATA:
                return
            if tc == TC_BLOCKDATA:
                self._take(self._u8())
            elif tc == 0x7A:  # TC_BLOCKDATALONG
                self._take(self._unpack(">I"))
            else:
                self.pos -= 1
                self.content()

    def class_desc(self):
        tc = self._u8()
        if tc == TC_NULL:
            return None
        if tc == TC_REFERENCE:
            return self.handles[self._unpack(">I") - BASE_HANDLE]
        if tc != TC_CLASSDESC:
            raise KeyStoreError("unsupported Java serialization record 0x%02x" % tc)
        name = self._utf()
        self._take(8)
        desc = {"name": name, "flags": None, "fields": [], "super": None}
        self.handles.append(desc)
        desc["flags"] = self._u8()
        for _ in range(self._unpack(">H")):
            code = chr(self._u8())
            fname = self._utf()
            if code in "[L":
                self.content()
            desc["fields"].append((code, fname))
        self._skip_annotations()
        desc["super"] = self.class_desc()
        return desc

    def content(self):
        tc = self._u8()
        if tc == TC_NULL:
            return None
        if tc == TC_REFERENCE:
            return self.handles[self._unpack(">I") - BASE_HANDLE]
        if tc in (TC_STRING, TC_LONGSTRING):
            s = self._utf(long=tc == TC_LONGSTRING)
            self.handles.append(s)
            return s
        if tc == TC_ARRAY:
            desc = self.class_desc()
            n = self._unpack(">i")
            if desc["name"] == "[B":
                value = bytes(self._take(n))
                self.handles.append(value)
                return value
            items = []
            self.handles.append(items)
            code = desc["name"][1]
            for _ in range(n):
                items.append(self._unpack(self.PRIMITIVES[code]) if code in self.PRIMITIVES else self.content())
            return items
        if tc == TC_ENUM:
            desc = self.class_desc()
            obj = JavaObject(desc["name"])
            self.handles.append(obj)
            obj.fields["name"] = self.content()
            return obj
        if tc == TC_OBJECT:
            desc = self.class_desc()
            obj = JavaObject(desc["name"])
            self.handles.append(obj)
            chain = []
            d = desc
            while d is not None:
                chain.append(d)
                d = d["super"]
            for d in reversed(chain):
                for code, fname in d["fields"]:
                    if code in self.PRIMITIVES:
                        obj.fields[fname] = self._unpack(self.PRIMITIVES[code])
                    else:
                        obj.fields[fname] = self.content()
                if d["flags"] & SC_WRITE_METHOD:
                    self._skip_annotations()
            return obj
        raise KeyStoreError("unsupported Java serialization record 0x%02x" % tc)


def read_object(data, pos=0):
    """(object, end offset) of the first object of the serialization stream at ``pos``."""
    r = _Reader(data, pos)
    obj = r.content()
    return obj, r.pos


# --------------------------------------------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------------------------------------------
class SecretEntry(object):
    """A secret-key entry, kept as its sealed bytes (rewritten unchanged); ``unseal`` opens it."""

    __slots__ = ("alias", "date", "sealed")

    def __init__(self, alias, date, sealed):
        self.alias = alias
        self.date = date
        self.sealed = sealed

    def unseal(self, password):
        """(algorithm, key bytes) of the sealed key: a SecretKeySpec (what this module writes) or the KeyRep the
        JDK's own key classes serialize as."""
        obj, _ = read_object(self.sealed)
        f = obj.fields
        if f.get("sealAlg") != PBE_ALGORITHM:
            raise KeyStoreError("unsupported key protection %s" % f.get("sealAlg"))
        params = _asn1_algos.Pbes1Params.load(f["encodedParams"])
        plain = pbe_decrypt(password, params["salt"].native, params["iterations"].native, f["encryptedContent"])
        key, _ = read_object(plain)
        if key.cls == "javax.crypto.spec.SecretKeySpec":
            return key.fields["algorithm"], key.fields["key"]
        if key.cls == "java.security.KeyRep":
            return key.fields["algorithm"], key.fields["encoded"]
        raise KeyStoreError("unsupported secret key class %s" % key.cls)


def seal_secret(password, algorithm, key, salt, iterations=ITERATIONS):
    params = _pbe_params(salt, iterations).dump()
    encrypted = pbe_encrypt(password, salt, iterations, serialize_secret_key_spec(algorithm, key))
    return serialize_sealed_key(params, encrypted)


def protect_private_key(password, key, salt, iterations=ITERATIONS):
    plain = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    info = _asn1_keys.EncryptedPrivateKeyInfo(
        {
            "encryption_algorithm": {"algorithm": PBE_OID, "parameters": _pbe_params(salt, iterations)},
            "encrypted_data": pbe_encrypt(password, salt, iterations, plain),
        }
    )
    return info.dump()


def recover_private_key(password, data):
    info = _asn1_keys.EncryptedPrivateKeyInfo.load(data)
    alg = info["encryption_algorithm"]
    if alg["algorithm"].dotted != PBE_OID:
        raise KeyStoreError("unsupported private key protection %s" % alg["algorithm"].dotted)
    params = _asn1_algos.Pbes1Params.load(alg["parameters"].dump())
    plain = pbe_decrypt(password, params["salt"].native, params["iterations"].native, info["encrypted_data"].native)
    return serialization.load_der_private_key(plain, None)


def integrity(password, body):
    pw = b"".join(struct.pack(">H", ord(c)) for c in password)
    return hashlib.sha1(pw + INTEGRITY_SALT + body).digest()


class JceksStore(CertificateEntries):
    """Personal and signer certificates (harness.was.keystore.Entry) and secret keys of a JCEKS file.

    ``salts`` gives the salt of each new private-key protection (callable returning 8 bytes); the generator passes a
    seeded one so that its files are reproducible byte for byte, the harness the system's random."""

    def __init__(self, password, entries=(), secrets=(), dates=None, salts=None):
        self.password = password
        self._entries = list(entries)  # as read: the file's own (lower-cased) aliases, not checked again
        self._secrets = list(secrets)
        self._dates = dict(dates or {})  # folded alias -> ms of the certificate entries read
        self._salts = salts

    # ------------------------------------------------------------------ reading
    @classmethod
    def load(cls, data, password, what="key store"):
        data = bytes(data)
        if len(data) < 32 or struct.unpack(">I", data[:4])[0] != MAGIC:
            raise KeyStorePasswordError("%s: not a JCEKS key store" % what)
        body, digest = data[:-20], data[-20:]
        if integrity(password, body) != digest:
            raise KeyStorePasswordError("%s: wrong password, or the key store was tampered with" % what)
        version, count = struct.unpack(">II", data[4:12])
        if version not in (1, 2):
            raise KeyStoreError("%s: unsupported JCEKS version %d" % (what, version))
        store = cls(password)
        pos = 12

        def take(n):
            nonlocal pos
            if pos + n > len(body):
                raise KeyStoreError("%s: truncated JCEKS key store" % what)
            out = body[pos : pos + n]
            pos += n
            return out

        def utf():
            return take(struct.unpack(">H", take(2))[0]).decode("utf-8")

        def cert():
            ctype = utf() if version == 2 else "X.509"
            der = take(struct.unpack(">i", take(4))[0])
            if ctype != "X.509":
                raise KeyStoreError("%s: unsupported certificate type %s" % (what, ctype))
            return x509.load_der_x509_certificate(der)

        for _ in range(count):
            tag = struct.unpack(">i", take(4))[0]
            alias = utf()
            date = struct.unpack(">q", take(8))[0]
            if tag == TAG_PRIVATE:
                protected = take(struct.unpack(">i", take(4))[0])
                chain = [cert() for _ in range(struct.unpack(">i", take(4))[0])]
                key = recover_private_key(password, protected)
                store._entries.append(Entry(alias, key, chain))
                store._dates[_fold(alias)] = date
            elif tag == TAG_TRUSTED:
                store._entries.append(Entry(alias, None, [cert()]))
                store._dates[_fold(alias)] = date
            elif tag == TAG_SECRET:
                _obj, end = read_object(body, pos)
                store._secrets.append(SecretEntry(alias, date, body[pos:end]))
                pos = end
            else:
                raise KeyStoreError("%s: unknown JCEKS entry tag %d" % (what, tag))
        return store

    def secret_keys(self):
        return list(self._secrets)

    def aliases(self):
        return [e.alias for e in self._entries] + [s.alias for s in self._secrets]

    def has(self, alias):
        a = _fold(alias)
        return self.get(alias) is not None or any(_fold(s.alias) == a for s in self._secrets)

    # ------------------------------------------------------------------ changing (JceKeyStore lower-cases aliases)
    def _add(self, entry):
        entry = CertificateEntries._add(self, entry)
        entry.alias = _fold(entry.alias)
        return entry

    def add_secret(self, alias, algorithm, key, date, salt):
        if self.has(alias):
            raise KeyStoreError("the alias %s already exists in the key store" % alias)
        entry = SecretEntry(_fold(alias), date, seal_secret(self.password, algorithm, key, salt))
        self._secrets.append(entry)
        return entry

    # ------------------------------------------------------------------ writing
    def _salt(self):
        if self._salts is not None:
            return self._salts()
        return os.urandom(8)  # only the harness' own writes need fresh randomness

    def serialize(self, date=None):
        """The file; ``date`` (ms, default now) stamps the certificate entries that were not read from a file."""
        if date is None:
            date = int(time.time() * 1000)
        out = bytearray(struct.pack(">III", MAGIC, VERSION, len(self._entries) + len(self._secrets)))

        def cert(c):
            der = c.public_bytes(serialization.Encoding.DER)
            return _utf("X.509") + struct.pack(">i", len(der)) + der

        for e in self._entries:
            stamp = self._dates.get(_fold(e.alias), date)
            if e.personal:
                protected = protect_private_key(self.password, e.key, self._salt())
                out += struct.pack(">i", TAG_PRIVATE) + _utf(e.alias) + struct.pack(">q", stamp)
                out += struct.pack(">i", len(protected)) + protected + struct.pack(">i", len(e.chain))
                for c in e.chain:
                    out += cert(c)
            else:
                out += struct.pack(">i", TAG_TRUSTED) + _utf(e.alias) + struct.pack(">q", stamp) + cert(e.cert)
        for s in self._secrets:
            out += struct.pack(">i", TAG_SECRET) + _utf(s.alias) + struct.pack(">q", s.date) + s.sealed
        return bytes(out) + integrity(self.password, bytes(out))
