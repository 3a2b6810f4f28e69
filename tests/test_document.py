"""harness.config.repository.document: mutation API, minimal diffs, escaping, new documents, safe parsing, writing."""

import difflib
import os
import shutil
import socket
import stat

import pytest
from lxml import etree
from paths import REAL

from harness.base.errors import AmbiguousObjectError, MalformedDocumentError
from harness.config.repository import journal
from harness.config.repository.document import XMI_NS, Document, escape_attr, escape_text

CELL = "config/cells/jennexNode01Cell"
SERVERINDEX = CELL + "/nodes/jennexNode01/serverindex.xml"
VHOSTS = CELL + "/virtualhosts.xml"
XMI_ID = f"{{{XMI_NS}}}id"


@pytest.fixture
def root(tmp_path):
    """A writable copy of the real cell's config directory."""
    dst = tmp_path / "profile"
    shutil.copytree(os.path.join(REAL, "config"), str(dst / "config"))
    return str(dst)


def diff(a, b):
    """Changed lines only ('-x' / '+y'), without context."""
    out = []
    for line in difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        out.append(line)
    return out


def by_id(doc, xid):
    for el in doc.root.iter():
        if isinstance(el.tag, str) and el.get(XMI_ID) == xid:
            return el
    raise KeyError(xid)


def write_doc(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return Document(str(tmp_path), name)


# ---------------------------------------------------------------- names and paths
def test_paths(root):
    doc = Document(root, SERVERINDEX)
    assert doc.uri == SERVERINDEX
    assert doc.path == os.path.join(root, *SERVERINDEX.split("/"))
    assert doc.docdir == CELL + "/nodes/jennexNode01"
    assert doc.filename == "serverindex.xml"
    assert not doc.loaded
    assert doc.root is not None
    assert doc.loaded


# ---------------------------------------------------------------- attribute changes
def test_port_change_changes_one_line(root):
    doc = Document(root, SERVERINDEX)
    ep = by_id(doc, "EndPoint_1183122129647")
    assert ep.get("port") == "9080"
    assert doc.set_attr(ep, "port", "9080") is False
    assert not doc.changed
    assert doc.set_attr(ep, "port", "80") is True
    assert doc.changed
    out = doc.serialize()
    assert diff(doc.original_bytes, out) == [
        '-      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9080"/>',
        '+      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="80"/>',
    ]
    assert len(out) == len(doc.original_bytes) - 2


def test_set_remove_and_add_attributes(root):
    doc = Document(root, SERVERINDEX)
    ep = by_id(doc, "EndPoint_1183122129647")
    assert doc.set_attr(ep, "host", None) is True
    assert doc.set_attr(ep, "host", None) is False
    doc.set_attr(ep, "extra", 'a"b')
    assert diff(doc.original_bytes, doc.serialize()) == [
        '-      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9080"/>',
        '+      <endPoint xmi:id="EndPoint_1183122129647" port="9080" extra="a&quot;b"/>',
    ]


def test_set_xmi_attribute_by_prefix_and_clark(root):
    doc = Document(root, SERVERINDEX)
    ep = by_id(doc, "EndPoint_1183122129647")
    assert doc.set_attr(ep, "xmi:id", "EndPoint_1183122129647") is False
    assert doc.set_attr(ep, XMI_ID, "EndPoint_2") is True
    assert diff(doc.original_bytes, doc.serialize()) == [
        '-      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9080"/>',
        '+      <endPoint xmi:id="EndPoint_2" host="*" port="9080"/>',
    ]


def test_change_and_revert_is_byte_identical(root):
    doc = Document(root, SERVERINDEX)
    ep = by_id(doc, "EndPoint_1183122129647")
    doc.set_attr(ep, "port", "1")
    doc.set_attr(ep, "port", "9080")
    assert doc.serialize() == doc.original_bytes


def test_undeclared_namespace_attribute_is_refused(root):
    doc = Document(root, SERVERINDEX)
    ep = by_id(doc, "EndPoint_1183122129647")
    with pytest.raises(ValueError):
        doc.set_attr(ep, "{urn:nowhere}x", "1")
    assert not doc.changed


# ---------------------------------------------------------------- escaping
def test_escape_functions():
    assert escape_attr("a&b<c>d\"e\nf\rg\th'") == "a&amp;b&lt;c&gt;d&quot;e&#xA;f&#xD;g&#x9;h'"
    assert escape_text('a&b<c>d"e\n') == 'a&amp;b&lt;c&gt;d"e\n'


def test_escaped_attribute_in_document(root):
    doc = Document(root, SERVERINDEX)
    ep = by_id(doc, "EndPoint_1183122129647")
    doc.set_attr(ep, "host", "(&(uid=%v))\n\tx<y>")
    line = next(ln for ln in diff(doc.original_bytes, doc.serialize()) if ln.startswith("+"))
    assert 'host="(&amp;(uid=%v))&#xA;&#x9;x&lt;y&gt;"' in line
    # and it parses back to the same value
    back = etree.fromstring(doc.serialize())
    assert [e.get("host") for e in back.iter("endPoint") if e.get(XMI_ID) == "EndPoint_1183122129647"] == ["(&(uid=%v))\n\tx<y>"]


def test_unchanged_escaped_values_keep_their_raw_form(root):
    # security.xml holds &amp; in LDAP filters; changing another attribute of the element keeps them raw
    doc = Document(root, CELL + "/security.xml")
    el = next(e for e in doc.root.iter() if isinstance(e.tag, str) and "&" in "".join(e.attrib.values()))
    other = next(k for k, v in el.attrib.items() if "&" not in v and k != XMI_ID)
    doc.set_attr(el, other, "changed")
    d = diff(doc.original_bytes, doc.serialize())
    assert len(d) == 2
    assert "&amp;" in d[1]


# ---------------------------------------------------------------- children
def test_append_host_alias(root):
    doc = Document(root, VHOSTS)
    vh = by_id(doc, "VirtualHost_1")
    el = doc.make_element("aliases", [(XMI_ID, "HostAlias_1600000000000"), ("hostname", "*"), ("port", "8080")])
    doc.append_child(vh, el)
    assert diff(doc.original_bytes, doc.serialize()) == [
        '+    <aliases xmi:id="HostAlias_1600000000000" hostname="*" port="8080"/>',
    ]
    out = doc.serialize().decode()
    assert (
        '<aliases xmi:id="HostAlias_8" hostname="*" port="443"/>\n'
        '    <aliases xmi:id="HostAlias_1600000000000" hostname="*" port="8080"/>\n'
        '  </host:VirtualHost>\n  <host:VirtualHost xmi:id="VirtualHost_2"' in out
    )


def test_insert_child_at_index(root):
    doc = Document(root, VHOSTS)
    vh = by_id(doc, "VirtualHost_1")
    kids = [c for c in vh if isinstance(c.tag, str)]
    idx = kids.index(by_id(doc, "HostAlias_2"))
    el = doc.make_element("aliases", [("xmi:id", "HostAlias_99"), ("hostname", "h"), ("port", "1")])
    doc.insert_child(vh, idx, el)
    out = doc.serialize().decode()
    assert diff(doc.original_bytes, out.encode()) == ['+    <aliases xmi:id="HostAlias_99" hostname="h" port="1"/>']
    assert (
        '<aliases xmi:id="HostAlias_1" hostname="*" port="9080"/>\n'
        '    <aliases xmi:id="HostAlias_99" hostname="h" port="1"/>\n'
        '    <aliases xmi:id="HostAlias_2" hostname="*"/>'
    ) in out


def test_insert_top_level_object_with_children(root):
    doc = Document(root, VHOSTS)
    vh = doc.make_element("host:VirtualHost", [("xmi:id", "VirtualHost_9"), ("name", "st_host")])
    alias = doc.make_element("aliases", [("xmi:id", "HostAlias_90"), ("hostname", "*"), ("port", "9444")])
    vh.append(alias)
    doc.append_child(doc.root, vh)
    doc.append_child(vh, doc.make_element("aliases", [("xmi:id", "HostAlias_91"), ("hostname", "*")]))
    assert diff(doc.original_bytes, doc.serialize()) == [
        '+  <host:VirtualHost xmi:id="VirtualHost_9" name="st_host">',
        '+    <aliases xmi:id="HostAlias_90" hostname="*" port="9444"/>',
        '+    <aliases xmi:id="HostAlias_91" hostname="*"/>',
        "+  </host:VirtualHost>",
    ]
    assert doc.serialize().endswith(b"  </host:VirtualHost>\n</xmi:XMI>\n")


def test_no_lxml_auto_prefixes(root):
    doc = Document(root, SERVERINDEX)
    entry = next(e for e in doc.root if isinstance(e.tag, str) and e.tag == "serverEntries")
    el = etree.Element("specialEndpoints")  # plain lxml element, attributes set by Clark name
    el.set(XMI_ID, "NamedEndPoint_1")
    el.set("endPointName", "X")
    doc.append_child(entry, el)
    out = doc.serialize().decode()
    assert "ns0" not in out
    assert '<specialEndpoints xmi:id="NamedEndPoint_1" endPointName="X"/>' in out


def test_remove_child(root):
    doc = Document(root, SERVERINDEX)
    ne = by_id(doc, "NamedEndPoint_1183122129647")
    doc.remove(ne)
    block = (
        b'    <specialEndpoints xmi:id="NamedEndPoint_1183122129647" endPointName="WC_defaulthost">\n'
        b'      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9080"/>\n'
        b"    </specialEndpoints>\n"
    )
    assert doc.original_bytes.count(block) == 1
    assert doc.serialize() == doc.original_bytes.replace(block, b"")


def test_remove_last_child_in_list_keeps_closing_indent(root):
    doc = Document(root, VHOSTS)
    doc.remove(by_id(doc, "HostAlias_8"))
    assert diff(doc.original_bytes, doc.serialize()) == ['-    <aliases xmi:id="HostAlias_8" hostname="*" port="443"/>']
    assert b'port="5061"/>\n  </host:VirtualHost>' in doc.serialize()


def test_remove_only_child_makes_parent_self_closing(root):
    doc = Document(root, SERVERINDEX)
    ne = by_id(doc, "NamedEndPoint_1183122129647")
    doc.remove(by_id(doc, "EndPoint_1183122129647"))
    assert len(ne) == 0
    assert diff(doc.original_bytes, doc.serialize()) == [
        '-    <specialEndpoints xmi:id="NamedEndPoint_1183122129647" endPointName="WC_defaulthost">',
        '-      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9080"/>',
        "-    </specialEndpoints>",
        '+    <specialEndpoints xmi:id="NamedEndPoint_1183122129647" endPointName="WC_defaulthost"/>',
    ]
    # and a child can come back
    doc.append_child(ne, doc.make_element("endPoint", [("xmi:id", "EndPoint_1"), ("host", "*"), ("port", "1")]))
    assert diff(doc.original_bytes, doc.serialize()) == [
        '-      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9080"/>',
        '+      <endPoint xmi:id="EndPoint_1" host="*" port="1"/>',
    ]


def test_child_into_self_closing_element(root):
    doc = Document(root, SERVERINDEX)
    ep = by_id(doc, "EndPoint_1183122129647")
    doc.append_child(ep, doc.make_element("properties", [("xmi:id", "Property_1"), ("name", "a"), ("value", "b")]))
    assert diff(doc.original_bytes, doc.serialize()) == [
        '-      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9080"/>',
        '+      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9080">',
        '+        <properties xmi:id="Property_1" name="a" value="b"/>',
        "+      </endPoint>",
    ]


def test_remove_root_refused(root):
    doc = Document(root, SERVERINDEX)
    with pytest.raises(ValueError):
        doc.remove(doc.root)


# ---------------------------------------------------------------- text lists
def test_text_list(root):
    doc = Document(root, SERVERINDEX)
    entry = next(e for e in doc.root if isinstance(e.tag, str) and e.tag == "serverEntries")
    apps = [c.text for c in entry if c.tag == "deployedApplications"]
    assert apps
    assert doc.set_text_list(entry, "deployedApplications", apps) is False
    assert not doc.changed
    doc.set_text_list(entry, "deployedApplications", apps + ["st.ear/deployments/st & co"])
    assert diff(doc.original_bytes, doc.serialize()) == [
        "+    <deployedApplications>st.ear/deployments/st &amp; co</deployedApplications>"
    ]
    doc.set_text_list(entry, "deployedApplications", apps[1:])
    d = diff(doc.original_bytes, doc.serialize())
    assert d == [f"-    <deployedApplications>{apps[0]}</deployedApplications>"]


def test_text_list_value_change(root):
    doc = Document(root, VHOSTS)
    mime = by_id(doc, "MimeEntry_2")
    exts = [c.text for c in mime if c.tag == "extensions"]
    doc.set_text_list(mime, "extensions", ["zz"] + exts[1:])
    assert diff(doc.original_bytes, doc.serialize()) == [
        f"-      <extensions>{exts[0]}</extensions>",
        "+      <extensions>zz</extensions>",
    ]


# ---------------------------------------------------------------- namespaces
def test_ensure_namespace(root):
    doc = Document(root, SERVERINDEX)
    assert doc.ensure_namespace("xmi", XMI_NS) is False
    assert not doc.changed
    assert doc.ensure_namespace("foo", "http://example.com/foo.xmi") is True
    assert doc.ensure_namespace("foo", "http://example.com/foo.xmi") is False
    with pytest.raises(ValueError):
        doc.ensure_namespace("foo", "http://example.com/other.xmi")
    d = diff(doc.original_bytes, doc.serialize())
    assert len(d) == 2
    assert d[1] == d[0].replace(
        '-<serverindex:ServerIndex xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"',
        '+<serverindex:ServerIndex xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:foo="http://example.com/foo.xmi"',
    )
    # the new prefix is usable for new elements
    el = doc.make_element("foo:Thing", [("xmi:id", "Thing_1")])
    doc.append_child(doc.root, el)
    assert b'<foo:Thing xmi:id="Thing_1"/>' in doc.serialize()


def test_ensure_namespace_alphabetical(tmp_path):
    doc = write_doc(
        tmp_path,
        "server.xml",
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<process:Server xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:a="urn:a" '
        b'xmlns:process="urn:p" xmlns:z="urn:z" xmi:id="Server_1" name="s"/>\n',
    )
    doc.ensure_namespace("m", "urn:m")
    doc.ensure_namespace("b", "urn:b")
    assert doc.serialize() == (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<process:Server xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:a="urn:a" xmlns:b="urn:b" '
        b'xmlns:m="urn:m" xmlns:process="urn:p" xmlns:z="urn:z" xmi:id="Server_1" name="s"/>\n'
    )


# ---------------------------------------------------------------- non-XMI documents
def test_wimconfig_sdo(root):
    uri = CELL + "/wim/config/wimconfig.xml"
    doc = Document(root, uri)
    cp = doc.root[0]
    assert etree.QName(cp).localname == "configurationProvider"
    # attributes wrapped over two lines: change one on the second line
    assert doc.set_attr(cp, "searchTimeOut", "1000") is True
    assert diff(doc.original_bytes, doc.serialize()) == [
        '-      pagedCacheTimeOut="900" pagingEntityObject="true" searchTimeOut="600000">',
        '+      pagedCacheTimeOut="900" pagingEntityObject="true" searchTimeOut="1000">',
    ]
    doc.set_attr(cp, "searchTimeOut", "600000")
    # text list with a prefixed tag
    set_ = [e for e in cp.iter() if isinstance(e.tag, str) and etree.QName(e).localname == "supportedEntityTypes"][1]
    vals = [c.text for c in set_]
    doc.set_text_list(set_, "config:rdnProperties", vals + ["uid"])
    assert diff(doc.original_bytes, doc.serialize()) == ["+      <config:rdnProperties>uid</config:rdnProperties>"]
    # comment and header kept
    assert doc.serialize().startswith(doc.original_bytes[: doc.original_bytes.index(b"<sdo:datagraph")])


def test_remove_in_document_without_final_newline(tmp_path):
    data = b'<?xml version="1.0" encoding="UTF-8"?><bla name="x">\n  <a/>\n  <b/>\n</bla>'
    doc = write_doc(tmp_path, "bla.xml", data)
    doc.remove(doc.root[1])
    assert doc.serialize() == b'<?xml version="1.0" encoding="UTF-8"?><bla name="x">\n  <a/>\n</bla>'
    doc.remove(doc.root[0])
    assert doc.serialize() == b'<?xml version="1.0" encoding="UTF-8"?><bla name="x"/>'


def test_comments_and_odd_formatting_kept(tmp_path):
    data = (
        b"<?xml version='1.0' encoding=\"UTF-8\"?>\n<!-- head -->\n<r a = 'q'  enable=\"\" >\n"
        b'\t<!-- c1 -->\n\t<x\n     k="1"\n     j="2" />   \n  <y>t&amp;<![CDATA[<z>]]></y>\n</r>\n<!-- tail -->'
    )
    doc = write_doc(tmp_path, "odd.xml", data)
    r = doc.root
    x = r.find("x")
    doc.set_attr(x, "j", "3")
    doc.set_attr(r, "enable", "true")
    out = doc.serialize()
    assert out == data.replace(b'j="2"', b'j="3"').replace(b'enable=""', b'enable="true"')
    y = r.find("y")
    doc.remove(x)
    doc.remove(y)
    # r keeps a comment, so it is not self-closing
    assert doc.serialize() == (
        b"<?xml version='1.0' encoding=\"UTF-8\"?>\n<!-- head -->\n<r a = 'q'  enable=\"true\" >\n"
        b"\t<!-- c1 -->\n</r>\n<!-- tail -->"
    )


def test_empty_open_close_pair_becomes_self_closing_only_after_remove(tmp_path):
    data = b'<r>\n  <e></e>\n  <f a="1" >\n    <g/>\n  </f>\n</r>\n'
    doc = write_doc(tmp_path, "t.xml", data)
    doc.touch(doc.root.find("e"))
    assert doc.serialize() == data
    doc.remove(doc.root.find("f/g"))
    assert doc.serialize() == b'<r>\n  <e></e>\n  <f a="1" />\n</r>\n'


# ---------------------------------------------------------------- new documents
def test_new_document(tmp_path):
    uri = "cells/c/nodes/n/servers/s/variables.xml"
    doc = Document.new(
        str(tmp_path),
        uri,
        "variables:VariableMap",
        [("variables", "http://www.ibm.com/websphere/appserver/schemas/5.0/variables.xmi")],
        [("xmi:id", "VariableMap_1")],
    )
    assert doc.changed and doc.is_new
    assert doc.serialize() == (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<variables:VariableMap xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" '
        b'xmlns:variables="http://www.ibm.com/websphere/appserver/schemas/5.0/variables.xmi" xmi:id="VariableMap_1"/>\n'
    )
    doc.append_child(
        doc.root, doc.make_element("entries", [("xmi:id", "VariableSubstitutionEntry_1"), ("symbolicName", "A"), ("value", "b")])
    )
    assert doc.serialize() == (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<variables:VariableMap xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" '
        b'xmlns:variables="http://www.ibm.com/websphere/appserver/schemas/5.0/variables.xmi" xmi:id="VariableMap_1">\n'
        b'  <entries xmi:id="VariableSubstitutionEntry_1" symbolicName="A" value="b"/>\n'
        b"</variables:VariableMap>\n"
    )
    assert doc.disk_changed() is False
    # the repository's one save path creates the directories and leaves nothing else behind
    assert journal.commit(str(tmp_path), {uri: doc.serialize()}, {uri: journal.ABSENT}) == [uri]
    with open(doc.path, "rb") as f:
        assert f.read().endswith(b"</variables:VariableMap>\n")
    assert os.listdir(os.path.dirname(doc.path)) == ["variables.xml"]
    assert os.listdir(str(tmp_path)) == ["cells"]


def test_new_document_with_wrapper(tmp_path):
    doc = Document.new(
        str(tmp_path),
        "cells/c/resources.xml",
        "resources.jdbc:JDBCProvider",
        {"resources.jdbc": "http://www.ibm.com/websphere/appserver/schemas/5.0/resources.jdbc.xmi"},
        [("xmi:id", "JDBCProvider_1"), ("name", "P"), ("description", None)],
        xmi_wrapper=True,
    )
    assert doc.serialize() == (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<xmi:XMI xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" '
        b'xmlns:resources.jdbc="http://www.ibm.com/websphere/appserver/schemas/5.0/resources.jdbc.xmi">\n'
        b'  <resources.jdbc:JDBCProvider xmi:id="JDBCProvider_1" name="P"/>\n'
        b"</xmi:XMI>\n"
    )
    assert etree.QName(doc.root[0]).localname == "JDBCProvider"


def test_from_bytes(tmp_path):
    doc = Document.from_bytes(str(tmp_path), "x/y.xml", b"<a/>")
    assert doc.changed and doc.serialize() == b"<a/>"


# ---------------------------------------------------------------- writing and conflicts
def test_commit_keeps_mode_and_leaves_nothing(root):
    doc = Document(root, SERVERINDEX)
    os.chmod(doc.path, 0o640)
    doc.set_attr(by_id(doc, "EndPoint_1183122129647"), "port", "80")
    before = sorted(os.listdir(os.path.dirname(doc.path)))
    data = doc.serialize()
    journal.commit(root, {SERVERINDEX: data}, {SERVERINDEX: doc.digest})
    assert sorted(os.listdir(os.path.dirname(doc.path))) == before
    assert sorted(os.listdir(root)) == ["config"]  # no lock, journal or temp file stays
    assert stat.S_IMODE(os.stat(doc.path).st_mode) == 0o640
    with open(doc.path, "rb") as f:
        assert f.read() == data
    assert doc.disk_changed() is True  # the document still holds what it was read from
    doc.reset()
    assert doc.root is not None and doc.original_bytes == data and doc.disk_changed() is False


def test_disk_changed(root):
    doc = Document(root, SERVERINDEX)
    assert doc.disk_changed() is False  # nothing read yet
    assert doc.root is not None
    assert doc.digest == journal.digest(doc.original_bytes)
    assert doc.disk_changed() is False
    os.utime(doc.path, ns=(1, 1))  # touched but same content
    assert doc.disk_changed() is False
    # same size, same timestamp, other content: a change (the digest decides, not mtime and size)
    st = os.stat(doc.path)
    data = bytearray(doc.original_bytes)
    data[data.index(b"9080")] = ord("8")
    with open(doc.path, "wb") as f:
        f.write(bytes(data))
    os.utime(doc.path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(doc.path).st_size == st.st_size
    assert doc.disk_changed() is True
    doc.reset()
    assert not doc.loaded
    assert doc.root is not None
    assert doc.disk_changed() is False
    os.remove(doc.path)
    assert doc.disk_changed() is True


def test_reset_drops_changes(root):
    doc = Document(root, SERVERINDEX)
    doc.set_attr(by_id(doc, "EndPoint_1183122129647"), "port", "80")
    doc.reset()
    assert not doc.changed
    assert by_id(doc, "EndPoint_1183122129647").get("port") == "9080"


# ---------------------------------------------------------------- malformed and unsafe input
def test_malformed_message(tmp_path):
    doc = write_doc(tmp_path, "bad.xml", b'<?xml version="1.0"?>\n<a>\n  <b>\n</a>\n')
    with pytest.raises(MalformedDocumentError) as ei:
        _ = doc.root
    msg = ei.value.message
    assert msg.startswith(str(tmp_path / "bad.xml") + ":4: ")
    assert "\n" not in msg
    assert str(ei.value).startswith("com.ibm.websphere.management.exception.DocumentIOException: ")


@pytest.fixture
def listener():
    """A local TCP port that records whether anything connected to it."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(5)
    s.setblocking(False)
    yield s.getsockname()[1], s
    s.close()


def _connected(sock):
    try:
        conn, _ = sock.accept()
    except (BlockingIOError, OSError):
        return False
    conn.close()
    return True


def test_external_entities_not_expanded(tmp_path, listener):
    port, sock = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    data = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!DOCTYPE r [\n"
        f'  <!ENTITY file SYSTEM "file://{secret}">\n'
        f'  <!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
        f'  <!ENTITY web SYSTEM "http://127.0.0.1:{port}/x.txt">\n'
        f'  <!ENTITY % pe SYSTEM "http://127.0.0.1:{port}/pe.dtd">\n'
        f"  %pe;\n"
        f"]>\n"
        f'<r a="1">&file;&passwd;&web;<c/></r>\n'
    ).encode()
    doc = write_doc(tmp_path, "ent.xml", data)
    r = doc.root
    text = etree.tostring(r, encoding="unicode")
    assert "TOPSECRET" not in text and "root:" not in text
    assert [n.text for n in r if isinstance(n, etree._Entity)] == ["&file;", "&passwd;", "&web;"]
    assert not _connected(sock)
    # the entity references survive a rewrite untouched
    doc.set_attr(r, "a", "2")
    doc.append_child(r, doc.make_element("d"))
    out = doc.serialize()
    assert out.startswith(data[: data.index(b"<r ")])
    assert out.endswith(b'<r a="2">&file;&passwd;&web;<c/>\n  <d/>\n</r>\n')
    assert b"TOPSECRET" not in out


def test_external_dtd_not_fetched(tmp_path, listener):
    port, sock = listener
    data = f'<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "http://127.0.0.1:{port}/r.dtd">\n<r x="&#xA;">&ext;</r>\n'.encode()
    doc = write_doc(tmp_path, "dtd.xml", data)
    r = doc.root
    assert not _connected(sock)
    assert [n.text for n in r if isinstance(n, etree._Entity)] == ["&ext;"]
    doc.touch(r)
    assert doc.serialize() == data


def test_internal_entity_bomb_not_expanded(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">\n' for i in range(1, 10))
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE r [\n<!ENTITY l0 "lol">\n{lol}]>\n<r>&l9;</r>\n').encode()
    doc = write_doc(tmp_path, "bomb.xml", data)
    try:
        r = doc.root
    except MalformedDocumentError:
        return
    assert len(etree.tostring(r)) < 1000


# ---------------------------------------------------------------- safety net for direct lxml changes
def test_direct_lxml_change_on_new_root_is_written(tmp_path):
    doc = Document.new(str(tmp_path), "cells/c/x.xml", "variables:VariableMap", [("variables", "urn:v")], [])
    doc.root.set(XMI_ID, "VariableMap_7")
    assert (
        b'<variables:VariableMap xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:variables="urn:v" '
        b'xmi:id="VariableMap_7"/>\n' in doc.serialize()
    )


def test_direct_lxml_changes_are_noticed(root):
    doc = Document(root, SERVERINDEX)
    ep = by_id(doc, "EndPoint_1183122129647")
    ep.set("port", "1")  # before the span map exists
    other = by_id(doc, "EndPoint_1183122129648")
    doc.set_attr(other, "host", "h")  # first API mutation takes the span map
    ne = by_id(doc, "NamedEndPoint_1183122129649")
    ne.set("endPointName", "Z")  # after it
    d = diff(doc.original_bytes, doc.serialize())
    assert [line for line in d if line.startswith("+")] == [
        '+      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="1"/>',
        '+      <endPoint xmi:id="EndPoint_1183122129648" host="h" port="9353"/>',
        '+    <specialEndpoints xmi:id="NamedEndPoint_1183122129649" endPointName="Z">',
    ]
    assert len(d) == 6


def test_insert_child_index_is_lxml_position(tmp_path):
    doc = write_doc(tmp_path, "c.xml", b"<r>\n  <!-- c -->\n  <a/>\n</r>\n")
    doc.insert_child(doc.root, 1, doc.make_element("b"))
    assert doc.serialize() == b"<r>\n  <!-- c -->\n  <b/>\n  <a/>\n</r>\n"


# ---------------------------------------------------------------- line endings and ambiguous ids
def test_new_lines_in_a_crlf_document_end_with_crlf(tmp_path):
    data = (
        b'<?xml version="1.0" encoding="UTF-8"?>\r\n'
        b'<xmi:XMI xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI">\r\n'
        b'  <a xmi:id="A_1">\r\n'
        b'    <b xmi:id="B_1" v="1"/>\r\n'
        b"  </a>\r\n"
        b"</xmi:XMI>\r\n"
    )
    (tmp_path / "d.xml").write_bytes(data)
    doc = Document(str(tmp_path), "d.xml")
    a = doc.root[0]
    doc.append_child(a, doc.make_element("b", [("xmi:id", "B_2"), ("v", "2")]))
    doc.append_child(doc.root, doc.make_element("c", [("xmi:id", "C_1")]))
    out = doc.serialize()
    assert out == (
        b'<?xml version="1.0" encoding="UTF-8"?>\r\n'
        b'<xmi:XMI xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI">\r\n'
        b'  <a xmi:id="A_1">\r\n'
        b'    <b xmi:id="B_1" v="1"/>\r\n'
        b'    <b xmi:id="B_2" v="2"/>\r\n'
        b"  </a>\r\n"
        b'  <c xmi:id="C_1"/>\r\n'
        b"</xmi:XMI>\r\n"
    )
    assert out.count(b"\n") == out.count(b"\r\n")


def test_lf_document_stays_lf(tmp_path):
    (tmp_path / "d.xml").write_bytes(b'<r xmlns:xmi="http://www.omg.org/XMI">\n  <a xmi:id="A_1"/>\n</r>\n')
    doc = Document(str(tmp_path), "d.xml")
    doc.append_child(doc.root, doc.make_element("a", [("xmi:id", "A_2")]))
    assert b"\r" not in doc.serialize()


def test_edit_of_an_object_with_a_duplicated_id_is_refused_naming_both_places(tmp_path):
    data = (
        b'<r xmlns:xmi="http://www.omg.org/XMI">\n'
        b'  <e xmi:id="E_1" port="1"/>\n'
        b'  <e xmi:id="E_2" port="2"/>\n'
        b'  <e xmi:id="E_1" port="3"/>\n'
        b"</r>\n"
    )
    (tmp_path / "d.xml").write_bytes(data)
    doc = Document(str(tmp_path), "d.xml")
    first, second, third = list(doc.root)
    assert first.get("port") == "1"  # reading works
    for edit in (
        lambda: doc.set_attr(third, "port", "9"),
        lambda: doc.remove(first),
        lambda: doc.append_child(first, doc.make_element("x")),
    ):
        with pytest.raises(AmbiguousObjectError) as e:
            edit()
        msg = e.value.message
        assert msg.startswith('ADMR0015E: The object id "E_1" is not unique')
        assert "%s:2 and %s:4" % (doc.path, doc.path) in msg
        assert "\n" not in msg
    assert doc.set_attr(second, "port", "8") is True  # an unambiguous object in the same document
    assert doc.serialize() == data.replace(b'port="2"', b'port="8"')
