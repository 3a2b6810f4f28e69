"""Bad input (issue 2 item 6, issue 12 item 3): malformed documents, entities and DTDs, a wrong -configRoot,
linked and looping trees, duplicated ids, documents a job does not need, validate()'s log."""

import os
import shutil
import stat

import pytest
from conftest import CELL, SAMPLE_CONFIG, SERVER, run_wsadmin, snapshot
from jobs_helpers import copy_sample, run_job, run_plan

from harness.base.errors import MalformedDocumentError, ScriptingException
from harness.scripting.adminconfig import AdminConfig

LAUNCH = ["-interpreter", "cpython", "-conntype", "NONE", "-lang", "jython"]


def _path(root, rel):
    return os.path.join(root, *rel.split("/"))


def break_server_xml(root):
    p = _path(root, SERVER + "/server.xml")
    data = (
        open(p, "rb")
        .read()
        .replace(
            b'<stateManagement xmi:id="StateManageable_1183122130078" initialState="START"/>',
            b'<stateManagement xmi:id="StateManageable_1183122130078" initialState="START">',
            1,
        )
    )
    open(p, "wb").write(data)
    return p


def test_malformed_document_names_path_and_line(real_config):
    p = break_server_xml(real_config)
    ac = AdminConfig(real_config)
    with pytest.raises(MalformedDocumentError) as e:
        ac.list("Server")
    msg = e.value.message
    assert msg.startswith(p + ":")
    line = int(msg[len(p) + 1 :].split(":")[0])
    assert line > 2
    assert "\n" not in msg
    assert isinstance(e.value, ScriptingException)


def test_malformed_document_through_launcher_writes_nothing(real_config, tmp_path):
    break_server_xml(real_config)
    before = snapshot(real_config)
    script = tmp_path / "s.py"
    script.write_text(
        "vh = AdminConfig.getid('/VirtualHost:default_host/')\n"
        "AdminConfig.create('HostAlias', vh, [['hostname', 'x'], ['port', '1']])\n"
        "print(AdminConfig.list('Server'))\n"
        "AdminConfig.save()\n"
    )
    rc, out, err = run_wsadmin(LAUNCH + ["-configRoot", real_config, "-f", str(script)])
    assert rc == 105
    assert "WASX7017E" in out + err
    assert "server.xml:" in out + err
    assert snapshot(real_config) == before


def test_other_documents_still_work_when_one_is_malformed(real_config):
    break_server_xml(real_config)
    ac = AdminConfig(real_config)
    assert ac.getid("/VirtualHost:default_host/").startswith("default_host(")


@pytest.mark.parametrize("entity", ["file:///etc/passwd", "http://127.0.0.1:9/evil.dtd"])
def test_external_entities_are_never_expanded(real_config, entity):
    p = _path(real_config, CELL + "/cell.xml")
    data = open(p, "rb").read()
    data = data.replace(
        b'<?xml version="1.0" encoding="UTF-8"?>\n',
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE x [<!ENTITY ext SYSTEM "' + entity.encode() + b'">]>\n',
        1,
    )
    data = data.replace(
        b'name="enableAdminAuthorizationCache" value="true"', b'name="enableAdminAuthorizationCache" value="&ext;"', 1
    )
    open(p, "wb").write(data)
    ac = AdminConfig(real_config)
    try:
        prop = [i for i in ac.list("Property").splitlines() if i.startswith("enableAdminAuthorizationCache(")]
        value = ac.showAttribute(prop[0], "value") if prop else ""
    except ScriptingException:
        return  # refusing the document is fine too
    assert "root:" not in (value or "")


def test_external_dtd_is_not_fetched(real_config):
    p = _path(real_config, CELL + "/cell.xml")
    data = (
        open(p, "rb")
        .read()
        .replace(
            b'<?xml version="1.0" encoding="UTF-8"?>\n',
            b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE x SYSTEM "file:///nonexistent/evil.dtd">\n',
            1,
        )
    )
    open(p, "wb").write(data)
    ac = AdminConfig(real_config)
    assert ac.list("Cell").startswith("jennexNode01Cell(")


@pytest.mark.parametrize("kind", ["missing", "empty", "file", "no-cell-xml"])
def test_bad_config_root_is_one_line_error(tmp_path, kind):
    root = tmp_path / "x"
    if kind == "empty":
        root.mkdir()
    elif kind == "file":
        root.write_text("not a dir")
    elif kind == "no-cell-xml":
        (root / "cells" / "c").mkdir(parents=True)
    rc, out, err = run_wsadmin(LAUNCH + ["-configRoot", str(root), "-c", "print(1)"])
    assert rc != 0
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert str(root) in lines[0]
    assert "Traceback" not in out + err


# ------------------------------------------------------------------ issue 12: odd trees, ambiguous ids, unneeded documents
ST_CELL = "cells/stconsoleSSCCell1"
ST_NODE = ST_CELL + "/nodes/stproxySTPNode1"
PORTS = ("--server", "STProxyServer", "--host", "chat.example.com", "--http-port", "80", "--https-port", "443")


def linked_cell(tmp_path):
    """The sample cell with cells/<cell> a symlink to a directory outside the config tree."""
    cfg = str(tmp_path / "config")
    shutil.copytree(SAMPLE_CONFIG, cfg)
    elsewhere = str(tmp_path / "elsewhere")
    os.mkdir(elsewhere)
    shutil.move(_path(cfg, ST_CELL), os.path.join(elsewhere, "stconsoleSSCCell1"))
    os.symlink(os.path.join(elsewhere, "stconsoleSSCCell1"), _path(cfg, ST_CELL))
    return cfg, elsewhere


def test_a_linked_cell_directory_works_and_stays_a_link(tmp_path):
    cfg, elsewhere = linked_cell(tmp_path)
    r = run_job("cpython", cfg, "set_server_ports", *PORTS)
    assert r.rc == 0 and r.result["saved"], r
    assert os.path.islink(_path(cfg, ST_CELL))
    with open(os.path.join(elsewhere, "stconsoleSSCCell1", "nodes", "stproxySTPNode1", "serverindex.xml"), "rb") as f:
        assert b'host="chat.example.com" port="80"' in f.read()


def test_links_back_into_the_tree_are_not_followed(tmp_path):
    cfg = str(tmp_path / "config")
    shutil.copytree(SAMPLE_CONFIG, cfg)
    servers = AdminConfig(cfg).list("Server")
    os.symlink("../..", _path(cfg, ST_NODE + "/loop"))  # a loop
    os.symlink(_path(cfg, ST_CELL), _path(cfg, "cells/alias"))  # a second name of the cell
    os.symlink(str(tmp_path), _path(cfg, ST_NODE + "/up"))  # outside, but holding the tree itself
    assert AdminConfig(cfg).list("Server") == servers


def test_plan_of_a_linked_cell_shows_the_change_and_leaves_the_source_alone(tmp_path):
    cfg, elsewhere = linked_cell(tmp_path)
    before = snapshot(elsewhere)
    p = run_plan(cfg, "set_server_ports", *PORTS, interpreter="cpython")
    assert p.returncode == 0, p.stdout + p.stderr
    assert "+++ b/%s/serverindex.xml" % ST_NODE in p.stdout
    assert "no configuration document changed" not in p.stdout
    assert snapshot(elsewhere) == before and os.path.islink(_path(cfg, ST_CELL))


def test_an_edit_of_an_object_whose_id_is_duplicated_is_refused_naming_both_places(tmp_path):
    cfg = copy_sample(tmp_path)
    si = _path(cfg, ST_NODE + "/serverindex.xml")
    data = open(si, "rb").read()
    assert data.count(b'xmi:id="EndPoint_1183122129650"') == 1
    open(si, "wb").write(data.replace(b'xmi:id="EndPoint_1183122129650"', b'xmi:id="EndPoint_1183122129647"'))
    lines = [n + 1 for n, ln in enumerate(open(si, "rb").read().splitlines()) if b'xmi:id="EndPoint_1183122129647"' in ln]
    assert len(lines) == 2
    before = snapshot(cfg)
    # a read works: the id reads as its first object
    ep = "(%s|serverindex.xml#EndPoint_1183122129647)" % ST_NODE
    assert AdminConfig(cfg).showAttribute(ep, "port") == "9080"
    r = run_job("cpython", cfg, "set_server_ports", *PORTS)
    assert r.rc != 0 and r.result["saved"] is False, r
    assert len(r.error_lines) == 1, r
    assert (
        'ADMR0015E: The object id "EndPoint_1183122129647" is not unique (%s:%d and %s:%d)' % (si, lines[0], si, lines[1])
    ) in r.error_lines[0]
    assert "Traceback" not in r.stdout + r.stderr
    assert snapshot(cfg) == before


def test_a_malformed_document_the_job_does_not_need_does_not_stop_it(tmp_path):
    cfg = copy_sample(tmp_path)
    stav = _path(cfg, ST_CELL + "/nodes/stmediaSTMSNode1/servers/STMediaServer/stavconfig.xml")
    with open(stav, "ab") as f:
        f.write(b"<broken")
    broken = open(stav, "rb").read()
    r = run_job("cpython", cfg, "set_server_ports", *PORTS)
    assert r.rc == 0 and r.result["saved"], r
    assert open(stav, "rb").read() == broken
    assert len(AdminConfig(cfg).list("Server").splitlines()) > 5


def test_an_unknown_document_that_can_hold_the_type_is_still_looked_into(tmp_path):
    cfg = copy_sample(tmp_path)
    extra = _path(cfg, ST_NODE + "/servers/STProxyServer/extra-server.xml")
    with open(extra, "wb") as f:
        f.write(
            b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment first -->\n'
            b'<process:Server xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" '
            b'xmlns:process="http://www.ibm.com/websphere/appserver/schemas/5.0/process.xmi" '
            b'xmi:id="Server_42" name="Extra"/>\n'
        )
    assert any(i.startswith("Extra(") for i in AdminConfig(cfg).list("Server").splitlines())
    with open(extra, "ab") as f:
        f.write(b"<broken")
    with pytest.raises(MalformedDocumentError):  # it could hold a Server: a lookup must not skip it
        AdminConfig(cfg).list("Server")


def test_validate_never_writes_through_a_planted_symlink(tmp_path, real_config):
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious\n")
    os.symlink(str(victim), str(tmpdir / "wsadmin.valout"))
    rc, out, err = run_wsadmin(
        LAUNCH + ["-configRoot", real_config, "-c", "print(AdminConfig.validate())"], env={"TMPDIR": str(tmpdir)}
    )
    assert rc == 0, out + err
    assert victim.read_bytes() == b"precious\n"
    line = [ln for ln in out.splitlines() if ln.startswith("WASX7193I")][0]
    log = line.split(" logged in ")[1].split(": Total")[0]
    assert os.path.dirname(log) == str(tmpdir) and os.path.basename(log).startswith("wsadmin.valout.")
    st = os.lstat(log)
    assert stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o600
    # without a planted link the usual name is used
    os.unlink(str(tmpdir / "wsadmin.valout"))
    rc, out, err = run_wsadmin(
        LAUNCH + ["-configRoot", real_config, "-c", "print(AdminConfig.validate())"], env={"TMPDIR": str(tmpdir)}
    )
    assert "logged in %s: Total" % (tmpdir / "wsadmin.valout") in out
