"""Issue 5 item 3: wsadmin_scripts/fix_ldap_base_entry.py on the Sametime sample cell, under both interpreters.

Acceptance: the job turns the deployment-name base entry into the given DN and into `root`, the wimconfig.xml
diff is only those entries, a second run changes nothing, --dry-run writes nothing.
"""

import difflib
import importlib.util
import os
import re
import sys

import pytest
from jobs_helpers import JOB_INTERPRETERS, ROOT, SCRIPTS, changed_files, copy_sample, run_job, snapshot

JOB = "fix_ldap_base_entry"
WIM = "cells/stconsoleSSCCell1/wim/config/wimconfig.xml"
REALM = "defaultWIMFileBasedRealm"
LDAP = "LDAP on domino"

OLD_REPO = '-      <config:baseEntries name="LDAPDeployname" nameInRepository="LDAPDeployname"/>'
OLD_REALM = '-        <config:participatingBaseEntries name="LDAPDeployname"/>'


@pytest.fixture
def cell(tmp_path):
    return copy_sample(tmp_path)


def read(root, uri=WIM):
    with open(os.path.join(root, uri), "rb") as f:
        return f.read().decode("utf-8")


def diff_lines(old, new):
    return [
        ln
        for ln in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if not ln.startswith(("---", "+++", "@@"))
    ]


def admintask(root):
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    from harness.launcher.session import make_session

    s = make_session(str(root), "NONE", "\n")
    return s.objects["AdminTask"], s.objects["AdminConfig"]


def load_job_module():
    if SCRIPTS not in sys.path:
        sys.path.insert(0, SCRIPTS)
    spec = importlib.util.spec_from_file_location("fix_ldap_base_entry_under_test", os.path.join(SCRIPTS, JOB + ".py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def ok(r):
    assert r.rc == 0, r
    assert r.result is not None and r.result["error"] is None, r
    assert r.last_line.startswith("STWAS-RESULT "), r
    return r.result


# ---------------------------------------------------------------------------------------------- acceptance


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_base_dn(interpreter, cell):
    pristine = snapshot(cell)
    old = read(cell)

    dry = ok(run_job(interpreter, cell, JOB, "--base-dn", "o=example", "--dry-run"))
    assert dry["dry_run"] and dry["changed"] and not dry["saved"]
    assert snapshot(cell) == pristine  # --dry-run writes nothing
    assert dry["sample_user"] == {
        "ldap": "cn=Hans Muster, o=example",
        "before": "cn=Hans Muster, o=example, o=LDAPDeployname",
        "after": "cn=Hans Muster, o=example",
    }

    r = run_job(interpreter, cell, JOB, "--base-dn", "o=example")
    res = ok(r)
    assert res["changed"] and res["saved"] and res["replaced"] == "LDAPDeployname"
    assert [(c["action"], c["type"], c["target"]) for c in res["changes"]] == [
        ("add", "IdMgrRepositoryBaseEntry", "LDAP on domino o=example"),
        ("add", "IdMgrRealmBaseEntry", "defaultWIMFileBasedRealm o=example"),
        ("delete", "IdMgrRealmBaseEntry", "defaultWIMFileBasedRealm LDAPDeployname"),
        ("delete", "IdMgrRepositoryBaseEntry", "LDAP on domino LDAPDeployname"),
    ]
    assert [c["type"] for c in dry["changes"]] == [c["type"] for c in res["changes"]]
    assert len(r.change_lines) == 4
    after = snapshot(cell)
    assert changed_files(pristine, after) == [WIM]
    assert diff_lines(old, read(cell)) == [
        OLD_REPO,
        '+      <config:baseEntries name="o=example" nameInRepository="o=example"/>',
        OLD_REALM,
        '+        <config:participatingBaseEntries name="o=example"/>',
    ]
    # read back through AdminTask
    at, _ = admintask(cell)
    assert at.listIdMgrRepositoryBaseEntries('[-id "LDAP on domino"]') == "{o=example=o=example}"
    assert at.listIdMgrRealmBaseEntries("[-name %s]" % REALM) == "o=defaultWIMFileBasedRealm\no=example"

    again = ok(run_job(interpreter, cell, JOB, "--base-dn", "o=example"))
    assert again["changed"] is False and again["changes"] == [] and again["saved"] is False
    assert snapshot(cell) == after


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_root(interpreter, cell):
    pristine = snapshot(cell)
    old = read(cell)
    sample = "cn=Hans Muster, o=edcom"

    r = run_job(interpreter, cell, JOB, "--root", "--dry-run", "--sample-user", sample)
    dry = ok(r)
    assert snapshot(cell) == pristine
    assert "  before: cn=Hans Muster, o=edcom, o=LDAPDeployname" in r.stdout.splitlines()
    assert "  after:  cn=Hans Muster, o=edcom" in r.stdout.splitlines()
    assert dry["sample_user"]["after"] == sample

    res = ok(run_job(interpreter, cell, JOB, "--root", "--sample-user", sample))
    assert res["changed"] and res["saved"]
    assert res["base_entry"] == {"name": "root", "nameInRepository": ""}
    after = snapshot(cell)
    assert changed_files(pristine, after) == [WIM]
    assert diff_lines(old, read(cell)) == [
        OLD_REPO,
        '+      <config:baseEntries name="root" nameInRepository=""/>',
        OLD_REALM,
        '+        <config:participatingBaseEntries name="root"/>',
    ]
    at, _ = admintask(cell)
    assert at.listIdMgrRepositoryBaseEntries('[-id "LDAP on domino"]') == "{root=}"
    assert at.listIdMgrRealmBaseEntries("[-name %s]" % REALM) == "o=defaultWIMFileBasedRealm\nroot"

    again = ok(run_job(interpreter, cell, JOB, "--root"))
    assert again["changed"] is False and again["saved"] is False
    assert snapshot(cell) == after


# ---------------------------------------------------------------------------------------------- more cases


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_base_dn_then_root_needs_from(interpreter, cell):
    ok(run_job(interpreter, cell, JOB, "--base-dn", "o=example"))
    before = snapshot(cell)
    r = run_job(interpreter, cell, JOB, "--root")
    assert r.rc == 1 and r.result["error"] and "give --from" in r.result["error"]
    assert snapshot(cell) == before
    res = ok(
        run_job(
            interpreter,
            cell,
            JOB,
            "--root",
            "--from",
            "o=example",
            "--realm",
            REALM,
            "--repository-id",
            LDAP,
            "--sample-user",
            "cn=Hans Muster, o=example",
        )
    )
    assert res["replaced"] == "o=example"
    assert res["sample_user"]["before"] == res["sample_user"]["after"] == "cn=Hans Muster, o=example"
    assert diff_lines(read(os.path.join(ROOT, "samples", "sametime", "config")), read(cell)) == [
        OLD_REPO,
        '+      <config:baseEntries name="root" nameInRepository=""/>',
        OLD_REALM,
        '+        <config:participatingBaseEntries name="root"/>',
    ]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_finishes_a_half_done_change(interpreter, cell):
    """The repository already has root, the realm still the deployment name: only the rest is done."""
    at, ac = admintask(cell)
    at.addIdMgrRepositoryBaseEntry('[-id "LDAP on domino" -name root -nameInRepository ""]')
    ac.save()
    res = ok(run_job(interpreter, cell, JOB, "--root"))
    assert [(c["action"], c["type"]) for c in res["changes"]] == [
        ("add", "IdMgrRealmBaseEntry"),
        ("delete", "IdMgrRealmBaseEntry"),
        ("delete", "IdMgrRepositoryBaseEntry"),
    ]
    at, _ = admintask(cell)
    assert at.listIdMgrRepositoryBaseEntries('[-id "LDAP on domino"]') == "{root=}"


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_wrong_name_in_repository_is_recreated(interpreter, cell):
    at, ac = admintask(cell)
    at.addIdMgrRepositoryBaseEntry('[-id "LDAP on domino" -name o=example -nameInRepository o=other]')
    ac.save()
    res = ok(run_job(interpreter, cell, JOB, "--base-dn", "o=example"))
    assert [(c["action"], c["type"]) for c in res["changes"]][:2] == [
        ("delete", "IdMgrRepositoryBaseEntry"),
        ("add", "IdMgrRepositoryBaseEntry"),
    ]
    at, _ = admintask(cell)
    assert at.listIdMgrRepositoryBaseEntries('[-id "LDAP on domino"]') == "{o=example=o=example}"


@pytest.mark.parametrize(
    "args, rc, text",
    [
        (["--root", "--base-dn", "o=x"], 2, "exactly one of"),
        ([], 2, "exactly one of"),
        (["--base-dn", "example"], 2, "must be a distinguished name"),
        (["--root", "--repository-id", "nosuch"], 1, "repository 'nosuch' is not defined"),
        (["--root", "--realm", "nosuch"], 1, "CWWIM5021E"),
        (["--root", "--from", "o=nosuch"], 1, "has no base entry 'o=nosuch'"),
        (["--base-dn", "o=defaultWIMFileBasedRealm"], 1, "already defined in the repository InternalFileRepository"),
    ],
)
@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_errors_change_nothing(interpreter, cell, args, rc, text):
    before = snapshot(cell)
    r = run_job(interpreter, cell, JOB, *args)
    assert r.rc == rc, r
    assert r.result is not None and not r.result["changed"] and not r.result["saved"]
    assert text in r.result["error"], r
    assert r.error_lines and r.last_line.startswith("STWAS-RESULT ")
    assert snapshot(cell) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_real_cell_without_ldap(interpreter, real_config):
    before = snapshot(real_config)
    r = run_job(interpreter, real_config, JOB, "--root")
    assert r.rc == 1 and "no LDAP repository" in r.result["error"]
    assert snapshot(real_config) == before


# ---------------------------------------------------------------------------------------------- helpers


def test_parse_base_entries():
    job = load_job_module()
    p = job.parse_base_entries
    assert p("{}") == []
    assert p("{LDAPDeployname=LDAPDeployname}") == [("LDAPDeployname", "LDAPDeployname")]
    assert p("{o=a=o=a, root=}") == [("o=a", "o=a"), ("root", "")]
    assert p("{o=defaultWIMFileBasedRealm=null}") == [("o=defaultWIMFileBasedRealm", None)]
    # DNs with ", " are cut where a known name starts
    assert p("{o=a, c=de=o=a, c=de, root=}", ["o=a, c=de", "root"]) == [("o=a, c=de", "o=a, c=de"), ("root", "")]
    assert p("{LDAPDeployname=LDAPDeployname, o=tta=null}", ["LDAPDeployname"]) == [
        ("LDAPDeployname", "LDAPDeployname"),
        ("o=tta", None),
    ]


def test_parse_repositories():
    job = load_job_module()
    assert job.parse_repositories(
        "{InternalFileRepository={repositoryType=File, specificRepositoryType=null, host=LocalHost}, "
        "LDAP on domino={repositoryType=LDAP, specificRepositoryType=DOMINO, host=d.example.com}}"
    ) == [
        ("InternalFileRepository", {"repositoryType": "File", "specificRepositoryType": "null", "host": "LocalHost"}),
        ("LDAP on domino", {"repositoryType": "LDAP", "specificRepositoryType": "DOMINO", "host": "d.example.com"}),
    ]


@pytest.mark.parametrize(
    "dn, name, nir, shown",
    [
        ("cn=Hans Muster, o=edcom", "LDAPDeployname", "LDAPDeployname", "cn=Hans Muster, o=edcom, o=LDAPDeployname"),
        ("cn=Hans Muster, o=edcom", "root", "", "cn=Hans Muster, o=edcom"),
        ("cn=Hans Muster, o=edcom", "o=edcom", "o=edcom", "cn=Hans Muster, o=edcom"),
        ("cn=Hans Muster, o=edcom", "o=example", "o=example", None),
        ("cn=Hans Muster,O=edcom,C=DE", "o=vmm", "o=edcom,c=de", "cn=Hans Muster,o=vmm"),
        ("cn=Hans Muster, o=edcom", "o=edcom", None, "cn=Hans Muster, o=edcom"),
    ],
)
def test_vmm_dn(dn, name, nir, shown):
    assert load_job_module().vmm_dn(dn, name, nir) == shown


# ---------------------------------------------------------------------------------------------- the fix level
def set_dmgr_level(root, level):
    path = os.path.join(root, "cells/stconsoleSSCCell1/nodes/DMgrNode/node-metadata.properties")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(re.sub(r"baseProductVersion=[^\n]*", "baseProductVersion=%s" % level, text))


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_root_is_refused_below_7_0_0_21(interpreter, cell):
    # issue 13 item 9: the talk's fix level, read from the deployment manager's node metadata
    set_dmgr_level(cell, "7.0.0.15")
    before = snapshot(cell)
    r = run_job(interpreter, cell, JOB, "--root")
    assert r.rc == 1 and len(r.error_lines) == 1, r
    assert r.result["error"] == (
        'the "root" base entry (the talk: older levels fail when the repository is called) '
        "needs WebSphere 7.0.0.21 or later; the deployment manager (node DMgrNode) runs "
        "7.0.0.15: install the fix pack first (or give --min-was-level 0 if the fix is "
        "installed as an interim fix); nothing changed"
    )
    assert snapshot(cell) == before
    # a real DN needs no fix level; --min-was-level 0 skips the check; 7.0.0.21 itself is enough
    assert run_job(interpreter, cell, JOB, "--base-dn", "o=example", "--dry-run").rc == 0
    assert run_job(interpreter, cell, JOB, "--root", "--min-was-level", "0", "--dry-run").rc == 0
    set_dmgr_level(cell, "7.0.0.21")
    r = run_job(interpreter, cell, JOB, "--root", "--dry-run")
    assert r.rc == 0 and r.result["was_level"] == "7.0.0.21", r
    r = run_job(interpreter, cell, JOB, "--root", "--min-was-level", "8.5.5.10", "--dry-run")
    assert r.rc == 1 and "needs WebSphere 8.5.5.10 or later" in r.result["error"], r
    r = run_job(interpreter, cell, JOB, "--root", "--min-was-level", "7.x")
    assert r.rc == 2 and "--min-was-level takes a level such as 7.0.0.21" in r.result["error"], r
