"""Helpers of the certificate and SSL jobs (import_certificate, certificate_request, certificate_report,
assign_ssl_endpoint): certificate records of AdminTask, key store lookups, secrets from a file or the environment.

Certificate records (wsadmin-semantics.md 5.2), one per line:
  [[alias default] [version 3] [size 2048] [serialNumber 1162..] [issuedTo [CN=a, O=IBM, C=US]] [issuedBy [..]]
   [fingerPrint 24:18:..] [signatureAlgorithm SHA256withRSA(1.2.840.113549.1.1.11)]
   [validity [Valid from Mar 31, 2022 to Mar 31, 2023.]] ]
Common subset of Python 2.7 (Jython) and 3; standard library only.
"""

import base64
import datetime
import hashlib
import os
import re

from stwaslib.configtext import lines, text
from stwaslib.job import JobError, UsageError

KEYFILE_PASSWORD_ENV = 'STWAS_KEYFILE_PASSWORD'
MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

_PAIR = re.compile(r'\[(\w+) (\[[^\[\]]*\]|[^\[\]]*)\]')
_VALIDITY = re.compile(r'Valid from (\w{3}) (\d{1,2}), (\d{4}) to (\w{3}) (\d{1,2}), (\d{4})')
_PEM = re.compile(r'-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----', re.S)


def parse_record(line):
    """One certificate record -> dict (nested [..] values without their brackets)."""
    out = {}
    for m in _PAIR.finditer(text(line) or ''):
        v = m.group(2)
        if v.startswith('[') and v.endswith(']'):
            v = v[1:-1]
        out[m.group(1)] = v.strip()
    return out


def parse_records(value):
    return [parse_record(ln) for ln in lines(value) if ln.startswith('[')]


def _date(mon, day, year):
    return datetime.date(int(year), MONTHS.index(mon) + 1, int(day))


def validity(rec):
    """(not_before, not_after) dates of a record, or (None, None)."""
    m = _VALIDITY.search(rec.get('validity', ''))
    if not m or m.group(1) not in MONTHS or m.group(4) not in MONTHS:
        return None, None
    return _date(m.group(1), m.group(2), m.group(3)), _date(m.group(4), m.group(5), m.group(6))


def cn_of(dn):
    for part in (dn or '').split(','):
        part = part.strip()
        if part.upper().startswith('CN='):
            return part[3:]
    return ''


def pem_fingerprints(path):
    """SHA-1 fingerprints (AA:BB:.. upper case) of the certificates of a PEM or DER file."""
    f = open(path, 'rb')
    try:
        data = f.read()
    finally:
        f.close()
    ders = []
    s = data.decode('latin-1')
    for body in _PEM.findall(s):
        ders.append(base64.b64decode(''.join(body.split()).encode('ascii')))
    if not ders:
        ders = [data]
    out = []
    for der in ders:
        h = hashlib.sha1(der).hexdigest().upper()
        out.append(':'.join([h[i:i + 2] for i in range(0, len(h), 2)]))
    return out


def read_secret(job, path, env_name, what):
    """A secret from the first line of a file, else from the environment; never printed."""
    if path:
        try:
            f = open(path, 'rb')
            try:
                raw = f.read()
            finally:
                f.close()
        except (IOError, OSError):
            raise JobError('cannot read %s (%s)' % (path, what))
        first = raw.decode('utf-8').splitlines()
        value = first[0] if first else ''
    else:
        value = os.environ.get(env_name)
        if value is None:
            raise UsageError('missing the %s: give --key-file-password-file FILE or set %s' % (what, env_name))
    if value == '':
        raise JobError('the %s is empty' % what)
    return value


def scrub(msg, secret):
    """Remove a secret from a message (an exception text that might echo a parameter)."""
    msg = text(msg) or ''
    if secret:
        msg = msg.replace(secret, '*****')
    return msg


def cell_scope(job):
    cells = job.list('Cell')
    return '(cell):%s' % job.attr(cells[0], 'name')


def key_stores(job):
    """[(name, scope, id)] of every key store of the cell."""
    out = []
    for ks in lines(job.AdminTask.listKeyStores('[-all true]')):
        ms = job.attr(ks, 'managementScope')
        out.append((job.attr(ks, 'name'), ms and job.attr(ms, 'scopeName') or '', ks))
    return out


def ks_args(name, scope):
    return ['-keyStoreName', name, '-keyStoreScope', scope]


def personal(job, name, scope):
    return parse_records(job.AdminTask.listPersonalCertificates(ks_args(name, scope)))


def signers(job, name, scope):
    return parse_records(job.AdminTask.listSignerCertificates(ks_args(name, scope)))


def find(records, alias):
    for r in records:
        if r.get('alias', '').lower() == (alias or '').lower():
            return r
    return None
