"""fix_ldap_base_entry: replace the LDAP deployment name as federated-repository base entry.

The Sametime installer copies the SSC "LDAP deployment name" (e.g. LDAPDeployname) into both base-entry fields of
the federated repository (wimconfig.xml: repository baseEntries name/nameInRepository and the realm's
participatingBaseEntries). VMM then rewrites every DN into that name space (users come out as
"cn=Alexander Novak, o=edcom, o=LDAPDeployname") and SSO with Domino breaks (sametime-operations.md 5.2).

This job replaces that entry in the repository and in the realm with either
  --base-dn DN   the real base DN (name = nameInRepository = DN; a problem when the directory has several O's), or
  --root         the best practice "root": name "root", empty nameInRepository (the whole directory, flat Domino
                 names and groups included; only one repository of a cell can use it).
through the AdminTask commands of IdMgrRepositoryConfig / IdMgrRealmConfig:
  addIdMgrRepositoryBaseEntry, addIdMgrRealmBaseEntry, deleteIdMgrRealmBaseEntry, deleteIdMgrRepositoryBaseEntry
(in that order: the new entry exists before the old one goes, so the realm is never empty).

Examples:
  wsadmin.sh -lang jython -f fix_ldap_base_entry.py --root --dry-run --sample-user "cn=Hans Muster, o=edcom"
  wsadmin.sh -lang jython -f fix_ldap_base_entry.py --base-dn o=edcom --repository-id "LDAP on mail02-tta"
  ... [--realm NAME | --security-domain NAME] [--from NAME] [--min-was-level LEVEL]

Afterwards: restart the deployment manager, synchronise the nodes, restart node agents and servers; check the
names in the console under Users and Groups > Manage Users. Needs WAS 7.0.0.21 or later for "root" (seed talk):
the job reads the deployment manager's level from its node metadata and refuses below it (--min-was-level LEVEL
to ask for another level, 0 to skip the check).
"""

# stwas bootstrap: begin (byte-identical in every job: tests/test_job_contract.py; stwaslib/__init__.py says why)
import os
import sys

if sys.version[:3] < "2.1":  # Jython 2.1 (the wsadmin of WebSphere 7.0 and 8.5.5) is the oldest this job runs on
    sys.stdout.write(
        "ERROR: this job needs the wsadmin of WebSphere 7.0 or later (Jython 2.1 or 2.7), not Python %s\n" % sys.version[:3]
    )
    sys.exit(1)
else:  # stwaslib: in $STWAS_SCRIPTS, next to this job (wsadmin may run it without __file__), or in ./wsadmin_scripts
    sys.dont_write_bytecode = 1
    _LIB = [
        os.environ.get("STWAS_SCRIPTS", ""),
        os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)),
        os.path.dirname(os.path.abspath(globals().get("__file__") or ".")),
        os.path.join(os.getcwd(), "wsadmin_scripts"),
    ]
    _LIB = [_d for _d in _LIB if _d and os.path.isfile(os.path.join(_d, "stwaslib", "__init__.py"))]
    if not _LIB:
        raise SystemExit("ERROR: stwaslib not found next to this script: set STWAS_SCRIPTS to the wsadmin_scripts directory")
    if _LIB[0] not in sys.path:
        sys.path.insert(0, _LIB[0])
import stwaslib

# stwas bootstrap: end
from stwaslib import JobError, UsageError, lines, text
from stwaslib.compat import contains, is_ascii_digits, partition, sort_by, unique

JOB = "fix_ldap_base_entry"

# [U] sametime-operations.md 5.2 / 14.3: what WebSphere writes for the "root" best practice is
# <config:baseEntries name="root" nameInRepository=""/> + <config:participatingBaseEntries name="root"/>,
# and whether addIdMgrRepositoryBaseEntry accepts -nameInRepository "" is unverified. Kept here, in one place.
ROOT_NAME = "root"
# the talk: "root" needs WAS 7.0.0.21 ("Fehler beim Aufruf der WAS Repository" before)
ROOT_MIN_WAS_LEVEL = "7.0.0.21"
ROOT_NAME_IN_REPOSITORY = ""
# [L] a base-entry name without "=" is a deployment name, not a DN (what --from detects).
# [L] how VMM shows a user below a base entry whose nameInRepository is not a DN: the LDAP DN with the VMM name
# appended, a bare name as "o=<name>" (the seed shows "cn=Alexander Novak, o=edcom, o=LDAPDeployname").
BARE_NAME_RDN = "o=%s"
DEFAULT_SAMPLE_RDN = "cn=Hans Muster"
DEFAULT_SAMPLE_BASE = "o=edcom"
LDAP_REPOSITORY_TYPE = "LDAP"
RESTART_NOTE = (
    "restart the deployment manager, synchronise the nodes and restart node agents and servers "
    "for the new base entry to take effect"
)

DESCRIPTION = (
    "Replace the federated repository base entry that holds the LDAP deployment name (in the repository "
    'and in the realm) with the real base DN (--base-dn) or with the best practice "root" (--root).'
)


# ------------------------------------------------------------------------------------------------ parsing


def is_dn(name):
    return name is not None and "=" in name


def same(a, b):
    return a is not None and b is not None and a.lower() == b.lower()


def parse_repositories(value):
    """listIdMgrRepositories: '{id={repositoryType=LDAP, specificRepositoryType=DOMINO, host=h}, ...}' ->
    [(id, {key: value})]."""
    s = (text(value) or "").strip()
    out = []
    p = 0
    while p < len(s):
        found = _repository_at(s, p)
        if found is None:
            p = p + 1
            continue
        rid, body, p = found
        info = {}
        for part in body.split(", "):
            k, _sep, v = partition(part, "=")
            info[k.strip()] = v
        out.append((rid, info))
    return out


def _repository_at(s, p):
    """(id, body, end) of an 'id={body}' entry that starts at p (after the opening '{' or a ', '), or None."""
    if p == 0 and s[:1] == "{":
        start = 1
    elif s[p : p + 2] == ", ":
        start = p + 2
    else:
        return None
    j = s.find("={", start + 1)
    while j >= 0:
        k = j + 2
        while k < len(s) and s[k] != "{" and s[k] != "}":
            k = k + 1
        if s[k : k + 1] == "}":
            return s[start:j], s[j + 2 : k], k + 1
        j = s.find("={", j + 1)
    return None


def _split_pair(piece):
    """One 'name=nameInRepository' where both sides may contain '=': prefer the split with equal sides,
    then a 'null'/empty value, then the middle '=' (a DN on each side with as many RDNs) [L]."""
    cuts = [i for i in range(len(piece)) if piece[i] == "="]
    if not cuts:
        return piece, None
    for i in cuts:
        if same(piece[:i], piece[i + 1 :]):
            return piece[:i], piece[i + 1 :]
    if piece.endswith("=null"):
        return piece[:-5], None
    if piece.endswith("="):
        return piece[:-1], ""
    i = cuts[int((len(cuts) - 1) / 2)]
    return piece[:i], piece[i + 1 :]


def parse_base_entries(value, known=()):
    """listIdMgrRepositoryBaseEntries: the Java map '{name=nameInRepository, ...}' -> [(name, nameInRepository)].

    Names and values are DNs that contain '=' and ', ', so the map text is ambiguous in general: entries are cut
    where a known name (the realm's base entries, --from, the new entry) starts; the rest is cut at ', ' [L].
    nameInRepository 'null' -> None."""
    s = (text(value) or "").strip()
    if s.startswith("{") and s.endswith("}"):
        s = s[1:-1]
    if not s:
        return []
    known = sort_by(unique([k for k in known if k]), len, reverse=1)
    low = s.lower()
    starts = [0]
    i = s.find(", ")
    while i >= 0:
        if _known_at(known, low, i + 2):
            starts.append(i + 2)
        i = s.find(", ", i + 2)
    out = []
    for a, b in zip(starts, starts[1:] + [len(s) + 2]):
        piece = s[a : b - 2]
        k = _known_at(known, low, a)
        if k is not None:
            v = piece[len(k) + 1 :]
            if not [p for p in v.split(", ")[1:] if p.count("=") != 1]:  # the rest are RDNs of this value
                out.append((piece[: len(k)], _null(v)))
                continue
        for sub in piece.split(", "):
            name, nir = _split_pair(sub)
            out.append((name, _null(nir)))
    return out


def _known_at(known, low, pos):
    """The known name (longest first) that starts at pos of the lower-case map text, followed by '='."""
    for k in known:
        if low.startswith(k.lower() + "=", pos):
            return k
    return None


def _null(value):
    """A map value: 'null' is None."""
    if value == "null":
        return None
    return value


# ------------------------------------------------------------------------------------------------ DNs


def _norm(dn):
    return ",".join([p.strip() for p in dn.split(",")]).lower()


def vmm_dn(ldap_dn, name, name_in_repository):
    """The DN VMM shows for the LDAP entry ldap_dn under a base entry (name, nameInRepository), or None when the
    entry is outside the base entry [L: string substitution of the suffix, sametime-operations.md 5.2]."""
    sep = ","
    if contains(ldap_dn, ", "):
        sep = ", "
    nir = name_in_repository
    if nir is None:
        nir = name
    if same(name, ROOT_NAME):
        vname = ""
    elif is_dn(name):
        vname = name
    else:
        vname = BARE_NAME_RDN % name
    if is_dn(nir):
        n_dn, n_nir = _norm(ldap_dn), _norm(nir)
        if n_dn == n_nir:
            return vname or ldap_dn
        if not n_dn.endswith("," + n_nir):
            return None
        # cut the nameInRepository suffix off the original spelling (same number of RDNs)
        keep = len(ldap_dn.split(",")) - len(nir.split(","))
        head = sep.join([p.strip() for p in ldap_dn.split(",")[:keep]])
        if not vname:
            return ldap_dn
        return head + sep + vname
    # nameInRepository empty or not a DN: the whole directory, the VMM name appended
    if not vname:
        return ldap_dn
    return ldap_dn + sep + vname


def show_dn(dn):
    if dn is None:
        return "(not below this base entry: not found)"
    return dn


# ------------------------------------------------------------------------------------------------ the job


class BaseEntries:
    """AdminTask access to one repository and one realm."""

    def __init__(self, job, repository_id, realm, security_domain=None):
        self.job = job
        self.at = job.AdminTask
        self.rid = repository_id
        self.realm = realm
        self.domain = security_domain

    def _dom(self, args):
        if self.domain:
            return args + ["-securityDomainName", self.domain]
        return args

    def realm_entries(self):
        return lines(self.at.listIdMgrRealmBaseEntries(self._dom(["-name", self.realm])))

    def repository_entries(self, known):
        return parse_base_entries(self.at.listIdMgrRepositoryBaseEntries(self._dom(["-id", self.rid])), known)

    def add_repository_entry(self, name, nir, old=None):
        self.at.addIdMgrRepositoryBaseEntry(self._dom(["-id", self.rid, "-name", name, "-nameInRepository", nir]))
        self.job._record(
            "add",
            "IdMgrRepositoryBaseEntry",
            "%s %s" % (self.rid, name),
            old,
            {"name": name, "nameInRepository": nir},
            None,
            "name=%s nameInRepository=%s" % (stwaslib.job.quote(name), stwaslib.job.quote(nir)),
        )

    def delete_repository_entry(self, name, nir):
        self.at.deleteIdMgrRepositoryBaseEntry(self._dom(["-id", self.rid, "-name", name]))
        self.job._record(
            "delete",
            "IdMgrRepositoryBaseEntry",
            "%s %s" % (self.rid, name),
            {"name": name, "nameInRepository": nir},
            None,
            None,
            "name=%s nameInRepository=%s" % (stwaslib.job.quote(name), stwaslib.job.quote(nir)),
        )

    def add_realm_entry(self, name):
        self.at.addIdMgrRealmBaseEntry(self._dom(["-name", self.realm, "-baseEntry", name]))
        self.job._record(
            "add",
            "IdMgrRealmBaseEntry",
            "%s %s" % (self.realm, name),
            None,
            {"baseEntry": name},
            None,
            "baseEntry=%s" % stwaslib.job.quote(name),
        )

    def delete_realm_entry(self, name):
        self.at.deleteIdMgrRealmBaseEntry(self._dom(["-name", self.realm, "-baseEntry", name]))
        self.job._record(
            "delete",
            "IdMgrRealmBaseEntry",
            "%s %s" % (self.realm, name),
            {"baseEntry": name},
            None,
            None,
            "baseEntry=%s" % stwaslib.job.quote(name),
        )


def _find(entries, name):
    for e in entries:
        if same(e[0], name):
            return e
    return None


def _dom_args(opts, args):
    if opts.security_domain:
        return args + ["-securityDomainName", opts.security_domain]
    return args


def choose_repository(job, opts):
    repos = parse_repositories(job.AdminTask.listIdMgrRepositories(_dom_args(opts, [])))
    ids = [r[0] for r in repos]
    if opts.repository_id:
        if opts.repository_id not in ids:
            raise JobError("repository '%s' is not defined (repositories: %s)" % (opts.repository_id, ", ".join(ids)))
        return opts.repository_id
    ldap = [r[0] for r in repos if r[1].get("repositoryType") == LDAP_REPOSITORY_TYPE]
    if not ldap:
        raise JobError(
            "no LDAP repository in the federated repositories (repositories: %s); give --repository-id" % ", ".join(ids)
        )
    if len(ldap) > 1:
        raise JobError("several LDAP repositories (%s): give --repository-id" % ", ".join(ldap))
    return ldap[0]


def validate(opts):
    level = opts.min_was_level
    if level is not None and [p for p in level.split(".") if not is_ascii_digits(p)]:
        raise UsageError("--min-was-level takes a level such as 7.0.0.21, not '%s'" % level)
    if (not opts.base_dn) == (not opts.root):
        raise UsageError("give exactly one of --base-dn DN and --root")
    if opts.base_dn is not None:
        if not is_dn(opts.base_dn):
            raise UsageError("--base-dn must be a distinguished name such as o=example, not '%s'" % opts.base_dn)
        if same(opts.base_dn, ROOT_NAME):
            raise UsageError('use --root for the "root" base entry')
        return opts.base_dn, opts.base_dn
    return ROOT_NAME, ROOT_NAME_IN_REPOSITORY


def check_was_level(job, opts):
    """The talk's fix level for "root" (or the admin's --min-was-level), read from the node metadata."""
    level = opts.min_was_level
    if level is None:
        level = opts.root and ROOT_MIN_WAS_LEVEL or "0"
    job.require_was_level(
        level,
        opts.root
        and 'the "root" base entry (the talk: older levels fail when the repository is called)'
        or "this base entry change",
    )


def plan(job, opts):
    """Reads only: the repository and realm, their base entries, the entry to replace, the sample user before and
    after; what the three steps of apply must do."""
    target, target_nir = validate(opts)
    if job.AdminTask is None:
        raise JobError("AdminTask is not available: run this job with wsadmin -lang jython -f")
    realm = opts.realm or text(job.AdminTask.getIdMgrDefaultRealm(_dom_args(opts, [])))
    rid = choose_repository(job, opts)
    be = BaseEntries(job, rid, realm, opts.security_domain)
    check_was_level(job, opts)

    realm_names = be.realm_entries()
    known = list(realm_names) + [target]
    if opts.source:
        known.append(opts.source)
    repo = be.repository_entries(known)
    job.info(
        "repository %s base entries: %s"
        % (rid, ", ".join(["%s -> %s" % (n, stwaslib.job.quote(v)) for n, v in repo]) or "(none)")
    )
    job.info("realm %s base entries: %s" % (realm, ", ".join(realm_names) or "(none)"))

    # the entry to replace
    if opts.source:
        source = _find(repo, opts.source)
        if source is None and not _find(repo, target):
            raise JobError(
                "repository %s has no base entry '%s' (entries: %s)"
                % (rid, opts.source, ", ".join([n for n, _v in repo]) or "none")
            )
    else:
        cands = [e for e in repo if not is_dn(e[0]) and not same(e[0], ROOT_NAME) and e[0] != ""]
        if len(cands) > 1:
            raise JobError(
                "several deployment-name base entries in repository %s (%s): give --from"
                % (rid, ", ".join([c[0] for c in cands]))
            )
        source = None
        if cands:
            source = cands[0]
        if source is None and not _find(repo, target):
            raise JobError(
                "repository %s has no deployment-name base entry (entries: %s): give --from to choose "
                "the base entry to replace" % (rid, ", ".join([n for n, _v in repo]) or "none")
            )
    if source is not None and same(source[0], target):
        source = None
    job.extra["repository"] = rid
    job.extra["realm"] = realm
    job.extra["replaced"] = source and source[0] or None
    job.extra["base_entry"] = {"name": target, "nameInRepository": target_nir}

    # what a sample user looks like before and after
    sample = opts.sample_user or ("%s, %s" % (DEFAULT_SAMPLE_RDN, opts.base_dn or DEFAULT_SAMPLE_BASE))
    before_entry = source or _find(repo, target)
    before = None
    if before_entry:
        before = vmm_dn(sample, before_entry[0], before_entry[1])
    after = vmm_dn(sample, target, target_nir)
    job.info("sample user %s" % sample)
    job.info("  before: %s" % show_dn(before))
    job.info("  after:  %s" % show_dn(after))
    job.extra["sample_user"] = {"ldap": sample, "before": before, "after": after}

    # 1. the new entry in the repository (re-created when its nameInRepository differs)
    current = _find(repo, target)
    in_realm = [n for n in realm_names if same(n, target)]
    p = stwaslib.Plan()
    p.entries, p.target, p.target_nir, p.source = be, target, target_nir, source
    p.recreate = current is not None and current[1] != target_nir and not (current[1] is None and target_nir == target)
    p.add_to_repository = p.recreate or current is None
    p.current = current
    p.out_of_realm_first = []  # the target's realm entry, out while it is re-created
    if p.recreate and in_realm:
        if len(realm_names) < 2:
            raise JobError(
                "base entry %s is the only entry of realm %s and has nameInRepository %s; cannot "
                "replace it" % (current[0], realm, stwaslib.job.quote(current[1]))
            )
        p.out_of_realm_first = [in_realm[0]]
        in_realm = []
    p.add_to_realm = not in_realm
    # 3. the old entry out of the realm, then out of the repository
    p.old_in_realm = []
    if source is not None:
        p.old_in_realm = [n for n in realm_names if same(n, source[0])]
    return p


def apply(job, p):
    be = p.entries
    # 1. the new entry in the repository (re-created when its nameInRepository differs)
    for n in p.out_of_realm_first:
        be.delete_realm_entry(n)
    if p.recreate:
        be.delete_repository_entry(p.current[0], p.current[1])
    if p.add_to_repository:
        be.add_repository_entry(p.target, p.target_nir)
    # 2. the new entry in the realm
    if p.add_to_realm:
        be.add_realm_entry(p.target)
    # 3. the old entry out of the realm, then out of the repository
    if p.source is not None:
        for n in p.old_in_realm:
            be.delete_realm_entry(n)
        be.delete_repository_entry(p.source[0], p.source[1])
    if job.changes:
        job.info("note: " + RESTART_NOTE)


def build(scope):
    job = stwaslib.Job(JOB, scope, restart=stwaslib.restart.SECURITY, description=DESCRIPTION)
    job.add_option(
        "--base-dn", dest="base_dn", metavar="DN", help="the real LDAP base DN (e.g. o=example): name = nameInRepository = DN"
    )
    job.add_option(
        "--root",
        action="store_true",
        dest="root",
        help='the best practice base entry "root" with an empty nameInRepository (whole directory)',
    )
    job.add_option("--realm", dest="realm", metavar="NAME", help="the realm (default: the default realm)")
    job.add_option(
        "--repository-id", dest="repository_id", metavar="ID", help="the repository (default: the only LDAP repository)"
    )
    job.add_option(
        "--from",
        dest="source",
        metavar="NAME",
        help="the base entry to replace (default: the entry whose name is not a DN, the deployment name)",
    )
    job.add_option(
        "--sample-user",
        dest="sample_user",
        metavar="DN",
        help='an LDAP user DN to show before/after, e.g. "cn=Hans Muster, o=edcom"',
    )
    job.add_option(
        "--min-was-level",
        dest="min_was_level",
        metavar="LEVEL",
        help="refuse unless the deployment manager runs this WebSphere level or later (default for --root: "
        "%s, the talk; 0: do not check)" % ROOT_MIN_WAS_LEVEL,
    )
    job.add_option(
        "--security-domain",
        dest="security_domain",
        metavar="NAME",
        help="the security domain whose federated repositories to change (default: global security)",
    )
    return job


if __name__ == "__main__":
    build(globals()).run_plan(plan, apply)
