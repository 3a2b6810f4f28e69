"""Global security AdminTask commands over the cell's ``security.xml`` (wsadmin-semantics.md §5.3
"Global security", sametime-operations.md §4 and §12).

Every command acts through the session's AdminConfig (``ctx.adminconfig``) so the attribute semantics
(defaults, dirty tracking, byte-preserving writes) stay in one place.  What they touch::

    <security:Security enabled= appEnabled= ... activeAuthMechanism="LTPA_1" activeUserRegistry=...>
      <authMechanisms xmi:type="security:LTPA" xmi:id="LTPA_1" timeout="120" ...>
        <singleSignon requiresSSL="false" domainName=".example.com" enabled="true"/>
      ...
      <properties name="com.ibm.ws.security.webInboundPropagationEnabled" value="true" required="false"/>
      <properties name="com.ibm.ws.security.ssoInteropModeEnabled" value="false" required="false"/>

Commands: configureSingleSignon, getSingleSignon, setLTPATimeout, getLTPATimeout,
isGlobalSecurityEnabled, isAppSecurityEnabled, setAdminActiveSecuritySettings.
"""

import re

from harness import fileregistry
from harness import messages as M

from ...errors import CommandValidationException, ScriptingException
from .. import formats
from ..args import Param
from ..framework import command, command_group

# --------------------------------------------------------------------------------------------------
# [U] choices of this module, named (wsadmin-semantics.md §5.3, §8 item 4).
# --------------------------------------------------------------------------------------------------
GROUP_SECURITY = "SecurityConfigurationCommands"
GROUP_LTPA = "LTPACommandGroup"

# [L] the two SSO flags that are not SingleSignon attributes live as Security custom properties.
PROP_INTEROP = "com.ibm.ws.security.ssoInteropModeEnabled"
PROP_PROPAGATION = "com.ibm.ws.security.webInboundPropagationEnabled"

# [U] getSingleSignon: one attribute-list record.  The SingleSignon attributes under their XML names
# (the real output shows [requiresSSL ..], [domainName ..], [enable..]; "enabled" chosen), then the two
# custom properties under their property names [V keys, script id 26438896190]; an absent property
# shows its WebSphere default.
GET_SSO_KEYS = ("requiresSSL", "domainName", "enabled")
GET_SSO_PROPERTIES = ((PROP_INTEROP, "false"), (PROP_PROPAGATION, "true"))

# [U] configureSingleSignon, setLTPATimeout and setAdminActiveSecuritySettings return '' (void).
VOID_RESULT = ""

# [U] a newly created custom property gets required="false" like the ones WebSphere writes.
NEW_PROPERTY_REQUIRED = "false"

# [U] LTPA timeout bounds (minutes).  The console refuses values below 1; no upper bound is known.
LTPA_TIMEOUT_MIN = 1

# [U] message texts (ids reconstructed).

command_group(GROUP_SECURITY, "Commands that configure global security.")
command_group(GROUP_LTPA, "Commands that manage LTPA settings and keys.")


# --------------------------------------------------------------------------------------------------
# Helpers over the public AdminConfig API.
# --------------------------------------------------------------------------------------------------
_ID_TOKEN = re.compile(r'"[^"]*"|[^\s\[\]]+(?:\([^()]*\))?')


def _ac(ctx):
    ac = getattr(ctx, "adminconfig", None)
    if ac is None:
        objects = getattr(ctx, "objects", None) or {}
        ac = objects.get("AdminConfig")
    if ac is None:
        raise ScriptingException(M.SEC_NO_SECURITY)
    return ac


def _lines(text):
    return [x.strip() for x in (text or "").splitlines() if x.strip()]


def _id_list(text):
    """IDs of a showAttribute list value ``[id id ...]`` (IDs with spaces come quoted)."""
    s = (text or "").strip()
    if s.startswith("[") and s.endswith("]"):
        s = s[1:-1]
    return [t for t in _ID_TOKEN.findall(s) if t]


def _cell_security(ac):
    """The Security object of the cell's security.xml (security domains are other documents)."""
    ids = _lines(ac.list("Security"))
    for i in ids:
        if re.search(r"\(cells/[^/|]+\|security\.xml#", i):
            return i
    if ids:
        return ids[0]
    raise ScriptingException(M.SEC_NO_SECURITY)


def _check_domain(params):
    dom = params.get("securityDomainName")
    if dom:
        raise ScriptingException(M.SEC_DOMAIN_UNSUPPORTED % dom)


def _ltpa(ac, sec):
    """The LTPA mechanism of the global configuration: the active one if it is LTPA, else the first."""
    active = ac.showAttribute(sec, "activeAuthMechanism")
    if active and ac.getObjectType(active) == "LTPA":
        return active
    ids = _lines(ac.list("LTPA", sec))
    if not ids:
        raise ScriptingException(M.SEC_NO_LTPA)
    return ids[0]


def _sso(ac, ltpa, create=False):
    sso = ac.showAttribute(ltpa, "singleSignon")
    if sso or not create:
        return sso or None
    return ac.create("SingleSignon", ltpa, [], "singleSignon")


def _attr(ac, obj, name, default):
    v = ac.showAttribute(obj, name)
    return default if v is None else v


def _properties(ac, sec):
    """{name: id} of the Security object's own custom properties (first one wins on duplicates)."""
    out = {}
    for pid in _id_list(ac.showAttribute(sec, "properties")):
        name = ac.showAttribute(pid, "name")
        if name is not None and name not in out:
            out[name] = pid
    return out


def _set_property(ac, sec, name, value, props=None):
    """Set a Security custom property, creating it when absent (never a duplicate)."""
    props = _properties(ac, sec) if props is None else props
    pid = props.get(name)
    if pid:
        if ac.showAttribute(pid, "value") != value:
            ac.modify(pid, [["value", value]])
        return pid
    pid = ac.create("Property", sec, [["name", name], ["value", value], ["required", NEW_PROPERTY_REQUIRED]],
                    "properties")
    props[name] = pid
    return pid


def _get_property(ac, sec, name, default):
    pid = _properties(ac, sec).get(name)
    if not pid:
        return default
    v = ac.showAttribute(pid, "value")
    return default if v is None else v


def _modify_changed(ac, obj, pairs):
    """modify() only the attributes whose shown value differs (keeps a no-op a no-op)."""
    todo = [[k, v] for k, v in pairs if ac.showAttribute(obj, k) != v]
    if todo:
        ac.modify(obj, todo)
    return todo


def _bool(b):
    return formats.java_bool(bool(b))


# --------------------------------------------------------------------------------------------------
# Single sign-on
# --------------------------------------------------------------------------------------------------
@command("configureSingleSignon", GROUP_SECURITY,
         params=[Param("enable", "Boolean", description="Enable single sign-on."),
                 Param("requiresSSL", "Boolean", description="Single sign-on only over HTTPS."),
                 Param("domainName", description="DNS domains of the LTPA cookie, separated by semicolons."),
                 Param("interoperable", "Boolean",
                       description="Also send the LtpaToken (version 1) cookie, for Domino 7 and older."),
                 Param("attributePropagation", "Boolean", description="Enable inbound web attribute propagation.")],
         description="Configure single sign-on.")
def configure_single_signon(ctx, target, params):
    ac = _ac(ctx)
    sec = _cell_security(ac)
    ltpa = _ltpa(ac, sec)
    pairs = []
    if params.get("enable") is not None:
        pairs.append(("enabled", _bool(params["enable"])))
    if params.get("requiresSSL") is not None:
        pairs.append(("requiresSSL", _bool(params["requiresSSL"])))
    if params.get("domainName") is not None:
        pairs.append(("domainName", params["domainName"]))
    if pairs:
        sso = _sso(ac, ltpa, create=True)
        _modify_changed(ac, sso, pairs)
    props = None
    if params.get("interoperable") is not None:
        props = _properties(ac, sec)
        _set_property(ac, sec, PROP_INTEROP, _bool(params["interoperable"]), props)
    if params.get("attributePropagation") is not None:
        props = _properties(ac, sec) if props is None else props
        _set_property(ac, sec, PROP_PROPAGATION, _bool(params["attributePropagation"]), props)
    return VOID_RESULT


@command("getSingleSignon", GROUP_SECURITY, description="Show the single sign-on settings.")
def get_single_signon(ctx, target, params):
    ac = _ac(ctx)
    sec = _cell_security(ac)
    sso = _sso(ac, _ltpa(ac, sec))
    pairs = []
    for k in GET_SSO_KEYS:
        if sso:
            v = ac.showAttribute(sso, k)
        else:
            v = None
        if v is None:
            v = {"requiresSSL": "false", "enabled": "false" if not sso else "true"}.get(k, "")
        pairs.append((k, v))
    for name, default in GET_SSO_PROPERTIES:
        pairs.append((name, _get_property(ac, sec, name, default)))
    return formats.attr_record(pairs)


# --------------------------------------------------------------------------------------------------
# LTPA timeout
# --------------------------------------------------------------------------------------------------
def _timeout_value(raw):
    s = str(raw).strip()
    if not re.match(r"^\d+$", s) or int(s) < LTPA_TIMEOUT_MIN:
        raise CommandValidationException(M.SEC_BAD_TIMEOUT % (raw, LTPA_TIMEOUT_MIN))
    return str(int(s))


@command("setLTPATimeout", GROUP_LTPA,
         params=[Param("timeout", required=True, description="LTPA timeout in minutes."),
                 Param("securityDomainName", description="Security domain (global security when absent).")],
         description="Set the LTPA timeout (minutes).")
def set_ltpa_timeout(ctx, target, params):
    _check_domain(params)
    value = _timeout_value(params["timeout"])
    ac = _ac(ctx)
    ltpa = _ltpa(ac, _cell_security(ac))
    _modify_changed(ac, ltpa, [("timeout", value)])
    return VOID_RESULT


@command("getLTPATimeout", GROUP_LTPA,
         params=[Param("securityDomainName", description="Security domain (global security when absent).")],
         description="Show the LTPA timeout (minutes).")
def get_ltpa_timeout(ctx, target, params):
    _check_domain(params)
    ac = _ac(ctx)
    ltpa = _ltpa(ac, _cell_security(ac))
    return _attr(ac, ltpa, "timeout", "120")


# --------------------------------------------------------------------------------------------------
# Global / application security flags
# --------------------------------------------------------------------------------------------------
@command("isGlobalSecurityEnabled", GROUP_SECURITY, description="Is administrative (global) security enabled?")
def is_global_security_enabled(ctx, target, params):
    ac = _ac(ctx)
    return _attr(ac, _cell_security(ac), "enabled", "false")


@command("isAppSecurityEnabled", GROUP_SECURITY, description="Is application security enabled?")
def is_app_security_enabled(ctx, target, params):
    ac = _ac(ctx)
    return _attr(ac, _cell_security(ac), "appEnabled", "false")


# setAdminActiveSecuritySettings parameter -> Security attribute (scalar ones) [L].
ACTIVE_SETTINGS_ATTRS = (
    ("enableGlobalSecurity", "enabled"),
    ("appSecurityEnabled", "appEnabled"),
    ("cacheTimeout", "cacheTimeout"),
    ("issuePermissionWarning", "issuePermissionWarning"),
    ("enforceJava2Security", "enforceJava2Security"),
    ("enforceFineGrainedJCASecurity", "enforceFineGrainedJCASecurity"),
    ("dynUpdateSSLConfig", "dynamicallyUpdateSSLConfig"),
    ("useDomainQualifiedUserNames", "useDomainQualifiedUserNames"),
)
# [U] accepted values of the reference parameters: the type name of the mechanism / registry
# (WAS also accepts LTPA|KRB5 for activeAuthMechanism, and the registry type names).
ACTIVE_AUTH_MECHANISMS = ("LTPA", "KRB5")
ADMIN_PREFERRED_AUTH_MECHS = ("RSAToken", "KRB5", "LTPA")
ACTIVE_USER_REGISTRIES = ("LDAPUserRegistry", "WIMUserRegistry", "CustomUserRegistry", "LocalOSUserRegistry")


def _by_type(ac, sec, feature, typename, choices, param):
    if typename not in choices:
        raise CommandValidationException(M.SEC_BAD_CHOICE % (typename, param, ", ".join(choices)))
    for oid in _id_list(ac.showAttribute(sec, feature)):
        if ac.getObjectType(oid) == typename:
            return oid
    raise CommandValidationException(M.SEC_BAD_CHOICE % (typename, param, ", ".join(choices)))


def _custom_props(text):
    out = []
    for part in [p.strip() for p in str(text).split(",") if p.strip()]:
        if "=" not in part or not part.split("=", 1)[0].strip():
            raise CommandValidationException(M.SEC_BAD_CUSTOM_PROPS % text)
        k, v = part.split("=", 1)
        out.append((k.strip(), v.strip()))
    return out


@command("setAdminActiveSecuritySettings", GROUP_SECURITY,
         params=[Param("enableGlobalSecurity", "Boolean"), Param("cacheTimeout", "Integer"),
                 Param("issuePermissionWarning", "Boolean"), Param("enforceJava2Security", "Boolean"),
                 Param("enforceFineGrainedJCASecurity", "Boolean"), Param("appSecurityEnabled", "Boolean"),
                 Param("dynUpdateSSLConfig", "Boolean"), Param("activeAuthMechanism"),
                 Param("adminPreferredAuthMech"), Param("activeUserRegistry"),
                 Param("useDomainQualifiedUserNames", "Boolean"),
                 Param("customProperties", description='Security custom properties "name=value,name2=value2".')],
         description="Set the active settings of administrative (global) security.")
def set_admin_active_security_settings(ctx, target, params):
    ac = _ac(ctx)
    sec = _cell_security(ac)
    pairs = []
    for pname, attr in ACTIVE_SETTINGS_ATTRS:
        v = params.get(pname)
        if v is None:
            continue
        pairs.append((attr, _bool(v) if isinstance(v, bool) else str(v)))
    if params.get("activeAuthMechanism"):
        pairs.append(("activeAuthMechanism", _by_type(ac, sec, "authMechanisms", params["activeAuthMechanism"],
                                                      ACTIVE_AUTH_MECHANISMS, "activeAuthMechanism")))
    if params.get("adminPreferredAuthMech"):
        pairs.append(("adminPreferredAuthMech", _by_type(ac, sec, "authMechanisms", params["adminPreferredAuthMech"],
                                                         ADMIN_PREFERRED_AUTH_MECHS, "adminPreferredAuthMech")))
    if params.get("activeUserRegistry"):
        pairs.append(("activeUserRegistry", _by_type(ac, sec, "userRegistries", params["activeUserRegistry"],
                                                     ACTIVE_USER_REGISTRIES, "activeUserRegistry")))
    custom = _custom_props(params["customProperties"]) if params.get("customProperties") else []
    _modify_changed(ac, sec, pairs)
    if custom:
        props = _properties(ac, sec)
        for k, v in custom:
            _set_property(ac, sec, k, v, props)
    return VOID_RESULT


# --------------------------------------------------------------------------------------------------
# File registry (the federated repository's InternalFileRepository, cells/<cell>/fileRegistry.xml)
# --------------------------------------------------------------------------------------------------
# The hash format is harness.fileregistry's (shared with the fixture generator).
FILE_REGISTRY_SALT_LENGTH = fileregistry.SALT_LENGTH
FILE_REGISTRY_SALT_ALPHABET = fileregistry.SALT_ALPHABET
GROUP_FILE_REGISTRY = "WIMManagementCommands"   # [U] the command's group

_ENTITY_RE = re.compile(r"<wim:entities\b[^>]*>.*?</wim:entities>", re.S)
_PASSWORD_RE = re.compile(r"(<wim:password>)([^<]*)(</wim:password>)")
file_registry_hash = fileregistry.password_hash
file_registry_check = fileregistry.password_check


def _cell_name(ac):
    cells = _lines(ac.list("Cell"))
    if not cells:
        raise ScriptingException(M.SEC_NO_SECURITY)
    m = re.search(r"\(cells/([^/|]+)\|", cells[0])
    return m.group(1) if m else cells[0].split("(")[0]


@command("changeFileRegistryAccountPassword", GROUP_FILE_REGISTRY,
         params=[Param("userId", required=True, description="The user ID (uid) in the file registry."),
                 Param("password", required=True, description="The new password."),
                 Param("uniqueName", description="The user's unique name (instead of the uid)."),
                 Param("securityDomainName", description="Security domain (global security when absent).")],
         description="Change the password of a user in the file registry (fileRegistry.xml).")
def change_file_registry_account_password(ctx, target, params):
    import os
    import random
    import tempfile

    _check_domain(params)
    password = params["password"]
    if not password:
        raise CommandValidationException(M.WIM_EMPTY_PASSWORD)
    ac = _ac(ctx)
    uri = "cells/%s/fileRegistry.xml" % _cell_name(ac)
    if not ac.existsDocument(uri):
        raise ScriptingException(M.WIM_NO_FILE_REGISTRY % uri)
    fd, path = tempfile.mkstemp(prefix="stwas-fileregistry-", suffix=".xml")
    os.close(fd)
    try:
        digest = ac.extract(uri, path)
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
        user, unique = params["userId"], params.get("uniqueName")
        found = None
        for m in _ENTITY_RE.finditer(text):
            block = m.group(0)
            if ("<wim:uid>%s</wim:uid>" % user) in block or (unique and ('uniqueName="%s"' % unique) in block):
                found = m
                break
        if found is None:
            raise ScriptingException(M.WIM_NO_USER % user)
        block = found.group(0)
        pm = _PASSWORD_RE.search(block)
        if pm and file_registry_check(pm.group(2).strip(), password):
            return VOID_RESULT
        rng = random.SystemRandom()
        salt = "".join(rng.choice(FILE_REGISTRY_SALT_ALPHABET) for _ in range(FILE_REGISTRY_SALT_LENGTH))
        hashed = file_registry_hash(password, salt)
        if pm:
            new_block = block[:pm.start(2)] + hashed + block[pm.end(2):]
        else:
            close = block.rindex("</wim:entities>")
            new_block = block[:close] + "  <wim:password>%s</wim:password>\n    " % hashed + block[close:]
        new_text = text[:found.start()] + new_block + text[found.end():]
        with open(path, "wb") as f:
            f.write(new_text.encode("utf-8"))
        ac.checkin(uri, path, digest)
    finally:
        try:
            os.remove(path)
        except OSError:
            pass
    return VOID_RESULT
