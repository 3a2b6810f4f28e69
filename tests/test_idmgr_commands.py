"""AdminTask IdMgr* commands (harness/scripting/admintask/commands/idmgr.py) over wimconfig.xml."""

import difflib
import os

import pytest
from conftest import snapshot

import harness.scripting.admintask.commands.idmgr as idmgr  # noqa: F401  (registers the commands)
from harness.base.errors import CommandValidationException, ScriptingException
from harness.launcher.session import make_session

SAMPLE_WIM = "cells/stconsoleSSCCell1/wim/config/wimconfig.xml"
REAL_WIM = "cells/jennexNode01Cell/wim/config/wimconfig.xml"
REALM = "defaultWIMFileBasedRealm"
LDAP = "LDAP on domino"


def session(root):
    s = make_session(root, "NONE", "\n")
    return s.objects["AdminTask"], s.objects["AdminConfig"]


def read(root, uri):
    with open(os.path.join(root, uri), "rb") as f:
        return f.read().decode("utf-8")


def diff_lines(old, new):
    """The -/+ lines of a unified diff (no headers, no context)."""
    out = []
    for ln in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if ln.startswith(("---", "+++", "@@")):
            continue
        out.append(ln)
    return out


# ---------------------------------------------------------------------------------------------- reading


def test_realm_queries(sample_config):
    at, _ = session(sample_config)
    assert at.getIdMgrDefaultRealm() == REALM
    assert at.listIdMgrRealms() == "{defaultWIMFileBasedRealm={securityUse=active, delimiter=/}}"
    assert at.listIdMgrRealmBaseEntries("[-name %s]" % REALM) == "o=defaultWIMFileBasedRealm\nLDAPDeployname"
    assert at.listIdMgrRealmBaseEntries(["-name", REALM]) == "o=defaultWIMFileBasedRealm\nLDAPDeployname"


def test_repository_queries(sample_config):
    at, _ = session(sample_config)
    assert at.listIdMgrRepositories() == (
        "{InternalFileRepository={repositoryType=File, specificRepositoryType=null, host=LocalHost}, "
        "LDAP on domino={repositoryType=LDAP, specificRepositoryType=DOMINO, host=domino.example.com}}"
    )
    assert at.listIdMgrRepositoryBaseEntries('[-id "LDAP on domino"]') == "{LDAPDeployname=LDAPDeployname}"
    # no nameInRepository attribute -> Java null [U]
    assert at.listIdMgrRepositoryBaseEntries("[-id InternalFileRepository]") == "{o=defaultWIMFileBasedRealm=null}"
    info = at.getIdMgrRepository('[-id "LDAP on domino"]')
    assert info.startswith("{adapterClassName=com.ibm.ws.wim.adapter.ldap.LdapAdapter, id=LDAP on domino, ")
    assert info.endswith(", repositoryType=LDAP}")


def test_real_cell_queries(real_config):
    at, _ = session(real_config)
    assert at.getIdMgrDefaultRealm() == REALM
    assert at.listIdMgrRealmBaseEntries("-name %s" % REALM) == "o=defaultWIMFileBasedRealm"
    assert at.listIdMgrRepositories() == (
        "{InternalFileRepository={repositoryType=File, specificRepositoryType=null, host=LocalHost}}"
    )


def test_queries_change_nothing(sample_config):
    before = snapshot(sample_config)
    at, ac = session(sample_config)
    at.listIdMgrRepositoryBaseEntries('[-id "LDAP on domino"]')
    at.listIdMgrRealmBaseEntries("[-name %s]" % REALM)
    assert ac.hasChanges() == 0
    ac.save()
    assert snapshot(sample_config) == before


# ---------------------------------------------------------------------------------------------- writing


def replace_entry(at, new, nir):
    assert at.addIdMgrRepositoryBaseEntry(["-id", LDAP, "-name", new, "-nameInRepository", nir]) == ""
    assert at.addIdMgrRealmBaseEntry("[-name %s -baseEntry %s]" % (REALM, new)) == ""
    assert at.deleteIdMgrRealmBaseEntry("[-name %s -baseEntry LDAPDeployname]" % REALM) == ""
    assert at.deleteIdMgrRepositoryBaseEntry('[-id "LDAP on domino" -name LDAPDeployname]') == ""


def test_replace_with_base_dn_diff(sample_config):
    old = read(sample_config, SAMPLE_WIM)
    at, ac = session(sample_config)
    replace_entry(at, "o=example", "o=example")
    assert at.listIdMgrRepositoryBaseEntries('[-id "LDAP on domino"]') == "{o=example=o=example}"
    assert at.listIdMgrRealmBaseEntries("[-name %s]" % REALM) == "o=defaultWIMFileBasedRealm\no=example"
    assert read(sample_config, SAMPLE_WIM) == old  # nothing written before save()
    assert "wimconfig.xml" in ac.queryChanges()
    ac.save()
    assert diff_lines(old, read(sample_config, SAMPLE_WIM)) == [
        '-      <config:baseEntries name="LDAPDeployname" nameInRepository="LDAPDeployname"/>',
        '+      <config:baseEntries name="o=example" nameInRepository="o=example"/>',
        '-        <config:participatingBaseEntries name="LDAPDeployname"/>',
        '+        <config:participatingBaseEntries name="o=example"/>',
    ]


def test_replace_with_root_diff(sample_config):
    before = snapshot(sample_config)
    old = read(sample_config, SAMPLE_WIM)
    at, ac = session(sample_config)
    replace_entry(at, "root", "")
    assert at.listIdMgrRepositoryBaseEntries('[-id "LDAP on domino"]') == "{root=}"
    ac.save()
    after = snapshot(sample_config)
    assert [k for k in after if after[k] != before.get(k)] == [SAMPLE_WIM.replace("/", os.sep)]
    assert diff_lines(old, read(sample_config, SAMPLE_WIM)) == [
        '-      <config:baseEntries name="LDAPDeployname" nameInRepository="LDAPDeployname"/>',
        '+      <config:baseEntries name="root" nameInRepository=""/>',
        '-        <config:participatingBaseEntries name="LDAPDeployname"/>',
        '+        <config:participatingBaseEntries name="root"/>',
    ]


def test_add_keeps_order_and_indentation(sample_config):
    old = read(sample_config, SAMPLE_WIM)
    at, ac = session(sample_config)
    # a second entry goes after the last one of its kind; an entry without nameInRepository has no attribute
    at.addIdMgrRepositoryBaseEntry('[-id "LDAP on domino" -name o=tta]')
    at.addIdMgrRealmBaseEntry("[-name %s -baseEntry o=tta]" % REALM)
    assert at.listIdMgrRepositoryBaseEntries('[-id "LDAP on domino"]') == "{LDAPDeployname=LDAPDeployname, o=tta=null}"
    ac.save()
    assert diff_lines(old, read(sample_config, SAMPLE_WIM)) == [
        '+      <config:baseEntries name="o=tta"/>',
        '+        <config:participatingBaseEntries name="o=tta"/>',
    ]
    new = read(sample_config, SAMPLE_WIM)
    assert (
        new.index('name="LDAPDeployname" nameInRepository')
        < new.index('<config:baseEntries name="o=tta"/>')
        < new.index("<config:loginProperties>uid")
    )


def test_add_to_repository_without_entries_goes_first(sample_config):
    old = read(sample_config, SAMPLE_WIM)
    at, ac = session(sample_config)
    at.deleteIdMgrRealmBaseEntry("[-name %s -baseEntry LDAPDeployname]" % REALM)
    at.deleteIdMgrRepositoryBaseEntry('[-id "LDAP on domino" -name LDAPDeployname]')
    assert at.listIdMgrRepositoryBaseEntries('[-id "LDAP on domino"]') == "{}"
    at.addIdMgrRepositoryBaseEntry('[-id "LDAP on domino" -name o=edcom -nameInRepository o=edcom]')
    ac.save()
    assert diff_lines(old, read(sample_config, SAMPLE_WIM)) == [
        '-      <config:baseEntries name="LDAPDeployname" nameInRepository="LDAPDeployname"/>',
        '+      <config:baseEntries name="o=edcom" nameInRepository="o=edcom"/>',
        '-        <config:participatingBaseEntries name="LDAPDeployname"/>',
    ]


def test_reset_forgets(sample_config):
    before = snapshot(sample_config)
    at, ac = session(sample_config)
    replace_entry(at, "root", "")
    ac.reset()
    assert ac.hasChanges() == 0
    assert at.listIdMgrRepositoryBaseEntries('[-id "LDAP on domino"]') == "{LDAPDeployname=LDAPDeployname}"
    ac.save()
    assert snapshot(sample_config) == before


# ---------------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "call, text",
    [
        (lambda at: at.listIdMgrRealmBaseEntries("[-name nosuch]"), "realm nosuch is not defined"),
        (lambda at: at.addIdMgrRealmBaseEntry("[-name nosuch -baseEntry root]"), "realm nosuch is not defined"),
        (lambda at: at.listIdMgrRepositoryBaseEntries("[-id nosuch]"), "repository nosuch is not defined"),
        (lambda at: at.addIdMgrRepositoryBaseEntry("[-id nosuch -name o=x]"), "repository nosuch is not defined"),
        (
            lambda at: at.addIdMgrRealmBaseEntry("[-name %s -baseEntry LDAPDeployname]" % REALM),
            "already a participating base entry",
        ),
        (lambda at: at.addIdMgrRealmBaseEntry("[-name %s -baseEntry o=undefined]" % REALM), "not defined in any repository"),
        (lambda at: at.deleteIdMgrRealmBaseEntry("[-name %s -baseEntry o=nosuch]" % REALM), "is not a participating base entry"),
        (
            lambda at: at.addIdMgrRepositoryBaseEntry('[-id "LDAP on domino" -name ldapdeployname]'),
            "already defined in the repository LDAP on domino",
        ),
        # unique across repositories
        (
            lambda at: at.addIdMgrRepositoryBaseEntry('[-id "LDAP on domino" -name o=defaultWIMFileBasedRealm]'),
            "already defined in the repository InternalFileRepository",
        ),
        (
            lambda at: at.deleteIdMgrRepositoryBaseEntry('[-id "LDAP on domino" -name o=nosuch]'),
            "is not defined in the repository",
        ),
        (
            lambda at: at.deleteIdMgrRepositoryBaseEntry('[-id "LDAP on domino" -name LDAPDeployname]'),
            "participates in the realm defaultWIMFileBasedRealm",
        ),
        (lambda at: at.listIdMgrRealms("[-securityDomainName nodomain]"), "security domain nodomain"),
        (lambda at: at.addIdMgrRepositoryBaseEntry('[-id "LDAP on domino"]'), "ADMF0002E"),
        (lambda at: at.addIdMgrRealmBaseEntry("[-name %s -entry x]" % REALM), "ADMF000"),
    ],
)
def test_errors_change_nothing(sample_config, call, text):
    before = snapshot(sample_config)
    at, ac = session(sample_config)
    with pytest.raises(ScriptingException) as ei:
        call(at)
    assert text in str(ei.value)
    assert ac.hasChanges() == 0
    ac.save()
    assert snapshot(sample_config) == before


def test_last_realm_entry_cannot_go(real_config):
    at, _ = session(real_config)
    with pytest.raises(CommandValidationException) as ei:
        at.deleteIdMgrRealmBaseEntry("[-name %s -baseEntry o=defaultWIMFileBasedRealm]" % REALM)
    assert "only participating base entry" in ei.value.message


def test_no_wimconfig(real_config):
    os.remove(os.path.join(real_config, REAL_WIM))
    at, _ = session(real_config)
    with pytest.raises(CommandValidationException) as ei:
        at.getIdMgrDefaultRealm()
    assert "CWWIM5505E" in str(ei.value)


def test_help_lists_commands(sample_config):
    at, _ = session(sample_config)
    text = at.help("IdMgrRepositoryConfig")
    for name in ("addIdMgrRepositoryBaseEntry", "deleteIdMgrRepositoryBaseEntry", "listIdMgrRepositoryBaseEntries"):
        assert name in text
