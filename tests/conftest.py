import os
import shutil
import subprocess
import sys
import warnings

import pytest
from jobs_helpers import snapshot  # noqa: F401  (tests import it from here too)
from paths import REAL_CONFIG, ROOT, SAMPLE_CONFIG  # noqa: F401  (tests import them from here too)
from sshd_fixture import Sshd, sshd_missing_reason

from harness.generate.sametime import generate
from harness.launcher import interpreters, warm

_JYTHON_KINDS = []  # the Jython kinds the collected tests use (markers jython / jython21)


def pytest_collection_modifyitems(items):
    _JYTHON_KINDS[:] = [k for k in interpreters.KINDS if any(item.get_closest_marker(k) for item in items)]


@pytest.fixture(scope="session", autouse=True)
def warm_jythons():
    """One warm Jython per kind the tests use, for the whole session (each xdist worker has its own): every
    `python -m harness.wsadmin -interpreter jython|jython21` a test starts is served by it instead of a new JVM
    (harness.launcher.warm; same output and effects).  They start in the background: runs before they listen
    are cold.  STWAS_WARM_JYTHON set beforehand (to "" for cold runs only) turns this off."""
    if warm.WARM_ENV in os.environ:
        yield []
        return
    folder = warm.temporary_folder()
    servers = warm.start(folder, _JYTHON_KINDS, wait=False, cwd=ROOT)  # where the tests start their launchers
    os.environ[warm.WARM_ENV] = folder
    try:
        yield servers
    finally:
        del os.environ[warm.WARM_ENV]
        lost = ["%s (%s)" % (s.kind, s.last_log_line()) for s in servers if not s.alive()]
        for s in servers:
            s.stop()
        shutil.rmtree(folder, ignore_errors=True)
        if lost:
            warnings.warn("warm Jython ended during the test session, later runs were cold: " + "; ".join(lost), stacklevel=1)


CELL = "cells/jennexNode01Cell"
NODE = CELL + "/nodes/jennexNode01"
SERVER = NODE + "/servers/server1"
SERVER_ID = "server1(%s|server.xml#Server_1183122130078)" % SERVER


@pytest.fixture
def real_config(tmp_path):
    """A private copy of the real WAS 8.5.5 config directory."""
    dst = tmp_path / "config"
    shutil.copytree(REAL_CONFIG, dst)
    return str(dst)


@pytest.fixture
def sample_config(tmp_path):
    """A private copy of the bundled Sametime sample cell."""
    dst = tmp_path / "stconfig"
    shutil.copytree(SAMPLE_CONFIG, dst)
    return str(dst)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A Sametime cell from the generator (python -m harness fixture sametime), made once per test module."""
    root = str(tmp_path_factory.mktemp("gen") / "config")
    generate(root)
    return root


# Every generator option at once (clusters, the co-located Proxy and Meeting, an IHS node): what the metamodel
# cross-check and the round trip also run on, besides the bundled sample.
GENERATOR_VARIANT = {"clusters": {"proxy": 2, "meeting": 2, "media": 2}, "colocate": [("proxy", "meeting")], "ihs": True}


@pytest.fixture(scope="module")
def generated_variant(tmp_path_factory):
    """A Sametime cell generated with GENERATOR_VARIANT, made once per test module (read-only: copy to change)."""
    root = str(tmp_path_factory.mktemp("genv") / "config")
    generate(root, **GENERATOR_VARIANT)
    return root


@pytest.fixture
def generated_cell(generated, tmp_path):
    """A private copy of the generated Sametime cell."""
    dst = str(tmp_path / "config")
    shutil.copytree(generated, dst)
    return dst


@pytest.fixture
def ac(real_config):
    from harness.scripting.adminconfig import AdminConfig

    return AdminConfig(real_config)


def run_wsadmin(args, cwd=None, env=None, timeout=300):
    """Run the launcher; (returncode, stdout, stderr)."""
    e = dict(os.environ)
    e.setdefault("PYTHONPATH", ROOT)
    if env:
        e.update(env)
    p = subprocess.run(
        [sys.executable, "-m", "harness.wsadmin"] + list(args),
        cwd=cwd or ROOT,
        env=e,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    """A throwaway OpenSSH server on 127.0.0.1 (tests/sshd_fixture.py); skips with the reason when there is none."""
    reason = sshd_missing_reason()
    if reason:
        pytest.skip(reason)
    server = Sshd(str(tmp_path_factory.mktemp("sshd")))
    try:
        server.start()
    except RuntimeError as e:
        pytest.skip("cannot start a test sshd on 127.0.0.1: %s" % e)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def host_cell(tmp_path_factory):
    """The Sametime cell of the fake deployment managers of the SSH tests: made by the generator's command line,
    with another seed than the bundled sample (FakeDmgr.create copies it)."""
    out = str(tmp_path_factory.mktemp("gen") / "config")
    p = subprocess.run(
        [sys.executable, "-m", "harness", "fixture", "sametime", out, "--seed", "4711"],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=ROOT),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert p.returncode == 0, p.stdout.decode()
    return out


@pytest.fixture(autouse=True)
def _wsadmin_verifiable_point(request):
    """Tell tests/verify.py which point a wsadmin_verifiable test pins (for the report)."""
    marker = request.node.get_closest_marker("wsadmin_verifiable")
    if marker is None:
        yield
        return
    import verify

    verify.CURRENT["point"] = marker.kwargs.get("point")
    yield
    verify.CURRENT["point"] = None


def pytest_sessionfinish(session, exitstatus):
    """With a real wsadmin (STWAS_REAL_WSADMIN), write the verification report of the verifiable tests."""
    import verify

    if verify.RESULTS:
        print("\nwsadmin verification report: %s" % verify.write_report())
