"""ServerManagement commands that create servers: createApplicationServer, createProxyServer.

``AdminTask.createApplicationServer('node', '[-name s -templateName default -genUniquePorts true]')`` copies
the server template the cell holds (``templates/servertypes/<TYPE>/servers/<template>/``, the documents
listTemplates('Server') shows) into ``cells/C/nodes/<node>/servers/<s>/``, renames its Server, and adds a
ServerEntry to the node's serverindex.xml with the template type's end points
(``templates/servertypes/<TYPE>/serverindex.xml``); with -genUniquePorts true (the default) every port that
another server of the node already uses moves up to the next free one.  It answers the new Server's ID.
The documents go into the workspace like every AdminConfig change: nothing is written before save().
Read through harness.scripting.admintask.cellfacts, written through AdminConfig's editor."""

import posixpath
import re

from harness.base import messages as M
from harness.base import wsadmin_semantics as S
from harness.base.errors import CommandValidationException
from harness.config.configid import looks_like_id, parse_id
from harness.scripting.admintask import cellfacts
from harness.scripting.admintask.args import Param
from harness.scripting.admintask.cellfacts import SERVER_INDEX_FILE
from harness.scripting.admintask.framework import command

TEMPLATES = "templates/servertypes"


def _params(default_template):
    return [
        Param("name", required=True, description="The name of the new server."),
        Param("templateName", default=default_template, description="The name of the server template."),
        Param("templateLocation", description="The configuration ID of the server template (instead of -templateName)."),
        Param("genUniquePorts", "Boolean", default=True, description="Give the server ports no other server of the node uses."),
        Param("specificShortName", description="The specific short name of the server (z/OS)."),
        Param("genericShortName", description="The generic short name of the server (z/OS)."),
        Param("clusterName", description="The cluster of the server (not supported by the harness)."),
        Param("bitmode", description="The bit mode of the server (z/OS)."),
    ]


def _template_dir(repo, server_type, params):
    """The repository directory of the server template (templates/servertypes/T/servers/<name>)."""
    if params["templateLocation"]:
        loc = str(params["templateLocation"])
        if not looks_like_id(loc):
            raise CommandValidationException(M.SERVER_TEMPLATE_NOT_FOUND % (loc, server_type))
        docdir = parse_id(loc).docdir
    else:
        docdir = "%s/%s/servers/%s" % (TEMPLATES, server_type, params["templateName"])
    if not repo.exists(docdir + "/server.xml"):
        name = params["templateLocation"] or params["templateName"]
        raise CommandValidationException(M.SERVER_TEMPLATE_NOT_FOUND % (name, server_type))
    return docdir


def _renamed_server_xml(data, name):
    """The template's server.xml bytes with the Server's name attribute set to name."""
    text = data.decode("utf-8")
    m = re.search(r"<process:Server\b[^>]*>", text)
    if m is None:
        raise CommandValidationException(M.SERVER_TEMPLATE_NOT_FOUND % ("server.xml", "Server"))
    tag = m.group(0)
    escaped = name.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    new_tag = re.sub(r'\sname="[^"]*"', ' name="%s"' % escaped, tag, count=1)
    if new_tag == tag:
        new_tag = tag[:-1] + ' name="%s">' % escaped
    return (text[: m.start()] + new_tag + text[m.end() :]).encode("utf-8")


def _template_endpoints(facts, server_type, template_name):
    """[(endPointName, host, port)] of the template's ServerEntry in the server type's serverindex.xml (one
    entry per template, named after it)."""
    uri = "%s/%s/%s" % (TEMPLATES, server_type, SERVER_INDEX_FILE)
    for entry in facts.repo.iter_objects("ServerEntry", uris=[uri], strict=False):
        if facts.repo.display_name(entry) == template_name:
            return [
                (name, facts.text(ep, "host") if ep is not None else "", facts.text(ep, "port") if ep is not None else "")
                for name, _ne, ep in facts.endpoints(entry)
            ]
    return []


def create_server(ctx, node_name, params, server_type):
    facts = cellfacts.of(ctx)
    repo = facts.repo
    name = str(params["name"])
    node = facts.node(node_name) if node_name else None
    if node is None:
        raise CommandValidationException(M.NODE_NOT_FOUND % node_name)
    if params["clusterName"]:
        raise CommandValidationException(M.SERVER_CLUSTER_UNSUPPORTED % params["clusterName"])
    server_dir = "%s/servers/%s" % (node.doc.docdir, name)
    if facts.entry(node, name) is not None or repo.exists(server_dir + "/server.xml"):
        raise CommandValidationException(M.SERVER_EXISTS % (name, node_name))
    tdir = _template_dir(repo, server_type, params)
    for uri in repo.all_files_under(tdir + "/"):
        data = repo.current_bytes(uri)
        rel = uri[len(tdir) + 1 :]
        if rel == "server.xml":
            data = _renamed_server_xml(data, name)
        repo.create_document("%s/%s" % (server_dir, rel), data)

    index = facts.server_indexes(node)
    if not index:
        raise CommandValidationException(M.NODE_NOT_FOUND % node_name)
    host_name = facts.text(index[0], "hostName")
    used = set()
    for _n, entry in facts.entries(node):
        for _name, _ne, ep in facts.endpoints(entry):
            if ep is not None:
                used.add(facts.text(ep, "port"))
    entry = facts.create("ServerEntry", index[0], [("serverName", name), ("serverType", server_type)])
    for ep_name, host, port in _template_endpoints(facts, server_type, posixpath.basename(tdir)):
        if params["genUniquePorts"] and port.isdigit():
            p = int(port)
            while str(p) in used:
                p += 1
            port = str(p)
        used.add(port)
        host = host.replace(S.TEMPLATE_HOST_VARIABLE, host_name)
        facts.create("NamedEndPoint", entry, [("endPointName", ep_name), ("endPoint", [("host", host), ("port", port)])])
    doc = repo.doc(server_dir + "/server.xml")
    return facts.id(repo.obj(doc, doc.root))


@command(
    "createApplicationServer",
    "ServerManagement",
    target="required",
    params=_params("default"),
    target_description="The name of the node of the new server.",
    description="Creates an application server from a server template of the cell.",
)
def create_application_server(ctx, target, params):
    return create_server(ctx, target, params, "APPLICATION_SERVER")


@command(
    "createProxyServer",
    "ServerManagement",
    target="required",
    params=_params(S.PROXY_SERVER_DEFAULT_TEMPLATE),
    target_description="The name of the node of the new proxy server.",
    description="Creates a proxy server from a proxy server template of the cell.",
)
def create_proxy_server(ctx, target, params):
    return create_server(ctx, target, params, "PROXY_SERVER")
