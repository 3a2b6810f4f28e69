"""LTPA keys of a cell: real key material (3DES shared key, RSA-1024 key pair), WebSphere's export format,
and where the harness keeps them.

Export format -- a java.util.Properties text like WebSphere's ``ltpa.keys`` / ``exportLTPAKeys`` file::

    #IBM WebSphere Application Server key file
    #Thu May 02 10:00:00 CEST 2013
    com.ibm.websphere.CreationDate=Thu May 02 10\\:00\\:00 CEST 2013
    com.ibm.websphere.ltpa.version=1.0
    com.ibm.websphere.ltpa.3DESKey=<base64 of 3DES-encrypted 24-byte shared key>
    com.ibm.websphere.CreationHost=<dmgr host>
    com.ibm.websphere.ltpa.PrivateKey=<base64 of 3DES-encrypted IBM private-key encoding>
    com.ibm.websphere.ltpa.Realm=<realm of the active user registry>
    com.ibm.websphere.ltpa.PublicKey=<base64 of the IBM public-key encoding, not encrypted>

Encryption [L, as WebSphere/Liberty's LTPA key file utility does it]: key = SHA-1(UTF-8 password) (20 bytes)
padded with zero bytes to 24, used as a 3DES (DESede) key in ECB mode with PKCS#5 padding.

Key encodings [L/U, reconstructed from the published LTPA key layout]:
  public key  = BigInteger(n).toByteArray() || e (3 bytes)         -- 129 + 3 = 132 bytes for RSA-1024
  private key = int32(len(d)) || BigInteger(d).toByteArray() || e (3 bytes) || p || q   (p, q as toByteArray,
                65 bytes each for 512-bit primes)
[U] the property name of the shared key: WebSphere files say ``com.ibm.websphere.ltpa.3DESKey``; the spec
text (wsadmin-semantics.md section 6) says ``...ltpa.DESKey``.  We write 3DESKey and read either.

Storage [U, harness-only]: WebSphere keeps the keys in ``cells/C/ltpa.jceks`` (JCEKS, which `cryptography`
cannot write).  The harness keeps them in ``cells/C/stwas-ltpa.properties`` -- the export format above,
encrypted with the password of the CellLTPAKeys key store of security.xml ({xor}-decoded; "WebAS" in a
generated cell).  The file is staged in the workspace through the repository's raw document API and written
only by AdminConfig.save().  A cell without that file has "first start" keys derived deterministically from
the cell's identity (cell name, DefaultCoreGroup coreGroupUID, dmgr ServerEntry id): every session sees the
same keys, two generated cells with different --seed get different keys, and reading never writes.
"""

import base64
import hashlib
import os
import struct
import time

from harness.base import lazymodule
from harness.base import messages as M
from harness.was.cellinfo import CellInfo

# cryptography is imported at its first use (harness.base.lazymodule): every session imports this module (the
# MBeans, AdminControl), few touch the keys.  cryptography >= 43 keeps DESede in "decrepit".
algorithms = lazymodule.Module(
    "cryptography.hazmat.decrepit.ciphers.algorithms", "cryptography.hazmat.primitives.ciphers.algorithms"
)
ciphers = lazymodule.Module("cryptography.hazmat.primitives.ciphers")
modes = lazymodule.Module("cryptography.hazmat.primitives.ciphers.modes")
padding = lazymodule.Module("cryptography.hazmat.primitives.padding")
rsa = lazymodule.Module("cryptography.hazmat.primitives.asymmetric.rsa")

KEY_FILE_HEADER = "IBM WebSphere Application Server key file"
P_CREATION_DATE = "com.ibm.websphere.CreationDate"
P_CREATION_HOST = "com.ibm.websphere.CreationHost"
P_VERSION = "com.ibm.websphere.ltpa.version"
P_SECRET = "com.ibm.websphere.ltpa.3DESKey"
P_SECRET_ALIASES = ("com.ibm.websphere.ltpa.3DESKey", "com.ibm.websphere.ltpa.DESKey")
P_PRIVATE = "com.ibm.websphere.ltpa.PrivateKey"
P_PUBLIC = "com.ibm.websphere.ltpa.PublicKey"
P_REALM = "com.ibm.websphere.ltpa.Realm"
LTPA_VERSION = "1.0"
# [L] the order a real WebSphere key file shows (Hashtable order of the JDK that wrote it)
PROPERTY_ORDER = (P_CREATION_DATE, P_VERSION, P_SECRET, P_CREATION_HOST, P_PRIVATE, P_REALM, P_PUBLIC)

STORE_NAME = "stwas-ltpa.properties"
STORE_HEADER = "stwas harness LTPA keys of cell %s (stands in for ltpa.jceks; encrypted with the CellLTPAKeys password)"
DEFAULT_KEYSTORE_PASSWORD = "WebAS"
DEFAULT_REALM = "defaultWIMFileBasedRealm"
RSA_BITS = 1024
PUBLIC_EXPONENT = 65537

# [U] messages (harness ids; WebSphere's own texts for these failures are unknown)


class LTPAError(Exception):
    """Any LTPA key failure (bad password, bad file); the message is user-facing and holds no secret."""


# -------------------------------------------------------------------------------------------------
# java.util.Properties text
# -------------------------------------------------------------------------------------------------
def _escape(s, is_key):
    out = []
    for i, ch in enumerate(s):
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == " ":
            out.append("\\ " if (i == 0 or is_key) else " ")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\f":
            out.append("\\f")
        elif ch in "=:#!":
            out.append("\\" + ch)
        elif o < 0x20 or o > 0x7E:
            out.append(
                "\\u%04X" % o if o <= 0xFFFF else "".join("\\u%04X" % c for c in struct.unpack(">2H", ch.encode("utf-16-be")))
            )
        else:
            out.append(ch)
    return "".join(out)


def java_date(t=None):
    """Java's Date.toString(): ``Thu May 02 10:00:00 CEST 2013`` (local time zone)."""
    lt = time.localtime(time.time() if t is None else t)
    return time.strftime("%a %b %d %H:%M:%S ", lt) + (time.strftime("%Z", lt) or "UTC") + time.strftime(" %Y", lt)


class Properties(object):
    """java.util.Properties, the parts scripts use; keeps insertion order.  store()/load() take a path,
    a binary file object, or the FileOutputStream/FileInputStream shims."""

    def __init__(self, defaults=None):
        self._d = {}
        self._order = []
        if defaults:
            for k, v in defaults.items() if hasattr(defaults, "items") else defaults:
                self.setProperty(k, v)

    # -- map API --------------------------------------------------------------------------------
    def setProperty(self, key, value):  # noqa: N802
        key, value = str(key), str(value)
        old = self._d.get(key)
        if key not in self._d:
            self._order.append(key)
        self._d[key] = value
        return old

    put = setProperty

    def getProperty(self, key, default=None):  # noqa: N802
        return self._d.get(str(key), default)

    def get(self, key):
        return self._d.get(str(key))

    def remove(self, key):
        key = str(key)
        if key in self._d:
            self._order.remove(key)
        return self._d.pop(key, None)

    def containsKey(self, key):  # noqa: N802
        return str(key) in self._d

    def size(self):
        return len(self._d)

    def isEmpty(self):  # noqa: N802
        return not self._d

    def keys(self):
        return list(self._order)

    def stringPropertyNames(self):  # noqa: N802
        return list(self._order)

    propertyNames = stringPropertyNames

    def keySet(self):  # noqa: N802
        return list(self._order)

    def items(self):
        return [(k, self._d[k]) for k in self._order]

    def clear(self):
        self._d.clear()
        del self._order[:]

    def __contains__(self, key):
        return str(key) in self._d

    def __getitem__(self, key):
        return self._d[str(key)]

    def __len__(self):
        return len(self._d)

    def __iter__(self):
        return iter(list(self._order))

    def __eq__(self, other):
        return isinstance(other, Properties) and self._d == other._d

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def toString(self):  # noqa: N802
        return "{" + ", ".join("%s=%s" % kv for kv in reversed(self.items())) + "}"

    __str__ = toString
    __repr__ = toString

    # -- text ------------------------------------------------------------------------------------
    def to_text(self, comments=None, date=None, newline="\n"):
        lines = []
        if comments is not None:
            for c in str(comments).splitlines() or [""]:
                lines.append("#" + c)
        lines.append("#" + (date or java_date()))
        for k in self._order:
            lines.append("%s=%s" % (_escape(k, True), _escape(self._d[k], False)))
        return newline.join(lines) + newline

    def store(self, out, comments=None):
        data = self.to_text(comments).encode("latin-1")
        _write(out, data)

    def load(self, inp):
        self.load_text(_read(inp).decode("latin-1"))

    def load_text(self, text):
        for key, value in parse_properties(text):
            self.setProperty(key, value)
        return self

    @classmethod
    def from_text(cls, text):
        return cls().load_text(text)


def _write(out, data):
    if isinstance(out, str):
        with open(out, "wb") as f:
            f.write(data)
        return
    out.write(data)
    flush = getattr(out, "flush", None)
    if callable(flush):
        flush()


def _read(inp):
    if isinstance(inp, str):
        with open(inp, "rb") as f:
            return f.read()
    return inp.read()


def _logical_lines(text):
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].lstrip(" \t\f")
        i += 1
        if not line or line[0] in "#!":
            continue
        while True:
            n = len(line) - len(line.rstrip("\\"))
            if n % 2 == 1 and i <= len(lines):
                line = line[:-1] + (lines[i].lstrip(" \t\f") if i < len(lines) else "")
                i += 1
                if i > len(lines):
                    break
            else:
                break
        yield line


def _unescape(s):
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            if nxt == "u" and i + 6 <= len(s):
                out.append(chr(int(s[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append({"t": "\t", "n": "\n", "r": "\r", "f": "\f"}.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    text = "".join(out)
    try:  # join surrogate pairs written as two \\u escapes
        return text.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeError:
        return text


def parse_properties(text):
    """[(key, value)] of a java.util.Properties text."""
    out = []
    for line in _logical_lines(text):
        i, n = 0, len(line)
        while i < n:
            ch = line[i]
            if ch == "\\":
                i += 2
                continue
            if ch in "=: \t\f":
                break
            i += 1
        key = line[:i]
        j = i
        while j < n and line[j] in " \t\f":
            j += 1
        if j < n and line[j] in "=:":
            j += 1
            while j < n and line[j] in " \t\f":
                j += 1
        out.append((_unescape(key), _unescape(line[j:])))
    return out


# -------------------------------------------------------------------------------------------------
# crypto
# -------------------------------------------------------------------------------------------------
def password_text(password):
    """A password given as str, bytes/bytearray (String.getBytes()), a list of signed ints (a Java byte[]
    across the bridge) -> str."""
    if password is None:
        raise LTPAError(M.LTPA_NO_PASSWORD)
    if isinstance(password, (bytes, bytearray)):
        return bytes(password).decode("utf-8")
    if isinstance(password, (list, tuple)):
        return bytes(b & 0xFF for b in password).decode("utf-8")
    return str(password)


def password_key(password):
    """[L] SHA-1 of the UTF-8 password, zero-padded to a 24-byte 3DES key."""
    return hashlib.sha1(password.encode("utf-8")).digest() + b"\0" * 4  # noqa: S324 - WebSphere's scheme


def _cipher(key):
    return ciphers.Cipher(algorithms.TripleDES(key), modes.ECB())  # noqa: S305 - the LTPA key file format is ECB


def encrypt(data, password):
    p = padding.PKCS7(64).padder()
    padded = p.update(data) + p.finalize()
    enc = _cipher(password_key(password)).encryptor()
    return enc.update(padded) + enc.finalize()


def decrypt(data, password):
    """Raises LTPAError on a padding error (the usual sign of a wrong password)."""
    if not data or len(data) % 8:
        raise LTPAError(M.LTPA_BAD_PASSWORD)
    dec = _cipher(password_key(password)).decryptor()
    padded = dec.update(data) + dec.finalize()
    u = padding.PKCS7(64).unpadder()
    try:
        return u.update(padded) + u.finalize()
    except ValueError:
        raise LTPAError(M.LTPA_BAD_PASSWORD)


def _to_byte_array(n):
    """Java BigInteger.toByteArray() for n >= 0."""
    length = n.bit_length() // 8 + 1
    return n.to_bytes(length, "big")


def _odd_parity(key):
    out = bytearray()
    for b in bytearray(key):
        b &= 0xFE
        if bin(b).count("1") % 2 == 0:
            b |= 1
        out.append(b)
    return bytes(out)


class LTPAKeys(object):
    """One LTPA key set: ``secret`` (24-byte 3DES key), ``n, e, d, p, q`` (RSA), realm, host, date."""

    def __init__(self, secret, n, e, d, p, q, realm=DEFAULT_REALM, host="localhost", date=None):
        self.secret = bytes(secret)
        self.n, self.e, self.d, self.p, self.q = n, e, d, p, q
        self.realm = realm
        self.host = host
        self.date = date

    # -- encodings ---------------------------------------------------------------------------------
    def public_bytes(self):
        return _to_byte_array(self.n) + self.e.to_bytes(3, "big")

    def private_bytes(self):
        d = _to_byte_array(self.d)
        return struct.pack(">i", len(d)) + d + self.e.to_bytes(3, "big") + _to_byte_array(self.p) + _to_byte_array(self.q)

    def material(self):
        """What identifies the keys (for comparisons): (secret, private encoding, public encoding)."""
        return (self.secret, self.private_bytes(), self.public_bytes())

    def private_key(self):
        """The RSA private key as a `cryptography` object (checks the numbers)."""
        pub = rsa.RSAPublicNumbers(self.e, self.n)
        priv = rsa.RSAPrivateNumbers(
            self.p,
            self.q,
            self.d,
            rsa.rsa_crt_dmp1(self.d, self.p),
            rsa.rsa_crt_dmq1(self.d, self.q),
            rsa.rsa_crt_iqmp(self.p, self.q),
            pub,
        )
        return priv.private_key()

    def same_keys(self, other):
        return other is not None and self.material() == other.material()

    # -- Properties --------------------------------------------------------------------------------
    def to_properties(self, password, date=None, host=None):
        if not password:
            raise LTPAError(M.LTPA_NO_PASSWORD)
        values = {
            P_CREATION_DATE: date or self.date or java_date(),
            P_VERSION: LTPA_VERSION,
            P_SECRET: base64.b64encode(encrypt(self.secret, password)).decode("ascii"),
            P_CREATION_HOST: host or self.host,
            P_PRIVATE: base64.b64encode(encrypt(self.private_bytes(), password)).decode("ascii"),
            P_REALM: self.realm,
            P_PUBLIC: base64.b64encode(self.public_bytes()).decode("ascii"),
        }
        props = Properties()
        for k in PROPERTY_ORDER:
            props.setProperty(k, values[k])
        return props

    @classmethod
    def from_properties(cls, props, password):
        """Decrypt and check a key file's properties; LTPAError when anything does not fit."""
        if not password:
            raise LTPAError(M.LTPA_NO_PASSWORD)
        get = props.getProperty

        def b64(name, value):
            if not value:
                raise LTPAError(M.LTPA_BAD_FORMAT % name)
            try:
                return base64.b64decode(value.strip(), validate=False)
            except (ValueError, TypeError):
                raise LTPAError(M.LTPA_BAD_FORMAT % name)

        secret_name = next((k for k in P_SECRET_ALIASES if get(k)), P_SECRET)
        enc_secret = b64(secret_name, get(secret_name))
        enc_private = b64(P_PRIVATE, get(P_PRIVATE))
        public = b64(P_PUBLIC, get(P_PUBLIC))
        secret = decrypt(enc_secret, password)
        if len(secret) != 24:
            raise LTPAError(M.LTPA_BAD_PASSWORD)
        private = decrypt(enc_private, password)
        try:
            (dlen,) = struct.unpack(">i", private[:4])
            d = int.from_bytes(private[4 : 4 + dlen], "big")
            rest = private[4 + dlen :]
            e = int.from_bytes(rest[:3], "big")
            primes = rest[3:]
            half = len(primes) // 2
            p, q = int.from_bytes(primes[:half], "big"), int.from_bytes(primes[half:], "big")
            n, pub_e = int.from_bytes(public[:-3], "big"), int.from_bytes(public[-3:], "big")
        except (struct.error, ValueError):
            raise LTPAError(M.LTPA_BAD_PASSWORD)
        if dlen <= 0 or len(primes) % 2 or not p or not q or p * q != n or e != pub_e:
            raise LTPAError(M.LTPA_BAD_PASSWORD)
        if (d * e) % ((p - 1) * (q - 1) // _gcd(p - 1, q - 1)) != 1:
            raise LTPAError(M.LTPA_BAD_PASSWORD)
        return cls(
            secret, n, e, d, p, q, realm=get(P_REALM) or DEFAULT_REALM, host=get(P_CREATION_HOST) or "", date=get(P_CREATION_DATE)
        )

    # -- files -------------------------------------------------------------------------------------
    def export_text(self, password, date=None, host=None):
        """The key file AdminTask.exportLTPAKeys writes (header comment, date comment, properties)."""
        return self.to_properties(password, date, host).to_text(KEY_FILE_HEADER)

    @classmethod
    def from_text(cls, text, password):
        return cls.from_properties(Properties.from_text(text), password)


def _gcd(a, b):
    while b:
        a, b = b, a % b
    return a


# -------------------------------------------------------------------------------------------------
# deterministic key generation (first-start keys of a cell)
# -------------------------------------------------------------------------------------------------
class _DRBG(object):
    """SHA-256 in counter mode over a seed: reproducible bytes (NOT for real secrets)."""

    def __init__(self, seed):
        self.seed = hashlib.sha256(seed).digest()
        self.counter = 0
        self.buf = b""

    def read(self, n):
        while len(self.buf) < n:
            self.counter += 1
            self.buf += hashlib.sha256(self.seed + struct.pack(">Q", self.counter)).digest()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def below(self, limit):
        nbytes = (limit.bit_length() + 7) // 8 + 8
        return int.from_bytes(self.read(nbytes), "big") % limit


_SMALL_PRIMES = [p for p in range(3, 2000) if all(p % k for k in range(2, int(p**0.5) + 1))]


def _is_probable_prime(n, rng, rounds=40):
    if n < 2:
        return False
    for sp in _SMALL_PRIMES:
        if n % sp == 0:
            return n == sp
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(rounds):
        a = 2 + rng.below(n - 3)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(rng, bits, e):
    while True:
        c = int.from_bytes(rng.read(bits // 8), "big") | (3 << (bits - 2)) | 1
        if (c - 1) % e and _is_probable_prime(c, rng):
            return c


def generate_keys(seed=None, realm=DEFAULT_REALM, host="localhost"):
    """A fresh key set; deterministic when ``seed`` (bytes) is given, random otherwise."""
    if seed is None:
        key = rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=RSA_BITS)
        nums = key.private_numbers()
        secret = _odd_parity(os.urandom(24))
        p, q = nums.p, nums.q
    else:
        rng = _DRBG(b"stwas-ltpa|" + seed)
        secret = _odd_parity(rng.read(24))
        while True:
            p = _prime(rng, RSA_BITS // 2, PUBLIC_EXPONENT)
            q = _prime(rng, RSA_BITS // 2, PUBLIC_EXPONENT)
            if p != q:
                break
        if p < q:
            p, q = q, p
    n = p * q
    lam = (p - 1) * (q - 1) // _gcd(p - 1, q - 1)
    d = pow(PUBLIC_EXPONENT, -1, lam)
    return LTPAKeys(secret, n, PUBLIC_EXPONENT, d, p, q, realm=realm, host=host)


# -------------------------------------------------------------------------------------------------
# the keys of a cell, in a repository workspace
# -------------------------------------------------------------------------------------------------
def cell_identity(cell, core_group_uid, dmgr_node, dmgr_entry_id):
    """The bytes that seed a cell's first-start keys: cell name, the DefaultCoreGroup's coreGroupUID (None: no
    core group document), the dmgr's node (None: no dmgr) and the xmi:id of its ServerEntry (None: not found).
    CellLTPA reads them from the repository; the fixture generator passes them from its model, so the keys it
    writes into a generated cell's ltpa.jceks are the keys the harness serves for that cell."""
    parts = [cell]
    if core_group_uid is not None:
        parts.append(core_group_uid)
    parts.append(dmgr_node or "")
    if dmgr_node is not None and dmgr_entry_id is not None:
        parts.append(dmgr_entry_id)
    return "|".join(parts).encode("utf-8")


def xor_decode(text):
    """WebSphere {xor} decoding (each byte XOR 0x5F, base64)."""
    if text is None:
        return None
    if not text.startswith("{xor}"):
        return text
    raw = base64.b64decode(text[5:])
    return bytes(b ^ 0x5F for b in bytearray(raw)).decode("utf-8")


class CellLTPA(object):
    """The LTPA keys of the repository's cell.  ``current()`` reads the workspace (staged import first,
    then the stored file, then the deterministic first-start keys); ``import_keys`` stages a change."""

    def __init__(self, repository, info=None):
        self.repository = repository
        if info is None:
            info = CellInfo(repository)
        self.info = info
        self.cell = repository.cell_name
        self.uri = "cells/%s/%s" % (self.cell, STORE_NAME)

    # -- cell facts --------------------------------------------------------------------------------
    def _security_root(self):
        uri = "cells/%s/security.xml" % self.cell
        if not self.repository.exists(uri):
            return None
        doc = self.repository.doc(uri)
        return doc.root if doc is not None else None

    def realm(self):
        root = self._security_root()
        if root is None:
            return DEFAULT_REALM
        active = root.get("activeUserRegistry")
        for el in root:
            if (
                isinstance(el.tag, str)
                and el.tag.rsplit("}", 1)[-1] == "userRegistries"
                and el.get("{http://www.omg.org/XMI}id") == active
            ):
                return el.get("realm") or DEFAULT_REALM
        return DEFAULT_REALM

    def keystore_password(self):
        root = self._security_root()
        if root is not None:
            for el in root:
                if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] == "keyStores" and el.get("name") == "CellLTPAKeys":
                    pw = xor_decode(el.get("password"))
                    if pw:
                        return pw
        return DEFAULT_KEYSTORE_PASSWORD

    def identity(self):
        """Bytes that identify the cell (see module doc and :func:`cell_identity`)."""
        core_group_uid = None
        uri = "cells/%s/coregroups/DefaultCoreGroup/coregroup.xml" % self.cell
        if self.repository.exists(uri):
            doc = self.repository.doc(uri)
            try:
                core_group_uid = doc.root.get("coreGroupUID") or ""
            except Exception:  # noqa: BLE001
                core_group_uid = ""
        dmgr = self.info.dmgr
        entry_id = None
        if dmgr is not None:
            for obj in self.repository.iter_objects("ServerEntry", strict=False):
                if obj.elem.get("serverType") == "DEPLOYMENT_MANAGER":
                    entry_id = obj.xmiid or ""
                    break
        return cell_identity(self.cell, core_group_uid, dmgr.node if dmgr else None, entry_id)

    # -- keys --------------------------------------------------------------------------------------
    def stored(self):
        """The keys of the workspace's key store file, or None when the cell has none."""
        data = self.repository.current_bytes(self.uri)
        if data is None:
            return None
        try:
            return LTPAKeys.from_text(data.decode("latin-1"), self.keystore_password())
        except LTPAError:
            raise LTPAError(M.LTPA_STORE_UNREADABLE % self.uri)

    def current(self):
        keys = self.stored()
        if keys is None:
            keys = generate_keys(self.identity(), realm=self.realm(), host=self.info.dmgr_host)
            keys.date = None
        return keys

    def export_properties(self, password):
        """java.util.Properties of the current keys encrypted with ``password`` (SecurityAdmin MBean)."""
        keys = self.current()
        return keys.to_properties(password, date=java_date(), host=self.info.dmgr_host)

    def export_text(self, password):
        keys = self.current()
        return keys.to_properties(password, date=java_date(), host=self.info.dmgr_host).to_text(KEY_FILE_HEADER)

    def import_properties(self, props, password):
        """Make the keys of ``props`` current.  Returns True when the workspace changed, False when the
        cell already has exactly these keys.  Raises LTPAError (nothing staged) on a bad password/file."""
        if not isinstance(props, Properties):
            props = Properties(props)
        new = LTPAKeys.from_properties(props, password)
        if new.same_keys(self.current()):
            return False
        new.realm = self.realm()
        new.host = self.info.dmgr_host
        data = new.to_properties(self.keystore_password(), date=java_date()).to_text(STORE_HEADER % self.cell)
        data = data.encode("latin-1")
        if self.repository.exists(self.uri):
            self.repository.replace_document(self.uri, data)
        else:
            self.repository.create_document(self.uri, data)
        return True

    def import_text(self, text, password):
        return self.import_properties(Properties.from_text(text), password)
