"""media_disable_tls: switch the Sametime Media Server's A/V signalling from TLS to TCP (tip (e) of the talk).

    wsadmin.sh -lang jython -f media_disable_tls.py [--server STMediaServer] [--node N] [--app NAME]
        [--role AllAuthenticatedUsers] [--document URI] [--enable] [--dry-run]

What it does (sametime-operations.md 7), all checked before anything is changed:
  1. the role of the "IBM Lotus SIP Registrar" application (found with AdminApp.list, matching "SIP Registrar")
     is mapped to Everyone instead of All authenticated (AdminApp.view / AdminApp.edit -MapRolesToUsers,
     users, groups and access ids kept);
  2. in the Media Manager configuration document (stavconfig.xml next to the media server's server.xml, read and
     written with AdminConfig.extract / checkin) the SIP Proxy/Registrar moves from its TLS port
     (SIP_ProxyReg_SECURE, 5081) to its TCP port (SIP_ProxyRegHOST, 5080) with transport TCP, the Conference
     Manager from SIP_DEFAULTHOST_SECURE (5062) to SIP_DEFAULTHOST (5063), and SRTP encryption is turned off.
The ports are read from the media server's serverindex.xml; a document whose values are neither the secure nor
the plain ones is refused. Only the attribute values change (every other byte stays), so --enable, which
reverses all of it, gives the original documents back byte for byte. Idempotent: a second run changes nothing.
Restart all media server components afterwards (the talk).
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
from stwaslib.binary import latin1_bytes, latin1_text  # noqa: E402
from stwaslib.compat import contains, sort_by  # noqa: E402
from stwaslib.files import private_temp_file, read_bytes, remove_quietly, write_bytes  # noqa: E402
from stwaslib.xmltags import start_tags  # noqa: E402

JOB = 'media_disable_tls'

APP_MATCH = 'sip registrar'
DEFAULT_ROLE = 'AllAuthenticatedUsers'
DEFAULT_SERVER = 'STMediaServer'
# the lines of AdminApp.view -MapRolesToUsers (lower case) -> keys of role_mapping; longer prefixes first
ROLE_LABELS = (('everyone', 'everyone'), ('all authenticated in trusted', 'trusted'), ('all authenticated', 'all_auth'),
               ('mapped users access', 'user_ids'), ('mapped groups access', 'group_ids'), ('mapped users', 'users'),
               ('mapped groups', 'groups'))
# [U] name of the Media Manager configuration document (the talk writes "StAVconfig.xml"); looked for in the
# media server's directory, then the node's and the cell's.
DOC_NAMES = ('stavconfig.xml', 'StAVconfig.xml', 'StAVConfig.xml', 'stAVconfig.xml')

# serverindex.xml endpoints of the media server (seed values 5080/5081, 5063/5062)
PROXY_TCP, PROXY_TLS = 'SIP_ProxyRegHOST', 'SIP_ProxyReg_SECURE'
CONF_TCP, CONF_TLS = 'SIP_DEFAULTHOST', 'SIP_DEFAULTHOST_SECURE'

# [U] elements and attributes of stavconfig.xml (guessed shape, see the sample's comment)
PROXY_ELEMENT = 'SIPProxyRegistrar'
CONF_ELEMENT = 'ConferenceManager'
PORT_ATTR = 'port'
TRANSPORT_ATTR = 'transport'
SRTP_ATTR_PREFIX = 'srtp'  # any case
# on/off spellings of the SRTP switch: the job keeps the document's spelling and case style
ON_OFF = (('enabled', 'disabled'), ('enable', 'disable'), ('true', 'false'), ('on', 'off'), ('yes', 'no'),
          ('1', '0'))


# ----------------------------------------------------------------------------------------------- text helpers
def _same_case(template, word):
    if template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# ----------------------------------------------------------------------------------------------- the role
def find_app(job, wanted):
    names = stwaslib.lines(job.AdminApp.list())
    if wanted:
        if wanted not in names:
            raise stwaslib.JobError('application %s is not installed (installed: %s)' % (wanted, ', '.join(names)))
        return wanted
    hits = [n for n in names if contains(n.lower(), APP_MATCH)]
    if not hits:
        raise stwaslib.JobError('no application matching "SIP Registrar" is installed (installed: %s); '
                                'give --app' % ', '.join(names))
    if len(hits) > 1:
        raise stwaslib.JobError('several applications match "SIP Registrar" (%s): give --app' % ', '.join(hits))
    return hits[0]


def role_mapping(job, app, role):
    """{'everyone', 'all_auth', 'users', 'groups', 'trusted', 'user_ids', 'group_ids'} of role, from
    AdminApp.view(app, ['-MapRolesToUsers']); None when the application has no such role."""
    out = stwaslib.text(job.AdminApp.view(app, ['-MapRolesToUsers'])) or ''
    found, roles, mapping = None, [], None
    for ln in out.splitlines():
        if ':' not in ln:
            continue
        label, value = ln.split(':', 1)
        label, value = label.strip().lower(), value.strip()
        if label == 'role':
            roles.append(value)
            found = None
            if value == role:
                found = {}
                mapping = found
            continue
        if found is None:
            continue
        keys = [k for prefix, k in ROLE_LABELS if label.startswith(prefix)]
        if keys:
            found[keys[0]] = value
    if role not in roles or mapping is None:
        raise stwaslib.JobError('application %s has no security role %s (roles: %s)'
                                % (app, role, ', '.join(roles) or 'none'))
    for k in ('everyone', 'all_auth', 'trusted'):
        mapping[k] = (mapping.get(k) or 'No').lower() == 'yes'
    for k in ('users', 'groups', 'user_ids', 'group_ids'):
        mapping[k] = mapping.get(k) or ''
    return mapping


def yn(b):
    if b:
        return 'Yes'
    return 'No'


# ----------------------------------------------------------------------------------------------- the document
def find_document(job, cell, srv, given):
    if given:
        if not job.document_exists(given):
            raise stwaslib.JobError('document %s does not exist in the repository' % given)
        return given
    dirs = ['cells/%s/nodes/%s/servers/%s' % (cell.name, srv.node, srv.name),
            'cells/%s/nodes/%s' % (cell.name, srv.node), 'cells/%s' % cell.name]
    tried = []
    for d in dirs:
        for n in DOC_NAMES:
            uri = '%s/%s' % (d, n)
            tried.append(uri)
            if job.document_exists(uri):
                return uri
    raise stwaslib.JobError('no Media Manager configuration (stavconfig.xml) found for %s: looked in %s; give '
                            '--document' % (srv.label(), ', '.join(dirs)))


def kind_of_port(name):
    if contains(name, 'SECURE'):
        return 'secure'
    return 'plain'


def port_of(srv, name):
    ep = srv.endpoint(name)
    if ep is None or ep.port is None:
        raise stwaslib.JobError('%s has no endpoint %s in serverindex.xml (needed to know its %s port)'
                                % (srv.label(), name, kind_of_port(name)))
    return ep.port


def _one(tags, uri, name):
    found = [t for t in tags if t.name == name]
    if len(found) != 1:
        raise stwaslib.JobError('%s: expected one <%s> element, found %d; refused' % (uri, name, len(found)))
    return found[0]


def plan_document(text, uri, enable, ports):
    """[(element, attribute, old, new, start, end)] for the document text; JobError when it does not fit."""
    tags = start_tags(text)
    edits = []

    for element, (tls_port, tls_ep), (tcp_port, tcp_ep) in (
            (PROXY_ELEMENT, ports[PROXY_TLS], ports[PROXY_TCP]),
            (CONF_ELEMENT, ports[CONF_TLS], ports[CONF_TCP])):
        tag = _one(tags, uri, element)
        a = tag.attr(PORT_ATTR)
        if a is None:
            raise stwaslib.JobError('%s: <%s> has no %s attribute; refused' % (uri, element, PORT_ATTR))
        cur = a[1].strip()
        if cur not in (str(tls_port), str(tcp_port)):
            raise stwaslib.JobError('%s: <%s %s="%s"> is neither %s (%s) nor %s (%s) of the media server; refused'
                                    % (uri, element, PORT_ATTR, a[1], tls_ep, tls_port, tcp_ep, tcp_port))
        want = str(tcp_port)
        if enable:
            want = str(tls_port)
        if cur != want:
            edits.append((element, PORT_ATTR, a[1], want, a[2], a[3]))
        t = tag.attr(TRANSPORT_ATTR)
        if t is None:
            if element == PROXY_ELEMENT:
                raise stwaslib.JobError('%s: <%s> has no %s attribute; refused' % (uri, element, TRANSPORT_ATTR))
            continue
        if t[1].strip().upper() not in ('TLS', 'TCP'):
            raise stwaslib.JobError('%s: <%s %s="%s"> is neither TLS nor TCP; refused'
                                    % (uri, element, TRANSPORT_ATTR, t[1]))
        transport = 'tcp'
        if enable:
            transport = 'tls'
        want = _same_case(t[1].strip() or 'TLS', transport)
        if t[1].strip().upper() != want.upper():
            edits.append((element, TRANSPORT_ATTR, t[1], want, t[2], t[3]))
    srtp = []
    for tag in tags:
        for a in tag.attrs:
            if a[0][:len(SRTP_ATTR_PREFIX)].lower() == SRTP_ATTR_PREFIX:
                srtp.append((tag, a))
    if not srtp:
        raise stwaslib.JobError('%s: no SRTP setting (an attribute srtp...) found; refused' % uri)
    for tag, a in srtp:
        cur = a[1].strip()
        pair = None
        for on, off in ON_OFF:
            if cur.lower() in (on, off):
                pair = (on, off)
                break
        if pair is None:
            raise stwaslib.JobError('%s: <%s %s="%s"> is not an on/off value; refused' % (uri, tag.name, a[0], a[1]))
        want = _same_case(cur, pair[not enable])
        if cur != want:
            edits.append((tag.name, a[0], a[1], want, a[2], a[3]))
    return edits


def _start_of(edit):
    return edit[4]


def apply_edits(text, edits):
    """The text with each edit's value span replaced, the last first (so the earlier offsets stay right)."""
    for e in sort_by(edits, _start_of, reverse=1):
        text = text[:e[4]] + e[3] + text[e[5]:]
    return text


def _q(v):
    return "'%s'" % (v,)


# ----------------------------------------------------------------------------------------------- main
def main(job, opts):
    enable = opts.enable
    if job.AdminApp is None:
        raise stwaslib.JobError('AdminApp is not available: run this job with wsadmin -lang jython -f')
    role = opts.role or DEFAULT_ROLE

    # 1. read everything, check everything
    app = find_app(job, opts.app)
    cur = role_mapping(job, app, role)
    want_everyone, want_all_auth = (not enable), enable
    cell = topology.Cell(job)
    srv = cell.server(opts.server or DEFAULT_SERVER, opts.node)
    ports = {}
    for name in (PROXY_TCP, PROXY_TLS, CONF_TCP, CONF_TLS):
        ports[name] = (port_of(srv, name), name)
    uri = find_document(job, cell, srv, opts.document)
    job.info('%s: application %s role %s; server %s; document %s'
             % (enable and 'enable TLS' or 'disable TLS', app, role, srv.label(), uri))

    tmp = private_temp_file('stwas-stav-', '.xml')
    try:
        digest = job.AdminConfig.extract(uri, tmp)
        original = latin1_text(read_bytes(tmp))
        edits = plan_document(original, uri, enable, ports)

        # 2. the role
        if (cur['everyone'], cur['all_auth']) != (want_everyone, want_all_auth):
            row = [role, yn(want_everyone), yn(want_all_auth), cur['users'], cur['groups'], yn(cur['trusted']),
                   cur['user_ids'], cur['group_ids']]
            job.AdminApp.edit(app, ['-MapRolesToUsers', [row]])
            job.record('modify', 'RoleAssignment', '%s role %s' % (app, role),
                       {'Everyone': yn(cur['everyone']), 'AllAuthenticated': yn(cur['all_auth'])},
                       {'Everyone': yn(want_everyone), 'AllAuthenticated': yn(want_all_auth)}, None,
                       'Everyone %s -> %s, All authenticated %s -> %s'
                       % (yn(cur['everyone']), yn(want_everyone), yn(cur['all_auth']), yn(want_all_auth)))

        # 3. the document
        if edits:
            write_bytes(tmp, latin1_bytes(apply_edits(original, edits)))
            job.AdminConfig.checkin(uri, tmp, digest)
            for element, attr, old, new, _s, _e in edits:
                job.record('modify', 'StAVConfig', '%s %s' % (uri, element), {attr: old}, {attr: new}, None,
                           '%s %s -> %s' % (attr, _q(old), _q(new)))
    finally:
        remove_quietly(tmp)

    job.extra['mode'] = enable and 'enable' or 'disable'
    job.extra['application'] = app
    job.extra['role'] = role
    job.extra['server'] = srv.name
    job.extra['node'] = srv.node
    job.extra['document'] = uri
    job.extra['sip_proxy_registrar_port'] = ports[enable and PROXY_TLS or PROXY_TCP][0]
    job.extra['conference_manager_port'] = ports[enable and CONF_TLS or CONF_TCP][0]
    if job.changes:
        job.info('restart all media server components (%s and the Media Manager) for this to take effect' % srv.name)


def build_job(scope):
    job = stwaslib.Job(JOB, scope, restart=stwaslib.restart.MEDIA, usage='%prog [--server STMediaServer] [--node N] [--app NAME] [--role ROLE] '
                       '[--document URI] [--enable] [options]',
                       description='Sametime Media Server without TLS: map the SIP Registrar role to Everyone, '
                       'move the SIP Proxy/Registrar to TCP 5080 and the Conference Manager to its plain port, '
                       'turn SRTP off in stavconfig.xml; --enable reverses it.')
    job.add_option('--server', help='media server name (default %s)' % DEFAULT_SERVER)
    job.add_option('--node', help='node of the media server (needed only when the name is not unique)')
    job.add_option('--app', help='SIP Registrar application name (default: the one application matching '
                   '"SIP Registrar")')
    job.add_option('--role', help='security role to remap (default %s)' % DEFAULT_ROLE)
    job.add_option('--document', help='repository URI of the Media Manager configuration (default: stavconfig.xml '
                   "in the media server's directory)")
    job.add_option('--enable', action='store_true',
                   help='reverse: role back to All authenticated, TLS ports and transport, SRTP on')
    return job


if __name__ == '__main__':
    build_job(globals()).run(main)
