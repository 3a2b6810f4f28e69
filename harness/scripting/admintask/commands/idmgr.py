"""AdminTask commands of the federated-repository (VMM) groups IdMgrRealmConfig and
IdMgrRepositoryConfig (wsadmin-semantics.md §5.3 "VMM / federated repositories", sametime-operations.md §5).

The configuration lives in ``cells/<cell>/wim/config/wimconfig.xml``, an SDO datagraph that is *not* an
AdminConfig type.  The commands edit that workspace Document directly through the Document API
(``set_attr``/``insert_child``/``remove``), so ``AdminConfig.save()`` rewrites only the entries that
changed and ``AdminConfig.reset()`` forgets them.

Element shapes written (as WebSphere writes them)::

    <config:repositories ... id="LDAP on domino">
      <config:baseEntries name="o=x" nameInRepository="o=x"/>      (first children of the repository)
    <config:realms delimiter="/" name="defaultWIMFileBasedRealm" securityUse="active">
      <config:participatingBaseEntries name="o=x"/>                (first children of the realm)

A new entry goes right after the last existing entry of its kind (at the front when there is none),
with the indentation of the file.

Output shapes (§5.2): realm base entries are names, line-separated; repository base entries are a Java
map ``{name=nameInRepository, ...}``; repositories and realms are Java maps of maps.
"""

from harness.base import messages as M
from harness.base.errors import CommandValidationException
from harness.scripting.admintask import formats
from harness.scripting.admintask.args import Param
from harness.scripting.admintask.framework import command, command_group

__all__ = [
    "WIM_NS",
    "WIMCONFIG_URI",
    "wimconfig_uri",
]

WIM_NS = "http://www.ibm.com/websphere/wim/config"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
WIMCONFIG_URI = "cells/%s/wim/config/wimconfig.xml"

REALM_GROUP = "IdMgrRealmConfig"
REPOSITORY_GROUP = "IdMgrRepositoryConfig"

# --------------------------------------------------------------------------------------------------
# [U] choices, named in one place
# --------------------------------------------------------------------------------------------------
# [U] wimconfig.xml of a multiple-security-domain setup (-securityDomainName d).
DOMAIN_WIMCONFIG_URI = "cells/%s/wim/domains/%s/wimconfig.xml"
# [U] listIdMgrRepositoryBaseEntries: a base entry without nameInRepository shows Java's null
# (the EMF getter returns null; VMM then uses the name itself).
MISSING_NAME_IN_REPOSITORY = None
# [U] listIdMgrRepositories: {id={repositoryType=File|LDAP|DB|Custom, specificRepositoryType=..., host=...}}
# (IBM docs: "a hash map of the repository IDs, types and host names"); key order of the inner map.
REPOSITORY_INFO_KEYS = ("repositoryType", "specificRepositoryType", "host")
REPOSITORY_TYPES = {
    "FileRepositoryType": "File",
    "LdapRepositoryType": "LDAP",
    "DatabaseRepositoryType": "DB",
    "ProfileRepositoryType": "Custom",
}
FILE_REPOSITORY_HOST = "LocalHost"
# [U] listIdMgrRealms: {realm={securityUse=active, delimiter=/}} (a map of realm names to a few attributes).
REALM_INFO_KEYS = ("securityUse", "delimiter")
# [L] base-entry names compare case-insensitively (LDAP DNs); the stored spelling is kept.
NAMES_IGNORE_CASE = True
# [L] a repository base entry that still participates in a realm cannot be deleted (remove it from the
# realm first); a realm base entry must be a base entry of some repository; base-entry names are unique
# across repositories (only one repository can use "root", sametime-operations.md §5.2).
CHECK_REALM_REFERENCES = True
CHECK_REALM_ENTRY_DEFINED = True
UNIQUE_ACROSS_REPOSITORIES = True
# [L] a realm must keep at least one participating base entry.
REALM_NEEDS_ONE_ENTRY = True

# Messages [U] (VMM message ids CWWIM5xxxE; texts reconstructed).

command_group(REALM_GROUP, "Group of commands that configure realms of the federated repositories (wimconfig.xml).")
command_group(REPOSITORY_GROUP, "Group of commands that configure repositories of the federated repositories (wimconfig.xml).")


# --------------------------------------------------------------------------------------------------
# wimconfig.xml access
# --------------------------------------------------------------------------------------------------


def _q(local):
    return "{%s}%s" % (WIM_NS, local)


def _repository(ctx):
    repo = getattr(ctx, "repository", None)
    if repo is None:
        ac = getattr(ctx, "adminconfig", None)
        repo = getattr(ac, "_repo", None)
    if repo is None:
        raise CommandValidationException(M.SERVICE_UNAVAILABLE)
    return repo


def wimconfig_uri(cell, security_domain=None):
    if security_domain:
        return DOMAIN_WIMCONFIG_URI % (cell, security_domain)
    return WIMCONFIG_URI % cell


def _doc(ctx, params):
    repo = _repository(ctx)
    domain = params.get("securityDomainName") or None
    uri = wimconfig_uri(repo.cell_name, domain)
    doc = repo.doc(uri)
    if doc is None:
        if domain:
            raise CommandValidationException(M.WIM_NO_DOMAIN % (domain, uri))
        raise CommandValidationException(M.WIM_NO_WIMCONFIG % uri)
    return doc


def _provider(doc):
    root = doc.root
    if root.tag == _q("configurationProvider"):
        return root
    for el in root:
        if el.tag == _q("configurationProvider"):
            return el
    raise CommandValidationException(M.WIM_NO_WIMCONFIG % doc.uri)


def _kids(el, local):
    return [c for c in el if c.tag == _q(local)]


def _same(a, b):
    if a is None or b is None:
        return a is b
    return a.lower() == b.lower() if NAMES_IGNORE_CASE else a == b


def _repositories(doc):
    return _kids(_provider(doc), "repositories")


def _find_repository(doc, rid):
    for r in _repositories(doc):
        if r.get("id") == rid:
            return r
    raise CommandValidationException(M.WIM_NO_REPOSITORY % rid)


def _realm_configuration(doc):
    rc = _kids(_provider(doc), "realmConfiguration")
    return rc[0] if rc else None


def _realms(doc):
    rc = _realm_configuration(doc)
    return _kids(rc, "realms") if rc is not None else []


def _find_realm(doc, name):
    for r in _realms(doc):
        if r.get("name") == name:
            return r
    raise CommandValidationException(M.WIM_NO_REALM % name)


def _find_entry(parent, local, name):
    for e in _kids(parent, local):
        if _same(e.get("name"), name):
            return e
    return None


def _insert_entry(doc, parent, local, attrs):
    """Insert a new <config:local .../> after the last one of its kind (front when none)."""
    existing = _kids(parent, local)
    index = parent.index(existing[-1]) + 1 if existing else 0
    el = doc.make_element("{%s}%s" % (WIM_NS, local), attrs)
    doc.insert_child(parent, index, el)
    return el


# --------------------------------------------------------------------------------------------------
# IdMgrRealmConfig
# --------------------------------------------------------------------------------------------------

_DOMAIN = Param("securityDomainName", description="Name that uniquely identifies the security domain.")
_REALM = Param("name", required=True, description="The name of the realm.")
_REALM_BASE_ENTRY = Param("baseEntry", required=True, description="The name of the base entry.")
_REPOSITORY = Param("id", required=True, description="The identifier of the repository.")
_REPOSITORY_BASE_ENTRY = Param("name", required=True, description="The distinguished name of the base entry.")


@command(
    "listIdMgrRealms", REALM_GROUP, params=[_DOMAIN], description="Lists the realms configured in the federated repositories."
)
def list_idmgr_realms(ctx, target, params):
    doc = _doc(ctx, params)
    return formats.java_map([(r.get("name"), formats.java_map([(k, r.get(k)) for k in REALM_INFO_KEYS])) for r in _realms(doc)])


@command("getIdMgrDefaultRealm", REALM_GROUP, params=[_DOMAIN], description="Returns the name of the default realm.")
def get_idmgr_default_realm(ctx, target, params):
    doc = _doc(ctx, params)
    rc = _realm_configuration(doc)
    name = rc.get("defaultRealm") if rc is not None else None
    if not name:
        raise CommandValidationException(M.WIM_NO_DEFAULT_REALM)
    return name


@command(
    "listIdMgrRealmBaseEntries",
    REALM_GROUP,
    params=[_REALM, _DOMAIN],
    description="Lists the participating base entries of a realm.",
)
def list_idmgr_realm_base_entries(ctx, target, params):
    doc = _doc(ctx, params)
    realm = _find_realm(doc, params["name"])
    return [e.get("name") for e in _kids(realm, "participatingBaseEntries")]


@command(
    "addIdMgrRealmBaseEntry",
    REALM_GROUP,
    params=[_REALM, _REALM_BASE_ENTRY, _DOMAIN],
    description="Adds a base entry to a realm.",
)
def add_idmgr_realm_base_entry(ctx, target, params):
    doc = _doc(ctx, params)
    realm_name, entry = params["name"], params["baseEntry"]
    realm = _find_realm(doc, realm_name)
    if _find_entry(realm, "participatingBaseEntries", entry) is not None:
        raise CommandValidationException(M.WIM_REALM_ENTRY_EXISTS % (entry, realm_name))
    if CHECK_REALM_ENTRY_DEFINED and not any(_find_entry(r, "baseEntries", entry) is not None for r in _repositories(doc)):
        raise CommandValidationException(M.WIM_REALM_ENTRY_UNDEFINED % entry)
    _insert_entry(doc, realm, "participatingBaseEntries", [("name", entry)])
    return ""


@command(
    "deleteIdMgrRealmBaseEntry",
    REALM_GROUP,
    params=[_REALM, _REALM_BASE_ENTRY, _DOMAIN],
    description="Deletes a base entry from a realm.",
)
def delete_idmgr_realm_base_entry(ctx, target, params):
    doc = _doc(ctx, params)
    realm_name, entry = params["name"], params["baseEntry"]
    realm = _find_realm(doc, realm_name)
    el = _find_entry(realm, "participatingBaseEntries", entry)
    if el is None:
        raise CommandValidationException(M.WIM_REALM_ENTRY_MISSING % (entry, realm_name))
    if REALM_NEEDS_ONE_ENTRY and len(_kids(realm, "participatingBaseEntries")) == 1:
        raise CommandValidationException(M.WIM_REALM_LAST_ENTRY % (entry, realm_name))
    doc.remove(el)
    return ""


# --------------------------------------------------------------------------------------------------
# IdMgrRepositoryConfig
# --------------------------------------------------------------------------------------------------


def _repo_info(r):
    xtype = (r.get(XSI_TYPE) or "").rpartition(":")[2]
    rtype = REPOSITORY_TYPES.get(xtype, "Custom")
    specific = None
    host = None
    if rtype == "File":
        host = FILE_REPOSITORY_HOST
    elif rtype == "LDAP":
        specific = r.get("ldapServerType")
        for conn in r.iter(_q("connections")):
            host = conn.get("host")
            break
    values = {"repositoryType": rtype, "specificRepositoryType": specific, "host": host}
    return [(k, values[k]) for k in REPOSITORY_INFO_KEYS]


@command(
    "listIdMgrRepositories",
    REPOSITORY_GROUP,
    params=[_DOMAIN],
    description="Lists the repositories configured in the federated repositories.",
)
def list_idmgr_repositories(ctx, target, params):
    doc = _doc(ctx, params)
    return formats.java_map([(r.get("id"), formats.java_map(_repo_info(r))) for r in _repositories(doc)])


@command(
    "getIdMgrRepository",
    REPOSITORY_GROUP,
    params=[_REPOSITORY, _DOMAIN],
    description="Returns the configuration of a repository.",
)
def get_idmgr_repository(ctx, target, params):
    doc = _doc(ctx, params)
    r = _find_repository(doc, params["id"])
    pairs = [(k, v) for k, v in r.attrib.items() if not k.startswith("{")]
    pairs.append(("repositoryType", _repo_info(r)[0][1]))
    return formats.java_map(pairs)


@command(
    "listIdMgrRepositoryBaseEntries",
    REPOSITORY_GROUP,
    params=[_REPOSITORY, _DOMAIN],
    description="Lists the base entries of a repository: {name=nameInRepository, ...}.",
)
def list_idmgr_repository_base_entries(ctx, target, params):
    doc = _doc(ctx, params)
    r = _find_repository(doc, params["id"])
    pairs = []
    for e in _kids(r, "baseEntries"):
        nir = e.get("nameInRepository")
        pairs.append((e.get("name"), MISSING_NAME_IN_REPOSITORY if nir is None else nir))
    return formats.java_map(pairs)


@command(
    "addIdMgrRepositoryBaseEntry",
    REPOSITORY_GROUP,
    params=[
        _REPOSITORY,
        _REPOSITORY_BASE_ENTRY,
        Param("nameInRepository", description="The distinguished name of the base entry in the repository."),
        _DOMAIN,
    ],
    description="Adds a base entry to a repository.",
)
def add_idmgr_repository_base_entry(ctx, target, params):
    doc = _doc(ctx, params)
    rid, name, nir = params["id"], params["name"], params.get("nameInRepository")
    r = _find_repository(doc, rid)
    others = _repositories(doc) if UNIQUE_ACROSS_REPOSITORIES else [r]
    for other in others:
        if _find_entry(other, "baseEntries", name) is not None:
            raise CommandValidationException(M.WIM_REPO_ENTRY_EXISTS % (name, other.get("id")))
    _insert_entry(doc, r, "baseEntries", [("name", name), ("nameInRepository", nir)])
    return ""


@command(
    "deleteIdMgrRepositoryBaseEntry",
    REPOSITORY_GROUP,
    params=[_REPOSITORY, _REPOSITORY_BASE_ENTRY, _DOMAIN],
    description="Deletes a base entry from a repository.",
)
def delete_idmgr_repository_base_entry(ctx, target, params):
    doc = _doc(ctx, params)
    rid, name = params["id"], params["name"]
    r = _find_repository(doc, rid)
    el = _find_entry(r, "baseEntries", name)
    if el is None:
        raise CommandValidationException(M.WIM_REPO_ENTRY_MISSING % (name, rid))
    if CHECK_REALM_REFERENCES:
        for realm in _realms(doc):
            if _find_entry(realm, "participatingBaseEntries", name) is not None:
                raise CommandValidationException(M.WIM_REPO_ENTRY_IN_REALM % (name, rid, realm.get("name")))
    doc.remove(el)
    return ""
