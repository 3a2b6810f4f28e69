"""Tests of ``python -m harness fixture sametime`` (harness/generate/sametime.py + templates/sametime)."""

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from lxml import etree

from harness.__main__ import main
from harness.generate import sametime
from harness.generate.sametime import generate, xor_encode

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(REPO, "samples", "sametime", "config")
CELL = sametime.DEFAULT_CELL
XMI = "http://www.omg.org/XMI"


def _files(root):
    out = {}
    for d, _, fs in os.walk(root):
        for f in fs:
            p = os.path.join(d, f)
            out[os.path.relpath(p, root)] = p
    return out


def _read_all(root):
    out = {}
    for rel, p in _files(root).items():
        with open(p, "rb") as f:
            out[rel] = f.read()
    return out


def _p12_content(data):
    """What a .p12 holds, independent of its random salts/IVs: [(alias, certificate DER)] in order (the
    certificate paired with the key first), and the private key's numbers (None for a trust store)."""
    p12 = pkcs12.load_pkcs12(data, b"WebAS")
    certs = ([p12.cert] if p12.cert is not None else []) + list(p12.additional_certs)
    entries = [(c.friendly_name, c.certificate.public_bytes(serialization.Encoding.DER)) for c in certs]
    key = p12.key.private_numbers() if p12.key is not None else None
    return entries, key


def _assert_same_config(got, want):
    """Non-.p12 files byte for byte, .p12 files by content (aliases, certificates, private keys)."""
    assert sorted(got) == sorted(want)
    for rel in want:
        if rel.endswith(".p12"):
            assert _p12_content(got[rel]) == _p12_content(want[rel]), rel
        else:
            assert got[rel] == want[rel], rel


@pytest.fixture(scope="module")
def cell_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("st") / "config"
    generate(str(root))
    return root


@pytest.fixture(scope="module")
def cell_dir(cell_root):
    return cell_root / "cells" / CELL


def _server_index(cell_dir):
    """{(node, server): (serverType, hostName, {endPointName: (host, port)}, [deployedApplications])}."""
    out = {}
    for node in sorted(os.listdir(cell_dir / "nodes")):
        root = etree.parse(str(cell_dir / "nodes" / node / "serverindex.xml")).getroot()
        for se in root.findall("serverEntries"):
            eps = {
                sp.get("endPointName"): (sp.find("endPoint").get("host"), int(sp.find("endPoint").get("port")))
                for sp in se.findall("specialEndpoints")
            }
            apps = [a.text for a in se.findall("deployedApplications")]
            out[(node, se.get("serverName"))] = (se.get("serverType"), root.get("hostName"), eps, apps)
    return out


def test_every_xml_document_parses(cell_root):
    docs = [p for rel, p in _files(cell_root).items() if rel.endswith((".xml", ".xmi"))]
    assert len(docs) > 60
    for p in docs:
        etree.parse(p, etree.XMLParser(resolve_entities=False, no_network=True))


def test_emf_shape(cell_root):
    """Prolog, LF only, 2-space indentation, xmlns:xmi first then alphabetical, xmi:type before xmi:id."""
    for rel, p in _files(cell_root).items():
        if not rel.endswith((".xml", ".xmi")):
            continue
        with open(p, "rb") as f:
            data = f.read()
        assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n'), rel
        assert b"\r" not in data and b"\t" not in data and data.endswith(b">\n"), rel
        text = data.decode("utf-8")
        if rel.endswith(("wimconfig.xml", "stavconfig.xml", "fileRegistry.xml")):
            continue  # SDO / plain XML with IBM's hand formatting (wimconfig keeps the real file's layout)
        lines = text.split("\n")[1:-1]
        for line in lines:
            assert line == line.rstrip(), (rel, line)
            indent = len(line) - len(line.lstrip(" "))
            assert indent % 2 == 0, (rel, line)
        if rel.endswith(("application.xml", "/web.xml")):
            continue  # J2EE deployment descriptors, not XMI
        root_tag = lines[0]
        prefixes = re.findall(r' xmlns:([\w.]+)="', root_tag)
        assert prefixes[0] == "xmi" and prefixes[1:] == sorted(prefixes[1:]), rel
        assert 'xmi:version="2.0" xmlns:xmi=' in root_tag, rel
        for line in lines:
            if "xmi:type=" in line and "xmi:id=" in line:
                assert line.index("xmi:type=") < line.index("xmi:id="), (rel, line)
        ids = re.findall(r'xmi:id="([^"]+)"', text)
        assert len(ids) == len(set(ids)), (rel, [i for i in ids if ids.count(i) > 1][:5])


def test_expected_servers_and_ports(cell_dir):
    idx = _server_index(cell_dir)
    expect = {
        ("DMgrNode", "dmgr"): (
            "DEPLOYMENT_MANAGER",
            "stconsole.example.com",
            {
                "SOAP_CONNECTOR_ADDRESS": 8703,
                "WC_adminhost": 8700,
                "WC_adminhost_secure": 8701,
                "BOOTSTRAP_ADDRESS": 8702,
                "IPC_CONNECTOR_ADDRESS": 8704,
                "ORB_LISTENER_ADDRESS": 8708,
                "CELL_DISCOVERY_ADDRESS": 7277,
                "DCS_UNICAST_ADDRESS": 8710,
            },
        ),
        ("stconsoleSSCNode1", "STConsoleServer"): (
            "APPLICATION_SERVER",
            "stconsole.example.com",
            {"WC_defaulthost": 9080, "WC_defaulthost_secure": 9443, "SOAP_CONNECTOR_ADDRESS": 8880},
        ),
        ("stproxySTPNode1", "STProxyServer"): (
            "APPLICATION_SERVER",
            "stproxy.example.com",
            {"WC_defaulthost": 9080, "WC_defaulthost_secure": 9443},
        ),
        ("stmeetingSTMNode1", "STMeetingServer"): (
            "APPLICATION_SERVER",
            "stmeeting.example.com",
            {"WC_defaulthost": 9080, "SOAP_CONNECTOR_ADDRESS": 8880},
        ),
        ("stmeetingSTMNode1", "STMeetingHttpProxy"): (
            "PROXY_SERVER",
            "stmeeting.example.com",
            {"PROXY_HTTP_ADDRESS": 80, "PROXY_HTTPS_ADDRESS": 443},
        ),
        ("stmediaSTMSNode1", "STMediaServer"): (
            "APPLICATION_SERVER",
            "stmedia.example.com",
            {"SIP_ProxyRegHOST": 5080, "SIP_ProxyReg_SECURE": 5081, "SIP_DEFAULTHOST": 5063, "SIP_DEFAULTHOST_SECURE": 5062},
        ),
    }
    for key, (stype, host, ports) in expect.items():
        assert key in idx, key
        got_type, got_host, eps, _ = idx[key]
        assert (got_type, got_host) == (stype, host), key
        for name, port in ports.items():
            assert eps[name][1] == port, (key, name)
    for node in ("stconsoleSSCNode1", "stproxySTPNode1", "stmeetingSTMNode1", "stmediaSTMSNode1"):
        stype, _, eps, _ = idx[(node, "nodeagent")]
        assert stype == "NODE_AGENT" and eps["SOAP_CONNECTOR_ADDRESS"][1] == 8878 and eps["BOOTSTRAP_ADDRESS"][1] == 2810
    # the full set of ~20 special endpoints of an application server, as in the real serverindex.xml
    assert len(idx[("stproxySTPNode1", "STProxyServer")][2]) == 20
    # the first application server on a node keeps the template-fixed ids
    text = (cell_dir / "nodes" / "stproxySTPNode1" / "serverindex.xml").read_text()
    assert 'serverEntries xmi:id="ServerEntry_1183122129640" serverName="STProxyServer"' in text
    # no port is used twice on one node
    for node in os.listdir(cell_dir / "nodes"):
        ports = [p for (n, _), (_, _, eps, _) in idx.items() if n == node for _, p in eps.values()]
        assert len(ports) == len(set(ports)), node


def test_dmgr_soap_8703_and_server_xml_components(cell_dir):
    idx = _server_index(cell_dir)
    assert idx[("DMgrNode", "dmgr")][2]["SOAP_CONNECTOR_ADDRESS"] == ("stconsole.example.com", 8703)
    na = (cell_dir / "nodes" / "stmediaSTMSNode1" / "servers" / "nodeagent" / "server.xml").read_text()
    assert 'xmi:type="nodeagent:NodeAgent"' in na
    dm = (cell_dir / "nodes" / "DMgrNode" / "servers" / "dmgr" / "server.xml").read_text()
    assert 'xmi:type="cellmanager:CellManager"' in dm
    app = (cell_dir / "nodes" / "stproxySTPNode1" / "servers" / "STProxyServer" / "server.xml").read_text()
    assert 'xmi:id="Server_1183122130078" name="STProxyServer"' in app
    cell = (cell_dir / "cell.xml").read_text()
    assert 'cellType="DISTRIBUTED"' in cell and 'name="%s"' % CELL in cell


def test_apps_bus_proxy_and_media(cell_dir):
    idx = _server_index(cell_dir)
    app = "IBM Lotus SIP Registrar"
    assert "%s.ear/deployments/%s" % (app, app) in idx[("stmediaSTMSNode1", "STMediaServer")][3]
    dep_dir = cell_dir / "applications" / (app + ".ear") / "deployments" / app
    dep = etree.parse(str(dep_dir / "deployment.xml")).getroot()
    target = dep.find("deploymentTargets")
    assert (target.get("name"), target.get("nodeName")) == ("STMediaServer", "stmediaSTMSNode1")
    assert dep.find("deployedObject/targetMappings").get("target") == target.get("{%s}id" % XMI)
    bnd = (dep_dir / "META-INF" / "ibm-application-bnd.xmi").read_text()
    assert 'xmi:type="applicationbnd:AllAuthenticatedUsers"' in bnd
    bus = etree.parse(str(cell_dir / "buses" / "meeting_service_bus" / "sib-bus.xml")).getroot()
    assert bus.get("name") == "meeting_service_bus"
    assert bus.find("busMembers").get("server") == "STMeetingServer"
    assert (cell_dir / "nodes" / "stmeetingSTMNode1" / "servers" / "STMeetingHttpProxy" / "proxy-settings.xml").exists()
    # stavconfig.xml: the real flat entry form, in several copies that differ in their lastUpdated stamps
    stamps = []
    for rel in ("nodes/DMgrNode/servers/dmgr", "nodes/stmediaSTMSNode1/servers/STMediaServer"):
        stav = etree.parse(str(cell_dir / rel / "stavconfig.xml")).getroot()
        assert [(e.get("name"), e.get("value")) for e in stav.iter("configuration")] == [
            ("SIPAuthenticationType", "LTPA"),
            ("ClientSIPRegisterRetryDelay", "120"),
        ], rel
        stamps.append([e.get("lastUpdated") for e in stav.iter("configuration")])
    assert stamps[0] != stamps[1] and all(len(s) == 13 and s.isdigit() for s in stamps[0] + stamps[1])
    cg = (cell_dir / "coregroups" / "DefaultCoreGroup" / "coregroup.xml").read_text()
    assert cg.count("<coreGroupServers ") == sum(1 for _ in idx)
    ng = (cell_dir / "nodegroups" / "DefaultNodeGroup" / "nodegroup.xml").read_text()
    assert ng.count("<members ") == len(os.listdir(cell_dir / "nodes"))


def test_security_and_wim(cell_dir):
    sec = etree.parse(str(cell_dir / "security.xml")).getroot()
    assert sec.get("enabled") == "true" and sec.get("activeUserRegistry") == "WIMUserRegistry_1"
    wim = next(u for u in sec.findall("userRegistries") if u.get("{%s}id" % XMI) == "WIMUserRegistry_1")
    assert wim.get("serverId") == "wasadmin" == wim.get("primaryAdminId")
    assert wim.get("serverPassword") == xor_encode(sametime.ADMIN_PASSWORD)
    ltpa = next(a for a in sec.findall("authMechanisms") if a.get("{%s}id" % XMI) == "LTPA_1")
    assert ltpa.get("timeout") == "120"
    sso = ltpa.find("singleSignon")
    assert sso.get("domainName") == ".example.com" and sso.get("requiresSSL") == "false"
    stores = {k.get("{%s}id" % XMI): k for k in sec.findall("keyStores")}
    assert stores["KeyStore_1"].get("name") == "CellDefaultKeyStore"
    ks = stores["KeyStore_stmediaSTMSNode1_1"]
    assert ks.get("name") == "NodeDefaultKeyStore" and ks.get("password") == "{xor}CDo9Hgw="
    assert ks.get("location") == "${CONFIG_ROOT}/cells/%s/nodes/stmediaSTMSNode1/key.p12" % CELL
    assert stores["KeyStore_stmediaSTMSNode1_2"].get("name") == "NodeDefaultTrustStore"
    aliases = {r.get("alias") for r in sec.findall("repertoire")}
    assert aliases == {"CellDefaultSSLSettings", "NodeDefaultSSLSettings"}
    # every IDREF in security.xml resolves
    ids = {e.get("{%s}id" % XMI) for e in sec.iter()}
    for e in sec.iter():
        for attr in (
            "managementScope",
            "keyStore",
            "trustStore",
            "trustManager",
            "keyManager",
            "keySetGroup",
            "sslConfig",
            "defaultSSLSettings",
            "wsSchedule",
            "wsNotification",
            "activeUserRegistry",
            "adminCertificateTrustStore",
            "adminCertificate",
        ):
            if e.get(attr):
                assert e.get(attr) in ids, (attr, e.get(attr))
        if e.get("keySet"):
            assert set(e.get("keySet").split()) <= ids
    wimcfg = (cell_dir / "wim" / "config" / "wimconfig.xml").read_text()
    assert '<config:baseEntries name="LDAPDeployname" nameInRepository="LDAPDeployname"/>' in wimcfg
    assert '<config:participatingBaseEntries name="LDAPDeployname"/>' in wimcfg
    assert 'port="389"' in wimcfg and "Begin Copyright" in wimcfg


def test_xor_encoding():
    assert xor_encode("WebAS") == "{xor}CDo9Hgw="
    assert xor_encode("notes") == "{xor}MTArOiw="
    assert xor_encode("") == "{xor}"


def test_keystores_load(cell_dir):
    paths = ["key.p12", "trust.p12", "nodes/DMgrNode/root-key.p12"]
    for node in ("stconsoleSSCNode1", "stproxySTPNode1", "stmeetingSTMNode1", "stmediaSTMSNode1"):
        paths += ["nodes/%s/key.p12" % node, "nodes/%s/trust.p12" % node]
    for rel in paths:
        data = (cell_dir / rel).read_bytes()
        p12 = pkcs12.load_pkcs12(data, b"WebAS")
        key, cert, extra = pkcs12.load_key_and_certificates(data, b"WebAS")
        if rel.endswith("trust.p12"):
            assert key is None and [c.friendly_name for c in p12.additional_certs] == [b"root"]
        elif rel.endswith("root-key.p12"):
            assert key is not None and p12.cert.friendly_name == b"root"
        else:
            assert key is not None and p12.cert.friendly_name == b"default"
            assert key.key_size == 2048 and cert.issuer == extra[0].subject  # signed by "root"
    media = pkcs12.load_key_and_certificates((cell_dir / "nodes/stmediaSTMSNode1/key.p12").read_bytes(), b"WebAS")[1]
    assert "stmedia.example.com" in media.subject.rfc4514_string()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl binary not installed")
def test_keystores_openssl(cell_dir):
    for rel in ("key.p12", "trust.p12", "nodes/DMgrNode/root-key.p12", "nodes/stproxySTPNode1/key.p12"):
        r = subprocess.run(
            ["openssl", "pkcs12", "-info", "-passin", "pass:WebAS", "-in", str(cell_dir / rel), "-noout"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert r.returncode == 0, (rel, r.stderr)


def test_same_seed_is_identical_other_seed_differs(tmp_path, cell_root):
    """Same seed: identical bytes, except the .p12 containers (fresh random salts/IVs) which hold the same
    aliases, certificates and keys."""
    a = _read_all(cell_root)
    generate(str(tmp_path / "b"))
    _assert_same_config(_read_all(tmp_path / "b"), a)
    generate(str(tmp_path / "c"), seed=7)
    c = _read_all(tmp_path / "c")
    assert c.keys() == a.keys()
    assert (
        c["cells/%s/nodes/stproxySTPNode1/serverindex.xml" % CELL] != a["cells/%s/nodes/stproxySTPNode1/serverindex.xml" % CELL]
    )
    assert _p12_content(c["cells/%s/key.p12" % CELL]) != _p12_content(a["cells/%s/key.p12" % CELL])


def test_bundled_sample_matches_fresh_generation(cell_root):
    """samples/sametime/config is the default output; regenerate it with
    ``python -m harness fixture sametime samples/sametime/config --force`` after changing templates.
    The .p12 files are compared by content: their container bytes differ on every generation."""
    assert os.path.isdir(SAMPLE), "missing bundled sample " + SAMPLE
    _assert_same_config(_read_all(cell_root), _read_all(SAMPLE))


def test_cli_and_force(tmp_path, capsys):
    out = tmp_path / "cfg"
    assert (
        main(
            [
                "fixture",
                "sametime",
                str(out),
                "--cell",
                "ssCell",
                "--domain",
                "corp.test",
                "--nodes",
                "2",
                "--servers-per-node",
                "2",
                "--seed",
                "3",
            ]
        )
        == 0
    )
    assert "ssCell" in capsys.readouterr().out
    idx = _server_index(out / "cells" / "ssCell")
    assert idx[("stapp002Node1", "STAppServer02")][1] == "stapp002.corp.test"
    # second server on a node gets the next free ports
    assert idx[("stapp002Node1", "STAppServer02")][2]["WC_defaulthost"][1] == 9081
    assert main(["fixture", "sametime", str(out)]) == 2  # not empty, no --force
    assert "--force" in capsys.readouterr().err
    assert main(["fixture", "sametime", str(out), "--force"]) == 0
    assert sorted(os.listdir(out / "cells")) == [CELL]


def test_large_cell_is_fast(tmp_path):
    t0 = time.perf_counter()
    summary = generate(str(tmp_path / "big"), nodes=100, servers_per_node=10)
    elapsed = time.perf_counter() - t0
    assert summary["servers"] >= 1000 + 100
    assert elapsed < 30, elapsed
    idx = _server_index(tmp_path / "big" / "cells" / CELL)
    assert sum(1 for (_, _), v in idx.items() if v[0] == "APPLICATION_SERVER") == 1000 + 4
    assert idx[("stapp100Node1", "STAppServer10")][2]["WC_defaulthost"][1] == 9089


# ------------------------------------------------------------------------------------------------------------
# What a real cell has besides servers: file registry, every key store file, DB2 data sources, SIP chains
# ------------------------------------------------------------------------------------------------------------
def _security(cell_dir):
    return etree.parse(str(cell_dir / "security.xml")).getroot()


def test_every_declared_key_store_file_is_there_and_opens(cell_dir):
    from harness.config import xorcodec
    from harness.was.jceks import JceksStore
    from harness.was.keystore import KeyStore

    loaders = {"PKCS12": KeyStore.load, "JCEKS": JceksStore.load}
    prefix = "${CONFIG_ROOT}/cells/%s/" % CELL
    declared = _security(cell_dir).findall("keyStores")
    assert len(declared) == 3 + 6 + 2 * 4
    for ks in declared:
        location = ks.get("location")
        assert location.startswith(prefix), location
        store = loaders[ks.get("type")](
            (cell_dir / location[len(prefix) :]).read_bytes(), xorcodec.decode(ks.get("password")), ks.get("name")
        )
        if ks.get("name") == "DmgrDefaultDeletedStore":
            assert store.entries() == []
        elif ks.get("type") == "JCEKS":
            assert sorted(s.alias for s in store.secret_keys()) == ["ltpakeypair_1", "ltpasecret_1"]
        else:
            assert store.entries(), ks.get("name")
    # the RSA token key store holds the adminCertificate security.xml names
    rsa = KeyStore.load((cell_dir / "nodes/DMgrNode/rsatoken-key.p12").read_bytes(), "WebAS")
    assert [e.alias for e in rsa.personal()] == ["default"]
    assert "OU=RSA Token Root Certificate" in rsa.personal()[0].chain[1].subject.rfc4514_string()


def test_ltpa_jceks_holds_the_keys_the_harness_serves(cell_root, cell_dir):
    """ltpa.jceks holds the first-start LTPA keys harness.was.ltpa derives for this cell (what exportLTPAKeys gives),
    as the secret-key entries security.xml's key sets reference; same bytes on every generation."""
    from harness.config.repository.repository import Repository
    from harness.was.jceks import JceksStore
    from harness.was.ltpa import CellLTPA

    data = (cell_dir / "ltpa.jceks").read_bytes()
    store = JceksStore.load(data, "WebAS")
    keys = CellLTPA(Repository(str(cell_root))).current()
    assert {s.alias: s.unseal("WebAS") for s in store.secret_keys()} == {
        "ltpasecret_1": ("DESede", keys.secret),
        "ltpakeypair_1": ("RSA", keys.private_bytes()),
    }
    refs = {r.get("keyAlias").lower() for r in _security(cell_dir).iter("keyReference")}
    assert refs == {"ltpasecret_1", "ltpakeypair_1"}


@pytest.mark.skipif(shutil.which("keytool") is None, reason="no JDK installed")
def test_keytool_reads_ltpa_jceks(cell_dir):
    r = subprocess.run(
        ["keytool", "-list", "-storetype", "JCEKS", "-keystore", str(cell_dir / "ltpa.jceks"), "-storepass", "WebAS"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("SecretKeyEntry") == 2


def test_file_registry_holds_wasadmin(cell_dir):
    from harness.was import fileregistry

    text = (cell_dir / "fileRegistry.xml").read_text()
    root = etree.fromstring(text.encode())
    wim = "{http://www.ibm.com/websphere/wim}"
    (entity,) = root.iter(wim + "entities")
    assert entity.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "wim:PersonAccount"
    assert entity.find(wim + "identifier").get("uniqueName") == "uid=wasadmin,o=defaultWIMFileBasedRealm"
    assert entity.findtext(wim + "uid") == "wasadmin"
    stored = entity.findtext(wim + "password")
    assert fileregistry.password_check(stored, sametime.ADMIN_PASSWORD)
    assert not fileregistry.password_check(stored, "wrong")
    assert sametime.ADMIN_PASSWORD not in text


def test_db2_data_sources_sign_on_with_j2c_aliases(cell_dir):
    from harness.config import xorcodec

    aliases = {a.get("alias"): a for a in _security(cell_dir).findall("authDataEntries")}
    assert sorted(aliases) == ["STMSDB2AuthAlias", "STPROXYDB2AuthAlias", "STSCDB2AuthAlias"]
    for a in aliases.values():
        assert a.get("userId") == sametime.DB2_USER and xorcodec.decode(a.get("password")) == sametime.DB2_PASSWORD
    seen = {}
    for node, server in (
        ("stconsoleSSCNode1", "STConsoleServer"),
        ("stproxySTPNode1", "STProxyServer"),
        ("stmeetingSTMNode1", "STMeetingServer"),
    ):
        res = etree.parse(str(cell_dir / "nodes" / node / "servers" / server / "resources.xml")).getroot()
        ids = {e.get("{%s}id" % XMI) for e in res.iter()}
        (provider,) = [p for p in res if p.get("providerType") == "DB2 Universal JDBC Driver Provider"]
        (ds,) = provider.findall("factories")
        assert ds.get("{%s}type" % XMI) == "resources.jdbc:DataSource"
        assert ds.get("relationalResourceAdapter") in ids  # builtin_rra, same document
        assert ds.get("authDataAlias") == ds.find("mapping").get("authDataAlias") in aliases
        props = {p.get("name"): p.get("value") for p in ds.iter("resourceProperties")}
        assert props["serverName"] == "db2.example.com" and props["portNumber"] == "50000"
        seen[server] = props["databaseName"]
    assert seen == {"STConsoleServer": "STSC", "STProxyServer": "STPROXY", "STMeetingServer": "STMS"}
    # the nodes whose servers use DB2 know where its driver is
    variables = (cell_dir / "nodes" / "stproxySTPNode1" / "variables.xml").read_text()
    assert 'symbolicName="DB2UNIVERSAL_JDBC_DRIVER_PATH" value="%s"' % sametime.DB2_DRIVER_PATH in variables


def test_every_sip_endpoint_of_the_media_server_has_a_chain(cell_dir):
    srv = etree.parse(str(cell_dir / "nodes/stmediaSTMSNode1/servers/STMediaServer/server.xml")).getroot()
    (tcs,) = [s for s in srv.findall("services") if s.get("{%s}type" % XMI) == "channelservice:TransportChannelService"]
    channels = {c.get("{%s}id" % XMI): c for c in tcs.findall("transportChannels")}
    names = [c.get("name") for c in channels.values()]
    assert len(names) == len(set(names))
    by_endpoint = {}
    for chain in tcs.findall("chains"):
        parts = [channels[i] for i in chain.get("transportChannels").split()]  # every reference resolves
        kinds = [p.get("{%s}type" % XMI).split(":")[1] for p in parts]
        if parts[0].get("endPointName"):
            by_endpoint.setdefault(parts[0].get("endPointName"), []).append(kinds)
    assert by_endpoint["SIP_ProxyRegHOST"] == [
        ["TCPInboundChannel", "SIPInboundChannel", "SIPContainerInboundChannel"],
        ["UDPInboundChannel", "SIPInboundChannel", "SIPContainerInboundChannel"],
    ]
    assert by_endpoint["SIP_ProxyReg_SECURE"] == [
        ["TCPInboundChannel", "SSLInboundChannel", "SIPInboundChannel", "SIPContainerInboundChannel"]
    ]
    assert by_endpoint["SIP_DEFAULTHOST_SECURE"] == by_endpoint["SIP_ProxyReg_SECURE"]


def test_wim_registry_as_in_the_talks_security_xml(cell_dir):
    wim = [u for u in _security(cell_dir).findall("userRegistries") if u.get("{%s}id" % XMI) == "WIMUserRegistry_1"]
    assert wim[0].get("useRegistryServerId") == "false"


# ------------------------------------------------------------------------------------------------------------
# Options: clusters, co-located components, IHS
# ------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def variant_dir(generated_variant):
    return Path(generated_variant) / "cells" / CELL


def test_colocated_proxy_and_meeting_share_one_node(variant_dir):
    idx = _server_index(variant_dir)
    assert not (variant_dir / "nodes" / "stproxySTPNode1").exists()
    node = "stmeetingSTMNode1"
    servers = [s for (n, s) in idx if n == node]
    assert servers == ["nodeagent", "STMeetingServer", "STMeetingHttpProxy", "STProxyServer"]
    eps = lambda s: {k: v[1] for k, v in idx[(node, s)][2].items()}  # noqa: E731
    assert (eps("STMeetingServer")["WC_defaulthost"], eps("STMeetingServer")["WC_defaulthost_secure"]) == (9080, 9443)
    assert (eps("STProxyServer")["WC_defaulthost"], eps("STProxyServer")["WC_defaulthost_secure"]) == (9081, 9444)
    assert (eps("STMeetingHttpProxy")["PROXY_HTTP_ADDRESS"], eps("STMeetingHttpProxy")["PROXY_HTTPS_ADDRESS"]) == (80, 443)
    # both keep their own data source
    assert (variant_dir / "nodes" / node / "servers" / "STMeetingServer").is_dir()


def test_clusters_members_and_targets(variant_dir):
    idx = _server_index(variant_dir)
    cl = etree.parse(str(variant_dir / "clusters" / "STMeetingCluster" / "cluster.xml")).getroot()
    assert cl.tag == "{http://www.ibm.com/websphere/appserver/schemas/5.0/topology.cluster.xmi}ServerCluster"
    members = [(m.get("memberName"), m.get("nodeName")) for m in cl.findall("members")]
    assert members == [("STMeetingServer", "stmeetingSTMNode1"), ("STMeetingServer2", "stmeeting2STMNode1")]
    app = "IBM Lotus Sametime Meeting Server"
    for name, node in members:
        srv = etree.parse(str(variant_dir / "nodes" / node / "servers" / name / "server.xml")).getroot()
        assert srv.get("clusterName") == "STMeetingCluster"
        assert "%s.ear/deployments/%s" % (app, app) in idx[(node, name)][3]
        assert 'enable="true"' in (variant_dir / "nodes" / node / "servers" / name / "sib-service.xml").read_text()
    dep = etree.parse(str(variant_dir / "applications" / (app + ".ear") / "deployments" / app / "deployment.xml")).getroot()
    target = dep.find("deploymentTargets")
    assert target.get("{%s}type" % XMI) == "appdeployment:ClusteredTarget" and target.get("name") == "STMeetingCluster"
    bus = etree.parse(str(variant_dir / "buses" / "meeting_service_bus" / "sib-bus.xml")).getroot()
    assert bus.find("busMembers").get("cluster") == "STMeetingCluster"
    engines = (variant_dir / "clusters" / "STMeetingCluster" / "sib-engines.xml").read_text()
    assert 'name="STMeetingCluster.000-meeting_service_bus"' in engines
    assert (variant_dir / "clusters" / "STMeetingCluster" / "resources.xml").exists()
    assert not (variant_dir / "nodes" / "stmeetingSTMNode1" / "servers" / "STMeetingServer" / "resources.xml").exists()
    # the other clusters; the Meeting HTTP proxy stays alone on the primary node
    assert sorted(os.listdir(variant_dir / "clusters")) == ["STMediaCluster", "STMeetingCluster", "STProxyCluster"]
    assert ("stproxy2STPNode1", "STProxyServer2") in idx and ("stmedia2STMSNode1", "STMediaServer2") in idx
    assert not [k for k in idx if k[1] == "STMeetingHttpProxy" and k[0] != "stmeetingSTMNode1"]
    # every managed node, secondary ones too, has its key stores
    sec = _security(variant_dir)
    for node in ("stmeeting2STMNode1", "stproxy2STPNode1", "stmedia2STMSNode1"):
        assert (variant_dir / "nodes" / node / "key.p12").exists()
        assert [k for k in sec.findall("keyStores") if k.get("{%s}id" % XMI) == "KeyStore_%s_1" % node]


def test_ihs_web_server_on_an_unmanaged_node(variant_dir):
    idx = _server_index(variant_dir)
    stype, host, eps, _ = idx[("IHS_Node", "webserver1")]
    assert (stype, host) == ("WEB_SERVER", "stweb.example.com")
    assert {k: v[1] for k, v in eps.items()} == {"WEBSERVER_ADDRESS": 80, "WEBSERVER_ADMIN_ADDRESS": 8008}
    assert [s for (n, s) in idx if n == "IHS_Node"] == ["webserver1"]  # no node agent
    srv = (variant_dir / "nodes/IHS_Node/servers/webserver1/server.xml").read_text()
    assert 'xmi:type="webserver:WebServer"' in srv and 'ConfigFilename="plugin-cfg.xml"' in srv
    assert "webserver1" not in (variant_dir / "coregroups/DefaultCoreGroup/coregroup.xml").read_text()
    assert 'nodeName="IHS_Node"' in (variant_dir / "nodegroups/DefaultNodeGroup/nodegroup.xml").read_text()
    assert not (variant_dir / "nodes" / "IHS_Node" / "key.p12").exists()
    assert "baseProductVersion" not in (variant_dir / "nodes/IHS_Node/node-metadata.properties").read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--cluster", "console=2"], "the console cannot be clustered"),
        (["--cluster", "meeting"], "--cluster wants COMPONENT=MEMBERS"),
        (["--cluster", "chat=2"], "unknown component chat"),
        (["--colocate", "proxy"], "at least two components"),
        (["--colocate", "proxy,meeting", "--colocate", "meeting,media"], "meeting is named twice"),
    ],
)
def test_bad_options_are_one_error_line(tmp_path, capsys, args, message):
    assert main(["fixture", "sametime", str(tmp_path / "x")] + args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / "x").exists()
