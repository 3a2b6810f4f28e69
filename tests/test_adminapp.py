"""harness.scripting.adminapp: list, view/edit -MapRolesToUsers over ibm-application-bnd.xmi, uninstall, errors."""

import os
import sys
import types

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobs_helpers import INTERPRETERS, ROOT, copy_sample, require  # noqa: E402

from harness.base.errors import ScriptingException  # noqa: E402
from harness.config.repository.repository import Repository  # noqa: E402
from harness.scripting.adminapp import AdminApp, parse_brackets  # noqa: E402
from harness.scripting.adminconfig import AdminConfig  # noqa: E402

CELL = "cells/stconsoleSSCCell1"
APP = "IBM Lotus SIP Registrar"
APP_DIR = CELL + "/applications/%s.ear/deployments/%s" % (APP, APP)
BND = APP_DIR + "/META-INF/ibm-application-bnd.xmi"
ROLE = "AllAuthenticatedUsers"
ALL_APPS = [
    "IBM Lotus SIP Proxy",
    "IBM Lotus SIP Registrar",
    "IBM Lotus Sametime Conference Manager",
    "IBM Lotus Sametime Meeting Server",
    "IBM Lotus Sametime Proxy",
    "IBM Lotus Sametime System Console",
]


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
    assert media.split("\n") == ["IBM Lotus SIP Proxy", "IBM Lotus SIP Registrar", "IBM Lotus Sametime Conference Manager"]
    assert aa.list("WebSphere:cell=stconsoleSSCCell1,node=nowhere,server=STMediaServer") == ""


def test_view_block(objs):
    aa, _ac, _repo = objs
    for opts in (["-MapRolesToUsers"], "-MapRolesToUsers", "[-MapRolesToUsers]", None):
        text = aa.view(APP, opts) if opts is not None else aa.view(APP)
        lines = text.splitlines()
        assert lines[0].startswith("MapRolesToUsers")
        assert ("MapWebModToVH: Selecting virtual hosts for Web modules" in lines) == (opts is None)
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
    assert diff == [
        (
            '      <specialSubjects xmi:type="applicationbnd:AllAuthenticatedUsers" '
            'xmi:id="AllAuthenticatedUsers_1" name="AllAuthenticatedUsers"/>',
            '      <specialSubjects xmi:type="applicationbnd:Everyone" xmi:id="Everyone_1" name="Everyone"/>',
        )
    ]
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
    aa.edit(
        APP,
        '[-MapRolesToUsers [["AllAuthenticatedUsers" no no "bob|alice" "admins" yes '
        '"user:r/uid=bob|user:r/uid=alice" "group:r/cn=admins"]]]',
    )
    ac.save()
    b = block(aa.view(APP, "-MapRolesToUsers"), ROLE)
    assert b == {
        "Everyone?": "No",
        "All authenticated in application's realm?": "No",
        "Mapped users": "bob|alice",
        "Mapped groups": "admins",
        "All authenticated in trusted realms?": "Yes",
        "Mapped users access ids": "user:r/uid=bob|user:r/uid=alice",
        "Mapped groups access ids": "group:r/cn=admins",
    }
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


@pytest.mark.parametrize(
    "opts,needle",
    [
        ('[-MapRolesToUsers [["nope" Yes No "" ""]]]', 'the role "nope" is not defined'),
        ('[-MapRolesToUsers [["AllAuthenticatedUsers" Yes No ""]]]', "has 4 columns"),
        ('[-MapRolesToUsers [["AllAuthenticatedUsers" Maybe No "" ""]]]', '"Maybe" in column 2'),
        ('[-MapRolesToUsers [["AllAuthenticatedUsers" Yes No "" ""] ["AllAuthenticatedUsers" No Yes "" ""]]]', "more than once"),
    ],
)
def test_edit_validation_errors_change_nothing(objs, opts, needle):
    aa, ac, _repo = objs
    with pytest.raises(ScriptingException) as e:
        aa.edit(APP, opts)
    assert str(e.value).startswith(
        'com.ibm.ws.scripting.ScriptingException: WASX7108E: Invalid data specified for install task: "MapRolesToUsers."'
    )
    assert needle in e.value.message
    assert ac.hasChanges() == 0


def test_missing_app_and_unsupported_options(objs):
    aa, _ac, _repo = objs
    for call in (
        lambda: aa.view("No Such App"),
        lambda: aa.uninstall("No Such App"),
        lambda: aa.edit("No Such App", '[-MapRolesToUsers [["x" Yes No "" ""]]]'),
    ):
        with pytest.raises(ScriptingException) as e:
            call()
        assert e.value.message == 'WASX7280E: An application with name "No Such App" does not exist.'
    with pytest.raises(ScriptingException) as e:
        aa.view(APP, "-CtxRootForWebMod")
    assert "CtxRootForWebMod" in e.value.message and "-MapWebModToVH" in e.value.message
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
    assert parse_brackets('[-MapRolesToUsers [["a b" No Yes "" ""]]]') == ["-MapRolesToUsers", [["a b", "No", "Yes", "", ""]]]
    assert parse_brackets('-x [[a b] [c "d e"]]') == ["-x", [["a", "b"], ["c", "d e"]]]


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_through_the_launcher(interpreter, cfg):
    import subprocess

    require(interpreter)
    cmds = [
        "-c",
        "AdminApp.edit('%s', ['-MapRolesToUsers', [['%s', 'Yes', 'No', '', '']]])" % (APP, ROLE),
        "-c",
        "AdminConfig.save()",
        "-c",
        "print(AdminApp.view('%s', ['-MapRolesToUsers']))" % APP,
        "-c",
        "AdminApp.uninstall('No Such App')",
    ]
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "harness.wsadmin",
            "-conntype",
            "NONE",
            "-configRoot",
            cfg,
            "-lang",
            "jython",
            "-interpreter",
            interpreter,
        ]
        + cmds,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, PYTHONPATH=ROOT),
    )
    assert "Everyone?:  Yes" in p.stdout, p.stdout + p.stderr
    assert 'WASX7280E: An application with name "No Such App" does not exist.' in p.stdout + p.stderr
    assert "Everyone_1" in read(cfg, BND).decode()


# ------------------------------------------------------------------------------------------ -MapWebModToVH
PROXY_APP = "IBM Lotus Sametime Proxy"
PROXY_WAR = CELL + "/applications/%s.ear/deployments/%s/stproxy.war" % (PROXY_APP, PROXY_APP)
WEB_BND_XMI = PROXY_WAR + "/WEB-INF/ibm-web-bnd.xmi"
WEB_BND_XML = PROXY_WAR + "/WEB-INF/ibm-web-bnd.xml"
WEB_XML = PROXY_WAR + "/WEB-INF/web.xml"


def write(cfg, uri, text):
    os.makedirs(os.path.dirname(os.path.join(cfg, uri)), exist_ok=True)
    with open(os.path.join(cfg, uri), "wb") as f:
        f.write(text.encode("utf-8"))


def webmod_rows(view_text):
    """[(web module, URI, virtual host)] of a -MapWebModToVH view."""
    out, cur = [], {}
    for ln in view_text.splitlines():
        if ":  " in ln:
            k, v = ln.split(":  ", 1)
            cur[k] = v
            if k == "Virtual host":
                out.append((cur["Web module"], cur["URI"], v))
                cur = {}
    return out


def test_web_module_view_and_edit_of_the_generated_binding(objs, cfg):
    aa, ac, _repo = objs
    pristine = read(cfg, WEB_BND_XMI)
    aa.edit(PROXY_APP, "[-MapWebModToVH [[stproxy.war stproxy.war,WEB-INF/web.xml admin_host]]]")
    ac.save()
    assert read(cfg, WEB_BND_XMI) == pristine.replace(b'virtualHostName="default_host"', b'virtualHostName="admin_host"')
    aa.edit(PROXY_APP, ["-MapWebModToVH", [[".*", ".*", "default_host"]]])
    ac.save()
    assert read(cfg, WEB_BND_XMI) == pristine


def test_web_module_view_without_a_binding_document(cfg):
    os.remove(os.path.join(cfg, WEB_BND_XMI))
    aa = AdminApp(types.SimpleNamespace(repository=Repository(cfg), line_separator="\n"))
    text = aa.view(PROXY_APP, "-MapWebModToVH")
    lines = text.splitlines()
    assert lines[:3] == [
        "MapWebModToVH: Selecting virtual hosts for Web modules",
        "",
        "Specify the virtual host where you want to install the Web modules that are contained in "
        "your application. Web modules can be installed on the same virtual host or dispersed among "
        "several hosts.",
    ]
    assert lines[3:] == ["", "Web module:  stproxy.war", "URI:  stproxy.war,WEB-INF/web.xml", "Virtual host:  default_host"]


def test_web_module_edit_creates_the_binding_then_changes_one_attribute(cfg):
    os.remove(os.path.join(cfg, WEB_BND_XMI))
    write(
        cfg,
        WEB_XML,
        '<?xml version="1.0" encoding="UTF-8"?>\n<web-app id="WebApp_7" version="2.4" '
        'xmlns="http://java.sun.com/xml/ns/j2ee">\n  <display-name>Sametime Proxy</display-name>\n'
        "</web-app>\n",
    )
    repo = Repository(cfg)  # opened after web.xml is there
    aa, ac = AdminApp(types.SimpleNamespace(repository=repo, line_separator="\n")), AdminConfig(repo)
    assert webmod_rows(aa.view(PROXY_APP, ["-MapWebModToVH"])) == [
        ("Sametime Proxy", "stproxy.war,WEB-INF/web.xml", "default_host")
    ]
    assert aa.edit(PROXY_APP, "[-MapWebModToVH [[.* .* admin_host]]]") == ""
    assert not os.path.exists(os.path.join(cfg, WEB_BND_XMI)), "edit wrote before AdminConfig.save()"
    ac.save()
    assert read(cfg, WEB_BND_XMI).decode() == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<webappbnd:WebAppBinding xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:webappbnd="webappbnd.xmi" '
        'xmlns:webapplication="webapplication.xmi" xmi:id="WebApp_ID_Bnd" virtualHostName="admin_host">\n'
        '  <webapp href="WEB-INF/web.xml#WebApp_7"/>\n'
        "</webappbnd:WebAppBinding>\n"
    )
    created = read(cfg, WEB_BND_XMI)
    aa.edit(PROXY_APP, ["-MapWebModToVH", [["Sametime Proxy", "stproxy.war,WEB-INF/web.xml", "default_host"]]])
    ac.save()
    assert read(cfg, WEB_BND_XMI) == created.replace(b'virtualHostName="admin_host"', b'virtualHostName="default_host"')
    assert webmod_rows(aa.view(PROXY_APP, "-MapWebModToVH"))[0][2] == "default_host"
    aa.edit(PROXY_APP, '[-MapWebModToVH [["Sametime Proxy" stproxy.war,WEB-INF/web.xml default_host]]]')
    assert ac.hasChanges() == 0  # same value: nothing to change
    aa.edit(PROXY_APP, "[-MapWebModToVH [[.* .* admin_host]]]")
    ac.reset()
    assert webmod_rows(aa.view(PROXY_APP, "-MapWebModToVH"))[0][2] == "default_host"


def test_web_module_binding_in_the_java_ee_xml_form(cfg):
    os.remove(os.path.join(cfg, WEB_BND_XMI))
    write(
        cfg,
        WEB_BND_XML,
        '<?xml version="1.0" encoding="UTF-8"?>\n<web-bnd xmlns="http://websphere.ibm.com/xml/ns/'
        'javaee" version="1.0">\n  <virtual-host name="admin_host"/>\n</web-bnd>\n',
    )
    pristine = read(cfg, WEB_BND_XML)
    repo = Repository(cfg)
    aa, ac = AdminApp(types.SimpleNamespace(repository=repo, line_separator="\n")), AdminConfig(repo)
    assert webmod_rows(aa.view(PROXY_APP, "-MapWebModToVH"))[0][2] == "admin_host"
    aa.edit(PROXY_APP, "[-MapWebModToVH [[stproxy.war .* default_host]]]")
    ac.save()
    assert read(cfg, WEB_BND_XML) == pristine.replace(b'"admin_host"', b'"default_host"')
    assert not os.path.exists(os.path.join(cfg, WEB_BND_XMI))


@pytest.mark.parametrize(
    "opts,start,needle",
    [
        (
            "[-MapWebModToVH [[nomodule .* default_host]]]",
            'WASX7111E: Cannot find a match for supplied option: "[nomodule, .*, default_host]" for task "MapWebModToVH"',
            None,
        ),
        (
            "[-MapWebModToVH [[.* .* no_such_host]]]",
            'WASX7108E: Invalid data specified for install task: "MapWebModToVH."',
            'the virtual host "no_such_host" is not defined in cell stconsoleSSCCell1',
        ),
        ("[-MapWebModToVH [[.* default_host]]]", "WASX7108E", "has 2 columns; expected 3"),
        ("[-MapWebModToVH x]", "WASX7108E", "expected a list of rows"),
    ],
)
def test_web_module_edit_errors_change_nothing(objs, opts, start, needle):
    aa, ac, _repo = objs
    with pytest.raises(ScriptingException) as e:
        aa.edit(PROXY_APP, opts)
    assert e.value.message.startswith(start), e.value.message
    assert needle is None or needle in e.value.message
    assert ac.hasChanges() == 0


def test_both_tasks_in_one_edit_are_validated_before_any_change(objs):
    aa, ac, _repo = objs
    with pytest.raises(ScriptingException):
        aa.edit(APP, ["-MapRolesToUsers", [[ROLE, "Yes", "No", "", ""]], "-MapWebModToVH", [[".*", ".*", "nohost"]]])
    assert ac.hasChanges() == 0
    aa.edit(APP, ["-MapRolesToUsers", [[ROLE, "Yes", "No", "", ""]], "-MapWebModToVH", [[".*", ".*", "admin_host"]]])
    assert block(aa.view(APP, "-MapRolesToUsers"), ROLE)["Everyone?"] == "Yes"
    assert webmod_rows(aa.view(APP, "-MapWebModToVH")) == [("sipregistrar.war", "sipregistrar.war,WEB-INF/web.xml", "admin_host")]


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_web_modules_through_the_launcher(interpreter, cfg):
    import subprocess

    require(interpreter)
    cmds = [
        "-c",
        "AdminApp.edit('%s', ['-MapWebModToVH', [['.*', '.*', 'admin_host']]])" % PROXY_APP,
        "-c",
        "AdminConfig.save()",
        "-c",
        "print(AdminApp.view('%s', '-MapWebModToVH'))" % PROXY_APP,
        "-c",
        "AdminApp.edit('%s', '[-MapWebModToVH [[x y admin_host]]]')" % PROXY_APP,
    ]
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "harness.wsadmin",
            "-conntype",
            "NONE",
            "-configRoot",
            cfg,
            "-lang",
            "jython",
            "-interpreter",
            interpreter,
        ]
        + cmds,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, PYTHONPATH=ROOT),
    )
    assert "Virtual host:  admin_host" in p.stdout, p.stdout + p.stderr
    assert (
        'WASX7111E: Cannot find a match for supplied option: "[x, y, admin_host]" for task "MapWebModToVH"' in p.stdout + p.stderr
    )
    assert 'virtualHostName="admin_host"' in read(cfg, WEB_BND_XMI).decode()
