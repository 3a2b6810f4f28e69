"""Issue 3 acceptance: the same checks, run once per interpreter (CPython, Jython 2.7, Jython 2.1), with the
real AdminConfig.  The scripts are in the common subset of the three (see design.md)."""

import os
import textwrap

import pytest
from conftest import NODE, SERVER_ID, run_wsadmin, snapshot
from jobs_helpers import INTERPRETERS, interpreter_problem

LOCAL = (
    "WASX7357I: By request, this scripting client is not connected to any server process. "
    "Certain configuration and application operations will be available in local mode."
)


def run(interpreter, cfg, tmp_path, body, *args):
    script = tmp_path / "s.py"
    script.write_text(textwrap.dedent(body))
    return run_wsadmin(
        ["-interpreter", interpreter, "-conntype", "NONE", "-configRoot", cfg, "-lang", "jython", "-f", str(script)] + list(args)
    )


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_config_round_trip(interpreter, real_config, tmp_path):
    before = snapshot(real_config)
    rc, out, err = run(
        interpreter,
        real_config,
        tmp_path,
        """
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
    """,
    )
    assert rc == 0, out + err
    lines = out.splitlines()
    assert lines[0] == LOCAL
    assert lines[1] in ("True", "1")
    assert lines[2] == "[debugMode false]"
    assert lines[3:5] == ["[hostname chat.example.com]", "[port 443]"]
    assert lines[5] in ("True", "1")
    assert (
        lines[6].replace("u'", "'") == "['cells/jennexNode01Cell/nodes/jennexNode01|serverindex.xml', "
        "'cells/jennexNode01Cell|virtualhosts.xml']"
    )
    assert lines[7:] == ["''", "0"]
    after = snapshot(real_config)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert [c.replace(os.sep, "/") for c in changed] == [NODE + "/serverindex.xml", "cells/jennexNode01Cell/virtualhosts.xml"]


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_uncaught_exception_exits_105(interpreter, real_config, tmp_path):
    before = snapshot(real_config)
    rc, out, err = run(
        interpreter,
        real_config,
        tmp_path,
        """
        vh = AdminConfig.getid('/VirtualHost:default_host/')
        AdminConfig.create('HostAlias', vh, [['hostname', 'x'], ['port', '1']])
        AdminConfig.list('NoSuchType')
        AdminConfig.save()
    """,
    )
    assert rc == 105
    assert out == LOCAL + "\n" + (
        'WASX7017E: Exception received while running file "%s"; exception information:%s'
        "com.ibm.websphere.management.exception.InvalidConfigDataTypeException: "
        "ADMG0007E: The configuration data type NoSuchType is not valid.\n"
        % (tmp_path / "s.py", "\n" if interpreter == "jython21" else " ")
    )
    assert snapshot(real_config) == before


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_sys_exit_code(interpreter, real_config, tmp_path):
    rc, out, err = run(interpreter, real_config, tmp_path, "import sys\nsys.exit(3)\n")
    assert rc == 3, out + err


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_catch_scripting_exception_by_name(interpreter, real_config, tmp_path):
    rc, out, err = run(
        interpreter,
        real_config,
        tmp_path,
        """
        import sys
        import com.ibm.ws.scripting.ScriptingException
        try:
            AdminConfig.show('')
        except com.ibm.ws.scripting.ScriptingException:
            print('caught: ' + str(sys.exc_info()[1].getMessage()))
    """,
    )
    assert rc == 0, out + err
    assert out.splitlines()[1] == ('caught: WASX7444E: Invalid parameter value "" for parameter "config id" on command "show"')


@pytest.mark.parametrize("interpreter", INTERPRETERS[1:])
def test_python2_syntax_and_string_type_under_jython(interpreter, real_config, tmp_path):
    rc, out, err = run(
        interpreter,
        real_config,
        tmp_path,
        """
        import com.ibm.ws.scripting
        try:
            AdminConfig.show('')
        except com.ibm.ws.scripting.ScriptingException, e:
            print 'caught', e.message.split(':')[0]
        print type(AdminConfig.list('Server'))
        print AdminConfig.list('Server')
    """,
    )
    assert rc == 0, out + err
    string_type = {"jython": "<type 'unicode'>", "jython21": "org.python.core.PyString"}[interpreter]
    assert out.splitlines()[1:] == ["caught WASX7444E", string_type, SERVER_ID]


def test_same_id_under_every_interpreter(real_config):
    outs = []
    for interp in ("cpython", "jython", "jython21"):
        if interpreter_problem(interp):
            pytest.skip("-interpreter %s: %s" % (interp, interpreter_problem(interp)))
        rc, out, err = run_wsadmin(
            [
                "-interpreter",
                interp,
                "-conntype",
                "NONE",
                "-configRoot",
                real_config,
                "-lang",
                "jython",
                "-c",
                "print(AdminConfig.list('Server'))",
            ]
        )
        assert rc == 0, out + err
        outs.append(out.splitlines())
    assert outs[0] == outs[1] == outs[2] == [LOCAL, SERVER_ID]


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_invoke_jmx_with_java_values(interpreter, generated_cell, tmp_path):
    """AdminControl.invoke_jmx with a real byte[] in and a java.util.Properties out, and a JMX exception back."""
    script = tmp_path / "jmx.py"
    script.write_text(
        textwrap.dedent("""
        import sys
        from java.lang import String
        from java.util import Properties
        from javax.management import ObjectName
        name = AdminControl.queryNames('type=SecurityAdmin,*').splitlines()[0]
        props = AdminControl.invoke_jmx(ObjectName(name), 'exportLTPAKeys', [String('pw').getBytes()], ['[B'])
        print('%d %d' % (isinstance(props, Properties), len(props.getProperty('com.ibm.websphere.ltpa.3DESKey')) > 20))
        print(props.getProperty('com.ibm.websphere.ltpa.Realm') is not None)
        try:
            AdminControl.invoke_jmx(ObjectName(name), 'importLTPAKeys', [props, String('wrong').getBytes()],
                                    ['java.util.Properties', '[B'])
        except:
            e = sys.exc_info()[1]
            print(str(e).split(':')[0])
    """)
    )
    rc, out, err = run_wsadmin(
        ["-interpreter", interpreter, "-conntype", "SOAP", "-configRoot", generated_cell, "-f", str(script)]
    )
    assert rc == 0, out + err
    lines = out.splitlines()[1:]
    assert lines[0] == "1 1"
    assert lines[1] in ("1", "True")
    assert lines[2:] == ["javax.management.MBeanException"]
