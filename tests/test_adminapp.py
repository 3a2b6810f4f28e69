"""harness.adminapp: list, view/edit -MapRolesToUsers over ibm-application-bnd.xmi, uninstall, errors."""

import os
import sys
import types

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobs_helpers import INTERPRETERS, ROOT, copy_sample, require  # noqa: E402

from harness.adminapp import AdminApp, parse_brackets  # noqa: E402
from harness.adminconfig import AdminConfig  # noqa: E402
from harness.errors import ScriptingException  # noqa: E402
from harness.repository.repository import Repository  # noqa: E402

CELL = "cells/stconsoleSSCCell1"
APP = "IBM Lotus SIP Registrar"
APP_DIR = CELL + "/applications/%s.ear/deployments/%s" % (APP, APP)
BND = APP_DIR + "/META-INF/ibm-application-bnd.xmi"
ROLE = "AllAuthenticatedUsers"
ALL_APPS = ["IBM Lotus SIP Proxy", "IBM Lotus SIP Registrar", "IBM Lotus Sametime Conference Manager",
            "IBM Lotus Sametime Meeting Server", "IBM Lotus Sametime Proxy", "IBM Lotus Sametime System Console"]


@pytest.fixture
def cfg(tmp_path):
    return copy_sample(tmp_path)


@pytest.fixture
def objs(cfg):
    repo = Repository(cfg)
    session = types.SimpleNamespace(repository=repo, line_separator="\n")
    return AdminApp(session), AdminConfig(repo), repo


def read(cfg, uri):
    with open(os.path.join(cfg, uri), "rb") as f:
        return f.read()


def block(view_text, role):
    """{label: value} of one role's block in view output."""
    out, cur = {}, None
    for ln in view_text.splitlines():
        if ":  " not in ln:
            continue
        k, v = ln.split(":  ", 1)
        if k == "Role":
            cur = v
            continue
        if cur == role:
            out[k] = v
    return out


def test_list_all_and_by_target(objs):
    aa, _ac, _repo = objs
    assert aa.list().split("\n") == ALL_APPS
    media = aa.list("WebSphere:cell=stconsoleSSCCell1,node=stmediaSTMSNode1,server=STMediaServer")
    assert media.split("\n") == ["IBM Lotus SIP Proxy", "IBM Lotus SIP Registrar",
                                 "IBM Lotus Sametime Conference Manager"]
    assert aa.list("WebSphere:cell=stconsoleSSCCell1,node=nowhere,server=STMediaServer") == ""


def test_view_block(objs):
    aa, _ac, _repo = objs
    for opts in (["-MapRolesToUsers"], "-MapRolesToUsers", "[-MapRolesToUsers]", None):
        text = aa.view(APP, opts) if opts is not None else aa.view(APP)
        lines = text.splitlines()
        assert lines[0].startswith("MapRolesToUsers")
        assert "Role:  %s" % ROLE in lines
        b = block(text, ROLE)
        assert b["Everyone?"] == "No"
        assert b["All authenticated in application's realm?"] == "Yes"
        assert b["Mapped users"] == "" and b["Mapped groups"] == ""
        assert b["All authenticated in trusted realms?"] == "No"


def test_edit_swap_changes_one_line_and_reverses_byte_for_byte(objs, cfg):
    aa, ac, _repo = objs
    pristine = read(cfg, BND)
    assert aa.edit(APP, '[-MapRolesToUsers [["AllAuthenticatedUsers" Yes No "" ""]]]') == ""
    assert ac.hasChanges() == 1
    assert read(cfg, BND) == pristine, "edit wrote before AdminConfig.save()"
    ac.save()
    after = read(cfg, BND)
    old_lines, new_lines = pristine.decode().splitlines(), after.decode().splitlines()
    assert len(old_lines) == len(new_lines)
    diff = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
    assert diff == [('      <specialSubjects xmi:type="applicationbnd:AllAuthenticatedUsers" '
                     'xmi:id="AllAuthenticatedUsers_1" name="AllAuthenticatedUsers"/>',
                     '      <specialSubjects xmi:type="applicationbnd:Everyone" xmi:id="Everyone_1" name="Everyone"/>')]
    b = block(aa.view(APP, ["-MapRolesToUsers"]), ROLE)
    assert b["Everyone?"] == "Yes" and b["All authenticated in application's realm?"] == "No"
    # list form, AppDeploymentOption tokens, back to the original
    aa.edit(APP, ["-MapRolesToUsers", [[ROLE, "AppDeploymentOption.No", "AppDeploymentOption.Yes", "", ""]]])
    ac.save()
    assert read(cfg, BND) == pristine


def test_edit_same_values_changes_nothing(objs):
    aa, ac, _repo = objs
    aa.edit(APP, '[-MapRolesToUsers [["AllAuthenticatedUsers" no yes "" ""]]]')
    aa.edit(APP, ["-MapRolesToUsers", [[ROLE, "No", "Yes", "", "", "No", "", ""]]])
    assert ac.hasChanges() == 0


def test_eight_columns_users_groups_access_ids_then_five_columns_keep_them(objs, cfg):
    aa, ac, _repo = objs
    aa.edit(APP, '[-MapRolesToUsers [["AllAuthenticatedUsers" no no "bob|alice" "admins" yes '
                 '"user:r/uid=bob|user:r/uid=alice" "group:r/cn=admins"]]]')
    ac.save()
    b = block(aa.view(APP, "-MapRolesToUsers"), ROLE)
    assert b == {"Everyone?": "No", "All authenticated in application's realm?": "No", "Mapped users": "bob|alice",
                 "Mapped groups": "admins", "All authenticated in trusted realms?": "Yes",
                 "Mapped users access ids": "user:r/uid=bob|user:r/uid=alice",
                 "Mapped groups access ids": "group:r/cn=admins"}
    text = read(cfg, BND).decode()
    assert '<users xmi:id="User_1" name="bob" accessId="user:r/uid=bob"/>' in text
    assert '<groups xmi:id="Group_1" name="admins" accessId="group:r/cn=admins"/>' in text
    assert "AllAuthenticatedUsers_1" not in text
    # the 5-column form keeps the trusted-realms column and the access ids of users that stay
    aa.edit(APP, ["-MapRolesToUsers", [[ROLE, "Yes", "No", "alice|carol", ""]]])
    b = block(aa.view(APP, "-MapRolesToUsers"), ROLE)
    assert b["Everyone?"] == "Yes"
    assert b["Mapped users"] == "alice|carol" and b["Mapped groups"] == ""
    assert b["All authenticated in trusted realms?"] == "Yes"
    assert b["Mapped users access ids"] == "user:r/uid=alice|"


@pytest.mark.parametrize("opts,needle", [
    ('[-MapRolesToUsers [["nope" Yes No "" ""]]]', 'the role "nope" is not defined'),
    ('[-MapRolesToUsers [["AllAuthenticatedUsers" Yes No ""]]]', "has 4 columns"),
    ('[-MapRolesToUsers [["AllAuthenticatedUsers" Maybe No "" ""]]]', '"Maybe" in column 2'),
    ('[-MapRolesToUsers [["AllAuthenticatedUsers" Yes No "" ""] ["AllAuthenticatedUsers" No Yes "" ""]]]',
     "more than once"),
])
def test_edit_validation_errors_change_nothing(objs, opts, needle):
    aa, ac, _repo = objs
    with pytest.raises(ScriptingException) as e:
        aa.edit(APP, opts)
    assert str(e.value).startswith('com.ibm.ws.scripting.ScriptingException: WASX7108E: Invalid data specified '
                                   'for install task: "MapRolesToUsers."')
    assert needle in e.value.message
    assert ac.hasChanges() == 0


def test_missing_app_and_unsupported_options(objs):
    aa, _ac, _repo = objs
    for call in (lambda: aa.view("No Such App"), lambda: aa.uninstall("No Such App"),
                 lambda: aa.edit("No Such App", '[-MapRolesToUsers [["x" Yes No "" ""]]]')):
        with pytest.raises(ScriptingException) as e:
            call()
        assert e.value.message == 'WASX7280E: An application with name "No Such App" does not exist.'
    with pytest.raises(ScriptingException) as e:
        aa.view(APP, "-MapWebModToVH")
    assert "MapWebModToVH" in e.value.message
    with pytest.raises(ScriptingException):
        aa.edit(APP, "[-MapRolesToUsers [[unbalanced]")


def test_reset_discards_edit(objs, cfg):
    aa, ac, _repo = objs
    pristine = read(cfg, BND)
    aa.edit(APP, '[-MapRolesToUsers [["AllAuthenticatedUsers" Yes No "" ""]]]')
    ac.reset()
    assert ac.hasChanges() == 0
    assert block(aa.view(APP), ROLE)["Everyone?"] == "No"
    ac.save()
    assert read(cfg, BND) == pristine


def test_uninstall_removes_documents_and_deployed_entry(objs, cfg):
    aa, ac, _repo = objs
    aa.uninstall(APP)
    ac.save()
    assert APP not in aa.list().split("\n")
    assert not os.path.exists(os.path.join(cfg, CELL, "applications", APP + ".ear"))
    index = read(cfg, CELL + "/nodes/stmediaSTMSNode1/serverindex.xml").decode()
    assert "IBM Lotus SIP Registrar.ear" not in index
    assert "IBM Lotus SIP Proxy.ear/deployments/IBM Lotus SIP Proxy" in index


def test_parse_brackets():
    assert parse_brackets('[-MapRolesToUsers [["a b" No Yes "" ""]]]') == \
        ["-MapRolesToUsers", [["a b", "No", "Yes", "", ""]]]
    assert parse_brackets('-x [[a b] [c "d e"]]') == ["-x", [["a", "b"], ["c", "d e"]]]


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_through_the_launcher(interpreter, cfg):
    import subprocess

    require(interpreter)
    cmds = ["-c", "AdminApp.edit('%s', ['-MapRolesToUsers', [['%s', 'Yes', 'No', '', '']]])" % (APP, ROLE),
            "-c", "AdminConfig.save()",
            "-c", "print(AdminApp.view('%s', ['-MapRolesToUsers']))" % APP,
            "-c", "AdminApp.uninstall('No Such App')"]
    p = subprocess.run([sys.executable, "-m", "harness.wsadmin", "-conntype", "NONE", "-configRoot", cfg,
                        "-lang", "jython", "-interpreter", interpreter] + cmds,
                       cwd=ROOT, capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, PYTHONPATH=ROOT))
    assert "Everyone?:  Yes" in p.stdout, p.stdout + p.stderr
    assert 'WASX7280E: An application with name "No Such App" does not exist.' in p.stdout + p.stderr
    assert "Everyone_1" in read(cfg, BND).decode()
