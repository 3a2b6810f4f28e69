"""AdminControl: local mode raises; connected mode (-conntype SOAP) over the MBeans of the generated Sametime cell
(harness.was.mbeans): names, queryNames patterns, completeObjectName, TraceService attributes (runtime only), NodeSync,
invoke forms, errors -- in process and through the launcher under both interpreters."""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from jobs_helpers import INTERPRETERS
from paths import REAL_CONFIG as REAL

from harness.base import errors
from harness.launcher.session import make_session
from harness.scripting.admincontrol import ConnectedAdminControl, LocalAdminControl
from harness.was.mbeans import (
    AttributeNotFoundException,
    InstanceNotFoundException,
    MalformedObjectNameException,
    ObjectName,
)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(REPO, "samples", "sametime", "config")
CELL = "stconsoleSSCCell1"
NODES = ["stconsoleSSCNode1", "stmediaSTMSNode1", "stmeetingSTMNode1", "stproxySTPNode1"]
CONNECTED = (
    'WASX7209I: Connected to process "dmgr" on node DMgrNode using SOAP connector;  The type of process is: DeploymentManager'
)


@pytest.fixture
def cfg(tmp_path):
    dst = str(tmp_path / "config")
    shutil.copytree(SAMPLE, dst)
    return dst


@pytest.fixture
def session(cfg):
    s = make_session(cfg, "SOAP", "\n")
    yield s
    s.close()


@pytest.fixture
def ctl(session):
    return session.objects["AdminControl"]


def wsadmin(args, interpreter, timeout=300):
    env = dict(os.environ)
    env.pop("STWAS_SESSION_FACTORY", None)
    env["PYTHONPATH"] = REPO + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "harness.wsadmin", "-interpreter", interpreter] + list(args),
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


# ---------------------------------------------------------------------------------------------- ObjectName
class TestObjectName:
    NAME = (
        "WebSphere:name=NodeSync,process=nodeagent,platform=common,node=n1,diagnosticProvider=true,"
        "version=8.5.5.9,type=NodeSync,mbeanIdentifier=NodeSync,cell=c,spec=1.0"
    )

    def test_parse_and_canonical(self):
        on = ObjectName(self.NAME)
        assert on.getDomain() == "WebSphere"
        assert on.getKeyProperty("node") == "n1"
        assert not on.isPattern()
        assert on.getCanonicalName().startswith("WebSphere:cell=c,diagnosticProvider=true,")
        assert str(on) == self.NAME
        assert on == ObjectName("WebSphere:" + ",".join(reversed(self.NAME.split(":", 1)[1].split(","))))

    @pytest.mark.parametrize(
        "pattern,hit",
        [
            ("*:*", True),
            ("type=NodeSync,*", True),
            ("WebSphere:type=NodeSync,*", True),
            ("node=n1,type=NodeSync,*", True),
            ("type=NodeSync,node=n*,*", True),
            ("Web*:spec=1.?,*", True),
            ("type=Server,*", False),
            ("Other:*", False),
            ("type=NodeSync,node=n2,*", False),
            ("type=NodeSync", False),  # not a property-list pattern: every key must be given
        ],
    )
    def test_patterns(self, pattern, hit):
        assert ObjectName(pattern).apply(ObjectName(self.NAME)) is hit

    @pytest.mark.parametrize("bad", ["", "   ", "WebSphere:", "WebSphere:type", "a=1,a=2", "x=,*"])
    def test_malformed(self, bad):
        with pytest.raises(MalformedObjectNameException):
            ObjectName(bad)


# ---------------------------------------------------------------------------------------------- local mode
def test_local_mode_adminControl_raises(cfg):
    s = make_session(cfg, "NONE", "\n")
    try:
        ctl = s.objects["AdminControl"]
        assert isinstance(ctl, LocalAdminControl)
        for call in (lambda: ctl.getType(), lambda: ctl.queryNames("*:*"), lambda: ctl.getCell()):
            with pytest.raises(errors.ScriptingException):
                call()
    finally:
        s.close()


# ---------------------------------------------------------------------------------------------- connected, in process
class TestConnected:
    def test_connection_facts(self, ctl, session):
        assert isinstance(ctl, ConnectedAdminControl)
        assert session.dmgr_node == "DMgrNode"
        assert (ctl.getCell(), ctl.getNode(), ctl.getHost(), ctl.getPort(), ctl.getType()) == (
            CELL,
            "DMgrNode",
            "stconsole.example.com",
            "8703",
            "SOAP",
        )

    def test_query_names(self, ctl):
        every = ctl.queryNames("*:*").split("\n")
        assert len(every) == len(set(every)) > 20
        syncs = ctl.queryNames("type=NodeSync,*").split("\n")
        assert sorted(ObjectName(n).getKeyProperty("node") for n in syncs) == NODES
        for n in syncs:
            on = ObjectName(n)
            assert on.getKeyPropertyList() == {
                "name": "NodeSync",
                "process": "nodeagent",
                "platform": "common",
                "node": on.getKeyProperty("node"),
                "diagnosticProvider": "true",
                "version": "8.5.5.9",
                "type": "NodeSync",
                "mbeanIdentifier": "NodeSync",
                "cell": CELL,
                "spec": "1.0",
            }
            assert "node=%s," % on.getKeyProperty("node") in n  # scripts find() the node key
        ts = ctl.queryNames("WebSphere:type=TraceService,process=STProxyServer,*")
        assert ts == ctl.queryNames("process=STProxyServer,type=TraceService,*")  # key order is free
        assert ObjectName(ts).getKeyProperty("node") == "stproxySTPNode1"
        servers = {ObjectName(n).getKeyProperty("name") for n in ctl.queryNames("type=Server,*").split("\n")}
        assert {
            "dmgr",
            "nodeagent",
            "STConsoleServer",
            "STProxyServer",
            "STMeetingServer",
            "STMediaServer",
            "STMeetingHttpProxy",
        } <= servers
        n_servers = len(ctl.queryNames("type=Server,*").split("\n"))
        assert len(ctl.queryNames("type=TraceService,*").split("\n")) == n_servers
        assert ctl.queryNames("type=DeploymentManager,*").count("process=dmgr") == 1
        sec = ctl.queryNames("*:*,name=SecurityAdmin")
        assert sec == ctl.queryNames("process=dmgr,type=SecurityAdmin,*") and "\n" not in sec
        assert ctl.queryNames("type=NoSuchType,*") == ""

    def test_complete_object_name(self, ctl, capsys):
        n = ctl.completeObjectName("type=NodeSync,node=stproxySTPNode1,*")
        assert ObjectName(n).getKeyProperty("node") == "stproxySTPNode1"
        assert ctl.completeObjectName("type=NodeSync,node=nosuch,*") == ""
        assert ctl.completeObjectName("type=Server,name=STProxyServer") == ctl.queryNames("type=Server,name=STProxyServer,*")
        first = ctl.completeObjectName("type=NodeSync,*")
        assert first == ctl.queryNames("type=NodeSync,*").split("\n")[0]
        assert "WASX7026W" in capsys.readouterr().out

    def test_trace_service_runtime_only(self, ctl, cfg, session):
        ts = ctl.completeObjectName("type=TraceService,process=STProxyServer,*")
        assert ctl.getAttribute(ts, "traceSpecification") == "*=info"
        spec = "*=info:com.ibm.ws.security.*=finest"
        assert ctl.setAttribute(ts, "traceSpecification", spec) == ""
        assert ctl.getAttribute(ts, "traceSpecification") == spec
        assert "[traceSpecification %s]" % spec in ctl.getAttributes(ts, "[traceSpecification]")
        assert ctl.getAttributes(ts).startswith("[[")
        # other servers untouched, config untouched
        other = ctl.completeObjectName("type=TraceService,process=STMediaServer,*")
        assert ctl.getAttribute(other, "traceSpecification") == "*=info"
        assert session.objects["AdminConfig"].hasChanges() == 0
        s2 = make_session(cfg, "SOAP", "\n")
        try:
            assert s2.objects["AdminControl"].getAttribute(ts, "traceSpecification") == "*=info"
        finally:
            s2.close()

    def test_trace_starts_from_startup_spec(self, cfg):
        s = make_session(cfg, "NONE", "\n")
        ac = s.objects["AdminConfig"]
        srv = ac.getid("/Node:stproxySTPNode1/Server:STProxyServer/")
        ac.modify(ac.list("TraceService", srv), [["startupTraceSpecification", "*=info:SASRas=finest"]])
        ac.save()
        s.close()
        s = make_session(cfg, "SOAP", "\n")
        try:
            ctl = s.objects["AdminControl"]
            ts = ctl.completeObjectName("type=TraceService,process=STProxyServer,*")
            assert ctl.getAttribute(ts, "traceSpecification") == "*=info:SASRas=finest"
        finally:
            s.close()

    def test_invoke_forms(self, ctl):
        for n in ctl.queryNames("type=NodeSync,*").split("\n"):
            assert ctl.invoke(n, "sync") == "true"
            assert ctl.invoke(n, "sync", "[]", "[]") == "true"
        ts = ctl.completeObjectName("type=TraceService,process=STConsoleServer,*")
        assert ctl.invoke(ts, "appendTraceString", "[com.ibm.ws.x=all]", "[java.lang.String]") == ""
        assert ctl.getAttribute(ts, "traceSpecification") == "*=info:com.ibm.ws.x=all"
        on = ObjectName(ctl.completeObjectName("type=NodeSync,node=stproxySTPNode1,*"))
        assert ctl.invoke_jmx(on, "sync", [], []) is True
        assert ctl.setAttributes(ts, [["traceSpecification", "*=all"]]) == "[traceSpecification]"
        assert ctl.getAttribute(ts, "traceSpecification") == "*=all"
        srv = ctl.completeObjectName("type=Server,process=STProxyServer,*")
        assert ctl.getAttribute(srv, "state") == "STARTED"
        assert ctl.getConfigId(srv).startswith(
            "STProxyServer(cells/%s/nodes/stproxySTPNode1/servers/STProxyServer|server.xml#Server_" % CELL
        )

    def test_errors(self, ctl):
        with pytest.raises(errors.ScriptingException) as e:
            ctl.getAttribute("", "traceSpecification")
        assert e.value.message == 'WASX7025E: Error found in String ""; cannot create ObjectName.'
        with pytest.raises(errors.ScriptingException) as e:
            ctl.queryNames("no-key-value")
        assert "WASX7025E" in e.value.message and "no-key-value" in e.value.message
        missing = "WebSphere:name=TraceService,process=nosuch,type=TraceService,cell=%s" % CELL
        with pytest.raises(InstanceNotFoundException) as e:
            ctl.getAttribute(missing, "traceSpecification")
        assert str(e.value) == "javax.management.InstanceNotFoundException: " + missing
        with pytest.raises(InstanceNotFoundException):
            ctl.invoke(missing, "sync")
        ts = ctl.completeObjectName("type=TraceService,process=STProxyServer,*")
        with pytest.raises(AttributeNotFoundException):
            ctl.getAttribute(ts, "noSuchAttribute")
        with pytest.raises(errors.JavaException) as e:
            ctl.invoke(ts, "noSuchOperation")
        assert "javax.management.ReflectionException" in str(e.value)


# ---------------------------------------------------------------------------------------------- through the launcher
SCRIPT = """
import sys
cell = AdminControl.getCell()
print('cell=%s node=%s type=%s port=%s'
      % (cell, AdminControl.getNode(), AdminControl.getType(), AdminControl.getPort()))
names = AdminControl.queryNames('type=NodeSync,*').splitlines()
ok = [AdminControl.invoke(n, 'sync') for n in names]
print('sync %d %s' % (len(names), ','.join([str(x) for x in ok])))
ts = AdminControl.completeObjectName('type=TraceService,process=STProxyServer,*')
AdminControl.setAttribute(ts, 'traceSpecification', '*=info:com.ibm.ws.x=all')
print('trace ' + AdminControl.getAttribute(ts, 'traceSpecification'))
print('type ' + type(AdminControl.getCell()).__name__)
try:
    AdminControl.getAttribute('', 'x')
except:
    print('bad ' + str(sys.exc_info()[1]))
try:
    AdminControl.getAttribute(ts.replace('STProxyServer', 'nosuch'), 'traceSpecification')
except:
    print('missing ' + str(sys.exc_info()[1]).split(':')[0])
"""


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_connected_mode_through_launcher(cfg, tmp_path, interpreter):
    s = tmp_path / "ctl.py"
    s.write_text(textwrap.dedent(SCRIPT))
    r = wsadmin(["-conntype", "SOAP", "-configRoot", cfg, "-f", str(s)], interpreter)
    assert r.returncode == 0, r.stdout + r.stderr
    out = r.stdout.splitlines()
    assert out[0] == CONNECTED
    assert out[1:] == [
        "cell=%s node=DMgrNode type=SOAP port=8703" % CELL,
        "sync 4 true,true,true,true",
        "trace *=info:com.ibm.ws.x=all",
        "type " + {"jython": "unicode", "jython21": "org.python.core.PyString"}.get(interpreter, "str"),
        'bad com.ibm.ws.scripting.ScriptingException: WASX7025E: Error found in String ""; cannot create ObjectName.',
        "missing javax.management.InstanceNotFoundException",
    ]


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_local_mode_through_launcher_still_raises(cfg, interpreter):
    r = wsadmin(["-conntype", "NONE", "-configRoot", cfg, "-c", "AdminControl.getType()"], interpreter)
    assert r.returncode == 105
    # [V] wsadmin-semantics.md 12: public scripts test the message with endswith('AdminControl service not available')
    # the Jython 2.1 wsadmin breaks the line after "exception information:" (semantics 12)
    sep = "\n" if interpreter == "jython21" else " "
    assert "exception information:%scom.ibm.ws.scripting.ScriptingException: AdminControl service not available" % sep in r.stdout


def test_base_cell_connects_to_its_server(tmp_path):
    cfg = str(tmp_path / "real")
    shutil.copytree(REAL, cfg)
    s = make_session(cfg, "SOAP", "\n")
    try:
        ctl = s.objects["AdminControl"]
        names = ctl.queryNames("*:*").split("\n")
        assert len(names) == len(set(names)) == 3  # Server, TraceService, SecurityAdmin of server1
        assert ctl.getNode() == "jennexNode01" and ctl.getPort() == "8880"
        assert "processType=UnManagedProcess" in ctl.queryNames("type=Server,*")
        assert ctl.queryNames("type=NodeSync,*") == ""
    finally:
        s.close()
