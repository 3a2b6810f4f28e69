"""stwaslib.job, the frame of every job: the plan shape (Job.run_plan: the plan's lines, apply, refusals before the
first write, no write inside a plan, --dry-run) by the checks of tests/stwaslib_selftest.py under each interpreter.
The rest of the frame (masking, node sync, errors) is tested in tests/test_jobs_ports.py, and through every job."""

import pytest
from selftest_helpers import INTERPRETERS, assert_selftest


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_job_checks(interpreter, tmp_path):
    assert_selftest(interpreter, "job", tmp_path)
