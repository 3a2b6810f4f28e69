"""Issue 12's "Front door" items that live in the jobs, as a new user meets them: every one gives a plain answer,
never a Python traceback, and changes nothing it should not (under CPython, Jython 2.7 and Jython 2.1)."""

import pytest
from jobs_helpers import JOB_INTERPRETERS, changed_files, run_job, snapshot


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_port_matrix_output_into_a_missing_directory_is_one_error_line(interpreter, sample_config):
    r = run_job(interpreter, sample_config, "port_matrix", "--output", "/nonexistent/x.txt")
    assert r.rc == 1, r
    assert len(r.error_lines) == 1, r
    assert r.error_lines[0].startswith("ERROR: port_matrix: cannot write the table to /nonexistent/x.txt: ")
    # (the reason is the interpreter's: CPython and Jython 2.1 "No such file or directory", Jython 2.7 may say
    # "Permission denied")
    assert "Traceback" not in r.stdout + r.stderr and "FileNotFoundError" not in r.stdout + r.stderr


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_certificate_request_dry_run_says_would_be_written(interpreter, sample_config, tmp_path):
    req = tmp_path / "x.arm"
    before = snapshot(sample_config)
    r = run_job(
        interpreter,
        sample_config,
        "certificate_request",
        "--alias",
        "chat",
        "--common-name",
        "chat.example.com",
        "--request-file",
        str(req),
        "--dry-run",
    )
    assert r.rc == 0, r
    assert r.change_lines and r.change_lines[0].endswith("request would be written to %s" % req), r
    assert "request written" not in r.stdout and not req.exists()
    assert snapshot(sample_config) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_log_language_without_websphere_messages_is_refused(interpreter, sample_config):
    before = snapshot(sample_config)
    r = run_job(interpreter, sample_config, "set_jvm_args", "--server", "STMeetingServer", "--log-language", "xx")
    assert r.rc != 0 and len(r.error_lines) == 1, r
    assert "WebSphere has no log messages in 'xx'" in r.error_lines[0]
    assert "--add=-Duser.language=xx" in r.error_lines[0]
    assert changed_files(before, snapshot(sample_config)) == []


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_removing_a_node_that_does_not_exist_says_so_and_lists_the_nodes(interpreter, sample_config):
    before = snapshot(sample_config)
    r = run_job(interpreter, sample_config, "cleanup_stale", "--remove-node", "nosuch")
    assert r.rc == 0 and r.result["changed"] is False, r  # a no-op, so a second run of a removal stays idempotent
    line = [ln for ln in r.stdout.splitlines() if ln.startswith("already gone: node nosuch")]
    assert line and "no node of that name" in line[0] and "misspelt" in line[0], r
    assert "its nodes: DMgrNode, stconsoleSSCNode1, stmediaSTMSNode1, stmeetingSTMNode1, stproxySTPNode1" in line[0]
    assert snapshot(sample_config) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_set_trace_help_says_what_reset_and_the_defaults_are(interpreter, sample_config):
    r = run_job(interpreter, sample_config, "set_trace", "--help")
    assert r.rc == 0, r
    text = " ".join(r.stdout.split())
    assert "--reset back to *=info" in text
    assert "without --persistent and --runtime: both when connected, the persistent one only in local mode" in text
