#!/usr/bin/env python3
"""Write docs/coverage.md: every AdminConfig, AdminTask, AdminApp, AdminControl and Help method the harness
has, with how sure we are that it answers like wsadmin.

    python tools/coverage_doc.py [--check]

The methods come from the harness itself (the scripting objects' public methods, the AdminTask command
registry, the Help object's topics); the status of each is STATUS below, by the tags of
../shared/docs/wsadmin-semantics.md: [V] seen in real output or IBM's docs, [L] likely, [U] unverified (a
named choice in harness/base/wsadmin_semantics.py).  A method with no entry is [U].  The "verifiable" column
names the tests of tests/test_wsadmin_verifiable.py that ask it, so ``invoke verify`` checks it on a real
wsadmin.  tests/test_coverage_doc.py fails when the committed file is not what this tool writes.
"""

import argparse
import inspect
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO not in sys.path:
    sys.path.insert(0, REPO)

from harness.base import messages  # noqa: E402  (after the sys.path line)
from harness.scripting import admintask  # noqa: E402  (after the sys.path line: the tool runs from anywhere)
from harness.scripting.adminapp import AdminApp  # noqa: E402
from harness.scripting.adminconfig import AdminConfig  # noqa: E402
from harness.scripting.admincontrol import ConnectedAdminControl  # noqa: E402
from harness.scripting.admintask import commands  # noqa: E402, F401  (registers the commands)

OUT = os.path.join(REPO, "docs", "coverage.md")
VERIFIABLE = os.path.join(REPO, "tests", "test_wsadmin_verifiable.py")

# (object, method) -> (tag, where the evidence is).  Sections are of wsadmin-semantics.md.
STATUS = {
    ("AdminConfig", "attributes"): ("V", "3.8; attributes per type from IBM's configDocs"),
    ("AdminConfig", "checkin"): ("V", "3.10 (stale digest message U)"),
    ("AdminConfig", "create"): ("V", "3.6 (ambiguity message U)"),
    ("AdminConfig", "createDocument"): ("V", "3.10"),
    ("AdminConfig", "createUsingTemplate"): ("V", "3.6"),
    ("AdminConfig", "defaults"): ("V", "3.8, 12 (order; trailing padding U)"),
    ("AdminConfig", "deleteDocument"): ("V", "3.10"),
    ("AdminConfig", "existsDocument"): ("V", "3.10 (int vs bool U)"),
    ("AdminConfig", "extract"): ("V", "3.10"),
    ("AdminConfig", "getCrossDocumentValidationEnabled"): ("V", "3.9"),
    ("AdminConfig", "getObjectName"): ("V", "3.8 ('' in local mode L)"),
    ("AdminConfig", "getObjectType"): ("V", "3.8"),
    ("AdminConfig", "getSaveMode"): ("V", "3.9"),
    ("AdminConfig", "getValidationLevel"): ("V", "3.9"),
    ("AdminConfig", "getid"): ("V", "2.4 (ordering U)"),
    ("AdminConfig", "hasChanges"): ("V", "3.9 (int vs bool U)"),
    ("AdminConfig", "help"): ("V", "12 (WASX7061I layout; descriptions U)"),
    ("AdminConfig", "list"): ("V", "2.3 (pattern matching and scope-includes-self U)"),
    ("AdminConfig", "listTemplates"): ("V", "3.6"),
    ("AdminConfig", "modify"): ("V", "3.5"),
    ("AdminConfig", "parents"): ("V", "3.8, 12"),
    ("AdminConfig", "queryChanges"): ("V", "3.9 (indentation U)"),
    ("AdminConfig", "remove"): ("L", "3.7"),
    ("AdminConfig", "required"): ("V", "3.8 (which attributes: the reference's plus overlay.json, U)"),
    ("AdminConfig", "reset"): ("V", "3.9"),
    ("AdminConfig", "resetAttributes"): ("L", "3.5 (name V)"),
    ("AdminConfig", "save"): ("V", "3.9"),
    ("AdminConfig", "setCrossDocumentValidationEnabled"): ("V", "3.9"),
    ("AdminConfig", "setSaveMode"): ("V", "3.9"),
    ("AdminConfig", "setValidationLevel"): ("V", "3.9"),
    ("AdminConfig", "show"): ("V", "3.1 (password mask width U)"),
    ("AdminConfig", "showAttribute"): ("V", "3.3, 12 (serverType L)"),
    ("AdminConfig", "showall"): ("V", "3.2"),
    ("AdminConfig", "types"): ("V", "3.8"),
    ("AdminConfig", "unsetAttributes"): ("V", "3.5"),
    ("AdminConfig", "validate"): ("V", "3.9 (which problems U)"),
    ("AdminApp", "edit"): ("V", "6 (-MapRolesToUsers; -MapWebModToVH row form L, harness/was/webmodules.py)"),
    ("AdminApp", "help"): ("U", "general help text"),
    ("AdminApp", "list"): ("V", "6, 12 (system applications left out L)"),
    ("AdminApp", "uninstall"): ("V", "6 (WASX7280E)"),
    ("AdminApp", "view"): ("L", "6 (block style V for -MapRunAsRolesToUsers; -MapWebModToVH labels L)"),
    ("AdminControl", "completeObjectName"): ("V", "6"),
    ("AdminControl", "getAttribute"): ("V", "6"),
    ("AdminControl", "getCell"): ("V", "6"),
    ("AdminControl", "getNode"): ("V", "6"),
    ("AdminControl", "getType"): ("V", "6; local mode raises 'AdminControl service not available' (12)"),
    ("AdminControl", "invoke"): ("V", "6"),
    ("AdminControl", "invoke_jmx"): ("V", "6"),
    ("AdminControl", "queryNames"): ("V", "6"),
    ("AdminControl", "setAttribute"): ("V", "6"),
    ("AdminControl", "makeObjectName"): ("V", "4.2 (WASX7025E)"),
    ("AdminTask", "listServerPorts"): ("L", "5.3, 8 item 1 (line framing U)"),
    ("AdminTask", "modifyServerPort"): ("L", "5.3 (return value U)"),
    ("AdminTask", "listServers"): ("L", "5.2, 12 (document-level IDs)"),
    ("AdminTask", "listNodes"): ("L", "5.2"),
    ("AdminTask", "listKeyStores"): ("V", "5.2"),
    ("AdminTask", "listSSLConfigs"): ("L", "5.2, 8 item 1"),
    ("AdminTask", "modifySSLConfig"): ("V", "5.2 (returns '')"),
    ("AdminTask", "listAuthDataEntries"): ("V", "5.2"),
    ("AdminTask", "getCertificateChain"): ("V", "5.2 (record shape of real 8.5.5 output)"),
    ("AdminTask", "listPersonalCertificates"): ("L", "5.2"),
    ("AdminTask", "renewCertificate"): ("V", "5.2"),
    ("AdminTask", "listSIBuses"): ("V", "2.1"),
    ("AdminTask", "listIdMgrRealmBaseEntries"): ("V", "5.2"),
    ("AdminTask", "help"): ("U", "WASX8001I..WASX8011E texts reconstructed"),
    ("Help", "AdminApp"): ("U", "general help text"),
    ("Help", "AdminConfig"): ("U", "WASX7053I list layout"),
    ("Help", "AdminControl"): ("U", "WASX7027I"),
    ("Help", "AdminTask"): ("U", "WASX8001I"),
    ("Help", "help"): ("U", "WASX7028I"),
    ("Help", "message"): ("U", "local mode: WASX7206W"),
}
TAG_TEXT = {"V": "[V]", "L": "[L]", "U": "[U]"}


def public_methods(cls):
    return sorted(n for n, v in inspect.getmembers(cls, callable) if not n.startswith("_") and not n.startswith("stwas"))


def verifiable_calls():
    """{(object, method): [test names]} of the calls the verifiable tests' scripts make."""
    with open(VERIFIABLE, encoding="utf-8") as f:
        source = f.read()
    out = {}
    for m in re.finditer(r"^def (test_\w+)\(.*?(?=^def |\Z)", source, re.S | re.M):
        for obj, meth in re.findall(r"\b(AdminConfig|AdminTask|AdminApp|AdminControl|Help)\.(\w+)\(", m.group(0)):
            out.setdefault((obj, meth), []).append(m.group(1))
    return out


def rows():
    objects = [
        ("AdminConfig", public_methods(AdminConfig)),
        ("AdminApp", public_methods(AdminApp)),
        ("AdminControl", public_methods(ConnectedAdminControl)),
        ("AdminTask", sorted(admintask.DEFAULT_REGISTRY.commands) + ["help"]),
        ("Help", sorted(messages.HELP_TOPICS)),
    ]
    calls = verifiable_calls()
    for obj, methods in objects:
        for meth in methods:
            tag, note = STATUS.get((obj, meth), ("U", ""))
            yield obj, meth, TAG_TEXT[tag], note, ", ".join(sorted(set(calls.get((obj, meth), []))))


def render():
    lines = [
        "# What the harness answers, and how sure we are",
        "",
        "Generated by `python tools/coverage_doc.py` (do not edit; `tests/test_coverage_doc.py` fails when it is stale).",
        "",
        "Every method of the scripting objects the harness has.  Status by the tags of "
        "`../shared/docs/wsadmin-semantics.md`: **[V]** seen in real wsadmin output or IBM's documentation, "
        "**[L]** likely, **[U]** unverified (a named choice in `harness/base/wsadmin_semantics.py`).  "
        '"verifiable": the tests of `tests/test_wsadmin_verifiable.py` that ask it, so that '
        "`invoke verify --wsadmin PATH` checks it against a real wsadmin.  In local mode (`-conntype NONE`) "
        "every AdminControl method raises `AdminControl service not available` [V].",
        "",
    ]
    counts = {}
    current = None
    for obj, meth, tag, note, tests in rows():
        if obj != current:
            lines += [
                "",
                "## %s" % obj,
                "",
                "| method | status | evidence (semantics section) | verifiable |",
                "|---|---|---|---|",
            ]
            current = obj
        counts[tag] = counts.get(tag, 0) + 1
        lines.append("| `%s` | %s | %s | %s |" % (meth, tag, note, tests))
    total = sum(counts.values())
    lines[6:6] = ["%d methods: %s." % (total, ", ".join("%d %s" % (counts.get(t, 0), t) for t in ("[V]", "[L]", "[U]"))), ""]
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail when docs/coverage.md is not what this writes")
    args = ap.parse_args(argv)
    text = render()
    if args.check:
        with open(OUT, encoding="utf-8") as f:
            same = f.read() == text
        print("docs/coverage.md is %s" % ("up to date" if same else "STALE: run python tools/coverage_doc.py"))
        return 0 if same else 1
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote docs/coverage.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
