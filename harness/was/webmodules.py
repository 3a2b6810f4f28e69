"""The web modules of a deployed application and the virtual host each one is bound to (AdminApp -MapWebModToVH).

Storage [L]: a deployment's directory ``cells/C/applications/X.ear/deployments/X/`` holds ``deployment.xml``
(its ``modules`` with ``xmi:type="appdeployment:WebModuleDeployment" uri="x.war"``) and, per module, the
module's descriptors extracted under ``<uri>/``.  The virtual host of a web module is in its binding document::

    x.war/WEB-INF/ibm-web-bnd.xmi   (J2EE 1.4 and older; CFGDOC webappbnd/WebAppBinding.virtualHostName [V])
      <webappbnd:WebAppBinding xmi:version="2.0" ... xmi:id="WebApp_ID_Bnd" virtualHostName="default_host">
        <webapp href="WEB-INF/web.xml#WebApp_ID"/>
      </webappbnd:WebAppBinding>
    x.war/WEB-INF/ibm-web-bnd.xml   (Java EE 5 and later)
      <web-bnd xmlns="http://websphere.ibm.com/xml/ns/javaee" ... version="1.0">
        <virtual-host name="default_host"/>
      </web-bnd>

Changes go through the Document API (one attribute, so an undone change gives the original bytes back) and stay
in the workspace until AdminConfig.save().  The unverified choices are named in harness/base/wsadmin_semantics.py
(WEBMOD_*).
"""

from harness.base import wsadmin_semantics as S

XMI_NS = "http://www.omg.org/XMI"
XMI_ID = "{%s}id" % XMI_NS
XMI_TYPE = "{%s}type" % XMI_NS
WEB_MODULE_TYPE = "WebModuleDeployment"
BND_XMI = "WEB-INF/ibm-web-bnd.xmi"
BND_XML = "WEB-INF/ibm-web-bnd.xml"
WEB_XML = "WEB-INF/web.xml"
XMI_BND_NSMAP = [("webappbnd", "webappbnd.xmi"), ("webapplication", "webapplication.xmi")]


def _local(tag):
    if not isinstance(tag, str):
        return None
    return tag.rsplit("}", 1)[-1]


class WebModule(object):
    """One web module of a deployment: uri ('stproxy.war'), name (the view's "Web module"), the documents."""

    def __init__(self, repo, dep_dir, uri):
        self._repo = repo
        self.uri = uri
        base = "%s/%s/" % (dep_dir, uri)
        self.web_xml_uri = base + WEB_XML
        self.xmi_uri = base + BND_XMI
        self.xml_uri = base + BND_XML
        self.name = self._display_name() or (uri if S.WEBMOD_NAME_FALLBACK_TO_URI else "")

    @property
    def uri_column(self):
        return self.uri + S.WEBMOD_URI_SUFFIX

    def _web_xml_root(self):
        doc = self._repo.doc(self.web_xml_uri)
        return doc.root if doc is not None else None

    def _display_name(self):
        root = self._web_xml_root()
        if root is None:
            return None
        for c in root:
            if _local(c.tag) == "display-name":
                return (c.text or "").strip() or None
        return None

    def _binding(self):
        """(document, element holding the virtual host or None, kind 'xmi'|'xml') or None without a binding."""
        doc = self._repo.doc(self.xmi_uri)
        if doc is not None:
            return doc, doc.root, "xmi"
        doc = self._repo.doc(self.xml_uri)
        if doc is not None:
            for c in doc.root:
                if _local(c.tag) == "virtual-host":
                    return doc, c, "xml"
            return doc, None, "xml"
        return None

    def virtual_host(self):
        b = self._binding()
        value = None
        if b is not None and b[1] is not None:
            value = b[1].get("virtualHostName" if b[2] == "xmi" else "name")
        return value or S.WEBMOD_UNBOUND_VIRTUAL_HOST

    def set_virtual_host(self, name):
        """Bind the module to virtual host `name` in the workspace; True when something changed."""
        if self.virtual_host() == name and self._binding() is not None:
            return False
        b = self._binding()
        if b is None:
            self._new_xmi_binding(name)
            return True
        doc, el, kind = b
        if kind == "xmi":
            return doc.set_attr(el, "virtualHostName", name)
        if el is None:
            ns = doc.root.tag[1:].split("}", 1)[0] if doc.root.tag.startswith("{") else None
            el = doc.make_element("{%s}virtual-host" % ns if ns else "virtual-host", [("name", name)])
            doc.insert_child(doc.root, 0, el)
            return True
        return doc.set_attr(el, "name", name)

    def _new_xmi_binding(self, name):
        root = self._web_xml_root()
        webapp_id = (root.get("id") if root is not None else None) or S.WEBMOD_WEBAPP_ID
        doc = self._repo.new_document(
            self.xmi_uri,
            "webappbnd:WebAppBinding",
            XMI_BND_NSMAP,
            [("xmi:id", S.WEBMOD_NEW_BINDING_ID), ("virtualHostName", name)],
        )
        doc.append_child(doc.root, doc.make_element("webapp", [("href", "%s#%s" % (WEB_XML, webapp_id))]))
        try:
            self._repo.register_element(doc, doc.root, "WebAppBinding")
        except Exception:  # noqa: BLE001 - index bookkeeping only
            pass


def web_modules(repo, deployment_uri):
    """[WebModule] of the deployment (deployment.xml module order)."""
    doc = repo.doc(deployment_uri)
    if doc is None:
        return []
    dep_dir = deployment_uri.rsplit("/", 1)[0]
    out = []
    for el in doc.root.iter():
        if _local(el.tag) == "modules" and (el.get(XMI_TYPE) or "").rsplit(":", 1)[-1] == WEB_MODULE_TYPE:
            uri = el.get("uri")
            if uri:
                out.append(WebModule(repo, dep_dir, uri))
    return out


def virtual_host_names(repo):
    """Names of the virtual hosts the cell defines (virtualhosts.xml)."""
    out = []
    for obj in repo.iter_objects("VirtualHost"):
        n = obj.elem.get("name")
        if n:
            out.append(n)
    return out
