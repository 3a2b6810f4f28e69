"""A throwaway OpenSSH server on 127.0.0.1 and fake deployment managers behind it, for the SSH tests.

    server = Sshd(tmp_dir).start()            # /usr/sbin/sshd -D -e -f <own sshd_config>, free port, own keys
    host = FakeDmgr.create(base, "a", src)    # a "profile" with bin/wsadmin.sh (runs the harness launcher against
                                              # its own copy of a Sametime cell), bin/backupConfig.sh and
                                              # bin/restoreConfig.sh
    server.stop()

The server logs in the current user (root here) with a user key made by ssh-keygen; the host key is made the same
way and written to a known_hosts file, so the tests can use host_key_check: strict. Nothing outside tmp_dir is
touched except /run/sshd (the privilege separation directory sshd needs when started as root), made if missing.
"""

import getpass
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SSHD = "/usr/sbin/sshd"


def sshd_missing_reason():
    """None when the SSH tests can run, else why not."""
    if not os.path.isfile(SSHD):
        return "no OpenSSH server at %s (apt-get install openssh-server)" % SSHD
    if not shutil.which("ssh-keygen"):
        return "no ssh-keygen on PATH (apt-get install openssh-client)"
    return None


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def keygen(path, comment="stwas-test"):
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path],
        check=True,
        stdout=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    return path


class Sshd(object):
    def __init__(self, base):
        self.base = os.path.abspath(base)
        os.makedirs(self.base, exist_ok=True)
        self.port = None
        self.proc = None
        self.user = getpass.getuser()
        self.host_key = os.path.join(self.base, "ssh_host_ed25519_key")
        self.user_key = os.path.join(self.base, "id_ed25519")
        self.other_key = os.path.join(self.base, "id_other")  # not authorized: a refused login
        self.authorized_keys = os.path.join(self.base, "authorized_keys")
        self.known_hosts = os.path.join(self.base, "known_hosts")
        self.config = os.path.join(self.base, "sshd_config")
        self.log = os.path.join(self.base, "sshd.log")
        self.pid_file = os.path.join(self.base, "sshd.pid")

    def start(self, timeout=20):
        keygen(self.host_key, "host")
        keygen(self.user_key)
        keygen(self.other_key)
        with open(self.user_key + ".pub") as f:
            pub = f.read()
        with open(self.authorized_keys, "w") as f:
            f.write(pub)
        os.chmod(self.authorized_keys, 0o600)
        if os.geteuid() == 0 and not os.path.isdir("/run/sshd"):
            os.makedirs("/run/sshd", 0o755, exist_ok=True)
        last = None
        for _attempt in range(5):  # a free port can be taken between the probe and sshd's bind
            self.port = free_port()
            with open(self.host_key + ".pub") as f:
                kind, blob = f.read().split()[:2]
            with open(self.known_hosts, "w") as f:
                f.write("[127.0.0.1]:%d %s %s\n" % (self.port, kind, blob))
            with open(self.config, "w") as f:
                f.write(
                    "\n".join(
                        [
                            "Port %d" % self.port,
                            "ListenAddress 127.0.0.1",
                            "HostKey %s" % self.host_key,
                            "PidFile %s" % self.pid_file,
                            "AuthorizedKeysFile %s" % self.authorized_keys,
                            "UsePAM no",
                            "StrictModes no",
                            "PermitRootLogin yes",
                            "PubkeyAuthentication yes",
                            "PasswordAuthentication no",
                            "KbdInteractiveAuthentication no",
                            "AllowUsers %s" % self.user,
                            "Subsystem sftp internal-sftp",
                            "LogLevel VERBOSE",  # DEBUG would also go to the sessions' stderr (sshd -e)
                            "MaxStartups 50:30:100",
                            "MaxSessions 50",
                            "",
                        ]
                    )
                )
            log = open(self.log, "ab")
            self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", self.config], stdout=log, stderr=log, stdin=subprocess.DEVNULL)
            log.close()
            deadline = time.time() + timeout
            while time.time() < deadline:
                if self.proc.poll() is not None:
                    break
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                    return self
                except OSError:
                    time.sleep(0.1)
            with open(self.log, errors="replace") as f:
                last = f.read()[-2000:]
            self.stop()
        raise RuntimeError("sshd did not start: %s" % last)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def read_log(self):
        with open(self.log, errors="replace") as f:
            return f.read()


WSADMIN_SH = r"""#!/bin/bash
# Fake wsadmin.sh of the stwas SSH tests: wsadmin's command line in, the harness launcher in local mode out.
# Drops -conntype/-host/-port (runs the harness in local mode, or in its emulated SOAP mode for a host made with
# soap=True, for jobs such as ltpa_keys that need a connection), reads the credentials of
# -javaoption -Dcom.ibm.SOAP.ConfigURL=file:PATH like wsadmin, hands the user on as STWAS_USER and records what it
# saw in MARK.* (the password only as its sha256). The password stays in the file, as in a real wsadmin: no process
# gets it in its environment (the harness checks none).
CONFIG=@CONFIG@
MARK=@MARK@
PY=@PY@
CONNTYPE=@CONNTYPE@
args=()
props=""
while [ $# -gt 0 ]; do
    case "$1" in
        -conntype|-host|-port) echo "$1 $2" >> "$MARK.options"; shift 2 ;;
        -javaoption)
            case "$2" in -Dcom.ibm.SOAP.ConfigURL=file:*) props="${2#-Dcom.ibm.SOAP.ConfigURL=file:}" ;; esac
            shift 2 ;;
        -f) args+=("$@"); break ;;
        *) args+=("$1"); shift ;;
    esac
done
if [ -n "$props" ]; then
    mode=$(stat -c %a "$props")
    if [ "$mode" != 600 ]; then echo "fake wsadmin: $props has mode $mode, not 600" >&2; exit 97; fi
    STWAS_USER=$(sed -n 's/^com\.ibm\.SOAP\.loginUserid=//p' "$props")
    export STWAS_USER
    sed -n 's/^com\.ibm\.SOAP\.loginPassword=//p' "$props" | tr -d '\n' | sha256sum | cut -d' ' -f1 > "$MARK.pwsha"
    printf '%s\n' "$STWAS_USER" > "$MARK.user"
    printf '%s\n' "$props" > "$MARK.props"
else
    rm -f "$MARK.pwsha" "$MARK.user" "$MARK.props"
fi
printf '%s\n' "$STWAS_SCRIPTS" > "$MARK.scripts"
sleep 1
exec env PYTHONPATH=@ROOT@ "$PY" -m harness.wsadmin -conntype "$CONNTYPE" -configRoot "$CONFIG" -interpreter cpython \
    "${args[@]}"
"""

BACKUP_CONFIG_SH = r"""#!/bin/bash
# Fake backupConfig.sh of the stwas SSH tests: backupConfig.sh ZIP -nostop zips the profile's config/.
if [ "$2" != "-nostop" ]; then echo "fake backupConfig: expected ZIP -nostop" >&2; exit 2; fi
echo "ADMU0116I: Tool information is being logged in file @PROFILE@/logs/backupConfig.log"
exec @PY@ - @CONFIG@ "$1" <<'EOF'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
n = 0
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for d, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(d, f)
            z.write(p, "Dmgr01/config/" + os.path.relpath(p, src))
            n += 1
print("ADMU5002I: %d files successfully backed up" % n)
EOF
"""

RESTORE_CONFIG_SH = r"""#!/bin/bash
# Fake restoreConfig.sh of the stwas SSH tests: restoreConfig.sh ZIP [-nostop] [-location DIR] [-quiet].
# "Stops" the servers unless -nostop (MARK.stopped), moves the config directory aside (config.old, config.old_2 ...)
# and unpacks the zip's config directory (the prefix before cells/<cell>/cell.xml) in its place. Records its
# arguments in MARK.restore. The ADMU texts are the fake's own.
MARK=@MARK@
zip="$1"; shift
nostop=0; loc=@CONFIG@
while [ $# -gt 0 ]; do
    case "$1" in
        -nostop) nostop=1; shift ;;
        -location) loc="$2"; shift 2 ;;
        -quiet) shift ;;
        *) echo "fake restoreConfig: unknown option $1" >&2; exit 2 ;;
    esac
done
printf '%s nostop=%s\n' "$zip" "$nostop" > "$MARK.restore"
[ -f "$zip" ] || { echo "ERROR: fake restoreConfig: no file $zip"; exit 1; }
echo "ADMU0116I: Tool information is being logged in file @PROFILE@/logs/restoreConfig.log"
if [ "$nostop" = 0 ]; then echo "ADMU2010I: Stopping all server processes for node DMgrNode"; date > "$MARK.stopped"; fi
exec @PY@ - "$zip" "$loc" <<'EOF'
import os, re, sys, zipfile
src, loc = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as z:
    names = [n for n in z.namelist() if not n.endswith("/")]
    roots = {m.group(1) for m in (re.match(r"^(.*?)cells/[^/]+/cell\.xml$", n) for n in names) if m}
    if len(roots) != 1:
        print("ERROR: fake restoreConfig: %s is not a backupConfig zip" % src)
        sys.exit(1)
    root = roots.pop()
    if os.path.exists(loc):
        old, n = loc + ".old", 1
        while os.path.exists(old):
            n += 1
            old = "%s.old_%d" % (loc, n)
        print("ADMU5502I: The directory %s already exists; renaming to %s" % (loc, old))
        os.rename(loc, old)
    count = 0
    for n in names:
        if n.startswith(root):
            dest = os.path.join(loc, n[len(root):])
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as f:
                f.write(z.read(n))
            count += 1
print("ADMU5506I: %d files successfully restored" % count)
EOF
"""


SOAP_CLIENT_PROPS = """# soap.client.props of the fake profile (no credentials)
com.ibm.SOAP.securityEnabled=false
com.ibm.SOAP.loginUserid=
com.ibm.SOAP.loginPassword=
com.ibm.SOAP.requestTimeout=180
com.ibm.ssl.alias=DefaultSSLSettings
"""


def _q(s):
    return "'" + str(s).replace("'", "'\\''") + "'"


class FakeDmgr(object):
    """A deployment manager "host": base/<name>/{profile/bin, profile/config, tmp, mark}."""

    def __init__(self, base, name):
        self.name = name
        self.dir = os.path.join(os.path.abspath(base), name)
        self.profile = os.path.join(self.dir, "profile")
        self.config = os.path.join(self.profile, "config")
        self.tmp = os.path.join(self.dir, "tmp")
        self.mark = os.path.join(self.dir, "mark")

    @classmethod
    def create(cls, base, name, config_src, wsadmin=True, soap=False):
        h = cls(base, name)
        for d in (os.path.join(h.profile, "bin"), os.path.join(h.profile, "properties"), os.path.join(h.profile, "logs"), h.tmp):
            os.makedirs(d, exist_ok=True)
        shutil.copytree(config_src, h.config)
        subst = {
            "@CONFIG@": _q(h.config),
            "@MARK@": _q(h.mark),
            "@PY@": _q(sys.executable),
            "@ROOT@": _q(ROOT),
            "@PROFILE@": h.profile,
            "@CONNTYPE@": "SOAP" if soap else "NONE",
        }
        scripts = {"backupConfig.sh": BACKUP_CONFIG_SH, "restoreConfig.sh": RESTORE_CONFIG_SH}
        if wsadmin:
            scripts["wsadmin.sh"] = WSADMIN_SH
        for fname, text in scripts.items():
            for k, v in subst.items():
                text = text.replace(k, v)
            path = os.path.join(h.profile, "bin", fname)
            with open(path, "w") as f:
                f.write(text)
            os.chmod(path, 0o755)
        with open(os.path.join(h.profile, "properties", "soap.client.props"), "w") as f:
            f.write(SOAP_CLIENT_PROPS)
        return h

    def read_mark(self, what):
        try:
            with open(self.mark + "." + what) as f:
                return f.read().strip()
        except OSError:
            return None

    def cell_config(self, sshd, **extra):
        """This host as a stwas.cells entry."""
        cfg = {
            "host": "127.0.0.1",
            "port": sshd.port,
            "user": sshd.user,
            "key_file": sshd.user_key,
            "profile": self.profile,
            "remote_tmp": self.tmp,
            "host_key_check": "strict",
            "known_hosts": sshd.known_hosts,
            "connect_timeout": 10,
        }
        cfg.update(extra)
        return cfg
