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
SRTP_ATTR_RE = re.compile(r'(?i)^srtp')
# on/off spellings of the SRTP switch: the job keeps the document's spelling and case style
ON_OFF = (('enabled', 'disabled'), ('enable', 'disable'), ('true', 'false'), ('on', 'off'), ('yes', 'no'),
          ('1', '0'))


# ----------------------------------------------------------------------------------------------- text helpers
def _as_text(data):
    """File bytes as a str whose characters are the bytes (latin-1), on Python 2/Jython and 3 alike."""
    if isinstance(data, str):
        return data
    return data.decode('latin-1')


def _as_bytes(s):
    if isinstance(s, bytes):
        return s
    return s.encode('latin-1')


def _read(path):
    f = open(path, 'rb')
    try:
        return f.read()
    finally:
        f.close()


def _write(path, data):
    f = open(path, 'wb')
    try:
        f.write(data)
    finally:
        f.close()


def _same_case(template, word):
    if template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


_COMMENT_RE = re.compile(r'<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>', re.S)
_ATTR_RE = re.compile(r'''\s([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')''')


class Tag(object):
    """One start tag of the document: name, and its attributes as (name, value, value_start, value_end)."""

    def __init__(self, name, attrs):
        self.name = name
        self.attrs = attrs

    def attr(self, name):
        for a in self.attrs:
            if a[0] == name:
                return a
        return None


def start_tags(text):
    """Every start tag outside comments, CDATA and processing instructions."""
    skip = [(m.start(), m.end()) for m in _COMMENT_RE.finditer(text)]
    out = []
    for m in re.finditer(r'<([A-Za-z_][\w.:-]*)([^<>]*)>', text):
        if [s for s in skip if s[0] <= m.start() < s[1]]:
            continue
        attrs = []
        base = m.start(2)
        for a in _ATTR_RE.finditer(m.group(2)):
            if a.group(3) is not None:
                vs, ve, v = a.start(3), a.end(3), a.group(3)
            else:
                vs, ve, v = a.start(4), a.end(4), a.group(4)
            attrs.append((a.group(1), v, base + vs, base + ve))
        out.append(Tag(m.group(1).split(':')[-1], attrs))
    return out


# ----------------------------------------------------------------------------------------------- the role
def find_app(job, wanted):
    names = stwaslib.lines(job.AdminApp.list())
    if wanted:
        if wanted not in names:
            raise stwaslib.JobError('application %s is not installed (installed: %s)' % (wanted, ', '.join(names)))
        return wanted
    hits = [n for n in names if APP_MATCH in n.lower()]
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
            found = {} if value == role else None
            if found is not None:
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
        if not job.AdminConfig.existsDocument(given):
            raise stwaslib.JobError('document %s does not exist in the repository' % given)
        return given
    dirs = ['cells/%s/nodes/%s/servers/%s' % (cell.name, srv.node, srv.name),
            'cells/%s/nodes/%s' % (cell.name, srv.node), 'cells/%s' % cell.name]
    tried = []
    for d in dirs:
        for n in DOC_NAMES:
            uri = '%s/%s' % (d, n)
            tried.append(uri)
            if job.AdminConfig.existsDocument(uri):
                return uri
    raise stwaslib.JobError('no Media Manager configuration (stavconfig.xml) found for %s: looked in %s; give '
                            '--document' % (srv.label(), ', '.join(dirs)))


def port_of(srv, name):
    ep = srv.endpoint(name)
    if ep is None or ep.port is None:
        raise stwaslib.JobError('%s has no endpoint %s in serverindex.xml (needed to know its %s port)'
                                % (srv.label(), name, 'secure' if 'SECURE' in name else 'plain'))
    return ep.port


def plan_document(text, uri, enable, ports):
    """[(element, attribute, old, new, start, end)] for the document text; JobError when it does not fit."""
    tags = start_tags(text)
    edits = []

    def one(name):
        found = [t for t in tags if t.name == name]
        if len(found) != 1:
            raise stwaslib.JobError('%s: expected one <%s> element, found %d; refused' % (uri, name, len(found)))
        return found[0]

    for element, (tls_port, tls_ep), (tcp_port, tcp_ep) in (
            (PROXY_ELEMENT, ports[PROXY_TLS], ports[PROXY_TCP]),
            (CONF_ELEMENT, ports[CONF_TLS], ports[CONF_TCP])):
        tag = one(element)
        a = tag.attr(PORT_ATTR)
        if a is None:
            raise stwaslib.JobError('%s: <%s> has no %s attribute; refused' % (uri, element, PORT_ATTR))
        cur = a[1].strip()
        if cur not in (str(tls_port), str(tcp_port)):
            raise stwaslib.JobError('%s: <%s %s="%s"> is neither %s (%s) nor %s (%s) of the media server; refused'
                                    % (uri, element, PORT_ATTR, a[1], tls_ep, tls_port, tcp_ep, tcp_port))
        want = str(tls_port) if enable else str(tcp_port)
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
        want = _same_case(t[1].strip() or 'TLS', 'tls' if enable else 'tcp')
        if t[1].strip().upper() != want.upper():
            edits.append((element, TRANSPORT_ATTR, t[1], want, t[2], t[3]))
    srtp = []
    for tag in tags:
        for a in tag.attrs:
            if SRTP_ATTR_RE.match(a[0]):
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
        want = _same_case(cur, pair[0] if enable else pair[1])
        if cur != want:
            edits.append((tag.name, a[0], a[1], want, a[2], a[3]))
    return edits


def apply_edits(text, edits):
    for e in sorted(edits, key=lambda x: x[4], reverse=True):
        text = text[:e[4]] + e[3] + text[e[5]:]
    return text


def _q(v):
    return "'%s'" % (v,)


def _tmpfile(suffix):
    fd, path = tempfile.mkstemp(prefix='stwas-stav-', suffix=suffix)
    os.close(fd)
    return path


# ----------------------------------------------------------------------------------------------- main
def main(job, opts):
    enable = bool(opts.enable)
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
             % ('enable TLS' if enable else 'disable TLS', app, role, srv.label(), uri))

    tmp = _tmpfile('.xml')
    try:
        digest = job.AdminConfig.extract(uri, tmp)
        original = _as_text(_read(tmp))
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
            _write(tmp, _as_bytes(apply_edits(original, edits)))
            job.AdminConfig.checkin(uri, tmp, digest)
            for element, attr, old, new, _s, _e in edits:
                job.record('modify', 'StAVConfig', '%s %s' % (uri, element), {attr: old}, {attr: new}, None,
                           '%s %s -> %s' % (attr, _q(old), _q(new)))
    finally:
        try:
            os.remove(tmp)
        except OSError:
            pass

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
    job = stwaslib.Job(JOB, scope, usage='%prog [--server STMediaServer] [--node N] [--app NAME] [--role ROLE] '
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
    job.add_option('--enable', action='store_true', default=False,
                   help='reverse: role back to All authenticated, TLS ports and transport, SRTP on')
    return job


if __name__ == '__main__':
    build_job(globals()).run(main)
