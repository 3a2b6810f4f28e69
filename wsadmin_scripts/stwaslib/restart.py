"""What a saved change needs before it takes effect: which processes to restart, in which order, and which node
agents to synchronise (the result's `restart` and `sync`), and when to regenerate the web server plug-in.

A job declares its kind once (stwaslib.Job(..., restart=KIND)) and names the servers it touched (job.affects);
the frame works out the rest from the cell (stwaslib.topology: a constant number of scripting calls) when the job
changed something (a --dry-run too: it says what the real run would need).

Kinds (sametime-operations.md 2 "Restart matrix", the talk):
  NONE      nothing to restart or synchronise (read-only jobs; a trace set at runtime only)
  SERVERS   the servers the job touched (ports, JVM arguments, custom properties, trace, SSL endpoint)
  SECURITY  cell security (security.xml, LTPA, SSO, WIM, passwords, cell key stores): the deployment manager,
            then every node agent, then every server
  MEDIA     the Media Manager components (SIP Proxy/Registrar, Conference Manager), all together
  CELL      a cell document every server reads at start (virtualhosts.xml): the servers the job names (job.affects:
            e.g. those whose web modules are on the changed virtual host), else every application and proxy
            server; every managed node is synchronised
  SYNC      a change no process needs a restart for (removed servers and nodes; key and trust stores, which
            WebSphere reloads at runtime with security.xml dynamicallyUpdateSSLConfig="true"): synchronise only

The order is always: deployment manager; node agents; servers; the media components together, last (the talk:
"Alle Media Server Komponenten neu starten"). Node agents to synchronise: the managed nodes (those with a node
agent) whose configuration changed, every managed node for cell-level documents.
Language level: docs/script-language.md (Jython 2.1, Jython 2.7 and CPython 3).
"""

from stwaslib.compat import has_key, sort_by, unique
from stwaslib.topology import is_media_server

NONE = "none"
SERVERS = "servers"
SECURITY = "security"
MEDIA = "media"
CELL = "cell"
SYNC = "sync"
KINDS = (NONE, SERVERS, SECURITY, MEDIA, CELL, SYNC)

DMGR = "DEPLOYMENT_MANAGER"
AGENT = "NODE_AGENT"
WEB_SERVER = "WEB_SERVER"
# applications that make a server a Media Manager component (their names in the Sametime EARs)
PLUGIN_HINT = (
    "regenerate and propagate the web server plug-in (plugin-cfg.xml) of %s, or IHS keeps routing to "
    "the old ports and hosts: ISC > Servers > Web servers > select > Generate Plug-in, then Propagate "
    "Plug-in (or <profile>/bin/GenPluginCfg.sh and copy the file to the IHS machine)"
)


def label(server):
    return "%s@%s" % (server.name, server.node)


def _in(server, touched):
    return (server.name, server.node) in touched


def plan(cell, kind, touched):
    """(steps, nodes to synchronise): steps [{'step', 'what', 'processes'}] in restart order; touched: the
    (server, node) pairs a SERVERS job changed."""
    if kind == NONE:
        return [], []
    servers = [s for s in cell.servers if s.type != WEB_SERVER]
    managed = sort_by(unique([s.node for s in servers if s.type == AGENT]))
    if kind == SYNC:
        return [], managed
    if kind == SECURITY:
        chosen = servers
    elif kind == CELL and touched:
        chosen = [s for s in servers if _in(s, touched)]
    elif kind == CELL:
        chosen = [s for s in servers if s.type not in (DMGR, AGENT)]
    elif kind == MEDIA:
        chosen = [s for s in servers if s.type not in (DMGR, AGENT) and (is_media_server(s) or _in(s, touched))]
    else:
        chosen = [s for s in servers if _in(s, touched)]
    groups = (
        ("deployment manager", [s for s in chosen if s.type == DMGR]),
        ("node agents", [s for s in chosen if s.type == AGENT]),
        ("servers", [s for s in chosen if s.type not in (DMGR, AGENT) and not is_media_server(s)]),
        ("media components, together", [s for s in chosen if s.type not in (DMGR, AGENT) and is_media_server(s)]),
    )
    steps = []
    for what, members in groups:
        if members:
            steps.append(
                {
                    "step": len(steps) + 1,
                    "what": what,
                    "processes": [label(s) for s in sort_by(members, lambda s: (s.node, s.name))],
                }
            )
    if kind in (SECURITY, CELL):
        return steps, managed
    nodes = {}
    for s in chosen:
        nodes[s.node] = 1
    return steps, [n for n in managed if has_key(nodes, n)]


def web_servers(cell):
    """Labels of the cell's web servers (an IHS node fronting Sametime)."""
    return [label(s) for s in sort_by(cell.servers, lambda s: (s.node, s.name)) if s.type == WEB_SERVER]
