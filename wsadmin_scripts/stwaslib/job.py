"""The job frame shared by every stwas admin job.

    job = stwaslib.Job('set_server_ports', globals(), description='...')
    job.add_option('--server', help='...')
    def plan(job, opts):                  # reads only: what is wanted, what is there, what must change
        p = stwaslib.Plan()
        p.endpoint = job.getid1('/Node:n/ServerIndex:/...')
        if p.endpoint is None:
            p.refuse('no such endpoint')   # the job stops before its first write, naming every refusal
        return p
    def apply(job, p):                    # writes: ensure/create/remove/record print the CHANGE lines
        job.ensure(p.endpoint, 'EndPoint', 'STProxyServer@n WC_defaulthost', [('port', '80')])
    job.run_plan(plan, apply)

A report (read_only=1) runs one function instead: job.run(main).

Contract (design.md, fixed interface 2):
  - options: stwaslib.options (optparse's add_option call shape on getopt), `--help`, `--dry-run` added to every
    job; bad options are a usage error;
  - changes: each one is computed as wanted-vs-current and recorded with its old and new values, printed as a
    `CHANGE ...` line at once, and listed in the result; unchanged values are not touched;
  - `--dry-run`: the same code path runs against the wsadmin workspace, which is then reset instead of saved, so
    it prints exactly the changes a real run makes and writes nothing;
  - success with changes: AdminConfig.save(), then NodeSync.sync on every node agent when connected; in local mode
    (`-conntype NONE`, AdminControl raises) it prints `local mode: no node synchronisation`;
  - any error: AdminConfig.reset(), one line `ERROR: <job>: <message>`, the result line, exit status
    EXIT_ERROR (1), EXIT_USAGE (2) for bad options, EXIT_SYNC (3) when the save worked but a node sync failed;
  - last line of every run: `STWAS-RESULT {json}` (ASCII-only JSON, keys sorted; stwaslib.jsonout) with at least
    job, jython (the interpreter: '2.1', '2.7.3', or 'cpython-3.11' under the harness), changed, changes, saved,
    dry_run, plus sync, error, warnings and job-specific keys;
  - no password ever printed: values of attributes whose name looks like a password are masked, options
    are never echoed, and the secrets the job knows (job.add_secret) are masked in every line (stwaslib.masking);
  - what a change needs (stwaslib.restart): each job declares its restart kind once (Job(..., restart=KIND),
    default SERVERS, NONE for read-only jobs) and names the servers it touched (job.affects(server)); when it
    changed something the frame prints RESTART lines (processes in order: dmgr, node agents, servers, the media
    components together), a SYNC line (node agents to synchronise) and, when it changed routing
    (job.routing_changed()) in a cell with a web server, a PLUGIN line; the result carries `restart` (the steps,
    [] when nothing), `sync` (with `needed`, the nodes) and `plugin_cfg`.
The scripting objects are globals of __main__ only (wsadmin-semantics.md 7): the job passes them in.
Language level: docs/script-language.md (Jython 2.1, Jython 2.7 and CPython 3).
"""

import sys

from stwaslib import jsonout, topology
from stwaslib import restart as R
from stwaslib.compat import contains, interpreter, is_dict, is_sequence, is_text
from stwaslib.configtext import ConfigId, lines, split_id_list, text
from stwaslib.errors import EXIT_ERROR, EXIT_OK, EXIT_SYNC, EXIT_USAGE, JobError, UsageError  # noqa: F401
from stwaslib.masking import MASK, is_secret_name, mask_known, mask_text  # noqa: F401
from stwaslib.options import OptionParser
from stwaslib.output import write_line

RESULT_PREFIX = "STWAS-RESULT "
ERROR_PREFIX = "ERROR: "
WARNING_PREFIX = "WARNING: "
CHANGE_PREFIX = "CHANGE "
LOCAL_MODE_MESSAGE = "local mode: no node synchronisation"


def one_line(s):
    return " ".join(text(s).split())


def describe_exception(exc_info=None, secrets=()):
    """The current exception (Python or Java) as one line, without secrets."""
    t, v = (exc_info or sys.exc_info())[:2]
    msg = ""
    try:
        msg = text(v)
    except:  # noqa: E722  (a Java exception whose toString fails)
        msg = ""
    if not msg:
        msg = getattr(t, "__name__", text(t))
    elif t is not None and getattr(t, "__module__", "") in ("exceptions", "builtins") and not msg.startswith(t.__name__):
        msg = "%s: %s" % (t.__name__, msg)
    return mask_text(one_line(msg), secrets)


def quote(v):
    if v is None:
        return "(unset)"
    return "'%s'" % (v,)


class Job:
    """One admin job run: options, change tracking, save/sync, the result line."""

    def __init__(self, name, scope, description=None, usage=None, read_only=0, restart=None, routing=0):
        self.name = name
        self.read_only = read_only
        if restart is None:
            restart = read_only and R.NONE or R.SERVERS
        if restart not in R.KINDS:
            raise ValueError("unknown restart kind %s" % restart)
        self.restart_kind = restart
        self.touched = []  # (server, node) pairs the job changed (stwaslib.restart)
        self.routing = routing  # 1 when the change moves ports, host aliases or URL routing (plugin-cfg.xml)
        self.restart = []
        self.sync_needed = None
        self.plugin_cfg = None
        self._topology = None
        if not hasattr(scope, "get"):  # a module, not globals() (a dict, or Jython's string map)
            scope = getattr(scope, "__dict__", {})
        self.AdminConfig = scope.get("AdminConfig")
        self.AdminControl = scope.get("AdminControl")
        self.AdminTask = scope.get("AdminTask")
        self.AdminApp = scope.get("AdminApp")
        self.parser = OptionParser("%s.py" % name, usage=usage or "%prog [options]", description=description)
        self.parser.add_option(
            "--dry-run", action="store_true", dest="dry_run", help="work out and print the changes, save nothing"
        )
        self.options = None
        self.args = []
        self.dry_run = 0
        self.changes = []
        self.warnings = []
        self.saved = 0
        self.sync = None
        self.error = None
        self.extra = {}
        self.secrets = []  # values masked in every line the job prints (stwaslib.masking)
        self._secret_dests = []
        self._done = 0
        self.planning = 0  # 1 while a plan function runs (run_plan): a write then is an internal error
        self.plan = None

    # ----------------------------------------------------------------- options
    def add_option(self, *flags, **settings):
        """An option (stwaslib.options: optparse's call shape on getopt)."""
        return self.parser.add_option(*flags, **settings)

    def add_secret_option(self, *flags, **settings):
        """An option whose value is a password: the value is masked wherever it would show up."""
        opt = self.parser.add_option(*flags, **settings)
        self._secret_dests.append(opt.dest)
        return opt

    def add_secret(self, value):
        """A secret the job knows (a password it read): masked in every line it prints from now on."""
        if value and value not in self.secrets:
            self.secrets.append(value)

    def mask(self, s):
        return mask_text(s, self.secrets)

    def parse(self, argv=None):
        if argv is None:
            argv = list(sys.argv)
        # (the parser's own messages never show the value of a string option, so secrets are added after it)
        opts, args = self.parser.parse_args([text(a) for a in argv])
        for dest in self._secret_dests:
            self.add_secret(getattr(opts, dest, None))
        if args:
            raise UsageError("unexpected argument(s): %s (see --help)" % " ".join(args))
        self.options, self.args = opts, args
        self.dry_run = opts.dry_run
        return opts

    # ----------------------------------------------------------------- output
    def info(self, msg):
        write_line(self.mask(text(msg)))

    def warn(self, msg):
        msg = self.mask(one_line(msg))
        self.warnings.append(msg)
        write_line(WARNING_PREFIX + msg)

    def describe_exception(self):
        """The current exception as one line, without the job's secrets."""
        return describe_exception(None, self.secrets)

    def fail(self, msg):
        raise JobError(msg)

    # ----------------------------------------------------------------- reading
    def _cfg(self):
        if self.AdminConfig is None:
            raise JobError("AdminConfig is not available: run this job with wsadmin -lang jython -f")
        return self.AdminConfig

    def getid(self, path):
        """getid as a list of ids ([] when nothing matches)."""
        return lines(self._cfg().getid(path))

    def getid1(self, path):
        """The single id of a containment path, or None."""
        ids = self.getid(path)
        if not ids:
            return None
        if len(ids) > 1:
            raise JobError("%s matches %d objects, expected one" % (path, len(ids)))
        return ids[0]

    def list(self, type_name, scope=None):
        if scope is None:
            return lines(self._cfg().list(type_name))
        return lines(self._cfg().list(type_name, scope))

    def attr(self, cid, name):
        """showAttribute as text (None when unset)."""
        return text(self._cfg().showAttribute(cid, name))

    def attr_list(self, cid, name):
        """showAttribute of a list of objects as a list of ids."""
        return split_id_list(self._cfg().showAttribute(cid, name))

    def attr_strings(self, cid, name):
        """showAttribute of a primitive list (`a;b`, or `[a b]`) as a list of strings."""
        v = self.attr(cid, name)
        if not v:
            return []
        v = v.strip()
        if v.startswith("[") and v.endswith("]"):
            v = v[1:-1].strip()
            if not v:
                return []
            if not contains(v, ";"):
                return v.split()
        return [p for p in v.split(";") if p != ""]

    def document_exists(self, uri):
        """AdminConfig.existsDocument as 1/0 (wsadmin answers 'true'/'false' or 1/0)."""
        return text(self._cfg().existsDocument(uri)) in ("1", "true")

    def show(self, cid, attrs=None):
        if attrs is None:
            return text(self._cfg().show(cid))
        return text(self._cfg().show(cid, attrs))

    def showall(self, cid, attrs=None):
        if attrs is None:
            return text(self._cfg().showall(cid))
        return text(self._cfg().showall(cid, attrs))

    # ----------------------------------------------------------------- changing
    def _shown(self, name, value):
        if value is not None and is_secret_name(name):
            return MASK
        return value

    def _pairs_dict(self, pairs):
        d = {}
        for k, v in pairs:
            if v is not None:
                v = text(v)
            d[k] = self._shown(k, v)
        return d

    def _mask_values(self, values):
        if not is_dict(values):
            return values
        out = {}
        for k in values.keys():
            out[k] = self._shown(k, values[k])
        return out

    def record(self, action, type_name, target, old, new, cid=None, detail=None):
        """Record (and print as a CHANGE line) a change made by other means than Job.ensure/create/remove,
        e.g. an AdminTask command: action ('modify', 'create', 'remove', 'add', 'delete', ...), the config type,
        a human-readable target, old and new values (dicts attribute -> value, or None), the config id if any,
        and the detail text of the CHANGE line. Values of password-like attributes are masked."""
        if self.planning:
            raise JobError("internal error: the plan of %s tried to change the configuration" % self.name)
        old, new = self._mask_values(old), self._mask_values(new)
        ch = {"action": action, "type": type_name, "target": target, "old": old, "new": new}
        if cid:
            ch["id"] = cid
        self.changes.append(ch)
        write_line(CHANGE_PREFIX + self.mask(("%s %s [%s] %s" % (action, type_name, target, detail or "")).rstrip()))
        return ch

    _record = record  # the name some jobs used first

    def _check_writable(self):
        if self.read_only:
            raise JobError("internal error: %s is a read-only job and tried to change the configuration" % self.name)
        if self.planning:
            raise JobError("internal error: the plan of %s tried to change the configuration" % self.name)

    def ensure(self, cid, type_name, target, wanted):
        """Make the scalar attributes of cid equal to wanted ([(name, value)...]); modify only what differs.

        Returns 1 when something changed. Booleans compare case-insensitively, everything as text.
        """
        self._check_writable()
        old, new, mods = [], [], []
        for name, value in wanted:
            want = text(value)
            cur = self.attr(cid, name)
            if (cur or "") == (want or ""):
                continue
            if cur is not None and want is not None and cur.lower() in ("true", "false") and cur.lower() == want.lower():
                continue
            old.append((name, cur))
            new.append((name, want))
            mods.append([name, want])
        if not mods:
            return 0
        self._cfg().modify(cid, mods)
        detail = ", ".join(
            ["%s %s -> %s" % (n, quote(self._shown(n, o)), quote(self._shown(n, w))) for (n, o), (_n, w) in zip(old, new)]
        )
        self.record("modify", type_name, target, self._pairs_dict(old), self._pairs_dict(new), cid, detail)
        return 1

    def ensure_strings(self, cid, type_name, target, name, values):
        """Make a primitive list attribute (String*) hold exactly values (order kept); 1 when changed."""
        self._check_writable()
        cur = self.attr_strings(cid, name)
        values = [text(v) for v in values]
        if cur == values:
            return 0
        if cur:
            self._cfg().modify(cid, [[name, []]])
        self._cfg().modify(cid, [[name, ";".join(values)]])
        self.record(
            "modify",
            type_name,
            target,
            {name: cur},
            {name: values},
            cid,
            "%s %s -> %s" % (name, quote(";".join(cur)), quote(";".join(values))),
        )
        return 1

    def create(self, type_name, parent, attrs, target, parent_attr=None):
        """AdminConfig.create with attrs [(name, value)...]; recorded as a change. Returns the new id."""
        self._check_writable()
        al = []
        for k, v in attrs:
            if is_sequence(v):
                al.append([k, ";".join([text(x) for x in v])])
            else:
                al.append([k, text(v)])
        if parent_attr:
            cid = text(self._cfg().create(type_name, parent, al, parent_attr))
        else:
            cid = text(self._cfg().create(type_name, parent, al))
        detail = ", ".join(["%s=%s" % (k, self._shown(k, v)) for k, v in al])
        self.record("create", type_name, target, None, self._pairs_dict(al), None, detail)
        return cid

    def remove(self, cid, type_name, target, old_attrs=None):
        self._check_writable()
        old_attrs = old_attrs or []
        self._cfg().remove(cid)
        detail = ", ".join(["%s=%s" % (k, self._shown(k, text(v))) for k, v in old_attrs])
        self.record("remove", type_name, target, self._pairs_dict(old_attrs), None, cid, detail)

    # ----------------------------------------------------------------- what a change needs
    def topology(self):
        """The cell (stwaslib.topology.Cell), read once per run."""
        if self._topology is None:
            self._topology = topology.Cell(self)
        return self._topology

    def affects(self, server, node=None):
        """The job changed this server (a topology.Server, or a name and its node): it is restarted (SERVERS)."""
        if node is None:
            server, node = server.name, server.node
        if (server, node) not in self.touched:
            self.touched.append((server, node))

    def require_was_level(self, minimum, why, option="--min-was-level"):
        """Refuse (JobError) unless the deployment manager's node runs WebSphere `minimum` or later (its
        node-metadata.properties, AdminTask.getNodeBaseProductVersion); `why` names the tip. minimum '0' (the
        admin's --min-was-level 0, e.g. the fix came as an interim fix) skips the check. Returns the level read."""
        if version_tuple(minimum) == (0,):
            return None
        cell = self.topology()
        dmgr = [s for s in cell.servers if s.type == "DEPLOYMENT_MANAGER"]
        node = dmgr and dmgr[0].node or None
        if node is None and len(cell.nodes.keys()) == 1:  # a base profile: its one node
            node = cell.nodes.keys()[0]
        level = None
        if node is not None and self.AdminTask is not None:
            try:
                level = text(self.AdminTask.getNodeBaseProductVersion(["-nodeName", node]))
            except:  # noqa: E722  (no metadata, or no such command on this wsadmin)
                level = None
        if not level:
            raise JobError(
                "%s needs WebSphere %s or later, and the level of the deployment manager (node %s) cannot "
                "be read from its node metadata; check it (versionInfo.sh) and give %s 0 to go on"
                % (why, minimum, node or "?", option)
            )
        self.extra["was_level"] = level
        if version_tuple(level) < version_tuple(minimum):
            raise JobError(
                "%s needs WebSphere %s or later; the deployment manager (node %s) runs %s: install the fix "
                "pack first (or give %s 0 if the fix is installed as an interim fix); nothing changed"
                % (why, minimum, node, level, option)
            )
        return level

    def routing_changed(self):
        """The change moves ports, host aliases or URL routing: a web server's plug-in must be regenerated."""
        self.routing = 1

    def _what_it_needs(self):
        """RESTART/SYNC/PLUGIN lines and the result's restart, sync.needed and plugin_cfg (stwaslib.restart)."""
        if not self.changes or self.restart_kind == R.NONE:
            return
        try:
            cell = self.topology()
            if self.restart_kind == R.SYNC:  # servers or nodes removed: the cell as it is now
                cell = topology.Cell(self)
            self.restart, self.sync_needed = R.plan(cell, self.restart_kind, self.touched)
            webs = self.routing and R.web_servers(cell) or []
        except SystemExit:
            raise
        except:  # noqa: E722  (a Java exception too: the change itself is fine, say what could not be worked out)
            self.warn("what to restart could not be worked out: %s" % self.describe_exception())
            return
        for st in self.restart:
            write_line("RESTART %d. %s: %s" % (st["step"], st["what"], ", ".join(st["processes"])))
        if self.sync_needed:
            write_line("SYNC node agents to synchronise: %s" % ", ".join(self.sync_needed))
        if webs:
            self.plugin_cfg = {"web_servers": webs, "hint": R.PLUGIN_HINT % ", ".join(webs)}
            write_line("PLUGIN " + self.plugin_cfg["hint"])

    # ----------------------------------------------------------------- finishing
    def _reset(self):
        try:
            if self.AdminConfig is not None:
                self.AdminConfig.reset()
        except Exception:
            pass
        except:  # noqa: E722  (Java exceptions under Jython)
            pass

    def _node_of(self, object_name):
        return node_of(object_name)

    def _sync_nodes(self):
        """NodeSync.sync on every node agent when connected; returns the list of failed nodes."""
        ctl = self.AdminControl
        if not self.connected():
            self.sync = {"mode": "local", "nodes": [], "failed": []}
            write_line(LOCAL_MODE_MESSAGE)
            return []
        names = lines(ctl.queryNames("type=NodeSync,*"))
        synced, failed = [], []
        for n in names:
            node = self._node_of(n)
            ok = 0
            try:
                ok = text(ctl.invoke(n, "sync")) == "true"
            except:  # noqa: E722
                ok = 0
            if ok:
                synced.append(node)
                write_line("node synchronised: %s" % node)
            else:
                failed.append(node)
        if not names:
            write_line("connected, but no node agents to synchronise")
        self.sync = {"mode": "connected", "nodes": synced, "failed": failed}
        return failed

    def connected(self):
        """Is this wsadmin connected to a deployment manager? (AdminControl raises in local mode.)"""
        if self.AdminControl is None:
            return 0
        try:
            self.AdminControl.getType()
            return 1
        except:  # noqa: E722  local mode raises (a Java exception on a real wsadmin)
            return 0

    def result(self):
        """The STWAS-RESULT object: the job's extra keys, then the keys every job has."""
        r = {}
        for k in self.extra.keys():
            r[k] = self.extra[k]
        sync = self.sync
        if self.sync_needed is not None:
            sync = {"mode": self.dry_run and "dry run" or None, "nodes": [], "failed": []}
            if self.sync is not None:
                sync = self.sync.copy()
            sync["needed"] = self.sync_needed
        r.update(
            {
                "job": self.name,
                "jython": interpreter(),
                "changed": jsonout.boolean(self.changes and (self.error is None or self.saved)),
                "changes": self.changes,
                "saved": jsonout.boolean(self.saved),
                "dry_run": jsonout.boolean(self.dry_run),
                "sync": sync,
                "restart": self.restart,
                "error": self.error,
                "warnings": self.warnings,
            }
        )
        if self.plugin_cfg is not None:
            r["plugin_cfg"] = self.plugin_cfg
        return r

    def _emit(self):
        write_line(RESULT_PREFIX + jsonout.dumps(masked_data(self.result(), self.secrets)))

    def _abort(self, msg, code):
        self.error = self.mask(one_line(msg))
        if self.saved:  # failed after the save (node sync): the changes are in the repository
            self.error = "saved, but then: " + self.error
            code = EXIT_SYNC
        else:
            self._reset()
            if self.changes:
                self.extra["discarded"] = self.changes
                self.changes = []
        write_line(ERROR_PREFIX + "%s: %s" % (self.name, self.error))
        self._emit()
        sys.exit(code)

    def finish(self):
        """Save (or reset in dry-run / when nothing changed), sync, print the result line."""
        if self._done:
            return
        self._done = 1
        failed = []
        self._what_it_needs()
        if self.changes and not self.dry_run:
            self._cfg().save()
            self.saved = 1
            write_line("saved: %d change(s)" % len(self.changes))
            failed = self._sync_nodes()
        else:
            self._reset()
            if self.changes:
                write_line("dry run: %d change(s) not saved" % len(self.changes))
            elif not self.read_only:
                write_line("no changes: the configuration already matches")
        if failed:
            self.error = "saved, but node synchronisation failed for: %s" % ", ".join(failed)
            write_line(ERROR_PREFIX + "%s: %s" % (self.name, self.error))
            self._emit()
            sys.exit(EXIT_SYNC)
        self._emit()

    def run(self, main, argv=None):
        """Parse the options (unless done), call main(job, options), finish; turn every error into the
        ERROR line + result + non-zero exit. --help prints the help and exits 0 without a result line."""
        try:
            if self.options is None:
                self.parse(argv)
            main(self, self.options)
            self.finish()
        except SystemExit:
            raise
        except KeyboardInterrupt:
            self._abort("interrupted", EXIT_ERROR)
        except JobError:
            e = sys.exc_info()[1]
            self._abort(text(e), e.exit_code)
        except:  # noqa: E722  Java exceptions (ScriptingException) are not Python Exceptions under Jython
            self._abort(self.describe_exception(), EXIT_ERROR)

    def run_plan(self, plan, apply, argv=None):
        """The one shape of a job that changes the configuration, on the frame of run:
        1. plan(job, options) reads (never writes: a write there is an internal error) and returns a Plan:
           the wanted state and what must change (attributes of the job's own), the lines that show it, the
           refusals, the result keys it already knows; it may print what it finds (job.info, job.warn);
        2. the frame prints plan.lines, stops on plan.refusals (ERROR line, nothing written), puts plan.result
           into the result;
        3. apply(job, plan) writes, through ensure/create/remove/record (the CHANGE lines);
        4. save, or reset under --dry-run (the same plan and apply run), sync, the result line (finish)."""
        self._plan_function, self._apply_function = plan, apply
        self.run(self._plan_then_apply, argv)

    def _plan_then_apply(self, job, options):
        self.planning = 1
        try:
            plan = self._plan_function(self, options)
        finally:
            self.planning = 0
        self.plan = plan
        for line in plan.lines:
            self.info(line)
        if plan.refusals:
            raise JobError(plan.refused_prefix + "; ".join(plan.refusals))
        for key in plan.result.keys():
            self.extra[key] = plan.result[key]
        self._apply_function(self, plan)


class Plan:
    """What a job is about to do, worked out by its plan function before anything is written (Job.run_plan).

    lines     printed by the frame after planning (a PLAN line per step, an 'already gone' note, ...)
    refusals  why the job will not go on; any: one ERROR line `<refused_prefix><refusal>; <refusal>...`, exit 1,
              nothing written
    result    keys of the result line known from the plan
    A job adds the attributes its apply function needs (the ids found, the values wanted)."""

    refused_prefix = "refused: "

    def __init__(self):
        self.lines = []
        self.refusals = []
        self.result = {}

    def say(self, line):
        self.lines.append(line)

    def refuse(self, reason):
        self.refusals.append(reason)


def masked_data(value, secrets):
    """A copy of a result value (dicts, lists, text) with the known secrets masked in every text."""
    if not secrets:
        return value
    if is_text(value):
        return mask_known(value, secrets)
    if is_sequence(value):
        return [masked_data(v, secrets) for v in value]
    if is_dict(value):
        out = {}
        for k in value.keys():
            out[k] = masked_data(value[k], secrets)
        return out
    return value


def node_of(object_name):
    """The node of an MBean object name ('WebSphere:name=x,node=n,...' -> 'n'), else the name itself."""
    for mark in (",node=", ":node="):
        i = object_name.find(mark)
        if i >= 0:
            value = object_name[i + len(mark) :]
            end = value.find(",")
            if end >= 0:
                value = value[:end]
            if value:
                return value
    return object_name


def version_tuple(level):
    """'7.0.0.21' -> (7, 0, 0, 21), compared field by field as numbers; a field that is not a number counts 0."""
    out = []
    for part in text(level or "0").strip().split("."):
        digits = ""
        for c in part:
            if c < "0" or c > "9":
                break
            digits = digits + c
        out.append(int(digits or "0"))
    while len(out) > 1 and out[-1] == 0:
        del out[-1]
    return tuple(out)


def config_id(cid):
    """ConfigId(cid) (re-exported for jobs)."""
    return ConfigId(cid)
