"""Global security AdminTask commands over the cell's ``security.xml`` (wsadmin-semantics.md §5.3
"Global security", sametime-operations.md §4 and §12).

Every command reads through harness.scripting.admintask.cellfacts and writes through AdminConfig's editor, so the attribute
semantics (defaults, dirty tracking, byte-preserving writes) stay in one place.  What they touch::

    <security:Security enabled= appEnabled= ... activeAuthMechanism="LTPA_1" activeUserRegistry=...>
      <authMechanisms xmi:type="security:LTPA" xmi:id="LTPA_1" timeout="120" ...>
        <singleSignon requiresSSL="false" domainName=".example.com" enabled="true"/>
      ...
      <properties name="com.ibm.ws.security.webInboundPropagationEnabled" value="true" required="false"/>
      <properties name="com.ibm.ws.security.ssoInteropModeEnabled" value="false" required="false"/>

Commands: configureSingleSignon, getSingleSignon, setLTPATimeout, getLTPATimeout,
isGlobalSecurityEnabled, isAppSecurityEnabled, setAdminActiveSecuritySettings.
"""

import random
import re

from harness.base import messages as M
from harness.base.errors import CommandValidationException, ScriptingException
from harness.scripting.admintask import cellfacts, formats
from harness.scripting.admintask.args import Param
from harness.scripting.admintask.framework import command, command_group
from harness.was import fileregistry

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
# Helpers over harness.scripting.admintask.cellfacts
# --------------------------------------------------------------------------------------------------
def _facts(ctx):
    try:
        return cellfacts.of(ctx)
    except CommandValidationException:
        raise ScriptingException(M.SEC_NO_SECURITY) from None


def _cell_security(facts):
    """The Security object of the cell's security.xml (security domains are other documents)."""
    sec = facts.security()
    if sec is None:
        raise ScriptingException(M.SEC_NO_SECURITY)
    return sec


def _check_domain(params):
    dom = params.get("securityDomainName")
    if dom:
        raise ScriptingException(M.SEC_DOMAIN_UNSUPPORTED % dom)


def _ltpa(facts, sec):
    """The LTPA mechanism of the global configuration: the active one if it is LTPA, else the first."""
    active = facts.ref(sec, "activeAuthMechanism")
    if active is not None and active.type == "LTPA":
        return active
    found = facts.objects("LTPA", sec)
    if not found:
        raise ScriptingException(M.SEC_NO_LTPA)
    return found[0]


def _sso(facts, ltpa, create=False):
    sso = facts.child(ltpa, "singleSignon")
    if sso is not None or not create:
        return sso
    return facts.create("SingleSignon", ltpa, [], "singleSignon")


def _attr(facts, obj, name, default):
    return facts.value(obj, name, default)


def _properties(facts, sec):
    """{name: Property} of the Security object's own custom properties (first one wins on duplicates)."""
    out = {}
    for p in facts.children(sec, "properties"):
        name = facts.value(p, "name")
        if name is not None and name not in out:
            out[name] = p
    return out


def _set_property(facts, sec, name, value, props=None):
    """Set a Security custom property, creating it when absent (never a duplicate)."""
    props = _properties(facts, sec) if props is None else props
    p = props.get(name)
    if p is not None:
        if facts.value(p, "value") != value:
            facts.modify(p, [("value", value)])
        return p
    p = facts.create("Property", sec, [("name", name), ("value", value), ("required", NEW_PROPERTY_REQUIRED)], "properties")
    props[name] = p
    return p


def _get_property(facts, sec, name, default):
    p = _properties(facts, sec).get(name)
    if p is None:
        return default
    return facts.value(p, "value", default)


def _modify_changed(facts, obj, pairs):
    """modify() only the attributes whose value differs (keeps a no-op a no-op)."""
    todo = [(k, v) for k, v in pairs if _shown(facts, obj, k) != v]
    if todo:
        facts.modify(obj, todo)
    return todo


def _shown(facts, obj, name):
    """An attribute's value to compare with a new one: a reference's object, else the value (None: unset)."""
    if facts.feature(obj, name).kind == "ref":
        return facts.ref(obj, name)
    return facts.value(obj, name)


def _bool(b):
    return formats.java_bool(bool(b))


# --------------------------------------------------------------------------------------------------
# Single sign-on
# --------------------------------------------------------------------------------------------------
@command(
    "configureSingleSignon",
    GROUP_SECURITY,
    params=[
        Param("enable", "Boolean", description="Enable single sign-on."),
        Param("requiresSSL", "Boolean", description="Single sign-on only over HTTPS."),
        Param("domainName", description="DNS domains of the LTPA cookie, separated by semicolons."),
        Param("interoperable", "Boolean", description="Also send the LtpaToken (version 1) cookie, for Domino 7 and older."),
        Param("attributePropagation", "Boolean", description="Enable inbound web attribute propagation."),
    ],
    description="Configure single sign-on.",
)
def configure_single_signon(ctx, target, params):
    facts = _facts(ctx)
    sec = _cell_security(facts)
    ltpa = _ltpa(facts, sec)
    pairs = []
    if params.get("enable") is not None:
        pairs.append(("enabled", _bool(params["enable"])))
    if params.get("requiresSSL") is not None:
        pairs.append(("requiresSSL", _bool(params["requiresSSL"])))
    if params.get("domainName") is not None:
        pairs.append(("domainName", params["domainName"]))
    if pairs:
        sso = _sso(facts, ltpa, create=True)
        _modify_changed(facts, sso, pairs)
    props = None
    if params.get("interoperable") is not None:
        props = _properties(facts, sec)
        _set_property(facts, sec, PROP_INTEROP, _bool(params["interoperable"]), props)
    if params.get("attributePropagation") is not None:
        props = _properties(facts, sec) if props is None else props
        _set_property(facts, sec, PROP_PROPAGATION, _bool(params["attributePropagation"]), props)
    return VOID_RESULT


@command("getSingleSignon", GROUP_SECURITY, description="Show the single sign-on settings.")
def get_single_signon(ctx, target, params):
    facts = _facts(ctx)
    sec = _cell_security(facts)
    sso = _sso(facts, _ltpa(facts, sec))
    pairs = []
    for k in GET_SSO_KEYS:
        if sso:
            v = facts.value(sso, k)
        else:
            v = None
        if v is None:
            v = {"requiresSSL": "false", "enabled": "false" if not sso else "true"}.get(k, "")
        pairs.append((k, v))
    for name, default in GET_SSO_PROPERTIES:
        pairs.append((name, _get_property(facts, sec, name, default)))
    return formats.attr_record(pairs)


# --------------------------------------------------------------------------------------------------
# LTPA timeout
# --------------------------------------------------------------------------------------------------
def _timeout_value(raw):
    s = str(raw).strip()
    if not re.match(r"^\d+$", s) or int(s) < LTPA_TIMEOUT_MIN:
        raise CommandValidationException(M.SEC_BAD_TIMEOUT % (raw, LTPA_TIMEOUT_MIN))
    return str(int(s))


@command(
    "setLTPATimeout",
    GROUP_LTPA,
    params=[
        Param("timeout", required=True, description="LTPA timeout in minutes."),
        Param("securityDomainName", description="Security domain (global security when absent)."),
    ],
    description="Set the LTPA timeout (minutes).",
)
def set_ltpa_timeout(ctx, target, params):
    _check_domain(params)
    value = _timeout_value(params["timeout"])
    facts = _facts(ctx)
    ltpa = _ltpa(facts, _cell_security(facts))
    _modify_changed(facts, ltpa, [("timeout", value)])
    return VOID_RESULT


@command(
    "getLTPATimeout",
    GROUP_LTPA,
    params=[Param("securityDomainName", description="Security domain (global security when absent).")],
    description="Show the LTPA timeout (minutes).",
)
def get_ltpa_timeout(ctx, target, params):
    _check_domain(params)
    facts = _facts(ctx)
    ltpa = _ltpa(facts, _cell_security(facts))
    return _attr(facts, ltpa, "timeout", "120")


# --------------------------------------------------------------------------------------------------
# Global / application security flags
# --------------------------------------------------------------------------------------------------
@command("isGlobalSecurityEnabled", GROUP_SECURITY, description="Is administrative (global) security enabled?")
def is_global_security_enabled(ctx, target, params):
    facts = _facts(ctx)
    return _attr(facts, _cell_security(facts), "enabled", "false")


@command("isAppSecurityEnabled", GROUP_SECURITY, description="Is application security enabled?")
def is_app_security_enabled(ctx, target, params):
    facts = _facts(ctx)
    return _attr(facts, _cell_security(facts), "appEnabled", "false")


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


def _by_type(facts, sec, feature, typename, choices, param):
    if typename not in choices:
        raise CommandValidationException(M.SEC_BAD_CHOICE % (typename, param, ", ".join(choices)))
    for obj in facts.children(sec, feature):
        if obj.type == typename:
            return obj
    raise CommandValidationException(M.SEC_BAD_CHOICE % (typename, param, ", ".join(choices)))


def _custom_props(text):
    out = []
    for part in [p.strip() for p in str(text).split(",") if p.strip()]:
        if "=" not in part or not part.split("=", 1)[0].strip():
            raise CommandValidationException(M.SEC_BAD_CUSTOM_PROPS % text)
        k, v = part.split("=", 1)
        out.append((k.strip(), v.strip()))
    return out


@command(
    "setAdminActiveSecuritySettings",
    GROUP_SECURITY,
    params=[
        Param("enableGlobalSecurity", "Boolean"),
        Param("cacheTimeout", "Integer"),
        Param("issuePermissionWarning", "Boolean"),
        Param("enforceJava2Security", "Boolean"),
        Param("enforceFineGrainedJCASecurity", "Boolean"),
        Param("appSecurityEnabled", "Boolean"),
        Param("dynUpdateSSLConfig", "Boolean"),
        Param("activeAuthMechanism"),
        Param("adminPreferredAuthMech"),
        Param("activeUserRegistry"),
        Param("useDomainQualifiedUserNames", "Boolean"),
        Param("customProperties", description='Security custom properties "name=value,name2=value2".'),
    ],
    description="Set the active settings of administrative (global) security.",
)
def set_admin_active_security_settings(ctx, target, params):
    facts = _facts(ctx)
    sec = _cell_security(facts)
    pairs = []
    for pname, attr in ACTIVE_SETTINGS_ATTRS:
        v = params.get(pname)
        if v is None:
            continue
        pairs.append((attr, _bool(v) if isinstance(v, bool) else str(v)))
    if params.get("activeAuthMechanism"):
        pairs.append(
            (
                "activeAuthMechanism",
                _by_type(
                    facts, sec, "authMechanisms", params["activeAuthMechanism"], ACTIVE_AUTH_MECHANISMS, "activeAuthMechanism"
                ),
            )
        )
    if params.get("adminPreferredAuthMech"):
        pairs.append(
            (
                "adminPreferredAuthMech",
                _by_type(
                    facts,
                    sec,
                    "authMechanisms",
                    params["adminPreferredAuthMech"],
                    ADMIN_PREFERRED_AUTH_MECHS,
                    "adminPreferredAuthMech",
                ),
            )
        )
    if params.get("activeUserRegistry"):
        pairs.append(
            (
                "activeUserRegistry",
                _by_type(
                    facts, sec, "userRegistries", params["activeUserRegistry"], ACTIVE_USER_REGISTRIES, "activeUserRegistry"
                ),
            )
        )
    custom = _custom_props(params["customProperties"]) if params.get("customProperties") else []
    _modify_changed(facts, sec, pairs)
    if custom:
        props = _properties(facts, sec)
        for k, v in custom:
            _set_property(facts, sec, k, v, props)
    return VOID_RESULT


# --------------------------------------------------------------------------------------------------
# File registry (the federated repository's InternalFileRepository, cells/<cell>/fileRegistry.xml)
# --------------------------------------------------------------------------------------------------
# The hash format is harness.was.fileregistry's (shared with the fixture generator).
FILE_REGISTRY_SALT_LENGTH = fileregistry.SALT_LENGTH
FILE_REGISTRY_SALT_ALPHABET = fileregistry.SALT_ALPHABET
GROUP_FILE_REGISTRY = "WIMManagementCommands"  # [U] the command's group

_ENTITY_RE = re.compile(r"<wim:entities\b[^>]*>.*?</wim:entities>", re.S)
_PASSWORD_RE = re.compile(r"(<wim:password>)([^<]*)(</wim:password>)")
file_registry_hash = fileregistry.password_hash
file_registry_check = fileregistry.password_check


@command(
    "changeFileRegistryAccountPassword",
    GROUP_FILE_REGISTRY,
    params=[
        Param("userId", required=True, description="The user ID (uid) in the file registry."),
        Param("password", required=True, description="The new password."),
        Param("uniqueName", description="The user's unique name (instead of the uid)."),
        Param("securityDomainName", description="Security domain (global security when absent)."),
    ],
    description="Change the password of a user in the file registry (fileRegistry.xml).",
)
def change_file_registry_account_password(ctx, target, params):
    _check_domain(params)
    password = params["password"]
    if not password:
        raise CommandValidationException(M.WIM_EMPTY_PASSWORD)
    facts = _facts(ctx)
    cell = facts.cell()
    if cell is None:
        raise ScriptingException(M.SEC_NO_SECURITY)
    uri = "%s/fileRegistry.xml" % cell.doc.docdir
    data = facts.document_bytes(uri)
    if data is None:
        raise ScriptingException(M.WIM_NO_FILE_REGISTRY % uri)
    text = data.decode("utf-8")
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
        new_block = block[: pm.start(2)] + hashed + block[pm.end(2) :]
    else:
        close = block.rindex("</wim:entities>")
        new_block = block[:close] + "  <wim:password>%s</wim:password>\n    " % hashed + block[close:]
    new_text = text[: found.start()] + new_block + text[found.end() :]
    facts.repo.replace_document(uri, new_text.encode("utf-8"))  # what AdminConfig.checkin does
    return VOID_RESULT
