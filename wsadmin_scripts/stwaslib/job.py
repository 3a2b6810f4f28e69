"""The job frame shared by every stwas admin job.

    job = stwaslib.Job('set_server_ports', globals(), description='...')
    job.add_option('--server', help='...')
    def main(job, opts):
        ep = job.getid('/Node:n/ServerIndex:/')
        job.ensure(ep_id, 'EndPoint', 'STProxyServer@n WC_defaulthost', [('port', '80')])
    job.run(main)

Contract (design.md, fixed interface 2):
  - options: optparse, `--help`, `--dry-run` added to every job; bad options are a usage error;
  - changes: each one is computed as wanted-vs-current and recorded with its old and new values, printed as a
    `CHANGE ...` line at once, and listed in the result; unchanged values are not touched;
  - `--dry-run`: the same code path runs against the wsadmin workspace, which is then reset instead of saved, so
    it prints exactly the changes a real run makes and writes nothing;
  - success with changes: AdminConfig.save(), then NodeSync.sync on every node agent when connected; in local mode
    (`-conntype NONE`, AdminControl raises) it prints `local mode: no node synchronisation`;
  - any error: AdminConfig.reset(), one line `ERROR: <job>: <message>`, the result line, exit status
    EXIT_ERROR (1), EXIT_USAGE (2) for bad options, EXIT_SYNC (3) when the save worked but a node sync failed;
  - last line of every run: `STWAS-RESULT {json}` (ASCII-only JSON, keys sorted) with at least
    job, changed, changes, saved, dry_run, plus sync, error, warnings and job-specific keys;
  - no password ever printed: values of attributes whose name looks like a password are masked, options
    are never echoed.
The scripting objects are globals of __main__ only (wsadmin-semantics.md 7): the job passes them in.
"""

from __future__ import print_function

import json
import optparse
import re
import sys

from stwaslib.configtext import ConfigId, lines, split_id_list, text

RESULT_PREFIX = 'STWAS-RESULT '
ERROR_PREFIX = 'ERROR: '
WARNING_PREFIX = 'WARNING: '
CHANGE_PREFIX = 'CHANGE '
LOCAL_MODE_MESSAGE = 'local mode: no node synchronisation'
MASK = '*****'

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SYNC = 3

_SECRET_NAME = re.compile(r'(?i)passw|pwd|secret|storepass|keypass')
_SECRET_TEXT = re.compile(r'(?i)((?:password|passwd|pwd|secret)[A-Za-z_]*["\']?\s*[=:\s]\s*["\']?)([^\s"\',\]]+)')
_XOR = re.compile(r'\{xor\}[A-Za-z0-9+/=]*')


class JobError(Exception):
    """A failure the job explains in one line; the workspace is reset and the job exits non-zero."""
    exit_code = EXIT_ERROR


class UsageError(JobError):
    """Bad command-line options."""
    exit_code = EXIT_USAGE


def mask_text(s):
    """Hide anything that looks like a password in a free-text message."""
    if s is None:
        return s
    s = _XOR.sub('{xor}' + MASK, s)
    return _SECRET_TEXT.sub(lambda m: m.group(1) + MASK, s)


def is_secret_name(name):
    return bool(name) and bool(_SECRET_NAME.search(name))


def one_line(s):
    return ' '.join(text(s).split())


def describe_exception(exc_info=None):
    """The current exception (Python or Java) as one line."""
    t, v = (exc_info or sys.exc_info())[:2]
    msg = ''
    try:
        msg = text(v)
    except Exception:
        msg = ''
    if not msg:
        msg = getattr(t, '__name__', text(t))
    elif t is not None and getattr(t, '__module__', '') in ('exceptions', 'builtins') \
            and not msg.startswith(t.__name__):
        msg = '%s: %s' % (t.__name__, msg)
    return mask_text(one_line(msg))


def quote(v):
    if v is None:
        return '(unset)'
    return "'%s'" % (v,)


class _Parser(optparse.OptionParser):
    def error(self, msg):
        raise UsageError(msg)


class Job(object):
    """One admin job run: options, change tracking, save/sync, the result line."""

    def __init__(self, name, scope, description=None, usage=None, read_only=False):
        self.name = name
        self.read_only = read_only
        if not isinstance(scope, dict):
            scope = getattr(scope, '__dict__', {})
        self.AdminConfig = scope.get('AdminConfig')
        self.AdminControl = scope.get('AdminControl')
        self.AdminTask = scope.get('AdminTask')
        self.AdminApp = scope.get('AdminApp')
        self.parser = _Parser(prog='%s.py' % name, usage=usage or '%prog [options]', description=description)
        self.parser.add_option('--dry-run', action='store_true', dest='dry_run', default=False,
                               help='work out and print the changes, save nothing')
        self.options = None
        self.args = []
        self.dry_run = False
        self.changes = []
        self.warnings = []
        self.saved = False
        self.sync = None
        self.error = None
        self.extra = {}
        self._secret_dests = []
        self._done = False

    # ----------------------------------------------------------------- options
    def add_option(self, *args, **kw):
        return self.parser.add_option(*args, **kw)

    def add_secret_option(self, *args, **kw):
        """An option whose value is a password: never printed (the library never echoes options anyway)."""
        opt = self.parser.add_option(*args, **kw)
        self._secret_dests.append(opt.dest)
        return opt

    def parse(self, argv=None):
        if argv is None:
            argv = list(sys.argv)
        opts, args = self.parser.parse_args([text(a) for a in argv])
        if args:
            raise UsageError('unexpected argument(s): %s (see --help)' % ' '.join(args))
        self.options, self.args = opts, args
        self.dry_run = bool(opts.dry_run)
        return opts

    # ----------------------------------------------------------------- output
    def info(self, msg):
        print(mask_text(text(msg)))

    def warn(self, msg):
        msg = mask_text(one_line(msg))
        self.warnings.append(msg)
        print(WARNING_PREFIX + msg)

    def fail(self, msg):
        raise JobError(msg)

    # ----------------------------------------------------------------- reading
    def _cfg(self):
        if self.AdminConfig is None:
            raise JobError('AdminConfig is not available: run this job with wsadmin -lang jython -f')
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
            raise JobError('%s matches %d objects, expected one' % (path, len(ids)))
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
        if v.startswith('[') and v.endswith(']'):
            v = v[1:-1].strip()
            if not v:
                return []
            if ';' not in v:
                return v.split()
        return [p for p in v.split(';') if p != '']

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
            d[k] = self._shown(k, None if v is None else text(v))
        return d

    def _mask_values(self, values):
        if not isinstance(values, dict):
            return values
        out = {}
        for k in values:
            out[k] = self._shown(k, values[k])
        return out

    def record(self, action, type_name, target, old, new, cid=None, detail=None):
        """Record (and print as a CHANGE line) a change made by other means than Job.ensure/create/remove,
        e.g. an AdminTask command: action ('modify', 'create', 'remove', 'add', 'delete', ...), the config type,
        a human-readable target, old and new values (dicts attribute -> value, or None), the config id if any,
        and the detail text of the CHANGE line. Values of password-like attributes are masked."""
        old, new = self._mask_values(old), self._mask_values(new)
        ch = {'action': action, 'type': type_name, 'target': target, 'old': old, 'new': new}
        if cid:
            ch['id'] = cid
        self.changes.append(ch)
        print(CHANGE_PREFIX + mask_text(('%s %s [%s] %s' % (action, type_name, target, detail or '')).rstrip()))
        return ch

    _record = record  # the name some jobs used first

    def _check_writable(self):
        if self.read_only:
            raise JobError('internal error: %s is a read-only job and tried to change the configuration' % self.name)

    def ensure(self, cid, type_name, target, wanted):
        """Make the scalar attributes of cid equal to wanted ([(name, value)...]); modify only what differs.

        Returns True when something changed. Booleans compare case-insensitively, everything as text.
        """
        self._check_writable()
        old, new, mods = [], [], []
        for name, value in wanted:
            want = text(value)
            cur = self.attr(cid, name)
            if (cur or '') == (want or ''):
                continue
            if cur is not None and want is not None and cur.lower() in ('true', 'false') \
                    and cur.lower() == want.lower():
                continue
            old.append((name, cur))
            new.append((name, want))
            mods.append([name, want])
        if not mods:
            return False
        self._cfg().modify(cid, mods)
        detail = ', '.join(['%s %s -> %s' % (n, quote(self._shown(n, o)), quote(self._shown(n, w)))
                            for (n, o), (_n, w) in zip(old, new)])
        self.record('modify', type_name, target, self._pairs_dict(old), self._pairs_dict(new), cid, detail)
        return True

    def ensure_strings(self, cid, type_name, target, name, values):
        """Make a primitive list attribute (String*) hold exactly values (order kept); True when changed."""
        self._check_writable()
        cur = self.attr_strings(cid, name)
        values = [text(v) for v in values]
        if cur == values:
            return False
        if cur:
            self._cfg().modify(cid, [[name, []]])
        self._cfg().modify(cid, [[name, ';'.join(values)]])
        self.record('modify', type_name, target, {name: cur}, {name: values}, cid,
                     '%s %s -> %s' % (name, quote(';'.join(cur)), quote(';'.join(values))))
        return True

    def create(self, type_name, parent, attrs, target, parent_attr=None):
        """AdminConfig.create with attrs [(name, value)...]; recorded as a change. Returns the new id."""
        self._check_writable()
        al = []
        for k, v in attrs:
            if isinstance(v, (list, tuple)):
                al.append([k, ';'.join([text(x) for x in v])])
            else:
                al.append([k, text(v)])
        if parent_attr:
            cid = text(self._cfg().create(type_name, parent, al, parent_attr))
        else:
            cid = text(self._cfg().create(type_name, parent, al))
        detail = ', '.join(['%s=%s' % (k, self._shown(k, v)) for k, v in al])
        self.record('create', type_name, target, None, self._pairs_dict(al), None, detail)
        return cid

    def remove(self, cid, type_name, target, old_attrs=None):
        self._check_writable()
        old_attrs = old_attrs or []
        self._cfg().remove(cid)
        detail = ', '.join(['%s=%s' % (k, self._shown(k, text(v))) for k, v in old_attrs])
        self.record('remove', type_name, target, self._pairs_dict(old_attrs), None, cid, detail)

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
        m = re.search(r'[,:]node=([^,]+)', object_name)
        if m:
            return m.group(1)
        return object_name

    def _sync_nodes(self):
        """NodeSync.sync on every node agent when connected; returns the list of failed nodes."""
        ctl = self.AdminControl
        connected = ctl is not None
        if connected:
            try:
                ctl.getType()
            except:  # noqa: E722  local mode raises (a Java exception on a real wsadmin)
                connected = False
        if not connected:
            self.sync = {'mode': 'local', 'nodes': [], 'failed': []}
            print(LOCAL_MODE_MESSAGE)
            return []
        names = lines(ctl.queryNames('type=NodeSync,*'))
        synced, failed = [], []
        for n in names:
            node = self._node_of(n)
            ok = False
            try:
                ok = text(ctl.invoke(n, 'sync')) == 'true'
            except:  # noqa: E722
                ok = False
            if ok:
                synced.append(node)
                print('node synchronised: %s' % node)
            else:
                failed.append(node)
        if not names:
            print('connected, but no node agents to synchronise')
        self.sync = {'mode': 'connected', 'nodes': synced, 'failed': failed}
        return failed

    def result(self):
        r = {}
        for k in self.extra:
            r[k] = self.extra[k]
        r.update({
            'job': self.name,
            'changed': bool(self.changes) and (self.error is None or self.saved),
            'changes': self.changes,
            'saved': self.saved,
            'dry_run': self.dry_run,
            'sync': self.sync,
            'error': self.error,
            'warnings': self.warnings,
        })
        return r

    def _emit(self):
        print(RESULT_PREFIX + json.dumps(self.result(), sort_keys=True))

    def _abort(self, msg, code):
        self.error = mask_text(one_line(msg))
        if self.saved:  # failed after the save (node sync): the changes are in the repository
            self.error = 'saved, but then: ' + self.error
            code = EXIT_SYNC
        else:
            self._reset()
            if self.changes:
                self.extra['discarded'] = self.changes
                self.changes = []
        print(ERROR_PREFIX + '%s: %s' % (self.name, self.error))
        self._emit()
        sys.exit(code)

    def finish(self):
        """Save (or reset in dry-run / when nothing changed), sync, print the result line."""
        if self._done:
            return
        self._done = True
        failed = []
        if self.changes and not self.dry_run:
            self._cfg().save()
            self.saved = True
            print('saved: %d change(s)' % len(self.changes))
            failed = self._sync_nodes()
        else:
            self._reset()
            if self.changes:
                print('dry run: %d change(s) not saved' % len(self.changes))
            elif not self.read_only:
                print('no changes: the configuration already matches')
        if failed:
            self.error = 'saved, but node synchronisation failed for: %s' % ', '.join(failed)
            print(ERROR_PREFIX + '%s: %s' % (self.name, self.error))
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
            self._abort('interrupted', EXIT_ERROR)
        except JobError:
            e = sys.exc_info()[1]
            self._abort(text(e), e.exit_code)
        except:  # noqa: E722  Java exceptions (ScriptingException) are not Python Exceptions under Jython
            self._abort(describe_exception(), EXIT_ERROR)


def config_id(cid):
    """ConfigId(cid) (re-exported for jobs)."""
    return ConfigId(cid)
