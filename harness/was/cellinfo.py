"""The cell as its running processes see it: cell, deployment manager (node, host, SOAP port), product versions
and the processes of the serverindex.xml files.  Read by the MBeans (mbeans.py) and the LTPA keys (ltpa.py)."""

import posixpath

# [U] the version key of every ObjectName when node-metadata.properties does not name one.
DEFAULT_VERSION = "8.5.5.0"


class Process(object):
    def __init__(self, node, name, server_type, host):
        self.node = node
        self.name = name
        self.server_type = server_type
        self.host = host
        self.soap_port = None
        self.server_xmiid = None
        self.trace_xmiid = None
        self.startup_trace = None

    def __repr__(self):
        return "Process(%s/%s %s)" % (self.node, self.name, self.server_type)


class CellInfo(object):
    """cell, dmgr node/host/SOAP port, product version and the processes of a repository."""

    def __init__(self, repository):
        self.repository = repository
        self.cell = repository.cell_name
        self.processes = []
        self.dmgr = None
        versions = {}
        for obj in repository.iter_objects("ServerEntry", strict=False):
            uri = obj.doc.uri  # cells/C/nodes/N/serverindex.xml
            parts = uri.split("/")
            if len(parts) != 5 or parts[2] != "nodes" or parts[1] != self.cell or parts[4] != "serverindex.xml":
                continue  # (systemapps.xml holds a ServerEntry too)
            node = parts[3]
            if any(q.node == node and q.name == obj.elem.get("serverName") for q in self.processes):
                continue
            index = obj.elem.getparent()
            host = index.get("hostName") if index is not None else None
            p = Process(node, obj.elem.get("serverName"), obj.elem.get("serverType") or "APPLICATION_SERVER", host or "localhost")
            for ep in obj.elem:
                if not isinstance(ep.tag, str) or ep.get("endPointName") != "SOAP_CONNECTOR_ADDRESS":
                    continue
                for e in ep:
                    if isinstance(e.tag, str) and e.get("port"):
                        p.soap_port = e.get("port")
            self._read_server(p)
            self.processes.append(p)
            if p.server_type == "DEPLOYMENT_MANAGER" and self.dmgr is None:
                self.dmgr = p
            if node not in versions:
                versions[node] = _product_version(repository, "cells/%s/nodes/%s" % (self.cell, node))
        self.versions = versions
        self.standalone = self.dmgr is None
        if self.dmgr is None and self.processes:
            # [U] a base (unmanaged) cell: wsadmin connects to its application server, which then plays the
            # dmgr's part here (SecurityAdmin, getNode/getHost/getPort); its processType is UnManagedProcess.
            self.dmgr = self.processes[0]
        self.dmgr_node = self.dmgr.node if self.dmgr else None
        self.dmgr_host = self.dmgr.host if self.dmgr else "localhost"
        self.dmgr_soap_port = (self.dmgr.soap_port if self.dmgr else None) or "8879"

    def _read_server(self, p):
        uri = "cells/%s/nodes/%s/servers/%s/server.xml" % (self.cell, p.node, p.name)
        if not self.repository.exists(uri):
            return
        doc = self.repository.doc(uri)
        if doc is None:
            return
        try:
            root = doc.root
        except Exception:  # noqa: BLE001 - a broken server.xml leaves the defaults
            return
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            local = el.tag.rsplit("}", 1)[-1]
            xtype = el.get("{http://www.omg.org/XMI}type") or ""
            if el is root or local == "Server":
                p.server_xmiid = p.server_xmiid or el.get("{http://www.omg.org/XMI}id")
            if xtype.endswith(":TraceService") and p.trace_xmiid is None:
                p.trace_xmiid = el.get("{http://www.omg.org/XMI}id")
                p.startup_trace = el.get("startupTraceSpecification")

    def version(self, node):
        return self.versions.get(node) or DEFAULT_VERSION

    def server_uri(self, p):
        return "cells/%s/nodes/%s/servers/%s/server.xml" % (self.cell, p.node, p.name)


def _product_version(repository, node_dir):
    data = repository.current_bytes(posixpath.join(node_dir, "node-metadata.properties"))
    if not data:
        return None
    for line in data.decode("latin-1").splitlines():
        if line.startswith("com.ibm.websphere.baseProductVersion="):
            return line.split("=", 1)[1].strip()
    return None
