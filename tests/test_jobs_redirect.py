"""https_redirect (issue 4 item 4), through the launcher under both interpreters, on a copy of the Sametime cell."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobs_helpers import JOB_INTERPRETERS, adminconfig, changed_files, copy_sample, run_job, snapshot, without_ids

CELL = "cells/stconsoleSSCCell1"
PROXY_SETTINGS = CELL + "/nodes/stmeetingSTMNode1/servers/STMeetingHttpProxy/proxy-settings.xml"
VHOSTS = CELL + "/virtualhosts.xml"
URL = "https://meeting.example.com:443/stmeetings"


@pytest.fixture
def cfg(tmp_path):
    return copy_sample(tmp_path)


def ids(value):
    return [x for x in value.strip("[]").split() if x]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_redirect_created_read_back_and_idempotent(interpreter, cfg):
    before = snapshot(cfg)
    dry = run_job(interpreter, cfg, "https_redirect", "--url", URL, "--dry-run")
    assert dry.rc == 0, dry
    assert dry.result["dry_run"] is True and dry.result["saved"] is False and dry.result["changed"] is True
    assert snapshot(cfg) == before

    r = run_job(interpreter, cfg, "https_redirect", "--url", URL)
    assert r.rc == 0, r
    assert r.result["changed"] is True and r.result["saved"] is True
    assert r.change_lines == dry.change_lines
    assert without_ids(r.result["changes"]) == without_ids(dry.result["changes"])
    assert r.result["proxy_server"] == "STMeetingHttpProxy"
    after = snapshot(cfg)
    assert changed_files(before, after) == [PROXY_SETTINGS, VHOSTS]

    ac = adminconfig(cfg)
    ps = ac.getid("/Node:stmeetingSTMNode1/Server:STMeetingHttpProxy/ProxySettings:/")
    assert ps
    groups = ac.list("URIGroup", ps).splitlines()
    assert len(groups) == 1
    assert ac.showAttribute(groups[0], "name") == "https_uri_group"
    assert ac.showAttribute(groups[0], "URIPattern") in ("/*", "[/*]")
    vh = ac.getid("/VirtualHost:proxy_https_host/")
    assert vh
    al = [(ac.showAttribute(a, "hostname"), ac.showAttribute(a, "port")) for a in ids(ac.showAttribute(vh, "aliases"))]
    assert al == [("*", "80")]
    # the talk: *:80 leaves the classic virtual hosts
    dh = ac.getid("/VirtualHost:default_host/")
    assert ("*", "80") not in [
        (ac.showAttribute(a, "hostname"), ac.showAttribute(a, "port")) for a in ids(ac.showAttribute(dh, "aliases"))
    ]
    rp = ac.showAttribute(ps, "routingPolicy")
    rules = ac.list("RoutingRule", rp).splitlines()
    assert len(rules) == 1
    rule = rules[0]
    assert ac.showAttribute(rule, "name") == "nonSSL2SSL"
    assert ac.showAttribute(rule, "isEnabled") == "true"
    assert ac.showAttribute(rule, "virtualHostName") == "proxy_https_host"
    assert ac.showAttribute(rule, "uriGroup") == "https_uri_group"
    route = ac.showAttribute(rule, "routingAction")
    assert ac.getObjectType(route) == "RedirectRoute"
    assert ac.showAttribute(route, "redirectURL") == URL

    again = run_job(interpreter, cfg, "https_redirect", "--url", URL)
    assert again.rc == 0, again
    assert again.result["changed"] is False and again.result["changes"] == [] and again.result["saved"] is False
    assert snapshot(cfg) == after


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_changed_url_modifies_only_the_route(interpreter, cfg):
    assert run_job(interpreter, cfg, "https_redirect", "--url", URL).rc == 0
    r = run_job(interpreter, cfg, "https_redirect", "--url", "https://chat.example.com/")
    assert r.rc == 0, r
    assert [(c["action"], c["type"]) for c in r.result["changes"]] == [("modify", "RedirectRoute")]
    assert r.result["changes"][0]["old"] == {"redirectURL": URL}
    assert r.result["changes"][0]["new"] == {"redirectURL": "https://chat.example.com/"}


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_keep_other_aliases(interpreter, cfg):
    r = run_job(
        interpreter,
        cfg,
        "https_redirect",
        "--url",
        URL,
        "--keep-other-aliases",
        "--rule",
        "toTLS",
        "--virtual-host",
        "redirect_host",
        "--uri-group",
        "all",
    )
    assert r.rc == 0, r
    assert not [c for c in r.result["changes"] if c["action"] == "remove"]
    assert r.result["rule"] == "toTLS"


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize(
    "args,needle",
    [
        (("--url", "http://meeting.example.com/"), "--url"),
        (("--url", URL, "--proxy-server", "STMeetingServer"), "not a WebSphere proxy server"),
        (("--url", URL, "--proxy-server", "NoSuchProxy"), "NoSuchProxy"),
        (("--url", URL, "--rule", "bad/name"), "bad/name"),
        (("--url", URL, "--port", "0"), "'0'"),
        ((), "--url"),
    ],
    ids=["http-url", "not-a-proxy", "unknown-proxy", "bad-rule-name", "port-0", "no-url"],
)
def test_bad_input(interpreter, cfg, args, needle):
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, "https_redirect", *args)
    assert r.rc != 0, r
    assert len(r.error_lines) == 1 and needle in r.error_lines[0], r
    assert r.result["error"] and r.result["changed"] is False
    assert snapshot(cfg) == before
