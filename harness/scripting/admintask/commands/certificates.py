"""Key store and certificate AdminTask commands (wsadmin-semantics.md §5.3 "Key stores / certificates",
sametime-operations.md §6): KeyStoreCommands, PersonalCertificateCommands, SignerCertificateCommands.

The KeyStore objects live in the cell's ``security.xml`` (read through harness.scripting.admintask.cellfacts); their
files (``location="${CONFIG_ROOT}/cells/C/key.p12"``, password ``{xor}..``) are PKCS12 files modelled by
``harness.was.keystore``. A changed key store is handed to the repository workspace as a raw document
(``Repository.replace_document``): it is written by ``AdminConfig.save()`` only, and ``reset()`` drops it.

Commands: listKeyStores, listKeyFileAliases, listPersonalCertificates, listSignerCertificates, getCertificate,
getCertificateChain,
getSignerCertificate, createCertificateRequest, receiveCertificate, importCertificate, addSignerCertificate,
retrieveSignerFromPort (a real TLS handshake), exchangeSigners, deleteCertificate, deleteSignerCertificate.
"""

import datetime
import os
import socket
import ssl

from harness.base import lazymodule
from harness.base import messages as M
from harness.base import wsadmin_semantics as S
from harness.base.errors import CommandValidationException, ScriptingException
from harness.config import xorcodec
from harness.scripting.admintask import cellfacts, formats
from harness.scripting.admintask.args import Param
from harness.scripting.admintask.framework import command, command_group

# cryptography (and harness.was.keystore, built on it) is imported at the first certificate command, not when a
# session starts: most jobs never use it (harness.base.lazymodule)
x509 = lazymodule.Module("cryptography.x509")
hashes = lazymodule.Module("cryptography.hazmat.primitives.hashes")
serialization = lazymodule.Module("cryptography.hazmat.primitives.serialization")
ec = lazymodule.Module("cryptography.hazmat.primitives.asymmetric.ec")
rsa = lazymodule.Module("cryptography.hazmat.primitives.asymmetric.rsa")
NameOID = lazymodule.Member("cryptography.x509.oid", "NameOID")
K = lazymodule.Module("harness.was.keystore")
jceks = lazymodule.Module("harness.was.jceks")

# --------------------------------------------------------------------------------------------------
# [U] choices of this module, named.
# --------------------------------------------------------------------------------------------------
GROUP_KEYSTORE = "KeyStoreCommands"
GROUP_PERSONAL = "PersonalCertificateCommands"
GROUP_SIGNER = "SignerCertificateCommands"

# [U] certificate record keys and their order (semantics §5.2: getCertificateChain's keys minus index; no status).
CERT_RECORD_KEYS = (
    "alias",
    "version",
    "size",
    "serialNumber",
    "issuedTo",
    "issuedBy",
    "fingerPrint",
    "signatureAlgorithm",
    "validity",
)
# [L] Java's X500Name.toString(): most specific RDN first, ", " between RDNs.
DN_SEPARATOR = ", "
DN_ATTR_NAMES = lazymodule.Table(
    lambda: {
        NameOID.EMAIL_ADDRESS: "EMAILADDRESS",
        NameOID.STATE_OR_PROVINCE_NAME: "ST",
        NameOID.POSTAL_CODE: "PostalCode",
        NameOID.SERIAL_NUMBER: "SERIALNUMBER",
    }
)
# [V] "Valid from Mar 31, 2022 to Mar 31, 2023." (Java medium date, en_US, day not padded [L]).
VALIDITY_FORMAT = "Valid from %s to %s."
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# [V] the fingerprint is SHA-1, upper-case colon hex; the serial number is decimal.
# [U] without -keyStoreScope a key store is looked up at the cell scope first, then by a name that is
# unique in the cell.
# [U] listKeyStores without -scopeName / -all lists the cell scope's key stores (WAS: "default: cell").
# [U] createCertificateRequest keeps the new private key under the alias with a self-signed placeholder
# certificate (Java PKCS12 key stores cannot hold a key without a certificate) valid for this many days:
PLACEHOLDER_DAYS = 365
DEFAULT_KEY_SIZE = 2048
DEFAULT_SIGNATURE_ALGORITHM = "SHA256withRSA"
SIGNATURE_HASHES = lazymodule.Table(
    lambda: {
        "SHA256withRSA": hashes.SHA256,
        "SHA384withRSA": hashes.SHA384,
        "SHA512withRSA": hashes.SHA512,
        "SHA1withRSA": hashes.SHA1,
    }
)
# [U] only PKCS12 key files can be imported by the harness (WAS also reads JKS, JCEKS and CMS).
KEY_FILE_TYPES = ("PKCS12",)
# The key store types of security.xml whose files the harness opens (certificates listed, added, deleted); a
# JCEKS store's secret keys (ltpa.jceks) are no certificates and are written back unchanged. Others (JKS, CMSKS)
# are refused with KEYSTORE_NOT_FILE.
STORE_LOADERS = {"PKCS12": lambda *a: K.KeyStore.load(*a), "JCEKS": lambda *a: jceks.JceksStore.load(*a)}
# [U] void commands return ''.
VOID = ""


command_group(GROUP_KEYSTORE, "Commands that manage key stores.")
command_group(GROUP_PERSONAL, "Commands that manage personal certificates.")
command_group(GROUP_SIGNER, "Commands that manage signer certificates.")

CONFIG_ROOT_VAR = "${CONFIG_ROOT}"


# --------------------------------------------------------------------------------------------------
# security.xml through harness.scripting.admintask.cellfacts
# --------------------------------------------------------------------------------------------------
def cell_security(facts):
    sec = facts.security()
    if sec is None:
        raise ScriptingException(M.CERT_NO_SECURITY)
    return sec


def cell_scope_name(facts):
    return facts.cell_scope()


def scope_of(facts, obj):
    return facts.scope_of(obj)


def management_scopes(facts, sec):
    """[(scopeName, ManagementScope)] of the cell's security.xml."""
    return facts.management_scopes(sec)


def key_stores(facts, sec=None):
    """[(name, scopeName, KeyStore)] in security.xml order."""
    return facts.key_stores(sec or cell_security(facts))


def find_key_store(facts, name, scope):
    all_ks = key_stores(facts)
    if scope:
        hits = [k for k in all_ks if k[0] == name and k[1] == scope]
        if not hits:
            raise CommandValidationException(M.KEYSTORE_NOT_FOUND % (name, scope))
        return hits[0][2]
    cell = cell_scope_name(facts)
    hits = [k for k in all_ks if k[0] == name and k[1] == cell]
    if hits:
        return hits[0][2]
    hits = [k for k in all_ks if k[0] == name]
    if not hits:
        raise CommandValidationException(M.KEYSTORE_NOT_FOUND % (name, cell))
    if len(hits) > 1:
        raise CommandValidationException(M.KEYSTORE_AMBIGUOUS % (name, ", ".join(h[1] for h in hits)))
    return hits[0][2]


def stored_password(facts, ks):
    """The key store's password in clear text (AdminConfig shows it masked; the server-side command reads the
    security.xml element itself, as this does)."""
    try:
        return xorcodec.decode(facts.value(ks, "password") or "")
    except ValueError:
        return ""


class StoreHandle(object):
    """A key store of security.xml opened from the workspace: ``.store`` (harness.was.keystore.KeyStore), ``.obj``
    its KeyStore object, ``.id`` its configuration ID."""

    def __init__(self, ctx, name, scope):
        self.facts = cellfacts.of(ctx)
        self.repo = self.facts.repo
        self.obj = find_key_store(self.facts, name, scope)
        self.id = self.facts.id(self.obj)
        self.name = name
        self.scope = scope_of(self.facts, self.obj)
        location = self.facts.text(self.obj, "location")
        ktype = self.facts.text(self.obj, "type")
        loader = STORE_LOADERS.get(ktype.upper() or "PKCS12")
        if loader is None or not location.startswith(CONFIG_ROOT_VAR + "/"):
            raise CommandValidationException(M.KEYSTORE_NOT_FILE % (name, ktype, location))
        self.location = location
        self.uri = location[len(CONFIG_ROOT_VAR) + 1 :]
        data = self.repo.current_bytes(self.uri)
        if data is None:
            raise CommandValidationException(M.KEYSTORE_FILE_MISSING % (name, location))
        password = stored_password(self.facts, self.obj)
        try:
            self.store = loader(data, password, name)
        except K.KeyStoreError:
            raise CommandValidationException(M.KEYSTORE_PASSWORD % (name, location, ktype or "PKCS12")) from None

    def save_to_workspace(self):
        self.repo.replace_document(self.uri, self.store.serialize())

    def personal(self, alias):
        e = self.store.get(alias)
        if e is None:
            raise CommandValidationException(M.CERT_ALIAS_NOT_FOUND % (alias, self.name))
        if not e.personal:
            raise CommandValidationException(M.CERT_NOT_PERSONAL % (e.alias, self.name))
        return e

    def signer(self, alias):
        e = self.store.get(alias)
        if e is None:
            raise CommandValidationException(M.CERT_ALIAS_NOT_FOUND % (alias, self.name))
        if e.personal:
            raise CommandValidationException(M.CERT_NOT_SIGNER % (e.alias, self.name))
        return e

    def check_new_alias(self, alias):
        if self.store.has(alias):
            raise CommandValidationException(M.CERT_ALIAS_EXISTS % (alias, self.name))


# --------------------------------------------------------------------------------------------------
# Certificate records (semantics §5.2)
# --------------------------------------------------------------------------------------------------
def dn_text(name):
    parts = []
    for rdn in reversed(name.rdns):
        parts.append("+".join(a.rfc4514_string(DN_ATTR_NAMES) for a in rdn))
    return DN_SEPARATOR.join(parts)


def java_date(d):
    return "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year)


def not_after(cert):
    return cert.not_valid_after_utc


def key_size(cert):
    pk = cert.public_key()
    return getattr(pk, "key_size", 0)


_SIG_NAMES = {
    "1.2.840.113549.1.1.11": "SHA256withRSA",
    "1.2.840.113549.1.1.12": "SHA384withRSA",
    "1.2.840.113549.1.1.13": "SHA512withRSA",
    "1.2.840.113549.1.1.5": "SHA1withRSA",
    "1.2.840.113549.1.1.4": "MD5withRSA",
    "1.2.840.10045.4.3.2": "SHA256withECDSA",
    "1.2.840.10045.4.3.3": "SHA384withECDSA",
    "1.2.840.10045.4.3.4": "SHA512withECDSA",
    "1.2.840.10040.4.3": "SHA1withDSA",
    "1.2.840.113549.1.1.10": "RSASSA-PSS",
}


def signature_algorithm(cert):
    oid = cert.signature_algorithm_oid.dotted_string
    return "%s(%s)" % (_SIG_NAMES.get(oid, cert.signature_algorithm_oid._name), oid)


def fingerprint(cert):
    return ":".join("%02X" % b for b in cert.fingerprint(hashes.SHA1()))


def cert_record(alias, cert):
    return [
        ("alias", alias),
        ("version", cert.version.value + 1),
        ("size", key_size(cert)),
        ("serialNumber", str(cert.serial_number)),
        ("issuedTo", [dn_text(cert.subject)]),
        ("issuedBy", [dn_text(cert.issuer)]),
        ("fingerPrint", fingerprint(cert)),
        ("signatureAlgorithm", signature_algorithm(cert)),
        ("validity", [VALIDITY_FORMAT % (java_date(cert.not_valid_before_utc), java_date(not_after(cert)))]),
    ]


def record(alias, cert):
    return formats.attr_record(cert_record(alias, cert))


# --------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------
def read_file(path):
    if not path or not os.path.isfile(path):
        raise CommandValidationException(M.CERT_FILE_MISSING % path)
    with open(path, "rb") as f:
        return f.read()


def read_certs(path, base64_encoded):
    data = read_file(path)
    try:
        if base64_encoded is False:
            return [x509.load_der_x509_certificate(data)]
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as e:
        raise CommandValidationException(
            M.CERT_BAD_FILE % (path, str(e).splitlines()[0] if str(e) else "not PEM or DER")
        ) from None


def open_key_file(path, password, ktype):
    ktype = (ktype or "PKCS12").upper()
    if ktype not in KEY_FILE_TYPES:
        raise CommandValidationException(M.KEY_FILE_TYPE % (ktype, ", ".join(KEY_FILE_TYPES)))
    data = read_file(path)
    try:
        return K.load_key_file(data, password or "", path)
    except K.KeyStoreError:
        raise CommandValidationException(M.KEY_FILE_PASSWORD % (path, ktype)) from None


KS_PARAMS = [
    Param("keyStoreName", required=True, description="The name of the key store."),
    Param("keyStoreScope", description="The management scope of the key store (default: the cell)."),
]
BASE64_PARAM = Param("base64Encoded", "Boolean", default=True, description="true: PEM/base64; false: DER.")


def _alias_param(description):
    return Param("certificateAlias", required=True, description=description)


def _key_file_params(path_description):
    return [
        Param("keyFilePath", required=True, description=path_description),
        Param("keyFilePassword", required=True, description="The password of the key file."),
        Param("keyFileType", required=True, description="The type of the key file (PKCS12)."),
    ]


def _store(ctx, params):
    """The key store named by the KS_PARAMS of a command."""
    return StoreHandle(ctx, params["keyStoreName"], params["keyStoreScope"])


# --------------------------------------------------------------------------------------------------
# KeyStoreCommands
# --------------------------------------------------------------------------------------------------
@command(
    "listKeyStores",
    GROUP_KEYSTORE,
    params=[
        Param("scopeName", description="The management scope (default: the cell)."),
        Param("all", "Boolean", default=False, description="List the key stores of every scope."),
        Param("keyStoreUsage", description="Only key stores of this usage (e.g. SSLKeys)."),
    ],
    description="Lists the key stores of a management scope.",
)
def list_key_stores(ctx, target, params):
    facts = cellfacts.of(ctx)
    scope = params["scopeName"] or cell_scope_name(facts)
    out = []
    for _name, sc, ks in key_stores(facts):
        if not params["all"] and sc != scope:
            continue
        if params["keyStoreUsage"] and facts.text(ks, "usage") != params["keyStoreUsage"]:
            continue
        out.append(facts.id(ks))
    return out


@command(
    "listKeyFileAliases",
    GROUP_KEYSTORE,
    params=_key_file_params("The path of the key file."),
    description="Lists the aliases of a key file.",
)
def list_key_file_aliases(ctx, target, params):
    store = open_key_file(params["keyFilePath"], params["keyFilePassword"], params["keyFileType"])
    return store.aliases()


# --------------------------------------------------------------------------------------------------
# PersonalCertificateCommands
# --------------------------------------------------------------------------------------------------
@command(
    "listPersonalCertificates", GROUP_PERSONAL, params=KS_PARAMS, description="Lists the personal certificates of a key store."
)
def list_personal_certificates(ctx, target, params):
    h = _store(ctx, params)
    return [record(e.alias, e.cert) for e in h.store.personal()]


@command(
    "getCertificate",
    GROUP_PERSONAL,
    params=KS_PARAMS + [_alias_param("The alias of the certificate.")],
    description="Shows a personal certificate.",
)
def get_certificate(ctx, target, params):
    h = _store(ctx, params)
    e = h.personal(params["certificateAlias"])
    return record(e.alias, e.cert)


@command(
    "getCertificateChain",
    GROUP_PERSONAL,
    params=KS_PARAMS + [_alias_param("The alias of the personal certificate.")],
    description="Shows the certificate chain of a personal certificate, the certificate first.",
)
def get_certificate_chain(ctx, target, params):
    """One record per certificate of the chain, with its [index n] (semantics 5.2, real 8.5.5 output)."""
    h = _store(ctx, params)
    e = h.personal(params["certificateAlias"])
    return [formats.attr_record(cert_record(e.alias, c) + [("index", i)]) for i, c in enumerate(e.chain)]


@command(
    "createCertificateRequest",
    GROUP_PERSONAL,
    params=KS_PARAMS
    + [
        _alias_param("The alias of the new private key."),
        Param("certificateSize", "Integer", default=DEFAULT_KEY_SIZE, description="The RSA key size."),
        Param("certificateCommonName", required=True, description="The common name (CN)."),
        Param("certificateOrganization", description="O"),
        Param("certificateOrganizationalUnit", description="OU"),
        Param("certificateLocality", description="L"),
        Param("certificateState", description="ST"),
        Param("certificateZip", description="postal code"),
        Param("certificateCountry", description="C (two letters)"),
        Param("certificateRequestFilePath", required=True, description="Where to write the PEM request."),
        Param("signatureAlgorithm", default=DEFAULT_SIGNATURE_ALGORITHM, description="e.g. SHA256withRSA"),
    ],
    description="Creates a private key under an alias and writes a PEM certificate request for it.",
)
def create_certificate_request(ctx, target, params):
    h = _store(ctx, params)
    alias = params["certificateAlias"]
    h.check_new_alias(alias)
    size = params["certificateSize"]
    if size not in (1024, 2048, 3072, 4096):
        raise CommandValidationException(M.CERT_BAD_SIZE % size)
    alg = params["signatureAlgorithm"] or DEFAULT_SIGNATURE_ALGORITHM
    if alg not in SIGNATURE_HASHES:
        raise CommandValidationException(M.CERT_BAD_ALGORITHM % (alg, ", ".join(sorted(SIGNATURE_HASHES))))
    attrs = [
        (NameOID.COUNTRY_NAME, params["certificateCountry"]),
        (NameOID.STATE_OR_PROVINCE_NAME, params["certificateState"]),
        (NameOID.POSTAL_CODE, params["certificateZip"]),
        (NameOID.LOCALITY_NAME, params["certificateLocality"]),
        (NameOID.ORGANIZATION_NAME, params["certificateOrganization"]),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, params["certificateOrganizationalUnit"]),
        (NameOID.COMMON_NAME, params["certificateCommonName"]),
    ]
    try:
        subject = x509.Name([x509.NameAttribute(oid, v) for oid, v in attrs if v])
    except ValueError as e:
        raise CommandValidationException(M.CERT_BAD_SUBJECT % e) from None
    key = rsa.generate_private_key(public_exponent=65537, key_size=size)
    digest = SIGNATURE_HASHES[alg]()
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, digest)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    placeholder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=PLACEHOLDER_DAYS))
        .sign(key, digest)
    )
    h.store.add_key(alias, key, [placeholder])
    path = params["certificateRequestFilePath"]
    try:
        with open(path, "wb") as f:
            f.write(csr.public_bytes(serialization.Encoding.PEM))
    except OSError as e:
        raise CommandValidationException(M.CERT_CANNOT_WRITE % (path, e.strerror or e)) from None
    h.save_to_workspace()
    return VOID


@command(
    "receiveCertificate",
    GROUP_PERSONAL,
    params=KS_PARAMS
    + [
        Param("certificateFilePath", required=True, description="The certificate the CA returned."),
        _alias_param("The alias of the request's private key."),
        BASE64_PARAM,
    ],
    description="Receives a CA-signed certificate for the private key of an earlier certificate request.",
)
def receive_certificate(ctx, target, params):
    h = _store(ctx, params)
    e = h.personal(params["certificateAlias"])
    certs = read_certs(params["certificateFilePath"], params["base64Encoded"])
    pub = e.key.public_key().public_numbers()
    leaf = [c for c in certs if _pub(c) == pub]
    if not leaf:
        raise CommandValidationException(M.CERT_NO_MATCH % (params["certificateFilePath"], e.alias, h.name))
    chain = leaf[:1] + [c for c in certs if c is not leaf[0]]
    h.store.replace_chain(e.alias, chain)
    h.save_to_workspace()
    return VOID


def _pub(cert):
    pk = cert.public_key()
    if isinstance(pk, (rsa.RSAPublicKey, ec.EllipticCurvePublicKey)):
        return pk.public_numbers()
    return pk.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


@command(
    "importCertificate",
    GROUP_PERSONAL,
    params=KS_PARAMS
    + _key_file_params("The key file (e.g. a wildcard .p12).")
    + [
        Param("certificateAliasFromKeyFile", description="The alias in the key file (default: its only personal certificate)."),
        Param("certificateAlias", description="The new alias (default: the alias in the key file)."),
    ],
    description="Imports a personal certificate with its private key from a key file.",
)
def import_certificate(ctx, target, params):
    h = _store(ctx, params)
    path = params["keyFilePath"]
    src = open_key_file(path, params["keyFilePassword"], params["keyFileType"])
    from_alias = params["certificateAliasFromKeyFile"]
    if from_alias:
        e = src.get(from_alias)
        if e is None:
            raise CommandValidationException(M.KEY_FILE_ALIAS % (from_alias, path, ", ".join(src.aliases())))
        if not e.personal:
            raise CommandValidationException(M.KEY_FILE_NO_KEY % (from_alias, path))
    else:
        personal = src.personal()
        if len(personal) != 1:
            raise CommandValidationException(M.KEY_FILE_ALIAS_NEEDED % (path, ", ".join(src.aliases())))
        e = personal[0]
    alias = params["certificateAlias"] or e.alias
    h.check_new_alias(alias)
    h.store.add_key(alias, e.key, e.chain)
    h.save_to_workspace()
    return VOID


@command(
    "deleteCertificate",
    GROUP_PERSONAL,
    params=KS_PARAMS + [_alias_param("The alias to delete.")],
    description="Deletes a personal certificate (and its private key) from a key store.",
)
def delete_certificate(ctx, target, params):
    h = _store(ctx, params)
    e = h.personal(params["certificateAlias"])
    h.store.delete(e.alias)
    h.save_to_workspace()
    return VOID


# --------------------------------------------------------------------------------------------------
# SignerCertificateCommands
# --------------------------------------------------------------------------------------------------
@command("listSignerCertificates", GROUP_SIGNER, params=KS_PARAMS, description="Lists the signer certificates of a key store.")
def list_signer_certificates(ctx, target, params):
    h = _store(ctx, params)
    return [record(e.alias, e.cert) for e in h.store.signers()]


@command(
    "getSignerCertificate",
    GROUP_SIGNER,
    params=KS_PARAMS + [_alias_param("The alias of the signer.")],
    description="Shows a signer certificate.",
)
def get_signer_certificate(ctx, target, params):
    h = _store(ctx, params)
    e = h.signer(params["certificateAlias"])
    return record(e.alias, e.cert)


@command(
    "addSignerCertificate",
    GROUP_SIGNER,
    params=KS_PARAMS
    + [
        Param("certificateFilePath", required=True, description="The certificate file."),
        _alias_param("The new alias."),
        BASE64_PARAM,
    ],
    description="Adds a signer certificate from a file to a key store.",
)
def add_signer_certificate(ctx, target, params):
    h = _store(ctx, params)
    alias = params["certificateAlias"]
    h.check_new_alias(alias)
    cert = read_certs(params["certificateFilePath"], params["base64Encoded"])[0]
    h.store.add_signer(alias, cert)
    h.save_to_workspace()
    return VOID


@command(
    "deleteSignerCertificate",
    GROUP_SIGNER,
    params=KS_PARAMS + [_alias_param("The alias to delete.")],
    description="Deletes a signer certificate from a key store.",
)
def delete_signer_certificate(ctx, target, params):
    h = _store(ctx, params)
    e = h.signer(params["certificateAlias"])
    h.store.delete(e.alias)
    h.save_to_workspace()
    return VOID


def _peer_certificate(host, port):
    """The DER certificate a TLS server at host:port presents (not verified: it is to be trusted)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection((host, port), timeout=S.RETRIEVE_SIGNER_TIMEOUT) as raw:
            with ctx.wrap_socket(raw, server_hostname=host) as tls:
                der = tls.getpeercert(binary_form=True)
    except ssl.SSLError as e:
        raise CommandValidationException(M.SIGNER_HANDSHAKE_FAILED % (host, port, e.reason or e)) from None
    except OSError as e:
        raise CommandValidationException(M.SIGNER_PORT_UNREACHABLE % (host, port, e.strerror or e)) from None
    if not der:
        raise CommandValidationException(M.SIGNER_NO_CERTIFICATE % (host, port))
    return x509.load_der_x509_certificate(der)


@command(
    "retrieveSignerFromPort",
    GROUP_SIGNER,
    params=[
        Param("host", required=True, description="The host of the SSL port."),
        Param("port", "Integer", required=True, description="The SSL port."),
        Param("sslConfigName", description="The SSL configuration of the connection (not used by the harness)."),
        Param("sslConfigScopeName", description="The scope of that SSL configuration."),
    ]
    + KS_PARAMS
    + [_alias_param("The alias of the new signer.")],
    description="Retrieves the certificate an SSL port presents and adds it to a key store as a signer.",
)
def retrieve_signer_from_port(ctx, target, params):
    h = _store(ctx, params)
    alias = params["certificateAlias"]
    h.check_new_alias(alias)
    port = params["port"]
    if not 0 < port < 65536:
        raise CommandValidationException(M.SIGNER_BAD_PORT % port)
    cert = _peer_certificate(params["host"], port)
    h.store.add_signer(alias, cert)
    h.save_to_workspace()
    return VOID


def _signers_of(store, aliases, root_only):
    """[(personal alias, index in its chain, certificate)] of the signers of a store's personal certificates."""
    out = []
    for e in store.personal():
        if aliases and e.alias.lower() not in aliases:
            continue
        chain = e.chain
        if len(chain) == 1:
            issuers = [(0, chain[0])] if chain[0].issuer == chain[0].subject else []
        else:
            issuers = list(enumerate(chain))[1:]
        if root_only and issuers:
            issuers = issuers[-1:]
        out.extend((e.alias, i, c) for i, c in issuers)
    return out


def _add_signers(dst, signers):
    have = {fingerprint(e.cert) for e in dst.store.entries()}
    added = 0
    for alias, i, cert in signers:
        fp = fingerprint(cert)
        if fp in have:
            continue
        new = (S.EXCHANGE_SIGNER_ALIAS % (alias, max(i, 1))).lower()
        n = 1
        while dst.store.has(new):
            n += 1
            new = (S.EXCHANGE_SIGNER_ALIAS % (alias, max(i, 1))).lower() + "_%d" % n
        dst.store.add_signer(new, cert)
        have.add(fp)
        added += 1
    return added


@command(
    "exchangeSigners",
    GROUP_SIGNER,
    params=[
        Param("keyStoreName1", required=True, description="The first key store."),
        Param("keyStoreScope1", description="Its management scope (default: the cell)."),
        Param(
            "certificateAliasList1",
            description="Colon-separated personal certificates of the first store whose signers are exchanged (default: all).",
        ),
        Param("keyStoreName2", required=True, description="The second key store."),
        Param("keyStoreScope2", description="Its management scope (default: the cell)."),
        Param("certificateAliasList2", description="The same for the second store."),
        Param(
            "addRootSignerOnly",
            "Boolean",
            default=S.EXCHANGE_ADD_ROOT_SIGNER_ONLY_DEFAULT,
            description="Add only the root of each certificate chain.",
        ),
    ],
    description="Adds the signers of the personal certificates of each key store to the other one.",
)
def exchange_signers(ctx, target, params):
    one = StoreHandle(ctx, params["keyStoreName1"], params["keyStoreScope1"])
    two = StoreHandle(ctx, params["keyStoreName2"], params["keyStoreScope2"])
    root_only = params["addRootSignerOnly"]

    def aliases(text):
        return {a.strip().lower() for a in (text or "").split(":") if a.strip()}

    to_two = _signers_of(one.store, aliases(params["certificateAliasList1"]), root_only)
    to_one = _signers_of(two.store, aliases(params["certificateAliasList2"]), root_only)
    if _add_signers(two, to_two):
        two.save_to_workspace()
    if _add_signers(one, to_one):
        one.save_to_workspace()
    return VOID
