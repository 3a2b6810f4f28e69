"""The contract every job keeps, checked for every wsadmin_scripts/*.py (discovered, not listed): the bootstrap block
is the same bytes in every job; `--help` exits 0 with the usage; an unknown option is a usage error with a result
line; the module docstring's synopsis names exactly the options the job accepts; and one sample case per job on a
copy of samples/sametime/config: a changing job's `--dry-run` writes no byte, its run changes what it says, a rerun
changes nothing (jobs_helpers.prove_dry_run_apply_rerun); a report writes nothing and exits as documented.

A new job needs a row in CASES (docs/internals.md "Adding a job"); test_every_job_has_a_case says so when it has
none.  The sample cases run under cpython, jython and jython21 (the warm Jythons of conftest.py keep that cheap)."""

import ast
import os
import re

import pytest
from jobs_helpers import (
    INTERPRETERS,
    SAMPLE_CONFIG,
    SCRIPTS,
    copy_sample,
    prove_dry_run_apply_rerun,
    prove_read_only,
    run_job,
)

JOBS = sorted(f[:-3] for f in os.listdir(SCRIPTS) if f.endswith(".py"))
BEGIN = "# stwas bootstrap: begin"
END = "# stwas bootstrap: end"
# cell_doctor keeps 1 and 2 for its findings: a failure of the doctor itself, bad options included, exits 3
USAGE_EXIT = {"cell_doctor": 3}
OPTION = re.compile(r"--[a-z][a-z0-9-]*")


class Case:
    """One sample run of a job on a copy of the sample cell: its arguments ({tmp}: a private folder), the
    environment, the connection; `setup(tmp, config)` makes the files it needs or the state of the copy it changes;
    `report`: the job is read-only and exits `exit_code`."""

    def __init__(self, *args, env=None, conntype="NONE", report=False, exit_code=0, setup=None):
        self.args, self.env, self.conntype = args, env or {}, conntype
        self.report, self.exit_code, self.setup = report, exit_code, setup


def _password_file(tmp, config=None):
    with open(os.path.join(tmp, "pw"), "w") as f:
        f.write("Contract-PW-31\n")


def _key_file(tmp, config):
    from test_jobs_certificates import make_wildcard

    make_wildcard(os.path.join(tmp, "wildcard.p12"), password="Contract-PW-31")
    _password_file(tmp)


def _auto_generated_ltpa_keys(tmp, config):
    """The sample's key set group has automatic key generation off (the default): turn it on to turn it off."""
    path = os.path.join(config, "cells", "stconsoleSSCCell1", "security.xml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    mark = '<keySetGroups xmi:id="KeySetGroup_1" '
    assert text.count(mark) == 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(mark, mark + 'autoGenerate="true" '))


CASES = {
    "assign_ssl_endpoint": Case("--server", "STProxyServer", "--certificate-alias", "default", "--direction", "outbound"),
    "cell_doctor": Case(report=True, exit_code=2),
    "certificate_report": Case(report=True),
    "certificate_request": Case("--alias", "chat", "--common-name", "chat.example.com", "--request-file", "{tmp}/chat.arm"),
    "change_admin_password": Case(env={"STWAS_NEW_PASSWORD": "Contract-PW-31"}),
    "cleanup_stale": Case("--meeting"),
    "configure_sso": Case("--disable", "--domains", "", "--ltpa-timeout", "720"),
    "fix_ldap_base_entry": Case("--base-dn", "o=example"),
    "https_redirect": Case("--url", "https://meeting.example.com:443/stmeetings"),
    "import_certificate": Case(
        "--key-file", "{tmp}/wildcard.p12", "--key-file-password-file", "{tmp}/pw", "--alias", "GlobalKey", setup=_key_file
    ),
    "ltpa_keys": Case("--disable-auto-generate", setup=_auto_generated_ltpa_keys),
    "map_virtual_host": Case("--virtual-host", "meeting_host", "--create", "--add", "meeting.example.com:80"),
    "media_disable_tls": Case("--stav", "SIPAuthenticationType=None"),
    "port_matrix": Case(report=True),
    "set_custom_property": Case("--server", "STProxyServer", "--scope", "jvm", "--property", "contract.check=1"),
    "set_jvm_args": Case("--server", "STProxyServer", "--add", "-Dcontract.check=1"),
    "set_server_ports": Case(
        "--server", "STProxyServer", "--host", "chat.example.com", "--http-port", "80", "--https-port", "443"
    ),
    "set_trace": Case("--server", "STProxyServer", "--preset", "login-debug", "--persistent"),
    "signers": Case("--delete", "root"),
    "stavconfig": Case("--set", "ClientSIPRegisterRetryDelay=30"),
}


def source(job):
    with open(os.path.join(SCRIPTS, job + ".py"), encoding="ascii") as f:
        return f.read()


def bootstrap(job):
    text = source(job)
    assert text.count(BEGIN) == 1 and text.count(END) == 1, job
    return text[text.index(BEGIN) : text.index(END) + len(END)]


def synopsis(job):
    """The command lines of the module docstring: from the first `-f <job>.py` line to the next blank line."""
    doc = ast.get_docstring(ast.parse(source(job)), clean=False) or ""
    out = []
    for line in doc.splitlines():
        if out or "-f %s.py" % job in line:
            if not line.strip():
                break
            out.append(line)
    return "\n".join(out)


def accepted_options(help_lines):
    """The options of a --help text (its first column); an option whose value shows as (refused) is there only to
    refuse it."""
    found = set()
    for line in help_lines:
        if line.startswith("  -"):
            for name, value in re.findall(r"(--[a-z][a-z0-9-]*)(=\S+)?", line[2:].split("  ")[0]):
                if value != "=(refused)":
                    found.add(name)
    return found - {"--help"}


def test_every_job_has_a_case():
    assert sorted(CASES) == JOBS, "a job without a sample case (or a case without a job): add its row to CASES"


def test_the_bootstrap_is_the_same_bytes_in_every_job():
    blocks = {job: bootstrap(job) for job in JOBS}
    assert len(JOBS) >= 18 and len(set(blocks.values())) == 1, "the bootstrap differs in: %s" % [
        j for j in JOBS if blocks[j] != blocks[JOBS[0]]
    ]
    block = blocks[JOBS[0]]
    assert block.rstrip().endswith("import stwaslib\n\n" + END) and "noqa" not in block
    for job in JOBS:  # the block comes right after the docstring, and no job needs a noqa for its imports
        text = source(job)
        assert text.index(BEGIN) == text.index('"""\n\n', 3) + 5, job
        assert "noqa: E402" not in text, job


@pytest.mark.parametrize("job", JOBS)
def test_help_and_an_unknown_option(job):
    r = run_job("cpython", SAMPLE_CONFIG, job, "--help")  # (neither writes: the sample itself will do)
    lines = [ln for ln in r.stdout.splitlines() if not ln.startswith("WASX")]
    assert r.rc == 0 and lines[0].startswith("Usage: %s.py " % job), r
    assert "  --dry-run             work out and print the changes, save nothing" in lines
    assert r.result is None, r
    bad = run_job("cpython", SAMPLE_CONFIG, job, "--no-such-option")
    assert bad.rc == USAGE_EXIT.get(job, 2), bad
    assert bad.error_lines == ["ERROR: %s: no such option: --no-such-option (see --help)" % job], bad
    assert bad.last_line.startswith("STWAS-RESULT ") and bad.result["job"] == job, bad
    assert bad.result["changed"] is False and bad.result["error"], bad
    # the docstring's synopsis names every option the job accepts and none it does not (--dry-run: not for reports)
    accepted = accepted_options(lines)
    if CASES[job].report:
        accepted.discard("--dry-run")
    named = set(OPTION.findall(synopsis(job)))
    assert named - {"--dry-run"} <= accepted and accepted <= named, "%s: synopsis lacks %s, names unknown %s" % (
        job,
        sorted(accepted - named),
        sorted(named - accepted),
    )


@pytest.mark.parametrize("interpreter", INTERPRETERS)
@pytest.mark.parametrize("job", JOBS)
def test_the_sample_case(job, interpreter, tmp_path):
    case = CASES[job]
    tmp = str(tmp_path / "files")
    os.mkdir(tmp)
    config = copy_sample(tmp_path)
    if case.setup:
        case.setup(tmp, config)
    args = tuple(a.replace("{tmp}", tmp) for a in case.args)
    if case.report:
        prove_read_only(interpreter, config, job, *args, exit_code=case.exit_code, env=case.env, conntype=case.conntype)
    else:
        prove_dry_run_apply_rerun(interpreter, config, job, *args, env=case.env, conntype=case.conntype)
