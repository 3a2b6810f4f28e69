"""Key store, certificate and SSL configuration AdminTask commands over the Sametime sample cell."""

import datetime
import os
import re
import socket

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from harness.base.errors import ScriptingException
from harness.launcher.session import make_session
from tests.conftest import snapshot

CELL = "stconsoleSSCCell1"
CELL_SCOPE = "(cell):%s" % CELL
PROXY_SCOPE = CELL_SCOPE + ":(node):stproxySTPNode1:(server):STProxyServer"
KEY_P12 = "cells/%s/key.p12" % CELL
RECORD = re.compile(
    r"^\[\[alias (?P<alias>\S+)\] \[version 3\] \[size (?P<size>\d+)\] \[serialNumber \d+\] "
    r"\[issuedTo \[(?P<to>[^\]]*)\]\] \[issuedBy \[(?P<by>[^\]]*)\]\] "
    r"\[fingerPrint (?P<fp>(?:[0-9A-F]{2}:){19}[0-9A-F]{2})\] "
    r"\[signatureAlgorithm SHA256withRSA\(1\.2\.840\.113549\.1\.1\.11\)\] "
    r"\[validity \[Valid from (?P<from>\w{3} \d{1,2}, \d{4}) to (?P<to_date>\w{3} \d{1,2}, \d{4})\.\]\] \]$"
)


def wildcard_p12(path, password, alias=b"wildcard", cn="*.example.com", days=398):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example")])
    start = datetime.datetime(2024, 3, 31, tzinfo=datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(4242)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=days))
        .sign(key, hashes.SHA256())
    )
    with open(path, "wb") as f:
        f.write(
            pkcs12.serialize_key_and_certificates(
                alias, key, cert, None, serialization.BestAvailableEncryption(password.encode())
            )
        )
    return key, cert


@pytest.fixture
def sess(sample_config):
    s = make_session(sample_config, "NONE", "\n")
    s.cfg = sample_config
    s.at = s.objects["AdminTask"]
    s.ac = s.objects["AdminConfig"]
    return s


def test_list_key_stores(sess):
    cell = sess.at.listKeyStores().splitlines()
    assert [c.split("(")[0] for c in cell] == ["CellDefaultKeyStore", "CellDefaultTrustStore", "CellLTPAKeys"]
    every = sess.at.listKeyStores("[-all true -keyStoreUsage SSLKeys]").splitlines()
    assert len(every) == 10 and all("security.xml#KeyStore_" in i for i in every)


def test_personal_and_signer_records(sess):
    out = sess.at.listPersonalCertificates("[-keyStoreName CellDefaultKeyStore -keyStoreScope %s]" % CELL_SCOPE)
    m = RECORD.match(out)
    assert m, out
    assert m.group("alias") == "default" and m.group("size") == "2048"
    assert m.group("to") == "CN=stconsole.example.com, OU=%s, OU=DMgrNode, O=IBM, C=US" % CELL
    assert m.group("by").startswith("CN=stconsole.example.com, OU=Root Certificate, ")
    assert m.group("from") == "May 1, 2013"
    signers = sess.at.listSignerCertificates(["-keyStoreName CellDefaultTrustStore -keyStoreScope %s" % CELL_SCOPE])
    assert RECORD.match(signers).group("alias") == "root"
    node = sess.at.listPersonalCertificates(
        "[-keyStoreName NodeDefaultKeyStore -keyStoreScope %s:(node):stproxySTPNode1]" % CELL_SCOPE
    )
    assert "CN=stproxy.example.com" in node
    assert sess.at.getCertificate("[-keyStoreName CellDefaultKeyStore -certificateAlias default]") == out


def test_unknown_and_unreadable_key_stores(sess):
    with pytest.raises(ScriptingException, match='key store "Nope" was not found'):
        sess.at.listPersonalCertificates("[-keyStoreName Nope]")
    with pytest.raises(ScriptingException, match="several scopes"):
        sess.at.listPersonalCertificates("[-keyStoreName NodeDefaultKeyStore]")
    # ltpa.jceks (JCEKS) is read: it holds the LTPA keys, no certificate
    assert sess.at.listPersonalCertificates("[-keyStoreName CellLTPAKeys]") == ""
    assert sess.at.listSignerCertificates("[-keyStoreName CellLTPAKeys]") == ""
    dmgr_store = "[-keyStoreName %s -keyStoreScope " + CELL_SCOPE + ":(node):DMgrNode]"
    assert sess.at.listPersonalCertificates(dmgr_store % "DmgrDefaultDeletedStore") == ""  # the empty deleted.p12
    os.remove(os.path.join(sess.cfg, "cells", CELL, "nodes", "DMgrNode", "rsatoken-trust.p12"))
    with pytest.raises(ScriptingException, match="does not exist"):
        sess.at.listSignerCertificates(dmgr_store % "DmgrRSATokenTrustStore")
    ltpa = [k for k in sess.at.listKeyStores().splitlines() if k.startswith("CellLTPAKeys(")][0]
    sess.ac.modify(ltpa, [["type", "JKS"]])
    with pytest.raises(ScriptingException, match="type JKS.*not a PKCS12 or JCEKS file"):
        sess.at.listPersonalCertificates("[-keyStoreName CellLTPAKeys]")


def test_import_wildcard_written_only_at_save(sess, tmp_path):
    p12 = str(tmp_path / "wild.p12")
    key, cert = wildcard_p12(p12, "s3cret")
    before = snapshot(sess.cfg)
    assert sess.at.listKeyFileAliases(["-keyFilePath", p12, "-keyFilePassword", "s3cret", "-keyFileType", "PKCS12"]) == "wildcard"
    r = sess.at.importCertificate(
        [
            "-keyStoreName",
            "CellDefaultKeyStore",
            "-keyStoreScope",
            CELL_SCOPE,
            "-keyFilePath",
            p12,
            "-keyFilePassword",
            "s3cret",
            "-keyFileType",
            "PKCS12",
            "-certificateAliasFromKeyFile",
            "wildcard",
            "-certificateAlias",
            "GlobalKey",
        ]
    )
    assert r == ""
    assert snapshot(sess.cfg) == before  # nothing before save
    assert "cells/%s|key.p12" % CELL in sess.ac.queryChanges()
    aliases = [
        RECORD.match(x).group("alias")
        for x in sess.at.listPersonalCertificates("[-keyStoreName CellDefaultKeyStore]").splitlines()
    ]
    assert aliases == ["default", "GlobalKey"]
    sess.ac.save()
    after = snapshot(sess.cfg)
    assert [k for k in after if after[k] != before.get(k)] == [KEY_P12.replace("/", os.sep)]
    with open(os.path.join(sess.cfg, KEY_P12), "rb") as f:
        p = pkcs12.load_pkcs12(f.read(), b"WebAS")
    held = {c.friendly_name: c.certificate for c in p.additional_certs}
    held[p.cert.friendly_name] = p.cert.certificate
    assert held[b"GlobalKey"] == cert


def test_reset_discards_key_store_changes(sess, tmp_path):
    p12 = str(tmp_path / "wild.p12")
    wildcard_p12(p12, "pw")
    before = snapshot(sess.cfg)
    sess.at.importCertificate(
        [
            "-keyStoreName",
            "CellDefaultKeyStore",
            "-keyFilePath",
            p12,
            "-keyFilePassword",
            "pw",
            "-keyFileType",
            "PKCS12",
            "-certificateAlias",
            "GlobalKey",
        ]
    )
    sess.ac.reset()
    assert "GlobalKey" not in sess.at.listPersonalCertificates("[-keyStoreName CellDefaultKeyStore]")
    sess.ac.save()
    assert snapshot(sess.cfg) == before


@pytest.mark.parametrize("case", ["wrong password", "missing file", "alias exists", "alias not in file", "type"])
def test_import_errors_are_one_line_and_change_nothing(sess, tmp_path, case):
    p12 = str(tmp_path / "wild.p12")
    wildcard_p12(p12, "right-pw")
    args = {
        "-keyStoreName": "CellDefaultKeyStore",
        "-keyFilePath": p12,
        "-keyFilePassword": "right-pw",
        "-keyFileType": "PKCS12",
        "-certificateAlias": "GlobalKey",
    }
    expect = {
        "wrong password": "wrong password, or not a PKCS12 file",
        "missing file": "does not exist",
        "alias exists": 'The alias "default" already exists',
        "alias not in file": "is not in the key file",
        "type": "not supported",
    }[case]
    if case == "wrong password":
        args["-keyFilePassword"] = "wrong-pw"
    elif case == "missing file":
        args["-keyFilePath"] = str(tmp_path / "missing.p12")
    elif case == "alias exists":
        args["-certificateAlias"] = "default"
    elif case == "alias not in file":
        args["-certificateAliasFromKeyFile"] = "nope"
    else:
        args["-keyFileType"] = "JKS"
    before = snapshot(sess.cfg)
    with pytest.raises(ScriptingException) as e:
        sess.at.importCertificate([x for kv in args.items() for x in kv])
    msg = str(e.value)
    assert expect in msg and "\n" not in msg and "right-pw" not in msg and "wrong-pw" not in msg
    assert sess.ac.hasChanges() == 0
    sess.ac.save()
    assert snapshot(sess.cfg) == before


def test_certificate_request_and_receive(sess, tmp_path):
    csr_path = str(tmp_path / "chat.arm")
    sess.at.createCertificateRequest(
        "[-keyStoreName CellDefaultKeyStore -keyStoreScope %s -certificateAlias chat -certificateSize 2048 "
        '-certificateCommonName chat.example.com -certificateOrganization "Edcom GmbH" '
        "-certificateOrganizationalUnit IT -certificateLocality Munich -certificateState BY -certificateZip 80000 "
        "-certificateCountry DE -certificateRequestFilePath %s -signatureAlgorithm SHA256withRSA]" % (CELL_SCOPE, csr_path)
    )
    with open(csr_path, "rb") as f:
        csr = x509.load_pem_x509_csr(f.read())
    assert csr.is_signature_valid
    assert csr.subject.rfc4514_string() == "CN=chat.example.com,OU=IT,O=Edcom GmbH,L=Munich,2.5.4.17=80000,ST=BY,C=DE"
    rec = sess.at.getCertificate("[-keyStoreName CellDefaultKeyStore -certificateAlias chat]")
    assert "[issuedTo [CN=chat.example.com, OU=IT, O=Edcom GmbH, L=Munich, PostalCode=80000, ST=BY, C=DE]]" in rec
    # a CA signs the request
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example CA")])
    now = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    signed = (
        x509.CertificateBuilder()
        .subject_name(csr.subject)
        .issuer_name(ca_name)
        .public_key(csr.public_key())
        .serial_number(99)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(ca_key, hashes.SHA256())
    )
    cer = tmp_path / "chat.cer"
    cer.write_bytes(signed.public_bytes(serialization.Encoding.PEM))
    sess.at.receiveCertificate(
        "[-keyStoreName CellDefaultKeyStore -certificateFilePath %s -certificateAlias chat -base64Encoded true]" % cer
    )
    rec = sess.at.getCertificate("[-keyStoreName CellDefaultKeyStore -certificateAlias chat]")
    assert "[issuedBy [CN=Example CA]]" in rec and "[serialNumber 99]" in rec
    # a certificate for another key is refused
    other = tmp_path / "other.der"
    other.write_bytes(wildcard_p12(str(tmp_path / "x.p12"), "x")[1].public_bytes(serialization.Encoding.DER))
    with pytest.raises(ScriptingException, match="does not match the private key"):
        sess.at.receiveCertificate(
            "[-keyStoreName CellDefaultKeyStore -certificateFilePath %s -certificateAlias chat -base64Encoded false]" % other
        )
    with pytest.raises(ScriptingException, match="already exists"):
        sess.at.createCertificateRequest(
            "[-keyStoreName CellDefaultKeyStore -certificateAlias chat "
            "-certificateCommonName x -certificateRequestFilePath %s]" % csr_path
        )


def test_signers_add_and_delete(sess, tmp_path):
    _, cert = wildcard_p12(str(tmp_path / "ca.p12"), "x", cn="Example Root CA")
    pem = tmp_path / "ca.cer"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    ts = "-keyStoreName CellDefaultTrustStore -keyStoreScope %s" % CELL_SCOPE
    sess.at.addSignerCertificate("[%s -certificateFilePath %s -certificateAlias example_ca]" % (ts, pem))
    assert [RECORD.match(x).group("alias") for x in sess.at.listSignerCertificates("[%s]" % ts).splitlines()] == [
        "root",
        "example_ca",
    ]
    with pytest.raises(ScriptingException, match="already exists"):
        sess.at.addSignerCertificate("[%s -certificateFilePath %s -certificateAlias ROOT]" % (ts, pem))
    with pytest.raises(ScriptingException, match="signer certificate, not a personal one"):
        sess.at.deleteCertificate("[%s -certificateAlias example_ca]" % ts)
    sess.at.deleteSignerCertificate("[%s -certificateAlias example_ca]" % ts)
    with pytest.raises(ScriptingException, match='alias "nope" does not exist'):
        sess.at.deleteCertificate("[-keyStoreName CellDefaultKeyStore -certificateAlias nope]")
    sess.at.deleteCertificate("[-keyStoreName CellDefaultKeyStore -certificateAlias default]")
    assert sess.at.listPersonalCertificates("[-keyStoreName CellDefaultKeyStore]") == ""


# ------------------------------------------------------------------------------------------ SSL configuration
def test_ssl_config_listing(sess):
    lines = sess.at.listSSLConfigs("[-all true]").splitlines()
    assert lines[0] == "alias: CellDefaultSSLSettings managementScope: %s" % CELL_SCOPE
    assert len(lines) == 5
    assert sess.at.listSSLConfigs() == lines[0]
    assert sess.at.listSSLConfigs("[-displayObjectName true]").endswith("security.xml#SSLConfig_1)")
    rec = sess.at.getSSLConfig("[-alias CellDefaultSSLSettings -scopeName %s]" % CELL_SCOPE)
    assert "[sslProtocol SSL_TLS]" in rec and "[keyStore CellDefaultKeyStore]" in rec and "[securityLevel HIGH]" in rec


def test_endpoint_group_for_stproxyserver(sess, tmp_path):
    p12 = str(tmp_path / "wild.p12")
    wildcard_p12(p12, "pw")
    sess.at.importCertificate(
        [
            "-keyStoreName",
            "CellDefaultKeyStore",
            "-keyFilePath",
            p12,
            "-keyFilePassword",
            "pw",
            "-keyFileType",
            "PKCS12",
            "-certificateAlias",
            "GlobalKey",
        ]
    )
    get = "[-name STProxyServer -direction inbound -scopeName %s]" % PROXY_SCOPE
    with pytest.raises(ScriptingException, match="was not found"):
        sess.at.getSSLConfigGroup(get)
    assert PROXY_SCOPE not in sess.at.listManagementScopes()
    sess.at.createSSLConfigGroup(
        "[-name STProxyServer -direction inbound -scopeName %s -sslConfigAliasName "
        "CellDefaultSSLSettings -sslConfigScopeName %s -certificateAlias GlobalKey]" % (PROXY_SCOPE, CELL_SCOPE)
    )
    assert sess.at.getSSLConfigGroup(get) == (
        "[[name STProxyServer] [direction inbound] [certificateAlias GlobalKey] [sslConfig CellDefaultSSLSettings] "
        "[sslConfigScope %s] [managementScope %s] ]" % (CELL_SCOPE, PROXY_SCOPE)
    )
    assert "scopeName: %s scopeType: server" % PROXY_SCOPE in sess.at.listManagementScopes()
    with pytest.raises(ScriptingException, match="already exists"):
        sess.at.createSSLConfigGroup(
            "[-name STProxyServer -direction inbound -scopeName %s -sslConfigAliasName CellDefaultSSLSettings]" % PROXY_SCOPE
        )
    with pytest.raises(ScriptingException, match='alias "nope" is not a personal certificate'):
        sess.at.modifySSLConfigGroup(
            "[-name STProxyServer -direction inbound -scopeName %s -certificateAlias nope]" % PROXY_SCOPE
        )
    sess.at.modifySSLConfigGroup("[-name STProxyServer -direction inbound -scopeName %s -certificateAlias default]" % PROXY_SCOPE)
    assert "[certificateAlias default]" in sess.at.getSSLConfigGroup(get)
    sess.ac.save()
    with open(os.path.join(sess.cfg, "cells", CELL, "security.xml")) as f:
        xml = f.read()
    assert re.search(
        r'<sslConfigGroups xmi:id="SSLConfigGroup_\d+" name="STProxyServer" direction="inbound" '
        r'certificateAlias="default" sslConfig="SSLConfig_1" managementScope="ManagementScope_\d+"/>',
        xml,
    )
    assert re.search(
        r'<managementScopes xmi:id="ManagementScope_\d+" scopeName="%s" scopeType="server"/>' % re.escape(PROXY_SCOPE), xml
    )


def test_group_for_an_alias_that_does_not_exist_changes_nothing(sess):
    with pytest.raises(ScriptingException, match='alias "GlobalKey" is not a personal certificate'):
        sess.at.createSSLConfigGroup(
            "[-name STProxyServer -direction inbound -scopeName %s "
            "-sslConfigAliasName CellDefaultSSLSettings -certificateAlias GlobalKey]" % PROXY_SCOPE
        )
    assert sess.ac.hasChanges() == 0


@pytest.mark.parametrize(
    "scope, why",
    [
        ("(cell):other", "the cell is"),
        ("(cell):%s:(node):nonode" % CELL, "node nonode does not exist"),
        ("(cell):%s:(node):stproxySTPNode1:(server):nosrv" % CELL, "server nosrv does not exist"),
        ("cell:%s" % CELL, "expected"),
        ("(cell):%s:(server):STProxyServer" % CELL, "unsupported nesting"),
    ],
)
def test_bad_scopes(sess, scope, why):
    with pytest.raises(ScriptingException, match=re.escape(why)):
        sess.at.createSSLConfigGroup(
            "[-name x -direction inbound -scopeName %s -sslConfigAliasName CellDefaultSSLSettings]" % scope
        )
    with pytest.raises(ScriptingException, match="direction"):
        sess.at.getSSLConfigGroup("[-name x -direction sideways -scopeName %s]" % CELL_SCOPE)


def test_server_ssl_config_create_modify_endpoint_scope(sess):
    ep_scope = PROXY_SCOPE + ":(endpoint):WC_defaulthost_secure"
    with pytest.raises(ScriptingException, match='alias "GlobalKey" is not a personal certificate'):
        sess.at.createSSLConfig("[-alias ProxySSL -scopeName %s -serverKeyAlias GlobalKey]" % PROXY_SCOPE)
    assert sess.ac.hasChanges() == 0
    sess.at.createSSLConfig(
        "[-alias ProxySSL -scopeName %s -serverKeyAlias default -clientKeyAlias default -sslProtocol TLSv1.2]" % PROXY_SCOPE
    )
    rec = sess.at.getSSLConfig("[-alias ProxySSL -scopeName %s]" % PROXY_SCOPE)
    for part in (
        "[sslProtocol TLSv1.2]",
        "[serverKeyAlias default]",
        "[keyStore CellDefaultKeyStore]",
        "[trustStore CellDefaultTrustStore]",
        "[keyManager IbmX509]",
        "[trustManager IbmPKIX]",
        "[type JSSE]",
    ):
        assert part in rec
    sess.at.modifySSLConfig("[-alias ProxySSL -scopeName %s -securityLevel MEDIUM -clientAuthentication true]" % PROXY_SCOPE)
    rec = sess.at.getSSLConfig("[-alias ProxySSL -scopeName %s]" % PROXY_SCOPE)
    assert "[securityLevel MEDIUM]" in rec and "[clientAuthentication true]" in rec
    with pytest.raises(ScriptingException, match="already exists"):
        sess.at.createSSLConfig("[-alias ProxySSL -scopeName %s]" % PROXY_SCOPE)
    sess.at.createSSLConfigGroup(
        "[-name WC_defaulthost_secure -direction inbound -scopeName %s "
        "-sslConfigAliasName ProxySSL -sslConfigScopeName %s]" % (ep_scope, PROXY_SCOPE)
    )
    assert "name: WC_defaulthost_secure direction: inbound managementScope: %s" % ep_scope in sess.at.listSSLConfigGroups(
        "[-all true]"
    )
    sess.at.deleteSSLConfigGroup("[-name WC_defaulthost_secure -direction inbound -scopeName %s]" % ep_scope)
    sess.at.deleteSSLConfig("[-alias ProxySSL -scopeName %s]" % PROXY_SCOPE)
    assert "ProxySSL" not in sess.at.listSSLConfigs("[-all true]")


# ------------------------------------------------------------------------------------------ signers from a port
TRUST = "-keyStoreName CellDefaultTrustStore -keyStoreScope %s" % CELL_SCOPE


def _signer_aliases(sess):
    return [RECORD.match(x).group("alias") for x in sess.at.listSignerCertificates("[%s]" % TRUST).splitlines()]


def test_retrieve_signer_from_port_makes_a_real_handshake(sess):
    from tls_helpers import TlsServer, fingerprint, make_chain

    chain = make_chain("media.example.com")
    with TlsServer(chain) as srv:
        sess.at.retrieveSignerFromPort(
            [
                "-host",
                srv.host,
                "-port",
                str(srv.port),
                "-keyStoreName",
                "CellDefaultTrustStore",
                "-keyStoreScope",
                CELL_SCOPE,
                "-certificateAlias",
                "media_sip_tls",
            ]
        )
        assert srv.wait_handshakes(1) == 1
    assert _signer_aliases(sess) == ["root", "media_sip_tls"]
    rec = [x for x in sess.at.listSignerCertificates("[%s]" % TRUST).splitlines() if "media_sip_tls" in x][0]
    # the certificate the server presents (its leaf), as wsadmin shows it
    assert RECORD.match(rec).group("fp") == fingerprint(chain[0][1])
    assert RECORD.match(rec).group("to") == "CN=media.example.com, O=Example"
    # written at save only
    before = snapshot(sess.cfg)
    sess.ac.save()
    assert [k for k in snapshot(sess.cfg) if snapshot(sess.cfg)[k] != before.get(k)] == ["cells/%s/trust.p12" % CELL]


def test_retrieve_signer_errors(sess):
    from tls_helpers import TlsServer, make_chain

    with TlsServer(make_chain()) as srv:
        with pytest.raises(ScriptingException, match='alias "root" already exists'):
            sess.at.retrieveSignerFromPort("[-host %s -port %d %s -certificateAlias root]" % (srv.host, srv.port, TRUST))
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()
    with pytest.raises(ScriptingException, match=r"CWPKI0657E: Cannot connect to 127\.0\.0\.1:%d" % port):
        sess.at.retrieveSignerFromPort("[-host 127.0.0.1 -port %d %s -certificateAlias x]" % (port, TRUST))
    with pytest.raises(ScriptingException, match="CWPKI0660E"):
        sess.at.retrieveSignerFromPort("[-host 127.0.0.1 -port 0 %s -certificateAlias x]" % TRUST)
    # a plain (not TLS) port: the handshake fails
    plain = socket.socket()
    plain.bind(("127.0.0.1", 0))
    plain.listen(1)
    try:
        with pytest.raises(ScriptingException, match="CWPKI0658E: The SSL handshake with 127.0.0.1"):
            import threading

            def answer():
                c, _ = plain.accept()
                c.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\n")
                c.close()

            t = threading.Thread(target=answer, daemon=True)
            t.start()
            sess.at.retrieveSignerFromPort("[-host 127.0.0.1 -port %d %s -certificateAlias x]" % (plain.getsockname()[1], TRUST))
    finally:
        plain.close()
    assert _signer_aliases(sess) == ["root"]


def test_exchange_signers_puts_the_issuing_chain_into_the_trust_store(sess, tmp_path):
    from tls_helpers import chained_p12, fingerprint, make_chain

    chain = make_chain("*.example.com")
    chained_p12(tmp_path / "w.p12", "pw", chain)
    ks = "-keyStoreName CellDefaultKeyStore -keyStoreScope %s" % CELL_SCOPE
    sess.at.importCertificate(
        [
            "-keyStoreName",
            "CellDefaultKeyStore",
            "-keyStoreScope",
            CELL_SCOPE,
            "-keyFilePath",
            str(tmp_path / "w.p12"),
            "-keyFilePassword",
            "pw",
            "-keyFileType",
            "PKCS12",
            "-certificateAlias",
            "GlobalKey",
        ]
    )
    args = (
        "[-keyStoreName1 CellDefaultKeyStore -keyStoreScope1 %s -certificateAliasList1 GlobalKey "
        "-keyStoreName2 CellDefaultTrustStore -keyStoreScope2 %s -addRootSignerOnly false]" % (CELL_SCOPE, CELL_SCOPE)
    )
    assert sess.at.exchangeSigners(args) == ""
    recs = [RECORD.match(x) for x in sess.at.listSignerCertificates("[%s]" % TRUST).splitlines()]
    assert [(r.group("alias"), r.group("fp")) for r in recs] == [
        ("root", recs[0].group("fp")),
        ("globalkey_signer_1", fingerprint(chain[1][1])),
        ("globalkey_signer_2", fingerprint(chain[2][1])),
    ]
    # a second exchange adds nothing; root only adds nothing new either
    sess.at.exchangeSigners(args)
    sess.at.exchangeSigners(args.replace("false]", "true]"))
    assert len(sess.at.listSignerCertificates("[%s]" % TRUST).splitlines()) == 3
    assert "GlobalKey" in sess.at.listPersonalCertificates("[%s]" % ks)
