"""ltpa_keys.py: export the cell's LTPA keys to a password-protected key file, or import such a file (seed tip b,
sametime-operations.md 4.3) -- to share single sign-on keys with Domino and other WebSphere cells.

    STWAS_LTPA_PASSWORD=... wsadmin.sh -lang jython -conntype SOAP -f ltpa_keys.py --export /tmp/st.ltpa
    wsadmin.sh -lang jython -conntype SOAP -f ltpa_keys.py --import /tmp/domino.ltpa --password-file /root/ltpa.pw
    ... [--password-stdin] [--method auto|admintask|mbean] [--disable-auto-generate] [--dry-run]

The keys are those of the running deployment manager, so the job needs a connection (-conntype SOAP).
  --method admintask   AdminTask.exportLTPAKeys / importLTPAKeys (LTPACommandGroup, WebSphere 8.0 and later)
  --method mbean       the SecurityAdmin MBean: AdminControl.invoke_jmx(ObjectName(sec), 'exportLTPAKeys', [pw], ['[B'])
                       returns a java.util.Properties that is stored with the key-file header; import loads the file
                       into a java.util.Properties and invokes 'importLTPAKeys' (the WebSphere 6.1/7.0 route)
  --method auto        (default) AdminTask when it knows exportLTPAKeys, else the MBean

The key-file password comes from --password-file FILE (first line), --password-stdin, or the environment variable
STWAS_LTPA_PASSWORD -- never from a command-line argument (wsadmin echoes its arguments); it is never printed.

Idempotent: the key file encrypts with 3DES in ECB mode, so the same keys under the same password give the same
key-file values.  --export rewrites the file only when its keys differ from the cell's (or it does not exist);
--import changes nothing when the cell already has the file's keys.  --dry-run writes no file and imports nothing
(so a wrong password is only detected by a real run).  An import is saved with AdminConfig.save() and the nodes are
synchronised; the servers pick the keys up after a restart.  A wrong password or a file that is not a key file fails
with a clear error and leaves the cell unchanged.

Automatic key generation (stwaslib.ltpa): once the keys are shared with Domino, a scheduled regeneration breaks
single sign-on at the next rollover. After an export or import the job warns when the cell's key set group still
generates keys automatically (and when); --disable-auto-generate turns it off (KeySetGroup autoGenerate=false in
security.xml, saved and synchronised like any configuration change; alone it needs no connection).
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
from stwaslib import ltpa, passwords
from stwaslib.binary import char, latin1_bytes, latin1_text
from stwaslib.compat import contains, lstrip_chars, rstrip_chars
from stwaslib.configtext import lines, text
from stwaslib.digest import sha1_hex
from stwaslib.files import private_temp_file, read_bytes, remove_quietly

JOB = "ltpa_keys"
PASSWORD_ENV = "STWAS_LTPA_PASSWORD"
PASSWORD = passwords.PasswordInput("key-file password", PASSWORD_ENV)
KEY_FILE_HEADER = "IBM WebSphere Application Server key file"
SECRET_KEYS = ("com.ibm.websphere.ltpa.3DESKey", "com.ibm.websphere.ltpa.DESKey")
PRIVATE_KEY = "com.ibm.websphere.ltpa.PrivateKey"
PUBLIC_KEY = "com.ibm.websphere.ltpa.PublicKey"
REALM_KEY = "com.ibm.websphere.ltpa.Realm"
METHODS = ("auto", "admintask", "mbean")
NOT_CONNECTED = (
    "the LTPA keys are those of the running deployment manager: run wsadmin with -conntype SOAP "
    "(AdminControl is not available in local mode)"
)


# --------------------------------------------------------------------------------------------------------------
# key files (java.util.Properties text)
# --------------------------------------------------------------------------------------------------------------
def _unescape(s):
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            if nxt == "u" and i + 6 <= len(s):
                out.append(char(int(s[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append({"t": "\t", "n": "\n", "r": "\r", "f": "\f"}.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def parse_properties(data):
    """{key: value} of a java.util.Properties text (what the key file holds)."""
    out = {}
    logical = []
    pending = ""
    for raw in data.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = lstrip_chars(raw, " \t\f")
        if not pending and (not line or line[0] in "#!"):
            continue
        line = pending + line
        n = len(line) - len(rstrip_chars(line, "\\"))
        if n % 2 == 1:
            pending = line[:-1]
            continue
        pending = ""
        logical.append(line)
    if pending:
        logical.append(pending)
    for line in logical:
        i = 0
        while i < len(line):
            if line[i] == "\\":
                i += 2
                continue
            if line[i] in "=: \t\f":
                break
            i += 1
        key = line[:i]
        j = i
        while j < len(line) and line[j] in " \t\f":
            j += 1
        if j < len(line) and line[j] in "=:":
            j += 1
            while j < len(line) and line[j] in " \t\f":
                j += 1
        out[_unescape(key)] = _unescape(line[j:])
    return out


def read_file(path):
    return latin1_text(read_bytes(path))


def key_values(props):
    """The key material of a key file as it is written: (encrypted secret, encrypted private, public)."""
    secret = None
    for k in SECRET_KEYS:
        if props.get(k):
            secret = props.get(k).strip()
            break
    return (secret, (props.get(PRIVATE_KEY) or "").strip(), (props.get(PUBLIC_KEY) or "").strip())


def is_key_file(props):
    s, p, q = key_values(props)
    return s and p and q and 1 or 0


def fingerprint(props):
    """A short, non-secret identifier of a key set: SHA-1 of the public key text."""
    pub = key_values(props)[2]
    if not pub:
        return None
    return sha1_hex(latin1_bytes(pub))[:16]


# --------------------------------------------------------------------------------------------------------------
# the two routes
# --------------------------------------------------------------------------------------------------------------
class Keys:
    """Export/import through AdminTask (WAS >= 8.0) or the SecurityAdmin MBean; scrubs the password from errors."""

    def __init__(self, job, password, method):
        self.job = job
        self.password = password
        self.method = method

    def _fail(self, what):
        raise stwaslib.JobError(
            "%s failed (%s): %s" % (what, self.label(), passwords.scrub(self.job.describe_exception(), self.password))
        )

    def label(self):
        if self.method == "admintask":
            return "AdminTask"
        return "SecurityAdmin MBean"

    def choose(self, wanted):
        if wanted != "auto":
            self.method = wanted
            return
        self.method = "mbean"
        try:
            h = text(self.job.AdminTask.help("exportLTPAKeys")) or ""
            if contains(h, "exportLTPAKeys") and not contains(h, "WASX8010E"):
                self.method = "admintask"
        except:  # noqa: E722  no AdminTask command (WebSphere 7): the MBean route
            pass

    def _security_admin(self):
        names = lines(self.job.AdminControl.queryNames("process=dmgr,type=SecurityAdmin,*"))
        if not names:
            names = lines(self.job.AdminControl.queryNames("type=SecurityAdmin,*"))
        if not names:
            raise stwaslib.JobError("no SecurityAdmin MBean found on the deployment manager")
        from javax.management import ObjectName

        return ObjectName(names[0])

    def _pw_bytes(self):
        from java.lang import String

        return String(self.password).getBytes()

    def export_to(self, path):
        """Write the cell's keys to path (a new, private file)."""
        if self.method == "admintask":
            try:
                self.job.AdminTask.exportLTPAKeys(["-ltpaKeyFile", path, "-password", self.password])
            except:  # noqa: E722
                self._fail("exportLTPAKeys")
            return
        sec = self._security_admin()
        try:
            props = self.job.AdminControl.invoke_jmx(sec, "exportLTPAKeys", [self._pw_bytes()], ["[B"])
            from java.io import FileOutputStream

            out = FileOutputStream(path)
            try:
                props.store(out, KEY_FILE_HEADER)
            finally:
                out.close()
        except:  # noqa: E722
            self._fail("exportLTPAKeys")

    def import_from(self, path):
        if self.method == "admintask":
            try:
                self.job.AdminTask.importLTPAKeys(["-ltpaKeyFile", path, "-password", self.password])
            except:  # noqa: E722
                self._fail("importLTPAKeys")
            return
        sec = self._security_admin()
        try:
            from java.io import FileInputStream
            from java.util import Properties

            props = Properties()
            inp = FileInputStream(path)
            try:
                props.load(inp)
            finally:
                inp.close()
            self.job.AdminControl.invoke_jmx(sec, "importLTPAKeys", [props, self._pw_bytes()], ["java.util.Properties", "[B"])
        except:  # noqa: E722
            self._fail("importLTPAKeys")

    def current(self, directory):
        """The cell's keys as key-file properties encrypted with our password (via a private temp file)."""
        tmp = private_temp_file(".stwas-ltpa-", ".tmp", directory)
        try:
            self.export_to(tmp)
            return parse_properties(read_file(tmp)), tmp
        except:  # noqa: E722
            remove_quietly(tmp)
            raise


def _check_connected(job):
    try:
        job.AdminControl.getType()
    except:  # noqa: E722
        raise stwaslib.JobError(NOT_CONNECTED)


# --------------------------------------------------------------------------------------------------------------
# the job
# --------------------------------------------------------------------------------------------------------------
def do_export(job, keys, path):
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise stwaslib.JobError("the directory of %s does not exist" % path)
    cur, tmp = keys.current(directory)
    try:
        fp = fingerprint(cur)
        job.extra["public_key_sha1"] = fp
        old = None
        if os.path.exists(path):
            try:
                old = parse_properties(read_file(path))
            except (IOError, OSError):
                old = None
        if old is not None and is_key_file(old) and key_values(old) == key_values(cur):
            job.info("unchanged: %s already holds the keys of the cell (public key %s) under this password" % (path, fp))
            return
        if not job.dry_run:
            if os.path.exists(path):
                os.remove(path)
            os.rename(tmp, path)
            tmp = None
        was = None
        if old is not None:
            was = {"public_key_sha1": fingerprint(old)}
        verb = "wrote"
        if job.dry_run:
            verb = "would write"
        job.record(
            "export",
            "LTPAKeys",
            path,
            was,
            {"public_key_sha1": fp, "realm": cur.get(REALM_KEY)},
            detail="%s the keys of the cell (public key %s, realm %s) to %s via %s"
            % (verb, fp, cur.get(REALM_KEY), path, keys.label()),
        )
    finally:
        if tmp:
            remove_quietly(tmp)


def do_import(job, keys, path):
    try:
        new = parse_properties(read_file(path))
    except (IOError, OSError):
        e = sys.exc_info()[1]
        raise stwaslib.JobError("cannot read the key file %s: %s" % (path, getattr(e, "strerror", None) or "error"))
    if not is_key_file(new):
        raise stwaslib.JobError("%s is not an LTPA key file (no com.ibm.websphere.ltpa.3DESKey/PrivateKey/PublicKey)" % path)
    directory = os.path.dirname(os.path.abspath(path))
    cur, tmp = keys.current(directory)
    remove_quietly(tmp)
    fp_old, fp_new = fingerprint(cur), fingerprint(new)
    job.extra["public_key_sha1"] = fp_new
    if key_values(cur) == key_values(new):
        job.info("unchanged: the cell already uses the keys of %s (public key %s)" % (path, fp_new))
        return
    verb = "would import"
    if not job.dry_run:
        keys.import_from(path)
        verb = "imported"
    job.record(
        "import",
        "LTPAKeys",
        job.AdminControl.getCell(),
        {"public_key_sha1": fp_old},
        {"public_key_sha1": fp_new, "realm": new.get(REALM_KEY)},
        detail="%s the keys of %s (public key %s -> %s) via %s" % (verb, path, fp_old, fp_new, keys.label()),
    )


def finish_export(job):
    """Job.finish for --export: the workspace is untouched (reset), nothing is saved, no node sync; the job's own
    finish then does nothing."""
    job._done = 1
    job._reset()
    job.sync = {"mode": "not needed", "nodes": [], "failed": []}
    if not job.changes:
        stwaslib.write_line("no changes: the key file already holds the keys of the cell")
    elif job.dry_run:
        stwaslib.write_line("dry run: %s not written" % job.extra.get("file"))
    else:
        stwaslib.write_line("written: %s" % job.extra.get("file"))
    job._emit()


def auto_generation(job, disable):
    """Check the cell's automatic LTPA key generation; turn it off with disable (a recorded change)."""
    group = ltpa.key_set_group(job)
    if group is None:
        job.info("note: security.xml names no LTPA key set group: nothing generates keys automatically")
        return
    when = ltpa.describe_schedule(group["schedule"])
    job.extra["auto_generate"] = stwaslib.boolean(group["auto_generate"] and not disable)
    if not group["auto_generate"]:
        job.info("automatic LTPA key generation is off (key set group %s): shared keys stay valid" % group["name"])
        return
    if disable:
        job.ensure(group["id"], "KeySetGroup", group["name"], [("autoGenerate", "false")])
        return
    job.warn(
        "automatic LTPA key generation is on (key set group %s, %s): the next run makes new keys and SSO with "
        "Domino and the other cells breaks; run ltpa_keys.py --disable-auto-generate once the keys are shared"
        % (group["name"], when or "no schedule")
    )


def main(job, opts):
    if opts.export_file and opts.import_file or not (opts.export_file or opts.import_file or opts.disable_auto):
        raise stwaslib.UsageError("give exactly one of --export FILE and --import FILE, and/or --disable-auto-generate")
    if opts.method not in METHODS:
        raise stwaslib.UsageError("--method takes one of %s" % ", ".join(METHODS))
    if not (opts.export_file or opts.import_file):
        # the key generation schedule runs in the deployment manager: restart it (and synchronise)
        job.restart_kind = stwaslib.restart.SERVERS
        for s in job.topology().servers:
            if s.type == "DEPLOYMENT_MANAGER":
                job.affects(s)
        job.extra["action"] = "disable-auto-generate"
        auto_generation(job, 1)
        return
    _check_connected(job)  # before the password is asked for: without a connection it is not needed
    password = PASSWORD.read(opts)[0]
    keys = Keys(job, password, opts.method)
    keys.choose(opts.method)
    job.extra["method"] = keys.label()
    if opts.export_file:
        job.extra["action"] = "export"
        job.extra["file"] = opts.export_file
        do_export(job, keys, opts.export_file)
        auto_generation(job, opts.disable_auto)
        if not [c for c in job.changes if c["type"] == "KeySetGroup"]:
            finish_export(job)  # an export writes a file, not the configuration: nothing to save or synchronise
    else:
        job.extra["action"] = "import"
        job.extra["file"] = opts.import_file
        do_import(job, keys, opts.import_file)
        auto_generation(job, opts.disable_auto)
        if job.changes and not job.dry_run:
            job.info(
                "restart the servers of the cell to use the imported keys; import the same file into Domino's "
                "Web SSO configuration document and the other cells"
            )


def build_job(scope):
    job = stwaslib.Job(
        JOB,
        scope,
        restart=stwaslib.restart.SECURITY,
        description="Export the LTPA keys of the cell to a password-protected key file "
        "(for Domino and other cells) or import such a file. Needs -conntype SOAP. The password is "
        "read from a file, standard input or %s." % PASSWORD_ENV,
    )
    job.add_option("--export", dest="export_file", metavar="FILE", help="write the keys of the cell to FILE")
    job.add_option("--import", dest="import_file", metavar="FILE", help="make the keys in FILE the keys of the cell")
    job.add_option(
        "--method",
        dest="method",
        default="auto",
        metavar="auto|admintask|mbean",
        help="AdminTask (WAS >= 8.0) or the SecurityAdmin MBean (WAS 7); default auto",
    )
    job.add_option(
        "--disable-auto-generate",
        dest="disable_auto",
        action="store_true",
        help="turn automatic LTPA key generation off (keys shared with Domino must not roll over); alone it needs no connection",
    )
    PASSWORD.add_options(job)
    return job


if __name__ == "__main__":
    build_job(globals()).run(main)
