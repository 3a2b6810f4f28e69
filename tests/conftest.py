import os
import shutil
import subprocess
import sys

import pytest
from jobs_helpers import snapshot  # noqa: F401  (tests import it from here too)
from paths import REAL_CONFIG, ROOT, SAMPLE_CONFIG  # noqa: F401  (tests import them from here too)

from harness.fixtures.sametime import generate

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


@pytest.fixture
def generated_cell(generated, tmp_path):
    """A private copy of the generated Sametime cell."""
    dst = str(tmp_path / "config")
    shutil.copytree(generated, dst)
    return dst


@pytest.fixture
def ac(real_config):
    from harness.adminconfig import AdminConfig
    return AdminConfig(real_config)


def run_wsadmin(args, cwd=None, env=None, timeout=300):
    """Run the launcher; (returncode, stdout, stderr)."""
    e = dict(os.environ)
    e.setdefault("PYTHONPATH", ROOT)
    if env:
        e.update(env)
    p = subprocess.run([sys.executable, "-m", "harness.wsadmin"] + list(args), cwd=cwd or ROOT, env=e,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


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
