"""Tests for harness.config.metamodel: the type table against the real WAS 8.5.5 config repository."""

import json
import os
import re

import pytest
from paths import REAL, REAL_CONFIG, SAMPLE_CONFIG

from harness.config import metamodel

etree = pytest.importorskip("lxml.etree")

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = REAL_CONFIG
XMI = "http://www.omg.org/XMI"
XMI_TYPE = "{%s}type" % XMI
XMI_ID = "{%s}id" % XMI
SKIP = {
    "wimconfig.xml",
    "fileRegistry.xml",
    "bla.xml",
    "cu.xml",
    "cu-ref.xml",
    "controlOpDefs.xml",
    "perftuners.xml",
    "WSSDistributedCache.xml",
    "WSSCCache.xml",
}


@pytest.fixture(scope="module")
def mm():
    return metamodel.load()


def xmi_docs(root):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for fn in sorted(filenames):
            if not fn.endswith(".xml") or fn in SKIP:
                continue
            path = os.path.join(dirpath, fn)
            try:
                r = etree.parse(path, parser).getroot()
            except etree.XMLSyntaxError:
                continue
            if r.tag == "{%s}XMI" % XMI:
                tops = [c for c in r if isinstance(c.tag, str) and etree.QName(c).namespace not in (XMI, None)]
            elif r.get("{%s}version" % XMI) is not None:
                tops = [r]
            else:
                continue
            yield path, fn, tops


def walk(mm, top, errors, path):
    """Yield (element, type) resolving types by xmi:type, qualified tag or the parent feature's type."""
    q = etree.QName(top)
    stack = [(top, q.localname)]
    while stack:
        el, t = stack.pop()
        yield el, t
        feats = mm.features(t)
        for c in el:
            if not isinstance(c.tag, str) or etree.QName(c).namespace is not None:
                continue
            f = feats.get(c.tag)
            if f is None:
                errors.append("%s: %s has no feature %s" % (path, t, c.tag))
                continue
            if len(c.attrib) == 0 and len(c) == 0:
                if not (f.many and f.is_primitive) and not f.containment:
                    errors.append("%s: %s.%s text list but feature is %s" % (path, t, c.tag, f.kind))
                continue
            if not f.containment:
                errors.append("%s: %s.%s child element but feature is %s" % (path, t, c.tag, f.kind))
                continue
            xt = c.get(XMI_TYPE)
            ct = xt.partition(":")[2] if xt else f.type
            if mm.type(ct) is None:
                errors.append("%s: unknown type %s" % (path, ct))
                continue
            if not mm.is_a(ct, f.type):
                errors.append("%s: %s is not a %s (%s.%s)" % (path, ct, f.type, t, c.tag))
            stack.append((c, ct))


def test_every_type_in_real_cell_is_known(mm):
    unknown = set()
    for _path, _fn, tops in xmi_docs(CONFIG):
        for top in tops:
            for el in top.iter():
                if not isinstance(el.tag, str):
                    continue
                xt = el.get(XMI_TYPE)
                if xt and mm.type(xt.partition(":")[2]) is None:
                    unknown.add(xt)
            if mm.type(etree.QName(top).localname) is None:
                unknown.add(top.tag)
    assert not unknown


@pytest.mark.parametrize("root", [CONFIG, os.path.join(REAL, "profileTemplates"), SAMPLE_CONFIG])
def test_every_feature_seen_exists(mm, root):
    errors, n = _feature_errors(mm, root)
    assert n > 1000
    assert not errors, "\n".join(sorted(set(errors))[:50])


def test_every_feature_of_the_generator_options_exists(mm, generated_variant):
    """Clusters, co-located servers and the IHS web server write only what IBM's model has, too."""
    errors, n = _feature_errors(mm, generated_variant)
    assert n > 2000
    assert not errors, "\n".join(sorted(set(errors))[:50])


def _feature_errors(mm, root):
    errors = []
    n = 0
    for path, _fn, tops in xmi_docs(root):
        for top in tops:
            for el, t in walk(mm, top, errors, path):
                n += 1
                feats = mm.features(t)
                for k in el.attrib:
                    if k.startswith("{"):
                        continue
                    f = feats.get(k)
                    if f is None:
                        errors.append("%s: %s has no attribute %s" % (path, t, k))
                    elif f.containment:
                        errors.append("%s: %s.%s is containment but written as attribute" % (path, t, k))
    return errors, n


def test_references_resolve_to_compatible_types(mm):
    errors = []
    for path, _fn, tops in xmi_docs(CONFIG):
        ids = {}
        pairs = []
        for top in tops:
            for el, t in walk(mm, top, [], path):
                if el.get(XMI_ID):
                    ids[el.get(XMI_ID)] = t
                pairs.append((el, t))
        for el, t in pairs:
            for k, v in el.attrib.items():
                f = mm.feature(t, k)
                if f is None or not f.reference or not v:
                    continue
                toks = v.split()
                if len(toks) > 1 and not f.many:
                    errors.append("%s: %s.%s holds several ids" % (path, t, k))
                for tok in toks:
                    if tok in ids and not mm.is_a(ids[tok], f.type):
                        errors.append("%s: %s.%s -> %s is not %s" % (path, t, k, ids[tok], f.type))
    assert not errors, "\n".join(errors[:50])


def test_real_namespaces_known(mm):
    for path, _fn, tops in xmi_docs(CONFIG):
        for top in tops:
            for p, u in top.getroottree().getroot().nsmap.items():
                if p in ("xmi", "xsi", None):
                    continue
                assert mm.prefix_for_uri(u) == p, (path, p, u)


def test_specific_facts(mm):
    f = mm.features("Server")["services"]
    assert f.containment and f.many and f.type == "Service" and f.kind == "children"
    assert mm.features("HostAlias")["port"].default == "80"
    assert mm.features("HostAlias")["port"].type == "String"
    assert mm.type("NamedEndPoint").display == "endPointName"
    assert mm.type("ServerEntry").display == "serverName"
    assert mm.type("HostAlias").display is None
    assert {"TraceService", "AdminService"} <= mm.subtypes("Service")
    td = mm.types_for_document("server.xml")
    assert "JavaVirtualMachine" in td and "ServerEntry" not in td
    assert mm.root_types("serverindex.xml") == ["ServerIndex"]
    assert mm.types_for_document("no-such-file.xml") is None
    assert mm.features("LTPA")["timeout"].type == "long"
    assert mm.features("LTPA")["timeout"].default == "0"  # the reference: unspecified, a long's 0
    assert mm.features("EndPoint")["port"].type == "int"
    assert mm.features("EndPoint")["port"].default == "0"
    assert mm.features("JavaVirtualMachine")["systemProperties"].type == "Property"
    assert mm.features("URIGroup")["URIPattern"].kind == "list"
    assert mm.features("ProxyVirtualHostConfig")["enabledProxyVirtualHosts"].kind == "reflist"
    assert mm.features("ProxyVirtualHost")["virtualHostPort"].type == "String"  # so says the reference
    assert mm.features("RoutingRule")["routingAction"].kind == "child"
    assert mm.features("RoutingRule")["isEnabled"].default == "true"
    assert mm.features("Chain")["transportChannels"].kind == "reflist"
    assert mm.features("SecureSocketLayer")["keyStore"].kind == "ref"
    assert mm.features("Security")["activeUserRegistry"].type == "UserRegistry"
    assert mm.features("WIMUserRegistry")["serverPassword"].password
    assert mm.features("KeyStore")["password"].password
    assert mm.type("SIBus").document == "sib-bus.xml" and mm.root_types("sib-bus.xml") == ["SIBus"]
    assert mm.type("ProxySettings").document == "proxy-settings.xml"
    assert mm.type("ProxyVirtualHostConfig").document == "proxy-environment.xml"
    assert mm.type("ServerCluster").document == "cluster.xml"
    assert mm.type("Server").document == "server.xml"
    assert mm.type("VirtualHost").document == "virtualhosts.xml"
    assert mm.type("JDBCProvider").document == "resources.xml"
    assert mm.type("ServerIndex").document == "serverindex.xml"
    assert mm.is_a("RedirectRoute", "Route") and mm.is_a("LTPA", "AuthMechanism")
    assert mm.type("Service").abstract and not mm.type("TraceService").abstract
    assert "Server" in mm.parents("TraceService")
    assert "JavaProcessDef" in mm.parents("JavaVirtualMachine")
    assert (
        mm.prefix_for_uri("www.ibm.com/websphere/appserver/schemas/7.0/applicationserver.sipcontainer.xmi")
        == "applicationserver.sipcontainer"
    )
    assert mm.prefix_for_uri("http://www.ibm.com/websphere/appserver/schemas/6.0/pmiservice.xmi") == "pmiservice"
    assert mm.uri_for_prefix("process") == "http://www.ibm.com/websphere/appserver/schemas/5.0/process.xmi"


def test_features_inherited_first(mm):
    names = list(mm.features("LTPA"))
    assert names.index("OID") < names.index("timeout")
    names = list(mm.features("ApplicationServer"))
    assert names.index("name") < names.index("stateManagement") < names.index("applicationClassLoaderPolicy")


REQUIRED_TYPES = """Cell Node Server ServerIndex ServerEntry NamedEndPoint EndPoint VirtualHost HostAlias MimeEntry
Security LTPA SingleSignon KeyStore KeySet KeySetGroup TrustManager KeyManager SSLConfig SecureSocketLayer
SSLConfigGroup ManagementScope JavaVirtualMachine JavaProcessDef TraceService TraceLog Property
SIBus SIBusMember SIBMessagingEngine
ProxySettings RoutingPolicy RoutingRule RedirectRoute LocalRoute FailRoute GenericServerClusterRoute
ApplicationServerRoute Route URIGroup ProxyVirtualHostConfig ProxyVirtualHost ProxyRuleExpression RoutingAction
ProxyAction Deployment ApplicationDeployment WebModuleDeployment ServerTarget ClusteredTarget VariableMap
VariableSubstitutionEntry WebContainer NodeAgent ServerCluster ClusterMember DynamicCluster UserRegistry
WIMUserRegistry LDAPUserRegistry LocalOSUserRegistry CustomUserRegistry JAASAuthData ApplicationServer StreamRedirect
HTTPInboundChannel Service Component ServerComponent TransportChannel AuthMechanism J2EEResourceFactory
ConnectionFactory DeployedObject ModuleDeployment DeploymentTarget ProcessDef Policy""".split()


@pytest.mark.parametrize("name", REQUIRED_TYPES)
def test_required_type_exists(mm, name):
    assert mm.type(name) is not None


def test_schema_consistency(mm):
    prim = mm.primitive_types
    for n in mm.types():
        t = mm.type(n)
        for s in t.supertypes:
            assert mm.type(s) is not None, (n, s)
        if t.package is not None:
            assert mm.uri_for_prefix(t.package), (n, t.package)
        for f in t.own_features:
            assert f.type in prim or mm.type(f.type) is not None, (n, f.name, f.type)
            assert not (f.containment and f.reference)
            if f.type == "ENUM":
                assert f.values, (n, f.name)
                assert f.default is None or f.default in f.values, (n, f.name, f.default)
            if f.containment or f.reference:
                assert f.default is None
        if t.display:
            assert t.display in mm.features(n), (n, t.display)
    for fn, roots in mm.documents.items():
        for r in roots:
            assert mm.type(r) is not None, (fn, r)


def test_attribute_names_are_plain(mm):
    for n in mm.types():
        for f in mm.type(n).own_features:
            assert re.match(r"^[A-Za-z][A-Za-z0-9_]*$", f.name), (n, f.name)


def test_load_is_cached():
    assert metamodel.load() is metamodel.load()


# ------------------------------------------------------------------ the model against IBM's reference
TOOLS = os.path.join(os.path.dirname(HERE), "tools")


def _builder():
    """tools/build_metamodel.py as a module, or a skip when IBM's reference (../shared) is absent."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_metamodel", os.path.join(TOOLS, "build_metamodel.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    if not os.path.isdir(mod.CONFIGDOCS):
        pytest.skip("IBM configDocs reference not found at %s (../shared is not part of a clone)" % mod.CONFIGDOCS)
    return mod


def test_generated_from_the_reference_is_committed():
    mod = _builder()
    model, _log = mod.generate(mod.CONFIGDOCS)
    with open(metamodel.TYPES_JSON, encoding="utf-8") as fh:
        assert fh.read() == mod.dump(model), "run python tools/build_metamodel.py"


def test_every_reference_type_has_exactly_its_attributes_in_order(mm):
    """attributes(T) of every type of the reference: the reference's attributes, inherited first."""
    mod = _builder()
    pages, namespaces = mod.read_reference(mod.CONFIGDOCS)
    by_key = {(p.package, p.name): p for p in pages}
    checked = 0
    for p in pages:
        t = mm.type(p.name)
        if p.kind != "class" or t is None or t.package != namespaces[p.package][0]:
            continue  # an enum or data type, or the other package's page of a duplicate name
        chain, q = [], p
        while q is not None and q not in chain:
            chain.insert(0, q)
            q = by_key.get(q.supertype) if q.supertype else None
        if [q.name for q in chain][:-1] != list(reversed(mm.supertypes_closure(p.name))):
            continue  # overlay.json gives it a supertype the reference does not name
        want = []
        for q in chain:
            want += [a["name"] for a in q.attributes if a["name"] not in want]
        assert list(mm.features(p.name)) == want, p.name
        checked += 1
    assert checked > 1200, checked


def test_overlay_entries_have_reasons():
    with open(os.path.join(os.path.dirname(metamodel.TYPES_JSON), "overlay.json"), encoding="utf-8") as fh:
        ov = json.load(fh)
    n = 0
    for section, entries in ov.items():
        if isinstance(entries, list):
            for e in entries:
                assert e.get("reason"), (section, e)
                n += 1
    assert n > 100
