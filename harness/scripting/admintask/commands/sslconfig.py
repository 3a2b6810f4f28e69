"""SSL configuration AdminTask commands (wsadmin-semantics.md §5.3 "SSL", sametime-operations.md §6.1):
SSLConfigCommands, SSLConfigGroupCommands and the management scopes they need, over the cell's security.xml
(``repertoire`` SSLConfig + ``setting`` SecureSocketLayer, ``sslConfigGroups``, ``managementScopes``), read
through harness.scripting.admintask.cellfacts and written through AdminConfig's editor.

Scopes: ``(cell):C``, ``(cell):C:(node):N``, ``(cell):C:(node):N:(server):S``,
``(cell):C:(node):N:(server):S:(endpoint):WC_defaulthost_secure``; a missing ManagementScope object is created
when a configuration is created at that scope (as the console's "Manage endpoint security configurations" does).

Commands: listSSLConfigs, getSSLConfig, createSSLConfig, modifySSLConfig, deleteSSLConfig, listSSLConfigGroups,
getSSLConfigGroup, createSSLConfigGroup, modifySSLConfigGroup, deleteSSLConfigGroup, listManagementScopes,
createManagementScope.
"""

import re

from harness.base import messages as M
from harness.base.errors import CommandValidationException
from harness.config.repository.repository import Obj
from harness.scripting.admintask import cellfacts, formats
from harness.scripting.admintask.args import Param
from harness.scripting.admintask.commands.certificates import StoreHandle, cell_security, key_stores, management_scopes, scope_of
from harness.scripting.admintask.framework import command, command_group

GROUP_SSL = "SSLConfigCommands"
GROUP_GROUP = "SSLConfigGroupCommands"
GROUP_SCOPE = "ManagementScopeCommands"

# --------------------------------------------------------------------------------------------------
# [U] choices of this module, named.
# --------------------------------------------------------------------------------------------------
# [V] listSSLConfigs line shape.
LIST_SSL_CONFIG_LINE = "alias: %s managementScope: %s"
# [U] listSSLConfigGroups line shape (no evidence): like listSSLConfigs.
LIST_GROUP_LINE = "name: %s direction: %s managementScope: %s"
# [U] createSSLConfig defaults (what WAS 8.5.5 writes for a new JSSE configuration).
SSL_DEFAULTS = (
    ("sslProtocol", "SSL_TLSv2"),
    ("securityLevel", "HIGH"),
    ("clientAuthentication", "false"),
    ("clientAuthenticationSupported", "false"),
    ("jsseProvider", "IBMJSSE2"),
    ("enabledCiphers", ""),
)
# [U] without -keyManagerName the IbmX509 key manager, without -trustManagerObjectNames the IbmPKIX trust
# manager, each at the cell scope.
DEFAULT_KEY_MANAGER = "IbmX509"
DEFAULT_TRUST_MANAGER = "IbmPKIX"
# [U] getSSLConfig / getSSLConfigGroup: one attribute-list record, references shown by name.
SSL_RECORD_KEYS = (
    "alias",
    "managementScope",
    "type",
    "sslProtocol",
    "securityLevel",
    "clientAuthentication",
    "clientAuthenticationSupported",
    "enabledCiphers",
    "jsseProvider",
    "keyStore",
    "keyStoreScope",
    "trustStore",
    "trustStoreScope",
    "keyManager",
    "trustManager",
    "serverKeyAlias",
    "clientKeyAlias",
)
# [U] a certificate alias (serverKeyAlias, clientKeyAlias, a group's certificateAlias) must exist as a personal
# certificate in the SSL configuration's key store; the console only offers those.
CHECK_CERTIFICATE_ALIAS = True
DIRECTIONS = ("inbound", "outbound")
SCOPE_TYPES = ("cell", "node", "server", "endpoint", "cluster", "nodeGroup")
VOID = ""


command_group(GROUP_SSL, "Commands that manage SSL configurations.")
command_group(GROUP_GROUP, "Commands that manage SSL configuration groups (inbound/outbound per scope).")
command_group(GROUP_SCOPE, "Commands that manage management scopes.")

_SCOPE_PART = re.compile(r"\((cell|node|server|endpoint|cluster|nodeGroup)\):([^:()]+)")


# --------------------------------------------------------------------------------------------------
# Scopes
# --------------------------------------------------------------------------------------------------
def cell_scope(facts):
    return facts.cell_scope()


def parse_scope(facts, scope):
    """[(type, name)] of a scope string; validates the cell, node, server and cluster names."""
    pos, parts = 0, []
    while pos < len(scope):
        m = _SCOPE_PART.match(scope, pos)
        if not m:
            raise CommandValidationException(M.SSL_BAD_SCOPE % (scope, "expected (type):name[:(type):name...]"))
        parts.append((m.group(1), m.group(2)))
        pos = m.end()
        if pos < len(scope):
            if scope[pos] != ":":
                raise CommandValidationException(M.SSL_BAD_SCOPE % (scope, "expected ':' at %d" % pos))
            pos += 1
    if not parts or parts[0][0] != "cell":
        raise CommandValidationException(M.SSL_BAD_SCOPE % (scope, "it must start with (cell):"))
    if "(cell):%s" % parts[0][1] != cell_scope(facts):
        raise CommandValidationException(M.SSL_BAD_SCOPE % (scope, "the cell is %s" % cell_scope(facts)[7:]))
    types = [t for t, _ in parts]
    allowed = (
        ["cell"],
        ["cell", "node"],
        ["cell", "node", "server"],
        ["cell", "node", "server", "endpoint"],
        ["cell", "cluster"],
        ["cell", "cluster", "endpoint"],
        ["cell", "nodeGroup"],
    )
    if types not in allowed:
        raise CommandValidationException(M.SSL_BAD_SCOPE % (scope, "unsupported nesting %s" % ":".join(types)))
    names = dict(parts)
    if "node" in names and facts.node(names["node"]) is None:
        raise CommandValidationException(M.SSL_BAD_SCOPE % (scope, "node %s does not exist" % names["node"]))
    if "server" in names and facts.server(names["node"], names["server"]) is None:
        raise CommandValidationException(
            M.SSL_BAD_SCOPE % (scope, "server %s does not exist on node %s" % (names["server"], names["node"]))
        )
    if "cluster" in names and not [c for c in facts.objects("ServerCluster") if facts.text(c, "name") == names["cluster"]]:
        raise CommandValidationException(M.SSL_BAD_SCOPE % (scope, "cluster %s does not exist" % names["cluster"]))
    return parts


def find_scope(facts, sec, scope):
    for name, ms in management_scopes(facts, sec):
        if name == scope:
            return ms
    return None


def ensure_scope(facts, sec, scope):
    ms = find_scope(facts, sec, scope)
    if ms is not None:
        return ms
    parts = parse_scope(facts, scope)
    return facts.create("ManagementScope", sec, [("scopeName", scope), ("scopeType", parts[-1][0])])


# --------------------------------------------------------------------------------------------------
# Lookups
# --------------------------------------------------------------------------------------------------
def ssl_configs(facts, sec):
    """[(alias, scopeName, SSLConfig)]"""
    return [(facts.text(s, "alias"), scope_of(facts, s), s) for s in facts.children(sec, "repertoire")]


def find_ssl_config(facts, sec, alias, scope):
    for a, sc, ssl in ssl_configs(facts, sec):
        if a == alias and sc == scope:
            return ssl
    return None


def groups(facts, sec):
    """[(name, direction, scopeName, SSLConfigGroup)]"""
    return [
        (facts.text(g, "name"), facts.text(g, "direction"), scope_of(facts, g), g) for g in facts.children(sec, "sslConfigGroups")
    ]


def find_group(facts, sec, name, direction, scope):
    for n, d, sc, g in groups(facts, sec):
        if n == name and d == direction and sc == scope:
            return g
    return None


def _manager(facts, sec, feature, name, scope, what):
    for m in facts.children(sec, feature):
        if facts.text(m, "name") == name and scope_of(facts, m) == scope:
            return m
    raise CommandValidationException(M.SSL_MANAGER_NOT_FOUND % (what, name, scope))


def _key_store(facts, name, scope):
    for n, sc, ks in key_stores(facts):
        if n == name and sc == scope:
            return ks
    raise CommandValidationException(M.KEYSTORE_NOT_FOUND % (name, scope))


def _check_direction(d):
    if d not in DIRECTIONS:
        raise CommandValidationException(M.SSL_BAD_DIRECTION % d)


def _check_alias(ctx, facts, ssl, alias):
    """A certificate alias must be a personal certificate of the SSL configuration's key store."""
    if not CHECK_CERTIFICATE_ALIAS or not alias or ssl is None:
        return
    setting = facts.child(ssl, "setting")
    _check_alias_in(ctx, facts, facts.ref(setting, "keyStore") if setting is not None else None, alias, facts.text(ssl, "alias"))


def _check_alias_in(ctx, facts, ks, alias, ssl_alias):
    if not CHECK_CERTIFICATE_ALIAS or not alias or ks is None:
        return
    name, scope = facts.text(ks, "name"), scope_of(facts, ks)
    h = StoreHandle(ctx, name, scope)
    e = h.store.get(alias)
    if e is None or not e.personal:
        raise CommandValidationException(M.SSL_ALIAS_MISSING % (alias, name, scope, ssl_alias))


def _validate_ssl_aliases(ctx, facts, ssl, params):
    """Before any change: the key aliases against the key store the configuration will use."""
    cell = cell_scope(facts)
    ks = None
    if params.get("keyStoreName"):
        ks = _key_store(facts, params["keyStoreName"], params.get("keyStoreScopeName") or cell)
    elif ssl is not None:
        setting = facts.child(ssl, "setting")
        ks = facts.ref(setting, "keyStore") if setting is not None else None
    for name in ("serverKeyAlias", "clientKeyAlias"):
        _check_alias_in(ctx, facts, ks, params.get(name), params["alias"])


def _bool_text(v):
    return "true" if v else "false"


def _differs(facts, obj, name, value):
    """The attribute's value differs from value (an object for a reference, a list of objects or of the
    configuration IDs a user gave for a reference list, a string otherwise)."""
    kind = facts.feature(obj, name).kind
    if kind == "ref":
        return facts.ref(obj, name) != value
    if kind == "reflist":
        current = facts.refs(obj, name)
        if not all(isinstance(v, Obj) for v in value):
            current = [facts.id(t) for t in current]
        return current != value
    return facts.text(obj, name) != value


# --------------------------------------------------------------------------------------------------
# SSLConfigCommands
# --------------------------------------------------------------------------------------------------
_SSL_PARAMS = [
    Param("alias", required=True, description="The alias of the SSL configuration."),
    Param("scopeName", description="The management scope (default: the cell)."),
    Param("clientKeyAlias", description="The certificate alias used as client (outbound)."),
    Param("serverKeyAlias", description="The certificate alias used as server (inbound)."),
    Param("clientAuthentication", "Boolean", description="Require client certificates."),
    Param("securityLevel", description="HIGH, MEDIUM, LOW or CUSTOM."),
    Param("enabledCiphers", description="The cipher suites for CUSTOM."),
    Param("jsseProvider", description="e.g. IBMJSSE2."),
    Param("clientAuthenticationSupported", "Boolean", description="Support client certificates."),
    Param("sslProtocol", description="e.g. SSL_TLSv2, TLSv1.2."),
    Param("trustManagerObjectNames", description="Trust manager IDs (';' separated)."),
    Param("trustStoreName", description="The trust store."),
    Param("trustStoreScopeName", description="The trust store's scope (default: the cell)."),
    Param("keyStoreName", description="The key store."),
    Param("keyStoreScopeName", description="The key store's scope (default: the cell)."),
    Param("keyManagerName", description="The key manager."),
    Param("keyManagerScopeName", description="The key manager's scope (default: the cell)."),
    Param("ssslKeyRingName", description="z/OS only (ignored)."),
    Param("v3timeout", "Integer", description="z/OS only (ignored)."),
]


def _apply_ssl(ctx, facts, sec, setting, params, creating):
    cell = cell_scope(facts)
    mods = []
    level = params.get("securityLevel")
    if level and level not in ("HIGH", "MEDIUM", "LOW", "CUSTOM"):
        raise CommandValidationException(M.SSL_BAD_VALUE % (level, "securityLevel", "HIGH, MEDIUM, LOW, CUSTOM"))
    for name in ("sslProtocol", "securityLevel", "jsseProvider", "enabledCiphers", "serverKeyAlias", "clientKeyAlias"):
        if params.get(name) is not None:
            mods.append((name, params[name]))
    for name in ("clientAuthentication", "clientAuthenticationSupported"):
        if params.get(name) is not None:
            mods.append((name, _bool_text(params[name])))
    if params.get("keyStoreName"):
        mods.append(("keyStore", _key_store(facts, params["keyStoreName"], params.get("keyStoreScopeName") or cell)))
    if params.get("trustStoreName"):
        mods.append(("trustStore", _key_store(facts, params["trustStoreName"], params.get("trustStoreScopeName") or cell)))
    if params.get("keyManagerName") or creating:
        mods.append(
            (
                "keyManager",
                _manager(
                    facts,
                    sec,
                    "keyManagers",
                    params.get("keyManagerName") or DEFAULT_KEY_MANAGER,
                    params.get("keyManagerScopeName") or cell,
                    "key manager",
                ),
            )
        )
    if params.get("trustManagerObjectNames"):
        mods.append(("trustManager", [t for t in re.split(r"[;\s]+", params["trustManagerObjectNames"]) if t]))
    elif creating:
        mods.append(("trustManager", [_manager(facts, sec, "trustManagers", DEFAULT_TRUST_MANAGER, cell, "trust manager")]))
    current = {}
    for name, value in mods:
        if (creating and name != "trustManager") or _differs(facts, setting, name, value):
            current[name] = value
    if current:
        if "trustManager" in current and not creating:
            facts.modify(setting, [("trustManager", [])])
        facts.modify(setting, list(current.items()))


@command(
    "createSSLConfig",
    GROUP_SSL,
    params=_SSL_PARAMS + [Param("type", default="JSSE", description="JSSE or SSSL.")],
    description="Creates an SSL configuration at a management scope.",
)
def create_ssl_config(ctx, target, params):
    facts = cellfacts.of(ctx)
    sec = cell_security(facts)
    scope = params["scopeName"] or cell_scope(facts)
    if find_ssl_config(facts, sec, params["alias"], scope) is not None:
        raise CommandValidationException(M.SSL_EXISTS % (params["alias"], scope))
    if params["type"] not in ("JSSE", "SSSL"):
        raise CommandValidationException(M.SSL_BAD_VALUE % (params["type"], "type", "JSSE, SSSL"))
    if not params.get("keyStoreName"):
        params = dict(params, keyStoreName="CellDefaultKeyStore")  # [U] default key/trust stores: the cell's
    if not params.get("trustStoreName"):
        params = dict(params, trustStoreName="CellDefaultTrustStore")
    _validate_ssl_aliases(ctx, facts, None, params)
    if params.get("trustStoreName"):
        _key_store(facts, params["trustStoreName"], params.get("trustStoreScopeName") or cell_scope(facts))
    ms = ensure_scope(facts, sec, scope)
    ssl = facts.create("SSLConfig", sec, [("alias", params["alias"]), ("managementScope", ms), ("type", params["type"])])
    full = dict(params)
    for k, v in SSL_DEFAULTS:
        if full.get(k) is None:
            full[k] = v == "true" if k.startswith("clientAuth") else v
    setting = facts.create("SecureSocketLayer", ssl, [])
    _apply_ssl(ctx, facts, sec, setting, full, True)
    return VOID


def _existing_ssl_config(facts, sec, params):
    """(SSLConfig, scope) named by -alias and -scopeName (default: the cell); it must exist."""
    scope = params["scopeName"] or cell_scope(facts)
    ssl = find_ssl_config(facts, sec, params["alias"], scope)
    if ssl is None:
        raise CommandValidationException(M.SSL_NOT_FOUND % (params["alias"], scope))
    return ssl, scope


@command("modifySSLConfig", GROUP_SSL, params=_SSL_PARAMS, description="Modifies an SSL configuration.")
def modify_ssl_config(ctx, target, params):
    facts = cellfacts.of(ctx)
    sec = cell_security(facts)
    ssl, scope = _existing_ssl_config(facts, sec, params)
    _validate_ssl_aliases(ctx, facts, ssl, params)
    setting = facts.child(ssl, "setting") or facts.create("SecureSocketLayer", ssl, [])
    _apply_ssl(ctx, facts, sec, setting, params, False)
    return VOID


@command(
    "deleteSSLConfig",
    GROUP_SSL,
    params=[Param("alias", required=True), Param("scopeName")],
    description="Deletes an SSL configuration.",
)
def delete_ssl_config(ctx, target, params):
    facts = cellfacts.of(ctx)
    ssl, scope = _existing_ssl_config(facts, cell_security(facts), params)
    facts.remove(ssl)
    return VOID


@command(
    "listSSLConfigs",
    GROUP_SSL,
    params=[Param("scopeName"), Param("all", "Boolean", default=False), Param("displayObjectName", "Boolean", default=False)],
    description="Lists SSL configurations.",
)
def list_ssl_configs(ctx, target, params):
    facts = cellfacts.of(ctx)
    sec = cell_security(facts)
    scope = params["scopeName"] or cell_scope(facts)
    out = []
    for alias, sc, ssl in ssl_configs(facts, sec):
        if not params["all"] and sc != scope:
            continue
        out.append(facts.id(ssl) if params["displayObjectName"] else LIST_SSL_CONFIG_LINE % (alias, sc))
    return out


def _name_scope(facts, obj):
    if obj is None:
        return "", ""
    return facts.text(obj, "name"), scope_of(facts, obj)


@command(
    "getSSLConfig",
    GROUP_SSL,
    params=[Param("alias", required=True), Param("scopeName")],
    description="Shows an SSL configuration.",
)
def get_ssl_config(ctx, target, params):
    facts = cellfacts.of(ctx)
    ssl, scope = _existing_ssl_config(facts, cell_security(facts), params)
    s = facts.child(ssl, "setting")
    ks, kss = _name_scope(facts, facts.ref(s, "keyStore") if s is not None else None)
    ts, tss = _name_scope(facts, facts.ref(s, "trustStore") if s is not None else None)
    km, _ = _name_scope(facts, facts.ref(s, "keyManager") if s is not None else None)
    tms = [facts.text(t, "name") for t in facts.refs(s, "trustManager")] if s is not None else []
    values = {
        "alias": params["alias"],
        "managementScope": scope,
        "type": facts.text(ssl, "type"),
        "keyStore": ks,
        "keyStoreScope": kss,
        "trustStore": ts,
        "trustStoreScope": tss,
        "keyManager": km,
        "trustManager": ";".join(tms),
    }
    for k in (
        "sslProtocol",
        "securityLevel",
        "clientAuthentication",
        "clientAuthenticationSupported",
        "enabledCiphers",
        "jsseProvider",
        "serverKeyAlias",
        "clientKeyAlias",
    ):
        values[k] = facts.text(s, k) if s is not None else ""
    return formats.attr_record([(k, values[k]) for k in SSL_RECORD_KEYS])


# --------------------------------------------------------------------------------------------------
# SSLConfigGroupCommands
# --------------------------------------------------------------------------------------------------
_GROUP_PARAMS = [
    Param("name", required=True, description="The group name (the cell, node, server or endpoint name)."),
    Param("direction", required=True, description="inbound or outbound."),
    Param("certificateAlias", description="The certificate alias (personal certificate of the key store)."),
    Param("scopeName", required=True, description="The management scope of the group."),
    Param("sslConfigAliasName", description="The SSL configuration the group uses."),
    Param("sslConfigScopeName", description="The SSL configuration's scope (default: the cell)."),
]


def _group_values(facts, sec, params, creating):
    mods = []
    ssl = None
    if params.get("sslConfigAliasName"):
        sscope = params.get("sslConfigScopeName") or cell_scope(facts)
        ssl = find_ssl_config(facts, sec, params["sslConfigAliasName"], sscope)
        if ssl is None:
            raise CommandValidationException(M.SSL_NOT_FOUND % (params["sslConfigAliasName"], sscope))
        mods.append(("sslConfig", ssl))
    elif creating:
        raise CommandValidationException(M.TASK_REQUIRED_PARAM % ("sslConfigAliasName", "createSSLConfigGroup"))
    if params.get("certificateAlias") is not None:
        mods.append(("certificateAlias", params["certificateAlias"]))
    return ssl, mods


@command(
    "createSSLConfigGroup",
    GROUP_GROUP,
    params=_GROUP_PARAMS,
    description="Creates an inbound or outbound SSL configuration group at a management scope.",
)
def create_ssl_config_group(ctx, target, params):
    facts = cellfacts.of(ctx)
    sec = cell_security(facts)
    _check_direction(params["direction"])
    scope = params["scopeName"]
    parse_scope(facts, scope)
    if find_group(facts, sec, params["name"], params["direction"], scope) is not None:
        raise CommandValidationException(M.SSL_GROUP_EXISTS % (params["name"], params["direction"], scope))
    ssl, mods = _group_values(facts, sec, params, True)
    _check_alias(ctx, facts, ssl, params.get("certificateAlias"))
    ms = ensure_scope(facts, sec, scope)
    facts.create(
        "SSLConfigGroup", sec, [("name", params["name"]), ("direction", params["direction"])] + mods + [("managementScope", ms)]
    )
    return VOID


@command("modifySSLConfigGroup", GROUP_GROUP, params=_GROUP_PARAMS, description="Modifies an SSL configuration group.")
def modify_ssl_config_group(ctx, target, params):
    facts = cellfacts.of(ctx)
    sec = cell_security(facts)
    group = _get_group(facts, sec, params)
    ssl, mods = _group_values(facts, sec, params, False)
    _check_alias(
        ctx,
        facts,
        ssl or facts.ref(group, "sslConfig"),
        params.get("certificateAlias")
        if params.get("certificateAlias") is not None
        else (facts.text(group, "certificateAlias") if ssl is not None else None),
    )
    changed = [(k, v) for k, v in mods if _differs(facts, group, k, v)]
    if changed:
        facts.modify(group, changed)
    return VOID


def _get_group(facts, sec, params):
    _check_direction(params["direction"])
    group = find_group(facts, sec, params["name"], params["direction"], params["scopeName"])
    if group is None:
        raise CommandValidationException(M.SSL_GROUP_NOT_FOUND % (params["name"], params["direction"], params["scopeName"]))
    return group


@command(
    "getSSLConfigGroup",
    GROUP_GROUP,
    params=[Param("name", required=True), Param("direction", required=True), Param("scopeName", required=True)],
    description="Shows an SSL configuration group; raises if there is none.",
)
def get_ssl_config_group(ctx, target, params):
    facts = cellfacts.of(ctx)
    group = _get_group(facts, cell_security(facts), params)
    ssl = facts.ref(group, "sslConfig")
    return formats.attr_record(
        [
            ("name", params["name"]),
            ("direction", params["direction"]),
            ("certificateAlias", facts.text(group, "certificateAlias")),
            ("sslConfig", facts.text(ssl, "alias") if ssl is not None else ""),
            ("sslConfigScope", scope_of(facts, ssl) if ssl is not None else ""),
            ("managementScope", params["scopeName"]),
        ]
    )


@command(
    "deleteSSLConfigGroup",
    GROUP_GROUP,
    params=[Param("name", required=True), Param("direction", required=True), Param("scopeName", required=True)],
    description="Deletes an SSL configuration group.",
)
def delete_ssl_config_group(ctx, target, params):
    facts = cellfacts.of(ctx)
    facts.remove(_get_group(facts, cell_security(facts), params))
    return VOID


@command(
    "listSSLConfigGroups",
    GROUP_GROUP,
    params=[
        Param("scopeName"),
        Param("direction"),
        Param("displayObjectName", "Boolean", default=False),
        Param("all", "Boolean", default=False),
    ],
    description="Lists SSL configuration groups.",
)
def list_ssl_config_groups(ctx, target, params):
    facts = cellfacts.of(ctx)
    sec = cell_security(facts)
    scope = params["scopeName"] or cell_scope(facts)
    out = []
    for n, d, sc, group in groups(facts, sec):
        if not params["all"] and sc != scope:
            continue
        if params["direction"] and d != params["direction"]:
            continue
        out.append(facts.id(group) if params["displayObjectName"] else LIST_GROUP_LINE % (n, d, sc))
    return out


# --------------------------------------------------------------------------------------------------
# Management scopes
# --------------------------------------------------------------------------------------------------
@command(
    "listManagementScopes",
    GROUP_SCOPE,
    params=[Param("displayObjectName", "Boolean", default=False)],
    description="Lists the management scopes.",
)
def list_management_scopes(ctx, target, params):
    facts = cellfacts.of(ctx)
    sec = cell_security(facts)
    return [
        facts.id(ms) if params["displayObjectName"] else "scopeName: %s scopeType: %s" % (n, facts.text(ms, "scopeType"))
        for n, ms in management_scopes(facts, sec)
    ]


@command(
    "createManagementScope",
    GROUP_SCOPE,
    params=[Param("scopeName", required=True), Param("scopeType", required=True)],
    description="Creates a management scope.",
)
def create_management_scope(ctx, target, params):
    facts = cellfacts.of(ctx)
    sec = cell_security(facts)
    scope = params["scopeName"]
    if find_scope(facts, sec, scope) is not None:
        raise CommandValidationException(M.SSL_SCOPE_EXISTS % scope)
    parts = parse_scope(facts, scope)
    if params["scopeType"] != parts[-1][0]:
        raise CommandValidationException(M.SSL_BAD_SCOPE % (scope, "its type is %s" % parts[-1][0]))
    return facts.id(facts.create("ManagementScope", sec, [("scopeName", scope), ("scopeType", params["scopeType"])]))
