"""backupConfig zips: what a local zip holds, checked before `invoke rollback` uploads it, and the restore steps.

    info = inspect("snapshots/stconsole-20250101-120000.zip")   # BackupError (one line) if it is not a backup
    info.cell, info.nodes, info.dmgr_node, info.dmgr_soap        # cell name, node names, dmgr node and SOAP host:port

A backupConfig zip holds one profile's config directory: ``[prefix/]cells/<cell>/cell.xml`` and the cell's nodes
(the prefix is whatever backupConfig put in front, e.g. ``Dmgr01/config/``; harness.plan reads the same layout).
"""

import os
import re
import zipfile
from xml.etree import ElementTree

_CELL_XML = re.compile(r"^(?P<root>(?:.*/)?)cells/(?P<cell>[^/]+)/cell\.xml$")
_NODE_DIR = re.compile(r"^cells/[^/]+/nodes/(?P<node>[^/]+)/serverindex\.xml$")


class BackupError(Exception):
    """A one-line reason why a file is not a backup this rollback can use."""


class BackupInfo(object):
    def __init__(self, path, cell, root, files, nodes, dmgr_node=None, dmgr_soap=None):
        self.path = path
        self.cell = cell  # the WebSphere cell name (its directory under cells/)
        self.root = root  # the prefix of the config directory inside the zip
        self.files = files  # number of files
        self.nodes = nodes  # node names, sorted
        self.dmgr_node = dmgr_node  # the node of the deployment manager, when serverindex.xml says so
        self.dmgr_soap = dmgr_soap  # (host, port) of its SOAP_CONNECTOR_ADDRESS, when known

    @property
    def other_nodes(self):
        """The nodes that must be synchronised after a restore (every node but the deployment manager's)."""
        return [n for n in self.nodes if n != self.dmgr_node]


def _unsafe(name):
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name)


def _dmgr_of(zf, root, cell, nodes):
    """(dmgr node, (host, SOAP port)) from the nodes' serverindex.xml: the entry of serverType DEPLOYMENT_MANAGER."""
    for node in nodes:
        try:
            tree = ElementTree.fromstring(zf.read("%scells/%s/nodes/%s/serverindex.xml" % (root, cell, node)))
        except (KeyError, ElementTree.ParseError, zipfile.BadZipFile):
            continue
        for entry in tree.iter("serverEntries"):
            if entry.get("serverType") != "DEPLOYMENT_MANAGER":
                continue
            soap = None
            for sep in entry.iter("specialEndpoints"):
                if sep.get("endPointName") == "SOAP_CONNECTOR_ADDRESS":
                    ep = sep.find("endPoint")
                    if ep is not None and ep.get("port"):
                        soap = (ep.get("host") or "", ep.get("port"))
            return node, soap
    return None, None


def inspect(path):
    """BackupInfo of a backupConfig zip; BackupError when the file is missing, not a zip, damaged, holds members
    outside its directory, or does not hold exactly one cell's configuration."""
    if not os.path.isfile(path):
        raise BackupError("%s does not exist" % path if not os.path.exists(path) else "%s is not a file" % path)
    if not zipfile.is_zipfile(path):
        raise BackupError("%s is not a zip file (a backupConfig.sh zip is expected)" % path)
    try:
        with zipfile.ZipFile(path) as zf:
            names = [i.filename for i in zf.infolist() if not i.is_dir()]
            bad = [n for n in names if _unsafe(n)]
            if bad:
                raise BackupError("%s holds a member outside its directory (%s): not a backupConfig zip" % (path, bad[0]))
            cells = sorted({(m.group("root"), m.group("cell")) for m in map(_CELL_XML.match, names) if m})
            if not cells:
                raise BackupError("%s holds no cells/<cell>/cell.xml: not a backupConfig zip of a WebSphere configuration" % path)
            if len(cells) > 1:
                raise BackupError(
                    "%s holds more than one configuration (%s): not one backupConfig zip"
                    % (path, ", ".join("%scells/%s" % c for c in cells))
                )
            root, cell = cells[0]
            damaged = zf.testzip()
            if damaged:
                raise BackupError("%s is damaged (%s fails its CRC check)" % (path, damaged))
            try:
                name = ElementTree.fromstring(zf.read("%scells/%s/cell.xml" % (root, cell))).get("name")
            except ElementTree.ParseError as e:
                raise BackupError("%s: cells/%s/cell.xml is not XML (%s)" % (path, cell, e))
            if name != cell:
                raise BackupError(
                    "%s: cells/%s/cell.xml names the cell %r: not a configuration WebSphere wrote" % (path, cell, name)
                )
            inner = [n[len(root) :] for n in names if n.startswith(root)]
            nodes = sorted({m.group("node") for m in map(_NODE_DIR.match, inner) if m})
            dmgr_node, soap = _dmgr_of(zf, root, cell, nodes)
            return BackupInfo(path, cell, root, len(names), nodes, dmgr_node, soap)
    except (zipfile.BadZipFile, OSError) as e:
        raise BackupError("%s cannot be read as a zip file (%s)" % (path, e))


def next_steps(cell, info, stopped):
    """What the admin does after restoreConfig.sh (it synchronises and restarts nothing by itself)."""
    bin_dir = cell.profile + "/bin"
    if info.dmgr_soap:
        dmgr = "%s %s" % (info.dmgr_soap[0] or cell.host, info.dmgr_soap[1])
    else:
        dmgr = "%s <dmgr SOAP port>" % cell.host
    first = (
        "start the deployment manager (restoreConfig.sh stopped it): %s/startManager.sh" % bin_dir
        if stopped
        else "restart the deployment manager so that it serves the restored configuration: %s/stopManager.sh, "
        "then %s/startManager.sh" % (bin_dir, bin_dir)
    )
    nodes = ", ".join(info.other_nodes) or "(no other node in the backup)"
    return [
        "1. " + first,
        "2. synchronise every node with it: %s. On each node, with its node agent stopped: "
        "<node profile>/bin/syncNode.sh %s, then startNode.sh (or, node agents running: System administration > "
        "Nodes > select all > Full Resynchronize)" % (nodes, dmgr),
        "3. restart what the restored settings belong to: deployment manager first, then the node agents, then the "
        "application servers (the Sametime media servers together)",
        "restoreConfig.sh moved the configuration it replaced aside, as its output above says: keep it until the "
        "cell runs as expected",
    ]
