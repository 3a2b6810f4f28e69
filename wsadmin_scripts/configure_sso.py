"""configure_sso.py: single sign-on between WebSphere and Domino (seed tip b, sametime-operations.md 4).

    wsadmin.sh -lang jython -f configure_sso.py (--enable | --disable) --domains ".example.local;.example.de" \
        --requires-ssl false --interoperable true [--attribute-propagation true|false] --ltpa-timeout 720 [--dry-run]

Sets, in the cell's global security configuration (security.xml), only what is given and differs:
  --enable / --disable         SSO on or off (SingleSignon enabled)
  --domains D1;D2              the DNS domains of the LTPA cookie (SingleSignon domainName), semicolon-separated
  --requires-ssl true|false    SSO only over HTTPS
  --interoperable true|false   also send the old LtpaToken cookie (needed by Domino 7 and older)
  --attribute-propagation true|false   web inbound attribute propagation
  --ltpa-timeout MINUTES       LTPA token expiry; match Domino's Web SSO document "Expiration (minutes)"
through AdminTask.configureSingleSignon / setLTPATimeout, reading the state with getSingleSignon /
getLTPATimeout before and after.  The Domino side (Web SSO document, LTPA key import, sametime.ini) is printed as a
checklist; the LTPA keys themselves are exchanged with ltpa_keys.py.  Servers must be restarted to pick it up.
"""

# stwas bootstrap: begin (byte-identical in every job: tests/test_job_contract.py; stwaslib/__init__.py says why)
import os
import sys

if sys.version[:3] < "2.1":  # Jython 2.1 (the wsadmin of WebSphere 7.0 and 8.5.5) is the oldest this job runs on
    sys.stdout.write(
        "ERROR: this job needs the wsadmin of WebSphere 7.0 or later (Jython 2.1 or 2.7), not Python %s\n" % sys.version[:3]
    )
    sys.exit(1)
else:  # stwaslib: in $STWAS_SCRIPTS, next to this job (wsadmin may run it without __file__), or in ./wsadmin_scripts
    sys.dont_write_bytecode = 1
    _LIB = [
        os.environ.get("STWAS_SCRIPTS", ""),
        os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)),
        os.path.dirname(os.path.abspath(globals().get("__file__") or ".")),
        os.path.join(os.getcwd(), "wsadmin_scripts"),
    ]
    _LIB = [_d for _d in _LIB if _d and os.path.isfile(os.path.join(_d, "stwaslib", "__init__.py"))]
    if not _LIB:
        raise SystemExit("ERROR: stwaslib not found next to this script: set STWAS_SCRIPTS to the wsadmin_scripts directory")
    if _LIB[0] not in sys.path:
        sys.path.insert(0, _LIB[0])
import stwaslib

# stwas bootstrap: end
from stwaslib.compat import has_key, is_list
from stwaslib.configtext import parse_brackets

JOB = "configure_sso"

# getSingleSignon keys: the SingleSignon attributes and the two Security custom properties behind
# -interoperable / -attributePropagation (wsadmin-semantics.md 5.3 "Global security").
PROP_INTEROP = "com.ibm.ws.security.ssoInteropModeEnabled"
PROP_PROPAGATION = "com.ibm.ws.security.webInboundPropagationEnabled"
# (configureSingleSignon parameter, getSingleSignon keys (first found wins), option dest, label)
SETTINGS = [
    ("enable", ("enabled", "enable"), "enable", "SSO enabled"),
    ("requiresSSL", ("requiresSSL",), "requires_ssl", "requires SSL"),
    ("domainName", ("domainName",), "domains", "domain names"),
    ("interoperable", (PROP_INTEROP, "interoperable"), "interoperable", "interoperability mode (LtpaToken)"),
    (
        "attributePropagation",
        (PROP_PROPAGATION, "attributePropagation"),
        "attribute_propagation",
        "web inbound attribute propagation",
    ),
]
BOOL_PARAMS = ("enable", "requiresSSL", "interoperable", "attributePropagation")
SSO_RESTART_NOTE = "restart the deployment manager, the node agents and the servers to activate the SSO settings"


def _bool_opt(job, value, option):
    v = (value or "").strip().lower()
    if v in ("true", "yes", "1", "on"):
        return "true"
    if v in ("false", "no", "0", "off"):
        return "false"
    raise stwaslib.UsageError("%s takes true or false, not '%s'" % (option, value))


def _domains(value):
    """'.a.local; .b.de' -> '.a.local;.b.de' (empty parts dropped); '' keeps an empty domain (host-only cookie)."""
    parts = []
    for p in value.replace(",", ";").split(";"):
        p = p.strip()
        if not p:
            continue
        if " " in p or "/" in p or ":" in p:
            raise stwaslib.UsageError("--domains: '%s' is not a DNS domain" % p)
        parts.append(p)
    return ";".join(parts)


def read_sso(job):
    """getSingleSignon -> {parameter: value} (text)."""
    raw = stwaslib.text(job.AdminTask.getSingleSignon())
    rec = {}
    for item in parse_brackets(raw):
        if not is_list(item):
            continue
        pairs = [item]
        if item and is_list(item[0]):
            pairs = item
        for pair in pairs:
            if is_list(pair) and pair and not is_list(pair[0]):
                val = ""
                if len(pair) > 1:
                    val = pair[1]
                if is_list(val):
                    val = " ".join([v for v in val if not is_list(v)])
                rec[pair[0]] = val
    out = {}
    for param, keys, _dest, _label in SETTINGS:
        for k in keys:
            if has_key(rec, k):
                out[param] = rec[k]
                break
    return out


def read_timeout(job):
    return stwaslib.text(job.AdminTask.getLTPATimeout()).strip()


def _record(job, target, name, old, new, detail):
    kind = "SingleSignon"
    if name == "timeout":
        kind = "LTPA"
    return job.record("modify", kind, target, {name: old}, {name: new}, None, detail)


def _same(param, a, b):
    if param in BOOL_PARAMS:
        return (a or "").lower() == (b or "").lower()
    return (a or "") == (b or "")


def plan(job, opts):
    """Reads only: the wanted settings (only what is given), the current ones, the parameters that differ."""
    p = stwaslib.Plan()
    p.wanted = {}
    if opts.enable is not None:
        p.wanted["enable"] = opts.enable
    if opts.requires_ssl is not None:
        p.wanted["requiresSSL"] = _bool_opt(job, opts.requires_ssl, "--requires-ssl")
    if opts.domains is not None:
        p.wanted["domainName"] = _domains(opts.domains)
    if opts.interoperable is not None:
        p.wanted["interoperable"] = _bool_opt(job, opts.interoperable, "--interoperable")
    if opts.attribute_propagation is not None:
        p.wanted["attributePropagation"] = _bool_opt(job, opts.attribute_propagation, "--attribute-propagation")
    p.timeout = None
    if opts.ltpa_timeout is not None:
        p.timeout = str(opts.ltpa_timeout)
    if not p.wanted and p.timeout is None:
        raise stwaslib.UsageError(
            "nothing to do: give --enable/--disable, --domains, --requires-ssl, "
            "--interoperable, --attribute-propagation or --ltpa-timeout (see --help)"
        )
    p.before = read_sso(job)
    p.old_timeout = read_timeout(job)
    p.say(
        "single sign-on now: %s; LTPA timeout %s minutes"
        % (", ".join(["%s=%s" % (param, p.before.get(param, "")) for param, _k, _d, _l in SETTINGS]), p.old_timeout)
    )
    p.todo = []  # (parameter, label) that differ
    for param, _keys, _dest, label in SETTINGS:
        if has_key(p.wanted, param) and not _same(param, p.before.get(param), p.wanted[param]):
            p.todo.append((param, label))
    return p


def apply(job, p):
    """configureSingleSignon / setLTPATimeout for what differs, then the state read back must be the wanted one."""
    wanted, before, timeout, old_timeout = p.wanted, p.before, p.timeout, p.old_timeout
    if p.todo:
        args = []
        for param, _label in p.todo:
            args.extend(["-" + param, wanted[param]])  # list form: '' is an empty value
        job.AdminTask.configureSingleSignon(args)
        for param, label in p.todo:
            _record(
                job,
                "global security",
                param,
                before.get(param),
                wanted[param],
                "%s: %s -> %s" % (label, stwaslib.job.quote(before.get(param)), stwaslib.job.quote(wanted[param])),
            )
    if timeout is not None and timeout != old_timeout:
        job.AdminTask.setLTPATimeout(["-timeout", timeout])
        _record(
            job,
            "global security",
            "timeout",
            old_timeout,
            timeout,
            "LTPA timeout (minutes): %s -> %s" % (stwaslib.job.quote(old_timeout), stwaslib.job.quote(timeout)),
        )

    # read back through AdminTask: what is configured now must be what was asked
    after = read_sso(job)
    for param in wanted.keys():
        if not _same(param, after.get(param), wanted[param]):
            raise stwaslib.JobError(
                "read back %s = '%s' after configureSingleSignon, expected '%s'" % (param, after.get(param), wanted[param])
            )
    new_timeout = read_timeout(job)
    if timeout is not None and new_timeout != timeout:
        raise stwaslib.JobError("read back LTPA timeout %s after setLTPATimeout, expected %s" % (new_timeout, timeout))
    job.extra["sso"] = {}
    for param, _k, _d, _l in SETTINGS:
        job.extra["sso"][param] = after.get(param)
    job.extra["ltpa_timeout"] = new_timeout
    if job.changes:
        job.extra["restart"] = SSO_RESTART_NOTE
        job.info("note: " + SSO_RESTART_NOTE)
        tokens = "LtpaToken2"
        if (after.get("interoperable") or "").lower() == "true":
            tokens = "LtpaToken and LtpaToken2"
        job.info(
            "Domino side (Web SSO Configuration document): same DNS domain(s) %s, expiration %s minutes, "
            "token format %s, the WebSphere LTPA keys imported (ltpa_keys.py), LDAP realm = the WebSphere realm"
            % (after.get("domainName") or "(none)", new_timeout, tokens)
        )


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        restart=stwaslib.restart.SECURITY,
        description="Configure single sign-on (LTPA) to match Domino: enabled, "
        "DNS domains, requires SSL, interoperability mode (LtpaToken), LTPA timeout.",
    )
    job.add_option("--enable", action="store_const", const="true", dest="enable", help="enable single sign-on")
    job.add_option("--disable", action="store_const", const="false", dest="enable", help="disable single sign-on")
    job.add_option(
        "--domains",
        dest="domains",
        metavar='".example.local;.example.de"',
        help='DNS domains of the LTPA cookie, separated by semicolons ("" for none)',
    )
    job.add_option("--requires-ssl", dest="requires_ssl", metavar="true|false", help="SSO only over HTTPS")
    job.add_option(
        "--interoperable",
        dest="interoperable",
        metavar="true|false",
        help="also send the LtpaToken (v1) cookie, for Domino 7 and older",
    )
    job.add_option(
        "--attribute-propagation",
        dest="attribute_propagation",
        metavar="true|false",
        help="web inbound security attribute propagation",
    )
    job.add_option(
        "--ltpa-timeout",
        dest="ltpa_timeout",
        metavar="MINUTES",
        type="int",
        minimum=1,
        help="LTPA timeout in minutes (Domino Web SSO document: Expiration, e.g. 720)",
    )
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
