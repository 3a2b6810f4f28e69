"""The wsadmin user and password: from the environment, a prompt, or the host's soap.client.props.

Order (docs/remote.md):
  1. a cell with ``credentials: props`` never gets any: wsadmin reads the profile's soap.client.props;
  2. STWAS_WSADMIN_USER (or the cell's ``wsadmin_user``) and STWAS_WSADMIN_PASSWORD from the environment;
  3. what is still missing is asked for on the terminal (getpass for the password), only when stdin is a TTY;
  4. otherwise none: wsadmin falls back to the host's soap.client.props (and says so if that has none).

The password travels only inside a soap.client.props-style file written over SFTP into a private 0700
directory on the host, made 0600 before a byte is written, and removed after the run (see remote.run_job).
It is never part of a command line, an environment variable on the remote side, output or a log line.
"""

import getpass
import os
import sys

USER_ENV = "STWAS_WSADMIN_USER"
PASSWORD_ENV = "STWAS_WSADMIN_PASSWORD"

# soap.client.props keys that the generated file sets (any such line of the host's file is dropped)
_LOGIN_KEYS = ("com.ibm.SOAP.securityEnabled", "com.ibm.SOAP.loginUserid", "com.ibm.SOAP.loginPassword")


class Credentials(object):
    """A wsadmin user and password; repr and str never show the password."""

    __slots__ = ("user", "password", "source")

    def __init__(self, user, password, source):
        self.user = user
        self.password = password
        self.source = source

    def __repr__(self):
        return "Credentials(user=%r, password=*****, source=%r)" % (self.user, self.source)

    __str__ = __repr__


def from_environment(env=None, user_default=None):
    env = os.environ if env is None else env
    user = env.get(USER_ENV) or user_default
    password = env.get(PASSWORD_ENV)
    return user, password


def resolve(cells, env=None, stdin=None, prompt_user=None, prompt_password=None, err=None):
    """{cell name: Credentials or None}. Prompts at most once (for all cells that need it)."""
    env = os.environ if env is None else env
    stdin = sys.stdin if stdin is None else stdin
    err = sys.stderr if err is None else err
    prompt_user = prompt_user or (lambda text: input(text))
    prompt_password = prompt_password or (lambda text: getpass.getpass(text))
    try:
        tty = bool(stdin.isatty())
    except (AttributeError, ValueError):
        tty = False
    asked = {}
    out = {}
    for cell in cells:
        if cell.credentials == "props":
            out[cell.name] = None
            continue
        user, password = from_environment(env, cell.wsadmin_user)
        source = "environment"
        if (not user or not password) and tty:
            key = user or ""
            if key not in asked:
                u = user or prompt_user("wsadmin user for %s (empty: use the host's soap.client.props): " % cell.name).strip()
                p = prompt_password("wsadmin password for %s@%s: " % (u, cell.name)) if u else None
                asked[key] = (u, p)
            user, password = asked[key]
            source = "prompt"
        if user and password:
            out[cell.name] = Credentials(user, password, source)
        else:
            if user and not password:
                err.write(
                    "stwas: %s: STWAS_WSADMIN_USER is set but no password (STWAS_WSADMIN_PASSWORD, or run on a "
                    "terminal to be asked): using the host's soap.client.props\n" % cell.name
                )
            out[cell.name] = None
    return out


def _escape(value, key=False):
    """java.util.Properties escaping (ISO 8859-1 with \\uXXXX escapes)."""
    out = []
    for i, ch in enumerate(value):
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch in "\t\n\r\f":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}[ch])
        elif ch == " " and (key or i == 0):
            out.append("\\ ")
        elif ch in "=:#!":
            out.append("\\" + ch)
        elif code < 0x20 or code > 0x7E:
            if code > 0xFFFF:  # a surrogate pair
                code -= 0x10000
                out.append("\\u%04X\\u%04X" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
            else:
                out.append("\\u%04X" % code)
        else:
            out.append(ch)
    return "".join(out)


def soap_props(creds, base_text=None):
    """A soap.client.props with the login lines set: the host's file (base_text) without its login lines
    (continuation lines included), then securityEnabled, loginUserid and loginPassword."""
    lines = []
    if base_text:
        skipping = False
        for line in base_text.splitlines():
            stripped = line.strip()
            if skipping:
                skipping = stripped.endswith("\\") and not stripped.endswith("\\\\")
                continue
            name = stripped.split("=", 1)[0].split(":", 1)[0].strip()
            if not stripped.startswith(("#", "!")) and name in _LOGIN_KEYS:
                skipping = stripped.endswith("\\") and not stripped.endswith("\\\\")
                continue
            lines.append(line)
    else:
        lines.append("# generated by stwas for one wsadmin run; removed afterwards")
        lines.append("com.ibm.SOAP.requestTimeout=180")
    lines.append("com.ibm.SOAP.securityEnabled=true")
    lines.append("com.ibm.SOAP.loginUserid=" + _escape(creds.user))
    lines.append("com.ibm.SOAP.loginPassword=" + _escape(creds.password))
    return "\n".join(lines) + "\n"
