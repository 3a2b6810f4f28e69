"""map_virtual_host: create a virtual host, add and remove its host aliases (virtualhosts.xml).

    wsadmin.sh -lang jython -f map_virtual_host.py --virtual-host meeting_host --create \
        --add meeting.example.com:80 --add meeting.example.com:443 [--remove HOST:PORT]... [--force] [--dry-run]

So that the Proxy and Meeting servers can live on one machine under their own host names (tip a of the talk):
each gets its own virtual host with its own host name aliases. Idempotent: an alias that is already there is
not added again, one that is not there is not removed; a missing alias port means 80 (the model default).
Aliases of admin_host are only removed with --force (losing them locks the admin console out).
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
from stwaslib import topology  # noqa: E402
from stwaslib.compat import sort_by, split_last  # noqa: E402

JOB = 'map_virtual_host'
NAME_FORBIDDEN = ' \t/\\,:;"*?<>|=+&%\'#[]'


def parse_alias(value, option):
    """'host:port' -> (host, 'port'); '*:80' allowed."""
    if ':' not in value:
        raise stwaslib.UsageError("%s wants HOST:PORT (e.g. meeting.example.com:80 or *:443), got '%s'"
                                  % (option, value))
    host, port = split_last(value, ':')
    if not topology.valid_host(host):
        raise stwaslib.UsageError("invalid host name '%s' in %s %s" % (host, option, value))
    p = topology.valid_port(port)
    if p is None:
        raise stwaslib.UsageError("invalid port '%s' in %s %s: must be a whole number from 1 to 65535"
                                  % (port, option, value))
    return host, str(p)


def _key(host, port):
    return (host.lower(), str(port))


def main(job, opts):
    name = opts.virtual_host
    if not name:
        raise stwaslib.UsageError('--virtual-host is required (see --help)')
    for c in name:
        if c in NAME_FORBIDDEN:
            raise stwaslib.UsageError("invalid virtual host name '%s'" % name)
    adds = [parse_alias(a, '--add') for a in opts.add or []]
    removes = [parse_alias(a, '--remove') for a in opts.remove or []]
    removed_keys = [_key(h, p) for h, p in removes]
    both = [(h, p) for h, p in adds if _key(h, p) in removed_keys]
    if both:
        raise stwaslib.UsageError('%s:%s is both added and removed' % both[0])
    if not (adds or removes or opts.create):
        raise stwaslib.UsageError('nothing to do: give --create, --add HOST:PORT or --remove HOST:PORT')
    if removes and name == topology.ADMIN_VIRTUAL_HOST and not opts.force:
        raise stwaslib.JobError('refusing to remove aliases of %s (the admin console would become unreachable); '
                                'use --force if you really mean it' % name)

    vhosts = topology.VirtualHosts(job)
    vh = vhosts.id(name)
    if vh is None:
        if not opts.create:
            raise stwaslib.JobError('virtual host %s does not exist (existing: %s); add --create to create it'
                                    % (name, ', '.join(sort_by(vhosts.ids.keys()))))
        cells = job.list('Cell')
        if not cells:
            raise stwaslib.JobError('no cell found in the configuration')
        vh = job.create('VirtualHost', cells[0], [('name', name)], name)
        vhosts.ids[name] = vh
        current = []
    else:
        current = vhosts.aliases(name)

    # other virtual hosts already answering for an added alias: WebSphere picks one of them, warn
    for host, port in adds:
        for other in sort_by(vhosts.ids.keys()):
            if other == name:
                continue
            if [1 for h, p, _a in vhosts.aliases(other) if _key(h, p) == _key(host, port)]:
                job.warn('alias %s:%s is also in virtual host %s; requests for it may go there' % (host, port, other))

    have = [_key(h, p) for h, p, _a in current]
    for host, port in adds:
        if _key(host, port) in have:
            continue
        job.create('HostAlias', vh, [('hostname', host), ('port', port)], name)
        have.append(_key(host, port))
    for host, port in removes:
        for h, p, aid in current:
            if _key(h, p) == _key(host, port):
                job.remove(aid, 'HostAlias', name, [('hostname', h), ('port', p)])

    job.extra['virtual_host'] = name
    job.extra['wanted_aliases'] = ['%s:%s' % a for a in adds]
    job.extra['unwanted_aliases'] = ['%s:%s' % a for a in removes]


def build_job(scope):
    job = stwaslib.Job(JOB, scope, restart=stwaslib.restart.CELL, routing=1, usage='%prog --virtual-host NAME [--create] [--add HOST:PORT]... '
                       '[--remove HOST:PORT]... [options]',
                       description='Create a virtual host and add or remove host aliases (virtualhosts.xml).')
    job.add_option('--virtual-host', help='name of the virtual host, e.g. meeting_host')
    job.add_option('--create', action='store_true', help='create the virtual host if it is missing')
    job.add_option('--add', action='append', metavar='HOST:PORT', help='alias to add, repeatable (* = any host)')
    job.add_option('--remove', action='append', metavar='HOST:PORT', help='alias to remove, repeatable')
    job.add_option('--force', action='store_true', help='allow removing aliases of admin_host')
    return job


if __name__ == '__main__':
    build_job(globals()).run(main)
