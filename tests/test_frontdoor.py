"""The front door as a new user meets it (issue 12, "Front door"): help, the doctor's last line, and the cells the
README names are the cells invoke.yaml has."""

import json
import os
import pty
import re

import invoke
from invoke_helpers import ROOT, run_invoke
from sshd_fixture import free_port

DOCS = [os.path.join(ROOT, "README.md"), os.path.join(ROOT, "docs", "remote.md"), os.path.join(ROOT, "invoke.yaml")]


def test_plan_and_apply_help_show_the_task_help():
    for task, option in (("plan", "--config"), ("apply", "--[no-]backup"), ("rollback", "--backup")):
        r = run_invoke([task, "--help"])
        assert r.code == 0, r
        assert r.out.startswith("Usage: inv[oke] [--core-opts] %s [--options]" % task), r
        assert option in r.out and r.err == "", r


def test_plan_job_help_shows_the_jobs_help_and_nothing_else():
    r = run_invoke(["plan", "set_server_ports", "--interpreter", "cpython", "--", "--help"])
    assert r.code == 0, r
    assert "--http-port" in r.out and "--dry-run" in r.out
    assert "plan:" not in r.out, r  # no "plan: no configuration document changed" after a help text


def test_doctor_ends_with_its_result_not_a_plan_line():
    if not os.path.isfile(os.path.join(ROOT, "wsadmin_scripts", "cell_doctor.py")):
        return
    r = run_invoke(["doctor", "--interpreter", "cpython"])
    assert "STWAS-RESULT" in r.out, r
    assert r.out.rstrip().splitlines()[-1].startswith("STWAS-RESULT "), r
    assert "no configuration document changed" not in r.out


def test_the_cells_the_docs_name_are_in_invoke_yaml():
    cfg = invoke.Config(project_location=ROOT)
    cfg.load_project()
    cells = set(cfg.stwas.cells)
    assert cells, "invoke.yaml names no cell"
    named = set()
    for path in DOCS:
        with open(path, encoding="utf-8") as f:
            for line in f:
                before_job_args = line.split(" -- ")[0]
                for m in re.finditer(r"invoke \w+ .*?--hosts?[ =]([\w.,-]+)", before_job_args):
                    named.update(n for n in m.group(1).split(",") if not n.isupper())  # CELL: a placeholder
    assert named and named <= cells, "cells in the docs but not in invoke.yaml: %s" % sorted(named - cells)


def test_apply_asks_on_a_terminal_and_no_runs_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = str(tmp_path / "cells.json")
    with open(cfg, "w") as f:  # nothing listens there: an answered "n" must not even try
        json.dump({"stwas": {"cells": {"x": {"host": "127.0.0.1", "port": free_port()}}}}, f)
    args = ["apply", "--host", "x", "set_server_ports", "--", "--server", "STProxyServer", "--http-port", "80"]
    master, slave = pty.openpty()
    try:
        os.write(master, b"n\n")
        r = run_invoke(args, cfg, stdin=slave)
    finally:
        os.close(slave)
        os.close(master)
    assert r.code == 1, r
    assert r.out.splitlines()[:3] == [
        "invoke apply on x (127.0.0.1:%d):" % json.load(open(cfg))["stwas"]["cells"]["x"]["port"],
        "  wsadmin.sh -f set_server_ports.py --server STProxyServer --http-port 80",
        "  backup first: backupConfig.sh -nostop, downloaded to snapshots/",
    ], r
    assert "Go on? [y/N]" in r.out and r.err.strip() == "invoke apply: not confirmed: nothing was run", r
    assert not os.path.exists("snapshots")
    # without a terminal it goes on (scripts and CI), here to the unreachable host
    r = run_invoke(args, cfg)
    assert r.code == 1 and "Go on?" not in r.out and "cannot reach 127.0.0.1" in r.err, r
