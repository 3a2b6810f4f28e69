"""Helpers of the certificate and SSL jobs (import_certificate, certificate_request, certificate_report,
assign_ssl_endpoint, cell_doctor): certificate records of AdminTask, key store lookups, the --today option.

Certificate records (wsadmin-semantics.md 5.2), one per line:
  [[alias default] [version 3] [size 2048] [serialNumber 1162..] [issuedTo [CN=a, O=IBM, C=US]] [issuedBy [..]]
   [fingerPrint 24:18:..] [signatureAlgorithm SHA256withRSA(1.2.840.113549.1.1.11)]
   [validity [Valid from Mar 31, 2022 to Mar 31, 2023.]] ]
Common subset of Python 2.7 (Jython) and 3; standard library only.
"""

import base64
import datetime
import hashlib
import re

from stwaslib.configtext import lines, parse_show, records, scalar, text
from stwaslib.job import UsageError, describe_exception

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


def cell_scope(job):
    cells = job.list('Cell')
    return '(cell):%s' % job.attr(cells[0], 'name')


def _listed(value):
    """A show/showall list value (parse_show) as a list."""
    if not value:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _security_key_stores(job):
    """{key store id: (name, scope)} of the key stores of the cell's security.xml, read in bulk: one show and one
    showall of its keyStores and managementScopes (the contained objects come in the same order in both); {} when
    that cannot be read (the caller then asks per key store)."""
    try:
        secs = job.list('Security')
        if not secs:
            return {}
        attrs = ['keyStores', 'managementScopes']
        ids = parse_show(job.show(secs[0], attrs))
        full = parse_show(job.showall(secs[0], attrs))
    except:  # noqa: E722  (Java exceptions under Jython)
        return {}
    ks_ids, ms_ids = _listed(ids.get('keyStores')), _listed(ids.get('managementScopes'))
    ks_recs, ms_recs = records(full.get('keyStores')), records(full.get('managementScopes'))
    if len(ks_ids) != len(ks_recs) or len(ms_ids) != len(ms_recs):
        return {}
    scopes = {}
    for mid, rec in zip(ms_ids, ms_recs):
        scopes[mid] = scalar(rec.get('scopeName'))
    out = {}
    for kid, rec in zip(ks_ids, ks_recs):
        ms = scalar(rec.get('managementScope'))
        if ms and ms not in scopes:
            continue
        out[kid] = (scalar(rec.get('name')) or None, ms and scopes[ms] or '')
    return out


def key_stores(job):
    """[(name, scope, id)] of every key store of the cell (listKeyStores -all true). Names and scopes come from one
    bulk read of security.xml; a key store not found there is read with showAttribute."""
    out = []
    ids = lines(job.AdminTask.listKeyStores('[-all true]'))
    known = ids and _security_key_stores(job) or {}
    for ks in ids:
        if ks in known:
            name, scope = known[ks]
            out.append((name, scope, ks))
            continue
        ms = job.attr(ks, 'managementScope')
        out.append((job.attr(ks, 'name'), ms and job.attr(ms, 'scopeName') or '', ks))
    return out


def ks_args(name, scope):
    return ['-keyStoreName', name, '-keyStoreScope', scope]


def personal(job, name, scope):
    return parse_records(job.AdminTask.listPersonalCertificates(ks_args(name, scope)))


def signers(job, name, scope):
    return parse_records(job.AdminTask.listSignerCertificates(ks_args(name, scope)))


def all_certificates(job):
    """(certificates, unreadable) of every key store of the cell: [(key store, scope, kind, record)] with kind
    'personal' or 'signer', and [(key store, scope, kind, reason)] of the listings that failed (a missing file, a
    JCEKS store, a wrong password); after a failed listing the store's other kind is not tried."""
    certs, unreadable = [], []
    for name, scope, _kid in key_stores(job):
        for kind, fn in (('personal', personal), ('signer', signers)):
            try:
                recs = fn(job, name, scope)
            except:  # noqa: E722  (Java exceptions under Jython)
                unreadable.append((name, scope, kind, describe_exception()))
                break
            for r in recs:
                certs.append((name, scope, kind, r))
    return certs, unreadable


def parse_today(value):
    """The date of a --today YYYY-MM-DD option (the day certificate expiry is counted from); today when empty."""
    if not value:
        return datetime.date.today()
    try:
        y, m, d = [int(x) for x in value.split('-')]
        return datetime.date(y, m, d)
    except ValueError:
        raise UsageError('--today takes YYYY-MM-DD, not %s' % value)


def find(records, alias):
    for r in records:
        if r.get('alias', '').lower() == (alias or '').lower():
            return r
    return None
