"""Issue 3 acceptance: the same checks, run once per interpreter, with the real AdminConfig."""

import os
import shutil
import textwrap

import pytest
from conftest import NODE, SERVER_ID, run_wsadmin, snapshot

INTERPRETERS = [
    "cpython",
    pytest.param("jython", marks=[pytest.mark.jython, pytest.mark.skipif(
        shutil.which("jython") is None, reason="jython not installed (apt-get install jython)")]),
]
LOCAL = ("WASX7357I: By request, this scripting client is not connected to any server process. "
         "Certain configuration and application operations will be available in local mode.")


def run(interpreter, cfg, tmp_path, body, *args):
    script = tmp_path / "s.py"
    script.write_text(textwrap.dedent(body))
    return run_wsadmin(["-interpreter", interpreter, "-conntype", "NONE", "-configRoot", cfg, "-lang", "jython",
                        "-f", str(script)] + list(args))


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_config_round_trip(interpreter, real_config, tmp_path):
    before = snapshot(real_config)
    rc, out, err = run(interpreter, real_config, tmp_path, """
        from __future__ import print_function
        srv = AdminConfig.getid('/Node:jennexNode01/Server:server1/')
        print(srv == AdminConfig.list('Server'))
        print(AdminConfig.show(AdminConfig.list('JavaVirtualMachine', srv), ['debugMode']))
        vh = AdminConfig.getid('/VirtualHost:default_host/')
        alias = AdminConfig.create('HostAlias', vh, [['hostname', 'chat.example.com'], ['port', '443']])
        print(AdminConfig.show(alias))
        gone = AdminConfig.list('HostAlias', vh).splitlines()[0]
        print(AdminConfig.remove(gone) == '')
        for ep in AdminConfig.list('NamedEndPoint', srv).splitlines():
            pass
        e = [x for x in AdminConfig.list('NamedEndPoint').splitlines()
             if AdminConfig.showAttribute(x, 'endPointName') == 'WC_defaulthost'][0]
        AdminConfig.modify(AdminConfig.showAttribute(e, 'endPoint'), '[[port 80]]')
        print(AdminConfig.queryChanges().splitlines()[1:])
        print(repr(str(AdminConfig.save())))
        print(AdminConfig.hasChanges())
    """)
    assert rc == 0, out + err
    lines = out.splitlines()
    assert lines[0] == LOCAL
    assert lines[1] == "True"
    assert lines[2] == "[debugMode false]"
    assert lines[3:5] == ["[hostname chat.example.com]", "[port 443]"]
    assert lines[5] == "True"
    assert lines[6].replace("u'", "'") == "['cells/jennexNode01Cell/nodes/jennexNode01|serverindex.xml', " \
        "'cells/jennexNode01Cell|virtualhosts.xml']"
    assert lines[7:] == ["''", "0"]
    after = snapshot(real_config)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert [c.replace(os.sep, "/") for c in changed] == [NODE + "/serverindex.xml",
                                                         "cells/jennexNode01Cell/virtualhosts.xml"]


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_uncaught_exception_exits_105(interpreter, real_config, tmp_path):
    before = snapshot(real_config)
    rc, out, err = run(interpreter, real_config, tmp_path, """
        vh = AdminConfig.getid('/VirtualHost:default_host/')
        AdminConfig.create('HostAlias', vh, [['hostname', 'x'], ['port', '1']])
        AdminConfig.list('NoSuchType')
        AdminConfig.save()
    """)
    assert rc == 105
    assert ("WASX7017E: Exception received while running file \"%s\"; exception information: "
            "com.ibm.websphere.management.exception.InvalidConfigDataTypeException: "
            "ADMG0007E: The configuration data type NoSuchType is not valid." % (tmp_path / "s.py")) in out
    assert snapshot(real_config) == before


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_sys_exit_code(interpreter, real_config, tmp_path):
    rc, out, err = run(interpreter, real_config, tmp_path, "import sys\nsys.exit(3)\n")
    assert rc == 3, out + err


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_catch_scripting_exception_by_name(interpreter, real_config, tmp_path):
    rc, out, err = run(interpreter, real_config, tmp_path, """
        from __future__ import print_function
        import com.ibm.ws.scripting
        try:
            AdminConfig.show('')
        except com.ibm.ws.scripting.ScriptingException as e:
            print('caught: ' + str(e.message))
    """)
    assert rc == 0, out + err
    assert out.splitlines()[1] == ('caught: WASX7444E: Invalid parameter value "" for parameter "config id" '
                                   'on command "show"')


@pytest.mark.jython
@pytest.mark.skipif(shutil.which("jython") is None, reason="jython not installed (apt-get install jython)")
def test_python2_syntax_and_unicode_under_jython(real_config, tmp_path):
    rc, out, err = run("jython", real_config, tmp_path, """
        import com.ibm.ws.scripting
        try:
            AdminConfig.show('')
        except com.ibm.ws.scripting.ScriptingException, e:
            print 'caught', e.message.split(':')[0]
        print type(AdminConfig.list('Server'))
        print AdminConfig.list('Server')
    """)
    assert rc == 0, out + err
    assert out.splitlines()[1:] == ["caught WASX7444E", "<type 'unicode'>", SERVER_ID]


def test_same_id_under_both_interpreters(real_config):
    outs = []
    for interp in ("cpython", "jython"):
        if interp == "jython" and shutil.which("jython") is None:
            pytest.skip("jython not installed")
        rc, out, err = run_wsadmin(["-interpreter", interp, "-conntype", "NONE", "-configRoot", real_config,
                                    "-lang", "jython", "-c", "print AdminConfig.list('Server')"
                                    if interp == "jython" else "print(AdminConfig.list('Server'))"])
        assert rc == 0, out + err
        outs.append(out.splitlines())
    assert outs[0] == outs[1] == [LOCAL, SERVER_ID]
