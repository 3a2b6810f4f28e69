"""invoke verify's machinery: with STWAS_REAL_WSADMIN the verifiable tests ask that wsadmin and report."""

import os
import stat
import subprocess
import sys

from paths import REAL_CONFIG, ROOT

STUB = """#!/bin/sh
# a stand-in for wsadmin.sh: %s
exec "%s" -m harness.wsadmin -configRoot "%s" -interpreter cpython "$@"
"""


def run_verify(tmp_path, stub_config, *test_ids):
    stub = tmp_path / "wsadmin.sh"
    stub.write_text(STUB % ("the harness on " + stub_config, sys.executable, stub_config))
    stub.chmod(stub.stat().st_mode | stat.S_IEXEC)
    report = tmp_path / "report.md"
    env = dict(os.environ, STWAS_REAL_WSADMIN=str(stub), STWAS_VERIFY_REPORT=str(report), PYTHONPATH=ROOT)
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
        ]
        + ["tests/test_wsadmin_verifiable.py::" + t for t in test_ids],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=600,
    )
    return p.returncode, p.stdout.decode(), report.read_text() if report.exists() else ""


def test_same_answers_report_matches(tmp_path):
    rc, out, report = run_verify(tmp_path, REAL_CONFIG, "test_parents_server")
    assert rc == 0, out
    assert "## parents('Server') [semantics 12] (parents-server)" in report
    assert "\nmatches\n" in report


def test_a_different_answer_is_reported_next_to_ours(tmp_path):
    """The stand-in answers from the Sametime sample cell: the first server differs from the base cell's."""
    sample = os.path.join(ROOT, "samples", "sametime", "config")
    rc, out, report = run_verify(tmp_path, sample, "test_server_type", "test_list_servers_document_ids")
    assert rc == 0, out  # both answers pass the tests (valid server types, document-level IDs)
    assert "real wsadmin:" in report and "stwas harness:" in report
    assert "STConsoleServer(cells/stconsoleSSCCell1/" in report and "server1(cells/jennexNode01Cell/" in report
