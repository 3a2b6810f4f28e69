"""Helpers of the certificate and SSL jobs (import_certificate, certificate_request, certificate_report,
assign_ssl_endpoint, cell_doctor): certificate records of AdminTask, key store lookups, the --today option.

Certificate records (wsadmin-semantics.md 5.2), one per line:
  [[alias default] [version 3] [size 2048] [serialNumber 1162..] [issuedTo [CN=a, O=IBM, C=US]] [issuedBy [..]]
   [fingerPrint 24:18:..] [signatureAlgorithm SHA256withRSA(1.2.840.113549.1.1.11)]
   [validity [Valid from Mar 31, 2022 to Mar 31, 2023.]] ]
Dates are (year, month, day) tuples (stwaslib.dates).
Language level: docs/script-language.md (Jython 2.1, Jython 2.7 and CPython 3).
"""

from stwaslib import dates
from stwaslib.binary import base64_bytes, latin1_text
from stwaslib.compat import has_key, is_ascii_digits, is_list, is_word_char
from stwaslib.configtext import lines, parse_show, records, scalar, text
from stwaslib.digest import sha1_hex
from stwaslib.errors import UsageError
from stwaslib.files import read_bytes
from stwaslib.job import describe_exception

KEYFILE_PASSWORD_ENV = "STWAS_KEYFILE_PASSWORD"
MONTHS = dates.MONTHS
PEM_BEGIN = "-----BEGIN CERTIFICATE-----"
PEM_END = "-----END CERTIFICATE-----"


def _pair_at(s, i):
    """(name, value, end) of a `[name value]` or `[name [value]]` pair starting at s[i] == '[', or None."""
    j = i + 1
    while j < len(s) and is_word_char(s[j]):
        j = j + 1
    if j == i + 1 or s[j : j + 1] != " ":
        return None
    name, j = s[i + 1 : j], j + 1
    if s[j : j + 1] == "[":
        k = j + 1
        while k < len(s) and s[k] != "[" and s[k] != "]":
            k = k + 1
        if s[k : k + 2] != "]]":
            return None
        return name, s[j + 1 : k], k + 2
    k = j
    while k < len(s) and s[k] != "[" and s[k] != "]":
        k = k + 1
    if s[k : k + 1] != "]":
        return None
    return name, s[j:k], k + 1


def parse_record(line):
    """One certificate record -> dict (nested [..] values without their brackets)."""
    out = {}
    s = text(line) or ""
    i = s.find("[")
    while i >= 0:
        pair = _pair_at(s, i)
        if pair is None:
            i = s.find("[", i + 1)
            continue
        out[pair[0]] = pair[1].strip()
        i = s.find("[", pair[2])
    return out


def parse_records(value):
    return [parse_record(ln) for ln in lines(value) if ln.startswith("[")]


def _date_at(s):
    """(date, rest) of 'Mar 31, 2022...' at the start of s, or None."""
    comma = s.find(", ")
    if s[3:4] != " " or comma < 5 or comma > 6:
        return None
    mon, day, year = s[:3], s[4:comma], s[comma + 2 : comma + 6]
    if mon not in MONTHS or not is_ascii_digits(day) or not is_ascii_digits(year) or len(year) != 4:
        return None
    try:
        return dates.make(int(year), MONTHS.index(mon) + 1, int(day)), s[comma + 6 :]
    except ValueError:
        return None


def validity(rec):
    """(not_before, not_after) dates of a record ('Valid from Mar 31, 2022 to Mar 31, 2023.'), or (None, None)."""
    v = rec.get("validity", "")
    i = v.find("Valid from ")
    if i < 0:
        return None, None
    first = _date_at(v[i + len("Valid from ") :])
    if first is None or first[1][:4] != " to ":
        return None, None
    second = _date_at(first[1][4:])
    if second is None:
        return None, None
    return first[0], second[0]


def cn_of(dn):
    for part in (dn or "").split(","):
        part = part.strip()
        if part.upper().startswith("CN="):
            return part[3:]
    return ""


def pem_blocks(path):
    """[(PEM text of one certificate, its DER bytes)] of a PEM file (a bundle gives several); [(None, the bytes)]
    for a DER file (no PEM armour)."""
    data = read_bytes(path)
    out = []
    s = latin1_text(data)
    i = s.find(PEM_BEGIN)
    while i >= 0:
        j = s.find(PEM_END, i + len(PEM_BEGIN))
        if j < 0:
            break
        out.append((s[i : j + len(PEM_END)] + "\n", base64_bytes("".join(s[i + len(PEM_BEGIN) : j].split()))))
        i = s.find(PEM_BEGIN, j + len(PEM_END))
    if not out:
        out = [(None, data)]
    return out


def der_fingerprint(der):
    """The SHA-1 fingerprint of DER bytes as wsadmin shows it (AA:BB:.. upper case)."""
    h = sha1_hex(der).upper()
    return ":".join([h[k : k + 2] for k in range(0, len(h), 2)])


def pem_fingerprints(path):
    """SHA-1 fingerprints (AA:BB:.. upper case) of the certificates of a PEM or DER file."""
    return [der_fingerprint(der) for _pem, der in pem_blocks(path)]


def find_fingerprint(records, fingerprint):
    for r in records:
        if r.get("fingerPrint", "").upper() == (fingerprint or "").upper():
            return r
    return None


def cell_scope(job):
    cells = job.list("Cell")
    return "(cell):%s" % job.attr(cells[0], "name")


def _listed(value):
    """A show/showall list value (parse_show) as a list."""
    if not value:
        return []
    if is_list(value):
        return value
    return [value]


def _security_key_stores(job):
    """{key store id: (name, scope)} of the key stores of the cell's security.xml, read in bulk: one show and one
    showall of its keyStores and managementScopes (the contained objects come in the same order in both); {} when
    that cannot be read (the caller then asks per key store)."""
    try:
        secs = job.list("Security")
        if not secs:
            return {}
        attrs = ["keyStores", "managementScopes"]
        ids = parse_show(job.show(secs[0], attrs))
        full = parse_show(job.showall(secs[0], attrs))
    except:  # noqa: E722  (Java exceptions under Jython)
        return {}
    ks_ids, ms_ids = _listed(ids.get("keyStores")), _listed(ids.get("managementScopes"))
    ks_recs, ms_recs = records(full.get("keyStores")), records(full.get("managementScopes"))
    if len(ks_ids) != len(ks_recs) or len(ms_ids) != len(ms_recs):
        return {}
    scopes = {}
    for mid, rec in zip(ms_ids, ms_recs):
        scopes[mid] = scalar(rec.get("scopeName"))
    out = {}
    for kid, rec in zip(ks_ids, ks_recs):
        ms = scalar(rec.get("managementScope"))
        if ms and not has_key(scopes, ms):
            continue
        out[kid] = (scalar(rec.get("name")) or None, ms and scopes[ms] or "")
    return out


def key_stores(job):
    """[(name, scope, id)] of every key store of the cell (listKeyStores -all true). Names and scopes come from one
    bulk read of security.xml; a key store not found there is read with showAttribute."""
    out = []
    ids = lines(job.AdminTask.listKeyStores("[-all true]"))
    known = ids and _security_key_stores(job) or {}
    for ks in ids:
        if has_key(known, ks):
            name, scope = known[ks]
            out.append((name, scope, ks))
            continue
        ms = job.attr(ks, "managementScope")
        out.append((job.attr(ks, "name"), ms and job.attr(ms, "scopeName") or "", ks))
    return out


def ks_args(name, scope):
    return ["-keyStoreName", name, "-keyStoreScope", scope]


def personal(job, name, scope):
    return parse_records(job.AdminTask.listPersonalCertificates(ks_args(name, scope)))


def signers(job, name, scope):
    return parse_records(job.AdminTask.listSignerCertificates(ks_args(name, scope)))


def scope_node(scope):
    """The node of a management scope '(cell):C:(node):N[:(server):S]', None at cell scope."""
    i = (scope or "").find(":(node):")
    if i < 0:
        return None
    node = scope[i + len(":(node):") :]
    j = node.find(":(")
    if j >= 0:
        node = node[:j]
    return node


def sametime_nodes(cell):
    """The nodes whose key stores the certificate checks read by default: the deployment manager's and those whose
    servers run applications (the Sametime servers). WebSphere has no cell-wide certificate listing (two AdminTask
    calls per key store are the floor), so the cost follows the Sametime nodes, not every node of the cell."""
    out = []
    for s in cell.servers:
        if (s.type == "DEPLOYMENT_MANAGER" or s.apps) and s.node not in out:
            out.append(s.node)
    return out


def all_certificates(job, nodes=None):
    """(certificates, unreadable, skipped) of the key stores of the cell: [(key store, scope, kind, record)] with kind
    'personal' or 'signer', [(key store, scope, kind, reason)] of the listings that failed (a missing file, a
    JCEKS store, a wrong password; after a failed listing the store's other kind is not tried), and the number of
    key stores not read because their node is not in nodes (None: read every store)."""
    certs, unreadable, skipped = [], [], 0
    for name, scope, _kid in key_stores(job):
        node = scope_node(scope)
        if nodes is not None and node is not None and node not in nodes:
            skipped = skipped + 1
            continue
        for kind, fn in (("personal", personal), ("signer", signers)):
            try:
                recs = fn(job, name, scope)
            except:  # noqa: E722  (Java exceptions under Jython)
                unreadable.append((name, scope, kind, describe_exception()))
                break
            for r in recs:
                certs.append((name, scope, kind, r))
    return certs, unreadable, skipped


def parse_today(value):
    """The date of a --today YYYY-MM-DD option (the day certificate expiry is counted from); today when empty."""
    if not value:
        return dates.today()
    try:
        return dates.parse_iso(value)
    except ValueError:
        raise UsageError("--today takes YYYY-MM-DD, not %s" % value)


def find(records, alias):
    for r in records:
        if r.get("alias", "").lower() == (alias or "").lower():
            return r
    return None
