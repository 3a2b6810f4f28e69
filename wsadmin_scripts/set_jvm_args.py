"""set_jvm_args: add, replace or remove generic JVM arguments of a server without losing the others.

    wsadmin.sh -lang jython -f set_jvm_args.py --server STMeetingServer [--node N] \
        [--log-language en_GB] [--add ARG]... [--remove KEY]... [--dry-run]

Tip (f) of the talk: the log files come in the language of the operating system; English logs need
"-Duser.language=en -Duser.region=GB" in the generic JVM arguments (ISC > dmgr/node agent/server > Process
definition > Java Virtual Machine), next to what is already there (e.g. -Dclient.encoding.override=UTF-8).

WebSphere's AdminTask.setGenericJVMArguments REPLACES the whole value, so this job reads it first
(AdminTask.showJVMProperties -propertyName genericJvmArguments), merges token by token and writes the merged
value back (on a WAS without those commands, e.g. 7.0, through AdminConfig on the JavaVirtualMachine).

Merging: every argument has a key; --add replaces the argument with the same key in place (or appends it),
--remove drops every argument with that key:
    -Dname=value            key -Dname
    -XX:+Opt / -XX:-Opt / -XX:Opt=v    key -XX:Opt
    -Xmx512m -Xms -Xss -Xmn -Xmso -Xoss key -Xmx (the size prefix)
    -Xname:value            key -Xname (e.g. -Xgcpolicy:gencon, -Xverbosegclog:file)
    -agentlib:name=opts / -agentpath:p=opts   key -agentlib:name / -agentpath:p
    anything else           the whole argument (e.g. -Xquickstart, -javaagent:x.jar, -verbose:gc)
Double-quoted parts ("-Dx=a b") stay one argument. A value already as asked is not written again.
--server may be given several times (e.g. dmgr, nodeagent and STMeetingServer, as the talk lists them).
Restart the servers for new JVM arguments to take effect.
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
from stwaslib import text
from stwaslib.compat import has_key, is_ascii_digits, is_ascii_letters, number_items

JOB = "set_jvm_args"
PROPERTY = "genericJvmArguments"
# The talk's value for English log files.
TALK_LOG_LANGUAGE = "en_GB"
# -Xmx512m and friends: the option is the key when a digit follows it
SIZE_OPTIONS = ("-Xmx", "-Xms", "-Xss", "-Xmn", "-Xmso", "-Xoss")
# [L] the languages WebSphere writes its log messages in (its message translations); any other user.language
# gives English logs anyway, so --log-language refuses it (use --add=-Duser.language=... to set one regardless)
LOG_LANGUAGES = ("cs", "de", "en", "es", "fr", "hu", "it", "ja", "ko", "pl", "pt", "ro", "ru", "zh")
RESTART_NOTE = "restart the server(s) for the new JVM arguments to take effect"


def split_args(value):
    """Generic JVM arguments -> list of arguments (whitespace separates, double quotes group)."""
    out, buf, quoted, has = [], [], 0, 0
    for ch in value or "":
        if ch == '"':
            quoted = not quoted
            buf.append(ch)
            has = 1
        elif ch.isspace() and not quoted:
            if has:
                out.append("".join(buf))
                buf, has = [], 0
        else:
            buf.append(ch)
            has = 1
    if has:
        out.append("".join(buf))
    return out


def arg_key(arg):
    """The key under which an argument is replaced or removed (see the module text)."""
    a = arg.strip()
    if a.startswith("-D"):
        return a.split("=", 1)[0]
    if a.startswith("-XX:"):
        body = a[4:]
        if body[:1] in ("+", "-"):
            body = body[1:]
        return "-XX:" + body.split("=", 1)[0]
    for opt in SIZE_OPTIONS:
        if a[: len(opt)] == opt and is_ascii_digits(a[len(opt) : len(opt) + 1]):
            return opt
    if a.startswith("-agentlib:") or a.startswith("-agentpath:"):
        return a.split("=", 1)[0]
    if a.startswith("-X") and ":" in a:
        return a.split(":", 1)[0]
    return a


def merge(current, add, remove):
    """(new argument list) from the current list, arguments to add/replace and keys to remove."""
    out = list(current)
    rm = [arg_key(r) for r in remove]
    out = [a for a in out if arg_key(a) not in rm]
    for a in add:
        k = arg_key(a)
        idx = [i for i, x in number_items(out) if arg_key(x) == k]
        if idx:
            out[idx[0]] = a
            later = idx[1:]
            later.reverse()
            for i in later:  # a key given twice before: keep one
                del out[i]
        else:
            out.append(a)
    return out


def parse_language(spec):
    """(language, region or None) of LANGUAGE[_REGION] ('en_GB', 'en-US', 'pt_076', 'de'), or None."""
    spec = spec or ""
    language, region = spec, None
    for sep in ("_", "-"):
        i = spec.find(sep)
        if i >= 0:
            language, region = spec[:i], spec[i + 1 :]
            break
    if not (2 <= len(language) <= 3 and is_ascii_letters(language) and language == language.lower()):
        return None
    if region is not None and not (
        (len(region) == 2 and is_ascii_letters(region)) or (len(region) == 3 and is_ascii_digits(region))
    ):
        return None
    return language, region


def language_args(spec):
    parsed = parse_language(spec)
    if parsed is None:
        raise stwaslib.UsageError("--log-language wants LANGUAGE[_REGION] such as en_GB or en, not '%s'" % spec)
    language, region = parsed
    if language not in LOG_LANGUAGES:
        raise stwaslib.UsageError(
            "--log-language: WebSphere has no log messages in '%s' (it has: %s); to set "
            "user.language anyway use --add=-Duser.language=%s" % (language, ", ".join(LOG_LANGUAGES), language)
        )
    out = ["-Duser.language=%s" % language]
    if region:
        out.append("-Duser.region=%s" % region.upper())
    return out


def validate_args(opts):
    add, remove = [], []
    if opts.log_language:
        add += language_args(opts.log_language)
    for a in opts.add or []:
        parts = split_args(a)
        if not parts:
            raise stwaslib.UsageError("--add wants a JVM argument such as -Duser.language=en")
        for p in parts:
            if not p.startswith("-"):
                raise stwaslib.UsageError("--add: '%s' is not a JVM argument (it must start with '-')" % p)
            if p.count('"') % 2:
                raise stwaslib.UsageError("--add: unbalanced double quote in '%s'" % p)
        add += parts
    for r in opts.remove or []:
        r = r.strip()
        if not r.startswith("-") or len(split_args(r)) != 1:
            raise stwaslib.UsageError("--remove wants one argument or key such as -Duser.language, not '%s'" % r)
        remove.append(r)
    clash = [a for a in add if arg_key(a) in [arg_key(r) for r in remove]]
    if clash:
        raise stwaslib.UsageError("%s is both added and removed" % ", ".join(clash))
    keys = {}
    for a in add:
        k = arg_key(a)
        if has_key(keys, k) and keys[k] != a:
            raise stwaslib.UsageError("%s and %s set the same argument %s" % (keys[k], a, k))
        keys[k] = a
    if not add and not remove:
        raise stwaslib.UsageError("nothing to do: give --add ARG, --remove KEY or --log-language (see --help)")
    return add, remove


class JvmAccess:
    """genericJvmArguments through AdminTask (showJVMProperties / setGenericJVMArguments), or AdminConfig on
    the JavaVirtualMachine when this WebSphere has no such commands."""

    def __init__(self, job):
        self.job = job
        at = job.AdminTask
        self.show = at is not None and getattr(at, "showJVMProperties", None) or None
        self.set = at is not None and getattr(at, "setGenericJVMArguments", None) or None
        self.via = (self.show and self.set) and "AdminTask" or "AdminConfig"

    def _jvm(self, srv):
        sid = self.job.getid1("/Node:%s/Server:%s/" % (srv.node, srv.name))
        if sid is None:
            raise stwaslib.JobError("no server.xml for %s" % srv.label())
        jvms = self.job.list("JavaVirtualMachine", sid)
        if not jvms:
            raise stwaslib.JobError("%s has no Java virtual machine definition" % srv.label())
        return jvms[0]

    def read(self, srv):
        if self.via == "AdminTask":
            return text(self.show(["-serverName", srv.name, "-nodeName", srv.node, "-propertyName", PROPERTY])) or ""
        return self.job.attr(self._jvm(srv), PROPERTY) or ""

    def write(self, srv, value):
        if self.via == "AdminTask":
            self.set(["-serverName", srv.name, "-nodeName", srv.node, "-genericJvmArguments", value])
        else:
            self.job.AdminConfig.modify(self._jvm(srv), [[PROPERTY, value]])


def plan(job, opts):
    """Reads only: the servers, and for each its arguments now and as asked."""
    if not opts.servers:
        raise stwaslib.UsageError("--server is required (see --help)")
    add, remove = validate_args(opts)
    cell = job.topology()
    servers = []
    for name in opts.servers:
        srv = cell.server(name, opts.node)
        if srv not in servers:
            servers.append(srv)
            job.affects(srv)
    p = stwaslib.Plan()
    p.access = JvmAccess(job)
    job.info("reading and writing %s through %s" % (PROPERTY, p.access.via))
    p.servers = []  # (server, old text, new text, 1 when it changes)
    result = {}
    for srv in servers:
        old = p.access.read(srv)
        cur = split_args(old)
        new_list = merge(cur, add, remove)
        result[srv.label()] = " ".join(new_list)
        p.servers.append((srv, old, " ".join(new_list), new_list != cur))
    p.result = {"via": p.access.via, "generic_jvm_arguments": result}
    return p


def apply(job, p):
    for srv, old, new, changes in p.servers:
        if not changes:
            job.info("%s: already as asked: %s" % (srv.label(), old or "(empty)"))
            continue
        p.access.write(srv, new)
        job.record(
            "modify",
            "JavaVirtualMachine",
            srv.label(),
            {PROPERTY: old},
            {PROPERTY: new},
            None,
            "%s %s -> %s" % (PROPERTY, stwaslib.job.quote(old), stwaslib.job.quote(new)),
        )
    if job.changes:
        job.info("note: " + RESTART_NOTE)


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        usage="%prog --server NAME [--server NAME]... [--node NODE] "
        "[--log-language en_GB] [--add ARG]... [--remove KEY]... [options]",
        description="Add, replace or remove generic JVM arguments of servers, keeping the others "
        "(read with showJVMProperties, written whole with setGenericJVMArguments).",
    )
    job.add_option(
        "--server",
        action="append",
        dest="servers",
        metavar="NAME",
        help="server (application server, nodeagent or dmgr); repeatable",
    )
    job.add_option("--node", help="node of the server(s) (needed only when a name is not unique in the cell)")
    job.add_option(
        "--add", action="append", metavar="ARG", help="add or replace a JVM argument, e.g. --add=-Duser.language=en; repeatable"
    )
    job.add_option(
        "--remove",
        action="append",
        metavar="KEY",
        help="remove the argument(s) with this key, e.g. --remove=-Duser.region; repeatable",
    )
    job.add_option(
        "--log-language",
        dest="log_language",
        metavar="LANG_REGION",
        help="log file language, e.g. %s (the talk): -Duser.language=en -Duser.region=GB" % TALK_LOG_LANGUAGE,
    )
    return job


if __name__ == "__main__":
    build_job(globals()).run_plan(plan, apply)
