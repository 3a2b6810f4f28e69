"""Test helper: does every web module's virtual host still have an alias for every port its server listens on?

    from vhost_check import unserved
    assert unserved(config_root) == []

Read straight from the documents (lxml), apart from the module -> virtual host mapping, which comes from the
harness's AdminApp.view(app, '-MapWebModToVH') (where the binding documents are is harness/was/webmodules.py's
knowledge): deployment.xml for the targets (servers, or a cluster's members from cluster.xml), serverindex.xml for
the ports of each server's web container (WC_defaulthost, WC_defaulthost_secure), virtualhosts.xml for the aliases.
Independent of wsadmin_scripts/stwaslib/webmodules.py, which the jobs use for the same rule.
"""

import os
import types

from lxml import etree

from harness.config.repository.repository import Repository
from harness.scripting.adminapp import AdminApp

XMI_TYPE = "{http://www.omg.org/XMI}type"
WEB_CONTAINER_ENDPOINTS = ("WC_defaulthost", "WC_defaulthost_secure")


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


def _children(el, name):
    return [c for c in el if _local(c.tag) == name]


def _cell_dir(root):
    cells = os.path.join(root, "cells")
    return os.path.join(cells, sorted(os.listdir(cells))[0])


def web_module_hosts(root):
    """{app: [(module, virtual host)]} from AdminApp.view -MapWebModToVH."""
    aa = AdminApp(types.SimpleNamespace(repository=Repository(root), line_separator="\n"))
    out = {}
    for app in aa.list().splitlines():
        rows, cur = [], None
        for ln in aa.view(app, "-MapWebModToVH").splitlines():
            if ln.startswith("Web module:  "):
                cur = ln.split(":  ", 1)[1]
            elif ln.startswith("Virtual host:  "):
                rows.append((cur, ln.split(":  ", 1)[1]))
        out[app] = rows
    return out


def server_ports(cell_dir):
    """{(server, node): [port, ...]} of the web container endpoints of every server."""
    out = {}
    nodes = os.path.join(cell_dir, "nodes")
    for node in sorted(os.listdir(nodes)):
        p = os.path.join(nodes, node, "serverindex.xml")
        if not os.path.isfile(p):
            continue
        for entry in etree.parse(p).getroot().iter("serverEntries"):
            if entry.get("serverType") == "PROXY_SERVER":
                continue
            ports = []
            for nep in _children(entry, "specialEndpoints"):
                if nep.get("endPointName") in WEB_CONTAINER_ENDPOINTS:
                    for ep in _children(nep, "endPoint"):
                        ports.append(str(ep.get("port")))
            out[(entry.get("serverName"), node)] = ports
    return out


def targets(cell_dir, app):
    """[(server, node)] the application is deployed on."""
    dep = os.path.join(cell_dir, "applications", app + ".ear", "deployments", app, "deployment.xml")
    out = []
    for t in etree.parse(dep).getroot().iter("deploymentTargets"):
        kind = (t.get(XMI_TYPE) or "").rsplit(":", 1)[-1]
        if kind == "ServerTarget":
            out.append((t.get("name"), t.get("nodeName")))
        elif kind == "ClusteredTarget":
            cluster = os.path.join(cell_dir, "clusters", t.get("name"), "cluster.xml")
            for m in etree.parse(cluster).getroot().iter("members"):
                out.append((m.get("memberName"), m.get("nodeName")))
    return out


def virtual_host_ports(cell_dir):
    """{virtual host: [port, ...]} (an alias without a port is on 80, the model default)."""
    out = {}
    for vh in etree.parse(os.path.join(cell_dir, "virtualhosts.xml")).getroot().iter():
        if _local(vh.tag) == "VirtualHost":
            out[vh.get("name")] = [a.get("port") or "80" for a in _children(vh, "aliases")]
    return out


def unserved(root):
    """Sorted [(app, web module, 'server@node', virtual host, port)] of every web module whose virtual host has no
    alias for a port its server's web container listens on ([] when all are served)."""
    cell_dir = _cell_dir(str(root))
    ports = server_ports(cell_dir)
    aliases = virtual_host_ports(cell_dir)
    out = []
    for app, modules in web_module_hosts(str(root)).items():
        for server, node in targets(cell_dir, app):
            for port in ports.get((server, node), []):
                for module, vh in modules:
                    if port not in aliases.get(vh, []):
                        out.append((app, module, "%s@%s" % (server, node), vh, port))
    return sorted(out)
