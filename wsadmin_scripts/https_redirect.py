"""https_redirect: redirect HTTP to HTTPS in a WebSphere proxy server (tip h of the talk).

    wsadmin.sh -lang jython -f https_redirect.py --url https://meeting.example.com:443/stmeetings \
        [--proxy-server STMeetingHttpProxy] [--node N] [--rule nonSSL2SSL] [--virtual-host proxy_https_host]
        [--uri-group https_uri_group] [--uri-pattern /*] [--alias-host *] [--port 80] [--keep-other-aliases]
        [--force] [--dry-run]

What the talk clicks together, as configuration of the proxy server (proxy-settings.xml) and the cell
(virtualhosts.xml):
  - the URI group (`/*`) in the proxy server's ProxySettings,
  - the virtual host that owns the port-80 mapping (alias *:80; the same alias is removed from the other
    virtual hosts, as the talk says, unless --keep-other-aliases; admin_host is never touched). Who serves there is
    checked first: when a web module's virtual host would lose its last alias for a port its server listens on
    (STProxyServer moved to 80 serves /stwebclient through default_host's *:80), the job refuses and names the
    modules and servers (stwaslib.webmodules), unless --force,
  - the routing rule (enabled, that virtual host, that URI group) in the proxy's RoutingPolicy, whose routing
    action is a RedirectRoute to the https URL.
A WebSphere proxy redirects the URL patterns of the group only; the web.xml CONFIDENTIAL transport guarantee or an
IHS rewrite are the alternatives. Idempotent: existing objects are kept and only differing values are changed.
Restart (the result's restart): the proxy server, and the servers whose web modules' virtual host lost an alias.
"""

import os
import sys

# Jython 2.1 (the wsadmin of WebSphere 7.0 and 8.5.5) is the oldest interpreter this job runs on (README)
if sys.version[:3] < '2.1':
    sys.stdout.write('ERROR: this job needs the wsadmin of WebSphere 7.0 or later (Jython 2.1 or 2.7), '
                     'not Python %s\n' % sys.version[:3])
    sys.exit(1)
# stwaslib: in $STWAS_SCRIPTS, next to this script (wsadmin may run it without __file__), or in ./wsadmin_scripts
sys.dont_write_bytecode = 1
_LIB = [os.environ.get('STWAS_SCRIPTS', ''), os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)),
        os.path.dirname(os.path.abspath(globals().get('__file__') or '.')), os.path.join(os.getcwd(), 'wsadmin_scripts')]
_LIB = [_d for _d in _LIB if _d and os.path.isfile(os.path.join(_d, 'stwaslib', '__init__.py'))]
if not _LIB:
    raise SystemExit('ERROR: stwaslib not found next to this script: set STWAS_SCRIPTS to the wsadmin_scripts directory')
if _LIB[0] not in sys.path:
    sys.path.insert(0, _LIB[0])
import stwaslib  # noqa: E402
from stwaslib import topology, webmodules  # noqa: E402
from stwaslib.compat import sort_by, unique  # noqa: E402
from stwaslib.configtext import ConfigId  # noqa: E402

JOB = 'https_redirect'
# console rule for routing rule / URI group / virtual host names (sametime-operations.md 10)
NAME_FORBIDDEN = '#\\/,:;"*?<>|=+&%\' \t'


def check_name(value, option):
    if not value or value[0] in '. ' or [c for c in value if c in NAME_FORBIDDEN]:
        raise stwaslib.UsageError("invalid name '%s' for %s (no blanks or # \\ / , : ; \" * ? < > | = + & %% ', "
                                  "no leading period)" % (value, option))
    return value


def check_url(value, allow_http):
    v = (value or '').strip()
    low = v.lower()
    ok = low.startswith('https://') or (allow_http and low.startswith('http://'))
    rest = v.split('://', 1)[-1]
    if not ok or not rest or rest[0] in '/:' or [c for c in v if c.isspace() or c in '"<>[]']:
        raise stwaslib.UsageError("--url wants an https URL such as https://meeting.example.com/stmeetings, "
                                  "got '%s'" % value)
    return v


def find_by_name(job, ids, name):
    for i in ids:
        if ConfigId(i).name == name:
            return i
    for i in ids:  # display name not the name attribute: ask
        if job.attr(i, 'name') == name:
            return i
    return None


def main(job, opts):
    url = check_url(opts.url, opts.allow_http)
    rule_name = check_name(opts.rule, '--rule')
    vh_name = check_name(opts.virtual_host, '--virtual-host')
    group_name = check_name(opts.uri_group, '--uri-group')
    patterns = opts.uri_patterns or ['/*']
    for p in patterns:
        if not p.startswith('/') or [c for c in p if c.isspace()]:
            raise stwaslib.UsageError("invalid --uri-pattern '%s' (it starts with /, e.g. /*)" % p)
    port = topology.valid_port(opts.port)
    if port is None:
        raise stwaslib.UsageError("invalid port '%s' for --port: must be a whole number from 1 to 65535" % opts.port)
    port = str(port)
    if not topology.valid_host(opts.alias_host):
        raise stwaslib.UsageError("invalid host name '%s' for --alias-host" % opts.alias_host)
    if vh_name == topology.ADMIN_VIRTUAL_HOST:
        raise stwaslib.UsageError('the redirect virtual host must not be admin_host')

    # the proxy server: servers with a proxy-settings.xml (one list call, whatever the size of the cell)
    cell, cell_name, srv_name, srv_node = None, None, None, None
    candidates = []
    for ps_id in job.list('ProxySettings'):
        c = ConfigId(ps_id)
        cell_name = c.path_value('cells')
        candidates.append((c.path_value('nodes'), c.path_value('servers')))
    wanted_node = opts.node
    if opts.proxy_server:
        hits = [(n, s) for n, s in candidates if s == opts.proxy_server and (wanted_node is None or n == wanted_node)]
        if len(hits) == 1:
            srv_node, srv_name = hits[0]
        else:  # not (yet) a proxy with ProxySettings, or ambiguous: look at the server entries
            cell = topology.Cell(job)
            cell_name = cell.name
            srv = cell.server(opts.proxy_server, wanted_node)
            if srv.type != 'PROXY_SERVER':
                raise stwaslib.JobError('%s on node %s is a %s, not a WebSphere proxy server (PROXY_SERVER): a '
                                        'redirect routing rule only works in a proxy server'
                                        % (srv.name, srv.node, srv.type))
            srv_node, srv_name = srv.node, srv.name
    else:
        hits = [(n, s) for n, s in candidates if wanted_node is None or n == wanted_node]
        if len(hits) != 1:
            raise stwaslib.JobError('%s WebSphere proxy servers with proxy settings in the cell (%s): give '
                                    '--proxy-server' % (len(hits) or 'no',
                                                        ', '.join(sort_by(['%s@%s' % (s, n) for n, s in hits]))
                                                        or 'none'))
        srv_node, srv_name = hits[0]
    label = '%s@%s' % (srv_name, srv_node)
    job.info('proxy server %s on node %s' % (srv_name, srv_node))
    server_id = job.getid1('/Node:%s/Server:%s/' % (srv_node, srv_name))
    if server_id is None:
        raise stwaslib.JobError('no server.xml for %s on node %s' % (srv_name, srv_node))

    # the port-80 aliases that leave the other virtual hosts, checked before anything changes
    vhosts = topology.VirtualHosts(job, cell_name)
    removals = []  # (virtual host, hostname, port, alias id)
    if not opts.keep_other_aliases:
        for other in sort_by(vhosts.ids.keys()):
            if other in (vh_name, topology.ADMIN_VIRTUAL_HOST):
                continue
            for h, p, aid in vhosts.aliases(other):
                if h.lower() == opts.alias_host.lower() and str(p) == port:
                    removals.append((other, h, p, aid))
    job.affects(srv_name, srv_node)
    if removals:
        # who serves there: a web module whose virtual host loses its only alias for a port of its server
        cell = cell or topology.Cell(job)
        names = unique([r[0] for r in removals])
        modules = [m for m in webmodules.all_modules(job, cell) if m.virtual_host in names]
        before = webmodules.alias_table(vhosts, names)
        after = {}
        for name in before.keys():
            after[name] = [(h, p) for h, p in before[name]
                           if [1 for r in removals if r[0] == name and r[1] == h and str(r[2]) == str(p)] == []]
        lost = webmodules.losses(webmodules.missing(modules, before), webmodules.missing(modules, after))
        if lost and not opts.force:
            raise stwaslib.JobError('refused: removing %s:%s from %s would leave web modules without a virtual '
                                    'host for a port their server listens on (SRVE0255E): %s. Give those servers '
                                    'a host alias of their own (set_server_ports.py --host NAME adds NAME:PORT), map '
                                    'the modules to another virtual host (map_virtual_host.py --map-app), keep the '
                                    'aliases (--keep-other-aliases), or --force'
                                    % (opts.alias_host, port, ', '.join(names), webmodules.describe(lost)))
        if lost:
            job.warn('--force: web modules lose their virtual host for a port: %s' % webmodules.describe(lost))
        for m in modules:
            for s in m.servers:
                job.affects(s)

    # ProxySettings and RoutingPolicy
    ps = job.getid1('/Node:%s/Server:%s/ProxySettings:/' % (srv_node, srv_name))
    if ps is None:
        ps = job.create('ProxySettings', server_id, [], '%s ProxySettings' % label)
    rp = job.attr(ps, 'routingPolicy')
    if not rp:
        rp = job.create('RoutingPolicy', ps, [], '%s RoutingPolicy' % label)

    # URI group
    ug = find_by_name(job, job.list('URIGroup', ps), group_name)
    if ug is None:
        job.create('URIGroup', ps, [('name', group_name), ('URIPattern', patterns)], group_name)
    else:
        job.ensure_strings(ug, 'URIGroup', group_name, 'URIPattern', patterns)

    # the virtual host owning host:port
    vh = vhosts.id(vh_name)
    if vh is None:
        cells = job.list('Cell')
        vh = job.create('VirtualHost', cells[0], [('name', vh_name)], vh_name)
        vhosts.ids[vh_name] = vh
        have = 0
    else:
        have = vhosts.has_alias(vh_name, opts.alias_host, port)
    if not have:
        job.create('HostAlias', vh, [('hostname', opts.alias_host), ('port', port)], vh_name)
    for other, h, p, aid in removals:
        job.remove(aid, 'HostAlias', other, [('hostname', h), ('port', p)])

    # routing rule and its redirect route
    rule = find_by_name(job, job.list('RoutingRule', rp), rule_name)
    wanted = [('isEnabled', 'true'), ('virtualHostName', vh_name), ('uriGroup', group_name)]
    if rule is None:
        rule = job.create('RoutingRule', rp, [('name', rule_name)] + wanted, rule_name)
        route = None
    else:
        job.ensure(rule, 'RoutingRule', rule_name, wanted)
        route = job.attr(rule, 'routingAction')
    if route:
        kind = job.AdminConfig.getObjectType(route)
        if stwaslib.text(kind) == 'RedirectRoute':
            job.ensure(route, 'RedirectRoute', '%s routingAction' % rule_name, [('redirectURL', url)])
        else:
            job.remove(route, stwaslib.text(kind), '%s routingAction' % rule_name)
            route = None
    if not route:
        job.create('RedirectRoute', rule, [('redirectURL', url)], '%s routingAction' % rule_name, 'routingAction')

    job.extra['proxy_server'] = srv_name
    job.extra['node'] = srv_node
    job.extra['rule'] = rule_name
    job.extra['virtual_host'] = vh_name
    job.extra['uri_group'] = group_name
    job.extra['url'] = url


def build_job(scope):
    job = stwaslib.Job(JOB, scope, restart=stwaslib.restart.CELL, routing=1, usage='%prog --url https://HOST[:PORT]/PATH [--proxy-server NAME] [options]',
                       description='Redirect HTTP to HTTPS in a WebSphere proxy server: URI group, virtual host for '
                       'port 80 and a routing rule with a redirect route.')
    job.add_option('--url', help='where to redirect, e.g. https://meeting.example.com:443/stmeetings')
    job.add_option('--proxy-server', help='the WebSphere proxy server (default: the only one in the cell)')
    job.add_option('--node', help='node of the proxy server')
    job.add_option('--rule', default='nonSSL2SSL', help='routing rule name (default %default)')
    job.add_option('--virtual-host', default='proxy_https_host',
                   help='virtual host owning the HTTP port (default %default, as in the talk)')
    job.add_option('--uri-group', default='https_uri_group', help='URI group name (default %default)')
    job.add_option('--uri-pattern', action='append', dest='uri_patterns', metavar='PATTERN',
                   help='URI pattern of the group, repeatable (default /*)')
    job.add_option('--alias-host', default='*', help='host name of the virtual host alias (default %default)')
    job.add_option('--port', type='port', default=80, help='the HTTP port to redirect from (default %default)')
    job.add_option('--keep-other-aliases', action='store_true',
                   help='do not remove the same alias from the other virtual hosts')
    job.add_option('--allow-http', action='store_true', help='accept an http:// target URL')
    job.add_option('--force', action='store_true',
                   help='remove the aliases even when web modules lose their virtual host for a port of their server')
    return job


if __name__ == '__main__':
    build_job(globals()).run(main)
